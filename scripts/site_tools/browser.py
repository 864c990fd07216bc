"""Debian's Chromium driven by Playwright, with the flags this project's machines need.

Never downloads a browser: the binary comes from the system (CHROMIUM, default
/usr/bin/chromium), installed by ./scripts/test.sh when it is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise FileNotFoundError(
            f"Chromium not found at {path}: run ./scripts/test.sh (it installs Debian's chromium) "
            "or set CHROMIUM to a Chromium binary."
        )
    return path


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
    )
