#!/usr/bin/env bash
# Creates .venv and installs the pinned Python packages (again only when requirements.txt
# changed). Sourced by the README commands; not meant to be run on its own.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo_root/.venv"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "ERROR: $python not found. Install Python 3.10 or newer (Debian: apt-get install python3 python3-venv)." >&2
  exit 2
fi
if [ ! -x "$venv/bin/python" ]; then
  echo "Creating virtual environment in .venv ..."
  "$python" -m venv "$venv" || { echo "ERROR: could not create .venv (Debian: apt-get install python3-venv)." >&2; exit 2; }
fi
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$repo_root/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing pinned packages from requirements.txt ..."
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$repo_root/requirements.txt"
  echo "$wanted" > "$stamp"
fi
# scripts/ is an import root of .venv, so hooks, tests and scripts all import the one shared
# package (site_tools) by name, without editing sys.path.
purelib="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
[ "$(cat "$purelib/site_tools.pth" 2>/dev/null)" = "$repo_root/scripts" ] || echo "$repo_root/scripts" > "$purelib/site_tools.pth"
export NO_MKDOCS_2_WARNING=1
export PATH="$venv/bin:$PATH"
