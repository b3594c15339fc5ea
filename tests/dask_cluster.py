"""A real Dask cluster for the tests: a `dask scheduler` and `dask worker` processes on
127.0.0.1, started from this interpreter's environment (so the workers import this dealgraph),
waited for until every worker has joined, and stopped (terminate, then kill) at the end, so no
process outlives the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from .servers import free_port


def dask_exe() -> str:
    exe = Path(sys.executable).parent / "dask"
    if exe.exists():
        return str(exe)
    found = shutil.which("dask")
    assert found, "the `dask` command is not installed (it comes with dask[distributed])"
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_for_workers(
    address: str, n: int, procs: list[subprocess.Popen[bytes]], logs: list[Path]
) -> None:
    from distributed import Client

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for p, log in zip(procs, logs, strict=True):
            if p.poll() is not None:
                raise AssertionError(f"a dask process exited: {log.read_text(errors='replace')}")
        try:
            with Client(address, timeout="5s", set_as_default=False) as client:
                client.wait_for_workers(n, timeout=55)
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the Dask cluster at {address} did not get {n} workers within 60 s")


@contextmanager
def dask_cluster(folder: Path, workers: int = 2) -> Iterator[str]:
    """Start a scheduler and ``workers`` single-threaded worker processes (no nanny, no
    dashboard) on free ports of 127.0.0.1; yield the scheduler's address."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    with ExitStack() as stack:

        def start(name: str, args: list[str]) -> None:
            log = folder / f"{name}.log"
            with open(log, "wb") as out:  # a file, not a pipe: a full pipe would stall it
                p = subprocess.Popen(
                    [dask_exe(), *args], stdout=out, stderr=subprocess.STDOUT, cwd=folder
                )
            procs.append(p)
            logs.append(log)
            stack.callback(_stop, p)

        start(
            "scheduler",
            ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        )
        for i in range(workers):
            start(
                f"worker-{i}",
                [
                    "worker",
                    address,
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--local-directory",
                    str(folder / f"worker-{i}"),
                ],
            )
        _wait_for_workers(address, workers, procs, logs)
        yield address
