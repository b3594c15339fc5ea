"""Rankings on tiny graphs with hand-computed answers, and on the seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from dealgraph.errors import InputError
from dealgraph.filters import EdgeFilter
from dealgraph.graph import project
from dealgraph.pipeline import load_sheets
from dealgraph.rank import rank, relation_graph
from dealgraph.store import EmbeddedStore, open_store

from .tiny import tiny_sheet


@pytest.fixture
def tiny_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with open_store(tmp_path / "tiny") as s:
        assert isinstance(s, EmbeddedStore)
        yield s


def graph_of(store: EmbeddedStore, facts, types=None) -> nx.MultiDiGraph:  # type: ignore[no-untyped-def]
    load_sheets(store, [tiny_sheet(facts, types)])
    return project(store, include_facts=True)


def scores(r) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {x.label: x.score for x in r.rows}


def test_a_star_by_degree_and_pagerank(tiny_store: EmbeddedStore) -> None:
    # c deals with x, y, z: degree 3 and 1. Undirected PageRank with damping d = 0.85 on a
    # star with n = 3 leaves: P_c = (1-d)/4 + d * 3 * P_l and P_l = (1-d)/4 + d * P_c / 3,
    # so P_c = (1-d)/4 * (1 + 3d) / (1 - d^2) and P_l = (1 - P_c) / 3.
    g = graph_of(
        tiny_store,
        [("Deal", {"party": ["c", x]}, None) for x in ("x", "y", "z")],
    )
    by_degree = rank(g, "degree")
    assert [(x.label, x.score, x.degree, x.facts) for x in by_degree.rows] == [
        ("C", 3.0, 3, 3),
        ("X", 1.0, 1, 1),
        ("Y", 1.0, 1, 1),
        ("Z", 1.0, 1, 1),
    ]
    d = 0.85
    center = (1 - d) / 4 * (1 + 3 * d) / (1 - d**2)
    got = scores(rank(g, "pagerank"))
    assert got["C"] == pytest.approx(center, abs=1e-5)
    assert got["X"] == got["Y"] == pytest.approx((1 - center) / 3, abs=1e-5)


def test_a_chain_by_betweenness(tiny_store: EmbeddedStore) -> None:
    # a - b - c - d: b lies on the shortest paths a-c and a-d, c on a-d and b-d: 2 of the
    # (n-1)(n-2)/2 = 3 pairs that exclude it, so 2/3; the ends lie on none.
    g = graph_of(
        tiny_store,
        [("Deal", {"party": [a, b]}, None) for a, b in (("a", "b"), ("b", "c"), ("c", "d"))],
    )
    got = scores(rank(g, "betweenness"))
    assert got == pytest.approx({"B": 2 / 3, "C": 2 / 3, "A": 0.0, "D": 0.0})
    assert [x.label for x in rank(g, "betweenness").rows] == ["B", "C", "A", "D"]


def test_several_facts_weigh_one_tie_and_direction_is_left_out(tiny_store: EmbeddedStore) -> None:
    g = graph_of(
        tiny_store,
        [
            ("Deal", {"party": ["a", "b"]}, "2019"),
            ("Deal", {"party": ["a", "b"]}, "2020"),
            ("Ban", {"imposer": ["s"], "target": ["a"]}, "2021"),
        ],
        {"s": "State"},
    )
    rg = relation_graph(g)
    iri = {d["label"]: n for n, d in g.nodes(data=True) if d["kind"] == "entity"}
    assert rg[iri["A"]][iri["B"]]["weight"] == 2.0 and rg[iri["S"]][iri["A"]]["weight"] == 1.0
    r = rank(g, "degree")
    assert [(x.label, x.degree, x.facts) for x in r.rows] == [
        ("A", 2, 3),
        ("B", 1, 2),
        ("S", 1, 1),
    ]
    # only the 2019 deal: a and b tied at one partner, s has none
    r = rank(g, "degree", flt=EdgeFilter.parse(None, "2019", "2019"))
    assert [(x.label, x.score) for x in r.rows] == [("A", 1.0), ("B", 1.0), ("S", 0.0)]
    r = rank(g, "degree", flt=EdgeFilter.parse("Ban"))
    assert [(x.label, x.score) for x in r.rows] == [("A", 1.0), ("S", 1.0), ("B", 0.0)]


def test_type_filter_includes_subclasses(seeded: EmbeddedStore) -> None:
    g = project(seeded, include_facts=True)
    assert [x.label for x in rank(g, type="Company").rows] == ["Huawei", "MTS"]
    orgs = [x.label for x in rank(g, type="organization").rows]
    assert orgs[:2] == ["Huawei", "MTS"] and set(orgs[2:]) == {"AFP", "Government of China"}
    states = rank(g, "pagerank", type="State", limit=2)
    assert [x.label for x in states.rows] == ["United States", "Russia"]
    assert states.text().startswith("Top 2 of 4 State entities by pagerank")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "closeness"}, "--by 'closeness'"),
        (
            {"type": "Compny"},
            "--type 'Compny': no entity class of that name; did you mean 'Company'",
        ),
        ({"limit": 0}, "--limit 0: give 1 or more"),
    ],
)
def test_bad_rank_arguments(seeded: EmbeddedStore, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        rank(project(seeded, include_facts=True), **kwargs)


def test_big_graphs_estimate_betweenness(
    tiny_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dealgraph.rank as rank_module

    g = graph_of(
        tiny_store,
        [("Deal", {"party": [a, b]}, None) for a, b in (("a", "b"), ("b", "c"), ("c", "d"))],
    )
    monkeypatch.setattr(rank_module, "EXACT_BETWEENNESS_LIMIT", 2)
    r = rank(g, "betweenness")
    assert r.note == "(betweenness estimated from 2 sampled sources of 4 entities)"
    assert r.note in r.text()
