"""How well extraction does against gold fact sheets: precision, recall and F1.

A gold folder holds curated fact sheets (``gold/*.yaml``, or ``*.facts.yaml`` anywhere in the
folder) and the articles they were written from (``articles/``, or the folder itself). Every
article is read, cleaned and extracted as ``dealgraph ingest`` would, and its extracted sheet
is compared with its gold sheet:

- **facts** match when they have the same type and the same fillers of the type's own roles
  (not attributedTo, reportedBy, location or subject), compared as sets per role; a role that
  points to facts (a deal signed during a visit, the ban an appeal is about) is compared
  through the signatures of the facts it points to;
- **relations** are the direct relation triples the mapping states (``edges:`` of
  ``ontology/types.yaml``; symmetric ones once per pair) from asserted and planned facts, with
  entity ids and fact signatures as their ends;
- **entities** are the ids that fill at least one role of at least one fact;
- **dates**: for matched facts whose gold fact has a main date, the share whose extracted main
  date has the same value, precision and qualifier.

Counts are summed over articles (micro-averaged), overall and per language. The misses and
false alarms are listed with their sentences.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .articles import Article, Skipped, read_articles
from .errors import InputError
from .extract import extract_sheet
from .facts import Entity, Fact, FactSheet, load_sheet
from .rdf import RELATION_MODALITIES
from .schema import Schema, load_schema

Signature = tuple[str, tuple[tuple[str, frozenset[object]], ...]]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[object], found: Iterable[object]) -> None:
        g, f = Counter(gold), Counter(found)
        hit = sum((g & f).values())
        self.tp += hit
        self.fp += sum(f.values()) - hit
        self.fn += sum(g.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:<14} P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}"
            f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Mistake:
    """A gold fact extraction missed, or an extracted fact gold does not have."""

    article: str
    kind: str  # "miss" or "false alarm"
    fact: Fact
    quote: str

    def line(self) -> str:
        roles = "; ".join(f"{k}={','.join(v)}" for k, v in self.fact.roles.items())
        mod = "" if self.fact.modality == "asserted" else f" [{self.fact.modality}]"
        return (
            f'  {self.kind:<11} {self.article}: {self.fact.type}{mod} {roles}\n      "{self.quote}"'
        )


@dataclass
class Scores:
    facts: dict[str, Score] = field(default_factory=dict)
    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    dates_right: int = 0
    dates_total: int = 0

    def fact(self, ftype: str) -> Score:
        return self.facts.setdefault(ftype, Score())

    @property
    def all_facts(self) -> Score:
        total = Score()
        for s in self.facts.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total


@dataclass
class EvalReport:
    """Scores overall and per language, with the mistakes."""

    overall: Scores
    by_language: dict[str, Scores]
    articles: dict[str, int]  # language -> number of articles
    mistakes: list[Mistake]
    notes: list[str]

    def lines(self, by_language: bool = False, mistakes: bool = True) -> list[str]:
        n = sum(self.articles.values())
        langs = ", ".join(f"{k}: {v}" for k, v in sorted(self.articles.items()))
        out = [f"{n} articles ({langs})"]
        out += self._block("all", self.overall, by_type=True)
        for lang, scores in sorted(self.by_language.items()):
            out += self._block(lang, scores, by_type=by_language)
        if self.notes:
            out += ["", "notes:"] + [f"  {x}" for x in self.notes]
        if mistakes and self.mistakes:
            out += ["", f"misses and false alarms ({len(self.mistakes)}):"]
            out += [m.line() for m in self.mistakes]
        return out

    @staticmethod
    def _block(name: str, s: Scores, by_type: bool) -> list[str]:
        out = ["", f"[{name}]"]
        out.append(s.relations.line("relations"))
        out.append(s.entities.line("entities"))
        out.append(s.all_facts.line("facts"))
        if by_type:
            for ftype, score in sorted(s.facts.items()):
                out.append(score.line(f"  {ftype}"))
        if s.dates_total:
            out.append(
                f"{'dates':<14} {s.dates_right}/{s.dates_total} main dates right "
                f"({s.dates_right / s.dates_total:.3f})"
            )
        return out


def signatures(sheet: FactSheet, schema: Schema) -> dict[str, Signature]:
    """Each fact's signature: its type and the fillers of its own roles, as sets."""
    by_id = {f.id: f for f in sheet.facts}
    out: dict[str, Signature] = {}

    def sig(fid: str, seen: frozenset[str] = frozenset()) -> Signature:
        if fid in out:
            return out[fid]
        fact = by_id[fid]
        ft = schema.fact_types[fact.type]
        parts = []
        for name in sorted(ft.roles):
            values = fact.roles.get(name, ())
            if not values:
                continue
            if ft.roles[name].refers == "fact":
                fillers: frozenset[object] = frozenset(
                    sig(v, seen | {fid}) for v in values if v in by_id and v not in seen
                )
            else:
                fillers = frozenset(values)
            parts.append((name, fillers))
        out[fid] = (fact.type, tuple(parts))
        return out[fid]

    for f in sheet.facts:
        sig(f.id)
    return out


def relations(sheet: FactSheet, schema: Schema) -> set[object]:
    """The direct relation triples of asserted and planned facts (symmetric ones unordered)."""
    sigs = signatures(sheet, schema)
    out: set[object] = set()
    for fact in sheet.facts:
        if fact.modality not in RELATION_MODALITIES:
            continue
        ft = schema.fact_types[fact.type]

        def ends(role: str, fact: Fact = fact) -> list[object]:
            values = fact.roles.get(role, ())
            if schema.roles_of(fact.type)[role].refers == "fact":
                return [sigs[v] for v in values if v in sigs]
            return list(values)

        for edge in ft.edges:
            for a in ends(edge.source):
                for b in ends(edge.target):
                    if a == b:
                        continue
                    if edge.symmetric:
                        out.add((edge.relation, frozenset((a, b))))
                    else:
                        out.add((a, edge.relation, b))
    return out


def role_entities(sheet: FactSheet, schema: Schema) -> set[str]:
    """The entity ids that fill at least one role of at least one fact."""
    return {
        v
        for f in sheet.facts
        for role, values in f.roles.items()
        if schema.roles_of(f.type)[role].refers == "entity"
        for v in values
    }


def _names(entity: Entity) -> set[str]:
    return {" ".join(w.casefold().split()) for w in entity.names()}


def align_ids(gold: FactSheet, found: FactSheet, schema: Schema) -> FactSheet:
    """``found`` with each new entity that the gold sheet knows under another id renamed to
    the gold id, when one of its names is a name (label or alias) of exactly one gold entity:
    an id is the project's name for an entity, which the extractor of an unknown name cannot
    guess ("wuhan-xiaoruizhu-..." for a text that misspells the company the gold calls
    "wuhan-xiaoruizhi-...")."""
    by_name: dict[str, set[str]] = {}
    for eid, ent in gold.entities.items():
        for name in _names(ent):
            by_name.setdefault(name, set()).add(eid)
    rename: dict[str, str] = {}
    for eid, ent in found.entities.items():
        if eid in gold.entities:
            continue
        ids = {g for name in _names(ent) for g in by_name.get(name, ())}
        if len(ids) == 1:
            rename[eid] = ids.pop()
    if not rename:
        return found
    facts = []
    for f in found.facts:
        roles = {
            role: tuple(rename.get(v, v) for v in values)
            if schema.roles_of(f.type)[role].refers == "entity"
            else values
            for role, values in f.roles.items()
        }
        facts.append(replace(f, roles=roles))
    return replace(found, facts=tuple(facts))


def score_sheet(gold: FactSheet, found: FactSheet, into: Scores, schema: Schema) -> list[Mistake]:
    """Add one article's counts to ``into``; return its misses and false alarms."""
    found = align_ids(gold, found, schema)
    gs, fs = signatures(gold, schema), signatures(found, schema)
    for ftype in {f.type for f in gold.facts} | {f.type for f in found.facts}:
        into.fact(ftype).add(
            [gs[f.id] for f in gold.facts if f.type == ftype],
            [fs[f.id] for f in found.facts if f.type == ftype],
        )
    into.entities.add(role_entities(gold, schema), role_entities(found, schema))
    into.relations.add(relations(gold, schema), relations(found, schema))
    mistakes: list[Mistake] = []
    unmatched = list(found.facts)
    for g in gold.facts:
        match = next((f for f in unmatched if fs[f.id] == gs[g.id]), None)
        if match is None:
            quote = g.evidence[0].quote if g.evidence else ""
            mistakes.append(Mistake(gold.article.id, "miss", g, quote))
            continue
        unmatched.remove(match)
        gd, fd = g.main_date(schema), match.main_date(schema)
        if gd is not None:
            into.dates_total += 1
            if fd is not None and (gd.value, gd.precision, gd.qualifier) == (
                fd.value,
                fd.precision,
                fd.qualifier,
            ):
                into.dates_right += 1
    for f in unmatched:
        quote = f.evidence[0].quote if f.evidence else ""
        mistakes.append(Mistake(gold.article.id, "false alarm", f, quote))
    return mistakes


def gold_sheets(gold_dir: Path) -> list[Path]:
    sub = gold_dir / "gold"
    if sub.is_dir():
        return sorted(p for p in sub.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return sorted(p for p in gold_dir.rglob("*.facts.yaml") if p.is_file())


def evaluate(gold_dir: str | os.PathLike[str]) -> EvalReport:
    """Extract every article of ``gold_dir`` and score it against its gold sheet."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder; give a folder of gold fact sheets")
    paths = gold_sheets(root)
    if not paths:
        raise InputError(f"{root}: no gold fact sheets (looked for gold/*.yaml and *.facts.yaml)")
    schema = load_schema()
    articles_dir = root / "articles" if (root / "articles").is_dir() else root
    articles: dict[str, Article] = {}
    notes: list[str] = []
    for item in read_articles([articles_dir]):
        if isinstance(item, Skipped):
            notes.append(f"skipped {item}")
        else:
            articles[item.id] = item
    overall = Scores()
    per_lang: dict[str, Scores] = {}
    counts: Counter[str] = Counter()
    mistakes: list[Mistake] = []
    for path in paths:
        gold = load_sheet(path, schema)
        lang = gold.article.language
        article = articles.get(gold.article.id)
        if article is None:
            notes.append(
                f"{gold.article.id}: no article file; extracted from the gold sheet's text"
            )
            a = gold.article
            article = Article(
                id=a.id,
                text=a.text,
                language=lang,
                title=a.title,
                published=a.published,
                url=a.url,
                publisher=a.publisher,
                source=str(path),
            )
        found = extract_sheet(article)
        counts[lang] += 1
        mistakes += score_sheet(gold, found, overall, schema)
        score_sheet(gold, found, per_lang.setdefault(lang, Scores()), schema)
    return EvalReport(overall, per_lang, dict(counts), mistakes, notes)
