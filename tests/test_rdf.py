"""Fact sheet -> RDF: the golden N-Quads of the seed, stable IRIs, evidence at the right offsets."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from dealgraph.facts import FactSheet
from dealgraph.namespaces import DG, ID, OA
from dealgraph.rdf import fact_iris, sheet_quads, to_nquads

GOLDEN = Path(__file__).parent / "golden" / "seed.nq"


def test_seed_matches_the_golden_nquads(seed: FactSheet) -> None:
    text = to_nquads(sheet_quads(seed))
    if os.environ.get("DEALGRAPH_UPDATE_GOLDEN") == "1":  # regenerate on purpose only
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_mapping_is_byte_identical_when_rebuilt(seed: FactSheet) -> None:
    assert to_nquads(sheet_quads(seed)) == to_nquads(
        sheet_quads(replace(seed, file="elsewhere.yaml"))
    )


def test_golden_file_parses_as_nquads() -> None:
    import pyoxigraph as ox

    quads = list(ox.parse(GOLDEN.read_bytes(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(GOLDEN.read_text().splitlines())
    graphs = {q.graph_name.value for q in quads}
    entities = {ID + "entity/" + e for e in ("huawei", "mts", "united-states", "russia", "china")}
    assert ID + "article/957069b94ee8dd14" in graphs and entities <= graphs and len(graphs) == 11
    for q in quads:  # an entity's description lives in the entity's own graph
        if q.graph_name.value.startswith(ID + "entity/"):
            assert q.subject.value == q.graph_name.value


def _graph(seed: FactSheet) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in sheet_quads(seed):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize(
    ("subject", "relation", "object_", "fact_id"),
    [
        ("entity/huawei", "contractsWith", "entity/mts", "deal"),
        ("entity/mts", "contractsWith", "entity/huawei", "deal"),
        ("entity/united-states", "bans", "entity/huawei", "us-ban"),
        (None, "signedDuring", None, "deal-signed-during-visit"),
    ],
)
def test_design_card_relations_have_evidence_at_the_right_offsets(
    seed: FactSheet, subject: str | None, relation: str, object_: str | None, fact_id: str
) -> None:
    g = _graph(seed)
    iris = fact_iris(seed)
    s = URIRef(ID + subject) if subject else URIRef(iris["deal"])
    o = URIRef(ID + object_) if object_ else URIRef(iris["state-visit"])
    rel = URIRef(DG + relation)
    assert (s, rel, o) in g
    statements = [
        st
        for st in g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"), rel)
        if g.value(st, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")) == s
        and g.value(st, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")) == o
    ]
    assert len(statements) == 1
    fact = g.value(statements[0], URIRef(DG + "supportedBy"))
    assert fact == URIRef(iris[fact_id])
    text = seed.article.text
    anns = list(g.objects(fact, URIRef(DG + "evidence")))
    assert anns
    for ann in anns:
        target = g.value(ann, URIRef(OA + "hasTarget"))
        assert g.value(target, URIRef(OA + "hasSource")) == URIRef(ID + "article/957069b94ee8dd14")
        sel = list(g.objects(target, URIRef(OA + "hasSelector")))
        exact = next(
            g.value(x, URIRef(OA + "exact")) for x in sel if g.value(x, URIRef(OA + "exact"))
        )
        start = next(
            g.value(x, URIRef(OA + "start"))
            for x in sel
            if g.value(x, URIRef(OA + "start")) is not None
        )
        end = next(
            g.value(x, URIRef(OA + "end"))
            for x in sel
            if g.value(x, URIRef(OA + "end")) is not None
        )
        assert text[int(start) : int(end)] == str(exact)


def test_the_signed_during_quote_names_the_state_visit(seed: FactSheet) -> None:
    quote = seed.fact("deal-signed-during-visit").evidence[0].quote
    assert "staatsbezoek" in quote and "Xi Jinping" in quote and "ondertekend" in quote


def test_negated_facts_state_no_direct_relation(seed: FactSheet) -> None:
    ban = seed.fact("us-ban")
    negated = replace(seed, facts=(replace(ban, modality="negated"),))
    triples = {q[:3] for q in sheet_quads(negated)}
    assert (
        URIRef(ID + "entity/united-states"),
        URIRef(DG + "bans"),
        URIRef(ID + "entity/huawei"),
    ) not in triples
    assert any(p == URIRef(DG + "modality") and o == URIRef(DG + "Negated") for _, p, o in triples)


def test_fact_iris_ignore_the_article_so_one_event_merges_across_articles(seed: FactSheet) -> None:
    other = replace(seed, article=replace(seed.article, id="another-article"))
    assert fact_iris(other) == fact_iris(seed)


def test_a_negated_fact_is_never_the_node_of_the_asserted_one(seed: FactSheet) -> None:
    """ "MTS did not sign with Huawei" in one article and "MTS signed with Huawei" in another
    are two nodes; a planned or speculated deal is the deal itself, one node."""
    deal = next(f for f in seed.facts if f.type == "Deal")
    asserted = fact_iris(replace(seed, facts=(deal,)))[deal.id]
    for modality, same in (("negated", False), ("planned", True), ("speculative", True)):
        other = replace(seed, facts=(replace(deal, modality=modality),))
        assert (fact_iris(other)[deal.id] == asserted) is same, modality
