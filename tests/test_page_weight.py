"""Issue 6: pages stay light on a phone connection. Budgets on the built files (gzip -9, as
a static host sends them); scripts/benchmark.py measures the real transfer with Lighthouse."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from site_tools import project
from site_tools.built import built_pages

LANGUAGES = project.languages()
HTML_BUDGET = 14 * 1024  # a page's HTML, compressed: fits the first round trips
OVERRIDES = project.REPO_ROOT / "overrides"


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_every_page_html_is_within_budget(site_dir):
    heavy = []
    for page in built_pages(site_dir, LANGUAGES):
        size = _gzip_size(page.html_path)
        if size > HTML_BUDGET:
            heavy.append(f"{page.source_file}: {size / 1024:.1f} KB compressed > {HTML_BUDGET / 1024:.0f} KB; split the page")
    assert not heavy, "\n".join(heavy)


def test_own_css_and_js_ship_without_comments(site_dir):
    """overrides/hooks/lean_assets.py strips comments: readers should not download them."""
    problems = []
    for source in sorted((OVERRIDES / "assets").rglob("*")):
        if source.suffix not in (".css", ".js"):
            continue
        shipped = site_dir / source.relative_to(OVERRIDES)
        if not shipped.exists():
            continue
        text = shipped.read_text(encoding="utf-8")
        comment = r"/\*" if source.suffix == ".css" else r"^\s*(//|/\*)"
        if re.search(comment, text, re.M):
            problems.append(f"{shipped.relative_to(site_dir)} still has comments (from {source.relative_to(project.REPO_ROOT)})")
    assert not problems, "Register overrides/hooks/lean_assets.py under hooks: in mkdocs.yml:\n" + "\n".join(problems)
