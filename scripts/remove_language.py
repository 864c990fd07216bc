#!/usr/bin/env python3
"""Remove a language from the site: its block in mkdocs.yml, its pages and its extra files.

A fork for another country usually drops the languages it cannot maintain (a Slovak fork
drops Hungarian). This removes, for CODE:

  * the `- locale: CODE` block in mkdocs.yml (edited as text, then read back through MkDocs
    to check that exactly that language is gone and the others are unchanged);
  * docs/CODE/ (its pages);
  * overrides/partials/languages/CODE.html (interface strings, if the scaffold made one);
  * tests/data/languages/CODE.yml (its data for the content checks).

Texts for CODE inside data/country.yml are left alone (unused texts do no harm; replace the
file with your country's anyway). The default language cannot be removed.

Examples:
  scripts/remove_language.py hu --dry-run   # show what would be removed
  scripts/remove_language.py hu

Exit codes: 0 done (or dry run); 2 unknown or default language, or mkdocs.yml cannot be
edited safely (nothing is changed then).
"""

from __future__ import annotations

import argparse
import difflib

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import project  # noqa: E402
from site_tools.scaffold import ScaffoldError, apply_removal, plan_removal  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", help="the language code as in mkdocs.yml, e.g. hu")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    args = parser.parse_args(argv)
    try:
        removal = plan_removal(args.code)
    except ScaffoldError as error:
        cli.fail(str(error))
    removed_lines = [line[1:] for line in difflib.unified_diff(
        removal.mkdocs_before.splitlines(), removal.mkdocs_after.splitlines(), lineterm="", n=0)
        if line.startswith("-") and not line.startswith("---")]
    print(f"mkdocs.yml: the {args.code} block ({len(removed_lines)} lines) is removed")
    for path in removal.paths:
        print(f"{path.relative_to(project.REPO_ROOT)}{'/' if path.is_dir() else ''} is deleted")
    if args.dry_run:
        print("Dry run: nothing was changed. Run again without --dry-run to remove the language.")
        return 0
    try:
        apply_removal(removal)
    except ScaffoldError as error:
        cli.fail(str(error))
    print(f"Removed {args.code}. Next: ./scripts/build.sh --no-pdf, then ./scripts/test.sh (LOCALIZING.md).")
    return 0


if __name__ == "__main__":
    cli.run(main)
