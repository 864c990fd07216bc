#!/usr/bin/env python3
"""What a fork must change to serve another country, on one screen.

A language is not a country: pages are a language's text; contacts, the emergency number,
the quick-exit destination and country-specific law are the country's. This lists, in the
order to do them:

  1. data/countries/<CODE>.yml, the data of the country mkdocs.yml serves (`extra.country`;
     data/schema/country.schema.yml explains each key), with contacts not verified for over
     12 months and texts missing for a built language;
  2. the contact roles the pages ask for ([[contact child-helpline]] ...): the required ones
     the data lacks (the build fails on those), and the optional ones whose sentences are
     left out (`<!-- role: ROLE -->` passages);
  3. every passage marked `<!-- country: XX: why -->` ... `<!-- /country -->` in the pages:
     text that holds for one country only (law, national materials, national sources),
     shown only on that country's site;
  4. every sentence shown on your site that names another country of data/countries/ (its
     `name` and `words`): rewrite it, or mark it as that country's passage;
  5. the few other places (mkdocs.yml, README.md) that name the country.

Examples:
  scripts/country_status.py                 # the to-do list (default language's pages)
  scripts/country_status.py --all-languages # every language's country passages, not only the default's
  scripts/country_status.py --format json   # for tools

Exit codes: 0 listed (warnings such as stale contacts do not fail); 1 the pages need a role
the data lacks, or a country passage is not closed; 2 the data or mkdocs.yml cannot be read.
See LOCALIZING.md, "Adapt the site to your country".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import country, country_data, project  # noqa: E402

# Places outside docs/ and data/ that name the country or its organisations (checked by hand).
OTHER_PLACES = [
    ("mkdocs.yml", "copyright: keep the credit to NMHH's article (CC BY-SA attribution), change the rest"),
    ("README.md", "the project description, if your fork publishes its own README"),
]


def _pages(languages):
    for language in languages:
        for page in project.page_paths(language):
            path = language.docs_dir / page
            yield language, page, path, path.read_text(encoding="utf-8")


def _country_words(code: str, locale: str) -> list[str]:
    """The words that name a country in a language: its name and its `words`."""
    raw = country_data.read_yaml_mapping(country_data.country_file(code))
    info = raw.get("country") or {}
    name = info.get("name")
    words = [name] if isinstance(name, str) else [name.get(locale)] if isinstance(name, dict) else []
    words += (info.get("words") or {}).get(locale) or []
    return sorted({w for w in words if w}, key=len, reverse=True)


def _mentions(text: str, words: list[str]) -> list[tuple[int, str]]:
    if not words:
        return []
    rule = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
    return [(number, rule.search(line).group(0)) for number, line in enumerate(text.splitlines(), start=1)
            if rule.search(line)]


def collect(all_languages: bool) -> dict:
    data = country_data.load()
    languages = project.languages()
    default = languages[0]
    report = {
        "data_file": data.files["country"],
        "country": {"code": data.code, "name": data.name if isinstance(data.name, str) else data.name.get(default.locale)},
        "contacts": [c.id for c in data.contacts],
        "quick_exit_url": data.quick_exit_url,
        "stale": [{"file": c.file, "id": c.id, "verified_on": str(c.get("verified_on"))}
                  for c in country_data.stale_contacts(data)],
        "missing_texts": {lang.locale: country_data.missing_texts(data, lang.locale) for lang in languages[1:]},
        "roles_used": {}, "roles_missing": {}, "roles_left_out": {}, "unguarded_optional": [],
        "passages": [], "mentions": [], "errors": [],
    }
    used: dict[str, list[str]] = defaultdict(list)
    passages_per_language: Counter = Counter()
    others = [code for code in country_data.available_countries() if code != data.code]
    for language, page, path, text in _pages(languages):
        where = f"docs/{language.locale}/{page}"
        try:
            spans = country.passages(text, where)
        except country_data.CountryDataError as error:
            report["errors"].append(str(error))
            continue
        role_spans = [p for p in spans if p.kind == "role"]
        for line, kind, arg in country.markers(text):
            if kind in ("contact", "phone", "name", "summary", "reach") and arg:
                used[arg].append(f"{where}:{line}")
                role = data.roles.get(arg)
                if role and not role.required and not any(
                        p.code == arg and p.first < line < p.last for p in role_spans):
                    report["unguarded_optional"].append(f"{where}:{line} [[{kind} {arg}]]")
        country_spans = [p for p in spans if p.kind == "country"]
        passages_per_language[language.locale] += len(country_spans)
        if all_languages or language.default:
            for passage in country_spans:
                report["passages"].append({"file": where, "lines": f"{passage.first}-{passage.last}",
                                           "country": passage.code, "why": passage.why,
                                           "shown": passage.code == data.code})
        # What the site shows: hidden passages blanked (line numbers stay the source's).
        hidden = {n for p in spans if not (p.code == data.code if p.kind == "country" else data.has_role(p.code))
                  for n in range(p.first, p.last + 1)}
        shown_text = "\n".join("" if n in hidden else line for n, line in enumerate(text.splitlines(), start=1))
        for other in others:
            for line, word in _mentions(shown_text, _country_words(other, language.locale)):
                report["mentions"].append({"file": where, "line": line, "country": other, "word": word})
    present = {role for contact in data.contacts for role in contact.roles}
    report["roles_used"] = {role: len(places) for role, places in sorted(used.items())}
    report["roles_missing"] = {role: places for role, places in sorted(used.items())
                               if role not in present and (role not in data.roles or data.roles[role].required)}
    report["roles_left_out"] = {role: len(places) for role, places in sorted(used.items())
                                if role not in present and role in data.roles and not data.roles[role].required}
    report["passages_per_language"] = dict(passages_per_language)
    report["other_places"] = [{"file": f, "what": w} for f, w in OTHER_PLACES]
    return report


def print_report(report: dict) -> None:
    default = project.languages()[0].locale
    print(f"1. {report['data_file']}: {report['country']['name']} ({report['country']['code']}), "
          f"{len(report['contacts'])} contacts, quick exit to {report['quick_exit_url']}")
    print("   Your country's data (mkdocs.yml `extra.country` chooses the file; data/schema/country.schema.yml "
          "explains each key). International contacts are in data/international.yml.")
    for item in report["stale"]:
        print(f"   warning: {item['file']}: {item['id']} was last verified on {item['verified_on']} "
              "(over 12 months ago): check it and update verified_on")
    for locale, missing in report["missing_texts"].items():
        if missing:
            print(f"   {locale}: {len(missing)} texts have no {locale} version (pages still marked untranslated show "
                  f"the {default} text; translated pages fail the build): "
                  f"scripts/translation_status.py texts --lang {locale} lists them all")
    roles = ", ".join(f"{role} ({count})" for role, count in report["roles_used"].items())
    print(f"\n2. Contact roles the pages use: {roles}")
    for role, places in report["roles_missing"].items():
        print(f"   MISSING in {report['data_file']}: {role} (required, data/roles.yml), used at "
              f"{', '.join(places[:3])}{' ...' if len(places) > 3 else ''}: add a contact with this role")
    for role, count in report["roles_left_out"].items():
        print(f"   left out: {role} is optional and your data has no such contact, so its {count} sentences "
              "(`<!-- role: " + role + " -->` passages) are not shown")
    for place in report["unguarded_optional"]:
        print(f"   ERROR: {place}: an optional role outside a `<!-- role: ... -->` passage; a country without "
              "that contact could not build this page")
    if not report["roles_missing"] and not report["unguarded_optional"]:
        print("   Every required role is in the data.")
    total = sum(report["passages_per_language"].values())
    code = report["country"]["code"]
    shown = [p for p in report["passages"] if p["shown"]]
    hidden = [p for p in report["passages"] if not p["shown"]]
    print(f"\n3. Country-specific passages ({total} in all: "
          + ", ".join(f"{n} in docs/{loc}/" for loc, n in report["passages_per_language"].items()) + "):")
    if shown:
        print(f"   Shown on your site ({code}): check that each is still true")
        for item in shown:
            print(f"   {item['file']}:{item['lines']}  {item['why']}")
    if hidden:
        print(f"   Hidden on your site (written for another country): where {report['country']['name']} has an "
              f"equivalent, add a passage marked `<!-- country: {code}: why -->` next to it, in every language")
        for item in hidden:
            print(f"   {item['file']}:{item['lines']}  [{item['country']}] {item['why']}")
    if len(report["passages_per_language"]) > 1 and not any(p["file"].split("/")[1] != default for p in report["passages"]):
        print("   (the other languages have the same passages at the same places; --all-languages lists them)")
    print("\n4. Sentences shown on your site that name another country of data/countries/:")
    if report["mentions"]:
        for item in report["mentions"]:
            print(f"   {item['file']}:{item['line']}  \"{item['word']}\" ({item['country']}): rewrite it for your "
                  f"site, or mark it `<!-- country: {item['country']}: ... -->` (a credit to a source stays)")
    else:
        print("   none")
    print("\n5. Also check by hand:")
    for item in report["other_places"]:
        print(f"   {item['file']}: {item['what']}")
    for error in report["errors"]:
        print(f"\nERROR: {error}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all-languages", action="store_true", help="list every language's country passages")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    try:
        report = collect(args.all_languages)
    except (country_data.CountryDataError, country_data.YamlFileError, project.SettingsError) as error:
        cli.fail(str(error))
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 1 if report["roles_missing"] or report["unguarded_optional"] or report["errors"] else 0


if __name__ == "__main__":
    cli.run(main)
