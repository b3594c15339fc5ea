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


class WordScan:
    """Whole words or phrases of a lexicon in a text: the matches of
    ``(?<!B)(?:word|phrase|...)(?!A)`` (``B`` and ``A`` character classes at the words'
    edges), found with one Aho-Corasick pass for where a word occurs and the expression tried
    only there. It gives what ``finditer`` gives, without trying every alternative at every
    position of a long text (a lexicon's hundreds of phrases made that a tenth of the time of
    finding the mentions of an article)."""

    def __init__(
        self,
        words: Iterable[str],
        flags: int = 0,
        before: str = r"\w-",
        after: str = r"\w-",
    ) -> None:
        import ahocorasick

        listed = sorted({w for w in words if w})
        self.pattern = re.compile(
            rf"(?<![{before}])(?:{alternation(listed)})(?![{after}])" if listed else "(?!)",
            flags,
        )
        self.folded = bool(flags & re.IGNORECASE)
        self._automaton = ahocorasick.Automaton()
        for w in listed:
            key = w.lower() if self.folded else w
            self._automaton.add_word(key, len(key))
        if listed:
            self._automaton.make_automaton()
        self._empty = not listed

    def __bool__(self) -> bool:
        return not self._empty

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """The expression at ``pos``, as ``Pattern.match`` would."""
        return self.pattern.match(text, pos)

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The matches of the expression in ``text``, leftmost first, none overlapping."""
        if self._empty:
            return []
        haystack = text
        if self.folded:
            haystack = text.lower()
            if len(haystack) != len(text):  # lower-casing moved the offsets
                return list(self.pattern.finditer(text))
        starts = sorted({end - length + 1 for end, length in self._automaton.iter(haystack)})
        out: list[re.Match[str]] = []
        last = 0
        match = self.pattern.match
        for a in starts:
            if a < last:
                continue
            m = match(text, a)
            if m is not None:
                out.append(m)
                last = m.end()  # the words are not empty: a match moves on
        return out
