"""Extraction and ingest: articles per second, serial and on a Dask LocalCluster of 2 workers.

On a synthetic corpus (``bench/corpus.py``: English and Dutch tech news with the entity and
event density of the development set), each in a process of its own, measured in this run:

- **extract, serial**: read, clean and extract every article in one process (the baseline);
- **extract, 2 workers**: the same on a Dask LocalCluster of 2 worker processes (the
  extraction stage of ``ingest --workers 2``: parts of files, stubs back to the driver),
  cluster start-up included;
- **ingest, serial**: ``dealgraph ingest`` (extract, settle keys, load in transactions);
- **ingest, 2 workers**: ``dealgraph ingest --workers 2`` (plan on the driver, shards written
  by the workers, bulk-loaded); the two stores are compared quad for quad.

Peak memory is the largest process and, for the Dask runs, the sum over the driver and its
workers. On a machine with 2 cores the driver's planning and loading compete with the two
workers: the speed-up is measured, not assumed.

    python bench/ingest.py --articles 2000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Measured, machine, mib, run_step, workdir_for


def make_corpus(folder: str, articles: int, seed: int = 0) -> dict[str, Any]:
    from corpus import write_corpus

    files = write_corpus(folder, articles, seed)
    return {"files": len(files)}


def extract_serial(folder: str) -> dict[str, Any]:
    from dealgraph.facts import FactSheet
    from dealgraph.pipeline import extracted_sheets

    start = time.perf_counter()
    n = facts = 0
    for item in extracted_sheets([folder]):
        if isinstance(item, FactSheet):
            n += 1
            facts += len(item.facts)
    return {"articles": n, "facts": facts, "seconds": time.perf_counter() - start}


def extract_workers(folder: str, workers: int) -> dict[str, Any]:
    from dealgraph import cluster
    from dealgraph.articles import article_files
    from dealgraph.facts import FactSheet

    start = time.perf_counter()
    with cluster.dask_client(workers=workers) as client:
        up = time.perf_counter() - start
        parts = cluster.partition(article_files([folder]), workers)
        futures = [
            client.submit(cluster.stubs_of, client.submit(cluster.extract_part, p, priority=-i))
            for i, p in enumerate(parts)
        ]
        n = facts = 0
        for items in client.gather(futures):
            for item in items:
                if isinstance(item, FactSheet):
                    n += 1
                    facts += len(item.facts)
        seconds = time.perf_counter() - start
    return {"articles": n, "facts": facts, "seconds": seconds, "startup": up}


def ingest_run(folder: str, store_dir: str, workers: int) -> dict[str, Any]:
    from dealgraph.pipeline import ingest
    from dealgraph.store import open_store

    start = time.perf_counter()
    with open_store(store_dir) as store:
        report = ingest(store, [folder], workers=workers or None)
        quads = len(store)
    return {"articles": len(report.sheets), "quads": quads, "seconds": time.perf_counter() - start}


def same_store(a: str, b: str) -> dict[str, Any]:
    from dealgraph.store import EmbeddedStore

    quads = []
    for location in (a, b):
        with EmbeddedStore(location, read_only=True) as s:
            quads.append(sorted(str(q) for q in s.quads()))
    return {"identical": quads[0] == quads[1], "quads": len(quads[0])}


HEADER = [
    "| articles | step | seconds | articles/s | vs serial | peak memory (largest process) | peak memory (all processes) | load avg |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
]


def bench(workdir: Path, articles: int, workers: int = 2) -> list[str]:
    corpus = workdir / f"corpus-{articles}"
    if not corpus.exists():
        m = run_step("ingest", "make_corpus", str(corpus), articles)
        if not m.ok:
            raise SystemExit(f"writing the corpus failed: {m.error}\n{m.stderr}")
    stores = [workdir / "ingest-serial", workdir / "ingest-workers"]
    for s in stores:
        shutil.rmtree(s, ignore_errors=True)
    steps: list[tuple[str, Measured, str]] = [
        ("extract, serial (baseline)", run_step("ingest", "extract_serial", str(corpus)), "e"),
        (
            f"extract, {workers} Dask workers",
            run_step("ingest", "extract_workers", str(corpus), workers),
            "e",
        ),
        ("ingest, serial", run_step("ingest", "ingest_run", str(corpus), str(stores[0]), 0), "i"),
        (
            f"ingest --workers {workers}",
            run_step("ingest", "ingest_run", str(corpus), str(stores[1]), workers),
            "i",
        ),
    ]
    same = run_step("ingest", "same_store", str(stores[0]), str(stores[1]))
    base = {
        kind: next(m for _, m, k in steps if k == kind).result["seconds"]
        for kind in ("e", "i")
        if next(m for _, m, k in steps if k == kind).ok
    }
    rows = []
    for label, m, kind in steps:
        if not m.ok:
            rows.append(f"| {articles} | {label} | failed: {m.error} | | | | | {m.load:.2f} |")
            print(m.stderr, file=sys.stderr)
        else:
            r = m.result
            speed = base[kind] / r["seconds"] if kind in base else 0
            note = f" (start-up {r['startup']:.1f} s)" if "startup" in r else ""
            rows.append(
                f"| {r['articles']} | {label}{note} | {r['seconds']:.2f} s "
                f"| {r['articles'] / r['seconds']:.0f} | {speed:.2f}x | {mib(m.peak_rss)} "
                f"| {mib(m.peak_tree)} | {m.load:.2f} |"
            )
        print(rows[-1], flush=True)
    verdict = (
        f"the two stores are identical ({same.result['quads']:,} quads)"
        if same.ok and same.result["identical"]
        else "THE TWO STORES DIFFER"
    )
    print(f"  {verdict}")
    return [*rows, "", f"- {verdict}"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--workdir", default=None, help="keep the corpus and stores here")
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    print("\n".join(HEADER))
    with workdir_for(args.workdir) as workdir:
        bench(workdir, args.articles, args.workers)


if __name__ == "__main__":
    main()
