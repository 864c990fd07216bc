"""Issue 5: every translation has the structure of the default language, on the Markdown sources.

Per page: the same heading outline (levels, order, explicit {#id}s), the same number of
checklist items per section, the same internal link targets, the same phone numbers, e-mail
addresses and external URLs (as multisets), the same images and the same front-matter keys.
Per language: every nav title translated, the same keys in `extra`. Everywhere: a
`description`, and an explicit id on every ##/### heading.

The page set itself is tests/test_site_build.py::test_every_page_exists_in_every_language.
Pages marked `translation_status: untranslated` (scaffolded by scripts/new_language.py) are
pending: they are not checked here, and the end of the test run lists them (conftest.py). Failures name both files and the
first line where they differ; LOCALIZING.md explains what may and may not be translated.
"""

from __future__ import annotations

import re

import pytest

from site_tools import parity, project
from site_tools.markdown_outline import is_valid_hash, outline_text, set_front_matter_values

LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]
TRANSLATIONS = LANGUAGES[1:]
CONFIG = project.load_mkdocs_config()


def _pairs(language):
    return parity.page_pairs(language, DEFAULT)


def _outlines(language):
    return [parity.outline_of(language, page) for page in project.page_paths(language)]


@pytest.mark.parametrize("check", list(parity.PAGE_CHECKS), ids=lambda c: c.replace(" ", "-"))
@pytest.mark.parametrize("language", TRANSLATIONS, ids=lambda l: l.locale)
def test_page_structure_matches_the_default_language(language, check):
    problems = []
    for pair in _pairs(language):
        problems += parity.check_pair(pair, check)
    assert not problems, (
        f"{check} differ between {DEFAULT.locale} and {language.locale} "
        "(fix the translation, or the English page if it is the one that is wrong):\n" + "\n".join(problems))


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda l: l.locale)
def test_section_headings_have_explicit_ids(language):
    """Links point at ## and ### headings; an explicit id keeps them working in every language."""
    missing = [f"{outline.where(h.line)} {h.show()}"
               for outline in _outlines(language) for h in outline.headings if h.level in (2, 3) and not h.id]
    assert not missing, (
        "Give every ## and ### heading an explicit id, written in English and identical in every "
        "language, e.g. `## Where to start {#where-to-start}`:\n" + "\n".join(missing))


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda l: l.locale)
def test_every_page_has_a_description(language):
    problems = []
    for outline in _outlines(language):
        if outline.front_matter.error:
            problems.append(f"{outline.path}: {outline.front_matter.error}")
        elif not str(outline.meta.get("description") or "").strip():
            problems.append(f"{outline.path}: no `description:` in the front matter (one sentence, "
                            "shown in search results and link previews)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATIONS, ids=lambda l: l.locale)
def test_every_nav_title_is_translated(language):
    problems = parity.check_nav_translations(parity.nav_titles(CONFIG.nav), language)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATIONS, ids=lambda l: l.locale)
def test_extra_has_the_same_keys_in_every_language(language):
    problems = parity.check_extra_keys(DEFAULT, language)
    assert not problems, "\n".join(problems)


def test_translation_bookkeeping_is_well_formed():
    """translation_status / source_commit / source_hash hold values the tools understand."""
    problems = []
    for outline in _outlines(DEFAULT):
        for key in parity.L10N_KEYS:
            if key in outline.meta:
                problems.append(f"{outline.path}: `{key}` belongs only in translations; remove it")
    for language in TRANSLATIONS:
        for outline in _outlines(language):
            meta = outline.meta
            if "translation_status" in meta and meta["translation_status"] != parity.UNTRANSLATED:
                problems.append(f"{outline.path}: translation_status must be `{parity.UNTRANSLATED}` or absent "
                                f"(delete the line once the page is translated), not {meta['translation_status']!r}")
            if "source_hash" in meta and not is_valid_hash(meta["source_hash"]):
                problems.append(f"{outline.path}: source_hash {meta['source_hash']!r} is not `sha256:<64 hex>`; "
                                f"re-stamp: scripts/translation_status.py stamp {outline.page} --lang {language.locale} --write")
            commit = meta.get("source_commit")
            if commit is not None and not re.fullmatch(r"[0-9a-f]{40}", str(commit)):
                problems.append(f"{outline.path}: source_commit {commit!r} is not a full 40-character commit id; "
                                f"re-stamp: scripts/translation_status.py stamp {outline.page} --lang {language.locale} --write")
    assert not problems, "\n".join(problems)


# For each parity check, a change to a page that the check must catch.
PLANTED = {
    "headings": lambda text: text + "\n## Planted {#planted}\n",
    "checklist items": lambda text: text + "\n- [ ] planted item\n",
    "internal links": lambda text: text + "\n[a planted link](about.md#planted)\n",
    "contacts and URLs": lambda text: text + "\n[planted number](tel:+3612345678)\n",
    "images": lambda text: text + "\n![planted](planted.png)\n",
    "front matter keys": lambda text: set_front_matter_values(text, {"planted_key": "x"}),
    "contact markers": lambda text: text + "\nCall [[phone emergency]].\n",
    "country and role passages": lambda text: text + "\n<!-- country: XR: planted -->\nPlanted.\n<!-- /country -->\n",
}


@pytest.mark.parametrize("check", list(parity.PAGE_CHECKS), ids=lambda c: c.replace(" ", "-"))
def test_pending_pages_are_skipped_not_failed(check):
    """Partially translated languages are first-class: a scaffolded page (an English copy with
    `translation_status: untranslated`) that differs from the default page fails no check,
    while the same difference without the mark fails it."""
    assert check in PLANTED, f"tests/test_translation_parity.py: add to PLANTED a change that the new {check!r} check catches"
    page = "help.md"
    english = (DEFAULT.docs_dir / page).read_text(encoding="utf-8")
    differing = PLANTED[check](english)
    pending = set_front_matter_values(differing, {"translation_status": parity.UNTRANSLATED})
    default = outline_text(english, page, f"docs/{DEFAULT.locale}/{page}")

    def pair(text):
        return parity.PagePair(page, default, outline_text(text, page, f"docs/xx/{page}"))

    assert parity.check_pair(pair(differing), check), (
        f"The planted change did not trip the {check!r} check; fix PLANTED in this test or the check in site_tools/parity.py")
    assert parity.check_pair(pair(pending), check) == [], (
        f"A pending page failed the {check!r} check; pending pages must be skipped (site_tools.parity.check_pair)")


# A page with one of everything parity compares (literal, so that these cases do not depend
# on the site's content): each case removes one thing from the translation, or adds one.
PAGE = """---
description: One of everything parity compares.
checklist: true
---
# Warning signs

Intro with [[contact child-helpline]] and [the help page](help.md#where-to-start).

## Signs {#signs}

- [ ] They ask you to keep secrets.
- [ ] They send you gifts.
- [ ] They ask for photos.

Call [[phone emergency]] or write to [us](mailto:help@example.org); see <https://example.org/guide>.

![A poster](poster.png)

<!-- country: HU: Hungarian law -->
In Hungary the law says so ([Btk.](https://example.org/btk)).
<!-- /country -->

<!-- role: adult-support -->
For yourself: [[name adult-support]].
<!-- /role -->

## What to do {#what-to-do}

Read [what to do](what-to-do.md).
"""


def _without(fragment: str):
    def change(text: str) -> str:
        assert fragment in text, f"tests/test_translation_parity.py: PAGE has no {fragment!r} to remove"
        return text.replace(fragment, "", 1)
    return change


def _with(after: str, added: str):
    return lambda text: text.replace(after, after + added, 1)


# (check, change to the translation, what the message must name besides the two files)
BOTH_WAYS = [
    ("checklist items", _without("- [ ] They send you gifts.\n"), "They send you gifts."),
    ("checklist items", _with("- [ ] They ask for photos.\n", "- [ ] They want to meet.\n"), "They want to meet."),
    ("headings", _without("## What to do {#what-to-do}\n"), "## What to do {#what-to-do}"),
    ("headings", _with("## Signs {#signs}\n", "\n### More {#more}\n"), "### More {#more}"),
    ("internal links", _without("[what to do](what-to-do.md)"), "what-to-do.md"),
    ("internal links", _with("Read ", "[about](about.md) "), "about.md"),
    ("contacts and URLs", _without("; see <https://example.org/guide>"), "https://example.org/guide"),
    ("contacts and URLs", _with("Read ", "<https://example.org/other> "), "https://example.org/other"),
    ("images", _without("![A poster](poster.png)"), "poster.png"),
    ("images", _with("Read ", "![A photo](photo.png) "), "photo.png"),
    ("front matter keys", _without("checklist: true\n"), "checklist"),
    ("front matter keys", _with("checklist: true\n", "print_pages: 2\n"), "print_pages"),
    ("contact markers", _without("Call [[phone emergency]] or write"), "[[phone emergency]]"),
    ("contact markers", _with("Read ", "[[contact police]] "), "[[contact police]]"),
    ("country and role passages", _without("<!-- country: HU: Hungarian law -->\nIn Hungary the law says so "
                                           "([Btk.](https://example.org/btk)).\n<!-- /country -->\n"),
     "<!-- country: HU: Hungarian law -->"),
    ("country and role passages", _without("<!-- role: adult-support -->\nFor yourself: [[name adult-support]].\n"
                                           "<!-- /role -->\n"), "<!-- role: adult-support -->"),
    ("country and role passages", _with("Read [what to do](what-to-do.md).\n",
                                        "\n<!-- country: SK: Slovak law -->\nZákon.\n<!-- /country -->\n"),
     "<!-- country: SK: Slovak law -->"),
]


@pytest.mark.parametrize("check,change,named", BOTH_WAYS,
                         ids=[f"{c[0].replace(' ', '-')}-{i}" for i, c in enumerate(BOTH_WAYS)])
def test_each_check_fails_both_ways_naming_file_and_item(check, change, named):
    """A translation with one thing less fails exactly like one with one thing more."""
    default = outline_text(PAGE, "x.md", "docs/en/x.md")
    changed = change(PAGE)
    assert changed != PAGE
    translation = outline_text(changed, "x.md", "docs/hu/x.md")
    problems = parity.check_pair(parity.PagePair("x.md", default, translation), check)
    assert problems, (f"the {check!r} check in site_tools/parity.py passed a translation that differs "
                      f"from the default page:\n{changed}")
    message = "\n".join(problems)
    assert "docs/en/x.md" in message and "docs/hu/x.md" in message and named in message, (
        f"the {check!r} message must name both files and {named!r}:\n{message}")


def test_identical_pages_pass_every_check():
    default = outline_text(PAGE, "x.md", "docs/en/x.md")
    translation = outline_text(PAGE, "x.md", "docs/hu/x.md")
    for check in parity.PAGE_CHECKS:
        assert parity.check_pair(parity.PagePair("x.md", default, translation), check) == [], check
