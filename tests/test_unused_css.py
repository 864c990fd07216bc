"""Material's stylesheets ship without the rules no page can use (overrides/hooks/unused_css.py),
and nothing looks different for it.

The fast tests give the trimming rules case by case, and check that no custom property the
hook dropped is still read. The browser tests take every selector of Material's own
stylesheets (the installed Material) that the trimmed files no longer have, and ask Chromium
whether any element matches it, on every page type in both languages, in both colour schemes,
scrolled down, with the menu open and with search open and showing results, where Material's
and our scripts have added what they add. A dropped rule that matches nothing cannot change how
a page looks. To be on the safe side the selector is widened first: its pseudo-classes and
pseudo-elements (:hover, :checked, :not(...), ::before) are removed and @media conditions ignored, so a
rule for a hovered link, a checked box or print counts as matching if the element is there.
(For the record, screenshots of every page, at 390 and 1280 px and in print, were identical
pixel for pixel before and after the trimming, apart from 6 anti-aliased corner pixels off by
one level in one print screenshot.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_tools import project

from conftest import load_hook

FIX = "overrides/hooks/unused_css.py"


unused_css = load_hook("unused_css")

HTML = ('<html><head><link rel="canonical" href="https://grooming-awareness.example/tip/"></head>'
        '<body dir="ltr" data-md-color-scheme="default"><div class="md-header md-typeset" id="top">'
        '<ul class="task-list"><li class="task-list-item" title="a note">x</li></ul><table></table></div></body></html>')
SCRIPT = 'e.classList.add("md-header--shadow");x(`md-source__fact--${t}`);document.createElement("mark")'

TRIMMED = [
    ("kept: every name is in the pages", ".md-header .task-list-item{color:red}", ".md-header .task-list-item{color:red}"),
    ("kept: a class only a script adds", ".md-header--shadow{color:red}", ".md-header--shadow{color:red}"),
    ("kept: a class a script builds from a prefix", ".md-source__fact--stars{color:red}", ".md-source__fact--stars{color:red}"),
    ("kept: an element a script makes", ".md-typeset mark{color:red}", ".md-typeset mark{color:red}"),
    ("dropped: a class nowhere", ".md-tooltip{color:red}", ""),
    ("dropped: an id nowhere", "#nothing .md-header{color:red}", ""),
    ("dropped: an element nowhere", ".md-typeset kbd{color:red}", ""),
    ("dropped: an attribute nowhere", ".md-header[data-nothing]{color:red}", ""),
    ("dropped: a word only in an address or a title", ".md-typeset .admonition.example,.tip,.note{color:red}", ""),
    ("one selector of a list", ".md-tooltip,.md-header{color:red}", ".md-header{color:red}"),
    ("an attribute value in the pages", "[dir=ltr] .md-header{left:0}", "[dir=ltr] .md-header{left:0}"),
    ("an attribute value nowhere", '[dir=rtl] .md-header{left:0}[data-md-color-primary="red"]{color:red}', ""),
    ("only = needs its value", "[dir^=r] .md-header,[dir] .md-header{left:0}", "[dir^=r] .md-header,[dir] .md-header{left:0}"),
    ("pseudo-classes are never required", ".md-header:hover::before{color:red}", ".md-header:hover::before{color:red}"),
    ("inside :not() is never required", ".md-header:not(.md-tooltip){color:red}", ".md-header:not(.md-tooltip){color:red}"),
    ("an emptied @media goes", "@media print{.md-tooltip{color:red}}", ""),
    ("a kept rule keeps its @media", "@media print{.md-tooltip{color:red}.md-header{color:red}}",
     "@media print{.md-header{color:red}}"),
    ("an unread custom property goes", ":root{--md-tooltip-icon:url(x);--md-used:1px}.md-header{margin:var(--md-used)}",
     ":root{--md-used:1px}.md-header{margin:var(--md-used)}"),
    ("a property read only by a dropped rule goes too",
     ":root{--md-a:1px;--md-b:var(--md-a)}.md-tooltip{margin:var(--md-b)}", ""),
    ("a property our stylesheet reads stays", ":root{--md-ours:1px}", ":root{--md-ours:1px}"),
    ("a property a script names stays", ":root{--md-header--shadow:1px}", ":root{--md-header--shadow:1px}"),
    ("@keyframes and the like stay", "@keyframes spin{to{transform:rotate(1turn)}}", "@keyframes spin{to{transform:rotate(1turn)}}"),
    ("!important stays", ".md-header{color:red!important}", ".md-header{color:red!important}"),
]


@pytest.mark.parametrize("case,css,expected", TRIMMED, ids=[case[0] for case in TRIMMED])
def test_trimming_rules(case, css, expected):
    vocabulary = unused_css.Vocabulary([HTML], [SCRIPT])
    got = unused_css.trim({"main.css": css}, vocabulary, other_css=".x{margin:var(--md-ours)}")["main.css"]
    assert got.strip() == expected, f"{FIX}: {case}"


def test_the_built_site_links_one_trimmed_stylesheet(site_dir):
    shipped = sorted((site_dir / "assets" / "stylesheets").glob("*.css"))
    assert [path.name for path in shipped] != [] and len(shipped) == 1, (
        f"{FIX}: expected one stylesheet, found {[path.name for path in shipped]}")
    originals = sorted(path for path in _material_css_dir().glob("*.min.css") if unused_css.THEME_CSS.match(path.name))
    assert shipped[0].stat().st_size < sum(path.stat().st_size for path in originals), (
        f"{shipped[0].name} is no smaller than Material's own stylesheets")
    stale = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")
             if any(original.name in path.read_text(encoding="utf-8") for original in originals)]
    assert not stale, f"{FIX}: pages still link Material's untrimmed stylesheets: {stale[:5]}"


def _material_css_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def _selectors(css: str) -> set[str]:
    """Every selector of a stylesheet, normalised (at any @media or @supports depth)."""
    import tinycss2

    found = set()

    def walk(nodes):
        for node in nodes:
            if node.type == "qualified-rule":
                for selector in tinycss2.serialize(node.prelude).split(","):
                    found.add(_normal(selector))
            elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def _normal(selector: str) -> str:
    return re.sub(r"\s*([>+~])\s*", r"\1", re.sub(r"\s+", " ", selector.strip()))


def _trimmed_and_original(site_dir):
    """(the shipped stylesheet, Material's own stylesheets joined)."""
    shipped = "".join(path.read_text(encoding="utf-8") for path in (site_dir / "assets" / "stylesheets").glob("*.css"))
    originals = sorted(path for path in _material_css_dir().glob("*.min.css") if unused_css.THEME_CSS.match(path.name))
    return [(shipped, "".join(path.read_text(encoding="utf-8") for path in originals))]


def test_no_dropped_custom_property_is_still_read(site_dir):
    shipped = "".join(path.read_text(encoding="utf-8") for path in (site_dir / "assets" / "stylesheets").glob("*.css"))
    read = set(re.findall(r"var\(\s*(--[\w-]+)", shipped))
    defined_now = set(re.findall(r"(--[\w-]+)\s*:", shipped))
    dropped = set()
    for _, original in _trimmed_and_original(site_dir):
        dropped |= set(re.findall(r"(--[\w-]+)\s*:", original)) - defined_now
    still_read = sorted(dropped & read)
    assert not still_read, f"{FIX} dropped every definition of custom properties that are still read: {still_read}"


# --- in Chromium ------------------------------------------------------------------------------

# Pseudo-classes and pseudo-elements, removed before asking what a selector matches: without
# them a selector matches at least what it did (`a:hover::after` -> `a`, `.x:not(.y)` -> `.x`).
# A dropped selector always keeps the name that is missing from the site, so it stays specific.
_PSEUDO = re.compile(r"::?-?[a-z][a-z-]*(?:\((?:[^()]|\([^()]*\))*\))?")


def _widen(selector: str) -> str:
    widened = re.sub(r"\s+", " ", _PSEUDO.sub("", selector)).strip()
    widened = re.sub(r"^([>+~])", r"* \1", widened)  # `:hover>.x` -> `* >.x`
    return re.sub(r"(^|[ >+~])$", r"\1*", widened) or "*"


_MATCHING = """(selectors) => selectors.filter((selector) => {
    try { return document.querySelector(selector) !== null; } catch (error) { return true; }
})"""  # a selector Chromium cannot read counts as matching: the test cannot vouch for it


@pytest.fixture(scope="module")
def dropped(site_dir) -> list[str]:
    """Widened selectors of Material's that the trimmed stylesheets no longer have."""
    found = set()
    for trimmed, original in _trimmed_and_original(site_dir):
        found |= {_widen(selector) for selector in _selectors(original) - _selectors(trimmed)}
    assert found, f"{FIX} dropped nothing from Material's stylesheets"
    return sorted(found)


PAGES = {"home": "", "article": "how-grooming-works/", "checklist": "parents/warning-signs/", "help": "help/",
         "404": "no-such-page/"}
LANGUAGES = project.languages()


def _scroll_down(page):
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)


def _open_menu(page):
    page.click("[data-drawer-button]")
    page.wait_for_timeout(300)


def _search(page):
    page.click("[data-site-search-open]")
    page.fill("[data-site-search-input]", "grooming")
    page.wait_for_selector("[data-site-search-results] li", timeout=15000)


STATES = {  # name: (width, colour scheme, what the reader does)
    "phone": (390, "light", _scroll_down),
    "desktop-dark": (1280, "dark", _scroll_down),
    "menu-open": (390, "light", _open_menu),
    "search-phone": (390, "dark", _search),
    "search-desktop": (1280, "light", _search),
}


@pytest.mark.browser
@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_no_dropped_rule_matches_anything(new_context, site_url, dropped, language, state):
    width, scheme, action = STATES[state]
    kinds = ["article"] if action is not _scroll_down else list(PAGES)
    page = new_context(width, 900, color_scheme=scheme, reduced_motion="reduce").new_page()
    problems = []
    for kind in kinds:
        url = site_url + language.site_prefix + PAGES[kind]
        page.goto(url, wait_until="networkidle")
        action(page)
        matching = page.evaluate(_MATCHING, dropped)
        problems += [f"{url}: {selector}" for selector in matching]
    assert not problems, (f"{FIX} dropped rules that match elements ({state}); the vocabulary misses a name "
                          "(a class a script builds?):\n" + "\n".join(problems[:20]))
