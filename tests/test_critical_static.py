"""The two safety behaviours, checked without a browser on every edit (the fast lane):

* Quick exit leaves with location.replace(), so Back does not bring back the page the reader
  was hiding, and never navigates any other way (location.href = ..., location.assign()):
  those add a history entry. Without JavaScript the button is a plain link (checked on every
  built page by tests/test_quick_exit.py::test_every_page_has_the_quick_exit_link_in_its_language).
* Checklists print on one sheet because print.css keeps the task-list spacing compact, with
  !important (the screen styles are more specific).

The browser tests prove the behaviour itself (`./scripts/test.sh -m critical`, under a
minute); these catch the usual way of breaking it in a second. A failure names the file and
the rule to restore.
"""

from __future__ import annotations

import re

import pytest
import rjsmin

from site_tools import project

QUICK_EXIT_JS = project.REPO_ROOT / "overrides" / "assets" / "javascripts" / "quick-exit.js"
PRINT_CSS = project.REPO_ROOT / "overrides" / "assets" / "stylesheets" / "print.css"

pytestmark = pytest.mark.critical


def _code(path) -> str:
    """JavaScript without comments (rjsmin keeps strings and regular expressions intact)."""
    return rjsmin.jsmin(path.read_text(encoding="utf-8"))


def test_quick_exit_leaves_with_location_replace_only():
    code = _code(QUICK_EXIT_JS)
    where = QUICK_EXIT_JS.relative_to(project.REPO_ROOT)
    assert re.search(r"\blocation\.replace\(\s*button\.href\s*\)", code), (
        f"{where}: leave() must end with window.location.replace(button.href): replace() leaves no history "
        "entry, so Back cannot bring the page back")
    other = [m.group(0) for m in re.finditer(
        r"\blocation(?:\.href)?\s*=(?!=)|\blocation\.assign\(|\bwindow\.open\(|\bhistory\.(?:pushState|back|go)\(", code)]
    assert not other, (f"{where}: {other} navigates with a history entry (Back would show the page again); "
                       "leave only with location.replace()")
    assert re.search(r"addEventListener\(\s*\"click\"\s*,\s*function\s*\(event\)\s*\{\s*event\.preventDefault\(\);"
                     r"\s*leave\(\);", code), (
        f"{where}: the button's click handler must call event.preventDefault() and then leave(); otherwise the "
        "link itself navigates and adds a history entry")


def _rules(css: str) -> list[tuple[str, str, str]]:
    """(at-rule prelude or "", selector, declarations) of every rule, at-rules one level deep."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, index = [], 0
    context = [""]
    token = re.compile(r"([^{};]*)\{|\}")
    while True:
        match = token.search(css, index)
        if not match:
            return found
        if match.group(0) == "}":
            context.pop() if len(context) > 1 else None
            index = match.end()
            continue
        prelude = " ".join(match.group(1).split())
        if prelude.startswith("@"):
            context.append(prelude)
            index = match.end()
            continue
        end = css.index("}", match.end())
        found.append((context[-1], prelude, css[match.end():end]))
        index = end + 1


def _declarations(block: str) -> dict[str, str]:
    return {name.strip().lower(): " ".join(value.split())
            for name, _, value in (d.partition(":") for d in block.split(";") if ":" in d)}


def _print_rule(selector: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for media, selectors, block in _rules(PRINT_CSS.read_text(encoding="utf-8")):
        if media == "@media print" and selector in [s.strip() for s in selectors.split(",")]:
            merged.update(_declarations(block))
    return merged


def _ems(value: str) -> list[float]:
    return [float(number) if unit == "em" else (0.0 if float(number) == 0 else 99.0)
            for number, unit in re.findall(r"(-?[\d.]+)(em|rem|px|pt|mm|%)?", value.replace("!important", ""))]


@pytest.mark.parametrize("selector,limit", [(".md-typeset .task-list-item", 0.2), (".md-typeset .task-list", 0.5)])
def test_print_css_keeps_the_checklist_spacing_compact(selector, limit):
    """One sheet depends on these spacings: margin and padding set in @media print, with
    !important, and no vertical space larger than `limit` em per item."""
    where = PRINT_CSS.relative_to(project.REPO_ROOT)
    rule = _print_rule(selector)
    problems = []
    for name in ("margin", "padding"):
        value = rule.get(name)
        if value is None:
            problems.append(f"`{name}` is not set")
        elif "!important" not in value:
            problems.append(f"`{name}: {value}` lacks !important (the screen styles are more specific)")
        elif max(_ems(value)[:1] + _ems(value)[2:3], default=0) > limit:
            problems.append(f"`{name}: {value}` is more than {limit}em above or below")
    assert not problems, (f"{where}: `@media print {{ {selector} {{ ... }} }}`: " + "; ".join(problems)
                          + ". Checklists must print on one sheet; tests/test_print.py measures it in Chromium "
                          "(./scripts/test.sh -m critical)")
