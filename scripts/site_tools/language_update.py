"""Bringing a language up to date with the default language after `git merge upstream/main`.

For each language the site builds besides the default one (scripts/translation_status.py
update):

- a page the default language has and this language lacks (upstream added it) is created
  as a pending copy: the English text with `translation_status: untranslated`, so the site
  builds and shows the "not translated yet" notice;
- pending pages whose English text changed get the new text;
- interface strings and navigation titles the default language's file has and this
  language's lacks are added to config/languages/<code>.yml with the English text, each
  marked with a comment, to translate;
- what needs a person is listed, not changed: translated pages whose English changed
  (drifted), data texts missing in this language, pages the default language no longer has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import country_data, project, yaml_edit
from .files import write_atomically
from .translations import Git, PageStatus, page_status

NEW_STRING_COMMENT = "new: translate this"


@dataclass
class LanguageUpdate:
    language: project.Language
    created: dict[Path, str] = field(default_factory=dict)  # new pending pages
    refreshed: dict[Path, str] = field(default_factory=dict)  # pending pages with new English text
    language_file: Path | None = None
    language_file_text: str | None = None  # the language file with the new strings, if any
    new_strings: list[tuple[str, ...]] = field(default_factory=list)  # ("extra", "ui", "search"), ...
    unused_strings: list[tuple[str, ...]] = field(default_factory=list)  # keys the default language no longer has
    drifted: list[PageStatus] = field(default_factory=list)
    missing_texts: list[country_data.MissingText] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # docs/<code>/ pages the default language no longer has

    @property
    def writes(self) -> int:
        return len(self.created) + len(self.refreshed) + (1 if self.language_file_text is not None else 0)


_SECTIONS = (("extra", "ui"), ("nav_translations",))


def _strings(language_file: dict) -> dict[tuple[str, ...], object]:
    """The file's strings by path: {("extra", "ui", "search"): "Search", ("nav_translations", "Home"): "Home"}."""
    found = {}
    for section in _SECTIONS:
        holder = language_file
        for part in section:
            holder = (holder or {}).get(part) or {}
        for key, value in holder.items():
            found[(*section, key)] = value
    return found


def shown(key: tuple[str, ...]) -> str:
    return ".".join(key[:-1]) + f": {key[-1]}"


def _language_file_with(path: Path, default_strings: dict, missing: list[tuple[str, ...]]) -> str:
    document = yaml_edit.load(path.read_text(encoding="utf-8"))
    for key in missing:
        holder = document
        for part in key[:-1]:
            if holder.get(part) is None:
                holder[part] = yaml_edit.mapping()
            holder = holder[part]
        holder[key[-1]] = default_strings[key]
        holder.yaml_add_eol_comment(NEW_STRING_COMMENT, key[-1])
    return yaml_edit.dump(document)


def plan_update(language: project.Language, default: project.Language, git: Git,
                data: country_data.CountryData) -> LanguageUpdate:
    from .scaffold import ScaffoldError, untranslated_copy

    update = LanguageUpdate(language)
    head = git.commit("HEAD") if git.available else None
    country = data.code
    default_pages = set(project.page_paths(default))
    for page in sorted(default_pages):
        target = language.docs_dir / page
        status = page_status(language, default, page, git)
        if status.state == "drifted":
            update.drifted.append(status)
        if target.exists() and status.state != "pending":
            continue
        try:
            text, _ = untranslated_copy(default, page, git, head, country)
        except ScaffoldError as error:
            raise project.SettingsError(str(error)) from None
        if not target.exists():
            update.created[target] = text
        elif target.read_text(encoding="utf-8") != text:
            update.refreshed[target] = text
    update.orphans = [f"docs/{language.locale}/{page}" for page in project.page_paths(language)
                      if page not in default_pages]

    path = project.language_file(language.locale)
    if path.exists():
        default_strings = _strings(project.read_language_file(default.locale))
        own = _strings(project.read_language_file(language.locale))
        missing = [key for key in default_strings if key not in own]
        update.unused_strings = [key for key in own if key not in default_strings]
        if missing:
            update.language_file = path
            update.language_file_text = _language_file_with(path, default_strings, missing)
            update.new_strings = missing
    update.missing_texts = country_data.missing_texts(data, language.locale, default.locale)
    return update


def apply_update(update: LanguageUpdate) -> None:
    for target, text in {**update.created, **update.refreshed}.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    if update.language_file is not None and update.language_file_text is not None:
        write_atomically(update.language_file, update.language_file_text)
