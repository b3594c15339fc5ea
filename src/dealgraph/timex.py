"""Dates in article text, normalised against the publication date with their precision.

:func:`find_dates` finds the candidate spans ("afgelopen woensdag", "nog voor 2020", "in May
2019", "on 16 May", "vorig jaar", "last month"); dateparser parses them against the
publication date and says their period (day, week, month, year), which becomes the precision;
the words before the date give the qualifier ("voor 2020" -> *before* 2020, "uiterlijk in
2027" -> *by* 2027, "nog dit jaar" -> *by* this year) and a hint of which date of the event it
is ("sinds zondag", "vanaf volgend jaar" -> the start). Weekdays are counted back from the
publication date: "woensdag" is the last Wednesday on or before it, "afgelopen woensdag" the
last one before it, "vorige week donderdag" the Thursday of the week before.

A publication date known only to the week (the seed: 2019-W23) resolves weekdays within that
week, and says so in the date's note. Without a publication date, relative dates stay
unresolved (``spec`` is ``None`` and the note says why) instead of being guessed.

Month and weekday names come from CLDR (babel); the other words are data:
``ontology/lexicons/dates.yaml``.

>>> pub = DateSpec.parse("2019-06-07")
>>> [(d.text, d.spec.label() if d.spec else None) for d in find_dates("Nog voor 2020 en afgelopen woensdag, in mei 2019.", "nl", pub)]
[('Nog voor 2020', 'before 2020'), ('afgelopen woensdag', '2019-06-05'), ('in mei 2019', '2019-05')]
>>> [(d.text, d.spec.label() if d.spec else d.note) for d in find_dates("It signed last month.", "en", None)]
[('last month', 'unresolved: the article has no publication date')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .dates import DateSpec, format_value
from .lexicon import bad, load_lexicon, string_list

_LETTERS = re.compile(r"[A-Za-z]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_LEADING = re.compile(r"^(?:nog|eerder|later|earlier)\s+")
_PERIODS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A date phrase at ``text[start:end]`` (qualifier words included) and what it means."""

    start: int
    end: int
    text: str
    spec: DateSpec | None
    hint: str = ""  # "start" or "end" when the words say which date of an event it is
    note: str = ""


@dataclass(frozen=True)
class _Lang:
    pattern: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    qualifiers: dict[str, str]  # lower-cased words -> qualifier
    roles: dict[str, str]  # lower-cased words -> hint
    by_default: frozenset[str]
    last_week: frozenset[str]
    past: frozenset[str]
    next: frozenset[str]
    capital_months: bool
    year_offsets: dict[str, int]  # "last year" -> -1 (after a month: "In November last year")
    holidays: dict[str, tuple[int, int]]  # "nieuwjaarsdag" -> (1, 1)
    anaphoric: dict[str, int]  # "hours later" -> 0 days after the date named before it
    planned_by: frozenset[str]  # "dit jaar" in a plan means by the end of the year
    # the words one of which every date phrase without a digit holds (lower case), found in
    # one pass before the pattern is tried; None: a relative expression is no plain phrase
    anchors: Any = None

    def may_hold_a_date(self, piece: str) -> bool:
        """False when ``piece`` has no digit and none of the anchors: no date phrase at all
        (half the sentences of a news story), so the pattern need not be tried."""
        if self.anchors is None or _DIGIT.search(piece):
            return True
        return next(self.anchors.iter(piece.lower()), None) is not None


_DIGIT = re.compile(r"\d")


def _alt(words: list[str], escape: bool = True) -> str:
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


@cache
def _lang(lang: str) -> _Lang:
    from babel import Locale

    data: Any = load_lexicon("dates")
    if lang not in data:
        lang = "en"
    entry = data[lang]
    if not isinstance(entry, dict):
        raise bad("dates", (lang,), "must be a mapping")
    locale = Locale.parse(lang)
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in locale.months["format"][width].items():
            months[str(name).lower().rstrip(".")] = int(number)
    if lang == "en":
        months["sept"] = 9
    weekdays = {str(n).lower(): int(i) for i, n in locale.days["format"]["wide"].items()}

    def words(key: str) -> list[str]:
        return string_list("dates", entry.get(key), (lang, key))

    qualifiers: dict[str, str] = {}
    for qual, ws in (entry.get("qualifiers") or {}).items():
        for w in string_list("dates", ws, (lang, "qualifiers", qual)):
            qualifiers[w.lower()] = str(qual)
    roles: dict[str, str] = {}
    for role, ws in (entry.get("roles") or {}).items():
        for w in string_list("dates", ws, (lang, "roles", role)):
            roles[w.lower()] = str(role)
    year_offsets = {str(k).lower(): int(v) for k, v in (entry.get("year_offsets") or {}).items()}
    holidays: dict[str, tuple[int, int]] = {}
    for name, md in (entry.get("holidays") or {}).items():
        hm = re.fullmatch(r"(\d{2})-(\d{2})", str(md))
        if hm is None:
            raise bad("dates", (lang, "holidays", str(name)), "write the day as MM-DD")
        holidays[str(name).lower()] = (int(hm.group(1)), int(hm.group(2)))
    anaphoric = {str(k).lower(): int(v) for k, v in (entry.get("anaphoric") or {}).items()}
    relative = words("relative")
    for r in relative:
        try:
            re.compile(r)
        except re.error as exc:
            raise bad("dates", (lang, "relative"), f"bad pattern {r!r}: {exc}") from None
    prefix = _alt([*qualifiers, *roles])
    month_alt = _alt(list(months))
    day_alt = _alt(list(weekdays))
    parts = _alt(words("day_parts"))
    wmod = _alt(words("last_week") + words("past") + words("next"))
    year = r"(?:19|20)\d{2}(?![\d.,]\d)"
    offsets = _alt(list(year_offsets)) or "(?!)"
    core = (
        rf"(?P<mr>(?:{month_alt})\.?\s+(?:of\s+)?(?:{offsets}))"
        rf"|(?P<hol>{_alt(list(holidays)) or '(?!)'})"
        rf"|(?P<ana>{_alt(list(anaphoric)) or '(?!)'})"
        rf"|(?P<dm>\d{{1,2}}\s+(?:{month_alt})(?:\.?\s+{year})?)"
        rf"|(?P<md>(?:{month_alt})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{year})?(?![\d]))"
        rf"|(?P<wd>(?:(?P<wmod>{wmod})\s+)?(?P<day>{day_alt})(?:\s?(?:{parts}))?)"
        rf"|(?P<my>(?:{month_alt})(?:\s+{year})?)"
        rf"|(?P<rel>{_alt(relative, escape=False)})"
        rf"|(?P<y>{year})"
    )
    part = _alt(words("parts")) or "(?!)"
    pattern = re.compile(
        rf"(?<![\w-])(?:(?P<pre>{prefix})\s+)?(?:(?P<prep>in|op|on|van|of|per)\s+)?"
        rf"(?:(?P<part>{part})\s+)?(?:{core})(?![\w-])",
        re.IGNORECASE,
    )
    return _Lang(
        pattern=pattern,
        months=months,
        weekdays=weekdays,
        qualifiers=qualifiers,
        roles=roles,
        by_default=frozenset(w.lower() for w in words("by_default")),
        last_week=frozenset(w.lower() for w in words("last_week")),
        past=frozenset(w.lower() for w in words("past")),
        next=frozenset(w.lower() for w in words("next")),
        capital_months=lang == "en",
        year_offsets=year_offsets,
        holidays=holidays,
        anaphoric=anaphoric,
        planned_by=frozenset(w.lower() for w in words("planned_by")),
        anchors=_anchors([*months, *weekdays, *holidays, *anaphoric], relative),
    )


def _anchors(names: list[str], relative: list[str]) -> Any:
    """An automaton of the words a date phrase without a digit must hold: month, weekday,
    holiday and anaphoric names, and each relative expression without its optional groups
    ("(?:eerder )?deze week" -> "deze week"); None when one is no plain phrase then."""
    import ahocorasick

    words = [n.lower() for n in names]
    for r in relative:
        plain = re.sub(r"\(\?:[^()]*\)\?", "", r).strip().lower()
        if not plain or re.escape(plain).replace("\\ ", " ") != plain:
            return None
        words.append(plain)
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton


def planned_by(lang: str) -> frozenset[str]:
    """Relative years that mean "by" in a plan ("dit jaar met 5G beginnen": by the year).

    >>> sorted(planned_by("en"))
    ['this year']
    """
    return _lang(lang).planned_by


@cache
def date_words(lang: str) -> frozenset[str]:
    """Month and weekday names of ``lang`` (lower case): words that make a phrase a date
    (built once per language: a name's test asks for them).

    >>> "mei" in date_words("nl"), "june" in date_words("en")
    (True, True)
    """
    lx = _lang(lang)
    return frozenset(lx.months) | frozenset(lx.weekdays)


def _anchor(published: DateSpec | None) -> tuple[dt.date | None, str]:
    """The day relative dates are counted from, and how it was chosen."""
    if published is None:
        return None, "unresolved: the article has no publication date"
    if published.precision == "day":
        return published.first_day, ""
    if published.precision == "week":
        return published.last_day, (
            f"resolved against the publication week {published.value} "
            f"(counted back from its last day, {published.last_day.isoformat()})"
        )
    return None, f"unresolved: the publication date is known only to the {published.precision}"


@lru_cache(maxsize=64)
def _parser(lang: str, base: dt.date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=[lang], settings=settings)


@lru_cache(maxsize=4096)
def _parse(lang: str, text: str, base: dt.date | None) -> tuple[dt.date, str] | None:
    data = _parser(lang, base).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(str(data.period or "day"), "day")
    return data.date_obj.date(), precision


def _weekday(lx: _Lang, m: re.Match[str], base: dt.date) -> dt.date:
    target = lx.weekdays[m.group("day").lower()]
    mod = (m.group("wmod") or "").lower()
    if mod in lx.last_week:
        monday = base - dt.timedelta(days=base.weekday() + 7)
        return monday + dt.timedelta(days=target)
    if mod in lx.next:
        return base + dt.timedelta(days=(target - base.weekday() - 1) % 7 + 1)
    back = (base.weekday() - target) % 7
    if mod in lx.past and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


def _special(
    lx: _Lang,
    kind: str,
    core: str,
    anchor: dt.date | None,
    text: str,
    at: int,
    lang: str,
    published: DateSpec | None,
) -> tuple[str, str] | None:
    """A month of a relative year ("November last year"), a holiday ("nieuwjaarsdag", the
    last one on or before publication) or a day counted from the date named before it in
    the text ("Hours later", "de volgende dag")."""
    low = core.lower()
    if kind == "mr" and anchor is not None:
        month = next(n for w, n in lx.months.items() if low.startswith(w))
        offset = next(v for w, v in lx.year_offsets.items() if low.endswith(w))
        return f"{anchor.year + offset:04d}-{month:02d}", "month"
    if kind == "hol" and anchor is not None:
        month, day = lx.holidays[low]
        year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
        return dt.date(year, month, day).isoformat(), "day"
    if kind == "ana":
        before = [
            d
            for d in find_dates(text, lang, published, max(0, at - 2000), at)
            if d.spec is not None and d.spec.precision == "day" and d.end <= at
        ]
        if before:
            assert before[-1].spec is not None
            then = before[-1].spec.first_day + dt.timedelta(days=lx.anaphoric[low])
            return then.isoformat(), "day"
    return None


def find_dates(
    text: str,
    lang: str,
    published: DateSpec | None,
    start: int = 0,
    end: int | None = None,
) -> list[TimeMention]:
    """The date phrases of ``text[start:end]``, resolved against ``published``."""
    lx = _lang(lang)
    stop = len(text) if end is None else end
    if not lx.may_hold_a_date(text[start:stop]):
        return []
    anchor, how = _anchor(published)
    out: list[TimeMention] = []
    for m in lx.pattern.finditer(text, start, stop):
        kind = next(
            k for k in ("mr", "hol", "ana", "dm", "md", "wd", "my", "rel", "y") if m.group(k)
        )
        core = m.group(kind)
        if lx.capital_months and kind in ("dm", "md", "my", "mr"):
            month_word = _LETTERS.search(core)
            if month_word is None or not month_word.group()[0].isupper():
                continue  # "may sign", "march on"
        pre = (m.group("pre") or "").lower()
        qualifier = lx.qualifiers.get(pre, "on")
        hint = lx.roles.get(pre, "")
        if core.lower() in lx.by_default or (pre == "nog" and qualifier == "on"):
            qualifier = "by"
        value, precision, note = None, "", ""
        if kind in ("mr", "hol", "ana"):
            found = _special(lx, kind, core, anchor, text, m.start(), lang, published)
            if found is None:
                note = how or "unresolved: no date before it to count from"
                out.append(TimeMention(m.start(), m.end(), m.group(), None, hint, note))
            else:
                special = DateSpec.parse(found[0], qualifier=qualifier, text=m.group(), note=how)
                out.append(TimeMention(m.start(), m.end(), m.group(), special, hint, how))
            continue
        if kind == "y" or (kind == "my" and _FOUR_DIGITS.search(core)) or kind in ("dm", "md"):
            has_year = _YEAR.search(core) is not None
            if kind == "y":
                value, precision = core, "year"
            elif has_year or anchor is not None:
                parsed = _parse(lang, core.rstrip("."), anchor)
                if parsed is not None:
                    value, precision = format_value(parsed[0], parsed[1]), parsed[1]
            else:
                note = how
        elif anchor is None:
            note = how
        elif kind == "wd":
            value, precision, note = _weekday(lx, m, anchor).isoformat(), "day", how
        else:
            parsed = _parse(lang, _LEADING.sub("", core.lower()), anchor)
            if parsed is not None:
                value, precision = format_value(parsed[0], parsed[1]), parsed[1]
                note = how
        spec = None
        if value is not None:
            spec = DateSpec.parse(value, qualifier=qualifier, text=m.group(), note=note)
            assert spec.precision == precision or kind == "y"
        out.append(TimeMention(m.start(), m.end(), m.group(), spec, hint, note))
    return out
