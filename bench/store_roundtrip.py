"""Moving a graph between stores: load, restore and dump times, with baselines from the same run.

    python bench/store_roundtrip.py [--articles 1000] [--batch-mb 16]

Builds N copies of the seed article (N article graphs of 513 quads: 1000 copies are 513,000
quads, 106 MB of N-Quads), then times, in one run:

- the embedded store: pyoxigraph's own ``bulk_load`` into an empty directory (the baseline),
  dealgraph's ``load_nquads`` (check pass + bulk load) into an empty store and again over the
  full store (every graph replaced), and ``dump``;
- a real ``oxigraph serve`` on 127.0.0.1 (a fresh one for each way of writing): a plain POST of the whole file to its ``/store``
  (the server's own load, the baseline; it replaces nothing), dealgraph's restore through SPARQL
  UPDATE batches into the empty server and again (every graph replaced), the same through one
  Graph Store PUT per graph, and ``dump``.

Each line prints seconds, quads per second and the ratio to its baseline. The server is stopped
when the script ends.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import oxigraph_server

from dealgraph.rdf import sheet_quads, to_nquads
from dealgraph.remote import Endpoints, RemoteStore
from dealgraph.seed import seed_sheet
from dealgraph.store import EmbeddedStore


def write_corpus(path: Path, articles: int) -> int:
    seed = seed_sheet()
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(articles):
            sheet = replace(seed, article=replace(seed.article, id=f"bench{i:06d}"))
            text = to_nquads(sheet_quads(sheet))
            out.write(text)
            n += text.count("\n")
    return n


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--batch-mb", type=float, default=4.0)
    args = ap.parse_args()

    rows: list[tuple[str, float, int, float | None]] = []

    def row(label: str, seconds: float, quads: int, baseline: float | None = None) -> None:
        ratio = baseline / seconds if baseline else None
        rows.append((label, seconds, quads, ratio))
        speed = f"{quads / seconds:>10,.0f} quads/s"
        rel = f"  {ratio:5.2f}x baseline speed" if ratio else "  (baseline)"
        print(f"{label:<58} {seconds:7.2f} s {speed}{rel if baseline is not None else ''}")
        sys.stdout.flush()

    with tempfile.TemporaryDirectory(prefix="dealgraph-bench-") as tmp_:
        tmp = Path(tmp_)
        corpus = tmp / "corpus.nq"
        t = time.perf_counter()
        quads = write_corpus(corpus, args.articles)
        mb = corpus.stat().st_size / 1e6
        print(
            f"corpus: {args.articles} articles, {quads:,} quads, {mb:.0f} MB N-Quads "
            f"(mapped in {time.perf_counter() - t:.1f} s)"
        )
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n")

        # -- embedded --------------------------------------------------------------------------

        def raw_bulk_load() -> None:
            ox.Store(str(tmp / "raw")).bulk_load(path=str(corpus), format=ox.RdfFormat.N_QUADS)

        base = timed(raw_bulk_load)
        row("embedded: pyoxigraph bulk_load, empty store", base, quads, base)
        store = EmbeddedStore(tmp / "emb")
        row(
            "embedded: dealgraph load_nquads, empty store",
            timed(lambda: store.load_nquads([corpus])),
            quads,
            base,
        )
        row(
            "embedded: dealgraph load_nquads, replacing every graph",
            timed(lambda: store.load_nquads([corpus])),
            quads,
            base,
        )
        assert len(store) == quads
        dump_path = tmp / "emb-dump.nq"
        with open(dump_path, "wb") as out:
            row("embedded: dump", timed(lambda: store.dump(out)), quads)
        store.close()

        # -- a real Oxigraph server, a fresh one for each way of writing ----------------------
        body = corpus.read_bytes()

        def post_all(url: str) -> None:
            req = urllib.request.Request(
                f"{url}/store", data=body, headers={"Content-Type": "application/n-quads"}
            )
            with urllib.request.urlopen(req, timeout=3600) as r:
                assert r.status in (200, 201, 204)

        with oxigraph_server(tmp / "server-post") as server:
            sbase = timed(lambda: post_all(server.url))
        row("server: POST the file to /store (replaces nothing)", sbase, quads, sbase)
        batch = int(args.batch_mb * 1024 * 1024)
        for write in ("update", "graph-store"):
            with oxigraph_server(tmp / f"server-{write}") as server:
                endpoints = replace(Endpoints.parse(server.url, env={}), write=write)
                remote = RemoteStore(endpoints, batch_bytes=batch, timeout=3600)
                how = "UPDATE batches" if write == "update" else "one GSP PUT per graph"
                row(
                    f"server: dealgraph restore, {how}, empty",
                    timed(lambda r=remote: r.load_nquads([corpus])),  # type: ignore[misc]
                    quads,
                    sbase,
                )
                row(
                    f"server: dealgraph restore, {how}, replacing",
                    timed(lambda r=remote: r.load_nquads([corpus])),  # type: ignore[misc]
                    quads,
                    sbase,
                )
                assert len(remote) == quads
                if write == "update":
                    buf = io.BytesIO()
                    row("server: dump", timed(lambda r=remote, b=buf: r.dump(b)), quads)  # type: ignore[misc]
                    assert sorted(buf.getvalue().splitlines()) == sorted(
                        dump_path.read_bytes().splitlines()
                    )
                remote.close()
        shutil.rmtree(tmp / "raw", ignore_errors=True)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB (the server's is not counted)")


if __name__ == "__main__":
    main()
