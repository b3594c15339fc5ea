"""A networkx projection of the stored graph: entities as nodes, direct relations as edges.

Every edge keeps what a reader needs to cite it: the relation, the fact (event) it comes from,
the fact's date with its precision, and the evidence quotes with their articles and offsets.
Fact nodes appear where a relation ends on a fact (a deal ``signedDuring`` a state visit), and
for every fact when ``include_facts`` is set, linked to their participants by role edges.

:func:`project` builds the projection from the store; :func:`projection` returns it cached: once
per store state (:meth:`GraphStore.generation`), in this process and on disk beside the store
(``<store>/dealgraph-cache/projection-<generation>-<facts|entities>.pickle``), rebuilt when the
store changes. A cached projection is frozen: read it, copy it to change it.

>>> import tempfile
>>> from dealgraph.store import open_store
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
...     _ = load_sheets(s, [seed_sheet()])
...     g = project(s)
>>> from dealgraph.namespaces import entity_iri
>>> huawei, mts = entity_iri("huawei"), entity_iri("mts")
>>> [e["relation_label"] for e in g.get_edge_data(huawei, mts).values()]
['contracts with', 'tests with']
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from .dates import PRECISION_OF_UNIT, DateSpec, format_value
from .namespaces import compact
from .schema import Schema, load_schema
from .store import GraphStore, language

# pyoxigraph 0.5 answers over the union of the article graphs with bag semantics: a triple
# stated by N articles matches N times (oxigraph#1919, fixed after 0.5), so a join of k such
# patterns gives N^k rows: millions for an entity named in a few hundred articles. Each
# pattern is therefore deduplicated in a subquery of its own before the joins; on a store
# without the bug the subqueries cost nothing.

_ENTITIES = """
SELECT ?e ?type ?label ?wd ?desc WHERE {
  { SELECT DISTINCT ?e WHERE { ?e a dg:Entity } }
  { SELECT DISTINCT ?e ?type WHERE { ?e a ?type } }
  OPTIONAL { SELECT DISTINCT ?e ?label WHERE { ?e rdfs:label ?label } }
  OPTIONAL { SELECT DISTINCT ?e ?wd WHERE { ?e dg:wikidata ?wd } }
  OPTIONAL {
    SELECT DISTINCT ?e ?desc WHERE { ?e schema:description ?desc . FILTER (lang(?desc) = "en") }
  }
}
"""

_FACTS = """
SELECT ?f ?type ?label ?date ?unit ?qual ?modality ?origin WHERE {
  { SELECT DISTINCT ?f WHERE { ?f a dg:Fact } }
  { SELECT DISTINCT ?f ?type WHERE { ?f a ?type } }
  OPTIONAL { SELECT DISTINCT ?f ?label WHERE { ?f rdfs:label ?label } }
  OPTIONAL {
    { SELECT DISTINCT ?f ?date WHERE { ?f dg:date ?date } }
    { SELECT DISTINCT ?f ?unit WHERE { ?f dg:datePrecision ?unit } }
    { SELECT DISTINCT ?f ?qual WHERE { ?f dg:dateQualifier ?qual } }
  }
  OPTIONAL { SELECT DISTINCT ?f ?modality WHERE { ?f dg:modality ?modality } }
  OPTIONAL { SELECT DISTINCT ?f ?origin WHERE { ?f dg:origin ?origin } }
}
"""

_STATEMENTS = """
SELECT ?st ?s ?p ?o ?f WHERE {
  { SELECT DISTINCT ?st WHERE { ?st a dg:RelationStatement } }
  { SELECT DISTINCT ?st ?s WHERE { ?st rdf:subject ?s } }
  { SELECT DISTINCT ?st ?p WHERE { ?st rdf:predicate ?p } }
  { SELECT DISTINCT ?st ?o WHERE { ?st rdf:object ?o } }
  { SELECT DISTINCT ?st ?f WHERE { ?st dg:supportedBy ?f } }
}
"""

_EVIDENCE = """
SELECT ?f ?quote ?start ?end ?article ?title ?url ?rule ?confidence WHERE {
  { SELECT DISTINCT ?f WHERE { ?f a dg:Fact } }
  ?f dg:evidence ?ann .
  ?ann oa:hasTarget ?t .
  OPTIONAL { ?ann dg:rule ?rule }
  OPTIONAL { ?ann dg:confidence ?confidence }
  ?t oa:hasSource ?article ; oa:hasSelector ?qs , ?ps .
  ?qs a oa:TextQuoteSelector ; oa:exact ?quote .
  ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:url ?url }
}
"""

_ALIASES = """
SELECT ?e ?alias WHERE {
  { SELECT DISTINCT ?e WHERE { ?e a dg:Entity } }
  { SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias } }
}
"""

_ROLES = """
SELECT ?f ?role ?x WHERE {
  { SELECT DISTINCT ?f WHERE { ?f a dg:Fact } }
  { SELECT DISTINCT ?f ?role ?x WHERE { VALUES ?role { %s } ?f ?role ?x } }
}
"""


@dataclass(frozen=True)
class Quote:
    """One evidence quote: the text, where it is in which article (its IRI, title and the URL
    it was read from, ``""`` when unknown), and who found it."""

    quote: str
    article: str
    title: str
    start: int
    end: int
    rule: str
    confidence: float
    url: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "article": self.article,
            "title": self.title,
            "url": self.url,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "confidence": self.confidence,
        }


def _label(labels: dict[str, str]) -> str:
    for lang in ("", "en"):
        if labels.get(lang):
            return labels[lang]
    return next(iter(sorted(labels.items())))[1] if labels else ""


def _most_specific(types: Iterable[str], schema: Schema) -> str:
    """The deepest schema class among an entity's or fact's types."""
    best, depth = "", -1
    for iri in types:
        name = schema.class_name(iri)
        if name is None:
            continue
        if name in schema.fact_types:
            return name
        d, cur = 0, name
        while schema.entity_classes[cur].parent is not None:
            cur = schema.entity_classes[cur].parent  # type: ignore[assignment]
            d += 1
        if d > depth:
            best, depth = name, d
    return best or "Entity"


def date_info(date: str | None, unit: str | None, qualifier: str | None) -> dict[str, Any]:
    """``date``, ``precision``, ``qualifier``, ``date_label``, ``sort_date`` and ``sort_rank``
    (see :meth:`DateSpec.sort_key`) of a fact's main date."""
    if not date or not unit:
        return {
            "date": None,
            "precision": None,
            "qualifier": None,
            "date_label": "",
            "sort_date": None,
        }
    import datetime as dt

    precision = PRECISION_OF_UNIT.get(unit, "day")
    spec = DateSpec.parse(
        format_value(dt.date.fromisoformat(date), precision), qualifier=qualifier or "on"
    )
    return {
        "date": date,
        "precision": precision,
        "qualifier": spec.qualifier,
        "date_label": spec.label(),
        "sort_date": spec.sort_key()[0].isoformat(),
        "sort_rank": spec.sort_key()[1],
    }


def _sorted(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: tuple(r[k].value for k in keys))


def project(
    store: GraphStore, include_facts: bool = False, schema: Schema | None = None
) -> nx.MultiDiGraph:
    """Build the projection of ``store`` (see the module docstring)."""
    schema = schema or load_schema()
    g = nx.MultiDiGraph()

    ent_types: dict[str, set[str]] = {}
    ent_labels: dict[str, dict[str, str]] = {}
    ent_extra: dict[str, dict[str, str]] = {}
    for row in store.query(_ENTITIES).dicts():
        iri = row["e"].value
        ent_types.setdefault(iri, set()).add(row["type"].value)
        if "label" in row:
            ent_labels.setdefault(iri, {})[language(row["label"])] = row["label"].value
        extra = ent_extra.setdefault(iri, {})
        if "wd" in row:
            extra["wikidata"] = row["wd"].value
        if "desc" in row:
            extra["description"] = row["desc"].value
    aliases: dict[str, set[str]] = {}
    for row in store.query(_ALIASES).dicts():
        aliases.setdefault(row["e"].value, set()).add(row["alias"].value)
    for iri, types in sorted(ent_types.items()):  # sorted: the same store, the same graph
        labels = ent_labels.get(iri, {})
        g.add_node(
            iri,
            kind="entity",
            type=_most_specific(types, schema),
            label=_label(labels) or compact(iri),
            labels=labels,
            aliases=sorted(aliases.get(iri, ())),
            **ent_extra.get(iri, {}),
        )

    facts: dict[str, dict[str, Any]] = {}
    fact_types: dict[str, set[str]] = {}
    for row in store.query(_FACTS).dicts():
        iri = row["f"].value
        fact_types.setdefault(iri, set()).add(row["type"].value)
        info = facts.setdefault(iri, {"label": "", "modality": "asserted", "origins": set()})
        if "label" in row:
            info["label"] = row["label"].value
        if "date" in row:
            info.update(date_info(row["date"].value, row["unit"].value, row["qual"].value))
        if "modality" in row:
            info["modality"] = row["modality"].value.rsplit("#", 1)[-1].lower()
        if "origin" in row:
            info["origins"].add(row["origin"].value)
    for iri, info in facts.items():
        info["type"] = _most_specific(fact_types[iri], schema)
        info.setdefault("date_label", "")
        info.setdefault("date", None)
        info.setdefault("sort_date", None)
        info.setdefault("sort_rank", None)
        info.setdefault("precision", None)
        info.setdefault("qualifier", None)
        info["origins"] = sorted(info["origins"])
        info["evidence"] = []

    seen_quotes: set[tuple[str, str, int, int]] = set()
    for row in store.query(_EVIDENCE).dicts():
        iri = row["f"].value
        if iri not in facts:
            continue
        key = (iri, row["article"].value, int(row["start"].value), int(row["end"].value))
        if key in seen_quotes:
            continue
        seen_quotes.add(key)
        facts[iri]["evidence"].append(
            Quote(
                quote=row["quote"].value,
                article=row["article"].value,
                title=row["title"].value if "title" in row else "",
                start=int(row["start"].value),
                end=int(row["end"].value),
                rule=row["rule"].value if "rule" in row else "",
                confidence=float(row["confidence"].value) if "confidence" in row else 1.0,
                url=row["url"].value if "url" in row else "",
            )
        )
    for info in facts.values():
        info["evidence"].sort(key=lambda q: (q.article, q.start))
        info["articles"] = sorted({q.article for q in info["evidence"]})

    def add_fact_node(iri: str) -> None:
        if iri in g:
            return
        info = facts.get(iri, {})
        g.add_node(
            iri,
            kind="fact",
            type=info.get("type", "Fact"),
            label=info.get("label") or compact(iri),
            **{
                k: info.get(k)
                for k in (
                    "date",
                    "date_label",
                    "sort_date",
                    "sort_rank",
                    "precision",
                    "qualifier",
                    "modality",
                )
            },
            evidence=info.get("evidence", []),
            articles=info.get("articles", []),
        )

    relation_labels = {rel: schema.relation_label(rel) for rel in schema.relations()}
    symmetric = {
        edge.relation for ft in schema.fact_types.values() for edge in ft.edges if edge.symmetric
    }
    for row in _sorted(store.query(_STATEMENTS).dicts(), ("s", "p", "o", "st")):
        s, p, o, f = (row[k].value for k in ("s", "p", "o", "f"))
        for end in (s, o):
            if end in g:
                continue
            if end in facts:
                add_fact_node(end)
            else:
                g.add_node(end, kind="entity", type="Entity", label=compact(end), labels={})
        info = facts.get(f, {})
        g.add_edge(
            s,
            o,
            key=row["st"].value,
            kind="relation",
            relation=p,
            relation_label=relation_labels.get(p, schema.relation_label(p)),
            symmetric=p in symmetric,
            fact=f,
            fact_type=info.get("type", ""),
            fact_label=info.get("label", ""),
            modality=info.get("modality", "asserted"),
            date=info.get("date"),
            date_label=info.get("date_label", ""),
            sort_date=info.get("sort_date"),
            sort_rank=info.get("sort_rank"),
            precision=info.get("precision"),
            qualifier=info.get("qualifier"),
            evidence=info.get("evidence", []),
            articles=info.get("articles", []),
        )

    if include_facts:
        for iri in sorted(facts):
            add_fact_node(iri)
        role_names = {}
        for ft in schema.fact_types.values():
            for r in schema.roles_of(ft.name).values():
                role_names[r.property] = r.name
        values = " ".join(f"<{p}>" for p in sorted(role_names))
        for row in _sorted(store.query(_ROLES % values).dicts(), ("f", "role", "x")):
            f, role, x = row["f"].value, row["role"].value, row["x"].value
            if x not in g or f not in g:
                continue
            info = facts.get(f, {})
            g.add_edge(
                f,
                x,
                key=f"{f} {role} {x}",
                kind="role",
                relation=role,
                relation_label=role_names[role],
                symmetric=False,
                fact=f,
                fact_type=info.get("type", ""),
                fact_label=info.get("label", ""),
                modality=info.get("modality", "asserted"),
                date=info.get("date"),
                date_label=info.get("date_label", ""),
                sort_date=info.get("sort_date"),
                sort_rank=info.get("sort_rank"),
                precision=info.get("precision"),
                qualifier=info.get("qualifier"),
                evidence=info.get("evidence", []),
                articles=info.get("articles", []),
            )
    return g


# ------------------------------------------------------------------------------------------------
# The cached projection
# ------------------------------------------------------------------------------------------------

#: The folder inside an embedded store's directory that holds the projection cache.
CACHE_DIR = "dealgraph-cache"
#: Bump when the projection's shape changes, so caches written by older code are not read.
#: 2: entities carry their ``aliases``, quotes their article's ``url``.
CACHE_FORMAT = 2

_memo: dict[tuple[str, bool], tuple[str, nx.MultiDiGraph]] = {}


def _cache_header(generation: str, include_facts: bool) -> dict[str, Any]:
    from . import __version__
    from .resources import read_ontology_file

    types = read_ontology_file("types.yaml").encode("utf-8")
    return {
        "format": CACHE_FORMAT,
        "dealgraph": __version__,
        "schema": hashlib.sha256(types).hexdigest(),
        "generation": generation,
        "include_facts": include_facts,
    }


def cache_path(store: GraphStore, generation: str, include_facts: bool) -> Path | None:
    """Where the projection of ``store`` at ``generation`` is cached on disk, or ``None`` when
    the store is not a local directory (a remote endpoint: only the in-process memo is used)."""
    if store.location.startswith(("http://", "https://")):
        return None
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in generation)
    kind = "facts" if include_facts else "entities"
    return Path(store.location) / CACHE_DIR / f"projection-{safe}-{kind}.pickle"


def _read_cache(path: Path, header: dict[str, Any]) -> nx.MultiDiGraph | None:
    """The graph cached at ``path`` if the file exists and was written for ``header``."""
    try:
        with path.open("rb") as fh:
            if pickle.load(fh) != header:
                return None
            graph = pickle.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None  # unreadable or written by other code: rebuild and overwrite
    return graph if isinstance(graph, nx.MultiDiGraph) else None


def _write_cache(path: Path, header: dict[str, Any], graph: nx.MultiDiGraph) -> None:
    """Write the cache file atomically and remove the files of other store states. A store
    directory that cannot be written only means no disk cache."""
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(header, fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(graph, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        stale_before = time.time() - 3600
        for old in path.parent.iterdir():
            if old.name.startswith("projection-") and old.suffix == ".pickle":
                same_state = old.name.rsplit("-", 1)[0] == path.name.rsplit("-", 1)[0]
                if not same_state:
                    old.unlink(missing_ok=True)
            elif old.name.endswith(".tmp") and old.stat().st_mtime < stale_before:
                old.unlink(missing_ok=True)  # left by a process that was killed mid-write
    except OSError:
        return


def projection(
    store: GraphStore,
    include_facts: bool = True,
    *,
    on_build: Callable[[], None] | None = None,
) -> nx.MultiDiGraph:
    """The projection of ``store`` (see :func:`project`), built once per store state.

    The first call for a store state builds it and writes it to
    ``<store>/dealgraph-cache/``; later calls, in this process or in the next one, get it from
    memory or from that file until the store changes. A store whose generation is unknown
    (``None``) is projected afresh every time. The graph is frozen (networkx raises on any
    change); copy it (``g.copy()``) to change it. The cache is a pickle: it is as trusted as
    the store directory it sits in. ``on_build`` is called before a projection is built (not
    read from a cache), for progress messages.

    >>> import tempfile
    >>> from dealgraph.store import open_store
    >>> from dealgraph.pipeline import load_sheets
    >>> from dealgraph.seed import seed_sheet
    >>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
    ...     _ = load_sheets(s, [seed_sheet()])
    ...     first = projection(s)
    ...     again = projection(s)
    ...     cached = sorted(p.name.split("-")[0] for p in (Path(d) / CACHE_DIR).iterdir())
    >>> first is again, nx.is_frozen(first), cached
    (True, True, ['projection'])
    """
    generation = store.generation()
    if generation is None:
        if on_build is not None:
            on_build()
        return nx.freeze(project(store, include_facts=include_facts))
    where = store.location
    if not where.startswith(("http://", "https://")):
        where = os.path.realpath(where)
    memo_key = (where, include_facts)
    hit = _memo.get(memo_key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    header = _cache_header(generation, include_facts)
    path = cache_path(store, generation, include_facts)
    graph = _read_cache(path, header) if path is not None else None
    if graph is None:
        if on_build is not None:
            on_build()
        graph = project(store, include_facts=include_facts)
        if path is not None:
            _write_cache(path, header, graph)
    nx.freeze(graph)
    _memo[memo_key] = (generation, graph)
    return graph


def clear_memo() -> None:
    """Forget the projections held in this process (the disk cache stays)."""
    _memo.clear()
