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
        return f"docs/{self.language.locale}/{self.source}"

    def soup(self) -> BeautifulSoup:
        return parse_html(self.html_path)


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
