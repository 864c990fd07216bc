"""The classroom pack: printable pages, their PDFs and one zip per language.

- Every printable page (front matter `print_pages`, `print_variants`, `pack`; see
  scripts/site_tools/printables.py) has the same print settings in every language.
- Its PDFs exist on its papers (A4 and US Letter; the poster on A3 too), fit `print_pages` sheets, carry the page's language,
  keep the page's text (the worksheet without the answers, the teacher's version with them)
  and the country's helplines from the country data (data/countries/), and the page links to them.
- The classroom pack of each language holds exactly the files listed on the pages that offer
  it, byte for byte the site's PDFs, and the pages show its real size and each file's.
- The "Is this OK?" situations open without JavaScript, by mouse and keyboard, and nothing
  is stored: no form, no cookie, no web storage.

Fix layout problems in overrides/assets/stylesheets/print.css (the `print-style-*` rules) or
shorten the page; fix names and the pack in scripts/site_tools/printables.py and pdfs.py.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict

import pytest

from site_tools import country_data, project
from site_tools.bidi import PrintedText
from site_tools.built import parse_html
from site_tools.checklists import PAPER_FORMATS
from site_tools.pdfs import read_pdf
from site_tools.printables import PACK_KEY, human_size, pack_entries, pack_site_path, printables

LANGUAGES = [language for language in project.languages() if language.build]
ITEMS = printables(LANGUAGES)
# Checklists have their own tests (test_print.py); these are the other printables.
OTHERS = [item for item in ITEMS if not item.checklist]
IDS = [f"{item.url_path}{item.variant or ''}" for item in OTHERS]


def test_every_language_has_the_same_printables():
    by_language = defaultdict(set)
    for item in ITEMS:
        by_language[item.language.locale].add((item.source, item.variant, item.max_pages, item.pack, item.papers))
    reference = by_language[LANGUAGES[0].locale]
    assert any(item.pack for item in ITEMS), "no page is in the classroom pack (front matter `pack:`)"
    for language in LANGUAGES[1:]:
        assert by_language[language.locale] == reference, (
            f"docs/{language.locale}/: print settings differ from docs/{LANGUAGES[0].locale}/: "
            f"{sorted(by_language[language.locale] ^ reference)}; give each page the same "
            "print_pages / print_variants / pack / print_papers in every language")


def test_pack_names_are_unique_and_ordered():
    for language in LANGUAGES:
        names = [entry.name for entry in pack_entries(language, ITEMS)]
        assert len(names) == len(set(names)), f"{language.locale}: duplicate names in the classroom pack: {names}"
        assert names == sorted(names), f"{language.locale}: pack names are not in pack order: {names}"
        assert len(names) == sum(len(i.papers) for i in ITEMS if i.language == language and i.pack), names
        posters = [entry.name for entry in pack_entries(language, ITEMS)
                   if entry.printable.source == "teachers/poster.md" and entry.paper == "a3"]
        assert len(posters) == 1, (
            f"{language.locale}: the classroom pack has no A3 poster ({names}); docs/{language.locale}/teachers/poster.md "
            "needs `print_papers: [a3, a4, letter]`")


def _article_texts(html, variant: str | None) -> tuple[list[str], list[str]]:
    """(texts that must be printed, texts that must not) for a printable page."""
    soup = parse_html(html)
    article = soup.select_one("article")
    keep, drop = [], []
    for element in article.select("h1, h2, h3, p, li, summary"):
        if element.find_parent(class_=["no-print", "checklist-actions", "classroom-pack"]) or \
                "screen-only" in (element.get("class") or []) or element.find_parent(class_="screen-only") or \
                element.find_parent("li") is not None and element.name == "p":
            continue
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        in_answer = element.find_parent("details") is not None and element.name != "summary"
        after_sources = any(h.get("id") == "sources" for h in element.find_all_previous("h2"))
        if variant == "worksheet" and (in_answer or after_sources or element.get("id") == "sources"):
            drop.append(text) if in_answer else None
            continue
        keep.append(text)
    return keep, drop


@pytest.mark.browser  # Chromium prints the PDFs: the build makes them only when browser tests run
@pytest.mark.parametrize("item", OTHERS, ids=IDS)
def test_printable_pdfs_fit_keep_their_text_and_helplines(site_dir, item):
    html = site_dir / item.url_path / "index.html"
    soup = parse_html(html)
    keep, drop = _article_texts(html, item.variant)
    helplines = [country_data.load_cached().by_id(cid).phones[0].display for cid in country_data.load_cached().print_line]
    for paper in item.papers:
        pdf = site_dir / item.pdf_site_path(paper)
        assert pdf.exists(), f"{pdf.name} was not generated for {item.source_file} (site_tools.pdfs.generate_pdfs)"
        assert soup.select(f'.checklist-actions a[href="{pdf.name}"]'), (
            f"{item.url_path} ({item.source_file}) has no link to {pdf.name} (partials/checklist-actions.html)")
        facts = read_pdf(pdf)
        where = f"{pdf.name} ({item.source_file}, {PAPER_FORMATS[paper]})"
        assert 1 <= facts.pages <= item.max_pages, (
            f"{where}: {facts.pages} sheets, at most {item.max_pages} allowed (print_pages); shorten the page or "
            "tighten its print-style rules in overrides/assets/stylesheets/print.css")
        assert facts.lang == item.language.locale, f"{where}: /Lang is {facts.lang!r}"
        # Direction-aware (site_tools/bidi.py): text with Arabic or Hebrew letters is compared
        # word by word (PDF text comes in visual order), numbers as written.
        printed = PrintedText(facts.text)
        missing = [f"{t} (missing: {' '.join(printed.missing(t))})" for t in keep if t not in printed]
        assert not missing, f"{where} lacks text of the page (cut off or hidden?):\n" + "\n".join(missing[:10])
        shown = [t for t in drop if len(t) > 30 and t in printed]
        assert not shown, f"{where}: the worksheet prints answers:\n" + "\n".join(shown[:5])
        absent = [n for n in helplines if n not in printed]
        assert not absent, f"{where}: the helplines of the country data (data/countries/) ({absent}) are not printed (print footer)"


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_classroom_pack_holds_exactly_what_the_pages_list(site_dir, language):
    pack = site_dir / pack_site_path(language)
    assert pack.exists(), f"{pack} was not built (site_tools.pdfs.write_classroom_pack)"
    entries = pack_entries(language, ITEMS)
    with zipfile.ZipFile(pack) as archive:
        assert archive.testzip() is None, f"{pack.name} is corrupt"
        names = archive.namelist()
        assert names == [entry.name for entry in entries], f"{pack.name} holds {names}"
        for entry in entries:
            assert archive.read(entry.name) == (site_dir / entry.printable.pdf_site_path(entry.paper)).read_bytes(), (
                f"{pack.name}: {entry.name} is not the site's {entry.printable.pdf_name(entry.paper)}")
    offering = [source for source in project.page_paths(language)
                if parse_html(project.built_html_path(site_dir, language, source)).select_one("[data-classroom-pack]")]
    assert set(offering) >= {"teachers/for-schools.md", "teachers/lesson-plan.md"}, (
        f"{language.locale}: the pack must be offered on for-schools and the lesson plan (front matter "
        f"`{PACK_KEY}: true`); offered on {offering}")
    for source in offering:
        html = project.built_html_path(site_dir, language, source)
        soup = parse_html(html)
        listed = [li.code.get_text(strip=True) for li in soup.select("[data-classroom-pack-files] li")]
        assert listed == names, f"{html.relative_to(site_dir)} lists {listed}, the zip holds {names}"
        sizes = [li.select_one("[data-classroom-pack-file-size]").get_text(strip=True)
                 for li in soup.select("[data-classroom-pack-files] li")]
        real = [f"({human_size(archive_size)})" for archive_size in
                (len(archive_bytes) for archive_bytes in _pack_files(pack))]
        assert sizes == real, (
            f"{html.relative_to(site_dir)} gives the pack's files these sizes: {sizes}; the files in {pack.name} "
            f"are {real} (site_tools.pdfs.write_classroom_pack fills in partials/classroom-pack.html)")
        link = soup.select_one("[data-classroom-pack]")
        assert (html.parent / link["href"]).resolve() == pack.resolve(), f"{html.relative_to(site_dir)}: {link['href']}"
        size = soup.select_one("[data-classroom-pack-size]").get_text(strip=True)
        assert size == human_size(pack.stat().st_size), f"{html.relative_to(site_dir)} says {size}"


def _pack_files(pack) -> list[bytes]:
    with zipfile.ZipFile(pack) as archive:
        return [archive.read(name) for name in archive.namelist()]


SITUATIONS = "young-people/is-this-ok.md"


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_situations_open_without_javascript_by_mouse_and_keyboard(open_page, site_url, language):
    url = site_url + language.site_prefix + project.page_url(SITUATIONS)
    page, _ = open_page(url, width=390, java_script_enabled=False)
    details = page.locator("article details")
    assert details.count() >= 8, f"{url}: {details.count()} situations, at least 8 expected (docs/{language.locale}/{SITUATIONS})"
    assert page.locator("article details[open]").count() == 0, f"{url}: situations must start closed"
    first, second = details.nth(0), details.nth(1)
    first.locator("summary").click()
    assert first.get_attribute("open") is not None, f"{url}: a situation does not open on tap without JavaScript"
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    assert second.get_attribute("open") is not None, f"{url}: a situation does not open from the keyboard"
    role = page.evaluate("el => el.tagName", second.locator("summary").element_handle())
    assert role == "SUMMARY"


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_situations_store_nothing(open_page, site_url, language):
    url = site_url + language.site_prefix + project.page_url(SITUATIONS)
    page, record = open_page(url, width=390)
    assert page.locator("article form, article input, article textarea, article select").count() == 0, (
        f"{url}: the situations must not collect answers (no form fields)")
    for index in range(page.locator("article details").count()):
        page.locator("article details summary").nth(index).click()
    page.reload()
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""], f"{url}: something was stored: {stored}"
    assert page.context.cookies() == [], f"{url}: cookies were set"
    assert page.locator("article details[open]").count() == 0, f"{url}: opened situations came back after a reload"
