"""What users type for --since/--until and --via: parsed right, or refused with a clear error."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealgraph.dates import format_value
from dealgraph.errors import InputError
from dealgraph.filters import DateWindow, Via, parse_via, parse_when, possible_days
from dealgraph.namespaces import DG
from dealgraph.schema import load_schema

SCHEMA = load_schema()
FACT_TYPES = sorted(SCHEMA.fact_types)
RELATIONS = sorted(SCHEMA.relations())
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
precisions = st.sampled_from(["day", "month", "year"])


# ------------------------------------------------------------------------------------------------
# --since / --until
# ------------------------------------------------------------------------------------------------


@given(days, precisions)
def test_a_typed_date_covers_its_whole_period(day: dt.date, precision: str) -> None:
    text = format_value(day, precision)
    first = parse_when(text, "--since", end=False)
    last = parse_when(text, "--until", end=True)
    assert first <= day <= last
    assert format_value(first, precision) == format_value(last, precision) == text
    assert format_value(first - dt.timedelta(days=1), precision) != text
    assert format_value(last + dt.timedelta(days=1), precision) != text


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_clear_error(text: str) -> None:
    try:
        parse_when(text, "--since", end=False)
    except InputError as exc:
        assert str(exc).startswith(f"--since {text!r}: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-13", "--since '2019-13': there is no such day; check the month and day"),
        ("2019-02-30", "--since '2019-02-30': there is no such day"),
        ("June 2019", "--since 'June 2019': not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("19", "--since '19': not a date"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(InputError) as exc:
        DateWindow.parse(text, None)
    assert str(exc.value).startswith(message)


@given(days, days)
def test_since_after_until_is_refused(a: dt.date, b: dt.date) -> None:
    since, until = a.isoformat(), b.isoformat()
    if a > b:
        with pytest.raises(InputError, match="is after --until"):
            DateWindow.parse(since, until)
    else:
        w = DateWindow.parse(since, until)
        assert (w.since, w.until) == (a, b)


windows = st.tuples(st.none() | days, st.none() | days).filter(
    lambda w: w[0] is None or w[1] is None or w[0] <= w[1]
)


@given(windows, days)
def test_a_day_is_kept_when_it_is_in_the_window(w: tuple, day: dt.date) -> None:  # type: ignore[type-arg]
    since, until = w
    window = DateWindow(since, until)
    inside = (since is None or since <= day) and (until is None or day <= until)
    assert window.admits(possible_days(day.isoformat(), "day")) is inside


@given(windows, days, precisions, st.sampled_from(["on", "circa", "before", "by", "after"]))
def test_a_bounded_date_is_kept_when_it_may_fall_in_the_window(
    w: tuple,  # type: ignore[type-arg]
    day: dt.date,
    precision: str,
    qualifier: str,
) -> None:
    since, until = w
    window = DateWindow(since, until)
    value = format_value(day, precision)
    first = parse_when(value, "", end=False)
    last = parse_when(value, "", end=True)
    expected = {
        "on": (since is None or since <= last) and (until is None or first <= until),
        "circa": (since is None or since <= last) and (until is None or first <= until),
        "before": since is None or since < first,
        "by": since is None or since <= last,
        "after": until is None or until > last,
    }[qualifier]
    assert window.admits(possible_days(value, precision, qualifier)) is expected
    # a wider window never loses a fact
    wider = DateWindow(
        None if since is None else since - dt.timedelta(days=30),
        None if until is None else until + dt.timedelta(days=30),
    )
    assert wider.admits(possible_days(value, precision, qualifier)) or not expected


@given(st.none() | days, st.none() | days)
def test_undated_facts_pass_only_an_open_window(
    since: dt.date | None, until: dt.date | None
) -> None:
    assert DateWindow(since, until).admits(None) is (since is None and until is None)


# ------------------------------------------------------------------------------------------------
# --via
# ------------------------------------------------------------------------------------------------


def spellings(name: str) -> st.SearchStrategy[str]:
    """Ways a user may type a fact type or relation: any case, spaces around."""
    return st.tuples(
        st.sampled_from([name, name.lower(), name.upper()]),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(["", " "]),
    ).map(lambda t: f"{t[1]}{t[0]}{t[2]}")


@given(
    st.lists(st.sampled_from(FACT_TYPES), min_size=0, max_size=4, unique=True),
    st.lists(st.sampled_from(RELATIONS), min_size=0, max_size=3, unique=True),
    st.data(),
)
def test_via_names_fact_types_and_relations_in_any_case(
    types: list[str], relations: list[str], data: st.DataObject
) -> None:
    if not types and not relations:
        types = ["Deal"]
    items = [data.draw(spellings(t)) for t in types]
    for r in relations:
        local = r.rsplit("#", 1)[1]
        form = data.draw(st.sampled_from([local, "dg:" + local, r, SCHEMA.relation_label(r)]))
        items.append(data.draw(spellings(form)))
    items = data.draw(st.permutations(items))
    if data.draw(st.booleans()):
        items.append("")  # a trailing comma
    via = parse_via(",".join(items))
    named_types = {SCHEMA.fact_types[t].name for t in types}
    # a relation that is also a fact type's name (signedDuring) may come back as the type
    assert via.fact_types - {"SignedDuring"} == named_types - {"SignedDuring"}
    assert via.relations - {DG + "signedDuring"} == set(relations) - {DG + "signedDuring"}


@given(st.text(max_size=30))
def test_any_via_text_is_names_or_a_clear_error(text: str) -> None:
    try:
        via = parse_via(text)
    except InputError as exc:
        assert str(exc).startswith("--via ")
    else:
        assert isinstance(via, Via) and not via.is_open


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dael", "--via 'Dael': no fact type or relation of that name; did you mean 'Deal'?"),
        ("Deal,bann", "--via 'bann': no fact type or relation of that name; did you mean 'Ban'?"),
        (" , ", "--via is empty; give fact types or relations, comma-separated"),
    ],
)
def test_bad_via(text: str, message: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_via(text)
    assert str(exc.value).startswith(message)


def test_via_in_dutch_and_by_label() -> None:
    assert parse_via("staatsbezoek, verbod").fact_types == {"StateVisit", "Ban"}
    assert parse_via("contracts with").relations == {DG + "contractsWith"}
