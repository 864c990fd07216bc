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
    unknown = set(data) - set(CHECKS)
    if unknown:
        raise ValueError(f"{path.relative_to(REPO_ROOT)}: unknown keys {sorted(unknown)}; known: {sorted(CHECKS)}")
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
