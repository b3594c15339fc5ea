"""dealgraph from Python: one object over a store, for notebooks, scripts and the CLI itself.

``dealgraph.open(store)`` opens a store (a directory; default ``./dealgraph-data`` or
``$DEALGRAPH_STORE``) and returns a :class:`Dealgraph`, whose methods answer the questions the
CLI answers: :meth:`~Dealgraph.query`, :meth:`~Dealgraph.trace`, :meth:`~Dealgraph.neighbors`,
:meth:`~Dealgraph.timeline`, :meth:`~Dealgraph.rank`, :meth:`~Dealgraph.view` and
:meth:`~Dealgraph.export`. Entities are named as on the command line: a label or alias in any
case, an IRI, or a Wikidata id; an unknown name raises
:class:`~dealgraph.errors.UnknownEntityError` with the nearest names.

Each answer prints as the CLI prints it, converts to JSON (``to_json()``) and, with pandas
installed, to a DataFrame (``to_dataframe()``); ``dg.view(answer)`` draws it, inline in
Jupyter.

>>> import tempfile, dealgraph
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> folder = tempfile.mkdtemp()
>>> with dealgraph.open(folder, read_only=False) as dg:
...     _ = load_sheets(dg.store, [seed_sheet()])
...     path = dg.trace("Huawei", "United States").paths[0]
...     events = dg.timeline("huawei").events
...     top = dg.rank(by="pagerank", type="Company", limit=1).rows[0]
...     deals = dg.query("deals-of", org="Q160120")
>>> [link.step(path.nodes[0]) for link in path.hops[0].links]
['Huawei ←accuses— United States', 'Huawei ←bans— United States']
>>> [e.type for e in events][:4]
['Deal', 'StateVisit', 'Ban', 'Trial']
>>> top.label, [r["partnerLabel"] for r in deals.records()]
('Huawei', ['MTS'])
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import networkx as nx

from .answers import Answer, Table
from .export import ExportReport
from .filters import DateWindow, EdgeFilter, parse_via
from .rank import Ranking
from .store import GraphStore, open_store
from .timeline import Timeline
from .trace import DEFAULT_LIMIT, Neighborhood, TraceGraph, TraceResult, mode_of
from .view import DEFAULT_MAX_NODES, RenderedView

When = str | int | dt.date | None


def _when(value: When) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _via(value: str | Iterable[str] | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else ",".join(value)


@dataclass
class _State:
    """What is derived from one state of the store."""

    generation: str | None
    tracer: TraceGraph
    extra: dict[str, Any] = field(default_factory=dict)


class Dealgraph:
    """The questions dealgraph answers, over one store (see the module docstring).

    Use it as a context manager, or call :meth:`close`, to release the store. ``progress``,
    when set, receives a line of text before slow work (building the projection of a changed
    store, writing a big export); the CLI prints those lines on stderr.
    """

    def __init__(
        self,
        store: GraphStore,
        *,
        close_store: bool = False,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.progress = progress
        self._close_store = close_store
        self._state: _State | None = None

    def _say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    # -- plumbing --------------------------------------------------------------------------------

    def __enter__(self) -> Dealgraph:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (when this object opened it)."""
        if self._close_store:
            self.store.close()
        self._state = None

    def __repr__(self) -> str:
        return f"<Dealgraph store={self.store.location!r}>"

    def graph(self, facts: bool = True) -> nx.MultiDiGraph:
        """The networkx projection of the store, cached per store state (frozen: copy it to
        change it). With ``facts=False``, entities and direct relations only."""
        from .graph import projection

        return projection(
            self.store,
            include_facts=facts,
            on_build=lambda: self._say(
                f"building the graph projection of {self.store.location} (cached until the store changes)"
            ),
        )

    def _current(self) -> _State:
        generation = self.store.generation()
        state = self._state
        if state is None or generation is None or state.generation != generation:
            state = _State(generation, TraceGraph(self.graph()))
            self._state = state
        return state

    def entity(self, name: str) -> str:
        """The IRI of the entity (or fact) called ``name``: a label or alias in any case, an
        IRI, or a Wikidata id."""
        return self._resolve(self._current(), name)

    def _resolve(self, state: _State, name: str) -> str:
        from .resolve import resolve_entity

        text = name.strip()
        iri = text[1:-1] if text.startswith("<") and text.endswith(">") else text
        if iri in state.tracer.full:
            return iri
        return resolve_entity(self.store, name)  # its index is kept per store state

    @staticmethod
    def _filter(
        via: str | Iterable[str] | None = None, since: When = None, until: When = None
    ) -> EdgeFilter:
        return EdgeFilter(parse_via(_via(via)), DateWindow.parse(_when(since), _when(until)))

    # -- the questions ---------------------------------------------------------------------------

    def query(self, query: str, params: dict[str, str] | None = None, **kwargs: str) -> Table:
        """Run SPARQL text, a ``.rq`` file or a named query; parameters as a dict or keywords.

        ``dg.query("deals-of", org="Huawei").to_dataframe()`` gives a DataFrame (with pandas).
        """
        from .query import run_query

        return Table(run_query(self.store, query, {**(params or {}), **kwargs}))

    def trace(
        self,
        source: str,
        target: str,
        *,
        all_paths: bool = False,
        max_hops: int | None = None,
        directed: bool = False,
        undirected: bool = False,
        via: str | Iterable[str] | None = None,
        since: When = None,
        until: When = None,
        limit: int = DEFAULT_LIMIT,
    ) -> TraceResult:
        """How ``source`` is connected to ``target``: every shortest path, or with
        ``all_paths`` every simple path of at most ``max_hops`` hops (default 4), each hop with
        its relations, dates, quotes and articles. See :mod:`dealgraph.trace` for
        ``directed``/``undirected`` and :mod:`dealgraph.filters` for ``via``, ``since`` and
        ``until``."""
        from .trace import trace

        mode = mode_of(directed, undirected)
        flt = self._filter(via, since, until)
        state = self._current()  # once per answer: generation() reads the store
        a, b = self._resolve(state, source), self._resolve(state, target)
        return trace(
            state.tracer,
            a,
            b,
            all_paths=all_paths,
            max_hops=max_hops,
            mode=mode,
            flt=flt,
            limit=limit,
        )

    def neighbors(
        self,
        name: str,
        hops: int = 1,
        *,
        directed: bool = False,
        undirected: bool = False,
        via: str | Iterable[str] | None = None,
        since: When = None,
        until: When = None,
    ) -> Neighborhood:
        """What is within ``hops`` of ``name``, grouped by distance and relation."""
        from .trace import neighbors

        mode = mode_of(directed, undirected)
        flt = self._filter(via, since, until)
        state = self._current()
        x = self._resolve(state, name)
        return neighbors(state.tracer, x, hops, mode=mode, flt=flt)

    def timeline(self, name: str, *, since: When = None, until: When = None) -> Timeline:
        """Every event ``name`` takes part in, and the events that situate them, in date order
        (undated ones last)."""
        from .timeline import timeline

        window = DateWindow.parse(_when(since), _when(until))
        state = self._current()
        x = self._resolve(state, name)
        return timeline(state.tracer.full, x, window=window)

    def rank(
        self,
        by: str = "degree",
        *,
        type: str | None = None,
        limit: int = 10,
        via: str | Iterable[str] | None = None,
        since: When = None,
        until: When = None,
    ) -> Ranking:
        """The top ``limit`` entities by ``degree``, ``pagerank`` or ``betweenness``,
        optionally of one ``type`` (``Company``, ``State``, ...)."""
        from .rank import rank

        flt = self._filter(via, since, until)
        return rank(self._current().tracer.full, by, type=type, limit=limit, flt=flt)

    def view(
        self,
        answer: Answer | nx.MultiDiGraph | None = None,
        *,
        title: str | None = None,
        focus: str | None = None,
        hops: int | None = None,
        query: str | None = None,
        params: dict[str, str] | None = None,
        max_nodes: int | None = DEFAULT_MAX_NODES,
    ) -> RenderedView:
        """A graph view: of an answer (its subgraph, its focus selected), of a projection, of
        the entity ``focus`` and what is within ``hops`` of it, of the result of ``query``
        (SPARQL text, a ``.rq`` file or a named query with ``params``: a CONSTRUCT, or a
        SELECT whose columns hold IRIs; see :mod:`dealgraph.querygraph`), or of the whole
        store (the default view). Past ``max_nodes`` nodes (``None``: no limit) it draws the
        most connected part, nearest the focus first, and says what it left out
        (``RenderedView.cut``). It displays inline in Jupyter; ``.save(path)`` writes the page.

        ``dg.view(focus="Huawei", hops=2)`` is ``dealgraph view --focus Huawei --hops 2``.
        """
        from .errors import InputError
        from .view import neighbourhood, overview, render_view

        if sum(x is not None for x in (answer, focus, query)) > 1:
            raise InputError("draw one thing: an answer, --focus NAME or --query, not several")
        if params and query is None:
            raise InputError("--param is for --query; give the query it belongs to")
        if hops is not None and focus is None:
            raise InputError("--hops is for --focus; give the entity to start from")
        notice = ""
        centre: list[str] = []
        if query is not None:
            from .query import run_query
            from .querygraph import describe, query_title, result_graph

            result = run_query(self.store, query, params or {})
            g = result_graph(self.store, result, self.graph())
            notice = describe(g, result)
            title = title or query_title(query, params)
        elif focus is not None:
            hops = 1 if hops is None else hops
            if hops < 1:
                raise InputError(f"--hops {hops}: give 1 or more")
            state = self._current()
            centre = [self._resolve(state, focus)]
            base = state.tracer.base if centre[0] in state.tracer.base else state.tracer.full
            near = neighbourhood(base, centre[0], hops)
            g = base.subgraph(near)
            name = state.tracer.label(centre[0])
            title = title or f"{name} and what is within {hops} hop{'s' if hops != 1 else ''}"
        elif answer is None:
            g = overview(self.graph())
            title = title or f"dealgraph — {Path(self.store.location).name}"
        elif isinstance(answer, Answer):
            g = answer.subgraph()
            centre = answer.focus()
            title = title or answer.text().split("\n", 1)[0]
        else:
            g = answer
        return render_view(
            g, title=title or "dealgraph", notice=notice, focus=centre, max_nodes=max_nodes
        )

    def export(
        self,
        path: str | os.PathLike[str],
        format: str | None = None,
        *,
        facts: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> ExportReport:
        """Export the store to ``path``: ``turtle``, ``trig``, ``nquads``, ``jsonld``,
        ``graphml``, ``gexf`` or ``csv`` (default: from the file name). The graph formats
        write the projection, with fact nodes and role edges unless ``facts=False``.
        ``progress`` is called with the number of quads read since its last call."""
        from .export import export

        return export(self.store, path, format, graph=lambda: self.graph(facts), progress=progress)


def open(
    store: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Dealgraph:
    """Open the store at ``store`` (a directory, a SPARQL server URL or ``:memory:``; default
    ``./dealgraph-data`` or ``$DEALGRAPH_STORE``) and return a :class:`Dealgraph` over it. It
    opens read-only unless ``read_only=False``, so several readers can run at once;
    ``progress`` receives messages before slow work.

    >>> import dealgraph
    >>> dealgraph.open("/no/such/store")
    Traceback (most recent call last):
    ...
    dealgraph.errors.InputError: no store at /no/such/store; run `dealgraph demo` or `dealgraph load` first, or give --store
    """
    return Dealgraph(
        open_store(store, read_only=read_only, must_exist=True), close_store=True, progress=progress
    )
