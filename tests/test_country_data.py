"""The country's contacts are data (data/countries/<CODE>.yml, data/international.yml), never prose.

* The data files are valid: E.164 or short-code numbers with a display form, https URLs, a
  source and a past `verified_on` for every contact (scripts/site_tools/country_data.py checks
  them at build time; the table below proves each rule rejects what it should, on the
  fictional fork country tests/fixtures/fork/XR.yml, so that it holds whatever shape this
  site's own data has).
* No page in docs/ writes a phone number or a tel: link: a fork changes numbers in one file.
* Every built language shows every contact on its Help page, with its number as a tel: link
  and its "last checked" line, and the print line under checklists comes from the data.

Fix data problems in data/*.yml; fix pages by using a marker such as [[phone emergency]]
(LOCALIZING.md, "Contacts on pages").
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from contact_tables import FIXTURE, fixture_data_dir
from site_tools import country, country_data, project
from site_tools.built import parse_html

LANGUAGES = project.languages()
DATA = country_data.load()
FENCE = re.compile(r"^\s*(```|~~~)")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


def _docs_lines():
    for path in sorted(project.DOCS_DIR.rglob("*.md")):
        in_fence = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence:
                yield path.relative_to(project.REPO_ROOT), number, line


def phone_problems(lines, numbers: set[str]) -> list[str]:
    """Phone numbers and tel: links written into Markdown lines: (file, line, text) triples."""
    known = sorted((n for n in numbers if n), key=len, reverse=True)
    known_pattern = re.compile(r"(?<![\w/.#-])(?:" + "|".join(re.escape(n) for n in known) + r")(?![\w/.-])") if known else None
    problems = []
    for file, number, line in lines:
        if re.search(r"\btel:", line):
            problems.append(f"{file}:{number}: a tel: link is written in the page; use [[phone ROLE]] or [[contact ROLE]]")
            continue
        text = LINK_TARGET.sub("]", line)  # URLs may contain digit runs
        found = (known_pattern.search(text) if known_pattern else None) or country_data.PHONE_IN_TEXT.search(text)
        if found:
            problems.append(f"{file}:{number}: the phone number {found.group(0)!r} is written in the page; "
                            "numbers live in data/countries/: use [[phone ROLE]] or [[contact ROLE]]")
    return problems


def test_no_phone_number_is_written_in_docs():
    problems = phone_problems(_docs_lines(), DATA.phone_numbers())
    assert not problems, "\n".join(problems)


def test_phone_check_catches_numbers_in_prose():
    lines = [
        (Path("docs/en/x.md"), 1, "call Kék Vonal on [116 111](tel:116111)"),
        (Path("docs/en/x.md"), 2, "In danger? Call 112 now."),
        (Path("docs/en/x.md"), 3, "OKIT: 06 80 20 55 20, free"),
        (Path("docs/en/x.md"), 4, "Ages 11–16, in 2017, see [page](https://example.org/article?id=5853080) and Btk. 198. §"),
        (Path("docs/hu/x.md"), 5, "Tisztelettel:"),
    ]
    problems = phone_problems(lines, {"112", "116 111", "116111"})
    assert [p.split(":")[1] for p in problems] == ["1", "2", "3"], problems


def test_country_data_is_valid_and_has_the_core_roles():
    roles = {role for contact in DATA.contacts for role in contact.roles}
    assert {"emergency", "child-helpline", "hotline", "police"} <= roles, (
        f"{DATA.files['country']}: every country needs at least an emergency number, a child helpline, a "
        f"hotline for reporting content and a police route (roles present: {sorted(roles)})")


def _contact(raw: dict, contact_id: str) -> dict:
    return next(c for c in raw["contacts"] if c["id"] == contact_id)


# Each rule of the validation, proved on the fictional fork country (tests/fixtures/fork/XR.yml)
# rather than on this site's own data, whose shape a fork changes: (change, text of the error).
INVALID = {
    "e164": (lambda d: _contact(d, "childline-xr")["phones"][0].update(e164="+44 7700 9001"), "E.164"),
    "short-code": (lambda d: _contact(d, "emergency").update(phones=[{"short": "11 6111", "display": "11 6111"}]),
                   "short code"),
    "display": (lambda d: _contact(d, "childline-xr")["phones"][0].pop("display"), "`display`"),
    "http": (lambda d: _contact(d, "childline-xr")["online"].update(url="http://childline.example/"), "https://"),
    "no-source": (lambda d: _contact(d, "childline-xr").update(sources=[]), "`sources`: needs at least one"),
    "future": (lambda d: _contact(d, "childline-xr").update(verified_on=dt.date.today() + dt.timedelta(days=2)),
               "in the future"),
    "not-a-date": (lambda d: _contact(d, "childline-xr").update(verified_on="last week"), "is not a date"),
    "number-in-text": (lambda d: _contact(d, "childline-xr").update(**{"for": {"en": "call 07700 900 111 today"}}),
                       "writes the phone number"),
    "unknown-role": (lambda d: _contact(d, "childline-xr").update(roles=["helpline"]), "unknown role"),
    "duplicate-id": (lambda d: _contact(d, "stopline-xr").update(id="childline-xr"), "used twice"),
    "print-line": (lambda d: d.update(print_line=["no-such-contact"]), "`print_line`: names 'no-such-contact'"),
    "print-line-no-phone": (lambda d: d.update(print_line=["stopline-xr"]), "has no phone number to print"),
    "quick-exit-url": (lambda d: d.update(quick_exit_url="www.example.org"), "quick_exit_url"),
    "no-emergency": (lambda d: _contact(d, "emergency").update(roles=[]), "role `emergency`"),
    "country-as-text": (lambda d: d.update(country="XR"), "`country`: expected a mapping"),
    "list-for-mapping": (lambda d: d.update(international_notes=["inhope"]), "`international_notes`: expected a mapping"),
    "no-way-to-reach": (lambda d: [_contact(d, "stopline-xr").pop(key) for key in ("online",)], "at least one way"),
    "unknown-key": (lambda d: _contact(d, "police-xr").update(fax="123"), "fax"),
    "sms-number": (lambda d: _contact(d, "childline-xr")["sms"][0].update(number="TALK"), "`sms[0].number`"),
    "international-first": (lambda d: d.update(international_first=["take-it-down", "no-such"]),
                            "`international_first`: names 'no-such', which is not in"),
}


@lru_cache(maxsize=1)
def _fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def _fixture_raw() -> dict:
    """A fresh copy of the fixture's data (each case breaks its own), read with libyaml."""
    return yaml.load(_fixture_text(), Loader=yaml.CSafeLoader)  # noqa: S506 (a safe loader)


def _data_dir(tmp_path: Path, country_text: str, code: str = "XR") -> Path:
    data = fixture_data_dir(tmp_path / "data", country_data.DATA_DIR)
    (data / "countries" / "XR.yml").unlink()
    (data / "countries" / f"{code}.yml").write_text(country_text, encoding="utf-8")
    return data


def test_the_fixture_country_is_valid(tmp_path):
    data = country_data.load("XR", _data_dir(tmp_path, FIXTURE.read_text(encoding="utf-8")))
    assert [c.id for c in data.contacts] == ["emergency", "childline-xr", "stopline-xr", "police-xr", "parents-line-xr"]


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_country_data_is_rejected_with_file_and_contact(tmp_path, case):
    mutate, expected = INVALID[case]
    raw = _fixture_raw()
    mutate(raw)
    data_dir = _data_dir(tmp_path, yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))
    with pytest.raises(country_data.CountryDataError) as error:
        country_data.load("XR", data_dir)
    message = str(error.value)
    assert expected in message, message
    assert "XR.yml" in message, message
    assert "Traceback" not in message and all(len(line) < 400 for line in message.splitlines()), message


def test_a_country_lists_the_international_contacts_nearest_to_it_first(tmp_path):
    raw = _fixture_raw()
    raw["international_first"] = ["take-it-down", "inhope"]
    data = country_data.load("XR", _data_dir(tmp_path, yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)))
    ids = [c.id for c in data.international]
    assert ids[:2] == ["take-it-down", "inhope"], ids
    unlisted = [c.id for c in country_data.load_cached().international if c.id not in ("take-it-down", "inhope")]
    assert ids[2:] == [cid for cid in unlisted if cid in ids], f"the others must keep data/international.yml's order: {ids}"


def test_a_key_written_twice_is_refused_naming_the_key_and_line(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "quick_exit_url: https://weather.example/\n",
        "quick_exit_url: http://weather.example/\nquick_exit_url: https://weather.example/\n")
    with pytest.raises(country_data.CountryDataError, match=r"XR\.yml:\d+: .*`quick_exit_url` is written twice"):
        country_data.load("XR", _data_dir(tmp_path, text))


def test_numbers_must_be_valid_for_the_country(tmp_path):
    """phonenumbers (libphonenumber) knows each country's numbering plan: the fixture's UK
    drama numbers are not Hungarian numbers."""
    raw = _fixture_raw()
    raw["country"]["code"] = "HU"
    message = ""
    with pytest.raises(country_data.CountryDataError) as error:
        country_data.load("HU", _data_dir(tmp_path, yaml.safe_dump(raw, allow_unicode=True), code="HU"))
    message = str(error.value)
    assert "contact 'childline-xr' `phones[0]`: +447700900111 is not a valid HU number" in message, message


def test_an_international_contact_for_the_served_country_is_left_out(tmp_path):
    """Childline has `serves: GB`: a UK site lists it once, in its own country section."""
    data_dir = fixture_data_dir(tmp_path / "data", country_data.DATA_DIR)
    international = data_dir / "international.yml"
    international.write_text(international.read_text(encoding="utf-8").replace(
        "  - id: inhope\n", "  - id: inhope\n    serves: XR\n", 1), encoding="utf-8")
    ids = [contact.id for contact in country_data.load("XR", data_dir).international]
    assert "inhope" not in ids, "an international contact that serves XR is still listed on the XR site"
    assert "eu-116-111" in ids, "the other international contacts must stay"
    (data_dir / "countries" / "XR.yml").write_text(
        (data_dir / "countries" / "XR.yml").read_text(encoding="utf-8").replace(
            "  - id: emergency\n", "  - id: emergency\n    serves: XR\n", 1), encoding="utf-8")
    with pytest.raises(country_data.CountryDataError, match="only international contacts say which country"):
        country_data.load("XR", data_dir)


@pytest.fixture(scope="module")
def fixture_country(tmp_path_factory):
    """The fictional fork country, loaded: tests of rendering rules use it, not this site's data."""
    return country_data.load("XR", fixture_data_dir(tmp_path_factory.mktemp("xr") / "data", country_data.DATA_DIR))


def test_a_translated_page_needs_its_language_text(fixture_country):
    data = copy.deepcopy(fixture_country)
    contact = data.by_id("childline-xr")
    contact.raw["for"] = {"en": "children and young people who want to talk."}
    ui = LANGUAGES[0].extra["ui"]
    strict = country.Renderer(data, "sk", "en", ui, page="help.md", where="docs/sk/help.md")
    with pytest.raises(country_data.CountryDataError,
                       match=r"contact 'childline-xr' `for` has no 'sk' text \(needed by docs/sk/help.md\)"):
        strict.render_page("[[contacts country]]")
    pending = country.Renderer(data, "sk", "en", ui, page="help.md", allow_fallback=True)
    assert "children and young people who want to talk." in pending.render_page("[[contacts country]]")


def test_markers_link_to_the_help_page_from_any_folder(fixture_country):
    ui = {"contact_with_phone": "{name} on {phone}", "contact_or": "or"}
    for page, prefix in (("index.md", ""), ("parents/what-to-do.md", "../"), ("help.md", "")):
        renderer = country.Renderer(fixture_country, "en", "en", ui, page=page)
        target = "#childline-xr" if page == "help.md" else f"{prefix}help.md#childline-xr"
        assert renderer.render_page("Call [[contact child-helpline]].") == \
            f'Call [Ruritanian Childline]({target}) on [<bdi dir="ltr">07700 900111</bdi>](tel:+447700900111).', page
    with pytest.raises(country_data.CountryDataError, match="unknown role 'helpline'"):
        renderer.render_page("[[contact helpline]]")


def test_country_passages_show_only_for_their_country():
    page = "a\n<!-- country: HU: law -->\nb\n<!-- /country -->\nc\n<!-- country: SK: zákon -->\nd\n<!-- /country -->\n"
    assert country.country_sections(page) == [country.Passage(2, 4, "HU", "law"), country.Passage(6, 8, "SK", "zákon")]
    hungary, slovakia = copy.copy(DATA), copy.copy(DATA)  # any country's data, its code set here
    hungary.code, slovakia.code = "HU", "SK"
    assert country.site_text(page, hungary) == "a\nb\nc\n"
    assert country.site_text(page, slovakia) == "a\nc\nd\n"
    with pytest.raises(country_data.CountryDataError, match="never closed"):
        country.country_sections("<!-- country: HU: law -->\ntext\n", "docs/en/x.md")
    with pytest.raises(country_data.CountryDataError, match="two-letter code"):
        country.country_sections("<!-- country: law -->\ntext\n<!-- /country -->\n", "docs/en/x.md")


def test_role_passages_show_only_when_the_country_has_the_role(fixture_country):
    page = "a\n<!-- role: adult-support -->\n- For you: [[name adult-support]]\n<!-- /role -->\nb\n"
    with_role, without = copy.copy(fixture_country), copy.copy(fixture_country)
    without.contacts = [c for c in fixture_country.contacts if "adult-support" not in c.roles]
    assert country.site_text(page, with_role) == "a\n- For you: [[name adult-support]]\nb\n"
    assert country.site_text(page, without) == "a\nb\n"
    with pytest.raises(country_data.CountryDataError, match="never closed"):
        country.passages("<!-- role: adult-support -->\ntext\n", "docs/en/x.md")


def test_optional_roles_are_only_mentioned_inside_role_passages():
    """A fork whose country has no contact for an optional role (data/roles.yml) must still
    build every page: each marker of such a role sits in a `<!-- role: ROLE -->` passage."""
    optional = {name for name, role in DATA.roles.items() if not role.required}
    problems = []
    for language in LANGUAGES:
        for page in project.page_paths(language):
            where = language.source_file(page)
            text = (language.docs_dir / page).read_text(encoding="utf-8")
            spans = [p for p in country.passages(text, where) if p.kind == "role"]
            for line, kind, role in country.markers(text):
                if role in optional and not any(p.code == role and p.first < line < p.last for p in spans):
                    problems.append(f"{where}:{line}: [[{kind} {role}]] is outside a `<!-- role: {role} -->` passage; "
                                    "wrap the sentence in `<!-- role: " + role + " -->` ... `<!-- /role -->` lines")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.locale for lang in LANGUAGES])
def test_help_page_shows_every_contact_with_number_and_check_date(site_dir, language):
    html = project.built_html_path(site_dir, language, country.HELP_PAGE)
    soup = parse_html(html)
    where = f"{html.relative_to(site_dir)} (from docs/{language.locale}/{country.HELP_PAGE})"
    tel_links = {a["href"] for a in soup.select('a[href^="tel:"]')}
    ui = language.extra["ui"]
    problems = []
    for contact in DATA.all_contacts():
        section = soup.find(id=contact.id)
        if section is None:
            problems.append(f"{where}: no entry with id {contact.id!r} ({contact.file}); is [[contacts "
                            f"{contact.group}]] on the page?")
            continue
        for phone in contact.phones:
            if f"tel:{phone.dial}" not in tel_links:
                problems.append(f"{where}: {contact.id}: no tel:{phone.dial} link")
        entry = section.find_next("ul")
        if entry is None or ui["contact_last_checked"] not in entry.get_text():
            problems.append(f"{where}: {contact.id}: no “{ui['contact_last_checked']}” line under the entry")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.locale for lang in LANGUAGES])
def test_quick_exit_and_print_line_come_from_the_data(site_dir, language):
    html = project.built_html_path(site_dir, language, "index.md")
    soup = parse_html(html)
    line = soup.select_one(".print-footer__helplines")
    assert line is not None, f"{html.relative_to(site_dir)}: no print line; see overrides/partials/print-footer.html"
    for cid in DATA.print_line:
        display = DATA.by_id(cid).phones[0].display
        assert display in line.get_text(), f"{html.relative_to(site_dir)}: print line lacks {display} ({cid})"
    assert soup.select_one("a#quick-exit")["href"] == DATA.quick_exit_url
