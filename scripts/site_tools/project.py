"""The project's layout and its configuration, read the way MkDocs reads it.

The site's settings are in three kinds of file (LOCALIZING.md, "Staying up to date with
upstream"):

- mkdocs.yml: the site's own settings (name, address, country, the languages it offers),
  which a fork edits; it INHERITs config/shared.yml, which upstream maintains;
- config/languages/<locale>.yml: each language's interface strings, navigation titles and
  light/dark toggle names, merged into the i18n plugin's language entries by
  `language_settings()` (the build's site_settings hook and every tool use that one function);
- data/countries/<CODE>.yml: each country's data; mkdocs.yml's `extra.country` chooses one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = REPO_ROOT / "docs"
MKDOCS_YML = REPO_ROOT / "mkdocs.yml"
SHARED_YML = REPO_ROOT / "config" / "shared.yml"
LANGUAGES_DIR = "config/languages"  # relative to mkdocs.yml
# What a language file may set: the i18n plugin's per-language keys we use.
LANGUAGE_FILE_KEYS = ("site_name", "site_description", "copyright", "extra", "theme", "nav_translations")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class SettingsError(ValueError):
    """A settings file is missing or invalid; the message names the file and key."""


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    link: str  # site-relative folder with slashes: "/" for the default language, "/hu/" ...
    default: bool
    build: bool
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    nav_translations: dict = field(default_factory=dict, compare=False, hash=False)
    site_name: str | None = field(default=None, compare=False)  # the language's own; None: mkdocs.yml's

    @property
    def docs_dir(self) -> Path:
        return DOCS_DIR / self.locale

    @property
    def site_prefix(self) -> str:
        """Folder of this language inside the built site: "" or "hu/"."""
        return site_prefix(self.link)

    @property
    def direction(self) -> str:
        """"rtl" for right-to-left scripts (Arabic, Hebrew, Persian, Urdu, ...), else "ltr"."""
        return text_direction(self.locale)

    def source_file(self, page: str) -> str:
        """A page's Markdown file as messages name it: "help.md" -> "docs/hu/help.md"."""
        return f"docs/{self.locale}/{page}"


# Languages written right to left, by ISO 639-1 code (and sd, ckb-like codes by their
# two-letter part): Arabic, Persian, Hebrew, Urdu, Pashto, Kurdish (Sorani, as `ku-Arab`),
# Yiddish, Dhivehi, Sindhi, Uyghur. A script subtag decides where one is given.
_RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "yi", "dv", "sd", "ug"}
_RTL_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"}
_LTR_SCRIPTS = {"Latn", "Cyrl"}


def text_direction(locale: str) -> str:
    parts = locale.replace("_", "-").split("-")
    script = next((part for part in parts[1:] if len(part) == 4), None)
    if script in _RTL_SCRIPTS:
        return "rtl"
    if script in _LTR_SCRIPTS:
        return "ltr"
    return "rtl" if parts[0].lower() in _RTL_LANGUAGES else "ltr"


def site_prefix(link: str | None) -> str:
    """A language's folder in the built site from its i18n `link`: "/" -> "", "/hu/" -> "hu/".
    The hooks use it on the plugin's own language entries."""
    folder = (link or "/").strip("/")
    return folder + "/" if folder else ""


@lru_cache(maxsize=4)
def load_mkdocs_config(config_file: str | None = None, *, hooks: bool = False):
    """mkdocs.yml as MkDocs validates it (YAML tags such as !ENV resolved).

    Read as declared: BUILD_ONLY_LOCALE (a preview of one language) makes the i18n plugin
    mark that language as the default, which would make tools and tests think the pages
    are translated from it. The hooks are left unloaded unless asked for: loading them
    imports every hook module, which is 40% of reading the configuration and which no tool
    needs (a translator's command starts that much sooner)."""
    from mkdocs.config import load_config

    preview = os.environ.pop("BUILD_ONLY_LOCALE", None)
    try:
        if hooks:
            return load_config(str(config_file or MKDOCS_YML))
        return load_config(str(config_file or MKDOCS_YML), hooks=[])
    finally:
        if preview is not None:
            os.environ["BUILD_ONLY_LOCALE"] = preview


def language_file(locale: str, config_file: str | Path | None = None) -> Path:
    return Path(config_file or MKDOCS_YML).parent / LANGUAGES_DIR / f"{locale}.yml"


def read_language_file(locale: str, config_file: str | Path | None = None) -> dict:
    """config/languages/<locale>.yml as written (no defaults filled in)."""
    from .yaml_files import YamlFileError, read_yaml_mapping

    path = language_file(locale, config_file)
    if not path.exists():
        raise SettingsError(
            f"{_rel(path, config_file)} is missing: mkdocs.yml offers the language {locale!r}, and each language "
            f"needs its interface strings there (scripts/new_language.py {locale} creates it)")
    try:
        data = read_yaml_mapping(path, shown_as=_rel(path, config_file))
    except YamlFileError as error:
        raise SettingsError(str(error)) from None
    unknown = sorted(set(data) - set(LANGUAGE_FILE_KEYS))
    if unknown:
        raise SettingsError(f"{_rel(path, config_file)}: unknown key `{unknown[0]}`; a language file sets "
                            f"{', '.join(LANGUAGE_FILE_KEYS)}")
    return data


def language_settings(locale: str, declared: dict, default_locale: str,
                      config_file: str | Path | None = None) -> dict:
    """A language's settings as the build uses them: its file, under what mkdocs.yml declares.

    Interface strings the language file lacks (a key upstream added since the language was
    translated) are the default language's, so the site still builds; translation_status.py
    and the interface-language test list them."""
    settings = read_language_file(locale, config_file)
    if locale != default_locale:
        default_ui = (read_language_file(default_locale, config_file).get("extra") or {}).get("ui") or {}
        extra = dict(settings.get("extra") or {})
        extra["ui"] = {**default_ui, **(extra.get("ui") or {})}
        settings["extra"] = extra
    for key in LANGUAGE_FILE_KEYS:
        if declared.get(key) is not None:  # mkdocs.yml's own value for this site wins
            settings[key] = declared[key]
    return settings


def _rel(path: Path, config_file: str | Path | None = None) -> str:
    try:
        return path.relative_to(Path(config_file or MKDOCS_YML).parent).as_posix()
    except ValueError:
        return str(path)


def declared_default_locale(config_file: str | None = None) -> str:
    """The language marked `default: true` in mkdocs.yml (a BUILD_ONLY_LOCALE preview aside)."""
    entries = load_mkdocs_config(config_file).plugins["i18n"].config.languages
    return next(entry.locale for entry in entries if entry.default)


def _language(entry, settings: dict) -> Language:
    return Language(
        locale=entry.locale,
        name=entry.name,
        link=entry.link or ("/" if entry.default else f"/{entry.locale}/"),
        default=bool(entry.default),
        build=entry.build is not False,
        extra=dict(settings.get("extra") or {}),
        nav_translations=dict(settings.get("nav_translations") or {}),
        site_name=settings.get("site_name"),
    )


def languages(config_file: str | None = None, *, switched_off: bool = False) -> list[Language]:
    """The languages the site builds, default first, with their settings files merged in.
    switched_off=True adds the ones mkdocs.yml declares with `build: false`."""
    config = load_mkdocs_config(config_file)
    entries = config.plugins["i18n"].config.languages
    default_locale = declared_default_locale(config_file)
    result = [
        _language(entry, language_settings(entry.locale, dict(entry), default_locale, config.config_file_path))
        for entry in entries
        if entry.locale != "null" and (entry.build is not False or (
            switched_off and language_file(entry.locale, config.config_file_path).exists()))
    ]
    result.sort(key=lambda lang: not lang.default)
    return result


def default_language(config_file: str | None = None) -> Language:
    return languages(config_file)[0]


@dataclass(frozen=True)
class BuildLanguages:
    """Inside a build: which language is being built, which is the declared default, and
    where the language being built lives in the site. The one answer every hook (and,
    through the `build_languages` template variable, every partial) uses."""

    current: Language
    default: Language  # as mkdocs.yml declares it: pending pages are copies of its text
    folder: str  # the built language's folder in the site: "" or "hu/"

    @property
    def is_default(self) -> bool:
        return self.current.locale == self.default.locale


def build_languages(config) -> BuildLanguages:
    """For a running build (the MkDocs config a hook receives): read from the i18n plugin's
    entries, which the site_settings hook has merged, so `mkdocs serve` sees edits at once."""
    i18n = config.plugins.get("i18n")
    if i18n is None:  # a plain MkDocs build (hook unit tests)
        locale = config.theme.get("language", "en")
        only = Language(locale, locale, "/", True, True, dict(config.extra or {}), {})
        return BuildLanguages(only, only, "")
    entries = {entry.locale: entry for entry in i18n.config.languages}
    default_locale = declared_default_locale(config.config_file_path)
    current = _language(entries[i18n.current_language], entries[i18n.current_language])
    default = _language(entries[default_locale], entries[default_locale])
    # A preview builds its one language at the site root.
    folder = "" if i18n.current_language == i18n.default_language else current.site_prefix
    return BuildLanguages(current=current, default=default, folder=folder)


def page_source(page) -> str:
    """A page's path inside its language folder ("parents/what-to-do.md") in any build mode:
    mkdocs-static-i18n gives its files `norm_src_uri`; a plain MkDocs build has `src_uri` only."""
    return getattr(page.file, "norm_src_uri", page.file.src_uri)


def is_nested_language_build(config) -> bool:
    """True while mkdocs-static-i18n builds a language other than the first, inside the
    outer build's on_post_build: steps that must run once per site (the search index,
    `_headers`) wait for the outer build."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def country_code(config_file: str | None = None) -> str:
    """The country the site serves (mkdocs.yml `extra.country`)."""
    code = (load_mkdocs_config(config_file).extra or {}).get("country")
    if not isinstance(code, str) or not code:
        raise SettingsError("mkdocs.yml: `extra.country` must name the country the site serves, e.g. `country: HU` "
                            "(data/countries/HU.yml)")
    return code


def nav_entries(nav) -> list[tuple[str, str | None]]:
    """(title, page path) of every entry of mkdocs.yml `nav`, in order; sections have no
    path. The one walker of the navigation (parity checks its titles, printables names files by them)."""
    entries: list[tuple[str, str | None]] = []

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    entries.append((title, value if isinstance(value, str) else None))
                    if isinstance(value, list):
                        walk(value)

    walk(nav)
    return entries


def page_paths(language: Language) -> list[str]:
    """Markdown pages of a language, as POSIX paths relative to its docs folder."""
    return sorted(p.relative_to(language.docs_dir).as_posix() for p in language.docs_dir.rglob("*.md"))


def page_url(markdown_path: str) -> str:
    """Site-relative URL of a page (directory URLs): "help.md" -> "help/", "index.md" -> ""."""
    stem = markdown_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def built_html_path(site_dir: Path, language: Language, markdown_path: str) -> Path:
    return site_dir / language.site_prefix / page_url(markdown_path) / "index.html"


# Build output, caches and installs stay behind; so do top-level dot folders (.git, .venv,
# .cache, ...) except the ones that are part of the project.
_NOT_COPIED = {"site", "node_modules", "artifacts"}
_DOT_FILES_COPIED = {".ci", ".github", ".gitignore"}


def copy_project(target: Path) -> Path:
    """A copy of the project's own files (what a fork clones), for tests that change them."""
    import shutil

    def ignore(directory: str, names: list[str]) -> set[str]:
        top = Path(directory).resolve() == REPO_ROOT
        return {n for n in names if (top and (n in _NOT_COPIED or (n.startswith(".") and n not in _DOT_FILES_COPIED)))
                or n == "__pycache__" or n.startswith(".new-language")}

    shutil.copytree(REPO_ROOT, target, ignore=ignore, symlinks=True)
    return target
