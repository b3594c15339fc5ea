"""The graph of a SPARQL result (dealgraph.querygraph) on tiny hand-checkable stores."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from dealgraph.errors import InputError
from dealgraph.graph import project
from dealgraph.namespaces import entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.query import run_query
from dealgraph.querygraph import describe, result_graph
from dealgraph.store import EmbeddedStore

from .tiny import tiny_sheet


@pytest.fixture
def tiny(store: EmbeddedStore) -> EmbeddedStore:
    """A deals with B and C; B bans C (2020)."""
    load_sheets(
        store,
        [
            tiny_sheet(
                [
                    ("Deal", {"party": ["a", "b", "c"]}, "2019-06-05"),
                    ("Ban", {"imposer": ["b"], "target": ["c"]}, "2020"),
                ],
                types={"b": "State"},
            )
        ],
    )
    return store


def graph_of(store: EmbeddedStore, query: str) -> nx.MultiDiGraph:
    return result_graph(store, run_query(store, query), project(store, include_facts=True))


def edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, str]]:
    def name(n: str) -> str:
        return str(g.nodes[n]["label"])

    return sorted(
        (name(u), d["relation_label"], name(v), d["kind"]) for u, v, d in g.edges(data=True)
    )


def test_construct_edges_take_the_projection_s_edge_and_its_evidence(
    tiny: EmbeddedStore,
) -> None:
    g = graph_of(tiny, "CONSTRUCT { ?x dg:bans ?y } WHERE { ?x dg:bans ?y }")
    assert edges(g) == [("B", "bans", "C", "relation")]
    (_, _, d), *_ = g.edges(data=True)
    assert d["date_label"] == "2020" and d["evidence"][0].quote == "Ban of B and C."
    assert g.nodes[entity_iri("b")]["type"] == "State"  # the node keeps its class


def test_construct_other_triples_are_links_literals_are_properties(tiny: EmbeddedStore) -> None:
    g = graph_of(
        tiny,
        "CONSTRUCT { ?x <http://example.org/likes> ?y . ?x <http://example.org/score> 3 ."
        " ?x a <http://example.org/Thing> . _:n <http://example.org/about> ?x }"
        " WHERE { ?x dg:bans ?y }",
    )
    assert ("B", "http://example.org/likes", "C", "link") in edges(g)
    b: dict[str, Any] = g.nodes[entity_iri("b")]
    assert b["props"] == [("http://example.org/score", "3")]
    blank = next(n for n in g if n.startswith("_:"))
    assert g.nodes[blank]["label"] == "[blank node]" and g.nodes[blank]["type"] == "resource"


def test_select_links_the_first_iri_to_the_others_with_the_graph_s_edges(
    tiny: EmbeddedStore,
) -> None:
    g = graph_of(tiny, "SELECT ?x ?y WHERE { ?x dg:contractsWith ?y } ")
    # every pair of parties: their contract (drawn once per pair), and B's ban of C too
    assert {e[:3] for e in edges(g)} >= {("A", "contracts with", "B"), ("B", "bans", "C")}


def test_select_a_relation_column_names_the_links(tiny: EmbeddedStore) -> None:
    g = graph_of(tiny, "SELECT ?x ?r ?y WHERE { VALUES ?r { dg:bans } ?x ?r ?y }")
    assert edges(g) == [("B", "bans", "C", "relation")]


def test_select_unknown_iris_are_labelled_and_typed_from_the_store(tiny: EmbeddedStore) -> None:
    g = graph_of(tiny, "SELECT ?f ?a WHERE { ?f a dg:Ban ; prov:wasDerivedFrom ?a }")
    article = next(n for n in g if "/article/" in n)
    assert g.nodes[article]["label"] == "Tiny tiny"  # its headline
    assert g.nodes[article]["type"] == "dg:Article"
    assert edges(g) == [("Ban: B – C (2020)", "a", "Tiny tiny", "link")]  # named by its column


def test_nothing_to_draw(tiny: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="there is no graph to draw"):
        graph_of(tiny, "ASK { ?s ?p ?o }")
    with pytest.raises(InputError, match="the query's 2 rows hold no IRIs to draw"):
        graph_of(tiny, "SELECT ?l WHERE { ?e a dg:Entity ; rdfs:label ?l } LIMIT 2")


def test_describe_counts_graph_edges_and_plain_links(tiny: EmbeddedStore) -> None:
    q = "SELECT ?f ?a WHERE { ?f a dg:Ban ; prov:wasDerivedFrom ?a }"
    result = run_query(tiny, q)
    g = result_graph(tiny, result, project(tiny, include_facts=True))
    assert describe(g, result) == (
        "The query's 1 row: 2 nodes; 0 edges from the graph (with their evidence) and 1 plain links."
    )
