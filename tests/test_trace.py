"""Paths and neighbourhoods: on the seed (the issue's "done means") and on tiny graphs whose
answers are worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealgraph.errors import InputError
from dealgraph.filters import EdgeFilter
from dealgraph.graph import project
from dealgraph.namespaces import entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore, open_store
from dealgraph.trace import TraceGraph, all_shortest_paths, neighbors, trace

from .tiny import tiny_sheet

HUAWEI, MTS, US = entity_iri("huawei"), entity_iri("mts"), entity_iri("united-states")
XI, RUSSIA = entity_iri("xi-jinping"), entity_iri("russia")


@pytest.fixture
def tg(seeded: EmbeddedStore) -> TraceGraph:
    return TraceGraph(project(seeded, include_facts=True))


def steps(result, path: int = 0) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each hop's steps as text, read along the path."""
    p = result.paths[path]
    return [[link.step(h.source, result.mode) for link in h.links] for h in p.hops]


def labels(tg: TraceGraph, result) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[tg.label(n) for n in p.nodes] for p in result.paths]


# ------------------------------------------------------------------------------------------------
# The seed
# ------------------------------------------------------------------------------------------------


def test_huawei_to_the_united_states_goes_through_the_ban_with_its_quote(tg: TraceGraph) -> None:
    r = trace(tg, HUAWEI, US)
    assert labels(tg, r) == [["Huawei", "United States"]]
    assert steps(r) == [["Huawei ←accuses— United States", "Huawei ←bans— United States"]]
    ban = next(link for link in r.paths[0].hops[0].links if link.fact_type == "Ban")
    assert (ban.source, ban.target, ban.date_label, ban.precision) == (
        US,
        HUAWEI,
        "before 2019-06-05",
        "day",
    )
    quotes = [q.quote for q in ban.evidence]
    assert "een ban tegen zich opgelegd zag worden" in quotes[0]
    assert ban.evidence[0].title == "5G-techniek Huawei krijgt voet aan de grond in Rusland"
    text = r.text()
    assert "  Huawei ←bans— United States    [Ban, before 2019-06-05 (day)]" in text
    assert f"“{quotes[0]}”" in text
    assert f"— 5G-techniek Huawei krijgt voet aan de grond in Rusland <{ban.articles[0]}>" in text


def test_mts_to_the_united_states_goes_through_huawei(tg: TraceGraph) -> None:
    r = trace(tg, MTS, US)
    assert labels(tg, r) == [["MTS", "Huawei", "United States"]]
    assert steps(r) == [
        ["MTS ←contracts with→ Huawei", "MTS ←tests with→ Huawei"],
        ["Huawei ←accuses— United States", "Huawei ←bans— United States"],
    ]


def test_a_path_goes_through_the_deal_signed_during_the_visit(tg: TraceGraph) -> None:
    r = trace(tg, MTS, XI)
    routes = labels(tg, r)
    assert [
        "MTS",
        "Deal: Huawei – MTS (2019-06-05)",
        "State visit: Xi Jinping – Russia (2019-06-05)",
        "Xi Jinping",
    ] in routes
    assert all(len(route) == 4 for route in routes)
    i = routes.index(
        [
            "MTS",
            "Deal: Huawei – MTS (2019-06-05)",
            "State visit: Xi Jinping – Russia (2019-06-05)",
            "Xi Jinping",
        ]
    )
    assert steps(r, i)[1] == [
        "Deal: Huawei – MTS (2019-06-05) —signed during→ State visit: Xi Jinping – Russia (2019-06-05)"
    ]


def test_directed_follows_edges_forward_only(tg: TraceGraph) -> None:
    assert trace(tg, HUAWEI, US, mode="forward").paths == []
    r = trace(tg, US, HUAWEI, mode="forward")
    assert steps(r) == [["United States —accuses→ Huawei", "United States —bans→ Huawei"]]
    assert "(directed)" in r.text().splitlines()[0]


def test_undirected_ignores_direction_in_the_display(tg: TraceGraph) -> None:
    r = trace(tg, HUAWEI, US, mode="ignore")
    assert steps(r) == [["Huawei —accuses— United States", "Huawei —bans— United States"]]


@pytest.mark.parametrize(
    ("via", "since", "until", "expected"),
    [
        ("Ban", None, None, ["Huawei ←bans— United States"]),
        (
            "bans,accuses",
            None,
            None,
            ["Huawei ←accuses— United States", "Huawei ←bans— United States"],
        ),
        ("Deal", None, None, None),  # no path: the deal does not reach the United States
        (None, "2019", None, ["Huawei ←bans— United States"]),  # the allegation is undated
        (None, "2019-06-05", None, None),  # "before 2019-06-05" ends on 2019-06-04
        (None, None, "2019-06-04", ["Huawei ←bans— United States"]),
        (None, "2020", None, None),
    ],
)
def test_via_and_dates_restrict_the_edges(
    tg: TraceGraph,
    via: str | None,
    since: str | None,
    until: str | None,
    expected: list[str] | None,
) -> None:
    r = trace(tg, HUAWEI, US, flt=EdgeFilter.parse(via, since, until))
    if expected is None:
        assert r.paths == []
        assert r.text().startswith("Huawei → United States: no path (")
    else:
        assert steps(r) == [expected]


def test_a_relation_between_facts_takes_the_date_of_the_fact_it_starts_from(tg: TraceGraph) -> None:
    # signedDuring has no date of its own: it is dated by the deal (2019-06-05)
    deal_route = [
        "MTS",
        "Deal: Huawei – MTS (2019-06-05)",
        "State visit: Xi Jinping – Russia (2019-06-05)",
        "Xi Jinping",
    ]
    assert deal_route in labels(
        tg, trace(tg, MTS, XI, flt=EdgeFilter.parse(None, "2019-06", "2019-06"))
    )
    assert labels(tg, trace(tg, MTS, XI, flt=EdgeFilter.parse(None, "2019-07", None))) == []


def test_all_paths_lists_shortest_first_without_detours_through_a_fact(tg: TraceGraph) -> None:
    r = trace(tg, HUAWEI, MTS, all_paths=True, max_hops=2)
    # Huawei ←party— Deal —party→ MTS repeats the deal's own contracts-with: left out
    assert labels(tg, r) == [["Huawei", "MTS"]]
    r = trace(tg, MTS, XI, all_paths=True, max_hops=4)
    lengths = [len(p) for p in r.paths]
    assert lengths == sorted(lengths) and lengths[0] == 3 and max(lengths) == 4
    assert len(r.paths) == 8
    routes = labels(tg, r)
    assert ["MTS", "Huawei", "United States", "Russia", "Xi Jinping"] in routes
    assert len({tuple(x) for x in routes}) == len(routes)
    assert r.text().startswith("MTS → Xi Jinping: 8 paths (up to 4 hops)")


def test_the_limit_cuts_and_says_so(tg: TraceGraph) -> None:
    r = trace(tg, MTS, XI, all_paths=True, max_hops=4, limit=2)
    assert len(r.paths) == 2 and r.truncated
    assert r.text().endswith("(only the first 2 paths are listed; raise --limit to see more)")


def test_max_hops_also_bounds_shortest_paths(tg: TraceGraph) -> None:
    assert trace(tg, MTS, XI, max_hops=2).paths == []
    assert len(trace(tg, MTS, XI, max_hops=3).paths) == 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": HUAWEI}, "the two entities are the same"),
        ({"max_hops": 0}, "--max-hops 0: give 1 or more"),
        ({"limit": 0}, "--limit 0: give 1 or more"),
        ({"mode": "sideways"}, "unknown mode 'sideways'"),
    ],
)
def test_bad_arguments(tg: TraceGraph, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    args = {"target": US, **kwargs}
    target = args.pop("target")
    with pytest.raises(InputError, match=message):
        trace(tg, HUAWEI, target, **args)


def test_json_keeps_every_step_with_its_evidence(tg: TraceGraph) -> None:
    import json

    data = json.loads(trace(tg, MTS, US).to_json())
    assert [n["label"] for n in data["paths"][0]["nodes"]] == ["MTS", "Huawei", "United States"]
    ban = data["paths"][0]["hops"][1]["links"][1]
    assert ban["step"] == "Huawei ←bans— United States" and ban["forward"] is False
    assert ban["source"] == US and ban["date_label"] == "before 2019-06-05"
    assert ban["evidence"][0]["start"] == 689 and ban["evidence"][0]["end"] == 844


def test_the_subgraph_holds_the_paths(tg: TraceGraph) -> None:
    g = trace(tg, MTS, US).subgraph()
    assert set(g.nodes) == {MTS, HUAWEI, US}
    assert {d["relation_label"] for _, _, d in g.edges(data=True)} == {
        "contracts with",
        "tests with",
        "bans",
        "accuses",
    }


# ------------------------------------------------------------------------------------------------
# Neighbourhoods
# ------------------------------------------------------------------------------------------------


def test_neighbors_of_mts_within_two_hops(tg: TraceGraph) -> None:
    n = neighbors(tg, MTS, 2)
    by_distance = {d: sorted(r.label for r in n.reached if r.distance == d) for d in (1, 2)}
    assert by_distance[1] == [
        "Deal: Huawei – MTS (2019-06-05)",
        "Huawei",
        "Trial: Huawei – MTS (by 2019)",
    ]
    assert by_distance[2] == [
        "5G",
        "AFP",
        "Allegation: United States – Huawei – Government of China",
        "Russia",
        "State visit: Xi Jinping – Russia (2019-06-05)",
        "United States",
    ]
    groups = n.groups()
    assert [link.step(frm) for _, frm, link in groups[(2, "bans")]] == [
        "Huawei ←bans— United States"
    ]
    assert [link.step(frm) for _, frm, link in groups[(1, "contracts with")]] == [
        "MTS ←contracts with→ Huawei"
    ]
    text = n.text()
    assert text.startswith("MTS: 9 nodes within 2 hops")
    assert "\n1 hop away\n" in text and "\n2 hops away\n" in text and "  bans: 1\n" in text


def test_neighbors_directed_and_via(tg: TraceGraph) -> None:
    # the United States bans and accuses Huawei; Russia's disregarding and the allegation's
    # accuser role point at the United States
    assert [r.label for r in neighbors(tg, US, 1, mode="forward").reached] == ["Huawei"]
    assert [r.label for r in neighbors(tg, US, 1).reached] == [
        "Allegation: United States – Huawei – Government of China",
        "Huawei",
        "Russia",
    ]
    n = neighbors(tg, HUAWEI, 1, flt=EdgeFilter.parse("Ban"))
    assert [(r.label, r.distance) for r in n.reached] == [("United States", 1)]


# ------------------------------------------------------------------------------------------------
# Tiny graphs, answers by hand
# ------------------------------------------------------------------------------------------------


@pytest.fixture
def tiny_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with open_store(tmp_path / "tiny") as s:
        assert isinstance(s, EmbeddedStore)
        yield s


def tiny(store: EmbeddedStore, facts, types=None) -> TraceGraph:  # type: ignore[no-untyped-def]
    load_sheets(store, [tiny_sheet(facts, types)])
    return TraceGraph(project(store, include_facts=True))


E = entity_iri


def test_a_diamond_has_two_shortest_paths(tiny_store: EmbeddedStore) -> None:
    #   a — b
    #   |   |      every edge a deal; x bans a
    #   c — d      d → x: d-b-a-x and d-c-a-x, 3 hops each
    tg = tiny(
        tiny_store,
        [
            ("Deal", {"party": ["a", "b"]}, "2019"),
            ("Deal", {"party": ["a", "c"]}, "2019"),
            ("Deal", {"party": ["b", "d"]}, "2019"),
            ("Deal", {"party": ["c", "d"]}, "2019"),
            ("Ban", {"imposer": ["x"], "target": ["a"]}, "2020"),
        ],
        {"x": "State"},
    )
    r = trace(tg, E("a"), E("d"))
    assert labels(tg, r) == [["A", "B", "D"], ["A", "C", "D"]]
    r = trace(tg, E("d"), E("x"))
    assert labels(tg, r) == [["D", "B", "A", "X"], ["D", "C", "A", "X"]]
    assert steps(r)[2] == ["A ←bans— X"]
    assert trace(tg, E("d"), E("x"), mode="forward").paths == []  # the ban points at a
    assert labels(tg, trace(tg, E("x"), E("d"), mode="forward")) == [
        ["X", "A", "B", "D"],
        ["X", "A", "C", "D"],
    ]
    # every simple path from a to d: a-b-d, a-c-d (2 hops); no longer ones in a 4-cycle
    assert labels(tg, trace(tg, E("a"), E("d"), all_paths=True, max_hops=6)) == [
        ["A", "B", "D"],
        ["A", "C", "D"],
    ]
    # without the 2019 deals nothing joins a and d
    assert trace(tg, E("a"), E("d"), flt=EdgeFilter.parse(None, "2020")).paths == []


def test_a_chain_has_one_path_and_neighbors_by_distance(tiny_store: EmbeddedStore) -> None:
    tg = tiny(
        tiny_store,
        [
            ("Deal", {"party": ["a", "b"]}, None),
            ("Deal", {"party": ["b", "c"]}, None),
            ("Deal", {"party": ["c", "d"]}, None),
        ],
    )
    assert labels(tg, trace(tg, E("a"), E("d"))) == [["A", "B", "C", "D"]]
    assert trace(tg, E("a"), E("d"), max_hops=2).paths == []
    n = neighbors(tg, E("a"), 2)
    assert [(r.label, r.distance) for r in n.reached if r.kind == "entity"] == [("B", 1), ("C", 2)]


def test_no_path_between_two_components(tiny_store: EmbeddedStore) -> None:
    tg = tiny(
        tiny_store,
        [("Deal", {"party": ["a", "b"]}, None), ("Deal", {"party": ["c", "d"]}, None)],
    )
    r = trace(tg, E("a"), E("d"))
    assert r.paths == [] and r.text() == "A → D: no path"
    assert trace(tg, E("a"), E("d"), all_paths=True).paths == []


# ------------------------------------------------------------------------------------------------
# The bidirectional search finds exactly what networkx finds
# ------------------------------------------------------------------------------------------------

edge_lists = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda e: e[0] != e[1]),
    max_size=40,
)


@given(
    edge_lists, st.booleans(), st.integers(0, 11), st.integers(0, 11), st.none() | st.integers(1, 6)
)
def test_all_shortest_paths_agrees_with_networkx(
    edges: list[tuple[int, int]], directed: bool, a: int, b: int, cutoff: int | None
) -> None:
    import networkx as nx

    g: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(12))
    g.add_edges_from(edges)
    try:
        expected = sorted(nx.all_shortest_paths(g, a, b))
    except nx.NetworkXNoPath:
        expected = []
    if cutoff is not None:
        expected = [p for p in expected if len(p) - 1 <= cutoff]
    try:
        got = sorted(all_shortest_paths(g, a, b, cutoff))  # type: ignore[arg-type]
    except nx.NetworkXNoPath:
        got = []
    assert got == expected
