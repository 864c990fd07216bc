"""QR codes for printed sheets: a phone opens the help page in the sheet's language.

The code is made at build time by segno (pure Python) as an inline SVG: no request leaves
the site, nothing is fetched when the page is printed, and the Content-Security-Policy
(overrides/hooks/csp.py) is kept: the SVG has classes and presentation attributes, never a
style="" attribute. Its address is the site's own `site_url` (SITE_URL), so a fork's sheets
open the fork's help page, sub-path included.

`codes_in_pdf` reads the codes back from a printed PDF as a phone camera would (rasterised
by pypdfium2, decoded by zxing-cpp); the tests use it.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import unquote, urljoin

from .project import page_url

# What every QR code opens: the help page (help and where to report) in the sheet's language.
TARGET_PAGE = "help.md"
# Error correction M (15 % of the code can be lost: a fold, a smudge, a pin through it).
ERROR_CORRECTION = "m"
# The quiet zone around the code, in modules: 4 is what the standard asks for, and phones
# fail to find codes with less when text or lines come close.
QUIET_ZONE = 4


def help_url(site_url: str, site_prefix: str) -> str:
    """The help page of a language: ("https://x.example/sub/", "hu/") -> "https://x.example/sub/hu/help/"."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, site_prefix + page_url(TARGET_PAGE))


def short_address(url: str) -> str:
    """A web address as printed for people to type: no scheme, readable letters, trailing slash kept.

    "https://grooming-awareness.example/hu/help/" -> "grooming-awareness.example/hu/help/".
    "www." is kept: not every host answers without it.
    """
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
            break
    return unquote(url)


def qr_svg(url: str, label: str) -> str:
    """The QR code of `url` as an inline <svg> that scales to its box (CSS sets the size).

    `label` is its accessible name ("QR code: grooming-awareness.example/help/").
    """
    import segno

    code = segno.make_qr(url, error=ERROR_CORRECTION)
    svg = code.svg_inline(border=QUIET_ZONE, omitsize=True, svgclass="qr-code", lineclass="qr-code__modules")
    if " style=" in svg:  # the site's CSP allows no inline styles (overrides/hooks/csp.py)
        raise ValueError("segno wrote a style attribute into the QR code's SVG")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)


def codes_in_pdf(pdf: Path | bytes, dpi: int = 150) -> list[list[str]]:
    """The texts of the QR codes on each page of a PDF, as a phone would read them from paper:
    each page rendered in grey at `dpi` and scanned by zxing-cpp (no hints about where the code is)."""
    import pypdfium2 as pdfium
    import zxingcpp

    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    found = []
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            view = zxingcpp.ImageView(memoryview(bitmap.buffer).cast("B"), bitmap.width, bitmap.height,
                                      zxingcpp.ImageFormat.Lum, bitmap.stride)
            found.append([code.text for code in zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormat.QRCode)])
    finally:
        document.close()
    return found
