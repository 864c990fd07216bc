"""Shared fixtures: one strict build of the whole site per test session, a local static
server for it, and Chromium driven by Playwright (Debian's binary, never a download)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

# site_tools comes from this checkout's scripts/ (pytest.ini: pythonpath).
from site_tools import project
from site_tools.build import build_site
from site_tools.serve import serve_directory

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def languages() -> list[project.Language]:
    return project.languages()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site as `./scripts/build.sh` builds it (strict, search index, PDFs), built once."""
    site_dir = tmp_path_factory.mktemp("site")
    return build_site(site_dir, pdfs=True)


@pytest.fixture(scope="session")
def site_dir(built_site) -> Path:
    return built_site.site_dir


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(built_site):
    # Depends on the build so that the PDF step's own Playwright session has finished
    # first: Playwright's sync API cannot start inside a running one.
    from playwright.sync_api import sync_playwright

    from site_tools.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@dataclass
class PageRecord:
    """What a page did in the browser: console errors and every request URL."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser):
    """open_page(url, width=390) -> (page, record); a fresh context per call, closed after the test."""
    contexts = []

    def _open(url: str, width: int = 390, height: int = 844, **context_options):
        context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
        contexts.append(context)
        page = context.new_page()
        record = PageRecord()
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
        page.on("pageerror", lambda e: record.console_errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: record.requests.append(r.url))
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        record.status = response.status if response else None
        return page, record

    yield _open
    for context in contexts:
        context.close()
