"""Entity mentions in an article: known names, new organisations, and what "het bedrijf" means.

Three steps over the cleaned text, in text order:

1. **Known names** from the registry (:mod:`dealgraph.registry`): companies, operators,
   agencies, people, technologies, every country, their adjectives, governments and capitals.
2. **Introductions** of organisations and people the registry does not know, by the noun or
   title before their name ("de Russische telecomprovider Zeta", "Dutch chipmaker Globex",
   "Finnish Prime Minister Jane Doe") or the legal form after it ("Globex Inc.", "Acme B.V.").
   They become new entities flagged ``review: true``, with their type from the noun and their
   country from the adjective ("Russische" -> russia); later mentions of the name follow them.
3. **Coreference**: a definite noun phrase such as "het bedrijf", "de Chinese fabrikant",
   "the telecoms giant" or "de Russische operator" refers to an entity it fits, named in the
   latest sentence that names one: the noun's kind (company, maker, operator, agency, news
   agency) and the adjective's country must agree with the entity's; among several, an exact
   kind wins, then the first of the sentence (its subject, most often). A name earlier in the
   same sentence is not a candidate ("Wingtech neemt een belang in het bedrijf"). "hij" and
   "he" refer to the last person named.

The nouns, titles, legal forms and determiners are data: ``ontology/lexicons/descriptors.yaml``.

>>> found = find_mentions("De Russische telecomprovider Zeta tekende met Huawei. De Chinese fabrikant is blij.", "nl")
>>> [(m.text, m.entity, m.kind) for m in found.mentions]
[('Zeta', 'zeta', 'new'), ('Huawei', 'huawei', 'name'), ('De Chinese fabrikant', 'huawei', 'coref')]
>>> found.entities["zeta"].country, found.entities["zeta"].review
('russia', True)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from .facts import Entity
from .lexicon import WordScan, alternation, bad, load_lexicon, per_language, string_list
from .namespaces import slugify
from .registry import Match, Registry, load_registry
from .sentences import Sentence, split_sentences
from .timex import date_words

_WORD = re.compile(r"[\w’'-]+")
_STOP_NAMES = {
    "The", "De", "Het", "Een", "A", "An", "In", "On", "At", "En", "And", "But", "Maar", "Dat",
    "This", "Dit", "Die", "Deze", "That", "It", "Its", "Zo", "Op", "Met", "With",
    "Volgens", "According", "For", "Voor", "Of", "Van", "Bij", "By", "Also", "Ook", "I", "We",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mentioned at ``text[start:end]``.

    ``kind``: ``name`` (a registry name), ``adjective`` ("Amerikaanse"), ``government``,
    ``capital`` ("Washington"), ``new`` (an organisation or person introduced in the article)
    or ``coref`` (a noun phrase that refers back).
    """

    start: int
    end: int
    entity: str
    kind: str
    text: str
    np_start: int = -1  # where its noun phrase starts ("de Russische telecomprovider MTS")

    @property
    def phrase_start(self) -> int:
        return self.start if self.np_start < 0 else self.np_start


@dataclass
class ArticleEntities:
    """The mentions of one article and the entities they name (known and new).

    ``proper`` are capitalised names the registry does not know and no noun introduced
    ("Nexperia neemt Newport Wafer Fab over"): the event rules may use them in the object
    position of a deal, where they become new companies.
    """

    mentions: list[Mention]
    entities: dict[str, Entity]
    new: set[str] = field(default_factory=set)
    proper: list[Mention] = field(default_factory=list)
    registry: Registry | None = field(default=None, repr=False, compare=False)
    _starts: dict[bool, list[int]] = field(default_factory=dict, repr=False)

    def government_of(self, state: str) -> str:
        """The government of ``state`` ("united-states" -> "american-government"), added to
        the article's entities; the state itself when the registry knows no government."""
        gov = self.registry.governments.get(state) if self.registry is not None else None
        if gov is None or self.registry is None:
            return state
        if gov not in self.entities:
            self.entities.update(self.registry.with_entities({gov}))
        return gov

    def within(self, sentence: Sentence, proper: bool = False) -> list[Mention]:
        """The mentions (or ``proper`` names) inside a sentence, in text order."""
        items = self.proper if proper else self.mentions
        starts = self._starts.get(proper)
        if starts is None:
            starts = self._starts[proper] = [m.start for m in items]
        k = bisect.bisect_left(starts, sentence.start)
        out = []
        while k < len(items) and items[k].start < sentence.end:
            if items[k].end <= sentence.end:
                out.append(items[k])
            k += 1
        return out


@dataclass(frozen=True)
class _Descriptors:
    kinds: dict[str, tuple[str, tuple[str, ...]]]  # kind -> (entity type, sectors)
    noun: WordScan
    noun_kind: dict[str, str]  # ending -> kind (lower case)
    endings: tuple[str, ...]  # longest first
    ending_automaton: Any  # the endings, found in one pass over the text (their words after)
    exclude: frozenset[str]
    exclude_endings: tuple[str, ...]  # the same, for one str.endswith test
    determiners: frozenset[str]
    suffix: WordScan
    name_words: frozenset[str]
    leader_title: re.Pattern[str]
    other_title: re.Pattern[str]
    title_automaton: Any  # lower-cased titles -> (length, leader?), one pass per text
    pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    company_objects: WordScan | None  # "banned it in 2019": a company as object
    company_object_verbs: frozenset[str]  # ... right after one of these
    pronoun_word: WordScan | None  # both kinds, as words of the text
    pair_refs: WordScan | None  # "both companies": the last two companies named
    person_pair_refs: WordScan | None  # "both men", "beide mannen": the last two people named
    plural_refs: WordScan | None  # "de operators", "the three companies": the noun
    plural_before: re.Pattern[str] | None  # ... and the determiner and number before it
    plurals: dict[str, str]  # plural noun -> its kind
    plural_numbers: dict[str, int]
    plural_not_after: frozenset[str]  # "among the suppliers": a set, not the ones named
    short_attributive: bool  # "U.S. firms": a short name before a noun is an adjective
    not_attributive: frozenset[str]
    bare_government: WordScan | None
    portfolios: frozenset[str]
    possessives: frozenset[str]
    ownership: tuple[str, ...]
    plant_words: frozenset[str]
    name_continuations: frozenset[str]
    title_words: frozenset[str]
    honorifics: frozenset[str]  # "Mr", "mevrouw": a person's name follows
    title_of: frozenset[str]  # "the head of X, Jane Doe": the word between title and X
    capital_nouns: frozenset[str]  # "de Filipijnse hoofdstad": the state, as a place
    part_of: frozenset[str]  # "de Amerikaanse tak van TikTok": whose part, no back-reference
    adjective_name_determiners: frozenset[str]  # "het Chinese Addsino": a company
    possessive_names: bool  # "China's Addsino": a company
    compound_titles: bool  # a title may end a closed compound ("landbouwminister")
    adjective_name_heads: frozenset[str]  # ... unless its last word is one of these ("Dam")
    adjective_name_endings: tuple[str, ...]  # ... or it is one word ending so ("Jewish")
    adjective_name_places: frozenset[str]  # ... not after "in": "in het Chinese Tianjin"
    indefinites: frozenset[str]  # "a", "een": an apposition that introduces a name
    plural: re.Pattern[str]  # words a name or a list opener follows: where a list may start
    plural_kind: dict[str, str]  # plural (lower case) -> kind, or "person"
    plural_endings: tuple[str, ...]  # the plurals, longest first
    list_openers: tuple[str, ...]  # "including", "onder wie"
    institution_type: dict[str, str]  # head word -> entity type
    lower_head: re.Pattern[str] | None  # "ministerie van Staatsveiligheid": a lower-case head
    connectors: frozenset[str]  # words inside an institution's name ("of", "voor")
    home: str  # the country of the language's press, for names several entities share
    person_names: dict[str, tuple[re.Pattern[str], ...]]  # family name -> given-name forms


@cache
def descriptors(lang: str) -> _Descriptors:
    """The descriptor lexicon of ``lang`` (English when the language has none), compiled."""
    name = "descriptors"
    data: Any = load_lexicon(name)
    if not isinstance(data, dict):
        raise bad(name, (), "must be a mapping")
    nouns_all = data.get("nouns") or {}
    if lang not in nouns_all:
        lang = "en"

    def per_lang(key: str, sub: str | None = None) -> list[str]:
        """The words of ``key`` for the language (of its ``sub`` key when given)."""
        value = (data.get(key) or {}).get(lang)
        if sub is None:
            return string_list(name, value, (key, lang))
        return string_list(name, (value or {}).get(sub), (key, lang, sub))

    pairs = per_lang("pair_refs")
    plurals = {
        word.lower(): kind
        for kind, words in ((data.get("plural_refs") or {}).get(lang) or {}).items()
        for word in string_list(name, words, ("plural_refs", lang, kind))
    }
    determiners = per_lang("plural_determiners")
    numbers = {
        str(k).lower(): int(v)
        for k, v in ((data.get("plural_numbers") or {}).get(lang) or {}).items()
    }
    kinds: dict[str, tuple[str, tuple[str, ...]]] = {}
    for kind, spec in (data.get("kinds") or {}).items():
        if not isinstance(spec, dict) or "type" not in spec:
            raise bad(name, ("kinds", kind), "give the entity type of the kind")
        sectors = string_list(name, spec.get("sectors"), ("kinds", kind, "sectors"))
        kinds[kind] = (str(spec["type"]), tuple(sectors))
    for kind in set(plurals.values()) - set(kinds):
        raise bad(
            name, ("plural_refs", lang, kind), f"unknown kind {kind!r}; known: {sorted(kinds)}"
        )
    noun_kind: dict[str, str] = {}
    for kind, words in (nouns_all.get(lang) or {}).items():
        if kind not in kinds:
            raise bad(name, ("nouns", lang, kind), f"unknown kind {kind!r}; known: {sorted(kinds)}")
        for w in string_list(name, words, ("nouns", lang, kind)):
            noun_kind[w.lower()] = kind
    endings = tuple(sorted((e for e in noun_kind if " " not in e), key=len, reverse=True))
    phrases = [e for e in noun_kind if " " in e]  # "news agency"
    noun = WordScan(phrases)
    exclude = per_language(name, data.get("exclude", {}), ("exclude",))
    dets = per_language(name, data.get("determiners", {}), ("determiners",))
    suffixes = string_list(name, data.get("suffixes"), ("suffixes",))
    titles = data.get("titles") or {}
    institutions = data.get("institutions") or {}
    if not isinstance(institutions, dict):
        raise bad(name, ("institutions",), "must be a mapping with heads and connectors")
    institution_type: dict[str, str] = {}
    for etype, words in (institutions.get("heads") or {}).items():
        for w in string_list(name, words, ("institutions", "heads", etype)):
            institution_type[w] = str(etype)
    lower = per_language(name, institutions.get("lower_heads", {}), ("institutions", "lower_heads"))
    connectors = string_list(name, institutions.get("connectors"), ("institutions", "connectors"))
    leaders = per_language(name, titles.get("leaders", {}), ("titles", "leaders"))
    others = per_language(name, titles.get("other", {}), ("titles", "other"))
    plural_kind: dict[str, str] = {}
    for ending, kind in noun_kind.items():
        if " " in ending:
            continue
        forms = [ending + "s"]
        if lang == "nl":
            forms += [ending + "en", ending + ending[-1] + "en"]
            if ending.endswith("f"):
                forms.append(ending[:-1] + "ven")  # bedrijf -> bedrijven
        else:
            forms.append(ending + "es")
            if ending.endswith("y"):
                forms.append(ending[:-1] + "ies")  # company -> companies
        for form in forms:
            plural_kind.setdefault(form, kind)
    for w in per_lang("person_plurals"):
        plural_kind[w.lower()] = "person"
    openers = per_lang("list_openers")
    plural_endings = sorted(plural_kind, key=len, reverse=True)
    excluded = {w.lower() for w in exclude.get(lang, []) + exclude.get("*", [])}
    return _Descriptors(
        indefinites=frozenset(w.lower() for w in per_lang("indefinites")),
        plural=re.compile(  # the last letter of a plural ("-s", "-en")
            r"[sn](?=,? (?:[A-Z]" + (f"|(?i:{alternation(openers)}) " if openers else "") + "))"
        ),
        plural_kind=plural_kind,
        plural_endings=tuple(plural_endings),
        list_openers=tuple(sorted(openers, key=len, reverse=True)),
        kinds=kinds,
        noun=noun,
        noun_kind=noun_kind,
        endings=endings,
        ending_automaton=_automaton({e: False for e in endings}),
        exclude=frozenset(excluded),
        exclude_endings=tuple(sorted(excluded)),
        determiners=frozenset(w.lower() for w in dets.get(lang, []) + dets.get("*", [])),
        suffix=WordScan(suffixes, before=r"\w.", after=r"\w"),
        name_words=frozenset(string_list(name, data.get("name_words"), ("name_words",))),
        leader_title=re.compile(
            rf"(?:(?<![\w-])|(?<=\w-)|(?<=[a-z]))(?:{alternation(leaders.get(lang, []))})(?![\w-])",
            re.I,
        ),
        other_title=re.compile(
            rf"(?:(?<![\w-])|(?<=\w-)|(?<=[a-z]))(?:{alternation(others.get(lang, []))})(?![\w-])",
            re.I,
        ),
        title_automaton=_automaton(
            {t.lower(): True for t in leaders.get(lang, [])}
            | {t.lower(): False for t in others.get(lang, []) if t.lower() not in leaders}
        ),
        pronouns=frozenset(per_lang("person_pronouns")),
        plural_refs=_bare(list(plurals), re.IGNORECASE),
        plural_before=_plural_before(determiners, numbers),
        plurals=plurals,
        plural_numbers=numbers,
        plural_not_after=frozenset(w.lower() for w in per_lang("plural_not_after")),
        pair_refs=_bare(pairs, re.IGNORECASE),
        person_pair_refs=_bare(per_lang("person_pair_refs"), re.IGNORECASE),
        short_attributive=bool((data.get("short_attributive") or {}).get(lang, False)),
        object_pronouns=frozenset(per_lang("object_pronouns")),
        company_objects=_bare(per_lang("company_object_pronouns")),
        company_object_verbs=frozenset(per_lang("company_object_verbs")),
        pronoun_word=_bare(per_lang("person_pronouns") + per_lang("object_pronouns")),
        not_attributive=frozenset(per_lang("not_attributive")),
        bare_government=_bare(per_lang("bare_government")),
        portfolios=frozenset(string_list(name, data.get("portfolios"), ("portfolios",))),
        possessives=frozenset(w.lower() for w in per_lang("possessives")),
        ownership=tuple(string_list(name, data.get("ownership"), ("ownership",))),
        plant_words=frozenset(string_list(name, data.get("plant_words"), ("plant_words",))),
        name_continuations=frozenset(
            string_list(name, data.get("name_continuations"), ("name_continuations",))
        ),
        home=str((data.get("home_country") or {}).get(lang) or ""),
        person_names=_person_names(name, data.get("person_names") or {}),
        institution_type=institution_type,
        lower_head=re.compile(
            rf"(?<![\w-])(?:{alternation(lower[lang])})(?= (?:{alternation(connectors)}) [A-Z])"
        )
        if lower.get(lang)
        else None,
        connectors=frozenset(connectors),
        title_words=frozenset(
            w.lower() for t in leaders.get(lang, []) + others.get(lang, []) for w in t.split()
        ),
        honorifics=frozenset(w.lower() for w in per_lang("honorifics")),
        title_of=frozenset(per_lang("title_of")),
        part_of=frozenset(per_lang("part_of")),
        capital_nouns=frozenset(w.lower() for w in per_lang("capital_nouns")),
        adjective_name_determiners=frozenset(
            w.lower() for w in per_lang("adjective_names", "determiners")
        ),
        possessive_names=bool(
            ((data.get("adjective_names") or {}).get(lang) or {}).get("possessive", False)
        ),
        compound_titles=bool((data.get("compound_titles") or {}).get(lang, False)),
        adjective_name_heads=frozenset(
            string_list(
                name,
                (data.get("adjective_names") or {}).get("not_heads"),
                ("adjective_names", "not_heads"),
            )
        ),
        adjective_name_endings=tuple(per_lang("adjective_names", "not_endings")),
        adjective_name_places=frozenset(
            w.lower() for w in per_lang("adjective_names", "not_after")
        ),
    )


# a family name and a given name: "Wang Dong", "Park Min-jun", "Park Jin Hyok" (a given
# name of two syllables written apart is matched as "jin-hyok")
_NAME_PAIR = re.compile(
    r"(?<![\w-])([A-Z][a-z]{0,5}) ([A-Z][a-z]{0,11}(?:-[a-z]{1,6}| [A-Z][a-z]{1,5})?)"
    r"(?![\w-]| [A-Z])"
)


def _person_names(name: str, spec: Any) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Per family name of the `person_names` traditions, the forms of the given name that
    go with it (matched in full, lower-cased)."""
    if not isinstance(spec, dict):
        raise bad(name, ("person_names",), "must be a mapping of traditions")
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for tradition, entry in spec.items():
        where = ("person_names", tradition)
        if not isinstance(entry, dict) or not isinstance(entry.get("given"), str):
            raise bad(name, where, "give `surnames` and a `given` pattern")
        try:
            given = re.compile(entry["given"])
        except re.error as e:
            raise bad(name, (*where, "given"), f"not a regular expression: {e}") from None
        for surname in string_list(name, entry.get("surnames"), (*where, "surnames")):
            out[surname] = (*out.get(surname, ()), given)
    return out


def _automaton(words: dict[str, bool]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for w, flag in words.items():
        automaton.add_word(w, (len(w), flag))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _plural_before(determiners: list[str], numbers: dict[str, int]) -> re.Pattern[str] | None:
    """What stands before a plural reference ("de", "the three"), matched at the end of the
    text before the noun. The scan finds the nouns first: "the" and "de" stand everywhere."""
    if not determiners:
        return None
    number = rf"(?:(?P<n>{alternation(list(numbers))})\s+)?" if numbers else ""
    return re.compile(rf"(?<![\w-])(?:{alternation(determiners)})\s+{number}\Z", re.IGNORECASE)


def _bare(words: list[str], flags: int = 0) -> WordScan | None:
    return WordScan(words, flags) if words else None


def _word_spans_by_flag(
    automaton: Any, text: str, lowered: str, compound: bool = False, suffix: bool = False
) -> dict[Any, list[_Span]]:
    """The automaton's words of each flag apart in ``lowered`` (``text`` lower-cased, same
    length), leftmost and longest, on word boundaries, from one pass of the automaton;
    with ``compound``, also as the last part of a hyphenated word ("SSB-voorzitter"), and
    with ``suffix`` as the last part of a closed compound ("landbouwminister")."""
    hits: dict[Any, list[tuple[int, int]]] = {}
    for flag, a, b in _word_hits(automaton, text, lowered, compound, suffix):
        hits.setdefault(flag, []).append((a, b))
    return {flag: _leftmost_longest(spans) for flag, spans in hits.items()}


def _word_hits(
    automaton: Any, text: str, lowered: str, compound: bool = False, suffix: bool = False
) -> list[tuple[Any, int, int]]:
    """Every (flag, start, end) of the automaton's words in ``lowered`` on word boundaries
    (with ``compound``, a hyphen after a word may stand before one; with ``suffix``, a
    lower-case letter)."""
    hits = []
    for end_index, (length, flag) in automaton.iter(lowered):
        a, b = end_index - length + 1, end_index + 1
        joined = a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_-")
        if (
            joined
            and not (compound and text[a - 1] == "-" and a > 1 and text[a - 2].isalnum())
            and not (suffix and text[a - 1].islower())
        ):
            continue
        if b < len(text) and (text[b].isalnum() or text[b] in "_-"):
            continue
        hits.append((flag, a, b))
    return hits


def _leftmost_longest(hits: list[tuple[int, int]]) -> list[_Span]:
    """The spans that do not overlap one before them, each the longest at its start."""
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[_Span] = []
    last = -1
    for a, b in hits:
        if a >= last:
            out.append(_Span(a, b))
            last = b
    return out


def _name_after(
    text: str, pos: int, max_tokens: int = 4, portfolios: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The span of a capitalised name starting after white space at ``pos``."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i == pos or i >= len(text):
        return None
    start, end, n = i, i, 0
    for m in _WORD.finditer(text, i):
        if m.start() != end and text[end : m.start()].strip(" \t"):
            break  # punctuation between the words ends the name
        if m.start() != end and "\n" in text[end : m.start()]:
            break
        word = m.group()
        if word in _PARTICLES and n > 0:
            nxt = _WORD.match(text, m.end() + 1)
            after = _WORD.match(text, nxt.end() + 1) if nxt is not None else None
            if (
                nxt is not None
                and nxt.group()[0].isupper()
                and nxt.group() not in portfolios  # "minister X van Justitie"
                and text[m.end()] == " "
                and (after is None or not after.group()[0].isupper())
            ):
                end = m.end()
                continue  # "Jan Kees de Jager", "Ursula von der Leyen"
        if not word[0].isupper():
            break
        if n == 0 and word in _STOP_NAMES:
            return None
        end = m.end()
        n += 1
        if n >= max_tokens:
            break
    while end > start and text[end - 1] in "'’-":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return (start, end) if end > start else None


def _compound_title(text: str, start: int, leader: bool, suffix: bool) -> bool:
    """A title at ``start`` stands alone, or ends a word whose first part is a name
    ("SSB-voorzitter Ismail Demir", "GRU-officier Dmitri Badin"), not a common word
    ("oud-president", "vice-president" are titles of their own); a title that is no
    leader's may end a closed compound of three letters or more before it
    ("landbouwminister Stefano Patuanelli"; "vicepremier" makes no leader)."""
    if start == 0 or not (text[start - 1] == "-" or text[start - 1].isalpha()):
        return True
    if text[start - 1] != "-":
        first = _words_left(text, start, 1)
        return (
            suffix
            and not leader
            and bool(first)
            and first[0][2].islower()
            and start - first[0][0] >= 3
        )
    first = _words_left(text, start - 1, 1)
    return bool(first) and first[0][2][0].isupper()


def _words_left(text: str, pos: int, limit: int = 4) -> list[tuple[int, int, str]]:
    """Up to ``limit`` words right before ``pos``, in text order, as long as only spaces
    separate them (punctuation and line breaks end the run)."""
    base = max(0, pos - 100)
    window = text[base:pos]
    out: list[tuple[int, int, str]] = []
    expect = len(window)
    for m in reversed(list(_WORD.finditer(window))):
        if window[m.end() : expect].strip(" \t"):
            break
        out.append((base + m.start(), base + m.end(), m.group()))
        expect = m.start()
        if len(out) == limit:
            break
    return out[::-1]


def _name_before(text: str, pos: int, max_tokens: int = 3) -> tuple[int, int] | None:
    """The span of the capitalised words that end right before ``pos`` (a legal form)."""
    words = _words_left(text, pos, max_tokens)
    start = None
    for s, _, word in reversed(words):
        if not word[0].isupper() or word in _STOP_NAMES:
            break
        start = s
    if start is None:
        return None
    end = max(e for s, e, _ in words if s >= start)
    return start, end


def _is_short(name: str) -> bool:
    """ "US", "U.S.", "UK", "VS": a short name in capitals."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= 3 and all(c.isupper() for c in letters)


def _initials(name: str) -> str:
    """ "China General Nuclear" -> "CGN" (for names of two words or more)."""
    words = [w for w in _ALNUM.findall(name) if w[0].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def find_mentions(
    text: str,
    lang: str,
    registry: Registry | None = None,
    sentences: list[Sentence] | None = None,
) -> ArticleEntities:
    """Every entity mention of ``text`` in order, with the entities they name."""
    if sentences is None:
        sentences = split_sentences(text, lang)
    return _Finder(text, lang, registry or load_registry(), sentences).run()


class _Finder:
    def __init__(self, text: str, lang: str, reg: Registry, sentences: list[Sentence]) -> None:
        self.text = text
        self.reg = reg
        self.lang = lang
        self.sentence_starts = [x.start for x in sentences]
        self.lex = descriptors(lang)
        self.matches = _disambiguate(reg.find(text), reg, self.lex.home)
        self.dropped: set[int] = set()  # starts of registry matches inside a longer new name
        self.consumed: set[int] = set()  # starts of adjectives that belong to a noun phrase
        self.adj_at = {m.start: m for m in self.matches if m.kind == "adjective"}
        self.name_at = {m.start: m for m in self.matches if m.kind != "adjective"}
        self.name_ends = {m.end for m in self.matches if m.kind != "adjective"}
        self.capital_ends = {m.end: m for m in self.matches if m.kind == "capital"}
        self.taken = _Spans((m.start, m.end) for m in self.matches)
        self.new_entities: dict[str, Entity] = {}
        self.new_sector: dict[str, str] = {}
        self.new_names: dict[str, str] = {}  # surface -> id
        self.np_of: dict[int, int] = {}  # mention start -> noun phrase start
        self.items: list[tuple[int, int, str, Any]] = []  # (start, end, what, payload)
        self._runs: list[tuple[int, int]] | None = None
        self._caps: list[re.Match[str]] | None = None
        self.possessive = False  # whether the last noun phrase read opened with "its"
        self.title_words = self.lex.title_words
        self._title_spans: dict[bool, list[_Span]] = {}  # leader? -> the titles in the text

    # -- helpers ---------------------------------------------------------------------------

    def overlaps(self, s: int, e: int) -> bool:
        return self.taken.overlaps(s, e)

    def np_left(self, pos: int) -> tuple[int, str | None, bool]:
        """Where the noun phrase before ``pos`` starts, its country adjective, and whether it
        opens with a determiner."""
        start, country, det = pos, None, False
        self.possessive = False
        skip_to = -1
        for w_start, _, word in reversed(_words_left(self.text, pos)):
            if w_start >= skip_to >= 0:
                continue  # inside a capital already read
            if word.lower() in self.lex.determiners:
                start, det = w_start, True
                break
            if word.lower() in self.lex.possessives:
                self.possessive = True  # "Its commerce ministry": whose, not which
                break
            adj = self.adj_at.get(w_start)
            if adj is not None:
                if not word.lower().endswith(self.lex.ownership):
                    country = country or adj.entity  # "Chinese-owned" is whose, not where
                self.consumed.add(adj.start)
                start = w_start
                if word.endswith(("'s", "’s")):
                    det = True  # "Sweden's telecoms regulator" is definite
                    break
                continue
            place = self.capital_ends.get(w_start + len(word))
            if place is not None and self.text[place.end : place.end + 1] == " ":
                # "an Abu Dhabi investment company": a capital says where it is, no actor
                gov = self.reg.entities.get(place.entity)
                country = country or (gov.country if gov is not None else None)
                self.dropped.add(place.start)
                start = skip_to = place.start
                continue
            if (
                w_start in self.name_at
                or w_start + len(word) in self.name_ends
                or word.lower() in _MARKERS
                or word.lower() in _NP_BREAK
            ):
                # a name, a preposition, a conjunction or an auxiliary before the noun is not
                # part of the phrase ("het ministerie van Defensie heeft internetconcern X")
                break
            start = w_start
        return start, country, det

    def add_new(
        self,
        span: tuple[int, int],
        etype: str,
        country: str | None,
        sector: str,
        how: str,
        np_start: int = -1,
        initials: bool = True,
    ) -> str | None:
        surface = self.text[span[0] : span[1]]
        eid = slugify(surface)
        if eid in self.reg.entities and eid not in self.new_entities:
            if not self.overlaps(*span) and self.reg.entities[eid].type == etype:
                # "Spark, the country's largest telecoms operator": the introduced name is
                # the id of the known one ("spark", Spark New Zealand)
                self.taken.append(span)
                whole = Match(span[0], span[1], eid, "name", surface)
                self.items.append((span[0], span[1], "match", whole))
                if np_start >= 0:
                    self.np_of[span[0]] = np_start
            return None
        known = self._known_by_initials(span) if initials else None
        if known is not None:
            # "Semiconductor Manufacturing International Corp" is the SMIC the registry knows
            self.taken.drop_within(span[0], span[1])
            self.taken.append(span)
            whole = Match(span[0], span[1], known, "name", surface)
            self.items.append((span[0], span[1], "match", whole))
            if np_start >= 0:
                self.np_of[span[0]] = np_start
            return None
        for m in self.matches:  # "China" inside "China General Nuclear"
            if span[0] <= m.start and m.end <= span[1]:
                self.dropped.add(m.start)
        self.taken.drop_within(span[0], span[1])
        if eid not in self.new_entities:
            self.new_entities[eid] = Entity(
                id=eid,
                type=etype,
                label={"": surface},
                country=country,
                review=True,
                note=f"new: introduced as {how!r}",
            )
            self.new_sector[eid] = sector
        self.new_names[surface] = eid
        acronym = _initials(surface)
        if len(acronym) >= 2:
            self.new_names.setdefault(acronym, eid)
        self.taken.append(span)
        self.items.append((span[0], span[1], "new", eid))
        if np_start >= 0:
            self.np_of[span[0]] = np_start
        return eid

    def _known_by_initials(self, span: tuple[int, int]) -> str | None:
        """The registry organisation whose short name is the initials of a long name
        ("Semiconductor Manufacturing International Corp" -> SMIC), with its legal form."""
        surface = self.text[span[0] : span[1]]
        if len(surface.split()) < 3:
            return None  # two initials name too many things
        forms = [_initials(surface)]
        tail = self.lex.suffix.match(self.text, span[1] + 1)
        if tail is not None and self.text[span[1]] == " ":
            forms.append(forms[0] + tail.group()[0].upper())
        for acronym in forms:
            hits = self.reg.find(acronym) if len(acronym) >= 3 else []
            if len(hits) == 1 and hits[0].end - hits[0].start == len(acronym):
                e = self.reg.entities.get(hits[0].entity)
                if e is not None and e.type in ("Company", "Organization", "GovernmentBody"):
                    return e.id
        return None

    def _whole_name(self, span: tuple[int, int]) -> tuple[int, int]:
        """A name after a noun runs on to a name word that ends it ("de onderneming Shenzhen
        Zhixin New Information Technology"), beyond the words a name usually has."""
        for start, end in self.caps_runs():
            if start == span[0] and end > span[1]:
                words = self.text[start:end].split()
                if len(words) <= 7 and words[-1] in self.lex.name_words:
                    return start, end
                break
        return span

    # -- steps -----------------------------------------------------------------------------

    def run(self) -> ArticleEntities:
        self.attributive_states()
        self.institutions()
        self.lower_institutions()
        self.nouns()
        self.legal_forms()
        self.titles()
        self.lists()
        self.person_names()
        self.adjective_names()
        self.subsidiaries()
        self.conjuncts()
        self.later_mentions()
        self.short_forms()
        proper = self.proper_names()
        for m in self.matches:
            if m.start in self.dropped or (m.kind == "adjective" and m.start in self.consumed):
                continue
            self.items.append((m.start, m.end, "match", m))
        if self.lex.bare_government is not None:
            for g in self.lex.bare_government.finditer(self.text):
                if not self.overlaps(g.start(), g.end()):
                    self.items.append((g.start(), g.end(), "government", None))
        pronouns = self.lex.pronoun_word.finditer(self.text) if self.lex.pronoun_word else ()
        for w in pronouns:
            word = w.group()
            if self.overlaps(w.start(), w.end()):
                continue
            if word in self.lex.pronouns or self._object_pronoun(word, w.end()):
                self.items.append((w.start(), w.end(), "pronoun", None))
        if self.lex.company_objects is not None:
            for w in self.lex.company_objects.finditer(self.text):
                if self._company_object(w.start(), w.end()):
                    self.items.append((w.start(), w.end(), "it", None))
        for span in self._pairs():
            if not self.overlaps(span.start(), span.end()):
                self.items.append((span.start(), span.end(), "pair", "Company"))
        if self.lex.person_pair_refs is not None:
            for span in self.lex.person_pair_refs.finditer(self.text):
                if not self.overlaps(span.start(), span.end()):
                    self.items.append((span.start(), span.end(), "pair", "Person"))
        if self.lex.plural_refs is not None and self.lex.plural_before is not None:
            text = self.text
            for p in self.lex.plural_refs.finditer(text):
                lead = self.lex.plural_before.search(text, max(0, p.start() - 24), p.start())
                if lead is None:
                    continue
                before = text[max(0, lead.start() - 12) : lead.start()].split()
                if before and before[-1].lower() in self.lex.plural_not_after:
                    continue
                if text[p.end() : p.end() + 2].strip()[:1].isupper():
                    continue  # "the chipmakers Infineon and NXP": it introduces the names
                if not self.overlaps(lead.start(), p.end()):
                    kind = self.lex.plurals[text[p.start() : p.end()].lower()]
                    n = self.lex.plural_numbers.get((lead.group("n") or "").lower(), 0)
                    self.items.append((lead.start(), p.end(), "plural", (kind, n)))
        self.leader_refs()
        self.items.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        return self.resolve(proper)

    def leader_refs(self) -> None:
        """A leader's title after a determiner and a country adjective, with no name after it,
        refers to the person last named who leads that country ("the Chinese leader", "de
        Franse president")."""
        for m in self._titles(True):
            if self.overlaps(m.start(), m.end()):
                continue
            if _name_after(self.text, m.end(), 3, self.lex.portfolios) is not None:
                continue  # "the French President Emmanuel Macron": a title, see titles()
            left = _words_left(self.text, m.start(), 2)
            if len(left) != 2 or left[0][2].lower() not in self.lex.determiners:
                continue
            adj = self.adj_at.get(left[1][0])
            if adj is None or adj.end != left[1][1]:
                continue
            self.items.append((left[0][0], m.end(), "leader", adj.entity))

    def _company_object(self, start: int, end: int) -> bool:
        """ "put it on its list", "banned it.": the pronoun right after a verb whose object is
        an actor and before a preposition or the end of the clause."""
        text = self.text
        if start < 2 or text[start - 1] != " ":
            return False  # at a clause start, after a comma: a subject
        k = start - 1
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if text[k : start - 1] not in self.lex.company_object_verbs:
            return False
        if end >= len(text) or text[end] in ".,;:!?)":
            return True
        nxt = _WORD.match(text, end + 1) if text[end] == " " else None
        return nxt is not None and nxt.group().lower() in _MARKERS

    def _object_pronoun(self, word: str, end: int) -> bool:
        """ "verdenken haar van", "charged him with": an object pronoun for a person; "haar"
        and "her" also own nouns ("haar mensenrechten"), so only before a preposition or a
        stop."""
        if word not in self.lex.object_pronouns:
            return False
        if word in ("hem", "him"):
            return True
        nxt = (
            _WORD.match(self.text, end + 1)
            if end < len(self.text) and self.text[end] == " "
            else None
        )
        if nxt is None:
            return end < len(self.text) and self.text[end] in ".,;:!?"
        return nxt.group().lower() in _MARKERS

    def attributive_states(self) -> None:
        """A state's name that modifies a noun is an adjective: "China's ZTE", "Britain's
        regulator", "U.S. firms", "U.S. Justice Department"; a capital in "Stockholm-based" is
        no actor at all."""
        text = self.text
        out: list[Match] = []
        for m in self.matches:
            e = self.reg.entities.get(m.entity)
            after = text[m.end : m.end + 40]
            if m.kind == "capital" and after.startswith("-"):
                self.dropped.add(m.start)
                continue
            if self._inside_a_name(m, e):
                # "Air China", "London Stock Exchange", "Trades Union Congress"
                self.taken.remove((m.start, m.end))
                self.name_at.pop(m.start, None)
                continue
            if (
                m.kind == "name"
                and e is not None
                and e.type == "State"
                and _LOCATED.match(after) is not None
            ):
                # "Netherlands-based", "US-German carmaker": where a company is, not an actor
                m = Match(m.start, m.end, m.entity, "adjective", m.text)
                self.adj_at[m.start] = m
                self.name_at.pop(m.start, None)
                out.append(m)
                continue
            if m.kind != "name" or e is None or e.type != "State":
                out.append(m)
                continue
            word = _SPACE_WORD.match(after)
            possessive = after.startswith(("'s ", "’s "))
            modifies_name = word is not None and (m.end + 1) in self.name_at
            short = _is_short(m.text)
            modifies_noun = (
                short
                and self.lex.short_attributive
                and word is not None
                and (
                    word.group(1)[0].isupper()  # "U.S. President Donald Trump"
                    or (
                        word.group(1).lower() not in self.lex.not_attributive
                        and not word.group(1).endswith("ed")
                    )
                )
            )
            if possessive or modifies_name or modifies_noun:
                m = Match(m.start, m.end, m.entity, "adjective", m.text)
                self.adj_at[m.start] = m
                self.name_at.pop(m.start, None)
            out.append(m)
        self.matches = out
        # "in de Filipijnse hoofdstad": a state's adjective and "capital" name the state as a
        # place (the host of a visit), which the adjective alone never is
        if self.lex.capital_nouns:
            for k, m in enumerate(out):
                if m.kind != "adjective" or self.text[m.end : m.end + 1] != " ":
                    continue
                noun = _WORD.match(self.text, m.end + 1)
                e = self.reg.entities.get(m.entity)
                if noun is None or noun.group().lower() not in self.lex.capital_nouns:
                    continue
                if e is None or e.type != "State" or m.text.endswith(("'s", "’s")):
                    continue
                out[k] = Match(
                    m.start, noun.end(), m.entity, "name", self.text[m.start : noun.end()]
                )
                self.adj_at.pop(m.start, None)
                self.name_at[m.start] = out[k]
                self.name_ends.add(noun.end())
        # "Het kabinet in Berlijn": a government's name before "in" and another state's
        # capital is that state's government, which the capital names
        capitals = {m.start: m for m in out if m.kind == "capital"}
        if capitals:
            for k, m in enumerate(out):
                place = capitals.get(m.end + 4)
                if place is None or place.entity == m.entity:
                    continue
                if self.text[m.end : m.end + 4] != " in ":
                    continue
                if m.entity not in self.reg.governments.values():
                    continue  # only on a hit: no set of governments built for every article
                out[k] = Match(m.start, m.end, place.entity, m.kind, m.text)
                if m.start in self.name_at:
                    self.name_at[m.start] = out[k]
                self.dropped.add(place.start)

    def _inside_a_name(self, m: Match, e: Entity | None) -> bool:
        """A country, a capital or a one-word body inside a longer capitalised name that the
        registry does not know is part of that name: "Air China", "China Southern Airlines",
        "London Stock Exchange", "Trades Union Congress"."""
        if e is None or " " in m.text or m.text.isupper():
            return False
        if not (e.type == "State" or m.kind == "capital" or e.type == "GovernmentBody"):
            return False
        text = self.text
        nxt = _NEXT_WORD.match(text, m.end)
        if nxt is not None and (
            nxt.group(1) in self.lex.name_words or nxt.group(1) in self.lex.name_continuations
        ):
            return (m.end + 1) not in self.name_at
        run = _CAPS.match(text, m.start) if m.kind == "capital" else None
        if run is not None and (m.end + 1) not in self.name_at:
            words = run.group().split()
            if len(words) >= 3 and words[-1] in self.lex.name_words:
                return True  # a city that opens a company's name: "Beijing Kunlun Tech"
        prev = _words_left(text, m.start, 1)
        if not prev or m.start - prev[0][1] != 1:
            return False
        p_start, _, word = prev[0]
        if not word[0].isupper() or word in _STOP_NAMES or word.endswith(("'s", "’s")):
            return False
        if word.lower() in date_words(self.lang):
            return False  # "On Monday Britain accused ...": a date, no name
        if p_start in self.name_at or p_start in self.adj_at or word.lower() in self.title_words:
            return False
        before = text[max(0, p_start - 3) : p_start]
        # a capital at the start of a sentence says nothing
        return not (p_start == 0 or "\n" in before or _SENTENCE_END.search(before))

    def _named_beside(self, end: int) -> bool:
        """A name set beside a noun phrase between commas (", the Public Investment Fund,"):
        the phrase describes that name and refers to nothing before it."""
        text = self.text
        if not text.startswith(", ", end):
            return False
        k = end + 2
        word = _WORD.match(text, k)
        if word is not None and word.group().lower() in self.lex.determiners:
            k = word.end() + 1
        known = self.name_at.get(k)
        return known is not None and text.startswith(",", known.end)

    def _ending_words(self) -> list[re.Match[str]]:
        """The lower-case words that end in a descriptor noun ("chipmaker", "telecombedrijf"),
        in text order: the automaton finds the endings, a word boundary must follow them."""
        text, lex = self.text, self.lex
        out: list[re.Match[str]] = []
        if not len(lex.ending_automaton):
            return out
        ends: set[int] = set()
        for last, _ in lex.ending_automaton.iter(text):
            end = last + 1
            if end in ends or _WORD_CHAR.match(text, end):
                continue
            ends.add(end)
            word = _WORD_BACK.search(text, max(0, end - 80), end)
            if word is not None and word.group()[1:].islower():
                out.append(word)
        return out

    def nouns(self) -> None:
        """Introductions ("telecomprovider Zeta") and noun phrases that refer back."""
        text, lex = self.text, self.lex
        # nouns are written in lower case (only a compound's first letter may be a capital)
        words = [w for w in lex.noun.finditer(text)] + self._ending_words()
        phrase_spans = [(w.start(), w.end()) for w in words if " " in w.group()]
        for m in words:
            word = m.group().lower()
            if self.overlaps(m.start(), m.end()) or word in lex.exclude:
                continue
            if " " not in word and any(a <= m.start() < b for a, b in phrase_spans):
                continue  # "agency" inside "news agency"
            if text[max(0, m.start() - 25) : m.end()].lower().endswith(lex.exclude_endings):
                continue
            ending = (
                word if word in lex.noun_kind else next(e for e in lex.endings if word.endswith(e))
            )
            kind = lex.noun_kind[ending]
            etype, sectors = lex.kinds[kind]
            np_start, country, det = self.np_left(m.start())
            after = _name_after(text, m.end(), 4, lex.portfolios)
            if after is not None:
                after = self._whole_name(after)
            if after is not None and text[m.end()] == " ":
                known = self.name_at.get(after[0])
                if known is not None and known.end >= after[1]:
                    self.np_of[known.start] = np_start  # "de Russische telecomprovider MTS"
                    continue
                if known is not None or not self.overlaps(*after):
                    self.add_new(
                        after,
                        etype,
                        country,
                        sectors[0] if sectors else "company",
                        text[np_start : m.end()],
                        np_start,
                    )
                    continue
            indefinite = (
                not det
                and text[np_start : np_start + 4].split(" ", 1)[0].lower() in lex.indefinites
            )
            if (det or indefinite) and kind != "agency":
                named = self._apposed(np_start)
                if named is not None:
                    # "TDC, het grootste telecombedrijf van Denemarken": the name before the
                    # comma is the organisation the noun describes
                    self.add_new(
                        named,
                        etype,
                        country,
                        sectors[0] if sectors else "company",
                        text[named[0] : m.end()],
                    )
                    continue
            if det and self._named_beside(m.end()):
                continue  # "the kingdom's wealth fund, the Public Investment Fund,": it names it
            if det and self._part_of_a_name(m.end()):
                continue  # "de Amerikaanse tak van TikTok" is TikTok's, not the last firm named
            if det:
                self.items.append((np_start, m.end(), "coref", (kind, country, word)))
            elif kind == "agency" and self.possessive:
                # "Its commerce ministry": a ministry of the state named last
                start = _words_left(text, np_start, 1)[0][0]
                self.items.append((start, m.end(), "coref", (kind, _LAST_STATE, word)))

    def _part_of_a_name(self, end: int) -> bool:
        """ "van TikTok", "of the Chinese group Huawei": the noun before is a part or a kind
        of the name after it, so it refers to nothing named before."""
        text = self.text
        of = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if of is None or of.group() not in self.lex.part_of:
            return False
        nxt = _WORD.match(text, of.end() + 1)
        while nxt is not None and nxt.group().lower() in self.lex.determiners:
            nxt = _WORD.match(text, nxt.end() + 1)
        return nxt is not None and nxt.start() in self.name_at

    def institutions(self) -> None:
        """A run of capitalised words around an institution's head word is an institution the
        registry does not know: "the Securities and Exchange Commission", "Portugal's Higher
        Council for Cyberspace Security", "de Autoriteit Consument en Markt". A short state
        name before it says whose it is ("US Securities and Exchange Commission"); a known
        organisation inside it ("Huawei Board") makes it no new name."""
        kinds = self.lex.institution_type
        if not kinds:
            return
        text = self.text
        heads = [
            w
            for m in self.caps()
            if " " in m.group() or m.group() in kinds  # a head alone may open "X of Y"
            for w in _WORD.finditer(text, m.start(), m.end())
            if w.group() in kinds
        ]
        for head in heads:
            if self.overlaps(head.start(), head.end()):
                continue
            start = self._institution_start(head.start())
            end = self._institution_end(head.end())
            country = None
            short = self.adj_at.get(start)
            if short is not None and (len(short.text) <= 4 or "." in short.text):
                country = short.entity  # "US Securities and Exchange Commission"
                start = short.end + 1
            words = [w for w in text[start:end].split() if w[0].isupper()]
            if len(words) < 2 or _has_date_word(text[start:end], self.lang):
                continue
            inside = [m for m in self.matches if start <= m.start and m.end <= end]
            if any(
                m.kind not in ("adjective", "capital")
                and (e := self.reg.entities.get(m.entity)) is not None
                and e.type != "State"
                for m in inside
            ):
                continue  # a known organisation's own body, or the known name itself
            if any(m.start < start < m.end or m.start < end < m.end for m in self.matches):
                continue
            for m in inside:
                e = self.reg.entities.get(m.entity)
                if country is None and e is not None and e.type == "State":
                    country = m.entity
            before = self._adjective_before(start, possessive=True)
            country = country or (before.entity if before is not None else None)
            country = country or self._country_after(end)
            known_as = self._institution_known_as(start, end) or self._of_country(
                start, end, country
            )
            if known_as is not None:
                # "The Post and Telecom Authority, PTS," is the Swedish one the registry has
                self._adopt(Match(start, end, known_as, "name", text[start:end]))
                continue
            etype = self.lex.institution_type[head.group()]
            sector = "agency" if etype == "GovernmentBody" else "institute"
            eid = self.add_new((start, end), etype, country, sector, text[start:end])
            acronym = _ACRONYM_AFTER.match(text, end)
            if eid is not None and acronym is not None:
                self.new_names.setdefault(acronym.group(1), eid)  # "(SAMR)"

    def _adjective_before(self, start: int, possessive: bool = False) -> Match | None:
        """The country adjective (or, with ``possessive``, the "X's") right before ``start``."""
        for m in self.matches:
            if m.kind == "adjective" and (
                m.end + 1 == start or possessive and self.text[m.end : start] in ("'s ", "’s ")
            ):
                return m
        return None

    def lower_institutions(self) -> None:
        """An institution whose head word is written in lower case before its capitalised
        portfolio: "het Chinese ministerie van Staatsveiligheid". The country adjective before
        it is part of the name and says whose it is; a name the registry knows wins."""
        if self.lex.lower_head is None:
            return
        text = self.text
        for head in self.lex.lower_head.finditer(text):
            start, end = head.start(), self._institution_end(head.end())
            if end == head.end() or self.overlaps(start, end):
                continue
            if any(m.start < end and start < m.end for m in self.matches if m.kind != "adjective"):
                continue  # "ministerie van Handel" the registry has
            adjective = self._adjective_before(start)
            country = adjective.entity if adjective is not None else self._country_after(end)
            known = self._of_country(start, end, country)
            if known is not None:  # "het ministerie van Justitie in Washington"
                self._adopt(Match(start, end, known, "name", text[start:end]))
                continue
            if adjective is not None:
                start = adjective.start
            self.add_new((start, end), "GovernmentBody", country, "agency", text[start:end])

    def _country_after(self, end: int) -> str | None:
        """The state an institution's name is placed in right after it: "the Ministry of
        Commerce in Beijing", "het ministerie van Justitie in Washington"."""
        if self.text[end : end + 4] not in (" in ", " In "):
            return None
        m = self.name_at.get(end + 4)
        e = self.reg.entities.get(m.entity) if m is not None else None
        return e.state() if e is not None else None

    def _of_country(self, start: int, end: int, country: str | None) -> str | None:
        """The registry's institution of ``country`` with the name at start:end."""
        if country is None:
            return None
        return self.reg.institutions_by_country.get((self.text[start:end].casefold(), country))

    def _institution_start(self, head: int) -> int:
        """Where an institution's name whose head word starts at ``head`` begins: over the
        capitalised words before it and "and" / "&" between them ("Securities and Exchange
        Commission"), not over a possessor ("Portugal's"), an article or a connector."""
        left = _NAME_LEFT.search(self.text, max(0, head - 80), head)
        if left is None:
            return head
        words = list(_NAME_LEFT_WORD.finditer(self.text, left.start(), head))
        owners = [k for k, w in enumerate(words) if w.group().endswith(("'s", "’s"))]
        words = words[owners[-1] + 1 :] if owners else words
        while words and (words[0].group() in _STOP_NAMES or not words[0].group()[0].isupper()):
            words.pop(0)
        return words[0].start() if words else head

    def _institution_known_as(self, start: int, end: int) -> str | None:
        """A known institution an unknown name stands for: the one its acronym after it names
        ("The Post and Telecom Authority, PTS,"), or the one whose name is this one after a
        first word ("Swedish Post and Telecom Authority")."""
        acronym = _ACRONYM_AFTER.match(self.text, end) or _ACRONYM_APPOSED.match(self.text, end)
        if acronym is not None:
            known = self.name_at.get(acronym.start(1))
            if known is not None and known.end == acronym.end(1):
                e = self.reg.entities.get(known.entity)
                if e is not None and e.type in ("GovernmentBody", "Organization"):
                    return known.entity
        return self.reg.institution_tails.get(self.text[start:end])

    def _institution_end(self, end: int) -> int:
        """Where an institution's name that reaches ``end`` stops: over capitalised words and
        the connectors between them ("Ministry of Economy, Trade and Industry"), before a
        date word and before a known organisation after "and" ("Commission and Huawei")."""
        text, connectors = self.text, self.lex.connectors
        while True:
            m = _NEXT_NAME_WORD.match(text, end)
            if m is None:
                lst = _COMMA_LIST.match(text, end)
                if lst is None:
                    return end
                end = lst.end()
                continue
            joiner, word = m.group(1), m.group(2)
            if joiner and joiner.split()[0] not in connectors:
                return end
            if joiner and " " in joiner and joiner.split()[0] in ("and", "en", "&"):
                return end  # "the Soros Foundation and the Kyrgyz government": a new phrase
            if _has_date_word(word, self.lang) or word in _STOP_NAMES:
                return end
            known = self.name_at.get(m.start(2))
            if known is not None:
                e = self.reg.entities.get(known.entity)
                if (joiner or "").strip() in ("and", "en", "&") or (
                    e is not None and e.type != "State"
                ):
                    return end  # "... Commission and Huawei", "Board of Huawei"
                end = known.end
                continue
            if word.endswith(("'s", "’s")):
                return m.end() - 2  # "the Council for Cyberspace Security's ruling"
            end = m.end()

    def _apposed(self, np_start: int) -> tuple[int, int] | None:
        """An unknown capitalised name right before ", " and the noun phrase at ``np_start``."""
        if self.text[max(0, np_start - 2) : np_start] != ", ":
            return None
        m = _NAME_BEFORE_COMMA.search(self.text, max(0, np_start - 80), np_start)
        if m is None:
            return None
        start, end = m.start(1), m.end(1)
        words = self.text[start:end].split()
        if words[0] in _STOP_NAMES or _has_date_word(self.text[start:end], self.lang):
            return None
        if self.overlaps(start, end) or len(words) > 5:
            return None
        if words[0] in self.title_words or words[0].lower() in self.lex.determiners:
            return None
        return start, end

    def legal_forms(self) -> None:
        """A legal form ("Globex Inc.") or a name word ("JAC Capital") makes a company."""
        for m in self.lex.suffix.finditer(self.text):
            span = _name_before(self.text, m.start())
            if span is None or self.overlaps(span[0], m.end()):
                continue
            self.add_new(span, "Company", None, "company", self.text[span[0] : m.end()])
        for start, end in self.caps_runs():
            name = self.text[start:end]
            words = name.split()
            if len(words) < 2 or words[-1] not in self.lex.name_words or words[0] in _STOP_NAMES:
                continue
            if self.overlaps(start, end):
                inside = [x for x in self.matches if start <= x.start and x.end <= end]
                if not inside or any(x.kind != "name" and x.kind != "adjective" for x in inside):
                    continue
                if any(x.end - x.start == end - start for x in inside):
                    continue
                known = self._known_with_name_words(inside, start, end)
                if known is not None:
                    # "Hangzhou Hikvision Digital Technology" is Hikvision, all of it
                    self._adopt(Match(start, end, known.entity, "name", name))
                    continue
            sector = "plant" if words[-1] in self.lex.plant_words else "company"
            self.add_new((start, end), "Company", None, sector, name)

    def _adopt(self, whole: Match) -> None:
        """A known entity's match over a whole name, in place of the matches inside it."""
        inside = [x for x in self.matches if whole.start <= x.start and x.end <= whole.end]
        self.matches = [x for x in self.matches if x not in inside] + [whole]
        self.matches.sort(key=lambda x: x.start)
        for x in inside:
            self.name_at.pop(x.start, None)
            self.adj_at.pop(x.start, None)
        self.name_at[whole.start] = whole
        self.taken.drop_within(whole.start, whole.end)
        self.taken.append((whole.start, whole.end))

    def caps(self) -> list[re.Match[str]]:
        """The runs of capitalised words of the text, found once."""
        if self._caps is None:
            self._caps = list(_CAPS.finditer(self.text))
        return self._caps

    def caps_runs(self) -> list[tuple[int, int]]:
        """Runs of capitalised words that may be a name: after a possessive ("China's
        Wingtech Technology" is Wingtech Technology of China), and with the "of <Name>" that
        ends a company's name ("Commercial Aircraft Corporation of China")."""
        if self._runs is not None:
            return self._runs
        text = self.text
        out = []
        for m in self.caps():
            start, end = m.start(), m.end()
            if "'" in m.group() or "’" in m.group():
                for w in _WORD.finditer(text, start, end):
                    if w.group().endswith(("'s", "’s")) and w.end() < end:
                        start = w.end() + 1  # the possessor is no part of the name
            first = _WORD.match(text, start)
            if first is not None and first.group() in _STOP_NAMES and first.end() < end:
                start = first.end() + 1  # "Het Chinese ...": no part of the name
            adj = self.adj_at.get(start)
            if adj is not None and adj.end < end and text[adj.end] == " ":
                start = adj.end + 1  # "het Chinese Fujian Grand Chip Investment Fund"
            words = text[start:end].split()
            if words and words[-1] in self.lex.name_words:
                tail = _OF_NAME.match(text, end)
                if tail is not None:
                    end = tail.end()
            if end > start:
                out.append((start, end))
        self._runs = out
        return out

    def _known_with_name_words(self, inside: list[Match], start: int, end: int) -> Match | None:
        """The run is one known organisation's name with words that only say what kind of
        organisation it is ("Huawei Technologies", "Hangzhou Hikvision Digital Technology"):
        that organisation, not a new one."""
        names = [x for x in inside if x.kind == "name"]
        if len(names) != 1:
            return None
        e = self.reg.entities.get(names[0].entity)
        if e is None or e.type not in ("Company", "GovernmentBody"):
            return None
        rest = (self.text[start : names[0].start] + " " + self.text[names[0].end : end]).split()
        generic = self.lex.name_words | _GENERIC_NAME_WORDS
        if rest and sum(w not in generic for w in rest) <= 1 and rest[-1] in generic:
            return names[0]
        return None

    def titles(self) -> None:
        """A title before a person's name: "Finnish Prime Minister Jane Doe"."""
        for leader in (True, False):
            for m in self._titles(leader):
                if self.overlaps(m.start(), m.end()):
                    continue
                np_start, country, _ = self.np_left(m.start())
                after = _name_after(self.text, m.end(), 3, self.lex.portfolios)
                if after is None:
                    after = self._portfolio_holder(m.start(), m.end())
                if after is None:
                    after = self._apposed_person(m.end(), np_start)
                if after is None:
                    continue
                known = self.name_at.get(after[0])
                if known is not None:
                    self.np_of[known.start] = np_start
                    self.taken.append((m.start(), m.end()))  # "Commerce" names no department
                    continue
                if self.overlaps(*after) and not self._surname_is_a_company(after):
                    continue
                surface = self.text[after[0] : after[1]]
                if len(surface.split()) < 2:
                    continue  # a single word after a title is too often not a name
                self.taken.append((m.start(), m.end()))
                eid = slugify(surface)
                if eid in self.reg.entities:
                    continue
                self.new_entities[eid] = Entity(
                    id=eid,
                    type="Person",
                    label={"": surface},
                    leader_of=country if leader else None,
                    review=True,
                    note=f"new: introduced as {self.text[m.start() : after[1]]!r}",
                )
                self.new_names[surface] = eid
                self.new_names.setdefault(surface.split()[-1], eid)  # "Pence" after "Mike Pence"
                self.taken.append(after)
                self.items.append((after[0], after[1], "new", eid))
                self.np_of[after[0]] = np_start

    def _surname_is_a_company(self, span: tuple[int, int]) -> bool:
        """ "founder Eugene Kaspersky": a known company's name as the last word of a titled
        person's name is the person's surname; that match is dropped."""
        inside = [m for m in self.matches if span[0] < m.start and m.end <= span[1]]
        if not inside or any(m.start < span[0] < m.end for m in self.matches):
            return False
        if any(self.reg.entities[m.entity].type != "Company" for m in inside):
            return False
        if any(m.end != span[1] for m in inside):
            return False
        for m in inside:
            self.dropped.add(m.start)
        self.taken.drop_within(*span)
        return True

    def lists(self) -> None:
        """A plural noun and a list of names after it: each name is one of them ("de
        chipmachinemakers Piotech en SiCarrier", "two Chinese nationals, Zhao Guangzong and Ni
        Gaobin", "brancheorganisaties, onder wie de Internet Society of China")."""
        lex, text = self.lex, self.text
        if not lex.plural_endings:
            return
        for last in lex.plural.finditer(text):  # only words a name or an opener follows
            end = last.end()
            begin = end - 1
            while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "-"):
                begin -= 1
            surface = text[begin:end]
            word = surface.lower()
            noun = surface.rsplit("-", 1)[-1]  # "FSB-officieren": the noun is the last part
            if not word.endswith(lex.plural_endings) or not noun[1:].islower():
                continue
            if word.endswith(lex.exclude_endings):
                continue
            ending = next(e for e in lex.plural_endings if word.endswith(e))
            pos = end + 1 if text[end : end + 2] == ", " else end
            opened = False
            for op in lex.list_openers:
                if text[pos : pos + len(op) + 2].lower() == f" {op} ":
                    pos, opened = pos + len(op) + 1, True
                    nxt = _WORD.match(text, pos + 1)
                    if nxt is not None and nxt.group() in lex.determiners:
                        pos = nxt.end()  # "onder wie de Internet Society of China"
                    break
            names, closed = self._listed(pos, 4)
            if not names or (len(names) < 2 and not opened) or (len(names) >= 2 and not closed):
                continue
            kind = lex.plural_kind[ending]
            np_start, country, _ = self.np_left(begin)
            if kind == "person":
                etype, sector = "Person", "person"
            else:
                etype, sectors = lex.kinds[kind]
                sector = sectors[0] if sectors else "company"
            for a, b in names:
                name = text[a:b]
                if self.overlaps(a, b) or name.split()[0] in _STOP_NAMES:
                    continue
                if _has_date_word(name, self.lang):
                    continue
                eid = self.add_new((a, b), etype, country, sector, text[np_start:end])
                if eid is not None and etype == "Person" and len(name.split()) > 1:
                    self.new_names.setdefault(name.split()[-1], eid)

    def person_names(self) -> None:
        """A name whose form says it is a person's ("Wang Dong", "Gu Chunhui", "Park
        Min-jun"), where nothing else matched: a new person, flagged for review."""
        forms = self.lex.person_names
        if not forms:
            return
        for m in _NAME_PAIR.finditer(self.text):
            given = forms.get(m.group(1))
            form = m.group(2).lower().replace(" ", "-")
            if given is None or not any(g.fullmatch(form) for g in given):
                continue
            a, b = m.span()
            if self.overlaps(a, b) or any(a < x.end and x.start < b for x in self.matches):
                continue
            eid = self.add_new((a, b), "Person", None, "person", "a person's name")
            if eid is not None:
                self.new_names.setdefault(m.group(1), eid)  # the family name comes first: "Yin"

    def adjective_names(self) -> None:
        """An unknown name right after a state's adjective, with a determiner before it in
        Dutch ("aan het Chinese Addsino") or as the state's possessive in English ("China's
        Addsino"), is a company of that state, flagged for review; a person there has a
        title ("Russia's foreign minister Sergei Lavrov") or is known."""
        text, lex = self.text, self.lex
        if not lex.adjective_name_determiners and not lex.possessive_names:
            return
        for adj in list(self.adj_at.values()):
            if adj.start in self.consumed or adj.start in self.dropped:
                continue
            pos = adj.end
            if text[pos : pos + 3] in ("'s ", "’s "):
                if not lex.possessive_names:
                    continue
                pos += 2
                left = _words_left(text, adj.start, 1)
            else:
                left = _words_left(text, adj.start, 2)
                if not left or left[-1][2].lower() not in lex.adjective_name_determiners:
                    continue
                left = left[:-1]
            if left and left[-1][2].lower() in lex.adjective_name_places:
                continue  # "in het Chinese Tianjin": a place
            if text[pos : pos + 1] != " ":
                continue
            span = _name_after(text, pos, 3, lex.portfolios)
            if span is None or span[0] != pos + 1:
                continue
            nxt = _NEXT_WORD.match(text, span[1])
            if nxt is not None:
                continue  # a name longer than three words, or a title and a name
            joined = _NEXT_NAME_WORD.match(text, span[1])
            if (
                joined is not None
                and joined.group(1) in lex.connectors
                and not _has_date_word(joined.group(2), self.lang)
            ):
                continue  # "China's Belt and Road Initiative", not "China's Addsino on Monday"
            name = text[span[0] : span[1]]
            if any(c.isdigit() for c in name) or len(name) < 3:
                continue  # a product ("Russia's S-400") or a title ("Australia's PM")
            words = name.split()
            if words[-1] in lex.adjective_name_heads or (
                len(words) == 1 and name.lower().endswith(lex.adjective_name_endings)
            ):
                continue  # "China's Three Gorges Dam", "Britain's Jewish community"
            if self.overlaps(*span) or any(
                span[0] < m.end and m.start < span[1] for m in self.matches
            ):
                continue
            if name.split()[0].lower() in self.title_words or _has_date_word(name, self.lang):
                continue
            eid = self.add_new(span, "Company", adj.entity, "company", text[adj.start : span[1]])
            if eid is not None:
                self.consumed.add(adj.start)
                self.np_of[span[0]] = adj.start

    def _portfolio_holder(self, start: int, end: int) -> tuple[int, int] | None:
        """The person after a title and its portfolio: "Minister van Binnenlandse Zaken
        Joachim Brudziński", "minister van Handel, Industrie en Energie Sung Yun-mo",
        "Minister of Foreign Affairs Wang Yi": the last two of three or more capitalised
        words (the portfolio's words may be joined by "en", "and" or a comma)."""
        text = self.text
        caps: list[tuple[int, int]] = []
        if any(w in self.lex.title_of for w in text[start:end].split()[1:-1]):
            pos = end  # the title names a portfolio: "minister van Handel, Industrie en ..."
            caps.append((text.rfind(" ", start, end) + 1, end))
        else:
            of = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
            if of is None or of.group() not in self.lex.title_of:
                return None
            first = _WORD.match(text, of.end() + 1)
            if first is None or first.group() not in self.lex.portfolios:
                return None  # "president of Sony Computer Entertainment America"
            pos = of.end()
        for w in _WORD.finditer(text, pos):
            gap = text[pos : w.start()]
            if gap.strip(" ,") or "\n" in gap:
                break
            word = w.group()
            if word[0].isupper():
                caps.append((w.start(), w.end()))
            elif word not in self.lex.connectors or not caps:
                break
            pos = w.end()
        if len(caps) < 3 or "," in text[caps[-2][0] : caps[-1][1]]:
            return None
        if text[caps[-3][1] : caps[-2][0]] != " ":
            return None  # the name follows the portfolio's last word at once
        return caps[-2][0], caps[-1][1]

    def _apposed_person(self, end: int, np_start: int) -> tuple[int, int] | None:
        """A person's name set off by commas from the title: "its chairman, Ajit Pai, said",
        "George Glass, the then US ambassador to Portugal, ..."."""
        text = self.text
        of = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if of is not None and of.group() in self.lex.title_of:
            # "de baas van de Russische militaire inlichtingendienst GRU, Igor Kostjoekov,"
            comma = text.find(", ", of.end(), of.end() + 80)
            if comma > of.end() and not any(c in text[of.end() : comma] for c in '.;:()"'):
                end = comma
        if text[end : end + 2] == ", ":
            after = _name_after(text, end + 1, 3, self.lex.portfolios)
            if after is not None and (after[1] == len(text) or text[after[1]] in ",.;)"):
                return after
        if text[max(0, np_start - 2) : np_start] == ", ":
            m = _NAME_BEFORE_COMMA.search(text, max(0, np_start - 60), np_start)
            if m is None:
                return None
            words = m.group(1).split()
            if not 2 <= len(words) <= 3 or words[0] in _STOP_NAMES:
                return None
            if any(w.lower() in self.lex.title_words for w in words):
                return None
            if _has_date_word(m.group(1), self.lang) or self.overlaps(m.start(1), m.end(1)):
                return None
            return m.start(1), m.end(1)
        return None

    def _titles(self, leader: bool) -> list[_Span]:
        """The titles of one kind in the text, leftmost and longest, on word boundaries (one
        Aho-Corasick pass over the lower-cased text, once per kind)."""
        if leader in self._title_spans:
            return self._title_spans[leader]
        automaton = self.lex.title_automaton
        if not len(automaton):
            found: list[_Span] = []
        elif self.lowered is None:
            pattern = self.lex.leader_title if leader else self.lex.other_title
            found = [_Span(m.start(), m.end()) for m in pattern.finditer(self.text)]
        else:  # both kinds at once: the other one is asked for too
            suffix = self.lex.compound_titles
            by_kind = _word_spans_by_flag(
                automaton, self.text, self.lowered, compound=True, suffix=suffix
            )
            for kind in (True, False):
                self._title_spans[kind] = [
                    s
                    for s in by_kind.get(kind, [])
                    if _compound_title(self.text, s.a, kind, suffix)
                ]
            return self._title_spans[leader]
        suffix = self.lex.compound_titles
        found = [s for s in found if _compound_title(self.text, s.a, leader, suffix)]
        self._title_spans[leader] = found
        return found

    def _pairs(self) -> list[re.Match[str]]:
        """ "both companies", "de twee bedrijven"."""
        if self.lex.pair_refs is None:
            return []
        return self.lex.pair_refs.finditer(self.text)

    @cached_property
    def lowered(self) -> str | None:
        """The text lower-cased, when that keeps its length (the automata need the offsets)."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) else None

    def subsidiaries(self) -> None:
        """A company name and a country name, with name words between them or none: "Orange
        Belgium", "VEON Rusland", "TikTok Technology Canada"."""
        text = self.text
        for a in sorted(self.matches, key=lambda x: x.start):
            if a.kind != "name" or self.reg.entities[a.entity].type != "Company":
                continue
            tail = _CAPS.match(text, a.end + 1) if text[a.end : a.end + 1] == " " else None
            if tail is None:
                continue
            words = list(_WORD.finditer(text, tail.start(), tail.end()))
            for k in range(min(len(words), 3)):
                if k and words[k - 1].group() not in self.lex.name_words:
                    break
                state = next(
                    (
                        m
                        for m in self.reg.find(text[words[k].start() : tail.end()])
                        if m.start == 0 and m.kind == "name"
                    ),
                    None,
                )
                if state is None or self.reg.entities[state.entity].type != "State":
                    continue
                end = words[k].start() + state.end
                eid = self.add_new(
                    (a.start, end),
                    "Company",
                    state.entity,
                    self.reg.sector.get(a.entity, "company"),
                    text[a.start : end],
                    initials=False,  # "Huawei Technologies Canada" is no HTC
                )
                if eid is not None:
                    self.dropped.update({x.start for x in self.matches if a.start <= x.start < end})
                break

    def conjuncts(self) -> None:
        """A name the registry does not know, listed with a company it knows, is a company
        too: "Sony and Denso", "TikTok, Likee en WeChat", "Mavenir and Nokia"."""
        text = self.text
        for m in sorted(self.matches, key=lambda x: x.start):
            e = self.reg.entities.get(m.entity)
            if m.kind != "name" or m.start in self.dropped or e is None or e.type != "Company":
                continue
            how = f"listed with {m.text}"
            sector = self.reg.sector.get(m.entity, "company")
            conj = _LIST_JOIN.match(text, m.end)
            if conj is not None:
                spans, closed = self._listed(
                    conj.end(), 3, self._unknown_name, closed=conj.group(1) is not None
                )
                for span in spans if closed else ():  # "Foxconn, Pegatron, said so": no list
                    self.add_new(span, "Company", None, sector, how)
            before = _JOIN_BEFORE.search(text, max(0, m.start - 6), m.start)
            if before is not None:
                left = _name_before(text, before.start(), 3)
                if left is not None and self._unknown_name(left, left=True):
                    self.add_new(left, "Company", None, sector, how)

    def _listed(
        self,
        pos: int,
        max_tokens: int,
        keep: Callable[[tuple[int, int]], bool] | None = None,
        closed: bool = False,
    ) -> tuple[list[tuple[int, int]], bool]:
        """The names of a list from ``pos`` on ("Piotech en SiCarrier", "Likee and WeChat"),
        up to the one after its "and" (or the first that ``keep`` refuses), and whether an
        "and" closed it (``closed``: it was closed before ``pos``)."""
        names: list[tuple[int, int]] = []
        while True:
            span = _name_after(self.text, pos, max_tokens, self.lex.portfolios)
            if span is None or (keep is not None and not keep(span)):
                break
            names.append(span)
            conj = _LIST_JOIN.match(self.text, span[1])
            if conj is None or closed:
                break
            closed = conj.group(1) is not None
            pos = conj.end()
        return names, closed

    def _unknown_name(self, span: tuple[int, int], left: bool = False) -> bool:
        """Whether a capitalised span nothing else explains may be a company's name: not a
        form of address ("Mr Miller"), not two capitals ("TV"), and, before the company, not
        a run that opens its sentence ("While EDS and Microsoft": which words are the name?)."""
        name = self.text[span[0] : span[1]]
        words = name.split()
        if left and len(words) > 1:
            w = self.text[max(0, span[0] - 4) : span[0]]
            if (span[0] < 4 and not w.strip()) or "\n" in w or _SENTENCE_END.search(w):
                return False
        return (
            len(name) > 2
            and not self.overlaps(*span)
            and words[0] not in _STOP_NAMES
            and words[0].lower() not in self.title_words
            and words[0].lower() not in self.lex.honorifics
            and not _has_date_word(name, self.lang)
        )

    def later_mentions(self) -> None:
        if not self.new_names:
            return
        # the longest name first at each place; no pattern is compiled per article
        for a, b, name in _occurrences(self.text, sorted(self.new_names, key=len, reverse=True)):
            if not self.overlaps(a, b):
                self.taken.append((a, b))
                self.items.append((a, b, "new", self.new_names[name]))

    def short_forms(self) -> None:
        """The first word of a name already used stands for it: "T-Mobile" after "T-Mobile
        US", when that word names nothing else; so does a known person's last name after
        the full name ("schreef Fedorov" after "Mychajlo Fedorov")."""
        shorts: dict[str, tuple[str, int]] = {}
        for m in self.matches:
            e = self.reg.entities.get(m.entity)
            words = m.text.split()
            if m.kind != "name" or e is None or len(words) < 2:
                continue
            if e.type == "Person":
                short, after = words[-1], m.end
            elif e.type in ("Company", "GovernmentBody"):
                short, after = words[0], 0
            else:
                continue
            if len(short) < 3 or not short[0].isupper():
                continue
            if self.reg.find(short) or short in _STOP_NAMES:
                continue
            shorts.setdefault(short, (m.entity, after))
        for surface, (eid, after) in shorts.items():
            for a, b, _ in _occurrences(self.text, [surface]):
                if a >= after and not self.overlaps(a, b):
                    self.taken.append((a, b))
                    self.items.append((a, b, "match", Match(a, b, eid, "name", surface)))

    def proper_names(self) -> list[Mention]:
        """Capitalised names of two or more words, not at a sentence start, that nothing else
        explains: candidates for the object of a deal."""
        out: list[Mention] = []
        for start, end in self.caps_runs():
            name = self.text[start:end]
            words = name.split()
            if len(words) < 2 or words[0] in _STOP_NAMES or self.overlaps(start, end):
                continue
            if words[0].lower().rstrip(".") in self.lex.honorifics:
                continue  # "Mr Blair" is a person, not a company
            w = self.text[max(0, start - 4) : start]
            if (start < 4 and not w.strip()) or "\n" in w or _SENTENCE_END.search(w):
                continue  # a capital at the start of a sentence says nothing
            eid = slugify(name)
            if eid in self.reg.entities or _has_date_word(name, self.lang):
                continue
            self.new_entities.setdefault(
                eid,
                Entity(
                    id=eid,
                    type="Company",
                    label={"": name},
                    review=True,
                    note="new: a name the registry does not know, used as a company",
                ),
            )
            out.append(Mention(start, end, eid, "proper", name))
        return out

    def resolve(self, proper: list[Mention]) -> ArticleEntities:
        """In text order: noun phrases and pronouns refer to what was named before them."""
        text = self.text
        mentions: list[Mention] = []
        history: list[tuple[str, int, str]] = []  # (entity, start, kind)
        states: dict[str, int] = {}  # state -> times named so far (adjectives too)
        last_state: str | None = None
        last_end = -1
        for start, end, what, payload in self.items:
            if start < last_end:
                continue
            if what == "government":
                ranked = sorted(states.items(), key=lambda kv: -kv[1])
                gov = next(
                    (
                        self.reg.governments.get(st)
                        for st, _ in ranked
                        if st in self.reg.governments
                    ),
                    None,
                )
                if gov is None:
                    continue
                mention = Mention(start, end, gov, "coref", text[start:end])
                mentions.append(mention)
                last_end = end
                history.append((gov, start, "coref"))
                continue
            if what == "match":
                assert isinstance(payload, Match)
                mention = Mention(
                    start,
                    end,
                    payload.entity,
                    payload.kind,
                    payload.text,
                    self.np_of.get(start, -1),
                )
            elif what == "new":
                mention = Mention(
                    start, end, payload, "new", text[start:end], self.np_of.get(start, -1)
                )
            elif what == "pair":
                pair: list[str] = []
                for named, _, _ in reversed(history):
                    ent = self._entity(named)
                    if ent is not None and ent.type == payload and named not in pair:
                        pair.append(named)
                        if len(pair) == 2:
                            break
                if len(pair) < 2:
                    continue
                for named in reversed(pair):  # one phrase, two mentions: one list of two
                    mentions.append(Mention(start, end, named, "coref", text[start:end]))
                last_end = end
                continue
            elif what == "plural":
                # "De operators werken samen met ...": every one of its kind the latest
                # sentence named (that sentence or the two before it), when it named two or more
                members = self._listed_before(history, start, *payload)
                if not members:
                    continue
                for named in members:
                    mentions.append(Mention(start, end, named, "coref", text[start:end]))
                last_end = end
                continue
            elif what == "it":
                # "put it on its Entity List": the first company its sentence named before it,
                # else the first one the sentence before named (what that sentence was about)
                here = self._sentence(start)
                companies = [
                    (self._sentence(at), e)
                    for e, at, _ in history
                    if self._sentence(at) >= here - 1
                    and (ent := self._entity(e)) is not None
                    and ent.type == "Company"
                ]
                thing = next((e for k, e in companies if k == here), None) or next(
                    (e for _, e in companies), None
                )
                if thing is None:
                    continue
                mention = Mention(start, end, thing, "coref", text[start:end])
            elif what in ("pronoun", "leader"):
                # "he": the last person named; "the Chinese leader": the last one who leads
                # the country (payload)
                person = next(
                    (
                        e
                        for e, _, _ in reversed(history)
                        if (ent := self._entity(e)) is not None
                        and ent.type == "Person"
                        and (payload is None or ent.leader_of == payload)
                    ),
                    None,
                )
                if person is None:
                    continue
                mention = Mention(start, end, person, "coref", text[start:end])
            else:
                kind, country, noun = payload
                if country == _LAST_STATE:
                    country = last_state
                    if country is None:
                        continue
                target = self._resolve(history, kind, country, self._sentence(start), start)
                if target is None and kind == "agency":
                    # "its trade ministry": the ministry of that domain, before any agency
                    # whose description says "ministry"
                    target = self._new_ministry(text[start:end], country, states)
                if target is None and country:
                    target = self._described(kind, country, noun)
                if target is None:
                    continue
                mention = Mention(start, end, target, "coref", text[start:end])
            mentions.append(mention)
            last_end = end
            e = self._entity(mention.entity)
            if e is not None and e.type == "State":
                states[mention.entity] = states.get(mention.entity, 0) + 1
                last_state = mention.entity
            elif e is not None and e.type == "GovernmentBody" and e.country:
                # "the Dutch government ... the government": the article is about that state
                states[e.country] = states.get(e.country, 0) + 1
            if mention.kind != "adjective":
                history.append((mention.entity, mention.start, mention.kind))
        used = {m.entity for m in mentions}
        entities = self.reg.with_entities(used - set(self.new_entities))
        for eid, e in self.new_entities.items():
            entities[eid] = e
            for ref in (e.country, e.leader_of):
                if ref:
                    entities.update(self.reg.with_entities({ref}))
        taken = [(m.start, m.end) for m in mentions]
        proper = [p for p in proper if not any(p.start < b and a < p.end for a, b in taken)]
        return ArticleEntities(
            mentions=mentions,
            entities=entities,
            new=used & set(self.new_entities),
            proper=proper,
            registry=self.reg,
        )

    def _new_ministry(self, phrase: str, country: str | None, states: dict[str, int]) -> str | None:
        """ "the interior ministry" of the state the article is about, when the registry has
        none: a new government body ``<demonym>-<word>-ministry``."""
        words = phrase.lower().split()
        if len(words) < 3 or words[-1] != "ministry" or not words[-2].isalpha():
            return None
        ranked = sorted(states.items(), key=lambda kv: -kv[1])
        state = country or next((st for st, _ in ranked if st in self.reg.governments), None)
        gov = self.reg.governments.get(state or "")
        if state is None or gov is None:
            return None
        # the registry's ministry of that domain: "China's commerce ministry"
        probe = f"{self.reg.entities[state].name('en')}'s {' '.join(words[1:])}"
        known = self.reg.find(probe)
        if len(known) == 1 and known[0].start == 0 and known[0].end == len(probe):
            return known[0].entity
        demonym = gov[: -len("-government")]
        eid = f"{demonym}-{words[-2]}-ministry"
        if eid not in self.new_entities:
            self.new_entities[eid] = Entity(
                id=eid,
                type="GovernmentBody",
                label={"en": f"{demonym.replace('-', ' ').title()} {words[-2]} ministry"},
                country=state,
                review=True,
                note=f"new: introduced as {phrase!r}",
            )
            self.new_sector[eid] = "agency"
        return eid

    def _described(self, kind: str, country: str, noun: str) -> str | None:
        """A registry entity of that kind and country whose description uses the noun, when
        there is exactly one ("Sweden's telecoms regulator" before the regulator is named)."""
        etype, sectors = self.lex.kinds[kind]
        found = [
            e.id
            for e in self.reg.by_type_and_country.get((etype, country), ())
            if (not sectors or self.reg.sector.get(e.id) in sectors)
            and any(noun in d.lower() for d in e.description.values())
        ]
        return found[0] if len(found) == 1 else None

    def _after_preposition(self, start: int) -> bool:
        left = _words_left(self.text, start, 3)
        for _, _, word in reversed(left):
            if word.lower() in _MARKERS:
                return True
            if word.lower() not in self.lex.determiners and not word[0].isupper():
                return False
        return False

    def _entity(self, eid: str) -> Entity | None:
        return self.new_entities.get(eid) or self.reg.entities.get(eid)

    def _sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def _listed_before(
        self, history: list[tuple[str, int, str]], start: int, kind: str, count: int
    ) -> list[str]:
        """The organisations of ``kind`` that the latest sentence naming two or more of them
        named (this one or up to two before it), in order; none when ``count`` is given and
        differs ("de drie operators" after four)."""
        etype, sectors = self.lex.kinds[kind]
        here = self._sentence(start)
        by_sentence: dict[int, list[str]] = {}
        for eid, at, _ in history:
            k = self._sentence(at)
            if here - k > 2:
                continue
            e = self._entity(eid)
            if e is None or e.type != etype:
                continue
            sector = self.new_sector.get(eid) or self.reg.sector.get(eid, "")
            if sectors and sector not in sectors:
                continue
            named = by_sentence.setdefault(k, [])
            if eid not in named:
                named.append(eid)
        for k in sorted(by_sentence, reverse=True):
            if len(by_sentence[k]) >= 2:
                members = by_sentence[k]
                return members if not count or len(members) == count else []
        return []

    def _resolve(
        self,
        history: list[tuple[str, int, str]],
        kind: str,
        country: str | None,
        sentence: int,
        at_offset: int = 0,
    ) -> str | None:
        """The entity the noun fits in the latest sentence that has one, the first of that
        sentence (its subject, most often); a name earlier in the same sentence is skipped
        ("Wingtech neemt een belang in het bedrijf": the company is not Wingtech)."""
        etype, sectors = self.lex.kinds[kind]
        latest = -1
        found: list[tuple[bool, int, str]] = []  # (sector unknown, start, entity)
        named_here = {  # the subject of its clause: "Wingtech neemt een belang in het bedrijf"
            eid
            for eid, start, mkind in history
            if mkind in ("name", "new")
            and self._sentence(start) == sentence
            and not _CLAUSE_BREAK.search(self.text, start, at_offset)
            and not self._after_preposition(start)  # "contracts assigned to Boeing and
            # prohibited the Seattle-based company": Boeing may be the company
        }
        # ... and one named later in the same clause ("Het bedrijf heeft met KPN een
        # overeenkomst gesloten": the company is not KPN)
        stop = _CLAUSE_BREAK.search(self.text, at_offset)
        clause_end = stop.start() if stop is not None else len(self.text)
        if sentence + 1 < len(self.sentence_starts):
            clause_end = min(clause_end, self.sentence_starts[sentence + 1])
        for start, _, what, payload in self.items:
            if at_offset < start < clause_end and what in ("match", "new"):
                named_here.add(payload.entity if isinstance(payload, Match) else payload)
        times: dict[str, int] = {}  # how often each fitting entity was named recently
        subjects: list[tuple[int, int, str]] = []  # named outside a prepositional phrase
        for eid, start, _ in reversed(history):
            at = self._sentence(start)
            if sentence - at > 3:
                break
            e = self._entity(eid)
            if e is None or e.type != etype or eid in named_here:
                continue
            sector = self.new_sector.get(eid) or self.reg.sector.get(eid, "")
            if sectors and sector not in sectors and sector != "company":
                continue
            if country and e.country != country:
                continue
            times[eid] = times.get(eid, 0) + 1
            if not self._after_preposition(start):
                subjects.append((-at, start, eid))
            if latest >= 0 and at < latest:
                continue
            latest = at
            found.append((bool(sectors) and sector not in sectors, start, eid))
        if not found:
            return None
        if latest == sentence:
            # an antecedent in the same sentence: the nearest one that fits
            return min(found, key=lambda f: (f[0], -f[1]))[2]
        best = min(found)
        if subjects and all(self._after_preposition(f[1]) for f in found):
            # named last only in passing ("een contract met Huawei"): the latest one that was
            # a subject or an object is what the passage is about ("KPN ... het bedrijf")
            return min(subjects)[2]  # of the latest such sentence, the first (its subject)
        # the entity the passage is about, named more often in its last sentences (twice at
        # least),
        # wins over one named once in passing ("In April it agreed to buy Sprint. The
        # carrier has promised ..." is T-Mobile)
        topic = max(times, key=lambda x: times[x])
        if (
            times[topic] >= 2
            and times[topic] > times[best[2]]
            and topic not in {f[2] for f in found if f[0]}
        ):
            return topic
        return best[2]


class _Spans:
    """Character spans already taken by a mention, sorted, for a fast overlap test: only spans
    that start less than the longest span's length before a position can reach it."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.longest = max((b - a for a, b in self.spans), default=0)

    def append(self, span: tuple[int, int]) -> None:
        bisect.insort(self.spans, span)
        self.longest = max(self.longest, span[1] - span[0])

    def remove(self, span: tuple[int, int]) -> None:
        self.spans.remove(span)

    def drop_within(self, start: int, end: int) -> None:
        self.spans = [t for t in self.spans if not (start <= t[0] and t[1] <= end)]

    def overlaps(self, s: int, e: int) -> bool:
        spans = self.spans
        k = bisect.bisect_left(spans, (e, -1)) - 1
        while k >= 0 and spans[k][0] >= s - self.longest:
            a, b = spans[k]
            if s < b and a < e:
                return True
            k -= 1
        return False


@dataclass(frozen=True, slots=True)
class _Span:
    a: int
    b: int

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b


def _disambiguate(matches: list[Match], reg: Registry, home: str) -> list[Match]:
    """A name several entities share ("T-Mobile": T-Mobile US, T-Mobile Netherlands) is the
    one named in full in the article, else of the country it names most, else of the
    country of the article's language (``home``)."""
    if not any(m.others for m in matches):
        return matches
    counts: dict[str, int] = {}  # states and unambiguous names of the article
    for m in matches:
        if not m.others:
            counts[m.entity] = counts.get(m.entity, 0) + 1

    def score(eid: str) -> tuple[int, int, int]:
        country = reg.entities[eid].country or ""
        return counts.get(eid, 0), counts.get(country, 0), int(country == home)

    out = []
    for m in matches:
        if m.others:  # "T-Mobile US ... T-Mobile": the one named in full wins
            best = max([m.entity, *m.others], key=score)
            m = Match(m.start, m.end, best, m.kind, m.text)
        out.append(m)
    return out


def _occurrences(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """Where each name occurs as a word (no letter, digit or hyphen before it, no letter or
    digit after it), in text order; at one place the first name given wins."""
    found: dict[int, tuple[int, int, str]] = {}
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            before = text[at - 1] if at > 0 else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in "_-") and not (after.isalnum() or after == "_"):
                found.setdefault(at, (at, end, name))
            at = text.find(name, at + 1)
    return [found[k] for k in sorted(found)]


def _has_date_word(name: str, lang: str) -> bool:
    words = date_words(lang)
    return any(w.lower() in words for w in name.split())


_ALNUM = re.compile(r"\w+")
_SPACE_WORD = re.compile(r" ([\w-]+)")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’]?\s*$")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:that|which|who|where|dat|die|omdat|waar)\b")
_WORD_CHAR = re.compile(r"[\w-]")
_WORD_BACK = re.compile(r"[\w-]+\Z")  # the word that ends where the search ends
_OF_NAME = re.compile(r" of (?:the )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*)*")
# Words that say what kind of organisation a name is, besides the name words of the lexicon
_GENERIC_NAME_WORDS = frozenset(["Digital", "International", "Global", "Holding", "Co", "Co."])
# a capitalised name of up to four words that ends right before a comma
_NAME_BEFORE_COMMA = re.compile(
    r"(?<![\w-])([A-Z][\w&'’.-]*(?: (?:and |& )?[A-Z0-9][\w&'’.-]*){0,4})(?=, $)"
)
# the next capitalised word of a name, with the connector before it ("of the", "voor")
_NEXT_NAME_WORD = re.compile(r" (?:([a-z&]+(?: (?:the|de|het))?) )?([A-Z][\w&’'-]*)")
# ", Trade and Industry": a list inside a name, closed by "and" / "en"
_COMMA_LIST = re.compile(r", [A-Z][\w-]*(?: [A-Z][\w-]*)* (?:and|en|&) [A-Z][\w-]*")
# the capitalised words (and "and", "&" between them) right before an institution's head
_NAME_LEFT = re.compile(r"(?:(?<![\w&-])(?:[A-Z][\w’'-]*|and|en|&) )+$")
_NAME_LEFT_WORD = re.compile(r"[^ ]+")
# what joins the names of a list: ", ", " and ", ", and ", " en " (group 1: the last join)
_LIST_JOIN = re.compile(r"(?:,? (and|en|&)|,)(?= )")
_JOIN_BEFORE = re.compile(r" (?:and|en|&) $")
_ACRONYM_APPOSED = re.compile(r", ([A-Z][A-Z0-9&-]{1,7}),")
_ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Za-z0-9&.-]{1,9})\)")
_CAPS = re.compile(r"(?<![\w-])[A-Z][\w&'’-]*(?: [A-Z0-9][\w&'’-]*)*")
_LAST_STATE = "\x00last-state"  # a coreference whose country is the state named last
_LOCATED = re.compile(
    r"-(?:based|born|listed|registered|headquartered|related|linked|made|style|bound|[A-Z][a-z]+\b)"
)
_NEXT_WORD = re.compile(r" ([A-Z][\w&-]*)")
_PARTICLES = frozenset(
    ["de", "van", "der", "den", "ter", "te", "von", "da", "di", "du", "le", "la", "bin", "al"]
)
#: Words that end a noun phrase going left: conjunctions and auxiliaries ("X en
#: accufabrikant CATL", "heeft internetconcern Tencent").
_NP_BREAK = frozenset(
    [
        "en",
        "and",
        "or",
        "heeft",
        "hebben",
        "had",
        "has",
        "have",
        "is",
        "was",
        "were",
        "waren",
        "werd",
        "wordt",
        "worden",
    ]
)

_MARKERS = frozenset(
    [
        "door",
        "tegen",
        "aan",
        "naar",
        "van",
        "met",
        "bij",
        "voor",
        "in",
        "op",
        "uit",
        "tussen",
        "volgens",
        "over",
        "onder",
        "tot",
        "by",
        "against",
        "on",
        "to",
        "of",
        "with",
        "from",
        "for",
        "at",
        "between",
    ]
)
