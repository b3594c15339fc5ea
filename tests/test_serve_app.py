"""The `dealgraph serve` app on uvicorn (in a thread of the test process, so that each test
module can give it its own configuration) over a real embedded store and real query worker
processes, queried over HTTP with httpx: the protocol, refusals and limits, linked-data pages
and the query page. The `dealgraph serve` command itself, queried by SPARQLWrapper and rdflib,
is in test_serve_server.py."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
import rdflib
from starlette.applications import Starlette
from starlette.routing import Mount

from dealgraph.namespaces import ID, article_iri, entity_iri
from dealgraph.pipeline import load_sheets
from dealgraph.seed import seed_sheet
from dealgraph.serve import DealgraphApp, ServeConfig, SparqlRouter, loopback_hosts
from dealgraph.store import open_store

from .serving import XSS, app_server, markup_sheet, parse_rdf
from .tiny import tiny_sheet

pytestmark = pytest.mark.server
SEED_ARTICLE = article_iri("957069b94ee8dd14")
HUAWEI, MTS = entity_iri("huawei"), entity_iri("mts")
RELATIONS = "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b } ORDER BY ?a"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def make_store(path: Path) -> Path:
    with open_store(path) as s:
        load_sheets(s, [seed_sheet(), markup_sheet()])
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@contextmanager
def client_of(config: ServeConfig) -> Iterator[httpx.Client]:
    with app_server(DealgraphApp(config)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def client(store_dir: Path) -> Iterator[httpx.Client]:
    config = ServeConfig(store=str(store_dir), allowed_hosts=loopback_hosts("127.0.0.1"))
    with client_of(config) as c:
        yield c


def q(client: httpx.Client, query: str, accept: str | None = None, **kw: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", params={"query": query, **kw}, headers=headers)


# -- the protocol --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
        (None, "application/sparql-results+json", "json"),
    ],
)
def test_select_answers_in_each_format(
    client: httpx.Client, accept: str | None, media: str, fmt: str
) -> None:
    r = q(client, RELATIONS, accept)
    assert r.status_code == 200
    assert r.headers["content-type"] == f"{media}; charset=utf-8"
    assert r.headers["vary"] == "Accept"
    parsed = rdflib.query.Result.parse(io.BytesIO(r.content), format=fmt)
    pairs = {(str(a), str(b)) for a, b in parsed}
    assert pairs == {
        (HUAWEI, MTS),
        (MTS, HUAWEI),
        (entity_iri("globex"), entity_iri("xss")),
        (entity_iri("xss"), entity_iri("globex")),
    }


def test_get_post_form_and_post_direct_answer_alike(client: httpx.Client) -> None:
    via_get = q(client, RELATIONS).content
    via_form = client.post("/sparql", data={"query": RELATIONS}).content
    direct = client.post(
        "/sparql",
        content=RELATIONS.encode(),
        headers={"Content-Type": "application/sparql-query"},
    ).content
    assert via_get == via_form == direct
    head = client.head("/sparql", params={"query": RELATIONS})
    assert head.status_code == 200 and head.content == b""


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
@pytest.mark.parametrize(
    "query",
    [
        "CONSTRUCT { ?a dg:bans ?b } WHERE { ?a dg:bans ?b }",
        "DESCRIBE <https://w3id.org/dealgraph/id/entity/united-states>",
    ],
)
def test_construct_and_describe_in_each_format(
    client: httpx.Client, query: str, accept: str, rdflib_format: str
) -> None:
    r = q(client, query, accept)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(accept)
    g = parse_rdf(r.content, rdflib_format)
    ban = (
        rdflib.URIRef(entity_iri("united-states")),
        rdflib.URIRef("https://w3id.org/dealgraph/ontology#bans"),
        rdflib.URIRef(HUAWEI),
    )
    assert ban in g


def test_ask(client: httpx.Client) -> None:
    r = q(
        client, f"ASK {{ <{HUAWEI}> dg:contractsWith <{MTS}> }}", "application/sparql-results+xml"
    )
    assert bool(rdflib.query.Result.parse(io.BytesIO(r.content), format="xml"))
    r = q(client, f"ASK {{ <{MTS}> dg:bans ?x }}")
    assert r.json() == {"head": {}, "boolean": False}


def test_bad_sparql_is_a_400_with_the_parsers_line_and_column(client: httpx.Client) -> None:
    r = q(client, "SELECT ?a WHERE {\n  ?a dg:x ?b . FILTER( }")
    assert r.status_code == 400
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert "bad SPARQL: error at 2:25" in r.text and "(line 2, column 25)" in r.text


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        (
            {"method": "GET", "url": "/sparql?query=ASK%7B%7D", "headers": {"Accept": "image/png"}},
            406,
            "can carry a ASK answer",
        ),
        (
            {
                "method": "GET",
                "url": "/sparql?query=CONSTRUCT%20WHERE%7B%3Fs%20%3Fp%20%3Fo%7D",
                "headers": {"Accept": "application/sparql-results+json"},
            },
            406,
            "ask for one of text/turtle",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"ASK {}",
                "headers": {"Content-Type": "text/plain"},
            },
            415,
            "unsupported Content-Type",
        ),
        (
            {"method": "GET", "url": "/sparql?query=%ZZ"},
            400,
            "malformed percent-encoding in the query string at byte 6",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"query=ASK%7B%7",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            400,
            "malformed percent-encoding in the form body",
        ),
        (
            {"method": "GET", "url": "/sparql?update=CLEAR%20ALL"},
            405,
            "updates must be sent with POST",
        ),
        ({"method": "PUT", "url": "/sparql", "content": b"x"}, 405, ""),
    ],
)
def test_malformed_requests(
    client: httpx.Client, request_args: dict, status: int, message: str
) -> None:  # type: ignore[type-arg]
    r = client.request(**request_args)
    assert r.status_code == status
    assert message in r.text


def test_a_body_over_the_limit_is_refused_from_its_length(client: httpx.Client) -> None:
    big = b"#" * (1024 * 1024 + 1)
    r = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert "larger than 1048576 bytes" in r.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while reading
        for _ in range(40):
            yield b"#" * 65536

    r = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413


def test_dataset_parameters_choose_the_graphs(client: httpx.Client) -> None:
    count = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dg:Deal }"
    markup = article_iri("markup-test")

    def n(**kw: str) -> int:
        return int(q(client, count, **kw).json()["results"]["bindings"][0]["n"]["value"])

    assert n() == 2
    assert n(**{"default-graph-uri": SEED_ARTICLE}) == 1
    assert n(**{"default-graph-uri": markup}) == 1
    assert n(**{"default-graph-uri": ID + "article/none"}) == 0
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a dg:Deal } }"
    r = q(client, graphs, **{"named-graph-uri": markup})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [markup]


def test_updates_are_refused_by_a_read_only_endpoint(client: httpx.Client) -> None:
    for kw in (
        {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"data": {"update": "CLEAR ALL"}},
    ):
        r = client.post("/sparql", **kw)  # type: ignore[arg-type]
        assert r.status_code == 403
        assert "read-only" in r.text and "--allow-update" in r.text
    assert q(client, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_service_is_refused_before_anything_runs(client: httpx.Client) -> None:
    r = q(client, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert r.status_code == 403
    assert "SERVICE <http://127.0.0.1:9/sparql> is refused" in r.text
    assert "--allow-service http://127.0.0.1:9/sparql" in r.text


def test_get_without_a_query_describes_the_service_or_shows_the_page(client: httpx.Client) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    g = parse_rdf(r.content, "turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef(str(client.base_url.join("/sparql")))) in g
    assert (None, sd.feature, sd.UnionDefaultGraph) in g
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    r = client.get("/sparql", headers=browser, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    r = client.get("/sparql", params={"query": RELATIONS}, headers=browser, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?" + urlencode({"query": RELATIONS})


def test_other_hosts_are_not_answered(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": RELATIONS}, headers={"Host": "evil.example"})
    assert r.status_code == 400


# -- limits: time, size of the answer ---------------------------------------------------------------


@pytest.fixture(scope="module")
def limited(store_dir: Path) -> Iterator[httpx.Client]:
    with client_of(ServeConfig(store=str(store_dir), timeout=1.0, max_results=3)) as c:
        yield c


def test_a_runaway_query_is_stopped_and_the_next_one_answered(limited: httpx.Client) -> None:
    before = limited.get("/status").json()
    start = time.monotonic()
    r = q(limited, RUNAWAY)
    took = time.monotonic() - start
    assert r.status_code == 503
    assert "ran longer than 1 s" in r.text and "--timeout" in r.text
    assert took < 5
    assert q(limited, "ASK { ?s ?p ?o }").json()["boolean"] is True
    deadline = time.monotonic() + 20
    while limited.get("/status").json()["restarts"] == before["restarts"]:
        assert time.monotonic() < deadline, "the killed worker was not replaced"
        time.sleep(0.1)
    after = limited.get("/status").json()
    assert after["timeouts"] == before["timeouts"] + 1
    assert len(after["worker_pids"]) == 2 and set(after["worker_pids"]) != set(
        before["worker_pids"]
    )


def test_the_result_cap(limited: httpx.Client) -> None:
    r = q(limited, "SELECT ?s WHERE { ?s a dg:Entity } LIMIT 3")
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 3
    r = q(limited, "SELECT ?s WHERE { ?s a dg:Entity }")
    assert r.status_code == 503
    assert "more than 3 rows" in r.text and "LIMIT" in r.text
    r = q(limited, "CONSTRUCT WHERE { ?s a dg:Entity }", "text/turtle")
    assert r.status_code == 503 and "more than 3 triples" in r.text


# -- updates with --allow-update ------------------------------------------------------------------------

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    store = make_store(tmp_path_factory.mktemp("writable") / "store")
    with client_of(ServeConfig(store=str(store), allow_update=True, token=TOKEN)) as c:
        yield c


def test_updates_need_the_token(writable: httpx.Client) -> None:
    update = (
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> rdfs:label 'added' } }"
    )
    ask = "ASK { <http://example.org/a> rdfs:label 'added' }"
    sparql_update = {"Content-Type": "application/sparql-update"}
    for auth in (None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"):
        headers = {**sparql_update, **({"Authorization": auth} if auth else {})}
        r = writable.post("/sparql", content=update.encode(), headers=headers)
        assert r.status_code == 401, auth
        assert r.headers["www-authenticate"] == 'Bearer realm="dealgraph"'
    assert q(writable, ask).json()["boolean"] is False
    r = writable.post(
        "/sparql",
        content=update.encode(),
        headers={**sparql_update, "Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 204, r.text
    assert q(writable, ask).json()["boolean"] is True
    r = writable.post(
        "/sparql",
        data={
            "update": "DELETE DATA { GRAPH <http://example.org/g> { <http://example.org/a> rdfs:label 'added' } }"
        },
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 204
    assert q(writable, ask).json()["boolean"] is False


def test_update_errors_and_refused_loads(writable: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
    r = writable.post("/sparql", content=b"INSERT DATA { <a> }", headers=auth)
    assert r.status_code == 400 and "bad SPARQL" in r.text
    r = writable.post("/sparql", content=b"LOAD <http://127.0.0.1:9/x.ttl>", headers=auth)
    assert r.status_code == 403 and "LOAD <http://127.0.0.1:9/x.ttl> is refused" in r.text


# -- readers beside a writer ------------------------------------------------------------------------------


def test_a_load_beside_the_server_is_seen_by_the_next_query(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    ask = f"ASK {{ <{entity_iri('newco')}> ?p ?o }}"
    with client_of(ServeConfig(store=str(store))) as c:
        assert q(c, ask).json()["boolean"] is False
        generation = c.get("/status").json()["generation"]
        with open_store(store) as writer:  # the workers read snapshots: the writer may open it
            load_sheets(
                writer,
                [tiny_sheet([("Deal", {"party": ["newco", "oldco"]}, "2021")], article="newco")],
            )
        assert q(c, ask).json()["boolean"] is True
        assert c.get("/status").json()["generation"] != generation


def test_serving_an_in_memory_store_is_refused() -> None:
    from dealgraph.errors import RequestError
    from dealgraph.serve import prepare_store

    with pytest.raises(RequestError, match="in-memory store would be empty"):
        prepare_store(ServeConfig(store=":memory:"))


# -- linked-data pages -------------------------------------------------------------------------------------


def test_the_entity_page(client: httpx.Client) -> None:
    r = client.get("/id/entity/huawei")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    page = r.text
    assert "<h1>Huawei</h1>" in page
    assert '<a class="wikidata" href="https://www.wikidata.org/wiki/Q160120">' in page
    assert "Chinese maker of telecoms equipment and phones" in page
    assert "Huawei Technologies" in page  # an alias
    assert re.search(r"— contracts with →</td>\s*<td><a href=\"/id/entity/mts\">MTS</a>", page)
    assert re.search(
        r"← bans —</td>\s*<td><a href=\"/id/entity/united-states\">United States</a>", page
    )
    assert "before 2019-06-05" in page
    assert "“Amerikaanse bedrijven mogen door deze ban" in page
    assert 'href="/id/article/957069b94ee8dd14#ev-' in page
    assert (
        '<iframe class="graph" src="/graph?focus=https%3A%2F%2Fw3id.org%2Fdealgraph%2Fid%2Fentity%2Fhuawei"'
        in page
    )


def test_the_article_page_highlights_every_evidence_span(client: httpx.Client) -> None:
    page = client.get("/id/article/957069b94ee8dd14").text
    seed = seed_sheet()
    spans = {(e.start, e.end) for f in seed.facts for e in f.evidence}
    found = {(int(a), int(b)) for a, b in re.findall(r'id="ev-(\d+)-(\d+)"', page)}
    assert found == spans
    assert f"{len(spans)} evidence spans highlighted" in page
    text = re.search(r'<div class="body" id="text">(.*?)</div>', page, re.S).group(1)  # type: ignore[union-attr]
    import html

    assert html.unescape(re.sub(r"<[^>]+>", "", text)) == seed.article.text
    assert '<a class="ev d1" id="ev-212-291" href="/id/deal/' in page


def test_markup_from_an_article_is_text_on_every_page(client: httpx.Client) -> None:
    for path in (
        "/id/entity/xss",
        "/id/article/markup-test",
        "/id/entity/globex",
        "/?" + urlencode({"query": "SELECT ?l WHERE { ?e rdfs:label ?l }"}),
    ):
        page = client.get(path).text
        assert XSS not in page, path
        assert "<script>alert" not in page, path
        assert "</script><script>" not in page, path
    entity = client.get("/id/entity/xss").text
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in entity
    article = client.get("/id/article/markup-test").text
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in article
    assert 'id="ev-0-' in article


def test_a_fact_page(client: httpx.Client) -> None:
    page = client.get("/id/entity/huawei").text
    deal = re.search(r'href="(/id/deal/[0-9a-f]+)">Deal: Huawei – MTS', page).group(1)  # type: ignore[union-attr]
    r = client.get(deal)
    assert r.status_code == 200
    assert "<h1>Deal: Huawei – MTS (2019-06-05)</h1>" in r.text
    assert re.search(r'party</span>: <a href="/id/entity/huawei">Huawei</a>', r.text)
    assert (
        "“Huawei sloot namelijk een lucratieve deal met de Russische telecomprovider MTS.”"
        in r.text
    )


@pytest.mark.parametrize(
    ("how", "media", "rdflib_format"),
    [
        ({"headers": {"Accept": "text/turtle"}}, "text/turtle", "turtle"),
        ({"headers": {"Accept": "application/ld+json"}}, "application/ld+json", "json-ld"),
        ({"headers": {"Accept": "application/n-triples"}}, "application/n-triples", "nt"),
        ({"params": {"format": "rdfxml"}}, "application/rdf+xml", "xml"),
        (
            {"params": {"format": "turtle"}, "headers": {"Accept": "text/html"}},
            "text/turtle",
            "turtle",
        ),
    ],
)
def test_content_negotiation_on_an_iri(
    client: httpx.Client, how: dict, media: str, rdflib_format: str
) -> None:  # type: ignore[type-arg]
    r = client.get("/id/entity/huawei", **how)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert r.headers["vary"] == "Accept"
    assert (
        '</id/entity/huawei?format=turtle>; rel="alternate"; type="text/turtle"'
        in r.headers["link"]
    )
    g = parse_rdf(r.content, rdflib_format)
    h = rdflib.URIRef(HUAWEI)
    assert (h, rdflib.RDFS.label, rdflib.Literal("Huawei")) in g
    assert (h, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q160120")) in g
    assert (
        rdflib.URIRef(entity_iri("united-states")),
        rdflib.URIRef("https://w3id.org/dealgraph/ontology#bans"),
        h,
    ) in g


def test_unknown_and_impossible_iris(client: httpx.Client) -> None:
    r = client.get("/id/entity/nobody")
    assert (
        r.status_code == 404
        and "Nothing is known about &lt;https://w3id.org/dealgraph/id/entity/nobody&gt;" in r.text
    )
    assert client.get("/id/entity/nobody", headers={"Accept": "text/turtle"}).status_code == 404
    r = client.get("/id/entity/x%3E%20%7D%20DROP%20ALL%20%7B%20%3Cy")
    assert r.status_code == 404
    assert client.get("/id/entity/huawei", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/id/entity/huawei", params={"format": "yaml"}).status_code == 400


# -- the query page and graph views ---------------------------------------------------------------------------


def test_the_query_page_lists_the_named_queries(client: httpx.Client) -> None:
    page = client.get("/").text
    for name in ("deals-of", "bans-on", "signed-during-visits", "relations-of"):
        assert f'<details class="named" id="named-{name}">' in page
    assert '<input type="hidden" name="named" value="deals-of">' in page
    assert "the organisation or state: a label or alias in any case" in page  # a param's doc
    assert '<textarea name="query" id="query"' in page


def test_a_named_query_from_the_query_page(client: httpx.Client) -> None:
    r = client.get("/", params={"named": "deals-of", "org": "huawei"})
    assert r.status_code == 200
    page = r.text
    assert '<p class="count" id="count">1 row</p>' in page
    assert (
        '<a href="/id/entity/mts" title="https://w3id.org/dealgraph/id/entity/mts" class="iri">dgid:entity/mts</a>'
        in page
    )
    assert (
        "VALUES ?org { &lt;https://w3id.org/dealgraph/id/entity/huawei&gt; }" in page
    )  # bound, in the editor
    assert 'src="/graph?named=deals-of&amp;org=huawei"' in page
    graph = client.get("/graph", params={"named": "deals-of", "org": "huawei"})
    assert graph.status_code == 200
    assert graph.headers["content-security-policy"] == "frame-ancestors 'self'"
    data = re.search(
        r'<script type="application/json" id="dg-data">(.*?)</script>', graph.text, re.S
    )
    assert data
    import json

    labels = {n["label"] for n in json.loads(data.group(1))["nodes"]}
    assert {"Huawei", "MTS", "Deal: Huawei – MTS (2019-06-05)"} <= labels


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"query": "SELECT ?a WHERE { ?a ?b }"}, 400, "bad SPARQL"),
        ({"named": "deals-of", "org": "Huawey"}, 404, "did you mean &#39;Huawei&#39;"),
        ({"named": "deals-of"}, 400, "needs --param org"),
        ({"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, 403, "is refused"),
    ],
)
def test_errors_on_the_query_page(
    client: httpx.Client, params: dict, status: int, message: str
) -> None:  # type: ignore[type-arg]
    r = client.get("/", params=params)
    assert r.status_code == status
    assert f'<div class="error" id="error" data-status="{status}">' in r.text
    assert message in r.text


def test_graph_views(client: httpx.Client) -> None:
    r = client.get("/graph", params={"focus": HUAWEI})
    assert r.status_code == 200 and '"label": "United States"' in r.text
    r = client.get("/graph", params={"query": "SELECT ?x WHERE { BIND(1 AS ?x) }"})
    assert r.status_code == 404 and "nothing to draw" in r.text
    r = client.get("/graph", params={"focus": ID + "entity/nobody"})
    assert r.status_code == 404


def test_the_router_mounts_under_a_prefix(store_dir: Path) -> None:
    router = SparqlRouter(ServeConfig(store=str(store_dir)))
    app = Starlette(routes=[Mount("/kg", app=router)], lifespan=router.serving)
    with app_server(app) as url, httpx.Client(base_url=url) as c:
        page = c.get("/kg/id/entity/huawei").text
        assert 'href="/kg/id/entity/mts"' in page and 'href="/kg/static/serve.css"' in page
        r = c.get("/kg/sparql", params={"query": RELATIONS})
        assert len(r.json()["results"]["bindings"]) == 4


def test_cross_origin_reads_only_for_the_origins_given(store_dir: Path) -> None:
    yasgui = "https://yasgui.example"
    config = ServeConfig(store=str(store_dir), cors_origins=(yasgui,))
    with client_of(config) as c:
        r = c.get("/sparql", params={"query": RELATIONS}, headers={"Origin": yasgui})
        assert r.headers["access-control-allow-origin"] == yasgui
        r = c.options(
            "/sparql",
            headers={
                "Origin": yasgui,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert r.status_code == 200 and "POST" in r.headers["access-control-allow-methods"]
        r = c.get(
            "/sparql", params={"query": RELATIONS}, headers={"Origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in r.headers


def test_no_cross_origin_reads_by_default(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": RELATIONS}, headers={"Origin": "https://a.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
