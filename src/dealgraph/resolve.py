"""Naming entities on the command line: a label or alias in any case, an IRI, or a Wikidata id.

An unknown name gets a "did you mean" answer with the nearest names in the store
(:class:`~dealgraph.errors.UnknownEntityError`).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from .errors import InputError, UnknownEntityError
from .namespaces import ID, WD
from .store import GraphStore, StateMemo, language, per_store_state

_QID = re.compile(r"^Q[1-9][0-9]*$", re.IGNORECASE)
# Each pattern deduplicated on its own: see the note on bag semantics in dealgraph.graph.
_NAMES = """
SELECT ?e ?name ?pref ?wd WHERE {
  { SELECT DISTINCT ?e WHERE { ?e a dg:Entity } }
  { { SELECT DISTINCT ?e ?name WHERE { ?e rdfs:label ?name } } BIND (true AS ?pref) }
  UNION { SELECT DISTINCT ?e ?name WHERE { ?e skos:altLabel ?name } }
  OPTIONAL { SELECT DISTINCT ?e ?wd WHERE { ?e dg:wikidata ?wd } }
}
"""


@dataclass(frozen=True)
class EntityIndex:
    """Every entity of the store with its names, for resolving and suggesting."""

    by_name: dict[str, set[str]]  # casefolded name -> IRIs
    by_qid: dict[str, set[str]]  # Q-id -> IRIs
    names: dict[str, str]  # casefolded -> one original spelling
    iris: set[str]
    preferred: dict[str, str]  # IRI -> preferred label (neutral or English)

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        """The preferred names of the entities whose names are nearest to ``text``."""
        from rapidfuzz import fuzz, process, utils

        out: list[str] = []
        matches = process.extract(
            text, list(self.names), scorer=fuzz.WRatio, processor=utils.default_process, limit=20
        )
        for key, score, _ in matches:
            if score < 70:
                break
            for iri in sorted(self.by_name[key]):
                name = self.preferred.get(iri, self.names[key])
                if name not in out:
                    out.append(name)
        return out[:limit]


def entity_index(store: GraphStore) -> EntityIndex:
    by_name: dict[str, set[str]] = {}
    by_qid: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    iris: set[str] = set()
    preferred: dict[str, str] = {}
    for row in store.query(_NAMES).dicts():
        iri = row["e"].value
        iris.add(iri)
        name = row["name"].value
        if "pref" in row and language(row["name"]) in ("", "en"):
            preferred.setdefault(iri, name)
        key = name.casefold()
        by_name.setdefault(key, set()).add(iri)
        names.setdefault(key, name)
        if "wd" in row:
            by_qid.setdefault(row["wd"].value.upper(), set()).add(iri)
    for iri in iris:
        if iri.startswith(ID + "entity/"):
            local = iri.rsplit("/", 1)[-1]
            by_name.setdefault(local.casefold(), set()).add(iri)
    return EntityIndex(by_name, by_qid, names, iris, preferred)


# The index of each open store, with the generation it was built at.
_memo: StateMemo[EntityIndex] = weakref.WeakKeyDictionary()


def current_index(store: GraphStore) -> EntityIndex:
    """:func:`entity_index` of ``store``, built once per store state: kept with the store
    object until its generation changes (a store whose generation is unknown is read afresh).
    Building it reads every name in the store (some 45 ms at a million triples), which would
    otherwise be paid by every named query with an entity parameter.

    >>> from dealgraph.store import MemoryStore
    >>> from dealgraph.pipeline import load_sheets
    >>> from dealgraph.seed import seed_sheet
    >>> store = MemoryStore()
    >>> empty = current_index(store)
    >>> (current_index(store) is empty, len(empty.iris))
    (True, 0)
    >>> _ = load_sheets(store, [seed_sheet()])
    >>> current_index(store) is empty, "huawei" in current_index(store).by_name
    (False, True)
    """
    return per_store_state(_memo, store, lambda: entity_index(store))


def resolve_entity(store: GraphStore, name: str, index: EntityIndex | None = None) -> str:
    """The IRI of the entity called ``name``.

    >>> import tempfile
    >>> from dealgraph.store import open_store
    >>> from dealgraph.pipeline import load_sheets
    >>> from dealgraph.seed import seed_sheet
    >>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
    ...     _ = load_sheets(s, [seed_sheet()])
    ...     [resolve_entity(s, n).rsplit("/", 1)[-1] for n in ("huawei", "Verenigde Staten", "Q159")]
    ['huawei', 'united-states', 'russia']
    """
    index = index or current_index(store)
    text = name.strip()
    if not text:
        raise InputError("an entity name is empty; give a label, an alias, an IRI or a Wikidata id")
    if text.startswith(("http://", "https://")):
        if text.startswith(WD):
            text = text[len(WD) :]
        elif text in index.iris:
            return text
        else:
            raise UnknownEntityError(text, [])
    if text.startswith("<") and text.endswith(">"):
        return resolve_entity(store, text[1:-1], index)
    if _QID.match(text):
        found = index.by_qid.get(text.upper(), set())
        if len(found) == 1:
            return next(iter(found))
        if not found:
            raise UnknownEntityError(text, [])
    found = index.by_name.get(text.casefold(), set())
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        raise InputError(
            f"{text!r} names {len(found)} entities: {', '.join(sorted(found))}; give the IRI instead"
        )
    raise UnknownEntityError(text, index.suggestions(text))
