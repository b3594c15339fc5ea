"""Every event an entity takes part in, in date order, with the events that situate them.

The timeline of an entity lists the events (facts of kind ``event``) in which it has a role,
and the events one fact-hop away from those that situate them: the state visit its deal was
``signedDuring``, the appeal that is ``about`` its ban. Each entry keeps its date with its
precision and qualifier, the entity's roles in it, the other participants, and the quotes.

Order: by the day a date sorts at (:meth:`dealgraph.dates.DateSpec.sort_key`: a bounded date
such as *before 2020* sorts at the latest day it can be, after the events known to fall on that
day); on the same day and rank, the entity's own events before the events that situate them;
then by label. Undated events come last, stated as such.

>>> import tempfile
>>> from dealgraph.store import open_store
>>> from dealgraph.pipeline import load_sheets
>>> from dealgraph.seed import seed_sheet
>>> from dealgraph.graph import project
>>> from dealgraph.namespaces import entity_iri
>>> with tempfile.TemporaryDirectory() as d, open_store(d) as s:
...     _ = load_sheets(s, [seed_sheet()])
...     tl = timeline(project(s, include_facts=True), entity_iri("huawei"))
>>> [(e.type, e.when()) for e in tl.events]  # doctest: +NORMALIZE_WHITESPACE
[('Deal', '2019-06-05'), ('StateVisit', '2019-06-05'), ('Ban', 'before 2019-06-05'),
 ('Trial', 'by 2019'), ('Allegation', 'undated'), ('Appeal', 'undated')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .answers import Answer, subgraph
from .filters import DateWindow, possible_days
from .graph import Quote
from .query import format_table
from .schema import Schema, load_schema
from .trace import quote_lines


@dataclass(frozen=True)
class Context:
    """How a situating event is tied to one of the entity's own events."""

    event: str  # the entity's own event
    event_label: str
    relation_label: str
    outward: bool  # True: own event —relation→ this one; False: this one —relation→ own event
    key: tuple[str, str, str]  # the edge (source, target, key)

    def text(self) -> str:
        if self.outward:
            return f"{self.event_label} —{self.relation_label}→ this"
        return f"this —{self.relation_label}→ {self.event_label}"


@dataclass(frozen=True)
class Event:
    """One entry of a timeline."""

    fact: str
    type: str
    label: str
    modality: str
    date: str | None
    date_label: str
    precision: str | None
    qualifier: str | None
    sort_date: str | None
    sort_rank: int | None
    roles: tuple[str, ...]  # the entity's roles in it; empty for a situating event
    participants: tuple[tuple[str, str, str], ...]  # (role, node, label)
    context: tuple[Context, ...]
    evidence: tuple[Quote, ...]
    articles: tuple[str, ...]

    @property
    def own(self) -> bool:
        return bool(self.roles)

    def when(self) -> str:
        return self.date_label or "undated"

    def sort_key(self) -> tuple[Any, ...]:
        dated = self.sort_date is not None
        return (
            0 if dated else 1,
            self.sort_date or "",
            self.sort_rank or 0,
            0 if self.own else 1,
            self.label.casefold(),
            self.fact,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "type": self.type,
            "label": self.label,
            "modality": self.modality,
            "date": self.date,
            "date_label": self.date_label,
            "when": self.when(),
            "precision": self.precision,
            "qualifier": self.qualifier,
            "roles": list(self.roles),
            "participants": [
                {"role": r, "iri": n, "label": label} for r, n, label in self.participants
            ],
            "context": [
                {"event": c.event, "relation": c.relation_label, "text": c.text()}
                for c in self.context
            ],
            "evidence": [q.as_dict() for q in self.evidence],
            "articles": list(self.articles),
        }


@dataclass
class Timeline(Answer):
    """The events of ``entity`` in date order (see :func:`timeline`)."""

    entity: str
    entity_label: str
    events: list[Event]
    filters: str = ""
    _graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph, repr=False, compare=False)

    columns = (
        "when",
        "precision",
        "type",
        "label",
        "roles",
        "with",
        "context",
        "modality",
        "fact",
        "quote",
        "article",
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": {"iri": self.entity, "label": self.entity_label},
            "filters": self.filters,
            "events": [e.as_dict() for e in self.events],
        }

    def _with(self, e: Event) -> str:
        names = [label for _, n, label in e.participants if n != self.entity]
        return ", ".join(dict.fromkeys(names))

    def records(self) -> list[dict[str, Any]]:
        return [
            {
                "when": e.when(),
                "precision": e.precision,
                "type": e.type,
                "label": e.label,
                "roles": ", ".join(e.roles),
                "with": self._with(e),
                "context": "; ".join(c.text() for c in e.context),
                "modality": e.modality,
                "fact": e.fact,
                "quote": e.evidence[0].quote if e.evidence else None,
                "article": e.evidence[0].article if e.evidence else None,
            }
            for e in self.events
        ]

    def text(self) -> str:
        n = len(self.events)
        cond = f" ({self.filters})" if self.filters else ""
        head = f"Timeline of {self.entity_label}: {n} event{'s' if n != 1 else ''}{cond}"
        if not self.events:
            return head
        rows = []
        for e in self.events:
            what = e.label + ("" if e.modality == "asserted" else f" ({e.modality})")
            role = f"as {', '.join(e.roles)}" if e.roles else "context"
            rows.append([e.when(), e.precision or "", e.type, what, role])
        table = format_table(["when", "precision", "event", "label", "role"], rows, max_width=90)
        lines = [head, "", *table.splitlines()[:2]]
        for e, row_line in zip(self.events, table.splitlines()[2:], strict=True):
            lines.append(row_line)
            for c in e.context:
                lines.append(f"    context: {c.text()}")
            others = self._with(e)
            if others:
                lines.append(f"    with: {others}")
            lines.extend(quote_lines(e.evidence, "    "))
        return "\n".join(lines)

    def subgraph(self) -> nx.MultiDiGraph:
        g = self._graph
        nodes = [self.entity, *(e.fact for e in self.events)]
        edges: list[tuple[str, str, str]] = []
        facts = {e.fact for e in self.events}
        for e in self.events:
            for c in e.context:
                edges.append(c.key)
            for u, v, k, d in g.out_edges(e.fact, keys=True, data=True):
                if d.get("kind") == "role" and (v == self.entity or e.own or v in facts):
                    edges.append((u, v, k))
        return subgraph(g, nodes, edges)

    def focus(self) -> list[str]:
        return [self.entity]


def timeline(
    g: nx.MultiDiGraph,
    entity: str,
    *,
    window: DateWindow | None = None,
    schema: Schema | None = None,
) -> Timeline:
    """The timeline of ``entity`` (a node IRI) in the projection ``g``, which must be built with
    ``include_facts=True``. With a ``window``, only events that may fall inside it are kept
    (see :mod:`dealgraph.filters`)."""
    schema = schema or load_schema()
    window = window or DateWindow()

    def is_event(node: str) -> bool:
        d = g.nodes[node]
        ft = schema.fact_types.get(d.get("type", ""))
        return d.get("kind") == "fact" and ft is not None and ft.kind == "event"

    own: dict[str, list[str]] = {}
    if entity in g:
        for f, _, d in g.in_edges(entity, data=True):
            if d.get("kind") == "role" and is_event(f):
                own.setdefault(f, []).append(d.get("relation_label", ""))

    context: dict[str, list[Context]] = {}
    for f in own:
        flabel = g.nodes[f].get("label", f)
        for u, v, k, d in [
            *g.out_edges(f, keys=True, data=True),
            *g.in_edges(f, keys=True, data=True),
        ]:
            other = v if u == f else u
            if other == f or other in own or not is_event(other):
                continue  # also skips relation facts (SignedDuring): their relation says it
            context.setdefault(other, []).append(
                Context(
                    event=f,
                    event_label=flabel,
                    relation_label=d.get("relation_label", ""),
                    outward=u == f,
                    key=(u, v, k),
                )
            )

    events: list[Event] = []
    for f in [*own, *context]:
        d = g.nodes[f]
        days = (
            possible_days(d["date"], d["precision"], d.get("qualifier") or "on")
            if d.get("date") and d.get("precision")
            else None
        )
        if not window.admits(days):
            continue
        participants = sorted(
            (
                (e.get("relation_label", ""), v, g.nodes[v].get("label", v))
                for _, v, e in g.out_edges(f, data=True)
                if e.get("kind") == "role" and g.nodes[v].get("kind") == "entity"
            ),
            key=lambda x: (x[0], x[2].casefold()),
        )
        events.append(
            Event(
                fact=f,
                type=d.get("type", ""),
                label=d.get("label", f),
                modality=d.get("modality") or "asserted",
                date=d.get("date"),
                date_label=d.get("date_label") or "",
                precision=d.get("precision"),
                qualifier=d.get("qualifier"),
                sort_date=d.get("sort_date"),
                sort_rank=d.get("sort_rank"),
                roles=tuple(sorted(set(own.get(f, ())))),
                participants=tuple(participants),
                context=tuple(sorted(context.get(f, ()), key=lambda c: (c.event_label, c.event))),
                evidence=tuple(d.get("evidence") or ()),
                articles=tuple(d.get("articles") or ()),
            )
        )
    events.sort(key=Event.sort_key)
    return Timeline(
        entity=entity,
        entity_label=str(g.nodes[entity].get("label", entity)) if entity in g else entity,
        events=events,
        filters=window.describe(),
        _graph=g,
    )
