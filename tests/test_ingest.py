"""Ingest and extract: real files in, store or sheets out; bad files skipped; nothing twice."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from dealgraph.articles import Article
from dealgraph.dates import DateSpec
from dealgraph.extract import extract_sheet
from dealgraph.merge import settle_keys
from dealgraph.pipeline import extract_to_dir, ingest
from dealgraph.rdf import fact_iris
from dealgraph.store import EmbeddedStore, open_store

from .conftest import run_cli

NL = (
    "Huawei sloot een deal met de Russische telecomprovider MTS. De overeenkomst werd "
    "woensdag ondertekend in Moskou.\n\nDe Verenigde Staten zetten Huawei eerder op een "
    "zwarte lijst."
)
EN = (
    "The United States put Huawei on a trade blacklist on Thursday, barring American firms "
    "from selling it parts.\n\nThe Chinese company said the ban would hurt American customers."
)


def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nl-1.txt").write_text(f"Huawei en MTS\n\n{NL}\n")
    (folder / "nl-1.meta.yaml").write_text(
        "id: nl-1\nlanguage: nl\ntitle: Huawei en MTS\npublished: '2019-06-07'\n"
    )
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "en-1", "text": EN, "language": "en", "published": "2019-05-20"})
        + "\n{broken\n"
    )
    return folder


def _sorted_quads(store: EmbeddedStore) -> list[str]:
    return sorted(str(q) for q in store.quads())


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    with open_store(tmp_path / "store") as store:
        assert isinstance(store, EmbeddedStore)
        first = ingest(store, [folder])
        quads = _sorted_quads(store)
        second = ingest(store, [folder])
        assert _sorted_quads(store) == quads
    assert len(first.sheets) == len(second.sheets) == 2
    assert [str(s) for s in first.skipped] == [
        f"{folder / 'batch.jsonl'}:2: bad JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
    assert first.exit_code == 2
    assert first.facts_by_type["Deal"] == 1 and first.facts_by_type["Ban"] == 2


def test_a_large_ingest_compacts_the_store_and_a_small_one_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _inputs(tmp_path / "in")
    with open_store(tmp_path / "store") as store:
        assert ingest(store, [folder]).optimized is None  # far below 100,000 quads
        monkeypatch.setattr("dealgraph.store.COMPACT_AFTER_QUADS", 10)
        quads = _sorted_quads(store)
        store.remove_graphs(store.graphs())
        report = ingest(store, [folder])
        assert report.optimized is not None and report.optimized >= 0
        assert _sorted_quads(store) == quads


def test_one_ban_in_two_articles_is_one_node_with_two_sources(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    with open_store(tmp_path / "store") as store:
        ingest(store, [folder])
        rows = store.query(
            "SELECT ?f (COUNT(DISTINCT ?a) AS ?n) WHERE { ?f a dg:Ban ; prov:wasDerivedFrom ?a } GROUP BY ?f"
        ).dicts()
    assert [int(r["n"].value) for r in rows] == [2]


def test_another_date_for_the_same_event_keeps_a_node_of_its_own() -> None:
    day = Article(
        id="a",
        text="De VS zetten Huawei op 16 mei op een zwarte lijst.",
        language="nl",
        published=DateSpec.parse("2019-05-20"),
    )
    month = replace(day, id="b", text="De VS zetten Huawei in mei op een zwarte lijst.")
    undated = replace(day, id="c", text="De VS zetten Huawei op een zwarte lijst.")
    sheets = [extract_sheet(a) for a in (day, month, undated)]
    assert len({s.facts[0].key for s in sheets}) == 1  # same type, roles and year
    settled = settle_keys(sheets)
    iris = [fact_iris(s)[s.facts[0].id] for s in settled]
    assert iris[0] != iris[1]  # 16 May and May: two dates, two nodes for review
    assert iris[2] == iris[0]  # the undated report joins the first dated one


@pytest.mark.parametrize("batch", [1, 10], ids=["across batches", "in one batch"])
def test_the_same_first_day_at_another_precision_is_another_node(
    tmp_path: Path, batch: int
) -> None:
    """ "1 mei" and "mei" start on the same day, but one node would state two precisions (the
    shapes allow one): the second report keeps a node of its own, and the store validates."""
    from dealgraph.validate import validate_store

    texts = {
        "a": "De VS zetten Huawei op 1 mei 2019 op een zwarte lijst.",
        "b": "De VS zetten Huawei in mei 2019 op een zwarte lijst.",
        "c": "De VS zetten Huawei in mei 2019 op een zwarte lijst, meldde Reuters.",
    }
    (tmp_path / "in.jsonl").write_text(
        "".join(
            json.dumps({"id": k, "text": t, "language": "nl", "published": "2019-05-20"}) + "\n"
            for k, t in texts.items()
        )
    )
    with open_store(tmp_path / "store") as store:
        ingest(store, [tmp_path / "in.jsonl"], batch=batch)
        rows = store.query(
            "SELECT ?f (COUNT(DISTINCT ?a) AS ?n) (SAMPLE(?p) AS ?unit) WHERE { ?f a dg:Ban ; "
            "prov:wasDerivedFrom ?a ; dg:datePrecision ?p } GROUP BY ?f ORDER BY ?n"
        ).dicts()
        report = validate_store(store)
    assert [(int(r["n"].value), r["unit"].value.rsplit("#", 1)[-1]) for r in rows] == [
        (1, "unitDay"),
        (2, "unitMonth"),
    ]
    assert report.conforms, report.text()


def test_the_store_validates_after_ingest(tmp_path: Path) -> None:
    from dealgraph.validate import validate_store

    folder = _inputs(tmp_path / "in")
    with open_store(tmp_path / "store") as store:
        ingest(store, [folder])
        report = validate_store(store)
    assert report.conforms, report.text()


def test_cli_ingest_summary_and_exit_codes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Huawei en MTS\n\n{NL}\n")
    r = run_cli("ingest", "in", "--store", "s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[:2] == ["articles read: 1", "facts:         2 (1 Ban, 1 Deal)"]
    assert "skipped:       0" in r.stdout and "articles" in r.stderr  # the progress bar
    (folder / "empty.html").write_bytes(b"")
    (folder / "cut.txt.gz").write_bytes(gzip.compress(NL.encode())[:-9])
    r = run_cli("ingest", "in", "--store", "s", cwd=tmp_path)
    assert r.returncode == 2
    assert "skipped:       2" in r.stdout
    assert "in/empty.html: empty file" in r.stdout
    assert "in/cut.txt.gz: truncated: the gzip stream ends before its end marker" in r.stdout
    again = run_cli(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "-f",
        "csv",
        "--store",
        "s",
        cwd=tmp_path,
    )
    assert again.stdout.splitlines()[1] == r.stdout.splitlines()[-1].split()[1]  # store: N quads


def test_cli_ingest_max_size(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Huawei " * 300_000)  # 2.1 MB
    r = run_cli("ingest", "big.txt", "--store", "s", "--max-size", "1", cwd=tmp_path)
    assert r.returncode == 2 and "big.txt: too large: 2.0 MB (the limit is 1.0 MB" in r.stdout


def test_extract_writes_sheets_for_review_and_curated_wins(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    report = extract_to_dir([folder], tmp_path / "sheets")
    assert sorted(p.name for p in report.written) == ["en-1.facts.yaml", "nl-1.facts.yaml"]
    sheet = (tmp_path / "sheets" / "nl-1.facts.yaml").read_text()
    assert "origin: extracted" in sheet and "rule: trigger:Deal:" in sheet
    r = run_cli("load", "sheets", "--store", "s", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    # a reviewer drops the ban and marks the sheet curated: it wins over a new extraction
    curated = sheet.replace("origin: extracted", "origin: curated")
    cut = curated.index("- id: ban-")
    (tmp_path / "sheets" / "nl-1.facts.yaml").write_text(curated[:cut].rstrip() + "\n")
    assert run_cli("load", "sheets/nl-1.facts.yaml", "--store", "s", cwd=tmp_path).returncode == 0
    r = run_cli("ingest", "in", "--store", "s", cwd=tmp_path)
    assert "kept the curated sheet of" in r.stdout
    ask = run_cli(
        "query",
        "ASK { GRAPH <https://w3id.org/dealgraph/id/article/nl-1> { ?b a dg:Ban } }",
        "--store",
        "s",
        cwd=tmp_path,
    )
    assert ask.stdout.strip() == "no"


def test_cli_extract(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    r = run_cli("extract", "in", "-o", "out", cwd=tmp_path)
    assert r.returncode == 2  # the broken JSONL line
    assert r.stdout.splitlines()[-1] == "wrote 2 fact sheet(s) to out"
    assert run_cli("validate", "out", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("name", ["notes.pdf", "data.csv"])
def test_files_of_other_kinds_in_a_folder_are_not_read(tmp_path: Path, name: str) -> None:
    folder = _inputs(tmp_path / "in")
    (folder / name).write_text("x")
    report = extract_to_dir([folder], tmp_path / "out")
    assert all(name not in s.source for s in report.skipped)


def test_the_same_text_in_two_files_is_loaded_once_and_said_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):  # a syndicated story saved twice: one article id
        (folder / name).write_text(f"Huawei and BT\n\n{EN}\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run_cli("ingest", str(folder), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    said = f"{folder / 'b.txt'}: the same article as {folder / 'a.txt'}, loaded once"
    assert said in result.stdout
    assert "curated" not in result.stdout  # nothing here is curated
    with open_store(store, read_only=True) as st:
        sources = st.query("SELECT DISTINCT ?a WHERE { ?f prov:wasDerivedFrom ?a }").rows
    assert len(sources) == 1
