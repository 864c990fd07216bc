"""MkDocs hook: what mkdocs-static-i18n leaves out or gets wrong for a multilingual site.

- Absolute hreflang alternates (plus x-default) for every page, computed from `site_url`;
  Material's own head links are relative, which search engines and Lighthouse reject. A page
  still waiting for its translation is not named as another language's version of a page
  (it is the English text, marked noindex; the robots hook leaves it out of the sitemap).
- A page missing in a language stops the build at once, naming the file.
- One not-found page per language. The plugin builds every language into the same
  site_dir run, so each language's 404.html overwrites the previous one; we keep each
  language's rendering and write it to that language's folder.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from site_tools.checklists import front_matter
from site_tools.parity import UNTRANSLATED
from site_tools.project import is_nested_language_build, site_prefix

log = logging.getLogger("mkdocs.hooks.i18n_pages")

_not_found_pages: dict[str, str] = {}


def _i18n(config):
    return config.plugins.get("i18n")


def _language_link(i18n, locale: str) -> str:
    """Site-relative folder of a language: "" for the default one, "hu/" for the others."""
    for language in i18n.config.languages:
        if language.locale == locale:
            return site_prefix(language.link)
    raise KeyError(locale)


@lru_cache(maxsize=None)
def _pending(source: str, modified: float) -> bool:
    return front_matter(Path(source)).get("translation_status") == UNTRANSLATED


def is_pending(file) -> bool:
    """A page still waiting for its translation (main.html marks it noindex)."""
    source = getattr(file, "abs_src_path", None)
    return bool(source) and Path(source).exists() and _pending(source, Path(source).stat().st_mtime)


def on_page_context(context, page, config, nav):
    i18n = _i18n(config)
    site_url = config.site_url or "/"
    alternates = getattr(page.file, "alternates", None) or {}
    links = []
    for locale, alternate in alternates.items():
        own = getattr(alternate, "abs_src_path", None) == getattr(page.file, "abs_src_path", None)
        if not own and is_pending(alternate):
            continue  # the English text at another address: not this page in that language
        url = alternate.url if alternate.url != "./" else ""
        links.append({"hreflang": locale, "href": urljoin(site_url, url)})
    default = i18n.default_language if i18n else None
    for link in list(links):
        if link["hreflang"] == default:
            links.append({"hreflang": "x-default", "href": link["href"]})
    context["hreflang_links"] = links
    return context


def on_pre_build(config):
    # `mkdocs serve` runs the same hooks module for every rebuild: start each site afresh.
    if not is_nested_language_build(config):
        _not_found_pages.clear()
        _fail_on_missing_translations(config)


def _fail_on_missing_translations(config) -> None:
    """Every language built has every page of the default language's folder, or the build
    stops before rendering anything, with one line naming each missing file.

    The plugin's `fallback_to_default: false` makes a missing page fail the strict build
    only after the whole site is rendered, with a warning for every link to it."""
    i18n = _i18n(config)
    if not i18n or not i18n.default_language:
        return
    docs = Path(config.docs_dir)
    default_pages = sorted(p.relative_to(docs / i18n.default_language).as_posix()
                           for p in (docs / i18n.default_language).rglob("*.md"))
    missing = [f"docs/{locale}/{page}" for locale in i18n.build_languages if locale != i18n.default_language
               for page in default_pages if not (docs / locale / page).exists()]
    if missing:
        raise PluginError(
            f"{len(missing)} page(s) missing: {', '.join(missing)}. Every page of docs/{i18n.default_language}/ needs "
            "its version in each language: translate it, or let `scripts/translation_status.py update` copy it "
            "there marked untranslated (LOCALIZING.md).")


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        i18n = _i18n(config)
        _not_found_pages[i18n.current_language if i18n else "default"] = output
    return output


def on_post_build(config):
    """Write each language's not-found page where that language lives.

    The root 404.html stays the default language's (static hosts such as GitHub Pages
    serve only the root one, so it also links every other language's home page).
    """
    i18n = _i18n(config)
    if not i18n:
        return
    site_dir = Path(config.site_dir)
    for locale, html in _not_found_pages.items():
        target = site_dir / _language_link(i18n, locale) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
