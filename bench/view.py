"""How big a graph view stays usable? Views of 500, 2,000 and 10,000 nodes, in headless Chromium.

For each size, a realistic graph is generated (``bench/generate.py``: fact sheets mapped by
dealgraph's own mapping and loaded into an in-memory store; about a quarter as many articles
as nodes, so the default view of the store has a few more nodes than asked) and the view of
exactly that many nodes is rendered (``render_view(..., max_nodes=N)``: the most connected N
nodes of the store's default view, as ``dealgraph view --max-nodes N`` draws them). Measured:

- Python: building the view (the pyvis network filled in bulk, the page's tables, the page),
  and, as the baseline, filling the same pyvis network through its own ``add_node`` and
  ``add_edge`` (each checks a list of every id: quadratic), measured in the same run;
- the page's size;
- in Debian's headless Chromium (selenium + chromedriver, as the browser tests): the time from
  navigation to the end of the layout's stabilisation (``stabilizationIterationsDone``, after
  which the page freezes physics: the layout is stable), the iterations it took against the
  cap, and the time until the page has drawn the settled layout.

The machine is shared: the load average is printed before and after. Nothing here runs in the
test suite.

    python bench/view.py                          # 500, 2,000 and 10,000 nodes
    python bench/view.py --sizes 2000 --runs 3    # the median of three page loads
    python bench/view.py --keep /tmp/views        # keep the pages to open by hand
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from pyvis.network import Network
from tests.browser import chromium, console_errors, wait_for

from dealgraph.graph import project
from dealgraph.store import open_store
from dealgraph.view import _fill, build_network, limit, overview, render_view
from generate import load_into

#: About how many nodes of the default view one generated article brings (measured: 4.1 at
#: 1,000 articles, 4.5 at 200); the graph is generated a little larger and cut to the size.
NODES_PER_ARTICLE = 3.6


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def fill_times(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> tuple[float, float]:
    """Seconds to put the same nodes and edges into a pyvis network with its own ``add_node``
    and ``add_edge`` (the baseline), and in bulk as dealgraph does (``view._fill``)."""
    net = Network(directed=True, cdn_resources="in_line")  # directed: no scan for duplicates
    copies = [dict(n) for n in nodes], [dict(e) for e in edges]
    start = time.perf_counter()
    for opts in copies[0]:
        net.add_node(opts.pop("id"), label=opts.pop("label"), shape=opts.pop("shape"), **opts)
    for opts in copies[1]:
        net.add_edge(opts.pop("from"), opts.pop("to"), **opts)
    baseline = time.perf_counter() - start
    net = Network(directed=True, cdn_resources="in_line")
    copies = [dict(n) for n in nodes], [dict(e) for e in edges]
    start = time.perf_counter()
    _fill(net, *copies)
    return baseline, time.perf_counter() - start


def measure_page(path: Path, runs: int, timeout: float) -> dict[str, Any]:
    """Open the page ``runs`` times; the median times from navigation to stable and drawn."""
    stable, drawn, iterations = [], [], []
    with chromium() as driver:
        driver.set_page_load_timeout(timeout)
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(path.as_uri())
            wait_for(driver, "return window.dealgraph && window.dealgraph.timing.drawn", timeout)
            t = driver.execute_script(
                "var dg = window.dealgraph; return [dg.timing.stabilized, dg.timing.drawn,"
                " dg.iterations, dg.data.options.physics.stabilization.iterations];"
            )
            stable.append(t[0] / 1000)
            drawn.append(t[1] / 1000)
            iterations.append((t[2], t[3]))
        errors = console_errors(driver)
        shown = driver.execute_script(
            "var b = window.dealgraph.network.body; return [b.nodeIndices.length, b.edgeIndices.length]"
        )
    return {
        "stable": statistics.median(stable),
        "drawn": statistics.median(drawn),
        "iterations": iterations[len(iterations) // 2],
        "errors": errors,
        "shown": shown,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="500,2000,10000", help="view sizes in nodes")
    ap.add_argument("--runs", type=int, default=1, help="page loads per size (median)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for a page")
    ap.add_argument("--keep", default=None, help="write the pages to this folder")
    ap.add_argument("--no-baseline", action="store_true", help="skip pyvis's add_node/add_edge")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dg-view-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {loadavg()}  ({os.cpu_count()} cores)")
    rows = []
    try:
        for size in sizes:
            articles = max(10, round(size / NODES_PER_ARTICLE))
            with open_store(":memory:") as store:
                load_into(store, articles=articles, progress=False)
                g = overview(project(store, include_facts=True))
            start = time.perf_counter()
            view = render_view(g, title=f"{size:,} nodes", max_nodes=size)
            seconds = time.perf_counter() - start
            page = out / f"view-{size}.html"
            page.write_text(view.html, encoding="utf-8")
            baseline = bulk = None
            if not args.no_baseline:
                shown, _ = limit(g, size)
                net, _ = build_network(shown)
                baseline, bulk = fill_times(net.nodes, net.edges)
            browser = measure_page(page, args.runs, args.timeout)
            row = {
                "size": size,
                "articles": articles,
                "graph": (g.number_of_nodes(), g.number_of_edges()),
                "nodes": view.nodes,
                "edges": view.edges,
                "python": seconds,
                "bytes": len(view.html.encode("utf-8")),
                "baseline": baseline,
                "bulk": bulk,
                **browser,
            }
            rows.append(row)
            print(
                f"{size:>6,} nodes: {view.nodes:,} nodes, {view.edges:,} edges drawn "
                f"(of {row['graph'][0]:,} nodes in the view of {articles:,} articles); "
                f"Python {seconds:.2f} s, {row['bytes'] / 1e6:.1f} MB; "
                f"stable after {browser['stable']:.2f} s ({browser['iterations'][0]} of "
                f"{browser['iterations'][1]} iterations), drawn at {browser['drawn']:.2f} s"
                + (f"; errors: {browser['errors']}" if browser["errors"] else ""),
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    print(f"load average after: {loadavg()}")
    print()
    print(
        "| nodes | edges | Python: build the view | pyvis add_node/add_edge (baseline) | "
        "bulk fill | page | stable after | iterations | drawn after |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        base = (
            f"{r['baseline']:.2f} s ({r['baseline'] / max(r['bulk'], 1e-9):,.0f}x the bulk fill)"
            if r["baseline"] is not None and r["bulk"] is not None
            else "—"
        )
        bulk = f"{r['bulk']:.2f} s" if r["bulk"] is not None else "—"
        print(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['python']:.2f} s | {base} | {bulk} | "
            f"{r['bytes'] / 1e6:.1f} MB | {r['stable']:.2f} s | {r['iterations'][0]} / "
            f"{r['iterations'][1]} | {r['drawn']:.2f} s |"
        )


if __name__ == "__main__":
    main()
