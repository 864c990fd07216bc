"""Issue 2: the bilingual build itself: strict, complete, correct lang/hreflang/sitemap, private."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from site_tools import project
from site_tools.markdown_outline import outline_file
from site_tools.parity import is_pending
from site_tools.build import BuildError, mkdocs_build
from site_tools.built import built_pages, parse_html
from site_tools.checklists import PDFS_ENV

from conftest import made

LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]


def test_every_page_exists_in_every_language():
    expected = set(project.page_paths(DEFAULT))
    problems = []
    for language in LANGUAGES[1:]:
        present = set(project.page_paths(language))
        for missing in sorted(expected - present):
            problems.append(f"docs/{language.locale}/{missing} is missing (translate docs/{DEFAULT.locale}/{missing})")
        for extra in sorted(present - expected):
            problems.append(f"docs/{language.locale}/{extra} has no docs/{DEFAULT.locale}/{extra}: add the English page or remove it")
    assert not problems, "\n".join(problems)


def project_copy(target: Path) -> Path:
    """What a build reads, copied: mkdocs.yml, config/, docs/, overrides/, data/."""
    root = project.REPO_ROOT
    target.mkdir(parents=True)
    shutil.copy2(root / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("config", "docs", "overrides", "data"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, target / folder)
    return target


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _make_missing_page_build(tmp_path_factory, config):
    """A copy of the project without one translated page, built over a previous site."""
    language, page = LANGUAGES[1], "help.md"
    base = tmp_path_factory.mktemp("missing-page")
    copy = project_copy(base / "project")
    (copy / "docs" / language.locale / page).unlink()
    site = base / "www" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    before = _tree(site)
    try:
        mkdocs_build(site, extra_env={PDFS_ENV: "0"}, project_dir=copy)
        error = None
    except BuildError as failed:
        error = str(failed)
    return {"error": error, "before": before, "after": _tree(site), "site": site, "base": base,
            "next_to_it": sorted(p.name for p in site.parent.iterdir())}


MADE_AHEAD = {"missing_page_build": _make_missing_page_build} if len(LANGUAGES) > 1 else {}


@pytest.fixture(scope="module")
def missing_page_build(tmp_path_factory, pytestconfig):
    if len(LANGUAGES) < 2:
        pytest.skip("one language: no translation can be missing")
    return made("missing_page_build", lambda: _make_missing_page_build(tmp_path_factory, pytestconfig))


def test_missing_translation_fails_instead_of_falling_back_to_english(missing_page_build):
    # With fallback_to_default the plugin silently serves English text as lang="hu", listed
    # as the Hungarian page in hreflang and the sitemap; the strict build must fail instead.
    # And the failed build leaves the previous site exactly as it was (site_tools.build.building).
    language, page = LANGUAGES[1], "help.md"
    result = missing_page_build
    if result["error"] is not None:
        assert page in result["error"], (f"The build failed, but not because docs/{language.locale}/{page} is "
                                         f"missing:\n{result['error']}")
        # One line that names the file and the command that adds it, before anything renders
        # (overrides/hooks/i18n_pages.py), not a warning for every link to the missing page.
        assert f"page(s) missing: docs/{language.locale}/{page}" in result["error"] and \
            "translation_status.py update" in result["error"], (
            f"the build must stop at once naming docs/{language.locale}/{page} and the command that adds it "
            f"(overrides/hooks/i18n_pages.py):\n{result['error'][-2000:]}")
        assert result["after"] == result["before"], (
            f"the failed build changed {result['site']}: a build must go to a temporary folder and replace the "
            "site only when it succeeds (site_tools/build.py, building)")
        assert result["next_to_it"] == ["site"], f"the failed build left {result['next_to_it']} next to the site"
        return
    built = result["site"] / language.site_prefix / project.page_url(page) / "index.html"
    pytest.fail(
        f"With docs/{language.locale}/{page} deleted, `mkdocs build --strict` succeeded"
        + (f" and wrote {built.relative_to(result['base'])} from the {DEFAULT.locale} text" if built.exists() else "")
        + ". mkdocs.yml: set `fallback_to_default: false` in the i18n plugin block; forks that are still "
        "translating scaffold untranslated pages with scripts/new_language.py instead.")


def test_a_failed_build_leaves_no_site_folder(tmp_path):
    """Invalid country data stops the build at once: no site folder, nothing next to it."""
    copy = project_copy(tmp_path / "project")
    data = copy / "data" / "countries" / f"{project.country_code()}.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("quick_exit_url: https://", "quick_exit_url: http://", 1),
                    encoding="utf-8")
    site = tmp_path / "www" / "site"
    with pytest.raises(BuildError, match="quick_exit_url"):
        mkdocs_build(site, extra_env={PDFS_ENV: "0"}, project_dir=copy)
    assert list((tmp_path / "www").iterdir()) == [], f"a failed build left {list((tmp_path / 'www').iterdir())}"


def test_failing_pdfs_leave_the_previous_site(tmp_path, monkeypatch):
    """build_site() replaces the site only when the PDFs are made too (no MkDocs run here:
    the MkDocs step is replaced by one that writes a page)."""
    from site_tools import build, pdfs

    def fake_mkdocs(site_dir, extra_env=None, project_dir=None):
        (site_dir / "index.html").write_text("new", encoding="utf-8")
        return build.BuildResult(site_dir, "", 0.0)

    def failing_pdfs(site_dir):
        raise RuntimeError("Chromium crashed")

    monkeypatch.setattr(build, "_mkdocs_build_into", fake_mkdocs)
    monkeypatch.setattr(pdfs, "generate_pdfs", failing_pdfs)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="Chromium crashed"):
        build.build_site(site, pdfs=True)
    assert _tree(site) == {"index.html": b"old"} and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    result = build.build_site(site, pdfs=False)
    assert _tree(site) == {"index.html": b"new"} and result.site_dir == site
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "the previous site was not cleaned up"


def _site_path_for(url: str, site_url: str) -> str:
    """Map an absolute URL under site_url to a path below the site root."""
    base = urlsplit(site_url).path
    path = urlsplit(url).path
    assert path.startswith(base), f"{url} is not under site_url {site_url}"
    return path[len(base):]


@pytest.fixture(scope="module")
def pages(site_dir):
    return built_pages(site_dir, LANGUAGES)


def test_html_lang_matches_language(pages):
    wrong = []
    for page in pages:
        lang = page.soup().html.get("lang")
        if lang != page.language.locale:
            wrong.append(f"{page.url_path} (from {page.source_file}) has <html lang=\"{lang}\">, expected \"{page.language.locale}\"")
    assert not wrong, "\n".join(wrong)


def _pending(language, source: str) -> bool:
    return is_pending(outline_file(language.docs_dir / source, source))


def test_translated_pages_show_no_untranslated_notice(pages):
    """Only a page marked `translation_status: untranslated` says so (test_rtl.py checks that
    those do): a translated page, or the default language's, never carries the notice."""
    wrong = []
    for page in pages:
        if _pending(page.language, page.source):
            continue
        marked = page.soup().select(".untranslated-notice, .untranslated-content")
        if marked:
            wrong.append(f"{page.url_path} (from {page.source_file}, translated) shows the untranslated notice "
                         f"{marked[0].attrs}: overrides/hooks/untranslated_pages.py must mark pending pages only")
    assert not wrong, "\n".join(wrong)


def _offered(page) -> set[str]:
    """The languages a page is offered to search engines in: those it is translated into
    (a pending page is the English text, marked noindex), and its own."""
    return {language.locale for language in LANGUAGES
            if language == page.language or not _pending(language, page.source)}


def test_hreflang_alternates_are_absolute_complete_and_resolve(pages, site_dir):
    site_url = project.load_mkdocs_config().site_url
    problems = []
    for page in pages:
        links = page.soup().select('head link[rel="alternate"][hreflang]')
        found = {link["hreflang"]: link["href"] for link in links}
        wanted = _offered(page) | {"x-default"}
        if set(found) != wanted:
            problems.append(f"{page.url_path}: hreflang set {sorted(found)} != {sorted(wanted)}")
            continue
        for hreflang, href in found.items():
            if not href.startswith(("https://", "http://")):
                problems.append(f"{page.url_path}: hreflang={hreflang} href={href!r} is relative; make it absolute from site_url")
                continue
            target = site_dir / _site_path_for(href, site_url) / "index.html"
            if not target.exists():
                problems.append(f"{page.url_path}: hreflang={hreflang} points to {href}, which was not built")
        if found.get("x-default") != found.get(DEFAULT.locale):
            problems.append(f"{page.url_path}: x-default should equal the {DEFAULT.locale} alternate")
        # Each alternate is exactly this page in that language (the page itself for its own).
        for language in (language for language in LANGUAGES if language.locale in wanted):
            expected = urljoin(site_url, language.site_prefix + project.page_url(page.source))
            if found[language.locale] != expected:
                problems.append(f"{page.url_path} ({page.source_file}): hreflang={language.locale} is "
                                f"{found[language.locale]}, expected {expected} (overrides/hooks/i18n_pages.py)")
    assert not problems, "\n".join(problems)


def test_meta_description_is_in_the_page_language(pages):
    by_source = {}
    for page in pages:
        if _pending(page.language, page.source):
            continue  # an untranslated copy keeps the English description until it is translated
        meta = page.soup().find("meta", attrs={"name": "description"})
        assert meta and meta.get("content"), f"{page.source_file}: add a `description:` to its front matter"
        by_source.setdefault(page.source, {})[page.language.locale] = meta["content"]
    same = [f"{src}: identical description in {sorted(d)}" for src, d in by_source.items() if len(set(d.values())) < len(d)]
    assert not same, "Translate the `description:` front matter:\n" + "\n".join(same)


def test_sitemap_lists_every_page_with_alternates(pages, site_dir):
    site_url = project.load_mkdocs_config().site_url
    tree = ET.parse(site_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        entries[_site_path_for(loc, site_url)] = {l.get("hreflang") for l in url.findall("x:link", ns)}
    problems = []
    for page in pages:
        if _pending(page.language, page.source):
            if page.url_path in entries:
                problems.append(f"sitemap.xml lists {page.url_path}, which is still the English text "
                                f"({page.source_file} is untranslated): overrides/hooks/robots.py")
            continue
        wanted = {locale for locale in _offered(page)}
        if page.url_path not in entries:
            problems.append(f"sitemap.xml lacks {page.url_path} ({page.source_file})")
        elif entries[page.url_path] != wanted:
            problems.append(f"sitemap.xml entry {page.url_path} has alternates {sorted(entries[page.url_path])}, "
                            f"expected {sorted(wanted)} (the languages it is translated into)")
    assert not problems, "\n".join(problems)


def test_each_language_has_its_own_not_found_page(site_dir):
    for language in LANGUAGES:
        path = site_dir / language.site_prefix / "404.html"
        assert path.exists(), f"{path} was not written (see overrides/hooks/i18n_pages.py)"
        soup = parse_html(path)
        assert soup.html.get("lang") == language.locale, f"{path}: lang={soup.html.get('lang')}, expected {language.locale}"
        title = language.extra["ui"]["not_found_title"]
        assert soup.h1 and soup.h1.get_text(strip=True) == title, f"{path}: <h1> should read {title!r}"


_RESOURCE_ATTRS = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src",
                   "audio": "src", "video": "src", "embed": "src", "object": "data", "track": "src"}


def _is_third_party(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.I)) and not url.startswith("data:")


def test_no_page_or_stylesheet_loads_anything_from_another_origin(site_dir):
    problems = []
    for html in sorted(site_dir.rglob("*.html")):
        soup = parse_html(html)
        for tag, attr in _RESOURCE_ATTRS.items():
            for element in soup.find_all(tag):
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "preconnect", "dns-prefetch", "manifest"}:
                    continue  # canonical / alternate links are not fetched by browsers
                url = element.get(attr) or ""
                for candidate in [url] + [s.split()[0] for s in (element.get("srcset") or "").split(",") if s.strip()]:
                    if candidate and _is_third_party(candidate):
                        problems.append(f"{html.relative_to(site_dir)}: <{tag} {attr}={candidate!r}> loads from another origin")
        for style in soup.find_all("style"):
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", style.get_text()):
                if _is_third_party(url):
                    problems.append(f"{html.relative_to(site_dir)}: inline CSS url({url})")
    for css in sorted(site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            if _is_third_party(url):
                problems.append(f"{css.relative_to(site_dir)}: url({url}) loads from another origin")
        for imported in re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", text):
            if _is_third_party(imported):
                problems.append(f"{css.relative_to(site_dir)}: @import {imported}")
    assert not problems, "Self-host these or remove them (no third-party requests):\n" + "\n".join(problems)
