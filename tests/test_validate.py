"""SHACL: the seed conforms; broken graphs fail with readable messages."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Literal, URIRef

from dealgraph.facts import FactSheet
from dealgraph.namespaces import DG
from dealgraph.rdf import sheet_quads
from dealgraph.store import EmbeddedStore
from dealgraph.validate import graph_of, validate_graph, validate_store


def test_seed_conforms(seed: FactSheet) -> None:
    report = validate_graph(graph_of(sheet_quads(seed)))
    assert report.conforms, report.text()
    assert report.text().startswith("valid: 534 triples conform")


def test_stored_seed_conforms(seeded: EmbeddedStore) -> None:
    assert validate_store(seeded).conforms


def test_a_deal_with_one_party_fails_readably(seed: FactSheet) -> None:
    # The sheet validator would refuse this; SHACL is the second line for graphs from elsewhere.
    deal = seed.fact("deal")
    broken = replace(seed, facts=(replace(deal, roles={**deal.roles, "party": ("huawei",)}),))
    report = validate_graph(graph_of(sheet_quads(broken)))
    assert not report.conforms
    text = report.text()
    assert text.startswith("1 violation(s) of ontology/shapes.ttl:")
    assert "dgid:deal/" in text and "dg:party" in text
    assert "A deal has at least two parties" in text and "(MinCountConstraintComponent)" in text


def test_bad_date_datatype_and_missing_evidence_fail(seed: FactSheet) -> None:
    g = graph_of(sheet_quads(seed))
    ban = next(
        g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(DG + "Ban"))
    )
    g.remove((ban, URIRef(DG + "date"), None))
    g.add((ban, URIRef(DG + "date"), Literal("June 2019")))
    g.remove((ban, URIRef(DG + "evidence"), None))
    report = validate_graph(g)
    messages = {v.message for v in report.violations}
    assert (
        "dg:date must be one xsd:date (the first day of the period the article gives)." in messages
    )
    assert any(m.startswith("A fact needs at least one evidence quote") for m in messages)


def test_a_fact_without_the_quote_of_its_evidence_fails(seed: FactSheet) -> None:
    """The named queries read a fact's quote from dg:quote: a graph written without it (by
    an older dealgraph, or by hand) is reported, with how to mend it."""
    g = graph_of(sheet_quads(seed))
    deal = next(
        g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(DG + "Deal"))
    )
    quotes = set(g.objects(deal, URIRef(DG + "quote")))
    exact = {
        o
        for ann in g.objects(deal, URIRef(DG + "evidence"))
        for t in g.objects(ann, URIRef("http://www.w3.org/ns/oa#hasTarget"))
        for sel in g.objects(t, URIRef("http://www.w3.org/ns/oa#hasSelector"))
        for o in g.objects(sel, URIRef("http://www.w3.org/ns/oa#exact"))
    }
    assert quotes and quotes == exact  # the same words as the annotations' selectors
    g.remove((deal, URIRef(DG + "quote"), None))
    report = validate_graph(g)
    assert not report.conforms
    assert any(
        v.message.startswith("A fact carries the words of its evidence") for v in report.violations
    )


@pytest.mark.parametrize("relation", ["contractsWith", "bans", "signedDuring"])
def test_the_ontology_declares_the_design_card_relations(relation: str) -> None:
    from dealgraph.validate import _ontology

    assert (URIRef(DG + relation), None, None) in _ontology()
