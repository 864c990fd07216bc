#!/usr/bin/env python3
"""Add a language to the site in one step: pages, configuration, notices. Then translate.

Copies every English page into docs/CODE/ (marked `translation_status: untranslated`, so
each shows "This page has not been translated yet" until you translate it), and adds the
language to mkdocs.yml right after the last language, with its site name, interface
strings, country data and navigation titles still in English, ready to translate. The site
builds, and the language appears in the language menu, straight away.

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
  2. Translate the new block in mkdocs.yml (plugins > i18n > languages > {code}): site_name,
     site_description, copyright, every extra.ui string (untranslated_notice first), the
     theme.palette toggle names and every nav_translations value. Contacts are not in pages:
     they are the country's data (data/country.yml; scripts/country_status.py).
  3. Translate the pages in docs/{code}/, starting with {', '.join(first) or 'the home page'}, and give
     the data files' texts their {code} version (the build names any that a translated page needs).
     For each finished page: delete its `translation_status: untranslated`
     line, have a second fluent reader review it, then record what it was translated from:
       scripts/translation_status.py stamp PAGE --lang {code} --write
  4. Check: scripts/translation_status.py --lang {code}   (what is pending, new or drifted)
            ./scripts/test.sh                            (build, links, translation parity)
Files to translate:
""" + "\n".join(f"  docs/{code}/{page}" for page in result.pages) + f"\n  mkdocs.yml (the {code} block)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", help="language code, e.g. de, pt-BR, sr-Latn")
    parser.add_argument("name", help='the language\'s own name, e.g. "Deutsch"')
    parser.add_argument("--dry-run", action="store_true", help="print the mkdocs.yml block and the file list; write nothing")
    args = parser.parse_args(argv)
    try:
        result = plan(args.code, args.name)
        if args.dry_run:
            print("Dry run: nothing written. mkdocs.yml would get this block after the last language:\n")
            print(result.block)
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
          f"untranslated (English text for now), and its block in mkdocs.yml.")
    if result.theme_strings:
        print(f"Created {result.theme_strings.relative_to(project.REPO_ROOT)}: Material has no interface "
              "strings for this code; translate them there.")
    for note in result.notes:
        print(f"Note: {note}")
    print(_next_steps(result))
    return 0


if __name__ == "__main__":
    cli.run(main)
