"""The project's command-line tools, run for the tests by a warm Python.

The translation-tool tests, the fork drill and the upstream merge run scripts/*.py some 70
times in copies of the project. A fresh interpreter spends two thirds of each run importing
MkDocs, its plugins, YAML and JSON Schema before the tool does anything. So one interpreter
imports them once (reading this checkout's mkdocs.yml warms every import that reading a
configuration needs) and forks a child for each run. The child is the script's own process:
it runs the script as `__main__` with its argv, working directory and environment, imports
site_tools from the copy's scripts/ (never this checkout's: the warm interpreter has not
imported it), and its exit code, stdout and stderr come back as subprocess.run's would.

What a fresh interpreter checks and a fork cannot (a translator's plain `python3`, the
re-run inside .venv) is tested with real processes: test_translation_tools.py,
test_translator_commands_work_with_plain_python. WARM_PYTHON=0 runs every script in a fresh
process, as before.

Standard library only; the server side runs as `python tests/warm_python.py SOCKET`.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- server


def _warm_up() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    import bs4  # noqa: F401
    import jsonschema  # noqa: F401
    import phonenumbers  # noqa: F401
    import ruamel.yaml  # noqa: F401

    load_config(str(REPO_ROOT / "mkdocs.yml"), hooks=[])
    # Each child imports the copy's own site_tools (sys.path[0] is the copy's scripts/).
    assert not [name for name in sys.modules if name.split(".")[0] == "site_tools"], "site_tools was imported"


def _exit_code(code) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # what the interpreter does with SystemExit("message")
    return 1


def _run_child(connection: socket.socket) -> None:
    """In the forked child: run one script as its own process would, then report and exit."""
    code = 1
    try:
        request = json.loads(_receive(connection))
        connection.sendall(f"{os.getpid()}\n".encode())
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        script = request["script"]
        sys.argv = [script, *request["args"]]
        sys.path[0] = os.path.dirname(os.path.abspath(script))
        import runpy
        import traceback

        try:
            runpy.run_path(script, run_name="__main__")
            code = 0
        except SystemExit as stop:
            code = _exit_code(stop.code)
        except BaseException:  # noqa: BLE001 (the interpreter's own last resort: traceback, exit 1)
            traceback.print_exc()
            code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            connection.sendall(f"{code}\n".encode())
        finally:
            os._exit(code if 0 <= code < 256 else 1)


def _receive(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def serve(socket_path: str) -> None:
    _warm_up()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(64)
    print("ready", flush=True)
    while True:
        readable, _, _ = select.select([server, sys.stdin], [], [], 1.0)
        while True:  # reap finished children (not SIG_IGN: a child's own subprocesses need SIGCHLD)
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if sys.stdin in readable and not sys.stdin.buffer.read1(1):
            return  # the test session ended (its end of the pipe closed)
        if server in readable:
            connection, _ = server.accept()
            if os.fork() == 0:
                server.close()
                _run_child(connection)
            connection.close()


# --------------------------------------------------------------------------- client

_lock = threading.Lock()
_server: tuple[subprocess.Popen, str] | None = None


def _start() -> str | None:
    """The socket of the warm interpreter, started on first use; None if it cannot start."""
    global _server
    with _lock:
        if _server is None:
            if os.environ.get("WARM_PYTHON") == "0" or not hasattr(os, "fork") or not hasattr(socket, "AF_UNIX"):
                return None  # switched off, or a system without fork (Windows): fresh processes
            path = os.path.join(tempfile.mkdtemp(prefix="warm-python-"), "socket")
            env = {**os.environ, "PYTHONUTF8": "1"}
            env.pop("BUILD_ONLY_LOCALE", None)
            process = subprocess.Popen([sys.executable, __file__, path], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, env=env, cwd=REPO_ROOT)
            ready = process.stdout.readline().decode().strip()
            if ready != "ready":
                process.kill()
                raise RuntimeError("tests/warm_python.py did not start (set WARM_PYTHON=0 to run scripts without it)")
            _server = (process, path)
        return _server[1]


def stop() -> None:
    """Ends the warm interpreter (conftest.py, at the end of the session)."""
    global _server
    with _lock:
        if _server is not None:
            process, _ = _server
            process.stdin.close()
            process.wait(timeout=10)
            _server = None


def run(script: str | Path, *args: str, cwd: Path, env: dict[str, str],
        timeout: float = 300) -> subprocess.CompletedProcess:
    """`python script args...` in cwd with env, as subprocess.run(..., capture_output=True,
    text=True) returns it."""
    command = [sys.executable, str(script), *args]
    path = _start()
    if path is None:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    with tempfile.TemporaryDirectory(prefix="warm-run-") as scratch:
        out, err = Path(scratch, "stdout"), Path(scratch, "stderr")
        out.touch()
        err.touch()
        request = {"script": str(Path(cwd, script)), "args": list(args), "cwd": str(cwd), "env": dict(env),
                   "stdout": str(out), "stderr": str(err)}
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(path)
            connection.sendall(json.dumps(request).encode())
            connection.shutdown(socket.SHUT_WR)
            reader = connection.makefile("r")
            pid = int(reader.readline())
            try:
                status = reader.readline()
            except TimeoutError:
                os.kill(pid, 9)
                raise subprocess.TimeoutExpired(command, timeout) from None
        code = int(status) if status.strip() else -9  # no status: the child was killed
        return subprocess.CompletedProcess(command, code, out.read_text(encoding="utf-8"),
                                           err.read_text(encoding="utf-8"))


def python(*args: str, cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """`python ARGS...` in cwd: a script of scripts/ through run(), anything else (-c CODE,
    -m MODULE) in a fresh interpreter."""
    if args and args[0].startswith("scripts/"):
        return run(*args, cwd=cwd, env=env, timeout=timeout)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


if __name__ == "__main__":
    serve(sys.argv[1])
