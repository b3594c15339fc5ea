"""YAML with locations: every value knows the line it came from.

Fact sheets, the type file, lexicons and the entity registry are YAML written by people; their
errors must name file, line and field. :func:`load_located` returns the plain data and a
:class:`Lines` index from field paths to line numbers. Timestamps stay strings (a date in a fact
sheet is data with a precision, not a ``datetime``), and duplicate keys are errors.

>>> data, lines = load_located("a:\\n  b: [1, 2]\\n  c: 2019-06-05\\n", "x.yaml")
>>> data
{'a': {'b': [1, 2], 'c': '2019-06-05'}}
>>> lines.line(("a", "c"))
3
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, SheetError

PathT = tuple[str | int, ...]


class Lines:
    """Line numbers (1-based) of the values of a YAML document, by field path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._lines: dict[PathT, int] = {}

    def set(self, path: PathT, line: int) -> None:
        """Record the line of ``path``; the line of a mapping key wins over its value's."""
        self._lines.setdefault(path, line)

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self._lines:
                return self._lines[p]
            p = p[:-1]
        return self._lines.get((), None)

    def problem(self, path: Sequence[str | int], message: str, hint: str = "") -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message, hint)


def field_name(path: Sequence[str | int]) -> str:
    """``("facts", 0, "roles", "party")`` -> ``facts[0].roles.party``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def load_located(text: str, file: str) -> tuple[Any, Lines]:
    """Parse one YAML document; raise :class:`SheetError` with file and line if it is malformed."""
    lines = Lines(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        if exc.context:
            ctx = exc.context
            if (
                exc.context_mark is not None
                and mark is not None
                and exc.context_mark.line != mark.line
            ):
                ctx = f"{ctx} (from line {exc.context_mark.line + 1})"
            what = f"{ctx}: {what}"
        raise SheetError(
            [Problem(file, line, "", f"malformed YAML: {what}", "check indentation and quoting")]
        ) from None
    except yaml.YAMLError as exc:  # reader errors (control characters, bad encoding)
        raise SheetError([Problem(file, None, "", f"malformed YAML: {exc}")]) from None
    if node is None:
        return None, lines
    constructor = yaml.SafeLoader("")
    problems: list[Problem] = []

    def build(n: yaml.Node, path: PathT) -> Any:
        lines.set(path, n.start_mark.line + 1)
        if isinstance(n, yaml.ScalarNode):
            if n.tag == _TIMESTAMP:
                return n.value
            return constructor.construct_object(n, deep=True)
        if isinstance(n, yaml.SequenceNode):
            return [build(child, (*path, i)) for i, child in enumerate(n.value)]
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                key = constructor.construct_object(key_node, deep=True)
                if isinstance(key, (dict, list)):
                    problems.append(
                        Problem(
                            file,
                            key_node.start_mark.line + 1,
                            field_name(path),
                            "a key must be a plain name",
                        )
                    )
                    continue
                key = str(key)
                if key in out:
                    problems.append(
                        Problem(
                            file,
                            key_node.start_mark.line + 1,
                            field_name((*path, key)),
                            "duplicate key",
                            f"it was already given on line {lines.line((*path, key))}; keep one",
                        )
                    )
                    continue
                lines.set((*path, key), key_node.start_mark.line + 1)
                out[key] = build(value_node, (*path, key))
            return out
        raise SheetError(
            [Problem(file, n.start_mark.line + 1, field_name(path), "unsupported YAML node")]
        )

    data = build(node, ())
    if problems:
        raise SheetError(problems)
    return data, lines


def read_located(path: str | os.PathLike[str]) -> tuple[Any, Lines]:
    """Read and parse a YAML file; unreadable or non-UTF-8 files give a located error."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SheetError(
            [Problem(str(p), None, "", f"cannot read the file: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SheetError(
            [Problem(str(p), line, "", f"not UTF-8 (byte {exc.start})", "save the file as UTF-8")]
        ) from None
    return load_located(text, str(p))


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, multi-line strings as literal blocks."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and all(line == line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list_representer(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    short = all(isinstance(v, (str, int, float)) and len(str(v)) < 40 for v in value)
    flow = short and sum(len(str(v)) + 2 for v in value) < 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(list, _list_representer)


def dump(data: Any) -> str:
    """Serialise plain data as readable, deterministic YAML."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return text


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
