#!/usr/bin/env bash
# Installs what is needed, then serves the site with live reload at http://127.0.0.1:8000
# (English at /, Hungarian at /hu/). PDFs are not generated here; ./scripts/build.sh does.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$repo_root"
# --watch-theme: a change under overrides/ (CSS, JS, templates) rebuilds too; the CSS and JS
# bundles are made again at every rebuild (overrides/hooks/lean_assets.py).
exec mkdocs serve --watch-theme --dev-addr 127.0.0.1:8000 "$@"
