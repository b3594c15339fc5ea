"""The HTML view: self-contained, names every entity, cites every edge, escapes everything
from articles, and stays usable on big graphs (the cut and its notice)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyvis.network import Network

from dealgraph.escape import script_json
from dealgraph.facts import FactSheet
from dealgraph.graph import project
from dealgraph.namespaces import entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore
from dealgraph.view import (
    LARGE_NODES,
    Cut,
    _fill,
    build_network,
    drawn_edges,
    limit,
    neighbourhood,
    overview,
    render_view,
    seed_layout,
    vis_options,
    write_view,
)

from .tiny import tiny_sheet

XSS = "<img src=x onerror=alert(1)>"
RESOURCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.I,
)


def page_data(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="dg-data">(.*?)</script>', html, re.S)
    assert m
    return dict(json.loads(m.group(1)))


def xss_sheet(seed: FactSheet) -> FactSheet:
    """The seed with MTS renamed to a script-injection attempt, and a quote with markup."""
    ents = dict(seed.entities)
    ents["mts"] = replace(
        ents["mts"],
        label={"": XSS},
        aliases={},
        description={"en": "</script><script>alert(2)</script>"},
    )
    return replace(seed, entities=ents)


def with_url(seed: FactSheet, url: str) -> FactSheet:
    """The seed with its article's URL set."""
    return replace(seed, article=replace(seed.article, url=url))


def node_by_label(data: dict[str, Any], label: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["label"] == label)


def edge_type(data: dict[str, Any], edge: dict[str, Any]) -> dict[str, Any]:
    return dict(data["types"][edge["t"]])


@pytest.fixture
def seed_view(seeded: EmbeddedStore) -> dict[str, Any]:
    view = render_view(overview(project(seeded, include_facts=True)), title="seed")
    return {"view": view, "data": page_data(view.html)}


def test_view_names_every_entity_with_all_its_names(seed_view: dict[str, Any]) -> None:
    view, data = seed_view["view"], seed_view["data"]
    labels = {n["label"] for n in data["nodes"]}
    for name in ("Huawei", "MTS", "United States", "Russia", "Xi Jinping", "China", "AFP", "5G"):
        assert name in labels and name in view.html
    assert view.nodes == len(data["nodes"]) == 14 and view.edges == len(data["edges"]) == 22
    us = node_by_label(data, "United States")
    assert {"Verenigde Staten", "US", "VS", "Amerika"} <= set(us["names"])
    assert us["wd"] == "Q30" and us["iri"] == entity_iri("united-states")
    mts = node_by_label(data, "MTS")
    assert {"Mobile TeleSystems", "МТС"} <= set(mts["names"])
    assert mts["desc"] == "Russian mobile operator"


def test_every_edge_leads_to_its_fact_date_and_quotes(seed_view: dict[str, Any]) -> None:
    data = seed_view["data"]
    for edge in data["edges"]:
        fact = data["facts"][edge["f"]]
        assert fact["ev"], fact["label"]
        quote, article = fact["ev"][0][0], data["articles"][fact["ev"][0][1]]
        assert (
            quote and article["title"] == "5G-techniek Huawei krijgt voet aan de grond in Rusland"
        )
    ban = next(e for e in data["edges"] if edge_type(data, e)["label"] == "bans")
    fact = data["facts"][ban["f"]]
    assert (fact["date"], fact["precision"], fact["type"]) == ("before 2019-06-05", "day", "ban")
    assert fact["days"] == [None, "2019-06-04"]  # before a day: any day up to the one before
    assert data["nodes"][ban["from"]]["label"] == "United States"
    contracts = [e for e in data["edges"] if edge_type(data, e)["label"] == "contracts with"]
    assert len(contracts) == 1 and edge_type(data, contracts[0])["arrows"] == ""  # drawn once
    signed = next(e for e in data["edges"] if edge_type(data, e)["label"] == "signed during")
    assert "staatsbezoek" in " ".join(q[0] for q in data["facts"][signed["f"]]["ev"])
    assert "days" not in data["facts"][signed["f"]]  # no date of its own: dated by its deal
    assert data["facts"][signed["w"]]["label"].startswith("Deal: Huawei – MTS")
    # each fact once, however many edges it supports; each article once
    assert len({f["iri"] for f in data["facts"]}) == len(data["facts"])
    assert len(data["articles"]) == 1 and "url" not in data["articles"][0]


def test_dates_span_and_qualifiers(seed_view: dict[str, Any]) -> None:
    data = seed_view["data"]
    days = {f["label"].split(":")[0]: f.get("days") for f in data["facts"]}
    assert days["Trial"] == [None, "2019-12-31"]  # by 2019
    assert days["Deal"] == ["2019-06-05", "2019-06-05"]
    assert days["Allegation"] is None  # undated
    assert data["span"] == ["2019-01-01", "2019-12-31"]


def test_legend_types_with_styles_from_the_ontology(seed_view: dict[str, Any]) -> None:
    types = {(t["kind"], t["label"]): t for t in seed_view["data"]["types"]}
    assert {("entity", "company"), ("entity", "state"), ("fact", "deal")} <= set(types)
    assert types[("entity", "state")]["shape"] == "square"
    bans = types[("relation", "bans")]
    assert (bans["color"], bans["width"], bans["dashes"], bans["arrows"]) == (
        "#c62828",
        3.0,
        False,
        "to",
    )
    assert types[("relation", "signed during")]["dashes"] is True  # types.yaml says so
    assert types[("role", "party")]["dashes"] is True and types[("role", "party")]["arrows"] == ""
    assert sum(t["count"] for t in types.values() if t["kind"] in ("entity", "fact")) == 14


def test_parallel_edges_bend_apart(seed_view: dict[str, Any]) -> None:
    data = seed_view["data"]
    huawei, mts = node_by_label(data, "Huawei")["id"], node_by_label(data, "MTS")["id"]
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {huawei, mts}]
    assert len(between) == 2  # contracts with, tests with
    assert sum("smooth" in e for e in between) == 1


def test_article_url_is_kept_for_the_panel(
    store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    load_sheets(store, [with_url(seed, "https://example.org/news/huawei-mts")])
    data = page_data(render_view(project(store)).html)
    assert data["articles"][0]["url"] == "https://example.org/news/huawei-mts"


def test_view_references_no_remote_resource(seeded: EmbeddedStore) -> None:
    html = render_view(project(seeded)).html
    assert not RESOURCE.search(html), RESOURCE.search(html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "vis.Network" in html and len(html) > 400_000  # vis-network is inline


def test_markup_from_articles_is_shown_as_text(
    store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    load_sheets(store, [xss_sheet(seed)])
    report = write_view(overview(project(store, include_facts=True)), tmp_path / "x.html")
    html = report.path.read_text()
    assert XSS not in html
    assert "<script>alert(2)" not in html and "alert(2)</script>" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert XSS in {n["label"] for n in page_data(html)["nodes"]}
    ours = html.split("vis-network")[-1]
    assert "innerHTML" not in ours and "insertAdjacentHTML" not in ours  # textContent only


@pytest.mark.parametrize("text", ["</script>", "<!--", "\u2028", "a & b", "\"'"])
def test_script_json_cannot_break_out(text: str) -> None:
    out = str(script_json({"x": text}))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"x": text}


def test_write_is_atomic(seeded: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "v.html"
    target.write_text("old")
    write_view(project(seeded), target)
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in out.iterdir()] == ["v.html"]


def test_entity_type_is_the_most_specific_class(seeded: EmbeddedStore) -> None:
    g = project(seeded)
    types = {d["label"]: d["type"] for _, d in g.nodes(data=True) if d["kind"] == "entity"}
    assert (
        types["Huawei"] == "Company"
        and types["AFP"] == "NewsAgency"
        and types["Government of China"] == "GovernmentBody"
    )


# ------------------------------------------------------------------------------------------------
# Big graphs: the cut, its notice, the options
# ------------------------------------------------------------------------------------------------


def star_graph(spokes: int, extra: int = 0) -> nx.MultiDiGraph:
    """A hub with ``spokes`` companies (each banned by the hub) and ``extra`` isolated states."""
    g = nx.MultiDiGraph()
    g.add_node("hub", kind="entity", type="State", label="Hub")
    for i in range(spokes):
        n = f"c{i:03d}"
        g.add_node(n, kind="entity", type="Company", label=f"C{i:03d}")
        g.add_edge("hub", n, key=f"s{i}", kind="relation", relation="x:bans", relation_label="bans")
    for i in range(extra):
        g.add_node(f"s{i:03d}", kind="entity", type="State", label=f"S{i:03d}")
    return g


def test_a_big_graph_is_cut_to_its_most_connected_part_and_says_so() -> None:
    g = star_graph(30, extra=10)
    g.add_edge("c000", "c001", key="t", kind="relation", relation="x:bans", relation_label="bans")
    view = render_view(g, max_nodes=5)
    assert view.nodes == 5 and view.cut is not None
    data = page_data(view.html)
    kept = {n["label"] for n in data["nodes"]}
    assert {"Hub", "C000", "C001"} <= kept  # the hub, then the two with degree 2
    assert view.cut.left_out == (("company", 26), ("state", 10))
    assert (view.cut.total_nodes, view.cut.total_edges) == (41, 31)
    assert view.cut.shown_edges == view.edges == 5
    message = view.cut.message()
    assert message == (
        "This view draws the 5 most connected of 41 nodes and 5 of 31 edges. "
        "Left out: 36 nodes (company 26, state 10) and 26 edges."
    )
    assert message in data["notices"] and data["cut"]["total_nodes"] == 41


def test_the_focus_is_kept_and_its_neighbours_come_first() -> None:
    g = star_graph(30, extra=3)
    g.add_edge("s000", "s001", key="x", kind="relation", relation="x:bans", relation_label="bans")
    view = render_view(g, max_nodes=3, focus=["s000"])
    data = page_data(view.html)
    assert [data["nodes"][i]["label"] for i in data["focus"]] == ["S000"]
    # the focus, its neighbour, then the most connected of the rest
    assert {n["label"] for n in data["nodes"]} == {"S000", "S001", "Hub"}
    assert view.cut is not None and view.cut.focused
    assert "nearest to the focus" in view.cut.message()


def test_no_cut_below_the_limit_or_without_one() -> None:
    g = star_graph(10)
    assert render_view(g, max_nodes=11).cut is None
    assert render_view(g, max_nodes=None).nodes == 11
    with pytest.raises(ValueError):
        limit(g, 0)


def test_seed_layout_puts_every_node_near_its_neighbours() -> None:
    g = star_graph(200, extra=3)
    pos = seed_layout(g)
    assert set(pos) == set(g)
    hub = pos["hub"]
    spoke = max(
        ((x - hub[0]) ** 2 + (y - hub[1]) ** 2) ** 0.5
        for n, (x, y) in pos.items()
        if n.startswith("c")
    )
    loner = min(
        ((x - hub[0]) ** 2 + (y - hub[1]) ** 2) ** 0.5
        for n, (x, y) in pos.items()
        if n.startswith("s")
    )
    assert spoke < loner  # the companies around their hub, the unconnected states outside
    assert seed_layout(g) == pos  # seeded


def test_neighbourhood_follows_edges_either_way() -> None:
    g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("e", "e")])
    assert neighbourhood(g, "b", 1) == {"b": 0, "a": 1, "c": 1}
    assert neighbourhood(g, "a", 9) == {"a": 0, "b": 1, "c": 2, "d": 3}


def test_symmetric_relations_are_drawn_once() -> None:
    g = nx.MultiDiGraph()
    for u, v in (("a", "b"), ("b", "a")):
        g.add_edge(u, v, key=f"{u}{v}", relation="x:with", fact="f", symmetric=True)
    g.add_edge("a", "b", key="other", relation="x:with", fact="f2", symmetric=True)
    assert len(list(drawn_edges(g))) == 2


def test_large_views_are_tuned_for_size() -> None:
    small, large = vis_options(50, 100), vis_options(LARGE_NODES, 100)
    assert small["layout"]["improvedLayout"] and small["edges"]["smooth"]
    assert not large["layout"]["improvedLayout"] and large["edges"]["smooth"] is False
    assert large["physics"]["forceAtlas2Based"]["theta"] > 0.5
    assert large["interaction"]["hideEdgesOnDrag"] and not large["interaction"]["hover"]
    assert large["edges"]["scaling"]["label"]["drawThreshold"] > 10  # edge labels when zoomed in
    assert vis_options(10_000, 50_000)["physics"]["stabilization"]["iterations"] <= 200
    g = star_graph(LARGE_NODES)
    for _, _, d in g.edges(data=True):
        d.update(relation="https://w3id.org/dealgraph/ontology#signedDuring")
    data = page_data(render_view(g).html)
    assert not any(t.get("dashes") for t in data["types"])  # dashed lines cost ten times more
    assert all("x" in n and "y" in n for n in data["nodes"])  # seeded, not random, positions
    assert not any("x" in n for n in page_data(render_view(star_graph(5)).html)["nodes"])


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=0, max_size=60, unique=True
    )
)
@settings(max_examples=40, deadline=None)
def test_bulk_fill_builds_what_pyvis_builds(pairs: list[tuple[int, int]]) -> None:
    nodes = [
        {"id": i, "label": f"n{i}", "shape": "dot", "color": "#123456", "t": 0} for i in range(31)
    ]
    edges = [{"id": k, "from": a, "to": b, "t": 1} for k, (a, b) in enumerate(pairs)]
    ours, theirs = Network(directed=True), Network(directed=True)
    _fill(ours, [dict(n) for n in nodes], [dict(e) for e in edges])
    for n in nodes:
        opts = dict(n)
        theirs.add_node(opts.pop("id"), label=opts.pop("label"), shape=opts.pop("shape"), **opts)
    for e in edges:
        opts = dict(e)
        theirs.add_edge(opts.pop("from"), opts.pop("to"), **opts)
    assert ours.get_network_data()[:2] == theirs.get_network_data()[:2]
    assert ours.node_ids == theirs.node_ids and ours.node_map == theirs.node_map


def test_build_network_ids_are_dense_and_edges_point_at_them(seeded: EmbeddedStore) -> None:
    net, tables = build_network(project(seeded, include_facts=True))
    ids = [n["id"] for n in net.nodes]
    assert ids == list(range(len(ids)))
    assert all(0 <= e["from"] < len(ids) and 0 <= e["to"] < len(ids) for e in net.edges)
    assert all(e["t"] < len(tables["types"]) for e in net.edges)


def test_cut_message_reads_well() -> None:
    cut = Cut(2295, 11103, 2000, 10292, (("state visit", 235), ("company", 24)))
    assert cut.message().startswith("This view draws the 2,000 most connected of 2,295 nodes")
    assert cut.left_out_nodes == 295 and cut.left_out_edges == 811


def test_tiny_sheets_render(store: EmbeddedStore) -> None:
    load_sheets(store, [tiny_sheet([("Deal", {"party": ["a", "b"]}, "2019-06-05")])])
    view = render_view(project(store))
    assert (view.nodes, view.edges) == (2, 1)
