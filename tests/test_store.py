"""The embedded store: real pyoxigraph on disk, its locks, read-only readers and snapshots.

What every store does (no duplicates, replace, union, atomic writes, dump and restore) is in
test_store_contract.py; these tests are about the directory on disk and other processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from dealgraph.errors import InputError, StoreLockedError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets, summarize
from dealgraph.rdf import sheet_quads
from dealgraph.store import EmbeddedStore, open_store, store_location
from tests.conftest import article_graphs


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
    assert (s.articles, s.entities, s.facts, s.graphs) == (1, 10, 7, 11)
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


def test_generation_is_a_counter_on_disk(store: EmbeddedStore, seed: FactSheet) -> None:
    assert store.generation() == "0"
    load_sheets(store, [seed])
    assert store.generation() == "2"  # bumped before and after the write
    assert (store.path / "dealgraph-generation").read_text() == "2\n"


def test_bulk_load_into_an_empty_and_a_full_store(tmp_path: Path, seed: FactSheet) -> None:
    from dealgraph.rdf import to_nquads

    shard = tmp_path / "shard.nq"
    shard.write_text(to_nquads(sheet_quads(seed)))
    with open_store(tmp_path / "s") as st:
        first = st.load_nquads([shard])
        second = st.load_nquads([shard, shard])  # the same graph twice in one load: once
        assert (first.replaced, second.replaced) == ([], first.graphs)
        assert first.quads_added == second.quads_added == len(st) == 534


# -- readers beside writers ------------------------------------------------------------------

WRITER = """
import sys
from dataclasses import replace
from dealgraph.pipeline import load_sheets
from dealgraph.seed import seed_sheet
from dealgraph.store import open_store

seed = seed_sheet()
with open_store(sys.argv[1]) as st:
    print("ready", flush=True)
    for line in sys.stdin:
        article = replace(seed.article, id=line.strip())
        load_sheets(st, [replace(seed, article=article)])
        print("loaded", flush=True)
"""


class Writer:
    """Another process holding the store open for writing, loading copies of the seed on demand."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.readline() == "ready"

    def readline(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def load(self, article_id: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(article_id + "\n")
        self.proc.stdin.flush()
        assert self.readline() == "loaded"

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.communicate("", timeout=60)


def test_readers_share_the_store_and_keep_writers_out(seeded: EmbeddedStore) -> None:
    path = seeded.path
    seeded.close()
    with open_store(path, read_only=True) as a, open_store(path, read_only=True) as b:
        assert len(a) == len(b) == 534
        with pytest.raises(StoreLockedError, match="open read-only; close it"):
            open_store(path)  # this process
        holder = subprocess.run(
            [sys.executable, "-c", "import sys, pyoxigraph; pyoxigraph.Store(sys.argv[1])", path],
            capture_output=True,
            text=True,
        )
        assert holder.returncode != 0 and "lock" in holder.stderr.lower()  # another process
    with open_store(path) as w:  # the readers are gone: writing works again
        assert len(w) == 534


def test_a_reader_beside_a_writer_in_this_process(seeded: EmbeddedStore) -> None:
    with pytest.raises(StoreLockedError, match="this process has the store .* open for writing"):
        open_store(seeded.path, read_only=True)
    other = subprocess.run(  # the writer still holds its lock
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph; pyoxigraph.Store(sys.argv[1])",
            seeded.path,
        ],
        capture_output=True,
        text=True,
    )
    assert other.returncode != 0 and "lock" in other.stderr.lower()


def test_a_reader_beside_a_writer_is_told_about_snapshots(seeded: EmbeddedStore) -> None:
    path = seeded.path
    seeded.close()
    with Writer(path), pytest.raises(StoreLockedError) as exc:
        open_store(path, read_only=True)
    assert "being written by another process" in str(exc.value)
    assert f"dealgraph store snapshot --store {path}" in str(exc.value)


def test_snapshots_let_a_reader_follow_a_writer(seeded: EmbeddedStore) -> None:
    path = seeded.path
    first = seeded.publish_snapshot()
    assert first.name == "0000000002" and seeded.snapshots_enabled()
    seeded.close()
    with Writer(path) as writer:
        writer.load("second")
        reader = open_store(path, read_only=True)
        assert isinstance(reader, EmbeddedStore)
        assert reader.snapshot == "0000000004" and reader.generation() == "4"
        assert len(article_graphs(reader.graphs())) == 2
        assert reader.refresh() is False
        writer.load("third")
        assert (
            len(article_graphs(reader.graphs())) == 2
        )  # a snapshot does not change under its reader
        assert reader.refresh() is True and len(article_graphs(reader.graphs())) == 3
        assert reader.stats().snapshots >= 2
        reader.close()
    with open_store(path, read_only=True) as after:  # no writer: the newest state, still
        assert len(article_graphs(after.graphs())) == 3


def test_a_reader_brings_stale_snapshots_up_to_date(seeded: EmbeddedStore, seed: FactSheet) -> None:
    path = seeded.path
    seeded.publish_snapshot()
    seeded.snapshots_dir.rename(path / "off")  # a writer that did not publish...
    load_sheets(seeded, [replace(seed, article=replace(seed.article, id="late"))])
    (path / "off").rename(seeded.snapshots_dir)  # ...and then snapshots came back on
    seeded.close()
    with open_store(path, read_only=True) as reader:
        assert isinstance(reader, EmbeddedStore)
        assert reader.snapshot == "0000000004" and len(article_graphs(reader.graphs())) == 2


def test_old_snapshots_are_pruned(
    store: EmbeddedStore, seed: FactSheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dealgraph.store as store_module

    monkeypatch.setattr(store_module, "SNAPSHOT_GRACE_SECONDS", 0.0)
    store.publish_snapshot()
    for i in range(4):
        load_sheets(store, [replace(seed, article=replace(seed.article, id=f"a{i}"))])
    names = sorted(p.name for p in store.snapshots_dir.iterdir())
    assert names == ["0000000006", "0000000008"]  # the two newest of 0, 2, 4, 6, 8
