"""Translation staleness: which translated pages lag behind the default language.

Each translated page records, in its front matter, the default-language source it was
translated from (the idea of OpenTelemetry's `default_lang_commit` and MDN's
`l10n.sourceCommit`):

    source_commit: <full git commit id>        # shows *what* changed, with git history
    source_hash: sha256:<hex>                  # says *whether* it changed, even without git

The hash covers the normalized body of the English page (markdown_outline.normalized_body),
so a fork downloaded as a ZIP, or a shallow clone, can still tell drift from no drift.

Page states: "ok"; "drifted" (the English text changed since the stamp); "new" (no
translation yet, or a translation without a usable stamp); "pending" (marked
`translation_status: untranslated`: still the English copy made by scripts/new_language.py).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import project
from .markdown_outline import is_valid_hash, read_front_matter, set_front_matter_values, source_hash
from .parity import UNTRANSLATED

STATES = ("drifted", "new", "pending", "ok")


class TranslationError(RuntimeError):
    """A usage or path problem (exit code 2 in the scripts)."""


# --------------------------------------------------------------------------- git


class Git:
    """Read-only git queries on the repository, or nothing at all when there is no history."""

    def __init__(self, root: Path = project.REPO_ROOT):
        self.root = root
        self.available = self._run("rev-parse", "--is-inside-work-tree").returncode == 0 if _has_git() else False
        # One report asks about the same few commits for every page: one git call each, not
        # two per page (a translator's command starts a process per call).
        self._commits: dict[str, str | None] = {}
        self._changes_since: dict[str, Counter] = {}

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        # No optional locks: other people edit this working tree while we look at it.
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        return subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True)

    def commit(self, revision: str) -> str | None:
        """Full id of a commit in this repository, or None."""
        if not self.available:
            return None
        if revision not in self._commits:
            done = self._run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
            self._commits[revision] = done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None
        return self._commits[revision]

    def show(self, commit: str, path: str) -> str | None:
        done = self._run("show", f"{commit}:{path}")
        return done.stdout if done.returncode == 0 else None

    def diff(self, commit: str, path: str) -> str:
        """Changes to path from commit to the working tree (committed and not yet committed)."""
        done = self._run("diff", "--no-color", commit, "--", path)
        if done.returncode != 0:
            raise TranslationError(done.stderr.strip() or f"git diff {commit} -- {path} failed")
        return done.stdout

    def commits_since(self, commit: str, path: str) -> int:
        """How many commits after `commit` (up to HEAD) changed path."""
        if commit not in self._changes_since:
            done = self._run("-c", "core.quotePath=false", "log", "--format=", "--name-only", "--no-renames",
                             f"{commit}..HEAD")
            self._changes_since[commit] = Counter(done.stdout.splitlines()) if done.returncode == 0 else Counter()
        return self._changes_since[commit][path]


def _has_git() -> bool:
    from shutil import which

    return which("git") is not None


# --------------------------------------------------------------------------- status


@dataclass
class PageStatus:
    locale: str
    page: str  # path inside the language folder, e.g. "parents/what-to-do.md"
    state: str  # one of STATES
    reason: str
    source_commit: str | None = None
    source_hash: str | None = None
    current_hash: str | None = None
    commits_since: int | None = None
    english_changed: bool | None = None  # also known for pending pages

    @property
    def file(self) -> str:
        return f"docs/{self.locale}/{self.page}"

    def as_dict(self) -> dict:
        return {"file": self.file, **asdict(self)}


@dataclass
class LanguageReport:
    language: project.Language
    default: project.Language
    pages: list[PageStatus] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for page in self.pages if page.state == state)

    def summary(self) -> str:
        return (f"{self.language.locale}: {self.count('drifted')} of {len(self.pages)} pages drifted, "
                f"{self.count('new')} new, {self.count('pending')} pending")


def english_source(default: project.Language, page: str) -> Path:
    return default.docs_dir / page


def page_status(language: project.Language, default: project.Language, page: str, git: Git) -> PageStatus:
    english_path = english_source(default, page)
    translated_path = language.docs_dir / page
    english_rel = f"docs/{default.locale}/{page}"
    current = source_hash(english_path.read_text(encoding="utf-8")) if english_path.exists() else None
    if not translated_path.exists():
        return PageStatus(language.locale, page, "new", "not translated yet", current_hash=current)
    front = read_front_matter(translated_path.read_text(encoding="utf-8"))
    if front.error:
        return PageStatus(language.locale, page, "new", f"{front.error}: fix the front matter", current_hash=current)
    meta = front.data
    stamp_hash = meta.get("source_hash")
    stamp_commit = str(meta["source_commit"]) if meta.get("source_commit") else None
    commit = git.commit(stamp_commit) if stamp_commit else None
    commits = git.commits_since(commit, english_rel) if commit else None

    changed: bool | None = None
    if is_valid_hash(stamp_hash):
        changed = stamp_hash != current
    elif commit:
        changed = bool(git.diff(commit, english_rel).strip())
    status = PageStatus(language.locale, page, "ok", "up to date", stamp_commit, stamp_hash if isinstance(stamp_hash, str) else None,
                        current, commits, changed)

    if meta.get("translation_status") == UNTRANSLATED:
        status.state = "pending"
        status.reason = "marked untranslated (still the English copy)"
        if changed:
            status.reason += "; the English page changed since it was copied"
        return status
    if changed is None:
        status.state = "new"
        if stamp_hash is not None and not is_valid_hash(stamp_hash):
            status.reason = f"source_hash {stamp_hash!r} is not sha256:<hex>"
        elif stamp_commit and not commit:
            status.reason = (f"source_commit {stamp_commit[:12]} is not in this repository's history and there "
                             "is no source_hash: compare with the English page by hand, then stamp")
        else:
            status.reason = "not stamped: no source_commit/source_hash"
        return status
    if changed:
        status.state = "drifted"
        since = f" since {stamp_commit[:12]}" if stamp_commit else " since the stamp"
        extra = f" ({commits} commit{'s' if commits != 1 else ''})" if commits else ""
        status.reason = f"the English page changed{since}{extra}"
    return status


def language_report(language: project.Language, default: project.Language, git: Git) -> LanguageReport:
    report = LanguageReport(language, default)
    for page in project.page_paths(default):
        report.pages.append(page_status(language, default, page, git))
    return report


# --------------------------------------------------------------------------- stamping


@dataclass
class Stamp:
    file: Path
    page: str
    old_text: str
    new_text: str
    changes: list[str]
    notes: list[str]

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text


def plan_stamp(language: project.Language, default: project.Language, page: str, git: Git,
               commit: str | None, chosen: bool = False) -> Stamp:
    """The stamp for one page: commit and hash of the English page at that commit.

    commit: a full commit id (verified by the caller), or None when there is no git history,
    in which case only the hash of the English page as it is now is recorded. Unless the
    commit was `chosen` (--commit), an English page with changes that are not in it is
    refused: the stamp would record the old text and mark a correct translation drifted.
    """
    translated = language.docs_dir / page
    english_rel = f"docs/{default.locale}/{page}"
    if not translated.exists():
        raise TranslationError(f"{translated.relative_to(project.REPO_ROOT)} does not exist: translate the page first "
                               f"(copy {english_rel})")
    notes: list[str] = []
    if commit:
        english = git.show(commit, english_rel)
        if english is None:
            raise TranslationError(f"{english_rel} is not in commit {commit[:12]}: commit the English page first, "
                                   "or stamp with --commit <a commit that has it>")
        working = english_source(default, page)
        if working.exists() and source_hash(working.read_text(encoding="utf-8")) != source_hash(english):
            if not chosen:
                raise TranslationError(
                    f"{english_rel} has changes that are not committed: commit the English page first "
                    f"(git add {english_rel} && git commit), then stamp. (To record an older English text on "
                    "purpose, give --commit REV.)")
            notes.append(f"{english_rel} has changes after {commit[:12]}; the stamp records the text at "
                         f"{commit[:12]}, so the page will show as drifted until it is re-stamped")
    else:
        english = english_source(default, page).read_text(encoding="utf-8")
    text = translated.read_text(encoding="utf-8")
    front = read_front_matter(text)
    if front.error:
        raise TranslationError(f"docs/{language.locale}/{page}: {front.error}; fix it first")
    meta = front.data
    values = {"source_commit": commit, "source_hash": source_hash(english)}
    if meta.get("translation_status") == UNTRANSLATED:
        notes.append("still marked `translation_status: untranslated`: delete that line once the page is translated")
    try:
        new_text = set_front_matter_values(text, values)
    except ValueError as error:
        raise TranslationError(f"docs/{language.locale}/{page}: {error}") from error
    changes = []
    for key, value in values.items():
        old = meta.get(key)
        if (str(old) if old is not None else None) != value:
            changes.append(f"{key}: {old or '(none)'} -> {value or '(removed)'}")
    return Stamp(translated, page, text, new_text, changes, notes)


def normalize_page_argument(argument: str, languages: list[project.Language]) -> tuple[str, str | None]:
    """"help.md", "docs/hu/help.md" or "hu/help.md" -> ("help.md", "hu" or None)."""
    path = argument.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    locale = None
    match = re.match(r"^(?:docs/)?([^/]+)/(.+)$", path)
    if match and match.group(1) in {language.locale for language in languages}:
        locale, path = match.group(1), match.group(2)
    elif path.startswith("docs/"):
        raise TranslationError(f"{argument}: not inside a language folder (docs/<language>/...)")
    if not path.endswith(".md"):
        path += ".md"
    return path, locale
