"""Events in sentences: triggers from a lexicon, roles from the clause, modality from cues.

For every sentence with a trigger word ("deal", "zwarte lijst", "sloot ... uit", "state
visit", "testen", "beschuldigt", "roept ... op"), the sentence is cut into clauses (at ";", at
a comma before "maar", "while", ..., around relative clauses, after "zei dat" / "said that"),
the entity mentions of each clause are grouped into lists ("KPN, Vodafone en Huawei") and each
list gets the preposition that marks it ("met MTS", "door de Chinese overheid", "against
Huawei"). The fact type's frame in ``ontology/lexicons/events.yaml`` then says which role each
list fills: the subject is the agent (the imposer of a ban, a party of a deal, the visitor,
the accuser), the object the patient (in the passive: the by-phrase and the subject), and the
markers the rest (``tegen`` -> the target of a ban, ``met`` -> a party, ``aan`` -> the host of a
visit). A country adjective right before the trigger fills the agent ("Amerikaanse sancties").

Modality comes from cue words in the clause before the trigger: negation ("niet uitgesloten",
"has not banned"; but not "niet toevallig"), refusal ("weigert"), speculation ("zou",
"may"), plans ("gaat ... beperken", "will"). Speech verbs and "volgens" / "according to" give
the source: ``attributedTo``, or ``reportedBy`` for a news agency.

Each trigger gives a :class:`Candidate`; :mod:`dealgraph.extract` assembles them into the
article's facts (one event mentioned in several sentences is one fact).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import compress
from typing import Any

from .dates import DateSpec
from .lexicon import alternation, bad, load_lexicon, string_list
from .mentions import ArticleEntities, Mention, descriptors
from .schema import Schema, load_schema
from .sentences import Sentence
from .timex import TimeMention, planned_by

LEX = "events"
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:[-'’]\w+)*|[^\w\s]")

#: The punctuation that may end a clause or open one (all else is decided by words).
_CLAUSE_PUNCT = frozenset([",", ";", ":"])


def tokenize(text: str) -> list[str]:
    """Lower-cased words and punctuation, as the rules see a sentence.

    >>> tokenize("The U.S. ban on Huawei-kit, said X.")
    ['the', 'u.s.', 'ban', 'on', 'huawei-kit', ',', 'said', 'x', '.']
    """
    return [m.group().lower() for m in _TOKEN.finditer(text)]


_DURATION = {
    "nl": re.compile(
        r"(?<![\w-])(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)daagse?(?![\w-])", re.I
    ),
    "en": re.compile(
        r"(?<![\w-])(one|two|three|four|five|six|seven|eight|nine|ten)-day(?![\w-])", re.I
    ),
}
_NUMBERS = {
    w: i + 1
    for ws in (
        ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"],
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    )
    for i, w in enumerate(ws)
}
# the prepositions of a gerund that says why or how ("sanctioned X for supplying drones to
# Russia"), not what is banned ("barred X from selling to ZTE")
_COORDINATORS = frozenset(["en", "ook", "and", "so", "as"])  # they go on, not subordinate
_GERUND_AFTER = frozenset(["for", "by", "after", "before", "while", "without"])
_HYPHEN_WORD = re.compile(r"-[^\W\d_]")
_FIRST_DAY = re.compile(r"eerste dag van|first day of", re.I)
_ATTRIBUTIVE_BEFORE = frozenset(
    ["the", "an", "a", "its", "their", "his", "her", "de", "het", "een"]
)
_AUX_NL = frozenset(["heeft", "hebben", "had", "hadden", "heb"])
_EACH = frozenset(("each", "elk", "elke", "ieder", "iedere"))
_OLD = frozenset(
    ["existing", "current", "old", "older", "previous", "huidige", "bestaande", "oude", "vorige"]
)
_AMOUNT = re.compile(r"[$€£]|\d+(?:[.,]\d+)?")  # "$68.7", "6,9": a sum before a noun
_DETERMINERS = frozenset(
    [
        "de",
        "het",
        "een",
        "the",
        "a",
        "an",
        "zijn",
        "haar",
        "hun",
        "its",
        "their",
        "his",
        "her",
        "dit",
        "deze",
        "die",
        "dat",
        "this",
        "that",
        "these",
        "those",
    ]
)


# ------------------------------------------------------------------------------------------------
# Phrases: words with `*` wildcards and `...` gaps, matched on tokens
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A phrase of the lexicon: words (``*`` wildcards at their ends) and ``...`` gaps."""

    text: str
    words: tuple[tuple[str, bool, bool], ...]  # (literal, wildcard before, wildcard after)
    gaps: tuple[bool, ...]  # gaps[i]: a gap before word i

    @classmethod
    def parse(cls, text: str) -> Phrase:
        words: list[tuple[str, bool, bool]] = []
        gaps: list[bool] = []
        gap = False
        for part in text.lower().split():
            if part == "...":
                gap = True
                continue
            left, right = part.startswith("*"), part.endswith("*") and len(part) > 1
            words.append((part.strip("*"), left, right))
            gaps.append(gap)
            gap = False
        return cls(text, tuple(words), tuple(gaps))

    def word_matches(self, k: int, token: str) -> bool:
        lit, left, right = self.words[k]
        if left and right:
            return lit in token
        if left:
            return token.endswith(lit) or token.endswith(lit + "s")
        if right:
            return token.startswith(lit)
        if token == lit:
            return True
        # a hyphenated compound ends or starts with the word: "5G-verbod", "Huawei-ban"
        return token.endswith("-" + lit) or token.startswith(lit + "-")

    def match(
        self, tokens: Sequence[str], i: int, limit: int, openers: frozenset[str] = frozenset()
    ) -> int | None:
        """The index after the match when the phrase starts at token ``i``, else None. A gap
        reaches past a name's apposition opened by one of ``openers`` (articles)."""
        if not self.word_matches(0, tokens[i]):
            return None
        return self.match_rest(tokens, i, limit, openers)

    def match_rest(
        self, tokens: Sequence[str], i: int, limit: int, openers: frozenset[str] = frozenset()
    ) -> int | None:
        """:meth:`match` when token ``i`` is known to match the first word."""
        j = i + 1
        for k in range(1, len(self.words)):
            if self.gaps[k]:
                for g in range(j, min(limit, j + 9)):
                    if self.word_matches(k, tokens[g]):
                        j = g + 1
                        break
                else:
                    past = _past_apposition(tokens, j, limit, openers)
                    if past is None or not self.word_matches(k, tokens[past]):
                        return None
                    j = past + 1
            else:
                if j >= limit or not self.word_matches(k, tokens[j]):
                    return None
                j += 1
        return j


def _past_apposition(
    tokens: Sequence[str], j: int, limit: int, openers: frozenset[str]
) -> int | None:
    """The token after a name's apposition in a phrase's gap: "ordered Ralls Corporation, a
    company owned by two Chinese businessmen, to sell" (the gap's few words, then a comma, one
    of ``openers`` and up to 14 words to the closing comma)."""
    for c in range(j, min(limit, j + 5)):
        if tokens[c] != ",":
            continue
        if c + 1 >= limit or tokens[c + 1] not in openers:
            return None
        for e in range(c + 2, min(limit, c + 16)):
            if tokens[e] == ",":
                return e + 1 if e + 1 < limit else None
        return None
    return None


class PhraseSet:
    """Phrases indexed by their first word, for fast lookups on tokens."""

    def __init__(self, phrases: Iterable[str], openers: frozenset[str] = frozenset()) -> None:
        self.openers = openers  # the articles that open an apposition a gap reaches past
        self.exact: dict[str, list[Phrase]] = {}
        self.wild: list[Phrase] = []
        alternatives = []
        for text in phrases:
            p = Phrase.parse(text)
            if not p.words:
                continue
            lit, left, right = p.words[0]
            if left or right:
                self.wild.append(p)
                alternatives.append(
                    (r"[\w'’-]*" if left else "")
                    + re.escape(lit)
                    + (r"[\w'’-]*" if right else "s?")
                )
            else:
                self.exact.setdefault(lit, []).append(p)
        # one test tells whether a token can start any wildcard phrase
        self.wild_start = re.compile("|".join(alternatives)) if alternatives else None
        self._starts: dict[str, bool] = {}

    def at(self, tokens: Sequence[str], i: int, limit: int) -> tuple[Phrase, int] | None:
        """The longest phrase that starts at token ``i``."""
        best: tuple[Phrase, int] | None = None
        token = tokens[i]
        for p in self.exact.get(token, ()):  # their first word is the token itself
            end = p.match_rest(tokens, i, limit, self.openers)
            if end is not None and (best is None or end > best[1]):
                best = (p, end)
        candidates: list[Phrase] = []
        if "-" in token:
            for part in (token.rsplit("-", 1)[-1], token.split("-", 1)[0]):
                candidates.extend(self.exact.get(part, ()))
        if self.wild_start is not None and self.wild_start.fullmatch(token):
            candidates.extend(self.wild)
        for p in candidates:
            end = p.match(tokens, i, limit, self.openers)
            if end is not None and (best is None or end > best[1]):
                best = (p, end)
        return best

    def _may_start(self, token: str) -> bool:
        known = self._starts.get(token)
        if known is None:
            known = (
                token in self.exact
                or "-" in token
                or (self.wild_start is not None and self.wild_start.fullmatch(token) is not None)
            )
            if len(self._starts) < 200_000:  # words repeat: remember the answer
                self._starts[token] = known
        return known

    def _start_flags(self, tokens: Sequence[str], lo: int, hi: int) -> list[bool | None]:
        """For each token of ``tokens[lo:hi]``, whether a phrase may start there (looked up in
        one pass of ``map``: these calls see every word of every sentence)."""
        window = tokens[lo:hi]
        flags: list[bool | None] = list(map(self._starts.get, window))
        if None in flags:  # words not seen before
            flags = [
                self._may_start(t) if f is None else f for t, f in zip(window, flags, strict=True)
            ]
        return flags

    def find(self, tokens: Sequence[str], lo: int, hi: int) -> list[tuple[int, int, Phrase]]:
        out = []
        for i in compress(range(lo, hi), self._start_flags(tokens, lo, hi)):
            hit = self.at(tokens, i, hi)
            if hit is not None:
                out.append((i, hit[1], hit[0]))
        return out

    def any(self, tokens: Sequence[str], lo: int, hi: int) -> bool:
        return any(
            self.at(tokens, i, hi) is not None
            for i in compress(range(lo, hi), self._start_flags(tokens, lo, hi))
        )

    def probe(self) -> Any:
        """An Aho-Corasick automaton of the phrases' literal beginnings: one pass over
        lower-cased text finds every place a phrase could start (the words are checked
        afterwards). A phrase's key is its words up to the first gap or wildcard, so "het gaat
        om" is sought whole and not at every "het"."""
        import ahocorasick

        automaton = ahocorasick.Automaton()
        # (length, may start inside a word, may go on after it): "*verbod" may start inside a
        # word, "sanctie*" may go on; "deal" may do neither ("ideal", "dealer")
        heads: dict[str, tuple[bool, bool]] = {}
        for p in [q for found in self.exact.values() for q in found] + self.wild:
            parts = []
            inside = open_end = False
            for k, (lit, left, right) in enumerate(p.words):
                if k > 0 and (p.gaps[k] or left):
                    break
                parts.append(lit)
                inside = inside or (k == 0 and left)
                open_end = right or (k == 0 and left)
                if right:
                    break
            key = " ".join(parts)
            was = heads.get(key, (False, False))
            heads[key] = (was[0] or inside, was[1] or open_end)
        for head, (inside, open_end) in heads.items():
            automaton.add_word(head, (len(head), inside, open_end))
        if len(automaton):
            automaton.make_automaton()
        return automaton


_BODIES = ("GovernmentBody", "State", "Organization", "Company")  # whom a person may speak for


# ------------------------------------------------------------------------------------------------
# The lexicon
# ------------------------------------------------------------------------------------------------


_GROUP_KEYS = frozenset(
    ["words", "lift", "attach", "date", "needs", "weak", "subject", "cancels", "cancels_after",
     "agents", "sides", "place", "complement", "extend", "technology", "request", "asks",
     "adjective", "choice", "modality", "reported", "parties", "patients", "separate"]
)  # fmt: skip


@dataclass(frozen=True)
class TriggerGroup:
    type: str
    phrases: tuple[str, ...]
    lift: bool = False
    attach: bool = False
    date: str | None = None
    needs: tuple[str, ...] = ()
    weak: bool = False  # only adds to an event already named
    subject: str | None = None  # the role of the subject, when not the frame's agent
    cancels: tuple[str, ...] = ()  # fact types this trigger rules out in its clause
    cancels_after: tuple[str, ...] = ()  # ... and those only after it ("barred X from buying")
    agents: tuple[str, ...] = ()  # the classes its subject (else agent) must have
    parties: tuple[str, ...] = ()  # the classes every filler of its agent and patient must have
    patients: tuple[str, ...] = ()  # the classes every filler of its patient must have
    sides: int = 1  # from how many lists of the clause its parties must come
    place: bool = False  # a list one is put on: never refers back; a lone subject is listed
    complement: bool = False  # "urged X to ...": what follows "to" / "te" / "that" is content
    extend: bool = False  # "the rules also cover X": adds fillers to the fact referred to
    technology: bool = False  # only with a technology in its clause ("start 5G")
    request: bool = False  # "op verzoek van X", "at the request of X": X asked
    asks: bool = False  # "demanded that Canada release her": that clause's subject is asked
    adjective: str | None = None  # the role of a country adjective, when not the frame's
    choice: bool = False  # "X picked A and B": one deal of X with each one chosen
    separate: bool = False  # "Bell and Telus use Huawei equipment": a deal of each with it
    modality: str | None = None  # what an asserted statement of it is: a bid is a planned deal
    reported: bool = False  # only in what a source says, and not after a trigger of its type


@dataclass(frozen=True)
class Frame:
    """How one fact type's roles are read from a clause."""

    type: str
    agent: str
    patient: str
    others: str | None
    adjective: str | None
    markers: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    date: str | None
    dates: dict[str, str]
    patient_types: tuple[str, ...]
    prefer_agent: tuple[str, ...] = ()
    prefer_patient: tuple[str, ...] = ()
    context: str | None = None  # "technology": only in articles that name one


@dataclass(frozen=True)
class Cues:
    negation: PhraseSet
    not_negation: PhraseSet
    speculation: PhraseSet
    planned: PhraseSet
    not_planned: PhraseSet
    intent: PhraseSet
    talks: PhraseSet
    refusal: PhraseSet
    speech: PhraseSet
    content: PhraseSet
    passive: frozenset[str]
    definite: frozenset[str]
    split: frozenset[str]
    subordinators: frozenset[str]  # "after the ministry put X on its list": a clause
    relative: frozenset[str]
    bare_relative: frozenset[str]
    takeover: frozenset[str]
    coordination: frozenset[str]
    transparent: frozenset[str]
    this: frozenset[str]
    markers: frozenset[str]
    referring: frozenset[str]
    disregard: PhraseSet
    during: PhraseSet
    courts: frozenset[str]
    counterparts: frozenset[str]  # "zijn Servische ambtgenoot": a list member's title
    laws: PhraseSet  # a law a head of state signs is the state's measure, not the government's
    makers: PhraseSet  # "made by": the maker of the goods a ban stops is its target
    they: frozenset[str]  # plural pronouns: what the main clause acted on, in its reason
    reciprocal: PhraseSet  # "each other", "elkaar": each agent does it to the others
    state_nouns: frozenset[str]  # "the sheikhdom of Qatar": the noun is the state itself
    sponsors: frozenset[str]  # "hackers affiliated with X": X stands behind them
    conflicts: PhraseSet  # "de spanningen tussen X en Y": sides, not parties
    spokespeople: frozenset[str]
    apposition: frozenset[str]
    modifiers: frozenset[str]
    evaluation: PhraseSet
    approval: PhraseSet  # "approved the purchase": who clears a deal is no party
    participles: frozenset[str]  # irregular ones: "equipment made by X" (a by-phrase of its own)
    it: frozenset[str]  # the pronoun for an organisation named before: "it", "het"
    counted: frozenset[str]  # "140 bedrijven", "five entities": counted, not named
    its: frozenset[str]  # "supply ... for its network": the customer is who speaks
    reasons: PhraseSet  # "saying", "omdat": a ban's reason, which accuses its target
    affiliation_after: re.Pattern[str]  # "X, a spokesman for (the) ...", "X van het ..."
    affiliation_before: re.Pattern[str]  # "...'s foreign policy chief, X"
    speaks_for: frozenset[str]  # titles besides spokespeople that speak for a body ("chief")
    likewise: PhraseSet  # "as did X", "net als X": X did the same
    them: frozenset[str]  # "..., accusing them of": what the main clause acted on
    own: frozenset[str]  # "withdrew its request": the subject's own (a possessive pronoun)
    suppliers: frozenset[str]  # "koopt ... bij A en B", "buys from A and B": a deal with each
    quantities: frozenset[str]  # "as many as", "up to" before a number: no marker of its own
    it_before: frozenset[str]  # where "it" is also an article: the words it stands before
    intent_nouns: frozenset[str]  # "Australia's move to bar X": the owner acts
    bids: frozenset[str]  # "Broadcom's bid for Qualcomm": an offer, a planned deal


@dataclass(frozen=True)
class Lexicon:
    lang: str
    cues: Cues
    frames: dict[str, Frame]
    triggers: PhraseSet
    groups: dict[str, tuple[TriggerGroup, ...]]  # phrase text -> its groups
    blockers: PhraseSet
    titles: re.Pattern[str] | None  # names of laws and acts: their words trigger nothing
    artefacts: frozenset[str]
    probe: Any  # an automaton that finds where a trigger could start
    descriptor_endings: tuple[str, ...]  # "chipmaker", "bedrijven": nouns inside a list


@cache
def load_events_lexicon(lang: str) -> Lexicon:
    """The event lexicon of ``lang`` (English when the language has none), checked."""
    data: Any = load_lexicon(LEX)
    schema = load_schema()
    cues_all = data.get("cues") or {}
    if lang not in cues_all:
        lang = "en"
    c = cues_all[lang]

    def words(key: str) -> list[str]:
        return string_list(LEX, c.get(key), ("cues", lang, key))

    def per_lang(key: str) -> list[str]:
        return string_list(LEX, (data.get(key) or {}).get(lang), (key, lang))

    apposition = frozenset(w.lower() for w in words("apposition"))

    def phrases(items: Iterable[str]) -> PhraseSet:
        return PhraseSet(items, apposition)

    cues = Cues(
        negation=phrases(words("negation")),
        not_negation=phrases(words("not_negation")),
        speculation=phrases(words("speculation")),
        planned=phrases(words("planned")),
        not_planned=phrases(words("not_planned")),
        intent=phrases(words("intent")),
        talks=phrases(words("talks")),
        refusal=phrases(words("refusal")),
        speech=phrases(words("speech")),
        content=phrases(words("content")),
        passive=frozenset(words("passive")),
        definite=frozenset(words("definite")),
        split=frozenset(words("split")),
        relative=frozenset(words("relative")),
        bare_relative=frozenset(words("bare_relative")),
        subordinators=frozenset(words("subordinators")),
        takeover=frozenset(words("takeover")),
        coordination=frozenset(words("coordination")),
        transparent=frozenset(words("transparent")),
        this=frozenset(words("this")),
        markers=frozenset(words("markers")),
        referring=frozenset(words("referring")),
        disregard=phrases(per_lang("disregard")),
        during=phrases(per_lang("during")),
        courts=frozenset(w.lower() for w in words("courts")),
        counterparts=frozenset(w.lower() for w in words("counterparts")),
        laws=phrases(words("laws")),
        makers=phrases(words("makers")),
        they=frozenset(words("they")),
        reciprocal=phrases(words("reciprocal")),
        state_nouns=frozenset(words("state_nouns")),
        sponsors=frozenset(words("sponsors")),
        conflicts=phrases(words("conflicts")),
        spokespeople=frozenset(w.lower() for w in words("spokespeople")),
        apposition=apposition,
        modifiers=frozenset(w.lower() for w in words("modifiers")),
        evaluation=phrases(words("evaluation")),
        participles=frozenset(words("participles")),
        it=frozenset(words("it")),
        counted=frozenset(words("counted")),
        its=frozenset(words("its")),
        reasons=phrases(words("reasons")),
        affiliation_after=re.compile(
            rf"(?:\s+|,\s+(?:{alternation(words('affiliation_articles'))})\s+[\w -]{{0,40}}?\s+)"
            rf"(?:{alternation(words('affiliation_prepositions'))})\s+"
            rf"(?:(?:{alternation(words('affiliation_articles'))})\s+)?",
            re.IGNORECASE,
        ),
        speaks_for=frozenset(words("speaks_for")),
        likewise=phrases(words("likewise")),
        them=frozenset(words("them")),
        own=frozenset(words("own")),
        suppliers=frozenset(words("suppliers")),
        quantities=frozenset(words("quantities")),
        affiliation_before=re.compile(r"['’]s\s+[\w -]{1,40},\s+\Z"),
        it_before=frozenset(words("it_before")),
        intent_nouns=frozenset(words("intent_nouns")),
        bids=frozenset(words("bids")),
        approval=phrases(words("approval")),
    )
    frames: dict[str, Frame] = {}
    groups: dict[str, tuple[TriggerGroup, ...]] = {}
    for tname, spec in (data.get("types") or {}).items():
        path: tuple[str | int, ...] = ("types", tname)
        ft = schema.fact_types.get(tname)
        if ft is None:
            raise bad(LEX, path, f"{tname} is not a fact type of ontology/types.yaml")
        roles = schema.roles_of(tname)
        for key in ("agent", "patient", "others", "adjective"):
            if spec.get(key) is not None and spec[key] not in roles:
                raise bad(LEX, (*path, key), f"{tname} has no role {spec[key]!r}")
        markers: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        for marker, options in ((spec.get("markers") or {}).get(lang) or {}).items():
            parsed: list[tuple[str, tuple[str, ...]]] = []
            for opt in options or []:
                role, types = next(iter(opt.items())) if isinstance(opt, dict) else (opt, [])
                if role not in roles:
                    raise bad(
                        LEX, (*path, "markers", lang, marker), f"{tname} has no role {role!r}"
                    )
                parsed.append((str(role), tuple(types or ())))
            markers[str(marker)] = tuple(parsed)
        frames[tname] = Frame(
            type=tname,
            agent=spec["agent"],
            patient=spec["patient"],
            others=spec.get("others"),
            adjective=spec.get("adjective"),
            markers=markers,
            date=spec.get("date") or ft.main_date,
            dates=dict(spec.get("dates") or {}),
            patient_types=tuple(spec.get("patient_types") or ()),
            prefer_agent=tuple((spec.get("prefer") or {}).get("agent") or ()),
            prefer_patient=tuple((spec.get("prefer") or {}).get("patient") or ()),
            context=spec.get("context"),
        )
        for i, group in enumerate(((spec.get("triggers") or {}).get(lang)) or []):
            gpath = (*path, "triggers", lang, i)
            if isinstance(group, list):
                group = {"words": group}
            if not isinstance(group, dict) or not isinstance(group.get("words"), list):
                raise bad(LEX, gpath, "a trigger group is a list of phrases or {words: [...]}")
            unknown = set(group) - _GROUP_KEYS
            if unknown:
                raise bad(
                    LEX, gpath, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_GROUP_KEYS)}"
                )
            date = group.get("date")
            if date is not None and date not in ft.dates:
                raise bad(LEX, gpath, f"{tname} has no date {date!r}")
            subject = group.get("subject")
            if subject is not None and subject not in roles:
                raise bad(LEX, gpath, f"{tname} has no role {subject!r}")
            if group.get("adjective") is not None and group["adjective"] not in roles:
                raise bad(LEX, gpath, f"{tname} has no role {group['adjective']!r}")
            cancels = tuple(group.get("cancels") or ())
            for other in cancels:
                if other not in schema.fact_types:
                    raise bad(LEX, gpath, f"cancels names no fact type: {other!r}")
            tg = TriggerGroup(
                type=tname,
                phrases=tuple(string_list(LEX, group["words"], (*gpath, "words"))),
                lift=bool(group.get("lift", False)),
                attach=bool(group.get("attach", False)),
                date=date,
                needs=tuple(group.get("needs") or ()),
                weak=bool(group.get("weak", False)),
                subject=subject,
                cancels=cancels,
                # a ban's clause describes what is banned: deal words after it are no deal
                cancels_after=tuple(
                    dict.fromkeys(
                        [*(group.get("cancels_after") or ())]
                        + (["Deal"] if tname == "Ban" and not group.get("attach") else [])
                    )
                ),
                agents=tuple(group.get("agents") or ()),
                parties=tuple(group.get("parties") or ()),
                patients=tuple(group.get("patients") or ()),
                sides=int(group.get("sides", 1)),
                place=bool(group.get("place", False)),
                complement=bool(group.get("complement", False)),
                extend=bool(group.get("extend", False)),
                technology=bool(group.get("technology", False)),
                request=bool(group.get("request", False)),
                asks=bool(group.get("asks", False)),
                adjective=group.get("adjective"),
                choice=bool(group.get("choice", False)),
                separate=bool(group.get("separate", False)),
                modality=group.get("modality"),
                reported=bool(group.get("reported", False)),
            )
            if tg.modality not in (None, "planned", "speculative"):
                raise bad(LEX, gpath, "modality is planned or speculative")
            for other in tg.cancels_after:
                if other not in schema.fact_types:
                    raise bad(LEX, gpath, f"cancels_after names no fact type: {other!r}")
            for phrase in tg.phrases:
                key = phrase.lower()
                if all(g.type != tname for g in groups.get(key, ())):  # the first of a type
                    groups[key] = (*groups.get(key, ()), tg)
    triggers = phrases(groups)
    return Lexicon(
        lang=lang,
        cues=cues,
        frames=frames,
        triggers=triggers,
        groups=groups,
        blockers=phrases(per_lang("blockers")),
        titles=_titles(per_lang("law_titles")),
        probe=triggers.probe(),
        artefacts=frozenset(w.lower() for w in per_lang("artefacts")),
        descriptor_endings=tuple(
            sorted({*descriptors(lang).endings, *descriptors(lang).plural_endings}, key=len)
        ),
    )


def _titles(patterns: list[str]) -> re.Pattern[str] | None:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise bad(LEX, ("law_titles",), f"bad pattern {p!r}: {exc}") from None
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


# ------------------------------------------------------------------------------------------------
# Sentences, clauses, argument groups
# ------------------------------------------------------------------------------------------------


@dataclass
class Group:
    """Coordinated mentions in one clause ("KPN, Vodafone en Huawei") and their marker."""

    mentions: list[Mention]
    first: int  # token index where the phrase starts
    last: int  # token index of the last mention's last token
    marker: str | None
    each: bool = False  # "with each of X, Y and Z": one event per member

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(m.entity for m in self.mentions))


@dataclass
class Clause:
    tokens: list[int]  # token indices, in order
    groups: list[Group] = field(default_factory=list)
    antecedent: Group | None = None  # the noun a relative clause is about
    speaker: Group | None = None  # "X zei dat ...": the speaker of a content clause
    head: Clause | None = None  # the clause a content clause depends on
    participle: bool = False  # ", ignoring ...": its subject is the main clause's
    sources: list[Group] = field(default_factory=list)  # "volgens X", "X said"

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


@dataclass
class Candidate:
    """What one trigger in one sentence says: a fact type, roles, modality, dates, evidence."""

    type: str
    phrase: str
    kind: str  # "new", "attach" or "lift"
    definite: bool
    roles: dict[str, list[str]]
    sources: dict[str, list[str]]  # attributedTo / reportedBy
    extra: dict[str, list[str]]  # location / subject
    modality: str
    dates: list[DateSpec]
    sentence: Sentence
    sentence_index: int
    position: int  # character offset of the trigger
    needs: tuple[str, ...] = ()
    duration: int | None = None
    disregard: bool = False
    clause: int = -1
    weak: bool = False
    in_phrase: bool = False  # a definite noun inside a prepositional phrase: "met de deal"
    each: bool = False  # a fact of its own, never absorbed by its clause's twin: one of the
    # deals of "agreements with each of ...", one way of "accuse each other"
    extend: bool = False  # "the rules also cover X": adds X to the fact referred to
    lone: bool = False  # a lift with no ban named in its sentence ("lifted interest rates")
    with_party: bool = False  # a party came from "with X" / "met X"

    def absorb(self, other: Candidate) -> None:
        """Another trigger of the same type in the same clause ("sloot een deal"): one event."""
        placed = {x for ids in self.roles.values() for x in ids}
        for bucket, theirs in (
            (self.roles, other.roles),
            (self.sources, other.sources),
            (self.extra, other.extra),
        ):
            for role, ids in theirs.items():
                have = bucket.setdefault(role, [])
                # a filler the first trigger placed keeps its role ("kwam op de zwarte lijst
                # voor exportcontroles": the company listed is no imposer)
                have.extend(
                    x
                    for x in ids
                    if x not in have and (bucket is not self.roles or x not in placed)
                )
        if self.type == "Deal" and other.modality == "planned" and self.modality == "asserted":
            self.modality = "planned"  # "a bid by Shell to take over Woodside": only a bid
        have_roles = {d.role for d in self.dates}
        self.dates.extend(d for d in other.dates if d.role not in have_roles)
        self.duration = self.duration or other.duration
        self.weak = self.weak and other.weak
        self.needs = tuple(set(self.needs) | set(other.needs))


def _other_host(a: Candidate, b: Candidate) -> bool:
    """Two visits to different hosts in one clause are two visits ("in de Filipijnse
    hoofdstad voor een staatsbezoek, na eerdere bezoeken aan Papoea-Nieuw-Guinea")."""
    ha, hb = a.roles.get("host"), b.roles.get("host")
    return a.type == "StateVisit" and bool(ha) and bool(hb) and not set(ha or ()) & set(hb or ())


def _distance(g: Group, start: int, end: int) -> int:
    """Tokens between a group and a trigger (a trigger after the group counts double: a
    prepositional phrase mostly follows the word it belongs to)."""
    if g.first >= end:
        return g.first - end
    if g.last < start:
        return 2 * (start - g.last)
    return 0


class SentenceReader:
    """Reads the candidates of one sentence.

    ``previous_subject`` is the entity the previous sentence was about, for a clause whose
    subject is "it".
    """

    def __init__(
        self,
        lex: Lexicon,
        text: str,
        sentence: Sentence,
        index: int,
        ents: ArticleEntities,
        dates: list[TimeMention] | Callable[[], list[TimeMention]],
        schema: Schema,
        previous_subject: Mention | None = None,
        employers: dict[str, str] | None = None,
        hits: Sequence[int] = (),
    ) -> None:
        self.lex = lex
        self.text = text
        self.sentence = sentence
        self.index = index
        self.schema = schema
        self.previous_subject = previous_subject
        self.hits = hits  # offsets where a trigger may start (all tokens when empty)
        self._kept_colons: set[int] = set()  # colons a name list after them keeps in the clause
        self.employers = employers if employers is not None else {}
        base = sentence.start
        self._tokens = found = list(_TOKEN.finditer(sentence.text))
        self.words: list[str] = [m.group().lower() for m in found]
        self.starts = [base + m.start() for m in found]
        self.mentions = ents.within(sentence)
        self.entities = ents.entities
        self._ents = ents
        self._dates_of = dates

    # most sentences read hold no trigger after all: what only a trigger needs is found lazily

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """The tokens' (start, end) offsets in the text."""
        base = self.sentence.start
        return [(base + m.start(), base + m.end()) for m in self._tokens]

    @cached_property
    def proper(self) -> list[Mention]:
        """The proper names of the sentence."""
        return self._ents.within(self.sentence, proper=True)

    @cached_property
    def mention_tokens(self) -> set[int]:
        """The tokens of the sentence's mentions."""
        return {t for m in self.mentions for t in range(self.tok(m.start), self.tok_end(m.end))}

    @cached_property
    def adjective_tokens(self) -> set[int]:
        """The tokens of its country adjectives ("Chinese", "Amerikaanse")."""
        return {
            t
            for m in self.mentions
            if m.kind == "adjective"
            for t in range(self.tok(m.start), self.tok_end(m.end))
        }

    @cached_property
    def dates(self) -> list[TimeMention]:
        """The dates of the sentence (found only when a trigger needs them)."""
        found = self._dates_of() if callable(self._dates_of) else self._dates_of
        s = self.sentence
        return [d for d in found if s.start <= d.start and d.end <= s.end]

    @cached_property
    def date_tokens(self) -> set[int]:
        """A date says when, not whose: "In 2019 the Commerce Department put ..." """
        return {t for d in self.dates for t in range(self.tok(d.start), self.tok_end(d.end))}

    # -- tokens ----------------------------------------------------------------------------

    def tok(self, offset: int) -> int:
        """The token that contains (or starts after) character ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return max(i, 0)

    def tok_end(self, offset: int) -> int:
        """The index after the last token that starts before ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def _is_it(self, t: int) -> bool:
        """Whether token ``t`` is the pronoun for an organisation: "it", or Dutch "het" before
        a word that no noun follows it with ("dat het in zee gaat", not "het bedrijf")."""
        cues = self.lex.cues
        if self.words[t] not in cues.it:
            return False
        return not cues.it_before or (
            t + 1 < len(self.words) and self.words[t + 1] in cues.it_before
        )

    def subject_mention(self) -> Mention | None:
        """What this sentence is about: its first organisation or state, for the next one."""
        for m in self.mentions:
            e = self.entities.get(m.entity)
            if m.kind != "adjective" and e is not None and e.type not in ("Technology", "Person"):
                return m
        return None

    # -- triggers --------------------------------------------------------------------------

    def triggers(self) -> list[tuple[int, int, TriggerGroup, str]]:
        n = len(self.words)
        starts = sorted({self.tok(offset) for offset in self.hits}) if self.hits else range(n)
        at, words = self.lex.triggers.at, self.words
        hits = [(i, hit) for i in starts if (hit := at(words, i, n)) is not None]
        if not hits:
            return []  # no trigger phrase at all: what would block one does not matter
        out = []
        taken: set[int] = set(self.mention_tokens)
        for i, end, _ in self.lex.blockers.find(self.words, 0, n):
            taken.update(range(i, end))
        if self.lex.titles is not None:  # "the National Security and Investment Act"
            for m in self.lex.titles.finditer(self.sentence.text):
                a = self.sentence.start + m.start()
                taken.update(range(self.tok(a), self.tok_end(self.sentence.start + m.end())))
        for i, hit in hits:
            if i in taken:
                continue
            if (
                i > 0
                and self.lex.lang == "en"
                and hit[1] == i + 1
                and self.words[i - 1] in _ATTRIBUTIVE_BEFORE
                and self.words[i].endswith("ed")
                and i + 1 < n
                and self.words[i + 1].isalpha()
                and self.words[i + 1] not in self.lex.cues.markers
            ):
                continue  # "the alleged deceit", "het verboden terrein": a participle as adjective
            phrase, end = hit
            for group in self.lex.groups[phrase.text.lower()]:
                out.append((i, end, group, phrase.text))
            taken.update(range(i, end))
        return out

    # -- clauses ---------------------------------------------------------------------------

    def _colon_list(self, i: int) -> bool:
        """Whether what follows the colon at token ``i`` only names the ones the clause before
        it speaks of ("op zijn lijst: kledingconcern PVH en Illumina"): a name within its first
        words and no trigger word up to the sentence's end (or the next colon or semicolon)."""
        if not self.hits:
            return False
        words = self.words
        end = next((k for k in range(i + 1, len(words)) if words[k] in (";", ":")), len(words))
        if end == i + 1 or not any(
            t in self.mention_tokens and t not in self.adjective_tokens
            for t in range(i + 1, min(i + 5, end))
        ):
            return False
        a, b = self.spans[i][1], self.spans[end - 1][1]
        return not any(a <= h < b for h in self.hits)

    def _after_date(self, k: int) -> int:
        """The first token from ``k`` on past a date and its preposition ("on Wednesday")."""
        words, dates = self.words, self.date_tokens
        j = k
        while j < len(words) and (
            j in dates or (words[j] in self.lex.cues.markers and j + 1 in dates)
        ):
            j += 1
        return j

    def _object_before_marker(self, start: int) -> bool:
        """The noun phrase at ``start`` after a verb is its object when a preposition follows
        it ("had warned Ankara at the highest levels ... that"), not the subject of a reported
        clause ("said Rosneft had signed")."""
        k = start + 1 if self.words[start] in _DETERMINERS else start
        while k in self.mention_tokens:
            k += 1
        return k < len(self.words) and self.words[k] in self.lex.cues.markers

    def clauses(self) -> list[Clause]:
        cues = self.lex.cues
        words = self.words
        n = len(words)
        clauses: list[list[int]] = [[]]
        relative: dict[int, int] = {}  # relative clause id -> token of its comma
        participles: dict[int, int] = {}  # participle clause id -> the clause before it
        main = current = 0
        i = 0
        while i < n:
            w = words[i]
            if (
                w not in _CLAUSE_PUNCT
                and w not in cues.bare_relative
                and w not in cues.subordinators
            ):
                clauses[current].append(i)  # most words: they open or close no clause
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < n else ""
            after = words[i + 2] if i + 2 < n else ""
            participle = (
                w == ","
                and self.lex.lang == "en"
                and (nxt.endswith("ing") or (nxt.endswith("ly") and after.endswith("ing")))
                and nxt not in cues.transparent
            )  # ", ignoring ...", ", gradually replacing ..."
            # ", and American officials have warned": a clause of its own; not the last member
            # of a list ("Apple, Cisco, and Boeing")
            joined = (
                w == ","
                and nxt in ("and", "en")
                and self._after_date(i + 2) in self.mention_tokens
                and i - 1 not in self.mention_tokens
                and (current == main or current in relative)
            )  # also after a date: ", and on Wednesday Telefónica Deutschland said"; not
            # after an apposition: "charged Kovrig, a former diplomat, and Spavor, ..."
            if w == ":" and self._colon_list(i):
                self._kept_colons.add(i)
                i += 1  # "koos twee leveranciers: het Finse Nokia en het Chinese Huawei"
                continue
            if w in (";", ":") or (w == "," and nxt in cues.split) or participle or joined:
                if participle:
                    participles[len(clauses)] = current
                clauses.append([])
                main = current = len(clauses) - 1
                i += 1
                continue
            if w == "," and current != main:
                current = main  # a relative clause ends at its comma
                if not (nxt in cues.relative or (nxt in cues.markers and after in cues.relative)):
                    i += 1
                    continue
                # ... and a relative clause may follow at once: "China Unicom, the country's
                # third operator, which the New York Stock Exchange delisted"
            if w == "," and (
                nxt in cues.relative or (nxt in cues.markers and after in cues.relative)
            ):
                clauses.append([])
                current = len(clauses) - 1
                relative[current] = i
                i += 1
                continue
            if w in cues.bare_relative and current == main and i > 0 and words[i - 1] != ",":
                # "een overeenkomst waarin de Chinezen beloven", "a deal under which": a
                # relative clause without a comma, up to the next one
                clauses.append([i])
                current = len(clauses) - 1
                i += 1
                continue
            if w in cues.subordinators and current == main and i > 0 and self._clause_follows(i):
                clauses.append([])  # "after the ministry in Beijing put X on its list"
                main = current = len(clauses) - 1
                i += 1
                continue
            listed = (  # "The United States, the European Union, Britain and NATO"
                i > 0
                and i - 1 in self.mention_tokens
                and i + 2 in self.mention_tokens
                and i + 2 not in self.adjective_tokens
                and self._list_goes_on(self._name_end(i + 2))
            ) or (w == "," and self._described_member(i))
            if (
                w == ","
                and nxt in cues.apposition
                and (i + 1 not in self.mention_tokens or self._describes(i - 1, i + 1))
                and not listed
                and not self._opening_phrase(i)
                and not self._names_the_noun(i)
                and not self._speaker_tag(i)
            ):
                # ", a charge Beijing denies", ", het infrastructuurplan van Peking": a noun
                # phrase set beside the clause, with names of its own, up to the next comma
                clauses.append([])
                current = len(clauses) - 1
                i += 1
                continue
            clauses[current].append(i)
            i += 1
        # "X zei dat ...", "X said that ...": the content is a clause of its own
        content_of: dict[int, int] = {}
        cid = -1
        while cid + 1 < len(clauses):  # contents within contents: "said that X told it that"
            cid += 1
            toks = clauses[cid]
            for k, t in enumerate(toks):
                if (
                    words[t] in ("dat", "that")
                    and k > 0
                    and cid not in relative
                    and cues.content.any(words, toks[0], t)
                ):
                    clauses[cid] = toks[:k]
                    clauses.append(toks[k + 1 :])
                    content_of[len(clauses) - 1] = cid
                    break
                if (
                    self.lex.lang == "en"
                    and 0 < k < len(toks) - 1
                    and cid not in relative
                    and words[t] in cues.content.exact
                    and toks[k + 1] == t + 1
                    and (
                        t + 1 in self.mention_tokens
                        or (words[t + 1] in _DETERMINERS and t + 2 in self.mention_tokens)
                    )
                    and t + 1 not in self.adjective_tokens
                    and cues.content.at(words, t, t + 1) is not None
                    and not self._object_before_marker(t + 1)
                ):
                    # "the Russian government said Rosneft had signed ...": no "that"
                    clauses[cid] = toks[: k + 1]
                    clauses.append(toks[k + 1 :])
                    content_of[len(clauses) - 1] = cid
                    break
        built = {cid: Clause(tokens=toks) for cid, toks in enumerate(clauses) if toks}
        out = list(built.values())
        self._group(out)
        for cid, comma in relative.items():
            if cid not in built:
                continue
            earlier = [g for c in out for g in c.groups if g.last < comma]
            if earlier:
                near = max(earlier, key=lambda g: g.last)
                # the noun a relative clause is about is its subject, whatever marked it outside
                built[cid].antecedent = Group(list(near.mentions), near.first, near.last, None)
        for clause in out:
            self._speech(clause)
        for cid, parent in participles.items():
            if cid in built and parent in built:
                head = built[parent]
                built[cid].head, built[cid].participle = head, True
                first = self._first_unmarked(head)
                # "Britain on Tuesday allowed ..., ignoring": the main clause's opening subject,
                # also after a date ("Last month the Commerce Department barred ..., saying")
                opening = head.start
                while opening + 1 < len(self.words) and (
                    opening in self.date_tokens or self.words[opening] in _DETERMINERS
                ):
                    opening += 1
                if first is not None and first.first <= max(opening, head.start + 1):
                    built[cid].speaker = first
        for cid, parent in content_of.items():
            if cid in built and parent in built:
                head = built[parent]
                built[cid].head = head
                built[cid].speaker = head.sources[0] if head.sources else self._first_unmarked(head)
        return out

    def _group(self, clauses: list[Clause]) -> None:
        cues = self.lex.cues
        words = self.words
        for clause in clauses:
            members = set(clause.tokens)
            ms = [
                m for m in self.mentions if m.kind != "adjective" and self.tok(m.start) in members
            ]
            groups: list[Group] = []
            for m in ms:
                first = self.tok(m.phrase_start)
                last = self.tok_end(m.end) - 1
                if groups:
                    g = groups[-1]
                    between = [words[k] for k in range(g.last + 1, first)]
                    if (
                        between
                        and between[0] in cues.coordination
                        and all(self._in_list(k) for k in range(g.last + 1, first))
                        and (between != [","] or self._list_goes_on(last + 1))
                        and (g.marker is None or not self._opening_phrase(g.last + 1))
                        and not (between[0] == "," and self._speaker_tag(g.last + 1))
                    ):
                        g.mentions.append(m)
                        g.last = last
                        continue
                    if not between and first <= g.last:
                        g.mentions.append(m)
                        g.last = max(g.last, last)
                        continue
                marker, each = self._marker(first)
                groups.append(Group([m], first, last, marker, each))
            for g in groups:
                if g.marker is None and self._attributive(g.mentions[-1]):
                    g.marker = "attr"
            clause.groups = groups

    def _in_list(self, k: int) -> bool:
        """A word that may stand between the members of a list: a conjunction, an article, a
        country adjective or a descriptor noun ("with the carmaker Volvo and the chipmakers
        Infineon and NXP", "met het Duitse Infineon en het Eindhovense NXP")."""
        w = self.words[k]
        if w in self.lex.cues.coordination or w in _DETERMINERS or k in self.adjective_tokens:
            return True
        # "hij en zijn Servische ambtgenoot Aleksandar Vučić", "he and his Serbian counterpart"
        return w in self.lex.cues.counterparts or self._descriptor_noun(k)

    def _only_other_state(self, visitors: list[str]) -> str | None:
        """The one state the sentence names besides the visitors' own (a government, a
        capital or an adjective counts as its state): the host of a visit whose host the
        clause does not say ("signed in Peking, on the third day of Lula's state visit")."""
        own = {self._leader_state(v) for v in visitors}
        states: set[str] = set()
        for m in self.mentions:
            state = self._state(m.entity)
            if state is not None and state not in own:
                states.add(state)
        return states.pop() if len(states) == 1 else None

    def _clause_follows(self, i: int) -> bool:
        """After the conjunction at ``i`` comes a clause: a name (after determiners), in
        English then a verb, past a place or a date ("after the commerce ministry in Beijing
        on Thursday put"), not a noun phrase ("after the summit", "after Huawei's results")."""
        words, n = self.words, len(self.words)
        k = i + 1
        while k < n and (
            words[k] in _DETERMINERS  # "after the US Defense Department added": the state's
            or (k in self.adjective_tokens and k + 1 in self.mention_tokens)  # adjective too
        ):
            k += 1
        if k >= n or k not in self.mention_tokens or k in self.adjective_tokens:
            return False
        if self.lex.lang != "en":
            return True
        k = self._name_end(k)
        while k < n:
            if k in self.date_tokens:
                k += 1
            elif (
                words[k] in ("in", "on", "at")
                and k + 1 < n
                and (k + 1 in self.mention_tokens or k + 1 in self.date_tokens)
            ):
                k = self._name_end(k + 1) if k + 1 in self.mention_tokens else k + 1
            else:
                break
        cues = self.lex.cues
        return (
            k < n
            and words[k].isalpha()
            and words[k].islower()
            and words[k] not in cues.markers
            and words[k] not in cues.coordination
            and words[k] not in cues.relative
            and words[k] not in _DETERMINERS
        )

    def _described_member(self, comma: int) -> bool:
        """After the comma at ``comma`` comes the next member of a list, named after a
        description of its own: "added SenseTime, the camera maker Hikvision and 26 other
        organisations" (an article, then descriptor words, then a name that is not the one
        before the comma, then the list goes on), not an apposition ("Huawei, the Chinese
        company, said")."""
        words, n = self.words, len(self.words)
        k = comma + 1
        if comma < 1 or comma - 1 not in self.mention_tokens or k >= n:
            return False
        if words[k] not in _DETERMINERS:
            return False
        k += 1
        for _ in range(4):
            if k >= n or k in self.mention_tokens:
                break
            w = words[k]
            compound = (  # "camera maker": a noun before a descriptor noun
                w.isalpha() and w.islower() and k + 1 < n and self._descriptor_noun(k + 1)
            )
            if not (self._descriptor_noun(k) or k in self.adjective_tokens or compound):
                return False
            k += 1
        return (
            k > comma + 2
            and k in self.mention_tokens
            and k not in self.adjective_tokens
            and self._ids_at(k) != self._ids_at(comma - 1)
            and not self._describes(comma - 1, k)
            and self._list_goes_on(self._name_end(k))
        )

    def _opening_phrase(self, comma: int) -> bool:
        """The comma closes the phrase that opens the sentence, not a noun phrase an
        apposition could describe: "Separately, the Treasury blacklisted", "In October, the
        ministry said" (the sentence's first comma, after one word or a phrase that opens
        with a preposition)."""
        words = self.words
        return (
            words[comma] == ","
            and (
                (comma == 1 and 0 not in self.mention_tokens)
                or (comma <= 5 and words[0] in self.lex.cues.markers)
            )
            and "," not in words[:comma]
        )

    def _speaker_tag(self, comma: int) -> bool:
        """After the comma comes who said the clause before it: a name (after an article)
        and a verb of speech (", the FBI said on Wednesday")."""
        words = self.words
        k = comma + 1
        while k < len(words) and words[k] in _DETERMINERS:
            k += 1
        if k >= len(words) or k not in self.mention_tokens or k in self.adjective_tokens:
            return False
        k = self._name_end(k)
        return k < len(words) and self.lex.cues.speech.at(words, k, len(words)) is not None

    def _names_the_noun(self, comma: int) -> bool:
        """After a noun with no name, the comma opens only names, up to the next comma: they
        are who the noun means and stay in its clause ("sanctions on Russia's two main
        intelligence agencies, the GRU and the FSB, which ...")."""
        words, cues = self.words, self.lex.cues
        if comma < 1 or comma - 1 in self.mention_tokens:
            return False
        named = False
        k = comma + 1
        while k < len(words) and words[k] not in _CLAUSE_PUNCT and words[k] != ".":
            if k in self.mention_tokens and k not in self.adjective_tokens:
                named = True
            elif words[k] not in cues.apposition and words[k] not in cues.coordination:
                return False
            k += 1
        return named and (k == len(words) or words[k] in (",", "."))

    def _descriptor_noun(self, k: int) -> bool:
        """A noun that describes an organisation ("chipmaker", "bedrijven")."""
        w = self.words[k]
        return w.isalpha() and w.islower() and w.endswith(self.lex.descriptor_endings)

    def _describes(self, name: int, t: int) -> bool:
        """The description at token ``t`` names again the entity named at token ``name``: an
        apposition ("SAIC, the state-owned group that sells cars")."""
        at = {m.entity for m in self.mentions if self.tok(m.start) == t and m.kind == "coref"}
        return not at.isdisjoint(self._ids_at(name))

    def _name_end(self, t: int) -> int:
        """The token after the name that covers token ``t``."""
        ends = [self.tok_end(m.end) for m in self.mentions if self.tok(m.start) <= t]
        return max((e for e in ends if e > t), default=t + 1)

    def _list_goes_on(self, k: int) -> bool:
        """After a name joined by a bare comma, a list goes on with a comma or a conjunction
        ("Huawei, ZTE and Hikvision"); "to France, Airbus signed" is no list."""
        words = self.words
        return k < len(words) and words[k] in self.lex.cues.coordination

    def _attributive(self, m: Mention) -> bool:
        """A company name that modifies a noun: "Huawei equipment", "Huawei's kit",
        "Huawei-apparatuur", "Huawei 5G equipment"."""
        e = self.entities.get(m.entity)
        if e is None or e.type in ("State", "Person", "Technology"):
            return False
        after = self.text[m.end : m.end + 40]
        if after.startswith(("'s ", "’s ")) or _HYPHEN_WORD.match(after):
            return True
        k = self.tok_end(m.end)
        if k < len(self.words) and k in self.mention_tokens:
            nxt = next((x for x in self.mentions if self.tok(x.start) == k), None)
            if nxt is not None and self._type(nxt.entity) == "Technology":
                k = self.tok_end(nxt.end)
        return k < len(self.words) and self.words[k] in self.lex.artefacts

    def _marker(self, first: int) -> tuple[str | None, bool]:
        cues = self.lex.cues
        words = self.words
        k = first - 1
        if (
            k > 1
            and words[k] in _DETERMINERS
            and words[k - 1] == ","
            and self._names_the_noun(k - 1)
        ):
            k -= 1  # ", the GRU and the FSB"
        if k > 0 and words[k] == "," and not self._opening_phrase(k):
            # an apposition takes the marker of the noun before it: "with each of the three
            # network operators, Deutsche Telekom, Vodafone and Telefonica"
            # ("on Russia's two main intelligence agencies, the GRU and the FSB": a possessor)
            for j in range(k - 1, max(-1, k - 9), -1):
                possessor = words[j].endswith(("'s", "’s"))
                if words[j] == "," or (j in self.mention_tokens and not possessor):
                    break
                if words[j] in cues.markers:
                    if j >= 2 and words[j] in ("of", "van") and words[j - 1] in _EACH:
                        if words[j - 2] in cues.markers:
                            return words[j - 2], True
                        break
                    if j + 1 < k and (
                        words[j + 1] in _DETERMINERS
                        or (j + 1 in self.mention_tokens and words[j + 1].endswith(("'s", "’s")))
                    ):
                        return words[j], False
                    break
        while k >= 0:
            if (
                words[k] in _DETERMINERS
                or words[k].isdigit()
                or k in self.adjective_tokens
                or k in self.date_tokens
                or (words[k].endswith(("'s", "’s")) and k not in self.mention_tokens)
            ):
                # "with Finland's Nokia", "met de twee", "In 2019 the department", "by the
                # country's Higher Council"
                k -= 1
                continue
            quantity = next(
                (
                    n
                    for n in (3, 2, 1)
                    if " ".join(words[max(0, k - n + 1) : k + 1]) in cues.quantities
                ),
                0,
            )
            if not quantity or k + 1 >= len(words) or not words[k + 1][:1].isdigit():
                break
            k -= quantity  # "an order for as many as 210 Boeing jets", "tot 100 Airbus-toestellen"
        if k < 0:
            return None, False
        if k >= 2 and words[k] in ("of", "van") and words[k - 1] in cues.state_nouns:
            # "with the Middle Eastern sheikhdom of Qatar": the state's phrase is the noun's
            k -= 2
            while k >= 0 and (words[k] in _DETERMINERS or k in self.adjective_tokens):
                k -= 1
            if k < 0:
                return None, False
        each = False
        if (
            k >= 2
            and words[k] in ("of", "van")
            and words[k - 1] in ("each", "elk", "elke", "ieder")
        ):
            k, each = k - 2, True
        w = words[k]
        if w in cues.transparent or (k > 0 and f"{words[k - 1]} {w}" in cues.transparent):
            return None, each
        if w in ("van", "of", "for", "namens") and k > 0 and words[k - 1] in cues.spokespeople:
            return None, each  # "een woordvoerder van het ministerie riep op": the ministry did
        if k > 0 and (
            words[k - 1] in cues.sponsors
            or (k > 1 and f"{words[k - 2]} {words[k - 1]}" in cues.sponsors)
        ):
            return "sponsor", each  # "hackers in opdracht van de Chinese staat"
        if k > 0 and self._conflict(k - 1):
            return "conflict", each  # "de spanningen tussen Washington en Peking": no party
        if w in cues.subordinators and self._clause_follows(k):
            return None, each  # "after Beijing put them on its list": Beijing is its subject
        if k > 0 and f"{words[k - 1]} {w}" in cues.markers:
            return f"{words[k - 1]} {w}", each
        if w in cues.markers:
            return w, each
        return None, each

    def _conflict(self, k: int) -> bool:
        """A noun of a conflict ends at token ``k`` ("spanningen", "technologiestrijd", "arms
        race"), whose prepositional phrase names its sides."""
        conflicts = self.lex.cues.conflicts
        for j in range(max(0, k - 1), k + 1):
            hit = conflicts.at(self.words, j, k + 1)
            if hit is not None and hit[1] == k + 1:
                return True
        return False

    def _affiliation(self, person: str) -> str | None:
        """The organisation or state a person speaks for in this sentence: "Woordvoerder X
        van het ministerie", "X, a spokesman for the ministry,", "the EU's foreign policy chief,
        X". Only a spokesperson's or a chief's words (`spokespeople`, `speaks_for`) make the
        organisation act: "X, de voorzitter van de China-commissie" still acts himself."""
        text, cues = self.text, self.lex.cues
        for m in self.mentions:
            if m.entity != person:
                continue
            after = cues.affiliation_after.match(text, m.end)
            if after is not None:
                title = (
                    after.group()
                    if after.group().lstrip().startswith(",")
                    else (text[max(self.sentence.start, m.start - 30) : m.start])
                )
                body = self._body_at(after.end())
                if body is not None and self._speaks_for(title):
                    return body
            before = cues.affiliation_before.search(
                text, max(self.sentence.start, m.start - 60), m.start
            )
            if before is not None and self._speaks_for(before.group()):
                body = self._body_ending(before.start())
                if body is not None:
                    return body
        return None

    def _speaks_for(self, words: str) -> bool:
        """Whether ``words`` hold a spokesperson's or a chief's title."""
        cues = self.lex.cues
        return any(
            w in cues.spokespeople or w in cues.speaks_for
            for w in re.findall(r"\w+", words.lower())
        )

    def _body_at(self, offset: int) -> str | None:
        """The organisation, government body or state whose name starts at ``offset``."""
        return next(
            (
                m.entity
                for m in self.mentions
                if m.start == offset and m.kind != "adjective" and self._type(m.entity) in _BODIES
            ),
            None,
        )

    def _body_ending(self, offset: int) -> str | None:
        """The organisation or state whose name ends at ``offset`` ("the EU" of "the EU's")."""
        return next(
            (
                m.entity
                for m in self.mentions
                if m.end == offset and self._type(m.entity) in _BODIES
            ),
            None,
        )

    def _all_of(self, ids: Iterable[str], classes: Sequence[str]) -> bool:
        """Whether every entity of ``ids`` is of one of ``classes`` (or a subclass)."""
        return all(any(self.schema.is_a(self._type(x), c) for c in classes) for x in ids)

    def _likewise(self, end: int) -> list[str]:
        """The companies named right after "as did" / "net als" later in the sentence ("Telus
        turned to Ericsson and Nokia, as did Bell Canada")."""
        found = self.lex.cues.likewise.find(self.words, end, len(self.words))
        if not found:
            return []
        stop = found[0][1]
        return [
            m.entity
            for m in self.mentions
            if self.tok(m.start) == stop and self._type(m.entity) == "Company"
        ]

    def _its_owner(self, clause: Clause) -> str | None:
        """The company "its" stands for after a supplier's trigger: the clause's speaker
        ("Bell said Ericsson would supply ... for its network"). Not the company the sentence
        before was about: "Huawei was Telia's main supplier. Ericsson will supply ... for its
        network" is Telia's."""
        if clause.speaker is None:
            return None
        found = [x for x in clause.speaker.ids if self._type(x) == "Company"]
        return found[0] if len(found) == 1 else None

    def _they(self, clause: Clause, lead: list[int]) -> Group | None:
        """In a participle clause that gives the reason for its main clause ("banned phones
        made by Huawei and ZTE, saying they could pose a risk"), a plural pronoun before the
        verb with no name before it is what the main clause acted on: its first phrase after
        its subject."""
        head = clause.head
        if not clause.participle or head is None:
            return None
        at = next((t for t in lead if self.words[t] in self.lex.cues.they), None)
        if at is None or any(g.first < at for g in clause.groups):
            return None
        subject = self._first_unmarked(head)
        acted_on = next((g for g in head.groups if g is not subject and g.first > head.start), None)
        if acted_on is None:
            return None
        return Group(list(acted_on.mentions), at, at, None)

    def _them(self, clause: Clause, end: int) -> Group | None:
        """In a participle clause that gives the reason for its main clause, a plural object
        pronoun right after the verb is what the main clause acted on ("Micron sued the
        Chinese company and its partner UMC, accusing them of stealing its trade secrets")."""
        head = clause.head
        if not clause.participle or head is None or end >= len(self.words):
            return None
        if self.words[end] not in self.lex.cues.them or any(g.first == end for g in clause.groups):
            return None
        subject = self._first_unmarked(head)
        acted_on = [g for g in head.groups if g is not subject and g.first > head.start]
        if not acted_on or acted_on[0].marker is not None:
            return None
        mentions = [m for g in acted_on if g.marker is None for m in g.mentions]
        return Group(mentions, end, end, None)

    def _first_unmarked(self, clause: Clause) -> Group | None:
        if clause.antecedent is not None:
            return clause.antecedent
        return next((g for g in clause.groups if g.marker is None), None)

    def _speech(self, clause: Clause) -> None:
        """Sources: "volgens X", "X zei", "zei X", "meldde persbureau X", "X said"."""
        cues = self.lex.cues
        for g in clause.groups:
            if g.marker in ("volgens", "according to"):
                clause.sources.append(g)
        for i, end, _ in cues.speech.find(self.words, clause.start, clause.end):
            after = next((g for g in clause.groups if i < g.first <= end + 2), None)
            if (
                after is not None
                and after.marker is None
                and not (after.last + 1 < len(self.words) and self.words[after.last + 1] == "te")
            ):  # "besloot Huawei te weren": Huawei is the infinitive's object, not the speaker
                clause.sources.append(after)
                continue
            before = [g for g in clause.groups if g.last < i and g.marker is None]
            if before and before[-1].last >= i - 2:
                clause.sources.append(before[-1])
            elif before:
                clause.sources.append(before[0])
        news = [
            g
            for g in clause.groups
            if any(self._type(e) == "NewsAgency" for e in g.ids) and g not in clause.sources
        ]
        if news and (clause.sources or cues.speech.any(self.words, clause.start, clause.end)):
            clause.sources.extend(news)

    # -- candidates ------------------------------------------------------------------------

    def _own_noun_subject(self, clause: Clause, i: int) -> bool:
        """An English relative clause whose relative word is followed by a noun phrase of its
        own before the verb at ``i``: "which his administration accuses", "that the ministry
        listed" (a determiner, then up to three words that are no preposition)."""
        words, cues = self.words, self.lex.cues
        toks = [t for t in clause.tokens if t < i]
        if self.lex.lang != "en" or len(toks) < 3 or words[toks[0]] not in cues.relative:
            return False
        lead = toks[1:]
        return (
            words[lead[0]] in _DETERMINERS
            and len(lead) <= 4
            and all(words[t].isalpha() and words[t] not in cues.markers for t in lead)
        )

    def _after_transparent(self, g: Group) -> bool:
        """A list set off by "onder wie", "including", "such as": the members of what the
        clause names ("zette 140 bedrijven op de zwarte lijst, onder wie de chipmachinemakers
        Piotech en SiCarrier"), or by a colon the clause kept ("koos twee leveranciers: het
        Finse Nokia en het Chinese Huawei"), or by a comma after a noun with no name ("accused
        Russia's foreign intelligence service, the SVR, of")."""
        words, cues = self.words, self.lex.cues
        comma = g.first - 2 if g.first > 1 and words[g.first - 1] in _DETERMINERS else g.first - 1
        if comma > 0 and words[comma] == "," and self._names_the_noun(comma):
            return True
        nouns = 0
        for k in range(g.first - 1, max(-1, g.first - 6), -1):
            w = words[k]
            if w in cues.transparent or (k > 0 and f"{words[k - 1]} {w}" in cues.transparent):
                return True
            if w == ":" and k in self._kept_colons:
                return True
            if w in _DETERMINERS or k in self.adjective_tokens:
                continue
            if nouns < 2 and w.isalpha() and w not in cues.markers and w not in cues.coordination:
                nouns += 1  # "de chipmachinemakers", "Chinese firms": any noun, not only a
                continue  # descriptor, since the transparent word must still follow
            return False
        return False

    def _ids_at(self, t: int) -> list[str]:
        """The entities of the mentions that cover token ``t``."""
        return [m.entity for m in self.mentions if self.tok(m.start) <= t < self.tok_end(m.end)]

    def _type(self, eid: str) -> str:
        e = self.entities.get(eid)
        return e.type if e is not None else ""

    def _fit(self, eid: str, role: str, ftype: str, types: Sequence[str] = ()) -> str | None:
        """``eid`` if it can fill ``role`` (a government stands for its state where only a
        state fits: "in Beijing" is China as a host), else None."""
        t = self._type(eid)
        if not t:
            return None
        r = self.schema.roles_of(ftype)[role]
        if r.range == ("State",) and t == "GovernmentBody":
            e = self.entities[eid]
            if e.country:
                eid, t = e.country, "State"
        if types and not any(self.schema.is_a(t, x) for x in types):
            return None
        return eid if any(self.schema.is_a(t, x) for x in r.range) else None

    def candidates(self) -> list[Candidate]:
        found = self.triggers()
        if found and any(f[2].technology for f in found):
            has_technology = any(self._type(m.entity) == "Technology" for m in self.mentions)
            found = [f for f in found if not f[2].technology or has_technology]
        if not found:
            return []
        clauses = self.clauses()
        definite = self.lex.cues.definite
        # a trigger that holds only for an agent of some class ("ordered X to sell" by a
        # government is a ban, "took control of" a deal when a company does it), or only
        # about a technology ("started 5G"), is dropped before it cancels or owns anything
        found = [
            f
            for f in found
            if (not f[2].technology or self._technology_near(f[0], clauses))
            and (not f[2].agents or self._applies(f, clauses))
        ]
        cancelled: list[tuple[int, str, int]] = []  # (clause, type, from this token on)
        nouns_out: set[int] = set()  # deal nouns a Dutch ban verb at the end governs
        for i, _, group, _ in found:
            clause = next((c for c in clauses if i in c.tokens), None)
            if clause is None:
                continue
            for other in group.cancels:  # "zet de samenwerking stop": no deal in the clause
                cancelled.append((clause.start, other, -1))
            for other in group.cancels_after:
                cancelled.append((clause.start, other, i))
                if self.lex.lang == "nl" and group.type == "Ban" and i == clause.tokens[-1] - 1:
                    # "heeft de overname van Robox geblokkeerd": the verb comes last in Dutch
                    for j, _, g2, _ in found:
                        if (
                            g2.type == other
                            and j < i
                            and j in clause.tokens
                            and j > 0
                            and (self.words[j - 1] in _DETERMINERS)
                        ):
                            nouns_out.add(j)

        split = self.lex.cues.split - _COORDINATORS

        def is_cancelled(i: int, ftype: str) -> bool:
            if i in nouns_out and ftype == "Deal":
                return True
            # a conjunction ends what a trigger governs ("urged operators to diversify their
            # suppliers after it banned Huawei")
            clause = next((c for c in clauses if i in c.tokens), None)
            return clause is not None and any(
                clause.start == cl
                and ftype == t
                and i > after
                and (after < 0 or not any(self.words[k] in split for k in range(after + 1, i)))
                for cl, t, after in cancelled
            )

        # predicates own the prepositional phrases near them; "de deal" only refers back, and
        # a cancelled trigger owns nothing ("banned X from selling to ZTE": ZTE is the ban's)
        positions = [
            (i, end)
            for i, end, group, phrase in found
            if not group.attach
            and not group.weak
            and not (
                i > 0 and self.words[i - 1] in definite and not group.place and "..." not in phrase
            )
            and not is_cancelled(i, group.type)
        ]
        out: list[Candidate] = []
        for i, end, group, phrase in found:
            clause = next((c for c in clauses if i in c.tokens), None)
            if clause is None or is_cancelled(i, group.type):
                continue
            if group.reported and (
                (clause.speaker is None and not clause.sources)
                or any(
                    g2.type == group.type and not g2.reported and j in clause.tokens
                    for j, _, g2, _ in found
                )
            ):
                continue  # "accused Huawei of undermining ...": the harm is the accusation's
            others = [p for p in positions if p != (i, end) and p[0] in clause.tokens]
            nouns = [(a, b) for a, b, _, _ in found if a != i and a in clause.tokens]
            for cand in self._candidates(clause, clauses, i, end, group, phrase, others, nouns):
                twin = next(
                    (
                        o
                        for o in out
                        if o.type == cand.type
                        and o.kind == cand.kind
                        and o.clause == cand.clause
                        and o.definite == cand.definite
                        and not _other_host(o, cand)
                    ),
                    None,
                )
                if twin is None or cand.each:
                    out.append(cand)
                else:
                    twin.absorb(cand)
        out = [c for c in out if not is_cancelled(self.tok(c.position), c.type)]
        if not any(g.type == "Ban" and not g.lift for _, _, g, _ in found):
            for c in out:
                c.lone = c.kind == "lift"  # it may end a ban named before, not start one
        for c in out:  # one entity in two core roles: the agent keeps it
            frame = self.lex.frames[c.type]
            agent = set(c.roles.get(frame.agent, []))
            if frame.patient != frame.agent and agent and c.roles.get(frame.patient):
                c.roles[frame.patient] = [e for e in c.roles[frame.patient] if e not in agent]
                if not c.roles[frame.patient]:
                    del c.roles[frame.patient]
        for c in out:  # "The deal follows an agreement ... in July": July is the agreement's
            if c.definite and any(
                o.type == c.type and o.clause == c.clause and not o.definite and o.kind == "new"
                for o in out
            ):
                c.dates = []
        # who said it goes with what is newly said, not with a word that refers back
        if any(c.kind != "attach" and not c.definite for c in out):
            for c in out:
                if c.kind == "attach" or c.definite:
                    c.sources = {}
        self._imposer_elsewhere(out, clauses)
        out.extend(self._reasons(out))
        out.extend(self._blocked_deals(out, clauses))
        return out

    def _blocked_deals(self, out: list[Candidate], clauses: list[Clause]) -> list[Candidate]:
        """A ban on a takeover names the deal it blocks: "blocked Microsoft's takeover of
        Activision", "the sale of Lattice to Canyon Bridge", "de overname van Aixtron door
        FGC", "Broadcom's bid for Qualcomm" (a bid: a planned deal). One Deal of the buyer
        and the company bought, when the clause has no deal of its own (the ban's target is
        the buyer: `_blocked_takeover`)."""
        words, cues = self.words, self.lex.cues
        made: list[Candidate] = []
        for c in out:
            if c.type != "Ban" or c.kind != "new":
                continue
            if any(o.type == "Deal" and o.clause == c.clause and o.roles for o in out):
                continue
            clause = next((cl for cl in clauses if cl.start == c.clause), None)
            if clause is None:
                continue
            for noun in (t for t in clause.tokens if words[t] in cues.takeover):
                found = self._deal_of_noun(clause, noun)
                if found is None:
                    continue
                buyers, sold = found
                if not sold:
                    continue
                made.append(
                    replace(
                        c,
                        type="Deal",
                        phrase=words[noun],
                        definite=False,
                        roles={"party": [*buyers, *sold]},
                        sources={k: list(v) for k, v in c.sources.items()},
                        extra={},
                        modality="planned" if words[noun] in cues.bids else "asserted",
                        dates=[],
                        needs=(),
                        extend=False,
                    )
                )
                break
        return made

    def _deal_of_noun(self, clause: Clause, noun: int) -> tuple[list[str], list[str]] | None:
        """The buyer and the companies bought of a takeover noun. Buyer: its possessor
        ("Microsoft's $68.7 billion takeover of"), a by-phrase ("door Microsoft") or the
        to-phrase of a sale ("the sale of Lattice to Canyon Bridge"). Bought: its of-phrase
        ("of Activision", "van Aixtron") or for-phrase ("bid for Qualcomm", "bod op"); none
        when only a by-phrase follows the noun ("the takeover by Midea")."""
        words = self.words
        after = [g for g in clause.groups if g.first > noun]
        bid = words[noun] in self.lex.cues.bids
        if bid:  # "Broadcom's bid for", "het bod van X op Y"
            bought = next((g for g in after[:2] if g.marker in ("for", "op")), None)
            buyer_markers: tuple[str, ...] = ("by", "door", "van")
        else:
            bought = next((g for g in after if g.marker in ("of", "van")), None)
            sale = words[noun] in ("sale", "verkoop")  # "the sale of X to Y"
            buyer_markers = ("to", "aan") if sale else ("by", "door")
        buyer = next((g for g in after if g.marker in buyer_markers and g is not bought), None)
        if not bid and bought is not None and buyer is not None and bought.first > buyer.first:
            return None  # the of-phrase belongs to another noun: "by X of the Y group"
        if bought is None and buyer_markers[0] != "by":
            return None
        if buyer is None and buyer_markers[0] != "to":
            buyer = self._possessor(clause, noun, span=5)
        if buyer is None:
            return None
        kinds = ("Company", "Organization", "State", "GovernmentBody")
        buyers = [x for x in buyer.ids if self._type(x) in kinds]
        sold = (
            []
            if bought is None
            else [x for x in bought.ids if self._type(x) in ("Company", "Organization")]
        )
        if not buyers or (bought is not None and not sold) or set(buyers) & set(sold):
            return None
        return buyers, sold

    def _reasons(self, out: list[Candidate]) -> list[Candidate]:
        """A ban given with its reason also accuses its target: "put Hikvision on its Entity
        List, saying it was implicated in abuses", "legde Skydio sancties op vanwege de
        wapenverkopen" (an Allegation of the imposer against each company, organisation or
        person targeted, when its sentence has none; not for a blocked takeover)."""
        if any(c.type == "Allegation" for c in out):
            return []
        cues, words = self.lex.cues, self.words
        made: list[Candidate] = []
        for c in out:
            if c.type != "Ban" or c.kind != "new" or c.modality != "asserted":
                continue
            imposer = c.roles.get("imposer", [])
            accused = [
                x
                for x in c.roles.get("target", [])
                if self._type(x) in ("Company", "Organization", "Person")
            ]
            if not imposer or not accused:
                continue
            found = cues.reasons.find(words, self.tok(c.position) + 1, len(words))
            if not found or not cues.takeover.isdisjoint(words):
                continue  # a blocked takeover's reason is the deal's risk, not a charge
            made.append(
                replace(
                    c,
                    type="Allegation",
                    phrase=" ".join(words[found[0][0] : found[0][1]]),
                    definite=False,
                    roles={"accuser": list(imposer), "accused": accused},
                    sources={k: list(v) for k, v in c.sources.items()},
                    extra={},
                    dates=[],
                    needs=(),
                    extend=False,
                )
            )
        return made

    def _applies(self, f: tuple[int, int, TriggerGroup, str], clauses: list[Clause]) -> bool:
        i, end, group, phrase = f
        clause = next((c for c in clauses if i in c.tokens), None)
        return clause is not None and bool(self._candidates(clause, clauses, i, end, group, phrase))

    def _technology_near(self, i: int, clauses: list[Clause]) -> bool:
        """A technology named in the trigger's clause ("met 5G beginnen", "began offering
        5G")."""
        clause = next((c for c in clauses if i in c.tokens), None)
        if clause is None:
            return False
        return any(
            self._type(m.entity) == "Technology" and self.tok(m.start) in clause.tokens
            for m in self.mentions
        )

    def _imposer_elsewhere(self, out: list[Candidate], clauses: list[Clause]) -> None:
        """A ban in the passive with no by-phrase: its imposer is the government or state that
        is the subject of another clause of the sentence ("... were banned, after the
        government issued new guidance")."""
        for c in out:
            if c.type != "Ban" or c.roles.get("imposer") or c.kind != "new":
                continue
            for clause in clauses:
                if clause.start == c.clause:
                    continue
                g = self._first_unmarked(clause)
                if g is None:
                    continue
                ids = [x for x in g.ids if self._type(x) in ("State", "GovernmentBody")]
                if ids:
                    c.roles["imposer"] = ids
                    break

    def _candidates(
        self,
        clause: Clause,
        clauses: list[Clause],
        i: int,
        end: int,
        group: TriggerGroup,
        phrase: str,
        others: Sequence[tuple[int, int]] = (),
        nouns: Sequence[tuple[int, int]] = (),
    ) -> list[Candidate]:
        frame = self.lex.frames[group.type]
        cues = self.lex.cues
        words = self.words
        ftype = group.type
        roles: dict[str, list[str]] = {}
        sources: dict[str, list[str]] = {}
        extra: dict[str, list[str]] = {}

        def add(role: str, eid: str, into: dict[str, list[str]] | None = None) -> None:
            target = roles if into is None else into
            if eid not in target.setdefault(role, []):
                target[role].append(eid)

        noun_chains = [
            (b, self._attached(clause, b, loose=True))
            for a, b in nouns
            if a < i and self._heads_a_phrase(a)
        ]

        def nearest_is_mine(g: Group) -> bool:
            """A prepositional phrase belongs to the trigger nearest to it, and one in the
            chain of phrases after another trigger noun before it to that noun ("tijdens het
            staatsbezoek van de Chinese president Xi aan Saudi-Arabië heeft Huawei een
            memorandum getekend": Saudi Arabia is the visit's), when that noun stands in a
            phrase of its own ("tijdens het staatsbezoek"), not as the object ("heeft de
            samenwerking met Huawei opgeschort")."""
            if g.last < i and any(b < g.first and g in chain for b, chain in noun_chains):
                return False
            mine = _distance(g, i, end)
            return all(mine <= _distance(g, a, b) for a, b in others)

        groups = list(clause.groups)
        content: list[Group] = []  # "urged Australia to reverse ...": what was urged
        comp = self._complement_start(clause, i, end, phrase) if group.complement else None
        if comp is not None:
            content = [g for g in groups if g.first >= comp]
            groups = [g for g in groups if g.first < comp]

        chained = self._attached(clause, end)
        # whose visit: "during Joe Biden's two-day state visit" (tried for every noun and
        # dropped: "the EU's stability pact", "the European Union's arms embargo" then lost
        # their other roles to the verb's subject)
        possessor = self._possessor(clause, i) if ftype == "StateVisit" else None
        owner_group, owner_state = self._intent_owner(clause, i, group.place)

        def marker(g: Group) -> str | None:
            """A by-phrase far from the trigger is no agent: "components made by X"; "after"
            right before a subject and its verb is a conjunction ("after the government
            ordered")."""
            if g.marker in ("by", "door") and not self._by_near(g, i, end) and g not in chained:
                return "attr"  # ... unless it follows the noun's own phrases: "de overname
                # van de fabriek Delta Fab door Infineon"
            if g.marker in cues.split and 0 < i - g.last <= 2 and g.last < i:
                return None
            if g.last == i - 1 and self.words[g.last].endswith(("'s", "’s")):
                return None  # "during Xi Jinping's state visit": whose visit
            if g is possessor or g is owner_group:
                return None  # "during Joe Biden's two-day state visit"; "Nokia's plan to buy"
            if (
                g.marker is not None
                and g.first >= end
                and words[end - 1] == g.marker
                and all(
                    words[k] in _DETERMINERS or k in self.adjective_tokens
                    for k in range(end, g.first)
                )
            ):
                return None  # the trigger's own preposition: "rely on Huawei", "samen met X"
            return g.marker

        passive = self._passive(clause, i, end)
        by_present = any(
            g.marker in ("by", "door") and self._by_near(g, i, end) and nearest_is_mine(g)
            for g in clause.groups
        )
        disregard = ftype == "Appeal" and cues.disregard.any(words, clause.start, i)
        lead = [t for t in clause.tokens if t < i]
        trigger_is_subject = (
            bool(lead)
            and len(lead) <= 4
            and (words[lead[-1]] in _DETERMINERS or lead[-1] in self.adjective_tokens)
            and not any(t in self.mention_tokens and t not in self.adjective_tokens for t in lead)
        )
        if (
            trigger_is_subject
            and words[lead[-1]] in cues.definite
            and all(
                words[t] in _DETERMINERS
                or t in self.adjective_tokens
                or words[t].isalpha()
                and words[t] not in cues.markers
                for t in lead
            )
        ):
            # "The launch comes amid uncertainty over the role of Huawei": a definite event
            # noun that opens its clause has its object ("de maatregel raakt ASML") and the
            # phrases right after it ("the launch of X"), not those of other nouns
            attached = self._attached(clause, end)
            groups = [g for g in groups if g.marker is None or g in attached]
        elif self._heads_a_phrase(i) and "..." not in phrase and not group.place:
            # "verdenken haar van het omzeilen van de Amerikaanse sancties tegen Iran": a noun
            # inside a prepositional phrase takes the clause's subject ("Trump arrived for a
            # state visit"), not the verb's object
            first = next((g for g in groups if g.marker is None), None)
            groups = [g for g in groups if g.marker is not None or g is first]
        source_groups = list(clause.sources)
        # the subject may also be the clause's speaker ("BT has chosen ..., the group said")
        unmarked = [
            g
            for g in groups
            if marker(g) is None
            and (g not in source_groups or g is groups[0])
            and not all(self._type(x) == "Technology" for x in g.ids)  # "5G" is no actor
        ]
        they = self._they(clause, lead)
        if they is not None:
            groups.insert(0, they)
            unmarked.insert(0, they)
        them = self._them(clause, end)
        if them is not None:
            groups.append(them)
            unmarked.append(them)
        if passive and self._reduced_participle(i, end):
            # the name before the comma is the participle's only unmarked phrase
            named = [g for g in unmarked if g.last == i - 2]
            groups = [g for g in groups if g in named or g.first > end]
            unmarked = named
        subject: Group | None
        own = [g for g in unmarked if g.last < i]
        if clause.antecedent is not None and own and not passive:
            # "EE, which BT bought": the relative clause has a subject of its own, and the
            # noun it is about is its object
            subject = own[0]
            unmarked.insert(1, clause.antecedent)
            groups.insert(0, clause.antecedent)
        elif clause.antecedent is not None and self._own_noun_subject(clause, i) and not passive:
            # "the GRU and the FSB, which his administration accuses of hacking": a noun
            # phrase of the relative clause's own is its subject, so the noun it is about is
            # the object (the subject, with no name, is left to the sentence)
            subject = None
            unmarked.insert(0, clause.antecedent)
            groups.insert(0, clause.antecedent)
        elif clause.antecedent is not None:
            subject = clause.antecedent
            groups.insert(0, subject)
        elif trigger_is_subject:
            subject = None
        elif self.lex.lang == "en":
            # the first noun phrase before the verb, or the first after the conjunction
            # that opens the verb's own clause ("..., a year after the British government
            # ordered")
            conj = max((t for t in lead if words[t] in cues.split), default=-1)
            subject = next((g for g in unmarked if conj < g.first and g.last < i), None)
            if subject is not None and conj >= 0:
                # what comes before the conjunction belongs to another verb
                groups = [g for g in groups if g.first > conj]
                unmarked = [g for g in unmarked if g.first > conj]
            if subject is None:
                subject = next((g for g in unmarked if g.last < i), None)
        else:
            subject = unmarked[0] if unmarked else None
        # "uses equipment from": a deal trigger that ends in a suppliers' preposition
        from_suppliers = ftype == "Deal" and phrase.rsplit(" ", 1)[-1].lower() in cues.suppliers
        if subject is None and from_suppliers and not passive:
            # "Vodafone's radio network uses equipment from Ericsson": whose network it is
            # buys from the supplier (only after such a verb: "Boeing's great European
            # competitor is to sell" is not Boeing)
            whose = next(
                (
                    g
                    for g in groups
                    if g.marker == "attr"
                    and g.last < i
                    and g.first <= clause.start + 1
                    and words[g.last].endswith(("'s", "’s"))
                ),
                None,
            )
            if whose is not None:
                subject = Group(list(whose.mentions), whose.first, whose.last, None)
                groups = [subject if g is whose else g for g in groups]
                unmarked.insert(0, subject)
        if (
            possessor is not None
            and possessor is not subject
            and not passive
            and not group.subject
            and not frame.markers.get(possessor.marker or "")
        ):
            # "Vietnam Airlines signed the deal during Joe Biden's state visit": the visit's
            # possessor is its visitor, not the subject of the verb the noun depends on
            if subject is not None:  # ... who belongs to the verb, not to the noun
                groups = [g for g in groups if g is not subject]
                unmarked = [g for g in unmarked if g is not subject]
            subject = possessor
            if possessor not in groups:
                groups.insert(0, possessor)
            if possessor not in unmarked:
                unmarked.insert(0, possessor)
        it_at = next((t for t in lead if words[t] in cues.it and self._is_it(t)), None)
        it_here = it_at is not None
        if (
            it_at is not None
            and cues.it_before  # Dutch: the pronoun is read as one only before such words
            and subject is not None
            and it_at < subject.first
            and it_at > 0
            and words[it_at - 1] in cues.relative | cues.subordinators  # "dat het", "omdat het"
            and not passive
        ):
            # "dat het zijn dochter ASN wil verkopen": the pronoun is the subject, the name
            # after it the object (English names its subject before the verb anyway)
            subject = None
        if subject is None and it_here and lead and words[lead[0]] in cues.split:
            # "It is the latest step by Britain ..., after it ordered Huawei equipment out":
            # "it" in a clause opened by a conjunction is the actor named before it
            before = [
                g
                for c in clauses
                for g in c.groups
                if g.last < lead[0]
                and all(self._type(x) in ("State", "GovernmentBody", "Company") for x in g.ids)
            ]
            if before:
                subject = Group(list(before[0].mentions), -1, -1, None)
                groups.insert(0, subject)
        if subject is None and it_here and clause.head is not None:
            # "Nvidia said that the government had told it that it would need a licence":
            # "it" in reported speech is the one who first speaks
            top = clause.head
            while top.head is not None:
                top = top.head
            first = self._first_unmarked(top)
            if first is None:
                # "The kingdom's fund, the Public Investment Fund, said that it ...": the name
                # set beside the speaker, inside the head clause
                first = next(
                    (
                        g
                        for c in clauses
                        if top.start < c.start and c.end <= top.tokens[-1]
                        for g in [self._first_unmarked(c)]
                        if g is not None
                    ),
                    None,
                )
            if first is not None and all(
                self._type(x) in ("State", "GovernmentBody", "Company") for x in first.ids
            ):
                subject = Group(list(first.mentions), -1, -1, None)
                groups.insert(0, subject)
        if subject is None and not trigger_is_subject and clause.speaker is not None:
            subject = clause.speaker
            groups.insert(0, subject)
        if subject is None and it_here and self.previous_subject is not None:
            m = self.previous_subject
            subject = Group([m], -1, -1, None)
            groups.insert(0, subject)
        if (
            ftype == "Deal"
            and subject is not None
            and all(self._type(x) == "Person" for x in subject.ids)
        ):
            # "Chief executive X signed the agreement": X signs for the company named before;
            # a head of state signs for the state
            company = [self._leader_state(x) or self.employers.get(x) for x in subject.ids]
            if not all(company) and self.previous_subject is not None:
                prev = self.previous_subject.entity
                if self._type(prev) == "Company":
                    for x in subject.ids:
                        self.employers.setdefault(x, prev)
                    company = [self._leader_state(x) or prev for x in subject.ids]
            if all(company):
                subject = Group(
                    [Mention(0, 0, c, "name", c) for c in dict.fromkeys(company) if c], -1, -1, None
                )
                groups.insert(0, subject)
        if (
            ftype == "Ban"
            and subject is not None
            and all(self._leader_state(x) for x in subject.ids)
        ):
            # "President Trump signed orders banning ...": a head of state bans for the
            # government, in whose name the measure is said
            groups = [g for g in groups if g is not subject]
            unmarked = [g for g in unmarked if g is not subject]
            for x in subject.ids:
                add("attributedTo", x, sources)
            states = [self._leader_state(x) or "" for x in subject.ids]
            if not cues.laws.any(words, 0, len(words)):  # "signed the defence bill": the state's
                states = [self._ents.government_of(s) for s in states]
            subject = Group(
                [Mention(0, 0, s, "name", s) for s in dict.fromkeys(states)], -1, -1, None
            )
            groups.insert(0, subject)
        if subject in source_groups and ftype != "Allegation":
            source_groups = [g for g in source_groups if g is not subject]
        objects = [g for g in unmarked if g is not subject]
        destinations: list[str] = []  # states after "aan", "naar", "to"
        from_subject_or_marker = False
        with_party = False
        party_groups: set[int] = set()  # the lists that gave a deal its parties
        object_parties: list[str] = []
        chosen: list[str] = []  # the parties of the object list ("picked Nokia and Huawei")
        suppliers = False  # ... or of a list of suppliers ("buys from Ericsson and Nokia")
        far: dict[str, tuple[int, int]] = {}  # how far from the trigger each host's phrase is
        for g in groups:
            if g in source_groups:
                continue
            if marker(g) is not None:
                if not nearest_is_mine(g) or self._gerund_between(end, g.first):
                    continue  # "sanctioned two firms for supplying drones to Russia"
                options = frame.markers.get(marker(g) or "")
                if marker(g) == "attr" and group.separate and i < g.first < end:
                    options = ((frame.agent, ("Company",)),)  # "use Huawei equipment": its maker
                if (
                    passive
                    and marker(g) in ("by", "door")
                    and self._by_near(g, i, end)
                    and not self._heads_a_phrase(i)
                    and not (i > 0 and words[i - 1] in cues.markers)
                ):
                    # "Huawei was accused by the United States of spying": in the passive the
                    # by-phrase does the verb whatever the frame's "by" means otherwise
                    # ("hackers backed by Beijing"); not for a noun ("voor spionage door Peking")
                    options = ((group.subject or frame.agent, ()),)
                if options is None:
                    for eid in g.ids:
                        self._place(eid, marker(g) or "", extra)
                    continue
                for eid in g.ids:
                    for role, types in options:
                        fit = self._fit(eid, role, ftype, types)
                        if fit is not None:
                            add(role, fit)
                            if role == "host":
                                # a visit's host: the phrase right after it ("visit to X"),
                                # else one before it ("in Hanoi aangekomen voor een
                                # staatsbezoek"), else the nearest after ("na de top in Rome")
                                far.setdefault(
                                    fit,
                                    (
                                        0 if g in chained else 1 if g.last < i else 2,
                                        _distance(g, i, end),
                                    ),
                                )
                            if marker(g) in ("aan", "naar", "to") and self._type(fit) == "State":
                                destinations.append(fit)
                            if role == "party":
                                party_groups.add(id(g))
                                if marker(g) in cues.suppliers and len(g.ids) > 1:
                                    chosen.append(fit)  # "koopt ... bij Ericsson en Nokia"
                                    suppliers = True
                            with_party = with_party or marker(g) in ("with", "met")
                            from_subject_or_marker = from_subject_or_marker or role == frame.others
                            break
                    else:
                        self._place(eid, marker(g) or "", extra)
                continue
            listed = False
            if group.extend and not lead and group.subject and g is not subject and g.first > i:
                # "Op de lijst staan het bedrijf Haitai en twee Chinezen, Gao Qiang en Zhang
                # Shilong": every list after a clause-opening list phrase is listed ("Chinezen"
                # says whose they are)
                role = group.subject
                listed = True
            elif g is subject:
                if group.extend and not lead and g.first - end > 3:
                    continue  # "Het gaat om fotoresist, stoffen waarvoor Samsung ...": no list
                role = group.subject or (frame.patient if passive else frame.agent)
                if (
                    group.place
                    and not any(
                        o.last < i or (o.first >= end and self._after_transparent(o))
                        for o in objects
                    )
                    and not any(words[t] in cues.counted for t in range(g.last + 1, i))
                ):
                    role = frame.patient  # "Dat bedrijf kwam op de zwarte lijst"
                if disregard:
                    role = "disregardedBy"
                from_subject_or_marker = True
            elif objects and g is objects[0]:
                if g.first - end > 4 and g.first > i and not self._after_transparent(g):
                    continue  # "lobbied hard for a ban, and American officials have warned"
                if group.subject:
                    continue  # "ZTE heeft het ministerie misleid": the ministry is no party
                # in a passive with no by-phrase the state named after the subject did it
                # ("die ... nu de VS ... een ban opgelegd zag worden")
                role = frame.agent if (passive and not by_present) else frame.patient
            elif frame.others is None and objects and g.first > objects[0].last >= i:
                continue  # "accused Huawei of undermining the restrictions the department ...":
                # a second noun phrase after the object belongs to another verb
            else:
                role = frame.others or frame.patient
            types = frame.patient_types if role == frame.patient else ()
            for eid in g.ids:
                if listed and self._type(eid) == "State":
                    continue
                fit = self._fit(eid, role, ftype, types)
                if fit is not None:
                    add(role, fit)
                    if role == "party":
                        party_groups.add(id(g))
                    if g is not subject and ftype == "Deal":
                        object_parties.append(fit)
                        if objects and g is objects[0]:
                            chosen.append(fit)
                elif self._type(eid) == "Person" and role == frame.agent and ftype != "Deal":
                    # a minister who orders a ban acts for the government; a chief executive
                    # or a president who signs only signs for the party
                    add("attributedTo", eid, sources)
        # an unknown name right after a deal verb: "Nexperia neemt Newport Wafer Fab over"
        if ftype == "Deal" and i + 1 < len(words):
            for p in self.proper:
                if self.tok(p.start) == end:
                    add(frame.others or frame.patient, p.entity)
                    party_groups.add(-1)  # a side of its own: "Lenovo bought Motorola Mobility"
        if (
            ftype in ("Ban", "Allegation")
            and not roles.get(frame.patient)
            and end < len(words)
            and self.text[self.spans[i][0]].islower()  # not "het Verbod op Chemische Wapens"
        ):
            # an unknown name right after the trigger or its preposition is what it hits:
            # "imposed sanctions on Tornado Cash", "accused Sky Mavis of"
            marks = frame.markers.get(words[end], ())
            after = end + 1 if any(role == frame.patient for role, _ in marks) else end
            for p in self.proper:
                if self.tok(p.start) == after:
                    add(frame.patient, p.entity)
        if (
            group.parties
            and len(roles.get("party", [])) < 2
            and any(
                f"{words[k - 1]} {words[k]}" in cues.its
                for k in range(i + 1, min(end + 1, len(words)))
            )
        ):
            customer = self._its_owner(clause)
            if customer is not None and customer not in roles.get("party", []):
                # "Bell said Ericsson would supply the radio equipment for its 5G network"
                add("party", customer)
                party_groups.add(-2)
        hosts = roles.get("host", [])
        if ftype == "StateVisit" and len(hosts) > 1:
            # a visit has one host ("in Hanoi aangekomen voor een staatsbezoek, direct na de
            # G20-top in New Delhi")
            roles["host"] = [min(hosts, key=lambda h: far.get(h, (0, 0)))]
        if ftype == "Deal" and group.sides > 1:
            seller = self._possessor_after(end)
            if seller is not None and self._fit(seller, "party", ftype) is not None:
                # "agreed to buy Russia's S-400 air defence system": whose goods is the seller
                add("party", seller)
                party_groups.add(-3)
        if group.sides > 1 and len(party_groups) < group.sides:
            roles.pop("party", None)  # "South Korea and Taiwan bought dollars": one side only
        if group.choice and not passive and subject is not None and party_groups == {id(subject)}:
            roles.pop("party", None)  # "Bell and Telus turned to European suppliers": no one chosen
        # a deal needs a party that signs: a list of objects alone ("operators chose Ericsson
        # and Nokia") names whom was chosen, not who chose
        if ftype == "Deal" and not from_subject_or_marker and object_parties and not group.extend:
            roles["party"] = [p for p in roles.get("party", []) if p not in object_parties]
        if (
            owner_state is not None
            and not roles.get(frame.agent)
            and self._fit(owner_state, frame.agent, ftype) is not None
        ):
            roles[frame.agent] = [owner_state]  # "Australia's move in August to bar Huawei"
        own_possessive = i > 0 and words[i - 1] in cues.own  # "its request", "zijn verzoek"
        if not roles.get(frame.agent) and ftype != "Deal" and own_possessive and not passive:
            # "Washington then withdrew its request that Canada extradite her": "its" is the
            # subject's own, so the subject made the request
            owner = next((g for g in clause.groups if g.marker is None and g.last < i - 1), None)
            if owner is not None and owner is not clause.antecedent:
                for eid in owner.ids:
                    fit = self._fit(eid, frame.agent, ftype)
                    if fit is not None and fit not in roles.get(frame.patient, []):
                        add(frame.agent, fit)
        # a country adjective before the trigger: "Amerikaanse sancties", "de Amerikaanse oproep"
        adj_role = group.adjective or frame.adjective
        if adj_role:
            adj = self._adjective_before(i, gap=0)
            if adj is not None and group.place and self._own_body(roles.get(adj_role, []), adj):
                adj = None  # "Het ministerie van Handel plaatste X op de Amerikaanse zwarte lijst"
            if adj is not None and self._fit(adj, adj_role, ftype) is not None:
                # "U.S. sanctions on Iran", "de Amerikaanse oproep": the adjective names who;
                # the subject it displaces is the other side ("Huawei was put on an American
                # blacklist"); "U.S. and Dutch curbs": both
                both = [adj, *self._coordinated_before(adj, i)]
                for other in both[1:]:
                    for r in list(roles):
                        if other in roles[r]:
                            roles[r].remove(other)
                displaced = [x for x in roles.get(adj_role, []) if x not in both]
                roles[adj_role] = both
                if adj_role == frame.agent and not roles.get(frame.patient):
                    moved = [x for x in displaced if self._fit(x, frame.patient, ftype)]
                    if moved:
                        roles[frame.patient] = moved
                if adj_role == group.subject and displaced:
                    # "De MIVD waarschuwt voor Chinese spionage": the spy is China, the one
                    # who speaks of it accuses
                    moved = [x for x in displaced if self._fit(x, frame.agent, ftype)]
                    if moved and not roles.get(frame.agent):
                        roles[frame.agent] = moved
            adj = self._adjective_before(i)
            if (
                adj is not None
                and not roles.get(adj_role)
                and self._fit(adj, adj_role, ftype) is not None
            ):
                roles[adj_role] = [adj]  # "de nieuwe Amerikaanse sancties"
            if group.adjective and not roles.get(adj_role) and end - i > 2:
                # inside a gapped trigger the adjective names whose the noun is: "condemned
                # the Iranian cyberattack", "condemned Russia's cyber attack"
                last_words = set(phrase.lower().split()[1:])
                for m in self.mentions:
                    k = self.tok(m.start)
                    if (
                        m.kind == "adjective"
                        and i < k < end - 1
                        and {self.words[k + 1], self.words[min(k + 2, end - 1)]} & last_words
                        and self._fit(m.entity, adj_role, ftype) is not None
                    ):
                        roles[adj_role] = [m.entity]
                        break
        if frame.patient and not roles.get(frame.patient) and end - i > 2:
            # a possessive inside a gapped trigger is what the event is done to: "limited
            # China's access to advanced chips"
            phrase_words = set(phrase.lower().split())
            for m in self.mentions:
                k = self.tok(m.start)
                if (
                    m.kind == "adjective"
                    and i < k < end - 1
                    and self.words[k + 1] in phrase_words  # "China's access", not "China's firms"
                    and self.text.startswith(("'s", "’s"), m.end)
                    and self._fit(m.entity, frame.patient, ftype) is not None
                ):
                    add(frame.patient, m.entity)
        for g in source_groups:
            accusing = False  # speakers who accuse accuse together ("X, Y and Z said")
            for eid in g.ids:
                if self._type(eid) == "NewsAgency":
                    add("reportedBy", eid, sources)
                elif ftype == "Allegation" and (accusing or not roles.get("accuser")):
                    add("accuser", eid)
                    accusing = True
                elif (
                    ftype in ("Ban", "Appeal")
                    and not roles.get(frame.agent)
                    and self._type(eid) in ("State", "GovernmentBody")
                    and self._fit(eid, frame.agent, ftype) is not None
                ):
                    # "Huawei is op de zwarte lijst gezet, maakte het ministerie bekend": an
                    # authority that announces a measure with no other author imposed it
                    add(frame.agent, eid)
                elif self._type(eid) == "Person" or (
                    self._type(eid) == "Company" and any(eid in v for v in roles.values())
                ):
                    # a person speaks for an actor, a company for its own deal ("zo meldde
                    # MTS"); another organisation or a state that says so is only the source
                    add("attributedTo", eid, sources)
        if clause.speaker is not None and not clause.participle and subject is not clause.speaker:
            for eid in clause.speaker.ids:  # "X maakte bekend dat er een vergunningsplicht komt"
                if self._type(eid) == "NewsAgency":
                    add("reportedBy", eid, sources)
                elif self._type(eid) == "Person":
                    add("attributedTo", eid, sources)
        if ftype == "Allegation" and not roles.get("accuser") and clause.speaker is not None:
            for eid in clause.speaker.ids:
                if self._fit(eid, "accuser", ftype) is not None:
                    add("accuser", eid)
        if ftype == "Ban" and any(self._type(x) == "Company" for x in roles.get("target", [])):
            # a company's licence to export to China: the company is the target, China where
            for st in destinations:
                if st in roles["target"]:
                    roles["target"].remove(st)
                    add("location", st, extra)
        if (
            ftype == "Ban"
        ):  # where exports are banned to: "aan een Chinese klant", "to a Chinese buyer"
            for m in self.mentions:
                k = self.tok(m.start)
                if m.kind == "adjective" and k in clause.tokens and k > i:
                    j = k - 1
                    while j > i and words[j] in _DETERMINERS:
                        j -= 1
                    if words[j] in ("aan", "naar", "to"):
                        add("location", m.entity, extra)
        if ftype == "Trial" and not extra.get("location"):
            # where a network is tested or launched: "in tientallen Belgische gemeenten",
            # "Britain's first 5G network", "in seven British cities"
            for m in self.mentions:
                k = self.tok(m.start)
                if m.kind != "adjective" or k not in clause.tokens or k <= i - 1:
                    continue
                j = k - 1
                while j > i and (
                    words[j] in _DETERMINERS
                    or words[j].isdigit()
                    or words[j].isalpha()
                    and j not in self.mention_tokens
                    and words[j] not in cues.markers
                ):
                    j -= 1
                if words[j] in ("in", "op", "across", "throughout") or self.text[
                    m.end : m.end + 2
                ] in ("'s", "’s"):
                    add("location", m.entity, extra)
                    break
        if ftype == "StateVisit" and roles.get("visitor"):
            # a state visit is a head of state's or government's
            roles["visitor"] = [v for v in roles["visitor"] if self._leads(v)]
            guests = [
                v for v in roles["visitor"] if self._leader_state(v) not in roles.get("host", [])
            ]
            if guests:  # "Macron and his Chinese counterpart Xi, on a state visit": Xi visits
                roles["visitor"] = guests
            if roles["visitor"] and not roles.get("host"):
                host = self._only_other_state(roles["visitor"])
                if host is not None:
                    add("host", host)  # "Britain and South Korea signed ... during Yoon's visit"
        for m in self.mentions:  # the first technology of the clause is what it is about
            if self._type(m.entity) == "Technology" and self.tok(m.start) in clause.tokens:
                k = self.tok(m.start) - 1
                while k >= 0 and self.words[k] in _DETERMINERS:
                    k -= 1
                if k >= 0 and self.words[k] in _OLD:
                    continue  # "het huidige 4G-netwerk", "BT's existing 4G services"
                add("subject", m.entity, extra)
                break
        if (
            comp is not None
            and group.asks
            and comp < len(words)
            and not roles.get(frame.patient)
            and words[comp] in ("that", "dat")
        ):
            # "China eist dat Canada Meng vrijlaat": whom it asks is who is to act
            first = next((g for g in content if g.marker is None), None)
            for eid in first.ids if first is not None else []:
                fit = self._fit(eid, frame.patient, ftype)
                if fit is not None:
                    add(frame.patient, fit)
        if group.request:
            # "gearresteerd in Canada op verzoek van de VS": who asked follows the trigger; who
            # was asked is the state that acted (the subject, or where it happened)
            asker = next((g for g in clause.groups if g.first >= end), None)
            roles = {}
            for eid in asker.ids if asker is not None else []:
                fit = self._fit(eid, frame.agent, ftype)
                if fit is not None:
                    add(frame.agent, fit)
            acted = (
                [x for x in subject.ids if self._type(x) in ("State", "GovernmentBody")]
                if subject is not None and subject is not asker
                else []
            )
            for eid in acted or extra.get("location", []):
                if eid not in roles.get(frame.agent, []):
                    add(frame.patient, eid)
            extra.pop("location", None)
        if ftype == "Ban" and not roles.get(frame.patient):
            # "ordered stores to stop selling phones made by the Chinese companies Huawei
            # and ZTE": the maker of the goods a ban stops is its target
            maker = self._maker_after(clause, end)
            for eid in maker.ids if maker is not None else []:
                fit = self._fit(eid, frame.patient, ftype)
                if fit is not None:
                    add(frame.patient, fit)
        if ftype == "Ban":
            self._blocked_takeover(clause, i, roles)
            if roles.get("imposer") and roles.get("target"):
                own_states = {self._state(x) for x in roles["imposer"]} - {None}
                if all(self._state(x) in own_states for x in roles["target"]):
                    # "barring Americans from investing in 59 Chinese companies, among them
                    # Huawei": a state bars its own people; what they may not deal with is hit
                    hit = [
                        x
                        for g in clause.groups
                        if g.first > end and marker(g) in (None, "in", "with", "to", "from")
                        for x in g.ids
                        if self._type(x) == "Company"
                    ]
                    if hit:
                        roles["target"] = list(dict.fromkeys(hit))
                # no one bans itself: "sanctions imposed after India's tests"
                roles["target"] = [x for x in roles["target"] if x not in roles["imposer"]]
                if not roles["target"]:
                    del roles["target"]
        self._prefer(frame, roles)
        if group.agents:
            # "BT removes Huawei kit" is no ban; "the government ordered it removed" is;
            # "took control of" is a ban by a government and a deal by a company
            who = subject.ids if subject is not None else roles.get(frame.agent, [])
            if not any(self.schema.is_a(self._type(x), c) for x in who for c in group.agents):
                return []
        if group.parties and not self._all_of(
            [x for r in {frame.agent, frame.patient} for x in roles.get(r, [])], group.parties
        ):
            return []  # "leverde apparatuur aan Iran": supplying a state is an export, no deal
        if group.patients and not self._all_of(roles.get(frame.patient, []), group.patients):
            return []  # "onderzoek naar de risico's van landen als China": no company suspected
        if ftype != "Deal" and self._court_subject(lead):
            return []  # a court's ruling is no ban, no accusation, no appeal
        # one entity in two core roles: keep it where the frame put it first
        agent = set(roles.get(frame.agent, []))
        if frame.patient != frame.agent and agent:
            roles[frame.patient] = [e for e in roles.get(frame.patient, []) if e not in agent]
        addressed = end < len(words) and words[end] in ("aan", "to", "on")
        if (
            disregard
            and not roles.get("addressee")
            and roles.get("disregardedBy")
            and not addressed
        ):
            # one ignores what is asked of one (unless the text says whom: "oproep aan andere landen")
            roles["addressee"] = list(roles["disregardedBy"])
        for empty in [r for r, v in roles.items() if not v]:
            del roles[empty]
        modality = self._modality(clause, i, end, phrase)
        if modality == "none":
            return []
        if modality == "asserted" and group.modality:
            modality = group.modality  # "bood 670 miljoen euro voor Aixtron": a bid, no sale yet
        # a list one is put on is no event referred back to: "put Huawei on its Entity List"
        # ... nor is a verbal expression ("heeft de zeggenschap over X naar zich toe
        # getrokken", "de vergunning ... ingetrokken")
        definite = (
            i > 0
            and words[i - 1] in cues.definite
            and not group.place
            and ("..." not in phrase or group.attach)  # "die eis ... opgelegd" refers back
        )
        in_phrase = definite and i > 1 and words[i - 2] in cues.referring
        kind = "attach" if group.attach else ("lift" if group.lift else "new")
        if group.extend:
            # "The rules also cover X": the subject is what is referred to, and names no one;
            # a list that opens its clause refers back by itself ("Those listed are X")
            definite = not lead or (words[lead[0]] in cues.definite and subject is None)
        if kind == "attach" and not definite:
            return []  # "a move", "measures": only "the move", "de maatregel" refer back
        own_noun = (  # "Washington withdrew its request": the subject's own, not referred to
            own_possessive
            and subject is not None
            and not cues.evaluation.any(words, clause.start, i)
            and (
                not frame.prefer_agent
                or any(
                    self.schema.is_a(self._type(x), c)
                    for x in subject.ids
                    for c in frame.prefer_agent
                )
            )
        )
        if (
            (kind == "attach" or definite)
            and not own_noun
            and not trigger_is_subject
            and subject is not None
            and subject is not clause.antecedent
            and ftype != "Deal"
            and (
                (
                    frame.agent != frame.patient  # "werken bij de proeven samen": taking part
                    and not any(
                        self.schema.is_a(self._type(x), c)
                        for x in subject.ids
                        for c in frame.prefer_agent
                    )
                )
                or cues.evaluation.any(words, clause.start, i)  # "Beijing called the measures"
            )
        ):
            # "Nexperia challenged the order", "Huawei called the move disappointing": the
            # subject of another verb did not impose what it speaks of
            for role in (frame.agent, "disregardedBy"):
                if role in roles and not disregard:
                    roles[role] = [x for x in roles[role] if x not in subject.ids]
                    if not roles[role]:
                        del roles[role]
        if (
            ftype == "Deal"
            and subject is not None
            and subject is not clause.antecedent
            and cues.approval.any(words, clause.start, i)
        ):
            # "Regulators in the United States and the EU had approved the purchase": who
            # clears a deal is no party to it
            roles["party"] = [x for x in roles.get("party", []) if x not in subject.ids]
        if ftype in ("Appeal", "Allegation", "Ban") and any(
            self._type(x) == "Person" for x in roles.get(frame.agent, [])
        ):
            # "Woordvoerder Geng Shuang van het ministerie riep ... op": the person speaks for
            # the organisation named with them
            people = [x for x in roles[frame.agent] if self._type(x) == "Person"]
            if len(people) < len(roles[frame.agent]):
                roles[frame.agent] = [x for x in roles[frame.agent] if x not in people]
                for x in people:
                    add("attributedTo", x, sources)
            else:
                # "Qin Gang, a spokesman for the Chinese foreign ministry, urged", "the EU's
                # foreign policy chief, Josep Borrell, urged": the one the person speaks for
                for x in people:
                    body = self._affiliation(x)
                    if body is not None and self._fit(body, frame.agent, ftype) is not None:
                        roles[frame.agent] = [body if y == x else y for y in roles[frame.agent]]
                        add("attributedTo", x, sources)
        if kind == "attach" or definite or ftype not in ("Deal", "Trial", "Ban"):
            extra.pop("location", None)  # where a reference is made is not where it happened
        dates = self._dates(clause, clauses, frame, group, i, modality)
        if ftype == "Trial" and modality == "asserted" and any(d.role == "planned" for d in dates):
            modality = "planned"  # "nog dit jaar testen", "trials by 2020"
        duration = None
        if ftype == "StateVisit":
            days = _DURATION.get(self.lex.lang, _DURATION["en"]).search(self.sentence.text)
            if days:
                duration = _NUMBERS[days.group(1).lower()]
        base = Candidate(
            type=ftype,
            phrase=phrase,
            kind=kind,
            definite=definite,
            roles=roles,
            sources=sources,
            extra=extra,
            modality=modality,
            dates=dates,
            sentence=self.sentence,
            sentence_index=self.index,
            position=self.spans[i][0],
            needs=tuple(
                n
                for n in group.needs
                if not (
                    n == frame.patient
                    and group.asks
                    and comp is not None
                    and 1 <= comp - end <= 2
                    and comp < len(words)
                    and words[comp] in ("om", "to", "te")
                )
            ),  # "vraagt lidstaten om Huawei te weren": an appeal to no one named
            duration=duration,
            disregard=disregard,
            clause=clause.tokens[0],
            weak=group.weak,
            in_phrase=in_phrase,
            with_party=with_party,
            extend=group.extend,
        )
        agents = roles.get(frame.agent, [])
        if (
            frame.agent != frame.patient
            and len(agents) > 1
            and not roles.get(frame.patient)
            and cues.reciprocal.any(words, end, min(end + 3, len(words)))
        ):
            # "Airbus and Boeing accuse each other": each does it to each of the others
            return [
                replace(base, roles={**roles, frame.agent: [a], frame.patient: [b]}, each=True)
                for a in agents
                for b in agents
                if a != b
            ]
        each = next((g for g in clause.groups if g.each and len(g.ids) > 1), None)
        suppliers = suppliers or from_suppliers  # ... as does a trigger that ends in one
        if ftype == "Deal" and each is None and (group.choice or suppliers) and subject is not None:
            # "Telefónica picked Nokia and Huawei": a contract with each one chosen, while
            # "Proximus en Orange kozen Nokia" is one deal of all of them
            chosen = [
                c
                for c in dict.fromkeys(chosen)
                if c in roles.get("party", []) and self._type(c) in ("Company", "Organization")
            ]
            choosers = [p for p in roles.get("party", []) if p not in chosen]
            if len(chosen) > 1 and len(choosers) == 1:
                # "..., as did Bell Canada": the one named after it chose the same
                also = [x for x in self._likewise(end) if x not in choosers and x not in chosen]
                return [
                    replace(base, roles={**roles, "party": [who, c]}, each=True)
                    for who in [*choosers, *also]
                    for c in chosen
                ]
        if ftype == "Deal" and each is None and group.separate:
            # "Bell and Telus use Huawei equipment": each user has its own contract; makers
            # with no named user make none ("Operators that use Huawei and ZTE gear")
            users = [p for p in roles.get("party", []) if subject is not None and p in subject.ids]
            makers = [p for p in roles.get("party", []) if p not in users]
            if not users:
                return []
            if len(users) > 1 and makers:
                return [
                    replace(base, roles={**roles, "party": [u, *makers]}, each=True) for u in users
                ]
        if ftype != "Deal" or each is None:
            return [base]
        # "agreements with each of the three operators": one deal per operator
        out = []
        for member in each.ids:
            parties = [p for p in roles.get("party", []) if p not in each.ids] + [member]
            out.append(replace(base, roles={**roles, "party": parties}, each=True))
        return out

    def _blocked_takeover(self, clause: Clause, i: int, roles: dict[str, list[str]]) -> None:
        """A ban on a takeover ("the takeover of X by Y", "de overname van Aixtron door het
        Chinese fonds", "Y's takeover of X", "the sale of X to Y") is a ban on the buyer Y;
        the company to be bought is no target."""
        words = self.words
        noun = next(
            (t for t in clause.tokens if t != i and words[t] in self.lex.cues.takeover), None
        )
        found = self._deal_of_noun(clause, noun) if noun is not None else None
        if found is None:
            return
        buyers, sold = found
        buyers = [x for x in buyers if self._type(x) in ("Company", "Organization")]
        if not buyers:
            return
        gone = set(buyers) | set(sold)
        for role in list(roles):
            roles[role] = [x for x in roles[role] if x not in gone]
        roles["target"] = buyers

    def _complement_start(self, clause: Clause, i: int, end: int, phrase: str) -> int:
        """Where what a trigger asks, orders or advises begins: after "to" / "that" in English
        ("urged Australia to ...", "demanded that Canada ..."), after the verb and its
        prepositional phrases in Dutch ("riep Italië op het project ...", "eist dat ...")."""
        words = self.words
        last = clause.tokens[-1] + 1
        if self.lex.lang != "en":
            gapped = "..." in phrase
            aux = any(
                words[t] in self.lex.cues.passive or words[t] in _AUX_NL
                for t in clause.tokens
                if t < i
            )
            if not gapped and not aux:
                # a finite verb in second place: its subject and object follow it ("In
                # Boedapest waarschuwde hij Hongarije dat ..."); the content starts at its
                # conjunction or infinitive
                return next((t for t in range(end, last) if words[t] in ("dat", "om", "te")), last)
            k = end
            while k < last:
                # a prepositional phrase of the trigger ("oproep aan andere landen"); not the
                # trigger's own particle ("dringen ... aan Huawei buiten de deur te houden")
                g = next(
                    (
                        g
                        for g in clause.groups
                        if g.marker
                        and g.first > k
                        and words[k] == g.marker.split()[0]
                        and all(
                            words[t] in _DETERMINERS or t in self.adjective_tokens
                            for t in range(k + len(g.marker.split()), g.first)
                        )
                    ),
                    None,
                )
                if g is None:
                    break
                k = g.last + 1  # "oproep aan andere landen om ...": the addressee stays
            return k
        for t in range(i + 1, last):
            if t < end and words[t] != "to":
                continue
            if words[t] == "that":
                return t
            if words[t] == "to" and t + 1 < last:
                nxt = t + 1
                if words[nxt] not in _DETERMINERS and nxt not in self.mention_tokens:
                    return t  # "to" before a verb, not "to Italy"
        return last

    def _possessor(self, clause: Clause, i: int, span: int = 3) -> Group | None:
        """The name whose possessive stands before the trigger noun, with at most two
        modifiers between ("Joe Biden's two-day state visit", "Huawei's new contract"), or
        ``span - 1`` ("Microsoft's $68.7 billion takeover")."""
        words = self.words
        for g in clause.groups:
            if g.last >= i or not words[g.last].endswith(("'s", "’s")) or i - g.last > span:
                continue
            between = range(g.last + 1, i)
            if all(
                t not in self.mention_tokens
                and words[t] not in _DETERMINERS
                and words[t] not in self.lex.cues.markers
                and (
                    words[t].isalnum()
                    or "-" in words[t]
                    or t in self.adjective_tokens
                    or _AMOUNT.match(words[t]) is not None
                )
                for t in between
            ):
                return g
        return None

    def _intent_owner(
        self, clause: Clause, i: int, place: bool = False
    ) -> tuple[Group | None, str | None]:
        """Who owns the plan whose infinitive is the trigger: "Nokia's plan to buy Infinera",
        "Australia's move in August to bar Huawei", "the Dutch government's decision to
        restrict": the possessor (`_possessor`) of an `intent_nouns` noun right before "to", or
        a state's possessive, which the mentions make a country adjective. A list the
        infinitive puts its object on is the trigger a few words after "to" ("the Commerce
        Department's decision in May to put Huawei on its Entity List")."""
        words = self.words
        if place and i >= 3 and words[i - 1] != "to":
            to = next((k for k in range(i - 2, max(1, i - 8), -1) if words[k] == "to"), None)
            if to is not None and all(k in clause.tokens for k in range(to, i)):
                i = to + 1
        if i < 3 or words[i - 1] != "to":
            return None, None
        k = i - 2
        while k > 0 and k in self.date_tokens:
            k -= 1
        if k < i - 2 and words[k] in self.lex.cues.markers:
            k -= 1  # "in August"
        if k < 1 or words[k] not in self.lex.cues.intent_nouns:
            return None, None
        if not words[k - 1].endswith(("'s", "’s")):
            return None, None
        owner = self._possessor(clause, k)
        if owner is not None:
            return owner, None
        return None, self._adjective_before(k, gap=0)  # "Australia's": a state's possessive

    def _heads_a_phrase(self, i: int) -> bool:
        """The trigger is a noun after a preposition ("van de Amerikaanse sancties", "under
        the agreement"), deeper than the clause's subject and object."""
        words = self.words
        k = i - 1
        while k >= 0 and (
            words[k] in _DETERMINERS
            or k in self.adjective_tokens
            or words[k] in self.lex.cues.modifiers
            or words[k].isdigit()
        ):
            k -= 1
        return k >= 0 and k < i - 1 and words[k] in self.lex.cues.markers

    def _attached(self, clause: Clause, end: int, loose: bool = False) -> list[Group]:
        """The prepositional phrases right after a noun ("de overname van X door Y");
        ``loose`` lets a title or other plain word stand before a name ("van de Chinese
        president Xi Jinping")."""
        words = self.words
        out: list[Group] = []
        k = end
        while True:
            g = next(
                (
                    g
                    for g in clause.groups
                    if g.marker
                    and g.first > k
                    and k < len(words)
                    and words[k] == g.marker.split()[0]
                    and all(
                        words[t] in _DETERMINERS
                        or t in self.adjective_tokens
                        or t in self.mention_tokens
                        or loose
                        and words[t].isalpha()
                        and words[t] not in self.lex.cues.markers
                        and t + 1 in self.mention_tokens
                        for t in range(k + len(g.marker.split()), g.first)
                    )
                ),
                None,
            )
            if g is None:
                return out
            out.append(g)
            k = g.last + 1

    def _gerund_between(self, end: int, first: int) -> bool:
        """A gerund with its preposition between the trigger and a phrase owns the phrase."""
        words = self.words
        return self.lex.lang == "en" and any(
            words[t].endswith("ing") and words[t - 1] in _GERUND_AFTER
            for t in range(end + 1, first)
        )

    def _court_subject(self, lead: list[int]) -> bool:
        """A court word before the trigger with no name before it: "A Dutch court suspended"."""
        for t in lead:
            if self.words[t] in self.lex.cues.courts:
                return True
            if t in self.mention_tokens and t not in self.adjective_tokens:
                return False
        return False

    def _own_body(self, ids: list[str], state: str) -> bool:
        """``ids`` are the state itself or government bodies of it: the adjective of that
        state names them again, not someone else."""
        if not ids:
            return False
        for x in ids:
            e = self.entities.get(x)
            if e is None or x == state:
                continue
            if e.type != "GovernmentBody" or e.state() != state:
                return False
        return True

    def _leader_state(self, eid: str) -> str | None:
        e = self.entities.get(eid)
        return e.leader_of if e is not None else None

    def _leads(self, eid: str) -> bool:
        e = self.entities.get(eid)
        return e is not None and e.leader_of is not None

    def _prefer(self, frame: Frame, roles: dict[str, list[str]]) -> None:
        """Swap agent and patient when word order put each in the other's usual class; a
        company that shares the agent role with a state is the patient ("Huawei staat op
        de zwarte lijst van de Amerikaanse regering")."""
        if not frame.prefer_agent:
            return
        agents, patients = roles.get(frame.agent, []), roles.get(frame.patient, [])

        def is_(eid: str, classes: tuple[str, ...]) -> bool:
            return any(self.schema.is_a(self._type(eid), c) for c in classes)

        usual = [a for a in agents if is_(a, frame.prefer_agent)]
        unusual = [a for a in agents if a not in usual and is_(a, frame.prefer_patient)]
        if usual and unusual and not patients:
            roles[frame.agent], roles[frame.patient] = usual, unusual
            return

        def all_in(ids: list[str], classes: tuple[str, ...]) -> bool:
            return bool(ids) and all(
                any(self.schema.is_a(self._type(x), c) for c in classes) for x in ids
            )

        if all_in(agents, frame.prefer_patient) and all_in(
            [p for p in patients if p not in agents], frame.prefer_agent
        ):
            roles[frame.agent] = [p for p in patients if p not in agents]
            roles[frame.patient] = agents

    def _place(self, eid: str, marker: str, extra: dict[str, list[str]]) -> None:
        """A state or a capital after "in": where it happened."""
        if marker not in ("in", "at"):
            return
        state = self._state(eid)
        if state and state not in extra.setdefault("location", []):
            extra["location"].append(state)

    def _adjective_before(self, i: int, gap: int = 2) -> str | None:
        """The state of a country adjective at most ``gap`` words before token ``i``, with only
        words that qualify the event between ("Amerikaanse exportsancties", "U.S. export
        blacklist"; not "het Chinese Huawei", not "Britain's intelligence agencies advised")."""
        for m in self.mentions:
            if m.kind != "adjective":
                continue
            k = self.tok_end(m.end)
            if 0 <= i - k <= gap and all(
                self.words[x] in self.lex.cues.modifiers and x not in self.mention_tokens
                for x in range(k, i)
            ):
                return m.entity
        return None

    def _coordinated_before(self, state: str, i: int) -> list[str]:
        """The states coordinated before the adjective right before token ``i``: "U.S. and
        Dutch curbs", "Amerikaanse en Nederlandse sancties"."""
        words = self.words
        adj = next(
            (
                m
                for m in self.mentions
                if m.kind == "adjective" and m.entity == state and self.tok_end(m.end) == i
            ),
            None,
        )
        if adj is None:
            return []
        out: list[str] = []
        k = self.tok(adj.start) - 1
        while k >= 1 and words[k] in ("and", "en", ","):
            m = next((x for x in self.mentions if self.tok_end(x.end) == k), None)
            if m is None or self._type(m.entity) != "State" or m.entity in out:
                break
            out.append(m.entity)
            k = self.tok(m.start) - 1
        return out

    def _possessor_after(self, end: int) -> str | None:
        """The name whose possessive opens the phrase after token ``end`` ("buy Russia's
        S-400 system", "buy Huawei's phones"), past determiners and numbers."""
        words, k = self.words, end
        while k < len(words) and (words[k] in _DETERMINERS or words[k].isdigit()):
            k += 1
        if k >= len(words) or not words[k].endswith(("'s", "’s")):
            return None
        return next((m.entity for m in self.mentions if self.tok(m.start) == k), None)

    def _state(self, eid: str) -> str | None:
        """The state an entity stands for (a state, a government or agency's country)."""
        e = self.entities.get(eid)
        return e.state() if e is not None else None

    def _maker_after(self, clause: Clause, end: int) -> Group | None:
        """The first name after token ``end`` that follows one of the lexicon's ``makers``
        ("phones made by the Chinese companies Huawei and ZTE", "equipment supplied by
        Huawei"), with up to four words between it and the name and no preposition."""
        words, cues = self.words, self.lex.cues
        for g in clause.groups:
            if g.first <= end or g.first - end > 14:
                continue
            k = g.first - 1
            words_between = 0  # "the Chinese companies", "the telecoms giant"
            while (
                k > end
                and words_between < 4
                and (
                    words[k] in _DETERMINERS
                    or (
                        words[k].isalpha()
                        and words[k] not in cues.markers
                        and words[k] not in cues.coordination
                        and words[k] not in cues.relative
                    )
                )
            ):
                k -= 1
                words_between += 1
            if k > end + 1 and cues.makers.any(words, k - 1, k + 1):
                return g
        return None

    def _by_near(self, g: Group, i: int, end: int) -> bool:
        """A by-phrase close enough to the trigger to name its agent. Dutch puts it before
        the predicate, with the predicate's own preposition between ("werd door het ministerie
        op de zwarte lijst gezet")."""
        distance = _distance(g, i, end)
        if distance <= 3:
            return True
        if self.lex.lang == "nl":
            return g.last < i and i - g.last <= 4
        # English keeps the trigger's own phrases between it and the agent ("was barred from
        # the market by X", "shut out of Portugal's networks by X"), but no verb ("equipment
        # made by X"), no clause break and no other actor
        if g.first < end or distance > 9:
            return False
        words, cues = self.words, self.lex.cues
        by = next((t for t in range(g.first - 1, end - 1, -1) if words[t] == "by"), None)
        if by is None or by == end or words[end] not in cues.markers:
            return False
        for t in range(end, by):
            w = words[t]
            if not w[0].isalnum() or w in cues.participles or w in cues.relative:
                return False
            if w in cues.coordination or (w.endswith(("ed", "ing")) and len(w) > 4):
                return False
            if (
                t in self.mention_tokens
                and t not in self.adjective_tokens
                and not any(self._type(x) == "Technology" for x in self._ids_at(t))
            ):
                return False
        return True

    def _passive(self, clause: Clause, i: int, end: int) -> bool:
        words = self.words
        cues = self.lex.cues
        before = [t for t in clause.tokens if t < i]
        by = any(g.marker in ("door", "by") and self._by_near(g, i, end) for g in clause.groups)
        if self.lex.lang == "nl":  # the verb comes last: look at the whole clause
            strong = any(words[t] in ("werd", "wordt", "worden", "werden") for t in clause.tokens)
            has_aux = any(words[t] in cues.passive for t in clause.tokens)
            return strong or (has_aux and by)
        trigger = words[i]
        participle = trigger.endswith(("ed", "en", "ld", "ht")) or trigger in cues.participles
        # "ordered X to be removed": the infinitive's passive is not the clause's
        aux = any(
            words[t] in cues.passive and not (t > 0 and words[t - 1] == "to") for t in before[-3:]
        )
        return by or (aux and participle) or (participle and self._reduced_participle(i, end))

    def _reduced_participle(self, i: int, end: int) -> bool:
        """An English participle set after a name and a comma says what was done to that
        name, and has no object of its own: "Evgeniy Bogachev and Aleksey Belan, accused of
        stealing money"."""
        words = self.words
        return (
            self.lex.lang == "en"
            and i >= 2
            and words[i - 1] == ","
            and i - 2 in self.mention_tokens
            and end < len(words)
            and words[end] not in _DETERMINERS
            and end not in self.mention_tokens
        )

    def _modality(self, clause: Clause, i: int, end: int, phrase: str = "") -> str:
        cues = self.lex.cues
        words = self.words
        window = [t for t in clause.tokens if t < end]
        if not window:
            return "asserted"
        lo, hi = window[0], end
        if cues.refusal.any(words, lo, i):
            return "negated"
        if (
            clause.head is not None
            and lo >= 2
            and words[lo - 1] in ("that", "dat")
            and cues.negation.any(words, max(0, lo - 4), lo - 1)
        ):
            return "negated"  # "no evidence that Huawei posed a threat", "geen bewijs dat"
        if (
            phrase
            and self.lex.groups[phrase.lower()][0].type == "Deal"
            and cues.talks.any(words, max(lo, i - 8), i)
        ):
            return "none"  # "in talks with Nokia about a contract": no deal yet
        # before the trigger, or inside a gapped one: "sluit Huawei niet uit"
        own = set(phrase.lower().split())  # "niet verlengd" negates nothing: it is the ban
        for k, _, _ in cues.negation.find(words, max(lo, i - 6), hi):
            if words[k] in own:
                continue
            if cues.not_negation.at(words, k, hi) is not None:
                continue
            if k > 0 and cues.not_negation.at(words, k - 1, hi) is not None:
                continue
            if cues.speculation.any(words, lo, i):
                return "none"  # "no decision yet on a possible ban" states no fact at all
            return "negated"
        # "..., saying they could pose a security risk": the reason a measure gives is a
        # claim made, so its modal verb is the accuser's words, not doubt about the accusation
        claim = (
            clause.participle
            and clause.speaker is not None
            and bool(phrase)
            and self.lex.groups[phrase.lower()][0].type == "Allegation"
        )
        for k, _, _ in cues.speculation.find(words, lo, i):
            if claim or (words[k] == "would" and cues.speech.any(words, 0, k)):
                continue  # "the government said vendors would be excluded": reported future
            if k in self.date_tokens:
                continue  # "In May the Commerce Department put ...": a month, no modal verb
            return "speculative"
        if self.sentence.text.rstrip().endswith("?"):
            return "speculative"
        if self.lex.lang == "en" and any(w in ("no", "never") for w in words[end : end + 2]):
            return "negated"  # "sells no equipment"
        if any(
            cues.not_planned.at(words, k, hi) is None for k, _, _ in cues.planned.find(words, lo, i)
        ):
            return "planned"
        for _, k, _ in cues.intent.find(words, lo, i):
            if any(words[t] in ("to", "te") for t in range(k, end)):
                return "planned"  # "promised to offer 5G", "aangekondigd met 5G te beginnen"
        return "asserted"

    def _dates(
        self,
        clause: Clause,
        clauses: list[Clause],
        frame: Frame,
        group: TriggerGroup,
        i: int,
        modality: str,
    ) -> list[DateSpec]:
        ft = self.schema.fact_types[frame.type]
        words = self.words

        def within(c: Clause) -> list[TimeMention]:
            lo, hi = self.spans[c.start][0], self.spans[c.end - 1][1]
            return [d for d in self.dates if lo <= d.start and d.end <= hi and d.spec is not None]

        own = within(clause)
        if not own and clause.head is not None:
            own = within(clause.head)  # "X ruled in July that ...": the date of the ruling
        if not own and len(clauses) > 1:
            own = [d for d in self.dates if d.spec is not None]
        default = group.date or frame.date
        if frame.type == "Trial" and modality == "planned":
            default = "planned"
        if frame.type == "Ban" and modality == "planned" and "announced" in ft.dates:
            default = "announced"  # "will ban": the date is when it was announced
        speech = [(a, b) for a, b, _ in self.lex.cues.speech.find(words, 0, len(words))]
        first_day = _FIRST_DAY.search(self.sentence.text)
        out: list[DateSpec] = []
        seen: set[str] = set()
        for d in own:
            assert d.spec is not None
            role = frame.dates.get(d.hint) or frame.dates.get(d.spec.qualifier) or default
            t = self.tok(d.start)
            if (
                "announced" in ft.dates
                and role == default
                and any(a - 3 <= t <= b + 3 for a, b in speech)
            ):
                role = "announced"  # "X said on Thursday", "maakte woensdag bekend"
            if first_day and frame.type == "StateVisit" and d.spec.precision == "day":
                role = "start"
            if role is None or role not in ft.dates or role in seen:
                continue
            seen.add(role)
            qualifier = d.spec.qualifier
            if (
                modality == "planned"
                and qualifier == "on"
                and any(d.text.lower().endswith(w) for w in planned_by(self.lex.lang))
            ):
                qualifier = "by"  # "gaat dit jaar met 5G beginnen": by the end of the year
            out.append(DateSpec.parse(d.spec.value, qualifier, d.spec.text, d.spec.note, role=role))
        return out
