"""Exports round-trip: RDF files parse back with rdflib and pyoxigraph into the store's quads;
GraphML and GEXF read back with networkx; CSV reads back row for row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from dealgraph.errors import InputError
from dealgraph.export import (
    RDF_ENGINES,
    csv_paths,
    export,
    flat_graph,
    gexf_graph,
    quiet_rdflib,
    store_quads,
    write_rdf,
)
from dealgraph.graph import project
from dealgraph.store import EmbeddedStore

OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def reference(store: EmbeddedStore) -> tuple[set[str], set[str]]:
    """The store's quads and the union of its triples, as N-Quads / N-Triples lines."""
    quads = set(store_quads(store))
    return {str(q) for q in quads}, {str(q.triple) for q in quads}


def rdflib_reference(store: EmbeddedStore, triples: bool) -> set[tuple]:  # type: ignore[type-arg]
    data = ox.serialize(store_quads(store), format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(data=data, format="nquads")
    if triples:
        return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    return set(ds.quads((None, None, None, None)))


def rdflib_read(path: Path, fmt: str) -> set[tuple]:  # type: ignore[type-arg]
    if fmt == "turtle":
        g = rdflib.Graph()
        g.parse(path, format="turtle")
        return set(g)
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(path, format=RDFLIB_FORMAT[fmt])
    return set(ds.quads((None, None, None, None)))


@pytest.mark.parametrize(
    ("fmt", "engine"),
    [
        ("turtle", "oxigraph"),
        ("trig", "oxigraph"),
        ("nquads", "oxigraph"),
        ("nquads", "rdflib"),
        ("jsonld", "rdflib"),
        ("jsonld", "oxigraph"),
    ],
)
def test_rdf_parses_back_with_rdflib_and_pyoxigraph(
    seeded: EmbeddedStore, tmp_path: Path, fmt: str, engine: str
) -> None:
    path = tmp_path / f"out.{fmt}"
    n, graphs = write_rdf(store_quads(seeded), path, fmt, engine)
    quads, triples = reference(seeded)
    back = {str(q) for q in ox.parse(path=str(path), format=OX_FORMAT[fmt])}
    if fmt == "turtle":
        assert back == triples and n == len(triples)
    else:
        assert back == quads and n == len(quads)
    assert graphs == 11  # the article graph and the graphs of its 10 entities
    assert rdflib_read(path, fmt) == rdflib_reference(seeded, triples=fmt == "turtle")


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_rdflibs_turtle_writer_would_change_decimal_terms(
    seeded: EmbeddedStore, tmp_path: Path, fmt: str
) -> None:
    # One reason Turtle and TriG go through pyoxigraph: rdflib writes the stored
    # "1"^^xsd:decimal as the shorthand 1.0, the same number but another RDF term.
    path = tmp_path / f"out.{fmt}"
    write_rdf(store_quads(seeded), path, fmt, "rdflib")
    back = {str(q) for q in ox.parse(path=str(path), format=OX_FORMAT[fmt])}
    decimal = "^^<http://www.w3.org/2001/XMLSchema#decimal>"
    assert any(f'"1.0"{decimal}' in q for q in back)
    assert not any(f'"1.0"{decimal}' in q for q in reference(seeded)[0])


def test_turtle_is_isomorphic_to_the_union_graph(seeded: EmbeddedStore, tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    export(seeded, tmp_path / "g.ttl")
    mine = rdflib.Graph().parse(tmp_path / "g.ttl", format="turtle")
    union = rdflib.Graph()
    for s, p, o in rdflib_reference(seeded, triples=True):
        union.add((s, p, o))
    assert isomorphic(mine, union)


def test_the_default_writers_and_what_the_files_look_like(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    assert RDF_ENGINES == {
        "turtle": "oxigraph",
        "trig": "oxigraph",
        "nquads": "oxigraph",
        "jsonld": "rdflib",
    }
    report = export(seeded, tmp_path / "g.jsonld")
    text = (tmp_path / "g.jsonld").read_text()
    assert '"@context"' in text and '"dg": "https://w3id.org/dealgraph/ontology#"' in text
    assert '"dg:contractsWith"' in text
    assert report.count == "534 quads in 11 graphs" and report.format == "jsonld"
    export(seeded, tmp_path / "g.trig")
    trig = (tmp_path / "g.trig").read_text()
    assert "@prefix dg: <https://w3id.org/dealgraph/ontology#> ." in trig
    assert "dg:contractsWith <https://w3id.org/dealgraph/id/entity/" in trig
    assert "\\/" not in trig  # instance IRIs in full, not dgid:entity\/huawei


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    g = project(seeded, include_facts=True)
    export(seeded, tmp_path / "g.graphml", graph=g)
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    expected = flat_graph(g)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(
        expected.edges(keys=True, data=True), key=repr
    )
    huawei = back.nodes["https://w3id.org/dealgraph/id/entity/huawei"]
    assert (huawei["label"], huawei["type"], huawei["kind"]) == ("Huawei", "Company", "entity")
    ban = next(d for _, _, d in back.edges(data=True) if d["label"] == "bans")
    assert ban["date"] == "2019-06-05" and ban["date_label"] == "before 2019-06-05"
    assert ban["precision"] == "day" and ban["qualifier"] == "before" and ban["quotes"] == 2
    assert ban["evidence"].startswith("“de Verenigde Staten het bedrijf")
    assert ban["symmetric"] is False


def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    g = project(seeded, include_facts=True)
    export(seeded, tmp_path / "g.gexf", graph=g)
    back = nx.read_gexf(tmp_path / "g.gexf")
    expected = gexf_graph(g)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(
        expected.edges(keys=True, data=True), key=repr
    )
    xml = (tmp_path / "g.gexf").read_text()
    assert 'label="Huawei"' in xml and 'label="bans"' in xml


def test_csv_gives_a_nodes_and_an_edges_file(seeded: EmbeddedStore, tmp_path: Path) -> None:
    g = project(seeded, include_facts=True)
    report = export(seeded, tmp_path / "graph.csv", graph=g)
    nodes_path, edges_path = csv_paths(tmp_path / "graph.csv")
    assert report.paths == (nodes_path, edges_path)
    assert sorted(p.name for p in tmp_path.glob("graph*")) == ["graph-edges.csv", "graph-nodes.csv"]
    flat = flat_graph(g)
    nodes = list(csv.DictReader(io.StringIO(nodes_path.read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO(edges_path.read_text(encoding="utf-8"))))
    assert {r["Id"] for r in nodes} == set(flat.nodes)
    assert {(r["Source"], r["Target"], r["Id"]) for r in edges} == set(flat.edges(keys=True))
    assert list(edges[0])[:5] == ["Source", "Target", "Type", "Id", "Label"]
    for r in nodes:
        d = flat.nodes[r["Id"]]
        assert r["Label"] == d["label"]
        assert {k: v for k, v in r.items() if v and k not in ("Id", "Label")} == {
            k: str(v) for k, v in d.items() if k != "label"
        }
    ban = next(r for r in edges if r["Label"] == "bans")
    assert ban["Type"] == "Directed" and ban["date_label"] == "before 2019-06-05"
    assert ban["symmetric"] == "false"


def test_without_facts_the_graph_formats_hold_entities_and_relations(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    full = export(seeded, tmp_path / "a.graphml", graph=project(seeded, include_facts=True))
    lean = export(seeded, tmp_path / "b.graphml", graph=project(seeded, include_facts=False))
    assert full.count == "17 nodes, 31 edges" and lean.count == "12 nodes, 9 edges"


def test_an_interrupted_export_leaves_the_earlier_file(
    seeded: EmbeddedStore, tmp_path: Path
) -> None:
    target = tmp_path / "g.nq"
    target.write_text("earlier export\n")

    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export(seeded, target, progress=interrupt)
    assert target.read_text() == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "store"] == ["g.nq"]  # no temporary


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("g.xml", None, "cannot tell the format from the name; give --format"),
        ("g.ttl", "parquet", "unknown export format 'parquet'"),
    ],
)
def test_bad_export_requests(
    seeded: EmbeddedStore, tmp_path: Path, name: str, fmt: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        export(seeded, tmp_path / name, fmt)
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_an_unwritable_target_is_bad_input(seeded: EmbeddedStore, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot write .*choose another path with -o"):
        export(seeded, tmp_path / "file" / "g.ttl")
