"""Moving a graph between stores: dump to N-Quads, restore from N-Quads, and store statistics.

``dealgraph store dump|restore|stats`` are thin layers over these functions. A dump is plain
N-Quads (gzip-compressed when the file name ends in ``.gz``), written to a temporary file and
renamed, so an interrupted dump never leaves half a file under the name asked for. A restore
replaces the graphs the file contains (:meth:`~dealgraph.store.GraphStore.load_nquads`), so
restoring twice adds nothing.

>>> import io
>>> from dealgraph.store import open_store
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> with open_store(":memory:") as a, open_store(":memory:") as b:
...     _ = load_sheets(a, [seed_sheet()])
...     buf = io.BytesIO()
...     dumped = dump_to(a, buf)
...     _ = restore(b, [io.BytesIO(buf.getvalue())])
...     _ = restore(b, [io.BytesIO(buf.getvalue())])  # again: nothing twice
...     (dumped, len(b), b.graphs() == a.graphs())
(534, 534, True)
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .pipeline import Summary, summarize
from .store import (
    GraphStore,
    LoadReport,
    NQuadsSource,
    Progress,
    StoreStats,
    compact_after,
    source_size,
)


class _LineProgress:
    """A binary writer that reports the quads (lines) written through it."""

    def __init__(self, out: IO[bytes], progress: Progress) -> None:
        self._out = out
        self._progress = progress

    def write(self, data: bytes) -> int:
        n = data.count(b"\n")
        if n:
            self._progress(n)
        return self._out.write(data)

    def flush(self) -> None:
        self._out.flush()


def dump_to(store: GraphStore, out: IO[bytes], progress: Progress | None = None) -> int:
    """Write every quad of the store's article graphs to ``out``; return how many.
    ``progress`` is called with the number of quads written since the last call."""
    target: Any = _LineProgress(out, progress) if progress is not None else out
    return store.dump(target)


@dataclass(frozen=True)
class DumpReport:
    path: str  # "-" for standard output
    quads: int
    bytes: int | None


@contextlib.contextmanager
def _atomic_binary(path: Path) -> Iterator[IO[bytes]]:
    """A binary file written beside ``path`` and renamed onto it when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            if path.name.endswith(".gz"):
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                    yield gz  # type: ignore[misc]
            else:
                yield raw
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump(
    store: GraphStore, output: str | os.PathLike[str] | None, progress: Progress | None = None
) -> DumpReport:
    """Dump the store to ``output`` (``None`` or ``-``: standard output) as N-Quads, gzip when
    the name ends in ``.gz``. The file appears only once it is complete."""
    if output is None or str(output) == "-":
        n = dump_to(store, sys.stdout.buffer, progress)
        sys.stdout.buffer.flush()
        return DumpReport("-", n, None)
    path = Path(output)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name such as dump.nq.gz with -o")
    with _atomic_binary(path) as out:
        n = dump_to(store, out, progress)
    return DumpReport(str(path), n, path.stat().st_size)


def restore(
    store: GraphStore, sources: Iterable[NQuadsSource], progress: Progress | None = None
) -> LoadReport:
    """Load N-Quads files (or ``.gz``, or binary streams) into the store, replacing every graph
    they contain: checked first (a bad file changes nothing), then written in batches."""
    sources = list(sources)
    if not sources:
        raise InputError("give the N-Quads file(s) to restore (.nq or .nq.gz)")
    report = store.load_nquads(sources, progress)
    seconds = compact_after(store, report.quads_added, report.quads_after)
    return dataclasses.replace(report, optimized=seconds)


def restore_size(sources: Iterable[NQuadsSource]) -> int | None:
    """The bytes a restore of ``sources`` reads (each source twice: check, then load), for a
    progress bar; ``None`` when a size is unknown."""
    total = 0
    for s in sources:
        size = source_size(s)
        if size is None:
            return None
        total += 2 * size
    return total


@dataclass(frozen=True)
class StoreReport:
    """What ``dealgraph store stats`` shows: the store's figures and what its graphs hold."""

    stats: StoreStats
    summary: Summary

    def lines(self) -> list[str]:
        s = self.stats
        out = [f"store:     {s.location} ({s.kind})"]
        out += self.summary.lines()
        if s.disk_bytes is not None:
            out.append(f"on disk:   {_size(s.disk_bytes)}")
        if s.snapshots:
            extra = f", {_size(s.snapshots_bytes)} more" if s.snapshots_bytes is not None else ""
            out.append(f"snapshots: {s.snapshots} for readers{extra}")
        out.append(f"generation: {s.generation if s.generation is not None else 'unknown'}")
        for key, value in s.details.items():
            out.append(f"{key}: {value}")
        return out


def _size(n: int | None) -> str:
    if n is None:
        return "unknown"
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover


def store_report(store: GraphStore) -> StoreReport:
    """The store's figures (quads, graphs, size on disk, generation) and domain counts
    (articles, entities, facts by type, relations)."""
    return StoreReport(stats=store.stats(), summary=summarize(store))
