"""The project's layout and its mkdocs.yml, read the way MkDocs reads it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = REPO_ROOT / "docs"
MKDOCS_YML = REPO_ROOT / "mkdocs.yml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    link: str  # site-relative folder with slashes: "/" for the default language, "/hu/" ...
    default: bool
    build: bool
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    nav_translations: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def docs_dir(self) -> Path:
        return DOCS_DIR / self.locale

    @property
    def site_prefix(self) -> str:
        """Folder of this language inside the built site: "" or "hu/"."""
        return site_prefix(self.link)

    def source_file(self, page: str) -> str:
        """A page's Markdown file as messages name it: "help.md" -> "docs/hu/help.md"."""
        return f"docs/{self.locale}/{page}"


def site_prefix(link: str | None) -> str:
    """A language's folder in the built site from its i18n `link`: "/" -> "", "/hu/" -> "hu/".
    The hooks use it on the plugin's own language entries."""
    folder = (link or "/").strip("/")
    return folder + "/" if folder else ""


@lru_cache(maxsize=4)
def load_mkdocs_config(config_file: str | None = None):
    """mkdocs.yml as MkDocs validates it (YAML tags such as !ENV resolved).

    Read as declared: BUILD_ONLY_LOCALE (a preview of one language) makes the i18n plugin
    mark that language as the default, which would make tools and tests think the pages
    are translated from it."""
    from mkdocs.config import load_config

    preview = os.environ.pop("BUILD_ONLY_LOCALE", None)
    try:
        return load_config(str(config_file or MKDOCS_YML))
    finally:
        if preview is not None:
            os.environ["BUILD_ONLY_LOCALE"] = preview


def languages(config_file: str | None = None) -> list[Language]:
    """The languages declared in the i18n plugin block, default language first."""
    config = load_mkdocs_config(config_file)
    i18n = config.plugins["i18n"].config
    result = []
    for language in i18n.languages:
        if language.locale == "null":
            continue
        result.append(
            Language(
                locale=language.locale,
                name=language.name,
                link=language.link or ("/" if language.default else f"/{language.locale}/"),
                default=bool(language.default),
                build=language.build is not False,
                extra=dict(language.extra or {}),
                nav_translations=dict(language.nav_translations or {}),
            )
        )
    result.sort(key=lambda lang: not lang.default)
    return result


def default_language(config_file: str | None = None) -> Language:
    return languages(config_file)[0]


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
