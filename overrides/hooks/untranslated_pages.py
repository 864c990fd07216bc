"""MkDocs hook: a page that is still the default language's text is marked up as such.

scripts/new_language.py scaffolds a language by copying the English pages with
`translation_status: untranslated` in their front matter. Until a page is translated, its
article is English inside a page whose <html lang> is the new language; the article is
wrapped in an element with the default language's `lang`, so screen readers pronounce it
as English and browsers do not offer to "translate from <new language>". The site chrome
(navigation, header, notice) keeps the page's own language. The wrapper also carries the
default language's writing direction (dir="ltr" inside an Arabic or Hebrew page, so the English
text reads left to right, with its punctuation where it belongs), and the Pagefind filter
`translation: pending`, by which site-search.js lists such pages after the language's own
translated pages. The visible notice is overrides/partials/untranslated-notice.html, wired in
overrides/main.html.
"""

from __future__ import annotations

# The marker scripts/new_language.py writes and the parity checks skip: one definition.
from site_tools.parity import UNTRANSLATED
from site_tools.project import build_languages

# Pagefind filter (key:value) of pending pages; overrides/assets/javascripts/site-search.js reads it.
PENDING_FILTER = "translation:pending"


def on_page_content(html, page, config, files):
    if (page.meta or {}).get("translation_status") != UNTRANSLATED:
        return html
    languages = build_languages(config)
    if languages.current.locale == languages.default.locale:
        return html
    default = languages.default
    return (f'<div lang="{default.locale}" dir="{default.direction}" class="untranslated-content" '
            f'data-pagefind-filter="{PENDING_FILTER}">\n{html}\n</div>')

