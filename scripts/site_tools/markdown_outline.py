"""What a Markdown page is made of, as the translation tools need to see it.

One reader for the docs' Markdown, shared by the parity tests and the translation scripts:
front matter, headings (level, text, explicit `{#id}`, line), checklist (task-list) items per
section, links and images (with locale-independent targets), and the normalized body that
the staleness stamp hashes.

Pages are read the way the build reads them: by Python-Markdown with the site's own
extensions (mkdocs.yml: pymdownx.tasklist, attr_list, toc, md_in_html, admonition, fenced
code, ...). What it renders as a heading, a task-list item, a link or an image is what
counts, so a link written as an example inside code is not one, and a line that only looks
like a task item is not one either. Each element is then found in the source by its order
and shape, so that messages name the file and line to edit.

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
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import yaml

# The same shape MkDocs accepts (mkdocs.utils.meta): "---" line, YAML, "---" or "..." line.
_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?((?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)

# Only to find the source line of what Python-Markdown read (messages name file and line):
# what counts as a heading, task item or link is decided by Python-Markdown itself.
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_TASK_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\]")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# toc gives every heading without an explicit {#id} an id; outlines need to tell them apart.
_AUTO_ID = "outline-auto-id"
_BLOCKS = ("ul", "ol", "p", "div", "blockquote", "pre", "table", "details", "dl")

HASH_PREFIX = "sha256:"


# --------------------------------------------------------------------------- front matter


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    text: str  # the YAML between the fences ("" when there is none)
    end: int  # offset of the body in the file text
    body_line: int  # 1-based line number where the body starts
    error: str | None = None


# libyaml's safe loader when PyYAML has it: every tool and test reads every page's front matter.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_front_matter(text: str) -> FrontMatter:
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, "", 0, 1)
    yaml_text = match.group(2) or ""
    error = None
    try:
        data = yaml.load(yaml_text, Loader=_SAFE_LOADER) or {}  # noqa: S506 (a safe loader)
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
    # (line, index of the section's heading or -1, the item's text)
    tasks: list[tuple[int, int, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    text: str = field(default="", repr=False)  # the file as read

    @property
    def meta(self) -> dict:
        return self.front_matter.data

    def tasks_per_section(self) -> list[int]:
        """Checklist items in each section: [before the first heading, after heading 0, ...]."""
        counts = [0] * (len(self.headings) + 1)
        for _, section, _ in self.tasks:
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

    def tasks_in(self, section: int) -> list[tuple[int, int, str]]:
        return [task for task in self.tasks if task[1] == section]

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


@lru_cache(maxsize=4)
def _markdown(config_file: str | None):
    """Python-Markdown with the site's own extensions and their settings (mkdocs.yml,
    MkDocs' built-in toc, tables and fenced_code included), as the build renders pages;
    toc only names its generated ids so that explicit ones can be told apart."""
    import markdown

    from .project import load_mkdocs_config

    config = load_mkdocs_config(config_file)
    settings = {name: dict(values) for name, values in (config.mdx_configs or {}).items()}
    settings.setdefault("toc", {})["slugify"] = lambda value, separator: _AUTO_ID
    return markdown.Markdown(extensions=list(config.markdown_extensions), extension_configs=settings)


def render_html(markdown_text: str, config_file: str | None = None) -> str:
    """Markdown (no front matter) as the build's Python-Markdown renders it, before MkDocs
    rewrites links: link targets stay as written."""
    md = _markdown(config_file)
    md.reset()
    return md.convert(markdown_text)


def _passage_comment(line: str) -> bool:
    from .country import COUNTRY_CLOSE, COUNTRY_OPEN, ROLE_CLOSE, ROLE_OPEN

    return any(rule.match(line) for rule in (COUNTRY_OPEN, COUNTRY_CLOSE, ROLE_OPEN, ROLE_CLOSE))


def item_text(item) -> str:
    """A list item's own text as a reader sees it (no nested list, no checkbox): a parsed
    <li>'s inline content, or its first paragraph in a loose list."""
    parts: list[str] = []
    for child in item.children:
        name = getattr(child, "name", None)
        if name is None and not str(child).strip() and not parts:
            continue
        if name == "p" and not parts:
            parts.append(child.get_text())
            break
        if name in _BLOCKS:
            break
        if name == "input":
            continue
        parts.append(child.get_text() if name else str(child))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def task_items_html(html: str) -> list:
    """The pymdownx.tasklist items (<li class="task-list-item">) of rendered HTML, in order."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").select("li.task-list-item")


class _Lines:
    """Source lines, to name where something Python-Markdown read was written. Lines in
    fenced code are never a match."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.lines = lines
        self.in_fence = []
        fence = None
        for _, line in lines:
            match = _FENCE.match(line)
            if fence:
                self.in_fence.append(True)
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    fence = None
                continue
            if match:
                fence = match.group(1)
            self.in_fence.append(bool(match))
        self.cursor = {"heading": 0, "task": 0, "link": 0}

    def find(self, kind: str, predicate, fallback: int) -> tuple[int, str]:
        """The next line (after the previous find of this kind) that matches; else fallback."""
        start = self.cursor[kind]
        for scan in (range(start, len(self.lines)), range(0, start)):
            for index in scan:
                if not self.in_fence[index] and predicate(index):
                    self.cursor[kind] = index + (kind != "link")
                    return self.lines[index]
            if kind != "link":
                break
        return fallback, ""

    def heading(self, level: int, fallback: int) -> tuple[int, str]:
        def is_heading(index: int) -> bool:
            line = self.lines[index][1]
            if _HEADING_LINE.match(line):
                return len(line.strip()) - len(line.strip().lstrip("#")) == level
            following = self.lines[index + 1][1] if index + 1 < len(self.lines) else ""
            return level in (1, 2) and bool(line.strip()) and bool(_SETEXT_UNDERLINE.match(following)) and \
                following.strip()[0] == ("=" if level == 1 else "-")
        return self.find("heading", is_heading, fallback)

    def task(self, fallback: int) -> tuple[int, str]:
        return self.find("task", lambda index: bool(_TASK_LINE.match(self.lines[index][1])), fallback)

    def link(self, target: str, fallback: int) -> int:
        written = re.compile(r"(?:\]\([ \t]*<?|\]:[ \t]*<?|<|=[ \t]*[\"']?)" + re.escape(target) + r"(?=[\s)>\"']|$)")
        return self.find("link", lambda index: bool(written.search(self.lines[index][1])), fallback)[0]


@lru_cache(maxsize=512)
def outline_text(text: str, page: str, display_path: str | None = None, config_file: str | None = None) -> Outline:
    """Outline of a page's Markdown text; `page` is its path inside the language folder.

    The page is read by Python-Markdown with the site's extensions, as the build reads it:
    what it renders as a heading, a task-list item, a link or an image is what counts (a
    link in code is not one, `2) [ ] x` is not an item). The comment lines that open and
    close country and role passages are left out first, as the build's country hook does."""
    from bs4 import BeautifulSoup

    front = read_front_matter(text)
    result = Outline(path=display_path or page, page=page, front_matter=front, text=text)
    numbered = [(front.body_line + offset, line) for offset, line in enumerate(text[front.end:].split("\n"))]
    kept = [(number, line) for number, line in numbered if not _passage_comment(line)]
    source = _Lines(kept)
    soup = BeautifulSoup(render_html("\n".join(line for _, line in kept), config_file), "html.parser")
    last = front.body_line  # the line of the latest element found: where the next one is looked for
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "li", "a", "img", "source"]):
        name = element.name
        if name[0] == "h" and name[1:].isdigit():
            level = int(name[1:])
            heading_id = element.get("id")
            if heading_id is not None and heading_id.startswith(_AUTO_ID):
                heading_id = None
            label = re.sub(r"\s+", " ", element.get_text()).strip()
            last, line = source.heading(level, last)
            shown = line or "#" * level + " " + label + (f" {{#{heading_id}}}" if heading_id else "")
            result.headings.append(Heading(level, label, heading_id, last, shown))
        elif name == "li":
            if "task-list-item" in (element.get("class") or []):
                last, _ = source.task(last)
                result.tasks.append((last, len(result.headings) - 1, item_text(element)))
        else:
            attribute = "href" if name == "a" else "src"
            target = (element.get(attribute) or "").strip()
            if not target:
                continue
            text_of = element.get("alt", "") if name != "a" else element.get_text()
            line = source.link(target, last)
            kind, resolved = classify(target, page)
            result.links.append(Link(line, target, " ".join(text_of.split()), kind, name != "a", resolved))
    return result


def outline_file(path: Path, page: str, display_path: str | None = None) -> Outline:
    return outline_text(path.read_text(encoding="utf-8"), page, display_path or str(path))
