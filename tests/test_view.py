"""The HTML view: self-contained, names every entity, escapes everything from articles."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from dealgraph.escape import script_json
from dealgraph.facts import Entity, FactSheet
from dealgraph.graph import project
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore
from dealgraph.view import overview, render_view, write_view

XSS = "<img src=x onerror=alert(1)>"
RESOURCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.I,
)


def _data(html: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r'<script type="application/json" id="dg-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def xss_sheet(seed: FactSheet) -> FactSheet:
    """The seed with MTS renamed to a script-injection attempt, and a quote with markup."""
    ents = dict(seed.entities)
    ents["mts"] = replace(
        ents["mts"],
        label={"": XSS},
        aliases={},
        description={"en": "</script><script>alert(2)</script>"},
    )
    return replace(seed, entities=ents)


def test_view_names_every_entity_and_edge_tooltips_carry_evidence(seeded: EmbeddedStore) -> None:
    view = render_view(overview(project(seeded, include_facts=True)), title="seed")
    data = _data(view.html)
    labels = {n["label"] for n in data["nodes"]}
    for name in (
        "Huawei",
        "MTS",
        "United States",
        "Russia",
        "Xi Jinping",
        "China",
        "AFP",
        "5G",
        "Government of China",
    ):
        assert name in labels
        assert name in view.html
    assert view.nodes == len(data["nodes"]) and view.edges == len(data["edges"])
    for edge in data["edges"]:
        assert edge["label"] and edge["title"]
        assert edge["evidence"], edge["heading"]
        q = edge["evidence"][0]
        assert f"“{q['quote']}”" in edge["title"] and q["article"] in edge["title"]
    ban = next(e for e in data["edges"] if e["label"] == "bans")
    assert (
        ban["heading"] == "United States — bans → Huawei"
        and "Date: before 2019-06-05 (day)" in ban["title"]
    )
    contracts = [e for e in data["edges"] if e["label"] == "contracts with"]
    assert len(contracts) == 1 and contracts[0]["arrows"] == ""  # symmetric: drawn once
    signed = next(e for e in data["edges"] if e["label"] == "signed during")
    assert "staatsbezoek" in signed["title"]
    kinds = {(i["kind"], i["label"]) for i in data["legend"]}
    assert {
        ("entity", "company"),
        ("entity", "state"),
        ("relation", "bans"),
        ("fact", "deal"),
    } <= kinds


def test_view_references_no_remote_resource(seeded: EmbeddedStore) -> None:
    html = render_view(project(seeded)).html
    assert not RESOURCE.search(html), RESOURCE.search(html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "vis.Network" in html and len(html) > 400_000  # vis-network is inline


def test_markup_from_articles_is_shown_as_text(
    store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    load_sheets(store, [xss_sheet(seed)])
    report = write_view(overview(project(store, include_facts=True)), tmp_path / "x.html")
    html = report.path.read_text()
    assert XSS not in html
    assert "<script>alert(2)" not in html and "alert(2)</script>" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert XSS in {n["label"] for n in _data(html)["nodes"]}
    assert "innerHTML" not in html.split("vis-network")[-1]  # our script uses textContent only


@pytest.mark.parametrize("text", ["</script>", "<!--", "\u2028", "a & b", "\"'"])
def test_script_json_cannot_break_out(text: str) -> None:
    out = str(script_json({"x": text}))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"x": text}


def test_write_is_atomic(seeded: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "v.html"
    target.write_text("old")
    write_view(project(seeded), target)
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in out.iterdir()] == ["v.html"]


def test_entity_type_is_the_most_specific_class(seeded: EmbeddedStore) -> None:
    g = project(seeded)
    types = {d["label"]: d["type"] for _, d in g.nodes(data=True) if d["kind"] == "entity"}
    assert (
        types["Huawei"] == "Company"
        and types["AFP"] == "NewsAgency"
        and types["Government of China"] == "GovernmentBody"
    )
    assert Entity  # the class is exercised through the sheet fixtures
