"""Lighthouse (pinned) against a served copy of the site, with Debian's Chromium.

Lighthouse is not a test dependency: it is installed on first use into .cache/lighthouse
(`npm install --prefix`, exact version), so `npm ci` for the tests never fetches it.
12.x is the last line that runs on Node 20 (13 needs Node 22).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .browser import CHROMIUM_FLAGS, chromium_path
from .project import REPO_ROOT

LIGHTHOUSE_VERSION = "12.2.3"
CACHE_DIR = REPO_ROOT / ".cache" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class LighthouseError(RuntimeError):
    pass


def _package_dir() -> Path:
    return CACHE_DIR / "node_modules" / "lighthouse"


def installed_version() -> str | None:
    manifest = _package_dir() / "package.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def ensure_lighthouse(log=print) -> Path:
    """Path of Lighthouse's CLI script, installing the pinned version if it is missing."""
    if installed_version() != LIGHTHOUSE_VERSION:
        npm = shutil.which("npm")
        if not npm:
            raise LighthouseError("npm is missing (Debian: apt-get install npm); it is needed to install Lighthouse.")
        log(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE_DIR} (once) ...")
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(
            [npm, "install", "--prefix", str(CACHE_DIR), "--no-save", "--no-audit", "--no-fund",
             "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            capture_output=True, text=True,
        )
        if completed.returncode != 0 or installed_version() != LIGHTHOUSE_VERSION:
            raise LighthouseError(f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed:\n{completed.stderr[-2000:]}")
    return _package_dir() / "cli" / "index.js"


@dataclass
class Report:
    url: str
    form_factor: str
    scores: dict[str, int | None]
    metrics: dict[str, float | None]  # fcp_ms, lcp_ms, tbt_ms, cls
    transfer_bytes: int | None  # everything the first visit downloaded (compressed)
    html_bytes: int | None  # the page's HTML document as transferred
    failed_audits: dict[str, list[str]] = field(default_factory=dict)  # category -> audit titles
    runtime_error: str | None = None


def _score(value) -> int | None:
    return None if value is None else round(value * 100)


def parse_report(data: dict, form_factor: str) -> Report:
    audits = data.get("audits", {})

    def numeric(audit_id):
        return audits.get(audit_id, {}).get("numericValue")

    url = data.get("finalDisplayedUrl") or data.get("requestedUrl")
    html_bytes = None
    for item in (audits.get("network-requests", {}).get("details") or {}).get("items", []):
        if item.get("resourceType") == "Document":
            html_bytes = item.get("transferSize")
            break
    failed = {}
    for category_id, category in data.get("categories", {}).items():
        titles = []
        for ref in category.get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                titles.append(f"{ref['id']} ({audit.get('score')}): {audit.get('title')}")
        if titles:
            failed[category_id] = titles
    runtime = data.get("runtimeError") or {}
    return Report(
        url=url,
        form_factor=form_factor,
        scores={c: _score((data.get("categories", {}).get(c) or {}).get("score")) for c in CATEGORIES},
        metrics={
            "fcp_ms": numeric("first-contentful-paint"),
            "lcp_ms": numeric("largest-contentful-paint"),
            "tbt_ms": numeric("total-blocking-time"),
            "cls": numeric("cumulative-layout-shift"),
        },
        transfer_bytes=int(numeric("total-byte-weight")) if numeric("total-byte-weight") is not None else None,
        html_bytes=html_bytes,
        failed_audits=failed,
        runtime_error=runtime.get("message"),
    )


_BROTLI_JS = r"""
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const exts = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"]);
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (exts.has(path.extname(file))) fs.writeFileSync(file + ".br", zlib.brotliCompressSync(
      fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
})(process.argv[1]);
"""


def precompress_brotli(site_dir: Path) -> None:
    """Write <file>.br next to every text file, as a host's build step would (Node's zlib)."""
    completed = subprocess.run(["node", "-e", _BROTLI_JS, str(site_dir)], capture_output=True, text=True)
    if completed.returncode != 0:
        raise LighthouseError(f"brotli precompression failed:\n{completed.stderr[-2000:]}")


def run_lighthouse(cli: Path, url: str, form_factor: str, timeout: int = 180) -> tuple[Report, dict]:
    """One Lighthouse run (form_factor "mobile" or "desktop"); returns the summary and raw JSON."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        output = Path(tmp) / "report.json"
        command = [
            "node", str(cli), url,
            "--output=json", f"--output-path={output}", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chromium_path()}
        try:
            completed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise LighthouseError(f"Lighthouse timed out after {timeout} s on {url}") from error
        if not output.exists():
            raise LighthouseError(f"Lighthouse failed on {url} (exit {completed.returncode}):\n{completed.stderr[-2000:]}")
        data = json.loads(output.read_text(encoding="utf-8"))
    return parse_report(data, form_factor), data
