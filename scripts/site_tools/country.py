"""The country's data (data/country.yml, data/international.yml) and the Markdown markers
that put it on pages.

A language is not a country. Pages are a language's text; helplines, the emergency number,
the quick-exit destination and the line printed under checklists belong to the country the
site serves, and live in data/country.yml, which a fork replaces. Pages place contacts with
markers that the build (overrides/hooks/country.py) replaces with Markdown:

    [[contact ROLE]]     name(s) linked to the Help page entry, with the main number:
                         "Kék Vonal on 116 111" (several contacts: "A or B")
    [[phone ROLE]]       the main number only, as a tel: link
    [[name ROLE]]        the linked name(s), no number
    [[summary ROLE]]     a short phrase of facts ("free, 24/7")
    [[reach ROLE]]       name and how to reach it on paper: its number, or its web address
                         ("NMHH Internet Hotline: nmhh.hu/internethotline"), for posters
    [[country]]          the country's name
    [[contacts country]] / [[contacts international]]   the Help page's contact sections
    [[sources country]]  / [[sources international]]    their sources, as one list of links

Text that holds for one country only is wrapped in `<!-- country: HU: why -->` ...
`<!-- /country -->` lines: it is shown only when data/country.yml is that country's, and
scripts/country_status.py lists it, so a fork knows what to write for its own country.

Everything here is also what tests and the PDF check use to expand pages, so what they
compare is what the build renders.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from .project import REPO_ROOT

DATA_DIR = REPO_ROOT / "data"
COUNTRY_FILE = "country.yml"
INTERNATIONAL_FILE = "international.yml"
HELP_PAGE = "help.md"
STALE_AFTER_DAYS = 365

ROLES = {
    "emergency": "the emergency number (police, ambulance, fire)",
    "child-helpline": "a helpline where children and young people can talk to someone",
    "hotline": "where to report illegal or harmful online content, e.g. sexual images of children",
    "police": "how to report a crime that is not an emergency",
    "adult-support": "emotional support for adults (parents, teachers)",
    "missing-children": "the missing-children line",
    "abuse-at-home": "help for abuse or violence at home",
}

MARKER = re.compile(r"\[\[(?P<kind>contacts|contact|phone|name|summary|reach|sources|country)(?:[ \t]+(?P<arg>[\w-]+))?\]\]")
# `<!-- country: HU: why -->`: the two-letter code of the country the passage is about.
COUNTRY_OPEN = re.compile(r"^[ \t]*<!--[ \t]*country:[ \t]*(?P<rest>.*?)[ \t]*-->[ \t]*$")
_COUNTRY_CODE = re.compile(r"^(?P<code>[A-Z]{2})\b[ \t]*[:–—-]?[ \t]*(?P<why>.*)$")
COUNTRY_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*/country[ \t]*-->[ \t]*$")
# A phone number written into prose: 3+ digit groups, or a +country code. Years and section
# numbers are not phone-shaped enough to match ("2017", "17. §").
PHONE_IN_TEXT = re.compile(r"\btel:|(?<![\w/.#-])\+?\d{2,4}(?:[ -]\d{2,4}){1,4}(?![\w/.-])")
SHORT_CODE = re.compile(r"^\d{3,6}$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class CountryDataError(ValueError):
    """The data files are invalid, or a page needs something they do not have."""


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Phone:
    dial: str  # what goes after tel:
    display: str
    label: object = None  # text: a phone shown on its own line ("Emergency in Australia")
    note: object = None  # text shown after the number ("(1-800-THE-LOST)")


@dataclass
class Contact:
    id: str
    file: str  # "data/country.yml"
    group: str  # "country" or "international"
    raw: dict
    roles: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)

    def get(self, key: str):
        return self.raw.get(key)


@dataclass
class CountryData:
    code: str
    name: object
    quick_exit_url: str
    print_line: list[str]
    contacts: list[Contact]
    international: list[Contact]
    more_sources: dict[str, list[dict]]
    international_notes: dict[str, object]
    files: dict[str, str]  # group -> repo-relative file

    def group(self, which: str) -> list[Contact]:
        return self.contacts if which == "country" else self.international

    def by_id(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts + self.international if c.id == contact_id), None)

    def by_role(self, role: str) -> list[Contact]:
        return [c for c in self.contacts if role in c.roles]

    def all_contacts(self) -> list[Contact]:
        return self.contacts + self.international

    def phone_numbers(self) -> set[str]:
        """Every number as dialled and as displayed (for tests that look for leftovers)."""
        numbers = set()
        for contact in self.all_contacts():
            for phone in contact.phones:
                numbers |= {phone.dial, phone.display}
        return numbers

    def urls(self) -> list[tuple[str, str]]:
        """(where, url) for every URL in the data, for the online link check."""
        found = []
        for contact in self.all_contacts():
            online = contact.get("online") or {}
            if online.get("url"):
                found.append((f"{contact.file}: {contact.id} online", online["url"]))
            for source in contact.get("sources") or []:
                found.append((f"{contact.file}: {contact.id} source", source.get("url")))
        for group, sources in self.more_sources.items():
            for source in sources:
                found.append((f"{self.files[group]}: more_sources", source.get("url")))
        found.append((f"{self.files['country']}: quick_exit_url", self.quick_exit_url))
        return found


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _read_yaml(path: Path) -> dict:
    import yaml

    if not path.exists():
        raise CountryDataError(f"{_rel(path)} is missing: the site needs its country data (see LOCALIZING.md)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{_rel(path)}:{mark.line + 1}" if mark else _rel(path)
        raise CountryDataError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(data, dict):
        raise CountryDataError(f"{_rel(path)}: expected a mapping at the top level")
    return data


def _is_text(value) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and value and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()))


def _check_https(url, where: str, problems: list[str]) -> None:
    if not isinstance(url, str) or urlparse(url).scheme != "https" or not urlparse(url).netloc:
        problems.append(f"{where}: {url!r} is not an https:// URL; use the https address of the page")


TEXT_KEYS = ("name", "print_name", "title", "for", "summary", "print_summary", "phone_note", "hours", "cost",
             "anonymous", "in_person", "ages", "operator")
CONTACT_KEYS = set(TEXT_KEYS) | {"id", "roles", "for_who", "phones", "online", "email", "sources", "verified_on"}


def _parse_contacts(items, file: str, group: str, today: _dt.date, problems: list[str]) -> list[Contact]:
    contacts: list[Contact] = []
    if not isinstance(items, list) or not items:
        problems.append(f"{file}: `contacts` must be a non-empty list")
        return contacts
    seen: set[str] = set()
    for index, raw in enumerate(items):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            problems.append(f"{file}: contacts[{index}] needs an `id` (lower-case, e.g. child-helpline)")
            continue
        cid = raw["id"]
        where = f"{file}: contact {cid!r}"
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", cid):
            problems.append(f"{where}: the id must be lower-case letters, digits and hyphens (it is the Help page anchor)")
        if cid in seen:
            problems.append(f"{where}: the id is used twice; ids must be unique")
        seen.add(cid)
        for key in sorted(set(raw) - CONTACT_KEYS):
            problems.append(f"{where}: unknown key `{key}`; known keys: {', '.join(sorted(CONTACT_KEYS))}")
        for key in ("name", "title", "for"):
            if key not in raw:
                problems.append(f"{where}: `{key}` is required")
        for key in TEXT_KEYS:
            if key in raw and not _is_text(raw[key]):
                problems.append(f"{where}: `{key}` must be a text or a mapping of language codes to texts")
            for text in _texts(raw.get(key)):
                for match in PHONE_IN_TEXT.finditer(MARKER.sub("", text).replace("{phone}", "")):
                    problems.append(f"{where}: `{key}` writes the phone number {match.group(0)!r} into text; "
                                    "put numbers under `phones` (texts may use [[phone ROLE]])")
        roles = raw.get("roles") or []
        if group == "country":
            if not isinstance(roles, list):
                problems.append(f"{where}: `roles` must be a list")
                roles = []
            for role in roles:
                if role not in ROLES:
                    problems.append(f"{where}: unknown role {role!r}; known roles: {', '.join(ROLES)}")
        elif roles:
            problems.append(f"{where}: international contacts have no roles (pages ask the country's contacts by role)")
        phones = []
        for p_index, phone in enumerate(raw.get("phones") or []):
            pwhere = f"{where} phones[{p_index}]"
            if not isinstance(phone, dict):
                problems.append(f"{pwhere}: expected a mapping with `short` or `e164`, and `display`")
                continue
            for key in sorted(set(phone) - {"short", "e164", "display", "label", "note"}):
                problems.append(f"{pwhere}: unknown key `{key}`")
            short, e164 = phone.get("short"), phone.get("e164")
            if (short is None) == (e164 is None):
                problems.append(f"{pwhere}: give exactly one of `short` (a short code such as \"112\") "
                                "or `e164` (such as \"+3680205520\")")
                continue
            dial = str(short if short is not None else e164)
            if short is not None and not SHORT_CODE.match(dial):
                problems.append(f"{pwhere}: short code {dial!r} must be 3 to 6 digits, quoted (\"112\")")
            if e164 is not None and not E164.match(dial):
                problems.append(f"{pwhere}: {dial!r} is not an E.164 number (+, country code, number, no spaces)")
            display = phone.get("display")
            if not isinstance(display, str) or not re.search(r"\d", display):
                problems.append(f"{pwhere}: `display` (the number as people dial it, e.g. \"06 80 20 55 20\") is required")
                display = dial
            elif re.sub(r"\D", "", display)[-6:] != dial[-6:] and short is None:
                problems.append(f"{pwhere}: display {display!r} does not end with the same digits as {dial!r}")
            phones.append(Phone(dial, display, phone.get("label"), phone.get("note")))
        online = raw.get("online")
        if online is not None:
            if not isinstance(online, dict) or "url" not in online:
                problems.append(f"{where}: `online` needs a `url` (and a `label`, and optionally a `text` with {{link}})")
            else:
                _check_https(online.get("url"), f"{where} online.url", problems)
                if "label" not in online:
                    problems.append(f"{where}: `online.label` (the link text, e.g. kek-vonal.hu) is required")
                for text in _texts(online.get("text")):
                    if "{link}" not in text:
                        problems.append(f"{where}: `online.text` {text!r} must contain {{link}} where the link goes")
        email = raw.get("email")
        if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", str(email)):
            problems.append(f"{where}: `email` {email!r} is not an e-mail address")
        sources = raw.get("sources")
        if not isinstance(sources, list) or not sources:
            problems.append(f"{where}: `sources` is required: at least one page (url, title) where the details can be checked")
        else:
            for s_index, source in enumerate(sources):
                if not isinstance(source, dict) or "title" not in source:
                    problems.append(f"{where} sources[{s_index}]: needs `url` and `title`")
                    continue
                _check_https(source.get("url"), f"{where} sources[{s_index}]", problems)
        verified = raw.get("verified_on")
        if not isinstance(verified, _dt.date):
            problems.append(f"{where}: `verified_on` must be a date (YYYY-MM-DD): when the details were last checked")
        elif verified > today:
            problems.append(f"{where}: `verified_on` {verified} is in the future")
        if not phones and online is None and email is None:
            problems.append(f"{where}: give at least one way to reach it (`phones`, `online` or `email`)")
        contacts.append(Contact(cid, file, group, raw, list(roles) if group == "country" else [], phones))
    return contacts


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return []


def load(data_dir: Path | None = None, today: _dt.date | None = None) -> CountryData:
    """Read and validate both files; every problem is reported at once."""
    data_dir = Path(data_dir or DATA_DIR)
    today = today or _dt.date.today()
    country_path, international_path = data_dir / COUNTRY_FILE, data_dir / INTERNATIONAL_FILE
    files = {"country": _rel(country_path), "international": _rel(international_path)}
    raw = _read_yaml(country_path)
    raw_int = _read_yaml(international_path) if international_path.exists() else {"contacts": []}
    problems: list[str] = []
    file = files["country"]
    for key in sorted(set(raw) - {"country", "quick_exit_url", "print_line", "contacts", "more_sources",
                                  "international_notes"}):
        problems.append(f"{file}: unknown top-level key `{key}`")
    country = raw.get("country") or {}
    if not isinstance(country, dict) or not _is_text(country.get("name")):
        problems.append(f"{file}: `country.name` is required (per language: {{en: Hungary, hu: Magyarország}})")
    if not re.fullmatch(r"[A-Z]{2}", str(country.get("code", ""))):
        problems.append(f"{file}: `country.code` must be the two-letter ISO 3166 code, e.g. HU")
    _check_https(raw.get("quick_exit_url"), f"{file}: quick_exit_url", problems)
    contacts = _parse_contacts(raw.get("contacts"), file, "country", today, problems)
    international = (_parse_contacts(raw_int.get("contacts"), files["international"], "international", today, problems)
                     if raw_int.get("contacts") else [])
    ids = {c.id for c in contacts}
    for contact in international:
        if contact.id in ids:
            problems.append(f"{files['international']}: contact {contact.id!r} has the same id as one in {file}")
    if "emergency" not in {role for c in contacts for role in c.roles}:
        problems.append(f"{file}: one contact needs the role `emergency` (the emergency number)")
    print_line = raw.get("print_line") or []
    if not isinstance(print_line, list) or not print_line:
        problems.append(f"{file}: `print_line` lists the contact ids printed under checklists, e.g. [emergency, child-helpline-id]")
        print_line = []
    for cid in print_line:
        contact = next((c for c in contacts if c.id == cid), None)
        if contact is None:
            problems.append(f"{file}: print_line names {cid!r}, which is not a contact id in this file")
        elif not contact.phones:
            problems.append(f"{file}: print_line names {cid!r}, which has no phone number to print")
    notes = raw.get("international_notes") or {}
    for cid, text in notes.items():
        if not any(c.id == cid for c in international):
            problems.append(f"{file}: international_notes names {cid!r}, which is not in {files['international']}")
        if not _is_text(text):
            problems.append(f"{file}: international_notes.{cid} must be a text or a mapping of language codes to texts")
    more = {"country": raw.get("more_sources") or [], "international": raw_int.get("more_sources") or []}
    for group, sources in more.items():
        for index, source in enumerate(sources):
            _check_https(source.get("url") if isinstance(source, dict) else None,
                         f"{files[group]}: more_sources[{index}]", problems)
    if problems:
        raise CountryDataError("country data is invalid:\n  " + "\n  ".join(problems))
    return CountryData(str(country["code"]), country["name"], raw["quick_exit_url"], list(print_line),
                       contacts, international, more, notes, files)


@lru_cache(maxsize=4)
def load_cached(data_dir: str | None = None) -> CountryData:
    return load(Path(data_dir) if data_dir else None)


def missing_texts(data: CountryData, locale: str) -> list[str]:
    """Every text the data has in other languages but not in `locale` (for reports)."""
    found = []

    def check(value, where):
        if isinstance(value, dict) and locale not in value:
            found.append(where)

    check(data.name, f"{data.files['country']}: country.name")
    for contact in data.all_contacts():
        for key in TEXT_KEYS:
            check(contact.get(key), f"{contact.file}: contact {contact.id!r} `{key}`")
        online = contact.get("online") or {}
        for key in ("label", "text"):
            check(online.get(key), f"{contact.file}: contact {contact.id!r} `online.{key}`")
        for phone in contact.phones:
            check(phone.label, f"{contact.file}: contact {contact.id!r} phone label")
            check(phone.note, f"{contact.file}: contact {contact.id!r} phone note")
        for source in contact.get("sources") or []:
            check(source.get("title"), f"{contact.file}: contact {contact.id!r} source title")
    for cid, text in data.international_notes.items():
        check(text, f"{data.files['country']}: international_notes.{cid}")
    return found


def stale_contacts(data: CountryData, today: _dt.date | None = None) -> list[Contact]:
    today = today or _dt.date.today()
    return [c for c in data.all_contacts() if (today - c.get("verified_on")).days > STALE_AFTER_DAYS]


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Passage:
    first: int  # line of the opening comment
    last: int  # line of the closing comment
    code: str  # the country it is about ("HU")
    why: str


def country_sections(text: str, where: str = "") -> list[Passage]:
    """Every `<!-- country: HU: why -->` ... `<!-- /country -->` passage of a page."""
    spans, open_at = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = COUNTRY_OPEN.match(line)
        if opening:
            if open_at:
                raise CountryDataError(f"{where}:{number}: `<!-- country: ... -->` inside another one "
                                       f"(opened on line {open_at[0]}); close the first with `<!-- /country -->`")
            code = _COUNTRY_CODE.match(opening.group("rest"))
            if not code:
                raise CountryDataError(f"{where}:{number}: `<!-- country: {opening.group('rest')} -->` needs the "
                                       "country's two-letter code first, e.g. `<!-- country: HU: Hungarian law -->`")
            open_at = (number, code.group("code"), code.group("why"))
        elif COUNTRY_CLOSE.match(line):
            if not open_at:
                raise CountryDataError(f"{where}:{number}: `<!-- /country -->` without an opening `<!-- country: ... -->`")
            spans.append(Passage(open_at[0], number, open_at[1], open_at[2]))
            open_at = None
    if open_at:
        raise CountryDataError(f"{where}:{open_at[0]}: `<!-- country: ... -->` is never closed; add `<!-- /country -->`")
    return spans


def markers(text: str) -> list[tuple[int, str, str | None]]:
    """(line, kind, argument) of every marker in a page."""
    return [(number, m.group("kind"), m.group("arg"))
            for number, line in enumerate(text.splitlines(), start=1) for m in MARKER.finditer(line)]


def country_text(text: str, code: str, where: str = "") -> str:
    """The page for the site's country: its own passages without their comment lines, and
    other countries' passages left out (a fork's site does not show Hungarian law)."""
    lines = text.split("\n")
    for passage in reversed(country_sections(text, where)):
        if passage.code == code:
            del lines[passage.last - 1]
            del lines[passage.first - 1]
        else:
            del lines[passage.first - 1:passage.last]
    return "\n".join(lines)


def display_url(url: str) -> str:
    """A web address as printed for people to type: no scheme, no "www.", no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def plain_text(markdown: str) -> str:
    """Markdown links reduced to their text (for meta descriptions)."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)


def help_link(page: str, anchor: str) -> str:
    """Relative link from a page (docs-relative path) to an entry of the Help page."""
    if page == HELP_PAGE:
        return f"#{anchor}"
    depth = page.count("/")
    return "../" * depth + f"{HELP_PAGE}#{anchor}"


DEFAULT_UI = {
    # Used only where a language's extra.ui lacks the key (the parity test makes every
    # language carry every key, so this is a fallback for unit tests and one-off tools).
    "contact_for": "For",
    "contact_for_who": "For",
    "contact_phone": "Phone",
    "contact_online": "Online",
    "contact_email": "Email",
    "contact_hours": "Hours",
    "contact_cost": "Cost",
    "contact_anonymous": "Anonymous",
    "contact_in_person": "In person",
    "contact_ages": "Ages",
    "contact_operator": "Run by",
    "contact_last_checked": "Last checked",
    "contact_source": "Source",
    "contact_or": "or",
    "contact_with_phone": "{name} on {phone}",
    "print_contact": "{name}: {phone}, {summary}",
}


class Renderer:
    """Renders markers for one page in one language.

    `fallback` is the default language: used for a missing text only when the page is still
    pending translation (it shows the default language's text anyway); otherwise a missing
    text is an error naming the data file, contact and key.
    """

    def __init__(self, data: CountryData, locale: str, fallback: str | None, ui: dict | None,
                 page: str = "", where: str = "", allow_fallback: bool = False):
        self.data, self.locale, self.fallback = data, locale, fallback
        self.ui = {**DEFAULT_UI, **{k: v for k, v in (ui or {}).items() if isinstance(v, str)}}
        self.page, self.where, self.allow_fallback = page, where or page, allow_fallback

    # texts ---------------------------------------------------------------------------

    def text(self, value, what: str) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            if self.locale in value:
                return value[self.locale]
            if self.allow_fallback and self.fallback in value:
                return value[self.fallback]
        raise CountryDataError(
            f"{what} has no {self.locale!r} text (needed by {self.where or 'the site'}); add `{self.locale}: ...` "
            f"to it, or keep the page marked `translation_status: untranslated` until it is translated")

    def _ctext(self, contact: Contact, key: str) -> str | None:
        value = contact.get(key)
        if value is None:
            return None
        text = self.text(value, f"{contact.file}: contact {contact.id!r} `{key}`")
        if "{phone}" in text:
            if not contact.phones:
                raise CountryDataError(f"{contact.file}: contact {contact.id!r} `{key}` says {{phone}} but has no `phones`")
            text = text.replace("{phone}", contact.phones[0].display)
        return text

    # inline pieces -------------------------------------------------------------------

    def _contacts_for(self, role: str | None, line_hint: str) -> list[Contact]:
        if not role:
            raise CountryDataError(f"{line_hint}: this marker needs a role, e.g. [[contact child-helpline]]")
        found = self.data.by_role(role)
        if not found:
            if role not in ROLES:
                raise CountryDataError(f"{line_hint}: unknown role {role!r}; known roles: {', '.join(ROLES)}")
            raise CountryDataError(
                f"{line_hint}: no contact in {self.data.files['country']} has the role {role!r} "
                f"({ROLES[role]}); add one there, or take the sentence out of this page in every language")
        return found

    @staticmethod
    def phone_link(phone: Phone) -> str:
        return f"[{phone.display}](tel:{phone.dial})"

    def name_link(self, contact: Contact) -> str:
        return f"[{self._ctext(contact, 'name')}]({help_link(self.page, contact.id)})"

    def _join(self, parts: list[str]) -> str:
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + f" {self.ui['contact_or']} " + parts[-1]

    def inline(self, kind: str, arg: str | None, line_hint: str) -> str:
        if kind == "country":
            return self.text(self.data.name, f"{self.data.files['country']}: country.name")
        if kind in ("contacts", "sources"):
            if arg not in ("country", "international"):
                raise CountryDataError(f"{line_hint}: [[{kind} ...]] takes `country` or `international`")
            return self.contact_sections(arg) if kind == "contacts" else self.sources(arg)
        contacts = self._contacts_for(arg, line_hint)
        if kind == "phone":
            with_phone = [c for c in contacts if c.phones]
            if not with_phone:
                raise CountryDataError(f"{line_hint}: [[phone {arg}]]: no {arg!r} contact in "
                                       f"{self.data.files['country']} has a phone number; use [[contact {arg}]]")
            return self.phone_link(with_phone[0].phones[0])
        if kind == "name":
            return self._join([self.name_link(c) for c in contacts])
        if kind == "reach":
            parts = []
            for contact in contacts:
                online = contact.get("online")
                if contact.phones:
                    how = self.phone_link(contact.phones[0])
                elif online:
                    how = f"[{display_url(online['url'])}]({online['url']})"
                else:
                    how = f"[{contact.get('email')}](mailto:{contact.get('email')})"
                parts.append(f"{self.name_link(contact)}: {how}")
            return self._join(parts)
        if kind == "summary":
            texts = [self._ctext(c, "summary") for c in contacts if c.get("summary") is not None]
            if not texts:
                raise CountryDataError(f"{line_hint}: [[summary {arg}]]: give the {arg!r} contact a `summary` "
                                       f"in {self.data.files['country']}")
            return texts[0]
        parts = []
        for contact in contacts:  # kind == "contact"
            if contact.phones:
                parts.append(self.ui["contact_with_phone"].format(
                    name=self.name_link(contact), phone=self.phone_link(contact.phones[0])))
            else:
                parts.append(self.name_link(contact))
        return self._join(parts)

    def expand(self, markdown: str, line_offset: int = 0) -> str:
        """Replace every marker (twice over, so texts in the data may use markers too)."""
        def replace_line(number: int, line: str) -> str:
            hint = f"{self.where}:{number + line_offset}" if self.where else f"line {number}"
            return MARKER.sub(lambda m: self.inline(m.group("kind"), m.group("arg"), hint), line)

        lines = markdown.split("\n")
        out = [replace_line(n, line) for n, line in enumerate(lines, start=1)]
        text = "\n".join(out)
        if MARKER.search(text):  # markers that came from the data's own texts
            text = MARKER.sub(lambda m: self.inline(m.group("kind"), m.group("arg"), self.where), text)
        return text

    def render_page(self, markdown: str) -> str:
        return self.expand(country_text(markdown, self.data.code, self.where))

    # the Help page -------------------------------------------------------------------

    def checked(self, contact: Contact) -> str:
        from babel.dates import format_skeleton

        try:
            return format_skeleton("yMMMM", contact.get("verified_on"), locale=self.locale.replace("-", "_"))
        except Exception:  # a locale babel does not know: ISO month
            return contact.get("verified_on").strftime("%Y-%m")

    def _online(self, contact: Contact) -> str:
        online = contact.get("online")
        label = self.text(online["label"], f"{contact.file}: contact {contact.id!r} `online.label`")
        link = f"[{label}]({online['url']})"
        if online.get("text") is None:
            return link
        return self.text(online["text"], f"{contact.file}: contact {contact.id!r} `online.text`").replace("{link}", link)

    def contact_section(self, contact: Contact) -> str:
        ui = self.ui
        lines = [f"### {self._ctext(contact, 'title')} {{#{contact.id}}}", ""]
        purpose = self._ctext(contact, "for")
        note = self.data.international_notes.get(contact.id)
        if note is not None:
            purpose += " " + self.text(note, f"{self.data.files['country']}: international_notes.{contact.id}")
        label = ui["contact_for_who"] if contact.get("for_who") else ui["contact_for"]
        lines.append(f"- **{label}:** {purpose}")
        if contact.get("operator") is not None:
            lines.append(f"- **{ui['contact_operator']}:** {self._ctext(contact, 'operator')}")
        if contact.get("ages") is not None:
            lines.append(f"- **{ui['contact_ages']}:** {self._ctext(contact, 'ages')}")
        plain = [p for p in contact.phones if p.label is None]
        if plain:
            numbers = []
            for phone in plain:
                shown = self.phone_link(phone)
                if phone.note is not None:
                    shown += " " + self.text(phone.note, f"{contact.file}: contact {contact.id!r} phone note")
                numbers.append(shown)
            phone_line = f" {ui['contact_or']} ".join(numbers)
            if contact.get("phone_note") is not None:
                phone_line += ", " + self._ctext(contact, "phone_note")
            lines.append(f"- **{ui['contact_phone']}:** {phone_line}")
        if contact.get("online") is not None:
            lines.append(f"- **{ui['contact_online']}:** {self._online(contact)}")
        if contact.get("email") is not None:
            lines.append(f"- **{ui['contact_email']}:** [{contact.get('email')}](mailto:{contact.get('email')})")
        for phone in contact.phones:
            if phone.label is not None:
                lines.append(f"- **{self.text(phone.label, f'{contact.file}: contact {contact.id!r} phone label')}:** "
                             f"{self.phone_link(phone)}")
        for key, label in (("in_person", "contact_in_person"), ("anonymous", "contact_anonymous"),
                           ("hours", "contact_hours"), ("cost", "contact_cost")):
            if contact.get(key) is not None:
                lines.append(f"- **{ui[label]}:** {self._ctext(contact, key)}")
        sources = ", ".join(self._source_link(contact.file, contact.id, s) for s in contact.get("sources"))
        lines.append(f"- **{ui['contact_last_checked']}:** {self.checked(contact)} · {ui['contact_source']}: {sources}")
        return "\n".join(lines)

    def _source_link(self, file: str, cid: str, source: dict) -> str:
        return f"[{self.text(source['title'], f'{file}: {cid} source title')}]({source['url']})"

    def contact_sections(self, which: str) -> str:
        return "\n\n".join(self.contact_section(c) for c in self.data.group(which))

    def sources(self, which: str) -> str:
        seen, links = set(), []
        for contact in self.data.group(which):
            for source in contact.get("sources"):
                if source["url"] not in seen:
                    seen.add(source["url"])
                    links.append(self._source_link(contact.file, contact.id, source))
        for source in self.data.more_sources[which]:
            if source["url"] not in seen:
                seen.add(source["url"])
                links.append(self._source_link(self.data.files[which], "more_sources", source))
        return ", ".join(links)

    # print ---------------------------------------------------------------------------

    def print_line(self) -> str:
        """Plain text: "Emergency: 112 · Kék Vonal: 116 111, free, 24/7"."""
        parts = []
        for cid in self.data.print_line:
            contact = self.data.by_id(cid)
            name = self._ctext(contact, "print_name") if contact.get("print_name") is not None \
                else self._ctext(contact, "name")
            summary = self._ctext(contact, "print_summary")
            template = self.ui["print_contact"] if summary else "{name}: {phone}"
            parts.append(template.format(name=name, phone=contact.phones[0].display, summary=summary or ""))
        return " · ".join(parts)


def renderer_for(locale: str, page: str = "", pending: bool = False, data: CountryData | None = None,
                 config_file: str | None = None) -> Renderer:
    """A renderer outside a build (tests, tools): UI strings from mkdocs.yml's language block."""
    from . import project

    languages = project.languages(config_file)
    default = languages[0].locale
    language = next((lang for lang in languages if lang.locale == locale), None)
    ui = (language.extra or {}).get("ui", {}) if language else {}
    return Renderer(data or load_cached(), locale, default, ui, page=page,
                    where=f"docs/{locale}/{page}" if page else "", allow_fallback=pending)
