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
        metavar="DIR",
        help="The store: a directory for the embedded store (default ./dealgraph-data, or $DEALGRAPH_STORE).",
    )(f)


def _open(store: str | None, must_exist: bool = True) -> Any:
    from pathlib import Path

    from .errors import InputError
    from .store import open_store, store_location

    loc = store_location(store)
    if must_exist and not loc.startswith(("http://", "https://")) and not Path(loc).is_dir():
        raise InputError(
            f"no store at {loc}; run `dealgraph demo` or `dealgraph load` first, or give --store"
        )
    return open_store(loc)


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


def _progress(paths: tuple[str, ...]) -> Any:
    """A progress bar on stderr over the input files."""
    from .pipeline import count_inputs

    return click.progressbar(
        length=count_inputs(paths), label="articles", file=sys.stderr, show_pos=True
    )


@cli.command()
@store_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@max_size_option
def ingest(store: str | None, paths: tuple[str, ...], max_mb: int) -> None:
    """Read, clean, extract and load articles: files, folders, .html .htm .txt .md .jsonl
    (and .gz of them).

    Prints a summary: articles read, facts by type, new entities to review, and every file
    skipped with its reason (empty, binary, too large, wrongly encoded, truncated). Exit
    code 2 when something was skipped, 0 otherwise. Ingesting the same input again changes
    nothing; a curated sheet of the same article wins.
    """
    from .pipeline import ingest as run_ingest

    with _progress(paths) as bar, _open(store, must_exist=False) as st:
        report = run_ingest(st, paths, max_mb * 1024 * 1024, progress=bar.update)
        quads = len(st)
    for line in report.lines():
        click.echo(line)
    if report.load is not None:
        for f in report.load.kept_curated:
            click.echo(f"kept the curated sheet of {f}")
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

    with _progress(paths) as bar:
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
    with _open(store) as st:
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
    with _open(store) as st:
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
@click.option("--title", default="dealgraph", show_default=True, help="The page title.")
def view(store: str | None, output: str, title: str) -> None:
    """Write an interactive graph view of the store as one self-contained HTML page.

    The page opens from disk with no network: click a node or an edge to see its facts, dates,
    evidence quotes and sources.
    """
    from .graph import project
    from .view import overview, write_view

    with _open(store) as st:
        report = write_view(overview(project(st, include_facts=True)), output, title=title)
    click.echo(
        f"wrote {report.path} ({report.nodes} nodes, {report.edges} edges, {report.bytes // 1024} KiB)"
    )


def main() -> None:
    cli(prog_name="dealgraph")


if __name__ == "__main__":
    main()
