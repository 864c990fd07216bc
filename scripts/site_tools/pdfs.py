"""Checklist PDFs (issue 4 fills this in)."""

from __future__ import annotations

from pathlib import Path


def generate_checklist_pdfs(site_dir: Path) -> list[Path]:
    return []
