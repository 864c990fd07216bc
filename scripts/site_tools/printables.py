"""Printable pages, their PDFs and the classroom pack (one zip per language).

A page is printable when its front matter says so:

    checklist: true            a checklist: tick boxes, one sheet
    print_pages: 2             prints on at most this many sheets (default 1)
    print_variants: [worksheet, answers]
                               one PDF per variant: `worksheet` prints the <details> closed
                               (situations only), `answers` prints them open
    pack: 3                    its place in the classroom pack (omitted: not in the pack)
    print_papers: [a3, a4, letter]
                               the papers it is printed on (default: A4 and US Letter);
                               a poster adds A3, where print.css enlarges it to fill the sheet

Everything that names a PDF or a pack entry is computed here, once: the hooks link to the
files, the PDF step writes them, the tests check both, so links, files and the list on the
page cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .checklists import PAPER_FORMATS, PAPERS, front_matter, is_checklist, pdf_file_name, task_items
from .project import Language, load_mkdocs_config, nav_entries, page_paths, page_url

VARIANTS = ("worksheet", "answers")
PACK_KEY = "classroom_pack"  # front matter of the pages that offer the pack download
# Rendered where the pack's size goes; the PDF step replaces it once the zip exists.
PACK_SIZE_PLACEHOLDER = "@@classroom-pack-size@@"


def pack_file_size_placeholder(name: str) -> str:
    """Rendered where the size of one file of the pack goes; the PDF step replaces it too."""
    return f"@@classroom-pack-size:{name}@@"


@dataclass(frozen=True)
class Printable:
    language: Language
    source: str  # e.g. "young-people/is-this-ok.md"
    variant: str | None
    max_pages: int
    pack: int | None
    checklist: bool
    papers: tuple[str, ...] = tuple(PAPERS)

    @property
    def source_file(self) -> str:
        return self.language.source_file(self.source)

    @property
    def url_path(self) -> str:
        return self.language.site_prefix + page_url(self.source)

    def pdf_name(self, paper: str) -> str:
        return pdf_file_name(self.source, self.language.locale, paper, self.variant)

    def pdf_site_path(self, paper: str) -> str:
        return self.url_path + self.pdf_name(paper)

    def task_items(self) -> list[str]:
        """Checklist items as the built page shows them: contact markers filled in from the country data."""
        from .country import renderer_for

        path = self.language.docs_dir / self.source
        pending = front_matter(path).get("translation_status") == "untranslated"
        markdown = path.read_text(encoding="utf-8")
        return task_items(renderer_for(self.language.locale, self.source, pending=pending).render_page(markdown))


def print_settings(meta: dict | None) -> tuple[int, list[str | None], int | None, tuple[str, ...]] | None:
    """(max sheets, variants, pack position, papers) of a page, or None when it is not printable."""
    meta = meta or {}
    if not (is_checklist(meta) or "print_pages" in meta or "pack" in meta):
        return None
    pages = meta.get("print_pages", 1)
    variants = meta.get("print_variants") or [None]
    pack = meta.get("pack")
    papers = meta.get("print_papers") or list(PAPERS)
    if not isinstance(pages, int) or pages < 1:
        raise ValueError(f"print_pages must be a whole number of sheets, not {pages!r}")
    unknown = [v for v in variants if v is not None and v not in VARIANTS]
    if unknown:
        raise ValueError(f"print_variants {unknown} unknown; known: {', '.join(VARIANTS)}")
    if pack is not None and (not isinstance(pack, int) or pack < 1):
        raise ValueError(f"pack must be a position (1, 2, ...), not {pack!r}")
    if not isinstance(papers, list) or not papers or any(p not in PAPER_FORMATS for p in papers) \
            or len(set(papers)) != len(papers):
        raise ValueError(f"print_papers {papers!r}: a list of papers without repeats, from {', '.join(PAPER_FORMATS)}")
    # Always in the same order (A3, A4, Letter), whatever order the front matter names them in.
    return pages, list(variants), pack, tuple(p for p in PAPER_FORMATS if p in papers)


def printables_of(language: Language, source: str, meta: dict | None) -> list[Printable]:
    settings = print_settings(meta)
    if settings is None:
        return []
    pages, variants, pack, papers = settings
    return [Printable(language, source, variant, pages, pack, is_checklist(meta), papers) for variant in variants]


def checklists(languages: list[Language]) -> list[Printable]:
    """The checklist pages (printables with `checklist: true`), in every language."""
    return [item for item in printables(languages) if item.checklist]


def printables(languages: list[Language]) -> list[Printable]:
    found = []
    for language in languages:
        for source in page_paths(language):
            found += printables_of(language, source, front_matter(language.docs_dir / source))
    return found


# --------------------------------------------------------------------------- the classroom pack


def slug(text: str) -> str:
    """File-name form of a title, in the title's own script: "Levél a szülőknek" ->
    "level-a-szuloknek", "خطة الدرس" -> "خطة-الدرس", "Письмо родителям" -> "письмо-родителям".

    Accents on Latin letters are dropped (file names that travel through any zip tool and
    e-mail); every other letter and its marks are kept (Arabic, Hebrew, Cyrillic, Greek,
    Devanagari, CJK ...), so a pack in any language says what each file is. Everything that is
    not a letter or digit becomes one hyphen."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue  # é -> e; a mark on a non-Latin letter stays with it
        kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept)).lower()
    # Letters (L), digits (N) and the marks that belong to letters (M) stay.
    words = "".join(char if unicodedata.category(char)[0] in "LNM" else "-" for char in text)
    return re.sub(r"-+", "-", words).strip("-")


@lru_cache(maxsize=4)
def _nav_titles() -> dict[str, str]:
    """Page path -> its title in mkdocs.yml `nav` (the default language's)."""
    return {path: title for title, path in nav_entries(load_mkdocs_config().nav) if path}


def pack_file_name(language: Language) -> str:
    return f"classroom-pack-{language.locale}.zip"


def pack_site_path(language: Language) -> str:
    return language.site_prefix + pack_file_name(language)


@dataclass(frozen=True)
class PackEntry:
    name: str  # the file name inside the zip, in the language of the pack
    printable: Printable
    paper: str


def pack_entries(language: Language, items: list[Printable] | None = None) -> list[PackEntry]:
    """The files of the language's classroom pack, in order, named so a teacher knows each one:
    "01-lesson-plan-a4.pdf", "02-is-this-ok-worksheet-a4.pdf" ... (titles from the navigation,
    translated; the variant's name from extra.ui)."""
    items = items if items is not None else printables([language])
    ui = (language.extra or {}).get("ui", {})
    chosen = sorted((p for p in items if p.language == language and p.pack is not None),
                    key=lambda p: (p.pack, VARIANTS.index(p.variant) if p.variant else -1))
    entries = []
    for number, item in enumerate(chosen, start=1):
        title = _nav_titles().get(item.source, item.source)
        title = (language.nav_translations or {}).get(title, title)
        label = ui.get(f"print_variant_{item.variant}", item.variant) if item.variant else ""
        for paper in item.papers:
            name = "-".join(filter(None, [f"{number:02d}", slug(title), slug(label), paper])) + ".pdf"
            entries.append(PackEntry(name, item, paper))
    return entries


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"
