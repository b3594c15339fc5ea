"""Checking N-Quads before a bulk load, on several processes when the input is large.

:func:`dealgraph.store.scan_nquads` parses every source once before anything is written, so
that a syntax error or a triple outside any named graph changes nothing. Parsing is most of
that check's time (1.2 s for 1M quads) and takes one core; a large plain file is therefore cut
into pieces at line ends (N-Quads is one quad per line) and the pieces are parsed by a pool of
processes, one per core. This module is what a worker process runs (``python -m
dealgraph.nqcheck PATH START END GZ``, the answer as JSON on stdout): it imports nothing but
pyoxigraph, so that starting a worker costs little, and being a command of its own it works
from any caller (``multiprocessing``'s spawn would import the caller's main module again).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from typing import IO, cast

import pyoxigraph as ox


@dataclass
class Piece:
    """Bytes ``start`` to ``end`` of the file ``path`` (the whole decompressed stream when
    ``gz``)."""

    path: str
    start: int
    end: int
    gz: bool = False


@dataclass
class PieceResult:
    """What parsing one piece found: the graph names; else the first quad outside any named
    graph, or the first syntax error (message and line within the piece)."""

    graphs: list[str] = field(default_factory=list)
    default_quad: str | None = None
    error: str | None = None
    error_line: int | None = None
    gzip_error: bool = False


class _Range(io.RawIOBase):
    """A read-only view of bytes ``start`` to ``end`` of an open file."""

    def __init__(self, fh: io.BufferedReader, start: int, end: int) -> None:
        fh.seek(start)
        self._fh = fh
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buf: memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        n = self._fh.readinto(memoryview(buf)[: min(len(buf), self._left)])
        self._left -= n or 0
        return n or 0


def check_piece(piece: Piece) -> PieceResult:
    """Parse one piece (runs in a worker process)."""
    out = PieceResult()
    graphs: set[str] = set()
    last: object = None
    with open(piece.path, "rb") as fh:
        stream: IO[bytes]
        if piece.gz:
            stream = cast(IO[bytes], gzip.GzipFile(fileobj=fh, mode="rb"))
        else:
            stream = io.BufferedReader(_Range(fh, piece.start, piece.end), buffer_size=1 << 20)
        try:
            for q in ox.parse(input=stream, format=ox.RdfFormat.N_QUADS):
                g = q.graph_name
                if g == last:
                    continue
                last = g
                if not isinstance(g, ox.NamedNode):
                    out.default_quad = str(q)
                    break
                graphs.add(g.value)
        except (SyntaxError, ValueError) as exc:
            out.error = str(exc.args[0]) if exc.args else str(exc)  # without " (line N)"
            out.error_line = getattr(exc, "lineno", None)
        except (gzip.BadGzipFile, EOFError) as exc:
            out.error, out.gzip_error = str(exc), True
    out.graphs = sorted(graphs)
    return out


def split(path: str, size: int, parts: int) -> list[Piece]:
    """``parts`` pieces of a plain file, each ending at the end of a line."""
    bounds = [0]
    with open(path, "rb") as fh:
        for i in range(1, parts):
            fh.seek(max(size * i // parts, bounds[-1]))
            fh.readline()  # to the end of the line the cut fell in
            bounds.append(min(fh.tell(), size))
    bounds.append(size)
    return [Piece(path, a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def lines_before(path: str, offset: int) -> int:
    """How many lines of ``path`` end before byte ``offset`` (to report an error's line in
    the whole file)."""
    n = 0
    with open(path, "rb") as fh:
        left = offset
        while left > 0:
            block = fh.read(min(left, 1 << 20))
            if not block:
                break
            n += block.count(b"\n")
            left -= len(block)
    return n


def shift_lines(message: str, by: int) -> str:
    """The parser's message with its line numbers counted from the file's first line."""
    return re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + by}", message)


def main(argv: list[str]) -> None:
    path, start, end, gz = argv
    piece = Piece(path, int(start), int(end), gz == "1")
    json.dump(asdict(check_piece(piece)), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
