"""site_tools.files.write_atomically: every tool writes the project's files through it, so a
failure half-way (a full disk, an interrupted run, text that cannot be encoded) must leave
the old file exactly as it was and nothing next to it."""

from __future__ import annotations

import os
import stat

import pytest

from site_tools.files import write_atomically


def test_writes_text_as_given_and_keeps_the_mode(tmp_path):
    target = tmp_path / "mkdocs.yml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "új\r\nsor\n")
    assert target.read_bytes() == "új\r\nsor\n".encode("utf-8"), "line endings and UTF-8 must be written as given"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640, "the file's permissions must be kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"], "a temporary file was left behind"


def test_creates_a_new_file_and_writes_bytes(tmp_path):
    write_atomically(tmp_path / "a.pdf", b"%PDF-1.7\n")
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.7\n"


def test_a_failure_half_way_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "hu.yml"
    target.write_text("kept: true\n", encoding="utf-8")
    # A lone surrogate cannot be encoded: the write fails after the first part is written.
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "x" * 100_000 + "\udc80")
    assert target.read_text(encoding="utf-8") == "kept: true\n", "a failed write changed the file"
    assert os.listdir(tmp_path) == ["hu.yml"], f"a failed write left {os.listdir(tmp_path)}"
