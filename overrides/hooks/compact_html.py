"""MkDocs hook: each page without the indentation its templates leave between tags.

Material's templates indent their output, and every line of that indentation reaches the
reader: on the Hungarian help page, 15% of the HTML and 0.7 KB of its compressed size, on a
first visit that must stay under 70 KB (scripts/benchmark.py). A run of whitespace that holds
a line break becomes one line break, which a browser shows exactly as before; <pre>, <code>,
<textarea>, <script> and <style> keep theirs (site_tools.html_scan.without_indentation).

Runs after every hook that changes a page and before `csp`, which hashes the final inline
scripts (unchanged here in any case). The not-found pages are templates, left as they are.
"""

from __future__ import annotations

from site_tools.html_scan import without_indentation


def on_post_page(output, page, config):
    return without_indentation(output)
