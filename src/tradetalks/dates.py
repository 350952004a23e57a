"""Dates with a precision: :class:`PartialDate` and :class:`DateSpan`, in EDTF.

A news article often gives a date only to the month ("Geneva in May") or a span of days
("from Monday to Tuesday"). ``tradetalks`` keeps exactly what the source gives: a
:class:`PartialDate` is known to the year, the month or the day, never filled in with a
day the source does not give. The text form is EDTF (ISO 8601-2), levels 0 and 1:

=========================  ==============================================
``2025``                   the year 2025
``2025-05``                May 2025 (month precision)
``2025-07-29``             29 July 2025 (day precision)
``2025-07-29?``            uncertain: inferred rather than stated
``2025-05~``               approximate
``2025-05%``               both uncertain and approximate
``2025-07-28/2025-07-29``  a span of days (a :class:`DateSpan`)
``2025-06/2025-06-11``     from (a day in) June to 11 June
``2025-03/..``             from March, open: without limit, "until further notice"
``2025-07-28/``            from 28 July to a day the source does not give
``../2025-05``             open at the start: without limit, until May
``/2025-07-29``            from a day the source does not give to 29 July
=========================  ==============================================

An end of a span that is not a date is a :class:`SpanEnd`, ``OPEN`` or ``UNKNOWN``. Other
level-1 features (unspecified digits such as ``2025-XX``, seasons, years beyond four
digits) are refused with a clear error.

>>> from tradetalks import PartialDate, DateSpan
>>> may = PartialDate.from_edtf("2025-05")
>>> may.precision.name, may.earliest.isoformat(), may.latest.isoformat()
('MONTH', '2025-05-01', '2025-05-31')
>>> str(DateSpan.from_edtf("2025-07-28/2025-07-29"))
'2025-07-28/2025-07-29'
>>> DateSpan.from_edtf("2025-03/..").end
<SpanEnd.OPEN: '..'>
"""

from __future__ import annotations

__all__ = ["DateSpan", "PartialDate", "Precision", "SpanEnd"]

import calendar
import datetime as dt
import enum
import functools
import re
from typing import Any

import attrs

from tradetalks import _memo
from tradetalks.errors import InvalidValueError, PrecisionError


class Precision(enum.IntEnum):
    """How much of a date is known: the year, the month, or the day.

    Ordered from coarsest to finest, so ``Precision.MONTH < Precision.DAY``.
    """

    YEAR = 1
    """Only the year is known (``2025``)."""
    MONTH = 2
    """The year and month are known (``2025-05``)."""
    DAY = 3
    """The day is known (``2025-07-29``)."""


# re.ASCII: \d would otherwise match any Unicode digit (٢٠٢٥), which EDTF does not allow.
_EDTF_DATE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[?~%])?", re.ASCII
)


_DAYS = "PartialDate.from_edtf"
"""The key of the days read in a load, in its memo (:mod:`tradetalks._memo`)."""


def is_iso_day(text: object) -> bool:
    """Whether ``text`` is written ``YYYY-MM-DD`` in ASCII digits (ISO 8601's calendar date).

    Anything that is not a ``str`` is not (``False``, never an error).

    >>> from tradetalks.dates import is_iso_day
    >>> is_iso_day("2025-07-30"), is_iso_day("2025-7-30"), is_iso_day("٢٠٢٥-07-30")
    (True, False, False)
    """
    return isinstance(text, str) and _ISO_DAY(text) is not None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
"""Matches ``YYYY-MM-DD`` in ASCII digits (one call in compiled code; the loads' common case)."""


def _date_words(year: int, month: int | None, day: int | None) -> str:
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text


def _check_parts(instance: PartialDate, _attribute: attrs.Attribute[Any], _value: object) -> None:
    year, month, day = instance.year, instance.month, instance.day
    shown = _date_words(year, month, day) if 0 <= year <= 9999 else str(year)
    if not 1 <= year <= 9999:
        raise InvalidValueError(f"invalid date {shown!r}: year must be 1 to 9999, not {year}")
    if month is None:
        if day is not None:
            raise InvalidValueError(f"invalid date {shown!r}: a day needs a month")
        return
    if not 1 <= month <= 12:
        raise InvalidValueError(f"invalid date {shown!r}: month must be 1 to 12, not {month}")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise InvalidValueError(f"invalid date {shown!r}: day must be 1 to {last}, not {day}")


def _check_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(f"must be True or False, not {value!r}", where=attribute.name)


def _whole(value: object, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    hint = (
        f"; for EDTF text use PartialDate.from_edtf({value!r})"
        if isinstance(value, str) and name == "year"
        else ""
    )
    raise InvalidValueError(f"the {name} of a date must be a whole number, not {value!r}{hint}")


def _year(value: int) -> int:
    return _whole(value, "year")


def _month(value: int | None) -> int | None:
    return None if value is None else _whole(value, "month")


def _day(value: int | None) -> int | None:
    return None if value is None else _whole(value, "day")


@functools.total_ordering
@attrs.frozen(repr=False, cache_hash=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Args:
        year: 1 to 9999.
        month: 1 to 12, or ``None`` when only the year is known.
        day: 1 to the last day of the month, or ``None`` when only the month (or year) is
            known. A day needs a month.
        uncertain: the date is inferred rather than stated (EDTF ``?``).
        approximate: the date is approximate (EDTF ``~``); both flags together are ``%``.

    Raises:
        InvalidValueError: for a part out of range, such as month 13 or 31 June.

    Partial dates sort by the earliest day they can mean, then the latest, so a day sorts
    before the month that starts on it (``2025-05-01`` < ``2025-05`` < ``2025-05-02``);
    certain dates sort before uncertain ones on the same days. Equality compares every part:
    ``2025-05`` is not ``2025-05-01``.

    >>> from tradetalks import PartialDate
    >>> PartialDate(2025, 5)
    PartialDate('2025-05')
    >>> sorted([PartialDate(2025, 5, 2), PartialDate(2025, 5), PartialDate(2025, 5, 1)])
    [PartialDate('2025-05-01'), PartialDate('2025-05'), PartialDate('2025-05-02')]
    >>> PartialDate(2025, 6, 31)
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: invalid date '2025-06-31': day must be 1 to 30, not 31
    """

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = attrs.field(default=False, kw_only=True)
    approximate: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Check the parts: whole numbers, a date of the calendar, flags True or False."""
        year, month, day = self.year, self.month, self.day
        if (
            type(year) is int
            and type(month) is int
            and type(day) is int
            and 1 <= year <= 9999
            and type(self.uncertain) is bool
            and type(self.approximate) is bool
        ):  # the common case: a day
            try:
                dt.date(year, month, day)
            except ValueError:
                pass
            else:
                return
        _year(year)
        _month(month)
        _day(day)
        _check_parts(self, attrs.fields(PartialDate).day, day)
        for field in (attrs.fields(PartialDate).uncertain, attrs.fields(PartialDate).approximate):
            _check_flag(self, field, getattr(self, field.name))

    @classmethod
    def from_edtf(cls, text: str) -> PartialDate:
        """Parse one EDTF date of levels 0–1: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        A final ``?`` marks it uncertain, ``~`` approximate, ``%`` both.

        Raises:
            InvalidValueError: for anything else, naming the text.

        >>> from tradetalks import PartialDate
        >>> PartialDate.from_edtf("2025-07-29?")
        PartialDate('2025-07-29?')
        >>> PartialDate.from_edtf("2025-07-29?").uncertain
        True
        >>> PartialDate.from_edtf("July 2025")  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        tradetalks.errors.InvalidValueError: not an EDTF date: 'July 2025' (expected YYYY, YYYY-MM
        or YYYY-MM-DD, optionally followed by ?, ~ or %)
        """
        if not isinstance(text, str):
            raise InvalidValueError(f"an EDTF date must be a string, not {type(text).__name__}")
        if is_iso_day(text):  # the common case, without the pattern
            # Within a load, a day's text is read once: a statement's date and its date
            # words ("on 2025-07-29") give the same text (the memo goes with the load).
            memo = _memo.current()
            days = None if memo is None or cls is not PartialDate else memo.get(_DAYS)
            found = None if days is None else days.get(text)
            if found is None:
                found = cls(int(text[:4]), int(text[5:7]), int(text[8:]))
                if memo is not None and cls is PartialDate:
                    memo.setdefault(_DAYS, {})[text] = found
            return found
        match = _EDTF_DATE.fullmatch(text)
        if match is None:
            raise InvalidValueError(
                f"not an EDTF date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD, "
                "optionally followed by ?, ~ or %)"
            )
        q = match["q"] or ""
        return cls(
            int(match["year"]),
            int(match["month"]) if match["month"] else None,
            int(match["day"]) if match["day"] else None,
            uncertain=q in "?%" and q != "",
            approximate=q in "~%" and q != "",
        )

    @classmethod
    def from_date(cls, day: dt.date, *, uncertain: bool = False) -> PartialDate:
        """Make a day-precision date from a :class:`datetime.date`.

        A :class:`datetime.datetime` is refused: take its ``.date()`` in the zone you mean.

        >>> import datetime as dt
        >>> from tradetalks import PartialDate
        >>> PartialDate.from_date(dt.date(2025, 8, 12))
        PartialDate('2025-08-12')
        """
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise InvalidValueError(
                f"expected a datetime.date, not {type(day).__name__}; "
                "take a datetime's .date() in the zone you mean"
            )
        return cls(day.year, day.month, day.day, uncertain=uncertain)

    def to_edtf(self) -> str:
        """The EDTF text of the date; ``str()`` gives the same.

        >>> from tradetalks import PartialDate
        >>> PartialDate(2025, 5, approximate=True).to_edtf()
        '2025-05~'
        """
        qualifier = {(False, False): "", (True, False): "?", (False, True): "~", (True, True): "%"}
        return (
            _date_words(self.year, self.month, self.day)
            + qualifier[(self.uncertain, self.approximate)]
        )

    def __str__(self) -> str:
        """The EDTF text, as :meth:`to_edtf`."""
        return self.to_edtf()

    def __repr__(self) -> str:
        """``PartialDate('EDTF')``."""
        return f"PartialDate({self.to_edtf()!r})"

    @property
    def precision(self) -> Precision:
        """How much of the date is known, a :class:`Precision` (``YEAR``, ``MONTH`` or ``DAY``)."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> dt.date:
        """The first day the date can mean (``2025-05`` → 1 May 2025)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date can mean (``2025-05`` → 31 May 2025)."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def to_date(self) -> dt.date:
        """The day itself, for a day-precision date.

        Raises:
            PrecisionError: when the date is known only to the month or the year.

        >>> from tradetalks import PartialDate
        >>> PartialDate(2025, 8, 12).to_date()
        datetime.date(2025, 8, 12)
        """
        if self.day is None:
            unit = "month" if self.month is not None else "year"
            raise PrecisionError(f"{self} is known only to the {unit}, not to the day")
        return self.earliest

    def __contains__(self, day: object) -> bool:
        """Whether a :class:`datetime.date` falls within the days this date can mean.

        >>> import datetime as dt
        >>> from tradetalks import PartialDate
        >>> dt.date(2025, 5, 14) in PartialDate(2025, 5)
        True
        """
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            return False
        return self.earliest <= day <= self.latest

    def sort_key(self) -> tuple[dt.date, dt.date, bool, bool]:
        """The key partial dates sort by: earliest day, latest day, uncertain, approximate.

        >>> from tradetalks import PartialDate
        >>> PartialDate(2025, 5).sort_key()
        (datetime.date(2025, 5, 1), datetime.date(2025, 5, 31), False, False)
        """
        return (self.earliest, self.latest, self.uncertain, self.approximate)

    def __lt__(self, other: object) -> bool:
        """Order by :meth:`sort_key`."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def _not_a_datetime(value: dt.datetime) -> InvalidValueError:
    """The error for a datetime where a date is wanted: which day it is depends on a zone."""
    return InvalidValueError(
        f"expected a date, not the datetime {value.isoformat()}: take its .date() in the "
        "zone the day is counted in"
    )


def to_partial_date(value: PartialDate | dt.date | str) -> PartialDate:
    """Accept a PartialDate, a ``datetime.date`` or EDTF text as a PartialDate.

    A PartialDate is returned at once (what a load passes).

    Raises:
        InvalidValueError: for text that is not EDTF, a datetime (its day depends on a
            zone: take its ``.date()``), or a value of another type.

    >>> import datetime as dt
    >>> from tradetalks.dates import to_partial_date
    >>> to_partial_date("2025-05"), to_partial_date(dt.date(2025, 5, 12))
    (PartialDate('2025-05'), PartialDate('2025-05-12'))
    >>> to_partial_date(20250512)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: expected a PartialDate, a datetime.date or EDTF text such
    as '2025-05-12' or '2025-05', not int
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return PartialDate.from_edtf(value)
    if isinstance(value, dt.datetime):
        raise _not_a_datetime(value)
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    raise InvalidValueError(
        "expected a PartialDate, a datetime.date or EDTF text such as '2025-05-12' or "
        f"'2025-05', not {type(value).__name__}"
    )


def to_day(value: dt.date | PartialDate | str) -> dt.date:
    """Accept a full calendar day: a ``datetime.date``, ``YYYY-MM-DD`` text, or a PartialDate.

    For a field that is one whole day, such as a source's dateline. A ``datetime.date`` is
    returned at once (what a load passes). A PartialDate or EDTF text is taken when it is a
    day, stated: neither a month nor a year, nor uncertain or approximate.

    Raises:
        InvalidValueError: for a month or a year (the message says a full day is needed),
            an uncertain or approximate day, text that is not a date, a day that does not
            exist, a datetime (its day depends on a zone), or a value of another type.

    >>> import datetime as dt
    >>> from tradetalks.dates import PartialDate, to_day
    >>> to_day("2025-05-12"), to_day(PartialDate(2025, 5, 12)), to_day(dt.date(2025, 5, 12))
    (datetime.date(2025, 5, 12), datetime.date(2025, 5, 12), datetime.date(2025, 5, 12))
    >>> to_day("2025-05")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: a full day is needed (YYYY-MM-DD text or a datetime.date),
    not the month 2025-05
    """
    if type(value) is dt.date:  # the common case, as a load gives it
        return value
    if isinstance(value, str) and is_iso_day(value):
        return PartialDate.from_edtf(value).to_date()  # refuses a day that does not exist
    if isinstance(value, dt.datetime):
        raise _not_a_datetime(value)
    if isinstance(value, dt.date):  # a subclass of date: the day itself
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, PartialDate):
        partial = value
    elif isinstance(value, str):
        try:
            partial = PartialDate.from_edtf(value)
        except InvalidValueError:
            raise InvalidValueError(
                f"expected a day as YYYY-MM-DD text or a datetime.date, not {value[:60]!r}"
            ) from None
    else:
        raise InvalidValueError(
            f"expected a datetime.date or a day as YYYY-MM-DD text, not {type(value).__name__}"
        )
    if partial.precision is not Precision.DAY:
        raise InvalidValueError(
            "a full day is needed (YYYY-MM-DD text or a datetime.date), not the "
            f"{partial.precision.name.lower()} {partial}"
        )
    if partial.uncertain or partial.approximate:
        raise InvalidValueError(
            f"a day as stated is needed, not {partial} (uncertain or approximate): "
            f"give {partial.to_date().isoformat()}"
        )
    return partial.to_date()


class SpanEnd(enum.Enum):
    """An end of a :class:`DateSpan` that is not a date: open (EDTF ``..``) or unknown (empty).

    EDTF (level 1) has two ways to leave one end of an interval without a date, and they
    mean different things:

    * ``OPEN``, written ``..``: the span goes on without limit on that side. A position held
      "since March 2025, until further notice" is ``2025-03/..``.
    * ``UNKNOWN``, written as nothing: the span has a first or last day on that side, but the
      source does not give it. Talks that "ended on Tuesday", with no word of when they
      began, are ``/2025-07-29``.

    A member's value is its EDTF text, so ``SpanEnd("..")`` is ``SpanEnd.OPEN``. A span has
    a date at one end at least.

    >>> from tradetalks import DateSpan, SpanEnd
    >>> DateSpan.from_edtf("2025-03/..").end
    <SpanEnd.OPEN: '..'>
    >>> DateSpan("2025-07-28", SpanEnd.UNKNOWN)
    DateSpan('2025-07-28/')
    >>> SpanEnd("..") is SpanEnd.OPEN, SpanEnd("") is SpanEnd.UNKNOWN
    (True, True)
    """

    OPEN = ".."
    """The span goes on without limit on this side, "until further notice" (EDTF ``..``)."""
    UNKNOWN = ""
    """The span stops on this side, on a day the source does not give (EDTF, nothing)."""


_SPAN_ENDS = {member.value: member for member in SpanEnd}


EndInput = PartialDate | SpanEnd | dt.date | str
"""What an end of a span may be given as: a date in any form, a SpanEnd, ``..`` or ``""``."""


def _to_span_end(value: EndInput) -> PartialDate | SpanEnd:
    """Accept an end of a span: a date in any accepted form, a SpanEnd, ``..`` or ``""``."""
    if isinstance(value, (PartialDate, SpanEnd)):
        return value
    if isinstance(value, str):
        member = _SPAN_ENDS.get(value)
        return member if member is not None else PartialDate.from_edtf(value)
    if isinstance(value, dt.date):
        return to_partial_date(value)
    shown = "None: say which of the two it is" if value is None else type(value).__name__
    raise InvalidValueError(
        "an end of a span is a date (a PartialDate, a datetime.date or EDTF text), "
        f"SpanEnd.OPEN ('..') or SpanEnd.UNKNOWN (''), not {shown}"
    )


def _end_text(end: PartialDate | SpanEnd) -> str:
    """The EDTF text of one end: the date, ``..`` (open) or nothing (unknown)."""
    return end.value if isinstance(end, SpanEnd) else end.to_edtf()


def _check_ends(instance: DateSpan, _attribute: attrs.Attribute[Any], _value: object) -> None:
    start, end = instance.start, instance.end
    if isinstance(start, PartialDate) and isinstance(end, PartialDate):
        # Valid when the end can fall on or after the start: 2025-06/2025-06-11 (from June
        # to 11 June) and 2025-06-11/2025-06 are spans; 2025-07/2025-06-30 is not.
        if end.latest < start.earliest:
            raise InvalidValueError(f"the span {start}/{end} ends before it starts")
    elif not isinstance(start, PartialDate) and not isinstance(end, PartialDate):
        raise InvalidValueError(
            f"the span {_end_text(start)}/{_end_text(end)} has no date at either end: "
            "give its start, its end or both (an end may be open, '..', or unknown, '', "
            "only when the other is a date)"
        )


# The sort key of one end, with a rank first: a date, then what is not one.
_EndKey = tuple[int, dt.date, dt.date, bool, bool]
_BEFORE_ALL: _EndKey = (0, dt.date.min, dt.date.min, False, False)
_END_RANKS = {SpanEnd.UNKNOWN: 1, SpanEnd.OPEN: 2}


@functools.total_ordering
@attrs.frozen(repr=False)
class DateSpan:
    """A span of dates from ``start`` to ``end``, both included.

    Each end is a :class:`PartialDate`, or a :class:`SpanEnd` when the source dates only
    the other end: ``SpanEnd.OPEN`` (EDTF ``..``) for a span that goes on without limit on
    that side, ``SpanEnd.UNKNOWN`` (EDTF: nothing) for an end the source does not give. A
    single date is a span whose start and end are that date; its EDTF form is the date
    alone (``2025-05``).

    Args:
        start: a :class:`PartialDate`, a :class:`datetime.date`, EDTF date text, or a
            :class:`SpanEnd` (also accepted as its text, ``".."`` or ``""``).
        end: the same.

    Raises:
        InvalidValueError: when the span ends before it starts, when neither end is a date,
            or for an end given as anything else (``None`` included: say which of
            ``SpanEnd.OPEN`` and ``SpanEnd.UNKNOWN`` it is).

    A span is valid when its end can fall on or after its start, that is when the end's
    last possible day is not before the start's first possible day: ``2025-06/2025-06-11``
    (from June to 11 June) and ``2025-06-11/2025-06`` (from 11 June to a day in June) are
    spans, ``2025-07/2025-06-30`` is not. For what :attr:`earliest`, :attr:`latest`,
    :attr:`precision`, ``in`` and the order mean with an open or unknown end, see each.

    >>> import datetime as dt
    >>> from tradetalks import DateSpan, SpanEnd
    >>> talks = DateSpan(dt.date(2025, 7, 28), dt.date(2025, 7, 29))
    >>> talks
    DateSpan('2025-07-28/2025-07-29')
    >>> dt.date(2025, 7, 29) in talks, dt.date(2025, 7, 30) in talks
    (True, False)
    >>> DateSpan("2025-05", "2025-05").to_edtf()
    '2025-05'
    >>> DateSpan("2025-03", SpanEnd.OPEN), DateSpan("", "2025-07-29")
    (DateSpan('2025-03/..'), DateSpan('/2025-07-29'))
    >>> DateSpan("2025-07", "2025-06-30")
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: the span 2025-07/2025-06-30 ends before it starts
    """

    start: PartialDate | SpanEnd = attrs.field(converter=_to_span_end)
    end: PartialDate | SpanEnd = attrs.field(converter=_to_span_end, validator=_check_ends)

    @classmethod
    def from_edtf(cls, text: str) -> DateSpan:
        """Parse an EDTF date (``2025-05``) or interval (``2025-07-28/2025-07-29``).

        Either end of an interval may be open, ``..`` (``2025-03/..``, ``../2025-05``), or
        unknown, left empty (``2025-07-28/``, ``/2025-07-29``), as long as the other is a
        date; :meth:`to_edtf` writes such a span back as it was read.

        Args:
            text: the EDTF text, a :class:`str`.

        Raises:
            InvalidValueError: for text that is neither, an interval with no date at either
                end (``../..``, ``/``), or one that ends before it starts.

        >>> from tradetalks import DateSpan
        >>> DateSpan.from_edtf("2025-05").start
        PartialDate('2025-05')
        >>> DateSpan.from_edtf("2025-05-14/..").end
        <SpanEnd.OPEN: '..'>
        >>> DateSpan.from_edtf("/2025-05-14").start
        <SpanEnd.UNKNOWN: ''>
        >>> DateSpan.from_edtf("../..")  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        tradetalks.errors.InvalidValueError: the span ../.. has no date at either end: give its
        start, its end or both (an end may be open, '..', or unknown, '', only when the other
        is a date)
        """
        if not isinstance(text, str):
            raise InvalidValueError(f"an EDTF date must be a string, not {type(text).__name__}")
        parts = text.split("/")
        if len(parts) == 1:
            day = PartialDate.from_edtf(text)
            return cls(day, day)
        if len(parts) == 2:
            return cls(*map(_edtf_end, parts))
        raise InvalidValueError(
            f"not an EDTF date or interval: {text!r} (expected a date, or two ends joined by "
            "'/', each a date, '..' for open or nothing for unknown)"
        )

    @classmethod
    def single(cls, day: PartialDate | dt.date | str) -> DateSpan:
        """A span of one date.

        >>> from tradetalks import DateSpan
        >>> DateSpan.single("2025-06")
        DateSpan('2025-06')
        """
        one = to_partial_date(day)
        return cls(one, one)

    def to_edtf(self) -> str:
        """The EDTF text: the date alone for a single date, else ``start/end``.

        An open end is written ``..`` and an unknown one as nothing.

        >>> from tradetalks import DateSpan
        >>> DateSpan.from_edtf("2025-07-28/2025-07-29").to_edtf()
        '2025-07-28/2025-07-29'
        >>> [DateSpan.from_edtf(text).to_edtf() for text in ("2025-03/..", "/2025-07-29")]
        ['2025-03/..', '/2025-07-29']
        """
        if self.start == self.end and isinstance(self.start, PartialDate):
            return self.start.to_edtf()
        return f"{_end_text(self.start)}/{_end_text(self.end)}"

    def __str__(self) -> str:
        """The EDTF text, as :meth:`to_edtf`."""
        return self.to_edtf()

    def __repr__(self) -> str:
        """``DateSpan('EDTF')``."""
        return f"DateSpan({self.to_edtf()!r})"

    @property
    def earliest(self) -> dt.date | None:
        """The first day the span can include, or ``None`` when its start is not a date.

        A :class:`datetime.date`: the start's earliest day. An open start (``..``) has no
        first day, and an unknown one has a first day the source does not give: for both
        the answer is ``None``, never a day made up.

        >>> from tradetalks import DateSpan
        >>> DateSpan.from_edtf("2025-06/2025-06-11").earliest
        datetime.date(2025, 6, 1)
        >>> print(DateSpan.from_edtf("/2025-06-11").earliest)
        None
        """
        return self.start.earliest if isinstance(self.start, PartialDate) else None

    @property
    def latest(self) -> dt.date | None:
        """The last day the span can include, or ``None`` when its end is not a date.

        A :class:`datetime.date`: the end's latest day. An open end (``..``, "until further
        notice") has no last day, and an unknown one has a last day the source does not
        give: for both the answer is ``None``.

        >>> from tradetalks import DateSpan
        >>> DateSpan.from_edtf("2025-06-11/2025-06").latest
        datetime.date(2025, 6, 30)
        >>> print(DateSpan.from_edtf("2025-03/..").latest)
        None
        """
        return self.end.latest if isinstance(self.end, PartialDate) else None

    @property
    def precision(self) -> Precision:
        """The coarser :class:`Precision` of its ends that are dates.

        An open or unknown end has no precision of its own: the span's is its date's.

        >>> from tradetalks import DateSpan
        >>> DateSpan.from_edtf("2025-06/2025-06-11").precision.name
        'MONTH'
        >>> DateSpan.from_edtf("2025-05-14/..").precision.name
        'DAY'
        """
        return min(end.precision for end in (self.start, self.end) if isinstance(end, PartialDate))

    def __contains__(self, day: object) -> bool:
        """Whether a :class:`datetime.date` is a day the span can include.

        It can when it lies from :attr:`earliest` to :attr:`latest`, both included; on the
        side of an open or unknown end there is no limit (an open end has none, and an
        unknown one can lie anywhere beyond the other end). Anything but a date is in no
        span.

        >>> import datetime as dt
        >>> from tradetalks import DateSpan
        >>> held = DateSpan.from_edtf("2025-03/..")
        >>> dt.date(2025, 2, 28) in held, dt.date(2025, 3, 1) in held, dt.date(2030, 1, 1) in held
        (False, True, True)
        """
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            return False
        earliest, latest = self.earliest, self.latest
        return (earliest is None or earliest <= day) and (latest is None or day <= latest)

    def sort_key(self) -> tuple[_EndKey, int, _EndKey]:
        """The key spans sort by: in order of their start, then of their end.

        Dates compare by :meth:`PartialDate.sort_key`. An open start comes before every
        date; a span whose start is unknown is placed at its end (it began on a day not
        given, on or before it), before a span that starts on that date. Among equal starts,
        an end that is a date comes first, then an unknown end, then an open one. The order
        is total and agrees with ``==``.

        Returns:
            ``(first, kind, last)``: ``first`` and ``last`` are tuples of a rank (an
            :class:`int`), two :class:`datetime.date` and two :class:`bool`; ``kind`` is
            0 for an open start, 1 for an unknown one and 2 for a date.

        >>> from tradetalks import DateSpan
        >>> spans = ["2025-06", "/2025-07-29", "2025-05-14/..", "../2025-05", "2025-05-14"]
        >>> [str(s) for s in sorted(map(DateSpan.from_edtf, spans))]
        ['../2025-05', '2025-05-14', '2025-05-14/..', '2025-06', '/2025-07-29']
        """
        start, end = self.start, self.end
        last: _EndKey = (
            (0, *end.sort_key())
            if isinstance(end, PartialDate)
            else (_END_RANKS[end], dt.date.max, dt.date.max, False, False)
        )
        if isinstance(start, PartialDate):
            return ((1, *start.sort_key()), 2, last)
        if start is SpanEnd.UNKNOWN and isinstance(end, PartialDate):
            return ((1, *end.sort_key()), 1, last)
        return (_BEFORE_ALL, 0, last)

    def __lt__(self, other: object) -> bool:
        """Order by :meth:`sort_key`."""
        if not isinstance(other, DateSpan):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def dated_ends(span: DateSpan) -> tuple[PartialDate, PartialDate]:
    """The first and the last end of a span that are dates (a span has one at least).

    For a span with an open or unknown end, its one date, twice: what a picture or a
    calendar can place without making up a day.

    >>> from tradetalks import DateSpan
    >>> from tradetalks.dates import dated_ends
    >>> dated_ends(DateSpan.from_edtf("/2025-07-29"))
    (PartialDate('2025-07-29'), PartialDate('2025-07-29'))
    """
    dated = [end for end in (span.start, span.end) if isinstance(end, PartialDate)]
    return dated[0], dated[-1]


def _edtf_end(text: str) -> PartialDate | SpanEnd:
    """One end of an EDTF interval: ``..`` (open), nothing (unknown), or a date."""
    member = _SPAN_ENDS.get(text)
    return member if member is not None else PartialDate.from_edtf(text)


SpanInput = DateSpan | PartialDate | dt.date | str | tuple[EndInput, EndInput] | list[EndInput]
"""What a span may be given as: a DateSpan, one date, EDTF text, or a ``(start, end)`` pair."""


def to_date_span(value: SpanInput) -> DateSpan:
    """Accept a span of dates in any of its forms as a :class:`DateSpan`.

    A DateSpan is returned at once (what a load passes). EDTF text is a date or an
    interval (``2025-05``, ``2025-07-28/2025-07-29``); a single date (a PartialDate or a
    ``datetime.date``) is a span of that date; a ``(start, end)`` pair (a tuple or a list
    of two) gives the ends, each in any form :class:`DateSpan` takes.

    Raises:
        InvalidValueError: for text that is not EDTF, a span that ends before it starts,
            a datetime (its day depends on a zone), or a value of another type.

    >>> import datetime as dt
    >>> from tradetalks.dates import to_date_span
    >>> to_date_span((dt.date(2025, 7, 28), dt.date(2025, 7, 29)))
    DateSpan('2025-07-28/2025-07-29')
    >>> to_date_span("2025-05"), to_date_span(dt.date(2025, 5, 12))
    (DateSpan('2025-05'), DateSpan('2025-05-12'))
    >>> to_date_span(2025)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: expected a DateSpan, EDTF text such as
    '2025-07-28/2025-07-29', one date (a PartialDate or a datetime.date) or a (start, end)
    pair, not int
    """
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, str):
        return DateSpan.from_edtf(value)
    if isinstance(value, (PartialDate, dt.date)):
        return DateSpan.single(value)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return DateSpan(value[0], value[1])
    raise InvalidValueError(
        "expected a DateSpan, EDTF text such as '2025-07-28/2025-07-29', one date (a "
        "PartialDate or a datetime.date) or a (start, end) pair, not "
        + (f"a list of {len(value)}" if isinstance(value, (tuple, list)) else type(value).__name__)
    )
