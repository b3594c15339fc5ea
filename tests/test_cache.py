"""The projection is built once per store state: memo in this process, pickle beside the store."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from dealgraph.facts import FactSheet
from dealgraph.graph import CACHE_DIR, cache_path, clear_memo, project, projection
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore


@pytest.fixture(autouse=True)
def fresh_memo() -> Iterator[None]:
    clear_memo()
    yield
    clear_memo()


def builds(store: EmbeddedStore, include_facts: bool = True) -> tuple[nx.MultiDiGraph, bool]:
    """The projection and whether it had to be built (not read from memory or disk)."""
    built: list[bool] = []
    g = projection(store, include_facts, on_build=lambda: built.append(True))
    return g, bool(built)


def cache_files(store: EmbeddedStore) -> list[str]:
    return sorted(p.name for p in (Path(store.location) / CACHE_DIR).iterdir())


def same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and sorted(
        a.edges(keys=True, data=True), key=repr
    ) == sorted(b.edges(keys=True, data=True), key=repr)


def test_built_once_then_from_memory_then_from_disk(seeded: EmbeddedStore) -> None:
    first, built = builds(seeded)
    assert built and nx.is_frozen(first)
    gen = seeded.generation()
    assert cache_files(seeded) == [f"projection-{gen}-facts.pickle"]
    again, built = builds(seeded)
    assert again is first and not built
    clear_memo()  # as in a new process
    from_disk, built = builds(seeded)
    assert not built and from_disk is not first and same(from_disk, first)
    assert same(from_disk, project(seeded, include_facts=True))


def test_with_and_without_facts_are_cached_apart(seeded: EmbeddedStore) -> None:
    full, _ = builds(seeded, True)
    entities, built = builds(seeded, False)
    assert built and entities.number_of_nodes() < full.number_of_nodes()
    gen = seeded.generation()
    assert cache_files(seeded) == [
        f"projection-{gen}-entities.pickle",
        f"projection-{gen}-facts.pickle",
    ]


def test_a_write_to_the_store_rebuilds_and_removes_the_old_cache(
    seeded: EmbeddedStore, seed: FactSheet
) -> None:
    old, _ = builds(seeded)
    fewer = replace(seed, facts=tuple(f for f in seed.facts if f.type != "Trial"))
    load_sheets(seeded, [fewer])
    new, built = builds(seeded)
    assert built and new is not old
    assert "tests with" in {d["relation_label"] for _, _, d in old.edges(data=True)}
    assert "tests with" not in {d["relation_label"] for _, _, d in new.edges(data=True)}
    assert cache_files(seeded) == [f"projection-{seeded.generation()}-facts.pickle"]


def test_a_frozen_projection_refuses_changes(seeded: EmbeddedStore) -> None:
    g, _ = builds(seeded)
    with pytest.raises(nx.NetworkXError, match="Frozen graph"):
        g.add_node("x")
    g.copy().add_node("x")  # a copy is the caller's to change


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a pickle"),
        lambda p: p.write_bytes(p.read_bytes()[:100]),
        lambda p: p.write_bytes(
            pickle.dumps({"format": -1}) + pickle.dumps(nx.MultiDiGraph())
        ),  # written by other code
    ],
)
def test_a_damaged_or_foreign_cache_is_rebuilt(seeded: EmbeddedStore, damage) -> None:  # type: ignore[no-untyped-def]
    good, _ = builds(seeded)
    path = cache_path(seeded, seeded.generation() or "", True)
    assert path is not None
    damage(path)
    clear_memo()
    g, built = builds(seeded)
    assert built and same(g, good)
    clear_memo()
    assert not builds(seeded)[1]  # and the file was written again


class UnknownGeneration(EmbeddedStore):
    def generation(self) -> str | None:
        return None


def test_no_cache_when_the_generation_is_unknown(tmp_path: Path, seed: FactSheet) -> None:
    store = UnknownGeneration(tmp_path / "s")
    try:
        load_sheets(store, [seed])
        a, built_a = builds(store)
        b, built_b = builds(store)
        assert built_a and built_b and a is not b
        assert not (tmp_path / "s" / CACHE_DIR).exists()
    finally:
        store.close()


def test_two_stores_in_one_process_do_not_share(tmp_path: Path, seed: FactSheet) -> None:
    from dealgraph.store import open_store

    renamed = dict(seed.entities)
    renamed["mts"] = replace(renamed["mts"], label={"": "Mobile TeleSystems PJSC"})
    with open_store(tmp_path / "a") as a, open_store(tmp_path / "b") as b:
        load_sheets(a, [seed])
        load_sheets(b, [replace(seed, entities=renamed)])
        assert a.generation() == b.generation()  # same token: the memo must key on the store
        ga, gb = projection(a), projection(b)
        mts = "https://w3id.org/dealgraph/id/entity/mts"
        assert (ga.nodes[mts]["label"], gb.nodes[mts]["label"]) == (
            "MTS",
            "Mobile TeleSystems PJSC",
        )


def test_the_next_process_reads_the_disk_cache(seeded: EmbeddedStore, tmp_path: Path) -> None:
    builds(seeded)
    location = seeded.location
    seeded.close()  # release the store's lock for the other process
    script = (
        "import sys\n"
        "from dealgraph.store import open_store\n"
        "from dealgraph.graph import projection\n"
        "built = []\n"
        "with open_store(sys.argv[1]) as s:\n"
        "    g = projection(s, on_build=lambda: built.append(1))\n"
        "print(len(built), g.number_of_nodes())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, location],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
    ).stdout.split()
    assert out == ["0", "17"]
