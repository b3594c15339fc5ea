"""The projection when many articles state the same things: one node per entity and fact, every
source kept, and no query answering a statement once per article that states it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dealgraph import graph, resolve
from dealgraph.facts import FactSheet
from dealgraph.graph import project
from dealgraph.namespaces import entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.schema import load_schema
from dealgraph.store import EmbeddedStore

COPIES = 4


@pytest.fixture
def repeated(store: EmbeddedStore, seed: FactSheet) -> EmbeddedStore:
    """The seed as reported by four articles: the same entities, facts and relations."""
    load_sheets(
        store, [replace(seed, article=replace(seed.article, id=f"copy{i}")) for i in range(COPIES)]
    )
    return store


def _role_query() -> str:
    roles = {
        r.property for ft in load_schema().fact_types for r in load_schema().roles_of(ft).values()
    }
    return graph._ROLES % " ".join(f"<{p}>" for p in sorted(roles))


@pytest.mark.parametrize(
    "query",
    [graph._ENTITIES, graph._FACTS, graph._STATEMENTS, graph._EVIDENCE, resolve._NAMES],
    ids=["entities", "facts", "statements", "evidence", "names"],
)
def test_no_row_comes_once_per_article(repeated: EmbeddedStore, query: str) -> None:
    # pyoxigraph 0.5 matches a triple of the union graph once per graph that holds it; joined
    # patterns would multiply that (N^k rows). Each query must give every answer once.
    rows = [tuple(str(t) for t in row) for row in repeated.query(query).rows]
    assert rows and len(rows) == len(set(rows))


def test_role_rows_come_once(repeated: EmbeddedStore) -> None:
    rows = [tuple(str(t) for t in row) for row in repeated.query(_role_query()).rows]
    assert rows and len(rows) == len(set(rows))


def test_four_reports_make_one_graph_with_four_sources(
    repeated: EmbeddedStore, seed: FactSheet, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dealgraph.store import open_store

    many = project(repeated, include_facts=True)
    with open_store(tmp_path_factory.mktemp("one")) as single:
        load_sheets(single, [seed])
        one = project(single, include_facts=True)
    assert set(many.nodes) == set(one.nodes)
    assert set(many.edges(keys=True)) == set(one.edges(keys=True))
    ban = next(
        d
        for _, _, d in many.in_edges(entity_iri("huawei"), data=True)
        if d["relation_label"] == "bans"
    )
    assert len(ban["articles"]) == COPIES and len(ban["evidence"]) == 2 * COPIES


def test_the_projection_is_the_same_whatever_the_load_order(
    tmp_path_factory: pytest.TempPathFactory, seed: FactSheet
) -> None:
    from dealgraph.store import open_store

    sheets = [replace(seed, article=replace(seed.article, id=f"copy{i}")) for i in range(3)]
    graphs = []
    for order in (sheets, sheets[::-1]):
        with open_store(tmp_path_factory.mktemp("s")) as s:
            for sheet in order:
                load_sheets(s, [sheet])
            g = project(s, include_facts=True)
            graphs.append((list(g.nodes), list(g.edges(keys=True))))
    assert graphs[0] == graphs[1]
