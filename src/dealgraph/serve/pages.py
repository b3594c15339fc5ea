"""The HTML pages of ``dealgraph serve``: the query page and a linked-data page per resource.

Every instance IRI ``https://w3id.org/dealgraph/id/PATH`` has a page at ``/id/PATH``:

- an **entity**: its labels in every language, aliases, class, Wikidata link, description,
  its direct relations and the facts it takes part in, each with date and quotes, and a small
  graph of its neighbourhood;
- a **fact** (event): its type, date, modality, participants, the relations it supports and
  its evidence, each quote linked to its place in the article;
- an **article**: its cleaned text (``schema:articleBody``) with every evidence span
  highlighted and linked to its fact, and the list of facts it states;
- anything else (an evidence annotation, a date): its statements.

Pages are built from the cached projection (:func:`dealgraph.graph.projection`) and a few
SPARQL queries, and rendered with the package templates in ``templates/serve/`` (Jinja2 with
autoescaping on): every string from the store is escaped (:mod:`dealgraph.escape`), the
highlighted article text included. Graph views are the project's own view page
(:func:`dealgraph.view.render_view`), served at ``/graph`` and embedded with an iframe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

import networkx as nx
import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..escape import html
from ..graph import Quote
from ..namespaces import ID, RDF, SCHEMA, WD, compact
from ..query import NamedQuery, load_named_queries
from ..store import GraphStore

#: Shown in a page's table of statements before "and N more".
STATEMENTS_SHOWN = 200
#: The most rows the query page shows (the endpoint returns them all, up to its cap).
ROWS_SHOWN = 1000
#: The most nodes a graph view draws.
GRAPH_NODES = 250
#: The most relations, and facts, an entity page lists (the named query relations-of has all).
LISTED = 300

_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@/%-]+$")


@cache
def templates() -> Environment:
    """The Jinja2 environment of the package templates (autoescaping on)."""
    env = Environment(
        loader=PackageLoader("dealgraph", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def render(name: str, **context: Any) -> str:
    return templates().get_template(f"serve/{name}").render(**context)


# ------------------------------------------------------------------------------------------------
# Links and cells
# ------------------------------------------------------------------------------------------------


def iri_of_path(path: str) -> str | None:
    """The instance IRI served at ``/id/PATH``, or ``None`` when ``path`` cannot be part of an
    IRI (so nothing from the URL can reach SPARQL text unchecked).

    >>> iri_of_path("entity/huawei")
    'https://w3id.org/dealgraph/id/entity/huawei'
    >>> iri_of_path("entity/x> } DROP ALL {") is None
    True
    """
    return ID + path if path and _SAFE_PATH.match(path) else None


def href(iri: str, base: str) -> str | None:
    """Where a link to ``iri`` goes: its page on this server for an instance IRI, the IRI
    itself for other http(s) IRIs, nowhere for anything else."""
    if iri.startswith(ID):
        return f"{base}/id/{quote(iri[len(ID) :], safe='/:@!$&()*+,;=-._~')}"
    if iri.startswith(("http://", "https://")):
        return iri
    return None


@dataclass(frozen=True)
class Cell:
    """One term as shown in a table: text, a link, a note (language or datatype)."""

    text: str
    href: str | None = None
    note: str = ""
    title: str = ""
    kind: str = "literal"


def cell(term: Any, base: str, labels: Mapping[str, str] | None = None, cut: int = 0) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        label = (labels or {}).get(term.value)
        return Cell(
            label or compact(term.value), href(term.value, base), title=term.value, kind="iri"
        )
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}", kind="bnode")
    if isinstance(term, ox.Literal):
        text = term.value
        if cut and len(text) > cut:
            text = text[: cut - 1] + "…"
        note = (
            f"@{term.language}"
            if term.language
            else ""
            if term.datatype.value.endswith("#string")
            else compact(term.datatype.value)
        )
        return Cell(text, note=note)
    return Cell(str(term), kind="triple")


# ------------------------------------------------------------------------------------------------
# Reading a resource
# ------------------------------------------------------------------------------------------------


@dataclass
class Statements:
    """The statements about one resource: what it says (outgoing) and what points to it."""

    outgoing: list[tuple[ox.NamedNode, Any]] = field(default_factory=list)
    incoming: list[tuple[Any, ox.NamedNode]] = field(default_factory=list)
    incoming_more: bool = False

    def values(self, predicate: str) -> list[Any]:
        return [o for p, o in self.outgoing if p.value == predicate]

    def types(self) -> set[str]:
        return {o.value for o in self.values(RDF + "type") if isinstance(o, ox.NamedNode)}


def statements(store: GraphStore, iri: str, incoming_limit: int = STATEMENTS_SHOWN) -> Statements:
    """The distinct statements about ``iri`` over all article graphs (``iri`` must be a safe
    IRI: see :func:`iri_of_path`)."""
    out = store.query(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o")
    inc = store.query(
        f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s LIMIT {incoming_limit + 1}"
    )
    incoming = [(r[0], r[1]) for r in inc.rows]
    return Statements(
        outgoing=[(r[0], r[1]) for r in out.rows],  # type: ignore[misc]
        incoming=incoming[:incoming_limit],  # type: ignore[arg-type]
        incoming_more=len(incoming) > incoming_limit,
    )


def describe(store: GraphStore, iri: str, cap: int) -> list[ox.Triple]:
    """The triples a client dereferencing ``iri`` for RDF gets: every statement about it, and
    up to ``cap`` statements that point to it."""
    st = statements(store, iri, incoming_limit=cap)
    node = ox.NamedNode(iri)
    triples = [ox.Triple(node, p, o) for p, o in st.outgoing]
    triples.extend(ox.Triple(s, p, node) for s, p in st.incoming)
    return triples


def _statement_rows(
    st: Statements, base: str, labels: Mapping[str, str]
) -> tuple[list[tuple[Cell, Cell]], list[tuple[Cell, Cell]]]:
    out = [(cell(p, base), cell(o, base, labels, cut=300)) for p, o in st.outgoing]
    inc = [(cell(s, base, labels), cell(p, base)) for s, p in st.incoming]
    return out[:STATEMENTS_SHOWN], inc


def _labels(g: nx.MultiDiGraph) -> dict[str, str]:
    return {n: str(d.get("label", n)) for n, d in g.nodes(data=True)}


def _quote_links(quotes: Iterable[Quote], base: str) -> list[dict[str, Any]]:
    out = []
    for q in quotes:
        page = href(q.article, base)
        out.append(
            {
                "quote": q.quote,
                "href": f"{page}#ev-{q.start}-{q.end}" if page else None,
                "title": q.title or compact(q.article),
            }
        )
    return out


def _node(g: nx.MultiDiGraph, n: str, base: str) -> dict[str, Any]:
    d = g.nodes[n] if n in g else {}
    return {"label": d.get("label", compact(n)), "href": href(n, base), "type": d.get("type", "")}


def _edge(g: nx.MultiDiGraph, d: Mapping[str, Any], base: str) -> dict[str, Any]:
    fact = d.get("fact", "")
    return {
        "relation": d.get("relation_label", compact(d.get("relation", ""))),
        "relation_iri": d.get("relation", ""),
        "fact": _node(g, fact, base) if fact else None,
        "fact_type": d.get("fact_type", ""),
        "date": d.get("date_label", ""),
        "precision": d.get("precision") or "",
        "quotes": _quote_links(d.get("evidence", []), base),
    }


# ------------------------------------------------------------------------------------------------
# The pages
# ------------------------------------------------------------------------------------------------


def _common(iri: str, st: Statements, g: nx.MultiDiGraph, base: str) -> dict[str, Any]:
    labels = _labels(g)
    outgoing, incoming = _statement_rows(st, base, labels)
    path = iri[len(ID) :]
    return {
        "base": base,
        "iri": iri,
        "types": sorted(compact(t) for t in st.types()),
        "outgoing": outgoing,
        "incoming": incoming,
        "incoming_more": st.incoming_more,
        "formats": [
            ("Turtle", f"{base}/id/{path}?format=turtle"),
            ("JSON-LD", f"{base}/id/{path}?format=jsonld"),
            ("N-Triples", f"{base}/id/{path}?format=ntriples"),
            ("RDF/XML", f"{base}/id/{path}?format=rdfxml"),
        ],
    }


def entity_page(g: nx.MultiDiGraph, iri: str, st: Statements, base: str) -> str:
    """The page of an entity of the projection ``g``."""
    d = g.nodes[iri]
    relations = []
    for _, other, e in g.out_edges(iri, data=True):
        if e.get("kind") == "relation":
            relations.append({"dir": "out", "other": _node(g, other, base), **_edge(g, e, base)})
    for other, _, e in g.in_edges(iri, data=True):
        if e.get("kind") == "relation" and not e.get("symmetric"):
            relations.append({"dir": "in", "other": _node(g, other, base), **_edge(g, e, base)})
    relations.sort(key=lambda r: (r["relation"], r["other"]["label"], r["date"]))
    facts = []
    for fact, _, e in g.in_edges(iri, data=True):
        if e.get("kind") == "role":
            fd = g.nodes[fact]
            facts.append(
                {
                    "role": e.get("relation_label", ""),
                    "fact": _node(g, fact, base),
                    "date": fd.get("date_label", ""),
                    "sort": fd.get("sort_date") or "9999",
                    "precision": fd.get("precision") or "",
                    "modality": fd.get("modality", ""),
                    "quotes": _quote_links(fd.get("evidence", []), base),
                }
            )
    facts.sort(key=lambda f: (f["sort"], f["fact"]["label"]))
    labels = sorted(
        (lang or "—", str(text)) for lang, text in (d.get("labels") or {}).items() if text
    )
    aliases = sorted(
        (o.language or "—", o.value)
        for o in st.values("http://www.w3.org/2004/02/skos/core#altLabel")
        if isinstance(o, ox.Literal)
    )
    qid = d.get("wikidata") or ""
    more = f"{base}/?{urlencode({'named': 'relations-of', 'entity': iri})}"
    return render(
        "entity.html",
        listed=LISTED,
        relations_total=len(relations),
        facts_total=len(facts),
        more_href=more,
        title=d.get("label", compact(iri)),
        label=d.get("label", compact(iri)),
        type=d.get("type", "Entity"),
        description=d.get("description", ""),
        labels=labels,
        aliases=aliases,
        wikidata=qid,
        wikidata_url=f"https://www.wikidata.org/wiki/{qid}" if qid else "",
        wikidata_iri=WD + qid if qid else "",
        relations=relations[:LISTED],
        facts=facts[:LISTED],
        graph_src=f"{base}/graph?{urlencode({'focus': iri})}",
        **_common(iri, st, g, base),
    )


def fact_page(g: nx.MultiDiGraph, iri: str, st: Statements, base: str) -> str:
    """The page of a fact (event) of the projection ``g``."""
    d = g.nodes[iri]
    participants = [
        {"role": e.get("relation_label", ""), "entity": _node(g, x, base)}
        for _, x, e in g.out_edges(iri, data=True)
        if e.get("kind") == "role"
    ]
    participants.sort(key=lambda p: (p["role"], p["entity"]["label"]))
    supported = []
    ends = [iri] + [p for _, p, e in g.out_edges(iri, data=True) if e.get("kind") == "role"]
    seen: set[tuple[str, str, str]] = set()
    for n in ends:
        for u, v, e in [*g.out_edges(n, data=True), *g.in_edges(n, data=True)]:
            if e.get("kind") != "relation":
                continue
            if e.get("fact") != iri and iri not in (u, v):
                continue
            key = (
                (min(u, v), max(u, v), e.get("relation", ""))
                if e.get("symmetric")
                else (u, v, e.get("relation", ""))
            )
            if key in seen:
                continue
            seen.add(key)
            supported.append(
                {
                    "source": _node(g, u, base),
                    "target": _node(g, v, base),
                    "symmetric": bool(e.get("symmetric")),
                    **_edge(g, e, base),
                }
            )
    supported.sort(key=lambda r: (r["relation"], r["source"]["label"], r["target"]["label"]))
    return render(
        "fact.html",
        title=d.get("label", compact(iri)),
        label=d.get("label", compact(iri)),
        type=d.get("type", "Fact"),
        date=d.get("date_label", ""),
        precision=d.get("precision") or "",
        modality=d.get("modality", ""),
        participants=participants,
        supported=supported,
        quotes=_quote_links(d.get("evidence", []), base),
        articles=[_node(g, a, base) | {"iri": a} for a in d.get("articles", [])],
        graph_src=f"{base}/graph?{urlencode({'focus': iri})}",
        **_common(iri, st, g, base),
    )


@dataclass(frozen=True)
class Span:
    """An evidence span of an article: ``[start, end)`` of its text, the fact it supports."""

    start: int
    end: int
    fact: str
    label: str
    quote: str


_ARTICLE_SPANS = """
SELECT DISTINCT ?f ?label ?quote ?start ?end WHERE {
  ?t oa:hasSource <%s> ; oa:hasSelector ?qs , ?ps .
  ?qs a oa:TextQuoteSelector ; oa:exact ?quote .
  ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?ann oa:hasTarget ?t .
  ?f dg:evidence ?ann .
  OPTIONAL { ?f rdfs:label ?label }
}
"""


def article_spans(store: GraphStore, iri: str) -> list[Span]:
    """The evidence spans in the article ``iri``, by position."""
    spans = {}
    for row in store.query(_ARTICLE_SPANS % iri).dicts():
        key = (int(row["start"].value), int(row["end"].value), row["f"].value)
        spans[key] = Span(
            start=key[0],
            end=key[1],
            fact=key[2],
            label=row["label"].value if "label" in row else compact(key[2]),
            quote=row["quote"].value,
        )
    return sorted(spans.values(), key=lambda s: (s.start, -s.end, s.fact))


def highlight(text: str, spans: Sequence[Span], base: str) -> Markup:
    """``text`` as HTML with every span a link to its fact (escaped: article text is never
    markup). Overlapping spans split the text where they begin and end; a piece inside several
    spans links to the first and names them all; the first piece of each span carries the
    anchor ``ev-START-END``.

    >>> s = [Span(0, 5, ID + "deal/1", "Deal", "<b>A<")]
    >>> str(highlight("<b>A< and B", s, ""))
    '<a class="ev d1" id="ev-0-5" href="/id/deal/1" title="Deal">&lt;b&gt;A&lt;</a> and B'
    """
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    anchored: set[tuple[int, int]] = set()
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html(text[a:b])
        covering = [s for s in valid if s.start <= a and b <= s.end]
        if not covering:
            parts.append(piece)
            continue
        ids = []
        for s in covering:
            if s.start == a and (s.start, s.end) not in anchored:
                anchored.add((s.start, s.end))
                ids.append(f"ev-{s.start}-{s.end}")
        anchor = f' id="{ids[0]}"' if ids else ""
        extra = "".join(f'<span class="anchor" id="{i}"></span>' for i in ids[1:])
        labels = "; ".join(dict.fromkeys(s.label for s in covering))
        link = href(covering[0].fact, base) or "#"
        parts.append(
            f'{extra}<a class="ev d{min(len(covering), 3)}"{anchor} href="{html(link)}" '
            f'title="{html(labels)}">{piece}</a>'
        )
    return Markup("".join(parts))


def article_page(
    g: nx.MultiDiGraph, iri: str, st: Statements, spans: Sequence[Span], base: str
) -> str:
    """The page of an article: metadata, highlighted text, the facts it states."""

    def first(predicate: str) -> Any:
        values = st.values(predicate)
        return values[0] if values else None

    body = first(SCHEMA + "articleBody")
    text = body.value if isinstance(body, ox.Literal) else ""
    headline = first(SCHEMA + "headline")
    url = first(SCHEMA + "url")
    facts: dict[str, dict[str, Any]] = {}
    for s in spans:
        f = facts.setdefault(
            s.fact,
            {"fact": _node(g, s.fact, base), "label": s.label, "quotes": []},
        )
        f["quotes"].append({"quote": s.quote, "anchor": f"ev-{s.start}-{s.end}", "start": s.start})
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    mismatched = [s for s in valid if text[s.start : s.end] != s.quote]
    return render(
        "article.html",
        title=headline.value if headline is not None else compact(iri),
        headline=headline.value if headline is not None else compact(iri),
        language=getattr(first(SCHEMA + "inLanguage"), "value", ""),
        published=getattr(first(SCHEMA + "datePublished"), "value", ""),
        publisher=getattr(first(SCHEMA + "publisher"), "value", ""),
        url=(href(url.value, base) or "") if isinstance(url, ox.NamedNode) else "",
        origin=getattr(first("https://w3id.org/dealgraph/ontology#origin"), "value", ""),
        body=highlight(text, valid, base),
        spans=len(valid),
        outside=len(spans) - len(valid),
        mismatched=len(mismatched),
        facts=sorted(facts.values(), key=lambda f: min(q["start"] for q in f["quotes"])),
        **_common(iri, st, g, base),
    )


def resource_page(g: nx.MultiDiGraph, iri: str, st: Statements, base: str) -> str:
    """The page of any other resource: its statements."""
    label = next(
        (o.value for o in st.values("http://www.w3.org/2000/01/rdf-schema#label")), compact(iri)
    )
    return render("resource.html", title=label, label=label, **_common(iri, st, g, base))


def not_found_page(iri: str, base: str) -> str:
    return render(
        "error.html",
        base=base,
        title="Not found",
        status=404,
        message=f"Nothing is known about <{iri}> in this store.",
    )


def error_page(status: int, message: str, base: str) -> str:
    return render("error.html", base=base, title=f"Error {status}", status=status, message=message)


# ------------------------------------------------------------------------------------------------
# The query page
# ------------------------------------------------------------------------------------------------

DEFAULT_QUERY = """SELECT ?a ?rel ?b WHERE {
  VALUES ?rel { dg:contractsWith dg:bans dg:signedDuring }
  ?a ?rel ?b
}
ORDER BY ?rel ?a"""


@dataclass
class Result:
    """A query answer as the query page shows it."""

    kind: str  # select, ask, graph
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    total: int = 0
    boolean: bool | None = None
    has_iris: bool = False


def result_of(kind: str, variables: Sequence[str], items: Any, base: str) -> Result:
    """Cells for the query page from an answer (``items``: rows, triples or a boolean)."""
    if kind == "ask":
        return Result(kind="ask", boolean=bool(items))
    if kind == "graph":
        triples = list(items)
        rows = [
            [cell(t.subject, base), cell(t.predicate, base), cell(t.object, base, cut=300)]
            for t in triples[:ROWS_SHOWN]
        ]
        has_iris = any(isinstance(x, ox.NamedNode) for t in triples for x in (t.subject, t.object))
        return Result(
            "graph", ["subject", "predicate", "object"], rows, len(triples), None, has_iris
        )
    all_rows = list(items)
    rows = [[cell(t, base, cut=300) for t in row] for row in all_rows[:ROWS_SHOWN]]
    has_iris = any(isinstance(t, ox.NamedNode) for row in all_rows for t in row)
    return Result("select", list(variables), rows, len(all_rows), None, has_iris)


def named_queries_context() -> list[dict[str, Any]]:
    out = []
    for nq in load_named_queries().values():
        out.append(
            {
                "name": nq.name,
                "summary": nq.summary,
                "doc": nq.doc,
                # the header's lines after the summary and the parameters, as one paragraph
                "notes": " ".join(
                    line.strip()
                    for line in nq.doc.splitlines()[1:]
                    if line.strip() and not line.lstrip().startswith("param ")
                ),
                "text": nq.text,
                "params": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "description": p.description,
                        "optional": p.optional,
                    }
                    for p in nq.params
                ],
            }
        )
    return out


def query_page(
    base: str,
    *,
    text: str = "",
    named: NamedQuery | None = None,
    params: Mapping[str, str] | None = None,
    result: Result | None = None,
    error: tuple[int, str] | None = None,
    graph_args: Mapping[str, str] | None = None,
    endpoint_args: Mapping[str, str] | None = None,
) -> str:
    """The query page: the editor, the named queries with their forms, and an answer."""
    return render(
        "query.html",
        base=base,
        title="Query",
        text=text or DEFAULT_QUERY,
        named=named.name if named else "",
        params=dict(params or {}),
        queries=named_queries_context(),
        result=result,
        rows_shown=ROWS_SHOWN,
        error=error,
        graph_src=f"{base}/graph?{urlencode(graph_args)}" if graph_args else "",
        endpoint_href=f"{base}/sparql?{urlencode(endpoint_args)}" if endpoint_args else "",
    )


# ------------------------------------------------------------------------------------------------
# Graphs
# ------------------------------------------------------------------------------------------------


def trim(
    g: nx.MultiDiGraph, keep: Iterable[str], limit: int = GRAPH_NODES
) -> tuple[nx.MultiDiGraph, str]:
    """At most ``limit`` nodes of ``g``: those in ``keep`` first, then the best connected;
    and a notice saying what was left out."""
    n = g.number_of_nodes()
    if n <= limit:
        return g, ""
    first = [k for k in keep if k in g]
    rest = sorted((x for x in g if x not in set(first)), key=lambda x: (-g.degree(x), x))
    chosen = (first + rest)[:limit]
    return nx.MultiDiGraph(g.subgraph(chosen)), f"Showing the {limit} best connected of {n} nodes."


def result_graph(g: nx.MultiDiGraph, iris: Iterable[str]) -> tuple[nx.MultiDiGraph, list[str]]:
    """The part of the projection ``g`` an answer names: its IRIs that are nodes of ``g``, the
    participants of the facts among them, and every edge between those nodes."""
    named = [i for i in dict.fromkeys(iris) if i in g]
    nodes = set(named)
    for n in named:
        if g.nodes[n].get("kind") == "fact":
            nodes.update(x for _, x, e in g.out_edges(n, data=True) if e.get("kind") == "role")
    return nx.MultiDiGraph(g.subgraph(nodes)), named


def fact_graph(g: nx.MultiDiGraph, iri: str) -> nx.MultiDiGraph:
    """A fact, its participants and the relations it supports."""
    nodes = {iri} | {x for _, x, e in g.out_edges(iri, data=True) if e.get("kind") == "role"}
    nodes |= {u for u, _, e in g.in_edges(iri, data=True) if e.get("kind") == "relation"}
    nodes |= {v for _, v, e in g.out_edges(iri, data=True) if e.get("kind") == "relation"}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in nodes)
    for u, v, k, e in g.subgraph(nodes).edges(keys=True, data=True):
        if e.get("kind") == "role" and u != iri:
            continue  # only this fact's own roles
        if e.get("kind") == "relation" and e.get("fact") != iri and iri not in (u, v):
            continue
        sub.add_edge(u, v, key=k, **e)
    return sub


def empty_graph_page(base: str, message: str) -> str:
    return render("nograph.html", base=base, title="Nothing to draw", message=message)
