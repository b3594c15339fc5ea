"""Shared fixtures: the seed, a real embedded store on disk, a real `oxigraph serve` process,
and the installed CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets
from dealgraph.seed import seed_sheet
from dealgraph.store import EmbeddedStore, open_store

from .servers import OxigraphServer, oxigraph_server

TESTS = Path(__file__).parent
ARTIFACTS = TESTS.parent / "test-artifacts"


@pytest.fixture(scope="session")
def seed() -> FactSheet:
    return seed_sheet()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with open_store(tmp_path / "store") as s:
        assert isinstance(s, EmbeddedStore)
        yield s


@pytest.fixture
def seeded(store: EmbeddedStore, seed: FactSheet) -> EmbeddedStore:
    load_sheets(store, [seed])
    return store


@pytest.fixture(scope="session")
def oxigraph_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One `oxigraph serve` for the whole run (started on first use, stopped at the end)."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "data") as server:
        yield server


@pytest.fixture
def oxigraph(oxigraph_session: OxigraphServer) -> OxigraphServer:
    """The running server, emptied for this test."""
    oxigraph_session.update("DROP ALL")
    return oxigraph_session


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def dealgraph_exe() -> str:
    """The installed console script (next to this interpreter), not CliRunner."""
    exe = Path(sys.executable).parent / "dealgraph"
    if exe.exists():
        return str(exe)
    found = shutil.which("dealgraph")
    assert found, "the dealgraph console script is not installed"
    return found


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("DEALGRAPH_STORE", None) if env is None or "DEALGRAPH_STORE" not in env else None
    return subprocess.run(
        [dealgraph_exe(), *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
    )


#: The seed maps to 534 quads: 443 in its article graph, and one graph per entity it describes
#: (10 entities, each with a dg:origin triple of its graph).
SEED_QUADS = 534
SEED_ENTITY_GRAPHS = 10
SEED_ARTICLE_QUADS = 443
SEED_ENTITY_QUADS = 91
#: The seed twice under two article ids: the entity graphs are shared.
SEED_TWICE_QUADS = 2 * SEED_ARTICLE_QUADS + SEED_ENTITY_QUADS
ARTICLE_PREFIX = "https://w3id.org/dealgraph/id/article/"


def article_graphs(graphs: list[str]) -> list[str]:
    """The article graphs among a store's graphs (the others describe entities)."""
    return [g for g in graphs if g.startswith(ARTICLE_PREFIX)]
