"""Where the graph lives: one small store interface, three implementations.

:class:`GraphStore` is everything load, ingest, query, trace, view, validate and serve need:

======================  ==========================================================================
``replace_graphs``      replace every graph named in the quads by exactly those quads
``remove_graphs``       drop article graphs
``load_nquads``         bulk-load N-Quads files or shards, replacing the graphs they name
``query`` / ``ask``     SPARQL over the union of the graphs, common prefixes predeclared
``graphs`` / ``len``    the graph names, the number of quads
``dump``                stream every quad as N-Quads
``stats``               quads, graphs, size on disk, generation
``generation``          a token that changes with every write (``None``: unknown, do not cache)
``close``               release the store (also on leaving a ``with`` block)
======================  ==========================================================================

The implementations:

- :class:`EmbeddedStore` (the default): pyoxigraph on disk, no server;
- :class:`MemoryStore` (``:memory:``): pyoxigraph in memory, for small uses and tests;
- :class:`dealgraph.remote.RemoteStore` (``http(s)://...``): any SPARQL 1.1 Query, Update and
  Graph Store Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso, ...).

:func:`open_store` picks one from the location. Every store keeps each article in a named graph
of its own, and loading an article again replaces its graph: nothing is ever added twice.

>>> from dealgraph.seed import seed_sheet
>>> from dealgraph.rdf import sheet_quads
>>> with open_store(":memory:") as store:
...     report = store.replace_graphs(sheet_quads(seed_sheet()))
...     again = store.replace_graphs(sheet_quads(seed_sheet()))
...     (report.quads_after == again.quads_after, store.ask("ASK { ?a dg:contractsWith ?b }"))
(True, True)
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypeVar, cast

import pyoxigraph as ox
from rdflib import Literal, URIRef

from .errors import InputError, QueryError, StoreError, StoreLockedError
from .namespaces import ID, PREFIXES
from .rdf import Quad, term_nt

DEFAULT_STORE = "dealgraph-data"
ENV_STORE = "DEALGRAPH_STORE"
MEMORY = ":memory:"

#: The graph where a remote store keeps its generation token; never an article graph.
META_GRAPH = ID + "store-meta"

Term = ox.NamedNode | ox.BlankNode | ox.Literal

#: Called with the number of bytes read since the last call, for progress bars.
Progress = Callable[[int], None]

#: Something N-Quads can be read from: a path (``.gz`` is decompressed) or a binary stream.
NQuadsSource = str | os.PathLike[str] | IO[bytes]


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
    """What a write did: the graphs written (``replaced``: those that existed before) and the
    quad counts. ``quads_added`` counts distinct quads written."""

    graphs: list[str]
    replaced: list[str]
    quads_added: int
    quads_before: int
    quads_after: int
    #: seconds spent compacting the store after the write (:func:`compact_after`), if it was
    optimized: float | None = None

    @classmethod
    def of_replace(
        cls, by_graph: Mapping[str, Sized], existing: Container[str], before: int, after: int
    ) -> LoadReport:
        """The report of ``replace_graphs``: ``by_graph`` the quads written to each graph,
        ``existing`` the graphs that were there before."""
        graphs = sorted(by_graph)
        return cls(
            graphs=graphs,
            replaced=[g for g in graphs if g in existing],
            quads_added=sum(len(v) for v in by_graph.values()),
            quads_before=before,
            quads_after=after,
        )


@dataclass(frozen=True)
class StoreStats:
    """Store-level figures (the domain counts are :func:`dealgraph.pipeline.summarize`'s).

    ``disk_bytes`` is the size of the embedded store's directory (``None`` elsewhere);
    ``snapshots_bytes`` the extra space its read-only snapshots hold.
    """

    kind: str
    location: str
    quads: int
    graphs: int
    generation: str | None
    read_only: bool
    disk_bytes: int | None = None
    snapshots: int = 0
    snapshots_bytes: int | None = None
    details: dict[str, str] = field(default_factory=dict)


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


def group_by_graph(quads: Iterable[Quad]) -> dict[str, set[str]]:
    """The quads as N-Triples statements (``<s> <p> <o> .``) per graph IRI, duplicates merged."""
    by_graph: dict[str, set[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), set()).add(f"{term_nt(s)} {term_nt(p)} {term_nt(o)} .")
    return by_graph


def replace_update(by_graph: dict[str, set[str]] | dict[str, list[str]], drop: bool = True) -> str:
    """One SPARQL UPDATE that replaces each graph by its statements (``DROP SILENT GRAPH`` then
    ``INSERT DATA``); with ``drop=False`` it only adds them.

    >>> print(replace_update({"http://g": {'<http://s> <http://p> "o" .'}}))
    DROP SILENT GRAPH <http://g> ;
    INSERT DATA { GRAPH <http://g> {
    <http://s> <http://p> "o" .
    } }
    """
    parts = []
    for graph, lines in by_graph.items():
        if drop:
            parts.append(f"DROP SILENT GRAPH <{graph}> ;")
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(sorted(lines)) + "\n} } ;")
    return "\n".join(parts).rstrip(" ;")


class GraphStore(ABC):
    """The operations dealgraph needs from a store (see the module docstring)."""

    location: str
    kind: str = "store"
    read_only: bool = False

    # -- writing -------------------------------------------------------------------------------

    @abstractmethod
    def replace_graphs(self, quads: Iterable[Quad]) -> LoadReport:
        """Replace every graph named in ``quads`` by exactly those quads, in one transaction."""

    @abstractmethod
    def remove_graphs(self, graphs: Iterable[str]) -> list[str]:
        """Drop the named graphs; return those that existed."""

    @abstractmethod
    def load_nquads(
        self, sources: Iterable[NQuadsSource], progress: Progress | None = None
    ) -> LoadReport:
        """Bulk-load N-Quads (files, ``.gz`` files, binary streams): every graph named in them
        is replaced by exactly the quads the sources give it, so loading again, or loading the
        shards of an interrupted run again, never duplicates anything.

        All sources are read once to check them before anything is written: a syntax error or
        a triple outside any named graph raises :class:`InputError` and leaves the store as it
        was. The write itself is *not* one transaction (see each implementation); ``progress``
        is called with the bytes read, twice over the input (check, then load).
        """

    # -- reading -------------------------------------------------------------------------------

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs; common prefixes are predeclared."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The names of the stored article graphs, sorted."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads in the article graphs."""

    @abstractmethod
    def dump(self, out: IO[bytes]) -> int:
        """Write every quad of the article graphs to ``out`` as N-Quads; return how many."""

    def stats(self) -> StoreStats:
        """Store-level figures: quads, graphs, generation (and size on disk where known)."""
        return StoreStats(
            kind=self.kind,
            location=self.location,
            quads=len(self),
            graphs=len(self.graphs()),
            generation=self.generation(),
            read_only=self.read_only,
        )

    def generation(self) -> str | None:
        """A token that changes whenever the store's content changes, for caches built from it
        (the graph projection). ``None`` means "unknown": do not cache."""
        return None

    def optimize(self) -> bool:
        """Reorganise the store's files so that reads are faster, where the store has such a
        step; the content does not change. Returns whether anything was done (the embedded
        store compacts; a server manages its own files)."""
        return False

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as written (``dealgraph serve --allow-update``), in one
        transaction where the store has them; the store's generation changes. Stores that take
        no updates raise :class:`StoreError`."""
        raise StoreError(f"the store at {self.location} does not take SPARQL updates")

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

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"the store at {self.location} is open read-only; open it without read_only to write"
            )


def syntax_error(message: str, sparql: str) -> QueryError:
    """The parser's message with line and column, and the offending line shown."""
    m = re.search(r"(\d+):(\d+)", message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        lines = sparql.splitlines()
        if 1 <= line <= len(lines):
            src = lines[line - 1]
            caret = " " * max(col - 1, 0) + "^"
            message = f"{message} (line {line}, column {col})\n    {src}\n    {caret}"
    return QueryError(f"bad SPARQL: {message}")


def check_sparql(sparql: str) -> QueryError | None:
    """Parse ``sparql`` with Oxigraph's parser (on an empty in-memory store, nothing is
    evaluated until results are read) and return its error, so every store reports bad SPARQL
    the same way; ``None`` when it parses."""
    try:
        ox.Store().query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        return syntax_error(str(exc), sparql)
    except (OSError, ValueError, RuntimeError):
        return None
    return None


# ------------------------------------------------------------------------------------------------
# Reading N-Quads sources
# ------------------------------------------------------------------------------------------------


class _Counting(io.RawIOBase):
    """A binary stream that reports how many bytes were read through it."""

    def __init__(self, raw: IO[bytes], progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if n:
            self._progress(n)
        return n


def source_name(source: NQuadsSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return str(source)
    return str(getattr(source, "name", "<stream>"))


def source_size(source: NQuadsSource) -> int | None:
    """The size in bytes of a file source (compressed size for ``.gz``), for progress totals."""
    if isinstance(source, (str, os.PathLike)):
        with contextlib.suppress(OSError):
            return Path(source).stat().st_size
    return None


@contextlib.contextmanager
def open_nquads(source: NQuadsSource, progress: Progress | None = None) -> Iterator[IO[bytes]]:
    """Open an N-Quads source for reading: a path (gzip-decompressed when it ends in ``.gz``)
    or a binary stream, counting the bytes read (before decompression) into ``progress``."""
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            path = Path(source)
            if path.is_dir():
                raise InputError(f"{path} is a folder; give N-Quads files (.nq or .nq.gz)")
            try:
                raw: IO[bytes] = stack.enter_context(open(path, "rb"))
            except FileNotFoundError:
                raise InputError(f"{path}: no such file") from None
            gz = path.name.endswith(".gz")
        else:
            raw = source
            gz = False
        stream: IO[bytes] = raw
        if progress is not None:
            stream = io.BufferedReader(_Counting(raw, progress), buffer_size=1 << 20)
        if gz:
            stream = stack.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[arg-type]
        yield stream


@contextlib.contextmanager
def replayable(sources: Iterable[NQuadsSource]) -> Iterator[list[NQuadsSource]]:
    """The sources, each readable twice (check, then load): a stream is copied to a temporary
    file first; paths stay as they are."""
    with contextlib.ExitStack() as stack:
        out: list[NQuadsSource] = []
        for source in sources:
            if isinstance(source, (str, os.PathLike)):
                out.append(source)
                continue
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="dealgraph-"))
            path = Path(tmp) / Path(source_name(source)).name.replace("<stream>", "stream.nq")
            with open(path, "wb") as fh:
                shutil.copyfileobj(source, fh, 1 << 20)
            out.append(path)
        yield out


def _parse_error(
    source: NQuadsSource, exc: SyntaxError | ValueError | OSError | EOFError
) -> InputError:
    line = getattr(exc, "lineno", None)
    where = f"{source_name(source)}:{line}" if line else source_name(source)
    text = re.sub(r" \(line \d+\)$", "", str(exc))
    if isinstance(exc, (gzip.BadGzipFile, EOFError)) or "gzip" in text.lower():
        return InputError(f"{where}: not a complete gzip file ({text}); give .nq or .nq.gz files")
    return InputError(
        f"{where}: not valid N-Quads: {text}; fix the file (one `<s> <p> <o> <graph> .` per line) "
        "and load it again: nothing was written"
    )


def iter_nquads(source: NQuadsSource, progress: Progress | None = None) -> Iterator[ox.Quad]:
    """The quads of one N-Quads source, with clear errors for malformed input."""
    with open_nquads(source, progress) as stream:
        try:
            yield from ox.parse(input=stream, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError, gzip.BadGzipFile, EOFError) as exc:
            raise _parse_error(source, exc) from None


_T = TypeVar("_T")

#: What :func:`per_store_state` keeps: per open store, the generation and the value built at it.
StateMemo = weakref.WeakKeyDictionary["GraphStore", tuple[str, _T]]


def per_store_state(memo: StateMemo[_T], store: GraphStore, build: Callable[[], _T]) -> _T:
    """``build()``, once per store state: kept in ``memo`` with the store object until the
    store's generation changes (a store whose generation is unknown builds every time)."""
    generation = store.generation()
    if generation is None:
        return build()
    hit = memo.get(store)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = build()
    memo[store] = (generation, value)
    return value


#: From this many bytes of input on, :func:`scan_nquads` parses on a pool of processes.
PARALLEL_CHECK_BYTES = 32 << 20


def scan_nquads(
    sources: Iterable[NQuadsSource],
    progress: Progress | None = None,
    processes: int | None = None,
) -> set[str]:
    """Check N-Quads sources and return the graphs they name.

    Raises :class:`InputError` for a syntax error (file and line) or a triple outside any
    named graph: dealgraph keeps every triple in the named graph of its article. Files of
    :data:`PARALLEL_CHECK_BYTES` and more in all are parsed on ``processes`` worker processes
    (default: one per usable core), a large plain file in pieces cut at line ends: the same
    answer and errors, in about half the time on two cores.
    """
    sources = list(sources)
    workers = processes or _usable_cores()
    paths = [s for s in sources if isinstance(s, (str, os.PathLike))]
    if workers > 1 and len(paths) == len(sources):
        sizes = [source_size(s) or 0 for s in paths]
        if sum(sizes) >= PARALLEL_CHECK_BYTES:
            return _scan_in_processes([str(p) for p in paths], sizes, workers, progress)
    graphs: set[str] = set()
    last: Any = None
    for source in sources:
        for q in iter_nquads(source, progress):
            g = q.graph_name
            if g == last:
                continue
            last = g
            if not isinstance(g, ox.NamedNode):
                raise InputError(
                    f"{source_name(source)}: the quad `{q}` has no named graph; dealgraph keeps "
                    "every triple in the named graph of its article (write N-Quads with a "
                    "fourth term): nothing was written"
                )
            graphs.add(g.value)
    graphs.discard(META_GRAPH)
    return graphs


def _usable_cores() -> int:
    """The cores this process may run on (all of them where the system cannot say)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _check_piece(piece: Any) -> Any:
    """Parse one piece in a process of its own (``python -m dealgraph.nqcheck``)."""
    from . import nqcheck

    argv = [sys.executable, "-m", "dealgraph.nqcheck", piece.path, str(piece.start)]
    argv += [str(piece.end), "1" if piece.gz else "0"]
    # this very dealgraph, however the caller found it (sys.path changed at run time, say)
    here = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise StoreError(f"checking {piece.path} failed: {done.stderr.strip()[-500:]}")
    return nqcheck.PieceResult(**json.loads(done.stdout))


def _scan_in_processes(
    paths: list[str], sizes: list[int], workers: int, progress: Progress | None
) -> set[str]:
    import concurrent.futures

    from . import nqcheck

    pieces: list[nqcheck.Piece] = []
    share = max(sum(sizes) // workers, 1)
    for path, size in zip(paths, sizes, strict=True):
        if Path(path).is_dir():
            raise InputError(f"{path} is a folder; give N-Quads files (.nq or .nq.gz)")
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
        if path.endswith(".gz"):
            pieces.append(nqcheck.Piece(path, 0, size, gz=True))
        else:
            pieces += nqcheck.split(path, size, max(1, min(workers, round(size / share))))
    graphs: set[str] = set()
    if not pieces:  # empty files
        return graphs
    with concurrent.futures.ThreadPoolExecutor(min(workers, len(pieces))) as pool:
        for piece, found in zip(pieces, pool.map(_check_piece, pieces), strict=True):
            if found.error is not None or found.default_quad is not None:
                pool.shutdown(cancel_futures=True)
            if found.gzip_error:
                raise _parse_error(piece.path, EOFError(found.error))
            if found.error is not None:
                before = nqcheck.lines_before(piece.path, piece.start) if piece.start else 0
                exc = SyntaxError(nqcheck.shift_lines(found.error, before))
                exc.lineno = found.error_line + before if found.error_line else None
                raise _parse_error(piece.path, exc)
            if found.default_quad is not None:
                raise InputError(
                    f"{piece.path}: the quad `{found.default_quad}` has no named graph; dealgraph "
                    "keeps every triple in the named graph of its article (write N-Quads with a "
                    "fourth term): nothing was written"
                )
            graphs.update(found.graphs)
            if progress is not None:
                progress(piece.end - piece.start)
    graphs.discard(META_GRAPH)
    return graphs


#: A write of at least this many quads, and a tenth of the store, is followed by a compaction.
COMPACT_AFTER_QUADS = 100_000


def compact_after(store: GraphStore, written: int, total: int) -> float | None:
    """Compact ``store`` (:meth:`GraphStore.optimize`) after a large write: ``written`` quads
    of the ``total`` it now holds. Returns the seconds it took, or ``None`` when the write was
    small (a full compaction costs time in proportion to the whole store) or the store has no
    such step.

    Oxigraph's bulk loader leaves files whose key ranges overlap; compacting them (1.7 s for a
    million quads) makes the named queries about 30 % faster on the loaded store.
    """
    if written < max(COMPACT_AFTER_QUADS, total // 10):
        return None
    return compact(store)


def compact(store: GraphStore) -> float | None:
    """Compact the store for faster reads (:meth:`GraphStore.optimize`): the seconds it took,
    or ``None`` when the store has no such step (a server, memory)."""
    start = time.perf_counter()
    return time.perf_counter() - start if store.optimize() else None


class _CountingWriter(io.RawIOBase):
    """Passes bytes through to ``out``, counting lines (one quad per N-Quads line)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        b = bytes(data)
        self.lines += b.count(b"\n")
        self._out.write(b)
        return len(b)


# ------------------------------------------------------------------------------------------------
# Oxigraph stores: embedded (on disk) and in memory
# ------------------------------------------------------------------------------------------------


class _OxigraphStore(GraphStore):
    """What the embedded and the in-memory store share: a ``pyoxigraph.Store``."""

    _store: ox.Store

    def _before_write(self) -> None:
        """Called before every write (the embedded store bumps its generation here)."""

    def _after_write(self) -> None:
        """Called after every successful write."""

    def replace_graphs(self, quads: Iterable[Quad]) -> LoadReport:
        """One SPARQL UPDATE (``DROP SILENT GRAPH`` + ``INSERT DATA`` per graph), which
        Oxigraph runs as one transaction: all graphs are replaced, or none."""
        self._check_writable()
        by_graph = group_by_graph(quads)
        before = len(self)
        existing = set(self._named_graphs())
        self._before_write()
        if by_graph:
            try:
                self._store.update(replace_update(by_graph))
            except (OSError, SyntaxError) as exc:  # SyntaxError: a term the mapping should not make
                raise StoreError(
                    f"writing to the store at {self.location} failed, nothing was written: {exc}"
                ) from None
            self._after_write()
        return LoadReport.of_replace(by_graph, existing, before, len(self))

    def remove_graphs(self, graphs: Iterable[str]) -> list[str]:
        """One transaction: every graph is dropped, or none."""
        self._check_writable()
        existing = set(self._named_graphs())
        wanted = sorted(set(graphs))
        update = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in wanted)
        if update:
            self._before_write()
            try:
                self._store.update(update)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"removing graphs from {self.location} failed: {exc}") from None
            self._after_write()
        return [g for g in wanted if g in existing]

    def load_nquads(
        self, sources: Iterable[NQuadsSource], progress: Progress | None = None
    ) -> LoadReport:
        """Check the sources, drop the graphs they name that exist (all at once when they are
        every graph of the store, else one by one), then ``bulk_load`` each source (Oxigraph's
        fast loader, not transactional).

        An interruption during the bulk load leaves some of the named graphs empty or partly
        loaded (never duplicated); loading the same sources again finishes the job.
        """
        self._check_writable()
        with replayable(sources) as files:
            return self._load_files(files, progress)

    def _load_files(self, sources: list[NQuadsSource], progress: Progress | None) -> LoadReport:
        named = scan_nquads(sources, progress)
        before = len(self)
        existing = set(self._named_graphs())
        replaced = sorted(named & existing)
        dropped = self._quads_in(replaced)
        self._before_write()
        if replaced and existing <= named:
            self._store.clear()  # every graph is replaced: dropping the lot is instant
        else:
            for g in replaced:  # one small transaction each: faster than one big one
                self._store.remove_graph(ox.NamedNode(g))
        for source in sources:
            with open_nquads(source, progress) as stream:
                try:
                    self._store.bulk_load(input=stream, format=ox.RdfFormat.N_QUADS)
                except (SyntaxError, ValueError) as exc:  # changed since it was checked
                    raise _parse_error(source, exc) from None
                except OSError as exc:
                    raise StoreError(
                        f"bulk loading {source_name(source)} into {self.location} failed: {exc}; "
                        "load the same files again to finish"
                    ) from None
        if self._store.contains_named_graph(ox.NamedNode(META_GRAPH)):
            self._store.remove_graph(ox.NamedNode(META_GRAPH))
        self._after_write()
        after = len(self)
        return LoadReport(
            graphs=sorted(named),
            replaced=replaced,
            quads_added=after - (before - dropped),
            quads_before=before,
            quads_after=after,
        )

    def _quads_in(self, graphs: list[str]) -> int:
        if not graphs:
            return 0
        values = " ".join(f"<{g}>" for g in graphs)
        r = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        return int(r.rows[0][0].value) if r.rows and r.rows[0][0] is not None else 0

    def query(self, sparql: str) -> QueryResult:
        try:
            result = self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
            return query_result(result)
        except SyntaxError as exc:
            raise syntax_error(str(exc), sparql) from None
        except OSError as exc:
            raise StoreError(f"reading the store at {self.location} failed: {exc}") from None

    def evaluate(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """pyoxigraph's own lazy answer to a query, for streaming it with a cap (the HTTP
        endpoint). Over the union of the graphs, or over the dataset the SPARQL protocol names
        (``default_graph``: the graphs merged into the default graph; ``named_graphs``: the
        graphs ``GRAPH`` may see). Rows are read, and may fail, while iterating."""
        dataset: dict[str, Any] = {}
        if default_graph is not None:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=default_graph is None,
                **dataset,
            )
        except SyntaxError as exc:
            raise syntax_error(str(exc), sparql) from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"the query failed on the store at {self.location}: {exc}") from None

    def update(self, sparql: str) -> None:
        """One SPARQL UPDATE, one Oxigraph transaction (all of it or nothing); the common
        prefixes are predeclared, as for queries."""
        self._check_writable()
        self._before_write()
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise syntax_error(str(exc), sparql) from None
        except (OSError, ValueError) as exc:
            raise StoreError(
                f"the update failed on the store at {self.location}, nothing was written: {exc}"
            ) from None
        self._after_write()

    def _named_graphs(self) -> Iterator[str]:
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value != META_GRAPH:
                yield g.value

    def graphs(self) -> list[str]:
        return sorted(self._named_graphs())

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, out: IO[bytes]) -> int:
        """Oxigraph's own N-Quads serialiser, streamed to ``out``."""
        counter = _CountingWriter(out)
        try:
            self._store.dump(cast(IO[bytes], counter), format=ox.RdfFormat.N_QUADS)
        except OSError as exc:
            raise StoreError(f"dumping the store at {self.location} failed: {exc}") from None
        return counter.lines


def query_result(result: Any) -> QueryResult:
    """A pyoxigraph query answer (solutions, boolean or triples) as a :class:`QueryResult`."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        # A solution iterates over its values in the order of the variables (no lookups).
        rows = [tuple(map(_plain, sol)) for sol in result]
        return QueryResult(kind="select", variables=variables, rows=rows)
    return QueryResult(kind="graph", triples=list(result))


def _plain(term: Any) -> Term | None:
    """Query terms as dealgraph uses them: an RDF-star triple term becomes its N-Triples text."""
    if term is None or isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    return ox.Literal(str(term))


class MemoryStore(_OxigraphStore):
    """pyoxigraph in memory: the same engine as the embedded store, gone when closed.

    >>> store = MemoryStore()
    >>> (len(store), store.generation())
    (0, '0')
    """

    kind = "memory"

    def __init__(self) -> None:
        self.location = MEMORY
        self._store = ox.Store()
        self._generation = 0

    def generation(self) -> str | None:
        """A counter that goes up with every write."""
        return str(self._generation)

    def _after_write(self) -> None:
        self._generation += 1


# ------------------------------------------------------------------------------------------------
# The embedded store, its locks and its snapshots
# ------------------------------------------------------------------------------------------------

SNAPSHOTS_DIR = "snapshots"
#: The newest snapshots always kept, and how long an older one stays for readers still on it.
SNAPSHOTS_KEEP = 2
SNAPSHOT_GRACE_SECONDS = 600.0

# Stores this process has open, by resolved path: POSIX record locks belong to the process and
# are dropped when *any* descriptor of the lock file is closed, so the process must never probe
# a lock file it already holds (directly or through RocksDB).
_WRITERS: set[str] = set()
_READERS: dict[str, tuple[int, int]] = {}  # path -> (lock fd, number of read-only handles)


def _lock_file(path: Path) -> Path:
    return path / "LOCK"


def writer_active(path: str | os.PathLike[str]) -> bool:
    """Whether a process (this one included) has the embedded store at ``path`` open for writing.

    RocksDB holds an exclusive POSIX lock on the store's ``LOCK`` file while it is open for
    writing; this asks for a shared lock without waiting and gives it straight back.
    """
    p = Path(path).resolve()
    if str(p) in _WRITERS:
        return True
    if str(p) in _READERS:
        return False  # this process holds a shared lock: no writer can have it
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no way to tell, assume none
        return False
    try:
        fd = os.open(_lock_file(p), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # releases the probe's lock
    return False


def _hold_reader_lock(p: Path) -> bool:
    """Take (or share) a shared lock on the store's LOCK file so that no writer can open the
    store while this process reads it directly. False when a writer holds it."""
    key = str(p)
    if key in _WRITERS:
        return False  # this process writes it (and must not touch RocksDB's lock file)
    if key in _READERS:
        fd, n = _READERS[key]
        _READERS[key] = (fd, n + 1)
        return True
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return True
    try:
        fd = os.open(_lock_file(p), os.O_RDONLY)
    except OSError:
        return True  # no LOCK file: nothing to guard (a store that was never opened for writing)
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _READERS[key] = (fd, 1)
    return True


def _release_reader_lock(p: Path) -> None:
    key = str(p)
    if key not in _READERS:
        return
    fd, n = _READERS[key]
    if n > 1:
        _READERS[key] = (fd, n - 1)
    else:
        del _READERS[key]
        os.close(fd)


def _dir_bytes(path: Path, skip: str | None = None) -> int:
    total = 0
    for entry in os.scandir(path):
        if entry.name == skip:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                total += _dir_bytes(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
        except FileNotFoundError:  # RocksDB removed a file it compacted while we counted
            continue
    return total


class EmbeddedStore(_OxigraphStore):
    """A pyoxigraph store in a directory: transactional, no server.

    **Transactions.** ``replace_graphs`` and ``remove_graphs`` are one SPARQL UPDATE each,
    which Oxigraph applies in one transaction. ``load_nquads`` checks its input first, drops the
    graphs it replaces in one transaction and then uses Oxigraph's bulk loader, which is fast
    and *not* transactional: an interruption leaves some of those graphs missing or partial
    (never duplicated) until the same input is loaded again. (Dropping the graphs one by one, or
    all at once with ``Store.clear`` when the input replaces every graph, is much faster than one
    transaction that deletes them all: 5 s or nothing against 10 s for 500 k quads.)

    **Readers beside a writer** (``read_only=True``). pyoxigraph 0.5 has no secondary mode
    (``Store.secondary`` went in 0.4) and says that opening read-only while another process
    writes is undefined behaviour. So a read-only store never opens a directory that a writer
    has open:

    - when the store publishes *snapshots* (its ``snapshots/`` folder exists: ``dealgraph store
      snapshot`` turns them on), every write ends with a RocksDB checkpoint of the store
      (``Store.backup``: hard links, milliseconds) in ``snapshots/``, and readers open the newest
      one. :meth:`refresh` moves a long-running reader (``serve``) to the newest snapshot; a
      snapshot older than the two newest is deleted after ten minutes. This is how ``serve``
      runs beside ``ingest``.
    - otherwise, a reader opens the live directory only when no process writes it, and holds a
      shared lock on the store's ``LOCK`` file while it is open, so a writer that starts later
      gets "in use by another process" instead of pulling files from under the reader. When a
      writer is active, opening read-only fails with a message that says what to do.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with EmbeddedStore(d) as w:
    ...         _ = w.replace_graphs([])
    ...     with EmbeddedStore(d, read_only=True) as r:
    ...         (r.read_only, r.graphs())
    (True, [])
    """

    kind = "embedded"
    _GENERATION_FILE = "dealgraph-generation"

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.location = str(path)
        self.read_only = read_only
        self.path = Path(path)
        self.snapshot: str | None = None  # the snapshot a reader has open
        self._locked: Path | None = None
        self._generation_path = str(self.path / self._GENERATION_FILE)
        self._counter_seen: tuple[tuple[int, int, int], int] | None = None
        self._pinned_generation: str | None = None
        if self.path.exists() and not self.path.is_dir():
            raise InputError(
                f"store {self.location} is a file, not a directory; give a directory with --store"
            )
        if read_only:
            self._open_reader()
        else:
            self._open_writer()

    # -- opening -------------------------------------------------------------------------------

    def _open_writer(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreLockedError(
                f"cannot create the store directory {self.location}: {exc.strerror}; "
                "choose a writable directory with --store"
            ) from None
        key = str(self.path.resolve())
        if key in _READERS:
            raise StoreLockedError(
                f"this process has the store at {self.location} open read-only; close it before "
                "opening it for writing"
            )
        self._store = self._ox_open(self.path, read_only=False)
        _WRITERS.add(key)

    def _open_reader(self) -> None:
        if not (self.path / "CURRENT").exists():
            raise InputError(
                f"no store at {self.location}; load something first (dealgraph demo or dealgraph load)"
            )
        snapshot = self._newest_snapshot()
        if self.snapshots_enabled():
            if snapshot is None or (
                snapshot.name != self._counter_name() and not writer_active(self.path)
            ):
                snapshot = self._snapshot_from_reader()
            if snapshot is not None:
                self._open_snapshot(snapshot)
                return
        resolved = self.path.resolve()
        if str(resolved) in _WRITERS:
            raise StoreLockedError(
                f"this process has the store at {self.location} open for writing; read through "
                "that store, or close it before opening the store read-only"
            )
        if not _hold_reader_lock(resolved):
            if self.snapshots_enabled():
                raise StoreLockedError(
                    f"the store at {self.location} is being written by another process and has "
                    "no snapshot yet; the writer publishes one after its next write: try again then"
                )
            raise StoreLockedError(
                f"the store at {self.location} is being written by another process; to read it "
                "meanwhile, turn on snapshots (`dealgraph store snapshot --store "
                f"{self.location}` before the writer starts), or serve it with `oxigraph serve` "
                "and use --store http://..."
            )
        self._locked = resolved
        try:
            self._store = self._ox_open(self.path, read_only=True)
        except BaseException:
            _release_reader_lock(resolved)
            self._locked = None
            raise

    def _ox_open(self, path: Path, read_only: bool) -> ox.Store:
        try:
            return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
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

    # -- generation ----------------------------------------------------------------------------

    def _counter(self) -> int:
        """The counter in the generation file, read again only when the file changed (a
        write replaces it by a rename: another inode), so that a query costs a ``stat``."""
        try:
            st = os.stat(self._generation_path)
        except FileNotFoundError:
            return 0
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._counter_seen is not None and self._counter_seen[0] == key:
            return self._counter_seen[1]
        try:
            with open(self._generation_path, "rb") as fh:
                value = int(fh.read().strip() or 0)
        except (FileNotFoundError, ValueError):
            return 0
        self._counter_seen = (key, value)
        return value

    def _counter_name(self) -> str:
        return f"{self._counter():010d}"

    def generation(self) -> str | None:
        """The write counter kept in a file beside the data (cheap to read). Every dealgraph
        write bumps it before and after writing, so a crash between the write and the bump can
        never leave a stale token; a snapshot reader reports its snapshot's counter. Writes by
        other tools (``oxigraph load``) are not seen. A reader of the live directory holds the
        store's shared lock, so no process writes while it is open: its counter is read once."""
        if self.snapshot is not None:
            return str(int(self.snapshot))
        if self.read_only:
            if self._pinned_generation is None:
                self._pinned_generation = str(self._counter())
            return self._pinned_generation
        return str(self._counter())

    def _bump_generation(self) -> None:
        from ._yaml import atomic_write_text

        atomic_write_text(self.path / self._GENERATION_FILE, f"{self._counter() + 1}\n")

    def _before_write(self) -> None:
        self._bump_generation()  # before the write: a crash afterwards still invalidates caches

    def optimize(self) -> bool:
        """Oxigraph's ``optimize``: a full compaction of the RocksDB files (the content and the
        generation stay as they are)."""
        self._check_writable()
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"compacting the store at {self.location} failed: {exc}") from None
        return True

    def _after_write(self) -> None:
        self._store.flush()
        self._bump_generation()
        if self.snapshots_enabled():
            self.publish_snapshot()

    # -- snapshots -----------------------------------------------------------------------------

    @property
    def snapshots_dir(self) -> Path:
        return self.path / SNAPSHOTS_DIR

    def snapshots_enabled(self) -> bool:
        """Whether writers publish read-only snapshots (the ``snapshots/`` folder exists)."""
        return self.snapshots_dir.is_dir()

    def _snapshots(self) -> list[Path]:
        if not self.snapshots_dir.is_dir():
            return []
        return sorted(
            p for p in self.snapshots_dir.iterdir() if p.name.isdigit() and (p / "CURRENT").exists()
        )

    def _newest_snapshot(self) -> Path | None:
        snaps = self._snapshots()
        return snaps[-1] if snaps else None

    def publish_snapshot(self) -> Path:
        """Checkpoint the store into ``snapshots/<generation>`` for readers (turning snapshots
        on for later writes) and delete old ones; return the snapshot's folder."""
        self.snapshots_dir.mkdir(exist_ok=True)
        target = self.snapshots_dir / self._counter_name()
        if not (target / "CURRENT").exists():
            tmp = self.snapshots_dir / f".{target.name}.{os.getpid()}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                self._store.backup(str(tmp))
                os.replace(tmp, target)
            except OSError as exc:
                shutil.rmtree(tmp, ignore_errors=True)
                if (target / "CURRENT").exists():  # another process published the same one
                    return target
                raise StoreError(
                    f"publishing a snapshot of {self.location} failed: {exc}"
                ) from None
        self._prune_snapshots()
        return target

    def _snapshot_from_reader(self) -> Path | None:
        """With no writer active, a reader brings the snapshots up to date itself."""
        resolved = self.path.resolve()
        if not _hold_reader_lock(resolved):
            return self._newest_snapshot()
        try:
            self._store = self._ox_open(self.path, read_only=True)
            return self.publish_snapshot()
        finally:
            with contextlib.suppress(AttributeError):
                del self._store
            _release_reader_lock(resolved)

    def _open_snapshot(self, snapshot: Path) -> None:
        self._store = self._ox_open(snapshot, read_only=True)
        self.snapshot = snapshot.name

    def _prune_snapshots(self) -> None:
        snaps = self._snapshots()
        now = time.time()
        for old in snaps[:-SNAPSHOTS_KEEP]:
            with contextlib.suppress(OSError):
                if now - old.stat().st_mtime > SNAPSHOT_GRACE_SECONDS:
                    shutil.rmtree(old)

    def refresh(self) -> bool:
        """For a long-running reader on snapshots: move to the newest snapshot if there is a
        newer one. Returns whether it moved."""
        if self.snapshot is None:
            return False
        newest = self._newest_snapshot()
        if newest is None or newest.name <= self.snapshot:
            return False
        del self._store
        self._open_snapshot(newest)
        return True

    # -- the rest of the contract --------------------------------------------------------------

    def stats(self) -> StoreStats:
        """Adds the size on disk (the store's folder, snapshots counted apart)."""
        base = super().stats()
        snaps = self._snapshots()
        return StoreStats(
            kind=base.kind,
            location=base.location,
            quads=base.quads,
            graphs=base.graphs,
            generation=base.generation,
            read_only=base.read_only,
            disk_bytes=_dir_bytes(self.path, skip=SNAPSHOTS_DIR),
            snapshots=len(snaps),
            snapshots_bytes=_dir_bytes(self.snapshots_dir) if snaps else None,
            details={"snapshot": self.snapshot} if self.snapshot else {},
        )

    def close(self) -> None:
        if hasattr(self, "_store"):
            if not self.read_only:
                with contextlib.suppress(OSError):
                    self._store.flush()
                _WRITERS.discard(str(self.path.resolve()))
            del self._store
        if self._locked is not None:
            _release_reader_lock(self._locked)
            self._locked = None


# ------------------------------------------------------------------------------------------------
# Opening a store
# ------------------------------------------------------------------------------------------------


def store_location(location: str | os.PathLike[str] | None = None) -> str:
    """The store to use: the one given, else ``$DEALGRAPH_STORE``, else ``./dealgraph-data``."""
    if location:
        return str(location)
    return os.environ.get(ENV_STORE) or DEFAULT_STORE


def is_remote(location: str) -> bool:
    """Whether a location names a SPARQL endpoint (``http(s)://`` or ``KIND+http(s)://``).

    >>> [is_remote(x) for x in ("http://h:7878", "fuseki+https://h/ds", "data", ":memory:")]
    [True, True, False, False]
    """
    return re.match(r"^([a-z][a-z0-9-]*\+)?https?://", location, re.IGNORECASE) is not None


def open_store(
    location: str | os.PathLike[str] | None = None,
    read_only: bool = False,
    must_exist: bool = False,
) -> GraphStore:
    """Open the store at ``location`` (see :func:`store_location`): a directory (embedded),
    ``:memory:``, or a SPARQL endpoint URL (:mod:`dealgraph.remote`). With ``must_exist``, a
    directory that is not there is an error instead of a new empty store."""
    loc = store_location(location)
    if must_exist and not is_remote(loc) and loc != MEMORY and not Path(loc).is_dir():
        raise InputError(
            f"no store at {loc}; run `dealgraph demo` or `dealgraph load` first, or give --store"
        )
    if is_remote(loc):
        from .remote import RemoteStore

        return RemoteStore.from_location(loc, read_only=read_only)
    if loc == MEMORY:
        return MemoryStore()
    return EmbeddedStore(loc, read_only=read_only)
