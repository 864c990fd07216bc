#!/usr/bin/env python3
"""Build the deployable site: strict MkDocs build (with the search index), then checklist PDFs.

Examples:
  ./scripts/build.sh                  # -> ./site, PDFs included
  ./scripts/build.sh --no-pdf         # quick preview build, no browser needed
  ./scripts/build.sh --site-dir /tmp/s

Exit codes: 0 built, 1 the build failed (the reason is printed), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools.build import BuildError, build_site  # noqa: E402
from site_tools.project import REPO_ROOT  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO_ROOT / "site", help="output folder (default: ./site)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the checklist PDFs (no Chromium needed)")
    args = parser.parse_args(argv)
    try:
        result = build_site(args.site_dir.resolve(), pdfs=not args.no_pdf)
    except BuildError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    for line in result.summary():
        print(line)
    return 0


if __name__ == "__main__":
    cli.run(main)
