"""Shared fixtures: one strict build of the whole site per test session, a local static
server for it, and Chromium driven by Playwright (Debian's binary, never a download).

The checklist PDFs are printed by Chromium, so the session builds them only when a selected
test is marked `browser` and not `critical`: `./scripts/test.sh --fast` (-m "not browser")
needs no Chromium, and `./scripts/test.sh -m critical` (quick exit and one-sheet printing,
which print their own pages) starts Chromium but prints no PDFs.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# site_tools comes from this checkout's scripts/ (pytest.ini: pythonpath).
from site_tools import parity, project
from site_tools.build import build_site
from site_tools.serve import serve_directory

import warm_python

REPO_ROOT = project.REPO_ROOT
NEEDS_PDFS = pytest.StashKey[bool]()  # shared with test_fork_drill.py


def needs_pdfs(items) -> bool:
    """Builds make the PDFs only for browser tests that may read them (`critical` ones never do)."""
    return any(item.get_closest_marker("browser") and not item.get_closest_marker("critical") for item in items)


# trylast: after pytest's own `-m` selection has removed the deselected items; otherwise
# `-m "not browser"` would still see the browser tests here and print PDFs with Chromium.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    config.stash[NEEDS_PDFS] = needs_pdfs(items)
    if not config.stash[NEEDS_PDFS]:
        plan = config.stash[AHEAD_PLAN] = _plan(items)
        rank = {name: position for position, name in enumerate(plan, start=1)}

        # Tests that wait for nothing first, while the work is made ahead (below); then those
        # that wait, in the order their work was started. The order is otherwise kept.
        def waits_for(item) -> int:
            return max((rank.get(name, 0) for name in _ahead_names(item)), default=0)

        items.sort(key=waits_for)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Pages still waiting for a translation: a report, never a failure (parity skips them)."""
    lines = []
    for language in project.languages()[1:]:
        pages = project.page_paths(language)
        pending = [page for page in pages if parity.is_pending(parity.outline_of(language, page))]
        if pending:
            lines.append(f"{language.locale}: {len(pending)} of {len(pages)} pages pending translation: "
                         + ", ".join(f"docs/{language.locale}/{page}" for page in pending))
    if lines:
        terminalreporter.write_sep("-", "pending translations (scripts/translation_status.py --pending)")
        for line in lines:
            terminalreporter.write_line(line)


# Made ahead: once the tests are collected, the expensive shared fixtures (the session build,
# the fork drill's and the translation tools' copies) and the tests that mostly wait for
# commands (the translation tools run in copies of the project) start in background threads,
# so their builds and commands run on the second core while the quick tests run on the first.
# A test module offers its own as MADE_AHEAD = {name: make(tmp_path_factory, config)}, where
# name is a fixture's (which returns made(name, ...)) or a test's own (whose body is
# run_ahead(request): the steps' failed assertion is reported by that test). made()
# waits for the background result, or makes it now when it was not started. Not when PDFs
# are printed: Playwright stays in the main thread.
_AHEAD: dict[str, Future] = {}
# The order work starts in (and tests that wait for it run in), before the tests that run
# ahead: the session build, which most tests wait for; the copy that the scenario tests copy;
# then the longest first, so that the last to finish are short.
_MADE_AHEAD_ORDER = ("built_site", "pristine", "fork", "merged", "scaffolded", "plain_python_runs", "fork_checks",
                     "preview_site", "missing_page_build")
# Threads, not cores: the work is in child processes, and a thread waiting for its process
# leaves the cores to the others.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="made-ahead")


AHEAD_PLAN = pytest.StashKey[dict]()


def _runs_ahead(item) -> bool:
    return getattr(item, "originalname", None) in getattr(getattr(item, "module", None), "MADE_AHEAD", {})


def _ahead_names(item) -> list[str]:
    """The work made ahead that this test waits for: the fixtures it uses, or its own steps."""
    return [item.originalname] if _runs_ahead(item) else list(getattr(item, "fixturenames", ()))


def _plan(items) -> dict:
    """name -> make(tmp_path_factory, config) of the work the selected tests wait for, in the
    order it starts: the shared fixtures first (a later one may wait for an earlier one, never
    the other way round, so that no thread waits for work queued behind it), then the rest."""
    makers = {"built_site": _session_site}
    for module in sorted({item.module for item in items if getattr(item, "module", None)}, key=lambda m: m.__name__):
        makers.update(getattr(module, "MADE_AHEAD", {}))
    used = {name for item in items for name in _ahead_names(item)}
    order = sorted((name for name in makers if name in used),
                   key=lambda name: _MADE_AHEAD_ORDER.index(name) if name in _MADE_AHEAD_ORDER else len(_MADE_AHEAD_ORDER))
    return {name: makers[name] for name in order}


@lru_cache(maxsize=None)
def load_hook(name: str):
    """overrides/hooks/<name>.py loaded from its file, as MkDocs loads a hook."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"hook_{name}", REPO_ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def made(name: str, make):
    future = _AHEAD.get(name)
    return future.result() if future is not None else make()


def run_ahead(request):
    """A test's steps, started in the background under the test's name (its module's
    MADE_AHEAD): their result here, or the assertion that failed in them."""
    make = request.module.MADE_AHEAD[request.node.originalname]
    return made(request.node.originalname, lambda: make(request.getfixturevalue("tmp_path_factory"), request.config))


def _session_site(factory, config):
    return build_site(factory.mktemp("site"), pdfs=config.stash.get(NEEDS_PDFS, True))


def pytest_collection_finish(session):
    config = session.config
    if config.stash.get(NEEDS_PDFS, True) or config.option.collectonly:
        return
    factory = config._tmp_path_factory  # the tmp_path_factory fixture's own object
    factory.getbasetemp()  # made here, once: threads racing to make it would fail
    for name, make in config.stash.get(AHEAD_PLAN, {}).items():
        if name not in _AHEAD:
            _AHEAD[name] = _POOL.submit(make, factory, config)


def pytest_sessionfinish(session):
    _POOL.shutdown(wait=True, cancel_futures=True)
    warm_python.stop()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, pytestconfig):
    """The site as `./scripts/build.sh` builds it (strict, search index; PDFs when browser
    tests that may read them run), built once."""
    return made("built_site", lambda: _session_site(tmp_path_factory, pytestconfig))


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


@pytest.fixture
def new_context(browser):
    """new_context(width=390, height=844, **options) -> a browser context, closed after the test."""
    contexts = []

    def _new(width: int = 390, height: int = 844, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        # Closing a context while a route handler is still running can hang Playwright's sync
        # API (seen after a result link navigated); drop the routes first.
        context.unroute_all(behavior="ignoreErrors")
        context.close()


@dataclass
class PageRecord:
    """What a page did in the browser: console errors, every request URL, the HTTP status."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    status: int | None = None


@pytest.fixture
def open_page(new_context):
    """open_page(url, width=390) -> (page, record); a fresh context per call, closed after the test."""

    def _open(url: str, width: int = 390, height: int = 844, **context_options):
        page = new_context(width, height, **context_options).new_page()
        record = PageRecord()
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
        page.on("pageerror", lambda e: record.console_errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: record.requests.append(r.url))
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        record.status = response.status if response else None
        return page, record

    return _open
