"""A small static server for the built site, as a static host would serve it.

Missing paths get the not-found page of the language folder they are in, with status 404.
Used by the tests, the PDF step and the benchmark; binds to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
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

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists() or (path.is_dir() and not (path / "index.html").exists()):
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]
        page = root / first / "404.html"
        if not first or not page.exists():
            page = root / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@contextlib.contextmanager
def serve_directory(site_dir: Path, port: int = 0):
    """Serve site_dir on http://127.0.0.1:<port>/ (a free port when 0); yields the base URL."""
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
