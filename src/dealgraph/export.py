"""Hand the graph to other tools: RDF files, GraphML and GEXF for Gephi, CSV for spreadsheets.

=========  ==============  =====================================================================
format     written by      what
=========  ==============  =====================================================================
turtle     pyoxigraph      the union of all article graphs, each triple once (Turtle has no
                           named graphs)
trig       pyoxigraph      every article graph as a named graph
nquads     pyoxigraph      every article graph as a named graph, one quad per line
jsonld     rdflib          every article graph as a named graph, compacted with an ``@context``
                           of dealgraph's prefixes
graphml    networkx        the projection (entities, facts, relation and role edges)
gexf       networkx        the same, in GEXF 1.2
csv        csv             the same as two files: ``STEM-nodes.csv`` and ``STEM-edges.csv``
=========  ==============  =====================================================================

**Which RDF writer.** Turtle, TriG and N-Quads are written by pyoxigraph straight from the
store's quads, streaming: on a million triples it is some thirty times faster than loading
them into rdflib first and needs no memory for the graph (``bench/trace.py`` measures both).
JSON-LD is written by rdflib, whose writer compacts with an ``@context`` (``"dg:party"``
rather than full IRIs), which is what JSON-LD readers expect; pyoxigraph writes only the
expanded form. Every file parses back with rdflib and pyoxigraph into the same quads.

**Graph formats.** Node and edge attributes are plain text, numbers or booleans, as GraphML and
GEXF require: labels, types, kinds, dates (``date``, ``date_label``, ``precision``,
``qualifier``), the fact of every edge, and the evidence as text (one line per quote:
``“quote” — title <article>``). Gephi shows ``label`` on nodes and edges.

**CSV.** ``-o graph.csv`` writes ``graph-nodes.csv`` (``Id``, ``Label``, then the attributes) and
``graph-edges.csv`` (``Source``, ``Target``, ``Type``, ``Id``, ``Label``, then the attributes),
the column names Gephi's spreadsheet import recognises. A name without ``.csv`` gets the
suffixes appended (``-o out`` writes ``out-nodes.csv`` and ``out-edges.csv``).

Every file is written to a temporary file beside it and renamed, so a failed export leaves an
earlier file intact.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .errors import DealgraphError, InputError, suggest
from .namespaces import ID, PREFIXES
from .store import EmbeddedStore, GraphStore

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
GRAPH_FORMATS = ("graphml", "gexf", "csv")
FORMATS = RDF_FORMATS + GRAPH_FORMATS

#: File name suffixes that name a format when ``--format`` is not given.
SUFFIXES = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".csv": "csv",
}

#: The library that writes each RDF format (see the module docstring for why).
RDF_ENGINES = {"turtle": "oxigraph", "trig": "oxigraph", "nquads": "oxigraph", "jsonld": "rdflib"}

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    format: str
    paths: tuple[Path, ...]
    count: str  # "534 quads in 11 graphs", "17 nodes, 47 edges"
    bytes: int

    def text(self) -> str:
        files = " and ".join(str(p) for p in self.paths)
        return f"wrote {files} ({self.format}: {self.count}, {self.bytes // 1024} KiB)"


def format_of(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The export format: ``fmt`` if given, else the one the file name's suffix names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown export format {fmt!r}; {suggest(fmt, FORMATS, 'formats')}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise InputError(
        f"{path}: cannot tell the format from the name; give --format ({', '.join(FORMATS)})"
    )


def csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The nodes and edges files of a CSV export to ``path``.

    >>> [p.name for p in csv_paths("out/graph.csv")]
    ['graph-nodes.csv', 'graph-edges.csv']
    >>> [p.name for p in csv_paths("graph")]
    ['graph-nodes.csv', 'graph-edges.csv']
    """
    p = Path(path)
    stem = p.with_suffix("") if p.suffix.lower() == ".csv" else p
    return (
        stem.with_name(stem.name + "-nodes.csv"),
        stem.with_name(stem.name + "-edges.csv"),
    )


class _Atomic:
    """Write files to temporaries beside their targets; rename them all at the end."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []

    def temp(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self.pending.append((Path(tmp), target))
        return Path(tmp)

    def commit(self) -> int:
        size = 0
        for tmp, _ in self.pending:
            os.chmod(tmp, 0o644)
            size += tmp.stat().st_size
        for tmp, target in self.pending:
            os.replace(tmp, target)
        self.pending = []
        return size

    def abort(self) -> None:
        for tmp, _ in self.pending:
            tmp.unlink(missing_ok=True)
        self.pending = []


# ------------------------------------------------------------------------------------------------
# RDF
# ------------------------------------------------------------------------------------------------

_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def store_quads(store: GraphStore) -> Iterator[ox.Quad]:
    """Every quad of the store: streamed from an embedded store, queried from any other."""
    if isinstance(store, EmbeddedStore):
        yield from store.quads()
        return
    for s, p, o, g in store.query(_ALL_QUADS).rows:
        yield ox.Quad(s, p, o, g)  # type: ignore[arg-type]


def _union_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for q in quads:
        t = q.triple
        if t not in seen:
            seen.add(t)
            yield t


def _counted(items: Iterable[Any], counter: list[int]) -> Iterator[Any]:
    for item in items:
        counter[0] += 1
        yield item


def _ticking(quads: Iterable[ox.Quad], progress: Callable[[int], None]) -> Iterator[ox.Quad]:
    n = 0
    for q in quads:
        n += 1
        if n == 10_000:
            progress(n)
            n = 0
        yield q
    if n:
        progress(n)


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib 7.6's ``Dataset.parse`` and its N-Quads and JSON-LD code use its own deprecated
    members; hide those warnings (only those) around our use of it."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore",
            message=r"(Dataset\.\w+|ConjunctiveGraph) is deprecated",
            category=DeprecationWarning,
        )
        yield


def _ox_prefixes() -> dict[str, str]:
    # dgid: would turn every instance IRI into `dgid:entity\/huawei`; full IRIs read better.
    return {k: v for k, v in PREFIXES.items() if v != ID}


def write_rdf(
    quads: Iterable[ox.Quad], target: Path, fmt: str, engine: str | None = None
) -> tuple[int, int]:
    """Write ``quads`` to the file ``target`` (already a temporary name) in ``fmt`` with
    ``engine`` (``oxigraph`` or ``rdflib``; default :data:`RDF_ENGINES`). Returns the number of
    statements written and of graphs."""
    engine = engine or RDF_ENGINES[fmt]
    graphs: set[str] = set()

    def noting(qs: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for q in qs:
            graphs.add(str(q.graph_name))
            yield q

    counter = [0]
    items: Iterable[Any] = noting(quads)
    if fmt == "turtle":
        items = _union_triples(items)
    if engine == "oxigraph":
        ox.serialize(
            _counted(items, counter), str(target), _OX_FORMATS[fmt], prefixes=_ox_prefixes()
        )
        return counter[0], len(graphs)
    if engine != "rdflib":
        raise ValueError(f"unknown RDF engine {engine!r}")
    import rdflib

    buf = io.BytesIO()
    with quiet_rdflib():
        if fmt == "turtle":
            ox.serialize(_counted(items, counter), buf, ox.RdfFormat.N_TRIPLES)
            data: rdflib.Graph = rdflib.Graph()
            data.parse(data=buf.getvalue(), format="nt")
        else:
            ox.serialize(_counted(items, counter), buf, ox.RdfFormat.N_QUADS)
            data = rdflib.Dataset()
            data.parse(data=buf.getvalue(), format="nquads")
        for prefix, iri in PREFIXES.items():
            data.bind(prefix, iri)
        if fmt == "jsonld":
            data.serialize(
                destination=str(target),
                format="json-ld",
                context=dict(PREFIXES),
                auto_compact=True,
                encoding="utf-8",
            )
        else:
            data.serialize(destination=str(target), format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
    return counter[0], len(graphs)


# ------------------------------------------------------------------------------------------------
# Graph formats
# ------------------------------------------------------------------------------------------------

_NODE_FIELDS = (
    "label",
    "kind",
    "type",
    "wikidata",
    "description",
    "date",
    "date_label",
    "precision",
    "qualifier",
    "sort_date",
    "modality",
)
_EDGE_FIELDS = (
    "kind",
    "relation",
    "symmetric",
    "fact",
    "fact_type",
    "fact_label",
    "modality",
    "date",
    "date_label",
    "precision",
    "qualifier",
    "sort_date",
)


def evidence_text(evidence: Iterable[Any]) -> str:
    """Quotes as text, one per line: ``“quote” — title <article>``."""
    lines = []
    for q in evidence:
        source = f"{q.title} <{q.article}>" if q.title else f"<{q.article}>"
        lines.append(f"“{q.quote}” — {source}")
    return "\n".join(lines)


def _flat(d: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        v = d.get(f)
        if v is None or v == "":
            continue
        out[f] = v if isinstance(v, bool) else str(v)
    if d.get("labels"):
        out["names"] = "; ".join(
            f"{lang}: {text}" if lang else text for lang, text in sorted(d["labels"].items())
        )
    if d.get("evidence"):
        out["evidence"] = evidence_text(d["evidence"])
        out["quotes"] = len(d["evidence"])
    if d.get("articles"):
        out["articles"] = " ".join(d["articles"])
    return out


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection with only text, number and boolean attributes (what GraphML, GEXF and
    CSV can hold); an edge's ``label`` is its relation's label."""
    out = nx.MultiDiGraph()
    for n, d in sorted(g.nodes(data=True), key=lambda x: x[0]):
        out.add_node(n, **_flat(d, _NODE_FIELDS))
        out.nodes[n].setdefault("label", n)
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda x: (x[0], x[1], x[2])):
        out.add_edge(u, v, key=k, label=str(d.get("relation_label", "")), **_flat(d, _EDGE_FIELDS))
    return out


def gexf_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """:func:`flat_graph` with each edge's key as its GEXF ``id`` (networkx reads it back)."""
    out = flat_graph(g)
    for _, _, k, d in out.edges(keys=True, data=True):
        d["id"] = k
    return out


def _write_csv(g: nx.MultiDiGraph, nodes_path: Path, edges_path: Path) -> None:
    node_cols = ["Id", "Label", *_NODE_FIELDS[1:], "names", "quotes", "evidence", "articles"]
    edge_cols = [
        "Source",
        "Target",
        "Type",
        "Id",
        "Label",
        *_EDGE_FIELDS,
        "quotes",
        "evidence",
        "articles",
    ]

    def write(path: Path, cols: list[str], rows: Iterable[dict[str, Any]]) -> None:
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction="raise")
            w.writeheader()
            for row in rows:
                w.writerow(
                    {
                        k: ("true" if v is True else "false" if v is False else v)
                        for k, v in row.items()
                    }
                )

    write(
        nodes_path,
        node_cols,
        (
            {"Id": n, "Label": d.get("label", n), **{k: v for k, v in d.items() if k != "label"}}
            for n, d in g.nodes(data=True)
        ),
    )
    write(
        edges_path,
        edge_cols,
        (
            {
                "Source": u,
                "Target": v,
                "Type": "Directed",
                "Id": k,
                "Label": d.get("label", ""),
                **{x: y for x, y in d.items() if x != "label"},
            }
            for u, v, k, d in g.edges(keys=True, data=True)
        ),
    )


# ------------------------------------------------------------------------------------------------
# The export
# ------------------------------------------------------------------------------------------------


def export(
    store: GraphStore,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    graph: nx.MultiDiGraph | Callable[[], nx.MultiDiGraph] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Export the store to ``path`` in ``fmt`` (default: from the file name's suffix).

    The graph formats write the projection ``graph`` (or the one a callable returns; default:
    the cached projection with facts, :func:`dealgraph.graph.projection`). ``progress`` is
    called with the number of quads read since its last call (RDF formats).
    """
    fmt = format_of(path, fmt)
    target = Path(path)
    files = _Atomic()
    try:
        if fmt in RDF_FORMATS:
            quads = store_quads(store)
            if progress is not None:
                quads = _ticking(quads, progress)
            n, graphs = write_rdf(quads, files.temp(target), fmt)
            what = "triples" if fmt == "turtle" else "quads"
            count = f"{n} {what}" + ("" if fmt == "turtle" else f" in {graphs} graphs")
            paths: tuple[Path, ...] = (target,)
        else:
            from .graph import projection

            g = graph() if callable(graph) else graph
            g = g if g is not None else projection(store, include_facts=True)
            flat = gexf_graph(g) if fmt == "gexf" else flat_graph(g)
            count = f"{flat.number_of_nodes()} nodes, {flat.number_of_edges()} edges"
            if fmt == "csv":
                nodes_path, edges_path = csv_paths(target)
                _write_csv(flat, files.temp(nodes_path), files.temp(edges_path))
                paths = (nodes_path, edges_path)
            elif fmt == "graphml":
                nx.write_graphml(flat, files.temp(target), encoding="utf-8")
                paths = (target,)
            else:
                nx.write_gexf(flat, files.temp(target), encoding="utf-8")
                paths = (target,)
        size = files.commit()
    except (PermissionError, IsADirectoryError, NotADirectoryError, FileExistsError) as exc:
        files.abort()
        raise InputError(
            f"cannot write {target}: {exc.strerror}; choose another path with -o (nothing was written)"
        ) from None
    except OSError as exc:
        files.abort()
        raise DealgraphError(f"writing {target} failed, nothing was written: {exc}") from None
    except BaseException:
        files.abort()
        raise
    return ExportReport(format=fmt, paths=paths, count=count, bytes=size)
