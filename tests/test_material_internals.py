"""Our JavaScript relies on a few private parts of Material for MkDocs (overrides/README.md
lists them per file). A Material upgrade may rename any of them without notice; these tests
say which one is gone and which of our files needs it, and check that our scripts report a
missing part on the console rather than quietly skipping their fix.
"""

from __future__ import annotations

import pytest

from site_tools import project

LANGUAGES = project.languages()

# (JavaScript that is true when the part is there, the part, our file that needs it)
INTERNALS = [
    ("typeof window.__md_set === 'function'", "window.__md_set (Material's storage helper)",
     "assets/javascripts/material-fixes.js"),
    ("!!document.querySelector('input#__drawer.md-toggle')", "the #__drawer toggle", "assets/javascripts/material-fixes.js"),
    ("!!document.querySelector('.md-header label[for=\"__drawer\"]')", "the header's <label for=\"__drawer\">",
     "assets/javascripts/material-fixes.js"),
    ("!!document.querySelector('.md-sidebar--primary .md-nav--primary[aria-label]')",
     "the primary navigation (.md-sidebar--primary .md-nav--primary with aria-label)", "assets/javascripts/material-fixes.js"),
    ("!!document.querySelector('input[name=\"__palette\"]')", "the palette toggle inputs (name=__palette)",
     "assets/javascripts/material-fixes.js"),
    ("!!document.querySelector('input#__search.md-toggle')", "the #__search toggle",
     "assets/javascripts/site-search.js, partials/site-search.html"),
    ("getComputedStyle(document.querySelector('.site-search .md-search__inner')).display !== ''",
     "Material's .md-search__inner styles", "partials/site-search.html, assets/stylesheets/site-search.css"),
    ("!!document.querySelector('.md-overlay') || !!document.querySelector('label.md-overlay[for=\"__drawer\"]')",
     "the drawer overlay (.md-overlay)", "assets/javascripts/quick-exit.js"),
]


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_material_internals_we_rely_on_are_there(open_page, site_url, language):
    page, record = open_page(site_url + language.site_prefix, width=390)
    gone = [f"{part}: needed by overrides/{needed_by}" for check, part, needed_by in INTERNALS if not page.evaluate(check)]
    assert not gone, ("Material no longer has parts our code relies on (after an upgrade? see overrides/README.md, "
                      "'Material internals'):\n" + "\n".join(gone))
    ours = [e for e in record.console_errors if "material-fixes.js" in e or "site-search.js" in e]
    assert not ours, f"Our scripts report missing Material parts: {ours}"


# Each simulated loss: how to cause it, and the console message our file must give.
LOSSES = {
    "__md_set": ("init", "Object.defineProperty(window, '__md_set', {get: () => undefined, set: () => {}})",
                 "material-fixes.js: window.__md_set is missing"),
    "drawer label": ("html", ('for="__drawer"', 'for="__drawer-renamed"'),
                     'material-fixes.js: the header\'s <label for="__drawer"> is missing'),
    "search toggle": ("html", ('id="__search"', 'id="__search-renamed"'),
                      "site-search.js: Material's #__search toggle is missing"),
}


@pytest.mark.browser
@pytest.mark.parametrize("loss", list(LOSSES))
def test_a_missing_internal_is_reported_not_skipped(new_context, site_url, loss):
    kind, change, message = LOSSES[loss]
    context = new_context(390)
    if kind == "init":
        context.add_init_script(change)
    else:
        old, new = change

        def rewrite(route):
            response = route.fetch()
            route.fulfill(response=response, body=response.text().replace(old, new))

        context.route(site_url + "help/", rewrite)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(site_url + "help/", wait_until="load")
    assert any(message in error for error in errors), (
        f"With {loss} gone, no console error {message!r} (got {errors}): the script must report it, not skip silently")
