"""What every command-line tool in scripts/ shares: run inside the project's .venv, and
turn every failure a translator can meet into one line and exit code 2.

Translators run `python3 scripts/new_language.py ...` with whatever Python is on their
PATH. The tools need MkDocs and its plugins, which live only in .venv; so the first call
creates .venv (through scripts/bootstrap.sh, the same step the README commands run) and
re-runs the tool inside it. Standard library only, because it runs before .venv exists.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, NoReturn

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
BOOTSTRAP = REPO_ROOT / "scripts" / "bootstrap.sh"
# Set when a tool re-runs itself inside .venv, so that a broken .venv cannot loop.
_REEXEC_MARK = "SITE_TOOLS_REEXEC"
EXIT_USAGE = 2


def fail(message: str) -> NoReturn:
    print(f"ERROR: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def _has_packages() -> bool:
    """Already inside a virtual environment that has the site's packages (.venv, or the
    test suite's interpreter running a copy of the project)."""
    import importlib.util

    return sys.prefix != sys.base_prefix and importlib.util.find_spec("mkdocs") is not None


def ensure_venv() -> None:
    """Re-run the calling script inside .venv, creating it first if needed."""
    if os.environ.get(_REEXEC_MARK) == "1" or _has_packages():
        return
    if sys.version_info < (3, 10):
        fail(f"Python 3.10 or newer is needed (this is {sys.version.split()[0]}).")
    if not VENV_PYTHON.exists() or not (REPO_ROOT / ".venv" / ".requirements.sha256").exists():
        print("First run: setting up .venv with the pinned packages (a minute or two) ...", file=sys.stderr)
    # bootstrap.sh is quick when .venv is current (it compares a hash of requirements.txt).
    result = subprocess.run(["bash", "-c", 'source "$0" >&2', str(BOOTSTRAP)], cwd=REPO_ROOT)
    if result.returncode != 0 or not VENV_PYTHON.exists():
        fail("could not set up .venv (see the message above); run ./scripts/build.sh --no-pdf once, "
             "or install Python 3.10+ with venv (Debian: apt-get install python3-venv).")
    env = dict(os.environ, **{_REEXEC_MARK: "1", "NO_MKDOCS_2_WARNING": "1"})
    script = os.path.abspath(sys.argv[0])
    os.execve(str(VENV_PYTHON), [str(VENV_PYTHON), script, *sys.argv[1:]], env)


def run(main: Callable[[], int]) -> None:
    """sys.exit(main()), with missing packages and unreadable configuration as one line, exit 2."""
    try:
        code = main()
    except ModuleNotFoundError as error:
        fail(f"missing Python package {error.name!r}: run ./scripts/build.sh --no-pdf once "
             "(it installs the pinned packages into .venv), then run this command again.")
    except KeyboardInterrupt:
        raise SystemExit(130)
    except BrokenPipeError:  # the output was piped into `head` or a pager that stopped reading
        sys.stderr = open(os.devnull, "w")
        raise SystemExit(0)
    except Exception as error:  # the last line of defence: no traceback for translators
        if os.environ.get("SITE_TOOLS_DEBUG") == "1":
            raise
        kind = type(error).__name__
        fail(f"{kind}: {error} (set SITE_TOOLS_DEBUG=1 to see the traceback).")
    raise SystemExit(code)
