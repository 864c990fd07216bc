#!/usr/bin/env python3
"""Which translated pages lag behind the English ones, what changed, and re-stamping them.

Every translated page records the English text it was translated from in its front matter
(source_commit: <git commit>, source_hash: sha256:<hash of the English text>). This tool
compares those stamps with the English pages now. States:

  drifted  the English page changed since the stamp: update the translation, then stamp it
  new      no translation yet, or a translation without a stamp
  pending  marked `translation_status: untranslated` (an English copy, not yet translated)
  ok       up to date

Examples:
  scripts/translation_status.py                      # every language: drifted, new, pending
  scripts/translation_status.py --lang hu --all      # also list the pages that are up to date
  scripts/translation_status.py --lang hu --drifted --strict   # exit 1 if any page drifted
  scripts/translation_status.py --format json        # for CI
  scripts/translation_status.py diff help.md --lang hu         # English changes since the stamp
  scripts/translation_status.py stamp help.md --lang hu        # dry run: what would change
  scripts/translation_status.py stamp help.md --lang hu --write
  scripts/translation_status.py stamp --all --lang hu --write  # after translating every page
  scripts/translation_status.py refresh --lang sk --write      # pending pages: copy the current English again
  scripts/translation_status.py update                         # after `git merge upstream/main`: every language
  scripts/translation_status.py texts --lang fr                # every data text a translated page needs in fr
  scripts/translation_status.py texts --lang fr --write        # ... added to data/translations/fr.yml as TODO lines

Exit codes: 0 done (findings are reported but do not fail without --strict); 1 something was
found and --strict was given; 2 usage or path error (unknown language, page or commit).
See LOCALIZING.md, "Keeping a translation up to date".
"""

from __future__ import annotations

import argparse
import json
import sys

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import country_data, language_checks, project  # noqa: E402
from site_tools.translations import (  # noqa: E402
    Git,
    TranslationError,
    language_report,
    normalize_page_argument,
    page_status,
    plan_stamp,
)
from site_tools.files import write_atomically  # noqa: E402

COMMANDS = ("list", "diff", "stamp", "refresh", "update", "texts")
TOOL = "scripts/translation_status.py"


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", action="append", metavar="CODE",
                        help="language to check (repeatable; default: every language except the default one)")
    common.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    common.add_argument("--strict", action="store_true", help="exit 1 when something is found")

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="{list,diff,stamp,refresh,update,texts}")
    listing = commands.add_parser("list", parents=[common], help="list drifted, new and pending pages (the default)")
    for state in ("drifted", "new", "pending"):
        listing.add_argument(f"--{state}", action="store_true", help=f"list {state} pages (combine freely)")
    listing.add_argument("--all", action="store_true", help="list every page, including the ones that are up to date")

    diff = commands.add_parser("diff", parents=[common], help="show how the English page changed since the stamp")
    diff.add_argument("page", help="page, e.g. help.md, parents/what-to-do.md or docs/hu/help.md")

    stamp = commands.add_parser("stamp", parents=[common],
                                help="record that pages are translated from the English text at a commit")
    stamp.add_argument("pages", nargs="*", metavar="PAGE", help="pages to stamp")
    stamp.add_argument("--all", action="store_true", help="every translated page (pending ones are skipped)")
    stamp.add_argument("--commit", default=None, metavar="REV",
                       help="the English text the translation follows (default: HEAD)")
    stamp.add_argument("--write", action="store_true", help="write the files (without it: dry run)")

    refresh = commands.add_parser("refresh", parents=[common],
                                  help="replace pending pages (still English copies) with the current English text")
    refresh.add_argument("--write", action="store_true", help="write the files (without it: dry run)")

    update = commands.add_parser("update", parents=[common],
                                 help="after merging upstream: add new pages as pending, refresh pending pages, add new "
                                      "interface strings; list drifted pages and missing data texts")
    update.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")

    texts = commands.add_parser("texts", parents=[common],
                                help="list every text of the country data a language does not have yet")
    texts.add_argument("--write", action="store_true",
                       help="add the missing ones to data/translations/CODE.yml as TODO lines to translate")
    return parser


def _languages(args, all_languages: list[project.Language]) -> list[project.Language]:
    default = all_languages[0]
    by_code = {language.locale: language for language in all_languages}
    if not args.lang:
        return all_languages[1:]  # none on a one-language site: nothing to compare, not an error
    chosen = []
    for code in args.lang:
        if code == default.locale:
            raise UsageError(f"{code} is the default language: translations are compared against it")
        if code not in by_code:
            known = ", ".join(language.locale for language in all_languages[1:])
            raise UsageError(f"unknown language {code!r}; mkdocs.yml declares: {known}")
        chosen.append(by_code[code])
    return chosen


def _page(argument: str, all_languages, chosen) -> tuple[str, list[project.Language]]:
    page, locale = normalize_page_argument(argument, all_languages)
    if locale == all_languages[0].locale:
        locale = None  # docs/en/help.md names the page, not a language
    if locale:
        if any(language.locale == locale for language in chosen) or len(chosen) == len(all_languages) - 1:
            chosen = [language for language in all_languages if language.locale == locale]
        else:
            raise UsageError(f"{argument} is in {locale}, but --lang says {', '.join(l.locale for l in chosen)}")
    if page not in project.page_paths(all_languages[0]):
        raise UsageError(f"{argument}: docs/{all_languages[0].locale}/{page} does not exist")
    return page, chosen


def _command_list(args, languages, default, git) -> int:
    states = [state for state in ("drifted", "new", "pending") if getattr(args, state)]
    if args.all:
        states = ["drifted", "new", "pending", "ok"]
    states = states or ["drifted", "new", "pending"]
    if not languages:
        print(f"mkdocs.yml declares only the default language ({default.locale}): no translation to compare.")
        return 0
    reports = [language_report(language, default, git) for language in languages]
    found = any(page.state in states and page.state != "ok" for report in reports for page in report.pages)
    if args.format == "json":
        print(json.dumps({
            "default": default.locale,
            "git": git.available,
            "languages": [{
                "locale": report.language.locale,
                "name": report.language.name,
                "counts": {state: report.count(state) for state in ("drifted", "new", "pending", "ok")},
                "total": len(report.pages),
                "summary": report.summary(),
                "pages": [page.as_dict() for page in report.pages if page.state in states],
                "missing_texts": _missing_texts(report.language, default),
            } for report in reports],
        }, indent=2, ensure_ascii=False))
    else:
        if not git.available:
            print("Note: no git history here; drift is judged by source_hash only (diff cannot show changes).")
        for report in reports:
            listed = [page for page in report.pages if page.state in states]
            print(f"{report.language.locale} ({report.language.name}), docs/{report.language.locale}/ "
                  f"against docs/{default.locale}/: {len(listed)} listed")
            for page in listed:
                print(f"  {page.state:<8} {page.page}: {page.reason}")
                hint = _hint(page)
                if hint:
                    print(f"           -> {hint}")
            for note in _beyond_pages(report.language):
                print(f"  {note}")
        for report in reports:
            print(report.summary())
    return 1 if args.strict and found else 0


def _command_refresh(args, languages, default, git) -> int:
    """Pending pages are English copies: after the English pages change (a fork rewrote its
    country passages, say), copy them again, so a translator starts from the current text.
    The pending-page part of `update` (site_tools.language_update), on its own."""
    from site_tools.language_update import plan_update

    data = _data()
    changed = [(target, text) for language in languages
               for target, text in plan_update(language, default, git, data).refreshed.items()]
    for target, text in changed:
        print(f"{target.relative_to(project.REPO_ROOT)}: {'refreshed' if args.write else 'would be refreshed'} "
              f"from docs/{default.locale}/")
    if args.write:
        for target, text in changed:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text)
    verb = "Refreshed" if args.write else "Dry run: would refresh"
    print(f"{verb} {len(changed)} pending pages" + ("" if args.write or not changed else "; add --write to write them") + ".")
    return 0


def _data():
    try:
        return country_data.load_cached()
    except country_data.CountryDataError as error:
        raise UsageError(str(error)) from None


def _command_update(args, languages, default, git) -> int:
    from site_tools.language_update import apply_update, plan_update, shown

    data = _data()
    updates = [plan_update(language, default, git, data) for language in languages]
    if not args.dry_run:
        for update in updates:
            apply_update(update)
    verb = "would be " if args.dry_run else ""
    result = []
    for update in updates:
        code = update.language.locale
        entry = {"locale": code,
                 "created": [str(p.relative_to(project.REPO_ROOT)) for p in update.created],
                 "refreshed": [str(p.relative_to(project.REPO_ROOT)) for p in update.refreshed],
                 "new_strings": [shown(k) for k in update.new_strings],
                 "unused_strings": [shown(k) for k in update.unused_strings],
                 "drifted": [page.file for page in update.drifted],
                 "missing_texts": [str(m) for m in update.missing_texts],
                 "orphans": update.orphans}
        result.append(entry)
        if args.format == "json":
            continue
        print(f"{code} ({update.language.name}):")
        for path in entry["created"]:
            print(f"  new      {path}: {verb}added as a pending page (the English text, to translate)")
        for path in entry["refreshed"]:
            print(f"  pending  {path}: {verb}refreshed with the current English text")
        if update.new_strings:
            print(f"  strings  config/languages/{code}.yml: {len(update.new_strings)} new interface strings or "
                  f"navigation titles {verb}added in English, marked `# new: translate this`: "
                  + ", ".join(entry["new_strings"]))
        for key in entry["unused_strings"]:
            print(f"  unused   config/languages/{code}.yml: {key} is no longer used upstream; delete it")
        for page in update.drifted:
            print(f"  drifted  {page.file}: {page.reason}\n"
                  f"           -> {TOOL} diff {page.page} --lang {code}; update the translation, then "
                  f"{TOOL} stamp {page.page} --lang {code} --write")
        if update.missing_texts:
            print(f"  texts    {len(update.missing_texts)} texts of the country data have no {code} version (pages "
                  f"still pending show the {default.locale} text): {TOOL} texts --lang {code} lists them")
        for path in update.orphans:
            print(f"  orphan   {path}: docs/{default.locale}/ no longer has this page; delete it (git rm {path})")
        if not any(entry[k] for k in entry if k != "locale"):
            print("  up to date")
    if args.format == "json":
        print(json.dumps({"written": not args.dry_run, "languages": result}, indent=2, ensure_ascii=False))
    elif args.dry_run:
        print("Dry run: nothing was written.")
    left = any(e["drifted"] or e["missing_texts"] or e["new_strings"] or e["created"] for e in result)
    return 1 if args.strict and left else 0


def _command_texts(args, languages, default) -> int:
    from site_tools import yaml_edit

    data = _data()
    report = {}
    for language in languages:
        missing = country_data.missing_texts(data, language.locale, default.locale)
        report[language.locale] = missing
        target = country_data.translations_file(language.locale)
        if args.write and missing:
            document = yaml_edit.load(target.read_text(encoding="utf-8")) if target.exists() else yaml_edit.mapping()
            if not target.exists():
                document.yaml_set_start_comment(
                    f"{language.name} ({language.locale}) texts for data files this site does not own: a contact's\n"
                    "texts by file, contact id and key (`_file`: the file's own texts). Replace each TODO line\n"
                    "with the translation; until then the build treats it as missing. (LOCALIZING.md)")
            for item in missing:
                contacts = document.setdefault(item.file, yaml_edit.mapping())
                keys = contacts.setdefault(item.contact, yaml_edit.mapping())
                keys.setdefault(item.key, f"{country_data.TODO}: {item.source}")
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, yaml_edit.dump(document))
    if args.format == "json":
        print(json.dumps({code: [{"file": m.file, "contact": m.contact, "key": m.key, "text": m.source}
                                 for m in missing] for code, missing in report.items()}, indent=2, ensure_ascii=False))
    else:
        for code, missing in report.items():
            print(f"{code}: {len(missing)} texts of the country data have no {code} version"
                  + (":" if missing else "."))
            for item in missing:
                print(f"  {item}")
            if missing:
                target = country_data.translations_file(code).relative_to(project.REPO_ROOT)
                print(f"  -> {'added to' if args.write else 'add them to'} {target} as TODO lines "
                      f"({'replace each with the translation' if args.write else f'{TOOL} texts --lang {code} --write'}), "
                      "or write them into your own country file next to the other languages")
    return 1 if args.strict and any(report.values()) else 0


def _missing_texts(language, default) -> list[dict]:
    """Every data text the language lacks, as {file, contact, key, text} (empty if the data cannot be read)."""
    try:
        data = country_data.load_cached()
    except country_data.CountryDataError:
        return []
    return [{"file": m.file, "contact": m.contact, "key": m.key, "text": m.source}
            for m in country_data.missing_texts(data, language.locale, default.locale)]


def _beyond_pages(language) -> list[str]:
    """What a language needs besides its pages: country-data texts, data for content checks."""
    notes = []
    try:
        data = country_data.load_cached()
        missing = country_data.missing_texts(data, language.locale)
        if missing:
            notes.append(f"country  {len(missing)} texts of the country data have no {language.locale} version "
                         f"(pending pages show the {project.languages()[0].locale} text): "
                         f"{TOOL} texts --lang {language.locale} lists them")
        for contact in country_data.stale_contacts(data):
            notes.append(f"country  warning: {contact.file}: {contact.id} last verified {contact.get('verified_on')}, "
                         "over 12 months ago (scripts/country_status.py)")
    except country_data.CountryDataError as error:
        notes.append(f"country  ERROR: {error}")
    uncovered = language_checks.not_covered(language.locale)
    if uncovered:
        notes.append(f"checks   not covered: {', '.join(uncovered)}; add them to "
                     f"{language_checks.data_file(language.locale).relative_to(project.REPO_ROOT)} (LOCALIZING.md)")
    return notes


def _hint(page) -> str | None:
    lang = f"--lang {page.locale}"
    if page.state == "drifted":
        return (f"{TOOL} diff {page.page} {lang}; update the translation, then "
                f"{TOOL} stamp {page.page} {lang} --write")
    if page.state == "new":
        if page.reason == "not translated yet":
            return f"translate docs/{project.languages()[0].locale}/{page.page} into {page.file}, then {TOOL} stamp {page.page} {lang} --write"
        return f"check {page.file} against the English page, then {TOOL} stamp {page.page} {lang} --write"
    if page.state == "pending":
        return f"translate {page.file}, delete its `translation_status: untranslated` line, then stamp it"
    return None


def _command_diff(args, languages, all_languages, default, git) -> int:
    page, languages = _page(args.page, all_languages, languages)
    if len(languages) != 1:
        raise UsageError("diff needs one language: add --lang CODE (or give the page as docs/CODE/PAGE)")
    status = page_status(languages[0], default, page, git)
    english = f"docs/{default.locale}/{page}"
    commit = git.commit(status.source_commit) if status.source_commit else None
    diff_text = git.diff(commit, english) if commit else None
    if args.format == "json":
        print(json.dumps({**status.as_dict(), "english": english, "diff": diff_text}, indent=2, ensure_ascii=False))
    else:
        print(f"{status.file}: {status.state} ({status.reason})")
        if diff_text is not None:
            print(f"English changes since {commit[:12]} (git diff {commit[:12]} -- {english}):")
            print(diff_text if diff_text.strip() else "(no changes)")
        elif status.source_commit:
            known = {True: "has changed", False: "has not changed", None: "cannot be compared (no source_hash)"}
            print(f"Commit {status.source_commit[:12]} is not in this checkout's history; only the hash is known: "
                  f"the English text {known[status.english_changed]} since the stamp. "
                  f"Compare {english} with {status.file} by hand.")
        elif status.english_changed is None:
            print(f"{status.file} has no stamp yet, so there is nothing to compare with. Once it matches {english}, "
                  f"stamp it: {TOOL} stamp {page} --lang {status.locale} --write")
        else:
            known = "has changed" if status.english_changed else "has not changed"
            print(f"No source_commit recorded (or no git history here); only the hash is known: the English text "
                  f"{known} since the stamp. Compare {english} with {status.file} by hand.")
    return 1 if args.strict and status.state in ("drifted", "new") else 0


def _command_stamp(args, languages, all_languages, default, git) -> int:
    if args.all and args.pages:
        raise UsageError("give either PAGE... or --all, not both")
    if not args.all and not args.pages:
        raise UsageError("say what to stamp: PAGE... or --all")
    commit = None
    if git.available:
        commit = git.commit(args.commit or "HEAD")
        if commit is None:
            raise UsageError(f"unknown commit {args.commit or 'HEAD'!r}: stamp with a commit of this repository "
                             "(e.g. HEAD, or the id shown by `git log -- docs/en/PAGE`)")
    elif args.commit:
        raise UsageError("no git history here, so --commit cannot be checked; stamp without --commit to record "
                         "only source_hash")
    targets: list[tuple[project.Language, str]] = []
    skipped = []
    if args.all:
        for language in languages:
            for page in project.page_paths(default):
                status = page_status(language, default, page, git)
                if status.state == "pending":
                    skipped.append(f"{status.file} (pending: translate it first)")
                elif (language.docs_dir / page).exists():
                    targets.append((language, page))
    else:
        for argument in args.pages:
            page, chosen = _page(argument, all_languages, languages)
            targets += [(language, page) for language in chosen]
    stamps = []
    errors = []
    for language, page in targets:
        try:
            stamps.append(plan_stamp(language, default, page, git, commit, chosen=bool(args.commit)))
        except TranslationError as error:
            errors.append(str(error))
    if errors:
        raise UsageError("nothing written:\n  " + "\n  ".join(errors))
    if args.write:
        for stamp in stamps:
            if stamp.changed:
                write_atomically(stamp.file, stamp.new_text)
    changed = [stamp for stamp in stamps if stamp.changed]
    if args.format == "json":
        print(json.dumps({
            "commit": commit, "written": bool(args.write),
            "files": [{"file": str(s.file.relative_to(project.REPO_ROOT)), "changes": s.changes, "notes": s.notes}
                      for s in stamps],
            "skipped": skipped,
        }, indent=2, ensure_ascii=False))
        return 0
    if not git.available:
        print("Note: no git history here: recording source_hash only (source_commit is removed).")
    for stamp in stamps:
        name = stamp.file.relative_to(project.REPO_ROOT)
        if stamp.changed:
            print(f"{name}: " + "; ".join(stamp.changes))
        else:
            print(f"{name}: already stamped with this text")
        for note in stamp.notes:
            print(f"  note: {note}")
    for item in skipped:
        print(f"skipped {item}")
    verb = "Stamped" if args.write else "Dry run: would stamp"
    print(f"{verb} {len(changed)} of {len(stamps)} files" + ("" if args.write or not changed else "; add --write to write them") + ".")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "list")
    args = _parser().parse_args(argv)
    try:
        all_languages = project.languages()
        default = all_languages[0]
        languages = _languages(args, all_languages)
        git = Git(project.REPO_ROOT)
        if args.command == "diff":
            return _command_diff(args, languages, all_languages, default, git)
        if args.command == "stamp":
            return _command_stamp(args, languages, all_languages, default, git)
        if args.command == "refresh":
            return _command_refresh(args, languages, default, git)
        if args.command == "update":
            return _command_update(args, languages, default, git)
        if args.command == "texts":
            return _command_texts(args, languages, default)
        return _command_list(args, languages, default, git)
    except (UsageError, TranslationError, project.SettingsError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    cli.run(main)
