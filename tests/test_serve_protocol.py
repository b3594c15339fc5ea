"""The SPARQL protocol parts of `dealgraph serve` that need no server: strict decoding,
content negotiation, the query form, the SERVICE/LOAD refusals, the result writers (each
format parsed back by rdflib's and pyoxigraph's own parsers) and the article highlighting."""

from __future__ import annotations

import html as stdlib_html
import io
import re
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from dealgraph.errors import QueryLimitError, RefusedError, RequestError
from dealgraph.namespaces import ID
from dealgraph.serve.pages import Span, highlight, iri_of_path
from dealgraph.serve.protocol import (
    GRAPH_TYPES,
    SOLUTION_TYPES,
    check_remote,
    negotiate,
    operation,
    parse_form,
    prefers_html,
    query_form,
    remote_references,
)
from dealgraph.serve.results import write_boolean, write_graph, write_solutions

from .serving import parse_rdf

# -- strict form decoding -------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(st.lists(st.tuples(TEXT, TEXT), max_size=5))
def test_form_decoding_gives_back_what_was_encoded(pairs: list[tuple[str, str]]) -> None:
    assert parse_form(urlencode(pairs).encode()) == pairs
    assert parse_form(urlencode(pairs, quote_via=quote).encode()) == pairs


@pytest.mark.parametrize(
    ("raw", "byte", "shown"),
    [
        (b"query=%ZZ", 6, "%ZZ"),
        (b"query=ASK%7B%7", 12, "%7"),
        (b"query=50%", 8, "%"),
        (b"a=1&query=%g0", 10, "%g0"),
        (b"q%2=1", 1, "%2"),
    ],
)
def test_malformed_percent_encoding_is_an_error_with_its_position(
    raw: bytes, byte: int, shown: str
) -> None:
    with pytest.raises(RequestError) as e:
        parse_form(raw)
    assert e.value.status == 400
    assert f"at byte {byte}: {shown!r}" in str(e.value)


def test_percent_encoded_bytes_that_are_not_utf8_are_an_error() -> None:
    with pytest.raises(RequestError, match="not UTF-8"):
        parse_form(b"query=%FF%FE")


# -- the operation of a request ---------------------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_query() -> None:
    q = "SELECT * WHERE { ?s ?p ?o } # ünïcode"
    via_get = operation("GET", None, urlencode({"query": q}).encode(), None)
    via_form = operation(
        "POST", "application/x-www-form-urlencoded", b"", urlencode({"query": q}).encode()
    )
    direct = operation("POST", "application/sparql-query; charset=utf-8", b"", q.encode())
    assert via_get.text == via_form.text == direct.text == q
    assert via_get.kind == via_form.kind == direct.kind == "query"


def test_dataset_parameters_are_read_from_the_url_and_the_form() -> None:
    op = operation(
        "POST",
        "application/x-www-form-urlencoded",
        b"named-graph-uri=http%3A%2F%2Fn",
        b"query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fa&default-graph-uri=http%3A%2F%2Fb",
    )
    assert op.default_graphs == ["http://a", "http://b"]
    assert op.named_graphs == ["http://n"]


@pytest.mark.parametrize(
    ("method", "content_type", "qs", "body", "status", "message"),
    [
        ("GET", None, b"update=CLEAR%20ALL", None, 405, "updates must be sent with POST"),
        ("GET", None, b"query=a&query=b", None, 400, "give `query` once"),
        ("POST", "text/plain", b"", b"ASK {}", 415, "unsupported Content-Type 'text/plain'"),
        ("POST", None, b"", b"ASK {}", 415, "unsupported Content-Type '(none)'"),
        (
            "POST",
            "application/x-www-form-urlencoded",
            b"",
            b"query=ASK%7B%7D&update=CLEAR%20ALL",
            400,
            "not both",
        ),
        ("POST", "application/x-www-form-urlencoded", b"", b"x=1", 400, "exactly one of"),
        (
            "POST",
            "application/sparql-update",
            b"using-graph-uri=http%3A%2F%2Fg",
            b"CLEAR ALL",
            400,
            "`using-graph-uri` is not supported",
        ),
        (
            "GET",
            None,
            b"query=ASK%7B%7D&default-graph-uri=not%20an%20iri",
            None,
            400,
            "absolute IRI",
        ),
        ("PUT", None, b"", b"", 405, "not part of the SPARQL protocol"),
        (
            "POST",
            "application/sparql-query; charset=latin-9x",
            b"",
            b"ASK{}",
            400,
            "unknown charset",
        ),
    ],
)
def test_malformed_requests_get_their_status_and_a_clear_message(
    method: str, content_type: str | None, qs: bytes, body: bytes | None, status: int, message: str
) -> None:
    with pytest.raises(RequestError) as e:
        operation(method, content_type, qs, body)
    assert e.value.status == status
    assert message in str(e.value)


# -- content negotiation ------------------------------------------------------------------------------

JSON, XML, CSV, TSV = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("text/csv", CSV),
        ("text/tab-separated-values", TSV),
        ("application/sparql-results+xml", XML),
        ("application/json", "application/json"),
        ("text/*", CSV),
        ("text/*;q=0.9, application/sparql-results+xml;q=0.5", CSV),
        ("application/sparql-results+json;q=0.1, text/csv;q=0.2", CSV),
        ("application/sparql-results+json;q=0, */*", XML),
        ("text/html, application/xhtml+xml", None),
        ("image/png", None),
        # SPARQLWrapper's and rdflib's own Accept headers
        (
            "application/sparql-results+json,application/json,text/javascript,application/javascript",
            JSON,
        ),
        ("application/sparql-results+xml, application/rdf+xml", XML),
    ],
)
def test_negotiation_for_select_and_ask(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, SOLUTION_TYPES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/sparql-results+xml, application/rdf+xml", "application/rdf+xml"),
        ("application/turtle,text/turtle", "text/turtle"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("application/sparql-results+json", None),
    ],
)
def test_negotiation_for_construct_and_describe(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, GRAPH_TYPES) == expected


def test_a_browser_prefers_html_and_a_client_does_not() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert prefers_html(browser, [*SOLUTION_TYPES, *GRAPH_TYPES])
    assert not prefers_html("*/*", SOLUTION_TYPES)
    assert not prefers_html("application/sparql-results+json", SOLUTION_TYPES)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("prefix ex: <http://ex/> ask { ?s ex:construct ?o }", "ASK"),
        ("# SELECT\nCONSTRUCT WHERE { ?s ?p 'SELECT' }", "CONSTRUCT"),
        ("BASE <http://x/select> DESCRIBE <a>", "DESCRIBE"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } } }", "CONSTRUCT"),
        ("INSERT DATA { <a> <b> <c> }", None),
    ],
)
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form


# -- SERVICE and LOAD ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("SELECT * { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }", ["http://127.0.0.1:9/q"]),
        ("select * { service silent <http://a/> { ?s ?p ?o } }", ["http://a/"]),
        ("PREFIX e: <http://e/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }", ["http://e/sparql"]),
        ("SELECT * { SERVICE wd:x { ?s ?p ?o } }", ["http://www.wikidata.org/entity/x"]),
        ("BASE <http://b/x/> SELECT * { SERVICE <q> { ?s ?p ?o } }", ["http://b/x/q"]),
        ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", [None]),
        ("SELECT * { SERVICE nope:x { ?s ?p ?o } }", [None]),
        ("SELECT * { SERVICE # sneaky\n <http://a/> { ?s ?p ?o } }", [None]),
        ('SELECT * { ?s ?p "SERVICE <http://a/>" } # SERVICE <http://b/>', []),
        ("SELECT ?service { ?service ?p <http://service/> }", []),
        ('SELECT * { ?s ?p """x " SERVICE <http://a/> """ }', []),
        ('SELECT * { ?s ?p "x\\" SERVICE <http://a/>" }', []),
        ("SELECT * { ?s ?p 'x' SERVICE <http://a/> { } }", ["http://a/"]),
        ("SELECT * { ?s ?p '''it's''' . SERVICE<http://a/>{} }", ["http://a/"]),
        ("SELECT * { ?s <http://x#SERVICE> ?o SERVICE <http://a/> {} }", ["http://a/"]),
        # a PREFIX in a comment does not redirect the real one
        (
            "# PREFIX e: <http://allowed/>\nPREFIX e: <http://evil/> SELECT * { SERVICE e:q {} }",
            ["http://evil/q"],
        ),
    ],
)
def test_service_references_are_found_as_the_parser_sees_them(
    text: str, refs: list[str | None]
) -> None:
    assert remote_references(text, "SERVICE") == refs


def test_service_and_load_are_refused_unless_allowed() -> None:
    service = "SELECT * { SERVICE <http://127.0.0.1:7878/query> { ?s ?p ?o } }"
    with pytest.raises(
        RefusedError, match=r"SERVICE <http://127.0.0.1:7878/query> is refused.*--allow-service"
    ):
        check_remote(service, "query", (), ())
    check_remote(service, "query", ("http://127.0.0.1:7878",), ())
    with pytest.raises(RefusedError, match="allowed: http://127.0.0.1:78"):
        check_remote(service, "query", ("http://127.0.0.1:78",), ())
    load = "LOAD <http://example.org/data.ttl> INTO GRAPH <http://g>"
    with pytest.raises(
        RefusedError, match="LOAD <http://example.org/data.ttl> is refused.*--allow-load"
    ):
        check_remote(load, "update", ("http://example.org/",), ())
    check_remote(load, "update", (), ("http://example.org/",))
    with pytest.raises(RefusedError, match="LOAD <file:///etc/passwd> is refused"):
        check_remote("LOAD <file:///etc/passwd>", "update", (), ("http://example.org/",))
    with pytest.raises(RefusedError, match="variable"):
        check_remote("SELECT * { SERVICE ?x { } }", "query", ("http://a/",), ())


# -- result writers, parsed back by the clients' own parsers ----------------------------------------------

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = [
    (
        ox.NamedNode("https://w3id.org/dealgraph/id/entity/huawei"),
        ox.Literal("Huawei", language="en"),
        None,
    ),
    (
        ox.BlankNode("b0"),
        ox.Literal('tab\there, "quotes", <markup> & new\nline', language="nl"),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ),
    (
        None,
        ox.Literal("МТС ünïcode"),
        ox.Literal("2019-06-05", datatype=ox.NamedNode(XSD + "date")),
    ),
]
VARS = ["s", "label", "n"]
_RDFLIB = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
_OX = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}


def _as_rdflib(t: object) -> object:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    assert isinstance(t, ox.Literal)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    if t.datatype.value == XSD + "string":
        return rdflib.Literal(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_answers_parse_back_term_for_term(fmt: str) -> None:
    body = write_solutions(fmt, VARS, ROWS, cap=10)
    parsed = rdflib.query.Result.parse(io.BytesIO(body), format=_RDFLIB[fmt])
    assert [str(v) for v in parsed.vars] == VARS
    got = [tuple(row) for row in parsed]
    want = [tuple(_as_rdflib(t) for t in row) for row in ROWS]
    # blank node labels are the server's to choose: compare them as "a blank node"
    norm = [
        [tuple("BNODE" if isinstance(x, rdflib.BNode) else x for x in row) for row in rows]
        for rows in (got, want)
    ]
    assert norm[0] == norm[1]
    oxi = list(ox.parse_query_results(body, _OX[fmt]))
    assert [tuple(s) for s in oxi][0] == ROWS[0]


def test_csv_answers_parse_back_as_plain_values() -> None:
    body = write_solutions("csv", VARS, ROWS, cap=10)
    parsed = rdflib.query.Result.parse(io.BytesIO(body), format="csv")
    rows = [tuple(None if x is None else str(x) for x in row) for row in parsed]
    assert rows[0] == ("https://w3id.org/dealgraph/id/entity/huawei", "Huawei", None)
    assert rows[1][1] == 'tab\there, "quotes", <markup> & new\nline'
    assert rows[2] == (None, "МТС ünïcode", "2019-06-05")


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters=" \t\n\r"),
        max_size=40,
    ),
    st.sampled_from(["json", "xml", "tsv"]),
)
def test_any_literal_survives_each_result_format(text: str, fmt: str) -> None:
    row = (ox.Literal(text), ox.Literal(text, language="en"))
    body = write_solutions(fmt, ["a", "b"], [row], cap=1)
    (back,) = list(ox.parse_query_results(body, _OX[fmt]))
    assert tuple(back) == row


@pytest.mark.parametrize("text", [" ", "  lead", "trail\n", "\tboth ", "cr\r\nlf", "\r"])
def test_white_space_at_the_ends_of_a_literal_survives_xml(text: str) -> None:
    """XML parsers may trim a text's ends (pyoxigraph's does) and turn \\r into \\n: the
    writer sends those characters as character references."""
    body = write_solutions("xml", ["a"], [(ox.Literal(text),)], cap=1)
    (back,) = list(ox.parse_query_results(body, ox.QueryResultsFormat.XML))
    assert back[0] == ox.Literal(text)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_cap_refuses_an_answer_one_row_too_long(fmt: str) -> None:
    write_solutions(fmt, VARS, ROWS, cap=3)
    with pytest.raises(QueryLimitError, match="more than 2 rows.*--max-results"):
        write_solutions(fmt, VARS, ROWS, cap=2)


def test_ask_answers() -> None:
    for fmt in ("json", "xml"):
        for value in (True, False):
            body = write_boolean(fmt, value)
            assert bool(rdflib.query.Result.parse(io.BytesIO(body), format=fmt)) is value
            assert bool(ox.parse_query_results(body, _OX[fmt])) is value


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")],
)
def test_graph_answers_parse_back(fmt: str, rdflib_format: str) -> None:
    triples = [
        ox.Triple(
            ox.NamedNode(ID + "entity/a"),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            lit,
        )
        for lit in (
            ox.Literal('A <b> & "c"\n', language="en"),
            ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),
        )
    ]
    g = parse_rdf(write_graph(fmt, triples, cap=5), rdflib_format)
    assert len(g) == 2
    assert (
        rdflib.URIRef(ID + "entity/a"),
        rdflib.RDFS.label,
        rdflib.Literal('A <b> & "c"\n', lang="en"),
    ) in g
    with pytest.raises(QueryLimitError, match="more than 1 triples"):
        write_graph(fmt, triples, cap=1)


# -- pages: paths and highlighted article text ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["entity/x> } DROP ALL { <y", 'entity/"x"', "entity/x y", "entity/{x}", "", "entity/x\\y"],
)
def test_a_path_that_cannot_be_an_iri_is_not_one(path: str) -> None:
    assert iri_of_path(path) is None


SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=6,
)


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40), SPANS)
def test_highlighting_keeps_the_text_and_marks_every_span(
    text: str, spans: list[tuple[int, int]]
) -> None:
    objs = [Span(a, b, f"{ID}deal/{i}", f"<fact {i}>", text[a:b]) for i, (a, b) in enumerate(spans)]
    out = str(highlight(text, objs, "/base"))
    assert stdlib_html.unescape(re.sub(r"<[^>]*>", "", out)) == text
    assert "<" not in re.sub(r"</?(a|span)( [^<>]*)?>", "", out)  # only our own tags are markup
    inside = {(a, b) for a, b in spans if b <= len(text)}
    assert set(re.findall(r'id="ev-(\d+)-(\d+)"', out)) == {(str(a), str(b)) for a, b in inside}


def test_overlapping_spans_link_every_piece_and_escape_markup() -> None:
    text = "Acme <img src=x onerror=alert(1)> signs with Globex."
    spans = [
        Span(0, 33, ID + "deal/1", "Deal", text[0:33]),
        Span(5, 51, ID + "ban/2", "Ban", text[5:51]),
    ]
    out = str(highlight(text, spans, ""))
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert out.count('href="/id/deal/1"') == 2  # [0,5) and [5,33): the first span's
    assert 'title="Deal; Ban"' in out and 'class="ev d2"' in out
    assert out.count('href="/id/ban/2"') == 1  # [33,51)
