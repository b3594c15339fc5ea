"""Loading: triples per second into the embedded store, dealgraph against its baselines.

For each size (a realistic graph from ``bench/generate.py``: one named graph per article,
entity descriptions in graphs of their own), measured in this run, each loader in a process
of its own on the same N-Quads:

- **pyoxigraph bulk_load** into an empty store: the baseline;
- **dealgraph bulk path**: ``GraphStore.load_nquads`` (``dealgraph store restore``, and what
  ``ingest --workers`` loads its shards with): a check pass, then Oxigraph's bulk loader; the
  issue's target is at least 0.8x the baseline;
- **dealgraph store restore**: the bulk path, then the compaction that follows a large write
  (``GraphStore.optimize``: named queries on the store about 30 % faster); the stores of
  ``bench/queries.py`` are made this way;
- **dealgraph load_sheets**: fact sheets mapped and written in transactions of 200 articles
  (``dealgraph load``, serial ``ingest``), the sheets made beforehand and not timed;
- **rdflib** parsing the same N-Quads into an in-memory ``Dataset`` (capped by a time limit).

    python bench/load.py --sizes 100k,1M            # figures for each size
    python bench/load.py --sizes 5M --workdir /tmp/dg-bench --keep
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Measured, machine, mib, run_step, workdir_for

BATCH = 200


def parse_size(text: str) -> int:
    """``100k`` -> 100000, ``5M`` -> 5000000."""
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t.rstrip("km")) * mult)


def size_name(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


# ------------------------------------------------------------------------------------------------
# Steps (each runs in a child process: python bench/measure.py load FUNCTION ARGS)
# ------------------------------------------------------------------------------------------------


def make_nquads(path: str, triples: int, seed: int = 0) -> dict[str, Any]:
    from generate import articles_for, write_nquads

    start = time.perf_counter()
    lines = write_nquads(path, triples=triples, seed=seed)
    return {
        "lines": lines,
        "articles": articles_for(triples),
        "seconds": time.perf_counter() - start,
    }


def ox_bulk(path: str, store_dir: str) -> dict[str, Any]:
    import pyoxigraph as ox

    store = ox.Store(store_dir)
    start = time.perf_counter()
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - start
    return {"quads": len(store), "seconds": seconds}


def dg_bulk(path: str, store_dir: str) -> dict[str, Any]:
    from dealgraph.store import open_store

    with open_store(store_dir) as store:
        start = time.perf_counter()
        report = store.load_nquads([path])
        seconds = time.perf_counter() - start
    return {"quads": report.quads_after, "seconds": seconds}


def dg_restore(path: str, store_dir: str) -> dict[str, Any]:
    """What ``dealgraph store restore`` does: the bulk path, then the compaction that a large
    write is followed by (timed apart)."""
    from dealgraph.store import open_store
    from dealgraph.transfer import restore

    with open_store(store_dir) as store:
        start = time.perf_counter()
        report = restore(store, [path])
        seconds = time.perf_counter() - start
    return {"quads": report.quads_after, "seconds": seconds, "compaction": report.optimized}


def dg_sheets(triples: int, store_dir: str, seed: int = 0) -> dict[str, Any]:
    import itertools

    from dealgraph.pipeline import load_sheets
    from dealgraph.store import open_store
    from generate import articles_for, generate_sheets

    sheets = list(generate_sheets(articles_for(triples), seed))
    with open_store(store_dir) as store:
        start = time.perf_counter()
        it = iter(sheets)
        while chunk := list(itertools.islice(it, BATCH)):
            load_sheets(store, chunk)
        seconds = time.perf_counter() - start
        quads = len(store)
    return {"quads": quads, "seconds": seconds, "articles": len(sheets)}


def rdflib_parse(path: str) -> dict[str, Any]:
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    start = time.perf_counter()
    ds.parse(path, format="nquads")
    seconds = time.perf_counter() - start
    return {"quads": len(ds), "seconds": seconds}


# ------------------------------------------------------------------------------------------------
# The benchmark
# ------------------------------------------------------------------------------------------------


def nquads_for(workdir: Path, triples: int, seed: int = 0) -> Path:
    """The N-Quads of a generated graph of about ``triples`` quads (made once per workdir)."""
    path = workdir / f"graph-{size_name(triples)}-seed{seed}.nq"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        m = run_step("load", "make_nquads", str(tmp), triples, seed)
        if not m.ok:
            raise SystemExit(f"generating {path.name} failed: {m.error}\n{m.stderr}")
        tmp.rename(path)
    return path


def store_for(workdir: Path, triples: int, seed: int = 0) -> Path:
    """An embedded store holding the generated graph (bulk-loaded once per workdir)."""
    path = workdir / f"store-{size_name(triples)}-seed{seed}"
    if not (path / "CURRENT").exists():
        shutil.rmtree(path, ignore_errors=True)
        # as `dealgraph store restore` leaves it: bulk-loaded, then compacted
        m = run_step("load", "dg_restore", str(nquads_for(workdir, triples, seed)), str(path))
        if not m.ok:
            raise SystemExit(f"loading {path.name} failed: {m.error}\n{m.stderr}")
    return path


def bench_size(
    workdir: Path, triples: int, rdflib_timeout: float | None, memory_gib: float
) -> list[str]:
    """Measure every loader on one size; return the Markdown rows (and print them). rdflib
    runs only with a time limit (``None``: not run)."""
    nq = nquads_for(workdir, triples)
    rows: list[tuple[str, Measured]] = []

    def step(label: str, fn: str, *args: Any, timeout: float | None = None) -> Measured:
        target = Path(tempfile.mkdtemp(prefix="store-", dir=workdir))
        call_args = [a if a != "STORE" else str(target) for a in args]
        m = run_step("load", fn, *call_args, timeout=timeout, memory_gib=memory_gib)
        shutil.rmtree(target, ignore_errors=True)
        rows.append((label, m))
        return m

    base = step("pyoxigraph `bulk_load` (baseline)", "ox_bulk", str(nq), "STORE")
    step("dealgraph bulk path (`load_nquads`)", "dg_bulk", str(nq), "STORE")
    step("dealgraph `store restore` (bulk path, then compaction)", "dg_restore", str(nq), "STORE")
    step(f"dealgraph `load_sheets`, {BATCH} articles a transaction", "dg_sheets", triples, "STORE")
    if rdflib_timeout is not None:
        step("rdflib `Dataset.parse` (in memory)", "rdflib_parse", str(nq), timeout=rdflib_timeout)

    base_rate = base.result["quads"] / base.result["seconds"] if base.ok else None
    out = []
    for label, m in rows:
        if m.ok:
            rate = m.result["quads"] / m.result["seconds"]
            ratio = f"{rate / base_rate:.2f}" if base_rate else ""
            figures = f"{m.result['seconds']:.2f} s | {rate:,.0f} | {ratio}"
            if m.result.get("compaction") is not None:
                label = f"{label}: compaction {m.result['compaction']:.2f} s of it"
        else:
            figures = f"{m.time_text(rdflib_timeout)} | | "
        out.append(
            f"| {size_name(triples)} | {label} | {figures} | {mib(m.peak_rss)} | {m.load:.2f} |"
        )
        print(out[-1], flush=True)
        if m.error:
            print(m.stderr, file=sys.stderr)
    if rdflib_timeout is None:
        out.append(
            f"| {size_name(triples)} | rdflib `Dataset.parse` (in memory) | not run | | | | |"
        )
        print(out[-1], flush=True)
    return out


HEADER = [
    "| size | loader | seconds | quads/s | vs baseline | peak memory | load avg |",
    "|---|---|---:|---:|---:|---:|---:|",
]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100k,1M", help="comma-separated: 100k,1M,5M")
    ap.add_argument("--workdir", default=None, help="keep generated graphs here (reused)")
    ap.add_argument("--rdflib-timeout", type=float, default=300.0, help="seconds (default 300)")
    ap.add_argument("--max-memory", type=float, default=8.0, help="GiB per step (default 8)")
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    print("\n".join(HEADER))
    with workdir_for(args.workdir) as workdir:
        for size in args.sizes.split(","):
            bench_size(workdir, parse_size(size), args.rdflib_timeout, args.max_memory)


if __name__ == "__main__":
    main()
