"""The check before a bulk load on several processes gives what the one-process check gives:
the same graphs, the same errors with the same line numbers, the same progress."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealgraph import nqcheck, store
from dealgraph.errors import InputError
from dealgraph.store import scan_nquads


def quads(n: int, graphs: int, tag: str = "") -> bytes:
    return b"".join(
        f'<http://ex/s{i}> <http://ex/p> "v{i} {tag} \\u00e9" <http://ex/g{i % graphs}{tag}> .\n'.encode()
        for i in range(n)
    )


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every input counts as large: the process pool is used."""
    monkeypatch.setattr(store, "PARALLEL_CHECK_BYTES", 0)


def both(sources: list[Path]) -> tuple[object, object]:
    """What the check gives on one process and on three (the answer or the error text)."""
    out = []
    for processes in (1, 3):
        seen: list[int] = []
        try:
            out.append((sorted(scan_nquads(sources, seen.append, processes)), sum(seen)))
        except InputError as exc:
            out.append(str(exc))
    return out[0], out[1]


def test_the_same_graphs_and_progress_from_plain_and_gzip_files(
    parallel: None, tmp_path: Path
) -> None:
    a, b, c = tmp_path / "a.nq", tmp_path / "b.nq.gz", tmp_path / "c.nq"
    a.write_bytes(quads(3000, 7, "a"))
    b.write_bytes(gzip.compress(quads(500, 3, "b")))
    c.write_bytes(quads(10, 2, "c"))
    one, three = both([a, b, c])
    assert one == three
    assert isinstance(one, tuple) and len(one[0]) == 7 + 3 + 2
    assert one[1] == sum(p.stat().st_size for p in (a, b, c))


@pytest.mark.parametrize("at", [0, 1, 1499, 2999])
def test_a_syntax_error_is_reported_at_the_same_line(
    parallel: None, tmp_path: Path, at: int
) -> None:
    lines = quads(3000, 5).splitlines(keepends=True)
    lines[at] = b"<http://ex/s> <http://ex/p> broken <http://ex/g> .\n"
    bad = tmp_path / "bad.nq"
    bad.write_bytes(b"".join(lines))
    one, three = both([bad])
    assert one == three
    assert isinstance(one, str) and one.startswith(f"{bad}:{at + 1}: not valid N-Quads: ")


def test_a_triple_outside_any_named_graph_is_refused(parallel: None, tmp_path: Path) -> None:
    lines = quads(2000, 5).splitlines(keepends=True)
    lines[1700] = b"<http://ex/s> <http://ex/p> <http://ex/o> .\n"
    bad = tmp_path / "bad.nq"
    bad.write_bytes(b"".join(lines))
    one, three = both([bad])
    assert one == three
    assert isinstance(one, str) and "has no named graph" in one


def test_a_truncated_gzip_file(parallel: None, tmp_path: Path) -> None:
    bad = tmp_path / "cut.nq.gz"
    bad.write_bytes(gzip.compress(quads(2000, 5))[:-40])
    one, three = both([bad])
    assert one == three
    assert isinstance(one, str) and "not a complete gzip file" in one


def test_a_missing_file(parallel: None, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        scan_nquads([tmp_path / "nothing.nq"], processes=2)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"") + b"\n"), max_size=40
    ),
    parts=st.integers(min_value=1, max_value=6),
)
def test_pieces_cover_the_file_and_end_at_line_ends(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], parts: int
) -> None:
    path = tmp_path_factory.mktemp("split") / "f.nq"
    data = b"".join(lines)
    path.write_bytes(data)
    pieces = nqcheck.split(str(path), len(data), parts)
    assert b"".join(data[p.start : p.end] for p in pieces) == data
    assert all(data[p.end - 1 : p.end] == b"\n" for p in pieces)
    assert len(pieces) <= parts
    for p in pieces:
        assert nqcheck.lines_before(str(path), p.start) == data[: p.start].count(b"\n")
