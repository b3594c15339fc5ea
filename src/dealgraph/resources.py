"""The data files shipped with dealgraph, read with importlib.resources.

``ontology/`` and ``seeds/`` sit at the top of the repository and install as the packages
``dealgraph.ontology`` and ``dealgraph.seeds``, so an installed wheel and an editable checkout
read the same files.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.abc import Traversable


def ontology_dir() -> Traversable:
    return resources.files("dealgraph.ontology")


def seeds_dir() -> Traversable:
    return resources.files("dealgraph.seeds")


def templates_dir() -> Traversable:
    return resources.files("dealgraph") / "templates"


@cache
def read_ontology_file(name: str) -> str:
    """The text of a file under ``ontology/`` (``dealgraph.ttl``, ``shapes.ttl``, ...)."""
    return (ontology_dir() / name).read_text(encoding="utf-8")
