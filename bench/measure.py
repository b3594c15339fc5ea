"""What every benchmark here needs: run a step in a process of its own and measure its wall
time and peak memory, describe the machine, and note the load average beside each figure.

A step is a function of a bench module run in a child process (``python bench/measure.py
MODULE FUNCTION JSON-ARGS``): its peak memory is its own, not what earlier steps left behind.
Memory is measured two ways: the peak resident set of the largest process (``wait4``'s
``ru_maxrss``, which covers the children it waited for, as ``/usr/bin/time -v`` reports it),
and the peak of the sum over the process tree, sampled every 50 ms with psutil (what a Dask
run with worker processes costs in all). A step can be given a time limit: it is then stopped
and reported as "> N s".
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULT_MARK = "@@result "


@dataclass
class Measured:
    """One step: wall time, peak memory, the load average when it ended, and what it returned
    (``None`` when it timed out or failed)."""

    seconds: float
    peak_rss: int  # bytes, the largest process (ru_maxrss)
    peak_tree: int  # bytes, the sum over the process tree (sampled)
    load: float  # 1-minute load average at the end
    result: Any = None
    timed_out: bool = False
    error: str = ""
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)

    @property
    def ok(self) -> bool:
        return not self.timed_out and not self.error

    def time_text(self, limit: float | None = None) -> str:
        if self.timed_out:
            return f"> {limit or self.seconds:.0f} s"
        if self.error:
            return "failed"
        return f"{self.seconds:.2f} s"


@contextlib.contextmanager
def workdir_for(path: str | None) -> Iterator[Path]:
    """The folder a benchmark keeps its generated data in: the one given (kept for the next
    run), or a temporary one, removed when the benchmark ends."""
    if path:
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="dg-bench-", ignore_cleanup_errors=True) as tmp:
        yield Path(tmp)


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _tree_rss(proc: Any) -> int:
    import psutil

    total = 0
    try:
        for p in [proc, *proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        pass
    return total


def run_step(
    module: str,
    function: str,
    *args: Any,
    timeout: float | None = None,
    memory_gib: float | None = None,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run ``bench/MODULE.py``'s ``FUNCTION(*args)`` in a child process and measure it.

    The function returns something JSON can carry (its own figures: counts, inner timings).
    ``memory_gib`` caps the child's data segment (a step that would take the shared machine's
    memory fails instead)."""
    argv = [sys.executable, str(BENCH / "measure.py"), module, function, json.dumps(list(args))]
    if memory_gib:
        argv += ["--memory-gib", str(memory_gib)]
    m = run_command(argv, timeout=timeout, env=env)
    for line in m.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            m.result = json.loads(line[len(RESULT_MARK) :])
    if m.ok and m.result is None:
        m.error = "the step returned nothing"
    return m


def run_command(
    argv: list[str], timeout: float | None = None, env: dict[str, str] | None = None
) -> Measured:
    """Run a command and measure it (wall time, peak memory, load average at the end)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=BENCH.parent,
    )
    ps = psutil.Process(proc.pid)
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.is_set():
            peak_tree = max(peak_tree, _tree_rss(ps))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda: out.extend(proc.stdout or []), daemon=True),  # type: ignore[arg-type]
        threading.Thread(target=lambda: err.extend(proc.stderr or []), daemon=True),  # type: ignore[arg-type]
    ]
    for r in readers:
        r.start()
    timed_out = False
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            timed_out = True
            for child in ps.children(recursive=True):
                child.kill()
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    for r in readers:
        r.join(timeout=5)
    error = ""
    if not timed_out and proc.returncode != 0:
        tail = "".join(err).strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        error = tail[0]
    return Measured(
        seconds=seconds,
        peak_rss=usage.ru_maxrss * 1024,
        peak_tree=peak_tree,
        load=os.getloadavg()[0],
        timed_out=timed_out,
        error=error,
        stdout="".join(out),
        stderr="".join(err),
    )


def machine() -> dict[str, str]:
    """The machine and the versions the figures were measured with."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    except OSError:
        pass
    libs = []
    for name in ("dealgraph", "pyoxigraph", "rdflib", "networkx", "pyvis", "dask", "distributed"):
        try:
            libs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            libs.append(f"{name} (not installed)")
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "usable cores": str(
            len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        ),
        "ram": f"{ram / 2**30:.1f} GiB" if ram else "unknown",
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libraries": ", ".join(libs),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _child(module: str, function: str, args: list[Any], memory_gib: float | None) -> None:
    if memory_gib:
        import resource

        limit = int(memory_gib * 2**30)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    sys.path.insert(0, str(BENCH))
    fn = getattr(importlib.import_module(module), function)
    result = fn(*args)
    print(RESULT_MARK + json.dumps(result), flush=True)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Run one benchmark step (used by the benchmarks).")
    ap.add_argument("module")
    ap.add_argument("function")
    ap.add_argument("args")
    ap.add_argument("--memory-gib", type=float, default=None)
    a = ap.parse_args()
    _child(a.module, a.function, json.loads(a.args), a.memory_gib)
