"""`--store` for every command, and `dealgraph store dump|restore|stats|snapshot`, run as a user
would: the installed console script in a subprocess, against a real `oxigraph serve`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from .conftest import run_cli
from .servers import OxigraphServer, free_port
from .test_facts import GOOD
from .test_store import Writer


def ok(*args: str, cwd: Path) -> str:
    r = run_cli(*args, cwd=cwd)
    assert r.returncode == 0, r.stderr
    return r.stdout


def sorted_lines(path: Path) -> list[bytes]:
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return sorted(data.splitlines())


@pytest.mark.server
def test_every_command_works_on_a_server(oxigraph: OxigraphServer, tmp_path: Path) -> None:
    url = oxigraph.url
    out = ok("demo", "--store", url, cwd=tmp_path)
    assert (
        f"Loaded the seed into {url}" in out
        and "triples:   534 quads in 11 graphs (1 article, 10 entity)" in out
    )
    assert (tmp_path / "dealgraph-view.html").stat().st_size > 10_000
    (tmp_path / "good.yaml").write_text(GOOD)
    assert "store now holds" in ok("load", "good.yaml", "--store", url, cwd=tmp_path)
    assert ok("validate", "--store", url, cwd=tmp_path).startswith("valid: ")
    rows = json.loads(
        ok("query", "deals-of", "-p", "org=Huawei", "-f", "json", "--store", url, cwd=tmp_path)
    )["results"]["bindings"]
    assert [r["partnerLabel"]["value"] for r in rows] == ["MTS"]
    assert "wrote v.html" in ok("view", "-o", "v.html", "--store", url, cwd=tmp_path)
    stats = ok("store", "stats", "--store", url, cwd=tmp_path)
    assert "articles:  2" in stats and f"query: {url}/query" in stats
    assert not (tmp_path / "dealgraph-data").exists()  # nothing went to an embedded store


@pytest.mark.server
def test_embedded_to_server_and_back(oxigraph: OxigraphServer, tmp_path: Path) -> None:
    ok("demo", cwd=tmp_path)
    (tmp_path / "good.yaml").write_text(GOOD)
    ok("load", "good.yaml", cwd=tmp_path)
    out = ok("store", "dump", "-o", "a.nq.gz", cwd=tmp_path)
    assert out.startswith("wrote ") and " quads to a.nq.gz (" in out
    out = ok("store", "restore", "a.nq.gz", "--store", oxigraph.url, cwd=tmp_path)
    assert out.startswith("restored 14 graph(s) (0 replaced)")  # 2 articles, 12 entities
    again = ok("store", "restore", "a.nq.gz", "--store", oxigraph.url, cwd=tmp_path)
    assert again.startswith("restored 14 graph(s) (14 replaced)")
    assert out.split("store now holds")[1] == again.split("store now holds")[1]
    ok("store", "dump", "-o", "b.nq", "--store", oxigraph.url, cwd=tmp_path)
    ok("store", "restore", "b.nq", "--store", "back", cwd=tmp_path)
    ok("store", "dump", "-o", "c.nq", "--store", "back", cwd=tmp_path)
    a, b, c = (sorted_lines(tmp_path / n) for n in ("a.nq.gz", "b.nq", "c.nq"))
    assert a == b == c and len(a) > 534
    assert ok("store", "dump", cwd=tmp_path).count("\n") == len(a)  # to standard output


def test_a_bad_dump_changes_nothing(tmp_path: Path) -> None:
    ok("demo", cwd=tmp_path)
    before = ok("store", "stats", cwd=tmp_path)
    (tmp_path / "bad.nq").write_text(
        '<http://s> <http://p> "fine" <http://g> .\n<http://s> <http://p> oops <http://g> .\n'
    )
    r = run_cli("store", "restore", "bad.nq", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1].startswith("Error: bad.nq:2: not valid N-Quads: ")
    assert "nothing was written" in r.stderr and "Traceback" not in r.stderr
    after = ok("store", "stats", cwd=tmp_path)

    def content(stats: str) -> list[str]:  # RocksDB's own files (its LOG) change on any open
        return [line for line in stats.splitlines() if not line.startswith("on disk:")]

    assert content(after) == content(before) and "generation: 2" in after


def test_optimize_compacts_the_embedded_store_only(tmp_path: Path) -> None:
    ok("demo", cwd=tmp_path)
    before = ok("store", "stats", cwd=tmp_path)
    out = ok("store", "optimize", cwd=tmp_path)
    assert out.startswith("compacted the store at dealgraph-data in ") and out.rstrip().endswith(
        " s"
    )
    after = ok("store", "stats", cwd=tmp_path)

    def content(stats: str) -> list[str]:  # the files on disk are what changes
        return [line for line in stats.splitlines() if not line.startswith("on disk:")]

    assert content(after) == content(before)
    out = ok("store", "optimize", "--store", ":memory:", cwd=tmp_path)
    assert out == "the store at :memory: manages its own files: nothing to do\n"


def test_stats_of_the_embedded_store(tmp_path: Path) -> None:
    ok("demo", cwd=tmp_path)
    out = ok("store", "stats", cwd=tmp_path).splitlines()
    assert out[0] == "store:     dealgraph-data (embedded)"
    assert (
        "facts:     7 (1 Allegation, 1 Appeal, 1 Ban, 1 Deal, 1 SignedDuring, 1 StateVisit, 1 Trial)"
        in out
    )
    assert any(line.startswith("on disk:   ") and "KiB" in line for line in out)
    assert "generation: 2" in out


@pytest.mark.server
def test_a_server_that_is_down(tmp_path: Path) -> None:
    r = run_cli("query", "ASK {}", "--store", f"http://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.startswith("Error: cannot reach the SPARQL store at http://127.0.0.1:")
    assert "is the server running?" in r.stderr and "Traceback" not in r.stderr


def test_demo_in_memory(tmp_path: Path) -> None:
    out = ok("demo", "--store", ":memory:", cwd=tmp_path)
    assert "Loaded the seed into :memory:" in out and "articles:  1" in out
    assert not (tmp_path / "dealgraph-data").exists()


def test_snapshot_is_for_the_embedded_store(tmp_path: Path) -> None:
    r = run_cli("store", "snapshot", "--store", ":memory:", cwd=tmp_path)
    assert r.returncode == 2 and "snapshots are for the embedded store" in r.stderr


def test_readers_run_beside_a_writer_with_snapshots(tmp_path: Path) -> None:
    ok("demo", cwd=tmp_path)
    store = tmp_path / "dealgraph-data"
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a dg:Article }"
    with Writer(store) as writer:
        r = run_cli("query", count, cwd=tmp_path)
        assert r.returncode == 2 and "dealgraph store snapshot" in r.stderr
    out = ok("store", "snapshot", cwd=tmp_path)
    assert out.startswith("published dealgraph-data/snapshots/0000000002; writers now publish")
    with Writer(store) as writer:
        writer.load("second")
        assert ok("query", count, "-f", "csv", cwd=tmp_path).splitlines()[1] == "2"
        writer.load("third")
        assert ok("query", count, "-f", "csv", cwd=tmp_path).splitlines()[1] == "3"
        assert "snapshots: " in ok("store", "stats", cwd=tmp_path)
