"""Build the site exactly as the README's commands do: strict MkDocs, then post-steps.

A build never leaves a half-built site behind: it is made in a temporary folder next to the
target and renamed into place only when every step has succeeded, so a failed build leaves
the previous site (or no folder at all) exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .project import REPO_ROOT


class BuildError(RuntimeError):
    pass


@dataclass
class BuildResult:
    site_dir: Path
    log: str
    seconds: float


@contextmanager
def building(site_dir: Path) -> Iterator[Path]:
    """A temporary folder next to site_dir to build into; renamed to site_dir when the block
    succeeds (the previous site_dir moved aside first, then deleted), deleted when it fails."""
    site_dir = Path(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    work.chmod(0o777 & ~umask)  # mkdtemp's folder is private; a site is published
    try:
        yield work
        old = None
        if site_dir.exists() or site_dir.is_symlink():
            old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
            site_dir.rename(old)
        work.rename(site_dir)
        if old is not None:
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def mkdocs_build(site_dir: Path, extra_env: dict | None = None, project_dir: Path = REPO_ROOT) -> BuildResult:
    """`mkdocs build --strict` into site_dir; any WARNING or ERROR line fails the build, and
    then site_dir is left as it was (see `building`).

    project_dir holds the mkdocs.yml to build (a test's modified copy of the project, say).
    No `-v`: in MkDocs 1.6.1 verbose strict builds can miss anchor warnings.
    """
    with building(site_dir) as work:
        result = _mkdocs_build_into(work, extra_env, project_dir)
    result.site_dir = Path(site_dir)
    return result


def _mkdocs_build_into(site_dir: Path, extra_env: dict | None = None, project_dir: Path = REPO_ROOT) -> BuildResult:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    # The hooks import site_tools: from this checkout's scripts/ (a copy of the project
    # builds with its own code), ahead of the one .venv knows.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT / "scripts"), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    log = completed.stdout + completed.stderr
    problems, in_problem = [], False
    for line in log.splitlines():
        # A problem's own continuation lines (indented) belong to it: hooks list several.
        in_problem = line.startswith(("WARNING", "ERROR")) or (in_problem and line.startswith("  "))
        if in_problem:
            problems.append(line)
    if completed.returncode != 0 or problems:
        raise BuildError(
            "mkdocs build --strict failed:\n"
            + ("\n".join(problems) or log[-4000:])
            + "\nFix each file named above (run `./scripts/build.sh` to reproduce)."
        )
    return BuildResult(site_dir=site_dir, log=log, seconds=seconds)


@dataclass
class SiteBuild:
    site_dir: Path
    mkdocs: BuildResult
    pdf_seconds: float | None = None
    pdf_files: tuple[Path, ...] = ()

    def summary(self) -> list[str]:
        lines = [f"Built {self.site_dir} in {self.mkdocs.seconds:.1f} s (mkdocs --strict, search index)."]
        if self.pdf_seconds is not None:
            lines.append(f"Generated {len(self.pdf_files)} PDFs and classroom packs in {self.pdf_seconds:.1f} s.")
        return lines


def build_site(site_dir: Path, *, pdfs: bool = True, search: bool = True) -> SiteBuild:
    """The full deployable build; every caller (README command, tests, benchmark) uses this.
    All or nothing: site_dir changes only when the MkDocs build and the PDFs both succeed.
    search=False leaves out the search index (for test builds that do not search)."""
    from .checklists import PDFS_ENV

    site_dir = Path(site_dir)
    # Pages link to their checklist PDFs only in builds that generate them.
    env = {PDFS_ENV: "1" if pdfs else "0", "SITE_SEARCH_INDEX": "1" if search else "0"}
    with building(site_dir) as work:
        result = SiteBuild(site_dir=work, mkdocs=_mkdocs_build_into(work, extra_env=env))
        if pdfs:
            from .pdfs import generate_pdfs

            started = time.perf_counter()
            result.pdf_files = tuple(generate_pdfs(work))
            result.pdf_seconds = time.perf_counter() - started
    result.site_dir = result.mkdocs.site_dir = site_dir
    result.pdf_files = tuple(site_dir / path.relative_to(work) for path in result.pdf_files)
    return result
