"""Ingest on a Dask cluster: ``dealgraph ingest --workers N`` or ``--scheduler ADDR``.

Extraction is the costly part of ingest and every article is extracted on its own, so it fans
out to Dask workers (a :class:`distributed.LocalCluster` of processes on this machine, or any
running Dask cluster). What must be global stays on the driver, and the result is the serial
run's (:func:`dealgraph.pipeline.ingest`), quad for quad:

1. **extract** (workers): each *part* of the input (a run of consecutive files) is read and
   extracted; the worker keeps the fact sheets and sends the driver a *stub* of each: the
   sheet without its article text and evidence (ids, entities, roles, dates, merge keys).
2. **plan** (driver, cheap): the stubs are taken in input order, in the serial run's batches,
   through the serial run's own decisions: :func:`dealgraph.merge.settle_keys` (against the
   dates the store would hold at that batch, kept in a :class:`Shadow` of the store) and
   :func:`dealgraph.pipeline.plan_load` (a curated article or entity description in the store
   wins). The plan says which sheets are written and which merge keys change.
3. **write** (workers): each part's planned sheets become N-Quads shards, one article graph
   after another, written to a temporary name and renamed to ``part-<part>-<n>-<sha256>.nq``.
4. **load** (driver): the entity descriptions planned so far are replaced in one transaction
   (they are small; a curated one is never replaced), then the shards are bulk-loaded in part
   order (:meth:`dealgraph.store.GraphStore.load_nquads`, which replaces every graph it names).

Parts go through the four stages as soon as they can, so loading overlaps extraction.

**Crash safety.** Killed at any moment, the store holds whole graphs only: entity graphs are
replaced in one transaction; ``load_nquads`` drops each replaced article graph in a transaction
of its own and bulk-loads each shard in one atomic RocksDB ingestion (a shard holds at most
:data:`SHARD_MAX_QUADS` quads, well under the bulk loader's batch of a million), so an article
graph is there whole or not at all, and the store passes ``dealgraph validate``. Running the
same ingest again redoes the job: every graph it names is replaced, never added to, so nothing
is duplicated and the store ends as a clean run's. Shards of a killed run are deleted by the
next ingest into the same store.

>>> from dealgraph.seed import seed_sheet
>>> s = stub(seed_sheet())
>>> (s.article.text, s.facts[0].evidence, s.facts[0].roles == seed_sheet().facts[0].roles)
('', (), True)
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import os
import re
import shutil
import socket
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .articles import DEFAULT_MAX_BYTES, Skipped, article_files
from .errors import DealgraphError, InputError, StoreError
from .facts import Entity, FactSheet
from .merge import date_token, settle_keys, stored_dates
from .namespaces import article_iri, fact_iri
from .pipeline import (
    ExtractReport,
    LoadResult,
    Progress,
    _curated_articles,
    _curated_entities,
    extracted_sheets,
    plan_load,
)
from .rdf import article_quads, entity_quads, to_nquads
from .schema import Schema, load_schema
from .store import EmbeddedStore, GraphStore

#: A ``distributed.Client`` (Dask distributed has no complete type hints).
DaskClient = Any

#: The most quads one shard holds. Oxigraph's bulk loader ingests up to a million quads in one
#: atomic step, so a shard of at most this many is loaded whole or not at all.
SHARD_MAX_QUADS = 200_000
#: About how many bytes of input one part (one extraction task) reads.
PART_BYTES = 2 * 1024 * 1024
#: At most this many files in one part.
PART_FILES = 200
#: The folder inside an embedded store where workers write shards.
SHARDS_DIR = "ingest-shards"
INSTALL_HINT = "pip install 'dask[distributed]>=2024.1'"

Status = Callable[[str], None]
Item = FactSheet | Skipped


# ------------------------------------------------------------------------------------------------
# What runs on the workers
# ------------------------------------------------------------------------------------------------


def stub(sheet: FactSheet) -> FactSheet:
    """What planning needs of a sheet: everything but the article text and the evidence."""
    return replace(
        sheet,
        article=replace(sheet.article, text=""),
        facts=tuple(replace(f, evidence=()) for f in sheet.facts),
    )


def extract_part(files: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Item]:
    """Read and extract a run of files (on a worker): each article's sheet, or why it was
    skipped, in input order."""
    for name in files:
        if not os.path.exists(name):
            raise InputError(
                f"{name}: not found on the Dask worker on {socket.gethostname()}; every worker "
                "must see the input files at the same path (a shared filesystem)"
            )
    return list(extracted_sheets(files, max_bytes))


def stubs_of(items: Sequence[Item]) -> list[Item]:
    """The part's items as the driver needs them (:func:`stub` of each sheet)."""
    return [stub(i) if isinstance(i, FactSheet) else i for i in items]


@dataclass(frozen=True)
class Shard:
    """One N-Quads file a worker wrote: its path, its part, and what it holds."""

    path: str
    part: int
    quads: int
    graphs: frozenset[str]


class _ShardWriter:
    """Writes one shard under a temporary name, hashing it; :meth:`close` renames it to its
    final name, which says its part and its content."""

    def __init__(self, directory: Path, part: int, seq: int) -> None:
        self.directory = directory
        self.part = part
        self.seq = seq
        self.tmp = directory / f".part-{part:06d}-{seq}.{uuid.uuid4().hex}.tmp"
        self.fh: IO[bytes] = open(self.tmp, "wb")  # noqa: SIM115 - closed in close()
        self.sha = hashlib.sha256()
        self.quads = 0
        self.graphs: set[str] = set()

    def write(self, text: str, graph: str) -> None:
        data = text.encode("utf-8")
        self.fh.write(data)
        self.sha.update(data)
        self.quads += text.count("\n")
        self.graphs.add(graph)

    def close(self) -> Shard:
        self.fh.close()
        final = self.directory / f"part-{self.part:06d}-{self.seq}-{self.sha.hexdigest()[:16]}.nq"
        os.replace(self.tmp, final)
        return Shard(str(final), self.part, self.quads, frozenset(self.graphs))


def write_shards(
    items: Sequence[Item],
    part: int,
    plan: dict[int, dict[int, str]],
    directory: str,
    max_quads: int = SHARD_MAX_QUADS,
) -> list[Shard]:
    """Write the article graphs of a part's planned sheets as N-Quads shards (on a worker).

    ``plan`` maps the position of each sheet to write to the merge keys that settling changed
    (fact index -> key). A shard ends before it would pass ``max_quads`` quads; an article
    graph is never split.
    """
    schema = load_schema()
    out: list[Shard] = []
    writer: _ShardWriter | None = None
    try:
        for pos in sorted(plan):
            sheet = items[pos]
            assert isinstance(sheet, FactSheet)
            keys = plan[pos]
            if keys:
                sheet = replace(
                    sheet,
                    facts=tuple(
                        replace(f, key=keys[i]) if i in keys else f
                        for i, f in enumerate(sheet.facts)
                    ),
                )
            text = to_nquads(article_quads(sheet, schema))
            n = text.count("\n")
            if writer is not None and writer.quads and writer.quads + n > max_quads:
                out.append(writer.close())
                writer = None
            if writer is None:
                writer = _ShardWriter(Path(directory), part, len(out))
            writer.write(text, article_iri(sheet.article.id))
        if writer is not None:
            out.append(writer.close())
            writer = None
    except OSError as exc:
        raise StoreError(
            f"a Dask worker on {socket.gethostname()} cannot write shards to {directory}: "
            f"{exc.strerror or exc}; give --shard-dir a folder that every worker and this "
            "machine can write"
        ) from None
    finally:
        if writer is not None:
            writer.fh.close()
            with contextlib.suppress(OSError):
                writer.tmp.unlink()
    return out


def fingerprint() -> str:
    """A digest of dealgraph's code and data files: workers must match the driver's, or the
    result would not be the serial run's."""
    sha = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    stack = [resources.files("dealgraph.ontology")]
    while stack:
        folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith((".yaml", ".ttl", ".rq")):
                sha.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return sha.hexdigest()[:16]


# ------------------------------------------------------------------------------------------------
# Planning on the driver
# ------------------------------------------------------------------------------------------------


class Shadow:
    """What settling and the curated rules would find in the store at each batch of the serial
    run: the store as it was when the run began, with the article graphs planned so far in
    place of the stored ones. Only dates of facts are kept, and only those asked for.

    >>> from dealgraph.store import MemoryStore
    >>> shadow = Shadow(MemoryStore())
    >>> shadow.dates(["https://w3id.org/dealgraph/id/ban/k"])
    {}
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._initial: dict[str, set[tuple[str, str]]] = {}
        self._planned: dict[str, set[tuple[str, str]]] = {}  # graph -> {(fact iri, date)}
        self._by_iri: dict[str, dict[str, set[str]]] = {}  # fact iri -> graph -> dates

    def dates(self, iris: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
        """``iri -> {(graph, date)}`` as :func:`dealgraph.merge.stored_dates` would answer."""
        missing = [i for i in iris if i not in self._initial]
        if missing:
            # Graphs this run has written are read from the plan, so the store's current
            # content of them is never used: asking after loading gives the same answer.
            found = stored_dates(self.store, missing)
            for iri in missing:
                self._initial[iri] = found.get(iri, set())
        out: dict[str, set[tuple[str, str]]] = {}
        for iri in iris:
            entries = {(g, d) for g, d in self._initial[iri] if g not in self._planned}
            for g, days in self._by_iri.get(iri, {}).items():
                entries.update((g, d) for d in days)
            if entries:
                out[iri] = entries
        return out

    def curated_articles(self, ids: list[str]) -> set[str]:
        # Ingest writes extracted sheets only: what is curated in the store stays so.
        return _curated_articles(self.store, ids)

    def curated_entities(self, ids: list[str]) -> set[str]:
        return _curated_entities(self.store, ids)

    def loaded(self, sheets: Sequence[FactSheet], schema: Schema) -> None:
        """The serial run loaded ``sheets``: their graphs now hold their facts' dates."""
        for sheet in sheets:
            graph = article_iri(sheet.article.id)
            for iri, day in self._planned.get(graph, ()):
                self._by_iri[iri][graph].discard(day)
            entries = set()
            for fact in sheet.facts:
                main = fact.main_date(schema) if fact.key else None
                if main is not None and fact.key:
                    entries.add((fact_iri(fact.type, fact.key), date_token(main)))
            self._planned[graph] = entries
            for iri, day in entries:
                self._by_iri.setdefault(iri, {}).setdefault(graph, set()).add(day)


@dataclass
class Planner:
    """Takes the stubs of the parts in input order and decides, in the serial run's batches,
    what is written: per part, the positions of the sheets to write and their changed keys."""

    store: GraphStore
    batch: int
    schema: Schema
    writes: dict[int, dict[int, dict[int, str]]] = field(default_factory=dict)
    descriptions: dict[str, tuple[Entity, str]] = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)
    result: LoadResult = field(default_factory=LoadResult)
    parts_added: int = 0

    def __post_init__(self) -> None:
        self.shadow = Shadow(self.store)
        self._pending: list[tuple[int, int, FactSheet]] = []

    def add(self, part: int, items: Sequence[Item]) -> None:
        """The stubs of the next part (parts must come in order)."""
        assert part == self.parts_added, "parts are planned in input order"
        self.writes.setdefault(part, {})
        for pos, item in enumerate(items):
            if isinstance(item, FactSheet):
                self._pending.append((part, pos, item))
                if len(self._pending) >= self.batch:
                    self._plan()
        self.parts_added += 1

    def finish(self) -> None:
        """No more parts: plan the last, short batch."""
        self._plan()

    def planned_parts(self) -> int:
        """Every part below this index is fully planned."""
        return self._pending[0][0] if self._pending else self.parts_added

    def _plan(self) -> None:
        if not self._pending:
            return
        settled = settle_keys(
            [s for _, _, s in self._pending], schema=self.schema, dates=self.shadow.dates
        )
        where = {id(s): entry for s, entry in zip(settled, self._pending, strict=True)}
        plan = plan_load(settled, self.shadow.curated_articles, self.shadow.curated_entities)
        for sheet in plan.sheets:
            part, pos, before = where[id(sheet)]
            self.writes[part][pos] = {
                i: f.key
                for i, (f, b) in enumerate(zip(sheet.facts, before.facts, strict=True))
                if f.key != b.key and f.key is not None
            }
        self.shadow.loaded(plan.sheets, self.schema)
        for ent, origin in plan.descriptions:
            self.descriptions[ent.id] = (ent, origin)
            self.dirty.add(ent.id)
        self.result.loaded += [s.file for s in plan.sheets]
        self.result.kept_curated += plan.kept_curated
        self.result.duplicates += plan.duplicates
        self._pending = []

    def take_descriptions(self) -> list[tuple[Entity, str]]:
        """The descriptions planned since the last call (to write before the next shards)."""
        out = [self.descriptions[e] for e in sorted(self.dirty)]
        self.dirty.clear()
        return out


# ------------------------------------------------------------------------------------------------
# The cluster
# ------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[DaskClient]:
    """A Dask client: on a new LocalCluster of ``workers`` processes (one thread each, bound
    to 127.0.0.1, no dashboard), or on the running cluster at ``scheduler``."""
    if (workers is None) == (scheduler is None):
        raise InputError("give either --workers N or --scheduler ADDR")
    try:
        dd: Any = importlib.import_module("distributed")
    except ImportError:
        raise DealgraphError(
            f"--workers and --scheduler run on Dask distributed, which is not installed: {INSTALL_HINT}"
        ) from None
    with contextlib.ExitStack() as stack:
        if scheduler is not None:
            hint = (
                f"start one with `dask scheduler` and its workers with `dask worker {scheduler}`, "
                "or extract on this machine with --workers N"
            )
            reason = _unreachable(scheduler)
            if reason:
                raise DealgraphError(
                    f"cannot reach the Dask scheduler at {scheduler}: {reason}; {hint}"
                )
            try:
                client = stack.enter_context(
                    dd.Client(scheduler, timeout="15s", set_as_default=False)
                )
            except (OSError, TimeoutError, ValueError) as exc:
                raise DealgraphError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}; {hint}"
                ) from None
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError:
                raise DealgraphError(
                    f"the Dask scheduler at {scheduler} has no workers; start some with "
                    f"`dask worker {scheduler}`"
                ) from None
        else:
            assert workers is not None
            cluster = stack.enter_context(
                dd.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(dd.Client(cluster, set_as_default=False))
        yield client


def _unreachable(address: str) -> str:
    """Why a ``tcp://host:port`` address cannot be connected to right now (``""`` when it can,
    or when it is not a TCP address), without Dask's retries until its timeout."""
    match = re.fullmatch(r"(?:tcp://)?\[?([^\]/]+?)\]?:(\d+)/?", address)
    if match is None:
        if "://" in address and not address.startswith("tcp://"):
            return ""  # tls://, ucx://, ...: left to Dask
        raise InputError(
            f"--scheduler {address}: not a scheduler address; write tcp://HOST:PORT (a Dask "
            "scheduler listens on port 8786 by default)"
        )
    try:
        with socket.create_connection((match.group(1), int(match.group(2))), timeout=5):
            return ""
    except OSError as exc:
        return exc.strerror or str(exc)


def check_workers(client: DaskClient) -> int:
    """Check that every worker runs the driver's dealgraph (code and data); return how many
    workers there are."""
    mine = fingerprint()
    theirs = client.run(fingerprint)
    odd = sorted(w for w, fp in theirs.items() if fp != mine)
    if odd:
        raise DealgraphError(
            f"{len(odd)} Dask worker(s) run another dealgraph (code or data) than this machine: "
            f"{', '.join(odd[:3])}; install the same version on every worker"
        )
    return len(theirs)


def partition(files: Sequence[Path], workers: int) -> list[list[str]]:
    """Consecutive runs of files of about :data:`PART_BYTES` each (at least four parts per
    worker when there are enough files, at most :data:`PART_FILES` files in a part)."""
    sizes = []
    for f in files:
        try:
            sizes.append(f.stat().st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    target = max(1, min(PART_BYTES, total // max(1, 4 * workers)))
    parts: list[list[str]] = []
    current: list[str] = []
    size = 0
    for f, n in zip(files, sizes, strict=True):
        current.append(str(f))
        size += n
        if size >= target or len(current) >= PART_FILES:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return parts


@contextlib.contextmanager
def shard_directory(store: GraphStore, shard_dir: str | os.PathLike[str] | None) -> Iterator[Path]:
    """Where the workers write this run's shards: a fresh folder under ``shard_dir``, else
    under the embedded store's directory (shards of an earlier, killed run are deleted: this
    process holds the store's write lock), else in a temporary folder. Removed at the end."""
    if shard_dir is not None:
        base = Path(shard_dir)
    elif isinstance(store, EmbeddedStore):
        base = store.path / SHARDS_DIR
        with contextlib.suppress(OSError):
            for old in base.iterdir():
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()
    else:
        base = Path(tempfile.gettempdir())
    try:
        base.mkdir(parents=True, exist_ok=True)
        run = Path(tempfile.mkdtemp(prefix="dealgraph-shards-", dir=base))
    except OSError as exc:
        raise InputError(
            f"cannot make a shard folder in {base}: {exc.strerror or exc}; give --shard-dir a "
            "writable folder"
        ) from None
    try:
        yield run
    finally:
        shutil.rmtree(run, ignore_errors=True)
        if shard_dir is None and isinstance(store, EmbeddedStore):
            with contextlib.suppress(OSError):
                base.rmdir()


@dataclass
class ClusterRun:
    """Figures of a distributed ingest, for the summary and the benchmarks."""

    workers: int = 0
    parts: int = 0
    shards: int = 0
    quads: int = 0
    entities: int = 0
    loads: int = 0
    seconds: float = 0.0
    where: str = ""


def ingest_on_cluster(
    store: GraphStore,
    paths: Sequence[str | os.PathLike[str]],
    workers: int | None = None,
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    batch: int = 500,
    shard_dir: str | os.PathLike[str] | None = None,
    status: Status | None = None,
    run: ClusterRun | None = None,
) -> ExtractReport:
    """:func:`dealgraph.pipeline.ingest` with extraction on Dask: the same store at the end.

    ``progress`` is called with the number of files of each part extracted; ``status`` with a
    line for each stage; ``run`` (if given) is filled with the run's figures.
    """
    files = article_files(paths)
    run = run if run is not None else ClusterRun()
    say = status or (lambda _: None)
    start = time.perf_counter()
    schema = load_schema()
    report = ExtractReport()
    with dask_client(workers, scheduler) as client, shard_directory(store, shard_dir) as directory:
        run.workers = check_workers(client)
        run.where = (
            f"the Dask cluster at {scheduler}"
            if scheduler
            else "a Dask LocalCluster on this machine"
        )
        parts = partition(files, run.workers)
        run.parts = len(parts)
        say(
            f"extracting {len(files)} file(s) in {len(parts)} part(s) on {run.where}, "
            f"{run.workers} worker(s)"
        )
        _Driver(
            client, store, parts, max_bytes, batch, schema, directory, report, run, progress
        ).go()
    report.load = report.load or LoadResult()
    run.seconds = time.perf_counter() - start
    say(
        f"loaded {run.shards} shard(s) ({run.quads} quads) in {run.loads} bulk load(s) and "
        f"{run.entities} entity description(s); {run.seconds:.1f} s in all"
    )
    return report


class _Driver:
    """The loop on the driver: submit parts, plan them in order, have their shards written,
    load the shards in order."""

    def __init__(
        self,
        client: DaskClient,
        store: GraphStore,
        parts: list[list[str]],
        max_bytes: int,
        batch: int,
        schema: Schema,
        directory: Path,
        report: ExtractReport,
        run: ClusterRun,
        progress: Progress | None,
    ) -> None:
        self.client = client
        self.store = store
        self.parts = parts
        self.max_bytes = max_bytes
        self.schema = schema
        self.directory = directory
        self.report = report
        self.run = run
        self.progress = progress
        self.planner = Planner(store, batch, schema)
        # Parts extracted ahead of planning. Not ahead of writing: the planner holds a whole
        # batch (``batch`` articles, any number of parts) before any of it can be written.
        self.window = max(4, 3 * run.workers)
        self.extracted: dict[int, Any] = {}  # part -> the Future of its extracted items
        self.stubs: dict[int, list[Item]] = {}
        self.shards: dict[int, list[Shard]] = {}
        self.kinds: dict[str, tuple[str, int]] = {}
        self.next_submit = 0
        self.next_plan = 0
        self.next_write = 0
        self.next_load = 0

    def go(self) -> None:
        dd: Any = importlib.import_module("distributed")
        self.done = dd.as_completed(loop=self.client.loop)
        self._submit()
        for fut in self.done:
            kind, part = self.kinds.pop(fut.key)
            value = fut.result()  # a worker's exception is raised here
            fut.release()
            if kind == "stubs":
                self.stubs[part] = value
                if self.progress is not None:
                    self.progress(len(self.parts[part]))
                self._plan()
            else:
                self.shards[part] = value
                self.extracted.pop(part).release()
                self._load()
            self._submit()
        if self.next_load != len(self.parts):
            raise DealgraphError("the distributed ingest stopped before every part was loaded")
        self.report.load = self.planner.result

    def _submit(self) -> None:
        while (
            self.next_submit < len(self.parts) and self.next_submit - self.next_plan < self.window
        ):
            i = self.next_submit
            ext = self.client.submit(
                extract_part,
                self.parts[i],
                self.max_bytes,
                key=f"dealgraph-extract-{i}-{uuid.uuid4().hex[:8]}",
                priority=-i,
            )
            self.extracted[i] = ext
            st = self.client.submit(
                stubs_of, ext, key=f"dealgraph-stubs-{i}-{uuid.uuid4().hex[:8]}", priority=-i
            )
            self.kinds[st.key] = ("stubs", i)
            self.done.add(st)
            self.next_submit += 1

    def _plan(self) -> None:
        while self.next_plan in self.stubs:
            items = self.stubs.pop(self.next_plan)
            self.planner.add(self.next_plan, items)
            for item in items:
                self.report.add(item)
            self.next_plan += 1
        if self.next_plan == len(self.parts):
            self.planner.finish()
        while self.next_write < self.planner.planned_parts():
            i = self.next_write
            fut = self.client.submit(
                write_shards,
                self.extracted[i],
                i,
                self.planner.writes.pop(i),
                str(self.directory),
                key=f"dealgraph-shards-{i}-{uuid.uuid4().hex[:8]}",
                priority=10**9 - i,  # before extracting more: frees the part's sheets
            )
            self.kinds[fut.key] = ("shards", i)
            self.done.add(fut)
            self.next_write += 1

    def _load(self) -> None:
        ready: list[Shard] = []
        while self.next_load in self.shards:
            ready.extend(self.shards.pop(self.next_load))
            self.next_load += 1
        descriptions = self.planner.take_descriptions()
        if descriptions:

            def quads() -> Iterator[Any]:
                for ent, origin in descriptions:
                    yield from entity_quads(ent, origin, self.schema)

            self.store.replace_graphs(quads())
            self.run.entities += len(descriptions)
        # One bulk load per run of shards that name no graph twice (an article given twice).
        group: list[Shard] = []
        named: set[str] = set()
        for shard in [*ready, None]:
            if shard is None or named & shard.graphs:
                if group:
                    result = self.store.load_nquads([s.path for s in group])
                    self.planner.result.replaced += result.replaced
                    self.run.loads += 1
                    self.run.shards += len(group)
                    self.run.quads += sum(s.quads for s in group)
                    for s in group:
                        with contextlib.suppress(OSError):
                            os.unlink(s.path)
                group, named = [], set()
            if shard is not None:
                group.append(shard)
                named |= shard.graphs
