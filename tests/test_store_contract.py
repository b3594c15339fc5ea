"""The store contract: every store (embedded, in memory, a real Oxigraph server) behaves the same.

Each test runs on the three implementations; the remote one talks to a real `oxigraph serve`
process on 127.0.0.1 (marker `server`).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from dealgraph import store as store_module
from dealgraph.errors import InputError, QueryError, StoreError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets, summarize
from dealgraph.rdf import article_quads, sheet_quads, to_nquads
from dealgraph.store import GraphStore, LoadReport, open_store
from dealgraph.transfer import dump_to, restore

from .conftest import SEED_ENTITY_GRAPHS, SEED_QUADS, SEED_TWICE_QUADS, article_graphs
from .servers import OxigraphServer

KINDS = ["embedded", "memory", pytest.param("remote", marks=pytest.mark.server)]
ART = "https://w3id.org/dealgraph/id/article/"


def _open(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    if kind == "embedded":
        return open_store(tmp_path / "store")
    if kind == "memory":
        return open_store(":memory:")
    server: OxigraphServer = request.getfixturevalue("oxigraph")
    return open_store(server.url)


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    with _open(request.param, request, tmp_path) as s:
        assert s.kind == request.param
        yield s


def copy_of(seed: FactSheet, article_id: str) -> FactSheet:
    return replace(seed, article=replace(seed.article, id=article_id))


def nquads(store: GraphStore) -> list[bytes]:
    """The store's dump, sorted: the comparison every round trip uses."""
    buf = io.BytesIO()
    n = store.dump(buf)
    lines = sorted(buf.getvalue().splitlines())
    assert n == len(lines)
    return lines


def test_loading_twice_adds_nothing(store: GraphStore, seed: FactSheet) -> None:
    first = load_sheets(store, [seed])
    n = len(store)
    second = load_sheets(store, [seed])
    assert first.report is not None and second.report is not None
    assert len(store) == n == first.report.quads_after == second.report.quads_after == SEED_QUADS
    assert first.replaced == [] and article_graphs(second.replaced) == [ART + "957069b94ee8dd14"]
    assert article_graphs(store.graphs()) == [ART + "957069b94ee8dd14"]


def test_what_is_stored_is_exactly_what_was_mapped(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    assert b"\n".join(nquads(store)).decode() + "\n" == to_nquads(sheet_quads(seed))


def test_a_changed_sheet_replaces_its_graph(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    fewer = replace(seed, facts=tuple(f for f in seed.facts if f.type != "Trial"))
    load_sheets(store, [fewer])
    assert not store.ask("ASK { ?t a dg:Trial }")
    assert store.ask("ASK { ?d a dg:Deal }")
    assert nquads(store) == sorted(to_nquads(sheet_quads(fewer)).encode().splitlines())


def test_queries_run_over_the_union_of_graphs(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed, copy_of(seed, "copy")])
    assert article_graphs(store.graphs()) == [ART + "957069b94ee8dd14", ART + "copy"]
    r = store.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) (COUNT(DISTINCT ?a) AS ?m) "
        "WHERE { ?d a dg:Deal ; prov:wasDerivedFrom ?a }"
    )
    assert r.variables == ["n", "m"]
    assert [t.value for t in r.rows[0] if t is not None] == ["1", "2"]  # one deal, two sources


@pytest.mark.xfail(
    strict=True,
    reason="Oxigraph 0.5 returns a triple once per graph that holds it (oxigraph#1919); "
    "when this passes, remove the README's paragraph on COUNT(DISTINCT) and this mark",
)
def test_union_of_graphs_is_a_set(store: GraphStore, seed: FactSheet) -> None:
    """Two articles report the same deal: the union of their graphs holds its type once."""
    load_sheets(store, [seed, copy_of(seed, "copy")])
    r = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a dg:Deal }")
    assert [t.value for t in r.rows[0] if t is not None] == ["1"]


def test_every_store_answers_alike(store: GraphStore, seed: FactSheet) -> None:
    """SELECT, ASK and CONSTRUCT give the same terms as the in-memory reference."""
    load_sheets(store, [seed])
    with open_store(":memory:") as ref:
        load_sheets(ref, [seed])
        for q in (
            "SELECT ?a ?l WHERE { ?a dg:contractsWith ?b ; rdfs:label ?l } ORDER BY ?a ?l",
            "SELECT ?f ?date ?unbound WHERE { ?f a dg:Fact OPTIONAL { ?f dg:date ?date } } ORDER BY ?f",
            "SELECT ?q WHERE { ?s oa:exact ?q } ORDER BY ?q",
        ):
            mine, theirs = store.query(q), ref.query(q)
            assert (mine.kind, mine.variables, mine.rows) == (
                theirs.kind,
                theirs.variables,
                theirs.rows,
            )
            assert mine.rows
        assert store.ask("ASK { ?a dg:bans ?b }") is True
        assert store.ask("ASK { ?a dg:bans <https://w3id.org/dealgraph/id/entity/mts> }") is False
        c = "CONSTRUCT { ?a dg:bans ?b } WHERE { ?a dg:bans ?b }"
        assert sorted(map(str, store.query(c).triples)) == sorted(map(str, ref.query(c).triples))
        assert len(store.query(c).triples) == 1


def test_bad_sparql_gets_the_same_error_everywhere(store: GraphStore) -> None:
    with pytest.raises(QueryError) as exc:
        store.query("SELECT ?a WHERE { ?a dg:x ?b . FILTER( }")
    assert str(exc.value).startswith("bad SPARQL: error at 1:41: expected one of")
    assert str(exc.value).endswith("FILTER( }\n                                            ^")


def test_a_failing_write_leaves_the_store_unchanged(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    before, generation = nquads(store), store.generation()
    good = list(sheet_quads(copy_of(seed, "other")))
    bad = (
        URIRef("https://example.org/s"),
        URIRef("https://example.org/p"),
        Literal("x", datatype=URIRef("not an iri")),
        good[0][3],
    )
    with pytest.raises(StoreError, match="nothing"):
        store.replace_graphs([*good[:10], *sheet_quads(seed), bad])
    assert nquads(store) == before
    assert article_graphs(store.graphs()) == [ART + "957069b94ee8dd14"]
    if store.kind != "embedded":  # the embedded store bumps its counter before it writes, so
        assert store.generation() == generation  # that a crash mid-write invalidates caches


def test_remove_graphs(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed, copy_of(seed, "copy")])
    removed = store.remove_graphs([ART + "copy", ART + "never-there"])
    assert removed == [ART + "copy"]
    assert article_graphs(store.graphs()) == [ART + "957069b94ee8dd14"] and len(store) == SEED_QUADS
    assert store.remove_graphs([]) == []


def test_generation_changes_with_every_write(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    tokens = [store.generation()]
    load_sheets(store, [seed])  # same content, still a new generation: caches rebuild safely
    tokens.append(store.generation())
    store.remove_graphs([ART + "957069b94ee8dd14"])
    tokens.append(store.generation())
    store.load_nquads([io.BytesIO(to_nquads(sheet_quads(seed)).encode())])
    tokens.append(store.generation())
    assert None not in tokens and len(set(tokens)) == 4
    store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    len(store), store.graphs(), nquads(store)
    assert store.generation() == tokens[-1]  # reading does not change it


def test_dump_and_restore_round_trip(store: GraphStore, seed: FactSheet, tmp_path: Path) -> None:
    load_sheets(store, [seed, copy_of(seed, "copy")])
    original = nquads(store)
    path = tmp_path / "dump.nq.gz"
    with gzip.open(path, "wb") as out:
        assert dump_to(store, out) == len(original) == SEED_TWICE_QUADS
    store.remove_graphs(store.graphs())
    assert len(store) == 0 and nquads(store) == []
    report = restore(store, [path])
    assert (article_graphs(report.graphs), report.replaced) == (
        [ART + "957069b94ee8dd14", ART + "copy"],
        [],
    )
    assert report.quads_after == SEED_TWICE_QUADS
    assert nquads(store) == original
    again = restore(store, [path])  # restoring twice adds nothing
    assert again.replaced == again.graphs and again.quads_after == SEED_TWICE_QUADS
    assert nquads(store) == original
    assert summarize(store).articles == 2


def test_bulk_load_replaces_the_graphs_it_names(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed, copy_of(seed, "keep")])
    fewer = replace(seed, facts=tuple(f for f in seed.facts if f.type == "Deal"))
    data = to_nquads(sheet_quads(fewer)).encode()
    report = store.load_nquads([io.BytesIO(data)])
    assert isinstance(report, LoadReport)
    assert (
        article_graphs(report.graphs)
        == article_graphs(report.replaced)
        == [ART + "957069b94ee8dd14"]
    )
    assert article_graphs(store.graphs()) == [ART + "957069b94ee8dd14", ART + "keep"]
    kept_article = len(set(article_quads(copy_of(seed, "keep"))))
    assert len(store) == kept_article + len(data.splitlines())
    assert not store.ask(f"ASK {{ GRAPH <{ART}957069b94ee8dd14> {{ ?t a dg:Trial }} }}")
    assert store.ask(f"ASK {{ GRAPH <{ART}keep> {{ ?t a dg:Trial }} }}")


def test_a_graph_split_over_shards_is_loaded_whole(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    lines = to_nquads(sheet_quads(seed)).encode().splitlines(keepends=True)
    shards = [io.BytesIO(b"".join(lines[::2])), io.BytesIO(b"".join(lines[1::2]))]
    report = store.load_nquads(shards)
    assert article_graphs(report.replaced) == [ART + "957069b94ee8dd14"]
    assert nquads(store) == sorted(x.rstrip(b"\n") for x in lines)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<http://s> <http://p> bad <http://g> .\n", r"not valid N-Quads"),
        (b'<http://s> <http://p> "no graph" .\n', r"has no named graph"),
    ],
)
def test_bad_n_quads_change_nothing(
    store: GraphStore, seed: FactSheet, tmp_path: Path, data: bytes, message: str
) -> None:
    load_sheets(store, [seed])
    before, generation = nquads(store), store.generation()
    shard = tmp_path / "shard.nq"
    # a good graph first: it must not be written either, since the check comes first
    shard.write_bytes(to_nquads(sheet_quads(copy_of(seed, "good"))).encode() + data)
    with pytest.raises(InputError, match=message) as exc:
        store.load_nquads([shard])
    assert str(shard) in str(exc.value) and "nothing was written" in str(exc.value)
    assert nquads(store) == before and store.generation() == generation


def test_a_read_only_store_refuses_writes(
    store: GraphStore, seed: FactSheet, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    load_sheets(store, [seed])
    if store.kind == "memory":
        pytest.skip("an in-memory store is never opened read-only")
    location = store.location
    store.close()
    with open_store(location, read_only=True) as ro:
        assert ro.read_only and len(ro) == SEED_QUADS
        for write in (
            lambda: ro.replace_graphs(sheet_quads(seed)),
            lambda: ro.remove_graphs([ART + "957069b94ee8dd14"]),
            lambda: ro.load_nquads([io.BytesIO(b"")]),
        ):
            with pytest.raises(StoreError, match="open read-only"):
                write()


def test_stats(store: GraphStore, seed: FactSheet) -> None:
    load_sheets(store, [seed, copy_of(seed, "copy")])
    stats = store.stats()
    assert (stats.kind, stats.quads, stats.graphs) == (
        store.kind,
        SEED_TWICE_QUADS,
        2 + SEED_ENTITY_GRAPHS,
    )
    assert stats.generation == store.generation()
    assert (stats.disk_bytes is not None) == (store.kind == "embedded")
    if stats.disk_bytes is not None:
        assert stats.disk_bytes > 10_000


@pytest.mark.server
def test_moving_a_graph_between_kinds_of_store(
    oxigraph: OxigraphServer, seed: FactSheet, tmp_path: Path
) -> None:
    """embedded -> Oxigraph server -> memory, through dump and restore, byte for byte."""
    with open_store(tmp_path / "a") as embedded:
        load_sheets(embedded, [seed, copy_of(seed, "x"), copy_of(seed, "y")])
        original = nquads(embedded)
        with open(tmp_path / "a.nq", "wb") as out:
            embedded.dump(out)
    with open_store(oxigraph.url) as remote:
        restore(remote, [tmp_path / "a.nq"])
        assert nquads(remote) == original
        with open(tmp_path / "b.nq", "wb") as out:
            remote.dump(out)
    with open_store(":memory:") as memory:
        restore(memory, [tmp_path / "b.nq"])
        assert nquads(memory) == original


def test_optimize_keeps_the_content_and_the_generation(
    store: GraphStore, seed: FactSheet, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Only the embedded store compacts; on every store the quads and the generation (the
    key of the caches) stay as they were, and a large restore compacts by itself."""
    load_sheets(store, [seed, copy_of(seed, "copy")])
    before, token = nquads(store), store.generation()
    assert store.optimize() is (store.kind == "embedded")
    assert nquads(store) == before and store.generation() == token
    path = tmp_path / "dump.nq"
    with open(path, "wb") as out:
        dump_to(store, out)
    monkeypatch.setattr(store_module, "COMPACT_AFTER_QUADS", 10)
    store.remove_graphs([ART + "copy"])
    report = restore(store, [path])
    assert (report.optimized is not None) is (store.kind == "embedded")
    assert nquads(store) == before
    monkeypatch.setattr(store_module, "COMPACT_AFTER_QUADS", 10**9)
    assert restore(store, [path]).optimized is None  # a small write does not compact
