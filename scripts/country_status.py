#!/usr/bin/env python3
"""What a fork must change to serve another country, on one screen.

A language is not a country: pages are a language's text; contacts, the emergency number,
the quick-exit destination and country-specific law are the country's. This lists, in the
order to do them:

  1. data/country.yml: the country's data (replace the file; its comments explain each key),
     with contacts not verified for over 12 months and texts missing for a built language;
  2. the contact roles the pages ask for ([[contact child-helpline]] ...), and any that
     the data lacks (the build fails on those);
  3. every passage marked `<!-- country: why -->` ... `<!-- /country -->` in the pages:
     text that holds for one country only (law, national materials, national sources),
     to rewrite for your country or delete, in every language;
  4. the few other places (mkdocs.yml, README.md) that name the country.

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
import sys
from collections import Counter, defaultdict

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import country, project  # noqa: E402

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


def collect(all_languages: bool) -> dict:
    data = country.load()
    languages = project.languages()
    default = languages[0]
    report = {
        "data_file": data.files["country"],
        "country": {"code": data.code, "name": data.name if isinstance(data.name, str) else data.name.get(default.locale)},
        "contacts": [c.id for c in data.contacts],
        "quick_exit_url": data.quick_exit_url,
        "stale": [{"file": c.file, "id": c.id, "verified_on": str(c.get("verified_on"))}
                  for c in country.stale_contacts(data)],
        "missing_texts": {lang.locale: country.missing_texts(data, lang.locale) for lang in languages},
        "roles_used": {}, "roles_missing": {}, "passages": [], "errors": [],
    }
    used: dict[str, list[str]] = defaultdict(list)
    passages_per_language: Counter = Counter()
    for language, page, path, text in _pages(languages):
        where = f"docs/{language.locale}/{page}"
        for line, kind, arg in country.markers(text):
            if kind in ("contact", "phone", "name", "summary", "reach") and arg:
                used[arg].append(f"{where}:{line}")
        try:
            spans = country.country_sections(text, where)
        except country.CountryDataError as error:
            report["errors"].append(str(error))
            continue
        passages_per_language[language.locale] += len(spans)
        if all_languages or language.default:
            for passage in spans:
                report["passages"].append({"file": where, "lines": f"{passage.first}-{passage.last}",
                                           "country": passage.code, "why": passage.why,
                                           "shown": passage.code == data.code})
    present = {role for contact in data.contacts for role in contact.roles}
    report["roles_used"] = {role: len(places) for role, places in sorted(used.items())}
    report["roles_missing"] = {role: places for role, places in sorted(used.items()) if role not in present}
    report["passages_per_language"] = dict(passages_per_language)
    report["other_places"] = [{"file": f, "what": w} for f, w in OTHER_PLACES]
    return report


def print_report(report: dict) -> None:
    default = project.languages()[0].locale
    print(f"1. {report['data_file']}: {report['country']['name']} ({report['country']['code']}), "
          f"{len(report['contacts'])} contacts, quick exit to {report['quick_exit_url']}")
    print("   Replace it with your country's data; its header explains each key. International contacts "
          "are in data/international.yml.")
    for item in report["stale"]:
        print(f"   warning: {item['file']}: {item['id']} was last verified on {item['verified_on']} "
              "(over 12 months ago): check it and update verified_on")
    for locale, missing in report["missing_texts"].items():
        if missing:
            print(f"   {locale}: {len(missing)} texts have no {locale} version (pages still marked untranslated show "
                  f"the {default} text; translated pages fail the build), e.g. {missing[0]}")
    roles = ", ".join(f"{role} ({count})" for role, count in report["roles_used"].items())
    print(f"\n2. Contact roles the pages use: {roles}")
    if report["roles_missing"]:
        for role, places in report["roles_missing"].items():
            print(f"   MISSING in {report['data_file']}: {role} ({country.ROLES.get(role, 'unknown role')}), "
                  f"used at {', '.join(places[:3])}{' ...' if len(places) > 3 else ''}: add a contact with this "
                  "role, or take the sentence out of the pages in every language")
    else:
        print("   Every role is in the data.")
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
    print("\n4. Also check by hand:")
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
    except country.CountryDataError as error:
        cli.fail(str(error))
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 1 if report["roles_missing"] or report["errors"] else 0


if __name__ == "__main__":
    cli.run(main)
