"""A small pool of worker processes where queries run and can be stopped.

Each worker (:func:`dealgraph.serve.jobs.worker_main`) holds its own store handle and runs one
job at a time. The server sends a job down a pipe and waits for the answer at most the job's
time limit; a worker that overruns it is killed (SIGKILL: pyoxigraph cannot be interrupted any
other way) and a fresh one is started in the background, while the other workers go on
answering. A worker that dies of a bug is replaced the same way.

Workers are forked from a fork server (``multiprocessing``'s ``forkserver``) that has imported
dealgraph once, so replacing one takes milliseconds, not the second a fresh interpreter needs.
On Linux each worker also dies with its parent, so a server that is killed leaves no worker
behind.

The server waits for an answer in its event loop (the pipe is a file descriptor it polls), so
the cost per job is a few pipe messages and two pickles: ``bench/serve.py`` measures it against
running the same query in-process.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import struct
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import anyio
import anyio.to_thread

from ..errors import QueryLimitError, StoreError
from .jobs import Failure, Limits, StoreSpec, worker_main

#: How long a new worker may take to open the store and say it is ready.
START_SECONDS = 60.0
#: Answers up to this size are read in the event loop; larger ones in a thread.
INLINE_BYTES = 256 * 1024

_context: Any = None
_context_lock = threading.Lock()


def _mp_context() -> Any:
    """The forkserver context, its server preloaded with the job code (created once)."""
    global _context
    with _context_lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                fs = multiprocessing.get_context("forkserver")
                fs.set_forkserver_preload(["dealgraph.serve.jobs"])
                _context = fs
            else:  # pragma: no cover - not POSIX
                _context = multiprocessing.get_context("spawn")
        return _context


class WorkerDied(StoreError):
    """A worker process ended while it ran a job (a crash, or killed from outside)."""


class _Worker:
    """One worker process and the pipe to it (used from one thread at a time)."""

    def __init__(self, spec: StoreSpec, limits: Limits, name: str) -> None:
        self.spec = spec
        self.limits = limits
        self.name = name
        self.process: Any = None
        self.conn: Connection | None = None
        self.jobs = 0

    def start(self) -> None:
        """Start the process and wait until it has opened the store (blocking)."""
        ctx = _mp_context()
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=worker_main, args=(child, self.spec, self.limits), name=self.name, daemon=True
        )
        process.start()
        child.close()
        try:
            if not parent.poll(START_SECONDS):
                raise StoreError(
                    f"a query worker did not open the store {self.spec.location} within "
                    f"{START_SECONDS:g} s"
                )
            answer = pickle.loads(parent.recv_bytes())
        except (EOFError, OSError, StoreError) as exc:
            process.kill()
            process.join(5)
            parent.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(
                f"a query worker ended before it opened the store {self.spec.location} "
                f"(exit code {process.exitcode})"
            ) from None
        if isinstance(answer, Failure):
            process.join(5)
            parent.close()
            raise StoreError(answer.message)
        self.process, self.conn = process, parent

    async def exchange(self, message: bytes, timeout: float) -> bytes | None:
        """Send a job and wait (in the event loop, no thread) for its answer; ``None`` when it
        ran out of time (the process is then killed). Raises :class:`WorkerDied` when the
        process ended without answering. Cancelled while waiting, it kills the worker too: the
        answer would never be read."""
        conn = self.conn
        assert conn is not None
        self.jobs += 1
        fd = conn.fileno()
        try:
            os.set_blocking(fd, True)
            conn.send_bytes(message)  # the worker is idle, reading: this does not wait
            with anyio.fail_after(timeout):
                await anyio.wait_readable(fd)
            os.set_blocking(fd, True)  # some event loops (uvloop) leave polled fds non-blocking
            (size,) = struct.unpack("!Q", conn.recv_bytes())
            if size <= INLINE_BYTES:
                return conn.recv_bytes()  # being written right now: microseconds
            return await anyio.to_thread.run_sync(conn.recv_bytes)
        except TimeoutError:
            self.kill()
            return None
        except (EOFError, OSError):
            code = self.process.exitcode if self.process is not None else None
            self.kill()
            raise WorkerDied(
                f"the query worker ended while it ran the job (exit code {code}); another was "
                "started, and the server log may say why"
            ) from None
        except BaseException:
            self.kill()
            raise

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
            self.process = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def stop(self) -> None:
        """End the worker: close its pipe (it leaves its loop), kill it if it does not."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.process is not None:
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(5)
            self.process = None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()


@dataclass
class PoolStats:
    """What the pool has done since it started."""

    jobs: int = 0
    timeouts: int = 0
    restarts: int = 0
    busy: int = 0
    waiting: int = 0


class WorkerPool:
    """``size`` workers over one store; :meth:`run` sends a job to an idle one.

    Jobs wait for an idle worker in arrival order. A job that runs out of time raises
    :class:`~dealgraph.errors.QueryLimitError` at once; its worker is replaced in the
    background. Start the pool with :meth:`start` (or ``async with``) inside the event loop that
    will use it, and :meth:`close` it at the end.
    """

    def __init__(
        self, spec: StoreSpec, limits: Limits, size: int = 2, name: str = "dealgraph-query"
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.spec = spec
        self.limits = limits
        self.size = size
        self.name = name
        self.stats = PoolStats()
        self._workers = [_Worker(spec, limits, f"{name}-{i}") for i in range(size)]
        self._idle: asyncio.Queue[_Worker] | None = None
        self._limiter = anyio.CapacityLimiter(size)  # threads starting workers
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False

    async def start(self) -> None:
        """Start every worker (in parallel) and wait until each has opened the store."""
        self._idle = asyncio.Queue()
        errors: list[BaseException] = []

        async def one(w: _Worker) -> None:
            try:
                await anyio.to_thread.run_sync(w.start, limiter=self._limiter)
            except StoreError as exc:
                errors.append(exc)

        async with anyio.create_task_group() as tg:
            for w in self._workers:
                tg.start_soon(one, w)
        if errors:
            await self.close()
            raise errors[0]
        for w in self._workers:
            self._idle.put_nowait(w)

    async def __aenter__(self) -> WorkerPool:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def run(self, job: str, args: dict[str, Any], timeout: float) -> Any:
        """Run ``job`` with ``args`` in a worker; its result, or :class:`~dealgraph.errors.
        QueryLimitError` after ``timeout`` seconds (the worker is then replaced)."""
        if self._idle is None or self._closed:
            raise StoreError("the query workers are not running")
        message = pickle.dumps((job, args), protocol=pickle.HIGHEST_PROTOCOL)
        self.stats.waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self.stats.waiting -= 1
        self.stats.busy += 1
        self.stats.jobs += 1
        healthy = False
        try:
            raw = await worker.exchange(message, timeout)
            if raw is None:
                self.stats.timeouts += 1
                raise QueryLimitError(
                    f"the query ran longer than {timeout:g} s, this endpoint's time limit "
                    "(dealgraph serve --timeout), and was stopped; narrow it down (LIMIT, more "
                    "specific patterns) or ask the operator for a longer limit"
                )
            healthy = True
            return pickle.loads(raw)
        finally:
            self.stats.busy -= 1
            if healthy:
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        """Start a new process for ``worker`` in the background; it rejoins the idle queue."""
        if self._closed:
            return

        async def restart() -> None:
            delay = 0.0
            while not self._closed:
                try:
                    await anyio.to_thread.run_sync(worker.start)
                except StoreError as exc:
                    print(
                        f"dealgraph serve: restarting a query worker failed: {exc}", file=sys.stderr
                    )
                    delay = min(max(delay * 2, 0.5), 10.0)
                    await anyio.sleep(delay)
                    continue
                self.stats.restarts += 1
                if self._closed:
                    worker.stop()
                elif self._idle is not None:
                    self._idle.put_nowait(worker)
                return

        task = asyncio.get_running_loop().create_task(restart())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Stop every worker (idle ones at once; busy ones are killed)."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await anyio.to_thread.run_sync(self._stop_all)

    def _stop_all(self) -> None:
        for w in self._workers:
            w.stop()

    def pids(self) -> list[int]:
        """The process ids of the live workers (for tests and status)."""
        return [w.process.pid for w in self._workers if w.alive]
