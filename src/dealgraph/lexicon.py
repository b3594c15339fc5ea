"""The lexicons and the entity registry: data files under ``ontology/``, read once, checked on load.

Every extraction stage takes its words from here (abbreviations, country adjectives, trigger
words, date words, the registry of known entities), so that adding a language or an entity is
a data edit. A malformed file is a bug in the shipped data: :class:`DataFileError` names the
file, the line and what is wrong.

>>> sorted(load_lexicon("abbreviations"))[:2]
['*', 'en']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from . import resources
from ._yaml import Lines, load_located
from .errors import DataFileError, SheetError


@cache
def _load(path: str) -> tuple[Any, Lines]:
    try:
        return load_located(resources.read_ontology_file(path), f"ontology/{path}")
    except SheetError as exc:
        raise DataFileError(str(exc)) from exc


def load_lexicon(name: str) -> Any:
    """The parsed data of ``ontology/lexicons/<name>.yaml``."""
    return _load(f"lexicons/{name}.yaml")[0]


def lexicon_lines(name: str) -> Lines:
    """Where each value of ``ontology/lexicons/<name>.yaml`` is, for error messages."""
    return _load(f"lexicons/{name}.yaml")[1]


def bad(name: str, path: Sequence[str | int], message: str) -> DataFileError:
    """A located error in a lexicon file."""
    problem = lexicon_lines(name).problem(path, message)
    return DataFileError(str(problem))


def string_list(name: str, value: Any, path: Sequence[str | int]) -> list[str]:
    """A list of non-empty strings, or a located :class:`DataFileError`."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise bad(name, path, "must be a list of words")
    return [v.strip() for v in value]


def per_language(
    name: str, value: Any, path: Sequence[str | int], languages: Iterable[str] = ()
) -> dict[str, list[str]]:
    """``{lang: [words]}``; a plain list applies to every language (key ``*``)."""
    if isinstance(value, list):
        return {"*": string_list(name, value, path)}
    if not isinstance(value, Mapping):
        raise bad(name, path, "must be a list of words, or a mapping from language to words")
    out = {str(k): string_list(name, v, (*path, str(k))) for k, v in value.items()}
    for lang in languages:
        out.setdefault(lang, [])
    return out


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, escaped, longest first (so a longer
    phrase wins over its beginning)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
