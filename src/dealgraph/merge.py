"""One event reported by several articles: one fact node with several sources.

Extraction gives every event fact a ``key`` hashed from its type, the fillers of its own
roles and the year of its main date (:func:`dealgraph.extract.merge_key`), so the same ban
reported by three articles maps to one IRI, and each article's graph adds its evidence and
its source to that node (``prov:wasDerivedFrom`` each article).

A node has one ``dg:date``, one ``dg:datePrecision`` and one ``dg:dateQualifier`` (the shapes
say so): when two articles give the same event different main dates ("16 May" and "May", or
"1 May" and "May", which start on the same day), they are not merged blindly.
:func:`settle_keys` looks at the dates the store and the batch already hold for each key and
gives a fact whose date differs a key of its own (its key plus its date), so it stays a separate
node for a person to review. An undated report joins the dated one.

>>> from dealgraph.extract import merge_key
>>> callable(settle_keys)
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from .dates import TIME_UNITS, DateSpec
from .facts import Fact, FactSheet
from .namespaces import article_iri, fact_iri, stable_hash
from .schema import Schema, load_schema
from .store import GraphStore

#: ``iris -> {iri: {(graph, date token)}}``: the main dates a store holds for fact IRIs.
DateLookup = Callable[[Sequence[str]], dict[str, set[tuple[str, str]]]]


def date_token(spec: DateSpec) -> str:
    """What a fact node states of its main date (``dg:date``, ``dg:datePrecision``,
    ``dg:dateQualifier``) as one string: two reports share a node only when it is the same.

    >>> date_token(DateSpec.parse("2019-05")) == date_token(DateSpec.parse("2019-05-01"))
    False
    """
    return f"{spec.first_day.isoformat()} {TIME_UNITS[spec.precision]} {spec.qualifier}"


def _main(fact: Fact, schema: Schema) -> str | None:
    d = fact.main_date(schema)
    return None if d is None else date_token(d)


def stored_dates(store: GraphStore, iris: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
    """``iri -> {(graph, date token)}`` for the facts of ``iris`` in the store (see
    :func:`date_token`)."""
    out: dict[str, set[tuple[str, str]]] = {}
    for start in range(0, len(iris), 400):
        chunk = iris[start : start + 400]
        values = " ".join(f"<{i}>" for i in chunk)
        q = (
            f"SELECT ?f ?g ?d ?p ?q WHERE {{ VALUES ?f {{ {values} }} GRAPH ?g {{ ?f dg:date ?d "
            "OPTIONAL { ?f dg:datePrecision ?p } OPTIONAL { ?f dg:dateQualifier ?q } } }"
        )
        for row in store.query(q).dicts():
            token = " ".join(row[v].value if v in row else "" for v in ("d", "p", "q"))
            out.setdefault(row["f"].value, set()).add((row["g"].value, token))
    return out


def settle_keys(
    sheets: Sequence[FactSheet],
    store: GraphStore | None = None,
    schema: Schema | None = None,
    dates: DateLookup | None = None,
) -> list[FactSheet]:
    """The sheets with keys that never put two main dates on one node.

    Sheets are settled in article-id order, so the outcome does not depend on the order of
    the input; an article's own earlier graph in the store does not count against it. The
    dates already known come from ``store`` (:func:`stored_dates`), or from ``dates`` when
    given: distributed ingest settles against the store as the serial run would find it.
    """
    schema = schema or load_schema()
    keyed = [
        (s, f)
        for s in sheets
        for f in s.facts
        if f.key and schema.fact_types[f.type].kind == "event"
    ]
    iris = sorted({fact_iri(f.type, f.key or "") for _, f in keyed})
    known: dict[str, set[tuple[str, str]]] = {}
    if iris and dates is not None:
        known = dates(iris)
    elif iris and store is not None:
        known = stored_dates(store, iris)
    seen: dict[str, set[tuple[str, str]]] = {k: set(v) for k, v in known.items()}
    out: dict[int, FactSheet] = {}
    for index in sorted(range(len(sheets)), key=lambda k: sheets[k].article.id):
        sheet = sheets[index]
        graph = article_iri(sheet.article.id)
        facts = []
        for fact in sheet.facts:
            if not fact.key or schema.fact_types[fact.type].kind != "event":
                facts.append(fact)
                continue
            iri = fact_iri(fact.type, fact.key)
            mine = _main(fact, schema)
            others = {d for g, d in seen.get(iri, set()) if g != graph}
            if mine is not None and others and mine not in others:
                fact = replace(fact, key=stable_hash(fact.key, mine))  # a date of its own
                iri = fact_iri(fact.type, fact.key or "")
            if mine is not None:
                seen.setdefault(iri, set()).add((graph, mine))
            facts.append(fact)
        out[index] = replace(sheet, facts=tuple(facts))
    return [out[k] for k in range(len(sheets))]
