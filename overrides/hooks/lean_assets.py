"""MkDocs hook: the project's own CSS and JavaScript ship without their comments.

The files under overrides/assets/ explain themselves in comments (why a rule exists);
readers on a phone should not download those. After the build, every .css and .js file
that comes from overrides/assets/ (not Material's .min files) is rewritten in the site
without comments and blank lines. About a third of their compressed size.

Only safe removals are made, so no minifier is needed:
- CSS: every /* ... */ comment outside strings.
- JavaScript: whole lines that are `// ...` comments, and /* ... */ blocks that start a
  line and end a line. Comments after code on the same line stay.
"""

from __future__ import annotations

import re
from pathlib import Path

OVERRIDES = Path(__file__).resolve().parents[1]


def strip_css(text: str) -> str:
    out, i, n = [], 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":
            end = i + 1
            while end < n and text[end] != char:
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + 1])
            i = end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(char)
            i += 1
    return _drop_blank_lines("".join(out))


def strip_js(text: str) -> str:
    lines, in_block = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if in_block:
            if "*/" in line:
                in_block = False
                rest = line[line.index("*/") + 2:]
                if rest.strip():
                    lines.append(rest)
            continue
        if stripped.startswith("//"):
            continue
        if stripped.startswith("/*"):
            close = stripped.find("*/", 2)
            if close == -1:
                in_block = True
            elif close != len(stripped) - 2:
                lines.append(line)  # code follows the comment: keep the line as it is
            continue
        lines.append(line)
    return _drop_blank_lines("\n".join(lines))


def _drop_blank_lines(text: str) -> str:
    return re.sub(r"\n\s*\n+", "\n", text).strip() + "\n"


def lean_assets(site_dir: Path, overrides: Path = OVERRIDES) -> list[Path]:
    changed = []
    for source in sorted((overrides / "assets").rglob("*")):
        if source.suffix not in (".css", ".js") or source.name.endswith((".min.css", ".min.js")):
            continue
        target = site_dir / source.relative_to(overrides)
        if not target.is_file():
            continue
        text = target.read_text(encoding="utf-8")
        lean = strip_css(text) if source.suffix == ".css" else strip_js(text)
        if lean != text:
            target.write_text(lean, encoding="utf-8")
            changed.append(target)
    return changed


def on_post_build(config):
    lean_assets(Path(config.site_dir))
