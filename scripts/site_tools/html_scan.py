"""Tags of finished HTML as an HTML parser reads them, with their exact places in the text.

Hooks that change a page after it is rendered (the CSP, the search index, external links)
must find tags the way a browser does: not inside comments or inside a script's text, with
attributes in any order and quoted any way. Python's own html.parser finds them; the hooks
then change only those bytes, so the rest of the page stays exactly as MkDocs wrote it (and
an inline script is hashed byte for byte, as the browser hashes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Tag:
    name: str  # lower case
    attrs: dict[str, str | None]  # lower-case names, the first of a repeated one, entities decoded
    start: int  # offset of "<"
    end: int  # offset just after ">"
    closing: bool = False  # an end tag (</label>)
    content_end: int | None = None  # <script>/<style>: where "</script" starts

    def text(self, html: str) -> str:
        return html[self.start:self.end]


class _Scanner(HTMLParser):
    def __init__(self, html: str, names: set[str], end_tags: bool):
        super().__init__(convert_charrefs=True)
        self.names, self.end_tags = names, end_tags
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", html)]
        self.found: list[Tag] = []
        self.open_raw: int | None = None  # index in found of a <script>/<style> waiting for its end

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag not in self.names:
            return
        start = self._offset()
        raw = self.get_starttag_text() or ""
        values: dict[str, str | None] = {}
        for name, value in attrs:
            values.setdefault(name, value)
        self.found.append(Tag(tag, values, start, start + len(raw)))
        if tag in ("script", "style"):
            self.open_raw = len(self.found) - 1

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in self.names:
            return
        start = self._offset()
        if tag in ("script", "style") and self.open_raw is not None:
            opened = self.found[self.open_raw]
            self.found[self.open_raw] = Tag(opened.name, opened.attrs, opened.start, opened.end,
                                            content_end=start)
            self.open_raw = None
        if self.end_tags:
            end = self.rawdata.find(">", start)
            self.found.append(Tag(tag, {}, start, end + 1 if end >= 0 else len(self.rawdata), closing=True))


def tags(html: str, names: set[str] | tuple[str, ...], end_tags: bool = False) -> list[Tag]:
    """Every <name ...> of the given names (and </name> with end_tags=True), in order."""
    scanner = _Scanner(html, {name.lower() for name in names}, end_tags)
    scanner.feed(html)
    scanner.close()
    return sorted(scanner.found, key=lambda tag: tag.start)


# One attribute of a start tag, read in order from after the tag's name (so a value that
# contains `rel="..."` is never mistaken for the attribute itself).
_ATTRIBUTE = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


@dataclass(frozen=True)
class AttributeSpan:
    name: str  # lower case
    value: str | None  # as written, without quotes
    start: int  # in the tag's text: the whitespace before the name
    end: int


def attribute_spans(tag_text: str) -> list[AttributeSpan]:
    """The attributes of one start tag's text, where each is written."""
    name = re.match(r"<[^\s/>]+", tag_text)
    position = name.end() if name else 0
    spans = []
    while True:
        match = _ATTRIBUTE.match(tag_text, position)
        if not match:
            return spans
        value = match.group(2)
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        spans.append(AttributeSpan(match.group(1).lower(), value, match.start(), match.end()))
        position = match.end()


def insertion_point(tag_text: str) -> int:
    """Where an attribute can be added to a start tag: before its ">" (or "/>")."""
    end = len(tag_text) - 1
    if tag_text.endswith("/>"):
        end -= 1
    while end > 0 and tag_text[end - 1].isspace():
        end -= 1
    return end



# Elements whose whitespace shows: preformatted text (Material sets `white-space: pre-wrap` on
# <code> and <pre>), form text, and the raw text of scripts and styles.
_KEEPS_WHITESPACE = frozenset({"pre", "code", "textarea", "script", "style"})
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


class _TextFinder(HTMLParser):
    """Where the text outside _KEEPS_WHITESPACE elements is, as (start, end) offsets."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)  # data as written, so its length is its span
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", html)]
        self.kept = 0  # how deep inside elements whose whitespace shows
        self.spans: list[tuple[int, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _KEEPS_WHITESPACE:
            self.kept += 1

    def handle_startendtag(self, tag, attrs):
        pass  # <code/> opens nothing

    def handle_endtag(self, tag):
        if tag in _KEEPS_WHITESPACE and self.kept:
            self.kept -= 1

    def handle_data(self, data):
        if not self.kept:
            line, column = self.getpos()
            start = self.line_starts[line - 1] + column
            self.spans.append((start, start + len(data)))


def without_indentation(html: str) -> str:
    """html with each run of whitespace that holds a line break, in text outside <pre>, <code>,
    <textarea>, <script> and <style>, written as one line break. A browser shows the same page
    (`white-space: normal` makes any such run one space); tags, attributes, comments and the
    kept elements stay byte for byte."""
    finder = _TextFinder(html)
    finder.feed(html)
    finder.close()
    parts, copied = [], 0
    for start, end in finder.spans:
        parts.append(html[copied:start])
        parts.append(_LINE_BREAK_RUN.sub("\n", html[start:end]))
        copied = end
    parts.append(html[copied:])
    return "".join(parts)
