#!/usr/bin/env bash
# Installs what is needed (virtual environment, pinned packages, Chromium, npm packages) and
# runs the whole test suite. Extra arguments go to pytest, e.g. ./scripts/test.sh -k print
#
#   ./scripts/test.sh --fast [pytest args]   every test that needs no browser, npm or PDFs
#                                            (-m "not browser and not npm"): runs with
#                                            CHROMIUM=/nonexistent
#   ./scripts/test.sh -m critical             quick exit and one-sheet printing, in Chromium too
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$repo_root"

if [ "${1:-}" = "--fast" ]; then
  shift
  # conftest.py builds the site without PDFs when no selected test is marked `browser`. No
  # Chromium: a fast-lane test that tried to start one would fail, so every run proves it.
  export CHROMIUM=/nonexistent
  exec python -m pytest -m "not browser and not npm" "$@"
fi

chromium="${CHROMIUM:-/usr/bin/chromium}"
# Debian packages the browser tests need: Chromium and the fonts the PDFs are printed with
# (the same as .github/workflows/pages.yml), and Java for the Nu HTML checker (vnu-jar).
missing=()
[ -x "$chromium" ] || missing+=(chromium fonts-liberation fonts-dejavu-core)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing from Debian's packages: ${missing[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ERROR: missing ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]})," >&2
    echo "       or point CHROMIUM at an existing Chromium binary; ./scripts/test.sh --fast needs none." >&2
    exit 2
  fi
fi
# npm ci writes node_modules/.package-lock.json; a newer package-lock.json means new pins.
if [ -f package-lock.json ] && { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  command -v npm >/dev/null 2>&1 || { echo "ERROR: npm is missing (Debian: apt-get install npm)." >&2; exit 2; }
  echo "Installing pinned npm packages (package-lock.json) ..."
  npm ci --no-audit --no-fund --loglevel=error
fi
export CHROMIUM="$chromium"
exec python -m pytest "$@"
