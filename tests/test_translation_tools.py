"""Issue 5: the localization tools themselves, run on temporary copies of this repository.

Each copy is a real git repository (committed once), so stamps and diffs have history. The
scripts run as a translator would run them, with this interpreter; nothing touches the
real tree except the report-mode run of scripts/translation_status.py at the end. The copy
with the scaffolded languages is built once for the module (mkdocs only, no PDFs).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_tools.checklists import front_matter
from site_tools.scaffold import material_has_language
from site_tools import parity, project, yaml_edit
from site_tools.files import write_atomically
from site_tools.built import parse_html

import warm_python
from conftest import made, run_ahead

REPO_ROOT = project.REPO_ROOT
LANGUAGES = project.languages()
DEFAULT = LANGUAGES[0]
# The cases that edit a translation use the first language with a translated help page
# (Hungarian here; a fork's own language once its help page is translated).
TRANSLATION = next((language for language in LANGUAGES[1:]
                    if front_matter(language.docs_dir / "help.md").get("translation_status") != "untranslated"
                    and (language.docs_dir / "help.md").exists()), None)
T = TRANSLATION.locale if TRANSLATION else "-"
T_URL = TRANSLATION.site_prefix if TRANSLATION else ""
SUMMARY = re.compile(r"^([A-Za-z_-]+): (\d+) of (\d+) pages drifted, (\d+) new, (\d+) pending$")
ENV = {key: value for key, value in os.environ.items() if key not in ("BUILD_ONLY_LOCALE", "GIT_DIR", "GIT_WORK_TREE")}
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.org"}

# Codes for the languages these tests add: any the site does not have yet (a fork may have
# added German or Maltese itself). WITHOUT_STRINGS is one Material has no interface strings for.
_IN_USE = {language.locale for language in LANGUAGES}
WITH_STRINGS = next(c for c in ("de", "fr", "it", "es", "nl", "sv") if c not in _IN_USE)
WITHOUT_STRINGS = next(c for c in ("mt", "ga", "cy", "eu", "gd") if c not in _IN_USE and not material_has_language(c))
DRY_RUN = next(c for c in ("fr", "it", "es", "nl", "sv") if c not in _IN_USE and c != WITH_STRINGS)

needs_translation = pytest.mark.skipif(TRANSLATION is None, reason="no language with a translated help page yet")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=GIT_ENV,
                          capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)} failed in {repo}: {done.stderr}"
    return done.stdout


def _make_pristine(tmp_path_factory, config=None) -> Path:
    repo = tmp_path_factory.mktemp("pristine") / "repo"
    project.copy_project(repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "copy of the site for the translation tool tests")
    return repo


# Started early by conftest.py: the shared copies, and the tests `in_a_fresh_copy` adds.
MADE_AHEAD = {"pristine": _make_pristine}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, pytestconfig) -> Path:
    return made("pristine", lambda: _make_pristine(tmp_path_factory))


def in_a_fresh_copy(steps):
    """A test whose steps(repo) run ahead in the background (conftest.py), in a fresh copy of
    the pristine repository (with its git history): they mostly wait for the commands they run.
    The test reports the steps' failed assertion as its own."""
    def make(factory, config):
        pristine = made("pristine", lambda: _make_pristine(factory))
        copy = factory.mktemp(steps.__name__.removeprefix("test_")[:30]) / "repo"
        shutil.copytree(pristine, copy, symlinks=True)
        return steps(copy)

    def test(request):
        run_ahead(request)

    MADE_AHEAD[steps.__name__] = make
    # Not functools.wraps: pytest would follow __wrapped__ and ask for a `repo` fixture.
    test.__name__, test.__qualname__, test.__doc__ = steps.__name__, steps.__qualname__, steps.__doc__
    return test


def run(repo: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    """scripts/<script> in the copy, as a translator runs it (tests/warm_python.py)."""
    return warm_python.run(f"scripts/{script}", *args, cwd=repo, env=ENV, timeout=120)


def run_python(repo: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    """Python in the copy, importing the copy's own site_tools (its REPO_ROOT is the copy)."""
    prelude = "import sys; sys.path.insert(0, 'scripts'); "
    return subprocess.run([sys.executable, "-c", prelude + code, *args], cwd=repo, env=ENV,
                          capture_output=True, text=True, timeout=300)


def build(repo: Path, site: Path) -> None:
    done = run_python(repo, "from pathlib import Path; from site_tools.build import mkdocs_build; "
                            "mkdocs_build(Path(sys.argv[1]))", str(site))
    assert done.returncode == 0, f"strict build of the copy {repo} failed:\n{done.stderr[-4000:]}"


def tree_digest(repo: Path) -> dict[str, str]:
    """Every file of the copy (git history aside) -> sha256, to prove that nothing changed."""
    digest = {}
    for path in sorted(repo.rglob("*")):
        rel = path.relative_to(repo)
        if path.is_file() and rel.parts[0] not in (".git",) and "__pycache__" not in rel.parts:
            digest[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


# --------------------------------------------------------------------------- new_language.py


# The scaffolded copy is built with its default language and the new language Material has
# no strings for: the translated languages are the session build's (test_site_build.py), and a
# new language Material has strings for is the fork drill's Arabic. Half the pages, half the time.
BUILT_IN_THE_COPY = (DEFAULT.locale, WITHOUT_STRINGS)


def _building_only(settings: Path, locales: tuple[str, ...]) -> str:
    """Switches off (build: false) every language of mkdocs.yml but `locales`; returns the text
    before, which the copy gets back once it is built (the other tests read it as scaffolded)."""
    text = settings.read_text(encoding="utf-8")
    document = yaml_edit.load(text)
    for entry in document["plugins"]["i18n"]["languages"]:
        if entry["locale"] not in locales:
            entry["build"] = False
    write_atomically(settings, yaml_edit.dump(document))
    return text


def _make_scaffolded(tmp_path_factory, config, pristine: Path | None = None):
    """A copy with `de` (Material has its strings) and `mt` (it does not) added, built once
    (BUILT_IN_THE_COPY)."""
    pristine = pristine or made("pristine", lambda: _make_pristine(tmp_path_factory))
    base = tmp_path_factory.mktemp("scaffolded")
    repo = base / "repo"
    shutil.copytree(pristine, repo, symlinks=True)
    outputs = {}
    for code, name in ((WITH_STRINGS, "Language A"), (WITHOUT_STRINGS, "Language B")):
        done = run(repo, "new_language.py", code, name)
        assert done.returncode == 0, f"new_language.py {code} failed:\n{done.stdout}\n{done.stderr}"
        outputs[code] = done.stdout
    site = base / "site"
    scaffolded_settings = _building_only(repo / "mkdocs.yml", BUILT_IN_THE_COPY)
    try:
        build(repo, site)
    finally:
        write_atomically(repo / "mkdocs.yml", scaffolded_settings)
    return repo, site, outputs


MADE_AHEAD.update(scaffolded=_make_scaffolded)


@pytest.fixture(scope="module")
def scaffolded(pristine, tmp_path_factory, pytestconfig):
    return made("scaffolded", lambda: _make_scaffolded(tmp_path_factory, pytestconfig, pristine))


def test_new_language_builds_with_notice_and_english_content(scaffolded):
    repo, site, _ = scaffolded
    notice = DEFAULT.extra["ui"]["untranslated_notice"]
    pages = project.page_paths(DEFAULT)
    problems = []
    for code in (WITH_STRINGS, WITHOUT_STRINGS):
        assert (repo / "docs" / code).is_dir(), f"docs/{code}/ was not created"
    for code in BUILT_IN_THE_COPY[1:]:
        for page in pages:
            html = site / code / project.page_url(page) / "index.html"
            if not html.exists():
                problems.append(f"/{code}/{project.page_url(page)} was not built from docs/{code}/{page}")
                continue
            soup = parse_html(html)
            where = f"/{code}/{project.page_url(page)}"
            if soup.html.get("lang") != code:
                problems.append(f"{where}: <html lang={soup.html.get('lang')!r}>, expected {code!r} (the chrome's language)")
            banner = soup.select_one(".md-banner .untranslated-notice")
            if banner is None or banner.get_text(strip=True) != notice:
                problems.append(f"{where}: no untranslated notice reading {notice!r} (partials/untranslated-notice.html)")
            wrapper = soup.select_one("article.md-content__inner .untranslated-content")
            if wrapper is None or wrapper.get("lang") != DEFAULT.locale or wrapper.find("h1") is None:
                problems.append(f"{where}: the article text is not wrapped in lang={DEFAULT.locale!r} "
                                "(overrides/hooks/untranslated_pages.py)")
    for page in pages:
        if project.built_html_path(site, DEFAULT, page).exists():
            soup = parse_html(project.built_html_path(site, DEFAULT, page))
            if soup.select(".untranslated-notice, .untranslated-content"):
                problems.append(f"/{project.page_url(page)}: a {DEFAULT.locale} page shows the untranslated notice")
        else:
            problems.append(f"/{project.page_url(page)} was not built from docs/{DEFAULT.locale}/{page}")
    switcher = {a.get("hreflang") for a in parse_html(site / "index.html").select("a.md-select__link")}
    if not set(BUILT_IN_THE_COPY) <= switcher:
        problems.append(f"the language switcher offers {sorted(switcher)}; {BUILT_IN_THE_COPY} expected")
    assert not problems, "\n".join(problems)


def test_new_language_config_and_stamps(scaffolded):
    repo, _, outputs = scaffolded
    sys_text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert sys_text.count("!ENV") == (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("!ENV"), \
        "mkdocs.yml lost its !ENV tags: edit it with site_tools.yaml_edit (ruamel round-trip), which keeps them"
    a, b = WITH_STRINGS, WITHOUT_STRINGS
    assert sys_text.index(f"- locale: {a}") < sys_text.index(f"- locale: {b}"), f"{b} must follow {a} (inserted after the last language)"
    assert (repo / f"overrides/partials/languages/{b}.html").exists(), f"no theme strings for {b} (Material has none)"
    assert not (repo / f"overrides/partials/languages/{a}.html").exists(), f"{a} needs no theme strings: Material has them"
    head = _git(repo, "rev-parse", "HEAD").strip()
    page = (repo / f"docs/{a}/help.md").read_text(encoding="utf-8")
    assert "translation_status: untranslated" in page
    assert f"source_commit: {head}" in page, "the scaffolded copy must record the commit it copies"
    assert re.search(r"^source_hash: sha256:[0-9a-f]{64}$", page, re.M)
    for expected in (f"docs/{a}/help.md", "translation_status.py", "LOCALIZING.md", "stamp"):
        assert expected in outputs[a], f"new_language.py does not tell the translator about {expected!r}"
    status = run(repo, "translation_status.py", "--lang", a)
    assert status.returncode == 0, status.stderr
    total = len(project.page_paths(DEFAULT))
    assert f"{a}: 0 of {total} pages drifted, 0 new, {total} pending" in status.stdout, status.stdout


# Refused runs of new_language.py in the scaffolded copy, all in one Python process (one
# interpreter start instead of one per case): each case runs the command's main() as the
# script does, with stdout/stderr captured, and records every file it changed. In the
# "failing write" cases the write of one file fails, before it is written or just after
# (mkdocs.yml is written last): nothing may be left, mkdocs.yml, config/languages/, docs/.
REFUSED_RUNS = """
import contextlib, hashlib, importlib.util, io, json
from pathlib import Path
from site_tools import scaffold

spec = importlib.util.spec_from_file_location("new_language", "scripts/new_language.py")
new_language = importlib.util.module_from_spec(spec)
spec.loader.exec_module(new_language)
real_write = scaffold.write_atomically

def digest():
    return {p.as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(".").rglob("*"))
            if p.is_file() and p.parts[0] != ".git" and "__pycache__" not in p.parts}

def failing_write(failing, when):
    def write_atomically(path, content):
        if Path(path).name == failing:
            if when == "after":
                real_write(path, content)
            raise OSError(f"simulated failure writing {path}")
        real_write(path, content)
    return write_atomically

results = {}
for case, argv, failing in json.loads(sys.argv[1]):
    before = digest()
    scaffold.write_atomically = failing_write(*failing) if failing else real_write
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = new_language.main(argv)
        except SystemExit as stop:
            code = stop.code
    after = digest()
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    results[case] = {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue(), "changed": changed}
scaffold.write_atomically = real_write
print(json.dumps(results))
"""
AGAIN = [WITH_STRINGS, T if TRANSLATION else DEFAULT.locale]
INVALID_CODES = [("deutsch", "not a language code"), ("fil", "three-letter"), ("DE", "lower case"), ("null", "reserved"),
                 ("de\n", "not a language code"), ("sr-latn", "write it 'sr-Latn'")]
INVALID_NAMES = {"empty": "", "blank": "   ", "newline": "Two\nlines"}
FAILING_WRITES = {"language-file": (f"{DRY_RUN}.yml", "before"), "mkdocs-before": ("mkdocs.yml", "before"),
                  "mkdocs-after": ("mkdocs.yml", "after")}


@pytest.fixture(scope="module")
def refused(scaffolded):
    repo, _, _ = scaffolded
    cases = [(f"again-{code}", [code, "Again"], None) for code in AGAIN]
    cases += [(f"code-{code}", [code, "Name"], None) for code, _ in INVALID_CODES]
    cases += [(f"name-{case}", [DRY_RUN, name], None) for case, name in INVALID_NAMES.items()]
    cases += [(f"write-{case}", [DRY_RUN, "Language C"], failing) for case, failing in FAILING_WRITES.items()]
    done = run_python(repo, REFUSED_RUNS, json.dumps(cases))
    assert done.returncode == 0, f"the refused runs could not run in {repo}:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("code", AGAIN)
def test_adding_an_existing_language_fails_and_changes_nothing(refused, code):
    result = refused[f"again-{code}"]
    assert result["exit"] == 2, f"adding {code} twice: exit {result['exit']}, expected 2\n{result['stdout']}"
    assert "ERROR:" in result["stderr"] and "is in mkdocs.yml" in result["stderr"], result["stderr"]
    assert not result["changed"], f"a refused scaffold changed {result['changed'][:10]}"


@pytest.mark.parametrize("code,reason", INVALID_CODES)
def test_invalid_codes_fail_and_write_nothing(refused, code, reason):
    result = refused[f"code-{code}"]
    assert result["exit"] == 2, f"{code!r}: exit {result['exit']}, expected 2"
    assert result["stderr"].startswith("ERROR:") and reason in result["stderr"], result["stderr"]
    assert not result["changed"], f"{code!r} was refused but {result['changed'][:10]} changed"


@pytest.mark.parametrize("case", list(INVALID_NAMES))
def test_invalid_names_fail_and_write_nothing(refused, case):
    result = refused[f"name-{case}"]
    assert result["exit"] == 2, f"name {INVALID_NAMES[case]!r}: exit {result['exit']}, expected 2\n{result['stderr']}"
    assert result["stderr"].startswith("ERROR:") and "display name" in result["stderr"], result["stderr"]
    assert not result["changed"], f"name {INVALID_NAMES[case]!r} was refused but {result['changed'][:10]} changed"


@pytest.mark.parametrize("case", list(FAILING_WRITES))
def test_a_failure_half_way_leaves_nothing(refused, case):
    failing, when = FAILING_WRITES[case]
    result = refused[f"write-{case}"]
    assert result["exit"] == 2, f"exit {result['exit']}, expected 2\n{result['stdout'][-2000:]}\n{result['stderr'][-2000:]}"
    assert "simulated failure" in result["stderr"] and "nothing was kept" in result["stderr"], result["stderr"]
    assert not result["changed"], (f"new_language.py failed while writing {failing} ({when}) and left "
                                   f"{result['changed'][:10]}: scaffold.apply must undo everything, mkdocs.yml included")


def test_dry_run_prints_the_block_and_writes_nothing(scaffolded):
    repo, _, _ = scaffolded
    before = tree_digest(repo)
    done = run(repo, "new_language.py", DRY_RUN, "Language C", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert f"+      - locale: {DRY_RUN}" in done.stdout and f"docs/{DRY_RUN}/help.md" in done.stdout, done.stdout
    assert f"config/languages/{DRY_RUN}.yml would be written" in done.stdout, done.stdout
    assert tree_digest(repo) == before, "--dry-run wrote files"


# --------------------------------------------------------------------------- links and parity


@needs_translation
@in_a_fresh_copy
def test_a_deleted_page_and_a_changed_heading_id_fail_the_parity_tests(repo):
    victim = next(p for p in project.page_paths(TRANSLATION) if p != "index.md")
    (repo / "docs" / T / victim).unlink()
    help_page = repo / f"docs/{T}/help.md"
    text = help_page.read_text(encoding="utf-8")
    heading = re.search(r"^##+ .*\{#([a-z0-9-]+)\}\s*$", text, re.M)
    assert heading, f"docs/{T}/help.md has no heading with an explicit id to break"
    help_page.write_text(text.replace("{#" + heading.group(1) + "}", "{#atnevezett-azonosito}", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_site_build.py::test_every_page_exists_in_every_language",
                           "tests/test_translation_parity.py"], cwd=repo, env=ENV, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stdout[-3000:]
    assert f"docs/{T}/{victim} is missing" in done.stdout, done.stdout[-3000:]
    assert "heading ids differ" in done.stdout and f"docs/{T}/help.md:" in done.stdout and "{#atnevezett-azonosito}" in done.stdout


# --------------------------------------------------------------------------- translation_status.py


def _summary(output: str) -> tuple[int, int, int, int]:
    line = output.strip().splitlines()[-1]
    match = SUMMARY.match(line)
    assert match, f"no summary line at the end of the output: {line!r}"
    return tuple(int(n) for n in match.groups()[1:])


def _changed_lines(before: str, after: str) -> list[str]:
    """Lines added or removed between two versions of a file."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line[2:] for line in diff if line.startswith(("+ ", "- "))]


@needs_translation
@in_a_fresh_copy
def test_staleness_cli_stamps_reports_drift_and_shows_the_diff(repo):
    pages = project.page_paths(TRANSLATION)
    originals = {page: (repo / "docs" / T / page).read_text(encoding="utf-8") for page in pages}

    dry = run(repo, "translation_status.py", "stamp", "--all", "--lang", T)
    assert dry.returncode == 0 and "Dry run" in dry.stdout, dry.stdout + dry.stderr
    assert all((repo / "docs" / T / p).read_text(encoding="utf-8") == originals[p] for p in pages), "dry run wrote files"

    stamped = run(repo, "translation_status.py", "stamp", "--all", "--lang", T, "--write")
    assert stamped.returncode == 0, stamped.stderr
    head = _git(repo, "rev-parse", "HEAD").strip()
    for page in pages:
        if "translation_status: untranslated" in originals[page]:
            continue
        after = (repo / "docs" / T / page).read_text(encoding="utf-8")
        changed = _changed_lines(originals[page], after)
        assert {line.split(":")[0] for line in changed} <= {"source_commit", "source_hash"}, (
            f"stamping docs/{T}/{page} touched other lines: {changed}")
        assert f"\nsource_commit: {head}\n" in after, f"docs/{T}/{page} was not stamped with {head}"
    _git(repo, "commit", "-q", "-am", "stamp the Hungarian pages")

    clean = run(repo, "translation_status.py", "--lang", T)
    assert clean.returncode == 0, clean.stderr
    drifted, total, new, _ = _summary(clean.stdout)
    assert (drifted, new) == (0, 0), clean.stdout

    english = repo / "docs/en/help.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA sentence added to the English page.\n", encoding="utf-8")
    report = run(repo, "translation_status.py", "--lang", T, "--format", "json")
    data = json.loads(report.stdout)
    listed = {page["page"]: page["state"] for page in data["languages"][0]["pages"]}
    assert listed.get("help.md") == "drifted", report.stdout
    strict = run(repo, "translation_status.py", "--lang", T, "--drifted", "--strict")
    assert strict.returncode == 1, strict.stdout
    assert _summary(strict.stdout)[0] == 1 and "help.md" in strict.stdout

    diff = run(repo, "translation_status.py", "diff", f"docs/{T}/help.md")
    assert diff.returncode == 0, diff.stderr
    assert "+A sentence added to the English page." in diff.stdout, diff.stdout

    # The English change is not committed: stamping would record the old text as the source
    # and mark a correct translation drifted, so it is refused (LOCALIZING.md).
    before = (repo / "docs" / T / "help.md").read_text(encoding="utf-8")
    refused = run(repo, "translation_status.py", "stamp", "help.md", "--lang", T, "--write")
    assert refused.returncode == 2 and "commit the English page first" in refused.stderr, refused.stderr
    assert (repo / "docs" / T / "help.md").read_text(encoding="utf-8") == before, "a refused stamp wrote the page"
    _git(repo, "commit", "-q", "-am", "English edit")
    committed = run(repo, "translation_status.py", "--lang", T)
    assert re.search(r"help\.md\b.*the English page changed since [0-9a-f]{12} \(1 commit\)", committed.stdout), (
        "after one commit to docs/en/help.md the report must say so (site_tools.translations, commits_since):\n"
        + committed.stdout)
    restamp = run(repo, "translation_status.py", "stamp", "help.md", "--lang", T, "--write")
    assert restamp.returncode == 0, restamp.stderr
    assert _summary(run(repo, "translation_status.py", "--lang", T).stdout)[0] == 0

    (repo / "docs" / T / "about.md").unlink()
    assert _summary(run(repo, "translation_status.py", "--lang", T).stdout)[2] == 1, "a missing page is 'new'"


@needs_translation
@in_a_fresh_copy
def test_staleness_cli_without_git_history_uses_the_hash(repo):
    assert run(repo, "translation_status.py", "stamp", "--all", "--lang", T, "--write").returncode == 0
    shutil.rmtree(repo / ".git")
    assert _summary(run(repo, "translation_status.py", "--lang", T).stdout)[0] == 0
    english = repo / "docs/en/help.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nChanged without git.\n", encoding="utf-8")
    report = run(repo, "translation_status.py", "--lang", T)
    assert _summary(report.stdout)[0] == 1 and "no git history" in report.stdout, report.stdout
    diff = run(repo, "translation_status.py", "diff", "help.md", "--lang", T)
    assert diff.returncode == 0 and "only the hash is known" in diff.stdout, diff.stdout


USAGE_ERRORS = {
    "unknown language": ["--lang", "xx"],
    "default language": ["--lang", DEFAULT.locale],
    "does not exist": ["diff", "no-such-page.md"],
    "unknown commit": ["stamp", "help.md", "--commit", "0123456789abcdef"],
    "PAGE... or --all": ["stamp"],
}


def _make_usage_errors(tmp_path_factory, config) -> dict[str, subprocess.CompletedProcess]:
    pristine = made("pristine", lambda: _make_pristine(tmp_path_factory))
    return {message: run(pristine, "translation_status.py", *args) for message, args in USAGE_ERRORS.items()}


@pytest.fixture(scope="module")
def usage_errors(tmp_path_factory, pytestconfig):
    return made("usage_errors", lambda: _make_usage_errors(tmp_path_factory, pytestconfig))


@pytest.mark.parametrize("message", USAGE_ERRORS)
def test_staleness_cli_usage_errors_exit_2(usage_errors, message):
    done = usage_errors[message]
    assert done.returncode == 2 and done.stderr.startswith("ERROR:") and message in done.stderr, (
        USAGE_ERRORS[message], done.returncode, done.stderr)


def _make_report(tmp_path_factory=None, config=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "translation_status.py")], cwd=REPO_ROOT,
                          env=ENV, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report_on_this_repository():
    return made("report_on_this_repository", _make_report)


def test_staleness_report_on_this_repository(report_on_this_repository):
    """Report mode on the real tree: never fatal, always ends with one summary per language."""
    done = report_on_this_repository
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()[-len(LANGUAGES[1:]):] if LANGUAGES[1:] else []
    for line, language in zip(lines, LANGUAGES[1:]):
        match = SUMMARY.match(line)
        assert match and match.group(1) == language.locale, f"malformed summary line {line!r}"
        drifted, total, new, pending = (int(n) for n in match.groups()[1:])
        pending_pages = [p for p in project.page_paths(language) if parity.is_pending(parity.outline_of(language, p))]
        assert total == len(project.page_paths(DEFAULT)) and pending == len(pending_pages), (
            f"{line!r}: expected {len(project.page_paths(DEFAULT))} pages and {len(pending_pages)} pending ({pending_pages})")
    print("\n".join(lines))


@in_a_fresh_copy
def test_refresh_recopies_pending_pages_and_leaves_translated_ones(repo):
    """A fork edits its English pages after scaffolding: pending copies must not keep the old text."""
    done = run(repo, "new_language.py", WITH_STRINGS, "Language A")
    assert done.returncode == 0, done.stderr
    english = repo / "docs" / DEFAULT.locale / "about.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA sentence the fork added.\n", encoding="utf-8")
    dry = run(repo, "translation_status.py", "refresh", "--lang", WITH_STRINGS)
    assert dry.returncode == 0 and "would refresh 1 pending pages" in dry.stdout, dry.stdout + dry.stderr
    assert "A sentence the fork added." not in (repo / f"docs/{WITH_STRINGS}/about.md").read_text(encoding="utf-8"), "dry run wrote"
    done = run(repo, "translation_status.py", "refresh", "--lang", WITH_STRINGS, "--write")
    assert done.returncode == 0, done.stderr
    copy = (repo / f"docs/{WITH_STRINGS}/about.md").read_text(encoding="utf-8")
    assert "A sentence the fork added." in copy and "translation_status: untranslated" in copy, copy[:400]
    if TRANSLATION is not None:
        translated = (repo / "docs" / T / "about.md").read_text(encoding="utf-8")
        assert "A sentence the fork added." not in translated, "refresh must leave translated pages alone"


@in_a_fresh_copy
def test_switching_a_language_off_keeps_its_files_and_delete_removes_them(repo):
    if not TRANSLATION:
        pytest.skip("no second language to switch off")
    done = run(repo, "remove_language.py", T)
    assert done.returncode == 0, done.stderr
    settings = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    entry = settings[settings.index(f"- locale: {T}"):].split("- locale:")[1]
    assert "build: false" in entry, f"mkdocs.yml: the {T} entry is not switched off:\n{entry}"
    assert (repo / "docs" / T).is_dir() and (repo / "config" / "languages" / f"{T}.yml").exists(), (
        f"switching {T} off must keep its files (upstream's changes to them keep merging)")
    listed = run_python(repo, "from site_tools import project; print([l.locale for l in project.languages()])")
    assert T not in listed.stdout, f"{T} is switched off but still listed as built: {listed.stdout}"
    again = run(repo, "remove_language.py", T)
    assert again.returncode == 2 and "already switched off" in again.stderr, again.stderr
    deleted = run(repo, "remove_language.py", T, "--delete")
    assert deleted.returncode == 0, deleted.stderr
    assert not (repo / "docs" / T).exists() and not (repo / "config" / "languages" / f"{T}.yml").exists()
    assert f"- locale: {T}" not in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "merge conflict" in deleted.stdout, "--delete must say what it costs a fork"


@in_a_fresh_copy
def test_texts_lists_every_missing_data_text_and_writes_todo_lines(repo):
    done = run(repo, "new_language.py", WITH_STRINGS, "Language A")
    assert done.returncode == 0, done.stderr
    listed = run(repo, "translation_status.py", "texts", "--lang", WITH_STRINGS, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    missing = json.loads(listed.stdout)[WITH_STRINGS]
    keys = {(m["file"], m["contact"], m["key"]) for m in missing}
    # Literal samples from both data files: a contact's text, a source title, the country's name.
    for expected in (("data/international.yml", "eu-116-111", "for"), ("data/international.yml", "inhope", "anonymous"),
                     ("data/countries/HU.yml", "_file", "country.name"), ("data/countries/HU.yml", "kek-vonal", "for")):
        if project.country_code() == "HU" or expected[0] == "data/international.yml":
            assert expected in keys, f"`texts --lang {WITH_STRINGS}` does not list {expected}"
    written = run(repo, "translation_status.py", "texts", "--lang", WITH_STRINGS, "--write")
    assert written.returncode == 0, written.stderr
    stubs = (repo / "data" / "translations" / f"{WITH_STRINGS}.yml").read_text(encoding="utf-8")
    assert stubs.count("TODO: ") == len(missing), f"expected {len(missing)} TODO lines:\n{stubs[:800]}"
    again = json.loads(run(repo, "translation_status.py", "texts", "--lang", WITH_STRINGS, "--format", "json").stdout)
    assert len(again[WITH_STRINGS]) == len(missing), "a TODO line must still count as missing"
    (repo / "data" / "translations" / f"{WITH_STRINGS}.yml").write_text(stubs.replace("TODO: ", "Übersetzt: "), encoding="utf-8")
    done = json.loads(run(repo, "translation_status.py", "texts", "--lang", WITH_STRINGS, "--format", "json").stdout)
    assert done[WITH_STRINGS] == [], f"filled-in lines still listed as missing: {done[WITH_STRINGS][:3]}"


@in_a_fresh_copy
def test_a_new_language_does_not_carry_other_countries_passages(repo):
    fixture = REPO_ROOT / "tests" / "fixtures" / "fork" / "XR.yml"
    shutil.copy(fixture, repo / "data" / "countries" / "XR.yml")
    settings = repo / "mkdocs.yml"
    settings.write_text(re.sub(r"^(\s+country:\s*)\S+", r"\g<1>XR", settings.read_text(encoding="utf-8"), count=1,
                               flags=re.M), encoding="utf-8")
    done = run(repo, "new_language.py", WITH_STRINGS, "Language A")
    assert done.returncode == 0, done.stderr
    english = (repo / "docs" / DEFAULT.locale / "teachers" / "for-schools.md").read_text(encoding="utf-8")
    copy = (repo / "docs" / WITH_STRINGS / "teachers" / "for-schools.md").read_text(encoding="utf-8")
    assert "<!-- country: HU" in english, "the English page has lost its Hungarian passages; pick another page here"
    assert "<!-- country: HU" not in copy, "a new language must not carry passages written for another country"
    english_page = repo / "docs" / DEFAULT.locale / "teachers" / "for-schools.md"
    english_page.write_text(english_page.read_text(encoding="utf-8") + "\nA sentence the fork added.\n", encoding="utf-8")
    refreshed = run(repo, "translation_status.py", "refresh", "--lang", WITH_STRINGS, "--write")
    assert refreshed.returncode == 0, refreshed.stderr
    copy = (repo / "docs" / WITH_STRINGS / "teachers" / "for-schools.md").read_text(encoding="utf-8")
    assert "A sentence the fork added." in copy and "<!-- country: HU" not in copy, (
        "refresh must give pending pages the new English text without other countries' passages")
    assert "<!-- role: " not in english or copy.count("<!-- role: ") == english.count("<!-- role: "), \
        "role passages depend on the data and stay in every language"


def _python_without_packages() -> str | None:
    """The interpreter .venv was made from (no MkDocs in it): what a translator's python3 is."""
    for name in ("python3", "python"):
        candidate = Path(sys.base_prefix) / "bin" / name
        if candidate.exists():
            return str(candidate)
    return None


# A command that needs MkDocs (it only works if the script re-ran itself inside .venv), and
# a bad one (one ERROR line, exit 2).
PLAIN_PYTHON_RUNS = {
    "translation_status.py": ([], ["--lang", "zz"]),
    "new_language.py": ([DRY_RUN, "Language C", "--dry-run"], ["fil", "Filipino", "--dry-run"]),
    "country_status.py": ([], ["--no-such-option"]),
    "remove_language.py": ([LANGUAGES[-1].locale, "--dry-run"] if len(LANGUAGES) > 1 else ["--help"],
                           ["zz", "--dry-run"]),
}


def _make_plain_python_runs(tmp_path_factory=None, config=None) -> dict[str, tuple]:
    python = _python_without_packages()
    env = {key: value for key, value in ENV.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return {script: tuple(subprocess.run([python, f"scripts/{script}", *args], cwd=REPO_ROOT, env=env,
                                         capture_output=True, text=True, timeout=300) for args in runs)
            for script, runs in PLAIN_PYTHON_RUNS.items()}


@pytest.fixture(scope="module")
def plain_python_runs():
    return made("plain_python_runs", _make_plain_python_runs)


MADE_AHEAD.update(usage_errors=_make_usage_errors, report_on_this_repository=_make_report)
if _python_without_packages() is not None:
    MADE_AHEAD.update(plain_python_runs=_make_plain_python_runs)


@pytest.mark.skipif(_python_without_packages() is None, reason="no base interpreter found next to this venv")
@pytest.mark.parametrize("script", PLAIN_PYTHON_RUNS)
def test_translator_commands_work_with_plain_python(plain_python_runs, script):
    """LOCALIZING.md's commands run with the system python3: they re-run themselves in .venv,
    and a bad argument is one ERROR line with exit 2, never a traceback."""
    (works, bad), (done, refused) = PLAIN_PYTHON_RUNS[script], plain_python_runs[script]
    assert done.returncode == 0, f"scripts/{script} {' '.join(works)} with plain python: exit {done.returncode}\n{done.stderr}"
    assert refused.returncode == 2, f"scripts/{script} {' '.join(bad)}: exit {refused.returncode}\n{refused.stderr}"
    assert "Traceback" not in refused.stderr, f"scripts/{script} printed a traceback:\n{refused.stderr}"
