"""PDFs of the printable pages (checklists, lesson plan, worksheet, poster, letter): each printed
by Chromium with the site's own print stylesheet, one file per language, paper size and
variant, saved next to the page; and each language's classroom pack, a zip of them.

The built site is served locally and every request that would leave 127.0.0.1 is blocked,
so generation never needs (or touches) the network. File names come from
site_tools.printables, which the page links use too.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .checklists import PAPER_FORMATS
from .printables import (PACK_SIZE_PLACEHOLDER, Printable, human_size, pack_entries, pack_file_size_placeholder,
                         pack_site_path, printables)
from .project import built_html_path, page_paths
from .project import languages as configured_languages


@dataclass(frozen=True)
class PdfFacts:
    """What a PDF says about itself, as a reader's PDF viewer or screen reader sees it."""

    pages: int
    title: str | None
    lang: str | None
    text: str


def read_pdf(data: bytes | Path) -> PdfFacts:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    info = reader.metadata or {}
    lang = reader.trailer["/Root"].get("/Lang")
    return PdfFacts(
        pages=len(reader.pages),
        title=str(info.get("/Title")) if info.get("/Title") else None,
        lang=str(lang) if lang else None,
        text="\n".join(page.extract_text() or "" for page in reader.pages),
    )


def with_metadata(data: bytes, title: str, lang: str) -> bytes:
    """The PDF with /Title and /Lang set (and the title shown in the viewer's title bar).

    Chromium sets both for tagged PDFs; this is the fallback when a Chromium does not.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata or {}
    if info.get("/Title") == title and reader.trailer["/Root"].get("/Lang") == lang:
        return data
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({"/Title": title})
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(lang)
    preferences = root.get("/ViewerPreferences") or DictionaryObject()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = preferences
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_to_pdf(page, paper: str) -> bytes:
    """The open page as Chromium prints it on `paper` ("a4", "a3", "letter"): print media, the
    margins from print.css's @page rule, no background graphics (the print dialog's default)."""
    return page.pdf(format=PAPER_FORMATS[paper], prefer_css_page_size=False, print_background=False, tagged=True)


def _local_only(context, base_url: str) -> None:
    host = urlsplit(base_url).netloc

    def route(route):
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)


# How each variant prepares the page before printing (print.css styles html[data-print-variant]).
_VARIANT_SCRIPT = """variant => {
  document.documentElement.dataset.printVariant = variant || "";
  for (const details of document.querySelectorAll("article details")) details.open = variant === "answers";
}"""


def generate_pdfs(site_dir: Path) -> list[Path]:
    """Write every printable page's PDFs (on each of its papers), and each language's classroom
    pack, into the built site; returns the files written.

    A page that does not fit on its number of sheets still gets its PDF, with a warning naming
    the Markdown file to shorten (tests/test_print.py fails on it).
    """
    from playwright.sync_api import sync_playwright

    from .browser import launch_chromium
    from .serve import serve_directory

    site_dir = Path(site_dir)
    built = configured_languages()
    items: list[Printable] = printables(built)
    written: list[Path] = []
    if not items:
        return written
    with serve_directory(site_dir) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(color_scheme="light", service_workers="block")
            _local_only(context, base_url)
            page = context.new_page()
            total, done = sum(len(item.papers) for item in items), 0
            for item in items:
                response = page.goto(base_url + item.url_path, wait_until="load")
                if not response or response.status != 200:
                    raise RuntimeError(
                        f"{item.url_path} (from {item.source_file}) answered "
                        f"{response.status if response else 'nothing'}; was the site built into {site_dir}?"
                    )
                page.evaluate(_VARIANT_SCRIPT, item.variant)
                # The sheet's own heading names the PDF better than the tab title.
                title = " ".join(page.locator("h1").first.inner_text().split()) or page.title()
                if item.variant:
                    ui = (item.language.extra or {}).get("ui", {})
                    title += f" ({ui.get('print_variant_' + item.variant, item.variant)})"
                for paper in item.papers:
                    done += 1
                    # Progress: the PDF step takes minutes on a slow machine.
                    print(f"PDF {done}/{total}: {item.language.locale}/{item.source.removesuffix('.md')}"
                          f"{' ' + item.variant if item.variant else ''} {paper}", file=sys.stderr, flush=True)
                    data = with_metadata(print_to_pdf(page, paper), title, item.language.locale)
                    target = site_dir / item.pdf_site_path(paper)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                    written.append(target)
                    pages = read_pdf(data).pages
                    if pages > item.max_pages:
                        print(
                            f"WARNING: {target.name} has {pages} pages on {PAPER_FORMATS[paper]} (at most {item.max_pages}); "
                            f"shorten {item.source_file}.",
                            file=sys.stderr,
                        )
            context.close()
        finally:
            browser.close()
    for language in built:
        written += write_classroom_pack(site_dir, language, items)
    return written


def write_classroom_pack(site_dir: Path, language, items: list[Printable]) -> list[Path]:
    """The language's zip of printables, and its size and each file's size written into the pages
    that offer it."""
    import zipfile

    entries = pack_entries(language, items)
    if not entries:
        return []
    target = site_dir / pack_site_path(language)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        for entry in entries:
            source = site_dir / entry.printable.pdf_site_path(entry.paper)
            if not source.exists():
                raise RuntimeError(f"classroom pack {target.name}: {source.relative_to(site_dir)} was not generated "
                                   f"(from {entry.printable.source_file})")
            # A fixed date: the same pages give the same zip.
            info = zipfile.ZipInfo(entry.name, date_time=(2017, 11, 15, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            pack.writestr(info, source.read_bytes())
    sizes = {PACK_SIZE_PLACEHOLDER: human_size(target.stat().st_size)}
    for entry in entries:
        sizes[pack_file_size_placeholder(entry.name)] = human_size(
            (site_dir / entry.printable.pdf_site_path(entry.paper)).stat().st_size)
    # This language's pages only: the default language's folder holds the others' folders.
    for html in (built_html_path(site_dir, language, source) for source in page_paths(language)):
        text = html.read_text(encoding="utf-8")
        if PACK_SIZE_PLACEHOLDER in text:
            for placeholder, size in sizes.items():
                text = text.replace(placeholder, size)
            html.write_text(text, encoding="utf-8")
    return [target]

