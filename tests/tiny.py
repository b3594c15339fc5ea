"""Tiny fact sheets for graphs whose answers can be worked out by hand.

``tiny_sheet([("Deal", {"party": ["a", "b"]}, "2019-06-05")])`` is a valid sheet (it goes
through the real parser) whose article states each fact in one sentence, quoted as evidence.
Entities are named by their ids: ``a`` is the company "A"; give ``types`` for others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dealgraph.facts import FactSheet, parse_sheet
from dealgraph.schema import load_schema

FactSpec = (
    tuple[str, dict[str, list[str]], str | None]
    | tuple[str, dict[str, list[str]], str | None, dict[str, Any]]
)


def tiny_sheet(
    facts: Sequence[FactSpec],
    types: dict[str, str] | None = None,
    article: str = "tiny",
) -> FactSheet:
    """A sheet with one sentence per fact. A date is ``"2019"``, ``"2019-06-05"`` or
    ``"before 2020"`` (a qualifier, a space, a value); extra fact fields go in a fourth item."""
    import yaml

    schema = load_schema()
    types = types or {}
    sentences: list[str] = []
    spans: list[tuple[int, int]] = []
    text = ""
    entity_ids: list[str] = []
    for fact_type, roles, _date, *_ in facts:
        names = [x for ids in roles.values() for x in ids]
        for x in names:
            if x not in entity_ids:
                entity_ids.append(x)
        sentence = f"{fact_type} of {' and '.join(n.upper() for n in names)}."
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        sentences.append(sentence)
        spans.append((start, start + len(sentence)))
    sheet: dict[str, Any] = {
        "dealgraph": "factsheet/1",
        "origin": "curated",
        "article": {"id": article, "language": "en", "title": f"Tiny {article}", "text": text},
        "entities": {x: {"type": types.get(x, "Company"), "label": x.upper()} for x in entity_ids},
        "facts": [],
    }
    for i, (spec, sentence, (start, end)) in enumerate(zip(facts, sentences, spans, strict=True)):
        fact_type, roles, date, *extra = spec
        fact: dict[str, Any] = {"id": f"f{i}", "type": fact_type, "roles": roles}
        if date:
            qualifier, _, value = date.rpartition(" ")
            main = schema.fact_types[fact_type].main_date
            d: dict[str, Any] = {"role": main, "value": value}
            if qualifier:
                d["qualifier"] = qualifier
            fact["dates"] = [d]
        fact["evidence"] = [{"quote": sentence, "start": start, "end": end}]
        if extra:
            fact.update(extra[0])
        sheet["facts"].append(fact)
    return parse_sheet(
        yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), f"{article}.yaml"
    )
