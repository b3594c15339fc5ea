"""The SPARQL 1.1 Protocol, answer side: query answers in every result format, with a cap.

SELECT answers are written as SPARQL 1.1 Query Results JSON, XML, CSV or TSV; ASK answers as
JSON or XML (CSV and TSV give ``true`` or ``false``, as Oxigraph does); CONSTRUCT and DESCRIBE
answers as Turtle, N-Triples, JSON-LD or RDF/XML through pyoxigraph's serialisers.

Rows are counted while they are read and writing stops at ``cap`` + 1 with
:class:`~dealgraph.errors.QueryLimitError`, so an answer too large is refused before it is held
in memory. (pyoxigraph's own result writers cannot stop at a count, so the result formats are
written here; the graph formats, counted the same way, are pyoxigraph's.)

>>> import pyoxigraph as ox
>>> row = (ox.NamedNode("http://ex/a"), ox.Literal("x <y>", language="en"))
>>> write_solutions("csv", ["s", "label"], [row], cap=10).decode().splitlines()
['s,label', 'http://ex/a,x <y>']
>>> write_boolean("json", True)
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox

from ..errors import QueryLimitError
from ..namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Row = Sequence[Any]

_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
# XML 1.0 cannot carry these characters at all, not even as references.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def too_many(cap: int, what: str = "rows") -> QueryLimitError:
    return QueryLimitError(
        f"the answer has more than {cap} {what}, the most this endpoint returns "
        "(dealgraph serve --max-results); add LIMIT and OFFSET to page through it, or "
        "aggregate (COUNT, GROUP BY)"
    )


def capped(items: Iterable[Any], cap: int, what: str = "rows") -> Iterator[Any]:
    """``items``, raising :class:`QueryLimitError` when there are more than ``cap``."""
    for n, item in enumerate(items):
        if n >= cap:
            raise too_many(cap, what)
        yield item


# ------------------------------------------------------------------------------------------------
# Terms
# ------------------------------------------------------------------------------------------------


def _json_term(t: Any) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    if isinstance(t, ox.Triple):  # SPARQL 1.2 triple terms
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(t.subject),
                "predicate": _json_term(t.predicate),
                "object": _json_term(t.object),
            },
        }
    raise TypeError(f"not an RDF term: {t!r}")


def _xml_text(s: str) -> str:
    s = _XML_INVALID.sub("\ufffd", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_EDGE_SPACE = re.compile(r"^[ \t\n]+|[ \t\n]+$")


def _xml_literal(s: str) -> str:
    """A literal's text as XML: also ``\r`` (which XML parsers turn into ``\n``) and the
    white space at either end (which some parsers trim, pyoxigraph's among them) as character
    references, so that the value arrives exactly."""
    text = _xml_text(s).replace("\r", "&#13;")
    return _EDGE_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)


def _xml_attr(s: str) -> str:
    return _xml_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_text(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_text(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            attr = f' xml:lang="{_xml_attr(t.language)}"'
        elif t.datatype.value != XSD_STRING:
            attr = f' datatype="{_xml_attr(t.datatype.value)}"'
        else:
            attr = ""
        return f"<literal{attr}>{_xml_literal(t.value)}</literal>"
    if isinstance(t, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(t.subject)}</subject>"
            f"<predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {t!r}")


def _csv_value(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return str(t.value)
    return str(t)


def _tsv_value(t: Any) -> str:
    # N-Triples syntax, which escapes newlines and quotes; a tab is written as \t so that it
    # cannot split the column.
    return "" if t is None else str(t).replace("\t", "\\t")


# ------------------------------------------------------------------------------------------------
# Writers
# ------------------------------------------------------------------------------------------------


def write_solutions(fmt: str, variables: Sequence[str], rows: Iterable[Row], cap: int) -> bytes:
    """SELECT rows (terms or ``None`` for unbound, in the order of ``variables``) in ``fmt``:
    ``json``, ``xml``, ``csv`` or ``tsv``."""
    limited = capped(rows, cap)
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in limited
        ]
        return json.dumps(
            {"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
    if fmt == "xml":
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
        ]
        parts.extend(f'<variable name="{_xml_attr(v)}"/>' for v in variables)
        parts.append("</head>\n<results>\n")
        for row in limited:
            parts.append("<result>")
            for v, t in zip(variables, row, strict=True):
                if t is not None:
                    parts.append(f'<binding name="{_xml_attr(v)}">{_xml_term(t)}</binding>')
            parts.append("</result>\n")
        parts.append("</results>\n</sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in row] for row in limited)
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_tsv_value(t) for t in row) for row in limited)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown result format {fmt!r}")


def write_boolean(fmt: str, value: bool) -> bytes:
    """An ASK answer in ``fmt`` (``csv`` and ``tsv``: ``true`` or ``false``)."""
    text = "true" if value else "false"
    if fmt == "json":
        return b'{"head":{},"boolean":' + text.encode() + b"}"
    if fmt == "xml":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{text}</boolean></sparql>\n"
        ).encode()
    if fmt in ("csv", "tsv"):
        return (text + "\n").encode()
    raise ValueError(f"unknown result format {fmt!r}")


def write_graph(fmt: str, triples: Iterable[ox.Triple], cap: int) -> bytes:
    """CONSTRUCT or DESCRIBE triples in ``fmt``: ``turtle``, ``ntriples``, ``jsonld`` or
    ``rdfxml`` (pyoxigraph's writers; the common prefixes are declared where the format has
    prefixes)."""
    listed = list(capped(triples, cap, "triples"))
    rdf_format = _GRAPH_FORMATS[fmt]
    if fmt == "ntriples":
        out = ox.serialize(listed, format=rdf_format)
    else:
        out = ox.serialize(listed, format=rdf_format, prefixes=PREFIXES)
    assert out is not None
    return out
