"""Issue 6: the site keeps its readers' secrets: a Content-Security-Policy that allows only
this site on every page (and is never violated), outbound links that send no referrer,
nothing stored in the browser except the colour-scheme preference, and a robots.txt.

Requests to other origins and cookies are checked per page in test_browser_basics.py."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from site_tools import project
from site_tools.built import all_html_pages, parse_html
from site_tools.links import is_external

LANGUAGES = project.languages()

HOW_TO_FIX_CSP = "The policy is written by overrides/hooks/csp.py (registered last under hooks: in mkdocs.yml)."


def _all_html(site_dir):
    """Every page a reader can open: content pages and each language's not-found page."""
    return [(page.html_path(site_dir), page.source_file) for page in all_html_pages(LANGUAGES)]


def _policy(soup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    if meta is None:
        return {}
    directives = {}
    for part in meta["content"].split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def _inline_script_hash(script) -> str:
    digest = hashlib.sha256(script.string.encode("utf-8") if script.string else b"").digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def test_every_page_has_a_strict_content_security_policy(site_dir):
    problems = []
    for html_path, source in _all_html(site_dir):
        where = f"{html_path.relative_to(site_dir)} ({source})"
        soup = parse_html(html_path)
        metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        if len(metas) != 1:
            problems.append(f"{where}: {len(metas)} Content-Security-Policy <meta> tags, expected 1")
            continue
        first_script = soup.find("script")
        if first_script is not None and first_script.sourceline < metas[0].sourceline:
            problems.append(f"{where}: a <script> comes before the CSP <meta>; the policy must be first in <head>")
        policy = _policy(soup)
        expected = {
            "default-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
        }
        for directive, values in expected.items():
            if policy.get(directive) != values:
                problems.append(f"{where}: {directive} is {policy.get(directive)}, expected {values}")
        script_src = policy.get("script-src", [])
        for forbidden in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"):
            if forbidden in script_src:
                problems.append(f"{where}: script-src allows {forbidden}")
        sources = [s for s in script_src if not s.startswith("'sha256-")]
        if sources != ["'self'", "'wasm-unsafe-eval'"]:
            problems.append(f"{where}: script-src sources {sources}, expected 'self' and 'wasm-unsafe-eval' (Pagefind) plus hashes")
        for script in soup.find_all("script"):
            if script.get("src") or (script.get("type") or "").lower() in ("application/json", "application/ld+json"):
                continue
            if _inline_script_hash(script) not in script_src:
                problems.append(f"{where}: inline script {str(script)[:80]!r} is not in script-src (its hash is missing)")
        for directive in ("frame-ancestors", "report-uri", "report-to", "sandbox"):
            if directive in policy:
                problems.append(f"{where}: {directive} is ignored in a <meta> policy (browsers warn); send it as an HTTP header")
    assert not problems, HOW_TO_FIX_CSP + "\n" + "\n".join(problems)


def test_no_inline_handlers_or_style_attributes(site_dir):
    """The policy blocks onclick=... and style="..." silently: they must not be in the HTML."""
    problems = []
    for html_path, source in _all_html(site_dir):
        soup = parse_html(html_path)
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            if handlers:
                problems.append(f"{source}: <{element.name} {' '.join(handlers)}> (move the handler into a .js file)")
            if "style" in element.attrs:
                problems.append(f"{source}: <{element.name} style={element['style']!r}> (move it to a class in a .css file)")
    assert not problems, "Blocked by the Content-Security-Policy:\n" + "\n".join(sorted(set(problems)))


def test_outbound_links_send_no_referrer(site_dir):
    site_url = project.load_mkdocs_config().site_url
    problems = []
    for html_path, source in _all_html(site_dir):
        soup = parse_html(html_path)
        for link in soup.find_all("a", href=True):
            if not is_external(link["href"], site_url):
                continue
            rel = set(link.get("rel") or [])
            in_content = link.find_parent("article") is not None
            wanted = {"noopener", "noreferrer"} if in_content else {"noreferrer"}
            if not wanted <= rel:
                problems.append(f"{source}: <a href={link['href']!r} rel={' '.join(sorted(rel))!r}> lacks {' '.join(sorted(wanted - rel))}")
    assert not problems, (
        "Outbound links must not tell other sites where the reader came from "
        "(overrides/hooks/external_links.py adds rel to content links):\n" + "\n".join(problems))


def test_robots_txt_points_to_the_sitemap(site_dir):
    robots = site_dir / "robots.txt"
    assert robots.exists(), "robots.txt is missing from the site root (overrides/hooks/robots.py writes it)"
    text = robots.read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", text, re.M), f"robots.txt has no 'User-agent: *' line:\n{text}"
    assert not re.search(r"^Disallow: /\s*$", text, re.M), "robots.txt blocks the whole site"
    site_url = project.load_mkdocs_config().site_url
    assert f"Sitemap: {site_url}sitemap.xml" in text, f"robots.txt should name {site_url}sitemap.xml:\n{text}"


# --- in the browser ---------------------------------------------------------------------------

_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || '?'}:${e.lineNumber} ${e.sample || ''}`));
"""


@pytest.fixture(scope="module")
def browser_walk(site_url, browser):
    """Every page once at 390 px in a fresh profile: CSP violations, CSP console messages and
    what the page stored in localStorage and sessionStorage."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(_CSP_LISTENER)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text))
    results = []
    targets = [(site_url + page.url_path, page.source_file) for page in all_html_pages(LANGUAGES)]
    try:
        for url, source in targets:
            console.clear()
            if page.url.startswith("http"):
                page.evaluate("localStorage.clear(); sessionStorage.clear()")  # see what each page writes
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            results.append({
                "url": url,
                "source": source,
                "violations": page.evaluate("window.__cspViolations"),
                "console": [m for m in console if re.search(r"content.security.policy", m, re.I)],
                "local": page.evaluate("Object.keys(localStorage)"),
                "session": page.evaluate("Object.keys(sessionStorage)"),
                "scope": page.evaluate("typeof __md_scope === 'object' ? __md_scope.pathname : null"),
            })
        yield results
    finally:
        context.close()


@pytest.mark.browser
def test_no_page_violates_its_content_security_policy(browser_walk):
    problems = []
    for result in browser_walk:
        for line in result["violations"] + result["console"]:
            problems.append(f"{result['url']} ({result['source']}): {line}")
    assert not problems, (
        "The Content-Security-Policy blocked something (or the browser rejected part of it). "
        "Load scripts and styles from files under overrides/assets/, never inline. "
        + HOW_TO_FIX_CSP + "\n" + "\n".join(problems))


@pytest.mark.browser
def test_page_load_stores_nothing(browser_walk):
    """A page view leaves nothing in the browser's storage; Material's colour-scheme preference
    is stored only once the reader uses the toggle (overrides/assets/javascripts/material-fixes.js)."""
    problems = []
    for result in browser_walk:
        if result["local"] or result["session"]:
            problems.append(f"{result['url']} ({result['source']}): localStorage {result['local']}, sessionStorage {result['session']}")
    assert not problems, (
        "Pages must not leave traces in the browser's storage on a shared device "
        "(see material-fixes.js for how Material's own writes are held back):\n" + "\n".join(problems))


@pytest.mark.browser
def test_colour_scheme_toggle_stores_only_the_preference(site_url, open_page):
    page, _ = open_page(site_url, width=1280, color_scheme="light")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    scope = page.evaluate("__md_scope.pathname")
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == [f"{scope}.__palette"], f"{site_url}: toggling the colour scheme stored {keys}"
    assert page.evaluate("Object.keys(sessionStorage)") == [], "the colour-scheme toggle wrote to sessionStorage"
