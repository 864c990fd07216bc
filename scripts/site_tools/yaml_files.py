"""Reading the project's own YAML files (country data, language files) strictly.

PyYAML's safe loader silently keeps the last of two equal keys, so a data file with
`quick_exit_url:` written twice would publish whichever came last. The loader here refuses
that, naming the file, line and key, and every error is one line a volunteer can act on.
(mkdocs.yml itself is read by MkDocs, with its own loader and tags.)
"""

from __future__ import annotations

from pathlib import Path

import yaml


class YamlFileError(ValueError):
    """The file is missing, is not valid YAML, repeats a key or is not a mapping."""


# libyaml's parser when PyYAML has it (the pinned wheels do): the same safe loading, about
# 15 times faster; every tool, hook and test reads the data files through this loader.
class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict = {}
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key `{key}` is written twice (first on line {seen[key] + 1}); keep one",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


def _date_or_text(loader: _StrictLoader, node: yaml.ScalarNode):
    # "2026-13-25" looks like a date to YAML but is none: keep the text, so that validation
    # can name the key instead of the loader failing with "month must be in 1..12".
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def parse_yaml(text: str, shown_as: str):
    """Any YAML value; errors name `shown_as` and the line."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown_as}:{mark.line + 1}" if mark else shown_as
        problem = getattr(error, "problem", None) or str(error)
        raise YamlFileError(f"{where}: not valid YAML: {problem}") from None


def read_yaml_mapping(path: Path, shown_as: str | None = None) -> dict:
    shown_as = shown_as or str(path)
    if not path.exists():
        raise YamlFileError(f"{shown_as} is missing")
    data = parse_yaml(path.read_text(encoding="utf-8"), shown_as)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlFileError(f"{shown_as}: expected a mapping (key: value lines) at the top level, "
                            f"found a {type(data).__name__}")
    return data
