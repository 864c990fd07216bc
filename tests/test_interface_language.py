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
"""

from __future__ import annotations

import pytest

from site_tools import project
from site_tools.built import built_pages, parse_html
from site_tools.checklists import front_matter

LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# Values that are the same in every language on purpose (none today; add with a reason).
LANGUAGE_NEUTRAL: set[str] = set()


def chrome_strings(html_path) -> dict[str, str]:
    """value -> a short description of where it is, for every interface attribute outside the article."""
    soup = parse_html(html_path)
    found = {}
    for element in soup.find_all(True):
        if element.find_parent("article") is not None or element.name == "article":
            continue
        for attribute in ATTRIBUTES:
            value = (element.get(attribute) or "").strip()
            if value and value not in LANGUAGE_NEUTRAL:
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
    for html, default_html, source in pairs:
        ours, theirs = chrome_strings(html), chrome_strings(default_html)
        for value in sorted(set(ours) & set(theirs)):
            problems.append(f"{html.relative_to(site_dir)} ({source}): {ours[value]} is the same as on the "
                            f"{DEFAULT.locale} page; translate it in mkdocs.yml (the {language.locale} block's "
                            "extra.ui, theme.palette or site_name) or in Material's language file")
    if problems and _pending(language):
        pytest.skip(f"{language.locale} is still being translated ({len(_pending(language))} pages pending); "
                    f"interface strings left in {DEFAULT.locale}:\n" + "\n".join(sorted(set(problems))[:20]))
    assert not problems, "\n".join(problems)
