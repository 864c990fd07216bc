"""Every interface string a page carries is in the page's language.

Screen readers announce `aria-label`, `title`, `alt` and `placeholder`; an English
"Dark mode" on a Hungarian page is read out in Hungarian pronunciation and makes no sense.
For each language other than the default, this compares the site chrome (everything
outside the article) of every page with the same page in the default language: a value
that appears in both is an interface string left in the default language.

Where they come from: our strings are in mkdocs.yml (the language's `extra.ui`, its
`theme.palette` toggle names, `site_name`); Material's own are in its language files
(overrides/partials/languages/<code>.html for a language Material lacks). A language that
is still being translated (some pages marked `translation_status: untranslated`) is
reported as skipped with the list of strings left, not failed.

A value that is the same word in both languages is not a leftover when the data says it is
the language's own (site_tools.language_checks.interface_neutral): Material's own
translation for the language (French "Navigation"), the language's `interface_neutral:` list
in tests/data/languages/<code>.yml, the country's name in the language, and the headings of
the page itself, which Material repeats in the table of contents' labels ("Sources",
"International"). A fork never edits this file.
"""

from __future__ import annotations

import pytest

from site_tools import country_data, language_checks, project
from site_tools.built import built_pages, parse_html
from site_tools.checklists import front_matter

LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# Unicode's isolate marks: hooks/text_direction.py puts them around numbers in the table of
# contents of right-to-left pages.
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def _plain(value: str) -> str:
    return " ".join(value.translate(_ISOLATES).split())


def language_neutral(locale: str) -> set[str]:
    """Values that are correct in this language even when the default language's page shows
    them too (the module docstring says where they come from)."""
    name = country_data.load_cached().name  # {"en": ..., "fr": ...} or one name for every language
    names = {name.get(locale)} - {None} if isinstance(name, dict) else {name}
    return {_plain(value) for value in language_checks.interface_neutral(locale) | names}


def headings(soup) -> set[str]:
    """The page's own headings (Material repeats them as the table of contents' labels)."""
    article = soup.find("article")
    return {_plain(h.get_text(" ")) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])} if article else set()


def chrome_strings(html_path, neutral: set[str] = frozenset()) -> dict[str, str]:
    """value -> a short description of where it is, for every interface attribute outside the
    article, except `neutral` values and the page's own headings."""
    soup = parse_html(html_path)
    own = headings(soup)
    found = {}
    for element in soup.find_all(True):
        if element.find_parent("article") is not None or element.name == "article":
            continue
        for attribute in ATTRIBUTES:
            value = _plain(element.get(attribute) or "")
            if value and value not in neutral and value not in own:
                found.setdefault(value, f'<{element.name} {attribute}="{value}">')
    return found


def _pending(language) -> list[str]:
    return [page for page in project.page_paths(language)
            if front_matter(language.docs_dir / page).get("translation_status") == "untranslated"]


@pytest.mark.parametrize("language", LANGUAGES[1:], ids=[lang.locale for lang in LANGUAGES[1:]])
def test_interface_strings_are_in_the_page_language(site_dir, language):
    default_pages = {p.source: p for p in built_pages(site_dir, [DEFAULT])}
    problems = []
    pairs = [(p.html_path, default_pages[p.source].html_path, p.source_file)
             for p in built_pages(site_dir, [language]) if p.source in default_pages]
    pairs.append((site_dir / language.site_prefix / "404.html", site_dir / "404.html", "404 page"))
    neutral = language_neutral(language.locale)
    for html, default_html, source in pairs:
        ours, theirs = chrome_strings(html, neutral), chrome_strings(default_html)
        for value in sorted(set(ours) & set(theirs)):
            problems.append(f"{html.relative_to(site_dir)} ({source}): {ours[value]} is the same as on the "
                            f"{DEFAULT.locale} page; translate it in config/languages/{language.locale}.yml "
                            "(extra.ui, theme.palette, nav_translations or site_name) or in Material's language "
                            f"file, or, if it is the right word in {language.locale} too, add it to `interface_neutral:` "
                            f"in {language_checks.data_file(language.locale).relative_to(project.REPO_ROOT)}")
    if problems and _pending(language):
        pytest.skip(f"{language.locale} is still being translated ({len(_pending(language))} pages pending); "
                    f"interface strings left in {DEFAULT.locale}:\n" + "\n".join(sorted(set(problems))[:20]))
    assert not problems, "\n".join(problems)


def test_words_that_are_the_languages_own_are_neutral(monkeypatch):
    """The neutral words come from data, so no fork edits this test: Material's own French
    "Navigation", a language's `interface_neutral:` list, the page's own headings."""
    assert language_checks.material_strings("fr").get("nav") == "Navigation", (
        "Material's French language file no longer says 'Navigation' for `nav`: read "
        "site_tools/language_checks.py (material_strings) against the installed Material")
    assert "Navigation" in language_checks.interface_neutral("fr")
    monkeypatch.setattr(language_checks, "get", lambda locale, key: ["Kids Help Phone"] if key == "interface_neutral" else None)
    assert "Kids Help Phone" in language_checks.interface_neutral("fr")
    from bs4 import BeautifulSoup

    page = BeautifulSoup('<nav aria-label="Sources"></nav><article><h2 id="sources">Sources</h2></article>'
                         '<nav aria-label="Dark mode"></nav>', "html.parser")
    assert headings(page) == {"Sources"}
