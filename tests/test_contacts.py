"""A reader sees the right number for the right helpline: rendered contacts against literal
values (tests/data/contacts/, read by tests/contact_tables.py), never against values computed by the
code under test.

* Markers render to the literal Markdown lines, on the real data (data/countries/HU.yml, in
  English and Hungarian) and on the fictional fork country (tests/fixtures/fork/XR.yml, in
  English and Slovak): name, number, tel: target.
* The line printed under every checklist is the literal line, in every language.
* Each Help page entry links exactly its own numbers and shows no other contact's number, on
  the built site and on the fixture country's rendered Help sections.

A failure names the contact and what it shows. If the data changed on purpose, update
tests/data/contacts/<CODE>.yml after checking the new value against its source.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from contact_tables import (HELP_ENTRIES, MARKER_LINES, PRINT_LINES, SK_UI, international_entries, table_file,
                            fixture_data_dir, help_entry_problems)
from site_tools import country, country_data, project
from site_tools.built import parse_html
from site_tools.markdown_outline import render_html

LANGUAGES = project.languages()
BY_LOCALE = {language.locale: language for language in LANGUAGES}
CODE = project.country_code()
PAGE = "parents/what-to-do.md"
TABLES = table_file(CODE)


@pytest.fixture(scope="module")
def fixture_country(tmp_path_factory):
    data_dir = fixture_data_dir(tmp_path_factory.mktemp("xr") / "data", country_data.DATA_DIR)
    return country_data.load("XR", data_dir)


# The languages the served country's table has marker lines and print lines for, and the site builds.
SITE_LOCALES = sorted({lang for code, lang in MARKER_LINES if code == CODE and lang in BY_LOCALE}) or ["-"]


def _site_renderer(locale: str, page: str = PAGE) -> country.Renderer:
    if (CODE, locale) not in MARKER_LINES or locale not in BY_LOCALE:
        pytest.skip(f"{TABLES} has no marker lines for {CODE} in a language this site builds; write them "
                    "(literal lines, as tests/data/contacts/HU.yml has them)")
    return country.renderer_for(locale, page)


def _fixture_renderer(data, locale: str, page: str = PAGE) -> country.Renderer:
    if locale == "sk":
        ui = SK_UI
    elif "en" in BY_LOCALE:
        ui = BY_LOCALE["en"].extra["ui"]
    else:
        pytest.skip("the site has no English interface strings for the fixture country's English lines")
    return country.Renderer(data, locale, "en", ui, page=page, where=f"docs/{locale}/{page}")


@pytest.mark.parametrize("locale", SITE_LOCALES)
def test_markers_render_the_literal_lines_for_the_served_country(locale):
    renderer = _site_renderer(locale)
    wrong = {marker: renderer.expand(marker) for marker, expected in MARKER_LINES[(CODE, locale)].items()
             if renderer.expand(marker) != expected}
    assert not wrong, (f"docs/{locale}/{PAGE}: markers render differently from {TABLES} (data/countries/{CODE}.yml, "
                       "site_tools/country_data.py, site_tools/country.py):\n"
                       + "\n".join(f"{marker} -> {got}\n   expected {MARKER_LINES[(CODE, locale)][marker]}"
                                   for marker, got in wrong.items()))


@pytest.mark.parametrize("locale", ["en", "sk"])
def test_markers_render_the_literal_lines_for_the_fixture_country(fixture_country, locale):
    renderer = _fixture_renderer(fixture_country, locale)
    wrong = {marker: renderer.expand(marker) for marker, expected in MARKER_LINES[("XR", locale)].items()
             if renderer.expand(marker) != expected}
    assert not wrong, (f"tests/fixtures/fork/XR.yml in {locale}: markers render differently from {TABLES}:\n"
                       + "\n".join(f"{marker} -> {got}\n   expected {MARKER_LINES[('XR', locale)][marker]}"
                                   for marker, got in wrong.items()))


@pytest.mark.parametrize("locale", SITE_LOCALES)
def test_print_line_is_the_literal_line_for_the_served_country(locale):
    line = _site_renderer(locale).print_line()
    expected = PRINT_LINES.get((CODE, locale))
    assert line == expected, f"print line in {locale}: {line!r}, expected {expected!r} ({TABLES})"


@pytest.mark.parametrize("locale", ["en", "sk"])
def test_print_line_is_the_literal_line_for_the_fixture_country(fixture_country, locale):
    line = _fixture_renderer(fixture_country, locale).print_line()
    expected = PRINT_LINES[("XR", locale)]
    assert line == expected, f"tests/fixtures/fork/XR.yml print line in {locale}: {line!r}, expected {expected!r}"


def test_fixture_country_help_entries_show_only_their_own_numbers(fixture_country):
    renderer = _fixture_renderer(fixture_country, "en", "help.md")
    html = render_html(renderer.render_page("## Country\n\n[[contacts country]]\n\n## International\n\n"
                                            "[[contacts international]]\n"))
    problems = help_entry_problems(BeautifulSoup(html, "html.parser"), "XR help.md (en, rendered)",
                                   {**HELP_ENTRIES["XR"], **international_entries("XR")})
    assert not problems, "\n".join(problems)


def test_the_tables_cover_every_contact():
    """A contact added to the data needs its literal line here, so that it is checked too."""
    if CODE not in HELP_ENTRIES:
        pytest.skip(f"{TABLES} has no table for {CODE}; add one (a literal line per contact)")
    data = country_data.load_cached()
    ids = {"country": [c.id for c in data.contacts], "international": [c.id for c in data.international]}
    assert sorted(ids["country"]) == sorted(HELP_ENTRIES[CODE]), (
        f"{data.files['country']} has contacts {sorted(ids['country'])}; {TABLES} `help_entries` lists "
        f"{sorted(HELP_ENTRIES[CODE])}: add or remove the literal entries")
    assert sorted(ids["international"]) == sorted(international_entries(CODE)), (
        f"{data.files['international']} has contacts {sorted(ids['international'])}; {TABLES} "
        f"tests/data/contacts/international.yml lists {sorted(international_entries(CODE))}")


@pytest.mark.parametrize("language", LANGUAGES, ids=[language.locale for language in LANGUAGES])
def test_help_entries_show_only_their_own_numbers(site_dir, language):
    if CODE not in HELP_ENTRIES:
        pytest.skip(f"{TABLES} has no table for {CODE}")
    html = project.built_html_path(site_dir, language, country.HELP_PAGE)
    where = f"{html.relative_to(site_dir)} (from docs/{language.locale}/{country.HELP_PAGE})"
    problems = help_entry_problems(parse_html(html), where, {**HELP_ENTRIES[CODE], **international_entries(CODE)})
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES, ids=[language.locale for language in LANGUAGES])
def test_every_page_prints_the_literal_helpline_line(site_dir, language):
    expected = PRINT_LINES.get((CODE, language.locale))
    if expected is None:
        pytest.skip(f"{TABLES} has no print line for {CODE} in {language.locale}")
    problems = []
    for page in project.page_paths(language):
        html = project.built_html_path(site_dir, language, page)
        line = parse_html(html).select_one(".print-footer__helplines")
        # get_text() without a separator: the numbers are elements of their own (<bdi dir="ltr">).
        shown = " ".join(line.get_text().split()) if line else None
        if shown != expected:
            problems.append(f"{html.relative_to(site_dir)}: prints {shown!r}")
    assert not problems, (f"expected {expected!r} under every page (overrides/partials/print-footer.html, "
                          "data `print_line`):\n" + "\n".join(problems))


def test_labels_take_the_colon_as_the_language_writes_it(fixture_country):
    """French writes a no-break space before a colon ("Pour :"): every label of a Help entry
    and of the [[reach]] marker takes the language's `colon` string, none has ":" of its own."""
    if "en" not in BY_LOCALE:
        pytest.skip("the site has no English interface strings")
    ui = {**BY_LOCALE["en"].extra["ui"], "colon": "\u00a0:"}
    renderer = country.Renderer(fixture_country, "en", "en", ui, page="help.md", where="docs/en/help.md")
    entries = renderer.render_page("[[contacts country]]\n")
    labels = re.findall(r"\*\*([^*\n]+)\*\*", entries)
    assert labels and all(label.endswith("\u00a0:") for label in labels), (
        f"labels not written with the language's colon (site_tools/country.py): {labels}")
    assert "\u00a0: [" in renderer.expand("[[reach child-helpline]]"), renderer.expand("[[reach child-helpline]]")


def test_a_text_message_line_names_the_word_and_links_the_number(fixture_country):
    """Many helplines take text messages (Kids Help Phone: "text CONNECT to 686868"): the Help
    entry says what to send where, the number isolated left to right and linked with sms:."""
    renderer = _fixture_renderer(fixture_country, "en", "help.md")
    entry = renderer.contact_section(fixture_country.by_id("childline-xr"))
    assert '- **Text message:** send <bdi>TALK</bdi> to [<bdi dir="ltr">60111</bdi>](sms:60111)' in entry.splitlines(), (
        "site_tools/country.py (sms_line), config/languages/en.yml (contact_sms, contact_sms_keyword):\n" + entry)
