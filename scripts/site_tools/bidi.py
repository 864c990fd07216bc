"""Text in both directions: checks that numbers and addresses are isolated in the built HTML,
and comparisons of page text with PDF text that hold for right-to-left languages too.

Why isolation: after Arabic or Hebrew text, the Unicode bidirectional algorithm reorders the
groups of a number ("116 111" shows as "111 116", "1-800-668-6868" as "6868-668-800-1") unless
the number sits in an isolating element with dir="ltr" (site_tools.country.isolate_ltr).

Why a direction-aware comparison: Chromium writes a PDF's text line by line in *visual*
order. In a line that mixes directions the stretches of Arabic, Latin and numbers come out
left to right as they are drawn ("٢، مجاني 116 111 :Kék Vonal ..."), each stretch in its own
reading order. A plain substring test of the page's text (logical order) then fails on a
correct page. Text with right-to-left letters is therefore compared word by word (every word
and number of the page must be printed, as often as the page has it), and a number written in
groups as one token, so a reversed number ("111 116") is still a failure. Text without
right-to-left letters is compared as before, as one string (checklists.comparable_text).
Either way, links to other pages of the site print a number after their text on paper
(hooks/paper.py): digits may come between the letters of left-to-right text, and are extra
tokens in right-to-left text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .checklists import comparable_text

# Bidi classes of right-to-left letters: Hebrew (R) and Arabic script (AL).
_RTL_CLASSES = {"R", "AL"}
# A number (its groups separated by spaces, no-break spaces or hyphens on one line) or a word
# of letters (with their marks).
_TOKEN = re.compile(r"\+?\d+(?:[ \t\u00a0\u202f\-\u2010\u2011]\d+)*|(?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670])+")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_HYPHENS = re.compile(r"[\u2010\u2011]")
# Unicode's direction marks, which PDF text extraction may carry over.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def has_rtl(text: str) -> bool:
    """True when the text has right-to-left letters (Arabic, Hebrew, Syriac, Thaana, ...)."""
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def tokens(text: str) -> list[str]:
    """Words and numbers in reading order of each, casefolded; Arabic presentation forms (as PDF
    text extraction gives them) folded to their letters; numbers as "116 111", one space between groups."""
    text = unicodedata.normalize("NFKC", text.translate(_MARKS)).casefold()
    return [_HYPHENS.sub("-", _SPACES.sub(" ", token)) if token[-1].isdigit() else token for token in _TOKEN.findall(text)]


class PrintedText:
    """The text of a PDF, to ask whether a piece of page text was printed."""

    def __init__(self, text: str):
        self.text = text
        self._comparable = comparable_text(text)
        self._tokens = Counter(tokens(text))

    def missing(self, expected: str) -> list[str]:
        """What of `expected` is not in the PDF ([] when all of it is): for left-to-right text
        [expected] or []; for text with right-to-left letters, the words and numbers missing."""
        if not has_rtl(expected):
            pattern = r"\d*".join(map(re.escape, comparable_text(expected)))
            return [] if re.search(pattern, self._comparable) else [expected]
        return sorted((Counter(tokens(expected)) - self._tokens).elements())

    def __contains__(self, expected: str) -> bool:
        return not self.missing(expected)


# --- The built HTML ------------------------------------------------------------------------

def _isolates_ltr(element) -> bool:
    """An element that lays its content out left to right, isolated from the text around it:
    any element with dir="ltr" (the HTML standard gives [dir] unicode-bidi: isolate)."""
    return (element.get("dir") or "").lower() == "ltr"


def _isolates(element) -> bool:
    """An isolating element of either direction: <bdi> (dir=auto: its first letter decides,
    which for an address is a Latin one) or any element with dir."""
    return element.name == "bdi" or bool(element.get("dir"))


def isolated(element, test=_isolates_ltr) -> bool:
    """True when the whole text of `element` is inside one element passing `test` (dir="ltr"):
    the element itself, an ancestor with no other text, or a child holding all of its text."""
    text = " ".join(element.get_text(" ").split())
    if not text:
        return True
    node = element
    while node is not None and getattr(node, "name", None) not in (None, "[document]"):
        if " ".join(node.get_text(" ").split()) != text:
            break
        if test(node):
            return True
        node = node.parent
    return any(test(child) and " ".join(child.get_text(" ").split()) == text for child in element.find_all(True))




def unisolated(soup, printed_numbers: tuple[str, ...] = (), addresses: bool = True) -> list[str]:
    """Numbers and addresses on a built page that are not isolated (one line each, what and
    where): tel: and mailto: links, links whose text is their own address as markers print it
    ("nmhh.hu/internethotline"), the print line's numbers (`printed_numbers`: the phone numbers
    the country data prints, and any number written in groups) and the printed addresses (the
    site's and the page's, the QR code's, the numbered link addresses).
    addresses=False: e-mail and web addresses are not checked, for a page whose markers render
    none (an address a page's author writes as link text is theirs to mark up)."""
    from .country import PHONE_LIKE, display_url

    problems = []
    for link in soup.select('a[href^="tel:"], a[href^="mailto:"]' if addresses else 'a[href^="tel:"]'):
        if not isolated(link):
            problems.append(f"<a href=\"{link['href']}\">{link.get_text(' ', strip=True)}</a>")
    for link in soup.select('a[href^="http"]') if addresses else []:
        if link.get_text(strip=True) == display_url(link["href"]) and not isolated(link, _isolates):
            problems.append(f"<a href=\"{link['href']}\">{link.get_text(' ', strip=True)}</a> (an address as link text)")
    line = soup.select_one(".print-footer__helplines")
    if line is not None:
        isolates = {" ".join(element.get_text().split()) for element in line.find_all(True) if _isolates_ltr(element)}
        for number in sorted(set(printed_numbers) | set(PHONE_LIKE.findall(line.get_text()))):
            if number in line.get_text() and number not in isolates:
                problems.append(f"print line: {number!r} is not inside its own <bdi dir=\"ltr\"> "
                                "(partials/print-footer.html, Renderer.print_line_parts)")
    for link in soup.select(".print-footer__addresses a, .print-footer__qr-address, .print-footer__link"):
        if not isolated(link):
            problems.append(f"print footer: the address {link.get_text(' ', strip=True)!r} has no dir=\"ltr\" "
                            "(partials/print-footer.html)")
    return problems


# --- In the browser ------------------------------------------------------------------------

# For each tel: link on the page: are its digits laid out left to right on screen? Measures
# each character of the link's text with a Range and returns the links whose characters,
# taken in the order they are written, do not run left to right on each line.
NUMBERS_IN_VISUAL_ORDER_JS = r"""() => {
  const wrong = [];
  for (const link of document.querySelectorAll('a[href^="tel:"]')) {
    if (!link.getClientRects().length) continue;
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    const boxes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (!/\d/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width) boxes.push({x: r.x, y: Math.round(r.y)});
      }
    }
    for (let i = 1; i < boxes.length; i++) {
      if (boxes[i].y === boxes[i - 1].y && boxes[i].x < boxes[i - 1].x) {
        wrong.push(link.textContent.trim() + ' (' + link.getAttribute('href') + ')');
        break;
      }
    }
  }
  return wrong;
}"""


def renders_addresses(markdown: str) -> bool:
    """True when a page's Markdown has markers that print web or e-mail addresses (the Help
    page's contact entries, [[reach ...]] on the poster)."""
    return "[[contacts " in markdown or "[[reach " in markdown
