"""MkDocs hook: download links for printable pages and the classroom pack (site_tools.printables).

- Printable pages (checklists, lesson plan, worksheet, poster, letter) get `page.meta.print_pdfs`:
  their PDFs per variant and paper, named by site_tools.printables (the PDF step uses the
  same names). partials/checklist-actions.html shows them.
- Pages with `classroom_pack: true` get `classroom_pack` in their context: the zip's link,
  the files it holds (in the page's language) and placeholders for its size and each file's,
  which the PDF step fills in once the zip exists (partials/classroom-pack.html).

Only builds that generate the PDFs link to them (build_site() sets CHECKLIST_PDFS=1), so
`mkdocs serve` and --no-pdf builds have no dead links.
"""

from __future__ import annotations

import os
import posixpath

from mkdocs.exceptions import PluginError

from site_tools import printables as printing
from site_tools import project
from site_tools.checklists import PDFS_ENV


def _language(config) -> project.Language:
    return project.build_languages(config).current


def on_page_content(html, page, config, files):
    if os.environ.get(PDFS_ENV) != "1":
        return html
    source = project.page_source(page)  # "teachers/lesson-plan.md", without the language folder
    try:
        items = printing.printables_of(_language(config), source, page.meta)
    except ValueError as error:
        raise PluginError(f"docs/.../{source}: front matter: {error}") from None
    # The PDFs sit next to the page's index.html, so their bare names are the relative links.
    page.meta["print_pdfs"] = [
        {"variant": item.variant, "links": [{"paper": paper, "href": item.pdf_name(paper)} for paper in item.papers]}
        for item in items
    ]
    return html


def on_page_context(context, page, config, nav):
    if os.environ.get(PDFS_ENV) != "1" or not (page.meta or {}).get(printing.PACK_KEY):
        return context
    language = _language(config)
    entries = printing.pack_entries(language)
    if not entries:
        raise PluginError(f"{page.file.src_uri}: `{printing.PACK_KEY}: true`, but no page has `pack:` in its front matter")
    # page.url is the page's folder below the site root ("hu/teachers/for-schools/").
    href = posixpath.relpath(printing.pack_site_path(language), page.url.rstrip("/") or ".")
    context["classroom_pack"] = {
        "href": href,
        "size": printing.PACK_SIZE_PLACEHOLDER,
        "files": [{"name": entry.name, "size": printing.pack_file_size_placeholder(entry.name)} for entry in entries],
    }
    return context
