"""A country's data (data/countries/<CODE>.yml) and the international contacts
(data/international.yml): reading and validating them.

A language is not a country. Pages are a language's text; helplines, the emergency number,
the quick-exit destination and the line printed under checklists belong to the country the
site serves. mkdocs.yml chooses that country (`extra.country: HU`); its file is one of
data/countries/, so a fork adds its own file next to upstream's instead of editing it, and
upstream's corrections to Hungarian data never conflict with a fork's.

Validation happens in two steps, and every problem is reported at once, each on one line
with the file, contact and key:

1. the JSON Schema in data/schema/country.schema.yml (shape, required keys, formats), read
   with a YAML loader that also refuses a key written twice;
2. what a schema cannot say: unique ids, known roles and the required ones present, numbers
   valid for the country (phonenumbers, Google's libphonenumber), no number written into a
   text, dates not in the future, print_line naming contacts with a phone.

Rendering the data onto pages is site_tools.country.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .project import REPO_ROOT
from .yaml_files import YamlFileError, parse_yaml, read_yaml_mapping

DATA_DIR = REPO_ROOT / "data"
COUNTRIES_DIR = "countries"
INTERNATIONAL_FILE = "international.yml"
SCHEMA_FILE = "schema/country.schema.yml"
TRANSLATIONS_DIR = "translations"  # data/translations/<locale>.yml
TODO = "TODO"  # a stub value: not translated yet
ROLES_FILE = "roles.yml"
STALE_AFTER_DAYS = 365

# Markers, as pages and data texts write them (site_tools.country renders them).
MARKER = re.compile(r"\[\[(?P<kind>contacts|contact|phone|name|summary|reach|sources|country)(?:[ \t]+(?P<arg>[\w-]+))?\]\]")
# A phone number written into prose: 3+ digit groups, or a +country code. Years and section
# numbers are not phone-shaped enough to match ("2017", "17. §").
PHONE_IN_TEXT = re.compile(r"\btel:|(?<![\w/.#-])\+?\d{2,4}(?:[ -]\d{2,4}){1,4}(?![\w/.-])")
TEXT_KEYS = ("name", "print_name", "title", "for", "summary", "print_summary", "phone_note", "hours", "cost",
             "anonymous", "in_person", "ages", "operator")


class CountryDataError(ValueError):
    """The data files are invalid, or a page needs something they do not have."""


@dataclass(frozen=True)
class Role:
    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class Phone:
    dial: str  # what goes after tel:
    display: str
    label: object = None  # text: a phone shown on its own line ("Emergency in Australia")
    note: object = None  # text shown after the number ("(1-800-THE-LOST)")


@dataclass
class Contact:
    id: str
    file: str  # "data/countries/HU.yml"
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
    words: dict[str, list[str]]
    quick_exit_url: str
    print_line: list[str]
    contacts: list[Contact]
    international: list[Contact]
    more_sources: dict[str, list[dict]]
    international_notes: dict[str, object]
    files: dict[str, str]  # group -> repo-relative file
    roles: dict[str, Role]

    def group(self, which: str) -> list[Contact]:
        return self.contacts if which == "country" else self.international

    def by_id(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts + self.international if c.id == contact_id), None)

    def by_role(self, role: str) -> list[Contact]:
        return [c for c in self.contacts if role in c.roles]

    def has_role(self, role: str) -> bool:
        return bool(self.by_role(role))

    def all_contacts(self) -> list[Contact]:
        return self.contacts + self.international

    def phone_numbers(self) -> set[str]:
        """Every number as dialled and as displayed (for tests that look for leftovers)."""
        return {number for contact in self.all_contacts() for phone in contact.phones
                for number in (phone.dial, phone.display)}

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
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def texts(value) -> list[str]:
    """Every language's string of a text."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return []


# --------------------------------------------------------------------------- schema


@lru_cache(maxsize=2)
def _schema(data_dir: str) -> dict:
    return read_yaml_mapping(Path(data_dir) / SCHEMA_FILE)


def roles(data_dir: Path | None = None) -> dict[str, Role]:
    """data/roles.yml: the roles pages may ask for, and which ones every country needs."""
    path = Path(data_dir or DATA_DIR) / ROLES_FILE
    try:
        raw = read_yaml_mapping(path, _rel(path))
    except YamlFileError as error:
        raise CountryDataError(str(error)) from None
    found = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("required"), bool):
            raise CountryDataError(f"{_rel(path)}: role `{name}` needs `required: true` or `required: false`")
        found[name] = Role(name, spec["required"], str(spec.get("description", "")))
    return found


def _as_json(value):
    """The YAML as JSON Schema sees it: dates as ISO strings (YAML reads 2026-11-25 as a date)."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


_PATTERN_HINTS = {
    "^https://[^/\\s]+\\.[^/\\s]+(/\\S*)?$": "not an https:// web address; use the https address of the page",
    "^[0-9]{3,6}$": 'a short code is 3 to 6 digits, quoted ("112")',
    "^\\+[1-9][0-9]{6,14}$": "not an E.164 number (+, country code, number, no spaces)",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "ids are lower-case letters, digits and hyphens (kek-vonal)",
    "^[A-Z]{2}$": "the ISO 3166 two-letter code in capitals (HU)",
    "[0-9]": "`display` is the number as people dial it (06 80 20 55 20)",
}


def _location(raw: dict, path) -> str:
    """A schema error's place as people read it: "contact 'kek-vonal' phones[0].display"."""
    parts = list(path)
    where = ""
    if len(parts) >= 2 and parts[0] == "contacts" and isinstance(parts[1], int):
        contacts = raw.get("contacts") if isinstance(raw.get("contacts"), list) else []
        item = contacts[parts[1]] if parts[1] < len(contacts) else None
        cid = item.get("id") if isinstance(item, dict) else None
        where = f"contact {cid!r}" if isinstance(cid, str) else f"contacts[{parts[1]}]"
        parts = parts[2:]
    key = ""
    for part in parts:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    if where and key:
        return f"{where} `{key}`"
    return where or (f"`{key}`" if key else "the top level")


def _schema_problems(raw: dict, schema: dict, file: str) -> list[str]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(_as_json(raw)), key=lambda e: [str(p) for p in e.absolute_path]):
        # For a failed oneOf/anyOf, the most specific inner reason reads better.
        reason = error
        if error.context:
            reason = min(error.context, key=lambda e: (-len(e.absolute_path), len(e.message)))
        message = reason.message
        if error.validator == "anyOf" and error.schema is not None and "required" in str(error.schema):
            message = "give at least one way to reach it: `phones`, `online` or `email`"
        elif error.validator == "oneOf" and "short" in str(error.schema):
            message = 'give exactly one of `short` (a short code such as "112", quoted) or `e164` (such as "+3680205520")'
        elif error.validator == "additionalProperties":
            message += " (data/schema/country.schema.yml lists the keys)"
        elif reason.validator == "required":
            missing = reason.message.split("'")[1] if "'" in reason.message else reason.message
            message = f"`{missing}` is required"
        elif reason.validator == "minItems":
            message = "needs at least one item" + (": a page (url, title) where the details can be checked"
                                                   if list(reason.absolute_path)[-1:] == ["sources"] else "")
        elif reason.validator == "type":
            wanted = {"object": "a mapping (key: value lines)", "array": "a list (- item lines)",
                      "string": "a text", "boolean": "true or false"}
            expected = reason.validator_value if isinstance(reason.validator_value, str) else "object"
            found = {dict: "a mapping", list: "a list", str: "a text", bool: "true/false"}.get(
                type(reason.instance), type(reason.instance).__name__)
            message = f"expected {wanted.get(expected, expected)}, found {found}"
        elif reason.validator == "pattern":
            message = _PATTERN_HINTS.get(reason.validator_value, message)
            message = f"{reason.instance!r}: {message}"
        elif error.validator == "format" and "date" in str(error.schema):
            message = f"{reason.instance!r} is not a date: write YYYY-MM-DD"
        problems.append(f"{file}: {_location(raw, reason.absolute_path)}: {message}")
    return problems


# --------------------------------------------------------------------------- loading


def country_file(code: str, data_dir: Path | None = None) -> Path:
    return Path(data_dir or DATA_DIR) / COUNTRIES_DIR / f"{code}.yml"


def available_countries(data_dir: Path | None = None) -> list[str]:
    folder = Path(data_dir or DATA_DIR) / COUNTRIES_DIR
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def _read(path: Path) -> dict:
    if not path.exists():
        raise CountryDataError(f"{_rel(path)} is missing: the site needs its country data (LOCALIZING.md, "
                               "\"Adapt the site to your country\")")
    try:
        return read_yaml_mapping(path, _rel(path))
    except YamlFileError as error:
        raise CountryDataError(str(error)) from None


def _phone_problems(phones: list[Phone], raw_phones: list, where: str, region: str | None) -> list[str]:
    import phonenumbers

    problems = []
    for index, (phone, raw) in enumerate(zip(phones, raw_phones)):
        pwhere = f"{where} `phones[{index}]`"
        if "e164" in raw:
            number = phonenumbers.parse(phone.dial)
            if region and region in phonenumbers.SUPPORTED_REGIONS:
                if not phonenumbers.is_valid_number_for_region(number, region):
                    problems.append(f"{pwhere}: {phone.dial} is not a valid {region} number (phonenumbers); "
                                    "check it against the source")
            elif region is None and not phonenumbers.is_valid_number(number):
                problems.append(f"{pwhere}: {phone.dial} is not a valid phone number (phonenumbers)")
            elif not phonenumbers.is_possible_number(number):
                problems.append(f"{pwhere}: {phone.dial} is not a possible phone number (phonenumbers)")
            if re.sub(r"\D", "", phone.display)[-6:] != phone.dial[-6:]:
                problems.append(f"{pwhere}: display {phone.display!r} does not end with the same digits as {phone.dial!r}")
        elif region and region in phonenumbers.SUPPORTED_REGIONS:
            if not phonenumbers.is_valid_short_number_for_region(phonenumbers.parse(phone.dial, region), region):
                problems.append(f"{pwhere}: {phone.dial} is not a valid short code in {region} (phonenumbers); "
                                "check it against the source")
        if "short" in raw and re.sub(r"\D", "", phone.display) != phone.dial:
            problems.append(f"{pwhere}: display {phone.display!r} does not show the digits {phone.dial!r}")
    return problems


def _contacts(items: list, file: str, group: str, region: str | None, role_names: dict[str, Role],
              today: _dt.date, problems: list[str]) -> list[Contact]:
    contacts, seen = [], set()
    for raw in items:
        cid = raw["id"]
        where = f"{file}: contact {cid!r}"
        if cid in seen:
            problems.append(f"{where}: the id is used twice; ids must be unique")
        seen.add(cid)
        for key in TEXT_KEYS:
            for text in texts(raw.get(key)):
                for match in PHONE_IN_TEXT.finditer(MARKER.sub("", text).replace("{phone}", "")):
                    problems.append(f"{where} `{key}`: writes the phone number {match.group(0)!r} into text; "
                                    "put numbers under `phones` (texts may use [[phone ROLE]] or {phone})")
        contact_roles = list(raw.get("roles") or [])
        if group == "international" and contact_roles:
            problems.append(f"{where}: international contacts have no roles (pages ask the country's contacts by role)")
        if group == "country" and raw.get("serves"):
            problems.append(f"{where} `serves`: only international contacts say which country they serve")
        for role in contact_roles:
            if role not in role_names:
                problems.append(f"{where} `roles`: unknown role {role!r}; known roles: {', '.join(role_names)} "
                                "(data/roles.yml)")
        phones = [Phone(str(p.get("short") or p.get("e164")), str(p["display"]), p.get("label"), p.get("note"))
                  for p in raw.get("phones") or []]
        problems += _phone_problems(phones, raw.get("phones") or [], where, region)
        online = raw.get("online") or {}
        for text in texts(online.get("text")):
            if "{link}" not in text:
                problems.append(f"{where} `online.text`: {text!r} must contain {{link}} where the link goes")
        if raw["verified_on"] > today:
            problems.append(f"{where} `verified_on`: {raw['verified_on']} is in the future")
        contacts.append(Contact(cid, file, group, raw, contact_roles if group == "country" else [], phones))
    return contacts


def load(code: str | None = None, data_dir: Path | None = None, today: _dt.date | None = None) -> CountryData:
    """Read and validate the country's file and the international contacts; every problem at once.

    `code` defaults to the country mkdocs.yml names (`extra.country`)."""
    from . import project

    data_dir = Path(data_dir or DATA_DIR)
    today = today or _dt.date.today()
    if code is None:
        try:
            code = project.country_code()
        except project.SettingsError as error:
            raise CountryDataError(str(error)) from None
    path = country_file(code, data_dir)
    if not path.exists():
        others = ", ".join(available_countries(data_dir)) or "none"
        raise CountryDataError(f"{_rel(path)} is missing: mkdocs.yml serves the country {code!r} (extra.country); "
                               f"data/countries/ has: {others}. Add the file (LOCALIZING.md, \"Adapt the site to "
                               "your country\") or fix the code")
    international_path = data_dir / INTERNATIONAL_FILE
    files = {"country": _rel(path), "international": _rel(international_path)}
    raw = _read(path)
    raw_int = _read(international_path) if international_path.exists() else {"contacts": []}
    overlay_problems = apply_translations(data_dir, {files["country"]: raw, files["international"]: raw_int})
    try:
        schema = _schema(str(data_dir))
    except YamlFileError as error:
        raise CountryDataError(str(error)) from None
    role_names = roles(data_dir)
    international_schema = {"$defs": schema["$defs"], "type": "object", "additionalProperties": False,
                            "properties": {"contacts": {"type": "array", "items": {"$ref": "#/$defs/contact"}},
                                           "more_sources": schema["properties"]["more_sources"]}}
    problems = _schema_problems(raw, schema, files["country"]) + \
        _schema_problems(raw_int, international_schema, files["international"]) + overlay_problems
    if problems:  # the checks below rely on the shape
        raise CountryDataError("country data is invalid:\n  " + "\n  ".join(problems))

    file = files["country"]
    if raw["country"]["code"] != code:
        problems.append(f"{file} `country.code`: says {raw['country']['code']!r}; the file of {code!r} must say {code!r}")
    contacts = _contacts(raw["contacts"], file, "country", code, role_names, today, problems)
    # An international contact for the very country the site serves (Childline on a UK site)
    # is the country file's business: leave it out rather than list it twice.
    international = _contacts([c for c in raw_int.get("contacts") or [] if c.get("serves") != code],
                             files["international"], "international", None, role_names, today, problems)
    ids = {c.id for c in contacts}
    for contact in international:
        if contact.id in ids:
            problems.append(f"{files['international']}: contact {contact.id!r} has the same id as one in {file}")
    present = {role for c in contacts for role in c.roles}
    for role in role_names.values():
        if role.required and role.name not in present:
            problems.append(f"{file}: no contact has the role `{role.name}` ({role.description}); every country "
                            "needs one (data/roles.yml)")
    for cid in raw["print_line"]:
        contact = next((c for c in contacts if c.id == cid), None)
        if contact is None:
            problems.append(f"{file} `print_line`: names {cid!r}, which is not a contact id in this file")
        elif not contact.phones:
            problems.append(f"{file} `print_line`: names {cid!r}, which has no phone number to print")
    notes = raw.get("international_notes") or {}
    for cid in notes:
        if not any(c.id == cid for c in international):
            problems.append(f"{file} `international_notes`: names {cid!r}, which is not in {files['international']}")
    first = list(raw.get("international_first") or [])
    for cid in first:
        if not any(c.id == cid for c in international):
            problems.append(f"{file} `international_first`: names {cid!r}, which is not in {files['international']}"
                            + (" for this country (its `serves:` leaves it out here)"
                               if any(c.get("id") == cid for c in raw_int.get("contacts") or []) else ""))
    # The ones the country lists first, in its order; the rest in data/international.yml's order.
    international.sort(key=lambda c: first.index(c.id) if c.id in first else len(first))
    if problems:
        raise CountryDataError("country data is invalid:\n  " + "\n  ".join(problems))
    more = {"country": raw.get("more_sources") or [], "international": raw_int.get("more_sources") or []}
    words = raw["country"].get("words") or {}
    return CountryData(code, raw["country"]["name"], words, raw["quick_exit_url"], list(raw["print_line"]),
                       contacts, international, more, notes, files, role_names)


# --------------------------------------------------------------------------- translations


def translations_file(locale: str, data_dir: Path | None = None) -> Path:
    return Path(data_dir or DATA_DIR) / TRANSLATIONS_DIR / f"{locale}.yml"


def _text_slot(raw: dict, cid: str, key: str):
    """(mapping, key) holding the text `key` of contact `cid` ("_file": the file's own texts),
    e.g. ("sources[0].title") -> (raw contact's sources[0], "title"); None if there is none."""
    if cid == "_file":
        holder = raw
    else:
        holder = next((c for c in raw.get("contacts") or [] if isinstance(c, dict) and c.get("id") == cid), None)
    parts = re.findall(r"([^.\[\]]+)|\[(\d+)\]", key)
    for name, index in parts[:-1]:
        if holder is None:
            return None
        holder = holder[int(index)] if index and isinstance(holder, list) and int(index) < len(holder) else \
            holder.get(name) if not index and isinstance(holder, dict) else None
    if holder is None or not parts or parts[-1][1] or not isinstance(holder, dict):
        return None
    return holder, parts[-1][0]


def apply_translations(data_dir: Path, raws: dict[str, dict]) -> list[str]:
    """Add each data/translations/<locale>.yml's texts to the data read from the files it
    names: a site's texts in a language for data files it does not own (data/international.yml,
    another country's file), kept out of those files so that upstream's changes to them
    merge without conflicts. Only texts given per language can get one more; a value
    starting with TODO is a stub (not translated yet) and is left out."""
    problems = []
    folder = Path(data_dir) / TRANSLATIONS_DIR
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        locale, shown = path.stem, _rel(path)
        try:
            overlay = read_yaml_mapping(path, shown)
        except YamlFileError as error:
            problems.append(str(error))
            continue
        for file, contacts in overlay.items():
            if file not in raws:
                continue  # another country's file, not the one this site serves
            if not isinstance(contacts, dict):
                problems.append(f"{shown}: `{file}` must map contact ids to their texts")
                continue
            for cid, keys in contacts.items():
                for key, text in (keys or {}).items():
                    where = f"{shown}: {file} {'file' if cid == '_file' else f'contact {cid!r}'} `{key}`"
                    slot = _text_slot(raws[file], str(cid), str(key))
                    if slot is None or not isinstance(slot[0].get(slot[1]), dict):
                        problems.append(f"{where}: {file} has no text given per language there "
                                        "(check the contact id and key against that file)")
                    elif not isinstance(text, str):
                        problems.append(f"{where}: expected a text")
                    elif not text.strip().startswith(TODO):
                        slot[0][slot[1]] = {**slot[0][slot[1]], locale: text}
    return problems


@lru_cache(maxsize=4)
def load_cached(code: str | None = None, data_dir: str | None = None) -> CountryData:
    return load(code, Path(data_dir) if data_dir else None)


def parse_country_text(text: str, shown_as: str) -> dict:
    """A country file's text as the loader reads it (for tests that check one)."""
    return parse_yaml(text, shown_as)


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class MissingText:
    """A text of the data with no version in a language: where it is, and the default language's."""

    file: str
    contact: str  # the contact's id, or "_file" for the file's own texts
    key: str  # "for", "online.text", "sources[0].title", "country.name"
    source: str  # the text in the default language

    def __str__(self) -> str:
        owner = "file" if self.contact == "_file" else f"contact {self.contact!r}"
        return f"{self.file}: {owner} `{self.key}`"


def missing_texts(data: CountryData, locale: str, source_locale: str = "en") -> list[MissingText]:
    """Every text the data gives per language but not in `locale`."""
    found = []

    def check(value, file, contact, key):
        if isinstance(value, dict) and locale not in value:
            source = value.get(source_locale) or next(iter(value.values()))
            found.append(MissingText(file, contact, key, source))

    check(data.name, data.files["country"], "_file", "country.name")
    for contact in data.all_contacts():
        for key in TEXT_KEYS:
            check(contact.get(key), contact.file, contact.id, key)
        online = contact.get("online") or {}
        for key in ("label", "text"):
            check(online.get(key), contact.file, contact.id, f"online.{key}")
        for index, phone in enumerate(contact.phones):
            check(phone.label, contact.file, contact.id, f"phones[{index}].label")
            check(phone.note, contact.file, contact.id, f"phones[{index}].note")
        for index, source in enumerate(contact.get("sources") or []):
            check(source.get("title"), contact.file, contact.id, f"sources[{index}].title")
    for cid, text in data.international_notes.items():
        check(text, data.files["country"], "_file", f"international_notes.{cid}")
    for group, sources in data.more_sources.items():
        for index, source in enumerate(sources):
            check(source.get("title"), data.files[group], "_file", f"more_sources[{index}].title")
    return found


def stale_contacts(data: CountryData, today: _dt.date | None = None) -> list[Contact]:
    today = today or _dt.date.today()
    return [c for c in data.all_contacts() if (today - c.get("verified_on")).days > STALE_AFTER_DAYS]
