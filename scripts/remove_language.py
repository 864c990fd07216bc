#!/usr/bin/env python3
"""Switch a language off: the site stops building it, and its files stay.

A fork for another country usually drops the languages it will not maintain (a Canadian fork
drops Hungarian). Switching a language off sets `build: false` on its entry in mkdocs.yml,
the fork's own file: the language is no longer built, offered in the language menu or
checked by the tests. Its files (docs/CODE/, config/languages/CODE.yml) stay as upstream
has them, so `git merge upstream/main` keeps bringing in upstream's changes to them without
conflicts, and switching the language back on is one line.

--delete also deletes them: the entry in mkdocs.yml, docs/CODE/, config/languages/CODE.yml,
overrides/partials/languages/CODE.html (if the scaffold made one) and
tests/data/languages/CODE.yml. The cost: every later upstream change to one of those files is
a merge conflict ("modify/delete") that you resolve by deleting the file again
(`git rm <file>`, then `git commit`). Only do this for a language you added yourself.

Texts for CODE inside data/ are left alone (unused texts do no harm). The default language
cannot be switched off.

Examples:
  scripts/remove_language.py hu --dry-run   # show what would change
  scripts/remove_language.py hu             # switch Hungarian off, keep its files
  scripts/remove_language.py sk --delete    # remove a language you added, files and all

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
    parser.add_argument("--delete", action="store_true",
                        help="also delete its files (upstream's later changes to them become merge conflicts)")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    args = parser.parse_args(argv)
    try:
        removal = plan_removal(args.code, delete=args.delete)
    except ScaffoldError as error:
        cli.fail(str(error))
    print("\n".join(difflib.unified_diff(removal.mkdocs_before.splitlines(), removal.mkdocs_after.splitlines(),
                                         "mkdocs.yml", "mkdocs.yml", lineterm="", n=1)))
    for path in removal.paths:
        print(f"{path.relative_to(project.REPO_ROOT)}{'/' if path.is_dir() else ''} is deleted")
    if args.dry_run:
        print("Dry run: nothing was changed. Run again without --dry-run to do it.")
        return 0
    try:
        apply_removal(removal)
    except ScaffoldError as error:
        cli.fail(str(error))
    if args.delete:
        print(f"Removed {args.code} and its files. If upstream maintains this language, every upstream change to "
              "those files will now be a merge conflict: resolve each by deleting the file again (git rm).")
    else:
        print(f"Switched {args.code} off: not built, not in the language menu. docs/{args.code}/ and "
              f"config/languages/{args.code}.yml stay, so upstream's changes to them merge cleanly; to switch it "
              f"back on, delete its `build: false` line in mkdocs.yml.")
    print("Next: ./scripts/build.sh --no-pdf, then ./scripts/test.sh --fast (LOCALIZING.md).")
    return 0


if __name__ == "__main__":
    cli.run(main)
