"""MkDocs hook: the quick-exit skip link comes first in every page (issue 6).

Material renders its own "Skip to content" link at the top of <body>, before any template
block a theme extension can fill. partials/quick-exit.html therefore renders its skip link
inside the header, and this hook moves it to the very start of <body>, so that the first Tab
on any page reaches "Skip to quick exit". Done at build time rather than in JavaScript, so the
order is right with JavaScript off as well.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_SKIP_LINK = re.compile(r"<a\b[^>]*\bdata-quick-exit-skip\b[^>]*>.*?</a>\s*", re.S)
_BODY_START = re.compile(r"<body\b[^>]*>")


def move_skip_link_first(html: str, where: str) -> str:
    """Return html with the quick-exit skip link moved right after the <body> tag."""
    link = _SKIP_LINK.search(html)
    if not link:
        return html  # a page without the site's header (none today): nothing to move
    html = html[: link.start()] + html[link.end():]
    body = _BODY_START.search(html)
    if not body:
        raise PluginError(f"quick_exit hook: {where} has no <body> tag to put the skip link after")
    return html[: body.end()] + "\n" + link.group(0).strip() + html[body.end():]


def on_post_page(output, page, config):
    return move_skip_link_first(output, page.file.src_uri)


# Before the i18n_pages hook (priority 0) keeps each language's 404 page.
@event_priority(50)
def on_post_template(output, template_name, config):
    if template_name.endswith(".html"):
        return move_skip_link_first(output, template_name)
    return output
