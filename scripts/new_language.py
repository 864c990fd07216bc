#!/usr/bin/env python3
"""Add a language to the site in one step: pages, configuration, notices. Then translate.

Copies every English page into docs/CODE/ (marked `translation_status: untranslated`, so
each shows "This page has not been translated yet" until you translate it; passages about
other countries than the one the site serves are left out), writes
config/languages/CODE.yml with the site's name, interface strings and navigation titles
still in English, ready to translate, and adds the language to mkdocs.yml's language list.
The site builds, and the language appears in the language menu, straight away.

Examples:
  scripts/new_language.py de "Deutsch"
  scripts/new_language.py pt-BR "Português (Brasil)" --dry-run   # show what would be written

CODE is what the build accepts: an ISO 639-1 two-letter code, optionally with a script
and/or region (de, sr-Latn, pt-BR, zh-Hant-TW, de_AT). Three-letter codes (fil, ...) are
refused: see LOCALIZING.md. NAME is the language's name in that language.

Exit codes: 0 done (or dry run), 2 invalid input or a state that makes it unsafe (the
language exists already, mkdocs.yml cannot be read, ...); in that case nothing is written.
"""

from __future__ import annotations

import argparse
import sys

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import project  # noqa: E402
from site_tools.scaffold import ScaffoldError, apply, plan  # noqa: E402


def _next_steps(result) -> str:
    code = result.code
    first = [p for p in ("index.md", "help.md") if p in result.pages]
    return f"""
Next steps (LOCALIZING.md explains each one):
  1. Look at it: ./scripts/serve.sh, then open http://127.0.0.1:8000/{code}/
     (quicker, only this language: BUILD_ONLY_LOCALE={code} ./scripts/serve.sh)
  2. Translate config/languages/{code}.yml: site_name, site_description, copyright, every
     extra.ui string (untranslated_notice first), the theme.palette toggle names and every
     nav_translations value. Contacts are not in pages: they are the country's data
     (data/countries/; scripts/country_status.py).
  3. Translate the pages in docs/{code}/, starting with {', '.join(first) or 'the home page'}, and give
     the data files' texts their {code} version: scripts/translation_status.py texts --lang {code}
     lists every one a translated page needs (--write adds them as TODO lines to fill in).
     For each finished page: delete its `translation_status: untranslated`
     line, have a second fluent reader review it, then record what it was translated from:
       scripts/translation_status.py stamp PAGE --lang {code} --write
  4. Check: scripts/translation_status.py --lang {code}   (what is pending, new or drifted)
            ./scripts/test.sh                            (build, links, translation parity)
Files to translate:
""" + "\n".join(f"  docs/{code}/{page}" for page in result.pages) + f"\n  config/languages/{code}.yml"


def _diff(before: str, after: str) -> str:
    import difflib

    return "\n".join(line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), "mkdocs.yml",
                                                           "mkdocs.yml", lineterm="", n=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", help="language code, e.g. de, pt-BR, sr-Latn")
    parser.add_argument("name", help='the language\'s own name, e.g. "Deutsch"')
    parser.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    args = parser.parse_args(argv)
    try:
        result = plan(args.code, args.name)
        if args.dry_run:
            print("Dry run: nothing written. mkdocs.yml would change like this:\n")
            print(_diff(result.mkdocs_before, result.mkdocs_after))
            print(f"{result.language_file.relative_to(project.REPO_ROOT)} would be written "
                  f"({len(result.language_text.splitlines())} lines).")
            print(f"docs/{result.code}/ would get {len(result.files)} files:")
            for rel in result.files:
                print(f"  docs/{result.code}/{rel}")
            if result.theme_strings:
                print(f"and {result.theme_strings.relative_to(project.REPO_ROOT)} (theme strings, English fallback)")
            for note in result.notes:
                print(f"Note: {note}")
            return 0
        apply(result)
    except ScaffoldError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"ERROR: could not write ({error}); nothing was kept", file=sys.stderr)
        return 2
    print(f"Added {result.name} ({result.code}): docs/{result.code}/ with {len(result.pages)} pages marked "
          f"untranslated (English text for now), config/languages/{result.code}.yml, and its entry in mkdocs.yml.")
    if result.theme_strings:
        print(f"Created {result.theme_strings.relative_to(project.REPO_ROOT)}: Material has no interface "
              "strings for this code; translate them there.")
    for note in result.notes:
        print(f"Note: {note}")
    print(_next_steps(result))
    return 0


if __name__ == "__main__":
    cli.run(main)
