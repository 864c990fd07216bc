"""MkDocs hook: checklists a reader can tick, and what their print/PDF markup needs.

- Every task-list item (pymdownx.tasklist) gets its text wrapped in a <label> together
  with its checkbox, so the checkbox has an accessible name and the whole line is a tap
  target. `disabled` is removed: the ticks live only in the open page, and a shared
  device must not bring back what a child ticked, so checklist.js clears them whenever the
  page is shown (reload, Back, back/forward cache). `autocomplete="off"` would do that
  without JavaScript but is not allowed on checkboxes (Nu HTML checker). Done here, in the
  HTML MkDocs writes, so the labels work without JavaScript.
- The links to printable pages' PDFs come from the printables hook.
- Every page gets `print_home_url`, the address of the site in the page's language, for
  the print footer.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from site_tools.project import build_languages

# pymdownx.tasklist (pymdown-extensions 13) writes `<input type="checkbox"[ disabled][ checked]/> `
# first in the <li> (or in its first <p> for loose lists); attributes are matched in any order.
# The item text runs up to the first nested block.
_TASK_ITEM = re.compile(
    r'(?P<start><li\b[^>]*\bclass="(?:[^"]* )?task-list-item(?: [^"]*)?"[^>]*>\s*(?:<p>)?)'
    r'<input\b(?=[^>]*\btype="checkbox")(?P<attrs>[^>]*?)/?>\s*'
    r"(?P<text>.*?)"
    r"(?P<end>(?=<(?:ul|ol|p|div|blockquote|pre|table)[\s>]|</p>|</li>))",
    re.DOTALL,
)
_CHECKED = re.compile(r"\bchecked\b")


def _labelled(match: re.Match) -> str:
    checked = " checked" if _CHECKED.search(match.group("attrs")) else ""
    return (
        f'{match.group("start")}<label class="task-list-label">'
        f'<input type="checkbox"{checked}> {match.group("text").rstrip()}</label>'
    )


def label_task_items(html: str) -> str:
    if "task-list-item" not in html:
        return html
    return _TASK_ITEM.sub(_labelled, html)


def on_page_content(html, page, config, files):
    return label_task_items(html)


def on_page_context(context, page, config, nav):
    folder = build_languages(config).folder
    context["print_home_url"] = urljoin(config.site_url, folder) if config.site_url else None
    return context
