"""Checklist pages (front matter `checklist: true`): whether a page is one, its task items,
and the names of their downloadable PDFs.

The PDF names are computed here and nowhere else: the checklists hook uses them for the
"Download PDF" links, the PDF step for the files it writes, and the tests for both, so
links and files cannot drift apart.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path, PurePosixPath

from .markdown_outline import body_of, item_text, read_front_matter, render_html, task_items_html

# Paper key (used in file names and UI-string keys) -> Chromium's paper format name, for
# every paper a printable may ask for (front matter `print_papers`, e.g. a poster on A3).
# In alphabetical order, which is how a file manager lists a pack's "...-a3.pdf", "...-a4.pdf".
PAPER_FORMATS: dict[str, str] = {"a3": "A3", "a4": "A4", "letter": "Letter"}
# The papers a printable comes on unless its front matter says otherwise.
PAPERS: dict[str, str] = {"a4": "A4", "letter": "Letter"}

# The environment variable build_site() sets when it will generate the PDFs, so that the
# pages link to PDFs only in builds that have them (`mkdocs serve` and --no-pdf builds
# get no dead links).
PDFS_ENV = "CHECKLIST_PDFS"



def pdf_file_name(source: str, locale: str, paper: str, variant: str | None = None) -> str:
    """File name of a printable page's PDF, unique across the site so downloads don't collide.

    "parents/warning-signs.md", "en", "a4" -> "warning-signs-parents-en-a4.pdf"
    (the page name first, then its section: the name says what the file is);
    with a variant: "young-people/is-this-ok.md" ... "worksheet" -> "is-this-ok-worksheet-young-people-en-a4.pdf".
    """
    if paper not in PAPER_FORMATS:
        raise ValueError(f"unknown paper {paper!r}; expected one of {sorted(PAPER_FORMATS)}")
    parts = list(PurePosixPath(source).with_suffix("").parts)
    if len(parts) > 1 and parts[-1] == "index":
        parts.pop()
    names = list(reversed(parts))
    if variant:
        names.insert(1, variant)
    return "-".join([*names, locale, paper]) + ".pdf"


def front_matter(markdown_file: Path) -> dict:
    """The page's meta, read as MkDocs reads it (invalid YAML gives {}, as in MkDocs), by the
    project's one front-matter reader (site_tools.markdown_outline.read_front_matter)."""
    return read_front_matter(markdown_file.read_text(encoding="utf-8")).data


def is_checklist(meta: dict | None) -> bool:
    return bool(meta and meta.get("checklist") is True)


def task_items(markdown: str) -> list[str]:
    """The text of each task-list item as a reader sees it, read as the build reads it
    (Python-Markdown with pymdownx.tasklist; front matter skipped): links, emphasis and the
    checkbox gone."""
    return [text for text in (item_text(item) for item in task_items_html(render_html(body_of(markdown)))) if text]


def comparable_text(text: str) -> str:
    """Text reduced to its letters and digits, for finding page text inside PDF text.

    PDF text extraction breaks lines, hyphenates, splits ligatures and changes quotes and
    dashes; none of that survives this reduction, while a missing or changed word still shows.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())
