"""Our markup is valid HTML: the Nu HTML checker (npm `vnu-jar`, pinned in package-lock.json;
needs Java 17+) over every built page, errors only.

Material's own markup is not ours to fix; its known errors are in MATERIAL_ERRORS with the
reason, and everything else fails with the page, line and the checker's message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from site_tools import project

VNU = project.REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, source-extract pattern, why it is Material's and not ours)
MATERIAL_ERRORS = [
    (r"^Attribute “autocomplete” is only allowed when the input type is", r'<input class="md-toggle"',
     "Material's hidden drawer/search toggles (material/templates/base.html)"),
    (r"^Bad value “” for attribute “tabindex” on element “label”", r'<label class="md-nav__link"',
     "Material's navigation section labels (material/templates/partials/nav-item.html)"),
]


def _materials(message: dict) -> bool:
    return any(re.search(pattern, message.get("message", "")) and re.search(extract, message.get("extract", ""))
               for pattern, extract, _ in MATERIAL_ERRORS)


@pytest.mark.npm
def test_built_html_has_no_errors_of_ours(site_dir):
    java = shutil.which("java")
    if not VNU.is_file() or not java:
        pytest.fail(f"The Nu HTML checker needs {VNU.relative_to(project.REPO_ROOT)} (npm ci) and Java 17+ "
                    "(Debian: apt-get install default-jre-headless); ./scripts/test.sh installs the npm packages")
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site_dir)],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    ours = [m for m in report["messages"] if not _materials(m)]
    problems = [f"{m.get('url', '?').split(str(site_dir), 1)[-1].lstrip('/')}:{m.get('lastLine', '?')}: {m['message']}\n"
                f"    {m.get('extract', '').strip()[:160]}" for m in ours]
    assert not problems, (
        "The Nu HTML checker finds errors in the built pages. Fix the template, partial or hook that writes the "
        "element (or, if it is Material's own markup, add it to MATERIAL_ERRORS with the reason):\n" + "\n".join(problems))
