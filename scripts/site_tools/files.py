"""Writing the project's files so that a failure never leaves one half-written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace (or create) a file in one step: write a temporary file next to it, keep the
    old file's permissions, then rename it over the old one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
