"""Interactive HTML graph views that open offline.

pyvis builds the network (nodes, edges, physics options); the page is the project's own Jinja2
template with vis-network's script and CSS inlined from the pyvis package, so no request leaves
the machine (the page also carries a Content-Security-Policy that forbids any). Colour and shape
come from ``ontology/types.yaml``; every edge has a label and a plain-text tooltip with its fact,
date, evidence quote and source; clicking shows the same in a side panel. Everything that came
from an article goes through :mod:`dealgraph.escape`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from . import __version__, escape
from ._yaml import atomic_write_text
from .escape import script_json
from .schema import Schema, load_schema


@dataclass(frozen=True)
class RenderedView:
    """A rendered page and the number of nodes and edges it draws.

    In Jupyter it displays inline: the page in a sandboxed ``<iframe srcdoc>`` (scripts run,
    nothing else is allowed, and the page's own policy forbids any request).
    """

    html: str
    nodes: int
    edges: int

    def save(self, path: str | os.PathLike[str]) -> ViewReport:
        """Write the page to ``path`` (through a temporary file and a rename)."""
        target = Path(path)
        atomic_write_text(target, self.html)
        return ViewReport(
            path=target, nodes=self.nodes, edges=self.edges, bytes=len(self.html.encode("utf-8"))
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


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # The script sits inside <script>: make sure nothing in it can close the element early.
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _tooltip_quote(evidence: list[Any], limit: int = 2) -> list[str]:
    lines = []
    for q in evidence[:limit]:
        lines.append(f"“{q.quote}”")
        lines.append(f"Source: {q.title + ' — ' if q.title else ''}{q.article}")
    if len(evidence) > limit:
        lines.append(f"(+{len(evidence) - limit} more quotes)")
    return lines


def _type_label(schema: Schema, name: str) -> str:
    if name in schema.entity_classes:
        return schema.entity_classes[name].label.get("en", name)
    if name in schema.fact_types:
        return schema.fact_types[name].label.get("en", name)
    return name


def build_network(
    g: nx.MultiDiGraph, schema: Schema | None = None
) -> tuple[Network, list[dict[str, Any]]]:
    """A pyvis network of the projection ``g`` and the legend entries it uses."""
    schema = schema or load_schema()
    net = Network(directed=True, cdn_resources="in_line")
    used: dict[str, dict[str, Any]] = {}

    for node, d in sorted(g.nodes(data=True), key=lambda x: x[0]):
        tname = d.get("type", "Entity")
        style = (
            schema.entity_classes[tname].style
            if tname in schema.entity_classes
            else schema.fact_types[tname].style
            if tname in schema.fact_types
            else schema.entity_classes["Entity"].style
        )
        type_label = _type_label(schema, tname)
        used.setdefault(
            f"class:{tname}",
            {
                "kind": d.get("kind", "entity"),
                "label": type_label,
                "color": style.color,
                "shape": style.shape,
            },
        )
        title = [d.get("label", node), type_label]
        if d.get("description"):
            title.append(d["description"])
        if d.get("date_label"):
            title.append(f"Date: {d['date_label']}")
        title.extend(_tooltip_quote(d.get("evidence", []), 1))
        net.add_node(
            node,
            label=d.get("label", node),
            title="\n".join(title),
            color=style.color,
            shape=style.shape,
            name=d.get("label", node),
            typeLabel=type_label,
            kind=d.get("kind", "entity"),
            description=d.get("description", ""),
            wikidata=d.get("wikidata", ""),
            date_label=d.get("date_label", ""),
            evidence=[q.as_dict() for q in d.get("evidence", [])],
            size=16 if d.get("kind") == "entity" else 12,
        )

    seen_symmetric: set[tuple[str, str, str, str]] = set()
    for s, o, key, d in sorted(g.edges(keys=True, data=True), key=lambda x: (x[0], x[1], x[2])):
        ftype = d.get("fact_type", "")
        edge_style = schema.fact_types[ftype].style if ftype in schema.fact_types else None
        color = edge_style.edge_color if edge_style else "#9e9e9e"
        dashes = bool(edge_style.dashes) if edge_style else d.get("kind") == "role"
        if d.get("symmetric"):
            pair = (min(s, o), max(s, o), d["relation"], d.get("fact", ""))
            if pair in seen_symmetric:
                continue
            seen_symmetric.add(pair)
        label = d.get("relation_label", "")
        src, dst = g.nodes[s].get("label", s), g.nodes[o].get("label", o)
        arrow = "—" if d.get("symmetric") else "→"
        heading = (
            f"{src} {arrow} {label} {arrow} {dst}"
            if d.get("symmetric")
            else f"{src} — {label} → {dst}"
        )
        title = [heading]
        if d.get("fact_label"):
            title.append(d["fact_label"])
        if d.get("date_label"):
            title.append(
                f"Date: {d['date_label']}" + (f" ({d['precision']})" if d.get("precision") else "")
            )
        title.extend(_tooltip_quote(d.get("evidence", [])))
        if d.get("kind") == "relation":
            used.setdefault(
                f"rel:{d['relation']}",
                {"kind": "relation", "label": label, "color": color, "shape": "line"},
            )
        net.add_edge(
            s,
            o,
            id=key,
            label=label,
            title="\n".join(title),
            color=color,
            dashes=dashes,
            arrows="" if d.get("symmetric") or d.get("kind") == "role" else "to",
            heading=heading,
            relationLabel=label,
            relation=d.get("relation", ""),
            fact=d.get("fact", ""),
            fact_label=d.get("fact_label", ""),
            date_label=d.get("date_label", ""),
            precision=d.get("precision") or "",
            modality=d.get("modality", ""),
            evidence=[q.as_dict() for q in d.get("evidence", [])],
            width=1 if d.get("kind") == "role" else 2,
        )
    legend = sorted(
        used.values(),
        key=lambda x: ({"entity": 0, "fact": 1, "relation": 2}[x["kind"]], x["label"]),
    )
    return net, legend


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


_OPTIONS: dict[str, Any] = {
    "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
    "edges": {
        "font": {"size": 11, "align": "middle", "strokeWidth": 3},
        "smooth": {"enabled": True, "type": "dynamic"},
        "arrows": {"to": {"scaleFactor": 0.6}},
    },
    "interaction": {
        "hover": True,
        "tooltipDelay": 150,
        "navigationButtons": False,
        "keyboard": True,
    },
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -60,
            "springLength": 120,
            "avoidOverlap": 0.4,
        },
        "stabilization": {"enabled": True, "iterations": 600, "fit": True},
    },
}


def render_view(
    g: nx.MultiDiGraph, title: str = "dealgraph", summary: str = "", notice: str = ""
) -> RenderedView:
    """The HTML page of the projection ``g``."""
    net, legend = build_network(g)
    nodes, edges, *_ = net.get_network_data()
    env = Environment(
        loader=PackageLoader("dealgraph", "templates"), autoescape=select_autoescape(["html"])
    )
    vis_js, vis_css = _vis_assets()
    data = {
        "title": title,
        "summary": summary or f"{len(nodes)} nodes, {len(edges)} edges",
        "notice": notice,
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "options": _OPTIONS,
    }
    page = env.get_template("view.html").render(
        title=title,
        version=__version__,
        data=script_json(data),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
    )
    return RenderedView(html=page, nodes=len(nodes), edges=len(edges))


def write_view(
    g: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    title: str = "dealgraph",
    summary: str = "",
    notice: str = "",
) -> ViewReport:
    """Write the view of ``g`` to ``path`` (through a temporary file and a rename)."""
    return render_view(g, title=title, summary=summary, notice=notice).save(path)
