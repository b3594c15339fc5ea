"""From an article to a fact sheet: sentences, mentions, dates and events, assembled.

:func:`extract_sheet` runs the stages in the order of the data flow — sentences
(:mod:`~dealgraph.sentences`), entity mentions (:mod:`~dealgraph.mentions`), dates
(:mod:`~dealgraph.timex`), event candidates per sentence (:mod:`~dealgraph.events`) — and
assembles the candidates into the article's facts:

- one event mentioned in several sentences is one fact with several evidence quotes: a
  definite trigger ("de deal", "the ban") or a word that only refers back ("de maatregel",
  "the decision") adds its sentence, dates and any missing role to the latest fact of its type;
  a new trigger with the same roles merges too;
- the end of a ban ("opgeheven", "lifted") is a date of that ban (``lifted``);
- bans on the same target by one country's state, government and agency are one ban, kept
  under its most specific imposer;
- an appeal is ``about`` the ban its addressee (or else its appellant) imposed;
- a deal is ``signedDuring`` a state visit when one sentence ties them ("tijdens het
  staatsbezoek", "on the first day of the state visit"), and by inference
  (:func:`dealgraph.infer.signed_during`) when its signing day falls inside the visit of a
  leader of one party's country to the other party's country;
- facts that still lack a role the type requires are dropped.

Every evidence quote is a whole sentence with its offsets and names the rule that produced
it (``trigger:Ban:zwarte lijst``, ``anaphor:Deal:de deal``, ``infer:signed-during-visit``).
Each event fact carries a ``key`` (type, its own role fillers, the year), so that the same
event reported by several articles becomes one node with several sources.

>>> from dealgraph.articles import Article
>>> from dealgraph.dates import DateSpec
>>> art = Article(id="a1", language="en", published=DateSpec.parse("2019-05-20"),
...     text="The US Commerce Department put Huawei on its entity list on Thursday.")
>>> sheet = extract_sheet(art)
>>> [(f.type, f.roles["imposer"], f.roles["target"], f.dates[0].value) for f in sheet.facts]
[('Ban', ('us-department-of-commerce',), ('huawei',), '2019-05-16')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .articles import Article
from .dates import DateSpec
from .events import Candidate, SentenceReader, load_events_lexicon, tokenize
from .facts import Entity, Evidence, Fact, FactSheet
from .infer import RULE_SIGNED_DURING, Visit, signed_during
from .mentions import ArticleEntities, find_mentions
from .namespaces import slugify, stable_hash
from .registry import Registry, load_registry
from .schema import Schema, load_schema
from .sentences import Sentence, split_sentences
from .timex import TimeMention, find_dates

#: Confidence of evidence by how it was found.
CONFIDENCE = {"trigger": 0.7, "anaphor": 0.6, "lift": 0.7, "sentence": 0.8, "infer": 0.8}


@dataclass
class Draft:
    """A fact being assembled from the candidates of an article."""

    type: str
    roles: dict[str, list[str]]
    modality: str
    dates: dict[str, DateSpec] = field(default_factory=dict)
    evidence: list[tuple[Sentence, str, float]] = field(default_factory=list)
    duration: int | None = None
    sentences: set[int] = field(default_factory=set)
    about: Draft | None = None
    merged_into: Draft | None = None  # set when this draft became part of another
    disregard: bool = False

    def add(self, c: Candidate, rule: str, fill: bool = True) -> None:
        """Add a candidate's evidence, dates, sources and (with ``fill``) missing roles."""
        if fill:
            for role, ids in c.roles.items():
                if not self.roles.get(role):
                    self.roles[role] = list(ids)
                elif role == "party" and len(self.roles[role]) < 2:
                    self.roles[role] = list(dict.fromkeys(self.roles[role] + ids))
        for bucket in (c.sources, c.extra):
            for role, ids in bucket.items():
                have = self.roles.setdefault(role, [])
                have.extend(x for x in ids if x not in have)
        for d in c.dates:
            self.dates.setdefault(d.role, d)
        if c.duration and not self.duration:
            self.duration = c.duration
        if all(e[0] != c.sentence for e in self.evidence):
            self.evidence.append((c.sentence, rule, CONFIDENCE[rule.split(":", 1)[0]]))
        self.sentences.add(c.sentence_index)


class _Assembler:
    def __init__(self, schema: Schema, entities: dict[str, Entity]) -> None:
        self.schema = schema
        self.entities = entities
        self.drafts: list[Draft] = []

    # -- role helpers ----------------------------------------------------------------------

    def core(self, ftype: str) -> list[str]:
        return [
            r.name for r in self.schema.fact_types[ftype].roles.values() if r.refers == "entity"
        ]

    def complete(self, d: Draft, needs: Iterable[str] = ()) -> bool:
        ft = self.schema.fact_types[d.type]
        for role in ft.roles.values():
            if role.refers == "entity" and len(d.roles.get(role.name, [])) < role.min:
                return False
        return all(d.roles.get(n) for n in needs)

    def same_roles(self, c: Candidate, d: Draft) -> bool:
        return all(set(c.roles.get(r, [])) == set(d.roles.get(r, [])) for r in self.core(c.type))

    def compatible(self, c: Candidate, d: Draft) -> bool:
        """Nothing in the candidate contradicts the draft (its fillers are among the draft's)."""
        for r in self.core(c.type):
            mine, theirs = set(c.roles.get(r, [])), set(d.roles.get(r, []))
            if mine and theirs and not mine <= theirs:
                return False
        return True

    def latest(self, ftype: str, c: Candidate, within: int | None = None) -> Draft | None:
        for d in reversed(self.drafts):
            if d.type != ftype or not self.compatible(c, d):
                continue
            if within is not None and c.sentence_index - max(d.sentences) > within:
                return None
            return d
        return None

    # -- assembly --------------------------------------------------------------------------

    def take(self, c: Candidate) -> Draft | None:
        word = c.phrase
        if c.kind == "attach":  # "de maatregel", "the decision": the latest of its type
            d = next((x for x in reversed(self.drafts) if x.type == c.type), None)
            if d is not None:
                d.add(c, f"anaphor:{c.type}:{word}")
                if c.extend:  # "the rules also cover X": X too
                    for role in self.core(c.type):
                        have = d.roles.setdefault(role, [])
                        have.extend(x for x in c.roles.get(role, []) if x not in have)
            return d
        if c.kind == "lift":
            d = self.latest(c.type, c)
            if d is None and c.roles.get("target") and c.roles.get("imposer") and not c.lone:
                d = Draft("Ban", {k: list(v) for k, v in c.roles.items()}, "asserted")
                self.drafts.append(d)
            if d is not None:
                for spec in c.dates:
                    if spec.role == "imposed":
                        d.dates.setdefault("lifted", _with_role(spec, "lifted"))
                d.add(c, f"lift:{c.type}:{word}", fill=True)
            return d
        complete = self.complete(_as_draft(c), c.needs)
        rule = f"trigger:{c.type}:{word}"
        for d in reversed(self.drafts):  # the same event again: same type, same roles
            if d.type == c.type and complete and self.same_roles(c, d) and _same_polarity(c, d):
                d.add(c, rule)
                return d
        if c.definite:
            d = self.latest(c.type, c)
            if d is not None and not self._crossed(c, d):
                d.add(c, f"anaphor:{c.type}:{word}")
                return d
            if c.in_phrase:
                return None  # "met de deal", "under the agreement": a reference, never new
        if complete and not c.weak:
            # a fuller report of the event just named: "Pompeo deed een oproep ... waarschuwde
            # hij Hongarije"
            for d in reversed(self.drafts):
                if d.type != c.type or c.sentence_index - max(d.sentences) > 2:
                    continue
                if not _same_polarity(c, d):
                    break
                if all(
                    set(d.roles.get(r, [])) <= set(c.roles.get(r, [])) for r in self.core(c.type)
                ) and any(d.roles.get(r) for r in self.core(c.type)):
                    d.add(c, rule)
                    return d
                break
        persons = self._person_agents(c)
        if persons:
            # "Minister X zei dat ZTE misleidde": a person speaking for the accuser of a fact
            # already named adds to it
            for d in reversed(self.drafts):
                if d.type == c.type and self._same_but_agent(c, d):
                    d.add(c, rule, fill=False)
                    have = d.roles.setdefault("attributedTo", [])
                    have.extend(x for x in persons if x not in have)
                    return d
        if not complete and not c.weak:
            # two halves of one event in neighbouring sentences: "Het kabinet gaat beperken."
            # ... "een vergunningsplicht" ... "De maatregel raakt ASML."
            for d in reversed(self.drafts):
                if d.type != c.type or c.sentence_index - max(d.sentences) > 3:
                    continue
                if not self.complete(d) and self.compatible(c, d) and not self._crossed(c, d):
                    d.add(c, rule, fill=True)
                    return d
                break
        if (
            c.type == "Deal"
            and not complete
            and not c.definite
            and len(c.roles.get("party", [])) == 1
            and c.with_party
        ):
            # "an agreement ... with Nokia" after a deal of T-Mobile: T-Mobile's too
            prev = next(
                (x for x in reversed(self.drafts) if x.type == "Deal" and self.complete(x)), None
            )
            if prev is not None and c.roles["party"][0] not in prev.roles.get("party", []):
                buyer = prev.roles["party"][0]
                d = _as_draft(c)
                d.roles["party"] = [buyer, *c.roles["party"]]
                d.evidence.append((c.sentence, rule, CONFIDENCE["trigger"]))
                d.sentences.add(c.sentence_index)
                self.drafts.append(d)
                return d
        if not complete or c.weak:
            d = self.latest(c.type, c, within=None if c.weak else 3)
            if d is not None and self.complete(d) and not self._unrelated(c, d):
                # adds the sentence, its dates and sources; a role that shares a filler with
                # the fact takes the rest ("charged Huawei and Meng" after "charges against
                # Huawei"); a deal still short of parties takes the candidate's
                d.add(c, rule, fill=False)
                for r in self.core(c.type):
                    mine, theirs = c.roles.get(r, []), d.roles.get(r, [])
                    if set(mine) & set(theirs):
                        d.roles[r] = list(dict.fromkeys(theirs + mine))
                if d.type == "Deal" and not self.complete(d):
                    d.roles["party"] = list(
                        dict.fromkeys(d.roles.get("party", []) + c.roles.get("party", []))
                    )
                return d
            if c.weak:
                return None  # "levert", "buys": only adds to a deal already named
        d = _as_draft(c)
        d.evidence.append((c.sentence, rule, CONFIDENCE["trigger"]))
        d.sentences.add(c.sentence_index)
        d.disregard = c.disregard
        self.drafts.append(d)
        return d

    def _crossed(self, c: Candidate, d: Draft) -> bool:
        """Joining them would make one entity both sides of the fact (its own imposer and
        target): they are not halves of one event."""
        roles = self.schema.fact_types[c.type].roles
        names = [r for r in roles if roles[r].refers == "entity"]
        merged = {r: set(c.roles.get(r, [])) | set(d.roles.get(r, [])) for r in names}
        return any(
            merged[a] & merged[b] for a in names for b in names if a < b and c.type != "Deal"
        )

    def _unrelated(self, c: Candidate, d: Draft) -> bool:
        """The candidate names fillers and none of them is the fact's."""
        mine = {x for r in self.core(c.type) for x in c.roles.get(r, [])}
        theirs = {x for r in self.core(d.type) for x in d.roles.get(r, [])}
        return bool(mine) and not mine & theirs

    def _person_agents(self, c: Candidate) -> list[str]:
        frame_agent = {"Allegation": "accuser", "Appeal": "appellant"}.get(c.type)
        ids = c.roles.get(frame_agent or "", [])
        if ids and all((e := self.entities.get(x)) is not None and e.type == "Person" for x in ids):
            return list(ids)
        return []

    def _same_but_agent(self, c: Candidate, d: Draft) -> bool:
        agent = {"Allegation": "accuser", "Appeal": "appellant"}[c.type]
        others = [r for r in self.core(c.type) if r != agent and c.roles.get(r)]
        return bool(others) and all(set(c.roles[r]) <= set(d.roles.get(r, [])) for r in others)

    def finish(self, needs: dict[int, tuple[str, ...]]) -> list[Draft]:
        # incomplete drafts join a complete one of their type that they do not contradict
        done: list[Draft] = []
        pending: list[Draft] = []
        for d in self.drafts:
            (done if self.complete(d, needs.get(id(d), ())) else pending).append(d)
        for p in pending:
            host = min(
                (
                    d
                    for d in done
                    if d.type == p.type
                    and all(
                        set(p.roles.get(r, [])) <= set(d.roles.get(r, []))
                        for r in self.core(p.type)
                    )
                ),
                key=lambda d: abs(min(d.sentences) - min(p.sentences)),
                default=None,
            )
            if host is not None:
                _merge(host, p)
        done = self._merge_national_bans(done)
        done = [d for d in done if not self._self_directed(d)]
        done.sort(key=lambda d: min(d.sentences))
        return done

    def _self_directed(self, d: Draft) -> bool:
        """A ban, charge or call whose only actor is also its only target ("Twitter bans
        Twitter"): two readings of one name, never a fact."""
        for edge in self.schema.fact_types[d.type].edges:
            if edge.symmetric or edge.source == edge.target:
                continue
            source, target = d.roles.get(edge.source, []), d.roles.get(edge.target, [])
            if source and set(source) == set(target):
                return True
        return False

    def _merge_national_bans(self, drafts: list[Draft]) -> list[Draft]:
        """Bans on one target by one country's state, government and agency are one ban."""
        out: list[Draft] = []
        for d in drafts:
            if d.type == "Ban":
                country = self._country_of_imposers(d)
                for o in out:
                    if (
                        o.type == "Ban"
                        and country is not None
                        and self._country_of_imposers(o) == country
                        and set(o.roles.get("target", [])) == set(d.roles.get("target", []))
                        and o.modality == d.modality
                        and not _dated_apart(o, d)
                    ):
                        imposer = max(
                            o.roles["imposer"] + d.roles["imposer"], key=self._specificity
                        )
                        _merge(o, d)
                        o.roles["imposer"] = [imposer]
                        break
                else:
                    out.append(d)
            else:
                out.append(d)
        return out

    def _country_of_imposers(self, d: Draft) -> str | None:
        countries = set()
        for eid in d.roles.get("imposer", []):
            e = self.entities.get(eid)
            if e is None or e.type not in ("State", "GovernmentBody"):
                return None
            countries.add(eid if e.type == "State" else e.country)
        return countries.pop() if len(countries) == 1 else None

    def _specificity(self, eid: str) -> int:
        e = self.entities.get(eid)
        if e is None or e.type == "State":
            return 0
        return 1 if eid.endswith("-government") else 2


def _dated_apart(a: Draft, b: Draft) -> bool:
    """Two bans imposed in different years are two events ("the rule of May 2020" and "the
    entity listing of 2019"), whoever imposed them."""
    da, db = a.dates.get("imposed"), b.dates.get("imposed")
    return da is not None and db is not None and da.first_day.year != db.first_day.year


def _with_role(spec: DateSpec, role: str) -> DateSpec:
    return DateSpec.parse(spec.value, spec.qualifier, spec.text, spec.note, role=role)


def _same_polarity(c: Candidate, d: Draft) -> bool:
    """A denial is no second report of what it denies: "ordered TikTok's unit wound up" and
    "is not blocking access to TikTok" are two facts."""
    return (c.modality == "negated") == (d.modality == "negated")


def _as_draft(c: Candidate) -> Draft:
    d = Draft(c.type, {k: list(v) for k, v in c.roles.items()}, c.modality)
    for bucket in (c.sources, c.extra):
        for role, ids in bucket.items():
            d.roles.setdefault(role, []).extend(x for x in ids if x not in d.roles.get(role, []))
    for spec in c.dates:
        d.dates.setdefault(spec.role, spec)
    d.duration = c.duration
    return d


def _merge(host: Draft, other: Draft) -> None:
    other.merged_into = host
    for role, ids in other.roles.items():
        have = host.roles.setdefault(role, [])
        have.extend(x for x in ids if x not in have)
    for role, spec in other.dates.items():
        host.dates.setdefault(role, spec)
    for ev in other.evidence:
        if all(e[0] != ev[0] for e in host.evidence):
            host.evidence.append(ev)
    host.sentences |= other.sentences
    host.duration = host.duration or other.duration


# ------------------------------------------------------------------------------------------------
# The article
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article, before it becomes a sheet (for tests and eval)."""

    sentences: list[Sentence]
    entities: ArticleEntities
    candidates: list[Candidate]


def read_candidates(article: Article, registry: Registry | None = None) -> Extraction:
    """Sentences, mentions and event candidates of an article."""
    schema = load_schema()
    text, lang = article.text, article.language
    sentences = split_sentences(text, lang)
    ents = find_mentions(text, lang, registry or load_registry(), sentences)
    spans = [(m.start, m.end) for m in ents.mentions]

    def dates_of(s: Sentence) -> list[TimeMention]:  # only sentences with a trigger need them
        return [
            d
            for d in find_dates(text, lang, article.published, s.start, s.end)
            if not any(d.start < b and a < d.end for a, b in spans)
        ]

    lex = load_events_lexicon(lang)
    candidates: list[Candidate] = []
    previous = None
    employers: dict[str, str] = {}  # person -> the company they sign for
    starts = [m.start for m in ents.mentions]
    hits_at: dict[int, list[int]] = {}  # sentence -> offsets where a trigger may start
    lowered = text.lower()
    if len(lowered) == len(text) and len(lex.probe):
        sentence_starts = [s.start for s in sentences]
        n = len(lowered)
        for end_index, (length, inside, open_end) in lex.probe.iter(lowered):
            offset = end_index - length + 1
            if not inside and offset > 0 and lowered[offset - 1].isalnum():
                continue  # "deal" in "ideal", "test" in "latest"
            if not open_end and end_index + 1 < n and lowered[end_index + 1].isalnum():
                continue  # "ban" in "bank", "sale" in "sales"
            k = bisect.bisect_right(sentence_starts, offset) - 1
            if k >= 0 and offset < sentences[k].end:
                hits_at.setdefault(k, []).append(offset)
    else:  # a text whose length changes when lower-cased: read every sentence
        hits_at = {k: [] for k in range(len(sentences))}
    for i, s in enumerate(sentences):
        if i in hits_at and _heading(text, s):
            del hits_at[i]  # "Amerikaans verzoek", "Beijing protests": a heading states nothing
        if i not in hits_at:
            # no trigger word: only who it is about matters (for an "it" in the next one)
            k = bisect.bisect_left(starts, s.start)
            while k < len(starts) and starts[k] < s.end:
                m = ents.mentions[k]
                e = ents.entities.get(m.entity)
                if (
                    m.kind != "adjective"
                    and e is not None
                    and e.type not in ("Technology", "Person")
                ):
                    previous = m
                    break
                k += 1
            continue
        reader = SentenceReader(
            lex,
            text,
            s,
            i,
            ents,
            lambda s=s: dates_of(s),  # type: ignore[misc]
            schema,
            previous,
            employers,
            hits_at[i],
        )
        candidates.extend(reader.candidates())
        previous = reader.subject_mention() or previous
    _sentence_sources(text, candidates, sentences, ents, lex)
    if not any(
        ents.entities.get(m.entity, None) and ents.entities[m.entity].type == "Technology"
        for m in ents.mentions
    ):
        # types that only exist around a technology ("a 5G test", "the network launch")
        candidates = [c for c in candidates if lex.frames[c.type].context != "technology"]
    return Extraction(sentences, ents, candidates)


def _heading(text: str, s: Sentence) -> bool:
    """A line of its own, short and without a closing stop: a subheading."""
    whole_line = (s.start == 0 or text[s.start - 1] == "\n") and (
        s.end == len(text) or text[s.end] == "\n"
    )
    last = s.text.rstrip("\"'”’)»")[-1:]
    return whole_line and last not in (".", "!", "?", ":", ";") and len(s.text.split()) <= 8


def _sentence_sources(
    text: str,
    candidates: list[Candidate],
    sentences: list[Sentence],
    ents: ArticleEntities,
    lex: Any,
) -> None:
    """ "Dat meldde persbureau Reuters." gives the source of the sentence before it."""
    for i, s in enumerate(sentences[1:], start=1):
        words = s.text.split()
        if not words or words[0].lower().strip(",") not in lex.cues.this:
            continue
        lowered = [w.lower().strip(".,") for w in words[:4]]
        if not lex.cues.speech.any(lowered, 1, len(lowered)):
            continue
        speakers = [
            m for m in ents.mentions if s.start <= m.start < s.end and m.kind != "adjective"
        ]
        if not speakers:
            continue
        m = speakers[0]
        e = ents.entities.get(m.entity)
        if e is None:
            continue
        role = "reportedBy" if e.type == "NewsAgency" else "attributedTo"
        for j in (i - 1, i - 2):
            if j < 0 or "\n\n" in text[sentences[j].end : s.start]:
                break  # a new paragraph
            for c in candidates:
                if c.sentence_index != j or c.kind == "attach":
                    continue
                # a person speaks for an actor, a company for its own fact; another
                # organisation that says so is only the source
                own = any(m.entity in v for v in c.roles.values())
                if role == "reportedBy" or e.type == "Person" or (e.type == "Company" and own):
                    c.sources.setdefault(role, []).append(m.entity)
            if any(c.sentence_index == j for c in candidates):
                break


def extract_sheet(
    article: Article, registry: Registry | None = None, schema: Schema | None = None
) -> FactSheet:
    """The fact sheet extraction makes of one article (``origin: extracted``)."""
    schema = schema or load_schema()
    found = read_candidates(article, registry)
    asm = _Assembler(schema, found.entities.entities)
    needs: dict[int, tuple[str, ...]] = {}
    sentence_drafts: dict[int, list[Draft]] = {}
    for c in found.candidates:
        d = asm.take(c)
        if d is not None:
            if c.needs:
                needs[id(d)] = tuple(set(needs.get(id(d), ())) | set(c.needs))
            sentence_drafts.setdefault(c.sentence_index, []).append(d)
    drafts = asm.finish(needs)
    _future_is_planned(drafts, schema, article.published)
    _trial_locations(drafts, found.entities.entities)
    kept = {id(d) for d in drafts}
    lex = load_events_lexicon(article.language)
    _appeals(drafts, found.entities.entities, lex)
    links = _explicit_during(drafts, sentence_drafts, found.sentences, lex, kept)
    visits = [
        Visit(
            id=str(id(d)),
            visitors=tuple(d.roles.get("visitor", [])),
            hosts=tuple(d.roles.get("host", [])),
            start=d.dates.get("start"),
            end=_visit_end(d) or _ongoing(d, article.published),
        )
        for d in drafts
        if d.type == "StateVisit"
    ]
    by_id = {str(id(d)): d for d in drafts}
    inferred: list[tuple[Draft, Draft]] = []
    for d in drafts:
        if d.type != "Deal":
            continue
        signed = d.dates.get("signed") or next(iter(d.dates.values()), None)
        for vid in signed_during(d.roles.get("party", []), signed, visits, found.entities.entities):
            inferred.append((d, by_id[vid]))
    return _sheet(article, drafts, links, inferred, found, schema)


def _trial_locations(drafts: list[Draft], entities: dict[str, Entity]) -> None:
    """A test or launch the text does not place happens where its participants are, when
    they are all of one country ("VodafoneZiggo launched 5G": in the Netherlands)."""
    for d in drafts:
        if d.type != "Trial" or d.roles.get("location"):
            continue
        countries = {
            entities[p].country if entities[p].type != "State" else p
            for p in d.roles.get("participant", [])
            if p in entities
        }
        if len(countries) == 1 and None not in countries:
            d.roles["location"] = [str(next(iter(countries)))]


def _future_is_planned(drafts: list[Draft], schema: Schema, published: DateSpec | None) -> None:
    """An event whose own date lies after the article appeared has not happened yet: it is
    planned ("brengt volgende week een staatsbezoek", "start volgend jaar een proef")."""
    if published is None:
        return
    for d in drafts:
        main = d.dates.get(schema.fact_types[d.type].main_date or "")
        if main is None and d.type == "Trial":
            main = d.dates.get("start")
        if (
            d.modality == "asserted"
            and main is not None
            and main.qualifier == "on"
            and main.first_day > published.last_day
        ):
            d.modality = "planned"
            if d.type == "Trial" and "planned" not in d.dates:
                d.dates["planned"] = _with_role(d.dates.pop("start"), "planned")


def _visit_end(d: Draft) -> DateSpec | None:
    if "end" in d.dates:
        return d.dates["end"]
    start = d.dates.get("start")
    if start is None or d.duration is None or start.precision != "day":
        return None
    import datetime as dt

    last = start.first_day + dt.timedelta(days=d.duration - 1)
    spec = DateSpec.parse(last.isoformat(), text=f"{d.duration} days", role="end")
    d.dates["end"] = spec
    return spec


def _ongoing(d: Draft, published: DateSpec | None) -> DateSpec | None:
    """A visit the article reports as begun and not ended runs at least until the article
    appeared (when that is within a week of its start): "arrived in Beijing on Wednesday for
    a state visit", published on Thursday."""
    start = d.dates.get("start")
    if start is None or published is None or published.precision != "day":
        return None
    if 0 <= (published.first_day - start.first_day).days <= 7:
        return DateSpec.parse(published.value, text="publication date", role="end")
    return None


def _names_a(lex: Any, ftype: str, text: str) -> bool:
    """Whether ``text`` has a trigger word of ``ftype`` (whatever became of it)."""
    words = tokenize(text)
    return any(
        any(g.type == ftype for g in lex.groups[p.text.lower()])
        for _, _, p in lex.triggers.find(words, 0, len(words))
    )


def _appeals(drafts: list[Draft], entities: dict[str, Entity], lex: Any) -> None:
    """An appeal is about the ban its addressee imposed, else the one its appellant imposed."""

    def country(eid: str) -> str:
        e = entities.get(eid)
        if e is not None and e.type != "State" and e.country:
            return e.country
        return eid

    for i, d in enumerate(drafts):
        if d.type != "Appeal":
            continue
        bans = [b for b in drafts[:i][::-1] + drafts[i:] if b.type == "Ban"]
        # the appeal's sentence speaks of a ban ("dringen aan op strengere exportregels")
        ban_words = any(_names_a(lex, "Ban", s.text) for s, _, _ in d.evidence)
        for who in ("addressee", "appellant"):
            if who == "appellant" and d.roles.get("addressee"):
                break  # an appeal to someone is about what they did, not what the appellant did
            mine = set(d.roles.get(who, []))
            exact = next((b for b in bans if mine & set(b.roles.get("imposer", []))), None)
            if exact is not None:
                d.about = exact
                break
            wanted = {country(x) for x in mine}
            appellant = {country(x) for x in d.roles.get("appellant", [])}
            for b in bans:
                if not wanted & {country(x) for x in b.roles.get("imposer", [])}:
                    continue
                # a country-level match needs the ban in view: named in the appeal's sentence,
                # or a ban on the appellant's own companies ("China urged Australia ...")
                if ban_words or appellant & {country(x) for x in b.roles.get("target", [])}:
                    d.about = b
                    break
            if d.about is not None:
                break


def _explicit_during(
    drafts: list[Draft],
    sentence_drafts: dict[int, list[Draft]],
    sentences: list[Sentence],
    lex: Any,
    kept: set[int],
) -> list[tuple[Draft, Draft, Sentence]]:
    """A sentence that names a deal and a state visit with "tijdens", "during", "op de eerste
    dag van", ... ties them."""

    out = []

    def final(d: Draft) -> Draft:
        while d.merged_into is not None:
            d = d.merged_into
        return d

    for i, ds in sentence_drafts.items():
        finals = [final(d) for d in ds]
        deals = [d for d in finals if d.type == "Deal" and id(d) in kept]
        visits = [d for d in finals if d.type == "StateVisit" and id(d) in kept]
        if not deals or not visits:
            continue
        words = tokenize(sentences[i].text)
        if lex.cues.during.any(words, 0, len(words)):
            out.append((deals[0], visits[0], sentences[i]))
    return out


def merge_key(fact: Fact, schema: Schema, published: DateSpec | None) -> str:
    """The identity of an event across articles: its type, its own role fillers (sorted), the
    year of its main date (else of the article) and whether it is negated, hashed.

    >>> from dealgraph.facts import Fact
    >>> f = Fact("b", "Ban", {"imposer": ("united-states",), "target": ("huawei",)}, ())
    >>> merge_key(f, load_schema(), DateSpec.parse("2019-05-16")) == merge_key(f, load_schema(), DateSpec.parse("2019-12-01"))
    True
    >>> from dataclasses import replace
    >>> day = DateSpec.parse("2019-05-16")
    >>> merge_key(replace(f, modality="negated"), load_schema(), day) == merge_key(f, load_schema(), day)
    False
    """
    ft = schema.fact_types[fact.type]
    parts: list[str] = ["merge", fact.type]
    for name in sorted(ft.roles):
        if ft.roles[name].refers == "entity":
            parts.append(f"{name}={','.join(sorted(fact.roles.get(name, ())))}")
    main = fact.main_date(schema)
    year = main.first_day.year if main else (published.first_day.year if published else "")
    parts.append(str(year))
    if fact.modality == "negated":  # "did not sign" is not the node of the deal "signed"
        parts.append("negated")
    return stable_hash(*parts)


def _sheet(
    article: Article,
    drafts: list[Draft],
    links: list[tuple[Draft, Draft, Sentence]],
    inferred: list[tuple[Draft, Draft]],
    found: Extraction,
    schema: Schema,
) -> FactSheet:
    text = article.text
    ids: dict[int, str] = {}
    used_ids: set[str] = set()

    def fact_id(d: Draft) -> str:
        ft = schema.fact_types[d.type]
        first = next((d.roles[r][0] for r in ft.roles if d.roles.get(r)), "")
        base = slugify(f"{d.type}-{first}") if first else slugify(d.type)
        fid, n = base, 2
        while fid in used_ids:
            fid, n = f"{base}-{n}", n + 1
        used_ids.add(fid)
        return fid

    facts: list[Fact] = []
    for d in drafts:
        ids[id(d)] = fact_id(d)
    for d in drafts:
        roles = {k: tuple(v) for k, v in d.roles.items() if v}
        if d.type == "Appeal" and d.about is not None and id(d.about) in ids:
            roles["about"] = (ids[id(d.about)],)
        attributes: dict[str, Any] = {}
        if d.type == "StateVisit" and d.duration:
            attributes["duration_days"] = d.duration
        ft = schema.fact_types[d.type]
        dates = tuple(d.dates[r] for r in ft.dates if r in d.dates)
        fact = Fact(
            id=ids[id(d)],
            type=d.type,
            roles=roles,
            evidence=tuple(
                _evidence(s, rule, conf)
                for s, rule, conf in sorted(d.evidence, key=lambda e: e[0].start)
            ),
            dates=dates,
            attributes=attributes,
            modality=d.modality,
        )
        fact = _keyed(fact, schema, article.published)
        if any(f.key == fact.key for f in facts):  # two events alike in one article
            fact = replace(fact, key=stable_hash(fact.key, fact.id))
        facts.append(fact)
    during: dict[tuple[int, int], list[Evidence]] = {}
    for deal, visit in inferred:
        evs = during.setdefault((id(deal), id(visit)), [])
        for s, _, _ in sorted(deal.evidence + visit.evidence, key=lambda e: e[0].start):
            if any(
                d.role in ("signed", "start") and s.start <= text.find(d.text, s.start) < s.end
                for d in (*deal.dates.values(), *visit.dates.values())
                if d.text
            ):
                ev = _evidence(s, RULE_SIGNED_DURING, CONFIDENCE["infer"])
                if ev not in evs:
                    evs.append(ev)
        if not evs:
            evs.append(_evidence(deal.evidence[0][0], RULE_SIGNED_DURING, CONFIDENCE["infer"]))
    for deal, visit, s in links:
        evs = during.setdefault((id(deal), id(visit)), [])
        ev = _evidence(s, "sentence:signed-during", CONFIDENCE["sentence"])
        if all(e.start != ev.start for e in evs):
            evs.append(ev)
    for (deal_id, visit_id), evs in during.items():
        facts.append(
            Fact(
                id=f"{ids[deal_id]}-signed-during-{ids[visit_id]}",
                type="SignedDuring",
                roles={"deal": (ids[deal_id],), "occasion": (ids[visit_id],)},
                evidence=tuple(evs),
            )
        )
    referenced = {
        x for f in facts for r, v in f.roles.items() for x in v if _refers_entity(schema, f.type, r)
    }
    reg_entities = found.entities.entities
    entities: dict[str, Entity] = {}
    todo = sorted(referenced)
    while todo:
        eid = todo.pop()
        if eid in entities or eid not in reg_entities:
            continue
        e = reg_entities[eid]
        entities[eid] = e
        todo.extend(x for x in (e.country, e.leader_of) if x)
    return FactSheet(
        article=article.info(),
        entities=dict(sorted(entities.items())),
        facts=tuple(facts),
        origin="extracted",
        file=article.source or "<memory>",
    )


def _refers_entity(schema: Schema, ftype: str, role: str) -> bool:
    return schema.roles_of(ftype)[role].refers == "entity"


def _keyed(fact: Fact, schema: Schema, published: DateSpec | None) -> Fact:
    return replace(fact, key=merge_key(fact, schema, published))


def _evidence(s: Sentence, rule: str, confidence: float) -> Evidence:
    return Evidence(quote=s.text, start=s.start, end=s.end, rule=rule, confidence=confidence)
