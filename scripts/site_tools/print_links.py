"""Links on paper: where each link of a printed sheet leads, as an address people can type.

Paper has no links. On a printable page (site_tools.printables), every link to another page
of this site gets a number, printed as a superscript after its text, and the sheet's footer
lists the numbers with short addresses ("2 grooming-awareness.example/parents/warning-signs/").
The addresses come from `site_url`, so a fork's sheets print the fork's address, sub-path
included; an address is the page's, without its #section (people type pages, not anchors).
Numbers go by first appearance, links inside <details> (the answers a worksheet hides) last,
so a worksheet's numbers have no gaps. On screen nothing changes: the numbers are `hidden`
and print.css shows them.

Built here rather than with CSS `attr(href)`, which would print the relative hrefs MkDocs
writes ("../help/#kek-vonal").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from .qr import short_address

_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>", re.S | re.I)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_DETAILS = re.compile(r"<details\b.*?</details\s*>", re.S | re.I)

REF_CLASS = "print-link-ref"


@dataclass(frozen=True)
class Note:
    number: int
    url: str  # absolute, without fragment
    address: str  # as printed: "grooming-awareness.example/help/"
    answers_only: bool  # every link to it is inside <details> (hidden on the worksheet)

    def as_dict(self) -> dict:
        return {"number": self.number, "url": self.url, "address": self.address, "answers_only": self.answers_only}


def site_page_url(href: str, page_url: str, site_url: str) -> str | None:
    """The absolute address (no fragment, no query) of the site page a link leads to, or None
    for links that stay on the page or leave the site (#anchors, tel:, mailto:, other hosts)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    here = urljoin(base, page_url)
    parts = urlsplit(urljoin(here, href))
    if parts.scheme not in ("http", "https"):
        return None
    target = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    site = urlsplit(base)
    if parts.netloc.lower() != site.netloc.lower() or not parts.path.startswith(site.path):
        return None
    if target == here:
        return None
    return target


def annotate(html: str, page_url: str, site_url: str, sheet_address: str | None = None) -> tuple[str, list[Note]]:
    """(html with a hidden superscript number after each link to another site page, the notes).

    `sheet_address`: the address the sheet prints anyway (under its QR code). When every link
    of the sheet goes there, the caption already says where: no numbers, no notes.
    """
    in_details = [(m.start(), m.end()) for m in _DETAILS.finditer(html)]
    links = []  # (match, url, inside details)
    for match in _LINK.finditer(html):
        href = _HREF.search(match.group("attrs"))
        if not href:
            continue
        url = site_page_url(href.group(1) if href.group(1) is not None else href.group(2), page_url, site_url)
        if url:
            links.append((match, url, any(start <= match.start() < end for start, end in in_details)))
    if not links or (sheet_address and {url for _, url, _ in links} == {sheet_address}):
        return html, []
    order = [url for _, url, hidden in links if not hidden] + [url for _, url, hidden in links if hidden]
    numbers = {url: number for number, url in enumerate(dict.fromkeys(order), start=1)}
    answers_only = {url: all(hidden for _, u, hidden in links if u == url) for url in numbers}
    out, last = [], 0
    for match, url, _ in links:
        out += [html[last:match.end()],
                f'<sup class="{REF_CLASS}" hidden data-pagefind-ignore>{numbers[url]}</sup>']
        last = match.end()
    out.append(html[last:])
    notes = [Note(number, url, short_address(url), answers_only[url]) for url, number in numbers.items()]
    return "".join(out), notes
