"""`dealgraph view` as a user runs it (the installed console script, in a subprocess) on the
seed store: the whole graph, a neighbourhood (--focus/--hops), a SPARQL result (--query), and
the --max-nodes cut with its notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dealgraph.namespaces import entity_iri

from .conftest import run_cli
from .test_view import page_data


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo")
    r = run_cli("demo", cwd=d)
    assert r.returncode == 0, r.stderr
    return d


def view(demo_dir: Path, *args: str) -> tuple[str, dict[str, Any]]:
    """Run `dealgraph view -o out.html ARGS`; its stdout and the page's data."""
    out = demo_dir / "out.html"
    out.unlink(missing_ok=True)
    r = run_cli("view", "-o", "out.html", *args, cwd=demo_dir)
    assert r.returncode == 0, r.stderr
    return r.stdout, page_data(out.read_text(encoding="utf-8"))


def labels(data: dict[str, Any]) -> set[str]:
    return {n["label"] for n in data["nodes"]}


DEAL = "Deal: Huawei – MTS (2019-06-05)"
TRIAL = "Trial: Huawei – MTS (by 2019)"
VISIT = "State visit: Xi Jinping – Russia (2019-06-05)"
ALLEGATION = "Allegation: United States – Huawei – Government of China"


def test_the_whole_graph(demo_dir: Path) -> None:
    out, data = view(demo_dir)
    assert out.startswith("wrote out.html (14 nodes, 22 edges,") and "Left out" not in out
    assert data["title"] == "dealgraph — dealgraph-data" and data["cut"] is None


@pytest.mark.parametrize("name", ["mts", "Mobile TeleSystems", "МТС", entity_iri("mts")])
def test_focus_one_hop_by_any_name(demo_dir: Path, name: str) -> None:
    out, data = view(demo_dir, "--focus", name)
    # MTS, the company it contracts and tests with, and the deal and trial it is party to
    assert labels(data) == {"MTS", "Huawei", DEAL, TRIAL}
    assert [data["nodes"][i]["label"] for i in data["focus"]] == ["MTS"]
    assert data["title"] == "MTS and what is within 1 hop"
    assert out.startswith("wrote out.html (4 nodes, ")


@pytest.mark.parametrize(
    ("hops", "inside", "outside"),
    [
        (2, {"United States", "Russia", VISIT, "5G", "AFP"}, {"Xi Jinping", "China"}),
        (3, {"Xi Jinping", "Government of China"}, {"France"}),
    ],
)
def test_focus_more_hops(demo_dir: Path, hops: int, inside: set[str], outside: set[str]) -> None:
    _, data = view(demo_dir, "--focus", "MTS", "--hops", str(hops))
    assert inside <= labels(data) and not outside & labels(data)


def test_focus_by_wikidata_id(demo_dir: Path) -> None:
    _, data = view(demo_dir, "--focus", "Q30")
    assert "United States" in labels(data) and "Huawei" in labels(data)


def test_an_unknown_focus_gets_did_you_mean(demo_dir: Path) -> None:
    r = run_cli("view", "--focus", "Huawey", "-o", "x.html", cwd=demo_dir)
    assert r.returncode == 2
    assert "Error: no entity named 'Huawey' in the store; did you mean 'Huawei'?" in r.stderr
    assert not (demo_dir / "x.html").exists()


def test_construct_keeps_evidence_and_draws_other_links(demo_dir: Path) -> None:
    q = (
        "CONSTRUCT { ?a dg:bans ?b . ?ban prov:wasDerivedFrom ?art . ?ban dg:target ?b }"
        " WHERE { ?a dg:bans ?b . ?ban a dg:Ban ; dg:target ?b ; prov:wasDerivedFrom ?art }"
    )
    out, data = view(demo_dir, "--query", q)
    assert labels(data) >= {
        "United States",
        "Huawei",
        "Ban: United States – Huawei (before 2019-06-05)",
        "5G-techniek Huawei krijgt voet aan de grond in Rusland",  # the article, by its headline
    }
    kinds = {data["types"][e["t"]]["label"]: data["types"][e["t"]]["kind"] for e in data["edges"]}
    assert kinds == {"bans": "relation", "target": "role", "prov:wasDerivedFrom": "link"}
    ban = next(e for e in data["edges"] if data["types"][e["t"]]["label"] == "bans")
    assert data["facts"][ban["f"]]["ev"]  # the projection's edge, with its quotes
    assert data["title"].startswith("Query: CONSTRUCT")
    assert "3 triples" in data["notices"][0] and "1 plain links" in data["notices"][0]


def test_select_rows_link_the_iris_they_hold(demo_dir: Path) -> None:
    (demo_dir / "rel.rq").write_text(
        "SELECT ?a ?rel ?b WHERE {\n"
        "  VALUES ?rel { dg:contractsWith dg:bans dg:signedDuring } ?a ?rel ?b\n}\n",
        encoding="utf-8",
    )
    _, data = view(demo_dir, "--query", "rel.rq")
    assert labels(data) == {"Huawei", "MTS", "United States", DEAL, VISIT}
    edge_labels = sorted(data["types"][e["t"]]["label"] for e in data["edges"])
    assert edge_labels == ["bans", "contracts with", "signed during"]  # the row's relation only


def test_a_named_query_with_its_parameter(demo_dir: Path) -> None:
    out, data = view(demo_dir, "--query", "deals-of", "--param", "org=Huawei")
    assert labels(data) == {DEAL, "MTS"}  # ?deal and ?partner; the row links them
    assert data["title"] == "Query: deals-of (org=Huawei)"
    assert [data["types"][e["t"]]["label"] for e in data["edges"]] == ["party"]


def test_max_nodes_cuts_and_says_what_it_left_out(demo_dir: Path) -> None:
    out, data = view(demo_dir, "--max-nodes", "5")
    lines = out.splitlines()
    assert lines[0].startswith("wrote out.html (5 nodes, ")
    assert lines[1].startswith("This view draws the 5 most connected of 14 nodes and ")
    assert "Left out: 9 nodes (state 3, " in lines[1] and lines[1].endswith(
        "Raise --max-nodes to draw more."
    )
    assert len(data["nodes"]) == 5 and data["notices"] == [lines[1].rsplit(" Raise", 1)[0]]
    assert data["cut"]["total_nodes"] == 14
    # the most connected (distinct neighbours: 5, 5, 5, 5), then by label among those with 3
    assert labels(data) == {"Huawei", "Russia", DEAL, TRIAL, ALLEGATION}
    _, every = view(demo_dir, "--max-nodes", "0")
    assert len(every["nodes"]) == 14 and every["cut"] is None


def test_the_help_states_the_default_limit() -> None:
    from click.testing import CliRunner

    from dealgraph.cli import cli
    from dealgraph.view import DEFAULT_MAX_NODES

    out = CliRunner().invoke(cli, ["view", "--help"], terminal_width=400).output
    assert f"(default {DEFAULT_MAX_NODES})" in out


def test_max_nodes_keeps_the_focus(demo_dir: Path) -> None:
    out, data = view(demo_dir, "--focus", "Xi Jinping", "--hops", "3", "--max-nodes", "3")
    assert [data["nodes"][i]["label"] for i in data["focus"]] == ["Xi Jinping"]
    assert labels(data) >= {"Xi Jinping", VISIT}  # the focus and its nearest first
    assert "nearest to the focus" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hops", "2"], "Error: --hops is for --focus; give the entity to start from"),
        (["--param", "org=Huawei"], "Error: --param is for --query; give the query it belongs to"),
        (["--focus", "MTS", "--query", "deals-of"], "Error: draw one thing: an answer, --focus"),
        (["--query", "ASK { ?s ?p ?o }"], "Error: an ASK query answers yes or no"),
        (
            ["--query", 'SELECT ?x WHERE { BIND("a" AS ?x) }'],
            "Error: the query's 1 rows hold no IRIs",
        ),
        (["--query", "SELECT ?x WHERE { ?x dg:x }"], "Error: bad SPARQL"),
        (["--max-nodes", "-1"], "Invalid value for '--max-nodes'"),
    ],
)
def test_bad_usage_is_refused_with_exit_code_2(
    demo_dir: Path, args: list[str], message: str
) -> None:
    r = run_cli("view", "-o", "bad.html", *args, cwd=demo_dir)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert message in r.stderr
    assert not (demo_dir / "bad.html").exists()
