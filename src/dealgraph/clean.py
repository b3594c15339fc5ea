"""Cleaning saved page text into an article's main text.

Scraped plain text (such as the seed) carries navigation ("Overslaan en naar de inhoud gaan"),
photo captions and credits, and a comment and log-in tail. :func:`clean_text` removes them with
the patterns in ``ontology/lexicons/boilerplate.yaml`` and normalises white space, so that
evidence offsets point into stable text: paragraphs are separated by one blank line, lines carry
no trailing space, non-breaking spaces become spaces.

>>> r = clean_text("Skip to content\\n\\nBig deal signed\\n\\nAcme signed.\\nAcme staff\\n© Acme\\n\\nComments\\nnice", "en")
>>> r.title, r.text
('Big deal signed', 'Acme signed.')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from . import resources
from ._yaml import load_located
from .errors import DataFileError

_SENTENCE_END = re.compile(r"""[.!?:;…"'”’)\]]$""")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Cleaned:
    """The main text and, when the page text starts with one, its title."""

    text: str
    title: str


@dataclass(frozen=True)
class _Patterns:
    drop: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    credit: tuple[re.Pattern[str], ...]


@cache
def _patterns(lang: str) -> _Patterns:
    text = resources.read_ontology_file("lexicons/boilerplate.yaml")
    data, _ = load_located(text, "ontology/lexicons/boilerplate.yaml")
    keys = ["*"] + ([lang] if lang in data else list(k for k in data if k != "*"))

    def compiled(kind: str) -> tuple[re.Pattern[str], ...]:
        out = []
        for key in keys:
            for pattern in (data.get(key) or {}).get(kind) or []:
                try:
                    out.append(re.compile(pattern, re.IGNORECASE))
                except re.error as exc:
                    raise DataFileError(
                        f"boilerplate.yaml: {key}.{kind}: bad pattern {pattern!r}: {exc}"
                    ) from exc
        return tuple(out)

    return _Patterns(compiled("drop_lines"), compiled("tail_starts"), compiled("credit_lines"))


def normalize_line(line: str) -> str:
    """NFC, no zero-width characters, one space between words, no edge spaces."""
    line = unicodedata.normalize("NFC", line)
    line = _ZERO_WIDTH.sub("", line)
    return _SPACES.sub(" ", line).strip()


def normalize_text(text: str) -> str:
    """Normalise lines and paragraph breaks without removing anything.

    >>> normalize_text("a\\u00a0 b  \\n\\n\\n\\nc\\r\\n")
    'a b\\n\\nc'
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [normalize_line(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) or len(line.split()) > 12


def clean_text(raw: str, lang: str = "", title: str = "") -> Cleaned:
    """Remove page boilerplate from saved text; take the first heading line as the title.

    ``lang`` selects the language's patterns (all languages' when empty). A ``title`` already
    known (from HTML or metadata) is removed from the start of the text instead of guessed.
    """
    pats = _patterns(lang)
    blocks = [
        [normalize_line(line) for line in block.split("\n")]
        for block in re.split(r"\n\s*\n", raw.replace("\r\n", "\n").replace("\r", "\n"))
    ]
    kept_blocks: list[list[str]] = []
    stop = False
    for block in blocks:
        lines = [line for line in block if line]
        kept: list[str] = []
        credit_at: list[int] = []
        for line in lines:
            if any(p.fullmatch(line) for p in pats.tail):
                stop = True
                break
            if any(p.fullmatch(line) for p in pats.drop):
                continue
            if any(p.fullmatch(line) for p in pats.credit):
                credit_at.append(len(kept))
                kept.append("")  # placeholder, removed with its caption below
                continue
            kept.append(line)
        for at in credit_at:
            # captions are short non-sentence lines touching the credit line
            i = at - 1
            while i >= 0 and kept[i] and not _is_sentence(kept[i]):
                kept[i] = ""
                i -= 1
            i = at + 1
            while i < len(kept) and kept[i] and not _is_sentence(kept[i]):
                kept[i] = ""
                i += 1
        kept = [line for line in kept if line]
        if kept:
            kept_blocks.append(kept)
        if stop:
            break

    found_title = normalize_line(title)
    if kept_blocks:
        first = kept_blocks[0]
        if found_title and first[0] == found_title:
            first.pop(0)
        elif (
            not found_title
            and len(first) == 1
            and not _is_sentence(first[0])
            and len(kept_blocks) > 1
        ):
            found_title = first.pop(0)
        if not first:
            kept_blocks.pop(0)
    text = "\n\n".join("\n".join(b) for b in kept_blocks)
    if not text and found_title:
        raise DataFileError(
            "clean_text removed everything"
        )  # pragma: no cover - guarded by callers
    return Cleaned(text=text, title=found_title)
