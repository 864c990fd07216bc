"""A small static server for the built site, as a static host would serve it.

Missing paths get the not-found page of the language folder they are in, with status 404.
Used by the tests, the PDF step and the benchmark; binds to 127.0.0.1 only.
With compress=True, text files are sent gzip-compressed (Content-Encoding), as any real
static host does; the benchmark needs that to measure realistic transfer sizes. Where a
precompressed `<file>.br` sits next to a file (as hosts with brotli_static serve them),
clients that accept brotli get that instead.
The rules of the site's `_headers` file (Netlify / Cloudflare Pages format, written by the
csp hook) are sent with every matching response, as those hosts do, so the browser tests run
under the deployed headers.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import fnmatch
import io
import sys
import threading
from pathlib import Path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".pf_meta": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
        ".pagefind": "application/octet-stream",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".pdf": "application/pdf",
    }

    compress = False
    # Pagefind's index files are compressed already; images and PDFs gain nothing.
    compressible_types = ("text/", "application/javascript", "application/json", "application/xml",
                          "image/svg+xml", "application/wasm")

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for pattern, headers in _header_rules(Path(self.directory)):
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists() or (path.is_dir() and not (path / "index.html").exists()):
            return self._not_found()
        if self.compress and self._accepts("gzip"):
            if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
                path = path / "index.html"
            if path.is_file() and self.guess_type(str(path)).startswith(self.compressible_types):
                return self._send_gzipped(path, 200)
        return super().send_head()

    def _accepts(self, encoding: str) -> bool:
        return encoding in self.headers.get("Accept-Encoding", "").lower()

    def _send_gzipped(self, path: Path, status: int, content_type: str | None = None):
        brotli = path.with_name(path.name + ".br")
        if self._accepts("br") and brotli.is_file():
            body, encoding = brotli.read_bytes(), "br"
        else:
            body, encoding = _gzipped(str(path), path.stat().st_mtime), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", content_type or self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self):
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        page = root / first / "404.html"
        if not first or not page.exists():
            page = root / "404.html"
        if page.exists() and self.compress and self._accepts("gzip"):
            return self._send_gzipped(page, 404, "text/html; charset=utf-8")
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _header_rules(root: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    path = root / "_headers"
    return _parse_headers(str(path), path.stat().st_mtime) if path.is_file() else []


@functools.lru_cache(maxsize=8)
def _parse_headers(path: str, mtime: float) -> list[tuple[str, list[tuple[str, str]]]]:
    """`_headers`: a path pattern at the start of a line, then indented `Name: value` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime: float) -> bytes:
    # Level 9 and a fixed timestamp: what a host's precompressed files would be.
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that navigates away mid-response closes the socket; that is not an error.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(site_dir: Path, port: int = 0, compress: bool = False):
    """Serve site_dir on http://127.0.0.1:<port>/ (a free port when 0); yields the base URL.

    compress: gzip text responses for clients that accept it (Content-Encoding: gzip).
    """
    handler_class = type("_CompressingSiteHandler", (_SiteHandler,), {"compress": True}) if compress else _SiteHandler
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
