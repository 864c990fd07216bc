"""MkDocs hook: the page's writing direction on <html>, not only on <body>.

Material writes `dir` on <body> only (`<body dir="rtl">` for Arabic, Hebrew, Persian, Urdu,
...), from its language file or `theme.direction`. The HTML standard expects it on the root
element: assistive technology, the browser's own UI (scroll bars, form controls, the print
dialog's headers) and CSS that reads `:dir()` or `[dir]` from <html> need it there. Every page
and every not-found page gets the body's value on <html> as well: "rtl" or "ltr", so the two
always agree.

On right-to-left pages the table of contents gets the same care as the page: a heading's
number ("الطوارئ: 06 80 20 55 20", from a contact's title) is isolated in the heading by
<bdi dir="ltr"> (site_tools.country), but Python-Markdown's table of contents keeps the
heading's text only, so there the number is wrapped in Unicode's own isolate marks
(U+2066 LEFT-TO-RIGHT ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE), the plain-text form of
<bdi dir="ltr">.
"""

from __future__ import annotations

import re

from site_tools.country import PHONE_LIKE
from site_tools.project import build_languages

_HTML = re.compile(r"<html\b(?![^>]*\sdir=)([^>]*)>", re.IGNORECASE)
_BODY_DIR = re.compile(r"<body\b[^>]*\sdir=\"(ltr|rtl|auto)\"", re.IGNORECASE)


def with_root_direction(output: str) -> str:
    """The page with its <body>'s dir on <html> too (unchanged when <html> has one already)."""
    body = _BODY_DIR.search(output)
    if body is None:
        return output
    return _HTML.sub(lambda m: f'<html{m.group(1)} dir="{body.group(1)}">', output, count=1)


def isolate_numbers_in_text(text: str) -> str:
    """Plain text with each number written in groups between U+2066 and U+2069."""
    return PHONE_LIKE.sub(lambda m: f"\u2066{m.group(0)}\u2069", text)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def on_page_content(html, page, config, files):
    if build_languages(config).current.direction == "rtl":
        for item in _toc_items(page.toc):
            item.title = isolate_numbers_in_text(item.title)
    return html


def on_post_page(output, page, config):
    return with_root_direction(output)


def on_post_template(output, template_name, config):
    # 404.html is rendered as a template (the i18n_pages hook writes one per language).
    if template_name.endswith(".html"):
        return with_root_direction(output)
    return output
