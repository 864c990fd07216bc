"""Every point of the NMHH source article must appear on how-grooming-works.md.

The site's "How online grooming works" page mirrors NMHH's article "How does online
grooming work?" (15 November 2017). This test checks, in each language of mkdocs.yml, that
every point of the article (plus the framing added from NSPCC Learning) is still covered,
so a later edit cannot silently drop one.

The phrases are data: `article_points` in tests/data/languages/<locale>.yml, regular
expressions written for how each point is naturally phrased in that language. A language
without them is reported as not covered (skipped, with the file to write), never failed,
and scripts/translation_status.py lists it.
"""

import re

import pytest

from site_tools import language_checks, project
from site_tools.markdown_outline import body_of

PAGE = "how-grooming-works.md"
KEY = "article_points"
LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]


def _points(locale: str) -> dict:
    return language_checks.get(locale, KEY) or {}


def _page_text(language) -> str:
    """The page as one line of plain-ish text: no front matter, no emphasis marks."""
    text = body_of((language.docs_dir / PAGE).read_text(encoding="utf-8"))
    text = text.replace("’", "'").replace("**", "")
    return re.sub(r"\s+", " ", text)


def _cases():
    for language in LANGUAGES:
        points = _points(language.locale)
        if not points:
            yield pytest.param(language, None, id=f"{language.locale}-not-covered",
                               marks=pytest.mark.skip(reason=language_checks.skip_reason(language.locale, KEY)))
            continue
        for point in points:
            yield pytest.param(language, point, id=f"{language.locale}-{point}")


def test_every_language_names_the_same_points():
    """A translation's data may not drop (or invent) a point of the default language's list."""
    reference = set(_points(DEFAULT.locale))
    assert reference, f"{language_checks.data_file(DEFAULT.locale)}: `{KEY}` is missing for the default language"
    problems = []
    for language in LANGUAGES[1:]:
        points = _points(language.locale)
        if not points:
            continue
        where = language_checks.data_file(language.locale).relative_to(project.REPO_ROOT)
        problems += [f"{where}: `{KEY}` has no entry for {p!r} (the {DEFAULT.locale} file has it)"
                     for p in sorted(reference - set(points))]
        problems += [f"{where}: `{KEY}` has {p!r}, which the {DEFAULT.locale} file does not name"
                     for p in sorted(set(points) - reference)]
        problems += [f"{where}: `{KEY}`: {p!r}: {pattern!r} is not a valid regular expression"
                     for p, patterns in points.items() for pattern in patterns or [] if not _compiles(pattern)]
    assert not problems, "\n".join(problems)


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@pytest.mark.parametrize(("language", "point"), list(_cases()))
def test_article_point_is_covered(language, point):
    path = f"docs/{language.locale}/{PAGE}"
    patterns = _points(language.locale)[point]
    assert patterns, f"{language_checks.data_file(language.locale)}: point {point!r} has no phrase"
    found = any(re.search(p, _page_text(language), flags=re.IGNORECASE) for p in patterns)
    assert found, (
        f"{path}: the article point '{point}' is missing (none of {patterns} matched); "
        f"add a sentence covering it to {path}, or, if it is there in other words, add a phrase "
        f"for it to {language_checks.data_file(language.locale).relative_to(project.REPO_ROOT)}")
