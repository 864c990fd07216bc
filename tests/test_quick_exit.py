"""Issue 6: the quick exit. A reader, perhaps a frightened child on a shared device, must be
able to leave at once from any page: a visible button that is a real link to a neutral site
(so it works without JavaScript), a skip link to it first in the tab order, the page hidden
the moment they ask to leave, Back not returning to what they were reading, and Shift pressed
three times doing the same. Everything is checked in Chromium against the built site; the
neutral sites are answered by a tiny local page, so no request leaves 127.0.0.1."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from site_tools import project
from site_tools.built import all_html_pages, parse_html
from site_tools.project import page_url

LANGUAGES = project.languages()
WIDTHS = [390, 1280]
READING = "sextortion.md"  # the page a reader is "reading" in the behaviour tests
NEUTRAL_PAGE = "<!doctype html><html><head><title>Neutral</title></head><body><p>Weather</p></body></html>"
FIX = "Markup: overrides/partials/quick-exit.html; behaviour: overrides/assets/javascripts/quick-exit.js"


def _ui(language) -> dict:
    return language.extra["ui"]


def _destination(language) -> str:
    from site_tools.country import load_cached

    return load_cached().quick_exit_url


def _same_url(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


def _accessible_name(language) -> str:
    ui = _ui(language)
    return re.sub(r"\s+", " ", f"{ui['quick_exit_hidden_prefix']} {ui['quick_exit']}").strip()


def _page_targets(site_url, language):
    """(url, source) for every page of a language and its not-found page."""
    return [(site_url + page.url_path, page.source_file) for page in all_html_pages([language])]


class LocalExits:
    """Routes for a browser context: the site is served as usual, every quick-exit destination
    gets a tiny local page, and anything else is refused and recorded. Nothing leaves 127.0.0.1.

    no_content=True answers the destination with 204 No Content instead: the browser then stays
    on the page, in the state quick exit left it in. (Holding the request open is no use:
    Chromium answers no evaluate() while a navigation is pending.)"""

    def __init__(self, context, no_content: bool = False):
        self.hosts = {urlsplit(_destination(language)).netloc for language in LANGUAGES}
        self.no_content = no_content
        self.requests = []  # every request that reached a destination host
        self.refused = []   # requests to any other host
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        elif urlsplit(url).netloc in self.hosts:
            self.requests.append(route.request)
            if not route.request.is_navigation_request():
                route.fulfill(status=404, body="")
            elif self.no_content:
                route.fulfill(status=204, body="")
            else:
                route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        else:
            self.refused.append(url)
            route.abort()

    def wait_for_request(self, page, timeout: float = 5.0):
        deadline = time.monotonic() + timeout
        while not self.requests and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        assert self.requests, f"Quick exit did not navigate to the neutral site ({FIX})"
        return self.requests[0]


# Runs in every page of a context before the site's scripts: the moment quick exit marks the
# page as leaving, it notes what is still shown. MutationObserver callbacks run before the
# browser can show the next page, so this is the page as the reader sees it while leaving.
LEAVING_SNAPSHOT = """
new MutationObserver(() => {
  const body = document.body;
  if (!body || !body.classList.contains('quick-exit-active') || sessionStorage.getItem('leaving')) return;
  const overlay = document.querySelector('.quick-exit-overlay[role=alert]');
  sessionStorage.setItem('leaving', JSON.stringify({
    alert: overlay ? overlay.textContent : null,
    shown: [...body.children].filter(e => !e.classList.contains('quick-exit-overlay'))
             .filter(e => e.getClientRects().length).map(e => e.tagName + '.' + e.className),
    title: document.title,
    url: location.href,
  }));
}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
"""


# new_context: conftest.py (one context factory for every browser test).


# --- The built HTML ---------------------------------------------------------------------

def _built_targets(site_dir):
    for page in all_html_pages(LANGUAGES):
        yield page.language, page.html_path(site_dir), page.source_file


def test_every_page_has_the_quick_exit_link_in_its_language(site_dir):
    problems = []
    for language, html_path, source in _built_targets(site_dir):
        ui = _ui(language)
        soup = parse_html(html_path)
        where = f"{html_path.relative_to(site_dir)} ({source})"
        links = soup.select("a#quick-exit")
        if len(links) != 1:
            problems.append(f"{where}: {len(links)} quick-exit links, expected 1")
            continue
        link = links[0]
        if link.get("href") != _destination(language):
            problems.append(f"{where}: quick exit goes to {link.get('href')!r}, expected quick_exit_url from data/country.yml "
                            f"{_destination(language)!r}")
        if not {"nofollow", "noreferrer"} <= set(link.get("rel") or []):
            problems.append(f"{where}: quick exit rel={link.get('rel')}, needs nofollow noreferrer")
        hidden = link.select_one(".quick-exit__hidden")
        if not hidden or hidden.get_text(strip=True) != ui["quick_exit_hidden_prefix"]:
            problems.append(f"{where}: no visually hidden prefix {ui['quick_exit_hidden_prefix']!r}")
        if ui["quick_exit"] not in link.get_text(" ", strip=True):
            problems.append(f"{where}: quick exit label is not {ui['quick_exit']!r}")
        for attribute, key in [("data-quick-exit-presses-one", "quick_exit_presses_left_one"),
                               ("data-quick-exit-presses-other", "quick_exit_presses_left_other"),
                               ("data-quick-exit-expired", "quick_exit_expired"),
                               ("data-quick-exit-leaving", "quick_exit_leaving")]:
            if link.get(attribute) != ui[key]:
                problems.append(f"{where}: {attribute}={link.get(attribute)!r}, expected extra.ui.{key} {ui[key]!r}")
        container = link.find_parent(class_="quick-exit")
        if not container or "no-print" not in container.get("class", []):
            problems.append(f"{where}: the quick exit is not inside .quick-exit.no-print (it must not print)")
        if not soup.select_one('[data-quick-exit-status][role="status"]'):
            problems.append(f"{where}: no role=status live region for the Shift presses")
        # The first thing in <body> a keyboard reaches: the skip link to the quick exit.
        first = next((child for child in soup.body.children if getattr(child, "name", None)), None)
        if not (first and first.name == "a" and first.has_attr("data-quick-exit-skip")
                and first.get("href") == "#quick-exit" and first.get_text(strip=True) == ui["quick_exit_skip"]):
            problems.append(f"{where}: the first element in <body> is {str(first)[:80]!r}, not the skip link to the "
                            "quick exit (overrides/hooks/quick_exit.py moves it there)")
        scripts = [script.get("src", "") for script in soup.find_all("script")]
        if not any(src.endswith("assets/javascripts/quick-exit.js") for src in scripts):
            problems.append(f"{where}: quick-exit.js is not loaded (extra_javascript in mkdocs.yml)")
    assert not problems, f"{FIX}\n" + "\n".join(problems)


def test_every_page_links_to_browse_safely(site_dir):
    problems = []
    for language, html_path, source in _built_targets(site_dir):
        soup = parse_html(html_path)
        where = f"{html_path.relative_to(site_dir)} ({source})"
        wanted = (site_dir / language.site_prefix / page_url("browse-safely.md") / "index.html").resolve()
        links = soup.select(".quick-exit-note a[href]")
        if not links or links[0].get_text(strip=True) != _ui(language)["browse_safely"]:
            problems.append(f"{where}: no {_ui(language)['browse_safely']!r} link in .quick-exit-note")
            continue
        page_dir = html_path.parent
        href = links[0]["href"]
        target = (site_dir / href.lstrip("/")) if href.startswith("/") else (page_dir / href)
        target = target / "index.html" if not target.suffix else target
        if target.resolve() != wanted:
            problems.append(f"{where}: Browse safely goes to {href!r}, not to {wanted.relative_to(site_dir.resolve())}")
    assert not problems, "Markup: overrides/partials/quick-exit-note.html\n" + "\n".join(problems)


# --- In the browser -----------------------------------------------------------------------

RUNS = [(language, width) for language in LANGUAGES for width in WIDTHS]


@pytest.mark.browser
@pytest.mark.parametrize("language,width", RUNS, ids=[f"{l.locale}-{w}px" for l, w in RUNS])
def test_quick_exit_is_visible_on_every_page_without_opening_a_menu(site_url, new_context, language, width):
    context = new_context(width)
    LocalExits(context)
    page = context.new_page()
    problems = []
    for url, source in _page_targets(site_url, language):
        page.goto(url, wait_until="load")
        where = f"{url} ({source}, {width}px)"
        link = page.locator("a#quick-exit")
        if not link.is_visible():
            problems.append(f"{where}: the quick exit is not visible")
            continue
        box = link.bounding_box()
        view = page.viewport_size
        if box["x"] < 0 or box["y"] < 0 or box["x"] + box["width"] > view["width"] or box["y"] + box["height"] > view["height"]:
            problems.append(f"{where}: the quick exit {box} is not inside the {view['width']}px viewport")
        header = page.locator("header.md-header").bounding_box()
        if box["y"] < header["y"] or box["y"] + box["height"] > header["y"] + header["height"] + 0.5:
            problems.append(f"{where}: the quick exit {box} sticks out of the header {header} and covers content")
        heading = page.locator("article h1").first
        if heading.count():
            h = heading.bounding_box()
            if not (box["x"] + box["width"] <= h["x"] or h["x"] + h["width"] <= box["x"]
                    or box["y"] + box["height"] <= h["y"] or h["y"] + h["height"] <= box["y"]):
                problems.append(f"{where}: the quick exit {box} overlaps the first heading {h}")
        on_top = page.evaluate(
            """() => { const r = document.querySelector('#quick-exit').getBoundingClientRect();
                       const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                       return !!(hit && hit.closest('#quick-exit')); }""")
        if not on_top:
            problems.append(f"{where}: something covers the middle of the quick exit")
        try:
            expect(link).to_have_accessible_name(_accessible_name(language), timeout=1000)
        except AssertionError:
            problems.append(f"{where}: accessible name is not {_accessible_name(language)!r}")
        if not page.locator(".quick-exit-note a").first.is_visible():
            problems.append(f"{where}: the Browse safely link (partials/quick-exit-note.html) is not visible")
    assert not problems, f"{FIX}; style: overrides/assets/stylesheets/quick-exit.css\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=[l.locale for l in LANGUAGES])
def test_skip_link_comes_first_and_moves_focus_to_the_button(site_url, new_context, language):
    context = new_context(1280)
    LocalExits(context)
    page = context.new_page()
    url = site_url + language.site_prefix + page_url(READING)
    page.goto(url)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.outerHTML.slice(0, 120), document.activeElement.textContent.trim()]")
    assert focused[1] == _ui(language)["quick_exit_skip"], (
        f"{url}: the first Tab reaches {focused[0]!r}, not the skip link to the quick exit ({FIX}; "
        "overrides/hooks/quick_exit.py)")
    skip_box = page.locator("[data-quick-exit-skip]").bounding_box()
    assert skip_box and skip_box["width"] > 0, f"{url}: the focused skip link is not shown"
    length = page.evaluate("history.length")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "quick-exit", f"{url}: the skip link did not focus the quick exit"
    assert page.url == url and page.evaluate("history.length") == length, (
        f"{url}: the skip link added a history entry ({page.url}); Back would lead to this page after a quick exit")


def _read_a_page_after_home(context, site_url, language):
    """Home, then the page being read: two history entries, so Back after the exit can be checked."""
    exits = LocalExits(context)
    page = context.new_page()
    home = site_url + language.site_prefix
    reading = home + page_url(READING)
    page.goto(home)
    page.goto(reading)
    return exits, page, home, reading, page.evaluate("history.length")


@pytest.mark.browser
@pytest.mark.critical
@pytest.mark.parametrize("language", LANGUAGES, ids=[l.locale for l in LANGUAGES])
def test_click_hides_the_page_at_once_then_replaces_it(site_url, new_context, language):
    context = new_context(390)
    context.add_init_script(script=LEAVING_SNAPSHOT)
    exits, page, home, reading, length = _read_a_page_after_home(context, site_url, language)
    page.locator("a#quick-exit").click(no_wait_after=True)
    page.wait_for_url(lambda u: _same_url(u, _destination(language)))
    request = exits.wait_for_request(page)
    assert "referer" not in request.headers, "The neutral site was told where the reader came from"
    assert page.evaluate("history.length") == length, (
        "Quick exit added a history entry instead of replacing the page (use location.replace)")
    page.go_back()
    assert urlsplit(page.url).path == urlsplit(home).path, (
        f"Back from the neutral site went to {page.url}, expected {home}: the page being read must not come back")
    leaving = page.evaluate("JSON.parse(sessionStorage.getItem('leaving'))")
    assert leaving and _same_url(leaving["url"], reading), (
        f"{reading}: the page was not marked as leaving (quick-exit-active on <body>) before it was replaced ({FIX})")
    assert leaving["alert"] == _ui(language)["quick_exit_leaving"], (
        f"{reading}: while leaving the overlay said {leaving['alert']!r}, expected extra.ui.quick_exit_leaving")
    assert not leaving["shown"], f"{reading}: still visible while leaving: {leaving['shown']}"
    assert leaving["title"] == "", f"{reading}: while leaving the tab title still named the page: {leaving['title']!r}"
    assert not exits.refused, f"Requests to other sites: {exits.refused}"


def _status(page) -> str:
    return page.locator("[data-quick-exit-status]").text_content().strip()


def _presses_left(language, n: int) -> str:
    ui = _ui(language)
    return (ui["quick_exit_presses_left_one"] if n == 1 else ui["quick_exit_presses_left_other"]).replace("{n}", str(n))


@pytest.mark.browser
@pytest.mark.critical
@pytest.mark.parametrize("language", LANGUAGES, ids=[l.locale for l in LANGUAGES])
def test_shift_three_times_leaves_and_says_how_many_presses_are_left(site_url, new_context, language):
    context = new_context(1280)
    exits, page, home, reading, length = _read_a_page_after_home(context, site_url, language)
    page.keyboard.press("Shift")
    assert _status(page) == _presses_left(language, 2), f"{reading}: after one Shift the live region says {_status(page)!r}"
    page.keyboard.press("Shift")
    assert _status(page) == _presses_left(language, 1), f"{reading}: after two Shifts the live region says {_status(page)!r}"
    page.keyboard.press("Shift")
    page.wait_for_url(lambda u: _same_url(u, _destination(language)))
    assert page.evaluate("history.length") == length, "Shift x3 added a history entry instead of replacing the page"
    page.go_back()
    assert urlsplit(page.url).path == urlsplit(home).path, f"Back after Shift x3 went to {page.url}, expected {home}"
    assert not exits.refused, f"Requests to other sites: {exits.refused}"


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=[l.locale for l in LANGUAGES])
def test_shift_as_a_modifier_other_keys_and_pauses_do_not_count(site_url, new_context, language):
    context = new_context(390)
    exits = LocalExits(context)
    page = context.new_page()
    page.clock.install()
    reading = site_url + language.site_prefix + page_url(READING)
    page.goto(reading)
    keys = page.keyboard

    keys.press("Shift")
    keys.press("Shift+A")  # Shift used as a modifier: not a press, and it resets the count
    assert _status(page) == "", f"Shift+A should reset the count, the live region says {_status(page)!r}"
    keys.press("Shift")
    keys.press("Shift")
    assert _status(page) == _presses_left(language, 1)
    keys.press("x")  # any other key starts again
    keys.press("Shift")
    assert _status(page) == _presses_left(language, 2)

    keys.press("Shift")
    page.clock.run_for(5100)  # more than 5 s since the last press
    assert _status(page) == _ui(language)["quick_exit_expired"], (
        f"After a 5 s pause the live region says {_status(page)!r}, expected extra.ui.quick_exit_expired")
    keys.press("Shift")
    assert _status(page) == _presses_left(language, 2), "After the time-out the count should start again"
    page.clock.run_for(4000)
    keys.press("Shift")  # within 5 s of the previous press: counts
    assert _status(page) == _presses_left(language, 1)

    keys.press("Escape")  # Material's key: resets our count, does not leave
    assert _status(page) == "", "Any other key (here Esc) should reset the count"
    page.wait_for_timeout(200)
    assert _same_url(page.url, reading) and not exits.requests, f"{reading}: left the page although it should not have"


@pytest.mark.browser
def test_a_tap_on_the_button_leaves_even_with_the_menu_open(site_url, new_context):
    language = LANGUAGES[0]
    context = new_context(390)
    exits = LocalExits(context)
    page = context.new_page()
    page.goto(site_url + language.site_prefix + page_url(READING))
    # Material's menu label, or the button material-fixes.js puts in its place.
    page.locator(".md-header [data-drawer-button], .md-header label[for=__drawer]").locator("visible=true").first.click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    page.wait_for_timeout(300)  # Material's drawer animation
    box = page.locator("a#quick-exit").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(lambda u: _same_url(u, _destination(language)), timeout=5000)
    assert not exits.refused, f"Requests to other sites: {exits.refused}"


@pytest.mark.browser
def test_page_restored_from_the_back_forward_cache_is_shown_again(site_url, new_context):
    language = LANGUAGES[0]
    context = new_context(390)
    exits = LocalExits(context, no_content=True)
    page = context.new_page()
    reading = site_url + language.site_prefix + page_url(READING)
    page.goto(reading)
    title = page.title()
    page.locator("a#quick-exit").click()
    exits.wait_for_request(page)
    assert page.evaluate("document.body.classList.contains('quick-exit-active')"), f"{reading}: not marked as leaving"
    # What the browser does when it shows this document again from the back/forward cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    state = page.evaluate(
        """() => ({active: document.body.classList.contains('quick-exit-active'),
                  overlays: document.querySelectorAll('.quick-exit-overlay').length,
                  article: document.querySelector('article').getClientRects().length > 0,
                  title: document.title})""")
    assert state == {"active": False, "overlays": 0, "article": True, "title": title}, (
        f"{reading}: after pageshow (persisted) the page is not restored: {state} ({FIX})")
    page.keyboard.press("Shift")
    assert _status(page) == _presses_left(language, 2), "The Shift count was not reset on pageshow"


@pytest.mark.browser
@pytest.mark.critical
@pytest.mark.parametrize("language", LANGUAGES, ids=[l.locale for l in LANGUAGES])
def test_quick_exit_works_without_javascript(site_url, new_context, language):
    context = new_context(390, java_script_enabled=False)
    exits = LocalExits(context)
    page = context.new_page()
    reading = site_url + language.site_prefix + page_url(READING)
    page.goto(reading)
    assert page.locator("a#quick-exit").is_visible(), f"{reading}: no quick exit without JavaScript"
    assert not page.locator("[data-site-search-open]").is_visible(), (
        f"{reading}: the search button shows without JavaScript, where it cannot work")
    page.keyboard.press("Tab")
    assert page.locator("[data-quick-exit-skip]:focus").count() == 1, (
        f"{reading}: without JavaScript the first Tab does not reach the skip link")
    page.locator("a#quick-exit").click()
    page.wait_for_url(lambda u: _same_url(u, _destination(language)))
    navigation = [r for r in exits.requests if r.is_navigation_request()]
    assert navigation and "referer" not in navigation[0].headers, "The neutral site learnt where the reader came from"
    assert not exits.refused, f"Requests to other sites: {exits.refused}"
