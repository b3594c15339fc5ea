"""Dates as articles give them: a value, its precision and a qualifier.

"afgelopen woensdag" is a day, "nog dit jaar" is a year with the qualifier *by*, "voor 2020" is
the year 2020 with the qualifier *before*. A :class:`DateSpec` keeps all three, the words used,
and knows its first and last day, a readable label and a sort key for timelines.

>>> d = DateSpec.parse("2020", qualifier="before")
>>> d.precision, d.first_day.isoformat(), d.label()
('year', '2020-01-01', 'before 2020')
>>> DateSpec.parse("2019-W23").first_day.isoformat()
'2019-06-03'
>>> DateSpec.parse("2019-06").last_day.isoformat()
'2019-06-30'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

PRECISIONS = ("day", "week", "month", "year")
QUALIFIERS = ("on", "before", "after", "by", "circa")

_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-W(\d{2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
)

#: OWL-Time units for each precision.
TIME_UNITS = {
    "day": "http://www.w3.org/2006/time#unitDay",
    "week": "http://www.w3.org/2006/time#unitWeek",
    "month": "http://www.w3.org/2006/time#unitMonth",
    "year": "http://www.w3.org/2006/time#unitYear",
}
PRECISION_OF_UNIT = {v: k for k, v in TIME_UNITS.items()}


class DateValueError(ValueError):
    """A date value that is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www, or not a real date."""


def parse_value(value: str) -> tuple[dt.date, dt.date, str]:
    """First day, last day and precision of a date value.

    >>> parse_value("2019-06-05")
    (datetime.date(2019, 6, 5), datetime.date(2019, 6, 5), 'day')
    >>> parse_value("2019-02-30")
    Traceback (most recent call last):
    ...
    dealgraph.dates.DateValueError: '2019-02-30' is not a real date
    """
    text = str(value).strip()
    for pattern, precision in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        parts = [int(g) for g in m.groups()]
        try:
            if precision == "day":
                d = dt.date(*parts)
                return d, d, precision
            if precision == "week":
                first = dt.date.fromisocalendar(parts[0], parts[1], 1)
                return first, first + dt.timedelta(days=6), precision
            if precision == "month":
                last = calendar.monthrange(parts[0], parts[1])[1]
                return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last), precision
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), precision
        except ValueError:
            raise DateValueError(f"{text!r} is not a real date") from None
    raise DateValueError(
        f"{text!r} is not a date value; write YYYY-MM-DD (day), YYYY-Www (week), YYYY-MM (month) or YYYY (year)"
    )


def format_value(day: dt.date, precision: str) -> str:
    """The value string of ``day`` at ``precision`` (the inverse of :func:`parse_value`).

    >>> format_value(dt.date(2019, 6, 5), "week")
    '2019-W23'
    """
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    raise DateValueError(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")


@dataclass(frozen=True)
class DateSpec:
    """A date with its precision, qualifier, the words that gave it and a curator's note."""

    value: str
    precision: str
    qualifier: str = "on"
    text: str = ""
    note: str = ""
    role: str = ""
    first_day: dt.date = field(default=dt.date.min, compare=False, repr=False)
    last_day: dt.date = field(default=dt.date.min, compare=False, repr=False)

    @classmethod
    def parse(
        cls, value: str, qualifier: str = "on", text: str = "", note: str = "", role: str = ""
    ) -> DateSpec:
        first, last, precision = parse_value(value)
        if qualifier not in QUALIFIERS:
            raise DateValueError(
                f"unknown qualifier {qualifier!r}; use one of {', '.join(QUALIFIERS)}"
            )
        return cls(str(value).strip(), precision, qualifier, text, note, role, first, last)

    def label(self) -> str:
        """``2019-06-05``, ``before 2020``, ``by 2019``, ``circa 2019-06``."""
        return self.value if self.qualifier == "on" else f"{self.qualifier} {self.value}"

    def sort_key(self) -> tuple[dt.date, int]:
        """Where the date falls on a timeline: a day, and a rank that orders ties.

        A date known only by a bound sorts at the latest day it can be: *before X* at X and
        *by X* at the end of X, each after the events known to fall on that day; *after X*
        sorts just after X; anything else at its first day.

        >>> DateSpec.parse("2019", qualifier="by").sort_key()
        (datetime.date(2019, 12, 31), 4)
        >>> DateSpec.parse("2019-06-05", qualifier="before").sort_key() > DateSpec.parse("2019-06-05").sort_key()
        True
        """
        if self.qualifier == "before":
            return self.first_day, 3
        if self.qualifier == "by":
            return self.last_day, 4
        if self.qualifier == "after":
            return self.last_day + dt.timedelta(days=1), 2
        return self.first_day, 1 if self.qualifier == "circa" else 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.role:
            out["role"] = self.role
        out["value"] = self.value
        out["precision"] = self.precision
        if self.qualifier != "on":
            out["qualifier"] = self.qualifier
        if self.text:
            out["text"] = self.text
        if self.note:
            out["note"] = self.note
        return out
