"""The graph of a SPARQL result, for a view of it (``dealgraph view --query``).

- **CONSTRUCT** (and DESCRIBE): each triple whose object is an IRI or a blank node becomes an
  edge from its subject to its object; a triple with a literal object is a property of its
  subject (shown in the side panel); ``rdf:type`` triples give a node its class.
- **SELECT**: as in the graph view of the Wikidata Query Service, every IRI a row holds is a
  node, and the row links the first IRI it holds to each of the others. A cell holding a
  relation of the schema (``dg:bans``, ``dg:party``) is no node: it names the links of its row.

What the projection knows is kept: a node it has keeps its class, colour, names, dates and
evidence; a link between two nodes is drawn as the projection's edges between them (with
that relation, when the triple or the row names one; any relation otherwise), each with its
fact, date and quotes. Where the projection has no such edge, the link is a plain ``link``
edge named after the predicate (CONSTRUCT) or the column (SELECT). Nodes the projection does
not know are labelled from the store (``rdfs:label``, ``schema:headline``, ``schema:name``)
and typed by their ``rdf:type``.

>>> import tempfile
>>> from dealgraph.store import open_store
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> from dealgraph.graph import project
>>> from dealgraph.query import run_query
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
...     _ = load_sheets(s, [seed_sheet()])
...     full = project(s, include_facts=True)
...     g = result_graph(s, run_query(s, "SELECT ?who ?whom WHERE { ?who dg:bans ?whom }"), full)
>>> sorted(d["label"] for _, d in g.nodes(data=True))
['Huawei', 'United States']
>>> sorted(d["relation_label"] for _, _, d in g.edges(data=True))
['accuses', 'bans']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .errors import InputError
from .namespaces import DG, compact
from .schema import Schema, load_schema
from .store import GraphStore, QueryResult

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABELS = """
SELECT DISTINCT ?s ?label ?type WHERE {
  VALUES ?s { %s }
  OPTIONAL { ?s rdfs:label|schema:headline|schema:name ?label }
  OPTIONAL { ?s a ?type }
}
"""


def _node_id(term: Any) -> str | None:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return None


class _Builder:
    def __init__(self, store: GraphStore, full: nx.MultiDiGraph, schema: Schema) -> None:
        self.store = store
        self.full = full
        self.schema = schema
        self.g = nx.MultiDiGraph()
        self.types: dict[str, set[str]] = {}
        self.props: dict[str, list[tuple[str, str]]] = {}
        roles = {
            r.property: r.name for ft in schema.fact_types for r in schema.roles_of(ft).values()
        }
        self.predicates: dict[str, str] = {
            **{iri: schema.relation_label(iri) for iri in schema.relations()},
            **roles,
        }

    def node(self, n: str) -> None:
        if n not in self.g:
            self.g.add_node(n, **(self.full.nodes[n] if n in self.full else {}))

    def known_edges(self, a: str, b: str, relation: str | None) -> list[tuple[str, str, Any]]:
        """The projection's edges between ``a`` and ``b``, either way, with ``relation``
        (any, when ``None``)."""
        found = []
        for u, v in ((a, b), (b, a)):
            if u not in self.full:
                continue
            for key, d in (self.full.succ[u].get(v) or {}).items():
                if relation is None or d.get("relation") == relation:
                    found.append((u, v, key))
        return found

    def link(self, a: str, b: str, relation: str | None, label: str) -> None:
        self.node(a)
        self.node(b)
        known = self.known_edges(a, b, relation)
        for u, v, key in known:
            if not self.g.has_edge(u, v, key):
                self.g.add_edge(u, v, key=key, **self.full.edges[u, v, key])
        if known:
            return
        key = f"{a} {relation or label} {b}"
        if not self.g.has_edge(a, b, key):
            self.g.add_edge(
                a,
                b,
                key=key,
                kind="link",
                relation=relation or "",
                relation_label=self.predicates.get(relation or "", label),
                symmetric=False,
            )

    def finish(self) -> nx.MultiDiGraph:
        """Label and type the nodes the projection does not know, from the store."""
        unknown = [n for n in self.g if n not in self.full]
        labels: dict[str, str] = {}
        iris = [n for n in unknown if not n.startswith("_:")]
        for i in range(0, len(iris), 500):
            values = " ".join(f"<{n}>" for n in iris[i : i + 500])
            for row in self.store.query(_LABELS % values).dicts():
                s = row["s"].value
                if "label" in row:
                    labels.setdefault(s, row["label"].value)
                if "type" in row:
                    self.types.setdefault(s, set()).add(row["type"].value)
        for n in unknown:
            d = self.g.nodes[n]
            # dealgraph's own classes first (dg:Article before prov:Entity), then by IRI
            types = sorted(self.types.get(n, ()), key=lambda t: (not t.startswith(DG), t))
            known = [self.schema.class_name(t) for t in types]
            name = next((k for k in known if k), None)
            d.update(
                kind="entity",
                type=name or (compact(types[0]) if types else "resource"),
                label=labels.get(n) or ("[blank node]" if n.startswith("_:") else compact(n)),
            )
        for n, props in self.props.items():
            self.g.nodes[n]["props"] = props
        return self.g


def result_graph(
    store: GraphStore,
    result: QueryResult,
    full: nx.MultiDiGraph,
    schema: Schema | None = None,
) -> nx.MultiDiGraph:
    """The graph of ``result`` (see the module docstring); ``full`` is the store's projection
    with facts (:func:`dealgraph.graph.projection`)."""
    b = _Builder(store, full, schema or load_schema())
    if result.kind == "ask":
        raise InputError(
            "an ASK query answers yes or no: there is no graph to draw; "
            "use CONSTRUCT, or SELECT columns that hold IRIs"
        )
    if result.kind == "graph":
        _from_triples(b, result.triples)
    else:
        _from_rows(b, result.variables, result.rows)
    if not b.g.number_of_nodes():
        what = "triples" if result.kind == "graph" else "rows"
        raise InputError(
            f"the query's {len(result)} {what} hold no IRIs to draw; "
            + (
                "construct triples between IRIs"
                if result.kind == "graph"
                else "select columns that hold IRIs (entities, facts, articles), or use CONSTRUCT"
            )
        )
    return b.finish()


def _from_triples(b: _Builder, triples: Iterable[ox.Triple]) -> None:
    for t in triples:
        s, o = _node_id(t.subject), _node_id(t.object)
        p = t.predicate.value
        if s is None:
            continue
        b.node(s)
        if p == RDF_TYPE and o is not None:
            b.types.setdefault(s, set()).add(o)
        elif o is not None:
            b.link(s, o, p, b.predicates.get(p, compact(p)))
        elif isinstance(t.object, ox.Literal):
            b.props.setdefault(s, []).append((compact(p), t.object.value))


def _from_rows(b: _Builder, variables: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    for row in rows:
        nodes: list[tuple[str, str]] = []
        relations: list[str | None] = []
        for var, term in zip(variables, row, strict=True):
            n = _node_id(term)
            if n is None:
                continue
            if n in b.predicates:
                relations.append(n)
            else:
                nodes.append((var, n))
        if not nodes:
            continue
        first = nodes[0][1]
        b.node(first)
        for var, n in nodes[1:]:
            if n == first:
                continue
            for rel in relations or [None]:
                b.link(first, n, rel, var)


def describe(g: nx.MultiDiGraph, result: QueryResult) -> str:
    """One line on what a query view draws, for its page and the CLI."""
    what = f"{len(result)} triple{'s' if len(result) != 1 else ''}"
    if result.kind == "select":
        what = f"{len(result)} row{'s' if len(result) != 1 else ''}"
    links = sum(1 for *_, d in g.edges(data=True) if d.get("kind") == "link")
    known = g.number_of_edges() - links
    return (
        f"The query's {what}: {g.number_of_nodes()} nodes; {known} edges from the graph "
        f"(with their evidence) and {links} plain links."
    )


def query_title(query: str, params: Mapping[str, str] | None = None) -> str:
    """A short title for the view of a query: its name or file, or its first line."""
    text = query.strip().splitlines()[0] if query.strip() else "query"
    if len(text) > 80:
        text = text[:79] + "…"
    if params:
        text += " (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"
    return f"Query: {text}"
