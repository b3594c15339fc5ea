"""The installed `dealgraph` console script, run in a subprocess as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import run_cli
from .test_facts import GOOD


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A directory where `dealgraph demo` has run (the seed is found from any directory)."""
    r = run_cli("demo", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path


def test_demo_loads_the_seed_and_writes_the_view(demo_dir: Path) -> None:
    r = run_cli("demo", cwd=demo_dir)  # again: nothing is added twice
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Loaded the seed into dealgraph-data" in out
    assert (
        "  extracted 7 facts from the seed article; its curated sheet wins and is what the "
        "store holds" in out
    )
    assert "articles:  1" in out and "entities:  10" in out and "facts:     7 (" in out
    assert "triples:   534 quads in 11 graphs (1 article, 10 entity)" in out
    html = demo_dir / "dealgraph-view.html"
    assert f"HTML view: {html}" in out and html.read_text().startswith("<!DOCTYPE html>")
    assert (demo_dir / "dealgraph-data").is_dir()


def test_the_readme_example(demo_dir: Path) -> None:
    r = run_cli(
        "query", "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b }", "--format", "csv", cwd=demo_dir
    )
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.splitlines()[1:]) == [
        "https://w3id.org/dealgraph/id/entity/huawei,https://w3id.org/dealgraph/id/entity/mts",
        "https://w3id.org/dealgraph/id/entity/mts,https://w3id.org/dealgraph/id/entity/huawei",
    ]


def test_named_query_with_param_as_json(demo_dir: Path) -> None:
    r = run_cli("query", "deals-of", "--param", "org=Huawei", "--format", "json", cwd=demo_dir)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["results"]["bindings"]
    assert [row["partnerLabel"]["value"] for row in rows] == ["MTS"]


def test_store_from_environment(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    r = run_cli(
        "query",
        "ASK { ?a dg:bans ?b }",
        cwd=elsewhere,
        env={"DEALGRAPH_STORE": str(demo_dir / "dealgraph-data")},
    )
    assert (r.returncode, r.stdout.strip()) == (0, "yes")


def test_view_command(demo_dir: Path) -> None:
    r = run_cli("view", "-o", "graph.html", cwd=demo_dir)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("wrote graph.html (14 nodes, 22 edges,")


def test_validate_store_and_sheet(demo_dir: Path) -> None:
    r = run_cli("validate", cwd=demo_dir)
    assert (r.returncode, r.stdout.split(":")[0]) == (0, "valid")
    (demo_dir / "good.yaml").write_text(GOOD)
    r = run_cli("validate", "good.yaml", cwd=demo_dir)
    assert r.returncode == 0 and r.stdout.startswith("good.yaml: valid:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "SELECT ?a WHERE { ?a dg:x }"), "Error: bad SPARQL: error at 1:"),
        (
            ("query", "deals-of", "--param", "org=Huawey"),
            "Error: no entity named 'Huawey' in the store; did you mean 'Huawei'?",
        ),
        (("query", "deals-of", "--param", "org"), "Error: --param 'org': write NAME=VALUE"),
        (("query", "deals-of", "--format", "xml"), "Error: Invalid value for '-f' / '--format'"),
        (("nonsense",), "Error: No such command 'nonsense'."),
    ],
)
def test_bad_usage_exits_2_with_one_clear_error(
    demo_dir: Path, args: tuple[str, ...], message: str
) -> None:
    r = run_cli(*args, cwd=demo_dir)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_query_without_a_store(tmp_path: Path) -> None:
    r = run_cli("query", "ASK {}", cwd=tmp_path)
    assert r.returncode == 2
    assert (
        r.stderr.strip()
        == "Error: no store at dealgraph-data; run `dealgraph demo` or `dealgraph load` first, or give --store"
    )
    assert not (tmp_path / "dealgraph-data").exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace("  title: Acme and Globex", "  title: [Acme"),
            "bad.yaml:7: malformed YAML",
        ),
        (
            lambda t: t.replace("party: [acme, globex]", "party: [acme, globx]"),
            "bad.yaml:15: facts[0].roles.party[1]: unknown entity id 'globx'",
        ),
        (
            lambda t: t.replace(
                "- quote: Acme signed a deal with Globex.", "- quote: Acme signed a pact."
            ),
            "bad.yaml:19: facts[0].evidence[0].quote: the quote is not in the article text",
        ),
    ],
)
def test_a_broken_sheet_leaves_the_store_unchanged(demo_dir: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    store = demo_dir / "dealgraph-data"
    before = run_cli(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "-f",
        "csv",
        cwd=demo_dir,
    ).stdout
    (demo_dir / "good.yaml").write_text(GOOD)
    (demo_dir / "bad.yaml").write_text(edit(GOOD))
    r = run_cli("load", "good.yaml", "bad.yaml", cwd=demo_dir)
    assert r.returncode == 2
    assert r.stderr.startswith(f"Error: {message}")
    after = run_cli(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "-f",
        "csv",
        cwd=demo_dir,
    ).stdout
    assert after == before and store.is_dir()
    r = run_cli("load", "good.yaml", "bad.yaml", "--keep-going", cwd=demo_dir)
    assert r.returncode == 2 and "loaded good.yaml" in r.stdout


def test_load_twice_adds_nothing(demo_dir: Path) -> None:
    (demo_dir / "sheets").mkdir()
    (demo_dir / "sheets" / "a.yaml").write_text(GOOD)
    first = run_cli("load", "sheets", cwd=demo_dir)
    second = run_cli("load", "sheets", cwd=demo_dir)
    assert first.returncode == second.returncode == 0
    assert first.stdout.splitlines()[-1] == second.stdout.splitlines()[-1]


def test_locked_store_exits_2(demo_dir: Path) -> None:
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
            str(demo_dir / "dealgraph-data"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        (demo_dir / "good.yaml").write_text(GOOD)
        r = run_cli("load", "good.yaml", cwd=demo_dir)
        assert r.returncode == 2
        assert "is in use by another process" in r.stderr
    finally:
        holder.communicate("")


def test_demo_works_from_an_installed_copy_anywhere(tmp_path: Path) -> None:
    # the seed and the ontology ship inside the package: no checkout needed
    assert shutil.which("dealgraph") or True
    r = run_cli(
        "demo", "--store", str(tmp_path / "s"), "-o", str(tmp_path / "v.html"), cwd=Path("/")
    )
    assert r.returncode == 0, r.stderr
