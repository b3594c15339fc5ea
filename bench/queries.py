"""Named queries: dealgraph against raw pyoxigraph and rdflib, on the same graph.

For each named query of ``ontology/queries/`` (the entity ones with the most connected entity
of the graph, and ``deals-of`` also with a small one), measured in this run:

- **dealgraph**: ``dealgraph.query.run_query`` (what ``dealgraph query NAME --param ...``
  runs): the parameter resolved from a name to an IRI, the query bound, run over the union
  of the graphs, the answer converted; target: at most 1.1x raw pyoxigraph;
- **raw pyoxigraph**: the same final SPARQL text (as dealgraph sends it) on the same open
  store, ``Store.query(..., use_default_graph_as_union=True)``, every row read;
- **rdflib**: the same text on an in-memory ``rdflib.Dataset(default_union=True)`` loaded
  with the same N-Quads; target: dealgraph at least 20x faster. A query that runs past the
  time limit is stopped and reported as "> N s".

dealgraph and raw are interleaved, best of ``--repeat`` after a warm-up each (the machine is
shared: the best run is the one least disturbed); rdflib runs each query once.

    python bench/queries.py --size 1M                  # generates and loads the graph
    python bench/queries.py --size 1M --workdir /tmp/dg-bench   # reuse bench/load.py's graph
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import nquads_for, parse_size, size_name, store_for
from measure import machine, mib, run_step, workdir_for

HUBS = {
    "deals-of": (
        "org",
        "SELECT ?x (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dg:Deal ; dg:party ?x } ",
    ),
    "bans-on": (
        "target",
        "SELECT ?x (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b a dg:Ban ; dg:target ?x } ",
    ),
    "relations-of": (
        "entity",
        "SELECT ?x (COUNT(*) AS ?n) WHERE { ?x dg:contractsWith|dg:bans ?y } ",
    ),
}


def _label(store: Any, iri: str) -> str:
    rows = store.query(
        f'SELECT ?l WHERE {{ <{iri}> rdfs:label ?l FILTER (lang(?l) IN ("", "en")) }} LIMIT 1'
    ).rows
    return rows[0][0].value if rows else iri


def cases(store: Any) -> list[tuple[str, str, dict[str, str]]]:
    """(label, query, params): each named query, entity ones with the most connected entity
    (by name, so that resolving it is measured too); deals-of also with a median one."""
    from dealgraph.query import load_named_queries

    out = []
    for name, nq in sorted(load_named_queries().items()):
        if not nq.params:
            out.append((name, name, {}))
            continue
        param, count = HUBS[name]
        ranked = store.query(count + "GROUP BY ?x ORDER BY DESC(?n) ?x").rows
        top = ranked[0]
        out.append((f"{name} (hub, {top[1].value})", name, {param: _label(store, top[0].value)}))
        if name == "deals-of":
            mid = ranked[len(ranked) // 2]
            out.append(
                (f"{name} (median, {mid[1].value})", name, {param: _label(store, mid[0].value)})
            )
    return out


def list_cases(store_dir: str) -> dict[str, Any]:
    """Runs in a child: the cases (label, named query, parameters) and the store's size."""
    from dealgraph.store import EmbeddedStore

    store = EmbeddedStore(store_dir, read_only=True)
    return {"cases": [list(c) for c in cases(store)], "quads": len(store)}


def dealgraph_and_raw(
    store_dir: str, label: str, name: str, params: dict[str, str], repeat: int
) -> dict[str, Any]:
    """Runs in a child of its own for one case (so that a time limit can stop it): the query
    through dealgraph and raw pyoxigraph, interleaved."""
    from dealgraph.namespaces import PREFIXES
    from dealgraph.query import prepare, run_query
    from dealgraph.store import EmbeddedStore

    store = EmbeddedStore(store_dir, read_only=True)
    raw = store._store  # the same pyoxigraph Store dealgraph queries
    text, _ = prepare(store, name, params)

    def ours() -> int:
        return len(run_query(store, name, params))

    def theirs() -> int:
        result = raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        return len([tuple(row) for row in result])

    rows = ours()
    assert theirs() == rows, f"{label}: raw pyoxigraph gives another number of rows"
    t_ours, t_raw = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        ours()
        t_ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        theirs()
        t_raw.append(time.perf_counter() - start)
    return {
        "label": label,
        "rows": rows,
        "text": text,
        "dealgraph": min(t_ours),
        "raw": min(t_raw),
        "dealgraph_median": statistics.median(t_ours),
        "raw_median": statistics.median(t_raw),
    }


class _Timeout(Exception):
    pass


def rdflib_queries(nq_path: str, texts: list[list[str]], timeout: float) -> dict[str, Any]:
    """Runs in a child: load the N-Quads into rdflib, then run each (label, text) with a time
    limit (SIGALRM interrupts rdflib's evaluation, which is plain Python)."""
    from rdflib import Dataset

    from dealgraph.namespaces import PREFIXES

    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    ds = Dataset(default_union=True)
    start = time.perf_counter()
    ds.parse(nq_path, format="nquads")
    loaded = time.perf_counter() - start

    def alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    out = []
    for label, text in texts:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        start = time.perf_counter()
        try:
            rows = len(list(ds.query(prologue + text)))
            seconds: float | None = time.perf_counter() - start
        except _Timeout:
            rows, seconds = -1, None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out.append({"label": label, "rows": rows, "seconds": seconds})
    return {"load_seconds": loaded, "quads": len(ds), "cases": out}


HEADER = [
    "| size | query | rows | dealgraph | raw pyoxigraph | dealgraph / raw | rdflib | rdflib / dealgraph | load avg |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
]


def bench(
    workdir: Path,
    triples: int,
    repeat: int,
    rdflib_timeout: float,
    with_rdflib: bool,
    timeout: float = 600.0,
) -> list[str]:
    store = store_for(workdir, triples)
    listed = run_step("queries", "list_cases", str(store), timeout=timeout)
    if not listed.ok:
        raise SystemExit(f"listing the query cases failed: {listed.error}\n{listed.stderr}")
    ours = []
    for label, name, params in listed.result["cases"]:
        # warm-up and repeat: a query that takes t runs 2 + 2 * repeat times
        m = run_step(
            "queries", "dealgraph_and_raw", str(store), label, name, params, repeat, timeout=timeout
        )
        ours.append((label, m))
    theirs = None
    done = [(label, m) for label, m in ours if m.ok]
    if with_rdflib and done:
        texts = [[label, m.result["text"]] for label, m in done]
        theirs = run_step(
            "queries",
            "rdflib_queries",
            str(nquads_for(workdir, triples)),
            texts,
            rdflib_timeout,
            timeout=rdflib_timeout * (len(texts) + 2) + 600,
        )
    by_label = {}
    if theirs is not None and theirs.ok:
        by_label = {r["label"]: r for r in theirs.result["cases"]}
    rows = []
    for label, m in ours:
        if not m.ok:
            why = f"stopped after {timeout:.0f} s" if m.timed_out else f"failed: {m.error}"
            rows.append(f"| {size_name(triples)} | {label} | | {why} | | | | | {m.load:.2f} |")
            print(rows[-1], flush=True)
            continue
        c = m.result
        ratio = c["dealgraph"] / c["raw"]
        verdict = "met" if ratio <= 1.1 else "NOT met"
        rd = rd_ratio = ""
        r = by_label.get(label)
        if r is not None:
            if r["seconds"] is None:
                rd = f"> {rdflib_timeout:.0f} s"
                floor = rdflib_timeout / c["dealgraph"]
                # rdflib was stopped: its time, and so the ratio, is only known from below
                rd_ratio = f"> {floor:,.0f}x ({'met' if floor >= 20 else 'not known'})"
            else:
                assert r["rows"] == c["rows"], f"{label}: rdflib gives {r['rows']} rows"
                x = r["seconds"] / c["dealgraph"]
                rd = f"{r['seconds']:.2f} s"
                rd_ratio = f"{x:,.0f}x ({'met' if x >= 20 else 'NOT met'})"
        elif theirs is not None:
            rd = theirs.time_text() if theirs.timed_out else f"failed: {theirs.error}"
        rows.append(
            f"| {size_name(triples)} | {label} | {c['rows']} | {c['dealgraph'] * 1000:.1f} ms "
            f"| {c['raw'] * 1000:.1f} ms | {ratio:.2f} ({verdict}) | {rd} | {rd_ratio} | {m.load:.2f} |"
        )
        print(rows[-1], flush=True)
    peak = max((m.peak_rss for _, m in ours), default=0)
    notes = [
        f"dealgraph and raw pyoxigraph: one process a query, peak memory {mib(peak)}, "
        f"{listed.result['quads']:,} quads"
    ]
    if theirs is not None and theirs.ok:
        notes.append(
            f"rdflib: loading the N-Quads took {theirs.result['load_seconds']:.1f} s, peak memory "
            f"{mib(theirs.peak_rss)}"
        )
    for n in notes:
        print(f"  {n}")
    return rows + [""] + [f"- {n}" for n in notes]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="1M")
    ap.add_argument("--workdir", default=None, help="keep the generated graph here (reused)")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds a query")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument(
        "--timeout", type=float, default=600.0, help="seconds for one query's dealgraph/raw runs"
    )
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    print("\n".join(HEADER))
    with workdir_for(args.workdir) as workdir:
        bench(
            workdir,
            parse_size(args.size),
            args.repeat,
            args.rdflib_timeout,
            not args.no_rdflib,
            args.timeout,
        )


if __name__ == "__main__":
    main()
