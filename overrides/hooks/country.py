"""MkDocs hook: the country's data on every page (site_tools.country_data, site_tools.country).

- on_config: the country mkdocs.yml serves (`extra.country`) is read from
  data/countries/<CODE>.yml, with data/international.yml, and validated; the build stops with
  every problem listed (file, contact, key) before any page is rendered.
- on_page_markdown: contact markers ([[contact child-helpline]], [[contacts country]], ...)
  become Markdown; other countries' passages and the passages of roles the country has no
  contact for are left out. A translated page needs its language's texts in the data; a page
  still marked untranslated shows the default language's, as its own text does.
- page and template context: `country` (quick-exit destination, line printed under
  checklists, as parts whose numbers the partial isolates) for partials/quick-exit.html and
  partials/print-footer.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools import country as rendering
from site_tools import country_data, project

_state: dict = {}


def on_config(config):
    code = (config.extra or {}).get("country")
    if not isinstance(code, str) or not code:
        raise PluginError("mkdocs.yml: `extra.country` must name the country the site serves, e.g. `country: HU` "
                          "(its data is data/countries/HU.yml)")
    try:
        # Next to this mkdocs.yml, not next to site_tools: a copy of the site (a fork drill)
        # builds with its own data.
        _state["data"] = country_data.load(code, Path(config.config_file_path).parent / "data")
    except country_data.CountryDataError as error:
        raise PluginError(str(error)) from None
    return config


def _renderer(config, page=None) -> rendering.Renderer:
    languages = project.build_languages(config)
    locale = languages.current.locale
    src = project.page_source(page) if page else ""
    pending = bool(page and (page.meta or {}).get("translation_status") == "untranslated")
    ui = rendering.marker_strings((config.extra or {}).get("ui"), (languages.default.extra or {}).get("ui"),
                                  pending and not languages.is_default)
    return rendering.Renderer(
        _state["data"], locale, languages.default.locale, ui, page=src,
        where=f"docs/{locale}/{src}" if src else f"the {locale} site chrome",
        # Pages pending translation and the chrome of languages being scaffolded read the
        # default language's text, like the pages themselves.
        allow_fallback=pending or page is None,
        # A pending page is the default language's text: its markers read in that language.
        pending=pending and not languages.is_default)


def on_page_markdown(markdown, page, config, files):
    try:
        renderer = _renderer(config, page)
        description = (page.meta or {}).get("description")
        if isinstance(description, str) and "[[" in description:
            page.meta["description"] = rendering.plain_text(renderer.expand(description))
        return renderer.render_page(markdown)
    except country_data.CountryDataError as error:
        raise PluginError(str(error)) from None


def _context(config, page=None) -> dict:
    renderer = _renderer(config, page)
    try:
        return {"quick_exit_url": _state["data"].quick_exit_url, "print_line": renderer.print_line_parts()}
    except country_data.CountryDataError as error:
        raise PluginError(str(error)) from None


def on_page_context(context, page, config, nav):
    context["country"] = _context(config, page)
    return context


def on_template_context(context, template_name, config):
    context["country"] = _context(config)
    return context
