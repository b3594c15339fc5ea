"""How fast is tracing on a big graph? Projection, path search with evidence, and baselines.

Generates a realistic graph of about a million triples (``bench/generate.py``: fact sheets
mapped by dealgraph's own mapping, loaded through the store), then measures, in this run:

- the projection: built from the store (cold), written to and read back from the on-disk
  cache (what the next command does), and the in-process memo;
- deriving the traceable graph (once per store state);
- a shortest-path trace with evidence (``dealgraph.trace.trace``: all shortest paths, every
  hop with its facts, dates and quotes), and the same by name through ``dealgraph.open``;
- the same all-shortest-paths search in plain networkx on the same simple graph, without
  evidence, and in rustworkx (``pip install rustworkx``, the ``bench`` extra);
- Turtle export through pyoxigraph and through rdflib (on the first 100k quads) and the
  whole store through the writer the export uses.

Figures are medians over ``--pairs`` entity pairs at distance 2 to 4 with at most 50 shortest
paths (so every search enumerates the same whole answer); ratios compare with the baselines
measured in the same run. The process stops itself past ``--max-memory`` GiB (the machine
is shared). Nothing here runs in the test suite.

    python bench/trace.py                      # 1M triples in a temporary store
    python bench/trace.py --triples 100000     # quicker
    python bench/trace.py --store /tmp/dg-1m   # keep (or reuse) the generated store
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))

from dealgraph.api import Dealgraph
from dealgraph.export import store_quads, write_rdf
from dealgraph.filters import EdgeFilter
from dealgraph.graph import (
    CACHE_DIR,
    _cache_header,
    _write_cache,
    cache_path,
    clear_memo,
    project,
    projection,
)
from dealgraph.store import open_store
from dealgraph.trace import DEFAULT_LIMIT, TraceGraph, all_shortest_paths, trace
from generate import load_into

T = TypeVar("T")
ROWS: list[tuple[str, str]] = []


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def report(what: str, seconds: float, note: str = "") -> None:
    if seconds < 0.001:
        figure = f"{seconds * 1e6:9.1f} µs"
    elif seconds < 1:
        figure = f"{seconds * 1000:9.2f} ms"
    else:
        figure = f"{seconds:9.2f} s "
    ROWS.append((what, figure))
    print(f"  {what:<58} {figure}  {note}", flush=True)


def ratio(a: str, ta: float, b: str, tb: float) -> None:
    r = ta / tb
    verdict = f"{1 / r:.1f}x faster" if r < 1 else f"{r:.1f}x slower"
    print(f"  {a} vs {b}: {verdict} ({r:.3f})")


def median_time(fn: Callable[[Any], Any], items: list[Any], repeat: int = 3) -> float:
    """The median over ``items`` of the best of ``repeat`` runs each."""
    times = []
    for item in items:
        best = min(timed(lambda item=item: fn(item))[1] for _ in range(repeat))
        times.append(best)
    return statistics.median(times)


def pick_pairs(
    h: nx.Graph, base: nx.MultiDiGraph, n: int, seed: int, most: int
) -> list[tuple[str, str]]:
    """``n`` entity pairs at distance 2 to 4 in the search graph with at most ``most``
    shortest paths, so that every search below enumerates the same, whole answer (between
    hubs there can be millions of shortest paths; dealgraph lists the first 50)."""
    rng = random.Random(seed)
    entities = [x for x in h.nodes if base.nodes[x].get("kind") == "entity"]
    pairs: list[tuple[str, str]] = []
    tries = 0
    while len(pairs) < n and tries < n * 50:
        tries += 1
        a = rng.choice(entities)
        dist = nx.single_source_shortest_path_length(h, a, cutoff=4)
        far = [b for b, d in dist.items() if d >= 2 and base.nodes[b].get("kind") == "entity"]
        if not far:
            continue
        b = rng.choice(far)
        if sum(1 for _ in itertools.islice(nx.all_shortest_paths(h, a, b), most + 1)) <= most:
            pairs.append((a, b))
    return pairs


def limit_memory(gib: float) -> None:
    """Stop this process (MemoryError) before it takes more than ``gib`` GiB of data: the
    machine is shared."""
    import resource

    limit = int(gib * 2**30)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--store", default=None, help="keep or reuse the generated store here")
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-memory", type=float, default=6.0, help="GiB (default 6)")
    args = ap.parse_args()
    limit_memory(args.max_memory)

    tmp = None
    location = args.store
    if location is None:
        tmp = tempfile.mkdtemp(prefix="dg-bench-")
        location = str(Path(tmp) / "store")
    try:
        run(location, args)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def run(location: str, args: argparse.Namespace) -> None:
    print(f"dealgraph trace benchmark: about {args.triples:,} triples, store {location}")
    with open_store(location) as store:
        if len(store) < args.triples * 0.9:
            stats = load_into(store, triples=args.triples, seed=args.seed)
            print(
                f"  generated and loaded {stats.articles:,} articles, {stats.quads:,} quads "
                f"in {stats.seconds:.1f} s (one transaction per 200 articles)"
            )
        quads = len(store)
        gen, t_gen = timed(store.generation)
        print(f"  store: {quads:,} quads in {len(store.graphs()):,} article graphs")
        print()
        print("projection")
        report("GraphStore.generation() (the cache key)", t_gen)
        shutil.rmtree(Path(location) / CACHE_DIR, ignore_errors=True)
        clear_memo()
        g, t_build = timed(lambda: project(store, include_facts=True))
        report(
            "build from the store (cold)",
            t_build,
            f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges",
        )
        assert gen is not None
        path = cache_path(store, gen, True)
        assert path is not None
        _, t_write = timed(lambda: _write_cache(path, _cache_header(gen, True), g))
        report("write the on-disk cache", t_write, f"{path.stat().st_size / 2**20:.1f} MiB")
        clear_memo()
        _, t_disk = timed(lambda: projection(store))
        report("projection() from the on-disk cache (next process)", t_disk)
        _, t_memo = timed(lambda: projection(store))
        report("projection() from memory (same process)", t_memo)
        print(f"  -> the on-disk cache is {t_build / t_disk:.1f}x faster than building")

        g = projection(store)
        tg = TraceGraph(g)
        print()
        print("path search")
        (_, t_base) = timed(lambda: tg.base)
        (h, t_search) = timed(lambda: tg.search(EdgeFilter(), "both"))
        report(
            "derive the traceable graph (once per store state)",
            t_base + t_search,
            f"{h.number_of_nodes():,} nodes, {h.number_of_edges():,} edges",
        )
        pairs = pick_pairs(h, tg.base, args.pairs, args.seed, DEFAULT_LIMIT)
        lengths = [nx.shortest_path_length(h, a, b) for a, b in pairs]
        print(
            f"  {len(pairs)} pairs at distance {min(lengths)}-{max(lengths)} "
            f"(median {statistics.median(lengths)})"
        )
        results = [trace(tg, a, b) for a, b in pairs]
        n_paths = statistics.median(len(r.paths) for r in results)
        n_quotes = statistics.median(
            sum(len(link.evidence) for p in r.paths for hop in p.hops for link in hop.links)
            for r in results
        )
        t_trace = median_time(lambda p: trace(tg, p[0], p[1]), pairs)
        report(
            "dealgraph trace: all shortest paths with evidence",
            t_trace,
            f"median {n_paths} paths, {n_quotes} quotes",
        )
        t_nx = median_time(lambda p: list(nx.all_shortest_paths(h, p[0], p[1])), pairs)
        assert all(
            len(list(nx.all_shortest_paths(h, a, b))) == len(r.paths)
            for (a, b), r in zip(pairs, results, strict=True)
        )
        report("networkx all_shortest_paths, same graph, no evidence", t_nx)
        t_bi = median_time(lambda p: list(all_shortest_paths(h, p[0], p[1])), pairs)
        report("dealgraph's bidirectional search alone, no evidence", t_bi)
        t_nx1 = median_time(lambda p: nx.shortest_path(h, p[0], p[1]), pairs)
        report("networkx shortest_path (one path, bidirectional BFS)", t_nx1)
        t_rx = t_rx_build = None
        try:
            import rustworkx as rx
        except ImportError:
            print("  (rustworkx not installed: pip install rustworkx, or the bench extra)")
        else:

            def build_rx() -> tuple[Any, dict[str, int]]:
                index = {n: i for i, n in enumerate(h.nodes)}
                rg = rx.PyGraph(multigraph=False)
                rg.add_nodes_from(list(h.nodes))
                rg.add_edges_from_no_data([(index[u], index[v]) for u, v in h.edges])
                return rg, index

            (rg, index), t_rx_build = timed(build_rx)
            report("rustworkx: build the same graph (once)", t_rx_build)
            t_rx = median_time(
                lambda p: rx.graph_all_shortest_paths(rg, index[p[0]], index[p[1]]), pairs
            )
            report("rustworkx graph_all_shortest_paths, no evidence", t_rx)

        dg = Dealgraph(store)  # what dealgraph.open(location) returns, on the open store
        names = [(tg.label(a), tg.label(b)) for a, b in pairs]
        _, t_first = timed(lambda: dg.trace(*names[0]))
        report("Dealgraph.trace(name, name), first (index, traceable graph)", t_first)
        t_api = median_time(lambda p: dg.trace(p[0], p[1]), names)
        report("Dealgraph.trace(name, name), warm (with name resolution)", t_api)

        print()
        print("ratios (same run, same pairs)")
        ratio("dealgraph trace with evidence", t_trace, "networkx all_shortest_paths", t_nx)
        ratio("dealgraph search alone", t_bi, "networkx all_shortest_paths", t_nx)
        print(f"  evidence (links, dates, quotes) is {1 - t_bi / t_trace:.0%} of a trace")
        if t_rx:
            ratio("dealgraph trace with evidence", t_trace, "rustworkx all_shortest_paths", t_rx)
            ratio("dealgraph search alone", t_bi, "rustworkx all_shortest_paths", t_rx)
            ratio("networkx all_shortest_paths", t_nx, "rustworkx all_shortest_paths", t_rx)
        print()
        print("export (Turtle)")
        sample = []
        for q in store_quads(store):
            sample.append(q)
            if len(sample) == 100_000:
                break
        with tempfile.TemporaryDirectory() as d:
            _, t_ox = timed(lambda: write_rdf(sample, Path(d) / "a.ttl", "turtle", "oxigraph"))
            report("pyoxigraph writer, first 100k quads", t_ox)
            _, t_rdflib = timed(lambda: write_rdf(sample, Path(d) / "b.ttl", "turtle", "rdflib"))
            report("rdflib (load, then serialize), first 100k quads", t_rdflib)
            print(f"  -> pyoxigraph is {t_rdflib / t_ox:.1f}x faster")
            (n, _), t_all = timed(
                lambda: write_rdf(store_quads(store), Path(d) / "all.ttl", "turtle")
            )
            report(f"the whole store as Turtle ({n:,} triples), pyoxigraph", t_all)


if __name__ == "__main__":
    main()
