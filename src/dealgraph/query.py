"""SPARQL for people: query text, ``.rq`` files and named queries with parameters.

Named queries are ``.rq`` files in ``ontology/queries/`` whose header comment says what they
answer and which parameters they take::

    # deals-of: Which deals is an organisation or state a party to ...?
    # param org (entity): the organisation or state: a label or alias, an IRI or a Wikidata id

A parameter is bound by putting ``VALUES ?org { <iri> }`` at the start of the query's WHERE
group (:func:`bind_values`), which works on every SPARQL 1.1 store. ``entity`` parameters are
resolved from names (:mod:`dealgraph.resolve`); ``iri``, ``string``, ``date`` and ``integer``
parameters are taken as written.

>>> q = load_named_queries()["deals-of"]
>>> [p.name for p in q.params]
['org']
>>> bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": "<http://x>"})
'SELECT * WHERE { VALUES ?s { <http://x> } ?s ?p ?o }'
"""

from __future__ import annotations

import csv
import io
import json
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox

from . import resources
from .errors import DataFileError, InputError, QueryError, suggest
from .namespaces import compact
from .store import GraphStore, QueryResult, StateMemo, Term, per_store_state

PARAM_TYPES = ("entity", "iri", "string", "date", "integer")
FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("table", "turtle", "ntriples", "jsonld")

_HEADER_RE = re.compile(r"^#\s*([a-z0-9-]+)\s*:\s*(.+)$")
_PARAM_RE = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    optional: bool = False


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    text: str
    doc: str  # the whole header comment

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


def parse_named_query(name: str, text: str, file: str = "") -> NamedQuery:
    """Read the header comment of a ``.rq`` file: its summary line and ``# param`` lines."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    summary = ""
    params = []
    where = file or name
    if header:
        m = _HEADER_RE.match(header[0])
        if m:
            summary = m.group(2).strip()
    for line in header[1:]:
        m = _PARAM_RE.match(line)
        if not m:
            continue
        pname, spec, desc = m.groups()
        bits = [b.strip() for b in spec.split(",")]
        ptype = bits[0]
        if ptype not in PARAM_TYPES:
            raise DataFileError(
                f"{where}: param {pname}: unknown type {ptype!r} (use {', '.join(PARAM_TYPES)})"
            )
        params.append(Param(pname, ptype, desc.strip(), optional="optional" in bits[1:]))
    if not summary:
        raise DataFileError(f"{where}: the first line must be `# {name}: what the query answers`")
    return NamedQuery(
        name, summary, tuple(params), text, "\n".join(line.lstrip("# ") for line in header)
    )


@cache
def load_named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped in ``ontology/queries/``, by name."""
    out = {}
    folder = resources.ontology_dir() / "queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_named_query(
                name, entry.read_text(encoding="utf-8"), f"ontology/queries/{entry.name}"
            )
    return out


# ------------------------------------------------------------------------------------------------
# Binding parameters
# ------------------------------------------------------------------------------------------------


def _scan(query: str) -> list[tuple[int, str]]:
    """Positions and texts of the words (upper-cased), variables (``?name``) and braces of a
    query, outside comments, strings and IRIs."""
    tokens: list[tuple[int, str]] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = c * 3 if query.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:])
            if m:
                i += m.end()
                continue
        if c in "{}":
            tokens.append((i, c))
            i += 1
            continue
        if c in "?$":
            m = re.match(r"[?$]([A-Za-z0-9_]+)", query[i:])
            if m:
                tokens.append((i, "?" + m.group(1)))
                i += m.end()
                continue
        m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", query[i:])
        if m and (i == 0 or not (query[i - 1].isalnum() or query[i - 1] in "?$:_")):
            tokens.append((i, m.group(0).upper()))
            i += m.end()
            continue
        i += 1
    return tokens


def where_group_start(query: str) -> int:
    """The index just after the ``{`` that opens the query's WHERE group.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_group_start(q):]
    ' ?s ?p ?o }'
    """
    tokens = _scan(query)
    for k, (_, text) in enumerate(tokens):
        if text == "WHERE":
            for pos2, text2 in tokens[k + 1 :]:
                if text2 == "{":
                    return pos2 + 1
    forms = ("SELECT", "ASK", "DESCRIBE")
    seen_form = False
    for pos, text in tokens:
        if text in forms:
            seen_form = True
        elif text == "{" and seen_form:
            return pos + 1
    raise QueryError("cannot find the WHERE group of the query to bind parameters into")


def _where_groups(tokens: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Token index ranges ``(open, close)`` of every ``WHERE { ... }`` group, subqueries too."""
    groups = []
    for k, (_, text) in enumerate(tokens):
        if text != "WHERE":
            continue
        start = next((j for j in range(k + 1, len(tokens)) if tokens[j][1] == "{"), None)
        if start is None:
            continue
        depth = 0
        for j in range(start, len(tokens)):
            depth += {"{": 1, "}": -1}.get(tokens[j][1], 0)
            if depth == 0:
                groups.append((start, j))
                break
    return groups


def bind_values(query: str, values: Mapping[str, str]) -> str:
    """Bind variables to terms (in SPARQL syntax) with VALUES blocks.

    Each variable's block opens the innermost WHERE group that uses the variable, so that a
    subquery which narrows the answer first is narrowed by the parameter too (Oxigraph does not
    push a binding into a subquery); a variable used nowhere goes to the query's WHERE group.

    >>> print(bind_values("SELECT ?x WHERE { { SELECT ?e ?x WHERE { ?e <p> ?x } } }", {"e": "<i>"}))
    SELECT ?x WHERE { { SELECT ?e ?x WHERE { VALUES ?e { <i> } ?e <p> ?x } } }
    """
    if not values:
        return query
    inserts: dict[int, list[str]] = {}
    for name, term in values.items():
        inserts.setdefault(_binding_place(query, name), []).append(f"VALUES ?{name} {{ {term} }}")
    for at in sorted(inserts, reverse=True):
        query = f"{query[:at]} {' '.join(inserts[at])}{query[at:]}"
    return query


@lru_cache(maxsize=256)
def _binding_place(query: str, name: str) -> int:
    """Where :func:`bind_values` puts the VALUES block of ``?name`` in ``query``: a named
    query's text is the same every time, and scanning it costs more than a selective query."""
    tokens = _scan(query)
    using = [
        (close - open_, open_)
        for open_, close in _where_groups(tokens)
        if any(tokens[j][1] == "?" + name for j in range(open_, close))
    ]
    return tokens[min(using)[1]][0] + 1 if using else where_group_start(query)


def _literal(value: str, datatype: str | None = None) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def param_term(store: GraphStore, param: Param, value: str) -> str:
    """The SPARQL term for a parameter value given on the command line."""
    from .resolve import resolve_entity

    if param.type == "entity":
        return f"<{resolve_entity(store, value)}>"
    if param.type == "iri":
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^<>\"{}|^`\\\s]*$", value, re.IGNORECASE):
            raise InputError(f"--param {param.name}: {value!r} is not an IRI")
        return f"<{value}>"
    if param.type == "date":
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise InputError(f"--param {param.name}: {value!r} is not a date; write YYYY-MM-DD")
        return _literal(value, "http://www.w3.org/2001/XMLSchema#date")
    if param.type == "integer":
        if not re.match(r"^-?\d+$", value):
            raise InputError(f"--param {param.name}: {value!r} is not a whole number")
        return _literal(value, "http://www.w3.org/2001/XMLSchema#integer")
    return _literal(value)


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["org=Huawei"]`` -> ``{"org": "Huawei"}``, with a clear error for a missing ``=``."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair!r}: write NAME=VALUE, for example --param org=Huawei")
        out[name.strip()] = value.strip()
    return out


#: Named queries already bound, per store state: ``{(name, params): (text, query)}``.
#: Binding resolves names through the entity index and rewrites the text; a server answering
#: the same question again skips both.
_prepared: StateMemo[dict[tuple[str, tuple[tuple[str, str], ...]], tuple[str, NamedQuery]]] = (
    weakref.WeakKeyDictionary()
)
_PREPARED_MAX = 512


def prepare(
    store: GraphStore, query: str, params: Mapping[str, str] | None = None
) -> tuple[str, NamedQuery | None]:
    """Turn query text, a ``.rq`` path or a named query plus parameters into SPARQL text.

    A named query bound once is kept with the store until the store's generation changes
    (a store whose generation is unknown binds afresh every time)."""
    params = dict(params or {})
    named = load_named_queries()
    if query not in named:
        return _prepare(store, query, params, named)
    kept = per_store_state(_prepared, store, dict)
    if len(kept) >= _PREPARED_MAX:
        kept.clear()
    key = (query, tuple(sorted(params.items())))
    hit = kept.get(key)
    if hit is None:
        text, nq = _prepare(store, query, params, named)
        assert nq is not None
        hit = kept[key] = (text, nq)
    return hit


def _prepare(
    store: GraphStore, query: str, params: dict[str, str], named: dict[str, NamedQuery]
) -> tuple[str, NamedQuery | None]:
    nq: NamedQuery | None = None
    if query in named:
        nq = named[query]
        text = nq.text
    elif query.endswith(".rq") and "\n" not in query:
        path = Path(query)
        if not path.is_file():
            raise InputError(f"{query}: no such query file")
        text = path.read_text(encoding="utf-8")
        nq = (
            parse_named_query(path.stem, text, str(path))
            if _HEADER_RE.match(text.split("\n", 1)[0])
            else None
        )
    elif re.fullmatch(r"[a-z0-9-]+", query.strip()):
        raise InputError(f"no named query {query!r}; {suggest(query, named, 'named queries')}")
    else:
        text = query
    if nq is not None and nq.params:
        declared = {p.name for p in nq.params}
        unknown = sorted(set(params) - declared)
        if unknown:
            raise InputError(
                f"query {nq.name} has no parameter {', '.join(unknown)}; it takes: "
                + ", ".join(f"{p.name} ({p.type})" for p in nq.params)
            )
        missing = [p for p in nq.params if p.name not in params and not p.optional]
        if missing:
            p = missing[0]
            raise InputError(
                f"query {nq.name} needs --param {p.name}=... ({p.type}): {p.description}"
            )
        values = {
            p.name: param_term(store, p, params[p.name]) for p in nq.params if p.name in params
        }
    else:
        values = {name: _literal(v) if not v.startswith("<") else v for name, v in params.items()}
    return bind_values(text, values), nq


def run_query(
    store: GraphStore, query: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run SPARQL text, a ``.rq`` file or a named query with parameters over the store."""
    text, _ = prepare(store, query, params)
    return store.query(text)


# ------------------------------------------------------------------------------------------------
# Formatting results
# ------------------------------------------------------------------------------------------------


def _json_term(t: Term) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}


def _csv_value(t: Term | None) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t)


def _table_value(t: object) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        return compact(t.value)
    if isinstance(t, ox.Literal):
        return t.value
    return str(t)


def format_table(headers: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain-text table; long cells are cut with an ellipsis.

    >>> print(format_table(["a", "b"], [["1", "two"]]))
    a  b
    -  ---
    1  two
    """

    def cut(s: str) -> str:
        s = s.replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cut(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: ``table``, ``csv``, ``tsv`` or ``json`` (SPARQL 1.1 results JSON) for
    SELECT and ASK; ``table``, ``turtle``, ``ntriples`` or ``jsonld`` for CONSTRUCT/DESCRIBE."""
    if result.kind == "graph":
        return _format_graph(result, fmt)
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r} for a SELECT or ASK query; use {', '.join(FORMATS)}"
        )
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2)
        if fmt in ("csv", "tsv"):
            return (
                ("_askResult\r\n" if fmt == "csv" else "?_askResult\n")
                + ("true" if result.boolean else "false")
                + ("\r\n" if fmt == "csv" else "\n")
            )
        return "yes" if result.boolean else "no"
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
            indent=2,
            ensure_ascii=False,
        )
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(t) for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        for row in result.rows:
            lines.append("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row))
        return "\n".join(lines) + "\n"
    table = format_table(result.variables, [[_table_value(t) for t in row] for row in result.rows])
    n = len(result.rows)
    return f"{table}\n({n} row{'s' if n != 1 else ''})"


def _format_graph(result: QueryResult, fmt: str) -> str:
    if fmt not in GRAPH_FORMATS:
        raise InputError(
            f"unknown format {fmt!r} for a CONSTRUCT or DESCRIBE query; use {', '.join(GRAPH_FORMATS)}"
        )
    if fmt == "table":
        rows = [
            [_table_value(t.subject), _table_value(t.predicate), _table_value(t.object)]
            for t in result.triples
        ]
        return format_table(["subject", "predicate", "object"], rows) + f"\n({len(rows)} triples)"
    if fmt == "ntriples":
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result.triples)
    import rdflib

    g = rdflib.Graph()
    from .namespaces import PREFIXES

    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    g.parse(
        data="".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result.triples),
        format="nt",
    )
    return g.serialize(format="json-ld" if fmt == "jsonld" else "turtle")
