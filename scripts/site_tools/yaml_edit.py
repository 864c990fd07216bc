"""Editing the project's YAML files (mkdocs.yml, config/languages/*.yml) without losing
their comments, order or `!ENV` tags: ruamel.yaml's round-trip mode, which reads a file
into ordinary mappings and lists and writes it back unchanged except for what was edited.
Every tool that edits such a file reads the result back (through MkDocs for mkdocs.yml)
before writing it."""

from __future__ import annotations

import io


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str):
    return _yaml().load(text)


def dump(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def mapping(**items):
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(items)
