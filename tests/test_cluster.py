"""Ingest on Dask: the store a serial run makes, quad for quad; the curated rules on the bulk
path; a real `dask scheduler` with `dask worker` processes; and SIGKILL half-way, then a
re-run that finishes the job."""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from dealgraph import cluster
from dealgraph.errors import DealgraphError, InputError
from dealgraph.extract import extract_sheet
from dealgraph.facts import FactSheet
from dealgraph.pipeline import extracted_sheets, ingest, load_sheets
from dealgraph.rdf import article_quads, to_nquads
from dealgraph.seed import seed_article_path, seed_sheet
from dealgraph.store import EmbeddedStore, MemoryStore, open_store
from dealgraph.validate import validate_store

from .conftest import article_graphs, dealgraph_exe, run_cli
from .dask_cluster import dask_cluster

REPO = Path(__file__).parent.parent
DEVSET = REPO / "tests" / "devset"
BATCH = 40  # small, so that batches cross parts and merging is decided across batches


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"dealgraph_bench_{name}", REPO / "bench" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _sorted_quads(location: Path) -> list[str]:
    with open_store(location, read_only=True) as store:
        assert isinstance(store, EmbeddedStore)
        return sorted(str(q) for q in store.quads())


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The dev set (both languages, JSONL and HTML among them), 160 synthetic articles, the
    seed article (curated in the stores below) and one dev article given twice, far apart."""
    root = tmp_path_factory.mktemp("inputs")
    _bench("corpus").write_corpus(root / "synthetic", 160, seed=7)
    again = root / "zz-again"
    again.mkdir()
    for name in ("en-01-huawei-entity-list.txt", "en-01-huawei-entity-list.meta.yaml"):
        shutil.copy(DEVSET / "dev" / "articles" / name, again / name)
    (root / "seed").mkdir()
    with seed_article_path() as seed:
        for f in (seed, seed.with_name(seed.stem + ".meta.yaml")):
            shutil.copy(f, root / "seed" / f.name)
    return [
        DEVSET / "dev" / "articles",
        root / "seed",
        root / "synthetic",
        DEVSET / "dev2" / "articles",
        again,
    ]


def _seeded(location: Path) -> EmbeddedStore:
    store = open_store(location)
    assert isinstance(store, EmbeddedStore)
    load_sheets(store, [seed_sheet()])
    return store


@pytest.fixture(scope="module")
def serial(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The serial run over the inputs, into a store holding the curated seed."""
    location = tmp_path_factory.mktemp("serial") / "store"
    with _seeded(location) as store:
        report = ingest(store, inputs, batch=BATCH)
    return location, report.lines()


@pytest.mark.slow
def test_workers_make_the_serial_store(
    inputs: list[Path], serial: tuple[Path, list[str]], tmp_path: Path
) -> None:
    lines: list[str] = []
    run = cluster.ClusterRun()
    with _seeded(tmp_path / "store") as store:
        report = cluster.ingest_on_cluster(
            store, inputs, workers=2, batch=BATCH, status=lines.append, run=run
        )
        seed_graph = article_graphs(store.graphs())
        curated = store.ask(
            "ASK { GRAPH <https://w3id.org/dealgraph/id/article/957069b94ee8dd14> "
            '{ ?a dg:origin "curated" } GRAPH ?e { ?e dg:origin "curated" } '
            "FILTER (?e = <https://w3id.org/dealgraph/id/entity/huawei>) }"
        )
        valid = validate_store(store)
    assert _sorted_quads(tmp_path / "store") == _sorted_quads(serial[0])
    assert report.lines() == serial[1]
    assert curated  # the curated seed article and entity description were not replaced
    assert any(f.endswith("957069b94ee8dd14.txt") for f in report.load.kept_curated)  # type: ignore[union-attr]
    assert valid.conforms, valid.text()
    assert run.workers == 2 and run.parts >= 8 and run.loads >= 2
    assert lines[0].startswith("extracting ") and "2 worker(s)" in lines[0]
    assert len(seed_graph) == len(report.sheets) - 1  # one article was given twice
    assert not (tmp_path / "store" / cluster.SHARDS_DIR).exists()


@pytest.mark.slow
def test_a_batch_longer_than_the_extraction_window(inputs: list[Path], tmp_path: Path) -> None:
    """One batch spans more parts than the driver extracts ahead (the default batch of 500 on
    a corpus in 8 or more parts): nothing is written until the whole batch is planned, so the
    window must count parts ahead of planning, not of writing, or the run stalls."""
    synthetic = inputs[2]
    with open_store(tmp_path / "serial") as store:
        ingest(store, [synthetic])
    run = cluster.ClusterRun()
    with open_store(tmp_path / "workers") as store:
        cluster.ingest_on_cluster(store, [synthetic], workers=2, run=run)
    assert run.parts > 3 * 2  # more parts than the window, all in one batch
    assert _sorted_quads(tmp_path / "workers") == _sorted_quads(tmp_path / "serial")


@pytest.fixture(scope="module")
def dask_scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with dask_cluster(tmp_path_factory.mktemp("dask"), workers=2) as address:
        yield address


@pytest.mark.slow
@pytest.mark.server
def test_ingest_on_a_running_dask_cluster(
    inputs: list[Path], serial: tuple[Path, list[str]], dask_scheduler: str, tmp_path: Path
) -> None:
    _seeded(tmp_path / "store").close()
    shards = tmp_path / "shards"
    args = [str(p) for p in inputs]
    r = run_cli(
        "ingest", *args, "--store", "store", "--scheduler", dask_scheduler,
        "--batch", str(BATCH), "--shard-dir", str(shards), cwd=tmp_path,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert f"on the Dask cluster at {dask_scheduler}, 2 worker(s)" in r.stderr
    assert "bulk load(s)" in r.stderr
    assert r.stdout.splitlines()[: len(serial[1])] == serial[1]
    assert _sorted_quads(tmp_path / "store") == _sorted_quads(serial[0])
    assert list(shards.iterdir()) == []  # the run's shard folder is gone


@pytest.mark.parametrize(
    ("scheduler", "code", "message"),
    [
        ("localhost", 2, "--scheduler localhost: not a scheduler address; write tcp://HOST:PORT"),
        ("tcp://127.0.0.1:1", 1, "cannot reach the Dask scheduler at tcp://127.0.0.1:1: Connection refused; start one with `dask scheduler`"),
    ],
)  # fmt: skip
def test_a_scheduler_that_is_not_there(
    tmp_path: Path, scheduler: str, code: int, message: str
) -> None:
    (tmp_path / "a.txt").write_text("Huawei en MTS\n\nHuawei sloot een deal met MTS.\n")
    r = run_cli("ingest", "a.txt", "--store", "s", "--scheduler", scheduler, cwd=tmp_path)
    assert r.returncode == code
    assert r.stderr.splitlines()[-1].startswith(f"Error: {message}")
    assert not (tmp_path / "s" / cluster.SHARDS_DIR).exists()


def test_shard_dir_needs_workers(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Huawei sloot een deal met MTS.\n")
    r = run_cli("ingest", "a.txt", "--store", "s", "--shard-dir", "x", cwd=tmp_path)
    assert r.returncode == 2
    assert (
        "Error: --shard-dir is where Dask workers write; give --workers or --scheduler too"
        in r.stderr
    )


def test_both_workers_and_scheduler(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Huawei sloot een deal met MTS.\n")
    r = run_cli("ingest", "a.txt", "--workers", "2", "--scheduler", "tcp://h:1", cwd=tmp_path)
    assert r.returncode == 2 and "Error: give either --workers N or --scheduler ADDR" in r.stderr


def test_without_dask_the_error_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def no_distributed(name: str, package: str | None = None) -> ModuleType:
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_distributed)
    with pytest.raises(DealgraphError, match=r"pip install 'dask\[distributed\]>=2024.1'"):
        cluster.ingest_on_cluster(MemoryStore(), [], workers=1)


# ------------------------------------------------------------------------------------------------
# The parts that run on workers, run here
# ------------------------------------------------------------------------------------------------


def _sheets(inputs: list[Path], n: int) -> list[FactSheet]:
    return [s for s in extracted_sheets(inputs[2:3]) if isinstance(s, FactSheet)][:n]


def test_shards_hold_whole_articles_and_are_named_by_content(
    inputs: list[Path], tmp_path: Path
) -> None:
    sheets = _sheets(inputs, 12)
    texts = [to_nquads(article_quads(s)) for s in sheets]
    limit = max(len(t.splitlines()) for t in texts) * 3
    plan = {i: {} for i in range(0, 12, 2)}  # every other sheet
    plan[4] = {0: "renamed-key"}  # settling changed the key of the first fact of the fifth
    shards = cluster.write_shards(sheets, 3, plan, str(tmp_path), max_quads=limit)
    assert len(shards) >= 2 and all(s.quads <= limit for s in shards)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(s.path).name for s in shards)
    written = ""
    for s in shards:
        body = Path(s.path).read_text()
        assert Path(s.path).name.startswith("part-000003-")
        assert cluster.hashlib.sha256(body.encode()).hexdigest()[:16] in s.path
        assert s.quads == body.count("\n")
        written += body
    want = [texts[i] for i in (0, 2, 6, 8, 10)]
    assert all(t in written for t in want)  # each article's graph whole, in order
    assert texts[4] not in written and "/renamed-key>" in written
    assert set().union(*(s.graphs for s in shards)) == {
        f"https://w3id.org/dealgraph/id/article/{sheets[i].article.id}" for i in plan
    }


def test_a_worker_that_cannot_see_the_input_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="every worker must see the input files at the same path"):
        cluster.extract_part([str(tmp_path / "gone.txt")])


def test_stubs_leave_out_text_and_evidence() -> None:
    sheet = seed_sheet()
    s = cluster.stub(sheet)
    assert s.article.text == "" and all(f.evidence == () for f in s.facts)
    assert [(f.id, f.roles, f.dates, f.key) for f in s.facts] == [
        (f.id, f.roles, f.dates, f.key) for f in sheet.facts
    ]
    assert s.entities == sheet.entities and s.article.id == sheet.article.id


@pytest.mark.parametrize(
    ("sizes", "parts"), [([100] * 30, 8), ([100] * 3, 3), ([5000] + [100] * 20, 4)]
)
def test_parts_are_consecutive_runs_of_files(tmp_path: Path, sizes: list[int], parts: int) -> None:
    files = []
    for i, n in enumerate(sizes):
        files.append(tmp_path / f"{i:02d}.txt")
        files[-1].write_text("x" * n)
    got = cluster.partition(files, workers=2)
    assert [x for p in got for x in p] == [str(f) for f in files]
    assert len(got) == parts  # parts of about an eighth of the bytes; a big file alone
    assert got[0] == [str(files[0])] if sizes[0] == 5000 else True


def test_the_shadow_reads_planned_graphs_from_the_plan(tmp_path: Path) -> None:
    """Settling asks the shadow for dates: a graph the run has planned answers from the plan,
    even after the store holds it (or held another version of it)."""
    from dealgraph.articles import Article
    from dealgraph.merge import settle_keys
    from dealgraph.schema import load_schema

    old = extract_sheet(
        Article("a", "De VS zetten Huawei op 16 mei 2019 op een zwarte lijst.", "nl")
    )
    new = extract_sheet(Article("a", "De VS zetten Huawei in mei 2019 op een zwarte lijst.", "nl"))
    other = extract_sheet(
        Article("b", "De VS zetten Huawei in mei 2019 op een zwarte lijst.", "nl")
    )
    iri = next(iter(cluster.fact_iri(f.type, f.key or "") for f in old.facts))
    with open_store(tmp_path / "s") as store:
        load_sheets(store, [old])
        shadow = cluster.Shadow(store)
        assert [d.split()[0] for _, d in shadow.dates([iri])[iri]] == ["2019-05-16"]
        shadow.loaded([new], load_schema())  # the run replaces article a: May, not 16 May
        assert [d.split()[0] for _, d in shadow.dates([iri])[iri]] == ["2019-05-01"]
        # b agrees with the planned a, so it joins the node; against the store it would not
        assert settle_keys([other], dates=shadow.dates)[0].facts[0].key == other.facts[0].key
        assert settle_keys([other], store)[0].facts[0].key != other.facts[0].key


# ------------------------------------------------------------------------------------------------
# SIGKILL half-way
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """300 synthetic articles and the sorted quads of a clean serial run over them."""
    root = tmp_path_factory.mktemp("crash")
    _bench("corpus").write_corpus(root / "corpus", 300, seed=11)
    with open_store(root / "clean") as store:
        ingest(store, [root / "corpus"], batch=20)
    return root / "corpus", _sorted_quads(root / "clean")


def _generation(location: Path) -> int:
    try:
        return int((location / "dealgraph-generation").read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("mode", [[], ["--workers", "2"]], ids=["serial", "workers"])
def test_sigkill_half_way_then_run_again(
    crash_corpus: tuple[Path, list[str]], tmp_path: Path, mode: list[str]
) -> None:
    corpus, clean = crash_corpus
    store = tmp_path / "store"
    args = [dealgraph_exe(), "ingest", str(corpus), "--store", str(store), "--batch", "20", *mode]
    env = {k: v for k, v in os.environ.items() if k != "DEALGRAPH_STORE"}
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    try:
        # Every write bumps the generation before and after it: 4 means that two writes are
        # done (the serial run's first two batches; the workers' first entity descriptions and
        # first bulk load), and the next one may be under way.
        deadline = time.monotonic() + 120
        while _generation(store) < 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    # the Dask workers notice their parent is gone and leave
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _group_alive(proc.pid):
        time.sleep(0.2)
    assert not _group_alive(proc.pid), "processes of the killed ingest are still running"

    with open_store(store) as s:  # it opens
        graphs = len(article_graphs(s.graphs()))
    assert 0 < graphs < 300, graphs  # half-way
    r = run_cli("validate", "--store", str(store), cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("valid: "), r.stdout + r.stderr

    r = run_cli(*args[1:], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert _sorted_quads(store) == clean
    assert not (store / cluster.SHARDS_DIR).exists()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
