"""MkDocs hook: what search engines are offered.

- robots.txt at the site root, pointing them at the sitemap. Written from `site_url` (not
  kept as a static file) because the sitemap line must be an absolute URL and forks deploy to
  their own address.
- The sitemap without the pages that ask not to be indexed: a page still waiting for its
  translation is the English text at another language's address (`<meta name="robots"
  content="noindex">`, main.html), so it is neither listed nor named as an alternate of a
  translated page. mkdocs-static-i18n writes the sitemap from every language's files; the
  pages themselves say which ones are not for search engines, so this reads them.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority

from site_tools.html_scan import tags
from site_tools.project import is_nested_language_build

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {urljoin(site_url, 'sitemap.xml')}"]
    return "\n".join(lines) + "\n"


def asks_not_to_be_indexed(html: str) -> bool:
    return any(tag.attrs.get("name", "").lower() == "robots" and "noindex" in (tag.attrs.get("content") or "").lower()
               for tag in tags(html, {"meta"}))


def built_page(site_dir: Path, site_url: str, url: str) -> Path | None:
    """The HTML file of one of this site's URLs ("https://.../hu/help/" -> site/hu/help/index.html)."""
    if not url.startswith(site_url):
        return None
    path = url[len(site_url):]
    return site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path


def without_pages(sitemap: str, leave_out: set[str]) -> str:
    """The sitemap without the <url> entries of these URLs and without alternates naming them."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(sitemap)
    for entry in list(root.findall(f"{{{SITEMAP_NS}}}url")):
        if entry.findtext(f"{{{SITEMAP_NS}}}loc", "").strip() in leave_out:
            root.remove(entry)
            continue
        for link in list(entry.findall(f"{{{XHTML_NS}}}link")):
            if link.get("href") in leave_out:
                entry.remove(link)
    ET.indent(root, space="    ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# After mkdocs-static-i18n's nested per-language builds (-100), which write the final sitemap.
@event_priority(-150)
def on_post_build(config):
    if is_nested_language_build(config):
        return
    site_dir = Path(config.site_dir)
    (site_dir / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
    sitemap = site_dir / "sitemap.xml"
    if not config.site_url or not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    urls = {element.text.strip() for element in ET.fromstring(text).iter(f"{{{SITEMAP_NS}}}loc") if element.text}
    leave_out = set()
    for url in urls:
        page = built_page(site_dir, config.site_url, url)
        if page is not None and page.exists() and asks_not_to_be_indexed(page.read_text(encoding="utf-8")):
            leave_out.add(url)
    if leave_out:
        updated = without_pages(text, leave_out)
        sitemap.write_text(updated, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(updated.encode("utf-8"), mtime=0))
