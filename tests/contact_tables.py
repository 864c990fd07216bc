"""Literal expected values for the contacts a reader sees, read from tests/data/contacts/:
numbers, tel: targets, rendered marker lines and print lines, for the real Hungarian data
(HU.yml), the fictional fork country (XR.yml) and the international contacts.

The values are written out by hand in those files on purpose, never computed by the loader
or the renderer they check: a loader that gave every contact the same number would compute
the same wrong expectation. A fork adds tests/data/contacts/<its CODE>.yml (test data, like
tests/data/languages/); until then the tests that need it are skipped, naming the file.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path

import yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "fork" / "XR.yml"
TABLES_DIR = Path(__file__).resolve().parent / "data" / "contacts"


def table_file(code: str) -> str:
    return f"tests/data/contacts/{code}.yml"


def _load() -> dict[str, dict]:
    tables = {}
    for path in sorted(TABLES_DIR.glob("*.yml")):
        tables[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tables


_TABLES = _load()
# Country code -> contact id -> [(number as shown, link target)] of every tel: link in its Help entry.
HELP_ENTRIES: dict[str, dict[str, list[tuple[str, str]]]] = {
    code: {cid: [tuple(pair) for pair in numbers] for cid, numbers in (table.get("help_entries") or {}).items()}
    for code, table in _TABLES.items() if code != "international"}
INTERNATIONAL_ENTRIES: dict[str, list[tuple[str, str]]] = HELP_ENTRIES.pop("international", None) or {
    cid: [tuple(pair) for pair in numbers]
    for cid, numbers in (_TABLES.get("international", {}).get("help_entries") or {}).items()}


@lru_cache(maxsize=1)
def _served_by() -> dict[str, str]:
    """International contact id -> the country whose own file lists it (`serves:`)."""
    raw = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "international.yml").read_text(encoding="utf-8"))
    return {contact["id"]: contact["serves"] for contact in raw.get("contacts") or [] if contact.get("serves")}


def international_entries(code: str) -> dict[str, list[tuple[str, str]]]:
    """The international entries a site serving `code` shows: those with `serves: <code>` in
    data/international.yml are left out there (the country's own file lists them)."""
    serving = {cid for cid, country in _served_by().items() if country == code}
    return {cid: numbers for cid, numbers in INTERNATIONAL_ENTRIES.items() if cid not in serving}


# (country, language) -> marker -> the Markdown it becomes on docs/<language>/parents/what-to-do.md.
MARKER_LINES: dict[tuple[str, str], dict[str, str]] = {
    (code, language): lines for code, table in _TABLES.items()
    for language, lines in (table.get("marker_lines") or {}).items()}
# (country, language) -> the line printed under every checklist.
PRINT_LINES: dict[tuple[str, str], str] = {
    (code, language): line for code, table in _TABLES.items()
    for language, line in (table.get("print_lines") or {}).items()}
# The interface strings a Slovak fork would write, for the fixture country's sk lines.
SK_UI: dict[str, str] = (_TABLES.get("XR", {}).get("interface_strings") or {}).get("sk", {})


def fixture_data_dir(target: Path, source_data: Path) -> Path:
    """A data folder whose only country is the fictional XR (tests/fixtures/fork/XR.yml),
    with the project's roles, schema and international contacts."""
    target.mkdir(parents=True)
    for name in ("roles.yml", "international.yml"):
        shutil.copy2(source_data / name, target / name)
    shutil.copytree(source_data / "schema", target / "schema")
    (target / "countries").mkdir()
    shutil.copy2(FIXTURE, target / "countries" / "XR.yml")
    return target


def _shown(number: str, text: str) -> bool:
    """Is this displayed number in the text, as a number of its own (not part of another)?"""
    return re.search(rf"(?<![\d+])(?<!\d )(?<!\d-){re.escape(number)}(?!\d)(?! \d)(?!-\d)", text) is not None


def help_entry_problems(soup, where: str, expected: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Each Help entry (an <h3 id=contact> and what follows it up to the next heading) links
    exactly its own numbers and shows no other contact's number."""
    every = {display for numbers in expected.values() for display, _ in numbers}
    problems = []
    for contact_id, numbers in expected.items():
        heading = soup.find(id=contact_id)
        if heading is None:
            problems.append(f"{where}: no Help entry with id {contact_id!r} (is the contact gone from the data? "
                            "then update tests/data/contacts/)")
            continue
        parts = [heading]
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h1", "h2", "h3"):
                break
            parts.append(sibling)
        links = sorted((" ".join(a.get_text(" ").split()), a["href"])
                       for part in parts for a in part.select('a[href^="tel:"]'))
        if links != sorted(numbers):
            problems.append(f"{where}: entry #{contact_id} links {links}, expected exactly {sorted(numbers)} "
                            "(tests/data/contacts/)")
        text = " ".join(" ".join(part.get_text(" ").split()) for part in parts)
        own = {display for display, _ in numbers}
        others = sorted(display for display in every - own if _shown(display, text))
        if others:
            problems.append(f"{where}: entry #{contact_id} shows {others}, which belong to other contacts")
    return problems
