"""Issue 6: search in the reader's language. Pagefind builds one index per language during the
MkDocs build (overrides/hooks/search_index.py); the site's search dialog
(overrides/partials/site-search.html, overrides/assets/javascripts/site-search.js) loads it
only when the reader opens search. Checked in Chromium against the built site: real words
from the real pages, inflected and typed without accents, find their page; each language
finds only its own pages; nothing is downloaded before search opens; the dialog works from
the keyboard and has an accessible name."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from site_tools import language_checks, project
from site_tools.axe import format_violations, run_axe
from site_tools.built import built_pages, parse_html
from site_tools.project import page_url

from conftest import load_hook

LANGUAGES = project.languages()
BY_LOCALE = {language.locale: language for language in LANGUAGES}
SHOWN = 10  # the dialog lists this many results (MAX_RESULTS in site-search.js)
FIX_UI = "Dialog: overrides/partials/site-search.html + overrides/assets/javascripts/site-search.js"
FIX_INDEX = "Index: overrides/hooks/search_index.py"

# Probes: per-language data in tests/data/languages/<locale>.yml (`search_probes`, a list of
# {query, page}); a language without them is reported as skipped.
PROBES = {language.locale: [(probe["query"], probe["page"]) for probe in language_checks.get(language.locale, "search_probes") or []]
          for language in LANGUAGES}
UI_PROBE_COUNT = 2  # the first probes of a language are also typed into the real search field
# Words on pages of every language: each language must find only its own pages for them.
SHARED_WORDS = ["NMHH", "Europol", "grooming", "hotline", "112", "StopNCII"]

# Every query goes through site-search.js's own pipeline (window.__siteSearch.query: the
# stemming, phrase rule and Pagefind call the dialog uses), one search per query.
SEARCH_IN_PAGE = """async ([queries, shown]) => {
  if (!window.__siteSearch) throw new Error('site-search.js did not define window.__siteSearch');
  const found = {};
  for (const query of queries) {
    const result = await window.__siteSearch.query(query, shown);
    found[query] = { total: result.total, urls: result.pages.map(page => new URL(page.url, location.href).pathname) };
  }
  return found;
}"""


def _probes(locale: str) -> list[tuple[str, str]]:
    if not PROBES.get(locale):
        pytest.skip(language_checks.skip_reason(locale, "search_probes"))
    return PROBES[locale]


def _path_of(site_url: str, language, source: str) -> str:
    return urlsplit(site_url + language.site_prefix + page_url(source)).path


@pytest.fixture
def new_page(new_context):
    def _new(url: str, width: int = 1280, **options):
        context = new_context(width, 800, **options)
        # The site only: nothing may leave 127.0.0.1.
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort())
        page = context.new_page()
        page.requests = []
        page.console_errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(url, wait_until="load")
        return page

    return _new


# --- The index ----------------------------------------------------------------------------

def test_every_language_has_its_own_index_of_its_pages(site_dir, built_site):
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    problems = []
    for language in LANGUAGES:
        expected = len(project.page_paths(language))
        indexed = entry["languages"].get(language.locale, {}).get("page_count")
        if indexed != expected:
            problems.append(f"{language.locale}: {indexed} pages indexed, expected the {expected} pages of docs/{language.locale}/ "
                            "(404 pages must not be indexed)")
    extra = sorted(set(entry["languages"]) - {language.locale for language in LANGUAGES})
    if extra:
        problems.append(f"indexes for languages that are not built: {extra} (check <html lang> on every page)")
    log_lines = [line for line in built_site.mkdocs.log.splitlines() if "Search index:" in line]
    if len(log_lines) != 1:
        problems.append(f"Pagefind ran {len(log_lines)} times in one build, expected once after every language")
    assert not problems, f"{FIX_INDEX}\n" + "\n".join(problems)


def test_only_the_article_is_indexed(site_dir):
    problems = []
    for page in built_pages(site_dir, LANGUAGES):
        soup = page.soup()
        bodies = soup.select("[data-pagefind-body]")
        if len(bodies) != 1 or bodies[0].name != "article":
            problems.append(f"{page.url_path} ({page.source_file}): data-pagefind-body on {[b.name for b in bodies]}, "
                            "expected on the one <article>")
    for language in LANGUAGES:
        soup = parse_html(site_dir / language.site_prefix / "404.html")
        if soup.select("[data-pagefind-body]"):
            problems.append(f"{language.site_prefix}404.html is marked for indexing")
    assert not problems, f"{FIX_INDEX}\n" + "\n".join(problems)


def test_unused_pagefind_files_are_not_published(site_dir):
    bundle = site_dir / "pagefind"
    unused = sorted(p.name for p in bundle.iterdir() if re.match(r"pagefind-(.*ui|highlight|worker)", p.name))
    assert not unused, f"{FIX_INDEX}: remove Pagefind files the site never loads: {unused}"


# --- Finding pages ------------------------------------------------------------------------

LOCALES = [language.locale for language in LANGUAGES]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_probe_names_a_page_of_its_language(locale):
    language = BY_LOCALE[locale]
    pages = set(project.page_paths(language))
    wrong = [f"{probe!r}: docs/{locale}/{source} does not exist" for probe, source in _probes(locale) if source not in pages]
    assert not wrong, f"Fix `search_probes` in {language_checks.data_file(locale).relative_to(project.REPO_ROOT)}:\n" + "\n".join(wrong)


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_inflected_and_unaccented_queries_find_their_page(site_url, new_page, locale):
    language = BY_LOCALE[locale]
    probes = _probes(locale)
    page = new_page(site_url + language.site_prefix)
    queries = [query for query, _ in probes]
    found = page.evaluate(SEARCH_IN_PAGE, [queries, SHOWN])
    misses = []
    for query, source in probes:
        wanted = _path_of(site_url, language, source)
        if wanted not in found[query]["urls"]:
            misses.append(f"{query!r} should find docs/{locale}/{source} ({wanted}) among the first {SHOWN}; "
                          f"found {found[query]['urls'] or 'nothing'}")
    assert not misses, (
        f"{len(misses)} of {len(queries)} {locale} probes failed. If a page's wording changed, update the probe "
        f"in {language_checks.data_file(locale).relative_to(project.REPO_ROOT)}; otherwise see {FIX_INDEX}, "
        "overrides/assets/javascripts/site-search.js and search-stemmers.js:\n"
        + "\n".join(misses))


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_search_field_finds_pages_as_the_reader_types(site_url, new_page, locale):
    language = BY_LOCALE[locale]
    probes = _probes(locale)[:UI_PROBE_COUNT]
    ui = language.extra["ui"]
    page = new_page(site_url + language.site_prefix + page_url("help.md"), width=390)
    for query, source in probes:
        page.locator("[data-site-search-open]").click()
        field = page.get_by_label(ui["search_placeholder"], exact=True)
        field.fill(query)
        wanted = _path_of(site_url, language, source)
        link = page.locator(f'#site-search-results a[href$="{wanted}"]')
        expect(link.first).to_be_visible(timeout=5000)
        count = page.locator("#site-search-results li").count()
        meta = page.locator("[data-site-search-meta]").text_content().strip()
        assert re.search(r"\d+", meta) and count >= 1, f"{query!r}: the live region says {meta!r} for {count} results"
        page.keyboard.press("Escape")
    assert not page.console_errors, f"Console errors: {page.console_errors}"


@pytest.mark.browser
@pytest.mark.parametrize("locale", [language.locale for language in LANGUAGES])
def test_each_language_finds_only_its_own_pages(site_url, new_page, locale):
    language = BY_LOCALE[locale]
    page = new_page(site_url + language.site_prefix)
    found = page.evaluate(SEARCH_IN_PAGE, [SHARED_WORDS, 100])
    own = urlsplit(site_url + language.site_prefix).path
    others = [urlsplit(site_url + other.site_prefix).path for other in LANGUAGES if other != language]
    problems = []
    total = 0
    for word, result in found.items():
        total += result["total"]
        for path in result["urls"]:
            # The default language lives at the root, others in their folder: a page is the
            # reader's if it is under their folder and not under another language's deeper one.
            if not path.startswith(own) or any(o.startswith(own) and o != own and path.startswith(o) for o in others):
                problems.append(f"{word!r} on a {locale} page found {path}")
    assert total, f"None of {SHARED_WORDS} found anything on {own}: is the {locale} index empty?"
    assert not problems, f"Search mixes languages ({FIX_INDEX}):\n" + "\n".join(problems)


@pytest.mark.browser
def test_hungarian_query_stemmer_matches_snowball(site_url, new_context):
    """search-stemmers.js against stems from the reference Snowball implementation."""
    pairs = []
    for line in (Path(__file__).parent / "data" / "hungarian_stems.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, stem = line.split("\t")
            pairs.append((word, stem))
    page = new_context().new_page()
    page.goto(site_url + BY_LOCALE["hu"].site_prefix if "hu" in BY_LOCALE else site_url)
    stems = page.evaluate(
        """async (words) => {
          const root = document.querySelector('[data-site-search]');
          const { stemHungarian } = await import(new URL(root.dataset.stemmers, document.baseURI).href);
          return words.map(stemHungarian);
        }""", [word for word, _ in pairs])
    wrong = [f"{word}: {got!r}, Snowball says {stem!r}" for (word, stem), got in zip(pairs, stems) if got != stem]
    assert not wrong, "overrides/assets/javascripts/search-stemmers.js differs from Snowball:\n" + "\n".join(wrong[:30])


# --- Loading ------------------------------------------------------------------------------

def _size(site_dir: Path, site_url: str, url: str) -> tuple[int, int]:
    """Bytes of a site file as served (no server compression) and gzipped."""
    path = site_dir / urlsplit(url).path[len(urlsplit(site_url).path):]
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9))


def _settle(page, quiet_ms: int = 500, timeout_ms: int = 10_000):
    """Wait until the page has made no new request for quiet_ms (lazy loads finish late)."""
    waited, seen, quiet = 0, len(page.requests), 0
    while quiet < quiet_ms and waited < timeout_ms:
        page.wait_for_timeout(100)
        waited += 100
        quiet = quiet + 100 if len(page.requests) == seen else 0
        seen = len(page.requests)


@pytest.mark.browser
def test_search_loads_nothing_until_opened(site_url, site_dir, new_page, capsys):
    language = LANGUAGES[-1]  # Hungarian when present: the bigger stemmer path
    page = new_page(site_url + language.site_prefix + page_url("help.md"))
    _settle(page)
    on_view = list(page.requests)
    assert not [u for u in on_view if "/pagefind/" in u or "search-stemmers" in u], (
        f"Search files were downloaded on page view: {[u for u in on_view if '/pagefind/' in u]} ({FIX_UI})")
    page.locator("[data-site-search-open]").click()
    expect(page.locator("[data-site-search-meta]")).to_have_text(language.extra["ui"]["search_initial"], timeout=5000)
    _settle(page)
    on_open = page.requests[len(on_view):]
    assert any(u.endswith("/pagefind/pagefind.js") for u in on_open), f"Opening search loaded {on_open}"
    assert any(".pf_meta" in u for u in on_open) and any(u.endswith(".pagefind") for u in on_open), (
        f"Opening search did not load the index metadata and WebAssembly: {on_open}")
    page.get_by_label(language.extra["ui"]["search_placeholder"], exact=True).fill((PROBES.get(language.locale) or [("grooming", "")])[0][0])
    expect(page.locator("#site-search-results li").first).to_be_visible(timeout=5000)
    _settle(page)
    on_query = page.requests[len(on_view) + len(on_open):]
    assert not page.console_errors, f"Console errors: {page.console_errors}"

    def total(urls):
        sizes = [_size(site_dir, site_url, u) for u in urls if urlsplit(u).hostname == "127.0.0.1"]
        return sum(s[0] for s in sizes), sum(s[1] for s in sizes)

    # site-search.js and .css ship inside the one script and stylesheet every page loads
    # (hooks/lean_assets.py): what they add to a page view is their minified text.
    lean = load_hook("lean_assets")
    overrides = project.REPO_ROOT / "overrides" / "assets"
    shipped = "".join(lean.minify((overrides / rel).read_text(encoding="utf-8"), Path(rel).suffix)
                      for rel in ("javascripts/site-search.js", "stylesheets/site-search.css")).encode()
    view_raw, view_gz = len(shipped), len(gzip.compress(shipped, 9))
    open_raw, open_gz = total(on_open)
    query_raw, query_gz = total(on_query)
    with capsys.disabled():
        print(f"\nSearch payload on {language.site_prefix}help/: page view {view_raw} B ({view_gz} B gz, "
              f"site-search.js+css); first open {open_raw} B ({open_gz} B gz, {len(on_open)} files); "
              f"first query {query_raw} B ({query_gz} B gz, {len(on_query)} files)")
    # Budgets a regression would break (today roughly two thirds of each).
    assert view_gz < 8_000, f"Search code on every page view is {view_gz} B gzipped"
    assert open_gz < 130_000, f"Opening search downloads {open_gz} B gzipped"
    assert query_gz < 100_000, f"One query downloads {query_gz} B gzipped"


# --- The dialog ---------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("locale", [language.locale for language in LANGUAGES])
def test_keyboard_opens_moves_through_results_and_closes(site_url, new_page, locale):
    language = BY_LOCALE[locale]
    url = site_url + language.site_prefix + page_url("help.md")
    page = new_page(url)
    field = page.locator("#site-search-query")

    page.keyboard.press("/")
    expect(field).to_be_focused()
    assert field.input_value() == "", "The '/' that opened search was typed into the field"
    page.keyboard.press("Escape")
    expect(field).not_to_be_focused()
    assert page.evaluate("document.activeElement === document.body || "
                         "document.activeElement.matches('[data-site-search-open]')"), "Esc did not give the focus back"

    opener = page.locator("[data-site-search-open]")
    opener.focus()
    page.keyboard.press("s")
    expect(field).to_be_focused()
    query = (PROBES.get(locale) or [("grooming", "index.md")])[0][0]
    page.keyboard.type(query)
    first = page.locator("#site-search-results a").first
    expect(first).to_be_visible(timeout=5000)
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    page.keyboard.press("Escape")
    expect(opener).to_be_focused()  # Esc returns focus where it was
    assert page.url == url, "Typing in search navigated (a Material key such as p/n leaked)"

    page.keyboard.press("s")
    expect(field).to_have_value(query)
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)  # Enter opens the focused result
    assert not page.console_errors, f"Console errors: {page.console_errors}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("locale", [language.locale for language in LANGUAGES])
def test_dialog_is_named_modal_and_fits_the_screen(site_url, new_page, locale, width):
    language = BY_LOCALE[locale]
    ui = language.extra["ui"]
    page = new_page(site_url + language.site_prefix + page_url("sextortion.md"), width=width)
    dialog = page.get_by_role("dialog", name=ui["search"], exact=True)
    expect(dialog).to_have_count(0)  # closed: not exposed
    opener = page.get_by_role("button", name=ui["search"], exact=True)
    expect(opener).to_have_attribute("aria-expanded", "false")
    opener.click()
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    # On wide screens the field takes the button's place while open, so find it by its role in the markup.
    expect(page.locator("[data-site-search-open]")).to_have_attribute("aria-expanded", "true")
    field = dialog.get_by_role("textbox", name=ui["search_placeholder"], exact=True)
    expect(field).to_be_focused()
    field.fill((PROBES.get(locale) or [("grooming", "")])[0][0])
    status = dialog.get_by_role("status")
    expect(status).to_have_text(re.compile(r"\d"), timeout=5000)
    shown = page.locator("#site-search-results li").count()
    count_text = status.text_content().strip()
    assert count_text in (ui["search_results_count_one"], ui["search_results_count_other"].replace("{n}", re.sub(r"\D", "", count_text))), (
        f"The live region says {count_text!r}, not extra.ui.search_results_count_* ({shown} shown)")

    view = page.viewport_size
    form = page.locator(".site-search .md-search__form").bounding_box()
    exit_box = page.locator("a#quick-exit").bounding_box()
    assert page.locator("a#quick-exit").is_visible(), "The quick exit is hidden while search is open"
    if width < 960:  # phones: Material's full-screen search, with room left for the quick exit
        inner = page.locator(".site-search .md-search__inner").bounding_box()
        assert inner["width"] >= view["width"] - 1 and inner["height"] >= view["height"] - 1, (
            f"At {width}px search should fill the screen, it is {inner}")
    # In either direction: the quick exit sits at the field's end (right in English, left in
    # Arabic) or below it; the two must not overlap.
    overlap_x = min(form["x"] + form["width"], exit_box["x"] + exit_box["width"]) - max(form["x"], exit_box["x"])
    overlap_y = min(form["y"] + form["height"], exit_box["y"] + exit_box["height"]) - max(form["y"], exit_box["y"])
    assert overlap_x <= 0.5 or overlap_y <= 0.5, (
        f"{page.url} ({width}px, dir={page.evaluate('document.dir')}): the search field {form} overlaps the quick "
        f"exit {exit_box} by {overlap_x:.1f}×{overlap_y:.1f}px ({FIX_UI}, site-search.css)")
    hit = page.evaluate("""() => { const r = document.querySelector('#quick-exit').getBoundingClientRect();
        const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return !!(e && e.closest('#quick-exit')); }""")
    assert hit, "The quick exit is covered while search is open"

    violations = run_axe(page, context=".site-search", rules=[
        "aria-dialog-name", "label", "aria-allowed-attr", "aria-required-attr", "aria-valid-attr-value",
        "button-name", "link-name", "list", "listitem", "color-contrast", "nested-interactive"])
    assert not violations, format_violations(violations, f"{page.url} ({width}px, search open)")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_have_attribute("aria-expanded", "false")
    assert not page.console_errors, f"Console errors: {page.console_errors}"


@pytest.mark.browser
def test_tab_stays_in_the_dialog_but_reaches_the_quick_exit(site_url, new_page):
    language = LANGUAGES[0]
    page = new_page(site_url + language.site_prefix, width=390)
    page.locator("[data-site-search-open]").click()
    page.locator("#site-search-query").fill((PROBES.get(language.locale) or [("grooming", "")])[0][0])
    expect(page.locator("#site-search-results a").first).to_be_visible(timeout=5000)
    reached = set()
    for _ in range(20):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const e = document.activeElement;
            return e.closest('#quick-exit') ? 'quick-exit' : e.closest('.site-search') ? 'dialog' : e.outerHTML.slice(0, 80); }""")
        reached.add(where)
    assert reached == {"dialog", "quick-exit"}, f"Tab left the search dialog: {reached} ({FIX_UI})"
