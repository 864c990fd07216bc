"""MkDocs hook: a Content-Security-Policy <meta> tag on every page, allowing only this site.

Register it LAST under `hooks:` in mkdocs.yml, so that it sees each page's final HTML.

Material's templates contain small inline <script>s whose text depends on the page (for
example its base URL), so instead of 'unsafe-inline' each page's policy lists the SHA-256
hashes of exactly the inline scripts on that page. Inline event handlers (onclick=...)
and style="" attributes are not allowed: put behaviour in a .js file and styles in a
.css file under overrides/assets/.

Deployers: `frame-ancestors` (clickjacking protection), `report-to` and `sandbox` are
ignored in a <meta> policy. Send them as an HTTP header if your host allows it, e.g.
`Content-Security-Policy: frame-ancestors 'none'` and `X-Frame-Options: DENY`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Directives besides script-src; the policy is the same on every page.
BASE_POLICY = {
    "default-src": ["'self'"],
    # Pagefind's search compiles its WebAssembly module; that needs 'wasm-unsafe-eval'
    # (it does not allow JavaScript eval).
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    # Material draws icons from data: SVGs in its CSS (mask-image counts as an image).
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# Scripts with these types are data, not code, and need no hash (Material's __config JSON).
_DATA_TYPES = {"application/json", "application/ld+json", "importmap", "speculationrules"}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
MARKER = 'http-equiv="Content-Security-Policy"'


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for every inline script that runs as JavaScript."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if _SRC.search(attrs):
            continue
        type_match = _TYPE.search(attrs)
        script_type = next((g for g in type_match.groups() if g is not None), "").strip().lower() if type_match else ""
        if script_type in _DATA_TYPES or script_type not in _JS_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: str) -> str:
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += inline_script_hashes(html)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str) -> str:
    """Insert the policy right after <meta charset> (before any script); idempotent."""
    if MARKER in html:
        return html
    tag = f'<meta {MARKER} content="{policy_for(html)}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if not anchor:
        return html
    return html[: anchor.end()] + "\n    " + tag + html[anchor.end():]


def on_post_page(output, page, config):
    return add_policy(output)


def on_post_build(config):
    # The not-found pages are static templates (no on_post_page) and the i18n_pages hook
    # writes each language's copy after the build, so they are finished here.
    for path in Path(config.site_dir).rglob("404.html"):
        html = path.read_text(encoding="utf-8")
        updated = add_policy(html)
        if updated != html:
            path.write_text(updated, encoding="utf-8")
