"""The remote store beyond the contract: endpoint layouts, credentials, errors, write modes.

Tests marked `server` talk to a real `oxigraph serve` on 127.0.0.1 (or to a real socket that
misbehaves on purpose: refuses, never answers, or demands credentials).
"""

from __future__ import annotations

import base64
import io
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph
import pytest

from dealgraph.errors import DataFileError, InputError, StoreError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets
from dealgraph.rdf import sheet_quads, to_nquads
from dealgraph.remote import (
    Endpoints,
    RemoteStore,
    auth_headers,
    load_layouts,
    parse_layouts,
)
from dealgraph.store import META_GRAPH, open_store

from .conftest import SEED_ARTICLE_QUADS, SEED_ENTITY_QUADS, article_graphs
from .servers import OxigraphServer, free_port, oxigraph_exe, oxigraph_server

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
ART = "https://w3id.org/dealgraph/id/article/"


def copy_of(seed: FactSheet, article_id: str) -> FactSheet:
    return replace(seed, article=replace(seed.article, id=article_id))


# -- where the endpoints are ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "query", "update", "gsp", "union", "write"),
    [
        (
            "http://127.0.0.1:7878",
            "http://127.0.0.1:7878/query",
            "http://127.0.0.1:7878/update",
            "http://127.0.0.1:7878/store",
            {"union-default-graph": ""},
            "update",
        ),
        (
            "fuseki+https://kb.example.org/dealgraph/",
            "https://kb.example.org/dealgraph/query",
            "https://kb.example.org/dealgraph/update",
            "https://kb.example.org/dealgraph/data",
            {"default-graph-uri": "urn:x-arq:UnionGraph"},
            "update",
        ),
        (
            "graphdb+http://localhost:7200/repositories/news",
            "http://localhost:7200/repositories/news",
            "http://localhost:7200/repositories/news/statements",
            "http://localhost:7200/repositories/news/rdf-graphs/service",
            {},
            "update",
        ),
        (
            "virtuoso+http://localhost:8890",
            "http://localhost:8890/sparql",
            "http://localhost:8890/sparql",
            "http://localhost:8890/sparql-graph-crud",
            {},
            "graph-store",
        ),
        (
            "sparql+https://db.example.org:8182/sparql",
            "https://db.example.org:8182/sparql",
            "https://db.example.org:8182/sparql",
            None,
            {},
            "update",
        ),
    ],
)
def test_endpoints_of_each_kind_of_server(
    location: str,
    query: str,
    update: str,
    gsp: str | None,
    union: dict[str, str],
    write: str,
) -> None:
    e = Endpoints.parse(location, env={})
    assert (e.query, e.update, e.graph_store, e.union, e.write) == (
        query,
        update,
        gsp,
        union,
        write,
    )


def test_endpoint_urls_can_be_overridden_from_the_environment() -> None:
    e = Endpoints.parse(
        "sparql+https://db.example.org/sparql",
        env={
            "DEALGRAPH_STORE_UPDATE_URL": "https://db.example.org/update",
            "DEALGRAPH_STORE_GSP_URL": "https://db.example.org/gsp",
        },
    )
    assert (e.query, e.update, e.graph_store) == (
        "https://db.example.org/sparql",
        "https://db.example.org/update",
        "https://db.example.org/gsp",
    )


@pytest.mark.parametrize(
    ("location", "message"),
    [
        (
            "fusekii+http://h:3030/ds",
            "unknown kind of SPARQL server 'fusekii'; did you mean 'fuseki'?",
        ),
        ("https://alice:secret@kb.example.org", "credentials do not belong in the store URL"),
        ("http://h:7878/?x=1", "without ?query or #fragment"),
        ("oxigraph+ftp://h", "not an http(s) URL"),
    ],
)
def test_bad_store_urls(location: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as exc:
        Endpoints.parse(location, env={})
    assert "secret" not in str(exc.value)


def test_credentials_come_from_the_environment_only() -> None:
    https = Endpoints.parse("fuseki+https://kb.example.org/ds", env={})
    basic = auth_headers(
        https, {"DEALGRAPH_STORE_USER": "alice", "DEALGRAPH_STORE_PASSWORD": "s3cret"}
    )
    assert basic == {"Authorization": "Basic " + base64.b64encode(b"alice:s3cret").decode()}
    assert auth_headers(https, {"DEALGRAPH_STORE_TOKEN": "t0k"}) == {"Authorization": "Bearer t0k"}
    assert auth_headers(https, {}) == {}
    local = Endpoints.parse("http://127.0.0.1:7878", env={})
    assert auth_headers(local, {"DEALGRAPH_STORE_TOKEN": "t0k"})  # this machine: fine over http


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEALGRAPH_STORE_TOKEN": "t"}, "credentials would travel unencrypted over http"),
        ({"DEALGRAPH_STORE_USER": "alice"}, "set both DEALGRAPH_STORE_USER and"),
        (
            {
                "DEALGRAPH_STORE_TOKEN": "t",
                "DEALGRAPH_STORE_USER": "a",
                "DEALGRAPH_STORE_PASSWORD": "b",
            },
            "either DEALGRAPH_STORE_TOKEN or",
        ),
        ({"DEALGRAPH_STORE_TIMEOUT": "soon"}, "DEALGRAPH_STORE_TIMEOUT=soon: give a number"),
    ],
)
def test_bad_credentials_and_settings(env: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        RemoteStore.from_location("http://kb.example.org:7878", env=env)


def test_the_layouts_file_is_checked_on_load() -> None:
    assert {"oxigraph", "fuseki", "graphdb", "virtuoso", "sparql"} <= set(load_layouts())
    good = "oxigraph:\n  title: t\n  example: e\n  query: /q\n  update: null\n  graph_store: null\n  dataset: null\n  union: {}\n  write: update\n"
    assert parse_layouts(good)["oxigraph"].query == "/q"
    with pytest.raises(DataFileError, match=r"x.yaml:1: oxigraph: `write` must be one of"):
        parse_layouts(good.replace("write: update", "write: telepathy"), "x.yaml")
    with pytest.raises(DataFileError, match="the `oxigraph` layout"):
        parse_layouts(good.replace("oxigraph:", "other:"), "x.yaml")
    with pytest.raises(DataFileError, match="unknown field"):
        parse_layouts(good + "  colour: blue\n", "x.yaml")


@pytest.mark.parametrize("kind", sorted(load_layouts()))
def test_every_layout_is_documented(kind: str) -> None:
    layout = load_layouts()[kind]
    section = README.split("## Stores", 1)[1].split("\n## ", 1)[0]
    assert f"`{layout.example}`" in section, f"README's Stores section does not show {kind}"


# -- a real server -------------------------------------------------------------------------------


@pytest.mark.server
def test_the_server_is_pyoxigraphs_version() -> None:
    out = subprocess.run([oxigraph_exe(), "--version"], capture_output=True, text=True).stdout
    assert out.split()[-1] == pyoxigraph.__version__


@pytest.mark.server
def test_the_server_serves_a_directory_the_embedded_store_wrote(
    tmp_path: Path, seed: FactSheet
) -> None:
    with open_store(tmp_path / "data") as embedded:
        load_sheets(embedded, [seed])
    with oxigraph_server(tmp_path / "data") as server, open_store(server.url) as remote:
        assert article_graphs(remote.graphs()) == [ART + "957069b94ee8dd14"] and len(remote) == 534
        assert remote.ask("ASK { ?a dg:contractsWith ?b }")


@pytest.mark.server
def test_a_server_that_is_down_gets_a_clear_error() -> None:
    with open_store(f"http://127.0.0.1:{free_port()}") as store:
        for action in (lambda: store.query("ASK {}"), lambda: store.replace_graphs([])):
            with pytest.raises(StoreError, match="connection refused; is the server running"):
                action()


@pytest.mark.server
def test_a_wrong_path_gets_a_clear_error(oxigraph: OxigraphServer) -> None:
    with (
        open_store(oxigraph.url + "/nowhere") as store,
        pytest.raises(StoreError, match=r"no SPARQL endpoint at .*/nowhere/query \(404"),
    ):
        store.graphs()


@pytest.mark.server
def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the kernel accepts the connection; nobody ever answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with (
            RemoteStore(Endpoints.parse(url, env={}), timeout=0.3) as store,
            pytest.raises(
                StoreError, match=r"did not answer within 0.3 s .*DEALGRAPH_STORE_TIMEOUT"
            ),
        ):
            store.query("ASK {}")


@pytest.fixture
def locked_door() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records Authorization headers and answers 401."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.headers.get("Authorization", ""))
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(401)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"who are you?")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.server
def test_credentials_are_sent_and_a_refusal_is_explained(
    locked_door: tuple[str, list[str]],
) -> None:
    url, seen = locked_door
    env = {"DEALGRAPH_STORE_USER": "alice", "DEALGRAPH_STORE_PASSWORD": "s3cret"}
    with (
        RemoteStore.from_location(url, env=env) as store,
        pytest.raises(StoreError) as exc,
    ):
        store.query("ASK {}")
    assert seen == ["Basic " + base64.b64encode(b"alice:s3cret").decode()]
    assert "refused running a query (401: who are you?)" in str(exc.value)
    assert "DEALGRAPH_STORE_USER" in str(exc.value) and "s3cret" not in str(exc.value)


@pytest.mark.server
@pytest.mark.parametrize("write", ["update", "graph-store"])
def test_both_write_paths_in_small_batches(
    oxigraph: OxigraphServer, seed: FactSheet, write: str
) -> None:
    """Requests of 20 kB: every load spans several requests, and still nothing doubles."""
    endpoints = replace(Endpoints.parse(oxigraph.url, env={}), write=write)
    sheets = [seed, copy_of(seed, "b"), copy_of(seed, "c")]
    with RemoteStore(endpoints, max_request_bytes=20_000, batch_bytes=20_000) as store:
        load_sheets(store, sheets)
        token = store.generation()
        load_sheets(store, sheets)
        assert (
            len(store) == 3 * SEED_ARTICLE_QUADS + SEED_ENTITY_QUADS and store.generation() != token
        )
        data = "".join(to_nquads(sheet_quads(s)) for s in sheets).encode()
        report = store.load_nquads([io.BytesIO(data)])
        assert article_graphs(report.replaced) == sorted(
            ART + a for a in ("957069b94ee8dd14", "b", "c")
        )
        assert len(store) == 3 * SEED_ARTICLE_QUADS + SEED_ENTITY_QUADS
        lines = data.splitlines(keepends=True)
        scattered = b"".join(lines[::2] + lines[1::2])  # every graph in two places
        store.load_nquads([io.BytesIO(scattered)])
        buf = io.BytesIO()
        store.dump(buf)
        assert sorted(buf.getvalue().splitlines()) == sorted(set(data.splitlines()))
        assert (
            store.remove_graphs([ART + "b"]) == [ART + "b"]
            and len(store) == 2 * SEED_ARTICLE_QUADS + SEED_ENTITY_QUADS
        )


@pytest.mark.server
def test_the_meta_graph_stays_out_of_the_way(oxigraph: OxigraphServer, seed: FactSheet) -> None:
    with open_store(oxigraph.url) as store:
        load_sheets(store, [seed])
        token = store.generation()
        assert token is not None and re.fullmatch(r"[0-9a-f]{16}", token)
        assert META_GRAPH not in store.graphs() and len(store) == 534
        buf = io.BytesIO()
        assert store.dump(buf) == 534 and META_GRAPH.encode() not in buf.getvalue()
        # documented: a query over every triple sees the token's one triple
        r = store.query("SELECT ?t WHERE { ?s dg:storeGeneration ?t }")
        assert r.values("t") == [token]


@pytest.mark.server
def test_another_sparql_client_sees_what_dealgraph_wrote(
    oxigraph: OxigraphServer, seed: FactSheet
) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    with open_store(oxigraph.url) as store:
        load_sheets(store, [seed])
    client = SPARQLWrapper(f"{oxigraph.url}/query")
    client.setQuery(
        "SELECT ?a ?b WHERE { GRAPH ?g { ?a <https://w3id.org/dealgraph/ontology#bans> ?b } }"
    )
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [(r["a"]["value"], r["b"]["value"]) for r in rows] == [
        (
            "https://w3id.org/dealgraph/id/entity/united-states",
            "https://w3id.org/dealgraph/id/entity/huawei",
        )
    ]
