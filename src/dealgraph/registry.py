"""The registry of known entities, and every name they go by in Dutch and English.

Known entities are data: ``ontology/registry/*.yaml`` in the fact-sheet entity format
(companies, operators, agencies, people, technologies, states). Every ISO 3166 country is a
state without being listed: its names come from CLDR (babel) and pycountry, its id is the slug
of its English name. ``ontology/lexicons/countries.yaml`` adds what no package carries:
adjectives and demonyms ("Amerikaanse", "British"), governments ("de Chinese overheid" ->
``chinese-government``) and capitals that stand for their state ("Washington").

:class:`Registry` finds all those names in a text in one pass of an Aho-Corasick automaton
(pyahocorasick), on word boundaries, with case rules: short names in capitals ("US", "MTS",
"BT") match only as written, so "us" and "trusts" never match; other names match in any case
when they start with a capital, as they do in news text.

>>> reg = load_registry()
>>> [(m.entity, m.kind) for m in reg.find("De Amerikaanse regering en de VS trusten Huawei.")]
[('american-government', 'government'), ('united-states', 'name'), ('huawei', 'name')]
>>> reg.entities["netherlands"].label["nl"], reg.entities["netherlands"].wikidata
('Nederland', 'Q55')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any, TypeVar

from . import resources
from ._yaml import load_located
from .errors import DataFileError, SheetError
from .facts import Entity, parse_entities
from .lexicon import bad, load_lexicon, per_language, string_list
from .namespaces import slugify

_K = TypeVar("_K")

#: The languages whose names are loaded from CLDR and pycountry.
LANGUAGES = ("en", "nl")
#: Registry files and the sector they give their entities (coreference uses it).
REGISTRY_FILES = {
    "companies": "maker",
    "operators": "operator",
    "agencies": "agency",
    "people": "person",
    "technologies": "technology",
    "states": "state",
    "plants": "plant",
    "groups": "hackers",
}


@dataclass(frozen=True, slots=True)
class Surface:
    """One way an entity is written: a name, an adjective, a government phrase, a capital."""

    text: str
    entity: str
    kind: str  # name | adjective | government | capital
    exact: bool  # match only as written


@dataclass(frozen=True, slots=True)
class Match:
    """A surface found in a text: ``text[start:end]`` is what was written."""

    start: int
    end: int
    entity: str
    kind: str
    text: str
    others: tuple[str, ...] = ()  # other entities the same name may be ("T-Mobile")


@dataclass
class Registry:
    """Known entities, their sectors and countries, and the automaton that finds their names."""

    entities: dict[str, Entity]
    sector: dict[str, str]
    governments: dict[str, str]  # state id -> government id
    surfaces: dict[str, list[Surface]] = field(default_factory=dict)
    _folded: Any = None
    _exact: Any = None

    def build(self) -> Registry:
        import ahocorasick

        folded, exact = ahocorasick.Automaton(), ahocorasick.Automaton()
        by_key: dict[tuple[bool, str], list[Surface]] = {}
        for forms in self.surfaces.values():
            for s in forms:
                key = s.text if s.exact else s.text.lower()
                by_key.setdefault((s.exact, key), []).append(s)
        for (is_exact, key), forms in by_key.items():
            (exact if is_exact else folded).add_word(key, (len(key), tuple(forms)))
        for automaton in (folded, exact):
            if len(automaton):
                automaton.make_automaton()
        self._folded, self._exact = folded, exact
        return self

    def add(self, surface: Surface) -> None:
        self.surfaces.setdefault(surface.entity, []).append(surface)

    def _institution_names(self) -> Iterator[tuple[Entity, list[str]]]:
        """Each name of each institution, as its words."""
        for e in self.entities.values():
            if e.type in ("GovernmentBody", "Organization"):
                for name in e.names():
                    yield e, name.split()

    @cached_property
    def institution_tails(self) -> dict[str, str]:
        """Institutions' names without their first word ("Post and Telecom Authority" for the
        "Swedish Post and Telecom Authority"), where only one institution has that tail."""
        tails: dict[str, set[str]] = {}
        for e, words in self._institution_names():
            if len(words) >= 3:
                tails.setdefault(" ".join(words[1:]), set()).add(e.id)
        return _only_one(tails)

    @cached_property
    def by_type_and_country(self) -> dict[tuple[str, str], list[Entity]]:
        """(entity type, country) -> the entities of that type and country, in file order."""
        out: dict[tuple[str, str], list[Entity]] = {}
        for e in self.entities.values():
            if e.country:
                out.setdefault((e.type, e.country), []).append(e)
        return out

    @cached_property
    def institutions_by_country(self) -> dict[tuple[str, str], str]:
        """(a name or the name without its first word, case-folded; the country) -> the one
        institution of that country with that name: "Ministry of Commerce" in China."""
        found: dict[tuple[str, str], set[str]] = {}
        for e, words in self._institution_names():
            if e.country:
                for form in (words, words[1:] if len(words) >= 3 else []):
                    if form:
                        found.setdefault((" ".join(form).casefold(), e.country), set()).add(e.id)
        return _only_one(found)

    def find(self, text: str) -> list[Match]:
        """Every registry name in ``text``: leftmost, longest, on word boundaries."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length when lower-cased
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        hits: list[tuple[int, int, Surface, tuple[str, ...]]] = []
        for automaton, haystack in ((self._folded, lowered), (self._exact, text)):
            if not len(automaton):
                continue
            for end_index, (length, forms) in automaton.iter(haystack):
                start, end = end_index - length + 1, end_index + 1
                if not _bounded(text, start, end):
                    continue
                fitting = [s for s in forms if s.exact or _case_fits(s.text, text, start)]
                if fitting:
                    others = tuple(
                        dict.fromkeys(
                            f.entity
                            for f in fitting[1:]
                            if f.entity != fitting[0].entity and f.kind == fitting[0].kind
                        )
                    )
                    hits.append((start, end, fitting[0], others))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[Match] = []
        last_end = -1
        for start, end, s, others in hits:
            if start >= last_end:
                out.append(Match(start, end, s.entity, s.kind, text[start:end], others))
                last_end = end
        return out

    def with_entities(self, ids: set[str]) -> dict[str, Entity]:
        """The entities ``ids`` and those they refer to (country, leader_of), for a sheet."""
        out: dict[str, Entity] = {}
        todo = sorted(ids)
        while todo:
            eid = todo.pop()
            if eid in out or eid not in self.entities:
                continue
            e = self.entities[eid]
            out[eid] = e
            todo.extend(x for x in (e.country, e.leader_of) if x)
        return out


def _case_fits(surface: str, text: str, start: int) -> bool:
    """A name that starts with a capital is written with one ("Huawei", not "huawei"); one
    that starts in lower case keeps the capitals of its later words ("the Commission" is not
    "the commission", which any commission may be)."""
    if surface[0].isupper():
        return text[start].isupper()
    return all(
        text[start + i].isupper()
        for i, c in enumerate(surface)
        if c.isupper() and (i == 0 or not surface[i - 1].isalnum())
    )


def _bounded(text: str, start: int, end: int) -> bool:
    """A word on its own: no letter or digit right before or after (hyphens and quotes are
    boundaries, so "Huawei-apparatuur" and "Huawei's" name Huawei)."""
    if start > 0 and text[start - 1].isalnum():
        return False
    return not (end < len(text) and text[end].isalnum())


def _is_exact(name: str) -> bool:
    """Short names in capitals ("US", "MTS", "U.S.", "O2") are matched only as written."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= 5 and all(c.isupper() for c in letters)


def _only_one(found: dict[_K, set[str]]) -> dict[_K, str]:
    """The keys that name exactly one entity, with that entity."""
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _name_surfaces(e: Entity) -> list[Surface]:
    return [Surface(n, e.id, "name", _is_exact(n)) for n in sorted(set(e.names())) if n.strip()]


# ------------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------------


def _read_registry_files() -> dict[str, dict[str, Entity]]:
    raw: dict[str, tuple[Any, Any]] = {}
    ids: set[str] = set()
    for stem in REGISTRY_FILES:
        file = f"ontology/registry/{stem}.yaml"
        try:
            data, lines = load_located(resources.read_ontology_file(f"registry/{stem}.yaml"), file)
        except SheetError as exc:
            raise DataFileError(str(exc)) from exc
        raw[stem] = (data or {}, lines)
        ids.update(raw[stem][0])
    out: dict[str, dict[str, Entity]] = {}
    for stem, (data, lines) in raw.items():
        try:
            out[stem] = parse_entities(data, lines, known=ids | _country_ids())
        except SheetError as exc:
            raise DataFileError(str(exc)) from exc
    return out


@cache
def _country_table() -> dict[str, dict[str, Any]]:
    """ISO code -> names per language and the state id, from CLDR and pycountry."""
    import gettext

    import pycountry
    from babel import Locale

    locales = {lang: Locale.parse(lang) for lang in LANGUAGES}
    translations = {
        lang: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in LANGUAGES
    }
    lex = _countries_lexicon()
    table: dict[str, dict[str, Any]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        labels = {lang: locales[lang].territories.get(code, "") for lang in LANGUAGES}
        if not labels["en"] or "," in labels["en"]:
            labels["en"] = getattr(country, "common_name", None) or country.name
        aliases: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                aliases["en"].add(value)
                for lang in LANGUAGES:
                    if lang != "en":
                        translated = translations[lang].gettext(value)
                        if "," not in translated:
                            aliases[lang].add(translated)
        entry = lex.get(code, {})
        state_id = entry.get("id") or slugify(labels["en"])
        table[code] = {
            "id": state_id,
            "labels": {k: v for k, v in labels.items() if v},
            "aliases": {
                lang: sorted(a for a in names if a != labels.get(lang))
                for lang, names in aliases.items()
            },
        }
    for code, entry in lex.items():  # a state pycountry lacks (XK, Kosovo): CLDR's name, its id
        labels = {lang: locales[lang].territories.get(code, "") for lang in LANGUAGES}
        if code not in table and entry.get("id") and labels["en"]:
            table[code] = {
                "id": entry["id"],
                "labels": {k: v for k, v in labels.items() if v},
                "aliases": {lang: [] for lang in LANGUAGES},
            }
    return table


def _country_ids() -> set[str]:
    return {row["id"] for row in _country_table().values()}


@cache
def _countries_lexicon() -> dict[str, dict[str, Any]]:
    data = load_lexicon("countries")
    if not isinstance(data, dict) or not isinstance(data.get("countries"), dict):
        raise bad("countries", (), "must have `countries:` mapping ISO codes to entries")
    out: dict[str, dict[str, Any]] = {}
    allowed = {
        "adjectives",
        "demonym",
        "government",
        "capitals",
        "id",
        "people",
        "government_names",
        "ministries",
    }
    for code, entry in data["countries"].items():
        path = ("countries", code)
        if not re.fullmatch(r"[A-Z]{2}", str(code)) or not isinstance(entry, dict):
            raise bad("countries", path, "each entry is an ISO 3166 alpha-2 code with a mapping")
        unknown = set(entry) - allowed
        if unknown:
            raise bad(
                "countries", path, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
            )
        demonym = entry.get("demonym")
        if demonym is not None and not re.fullmatch(r"[a-z][a-z-]*", str(demonym)):
            raise bad("countries", (*path, "demonym"), "write the English demonym in lower case")
        out[str(code)] = {
            "adjectives": per_language(
                "countries", entry.get("adjectives", {}), (*path, "adjectives")
            ),
            "demonym": demonym,
            "government": entry.get("government") or {},
            "capitals": string_list("countries", entry.get("capitals"), (*path, "capitals")),
            "people": per_language("countries", entry.get("people", {}), (*path, "people")),
            "government_names": per_language(
                "countries", entry.get("government_names", {}), (*path, "government_names")
            ),
            "id": entry.get("id"),
            "ministries": dict(entry.get("ministries") or {}),
        }
    return out


def _state_agents() -> dict[str, list[str]]:
    data = load_lexicon("countries")
    return per_language("countries", data.get("state_agents", {}), ("state_agents",))


def _government_words() -> dict[str, list[str]]:
    data = load_lexicon("countries")
    return per_language("countries", data.get("government_words", {}), ("government_words",))


@cache
def load_registry() -> Registry:
    """The registry shipped in ``ontology/registry/`` with every country (built once)."""
    files = _read_registry_files()
    entities: dict[str, Entity] = {}
    sector: dict[str, str] = {}
    # 1. every country from CLDR and pycountry
    for row in _country_table().values():
        entities[row["id"]] = Entity(
            id=row["id"],
            type="State",
            label=row["labels"],
            aliases={k: tuple(v) for k, v in row["aliases"].items() if v},
        )
        sector[row["id"]] = "state"
    # 2. the registry files; states.yaml adds to the generated states
    for stem, ents in files.items():
        for eid, e in ents.items():
            if eid in entities and stem != "states":
                raise DataFileError(f"ontology/registry/{stem}.yaml: {eid!r} is defined twice")
            if eid in entities:
                base = entities[eid]
                aliases = {k: tuple(v) for k, v in base.aliases.items()}
                for lang, names in e.aliases.items():
                    aliases[lang] = tuple(dict.fromkeys((*aliases.get(lang, ()), *names)))
                e = replace(e, label={**base.label, **e.label}, aliases=aliases)
            entities[eid] = e
            sector[eid] = REGISTRY_FILES[stem] if e.type != "NewsAgency" else "news"
    for eid, e in entities.items():
        for ref in (e.country, e.leader_of):
            if ref and ref not in entities:
                raise DataFileError(f"ontology/registry: {eid}: unknown state {ref!r}")
    reg = Registry(entities=entities, sector=sector, governments={})
    for e in entities.values():
        for s in _name_surfaces(e):
            reg.add(s)
    # 3. adjectives, governments and capitals from the countries lexicon
    table = _country_table()
    gov_words = _government_words()
    for code, entry in _countries_lexicon().items():
        if code not in table:
            raise bad("countries", ("countries", code), f"{code} is not an ISO 3166 country")
        state = table[code]["id"]
        state_entity = entities[state]
        for words in entry["adjectives"].values():
            for adj in words:
                reg.add(Surface(adj, state, "adjective", _is_exact(adj)))
        for words in entry["people"].values():
            for word in words:
                reg.add(Surface(word, state, "name", _is_exact(word)))
        agents = _state_agents()
        for lang in LANGUAGES:  # "US prosecutors", "Amerikaanse diplomaten", "China's embassy"
            adjs = entry["adjectives"].get(lang, []) + entry["adjectives"].get("*", [])
            state_names = [state_entity.label.get(lang, "")]
            state_names += list(state_entity.aliases.get(lang, ()))
            for noun in agents.get(lang, []) + agents.get("*", []):
                for adj in adjs:
                    reg.add(Surface(f"{adj} {noun}", state, "name", False))
                if lang == "en":
                    for name in filter(None, state_names):
                        reg.add(Surface(f"{name}'s {noun}", state, "name", False))
        if entry["demonym"]:
            gov_id = f"{entry['demonym']}-government"
            names = entry["government"]
            label = dict(names) if isinstance(names, dict) else {"en": str(names)}
            label.setdefault("en", f"Government of {state_entity.name('en')}")
            entities[gov_id] = Entity(id=gov_id, type="GovernmentBody", label=label, country=state)
            sector[gov_id] = "government"
            reg.governments[state] = gov_id
            for names in entry["government_names"].values():
                for name in names:
                    reg.add(Surface(name, gov_id, "government", _is_exact(name)))
            for lang in LANGUAGES:
                words = gov_words.get(lang, []) + gov_words.get("*", [])
                adjs = entry["adjectives"].get(lang, []) + entry["adjectives"].get("*", [])
                names_of_state = [state_entity.label.get(lang, "")] + list(
                    state_entity.aliases.get(lang, ())
                )
                for w in words:
                    for adj in adjs:
                        reg.add(Surface(f"{adj} {w}", gov_id, "government", False))
                    for name in filter(None, names_of_state):
                        if lang == "en":
                            reg.add(Surface(f"{name} {w}", gov_id, "government", False))
                            reg.add(Surface(f"{name}'s {w}", gov_id, "government", False))
                            reg.add(Surface(f"{w} of {name}", gov_id, "government", False))
                        else:
                            reg.add(Surface(f"{w} van {name}", gov_id, "government", False))
        capital_of = reg.governments.get(state, state)
        for capital in entry["capitals"]:
            reg.add(Surface(capital, capital_of, "capital", False))
        if entry["demonym"]:
            _ministries(reg, code, state, entry)
    _leader_governments(reg)
    return reg.build()


def _ministries(reg: Registry, code: str, state: str, entry: dict[str, Any]) -> None:
    """A country's ministries by their domain ("het Chinese ministerie van Handel", "China's
    commerce ministry", "the Dutch ministry of economic affairs"): the registry's entity when
    the country names one for the domain (``ministries:``), else a government body
    ``<demonym>-ministry-of-<domain>``."""
    spec = _ministry_lexicon()
    demonym = entry["demonym"]
    state_entity = reg.entities[state]
    for domain, words in spec["domains"].items():
        eid = entry["ministries"].get(domain) or f"{demonym}-ministry-of-{domain}"
        if eid not in reg.entities:
            if domain in entry["ministries"]:
                raise bad(
                    "countries",
                    ("countries", code, "ministries", domain),
                    f"{eid!r} is not in the registry",
                )
            adj_en = (entry["adjectives"].get("en") or [demonym.title()])[0]
            adj_nl = (entry["adjectives"].get("nl") or [""])[0]
            label = {"en": f"{adj_en} Ministry of {words['en'][0].title()}"}
            if adj_nl and words.get("nl"):
                label["nl"] = f"{adj_nl} ministerie van {words['nl'][0]}"
            reg.entities[eid] = Entity(id=eid, type="GovernmentBody", label=label, country=state)
            reg.sector[eid] = "agency"
        for lang in LANGUAGES:
            adjs = entry["adjectives"].get(lang, []) + entry["adjectives"].get("*", [])
            names = [state_entity.label.get(lang, "")] + list(state_entity.aliases.get(lang, ()))
            for form in spec["forms"].get(lang, []):
                for word in words.get(lang, []) + (
                    words.get("compound", []) if "{compound}" in form else []
                ):
                    for adj in adjs if "{adj}" in form else [""]:
                        for name in filter(None, names) if "{name}" in form else [""]:
                            text = form.format(adj=adj, name=name, word=word, compound=word)
                            reg.add(Surface(text, eid, "name", False))


@cache
def _ministry_lexicon() -> dict[str, Any]:
    data = load_lexicon("countries").get("ministries") or {}
    forms = per_language("countries", data.get("forms", {}), ("ministries", "forms"))
    domains: dict[str, dict[str, list[str]]] = {}
    for domain, words in (data.get("domains") or {}).items():
        path = ("ministries", "domains", domain)
        if not re.fullmatch(r"[a-z][a-z-]*", str(domain)) or not isinstance(words, dict):
            raise bad("countries", path, "a domain is a slug with its words per language")
        domains[str(domain)] = {
            str(k): string_list("countries", v, (*path, str(k))) for k, v in words.items()
        }
        if not domains[str(domain)].get("en"):
            raise bad("countries", path, "give at least one English word")
    return {"forms": forms, "domains": domains}


def _leader_governments(reg: Registry) -> None:
    """ "regering-Trump", "the Trump administration": the government of the leader's state."""
    data = load_lexicon("countries")
    forms = per_language("countries", data.get("leader_governments", {}), ("leader_governments",))
    for person in list(reg.entities.values()):
        gov = reg.governments.get(person.leader_of or "")
        if person.type != "Person" or gov is None:
            continue
        for name in {person.name("en"), *person.label.values()}:
            surname = name.split()[-1]
            for templates in forms.values():
                for t in templates:
                    reg.add(Surface(t.format(name=name, surname=surname), gov, "government", False))
