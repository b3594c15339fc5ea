"""The fact sheet: the one human-reviewable record between an article and the graph.

A fact sheet is a YAML file holding one article (its metadata and cleaned text), the entities it
mentions and the facts it states, each fact with its evidence quote and character offsets into
the cleaned text. A curated sheet (a person wrote or reviewed it) and an extracted sheet have
the same format; only ``origin`` differs. :func:`load_sheet` validates against the schema in
``ontology/types.yaml`` and reports every problem with file, line and field; :func:`save_sheet`
writes the same format back, atomically.

>>> from dealgraph.facts import parse_sheet
>>> sheet = parse_sheet('''
... dealgraph: factsheet/1
... origin: curated
... article: {id: a1, language: en, title: T, text: "Acme signed a deal with Globex."}
... entities:
...   acme: {type: Company, label: Acme}
...   globex: {type: Company, label: Globex}
... facts:
...   - id: deal
...     type: Deal
...     roles: {party: [acme, globex]}
...     evidence: [{quote: "Acme signed a deal with Globex.", start: 0, end: 31}]
... ''', "inline.yaml")
>>> sheet.facts[0].roles["party"]
('acme', 'globex')
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ._yaml import Lines, atomic_write_text, dump, load_located, read_located
from .dates import DateSpec, DateValueError
from .errors import Problem, SheetError, suggest
from .namespaces import is_slug
from .schema import FactType, Schema, load_schema

FORMAT = "factsheet/1"
ORIGINS = ("curated", "extracted")
MODALITIES = ("asserted", "planned", "speculative", "negated")
_WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")

# Strings that are localised: a plain string, or a mapping from language code to string.
Localized = dict[str, str]


@dataclass(frozen=True)
class Evidence:
    """A quote from the cleaned text that supports a fact, with its offsets ``[start, end)``."""

    quote: str
    start: int
    end: int
    rule: str = "curated"
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    label: Localized
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    wikidata: str | None = None
    country: str | None = None
    leader_of: str | None = None
    description: Localized = field(default_factory=dict)
    review: bool = False
    note: str = ""

    def name(self, lang: str = "en") -> str:
        """The preferred display name: English, then ``lang``, then any."""
        return display_label(self.label, lang)

    def state(self) -> str | None:
        """The state it stands for: a state itself, a government body's country."""
        if self.type == "State":
            return self.id
        return self.country if self.type == "GovernmentBody" else None

    def names(self) -> list[str]:
        """Every name it goes by: its labels and aliases in all languages."""
        return [*self.label.values(), *(a for forms in self.aliases.values() for a in forms)]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "label": _unlocalize(self.label)}
        if self.aliases:
            if set(self.aliases) == {""}:
                out["aliases"] = list(self.aliases[""])
            else:
                out["aliases"] = {k: list(v) for k, v in self.aliases.items()}
        if self.wikidata:
            out["wikidata"] = self.wikidata
        if self.country:
            out["country"] = self.country
        if self.leader_of:
            out["leader_of"] = self.leader_of
        if self.description:
            out["description"] = _unlocalize(self.description)
        if self.review:
            out["review"] = True
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    roles: dict[str, tuple[str, ...]]
    evidence: tuple[Evidence, ...]
    dates: tuple[DateSpec, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    modality: str = "asserted"
    origin: str | None = None  # overrides the sheet's origin for this fact
    key: str | None = None  # explicit identity, to merge the same event across articles
    note: str = ""

    def main_date(self, schema: Schema | None = None) -> DateSpec | None:
        """The date that dates the fact (the type's ``main_date``, else its first date)."""
        schema = schema or load_schema()
        ft = schema.fact_types.get(self.type)
        if ft is not None and ft.main_date:
            for d in self.dates:
                if d.role == ft.main_date:
                    return d
        return self.dates[0] if self.dates else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.key:
            out["key"] = self.key
        if self.modality != "asserted":
            out["modality"] = self.modality
        if self.origin:
            out["origin"] = self.origin
        out["roles"] = {k: list(v) for k, v in self.roles.items()}
        if self.dates:
            out["dates"] = [d.to_dict() for d in self.dates]
        if self.attributes:
            out["attributes"] = {
                k: (_unlocalize(v) if isinstance(v, dict) else v)
                for k, v in self.attributes.items()
            }
        out["evidence"] = [e.to_dict() for e in self.evidence]
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    language: str
    text: str
    title: str = ""
    url: str | None = None
    publisher: str | None = None
    source_file: str | None = None
    published: DateSpec | None = None

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "language": self.language, "title": self.title}
        if self.url:
            out["url"] = self.url
        if self.publisher:
            out["publisher"] = self.publisher
        if self.source_file:
            out["source_file"] = self.source_file
        if self.published:
            out["published"] = self.published.to_dict()
        out["text_sha256"] = self.text_sha256
        out["text"] = self.text
        return out


@dataclass(frozen=True)
class FactSheet:
    article: ArticleInfo
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    origin: str = "curated"
    file: str = "<memory>"

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def fact_origin(self, fact: Fact) -> str:
        return fact.origin or self.origin

    def to_dict(self) -> dict[str, Any]:
        return {
            "dealgraph": FORMAT,
            "origin": self.origin,
            "article": self.article.to_dict(),
            "entities": {k: e.to_dict() for k, e in self.entities.items()},
            "facts": [f.to_dict() for f in self.facts],
        }

    def dumps(self) -> str:
        header = (
            "# dealgraph fact sheet: one article, its entities and its facts with evidence.\n"
            "# Offsets are character positions [start, end) in article.text. Set origin: curated\n"
            "# after review; curated facts win over extracted ones when both are loaded.\n"
        )
        return header + dump(self.to_dict())


def display_label(label: Mapping[str, str], lang: str = "en") -> str:
    """Pick one string of a localised label: ``""`` (neutral), English, ``lang``, then any."""
    for key in ("", "en", lang):
        if label.get(key):
            return label[key]
    return next(iter(label.values()), "")


def _unlocalize(value: Mapping[str, str]) -> str | dict[str, str]:
    if set(value) == {""}:
        return value[""]
    return dict(value)


# ------------------------------------------------------------------------------------------------
# Loading and validation
# ------------------------------------------------------------------------------------------------


class _Checker:
    """Builds a FactSheet from parsed YAML, collecting every problem with its location."""

    def __init__(self, lines: Lines, schema: Schema) -> None:
        self.lines = lines
        self.schema = schema
        self.problems: list[Problem] = []

    def add(self, path: tuple[str | int, ...], message: str, hint: str = "") -> None:
        self.problems.append(self.lines.problem(path, message, hint))

    def mapping(self, value: Any, path: tuple[str | int, ...], what: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(path, f"{what} must be a mapping of names to values, not {_kind(value)}")
            return {}
        return value

    def unknown_keys(
        self, value: dict[str, Any], allowed: Iterable[str], path: tuple[str | int, ...]
    ) -> None:
        allowed = list(allowed)
        for key in value:
            if key not in allowed:
                self.add((*path, key), f"unknown field {key!r}", suggest(key, allowed, "allowed"))

    def string(self, value: Any, path: tuple[str | int, ...], required: bool = True) -> str:
        if value is None:
            if required:
                self.add(path, "is missing", "give a text value")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(path, f"must be text, not {_kind(value)}")
            return ""
        return str(value)

    def localized(
        self, value: Any, path: tuple[str | int, ...], required: bool = True
    ) -> Localized:
        if isinstance(value, dict):
            out: Localized = {}
            for lang, text in value.items():
                if not _LANG_RE.match(lang):
                    self.add(
                        (*path, lang), f"{lang!r} is not a language code", "use nl, en, de, ..."
                    )
                out[lang] = self.string(text, (*path, lang))
            if required and not out:
                self.add(path, "is empty")
            return out
        text = self.string(value, path, required)
        return {"": text} if text else {}

    def string_list(self, value: Any, path: tuple[str | int, ...]) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            self.add(path, f"must be a list, not {_kind(value)}")
            return ()
        return tuple(self.string(v, (*path, i)) for i, v in enumerate(value))


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "empty"}.get(
        type(value), f"a {type(value).__name__}"
    )


def parse_sheet(text: str, file: str, schema: Schema | None = None) -> FactSheet:
    """Parse and validate the text of a fact sheet; raise :class:`SheetError` listing every problem."""
    data, lines = load_located(text, file)
    return _build(data, lines, schema or load_schema(), file)


def load_sheet(path: str | os.PathLike[str], schema: Schema | None = None) -> FactSheet:
    """Read, parse and validate a fact sheet file."""
    data, lines = read_located(path)
    return _build(data, lines, schema or load_schema(), str(path))


def save_sheet(sheet: FactSheet, path: str | os.PathLike[str]) -> Path:
    """Write a fact sheet through a temporary file and a rename; return the path written."""
    target = Path(path)
    atomic_write_text(target, sheet.dumps())
    return target


_TOP = ("dealgraph", "origin", "article", "entities", "facts")
_ARTICLE = (
    "id",
    "language",
    "title",
    "url",
    "publisher",
    "source_file",
    "published",
    "text",
    "text_sha256",
)
_ENTITY = (
    "type",
    "label",
    "aliases",
    "wikidata",
    "country",
    "leader_of",
    "description",
    "review",
    "note",
)
_FACT = (
    "id",
    "type",
    "key",
    "modality",
    "origin",
    "roles",
    "dates",
    "attributes",
    "evidence",
    "note",
)
_DATE = ("role", "value", "precision", "qualifier", "text", "note")
_EVIDENCE = ("quote", "start", "end", "rule", "confidence")


def _build(data: Any, lines: Lines, schema: Schema, file: str) -> FactSheet:
    c = _Checker(lines, schema)
    if not isinstance(data, dict):
        raise SheetError(
            [
                Problem(
                    file, 1, "", "a fact sheet is a YAML mapping with article, entities and facts"
                )
            ]
        )
    c.unknown_keys(data, _TOP, ())
    if data.get("dealgraph") != FORMAT:
        c.add(
            ("dealgraph",),
            f"the first line must say `dealgraph: {FORMAT}`",
            "this marks the file format",
        )
    origin = data.get("origin", "curated")
    if origin not in ORIGINS:
        c.add(("origin",), f"origin must be curated or extracted, not {origin!r}")
        origin = "curated"

    article = _article(c, data.get("article"))
    entities = _entities(c, data.get("entities"))
    facts = _facts(c, data.get("facts"), entities, article)
    if c.problems:
        raise SheetError(c.problems)
    return FactSheet(article=article, entities=entities, facts=facts, origin=origin, file=file)


def _article(c: _Checker, raw: Any) -> ArticleInfo:
    path: tuple[str | int, ...] = ("article",)
    if raw is None:
        c.add(path, "is missing", "give the article's id, language, title and cleaned text")
        return ArticleInfo(id="", language="", text="")
    a = c.mapping(raw, path, "article")
    c.unknown_keys(a, _ARTICLE, path)
    art_id = c.string(a.get("id"), (*path, "id"))
    if art_id and not is_slug(art_id):
        c.add(
            (*path, "id"),
            f"{art_id!r} is not a valid id",
            "use lower-case letters, digits and hyphens",
        )
    lang = c.string(a.get("language"), (*path, "language"))
    if lang and not _LANG_RE.match(lang):
        c.add((*path, "language"), f"{lang!r} is not an ISO 639 code", "write nl, en, de, ...")
    text = c.string(a.get("text"), (*path, "text"))
    if "text" in a and not text.strip():
        c.add((*path, "text"), "the cleaned text is empty")
    published = None
    if a.get("published") is not None:
        published = _date(c, a["published"], (*path, "published"), None)
    info = ArticleInfo(
        id=art_id,
        language=lang,
        text=text,
        title=c.string(a.get("title"), (*path, "title"), required=False),
        url=c.string(a.get("url"), (*path, "url"), required=False) or None,
        publisher=c.string(a.get("publisher"), (*path, "publisher"), required=False) or None,
        source_file=c.string(a.get("source_file"), (*path, "source_file"), required=False) or None,
        published=published,
    )
    given_sha = a.get("text_sha256")
    if given_sha is not None and text and str(given_sha) != info.text_sha256:
        c.add(
            (*path, "text_sha256"),
            "does not match the text: the text was changed after the offsets were written",
            "check the evidence offsets, then delete text_sha256 (save_sheet writes it again)",
        )
    return info


def parse_entities(
    raw: Any, lines: Lines, known: Iterable[str] = (), schema: Schema | None = None
) -> dict[str, Entity]:
    """Entities in the fact-sheet format (the ``entities:`` mapping), checked as in a sheet.

    ``country`` and ``leader_of`` may also name the ids in ``known`` (entities defined in
    another file, as in the registry); raises :class:`SheetError` listing every problem.
    """
    c = _Checker(lines, schema or load_schema())
    out = _entities(c, raw, frozenset(known), path=())
    if c.problems:
        raise SheetError(c.problems)
    return out


def _entities(
    c: _Checker,
    raw: Any,
    known: frozenset[str] = frozenset(),
    path: tuple[str | int, ...] = ("entities",),
) -> dict[str, Entity]:
    ents = c.mapping(raw, path, "entities")
    out: dict[str, Entity] = {}
    for eid, value in ents.items():
        p = (*path, eid)
        if not is_slug(eid):
            c.add(
                p, f"{eid!r} is not a valid entity id", "use lower-case letters, digits and hyphens"
            )
        e = c.mapping(value, p, "an entity")
        c.unknown_keys(e, _ENTITY, p)
        etype = c.string(e.get("type"), (*p, "type"))
        if etype and etype not in c.schema.entity_classes:
            c.add(
                (*p, "type"),
                f"unknown entity type {etype!r}",
                suggest(etype, c.schema.entity_classes),
            )
        wikidata = e.get("wikidata")
        if wikidata is not None and not _WIKIDATA_RE.match(str(wikidata)):
            c.add(
                (*p, "wikidata"),
                f"{wikidata!r} is not a Wikidata id",
                "write Q followed by digits, e.g. Q160120",
            )
        aliases_raw = e.get("aliases")
        aliases: dict[str, tuple[str, ...]] = {}
        if isinstance(aliases_raw, dict):
            for lang, names in aliases_raw.items():
                aliases[lang] = c.string_list(names, (*p, "aliases", lang))
        elif aliases_raw is not None:
            names = c.string_list(aliases_raw, (*p, "aliases"))
            if names:
                aliases[""] = names
        review = e.get("review", False)
        if not isinstance(review, bool):
            c.add((*p, "review"), "must be true or false")
        out[eid] = Entity(
            id=eid,
            type=etype,
            label=c.localized(e.get("label"), (*p, "label")),
            aliases=aliases,
            wikidata=str(wikidata) if wikidata else None,
            country=c.string(e.get("country"), (*p, "country"), required=False) or None,
            leader_of=c.string(e.get("leader_of"), (*p, "leader_of"), required=False) or None,
            description=c.localized(e.get("description"), (*p, "description"), required=False),
            review=bool(review),
            note=c.string(e.get("note"), (*p, "note"), required=False),
        )
    for eid, ent in out.items():
        for attr in ("country", "leader_of"):
            ref = getattr(ent, attr)
            if ref is None or (ref in known and ref not in out):
                continue
            if ref not in out:
                c.add(
                    (*path, eid, attr),
                    f"unknown entity id {ref!r}",
                    suggest(ref, out, "entities of this sheet") + "; define it under entities:",
                )
            elif out[ref].type and not c.schema.is_a(out[ref].type, "State"):
                c.add((*path, eid, attr), f"{ref!r} is a {out[ref].type}, not a State")
    return out


def _facts(
    c: _Checker, raw: Any, entities: dict[str, Entity], article: ArticleInfo
) -> tuple[Fact, ...]:
    path: tuple[str | int, ...] = ("facts",)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.add(path, f"facts must be a list, not {_kind(raw)}")
        return ()
    # First pass: ids and types, so that roles may refer to facts listed later.
    fact_types: dict[str, str] = {}
    for i, value in enumerate(raw):
        if isinstance(value, dict):
            fid = value.get("id")
            if isinstance(fid, str):
                if fid in fact_types:
                    c.add(
                        (*path, i, "id"), f"duplicate fact id {fid!r}", "give every fact its own id"
                    )
                fact_types[fid] = str(value.get("type", ""))
    facts: list[Fact] = []
    for i, value in enumerate(raw):
        p = (*path, i)
        f = c.mapping(value, p, "a fact")
        if not f:
            continue
        c.unknown_keys(f, _FACT, p)
        fid = c.string(f.get("id"), (*p, "id"))
        if fid and not is_slug(fid):
            c.add(
                (*p, "id"),
                f"{fid!r} is not a valid fact id",
                "use lower-case letters, digits and hyphens",
            )
        ftype = c.string(f.get("type"), (*p, "type"))
        ft = c.schema.fact_types.get(ftype)
        if ftype and ft is None:
            c.add((*p, "type"), f"unknown fact type {ftype!r}", suggest(ftype, c.schema.fact_types))
        modality = f.get("modality", "asserted")
        if modality not in MODALITIES:
            c.add(
                (*p, "modality"),
                f"unknown modality {modality!r}",
                f"use one of {', '.join(MODALITIES)}",
            )
        origin = f.get("origin")
        if origin is not None and origin not in ORIGINS:
            c.add((*p, "origin"), f"origin must be curated or extracted, not {origin!r}")
        key = f.get("key")
        if key is not None and not is_slug(str(key)):
            c.add(
                (*p, "key"),
                f"{key!r} is not a valid key",
                "use lower-case letters, digits and hyphens",
            )
        roles = _roles(c, f.get("roles"), (*p, "roles"), ft, entities, fact_types)
        dates = tuple(
            spec
            for j, raw_date in enumerate(_list(c, f.get("dates"), (*p, "dates")))
            if (spec := _date(c, raw_date, (*p, "dates", j), ft)) is not None
        )
        attributes = _attributes(c, f.get("attributes"), (*p, "attributes"), ft)
        evidence = tuple(
            ev
            for j, raw_ev in enumerate(_list(c, f.get("evidence"), (*p, "evidence")))
            if (ev := _evidence(c, raw_ev, (*p, "evidence", j), article.text)) is not None
        )
        if not f.get("evidence"):
            c.add(
                (*p, "evidence"),
                "every fact needs evidence",
                "add a quote with its start and end offsets",
            )
        facts.append(
            Fact(
                id=fid,
                type=ftype,
                roles=roles,
                evidence=evidence,
                dates=dates,
                attributes=attributes,
                modality=modality if modality in MODALITIES else "asserted",
                origin=origin if origin in ORIGINS else None,
                key=str(key) if key else None,
                note=c.string(f.get("note"), (*p, "note"), required=False),
            )
        )
    return tuple(facts)


def _list(c: _Checker, value: Any, path: tuple[str | int, ...]) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        c.add(path, f"must be a list, not {_kind(value)}")
        return []
    return value


def _roles(
    c: _Checker,
    raw: Any,
    path: tuple[str | int, ...],
    ft: FactType | None,
    entities: dict[str, Entity],
    fact_types: dict[str, str],
) -> dict[str, tuple[str, ...]]:
    roles_raw = c.mapping(raw, path, "roles")
    if ft is None:
        return {k: c.string_list(v, (*path, k)) for k, v in roles_raw.items()}
    allowed = c.schema.roles_of(ft.name)
    c.unknown_keys(roles_raw, allowed, path)
    out: dict[str, tuple[str, ...]] = {}
    for name, value in roles_raw.items():
        if name not in allowed:
            continue
        role = allowed[name]
        ids = c.string_list(value, (*path, name))
        for j, ref in enumerate(ids):
            rp = (*path, name, j) if isinstance(value, list) else (*path, name)
            if role.refers == "fact":
                if ref not in fact_types:
                    c.add(
                        rp,
                        f"unknown fact id {ref!r}",
                        suggest(ref, fact_types, "facts of this sheet"),
                    )
                elif not any(c.schema.is_a(fact_types[ref], r) for r in role.range):
                    c.add(
                        rp,
                        f"{ref!r} is a {fact_types[ref]}; {name} takes {' or '.join(role.range)}",
                    )
            elif ref not in entities:
                c.add(
                    rp,
                    f"unknown entity id {ref!r}",
                    suggest(ref, entities, "entities of this sheet")
                    + "; define it under entities:",
                )
            elif entities[ref].type in c.schema.entity_classes and not any(
                c.schema.is_a(entities[ref].type, r) for r in role.range
            ):
                c.add(
                    rp, f"{ref!r} is a {entities[ref].type}; {name} takes {' or '.join(role.range)}"
                )
        if len(set(ids)) != len(ids):
            c.add((*path, name), "lists the same id twice")
        out[name] = ids
    for name, role in allowed.items():
        n = len(out.get(name, ()))
        if n < role.min:
            c.add(path, f"{ft.name} needs at least {role.min} in {name}, found {n}")
        if role.max is not None and n > role.max:
            c.add((*path, name), f"{ft.name} takes at most {role.max} {name}, found {n}")
    return out


def _date(
    c: _Checker, raw: Any, path: tuple[str | int, ...], ft: FactType | None
) -> DateSpec | None:
    if isinstance(raw, (str, int)):
        raw = {"value": str(raw)}
    d = c.mapping(raw, path, "a date")
    if not d:
        return None
    c.unknown_keys(d, _DATE, path)
    role = c.string(d.get("role"), (*path, "role"), required=ft is not None)
    if ft is not None and role and role not in ft.dates:
        c.add(
            (*path, "role"), f"{ft.name} has no date {role!r}", suggest(role, ft.dates, "its dates")
        )
    value = c.string(d.get("value"), (*path, "value"))
    if not value:
        return None
    try:
        spec = DateSpec.parse(
            value,
            qualifier=str(d.get("qualifier", "on")),
            text=c.string(d.get("text"), (*path, "text"), required=False),
            note=c.string(d.get("note"), (*path, "note"), required=False),
            role=role,
        )
    except DateValueError as exc:
        field_ = "qualifier" if "qualifier" in str(exc) else "value"
        c.add((*path, field_), str(exc))
        return None
    given = d.get("precision")
    if given is not None and given != spec.precision:
        c.add(
            (*path, "precision"),
            f"precision {given!r} does not match the value {value!r} ({spec.precision})",
            "write the value at the precision you mean, e.g. 2019 for a year",
        )
    return spec


def _attributes(
    c: _Checker, raw: Any, path: tuple[str | int, ...], ft: FactType | None
) -> dict[str, Any]:
    attrs = c.mapping(raw, path, "attributes")
    if ft is None:
        return dict(attrs)
    c.unknown_keys(attrs, ft.attributes, path)
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        spec = ft.attributes.get(name)
        if spec is None:
            continue
        p = (*path, name)
        if spec.datatype == "text":
            out[name] = c.localized(value, p)
        elif spec.datatype == "boolean":
            if not isinstance(value, bool):
                c.add(p, "must be true or false")
            out[name] = bool(value)
        elif spec.datatype == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                c.add(p, "must be a whole number")
            out[name] = value
        elif spec.datatype == "decimal":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                c.add(p, "must be a number")
            out[name] = value
        elif spec.datatype == "currency":
            if not isinstance(value, str) or not _CURRENCY_RE.match(value):
                c.add(p, f"{value!r} is not an ISO 4217 currency code", "write EUR, USD, CNY, ...")
            out[name] = value
        else:
            out[name] = c.string(value, p)
    return out


def _evidence(c: _Checker, raw: Any, path: tuple[str | int, ...], text: str) -> Evidence | None:
    e = c.mapping(raw, path, "evidence")
    if not e:
        return None
    c.unknown_keys(e, _EVIDENCE, path)
    quote = c.string(e.get("quote"), (*path, "quote"))
    start, end = e.get("start"), e.get("end")
    ok = True
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            c.add((*path, name), f"{name} must be a character offset (a whole number >= 0)")
            ok = False
    conf = e.get("confidence", 1.0)
    if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
        c.add((*path, "confidence"), "confidence must be a number from 0 to 1")
        conf = 1.0
    rule = c.string(e.get("rule", "curated"), (*path, "rule"))
    if not quote or not ok or not text:
        return None
    assert isinstance(start, int) and isinstance(end, int)
    if text[start:end] != quote:
        found = text.find(quote)
        if found >= 0:
            c.add(
                (*path, "start"),
                f"the quote is not at [{start}, {end}) of the article text",
                f"it is at start: {found}, end: {found + len(quote)}",
            )
        else:
            c.add(
                (*path, "quote"),
                "the quote is not in the article text",
                "copy it exactly from article.text (same spaces and punctuation)",
            )
        return None
    return Evidence(quote=quote, start=start, end=end, rule=rule, confidence=float(conf))


def find_evidence(
    text: str, quote: str, rule: str = "curated", confidence: float = 1.0
) -> Evidence:
    """Evidence for the first occurrence of ``quote`` in ``text`` (a helper for writing sheets).

    >>> find_evidence("Acme signs. Globex waits.", "Globex waits.")
    Evidence(quote='Globex waits.', start=12, end=25, rule='curated', confidence=1.0)
    """
    start = text.find(quote)
    if start < 0:
        raise ValueError(f"quote not in text: {quote!r}")
    return Evidence(
        quote=quote, start=start, end=start + len(quote), rule=rule, confidence=confidence
    )


def with_origin(sheet: FactSheet, origin: str) -> FactSheet:
    """A copy of the sheet with another origin (for marking a reviewed sheet as curated)."""
    return replace(sheet, origin=origin)
