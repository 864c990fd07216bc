#!/usr/bin/env python3
"""Benchmark the site as readers get it: build, serve compressed, run Lighthouse, compare.

Builds the site (strict, like ./scripts/build.sh), serves it with gzip on 127.0.0.1 as a
static host such as GitHub Pages would (--brotli: precompressed brotli, as Netlify or
Cloudflare would), and runs Lighthouse {version} (installed on first use into .cache/, not
a test dependency) on a few pages in every language, as a phone (Lighthouse's default:
slow 4G, mid-range CPU) and as a desktop. Prints scores, timings and transferred bytes
against the project's targets. It is a report: missed targets do not change the exit code.

With --suite it times the test suite instead: a quick build (./scripts/build.sh --no-pdf) and
the fast lane (./scripts/test.sh --fast), one after the other in one run, and prints the fast
lane in quick builds' worth against its target (at most 10: a lane run on every edit).

Examples:
  ./.venv/bin/python scripts/benchmark.py
  ./.venv/bin/python scripts/benchmark.py --suite
  ./.venv/bin/python scripts/benchmark.py --pages help.md --form-factors mobile
  ./.venv/bin/python scripts/benchmark.py --runs 3 --json /tmp/benchmark.json
  ./.venv/bin/python scripts/benchmark.py --brotli --pages parents/warning-signs.md

Exit codes: 0 report printed (targets met or not), 1 the build or Lighthouse failed,
2 usage error (unknown page, language or form factor).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from site_tools import cli  # noqa: E402  (standard library only)

cli.ensure_venv()

from site_tools import project  # noqa: E402
from site_tools.build import BuildError, build_site  # noqa: E402
from site_tools.checklists import front_matter, is_checklist  # noqa: E402
from site_tools.lighthouse import (  # noqa: E402
    LIGHTHOUSE_VERSION,
    LighthouseError,
    ensure_lighthouse,
    precompress_brotli,
    run_lighthouse,
)
from site_tools.serve import serve_directory  # noqa: E402

DEFAULT_PAGES = ["index.md", "how-grooming-works.md", "parents/warning-signs.md", "help.md"]
FORM_FACTORS = ["mobile", "desktop"]
KB = 1024

# The project's targets (issue 6).
TARGETS = {
    "mobile performance": 98,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "first visit KB": 70,
    "page HTML KB": 14,
    "fast lane in quick builds": 10,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_checklist(language: project.Language, source: str) -> bool:
    return is_checklist(front_matter(language.docs_dir / source))


def _kb(value) -> str:
    return "-" if value is None else f"{value / KB:.1f}"


def _ms(value) -> str:
    return "-" if value is None else f"{value:.0f}"


def check_targets(rows: list[dict]) -> list[str]:
    """Human-readable lines for every missed target."""
    missed = []
    for row in rows:
        where = f"{row['language']}:{row['page']} ({row['form_factor']})"
        scores = row["scores"]
        if row["form_factor"] == "mobile" and (scores["performance"] or 0) < TARGETS["mobile performance"]:
            missed.append(f"{where}: performance {scores['performance']} < {TARGETS['mobile performance']}")
        for category in ("accessibility", "best-practices", "seo"):
            if (scores[category] or 0) < TARGETS[category]:
                failing = "; ".join(row["failed_audits"].get(category, [])) or "see the JSON report"
                missed.append(f"{where}: {category} {scores[category]} < {TARGETS[category]} ({failing})")
        if row["html_bytes"] is not None and row["html_bytes"] > TARGETS["page HTML KB"] * KB:
            missed.append(f"{where}: HTML {_kb(row['html_bytes'])} KB > {TARGETS['page HTML KB']} KB compressed")
        if row["transfer_bytes"] is not None and row["transfer_bytes"] > TARGETS["first visit KB"] * KB:
            missed.append(f"{where}: first visit {_kb(row['transfer_bytes'])} KB > {TARGETS['first visit KB']} KB")
    return missed


def print_report(rows: list[dict], build_seconds: float, pdf_seconds: float | None, encoding: str, runs: int) -> None:
    header = f"{'page':<34} {'form':<7} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>6} {'CLS':>5} {'KB total':>8} {'KB html':>7}"
    print(header)
    print("-" * len(header))
    for row in rows:
        s, m = row["scores"], row["metrics"]
        print(
            f"{row['language'] + ':' + row['page']:<34} {row['form_factor']:<7} "
            f"{s['performance'] if s['performance'] is not None else '-':>4} {s['accessibility'] if s['accessibility'] is not None else '-':>4} "
            f"{s['best-practices'] if s['best-practices'] is not None else '-':>4} {s['seo'] if s['seo'] is not None else '-':>4} "
            f"{_ms(m['fcp_ms']):>7} {_ms(m['lcp_ms']):>7} {_ms(m['tbt_ms']):>6} "
            f"{'-' if m['cls'] is None else format(m['cls'], '.3f'):>5} {_kb(row['transfer_bytes']):>8} {_kb(row['html_bytes']):>7}"
        )
    print()
    print(f"Build: {build_seconds:.1f} s (mkdocs --strict with search index)"
          + (f", checklist PDFs {pdf_seconds:.1f} s" if pdf_seconds is not None else ", PDFs skipped (--pdfs to include)"))
    print(f"Bytes are as transferred on a first visit with {encoding} (headers included); 1 KB = 1024 bytes.")
    if runs > 1:
        print(f"Each row is the median (by performance score) of {runs} Lighthouse runs.")
    print()
    print("Targets: mobile performance >= 98; accessibility, best practices, SEO = 100; "
          "first visit <= 70 KB; page HTML <= 14 KB compressed.")
    missed = check_targets(rows)
    if missed:
        print(f"Missed ({len(missed)}):")
        for line in missed:
            print(f"  - {line}")
    else:
        print("All targets met.")
    errors = [row for row in rows if row.get("runtime_error")]
    for row in errors:
        print(f"Note: Lighthouse reported for {row['language']}:{row['page']} ({row['form_factor']}): {row['runtime_error']}")


def _timed(command: list[str]) -> tuple[float, int, str]:
    """Seconds a command of this checkout takes, its exit code and its last output line."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project.REPO_ROOT, capture_output=True, text=True)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return time.perf_counter() - started, done.returncode, lines[-1] if lines else ""


def suite_report() -> int:
    """The fast lane against a quick build, both timed now (issue 18: at most 10 builds' worth)."""
    print("Timing ./scripts/build.sh --no-pdf ...", file=sys.stderr)
    build_seconds, code, last = _timed(["./scripts/build.sh", "--no-pdf"])
    if code != 0:
        print(f"ERROR: the quick build failed: {last}", file=sys.stderr)
        return 1
    print("Timing ./scripts/test.sh --fast ...", file=sys.stderr)
    lane_seconds, code, last = _timed(["./scripts/test.sh", "--fast", "-q"])
    if code != 0:
        print(f"ERROR: the fast lane failed: {last}", file=sys.stderr)
        return 1
    worth = lane_seconds / build_seconds
    target = TARGETS["fast lane in quick builds"]
    print(f"Quick build (./scripts/build.sh --no-pdf): {build_seconds:.1f} s")
    print(f"Fast lane (./scripts/test.sh --fast):     {lane_seconds:.1f} s ({last})")
    print(f"Fast lane = {worth:.1f} quick builds on {os.cpu_count()} cores (target: at most {target}); "
          + ("target met." if worth <= target else "MISSED."))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.format(version=LIGHTHOUSE_VERSION), formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES),
                        help="comma-separated Markdown pages, relative to a language folder (default: %(default)s)")
    parser.add_argument("--languages", default=None,
                        help="comma-separated locales (default: every language in mkdocs.yml)")
    parser.add_argument("--form-factors", default=",".join(FORM_FACTORS), help="mobile, desktop or both (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=1,
                        help="Lighthouse runs per page and form factor; the median performance run is kept (default: 1)")
    parser.add_argument("--brotli", action="store_true", help="serve precompressed brotli instead of gzip")
    parser.add_argument("--pdfs", action="store_true", help="also generate the checklist PDFs (adds their build time)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every figure to this JSON file")
    parser.add_argument("--suite", action="store_true",
                        help="time a quick build and the fast lane instead (no Lighthouse)")
    args = parser.parse_args(argv)
    if args.suite:
        return suite_report()

    languages = project.languages()
    if args.languages:
        wanted = [code.strip() for code in args.languages.split(",") if code.strip()]
        unknown = [code for code in wanted if code not in {l.locale for l in languages}]
        if unknown:
            print(f"ERROR: unknown language(s) {', '.join(unknown)}; mkdocs.yml has {', '.join(l.locale for l in languages)}", file=sys.stderr)
            return 2
        languages = [l for l in languages if l.locale in wanted]
    pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    for language in languages:
        missing = [page for page in pages if page not in project.page_paths(language)]
        if missing:
            print(f"ERROR: no such page in docs/{language.locale}/: {', '.join(missing)}", file=sys.stderr)
            return 2
    form_factors = [f.strip() for f in args.form_factors.split(",") if f.strip()]
    if not form_factors or any(f not in FORM_FACTORS for f in form_factors):
        print(f"ERROR: --form-factors takes {' and/or '.join(FORM_FACTORS)}", file=sys.stderr)
        return 2
    if not 1 <= args.runs <= 9:
        print("ERROR: --runs takes 1 to 9", file=sys.stderr)
        return 2
    if args.json and not args.json.parent.exists():
        print(f"ERROR: folder {args.json.parent} does not exist", file=sys.stderr)
        return 2

    try:
        cli = ensure_lighthouse(log=lambda line: print(line, file=sys.stderr))
    except LighthouseError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1

    port = _free_port()
    # Build for the address it is served from, as a deployment would be: canonical and
    # hreflang URLs then point at the served pages.
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}/"
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark-site-") as tmp:
        site_dir = Path(tmp) / "site"
        print("Building the site ...", file=sys.stderr)
        started = time.perf_counter()
        try:
            build = build_site(site_dir, pdfs=args.pdfs)
        except BuildError as error:
            print(f"ERROR: {error}", file=sys.stderr)
            return 1
        build_seconds = time.perf_counter() - started - (build.pdf_seconds or 0)
        if args.brotli:
            try:
                precompress_brotli(site_dir)
            except LighthouseError as error:
                print(f"ERROR: {error}", file=sys.stderr)
                return 1
        with serve_directory(site_dir, port=port, compress=True) as base_url:
            for language in languages:
                for page in pages:
                    url = base_url + language.site_prefix + project.page_url(page)
                    for form_factor in form_factors:
                        print(f"Lighthouse {form_factor:<7} {url}" + (f" x{args.runs}" if args.runs > 1 else ""), file=sys.stderr)
                        try:
                            runs = [run_lighthouse(cli, url, form_factor)[0] for _ in range(args.runs)]
                        except LighthouseError as error:
                            print(f"ERROR: {error}", file=sys.stderr)
                            return 1
                        # Lighthouse's own advice for noisy machines: report the median run.
                        runs.sort(key=lambda r: r.scores["performance"] or 0)
                        report = runs[len(runs) // 2]
                        rows.append({"language": language.locale, "page": page,
                                     "checklist": _is_checklist(language, page), **asdict(report)})
    print_report(rows, build_seconds, build.pdf_seconds, "brotli" if args.brotli else "gzip", args.runs)
    if args.json:
        args.json.write_text(json.dumps({
            "lighthouse": LIGHTHOUSE_VERSION,
            "encoding": "brotli" if args.brotli else "gzip",
            "runs_per_row": args.runs,
            "build_seconds": round(build_seconds, 2),
            "pdf_seconds": None if build.pdf_seconds is None else round(build.pdf_seconds, 2),
            "targets": TARGETS,
            "missed": check_targets(rows),
            "runs": rows,
        }, indent=2), encoding="utf-8")
        print(f"Wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    cli.run(main)
