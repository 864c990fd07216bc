"""MkDocs hook: a Content-Security-Policy on every page, allowing only this site, in a
<meta> tag and in a `_headers` file for hosts that read one.

Register it LAST under `hooks:` in mkdocs.yml, so that it sees each page's final HTML.

Material's templates contain small inline <script>s whose text depends on the page (for
example its base URL), so instead of 'unsafe-inline' each page's policy lists the SHA-256
hashes of exactly the inline scripts on that page. Inline event handlers (onclick=...)
and style="" attributes are not allowed: put behaviour in a .js file and styles in a
.css file under overrides/assets/.

A <meta> policy cannot say `frame-ancestors` (so the site could be framed), and other
security headers have no <meta> form at all. After the build this hook therefore also writes
`_headers` at the site root (the format of Netlify and Cloudflare Pages; DEPLOYING.md says
which hosts read it):

- `/*`, every response: the headers that matter for any file (SHARED_HEADERS: nosniff, which
  protects scripts and stylesheets most of all, and no Referer from anything);
- the pages only: a policy of what a <meta> cannot say, `frame-ancestors 'none'`, and
  DOCUMENT_HEADERS. A browser enforces every policy it gets, so the page's own <meta> policy
  still allows only this site and the page's own inline scripts; repeating that policy in the
  header (all pages' hashes, 0.6 KB) added nothing but bytes to every page. A
  stylesheet or script does nothing with a Content-Security-Policy, Permissions-Policy or
  X-Frame-Options, and repeating those 1.2 KB on every one of a first visit's requests cost
  more than a tenth of its bytes. Static hosts cannot match "HTML responses", only paths, so
  the rules name where pages live: `/`, each top-level `.html` file, and `/FOLDER/*` for each
  top-level folder that holds a page (`/hu/*`, `/help/*`, ...). Folders with no page
  (`assets/`, `pagefind/`) get none. Both hosts read these patterns alike (`/*/` would be every
  path on Netlify), and no two of them match one path (`/*.html` and `/help/*` would both
  match `/help/index.html`, and both hosts join two values of a header with a comma).

"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from mkdocs.plugins import event_priority

from site_tools.html_scan import tags
from site_tools.project import is_nested_language_build

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

# Only in the HTTP header: a <meta> policy ignores it.
HEADER_ONLY_POLICY = {"frame-ancestors": ["'none'"]}
# Features no page of this site uses: a page (or an embed) can never ask for them.
_UNUSED_FEATURES = ("accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
                    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
                    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
                    "browsing-topics")
# Every response: nosniff is for scripts and stylesheets above all; a stylesheet's own
# Referrer-Policy governs the requests it makes.
SHARED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# Pages only (after the Content-Security-Policy): they mean something for documents alone.
DOCUMENT_HEADERS = {
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in _UNUSED_FEATURES),
    # For browsers older than frame-ancestors.
    "X-Frame-Options": "DENY",
}
HEADERS_FILE = "_headers"

# Scripts with these types are data, not code, and need no hash (Material's __config JSON).
_DATA_TYPES = {"application/json", "application/ld+json", "importmap", "speculationrules"}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

MARKER = 'http-equiv="Content-Security-Policy"'


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for every inline script that runs as JavaScript.
    Scripts are found by an HTML parser (not in comments, attributes in any form); each is
    hashed over its exact text, as the browser hashes it."""
    hashes = []
    for script in tags(html, {"script"}):
        if "src" in script.attrs or script.content_end is None:
            continue
        script_type = (script.attrs.get("type") or "").strip().lower()
        if script_type in _DATA_TYPES or script_type not in _JS_TYPES:
            continue
        digest = hashlib.sha256(html[script.end:script.content_end].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def _policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def policy_for(html: str) -> str:
    """The page's own policy: BASE_POLICY, with the hashes of its inline scripts."""
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += inline_script_hashes(html)
    return _policy(directives)


def document_paths(site_dir: Path) -> list[str]:
    """`_headers` path patterns that cover every page of the built site and no other folder:
    `/` for the home page, `/NAME.html` for each top-level page file, `/FOLDER/*` for each
    top-level folder with a page anywhere inside."""
    paths = ["/"] if (site_dir / "index.html").is_file() else []
    for entry in sorted(site_dir.iterdir()):
        if entry.is_file() and entry.suffix == ".html":
            paths.append(f"/{entry.name}")
        elif entry.is_dir() and next(entry.rglob("*.html"), None) is not None:
            paths.append(f"/{entry.name}/*")
    return paths


def headers_file(document_paths: list[str]) -> str:
    """`_headers`: the shared headers for every path, the page headers for document_paths
    (see the module docstring)."""
    document = {"Content-Security-Policy": _policy(HEADER_ONLY_POLICY), **DOCUMENT_HEADERS}
    lines = ["# Written by overrides/hooks/csp.py at every build; DEPLOYING.md says which hosts read it.",
             "# Every response:", "/*", *(f"  {name}: {value}" for name, value in SHARED_HEADERS.items()),
             "# Pages only (the folders and files that hold HTML):"]
    for path in document_paths:
        lines += [path, *(f"  {name}: {value}" for name, value in document.items())]
    return "\n".join(lines) + "\n"


def add_policy(html: str) -> str:
    """Insert the policy right after <meta charset> (before any script); idempotent."""
    if MARKER in html:
        return html
    found = tags(html, {"meta", "head"})
    anchor = next((tag for tag in found if tag.name == "meta" and "charset" in tag.attrs), None) or \
        next((tag for tag in found if tag.name == "head"), None)
    if anchor is None:
        return html
    tag = f'<meta {MARKER} content="{policy_for(html)}">'
    return html[: anchor.end] + "\n    " + tag + html[anchor.end:]


def on_post_page(output, page, config):
    return add_policy(output)


# After mkdocs-static-i18n's nested per-language builds (-100), which write the other
# languages' pages, and after Pagefind (-200).
@event_priority(-300)
def on_post_build(config):
    # The not-found pages are static templates (no on_post_page) and the i18n_pages hook
    # writes each language's copy after the build, so they are finished here.
    site_dir = Path(config.site_dir)
    for path in site_dir.rglob("404.html"):
        html = path.read_text(encoding="utf-8")
        updated = add_policy(html)
        if updated != html:
            path.write_text(updated, encoding="utf-8")
    if is_nested_language_build(config):
        return  # a nested per-language build: the outer build sees every language's pages
    (site_dir / HEADERS_FILE).write_text(headers_file(document_paths(site_dir)), encoding="utf-8")
