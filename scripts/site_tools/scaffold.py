"""Scaffolding a new language: validate, plan every change, then write it all or nothing.

Used by scripts/new_language.py. A new language gets:

* docs/<code>/: a copy of every default-language file; Markdown pages carry
  `translation_status: untranslated` plus the stamp of the English text they copy
  (source_commit when that text is committed, source_hash always);
* a language block in mkdocs.yml, inserted as text right after the last language of the
  i18n plugin's `languages:` list (the file has !ENV tags and comments: it is never
  round-tripped through a YAML library), holding site_name/site_description/copyright,
  every `extra` key and every nav title, all still in English;
* overrides/partials/languages/<code>.html only when Material has no interface strings for
  the code (otherwise the build cannot render the theme); it falls back to English.

Nothing is written until everything has been checked, including that MkDocs reads the new
mkdocs.yml and finds exactly the language we meant to add.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import project
from .markdown_outline import read_front_matter, set_front_matter_values, source_hash
from .parity import UNTRANSLATED, nav_titles
from .translations import Git

try:  # the plugin's own rule, so that this tool accepts exactly what the build accepts
    from mkdocs_static_i18n.config import RE_LOCALE
except ImportError:  # pragma: no cover - same pattern as mkdocs-static-i18n 1.3.1's config.py
    RE_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")

OVERRIDES_DIR = project.REPO_ROOT / "overrides"


class ScaffoldError(RuntimeError):
    """Invalid input or a state that makes scaffolding unsafe (exit code 2)."""


def validate_code(code: str) -> None:
    if code.lower() == "null":
        raise ScaffoldError("'null' is reserved by mkdocs-static-i18n (it adds a link-only switcher entry)")
    if RE_LOCALE.match(code):
        return
    accepted = "xx, xx-Scri, xx-RR, xx-Scri-RR or xx_RR (e.g. de, sr-Latn, pt-BR, zh-Hant-TW, de_AT)"
    if re.fullmatch(r"[A-Za-z]{3}([-_].*)?", code):
        raise ScaffoldError(
            f"{code!r} is a three-letter code. mkdocs-static-i18n (the plugin that builds each language) "
            f"accepts only two-letter ISO 639-1 codes, optionally with a script and/or region: {accepted}. "
            "If your language has a two-letter code, use it (e.g. 'fi', not 'fin'). If it has only a three-letter "
            "code (e.g. 'fil' Filipino), see LOCALIZING.md, \"Languages with only a three-letter code\"."
        )
    if re.fullmatch(r"[A-Z]{2}", code):
        raise ScaffoldError(f"{code!r}: write the language code in lower case ({code.lower()!r}); {accepted}")
    raise ScaffoldError(
        f"{code!r} is not a language code the build accepts; use an ISO 639-1 code such as 'de' "
        f"(not the language's name), optionally with a script or region: {accepted}"
    )


def validate_name(name: str) -> None:
    if not name.strip():
        raise ScaffoldError("the display name is empty; give the language's name in that language, e.g. \"Deutsch\"")
    if any(ord(character) < 32 for character in name) or len(name) > 60:
        raise ScaffoldError("the display name must be one short line, e.g. \"Deutsch\" or \"Português (Brasil)\"")


def _same_code(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


# --------------------------------------------------------------------------- mkdocs.yml text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def find_language_list_end(text: str) -> tuple[int, int]:
    """(index of the line after the last language block, indentation of its "- " items)."""
    lines = text.splitlines(keepends=True)
    plugin = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s+i18n\s*:\s*$", line)), None)
    if plugin is None:
        raise ScaffoldError("mkdocs.yml has no `- i18n:` plugin entry; add the language by hand (LOCALIZING.md)")
    plugin_indent = _indent(lines[plugin])
    start = None
    for i in range(plugin + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= plugin_indent:
            break
        if re.match(r"^\s*languages\s*:\s*$", line):
            start = i
            break
    if start is None:
        raise ScaffoldError("mkdocs.yml: no `languages:` list under the i18n plugin; add the language by hand")
    key_indent = _indent(lines[start])
    item_indent = None
    last_content = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        if item_indent is None:
            if not line.lstrip().startswith("- "):
                raise ScaffoldError("mkdocs.yml: `languages:` is not followed by a list of `- locale:` blocks")
            item_indent = indent
        if indent > item_indent or (indent == item_indent and line.lstrip().startswith("- ")):
            last_content = i
            continue
        if indent < item_indent or indent <= key_indent:
            break
    if last_content is None or item_indent is None:
        raise ScaffoldError("mkdocs.yml: the i18n `languages:` list is empty")
    return last_content + 1, item_indent


def _dump(value, indent: int) -> list[str]:
    text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return [" " * indent + line if line else line for line in text.splitlines()]


_EXTRA_COMMENTS = {
    "ui": "Interface strings: translate each value; keep the keys and any {n}, {name}, {phone}, {summary}.",
}


def language_block(code: str, name: str, default, config, item_indent: int) -> str:
    """The YAML text of the new language's entry in the i18n `languages:` list."""
    pad = " " * (item_indent + 2)
    today = datetime.date.today().isoformat()
    lines = [f"{' ' * item_indent}- locale: {code}", f"{pad}name: {_dump(name, 0)[0]}", f"{pad}build: true",
             f"{pad}# Scaffolded by scripts/new_language.py on {today}. Every value below is still in the",
             f"{pad}# default language ({default.locale}): translate it (LOCALIZING.md, \"What to translate\")."]
    for key in ("site_name", "site_description", "copyright"):
        value = getattr(default, key, None) or config.get(key)
        if value:
            lines += _dump({key: " ".join(str(value).split())}, item_indent + 2)
    extra = dict(default.extra or {})
    if extra:
        lines.append(f"{pad}extra:")
        for key, value in extra.items():
            if key in _EXTRA_COMMENTS:
                lines.append(f"{pad}  # {_EXTRA_COMMENTS[key]}")
            lines += _dump({key: value}, item_indent + 4)
    palette = config.theme.get("palette") if hasattr(config.theme, "get") else None
    if palette:
        # Material reads the toggle's accessible name from theme.palette (not from extra.ui).
        lines.append(f"{pad}# Light/dark toggle: translate each `name` (what screen readers announce).")
        lines.append(f"{pad}theme:")
        lines += _dump({"palette": [dict(option) for option in palette]}, item_indent + 4)
    titles = nav_titles(config.nav)
    if titles:
        lines.append(f"{pad}# Navigation titles: translate the value after each colon, never the key.")
        lines.append(f"{pad}nav_translations:")
        lines += _dump({title: title for title in titles}, item_indent + 4)
    return "\n".join(lines) + "\n"


def _load_config_text(text: str):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return load_config(io.StringIO(text), config_file_path=str(project.MKDOCS_YML))
    except (Abort, ConfigurationError) as error:
        raise ScaffoldError(f"MkDocs cannot read mkdocs.yml with the new block ({error}); nothing was written") from error


def _language_configs(config) -> dict:
    return {language.locale: language for language in config.plugins["i18n"].config.languages}


# --------------------------------------------------------------------------- plan and apply


@dataclass
class Plan:
    code: str
    name: str
    default_locale: str
    mkdocs_before: str
    mkdocs_after: str
    block: str
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
        "  Add translations as \"key\": \"text\" lines. Set \"direction\" to \"rtl\" for right-to-left scripts.\n"
        "-#}\n"
        "{% macro t(key) %}{{ {\n"
        f"  \"language\": \"{code.replace('_', '-')}\",\n"
        "  \"direction\": \"ltr\",\n"
        "}[key] }}{% endmacro %}\n"
    )


def plan(code: str, name: str) -> Plan:
    validate_code(code)
    validate_name(name)
    config = project.load_mkdocs_config()
    before = _language_configs(config)
    default = next((language for language in before.values() if language.default), None)
    if default is None:
        raise ScaffoldError("mkdocs.yml has no default language (default: true)")
    clash = next((locale for locale in before if _same_code(locale, code)), None)
    if clash:
        raise ScaffoldError(f"language {clash!r} already exists in mkdocs.yml (plugins > i18n > languages); "
                            "nothing was written. To start over, remove its block and docs folder first.")
    existing = [p.name for p in project.DOCS_DIR.iterdir() if _same_code(p.name, code)] if project.DOCS_DIR.exists() else []
    if existing:
        raise ScaffoldError(f"docs/{existing[0]}/ already exists; nothing was written. Move it away or delete it "
                            "if it is left over from an earlier attempt.")
    source_dir = project.DOCS_DIR / default.locale
    if not source_dir.is_dir():
        raise ScaffoldError(f"docs/{default.locale}/ (the default language's pages) does not exist")

    text = project.MKDOCS_YML.read_text(encoding="utf-8")
    insert_at, item_indent = find_language_list_end(text)
    block = language_block(code, name, default, config, item_indent)
    lines = text.splitlines(keepends=True)
    if not lines[insert_at - 1].endswith("\n"):
        lines[insert_at - 1] += "\n"
    after = "".join(lines[:insert_at]) + block + "".join(lines[insert_at:])
    _verify(after, config, before, default, code, name)

    git = Git(project.REPO_ROOT)
    head = git.commit("HEAD")
    files: dict[str, bytes] = {}
    pages = []
    notes = []
    uncommitted = []
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(source_dir).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        if path.suffix != ".md":
            files[rel] = path.read_bytes()
            continue
        page_text, committed = untranslated_copy(default, rel, git, head)
        files[rel] = page_text.encode("utf-8")
        if head and not committed:
            uncommitted.append(rel)
        pages.append(rel)
    if uncommitted:
        notes.append("not committed yet, so stamped with source_hash only: " + ", ".join(uncommitted))
    if not head:
        notes.append("no git history here: pages are stamped with source_hash only")

    result = Plan(code, name, default.locale, text, after, block, files, pages, notes=notes)
    if not material_has_language(code):
        result.theme_strings = OVERRIDES_DIR / "partials" / "languages" / f"{code}.html"
        result.theme_strings_text = _theme_strings(code)
        result.notes.append(f"Material has no interface strings for {code!r}: "
                            f"{result.theme_strings.relative_to(project.REPO_ROOT)} falls back to English")
    return result


def untranslated_copy(default, rel: str, git: Git, head: str | None) -> tuple[str, bool]:
    """The default language's page as a pending copy: marked untranslated and stamped with
    the text it copies. Returns (text, whether that text is committed at `head`)."""
    english = (project.DOCS_DIR / default.locale / rel).read_text(encoding="utf-8")
    front = read_front_matter(english)
    if front.error:
        raise ScaffoldError(f"docs/{default.locale}/{rel}: {front.error}; fix it first (nothing was written)")
    digest = source_hash(english)
    committed = git.show(head, f"docs/{default.locale}/{rel}") if head else None
    commit = head if committed is not None and source_hash(committed) == digest else None
    values = {"translation_status": UNTRANSLATED, "source_commit": commit, "source_hash": digest}
    try:
        return set_front_matter_values(english, values), commit is not None
    except ValueError as error:
        raise ScaffoldError(f"docs/{default.locale}/{rel}: {error} (nothing was written)") from error


def _verify(after: str, config, before: dict, default, code: str, name: str) -> None:
    """MkDocs must read the new file and see exactly one more language, as intended."""
    new = _load_config_text(after)
    languages = _language_configs(new)
    if set(languages) != set(before) | {code}:
        raise ScaffoldError(f"mkdocs.yml would declare {sorted(languages)}, not {sorted(set(before) | {code})}; "
                            "nothing was written")
    for locale, language in before.items():
        if dict(languages[locale]) != dict(language):
            raise ScaffoldError(f"inserting the block would change language {locale!r}; nothing was written. "
                                "Check the indentation of the i18n `languages:` list in mkdocs.yml.")
    added = languages[code]
    titles = nav_titles(config.nav)
    if added.name != name or dict(added.extra or {}) != dict(default.extra or {}) or \
            dict(added.nav_translations or {}) != {title: title for title in titles}:
        raise ScaffoldError("the generated block does not read back as intended; nothing was written")


def _write_text_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.new-language-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    if path.exists():
        shutil.copymode(path, tmp)
    os.replace(tmp, path)


def apply(plan: Plan) -> None:
    """Write everything; on any failure undo what was written."""
    staging = project.DOCS_DIR / f".{plan.code}.new-language-{os.getpid()}"
    created: list[Path] = []
    try:
        for rel, content in plan.files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if plan.docs_dir.exists():
            raise ScaffoldError(f"docs/{plan.code}/ appeared while scaffolding; nothing was written")
        staging.rename(plan.docs_dir)
        created.append(plan.docs_dir)
        if plan.theme_strings:
            if plan.theme_strings.exists():
                raise ScaffoldError(f"{plan.theme_strings} appeared while scaffolding; nothing was written")
            plan.theme_strings.parent.mkdir(parents=True, exist_ok=True)
            _write_text_atomically(plan.theme_strings, plan.theme_strings_text)
            created.append(plan.theme_strings)
        if project.MKDOCS_YML.read_text(encoding="utf-8") != plan.mkdocs_before:
            raise ScaffoldError("mkdocs.yml changed while scaffolding (someone else edited it); nothing was "
                                "written: run the command again")
        _write_text_atomically(project.MKDOCS_YML, plan.mkdocs_after)
    except BaseException:
        for path in reversed(created):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------- removing a language


@dataclass
class Removal:
    code: str
    mkdocs_before: str
    mkdocs_after: str
    paths: list[Path]  # folders and files to delete


def _language_block_span(text: str, code: str) -> tuple[int, int]:
    """(first line, line after the last) of the `- locale: CODE` block."""
    end_of_list, item_indent = find_language_list_end(text)
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^ {{{item_indent}}}-\s+locale:\s*['\"]?{re.escape(code)}['\"]?\s*(#.*)?$")
    start = next((i for i in range(end_of_list) if pattern.match(lines[i].rstrip("\n"))), None)
    if start is None:
        raise ScaffoldError(f"mkdocs.yml: no `- locale: {code}` entry found at the i18n languages' indentation")
    end = start + 1
    # The block runs to the next line at the list's indentation (the next `- locale:` or a
    # comment that introduces it).
    while end < end_of_list and not (lines[end].strip() and _indent(lines[end]) <= item_indent):
        end += 1
    return start, end


def plan_removal(code: str) -> Removal:
    config = project.load_mkdocs_config()
    before = _language_configs(config)
    if code not in before:
        raise ScaffoldError(f"mkdocs.yml declares no language {code!r} (it has: {', '.join(before)})")
    if before[code].default:
        raise ScaffoldError(f"{code!r} is the default language; removing it is not supported. Make another "
                            "language the default first (LOCALIZING.md, \"Remove a language\")")
    if len(before) < 2:
        raise ScaffoldError("the site would have no language left")
    text = project.MKDOCS_YML.read_text(encoding="utf-8")
    start, end = _language_block_span(text, code)
    lines = text.splitlines(keepends=True)
    after = "".join(lines[:start] + lines[end:])
    new = _load_config_text(after)
    languages = _language_configs(new)
    if set(languages) != set(before) - {code}:
        raise ScaffoldError(f"mkdocs.yml would declare {sorted(languages)}, not {sorted(set(before) - {code})}; "
                            "nothing was changed")
    for locale, language in languages.items():
        if dict(language) != dict(before[locale]):
            raise ScaffoldError(f"removing the block would change language {locale!r}; nothing was changed")
    candidates = [project.DOCS_DIR / code, OVERRIDES_DIR / "partials" / "languages" / f"{code}.html",
                  project.REPO_ROOT / "tests" / "data" / "languages" / f"{code}.yml"]
    return Removal(code, text, after, [path for path in candidates if path.exists()])


def apply_removal(removal: Removal) -> None:
    if project.MKDOCS_YML.read_text(encoding="utf-8") != removal.mkdocs_before:
        raise ScaffoldError("mkdocs.yml changed meanwhile; nothing was changed: run the command again")
    _write_text_atomically(project.MKDOCS_YML, removal.mkdocs_after)
    for path in removal.paths:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
