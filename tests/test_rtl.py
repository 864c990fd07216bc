"""Right-to-left languages (issue 16): what the site does for every language, whatever its
direction, checked on this site's own build; the Arabic edition of the fork drill
(tests/test_fork_drill.py, "The fork's right-to-left language") checks the same on a real
right-to-left language, in Chromium too.

- <html> carries the page's direction, as <body> does (overrides/hooks/text_direction.py).
- Every phone number, web address and e-mail address a marker renders, and every number of
  the print line, is isolated left to right (site_tools/country.py isolate_ltr,
  partials/print-footer.html): after Arabic text "116 111" would otherwise read "111 116".
- Pending pages mark the default language's text with its language and direction.
- The renderer's output, the slug of classroom-pack names and the direction-aware PDF text
  comparison, without a build.
"""

from __future__ import annotations

import markdown
import pytest

from site_tools import country, country_data, project
from site_tools.bidi import PrintedText, has_rtl, renders_addresses, unisolated
from site_tools.built import all_html_pages, built_pages, parse_html
from site_tools.printables import slug

LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]
DATA = country_data.load_cached()
PRINTED = tuple(DATA.by_id(cid).phones[0].display for cid in DATA.print_line)


# --- The built site ------------------------------------------------------------------------

def test_html_and_body_carry_the_language_direction(site_dir):
    problems = []
    for page in all_html_pages(LANGUAGES):
        soup = parse_html(page.html_path(site_dir))
        found = (soup.html.get("dir"), soup.body.get("dir"))
        if found != (page.language.direction, page.language.direction):
            problems.append(f"{page.url_path} ({page.source_file}): <html dir={found[0]!r}>, <body dir={found[1]!r}>, "
                            f"expected {page.language.direction!r} on both")
    assert not problems, "overrides/hooks/text_direction.py (and Material's language file):\n" + "\n".join(problems)


def test_every_number_and_address_a_marker_renders_is_isolated(site_dir):
    problems, tel_links, checked = [], 0, 0
    for page in built_pages(site_dir, LANGUAGES):
        soup = page.soup()
        tel_links += len(soup.select('a[href^="tel:"]'))
        addresses = renders_addresses((page.language.docs_dir / page.source).read_text(encoding="utf-8"))
        checked += addresses
        problems += [f"/{page.url_path} ({page.source_file}): {problem}" for problem in
                     unisolated(soup, PRINTED, addresses=addresses)]
    assert tel_links and checked, "no tel: links or no page with address markers: this check proved nothing"
    assert not problems, (
        "Numbers and addresses must be in <bdi dir=\"ltr\"> (site_tools/country.py isolate_ltr; the print line in "
        "partials/print-footer.html), or after Arabic or Hebrew text their groups are reordered:\n"
        + "\n".join(problems[:40]))


def test_pending_pages_mark_the_default_languages_text_and_direction(site_dir):
    pending = []
    for page in built_pages(site_dir, LANGUAGES[1:]):
        soup = page.soup()
        for wrapper in soup.select(".untranslated-content"):
            pending.append(page)
            expected = {"lang": DEFAULT.locale, "dir": DEFAULT.direction}
            found = {key: wrapper.get(key) for key in expected}
            assert found == expected, (f"{page.url_path} ({page.source_file}): the pending text is marked {found}, "
                                       f"expected {expected} (overrides/hooks/untranslated_pages.py)")
            notice = soup.select_one(".untranslated-notice")
            assert notice is not None, f"{page.url_path}: no untranslated notice (partials/untranslated-notice.html)"
            if notice.get("lang"):  # the notice still in the default language: its direction too
                assert notice.get("dir") == DEFAULT.direction, f"{page.url_path}: notice {notice.attrs}"
    if not pending:
        pytest.skip("no page of this site is pending translation (the fork drill checks pending Arabic pages)")


# --- Without a build ----------------------------------------------------------------------

def _html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["attr_list"])


def test_markers_isolate_numbers_and_addresses():
    helpline = DATA.by_role("child-helpline")[0]
    renderer = country.Renderer(DATA, "en", "en", {"contact_with_phone": "{name} on {phone}", "contact_or": "or"},
                                page="index.md")
    out = _html(renderer.render_page("Call [[contact child-helpline]] or [[phone emergency]]."))
    display = helpline.phones[0].display
    assert f'<a href="tel:{helpline.phones[0].dial}"><bdi dir="ltr">{display}</bdi></a>' in out, out
    from site_tools.checklists import task_items

    items = task_items(renderer.render_page("- [ ] call [[phone emergency]] now"))
    assert items == [f"call {DATA.by_role('emergency')[0].phones[0].display} now"], (
        f"checklist items as printed must not carry the isolation's markup: {items} (site_tools/checklists.py markdown_to_text)")
    assert Renderer_web("https://www.example.org/report/") == '[<bdi dir="ltr">example.org/report</bdi>](https://www.example.org/report/)'
    assert country.Renderer.email_link("help@example.org") == '[<bdi dir="ltr">help@example.org</bdi>](mailto:help@example.org)'


def Renderer_web(url: str) -> str:  # noqa: N802 - reads as the method it calls
    return country.Renderer.web_link(url)


@pytest.mark.parametrize("given,expected", [
    ("call 06 80 20 55 20, free", 'call <bdi dir="ltr">06 80 20 55 20</bdi>, free'),
    ("text CONNECT to 686868 (24/7)", "text CONNECT to 686868 (24/7)"),  # one number: keeps its order
    ("1-800-668-6868", '<bdi dir="ltr">1-800-668-6868</bdi>'),
    ("[report](https://example.org/2024-11-05/a) [[phone emergency]] {phone}",
     "[report](https://example.org/2024-11-05/a) [[phone emergency]] {phone}"),  # targets, markers untouched
])
def test_grouped_numbers_in_data_texts_are_isolated(given, expected):
    assert country.isolate_numbers(given) == expected


def test_print_line_parts_isolate_the_numbers_only():
    parts = country.renderer_for(DEFAULT.locale).print_line_parts()
    numbers = [part["text"] for part in parts if part["ltr"]]
    assert numbers[:len(PRINTED)] == list(PRINTED), f"the print line's numbers {numbers} are not {PRINTED}"
    assert "".join(part["text"] for part in parts) == country.renderer_for(DEFAULT.locale).print_line()
    assert not any(char.isdigit() for part in parts if not part["ltr"] for char in part["text"]
                   if country.PHONE_LIKE.search(part["text"])), parts


@pytest.mark.parametrize("title,expected", [
    ("Levél a szülőknek", "level-a-szuloknek"),
    ("Lesson plan", "lesson-plan"),
    ("خطة الدرس", "خطة-الدرس"),
    ("هل هذا مقبول؟", "هل-هذا-مقبول"),
    ("תוכנית שיעור", "תוכנית-שיעור"),
    ("Письмо родителям", "письмо-родителям"),
    ("تحدّث إلى أحد", "تحدّث-إلى-أحد"),  # the shadda stays with its letter
])
def test_pack_file_names_keep_every_script(title, expected):
    assert slug(title) == expected, "scripts/site_tools/printables.py (slug)"


def test_printed_text_is_compared_in_either_direction():
    # As pypdf reads Chromium's PDF: the stretches of a mixed line in visual order, each in its
    # own reading order; Arabic letters as presentation forms.
    pdf = PrintedText("، ﻣﺠﺎﻧﻲ، ﻋﻠﻰ ﻣﺪار اﻟﺴﺎﻋﺔ116 111 :Kék Vonal [ar] · 112 :اﻟﻄﻮارئ\nexample.org/ar/help/")
    line = "الطوارئ: 112 · [ar] Kék Vonal: 116 111، مجاني، على مدار الساعة"
    assert has_rtl(line) and line in pdf
    assert pdf.missing(line.replace("116 111", "111 116")) == ["111 116"], "a reversed number must fail"
    assert pdf.missing(line + " ليلًا") == ["ليلًا"], "a missing word must fail"
    assert "example.org/ar/help/" in pdf and "Kék Vonal" in pdf
    assert "Vonal Kék" not in pdf, "left-to-right text is compared in order, as before"
