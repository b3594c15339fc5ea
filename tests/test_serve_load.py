"""A bounded load test of `dealgraph serve` over 127.0.0.1: 50 concurrent clients send 2,000
queries in all (the query mix of bench/serve.py: labels, relations, deals-of, ASK, CONSTRUCT)
and every one is answered 200. The figures go to the test's output (``-s`` shows them);
bench/serve.py measures the same against `oxigraph serve` on a bigger graph."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dealgraph.pipeline import load_sheets
from dealgraph.seed import seed_sheet
from dealgraph.store import open_store

from .serving import dealgraph_server, markup_sheet

pytestmark = [pytest.mark.slow, pytest.mark.server]

BENCH = Path(__file__).parent.parent / "bench" / "serve.py"
CLIENTS, QUERIES, SECONDS = 50, 2000, 120


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dealgraph_bench_serve", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_50_clients_2000_queries_no_errors(bench: ModuleType, tmp_path: Path) -> None:
    store = tmp_path / "store"
    with open_store(store) as s:
        load_sheets(s, [seed_sheet(), markup_sheet()])
        entities = s.query("SELECT DISTINCT ?e WHERE { ?e a dg:Entity }").values("e")
    requests = bench.query_mix(entities, QUERIES, seed=1)
    assert {r.kind for r in requests} == {"label", "relations", "deals-of", "ask", "construct"}
    with dealgraph_server(store) as server:
        result = bench.run_load(server.endpoint, requests, clients=CLIENTS, timeout=SECONDS)
        status = server.status()
    print()
    print(result.line(f"{CLIENTS} clients, {QUERIES} queries"))
    assert result.requests == QUERIES
    assert result.errors == []
    assert result.statuses == {200: QUERIES}
    assert result.seconds < SECONDS
    assert status["timeouts"] == 0 and status["restarts"] == 0
    assert status["jobs"] >= QUERIES
