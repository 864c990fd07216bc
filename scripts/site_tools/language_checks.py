"""Per-language data for the content checks: tests/data/languages/<locale>.yml.

Some checks need words of a language: the phrases that show a point of NMHH's article is
covered, the queries that must find a page in search. They live as data, one file per
language, so a fork that adds or removes a language never edits test code. A language
without a file (or without a key in it) is not covered by that check: the tests report
it as skipped with the file to write, and scripts/translation_status.py lists it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .project import REPO_ROOT

LANGUAGE_DATA_DIR = REPO_ROOT / "tests" / "data" / "languages"

# key -> what the check does with it (shown in reports and skip messages)
CHECKS = {
    "article_points": "each point of NMHH's article has a phrase that must appear on how-grooming-works.md",
    # A list of {query: ..., page: ...}: page is a Markdown path under docs/<locale>/ that the
    # query must find among the first results (tests/test_search.py).
    "search_probes": "queries (inflected forms included) that must find their page in search",
    # Regular expressions (case-insensitive) for words that need a screen ("click", "tap"):
    # no printed sheet may say them (tests/test_paper.py reads the PDFs).
    "paper_words": "words that need a screen (click, tap) and must not be printed on a sheet",
}
# Optional keys: a language without them is fully covered all the same.
OPTIONAL = {
    # Interface strings that are the same as the default language's and correct in this
    # language too (tests/test_interface_language.py), e.g. a brand name kept in English.
    "interface_neutral": "interface strings that are the same in the default language and correct in this one",
}


def data_file(locale: str) -> Path:
    return LANGUAGE_DATA_DIR / f"{locale}.yml"


@lru_cache(maxsize=None)
def load(locale: str) -> dict:
    """The language's check data ({} when it has no file)."""
    import yaml

    path = data_file(locale)
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.relative_to(REPO_ROOT)}: expected a mapping of check names to data")
    unknown = set(data) - set(CHECKS) - set(OPTIONAL)
    if unknown:
        raise ValueError(f"{path.relative_to(REPO_ROOT)}: unknown keys {sorted(unknown)}; "
                         f"known: {sorted(set(CHECKS) | set(OPTIONAL))}")
    return data


def get(locale: str, key: str):
    """The data for one check, or None when the language does not cover it."""
    return load(locale).get(key) or None


def not_covered(locale: str) -> list[str]:
    """Check names the language has no data for."""
    data = load(locale)
    return [key for key in CHECKS if not data.get(key)]


def skip_reason(locale: str, key: str) -> str:
    return (f"{locale}: not covered by this check ({CHECKS[key]}); add `{key}:` to "
            f"{data_file(locale).relative_to(REPO_ROOT)} to cover it")


def material_strings(locale: str) -> dict[str, str]:
    """Material for MkDocs' own interface strings for a language (key -> text), from the
    language file Material ships (partials/languages/<locale>.html, or the file of the
    language part, "pt" for "pt-PT"); {} when Material has none. A file a site adds under
    overrides/ does not count: the scaffold writes the default language's strings there."""
    import json
    import re
    from pathlib import Path

    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for name in (locale, locale.split("-")[0]):
        path = folder / f"{name}.html"
        if path.exists():
            body = path.read_text(encoding="utf-8")
            return {key: json.loads(f'"{value}"') for key, value in
                    re.findall(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', body, flags=re.M)}
    return {}


def interface_neutral(locale: str) -> set[str]:
    """Strings that are correct in this language even though the default language shows the
    same ones: Material's own translation for the language (French "Navigation") and the
    language's `interface_neutral:` list (tests/data/languages/<locale>.yml)."""
    listed = get(locale, "interface_neutral") or []
    if not isinstance(listed, list) or not all(isinstance(value, str) for value in listed):
        raise ValueError(f"{data_file(locale).relative_to(REPO_ROOT)}: `interface_neutral` must be a list of strings")
    return set(material_strings(locale).values()) | set(listed)
