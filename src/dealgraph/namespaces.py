"""Namespaces and IRI minting, in one place.

Every module takes its vocabulary from here; instance IRIs are minted only by the functions
below, so that the same entity or fact always gets the same IRI (DESIGN.md section 2).

>>> entity_iri("huawei")
'https://w3id.org/dealgraph/id/entity/huawei'
>>> compact("https://w3id.org/dealgraph/ontology#contractsWith")
'dg:contractsWith'
>>> expand("dg:bans")
'https://w3id.org/dealgraph/ontology#bans'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

DG = "https://w3id.org/dealgraph/ontology#"
ID = "https://w3id.org/dealgraph/id/"
ONTOLOGY_IRI = "https://w3id.org/dealgraph/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"
SH = "http://www.w3.org/ns/shacl#"

#: The prefixes predeclared for every query (CLI, named queries, the HTTP endpoint).
PREFIXES: dict[str, str] = {
    "dg": DG,
    "dgid": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "time": TIME,
    "oa": OA,
    "dcterms": DCTERMS,
    "wd": WD,
}

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def expand(curie: str) -> str:
    """Expand a CURIE with a known prefix; a full IRI is returned unchanged."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return curie


def compact(iri: str) -> str:
    """Shorten an IRI with the longest matching known prefix, or return it unchanged."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]) :]}"
    return iri


def is_slug(value: str) -> bool:
    """True for ids usable in IRIs: lower-case letters, digits and hyphens."""
    return bool(_SLUG_RE.match(value))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Make an entity id from a name.

    >>> slugify("Dutch chipmaker Nexperia B.V.")
    'dutch-chipmaker-nexperia-b-v'
    >>> slugify("Xi Jinping")
    'xi-jinping'
    """
    ascii_text = (
        text
        if text.isascii()
        else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    )
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug or "x" + stable_hash(text, length=8)


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts, stable across runs and machines."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def entity_iri(entity_id: str) -> str:
    return f"{ID}entity/{entity_id}"


def article_iri(article_id: str) -> str:
    """The article's IRI, which is also the name of the article's graph."""
    return f"{ID}article/{article_id}"


def fact_iri(type_name: str, key: str) -> str:
    return f"{ID}{type_name.lower()}/{key}"


def local_id(iri: str) -> str:
    """The last path segment of a dealgraph instance IRI (or the IRI itself)."""
    if iri.startswith(ID):
        return iri.rsplit("/", 1)[-1]
    return iri
