"""axe-core (the pinned copy in node_modules) run inside a Playwright page.

    from site_tools.axe import run_axe, format_violations
    violations = run_axe(page)                    # every rule axe runs by default
    violations = run_axe(page, rules=["label"])   # only these rules
    assert not violations, format_violations(violations, page.url)

axe is evaluated through the DevTools protocol rather than added with
page.add_script_tag(): the site's Content-Security-Policy forbids inline scripts, so an
added <script> tag is refused (and logs a console error that other checks would report).
"""

from __future__ import annotations

from functools import lru_cache

from .project import REPO_ROOT

AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@lru_cache(maxsize=1)
def axe_source() -> str:
    if not AXE_JS.exists():
        raise FileNotFoundError(
            f"{AXE_JS} is missing: run `npm ci` (./scripts/test.sh does it) to install the pinned axe-core."
        )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, rules: list[str] | None = None, context: str | dict | None = None, options: dict | None = None) -> list[dict]:
    """axe's violations on the page as it is now (call it after the page has settled).

    rules: run only these rule ids (default: axe's default rule set).
    context: a CSS selector or axe context object (default: the whole document).
    options: further axe.run options, merged over the rule selection.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    run_options = {"runOnly": {"type": "rule", "values": list(rules)}} if rules else {}
    run_options.update(options or {})
    result = page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, run_options]
    )
    return result["violations"]


def format_violations(violations: list[dict], where: str = "") -> str:
    """One readable block per violation: rule, impact, help link, and the offending nodes."""
    lines = []
    for violation in violations:
        lines.append(f"{where}: [{violation.get('impact')}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation.get("nodes", [])[:10]:
            lines.append(f"    {' '.join(map(str, node.get('target', [])))}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)
