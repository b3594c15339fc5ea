"""Checking fact sheets and the stored graph against ``ontology/shapes.ttl`` with pySHACL.

:func:`validate_graph` runs the shapes over an rdflib graph (with the ontology beside it, so
``sh:class`` sees the class hierarchy) and returns readable :class:`Violation` rows: the focus
node with its label, the property path, the shape's message and the constraint that failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import rdflib
from rdflib.namespace import RDF, RDFS, SH

from . import resources
from .namespaces import PREFIXES, compact
from .rdf import Quad
from .store import GraphStore


@dataclass(frozen=True)
class Violation:
    focus: str
    focus_label: str
    path: str
    message: str
    constraint: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        who = compact(self.focus) + (f" ({self.focus_label})" if self.focus_label else "")
        path = f" {compact(self.path)}" if self.path else ""
        value = f" [value: {self.value}]" if self.value else ""
        return f"{who}{path}: {self.message}{value} ({self.constraint})"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def text(self) -> str:
        if self.conforms:
            return f"valid: {self.triples} triples conform to ontology/shapes.ttl"
        lines = [f"{len(self.violations)} violation(s) of ontology/shapes.ttl:"]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


@cache
def _shapes() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=resources.read_ontology_file("shapes.ttl"), format="turtle")
    return g


@cache
def _ontology() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=resources.read_ontology_file("dealgraph.ttl"), format="turtle")
    return g


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    """Run the SHACL shapes over ``data`` and collect readable violations."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    assert isinstance(results, rdflib.Graph)
    violations = []
    for res in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(res, SH.focusNode)
        path = results.value(res, SH.resultPath)
        message = results.value(res, SH.resultMessage)
        component = results.value(res, SH.sourceConstraintComponent)
        value = results.value(res, SH.value)
        severity = results.value(res, SH.resultSeverity)
        label = data.value(focus, RDFS.label) if focus is not None else None
        violations.append(
            Violation(
                focus=str(focus),
                focus_label=str(label) if label is not None else "",
                path=str(path) if path is not None and isinstance(path, rdflib.URIRef) else "",
                message=str(message) if message is not None else "does not conform",
                constraint=str(component).rsplit("#", 1)[-1] if component is not None else "",
                value=str(value) if value is not None and value != focus else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=len(data))


def graph_of(quads: Iterable[Quad]) -> rdflib.Graph:
    """The union of the quads' graphs as one rdflib graph."""
    g = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g


def store_graph(store: GraphStore) -> rdflib.Graph:
    """The union of the store's graphs as one rdflib graph."""
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    g = rdflib.Graph()
    text = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result.triples)
    g.parse(data=text, format="nt")
    return g


def validate_store(store: GraphStore) -> ValidationReport:
    """Run the SHACL shapes over the union of the stored graphs."""
    return validate_graph(store_graph(store))
