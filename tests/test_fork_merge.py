"""A fork takes upstream's next release with a plain `git merge`: no conflicts, and one
command brings its languages up to date (LOCALIZING.md, "Staying up to date with upstream").

In temporary repositories:

1. "upstream" is a copy of this project, committed;
2. a fork clones it and follows LOCALIZING.md: switches Hungarian off
   (scripts/remove_language.py hu), adds its country (data/countries/XR.yml, `country: XR` in
   mkdocs.yml), adds its language (scripts/new_language.py), fills in the data texts it needs
   (scripts/translation_status.py texts --write), and commits;
3. upstream then makes an ordinary release touching everything a release touches:
   Hungarian country data, a Hungarian page, an English page, a hook, a stylesheet, a
   Hungarian interface string, an English interface string, and a new page in every upstream
   language, added to the navigation;
4. the fork runs `git merge upstream/main`, then `scripts/translation_status.py update`, and
   builds strictly.

A conflict here means a fork would hit it on every release: fix which files upstream and
forks own (LOCALIZING.md), not this test.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from site_tools import project
from site_tools.built import parse_html

import warm_python
from conftest import made

FIXTURE = project.REPO_ROOT / "tests" / "fixtures" / "fork" / "XR.yml"
ENV = {key: value for key, value in os.environ.items() if key not in ("BUILD_ONLY_LOCALE", "SITE_URL")}
GIT_USER = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
# The fork's language: one this site does not have yet.
NEW = next(c for c in ("sk", "cs", "pl", "sl", "hr") if c not in {lang.locale for lang in project.languages(switched_off=True)})
NEW_PAGE = "what-is-new.md"
NEW_TITLE = "What is new"


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", *GIT_USER, *args], cwd=repo, capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, f"git {' '.join(args)} failed in {repo}:\n{done.stdout}\n{done.stderr}"
    return done


def tool(repo: Path, *args: str) -> str:
    done = warm_python.python(*args, cwd=repo, env=ENV, timeout=600)
    assert done.returncode == 0, f"`{' '.join(args)}` failed in {repo}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: the test's upstream edit expects {old!r} in it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def make_fork(upstream: Path, fork: Path) -> None:
    git(upstream.parent, "clone", "-q", str(upstream), str(fork))
    if "hu" in {lang.locale for lang in project.languages()}:
        tool(fork, "scripts/remove_language.py", "hu")
    (fork / "data" / "countries" / "XR.yml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    settings = fork / "mkdocs.yml"
    text, count = re.subn(r"^(\s+country:\s*)\S+", r"\g<1>XR", settings.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no `country:` line (LOCALIZING.md)"
    settings.write_text(text, encoding="utf-8")
    tool(fork, "scripts/new_language.py", NEW, "Fork language")
    # The data texts of every language the fork builds besides the default (a site that has
    # translated another language already needs the new country's texts in it too).
    for locale in [lang.locale for lang in project.languages() if lang.locale not in ("en", "hu")] + [NEW]:
        tool(fork, "scripts/translation_status.py", "texts", "--lang", locale, "--write")
        translations = fork / "data" / "translations" / f"{locale}.yml"
        translations.write_text(translations.read_text(encoding="utf-8").replace("TODO: ", f"[{locale}] "),
                                encoding="utf-8")
    git(fork, "add", "-A")
    git(fork, "commit", "-q", "-m", "Our fork: our country, our language, Hungarian switched off")


def upstream_release(upstream: Path) -> None:
    """An ordinary upstream release: the kinds of change the issue lists."""
    hu_data = upstream / "data" / "countries" / "HU.yml"
    text = hu_data.read_text(encoding="utf-8")
    hu_data.write_text(re.sub(r"verified_on: \d{4}-\d{2}-\d{2}", "verified_on: 2026-12-01", text, count=1),
                       encoding="utf-8")
    append(upstream / "docs" / "hu" / "glossary.md", "\nEgy új mondat a magyar szószedetben.\n")
    append(upstream / "docs" / "en" / "staying-safe.md", "\nA new sentence on the English page.\n")
    append(upstream / "overrides" / "hooks" / "robots.py", "\n# An upstream fix in a hook.\n")
    append(upstream / "overrides" / "assets" / "stylesheets" / "site.css", "\n/* An upstream fix in a stylesheet. */\n")
    for locale in ("en", "hu"):
        language_file = upstream / "config" / "languages" / f"{locale}.yml"
        text = language_file.read_text(encoding="utf-8")
        text, count = re.subn(r"^(    search_clear: ).*$", r"\g<1>" + ("Clear the search" if locale == "en" else "Keresés törlése"),
                              text, count=1, flags=re.M)
        assert count == 1, f"{language_file}: no search_clear string to change"
        text = re.sub(r"^(nav_translations:\n)", rf"\g<1>  {NEW_TITLE}: {'Újdonságok' if locale == 'hu' else NEW_TITLE}\n",
                      text, count=1, flags=re.M)
        language_file.write_text(text, encoding="utf-8")
        page = upstream / "docs" / locale / NEW_PAGE
        body = ("---\ndescription: What changed on this site.\n---\n\n# What is new\n\nA new page from upstream.\n"
                if locale == "en" else
                "---\ndescription: Mi változott a honlapon.\n---\n\n# Újdonságok\n\nÚj oldal.\n")
        page.write_text(body, encoding="utf-8")
    edit(upstream / "config" / "shared.yml", "  - About and sources: about.md\n",
         f"  - About and sources: about.md\n  - {NEW_TITLE}: {NEW_PAGE}\n")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Upstream release")


def _make_merged(factory, config):
    """Upstream, the fork, the release, the merge, the update command and the fork's strict build."""
    base = factory.mktemp("merge")
    upstream = project.copy_project(base / "upstream")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Upstream as the fork found it")
    fork = base / "fork"
    make_fork(upstream, fork)
    upstream_release(upstream)
    git(fork, "remote", "add", "upstream", str(upstream))
    git(fork, "fetch", "-q", "upstream")
    merge = subprocess.run(["git", *GIT_USER, "merge", "--no-edit", "upstream/main"], cwd=fork,
                           capture_output=True, text=True, env=ENV)
    update, site = "", None
    if merge.returncode == 0:
        update = tool(fork, "scripts/translation_status.py", "update")
        site = base / "site"
        tool(fork, "-c", "import sys; sys.path.insert(0, 'scripts'); from pathlib import Path; "
                         "from site_tools.build import build_site; build_site(Path(sys.argv[1]), pdfs=False, search=False)",
             str(site))
    return fork, merge, update, site


# Made in the background as soon as the tests are collected (tests/conftest.py).
MADE_AHEAD = {"merged": _make_merged}


@pytest.fixture(scope="module")
def merged(tmp_path_factory, pytestconfig):
    return made("merged", lambda: _make_merged(tmp_path_factory, pytestconfig))


def test_an_upstream_release_merges_without_conflicts(merged):
    fork, merge, _, _ = merged
    conflicts = subprocess.run(["git", "diff", "--name-only", "--diff-filter=U"], cwd=fork,
                               capture_output=True, text=True).stdout.split()
    assert merge.returncode == 0 and not conflicts, (
        f"`git merge upstream/main` in a fork made as LOCALIZING.md says: conflicts in {conflicts or '?'}\n"
        f"{merge.stdout}{merge.stderr}\nEach conflicting file is edited by both upstream and forks: move what "
        "forks change out of it (a fork owns mkdocs.yml and its own data/countries/<CODE>.yml, "
        "config/languages/<code>.yml, docs/<code>/ and data/translations/<code>.yml).")


def test_the_update_command_adds_the_new_page_strings_and_english_text(merged):
    fork, merge, update, _ = merged
    if merge.returncode != 0:
        pytest.fail("the merge failed; see test_an_upstream_release_merges_without_conflicts")
    new_page = fork / "docs" / NEW / NEW_PAGE
    assert new_page.exists(), f"after `translation_status.py update`, docs/{NEW}/{NEW_PAGE} is missing:\n{update}"
    text = new_page.read_text(encoding="utf-8")
    assert "translation_status: untranslated" in text and "A new page from upstream." in text, (
        f"docs/{NEW}/{NEW_PAGE} should be the English text marked pending:\n{text}")
    pending = (fork / "docs" / NEW / "staying-safe.md").read_text(encoding="utf-8")
    assert "A new sentence on the English page." in pending, (
        f"docs/{NEW}/staying-safe.md is pending: it should have the new English text after update:\n{update}")
    language_file = (fork / "config" / "languages" / f"{NEW}.yml").read_text(encoding="utf-8")
    assert re.search(rf"^  {NEW_TITLE}: {NEW_TITLE}  # new: translate this$", language_file, re.M), (
        f"config/languages/{NEW}.yml should gain the new navigation title, marked to translate:\n{update}")
    assert f"new      docs/{NEW}/{NEW_PAGE}" in update, update
    fork_settings = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    assert "country: XR" in fork_settings and "build: false" in fork_settings, "the merge changed the fork's mkdocs.yml"


def test_the_fork_builds_strictly_after_the_update(merged):
    fork, merge, _, site = merged
    if merge.returncode != 0:
        pytest.fail("the merge failed; see test_an_upstream_release_merges_without_conflicts")
    page = parse_html(site / NEW / project.page_url(NEW_PAGE) / "index.html")
    assert page.select_one(".untranslated-notice") is not None, f"{NEW}/{NEW_PAGE}: no 'not translated yet' notice"
    assert page.select_one('a#quick-exit')["href"] == "https://weather.example/", "the fork's own quick exit is lost"
    assert not (site / "hu").exists(), "Hungarian is switched off in the fork, but was built"
