"""Issue 4: checklists that schools print, and ticks that are never kept.

- Each checklist (front matter `checklist: true`) prints on ONE sheet of A4 and of US
  Letter with every item, the helplines and its own address, and no site chrome.
- The downloadable PDFs exist, fit one sheet, say their title and language, and the
  page links to them.
- On screen every checkbox is named by its text, toggles by click and by keyboard, and
  nothing brings a tick back.
- Other pages print without a blank last sheet.
"""

from __future__ import annotations

import io
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from site_tools import project
from site_tools.axe import format_violations, run_axe
from site_tools.bidi import PrintedText
from site_tools.built import built_pages, parse_html
from site_tools.checklists import PAPERS, pdf_file_name
from site_tools.pdfs import print_to_pdf, read_pdf
from site_tools.printables import checklists

LANGUAGES = [language for language in project.languages() if language.build]
CHECKLISTS = checklists(LANGUAGES)
CHECKLIST_IDS = [c.url_path or "home" for c in CHECKLISTS]
# One checklist per language, for behaviour that does not depend on the content.
FIRST_PER_LANGUAGE = [c for c in CHECKLISTS if c.source == CHECKLISTS[0].source] if CHECKLISTS else []
SITE_URL = project.load_mkdocs_config().site_url
FIX_FIT = (
    "Shorten the page's intro, items or 'what to do' line (content), or tighten "
    "overrides/assets/stylesheets/print.css (sizes, spacing, @page margins)."
)


def page_address(checklist) -> str:
    return urljoin(SITE_URL, checklist.url_path)


def helplines(language) -> str:
    from site_tools.country import renderer_for

    return renderer_for(language.locale, pending=True).print_line()


# --- Without a browser -------------------------------------------------------------


def test_every_language_has_the_same_checklists():
    by_language = {language.locale: {c.source for c in CHECKLISTS if c.language == language} for language in LANGUAGES}
    default = by_language[LANGUAGES[0].locale]
    assert default, (
        f"No page in docs/{LANGUAGES[0].locale}/ has `checklist: true` in its front matter; "
        "the warning-sign checklists must (they are printed and turned into PDFs)."
    )
    for locale, sources in by_language.items():
        assert sources == default, (
            f"docs/{locale}/ marks {sorted(sources)} as checklists, docs/{LANGUAGES[0].locale}/ marks "
            f"{sorted(default)}: set `checklist: true` on the same pages in every language."
        )
    for checklist in CHECKLISTS:
        assert checklist.task_items(), f"{checklist.source_file} is a checklist without `- [ ] ...` items"


def test_pdf_names_say_what_they_are():
    assert pdf_file_name("parents/warning-signs.md", "en", "a4") == "warning-signs-parents-en-a4.pdf"
    assert pdf_file_name("young-people/warning-signs.md", "hu", "letter") == "warning-signs-young-people-hu-letter.pdf"
    assert pdf_file_name("teachers/index.md", "en", "a4") == "teachers-en-a4.pdf"
    names = [pdf_file_name(c.source, c.language.locale, paper) for c in CHECKLISTS for paper in PAPERS]
    assert len(names) == len(set(names)), f"Two checklists share a PDF name: {sorted(names)}"


def test_task_items_are_labelled_tickable_and_not_remembered(site_dir):
    """The checklists hook's output, on every page that has a task list."""
    problems = []
    for page in built_pages(site_dir, LANGUAGES):
        for item in page.soup().select("li.task-list-item"):
            box = item.find("input", attrs={"type": "checkbox"})
            label = box.find_parent("label") if box else None
            where = f"{page.url_path} ({page.source_file}), item {item.get_text(' ', strip=True)[:50]!r}"
            if box is None:
                problems.append(f"{where}: no checkbox")
            elif label is None or not label.get_text(strip=True):
                problems.append(f"{where}: the checkbox is not inside a <label> with the item text")
            elif box.has_attr("disabled"):
                problems.append(f"{where}: the checkbox is disabled")
            elif box.has_attr("autocomplete"):
                problems.append(f"{where}: autocomplete is not allowed on checkboxes (checklist.js clears ticks instead)")
    assert not problems, "\n".join(problems) + "\nSee overrides/hooks/checklists.py (label_task_items)."


@pytest.mark.browser  # Chromium prints the PDFs: the build makes them only when browser tests run
@pytest.mark.parametrize("checklist", CHECKLISTS, ids=CHECKLIST_IDS)
def test_downloadable_pdfs_exist_fit_and_are_linked(site_dir, checklist):
    html = site_dir / checklist.url_path / "index.html"
    soup = parse_html(html)
    title = " ".join(soup.h1.get_text(" ", strip=True).split())
    for paper in PAPERS:
        pdf = site_dir / checklist.pdf_site_path(paper)
        assert pdf.exists(), (
            f"{pdf} was not generated for {checklist.source_file}: build_site() must run "
            "site_tools.pdfs.generate_pdfs (./scripts/build.sh without --no-pdf)."
        )
        links = soup.select(f'.checklist-actions a[href="{pdf.name}"]')
        assert links, f"{checklist.url_path} ({checklist.source_file}) has no link to {pdf.name} (partials/checklist-actions.html)"
        assert (html.parent / links[0]["href"]).resolve() == pdf.resolve()
        facts = read_pdf(pdf)
        assert facts.pages == 1, f"{pdf.name} has {facts.pages} pages on {PAPERS[paper]}. {FIX_FIT} Source: {checklist.source_file}"
        assert facts.title == title, f"{pdf.name}: /Title is {facts.title!r}, expected the page heading {title!r}"
        assert facts.lang == checklist.language.locale, f"{pdf.name}: /Lang is {facts.lang!r}, expected {checklist.language.locale!r}"
        printed = PrintedText(facts.text)  # direction-aware: see site_tools/bidi.py
        missing = [f"{item} (missing: {' '.join(printed.missing(item))})" for item in checklist.task_items() if item not in printed]
        assert not missing, f"{pdf.name} lacks items of {checklist.source_file} (is it an image, or cut off?):\n" + "\n".join(missing)


# --- In Chromium ---------------------------------------------------------------------


def _shown(page, selector: str) -> list[str]:
    """Elements matching selector that are still shown (empty when all are hidden)."""
    return page.eval_on_selector_all(
        selector,
        """els => els.filter(el => {
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el);
            return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
        }).map(el => el.outerHTML.slice(0, 120))""",
    )


CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-search",
    ".md-select",
    ".md-footer",
    ".md-top",
    ".md-banner",
    ".md-content__button",
    ".md-source-file",
    ".quick-exit",
    ".no-print",
    ".checklist-actions",
]


@pytest.mark.browser
@pytest.mark.critical  # prints its own pages: needs no generated PDFs
@pytest.mark.parametrize("checklist", CHECKLISTS, ids=CHECKLIST_IDS)
def test_checklist_prints_on_one_sheet(open_page, site_url, checklist):
    page, _ = open_page(site_url + checklist.url_path, width=1280)
    page.emulate_media(media="print")
    items = checklist.task_items()
    for paper, chromium_name in PAPERS.items():
        facts = read_pdf(print_to_pdf(page, paper))
        where = f"{checklist.url_path} on {chromium_name} (source {checklist.source_file})"
        assert facts.pages == 1, f"{where} prints on {facts.pages} sheets, not one. {FIX_FIT}"
        # Direction-aware (site_tools/bidi.py): lines that mix Arabic or Hebrew with numbers or
        # Latin words are compared word by word, numbers as written.
        printed = PrintedText(facts.text)
        missing = [f"{item} (missing: {' '.join(printed.missing(item))})" for item in items if item not in printed]
        assert not missing, f"{where}: these items are missing from the printout:\n" + "\n".join(missing)
        line = helplines(checklist.language)
        assert line in printed, (
            f"{where}: the helpline line (print_line in data/countries/<CODE>.yml) is not printed as {line!r}; missing: "
            f"{printed.missing(line)}; see partials/print-footer.html")
        address = page_address(checklist).split("://", 1)[1]
        assert address in printed, f"{where}: the page's own address {address} is not printed"
        assert "http" not in facts.text, f"{where}: link URLs are printed into the text:\n{facts.text}"


@pytest.mark.browser
@pytest.mark.parametrize("checklist", FIRST_PER_LANGUAGE, ids=lambda c: c.language.locale)
@pytest.mark.parametrize("width", [390, 1280])
def test_print_shows_content_and_footer_only(open_page, site_url, checklist, width):
    page, _ = open_page(site_url + checklist.url_path, width=width)
    assert page.locator(".md-header").is_visible(), "The header is not on the page at all: the selectors below would prove nothing"
    assert not page.locator(".print-footer").is_visible(), f"{checklist.url_path}: the print footer shows on screen"
    page.locator(".task-list-item label").first.click()  # ticked on screen, empty on paper
    page.emulate_media(media="print")
    shown = {selector: _shown(page, selector) for selector in CHROME}
    shown = {selector: html for selector, html in shown.items() if html}
    assert not shown, (
        f"{checklist.url_path} at {width}px still prints site chrome; hide it in print.css "
        f"(or give it the class no-print): {shown}")
    assert page.locator(".print-footer").is_visible(), f"{checklist.url_path}: the print footer is not printed"
    boxes = page.eval_on_selector_all(
        ".task-list-item",
        """els => els.map(li => {
            const box = getComputedStyle(li, '::before');
            const input = li.querySelector('input');
            return {text: li.textContent.trim().slice(0, 40), style: box.borderTopStyle, color: box.borderTopColor,
                    width: parseFloat(box.width), height: parseFloat(box.height),
                    input: input ? getComputedStyle(input).display : 'none',
                    breaks: getComputedStyle(li).breakInside};
        })""",
    )
    bad = [b for b in boxes if not (b["style"] == "solid" and b["color"] == "rgb(0, 0, 0)" and b["width"] >= 9
                                     and abs(b["width"] - b["height"]) < 0.5 and b["input"] == "none" and b["breaks"] == "avoid")]
    assert boxes and not bad, (
        f"{checklist.url_path}: in print every item needs an empty black square (li::before), the on-screen "
        f"checkbox hidden, and break-inside: avoid (print.css). Wrong: {bad}")


@pytest.mark.browser
@pytest.mark.parametrize("checklist", CHECKLISTS, ids=CHECKLIST_IDS)
def test_checkboxes_are_named_and_tick_by_click(open_page, site_url, checklist):
    page, record = open_page(site_url + checklist.url_path, width=390)
    violations = run_axe(page, rules=["label"])
    assert not violations, format_violations(violations, f"{checklist.url_path} ({checklist.source_file})")

    boxes = page.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() == len(checklist.task_items()), (
        f"{checklist.url_path}: {boxes.count()} checkboxes for {len(checklist.task_items())} items in {checklist.source_file}")
    first = boxes.first
    page.locator(".task-list-item label").first.click(position={"x": 200, "y": 8})
    assert first.is_checked(), f"{checklist.url_path}: clicking the item text does not tick its box"
    assert not record.console_errors, f"{checklist.url_path}: console errors: {record.console_errors}"


@pytest.mark.browser
@pytest.mark.parametrize("checklist", FIRST_PER_LANGUAGE, ids=lambda c: c.language.locale)
def test_checkboxes_work_by_keyboard_and_forget_ticks(open_page, site_url, checklist):
    page, record = open_page(site_url + checklist.url_path, width=390)
    storage_js = "[Object.entries(localStorage), Object.entries(sessionStorage)]"
    storage_before = page.evaluate(storage_js)  # Material keeps its colour palette there
    first = page.locator(".task-list-item input[type=checkbox]").first

    # Keyboard: Tab reaches the box, Space toggles it, and the focus is visible. Start at
    # the last control before the checklist (the PDF links), or at the top of the page.
    start = page.locator(".checklist-actions a, .checklist-actions button:visible").last
    if start.count():
        start.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail(f"{checklist.url_path}: 40 presses of Tab never reached the first checkbox")
    outline = first.evaluate("el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, f"{checklist.url_path}: keyboard focus on a checkbox is not visible ({outline})"
    page.keyboard.press("Space")
    assert first.is_checked(), f"{checklist.url_path}: Space does not tick the focused checkbox"
    page.keyboard.press("Space")
    assert not first.is_checked(), f"{checklist.url_path}: Space does not untick the focused checkbox"
    page.keyboard.press("Space")

    # Nothing keeps the tick: no storage, no cookie, not after a reload, not after Back.
    storage_after = page.evaluate(storage_js)
    assert storage_after == storage_before and not page.context.cookies(), (
        f"{checklist.url_path}: ticking stored something: {storage_before} -> {storage_after}, {page.context.cookies()}")
    page.reload(wait_until="load")
    assert not page.locator(".task-list-item input").first.is_checked(), f"{checklist.url_path}: a reload brought the tick back"
    page.locator(".task-list-item label").first.click()
    page.goto(site_url, wait_until="load")
    page.go_back(wait_until="load")
    assert not page.locator(".task-list-item input").first.is_checked(), (
        f"{checklist.url_path}: Back brought the tick back (checklist.js clears ticks on pageshow)")
    page.locator(".task-list-item label").first.click()
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert not page.locator(".task-list-item input").first.is_checked(), (
        f"{checklist.url_path}: a page restored from the back/forward cache keeps its ticks (checklist.js)")
    assert not record.console_errors, f"{checklist.url_path}: console errors: {record.console_errors}"


@pytest.mark.browser
@pytest.mark.parametrize("checklist", FIRST_PER_LANGUAGE, ids=lambda c: c.language.locale)
def test_print_button_appearing_moves_nothing(open_page, site_url, checklist):
    """The button is shown by checklist.js after the first paint; its place is kept from the
    start, so nothing moves when it appears (no layout shift)."""
    where = """() => [...document.querySelectorAll('.checklist-actions a, .task-list-item')].slice(0, 4)
                 .map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y)]; })"""
    without_js, _ = open_page(site_url + checklist.url_path, width=390, java_script_enabled=False)
    with_js, _ = open_page(site_url + checklist.url_path, width=390)
    assert with_js.locator("[data-checklist-print]").is_visible(), f"{checklist.url_path}: the print button is not shown"
    assert without_js.evaluate(where) == with_js.evaluate(where), (
        f"{checklist.url_path}: the PDF links or checklist items move when the print button appears; keep its place "
        "while hidden (overrides/assets/stylesheets/checklist.css, [data-checklist-print][hidden])")


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_print_button_prints_and_needs_javascript(open_page, site_url, language):
    checklist = next(c for c in CHECKLISTS if c.language == language)
    expected = language.extra["ui"]["print_checklist"]
    page, _ = open_page(site_url + checklist.url_path, width=390)
    button = page.get_by_role("button", name=expected)
    assert button.is_visible(), f"{checklist.url_path}: no visible button named {expected!r} (partials/checklist-actions.html)"
    assert button.get_attribute("type") == "button"
    page.evaluate("() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; }")
    button.click()
    assert page.evaluate("window.__prints") == 1, f"{checklist.url_path}: the print button does not call window.print()"
    for paper in PAPERS:
        name = f'{language.extra["ui"]["download_pdf"]} {language.extra["ui"]["download_pdf_" + paper]}'
        assert page.get_by_role("link", name=name, exact=True).count() == 1, (
            f"{checklist.url_path}: no link named {name!r} (partials/checklist-actions.html)")

    page, _ = open_page(site_url + checklist.url_path, width=390, java_script_enabled=False)
    assert not page.locator("[data-checklist-print]").is_visible(), (
        f"{checklist.url_path}: without JavaScript the print button shows but cannot work")
    assert page.locator(".checklist-actions a[href$='.pdf']").first.is_visible(), (
        f"{checklist.url_path}: the PDF links must work without JavaScript")


OTHER_PAGES = ["index.md", "help.md", "sextortion.md"]


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
@pytest.mark.parametrize("source", OTHER_PAGES)
def test_other_pages_print_without_a_blank_sheet(open_page, site_url, language, source):
    url_path = language.site_prefix + project.page_url(source)
    page, _ = open_page(site_url + url_path, width=1280)
    page.emulate_media(media="print")
    assert page.locator(".print-footer").is_visible(), f"{url_path}: the print footer is not printed"
    for paper, chromium_name in PAPERS.items():
        reader = PdfReader(io.BytesIO(print_to_pdf(page, paper)))
        last = reader.pages[-1].extract_text() or ""
        assert last.strip(), (
            f"{url_path} (docs/{language.locale}/{source}) prints a blank last sheet on {chromium_name} "
            f"({len(reader.pages)} sheets); check html/body heights in print.css")
