#!/usr/bin/env bash
# Installs what is needed, then builds the deployable site into ./site (or the folder given
# with --site-dir): strict MkDocs build, search index, and the checklist PDFs.
# --no-pdf skips the PDFs (no browser needed) for a quick preview.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$repo_root"
exec python scripts/build_site.py "$@"
