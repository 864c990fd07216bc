"""The help page's contacts must be identical, well-formed and sourced in every language.

docs/en/help.md and docs/hu/help.md list the same helplines and reporting services. A reader
who switches language must get exactly the same numbers, e-mail addresses and web addresses,
so this test compares them as multisets (a link used twice in one file must be used twice in
the other). It also checks that:

* every tel: link is dialable digits only (an optional leading +), e.g. tel:116111,
  tel:+3680205520;
* every external link is https;
* the core Hungarian numbers (112, 116 111, 116 000, 116 123, OKIT 06 80 20 55 20) are there
  as tel: links;
* every ### contact section has a "Last checked" / "Utoljára ellenőrizve" line that links
  its source, so readers can see where a detail came from and how old it is.

Fix failures in the Markdown, in both languages; the messages name the file and line.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = "help.md"
LANGUAGES = ("en", "hu")
FILES = {lang: ROOT / "docs" / lang / PAGE for lang in LANGUAGES}

REQUIRED_TEL = ("tel:112", "tel:116111", "tel:116000", "tel:116123", "tel:+3680205520")
LAST_CHECKED = re.compile(r"(Last checked|Utoljára ellenőrizve)", re.IGNORECASE)

# [text](target) or [text](target "title"); <scheme:...> autolinks. The target may contain
# spaces so that a malformed "tel:+36 80 ..." is still reported rather than silently skipped.
INLINE_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(.*?)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]+)>")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _links(path: Path) -> list[tuple[int, str]]:
    """(line number, target) for every link in the file, skipping fenced code blocks."""
    found = []
    in_fence = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern in (INLINE_LINK, AUTOLINK):
            found.extend((number, match.group(1)) for match in pattern.finditer(line))
    return found


def _is_contact(target: str) -> bool:
    return target.lower().startswith(("tel:", "mailto:", "http://", "https://"))


@pytest.fixture(scope="module")
def links() -> dict[str, list[tuple[int, str]]]:
    missing = [_rel(path) for path in FILES.values() if not path.is_file()]
    assert not missing, f"help page missing: {', '.join(missing)}; every language needs docs/<lang>/{PAGE}"
    return {lang: _links(path) for lang, path in FILES.items()}


def test_same_contacts_in_every_language(links):
    """(a) tel:, mailto: and external links are the same multiset in every language."""
    counts = {lang: Counter(t for _, t in found if _is_contact(t)) for lang, found in links.items()}
    base_lang, base = LANGUAGES[0], counts[LANGUAGES[0]]
    problems = []
    for lang in LANGUAGES[1:]:
        other = counts[lang]
        for name, only in ((_rel(FILES[base_lang]), base - other), (_rel(FILES[lang]), other - base)):
            for target, n in sorted(only.items()):
                lines = [str(num) for num, t in links[base_lang if name == _rel(FILES[base_lang]) else lang] if t == target]
                problems.append(f"  {target} (x{n}) only in {name} (line {', '.join(lines)})")
    assert not problems, (
        f"{_rel(FILES['en'])} and {_rel(FILES['hu'])} must link exactly the same numbers, e-mails and URLs "
        "(same number of times). Add the missing link to the other file, or remove the extra one:\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tel_links_are_digits(links, lang):
    """(b) tel: links are digits with an optional leading +, e.g. tel:+3680205520."""
    bad = [
        f"  {_rel(FILES[lang])}:{num}: {target}"
        for num, target in links[lang]
        if target.lower().startswith("tel:") and not re.fullmatch(r"tel:\+?[0-9]+", target)
    ]
    assert not bad, (
        "tel: links must contain only digits and an optional leading + (no spaces, dashes or letters); "
        "write the number as it is dialled, e.g. [06 80 20 55 20](tel:+3680205520):\n" + "\n".join(bad)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_external_links_are_https(links, lang):
    """(c) every external link is https."""
    bad = [f"  {_rel(FILES[lang])}:{num}: {target}" for num, target in links[lang] if target.lower().startswith("http://")]
    assert not bad, (
        "external links must use https://; if the organisation has no https page, name it without a link:\n"
        + "\n".join(bad)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_required_numbers_present(links, lang):
    """(d) the core Hungarian numbers are present as tel: links."""
    present = {target for _, target in links[lang]}
    missing = [tel for tel in REQUIRED_TEL if tel not in present]
    assert not missing, (
        f"{_rel(FILES[lang])} lacks these tel: links: {', '.join(missing)}. "
        "Add each one to its contact section, e.g. [116 111](tel:116111)."
    )


def _contact_sections(path: Path) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """(heading line, heading text, [(line, text), ...]) for every ### section, up to the next heading."""
    sections = []
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        heading = HEADING.match(line)
        if heading:
            current = None
            if len(heading.group(1)) == 3:
                current = (number, heading.group(2), [])
                sections.append(current)
            continue
        if current is not None:
            current[2].append((number, line))
    return sections


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_contact_has_last_checked_and_source(lang):
    """(e) each ### contact section has a "Last checked" line with an https source link."""
    path = FILES[lang]
    sections = _contact_sections(path)
    assert sections, f"{_rel(path)} has no ### contact sections; give each contact its own ### heading"
    problems = []
    for number, title, body in sections:
        checked = [(n, text) for n, text in body if LAST_CHECKED.search(text)]
        if not checked:
            problems.append(
                f"  {_rel(path)}:{number}: '{title}' has no 'Last checked' / 'Utoljára ellenőrizve' line; "
                "add '- **Last checked:** <month year> · Source: [name](https://...)'"
            )
        elif not any(re.search(r"\]\(https://", text) for _, text in checked):
            n = checked[0][0]
            problems.append(
                f"  {_rel(path)}:{n}: the 'Last checked' line of '{title}' has no https source link; "
                "add 'Source: [name](https://...)' on the same line"
            )
    assert not problems, "every contact must say when it was checked and against which source:\n" + "\n".join(problems)
