"""The fast lane is one: `./scripts/test.sh --fast` (-m "not browser and not npm") runs
without Chromium (test.sh sets CHROMIUM=/nonexistent, so a test that started one would fail)
and its builds print no PDFs.

The decision to print PDFs is made in tests/conftest.py on the tests pytest really runs; if
it were made before `-m` deselected the browser tests, the fast lane would start Chromium.
"""

from __future__ import annotations

import os

from conftest import NEEDS_PDFS, needs_pdfs


def test_pdfs_are_built_only_for_the_tests_that_run(request):
    selected = request.session.items
    assert request.config.stash[NEEDS_PDFS] == needs_pdfs(selected), (
        "tests/conftest.py decided about the PDFs on other tests than the ones that run (before `-m` "
        "deselected some?): keep pytest_collection_modifyitems trylast")
    if not any(item.get_closest_marker("browser") for item in selected):
        assert request.config.stash[NEEDS_PDFS] is False, "no browser test runs, yet the builds would print PDFs"


def test_the_fast_lane_has_no_chromium(request):
    """Under ./scripts/test.sh --fast, Chromium is unavailable on purpose."""
    if any(item.get_closest_marker("browser") for item in request.session.items):
        return  # the full run: Chromium is there
    if os.environ.get("CHROMIUM") != "/nonexistent":
        return  # pytest run by hand with -m: nothing to check
    from site_tools.browser import chromium_path

    try:
        chromium_path()
    except FileNotFoundError:
        return
    raise AssertionError("CHROMIUM=/nonexistent, yet site_tools.browser found a Chromium")
