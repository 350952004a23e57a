"""Truces and their deadlines: :class:`Truce`, :class:`TruceTerm`, :func:`truce_days_remaining`.

A truce is a suspension agreed between parties, with a deadline. Its first
:class:`TruceTerm` is the original truce; each extension is a new term, never an overwritten
end date, so the record can say what was known on any day.

The rules, all in calendar days (never months):

* A term covers the half-open interval [start, end): the 90-day truce that started on
  2025-05-14 ends on 2025-08-12, and on 2025-08-12 it is no longer in force.
* Days remaining on a day *D* are whole calendar days from *D* to the end date of the term
  in force, ``end - D``: 14 on 2025-07-29, 1 on 2025-08-11, 0 on and after the end, never
  negative. Before the start it still counts to the end; :meth:`Truce.status` says the
  truce has not started.
* With an aware datetime and a term whose end is an instant, days remaining are whole days
  of absolute time left, floored; :meth:`Truce.time_remaining` gives the exact
  :class:`~datetime.timedelta`. A deadline given only as a day is read on the observer's own
  calendar (the datetime's local date).
* Extensions count as known from the day they were announced: a term announced after *D*
  does not move the deadline seen on *D*.
* A deadline known only to the month cannot give a day count: that raises
  :class:`~tradetalks.PrecisionError`.

>>> from datetime import date
>>> from tradetalks import truce_days_remaining
>>> from tradetalks.fixtures import stockholm_2025
>>> truce = stockholm_2025().truces[0]
>>> truce_days_remaining(truce, date(2025, 7, 30))
13
>>> [truce_days_remaining(truce, date(2025, 8, d)) for d in (11, 12, 13)]
[1, 0, 0]
"""

from __future__ import annotations

__all__ = ["Truce", "TruceStatus", "TruceTerm", "truce_days_remaining"]

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from tradetalks._fields import (
    REFERENCE_MARK,
    check_id,
    check_instances,
    check_optional_text,
    check_text,
    in_field,
    record_class,
    to_tuple,
)
from tradetalks.actors import Party
from tradetalks.dates import PartialDate, Precision, to_partial_date
from tradetalks.errors import InvalidValueError, PrecisionError
from tradetalks.instants import (
    add_calendar_days,
    elapsed,
    parse_instant,
    require_aware,
    require_instant,
)
from tradetalks.sources import check_evidence, check_evidence_items

if TYPE_CHECKING:
    from tradetalks.sources import Evidence

Bound = PartialDate | dt.datetime
"""A term's start or end: a day (or coarser) as a PartialDate, or an instant in a zone."""

_ONE_DAY = dt.timedelta(days=1)


def to_bound(value: PartialDate | dt.date | dt.datetime | str) -> Bound:
    """Accept a PartialDate, a date, an aware datetime in an IANA zone, or EDTF/RFC 9557 text."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        return require_instant(value)
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        # An EDTF date has no letter: a "T" (or RFC 3339's "t") makes it an instant.
        return (
            parse_instant(value) if "T" in value or "t" in value else PartialDate.from_edtf(value)
        )
    raise InvalidValueError(
        f"expected a date, an aware datetime or EDTF or RFC 9557 text, not {type(value).__name__}"
    )


def bound_key(bound: Bound) -> object:
    """What makes two bounds the same: an instant's absolute time and zone, or the date.

    Python compares two datetimes that share a ``tzinfo`` by their wall-clock time, so the
    two 01:30s of the night clocks go back would be equal; they are not the same instant.
    """
    if isinstance(bound, dt.datetime):
        return (bound.astimezone(dt.UTC), str(bound.tzinfo))
    return bound


def _optional_partial_date(value: PartialDate | dt.date | str | None) -> PartialDate | None:
    return None if value is None else in_field("announced_on", to_partial_date, value)


def _start(value: PartialDate | dt.date | dt.datetime | str) -> Bound:
    return in_field("start", to_bound, value)


def _end(value: PartialDate | dt.date | dt.datetime | str) -> Bound:
    return in_field("end", to_bound, value)


def _bound_text(bound: Bound) -> str:
    if isinstance(bound, dt.datetime):
        return f"{bound.isoformat()}[{bound.tzinfo}]"
    return bound.to_edtf()


def _bound_day(bound: Bound, purpose: str) -> dt.date:
    """The calendar day of a bound: an instant's date in its own zone, or a day-precision date."""
    if isinstance(bound, dt.datetime):
        return bound.date()
    if bound.precision is not Precision.DAY:
        unit = bound.precision.name.lower()
        raise PrecisionError(f"{bound} is known only to the {unit}, so {purpose}")
    return bound.to_date()


def _as_of_day(as_of: dt.date) -> dt.date:
    if isinstance(as_of, dt.datetime):
        return require_aware(as_of, "as_of").date()
    if not isinstance(as_of, dt.date):
        raise InvalidValueError(
            f"expected a datetime.date or an aware datetime, not {type(as_of).__name__}",
            where="as_of",
        )
    return as_of


def _is_before(as_of: dt.date, bound: Bound) -> bool:
    """Whether ``as_of`` (a day, or an aware datetime) comes before ``bound``."""
    if isinstance(as_of, dt.datetime) and isinstance(bound, dt.datetime):
        return require_aware(as_of, "as_of").astimezone(dt.UTC) < bound.astimezone(dt.UTC)
    day = _as_of_day(as_of)
    if isinstance(bound, dt.datetime):
        return day < bound.date()
    if day < bound.earliest:
        return True
    if day > bound.latest:
        return False
    return day < _bound_day(bound, f"it cannot say whether {day} comes before it")


class TruceStatus(enum.Enum):
    """Where a truce, or one of its terms, stands on a given day."""

    NOT_STARTED = "not_started"
    """Before the start (for a term, also before it is announced)."""
    IN_FORCE = "in_force"
    """Between the start and the deadline."""
    EXPIRED = "expired"
    """On or after the deadline, with no extension known."""
    EXTENDED = "extended"
    """Only for a past term, when it ended and a known extension followed it."""


@record_class
@attrs.frozen(kw_only=True)
class TruceTerm:
    """One term of a truce: from ``start`` up to, not including, ``end``.

    Attributes:
        start: when the term begins: a :class:`~tradetalks.PartialDate` (a
            :class:`datetime.date` or EDTF text is accepted) or an aware
            :class:`datetime.datetime` in an IANA zone (or RFC 9557 text).
        end: the deadline, in the same forms; the term is no longer in force from it on.
        announced_on: the day the term was announced; required for an extension, since an
            extension counts as known only from that day. ``None`` for an original term
            whose announcement the source does not date.
        evidence: where the source states the term (may be empty only when ``derivation``
            says how the term was worked out).
        derivation: how any value of the term that is not read from the evidence was
            worked out, such as a start computed from the end and the length in days.

    Raises:
        InvalidValueError: for a term that ends before it starts or lasts zero days, a
            naive datetime, or a term with neither evidence nor derivation.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> term = stockholm_2025().truces[0].terms[0]
    >>> str(term.start), str(term.end), term.days
    ('2025-05-14', '2025-08-12', 90)
    >>> term.derivation
    'start: the end (August 12) less the 90 days of the "90-day tariff truce"'
    """

    start: Bound = attrs.field(converter=_start, eq=bound_key)
    end: Bound = attrs.field(converter=_end, eq=bound_key)
    announced_on: PartialDate | None = attrs.field(default=None, converter=_optional_partial_date)
    evidence: tuple[Evidence, ...] = attrs.field(factory=tuple, converter=to_tuple)
    derivation: str | None = attrs.field(default=None, validator=check_optional_text)

    def __attrs_post_init__(self) -> None:
        """Check the evidence and that the term ends after it starts."""
        check_evidence_items(self, attrs.fields(TruceTerm).evidence, self.evidence)
        if not self.evidence and self.derivation is None:
            raise InvalidValueError(
                "a term needs evidence, or a derivation saying how it was worked out",
                where="evidence",
            )
        start, end = self.start, self.end
        span = f"{_bound_text(start)} to {_bound_text(end)}"
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            if elapsed(start, end) <= dt.timedelta(0):
                raise InvalidValueError(
                    f"the term {span} does not end after it starts", where="end"
                )
            return
        first = start.date() if isinstance(start, dt.datetime) else start.earliest
        last = end.date() if isinstance(end, dt.datetime) else end.latest
        if last < first:
            raise InvalidValueError(f"the term {span} ends before it starts", where="end")
        if last == first:
            raise InvalidValueError(f"the term {span} lasts zero days", where="end")

    @property
    def days(self) -> int:
        """The term's length in calendar days from its start day to its end day.

        Raises:
            PrecisionError: when either end is known only to the month or year.
        """
        start = _bound_day(self.start, "the term's length in days is unknown")
        return (_bound_day(self.end, "the term's length in days is unknown") - start).days


def _check_parties(
    instance: Truce, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    check_instances(Party)(instance, attribute, value)
    codes = [party.code for party in value]
    if len(set(codes)) < 2 or len(set(codes)) != len(codes):
        raise InvalidValueError(
            f"a truce is agreed between two or more different parties, not {codes}",
            where=attribute.name,
        )


def _check_terms(instance: Truce, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    check_instances(TruceTerm)(instance, attribute, value)
    if not value:
        raise InvalidValueError("a truce needs at least its original term", where=attribute.name)
    for index in range(1, len(value)):
        term, previous = value[index], value[index - 1]
        where = f"{attribute.name}[{index}]"
        if bound_key(term.start) != bound_key(previous.end):
            raise InvalidValueError(
                f"an extension starts where the term before it ends "
                f"({_bound_text(previous.end)}), not at {_bound_text(term.start)}",
                where=f"{where}.start",
            )
        if term.announced_on is None:
            raise InvalidValueError(
                "an extension needs the day it was announced", where=f"{where}.announced_on"
            )
        if previous.announced_on is not None and term.announced_on < previous.announced_on:
            raise InvalidValueError(
                f"announced on {term.announced_on}, before the term it extends "
                f"({previous.announced_on})",
                where=f"{where}.announced_on",
            )


@record_class
@attrs.frozen(kw_only=True)
class Truce:
    """A suspension agreed between parties, with an ordered chain of terms.

    Attributes:
        id: the truce's id in its dataset.
        parties: the parties that agreed it, two or more, each a :class:`~tradetalks.Party`.
        suspended: what is suspended, in the source's words ("tariffs").
        terms: its terms in order, each a :class:`TruceTerm`: the original term, then each extension,
            each starting where the one before it ends.
        evidence: where the source states the truce.

    Raises:
        InvalidValueError: for fewer than two parties, no terms, or an extension that does
            not start where the term before it ends or has no announcement day.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> truce = stockholm_2025().truces[0]
    >>> [p.code for p in truce.parties], truce.suspended, len(truce.terms)
    (['CN', 'US'], 'tariffs', 1)
    """

    id: str = attrs.field(validator=check_id)
    parties: tuple[Party, ...] = attrs.field(
        converter=to_tuple, metadata=REFERENCE_MARK, validator=_check_parties
    )
    suspended: str = attrs.field(validator=check_text)
    terms: tuple[TruceTerm, ...] = attrs.field(converter=to_tuple, validator=_check_terms)
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )

    def terms_known_on(self, as_of: dt.date) -> tuple[TruceTerm, ...]:
        """The terms known on ``as_of``: the original term and the extensions announced by then.

        An extension announced on a day counts as known from that whole day; one announced
        only to the month counts from the month's last day.

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime` (its
                local date is used).

        Raises:
            NaiveDatetimeError: for a naive datetime.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> len(stockholm_2025().truces[0].terms_known_on(date(2025, 7, 30)))
        1
        """
        day = _as_of_day(as_of)
        known = [self.terms[0]]
        for term in self.terms[1:]:
            if term.announced_on is None or term.announced_on.latest > day:
                break
            known.append(term)
        return tuple(known)

    def deadline(self, as_of: dt.date) -> TruceTerm:
        """The term that sets the deadline as known on ``as_of``; its ``end`` is the deadline.

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive datetime.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> str(stockholm_2025().truces[0].deadline(date(2025, 7, 30)).end)
        '2025-08-12'
        """
        return self.terms_known_on(as_of)[-1]

    def status(self, as_of: dt.date, term: TruceTerm | None = None) -> TruceStatus:
        """Where the truce (or one of its terms) stands on ``as_of``.

        For the truce: ``NOT_STARTED`` before its first term starts, ``IN_FORCE`` before the
        deadline known on ``as_of``, ``EXPIRED`` from it on. For a term: the same, except
        that a term not yet announced is ``NOT_STARTED`` and a past term followed by a
        known extension is ``EXTENDED``.

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.
            term: one of this truce's terms, or ``None`` for the truce as a whole.

        Raises:
            NaiveDatetimeError: for a naive datetime.
            PrecisionError: when a month-precision bound leaves the answer open.
            InvalidValueError: for a term that is not one of this truce's.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> truce = stockholm_2025().truces[0]
        >>> [truce.status(date(2025, m, d)).value for m, d in ((5, 13), (7, 30), (8, 12))]
        ['not_started', 'in_force', 'expired']
        """
        known = self.terms_known_on(as_of)
        if term is None:
            if _is_before(as_of, self.terms[0].start):
                return TruceStatus.NOT_STARTED
            if _is_before(as_of, known[-1].end):
                return TruceStatus.IN_FORCE
            return TruceStatus.EXPIRED
        if term not in self.terms:
            raise InvalidValueError(f"the term is not one of truce {self.id!r}'s", where="term")
        if term not in known or _is_before(as_of, term.start):
            return TruceStatus.NOT_STARTED
        if _is_before(as_of, term.end):
            return TruceStatus.IN_FORCE
        return TruceStatus.EXPIRED if term == known[-1] else TruceStatus.EXTENDED

    def days_remaining(self, as_of: dt.date) -> int:
        """Whole days left until the deadline known on ``as_of``; never negative.

        With ``as_of`` a :class:`datetime.date`: calendar days from it to the deadline's day
        (an instant's date in its own zone). With an aware :class:`datetime.datetime` and a
        deadline that is an instant: whole days of absolute time left, floored; with a
        deadline that is a day: calendar days from the datetime's local date.

        Raises:
            PrecisionError: when the deadline is known only to the month or year.
            NaiveDatetimeError: for a naive datetime.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm_2025().truces[0].days_remaining(date(2025, 7, 29))
        14
        """
        end = self.deadline(as_of).end
        if isinstance(as_of, dt.datetime) and isinstance(end, dt.datetime):
            return self.time_remaining(as_of) // _ONE_DAY
        day = _as_of_day(as_of)
        end_day = _bound_day(end, "no count of days to it can be given")
        return max(0, (end_day - day).days)

    def time_remaining(self, at: dt.datetime) -> dt.timedelta:
        """The absolute time left at the instant ``at`` until the deadline known then.

        Never negative. Computed in UTC, whatever the zones of ``at`` and the deadline.

        Args:
            at: an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive ``at``.
            InvalidValueError: when ``at`` is not a datetime (a plain date has no time of
                day: use :meth:`days_remaining`).
            PrecisionError: when the deadline is a day rather than an instant.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from tradetalks.fixtures import stockholm_2025
        >>> truce = stockholm_2025().truces[0].extend(
        ...     days=90, announced_on="2025-08-11", derivation="an example extension")
        >>> truce.time_remaining(datetime(2025, 8, 12, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
        Traceback (most recent call last):
        ...
        tradetalks.errors.PrecisionError: the deadline 2025-11-10 is a day, not an instant; use days_remaining() for a count of days
        """
        if not isinstance(at, dt.datetime):
            raise InvalidValueError(
                f"expected an aware datetime, not {type(at).__name__}", where="at"
            )
        require_aware(at, "at")
        end = self.deadline(at).end
        if not isinstance(end, dt.datetime):
            raise PrecisionError(
                f"the deadline {end} is a day, not an instant; "
                "use days_remaining() for a count of days"
            )
        return max(dt.timedelta(0), elapsed(at, end))

    def extend(
        self,
        *,
        days: int,
        announced_on: PartialDate | dt.date | str,
        evidence: Evidence | Iterable[Evidence] = (),
        derivation: str | None = None,
    ) -> Truce:
        """A new truce with one more term: ``days`` calendar days from the current end.

        A day-precision end moves exactly ``days`` days; an instant keeps its wall-clock
        time in its own zone, so across a daylight-saving change the absolute length
        differs by the change.

        Args:
            days: the extension's length in calendar days, 1 or more.
            announced_on: the day it was announced (a date, PartialDate or EDTF text).
            evidence: where a source states it (one :class:`~tradetalks.Evidence` or several).
            derivation: how it was worked out, when there is no evidence.

        Raises:
            InvalidValueError: for ``days`` below 1, or neither evidence nor derivation.
            PrecisionError: when the current end is known only to the month or year.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> longer = stockholm_2025().truces[0].extend(
        ...     days=90, announced_on="2025-08-11", derivation="an example extension")
        >>> [str(term.end) for term in longer.terms]
        ['2025-08-12', '2025-11-10']
        """
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise InvalidValueError(
                f"an extension lasts one or more whole days, not {days!r}", where="days"
            )
        end = self.terms[-1].end
        new_end: Bound
        try:
            if isinstance(end, dt.datetime):
                new_end = add_calendar_days(end, days)
            else:
                day = _bound_day(end, "it cannot be extended by a count of days")
                new_end = PartialDate.from_date(day + dt.timedelta(days=days))
        except OverflowError:
            raise InvalidValueError(
                f"{days} days from {_bound_text(end)} fall outside the calendar", where="days"
            ) from None
        pieces = (evidence,) if not isinstance(evidence, Iterable) else tuple(evidence)
        term = TruceTerm(
            start=end,
            end=new_end,
            announced_on=_optional_partial_date(announced_on),
            evidence=pieces,
            derivation=derivation,
        )
        return attrs.evolve(self, terms=(*self.terms, term))


def truce_days_remaining(truce: Truce, as_of: dt.date) -> int:
    """Whole days left on ``truce`` as known on ``as_of``; see :meth:`Truce.days_remaining`.

    Args:
        truce: a :class:`Truce`.
        as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

    Returns:
        Calendar days (for a date) or whole days of absolute time (for a datetime and a
        deadline that is an instant), never negative.

    Raises:
        PrecisionError: when the deadline is known only to the month or year.
        NaiveDatetimeError: for a naive datetime.

    >>> from datetime import date
    >>> from tradetalks.fixtures import stockholm_2025
    >>> truce_days_remaining(stockholm_2025().truces[0], date(2025, 7, 29))
    14
    """
    if not isinstance(truce, Truce):
        raise InvalidValueError(f"expected a Truce, not {type(truce).__name__}", where="truce")
    return truce.days_remaining(as_of)
