"""MkDocs hook: search in the reader's language with Pagefind (issue 6).

- Marks each page's article with data-pagefind-body, so only the content is indexed (no
  header, navigation, table of contents or footer), and pages without it (404) are skipped.
- After every language has been built, runs Pagefind once over the whole site. Pagefind reads
  <html lang> and writes one index per language, with that language's stemmer, so a Hungarian
  page searches Hungarian pages only. The search code is loaded by
  overrides/assets/javascripts/site-search.js only when the reader opens search.
- Pagefind leaves <label> elements out of its index, and every checklist item is a <label>
  (task lists with clickable checkboxes). Pagefind therefore reads a copy of the pages in
  which labels are plain <span>s (indexable_html); the published pages are not changed.

mkdocs-static-i18n builds the other languages inside its own on_post_build (priority -100),
calling MkDocs' build again for each one with `building` set; this hook runs after it (-200)
and skips those nested builds, so Pagefind runs once, over every language, in `mkdocs build`
and in `mkdocs serve` alike. Pagefind is the binary shipped in the pinned `pagefind[bin]`
wheel: no network, a fraction of a second.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools.html_scan import insertion_point, tags
from site_tools.project import is_nested_language_build

log = logging.getLogger("mkdocs.hooks.search_index")

BUNDLE_DIR = "pagefind"
# Parts of Pagefind's output this site never loads: its ready-made UIs (site-search.js is the
# UI) and its web worker (site-search.js runs Pagefind on the page: fewer bytes, and a
# Content-Security-Policy without worker-src).
_UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
           "pagefind-highlight.js", "pagefind-worker.js")


def _content_article(html: str):
    """Material's <article class="md-content__inner md-typeset">, found by an HTML parser."""
    return next((tag for tag in tags(html, {"article"})
                 if {"md-content__inner", "md-typeset"} <= set((tag.attrs.get("class") or "").split())), None)


def on_post_page(output, page, config):
    article = _content_article(output)
    if article is None:
        raise PluginError(
            f"search_index hook: {page.file.src_uri} has no <article class=\"md-content__inner md-typeset\">; "
            "Material's page layout changed, so update _content_article in overrides/hooks/search_index.py"
        )
    at = article.start + insertion_point(article.text(output))
    return output[:at] + " data-pagefind-body" + output[at:]


def indexable_html(html: str) -> str:
    """The page as Pagefind should read it: <label> elements (checklist items) as <span>s."""
    pieces, position = [], 0
    for tag in tags(html, {"label"}, end_tags=True):
        name_at = tag.start + (2 if tag.closing else 1)
        pieces += [html[position:name_at], "span"]
        position = name_at + len("label")
    return "".join(pieces) + html[position:]


def _copy_for_indexing(site_dir: Path, bundle: Path, target: Path) -> int:
    count = 0
    for html in site_dir.rglob("*.html"):
        if bundle in html.parents:
            continue
        copy = target / html.relative_to(site_dir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(indexable_html(html.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def _languages_built(config) -> set[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return set()
    return {locale for locale in i18n.build_languages if locale != "null"}


# Set to "0" by build_site(search=False): a test build that does not use search (the fork
# drill without its browser tests) skips Pagefind. Deployable builds always have the index.
SEARCH_INDEX_ENV = "SITE_SEARCH_INDEX"


@event_priority(-200)
def on_post_build(config):
    if is_nested_language_build(config):
        return  # a nested per-language build: the outer build indexes everything once
    if os.environ.get(SEARCH_INDEX_ENV) == "0":
        log.info("Search index: skipped (%s=0)", SEARCH_INDEX_ENV)
        return
    site_dir = Path(config.site_dir)
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pagefind-source-") as source:
        _copy_for_indexing(site_dir, bundle, Path(source))
        completed = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", source, "--output-path", str(bundle.resolve())],
            cwd=source,  # Pagefind reads a pagefind.yml from its working directory: use none
            capture_output=True,
            text=True,
        )
    if completed.returncode != 0:
        raise PluginError("search_index hook: Pagefind failed:\n" + (completed.stderr or completed.stdout)[-3000:])
    entry_file = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"search_index hook: Pagefind wrote no readable {entry_file}: {error}") from error
    indexed = {locale: data.get("page_count", 0) for locale, data in entry.get("languages", {}).items()}
    missing = sorted(locale for locale in _languages_built(config) if not indexed.get(locale))
    if missing or not indexed:
        raise PluginError(
            f"search_index hook: no search index for {', '.join(missing) or 'any language'} "
            f"(Pagefind indexed {indexed}). Each page needs <html lang> and an article marked "
            "data-pagefind-body.\n" + completed.stdout[-2000:]
        )
    for pattern in _UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    log.info(
        "Search index: %s in %.2f s",
        ", ".join(f"{locale} {count} pages" for locale, count in sorted(indexed.items())),
        time.perf_counter() - started,
    )
