"""Issue 5: links in the built site, every language, offline.

Internal links and #anchors must resolve (an anchor to exactly one id: missing and ambiguous
anchors are separate failures); external links must be https (mailto:/tel: allowed) and carry
no tracking parameters. The checker (site_tools.links) is also run on a small hand-made site
so that each kind of problem is known to be caught. Dead external sites are checked only on
request, with internet: scripts/check_external_links.py (never in this suite).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from site_tools import links, project
from site_tools.markdown_outline import outline_file

LANGUAGES = project.languages()
SITE_URL = project.load_mkdocs_config().site_url or "/"
REPO_ROOT = project.REPO_ROOT


@pytest.fixture(scope="module")
def checked_files() -> list:
    return []


@pytest.fixture(scope="module")
def problems(site_dir, checked_files) -> list[links.LinkProblem]:
    return links.check_site(site_dir, LANGUAGES, SITE_URL, checked=checked_files)


def _with_line(problem: links.LinkProblem) -> str:
    """The problem, plus the Markdown line when the link is written verbatim there."""
    text = str(problem)
    if problem.in_content and problem.source.startswith("docs/"):
        language, page = problem.source.split("/", 2)[1:]
        outline = outline_file(REPO_ROOT / problem.source, page, problem.source)
        lines = [link.line for link in outline.links if link.target == problem.href]
        if lines:
            text += f" (line {lines[0]})"
    return text


def _assert_none(problems, kinds, advice):
    found = [p for p in problems if p.kind in kinds]
    assert not found, advice + "\n" + "\n".join(_with_line(p) for p in found)


def test_every_internal_link_resolves(problems):
    _assert_none(problems, {links.MISSING_FILE},
                 "Links to pages or files that the build did not produce (link to the .md file, relative to the page):")


def test_every_anchor_exists(problems):
    _assert_none(problems, {links.MISSING_ANCHOR},
                 "Links to #anchors that no element has (use the heading's explicit {#id}, identical in every language):")


def test_no_anchor_is_ambiguous(problems):
    _assert_none(problems, {links.AMBIGUOUS_ANCHOR},
                 "Links to #anchors that several elements share (give each heading its own {#id}):")


def test_external_links_are_https_without_tracking(problems):
    _assert_none(problems, {links.NOT_HTTPS, links.TRACKING, links.BAD_SCHEME},
                 "External links must be https:// (or mailto:/tel:) and must not carry tracking parameters:")


def test_every_built_html_file_was_checked(site_dir, problems, checked_files):
    """Guards the checker itself: it must read every page and not-found page of every language."""
    checked = {path.resolve() for path in checked_files}
    missed = []
    for language in LANGUAGES:
        for page in project.page_paths(language):
            path = project.built_html_path(site_dir, language, page).resolve()
            if path not in checked:
                missed.append(f"{path.relative_to(site_dir.resolve())} (from docs/{language.locale}/{page})")
        not_found = (site_dir / language.site_prefix / "404.html").resolve()
        if not_found not in checked:
            missed.append(f"{not_found.relative_to(site_dir.resolve())} (overrides/404.html)")
    assert not missed, "site_tools.links.check_site did not check these built files:\n" + "\n".join(missed)


# --------------------------------------------------------------------------- the checker itself


def _page(body: str, title: str = "t") -> str:
    return (f"<!doctype html><html><head><title>{title}</title>"
            '<link rel="stylesheet" href="../assets/site.css"></head>'
            f'<body><nav><a href="../">Home</a></nav><article class="md-content__inner">{body}</article></body></html>')


def test_checker_finds_each_kind_of_problem(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("")
    (tmp_path / "index.html").write_text(_page('<h2 id="top">x</h2>').replace("../", ""))
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "index.html").write_text(_page(
        '<h2 id="police">Police</h2><h2 id="twice">a</h2><p id="twice">b</p>'
        '<a href="#police">ok anchor</a>'
        '<a href="../#top">ok other page</a>'
        '<a href="https://grooming-awareness.example/help/#police">ok absolute</a>'
        '<a href="mailto:x@example.org">mail</a><a href="tel:112">112</a><a href="sms:686868">text</a>'
        '<a href="https://example.org/a?id=3">ok external</a>'
        '<a href="../nowhere/">Lost page</a>'
        '<a href="#rendorseg">Lost anchor</a>'
        '<a href="#twice">Twice</a>'
        '<a href="http://example.org/">Plain http</a>'
        '<a href="https://example.org/?utm_source=news&amp;x=1">Tracked</a>'
        '<a href="https://example.org/?fbclid=abc">Facebook</a>'
        '<a href="javascript:alert(1)">Script</a>'
        '<img src="../assets/missing.png" alt="Missing image">'))
    found = links.check_html(tmp_path, tmp_path / "help" / "index.html", "https://grooming-awareness.example/",
                             "docs/en/help.md")
    got = sorted((p.kind, p.text) for p in found)
    assert got == sorted([
        (links.MISSING_FILE, "Lost page"),
        (links.MISSING_ANCHOR, "Lost anchor"),
        (links.AMBIGUOUS_ANCHOR, "Twice"),
        (links.NOT_HTTPS, "Plain http"),
        (links.TRACKING, "Tracked"),
        (links.TRACKING, "Facebook"),
        (links.BAD_SCHEME, "Script"),
        (links.MISSING_FILE, "Missing image"),
    ]), "\n".join(map(str, found))
    message = str(next(p for p in found if p.text == "Lost page"))
    assert "/help/" in message and "docs/en/help.md" in message and "Lost page" in message


def test_broken_links_in_a_translated_page_are_reported(site_dir, tmp_path):
    """A translated page's broken links, in a copy of the built site: each reported with the
    page's address and its Markdown file."""
    if len(LANGUAGES) < 2:
        pytest.skip("one language: no translated page")
    language = LANGUAGES[1]
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = project.built_html_path(site, language, "help.md")
    html = page.read_text(encoding="utf-8")
    assert "</article>" in html, f"{page}: no </article> to add the links before"
    page.write_text(html.replace("</article>", '<p><a href="../nincs-ilyen-oldal/">Sehova</a> '
                                 '<a href="#nincs-ilyen-horgony">Sehol</a> '
                                 '<a href="https://example.org/?utm_source=teszt">Követett</a></p></article>', 1),
                    encoding="utf-8")
    found = links.check_site(site, LANGUAGES, SITE_URL)
    source, url = language.source_file("help.md"), f"{language.site_prefix}help/"
    mine = [p for p in found if p.source == source and p.page_url == url]
    assert {(p.kind, p.text) for p in mine} == {(links.MISSING_FILE, "Sehova"), (links.MISSING_ANCHOR, "Sehol"),
                                                (links.TRACKING, "Követett")}, "\n".join(map(str, found))
    assert len(found) == 3, "only the three planted links are broken:\n" + "\n".join(map(str, found))
    for problem in mine:
        assert source in str(problem) and f"/{url}" in str(problem), str(problem)


def test_external_link_checker_reports_dead_links_locally(tmp_path):
    """scripts/check_external_links.py's HTTP logic, against a local server (no internet)."""
    from check_external_links import check_url  # scripts/ is on sys.path (conftest.py)

    from site_tools.serve import serve_directory

    (tmp_path / "ok.html").write_text("fine")
    with serve_directory(tmp_path) as url:
        assert check_url(url + "ok.html", timeout=5).ok
        dead = check_url(url + "gone.html", timeout=5)
        assert not dead.ok and dead.status == 404, dead


def test_external_link_checker_lists_urls_offline():
    """--list collects the URLs from the Markdown sources without touching the network."""
    done = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "check_external_links.py"), "--list"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    urls = [line.split()[0] for line in done.stdout.splitlines() if line.startswith("https://")]
    assert urls, "no external URL found in docs/: --list is broken"


@pytest.mark.parametrize("href,site_url,external", [
    ("https://example.org/page", "https://grooming-awareness.example/", True),
    ("http://example.org/", "https://grooming-awareness.example/", True),
    ("//example.org/x", "https://grooming-awareness.example/", True),
    ("HTTPS://EXAMPLE.ORG/", "https://grooming-awareness.example/", True),
    ("https://grooming-awareness.example/help/", "https://grooming-awareness.example/", False),
    ("https://GROOMING-awareness.example/", "https://grooming-awareness.example/", False),
    ("../help/", "https://grooming-awareness.example/", False),
    ("#where-to-start", "https://grooming-awareness.example/", False),
    ("tel:116111", "https://grooming-awareness.example/", False),
    ("sms:686868", "https://grooming-awareness.example/", False),
    ("mailto:a@example.org", "https://grooming-awareness.example/", False),
    # A project site on GitHub Pages shares its host with other sites.
    ("https://example-ngo.github.io/other-site/", "https://example-ngo.github.io/grooming-xr/", True),
    ("https://example-ngo.github.io/grooming-xr/help/", "https://example-ngo.github.io/grooming-xr/", False),
    ("https://example-ngo.github.io/grooming-xr", "https://example-ngo.github.io/grooming-xr/", False),
    ("https://example.org/", None, True),
])
def test_is_external_is_leaving_the_site(href, site_url, external):
    """site_tools.links.is_external: the one answer for the external-links hook, the link
    check and the privacy test (literal cases, so that the three cannot agree on a mistake)."""
    assert links.is_external(href, site_url) is external, f"{href!r} on {site_url!r}"
