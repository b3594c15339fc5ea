"""Timelines: the entity's events and the ones that situate them, in date order."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealgraph.filters import DateWindow
from dealgraph.graph import project
from dealgraph.namespaces import entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore, open_store
from dealgraph.timeline import timeline

from .tiny import tiny_sheet

HUAWEI = entity_iri("huawei")


def test_huawei_deal_visit_ban_trial_in_order_with_precision(seeded: EmbeddedStore) -> None:
    tl = timeline(project(seeded, include_facts=True), HUAWEI)
    got = [(e.type, e.when(), e.precision, e.roles) for e in tl.events]
    assert got == [
        ("Deal", "2019-06-05", "day", ("party",)),
        ("StateVisit", "2019-06-05", "day", ()),  # situates the deal: signed during it
        ("Ban", "before 2019-06-05", "day", ("target",)),
        ("Trial", "by 2019", "year", ("participant",)),
        ("Allegation", "undated", None, ("accused",)),
        ("Appeal", "undated", None, ()),  # situates the ban: it is about it
    ]
    visit, appeal = tl.events[1], tl.events[5]
    assert [c.text() for c in visit.context] == [
        "Deal: Huawei – MTS (2019-06-05) —signed during→ this"
    ]
    assert [c.text() for c in appeal.context] == [
        "this —about→ Ban: United States – Huawei (before 2019-06-05)"
    ]
    assert tl.events[3].modality == "planned"
    assert [label for _, _, label in visit.participants] == ["Russia", "Xi Jinping"]


def test_the_text_shows_dates_precision_roles_and_quotes(seeded: EmbeddedStore) -> None:
    text = timeline(project(seeded, include_facts=True), HUAWEI).text()
    lines = text.splitlines()
    assert lines[0] == "Timeline of Huawei: 6 events"
    rows = [line for line in lines if line and not line.startswith((" ", "-", "when"))][1:]
    assert [row.split()[0:2] for row in rows] == [
        ["2019-06-05", "day"],
        ["2019-06-05", "day"],
        ["before", "2019-06-05"],
        ["by", "2019"],
        ["undated", "Allegation"],
        ["undated", "Appeal"],
    ]
    assert "    context: Deal: Huawei – MTS (2019-06-05) —signed during→ this" in lines
    assert (
        "    “Amerikaanse bedrijven mogen door deze ban in de toekomst geen zaken meer doen met het Chinese merk.”"
        in lines
    )
    assert "Trial: Huawei – MTS (by 2019) (planned)" in text


@pytest.mark.parametrize(
    ("since", "until", "types"),
    [
        ("2019", "2019", ["Deal", "StateVisit", "Ban", "Trial"]),  # undated ones left out
        ("2019-06-05", None, ["Deal", "StateVisit", "Trial"]),  # before 2019-06-05 ends the 4th
        (None, "2019-06-04", ["Ban", "Trial"]),  # both may fall before 5 June
        ("2020", None, []),
    ],
)
def test_a_window_keeps_the_events_that_may_fall_in_it(
    seeded: EmbeddedStore, since: str | None, until: str | None, types: list[str]
) -> None:
    tl = timeline(
        project(seeded, include_facts=True), HUAWEI, window=DateWindow.parse(since, until)
    )
    assert [e.type for e in tl.events] == types


def test_an_entity_without_events_has_an_empty_timeline(seeded: EmbeddedStore) -> None:
    tl = timeline(project(seeded, include_facts=True), entity_iri("france"))
    assert tl.events == [] and tl.text() == "Timeline of France: 0 events"


def test_order_by_hand(tmp_path: Path) -> None:
    # the same day: "on" first, then circa, after-the-day-before, before, by; then later days
    sheet = tiny_sheet(
        [
            ("Deal", {"party": ["a", "b"]}, "by 2019-06"),  # sorts at 2019-06-30, rank 4
            ("Deal", {"party": ["a", "c"]}, "2019-06-30"),  # 2019-06-30, rank 0
            ("Deal", {"party": ["a", "d"]}, None),  # undated: last
            ("Deal", {"party": ["a", "e"]}, "before 2019-06-30"),  # 2019-06-30, rank 3
            ("Deal", {"party": ["a", "f"]}, "2018"),  # 2018-01-01
            ("Deal", {"party": ["a", "g"]}, "after 2019-06-29"),  # 2019-06-30, rank 2
        ]
    )
    with open_store(tmp_path / "s") as s:
        load_sheets(s, [sheet])
        tl = timeline(project(s, include_facts=True), entity_iri("a"))
    assert [e.when() for e in tl.events] == [
        "2018",
        "2019-06-30",
        "after 2019-06-29",
        "before 2019-06-30",
        "by 2019-06",
        "undated",
    ]


def test_records_and_json(seeded: EmbeddedStore) -> None:
    import json

    tl = timeline(project(seeded, include_facts=True), HUAWEI)
    rows = tl.records()
    assert [r["when"] for r in rows][:4] == [
        "2019-06-05",
        "2019-06-05",
        "before 2019-06-05",
        "by 2019",
    ]
    assert rows[0]["with"] == "Russia, MTS, 5G" and rows[0]["roles"] == "party"
    data = json.loads(tl.to_json())
    assert data["entity"]["label"] == "Huawei"
    assert data["events"][2]["qualifier"] == "before" and data["events"][2]["date"] == "2019-06-05"
    g = tl.subgraph()
    assert HUAWEI in g and sum(1 for _, d in g.nodes(data=True) if d["kind"] == "fact") == 6
