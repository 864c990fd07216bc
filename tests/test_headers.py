"""Security headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages).

The csp hook (overrides/hooks/csp.py) writes it at every build from the same policy it puts in
each page's <meta>, plus what only a header can say: frame-ancestors (nobody may frame the
site), nosniff, no Referer, and no powerful browser features. Checked against the built pages'
own <meta> policies, and in Chromium through the test server, which sends the file's headers
as those hosts do (site_tools.serve).
"""

from __future__ import annotations

import re

import pytest

from site_tools.built import parse_html

FIX = "overrides/hooks/csp.py (headers_file, SECURITY_HEADERS)"


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


def test_headers_file_has_one_rule_for_every_path(site_dir):
    rules = _rules(site_dir)
    assert list(rules) == ["/*"], f"_headers rules {list(rules)}: expected one rule for /* ({FIX})"
    headers = rules["/*"]
    assert headers.get("X-Content-Type-Options") == "nosniff", headers
    assert headers.get("Referrer-Policy") == "no-referrer", headers
    features = dict(item.strip().split("=", 1) for item in headers.get("Permissions-Policy", "").split(","))
    allowed = {feature: value for feature, value in features.items() if value != "()"}
    assert not allowed, f"Permissions-Policy allows {allowed}; this site uses none of them ({FIX})"
    missing = {"camera", "microphone", "geolocation", "payment", "usb"} - set(features)
    assert not missing, f"Permissions-Policy does not switch off {sorted(missing)} ({FIX})"


def test_header_policy_is_the_pages_policy_plus_frame_ancestors(site_dir):
    header = _directives(_rules(site_dir)["/*"]["Content-Security-Policy"])
    assert header.pop("frame-ancestors", None) == ["'none'"], f"The header's CSP must say frame-ancestors 'none' ({FIX})"
    header_scripts = set(header.pop("script-src"))
    problems, page_hashes = [], set()
    pages = sorted(p for p in site_dir.rglob("*.html"))
    assert pages, "no HTML in the built site"
    for path in pages:
        meta = parse_html(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        where = path.relative_to(site_dir)
        if meta is None:
            problems.append(f"{where}: no <meta> Content-Security-Policy")
            continue
        own = _directives(meta["content"])
        scripts = set(own.pop("script-src"))
        page_hashes |= {source for source in scripts if source.startswith("'sha256-")}
        if own != header:
            problems.append(f"{where}: <meta> policy {own} differs from the header's {header} outside script-src")
        if not scripts <= header_scripts:
            problems.append(f"{where}: script sources {sorted(scripts - header_scripts)} are missing from the header, "
                            "so the page's inline scripts would be blocked where _headers is served")
    stale = {source for source in header_scripts if source.startswith("'sha256-")} - page_hashes
    if stale:
        problems.append(f"the header allows script hashes no page has: {sorted(stale)}")
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
