"""``dealgraph serve``: a SPARQL 1.1 endpoint and linked-data pages over one store.

The layout follows a request: :mod:`~dealgraph.serve.protocol` reads it (strict decoding,
content negotiation, refusals), :mod:`~dealgraph.serve.workers` hands it to a worker process
that can be killed when it runs out of time, :mod:`~dealgraph.serve.jobs` answers it there
(:mod:`~dealgraph.serve.results` writes SPARQL answers, :mod:`~dealgraph.serve.pages` the
HTML pages), and :mod:`~dealgraph.serve.app` is the Starlette router and app around them.

>>> config = ServeConfig(store="dealgraph-data", timeout=5)
>>> app = DealgraphApp(config)            # an ASGI app; or mount SparqlRouter(config)
>>> sorted(r.path for r in app.routes)[:3]
['/', '/graph', '/id/{path:path}']
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .app import (
    ENV_TOKEN,
    DealgraphApp,
    ServeConfig,
    SparqlRouter,
    StoreInfo,
    loopback_hosts,
    new_token,
    parse_size,
    prepare_store,
)

__all__ = [
    "ENV_TOKEN",
    "DealgraphApp",
    "ServeConfig",
    "SparqlRouter",
    "StoreInfo",
    "loopback_hosts",
    "new_token",
    "parse_size",
    "prepare_store",
    "run",
]


def run(
    config: ServeConfig,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    say: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
    access_log: bool = False,
) -> None:
    """Check the store, say what is served where, and serve it with uvicorn until stopped."""
    import uvicorn

    info = prepare_store(config)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    if info.snapshots_turned_on:
        say(
            f"Turned on snapshots for {info.location}: `dealgraph load` and `ingest` can write "
            "it while it is served, and the server picks up each write"
        )
    mode = "read-write (updates need the token)" if config.allow_update else "read-only"
    say(f"dealgraph serve: {info.location} ({info.kind}, {mode})")
    say(f"  query page     {url}/")
    say(f"  SPARQL         {url}/sparql")
    say(f"  linked data    {url}/id/...")
    say(
        f"  {config.workers} query workers, {config.timeout:g} s per query, at most "
        f"{config.max_results} results, request bodies up to {config.max_body} bytes"
    )
    if config.allow_update and not os.environ.get(ENV_TOKEN):
        say(
            f"  update token   {config.token}   (Authorization: Bearer TOKEN; set ${ENV_TOKEN} to choose it)"
        )
    if config.allowed_hosts is None:
        say(
            f"  Warning: {host} is reachable from other machines; anyone who can reach it can query the graph"
        )
    say("Press Ctrl+C to stop.")
    uvicorn.run(
        DealgraphApp(config),
        host=host,
        port=port,
        log_level="warning",
        access_log=access_log,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
