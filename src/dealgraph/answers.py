"""The answers of the tracing commands, shaped once for people, programs and notebooks.

Every answer (a trace, a neighbourhood, a timeline, a ranking, a query result) can be read as
text (``text()``, what the CLI prints for ``--format table``), as JSON (``to_json()``, for
``--format json``), as flat records and, when pandas is installed, as a DataFrame
(``to_dataframe()``). The graph answers also give the part of the graph they are about
(``subgraph()``), which :func:`dealgraph.view.render_view` draws for ``--html``.
"""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox

from .errors import DealgraphError, InputError

if TYPE_CHECKING:
    import pandas

    from .store import QueryResult, Term

#: What ``--format`` takes for the tracing commands.
ANSWER_FORMATS = ("table", "json")


def dataframe(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> pandas.DataFrame:
    """A pandas DataFrame of ``records`` with ``columns`` in that order (pandas is optional)."""
    try:
        import pandas as pd
    except ImportError:
        raise DealgraphError(
            "to_dataframe() needs pandas, which is not installed; pip install pandas"
        ) from None
    return pd.DataFrame.from_records(list(records), columns=list(columns))


class Answer(ABC):
    """What every answer offers; subclasses say what their records and text are."""

    #: The record fields, in order (the DataFrame's columns).
    columns: tuple[str, ...] = ()

    @abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """The whole answer as JSON-ready data."""

    @abstractmethod
    def records(self) -> list[dict[str, Any]]:
        """One flat dict per row of the answer (the DataFrame's rows)."""

    @abstractmethod
    def text(self) -> str:
        """The answer as people read it (``--format table``)."""

    def subgraph(self) -> nx.MultiDiGraph:
        """The part of the projection this answer is about (for a graph view)."""
        return nx.MultiDiGraph()

    def focus(self) -> list[str]:
        """The nodes a view of this answer is about: kept when the view is cut, drawn larger
        and selected when it opens."""
        return []

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, default=str)

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs pandas)."""
        return dataframe(self.records(), self.columns)

    def render(self, fmt: str = "table") -> str:
        """``text()`` for ``table``, ``to_json()`` for ``json``."""
        if fmt == "table":
            return self.text()
        if fmt == "json":
            return self.to_json()
        raise InputError(f"unknown format {fmt!r}; use {' or '.join(ANSWER_FORMATS)}")

    def __str__(self) -> str:
        return self.text()


def subgraph(
    g: nx.MultiDiGraph, nodes: Sequence[str], edges: Sequence[tuple[str, str, str]]
) -> nx.MultiDiGraph:
    """A new (unfrozen) graph with ``nodes`` and the keyed ``edges`` of ``g`` and their data."""
    out = nx.MultiDiGraph()
    for n in nodes:
        if n in g:
            out.add_node(n, **g.nodes[n])
    for u, v, k in edges:
        if g.has_edge(u, v, k):
            for end in (u, v):
                if end not in out:
                    out.add_node(end, **g.nodes[end])
            out.add_edge(u, v, key=k, **g.edges[u, v, k])
    return out


# ------------------------------------------------------------------------------------------------
# Query results
# ------------------------------------------------------------------------------------------------

_INTEGER = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "negativeInteger",
    "nonPositiveInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
}
_XSD = "http://www.w3.org/2001/XMLSchema#"


def python_value(term: Term | None) -> Any:
    """A query term as a plain Python value: IRIs as strings, typed literals as numbers,
    booleans and dates where the datatype says so, anything else as its text.

    >>> python_value(ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer")))
    3
    >>> python_value(ox.Literal("2019-06-05", datatype=ox.NamedNode(_XSD + "date")))
    datetime.date(2019, 6, 5)
    >>> python_value(ox.NamedNode("https://w3id.org/dealgraph/id/entity/mts"))
    'https://w3id.org/dealgraph/id/entity/mts'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return str(term)
    dtype = term.datatype.value
    local = dtype[len(_XSD) :] if dtype.startswith(_XSD) else ""
    try:
        if local in _INTEGER:
            return int(term.value)
        if local == "decimal":
            return Decimal(term.value)
        if local in ("double", "float"):
            return float(term.value)
        if local == "boolean":
            return term.value in ("true", "1")
        if local == "date":
            return dt.date.fromisoformat(term.value)
    except ValueError:
        return term.value
    return term.value


class Table(Answer):
    """The result of a SPARQL query (:func:`dealgraph.query.run_query`) as an answer.

    ``result`` is the :class:`~dealgraph.store.QueryResult` itself; ``to_dataframe()`` gives one
    column per variable (or ``subject``, ``predicate``, ``object`` for CONSTRUCT) holding plain
    Python values (:func:`python_value`).
    """

    def __init__(self, result: QueryResult) -> None:
        self.result = result
        if result.kind == "graph":
            self.columns = ("subject", "predicate", "object")
        elif result.kind == "ask":
            self.columns = ("boolean",)
        else:
            self.columns = tuple(result.variables)

    def records(self) -> list[dict[str, Any]]:
        r = self.result
        if r.kind == "ask":
            return [{"boolean": bool(r.boolean)}]
        if r.kind == "graph":
            return [
                {
                    "subject": python_value(t.subject),  # type: ignore[arg-type]
                    "predicate": python_value(t.predicate),
                    "object": python_value(t.object),  # type: ignore[arg-type]
                }
                for t in r.triples
            ]
        return [
            {v: python_value(t) for v, t in zip(r.variables, row, strict=True)} for row in r.rows
        ]

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as dicts of pyoxigraph terms (see :meth:`QueryResult.dicts`)."""
        return self.result.dicts()

    def to_dict(self) -> dict[str, Any]:
        from .query import format_result

        return dict(json.loads(format_result(self.result, "json")))

    def text(self) -> str:
        from .query import format_result

        return format_result(self.result, "table")

    def render(self, fmt: str = "table") -> str:
        from .query import format_result

        return format_result(self.result, fmt)

    def __len__(self) -> int:
        return len(self.result)
