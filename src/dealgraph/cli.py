"""The ``dealgraph`` command: a thin layer over the library.

Each command parses its options, calls one library function, and renders the result. Errors
derived from :class:`~dealgraph.errors.DealgraphError` become ``Error: ...`` on stderr with exit
code 2 (bad usage or bad input) or 1 (the work failed).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import DealgraphError, SheetError

F = TypeVar("F", bound=Callable[..., Any])


class DealgraphGroup(click.Group):
    """Turns dealgraph errors into one clear line and the contract's exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DealgraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


def store_option(f: F) -> F:
    return click.option(
        "--store",
        "store",
        envvar="DEALGRAPH_STORE",
        default=None,
        metavar="DIR|URL",
        help="The store: a directory for the embedded store (default ./dealgraph-data, or "
        "$DEALGRAPH_STORE), a SPARQL server (http://host:7878 for Oxigraph, KIND+https://... "
        "for fuseki, graphdb, virtuoso, sparql; credentials from DEALGRAPH_STORE_USER and "
        "DEALGRAPH_STORE_PASSWORD or DEALGRAPH_STORE_TOKEN), or :memory:.",
    )(f)


def _open(store: str | None, must_exist: bool = True, read_only: bool = False) -> Any:
    from .store import open_store

    return open_store(store, read_only=read_only, must_exist=must_exist)


@click.group(cls=DealgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dealgraph")
def cli() -> None:
    """dealgraph: trace geopolitical technology deals through the news.

    Articles become fact sheets, fact sheets become RDF in an embedded store, and the store
    answers SPARQL, traces and graph views, with the article sentence behind every edge.
    Start with `dealgraph demo`.
    """


@cli.command()
@store_option
@click.option(
    "-o",
    "--output",
    "html",
    default="dealgraph-view.html",
    show_default=True,
    metavar="FILE.html",
    help="Where to write the HTML view.",
)
def demo(store: str | None, html: str) -> None:
    """Load the shipped seed article into the store, write its graph view, print a summary.

    The seed is a Dutch tech-news page: Huawei signs a 5G deal with MTS on the first day of Xi
    Jinping's state visit to Russia, while the United States bans Huawei. The article is also
    read by extraction; the curated sheet of the same article wins.
    """
    from .pipeline import demo as run_demo

    report = run_demo(store, html)
    click.echo(f"Loaded the seed into {report.store}")
    if report.extracted is not None:
        click.echo(
            f"  extracted {len(report.extracted.facts)} facts from the seed article; "
            "its curated sheet wins and is what the store holds"
        )
    for line in report.summary.lines():
        click.echo(f"  {line}")
    click.echo(f"HTML view: {report.html.resolve()}")
    click.echo('Try: dealgraph query "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b }"')


def max_size_option(f: F) -> F:
    return click.option(
        "--max-size",
        "max_mb",
        default=50,
        show_default=True,
        type=click.IntRange(min=1),
        metavar="MB",
        help="Skip article files larger than this (after decompression).",
    )(f)


class _Bar:
    """Progress on stderr: a bar on a terminal, one line saying what runs elsewhere."""

    def __init__(self, label: str, total: int | None) -> None:
        self._label = label
        self._tty = sys.stderr.isatty()
        self._ctx: Any = (
            click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
            if total and self._tty
            else None
        )
        self._bar: Any = None

    def __enter__(self) -> _Bar:
        if self._ctx is not None:
            self._bar = self._ctx.__enter__()
        elif not self._tty:
            click.echo(f"{self._label} ...", err=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._ctx is not None:
            self._ctx.__exit__(None, None, None)

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)


def _progress(label: str, total: int | None) -> _Bar:
    return _Bar(label, total)


def _article_progress(paths: tuple[str, ...]) -> _Bar:
    """Progress over the input files of ingest and extract."""
    from .pipeline import count_inputs

    return _progress("articles", count_inputs(paths))


@cli.command()
@store_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@max_size_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Extract on a Dask LocalCluster of N worker processes on this machine; the workers "
    "write N-Quads shards that are bulk-loaded. The store ends as a serial run leaves it.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDR",
    help="Extract on a running Dask cluster (tcp://host:8786). Its workers need the same "
    "dealgraph and must see the input files and the shard folder at the same paths.",
)
@click.option(
    "--shard-dir",
    default=None,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Where the workers write shards (default: ingest-shards/ in the store folder, else a "
    "temporary folder); emptied when the run ends.",
)
@click.option(
    "--batch",
    default=500,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="N",
    help="Articles per load transaction. Merging across articles is decided batch by batch, "
    "the same with or without workers.",
)
def ingest(
    store: str | None,
    paths: tuple[str, ...],
    max_mb: int,
    workers: int | None,
    scheduler: str | None,
    shard_dir: str | None,
    batch: int,
) -> None:
    """Read, clean, extract and load articles: files, folders, .html .htm .txt .md .jsonl
    (and .gz of them).

    Prints a summary: articles read, facts by type, new entities to review, and every file
    skipped with its reason (empty, binary, too large, wrongly encoded, truncated). Exit
    code 2 when something was skipped, 0 otherwise. Ingesting the same input again changes
    nothing; a curated sheet of the same article wins. With --workers or --scheduler,
    extraction runs on Dask and progress lines go to stderr.
    """
    from .pipeline import ingest as run_ingest

    with _article_progress(paths) as bar, _open(store, must_exist=False) as st:
        report = run_ingest(
            st,
            paths,
            max_mb * 1024 * 1024,
            progress=bar.update,
            batch=batch,
            workers=workers,
            scheduler=scheduler,
            shard_dir=shard_dir,
            status=lambda line: click.echo(line, err=True),
        )
        quads = len(st)
    _say_compacted(report.optimized)
    for line in report.lines():
        click.echo(line)
    if report.load is not None:
        for f in report.load.kept_curated:
            click.echo(f"kept the curated sheet of {f}")
        for f, first in report.load.duplicates:
            click.echo(f"{f}: the same article as {first}, loaded once")
    click.echo(f"store: {quads} quads")
    sys.exit(report.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="The folder to write <id>.facts.yaml into.",
)
@max_size_option
def extract(paths: tuple[str, ...], out_dir: str, max_mb: int) -> None:
    """Write the extracted fact sheet of every article for review; load nothing.

    Each article becomes DIR/<id>.facts.yaml (origin: extracted). Edit a sheet, set
    `origin: curated`, and `dealgraph load` it: it wins over the extracted facts. Exit code 2
    when something was skipped.
    """
    from .pipeline import extract_to_dir

    with _article_progress(paths) as bar:
        report = extract_to_dir(paths, out_dir, max_mb * 1024 * 1024, progress=bar.update)
    for line in report.lines():
        click.echo(line)
    click.echo(f"wrote {len(report.written)} fact sheet(s) to {out_dir}")
    sys.exit(report.exit_code)


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--by-language", is_flag=True, help="Also print the scores per fact type for each language."
)
@click.option("--quiet", is_flag=True, help="Leave out the list of misses and false alarms.")
def eval_(gold_dir: str, by_language: bool, quiet: bool) -> None:
    """Score extraction against gold fact sheets: precision, recall and F1.

    GOLD_DIR holds gold sheets (gold/*.yaml or *.facts.yaml) and the articles they were
    written from (articles/ or the folder itself). Prints relations, entities and facts per
    type, overall and per language, the accuracy of main dates, and every miss and false
    alarm with its sentence.
    """
    from .evaluate import evaluate

    report = evaluate(gold_dir)
    for line in report.lines(by_language=by_language, mistakes=not quiet):
        click.echo(line)


@cli.command()
@store_option
@click.argument("sheets", nargs=-1, required=True, type=click.Path())
@click.option(
    "--keep-going",
    is_flag=True,
    help="Load the good sheets even when some are broken (exit code 2 still says so).",
)
def load(store: str | None, sheets: tuple[str, ...], keep_going: bool) -> None:
    """Load curated or reviewed fact sheets (YAML files or folders of them).

    Each sheet replaces its article's graph, so loading again adds nothing twice. Curated
    sheets win over extracted ones for the same article. All sheets are checked first; by
    default one broken sheet stops the load and the store is left unchanged.
    """
    from .pipeline import load_sheet_files

    with _open(store, must_exist=False) as st:
        result = load_sheet_files(st, sheets, keep_going=keep_going)
    for f in result.loaded:
        click.echo(f"loaded {f}")
    for f in result.kept_curated:
        click.echo(f"skipped {f}: a curated sheet of the same article wins")
    for f, first in result.duplicates:
        click.echo(f"skipped {f}: the same article as {first}, loaded once")
    if result.report:
        r = result.report
        click.echo(
            f"{len(result.loaded)} sheet(s), {r.quads_added} quads; store now holds {r.quads_after} quads"
        )
    if result.problems:
        click.echo(f"Error: {SheetError(result.problems)}", err=True)
        sys.exit(2)


@cli.command()
@store_option
@click.argument("sheets", nargs=-1, type=click.Path())
def validate(store: str | None, sheets: tuple[str, ...]) -> None:
    """Check fact sheets (when given) or the stored graph against the SHACL shapes.

    With SHEET arguments, each sheet is parsed and checked (file, line and field of every
    problem) and its RDF is checked against ontology/shapes.ttl. Without, the whole store is.
    """
    from .pipeline import read_sheets
    from .rdf import sheet_quads
    from .validate import graph_of, validate_graph, validate_store

    if sheets:
        good, problems = read_sheets(sheets)
        failed = bool(problems)
        for p in problems:
            click.echo(f"Error: {p}", err=True)
        for sheet in good:
            report = validate_graph(graph_of(sheet_quads(sheet)))
            click.echo(f"{sheet.file}: {report.text()}")
            failed = failed or not report.conforms
        sys.exit(2 if failed else 0)
    with _open(store, read_only=True) as st:
        report = validate_store(st)
    click.echo(report.text())
    sys.exit(0 if report.conforms else 1)


@cli.command()
@store_option
@click.argument("query", required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of a named query (repeatable), e.g. --param org=Huawei.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld"]),
    help="table, csv, tsv or json (SPARQL 1.1 results JSON) for SELECT/ASK; "
    "table, turtle, ntriples or jsonld for CONSTRUCT/DESCRIBE.",
)
@click.option(
    "--list", "list_queries", is_flag=True, help="List the named queries and their parameters."
)
def query(
    store: str | None, query: str | None, params: tuple[str, ...], fmt: str, list_queries: bool
) -> None:
    """Run SPARQL over the union of all article graphs.

    QUERY is SPARQL text, a .rq file, or the name of a named query (see --list). The prefixes
    dg, dgid, rdf, rdfs, owl, xsd, skos, prov, schema, time, oa, dcterms and wd are predeclared.

    \b
    Examples:
      dealgraph query "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b }"
      dealgraph query deals-of --param org=Huawei --format json
    """
    from .errors import InputError
    from .query import format_result, load_named_queries, parse_params, run_query

    if list_queries:
        for nq in load_named_queries().values():
            click.echo(f"{nq.name}: {nq.summary}")
            for p in nq.params:
                click.echo(
                    f"    --param {p.name}=...  ({p.type}{', optional' if p.optional else ''}) {p.description}"
                )
        return
    if not query:
        raise InputError(
            "give a QUERY: SPARQL text, a .rq file or a named query (dealgraph query --list)"
        )
    with _open(store, read_only=True) as st:
        result = run_query(st, query, parse_params(params))
    out = format_result(result, fmt)
    click.echo(out, nl=not out.endswith("\n"))


@cli.command()
@store_option
@click.option(
    "-o",
    "--output",
    default="dealgraph-view.html",
    show_default=True,
    metavar="FILE.html",
    help="Where to write the page.",
)
@click.option("--title", default=None, help="The page title (default: what the view shows).")
@click.option(
    "--focus",
    default=None,
    metavar="NAME",
    help="Draw this entity and what is within --hops of it (a label or alias in any case, an IRI or a Wikidata id).",
)
@click.option(
    "--hops",
    type=click.IntRange(min=1),
    default=None,
    help="With --focus: how far from the entity to draw (default 1).",
)
@click.option(
    "--query",
    default=None,
    metavar="QUERY",
    help="Draw the result of a SPARQL query: text, a .rq file or a named query; a CONSTRUCT, or a SELECT whose columns hold IRIs.",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of the named query (repeatable), e.g. --param org=Huawei.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=0),
    default=None,
    # the default is dealgraph.view.DEFAULT_MAX_NODES (a test checks that this says so); the
    # view module is imported only when the command runs, to keep the CLI quick to start
    help="Past this many nodes (default 2000), draw the most connected ones (nearest the focus first) and say what was left out; 0 draws every node.",
)
def view(
    store: str | None,
    output: str,
    title: str | None,
    focus: str | None,
    hops: int | None,
    query: str | None,
    params: tuple[str, ...],
    max_nodes: int | None,
) -> None:
    """Write an interactive graph view as one self-contained HTML page.

    The whole graph by default; --focus NAME --hops N for a neighbourhood; --query for the
    result of a SPARQL CONSTRUCT, or of a SELECT whose columns hold IRIs. The page opens
    from disk with no network: search an entity, filter by type and date, click a node or an
    edge to see its facts, dates, evidence quotes and sources.

    \b
    Examples:
      dealgraph view -o graph.html
      dealgraph view --focus Huawei --hops 2 -o huawei.html
      dealgraph view --query deals-of --param org=Huawei -o deals.html
      dealgraph view --query "CONSTRUCT { ?a dg:bans ?b } WHERE { ?a dg:bans ?b }" -o bans.html
    """
    from .query import parse_params
    from .view import DEFAULT_MAX_NODES

    with _api(store) as dg:
        rendered = dg.view(
            title=title,
            focus=focus,
            hops=hops,
            query=query,
            params=parse_params(params) if params else None,
            max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes or None,
        )
        report = rendered.save(output)
    click.echo(
        f"wrote {report.path} ({report.nodes} nodes, {report.edges} edges, {report.bytes // 1024} KiB)"
    )
    if report.cut is not None:
        click.echo(f"{report.cut.message()} Raise --max-nodes to draw more.")


@cli.group("store", cls=DealgraphGroup)
def store_group() -> None:
    """Move a graph between stores and look inside one: dump, restore, stats, snapshot, optimize.

    \b
    Examples:
      dealgraph store dump -o graph.nq.gz
      dealgraph store restore graph.nq.gz --store http://127.0.0.1:7878
      dealgraph store stats --store http://127.0.0.1:7878
    """


@store_group.command("dump")
@store_option
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="Where to write the N-Quads (gzip when the name ends in .gz; - is standard output).",
)
def store_dump(store: str | None, output: str) -> None:
    """Write every article graph of the store as N-Quads.

    The file appears only when it is complete. Restore it into any store with `dealgraph
    store restore FILE`.
    """
    from .transfer import dump

    with _open(store, read_only=True) as st, _progress("dumping", len(st)) as bar:
        report = dump(st, output, bar.update)
    if report.path != "-":
        click.echo(f"wrote {report.quads} quads to {report.path} ({report.bytes} bytes)")


@store_group.command("restore")
@store_option
@click.argument("files", nargs=-1, required=True, type=click.Path())
def store_restore(store: str | None, files: tuple[str, ...]) -> None:
    """Load N-Quads files (.nq, .nq.gz) into the store, replacing the graphs they contain.

    The files are checked first: a malformed one changes nothing. Then they are written in
    batches; restoring the same files again adds nothing twice.
    """
    from .transfer import restore, restore_size

    with _open(store, must_exist=False) as st, _progress("restoring", restore_size(files)) as bar:
        report = restore(st, files, bar.update)
    _say_compacted(report.optimized)
    click.echo(
        f"restored {len(report.graphs)} graph(s) ({len(report.replaced)} replaced), "
        f"{report.quads_added} quads; store now holds {report.quads_after} quads"
    )


def _say_compacted(seconds: float | None) -> None:
    """Tell (on stderr) that a large write was followed by a compaction, when it was."""
    if seconds is not None:
        click.echo(f"compacted the store for faster queries in {seconds:.1f} s", err=True)


@store_group.command("optimize")
@store_option
def store_optimize(store: str | None) -> None:
    """Compact the embedded store's files so that queries run faster.

    `ingest` and `store restore` do this themselves after a large write (100,000 quads and a
    tenth of the store or more); run it after many small ingests. The content does not change.
    A server store manages its own files: nothing to do there.
    """
    from .store import compact

    with _open(store) as st:
        seconds = compact(st)
        where = st.location
    if seconds is None:
        click.echo(f"the store at {where} manages its own files: nothing to do")
    else:
        click.echo(f"compacted the store at {where} in {seconds:.1f} s")


@store_group.command("stats")
@store_option
def store_stats(store: str | None) -> None:
    """Show what the store holds: quads, article graphs, entities, facts by type, relations,
    size on disk (embedded store) and the generation token."""
    from .transfer import store_report

    with _open(store, read_only=True) as st:
        report = store_report(st)
    for line in report.lines():
        click.echo(line)


@store_group.command("snapshot")
@store_option
def store_snapshot(store: str | None) -> None:
    """Publish a read-only snapshot of the embedded store and keep publishing one after every
    write, so that readers (query, view, serve) can run while another process writes."""
    from .errors import InputError
    from .store import EmbeddedStore

    with _open(store) as st:
        if not isinstance(st, EmbeddedStore):
            raise InputError("snapshots are for the embedded store; give a directory with --store")
        path = st.publish_snapshot()
    click.echo(f"published {path}; writers now publish a snapshot after every write")


# ------------------------------------------------------------------------------------------------
# Tracing: trace, neighbors, timeline, rank, export (over dealgraph.open, the Python API)
# ------------------------------------------------------------------------------------------------


def answer_options(f: F) -> F:
    """``--format table|json`` and ``--html FILE``, shared by the tracing commands."""
    f = click.option(
        "--html",
        "html",
        default=None,
        metavar="FILE.html",
        help="Also write the answer as an interactive graph view (self-contained HTML).",
    )(f)
    return click.option(
        "-f",
        "--format",
        "fmt",
        default="table",
        show_default=True,
        type=click.Choice(["table", "json"]),
        help="table for people, json for programs.",
    )(f)


def filter_options(f: F) -> F:
    """``--via``, ``--since`` and ``--until``."""
    f = click.option(
        "--until",
        default=None,
        metavar="DATE",
        help="Only facts that may fall on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD; the end of it).",
    )(f)
    f = click.option(
        "--since",
        default=None,
        metavar="DATE",
        help="Only facts that may fall on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD). Undated facts are left out when a date is given.",
    )(f)
    return click.option(
        "--via",
        default=None,
        metavar="TYPES",
        help="Only relations from these fact types or of these relations, comma-separated (e.g. Deal,Ban or bans).",
    )(f)


def direction_options(f: F) -> F:
    """``--directed`` and ``--undirected``."""
    f = click.option(
        "--undirected",
        is_flag=True,
        help="Ignore edge direction in the search and in the display.",
    )(f)
    return click.option(
        "--directed",
        is_flag=True,
        help="Follow edges only in their direction (default: either way, shown as they point).",
    )(f)


def _api(store: str | None) -> Any:
    from .api import open as open_api

    return open_api(store, progress=lambda message: click.echo(message + " ...", err=True))


def _show(dg: Any, answer: Any, fmt: str, html: str | None) -> None:
    out = answer.render(fmt)
    click.echo(out, nl=not out.endswith("\n"))
    if html:
        report = dg.view(answer).save(html)
        click.echo(
            f"wrote {report.path} ({report.nodes} nodes, {report.edges} edges)",
            err=True,
        )
        if report.cut is not None:
            click.echo(report.cut.message(), err=True)


@cli.command()
@store_option
@click.argument("source")
@click.argument("target")
@click.option(
    "--all", "all_paths", is_flag=True, help="Every simple path up to --max-hops, shortest first."
)
@click.option(
    "--max-hops",
    type=click.IntRange(min=1),
    default=None,
    help="The longest path to list (default with --all: 4).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="List at most this many paths.",
)
@direction_options
@filter_options
@answer_options
def trace(
    store: str | None,
    source: str,
    target: str,
    all_paths: bool,
    max_hops: int | None,
    limit: int,
    directed: bool,
    undirected: bool,
    via: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
    html: str | None,
) -> None:
    """How SOURCE is connected to TARGET, with the evidence for every step.

    Prints every shortest path (with --all, every simple path up to --max-hops), each step as
    `A —relation→ B` with its date, the quotes and the article they come from. A step may
    follow an edge against its direction; it is shown as it points (`Huawei ←bans— United
    States`). Entities are named by label or alias (any case), IRI or Wikidata id.

    \b
    Examples:
      dealgraph trace Huawei "United States"
      dealgraph trace MTS Q30 --via Deal,Ban --since 2019
      dealgraph trace Huawei "Xi Jinping" --all --max-hops 4 --html path.html
    """
    with _api(store) as dg:
        answer = dg.trace(
            source,
            target,
            all_paths=all_paths,
            max_hops=max_hops,
            directed=directed,
            undirected=undirected,
            via=via,
            since=since,
            until=until,
            limit=limit,
        )
        _show(dg, answer, fmt, html)


@cli.command()
@store_option
@click.argument("entity")
@click.option(
    "--hops",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How far to look.",
)
@direction_options
@filter_options
@answer_options
def neighbors(
    store: str | None,
    entity: str,
    hops: int,
    directed: bool,
    undirected: bool,
    via: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
    html: str | None,
) -> None:
    """What is within --hops of ENTITY, grouped by distance and relation.

    Each node is listed at its shortest distance with the edges that reach it, their facts,
    dates and quotes. Fact nodes appear where they are the link (the deal an entity is party
    to, the state visit it was signed during).

    \b
    Examples:
      dealgraph neighbors MTS --hops 2
      dealgraph neighbors Huawei --via bans --format json
    """
    with _api(store) as dg:
        answer = dg.neighbors(
            entity,
            hops,
            directed=directed,
            undirected=undirected,
            via=via,
            since=since,
            until=until,
        )
        _show(dg, answer, fmt, html)


@cli.command()
@store_option
@click.argument("entity")
@click.option(
    "--since",
    default=None,
    metavar="DATE",
    help="Only events that may fall on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
)
@click.option(
    "--until",
    default=None,
    metavar="DATE",
    help="Only events that may fall on or before DATE (the end of it).",
)
@answer_options
def timeline(
    store: str | None,
    entity: str,
    since: str | None,
    until: str | None,
    fmt: str,
    html: str | None,
) -> None:
    """Every event ENTITY takes part in, in date order, with precision shown.

    Also lists the events one fact away that situate them (the state visit its deal was
    signed during). A bounded date such as "before 2020" sorts at the latest day it can be;
    undated events come last, stated as such.

    \b
    Examples:
      dealgraph timeline Huawei
      dealgraph timeline Huawei --since 2019 --until 2019 --html huawei-2019.html
    """
    with _api(store) as dg:
        _show(dg, dg.timeline(entity, since=since, until=until), fmt, html)


@cli.command()
@store_option
@click.option(
    "--by",
    type=click.Choice(["degree", "pagerank", "betweenness"]),
    default="degree",
    show_default=True,
    help="The measure.",
)
@click.option(
    "--type",
    "entity_type",
    default=None,
    metavar="CLASS",
    help="Only entities of this class or below it: Company, State, Organization, Person, ...",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many to list.",
)
@filter_options
@answer_options
def rank(
    store: str | None,
    by: str,
    entity_type: str | None,
    limit: int,
    via: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
    html: str | None,
) -> None:
    """Rank entities by degree, PageRank or betweenness over their direct relations.

    Degree counts the distinct entities an entity is directly related to; PageRank weighs
    each tie by its number of facts; betweenness is estimated by sampling on big graphs.

    \b
    Examples:
      dealgraph rank
      dealgraph rank --by pagerank --type Company --limit 5
    """
    with _api(store) as dg:
        answer = dg.rank(by, type=entity_type, limit=limit, via=via, since=since, until=until)
        _show(dg, answer, fmt, html)


@cli.command()
@store_option
@click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    type=click.Choice(["turtle", "trig", "nquads", "jsonld", "graphml", "gexf", "csv"]),
    help="The format (default: from the file name: .ttl .trig .nq .jsonld .graphml .gexf .csv).",
)
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write.")
@click.option(
    "--no-facts",
    is_flag=True,
    help="graphml, gexf, csv: only entities and direct relations, no fact nodes and role edges.",
)
def export(store: str | None, fmt: str | None, output: str, no_facts: bool) -> None:
    """Export the graph for other tools: RDF, GraphML and GEXF (Gephi), or CSV.

    turtle (the union of all article graphs), trig, nquads and jsonld keep every triple;
    graphml, gexf and csv write the projection with labels, types, dates and evidence as
    attributes. csv writes two files: FILE-nodes.csv and FILE-edges.csv (a .csv suffix is
    dropped first). Files are written to a temporary name and renamed.

    \b
    Examples:
      dealgraph export -o graph.ttl
      dealgraph export --format gexf -o graph.gexf
    """
    with _api(store) as dg:
        total = len(dg.store)
        if fmt in ("turtle", "trig", "nquads", "jsonld") or output.endswith(
            (".ttl", ".trig", ".nq", ".jsonld", ".json")
        ):
            with click.progressbar(
                length=total, label="exporting quads", file=sys.stderr, show_pos=True
            ) as bar:
                report = dg.export(output, fmt, facts=not no_facts, progress=bar.update)
        else:
            report = dg.export(output, fmt, facts=not no_facts)
    click.echo(report.text())


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Query worker processes (each holds a store handle; queries beyond them wait).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=100_000,
    show_default=True,
    help="The most rows or triples an answer may have (more: 503, add LIMIT).",
)
@click.option(
    "--max-body",
    default="1MB",
    show_default=True,
    metavar="SIZE",
    help="The largest request body read (e.g. 1MB, 512K); larger ones get 413.",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL updates, with the token from $DEALGRAPH_SERVE_TOKEN or one printed at start-up.",
)
@click.option(
    "--allow-service",
    multiple=True,
    metavar="URL",
    help="Let SERVICE query this endpoint (or anything below it); repeatable.",
)
@click.option(
    "--allow-load",
    multiple=True,
    metavar="URL",
    help="Let LOAD (an update) fetch this URL (or anything below it); repeatable.",
)
@click.option(
    "--cors-origin",
    multiple=True,
    metavar="ORIGIN",
    help="Let web pages from this origin read answers (e.g. https://yasgui.triply.cc); repeatable.",
)
@click.option("--access-log", is_flag=True, help="Log every request on stderr.")
def serve(
    store: str | None,
    host: str,
    port: int,
    workers: int,
    timeout: float,
    max_results: int,
    max_body: str,
    allow_update: bool,
    allow_service: tuple[str, ...],
    allow_load: tuple[str, ...],
    cors_origin: tuple[str, ...],
    access_log: bool,
) -> None:
    """Serve the store: a SPARQL 1.1 endpoint, a query page and a page per entity, fact and
    article, on 127.0.0.1 and read-only unless told otherwise.

    /sparql takes GET and POST queries and answers SELECT and ASK as JSON, XML, CSV or TSV,
    CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML (by Accept). / is the
    query page with the named queries; /id/... the page of every dealgraph IRI (HTML, or RDF
    by Accept). The embedded store is read from snapshots, so `dealgraph load` can write it
    meanwhile.

    \b
    Examples:
      dealgraph serve
      dealgraph serve --port 8080 --timeout 30 --max-results 10000
      DEALGRAPH_SERVE_TOKEN=secret dealgraph serve --allow-update
    """
    import os

    from .serve import ENV_TOKEN, ServeConfig, loopback_hosts, new_token, parse_size, run
    from .store import store_location

    config = ServeConfig(
        store=store_location(store),
        workers=workers,
        timeout=timeout,
        page_timeout=max(60.0, timeout),
        max_results=max_results,
        max_body=parse_size(max_body),
        allow_update=allow_update,
        token=(os.environ.get(ENV_TOKEN) or new_token()) if allow_update else None,
        allow_service=allow_service,
        allow_load=allow_load,
        allowed_hosts=loopback_hosts(host),
        cors_origins=cors_origin,
    )
    run(config, host, port, say=lambda line: click.echo(line, err=True), access_log=access_log)


def main() -> None:
    cli(prog_name="dealgraph")


if __name__ == "__main__":
    main()
