"""Reading the built site: which HTML file belongs to which language and source page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

from .project import Language, built_html_path, page_paths, page_url


@dataclass(frozen=True)
class BuiltPage:
    language: Language
    source: str  # Markdown path relative to the language folder, e.g. "parents/what-to-do.md"
    html_path: Path

    @property
    def url_path(self) -> str:
        """Path below the site root, e.g. "hu/help/"."""
        return self.language.site_prefix + page_url(self.source)

    @property
    def source_file(self) -> str:
        return self.language.source_file(self.source)

    def soup(self) -> BeautifulSoup:
        return parse_html(self.html_path)


NOT_FOUND_TEMPLATE = "overrides/404.html"


@dataclass(frozen=True)
class SitePage:
    """A page a reader can open: a content page, or a language's not-found page."""

    language: Language
    url_path: str  # below the site root: "hu/help/", "hu/404.html"
    source_file: str  # what to edit: "docs/hu/help.md", "overrides/404.html"

    def html_path(self, site_dir: Path) -> Path:
        path = site_dir / self.url_path
        return path / "index.html" if self.url_path.endswith("/") or not self.url_path else path


def all_html_pages(languages: list[Language], include_404: bool = True) -> list[SitePage]:
    """Every content page of every language, then (include_404) each language's not-found page."""
    pages = [SitePage(language, language.site_prefix + page_url(source), language.source_file(source))
             for language in languages for source in page_paths(language)]
    if include_404:
        pages += [SitePage(language, language.site_prefix + "404.html", NOT_FOUND_TEMPLATE) for language in languages]
    return pages


def built_pages(site_dir: Path, languages: list[Language]) -> list[BuiltPage]:
    pages = []
    for language in languages:
        for source in page_paths(language):
            pages.append(BuiltPage(language, source, built_html_path(site_dir, language, source)))
    return pages


@lru_cache(maxsize=256)
def _parse_cached(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def parse_html(path: Path) -> BeautifulSoup:
    return _parse_cached(str(path), path.stat().st_mtime)
