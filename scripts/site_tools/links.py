"""Link check of the built site, offline: every internal link and anchor resolves, once.

Every HTML file of every language is parsed (the pages, the not-found pages, anything else
the build writes). For each href/src/srcset:

* internal (relative, root-relative, or absolute under site_url): the target file exists
  in the built site; a `#fragment` matches exactly one id (or <a name>) in the target:
  "missing anchor" and "ambiguous anchor" are different problems;
* external: https only (mailto:, tel: and sms: are fine), with no tracking parameters;
* anything else (javascript:, file:, protocol-relative //host) is reported.

Links in Material's own chrome (navigation, header, footer, language switcher) are checked
too: it is cheap, and nav entries come from mkdocs.yml. Each problem names the page URL,
the link text and where to fix it (the page's Markdown file, or the chrome).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from .project import Language, built_html_path, page_paths


def parse_html(path: Path):
    """site_tools.built.parse_html, imported on first use: the external-links hook imports this
    module for is_external, and every build should not pay for BeautifulSoup."""
    from .built import parse_html as parse

    return parse(path)

# Click identifiers and campaign tags that tell another site (or an ad network) where a
# reader came from. Prefixes cover families such as utm_source, utm_medium, ...
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "_hs")
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "yclid",
    "li_fat_id", "igshid", "igsh", "mc_eid", "mc_cid", "_ga", "_gl", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "vero_id", "vero_conv", "s_kwcid", "ef_id", "rb_clickid", "wickedid", "epik",
    "sc_cid", "ncid", "cmpid", "si", "ref_src", "ref_url",
})

# Elements and attributes that point somewhere.
_LINK_ATTRIBUTES = (("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                    ("iframe", "src"), ("source", "src"), ("video", "src"), ("video", "poster"),
                    ("audio", "src"), ("track", "src"), ("embed", "src"), ("object", "data"), ("form", "action"))
_SRCSET = ("img", "source")

MISSING_FILE = "missing file"
MISSING_ANCHOR = "missing anchor"
AMBIGUOUS_ANCHOR = "ambiguous anchor"
NOT_HTTPS = "not https"
TRACKING = "tracking parameter"
BAD_SCHEME = "unsupported link"


@dataclass(frozen=True)
class LinkProblem:
    kind: str
    page_url: str  # below the site root, e.g. "hu/help/"
    href: str
    text: str
    source: str  # e.g. "docs/hu/help.md", or "overrides/404.html"
    in_content: bool
    detail: str

    def __str__(self) -> str:
        where = self.source if self.in_content else (
            f"the navigation/header/footer around {self.source} (made from mkdocs.yml, overrides/ and the pages' headings)")
        text = f" {self.text!r}" if self.text else ""
        return f"/{self.page_url}: link{text} -> {self.href}: {self.kind}: {self.detail} [fix in {where}]"


def is_external(href: str, site_url: str | None) -> bool:
    """Does a link leave the site? An http(s) or protocol-relative URL to another host, or to
    a path outside the site's folder on its host (a project site on github.io shares its host
    with other people's sites). Relative links, #anchors, tel:, sms: and mailto: stay (False).
    The one answer for the external-links hook, the link check and the tests."""
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
        return False
    base = urlsplit(site_url or "")
    if parts.netloc.lower() != base.netloc.lower():
        return True
    folder = base.path if base.path.endswith("/") else base.path + "/"
    return not (parts.path if parts.path.endswith("/") else parts.path + "/").startswith(folder)


def _html_sources(site_dir: Path, languages: list[Language]) -> dict[Path, str]:
    """Built HTML file -> the file to fix (Markdown source or template)."""
    sources: dict[Path, str] = {}
    for language in languages:
        for page in page_paths(language):
            sources[built_html_path(site_dir, language, page).resolve()] = language.source_file(page)
        sources[(site_dir / language.site_prefix / "404.html").resolve()] = "overrides/404.html"
    return sources


def _url_path(site_dir: Path, html: Path) -> str:
    rel = html.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


@lru_cache(maxsize=512)
def _anchors(path: str, mtime: float) -> Counter:
    soup = parse_html(Path(path))
    found = Counter(element["id"] for element in soup.find_all(id=True))
    found.update(element["name"] for element in soup.find_all("a", attrs={"name": True}))
    return found


def anchors_of(path: Path) -> Counter:
    return _anchors(str(path), path.stat().st_mtime)


def _describe_ids(path: Path, anchor: str) -> list[str]:
    soup = parse_html(path)
    elements = soup.find_all(id=anchor) + soup.find_all("a", attrs={"name": anchor})
    return [f"<{e.name}" + (f" class=\"{' '.join(e.get('class'))}\"" if e.get("class") else "") + ">" for e in elements]


def _target_file(site_dir: Path, path: str) -> Path | None:
    target = site_dir / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def tracking_parameters(url: str) -> list[str]:
    keys = [key for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]
    return [key for key in keys if key.lower() in TRACKING_PARAMETERS or key.lower().startswith(TRACKING_PREFIXES)]


def _link_text(element) -> str:
    text = element.get_text(" ", strip=True) if element.name in ("a", "area") else ""
    text = text or element.get("aria-label") or element.get("alt") or element.get("title") or ""
    if not text and element.name != "a":
        text = f"<{element.name}>"
    return " ".join(text.split())[:80]


def _references(soup):
    for tag, attribute in _LINK_ATTRIBUTES:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value is not None:
                yield element, value.strip()
    for tag in _SRCSET:
        for element in soup.find_all(tag, srcset=True):
            for candidate in element["srcset"].split(","):
                if candidate.strip():
                    yield element, candidate.split()[0]


def check_html(site_dir: Path, html: Path, site_url: str, source: str) -> list[LinkProblem]:
    site_dir = site_dir.resolve()
    html = html.resolve()
    base = urlsplit(site_url if site_url.endswith("/") else site_url + "/")
    page_path = _url_path(site_dir, html)
    page_url = urljoin(f"{base.scheme}://{base.netloc}{base.path}", page_path)
    soup = parse_html(html)
    content = soup.select_one("article.md-content__inner")
    problems: list[LinkProblem] = []

    for element, href in _references(soup):
        in_content = bool(content) and (element is content or content in element.parents)

        def report(kind: str, detail: str, href=href, element=element, in_content=in_content) -> None:
            problems.append(LinkProblem(kind, page_path, href, _link_text(element), source, in_content, detail))

        if not href or href.startswith("data:") and element.name != "a":
            continue
        lowered = href.lower()
        if lowered.startswith(("mailto:", "tel:", "sms:")):
            continue
        absolute = urlsplit(urljoin(page_url, href))
        scheme = absolute.scheme.lower()
        internal = (not is_external(urljoin(page_url, href), site_url) and scheme == base.scheme
                    and not href.startswith("//"))
        if href.startswith("//"):
            report(NOT_HTTPS, "protocol-relative URL; write it with https://")
            continue
        if not internal:
            if scheme == "https":
                found = tracking_parameters(href)
                if found:
                    report(TRACKING, f"remove {', '.join(found)} (they tell other sites where readers came from)")
            elif scheme == "http":
                report(NOT_HTTPS, "use https:// (if the site has no https, name it without a link)")
            else:
                report(BAD_SCHEME, f"{scheme}: links are not allowed; use https://, mailto:, tel: or sms:")
            continue
        target = _target_file(site_dir, absolute.path[len(base.path):])
        if target is None:
            report(MISSING_FILE, f"/{unquote(absolute.path[len(base.path):])} was not built; fix the link target "
                   "(link to the page's .md file, relative to this page)")
            continue
        fragment = unquote(absolute.fragment)
        if fragment and target.suffix == ".html":
            count = anchors_of(target)[fragment]
            target_name = "/" + _url_path(site_dir, target)
            if count == 0:
                report(MISSING_ANCHOR, f"no id {fragment!r} in {target_name}; link to an existing heading id "
                       "(the {#id} after a heading)")
            elif count > 1:
                report(AMBIGUOUS_ANCHOR, f"{count} elements have id {fragment!r} in {target_name} "
                       f"({', '.join(_describe_ids(target, fragment))}); ids must be unique: rename the heading's "
                       "{#id} or the template's id")
    return problems


def check_site(site_dir: Path, languages: list[Language], site_url: str,
               checked: list[Path] | None = None) -> list[LinkProblem]:
    """Every problem in every HTML file of the built site (each file read is added to checked)."""
    site_dir = site_dir.resolve()
    sources = _html_sources(site_dir, languages)
    problems: list[LinkProblem] = []
    for html in sorted(site_dir.rglob("*.html")):
        source = sources.get(html.resolve(), f"{html.relative_to(site_dir).as_posix()} (generated by the build)")
        problems += check_html(site_dir, html, site_url, source)
        if checked is not None:
            checked.append(html)
    return problems
