"""dealgraph.open: the Python API notebooks use and the CLI is built on."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

import dealgraph
from dealgraph.api import Dealgraph
from dealgraph.errors import DealgraphError, InputError, UnknownEntityError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets

from .test_view import XSS, xss_sheet

HUAWEI = "https://w3id.org/dealgraph/id/entity/huawei"


@pytest.fixture
def dg(tmp_path: Path, seed: FactSheet) -> Iterator[Dealgraph]:
    with dealgraph.open(tmp_path, read_only=False) as d:
        load_sheets(d.store, [seed])
        yield d


@pytest.mark.parametrize(
    "name", ["Huawei", "huawei", "Huawei Technologies", "Q160120", HUAWEI, f"<{HUAWEI}>"]
)
def test_entities_by_any_name(dg: Dealgraph, name: str) -> None:
    assert dg.entity(name) == HUAWEI


def test_an_unknown_name_gets_did_you_mean(dg: Dealgraph) -> None:
    with pytest.raises(UnknownEntityError, match="did you mean 'Huawei'"):
        dg.trace("Huawey", "United States")


def test_open_needs_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="no store at .*nothing-here"):
        dealgraph.open(tmp_path / "nothing-here")
    monkeypatch.setenv("DEALGRAPH_STORE", str(tmp_path))
    with dealgraph.open(read_only=False) as d:
        assert d.store.location == str(tmp_path)
    with dealgraph.open() as d:  # now there is a store, readable
        assert len(d.store) == 0


def test_the_same_answers_as_the_library(dg: Dealgraph) -> None:
    r = dg.trace("MTS", "US", via=["Deal", "Ban"], since=dt.date(2019, 1, 1))
    assert [[link.step(h.source) for link in h.links] for h in r.paths[0].hops] == [
        ["MTS ←contracts with→ Huawei"],
        ["Huawei ←bans— United States"],
    ]
    assert r.filters == "via Ban, Deal; since 2019-01-01"
    with pytest.raises(InputError, match="not both"):
        dg.trace("MTS", "US", directed=True, undirected=True)
    assert [x.label for x in dg.neighbors("Huawei", directed=True).reached] == ["MTS"]
    assert [e.type for e in dg.timeline("Huawei", since=2019, until="2019").events] == [
        "Deal",
        "StateVisit",
        "Ban",
        "Trial",
    ]
    assert dg.rank(by="betweenness", limit=1).rows[0].label == "United States"


def test_the_projection_is_cached_per_store_state(dg: Dealgraph, seed: FactSheet) -> None:
    from dataclasses import replace

    first = dg.graph()
    assert dg.graph() is first
    tracer = dg._current().tracer
    assert dg._current().tracer is tracer  # derived graphs are kept while the store is unchanged
    load_sheets(dg.store, [replace(seed, facts=seed.facts[:2])])
    assert dg.graph() is not first and dg._current().tracer is not tracer


def test_query_results_as_records_and_python_values(dg: Dealgraph) -> None:
    t = dg.query(
        "SELECT ?deal ?date ?n ?conf WHERE { ?deal a dg:Deal ; dg:date ?date ; dg:evidence ?e . "
        "?e dg:confidence ?conf BIND (1 + 1 AS ?n) } LIMIT 1"
    )
    (row,) = t.records()
    assert row["deal"].startswith("https://w3id.org/dealgraph/id/deal/")
    assert row["date"] == dt.date(2019, 6, 5) and row["n"] == 2 and row["conf"] == Decimal(1)
    assert dg.query("deals-of", {"org": "huawei"}).records()[0]["partnerLabel"] == "MTS"
    assert dg.query("ASK { ?a dg:bans ?b }").records() == [{"boolean": True}]
    assert "partnerLabel" in dg.query("deals-of", org="Huawei").text()


def test_to_dataframe_with_pandas(dg: Dealgraph) -> None:
    pd = pytest.importorskip("pandas")
    df = dg.query("deals-of", org="Huawei").to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert df["partnerLabel"].tolist() == ["MTS"]
    tl = dg.timeline("Huawei").to_dataframe()
    assert tl["type"].tolist()[:4] == ["Deal", "StateVisit", "Ban", "Trial"]
    assert list(tl.columns)[:3] == ["when", "precision", "type"]
    ranks = dg.rank(by="degree").to_dataframe()
    assert ranks.iloc[0]["label"] == "Huawei" and ranks["rank"].tolist() == list(range(1, 11))
    paths = dg.trace("Huawei", "United States").to_dataframe()
    assert set(paths["step"]) == {"Huawei ←bans— United States", "Huawei ←accuses— United States"}
    assert len(paths) == 3  # one row per quote: two for the ban, one for the allegation


def test_to_dataframe_without_pandas_says_how_to_get_it(
    dg: Dealgraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(DealgraphError, match="to_dataframe\\(\\) needs pandas.*pip install pandas"):
        dg.rank().to_dataframe()


def test_a_view_displays_inline_in_jupyter_escaped(tmp_path: Path, seed: FactSheet) -> None:
    with dealgraph.open(tmp_path, read_only=False) as d:
        load_sheets(d.store, [xss_sheet(seed)])
        view = d.view(d.trace("Huawei", "mts"))  # MTS is now called <img src=x onerror=...>
    frame = view._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in frame
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame)
    assert srcdoc is not None
    assert "<" not in srcdoc.group(1) and XSS not in frame
    assert html.unescape(srcdoc.group(1)) == view.html
    assert view.nodes == 2 and view.edges == 2  # contracts with and tests with, drawn once


def test_views_of_each_answer_and_of_the_store(dg: Dealgraph, tmp_path: Path) -> None:
    assert dg.view().nodes == 14  # the default view, as `dealgraph view` draws it
    assert dg.view(dg.neighbors("MTS", 2)).nodes == 10
    assert dg.view(dg.timeline("Huawei")).nodes > 6
    report = dg.view(dg.rank(type="State", limit=2)).save(tmp_path / "rank.html")
    assert report.path.read_text().startswith("<!DOCTYPE html>") and report.nodes == 2


def test_export_through_the_api(dg: Dealgraph, tmp_path: Path) -> None:
    seen: list[int] = []
    report = dg.export(tmp_path / "out.nq", progress=seen.append)
    assert sum(seen) == 534 and report.count == "534 quads in 11 graphs"
    assert dg.export(tmp_path / "g.gexf", facts=False).count == "12 nodes, 9 edges"


def test_progress_messages_before_slow_work(tmp_path: Path, seed: FactSheet) -> None:
    from dealgraph.graph import clear_memo

    clear_memo()
    said: list[str] = []
    with dealgraph.open(tmp_path, read_only=False, progress=said.append) as d:
        load_sheets(d.store, [seed])
        d.trace("Huawei", "MTS")
        d.trace("Huawei", "MTS")
    assert said == [f"building the graph projection of {tmp_path} (cached until the store changes)"]
