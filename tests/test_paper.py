"""Issue 19: paper that works without a screen, proved from the printed PDFs themselves.

- Every printable PDF, in every language and on every paper, prints the address of each
  link to another page of the site (built from site_url); the worksheet leaves out those
  that only its hidden answers link to.
- Every printable PDF carries a QR code that a phone decodes to the help page in the
  sheet's language under the site's URL (tests/test_fork_drill.py checks a fork's URL with
  a sub-path).
- The poster's child-helpline number is at least 28 pt tall on A3, A4 and Letter (measured
  on the figures' outlines), and the poster carries the country's contacts.
- No printed sheet asks for a screen ("click", "tap": `paper_words` in
  tests/data/languages/<locale>.yml); the worksheet's on-screen wording stays on screen.
- On screen nothing of this shows.

Fix: links and QR in overrides/hooks/paper.py (site_tools/print_links.py, site_tools/qr.py),
the footer in overrides/partials/print-footer.html, sizes in overrides/assets/stylesheets/print.css,
wording in the pages (`{.print-only}` / `{.screen-only}` paragraphs).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urldefrag

import pytest

from site_tools import country, country_data, language_checks, project
from site_tools.built import parse_html
from site_tools.checklists import PAPER_FORMATS, comparable_text
from site_tools.pdfs import read_pdf
from site_tools.print_links import annotate
from site_tools.printables import printables
from site_tools.qr import codes_in_pdf, qr_svg

LANGUAGES = [language for language in project.languages() if language.build]
ITEMS = printables(LANGUAGES)
SHEETS = [(item, paper) for item in ITEMS for paper in item.papers]
SHEET_IDS = [item.pdf_name(paper) for item, paper in SHEETS]
SITE_URL = project.load_mkdocs_config().site_url
POSTER = "teachers/poster.md"
MIN_NUMBER_HEIGHT_PT = 28


def _help_url(language) -> str:
    """What every sheet's QR code must open: the help page in the sheet's language."""
    return SITE_URL + language.site_prefix + "help/"


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[1]


# --- Without a browser ---------------------------------------------------------------


def test_link_numbers_and_addresses_follow_site_url_with_a_sub_path():
    site = "https://example-ngo.github.io/grooming-xr/"
    html = ('<p><a href="../warning-signs/#getting-personal">Signs</a>, <a href="../../help/#kek-vonal">Line</a>, '
            '<a href="https://other.example/x/">elsewhere</a>, <a href="tel:116111">116 111</a>, '
            '<a href="#situations">here</a>, <a href="./">this page</a>, <a href="../warning-signs/">Signs again</a></p>'
            '<details><summary>1.</summary><p><a href="../../sextortion/">Sextortion</a> '
            '<a href="../../help/">Help</a></p></details>')
    out, notes = annotate(html, "hu/young-people/is-this-ok/", site)
    assert [(n.number, n.address, n.answers_only) for n in notes] == [
        (1, "example-ngo.github.io/grooming-xr/hu/young-people/warning-signs/", False),
        (2, "example-ngo.github.io/grooming-xr/hu/help/", False),
        (3, "example-ngo.github.io/grooming-xr/hu/sextortion/", True),
    ]
    assert re.findall(r"</a><sup [^>]*hidden[^>]*>(\d)</sup>", out) == ["1", "2", "1", "3", "2"], out
    assert '<a href="tel:116111">116 111</a>,' in out and '<a href="#situations">here</a>,' in out, (
        "links that stay on the page or leave the site must get no number")
    # A sheet whose every site link goes to the page its QR code opens: the caption says it.
    only_help = '<p><a href="../../help/#kek-vonal">A</a> <a href="../../help/">B</a></p>'
    assert annotate(only_help, "teachers/poster/", site, sheet_address=site + "help/") == (only_help, [])


def test_qr_code_is_an_inline_svg_the_csp_allows():
    svg = qr_svg("https://grooming-awareness.example/hu/help/", "QR-kód: grooming-awareness.example/hu/help/")
    assert svg.startswith('<svg role="img" aria-label="QR-kód: grooming-awareness.example/hu/help/" viewBox=')
    assert "style=" not in svg and "<script" not in svg and "http" not in svg.split("aria-label", 1)[0], svg[:200]
    assert len(svg) < 4000, f"the QR code's SVG is {len(svg)} bytes; keep it small (it is on every printable page)"


def test_printable_pages_carry_the_qr_code_and_link_numbers(site_dir):
    problems = []
    for item in {(i.language, i.source): i for i in ITEMS}.values():
        html = site_dir / item.url_path / "index.html"
        soup = parse_html(html)
        where = f"{item.url_path} ({item.source_file})"
        footer = soup.select_one(".print-footer")
        if footer is None or footer.get("hidden") is None:
            problems.append(f"{where}: no print footer hidden on screen (partials/print-footer.html)")
            continue
        address = footer.select_one(".print-footer__qr-address")
        if footer.select_one("svg.qr-code[role=img][aria-label]") is None or address is None:
            problems.append(f"{where}: the print footer has no QR code with its address (overrides/hooks/paper.py)")
        elif address.get_text(strip=True) != _without_scheme(_help_url(item.language)):
            problems.append(f"{where}: the QR caption says {address.get_text(strip=True)!r}, "
                            f"expected {_without_scheme(_help_url(item.language))!r}")
        # The address: the entry's text besides its number (both inside a <bdi dir="ltr">).
        notes = {note.sup.get_text(strip=True): "".join(s for s in note.find_all(string=True) if s.parent.name != "sup").strip()
                 for note in footer.select(".print-footer__link")}
        for link in soup.select("article a[href]"):
            target = urldefrag(urljoin(SITE_URL + item.url_path, link["href"]))[0]
            if not target.startswith(SITE_URL) or target == SITE_URL + item.url_path or \
                    link.find_parent(class_=["checklist-actions", "classroom-pack"]) or target.endswith((".pdf", ".zip")):
                continue
            ref = link.find_next_sibling()
            if ref is None or "print-link-ref" not in (ref.get("class") or []) or ref.get("hidden") is None:
                if notes or target != _help_url(item.language):
                    problems.append(f"{where}: the link {link.get_text(strip=True)!r} has no hidden number after it")
                continue
            if notes.get(ref.get_text(strip=True)) != _without_scheme(target):
                problems.append(f"{where}: link {link.get_text(strip=True)!r} is numbered {ref.get_text(strip=True)}, "
                                f"and the footer gives that number {notes.get(ref.get_text(strip=True))!r}, "
                                f"not {_without_scheme(target)!r}")
    assert not problems, "\n".join(problems) + "\nSee overrides/hooks/paper.py and site_tools/print_links.py."


# --- From the PDFs -------------------------------------------------------------------


def _link_addresses(site_dir, item) -> tuple[set[str], set[str]]:
    soup = parse_html(site_dir / item.url_path / "index.html")
    shown, hidden = set(), set()
    for link in soup.select("article a[href]"):
        if link.find_parent(class_=["checklist-actions", "classroom-pack", "screen-only"]):
            continue
        target = urldefrag(urljoin(SITE_URL + item.url_path, link["href"]))[0]
        if not target.startswith(SITE_URL) or target == SITE_URL + item.url_path:
            continue
        in_answers = link.find_parent("details") is not None
        (hidden if item.variant == "worksheet" and in_answers else shown).add(_without_scheme(target))
    return shown, hidden - shown


@pytest.mark.browser  # the PDFs exist only in builds with browser tests
@pytest.mark.parametrize(("item", "paper"), SHEETS, ids=SHEET_IDS)
def test_printed_sheets_show_where_their_links_go(site_dir, item, paper):
    pdf = site_dir / item.pdf_site_path(paper)
    text = comparable_text(read_pdf(pdf).text)
    shown, hidden = _link_addresses(site_dir, item)
    where = f"{pdf.name} ({item.source_file}, {PAPER_FORMATS[paper]})"
    missing = sorted(address for address in shown if comparable_text(address) not in text)
    assert not missing, (f"{where} does not print where these links go: {missing}; printed sheets list the "
                         "addresses of their links in the print footer (overrides/hooks/paper.py)")
    printed = sorted(address for address in hidden if comparable_text(address) in text)
    assert not printed, f"{where}: the worksheet lists addresses only its hidden answers link to: {printed} (print.css)"


@pytest.mark.browser
@pytest.mark.parametrize(("item", "paper"), SHEETS, ids=SHEET_IDS)
def test_qr_code_opens_the_help_page_in_the_sheets_language(site_dir, item, paper):
    pdf = site_dir / item.pdf_site_path(paper)
    codes = [code for page in codes_in_pdf(pdf) for code in page]
    expected = _help_url(item.language)
    assert codes == [expected], (
        f"{pdf.name} ({item.source_file}, {PAPER_FORMATS[paper]}): a phone reads {codes or 'no QR code'}, expected "
        f"one code opening {expected}. The code is in the print footer (partials/print-footer.html, hooks/paper.py); "
        "keep it at least 20 mm wide with white around it (print.css)")
    assert comparable_text(_without_scheme(expected)) in comparable_text(read_pdf(pdf).text), (
        f"{pdf.name}: the QR code's address {_without_scheme(expected)} is not printed for people who do not scan")


def _glyph_runs(pdf, needle: str) -> list[tuple[float, float]]:
    """(smallest, largest) height in points of the figures of each place `needle` is printed."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    runs = []
    try:
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            for match in re.finditer(re.escape(needle), text):
                heights = [box[3] - box[1] for box in (textpage.get_charbox(i) for i in range(match.start(), match.end()))
                           if box[3] > box[1]]
                if heights:
                    runs.append((min(heights), max(heights)))
    finally:
        document.close()
    return runs


POSTERS = [(item, paper) for item, paper in SHEETS if item.source == POSTER]


@pytest.mark.browser
@pytest.mark.parametrize(("item", "paper"), POSTERS, ids=[item.pdf_name(paper) for item, paper in POSTERS])
def test_poster_leads_with_the_child_helpline_number(site_dir, item, paper):
    data = country_data.load_cached()
    number = next(c for c in data.by_role("child-helpline") if c.phones).phones[0].display
    pdf = site_dir / item.pdf_site_path(paper)
    runs = _glyph_runs(pdf, number)
    tallest = max((smallest for smallest, _ in runs), default=0)
    assert tallest >= MIN_NUMBER_HEIGHT_PT, (
        f"{pdf.name} ({item.source_file}, {PAPER_FORMATS[paper]}): the child helpline's number {number} is "
        f"{tallest:.1f} pt tall at most (its figures); it must be at least {MIN_NUMBER_HEIGHT_PT} pt to be read "
        "across a corridor. Set .poster-number in overrides/assets/stylesheets/print.css")


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_poster_carries_the_countrys_contacts(site_dir, language):
    """Everything on the poster comes from the country data (data/countries/): a fork's poster is right without an edit."""
    data = country_data.load_cached()
    poster = next(item for item in ITEMS if item.language == language and item.source == POSTER)
    expected = [next(c for c in data.by_role(role) if c.phones).phones[0].display for role in ("child-helpline", "emergency")]
    for role in ("hotline", "police"):
        for contact in data.by_role(role):
            expected.append(contact.phones[0].display if contact.phones else country.display_url(contact.get("online")["url"]))
    for paper in poster.papers:
        pdf = site_dir / poster.pdf_site_path(paper)
        text = comparable_text(read_pdf(pdf).text)
        missing = [value for value in expected if comparable_text(value) not in text]
        assert not missing, (f"{pdf.name} ({poster.source_file}): the poster lacks {missing} from "
                             f"{data.files['country']} (markers [[phone ...]], [[reach ...]] on the page)")


@pytest.mark.browser
@pytest.mark.parametrize(("item", "paper"), SHEETS, ids=SHEET_IDS)
def test_no_printed_sheet_asks_for_a_screen(site_dir, item, paper):
    locale = item.language.locale
    words = language_checks.get(locale, "paper_words")
    if not words:
        pytest.skip(language_checks.skip_reason(locale, "paper_words"))
    pdf = site_dir / item.pdf_site_path(paper)
    text = " ".join(read_pdf(pdf).text.split())
    found = [match.group(0) for word in words for match in re.finditer(word, text, re.I)]
    assert not found, (
        f"{pdf.name} ({item.source_file}, {PAPER_FORMATS[paper]}) says {found} on paper, where nobody can click or "
        "tap. Give the page a paragraph for paper ({.print-only}) and keep the on-screen wording in a "
        "{.screen-only} one (see docs/en/young-people/is-this-ok.md)")


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.locale)
def test_paper_additions_show_only_in_print(open_page, site_url, language):
    url = site_url + language.site_prefix + project.page_url("young-people/is-this-ok.md")
    page, _ = open_page(url, width=1280)
    where = f"{url} (docs/{language.locale}/young-people/is-this-ok.md)"
    assert page.locator(".print-link-ref").count() > 0, f"{where}: no link numbers (overrides/hooks/paper.py)"
    for selector in (".print-link-ref", ".md-typeset .print-only", ".print-footer__qr"):
        visible = [i for i in range(page.locator(selector).count()) if page.locator(selector).nth(i).is_visible()]
        assert not visible, f"{where}: {selector} shows on screen; it is for paper only"
    assert page.locator(".md-typeset .screen-only").first.is_visible(), f"{where}: the on-screen wording is hidden"
    page.emulate_media(media="print")
    # (numbers inside the closed situations are not shown before a print dialog opens them)
    for selector in (".print-link-ref:not(details *)", ".md-typeset .print-only", ".print-footer__qr svg"):
        assert page.locator(selector).first.is_visible(), f"{where}: {selector} is not printed (print.css)"
    assert not page.locator(".md-typeset .screen-only").first.is_visible(), f"{where}: the on-screen wording is printed"
