"""Issue 6: every page is usable by everyone: axe-core finds nothing in either colour scheme
at phone and desktop width, a keyboard reaches everything that matters with a visible focus
ring, and each page has a proper title in its own language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from site_tools import project
from site_tools.axe import format_violations, run_axe
from site_tools.built import all_html_pages, built_pages
from site_tools.project import page_url

LANGUAGES = project.languages()

# WCAG 2.0/2.1 A and AA plus axe's best practices. Best-practice rules that do not fit
# Material for MkDocs would be switched off here, each with its reason; none is needed now.
# WCAG rules are never switched off.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_DISABLED_RULES: dict[str, str] = {}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {rule: {"enabled": False} for rule in AXE_DISABLED_RULES},
    "resultTypes": ["violations"],
}

# One browser context per (scheme, width), navigated page to page: ~30 pages x 4 runs.
AXE_RUNS = [("light", 390), ("light", 1280), ("dark", 390), ("dark", 1280)]


def _page_targets(site_url):
    """(url, where) for every content page and every language's not-found page."""
    return [(site_url + page.url_path, page.source_file) for page in all_html_pages(LANGUAGES)]


@pytest.mark.browser
@pytest.mark.parametrize("scheme,width", AXE_RUNS, ids=[f"{s}-{w}px" for s, w in AXE_RUNS])
def test_axe_finds_no_violations(site_url, browser, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        problems = []
        for url, source in _page_targets(site_url):
            page.goto(url, wait_until="load")
            actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            expected = "slate" if scheme == "dark" else "default"
            assert actual == expected, f"{url}: colour scheme {actual!r}, expected {expected!r} (palette in mkdocs.yml)"
            violations = run_axe(page, options=AXE_OPTIONS)
            if violations:
                problems.append(format_violations(violations, f"{url} ({source}, {scheme}, {width}px)"))
            # WCAG 1.4.10 reflow: nothing (a table, a long word, a URL) may widen the page.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{url} ({source}, {width}px): the page scrolls sideways by {overflow}px; "
                                "wrap the long word or link text, or let the table scroll in its own box")
    finally:
        context.close()
    assert not problems, (
        "axe-core found accessibility problems. Fix the Markdown named in brackets, or "
        "overrides/assets/stylesheets/site.css for colours and layout:\n" + "\n".join(problems)
    )


# --- keyboard ----------------------------------------------------------------------------

# What a keyboard user must be able to reach from the top of a page. Each entry is a JS
# predicate on the focused element; `ui` holds the page language's UI strings.
KEYBOARD_STOPS = {
    "skip link": "el => el.matches('a.md-skip, [data-md-component=skip] a') "
                 "|| (el.matches('a[href^=\"#\"]') && el.textContent.trim() === ui.quick_exit_skip)",
    "quick exit button": "el => !!el.closest('.quick-exit')",
    "language switcher": "el => !!el.closest('.md-header .md-select')",
    # The header button that opens search (partials/site-search.html), or a search field.
    "search": "el => el.matches('[data-site-search-open], input[type=search], [role=searchbox]') "
              "|| !!el.closest('[role=search]')",
    "checklist checkbox": "el => el.matches('.task-list-item input[type=checkbox]')",
}

# The style properties that can show focus; a stop passes when one of them differs
# between focused and unfocused and the element is on screen while focused.
_FOCUS_STYLE_JS = """async el => {
  // Material fades skip links and buttons in: measure once transitions have finished.
  await Promise.all(el.getAnimations().map(a => a.finished.catch(() => null)));
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 || /rgba\\(.*, 0\\)$/.test(s.outlineColor)
      ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    boxShadow: s.boxShadow,
    visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0.5
      && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    describe: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
      + ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40) + '"',
  };
}"""

KEYBOARD_PAGES = [(language, "parents/warning-signs.md") for language in LANGUAGES]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language,source", KEYBOARD_PAGES, ids=[f"{l.locale}:{s}" for l, s in KEYBOARD_PAGES])
def test_keyboard_reaches_everything_with_visible_focus(site_url, open_page, language, source, width):
    url = site_url + language.site_prefix + page_url(source)
    page, _ = open_page(url, width=width)
    ui = language.extra.get("ui", {})
    checks = {name: page.evaluate_handle(f"ui => ({js})", ui) for name, js in KEYBOARD_STOPS.items()}
    found, order = [], []  # found: (name, element handle, style while focused)
    for _ in range(120):
        page.keyboard.press("Tab")
        element = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body || el === null", element):
            continue
        for name, check in checks.items():
            # Every skip link counts; of the other kinds, the first one reached.
            if (name == "skip link" or name not in order) and page.evaluate("([check, el]) => check(el)", [check, element]):
                found.append((name, element, page.evaluate(_FOCUS_STYLE_JS, element)))
                order.append(name)
        if set(order) == set(checks):
            break
    missing = [name for name in checks if name not in order]
    assert not missing, (
        f"{url} (docs/{language.locale}/{source}, {width}px): pressing Tab from the top never reached: {', '.join(missing)}. "
        "Make it a focusable element (a link, button or input) that is not hidden, "
        "and not tabindex=-1."
    )
    assert order[0] in ("skip link", "quick exit button"), (
        f"{url} ({width}px): the first Tab stop should be a skip link or the quick exit, got {order[0]}")

    page.evaluate("document.activeElement && document.activeElement.blur()")
    problems = []
    for name, element, focused in found:
        unfocused = page.evaluate(_FOCUS_STYLE_JS, element)
        if not focused["visible"]:
            problems.append(f"{name} {focused['describe']}: not visible on screen while focused")
        if focused["outline"] == unfocused["outline"] and focused["boxShadow"] == unfocused["boxShadow"]:
            problems.append(
                f"{name} {focused['describe']}: no visible focus indicator (outline {focused['outline']!r}, "
                f"box-shadow {focused['boxShadow']!r} both when focused and not)")
    assert not problems, (
        f"{url} ({width}px): keyboard focus problems; add a :focus-visible outline in "
        "overrides/assets/stylesheets/:\n" + "\n".join(problems))


# --- titles --------------------------------------------------------------------------------

def _site_names() -> dict[str, str]:
    config = project.load_mkdocs_config()
    names = {}
    for language in project.languages():
        names[language.locale] = language.site_name or config.site_name
    return names


def test_every_page_has_a_unique_title_in_its_language(site_dir):
    site_names = _site_names()
    problems, seen = [], {}
    for built in built_pages(site_dir, LANGUAGES):
        soup = built.soup()
        title = soup.title.get_text(strip=True) if soup.title else ""
        site_name = site_names[built.language.locale]
        h1 = soup.select_one("article h1")
        if built.source == "index.md":
            if title != site_name:
                problems.append(f"{built.source_file}: home page title {title!r}, expected the site name {site_name!r}")
        elif not title.endswith(" - " + site_name):
            problems.append(f"{built.source_file}: title {title!r} should end with ' - {site_name}' "
                            f"(set `site_name` in config/languages/{built.language.locale}.yml)")
        elif h1 is None or not title[: -len(" - " + site_name)].strip():
            problems.append(f"{built.source_file}: title {title!r} has no page name")
        key = (built.language.locale, title)
        if key in seen:
            problems.append(f"{built.source_file}: title {title!r} is also used by {seen[key]}; give each page its own title")
        seen[key] = built.source_file
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("locale", [language.locale for language in project.languages()])
def test_phone_menu_opens_from_the_keyboard_and_hides_its_links_when_closed(open_page, site_url, locale):
    """Below the desktop breakpoint the navigation is a drawer: closed, its links must not take
    focus; the menu button must open it with Enter and Escape must close it again."""
    language = next(l for l in project.languages() if l.locale == locale)
    url = site_url + language.site_prefix + "help/"
    page, _ = open_page(url, width=390)
    nav_link = page.locator(".md-sidebar--primary a.md-nav__link").first
    assert not nav_link.is_visible(), f"{url}: the closed drawer's links are visible/focusable (site.css drawer rule)"
    menu = page.locator(".md-header button[data-drawer-button]")
    assert menu.count() == 1 and menu.is_visible(), (
        f"{url}: no visible menu button (overrides/assets/javascripts/material-fixes.js replaces Material's label)")
    assert menu.get_attribute("aria-label"), f"{url}: the menu button has no accessible name"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"), (
        f"{url}: opening the menu should move focus into it")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__drawer').checked")
    expect(menu).to_be_focused()  # Escape gives the focus back to the button that opened the menu
    assert menu.get_attribute("aria-expanded") == "false"


@pytest.mark.browser
def test_menu_button_is_hidden_where_the_navigation_is_always_shown(open_page, site_url):
    page, _ = open_page(site_url + "help/", width=1280)
    assert not page.locator(".md-header button[data-drawer-button]").is_visible(), (
        "At 1280 px the sidebar navigation is always shown; hide the drawer button there "
        "(overrides/assets/stylesheets/site.css, [data-drawer-button])")

