"""Measure `dealgraph serve` under load, with `oxigraph serve-read-only` on the same data as the
baseline, and the cost of running each query in a worker process.

    python bench/serve.py [--triples 100000 | --store DIR] [--clients 50] [--queries 2000]

On one generated store (bench/generate.py; or ``--store`` to reuse one) and one mix of small
queries an endpoint typically gets (labels, relations, the ``deals-of`` named query, ASK,
CONSTRUCT as Turtle; each about a random entity), it prints:

1. each query answered in this process, as a worker answers it (pyoxigraph plus writing the
   answer): the floor;
2. the same through the worker pool, without HTTP: the pool's cost per query (a pipe round
   trip and a thread hop), which buys the time limit;
3. one client, one query at a time, over HTTP, against `dealgraph serve`;
4. ``--clients`` concurrent clients (keep-alive connections, one thread each) sending
   ``--queries`` queries in all, over 127.0.0.1, against `dealgraph serve` and then against
   `oxigraph serve-read-only --union-default-graph` on the same directory: p50, p95 and max
   latency, requests per second, errors, and the ratio to the baseline.

The load driver (:func:`run_load`) is also what ``tests/test_serve_load.py`` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import itertools
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BENCH = Path(__file__).parent
PREFIXES = (
    "PREFIX dg: <https://w3id.org/dealgraph/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
)
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


@dataclass(frozen=True)
class Request:
    """One query of the mix: its kind, its text (with its prefixes) and what it accepts."""

    kind: str
    query: str
    accept: str


def query_mix(entities: list[str], n: int, seed: int = 0) -> list[Request]:
    """``n`` queries about random ``entities``: labels, relations, deals-of, ASK, CONSTRUCT."""
    from dealgraph.query import bind_values, load_named_queries

    deals_of = load_named_queries()["deals-of"].text
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        e = f"<{rng.choice(entities)}>"
        kind = rng.choice(["label", "relations", "deals-of", "ask", "construct"])
        if kind == "label":
            out.append(
                Request(kind, f"{PREFIXES}SELECT ?label WHERE {{ {e} rdfs:label ?label }}", JSON)
            )
        elif kind == "relations":
            q = (
                f"{PREFIXES}SELECT DISTINCT ?rel ?other WHERE {{ ?st a dg:RelationStatement ; "
                f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> {e} ; "
                f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?rel ; "
                f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?other }} LIMIT 100"
            )
            out.append(Request(kind, q, JSON))
        elif kind == "deals-of":
            out.append(Request(kind, PREFIXES + bind_values(deals_of, {"org": e}), JSON))
        elif kind == "ask":
            out.append(Request(kind, f"{PREFIXES}ASK {{ {e} dg:contractsWith ?x }}", JSON))
        else:
            out.append(Request(kind, f"CONSTRUCT {{ {e} ?p ?o }} WHERE {{ {e} ?p ?o }}", TURTLE))
    return out


# ------------------------------------------------------------------------------------------------
# The load driver
# ------------------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    """What a load run saw: per-request latencies (seconds), statuses, errors, wall time."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        data = sorted(self.latencies)
        if not data:
            return float("nan")
        k = min(len(data) - 1, max(0, round(p / 100 * len(data)) - 1))
        return data[k]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def ok(self) -> bool:
        return not self.errors and set(self.statuses) == {200}

    def line(self, name: str) -> str:
        return (
            f"  {name:<34} p50 {self.percentile(50) * 1000:7.1f} ms   p95 "
            f"{self.percentile(95) * 1000:7.1f} ms   max {max(self.latencies, default=0) * 1000:7.1f} ms"
            f"   {self.rps:7.1f} req/s   {self.requests} requests, "
            f"{sum(n for s, n in self.statuses.items() if s != 200) + len(self.errors)} errors"
        )


def run_load(
    endpoint: str,
    requests: list[Request],
    clients: int = 50,
    extra: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> LoadResult:
    """Send ``requests`` to ``endpoint`` (GET ?query=...) from ``clients`` threads, each on its
    own keep-alive connection, as fast as answers come; every answer is read whole."""
    parts = urlsplit(endpoint)
    assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
    host, port, path = parts.hostname, parts.port or 80, parts.path
    result = LoadResult()
    lock = threading.Lock()
    counter = itertools.count()
    paths = [
        (f"{path}?{urlencode({**(extra or {}), 'query': r.query})}", r.accept) for r in requests
    ]

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            while True:
                i = next(counter)
                if i >= len(paths):
                    return
                url, accept = paths[i]
                start = time.perf_counter()
                try:
                    conn.request("GET", url, headers={"Accept": accept})
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    error = None
                except (OSError, http.client.HTTPException) as exc:
                    status, error = 0, f"{type(exc).__name__}: {exc}"
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
                took = time.perf_counter() - start
                with lock:
                    result.latencies.append(took)
                    if error:
                        result.errors.append(error)
                    else:
                        result.statuses[status] = result.statuses.get(status, 0) + 1
        finally:
            conn.close()

    threads = [threading.Thread(target=client, name=f"client-{i}") for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - start
    return result


# ------------------------------------------------------------------------------------------------
# Servers
# ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _exe(name: str) -> str:
    exe = Path(sys.executable).parent / name
    found = str(exe) if exe.exists() else shutil.which(name)
    assert found, f"`{name}` is not installed (pip install -e '.[test]')"
    return found


@contextmanager
def process(args: list[str], ready_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server until the block ends; wait until ``ready_url`` answers."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{args[0]} exited: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(ready_url, timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{args[0]} did not start") from None
                time.sleep(0.1)
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@contextmanager
def dealgraph_serve(store: str, workers: int, log: Path) -> Iterator[str]:
    port = free_port()
    args = [
        _exe("dealgraph"),
        "serve",
        "--store",
        store,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    with process(args, f"http://127.0.0.1:{port}/status", log):
        yield f"http://127.0.0.1:{port}/sparql"


@contextmanager
def oxigraph_serve(store: str, log: Path) -> Iterator[str]:
    port = free_port()
    args = [
        _exe("oxigraph"), "serve-read-only", "--location", store,
        "--bind", f"127.0.0.1:{port}", "--union-default-graph",
    ]  # fmt: skip
    with process(args, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", log):
        yield f"http://127.0.0.1:{port}/query"


# ------------------------------------------------------------------------------------------------
# The measurements
# ------------------------------------------------------------------------------------------------


def in_process(store: str, requests: list[Request]) -> list[float]:
    """Each query answered here exactly as a worker answers it."""
    from dealgraph.serve.jobs import Limits, StoreSpec, Worker

    worker = Worker(StoreSpec(store), Limits())
    times = []
    try:
        for r in requests:
            start = time.perf_counter()
            reply = worker.run("sparql", _job(r))
            times.append(time.perf_counter() - start)
            assert getattr(reply, "status", 0) == 200, reply
    finally:
        worker.close()
    return times


def _job(r: Request) -> dict[str, object]:
    return {"text": r.query, "solution_type": JSON, "graph_type": TURTLE}


def through_pool(store: str, requests: list[Request]) -> list[float]:
    """The same through a one-worker pool (no HTTP): what the process boundary costs."""
    from dealgraph.serve.jobs import Limits, StoreSpec
    from dealgraph.serve.workers import WorkerPool

    async def go() -> list[float]:
        times = []
        async with WorkerPool(StoreSpec(store), Limits(), size=1) as pool:
            for r in requests:
                start = time.perf_counter()
                reply = await pool.run("sparql", _job(r), 60)
                times.append(time.perf_counter() - start)
                assert getattr(reply, "status", 0) == 200, reply
        return times

    return asyncio.run(go())


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=100_000, help="size of the generated store")
    ap.add_argument("--store", default=None, help="reuse (or keep) the store in this directory")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2, help="dealgraph serve --workers")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="dg-bench-serve-")
    try:
        run(args, Path(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> None:
    sys.path.insert(0, str(BENCH))
    from dealgraph.store import open_store
    from generate import load_into

    location = args.store or str(tmp / "store")
    with open_store(location) as store:
        if len(store) < args.triples * 0.9:
            stats = load_into(store, triples=args.triples, seed=args.seed)
            print(f"generated {stats.articles:,} articles in {stats.seconds:.1f} s")
        quads = len(store)
        entities = store.query("SELECT DISTINCT ?e WHERE { ?e a dg:Entity }").values("e")
    print(
        f"dealgraph serve benchmark: {quads:,} quads, {len(entities):,} entities; "
        f"{args.queries} queries from {args.clients} clients; {args.workers} workers"
    )
    requests = query_mix(entities, args.queries, args.seed)
    sample = requests[:200]

    print("\none query at a time (200 queries of the mix, medians)")
    local = in_process(location, sample)
    pooled = through_pool(location, sample)
    print(f"  in this process, as a worker answers it     {ms(statistics.median(local))}")
    print(
        f"  through the worker pool (no HTTP)            {ms(statistics.median(pooled))}"
        f"   (+{ms(statistics.median(pooled) - statistics.median(local))} a query)"
    )

    light = [r for r in requests if r.kind != "deals-of"][: args.queries]
    light += [r for r in query_mix(entities, args.queries, args.seed + 1) if r.kind != "deals-of"]
    light = light[: args.queries]
    scenarios = [
        ("light: labels, relations, ASK, CONSTRUCT", light),
        ("mixed: the same and deals-of (1 in 5)", requests),
    ]
    results: dict[tuple[str, str], LoadResult] = {}
    with dealgraph_serve(location, args.workers, tmp / "dealgraph.log") as url:
        one = run_load(url, sample, clients=1)
        print(one.line("over HTTP, one client: dealgraph serve"))
        run_load(url, requests[:100], clients=args.clients)  # warm up: connections, caches
        for name, reqs in scenarios:
            results[(name, "dealgraph")] = run_load(url, reqs, clients=args.clients)
    with oxigraph_serve(location, tmp / "oxigraph.log") as url:
        run_load(url, requests[:100], clients=args.clients)
        for name, reqs in scenarios:
            results[(name, "oxigraph")] = run_load(url, reqs, clients=args.clients)
    failed = False
    for name, _ in scenarios:
        ours, base = results[(name, "dealgraph")], results[(name, "oxigraph")]
        print(f"\n{args.clients} clients, {ours.requests} queries, {name}")
        print(ours.line("dealgraph serve"))
        print(base.line("oxigraph serve-read-only (baseline)"))
        print(
            f"  -> dealgraph serve: {ours.rps / base.rps:.2f}x the baseline's requests per "
            f"second; p50 {ours.percentile(50) / base.percentile(50):.2f}x, p95 "
            f"{ours.percentile(95) / base.percentile(95):.2f}x its latency"
        )
        if not (ours.ok() and base.ok()):
            failed = True
            print(
                f"  errors: dealgraph {ours.statuses} {ours.errors[:3]}; oxigraph {base.statuses} {base.errors[:3]}"
            )
    kinds: dict[str, list[float]] = {}
    for r, t in zip(sample, local, strict=True):
        kinds.setdefault(r.kind, []).append(t)
    print(
        "\nin-process median per kind: "
        + ", ".join(f"{k} {ms(statistics.median(v))}" for k, v in sorted(kinds.items()))
    )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
