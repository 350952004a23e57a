"""Hypothesis strategies that build valid ``tradetalks`` records, for your own property tests.

This module needs the optional extra: ``pip install 'tradetalks[strategies]'``. Importing
:mod:`tradetalks` never imports it, nor Hypothesis.

Every strategy builds valid instances directly, without filtering: a source's text is
written sentence by sentence from the records that cite it, so each piece of evidence is
known to stand at its offsets, each direct quotation between its quotation marks, and each
statement's date words resolve, against its source's dateline, to the date recorded. Each
strategy shrinks toward a small, readable example (a single source, ordinary names, dates
near 2000-01-01 or near the dateline), and takes keyword arguments to narrow it: a range of
dates, a number of records, given parties.

========================  ========================================================
:func:`partial_dates`     :class:`~tradetalks.PartialDate` (year, month or day)
:func:`date_spans`        :class:`~tradetalks.DateSpan`
:func:`instants`          aware datetimes in an IANA zone, as the record keeps them
:func:`resolved_dates`    :class:`~tradetalks.ResolvedDate` with date words
:func:`parties`           :class:`~tradetalks.Party`
:func:`organizations`     :class:`~tradetalks.Organization`
:func:`people`            :class:`~tradetalks.Person`
:func:`positions`         :class:`~tradetalks.Position`
:func:`sources`           :class:`~tradetalks.Source`
:func:`evidence`          :class:`~tradetalks.Evidence` within a given source
:func:`rounds`            :class:`~tradetalks.Round` with its delegates
:func:`meetings`          :class:`~tradetalks.Meeting`
:func:`statements`        :class:`~tradetalks.Statement`
:func:`agreements`        :class:`~tradetalks.Agreement` between two or three parties
:func:`truces`            :class:`~tradetalks.Truce` with its terms, lapses and early end
:func:`truce_ends`        :class:`~tradetalks.TruceEnd` within a truce's last term
:func:`claims`            :class:`~tradetalks.Claim` that agrees with its record, or not
:func:`datasets`          :class:`~tradetalks.Dataset`
:func:`dataset_pairs`     two :class:`~tradetalks.Dataset` s that share records
========================  ========================================================

Importing this module also registers a strategy for each public record type with
``hypothesis.strategies.register_type_strategy()``, so ``st.from_type(PartialDate)`` and
``st.builds()`` of your own classes with ``tradetalks`` fields work.

A record built by a strategy other than :func:`datasets` brings its own source (and the
outlet that published it, the people it quotes, ...), reachable from its evidence.

>>> from hypothesis import given, settings
>>> import tradetalks
>>> from tradetalks.strategies import datasets
>>> @settings(max_examples=20)
... @given(datasets(max_statements=3))
... def test_survives_json(record):
...     assert tradetalks.loads(tradetalks.dumps(record)) == record
>>> test_survives_json()
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - only without the optional extra
    raise ImportError(
        "tradetalks.strategies needs Hypothesis, which the optional extra installs: "
        "pip install 'tradetalks[strategies]'"
    ) from error

__all__ = [
    "agreements",
    "claims",
    "dataset_pairs",
    "datasets",
    "date_spans",
    "evidence",
    "instants",
    "meetings",
    "organizations",
    "partial_dates",
    "parties",
    "people",
    "positions",
    "resolved_dates",
    "rounds",
    "sources",
    "statements",
    "truce_ends",
    "truces",
]

import calendar
import datetime as dt
import enum
import functools
import itertools
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

import attrs

from tradetalks.actors import (
    Organization,
    OrganizationKind,
    Party,
    Person,
    Position,
    UnnamedGroup,
)
from tradetalks.agreements import Agreement
from tradetalks.claims import Claim, as_text
from tradetalks.dataset import COLLECTIONS, Dataset, TimelineEntry
from tradetalks.dates import DateSpan, PartialDate, Precision, SpanEnd
from tradetalks.instants import add_calendar_days, elapsed, format_instant, is_iana_zone
from tradetalks.resolution import ResolutionRule, ResolvedDate, Tense
from tradetalks.sources import Evidence, Source
from tradetalks.statements import CLOSING_QUOTES, OPENING_QUOTES, QUOTES, Mode, Statement
from tradetalks.talks import Delegate, Meeting, MeetingKind, Role, Round
from tradetalks.truces import EndReason, Truce, TruceEnd, TruceTerm

T = TypeVar("T")

# Records default to dates from 1973 to 2100: every IANA zone has offsets in whole minutes
# from 1973 on (RFC 9557 text has no seconds in its offsets), so truce deadlines can be
# instants anywhere in that range.
_RECORDS_FROM = dt.date(1973, 1, 1)
_RECORDS_TO = dt.date(2100, 12, 31)
_INSTANTS_FROM = dt.date(1973, 1, 1)
_INSTANTS_TO = dt.date(9998, 12, 31)
_ALL_PRECISIONS = tuple(Precision)
_SPAN_ENDS = (SpanEnd.UNKNOWN, SpanEnd.OPEN)
_LAST_DEADLINE_TIME = dt.time(21, 59, 59, 999999)  # a daylight-saving gap never crosses midnight
_LONGEST_TERM = 400  # days
_LONGEST_LAPSE = 60  # days
_ANNOUNCED_BEFORE = 30  # days: the most a term, or an early end, is announced before it
_ANNOUNCED_AFTER = 7  # days: the most it is announced after it (a retroactive announcement)

_ZONES = (
    "UTC",
    "America/New_York",
    "Europe/Stockholm",
    "Asia/Shanghai",
    "Europe/London",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Chatham",
)
_PARTY_NAMES = {
    "CN": "China",
    "US": "United States",
    "EU": "European Union",
    "GB": "United Kingdom",
    "JP": "Japan",
    "KR": "South Korea",
    "IN": "India",
    "BR": "Brazil",
    "MX": "Mexico",
    "CA": "Canada",
    "SE": "Sweden",
    "CH": "Switzerland",
    "ASEAN": "Association of Southeast Asian Nations",
    "MERCOSUR": "Southern Common Market",
}
_PARTY_CODE = re.compile(r"[A-Z][A-Z0-9-]{1,15}")
_COUNTRIES = ("CH", "GB", "SE", "CN", "US", "ES", "MY", "JP", "FR", "DE")
_LANGUAGES = ("en", "zh", "sv", "en-GB", "zh-Hans", "fr")
_PHRASES = (
    "talks",
    "trade talks",
    "candid exchanges",
    "the two sides agreed to keep talking",
    "export controls on chips",
    "market access",
)
_PERSON_NAMES = ("Ana Silva", "Li Wei", "John Smith", "Mei Chen", "Olga Berg", "Ravi Rao")
_OUTLET_NAMES = ("The Daily Ledger", "Harbour Times", "Evening Post", "Wire Service")
_ORGANIZATION_NAMES = (
    "Ministry of Commerce",
    "Office of the Trade Representative",
    "Chamber of Commerce",
    "Business Council",
    "Institute of International Trade",
)
_SHORT_NAMES = ("MOFCOM", "USTR", "CCPIT", "WTO")
_TITLES = (
    "Commerce Minister",
    "Vice Premier",
    "Trade Representative",
    "Treasury Secretary",
    "chief negotiator",
    "spokesperson",
)
_CITIES = ("Geneva", "London", "Stockholm", "Madrid", "Kuala Lumpur", "Washington")
_TRACKS = ("economic and trade talks", "tariff talks", "market access dialogue")
_GROUPS = ("experts", "officials", "analysts", "the media", "observers")
_AUDIENCES = ("told reporters", "speaking to reporters", "in a statement", "told the press")
_SUSPENDED = ("tariffs", "export controls", "port fees", "retaliatory tariffs")
_AGREEMENT_TITLES = (
    "Joint Statement",
    "Geneva Joint Statement",
    "Framework Agreement",
    "Memorandum of Understanding",
)
_BOUND_FORMS = ("day", "instant", "month")
_MOMENT_FORMS = ("day", "instant")
# The collections whose records a claim may be about, as Claim.about allows.
_CLAIMED = (
    "sources",
    "parties",
    "organizations",
    "people",
    "rounds",
    "meetings",
    "agreements",
    "truces",
)
_MONTHS = tuple(calendar.month_name)[1:]
_MONTH_ABBREVIATIONS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_WEEKDAYS = tuple(calendar.day_name)
_WEEKDAY_ABBREVIATIONS = ("Mon.", "Tue.", "Wed.", "Thu.", "Fri.", "Sat.", "Sun.")


def _tidy(text: str) -> str:
    """Words separated by single spaces, none at either end ("talks" if there are none)."""
    return " ".join(text.split()) or "talks"


# Phrases: an ordinary one, or words of letters, marks, digits, punctuation and symbols of
# any script, separated by single spaces, but never other white space, control characters,
# quotation marks or commas (a direct quotation's text cannot hold quotation marks, nor end
# with the comma that joins its attribution). A phrase is one string drawn at once, which
# keeps datasets quick to generate.
_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
    exclude_characters=QUOTES + ",",
    include_characters=" ",
)
_TEXT = st.text(_CHARACTERS, min_size=1, max_size=24)
_CAPITALS = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)
_NATIVE_NAME = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=4
)
_NUMBER = st.integers(1, 20)
_TENSES = st.sampled_from(tuple(Tense))
_ROLES = tuple(Role)
_SEPARATORS = st.sampled_from((" ", "\n"))
_SCHEMES = ("wikidata", "viaf", "isni")
_PIVOT = dt.date(2000, 1, 1)
_BOOLEANS = st.booleans()
_TIMES = st.times(max_value=_LAST_DEADLINE_TIME)

# The helpers below draw with as few choices as they can (an index rather than a choice of
# strategy, then the choice), since a dataset draws hundreds of values.


@functools.lru_cache(maxsize=4096)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    """``st.integers(low, high)``, kept: Hypothesis's own cache of strategies is slower."""
    return st.integers(low, high)


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of ``items``, shrinking to the first.

    It is drawn as an index, so that no strategy is made for each list of items.
    """
    return items[draw(_integers(0, len(items) - 1))] if len(items) > 1 else items[0]


def _flags(draw: st.DrawFn, count: int) -> tuple[bool, ...]:
    """``count`` independent yes-or-no choices drawn at once, shrinking to all no."""
    bits = draw(_integers(0, 2**count - 1))
    return tuple(bool(bits >> place & 1) for place in range(count))


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    """``None`` (what it shrinks to), or a value of ``strategy``."""
    return draw(strategy) if draw(_BOOLEANS) else None


def _name(draw: st.DrawFn, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (shrinking to the first), or any phrase."""
    index = draw(_integers(0, len(choices)))
    return choices[index] if index < len(choices) else _tidy(draw(_TEXT))


def _phrase(draw: st.DrawFn) -> str:
    """An ordinary phrase (shrinking to "talks"), or words of any script."""
    return _name(draw, _PHRASES)


def _country(draw: st.DrawFn) -> str:
    """A country code: a common one, or any two capital letters."""
    index = draw(_integers(0, len(_COUNTRIES)))
    return _COUNTRIES[index] if index < len(_COUNTRIES) else draw(_CAPITALS)


def _day(draw: st.DrawFn, low: dt.date, high: dt.date) -> dt.date:
    """A day from ``low`` to ``high``, shrinking toward 2000-01-01 (or the nearest to it)."""
    pivot = min(max(_PIVOT, low), high)
    offset = draw(_integers((low - pivot).days, (high - pivot).days))
    return pivot + dt.timedelta(days=offset)


def _identifiers(draw: st.DrawFn) -> dict[str, str]:
    schemes = _distinct(draw, _SCHEMES, draw(_integers(0, 2)))
    return {scheme: f"Q{draw(_integers(1, 10**8))}" for scheme in schemes}


def _strategy(choices: tuple[str, ...]) -> st.SearchStrategy[str]:
    """The strategy of :func:`_name` for ``choices``."""

    @st.composite
    def names(draw: st.DrawFn) -> str:
        return _name(draw, choices)

    return names()


# --- checking arguments ------------------------------------------------------------------


def _check_date(name: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidArgument(f"{name} must be a datetime.date, not {value!r}")
    return value


def _check_dates(low: object, high: object, names: str = "min_value, max_value") -> None:
    first, second = names.split(", ")
    if _check_date(first, low) > _check_date(second, high):
        raise InvalidArgument(f"{first}={low!r} is after {second}={high!r}")


def _check_count(name: str, low: int, high: int) -> tuple[int, int]:
    for value in (low, high):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidArgument(f"{name}: counts are whole numbers from 0, not {value!r}")
    if low > high:
        raise InvalidArgument(f"{name}: the minimum {low} is above the maximum {high}")
    return (low, high)


def _check_members(name: str, values: Iterable[T] | None, kind: type[T]) -> tuple[T, ...] | None:
    if values is None:
        return None
    members = tuple(values)
    if not members or not all(isinstance(value, kind) for value in members):
        raise InvalidArgument(f"{name} must hold one or more {kind.__name__} values")
    return members


def _check_span_ends(values: Iterable[SpanEnd]) -> tuple[SpanEnd, ...]:
    members = () if isinstance(values, str) else tuple(values)
    if isinstance(values, str) or not all(isinstance(value, SpanEnd) for value in members):
        raise InvalidArgument(
            f"ends must hold SpanEnd values (none, for spans with two dates), not {values!r}"
        )
    return members


def _check_parties(
    values: Iterable[str] | Mapping[str, str] | None,
) -> tuple[tuple[str, str | None], ...] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise InvalidArgument(f"give party codes as a list, not the string {values!r}")
    pairs = (
        tuple((code, values[code]) for code in values)
        if isinstance(values, Mapping)
        else tuple((code, None) for code in values)
    )
    codes = [code for code, _ in pairs]
    for code, name in pairs:
        if not isinstance(code, str) or _PARTY_CODE.fullmatch(code) is None:
            raise InvalidArgument(
                f"{code!r} is not a party code (2 to 16 capital letters, digits or '-')"
            )
        if name is not None and (
            not isinstance(name, str) or not name.strip() or name != name.strip()
        ):
            raise InvalidArgument(f"{name!r} is not a party's display name")
    if not codes or len(set(codes)) != len(codes):
        raise InvalidArgument(f"give one or more different party codes, not {codes}")
    return pairs


def _check_zones(zones: Iterable[str] | None) -> tuple[str, ...]:
    keys = _ZONES if zones is None else tuple(zones)
    if not keys:
        raise InvalidArgument("zones must name at least one IANA time zone")
    for key in keys:
        if not isinstance(key, str) or not is_iana_zone(key):
            raise InvalidArgument(f"{key!r} is not an IANA time zone")
    return keys


# --- dates ---------------------------------------------------------------------------------


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_first(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_last(index: int) -> dt.date:
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day_ranges(
    first_from: dt.date, last_from: dt.date, last_to: dt.date, precisions: tuple[Precision, ...]
) -> list[tuple[Precision, dt.date, dt.date]]:
    """For each precision, the days to draw from, when there are some.

    A day drawn from them and cut to that precision gives a date that starts on or after
    ``first_from`` and ends from ``last_from`` to ``last_to``.
    """
    ranges = []
    for precision in precisions:
        if precision is Precision.DAY:
            low, high = max(first_from, last_from), last_to
        elif precision is Precision.MONTH:
            first = _month_index(first_from) + (first_from.day > 1)
            first = max(first, _month_index(last_from))
            last = _month_index(last_to) - (last_to != _month_last(_month_index(last_to)))
            if first > last:
                continue
            low, high = _month_first(first), _month_last(last)
        else:
            first = max(first_from.year + (first_from.timetuple().tm_yday > 1), last_from.year)
            last = last_to.year - ((last_to.month, last_to.day) != (12, 31))
            if first > last:
                continue
            low, high = dt.date(first, 1, 1), dt.date(last, 12, 31)
        if low <= high:
            ranges.append((precision, low, high))
    return ranges


def _draw_partial(
    draw: st.DrawFn,
    ranges: list[tuple[Precision, dt.date, dt.date]],
    *,
    uncertain: bool | None = False,
    approximate: bool | None = False,
) -> PartialDate:
    precision, low, high = _pick(draw, ranges)
    day = _day(draw, low, high)
    if uncertain is None or approximate is None:
        drawn = _flags(draw, 2)
        uncertain = drawn[0] if uncertain is None else uncertain
        approximate = drawn[1] if approximate is None else approximate
    return PartialDate(
        day.year,
        day.month if precision > Precision.YEAR else None,
        day.day if precision is Precision.DAY else None,
        uncertain=uncertain,
        approximate=approximate,
    )


def _draw_span(
    draw: st.DrawFn,
    low: dt.date,
    high: dt.date,
    precisions: tuple[Precision, ...] = _ALL_PRECISIONS,
    ends: tuple[SpanEnd, ...] = (),
    **flags: bool | None,
) -> DateSpan:
    """A span from ``low`` to ``high``; ``flags`` fix ``uncertain`` or ``approximate``.

    With ``ends``, one end is sometimes one of them (open or unknown) instead of a date.
    """
    flags = {"uncertain": None, "approximate": None, **flags}  # drawn unless fixed
    start = _draw_partial(draw, _day_ranges(low, low, high, precisions), **flags)
    if draw(_BOOLEANS):  # two ends; shrinks toward a single date
        if bool(ends) and draw(_BOOLEANS):  # one not a date: the date drawn is the other
            other = _pick(draw, ends)
            return DateSpan(other, start) if draw(_BOOLEANS) else DateSpan(start, other)
        # The end's last day is on or after the start's first (2025-06/2025-06-11 is a span).
        last = _day_ranges(low, start.earliest, high, precisions)
        if last:
            return DateSpan(start, _draw_partial(draw, last, **flags))
    return DateSpan(start, start)


def _existing(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo, fold: int = 0) -> dt.datetime:
    """The instant at a wall time on ``day`` in ``zone``, moved out of a daylight-saving gap.

    A wall time that does not exist (skipped by a change of offset) is moved across the gap,
    forward or back, whichever keeps it on ``day``.
    """
    wall = dt.datetime.combine(day, time, tzinfo=zone)
    moment = wall
    for side in (fold, 1 - fold):
        moment = wall.replace(fold=side).astimezone(dt.UTC).astimezone(zone)
        if moment.date() == day:
            return moment
    return moment


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _month_word(draw: st.DrawFn, month: int) -> str:
    return (_MONTH_ABBREVIATIONS if draw(_BOOLEANS) else _MONTHS)[month - 1]


def _weekday_word(draw: st.DrawFn, day: dt.date) -> str:
    return (_WEEKDAY_ABBREVIATIONS if draw(_BOOLEANS) else _WEEKDAYS)[day.weekday()]


def _month_day_words(draw: st.DrawFn, day: dt.date, *, year: bool) -> str:
    """Words for a day: "August 12", "12 August", "the 12th of August", with a year if asked."""
    month = _month_word(draw, day.month)
    shape = draw(_integers(0, 2))
    if shape == 0:
        words = f"{month} {day.day}" + (f", {day.year:04d}" if year else "")
    elif shape == 1:
        words = f"{day.day} {month}" + (f" {day.year:04d}" if year else "")
    else:
        words = f"the {_ordinal(day.day)} of {month}" + (f" {day.year:04d}" if year else "")
    if draw(_BOOLEANS):
        words = f"{_weekday_word(draw, day)}, {words}"
    return words


def _prefixed(draw: st.DrawFn, prefix: str, words: str) -> str:
    return words if draw(_BOOLEANS) else f"{prefix} {words}"


@attrs.frozen
class _Window:
    """A dateline, and the first and last day a date resolved against it may mean."""

    dateline: dt.date
    low: dt.date
    high: dt.date

    @property
    def back(self) -> int:
        return (self.dateline - self.low).days

    @property
    def ahead(self) -> int:
        return (self.high - self.dateline).days

    def months(self) -> list[tuple[int, Tense]]:
        """The months "in <month>" reaches (within 11 months), with the tense that does."""
        here = _month_index(self.dateline)
        found = []
        for step in range(12):
            for index, tense in ((here - step, Tense.PAST), (here + step, Tense.FUTURE)):
                in_calendar = 12 <= index < 12 * 10000  # years 1 to 9999
                if (
                    in_calendar
                    and self.low <= _month_first(index) <= _month_last(index) <= self.high
                ):
                    found.append((index, tense))
        return found

    def rules(self) -> list[ResolutionRule]:
        """The rules that can resolve to a date in the window, simplest first."""
        rules = [ResolutionRule.TODAY]
        if self.back:
            rules.append(ResolutionRule.YESTERDAY)
        if self.ahead:
            rules.append(ResolutionRule.TOMORROW)
        rules += [ResolutionRule.WEEKDAY, ResolutionRule.MONTH_DAY]
        if self.months():
            rules.append(ResolutionRule.MONTH)
        return [*rules, ResolutionRule.STATED, ResolutionRule.CONTEXT]


Resolved = tuple[PartialDate, str | None, Tense]


def _relative(draw: st.DrawFn, window: _Window, rule: ResolutionRule, tense: Tense) -> Resolved:
    """Today, yesterday or tomorrow."""
    step = {ResolutionRule.YESTERDAY: -1, ResolutionRule.TOMORROW: 1}.get(rule, 0)
    day = window.dateline + dt.timedelta(days=step)
    return PartialDate.from_date(day), rule.value, tense


def _weekday(draw: st.DrawFn, window: _Window, rule: ResolutionRule, tense: Tense) -> Resolved:
    """A bare weekday: the most recent on or before the dateline, or the next one after it."""
    if tense is Tense.FUTURE and window.ahead:
        day = window.dateline + dt.timedelta(days=draw(_integers(1, min(7, window.ahead))))
    else:
        tense = Tense.PAST
        day = window.dateline - dt.timedelta(days=draw(_integers(0, min(6, window.back))))
    return PartialDate.from_date(day), _prefixed(draw, "on", _weekday_word(draw, day)), tense


def _month_day(draw: st.DrawFn, window: _Window, rule: ResolutionRule, tense: Tense) -> Resolved:
    """A month and day: the nearest such day in the tense's direction (within a year)."""
    if tense is Tense.PAST:
        day = window.dateline - dt.timedelta(days=draw(_integers(0, min(364, window.back))))
    else:
        day = window.dateline + dt.timedelta(days=draw(_integers(0, min(364, window.ahead))))
    words = _prefixed(draw, "on", _month_day_words(draw, day, year=False))
    return PartialDate.from_date(day), words, tense


def _month(draw: st.DrawFn, window: _Window, rule: ResolutionRule, tense: Tense) -> Resolved:
    """A month alone, in the tense that reaches it."""
    index, tense = _pick(draw, window.months())
    month = _month_first(index)
    words = _prefixed(draw, "in", _month_word(draw, month.month))
    return PartialDate(month.year, month.month), words, tense


def _stated(draw: st.DrawFn, window: _Window, rule: ResolutionRule, tense: Tense) -> Resolved:
    """A full date, or a month and year, within a year or so of the dateline."""
    offset = draw(_integers(-min(window.back, 366), min(window.ahead, 366)))
    day = window.dateline + dt.timedelta(days=offset)
    month = _month_index(day)
    whole_month = window.low <= _month_first(month) and _month_last(month) <= window.high
    if whole_month and draw(_BOOLEANS):
        iso = f"{day.year:04d}-{day.month:02d}"
        words = iso if draw(_BOOLEANS) else f"{_MONTHS[day.month - 1]} {day.year:04d}"
        return PartialDate(day.year, day.month), _prefixed(draw, "in", words), tense
    iso = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    form = draw(_integers(0, 2))
    if form == 0:
        words = _month_day_words(draw, day, year=True)
    else:
        words = iso if form == 1 else f"{_WEEKDAYS[day.weekday()]}, {iso}"
    return PartialDate.from_date(day), _prefixed(draw, "on", words), tense


def _context(draw: st.DrawFn, window: _Window, rule: ResolutionRule, tense: Tense) -> Resolved:
    """No words of its own: a day taken from the account around it, marked uncertain."""
    day = window.dateline - dt.timedelta(days=draw(_integers(0, min(window.back, 31))))
    return PartialDate.from_date(day, uncertain=True), None, tense


_RESOLVERS = {
    ResolutionRule.TODAY: _relative,
    ResolutionRule.YESTERDAY: _relative,
    ResolutionRule.TOMORROW: _relative,
    ResolutionRule.WEEKDAY: _weekday,
    ResolutionRule.MONTH_DAY: _month_day,
    ResolutionRule.MONTH: _month,
    ResolutionRule.STATED: _stated,
    ResolutionRule.CONTEXT: _context,
}


def _draw_resolved(draw: st.DrawFn, window: _Window) -> ResolvedDate:
    """A resolved date in the window, whose words resolve to it against the dateline.

    The value is worked out here from calendar arithmetic, independently of
    :func:`tradetalks.resolve_date`, so a test can compare the two.
    """
    rule = _pick(draw, window.rules())
    tense = draw(_TENSES)
    value, words, tense = _RESOLVERS[rule](draw, window, rule, tense)
    return ResolvedDate(value, words, rule, tense)


# --- drafting records over source texts -----------------------------------------------------


@attrs.frozen
class _Mark:
    """Where a passage stands: on which page (source), at which offsets."""

    page: int
    start: int
    end: int


@attrs.frozen
class _Ref:
    """The ``index``-th record of a collection, resolved when the records are built."""

    collection: str
    index: int


@attrs.frozen(eq=False)
class _Recipe:
    """A record to build: its class and arguments.

    Marks among the arguments become evidence, and references the records they name.
    """

    kind: Any
    arguments: dict[str, Any]


@attrs.frozen(kw_only=True)
class _Config:
    """What to draft: the range of dates, and how many records of each kind."""

    low: dt.date = _RECORDS_FROM
    high: dt.date = _RECORDS_TO
    sources: tuple[int, int] = (1, 1)
    filler: tuple[int, int] = (0, 0)
    text_files: bool = False
    given_parties: tuple[tuple[str, str | None], ...] | None = None
    all_given_parties: bool = False
    parties: tuple[int, int] = (0, 0)
    organizations: tuple[int, int] = (0, 0)
    kinds: tuple[OrganizationKind, ...] = tuple(OrganizationKind)
    people: tuple[int, int] = (0, 0)
    names: st.SearchStrategy[str] | None = None
    positions: tuple[int, int] = (0, 0)
    rounds: tuple[int, int] = (0, 0)
    # What a round's or meeting's end may be instead of a date (never open: they stop).
    round_ends: tuple[SpanEnd, ...] = (SpanEnd.UNKNOWN,)
    delegates: tuple[int, int] = (0, 3)
    meetings: tuple[int, int] = (0, 0)
    meeting_kinds: tuple[MeetingKind, ...] = tuple(MeetingKind)
    statements: tuple[int, int] = (0, 0)
    modes: tuple[Mode, ...] = tuple(Mode)
    agreements: tuple[int, int] = (0, 0)
    truces: tuple[int, int] = (0, 0)
    extensions: tuple[int, int] = (0, 2)
    bounds: tuple[str, ...] = _BOUND_FORMS
    zones: tuple[str, ...] = _ZONES
    # For each truce: True or False to fix whether it has lapses, an open last term, an early
    # end; None to draw it.
    lapses: bool | None = None
    open_ended: bool | None = None
    ended: bool | None = None
    announcements: tuple[str, ...] = _MOMENT_FORMS
    reasons: tuple[EndReason, ...] = tuple(EndReason)
    claims: tuple[int, int] = (0, 0)
    # The collections whose records claims are about, and whether a claim agrees with the
    # record (None: drawn for each claim).
    claimed: tuple[str, ...] = _CLAIMED
    agreeing: bool | None = None
    # Put before every id: a second dataset's own records never take the first one's ids.
    prefix: str = ""


def _distinct(draw: st.DrawFn, items: Iterable[T], count: int) -> list[T]:
    """``count`` different items, drawn one by one from those left (shrinking to the first)."""
    pool = list(items)
    return [pool.pop(draw(_integers(0, len(pool) - 1))) for _ in range(min(count, len(pool)))]


class _Draft:
    """Records being drafted, and the source texts they are written into.

    Each record that needs evidence writes a sentence about itself into one of the pages;
    the sentence's offsets become its evidence once the pages are final and the sources
    are built.
    """

    def __init__(self, draw: st.DrawFn, config: _Config) -> None:
        self.draw = draw
        self.config = config
        self.pages: list[list[str]] = []
        self.separators: list[str] = []
        self.lengths: list[int] = []
        self.datelines: list[dt.date] = []
        self.recipes: dict[str, list[_Recipe]] = {name: [] for name, _ in COLLECTIONS}
        self.names: dict[_Ref, str] = {}
        self.outlets = 0

    def ident(self, kind: str, index: int) -> str:
        """The id of the ``index``-th record of a kind (``person-0``), after the prefix."""
        return f"{self.config.prefix}{kind}-{index}"

    def count(self, bounds: tuple[int, int]) -> int:
        low, high = bounds
        return self.draw(_integers(low, high)) if low < high else low

    def page(self) -> int:
        return _pick(self.draw, range(len(self.pages)))

    def write(self, page: int, sentence: str) -> _Mark:
        """Add a sentence to a page; its mark."""
        separator = self.separators[page] if self.pages[page] else ""
        start = self.lengths[page] + len(separator)
        self.pages[page].append(separator + sentence)
        self.lengths[page] = start + len(sentence)
        return _Mark(page, start, start + len(sentence))

    def add(self, collection: str, cls: type[Any], label: str | None, /, **arguments: Any) -> _Ref:
        """Add a record's recipe; a reference to it."""
        recipes = self.recipes[collection]
        ref = _Ref(collection, len(recipes))
        recipes.append(_Recipe(cls, arguments))
        if label is not None:
            self.names[ref] = label
        return ref

    def refs(self, collection: str, start: int = 0) -> list[_Ref]:
        return [_Ref(collection, index) for index in range(start, len(self.recipes[collection]))]

    def voices(self, bounds: tuple[int, int], *, people: bool = True) -> list[Any]:
        """Different people, organizations or unnamed groups, as speakers or participants.

        Without people: the outlets (or unnamed groups) that reported a statement.
        """
        pool: list[Any] = (self.refs("people") if people else []) + self.refs("organizations")
        count = self.count(bounds)
        pool += [None] * count  # places for unnamed groups
        picked = _distinct(self.draw, pool, count)
        return [UnnamedGroup(_name(self.draw, _GROUPS)) if ref is None else ref for ref in picked]

    def name_of(self, voice: Any) -> str:
        return voice.words if isinstance(voice, UnnamedGroup) else self.names[voice]

    def names_of(self, voices: list[Any]) -> str:
        return " and ".join(self.name_of(voice) for voice in voices)


def _draft_sources(draft: _Draft) -> list[dict[str, Any]]:
    draw, config = draft.draw, draft.config
    fields = []
    for index in range(draft.count(config.sources)):
        has_country, has_title, has_url = _flags(draw, 3)
        name = _name(draw, _OUTLET_NAMES)
        outlet = draft.add(
            "organizations",
            Organization,
            name,
            id=draft.ident("outlet", index),
            name=name,
            kind=OrganizationKind.OUTLET,
            country=_country(draw) if has_country else None,
        )
        ident = draft.ident("source", index)
        published = _day(draw, config.low, config.high)
        fields.append(
            {
                "id": ident,
                "outlet": outlet,
                "title": _phrase(draw) if has_title else None,
                "published_on": published,
                "url": f"https://news.example/{ident}" if has_url else None,
                "language": _pick(draw, _LANGUAGES),
                "text_file": f"{ident}.txt" if config.text_files else None,
            }
        )
        draft.pages.append([])
        draft.separators.append(draw(_SEPARATORS))
        draft.lengths.append(0)
        draft.datelines.append(published)
        draft.write(index, _phrase(draw) + ".")  # the lead: no source is empty
        for _ in range(draft.count(config.filler)):
            draft.write(index, _phrase(draw) + ".")
    draft.outlets = len(fields)
    return fields


def _draft_parties(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    if config.given_parties is not None and config.all_given_parties:
        chosen = list(config.given_parties)
    else:
        pool = config.given_parties or tuple((code, None) for code in _PARTY_NAMES)
        chosen = _distinct(draw, pool, draft.count(config.parties))
    for code, given_name in chosen:
        name = given_name or _PARTY_NAMES.get(code, "")
        if given_name is None and (not name or draw(_BOOLEANS)):
            name = _phrase(draw)
        mark = draft.write(draft.page(), f"{name} sent a delegation.")
        draft.add("parties", Party, name, code=code, name=name, evidence=(mark,))


def _draft_organizations(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    for index in range(draft.count(config.organizations)):
        has_parent, mentioned, has_country, has_short_name = _flags(draw, 4)
        name = _name(draw, _ORGANIZATION_NAMES)
        earlier = draft.refs("organizations", draft.outlets)
        parent = _pick(draw, earlier) if has_parent and len(earlier) > 0 else None
        marks = (draft.write(draft.page(), f"{name} was also named."),) if mentioned else ()
        draft.add(
            "organizations",
            Organization,
            name,
            id=draft.ident("organization", index),
            name=name,
            kind=_pick(draw, config.kinds),
            country=_country(draw) if has_country else None,
            short_name=_pick(draw, _SHORT_NAMES) if has_short_name else None,
            parent=parent,
            evidence=marks,
        )


def _draft_people(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    for index in range(draft.count(config.people)):
        name = _name(draw, _PERSON_NAMES) if config.names is None else draw(config.names)
        mark = draft.write(draft.page(), f"{name} took part.")
        draft.add(
            "people",
            Person,
            name,
            id=draft.ident("person", index),
            name=name,
            native_name=_maybe(draw, _NATIVE_NAME),
            identifiers=_identifiers(draw),
            evidence=(mark,),
        )


def _draft_positions(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    people = draft.refs("people")
    if not people:
        return
    for index in range(draft.count(config.positions)):
        at_organization, for_party, dated = _flags(draw, 3)
        person = _pick(draw, people)
        title = _name(draw, _TITLES)
        organizations, parties = draft.refs("organizations"), draft.refs("parties")
        organization = _pick(draw, organizations) if at_organization and organizations else None
        party = _pick(draw, parties) if for_party and parties else None
        sentence = f"{draft.names[person]} is {title}"
        if organization is not None:
            sentence += f" at {draft.names[organization]}"
        if party is not None:
            sentence += f" for {draft.names[party]}"
        valid = _draw_span(draw, config.low, config.high, ends=_SPAN_ENDS) if dated else None
        draft.add(
            "positions",
            Position,
            None,
            id=draft.ident("position", index),
            person=person,
            title=title,
            organization=organization,
            party=party,
            valid=valid,
            evidence=(draft.write(draft.page(), sentence + "."),),
        )


def _draft_delegates(draft: _Draft) -> tuple[_Recipe, ...]:
    draw, config = draft.draw, draft.config
    parties = draft.refs("parties")
    if not parties:
        return ()
    people = _distinct(draw, draft.refs("people"), draft.count(config.delegates))
    delegates = []
    for person in people:
        party, role, title = (
            _pick(draw, parties),
            _pick(draw, _ROLES),
            _name(draw, _TITLES),
        )
        verb = "led" if role is Role.LEAD else "joined"
        sentence = (
            f"{draft.names[person]} {verb} the delegation of {draft.names[party]} as {title}."
        )
        delegates.append(
            _Recipe(
                Delegate,
                {
                    "person": person,
                    "party": party,
                    "role": role,
                    "title": title,
                    "evidence": (draft.write(draft.page(), sentence),),
                },
            )
        )
    return tuple(delegates)


def _draft_rounds(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    for index in range(draft.count(config.rounds)):
        track, city = _name(draw, _TRACKS), _name(draw, _CITIES)
        number = _maybe(draw, _NUMBER)
        dates = _draw_span(draw, config.low, config.high, ends=config.round_ends)
        ordinal = "" if number is None else f" {number}"
        sentence = f"Round{ordinal} of the {track} was held in {city} ({dates})."
        draft.add(
            "rounds",
            Round,
            f"{city} ({dates})",
            id=draft.ident("round", index),
            track=track,
            number=number,
            city=city,
            country=_country(draw),
            dates=dates,
            delegates=_draft_delegates(draft),
            outcomes=tuple(_phrase(draw) for _ in range(draw(_integers(0, 2)))),
            evidence=(draft.write(draft.page(), sentence),),
        )


def _draft_meetings(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    for index in range(draft.count(config.meetings)):
        dated, has_city, has_country = _flags(draw, 3)
        kind = _pick(draw, config.meeting_kinds)
        description = _phrase(draw)
        participants = draft.voices((1, 3))
        dates = _draw_span(draw, config.low, config.high, ends=config.round_ends) if dated else None
        city = _name(draw, _CITIES) if has_city else None
        what = kind.value.replace("_", " ")
        sentence = f"{draft.names_of(participants)} held a {what} on {description}."
        draft.add(
            "meetings",
            Meeting,
            description,
            id=draft.ident("meeting", index),
            kind=kind,
            description=description,
            participants=tuple(participants),
            city=city,
            country=_country(draw) if has_country else None,
            dates=dates,
            delegates=_draft_delegates(draft),
            evidence=(draft.write(draft.page(), sentence),),
        )


def _quotation(draw: st.DrawFn) -> tuple[str, str]:
    opening = _pick(draw, OPENING_QUOTES)
    return opening, CLOSING_QUOTES[OPENING_QUOTES.index(opening)]


def _draft_statements(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    occasions = draft.refs("rounds") + draft.refs("meetings")
    for index in range(draft.count(config.statements)):
        dated, has_audience, attribution_first, has_occasion = _flags(draw, 4)
        page = draft.page()
        speakers = draft.voices((1, 2))
        mode = _pick(draw, config.modes)
        said_on = None
        if dated:
            said_on = _draw_resolved(draw, _Window(draft.datelines[page], config.low, config.high))
        date_words = None if said_on is None else said_on.words
        audience = _name(draw, _AUDIENCES) if has_audience else None
        reporters = draft.voices((0, 2), people=False)
        opening, closing = _quotation(draw)
        text = _phrase(draw)
        head = f"{draft.names_of(speakers)} said" + (f" {date_words}" if date_words else "")
        tail = (f", {audience}" if audience else "") + (
            f", as reported by {draft.names_of(reporters)}" if reporters else ""
        )
        if mode is Mode.DIRECT:
            if attribution_first:
                sentence = f"{head}{tail}: {opening}{text}{closing}"
            else:
                sentence = f"{opening}{text},{closing} {head}{tail}."
        else:
            if mode is Mode.MIXED:  # reported speech around a quoted fragment
                text += f" {opening}{_phrase(draw)}{closing}"
                if draw(_BOOLEANS):
                    text += f" {_phrase(draw)}"
            sentence = f"{head} that {text}{tail}."
        draft.add(
            "statements",
            Statement,
            None,
            id=draft.ident("statement", index),
            speakers=tuple(speakers),
            mode=mode,
            text=text,
            said_on=said_on,
            audience=audience,
            reported_by=tuple(reporters),
            occasion=_pick(draw, occasions) if has_occasion and occasions else None,
            evidence=(draft.write(page, sentence),),
        )


def _bound_text(bound: PartialDate | dt.datetime) -> str:
    return format_instant(bound) if isinstance(bound, dt.datetime) else bound.to_edtf()


def _in_order(bounds: list[PartialDate | dt.datetime]) -> bool:
    """Whether each bound is after the one before it, as :class:`TruceTerm` requires."""
    for start, end in itertools.pairwise(bounds):
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            if elapsed(start, end) <= dt.timedelta(0):
                return False
            continue
        first = start.date() if isinstance(start, dt.datetime) else start.earliest
        last = end.date() if isinstance(end, dt.datetime) else end.latest
        if last <= first:
            return False
    return True


def _draw_bounds(
    draw: st.DrawFn, config: _Config, days: list[dt.date]
) -> tuple[zoneinfo.ZoneInfo, list[PartialDate | dt.datetime]]:
    """The truce's zone, and a bound on each of the given days: a day, a month or an instant.

    Every instant is in the zone, at the same wall time (moved out of a daylight-saving gap).
    """
    zone = zoneinfo.ZoneInfo(_pick(draw, config.zones))
    time = draw(_TIMES)
    bounds: list[PartialDate | dt.datetime] = []
    for day in days:
        kinds = [
            kind
            for kind in config.bounds
            if kind == "day"
            or (kind == "instant" and _INSTANTS_FROM <= day <= _INSTANTS_TO)
            or (
                kind == "month"
                and config.low <= day.replace(day=1)
                and _month_last(_month_index(day)) <= config.high
            )
        ] or ["day"]
        kind = _pick(draw, kinds)
        if kind == "instant":
            bounds.append(_existing(day, time, zone))
        elif kind == "month":
            bounds.append(PartialDate(day.year, day.month))
        else:
            bounds.append(PartialDate.from_date(day))
    if not _in_order(bounds):  # a zone that skipped a whole day: keep to days instead
        bounds = [PartialDate.from_date(day) for day in days]
    return zone, bounds


def _flag(draw: st.DrawFn, *, fixed: bool | None) -> bool:
    """``fixed`` when it is given, else drawn (shrinking to no)."""
    return draw(_BOOLEANS) if fixed is None else fixed


def _moment(
    draw: st.DrawFn, forms: tuple[str, ...], day: dt.date, zone: zoneinfo.ZoneInfo
) -> PartialDate | dt.datetime:
    """A day, or an instant on that day in ``zone``, as one of ``forms`` ("day", "instant")."""
    kinds = [
        kind
        for kind in forms
        if kind == "day" or (kind == "instant" and _INSTANTS_FROM <= day <= _INSTANTS_TO)
    ]
    if _pick(draw, kinds or ["day"]) == "instant":
        moment = _existing(day, draw(_TIMES), zone)
        if moment.date() == day:  # not in a zone that skipped the whole day
            return moment
    return PartialDate.from_date(day)


def _not_before(
    moment: PartialDate | dt.datetime, earlier: PartialDate | dt.datetime | None
) -> PartialDate | dt.datetime:
    """``moment``, or ``earlier`` when both are instants of one day and ``moment`` comes first.

    The days of the two are in order already; only the time of day can put them out of it.
    """
    if (
        isinstance(moment, dt.datetime)
        and isinstance(earlier, dt.datetime)
        and elapsed(earlier, moment) < dt.timedelta(0)
    ):
        return earlier
    return moment


def _bound_day(bound: PartialDate | dt.datetime, *, last: bool) -> dt.date:
    """The first (or last) day a bound can fall on: an instant's day in its own zone."""
    if isinstance(bound, dt.datetime):
        return bound.date()
    return bound.latest if last else bound.earliest


def _days_between(start: PartialDate | dt.datetime, end: PartialDate | dt.datetime) -> int | None:
    """The ``days`` that give ``end`` from ``start`` in a :class:`TruceTerm`, if some do."""
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        days = (end.date() - start.date()).days
        moved = add_calendar_days(start, days)
        same = elapsed(moved, end) == dt.timedelta(0) and str(moved.tzinfo) == str(end.tzinfo)
        return days if same else None
    if (
        isinstance(start, PartialDate)
        and isinstance(end, PartialDate)
        and start.precision is end.precision is Precision.DAY
        and not (start.uncertain or start.approximate or end.uncertain or end.approximate)
    ):
        return (end.to_date() - start.to_date()).days
    return None


def _basis(draft: _Draft, sentence: str) -> dict[str, Any]:
    """Evidence (the sentence, written into a page), a derivation, or both."""
    basis = _pick(draft.draw, ("evidence", "derivation", "both"))
    return {
        "evidence": () if basis == "derivation" else (draft.write(draft.page(), sentence),),
        "derivation": None if basis == "evidence" else _phrase(draft.draw),
    }


@attrs.frozen
class _Chain:
    """The plan of a truce's terms: the days their bounds fall on, and which bound is which.

    ``spans`` holds, for each term, the index in ``days`` of its start and of its end
    (``None`` for a term until further notice); a term after a lapse starts on a later day
    than the one before it ends.
    """

    days: list[dt.date]
    spans: list[tuple[int, int | None]]
    lapses: list[bool]


def _draw_chain(draft: _Draft) -> _Chain:
    draw, config = draft.draw, draft.config
    room = (config.high - config.low).days
    count = min(1 + draft.count(config.extensions), room)
    if config.lapses:  # every extension after a gap: two days a term
        count = min(count, (room + 1) // 2)
    open_ended = _flag(draw, fixed=config.open_ended)
    lapses = [_flag(draw, fixed=config.lapses) for _ in range(count - 1)]
    # Each term needs a day for its start and, unless it is the open last one, its end; a
    # term after a lapse needs one more. Lapses the range has no room for are left out.
    while count + sum(lapses) - open_ended > room:
        lapses[max(place for place, lapse in enumerate(lapses) if lapse)] = False
    spans: list[tuple[int, int | None]] = []
    index = 0
    for place in range(count):
        if place > 0 and lapses[place - 1]:
            index += 1
        if place == count - 1 and open_ended:
            spans.append((index, None))
        else:
            spans.append((index, index + 1))
            index += 1
    gaps = {spans[place][1] for place in range(count - 1) if lapses[place]}
    points = index + 1
    days = [_day(draw, config.low, config.high - dt.timedelta(days=points - 1))]
    for gap in range(points - 1):
        longest = _LONGEST_LAPSE if gap in gaps else _LONGEST_TERM
        longest = min(longest, (config.high - days[-1]).days - (points - 2 - gap))
        days.append(days[-1] + dt.timedelta(days=draw(_integers(1, longest))))
    return _Chain(days, spans, lapses)


def _draft_announcements(
    draft: _Draft, chain: _Chain, zone: zoneinfo.ZoneInfo
) -> list[PartialDate | dt.datetime | None]:
    """When each term was announced, in order, never going backwards.

    The first term sometimes has no date of announcement; it is otherwise announced up to 30
    days before its start or 7 after. Each extension is announced from the start of the term
    before it (or that term's announcement, if later) up to 7 days after its own start.
    """
    draw, config = draft.draw, draft.config
    announced: list[PartialDate | dt.datetime | None] = []
    for place, (start, _) in enumerate(chain.spans):
        latest = min(config.high, chain.days[start] + dt.timedelta(days=_ANNOUNCED_AFTER))
        if place == 0:
            if not draw(_BOOLEANS):
                announced.append(None)
                continue
            earliest = max(config.low, chain.days[start] - dt.timedelta(days=_ANNOUNCED_BEFORE))
        else:
            before = announced[-1]
            earliest = chain.days[chain.spans[place - 1][0]]
            if before is not None:
                earliest = max(earliest, _bound_day(before, last=True))
            latest = max(earliest, latest)
        day = _day(draw, earliest, latest)
        moment = _moment(draw, config.announcements, day, zone)
        before = None if place == 0 else announced[-1]
        if (
            isinstance(before, dt.datetime)
            and not isinstance(moment, dt.datetime)
            and before.date() == day
        ):  # a day counts from its start, before the instant: an instant on it instead
            moment = _existing(day, draw(_TIMES), zone)
        announced.append(_not_before(moment, before))
    return announced


def _draft_terms(
    draft: _Draft,
    suspended: str,
    chain: _Chain,
    bounds: list[PartialDate | dt.datetime],
    announced: list[PartialDate | dt.datetime | None],
) -> tuple[_Recipe, ...]:
    """The terms, each given by its end, its length in days, or both (when they agree)."""
    draw = draft.draw
    recipes = []
    for place, (first, last) in enumerate(chain.spans):
        start = bounds[first]
        end = None if last is None else bounds[last]
        days = None if end is None else _days_between(start, end)
        form = _pick(draw, ("end", "days", "both") if days is not None else ("end",))
        arguments: dict[str, Any] = {"start": start}
        if form != "days":
            arguments["end"] = end
        if form != "end":
            arguments["days"] = days
        if end is None:
            until = "until further notice"
        elif form == "days":
            until = f"for {days} days"
        else:
            until = f"to {_bound_text(end)}"
        when = announced[place]
        if place == 0:
            sentence = f"The truce on {suspended} runs from {_bound_text(start)} {until}."
        else:
            verb = "renewed" if chain.lapses[place - 1] else "extended"
            said = "" if when is None else f"On {_bound_text(when)}, "
            sentence = f"{said}the truce was {verb} from {_bound_text(start)} {until}."
        arguments["announced_on"] = when
        recipes.append(_Recipe(TruceTerm, {**arguments, **_basis(draft, sentence)}))
    return tuple(recipes)


def _draft_end(
    draft: _Draft,
    suspended: str,
    bounds: tuple[PartialDate | dt.datetime, PartialDate | dt.datetime | None],
    last_announced: PartialDate | dt.datetime | None,
    zone: zoneinfo.ZoneInfo,
) -> _Recipe | None:
    """An early end within the last term, or ``None`` when it leaves no day for one.

    The end is at a day (or an instant) from the last term's start to the day before its
    end, and announced (or, with no announcement, takes effect) no earlier than the last
    term was announced: so the truce as known on any day is itself a valid truce.
    """
    draw, config = draft.draw, draft.config
    start, end = bounds
    first = _bound_day(start, last=True)
    last = (
        min(config.high, first + dt.timedelta(days=_LONGEST_TERM))
        if end is None
        else _bound_day(end, last=False) - dt.timedelta(days=1)
    )
    if last < first:
        return None
    day = _day(draw, first, last)
    at = _moment(draw, config.bounds, day, zone)
    if isinstance(start, dt.datetime) and not isinstance(at, dt.datetime) and day == first:
        at = _existing(day, draw(_TIMES), zone)  # a day would begin before the instant start
    at = _not_before(at, start)
    known = None if last_announced is None else _bound_day(last_announced, last=True)
    announced: PartialDate | dt.datetime | None = None
    if (known is not None and day <= known) or draw(_BOOLEANS):
        low = max(config.low, day - dt.timedelta(days=_ANNOUNCED_BEFORE), known or config.low)
        high = min(config.high, day + dt.timedelta(days=_ANNOUNCED_AFTER))
        told = _day(draw, low, high)
        announced = _moment(draw, config.announcements, told, zone)
        if isinstance(last_announced, dt.datetime) and told == known:
            # On the day of an instant: at or after it, not from the start of the day.
            announced = _not_before(
                announced if isinstance(announced, dt.datetime) else last_announced,
                last_announced,
            )
    reason = _pick(draw, config.reasons)
    said = "" if announced is None else f" (announced on {_bound_text(announced)})"
    sentence = f"The truce on {suspended} ended at {_bound_text(at)}{said}: {reason.value}."
    return _Recipe(
        TruceEnd,
        {"at": at, "reason": reason, "announced_on": announced, **_basis(draft, sentence)},
    )


def _draft_agreements(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    parties = draft.refs("parties")
    if len(parties) < 2:
        return
    for index in range(draft.count(config.agreements)):
        sides = _distinct(draw, parties, draw(_integers(2, min(3, len(parties)))))
        title = _name(draw, _AGREEMENT_TITLES)
        made_on = _draw_partial(
            draw,
            _day_ranges(config.low, config.low, config.high, _ALL_PRECISIONS),
            uncertain=None,
            approximate=None,
        )
        sentence = f"{draft.names_of(sides)} made the {title} on {made_on}."
        draft.add(
            "agreements",
            Agreement,
            title,
            id=draft.ident("agreement", index),
            title=title,
            parties=tuple(sides),
            made_on=made_on,
            **_basis(draft, sentence),
        )


def _draft_truces(draft: _Draft) -> None:
    draw, config = draft.draw, draft.config
    parties = draft.refs("parties")
    agreements = draft.refs("agreements")
    if not parties or config.high <= config.low:
        return
    for index in range(draft.count(config.truces)):
        under = bool(agreements) and draw(_BOOLEANS)
        agreement = _pick(draw, agreements) if under else None
        pool = (
            parties
            if agreement is None
            else list(draft.recipes["agreements"][agreement.index].arguments["parties"])
        )
        sides = _distinct(draw, pool, draw(_integers(1, min(3, len(pool)))))
        suspended = _name(draw, _SUSPENDED)
        sentence = (
            f"{draft.names_of(sides)} suspended {suspended}"
            if len(sides) == 1
            else f"{draft.names_of(sides)} agreed to suspend {suspended}"
        )
        if agreement is not None:
            sentence += f" under the {draft.names[agreement]}"
        chain = _draw_chain(draft)
        zone, bounds = _draw_bounds(draw, config, chain.days)
        announced = _draft_announcements(draft, chain, zone)
        terms = _draft_terms(draft, suspended, chain, bounds, announced)
        first, last = chain.spans[-1]
        ended = None
        if _flag(draw, fixed=config.ended):
            ended = _draft_end(
                draft,
                suspended,
                (bounds[first], None if last is None else bounds[last]),
                announced[-1],
                zone,
            )
        draft.add(
            "truces",
            Truce,
            None,
            id=draft.ident("truce", index),
            parties=tuple(sides),
            suspended=suspended,
            terms=terms,
            agreement=agreement,
            ended=ended,
            **_basis(draft, sentence + "."),
        )


class _Builder:
    """Builds drafted records in order, resolving marks and references."""

    def __init__(self) -> None:
        self.records: dict[str, list[Any]] = {name: [] for name, _ in COLLECTIONS}

    def make(self, value: Any) -> Any:
        if isinstance(value, _Recipe):
            return value.kind(**{name: self.make(item) for name, item in value.arguments.items()})
        if isinstance(value, _Ref):
            return self.records[value.collection][value.index]
        if isinstance(value, _Mark):
            source = self.records["sources"][value.page]
            exact = source.text[value.start : value.end]
            return Evidence(source=source, start=value.start, end=value.end, exact=exact)
        if isinstance(value, tuple):
            return tuple(self.make(item) for item in value)
        return value


def _draft_others(draft: _Draft) -> None:
    """Every kind of record after the sources, in the order they refer to one another."""
    _draft_parties(draft)
    _draft_organizations(draft)
    _draft_people(draft)
    _draft_positions(draft)
    _draft_rounds(draft)
    _draft_meetings(draft)
    _draft_statements(draft)
    _draft_agreements(draft)
    _draft_truces(draft)


def _build(draft: _Draft, fields: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The records drafted so far, with the sources as their pages stand now."""
    builder = _Builder()
    organizations = builder.records["organizations"]
    outlets = draft.recipes["organizations"][: draft.outlets]
    organizations.extend(builder.make(recipe) for recipe in outlets)
    for index, arguments in enumerate(fields):
        text = "".join(draft.pages[index])
        builder.records["sources"].append(
            builder.make(_Recipe(Source, {**arguments, "text": text}))
        )
    for recipe in draft.recipes["organizations"][draft.outlets :]:
        organizations.append(builder.make(recipe))
    for name, _ in COLLECTIONS:
        if name not in {"sources", "organizations"}:
            builder.records[name].extend(builder.make(recipe) for recipe in draft.recipes[name])
    return builder.records


def _finish(draft: _Draft, fields: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The records, with claims about them when the config asks for some.

    A claim is drafted from the records as built (so that it reads each value as the record
    holds it, a term's end given by its days too); its sentence is added at the end of a
    page, which leaves every other offset where it was, and the records are built again.
    """
    count = draft.count(draft.config.claims)
    if count:
        _draft_claims(draft, _build(draft, fields), count)
    return _build(draft, fields)


def _draw_records(draw: st.DrawFn, config: _Config) -> dict[str, list[Any]]:
    """Records of every kind, as the config asks, with the sources they cite."""
    draft = _Draft(draw, config)
    fields = _draft_sources(draft)
    _draft_others(draft)
    return _finish(draft, fields)


# --- claims -------------------------------------------------------------------------------

# Fields a claim is never drafted about: ids, evidence and what stands outside the record.
_UNCLAIMED = frozenset({"id", "code", "evidence", "derivation", "text", "text_file", "identifiers"})


def _inside(item: object) -> bool:
    """A record written inside another (a delegate, a term, an early end), not a reference."""
    return (
        attrs.has(type(item))
        and not isinstance(item, (PartialDate, DateSpan, UnnamedGroup))
        and not isinstance(getattr(item, "id", None), str)
    )


def _facts(record: object, prefix: str = "") -> Iterator[tuple[str, str, object]]:
    """Each path that names one value of a record, with its field's name and the value."""
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
        if field.init and field.eq and field.name not in _UNCLAIMED:
            yield from _fact(getattr(record, field.name), prefix + field.name, field.name)


def _fact(item: object, path: str, name: str) -> Iterator[tuple[str, str, object]]:
    if isinstance(item, tuple):
        for index, part in enumerate(item):
            yield from _fact(part, f"{path}[{index}]", name)
    elif _inside(item):
        yield from _facts(item, path + ".")
    else:
        yield path, name, item


def _some_day(draw: st.DrawFn, config: _Config) -> str:
    return PartialDate.from_date(_day(draw, config.low, config.high)).to_edtf()


# Values for a field the record leaves empty, by the field's name (any value agrees with
# it); None for a day in the range.
_UNSET: dict[str, st.SearchStrategy[str] | None] = {
    "country": st.sampled_from(_COUNTRIES),
    "native_name": _NATIVE_NAME,
    "short_name": st.sampled_from(_SHORT_NAMES),
    "title": _strategy(_PHRASES),
    "city": _strategy(_CITIES),
    "number": _NUMBER.map(str),
    "dates": None,
    "announced_on": None,
}


def _containing(recorded: object) -> PartialDate | None:
    """A date that a claimed date containing it must contain too (the record's, or its day)."""
    if isinstance(recorded, DateSpan):
        ends = [end for end in (recorded.start, recorded.end) if isinstance(end, PartialDate)]
        return ends[0] if ends else None
    if isinstance(recorded, dt.datetime):
        return PartialDate.from_date(recorded.date())  # its day in its own zone
    if isinstance(recorded, dt.date):
        return PartialDate.from_date(recorded)
    return recorded if isinstance(recorded, PartialDate) else None


def _agreeing(draw: st.DrawFn, config: _Config, recorded: object) -> str:
    """The record's own text, or (for a date) a coarser date in the range that contains it."""
    own = as_text(recorded)
    if own is None:  # pragma: no cover - an empty field is drafted from _UNSET
        raise AssertionError("no value to agree with")
    date = _containing(recorded)
    if date is None:
        return own
    periods = [PartialDate(date.year, date.month, date.day)]
    if date.month is not None:
        periods.append(PartialDate(date.year, date.month))
    periods.append(PartialDate(date.year))
    options = [own] + [
        text
        for text in dict.fromkeys(period.to_edtf() for period in periods)
        if text != own
        and config.low <= PartialDate.from_edtf(text).earliest
        and PartialDate.from_edtf(text).latest <= config.high
    ]
    return _pick(draw, options)


def _outside(draw: st.DrawFn, config: _Config, first: dt.date | None, last: dt.date | None) -> str:
    """A day before ``first`` or after ``last``, in the range when it has room there.

    A side that is ``None`` (an unknown end of a span) has no day beyond it.
    """
    one = dt.timedelta(days=1)
    inside: list[tuple[dt.date, dt.date]] = []
    beyond: list[tuple[dt.date, dt.date]] = []
    if last is not None and last < dt.date(9999, 12, 31):
        side = (last + one, config.high)
        (inside if side[0] <= side[1] else beyond).append(
            side if side[0] <= side[1] else (side[0], side[0])
        )
    if first is not None and first > dt.date(1, 1, 1):
        side = (config.low, first - one)
        (inside if side[0] <= side[1] else beyond).append(
            side if side[0] <= side[1] else (side[1], side[1])
        )
    low, high = _pick(draw, inside or beyond)
    return _day(draw, low, high).isoformat()


def _disagreeing_date(
    draw: st.DrawFn, config: _Config, recorded: dt.date | PartialDate | DateSpan
) -> str:
    """Another day (no day of the record's), or another instant for an instant."""
    if isinstance(recorded, dt.datetime):
        if draw(_BOOLEANS):  # another instant, minutes to days later
            later = recorded.astimezone(dt.UTC) + dt.timedelta(minutes=draw(_integers(1, 4320)))
            return format_instant(later.astimezone(recorded.tzinfo))
        return _outside(draw, config, recorded.date(), recorded.date())
    if isinstance(recorded, dt.date):
        return _outside(draw, config, recorded, recorded)
    return _outside(draw, config, recorded.earliest, recorded.latest)


def _disagreeing(
    draw: st.DrawFn, config: _Config, ids: Mapping[type, list[str]], recorded: object
) -> str:
    """A value the claim rules of :class:`~tradetalks.Claim` find at odds with the record's."""
    if isinstance(recorded, (dt.date, PartialDate, DateSpan)):
        return _disagreeing_date(draw, config, recorded)
    if isinstance(recorded, enum.Enum):
        members = cast("list[enum.Enum]", list(type(recorded)))
        others = [member for member in members if member is not recorded]
        if others:
            return str(_pick(draw, others).value)
    if isinstance(recorded, bool):
        return as_text(not recorded) or ""
    if isinstance(recorded, int):
        return str(recorded + draw(_integers(1, 5)))
    ident = getattr(recorded, "id", None)
    if isinstance(ident, str):
        names = [other for other in ids.get(type(recorded), []) if other != ident]
        return _pick(draw, names) if names else f"not-{ident}"
    own = as_text(recorded)
    other = _phrase(draw)
    return other if other != own else f"not {own}"


def _draft_claims(draft: _Draft, records: Mapping[str, list[Any]], count: int) -> None:
    """Claims about the records built so far, agreeing with them or not, as the config asks.

    Each names one value of one record, and claims a value that agrees with it (its own
    text, a coarser date) or not (another day, another text).
    """
    draw, config = draft.draw, draft.config
    ids: dict[type, list[str]] = {}
    for name, _ in COLLECTIONS:
        for record in records[name]:
            ids.setdefault(type(record), []).append(record.id)
    about = [_Ref(name, index) for name in config.claimed for index in range(len(records[name]))]
    if not about:  # pragma: no cover - every kind asked for is drafted
        return
    for index in range(count):
        ref = _pick(draw, about)
        record = records[ref.collection][ref.index]
        facts = [
            (path, name, value)
            for path, name, value in _facts(record)
            if (value is not None and config.agreeing is not True)
            or (config.agreeing is not False and (value is not None or name in _UNSET))
        ]
        path, name, recorded = _pick(draw, facts)
        if recorded is None:
            unset = _UNSET[name]
            value = _some_day(draw, config) if unset is None else draw(unset)
        elif _flag(draw, fixed=None if config.agreeing is None else not config.agreeing):
            value = _disagreeing(draw, config, ids, recorded)
        else:
            value = _agreeing(draw, config, recorded)
        voice = draft.voices((1, 1))[0]
        sentence = f"{draft.name_of(voice)} said that the {path} of {record.id} was {value}."
        draft.add(
            "claims",
            Claim,
            None,
            id=draft.ident("claim", index),
            claimed_by=voice,
            about=ref,
            field=path,
            value=value,
            evidence=(draft.write(draft.page(), sentence),),
        )


# --- two datasets that share records -----------------------------------------------------

# The collections whose records a second dataset may hold too, in the order they refer to
# one another. Statements are shared only when their date words (if any) need no dateline.
_SHARED = (
    "parties",
    "organizations",
    "people",
    "positions",
    "rounds",
    "meetings",
    "statements",
    "agreements",
    "truces",
)


def _shareable(recipe: _Recipe) -> bool:
    said_on = recipe.arguments.get("said_on")
    return said_on is None or said_on.rule is ResolutionRule.CONTEXT


def _refs_in(value: Any) -> Iterator[_Ref]:
    if isinstance(value, _Ref):
        yield value
    elif isinstance(value, _Recipe):
        for item in value.arguments.values():
            yield from _refs_in(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _refs_in(item)


def _chosen_to_share(first: _Draft) -> set[_Ref]:
    """Some of the first draft's records, with every record they refer to."""
    draw = first.draw
    chosen: set[_Ref] = set()
    pending: list[_Ref] = []
    for name in _SHARED:
        refs = [ref for ref in first.refs(name) if _shareable(first.recipes[name][ref.index])]
        flags = _flags(draw, len(refs)) if refs else ()
        pending += [ref for ref, flag in zip(refs, flags, strict=True) if flag]
    while pending:
        ref = pending.pop()
        if ref not in chosen:
            chosen.add(ref)
            pending += _refs_in(first.recipes[ref.collection][ref.index])
    return chosen


class _Copier:
    """Copies the first draft's recipes into the second.

    A reference becomes one to the copy of its record; each piece of evidence becomes the
    same sentence, written into one of the second draft's pages.
    """

    def __init__(self, first: _Draft, second: _Draft) -> None:
        self.second = second
        self.texts = ["".join(page) for page in first.pages]
        self.refs: dict[_Ref, _Ref] = {}

    def copy(self, value: Any) -> Any:
        if isinstance(value, _Ref):
            return self.refs[value]
        if isinstance(value, _Mark):
            sentence = self.texts[value.page][value.start : value.end]
            return self.second.write(self.second.page(), sentence)
        if isinstance(value, _Recipe):
            return _Recipe(
                value.kind, {name: self.copy(item) for name, item in value.arguments.items()}
            )
        if isinstance(value, tuple):
            return tuple(self.copy(item) for item in value)
        return value


def _finer_dates(draw: st.DrawFn, span: DateSpan) -> DateSpan:
    """The span with each end that is a month given as a day within it (in order)."""
    start, end = span.start, span.end
    last = end.latest if isinstance(end, PartialDate) else None
    if isinstance(start, PartialDate) and start.precision is Precision.MONTH:
        day = _day(draw, start.earliest, min(start.latest, last or start.latest))
        start = PartialDate(
            day.year, day.month, day.day, uncertain=start.uncertain, approximate=start.approximate
        )
    if isinstance(end, PartialDate) and end.precision is Precision.MONTH:
        first = start.earliest if isinstance(start, PartialDate) else end.earliest
        day = _day(draw, max(first, end.earliest), end.latest)
        end = PartialDate(
            day.year, day.month, day.day, uncertain=end.uncertain, approximate=end.approximate
        )
    return DateSpan(start, end)


def _some_delegates(draw: st.DrawFn, delegates: tuple[_Recipe, ...]) -> tuple[_Recipe, ...]:
    """All or some of the delegates, in the same order or another (a merge joins by person)."""
    kept = list(delegates)
    if draw(_BOOLEANS):
        dropped = _flags(draw, len(kept))
        kept = [delegate for delegate, drop in zip(kept, dropped, strict=True) if not drop]
    return tuple(_distinct(draw, kept, len(kept)))


def _refine(second: _Draft, recipe: _Recipe, copier: _Copier) -> _Recipe:
    """A copy of a shared record in the second draft, sometimes knowing more than the first.

    A round's month is given as days within it; a missing country, city, meeting date or
    native name is given; some delegates are left out, and those left listed in another
    order. No value differs otherwise.
    """
    draw, config = second.draw, second.config
    arguments = {
        name: copier.copy(item) for name, item in recipe.arguments.items() if name != "evidence"
    }
    evidence = copier.copy(recipe.arguments.get("evidence", ()))
    if arguments.get("delegates"):
        arguments["delegates"] = _some_delegates(draw, arguments["delegates"])
    refine = draw(_BOOLEANS)
    if recipe.kind is Round and refine:
        dates = _finer_dates(draw, arguments["dates"])
        if dates != arguments["dates"]:
            arguments["dates"] = dates
            ordinal = "" if arguments["number"] is None else f" {arguments['number']}"
            sentence = (
                f"Round{ordinal} of the {arguments['track']} was held in {arguments['city']} "
                f"({dates})."
            )
            evidence = (second.write(second.page(), sentence),)
    elif recipe.kind in (Organization, Meeting) and refine and arguments.get("country") is None:
        arguments["country"] = _country(draw)
    elif recipe.kind is Person and refine and arguments["native_name"] is None:
        arguments["native_name"] = draw(_NATIVE_NAME)
    if recipe.kind is Meeting and draw(_BOOLEANS):
        if arguments["city"] is None:
            arguments["city"] = _name(draw, _CITIES)
        if arguments["dates"] is None:
            arguments["dates"] = _draw_span(draw, config.low, config.high, ends=config.round_ends)
    if "evidence" in recipe.arguments:
        arguments["evidence"] = evidence
    return _Recipe(recipe.kind, arguments)


def _draft_shared(first: _Draft, second: _Draft) -> None:
    """Copy some of the first draft's records (with those they refer to) into the second."""
    chosen = _chosen_to_share(first)
    copier = _Copier(first, second)
    for name in _SHARED:
        for ref in first.refs(name):
            if ref in chosen:
                recipe = _refine(second, first.recipes[name][ref.index], copier)
                copy = second.add(name, recipe.kind, first.names.get(ref), **recipe.arguments)
                copier.refs[ref] = copy


@st.composite
def _dataset_pairs(draw: st.DrawFn, config: _Config, other: _Config) -> tuple[Dataset, Dataset]:
    first = _Draft(draw, config)
    fields = _draft_sources(first)
    _draft_others(first)
    one = Dataset(**_finish(first, fields))
    # The second dataset's own parties have codes the first does not use: a party is its code.
    used = {recipe.arguments["code"] for recipe in first.recipes["parties"]}
    pool = config.given_parties or tuple((code, None) for code in _PARTY_NAMES)
    rest = tuple((code, name) for code, name in pool if code not in used)
    other = attrs.evolve(
        other, given_parties=rest or None, parties=other.parties if rest else (0, 0)
    )
    second = _Draft(draw, other)
    fields = _draft_sources(second)
    _draft_shared(first, second)
    _draft_others(second)
    return one, Dataset(**_finish(second, fields))


@st.composite
def _records(draw: st.DrawFn, config: _Config, collection: str) -> Any:
    """The last record of a collection (the one asked for; those before it are its context).

    It is drawn by a composite rather than mapped from the records, so that Hypothesis
    shows a failing example as the record itself.
    """
    return _draw_records(draw, config)[collection][-1]


@st.composite
def _datasets(draw: st.DrawFn, config: _Config) -> Dataset:
    return Dataset(**_draw_records(draw, config))


@st.composite
def _ends(draw: st.DrawFn, config: _Config) -> TruceEnd:
    """The early end of a truce drafted with ``ended=True`` (days or instants leave a day)."""
    truce: Truce = _draw_records(draw, config)["truces"][-1]
    if truce.ended is None:  # pragma: no cover - the last term always leaves a day for it
        raise AssertionError(f"truce {truce.id!r} has no early end")
    return truce.ended


# --- public strategies --------------------------------------------------------------------


def partial_dates(
    *,
    min_value: dt.date = dt.date.min,
    max_value: dt.date = dt.date.max,
    precisions: Iterable[Precision] | None = None,
    uncertain: bool | None = None,
    approximate: bool | None = None,
) -> st.SearchStrategy[PartialDate]:
    """Partial dates whose every day lies from ``min_value`` to ``max_value``.

    Args:
        min_value: the earliest day a generated date may mean, a :class:`datetime.date`.
        max_value: the latest day it may mean; a month-precision date is generated only
            when its whole month lies in the range, a year only when its whole year does.
        precisions: the :class:`~tradetalks.Precision` s to generate (all by default,
            shrinking toward the first given).
        uncertain: ``True`` or ``False`` to fix the EDTF ``?`` flag, ``None`` to draw it.
        approximate: ``True`` or ``False`` to fix the EDTF ``~`` flag, ``None`` to draw it.

    Returns:
        A strategy of :class:`~tradetalks.PartialDate`, shrinking toward the year 2000 (or
        the nearest date to it in the range) at the first precision.

    Raises:
        hypothesis.errors.InvalidArgument: for a range that ends before it starts, or that holds no whole
            month or year of the precisions asked for.

    >>> from datetime import date
    >>> from hypothesis import find, given
    >>> from tradetalks import Precision
    >>> from tradetalks.strategies import partial_dates
    >>> find(partial_dates(precisions=[Precision.MONTH]), lambda day: True)
    PartialDate('2000-01')
    >>> in_2025 = partial_dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31))
    >>> @given(in_2025)
    ... def test_within_2025(day):
    ...     assert day.earliest.year == day.latest.year == 2025
    >>> test_within_2025()
    """
    _check_dates(min_value, max_value)
    chosen = _check_members("precisions", precisions, Precision) or _ALL_PRECISIONS
    ranges = _day_ranges(min_value, min_value, max_value, chosen)
    if not ranges:
        raise InvalidArgument(
            f"no date of precision {', '.join(p.name for p in chosen)} lies wholly from "
            f"{min_value} to {max_value}"
        )

    @st.composite
    def build(draw: st.DrawFn) -> PartialDate:
        return _draw_partial(draw, ranges, uncertain=uncertain, approximate=approximate)

    return build()


def date_spans(  # noqa: PLR0913 - one keyword per thing a test may want to narrow
    *,
    min_value: dt.date = dt.date.min,
    max_value: dt.date = dt.date.max,
    precisions: Iterable[Precision] | None = None,
    uncertain: bool | None = None,
    approximate: bool | None = None,
    ends: Iterable[SpanEnd] | None = None,
) -> st.SearchStrategy[DateSpan]:
    """Date spans whose dates lie from ``min_value`` to ``max_value``; one end may be open.

    Args:
        min_value: the earliest day, a :class:`datetime.date`.
        max_value: the latest day.
        precisions: the :class:`~tradetalks.Precision` s of the two ends (all by default).
        uncertain: fix the EDTF ``?`` flag of both ends, or ``None`` to draw it for each.
        approximate: fix the EDTF ``~`` flag of both ends, or ``None`` to draw it for each.
        ends: the :class:`~tradetalks.SpanEnd` s one end may be instead of a date (open,
            ``..``, or unknown, empty); both by default, ``[]`` for spans with a date at
            each end. The other end is always a date.

    Returns:
        A strategy of :class:`~tradetalks.DateSpan`, never ending before it starts,
        shrinking toward a single date (``2000``).

    Raises:
        hypothesis.errors.InvalidArgument: as :func:`partial_dates`, or for ``ends`` that
            are not :class:`~tradetalks.SpanEnd` members.

    >>> from datetime import date
    >>> from hypothesis import given
    >>> from tradetalks import DateSpan
    >>> from tradetalks.strategies import date_spans
    >>> @given(date_spans(min_value=date(2025, 5, 1), max_value=date(2025, 7, 31)))
    ... def test_edtf_round_trip(span):
    ...     assert DateSpan.from_edtf(str(span)) == span
    ...     days = [day for day in (span.earliest, span.latest) if day is not None]
    ...     assert all(date(2025, 5, 1) <= day <= date(2025, 7, 31) for day in days)
    >>> test_edtf_round_trip()
    >>> @given(date_spans(ends=[]))
    ... def test_closed(span):
    ...     assert span.earliest <= span.latest
    >>> test_closed()
    """
    _check_dates(min_value, max_value)
    chosen = _check_members("precisions", precisions, Precision) or _ALL_PRECISIONS
    if not _day_ranges(min_value, min_value, max_value, chosen):
        raise InvalidArgument(
            f"no date of the precisions asked for lies from {min_value} to {max_value}"
        )
    others = _SPAN_ENDS if ends is None else _check_span_ends(ends)

    @st.composite
    def build(draw: st.DrawFn) -> DateSpan:
        return _draw_span(
            draw,
            min_value,
            max_value,
            chosen,
            others,
            uncertain=uncertain,
            approximate=approximate,
        )

    return build()


def instants(
    *,
    min_value: dt.date = _INSTANTS_FROM,
    max_value: dt.date = _INSTANTS_TO,
    zones: Iterable[str] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in an IANA zone, as the record keeps instants.

    Each is a wall time that exists in its zone (never one skipped by a daylight-saving
    change; both sides of a repeated hour occur), so it survives
    :func:`~tradetalks.format_instant` and :func:`~tradetalks.parse_instant`.

    Args:
        min_value: the earliest local date, from 1973-01-01 (the first year in which
            every zone's offset is a whole number of minutes, as RFC 9557 text writes it).
        max_value: the latest local date, up to 9998-12-31.
        zones: IANA zone keys to draw from (shrinking toward the first); by default a
            dozen zones with offsets in hours, half and quarter hours, daylight saving
            time north and south, or none.

    Returns:
        A strategy of :class:`datetime.datetime` whose ``tzinfo`` is a
        :class:`zoneinfo.ZoneInfo`, shrinking toward 2000-01-01 00:00 UTC.

    Raises:
        hypothesis.errors.InvalidArgument: for a range outside 1973 to 9998, or an unknown zone.

    >>> from hypothesis import given
    >>> from tradetalks import format_instant, parse_instant
    >>> from tradetalks.strategies import instants
    >>> @given(instants(zones=["America/New_York", "Asia/Shanghai"]))
    ... def test_rfc_9557_round_trip(moment):
    ...     assert parse_instant(format_instant(moment)) == moment
    >>> test_rfc_9557_round_trip()
    """
    _check_dates(min_value, max_value)
    if min_value < _INSTANTS_FROM or max_value > _INSTANTS_TO:
        raise InvalidArgument(f"instants are generated from {_INSTANTS_FROM} to {_INSTANTS_TO}")
    keys = _check_zones(zones)

    @st.composite
    def build(draw: st.DrawFn) -> dt.datetime:
        zone = zoneinfo.ZoneInfo(_pick(draw, keys))
        day, time = _day(draw, min_value, max_value), draw(st.times())
        return _existing(day, time, zone, fold=draw(_integers(0, 1)))

    return build()


def resolved_dates(
    dateline: dt.date | None = None,
    *,
    min_value: dt.date = _RECORDS_FROM,
    max_value: dt.date = _RECORDS_TO,
) -> st.SearchStrategy[ResolvedDate]:
    """Resolved dates whose words resolve, against ``dateline``, to their value.

    Every :class:`~tradetalks.ResolutionRule` occurs: "today", "yesterday", "tomorrow",
    a weekday ("on Tue."), a month and day ("the 12th of August"), a month ("in May"), a
    stated date ("Monday, July 28, 2025", "2025-07-28", "May 2025"), and a date taken from
    context (no words, marked uncertain). Words and value are worked out here with calendar
    arithmetic, so ``resolve_date(words, dateline, tense)`` can be checked against them.

    Args:
        dateline: the day the words are read against (the source's publication day); by
            default drawn from the range.
        min_value: the earliest day a value may mean.
        max_value: the latest day a value may mean.

    Returns:
        A strategy of :class:`~tradetalks.ResolvedDate`, shrinking toward "today".

    Raises:
        hypothesis.errors.InvalidArgument: for a range that ends before it starts, or a dateline outside it.

    >>> from datetime import date
    >>> from hypothesis import given
    >>> from tradetalks import resolve_date
    >>> from tradetalks.strategies import resolved_dates
    >>> wednesday = date(2025, 7, 30)
    >>> @given(resolved_dates(wednesday))
    ... def test_words_resolve(said_on):
    ...     if said_on.words is not None:
    ...         assert resolve_date(said_on.words, wednesday, said_on.tense) == said_on
    >>> test_words_resolve()
    """
    _check_dates(min_value, max_value)
    if dateline is not None and not min_value <= _check_date("dateline", dateline) <= max_value:
        raise InvalidArgument(f"the dateline {dateline} is outside {min_value} to {max_value}")

    @st.composite
    def build(draw: st.DrawFn) -> ResolvedDate:
        day = dateline if dateline is not None else _day(draw, min_value, max_value)
        return _draw_resolved(draw, _Window(day, min_value, max_value))

    return build()


def parties(*, codes: Iterable[str] | Mapping[str, str] | None = None) -> st.SearchStrategy[Party]:
    """Parties, each named in a source of its own.

    Args:
        codes: the codes to draw from (a mapping from code to display name gives the
            names too); by default a dozen codes of countries and blocs (``"CN"``,
            ``"US"``, ``"EU"``, ...), with their names or any other.

    Returns:
        A strategy of :class:`~tradetalks.Party`, shrinking toward the first code.

    Raises:
        hypothesis.errors.InvalidArgument: for a code that is not a party code.

    >>> from hypothesis import find
    >>> from tradetalks.strategies import parties
    >>> party = find(parties(codes={"CN": "China", "US": "United States"}), lambda p: True)
    >>> party  # doctest: +NORMALIZE_WHITESPACE
    Party(code='CN', name='China',
          evidence=(Evidence(source='source-0', start=7, end=31,
                             exact='China sent a delegation.'),))
    """
    pool = _check_parties(codes)
    return _records(_Config(given_parties=pool, parties=(1, 1)), "parties")


def organizations(
    *, kinds: Iterable[OrganizationKind] | None = None
) -> st.SearchStrategy[Organization]:
    """Organizations, some part of a parent organization, some named in a source.

    Args:
        kinds: the :class:`~tradetalks.OrganizationKind` s to draw from (all by default).

    Returns:
        A strategy of :class:`~tradetalks.Organization`, shrinking toward one with no
        parent and no evidence.

    Raises:
        hypothesis.errors.InvalidArgument: for kinds that are not OrganizationKind values.

    >>> from hypothesis import given
    >>> from tradetalks import OrganizationKind
    >>> from tradetalks.strategies import organizations
    >>> @given(organizations(kinds=[OrganizationKind.MINISTRY]))
    ... def test_ancestry_starts_with_itself(organization):
    ...     assert organization.kind is OrganizationKind.MINISTRY
    ...     assert organization.ancestry()[0] is organization
    >>> test_ancestry_starts_with_itself()
    """
    chosen = _check_members("kinds", kinds, OrganizationKind) or tuple(OrganizationKind)
    config = _Config(organizations=(1, 3), kinds=chosen)
    return _records(config, "organizations")


def people(*, names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Person]:
    """People, each named in a source, some with a native name and external identifiers.

    Args:
        names: a strategy for their names (non-empty, without white space at either
            end); by default ordinary names or any phrase.

    Returns:
        A strategy of :class:`~tradetalks.Person`.

    >>> from hypothesis import given, strategies as st
    >>> from tradetalks.strategies import people
    >>> @given(people(names=st.sampled_from(["Li Wei", "Ana Silva"])))
    ... def test_named_in_evidence(person):
    ...     assert person.name in person.evidence[0].exact
    >>> test_named_in_evidence()
    """
    config = _Config(people=(1, 1), names=names)
    return _records(config, "people")


def positions(
    *, min_date: dt.date = _RECORDS_FROM, max_date: dt.date = _RECORDS_TO
) -> st.SearchStrategy[Position]:
    """Positions: a person's title, at an organization, for a party, over some dates.

    Args:
        min_date: the earliest day of the validity dates, when there are some.
        max_date: the latest day.

    Returns:
        A strategy of :class:`~tradetalks.Position`; a dated one's start or end is sometimes
        open (``2025-03/..``, "until further notice") or unknown.

    Raises:
        hypothesis.errors.InvalidArgument: for a range that ends before it starts.

    >>> from hypothesis import given
    >>> from tradetalks.strategies import positions
    >>> @given(positions())
    ... def test_title_in_evidence(position):
    ...     assert position.title in position.evidence[0].exact
    >>> test_title_in_evidence()
    """
    _check_dates(min_date, max_date, "min_date, max_date")
    config = _Config(
        low=min_date,
        high=max_date,
        people=(1, 1),
        positions=(1, 1),
        parties=(0, 1),
        organizations=(0, 1),
    )
    return _records(config, "positions")


def sources(
    *,
    min_published: dt.date = _RECORDS_FROM,
    max_published: dt.date = _RECORDS_TO,
    text_files: bool = False,
) -> st.SearchStrategy[Source]:
    """Sources of a few sentences, with their outlet.

    The text is made of words of any script (never white space other than the single
    space and newline between words and sentences).

    Args:
        min_published: the earliest publication day.
        max_published: the latest publication day.
        text_files: whether the source keeps its text in a file beside the dataset
            (``text_file`` set to ``"<id>.txt"``) rather than inline.

    Returns:
        A strategy of :class:`~tradetalks.Source`, shrinking toward a one-sentence text.

    Raises:
        hypothesis.errors.InvalidArgument: for a range that ends before it starts.

    >>> from hypothesis import given
    >>> from tradetalks.strategies import evidence, sources
    >>> @given(sources().flatmap(evidence))
    ... def test_evidence_matches(piece):
    ...     assert piece.source.text[piece.start:piece.end] == piece.exact
    >>> test_evidence_matches()
    """
    _check_dates(min_published, max_published, "min_published, max_published")
    config = _Config(low=min_published, high=max_published, filler=(0, 3), text_files=text_files)
    return _records(config, "sources")


def evidence(
    source: Source, *, min_size: int = 1, max_size: int | None = None
) -> st.SearchStrategy[Evidence]:
    """Evidence within a given source: any span of its text and the characters at it.

    Args:
        source: the :class:`~tradetalks.Source`.
        min_size: the fewest characters, 1 or more.
        max_size: the most characters; by default the whole text.

    Returns:
        A strategy of :class:`~tradetalks.Evidence`, shrinking toward the first character.

    Raises:
        hypothesis.errors.InvalidArgument: for sizes the text cannot give.

    >>> from hypothesis import find
    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.strategies import evidence
    >>> article = stockholm_2025().sources[0]
    >>> find(evidence(article, min_size=7), lambda piece: True).exact
    'Chinese'
    """
    if not isinstance(source, Source):
        raise InvalidArgument(f"evidence() needs a Source, not {type(source).__name__}")
    length = len(source.text)
    largest = length if max_size is None else max_size
    _check_count("sizes", min_size, largest)
    if min_size < 1 or min_size > length:
        raise InvalidArgument(f"min_size={min_size} does not fit a text of {length} characters")

    @st.composite
    def build(draw: st.DrawFn) -> Evidence:
        start = draw(_integers(0, length - min_size))
        end = start + draw(_integers(min_size, min(largest, length - start)))
        return Evidence(source=source, start=start, end=end, exact=source.text[start:end])

    return build()


def rounds(
    *,
    min_delegates: int = 0,
    max_delegates: int = 3,
    parties: Iterable[str] | Mapping[str, str] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
) -> st.SearchStrategy[Round]:
    """Rounds of talks with their delegates, each delegate for one of the parties.

    Args:
        min_delegates: the fewest delegates.
        max_delegates: the most delegates.
        parties: the party codes delegates represent (a mapping gives names too); by
            default one or two drawn from a dozen.
        min_date: the earliest day of the round's dates.
        max_date: the latest day.

    Returns:
        A strategy of :class:`~tradetalks.Round`, shrinking toward one without delegates;
        its dates' start or end is sometimes unknown (``2025-07-28/``), never open.

    Raises:
        hypothesis.errors.InvalidArgument: for bad counts, codes or dates.

    >>> from hypothesis import given
    >>> from tradetalks.strategies import rounds
    >>> @given(rounds(min_delegates=1, parties=["CN", "US"]))
    ... def test_delegations(talks):
    ...     assert {d.party.code for d in talks.delegates} <= {"CN", "US"}
    ...     assert sum(len(talks.delegation(code)) for code in ("CN", "US")) == len(talks.delegates)
    >>> test_delegations()
    """
    counts = _check_count("delegates", min_delegates, max_delegates)
    _check_dates(min_date, max_date, "min_date, max_date")
    config = _Config(
        low=min_date,
        high=max_date,
        given_parties=_check_parties(parties),
        parties=(1, 2),
        people=(min_delegates, max_delegates),
        rounds=(1, 1),
        delegates=counts,
    )
    return _records(config, "rounds")


def meetings(
    *,
    kinds: Iterable[MeetingKind] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
) -> st.SearchStrategy[Meeting]:
    """Meetings other than rounds: people, organizations or unnamed groups meeting.

    A meeting sometimes has delegates, as a round has: people who took part for a party
    (each person once), with their role and title then.

    Args:
        kinds: the :class:`~tradetalks.MeetingKind` s to draw from (all by default,
            ``SUMMIT`` among them).
        min_date: the earliest day of the meeting's dates, when it has some.
        max_date: the latest day.

    Returns:
        A strategy of :class:`~tradetalks.Meeting`; its dates' start or end is sometimes
        unknown (``2025-07-28/``), never open; shrinking toward one without delegates.

    Raises:
        hypothesis.errors.InvalidArgument: for bad kinds or dates.

    >>> from hypothesis import given
    >>> from tradetalks import MeetingKind
    >>> from tradetalks.strategies import meetings
    >>> @given(meetings(kinds=[MeetingKind.PHONE_CALL]))
    ... def test_calls(call):
    ...     assert call.kind is MeetingKind.PHONE_CALL and call.participants
    >>> test_calls()
    """
    chosen = _check_members("kinds", kinds, MeetingKind) or tuple(MeetingKind)
    _check_dates(min_date, max_date, "min_date, max_date")
    config = _Config(
        low=min_date,
        high=max_date,
        parties=(0, 2),
        people=(0, 3),
        organizations=(0, 1),
        meetings=(1, 1),
        meeting_kinds=chosen,
    )
    return _records(config, "meetings")


def statements(
    *,
    modes: Iterable[Mode] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
) -> st.SearchStrategy[Statement]:
    """Statements, each with the sentence that reports it as its evidence.

    A ``DIRECT`` statement's text stands between quotation marks in its evidence (straight
    or curly, before or after the attribution); a ``MIXED`` one holds a quoted fragment;
    the audience, speakers' names, date words and reporting outlets stand in the sentence
    too. A statement's ``said_on`` words resolve, against its source's publication day, to
    the date recorded.

    Args:
        modes: the :class:`~tradetalks.Mode` s to draw from (all by default).
        min_date: the earliest day of the source's publication and of ``said_on``.
        max_date: the latest day.

    Returns:
        A strategy of :class:`~tradetalks.Statement`, shrinking toward a direct quotation
        of one word by the source's outlet: ``"talks," The Daily Ledger said.``

    Raises:
        hypothesis.errors.InvalidArgument: for bad modes or dates.

    >>> from hypothesis import given
    >>> from tradetalks import Mode, resolve_date
    >>> from tradetalks.strategies import statements
    >>> @given(statements(modes=[Mode.DIRECT]))
    ... def test_quoted(said):
    ...     passage = said.evidence[0].exact
    ...     assert said.text in passage
    ...     if said.said_on is not None and said.said_on.words is not None:
    ...         dateline = said.evidence[0].source.published_on
    ...         assert resolve_date(said.said_on.words, dateline, said.said_on.tense) == said.said_on
    >>> test_quoted()
    """
    chosen = _check_members("modes", modes, Mode) or tuple(Mode)
    _check_dates(min_date, max_date, "min_date, max_date")
    config = _Config(
        low=min_date,
        high=max_date,
        people=(0, 2),
        organizations=(0, 1),
        statements=(1, 1),
        modes=chosen,
    )
    return _records(config, "statements")


def _check_forms(
    name: str, values: Iterable[str] | None, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    forms = allowed if values is None else () if isinstance(values, str) else tuple(values)
    if not forms or not set(forms) <= set(allowed):
        choices = ", ".join(repr(form) for form in allowed)
        raise InvalidArgument(f"{name} are {choices}, not {values!r}")
    return forms


def _check_flag(name: str, value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True, False or None, not {value!r}")
    return value


def agreements(
    *,
    parties: Iterable[str] | Mapping[str, str] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
) -> st.SearchStrategy[Agreement]:
    """Agreements between two or three different parties, made on a day, a month or a year.

    Args:
        parties: the party codes to draw the sides from (two or more; a mapping gives
            names too); by default drawn from a dozen.
        min_date: the earliest day ``made_on`` may mean.
        max_date: the latest day.

    Returns:
        A strategy of :class:`~tradetalks.Agreement`, stated in a sentence of its source,
        or derived from a document it names, or both; shrinking toward a "Joint Statement"
        of two parties made on a day near 2000-01-01.

    Raises:
        hypothesis.errors.InvalidArgument: for bad codes, fewer than two of them, or a
            range that ends before it starts.

    >>> from hypothesis import given
    >>> from tradetalks.strategies import agreements
    >>> @given(agreements(parties=["CN", "US", "EU"]))
    ... def test_made_between_different_parties(agreement):
    ...     codes = [party.code for party in agreement.parties]
    ...     assert 2 <= len(set(codes)) == len(codes) and set(codes) <= {"CN", "US", "EU"}
    >>> test_made_between_different_parties()
    """
    _check_dates(min_date, max_date, "min_date, max_date")
    pool = _check_parties(parties)
    if pool is not None and len(pool) < 2:
        raise InvalidArgument("an agreement needs two or more parties to draw from")
    config = _Config(
        low=min_date, high=max_date, given_parties=pool, parties=(2, 3), agreements=(1, 1)
    )
    return _records(config, "agreements")


def truces(  # noqa: PLR0913 - one keyword per thing a test may want to narrow
    *,
    min_extensions: int = 0,
    max_extensions: int = 2,
    parties: Iterable[str] | Mapping[str, str] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
    bounds: Iterable[str] | None = None,
    zones: Iterable[str] | None = None,
    announcements: Iterable[str] | None = None,
    lapses: bool | None = None,
    open_ended: bool | None = None,
    ended: bool | None = None,
) -> st.SearchStrategy[Truce]:
    """Truces by one party or agreed between two or three, with a chain of terms.

    A truce is sometimes made under an :class:`~tradetalks.Agreement` whose parties
    include its own. The first term is the original truce; each extension starts where the
    term before it ends or, after a lapse, up to 60 days later. A term's start and end are
    each a day, a month, or an instant in an IANA zone (the same zone and wall time for one
    truce, as a deadline of "12:01 a.m. in Washington" is); a term is given by its end, its
    length in ``days``, or both, and lasts 1 to 400 calendar days; the last term sometimes
    runs until further notice (``end=None``).

    Announcements never go backwards: the first term's is sometimes not dated, else up
    to 30 days before its start or 7 after; each extension's is from the start of the term
    before it (or that term's announcement, if later) up to 7 days after its own start. An
    announcement is a day or an instant (in the truce's zone).

    A truce sometimes ends early (:class:`~tradetalks.TruceEnd`, for any
    :class:`~tradetalks.EndReason`) at a day or an instant from the last term's start to the
    day before its end, announced on a day or at an instant or not at all (then known from
    the moment it takes effect), never before the last term was announced. So leaving out
    whatever was announced after a day gives the truce as known on that day, itself valid.

    Each record states its facts in a sentence of its source, or names a derivation, or
    both.

    Args:
        min_extensions: the fewest extensions.
        max_extensions: the most extensions.
        parties: the party codes to draw the sides from (a mapping gives names too); by
            default drawn from a dozen.
        min_date: the earliest day of any term, announcement or end.
        max_date: the latest day.
        bounds: the forms of a term's start and end, from ``"day"``, ``"instant"`` and
            ``"month"`` (all by default; shrinking toward the first); an early end is at
            a day or an instant of these forms (a day when only months are asked for).
        zones: IANA zone keys for instants, as :func:`instants` takes them.
        announcements: the forms of announcements, from ``"day"`` and ``"instant"``
            (both by default).
        lapses: ``True`` for a lapse before every extension (when the range has room),
            ``False`` for none, ``None`` to draw for each.
        open_ended: ``True`` or ``False`` to fix whether the last term runs until
            further notice, ``None`` to draw it.
        ended: ``True`` or ``False`` to fix whether the truce ends early (``True``: when
            the last term leaves a day for it, always with ``bounds`` of days and
            instants), ``None`` to draw it.

    Returns:
        A strategy of :class:`~tradetalks.Truce`, shrinking toward one term of one day by
        one party, not announced, not ended.

    Raises:
        hypothesis.errors.InvalidArgument: for bad counts, codes, forms, zones or flags, or
            a range too short for the terms.

    >>> from datetime import timedelta
    >>> from hypothesis import given, strategies as st
    >>> from tradetalks import truce_days_remaining
    >>> from tradetalks.strategies import truces
    >>> chains = truces(min_extensions=1, bounds=["day"], announcements=["day"],
    ...                 lapses=False, open_ended=False, ended=False)
    >>> @given(chains, st.integers(0, 400))
    ... def test_days_remaining(truce, before):
    ...     deadline = truce.terms[-1].end.to_date()
    ...     as_of = max(deadline - timedelta(days=before), truce.terms[-1].announced_on.to_date())
    ...     assert truce_days_remaining(truce, as_of) == max(0, (deadline - as_of).days)
    >>> test_days_remaining()
    """
    counts = _check_count("extensions", min_extensions, max_extensions)
    _check_dates(min_date, max_date, "min_date, max_date")
    pool = _check_parties(parties)
    forms = _check_forms("bounds", bounds, _BOUND_FORMS)
    told = _check_forms("announcements", announcements, _MOMENT_FORMS)
    days = min_extensions + 1 + (min_extensions if lapses else 0)
    if (max_date - min_date).days < days:
        raise InvalidArgument(
            f"{min_date} to {max_date} is too short for {min_extensions + 1} terms"
            + (" with a lapse before each extension" if lapses and min_extensions else "")
        )
    config = _Config(
        low=min_date,
        high=max_date,
        given_parties=pool,
        parties=(2, 3),
        agreements=(0, 1),
        truces=(1, 1),
        extensions=counts,
        bounds=forms,
        zones=_check_zones(zones),
        announcements=told,
        lapses=_check_flag("lapses", lapses),
        open_ended=_check_flag("open_ended", open_ended),
        ended=_check_flag("ended", ended),
    )
    return _records(config, "truces")


def truce_ends(
    *,
    reasons: Iterable[EndReason] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
    bounds: Iterable[str] | None = None,
    zones: Iterable[str] | None = None,
) -> st.SearchStrategy[TruceEnd]:
    """Early ends of truces: when, why, and when each was announced.

    Each is the ``ended`` of a truce that :func:`truces` builds, so it lies within that
    truce's last term, as a :class:`~tradetalks.Truce` requires.

    Args:
        reasons: the :class:`~tradetalks.EndReason` s to draw from (all by default).
        min_date: the earliest day of the end and its announcement.
        max_date: the latest day, a day after ``min_date`` at least.
        bounds: the forms of ``at`` (and of the truce's bounds), from ``"day"`` and
            ``"instant"`` (both by default).
        zones: IANA zone keys for instants, as :func:`instants` takes them.

    Returns:
        A strategy of :class:`~tradetalks.TruceEnd`, its ``announced_on`` a day, an
        instant or ``None``; shrinking toward a day's end, ``TERMINATED``, not announced.

    Raises:
        hypothesis.errors.InvalidArgument: for bad reasons, forms, zones, or a range
            shorter than a day.

    >>> from hypothesis import given
    >>> from tradetalks import EndReason, PartialDate
    >>> from tradetalks.strategies import truce_ends
    >>> @given(truce_ends(reasons=[EndReason.MOOT], bounds=["day"]))
    ... def test_moot_on_a_day(end):
    ...     assert end.reason is EndReason.MOOT and isinstance(end.at, PartialDate)
    ...     assert end.evidence or end.derivation
    >>> test_moot_on_a_day()
    """
    chosen = _check_members("reasons", reasons, EndReason) or tuple(EndReason)
    _check_dates(min_date, max_date, "min_date, max_date")
    if (max_date - min_date).days < 1:
        raise InvalidArgument(f"{min_date} to {max_date} is too short for a truce")
    config = _Config(
        low=min_date,
        high=max_date,
        parties=(1, 2),
        truces=(1, 1),
        extensions=(0, 1),
        bounds=_check_forms("bounds", bounds, _MOMENT_FORMS),
        zones=_check_zones(zones),
        ended=True,
        reasons=chosen,
    )
    return _ends(config)


def datasets(  # noqa: PLR0913 - one keyword per thing a test may want to narrow
    *,
    min_statements: int = 0,
    max_statements: int = 6,
    parties: Iterable[str] | Mapping[str, str] | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
    max_sources: int = 2,
    max_people: int = 4,
    max_organizations: int = 3,
    max_rounds: int = 3,
    max_meetings: int = 2,
    max_agreements: int = 2,
    max_truces: int = 2,
    max_claims: int = 2,
    text_files: bool = False,
) -> st.SearchStrategy[Dataset]:
    """Datasets of every kind of record, with referential integrity.

    Every id is unique; every reference is to a record of the same dataset; every piece of
    evidence is a sentence of one of its sources, written for the record that cites it.

    Args:
        min_statements: the fewest statements.
        max_statements: the most statements.
        parties: exactly the parties of every dataset, as codes (a mapping gives their
            names too), in this order; by default 0 to 3 drawn from a dozen.
        min_date: the earliest day of any date in the dataset.
        max_date: the latest day of any date in the dataset.
        max_sources: the most sources (there is always at least one).
        max_people: the most people.
        max_organizations: the most organizations besides the sources' outlets.
        max_rounds: the most rounds.
        max_meetings: the most meetings.
        max_agreements: the most agreements (only with two parties or more); truces are
            sometimes made under one of them, as :func:`truces` describes.
        max_truces: the most truces (only with one party or more), as :func:`truces`
            describes: some by one party, some lapsed, open-ended or ended early.
        max_claims: the most claims about the dataset's own records, as :func:`claims`
            describes: some agree with the record, some do not.
        text_files: whether sources keep their text in a file beside the dataset
            (``"<id>.txt"``), for tests of :func:`~tradetalks.dump` and
            :func:`~tradetalks.load`.

    Returns:
        A strategy of :class:`~tradetalks.Dataset`, shrinking toward one source, its
        outlet, and nothing else.

    Raises:
        hypothesis.errors.InvalidArgument: for bad counts, codes or dates.

    >>> from hypothesis import given, settings
    >>> from tradetalks.strategies import datasets
    >>> @settings(max_examples=25)
    ... @given(datasets(parties=["CN", "US"], min_statements=1, max_statements=3))
    ... def test_statements_by_their_speakers(record):
    ...     assert [p.code for p in record.parties] == ["CN", "US"]
    ...     for said in record.statements:
    ...         for speaker in said.speakers:
    ...             assert said in record.statements_by(speaker)
    >>> test_statements_by_their_speakers()
    """
    _check_dates(min_date, max_date, "min_date, max_date")
    for name, high in (
        ("max_sources", max_sources),
        ("max_people", max_people),
        ("max_organizations", max_organizations),
        ("max_rounds", max_rounds),
        ("max_meetings", max_meetings),
        ("max_agreements", max_agreements),
        ("max_truces", max_truces),
        ("max_claims", max_claims),
    ):
        _check_count(name, 1 if name == "max_sources" else 0, high)
    pool = _check_parties(parties)
    config = _Config(
        low=min_date,
        high=max_date,
        sources=(1, max_sources),
        text_files=text_files,
        given_parties=pool,
        all_given_parties=pool is not None,
        parties=(0, 3),
        organizations=(0, max_organizations),
        people=(0, max_people),
        positions=(0, max_people),
        rounds=(0, max_rounds),
        meetings=(0, max_meetings),
        statements=_check_count("statements", min_statements, max_statements),
        agreements=(0, max_agreements),
        truces=(0, max_truces),
        claims=(0, max_claims),
    )
    return _datasets(config)


# The collection of each kind of record a claim may be about.
_CLAIMED_KINDS: dict[type[Any], str] = {
    Source: "sources",
    Party: "parties",
    Organization: "organizations",
    Person: "people",
    Round: "rounds",
    Meeting: "meetings",
    Agreement: "agreements",
    Truce: "truces",
}


def claims(
    *,
    about: Iterable[type[Any]] | None = None,
    agreeing: bool | None = None,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
) -> st.SearchStrategy[Claim]:
    """Claims about one value of a record, some agreeing with the record and some not.

    A claim names a record and a path to one of its values (``dates``, ``city``,
    ``number``, ``terms[1].end``, ``ended.at``, ``delegates[0].title``, ``outlet``), and
    claims a value in the format's own text form. One that agrees gives the record's own
    value, or for a date a coarser one that contains it (the month or year of a day, the
    day of an instant); one that does not gives another day (or another instant), another
    text, number, member of the enumeration, or another record's id. A claim about a value
    the record leaves empty (a missing country) agrees whatever it says, so one asked not
    to agree is about a value the record gives. The claim is made by a person, an
    organization or an unnamed group, in a sentence of a source.

    Args:
        about: the kinds of record to make claims about, from :class:`~tradetalks.Source`,
            :class:`~tradetalks.Party`, :class:`~tradetalks.Organization`,
            :class:`~tradetalks.Person`, :class:`~tradetalks.Round`,
            :class:`~tradetalks.Meeting`, :class:`~tradetalks.Agreement` and
            :class:`~tradetalks.Truce` (all by default).
        agreeing: ``True`` for claims that agree with the record
            (:meth:`~tradetalks.Claim.agrees`), ``False`` for claims that do not, ``None``
            to draw it.
        min_date: the earliest day of the records' dates and, when the range leaves room,
            of a claimed date.
        max_date: the latest day.

    Returns:
        A strategy of :class:`~tradetalks.Claim`, whose record brings its own source,
        shrinking toward a claim about a source's outlet that agrees.

    Raises:
        hypothesis.errors.InvalidArgument: for kinds a claim cannot be about, a flag that
            is not a bool, or a range that ends before it starts.

    >>> from hypothesis import given
    >>> from tradetalks import Claim, Truce
    >>> from tradetalks.strategies import claims
    >>> @given(claims(about=[Truce], agreeing=False))
    ... def test_a_conflict(claim):
    ...     assert isinstance(claim.about, Truce) and not claim.agrees()
    ...     assert claim.recorded is not None and claim.recorded != claim.value
    >>> test_a_conflict()
    """
    kinds = _check_members("about", about, type)
    if kinds is not None and not set(kinds) <= set(_CLAIMED_KINDS):
        allowed = ", ".join(kind.__name__ for kind in _CLAIMED_KINDS)
        raise InvalidArgument(f"a claim is about one of {allowed}, not {kinds!r}")
    _check_dates(min_date, max_date, "min_date, max_date")
    names = _CLAIMED if kinds is None else tuple(_CLAIMED_KINDS[kind] for kind in kinds)
    counts: dict[str, Any] = {
        "parties": (0, 2),
        "organizations": (0, 1),
        "people": (0, 2),
        "rounds": (0, 1),
        "meetings": (0, 1),
        "agreements": (0, 1),
        "truces": (0, 1),
    }
    for name in set(names) & set(counts):
        counts[name] = (1, counts[name][1])
    if "agreements" in names:
        counts["parties"] = (2, 3)
    elif "truces" in names:
        counts["parties"] = (1, 2)
    if "truces" in names and max_date <= min_date:
        raise InvalidArgument(f"{min_date} to {max_date} is too short for a truce")
    config = attrs.evolve(
        _Config(low=min_date, high=max_date),
        **counts,
        claims=(1, 1),
        claimed=names,
        agreeing=_check_flag("agreeing", agreeing),
    )
    return _records(config, "claims")


def dataset_pairs(
    *,
    min_date: dt.date = _RECORDS_FROM,
    max_date: dt.date = _RECORDS_TO,
    max_statements: int = 3,
    max_claims: int = 2,
    text_files: bool = False,
) -> st.SearchStrategy[tuple[Dataset, Dataset]]:
    """Two datasets that share records across two sources, for properties of merging.

    Both are valid on their own, and :meth:`~tradetalks.Dataset.merge` joins them. The first is a dataset as :func:`datasets` makes it. The second has sources of its own
    (ids that start with ``second-``), holds some of the first's records under the same ids
    (with every record they refer to), each with its evidence written anew into the second's
    sources, and records of its own: parties with other codes, people, rounds, statements,
    truces, claims, some referring to the shared records. A shared record sometimes knows
    more than the first's: a round's month given as days within it, a missing country,
    city, meeting date or native name given; and a round or a meeting sometimes lists only
    some of the first's delegates, or lists them in another order. No shared value differs
    from the first's otherwise, so the two always merge without a conflict (a statement is
    shared only when its date words, if any, do not depend on its source's dateline).

    Args:
        min_date: the earliest day of any date in either dataset.
        max_date: the latest day.
        max_statements: the most statements in each dataset.
        max_claims: the most claims in each, about its own records.
        text_files: whether sources keep their text in a file beside the dataset
            (``"<id>.txt"``), for tests of :func:`~tradetalks.dump`.

    Returns:
        A strategy of pairs ``(first, second)`` of :class:`~tradetalks.Dataset`,
        shrinking toward two datasets of one source each, sharing nothing.

    Raises:
        hypothesis.errors.InvalidArgument: for bad counts or dates.

    >>> from hypothesis import given, settings
    >>> from tradetalks.strategies import dataset_pairs
    >>> @settings(max_examples=20)
    ... @given(dataset_pairs())
    ... def test_merged_holds_every_id(pair):
    ...     first, second = pair
    ...     merged = first.merge(second)
    ...     for name in ("people", "rounds", "truces"):
    ...         ids = {r.id for r in getattr(first, name)} | {r.id for r in getattr(second, name)}
    ...         assert {r.id for r in getattr(merged, name)} == ids
    >>> test_merged_holds_every_id()
    """
    _check_dates(min_date, max_date, "min_date, max_date")
    statements = _check_count("statements", 0, max_statements)
    _check_count("max_claims", 0, max_claims)
    config = _Config(
        low=min_date,
        high=max_date,
        sources=(1, 2),
        text_files=text_files,
        parties=(0, 3),
        organizations=(0, 2),
        people=(0, 3),
        positions=(0, 2),
        rounds=(0, 2),
        meetings=(0, 2),
        statements=statements,
        agreements=(0, 1),
        truces=(0, 1),
        claims=(0, max_claims),
    )
    other = attrs.evolve(
        config,
        prefix="second-",
        parties=(0, 2),
        organizations=(0, 1),
        people=(0, 2),
        positions=(0, 1),
        rounds=(0, 1),
        meetings=(0, 1),
    )
    return _dataset_pairs(config, other)


# --- registration with st.from_type ---------------------------------------------------------


# Datasets with at least one round with dates at both ends, so their timeline is never
# empty (a round whose start is not given has no place in it).
_TIMELINE = _Config(
    sources=(1, 2),
    parties=(2, 3),
    people=(0, 2),
    rounds=(1, 2),
    round_ends=(),
    meetings=(0, 1),
    statements=(0, 2),
    agreements=(0, 1),
    truces=(0, 1),
)


def _register() -> None:
    """Register a strategy for each public record type with ``st.from_type``."""
    strategies: dict[type[Any], st.SearchStrategy[Any]] = {
        PartialDate: partial_dates(),
        DateSpan: date_spans(),
        ResolvedDate: resolved_dates(),
        UnnamedGroup: _strategy(_GROUPS).map(UnnamedGroup),
        Party: parties(),
        Organization: organizations(),
        Person: people(),
        Position: positions(),
        Source: sources(),
        Evidence: sources().flatmap(evidence),
        Delegate: rounds(min_delegates=1).map(lambda talks: talks.delegates[0]),
        Round: rounds(),
        Meeting: meetings(),
        Statement: statements(),
        Agreement: agreements(),
        TruceTerm: truces().flatmap(lambda truce: st.sampled_from(truce.terms)),
        TruceEnd: truce_ends(),
        Truce: truces(),
        Claim: claims(),
        Dataset: datasets(),
        TimelineEntry: _datasets(_TIMELINE).flatmap(
            lambda record: st.sampled_from(record.timeline())
        ),
    }
    for kind, strategy in strategies.items():
        st.register_type_strategy(kind, strategy)


_register()
