"""`dealgraph serve` as a real process on 127.0.0.1, queried by real clients: SPARQLWrapper and
rdflib's SPARQLStore, each answer parsed by the client's own parser; the refusals (an update on
a read-only endpoint, SERVICE, a runaway query, a 10 MB body, malformed percent-encoding);
federation with an allowed `oxigraph serve`; a remote store served through; `dealgraph load`
beside the server; updates with the token."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request
import xml.dom.minidom
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from dealgraph.namespaces import DG, entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.seed import seed_sheet
from dealgraph.store import open_store

from .conftest import run_cli
from .servers import OxigraphServer, free_port
from .serving import DealgraphServer, dealgraph_server, markup_sheet, parse_rdf
from .tiny import tiny_sheet

pytestmark = [
    pytest.mark.server,
    # SPARQLWrapper parses RDF answers into rdflib's ConjunctiveGraph, which rdflib deprecates
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]

HUAWEI, MTS, US = entity_iri("huawei"), entity_iri("mts"), entity_iri("united-states")
SELECT = "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b } ORDER BY ?a"
CONSTRUCT = "CONSTRUCT { ?a dg:bans ?b } WHERE { ?a dg:bans ?b }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BANS = (rdflib.URIRef(US), rdflib.URIRef(DG + "bans"), rdflib.URIRef(HUAWEI))


def seeded_store(path: Path) -> Path:
    with open_store(path) as s:
        load_sheets(s, [seed_sheet(), markup_sheet()])
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DealgraphServer]:
    store = seeded_store(tmp_path_factory.mktemp("served") / "store")
    with dealgraph_server(store, "--timeout", "2", "--workers", "2") as s:
        yield s


def wrapper(server: DealgraphServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(server.endpoint)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setTimeout(60)
    return sw


def refused(call: Callable[[], object]) -> tuple[int, str]:
    """The status and message of the HTTP error ``call`` must raise (the response closed)."""
    with pytest.raises(urllib.error.HTTPError) as e:
        call()
    with e.value:
        return e.value.code, e.value.read().decode()


def read_response(sock: socket.socket) -> bytes:
    """One whole HTTP response (its headers and Content-Length bytes of body) from ``sock``."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the connection closed after {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))  # type: ignore[union-attr]
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the connection closed inside the body"
        body += chunk
    return head + b"\r\n\r\n" + body


# -- SPARQLWrapper ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_as_json_and_xml(server: DealgraphServer, method: str) -> None:
    data = wrapper(server, SELECT, JSON, method).query().convert()
    pairs = {(b["a"]["value"], b["b"]["value"]) for b in data["results"]["bindings"]}  # type: ignore[index]
    assert (HUAWEI, MTS) in pairs and (MTS, HUAWEI) in pairs and len(pairs) == 4
    doc = wrapper(server, SELECT, XML, method).query().convert()
    assert isinstance(doc, xml.dom.minidom.Document)
    uris = {u.firstChild.data for u in doc.getElementsByTagName("uri")}
    assert {HUAWEI, MTS} <= uris


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_sparqlwrapper_select_as_csv_and_tsv(server: DealgraphServer, fmt: str) -> None:
    raw = wrapper(server, SELECT, fmt).query().convert()
    assert isinstance(raw, bytes)
    parsed = rdflib.query.Result.parse(io.BytesIO(raw), format=fmt.lower())
    assert {(str(a), str(b)) for a, b in parsed} >= {(HUAWEI, MTS), (MTS, HUAWEI)}


def test_sparqlwrapper_ask(server: DealgraphServer) -> None:
    ask = f"ASK {{ <{US}> dg:bans <{HUAWEI}> }}"
    assert wrapper(server, ask, JSON).query().convert()["boolean"] is True  # type: ignore[index]
    doc = wrapper(server, ask, XML).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]


@pytest.mark.parametrize(("fmt", "rdflib_format"), [(TURTLE, "turtle"), (N3, "turtle")])
def test_sparqlwrapper_construct_as_turtle(
    server: DealgraphServer, fmt: str, rdflib_format: str
) -> None:
    raw = wrapper(server, CONSTRUCT, fmt).query().convert()
    assert BANS in parse_rdf(raw, rdflib_format)  # type: ignore[arg-type]


def test_sparqlwrapper_construct_as_rdfxml_and_jsonld(server: DealgraphServer) -> None:
    g = wrapper(server, CONSTRUCT, RDFXML).query().convert()  # SPARQLWrapper parses it itself
    assert isinstance(g, rdflib.Graph) and BANS in g
    g = wrapper(server, CONSTRUCT, JSONLD).query().convert()
    assert isinstance(g, rdflib.Graph) and BANS in g
    describe = wrapper(server, f"DESCRIBE <{HUAWEI}>", RDFXML).query().convert()
    assert (rdflib.URIRef(HUAWEI), rdflib.RDFS.label, rdflib.Literal("Huawei")) in describe  # type: ignore[operator]


def test_sparqlwrapper_gets_the_parsers_message(server: DealgraphServer) -> None:
    with pytest.raises(QueryBadFormed, match=r"line 1, column"):
        wrapper(server, "SELECT ?a WHERE { ?a ?b }", JSON).query()


# -- rdflib's SPARQLStore ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(server: DealgraphServer, method: str) -> None:
    g = rdflib.Graph(store=SPARQLStore(server.endpoint, method=method, returnFormat="xml"))
    rows = list(g.query(f"SELECT ?b WHERE {{ <{HUAWEI}> <{DG}contractsWith> ?b }}"))
    assert [str(r[0]) for r in rows] == [MTS]  # type: ignore[index]
    labels = set(g.objects(rdflib.URIRef(HUAWEI), rdflib.RDFS.label))
    assert labels == {rdflib.Literal("Huawei")}
    assert g.query(f"ASK {{ <{US}> <{DG}bans> <{HUAWEI}> }}").askAnswer is True
    constructed = g.query(f"CONSTRUCT {{ ?a <{DG}bans> ?b }} WHERE {{ ?a <{DG}bans> ?b }}").graph
    assert constructed is not None and BANS in constructed


def test_rdflib_sparqlstore_json(server: DealgraphServer) -> None:
    g = rdflib.Graph(store=SPARQLStore(server.endpoint, returnFormat="json"))
    rows = list(g.query(SELECT))
    assert (rdflib.URIRef(HUAWEI), rdflib.URIRef(MTS)) in [tuple(r) for r in rows]  # type: ignore[arg-type]


# -- linked data over HTTP ---------------------------------------------------------------------------


def test_an_iri_dereferences_to_turtle_that_parses_back(server: DealgraphServer) -> None:
    req = urllib.request.Request(
        f"{server.url}/id/entity/huawei", headers={"Accept": "text/turtle"}
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.headers["Content-Type"] == "text/turtle; charset=utf-8"
        g = parse_rdf(r.read(), "turtle")
    assert BANS in g
    assert (
        rdflib.URIRef(HUAWEI),
        rdflib.OWL.sameAs,
        rdflib.URIRef("http://www.wikidata.org/entity/Q160120"),
    ) in g


# -- refusals ------------------------------------------------------------------------------------------


def test_an_update_is_refused_without_the_option(server: DealgraphServer) -> None:
    sw = wrapper(server, "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", JSON, POST)
    code, message = refused(sw.query)
    assert code == 403 and "read-only" in message
    ask = wrapper(server, "ASK { <http://x/a> ?p ?o }", JSON).query().convert()
    assert ask["boolean"] is False  # type: ignore[index]


class Listener:
    """A TCP port that records whether anyone connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(5)
        self.sock.close()


def test_service_to_a_local_port_is_refused_and_never_called(server: DealgraphServer) -> None:
    listener = Listener()
    try:
        query = (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        )
        code, message = refused(wrapper(server, query, JSON).query)
        assert code == 403
        assert f"SERVICE <http://127.0.0.1:{listener.port}/sparql> is refused" in message
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_a_runaway_query_times_out_and_the_server_answers_the_next(server: DealgraphServer) -> None:
    start = time.monotonic()
    code, message = refused(wrapper(server, RUNAWAY, JSON).query)
    took = time.monotonic() - start
    assert code == 503
    assert "ran longer than 2 s" in message
    assert 2 <= took < 10
    assert wrapper(server, "ASK { ?s ?p ?o }", JSON).query().convert()["boolean"] is True  # type: ignore[index]
    assert server.process.poll() is None
    assert server.status()["timeouts"] >= 1


def test_a_10_mb_body_is_refused_before_it_is_sent(server: DealgraphServer) -> None:
    size = 10 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\n"
            + f"Content-Length: {size}\r\n\r\n".encode()
            + b"#" * 65536  # the first 64 KiB of 10 MiB; the rest is never sent
        )
        reply = read_response(s)
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert b"larger than 1048576 bytes" in reply
    # a keep-alive client that sends it all before it reads gets the same answer (uvicorn
    # discards the rest; the app never reads it)
    body = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * size).encode()
    r = httpx.post(
        server.endpoint,
        content=body,
        headers={"Content-Type": "application/sparql-query"},
        timeout=60,
    )
    assert r.status_code == 413
    assert server.process.poll() is None
    assert wrapper(server, "ASK { ?s ?p ?o }", JSON).query().convert()["boolean"] is True  # type: ignore[index]


@pytest.mark.parametrize(
    "query_string", ["query=%ZZ", "query=SELECT%20*%20WHERE%20%7B%7D%", "query=%C3%28"]
)
def test_malformed_percent_encoding_is_a_400(server: DealgraphServer, query_string: str) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(
            f"GET /sparql?{query_string} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        reply = read_response(s)
    assert reply.startswith(b"HTTP/1.1 400 ")
    assert b"percent-encoding" in reply or b"not UTF-8" in reply


# -- federation, a remote store, a writer beside the server, updates ------------------------------------


def test_service_to_an_allowed_endpoint_federates(tmp_path: Path, oxigraph: OxigraphServer) -> None:
    oxigraph.update(
        'INSERT DATA { GRAPH <http://g> { <http://x/remote> <http://x/says> "hello" } }'
    )
    store = seeded_store(tmp_path / "store")
    with dealgraph_server(store, "--allow-service", oxigraph.url) as s:
        query = (
            f"SELECT ?said ?b WHERE {{ SERVICE <{oxigraph.url}/query?union-default-graph> "
            f"{{ <http://x/remote> <http://x/says> ?said }} <{HUAWEI}> dg:contractsWith ?b }}"
        )
        data = wrapper(s, query, JSON).query().convert()
        rows = [(b["said"]["value"], b["b"]["value"]) for b in data["results"]["bindings"]]  # type: ignore[index]
        assert rows == [("hello", MTS)]
        other = (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/query> {{ ?s ?p ?o }} }}"
        )
        assert refused(wrapper(s, other, JSON).query)[0] == 403


def test_serving_a_remote_store(oxigraph: OxigraphServer) -> None:
    with open_store(oxigraph.url) as remote:
        load_sheets(remote, [seed_sheet()])
    with dealgraph_server(oxigraph.url) as s:
        data = wrapper(s, SELECT, JSON).query().convert()
        pairs = {(b["a"]["value"], b["b"]["value"]) for b in data["results"]["bindings"]}  # type: ignore[index]
        assert pairs == {(HUAWEI, MTS), (MTS, HUAWEI)}
        raw = wrapper(s, CONSTRUCT, TURTLE).query().convert()
        assert BANS in parse_rdf(raw, "turtle")  # type: ignore[arg-type]
        with urllib.request.urlopen(f"{s.url}/id/entity/huawei", timeout=60) as r:
            assert "<h1>Huawei</h1>" in r.read().decode()
        url = f"{s.url}/sparql?query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fg"
        code, message = refused(lambda: urllib.request.urlopen(url, timeout=60))
        assert code == 400 and "not supported when serving a remote store" in message


def test_dealgraph_load_beside_the_server(tmp_path: Path) -> None:
    store = seeded_store(tmp_path / "store")
    newco = entity_iri("newco")
    ask = f"ASK {{ <{newco}> ?p ?o }}"
    with dealgraph_server(store) as s:
        assert "Turned on snapshots" in s.output()
        assert wrapper(s, ask, JSON).query().convert()["boolean"] is False  # type: ignore[index]
        sheet = tmp_path / "newco.yaml"
        sheet.write_text(
            tiny_sheet([("Deal", {"party": ["newco", "oldco"]}, "2021")], article="newco").dumps()
        )
        result = run_cli("load", str(sheet), "--store", str(store), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert wrapper(s, ask, JSON).query().convert()["boolean"] is True  # type: ignore[index]


def test_updates_with_the_token(tmp_path: Path) -> None:
    store = seeded_store(tmp_path / "store")
    update = "INSERT DATA { GRAPH <http://x/g> { <http://x/a> rdfs:label 'added' } }"
    ask = "ASK { <http://x/a> rdfs:label 'added' }"
    with dealgraph_server(store, "--allow-update") as s:
        m = re.search(r"update token\s+(\S+)", s.output())
        assert m, s.output()
        token = m.group(1)
        cmdline = Path(f"/proc/{s.process.pid}/cmdline").read_bytes()
        assert token.encode() not in cmdline
        sw = wrapper(s, update, JSON, POST)
        with pytest.raises(Unauthorized):
            sw.query()
        sw.addCustomHttpHeader("Authorization", f"Bearer {token}")
        sw.query()
        assert wrapper(s, ask, JSON).query().convert()["boolean"] is True  # type: ignore[index]
    with dealgraph_server(
        store, "--allow-update", env={"DEALGRAPH_SERVE_TOKEN": "from-the-env"}
    ) as s:
        assert "from-the-env" not in s.output()
        sw = wrapper(s, "DELETE WHERE { GRAPH ?g { <http://x/a> ?p ?o } }", JSON, POST)
        sw.addCustomHttpHeader("Authorization", "Bearer from-the-env")
        sw.query()
        assert wrapper(s, ask, JSON).query().convert()["boolean"] is False  # type: ignore[index]


def test_bad_options_fail_at_start(tmp_path: Path) -> None:
    result = run_cli(
        "serve", "--store", str(tmp_path / "none"), "--port", str(free_port()), cwd=tmp_path
    )
    assert result.returncode == 2
    assert "Error: no store at" in result.stderr
    result = run_cli("serve", "--store", ":memory:", cwd=tmp_path)
    assert result.returncode == 2 and "in-memory store would be empty" in result.stderr
    result = run_cli("serve", "--max-body", "lots", cwd=tmp_path)
    assert result.returncode == 2 and "'lots' is not a size" in result.stderr


def test_the_status_page(server: DealgraphServer) -> None:
    status = server.status()
    assert status["read_only"] is True and status["workers"] == 2
    assert len(status["worker_pids"]) == 2
    assert json.dumps(status)
    assert os.getpid() not in status["worker_pids"]
