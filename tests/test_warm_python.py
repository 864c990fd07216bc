"""tests/warm_python.py runs the translation tools for the other tests: a script run there
must look exactly like `python script args` run as a process (exit code, stdout, stderr, the
working directory, the environment, and imports from the script's own folder)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import warm_python

SCRIPT = textwrap.dedent("""\
    import os, sys
    import sibling
    print("out:", sys.argv[1:], os.getcwd() == sys.argv[1], os.environ.get("WARM_TEST"), sibling.NAME)
    print("err: ünnepély", file=sys.stderr)
    sys.exit(int(sys.argv[2]))
""")


@pytest.fixture
def scripts(tmp_path):
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "tool.py").write_text(SCRIPT, encoding="utf-8")
    (folder / "sibling.py").write_text('NAME = "from the script\'s folder"\n', encoding="utf-8")
    (folder / "broken.py").write_text("raise ValueError('boom')\n", encoding="utf-8")
    (folder / "message.py").write_text("raise SystemExit('ERROR: one line')\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("script,args", [("tool.py", ["{cwd}", "0"]), ("tool.py", ["{cwd}", "3"]),
                                         ("broken.py", []), ("message.py", [])])
def test_a_warm_run_is_what_a_process_would_give(scripts, script, args):
    args = [arg.format(cwd=scripts) for arg in args]
    env = {"PATH": "/usr/bin:/bin", "WARM_TEST": "passed on"}
    warm = warm_python.run(f"scripts/{script}", *args, cwd=scripts, env=env, timeout=60)
    fresh = subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=scripts, env=env,
                           capture_output=True, text=True, timeout=60)
    assert (warm.returncode, warm.stdout) == (fresh.returncode, fresh.stdout), (
        f"tests/warm_python.py ran scripts/{script} differently from a process:\n{warm}\n{fresh}")
    # A traceback names the same error on the last line (the frames above differ: runpy's).
    assert warm.stderr.splitlines()[-1:] == fresh.stderr.splitlines()[-1:], (warm.stderr, fresh.stderr)
