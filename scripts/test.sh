#!/usr/bin/env bash
# Installs what is needed (virtual environment, pinned packages, Chromium, axe-core) and
# runs the whole test suite. Extra arguments go to pytest, e.g. ./scripts/test.sh -k print
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$repo_root"

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium from Debian's packages ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    echo "ERROR: Chromium is missing at $chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
    echo "       or point CHROMIUM at an existing Chromium binary." >&2
    exit 2
  fi
fi
if [ -f package-lock.json ] && [ ! -d node_modules/axe-core ]; then
  command -v npm >/dev/null 2>&1 || { echo "ERROR: npm is missing (Debian: apt-get install npm)." >&2; exit 2; }
  echo "Installing pinned npm packages (axe-core) ..."
  npm ci --no-audit --no-fund --loglevel=error
fi
export CHROMIUM="$chromium"
exec python -m pytest "$@"
