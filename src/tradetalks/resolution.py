"""Date words resolved against a dateline: "on Tuesday", "in May", "August 12".

News reports date things relative to the day they are published (the dateline). The
rules, for a dateline *D*:

* A bare weekday in past-tense reporting is the most recent such day on or before *D*
  (published Wednesday 2025-07-30, "on Tuesday" is 2025-07-29 and "on Wednesday" is
  2025-07-30); in future tense it is the next such day after *D*. With no tense given it
  is read as reporting is: in the past tense.
* "today", "yesterday" and "tomorrow" are *D*, the day before and the day after.
* A month and day without a year ("August 12") take the year that puts them nearest *D*
  in the stated direction: on or before *D* in the past tense, on or after it in the
  future tense. With no tense given, they take the nearest occurrence on either side ("the
  pause takes effect on May 14", published 12 May, is 14 May of that year, not of the year
  before); at equal distance, the earlier. A month alone ("in May") is resolved the same
  way, to month precision, its distance from *D* counted in days to its nearest day (none
  when *D* is in it).
* A weekday beside a month and day ("Monday, July 28") must agree with the date. In a
  stated tense the date is found as above and a weekday that contradicts it is an error.
  With no tense given, the date is the occurrence nearest *D* that falls on that weekday
  (read on 2 January 2025, "Monday, July 28" is 2025-07-28: 2024-07-28 is nearer, but a
  Sunday), looked for up to eight years either side of *D*'s year; it must be the first
  occurrence on its side of *D*, or the words are refused and the year asked for.
* A full date ("July 28, 2025", "28 July 2025", "2025-07-28") is taken as stated; a weekday
  beside it must agree with it.

The raw words are kept beside the resolved value, with the rule that resolved them and the
tense they were read in, in a :class:`ResolvedDate`. With no tense given, the tense
recorded is the direction the date lies in from *D*: ``FUTURE`` when it begins after *D*,
``PAST`` otherwise. Read in that tense, the words give the same date again, which is how a
dataset, when it is loaded, checks them.

``dateutil.parser`` is not used for these words: it resolves a bare weekday forward from its
default date (on or after it, whatever the tense), fills a missing day or month from its
default (so "May" becomes a May day the source never gave), and accepts a weekday that
contradicts the date beside it. Weekday arithmetic is done with
:class:`dateutil.relativedelta.relativedelta`, which counts backwards and forwards exactly.

>>> from datetime import date
>>> from tradetalks import resolve_date
>>> resolve_date("on Tuesday", dateline=date(2025, 7, 30))  # doctest: +NORMALIZE_WHITESPACE
ResolvedDate(value=PartialDate('2025-07-29'), words='on Tuesday', rule=ResolutionRule.WEEKDAY,
             tense=Tense.PAST)
>>> resolve_date("on May 14", dateline=date(2025, 5, 12))  # doctest: +NORMALIZE_WHITESPACE
ResolvedDate(value=PartialDate('2025-05-14'), words='on May 14', rule=ResolutionRule.MONTH_DAY,
             tense=Tense.FUTURE)
>>> str(resolve_date("in May", dateline=date(2025, 7, 30)).value)
'2025-05'
"""

from __future__ import annotations

__all__ = ["ResolutionRule", "ResolvedDate", "Tense", "resolve_date"]

import calendar
import datetime as dt
import enum
import functools
import re
from typing import TYPE_CHECKING

import attrs
from dateutil.relativedelta import relativedelta, weekday

from tradetalks._fields import in_field, record_class, to_enum
from tradetalks.dates import PartialDate, is_iso_day, to_day, to_partial_date
from tradetalks.errors import DateResolutionError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

    _Reading = tuple[dt.date | PartialDate, "ResolutionRule", "Tense"]
    _Done = Callable[[dt.date | PartialDate, "ResolutionRule"], _Reading]


class Tense(enum.Enum):
    """The direction in which relative date words point from the dateline.

    Given to :func:`resolve_date` as a member or its value's text (``"past"``); a date
    resolved with no tense given records the direction its date lies in.
    """

    PAST = "past"
    """In past-tense reporting, words point back to the dateline or before it."""
    FUTURE = "future"
    """In future-tense reporting, words point forward from the dateline."""

    def __repr__(self) -> str:
        """``Tense.PAST``."""
        return f"Tense.{self.name}"


class ResolutionRule(enum.Enum):
    """How a date in the record was worked out from the source's words.

    ``STATED``: a full date in the words. ``WEEKDAY``: a bare weekday, counted from the
    dateline in the tense's direction. ``TODAY``, ``YESTERDAY``, ``TOMORROW``: relative to the
    dateline. ``MONTH_DAY``: a month and day, the year from the dateline and tense.
    ``MONTH``: a month alone, likewise. ``CONTEXT``: no date words of its own; taken from the
    account around it and marked uncertain (EDTF ``?``).
    """

    STATED = "stated"
    WEEKDAY = "weekday"
    TODAY = "today"
    YESTERDAY = "yesterday"
    TOMORROW = "tomorrow"
    MONTH_DAY = "month_day"
    MONTH = "month"
    CONTEXT = "context"

    def __repr__(self) -> str:
        """``ResolutionRule.WEEKDAY``."""
        return f"ResolutionRule.{self.name}"


# Members read for every date a load reads, kept where a global lookup finds them: reading
# one from its class (ResolutionRule.STATED) goes through the enum's metaclass in Python 3.11.
_STATED = ResolutionRule.STATED
_CONTEXT = ResolutionRule.CONTEXT
_PAST = Tense.PAST
_FUTURE = Tense.FUTURE

# Each converter returns what a load gives (a member, a PartialDate) before any call.


def _to_tense(value: Tense | str) -> Tense:
    return value if type(value) is Tense else to_enum(Tense, value, "tense")


def _to_rule(value: ResolutionRule | str) -> ResolutionRule:
    return value if type(value) is ResolutionRule else to_enum(ResolutionRule, value, "rule")


def _value(value: PartialDate | dt.date | str) -> PartialDate:
    return value if type(value) is PartialDate else in_field("value", to_partial_date, value)


def _check_words(instance: ResolvedDate, _attribute: object, words: str | None) -> None:
    if words is not None and not isinstance(words, str):
        raise InvalidValueError(
            f"date words are a string, not {type(words).__name__}", where="words"
        )
    if instance.rule is _CONTEXT:
        if words is not None:
            raise InvalidValueError(
                "a date taken from context has no words of its own; set words=None",
                where="words",
            )
        if not instance.value.uncertain:
            raise InvalidValueError(
                f"a date taken from context is inferred: mark it uncertain "
                f"({instance.value.to_edtf()}?)",
                where="value",
            )
    elif words is None or not words.strip():
        raise InvalidValueError(
            f"a date resolved by rule {instance.rule.value!r} needs the words it came from",
            where="words",
        )


@record_class
@attrs.frozen
class ResolvedDate:
    """A date in the record with the source's words for it and the rule that resolved them.

    Made by :func:`resolve_date` from the words and the dateline; made by hand for a date
    taken from context, which has no words of its own.

    Attributes:
        value: the resolved :class:`~tradetalks.PartialDate` (a ``datetime.date`` or EDTF
            text is accepted and converted).
        words: the date words as the source has them ("on Tuesday"), or ``None`` for a date
            taken from context.
        rule: the :class:`ResolutionRule` that produced ``value`` (or its value's text,
            ``"weekday"``).
        tense: the :class:`Tense` the words were read in (or its value's text,
            ``"past"``): the one given to :func:`resolve_date`, or, when none was given,
            the direction the date lies in from the dateline.

    Raises:
        InvalidValueError: for a context date with words or not marked uncertain, another
            rule without words, or a rule or tense that is not one (the message lists the
            values).

    >>> from tradetalks import ResolutionRule, ResolvedDate
    >>> ResolvedDate("2025-07-29?", None, ResolutionRule.CONTEXT).value.uncertain
    True
    >>> ResolvedDate("2025-07-29", "on Tuesday", "weekday", "past").rule
    ResolutionRule.WEEKDAY
    """

    value: PartialDate = attrs.field(converter=_value)
    words: str | None = attrs.field(validator=_check_words)
    rule: ResolutionRule = attrs.field(converter=_to_rule)
    tense: Tense = attrs.field(default=Tense.PAST, converter=_to_tense)


_MONTH_WORDS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_WORDS, start=1) for name in names}
_MONTH_NAMES = tuple(names[0].title() for names in _MONTH_WORDS)  # not locale-dependent
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"


# The grammar of date words, tried in this order; each with what words it can read need:
# a digit, a first word that names a month, or nothing but a weekday's name.
_GRAMMAR = (
    (rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", "digit"),
    (rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?", "digit"),
    (rf"{_MONTH}(?:,?\s+{_YEAR})?", "month"),
    (rf"{_WEEKDAY}", "weekday"),
    (r"(?:(?P<weekday>[a-z]+),?\s+)?(?P<iso>\d{4}-\d{2}(?:-\d{2})?)", "digit"),
)


@functools.cache
def _pattern(index: int) -> re.Pattern[str]:
    """Rule ``index`` of the grammar, compiled on first use (compiling all takes ~3 ms)."""
    return re.compile(_GRAMMAR[index][0], re.ASCII)


def _match(text: str) -> re.Match[str] | None:
    """The first rule of the grammar that reads all of ``text``, or None.

    A rule is not tried (nor compiled) for words it cannot read: without a digit, or a
    month's or weekday's name where it needs one.
    """
    needs = {
        "digit": any("0" <= char <= "9" for char in text),
        "month": (text.split(maxsplit=1) or [""])[0].rstrip(".,") in _MONTHS,
        "weekday": text.removesuffix(".") in _WEEKDAYS,
    }
    for index, (_, need) in enumerate(_GRAMMAR):
        if needs[need]:
            match = _pattern(index).fullmatch(text)
            if match is not None:
                return match
    return None


_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
"""The words that count days from the dateline, with how many."""
_LEADING = re.compile(r"(?:(?:on|in|of|from|by|since|until|till|as of) )+")


def _normalise(words: str) -> str:
    """Lower case, single spaces, no edge punctuation, the leading prepositions gone.

    The prepositions are removed in one match (not one at a time), so the time is linear
    in the words however many there are.
    """
    text = " ".join(words.lower().split()).strip(" .,;:")
    match = _LEADING.match(text)
    return text if match is None else text[match.end() :]


def resolve_date(
    words: str, dateline: dt.date | str, tense: Tense | str | None = None
) -> ResolvedDate:
    """Resolve date words from a source against its dateline, keeping the words.

    Args:
        words: date words as the source has them: ``"on Tuesday"``, ``"Wednesday"``,
            ``"today"``, ``"yesterday"``, ``"tomorrow"``, ``"August 12"``, ``"12 August"``,
            ``"in May"``, ``"May 2025"``, ``"July 28, 2025"``, ``"Monday, July 28, 2025"`` or
            ``"2025-07-28"``. Case, spacing and a leading "on", "in", "from" are ignored.
        dateline: the day the source was published: a :class:`datetime.date`, or
            ``YYYY-MM-DD`` text.
        tense: ``"past"`` or ``"future"`` (or a :class:`Tense`): the direction relative
            words point in, when the sentence says. ``None`` (the default) when it does
            not: a month, with or without a day, is then the occurrence nearest the
            dateline on either side (at equal distance, the earlier), a month and day with a
            weekday the nearest occurrence on that weekday, and a bare weekday is read in
            the past tense, as reporting is.

    Returns:
        A :class:`ResolvedDate`: the date at the precision the words give (a month alone
        stays a month), the original words, the rule used and the tense: the one given,
        or, with none given, the direction the date lies in from the dateline (``FUTURE``
        when it begins after it, ``PAST`` otherwise), so that the words read in that tense
        give the same date again.

    Raises:
        DateResolutionError: for words it cannot read, a date that does not exist, or a
            weekday that contradicts the date beside it. With no tense, for a month and day
            with a weekday when none of their occurrences from eight years before the
            dateline's year to eight after falls on it, or when the nearest that does is
            not the first occurrence on its side of the dateline (no tense would give it
            again: the message names it and asks for the year).
        InvalidValueError: for a dateline that is not one day (a month, a datetime, text
            that is not ``YYYY-MM-DD``) or a tense that is not one.

    >>> from datetime import date
    >>> from tradetalks import resolve_date
    >>> wednesday = date(2025, 7, 30)
    >>> str(resolve_date("Tuesday", wednesday).value)
    '2025-07-29'
    >>> str(resolve_date("Wednesday", wednesday).value)
    '2025-07-30'
    >>> str(resolve_date("Monday", wednesday, tense="future").value)
    '2025-08-04'
    >>> str(resolve_date("January 10", date(2025, 12, 20), tense="future").value)
    '2026-01-10'

    With no tense, "May 14" read on 12 May 2025 is two days ahead, not a year back; "May
    10" is two days back:

    >>> [str(resolve_date(words, date(2025, 5, 12)).value) for words in ("May 14", "May 10")]
    ['2025-05-14', '2025-05-10']
    >>> str(resolve_date("May 14", date(2025, 5, 12), tense="past").value)
    '2024-05-14'

    A weekday with a month and day, and no tense, picks the occurrence on that weekday:
    2024-07-28, 158 days before 2 January 2025, is a Sunday; 2025-07-28 is a Monday.

    >>> monday = resolve_date("Monday, July 28", date(2025, 1, 2))
    >>> str(monday.value), monday.tense
    ('2025-07-28', Tense.FUTURE)
    """
    value, rule, read = read_date_words(words, dateline, tense)
    return ResolvedDate(value, words, rule, read)


def read_date_words(
    words: str, dateline: dt.date | str, tense: Tense | str | None = None
) -> tuple[dt.date | PartialDate, ResolutionRule, Tense]:
    """What :func:`resolve_date` finds, without making the record: (date, rule, tense).

    The date is a :class:`datetime.date` or a :class:`~tradetalks.PartialDate`; the
    arguments and errors are :func:`resolve_date`'s. A check that only compares a reading
    with a recorded one (a load reads each statement's date words) uses this.

    >>> from datetime import date
    >>> from tradetalks.resolution import read_date_words
    >>> read_date_words("on Tuesday", date(2025, 7, 30))
    (datetime.date(2025, 7, 29), ResolutionRule.WEEKDAY, Tense.PAST)
    """
    if type(dateline) is not dt.date:
        dateline = in_field("dateline", to_day, dateline)
    if not isinstance(words, str):
        raise InvalidValueError(
            f"date words must be a string, not {type(words).__name__}", where="words"
        )
    direction = None if tense is None else _to_tense(tense)
    text = _normalise(words)

    def done(value: dt.date | PartialDate, rule: ResolutionRule) -> _Reading:
        read = direction
        if read is None:  # the direction the date lies in from the dateline
            first = value.earliest if isinstance(value, PartialDate) else value
            read = _FUTURE if first > dateline else _PAST
        return value, rule, read

    try:
        if is_iso_day(text):  # 2025-07-28, the common case, without the grammar
            return _stated_iso(words, text, None, done)
        if text in _RELATIVE:
            rule = ResolutionRule[text.upper()]
            return done(dateline + dt.timedelta(days=_RELATIVE[text]), rule)

        match = _match(text)
        if match is not None:
            return _from_parts(words, match.groupdict(), dateline, done, direction)
    except InvalidValueError:
        raise
    except (OverflowError, ValueError):  # counted past 0001-01-01 or 9999-12-31
        raise DateResolutionError(
            f"{words!r} read from {dateline.isoformat()} falls outside the calendar "
            "(years 1 to 9999)"
        ) from None
    raise DateResolutionError(
        f"cannot read {words!r} as date words (expected a weekday, today, yesterday, "
        "tomorrow, a month with or without a day and year, or an ISO date)"
    )


def _from_parts(
    words: str,
    parts: dict[str, str | None],
    dateline: dt.date,
    done: _Done,
    tense: Tense | None,
) -> _Reading:
    """Resolve the parts one of the patterns matched, in ``tense`` (``None``: not given)."""
    iso, weekday_word, month_word = parts.get("iso"), parts.get("weekday"), parts.get("month")
    if iso:
        return _stated_iso(words, iso, weekday_word, done)
    if month_word is None:
        assert weekday_word is not None  # noqa: S101 - the weekday pattern matched
        day_of_week = _WEEKDAYS[weekday_word]
        past = tense is not Tense.FUTURE  # no tense given: the reporting convention, past
        return done(_weekday_from(dateline, day_of_week, past=past), ResolutionRule.WEEKDAY)
    month = _MONTHS[month_word]
    year_word = parts.get("year")
    year = int(year_word) if year_word else None
    day_word = parts.get("day")
    if day_word is None:
        if year is not None:
            return done(PartialDate(year, month), ResolutionRule.STATED)
        if tense is None:
            found = _nearest(lambda past: _month_from(dateline, month, past=past), dateline)
            return done(found, ResolutionRule.MONTH)
        return done(_month_from(dateline, month, past=tense is Tense.PAST), ResolutionRule.MONTH)
    day = int(day_word)
    if year is not None:
        resolved = _existing_day(words, year, month, day)
        rule = ResolutionRule.STATED
    else:
        _check_month_day(words, month, day)
        rule = ResolutionRule.MONTH_DAY
        if tense is not None:
            resolved = _month_day_from(words, dateline, month, day, past=tense is Tense.PAST)
        elif weekday_word is not None:  # the nearest on that weekday: the check below holds
            stated = _WEEKDAYS[weekday_word]
            resolved = _nearest_on_weekday(words, dateline, month, day, stated)
        else:
            found = _nearest(
                lambda past: _month_day_from(words, dateline, month, day, past=past), dateline
            )
            resolved = found.to_date()
    _check_weekday(words, resolved, weekday_word)
    return done(resolved, rule)


def _nearest(occurrence: Callable[[bool], dt.date | PartialDate], dateline: dt.date) -> PartialDate:
    """The occurrence of a month (or a month and day) nearest the dateline, on either side.

    ``occurrence(past)`` gives the nearest on or before the dateline (``past``) or on or
    after it (for a month: the nearest that begins on or before it, or that ends on or
    after it). The distance is in days, from the dateline to the nearest day the
    occurrence can mean (0 for a month the dateline is in); at equal distance the earlier
    is taken. An occurrence outside the calendar (before year 1, after 9999) is none.

    Raises:
        OverflowError: when neither side has one in the calendar.
    """
    found: list[PartialDate] = []
    for past in (True, False):
        try:
            value = occurrence(past)
        except (OverflowError, ValueError):  # no such occurrence within the calendar
            continue
        found.append(value if isinstance(value, PartialDate) else PartialDate.from_date(value))
    if not found:
        raise OverflowError  # resolve_date says the words fall outside the calendar

    def distance(value: PartialDate) -> tuple[int, dt.date]:
        days = max((value.earliest - dateline).days, (dateline - value.latest).days, 0)
        return days, value.earliest

    return min(found, key=distance)


def _weekday_from(dateline: dt.date, number: int, *, past: bool) -> dt.date:
    day = weekday(number)
    if past:
        result: dt.date = dateline + relativedelta(weekday=day(-1))
    else:
        result = dateline + relativedelta(days=+1, weekday=day(+1))
    return result


def _month_from(dateline: dt.date, month: int, *, past: bool) -> PartialDate:
    year = dateline.year
    if past and dt.date(year, month, 1) > dateline:
        year -= 1
    if not past and dt.date(year, month, calendar.monthrange(year, month)[1]) < dateline:
        year += 1
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    return PartialDate(year, month)


def _existing_day(words: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateResolutionError(
            f"{words!r} names a day that does not exist ({year:04d}-{month:02d}-{day:02d})"
        ) from None


def _check_month_day(words: str, month: int, day: int) -> None:
    """Refuse a month and day no year has (31 June, 30 February)."""
    if not 1 <= day <= 31 or day > max(calendar.monthrange(y, month)[1] for y in (2023, 2024)):
        raise DateResolutionError(f"{words!r} names a day that does not exist in any year")


def _month_day_from(words: str, dateline: dt.date, month: int, day: int, *, past: bool) -> dt.date:
    """The month and day nearest the dateline on or before it (``past``) or on or after it."""
    step = -1 if past else 1
    year = dateline.year
    for _ in range(9):  # 29 February recurs within eight years
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if (past and candidate <= dateline) or (not past and candidate >= dateline):
                return candidate
        year += step
    raise DateResolutionError(f"cannot place {words!r} near {dateline.isoformat()}")


_WEEKDAY_SEARCH_YEARS = 8
"""How far a month and day with a weekday and no year ("Monday, July 28") is looked for,
read with no tense: in the years from this many before the dateline's year to this many
after it (within years 1 to 9999). A day other than 29 February falls on every weekday in
any 12 years running (11 but across a century year that is not a leap year: 1900, 2100);
29 February recurs within 8 years (1896 to 1904), so the first one on either side of the
dateline is always among the years searched."""


def _nearest_on_weekday(
    words: str, dateline: dt.date, month: int, day: int, stated: int
) -> dt.date:
    """The month and day that falls on weekday ``stated`` nearest the dateline (no tense).

    Occurrences are looked for in the ``_WEEKDAY_SEARCH_YEARS`` years either side of the
    dateline's year; at equal distance the earlier is taken. The date found must be the
    first occurrence on its side of the dateline (on or before it, or on or after it), so
    that the words read in the tense recorded for it (that side's) give it again.

    Raises:
        DateResolutionError: when no occurrence in the years searched falls on the weekday,
            or when the nearest that does lies beyond another occurrence on its side (the
            words then give it in neither tense, and only a year can say it is meant).
    """
    low = max(dateline.year - _WEEKDAY_SEARCH_YEARS, dt.MINYEAR)
    high = min(dateline.year + _WEEKDAY_SEARCH_YEARS, dt.MAXYEAR)

    def first_on_weekday(years: range, *, past: bool) -> dt.date | None:
        for year in years:
            if day > calendar.monthrange(year, month)[1]:
                continue  # 29 February of a common year
            candidate = dt.date(year, month, day)
            on_its_side = candidate <= dateline if past else candidate >= dateline
            if on_its_side and candidate.weekday() == stated:
                return candidate
        return None

    found = [
        candidate
        for candidate in (
            first_on_weekday(range(dateline.year, low - 1, -1), past=True),
            first_on_weekday(range(dateline.year, high + 1), past=False),
        )
        if candidate is not None
    ]
    month_day = f"{_MONTH_NAMES[month - 1]} {day}"
    if not found:
        raise DateResolutionError(
            f"{words!r} read from {dateline.isoformat()}: no {month_day} from {low:04d} to "
            f"{high:04d} is a {_DAY_NAMES[stated]}; if another year is meant, give it"
        )
    nearest = min(found, key=lambda candidate: (abs((candidate - dateline).days), candidate))
    past = nearest <= dateline
    first = _month_day_from(words, dateline, month, day, past=past)
    if first != nearest:
        side = "on or before" if past else "on or after"
        raise DateResolutionError(
            f"{words!r} read from {dateline.isoformat()}: the nearest {month_day} that is a "
            f"{_DAY_NAMES[stated]} is {nearest.isoformat()}, but the first {month_day} "
            f"{side} the dateline is {first.isoformat()}, a {_DAY_NAMES[first.weekday()]}, "
            f"so the words give {nearest.isoformat()} in neither tense; if it is meant, "
            f"give the year ('{_DAY_NAMES[stated]}, {month_day}, {nearest.year:04d}')"
        )
    return nearest


def _check_weekday(words: str, day: dt.date, weekday_word: str | None) -> None:
    if weekday_word is None:
        return
    if weekday_word not in _WEEKDAYS:
        raise DateResolutionError(f"{words!r}: {weekday_word!r} is not a weekday")
    stated = _WEEKDAYS[weekday_word]
    if day.weekday() != stated:
        raise DateResolutionError(
            f"{words!r}: {day.isoformat()} is a {_DAY_NAMES[day.weekday()]}, "
            f"not a {_DAY_NAMES[stated]}"
        )


def _stated_iso(
    words: str,
    iso: str,
    weekday_word: str | None,
    done: _Done,
) -> _Reading:
    try:
        value = PartialDate.from_edtf(iso)
    except InvalidValueError as error:
        raise DateResolutionError(f"{words!r}: {error}") from None
    if weekday_word is not None:
        if value.day is None:
            raise DateResolutionError(f"{words!r}: a weekday needs a day, not only a month")
        _check_weekday(words, value.to_date(), weekday_word)
    return done(value, _STATED)
