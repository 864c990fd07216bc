"""Markup copied from Material must not drift silently from the installed Material.

Two places copy Material's template text: overrides/partials/alternate.html (the language
selector, unchanged, followed by our header controls) and the `site_meta` block in
overrides/main.html (with changes declared in its comment). After a Material upgrade that
changes either original, these tests fail and say what changed, so the copy is redone on
purpose instead of quietly keeping old markup.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import material

from site_tools import project

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = project.REPO_ROOT / "overrides"
_LEADING_COMMENT = re.compile(r"\A\s*\{#-?.*?-?#\}\s*", re.S)
_DECLARED = re.compile(r"^\s*([-+]) (\S.*)$", re.M)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _block(text: str, name: str, where: str) -> str:
    match = re.search(r"\{%-?\s*block " + name + r"\s*-?%\}(.*?)\{%-?\s*endblock\s*-?%\}", text, re.S)
    assert match, f"{where}: no {{% block {name} %}}"
    return match.group(1)


def _differences(original: list[str], copy: list[str]) -> tuple[Counter, Counter]:
    """Lines of the original the copy leaves out, and lines the copy adds."""
    removed, added = Counter(), Counter()
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=original, b=copy, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed.update(original[a1:a2])
        if op in ("replace", "insert"):
            added.update(copy[b1:b2])
    return removed, added


def _show(lines: Counter) -> str:
    return "\n".join(f"    {line}" for line in sorted(lines.elements())) or "    (none)"


def test_site_meta_differs_from_materials_only_as_declared():
    ours_path = OVERRIDES / "main.html"
    ours = ours_path.read_text(encoding="utf-8")
    original = _block((MATERIAL / "base.html").read_text(encoding="utf-8"), "site_meta", "material/templates/base.html")
    comment = ours[:ours.index("{% block site_meta %}")]
    comment = comment[comment.rindex("{#-"):]
    declared_removed = Counter(m.group(2).strip() for m in _DECLARED.finditer(comment) if m.group(1) == "-")
    declared_added = Counter(m.group(2).strip() for m in _DECLARED.finditer(comment) if m.group(1) == "+")
    removed, added = _differences(_lines(original), _lines(_block(ours, "site_meta", "overrides/main.html")))
    assert (removed, added) == (declared_removed, declared_added), (
        f"overrides/main.html's site_meta block and the installed Material's ({MATERIAL / 'base.html'}) differ by "
        "other lines than the ones its comment declares. If Material changed: copy its block again and redo the "
        "declared changes; if we changed: declare the line in the comment (and say why).\n"
        f"  Material's lines left out, not declared:\n{_show(removed - declared_removed)}\n"
        f"  declared as left out, but in the copy or no longer in Material's:\n{_show(declared_removed - removed)}\n"
        f"  lines added, not declared:\n{_show(added - declared_added)}\n"
        f"  declared as added, but not in the copy:\n{_show(declared_added - added)}")


def test_language_selector_is_materials_own():
    ours = (OVERRIDES / "partials" / "alternate.html").read_text(encoding="utf-8")
    copied = _LEADING_COMMENT.sub("", ours)
    copied = copied[:copied.index('{% include "partials/site-search.html" %}')]
    original = _LEADING_COMMENT.sub("", (MATERIAL / "partials" / "alternate.html").read_text(encoding="utf-8"))
    removed, added = _differences(_lines(original), _lines(copied))
    assert not removed and not added, (
        "overrides/partials/alternate.html no longer matches the installed Material's partials/alternate.html "
        f"({MATERIAL / 'partials' / 'alternate.html'}): copy Material's markup again above our includes.\n"
        f"  Material's lines missing:\n{_show(removed)}\n  lines not in Material's:\n{_show(added)}")
