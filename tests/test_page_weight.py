"""Issue 6: pages stay light on a phone connection. Budgets on the built files (gzip -9, as
a static host sends them); scripts/benchmark.py measures the real transfer with Lighthouse."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from site_tools import project

from conftest import load_hook
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


def _shipped_own_files(site_dir: Path) -> list[Path]:
    """Our files as shipped: the stylesheet, our script bundle, and whatever of ours ships alone."""
    bundles = sorted((site_dir / "assets" / "stylesheets").glob("*.css"))
    bundles += sorted((site_dir / "assets" / "javascripts").glob("overrides.*.min.js"))
    alone = [site_dir / source.relative_to(OVERRIDES) for source in sorted((OVERRIDES / "assets").rglob("*"))
             if source.suffix in (".css", ".js") and (site_dir / source.relative_to(OVERRIDES)).exists()]
    return bundles + alone


def test_own_css_and_js_ship_without_comments(site_dir):
    """overrides/hooks/lean_assets.py minifies them: readers should not download comments."""
    shipped = {path: path.read_text(encoding="utf-8") for path in _shipped_own_files(site_dir)}
    problems = []
    for source in sorted((OVERRIDES / "assets").rglob("*")):
        if source.suffix not in (".css", ".js"):
            continue
        where = source.relative_to(project.REPO_ROOT)
        for path, text in shipped.items():
            left = [piece for piece in _comment_texts(source) if piece in text]
            if left:
                problems.append(f"{path.relative_to(site_dir)} still has comments of {where}, e.g. {left[0]!r}")
    assert not problems, ("Register overrides/hooks/lean_assets.py under hooks: in mkdocs.yml, and check that "
                          "it minifies every file:\n" + "\n".join(problems))


def _own_links(html_path: Path, site_dir: Path) -> tuple[list[str], list[str]]:
    """(stylesheets, scripts) a page loads, as site paths, in document order."""
    html = html_path.read_text(encoding="utf-8")
    def site_path(ref: str) -> str:
        return (html_path.parent / ref).resolve().relative_to(site_dir.resolve()).as_posix() if not ref.startswith("/") else ref.lstrip("/")
    sheets = [site_path(ref) for ref in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
    scripts = [site_path(ref) for ref in re.findall(r'<script src="([^"]+)"', html)]
    return sheets, scripts


def test_every_page_loads_one_stylesheet_and_one_script_of_ours(site_dir):
    """Each file is a request (headers and a round trip): every page links one stylesheet (ours
    joined with Material's by unused_css.py) and one script of ours, right before Material's
    bundle (lean_assets.py, main.html)."""
    sources = {source.relative_to(OVERRIDES).as_posix() for source in (OVERRIDES / "assets").rglob("*")
               if source.suffix in (".css", ".js")}
    problems = []
    pages = [page.html_path for page in built_pages(site_dir, LANGUAGES)] + sorted(site_dir.rglob("404.html"))
    for html_path in pages:
        where = html_path.relative_to(site_dir)
        sheets, scripts = _own_links(html_path, site_dir)
        ours_js = [path for path in scripts if path.startswith("assets/javascripts/overrides.")]
        material_js = [i for i, path in enumerate(scripts) if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", path)]
        if len(sheets) != 1:
            problems.append(f"{where}: stylesheets {sheets}: expected one")
        if len(ours_js) != 1 or not material_js or scripts.index(ours_js[0]) != material_js[0] - 1:
            problems.append(f"{where}: scripts {scripts}: expected our one bundle right before Material's")
        direct = sorted(set(sheets + scripts) & sources)
        if direct:
            problems.append(f"{where}: loads {direct} on its own, not in the bundle")
        for path in sheets + ours_js:
            if not (site_dir / path).is_file():
                problems.append(f"{where}: {path} does not exist")
    assert not problems, ("overrides/hooks/lean_assets.py, overrides/hooks/unused_css.py, overrides/main.html "
                          "(block scripts):\n" + "\n".join(problems[:20]))


def test_bundles_hold_every_listed_source_in_order(site_dir):
    """The shipped stylesheet ends with our listed stylesheets and our script bundle is our listed
    scripts, minified, in mkdocs.yml's order; nothing of them is shipped twice."""
    lean = load_hook("lean_assets")
    config = project.load_mkdocs_config()
    css = [str(path) for path in config.extra_css if (OVERRIDES / str(path)).is_file()]
    js = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    js = [path for path in js if (OVERRIDES / path).is_file()]
    assert "assets/stylesheets/print.css" in css and "assets/javascripts/material-fixes.js" == js[0], (
        "mkdocs.yml: print.css in extra_css, material-fixes.js first in extra_javascript")
    for paths, suffix, pattern in ((css, ".css", "stylesheets/*.css"), (js, ".js", "javascripts/overrides.*.min.js")):
        bundles = sorted((site_dir / "assets").glob(pattern))
        assert len(bundles) == 1, f"expected one file assets/{pattern}, found {[b.name for b in bundles]}"
        text = bundles[0].read_text(encoding="utf-8")
        positions = [text.find(lean.minify((OVERRIDES / path).read_text(encoding="utf-8"), suffix).rstrip("\n"))
                     for path in paths]
        missing = [path for path, at in zip(paths, positions) if at < 0]
        assert not missing, f"{bundles[0].name} lacks {missing} (overrides/hooks/lean_assets.py)"
        assert positions == sorted(positions), f"{bundles[0].name}: sources out of mkdocs.yml's order {paths}"
        if suffix == ".css":
            assert text.rstrip("\n").endswith(lean.minify((OVERRIDES / paths[-1]).read_text(encoding="utf-8"), suffix).rstrip("\n")), (
                f"{bundles[0].name}: our stylesheets must come last, after Material's (the cascade)")
        shipped_alone = [path for path in paths if (site_dir / path).exists()]
        assert not shipped_alone, f"{shipped_alone} are shipped on their own as well as in {bundles[0].name}"
