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
=========================  ==============================================

Other level-1 features (unspecified digits such as ``2025-XX``, seasons, open or unknown
interval ends, years beyond four digits) are refused with a clear error.

>>> from tradetalks import PartialDate, DateSpan
>>> may = PartialDate.from_edtf("2025-05")
>>> may.precision.name, may.earliest.isoformat(), may.latest.isoformat()
('MONTH', '2025-05-01', '2025-05-31')
>>> str(DateSpan.from_edtf("2025-07-28/2025-07-29"))
'2025-07-28/2025-07-29'
"""

from __future__ import annotations

__all__ = ["DateSpan", "PartialDate", "Precision"]

import calendar
import datetime as dt
import enum
import functools
import re
from typing import Any

import attrs

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


def is_iso_day(text: str) -> bool:
    """Whether ``text`` is written ``YYYY-MM-DD`` in ASCII digits (ISO 8601's calendar date).

    >>> is_iso_day("2025-07-30"), is_iso_day("2025-7-30"), is_iso_day("٢٠٢٥-07-30")
    (True, False, False)
    """
    digits = text[:4] + text[5:7] + text[8:]
    return len(text) == 10 and text[4] == text[7] == "-" and digits.isascii() and digits.isdigit()


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
    raise InvalidValueError(f"the {name} of a date must be a whole number, not {value!r}")


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

        >>> PartialDate.from_edtf("2025-07-29?")
        PartialDate('2025-07-29?')
        >>> PartialDate.from_edtf("2025-07-29?").uncertain
        True
        >>> PartialDate.from_edtf("July 2025")
        Traceback (most recent call last):
        ...
        tradetalks.errors.InvalidValueError: not an EDTF date: 'July 2025' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %)
        """
        if not isinstance(text, str):
            raise InvalidValueError(f"an EDTF date must be a string, not {type(text).__name__}")
        if is_iso_day(text):  # the common case, without the pattern
            return cls(int(text[:4]), int(text[5:7]), int(text[8:]))
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

        >>> PartialDate(2025, 8, 12).to_date()
        datetime.date(2025, 8, 12)
        """
        if self.day is None:
            unit = "month" if self.month is not None else "year"
            raise PrecisionError(f"{self} is known only to the {unit}, not to the day")
        return self.earliest

    def __contains__(self, day: object) -> bool:
        """Whether a :class:`datetime.date` falls within the days this date can mean.

        >>> dt.date(2025, 5, 14) in PartialDate(2025, 5)
        True
        """
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            return False
        return self.earliest <= day <= self.latest

    def sort_key(self) -> tuple[dt.date, dt.date, bool, bool]:
        """The key partial dates sort by: earliest day, latest day, uncertain, approximate.

        >>> PartialDate(2025, 5).sort_key()
        (datetime.date(2025, 5, 1), datetime.date(2025, 5, 31), False, False)
        """
        return (self.earliest, self.latest, self.uncertain, self.approximate)

    def __lt__(self, other: object) -> bool:
        """Order by :meth:`sort_key`."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def to_partial_date(value: PartialDate | dt.date | str) -> PartialDate:
    """Accept a PartialDate, a ``datetime.date`` or an EDTF string as a PartialDate."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return PartialDate.from_edtf(value)
    return PartialDate.from_date(value)


def _check_order(instance: DateSpan, _attribute: attrs.Attribute[Any], _value: object) -> None:
    start, end = instance.start, instance.end
    if end.latest < start.earliest or end.earliest < start.earliest or end.latest < start.latest:
        raise InvalidValueError(f"the span {start}/{end} ends before it starts")


@functools.total_ordering
@attrs.frozen(repr=False)
class DateSpan:
    """A span of dates from ``start`` to ``end``, both included, each a :class:`PartialDate`.

    A single date is a span whose start and end are the same; its EDTF form is that date
    alone (``2025-05``). Dates given as :class:`datetime.date` or EDTF strings are accepted
    and converted.

    Raises:
        InvalidValueError: when the span ends before it starts.

    Spans sort by their start, then their end (each by :meth:`PartialDate.sort_key`).

    >>> talks = DateSpan(dt.date(2025, 7, 28), dt.date(2025, 7, 29))
    >>> talks
    DateSpan('2025-07-28/2025-07-29')
    >>> dt.date(2025, 7, 29) in talks, dt.date(2025, 7, 30) in talks
    (True, False)
    >>> DateSpan("2025-05", "2025-05").to_edtf()
    '2025-05'
    """

    start: PartialDate = attrs.field(converter=to_partial_date)
    end: PartialDate = attrs.field(converter=to_partial_date, validator=_check_order)

    @classmethod
    def from_edtf(cls, text: str) -> DateSpan:
        """Parse an EDTF date (``2025-05``) or interval of two dates (``2025-07-28/2025-07-29``).

        Raises:
            InvalidValueError: for text that is neither, or an interval that ends before it
                starts.

        >>> DateSpan.from_edtf("2025-05").start
        PartialDate('2025-05')
        """
        if not isinstance(text, str):
            raise InvalidValueError(f"an EDTF date must be a string, not {type(text).__name__}")
        parts = text.split("/")
        if len(parts) == 1:
            day = PartialDate.from_edtf(text)
            return cls(day, day)
        if len(parts) == 2 and all(parts):
            return cls(PartialDate.from_edtf(parts[0]), PartialDate.from_edtf(parts[1]))
        raise InvalidValueError(
            f"not an EDTF date or interval of two dates: {text!r} "
            "(open and unknown ends are not supported)"
        )

    @classmethod
    def single(cls, day: PartialDate | dt.date | str) -> DateSpan:
        """A span of one date.

        >>> DateSpan.single("2025-06")
        DateSpan('2025-06')
        """
        one = to_partial_date(day)
        return cls(one, one)

    def to_edtf(self) -> str:
        """The EDTF text: the date alone for a single date, else ``start/end``.

        >>> DateSpan.from_edtf("2025-07-28/2025-07-29").to_edtf()
        '2025-07-28/2025-07-29'
        """
        if self.start == self.end:
            return self.start.to_edtf()
        return f"{self.start.to_edtf()}/{self.end.to_edtf()}"

    def __str__(self) -> str:
        """The EDTF text, as :meth:`to_edtf`."""
        return self.to_edtf()

    def __repr__(self) -> str:
        """``DateSpan('EDTF')``."""
        return f"DateSpan({self.to_edtf()!r})"

    @property
    def earliest(self) -> dt.date:
        """The first day the span can include."""
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        """The last day the span can include."""
        return self.end.latest

    @property
    def precision(self) -> Precision:
        """The coarser precision of its two ends."""
        return min(self.start.precision, self.end.precision)

    def __contains__(self, day: object) -> bool:
        """Whether a :class:`datetime.date` falls between the earliest and latest day."""
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            return False
        return self.earliest <= day <= self.latest

    def sort_key(
        self,
    ) -> tuple[tuple[dt.date, dt.date, bool, bool], tuple[dt.date, dt.date, bool, bool]]:
        """The key spans sort by: the start's key, then the end's.

        >>> DateSpan.from_edtf("2025-06").sort_key() > DateSpan.from_edtf("2025-05").sort_key()
        True
        """
        return (self.start.sort_key(), self.end.sort_key())

    def __lt__(self, other: object) -> bool:
        """Order by :meth:`sort_key`."""
        if not isinstance(other, DateSpan):
            return NotImplemented
        return self.sort_key() < other.sort_key()


def to_date_span(value: DateSpan | PartialDate | dt.date | str) -> DateSpan:
    """Accept a DateSpan, a single date in any accepted form, or EDTF text, as a DateSpan."""
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, str):
        return DateSpan.from_edtf(value)
    return DateSpan.single(value)
