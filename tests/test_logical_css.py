"""Our stylesheets work right to left as well: no physical left/right in overrides/assets/.

A fork may add Arabic, Persian, Hebrew or Urdu; Material mirrors its own layout for
`dir="rtl"`, and ours must follow. `margin-left: -2em` on the checklist labels made every
Arabic checklist page scroll sideways by 18 px on a phone (fork drill, 2026-12-05). So the
side of a box is always said logically: margin-inline-start/end, padding-inline-*,
border-inline-start, inset-inline-*, text-align: start/end, float: inline-start.

Read with tinycss2 (the CSS tokenizer the build uses), no browser: a fast-lane test. A
declaration that must stay physical (a shadow's offset is not one of these; a physical side
that is right in both directions might be) carries the marker `/* physical: why */` on its
own line, which this test accepts and reports nothing for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

from site_tools import project

STYLESHEETS = sorted((project.REPO_ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))
MARKER = "/* physical:"

# Properties whose name says left or right: margin-left, border-right-width, left, scroll-padding-left,
# border-top-left-radius, ...
_PHYSICAL_NAME = re.compile(r"(^|-)(left|right)(-|$)")
# Properties whose left/right keyword has a logical counterpart.
_SIDE_VALUES = {"float": {"left", "right"}, "clear": {"left", "right"}, "text-align": {"left", "right"},
                "caption-side": {"left", "right"}}
# Shorthands whose 2nd and 4th values are the right and the left side.
_FOUR_SIDES = {"margin", "padding", "inset", "border-width", "border-style", "border-color",
               "scroll-margin", "scroll-padding", "border-radius"}


def _declarations(rules):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from (node for node in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                          skip_whitespace=True)
                        if node.type == "declaration")
        elif rule.type == "at-rule" and rule.content is not None:
            if rule.lower_at_keyword in ("page", "font-face"):
                yield from (node for node in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                              skip_whitespace=True)
                            if node.type == "declaration")
            else:
                yield from _declarations(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                  skip_whitespace=True))


def _values(declaration) -> list[str]:
    """The declaration's top-level values as text (a function such as var() or calc() is one value)."""
    return [tinycss2.serialize([token]).strip().lower() for token in declaration.value
            if token.type not in ("whitespace", "comment") and not (token.type == "literal" and token.value == "!")
            and not (token.type == "ident" and token.lower_value == "important")]


def physical_sides(css: str) -> list[tuple[int, str]]:
    """(line, problem) for every declaration that names a physical left or right side."""
    lines = css.splitlines()
    found = []
    for declaration in _declarations(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)):
        name, values = declaration.lower_name, _values(declaration)
        if name.startswith("--"):
            continue
        problem = None
        if name in ("left", "right"):
            problem = f"{name} (use inset-inline-start or inset-inline-end)"
        elif _PHYSICAL_NAME.search(name):
            problem = f"{name} (use its -inline-start or -inline-end form)"
        elif name in _SIDE_VALUES and set(values) & _SIDE_VALUES[name]:
            problem = f"{name}: {' '.join(values)} (use start/end, inline-start/inline-end)"
        elif name in _FOUR_SIDES and "/" not in values and len(values) == 4 and values[1] != values[3]:
            problem = (f"{name}: {' '.join(values)} sets right and left differently "
                       f"(use {name}-block and {name}-inline)")
        if problem and MARKER not in lines[declaration.source_line - 1]:
            found.append((declaration.source_line, problem))
    return found


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda path: path.name)
def test_stylesheet_has_no_physical_left_or_right(stylesheet: Path):
    found = physical_sides(stylesheet.read_text(encoding="utf-8"))
    where = stylesheet.relative_to(project.REPO_ROOT)
    assert not found, (f"Physical sides break right-to-left languages; use logical properties, or add "
                       f"`{MARKER} why */` on the line if it must stay:\n"
                       + "\n".join(f"{where}:{line}: {problem}" for line, problem in found))


@pytest.mark.parametrize("css,expected", [
    (".a { margin-left: -2em; padding-left: 2em }", ["margin-left", "padding-left"]),
    ("@media print { .a { border-left: 1px solid } }", ["border-left"]),
    (".a { right: 0 }\n.b { inset-inline-end: 0 }", ["right"]),
    (".a { border-top-left-radius: 2px }", ["border-top-left-radius"]),
    (".a { float: left } .b { float: inline-start } .c { text-align: right } .d { text-align: end }", ["float", "text-align"]),
    (".a { padding: 0.3em 0 0.3em 2em !important }", ["padding"]),
    (".a { margin: 0 1em 0 1em } .b { margin: 0 auto } .c { margin: 1px 2px 3px } .d { padding: var(--x) 0 0 var(--y) }",
     ["padding"]),
    (".a { border-radius: 1px 2px 3px 4px / 1px }", []),
    (".a { margin-left: 0; /* physical: a test of the marker */ }", []),
    (":root { --md-left: 1px } .a { transform: translateX(1px); top: 0; margin-block-end: 1em }", []),
], ids=range(10))
def test_the_check_finds_physical_sides(css, expected):
    assert [problem.split(" ")[0].rstrip(":") for _, problem in physical_sides(css)] == expected
