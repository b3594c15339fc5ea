"""A real `oxigraph serve` process on 127.0.0.1 for the remote-store tests.

The server comes from the PyPI package `oxigraph` (a test extra, the same version as
pyoxigraph). It gets a free port and its own data directory, is waited for until it answers,
and is stopped (terminate, then kill) when the fixture ends, so no process outlives the tests.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def oxigraph_exe() -> str:
    """The `oxigraph` console script next to this interpreter, else on PATH."""
    exe = Path(sys.executable).parent / "oxigraph"
    if exe.exists():
        return str(exe)
    found = shutil.which("oxigraph")
    assert found, (
        "the `oxigraph` server is not installed; install the test extras: pip install -e '.[test]'"
    )
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class OxigraphServer:
    """A running `oxigraph serve`; ``url`` is its base URL (``http://127.0.0.1:PORT``)."""

    def __init__(
        self, process: subprocess.Popen[bytes], port: int, location: Path, log: Path
    ) -> None:
        self.process = process
        self.log = log
        self.port = port
        self.location = location
        self.url = f"http://127.0.0.1:{port}"

    def update(self, sparql: str) -> None:
        """Run an update directly (to reset the store between tests)."""
        req = urllib.request.Request(
            f"{self.url}/update",
            data=sparql.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status in (200, 204)


def _wait_until_up(server: OxigraphServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            out = server.log.read_text(errors="replace")
            raise AssertionError(f"oxigraph serve exited with {server.process.returncode}: {out}")
        try:
            with urllib.request.urlopen(f"{server.url}/query?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise AssertionError(f"oxigraph serve did not answer on {server.url} within {timeout} s")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[OxigraphServer]:
    """Start `oxigraph serve --location LOCATION` on a free port of 127.0.0.1; stop it after."""
    port = free_port()
    log = location.with_name(location.name + ".log")
    with open(log, "wb") as out:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(
            [oxigraph_exe(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = OxigraphServer(process, port, location, log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
