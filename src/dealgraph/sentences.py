"""Sentences with their offsets: a fast segmenter that knows Dutch and English abbreviations.

A line break always ends a sentence (cleaned text keeps headings and paragraphs on lines of
their own). Inside a line, ``.``, ``!``, ``?`` and ``…`` (with any closing quotes or brackets)
end a sentence when white space and then a capital, a digit or an opening quote follow — but
not after an abbreviation from ``ontology/lexicons/abbreviations.yaml`` ("dhr.", "o.a.",
"Inc.", "U.S."), an initial ("J. Smith"), or inside a number ("3.5", "1.000").

Every sentence satisfies ``text[s.start:s.end] == s.text``; sentences are stripped, in order,
and never overlap.

>>> [s.text for s in split_sentences("Dhr. Jansen tekende o.a. met KPN. Dat was 3.5 uur werk!", "nl")]
['Dhr. Jansen tekende o.a. met KPN.', 'Dat was 3.5 uur werk!']
>>> [s.text for s in split_sentences('He said: "We signed." Then J. Smith left... quietly.', "en")]
['He said: "We signed."', 'Then J. Smith left... quietly.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import bad, load_lexicon, string_list

# A run of terminators with the closing quotes and brackets that belong to the sentence.
_END = re.compile(r"""[.!?…]+["'”’»)\]]*""")
_SPACE = re.compile(r"\s+")
_OPENERS = "\"'“‘«([„"
_DOTTED = re.compile(r"^(?:\w{1,2}\.)+$")
_INITIAL = re.compile(r"^[^\W\d_a-z]\.$")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


@cache
def abbreviations(lang: str) -> frozenset[str]:
    """The abbreviations of ``lang`` (and of every language), lower-cased, with their dots."""
    data = load_lexicon("abbreviations")
    if not isinstance(data, dict):
        raise bad("abbreviations", (), "must map languages to lists of abbreviations")
    words: set[str] = set()
    keys = ["*", lang] if lang in data else list(data)
    for key in keys:
        for word in string_list("abbreviations", data.get(key), (key,)):
            if not word.endswith("."):
                raise bad("abbreviations", (key,), f"{word!r} must end with its full stop")
            words.add(word.lower())
    return frozenset(words)


def _starts_sentence(line: str, at: int) -> bool:
    """A capital, a digit, or an opening quote or bracket starts the next sentence."""
    if at >= len(line):
        return False
    c = line[at]
    return c.isupper() or c.isdigit() or c in _OPENERS


def _token_before(line: str, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (the stop included)."""
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:end].lstrip("\"'“‘«([")


def _ends_sentence(line: str, stop_start: int, stop: str, abbrevs: frozenset[str]) -> bool:
    if stop != ".":  # "!", "?", "…", "...", "?!" always end a sentence when a capital follows
        return True
    token = _token_before(line, stop_start + 1)
    lowered = token.lower()
    if lowered in abbrevs or _INITIAL.match(token):
        return False
    # a dotted abbreviation not in the list ("z.g.a.n.") ends no sentence unless it is long
    return not (_DOTTED.match(token) and len(token) <= 6 and token.count(".") >= 2)


def split_sentences(text: str, lang: str = "") -> list[Sentence]:
    """The sentences of ``text`` in order, with their offsets."""
    abbrevs = abbreviations(lang)
    out: list[Sentence] = []
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        base = line_match.start()
        begin = 0
        for m in _END.finditer(line):
            nxt = _SPACE.match(line, m.end())
            if nxt is None or not _starts_sentence(line, nxt.end()):
                continue
            stop = m.group().rstrip("\"'”’»)]")
            if not _ends_sentence(line, m.start(), stop, abbrevs):
                continue
            _add(out, line, base, begin, m.end())
            begin = nxt.end()
        _add(out, line, base, begin, len(line))
    return out


def _add(out: list[Sentence], line: str, base: int, start: int, end: int) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(base + start, base + end, line[start:end]))
