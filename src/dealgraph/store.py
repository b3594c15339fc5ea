"""Where the graph lives: an embedded Oxigraph store on disk by default.

:class:`GraphStore` is the small surface every other module uses: replace article graphs in one
transaction, run SPARQL over the union of graphs, list graphs, count quads. :func:`open_store`
picks the implementation from the location (a directory, the ``DEALGRAPH_STORE`` variable, or
the default ``./dealgraph-data``).

Loading an article again replaces its graph: nothing is ever added twice.

>>> import tempfile
>>> from dealgraph.seed import seed_sheet
>>> from dealgraph.rdf import sheet_quads
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as store:
...     report = store.replace_graphs(sheet_quads(seed_sheet()))
...     again = store.replace_graphs(sheet_quads(seed_sheet()))
...     (report.quads_after == again.quads_after, store.ask("ASK { ?a dg:contractsWith ?b }"))
(True, True)
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from .errors import InputError, QueryError, StoreError, StoreLockedError
from .namespaces import PREFIXES
from .rdf import Quad, term_nt

DEFAULT_STORE = "dealgraph-data"
ENV_STORE = "DEALGRAPH_STORE"

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class QueryResult:
    """The answer to a SPARQL query, the same whatever the store.

    ``kind`` is ``select`` (``variables`` and ``rows``), ``ask`` (``boolean``) or ``graph``
    (CONSTRUCT / DESCRIBE: ``triples``). Terms are pyoxigraph terms.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as dicts from variable name to term, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def values(self, variable: str) -> list[str]:
        """The string values of one column (IRIs, lexical forms), unbound ones skipped."""
        i = self.variables.index(variable)
        return [row[i].value for row in self.rows if row[i] is not None]  # type: ignore[union-attr]

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


@dataclass(frozen=True)
class LoadReport:
    graphs: list[str]
    replaced: list[str]
    quads_added: int
    quads_before: int
    quads_after: int


def language(term: Term | None) -> str:
    """The language tag of a literal, ``""`` for anything else."""
    return (term.language or "") if isinstance(term, ox.Literal) else ""


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


class GraphStore(ABC):
    """The operations dealgraph needs from a store."""

    location: str

    @abstractmethod
    def replace_graphs(self, quads: Iterable[Quad]) -> LoadReport:
        """Replace every graph named in ``quads`` by exactly those quads, in one transaction."""

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs; common prefixes are predeclared."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The names of the stored graphs."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    def generation(self) -> str | None:
        """A token that changes whenever the store's content changes, for caches built from it
        (the graph projection). ``None`` means "unknown": do not cache."""
        return None

    def ask(self, sparql: str) -> bool:
        result = self.query(sparql)
        if result.kind != "ask" or result.boolean is None:
            raise QueryError("expected an ASK query")
        return result.boolean

    def close(self) -> None:  # noqa: B027 - optional for implementations
        """Release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _syntax_error(exc: SyntaxError, sparql: str) -> QueryError:
    """The parser's message with line and column, and the offending line shown."""
    import re

    message = str(exc)
    m = re.search(r"(\d+):(\d+)", message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        lines = sparql.splitlines()
        if 1 <= line <= len(lines):
            src = lines[line - 1]
            caret = " " * max(col - 1, 0) + "^"
            message = f"{message} (line {line}, column {col})\n    {src}\n    {caret}"
    return QueryError(f"bad SPARQL: {message}")


class EmbeddedStore(GraphStore):
    """A pyoxigraph store in a directory: transactional, no server."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.location = str(path)
        p = Path(path)
        if p.exists() and not p.is_dir():
            raise InputError(
                f"store {self.location} is a file, not a directory; give a directory with --store"
            )
        if read_only and not (p / "CURRENT").exists():
            raise InputError(
                f"no store at {self.location}; load something first (dealgraph demo or dealgraph load)"
            )
        if not read_only:
            try:
                p.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreLockedError(
                    f"cannot create the store directory {self.location}: {exc.strerror}; "
                    "choose a writable directory with --store"
                ) from None
        try:
            self._store = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
        except PermissionError as exc:
            raise StoreLockedError(
                f"cannot write the store at {self.location}: {exc.strerror}; "
                "choose a writable directory with --store"
            ) from None
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLockedError(
                    f"the store at {self.location} is in use by another process; "
                    "wait for it to finish, or give another directory with --store"
                ) from None
            if "permission" in text.lower() or "read-only" in text.lower():
                raise StoreLockedError(
                    f"cannot write the store at {self.location}: {text}; choose a writable directory with --store"
                ) from None
            raise StoreError(f"cannot open the store at {self.location}: {text}") from None
        self.read_only = read_only

    def replace_graphs(self, quads: Iterable[Quad]) -> LoadReport:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")
        by_graph: dict[str, list[str]] = {}
        for s, p, o, g in quads:
            by_graph.setdefault(str(g), []).append(f"{term_nt(s)} {term_nt(p)} {term_nt(o)} .")
        before = len(self._store)
        existing = {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}
        self._bump_generation()  # before the write: a crash afterwards still invalidates caches
        parts = []
        for graph, lines in by_graph.items():
            parts.append(f"DROP SILENT GRAPH <{graph}> ;")
            parts.append(
                f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(sorted(set(lines))) + "\n} } ;"
            )
        if parts:
            update = "\n".join(parts).rstrip(" ;")
            try:
                self._store.update(update)
            except (OSError, SyntaxError) as exc:  # SyntaxError: a term the mapping should not make
                raise StoreError(
                    f"writing to the store at {self.location} failed, nothing was written: {exc}"
                ) from None
            self._store.flush()
            self._bump_generation()
        after = len(self._store)
        graphs = sorted(by_graph)
        return LoadReport(
            graphs=graphs,
            replaced=[g for g in graphs if g in existing],
            quads_added=sum(len(set(v)) for v in by_graph.values()),
            quads_before=before,
            quads_after=after,
        )

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        update = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
        if update:
            self._bump_generation()
            self._store.update(update)
            self._bump_generation()

    _GENERATION_FILE = "dealgraph-generation"

    def generation(self) -> str | None:
        """``<counter>-<quads>``: the counter in a file beside the data goes up around every
        write, so a crash between the write and the bump can never leave a stale token."""
        try:
            counter = (Path(self.location) / self._GENERATION_FILE).read_text().strip()
        except FileNotFoundError:
            counter = "0"
        return f"{counter}-{len(self._store)}"

    def _bump_generation(self) -> None:
        from ._yaml import atomic_write_text

        path = Path(self.location) / self._GENERATION_FILE
        try:
            counter = int(path.read_text().strip() or 0)
        except (FileNotFoundError, ValueError):
            counter = 0
        atomic_write_text(path, f"{counter + 1}\n")

    def query(self, sparql: str) -> QueryResult:
        try:
            result = self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise _syntax_error(exc, sparql) from None
        except OSError as exc:
            raise StoreError(f"reading the store at {self.location} failed: {exc}") from None
        return _result(result)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if hasattr(self, "_store"):
            if not self.read_only:
                self._store.flush()
            del self._store


def _plain(term: Any) -> Term | None:
    """Query terms as dealgraph uses them: an RDF-star triple term becomes its N-Triples text."""
    if term is None or isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    return ox.Literal(str(term))


def _result(result: Any) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [tuple(_plain(sol[v]) for v in variables) for sol in result]
        return QueryResult(kind="select", variables=variables, rows=rows)
    return QueryResult(kind="graph", triples=list(result))


def store_location(location: str | os.PathLike[str] | None = None) -> str:
    """The store to use: the one given, else ``$DEALGRAPH_STORE``, else ``./dealgraph-data``."""
    if location:
        return str(location)
    return os.environ.get(ENV_STORE) or DEFAULT_STORE


def open_store(
    location: str | os.PathLike[str] | None = None, read_only: bool = False
) -> GraphStore:
    """Open the store at ``location`` (see :func:`store_location`)."""
    loc = store_location(location)
    if loc.startswith(("http://", "https://")):
        raise InputError(
            f"{loc}: remote SPARQL stores are not supported yet; give a directory for the embedded store"
        )
    return EmbeddedStore(loc, read_only=read_only)
