"""Issue 2: every page in a real browser: loads, logs no error, stays on 127.0.0.1, and the
language switcher keeps the reader on the same page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from site_tools import project
from site_tools.project import page_url

pytestmark = pytest.mark.browser

LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]
PAGES = [(language, source) for language in LANGUAGES for source in project.page_paths(language)]


@pytest.mark.parametrize("language,source", PAGES, ids=[f"{l.locale}:{s}" for l, s in PAGES])
def test_page_loads_cleanly_and_privately(open_page, site_url, language, source):
    url = site_url + language.site_prefix + page_url(source)
    page, record = open_page(url)
    assert record.status == 200, f"{url} ({'docs/' + language.locale + '/' + source}) answered {record.status}"
    assert not record.console_errors, f"{url}: console errors:\n" + "\n".join(record.console_errors)
    host = urlsplit(site_url).netloc
    foreign = [r for r in record.requests if urlsplit(r).scheme in ("http", "https", "ws", "wss") and urlsplit(r).netloc != host]
    assert not foreign, f"{url}: requests left the site's origin:\n" + "\n".join(foreign)
    assert page.context.cookies() == [], f"{url} set cookies: {page.context.cookies()}"


SWITCH_SAMPLES = ["index.md", "help.md", "parents/warning-signs.md"]


@pytest.mark.parametrize("source", SWITCH_SAMPLES)
@pytest.mark.parametrize("width", [390, 1280])
def test_language_switcher_stays_on_the_same_page(open_page, site_url, source, width):
    for here in LANGUAGES:
        for there in LANGUAGES:
            if here == there:
                continue
            page, _ = open_page(site_url + here.site_prefix + page_url(source), width=width)
            page.locator(".md-header .md-select button").first.click()
            link = page.locator(f'.md-header a.md-select__link[hreflang="{there.locale}"]').first
            assert link.count() == 1, f"No switcher link to {there.locale} on {here.locale}:{source}"
            with page.expect_navigation():
                link.click()
            expected = urlsplit(site_url + there.site_prefix + page_url(source)).path
            assert urlsplit(page.url).path == expected, (
                f"Switching {here.locale}→{there.locale} on {source} went to {page.url}, expected {expected}")
            assert page.evaluate("document.documentElement.lang") == there.locale
