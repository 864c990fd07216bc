"""Adding and switching off languages: validate, plan every change, then write it all or nothing.

Used by scripts/new_language.py and scripts/remove_language.py. A new language gets:

* docs/<code>/: a copy of every default-language file; Markdown pages carry
  `translation_status: untranslated` plus the stamp of the English text they copy
  (source_commit when that text is committed, source_hash always). Passages about other
  countries than the one the site serves are left out of the copies: the new language
  never has to carry them;
* config/languages/<code>.yml: a copy of the default language's file (interface strings,
  light/dark toggle names, navigation titles) with the site's name, description and
  copyright line, all still in the default language, to translate;
* an entry in mkdocs.yml's i18n `languages:` list (`locale` and `name`), edited with
  ruamel.yaml so that comments and `!ENV` tags stay as they are;
* overrides/partials/languages/<code>.html only when Material has no interface strings for
  the code (otherwise the theme cannot render); it falls back to English.

Nothing is written until everything has been checked, including that MkDocs reads the new
mkdocs.yml and finds exactly the language we meant to add; if writing fails half-way,
everything written so far is undone, mkdocs.yml included.

Switching a language off sets `build: false` on its entry and keeps its files, so that
upstream's changes to them keep merging cleanly; deleting them is a separate choice
(LOCALIZING.md, "Switch a language off").
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import project, yaml_edit
from .files import write_atomically
from .markdown_outline import read_front_matter, set_front_matter_values, source_hash
from .parity import UNTRANSLATED
from .translations import Git

try:  # the plugin's own rule, so that this tool accepts exactly what the build accepts
    from mkdocs_static_i18n.config import RE_LOCALE
except ImportError:  # pragma: no cover - same pattern as mkdocs-static-i18n 1.3.1's config.py
    RE_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")

OVERRIDES_DIR = project.REPO_ROOT / "overrides"
TEST_DATA_DIR = project.REPO_ROOT / "tests" / "data" / "languages"
ACCEPTED = "xx, xx-Scri, xx-RR, xx-Scri-RR or xx_RR (e.g. de, sr-Latn, pt-BR, zh-Hant-TW, de_AT)"


class ScaffoldError(RuntimeError):
    """Invalid input or a state that makes scaffolding unsafe (exit code 2)."""


def canonical_code(code: str) -> str:
    """BCP 47 letter case: language lower, script title case, region upper ("sr-Latn", "pt-BR")."""
    parts = re.split(r"([-_])", code)
    out = []
    for index, part in enumerate(parts):
        if index == 0:
            out.append(part.lower())
        elif part in "-_":
            out.append(part)
        elif len(part) == 4:
            out.append(part.title())
        else:
            out.append(part.upper())
    return "".join(out)


def validate_code(code: str) -> None:
    if code.lower() == "null":
        raise ScaffoldError("'null' is reserved by mkdocs-static-i18n (it adds a link-only switcher entry)")
    if not RE_LOCALE.fullmatch(code):  # fullmatch: the plugin's `$` would let "de\n" through
        if re.fullmatch(r"[A-Za-z]{3}([-_].*)?", code):
            raise ScaffoldError(
                f"{code!r} is a three-letter code. mkdocs-static-i18n (the plugin that builds each language) "
                f"accepts only two-letter ISO 639-1 codes, optionally with a script and/or region: {ACCEPTED}. "
                "If your language has a two-letter code, use it (e.g. 'fi', not 'fin'). If it has only a three-letter "
                "code (e.g. 'fil' Filipino), see LOCALIZING.md, \"Languages with only a three-letter code\".")
        if re.fullmatch(r"[A-Za-z]{2}([-_][A-Za-z]{4})?([-_][A-Za-z]{2})?", code) and \
                RE_LOCALE.fullmatch(canonical_code(code)):
            raise ScaffoldError(f"{code!r}: write it {canonical_code(code)!r} (language in lower case, script "
                                f"capitalised, region in upper case); {ACCEPTED}")
        raise ScaffoldError(f"{code!r} is not a language code the build accepts; use an ISO 639-1 code such as "
                            f"'de' (not the language's name), optionally with a script or region: {ACCEPTED}")
    if canonical_code(code) != code:
        raise ScaffoldError(f"{code!r}: write it {canonical_code(code)!r} (language in lower case, script "
                            f"capitalised, region in upper case)")


def validate_name(name: str) -> None:
    if not name.strip():
        raise ScaffoldError("the display name is empty; give the language's name in that language, e.g. \"Deutsch\"")
    if any(ord(character) < 32 for character in name) or len(name) > 60:
        raise ScaffoldError("the display name must be one short line, e.g. \"Deutsch\" or \"Português (Brasil)\"")


def _same_code(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


# --------------------------------------------------------------------------- mkdocs.yml


def _language_list(document) -> list:
    try:
        return document["plugins"]["i18n"]["languages"]
    except (KeyError, TypeError):
        raise ScaffoldError("mkdocs.yml has no `plugins: {i18n: {languages: [...]}}` mapping; add the language by hand "
                            "(LOCALIZING.md)") from None


def _read_back(text: str):
    """MkDocs' reading of a would-be mkdocs.yml (INHERIT included): written next to the real
    one for the check, then removed."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    probe = project.MKDOCS_YML.with_name(f".mkdocs.check-{os.getpid()}.yml")
    try:
        probe.write_text(text, encoding="utf-8")
        preview = os.environ.pop("BUILD_ONLY_LOCALE", None)
        try:
            return load_config(str(probe))
        finally:
            if preview is not None:
                os.environ["BUILD_ONLY_LOCALE"] = preview
    except (Abort, ConfigurationError) as error:
        raise ScaffoldError(f"MkDocs cannot read mkdocs.yml after the change ({error}); nothing was written") from error
    finally:
        probe.unlink(missing_ok=True)


def _entries(config) -> dict:
    return {language.locale: dict(language) for language in config.plugins["i18n"].config.languages}


# --------------------------------------------------------------------------- adding a language


@dataclass
class Plan:
    code: str
    name: str
    default_locale: str
    mkdocs_before: str
    mkdocs_after: str
    language_file: Path
    language_text: str
    files: dict[str, bytes]  # path inside docs/<code>/ -> content
    pages: list[str]
    theme_strings: Path | None = None  # overrides/partials/languages/<code>.html to create
    theme_strings_text: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def docs_dir(self) -> Path:
        return project.DOCS_DIR / self.code


def material_has_language(code: str) -> bool:
    import material

    theme = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return (theme / f"{code}.html").exists() or (OVERRIDES_DIR / "partials" / "languages" / f"{code}.html").exists()


def _theme_strings(code: str) -> str:
    return (
        "{#-\n"
        f"  Material for MkDocs ships no interface strings for \"{code}\"; scripts/new_language.py\n"
        "  created this file so that the theme can render. Every key missing here falls back to\n"
        "  English (Material's partials/languages/en.html lists them: \"search.placeholder\", ...).\n"
        "  Add translations as \"key\": \"text\" lines.\n"
        "-#}\n"
        "{% macro t(key) %}{{ {\n"
        f"  \"language\": \"{code.replace('_', '-')}\",\n"
        f"  \"direction\": \"{project.text_direction(code)}\",\n"
        "}[key] }}{% endmacro %}\n"
    )


def language_file_text(code: str, name: str, default_locale: str, config) -> str:
    """config/languages/<code>.yml for a new language: the default language's file, with the
    site's name, description and copyright line, still in the default language."""
    template = project.language_file(default_locale).read_text(encoding="utf-8")
    body = template[template.index("\n\n") + 2:] if template.startswith("#") else template  # drop its header
    today = datetime.date.today().isoformat()
    identity = {key: " ".join(str(config.get(key)).split()) for key in ("site_name", "site_description", "copyright")
                if config.get(key)}
    lines = [f"# {name} ({code}): interface strings, navigation titles and the site's name in this language.",
             f"# Scaffolded by scripts/new_language.py on {today}. Every value is still in the default",
             f"# language ({default_locale}): translate it (LOCALIZING.md, \"What to translate\"). Keep the keys and",
             "# any {n}, {name}, {phone}, {summary} placeholders. Nav titles: translate the value after each colon.",
             ""]
    head = yaml_edit.dump(yaml_edit.mapping(**identity)) if identity else ""
    return "\n".join(lines) + head + "\n" + body


def other_countries_left_out(text: str, code: str, where: str) -> str:
    """A page without the passages written for other countries than `code` (a new
    language has no reason to carry them). Role passages stay: they depend on the data."""
    from .country import passages

    lines = text.split("\n")
    dropped = {n for p in passages(text, where) if p.kind == "country" and p.code != code
               for n in range(p.first, p.last + 1)}
    return "\n".join(line for number, line in enumerate(lines, start=1) if number not in dropped)


def untranslated_copy(default, rel: str, git: Git, head: str | None, country_code: str) -> tuple[str, bool]:
    """The default language's page as a pending copy: marked untranslated, stamped with the
    text it copies, and without the passages of other countries than the one the site serves.
    Returns (text, whether that text is committed at `head`)."""
    english = (project.DOCS_DIR / default.locale / rel).read_text(encoding="utf-8")
    front = read_front_matter(english)
    if front.error:
        raise ScaffoldError(f"docs/{default.locale}/{rel}: {front.error}; fix it first (nothing was written)")
    digest = source_hash(english)
    committed = git.show(head, f"docs/{default.locale}/{rel}") if head else None
    commit = head if committed is not None and source_hash(committed) == digest else None
    values = {"translation_status": UNTRANSLATED, "source_commit": commit, "source_hash": digest}
    try:
        copy = other_countries_left_out(english, country_code, f"docs/{default.locale}/{rel}")
    except ValueError as error:
        raise ScaffoldError(str(error)) from None
    try:
        return set_front_matter_values(copy, values), commit is not None
    except ValueError as error:
        raise ScaffoldError(f"docs/{default.locale}/{rel}: {error} (nothing was written)") from error


def plan(code: str, name: str) -> Plan:
    validate_code(code)
    validate_name(name)
    config = project.load_mkdocs_config()
    before = _entries(config)
    default_locale = project.declared_default_locale()
    clash = next((locale for locale in before if _same_code(locale, code)), None)
    if clash:
        state = "switched off (build: false); switch it on by deleting that line" if before[clash].get("build") is False \
            else "already offered"
        raise ScaffoldError(f"language {clash!r} is in mkdocs.yml ({state}); nothing was written")
    existing = [p.name for p in project.DOCS_DIR.iterdir() if _same_code(p.name, code)] if project.DOCS_DIR.exists() else []
    if existing:
        raise ScaffoldError(f"docs/{existing[0]}/ already exists; nothing was written. Move it away or delete it "
                            "if it is left over from an earlier attempt.")
    language_file = project.language_file(code)
    if language_file.exists():
        raise ScaffoldError(f"{language_file.relative_to(project.REPO_ROOT)} already exists; nothing was written. "
                            "Add the language to mkdocs.yml by hand, or delete the file if it is left over.")
    source_dir = project.DOCS_DIR / default_locale
    if not source_dir.is_dir():
        raise ScaffoldError(f"docs/{default_locale}/ (the default language's pages) does not exist")

    text = project.MKDOCS_YML.read_text(encoding="utf-8")
    document = yaml_edit.load(text)
    _language_list(document).append(yaml_edit.mapping(locale=code, name=name))
    after = yaml_edit.dump(document)
    language_text = language_file_text(code, name, default_locale, config)
    _verify_added(after, before, code, name, language_text, default_locale)

    git = Git(project.REPO_ROOT)
    head = git.commit("HEAD")
    country = project.country_code()
    files: dict[str, bytes] = {}
    pages, uncommitted = [], []
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(source_dir).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        if path.suffix != ".md":
            files[rel] = path.read_bytes()
            continue
        page_text, committed = untranslated_copy(project.default_language(), rel, git, head, country)
        files[rel] = page_text.encode("utf-8")
        if head and not committed:
            uncommitted.append(rel)
        pages.append(rel)
    notes = []
    if uncommitted:
        notes.append("these English pages have changes that are not committed, so their copies are stamped with "
                     "source_hash only: " + ", ".join(uncommitted) + ". Commit the English pages, then run "
                     "scripts/translation_status.py update to stamp the copies with the commit")
    if not head:
        notes.append("no git history here: pages are stamped with source_hash only")

    result = Plan(code, name, default_locale, text, after, language_file, language_text, files, pages, notes=notes)
    if not material_has_language(code):
        result.theme_strings = OVERRIDES_DIR / "partials" / "languages" / f"{code}.html"
        result.theme_strings_text = _theme_strings(code)
        result.notes.append(f"Material has no interface strings for {code!r}: "
                            f"{result.theme_strings.relative_to(project.REPO_ROOT)} falls back to English")
    if project.text_direction(code) == "rtl":
        result.notes.append(f"{code} is written right to left: pages get dir=\"rtl\"; read LOCALIZING.md, "
                            "\"Right-to-left languages\"")
    return result


def _verify_added(after: str, before: dict, code: str, name: str, language_text: str, default_locale: str) -> None:
    """MkDocs must read the new mkdocs.yml and see exactly one more language, as intended,
    and the new language file must have the default language's keys."""
    from .yaml_files import YamlFileError, parse_yaml

    entries = _entries(_read_back(after))
    if set(entries) != set(before) | {code}:
        raise ScaffoldError(f"mkdocs.yml would declare {sorted(entries)}, not {sorted(set(before) | {code})}; "
                            "nothing was written")
    for locale, entry in before.items():
        if entries[locale] != entry:
            raise ScaffoldError(f"the change would alter language {locale!r}; nothing was written")
    if entries[code]["name"] != name:
        raise ScaffoldError("the new mkdocs.yml entry does not read back as intended; nothing was written")
    try:
        new = parse_yaml(language_text, f"config/languages/{code}.yml")
    except YamlFileError as error:
        raise ScaffoldError(f"{error}; nothing was written") from None
    template = project.read_language_file(default_locale)
    if new.get("extra") != template.get("extra") or new.get("nav_translations") != template.get("nav_translations"):
        raise ScaffoldError(f"config/languages/{code}.yml would not match {default_locale}'s keys; nothing was written")


def apply(plan: Plan) -> None:
    """Write everything; on any failure undo what was written, mkdocs.yml included."""
    staging = project.DOCS_DIR / f".{plan.code}.new-language-{os.getpid()}"
    created: list[Path] = []
    mkdocs_written = False
    try:
        for rel, content in plan.files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if plan.docs_dir.exists():
            raise ScaffoldError(f"docs/{plan.code}/ appeared while scaffolding; nothing was written")
        staging.rename(plan.docs_dir)
        created.append(plan.docs_dir)
        for path, text in ((plan.theme_strings, plan.theme_strings_text), (plan.language_file, plan.language_text)):
            if path is None:
                continue
            if path.exists():
                raise ScaffoldError(f"{path} appeared while scaffolding; nothing was written")
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text)
            created.append(path)
        if project.MKDOCS_YML.read_text(encoding="utf-8") != plan.mkdocs_before:
            raise ScaffoldError("mkdocs.yml changed while scaffolding (someone else edited it); nothing was "
                                "written: run the command again")
        write_atomically(project.MKDOCS_YML, plan.mkdocs_after)
        mkdocs_written = True
    except BaseException:
        # The new files first: if restoring mkdocs.yml fails too (a full disk), they are gone anyway.
        for path in reversed(created):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if mkdocs_written or project.MKDOCS_YML.read_text(encoding="utf-8") != plan.mkdocs_before:
            write_atomically(project.MKDOCS_YML, plan.mkdocs_before)
        raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------- switching a language off


@dataclass
class Removal:
    code: str
    delete: bool
    mkdocs_before: str
    mkdocs_after: str
    paths: list[Path]  # folders and files to delete (only with delete=True)


def plan_removal(code: str, delete: bool = False) -> Removal:
    config = project.load_mkdocs_config()
    before = _entries(config)
    if code not in before:
        raise ScaffoldError(f"mkdocs.yml declares no language {code!r} (it has: {', '.join(before)})")
    if before[code].get("default"):
        raise ScaffoldError(f"{code!r} is the default language; removing it is not supported. Make another "
                            "language the default first (LOCALIZING.md, \"Switch a language off\")")
    if not any(entry.get("build") is not False for locale, entry in before.items() if locale != code):
        raise ScaffoldError("the site would have no language left")
    if before[code].get("build") is False and not delete:
        raise ScaffoldError(f"{code!r} is already switched off (build: false); add --delete to delete its files too")
    text = project.MKDOCS_YML.read_text(encoding="utf-8")
    document = yaml_edit.load(text)
    entries = _language_list(document)
    index = next(i for i, entry in enumerate(entries) if entry.get("locale") == code)
    if delete:
        del entries[index]
    else:
        entries[index]["build"] = False
    after = yaml_edit.dump(document)
    new = _entries(_read_back(after))
    expected = set(before) - {code} if delete else set(before)
    if set(new) != expected:
        raise ScaffoldError(f"mkdocs.yml would declare {sorted(new)}, not {sorted(expected)}; nothing was changed")
    for locale, entry in new.items():
        wanted = {**before[locale], "build": False} if locale == code else before[locale]
        if entry != wanted:
            raise ScaffoldError(f"the change would alter language {locale!r}; nothing was changed")
    paths = []
    if delete:
        candidates = [project.DOCS_DIR / code, project.language_file(code),
                      OVERRIDES_DIR / "partials" / "languages" / f"{code}.html", TEST_DATA_DIR / f"{code}.yml"]
        paths = [path for path in candidates if path.exists()]
    return Removal(code, delete, text, after, paths)


def apply_removal(removal: Removal) -> None:
    if project.MKDOCS_YML.read_text(encoding="utf-8") != removal.mkdocs_before:
        raise ScaffoldError("mkdocs.yml changed meanwhile; nothing was changed: run the command again")
    write_atomically(project.MKDOCS_YML, removal.mkdocs_after)
    for path in removal.paths:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
