"""MkDocs hook: robots.txt at the site root, pointing search engines at the sitemap.

Written from `site_url` (not kept as a static file) because the sitemap line must be an
absolute URL and forks deploy to their own address.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {urljoin(site_url, 'sitemap.xml')}"]
    return "\n".join(lines) + "\n"


def on_post_build(config):
    Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
