"""MkDocs hook: links to other sites tell them nothing about this one.

Every link in page content that leaves the site gets rel="noopener noreferrer": the other
site does not learn which page (and so which topic) the reader came from, and cannot
script this tab. Links still open in the same tab: a new tab would be harder to close
quickly and would leave this site open behind it.
"""

from __future__ import annotations

import re

from site_tools.links import is_external

REL_TOKENS = ("noopener", "noreferrer")

_A_TAG = re.compile(r"<a\b[^>]*>", re.I)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_REL = re.compile(r"""(\srel\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I)


def _with_rel(tag: str) -> str:
    rel = _REL.search(tag)
    if rel:
        tokens = (rel.group(2) if rel.group(2) is not None else rel.group(3)).split()
        tokens += [t for t in REL_TOKENS if t not in tokens]
        return tag[: rel.start()] + f'{rel.group(1)}"{" ".join(tokens)}"' + tag[rel.end():]
    return tag[:-1].rstrip("/").rstrip() + f' rel="{" ".join(REL_TOKENS)}">'


def add_rel(html: str, site_url: str | None) -> str:
    def fix(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if not href:
            return tag
        value = href.group(1) if href.group(1) is not None else href.group(2)
        return _with_rel(tag) if is_external(value, site_url) else tag

    return _A_TAG.sub(fix, html)


def on_page_content(html, page, config, files):
    return add_rel(html, config.site_url)
