"""The ASGI app of ``dealgraph serve``: a router to mount, a thin app class around it.

:class:`SparqlRouter` is a Starlette ``Router`` with every route; mount it in another app::

    router = SparqlRouter(ServeConfig(store="dealgraph-data"))
    app = Starlette(routes=[Mount("/graph", app=router)], lifespan=router.serving)

(without the lifespan the workers start on the first request). :class:`DealgraphApp` is the
app ``dealgraph serve`` runs: the router plus the host check and CORS middleware.

Routes (links in the pages follow the mount point):

=================  ============================================================================
``/``              the query page: an editor, the named queries, the answer as a table and a graph
``/sparql``        the SPARQL 1.1 Protocol: GET or POST queries; POST updates with
                   ``--allow-update`` and the token; GET without a query: a service description
``/id/PATH``       the page of ``https://w3id.org/dealgraph/id/PATH``: HTML, or RDF by ``Accept``
                   or ``?format=turtle|jsonld|ntriples|rdfxml``
``/graph``         a graph view (``?focus=IRI``, or ``?query=...`` / ``?named=...``)
``/status``        JSON: the store, the workers, jobs, timeouts and restarts
``/static/NAME``   the pages' stylesheet and script
=================  ============================================================================

Errors are status codes with a plain-text message (an HTML page for pages): 400 bad request or
SPARQL (the parser's message, with line and column), 401 update without the right token, 403
refused (updates on a read-only endpoint, ``SERVICE`` or ``LOAD`` of a URL not allowed), 404,
405, 406 (no acceptable format), 413 body too large, 415 unsupported content type, 503 time
limit or result cap.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlencode

import anyio.to_thread
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route, Router

from .. import resources
from ..errors import DealgraphError, RefusedError, RequestError
from ..namespaces import PREFIXES
from ..query import load_named_queries
from ..store import EmbeddedStore, is_remote, open_store
from . import pages
from .jobs import Failure, Limits, Reply, StoreSpec
from .protocol import (
    GRAPH_TYPES,
    HTML,
    MEDIA_OF,
    SOLUTION_TYPES,
    check_remote,
    negotiate,
    operation,
    parse_form,
    prefers_html,
    query_form,
    status_of,
)
from .workers import WorkerPool

#: The environment variable that holds the update token (else one is generated at start-up).
ENV_TOKEN = "DEALGRAPH_SERVE_TOKEN"

#: Pages: scripts and styles from this server only, frames from this server only.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
_COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
PAGE_HEADERS = {"Content-Security-Policy": PAGE_POLICY, **_COMMON_HEADERS}
# The graph view carries its own policy (it forbids every request); only framing is added.
VIEW_HEADERS = {"Content-Security-Policy": "frame-ancestors 'self'", **_COMMON_HEADERS}

_TEXT_TYPES = (
    "text/",
    "application/sparql-results+",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
)
_LD_TYPES = {"text/html": "html", **GRAPH_TYPES}
_FORMAT_PARAM = {
    "html": HTML,
    **{f: MEDIA_OF[f] for f in ("turtle", "jsonld", "ntriples", "rdfxml")},
}


def parse_size(text: str) -> int:
    """``1MB``, ``512K``, ``2 MiB`` or a number of bytes.

    >>> parse_size("1MB"), parse_size("512k"), parse_size("1000")
    (1048576, 524288, 1000)
    """
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", text, re.I)
    if not m:
        raise RequestError(f"{text!r} is not a size; write e.g. 1MB, 512K or 1048576")
    return int(float(m.group(1)) * 1024 ** " kmg".index((m.group(2) or " ").lower()))


@dataclass(frozen=True)
class ServeConfig:
    """What ``dealgraph serve`` serves and the limits it keeps.

    ``timeout`` bounds every query (seconds; the worker running it is killed and replaced);
    ``page_timeout`` bounds the pages and graph views, whose first build of the projection
    after the store changes can take seconds on a big store. ``max_results`` caps the rows or
    triples of an answer, ``max_body`` the bytes of a request body. Updates need
    ``allow_update`` and ``token``. ``allow_service`` and ``allow_load`` list the URLs (and
    what is below them) that ``SERVICE`` and ``LOAD`` may reach. ``allowed_hosts``, when set,
    are the only ``Host`` headers answered (a server on 127.0.0.1 answers only names of this
    machine, against DNS rebinding); ``cors_origins`` the web origins whose pages may read the
    answers (none by default: any web page could otherwise read a local graph).
    """

    store: str
    workers: int = 2
    timeout: float = 10.0
    page_timeout: float = 60.0
    max_results: int = 100_000
    max_body: int = 1024 * 1024
    allow_update: bool = False
    token: str | None = field(default=None, repr=False)
    allow_service: tuple[str, ...] = ()
    allow_load: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] | None = None
    cors_origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.allow_update and not self.token:
            raise RequestError("--allow-update needs a token (set DEALGRAPH_SERVE_TOKEN)")
        if self.workers < 1 or self.timeout <= 0 or self.max_results < 1 or self.max_body < 1:
            raise RequestError("workers, timeout, max results and max body must be positive")

    @property
    def limits(self) -> Limits:
        return Limits(self.max_results, self.allow_service, self.allow_load)


def loopback_hosts(host: str) -> tuple[str, ...] | None:
    """The ``Host`` names to answer when bound to ``host``: this machine's names for a loopback
    address, ``None`` (any) otherwise.

    >>> loopback_hosts("127.0.0.1"), loopback_hosts("0.0.0.0")
    (('127.0.0.1', 'localhost', '::1', '[::1]'), None)
    """
    try:
        loop = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loop = False
    return ("127.0.0.1", "localhost", "::1", "[::1]") if loop else None


@dataclass(frozen=True)
class StoreInfo:
    """What :func:`prepare_store` found."""

    location: str
    kind: str
    snapshot: str | None = None
    snapshots_turned_on: bool = False


def prepare_store(config: ServeConfig) -> StoreInfo:
    """Check the store before serving it, so that a bad ``--store`` fails at once, and turn on
    snapshots for an embedded store: the workers read the newest snapshot, so ``dealgraph
    load`` and ``ingest`` can write the store while it is served."""
    location = config.store
    if location == ":memory:":
        raise RequestError(
            "serve needs a store directory or a SPARQL server URL; an in-memory store would be "
            "empty (load one with `dealgraph demo` and serve that directory)"
        )
    if is_remote(location):
        with open_store(location, read_only=True) as remote:
            remote.generation()  # one query: a server that is down or refuses fails here
        return StoreInfo(location, "remote")
    with open_store(location, read_only=True, must_exist=True) as store:
        assert isinstance(store, EmbeddedStore)
        turned_on = not store.snapshots_enabled()
        snapshot = store.snapshot or store.publish_snapshot().name
    return StoreInfo(location, "embedded", snapshot, turned_on)


@cache
def _static(name: str) -> bytes:
    return (resources.templates_dir() / "serve" / name).read_bytes()


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        message.rstrip("\n") + "\n",
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers={**_COMMON_HEADERS, **(headers or {})},
    )


def _page(status: int, html: str | bytes) -> Response:
    return Response(
        html, status_code=status, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS
    )


def _media(media_type: str) -> str:
    if media_type.startswith(_TEXT_TYPES) and "charset" not in media_type:
        return media_type + "; charset=utf-8"
    return media_type


def _reply(reply: Reply, headers: dict[str, str] | None = None) -> Response:
    return Response(
        reply.body,
        status_code=reply.status,
        media_type=_media(reply.media_type),
        headers={**_COMMON_HEADERS, **dict(reply.headers), **(headers or {})},
    )


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _error_headers(status: int) -> dict[str, str]:
    if status == 401:
        return {"WWW-Authenticate": 'Bearer realm="dealgraph"'}
    if status == 405:
        return {"Allow": "GET, POST"}
    return {}


class SparqlRouter(Router):
    """Every route of ``dealgraph serve`` over one store (see the module docstring); the query
    workers start with :meth:`serving` (or on the first request) and stop with it."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.pool: WorkerPool | None = None
        self.writer: WorkerPool | None = None
        self.info: StoreInfo | None = None
        self._start_lock: asyncio.Lock | None = None
        super().__init__(
            routes=[
                Route("/", self.query_page, methods=["GET"], name="query"),
                Route("/sparql", self.sparql, methods=["GET", "POST"], name="sparql"),
                Route("/id/{path:path}", self.resource, methods=["GET"], name="resource"),
                Route("/graph", self.graph, methods=["GET"], name="graph"),
                Route("/status", self.status, methods=["GET"], name="status"),
                Route("/static/{name}", self.static, methods=["GET"], name="static"),
            ],
            lifespan=self.serving,
        )

    # -- the workers ---------------------------------------------------------------------------

    @asynccontextmanager
    async def serving(self, app: Any = None) -> AsyncIterator[None]:
        """The lifespan that starts the workers and stops them (give it to the host app)."""
        await self.start()
        try:
            yield
        finally:
            await self.close()

    async def start(self) -> None:
        """Start the query workers (and the writer, with ``allow_update``)."""
        if self.pool is not None:
            return
        c = self.config
        self.info = await anyio.to_thread.run_sync(prepare_store, c)
        pool = WorkerPool(StoreSpec(c.store, timeout=c.timeout), c.limits, c.workers)
        await pool.start()
        if c.allow_update:
            writer = WorkerPool(
                StoreSpec(c.store, writable=True, timeout=c.timeout),
                c.limits,
                1,
                "dealgraph-writer",
            )
            try:
                await writer.start()
            except DealgraphError:
                await pool.close()
                raise
            self.writer = writer
        self.pool = pool

    async def close(self) -> None:
        for p in (self.pool, self.writer):
            if p is not None:
                await p.close()
        self.pool = self.writer = None

    async def _pool(self) -> WorkerPool:
        if self.pool is None:
            if self._start_lock is None:
                self._start_lock = asyncio.Lock()
            async with self._start_lock:
                await self.start()
        assert self.pool is not None
        return self.pool

    async def _run(self, job: str, args: dict[str, Any], timeout: float | None = None) -> Any:
        pool = await self._pool()
        return await pool.run(job, args, timeout or self.config.timeout)

    # -- /sparql -------------------------------------------------------------------------------

    async def _body(self, request: Request) -> bytes:
        """The request body, refused with 413 as soon as it is known to be too large (from
        Content-Length, before reading any of it; else while reading)."""
        limit = self.config.max_body
        declared = request.headers.get("content-length")
        too_large = RequestError(
            f"the request body is larger than {limit} bytes, the most this endpoint reads "
            "(dealgraph serve --max-body); send a shorter query",
            status=413,
        )
        if declared is not None:
            try:
                if int(declared) > limit:
                    raise too_large
            except ValueError:
                raise RequestError("Content-Length is not a number") from None
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    async def sparql(self, request: Request) -> Response:
        try:
            return await self._sparql(request)
        except DealgraphError as exc:
            status = status_of(exc)
            return _text(status, str(exc), _error_headers(status))

    async def _sparql(self, request: Request) -> Response:
        raw_qs: bytes = request.scope.get("query_string", b"")
        accept = request.headers.get("accept")
        if request.method in ("GET", "HEAD"):
            names = {k for k, _ in parse_form(raw_qs)}
            if "query" not in names and "update" not in names:
                if prefers_html(accept, [*SOLUTION_TYPES, *GRAPH_TYPES]):
                    return RedirectResponse(f"{_base(request)}/", status_code=303)
                return self._service_description(request, accept)
        method = "GET" if request.method == "HEAD" else request.method
        body = await self._body(request) if method == "POST" else None
        op = operation(method, request.headers.get("content-type"), raw_qs, body)
        if op.kind == "update":
            return await self._update(request, op.text)
        if method == "GET" and prefers_html(accept, [*SOLUTION_TYPES, *GRAPH_TYPES]):
            return RedirectResponse(
                f"{_base(request)}/?{urlencode({'query': op.text})}", status_code=303
            )
        solution_type = negotiate(accept, SOLUTION_TYPES)
        graph_type = negotiate(accept, GRAPH_TYPES)
        form = query_form(op.text)
        wanted = graph_type if form in ("CONSTRUCT", "DESCRIBE") else solution_type
        if form is not None and wanted is None:
            offers = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_TYPES
            raise RequestError(
                f"none of the media types in Accept ({accept}) can carry a {form} answer; "
                f"ask for one of {', '.join(dict.fromkeys(MEDIA_OF[f] for f in offers.values()))}",
                status=406,
            )
        check_remote(op.text, "query", self.config.allow_service, self.config.allow_load)
        result = await self._run(
            "sparql",
            {
                "text": op.text,
                "solution_type": solution_type,
                "graph_type": graph_type,
                "default_graphs": op.default_graphs,
                "named_graphs": op.named_graphs,
            },
        )
        if isinstance(result, Failure):
            return _text(result.status, result.message, _error_headers(result.status))
        return _reply(result, {"Vary": "Accept"})

    async def _update(self, request: Request, text: str) -> Response:
        if not self.config.allow_update or self.writer is None:
            raise RefusedError(
                "this endpoint is read-only: SPARQL updates are refused; its operator can "
                "accept them with `dealgraph serve --allow-update` (updates then need the "
                "server's token: Authorization: Bearer TOKEN)"
            )
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        expected = self.config.token or ""
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), expected.encode()
        ):
            raise RequestError(
                "updates need the server's token: send Authorization: Bearer TOKEN (the token "
                f"is ${ENV_TOKEN}, or the one printed when the server started)",
                status=401,
            )
        check_remote(text, "update", self.config.allow_service, self.config.allow_load)
        result = await self.writer.run("update", {"text": text}, self.config.timeout)
        if isinstance(result, Failure):
            return _text(result.status, result.message, _error_headers(result.status))
        return Response(status_code=204, headers=_COMMON_HEADERS)

    def _service_description(self, request: Request, accept: str | None) -> Response:
        """The SPARQL 1.1 Service Description of this endpoint (GET /sparql without a query)."""
        media = negotiate(accept, GRAPH_TYPES)
        if media is None:
            raise RequestError("give a query: GET /sparql?query=... (URL-encoded SPARQL)", 406)
        sd = "http://www.w3.org/ns/sparql-service-description#"
        fmt = "http://www.w3.org/ns/formats/"
        rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
        service = ox.BlankNode("service")
        endpoint = ox.NamedNode(str(request.url.replace(query="")))

        def t(p: str, o: Any) -> ox.Triple:
            return ox.Triple(service, ox.NamedNode(sd + p), o)

        triples = [
            ox.Triple(service, rdf_type, ox.NamedNode(sd + "Service")),
            t("endpoint", endpoint),
            t("supportedLanguage", ox.NamedNode(sd + "SPARQL11Query")),
            t("feature", ox.NamedNode(sd + "UnionDefaultGraph")),
        ]
        if self.config.allow_update:
            triples.append(t("supportedLanguage", ox.NamedNode(sd + "SPARQL11Update")))
        for name in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
            "RDF_XML",
        ):
            triples.append(t("resultFormat", ox.NamedNode(fmt + name)))
        from .results import write_graph

        body = write_graph(GRAPH_TYPES[media], triples, len(triples))
        return Response(
            body, media_type=_media(media), headers={**_COMMON_HEADERS, "Vary": "Accept"}
        )

    # -- pages ---------------------------------------------------------------------------------

    async def query_page(self, request: Request) -> Response:
        base = _base(request)
        try:
            params = parse_form(request.scope.get("query_string", b""))
        except DealgraphError as exc:
            return _page(status_of(exc), pages.query_page(base, error=(status_of(exc), str(exc))))
        args = dict(params)
        query, named = args.pop("query", None), args.pop("named", None)
        if not query and not named:
            return _page(200, pages.query_page(base))
        job = {"base": base, "query": query, "named": named, "params": args if named else {}}
        try:
            reply = await self._run("query_page", job)
        except DealgraphError as exc:
            nq = load_named_queries().get(named or "")
            page = pages.query_page(
                base,
                text=query or (nq.text if nq else ""),
                named=nq,
                params=args,
                error=(status_of(exc), str(exc)),
            )
            return _page(status_of(exc), page)
        return _page(reply.status, reply.body)

    async def resource(self, request: Request) -> Response:
        base = _base(request)
        path = request.path_params["path"]
        fmt = request.query_params.get("format")
        if fmt is not None:
            media = _FORMAT_PARAM.get(fmt)
            if media is None:
                return _text(400, f"unknown format {fmt!r}; use {', '.join(_FORMAT_PARAM)}")
        else:
            media = negotiate(request.headers.get("accept"), _LD_TYPES)
            if media is None:
                return _text(
                    406,
                    "none of the media types in Accept can carry this resource; ask for "
                    f"{', '.join(dict.fromkeys([HTML, *(MEDIA_OF[f] for f in GRAPH_TYPES.values())]))}",
                )
        rdf_type = None if media == HTML else media
        timeout = self.config.timeout if rdf_type else self.config.page_timeout
        alternates = ", ".join(
            f'<{base}/id/{path}?format={f}>; rel="alternate"; type="{MEDIA_OF[f]}"'
            for f in ("turtle", "jsonld", "ntriples", "rdfxml")
        )
        headers = {"Vary": "Accept", "Link": alternates}
        try:
            reply = await self._run(
                "resource", {"path": path, "base": base, "rdf_type": rdf_type}, timeout
            )
        except DealgraphError as exc:
            reply = Failure(status_of(exc), str(exc))
        if isinstance(reply, Failure):
            if rdf_type:
                return _text(reply.status, reply.message, headers)
            return Response(
                pages.error_page(reply.status, reply.message, base),
                status_code=reply.status,
                media_type="text/html; charset=utf-8",
                headers={**PAGE_HEADERS, **headers},
            )
        if rdf_type:
            return _reply(reply, headers)
        return Response(
            reply.body,
            status_code=reply.status,
            media_type="text/html; charset=utf-8",
            headers={**PAGE_HEADERS, **headers},
        )

    async def graph(self, request: Request) -> Response:
        base = _base(request)
        try:
            args = dict(parse_form(request.scope.get("query_string", b"")))
            focus = args.pop("focus", None)
            if focus is not None:
                reply = await self._run(
                    "graph", {"base": base, "focus": focus}, self.config.page_timeout
                )
            else:
                query, named = args.pop("query", None), args.pop("named", None)
                iris = await self._run(
                    "query_iris", {"query": query, "named": named, "params": args if named else {}}
                )
                if isinstance(iris, Failure):
                    reply = iris
                else:
                    reply = await self._run(
                        "graph", {"base": base, "iris": iris}, self.config.page_timeout
                    )
        except DealgraphError as exc:
            reply = Failure(status_of(exc), str(exc))
        if isinstance(reply, Failure):
            return _page(reply.status, pages.empty_graph_page(base, reply.message))
        headers = VIEW_HEADERS if reply.status == 200 else PAGE_HEADERS
        return Response(
            reply.body,
            status_code=reply.status,
            media_type="text/html; charset=utf-8",
            headers=headers,
        )

    async def status(self, request: Request) -> Response:
        pool = await self._pool()
        s = pool.stats
        data = {
            "store": self.config.store,
            "generation": await pool.run("ping", {}, self.config.timeout),
            "workers": pool.size,
            "worker_pids": pool.pids(),
            "jobs": s.jobs,
            "timeouts": s.timeouts,
            "restarts": s.restarts,
            "busy": s.busy,
            "waiting": s.waiting,
            "read_only": not self.config.allow_update,
            "timeout": self.config.timeout,
            "max_results": self.config.max_results,
        }
        return Response(json.dumps(data), media_type="application/json", headers=_COMMON_HEADERS)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        types = {
            "serve.css": "text/css; charset=utf-8",
            "serve.js": "text/javascript; charset=utf-8",
        }
        if name not in types:
            return _text(404, f"no static file {name!r}")
        return Response(
            _static(name),
            media_type=types[name],
            headers={**_COMMON_HEADERS, "Cache-Control": "max-age=3600"},
        )


class DealgraphApp(Starlette):
    """The app ``dealgraph serve`` runs: :class:`SparqlRouter` at the root, with the ``Host``
    check and CORS of the configuration."""

    def __init__(self, config: ServeConfig) -> None:
        self.router_ = SparqlRouter(config)
        middleware: list[Middleware] = []
        if config.allowed_hosts:
            middleware.append(
                Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
            )
        if config.cors_origins:
            middleware.append(
                Middleware(
                    CORSMiddleware,
                    allow_origins=list(config.cors_origins),
                    allow_methods=["GET", "POST"],
                    allow_headers=["Accept", "Content-Type"],
                )
            )
        super().__init__(
            routes=self.router_.routes, middleware=middleware, lifespan=self.router_.serving
        )

    @property
    def config(self) -> ServeConfig:
        return self.router_.config


def new_token() -> str:
    """A random update token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)
