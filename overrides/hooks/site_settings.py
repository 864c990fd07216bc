"""MkDocs hook: the site's settings files, merged into the build once.

mkdocs.yml declares each language by its code and name only; its interface strings,
navigation titles, light/dark toggle names and (for languages other than the default) the
site's name in that language are in config/languages/<locale>.yml, so that a fork's own
mkdocs.yml never holds text that upstream maintains (LOCALIZING.md, "Staying up to date
with upstream"). Before mkdocs-static-i18n reads its language entries (its on_config runs
at priority -100), this hook fills them in with site_tools.project.language_settings(), the
same function every script and test uses.

The i18n plugin runs on_config again for every language it builds; the settings are merged
on the first call only.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools import project

_MERGED = "_site_settings_merged"


@event_priority(100)
def on_config(config):
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, _MERGED, False):
        return config
    # As declared: a BUILD_ONLY_LOCALE preview marks the previewed language as the default.
    default_locale = project.declared_default_locale(config.config_file_path)
    try:
        for language in i18n.config.languages:
            if language.locale == "null":
                continue
            if language.build is False and not project.language_file(language.locale, config.config_file_path).exists():
                continue  # switched off, its files deleted: nothing to read
            settings = project.language_settings(language.locale, dict(language), default_locale,
                                                 config.config_file_path)
            for key, value in settings.items():
                language[key] = value
    except project.SettingsError as error:
        raise PluginError(str(error)) from None
    setattr(i18n, _MERGED, True)
    return config


def on_page_context(context, page, config, nav):
    # Which language is being built and which is the default, for partials
    # (partials/untranslated-notice.html).
    context["build_languages"] = project.build_languages(config)
    return context
