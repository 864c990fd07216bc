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


# Comments as written in the sources: /* ... */ blocks, and // comments that start a line or
# follow code after a space (not the // of a URL). Read from the source, not the output, so the
# test does not share the minifier's idea of a comment.
_SOURCE_COMMENTS = {
    ".css": re.compile(r"/\*(.*?)\*/", re.S),
    ".js": re.compile(r"/\*(.*?)\*/|(?:^|[ \t])//[ \t]([^\n]*)", re.S | re.M),
}


def _comment_texts(source: Path) -> list[str]:
    """Distinctive pieces of every comment in a source file (each line of a comment, from 15
    characters), the way a reader would recognise them in the shipped file."""
    pieces = []
    for match in _SOURCE_COMMENTS[source.suffix].finditer(source.read_text(encoding="utf-8")):
        text = next(group for group in match.groups() if group is not None)
        for line in text.splitlines():
            line = line.strip(" *\t")
            if len(line) >= 15:
                pieces.append(line[:60])
    return pieces


def test_own_css_and_js_ship_without_comments(site_dir):
    """overrides/hooks/lean_assets.py minifies them: readers should not download comments."""
    problems = []
    for source in sorted((OVERRIDES / "assets").rglob("*")):
        if source.suffix not in (".css", ".js"):
            continue
        where = source.relative_to(project.REPO_ROOT)
        shipped = site_dir / source.relative_to(OVERRIDES)
        if not shipped.exists():
            problems.append(f"{where} was not copied to {shipped.relative_to(site_dir)}: "
                            "is overrides/ still the theme's custom_dir in mkdocs.yml?")
            continue
        text = shipped.read_text(encoding="utf-8")
        left = [piece for piece in _comment_texts(source) if piece in text]
        if left:
            problems.append(f"{shipped.relative_to(site_dir)} still has comments of {where}, e.g. {left[0]!r}")
    assert not problems, ("Register overrides/hooks/lean_assets.py under hooks: in mkdocs.yml, and check that "
                          "it minifies every file:\n" + "\n".join(problems))
