"""Literal expected values for the contacts a reader sees: numbers, tel: targets, rendered
marker lines and print lines, for the real Hungarian data (data/countries/HU.yml) and the
fictional fork country (tests/fixtures/fork/XR.yml).

These are written out by hand on purpose, never computed by the loader or the renderer
they check: a loader that gave every contact the same number would compute the same wrong
expectation. When the data changes (a new number, a renamed helpline), update the value
here deliberately, after checking the new one against its source; a failure that you did
not expect means a reader would see a wrong number.

A fork adds its own country's tables here (its code as the key); until then the tests that
need them are skipped, naming this file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "fork" / "XR.yml"

# Contact id -> (number as shown, link target) of every tel: link in its Help page entry,
# in any order. Nothing else may be linked or shown there.
HELP_ENTRIES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "HU": {
        "emergency": [("112", "tel:112")],
        "kek-vonal": [("116 111", "tel:116111")],
        "missing-children": [("116 000", "tel:116000")],
        "internet-hotline": [],
        "biztonsagos-internet-hotline": [],
        # Its text says "not for emergencies: call [[phone emergency]] instead".
        "police": [("112", "tel:112")],
        "okit": [("06 80 20 55 20", "tel:+3680205520")],
        "lesz": [("116 123", "tel:116123"), ("06 80 810 600", "tel:+3680810600")],
    },
    "XR": {
        "emergency": [("07700 900999", "tel:+447700900999")],
        "childline-xr": [("07700 900111", "tel:+447700900111")],
        "stopline-xr": [],
        # Its text says "in an emergency call [[phone emergency]]".
        "police-xr": [("07700 900158", "tel:+447700900158"), ("07700 900999", "tel:+447700900999")],
        "parents-line-xr": [("07700 900123", "tel:+447700900123")],
    },
}
# data/international.yml (every site keeps it): the same on every site.
INTERNATIONAL_ENTRIES: dict[str, list[tuple[str, str]]] = {
    "eu-116-111": [("116 111", "tel:116111")],
    "inhope": [],
    "ceop": [("999", "tel:999")],
    "childline": [("0800 1111", "tel:+448001111")],
    "cybertipline": [("1-800-843-5678", "tel:+18008435678")],
    "take-it-down": [],
    "stopncii": [],
    "esafety": [("000", "tel:000")],
    "accce": [],
}

# (country, language) -> marker -> the Markdown it becomes on docs/<language>/parents/what-to-do.md.
# Numbers and web addresses come isolated left to right (<bdi dir="ltr">, site_tools.country.isolate_ltr):
# after Arabic or Hebrew text a number's groups would otherwise be reordered.
MARKER_LINES: dict[tuple[str, str], dict[str, str]] = {
    ("HU", "en"): {
        "[[contact child-helpline]]": "[Kék Vonal](../help.md#kek-vonal) on [<bdi dir=\"ltr\">116 111</bdi>](tel:116111)",
        "[[phone emergency]]": "[<bdi dir=\"ltr\">112</bdi>](tel:112)",
        "[[contact adult-support]]": "[LESZ](../help.md#lesz) on [<bdi dir=\"ltr\">116 123</bdi>](tel:116123)",
        "[[contact abuse-at-home]]": "[OKIT](../help.md#okit) on [<bdi dir=\"ltr\">06 80 20 55 20</bdi>](tel:+3680205520)",
        "[[contact missing-children]]": "[Missing children hotline](../help.md#missing-children) on [<bdi dir=\"ltr\">116 000</bdi>](tel:116000)",
        "[[contact police]]": "[police online submissions](../help.md#police)",
        "[[name hotline]]": "[NMHH Internet Hotline](../help.md#internet-hotline) or "
                            "[Biztonságos Internet Hotline](../help.md#biztonsagos-internet-hotline)",
        "[[summary child-helpline]]": "free and anonymous, day and night, for anyone up to 24",
        "[[country]]": "Hungary",
    },
    ("HU", "hu"): {
        "[[contact child-helpline]]": "[Kék Vonal](../help.md#kek-vonal) ([<bdi dir=\"ltr\">116 111</bdi>](tel:116111))",
        "[[phone emergency]]": "[<bdi dir=\"ltr\">112</bdi>](tel:112)",
        "[[contact adult-support]]": "[LESZ](../help.md#lesz) ([<bdi dir=\"ltr\">116 123</bdi>](tel:116123))",
        "[[contact abuse-at-home]]": "[OKIT](../help.md#okit) ([<bdi dir=\"ltr\">06 80 20 55 20</bdi>](tel:+3680205520))",
        "[[contact missing-children]]": "[Eltűnt gyermekek forródrótja](../help.md#missing-children) ([<bdi dir=\"ltr\">116 000</bdi>](tel:116000))",
        "[[contact police]]": "[police.hu – Beadványtétel](../help.md#police)",
        "[[summary child-helpline]]": "24 éves korig bárki hívhatja ingyenesen és névtelenül, éjjel-nappal",
        "[[country]]": "Magyarország",
    },
    ("XR", "en"): {
        "[[contact child-helpline]]": "[Ruritanian Childline](../help.md#childline-xr) on [<bdi dir=\"ltr\">07700 900111</bdi>](tel:+447700900111)",
        "[[phone emergency]]": "[<bdi dir=\"ltr\">07700 900999</bdi>](tel:+447700900999)",
        "[[contact police]]": "[Ruritanian police](../help.md#police-xr) on [<bdi dir=\"ltr\">07700 900158</bdi>](tel:+447700900158)",
        "[[contact adult-support]]": "[Parents' Line Ruritania](../help.md#parents-line-xr) on "
                                     "[<bdi dir=\"ltr\">07700 900123</bdi>](tel:+447700900123)",
        "[[contact hotline]]": "[Stopline Ruritania](../help.md#stopline-xr)",
        "[[reach hotline]]": "[Stopline Ruritania](../help.md#stopline-xr): [<bdi dir=\"ltr\">stopline.example/report</bdi>](https://stopline.example/report)",
        "[[reach child-helpline]]": "[Ruritanian Childline](../help.md#childline-xr): [<bdi dir=\"ltr\">07700 900111</bdi>](tel:+447700900111)",
        "[[summary child-helpline]]": "free and anonymous, day and night",
        "[[country]]": "Ruritania",
    },
    # With SK_UI below (the interface strings a Slovak fork would write).
    ("XR", "sk"): {
        "[[contact child-helpline]]": "[Ruritanian Childline](../help.md#childline-xr) na čísle [<bdi dir=\"ltr\">07700 900111</bdi>](tel:+447700900111)",
        "[[phone emergency]]": "[<bdi dir=\"ltr\">07700 900999</bdi>](tel:+447700900999)",
        "[[contact police]]": "[ruritánska polícia](../help.md#police-xr) na čísle [<bdi dir=\"ltr\">07700 900158</bdi>](tel:+447700900158)",
        "[[contact emergency]]": "[Tiesňové volanie](../help.md#emergency) na čísle [<bdi dir=\"ltr\">07700 900999</bdi>](tel:+447700900999)",
        "[[summary adult-support]]": "bezplatná podpora pre dospelých",
        "[[country]]": "Ruritánia",
    },
}
SK_UI = {"contact_with_phone": "{name} na čísle {phone}", "contact_or": "alebo",
         "print_contact": "{name}: {phone}, {summary}", "print_contact_short": "{name}: {phone}"}

# (country, language) -> the line printed under every checklist (partials/print-footer.html).
PRINT_LINES: dict[tuple[str, str], str] = {
    ("HU", "en"): "Emergency: 112 · Kék Vonal child helpline (Hungary): 116 111, free, 24/7",
    ("HU", "hu"): "Segélyhívó: 112 · Kék Vonal: 116 111 (ingyenes, éjjel-nappal)",
    ("XR", "en"): "Emergency: 07700 900999 · Ruritanian Childline: 07700 900111, free, 24/7",
    # With SK_UI, and in the fork drill (whose sk strings are still the English ones it was
    # scaffolded with): the same template, "{name}: {phone}, {summary}".
    ("XR", "sk"): "Tiesňové volanie: 07700 900999 · Ruritanian Childline: 07700 900111, bezplatne, nonstop",
}


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
                            "then update tests/contact_tables.py)")
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
                            "(tests/contact_tables.py)")
        text = " ".join(" ".join(part.get_text(" ").split()) for part in parts)
        own = {display for display, _ in numbers}
        others = sorted(display for display in every - own if _shown(display, text))
        if others:
            problems.append(f"{where}: entry #{contact_id} shows {others}, which belong to other contacts")
    return problems
