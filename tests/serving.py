"""A real `dealgraph serve` process on 127.0.0.1 for the endpoint, browser and load tests.

The server is the installed console script (the same code path as a user's), on a free port,
with its output in a log file. The fixture waits until ``/status`` answers and always stops
it: SIGTERM (uvicorn shuts down and stops its query workers), then SIGKILL; and it checks that
no query worker outlives the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .conftest import dealgraph_exe
from .servers import free_port


class DealgraphServer:
    """A running `dealgraph serve`; ``url`` is its base URL, ``endpoint`` its /sparql."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.log = log
        self.url = f"http://127.0.0.1:{port}"
        self.endpoint = f"{self.url}/sparql"

    def status(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/status", timeout=30) as r:
            data: dict[str, Any] = json.loads(r.read())
            return data

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(FileNotFoundError):
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False  # a zombie: ended, not yet reaped by its parent
    return True


@contextmanager
def dealgraph_server(
    store: Path | str, *args: str, env: dict[str, str] | None = None, timeout: float = 60.0
) -> Iterator[DealgraphServer]:
    """Start `dealgraph serve --store STORE ARGS...` on a free port; stop it afterwards."""
    port = free_port()
    logs = Path(tempfile.mkdtemp(prefix="dealgraph-serve-"))
    log = logs / "serve.log"
    full_env = {**os.environ, **(env or {})}
    full_env.pop("DEALGRAPH_STORE", None)
    with open(log, "wb") as out:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(
            [dealgraph_exe(), "serve", "--store", str(store), "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=full_env,
        )
    server = DealgraphServer(process, port, log)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise AssertionError(
                    f"dealgraph serve exited with {process.returncode}:\n{server.output()}"
                )
            try:
                workers = server.status()["worker_pids"]
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"dealgraph serve did not answer within {timeout} s:\n{server.output()}"
                    ) from None
                time.sleep(0.1)
        yield server
        with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
            workers = server.status()["worker_pids"]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [p for p in workers if _alive(p)]
        for p in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
        shutil.rmtree(logs, ignore_errors=True)
        assert not left, f"query workers {left} outlived the server"


def parse_rdf(data: bytes | str, rdflib_format: str) -> Any:
    """An rdflib Graph of RDF text; JSON-LD goes through a Dataset (rdflib's JSON-LD parser
    warns, deprecated, when it parses into a plain Graph)."""
    import rdflib

    g = rdflib.Graph()
    if rdflib_format == "json-ld":
        ds = rdflib.Dataset()
        with warnings.catch_warnings():  # rdflib's own deprecations inside its JSON-LD parser
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(data=data, format="json-ld")
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return g.parse(data=data, format=rdflib_format)


XSS = "<img src=x onerror=alert(1)>"


def markup_sheet() -> Any:
    """An article whose text and entity names carry markup: every page must show it as text.

    ``xss`` is a company named ``<img src=x onerror=alert(1)>``; the article's text holds the
    same markup and a ``</script>``, inside and outside the evidence span of its deal.
    """
    import yaml

    from dealgraph.facts import parse_sheet

    sentence = f"Acme {XSS} signs a deal with Globex."
    text = f"{sentence} </script><script>alert(2)</script> And <b>nothing</b> else."
    sheet = {
        "dealgraph": "factsheet/1",
        "origin": "curated",
        "article": {"id": "markup-test", "language": "en", "title": f"Markup {XSS}", "text": text},
        "entities": {
            "xss": {
                "type": "Company",
                "label": XSS,
                "description": {"en": "</script><script>alert(3)</script>"},
            },
            "globex": {"type": "Company", "label": "Globex"},
        },
        "facts": [
            {
                "id": "f1",
                "type": "Deal",
                "roles": {"party": ["xss", "globex"]},
                "dates": [{"role": "signed", "value": "2020-01-02"}],
                "evidence": [{"quote": sentence, "start": 0, "end": len(sentence)}],
            }
        ],
    }
    return parse_sheet(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), "markup.yaml")


@contextmanager
def app_server(app: Any, timeout: float = 60.0) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free port of 127.0.0.1, in a thread of this process
    (its lifespan runs: the query workers start and stop with it); yields the base URL."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise AssertionError("the app did not start (see the log above)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise AssertionError(f"the app did not start within {timeout} s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        assert not thread.is_alive(), "uvicorn did not stop"
