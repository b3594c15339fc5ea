"""Generate a realistic synthetic news corpus: articles as text, in English and Dutch.

The articles are written the way the extraction benchmark and the distributed ingest need them:
real entities from dealgraph's registry (companies, operators, states, heads of state,
technologies, news agencies), in the phrasing of tech news that the extractor reads (deals,
supplier choices, bans and blacklists, state visits with deals signed during them, tests,
espionage allegations, appeals to allies), with dates at every precision ("on 16 May 2019",
"in May 2019", "op 16 mei 2019"), attributions ("Reuters reported"), and sentences that name
companies without stating an event. A world of events is drawn first and each article reports
one to three of them, popular events in many articles (as the news does), so the same event is
merged across articles and, when two articles date it differently, kept apart for review.

Everything is seeded: the same arguments write the same bytes.

    python bench/corpus.py -o /tmp/corpus --articles 2000             # .txt + .meta.yaml
    python bench/corpus.py -o /tmp/corpus --articles 20000 --jsonl 1000  # JSONL, 1000 a file
    python bench/corpus.py --compare                # its density beside the dev set and BBC

``--compare`` extracts a sample of the synthetic corpus, the development set
(tests/devset: articles written in the register of Dutch and English tech news) and the BBC
tech articles of /work/shared/corpus, and prints words, entities and facts per article side
by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dealgraph.facts import Entity
from dealgraph.registry import _read_registry_files

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
PUBLISHERS = {
    "en": ["Global Telecom Wire", "The Circuit Herald", "Tech Policy Daily", "Chip Street Journal"],
    "nl": ["Dagblad Randstad", "Techkroniek", "Het Netwerkblad", "Financieel Vandaag"],
}


@dataclass
class World:
    """The entities articles talk about, by role."""

    companies: list[Entity]  # equipment makers, chipmakers, platforms
    operators: list[Entity]  # telecom operators
    states: list[Entity]
    leaders: list[Entity]  # people who lead a state (leader_of)
    technologies: list[Entity]
    agencies: list[Entity]
    by_id: dict[str, Entity] = field(default_factory=dict)

    def name(self, e: Entity, lang: str) -> str:
        return e.label.get(lang) or e.label.get("") or e.label.get("en") or e.id


def load_world() -> World:
    """The registry's entities (every one the extractor knows by name)."""
    reg = _read_registry_files()
    companies = list(reg["companies"].values())
    operators = list(reg["operators"].values())
    states = [e for e in reg["states"].values() if e.type == "State"]
    leaders = [e for e in reg["people"].values() if e.leader_of]
    leaders = [p for p in leaders if p.leader_of in {s.id for s in states}]
    technologies = list(reg["technologies"].values())
    agencies = [e for e in reg["agencies"].values() if e.type == "NewsAgency"]
    world = World(companies, operators, states, leaders, technologies, agencies)
    for group in reg.values():
        world.by_id.update(group)
    return world


@dataclass(frozen=True)
class Event:
    """One real-world event of the synthetic world, reported by one or more articles."""

    kind: str  # Deal, Supply, Ban, StateVisit, Trial, Allegation, Appeal
    actors: tuple[str, ...]  # entity ids, in the order the templates use them
    day: dt.date
    tech: str | None = None
    visit: Event | None = None  # a deal signed during this state visit


def _zipf_pick(rng: random.Random, items: list[Entity], s: float = 1.1) -> Entity:
    weights = [1.0 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def make_events(world: World, n: int, seed: int) -> list[Event]:
    """``n`` events, a mix like the dev set's: deals and supplier choices most, then bans,
    state visits (a third of them with a deal signed during the visit), tests, allegations
    and appeals."""
    rng = random.Random(seed)
    events: list[Event] = []
    start = dt.date(2015, 1, 1)
    while len(events) < n:
        kind = rng.choices(
            ["Deal", "Supply", "Ban", "StateVisit", "Trial", "Allegation", "Appeal"],
            weights=[5, 4, 4, 2, 2, 1, 1],
        )[0]
        day = start + dt.timedelta(days=rng.randrange(365 * 9))
        tech = rng.choice(world.technologies).id
        if kind == "Deal":
            a, b = _zipf_pick(rng, world.companies), _zipf_pick(rng, world.operators)
            events.append(Event(kind, (a.id, b.id), day, tech))
        elif kind == "Supply":
            a, b = _zipf_pick(rng, world.operators), _zipf_pick(rng, world.companies)
            events.append(Event(kind, (a.id, b.id), day, tech))
        elif kind == "Ban":
            s, c = _zipf_pick(rng, world.states), _zipf_pick(rng, world.companies)
            events.append(Event(kind, (s.id, c.id), day, tech))
        elif kind == "StateVisit":
            p = rng.choice(world.leaders)
            host = rng.choice([s for s in world.states if s.id != p.leader_of])
            visit = Event(kind, (p.id, host.id), day)
            events.append(visit)
            if rng.random() < 0.35:  # a deal signed on the first day of the visit
                home = [c for c in world.companies if c.country == p.leader_of] or world.companies
                local = [o for o in world.operators if o.country == host.id] or world.operators
                deal = Event("Deal", (rng.choice(home).id, rng.choice(local).id), day, tech, visit)
                events.append(deal)
        elif kind == "Trial":
            a, b = _zipf_pick(rng, world.operators), _zipf_pick(rng, world.companies)
            events.append(Event(kind, (a.id, b.id), day, tech))
        elif kind == "Allegation":
            s, c = _zipf_pick(rng, world.states), _zipf_pick(rng, world.companies)
            events.append(Event(kind, (s.id, c.id), day))
        else:
            s, t = rng.sample(world.states, 2)
            c = _zipf_pick(rng, world.companies)
            events.append(Event(kind, (s.id, t.id, c.id), day))
    return events[:n]


# ------------------------------------------------------------------------------------------------
# Phrasing
# ------------------------------------------------------------------------------------------------


def _date(day: dt.date, lang: str, precision: str) -> str:
    """The date as a reporter writes it: a day, a month, or nothing."""
    month = MONTHS[lang].split()[day.month - 1]
    if precision == "day":
        return (
            f"on {day.day} {month} {day.year}"
            if lang == "en"
            else f"op {day.day} {month} {day.year}"
        )
    if precision == "month":
        return f"in {month} {day.year}"
    return ""


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def event_sentences(world: World, ev: Event, lang: str, rng: random.Random) -> list[str]:
    """One or two sentences that report ``ev`` (the extractor's phrasing, varied)."""
    n = lambda i: world.name(world.by_id[ev.actors[i]], lang)  # noqa: E731
    tech = world.name(world.by_id[ev.tech], lang) if ev.tech else ""
    when = _date(ev.day, lang, rng.choices(["day", "month", "none"], weights=[7, 2, 1])[0])
    en = lang == "en"
    k = ev.kind
    if k == "Deal":
        out = [
            rng.choice(
                [
                    f"{n(0)} signed a deal with {n(1)} {when} to supply {tech} equipment",
                    f"{n(1)} and {n(0)} struck an agreement {when} on the roll-out of {tech}",
                    f"{n(0)} has won a contract from {n(1)} {when} for its {tech} network",
                ]
                if en
                else [
                    f"{n(0)} sloot {when} een deal met {n(1)} voor de levering van {tech}-apparatuur",
                    f"{n(1)} en {n(0)} ondertekenden {when} een overeenkomst over de uitrol van {tech}",
                    f"{n(0)} heeft {when} een contract van {n(1)} binnengehaald voor het {tech}-netwerk",
                ]
            )
        ]
        if ev.visit is not None:
            p = world.name(world.by_id[ev.visit.actors[0]], lang)
            h = world.name(world.by_id[ev.visit.actors[1]], lang)
            out.append(
                f"The agreement was signed during the state visit of {p} to {h}"
                if en
                else f"Het contract werd getekend tijdens het staatsbezoek van {p} aan {h}"
            )
        return [_sentence(s) for s in out]
    if k == "Supply":
        s = rng.choice(
            [
                f"{n(0)} has chosen {n(1)} {when} as the supplier of its {tech} network",
                f"{n(0)} selected {n(1)} {when} to build its {tech} network",
            ]
            if en
            else [
                f"{n(0)} heeft {when} {n(1)} gekozen als leverancier van het {tech}-netwerk",
                f"{n(0)} gaat {when} in zee met {n(1)} voor de bouw van het {tech}-netwerk",
            ]
        )
        return [_sentence(s)]
    if k == "Ban":
        s = rng.choice(
            [
                f"{n(0)} put {n(1)} on a trade blacklist {when}",
                f"{n(0)} banned {n(1)} {when} from its {tech} networks",
                f"{n(0)} imposed sanctions on {n(1)} {when}",
            ]
            if en
            else [
                f"{n(0)} zette {n(1)} {when} op een zwarte lijst",
                f"{n(0)} weert {n(1)} sinds {when.removeprefix('op ').removeprefix('in ') or 'kort'} uit het {tech}-netwerk",
                f"{n(0)} legde {n(1)} {when} sancties op",
            ]
        )
        return [_sentence(s)]
    if k == "StateVisit":
        s = rng.choice(
            [
                f"{n(0)} arrived in {n(1)} {when} for a three-day state visit",
                f"{n(0)} began a state visit to {n(1)} {when}",
            ]
            if en
            else [
                f"{n(0)} kwam {when} aan in {n(1)} voor een staatsbezoek van drie dagen",
                f"{n(0)} begon {when} aan een staatsbezoek aan {n(1)}",
            ]
        )
        return [_sentence(s)]
    if k == "Trial":
        s = rng.choice(
            [
                f"{n(0)} started a {tech} trial with {n(1)} {when}",
                f"{n(0)} and {n(1)} launched a pilot of {tech} {when}",
            ]
            if en
            else [
                f"{n(0)} begon {when} samen met {n(1)} een proef met {tech}",
                f"{n(0)} en {n(1)} zijn {when} een test met {tech} gestart",
            ]
        )
        return [_sentence(s)]
    if k == "Allegation":
        s = rng.choice(
            [f"{n(0)} accused {n(1)} of espionage {when}", f"{n(0)} has accused {n(1)} of spying"]
            if en
            else [
                f"{n(0)} beschuldigde {n(1)} {when} van spionage",
                f"{n(0)} beschuldigt {n(1)} van spionage",
            ]
        )
        return [_sentence(s)]
    s = (
        f"{n(0)} called on {n(1)} {when} to exclude {n(2)} from its networks"
        if en
        else f"{n(0)} riep {n(1)} {when} op om {n(2)} uit de netwerken te weren"
    )
    return [_sentence(s)]


FILLER = {
    "en": [
        "Shares of {c} rose slightly after the announcement.",
        "{c} did not respond to a request for comment.",
        "Analysts expect the market for {t} to keep growing over the next years.",
        "The talks had been going on for several months, people familiar with the matter said.",
        "Critics say the move raises questions about security and sovereignty.",
        "{c} employs thousands of engineers in Europe and Asia.",
        "Officials declined to give further details.",
        "The news comes amid rising tension between Washington and Beijing.",
        "{c} reported higher quarterly revenue last month.",
        "Industry groups welcomed the decision, while unions were more cautious.",
        "The company has spent years building up its research in {t} and related fields.",
        "Regulators in Brussels are following the developments closely.",
        "A spokesperson for {c} said the company always complies with the law in every market.",
        "Prices for network equipment have fallen sharply since the start of the decade.",
        "Several operators are still weighing the cost of replacing older equipment.",
        "The roll-out of {t} is expected to take several years and billions in investment.",
        "Security researchers have long warned about the risks of depending on one vendor.",
        "The figures were published in the company's annual report.",
        "Competition in the sector has intensified as new players enter the market.",
        "Customers will hardly notice the change, according to the company.",
    ],
    "nl": [
        "Het aandeel {c} steeg licht na de aankondiging.",
        "{c} wilde niet reageren op vragen van deze krant.",
        "Analisten verwachten dat de markt voor {t} de komende jaren blijft groeien.",
        "De gesprekken liepen al maanden, zeggen ingewijden.",
        "Critici vinden dat de stap vragen oproept over veiligheid en soevereiniteit.",
        "{c} heeft duizenden ingenieurs in dienst in Europa en Azië.",
        "Woordvoerders wilden verder niets kwijt.",
        "Het nieuws komt op een moment van oplopende spanning tussen Washington en Peking.",
        "{c} boekte vorige maand een hogere kwartaalomzet.",
        "Brancheorganisaties zijn blij met het besluit, vakbonden zijn voorzichtiger.",
        "Het bedrijf investeert al jaren fors in onderzoek naar {t} en aanverwante technieken.",
        "Toezichthouders in Brussel volgen de ontwikkelingen op de voet.",
        "Een woordvoerder van {c} zegt dat het bedrijf zich in elk land aan de wet houdt.",
        "De prijzen van netwerkapparatuur zijn de laatste jaren flink gedaald.",
        "Verschillende providers wegen nog de kosten af van het vervangen van oude apparatuur.",
        "De uitrol van {t} gaat naar verwachting jaren duren en miljarden kosten.",
        "Beveiligingsonderzoekers waarschuwen al lang voor de risico's van afhankelijkheid van één leverancier.",
        "De cijfers staan in het jaarverslag van het bedrijf.",
        "De concurrentie in de sector is toegenomen nu nieuwe spelers de markt betreden.",
        "Klanten zullen van de verandering weinig merken, aldus het bedrijf.",
    ],
}
TITLES = {
    "en": {
        "Deal": "{0} and {1} sign {t} deal",
        "Supply": "{0} picks {1} for {t}",
        "Ban": "{0} moves against {1}",
        "StateVisit": "{0} visits {1}",
        "Trial": "{0} tests {t} with {1}",
        "Allegation": "{0} accuses {1} of spying",
        "Appeal": "{0} presses {1} over {2}",
    },
    "nl": {
        "Deal": "{0} en {1} sluiten {t}-deal",
        "Supply": "{0} kiest {1} voor {t}",
        "Ban": "{0} treedt op tegen {1}",
        "StateVisit": "{0} op bezoek in {1}",
        "Trial": "{0} test {t} met {1}",
        "Allegation": "{0} beschuldigt {1} van spionage",
        "Appeal": "{0} zet {1} onder druk over {2}",
    },
}


@dataclass(frozen=True)
class SynArticle:
    id: str
    language: str
    title: str
    text: str
    published: dt.date
    publisher: str

    def meta(self) -> dict[str, str]:
        return {
            "id": self.id,
            "language": self.language,
            "title": self.title,
            "published": self.published.isoformat(),
            "publisher": self.publisher,
        }


def make_article(
    world: World, events: list[Event], index: int, rng: random.Random, nl_share: float
) -> SynArticle:
    """One article: a lead event, zero to two more, filler and an attribution; 150-350 words."""
    lang = "nl" if rng.random() < nl_share else "en"
    lead = rng.choice(events)  # every event is reported; some (below) again and again
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(events))]
    others = rng.choices(events, weights=weights, k=rng.choice((0, 0, 1, 1, 2)))
    if lead.visit is not None:  # a deal signed during a visit: report the visit too
        others = [lead.visit, *others]
    reported = [lead, *[e for e in others if e is not lead]]
    paragraphs: list[list[str]] = []

    def filler(k: int) -> list[str]:
        out = []
        for line in rng.sample(FILLER[lang], k):
            c = world.name(_zipf_pick(rng, world.companies + world.operators), lang)
            t = world.name(rng.choice(world.technologies), lang)
            out.append(line.format(c=c, t=t))
        return out

    for ev in reported:
        paragraphs.append(event_sentences(world, ev, lang, rng) + filler(rng.randint(2, 5)))
    for _ in range(rng.randint(1, 3)):  # background
        paragraphs.insert(rng.randint(1, len(paragraphs)), filler(rng.randint(2, 4)))
    if rng.random() < 0.4:
        agency = world.name(rng.choice(world.agencies), lang)
        paragraphs[0].append(
            f"{agency} reported the news first."
            if lang == "en"
            else f"Dat meldde persbureau {agency}."
        )
    names = [world.name(world.by_id[a], lang) for a in lead.actors]
    tech = world.name(world.by_id[lead.tech], lang) if lead.tech else ""
    title = TITLES[lang][lead.kind].format(*names, t=tech)
    published = lead.day + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    return SynArticle(
        id=f"syn-{index:07d}",
        language=lang,
        title=title,
        text="\n\n".join(" ".join(p) for p in paragraphs),
        published=published,
        publisher=rng.choice(PUBLISHERS[lang]),
    )


def generate_articles(articles: int, seed: int = 0, nl_share: float = 0.5) -> Iterator[SynArticle]:
    """``articles`` synthetic articles (the same ones for the same seed)."""
    world = load_world()
    events = make_events(world, max(4, articles // 3), seed)
    rng = random.Random(seed + 1)
    for i in range(articles):
        yield make_article(world, events, i, rng, nl_share)


def write_corpus(
    out: str | Path, articles: int, seed: int = 0, jsonl: int = 0, nl_share: float = 0.5
) -> list[Path]:
    """Write the corpus into ``out``: ``<id>.txt`` (title, blank line, body) with a
    ``<id>.meta.yaml`` each, or with ``jsonl`` > 0 JSONL files of that many records. Returns
    the article files written."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    gen = generate_articles(articles, seed, nl_share)
    if jsonl:
        for n in itertools.count():
            chunk = list(itertools.islice(gen, jsonl))
            if not chunk:
                break
            path = folder / f"articles-{n:05d}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for a in chunk:
                    fh.write(json.dumps({**a.meta(), "text": a.text}, ensure_ascii=False) + "\n")
            written.append(path)
        return written
    for a in gen:
        path = folder / f"{a.id}.txt"
        path.write_text(f"{a.title}\n\n{a.text}\n", encoding="utf-8")
        meta = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in a.meta().items())
        (folder / f"{a.id}.meta.yaml").write_text(meta, encoding="utf-8")
        written.append(path)
    return written


# ------------------------------------------------------------------------------------------------
# Density against real text
# ------------------------------------------------------------------------------------------------


def density(files: list[Path]) -> dict[str, float]:
    """Per article: words, entities and facts extraction finds (and the share with a fact)."""
    from dealgraph.articles import Article, read_articles
    from dealgraph.extract import extract_sheet

    n = words = entities = facts = with_fact = 0
    for item in read_articles(files):
        if not isinstance(item, Article):
            continue
        sheet = extract_sheet(item)
        n += 1
        words += len(item.text.split())
        entities += len(sheet.entities)
        facts += len(sheet.facts)
        with_fact += bool(sheet.facts)
    if not n:
        return {}
    return {
        "articles": n,
        "words": words / n,
        "entities": entities / n,
        "facts": facts / n,
        "with a fact": with_fact / n,
        "facts per 1000 words": 1000 * facts / max(words, 1),
    }


def compare(sample: int, seed: int) -> None:
    import tempfile

    repo = Path(__file__).resolve().parent.parent
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as d:
        rows.append(("synthetic (this generator)", density(write_corpus(d, sample, seed))))
    dev = sorted((repo / "tests" / "devset").glob("dev*/articles"))
    if dev:
        from dealgraph.articles import article_files

        rows.append(("dev set (tech news register)", density(article_files(dev))))
    bbc = sorted(Path("/work/shared/corpus/bbc/tech").glob("*.txt"))[:sample]
    if bbc:
        rows.append(("BBC tech 2004-05 (real)", density(bbc)))
    keys = ["articles", "words", "entities", "facts", "with a fact", "facts per 1000 words"]
    print(f"{'per article':<30}" + "".join(f"{k:>22}" for k in keys))
    for name, d in rows:
        print(f"{name:<30}" + "".join(f"{d.get(k, 0):>22.2f}" for k in keys))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", help="the folder to write the corpus into")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jsonl", type=int, default=0, help="write JSONL files of this many records")
    ap.add_argument("--nl-share", type=float, default=0.5, help="share of Dutch articles")
    ap.add_argument("--compare", action="store_true", help="print its density beside real text")
    args = ap.parse_args()
    if args.compare:
        compare(min(args.articles, 300), args.seed)
        return
    if not args.output:
        ap.error("give -o FOLDER (or --compare)")
    files = write_corpus(args.output, args.articles, args.seed, args.jsonl, args.nl_share)
    print(f"wrote {args.articles:,} articles in {len(files):,} file(s) to {args.output}")


if __name__ == "__main__":
    sys.exit(main())
