"""The schema as data: entity classes and fact types from ``ontology/types.yaml``.

Loaded once, checked on load. Fact sheet validation, the RDF mapping, the graph projection and
the views all read it, so a new event type is a data edit.

>>> s = load_schema()
>>> s.fact_types["Deal"].edges[0].relation
'https://w3id.org/dealgraph/ontology#contractsWith'
>>> s.is_a("Company", "Organization")
True
>>> sorted(s.relations())[:2]
['https://w3id.org/dealgraph/ontology#accuses', 'https://w3id.org/dealgraph/ontology#appealsTo']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import resources
from ._yaml import load_located
from .errors import DataFileError, SheetError
from .namespaces import compact, expand

DATATYPES = ("string", "text", "boolean", "decimal", "integer", "currency")


@dataclass(frozen=True)
class Style:
    color: str = "#9e9e9e"
    shape: str = "dot"
    edge_color: str = "#757575"
    dashes: bool = False


@dataclass(frozen=True)
class EdgeStyle:
    """How a view draws an edge: colour, dashes and width."""

    color: str = "#757575"
    dashes: bool = False
    width: float = 2.0


#: The kinds of edge a view draws that are not a fact type's relation: ``role`` edges join a
#: fact to its participants, ``link`` edges join what a query result puts in one row.
VIEW_EDGE_KINDS = ("role", "link")


@dataclass(frozen=True)
class EntityClass:
    name: str
    iri: str
    parent: str | None
    label: dict[str, str]
    style: Style


@dataclass(frozen=True)
class Role:
    name: str
    property: str
    range: tuple[str, ...]
    refers: str  # "entity" or "fact"
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str
    symmetric: bool = False
    style: EdgeStyle = field(default_factory=EdgeStyle)


@dataclass(frozen=True)
class Attribute:
    name: str
    property: str
    datatype: str


@dataclass(frozen=True)
class FactType:
    name: str
    iri: str
    kind: str  # "event" or "relation"
    label: dict[str, str]
    roles: dict[str, Role]
    dates: tuple[str, ...]
    main_date: str | None
    attributes: dict[str, Attribute]
    edges: tuple[Edge, ...]
    style: Style


@dataclass(frozen=True)
class Schema:
    entity_classes: dict[str, EntityClass]
    fact_types: dict[str, FactType]
    common_roles: dict[str, Role] = field(default_factory=dict)
    #: How views draw role edges and query links (see :data:`VIEW_EDGE_KINDS`).
    view_edges: dict[str, EdgeStyle] = field(default_factory=dict)

    def is_a(self, cls: str, ancestor: str) -> bool:
        """True when entity class or fact type ``cls`` is ``ancestor`` or below it."""
        if cls == ancestor:
            return True
        if cls in self.fact_types:
            return ancestor in ("Fact", "Event" if self.fact_types[cls].kind == "event" else "")
        seen = cls
        while seen in self.entity_classes:
            parent = self.entity_classes[seen].parent
            if parent is None:
                return False
            if parent == ancestor:
                return True
            seen = parent
        return False

    def roles_of(self, fact_type: str) -> dict[str, Role]:
        """The roles of a fact type, its own and the common ones."""
        return {**self.common_roles, **self.fact_types[fact_type].roles}

    def relations(self) -> dict[str, list[tuple[FactType, Edge]]]:
        """Every direct relation IRI with the fact types and edges that produce it."""
        out: dict[str, list[tuple[FactType, Edge]]] = {}
        for ft in self.fact_types.values():
            for edge in ft.edges:
                out.setdefault(edge.relation, []).append((ft, edge))
        return out

    def relation_style(self, iri: str) -> EdgeStyle:
        """How views draw the direct relation ``iri`` (the first edge definition that makes
        it), or a link's style for a relation the schema does not define."""
        for ft in self.fact_types.values():
            for edge in ft.edges:
                if edge.relation == iri:
                    return edge.style
        return self.view_edges.get("link", EdgeStyle())

    def class_name(self, iri: str) -> str | None:
        """The schema name of an entity class or fact type IRI."""
        for name, ec in self.entity_classes.items():
            if ec.iri == iri:
                return name
        for name, ft in self.fact_types.items():
            if ft.iri == iri:
                return name
        return None

    def relation_label(self, iri: str, lang: str = "en") -> str:
        """A readable name of a relation: ``contracts with`` for ``dg:contractsWith``."""
        local = compact(iri).split(":", 1)[-1]
        words = "".join(" " + c.lower() if c.isupper() else c for c in local)
        return words.strip()


def _style(raw: Any) -> Style:
    raw = raw or {}
    return Style(
        color=str(raw.get("color", "#9e9e9e")),
        shape=str(raw.get("shape", "dot")),
        edge_color=str(raw.get("edge_color", raw.get("color", "#757575"))),
        dashes=bool(raw.get("dashes", False)),
    )


def _edge_style(raw: Any, default: EdgeStyle) -> EdgeStyle:
    raw = raw or {}
    width = raw.get("width", default.width)
    if isinstance(width, bool) or not isinstance(width, (int, float)) or width <= 0:
        raise ValueError(f"edge style width must be a positive number, not {width!r}")
    dashes = raw.get("dashes", default.dashes)
    if not isinstance(dashes, bool):
        raise ValueError(f"edge style dashes must be true or false, not {dashes!r}")
    return EdgeStyle(color=str(raw.get("color", default.color)), dashes=dashes, width=float(width))


def _role(name: str, raw: dict[str, Any]) -> Role:
    return Role(
        name=name,
        property=expand(raw["property"]),
        range=tuple(raw.get("range", [])),
        refers=raw.get("refers", "entity"),
        min=int(raw.get("min", 0)),
        max=raw.get("max"),
    )


def parse_schema(text: str, file: str = "types.yaml") -> Schema:
    """Build a :class:`Schema` from the text of a types file; a malformed file is a bug."""
    try:
        data, _ = load_located(text, file)
        classes = {
            name: EntityClass(
                name=name,
                iri=expand(raw["class"]),
                parent=raw.get("parent"),
                label=dict(raw.get("label", {})),
                style=_style(raw.get("style")),
            )
            for name, raw in data["entity_classes"].items()
        }
        common = {n: _role(n, r) for n, r in (data.get("common_roles") or {}).items()}
        types: dict[str, FactType] = {}
        for name, raw in data["fact_types"].items():
            roles = {n: _role(n, r) for n, r in (raw.get("roles") or {}).items()}
            style = _style(raw.get("style"))
            drawn = EdgeStyle(color=style.edge_color, dashes=style.dashes)
            edges = tuple(
                Edge(
                    source=e["source"],
                    target=e["target"],
                    relation=expand(e["relation"]),
                    symmetric=bool(e.get("symmetric", False)),
                    style=_edge_style(e.get("style"), drawn),
                )
                for e in raw.get("edges") or []
            )
            attrs = {
                n: Attribute(name=n, property=expand(a["property"]), datatype=a["datatype"])
                for n, a in (raw.get("attributes") or {}).items()
            }
            types[name] = FactType(
                name=name,
                iri=expand(raw["class"]),
                kind=raw["kind"],
                label=dict(raw.get("label", {})),
                roles=roles,
                dates=tuple(raw.get("dates") or ()),
                main_date=raw.get("main_date"),
                attributes=attrs,
                edges=edges,
                style=style,
            )
        raw_view = data.get("view_edges") or {}
        unknown = sorted(set(raw_view) - set(VIEW_EDGE_KINDS))
        if unknown:
            raise ValueError(f"view_edges: unknown kind {unknown[0]!r} (use role or link)")
        view_edges = {
            kind: _edge_style(raw_view.get(kind), EdgeStyle(color="#9e9e9e", width=1.0))
            for kind in VIEW_EDGE_KINDS
        }
    except SheetError as exc:
        raise DataFileError(str(exc)) from exc
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataFileError(f"{file}: malformed type definition: {exc!r}") from exc
    schema = Schema(classes, types, common, view_edges)
    _check(schema, file)
    return schema


def _check(schema: Schema, file: str) -> None:
    known = set(schema.entity_classes) | set(schema.fact_types) | {"Event", "Fact"}
    problems = []
    for ec in schema.entity_classes.values():
        if ec.parent is not None and ec.parent not in schema.entity_classes:
            problems.append(f"entity class {ec.name}: unknown parent {ec.parent}")
    for ft in schema.fact_types.values():
        if ft.kind not in ("event", "relation"):
            problems.append(f"{ft.name}: kind must be event or relation")
        roles = {**schema.common_roles, **ft.roles}
        for role in roles.values():
            for r in role.range:
                if r not in known:
                    problems.append(f"{ft.name}.{role.name}: unknown range {r}")
            if role.refers not in ("entity", "fact"):
                problems.append(f"{ft.name}.{role.name}: refers must be entity or fact")
        for edge in ft.edges:
            for end in (edge.source, edge.target):
                if end not in roles:
                    problems.append(f"{ft.name}: edge names unknown role {end}")
        if ft.main_date is not None and ft.main_date not in ft.dates:
            problems.append(f"{ft.name}: main_date {ft.main_date} is not among its dates")
        for attr in ft.attributes.values():
            if attr.datatype not in DATATYPES:
                problems.append(f"{ft.name}.{attr.name}: unknown datatype {attr.datatype}")
    if problems:
        raise DataFileError(f"{file}: " + "; ".join(problems))


@cache
def load_schema() -> Schema:
    """The schema shipped in ``ontology/types.yaml`` (loaded once)."""
    return parse_schema(resources.read_ontology_file("types.yaml"), "ontology/types.yaml")
