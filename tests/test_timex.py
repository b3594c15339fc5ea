"""Dates in text: spans found, resolved against the publication date, precision and qualifier kept."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from dealgraph import timex
from dealgraph.dates import DateSpec
from dealgraph.timex import date_words, find_dates

PUB = DateSpec.parse("2019-05-20")  # a Monday

CASES = [
    ("nl", "afgelopen woensdag", "2019-05-15", "day", "on", ""),
    ("nl", "woensdag", "2019-05-15", "day", "on", ""),
    ("nl", "maandag", "2019-05-20", "day", "on", ""),  # the day itself
    ("nl", "vorige week donderdag", "2019-05-16", "day", "on", ""),
    ("nl", "woensdagavond", "2019-05-15", "day", "on", ""),
    ("nl", "nog dit jaar", "2019", "year", "by", ""),
    ("nl", "nog voor 2020", "2020", "year", "before", ""),
    ("nl", "uiterlijk in 2027", "2027", "year", "by", ""),
    ("nl", "vanaf volgend jaar", "2020", "year", "on", "start"),
    ("nl", "sinds zondag", "2019-05-19", "day", "on", "start"),
    ("nl", "vorig jaar", "2018", "year", "on", ""),
    ("nl", "vorige maand", "2019-04", "month", "on", ""),
    ("nl", "in mei 2019", "2019-05", "month", "on", ""),
    ("nl", "in oktober", "2018-10", "month", "on", ""),  # the last October before
    ("nl", "16 mei", "2019-05-16", "day", "on", ""),
    ("nl", "deze week", "2019-W21", "week", "on", ""),
    ("nl", "rond 2020", "2020", "year", "circa", ""),
    ("en", "last Thursday", "2019-05-16", "day", "on", ""),
    ("en", "on Wednesday night", "2019-05-15", "day", "on", ""),
    ("en", "in May 2019", "2019-05", "month", "on", ""),
    ("en", "on 16 May", "2019-05-16", "day", "on", ""),
    ("en", "May 16, 2018", "2018-05-16", "day", "on", ""),
    ("en", "last month", "2019-04", "month", "on", ""),
    ("en", "by 2027", "2027", "year", "by", ""),
    ("en", "before 2020", "2020", "year", "before", ""),
    ("en", "later this year", "2019", "year", "by", ""),
    ("en", "since March", "2019-03", "month", "on", "start"),
    ("en", "last week", "2019-W20", "week", "on", ""),
]


@pytest.mark.parametrize(("lang", "phrase", "value", "precision", "qualifier", "hint"), CASES)
def test_dates_per_language(
    lang: str, phrase: str, value: str, precision: str, qualifier: str, hint: str
) -> None:
    text = f"Het gebeurde {phrase}." if lang == "nl" else f"It happened {phrase}."
    (found,) = find_dates(text, lang, PUB)
    assert found.text == phrase and text[found.start : found.end] == phrase
    assert found.spec is not None
    assert (found.spec.value, found.spec.precision, found.spec.qualifier, found.hint) == (
        value,
        precision,
        qualifier,
        hint,
    )


@pytest.mark.parametrize(
    "text", ["Theresa May said it may sign.", "They march on.", "Het gaat om 3.600 banen."]
)
def test_words_that_are_no_dates(text: str) -> None:
    lang = "nl" if "gaat" in text else "en"
    spans = [d.text for d in find_dates(text, lang, PUB)]
    assert "may" not in spans and "march" not in spans
    assert all("3.600" not in s for s in spans)


def test_a_week_known_only_to_the_week_resolves_weekdays_inside_it() -> None:
    week = DateSpec.parse("2019-W23")  # the seed: 3-9 June 2019
    (found,) = find_dates("De deal werd afgelopen woensdag ondertekend.", "nl", week)
    assert found.spec is not None and found.spec.value == "2019-06-05"
    assert "publication week 2019-W23" in found.note


@pytest.mark.parametrize(
    ("lang", "text"), [("nl", "Vorige maand tekende KPN."), ("en", "It signed last month.")]
)
def test_without_a_publication_date_relative_dates_stay_unresolved(lang: str, text: str) -> None:
    (found,) = find_dates(text, lang, None)
    assert found.spec is None
    assert found.note == "unresolved: the article has no publication date"
    (absolute,) = find_dates("Signed in May 2019.", "en", None)
    assert absolute.spec is not None and absolute.spec.value == "2019-05"


@settings(max_examples=120, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2039, 12, 31)),
    lang=st.sampled_from(["nl", "en"]),
    lead=st.sampled_from(["", "Zo ", "It was "]),
)
def test_a_written_date_parses_back_to_itself(day: dt.date, lang: str, lead: str) -> None:
    """Property: "<day> <month name> <year>" in either language is found and gives that day."""
    month = Locale.parse(lang).months["format"]["wide"][day.month]
    phrase = f"{day.day} {month} {day.year}"
    text = f"{lead}{phrase} tekende Huawei."
    found = [d for d in find_dates(text, lang, None) if d.spec is not None]
    assert [(d.text, d.spec.value, d.spec.precision) for d in found] == [  # type: ignore[union-attr]
        (phrase, day.isoformat(), "day")
    ]
    assert text[found[0].start : found[0].end] == phrase


@settings(max_examples=60, deadline=None)
@given(
    published=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    weekday=st.integers(min_value=0, max_value=6),
    lang=st.sampled_from(["nl", "en"]),
)
def test_a_weekday_is_the_last_one_on_or_before_publication(
    published: dt.date, weekday: int, lang: str
) -> None:
    name = Locale.parse(lang).days["format"]["wide"][weekday]
    (found,) = find_dates(f"Het was {name}.", lang, DateSpec.parse(published.isoformat()))
    assert found.spec is not None
    got = dt.date.fromisoformat(found.spec.value)
    assert got.weekday() == weekday and 0 <= (published - got).days <= 6


def test_date_words_come_from_cldr() -> None:
    assert {"januari", "woensdag"} <= date_words("nl") and {"december", "sunday"} <= date_words(
        "en"
    )


# The anchors only skip text in which the pattern finds nothing

_PIECES = [
    "on 3 May 2019",
    "last week",
    "earlier this week",
    "vorige week",
    "eerder deze week",
    "woensdagavond",
    "Wednesday night",
    "in March",
    "mei",
    "Christmas Day",
    "Hours later",
    "the market",
    "a deal",
    "Huawei",
    " ",
    ", ",
    "2020",
    "nog dit jaar",
    "tot eind volgend jaar",
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@given(st.lists(st.sampled_from(_PIECES), max_size=8), st.text(max_size=12))
@settings(max_examples=200, deadline=None)
def test_the_anchors_skip_only_text_without_dates(lang: str, pieces: list[str], noise: str) -> None:
    text = " ".join(pieces) + noise
    lx = timex._lang(lang)
    assert lx.anchors is not None
    if not lx.may_hold_a_date(text):
        assert list(lx.pattern.finditer(text)) == []
        assert find_dates(text, lang, DateSpec.parse("2023-06-14")) == []


def test_the_anchors_let_every_kind_of_date_through() -> None:
    for lang, text in [
        ("en", "the deal was signed last week"),
        ("en", "on Wednesday night"),
        ("en", "in March"),
        ("nl", "eerder deze week"),
        ("nl", "woensdagavond"),
        ("nl", "in 2019"),
    ]:
        assert timex._lang(lang).may_hold_a_date(text), text
        assert find_dates(text, lang, DateSpec.parse("2023-06-14")), text
    assert not timex._lang("en").may_hold_a_date("Huawei signed a deal with the operator")
