"""Inference over extracted facts: rules that name themselves in the evidence they leave.

``infer:signed-during-visit`` — a deal whose signing day falls inside a state visit of a
leader of one party's country to the other party's country was signed during that visit, also
when the article never says so in one sentence.

>>> from dealgraph.registry import load_registry
>>> ents = load_registry().entities
>>> visit = Visit("v", ("xi-jinping",), ("russia",), DateSpec.parse("2019-06-05"), DateSpec.parse("2019-06-07"))
>>> signed_during(["huawei", "mts"], DateSpec.parse("2019-06-06"), [visit], ents)
['v']
>>> signed_during(["huawei", "mts"], DateSpec.parse("2019-06-09"), [visit], ents)
[]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .dates import DateSpec
from .facts import Entity

RULE_SIGNED_DURING = "infer:signed-during-visit"


@dataclass(frozen=True)
class Visit:
    id: str
    visitors: tuple[str, ...]
    hosts: tuple[str, ...]
    start: DateSpec | None
    end: DateSpec | None


def country_of(eid: str, entities: Mapping[str, Entity]) -> str | None:
    """The state an entity belongs to: itself for a state, else its ``country``."""
    e = entities.get(eid)
    if e is None:
        return None
    return eid if e.type == "State" else e.country


def signed_during(
    parties: Sequence[str],
    signed: DateSpec | None,
    visits: Sequence[Visit],
    entities: Mapping[str, Entity],
) -> list[str]:
    """The visits a deal of ``parties`` signed on ``signed`` falls inside (by their ids)."""
    if signed is None or signed.precision != "day" or signed.qualifier != "on":
        return []
    countries = [country_of(p, entities) for p in parties]
    out = []
    for v in visits:
        if v.start is None or v.start.precision != "day":
            continue
        last = v.end.last_day if v.end is not None else v.start.last_day
        if not v.start.first_day <= signed.first_day <= last:
            continue
        home = {entities[p].leader_of for p in v.visitors if p in entities}
        hosts = set(v.hosts)
        for i, a in enumerate(countries):
            others = countries[:i] + countries[i + 1 :]
            if a in home and any(b in hosts for b in others):
                out.append(v.id)
                break
    return out
