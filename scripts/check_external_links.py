#!/usr/bin/env python3
"""Check that the external web addresses in docs/, mkdocs.yml and the country data still answer.
Needs internet.

Optional and slow: not part of ./scripts/test.sh or CI (the offline test suite checks that
links are https and free of tracking parameters). Run it before a release, or monthly, to
find help services that moved. Each URL is asked once (HEAD, then GET when HEAD is refused).

Examples:
  scripts/check_external_links.py                 # check every URL, 8 at a time
  scripts/check_external_links.py --list          # only list the URLs and where they are (offline)
  scripts/check_external_links.py --data          # only the contacts' addresses (data/*.yml)
  scripts/check_external_links.py --timeout 30 --workers 4

Results: "dead" (no answer, 404/410, 5xx, ...) fails the run; "doubtful" (401/403/429: the
site refuses robots) is listed for a human to open in a browser but does not fail.
Exit codes: 0 no dead link, 1 at least one dead link, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import country_data, project  # noqa: E402
from site_tools.markdown_outline import outline_file  # noqa: E402

DOUBTFUL = {401, 403, 429}
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) link-check (online grooming awareness site)"


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None
    detail: str

    @property
    def doubtful(self) -> bool:
        return self.status in DOUBTFUL


def collect_data_urls() -> dict[str, list[str]]:
    """URL -> where it appears in the served country's data file and data/international.yml."""
    found: dict[str, list[str]] = {}
    for where, url in country_data.load().urls():
        found.setdefault(url, []).append(where)
    return found


def collect_urls() -> dict[str, list[str]]:
    """External URL -> where it appears ("docs/hu/help.md:42", "mkdocs.yml (hu extra)", data files)."""
    found = collect_data_urls()
    for language in project.languages():
        for page in project.page_paths(language):
            outline = outline_file(language.docs_dir / page, page, language.source_file(page))
            for link in outline.links:
                if link.kind == "external":
                    found.setdefault(link.target, []).append(outline.where(link.line))

        def walk(value, path):
            if isinstance(value, dict):
                for key, inner in value.items():
                    walk(inner, f"{path}.{key}")
            elif isinstance(value, str) and value.startswith(("https://", "http://")):
                found.setdefault(value, []).append(f"mkdocs.yml ({language.locale} {path})")

        walk(language.extra, "extra")
    return found


def check_url(url: str, timeout: float) -> Result:
    import requests

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"}
    try:
        response = requests.head(url, allow_redirects=True, timeout=timeout, headers=headers)
        if response.status_code >= 400:  # many servers refuse or mishandle HEAD
            response = requests.get(url, allow_redirects=True, timeout=timeout, headers=headers, stream=True)
            response.close()
    except requests.RequestException as error:
        return Result(url, False, None, f"{type(error).__name__}: {error}"[:200])
    status = response.status_code
    moved = f" (redirected to {response.url})" if response.url.rstrip("/") != url.rstrip("/") else ""
    return Result(url, status < 400, status, f"HTTP {status}{moved}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="list the URLs and where they appear; no network")
    parser.add_argument("--data", action="store_true", help="only the addresses in the country data (data/*.yml)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    parser.add_argument("--workers", type=int, default=8, help="requests in parallel (default 8)")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.workers < 1:
        print("ERROR: --timeout must be positive and --workers at least 1", file=sys.stderr)
        return 2
    try:
        urls = collect_data_urls() if args.data else collect_urls()
    except country_data.CountryDataError as error:
        cli.fail(str(error))
    if args.list:
        for url, places in sorted(urls.items()):
            print(f"{url}  ({', '.join(places)})")
        print(f"{len(urls)} external URLs.")
        return 0
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(lambda url: check_url(url, args.timeout), sorted(urls)))
    dead = [r for r in results if not r.ok and not r.doubtful]
    doubtful = [r for r in results if r.doubtful]
    for label, group in (("DEAD", dead), ("DOUBTFUL", doubtful)):
        for result in group:
            print(f"{label} {result.url}: {result.detail}\n    in {', '.join(urls[result.url])}")
    print(f"{len(results)} URLs checked: {len(dead)} dead, {len(doubtful)} doubtful "
          f"(open those in a browser), {len(results) - len(dead) - len(doubtful)} fine.")
    return 1 if dead else 0


if __name__ == "__main__":
    cli.run(main)
