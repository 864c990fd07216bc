"""The fork drill: an NGO in another country forks the site, following LOCALIZING.md.

In a copy of the project, exactly the documented steps:

1. scripts/remove_language.py hu               (switched off, files kept)
2. add data/countries/XR.yml and set `country: XR` in mkdocs.yml
                                               (tests/fixtures/fork/XR.yml: a fictional
                                               country, drama-range numbers, .example sites);
   the Hungarian country passages (`<!-- country: HU: ... -->`) are hidden by the new data
   without any edit, and scripts/country_status.py lists them for the fork to replace
3. scripts/new_language.py sk "..."            (a language, scaffolded)
   scripts/new_language.py ar "العربية"         (a right-to-left language, scaffolded)
4. "translate" two pages (index.md, help.md: the untranslated mark removed; the Arabic ones
   really translated, from tests/fixtures/rtl/) and give the data's texts their sk and ar
   versions: scripts/translation_status.py texts --lang sk --write, then every TODO line
   filled in (the fixture country has its sk texts already)
5. build for a GitHub Pages project site: SITE_URL=https://example-ngo.github.io/grooming-xr/

and then check what the NGO would: no Hungarian contact is left on any page or PDF, quick
exit and print footers carry the new country's data, the translation checks pass, and
search, PDFs, the 404 page and the language switcher work under the sub-path. A one-language
preview (BUILD_ONLY_LOCALE) is built too. The Arabic edition is checked as a reader would
see it: <html dir="rtl">, every number isolated and laid out left to right (on screen and in
the PDFs), the pending English pages left to right, no page scrolling sideways at 390 px, and
search listing its translated pages before its pending English ones.

A failure here means a fork would hit the same problem: fix the code or LOCALIZING.md, not
this test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_tools import country_data, project
from site_tools.built import parse_html
from site_tools.printables import printables

import warm_python
from conftest import NEEDS_PDFS, made
from contact_tables import HELP_ENTRIES, PRINT_LINES, help_entry_problems, international_entries

FIXTURE = project.REPO_ROOT / "tests" / "fixtures" / "fork" / "XR.yml"
SUB_PATH = "grooming-xr"
SITE_URL = f"https://example-ngo.github.io/{SUB_PATH}/"
# The fork's language: Slovak, unless this site has it already (then another code that the
# fixture country gives texts for is not needed: pending pages show the default language).
NEW = next(c for c in ("sk", "cs", "pl", "sl", "hr") if c not in {lang.locale for lang in project.languages()})
ENV = {key: value for key, value in os.environ.items() if key not in ("BUILD_ONLY_LOCALE", "SITE_URL")}
HOME_COUNTRY = country_data.load()  # the data the fork replaces (Hungary's)
HAS_HU = any(lang.locale == "hu" for lang in project.languages())
# The fork's right-to-left language: Arabic, its home and help pages translated from
# tests/fixtures/rtl/ (a site that has Arabic already keeps its own, with those two pages).
RTL = "ar"
RTL_FIXTURES = project.REPO_ROOT / "tests" / "fixtures" / "rtl"
RTL_TRANSLATED = ("index.md", "help.md")
HAS_RTL = any(lang.locale == RTL for lang in project.languages())


def _serve_country(repo: Path, code: str) -> None:
    """The fork's one-line edit of its own mkdocs.yml: `country: XR`."""
    settings = repo / "mkdocs.yml"
    text, count = re.subn(r"^(\s+country:\s*)\S+", rf"\g<1>{code}", settings.read_text(encoding="utf-8"),
                          count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no `country:` line under `extra:` (LOCALIZING.md)"
    settings.write_text(text, encoding="utf-8")


def _fill_in_todo_lines(path: Path, locale: str) -> None:
    """The translator's step: every TODO line of data/translations/<locale>.yml translated."""
    text = path.read_text(encoding="utf-8")
    assert "TODO: " in text, f"{path} has no TODO lines to translate"
    path.write_text(text.replace("TODO: ", f"[{locale}] "), encoding="utf-8")


def _run(repo: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = warm_python.python(*args, cwd=repo, env={**ENV, **(env or {})}, timeout=600)
    assert done.returncode == 0, f"`{' '.join(args)}` failed in the fork copy {repo}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _build(repo: Path, site: Path, *, pdfs: bool, env: dict, search: bool = True) -> None:
    code = ("import sys; from pathlib import Path; from site_tools.build import build_site; "
            f"build_site(Path(sys.argv[1]), pdfs={pdfs}, search={search})")
    _run(repo, "-c", "import sys; sys.path.insert(0, 'scripts'); " + code, str(site), env=env)


def _mark_translated(repo: Path, page: str) -> None:
    path = repo / "docs" / NEW / page
    path.write_text(re.sub(r"^translation_status: untranslated\n", "", path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")


def _make_fork(tmp_path_factory, config):
    base = tmp_path_factory.mktemp("fork")
    repo = project.copy_project(base / "repo")
    # In LOCALIZING.md's order: drop the language the fork will not maintain, swap the
    # country, add the fork's language, translate two pages.
    if HAS_HU:
        _run(repo, "scripts/remove_language.py", "hu")
    (repo / "data" / "countries" / "XR.yml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    _serve_country(repo, "XR")
    _run(repo, "scripts/new_language.py", NEW, "Fork language")
    if not HAS_RTL:
        _run(repo, "scripts/new_language.py", RTL, "العربية")
    for page in ("index.md", "help.md"):
        _mark_translated(repo, page)
    for page in RTL_TRANSLATED:
        (repo / "docs" / RTL / page).write_text((RTL_FIXTURES / page).read_text(encoding="utf-8"), encoding="utf-8")
    # The translator's texts for the data the fork does not own (data/international.yml),
    # for every language still built (the fixture country has English and Slovak ones).
    others = [lang.locale for lang in project.languages() if lang.locale not in ("hu", "en")]
    for language in others + [NEW] + ([] if HAS_RTL else [RTL]):
        _run(repo, "scripts/translation_status.py", "texts", "--lang", language, "--write")
        _fill_in_todo_lines(repo / "data" / "translations" / f"{language}.yml", language)
    status = _run(repo, "scripts/country_status.py").stdout
    # Served like GitHub Pages serves a project site: the site sits in /grooming-xr/.
    site = base / "www" / SUB_PATH
    # PDFs are printed by Chromium and search is used by a browser test: only when browser
    # tests run (the fast lane has none).
    browser = config.stash.get(NEEDS_PDFS, True)
    _build(repo, site, pdfs=browser, search=browser, env={"SITE_URL": SITE_URL})
    return repo, site, status


@pytest.fixture(scope="module")
def fork(tmp_path_factory, pytestconfig):
    return made("fork", lambda: _make_fork(tmp_path_factory, pytestconfig))


def _texts(site: Path):
    """(file, visible text + link targets) of every HTML page, and the text of every PDF."""
    from pypdf import PdfReader

    for html in sorted(site.rglob("*.html")):
        soup = parse_html(html)
        targets = " ".join(a.get("href", "") for a in soup.select("a[href]"))
        yield html.relative_to(site), soup.get_text(" ") + " " + targets
    for pdf in sorted(site.rglob("*.pdf")):
        yield pdf.relative_to(site), " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def _leftovers(data: country_data.CountryData, keep: country_data.CountryData) -> list[str]:
    """What of the home country's data must not appear once the fork replaced it."""
    kept = keep.phone_numbers() | {c.get("name") for c in keep.all_contacts() if isinstance(c.get("name"), str)}
    international = {n for c in data.international for p in c.phones for n in (p.dial, p.display)}
    found = set()
    for contact in data.contacts:
        for phone in contact.phones:
            found |= {phone.dial, phone.display} - international
        name = contact.get("name")
        if isinstance(name, str):
            found.add(name)
    found.add(data.quick_exit_url.split("//", 1)[1].rstrip("/"))
    kept.add(keep.quick_exit_url.split("//", 1)[1].rstrip("/"))
    return sorted(found - kept, key=len, reverse=True)


@pytest.mark.browser  # reads the PDFs too, which only builds with browser tests make
def test_no_home_country_contact_is_left_on_any_page_or_pdf(fork):
    repo, site, _ = fork
    fixture = country_data.load("XR", repo / "data")
    leftovers = _leftovers(HOME_COUNTRY, fixture)
    if not leftovers:
        pytest.skip(f"this site already serves the fixture's country ({fixture.code}): nothing to look for")
    problems = []
    for where, text in _texts(site):
        for value in leftovers:
            if re.search(rf"(?<![\w+]){re.escape(value)}(?!\w)", text):
                problems.append(f"{where}: still shows {value!r} from the home country's data ({HOME_COUNTRY.files['country']})")
    assert not problems, "\n".join(problems[:40]) + "\nEvery contact must come from the country data (markers), " \
                                                    "never from page text or templates."


def test_quick_exit_and_print_footer_carry_the_new_country(fork):
    """Literal values (tests/data/contacts/XR.yml), not the loader's: the quick exit goes to the
    fixture's site and every page prints the fixture's helplines."""
    _, site, _ = fork
    problems = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site)
        locale = rel.parts[0] if rel.parts[0] in (NEW, RTL) else "en"
        soup = parse_html(html)
        link = soup.select_one("a#quick-exit")
        if link is None or link.get("href") != "https://weather.example/":
            problems.append(f"{rel}: quick exit goes to {link and link.get('href')!r}, expected https://weather.example/")
        footer = soup.select_one(".print-footer__helplines")
        # get_text() without a separator: the numbers are elements of their own (<bdi dir="ltr">).
        shown = " ".join(footer.get_text().split()) if footer else None
        expected = PRINT_LINES.get(("XR", locale))
        if expected is None:  # a fork language the table has no line for: the numbers at least
            if not shown or "07700 900999" not in shown or "07700 900111" not in shown:
                problems.append(f"{rel}: the print footer says {shown!r}, expected 07700 900999 and 07700 900111")
        elif shown != expected:
            problems.append(f"{rel}: the print footer says {shown!r}, expected {expected!r}")
    assert not problems, "\n".join(problems[:30])


def test_help_entries_show_only_their_own_numbers(fork):
    """Each entry of the fork's Help pages links exactly its own numbers (a literal table)."""
    _, site, _ = fork
    problems = []
    for folder in ("", f"{NEW}/"):
        html = site / folder / "help" / "index.html"
        problems += help_entry_problems(parse_html(html), str(html.relative_to(site)),
                                        {**HELP_ENTRIES["XR"], **international_entries("XR")})
    assert not problems, "\n".join(problems)


@pytest.mark.browser  # the PDFs exist only in builds with browser tests
def test_pdfs_carry_the_new_country_helplines(fork):
    from pypdf import PdfReader

    repo, site, _ = fork
    fixture = country_data.load("XR", repo / "data")
    pdfs = sorted(site.rglob("*.pdf"))
    assert pdfs, f"no checklist PDFs in {site}"
    numbers = [fixture.by_id(cid).phones[0].display for cid in fixture.print_line]
    max_pages = {item.pdf_name(paper): item.max_pages for item in printables(project.languages())
                 for paper in ("a4", "letter")}
    for locale in (NEW, RTL):
        max_pages.update({name.replace(f"-{project.languages()[0].locale}-", f"-{locale}-"): n
                          for name, n in list(max_pages.items()) if f"-{project.languages()[0].locale}-" in name})
    problems = []
    for pdf in pdfs:
        reader = PdfReader(pdf)
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
        problems += [f"{pdf.relative_to(site)}: no {n}" for n in numbers if n not in text]
        if len(reader.pages) > max_pages.get(pdf.name, 1):
            problems.append(f"{pdf.relative_to(site)}: {len(reader.pages)} pages, at most {max_pages.get(pdf.name, 1)}")
        if SUB_PATH not in text:
            problems.append(f"{pdf.relative_to(site)}: the printed site address lacks /{SUB_PATH}/")
    assert not problems, "\n".join(problems)


@pytest.mark.browser  # the PDFs exist only in builds with browser tests
def test_qr_codes_and_link_addresses_carry_the_forks_url(fork):
    """Issue 19: the QR code on a fork's sheets opens the fork's help page (sub-path included),
    and the addresses printed for links are the fork's too."""
    from site_tools.qr import codes_in_pdf

    _, site, _ = fork
    checked, problems = 0, []
    for pdf in sorted(site.rglob("*.pdf")):
        folder = pdf.relative_to(site).parts[0]  # the sheet's language: its folder, or none (the default)
        expected = f"{SITE_URL}{folder}/help/" if (site / folder).is_dir() and (site / folder / "help").is_dir() \
            else f"{SITE_URL}help/"
        codes = [code for page in codes_in_pdf(pdf) for code in page]
        checked += 1
        if codes != [expected]:
            problems.append(f"{pdf.relative_to(site)}: the QR code reads {codes}, expected [{expected!r}]")
    assert checked, f"no PDFs in {site}"
    letter = parse_html(site / "teachers" / "letter-to-parents" / "index.html")
    notes = [note.get_text(" ", strip=True) for note in letter.select(".print-footer__link")]
    if not notes or not all(f"example-ngo.github.io/{SUB_PATH}/" in note for note in notes):
        problems.append(f"teachers/letter-to-parents/: printed link addresses {notes} lack example-ngo.github.io/{SUB_PATH}/")
    assert not problems, "\n".join(problems) + "\nThe QR code and the addresses come from site_url (hooks/paper.py)."


def _make_fork_checks(tmp_path_factory, config, fork=None):
    """The fork's own translation checks, run by pytest inside the fork copy."""
    repo, _, _ = fork or made("fork", lambda: _make_fork(tmp_path_factory, config))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_translation_parity.py", "tests/test_article_points.py",
                           "tests/test_country_data.py", "-k", "not site_dir and not help_page and not print_line"],
                          cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def fork_checks(fork, tmp_path_factory, pytestconfig):
    return made("fork_checks", lambda: _make_fork_checks(tmp_path_factory, pytestconfig, fork))


def test_the_fork_passes_its_translation_checks(fork_checks):
    assert fork_checks.returncode == 0, fork_checks.stdout[-4000:]


def test_country_status_lists_the_forks_to_do(fork):
    _, _, status = fork
    assert "data/countries/XR.yml: Ruritania (XR)" in status, status
    assert "parents-line-xr was last verified on 2025-06-01" in status, "stale contact not reported:\n" + status
    assert "Hidden on your site" in status and "docs/en/teachers/for-schools.md:" in status and "[HU]" in status, (
        "the Hungarian passages are not listed as hidden:\n" + status)


def test_urls_carry_the_sub_path(fork):
    _, site, _ = fork
    soup = parse_html(site / NEW / "help" / "index.html")
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == f"{SITE_URL}{NEW}/help/", canonical
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates.get("en") == f"{SITE_URL}help/", alternates
    not_found = parse_html(site / "404.html")
    styles = [link["href"] for link in not_found.select('link[rel="stylesheet"]')]
    assert styles and all(href.startswith(f"/{SUB_PATH}/") for href in styles), (
        f"404.html must load its styles from /{SUB_PATH}/ (it is served for any missing path): {styles}")


def test_pending_pages_are_not_offered_to_search_engines(fork):
    """The English copies at /sk/ and /ar/ ask not to be indexed, are not in the sitemap and are
    no page's hreflang alternate; the translated pages are all three."""
    _, site, _ = fork
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    problems = []
    for locale in (NEW, RTL):
        pending, translated = f"{SITE_URL}{locale}/about/", f"{SITE_URL}{locale}/help/"
        robots = [m.get("content") for m in parse_html(site / locale / "about" / "index.html").select('meta[name="robots"]')]
        if robots != ["noindex"]:
            problems.append(f"/{locale}/about/ (pending) has robots {robots}, expected ['noindex'] (overrides/main.html)")
        if parse_html(site / locale / "help" / "index.html").select('meta[name="robots"]'):
            problems.append(f"/{locale}/help/ is translated but asks not to be indexed")
        if f"<loc>{pending}</loc>" in sitemap or f'href="{pending}"' in sitemap:
            problems.append(f"sitemap.xml still names {pending} (overrides/hooks/robots.py)")
        if f"<loc>{translated}</loc>" not in sitemap:
            problems.append(f"sitemap.xml lacks {translated}")
    heads = {page: {link["hreflang"] for link in parse_html(site / page / "index.html").select('link[rel="alternate"][hreflang]')}
             for page in ("help", "about")}
    if heads != {"help": {"en", NEW, RTL, "x-default"}, "about": {"en", "x-default"}}:
        problems.append(f"hreflang links of /help/ and /about/: {heads}; a pending page is no page's alternate "
                        "(overrides/hooks/i18n_pages.py)")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_switcher_search_and_404_work_under_the_sub_path(fork, browser):
    from playwright.sync_api import expect

    from site_tools.serve import serve_directory

    _, site, _ = fork
    with serve_directory(site.parent) as root:
        base = f"{root}{SUB_PATH}/"
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(f"{base}help/")
            switch = page.locator(f'a.md-select__link[hreflang="{NEW}"]')
            assert switch.get_attribute("href").endswith(f"/{SUB_PATH}/{NEW}/help/") or \
                switch.get_attribute("href") in (f"../{NEW}/help/", f"{NEW}/help/"), switch.get_attribute("href")
            switch.dispatch_event("click")
            page.wait_for_url(f"{base}{NEW}/help/")
            response = page.goto(f"{base}{NEW}/no-such-page/")
            assert response.status == 404, "the sub-path's 404 page is not served"
            expect(page.locator("a#quick-exit")).to_have_count(1)
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed"), \
                "404 page under the sub-path is unstyled: its CSS did not load"
            page.goto(base)
            page.locator("[data-site-search-open]").click()
            page.locator("#site-search-query").fill("Ruritanian")
            first = page.locator("#site-search-results a").first
            expect(first).to_be_visible(timeout=10_000)
            assert f"/{SUB_PATH}/" in (first.get_attribute("href") or "") or \
                not (first.get_attribute("href") or "").startswith("/"), first.get_attribute("href")
            first.click()
            page.wait_for_load_state("load")
            assert page.url.startswith(base), f"a search result left the sub-path: {page.url}"
        finally:
            context.close()


def _make_preview(tmp_path_factory, config):
    locale = project.languages()[-1].locale
    site = tmp_path_factory.mktemp("preview") / "site"
    _build(project.REPO_ROOT, site, pdfs=False, search=False, env={"BUILD_ONLY_LOCALE": locale})
    return locale, site


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory, pytestconfig):
    return made("preview_site", lambda: _make_preview(tmp_path_factory, pytestconfig))


MADE_AHEAD = {"fork": _make_fork, "fork_checks": _make_fork_checks, "preview_site": _make_preview}


def test_one_language_preview_builds(preview_site):
    """BUILD_ONLY_LOCALE=<a non-default language>: the quick preview LOCALIZING.md suggests."""
    locale, site = preview_site
    home = parse_html(site / "index.html")
    assert home.html.get("lang") == locale, f"BUILD_ONLY_LOCALE={locale}: home page is lang={home.html.get('lang')}"
    assert home.select_one("a#quick-exit") is not None, "one-language build: no quick exit (main.html header block)"
    assert home.select_one(".header-tools-fallback") is not None or home.select_one("a.md-select__link") is None
    assert (site / "404.html").exists()


# --- The fork's right-to-left language (Arabic) ----------------------------------------------

RTL_PENDING = "young-people/is-this-ok.md"  # still the English copy in the drill
RTL_CHECKLIST = "young-people/warning-signs.md"


def _rtl_pages(site: Path) -> list[Path]:
    return sorted((site / RTL).rglob("index.html")) + [site / RTL / "404.html"]


def test_rtl_pages_say_rtl_on_html_and_isolate_every_number(fork):
    """Without a browser: every Arabic page is <html dir="rtl"> (not only <body>), every number,
    web and e-mail address a marker renders and every number of the print line is isolated,
    and pending pages mark their English as lang="en" dir="ltr"."""
    from site_tools.bidi import renders_addresses, unisolated

    repo, site, _ = fork
    fixture = country_data.load("XR", repo / "data")
    printed = tuple(fixture.by_id(cid).phones[0].display for cid in fixture.print_line)
    problems = []
    for html in _rtl_pages(site):
        where = html.relative_to(site)
        soup = parse_html(html)
        if soup.html.get("dir") != "rtl" or soup.body.get("dir") != "rtl":
            problems.append(f"{where}: <html dir={soup.html.get('dir')!r}>, <body dir={soup.body.get('dir')!r}>; "
                            "both must be rtl (overrides/hooks/text_direction.py)")
        source = repo / "docs" / RTL / ("index.md" if html.parent == site / RTL else
                                         f"{html.parent.relative_to(site / RTL).as_posix()}.md")
        addresses = source.exists() and renders_addresses(source.read_text(encoding="utf-8"))
        problems += [f"{where}: {problem} is not isolated (site_tools/country.py isolate_ltr)" for problem in
                     unisolated(soup, printed, addresses=addresses)]
    for page in (RTL_PENDING, RTL_CHECKLIST):
        soup = parse_html(site / RTL / project.page_url(page) / "index.html")
        wrapper = soup.select_one(".untranslated-content")
        if wrapper is None or (wrapper.get("lang"), wrapper.get("dir")) != ("en", "ltr"):
            problems.append(f"{RTL}/{project.page_url(page)}: the pending English text is not in an element with "
                            f"lang=\"en\" dir=\"ltr\" ({wrapper and wrapper.attrs}; overrides/hooks/untranslated_pages.py)")
        # While the Arabic interface strings are untranslated, the notice is English: marked so.
        notice = soup.select_one(".untranslated-notice")
        english = project.languages()[0].extra["ui"]["untranslated_notice"]
        expected = ("en", "ltr") if notice is not None and notice.get_text(strip=True) == english else (None, None)
        if notice is None or (notice.get("lang"), notice.get("dir")) != expected:
            problems.append(f"{RTL}/{project.page_url(page)}: the notice is marked {notice and notice.attrs}, expected "
                            f"lang, dir = {expected} (overrides/partials/untranslated-notice.html)")
    tel = [a for html in _rtl_pages(site) for a in parse_html(html).select('a[href^="tel:"]')]
    assert tel, f"no tel: links on the {RTL} pages: the check above proved nothing"
    assert not problems, "\n".join(problems[:40])


@pytest.mark.browser
def test_rtl_pages_read_right_to_left_with_numbers_left_to_right(fork, browser):
    """At 390 px: a translated page with contacts, a pending page and a checklist read right to
    left, nothing scrolls sideways, every phone number's digits run left to right on screen,
    and the pending English text runs left to right."""
    from site_tools.bidi import NUMBERS_IN_VISUAL_ORDER_JS
    from site_tools.serve import serve_directory

    _, site, _ = fork
    pages = ["index.md", "help.md", RTL_PENDING, RTL_CHECKLIST]
    problems = []
    with serve_directory(site.parent) as root:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        try:
            page = context.new_page()
            for source in pages:
                url = f"{root}{SUB_PATH}/{RTL}/{project.page_url(source)}"
                page.goto(url, wait_until="load")
                where = f"/{RTL}/{project.page_url(source)} (docs/{RTL}/{source}) at 390px"
                facts = page.evaluate("""() => ({
                    dir: document.documentElement.dir, css: getComputedStyle(document.body).direction,
                    scroll: document.scrollingElement.scrollWidth, width: innerWidth,
                    pending: [...document.querySelectorAll('.untranslated-content')].map(e => getComputedStyle(e).direction),
                    tel: document.querySelectorAll('a[href^="tel:"]').length})""")
                if facts["dir"] != "rtl" or facts["css"] != "rtl":
                    problems.append(f"{where}: <html dir={facts['dir']!r}>, body direction {facts['css']!r}")
                if facts["scroll"] > facts["width"]:
                    problems.append(f"{where}: scrolls sideways ({facts['scroll']} > {facts['width']} px); use logical "
                                    "CSS properties (margin-inline-start, ...) in overrides/assets/stylesheets/")
                if source in (RTL_PENDING, RTL_CHECKLIST) and facts["pending"] != ["ltr"]:
                    problems.append(f"{where}: the pending English text runs {facts['pending']}, expected ltr")
                if source == "help.md" and not facts["tel"]:
                    problems.append(f"{where}: no phone numbers on the Help page")
                problems += [f"{where}: the number {number} is drawn out of order (it needs <bdi dir=\"ltr\">)"
                             for number in page.evaluate(NUMBERS_IN_VISUAL_ORDER_JS)]
        finally:
            context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_rtl_search_lists_translated_pages_before_pending_ones(fork, browser):
    """A query that finds the Arabic home page and pending English pages lists the home page
    (translated) first: site-search.js orders by the `translation: pending` filter. Pagefind
    alone ranks the pending pages first for "grooming" (they say it far more often than the
    Arabic home page's English link titles do)."""
    from site_tools.serve import serve_directory

    _, site, _ = fork
    translated = {f"/{SUB_PATH}/{RTL}/{project.page_url(page)}" for page in RTL_TRANSLATED}
    with serve_directory(site.parent) as root:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.goto(f"{root}{SUB_PATH}/{RTL}/", wait_until="load")
            found = page.evaluate("""async () => (await window.__siteSearch.query('grooming', 50)).pages
                .map(p => new URL(p.url, location.href).pathname)""")
        finally:
            context.close()
    kinds = ["translated" if url in translated else "pending" for url in found]
    assert "translated" in kinds and "pending" in kinds, (
        f"'grooming' should find the translated /{RTL}/ home page and pending pages: {found}")
    assert kinds == sorted(kinds, key=lambda kind: kind != "translated"), (
        f"/{RTL}/ search lists pending English pages before translated ones: {list(zip(kinds, found))}; "
        "see overrides/assets/javascripts/site-search.js (find) and overrides/hooks/untranslated_pages.py")
