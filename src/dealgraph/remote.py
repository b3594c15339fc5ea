"""A SPARQL 1.1 server as a store: the Query, Update and Graph Store protocols over HTTP(S).

``--store http://host:7878`` is an Oxigraph server; ``--store KIND+https://...`` names another
layout from ``ontology/stores.yaml`` (``fuseki``, ``graphdb``, ``virtuoso``, ``sparql``), and the
environment can override each endpoint URL (``DEALGRAPH_STORE_QUERY_URL``,
``DEALGRAPH_STORE_UPDATE_URL``, ``DEALGRAPH_STORE_GSP_URL``). Credentials come from the
environment only, never from the command line: ``DEALGRAPH_STORE_USER`` and
``DEALGRAPH_STORE_PASSWORD`` (HTTP Basic) or ``DEALGRAPH_STORE_TOKEN`` (Bearer); they are sent
over https, or to a server on this machine. ``DEALGRAPH_STORE_TIMEOUT`` (seconds, default 60)
bounds every request and ``DEALGRAPH_STORE_CA_BUNDLE`` names the CA certificates of a private
https server. HTTP is urllib3's (one connection pool per store).

**Writes.** By default one SPARQL UPDATE per batch: ``DROP SILENT GRAPH <g> ; INSERT DATA {
GRAPH <g> {...} }`` for every article graph of the batch, plus the generation token. Oxigraph,
Fuseki and GraphDB run one update request as one transaction, so each batch is all-or-nothing
and holds whole graphs: ``replace_graphs`` sends one request up to ``max_request_bytes`` (16 MB,
some 150 articles: a load of sheets is all-or-nothing), ``load_nquads`` batches of about
``batch_bytes`` (4 MB, smaller server transactions). An interrupted load leaves every article
either old or new, never half and never twice. The alternative, one Graph Store PUT per graph,
is atomic per article only; on Oxigraph it is about as fast into an empty server and 1.2-1.5x
faster when it replaces graphs (``bench/store_roundtrip.py``), and we chose atomic batches
over that. Virtuoso's layout writes with one Graph Store ``PUT`` per graph, since large updates
hit its SPARQL text limits.

**Reads** go through the Query protocol with ``Accept`` for SPARQL JSON results and N-Triples;
both are parsed by pyoxigraph into the same :class:`~dealgraph.store.QueryResult` the embedded
store returns. The union of the graphs is the query's default graph (``union`` in the layout).

**Generation.** Every write also replaces a one-triple graph, ``<.../id/store-meta>``, holding a
fresh random token in the same request; :meth:`RemoteStore.generation` reads it back (``None``
before dealgraph's first write). The meta graph is left out of ``graphs()``, the quad count,
``stats`` and ``dump``; a query over the union of all graphs does see its one triple
(``dg:storeGeneration``). Writes by other tools do not change the token.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox
import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from . import resources
from ._yaml import load_located
from .errors import DataFileError, InputError, QueryError, SheetError, StoreError, suggest
from .namespaces import DG, PREFIXES
from .rdf import Quad
from .store import (
    META_GRAPH,
    GraphStore,
    LoadReport,
    NQuadsSource,
    Progress,
    QueryResult,
    StoreStats,
    check_sparql,
    group_by_graph,
    iter_nquads,
    query_result,
    replace_update,
    replayable,
    scan_nquads,
)

ENV_USER = "DEALGRAPH_STORE_USER"
ENV_PASSWORD = "DEALGRAPH_STORE_PASSWORD"
ENV_TOKEN = "DEALGRAPH_STORE_TOKEN"
ENV_TIMEOUT = "DEALGRAPH_STORE_TIMEOUT"
ENV_CA_BUNDLE = "DEALGRAPH_STORE_CA_BUNDLE"
ENV_URLS = {
    "query": "DEALGRAPH_STORE_QUERY_URL",
    "update": "DEALGRAPH_STORE_UPDATE_URL",
    "graph_store": "DEALGRAPH_STORE_GSP_URL",
}

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024  # replace_graphs: one request for most loads
DEFAULT_BATCH_BYTES = 4 * 1024 * 1024  # load_nquads: smaller server transactions
WRITE_MODES = ("update", "graph-store")
GENERATION = DG + "storeGeneration"

_QUERY_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5, application/rdf+xml;q=0.4"
)
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}


# ------------------------------------------------------------------------------------------------
# Layouts: where each kind of server keeps its endpoints (ontology/stores.yaml)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """One kind of SPARQL server: the paths of its endpoints below the URL given."""

    kind: str
    title: str
    example: str
    query: str
    update: str | None
    graph_store: str | None
    dataset: str | None
    union: dict[str, str]
    write: str
    note: str = ""


def parse_layouts(text: str, file: str = "stores.yaml") -> dict[str, Layout]:
    """Read and check the layouts file; a malformed one is a bug (:class:`DataFileError`)."""
    try:
        data, lines = load_located(text, file)
    except SheetError as exc:
        raise DataFileError(str(exc)) from exc
    if not isinstance(data, dict) or not data:
        raise DataFileError(f"{file}: expected a mapping from kind to layout")
    out: dict[str, Layout] = {}
    problems: list[str] = []
    for kind, raw in data.items():
        where = f"{file}:{lines.line((kind,))}: {kind}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        unknown = set(raw) - {f.name for f in Layout.__dataclass_fields__.values()} - {"kind"}
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        for name in ("title", "example", "query", "write"):
            if not isinstance(raw.get(name), str):
                problems.append(f"{where}: `{name}` must be text")
        for name in ("update", "graph_store", "dataset"):
            if name not in raw or not (raw[name] is None or isinstance(raw[name], str)):
                problems.append(f"{where}: `{name}` must be a path or null")
        union = raw.get("union")
        if not isinstance(union, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in union.items()
        ):
            problems.append(f"{where}: `union` must map parameter names to values")
        if raw.get("write") not in WRITE_MODES:
            problems.append(f"{where}: `write` must be one of {', '.join(WRITE_MODES)}")
        if raw.get("write") == "graph-store" and not raw.get("graph_store"):
            problems.append(f"{where}: `write: graph-store` needs a `graph_store` path")
        if problems:
            continue
        out[kind] = Layout(
            kind=kind,
            title=raw["title"],
            example=raw["example"],
            query=raw["query"],
            update=raw["update"],
            graph_store=raw["graph_store"],
            dataset=raw["dataset"],
            union=dict(raw["union"]),
            write=raw["write"],
            note=" ".join(str(raw.get("note", "")).split()),
        )
    if problems:
        raise DataFileError("; ".join(problems))
    if "oxigraph" not in out:
        raise DataFileError(f"{file}: the `oxigraph` layout (plain http:// URLs) is missing")
    return out


@cache
def load_layouts() -> dict[str, Layout]:
    """The layouts shipped in ``ontology/stores.yaml`` (loaded once)."""
    return parse_layouts(resources.read_ontology_file("stores.yaml"), "ontology/stores.yaml")


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one server's endpoints and how to use them."""

    kind: str
    base: str
    query: str
    update: str | None = None
    graph_store: str | None = None
    dataset: str | None = None
    union: dict[str, str] = field(default_factory=dict)
    write: str = "update"

    @classmethod
    def parse(cls, location: str, env: Mapping[str, str] | None = None) -> Endpoints:
        """The endpoints of ``http(s)://BASE`` (Oxigraph) or ``KIND+http(s)://BASE``.

        >>> e = Endpoints.parse("http://127.0.0.1:7878/", env={})
        >>> (e.query, e.update, e.graph_store)
        ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
        >>> Endpoints.parse("graphdb+https://g.example/repositories/news", env={}).update
        'https://g.example/repositories/news/statements'
        """
        env = os.environ if env is None else env
        layouts = load_layouts()
        kind, plus, url = location.partition("+")
        if not plus:
            kind, url = "oxigraph", location
        kind = kind.lower()
        if kind not in layouts:
            raise InputError(
                f"--store {location}: unknown kind of SPARQL server {kind!r}; "
                f"{suggest(kind, layouts, 'known kinds')} (write KIND+https://...)"
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"--store {location}: not an http(s) URL")
        if parts.username or parts.password:
            raise InputError(
                f"--store {parts.scheme}://...@{parts.hostname}: credentials do not belong in the "
                f"store URL (it shows in process lists and shell history); set {ENV_USER} and "
                f"{ENV_PASSWORD}, or {ENV_TOKEN}, in the environment instead"
            )
        if parts.query or parts.fragment:
            raise InputError(
                f"--store {location}: give the server's base URL without ?query or #fragment; "
                f"override single endpoints with {', '.join(ENV_URLS.values())}"
            )
        base = url.rstrip("/")
        layout = layouts[kind]

        def join(path: str | None) -> str | None:
            return None if path is None else base + path

        urls = {
            "query": join(layout.query),
            "update": join(layout.update),
            "graph_store": join(layout.graph_store),
        }
        for name, var in ENV_URLS.items():
            if env.get(var):
                given = env[var]
                if not urlsplit(given).scheme.startswith("http"):
                    raise InputError(f"{var}={given}: not an http(s) URL")
                urls[name] = given
        query = urls["query"]
        assert query is not None
        write = layout.write
        if write == "graph-store" and not urls["graph_store"]:
            write = "update"
        return cls(
            kind=kind,
            base=base,
            query=query,
            update=urls["update"],
            graph_store=urls["graph_store"],
            dataset=join(layout.dataset),
            union=dict(layout.union),
            write=write,
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def auth_headers(endpoints: Endpoints, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Authorization header from the environment (Basic or Bearer), or none.

    Credentials are only sent over https or to this machine: over plain http anyone on the path
    could read them.
    """
    env = os.environ if env is None else env
    user, password, token = env.get(ENV_USER), env.get(ENV_PASSWORD), env.get(ENV_TOKEN)
    if not (user or password or token):
        return {}
    if token and (user or password):
        raise InputError(f"set either {ENV_TOKEN} or {ENV_USER}/{ENV_PASSWORD}, not both")
    if (user is None) != (password is None):
        raise InputError(f"set both {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN})")
    for url in (endpoints.query, endpoints.update, endpoints.graph_store, endpoints.dataset):
        if url is None:
            continue
        parts = urlsplit(url)
        if parts.scheme != "https" and not _is_loopback(parts.hostname or ""):
            raise InputError(
                f"{url}: credentials would travel unencrypted over http; use https:// for a "
                f"server on another machine (or unset {ENV_USER}/{ENV_PASSWORD}/{ENV_TOKEN})"
            )
    if token:
        return {"Authorization": f"Bearer {token}"}
    pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {pair}"}


def _timeout(env: Mapping[str, str]) -> float:
    raw = env.get(ENV_TIMEOUT)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise InputError(f"{ENV_TIMEOUT}={raw}: give a number of seconds, e.g. 60")
    return value


# ------------------------------------------------------------------------------------------------
# The store
# ------------------------------------------------------------------------------------------------


def _server_text(data: bytes, limit: int = 400) -> str:
    text = " ".join(data.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HTTPStatusError(StoreError):
    """The server answered with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _media_type(response: Any) -> str:
    return str(response.headers.get("Content-Type", "")).split(";")[0].strip().lower()


class RemoteStore(GraphStore):
    """A SPARQL 1.1 server (see the module docstring for how it reads and writes)."""

    kind = "remote"

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
        batch_bytes: int = DEFAULT_BATCH_BYTES,
        ca_certs: str | None = None,
        location: str | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.location = location or endpoints.base
        self.read_only = read_only
        self.timeout = timeout
        self.max_request_bytes = max_request_bytes
        self.batch_bytes = batch_bytes
        self._headers = dict(headers or {})
        self._prolog = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
        self._http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=min(timeout, 10.0), read=timeout),
            retries=urllib3.Retry(total=2, connect=2, read=0, status=0, redirect=2, other=0),
            ca_certs=ca_certs,
        )

    @classmethod
    def from_location(
        cls, location: str, read_only: bool = False, env: Mapping[str, str] | None = None
    ) -> RemoteStore:
        """The store at ``http(s)://...`` or ``KIND+http(s)://...``, configured from the
        environment (credentials, timeout, CA bundle, endpoint overrides)."""
        env = os.environ if env is None else env
        endpoints = Endpoints.parse(location, env)
        return cls(
            endpoints,
            read_only=read_only,
            timeout=_timeout(env),
            headers=auth_headers(endpoints, env),
            ca_certs=env.get(ENV_CA_BUNDLE) or None,
            location=location,
        )

    # -- HTTP ----------------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        ok: tuple[int, ...] = (200, 201, 204),
        stream: bool = False,
        what: str = "reading",
    ) -> Any:
        all_headers = {**self._headers, **(headers or {})}
        try:
            response = self._http.request(
                method, url, body=body, headers=all_headers, preload_content=not stream
            )
        except MaxRetryError as exc:
            raise self._connection_error(url, exc.reason or exc, what) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise self._connection_error(url, exc, what) from None
        if response.status not in ok:
            raise self._status_error(url, response.status, response.data, what)
        return response

    def _connection_error(self, url: str, exc: BaseException, what: str) -> StoreError:
        where = f"the SPARQL store at {self.location} ({url})"
        if isinstance(exc, (NewConnectionError, ConnectionRefusedError)) or "refused" in str(exc):
            return StoreError(
                f"cannot reach {where}: connection refused; is the server running? (for example "
                "`oxigraph serve --location DIR --bind 127.0.0.1:7878`), or give another --store"
            )
        if isinstance(exc, (ReadTimeoutError, ConnectTimeoutError)) or "timed out" in str(exc):
            return StoreError(
                f"{where} did not answer within {self.timeout:g} s while {what}; the server may be "
                f"busy or the work too large: raise {ENV_TIMEOUT} (seconds)"
            )
        if isinstance(exc, SSLError):
            return StoreError(
                f"TLS with {where} failed: {exc}; if the server uses a private CA, give its "
                f"certificates in {ENV_CA_BUNDLE}"
            )
        if isinstance(exc, ProtocolError):
            return StoreError(f"the connection to {where} broke while {what}: {exc}")
        return StoreError(f"cannot reach {where}: {exc}")

    def _status_error(self, url: str, status: int, data: bytes, what: str) -> HTTPStatusError:
        text = _server_text(data)
        said = f": {text}" if text else ""
        if status in (401, 403):
            return HTTPStatusError(
                status,
                f"the SPARQL store at {url} refused {what} ({status}{said}); give credentials "
                f"in {ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN}, or check that this account "
                "may do it",
            )
        if status == 404:
            return HTTPStatusError(
                status,
                f"no SPARQL endpoint at {url} (404{said}); check --store: an Oxigraph server is "
                "http://HOST:7878, other servers are KIND+URL (fuseki, graphdb, virtuoso, sparql; "
                "see the README section Stores)",
            )
        return HTTPStatusError(
            status, f"the SPARQL store at {url} failed while {what} ({status}{said})"
        )

    # -- reading -------------------------------------------------------------------------------

    def _query_url(self, union: bool) -> str:
        params = self.endpoints.union if union else {}
        if not params:
            return self.endpoints.query
        sep = "&" if "?" in self.endpoints.query else "?"
        return self.endpoints.query + sep + urlencode(params)

    def query(self, sparql: str, union: bool = True) -> QueryResult:
        """Run SPARQL over the union of the graphs (``union=False``: the server's own default
        graph, for queries that name their graphs with ``GRAPH``)."""
        url = self._query_url(union)
        try:
            response = self._request(
                "POST",
                url,
                body=(self._prolog + sparql).encode("utf-8"),
                headers={
                    "Content-Type": "application/sparql-query; charset=utf-8",
                    "Accept": _QUERY_ACCEPT,
                },
                what="running a query",
            )
        except HTTPStatusError as exc:
            if exc.status == 400:  # bad query: the same message as every other store
                raise check_sparql(sparql) or QueryError(f"bad SPARQL: {exc}") from None
            raise
        return self._parse_answer(response)

    def _parse_answer(self, response: Any) -> QueryResult:
        media = _media_type(response)
        data: bytes = response.data
        try:
            if media in _RESULT_FORMATS:
                return query_result(ox.parse_query_results(data, _RESULT_FORMATS[media]))
            if media in _GRAPH_FORMATS:
                quads = ox.parse(input=data, format=_GRAPH_FORMATS[media])
                return QueryResult(kind="graph", triples=[q.triple for q in quads])
        except (SyntaxError, ValueError) as exc:
            raise StoreError(
                f"the SPARQL store at {self.location} sent an answer that does not parse "
                f"as {media}: {exc}"
            ) from None
        raise StoreError(
            f"the SPARQL store at {self.location} answered with {media or 'no content type'}, "
            "not SPARQL results or RDF; is --store the right kind of server?"
        )

    def _select(self, sparql: str) -> QueryResult:
        return self.query(sparql, union=False)

    def graphs(self) -> list[str]:
        r = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(g for g in r.values("g") if g != META_GRAPH)

    def _existing(self, graphs: Iterable[str]) -> set[str]:
        """Which of ``graphs`` hold quads (asked for those only: no scan of the store)."""
        wanted = sorted(set(graphs))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            values = " ".join(f"<{g}>" for g in wanted[i : i + 500])
            r = self._select(
                f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
            )
            found.update(r.values("g"))
        return found

    def __len__(self) -> int:
        r = self._select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{META_GRAPH}>) }}"
        )
        return int(r.rows[0][0].value) if r.rows and r.rows[0][0] is not None else 0

    def generation(self) -> str | None:
        """The token in the meta graph; ``None`` until dealgraph first writes here."""
        r = self._select(
            f"SELECT ?t WHERE {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{GENERATION}> ?t }} }}"
        )
        values = r.values("t")
        return values[0] if values else None

    def dump(self, out: IO[bytes]) -> int:
        """Stream every article graph as N-Quads: one GET of the whole dataset where the server
        offers it (Oxigraph, Fuseki, GraphDB), else one CONSTRUCT per graph."""
        if self.endpoints.dataset is None:
            return self._dump_by_graph(out)
        response = self._request(
            "GET",
            self.endpoints.dataset,
            headers={"Accept": "application/n-quads"},
            stream=True,
            what="dumping the store",
        )
        if _media_type(response) != "application/n-quads":
            response.release_conn()
            return self._dump_by_graph(out)
        meta = f" <{META_GRAPH}> .".encode()
        n = 0
        rest = b""

        def emit(lines: list[bytes]) -> int:
            kept = [x for x in lines if x.strip() and not x.rstrip(b"\r").endswith(meta)]
            if kept:
                out.write(b"\n".join(kept) + b"\n")
            return len(kept)

        try:
            for chunk in response.stream(1 << 20):
                lines = (rest + chunk).split(b"\n")
                rest = lines.pop()
                n += emit(lines)
            n += emit([rest])
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise self._connection_error(self.endpoints.dataset, exc, "dumping the store") from None
        finally:
            response.release_conn()
        return n

    def _dump_by_graph(self, out: IO[bytes]) -> int:
        n = 0
        for g in self.graphs():
            r = self._select(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            for t in r.triples:
                out.write(f"{t.subject} {t.predicate} {t.object} <{g}> .\n".encode())
                n += 1
        return n

    def stats(self) -> StoreStats:
        base = super().stats()
        e = self.endpoints
        details = {"server": e.kind, "query": e.query, "write": e.write}
        if e.update:
            details["update"] = e.update
        if e.graph_store:
            details["graph store"] = e.graph_store
        return StoreStats(
            kind=base.kind,
            location=base.location,
            quads=base.quads,
            graphs=base.graphs,
            generation=base.generation,
            read_only=base.read_only,
            details=details,
        )

    # -- writing -------------------------------------------------------------------------------

    def _meta_update(self) -> str:
        token = secrets.token_hex(8)
        return (
            f"DROP SILENT GRAPH <{META_GRAPH}> ;\n"
            f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{GENERATION}> "{token}" }} }}'
        )

    def _update(self, text: str, what: str) -> None:
        if not self.endpoints.update:
            raise StoreError(
                f"the SPARQL store at {self.location} has no update endpoint; set "
                f"{ENV_URLS['update']}"
            )
        try:
            self._request(
                "POST",
                self.endpoints.update,
                body=(text + " ;\n" + self._meta_update()).encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
                what=what,
            )
        except StoreError as exc:
            raise StoreError(f"{exc}; this request wrote nothing") from None

    def update(self, sparql: str) -> None:
        """Send a SPARQL UPDATE as written (with the common prefixes declared) in the same
        request as a new generation token: one transaction on Oxigraph, Fuseki and GraphDB."""
        self._check_writable()
        if not self.endpoints.update:
            raise StoreError(
                f"the SPARQL store at {self.location} has no update endpoint; set "
                f"{ENV_URLS['update']}"
            )
        text = self._prolog + sparql.rstrip().rstrip(";")
        try:
            self._request(
                "POST",
                self.endpoints.update,
                body=(text + " ;\n" + self._meta_update()).encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
                what="running an update",
            )
        except HTTPStatusError as exc:
            if exc.status == 400:
                raise QueryError(f"bad SPARQL update: {exc}") from None
            raise

    def _gsp_url(self, graph: str) -> str:
        assert self.endpoints.graph_store is not None
        sep = "&" if "?" in self.endpoints.graph_store else "?"
        return f"{self.endpoints.graph_store}{sep}graph={quote(graph, safe='')}"

    def _gsp_write(self, method: str, graph: str, lines: Iterable[str], what: str) -> None:
        body = ("\n".join(lines) + "\n").encode("utf-8")
        self._request(
            method,
            self._gsp_url(graph),
            body=body,
            headers={"Content-Type": "application/n-triples; charset=utf-8"},
            what=what,
        )

    def _gsp_meta(self) -> None:
        token = secrets.token_hex(8)
        self._gsp_write(
            "PUT",
            META_GRAPH,
            [f'<{META_GRAPH}> <{GENERATION}> "{token}" .'],
            "writing the generation",
        )

    def _batches(self, by_graph: dict[str, set[str]]) -> Iterator[dict[str, set[str]]]:
        """Whole graphs packed into requests of about ``max_request_bytes``."""
        batch: dict[str, set[str]] = {}
        size = 0
        for graph in sorted(by_graph):
            lines = by_graph[graph]
            n = sum(len(x) + 1 for x in lines) + 2 * len(graph) + 64
            if batch and size + n > self.max_request_bytes:
                yield batch
                batch, size = {}, 0
            batch[graph] = lines
            size += n
        if batch:
            yield batch

    def replace_graphs(self, quads: Iterable[Quad]) -> LoadReport:
        """One SPARQL UPDATE per batch of whole graphs (one transaction each; a load that fits
        in one request, as every ordinary load does, is all-or-nothing), or one Graph Store PUT
        per graph for the ``graph-store`` layouts."""
        self._check_writable()
        by_graph = group_by_graph(quads)
        before = len(self)
        existing = self._existing(by_graph)
        if by_graph:
            if self.endpoints.write == "graph-store":
                for graph in sorted(by_graph):
                    self._gsp_write("PUT", graph, sorted(by_graph[graph]), "writing a graph")
                self._gsp_meta()
            else:
                for batch in self._batches(by_graph):
                    self._update(replace_update(batch), "writing graphs")
        return LoadReport.of_replace(by_graph, existing, before, len(self))

    def remove_graphs(self, graphs: Iterable[str]) -> list[str]:
        self._check_writable()
        wanted = sorted(set(graphs) - {META_GRAPH})
        existing = self._existing(wanted)
        if not wanted:
            return []
        if self.endpoints.write == "graph-store":
            for g in sorted(existing):
                self._request(
                    "DELETE", self._gsp_url(g), ok=(200, 204, 404), what="removing a graph"
                )
            self._gsp_meta()
        else:
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in wanted), "removing graphs")
        return [g for g in wanted if g in existing]

    def load_nquads(
        self, sources: Iterable[NQuadsSource], progress: Progress | None = None
    ) -> LoadReport:
        """Check the sources, then stream them in batches of about ``batch_bytes``: each batch
        is one request (one transaction) that drops the graphs it names for the first time and
        inserts their quads. A batch ends where a graph ends, so when each graph's quads are
        together in the input (as in dumps and shards) every article is written whole by one
        request; a graph scattered over the input is whole once its last batch is in. An
        interrupted load is finished by loading the same sources again."""
        self._check_writable()
        with replayable(sources) as files:
            return self._load_files(files, progress)

    def _load_files(self, sources: list[NQuadsSource], progress: Progress | None) -> LoadReport:
        named = scan_nquads(sources, progress)
        before = len(self)
        existing = self._existing(named)
        seen: set[str] = set()
        batch: dict[str, list[str]] = {}
        size = 0

        def flush() -> None:
            nonlocal batch, size
            if not batch:
                return
            fresh = [g for g in batch if g not in seen]
            if self.endpoints.write == "graph-store":
                for graph, lines in batch.items():
                    method = "POST" if graph in seen else "PUT"
                    self._gsp_write(method, graph, lines, "loading N-Quads")
                self._gsp_meta()
            else:
                drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in fresh)
                self._update(drops + replace_update(batch, drop=False), "loading N-Quads")
            seen.update(fresh)
            batch, size = {}, 0

        added = 0
        last: Any = None
        for source in sources:
            for q in iter_nquads(source, progress):
                g = q.graph_name
                if g != last:
                    if size >= self.batch_bytes:
                        flush()  # full, and at a graph boundary
                    last = g
                if not isinstance(g, ox.NamedNode) or g.value == META_GRAPH:
                    continue
                line = f"{q.subject} {q.predicate} {q.object} ."
                batch.setdefault(g.value, []).append(line)
                size += len(line) + 1
                added += 1
                if size >= 4 * self.batch_bytes:
                    flush()  # a huge graph: split it rather than hold it all
        flush()
        return LoadReport(
            graphs=sorted(named),
            replaced=sorted(existing),
            quads_added=added,
            quads_before=before,
            quads_after=len(self),
        )

    def close(self) -> None:
        self._http.clear()
