"""The hooks run in the order overrides/README.md ("Hook order") says, and that order keeps
what the site relies on: the settings merged first, the country's markers filled in before
Python-Markdown, the quick-exit skip link moved before each 404 page is kept, the search index
after every language is built, and the CSP computed from each page's final HTML.

The order that matters is MkDocs' own: event priorities (`@event_priority`) spread over the
hook files, then the `hooks:` list in config/shared.yml. This test reads MkDocs' event lists
for the site's configuration, so it checks what a build really does.
"""

from __future__ import annotations

import re

import pytest

from site_tools import project

README = project.REPO_ROOT / "overrides" / "README.md"
TABLE_ROW = re.compile(r"^\| `(on_\w+)` \| (.*?) \|")
HOOK_NAME = re.compile(r"`(\w+)`(?: \((-?\d+)\))?")


def _name(handler) -> str:
    owner = getattr(handler, "__self__", None)
    if owner is not None:  # a plugin's method
        return {"I18n": "i18n"}.get(type(owner).__name__, type(owner).__name__)
    return handler.__module__.rsplit("/", 1)[-1].removesuffix(".py")


def _actual() -> dict[str, list[tuple[str, int]]]:
    """Every event a hook of ours handles -> (handler, priority) in the order MkDocs calls them."""
    events = project.load_mkdocs_config(hooks=True).plugins.events
    found = {f"on_{event}": [(_name(handler), getattr(handler, "mkdocs_priority", 0)) for handler in handlers]
             for event, handlers in events.items()}
    return {event: handlers for event, handlers in found.items() if any(name != "i18n" for name, _ in handlers)}


def _documented() -> dict[str, list[tuple[str, int]]]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        row = TABLE_ROW.match(line)
        if row:
            rows[row.group(1)] = [(name, int(priority or 0)) for name, priority in HOOK_NAME.findall(row.group(2))]
    return rows


def test_the_documented_order_is_the_order_mkdocs_runs():
    actual, documented = _actual(), _documented()
    assert documented, f"{README.relative_to(project.REPO_ROOT)} has no 'Hook order' table"
    problems = []
    for event in sorted(set(actual) | set(documented)):
        ours = actual.get(event)
        if ours != documented.get(event):
            problems.append(f"{event}: MkDocs runs {ours}, overrides/README.md says {documented.get(event)}")
    assert not problems, ("The hook order changed (a priority, the hooks: list in config/shared.yml, or a new "
                          "handler); update the table in overrides/README.md if it is meant to:\n" + "\n".join(problems))


def _position(event: str, name: str) -> int:
    names = [entry[0] for entry in _actual()[event]]
    assert name in names, f"{event}: {name} has no handler (MkDocs runs {names})"
    return names.index(name)


@pytest.mark.parametrize("event,first,then,why", [
    ("on_config", "site_settings", "i18n", "the language files must be merged before the i18n plugin reads them"),
    ("on_config", "site_settings", "country", "the country hook reads the merged settings"),
    ("on_post_template", "quick_exit", "i18n_pages", "each language's 404 page is kept after its skip link moved"),
    ("on_post_build", "i18n", "search_index", "Pagefind must index every language, built by the plugin at -100"),
    ("on_post_build", "search_index", "csp", "_headers lists the scripts of every finished page"),
    ("on_post_build", "i18n_pages", "csp", "the not-found pages get their policy after they are written"),
    ("on_post_page", "quick_exit", "csp", "the CSP hashes the final HTML"),
    ("on_post_page", "search_index", "csp", "the CSP hashes the final HTML"),
    ("on_page_markdown", "i18n", "country", "markers are filled in the page's own language"),
])
def test_what_the_site_relies_on(event, first, then, why):
    assert _position(event, first) < _position(event, then), f"{event}: {first} must run before {then}: {why}"


def test_settings_first_and_csp_last_in_the_hooks_list():
    hooks = [path.rsplit("/", 1)[-1].removesuffix(".py") for path in project.load_mkdocs_config(hooks=True).hooks]
    assert hooks[0] == "site_settings", f"config/shared.yml hooks: site_settings.py must be first, not {hooks[0]}"
    assert hooks[-1] == "csp", f"config/shared.yml hooks: csp.py must be last, not {hooks[-1]}"
