"""MkDocs hook: Material's stylesheets without the rules that no page of this build can use.

Material ships one stylesheet for every feature it has (code highlighting, content tabs,
tooltips, annotations, cards, a dozen admonition types, each with its icon as a data: SVG):
22.6 KB compressed, on every first visit, against a 70 KB budget for the whole visit. After
the build (every language), each rule of Material's main.*.min.css and palette.*.min.css is
kept unless one of its selectors needs a name that cannot exist on this site. The names that
can exist (`vocabulary`):

- in the built HTML of every page and language: element names, attribute names, and the
  words of class, id and other attribute values, except those that hold addresses or text
  for people (TEXT_ATTRIBUTES: the site's address in every canonical link would otherwise
  keep Material's "example" admonition on a site served from grooming-awareness.example);
- in the site's scripts (Material's bundle and ours): every word, because scripts add
  classes, attributes and elements when the reader scrolls, opens the menu or searches
  (`md-header--shadow`, `focus-visible`, `<mark>`); a word that ends in `-` or `_` keeps
  every name that starts with it (Material builds `md-source__fact--${name}`).

A selector is dropped only if a class, id, attribute name, element or the words of an
`[attribute=value]` it needs outside :not(), :is(), :where() and :has() are missing from that
vocabulary (Material's palette has a rule for each of its 20 colour names; this site's pages
name one, `custom`). Pseudo-classes are never required. `[dir=rtl]` rules stay on a
left-to-right site, because our quick-exit.js names `rtl`; a right-to-left fork's pages say
`dir="rtl"` anyway. A rule goes
when all its selectors went; an @media or @supports block when its rules went. Then custom
properties that nothing reads any more (no var() in the kept rules, in our stylesheets, and
not a word of the scripts or pages) are dropped: most of the admonition and feature icons.

Then every page's stylesheets, Material's trimmed ones and ours (overrides.*.min.css, from
lean_assets.py), are joined in the pages' order into one file, `styles.<its hash>.min.css`,
which every page links instead of the three (a request less is 250 bytes of headers less,
and the three compress 0.7 KB better together); the separate files and Material's source maps
are removed. The name changes with the content, so no cache can mix two versions. Because the
vocabulary is this build's, a page that starts using an admonition type, a table or a <kbd>
gets its rules at the next build. tests/test_unused_css.py asks Chromium, on every page type
in both languages and in the states scripts change (scrolled, menu open, search open), whether
any selector that was dropped matches an element.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import rcssmin
import tinycss2
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools.project import is_nested_language_build

# Material's stylesheets as its templates link them (assets/stylesheets/NAME.HASH.min.css).
THEME_CSS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_CONTAINERS = ("media", "supports")  # at-rules whose content is rules
# Attribute values that are addresses or text for people, not names a selector could test.
TEXT_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "content", "title", "alt", "aria-label",
                             "aria-description", "placeholder"})


class Vocabulary:
    """The names that can appear in the site's documents (see the module docstring)."""

    def __init__(self, html: list[str] = (), scripts: list[str] = ()):
        self.words: set[str] = set()
        self.elements: set[str] = set()
        for text in html:
            for element in BeautifulSoup(text, "html.parser").find_all(True):
                self.elements.add(element.name)
                for name, value in element.attrs.items():
                    self.words.add(name)
                    if name in TEXT_ATTRIBUTES:
                        continue
                    for item in (value if isinstance(value, list) else [value]):
                        self.words.update(_WORD.findall(str(item)))
        for text in scripts:
            words = set(_WORD.findall(text))
            self.words |= words
            self.elements |= {word for word in words if word.isalpha() and word.islower()}
        self.prefixes = tuple(sorted(word for word in self.words if word.endswith(("-", "_")) and len(word) > 3))

    def has(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)


def _needed_names(selector: list) -> list[tuple[str, str]]:
    """(kind, name) a compound selector needs, outside functional pseudo-classes."""
    needed, i = [], 0
    while i < len(selector):
        token = selector[i]
        if token.type == "literal" and token.value == "." and i + 1 < len(selector) and selector[i + 1].type == "ident":
            needed.append(("name", selector[i + 1].value))
            i += 2
            continue
        if token.type == "hash":
            needed.append(("name", token.value))
        elif token.type == "[] block":
            parts = [part for part in token.content if part.type != "whitespace"]
            if parts and parts[0].type == "ident":
                needed.append(("name", parts[0].value))
                # [name=value]: the value's words too (Material's palette has a rule per colour name)
                if len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string"):
                    needed += [("name", word) for word in _WORD.findall(parts[2].value)]
        elif token.type == "literal" and token.value == ":":
            # A pseudo-class or pseudo-element (`:hover`, `::before`, `:not(...)`): skip it whole.
            i += 1
            if i < len(selector) and selector[i].type == "literal" and selector[i].value == ":":
                i += 1
        elif token.type == "ident":
            needed.append(("element", token.lower_value))
        i += 1
    return needed


def _split(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _possible(selector: list, vocabulary: Vocabulary) -> bool:
    return all(name in vocabulary.elements if kind == "element" else vocabulary.has(name)
               for kind, name in _needed_names(selector))


def _trim_rules(nodes, vocabulary: Vocabulary) -> list:
    """A tree of kept rules: ("rule", selector text, [(name, value text)] or None), ("block",
    prelude text, children), ("raw", text)."""
    tree = []
    for node in nodes:
        if node.type == "qualified-rule":
            kept = [tinycss2.serialize(selector).strip() for selector in _split(node.prelude)
                    if _possible(selector, vocabulary)]
            if not kept:
                continue
            body = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
            if all(item.type == "declaration" for item in body):
                declarations = [[item.name, tinycss2.serialize(item.value).strip() + (" !important" if item.important else "")]
                                for item in body]
                tree.append(("rule", ",".join(kept), declarations))
            else:  # nested rules or anything unusual: kept as written
                tree.append(("rule", ",".join(kept), tinycss2.serialize(node.content)))
        elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in _CONTAINERS:
            children = _trim_rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True),
                                   vocabulary)
            if children:
                tree.append(("block", f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", children))
        elif node.type != "error":
            tree.append(("raw", tinycss2.serialize([node])))
    return tree


def _serialize(tree) -> str:
    out = []
    for kind, head, body in ((node + (None,))[:3] for node in tree):
        if kind == "rule":
            if isinstance(body, str):
                out.append(f"{head}{{{body}}}")
            elif body:
                out.append(f"{head}{{{';'.join(f'{name}:{value}' for name, value in body)}}}")
        elif kind == "block":
            inner = _serialize(body)
            if inner:
                out.append(f"{head}{{{inner}}}")
        else:
            out.append(head)
    return "".join(out)


def _drop_unread_properties(tree, read: set[str]) -> bool:
    changed = False
    for kind, _, body in ((node + (None,))[:3] for node in tree):
        if kind == "rule" and isinstance(body, list):
            kept = [item for item in body if not (item[0].startswith("--") and item[0] not in read)]
            changed |= len(kept) != len(body)
            body[:] = kept
        elif kind == "block":
            changed |= _drop_unread_properties(body, read)
    return changed


def trim(stylesheets: dict[str, str], vocabulary: Vocabulary, other_css: str = "") -> dict[str, str]:
    """Each stylesheet without what the vocabulary rules out, minified. Custom properties are
    kept while any kept rule, other_css (ours), or a word of the vocabulary (`--name`) reads them."""
    trees = {name: _trim_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), vocabulary)
             for name, css in stylesheets.items()}
    while True:  # dropping a property can leave another one unread
        text = "".join(_serialize(tree) for tree in trees.values()) + other_css
        read = set(_VAR.findall(text)) | {f"--{word.lstrip('-')}" for word in vocabulary.words}
        if not any([_drop_unread_properties(tree, read) for tree in trees.values()]):
            break
    return {name: rcssmin.cssmin(_serialize(tree)) + "\n" for name, tree in trees.items()}


# Material's links and ours, as its templates write them (only whitespace between them).
_LINK = r'<link rel="stylesheet" href="(?P<prefix>[^"]*?)assets/stylesheets/(?P<name>[\w.-]+\.css)">'
_LINKS = re.compile(_LINK + r'(?:\s*<link rel="stylesheet" href="(?P=prefix)assets/stylesheets/[\w.-]+\.css">)*')
STYLESHEET = "styles.{hash}.min.css"


def _stylesheet_links(html: str) -> tuple[re.Match, list[str]] | None:
    """The run of stylesheet links into assets/stylesheets/ in <head>, and their file names."""
    head = html[: html.find("</head>")]
    match = _LINKS.search(head)
    return (match, re.findall(r"assets/stylesheets/([\w.-]+\.css)", match.group(0))) if match else None


def trim_site(site_dir: Path) -> str | None:
    """Trim Material's stylesheets in a built site and join every page's stylesheets (Material's
    and ours, in the pages' order) into one file, which every page then links instead.
    Returns that file's name, or None when there was nothing of Material's to trim."""
    css_dir = site_dir / "assets" / "stylesheets"
    pages = sorted(site_dir.rglob("*.html"))
    html = [path.read_text(encoding="utf-8") for path in pages]
    links = [_stylesheet_links(text) for text in html]
    orders = {tuple(found[1]) for found in links if found}
    if len(orders) != 1 or not any(THEME_CSS.match(name) for name in next(iter(orders))):
        raise PluginError(f"unused_css hook: expected every page to link Material's stylesheets, then ours, one after "
                          f"the other in <head>; found {sorted(orders) or 'none'}. Did Material's base.html change?")
    order = list(next(iter(orders)))
    missing = [path.relative_to(site_dir).as_posix() for path, found in zip(pages, links) if not found]
    if missing:
        raise PluginError(f"unused_css hook: no stylesheet links in {missing[:5]}")
    theme = {name: (css_dir / name).read_text(encoding="utf-8") for name in order if THEME_CSS.match(name)}
    ours = {name: (css_dir / name).read_text(encoding="utf-8") for name in order if name not in theme}
    scripts = [path.read_text(encoding="utf-8") for path in sorted((site_dir / "assets" / "javascripts").glob("*.js"))]
    trimmed = trim(theme, Vocabulary(html, scripts), "".join(ours.values()))
    css = "".join((trimmed.get(name) or ours[name]).rstrip("\n") + "\n" for name in order)
    name = STYLESHEET.format(hash=hashlib.sha256(css.encode("utf-8")).hexdigest()[:8])
    (css_dir / name).write_text(css, encoding="utf-8")
    for old in order:
        (css_dir / old).unlink()
        (css_dir / f"{old}.map").unlink(missing_ok=True)
    for path, text, (match, _) in zip(pages, html, links):
        link = f'<link rel="stylesheet" href="{match.group("prefix")}assets/stylesheets/{name}">'
        path.write_text(text[: match.start()] + link + text[match.end():], encoding="utf-8")
    return name


# After mkdocs-static-i18n's builds of the other languages (-100) and Pagefind (-200), before
# csp.py (-300), so that every language's pages are there.
@event_priority(-250)
def on_post_build(config):
    if is_nested_language_build(config):
        return  # a nested per-language build: the outer build sees every language's pages
    trim_site(Path(config.site_dir))
