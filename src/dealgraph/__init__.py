"""dealgraph: trace geopolitical technology deals through the news.

``dealgraph.open(store)`` is the Python API (see :mod:`dealgraph.api`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import Dealgraph

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(
    store: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Dealgraph:
    """Open a store and return a :class:`dealgraph.api.Dealgraph` over it (see
    :func:`dealgraph.api.open`)."""
    from .api import open as open_api

    return open_api(store, read_only=read_only, progress=progress)
