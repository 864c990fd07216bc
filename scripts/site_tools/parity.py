"""Translation parity: does a translated page have the same structure as the default one?

Each check compares the default language's outline of a page with a translation's and
returns problems as text that names both files and the first point where they differ, so a
translator can go straight to the line. The page set itself (same file names in every
language) is checked by tests/test_site_build.py::test_every_page_exists_in_every_language.

Pages marked `translation_status: untranslated` are pending: tests skip them here (they are
still English copies) and report them as pending instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import project
from .markdown_outline import Heading, Outline, outline_file

UNTRANSLATED = "untranslated"
# Front-matter keys that belong to the translation itself, not to the page.
L10N_KEYS = ("source_commit", "source_hash", "translation_status")


def is_pending(outline: Outline) -> bool:
    return outline.meta.get("translation_status") == UNTRANSLATED


@dataclass(frozen=True)
class PagePair:
    page: str
    default: Outline
    translation: Outline

    @property
    def files(self) -> str:
        return f"{self.default.path} and {self.translation.path}"


def outline_of(language: project.Language, page: str) -> Outline:
    return outline_file(language.docs_dir / page, page, language.source_file(page))


def page_pairs(language: project.Language, default: project.Language) -> list[PagePair]:
    """Pages present in both languages (missing ones are the page-set test's business)."""
    shared = sorted(set(project.page_paths(default)) & set(project.page_paths(language)))
    return [PagePair(page, outline_of(default, page), outline_of(language, page)) for page in shared]


def _heading(outline: Outline, heading: Heading) -> str:
    return f"{outline.where(heading.line)} {heading.show()}"


def check_headings(pair: PagePair) -> list[str]:
    """Same outline: heading levels in the same order, with the same explicit {#id}s."""
    a, b = pair.default, pair.translation
    for index, (ha, hb) in enumerate(zip(a.headings, b.headings)):
        if ha.level != hb.level:
            return [f"{_heading(a, ha)} vs {_heading(b, hb)}: heading levels differ (heading {index + 1}); "
                    "the translation must keep every heading at the same level and in the same order"]
        if ha.id != hb.id:
            return [f"{_heading(a, ha)} vs {_heading(b, hb)}: heading ids differ; keep the id "
                    f"{'{#' + ha.id + '}' if ha.id else '(none)'} exactly as in {a.path} (ids are never translated)"]
    if len(a.headings) != len(b.headings):
        longer, shorter = (a, b) if len(a.headings) > len(b.headings) else (b, a)
        extra = longer.headings[len(shorter.headings)]
        return [f"{_heading(longer, extra)} has no counterpart in {shorter.path} "
                f"({len(a.headings)} headings in {a.path}, {len(b.headings)} in {b.path}): "
                "add or remove the heading so that both pages have the same outline"]
    return []


def check_tasks(pair: PagePair) -> list[str]:
    """Same number of checklist items in each section (only meaningful once outlines match);
    a missing item and an added one both fail, naming the section and its items."""
    a, b = pair.default, pair.translation
    if len(a.headings) != len(b.headings):
        return []  # check_headings reports the real problem
    for section, (na, nb) in enumerate(zip(a.tasks_per_section(), b.tasks_per_section())):
        if na != nb:
            index = section - 1
            where_a = _heading(a, a.headings[index]) if index >= 0 else f"{a.where(a.section_line(-1))} (before the first heading)"
            where_b = _heading(b, b.headings[index]) if index >= 0 else f"{b.where(b.section_line(-1))} (before the first heading)"
            more, fewer = (a, b) if na > nb else (b, a)
            items = "; ".join(f"{more.where(line)} `{text}`" for line, _, text in more.tasks_in(index))
            return [f"{where_a} has {na} checklist items vs {where_b} has {nb}: checklist items differ "
                    f"({fewer.path} has {abs(na - nb)} fewer); translate every `- [ ]` item, one item per item. "
                    f"The items in {more.path}: {items}"]
    return []


def check_internal_links(pair: PagePair) -> list[str]:
    """Same internal link targets (page and #id), compared without the language folder."""
    a, b = pair.default, pair.translation
    ta, tb = a.internal_targets(), b.internal_targets()
    problems = []
    for target, line in sorted(ta.items(), key=lambda item: item[1]):
        if target not in tb:
            problems.append(f"{a.where(line)} links to `{target}`, {b.path} has no link to it: "
                            "keep link targets unchanged when translating")
    for target, line in sorted(tb.items(), key=lambda item: item[1]):
        if target not in ta:
            problems.append(f"{b.where(line)} links to `{target}`, {a.path} has no link to it: "
                            "link only to what the default-language page links to")
    return problems


def _multiset_problems(a: Outline, b: Outline, ca: Counter, cb: Counter, what: str, predicate) -> list[str]:
    problems = []
    for value, count in sorted((ca - cb).items()):
        line = a.first_line_of(lambda link: predicate(link, value))
        problems.append(f"{a.where(line)} has {what} `{value}` {count} more time(s) than {b.path} "
                        f"({ca[value]} vs {cb[value]})")
    for value, count in sorted((cb - ca).items()):
        line = b.first_line_of(lambda link: predicate(link, value))
        problems.append(f"{b.where(line)} has {what} `{value}` {count} more time(s) than {a.path} "
                        f"({cb[value]} vs {ca[value]})")
    return problems


def check_contacts(pair: PagePair) -> list[str]:
    """Same phone numbers (tel:), e-mail addresses (mailto:) and external URLs, as multisets."""
    a, b = pair.default, pair.translation
    problems = _multiset_problems(a, b, a.contacts(), b.contacts(), "contact/URL",
                                  lambda link, value: link.contact == value and not link.image)
    if problems:
        problems.append("Phone numbers, e-mail addresses and URLs must be identical in every language "
                        "(a fork replacing contacts for its country changes them in every language).")
    return problems


def check_images(pair: PagePair) -> list[str]:
    a, b = pair.default, pair.translation
    return _multiset_problems(a, b, a.images(), b.images(), "image",
                              lambda link, value: link.image and (link.resolved or link.target) == value)


def check_front_matter_keys(pair: PagePair) -> list[str]:
    """Same front-matter keys (description, checklist, ...), translation bookkeeping aside."""
    a, b = pair.default, pair.translation
    ka = set(a.meta) - set(L10N_KEYS)
    kb = set(b.meta) - set(L10N_KEYS)
    problems = [f"{a.where(1)} has front-matter key `{key}`, {b.path} does not: add it" for key in sorted(ka - kb)]
    problems += [f"{b.where(1)} has front-matter key `{key}`, {a.path} does not: remove it or add it to both"
                 for key in sorted(kb - ka)]
    return problems


def check_markers(pair: PagePair) -> list[str]:
    """Same contact markers ([[contact child-helpline]], [[phone emergency]], ...), as
    multisets: a translation that drops one drops a helpline from the page. `[[country]]`
    (the country's name) is not a contact: a language may write the name itself where its
    grammar inflects it."""
    from .country import markers

    a, b = pair.default, pair.translation

    def found(outline: Outline) -> tuple[Counter, dict[str, int]]:
        shown = [(line, f"[[{kind}{' ' + arg if arg else ''}]]") for line, kind, arg in markers(outline.text)
                 if kind != "country"]
        first: dict[str, int] = {}
        for line, marker in shown:
            first.setdefault(marker, line)
        return Counter(marker for _, marker in shown), first

    (ca, first_a), (cb, first_b) = found(a), found(b)
    problems = [f"{a.where(first_a[marker])} has `{marker}` {ca[marker]} time(s), {b.path} {cb[marker]} time(s): "
                "keep every marker exactly as it is (LOCALIZING.md, \"Contacts on pages\")"
                for marker in sorted(ca - cb)]
    problems += [f"{b.where(first_b[marker])} has `{marker}` {cb[marker]} time(s), {a.path} {ca[marker]} time(s): "
                 f"use only the markers {a.path} uses" for marker in sorted(cb - ca)]
    return problems


def check_passages(pair: PagePair) -> list[str]:
    """The same country passages (`<!-- country: XX: ... -->`, by country) and role passages
    (`<!-- role: ROLE -->`), in the same order, so every language shows the same."""
    import difflib

    from .country import passages
    from .country_data import CountryDataError

    a, b = pair.default, pair.translation
    try:
        pa = sorted(passages(a.text, a.path), key=lambda p: p.first)
        pb = sorted(passages(b.text, b.path), key=lambda p: p.first)
    except CountryDataError as error:
        return [str(error)]

    def show(passage) -> str:
        return f"`<!-- {passage.kind}: {passage.code}{': ' + passage.why if passage.why else ''} -->`"

    keys_a, keys_b = [(p.kind, p.code) for p in pa], [(p.kind, p.code) for p in pb]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            passage = pa[i1]
            return [f"{a.where(passage.first)} {show(passage)} has no counterpart in {b.path} "
                    f"({len(pa)} passages there, {len(pb)} in {b.path}): mark the same passages in every language"]
        if tag == "insert":
            passage = pb[j1]
            return [f"{b.where(passage.first)} {show(passage)} has no counterpart in {a.path} "
                    f"({len(pb)} passages there, {len(pa)} in {a.path}): mark the same passages in every language"]
    return []


PAGE_CHECKS = {
    "headings": check_headings,
    "checklist items": check_tasks,
    "internal links": check_internal_links,
    "contacts and URLs": check_contacts,
    "images": check_images,
    "front matter keys": check_front_matter_keys,
    "contact markers": check_markers,
    "country and role passages": check_passages,
}


def check_pair(pair: PagePair, check: str) -> list[str]:
    """One of PAGE_CHECKS on one page; a pending translation (still the default language's
    text) is not checked: it is reported as pending instead."""
    if is_pending(pair.translation):
        return []
    return PAGE_CHECKS[check](pair)


# --------------------------------------------------------------------------- configuration


def nav_titles(nav) -> list[str]:
    """Every section and page title in mkdocs.yml `nav`, in order, once each."""
    return list(dict.fromkeys(title for title, _ in project.nav_entries(nav)))


def check_nav_translations(titles: list[str], language: project.Language) -> list[str]:
    where = f"mkdocs.yml (plugins > i18n > languages > {language.locale} > nav_translations)"
    translations = language.nav_translations or {}
    problems = [f"{where}: no entry for nav title {title!r}; add `{title}: <translation>`"
                for title in titles if title not in translations]
    problems += [f"{where}: {key!r} is not a title in `nav` (renamed or removed?); rename or delete it"
                 for key in translations if key not in titles]
    problems += [f"{where}: {key!r} has an empty translation" for key, value in translations.items()
                 if key in titles and not str(value or "").strip()]
    return problems


def key_paths(value, prefix: str = "") -> set[str]:
    """Dotted paths of every key in nested mappings: {"ui": {"a": 1}} -> {"ui", "ui.a"}."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            paths.add(path)
            paths |= key_paths(inner, path)
    return paths


def check_extra_keys(default: project.Language, language: project.Language) -> list[str]:
    """Per-language `extra` replaces whole keys, so every language needs every (nested) key."""
    da, db = key_paths(default.extra), key_paths(language.extra)
    where = "mkdocs.yml (plugins > i18n > languages > {} > extra)"
    problems = [f"{where.format(language.locale)}: `extra.{path}` is missing (the {default.locale} block has it); "
                "copy it and translate its value" for path in sorted(da - db)]
    problems += [f"{where.format(language.locale)}: `extra.{path}` is not in the {default.locale} block; "
                 "add it there too or remove it" for path in sorted(db - da)]
    return problems
