"""MkDocs hook: links to other sites tell them nothing about this one.

Every link in page content that leaves the site gets rel="noopener noreferrer": the other
site does not learn which page (and so which topic) the reader came from, and cannot
script this tab. Links still open in the same tab: a new tab would be harder to close
quickly and would leave this site open behind it.
"""

from __future__ import annotations

import re

from site_tools.html_scan import attribute_spans, insertion_point, tags
from site_tools.links import is_external

REL_TOKENS = ("noopener", "noreferrer")


def _with_rel(tag: str) -> str:
    """One <a ...> start tag's text with the rel tokens added (its other bytes unchanged)."""
    rel = next((span for span in attribute_spans(tag) if span.name == "rel"), None)
    if rel is not None:
        tokens = (rel.value or "").split()
        tokens += [t for t in REL_TOKENS if t not in tokens]
        written = tag[rel.start:rel.end]
        name = re.match(r"\s*[^\s=]+\s*=\s*", written)  # " rel=" as written; a bare ` rel` gets "="
        return tag[: rel.start] + (name.group(0) if name else written + "=") + f'"{" ".join(tokens)}"' + tag[rel.end:]
    return tag[: insertion_point(tag)] + f' rel="{" ".join(REL_TOKENS)}">'


def add_rel(html: str, site_url: str | None) -> str:
    """Every <a href> that leaves the site (site_tools.links.is_external) gets the rel tokens.
    Links are found by an HTML parser (not in comments or scripts)."""
    pieces, position = [], 0
    for tag in tags(html, {"a"}):
        href = tag.attrs.get("href")
        if href is None or not is_external(href, site_url):
            continue
        pieces += [html[position:tag.start], _with_rel(tag.text(html))]
        position = tag.end
    return "".join(pieces) + html[position:]


def on_page_content(html, page, config, files):
    return add_rel(html, config.site_url)
