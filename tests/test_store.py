"""The embedded store: real pyoxigraph on disk, one transaction per load, no duplicates."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from dealgraph.errors import InputError, StoreError, StoreLockedError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets, summarize
from dealgraph.rdf import sheet_quads
from dealgraph.store import EmbeddedStore, open_store, store_location


def test_loading_twice_adds_nothing(store: EmbeddedStore, seed: FactSheet) -> None:
    first = load_sheets(store, [seed])
    n = len(store)
    second = load_sheets(store, [seed])
    assert len(store) == n == first.report.quads_after  # type: ignore[union-attr]
    assert second.replaced == ["https://w3id.org/dealgraph/id/article/957069b94ee8dd14"]


def test_a_changed_sheet_replaces_its_graph(store: EmbeddedStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    fewer = replace(seed, facts=tuple(f for f in seed.facts if f.type != "Trial"))
    load_sheets(store, [fewer])
    assert not store.ask("ASK { ?t a dg:Trial }")
    assert store.ask("ASK { ?d a dg:Deal }")


def test_union_of_graphs_is_queried(store: EmbeddedStore, seed: FactSheet) -> None:
    other = replace(seed, article=replace(seed.article, id="copy"))
    load_sheets(store, [seed, other])
    assert len(store.graphs()) == 2
    r = store.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) (COUNT(DISTINCT ?a) AS ?m) WHERE { ?d a dg:Deal ; prov:wasDerivedFrom ?a }"
    )
    assert [t.value for t in r.rows[0]] == ["1", "2"]  # one deal, two sources


def test_a_failing_load_leaves_the_store_unchanged(store: EmbeddedStore, seed: FactSheet) -> None:
    load_sheets(store, [seed])
    before = sorted(str(q) for q in store.quads())
    good = list(sheet_quads(seed))
    bad = (
        URIRef("https://example.org/s"),
        URIRef("https://example.org/p"),
        Literal("x", datatype=URIRef("not an iri")),
        good[0][3],
    )
    with pytest.raises(StoreError, match="nothing was written"):
        store.replace_graphs([*good[:10], bad])
    assert sorted(str(q) for q in store.quads()) == before


def test_a_locked_store_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match="is in use by another process"):
            open_store(path)
    finally:
        holder.communicate("")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through directory permissions")
def test_an_unwritable_directory_gets_a_clear_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    with pytest.raises(StoreLockedError, match="choose a writable directory with --store"):
        open_store(ro / "store")


def test_a_store_below_a_file_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(
        StoreLockedError, match=r"cannot create the store directory .*plain/store: Not a directory"
    ):
        open_store(tmp_path / "plain" / "store")


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(InputError, match="is a file, not a directory"):
        open_store(f)


def test_store_location_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEALGRAPH_STORE", raising=False)
    assert store_location() == "dealgraph-data"
    monkeypatch.setenv("DEALGRAPH_STORE", "/data/x")
    assert store_location() == "/data/x"
    assert store_location("given") == "given"


def test_summary_counts(seeded: EmbeddedStore) -> None:
    s = summarize(seeded)
    assert (s.articles, s.entities, s.facts, s.graphs) == (1, 10, 7, 1)
    assert s.facts_by_type == {
        t: 1 for t in ("Allegation", "Appeal", "Ban", "Deal", "SignedDuring", "StateVisit", "Trial")
    }
    assert s.triples == len(seeded) > 400


def test_store_reopens_with_the_same_content(tmp_path: Path, seed: FactSheet) -> None:
    with open_store(tmp_path / "s") as st:
        load_sheets(st, [seed])
        n = len(st)
    with open_store(tmp_path / "s") as st:
        assert len(st) == n
        assert st.ask(
            "ASK { <https://w3id.org/dealgraph/id/entity/united-states> dg:bans <https://w3id.org/dealgraph/id/entity/huawei> }"
        )


def test_what_is_stored_is_exactly_what_was_mapped(store: EmbeddedStore, seed: FactSheet) -> None:
    from dealgraph.rdf import to_nquads

    load_sheets(store, [seed])
    stored = "".join(sorted(f"{q} .\n" for q in store.quads()))
    assert stored == to_nquads(sheet_quads(seed))


def test_generation_changes_with_every_load(store: EmbeddedStore, seed: FactSheet) -> None:
    g0 = store.generation()
    load_sheets(store, [seed])
    g1 = store.generation()
    load_sheets(store, [seed])  # same content, still a new generation: caches rebuild safely
    g2 = store.generation()
    assert len({g0, g1, g2}) == 3
    assert store.generation() == g2  # reading does not change it
