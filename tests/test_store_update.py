"""GraphStore.update, which `dealgraph serve --allow-update` runs: the same on the embedded
store, in memory and on a real Oxigraph server: one transaction, the generation changes, bad
SPARQL is a QueryError with the parser's message, a read-only store refuses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dealgraph.errors import QueryError, StoreError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets
from dealgraph.store import GraphStore, open_store

from .servers import OxigraphServer

KINDS = ["embedded", "memory", pytest.param("remote", marks=pytest.mark.server)]
ASK = "ASK { GRAPH <http://x/g> { <http://x/a> rdfs:label 'added' } }"


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "embedded":
        location = str(tmp_path / "store")
    elif request.param == "memory":
        location = ":memory:"
    else:
        server: OxigraphServer = request.getfixturevalue("oxigraph")
        location = server.url
    with open_store(location) as s:
        yield s


def test_an_update_is_one_transaction_and_changes_the_generation(
    store: GraphStore, seed: FactSheet
) -> None:
    load_sheets(store, [seed])
    before = store.generation()
    quads = len(store)
    store.update("INSERT DATA { GRAPH <http://x/g> { <http://x/a> rdfs:label 'added' } } ;")
    assert store.ask(ASK)
    assert store.generation() != before
    assert len(store) == quads + 1
    with pytest.raises(QueryError, match="bad SPARQL"):
        store.update(
            "DELETE DATA { GRAPH <http://x/g> { <http://x/a> rdfs:label 'added' } } ; INSERT DATA { <a> }"
        )
    assert store.ask(ASK)  # the broken request changed nothing
    store.update("DELETE WHERE { GRAPH ?g { <http://x/a> ?p ?o } }")
    assert not store.ask(ASK) and len(store) == quads


def test_a_read_only_store_refuses_updates(tmp_path: Path, seed: FactSheet) -> None:
    with open_store(tmp_path / "store") as s:
        load_sheets(s, [seed])
    with (
        open_store(tmp_path / "store", read_only=True) as r,
        pytest.raises(StoreError, match="read-only"),
    ):
        r.update("CLEAR ALL")
