"""Security headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages).

The csp hook (overrides/hooks/csp.py) writes it at every build from the same policy it puts in
each page's <meta>, plus what only a header can say: frame-ancestors (nobody may frame the
site), nosniff, no Referer, and no powerful browser features. nosniff and no Referer go with
every file; the policy, Permissions-Policy and X-Frame-Options with pages only (they do
nothing for a stylesheet, and cost 1.2 KB on each of its responses). Which path gets which
header is checked with each host's own matching rules (below), against every built file; the
policy is checked against the built pages' own <meta> policies, and in Chromium through the
test server, which sends the file's headers as those hosts do (site_tools.serve).
"""

from __future__ import annotations

import re

import pytest

from site_tools.built import parse_html

FIX = "overrides/hooks/csp.py (headers_file, document_paths, SHARED_HEADERS, DOCUMENT_HEADERS)"
SHARED = {"X-Content-Type-Options", "Referrer-Policy"}
DOCUMENT_ONLY = {"Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"}


# How each host matches a rule's path against a request's path (neither documents it fully).
# Cloudflare Pages (workers-sdk, rules engine): every `*` becomes `.*`, the rest is literal,
# and the whole path must match. Netlify (@netlify/headers-parser, getForRegExp): the pattern
# is split at `/` (empty parts and so a trailing `/` dropped), a `*` part becomes `?(.*)` (so
# `/help/*` also matches `/help` and `/helpdesk`), a `*` inside a part becomes `(.*)`, an
# optional `/` may end the path, and case is ignored.
def _cloudflare(pattern: str, path: str) -> bool:
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), path) is not None


def _netlify(pattern: str, path: str) -> bool:
    parts = [part.rstrip() for part in pattern.split("/") if part.rstrip()]
    regex = "/".join("?(.*)" if part == "*" else part.replace("*", "(.*)") if "*" in part else re.escape(part)
                     for part in parts)
    return re.fullmatch(f"/{regex}/?", path, re.IGNORECASE) is not None


HOSTS = {"Cloudflare Pages": _cloudflare, "Netlify": _netlify}


def _headers_for(rules, path: str, matches) -> dict[str, list[str]]:
    """Every header a request for `path` gets, with one value per matching rule."""
    got: dict[str, list[str]] = {}
    for pattern, headers in rules.items():
        if matches(pattern, path):
            for name, value in headers.items():
                got.setdefault(name, []).append(value)
    return got


def _request_paths(site_dir) -> tuple[list[str], list[str]]:
    """(paths that answer with a page, paths of every other file a visitor can request)."""
    pages, files = [], []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file() and p.name != "_headers"):
        url = "/" + path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            pages.append(url)
            if path.name == "index.html":
                pages.append(url[: -len("index.html")])  # /help/ serves /help/index.html
        elif path.suffix not in (".pdf", ".zip"):  # downloads sit next to their page, in its folder
            files.append(url)
    return pages, files


def _rules(site_dir) -> dict[str, dict[str, str]]:
    path = site_dir / "_headers"
    assert path.is_file(), f"The build wrote no _headers at the site root ({FIX}, on_post_build)"
    rules: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            assert current is not None and ":" in line, f"_headers line {number}: {line!r} is not `  Name: value` under a path"
            name, value = line.strip().split(":", 1)
            current[name.strip()] = value.strip()
    return rules


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def test_every_response_gets_nosniff_and_no_referrer(site_dir):
    rules = _rules(site_dir)
    assert "/*" in rules, f"_headers has no rule for every path (/*); rules: {list(rules)} ({FIX})"
    headers = rules["/*"]
    assert headers.get("X-Content-Type-Options") == "nosniff", headers
    assert headers.get("Referrer-Policy") == "no-referrer", headers
    assert not DOCUMENT_ONLY & set(headers), (
        f"/* sends {sorted(DOCUMENT_ONLY & set(headers))} with every file; they belong to the pages' rules ({FIX})")


def test_pages_and_only_pages_get_the_document_headers_once_on_every_host(site_dir):
    rules = _rules(site_dir)
    pages, files = _request_paths(site_dir)
    assert pages and any(url.startswith("/assets/") for url in files), "the built site has no pages or no assets"
    problems = []
    for host, matches in HOSTS.items():
        for url in pages:
            got = _headers_for(rules, url, matches)
            for name in sorted(SHARED | DOCUMENT_ONLY):
                if len(got.get(name, [])) != 1:
                    problems.append(f"{host}: page {url} gets {name} {len(got.get(name, []))} times, expected once")
        for url in files:
            extra = sorted(DOCUMENT_ONLY & set(_headers_for(rules, url, matches)))
            if extra:
                problems.append(f"{host}: {url} is not a page but gets {extra}")
    assert not problems, f"{FIX}:\n" + "\n".join(problems[:40])


def test_page_rules_give_every_page_the_same_headers(site_dir):
    document_rules = {path: headers for path, headers in _rules(site_dir).items() if path != "/*"}
    assert document_rules, f"_headers has no rules for the pages ({FIX})"
    first = next(iter(document_rules.values()))
    differing = [path for path, headers in document_rules.items() if headers != first]
    assert not differing, f"page rules {differing} differ from the first page rule ({FIX})"
    features = dict(item.strip().split("=", 1) for item in first.get("Permissions-Policy", "").split(","))
    allowed = {feature: value for feature, value in features.items() if value != "()"}
    assert not allowed, f"Permissions-Policy allows {allowed}; this site uses none of them ({FIX})"
    missing = {"camera", "microphone", "geolocation", "payment", "usb"} - set(features)
    assert not missing, f"Permissions-Policy does not switch off {sorted(missing)} ({FIX})"
    assert first.get("X-Frame-Options") == "DENY", first


def test_header_policy_forbids_framing_and_every_page_carries_its_own_policy(site_dir):
    """The header says what a <meta> policy cannot (frame-ancestors); each page's <meta> policy
    allows only this site and that page's inline scripts. A browser enforces both."""
    header = _directives(_rules(site_dir)["/"]["Content-Security-Policy"])
    assert header == {"frame-ancestors": ["'none'"]}, f"The header's CSP must be frame-ancestors 'none' ({FIX}): {header}"
    problems = []
    pages = sorted(p for p in site_dir.rglob("*.html"))
    assert pages, "no HTML in the built site"
    for path in pages:
        meta = parse_html(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        where = path.relative_to(site_dir)
        if meta is None:
            problems.append(f"{where}: no <meta> Content-Security-Policy, and the header no longer carries one")
            continue
        own = _directives(meta["content"])
        if own.get("default-src") != ["'self'"] or "'unsafe-inline'" in own.get("script-src", []):
            problems.append(f"{where}: <meta> policy {own} must keep default-src 'self' and no 'unsafe-inline'")
    assert not problems, f"{FIX}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_no_page_can_be_framed_where_headers_are_served(open_page, site_url):
    """frame-ancestors 'none' (header only: a <meta> policy cannot say it) blocks even this site's own frames."""
    page, _ = open_page(site_url)
    framed = page.evaluate("""async (url) => {
        const frame = document.createElement('iframe');
        frame.src = url;
        document.body.append(frame);
        await new Promise(resolve => { frame.onload = resolve; setTimeout(resolve, 3000); });
        try { return frame.contentDocument ? frame.contentDocument.title : null; } catch (error) { return null; }
    }""", site_url + "help/")
    assert not framed or not re.search(r"\w", framed), (
        f"{site_url}help/ loaded inside a frame (title {framed!r}): _headers needs frame-ancestors 'none' in its CSP and X-Frame-Options: DENY ({FIX})")
