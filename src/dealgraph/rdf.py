"""Fact sheet -> RDF quads, one named graph per article.

:func:`sheet_quads` is a generator of ``(subject, predicate, object, graph)`` rdflib terms; the
store, the exporters and the golden-file test consume it. Every IRI is minted from hashed parts
(:mod:`dealgraph.namespaces`), so mapping the same sheet twice gives the same quads, and
:func:`to_nquads` gives them as sorted, byte-identical N-Quads.

What one sheet becomes (see DESIGN.md section 2):

- the article: ``dg:Article`` / ``schema:NewsArticle`` with headline, language, cleaned text
  (``schema:articleBody``, which evidence offsets point into) and publication date;
- each entity: its classes, ``rdfs:label`` (language-tagged where it has one), ``skos:altLabel``,
  ``owl:sameAs`` Wikidata;
- each fact: its classes (with ``dg:Event`` / ``dg:Fact`` stated, so plain SPARQL finds them),
  its roles, dates (``dg:date`` + ``dg:datePrecision`` for the main one, a ``dg:DateSpec`` for
  each), attributes, modality, origin, ``prov:wasDerivedFrom`` the article and ``dg:evidence``
  Web Annotations whose targets select the quote by text and by position;
- each direct relation the type file's ``edges:`` name (``dg:contractsWith``, ``dg:bans``,
  ``dg:signedDuring``...), stated as a plain triple *and* reified as a ``dg:RelationStatement``
  that points to its fact (``dg:supportedBy``), so every edge leads to its evidence.

Negated and speculative facts keep their node and evidence but state no direct relation.

>>> from dealgraph.seed import seed_sheet
>>> quads = list(sheet_quads(seed_sheet()))
>>> from rdflib import URIRef
>>> (URIRef(ID + "entity/huawei"), DG_.contractsWith, URIRef(ID + "entity/mts")) in {q[:3] for q in quads}
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from . import namespaces as ns
from .dates import TIME_UNITS, DateSpec
from .facts import Entity, Evidence, Fact, FactSheet, display_label
from .namespaces import ID
from .schema import Schema, load_schema

if TYPE_CHECKING:
    from rdflib.term import Node

DG_ = Namespace(ns.DG)
PROV = Namespace(ns.PROV)
SCHEMA = Namespace(ns.SCHEMA)
TIME = Namespace(ns.TIME)
OA = Namespace(ns.OA)
WD = Namespace(ns.WD)

Quad = tuple[URIRef, URIRef, "Node", URIRef]

#: Modalities whose facts state direct relations.
RELATION_MODALITIES = ("asserted", "planned")

_MODALITY = {
    "asserted": DG_.Asserted,
    "planned": DG_.Planned,
    "speculative": DG_.Speculative,
    "negated": DG_.Negated,
}


def decimal_literal(value: float | int | Decimal) -> Literal:
    """An xsd:decimal in the canonical form Oxigraph stores (``1``, ``0.85``), so that what is
    mapped and what is stored are the same bytes.

    >>> str(decimal_literal(1.0)), str(decimal_literal(0.850))
    ('1', '0.85')
    """
    d = Decimal(str(value)).normalize()
    text = format(d, "f")
    return Literal(text, datatype=XSD.decimal)


def _text(value: str, lang: str = "") -> Literal:
    return Literal(value, lang=lang) if lang else Literal(value)


def _localized(pairs: dict[str, str]) -> Iterator[Literal]:
    for lang, text in sorted(pairs.items()):
        if text:
            yield _text(text, lang)


def fact_iris(sheet: FactSheet, schema: Schema | None = None) -> dict[str, str]:
    """The IRI of every fact of the sheet, by fact id.

    A fact's IRI hashes its type, its own roles and its main date, so the same event reported
    by several articles gets the same IRI (and one node with several sources); a negated fact
    hashes that too, so "X did not sign with Y" is never the node of the deal X signed with Y
    (a plan or a speculation of the event is the event). A fact's ``key``, when given,
    replaces the hash. Relation facts hash the IRIs of the facts they relate.
    """
    schema = schema or load_schema()
    by_id = {f.id: f for f in sheet.facts}
    out: dict[str, str] = {}
    visiting: set[str] = set()
    used: dict[str, str] = {}

    def iri(fid: str) -> str:
        if fid in out:
            return out[fid]
        if fid in visiting:
            raise ValueError(f"{sheet.file}: facts refer to each other in a cycle through {fid!r}")
        visiting.add(fid)
        fact = by_id[fid]
        ft = schema.fact_types[fact.type]
        if fact.key:
            key = fact.key
        else:
            parts: list[str] = [fact.type]
            for role_name in sorted(ft.roles):
                role = ft.roles[role_name]
                values = fact.roles.get(role_name, ())
                refs = [iri(v) for v in values] if role.refers == "fact" else list(values)
                parts.append(f"{role_name}={','.join(sorted(refs))}")
            main = fact.main_date(schema)
            parts.append(main.label() if main else "")
            if fact.modality == "negated":  # "did not sign" is not the deal "signed"
                parts.append("negated")
            key = ns.stable_hash(*parts)
            if key in used and used[key] != fid:  # same type, roles and date twice in one sheet
                key = ns.stable_hash(*parts, sheet.article.id, fid)
        used[key] = fid
        visiting.discard(fid)
        out[fid] = ns.fact_iri(fact.type, key)
        return out[fid]

    for fact in sheet.facts:
        iri(fact.id)
    return out


def sheet_quads(sheet: FactSheet, schema: Schema | None = None) -> Iterator[Quad]:
    """All quads of one fact sheet: :func:`article_quads` and the :func:`entity_quads` of every
    entity it describes."""
    schema = schema or load_schema()
    yield from article_quads(sheet, schema)
    for entity in sheet.entities.values():
        yield from entity_quads(entity, sheet.origin, schema)


def article_quads(sheet: FactSheet, schema: Schema | None = None) -> Iterator[Quad]:
    """The article and its facts, in the article's named graph (named by the article's IRI)."""
    schema = schema or load_schema()
    art = URIRef(ns.article_iri(sheet.article.id))
    for s, p, o in _article_triples(sheet, art):
        yield s, p, o, art
    iris = fact_iris(sheet, schema)
    for fact in sheet.facts:
        for s, p, o in _fact_triples(sheet, fact, iris, art, schema):
            yield s, p, o, art


def entity_quads(entity: Entity, origin: str, schema: Schema | None = None) -> Iterator[Quad]:
    """An entity's description (classes, labels, aliases, Wikidata, country) in a graph of its
    own, named by the entity's IRI.

    An entity mentioned by a thousand articles is described once, not a thousand times: the
    latest load that describes it replaces its graph, and a curated description is never
    replaced by an extracted one (:func:`dealgraph.pipeline.load_sheets`).
    """
    schema = schema or load_schema()
    g = URIRef(ns.entity_iri(entity.id))
    for s, p, o in _entity_triples(entity, schema):
        yield s, p, o, g
    yield g, DG_.origin, Literal(origin), g


def _article_triples(sheet: FactSheet, art: URIRef) -> Iterator[tuple[URIRef, URIRef, Node]]:
    a = sheet.article
    yield art, RDF.type, DG_.Article
    yield art, RDF.type, SCHEMA.NewsArticle
    yield art, RDF.type, PROV.Entity
    if a.title:
        yield art, SCHEMA.headline, _text(a.title, a.language)
        yield art, RDFS.label, _text(a.title, a.language)
    yield art, SCHEMA.inLanguage, Literal(a.language)
    yield art, SCHEMA.articleBody, Literal(a.text)
    yield art, DG_.textSha256, Literal(a.text_sha256)
    yield art, DG_.origin, Literal(sheet.origin)
    if a.url:
        yield art, SCHEMA.url, URIRef(a.url)
    if a.publisher:
        yield art, SCHEMA.publisher, Literal(a.publisher)
    if a.source_file:
        yield art, DG_.sourceFile, Literal(a.source_file)
    if a.published:
        p = a.published
        if p.precision == "day" and p.qualifier == "on":
            yield art, SCHEMA.datePublished, Literal(p.first_day, datatype=XSD.date)
        node = URIRef(f"{art}/published")
        yield art, DG_.hasDate, node
        yield from _date_triples(node, p)


def _entity_triples(e: Entity, schema: Schema) -> Iterator[tuple[URIRef, URIRef, Node]]:
    s = URIRef(ns.entity_iri(e.id))
    cls: str | None = e.type
    while cls is not None and cls in schema.entity_classes:
        yield s, RDF.type, URIRef(schema.entity_classes[cls].iri)
        cls = schema.entity_classes[cls].parent
    for lit in _localized(e.label):
        yield s, RDFS.label, lit
    for lang, names in sorted(e.aliases.items()):
        for name in names:
            yield s, SKOS.altLabel, _text(name, lang)
    if e.wikidata:
        yield s, OWL.sameAs, WD[e.wikidata]
        yield s, DG_.wikidata, Literal(e.wikidata)
    if e.country:
        yield s, DG_.country, URIRef(ns.entity_iri(e.country))
    if e.leader_of:
        yield s, DG_.leaderOf, URIRef(ns.entity_iri(e.leader_of))
    for lit in _localized(e.description):
        yield s, SCHEMA.description, lit
    if e.review:
        yield s, DG_.needsReview, Literal(True)
    if e.note:
        yield s, DG_.note, Literal(e.note)


def _fact_label(sheet: FactSheet, fact: Fact, schema: Schema) -> str:
    ft = schema.fact_types[fact.type]
    names = []
    for role in ft.roles.values():
        if role.refers != "entity":
            continue
        for eid in fact.roles.get(role.name, ()):
            ent = sheet.entities.get(eid)
            names.append(ent.name() if ent else eid)
    main = fact.main_date(schema)
    when = f" ({main.label()})" if main else ""
    label = display_label(ft.label)
    return (
        f"{label[:1].upper()}{label[1:]}: {' – '.join(names)}{when}" if names else f"{label}{when}"
    )


def _fact_triples(
    sheet: FactSheet, fact: Fact, iris: dict[str, str], art: URIRef, schema: Schema
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    ft = schema.fact_types[fact.type]
    s = URIRef(iris[fact.id])
    yield s, RDF.type, URIRef(ft.iri)
    yield s, RDF.type, DG_.Fact
    yield s, RDF.type, PROV.Entity
    yield s, RDF.type, DG_.Event if ft.kind == "event" else DG_.RelationFact
    yield s, RDFS.label, Literal(_fact_label(sheet, fact, schema), lang="en")
    yield s, PROV.wasDerivedFrom, art
    yield s, DG_.origin, Literal(sheet.fact_origin(fact))
    yield s, DG_.modality, _MODALITY[fact.modality]
    if fact.note:
        yield s, DG_.note, Literal(fact.note)

    roles = schema.roles_of(fact.type)
    targets: dict[str, list[URIRef]] = {}
    for role_name, values in fact.roles.items():
        role = roles[role_name]
        refs = [
            URIRef(iris[v]) if role.refers == "fact" else URIRef(ns.entity_iri(v)) for v in values
        ]
        targets[role_name] = refs
        for ref in refs:
            yield s, URIRef(role.property), ref

    main = fact.main_date(schema)
    if main is not None:
        yield s, DG_.date, Literal(main.first_day, datatype=XSD.date)
        yield s, DG_.datePrecision, URIRef(TIME_UNITS[main.precision])
        yield s, DG_.dateQualifier, Literal(main.qualifier)
    for spec in fact.dates:
        node = URIRef(f"{s}/date/{spec.role}/{ns.stable_hash(spec.label(), length=8)}")
        yield s, DG_.hasDate, node
        yield from _date_triples(node, spec, sheet.article.language)

    for name, value in sorted(fact.attributes.items()):
        attr = ft.attributes[name]
        prop = URIRef(attr.property)
        if attr.datatype == "text":
            for lit in _localized(value):
                yield s, prop, lit
        elif attr.datatype == "boolean":
            yield s, prop, Literal(bool(value))
        elif attr.datatype == "integer":
            yield s, prop, Literal(int(value))
        elif attr.datatype == "decimal":
            yield s, prop, decimal_literal(value)
        else:
            yield s, prop, Literal(str(value))

    for ev in fact.evidence:
        yield from _evidence_triples(s, ev, art, sheet)

    if fact.modality in RELATION_MODALITIES:
        for edge in ft.edges:
            for a in targets.get(edge.source, []):
                for b in targets.get(edge.target, []):
                    if a == b:
                        continue
                    pairs = [(a, b), (b, a)] if edge.symmetric else [(a, b)]
                    for x, y in pairs:
                        yield from _relation_triples(x, URIRef(edge.relation), y, s)


def _relation_triples(
    a: URIRef, rel: URIRef, b: URIRef, fact: URIRef
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    yield a, rel, b
    st = URIRef(f"{ID}statement/{ns.stable_hash(a, rel, b, fact)}")
    yield st, RDF.type, DG_.RelationStatement
    yield st, RDF.subject, a
    yield st, RDF.predicate, rel
    yield st, RDF.object, b
    yield st, DG_.supportedBy, fact


def _date_triples(
    node: URIRef, spec: DateSpec, lang: str = ""
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    yield node, RDF.type, DG_.DateSpec
    yield node, TIME.inXSDDate, Literal(spec.first_day, datatype=XSD.date)
    yield node, TIME.unitType, URIRef(TIME_UNITS[spec.precision])
    yield node, DG_.dateQualifier, Literal(spec.qualifier)
    yield node, RDFS.label, Literal(spec.label())
    if spec.role:
        yield node, DG_.dateRole, Literal(spec.role)
    if spec.precision == "year":
        yield node, TIME.inXSDgYear, Literal(f"{spec.first_day.year:04d}", datatype=XSD.gYear)
    elif spec.precision == "month":
        yield node, TIME.inXSDgYearMonth, Literal(spec.value, datatype=XSD.gYearMonth)
    if spec.text:
        yield node, DG_.dateText, _text(spec.text, lang)
    if spec.note:
        yield node, DG_.note, Literal(spec.note)


def _evidence_triples(
    fact: URIRef, ev: Evidence, art: URIRef, sheet: FactSheet
) -> Iterator[tuple[URIRef, URIRef, Node]]:
    ann = URIRef(f"{ID}evidence/{ns.stable_hash(sheet.article.id, fact, ev.start, ev.end)}")
    target = URIRef(f"{ann}/target")
    quote = URIRef(f"{ann}/quote")
    pos = URIRef(f"{ann}/position")
    text = sheet.article.text
    yield fact, DG_.evidence, ann
    # The quote again on the fact itself, so that a query reaches it in one step instead of
    # three (evidence -> target -> selector -> exact): the named queries read it for each row.
    yield fact, DG_.quote, Literal(ev.quote)
    yield ann, RDF.type, OA.Annotation
    yield ann, OA.motivatedBy, OA.describing
    yield ann, OA.hasBody, fact
    yield ann, OA.hasTarget, target
    yield ann, DG_.rule, Literal(ev.rule)
    yield ann, DG_.confidence, decimal_literal(round(ev.confidence, 4))
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, art
    yield target, OA.hasSelector, quote
    yield target, OA.hasSelector, pos
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, Literal(ev.quote)
    yield quote, OA.prefix, Literal(text[max(0, ev.start - 32) : ev.start])
    yield quote, OA.suffix, Literal(text[ev.end : ev.end + 32])
    yield pos, RDF.type, OA.TextPositionSelector
    yield pos, OA.start, Literal(ev.start, datatype=XSD.integer)
    yield pos, OA.end, Literal(ev.end, datatype=XSD.integer)


# ------------------------------------------------------------------------------------------------
# Serialisation
# ------------------------------------------------------------------------------------------------


def term_nt(term: Node) -> str:
    """A term in N-Triples syntax (IRIs and literals; blank nodes are never minted here).

    >>> term_nt(Literal('say "hi"\\n', lang="en"))
    '"say \\\\"hi\\\\"\\\\n"@en'
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = str(term)
        escaped = (
            lexical.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype and str(term.datatype) != ns.XSD + "string":
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    raise TypeError(f"unsupported term {term!r}")


def to_nquads(quads: Iterable[Quad]) -> str:
    """Sorted, de-duplicated N-Quads text: the same sheet always gives the same bytes."""
    lines = {f"{term_nt(s)} {term_nt(p)} {term_nt(o)} {term_nt(g)} .\n" for s, p, o, g in quads}
    return "".join(sorted(lines))
