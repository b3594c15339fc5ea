"""The SPARQL 1.1 Protocol, request side: what a request asks for and whether we may do it.

Pure functions, no HTTP framework: the app (:mod:`dealgraph.serve.app`) reads the request,
these decide.

- :func:`parse_form` decodes ``application/x-www-form-urlencoded`` text (a URL's query string,
  a form body) *strictly*: a ``%`` not followed by two hex digits, or bytes that are not UTF-8,
  are a 400 with the position, where most decoders would pass them on silently.
- :func:`operation` turns the method, content type, query string and body into one
  :class:`Operation`: a query or an update, with the dataset the protocol names
  (``default-graph-uri``, ``named-graph-uri``).
- :func:`negotiate` picks a media type from an ``Accept`` header (q-values, wildcards, the most
  specific range wins) among the ones offered for the query form (:func:`query_form`).
- :func:`check_remote` refuses ``SERVICE`` and ``LOAD`` of URLs outside the allow-lists.

>>> parse_form(b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fg")
[('query', 'ASK {}'), ('default-graph-uri', 'http://g')]
>>> negotiate("text/csv;q=0.5, application/sparql-results+json", SOLUTION_TYPES)
'application/sparql-results+json'
>>> query_form("PREFIX ex: <http://ex/> CONSTRUCT { ?s ex:select ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urljoin

from ..errors import (
    DealgraphError,
    InputError,
    QueryLimitError,
    RefusedError,
    RequestError,
    StoreLockedError,
    UnknownEntityError,
)
from ..namespaces import PREFIXES

#: Media types offered for SELECT and ASK answers, best first; aliases map to the same format.
SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
#: Media types offered for CONSTRUCT and DESCRIBE answers, best first.
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/plain": "ntriples",
    "application/xml": "rdfxml",
}
#: The canonical media type of each format.
MEDIA_OF: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
HTML = "text/html"

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
FORM_URLENCODED = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")


# ------------------------------------------------------------------------------------------------
# Decoding
# ------------------------------------------------------------------------------------------------


def _decode(raw: bytes, where: str, offset: int) -> str:
    bad = _BAD_PERCENT.search(raw)
    if bad:
        at = offset + bad.start()
        shown = raw[bad.start() : bad.start() + 3].decode("ascii", "replace")
        raise RequestError(
            f"malformed percent-encoding in {where} at byte {at}: {shown!r} (a % must be "
            "followed by two hex digits; write a literal % as %25)"
        )
    data = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(
            f"{where} is not UTF-8 once decoded (byte {exc.start} of a value: "
            f"{data[exc.start : exc.start + 1]!r}); percent-encode text as UTF-8"
        ) from None


def parse_form(raw: bytes, where: str = "the query string") -> list[tuple[str, str]]:
    """Decode ``name=value&...`` strictly (``+`` is a space; see the module docstring).

    >>> parse_form(b"query=%ZZ")
    Traceback (most recent call last):
    ...
    dealgraph.errors.RequestError: malformed percent-encoding in the query string at byte 6: '%ZZ' (a % must be followed by two hex digits; write a literal % as %25)
    """
    out: list[tuple[str, str]] = []
    offset = 0
    for part in raw.split(b"&"):
        if part:
            name, eq, value = part.partition(b"=")
            out.append(
                (
                    _decode(name, where, offset),
                    _decode(value, where, offset + len(name) + len(eq)),
                )
            )
        offset += len(part) + 1
    return out


def decode_text(body: bytes, charset: str | None, what: str) -> str:
    """A request body as text in its declared charset (UTF-8 by default)."""
    codec = (charset or "utf-8").strip().strip('"').lower()
    try:
        return body.decode(codec)
    except LookupError:
        raise RequestError(f"unknown charset {codec!r} for {what}; send UTF-8") from None
    except UnicodeDecodeError as exc:
        raise RequestError(f"{what} is not valid {codec} at byte {exc.start}; send UTF-8") from None


def media_type(header: str | None) -> tuple[str, dict[str, str]]:
    """``text/turtle; charset=utf-8`` -> ``('text/turtle', {'charset': 'utf-8'})``."""
    if not header:
        return "", {}
    main, *params = header.split(";")
    out: dict[str, str] = {}
    for p in params:
        k, sep, v = p.partition("=")
        if sep:
            out[k.strip().lower()] = v.strip().strip('"')
    return main.strip().lower(), out


# ------------------------------------------------------------------------------------------------
# The operation a request asks for
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """A query or an update, and the dataset the protocol parameters name (``None``: the
    default, the union of all article graphs)."""

    kind: str  # "query" or "update"
    text: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise RequestError(f"give `{name}` once, not {len(values)} times")
    return values[0] if values else None


def _iris(params: list[tuple[str, str]], name: str) -> list[str] | None:
    values = [v for k, v in params if k == name]
    for v in values:
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^<>\"{}|^`\\\s]*$", v, re.I):
            raise RequestError(f"`{name}` must be an absolute IRI, not {v!r}")
    return values or None


def operation(
    method: str, content_type: str | None, query_string: bytes, body: bytes | None
) -> Operation:
    """The operation of a SPARQL protocol request (``body`` is ``None`` for GET).

    >>> operation("GET", None, b"query=ASK%7B%7D", None).text
    'ASK{}'
    >>> operation("POST", "application/sparql-query", b"named-graph-uri=http://g", b"ASK {}")
    Operation(kind='query', text='ASK {}', default_graphs=None, named_graphs=['http://g'])
    """
    url_params = parse_form(query_string, "the query string")
    if method == "GET":
        if _one(url_params, "update") is not None:
            raise RequestError(
                "updates must be sent with POST (application/sparql-update, or a form with "
                "update=...), not GET",
                status=405,
            )
        params = url_params
        text = _one(params, "query")
        if text is None:
            raise RequestError("give a query: GET /sparql?query=... (URL-encoded SPARQL)")
        kind = "query"
    elif method == "POST":
        mtype, mparams = media_type(content_type)
        assert body is not None
        if mtype == FORM_URLENCODED:
            form = parse_form(body, "the form body")
            params = form + [(k, v) for k, v in url_params if k not in ("query", "update")]
            query, update = _one(form, "query"), _one(form, "update")
            if (query is None) == (update is None):
                raise RequestError(
                    "a form POST needs exactly one of query=... or update=..."
                    if query is None
                    else "give either query=... or update=..., not both"
                )
            kind, text = ("query", query) if query is not None else ("update", update or "")
        elif mtype in (SPARQL_QUERY, SPARQL_UPDATE):
            params = url_params
            kind = "query" if mtype == SPARQL_QUERY else "update"
            text = decode_text(body, mparams.get("charset"), f"the {kind} in the request body")
        else:
            raise RequestError(
                f"unsupported Content-Type {mtype or '(none)'!r}: POST a query as "
                f"{SPARQL_QUERY} or as a form ({FORM_URLENCODED}, query=...), an update as "
                f"{SPARQL_UPDATE} or a form with update=...",
                status=415,
            )
    else:
        raise RequestError(f"{method} is not part of the SPARQL protocol; use GET or POST", 405)
    if kind == "update":
        for name in ("using-graph-uri", "using-named-graph-uri"):
            if any(k == name for k, _ in params):
                raise RequestError(
                    f"`{name}` is not supported; name the graphs with USING / WITH in the update"
                )
    return Operation(
        kind=kind,
        text=text,
        default_graphs=_iris(params, "default-graph-uri") if kind == "query" else None,
        named_graphs=_iris(params, "named-graph-uri") if kind == "query" else None,
    )


# ------------------------------------------------------------------------------------------------
# Content negotiation
# ------------------------------------------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` of each media range; no header means ``*/*``.

    >>> parse_accept("text/*;q=0.3, text/turtle")
    [('text', '*', 0.3), ('text', 'turtle', 1.0)]
    """
    if not header or not header.strip():
        return [("*", "*", 1.0)]
    out = []
    for item in header.split(","):
        mtype, params = media_type(item)
        if not mtype:
            continue
        main, _, sub = mtype.partition("/")
        try:
            q = float(params.get("q", "1"))
        except ValueError:
            q = 0.0
        out.append((main or "*", sub or "*", max(0.0, min(q, 1.0))))
    return out


def quality(ranges: Sequence[tuple[str, str, float]], offer: str) -> float:
    """The q-value the client gives ``offer``: that of the most specific range that matches."""
    main, _, sub = offer.partition("/")
    best, specificity = 0.0, -1
    for rmain, rsub, q in ranges:
        if rmain == main and rsub == sub:
            s = 2
        elif rmain == main and rsub == "*":
            s = 1
        elif rmain == "*" and rsub == "*":
            s = 0
        else:
            continue
        if s > specificity:
            best, specificity = q, s
    return best


def negotiate(header: str | None, offers: Iterable[str]) -> str | None:
    """The acceptable offer with the highest q-value (the first offered on a tie), or ``None``.

    >>> negotiate("text/turtle;q=0, */*", GRAPH_TYPES)
    'application/n-triples'
    >>> negotiate("image/png", GRAPH_TYPES) is None
    True
    """
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def prefers_html(header: str | None, offers: Iterable[str]) -> bool:
    """Whether the client (a browser) asks for HTML more than for any of ``offers``."""
    ranges = parse_accept(header)
    html = quality(ranges, HTML)
    return html > 0 and all(quality(ranges, o) < html for o in offers)


# The lexical tokens of SPARQL that can hide a keyword: comments, strings (long and short, with
# their escapes), IRIs, variables and prefixed names; what is left are the words. One regular
# expression, so that scanning a query costs microseconds on the server's event loop.
_TOKENS = re.compile(
    "|".join(
        [
            r"(?P<comment>#[^\r\n]*)",
            r"(?P<string>'{3}(?:[^'\\]|\\.|'(?!''))*'{3}"
            r'|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}'
            r"|'(?:[^'\\\r\n]|\\.)*'"
            r'|"(?:[^"\\\r\n]|\\.)*")',
            r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
            r"(?P<var>[?$]\w+)",
            r"(?P<pname>(?:[A-Za-z_][\w.-]*)?:[^\s{}()<>,;]*)",
            r"(?P<word>[A-Za-z][A-Za-z0-9_]*)",
        ]
    ),
    re.S,
)


def words(text: str) -> Iterator[tuple[int, str]]:
    """The positions and upper-cased texts of the words of a query or update: its keywords,
    never the inside of a comment, string, IRI, variable or prefixed name.

    >>> [w for _, w in words("PREFIX s: <http://s/> SELECT ?service { ?x s:load 'SERVICE' } # ASK")]
    ['PREFIX', 'SELECT']
    """
    for m in _TOKENS.finditer(text):
        if m.lastgroup == "word":
            yield m.start(), m.group().upper()


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first query-form keyword outside comments,
    strings and IRIs), or ``None`` when there is none (the parser will say what is wrong)."""
    for _, word in words(text):
        if word in QUERY_FORMS:
            return word
    return None


# ------------------------------------------------------------------------------------------------
# SERVICE and LOAD of remote URLs
# ------------------------------------------------------------------------------------------------

_REF = re.compile(
    r"\s*(?:(?i:SILENT)\s+)?(?P<ref><[^<>\"{}|^`\\\s]*>|[?$][A-Za-z0-9_]+|"
    r"(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s{}()<>,;]*))"
)
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.I)
_BASE_DECL = re.compile(r"BASE\s+<([^<>\s]*)>", re.I)


def remote_references(text: str, keyword: str) -> list[str | None]:
    """The IRIs each ``SERVICE`` (or ``LOAD``) of ``text`` names, resolved against the
    query's ``BASE`` and ``PREFIX`` declarations and the predeclared prefixes; ``None`` where
    the target cannot be known before running (a variable, an unknown prefix).

    >>> remote_references("SELECT * { SERVICE SILENT <http://a/sparql> { ?s ?p ?o } }", "SERVICE")
    ['http://a/sparql']
    >>> remote_references('SELECT * { ?s ?p "SERVICE <http://x>" } # SERVICE <http://y>', "SERVICE")
    []
    """
    if keyword.lower() not in text.lower():
        return []
    tokens = list(words(text))
    prefixes = dict(PREFIXES)
    base: str | None = None
    refs: list[str | None] = []
    for pos, word in tokens:
        if word == "PREFIX":
            m = _PREFIX_DECL.match(text, pos)
            if m:
                prefixes[m.group(1) or ""] = m.group(2)
        elif word == "BASE":
            m = _BASE_DECL.match(text, pos)
            if m:
                base = urljoin(base, m.group(1)) if base else m.group(1)
        elif word == keyword:
            m = _REF.match(text, pos + len(keyword))
            if not m:
                refs.append(None)
                continue
            ref = m.group("ref")
            if ref.startswith("<"):
                iri = ref[1:-1]
                refs.append(urljoin(base, iri) if base else iri)
            elif ref[0] in "?$":
                refs.append(None)
            else:
                ns = prefixes.get(m.group("prefix") or "")
                refs.append(ns + m.group("local") if ns is not None else None)
    return refs


def allowed(iri: str, allow: Sequence[str]) -> bool:
    """Whether ``iri`` is one of the allowed URLs or below one (a path boundary counts).

    >>> allowed("http://h:7878/query", ["http://h:7878"]), allowed("http://h:78780", ["http://h:7878"])
    (True, False)
    """
    for a in allow:
        if iri == a:
            return True
        stem = a if a.endswith(("/", "#", "?", "=")) else a + "/"
        if iri.startswith(stem):
            return True
    return False


def check_remote(
    text: str, kind: str, allow_service: Sequence[str], allow_load: Sequence[str]
) -> None:
    """Raise :class:`RefusedError` for a ``SERVICE`` (queries and updates) or a ``LOAD``
    (updates) whose URL is not allowed. Oxigraph would fetch them from the server's machine,
    which must not become a way into the network it sits in."""
    checks = [("SERVICE", allow_service, "--allow-service")]
    if kind == "update":
        checks.append(("LOAD", allow_load, "--allow-load"))
    for keyword, allow, option in checks:
        for iri in remote_references(text, keyword):
            if iri is None:
                raise RefusedError(
                    f"{keyword} with a variable or an undeclared prefix is refused: the server "
                    f"only {'federates with' if keyword == 'SERVICE' else 'loads from'} URLs its "
                    f"operator allowed ({option} URL), named in the {kind}"
                )
            if not allowed(iri, allow):
                hint = (
                    f"its operator can allow it with `dealgraph serve {option} {iri}`"
                    if not allow
                    else f"allowed: {', '.join(allow)}"
                )
                raise RefusedError(
                    f"{keyword} <{iri}> is refused: this endpoint does not "
                    f"{'query other endpoints' if keyword == 'SERVICE' else 'load URLs'} "
                    f"unless allowed ({hint})"
                )


def status_of(exc: DealgraphError) -> int:
    """The HTTP status of an error: 400 bad query or input, 403 refused, 404 unknown entity,
    503 a limit (time, result cap) or a busy store, 502 a remote store that failed, 500 else.

    >>> status_of(RefusedError("no")), status_of(QueryLimitError("slow")), status_of(InputError("bad"))
    (403, 503, 400)
    """
    from ..remote import HTTPStatusError

    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, RefusedError):
        return 403
    if isinstance(exc, (QueryLimitError, StoreLockedError)):
        return 503
    if isinstance(exc, UnknownEntityError):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, HTTPStatusError):
        return 502
    return 500
