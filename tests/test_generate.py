"""A tiny run of the benchmark's graph generator (bench/generate.py): its sheets are valid fact
sheets, the same seed gives the same graph, and the loaded graph is valid and traceable."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dealgraph.facts import parse_sheet
from dealgraph.graph import project
from dealgraph.rdf import sheet_quads, to_nquads
from dealgraph.store import EmbeddedStore
from dealgraph.trace import TraceGraph, trace
from dealgraph.validate import validate_store
from tests.conftest import article_graphs

BENCH = Path(__file__).parent.parent / "bench" / "generate.py"


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dealgraph_bench_generate", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_generated_sheets_are_valid_and_seeded(generate: ModuleType) -> None:
    sheets = list(generate.generate_sheets(6, seed=3))
    for sheet in sheets:
        again = parse_sheet(sheet.dumps(), sheet.file)  # the real checks: offsets, roles, ...
        assert to_nquads(sheet_quads(again)) == to_nquads(sheet_quads(sheet))
    same = list(generate.generate_sheets(6, seed=3))
    assert [s.dumps() for s in same] == [s.dumps() for s in sheets]
    assert [s.dumps() for s in generate.generate_sheets(6, seed=4)] != [s.dumps() for s in sheets]
    types = {f.type for s in sheets for f in s.facts}
    assert {"Deal", "Ban"} <= types


def test_a_loaded_graph_is_valid_and_traceable(generate: ModuleType, store: EmbeddedStore) -> None:
    stats = generate.load_into(store, articles=5, seed=1, batch=2, progress=False)
    assert stats.articles == 5 and stats.quads == len(store) > 5 * 300
    assert len(article_graphs(store.graphs())) == 5
    report = validate_store(store)
    assert report.conforms, report.text()
    tg = TraceGraph(project(store, include_facts=True))
    entities = sorted(n for n, d in tg.base.nodes(data=True) if d["kind"] == "entity")
    found = [trace(tg, entities[0], b) for b in entities[1:6]]
    assert any(r.paths for r in found)
    for r in found:
        for p in r.paths:
            assert all(link.evidence for hop in p.hops for link in hop.links)


def test_articles_for_a_triple_count(generate: ModuleType) -> None:
    assert generate.articles_for(1_000_000) == round(1_000_000 / generate.QUADS_PER_ARTICLE)
