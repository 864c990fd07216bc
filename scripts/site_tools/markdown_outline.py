"""What a Markdown page is made of, as the translation tools need to see it.

One reader for the docs' Markdown, shared by the parity tests and the translation scripts:
front matter, headings (level, text, explicit `{#id}`, line), checklist (task-list) items per
section, links and images (with locale-independent targets), and the normalized body that
the staleness stamp hashes.

This is deliberately not a full Markdown parser. It understands what this site's pages use
(ATX headings with attr_list ids, fenced code, inline/reference/auto links, raw <a>/<img>
HTML, pymdownx task lists, admonitions) and skips code, so a link or a heading written as an
example inside code does not count.

The front-matter editor changes only the lines it must: a page's bytes outside the edited
keys stay exactly as they were (a YAML round trip would reflow, re-quote and drop comments).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

# The same shape MkDocs accepts (mkdocs.utils.meta): "---" line, YAML, "---" or "..." line.
_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?((?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^{}]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A task-list item as pymdownx.tasklist reads it: a bullet or ordered-list marker, "[ ]", "[x]"
# or "[X]", then the item text. The one rule for every reader of task items (parity counts
# them, site_tools.checklists reads their text for the print and PDF checks).
TASK_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[(?P<mark>[ xX])\](?:[ \t]+(?P<text>.*?))?[ \t]*$", re.M)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")

# [text](target "title") and ![alt](target): the text may hold one level of brackets, the
# target one level of parentheses (Wikipedia-style URLs).
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)>?")
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]+)>", re.I)
_EMAIL_AUTOLINK = re.compile(r"<([^@<>\s:/]+@[^@<>\s]+\.[^@<>\s]+)>")
_HTML_LINK = re.compile(r"<(a|img|source)\b[^>]*?\s(href|src)\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)

HASH_PREFIX = "sha256:"


# --------------------------------------------------------------------------- front matter


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    text: str  # the YAML between the fences ("" when there is none)
    end: int  # offset of the body in the file text
    body_line: int  # 1-based line number where the body starts
    error: str | None = None


def read_front_matter(text: str) -> FrontMatter:
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, "", 0, 1)
    yaml_text = match.group(2) or ""
    error = None
    try:
        data = yaml.safe_load(yaml_text) or {}
        if not isinstance(data, dict):
            data, error = {}, "front matter is not a mapping of keys to values"
    except yaml.YAMLError as exc:
        data, error = {}, f"front matter is not valid YAML: {exc}"
    return FrontMatter(data, yaml_text, match.end(), text.count("\n", 0, match.end()) + 1, error)


def body_of(text: str) -> str:
    return text[read_front_matter(text).end:]


def _yaml_scalar(value: str) -> str:
    """value as a YAML scalar: plain when that reads back unchanged, otherwise double-quoted."""
    if value and "\n" not in value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def set_front_matter_values(text: str, values: dict[str, str | None]) -> str:
    """text with top-level front-matter keys set (value) or removed (None), nothing else touched.

    An existing key keeps its place (its line, and any indented continuation lines, are
    replaced); a new key goes at the end of the front matter. A file without front matter
    gets one. Line endings follow the file's own.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    match = _FRONT_MATTER.match(text)
    if match:
        opening, block, closing = match.group(1), match.group(2) or "", match.group(3)
        rest = text[match.end():]
    else:
        opening, block, closing, rest = "---" + newline, "", "---" + newline, text
    lines = block.splitlines(keepends=True)
    for key, value in values.items():
        new_line = None if value is None else f"{key}: {_yaml_scalar(value)}{newline}"
        start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}[ \t]*:", line)), None)
        if start is None:
            if new_line is not None:
                if lines and not lines[-1].endswith(("\n", "\r")):
                    lines[-1] += newline
                lines.append(new_line)
            continue
        end = start + 1
        while end < len(lines):
            if lines[end].strip() and lines[end][:1] in (" ", "\t"):
                end += 1
                continue
            if not lines[end].strip():
                # A blank line belongs to the value only when more of the value follows it.
                after = end
                while after < len(lines) and not lines[after].strip():
                    after += 1
                if after < len(lines) and lines[after][:1] in (" ", "\t"):
                    end = after
                    continue
            break
        lines[start:end] = [] if new_line is None else [new_line]
    result = opening + "".join(lines) + closing + rest
    check = read_front_matter(result)
    expected = {k: v for k, v in values.items() if v is not None}
    if check.error or any(check.data.get(k) != v for k, v in expected.items()) or any(
        k in check.data for k, v in values.items() if v is None
    ):
        raise ValueError(f"could not update the front matter safely ({check.error or 'values did not read back'})")
    return result


# --------------------------------------------------------------------------- normalized body


def normalized_body(text: str) -> str:
    """The body (no front matter) in a form that ignores editor noise.

    Unicode NFC, LF line endings, no trailing spaces, runs of blank lines collapsed to one,
    no leading or trailing blank lines. Any other change, however small, changes the hash.
    """
    body = unicodedata.normalize("NFC", body_of(text)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in body.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def source_hash(text: str) -> str:
    """"sha256:<hex>" of normalized_body(text): the stamp that works without git history."""
    return HASH_PREFIX + hashlib.sha256(normalized_body(text).encode("utf-8")).hexdigest()


def is_valid_hash(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", value) is not None


# --------------------------------------------------------------------------- outline


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # without the {#id} attribute list
    id: str | None  # explicit id, None when the heading has none
    line: int
    source: str  # the heading line as written

    def show(self) -> str:
        return f"`{self.source.strip()}`"


@dataclass(frozen=True)
class Link:
    line: int
    target: str  # as written
    text: str
    kind: str  # "internal", "external", "tel", "mailto", "other"
    image: bool
    resolved: str | None = None  # internal: docs-relative path[#fragment], same in every language

    @property
    def contact(self) -> str | None:
        """The comparable value of a phone number, e-mail address or external URL."""
        if self.kind in ("tel", "mailto", "external"):
            return self.target
        return None


@dataclass
class Outline:
    path: str  # shown in messages, e.g. "docs/hu/help.md"
    page: str  # path inside the language folder, e.g. "help.md"
    front_matter: FrontMatter
    headings: list[Heading] = field(default_factory=list)
    tasks: list[tuple[int, int]] = field(default_factory=list)  # (line, index of the section's heading or -1)
    links: list[Link] = field(default_factory=list)

    @property
    def meta(self) -> dict:
        return self.front_matter.data

    def tasks_per_section(self) -> list[int]:
        """Checklist items in each section: [before the first heading, after heading 0, ...]."""
        counts = [0] * (len(self.headings) + 1)
        for _, section in self.tasks:
            counts[section + 1] += 1
        return counts

    def section_line(self, section: int) -> int:
        return self.headings[section].line if section >= 0 else self.front_matter.body_line

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def internal_targets(self) -> dict[str, int]:
        """Locale-independent internal link targets -> first line, images excluded."""
        found: dict[str, int] = {}
        for link in self.links:
            if link.kind == "internal" and not link.image:
                found.setdefault(link.resolved, link.line)
        return found

    def contacts(self) -> Counter:
        return Counter(link.contact for link in self.links if link.contact and not link.image)

    def images(self) -> Counter:
        return Counter(link.resolved or link.target for link in self.links if link.image)

    def first_line_of(self, predicate) -> int | None:
        return next((link.line for link in self.links if predicate(link)), None)


def classify(target: str, page: str) -> tuple[str, str | None]:
    """(kind, locale-independent resolved target) of a link written in `page`."""
    lowered = target.lower()
    if lowered.startswith("tel:"):
        return "tel", None
    if lowered.startswith("mailto:"):
        return "mailto", None
    if lowered.startswith(("http://", "https://", "//")):
        return "external", None
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        return "other", None
    path, _, fragment = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        resolved = page
    elif path.startswith("/"):
        resolved = path
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return "internal", resolved + (f"#{fragment}" if fragment else "")


def _split_heading(raw: str) -> tuple[str, str | None]:
    attrs = _ATTR_LIST.search(raw)
    if not attrs:
        return raw.strip(), None
    ids = _ATTR_ID.findall(attrs.group(1))
    return raw[: attrs.start()].strip(), (ids[-1] if ids else None)


def outline_text(text: str, page: str, display_path: str | None = None) -> Outline:
    """Outline of a page's Markdown text; `page` is its path inside the language folder."""
    front = read_front_matter(text)
    result = Outline(path=display_path or page, page=page, front_matter=front)
    lines = text[front.end:].splitlines()
    fence: str | None = None
    for offset, line in enumerate(lines):
        number = front.body_line + offset
        fence_match = _FENCE.match(line)
        if fence:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence) \
                    and not line.strip()[len(fence_match.group(1)):].strip():
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            text_part, heading_id = _split_heading(heading.group(2) or "")
            result.headings.append(Heading(len(heading.group(1)), text_part, heading_id, number, line))
        if TASK_ITEM.match(line):
            result.tasks.append((number, len(result.headings) - 1))
        code_free = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        _collect_links(result, code_free, number, page)
    return result


def _add_link(result: Outline, number: int, target: str, text: str, image: bool, page: str) -> None:
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    if not target:
        return
    kind, resolved = classify(target, page)
    result.links.append(Link(number, target, text.strip(), kind, image, resolved))


def _collect_links(result: Outline, line: str, number: int, page: str) -> None:
    for match in _INLINE_LINK.finditer(line):
        _add_link(result, number, match.group(3), match.group(2), bool(match.group(1)), page)
    definition = _REFERENCE_DEFINITION.match(line)
    if definition and not line.lstrip().startswith("[^"):
        _add_link(result, number, definition.group(2), definition.group(1), False, page)
    for match in _AUTOLINK.finditer(line):
        _add_link(result, number, match.group(1), match.group(1), False, page)
    for match in _EMAIL_AUTOLINK.finditer(line):
        _add_link(result, number, "mailto:" + match.group(1), match.group(1), False, page)
    for match in _HTML_LINK.finditer(line):
        tag, value = match.group(1).lower(), match.group(3)[1:-1]
        _add_link(result, number, value, "", tag in ("img", "source"), page)


def outline_file(path: Path, page: str, display_path: str | None = None) -> Outline:
    return outline_text(path.read_text(encoding="utf-8"), page, display_path or str(path))
