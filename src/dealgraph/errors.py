"""The exceptions of dealgraph.

One base class, a few meaningful subclasses. Only the CLI turns them into ``Error: ...`` and an
exit code: :class:`InputError` and its subclasses mean bad usage or bad input (exit 2), anything
else that derives from :class:`DealgraphError` means the work failed (exit 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def suggest(word: str, choices: Iterable[str], label: str = "known", limit: int = 3) -> str:
    """A "did you mean" hint for ``word`` among ``choices``, or a list of the choices.

    >>> suggest("deals-off", ["deals-of", "bans-on"])
    "did you mean 'deals-of'?"
    """
    from rapidfuzz import fuzz, process, utils

    options = sorted(set(choices))
    if not options:
        return ""
    scored = process.extract(
        word, options, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
    )
    best = scored[0][1] if scored else 0
    near = [c for c, score, _ in scored if score >= 60 and score >= best - 5]
    if near:
        return f"did you mean {' or '.join(repr(c) for c in near)}?"
    listed = ", ".join(options[:12]) + (", ..." if len(options) > 12 else "")
    return f"{label}: {listed}"


class DealgraphError(Exception):
    """Base class of every error dealgraph raises on purpose."""

    exit_code = 1


class InputError(DealgraphError):
    """The user's input (a file, an option, a name) is wrong; the message says how to fix it."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with its location.

    >>> str(Problem("sheet.yaml", 12, "facts[0].roles.party[1]", "unknown entity 'mtss'", "did you mean 'mts'?"))
    "sheet.yaml:12: facts[0].roles.party[1]: unknown entity 'mtss' (did you mean 'mts'?)"
    """

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"


class SheetError(InputError):
    """A fact sheet (or another data file) is malformed; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems]
        head = lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n  " + "\n  ".join(lines)
        super().__init__(head)


class DataFileError(DealgraphError):
    """A file shipped with dealgraph (ontology, types, queries, lexicons) is broken: a bug."""


class QueryError(InputError):
    """A SPARQL query is malformed or a parameter is missing; the parser's message is kept."""


class UnknownEntityError(InputError):
    """A name given on the command line matches no entity; carries the nearest names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r} in the store{hint}")


class StoreError(DealgraphError):
    """The store could not be opened, read or written."""


class StoreLockedError(StoreError, InputError):
    """Another process holds the store, or the directory cannot be written."""

    exit_code = 2


class RequestError(InputError):
    """An HTTP request to ``dealgraph serve`` is malformed or too large; ``status`` is the HTTP
    status code it gets (400, 406, 413, 415, ...)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class RefusedError(InputError):
    """The server is configured to refuse this request (an update on a read-only endpoint, a
    ``SERVICE`` or ``LOAD`` of a URL that is not allowed); the message says how to allow it."""


class QueryLimitError(DealgraphError):
    """A query ran into a configured limit (the time limit, the result cap) and was stopped;
    the server stays up and answers the next query."""
