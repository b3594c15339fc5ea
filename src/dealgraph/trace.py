"""How two entities are connected, and what is within reach of one, with the evidence per step.

Both searches run on the *traceable graph* of a projection: the entities with their direct
relations, plus the fact nodes the default view draws (:func:`dealgraph.view.overview`): a fact
a relation ends on (the state visit a deal was ``signedDuring``, and that deal) or the only link
of an entity, joined to its participants by role edges. So a path can go Huawei ←party— Deal
—signed during→ State visit —visitor→ Xi Jinping when that is the connection.

Direction (``mode``):

- ``both`` (the default): a step may follow an edge against its direction, but every step is
  shown in its true direction: ``Huawei ←bans— United States`` in a path from Huawei;
- ``forward`` (``--directed``): edges are followed only from source to target;
- ``ignore`` (``--undirected``): direction is ignored in the search and in the display
  (``Huawei —bans— United States``).

A symmetric relation (``contracts with``, ``tests with``) is stated both ways and shown once, as
``Huawei ←contracts with→ MTS``. A hop between two nodes lists every edge that joins them (all
the facts behind it), each with its date, its quotes and their articles.

>>> import tempfile
>>> from dealgraph.store import open_store
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> from dealgraph.graph import project
>>> from dealgraph.namespaces import entity_iri
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
...     _ = load_sheets(s, [seed_sheet()])
...     tg = TraceGraph(project(s, include_facts=True))
>>> answer = trace(tg, entity_iri("mts"), entity_iri("united-states"))
>>> [tg.label(n) for n in answer.paths[0].nodes]
['MTS', 'Huawei', 'United States']
>>> [link.step(entity_iri("huawei")) for link in answer.paths[0].hops[1].links]
['Huawei ←accuses— United States', 'Huawei ←bans— United States']
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .answers import Answer, subgraph
from .errors import InputError
from .filters import EdgeFilter
from .graph import Quote

#: How a search treats edge direction (see the module docstring).
MODES = ("both", "forward", "ignore")
#: ``--max-hops`` when ``--all`` is given without it.
DEFAULT_MAX_HOPS = 4
#: At most this many paths are listed unless the caller asks for more.
DEFAULT_LIMIT = 50

EdgeTest = Callable[[str, str, Mapping[str, Any]], bool]


def mode_of(directed: bool = False, undirected: bool = False) -> str:
    """The search mode of the ``--directed`` / ``--undirected`` flags."""
    if directed and undirected:
        raise InputError("give --directed or --undirected, not both")
    return "forward" if directed else "ignore" if undirected else "both"


@dataclass(frozen=True)
class Link:
    """One edge of the projection, in its true direction, with what a reader needs to cite it."""

    key: str
    source: str
    target: str
    source_label: str
    target_label: str
    kind: str  # "relation" or "role"
    relation: str
    relation_label: str
    symmetric: bool
    fact: str
    fact_type: str
    fact_label: str
    modality: str
    date: str | None
    date_label: str
    precision: str | None
    qualifier: str | None
    evidence: tuple[Quote, ...]
    articles: tuple[str, ...]

    @classmethod
    def of(cls, g: nx.MultiDiGraph, u: str, v: str, key: str, d: Mapping[str, Any]) -> Link:
        return cls(
            key=key,
            source=u,
            target=v,
            source_label=g.nodes[u].get("label", u),
            target_label=g.nodes[v].get("label", v),
            kind=d.get("kind", "relation"),
            relation=d.get("relation", ""),
            relation_label=d.get("relation_label", ""),
            symmetric=bool(d.get("symmetric")),
            fact=d.get("fact", ""),
            fact_type=d.get("fact_type", ""),
            fact_label=d.get("fact_label", ""),
            modality=d.get("modality", "asserted"),
            date=d.get("date"),
            date_label=d.get("date_label") or "",
            precision=d.get("precision"),
            qualifier=d.get("qualifier"),
            evidence=tuple(d.get("evidence") or ()),
            articles=tuple(d.get("articles") or ()),
        )

    def other(self, node: str) -> str:
        return self.target if node == self.source else self.source

    def step(self, frm: str, mode: str = "both") -> str:
        """The step read from ``frm``: ``A —rel→ B``, ``A ←rel— B`` against the edge's
        direction, ``A ←rel→ B`` for a symmetric relation, ``A —rel— B`` when direction is
        ignored."""
        forward = frm == self.source
        a, b = (
            (self.source_label, self.target_label)
            if forward
            else (self.target_label, self.source_label)
        )
        rel = self.relation_label
        if mode == "ignore":
            return f"{a} —{rel}— {b}"
        if self.symmetric:
            return f"{a} ←{rel}→ {b}"
        return f"{a} —{rel}→ {b}" if forward else f"{a} ←{rel}— {b}"

    def when(self) -> str:
        """``2019-06-05 (day)``, ``before 2020 (year)``, or ``undated``."""
        if not self.date_label:
            return "undated"
        return f"{self.date_label} ({self.precision})" if self.precision else self.date_label

    def as_dict(self, frm: str | None = None, mode: str = "both") -> dict[str, Any]:
        out: dict[str, Any] = {}
        if frm is not None:
            out["step"] = self.step(frm, mode)
            out["forward"] = frm == self.source
        out.update(
            {
                "source": self.source,
                "target": self.target,
                "source_label": self.source_label,
                "target_label": self.target_label,
                "kind": self.kind,
                "relation": self.relation,
                "relation_label": self.relation_label,
                "symmetric": self.symmetric,
                "fact": self.fact,
                "fact_type": self.fact_type,
                "fact_label": self.fact_label,
                "modality": self.modality,
                "date": self.date,
                "date_label": self.date_label,
                "precision": self.precision,
                "qualifier": self.qualifier,
                "evidence": [q.as_dict() for q in self.evidence],
                "articles": list(self.articles),
            }
        )
        return out

    def lines(
        self, frm: str, mode: str = "both", indent: str = "  ", shown: set[str] | None = None
    ) -> list[str]:
        """The step with its fact type and date, the fact when the step does not name it, and
        the quotes grouped by article, for text output. A fact already in ``shown`` gets a
        pointer instead of its quotes again (``shown`` is updated)."""
        detail = [self.fact_type or self.kind, self.when()]
        if self.modality not in ("asserted", ""):
            detail.append(self.modality)
        out = [f"{indent}{self.step(frm, mode)}    [{', '.join(detail)}]"]
        if self.fact_label and self.fact not in (self.source, self.target):
            out.append(f"{indent}    fact: {self.fact_label}")
        if shown is not None and self.fact in shown:
            out.append(f"{indent}    (quotes of this fact above)")
            return out
        if shown is not None:
            shown.add(self.fact)
        out.extend(quote_lines(self.evidence, indent + "    "))
        return out


def quote_lines(evidence: tuple[Quote, ...] | list[Quote], indent: str = "    ") -> list[str]:
    """Quotes as text: each quote on its line, then its article (title and IRI) once."""
    out: list[str] = []
    for i, q in enumerate(evidence):
        out.append(f"{indent}“{q.quote}”")
        last = i + 1 == len(evidence) or evidence[i + 1].article != q.article
        if last:
            source = f"{q.title} <{q.article}>" if q.title else f"<{q.article}>"
            out.append(f"{indent}  — {source}")
    return out


@dataclass(frozen=True)
class Hop:
    """One hop of a path: from one node to the next, by every edge that joins them."""

    source: str
    target: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Path:
    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    def __len__(self) -> int:
        return len(self.hops)


class TraceGraph:
    """The traceable graph of one projection (built with ``include_facts=True``), with the
    search graphs derived from it cached per filter and mode."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.full = g
        self._base: nx.MultiDiGraph | None = None
        self._search: dict[tuple[EdgeFilter, str], nx.Graph] = {}

    @property
    def base(self) -> nx.MultiDiGraph:
        """Entities, direct relations and the fact nodes the default view draws."""
        if self._base is None:
            from .view import overview

            self._base = nx.freeze(overview(self.full))
        return self._base

    def label(self, node: str) -> str:
        g = self.full if node in self.full else self.base
        return str(g.nodes[node].get("label", node)) if node in g else node

    def search(self, flt: EdgeFilter, mode: str) -> nx.Graph:
        """The simple graph the path search runs on: an ``nx.DiGraph`` for ``forward``, an
        ``nx.Graph`` otherwise, with one edge wherever an edge of ``base`` passes ``flt``."""
        if mode not in MODES:
            raise InputError(f"unknown mode {mode!r}; use {', '.join(MODES)}")
        key = (flt, mode)
        if key not in self._search:
            test = flt.bind(self.base)
            h: nx.Graph = nx.DiGraph() if mode == "forward" else nx.Graph()
            h.add_edges_from(
                (u, v) for u, v, d in self.base.edges(data=True) if u != v and test(u, v, d)
            )
            if len(self._search) >= 8:
                self._search.pop(next(iter(self._search)))
            self._search[key] = nx.freeze(h)
        return self._search[key]

    def links(self, a: str, b: str, test: EdgeTest, mode: str) -> tuple[Link, ...]:
        """Every edge between ``a`` and ``b`` that passes ``test`` (only ``a`` → ``b`` in
        ``forward`` mode), a symmetric relation once, in a stable order."""
        g = self.base
        found: list[Link] = []
        seen_symmetric: set[tuple[str, str]] = set()
        pairs = [(a, b)] if mode == "forward" else [(a, b), (b, a)]
        for u, v in pairs:  # a -> b first: a symmetric relation is read from a
            for key, d in (g.succ[u].get(v) or {}).items() if u in g else ():
                if not test(u, v, d):
                    continue
                if d.get("symmetric"):
                    sym = (d.get("relation", ""), d.get("fact", ""))
                    if sym in seen_symmetric:
                        continue
                    seen_symmetric.add(sym)
                found.append(Link.of(g, u, v, key, d))
        found.sort(key=lambda x: (x.relation_label, x.date or "", x.fact, x.key))
        return tuple(found)


def _path(tg: TraceGraph, nodes: list[str], test: EdgeTest, mode: str) -> Path:
    hops = tuple(Hop(a, b, tg.links(a, b, test, mode)) for a, b in itertools.pairwise(nodes))
    return Path(tuple(nodes), hops)


def _detour(tg: TraceGraph, nodes: list[str]) -> bool:
    """True when a path goes participant ← fact → participant where the fact already relates
    the two directly (Huawei ←party— Deal —party→ MTS beside Huawei ←contracts with→ MTS)."""
    g = tg.base
    for a, f, b in zip(nodes, nodes[1:], nodes[2:], strict=False):
        if g.nodes[f].get("kind") != "fact":
            continue
        for u, v in ((a, b), (b, a)):
            if any(d.get("fact") == f for d in (g.succ[u].get(v) or {}).values()):
                return True
    return False


def all_shortest_paths(
    h: nx.Graph, source: str, target: str, cutoff: int | None = None
) -> Iterator[list[str]]:
    """Every shortest path from ``source`` to ``target`` in ``h`` (an ``nx.Graph``, or an
    ``nx.DiGraph`` followed forwards), or :class:`networkx.NetworkXNoPath`.

    A bidirectional breadth-first search: whole layers grow from both ends, the smaller
    frontier first, keeping every parent of each node, until a new layer touches the other
    side's frontier; the paths are then read off the two layer graphs through the nodes
    where they met. Unlike ``nx.all_shortest_paths``, which first searches the whole
    component of ``source``, it looks only as far from each end as half the distance. With
    ``cutoff``, it gives up once no path of at most that many hops can exist.

    >>> g = nx.Graph([("a", "b"), ("b", "d"), ("a", "c"), ("c", "d"), ("d", "e")])
    >>> sorted(all_shortest_paths(g, "a", "e"))
    [['a', 'b', 'd', 'e'], ['a', 'c', 'd', 'e']]
    """
    if source == target:
        yield [source]
        return
    ahead = h.succ if h.is_directed() else h.adj
    behind = h.pred if h.is_directed() else h.adj
    parents: dict[str, list[str]] = {source: []}  # node -> its neighbours one step nearer source
    children: dict[str, list[str]] = {target: []}  # node -> its neighbours one step nearer target
    front, back = [source], [target]
    depth = 0
    meet: list[str] = []
    while front and back and not meet:
        if cutoff is not None and depth >= cutoff:
            break
        depth += 1
        forward = len(front) <= len(back)
        frontier, seen, other, nbrs = (
            (front, parents, children, ahead) if forward else (back, children, parents, behind)
        )
        layer: dict[str, list[str]] = {}
        for u in frontier:
            for v in nbrs[u]:
                if v not in seen:
                    layer.setdefault(v, []).append(u)
        seen.update(layer)
        meet = sorted(v for v in layer if v in other)
        if forward:
            front = list(layer)
        else:
            back = list(layer)
    if not meet:
        raise nx.NetworkXNoPath(f"no path between {source} and {target}")

    def to_source(node: str) -> Iterator[list[str]]:
        if not parents[node]:
            yield [node]
            return
        for p in sorted(parents[node]):
            for head in to_source(p):
                yield [*head, node]

    def to_target(node: str) -> Iterator[list[str]]:
        if not children[node]:
            yield [node]
            return
        for c in sorted(children[node]):
            for tail in to_target(c):
                yield [node, *tail]

    for m in meet:
        for head in to_source(m):
            for tail in to_target(m):
                yield [*head, *tail[1:]]


@dataclass
class TraceResult(Answer):
    """The paths between two nodes (see :func:`trace`)."""

    source: str
    target: str
    source_label: str
    target_label: str
    paths: list[Path]
    mode: str = "both"
    all_paths: bool = False
    max_hops: int | None = None
    filters: str = ""
    truncated: bool = False
    _graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph, repr=False, compare=False)

    columns = (
        "path",
        "hop",
        "step",
        "source",
        "target",
        "relation",
        "fact",
        "fact_type",
        "date",
        "date_label",
        "precision",
        "quote",
        "article",
        "title",
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": {"iri": self.source, "label": self.source_label},
            "target": {"iri": self.target, "label": self.target_label},
            "mode": self.mode,
            "all_paths": self.all_paths,
            "max_hops": self.max_hops,
            "filters": self.filters,
            "truncated": self.truncated,
            "paths": [
                {
                    "length": len(p),
                    "nodes": [
                        {"iri": n, "label": self._label(n), "kind": self._kind(n)} for n in p.nodes
                    ],
                    "hops": [
                        {
                            "from": h.source,
                            "to": h.target,
                            "links": [link.as_dict(h.source, self.mode) for link in h.links],
                        }
                        for h in p.hops
                    ],
                }
                for p in self.paths
            ],
        }

    def _label(self, n: str) -> str:
        return str(self._graph.nodes[n].get("label", n)) if n in self._graph else n

    def _kind(self, n: str) -> str:
        return str(self._graph.nodes[n].get("kind", "entity")) if n in self._graph else "entity"

    def records(self) -> list[dict[str, Any]]:
        rows = []
        for i, p in enumerate(self.paths, 1):
            for j, h in enumerate(p.hops, 1):
                for link in h.links:
                    quotes = link.evidence or (None,)
                    for q in quotes:
                        rows.append(
                            {
                                "path": i,
                                "hop": j,
                                "step": link.step(h.source, self.mode),
                                "source": link.source,
                                "target": link.target,
                                "relation": link.relation,
                                "fact": link.fact,
                                "fact_type": link.fact_type,
                                "date": link.date,
                                "date_label": link.date_label,
                                "precision": link.precision,
                                "quote": q.quote if q else None,
                                "article": q.article if q else None,
                                "title": q.title if q else None,
                            }
                        )
        return rows

    def text(self) -> str:
        what = "path" if self.all_paths else "shortest path"
        head = f"{self.source_label} → {self.target_label}"
        conditions = [c for c in (self.filters, _mode_text(self.mode)) if c]
        if self.all_paths and self.max_hops:
            conditions.insert(0, f"up to {self.max_hops} hops")
        cond = f" ({'; '.join(conditions)})" if conditions else ""
        if not self.paths:
            return f"{head}: no path{cond}"
        n = len(self.paths)
        lines = [f"{head}: {n} {what}{'s' if n != 1 else ''}{cond}"]
        for i, p in enumerate(self.paths, 1):
            route = " → ".join(self._label(x) for x in p.nodes)
            lines.append("")
            lines.append(f"Path {i} ({len(p)} hop{'s' if len(p) != 1 else ''}): {route}")
            shown: set[str] = set()
            for h in p.hops:
                for link in h.links:
                    lines.extend(link.lines(h.source, self.mode, shown=shown))
        if self.truncated:
            lines.append("")
            lines.append(f"(only the first {n} paths are listed; raise --limit to see more)")
        return "\n".join(lines)

    def subgraph(self) -> nx.MultiDiGraph:
        nodes = [n for p in self.paths for n in p.nodes] or [self.source, self.target]
        edges = [
            (link.source, link.target, link.key)
            for p in self.paths
            for h in p.hops
            for link in h.links
        ]
        return subgraph(self._graph, nodes, edges)

    def focus(self) -> list[str]:
        return [self.source, self.target]


def _mode_text(mode: str) -> str:
    return {"forward": "directed", "ignore": "undirected"}.get(mode, "")


def trace(
    tg: TraceGraph,
    source: str,
    target: str,
    *,
    all_paths: bool = False,
    max_hops: int | None = None,
    mode: str = "both",
    flt: EdgeFilter | None = None,
    limit: int = DEFAULT_LIMIT,
) -> TraceResult:
    """The shortest paths from ``source`` to ``target`` (node IRIs), every one of them; with
    ``all_paths``, every simple path of at most ``max_hops`` hops (default
    :data:`DEFAULT_MAX_HOPS`), shortest first, leaving out detours through a fact between two
    of its own participants. At most ``limit`` paths are returned (``truncated`` says so).
    """
    flt = flt or EdgeFilter()
    if source == target:
        raise InputError("the two entities are the same; give two different ones")
    if max_hops is not None and max_hops < 1:
        raise InputError(f"--max-hops {max_hops}: give 1 or more")
    if limit < 1:
        raise InputError(f"--limit {limit}: give 1 or more")
    h = tg.search(flt, mode)
    test = flt.bind(tg.base)
    found: list[list[str]] = []
    truncated = False
    cutoff = (max_hops or DEFAULT_MAX_HOPS) if all_paths else max_hops
    if source in h and target in h:
        candidates: Iterator[list[str]]
        try:
            if all_paths:
                candidates = (
                    p for p in nx.shortest_simple_paths(h, source, target) if not _detour(tg, p)
                )
            else:
                candidates = all_shortest_paths(h, source, target, cutoff)
            for p in candidates:
                if cutoff is not None and len(p) - 1 > cutoff:
                    break
                if len(found) == limit:
                    truncated = True
                    break
                found.append(p)
        except nx.NetworkXNoPath:
            found = []
    found.sort(key=lambda p: (len(p), [tg.label(n).casefold() for n in p], p))
    return TraceResult(
        source=source,
        target=target,
        source_label=tg.label(source),
        target_label=tg.label(target),
        paths=[_path(tg, p, test, mode) for p in found],
        mode=mode,
        all_paths=all_paths,
        max_hops=cutoff,
        filters=flt.describe(),
        truncated=truncated,
        _graph=tg.base,
    )


# ------------------------------------------------------------------------------------------------
# Neighbourhoods
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """A node within reach: its distance and the edges that reach it from one hop nearer."""

    node: str
    label: str
    kind: str
    type: str
    distance: int
    links: tuple[tuple[str, Link], ...]  # (the nearer node, the edge)


@dataclass
class Neighborhood(Answer):
    """What is within ``hops`` of ``center`` (see :func:`neighbors`)."""

    center: str
    center_label: str
    hops: int
    reached: list[Reach]
    mode: str = "both"
    filters: str = ""
    _graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph, repr=False, compare=False)

    columns = (
        "distance",
        "relation",
        "step",
        "node",
        "label",
        "type",
        "fact",
        "fact_type",
        "date",
        "date_label",
        "precision",
        "quotes",
    )

    def groups(self) -> dict[tuple[int, str], list[tuple[Reach, str, Link]]]:
        """The reaching edges by (distance, relation label), in display order."""
        out: dict[tuple[int, str], list[tuple[Reach, str, Link]]] = {}
        for r in self.reached:
            for frm, link in r.links:
                out.setdefault((r.distance, _relation_name(link)), []).append((r, frm, link))
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "center": {"iri": self.center, "label": self.center_label},
            "hops": self.hops,
            "mode": self.mode,
            "filters": self.filters,
            "reached": [
                {
                    "iri": r.node,
                    "label": r.label,
                    "kind": r.kind,
                    "type": r.type,
                    "distance": r.distance,
                    "links": [link.as_dict(frm, self.mode) for frm, link in r.links],
                }
                for r in self.reached
            ],
            "groups": [
                {
                    "distance": d,
                    "relation": rel,
                    "steps": [link.step(frm, self.mode) for _, frm, link in items],
                }
                for (d, rel), items in self.groups().items()
            ],
        }

    def records(self) -> list[dict[str, Any]]:
        return [
            {
                "distance": r.distance,
                "relation": _relation_name(link),
                "step": link.step(frm, self.mode),
                "node": r.node,
                "label": r.label,
                "type": r.type,
                "fact": link.fact,
                "fact_type": link.fact_type,
                "date": link.date,
                "date_label": link.date_label,
                "precision": link.precision,
                "quotes": len(link.evidence),
            }
            for (_, _), items in self.groups().items()
            for r, frm, link in items
        ]

    def text(self) -> str:
        cond = "; ".join(c for c in (self.filters, _mode_text(self.mode)) if c)
        n = len(self.reached)
        head = (
            f"{self.center_label}: {n} node{'s' if n != 1 else ''} within "
            f"{self.hops} hop{'s' if self.hops != 1 else ''}" + (f" ({cond})" if cond else "")
        )
        lines = [head]
        shown: set[str] = set()
        last_distance = 0
        for (d, rel), items in self.groups().items():
            if d != last_distance:
                lines.append("")
                lines.append(f"{d} hop{'s' if d != 1 else ''} away")
                last_distance = d
            lines.append(f"  {rel}: {len(items)}")
            for _, frm, link in items:
                lines.extend(link.lines(frm, self.mode, indent="    ", shown=shown))
        return "\n".join(lines)

    def subgraph(self) -> nx.MultiDiGraph:
        nodes = [self.center, *(r.node for r in self.reached)]
        edges = [(link.source, link.target, link.key) for r in self.reached for _, link in r.links]
        return subgraph(self._graph, nodes, edges)

    def focus(self) -> list[str]:
        return [self.center]


def _relation_name(link: Link) -> str:
    """How a neighbourhood groups an edge: the relation, or the role and its fact type."""
    if link.kind == "role":
        return f"{link.relation_label} ({link.fact_type})"
    return link.relation_label


def neighbors(
    tg: TraceGraph,
    center: str,
    hops: int = 1,
    *,
    mode: str = "both",
    flt: EdgeFilter | None = None,
) -> Neighborhood:
    """Every node within ``hops`` of ``center`` (a node IRI), at its shortest distance, with
    the edges that reach it from the nodes one hop nearer.

    In ``forward`` mode only outgoing edges are followed.
    """
    flt = flt or EdgeFilter()
    if hops < 1:
        raise InputError(f"--hops {hops}: give 1 or more")
    h = tg.search(flt, mode)
    test = flt.bind(tg.base)
    reached: list[Reach] = []
    if center in h:
        dist = nx.single_source_shortest_path_length(h, center, cutoff=hops)
        pred: Callable[[str], Any] = h.predecessors if mode == "forward" else h.neighbors
        for node, d in dist.items():
            if d == 0:
                continue
            links: list[tuple[str, Link]] = []
            for p in sorted(pred(node)):
                if dist.get(p) == d - 1:
                    links.extend((p, link) for link in tg.links(p, node, test, mode))
            g = tg.base
            reached.append(
                Reach(
                    node=node,
                    label=tg.label(node),
                    kind=g.nodes[node].get("kind", "entity"),
                    type=g.nodes[node].get("type", ""),
                    distance=d,
                    links=tuple(links),
                )
            )
    reached.sort(key=lambda r: (r.distance, r.label.casefold(), r.node))
    return Neighborhood(
        center=center,
        center_label=tg.label(center),
        hops=hops,
        reached=reached,
        mode=mode,
        filters=flt.describe(),
        _graph=tg.base,
    )
