"""View generation: what ``dealgraph view -o FILE.html`` does on a big graph, timed by stage.

Stages, in a process of their own each (the second run is what the next command finds: the
projection cached on disk by the first):

- the projection of the store into networkx (cold: built from the store with SPARQL);
- the overview (entities and their direct relations, the graph the page draws);
- the HTML page (pyvis network, escaped labels and tooltips, written to a file).

    python bench/view_build.py --size 1M --workdir /tmp/dg-bench
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import parse_size, size_name, store_for
from measure import machine, mib, run_step, workdir_for


def view_run(store_dir: str, html: str, cold: bool) -> dict[str, Any]:
    from dealgraph.graph import CACHE_DIR, clear_memo, projection
    from dealgraph.store import EmbeddedStore
    from dealgraph.view import overview, write_view

    if cold:
        shutil.rmtree(Path(store_dir) / CACHE_DIR, ignore_errors=True)
    clear_memo()
    with EmbeddedStore(store_dir, read_only=True) as store:
        t0 = time.perf_counter()
        g = projection(store)
        t1 = time.perf_counter()
        o = overview(g)
        t2 = time.perf_counter()
        write_view(o, html, title="dealgraph benchmark")
        t3 = time.perf_counter()
    return {
        "projection": t1 - t0,
        "overview": t2 - t1,
        "html": t3 - t2,
        "total": t3 - t0,
        "nodes": o.number_of_nodes(),
        "edges": o.number_of_edges(),
        "bytes": Path(html).stat().st_size,
    }


HEADER = [
    "| size | run | projection | overview | HTML page | total | drawn | page | peak memory | load avg |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]


def bench(workdir: Path, triples: int) -> list[str]:
    store = store_for(workdir, triples)
    html = workdir / "view.html"
    rows = []
    for label, cold in (("first (projection built)", True), ("next (projection cached)", False)):
        m = run_step("view_build", "view_run", str(store), str(html), cold)
        if not m.ok:
            rows.append(f"| {size_name(triples)} | {label} | failed: {m.error} | | | | | | | |")
            print(m.stderr, file=sys.stderr)
        else:
            r = m.result
            rows.append(
                f"| {size_name(triples)} | {label} | {r['projection']:.2f} s | {r['overview']:.2f} s "
                f"| {r['html']:.2f} s | {r['total']:.2f} s | {r['nodes']:,} nodes, {r['edges']:,} edges "
                f"| {r['bytes'] / 2**20:.1f} MiB | {mib(m.peak_rss)} | {m.load:.2f} |"
            )
        print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="1M")
    ap.add_argument("--workdir", default=None, help="keep the generated graph here (reused)")
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    print("\n".join(HEADER))
    with workdir_for(args.workdir) as workdir:
        bench(workdir, parse_size(args.size))


if __name__ == "__main__":
    main()
