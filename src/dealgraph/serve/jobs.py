"""What runs inside a query worker: one process, one read-only store handle, one job at a time.

pyoxigraph has no query timeout and no way to cancel a query (oxigraph issue #1926), so every
query ``dealgraph serve`` runs, and every page it builds, runs in a worker process
(:mod:`dealgraph.serve.workers`) that the server kills when it runs out of time. A worker opens
the store itself (the embedded store read-only, on its newest snapshot; a remote store with the
query time limit as its HTTP timeout), moves to a newer snapshot before each job, and answers
jobs sent over a pipe:

=============  ==================================================================================
``sparql``     a SPARQL protocol query, written in the negotiated format (:class:`Reply`)
``update``     a SPARQL update (only in the writer, with ``--allow-update``)
``resource``   the page, or the RDF, of an instance IRI
``query_page`` the query page with the answer to a query or a named query
``query_iris`` the IRIs in the answer to a query (for its graph view)
``graph``      a graph view: of the IRIs of an answer, or around one entity or fact
=============  ==================================================================================

A job that fails on purpose (bad SPARQL, a refusal, a cap) answers a :class:`Failure` with the
HTTP status; anything else is a bug, and the worker dies of it: the server answers 500 and
starts another.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from ..api import Dealgraph
from ..errors import DealgraphError, InputError, RequestError, StoreError
from ..namespaces import DG, compact
from ..query import load_named_queries, prepare
from ..store import EmbeddedStore, GraphStore, QueryResult, is_remote, open_store
from ..view import render_view
from . import pages
from .protocol import GRAPH_TYPES, MEDIA_OF, SOLUTION_TYPES, check_remote, status_of
from .results import capped, write_boolean, write_graph, write_solutions

__all__ = ["Failure", "Limits", "Reply", "StoreSpec", "Worker", "worker_main"]


@dataclass(frozen=True)
class StoreSpec:
    """How a worker opens the store: ``location`` as ``--store`` takes it; ``writable`` only
    for the writer of an ``--allow-update`` server; ``timeout`` bounds every request to a
    remote store."""

    location: str
    writable: bool = False
    timeout: float = 10.0

    def open(self) -> GraphStore:
        if is_remote(self.location):
            from ..remote import ENV_CA_BUNDLE, Endpoints, RemoteStore, auth_headers

            endpoints = Endpoints.parse(self.location)
            return RemoteStore(
                endpoints,
                read_only=not self.writable,
                timeout=self.timeout,
                headers=auth_headers(endpoints),
                ca_certs=os.environ.get(ENV_CA_BUNDLE) or None,
                location=self.location,
            )
        return open_store(self.location, read_only=not self.writable, must_exist=True)


@dataclass(frozen=True)
class Limits:
    """What every job must respect."""

    max_results: int = 100_000
    allow_service: tuple[str, ...] = ()
    allow_load: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """An HTTP answer made in a worker."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Failure:
    """A job that failed on purpose: the HTTP status and the message for the client."""

    status: int
    message: str


def _rows(solutions: ox.QuerySolutions) -> Iterator[tuple[Any, ...]]:
    try:
        for solution in solutions:
            yield tuple(solution)
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"the query failed while it ran: {exc}") from None


def _triples(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    try:
        yield from triples
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"the query failed while it ran: {exc}") from None


class Worker:
    """The state of one worker process: the store, the projection behind the pages (through
    :class:`dealgraph.api.Dealgraph`, cached per store state), and the limits."""

    def __init__(self, spec: StoreSpec, limits: Limits) -> None:
        self.spec = spec
        self.limits = limits
        self.store = spec.open()
        self.dg = Dealgraph(self.store)
        self._jobs: dict[str, Callable[..., Any]] = {
            "sparql": self.sparql,
            "update": self.update,
            "resource": self.resource,
            "query_page": self.query_page,
            "query_iris": self.query_iris,
            "graph": self.graph,
            "ping": self.ping,
        }

    def close(self) -> None:
        self.store.close()

    def refresh(self) -> None:
        """Move to the newest snapshot of an embedded store (new writes become visible)."""
        if isinstance(self.store, EmbeddedStore) and self.store.snapshot is not None:
            self.store.refresh()

    def run(self, job: str, args: Mapping[str, Any]) -> Any:
        """Run one job; a :class:`DealgraphError` becomes a :class:`Failure`."""
        try:
            self.refresh()
            return self._jobs[job](**args)
        except DealgraphError as exc:
            return Failure(status_of(exc), str(exc))

    # -- answering queries ---------------------------------------------------------------------

    def answer(
        self,
        text: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> tuple[str, list[str], Any]:
        """``(kind, variables, items)``: ``select`` with an iterator of rows, ``ask`` with a
        bool, ``graph`` with an iterator of triples. Embedded stores answer lazily (the cap
        stops reading), remote stores with what the server sent."""
        evaluate = getattr(self.store, "evaluate", None)
        if evaluate is not None:
            r = evaluate(text, default_graph=default_graphs, named_graphs=named_graphs)
            if isinstance(r, ox.QueryBoolean):
                return "ask", [], bool(r)
            if isinstance(r, ox.QuerySolutions):
                return "select", [v.value for v in r.variables], _rows(r)
            return "graph", [], _triples(r)
        if default_graphs is not None or named_graphs is not None:
            raise RequestError(
                "default-graph-uri and named-graph-uri are not supported when serving a remote "
                "store; name the graphs in the query (FROM, FROM NAMED, GRAPH)"
            )
        qr: QueryResult = self.store.query(text)
        if qr.kind == "ask":
            return "ask", [], bool(qr.boolean)
        if qr.kind == "select":
            return "select", qr.variables, iter(qr.rows)
        return "graph", [], iter(qr.triples)

    def sparql(
        self,
        text: str,
        solution_type: str | None,
        graph_type: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Reply | Failure:
        """A protocol query, written in the media type negotiated for its form."""
        kind, variables, items = self.answer(text, default_graphs, named_graphs)
        wanted = graph_type if kind == "graph" else solution_type
        if wanted is None:
            offers = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
            return Failure(
                406,
                f"none of the media types in Accept can carry the answer to this query; "
                f"offered: {', '.join(dict.fromkeys(MEDIA_OF[f] for f in offers.values()))}",
            )
        cap = self.limits.max_results
        if kind == "ask":
            body = write_boolean(SOLUTION_TYPES[wanted], items)
        elif kind == "select":
            body = write_solutions(SOLUTION_TYPES[wanted], variables, items, cap)
        else:
            body = write_graph(GRAPH_TYPES[wanted], items, cap)
        return Reply(200, wanted, body)

    def update(self, text: str) -> Reply:
        check_remote(text, "update", self.limits.allow_service, self.limits.allow_load)
        self.store.update(text)
        return Reply(204, "text/plain", b"")

    def ping(self) -> str:
        return self.store.generation() or ""

    # -- pages ---------------------------------------------------------------------------------

    def resource(self, path: str, base: str, rdf_type: str | None = None) -> Reply | Failure:
        """The page (or, with ``rdf_type``, the RDF) of the instance IRI at ``/id/PATH``."""
        iri = pages.iri_of_path(path)
        if iri is None:
            return Failure(404, f"/id/{path} is not the path of a dealgraph IRI")
        if rdf_type is not None:
            triples = pages.describe(self.store, iri, self.limits.max_results)
            if not triples:
                return Failure(404, f"nothing is known about <{iri}> in this store")
            return Reply(200, rdf_type, write_graph(GRAPH_TYPES[rdf_type], triples, len(triples)))
        st = pages.statements(self.store, iri)
        if not st.outgoing and not st.incoming:
            return Reply(404, "text/html", pages.not_found_page(iri, base).encode())
        g = self.dg.graph()
        kind = g.nodes[iri].get("kind") if iri in g else None
        if kind == "entity":
            page = pages.entity_page(g, iri, st, base)
        elif kind == "fact":
            page = pages.fact_page(g, iri, st, base)
        elif DG + "Article" in st.types():
            page = pages.article_page(g, iri, st, pages.article_spans(self.store, iri), base)
        else:
            page = pages.resource_page(g, iri, st, base)
        return Reply(200, "text/html", page.encode())

    def _prepared(self, query: str | None, named: str | None, params: Mapping[str, str]) -> str:
        if named:
            if named not in load_named_queries():
                raise InputError(f"no named query {named!r}")
            text, _ = prepare(self.store, named, params)
        elif query and query.strip():
            text = query
        else:
            raise RequestError("give a query (query=...) or a named query (named=...)")
        check_remote(text, "query", self.limits.allow_service, self.limits.allow_load)
        return text

    def query_page(
        self,
        base: str,
        query: str | None = None,
        named: str | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Reply:
        """The query page with the answer (or the error) of a query or a named query."""
        params = dict(params or {})
        nq = load_named_queries().get(named or "")
        text = query or (nq.text if nq else "")
        try:
            text = self._prepared(query, named, params)
            kind, variables, items = self.answer(text)
            cap = self.limits.max_results
            if kind == "select":
                items = list(capped(items, cap))
            elif kind == "graph":
                items = list(capped(items, cap, "triples"))
            result = pages.result_of(kind, variables, items, base)
        except DealgraphError as exc:
            status = status_of(exc)
            page = pages.query_page(
                base, text=text, named=nq, params=params, error=(status, str(exc))
            )
            return Reply(status, "text/html", page.encode())
        graph_args = (
            ({"named": nq.name, **params} if nq else {"query": text}) if result.has_iris else None
        )
        page = pages.query_page(
            base,
            text=text,
            named=nq,
            params=params,
            result=result,
            graph_args=graph_args,
            endpoint_args={"query": text},
        )
        return Reply(200, "text/html", page.encode())

    def query_iris(
        self,
        query: str | None = None,
        named: str | None = None,
        params: Mapping[str, str] | None = None,
    ) -> list[str]:
        """The distinct IRIs in the answer to a query, in order of appearance."""
        text = self._prepared(query, named, dict(params or {}))
        kind, _, items = self.answer(text)
        found: dict[str, None] = {}
        cap = self.limits.max_results
        if kind == "select":
            for row in capped(items, cap):
                found.update((t.value, None) for t in row if isinstance(t, ox.NamedNode))
        elif kind == "graph":
            for t in capped(items, cap, "triples"):
                for x in (t.subject, t.object):
                    if isinstance(x, ox.NamedNode):
                        found[x.value] = None
        return list(found)

    def graph(self, base: str, iris: list[str] | None = None, focus: str | None = None) -> Reply:
        """A graph view: of the IRIs of an answer, or around one entity or fact (``focus``)."""
        g = self.dg.graph()
        if focus is not None:
            if focus not in g:
                return self._no_graph(
                    base, f"{compact(focus)} is not an entity or a fact of this store."
                )
            if g.nodes[focus].get("kind") == "fact":
                sub = pages.fact_graph(g, focus)
            else:
                sub = self.dg.neighbors(focus, 1).subgraph()
            sub, notice = pages.trim(sub, [focus])
            title = str(g.nodes[focus].get("label", compact(focus)))
        else:
            sub, named = pages.result_graph(g, iris or [])
            if not named:
                return self._no_graph(
                    base,
                    "The answer names no entity or fact of this store, so there is nothing to draw.",
                )
            sub, notice = pages.trim(sub, named)
            title = "Query result"
        view = render_view(sub, title=title, notice=notice)
        return Reply(200, "text/html", view.html.encode())

    def _no_graph(self, base: str, message: str) -> Reply:
        return Reply(404, "text/html", pages.empty_graph_page(base, message).encode())


# ------------------------------------------------------------------------------------------------
# The worker process
# ------------------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG), so that no
    worker outlives a server that was killed; elsewhere the pipe's EOF ends it when idle."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def worker_main(conn: Connection, spec: StoreSpec, limits: Limits) -> None:
    """The loop of a worker process: open the store, say ``ready``, answer jobs until the pipe
    closes. Messages are pickles (the pipe joins two processes of the same server)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which stops us
    try:
        worker = Worker(spec, limits)
    except DealgraphError as exc:
        conn.send_bytes(pickle.dumps(Failure(status_of(exc), str(exc))))
        return
    conn.send_bytes(pickle.dumps(("ready", os.getpid())))
    try:
        while True:
            try:
                data = conn.recv_bytes()
            except (EOFError, OSError):
                break
            job, args = pickle.loads(data)
            answer = pickle.dumps(worker.run(job, args), protocol=pickle.HIGHEST_PROTOCOL)
            conn.send_bytes(struct.pack("!Q", len(answer)))  # the size first: the server
            conn.send_bytes(answer)  # reads a large answer in a thread, a small one at once
    finally:
        worker.close()
