"""Which entities matter most in the graph: by degree, PageRank or betweenness.

Rankings run on the *relation graph*: one node per entity, one undirected edge between two
entities that some direct relation joins (in either direction), weighted by the number of
distinct facts behind it. Direction is left out on purpose: relations of different meaning
(contracts with, bans, visits) point different ways, and "being banned" is as much a tie as
"banning".

- ``degree``: the number of distinct entities an entity is directly related to;
- ``pagerank``: PageRank (networkx, damping 0.85) with the fact counts as weights;
- ``betweenness``: normalised betweenness centrality (unweighted shortest paths). On graphs of
  more than :data:`EXACT_BETWEENNESS_LIMIT` entities it is estimated from that many sampled
  sources (fixed seed, so the same store gives the same ranking) and the answer says so.

Every ranked entity also shows ``facts``, the number of distinct facts on its relations.

>>> import networkx as nx
>>> from dealgraph.graph import project
>>> import tempfile
>>> from dealgraph.store import open_store
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
...     _ = load_sheets(s, [seed_sheet()])
...     r = rank(project(s, include_facts=True), by="degree", limit=2)
>>> [(x.label, x.score) for x in r.rows]
[('Huawei', 2.0), ('Russia', 2.0)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .answers import Answer, subgraph
from .errors import InputError, suggest
from .filters import EdgeFilter
from .query import format_table
from .schema import Schema, load_schema

MEASURES = ("degree", "pagerank", "betweenness")
#: Above this many entities, betweenness is estimated from this many sampled sources.
EXACT_BETWEENNESS_LIMIT = 1000


@dataclass(frozen=True)
class Ranked:
    rank: int
    node: str
    label: str
    type: str
    score: float
    degree: int
    facts: int


@dataclass
class Ranking(Answer):
    """The top entities by one measure (see :func:`rank`)."""

    by: str
    type: str | None
    rows: list[Ranked]
    entities: int
    filters: str = ""
    note: str = ""
    _graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph, repr=False, compare=False)

    columns = ("rank", "entity", "label", "type", "score", "degree", "facts")

    def records(self) -> list[dict[str, Any]]:
        return [
            {
                "rank": r.rank,
                "entity": r.node,
                "label": r.label,
                "type": r.type,
                "score": r.score,
                "degree": r.degree,
                "facts": r.facts,
            }
            for r in self.rows
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "type": self.type,
            "entities": self.entities,
            "filters": self.filters,
            "note": self.note,
            "ranking": self.records(),
        }

    def text(self) -> str:
        of = f"{self.type} entities" if self.type else "entities"
        cond = f" ({self.filters})" if self.filters else ""
        head = f"Top {len(self.rows)} of {self.entities} {of} by {self.by}{cond}"
        extra = self.by != "degree"
        headers = ["rank", "entity", "type", self.by, *(["degree"] if extra else []), "facts"]
        rows = [
            [
                str(r.rank),
                r.label,
                r.type,
                _score(r.score, self.by),
                *([str(r.degree)] if extra else []),
                str(r.facts),
            ]
            for r in self.rows
        ]
        lines = [head, "", format_table(headers, rows)]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def subgraph(self) -> nx.MultiDiGraph:
        """The ranked entities and the direct relations among them."""
        g = self._graph
        keep = {r.node for r in self.rows}
        edges = [
            (u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            if u in keep and v in keep and d.get("kind") == "relation"
        ]
        return subgraph(g, sorted(keep), edges)


def _score(value: float, by: str) -> str:
    return str(int(value)) if by == "degree" else f"{value:.4f}"


def entity_type(name: str | None, schema: Schema | None = None) -> str | None:
    """The entity class a ``--type`` names (any case), or an error with the nearest names."""
    if name is None:
        return None
    schema = schema or load_schema()
    by_key = {c.casefold(): c for c in schema.entity_classes}
    for c, ec in schema.entity_classes.items():
        for label in ec.label.values():
            by_key.setdefault(label.casefold().replace(" ", ""), c)
    key = name.strip().casefold().replace(" ", "")
    if key in by_key:
        return by_key[key]
    raise InputError(
        f"--type {name!r}: no entity class of that name; {suggest(name, schema.entity_classes, 'classes')}"
    )


def relation_graph(g: nx.MultiDiGraph, flt: EdgeFilter | None = None) -> nx.Graph:
    """The undirected, weighted entity graph rankings run on (see the module docstring)."""
    flt = flt or EdgeFilter()
    test = flt.bind(g)
    facts: dict[tuple[str, str], set[str]] = {}
    node_facts: dict[str, set[str]] = {}
    out = nx.Graph()
    for n, d in g.nodes(data=True):
        if d.get("kind") == "entity":
            out.add_node(n)
    for u, v, d in g.edges(data=True):
        if d.get("kind") != "relation" or u == v or u not in out or v not in out:
            continue
        if not test(u, v, d):
            continue
        pair = (u, v) if u < v else (v, u)
        fact = d.get("fact", "")
        facts.setdefault(pair, set()).add(fact)
        node_facts.setdefault(u, set()).add(fact)
        node_facts.setdefault(v, set()).add(fact)
    out.add_weighted_edges_from((a, b, float(len(fs))) for (a, b), fs in facts.items())
    for n in out:
        out.nodes[n]["facts"] = len(node_facts.get(n, ()))
    return out


def rank(
    g: nx.MultiDiGraph,
    by: str = "degree",
    *,
    type: str | None = None,
    limit: int = 10,
    flt: EdgeFilter | None = None,
    schema: Schema | None = None,
) -> Ranking:
    """Rank the entities of the projection ``g`` by ``by`` (see the module docstring); with
    ``type`` only entities of that class or below it (``Organization`` includes companies)."""
    schema = schema or load_schema()
    if by not in MEASURES:
        raise InputError(f"--by {by!r}: {suggest(by, MEASURES, 'measures')}")
    if limit < 1:
        raise InputError(f"--limit {limit}: give 1 or more")
    cls = entity_type(type, schema)
    flt = flt or EdgeFilter()
    rg = relation_graph(g, flt)
    note = ""
    scores: dict[str, float]
    if by == "degree":
        scores = {n: float(deg) for n, deg in rg.degree()}
    elif by == "pagerank":
        scores = nx.pagerank(rg, weight="weight") if rg.number_of_nodes() else {}
    else:
        n = rg.number_of_nodes()
        if n > EXACT_BETWEENNESS_LIMIT:
            scores = nx.betweenness_centrality(rg, k=EXACT_BETWEENNESS_LIMIT, seed=0)
            note = (
                f"(betweenness estimated from {EXACT_BETWEENNESS_LIMIT} sampled sources "
                f"of {n} entities)"
            )
        else:
            scores = nx.betweenness_centrality(rg)

    def keep(node: str) -> bool:
        return cls is None or schema.is_a(g.nodes[node].get("type", "Entity"), cls)

    candidates = [n for n in rg.nodes if keep(n)]
    candidates.sort(
        key=lambda n: (-scores.get(n, 0.0), str(g.nodes[n].get("label", n)).casefold(), n)
    )
    rows = []
    for i, n in enumerate(candidates[:limit], 1):
        rows.append(
            Ranked(
                rank=i,
                node=n,
                label=str(g.nodes[n].get("label", n)),
                type=str(g.nodes[n].get("type", "Entity")),
                score=float(scores.get(n, 0.0)),
                degree=int(rg.degree(n)),
                facts=int(rg.nodes[n]["facts"]),
            )
        )
    return Ranking(
        by=by,
        type=cls,
        rows=rows,
        entities=len(candidates),
        filters=flt.describe(),
        note=note,
        _graph=g,
    )
