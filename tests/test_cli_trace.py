"""trace, neighbors, timeline, rank and export as a user runs them: the installed console
script in a subprocess, on the seed store `dealgraph demo` writes. Text answers are golden
files (regenerate on purpose with DEALGRAPH_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import run_cli

GOLDEN = Path(__file__).parent / "golden" / "cli"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo")
    r = run_cli("demo", cwd=d)
    assert r.returncode == 0, r.stderr
    return d


def test_the_first_answer_builds_the_projection_and_the_next_process_reuses_it(
    demo_dir: Path,
) -> None:
    first = run_cli("rank", "--limit", "1", cwd=demo_dir)
    second = run_cli("rank", "--limit", "1", cwd=demo_dir)
    assert first.returncode == second.returncode == 0
    assert first.stderr == (
        "building the graph projection of dealgraph-data (cached until the store changes) ...\n"
    )
    assert second.stderr == "" and second.stdout == first.stdout


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("trace-huawei-united-states", ["trace", "Huawei", "United States"]),
        ("trace-mts-us", ["trace", "MTS", "US"]),
        ("trace-mts-xi-jinping-all", ["trace", "mts", "Xi Jinping", "--all", "--max-hops", "4"]),
        ("trace-huawei-us-directed", ["trace", "Q30", "huawei", "--directed"]),
        ("neighbors-mts-2", ["neighbors", "MTS", "--hops", "2"]),
        ("timeline-huawei", ["timeline", "Huawei"]),
        ("timeline-huawei-2019", ["timeline", "Huawei", "--since", "2019", "--until", "2019"]),
        ("rank-pagerank", ["rank", "--by", "pagerank"]),
        ("rank-company", ["rank", "--type", "Company"]),
    ],
)
def test_answers_match_the_golden_files(demo_dir: Path, name: str, args: list[str]) -> None:
    r = run_cli(*args, cwd=demo_dir)
    assert r.returncode == 0, r.stderr
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("DEALGRAPH_UPDATE_GOLDEN") == "1":  # regenerate on purpose only
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == golden.read_text(encoding="utf-8")


def test_json_on_stdout_and_the_view_beside_it(demo_dir: Path) -> None:
    r = run_cli(
        "trace", "MTS", "United States", "--format", "json", "--html", "t.html", cwd=demo_dir
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [n["label"] for n in data["paths"][0]["nodes"]] == ["MTS", "Huawei", "United States"]
    assert r.stderr.strip() == "wrote t.html (3 nodes, 4 edges)"
    page = (demo_dir / "t.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "Huawei ←bans— United States" not in page
    assert "MTS → United States: 1 shortest path" in page  # the title


@pytest.mark.parametrize("command", ["neighbors", "timeline"])
def test_every_tracing_command_writes_json_and_html(demo_dir: Path, command: str) -> None:
    r = run_cli(command, "Huawei", "-f", "json", "--html", f"{command}.html", cwd=demo_dir)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)
    assert (demo_dir / f"{command}.html").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["trace", "Huawey", "US"],
            "Error: no entity named 'Huawey' in the store; did you mean 'Huawei'?",
        ),
        (
            ["timeline", "Hauwei"],
            "Error: no entity named 'Hauwei' in the store; did you mean 'Huawei'?",
        ),
        (
            ["trace", "Huawei", "US", "--since", "2019-13"],
            "Error: --since '2019-13': there is no such day",
        ),
        (
            ["trace", "Huawei", "US", "--via", "Dael"],
            "Error: --via 'Dael': no fact type or relation of that name; did you mean 'Deal'?",
        ),
        (
            ["trace", "Huawei", "US", "--directed", "--undirected"],
            "Error: give --directed or --undirected, not both",
        ),
        (
            ["trace", "Huawei", "huawei"],
            "Error: the two entities are the same; give two different ones",
        ),
        (["neighbors", "MTS", "--hops", "0"], "Error: Invalid value for '--hops'"),
        (
            ["rank", "--type", "Compagny"],
            "Error: --type 'Compagny': no entity class of that name; did you mean 'Company'?",
        ),
        (
            ["rank", "--since", "2020", "--until", "2019"],
            "Error: --since 2020 is after --until 2019",
        ),
        (
            ["export", "-o", "graph.xml"],
            "Error: graph.xml: cannot tell the format from the name; give --format",
        ),
        (
            ["export", "-o", "dealgraph-view.html/x.ttl"],
            "Error: cannot write dealgraph-view.html/x.ttl",
        ),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    demo_dir: Path, args: list[str], message: str
) -> None:
    r = run_cli(*args, cwd=demo_dir)
    assert r.returncode == 2, r.stdout
    assert r.stderr.splitlines()[-1].startswith(message), r.stderr
    assert "Traceback" not in r.stderr


def test_no_store_no_answer(tmp_path: Path) -> None:
    r = run_cli("timeline", "Huawei", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("Error: no store at dealgraph-data;")
    assert not (tmp_path / "dealgraph-data").exists()


@pytest.mark.parametrize(
    ("args", "files", "summary"),
    [
        (["-o", "g.ttl"], ["g.ttl"], "(turtle: 534 triples,"),
        (["-o", "g.trig"], ["g.trig"], "(trig: 534 quads in 11 graphs,"),
        (["-o", "g.nq"], ["g.nq"], "(nquads: 534 quads in 11 graphs,"),
        (["-o", "g.jsonld"], ["g.jsonld"], "(jsonld: 534 quads in 11 graphs,"),
        (["--format", "graphml", "-o", "g.xml"], ["g.xml"], "(graphml: 17 nodes, 31 edges,"),
        (["-o", "g.gexf", "--no-facts"], ["g.gexf"], "(gexf: 12 nodes, 9 edges,"),
        (["-o", "out/g.csv"], ["out/g-nodes.csv", "out/g-edges.csv"], "(csv: 17 nodes, 31 edges,"),
    ],
)
def test_export_each_format(
    demo_dir: Path, args: list[str], files: list[str], summary: str
) -> None:
    r = run_cli("export", *args, cwd=demo_dir)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"wrote {' and '.join(files)} {summary}")
    for f in files:
        assert (demo_dir / f).stat().st_size > 1000
