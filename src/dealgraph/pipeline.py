"""The jobs the CLI and notebooks run: ingest and extract articles, load fact sheets,
summarise a store, run the demo.

Each function takes plain arguments and returns a report object; the CLI only renders them.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .articles import DEFAULT_MAX_BYTES, Article, Skipped, article_files, read_file
from .errors import DealgraphError, InputError, Problem, SheetError
from .facts import Entity, FactSheet, load_sheet, save_sheet
from .namespaces import article_iri, entity_iri
from .rdf import article_quads, entity_quads
from .schema import load_schema
from .store import GraphStore, LoadReport, compact_after, open_store

SHEET_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    """What a load did: graphs written, sheets skipped (with why) and sheets that were broken."""

    loaded: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept_curated: list[str] = field(default_factory=list)
    #: (file, the file loaded instead): another extracted sheet of the same article in the batch
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    report: LoadReport | None = None


def _curated_articles(store: GraphStore, articles: Iterable[str]) -> set[str]:
    iris = " ".join(f"<{article_iri(a)}>" for a in articles)
    if not iris:
        return set()
    q = f'SELECT ?a WHERE {{ VALUES ?a {{ {iris} }} ?a dg:origin "curated" }}'
    return {row["a"].value for row in store.query(q).dicts()}


def _curated_entities(store: GraphStore, entity_ids: Iterable[str]) -> set[str]:
    iris = " ".join(f"<{entity_iri(e)}>" for e in entity_ids)
    if not iris:
        return set()
    q = f'SELECT ?e WHERE {{ VALUES ?e {{ {iris} }} GRAPH ?e {{ ?e dg:origin "curated" }} }}'
    return {row["e"].value for row in store.query(q).dicts()}


#: ``ids -> IRIs``: which of these articles (or entities) the store holds a curated version of.
CuratedLookup = Callable[[list[str]], set[str]]


@dataclass
class LoadPlan:
    """What a load writes: the sheets whose article graphs it replaces, the entity descriptions
    (with their origin) whose graphs it replaces, and the sheets it skips because a curated
    sheet of the same article wins."""

    sheets: list[FactSheet] = field(default_factory=list)
    descriptions: list[tuple[Entity, str]] = field(default_factory=list)
    kept_curated: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)


def plan_load(
    sheets: Sequence[FactSheet],
    curated_articles: CuratedLookup,
    curated_entities: CuratedLookup,
) -> LoadPlan:
    """Decide what loading ``sheets`` writes (the rules of :func:`load_sheets`), given what the
    store holds as curated; writes nothing. Distributed ingest plans with the same function."""
    plan = LoadPlan()
    chosen: dict[str, FactSheet] = {}
    for sheet in sheets:
        aid = sheet.article.id
        prev = chosen.get(aid)
        if prev is None or (prev.origin != "curated" and sheet.origin == "curated"):
            if prev is not None:
                plan.kept_curated.append(prev.file)
            chosen[aid] = sheet
        elif sheet.origin == "curated" and prev.origin == "curated":
            raise InputError(
                f"{sheet.file} and {prev.file} are both curated sheets of article {aid}; keep one"
            )
        elif prev.origin == "curated":
            plan.kept_curated.append(sheet.file)
        else:  # the same text twice (a syndicated story, a copy): loaded once, the first
            plan.duplicates.append((sheet.file, prev.file))
    curated_in_store = curated_articles([a for a, s in chosen.items() if s.origin != "curated"])
    for aid, sheet in chosen.items():
        if sheet.origin != "curated" and article_iri(aid) in curated_in_store:
            plan.kept_curated.append(sheet.file)
            continue
        plan.sheets.append(sheet)

    described: dict[str, tuple[Entity, str]] = {}
    for sheet in plan.sheets:
        for ent in sheet.entities.values():
            seen = described.get(ent.id)
            if seen is None or not (seen[1] == "curated" and sheet.origin != "curated"):
                described[ent.id] = (ent, sheet.origin)
    keep = curated_entities([e for e, (_, o) in described.items() if o != "curated"])
    plan.descriptions = [
        (e, o) for e, o in described.values() if not (o != "curated" and entity_iri(e.id) in keep)
    ]
    return plan


def load_sheets(store: GraphStore, sheets: Sequence[FactSheet]) -> LoadResult:
    """Load fact sheets into the store in one transaction; each replaces its article's graph,
    and the graph of each entity it describes.

    Curated wins: an extracted sheet is skipped when the same article has a curated sheet in
    this batch or already in the store, and an extracted description of an entity never
    replaces a curated one. Among descriptions of the same origin, the last sheet's wins.
    """
    plan = plan_load(
        sheets,
        lambda ids: _curated_articles(store, ids),
        lambda ids: _curated_entities(store, ids),
    )
    schema = load_schema()

    def quads() -> Iterable:  # type: ignore[type-arg]
        for sheet in plan.sheets:
            yield from article_quads(sheet, schema)
        for ent, origin in plan.descriptions:
            yield from entity_quads(ent, origin, schema)

    report = store.replace_graphs(quads())
    return LoadResult(
        loaded=[s.file for s in plan.sheets],
        replaced=report.replaced,
        kept_curated=plan.kept_curated,
        duplicates=plan.duplicates,
        report=report,
    )


def sheet_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders to the fact sheets (``*.yaml``, ``*.yml``) inside them, sorted."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(x for x in p.rglob("*") if x.suffix in SHEET_SUFFIXES and x.is_file())
            )
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def read_sheets(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[FactSheet], list[Problem]]:
    """Parse every sheet; return the good ones and the problems of the broken ones."""
    sheets, problems = [], []
    for path in sheet_paths(paths):
        try:
            sheets.append(load_sheet(path))
        except SheetError as exc:
            problems.extend(exc.problems)
    return sheets, problems


def load_sheet_files(
    store: GraphStore, paths: Iterable[str | os.PathLike[str]], keep_going: bool = False
) -> LoadResult:
    """Validate and load fact sheet files.

    By default a broken sheet stops the load before anything is written (raising
    :class:`SheetError` with every problem found); with ``keep_going`` the good sheets are loaded
    and the problems are returned in the result.
    """
    sheets, problems = read_sheets(paths)
    if problems and not keep_going:
        raise SheetError(problems)
    if not sheets and not problems:
        raise InputError("no fact sheets found (looked for *.yaml and *.yml)")
    result = load_sheets(store, sheets) if sheets else LoadResult()
    result.problems = problems
    return result


@dataclass(frozen=True)
class Summary:
    articles: int
    entities: int
    facts: int
    relations: int
    triples: int
    graphs: int
    facts_by_type: dict[str, int]

    def lines(self) -> list[str]:
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(self.facts_by_type.items()))
        return [
            f"articles:  {self.articles}",
            f"entities:  {self.entities}",
            f"facts:     {self.facts}" + (f" ({by_type})" if by_type else ""),
            f"relations: {self.relations} direct relation triples",
            f"triples:   {self.triples} quads in {self.graphs} graphs"
            f" ({self.articles} article, {max(self.graphs - self.articles, 0)} entity)",
        ]


def summarize(store: GraphStore) -> Summary:
    """Counts of what the store holds."""

    def count(where: str) -> int:
        r = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
        return int(r.rows[0][0].value) if r.rows and r.rows[0][0] is not None else 0

    schema = load_schema()
    by_type = {}
    for row in store.query(
        "SELECT ?t (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a dg:Fact ; a ?t } GROUP BY ?t"
    ).dicts():
        name = schema.class_name(row["t"].value)
        if name in schema.fact_types:
            by_type[name] = int(row["n"].value)
    return Summary(
        articles=count("?x a dg:Article"),
        entities=count("?x a dg:Entity"),
        facts=count("?x a dg:Fact"),
        relations=count("?x a dg:RelationStatement"),
        triples=len(store),
        graphs=len(store.graphs()),
        facts_by_type=by_type,
    )


@dataclass(frozen=True)
class DemoReport:
    store: str
    html: Path
    summary: Summary
    load: LoadResult
    extracted: FactSheet | None = None  # the seed article's sheet made by extraction


def demo(
    store_location: str | None = None, html_path: str | os.PathLike[str] = "dealgraph-view.html"
) -> DemoReport:
    """The main job on the shipped seed: extract the seed article, load that sheet and the
    curated one (which wins), write the HTML view, summarise."""
    from .extract import extract_sheet
    from .graph import project
    from .seed import seed_article_path, seed_sheet
    from .view import overview, write_view

    with seed_article_path() as path:
        articles = [a for a in read_file(path) if isinstance(a, Article)]
    extracted = extract_sheet(articles[0]) if articles else None
    with open_store(store_location) as store:
        loaded = load_sheets(store, [*([extracted] if extracted else []), seed_sheet()])
        summary = summarize(store)
        g = overview(project(store, include_facts=True))
        write_view(
            g,
            html_path,
            title="dealgraph — Huawei, MTS and Xi Jinping's state visit (seed)",
            summary=f"{summary.articles} article, {summary.entities} entities, {summary.facts} facts",
        )
        return DemoReport(
            store=store.location,
            html=Path(html_path),
            summary=summary,
            load=loaded,
            extracted=extracted,
        )


# ------------------------------------------------------------------------------------------------
# Articles: extract and ingest
# ------------------------------------------------------------------------------------------------

Progress = Callable[[int], None]


def extracted_sheets(
    paths: Iterable[str | os.PathLike[str]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> Iterator[FactSheet | Skipped]:
    """Read and extract every article of ``paths``: its sheet, or why it was skipped.

    ``progress`` is called with 1 after each file. An article extraction cannot handle is
    reported like a skipped file; the others go on.
    """
    from .extract import extract_sheet

    for path in article_files(paths):
        for item in read_file(path, max_bytes):
            if isinstance(item, Skipped):
                yield item
                continue
            try:
                yield extract_sheet(item)
            except (DealgraphError, ValueError) as exc:
                yield Skipped(item.source, f"extraction failed: {exc}")
        if progress is not None:
            progress(1)


@dataclass
class ExtractReport:
    """What reading and extracting did: sheets made, inputs skipped (with why), facts by type,
    new entities that need a person's review."""

    sheets: list[FactSheet] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    load: LoadResult | None = None
    #: seconds spent compacting the store after a large ingest (``None``: not done)
    optimized: float | None = None

    def add(self, item: FactSheet | Skipped) -> None:
        if isinstance(item, Skipped):
            self.skipped.append(item)
        else:
            self.sheets.append(item)

    @property
    def facts_by_type(self) -> Counter[str]:
        return Counter(f.type for s in self.sheets for f in s.facts)

    @property
    def new_entities(self) -> dict[str, str]:
        """``id -> type`` of the entities flagged ``review: true`` in the sheets."""
        return {e.id: e.type for s in self.sheets for e in s.entities.values() if e.review}

    @property
    def exit_code(self) -> int:
        """0 when every input was read, 2 when something was skipped."""
        return 2 if self.skipped else 0

    def lines(self) -> list[str]:
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(self.facts_by_type.items()))
        out = [
            f"articles read: {len(self.sheets)}",
            f"facts:         {sum(self.facts_by_type.values())}"
            + (f" ({by_type})" if by_type else ""),
        ]
        new = self.new_entities
        if new:
            listed = ", ".join(f"{k} ({v})" for k, v in sorted(new.items())[:12])
            more = f", ... ({len(new)} in all)" if len(new) > 12 else ""
            out.append(f"new entities to review: {len(new)}: {listed}{more}")
        else:
            out.append("new entities to review: none")
        out.append(f"skipped:       {len(self.skipped)}")
        out += [f"  {s}" for s in self.skipped]
        return out


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many files :func:`extracted_sheets` will read (for a progress bar)."""
    return len(article_files(paths))


def extract_to_dir(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> ExtractReport:
    """Write each article's extracted fact sheet to ``out_dir/<id>.facts.yaml``; load nothing.

    Each file is written through a temporary file and a rename; writing again overwrites it.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; give a folder to write the fact sheets into")
    report = ExtractReport()
    for item in extracted_sheets(paths, max_bytes, progress):
        report.add(item)
        if isinstance(item, FactSheet):
            report.written.append(save_sheet(item, out / f"{item.article.id}.facts.yaml"))
    return report


def ingest(
    store: GraphStore,
    paths: Iterable[str | os.PathLike[str]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    batch: int = 500,
    workers: int | None = None,
    scheduler: str | None = None,
    shard_dir: str | os.PathLike[str] | None = None,
    status: Callable[[str], None] | None = None,
) -> ExtractReport:
    """Read, extract and load articles; each batch of ``batch`` sheets is one transaction.

    Every article's graph is replaced, so ingesting the same input again changes nothing; a
    curated sheet already in the store wins over the extracted one; the same event in several
    articles becomes one fact node (:func:`dealgraph.merge.settle_keys`).

    With ``workers`` (a Dask LocalCluster of that many processes) or ``scheduler`` (the address
    of a running Dask cluster), extraction runs on Dask workers, which write N-Quads shards that
    are bulk-loaded (:mod:`dealgraph.cluster`); the store ends exactly as this serial run leaves
    it. ``shard_dir`` is where the shards go; ``status`` gets a line for each stage.
    """
    if shard_dir is not None and workers is None and scheduler is None:
        raise InputError(
            "--shard-dir is where Dask workers write; give --workers or --scheduler too"
        )
    if workers is not None or scheduler is not None:
        from .cluster import ClusterRun, ingest_on_cluster

        run = ClusterRun()
        report = ingest_on_cluster(
            store,
            list(paths),
            workers=workers,
            scheduler=scheduler,
            max_bytes=max_bytes,
            progress=progress,
            batch=batch,
            shard_dir=shard_dir,
            status=status,
            run=run,
        )
        report.optimized = compact_after(store, run.quads, len(store))
        return report
    from .merge import settle_keys

    report = ExtractReport()
    pending: list[FactSheet] = []
    total = LoadResult()
    written = 0

    def flush() -> None:
        nonlocal written
        if not pending:
            return
        result = load_sheets(store, settle_keys(pending, store))
        written += result.report.quads_added if result.report is not None else 0
        total.loaded += result.loaded
        total.replaced += result.replaced
        total.kept_curated += result.kept_curated
        total.duplicates += result.duplicates
        total.report = result.report
        pending.clear()

    for item in extracted_sheets(paths, max_bytes, progress):
        report.add(item)
        if isinstance(item, FactSheet):
            pending.append(item)
            if len(pending) >= batch:
                flush()
    flush()
    report.load = total
    if total.report is not None:
        report.optimized = compact_after(store, written, total.report.quads_after)
    return report
