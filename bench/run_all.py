"""Run the whole benchmark suite in one command and write the figures as Markdown.

    python bench/run_all.py                          # the default run (see bench/README.md)
    python bench/run_all.py --quick                  # 100k triples, 300 articles: minutes
    python bench/run_all.py --sizes 100k,1M,5M --query-sizes 1M,5M --articles 2000 \\
        --workdir /tmp/dg-bench --out bench-results.md

Parts (each can be left out with ``--skip``): ``ingest`` (extraction and ingest, serial and
on 2 Dask workers), ``load`` (loading at every size), ``queries`` (the named queries at the
query sizes; rdflib only at sizes up to ``--rdflib-max``), ``trace`` (bench/trace.py on the
first query size's store) and ``view`` (view generation on it). Generated graphs and stores
are kept in ``--workdir`` and reused by later runs; without it a temporary folder is used
and removed. The machine (CPU, cores, RAM, Python and library versions) and the load
average at each figure are part of the output: the machine may be shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest as ingest_bench
import load as load_bench
import queries as query_bench
import view_build as view_bench
from measure import machine, mib, run_command, workdir_for


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100k,1M,5M", help="graph sizes for loading")
    ap.add_argument(
        "--query-sizes",
        default="1M",
        help="graph sizes for the named queries (5M adds some 5 minutes; rdflib there with --rdflib-max 5M)",
    )
    ap.add_argument("--articles", type=int, default=2000, help="synthetic articles to ingest")
    ap.add_argument("--rdflib-max", default="1M", help="largest size rdflib is run on")
    ap.add_argument("--rdflib-timeout", type=float, default=300.0, help="seconds a step")
    ap.add_argument("--repeat", type=int, default=7, help="runs of each query (best counts)")
    ap.add_argument("--skip", default="", help="parts to leave out: ingest,load,queries,trace,view")
    ap.add_argument("--quick", action="store_true", help="100k triples, 300 articles")
    ap.add_argument("--workdir", default=None, help="keep generated graphs and stores here")
    ap.add_argument("--out", default=None, help="also write the Markdown here")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes = args.query_sizes = args.rdflib_max = "100k"
        args.articles = 300
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    sizes = [load_bench.parse_size(s) for s in args.sizes.split(",")]
    query_sizes = [load_bench.parse_size(s) for s in args.query_sizes.split(",")]
    rdflib_max = load_bench.parse_size(args.rdflib_max)
    started = time.perf_counter()
    md: list[str] = ["# dealgraph benchmark run", "", "## Machine", ""]
    md += [f"- {k}: {v}" for k, v in machine().items()]

    def section(title: str) -> None:
        md.extend(["", f"## {title}", ""])
        print(f"\n## {title}\n", flush=True)

    with workdir_for(args.workdir) as workdir:
        try:
            if "ingest" not in skip:
                section(f"Extraction and ingest ({args.articles} synthetic articles)")
                md += ingest_bench.HEADER + ingest_bench.bench(workdir, args.articles)
            if "load" not in skip:
                section("Loading")
                md += load_bench.HEADER
                for n in sizes:
                    timeout = args.rdflib_timeout if n <= rdflib_max else None
                    md += load_bench.bench_size(workdir, n, timeout, 8.0)
            if "queries" not in skip:
                section("Named queries")
                md += query_bench.HEADER
                for n in query_sizes:
                    md += query_bench.bench(
                        workdir, n, args.repeat, args.rdflib_timeout / 2, n <= rdflib_max
                    )
            if query_sizes and "trace" not in skip:
                n = query_sizes[0]
                section(f"Tracing ({load_bench.size_name(n)}, bench/trace.py)")
                store = load_bench.store_for(workdir, n)
                m = run_command(
                    [sys.executable, "bench/trace.py", "--store", str(store), "--triples", str(n)]
                )
                lines = [line for line in m.stdout.splitlines() if line.strip()]
                md += ["```", *lines, "```", ""]
                md.append(f"- peak memory {mib(m.peak_rss)}, load average {m.load:.2f}")
                print("\n".join(lines[-12:]), flush=True)
                if m.error:
                    md.append(f"- failed: {m.error}")
            if query_sizes and "view" not in skip:
                section("View generation")
                md += view_bench.HEADER + view_bench.bench(workdir, query_sizes[0])
        finally:
            total = time.perf_counter() - started
            md += ["", f"Total run time: {total / 60:.1f} minutes.", ""]
            text = "\n".join(md)
            if args.out:
                Path(args.out).write_text(text, encoding="utf-8")
            print(f"\nTotal run time: {total / 60:.1f} minutes.")


if __name__ == "__main__":
    main()
