"""The lexicons and the registry are data checked on load: a broken file names its line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealgraph import lexicon, registry, resources
from dealgraph.errors import DataFileError
from dealgraph.events import load_events_lexicon
from dealgraph.mentions import descriptors
from dealgraph.sentences import abbreviations


def _clear() -> None:
    for fn in (
        lexicon._load,
        load_events_lexicon,
        descriptors,
        abbreviations,
        registry.load_registry,
        registry._country_table,
        registry._countries_lexicon,
        registry._ministry_lexicon,
    ):
        fn.cache_clear()  # type: ignore[attr-defined]


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str, str], None]]:
    """Replace text in one shipped data file for the length of a test."""
    original = resources.read_ontology_file.__wrapped__  # type: ignore[attr-defined]

    def use(name: str, old: str, new: str) -> None:
        def read(path: str) -> str:
            text = original(path)
            if path == name:
                assert old in text, old
                text = text.replace(old, new, 1)
            return text

        monkeypatch.setattr(resources, "read_ontology_file", read)
        _clear()

    yield use
    monkeypatch.undo()
    _clear()


def test_every_data_file_loads() -> None:
    for lang in ("nl", "en"):
        assert load_events_lexicon(lang).frames["Ban"].agent == "imposer"
        assert descriptors(lang).kinds["operator"] == ("Company", ("operator",))
        assert "o.a." in abbreviations("nl")
    assert len(registry.load_registry().entities) > 400


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("lexicons/events.yaml", "    agent: imposer", "    agent: imposr", "events.yaml:"),
        ("lexicons/events.yaml", "  Trial:\n", "  Trail:\n", "Trail is not a fact type"),
        (
            "lexicons/events.yaml",
            "    negation: [niet,",
            "    negation: [[niet],",
            "cues.nl.negation: must be a list of words",
        ),
        ("lexicons/abbreviations.yaml", "  - dhr.", "  - dhr", "'dhr' must end with its full stop"),
        ("lexicons/countries.yaml", "  US:\n", "  XX:\n", "XX is not an ISO 3166 country"),
        (
            "registry/companies.yaml",
            "  country: china\n  description: {en: Chinese maker of telecoms equipment and phones",
            "  country: chinaa\n  description: {en: Chinese maker of telecoms equipment and phones",
            "companies.yaml:14: huawei.country: unknown entity id 'chinaa'",
        ),
        ("registry/operators.yaml", "bt:\n", "huawei:\n", "'huawei' is defined twice"),
        (
            "registry/people.yaml",
            "  type: Person\n  label: Xi Jinping",
            "  type: Persoon\n  label: Xi Jinping",
            "unknown entity type 'Persoon'",
        ),
        (
            "lexicons/events.yaml",
            '"*sanctielijst"], place: true}',
            '"*sanctielijst"], plaats: true}',
            "unknown key(s) ['plaats']",
        ),
        (
            "lexicons/events.yaml",
            "cancels_after: [Ban, Deal, Trial]}",
            "cancels_after: [Ban, Deel, Trial]}",
            "cancels_after names no fact type: 'Deel'",
        ),
        (
            "lexicons/events.yaml",
            'nl: ["\\\\b(?:Wet',
            'nl: ["\\\\b(?:Wet(',
            "law_titles: bad pattern",
        ),
        (
            "lexicons/countries.yaml",
            "    commerce: {en: [commerce, trade]",
            "    Commerce: {en: [commerce, trade]",
            "a domain is a slug with its words per language",
        ),
        (
            "lexicons/countries.yaml",
            "ministries: {interior: german-interior-ministry}",
            "ministries: {interior: german-interiour-ministry}",
            "'german-interiour-ministry' is not in the registry",
        ),
    ],
)
def test_a_broken_data_file_is_reported_with_its_place(
    broken: Callable[[str, str, str], None], name: str, old: str, new: str, message: str
) -> None:
    broken(name, old, new)
    with pytest.raises(DataFileError) as info:
        load_events_lexicon("nl")
        abbreviations("nl")
        registry.load_registry()
    assert message in str(info.value)


def test_a_plural_reference_of_an_unknown_kind_is_reported(
    broken: Callable[[str, str, str], None],
) -> None:
    broken(
        "lexicons/descriptors.yaml", "  nl: {operator: [operators,", "  nl: {operatr: [operators,"
    )
    with pytest.raises(DataFileError) as info:
        descriptors("nl")
    assert "plural_refs.nl.operatr: unknown kind 'operatr'" in str(info.value)


# WordScan finds what the regular expression finds, with one automaton pass

_SCAN_WORDS = [
    "ban",
    "bans",
    "news agency",
    "agency",
    "Inc.",
    "Co",
    "it",
    "de overheid",
    "İstanbul",
]
_SCAN_ALPHABET = "ab nsIcoCitİ.-_éwgyvrdhe'"


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@given(
    words=st.lists(st.sampled_from(_SCAN_WORDS), min_size=1, max_size=6),
    pieces=st.lists(
        st.one_of(st.sampled_from(_SCAN_WORDS), st.text(_SCAN_ALPHABET, max_size=6)), max_size=12
    ),
)
@settings(max_examples=150, deadline=None)
def test_word_scan_finds_what_the_expression_finds(
    flags: int, words: list[str], pieces: list[str]
) -> None:
    text = "".join(pieces)
    for before, after in ((r"\w-", r"\w-"), (r"\w.", r"\w")):
        scan = lexicon.WordScan(words, flags, before=before, after=after)
        expected = [(m.start(), m.group()) for m in scan.pattern.finditer(text)]
        assert [(m.start(), m.group()) for m in scan.finditer(text)] == expected


def test_word_scan_examples() -> None:
    scan = lexicon.WordScan(["news agency", "agency"])
    found = [m.group() for m in scan.finditer("the news agency and an agency, not agencyX")]
    assert found == ["news agency", "agency"]
    suffix = lexicon.WordScan(["Inc.", "Co"], before=r"\w.", after=r"\w")
    assert [m.group() for m in suffix.finditer("Globex Inc. and Acme Co, not Costco")] == [
        "Inc.",
        "Co",
    ]
    assert not lexicon.WordScan([]) and lexicon.WordScan([]).finditer("ban") == []
