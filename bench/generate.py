"""Generate realistic dealgraph graphs at any scale: 100k, 1M, 5M triples.

The graphs are made the way real ones are: fact sheets (one per article, with its cleaned
text, the entities it mentions and its facts with evidence quotes at their offsets) mapped to
RDF by dealgraph's own mapping (:func:`dealgraph.rdf.sheet_quads`) and loaded through the
store's normal path, one transaction per batch of articles. So the shape is the real one:
one named graph per article, entities shared across articles, the same event reported by
several articles merged into one fact node, dates of every precision and qualifier, deals
signed during state visits, bans, trials, allegations and appeals, and the article bodies
and Web Annotation selectors that make up most of the triples.

Popularity is Zipf-like, as in the news: a few companies and states are in many articles
(hubs), most are in a few. Everything is seeded: the same arguments give the same graph.

From the command line::

    python bench/generate.py --triples 1000000 --store /tmp/dg-1m      # load a store
    python bench/generate.py --triples 100000 -o /tmp/dg-100k.nq       # write N-Quads

From Python (``sys.path.insert(0, "bench")`` first)::

    from generate import generate_sheets, load_into
    with open_store(path) as store:
        stats = load_into(store, triples=1_000_000)
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dealgraph.dates import DateSpec, format_value
from dealgraph.facts import ArticleInfo, Entity, Evidence, Fact, FactSheet
from dealgraph.rdf import Quad, article_quads, entity_quads, sheet_quads, to_nquads
from dealgraph.schema import load_schema
from dealgraph.store import GraphStore

#: About how many quads one generated article adds to a store (measured with entities described
#: once, in graphs of their own: 342 a article at 100k, 346 at 1M; used to plan the count).
QUADS_PER_ARTICLE = 345

STATES = [
    ("united-states", "United States", "Q30"),
    ("china", "China", "Q148"),
    ("russia", "Russia", "Q159"),
    ("netherlands", "Netherlands", "Q55"),
    ("germany", "Germany", "Q183"),
    ("france", "France", "Q142"),
    ("united-kingdom", "United Kingdom", "Q145"),
    ("japan", "Japan", "Q17"),
    ("south-korea", "South Korea", "Q884"),
    ("india", "India", "Q668"),
    ("brazil", "Brazil", "Q155"),
    ("taiwan", "Taiwan", "Q865"),
    ("iran", "Iran", "Q794"),
    ("turkey", "Turkey", "Q43"),
    ("saudi-arabia", "Saudi Arabia", "Q851"),
    ("israel", "Israel", "Q801"),
    ("italy", "Italy", "Q38"),
    ("spain", "Spain", "Q29"),
    ("poland", "Poland", "Q36"),
    ("sweden", "Sweden", "Q34"),
    ("finland", "Finland", "Q33"),
    ("canada", "Canada", "Q16"),
    ("australia", "Australia", "Q408"),
    ("indonesia", "Indonesia", "Q252"),
    ("vietnam", "Vietnam", "Q881"),
    ("malaysia", "Malaysia", "Q833"),
    ("singapore", "Singapore", "Q334"),
    ("south-africa", "South Africa", "Q258"),
    ("nigeria", "Nigeria", "Q1033"),
    ("egypt", "Egypt", "Q79"),
    ("kenya", "Kenya", "Q114"),
    ("mexico", "Mexico", "Q96"),
    ("argentina", "Argentina", "Q414"),
    ("chile", "Chile", "Q298"),
    ("pakistan", "Pakistan", "Q843"),
    ("serbia", "Serbia", "Q403"),
    ("hungary", "Hungary", "Q28"),
    ("ukraine", "Ukraine", "Q212"),
    ("belarus", "Belarus", "Q184"),
    ("kazakhstan", "Kazakhstan", "Q232"),
]
TECHNOLOGIES = [
    "5G",
    "semiconductors",
    "lithography machines",
    "AI chips",
    "undersea cables",
    "satellite internet",
    "cloud computing",
    "quantum computing",
    "facial recognition",
    "drones",
    "electric vehicle batteries",
    "solar panels",
    "nuclear reactors",
    "smartphones",
    "surveillance cameras",
    "data centres",
    "fibre networks",
    "rare earth magnets",
    "jet engines",
    "high-speed rail",
]
_SYLLABLES = ["nor", "vex", "kai", "tel", "lum", "ora", "zen", "tri", "quan", "sol", "mar", "vi"]
_ENDINGS = ["is", "on", "ex", "ia", "ar", "um", "o", "an"]
_SECTORS = ["Telecom", "Systems", "Semiconductor", "Networks", "Technologies", "Energy", "Mobile"]
_FIRST = ["Li", "Anna", "Jorge", "Mehmet", "Yuki", "Ola", "Ravi", "Elena", "Kwame", "Sofia"]
_LAST = ["Wang", "Petrov", "Silva", "Kaya", "Tanaka", "Berg", "Sharma", "Novak", "Mensah", "Rossi"]
_FILLER = [
    "Analysts expect the market to keep growing over the next years.",
    "The company did not respond to a request for comment.",
    "Shares rose slightly after the announcement.",
    "Critics say the move raises questions about security and sovereignty.",
    "Officials declined to give further details.",
    "The talks had been going on for several months.",
    "Industry groups welcomed the decision, unions were more cautious.",
    "The news comes amid rising tension between the major powers.",
]


@dataclass
class World:
    """The entities generated articles talk about, with Zipf-like popularity."""

    companies: list[Entity]
    states: list[Entity]
    persons: list[Entity]
    technologies: list[Entity]
    bodies: list[Entity]
    agencies: list[Entity]
    weights: dict[str, list[float]] = field(default_factory=dict)
    by_id: dict[str, Entity] = field(default_factory=dict)

    def pick(self, rng: random.Random, pool: str, k: int = 1) -> list[Entity]:
        """``k`` distinct entities of ``pool``, popular ones more often."""
        items: list[Entity] = getattr(self, pool)
        cum = self.weights[pool]
        out: list[Entity] = []
        while len(out) < min(k, len(items)):
            i = bisect.bisect_left(cum, rng.random() * cum[-1])
            e = items[min(i, len(items) - 1)]
            if e not in out:
                out.append(e)
        return out


def _zipf(n: int, s: float = 1.05) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def make_world(articles: int, seed: int = 0) -> World:
    """Entity pools sized for ``articles`` articles."""
    rng = random.Random(seed)
    states = [
        Entity(id=sid, type="State", label={"en": name}, wikidata=qid) for sid, name, qid in STATES
    ]
    n_companies = max(20, articles // 2)
    names: set[str] = set()
    companies = []
    while len(companies) < n_companies:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 2)))) + rng.choice(
            _ENDINGS
        )
        name = f"{stem.capitalize()} {rng.choice(_SECTORS)}"
        if name in names:
            continue
        names.add(name)
        country = rng.choice(states)
        companies.append(
            Entity(
                id=f"co-{len(companies)}",
                type="Company",
                label={"": name},
                aliases={"": (stem.capitalize(),)} if rng.random() < 0.3 else {},
                country=country.id,
                description={"en": f"{rng.choice(_SECTORS).lower()} company from {country.name()}"},
            )
        )
    persons = []
    for i in range(max(10, articles // 10)):
        state = states[i % len(states)]
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        while name in names:  # names are unique, as the CLI names entities by them
            name = f"{rng.choice(_FIRST)} {chr(65 + rng.randrange(26))}. {rng.choice(_LAST)}"
        names.add(name)
        persons.append(
            Entity(
                id=f"person-{i}",
                type="Person",
                label={"": name},
                leader_of=state.id,
                description={"en": f"leader of {state.name()}"},
            )
        )
    technologies = [
        Entity(id=f"tech-{i}", type="Technology", label={"": t}) for i, t in enumerate(TECHNOLOGIES)
    ]
    bodies = [
        Entity(
            id=f"gov-{s.id}",
            type="GovernmentBody",
            label={"en": f"Government of {s.name()}"},
            country=s.id,
        )
        for s in states
    ]
    agencies = [
        Entity(id=f"agency-{i}", type="NewsAgency", label={"": n})
        for i, n in enumerate(["AFP", "Reuters", "AP", "ANP", "dpa", "Xinhua", "TASS", "Kyodo"])
    ]
    world = World(companies, states, persons, technologies, bodies, agencies)
    for pool in ("companies", "states", "persons", "technologies", "bodies", "agencies"):
        world.weights[pool] = _zipf(len(getattr(world, pool)))
        world.by_id.update((e.id, e) for e in getattr(world, pool))
    return world


class _Text:
    """An article body built sentence by sentence, remembering where each sentence is."""

    def __init__(self) -> None:
        self.body = ""

    def add(self, sentence: str) -> Evidence:
        sep = "" if not self.body or self.body.endswith("\n") else " "
        self.body += sep + sentence
        start = len(self.body) - len(sentence)
        return Evidence(sentence, start, len(self.body), rule="generated", confidence=1.0)

    def paragraph(self) -> None:
        if self.body:
            self.body += "\n\n"

    def text(self) -> str:
        return self.body


def _date(rng: random.Random, role: str, qualifiers: tuple[str, ...] = ("on",)) -> DateSpec:
    """A date in 2015-2024 at a random precision (mostly days)."""
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
    precision = rng.choices(["day", "month", "year", "week"], weights=[6, 2, 2, 1])[0]
    return DateSpec.parse(format_value(day, precision), qualifier=rng.choice(qualifiers), role=role)


def article_sheet(world: World, index: int, rng: random.Random) -> FactSheet:
    """One generated article: 3 to 8 facts, each stated in a sentence that is its evidence."""
    text = _Text()
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []

    def use(*es: Entity) -> list[str]:
        for e in es:
            entities[e.id] = e
            for ref in (e.country, e.leader_of):  # the sheet defines what its entities name
                if ref is not None:
                    entities[ref] = world.by_id[ref]
        return [e.id for e in es]

    def n(e: Entity) -> str:
        return e.name()

    deal_id = visit_id = ban_id = None
    kinds = ["Deal"] + rng.choices(
        ["Deal", "Ban", "StateVisit", "Trial", "Allegation", "Appeal"],
        weights=[4, 3, 2, 2, 2, 1],
        k=rng.randint(2, 7),
    )
    for i, kind in enumerate(kinds):
        fid = f"f{i}"
        if i and rng.random() < 0.3:
            text.paragraph()
        if kind == "Deal":
            parties = world.pick(rng, "companies", rng.choice((2, 2, 2, 3)))
            if rng.random() < 0.15:
                parties[-1] = world.pick(rng, "states")[0]
            place = world.pick(rng, "states")[0]
            tech = world.pick(rng, "technologies")[0]
            ev = [
                text.add(
                    f"{n(parties[0])} signed a deal with {' and '.join(n(p) for p in parties[1:])} "
                    f"to supply {n(tech)} in {n(place)}."
                )
            ]
            if rng.random() < 0.5:
                ev.append(
                    text.add(f"The value of the contract with {n(parties[1])} was not disclosed.")
                )
            dates = [_date(rng, "signed")]
            if rng.random() < 0.4:
                dates.append(_date(rng, "target", ("before", "by")))
            facts.append(
                Fact(
                    id=fid,
                    type="Deal",
                    roles={
                        "party": tuple(use(*parties)),
                        "location": tuple(use(place)),
                        "subject": tuple(use(tech)),
                    },
                    evidence=tuple(ev),
                    dates=tuple(dates),
                    attributes={"value_disclosed": False},
                )
            )
            deal_id = deal_id or fid
        elif kind == "Ban":
            imposer = world.pick(rng, rng.choice(("states", "states", "bodies")))[0]
            target = world.pick(rng, "companies")[0]
            ev = [text.add(f"{n(imposer)} banned {n(target)} from its networks.")]
            if rng.random() < 0.4:
                ev.append(text.add(f"Companies may no longer do business with {n(target)}."))
            facts.append(
                Fact(
                    id=fid,
                    type="Ban",
                    roles={"imposer": tuple(use(imposer)), "target": tuple(use(target))},
                    evidence=tuple(ev),
                    dates=(_date(rng, "imposed", ("on", "on", "before")),)
                    if rng.random() < 0.8
                    else (),
                )
            )
            ban_id = ban_id or fid
        elif kind == "StateVisit":
            visitor = world.pick(rng, "persons")[0]
            host = world.pick(rng, "states")[0]
            ev = [text.add(f"{n(visitor)} arrived in {n(host)} for a three-day state visit.")]
            facts.append(
                Fact(
                    id=fid,
                    type="StateVisit",
                    roles={"visitor": tuple(use(visitor)), "host": tuple(use(host))},
                    evidence=tuple(ev),
                    dates=(_date(rng, "start"),),
                    attributes={"duration_days": 3},
                )
            )
            visit_id = visit_id or fid
        elif kind == "Trial":
            parts = world.pick(rng, "companies", 2)
            agency = world.pick(rng, "agencies")[0]
            tech = world.pick(rng, "technologies")[0]
            ev = [
                text.add(
                    f"{n(parts[0])} and {n(parts[1])} plan the first tests of {n(tech)} this year, "
                    f"{n(parts[1])} told {n(agency)}."
                )
            ]
            facts.append(
                Fact(
                    id=fid,
                    type="Trial",
                    roles={
                        "participant": tuple(use(*parts)),
                        "subject": tuple(use(tech)),
                        "reportedBy": tuple(use(agency)),
                    },
                    evidence=tuple(ev),
                    dates=(_date(rng, "planned", ("by",)),),
                    modality="planned",
                )
            )
        elif kind == "Allegation":
            accuser = world.pick(rng, "states")[0]
            accused = world.pick(rng, "companies")[0]
            associate = world.pick(rng, "bodies")[0]
            ev = [text.add(f"{n(accuser)} linked {n(accused)} to espionage by the {n(associate)}.")]
            facts.append(
                Fact(
                    id=fid,
                    type="Allegation",
                    roles={
                        "accuser": tuple(use(accuser)),
                        "accused": tuple(use(accused)),
                        "associate": tuple(use(associate)),
                    },
                    evidence=tuple(ev),
                    attributes={"charge": {"en": "espionage"}},
                )
            )
        elif kind == "Appeal":
            appellant, other = world.pick(rng, "states", 2)
            ev = [
                text.add(
                    f"{n(other)} ignored the call by {n(appellant)} on other countries to do the same."
                )
            ]
            roles: dict[str, tuple[str, ...]] = {
                "appellant": tuple(use(appellant)),
                "disregardedBy": tuple(use(other)),
            }
            if ban_id is not None:
                roles["about"] = (ban_id,)
            facts.append(Fact(id=fid, type="Appeal", roles=roles, evidence=tuple(ev)))
        if rng.random() < 0.5:
            text.add(rng.choice(_FILLER))
    if deal_id is not None and visit_id is not None:
        ev = text.add("The agreement was signed on the first day of the state visit.")
        facts.append(
            Fact(
                id="signed-during",
                type="SignedDuring",
                roles={"deal": (deal_id,), "occasion": (visit_id,)},
                evidence=(ev,),
            )
        )
    body = text.text()
    first = facts[0]
    title = f"{entities[first.roles[next(iter(first.roles))][0]].name()}: {first.type.lower()} news"
    return FactSheet(
        article=ArticleInfo(
            id=f"gen{index:08d}",
            language="en",
            text=body,
            title=title,
            publisher="Generated Times",
            published=_date(rng, ""),
        ),
        entities=entities,
        facts=tuple(facts),
        origin="extracted",
        file=f"generated/{index:08d}.yaml",
    )


def generate_sheets(articles: int, seed: int = 0) -> Iterator[FactSheet]:
    """``articles`` generated fact sheets (the same ones for the same seed)."""
    world = make_world(articles, seed)
    rng = random.Random(seed + 1)
    for i in range(articles):
        yield article_sheet(world, i, rng)


def articles_for(triples: int) -> int:
    """About how many articles make ``triples`` quads."""
    return max(1, round(triples / QUADS_PER_ARTICLE))


@dataclass(frozen=True)
class LoadStats:
    articles: int
    quads: int
    seconds: float


def load_into(
    store: GraphStore,
    triples: int | None = None,
    articles: int | None = None,
    seed: int = 0,
    batch: int = 200,
    progress: bool = True,
) -> LoadStats:
    """Generate and load into ``store``, one transaction per ``batch`` articles, until it holds
    about ``triples`` quads (or exactly ``articles`` articles)."""
    schema = load_schema()
    total = articles if articles is not None else articles_for(triples or 100_000)
    start = time.perf_counter()
    done = 0
    sheets = generate_sheets(total, seed)
    while done < total:
        chunk = list(itertools.islice(sheets, batch))
        if not chunk:
            break

        def quads(chunk: list[FactSheet] = chunk) -> Iterator[Quad]:
            for sheet in chunk:
                yield from sheet_quads(sheet, schema)

        store.replace_graphs(quads())
        done += len(chunk)
        if progress:
            print(
                f"\r  generated and loaded {done}/{total} articles, {len(store):,} quads",
                end="",
                file=sys.stderr,
                flush=True,
            )
    if progress:
        print(file=sys.stderr)
    return LoadStats(done, len(store), time.perf_counter() - start)


def write_nquads(
    path: str | Path, triples: int | None = None, articles: int | None = None, seed: int = 0
) -> int:
    """Write the generated graph as N-Quads (one article after another, each entity's
    description once, with the first article that names it); returns the lines."""
    schema = load_schema()
    total = articles if articles is not None else articles_for(triples or 100_000)
    lines = 0
    described: set[str] = set()
    with open(path, "w", encoding="utf-8") as fh:
        for sheet in generate_sheets(total, seed):
            quads = list(article_quads(sheet, schema))
            for ent in sheet.entities.values():
                if ent.id not in described:
                    described.add(ent.id)
                    quads.extend(entity_quads(ent, sheet.origin, schema))
            text = to_nquads(quads)
            lines += text.count("\n")
            fh.write(text)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=100_000, help="about how many quads")
    ap.add_argument("--articles", type=int, default=None, help="exactly this many articles")
    ap.add_argument("--seed", type=int, default=0)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", help="load into the embedded store in this directory")
    where.add_argument("-o", "--output", help="write N-Quads to this file")
    args = ap.parse_args()
    if args.output:
        n = write_nquads(args.output, args.triples, args.articles, args.seed)
        print(f"wrote {n:,} quads to {args.output}")
        return
    from dealgraph.store import open_store

    with open_store(args.store) as store:
        stats = load_into(store, args.triples, args.articles, args.seed)
    print(f"loaded {stats.articles:,} articles, {stats.quads:,} quads in {stats.seconds:.1f} s")


if __name__ == "__main__":
    main()
