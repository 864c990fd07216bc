"""MkDocs hook: what a printed sheet needs in place of links (issue 19: paper that works
without a screen).

On every printable page (front matter `checklist`, `print_pages` or `pack`; see
site_tools.printables), in every build, so that printing from the browser gets it too:

- Links to other pages of the site get a number, printed after the link text, and the
  print footer lists the numbers with short addresses built from `site_url`
  (site_tools.print_links; the list is `page.meta.print_links`). A sheet whose links all go
  to the page its QR code opens needs no numbers: the code's caption is that address.
- The print footer gets a QR code (`print_qr`) that opens the help page in the page's
  language at the site's own address, and the address in type for people who do not scan
  (site_tools.qr). It is an inline SVG made at build time: no request, no inline style.

On screen nothing changes: the numbers are `hidden` and the footer is shown only in print
(partials/print-footer.html, print.css).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from site_tools import print_links, qr
from site_tools import printables as printing
from site_tools.project import build_languages


def _site_prefix(config) -> str:
    return build_languages(config).folder


def _is_printable(page) -> bool:
    try:
        return printing.print_settings(page.meta) is not None
    except ValueError as error:
        raise PluginError(f"docs/.../{page.file.src_uri}: front matter: {error}") from None


def on_page_content(html, page, config, files):
    if not config.site_url or not _is_printable(page):
        return html
    sheet_address = qr.help_url(config.site_url, _site_prefix(config))
    html, notes = print_links.annotate(html, page.url, config.site_url, sheet_address=sheet_address)
    page.meta["print_links"] = [note.as_dict() for note in notes]
    return html


def on_page_context(context, page, config, nav):
    if not config.site_url or not _is_printable(page):
        return context
    url = qr.help_url(config.site_url, _site_prefix(config))
    address = qr.short_address(url)
    label = (config.extra.get("ui") or {}).get("print_qr_label", "QR code")
    context["print_qr"] = {"url": url, "address": address, "svg": qr.qr_svg(url, f"{label}: {address}")}
    return context
