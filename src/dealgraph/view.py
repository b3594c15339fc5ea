"""Interactive HTML graph views that open offline, for exploring, citing and sharing.

pyvis builds the network (its nodes and edges, filled in bulk: see :func:`build_network`);
the page is the project's own Jinja2 template (``templates/view.html`` with ``view.css`` and
``view.js``) with vis-network's script and CSS inlined from the pyvis package, so no request
leaves the machine (the page also carries a Content-Security-Policy that forbids any). In the
page a reader can search an entity by any of its names, filter by entity, fact and relation
type (the legend's checkboxes) and by date, click a node or an edge to see its facts, dates,
evidence quotes and sources in a side panel, and freeze or resume the layout.

Colour and shape of nodes come from their class, the style of edges from their relation
(``ontology/types.yaml``). The page's data is a JSON document with a table of facts (each with
its date, the days it may fall on and its quotes) and a table of articles (title, URL, IRI), so
a quote is written once however many edges it supports. Everything that came from an article
or a label goes through :mod:`dealgraph.escape` and is put in the page as text only;
tooltips are plain text.

Past ``max_nodes`` (default :data:`DEFAULT_MAX_NODES`) a view draws the most connected part of
the graph (the nodes nearest the focus first, when there is one) and says what it left out
(:class:`Cut`).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="entity", type="Company", label="A")
>>> g.add_node("b", kind="entity", type="State", label="B")
>>> _ = g.add_edge("b", "a", key="s1", kind="relation", relation="https://w3id.org/dealgraph/ontology#bans",
...            relation_label="bans", fact="f1", fact_type="Ban", fact_label="Ban: B – A",
...            date="2019-01-01", precision="year", qualifier="before", evidence=[])
>>> view = render_view(g, title="tiny")
>>> view.nodes, view.edges, view.cut is None
(2, 1, True)
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.edge import Edge as VisEdge
from pyvis.network import Network
from pyvis.node import Node as VisNode

from . import __version__, escape
from ._yaml import atomic_write_text
from .escape import script_json
from .filters import possible_days
from .schema import Schema, load_schema

#: How many nodes a view draws unless told otherwise (``--max-nodes``); ``bench/view.py``
#: measures how long views of 500, 2,000 and 10,000 nodes take to settle.
DEFAULT_MAX_NODES = 2000
#: From this many nodes (or :data:`LARGE_EDGES` edges) the page is tuned for size: straight
#: edges, no initial Kamada-Kawai layout, edge labels only when zoomed in, fewer iterations.
LARGE_NODES = 300
LARGE_EDGES = 1500


@dataclass(frozen=True)
class Cut:
    """What a view left out to stay usable: it draws ``shown_nodes`` of ``total_nodes``.

    ``left_out`` counts the nodes left out by type (the type's label, most first);
    ``focused`` says the nodes were chosen nearest the focus first, not only by degree.
    """

    total_nodes: int
    total_edges: int
    shown_nodes: int
    shown_edges: int
    left_out: tuple[tuple[str, int], ...]
    focused: bool = False

    @property
    def left_out_nodes(self) -> int:
        return self.total_nodes - self.shown_nodes

    @property
    def left_out_edges(self) -> int:
        return self.total_edges - self.shown_edges

    def message(self) -> str:
        """What the view draws and what it left out, in one sentence for the page and the CLI.

        >>> Cut(10, 20, 4, 6, (("company", 5), ("deal", 1))).message()
        'This view draws the 4 most connected of 10 nodes and 6 of 20 edges. Left out: 6 nodes (company 5, deal 1) and 14 edges.'
        """
        how = "nearest to the focus" if self.focused else "most connected"
        by_type = ", ".join(f"{label} {n:,}" for label, n in self.left_out)
        return (
            f"This view draws the {self.shown_nodes:,} {how} of {self.total_nodes:,} nodes and "
            f"{self.shown_edges:,} of {self.total_edges:,} edges. Left out: "
            f"{self.left_out_nodes:,} nodes ({by_type}) and {self.left_out_edges:,} edges."
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "total_nodes": self.total_nodes,
            "total_edges": self.total_edges,
            "shown_nodes": self.shown_nodes,
            "shown_edges": self.shown_edges,
            "left_out": [list(x) for x in self.left_out],
            "focused": self.focused,
        }


@dataclass(frozen=True)
class RenderedView:
    """A rendered page, the number of nodes and edges it draws and what it left out.

    In Jupyter it displays inline: the page in a sandboxed ``<iframe srcdoc>`` (scripts run,
    nothing else is allowed, and the page's own policy forbids any request).
    """

    html: str
    nodes: int
    edges: int
    cut: Cut | None = None

    def save(self, path: str | os.PathLike[str]) -> ViewReport:
        """Write the page to ``path`` (through a temporary file and a rename)."""
        target = Path(path)
        atomic_write_text(target, self.html)
        return ViewReport(
            path=target,
            nodes=self.nodes,
            edges=self.edges,
            bytes=len(self.html.encode("utf-8")),
            cut=self.cut,
        )

    def _repr_html_(self, height: int = 640) -> str:
        return (
            f'<iframe srcdoc="{escape.html(self.html)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(height)}px; border: 1px solid #d9e2ec" '
            'title="dealgraph view"></iframe>'
        )


@dataclass(frozen=True)
class ViewReport:
    path: Path
    nodes: int
    edges: int
    bytes: int
    cut: Cut | None = None


# ------------------------------------------------------------------------------------------------
# What a view draws
# ------------------------------------------------------------------------------------------------


def overview(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The default view of a projection built with ``include_facts=True``.

    Entities and their direct relations; a fact node only where a relation ends on it (a deal
    signed during a visit) or where it is the only link of an entity (the technology a deal is
    about, the agency a statement was made to), with role edges to its participants.
    """
    related: set[str] = set()  # nodes at either end of a direct relation
    for u, v, d in g.edges(data=True):
        if d.get("kind") == "relation":
            related.update((u, v))
    keep_facts = {n for n in related if g.nodes[n].get("kind") == "fact"}
    for n, d in g.nodes(data=True):
        if d.get("kind") == "entity" and n not in related:
            keep_facts.update(f for f, _, e in g.in_edges(n, data=True) if e.get("kind") == "role")
    out = nx.MultiDiGraph()
    out.add_nodes_from(
        (n, d) for n, d in g.nodes(data=True) if d.get("kind") == "entity" or n in keep_facts
    )
    out.add_edges_from(
        (s, o, k, d)
        for s, o, k, d in g.edges(keys=True, data=True)
        if s in out and o in out and (d.get("kind") == "relation" or s in keep_facts)
    )
    return out


def neighbourhood(g: nx.MultiDiGraph, center: str, hops: int = 1) -> dict[str, int]:
    """Every node within ``hops`` of ``center`` in ``g``, edges followed either way, with its
    distance.

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> neighbourhood(g, "a", 2)
    {'a': 0, 'b': 1, 'c': 2}
    """
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    dist = {center: 0}
    layer = [center]
    for d in range(1, hops + 1):
        if not layer:
            break
        nxt = []
        for u in layer:
            for v in (*g.succ[u], *g.pred[u]):
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        layer = nxt
    return dist


def drawn_edges(g: nx.MultiDiGraph) -> Iterator[tuple[str, str, Any, Mapping[str, Any]]]:
    """The edges a view draws: every edge, except that a symmetric relation stated both ways
    (``A contracts with B`` and ``B contracts with A`` for one fact) is drawn once."""
    seen: set[tuple[str, str, str, str]] = set()
    for u, v, k, d in g.edges(keys=True, data=True):
        if d.get("symmetric"):
            pair = (min(u, v), max(u, v), d.get("relation", ""), d.get("fact", ""))
            if pair in seen:
                continue
            seen.add(pair)
        yield u, v, k, d


def _degrees(g: nx.MultiDiGraph) -> dict[str, int]:
    """How many distinct nodes each node is joined to, either way."""
    return {n: len(set(g.succ[n]) | set(g.pred[n]) - {n}) for n in g}


def limit(
    g: nx.MultiDiGraph,
    max_nodes: int | None,
    focus: Sequence[str] = (),
    distance: Mapping[str, int] | None = None,
    schema: Schema | None = None,
) -> tuple[nx.MultiDiGraph, Cut | None]:
    """``g`` itself when it has at most ``max_nodes`` nodes (``None``: no limit); otherwise
    the subgraph of the ``max_nodes`` nodes that matter most, and what was left out.

    The ``focus`` nodes are always kept; then the nodes nearest them (by ``distance``, by
    default the number of hops from the nearest focus node, edges followed either way), then
    the most connected (distinct neighbours), then by label. Every edge between kept nodes is
    kept.

    >>> g = nx.MultiDiGraph([("hub", x) for x in "abc"] + [("a", "b"), ("d", "e")])
    >>> for n in g:
    ...     g.nodes[n].update(kind="entity", type="Company", label=n)
    >>> small, cut = limit(g, 3)
    >>> sorted(small), cut.left_out
    (['a', 'b', 'hub'], (('company', 3),))
    >>> sorted(limit(g, 3, focus=["e"])[0])  # the focus, its neighbour, the hub
    ['d', 'e', 'hub']
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be 1 or more")
    if max_nodes is None or g.number_of_nodes() <= max_nodes:
        return g, None
    schema = schema or load_schema()
    degree = _degrees(g)
    first = [n for n in dict.fromkeys(focus) if n in g][:max_nodes]
    chosen = set(first)
    if distance is None and first:
        distance = {}
        for n in first:
            for m, d in neighbourhood(g, n, g.number_of_nodes()).items():
                distance[m] = min(d, distance.get(m, d))
    far = 1 << 30
    rest = sorted(
        (n for n in g if n not in chosen),
        key=lambda n: (
            distance.get(n, far) if distance is not None else 0,
            -degree[n],
            str(g.nodes[n].get("label", n)).casefold(),
            n,
        ),
    )
    keep = first + rest[: max_nodes - len(first)]
    kept = set(keep)
    sub = nx.MultiDiGraph()  # built directly: copying a subgraph view is five times slower
    sub.add_nodes_from((n, g.nodes[n]) for n in keep)
    sub.add_edges_from(
        (u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if u in kept and v in kept
    )
    left = Counter(
        _type_label(schema, g.nodes[n].get("type", "Entity"))
        for n in rest[len(keep) - len(first) :]
    )
    cut = Cut(
        total_nodes=g.number_of_nodes(),
        total_edges=sum(1 for _ in drawn_edges(g)),
        shown_nodes=sub.number_of_nodes(),
        shown_edges=sum(1 for _ in drawn_edges(sub)),
        left_out=tuple(sorted(left.items(), key=lambda x: (-x[1], x[0]))),
        focused=bool(first) or distance is not None,
    )
    return sub, cut


# ------------------------------------------------------------------------------------------------
# The network and the page's data
# ------------------------------------------------------------------------------------------------


def _type_label(schema: Schema, name: str) -> str:
    if name in schema.entity_classes:
        return schema.entity_classes[name].label.get("en", name)
    if name in schema.fact_types:
        return schema.fact_types[name].label.get("en", name)
    return name


def _days(date: str | None, precision: str | None, qualifier: str | None) -> list[str | None]:
    """The first and last day a date may fall on, ISO, ``None`` for an open end."""
    if not date or not precision:
        return []
    return list(_days_of(str(date), str(precision), qualifier or "on"))


@cache
def _days_of(date: str, precision: str, qualifier: str) -> tuple[str | None, str | None]:
    first, last = possible_days(date, precision, qualifier)
    return (
        None if first == dt.date.min else first.isoformat(),
        None if last == dt.date.max else last.isoformat(),
    )


@cache
def _span_of(date: str, precision: str) -> tuple[dt.date, dt.date]:
    return possible_days(date, precision, "on")


class _PageData:
    """The tables of a page: types (legend and filters), facts, articles."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.types: list[dict[str, Any]] = []
        self._types: dict[str, int] = {}
        self.facts: list[dict[str, Any]] = []
        self._facts: dict[str, int] = {}
        self.articles: list[dict[str, Any]] = []
        self._articles: dict[str, int] = {}
        self.span: list[dt.date] = []

    def node_type(self, d: Mapping[str, Any]) -> int:
        name = d.get("type", "Entity")
        kind = "fact" if d.get("kind") == "fact" else "entity"
        key = f"{kind}:{name}"
        if key not in self._types:
            s = self.schema
            style = (
                s.fact_types[name].style
                if name in s.fact_types
                else s.entity_classes[name].style
                if name in s.entity_classes
                else s.entity_classes["Entity"].style
            )
            self._add_type(
                key, kind=kind, label=_type_label(s, name), color=style.color, shape=style.shape
            )
        return self._types[key]

    def edge_type(self, d: Mapping[str, Any]) -> int:
        kind = d.get("kind", "relation")
        relation = d.get("relation", "")
        key = f"link:{d.get('relation_label', '')}" if kind == "link" else f"{kind}:{relation}"
        if key not in self._types:
            if kind == "relation":
                style = self.schema.relation_style(relation)
            else:
                style = self.schema.view_edges.get(kind, self.schema.view_edges["link"])
                kind = kind if kind in ("role", "link") else "link"
            self._add_type(
                key,
                kind=kind,
                label=d.get("relation_label") or relation,
                color=style.color,
                shape="line",
                dashes=style.dashes,
                width=style.width,
                arrows="" if d.get("symmetric") or kind == "role" else "to",
            )
        return self._types[key]

    def _add_type(self, key: str, **fields: Any) -> None:
        self._types[key] = len(self.types)
        self.types.append({"key": key, "count": 0, **fields})

    def count(self, t: int) -> None:
        self.types[t]["count"] += 1

    def article(self, q: Any) -> int:
        if q.article not in self._articles:
            self._articles[q.article] = len(self.articles)
            entry = {"iri": q.article, "title": q.title}
            url = getattr(q, "url", "")
            if url:
                entry["url"] = url
            self.articles.append(entry)
        return self._articles[q.article]

    def fact(self, iri: str, d: Mapping[str, Any], own: bool) -> int:
        """The index of fact ``iri`` in the facts table; ``d`` is the fact node's data
        (``own``) or an edge's, which repeats its fact's."""
        if iri in self._facts:
            return self._facts[iri]
        ftype = (d.get("type") if own else d.get("fact_type")) or ""
        entry: dict[str, Any] = {
            "iri": iri,
            "label": (d.get("label") if own else d.get("fact_label")) or iri,
            "type": _type_label(self.schema, ftype) if ftype else "",
        }
        date, precision, qualifier = d.get("date"), d.get("precision"), d.get("qualifier")
        days = _days(date, precision, qualifier)
        if days:
            entry["date"] = d.get("date_label") or date
            entry["precision"] = precision
            entry["days"] = days
            first, last = _span_of(str(date), str(precision))
            self.span = (
                [min(self.span[0], first), max(self.span[1], last)] if self.span else [first, last]
            )
        modality = d.get("modality")
        if modality and modality != "asserted":
            entry["modality"] = modality
        entry["ev"] = [
            [q.quote, self.article(q), q.start, q.end, q.rule, q.confidence]
            for q in d.get("evidence") or ()
        ]
        self._facts[iri] = len(self.facts)
        self.facts.append(entry)
        return self._facts[iri]


def _fill(net: Network, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Put nodes and edges into a pyvis network in bulk.

    ``Network.add_node`` checks each new id against a list of all ids and ``add_edge`` checks
    both ends against it, so adding n nodes and m edges costs O(n² + m·n): minutes for a graph
    of 10,000 nodes (``bench/view.py`` measures it). Our ids are unique by construction, so
    the same option dicts (pyvis's own :class:`~pyvis.node.Node` and
    :class:`~pyvis.edge.Edge`) go straight into the network's lists and map.
    """
    for opts in nodes:
        n = VisNode(
            opts.pop("id"),
            opts.pop("shape"),
            label=opts.pop("label"),
            font_color=net.font_color,
            **opts,
        )
        net.nodes.append(n.options)
        net.node_ids.append(n.options["id"])
        net.node_map[n.options["id"]] = n.options
    for opts in edges:
        e = VisEdge(opts.pop("from"), opts.pop("to"), net.directed, **opts)
        net.edges.append(e.options)


def seed_layout(
    g: nx.MultiDiGraph, degree: Mapping[str, int] | None = None, length: float = 100.0
) -> dict[str, tuple[float, float]]:
    """Initial positions for a large view, so that the browser's physics starts near a
    layout instead of from random points (which 150 iterations do not untangle on 10,000
    nodes).

    The most connected nodes (at most 150) are laid out by networkx's spring layout; every
    other node then goes, in breadth-first order from them, near the node it is first reached
    from, the children of one node spread on a sunflower spiral around it. Components the core
    does not reach are started on a ring around it. Linear in the graph's size, seeded: the
    same graph gets the same positions.

    >>> g = nx.MultiDiGraph([("hub", x) for x in "abcd"])
    >>> pos = seed_layout(g)
    >>> sorted(pos) == sorted(g) and all(abs(x) < 1e4 and abs(y) < 1e4 for x, y in pos.values())
    True
    """
    if not g.number_of_nodes():
        return {}
    degree = degree if degree is not None else _degrees(g)
    order = sorted(g, key=lambda n: (-degree[n], n))
    core = order[: min(150, len(order))]
    spread = length * math.sqrt(len(core)) / 1.5
    core_graph = nx.Graph()
    core_graph.add_nodes_from(core)
    core_set = set(core)
    core_graph.add_edges_from(
        (u, v) for u, v in g.edges() if u in core_set and v in core_set and u != v
    )
    raw = nx.spring_layout(core_graph, seed=7, iterations=60)
    pos: dict[str, tuple[float, float]] = {
        n: (float(x) * spread, float(y) * spread) for n, (x, y) in raw.items()
    }
    children: Counter[str] = Counter()
    golden = math.pi * (3 - math.sqrt(5))

    def near(anchor: str) -> tuple[float, float]:
        k = children[anchor]
        children[anchor] += 1
        r = length * 0.6 * math.sqrt(k + 1)
        ax, ay = pos[anchor]
        return ax + r * math.cos(k * golden), ay + r * math.sin(k * golden)

    queue = deque(core)
    rings = 0
    for start in order:
        if start not in pos:  # a component the core does not reach: start it on a ring
            rings += 1
            angle = rings * golden
            radius = spread * 1.4 + length * math.sqrt(rings)
            pos[start] = (radius * math.cos(angle), radius * math.sin(angle))
            queue.append(start)
        while queue:
            u = queue.popleft()
            for v in sorted({*g.succ[u], *g.pred[u]}, key=lambda x: (-degree[x], x)):
                if v not in pos:
                    pos[v] = near(u)
                    queue.append(v)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def build_network(
    g: nx.MultiDiGraph, schema: Schema | None = None, focus: Sequence[str] = ()
) -> tuple[Network, dict[str, Any]]:
    """A pyvis network of ``g`` (a projection or part of one) and the page's tables.

    Nodes and edges get small integer ids; their IRIs, facts and types are in the tables:
    ``types`` (the legend: entity classes, fact types, relations, roles and query links, each
    with its style and count), ``facts`` (label, type, date, the days it may fall on, quotes)
    and ``articles`` (IRI, title, URL). ``span`` is the first and last day of the dates present.
    """
    schema = schema or load_schema()
    page = _PageData(schema)
    net = Network(directed=False, cdn_resources="in_line")
    ids: dict[str, int] = {}
    degree = _degrees(g)
    drawn = sorted(drawn_edges(g), key=lambda x: (x[0], x[1], str(x[2])))
    large = is_large(g.number_of_nodes(), len(drawn))
    where = seed_layout(g, degree) if large else {}
    nodes: list[dict[str, Any]] = []
    for n, d in sorted(g.nodes(data=True), key=lambda x: x[0]):
        ids[n] = len(ids)
        t = page.node_type(d)
        page.count(t)
        label = str(d.get("label") or n)
        opts: dict[str, Any] = {
            "id": ids[n],
            "label": label,
            "shape": page.types[t]["shape"],
            "color": page.types[t]["color"],
            "size": round(
                (10 if d.get("kind") == "fact" else 12) + 4 * math.log2(1 + degree[n]), 1
            ),
            "t": t,
            "iri": n,
        }
        names = [x for x in (*(d.get("labels") or {}).values(), *(d.get("aliases") or ())) if x]
        names = [x for x in dict.fromkeys(names) if x != label]
        if names:
            opts["names"] = names
        for key, short in (("description", "desc"), ("wikidata", "wd")):
            if d.get(key):
                opts[short] = str(d[key])
        if d.get("kind") == "fact":
            opts["f"] = page.fact(n, d, own=True)
        elif d.get("props"):
            opts["props"] = [[str(k), str(v)] for k, v in d["props"]]
        if n in where:
            opts["x"], opts["y"] = where[n]
        nodes.append(opts)

    edges: list[dict[str, Any]] = []
    parallel: Counter[tuple[str, str]] = Counter()
    for u, v, _, d in drawn:
        t = page.edge_type(d)
        page.count(t)
        opts = {"id": len(edges), "from": ids[u], "to": ids[v], "t": t}
        if d.get("kind") == "link":
            opts["label"] = str(d.get("relation_label", ""))
        fact = d.get("fact")
        if fact:
            opts["f"] = page.fact(fact, g.nodes[fact] if fact in g else d, own=fact in g)
            if not page.facts[opts["f"]].get("days") and g.nodes[u].get("kind") == "fact":
                # a relation between facts (a deal signed during a visit) has no date of its
                # own: it is dated by the fact it starts from, as --since/--until do
                w = page.fact(u, g.nodes[u], own=True)
                if page.facts[w].get("days"):
                    opts["w"] = w
        pair = (min(u, v), max(u, v))
        parallel[pair] += 1
        if parallel[pair] > 1 and not large:  # bend parallel edges apart, to either side
            k = parallel[pair] - 1
            opts["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if (k % 2) == (u < v) else "curvedCCW",
                "roundness": round(0.18 * ((k + 1) // 2), 2),
            }
        edges.append(opts)
    _fill(net, nodes, edges)
    tables = {
        "types": page.types,
        "facts": page.facts,
        "articles": page.articles,
        "span": [d.isoformat() for d in page.span],
        "focus": [ids[n] for n in focus if n in ids],
    }
    return net, tables


def is_large(nodes: int, edges: int) -> bool:
    """True when a view of that size is tuned for size (see :func:`vis_options`)."""
    return nodes >= LARGE_NODES or edges >= LARGE_EDGES


def vis_options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network's options for a graph of that size.

    Small graphs get curved dynamic edges, edge labels, hover highlighting and a careful
    initial layout. Large ones (:data:`LARGE_NODES`, :data:`LARGE_EDGES`) are tuned for size:
    they start from :func:`seed_layout`'s positions instead of vis-network's Kamada-Kawai
    layout (its clustering stalls on thousands of nodes), with fewer stabilisation iterations
    and a coarser Barnes-Hut tree, straight edges, edges hidden while dragging and zooming,
    node labels drawn from a readable size and edge labels only when zoomed in.
    (:func:`render_view` also draws every edge of a large view solid: a dashed line costs a
    canvas ten times as much, 4 s instead of 0.4 s for each frame of 50,000 edges.)
    """
    large = is_large(nodes, edges)
    # a large view starts from seed_layout's positions: fewer iterations untangle it
    iterations = 1000 if not large else max(50, min(400, 300_000 // max(nodes, 1)))
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3},
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": 9 if large else 5}},
        },
        "edges": {
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "smooth": False if large else {"enabled": True, "type": "dynamic"},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
            "scaling": {"label": {"drawThreshold": 14 if large else 6}},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
        "physics": {
            # ForceAtlas2 (on a Barnes-Hut tree) at every size: with hubs of thousands of
            # edges, vis-network's plain Barnes-Hut left axis-aligned arms after 100-150
            # iterations; ForceAtlas2 weighs repulsion by degree and stays round.
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": (
                {
                    "gravitationalConstant": -50,
                    "centralGravity": 0.01,
                    "springLength": 100,
                    "springConstant": 0.08,
                    "avoidOverlap": 0,
                    "theta": 0.65,  # a coarser far field than the default 0.5: a third cheaper
                }
                if large
                else {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4}
            ),
            "adaptiveTimestep": True,
            "minVelocity": 1.5 if large else 0.75,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                # iterations between two progress reports, in which the page cannot react:
                # about a quarter of a second whatever the size
                "updateInterval": max(2, min(25, 50_000 // max(nodes, 1))),
                "fit": True,
            },
        },
    }


@cache
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # The script sits inside <script>: make sure nothing in it can close the element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("dealgraph", "templates"), autoescape=select_autoescape(["html"])
    )


@cache
def _page_assets() -> tuple[str, str]:
    env = _environment()
    assert env.loader is not None
    js, _, _ = env.loader.get_source(env, "view.js")
    css, _, _ = env.loader.get_source(env, "view.css")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def render_view(
    g: nx.MultiDiGraph,
    title: str = "dealgraph",
    summary: str = "",
    notice: str = "",
    *,
    focus: Iterable[str] = (),
    max_nodes: int | None = DEFAULT_MAX_NODES,
    distance: Mapping[str, int] | None = None,
    schema: Schema | None = None,
) -> RenderedView:
    """The HTML page of the graph ``g`` (a projection, or part of one).

    ``focus`` nodes are kept in any cut, drawn larger, selected and shown in the side panel
    when the page opens. Past ``max_nodes`` nodes (``None``: no limit) the page draws the
    part :func:`limit` keeps (nearest the focus by ``distance`` first, when given) and its
    ``notice`` says what was left out (``RenderedView.cut``).
    """
    schema = schema or load_schema()
    focus = [n for n in focus if n in g]
    shown, cut = limit(g, max_nodes, focus=focus, distance=distance, schema=schema)
    net, tables = build_network(shown, schema, focus=focus)
    net.options = vis_options(len(net.nodes), len(net.edges))
    if is_large(len(net.nodes), len(net.edges)):
        for ty in tables["types"]:
            ty["dashes"] = False
    nodes, edges, *_ = net.get_network_data()
    notices = [x for x in (notice, cut.message() if cut else "") if x]
    counts = f"{len(nodes):,} nodes, {len(edges):,} edges"
    if cut:
        counts += f" (of {cut.total_nodes:,} nodes, {cut.total_edges:,} edges)"
    data = {
        "title": title,
        "summary": summary or counts,
        "counts": counts,
        "notices": notices,
        "cut": cut.as_dict() if cut else None,
        "nodes": nodes,
        "edges": edges,
        "options": net.options,
        **tables,
    }
    vis_js, vis_css = _vis_assets()
    page_js, page_css = _page_assets()
    page = (
        _environment()
        .get_template("view.html")
        .render(
            title=title,
            version=__version__,
            data=script_json(data),
            vis_js=Markup(vis_js),
            vis_css=Markup(vis_css),
            page_js=Markup(page_js),
            page_css=Markup(page_css),
        )
    )
    return RenderedView(html=page, nodes=len(nodes), edges=len(edges), cut=cut)


def write_view(
    g: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    title: str = "dealgraph",
    summary: str = "",
    notice: str = "",
    **options: Any,
) -> ViewReport:
    """Write the view of ``g`` to ``path`` (through a temporary file and a rename); keyword
    ``options`` as for :func:`render_view`."""
    return render_view(g, title=title, summary=summary, notice=notice, **options).save(path)
