"""The seed shipped with dealgraph: a Dutch tech-news page on Huawei's 5G deal with MTS.

``seeds/`` holds the article exactly as given, its metadata and its curated fact sheet; they
install inside the package, so :func:`seed_sheet` works from any directory.

>>> seed_sheet().article.language
'nl'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from importlib import resources as ir
from pathlib import Path

from . import resources
from .facts import FactSheet, parse_sheet

SEED_ID = "957069b94ee8dd14"
SEED_STEM = f"000_{SEED_ID}"


def seed_text_raw() -> str:
    """The seed article's text exactly as given (navigation and comment block included)."""
    return (resources.seeds_dir() / f"{SEED_STEM}.txt").read_text(encoding="utf-8")


def seed_sheet() -> FactSheet:
    """The curated fact sheet of the seed, parsed and validated."""
    text = (resources.seeds_dir() / f"{SEED_STEM}.facts.yaml").read_text(encoding="utf-8")
    return parse_sheet(text, f"seeds/{SEED_STEM}.facts.yaml")


@contextmanager
def seed_article_path() -> Iterator[Path]:
    """A real file path of the seed article, with its ``.meta.yaml`` beside it."""
    with ir.as_file(resources.seeds_dir()) as folder:  # the folder: the sidecar comes along
        yield Path(folder) / f"{SEED_STEM}.txt"


def seed_sheet_path() -> AbstractContextManager[Path]:
    """A context manager giving a real file path of the seed's fact sheet."""
    return ir.as_file(resources.seeds_dir() / f"{SEED_STEM}.facts.yaml")
