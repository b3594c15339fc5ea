"""What a user may narrow a trace to: relation types (``--via``) and dates (``--since/--until``).

Both are parsed from what the user typed, with a clear error naming the option and how to fix
it, and both become one :class:`EdgeFilter` that the trace, neighbourhood, timeline and ranking
code applies to the edges of the projection.

**Dates.** A fact's date is known to a precision and may be only a bound, so it stands for a
range of days it *may* fall on:

========================  ====================================
the fact's date           the days it may fall on
========================  ====================================
``2019-06-05``            2019-06-05
``2019-06`` / ``2019``    every day of that month / year
``circa 2019``            every day of 2019
``before 2020``           any day up to 2019-12-31
``by 2019``               any day up to 2019-12-31
``after 2019``            any day from 2020-01-01
========================  ====================================

``--since X`` starts the window at the first day of X, ``--until X`` ends it at the last day of X
(``--until 2019`` includes 31 December 2019). A fact is kept when the days it may fall on
**overlap** the window: "before 2020" is kept by ``--since 2019`` (it may have happened in 2019)
but not by ``--since 2020``. A fact with no date cannot be placed, so it is left out whenever a
window is given. A relation between two facts that carries no date of its own (a deal
``signedDuring`` a visit) takes the date of the fact it starts from (the deal).

>>> w = DateWindow.parse("2019", "2019-06")
>>> w.since.isoformat(), w.until.isoformat()
('2019-01-01', '2019-06-30')
>>> w.admits(possible_days("2020", "year", "before")), w.admits(possible_days("2019-07-01", "day", "on"))
(True, False)
>>> parse_via("deal, Bans").fact_types, parse_via("deal, Bans").relations
(frozenset({'Deal'}), frozenset({'https://w3id.org/dealgraph/ontology#bans'}))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .dates import DateValueError, parse_value
from .errors import InputError, suggest
from .namespaces import compact
from .schema import Schema, load_schema

Interval = tuple[dt.date, dt.date]


def possible_days(value: str, precision: str, qualifier: str = "on") -> Interval:
    """The first and last day a date with that precision and qualifier may fall on.

    ``value`` is the date's value (``2019``, ``2019-06``, ``2019-06-05``) or the first day of
    the period in ISO form, as the projection keeps it.

    >>> [d.isoformat() for d in possible_days("2019-06-05", "day", "before")]
    ['0001-01-01', '2019-06-04']
    >>> [d.isoformat() for d in possible_days("2019-01-01", "year", "after")]
    ['2020-01-01', '9999-12-31']
    """
    from .dates import format_value

    first_in = dt.date.fromisoformat(value) if len(value) == 10 else None
    text = format_value(first_in, precision) if first_in is not None else value
    first, last, _ = parse_value(text)
    if qualifier == "before":
        return dt.date.min, (first - dt.timedelta(days=1) if first > dt.date.min else first)
    if qualifier == "by":
        return dt.date.min, last
    if qualifier == "after":
        return (last + dt.timedelta(days=1) if last < dt.date.max else last), dt.date.max
    return first, last


def parse_when(text: str, option: str, end: bool) -> dt.date:
    """The first (``end=False``) or last day of a date the user gave to ``option``.

    >>> parse_when("2019", "--until", end=True).isoformat()
    '2019-12-31'
    >>> parse_when("2019-6-5", "--since", end=False)
    Traceback (most recent call last):
    ...
    dealgraph.errors.InputError: --since '2019-6-5': not a date; write YYYY, YYYY-MM or YYYY-MM-DD (for example 2019 or 2019-06-05)
    """
    value = text.strip()
    try:
        first, last, _ = parse_value(value)
    except DateValueError as exc:
        if "not a real date" in str(exc):
            raise InputError(
                f"{option} {text!r}: there is no such day; check the month and day"
            ) from None
        raise InputError(
            f"{option} {text!r}: not a date; write YYYY, YYYY-MM or YYYY-MM-DD (for example 2019 or 2019-06-05)"
        ) from None
    return last if end else first


@dataclass(frozen=True)
class DateWindow:
    """The days a fact must be able to fall on to be kept; open at a side left ``None``."""

    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None) -> DateWindow:
        """The window of ``--since`` and ``--until`` as the user typed them (either may be empty)."""
        first = parse_when(since, "--since", end=False) if since else None
        last = parse_when(until, "--until", end=True) if until else None
        if first is not None and last is not None and first > last:
            raise InputError(
                f"--since {since} is after --until {until}; give a --since on or before the --until"
            )
        return cls(first, last)

    @property
    def is_open(self) -> bool:
        """True when no date restricts anything."""
        return self.since is None and self.until is None

    def admits(self, days: Interval | None) -> bool:
        """True when a fact that may fall on ``days`` may fall inside the window; an undated
        fact (``None``) only passes an open window."""
        if self.is_open:
            return True
        if days is None:
            return False
        first, last = days
        return (self.since is None or last >= self.since) and (
            self.until is None or first <= self.until
        )

    def describe(self) -> str:
        """``since 2019-01-01``, ``until 2019-12-31``, both, or ``""``."""
        parts = []
        if self.since is not None:
            parts.append(f"since {self.since.isoformat()}")
        if self.until is not None:
            parts.append(f"until {self.until.isoformat()}")
        return " ".join(parts)


@dataclass(frozen=True)
class Via:
    """The fact types and relations a ``--via`` list names; empty sets mean "any"."""

    fact_types: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()

    @property
    def is_open(self) -> bool:
        return not self.fact_types and not self.relations

    def admits(self, edge: Mapping[str, Any]) -> bool:
        if self.is_open:
            return True
        return edge.get("fact_type") in self.fact_types or edge.get("relation") in self.relations

    def describe(self) -> str:
        names = sorted(self.fact_types) + sorted(compact(r) for r in self.relations)
        return ", ".join(names)


def _norm(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def parse_via(text: str | None, schema: Schema | None = None) -> Via:
    """Parse a ``--via`` list: fact types (``Deal``, ``state visit``) and relations
    (``bans``, ``dg:contractsWith``, ``contracts with``, a full IRI), comma-separated, in any
    case. An unknown name is an :class:`InputError` with the nearest names.
    """
    if text is None:
        return Via()
    schema = schema or load_schema()
    types = {_norm(name): name for name in schema.fact_types}
    for name, ft in schema.fact_types.items():
        for label in ft.label.values():
            types.setdefault(_norm(label), name)
    relations: dict[str, str] = {}
    for iri in schema.relations():
        for spelling in (iri, compact(iri), compact(iri).split(":", 1)[1]):
            relations.setdefault(_norm(spelling), iri)
        relations.setdefault(_norm(schema.relation_label(iri)), iri)
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise InputError(
            "--via is empty; give fact types or relations, comma-separated (for example --via Deal,Ban)"
        )
    found_types: set[str] = set()
    found_relations: set[str] = set()
    for item in items:
        if not item:
            continue
        key = _norm(item)
        if key in types:
            found_types.add(types[key])
        elif key in relations:
            found_relations.add(relations[key])
        else:
            known = list(schema.fact_types) + [
                compact(r).split(":", 1)[1] for r in schema.relations()
            ]
            raise InputError(
                f"--via {item!r}: no fact type or relation of that name; {suggest(item, known, 'known')}"
            )
    return Via(frozenset(found_types), frozenset(found_relations))


@dataclass(frozen=True)
class EdgeFilter:
    """``--via`` and ``--since/--until`` together: which edges of a projection count."""

    via: Via = field(default_factory=Via)
    window: DateWindow = field(default_factory=DateWindow)

    @classmethod
    def parse(
        cls, via: str | None = None, since: str | None = None, until: str | None = None
    ) -> EdgeFilter:
        return cls(parse_via(via), DateWindow.parse(since, until))

    @property
    def is_open(self) -> bool:
        return self.via.is_open and self.window.is_open

    def describe(self) -> str:
        parts = []
        if not self.via.is_open:
            parts.append(f"via {self.via.describe()}")
        if not self.window.is_open:
            parts.append(self.window.describe())
        return "; ".join(parts)

    def bind(self, g: nx.MultiDiGraph) -> Callable[[str, str, Mapping[str, Any]], bool]:
        """A test ``(source, target, edge data) -> bool`` for the edges of ``g``."""
        if self.is_open:
            return lambda u, v, d: True
        days_of: dict[str, Interval | None] = {}

        def days(data: Mapping[str, Any]) -> Interval | None:
            fact = data.get("fact") or ""
            if fact not in days_of:
                days_of[fact] = (
                    possible_days(data["date"], data["precision"], data.get("qualifier") or "on")
                    if data.get("date") and data.get("precision")
                    else None
                )
            return days_of[fact]

        def test(u: str, v: str, data: Mapping[str, Any]) -> bool:
            if not self.via.admits(data):
                return False
            if self.window.is_open:
                return True
            when = days(data)
            if when is None and data.get("kind") == "relation" and u in g:
                node = g.nodes[u]
                if node.get("kind") == "fact":  # deal signedDuring visit: the deal's date
                    when = days({"fact": u, **node})
            return self.window.admits(when)

        return test
