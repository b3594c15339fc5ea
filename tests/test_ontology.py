"""The ontology, shapes, types and queries agree with each other."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from dealgraph import resources
from dealgraph.namespaces import DG
from dealgraph.schema import load_schema


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=resources.read_ontology_file("dealgraph.ttl"), format="turtle")
    return g


def test_every_name_in_types_yaml_is_declared(onto: rdflib.Graph) -> None:
    s = load_schema()
    names = {ec.iri for ec in s.entity_classes.values()} | {ft.iri for ft in s.fact_types.values()}
    for ft in s.fact_types.values():
        names |= {r.property for r in s.roles_of(ft.name).values()}
        names |= {a.property for a in ft.attributes.values() if a.property.startswith(DG)}
        names |= {e.relation for e in ft.edges}
    for iri in sorted(names):
        if iri.startswith(DG):
            assert (rdflib.URIRef(iri), RDF.type, None) in onto, (
                f"{iri} is not declared in dealgraph.ttl"
            )


def test_every_dg_term_has_english_and_dutch_labels(onto: rdflib.Graph) -> None:
    terms = {
        s
        for s in onto.subjects(RDF.type, None)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(DG)
    }
    assert len(terms) > 60
    for t in terms:
        langs = {lbl.language for lbl in onto.objects(t, RDFS.label)}
        assert {"en", "nl"} <= langs, t


def test_classes_and_relations_have_definitions(onto: rdflib.Graph) -> None:
    for cls in onto.subjects(RDF.type, OWL.Class):
        langs = {d.language for d in onto.objects(cls, SKOS.definition)}
        assert {"en", "nl"} <= langs, cls
    for rel in ("contractsWith", "bans", "signedDuring", "visits", "accuses"):
        assert {d.language for d in onto.objects(rdflib.URIRef(DG + rel), SKOS.definition)} >= {
            "en",
            "nl",
        }


def test_design_card_vocabulary_is_aligned(onto: rdflib.Graph) -> None:
    assert (rdflib.URIRef(DG + "contractsWith"), RDF.type, OWL.SymmetricProperty) in onto
    assert (
        rdflib.URIRef(DG + "Article"),
        RDFS.subClassOf,
        rdflib.URIRef("https://schema.org/NewsArticle"),
    ) in onto
    assert (
        rdflib.URIRef(DG + "Person"),
        RDFS.subClassOf,
        rdflib.URIRef("http://www.w3.org/ns/prov#Person"),
    ) in onto
    for event in ("Deal", "Ban", "StateVisit", "Trial", "Allegation", "Appeal"):
        assert (rdflib.URIRef(DG + event), RDFS.subClassOf, rdflib.URIRef(DG + "Event")) in onto


def test_shapes_parse_and_target_the_core_classes() -> None:
    g = rdflib.Graph()
    g.parse(data=resources.read_ontology_file("shapes.ttl"), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(o).rsplit("#", 1)[1] for o in g.objects(None, sh.targetClass)}
    assert {
        "Deal",
        "Ban",
        "StateVisit",
        "Fact",
        "Entity",
        "Article",
        "Annotation",
        "DateSpec",
    } <= targets
