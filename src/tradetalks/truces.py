"""Truces and their deadlines: :class:`Truce`, :class:`TruceTerm`, :class:`TruceEnd`.

A truce is a suspension with a deadline: by one party (a one-sided measure, such as the US
suspension of its additional duties on Chinese goods) or agreed between several, made under
an :class:`~tradetalks.Agreement` or on its own. Its first :class:`TruceTerm` is the
original truce; each extension is a new term, never an overwritten end date, and a term may
start after the one before it ends (a lapse). A :class:`TruceEnd` records an end before the
last deadline. So the record can say what was known at any moment.

The rules, all in calendar days (never months):

* A term covers the half-open interval [start, end): the 90-day truce that started on
  2025-05-14 ends on 2025-08-12, and on 2025-08-12 it is no longer in force. A term given
  by its start and a number of days ends that many calendar days later, at the same
  wall-clock time in the start's zone (12 Aug 00:01 EDT + 90 days is 10 Nov 00:01 EST, 90
  days and 1 hour of absolute time). A term "until further notice" has no end.
* Days remaining on a day *D* are whole calendar days from *D* to the deadline's day: 14
  on 2025-07-29, 1 on 2025-08-11, 0 on and after the deadline, never negative. The
  deadline is the end of the term in force, or of the last of the known terms that follow
  it without a gap. Before the start the count still runs to it; :meth:`Truce.status` says
  the truce has not started. During a lapse, and after an early end, 0 days remain.
* With an aware datetime and a deadline that is an instant, days remaining are whole days
  of absolute time left, floored; :meth:`Truce.time_remaining` gives the exact
  :class:`~datetime.timedelta`.
* A day given as ``as_of`` stands at the end of that day: a start, an end or an
  announcement at any instant of that day (in the instant's zone) has happened.
* What was known when: an answer at a moment uses only what was announced by then. A term
  or an early end counts from its announcement: an instant from that instant; a day from the
  start of that day in the zone of the term's bounds when they are instants, and on the
  observer's own date when they are days; a month (or year) from its last day. Before the
  first term's announcement the truce is not known at all (``NOT_ANNOUNCED``).
* A deadline known only to the month cannot give a day count: that raises
  :class:`~tradetalks.PrecisionError`; a term with no end raises
  :class:`~tradetalks.NoDeadlineError`; a truce not yet announced raises
  :class:`~tradetalks.NotAnnouncedError`.

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

__all__ = [
    "EndReason",
    "Truce",
    "TruceEnd",
    "TruceStatus",
    "TruceTerm",
    "truce_days_remaining",
]

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from tradetalks._fields import (
    NONE_IS_A_VALUE,
    REFERENCE_MARK,
    check_id,
    check_instance,
    check_instances,
    check_optional_text,
    check_text,
    in_field,
    record_class,
    to_enum,
    to_tuple,
)
from tradetalks.actors import Party
from tradetalks.agreements import Agreement
from tradetalks.dates import PartialDate, Precision
from tradetalks.errors import (
    InvalidValueError,
    NoDeadlineError,
    NotAnnouncedError,
    PrecisionError,
)
from tradetalks.instants import (
    add_calendar_days,
    elapsed,
    format_instant,
    parse_instant,
    require_aware,
    require_instant,
)
from tradetalks.resolution import ResolvedDate
from tradetalks.sources import check_evidence_items, check_evidence_or_derivation

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tradetalks.sources import Evidence

Bound = PartialDate | dt.datetime
"""A term's start or end: a day (or coarser) as a PartialDate, or an instant in a zone."""

BoundInput = PartialDate | dt.date | dt.datetime | str
"""What a bound may be given as: a PartialDate, a date, an aware datetime, or its text."""

_ONE_DAY = dt.timedelta(days=1)


class _NotGiven(enum.Enum):
    """The default of an argument that may also be given as ``None``."""

    NOT_GIVEN = "not given"

    def __repr__(self) -> str:
        """``NOT_GIVEN``, as a signature shows the default."""
        return "NOT_GIVEN"


NOT_GIVEN = _NotGiven.NOT_GIVEN


def to_bound(value: BoundInput) -> Bound:
    """Accept a PartialDate, a date, an aware datetime in an IANA zone, or EDTF/RFC 9557 text.

    Raises:
        InvalidValueError: for any other value, or text that is neither form.
        NaiveDatetimeError: for a datetime without a zone.

    >>> from tradetalks.truces import to_bound
    >>> str(to_bound("2025-05-14")), to_bound("2025-08-12T00:01:00-04:00[America/New_York]").hour
    ('2025-05-14', 0)
    """
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
    hint = "; a ResolvedDate's date is its .value" if isinstance(value, ResolvedDate) else ""
    raise InvalidValueError(
        "expected a date, an aware datetime or EDTF or RFC 9557 text, not "
        f"{type(value).__name__}{hint}"
    )


def bound_key(bound: Bound | None) -> object:
    """What makes two bounds the same: an instant's absolute time and zone, or the date.

    Python compares two datetimes that share a ``tzinfo`` by their wall-clock time, so the
    two 01:30s of the night clocks go back would be equal; they are not the same instant.
    """
    if isinstance(bound, dt.datetime):
        return (bound.astimezone(dt.UTC), str(bound.tzinfo))
    return bound


def bound_text(bound: Bound) -> str:
    """A bound's text: EDTF for a date, RFC 9557 for an instant.

    >>> from tradetalks.truces import bound_text, to_bound
    >>> bound_text(to_bound("2025-05"))
    '2025-05'
    """
    return format_instant(bound) if isinstance(bound, dt.datetime) else bound.to_edtf()


def _start(value: BoundInput) -> Bound:
    return in_field("start", to_bound, value)


def _end(value: BoundInput | None) -> Bound | None:
    return None if value is None else in_field("end", to_bound, value)


def _announced(value: BoundInput | None) -> Bound | None:
    return None if value is None else in_field("announced_on", to_bound, value)


def _at(value: BoundInput) -> Bound:
    return in_field("at", to_bound, value)


def _reason(value: EndReason | str) -> EndReason:
    return to_enum(EndReason, value, "reason")


def _bound_day(bound: Bound, purpose: str) -> dt.date:
    """The calendar day of a bound: an instant's date in its own zone, or a day-precision date."""
    if isinstance(bound, dt.datetime):
        return bound.date()
    if bound.precision is not Precision.DAY:
        unit = bound.precision.name.lower()
        raise PrecisionError(f"{bound} is known only to the {unit}, so {purpose}")
    return bound.to_date()


def _zone(*bounds: Bound | None) -> dt.tzinfo | None:
    """The zone of the first bound that is an instant, if any."""
    for bound in bounds:
        if isinstance(bound, dt.datetime):
            return bound.tzinfo
    return None


def day_range(value: object, zone: dt.tzinfo | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date, a bound or an instant can fall on; ``None`` otherwise.

    An instant falls on its day in ``zone`` (in its own zone when none is given); a
    :class:`datetime.date` on itself; a :class:`~tradetalks.PartialDate` on any day from its
    earliest to its latest.

    >>> from tradetalks import PartialDate
    >>> from tradetalks.truces import day_range
    >>> day_range(PartialDate.from_edtf("2025-05"))
    (datetime.date(2025, 5, 1), datetime.date(2025, 5, 31))
    >>> day_range("May") is None
    True
    """
    if isinstance(value, dt.datetime):
        day = (value.astimezone(zone) if zone is not None else value).date()
        return day, day
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, PartialDate):
        return value.earliest, value.latest
    return None


def _span(bound: Bound, zone: dt.tzinfo | None) -> tuple[dt.date, dt.date]:
    """The first and last day a bound can fall on (an instant's day in ``zone`` or its own)."""
    days = day_range(bound, zone)
    if days is None:  # a bound is a PartialDate or a datetime: the record classes say so
        raise InvalidValueError(f"not a day or an instant: {bound!r}")
    return days


def _order(first: Bound, second: Bound, zone: dt.tzinfo | None) -> int | None:
    """-1, 0 or 1 as ``first`` comes before, with or after ``second``; ``None`` if unknown.

    Two instants compare in absolute time; otherwise by their days (an instant's day in
    ``zone``), and a date known only to the month is unknown against a day within it.
    """
    if isinstance(first, dt.datetime) and isinstance(second, dt.datetime):
        gap = elapsed(second, first)
        return (gap > dt.timedelta(0)) - (gap < dt.timedelta(0))
    (low, high), (other_low, other_high) = _span(first, zone), _span(second, zone)
    if high < other_low:
        return -1
    if low > other_high:
        return 1
    return 0 if low == high == other_low == other_high else None


class _Observer(NamedTuple):
    """An ``as_of``, checked once: a day, or an instant with the observer's own date."""

    day: dt.date
    at: dt.datetime | None

    def day_in(self, zone: dt.tzinfo | None) -> dt.date:
        """The observer's date in ``zone`` (its own date for a day, or with no zone)."""
        if self.at is None or zone is None:
            return self.day
        return self.at.astimezone(zone).date()

    def reached(self, bound: Bound, zone: dt.tzinfo | None, purpose: str) -> bool:
        """Whether the observer is at or after the beginning of ``bound``.

        An instant against an instant is compared in absolute time; a day observer against
        an instant by the instant's day in its own zone; a day bound by the observer's date
        in ``zone`` (the zone of the term's bounds), or its own date when there is none.

        Raises:
            PrecisionError: when ``bound`` is a month (or year) the observer's day is in.
        """
        if isinstance(bound, dt.datetime):
            if self.at is not None:
                return elapsed(bound, self.at) >= dt.timedelta(0)
            return self.day >= bound.date()
        day = self.day_in(zone)
        if day < bound.earliest:
            return False
        if day > bound.latest or bound.precision is Precision.DAY:
            return True
        unit = bound.precision.name.lower()
        raise PrecisionError(f"{bound} is known only to the {unit}, so {purpose}")

    def knows(self, announced: Bound | None, zone: dt.tzinfo | None) -> bool:
        """Whether something announced at ``announced`` was known to the observer.

        ``None`` (an announcement the source does not date) is always known; a month (or
        year) counts from its last day.
        """
        if announced is None:
            return True
        if isinstance(announced, PartialDate) and announced.precision is not Precision.DAY:
            return self.day_in(zone) >= announced.latest
        return self.reached(announced, zone, "")


def _observer(as_of: object, where: str = "as_of") -> _Observer:
    """Check an ``as_of`` once: a :class:`datetime.date` or an aware datetime."""
    if isinstance(as_of, dt.datetime):
        require_aware(as_of, where)
        return _Observer(as_of.date(), as_of)
    if isinstance(as_of, dt.date):
        return _Observer(as_of, None)
    raise InvalidValueError(
        f"expected a datetime.date or an aware datetime, not {type(as_of).__name__}",
        where=where,
    )


def _end_after_days(start: Bound, days: object) -> Bound:
    """The end of a term that lasts ``days`` calendar days from ``start``."""
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise InvalidValueError(f"a term lasts one or more whole days, not {days!r}", where="days")
    try:
        if isinstance(start, dt.datetime):
            return add_calendar_days(start, days)
        day = _bound_day(start, "a term from it cannot be given in days")
        return PartialDate.from_date(day + dt.timedelta(days=days))
    except PrecisionError as error:
        raise InvalidValueError(error.message, where="days") from None
    except OverflowError:
        raise InvalidValueError(
            f"{days} days from {bound_text(start)} fall outside the calendar", where="days"
        ) from None


class TruceStatus(enum.Enum):
    """Where a truce, or one of its terms, stands at a moment, as known then."""

    NOT_ANNOUNCED = "not_announced"
    """Before the truce (or the term) was announced, when it was not known at all."""
    NOT_STARTED = "not_started"
    """Announced, before its start."""
    IN_FORCE = "in_force"
    """Between the start and the deadline."""
    LAPSED = "lapsed"
    """For a truce, between the end of one term and the start of the next known one."""
    EXPIRED = "expired"
    """On or after the deadline, with no later term known."""
    ENDED = "ended"
    """On or after an early end (:class:`TruceEnd`) that was known."""
    EXTENDED = "extended"
    """Only for a past term, when it ended and a later term was known."""


class EndReason(enum.Enum):
    """Why a truce ended before its last deadline."""

    TERMINATED = "terminated"
    """A party ended it."""
    SUPERSEDED = "superseded"
    """A later agreement replaced it."""
    MOOT = "moot"
    """What it suspended ceased to exist (the suspended tariffs were struck down)."""


@record_class
@attrs.frozen(kw_only=True, init=False)
class TruceTerm:
    """One term of a truce: from ``start`` up to, not including, ``end``.

    Give the term's end, or its length in ``days`` (then the end is that many calendar days
    after the start, at the same wall-clock time in the start's zone), or both when the
    source gives both (they must agree). ``end=None`` is a term "until further notice".

    Attributes:
        start: when the term begins: a :class:`~tradetalks.PartialDate` (a
            :class:`datetime.date` or EDTF text is accepted) or an aware
            :class:`datetime.datetime` in an IANA zone (or RFC 9557 text).
        end: the deadline, in the same forms; the term is no longer in force from it on.
            ``None`` for a term until further notice (EDTF ``2025-05-14/..``).
        announced_on: when the term was announced: a day (a date, PartialDate or EDTF
            text) or an aware instant. It counts as known only from then. Required for an
            extension; ``None`` for an original term whose announcement the source does not
            date (it is then known from the start of time).
        evidence: where a source states the term (may be empty only when ``derivation``
            says where it comes from).
        derivation: how any value of the term that is not read from the evidence was
            worked out, or the document it comes from, such as an executive order.

    Raises:
        InvalidValueError: for a term that ends before it starts or lasts zero days, an
            ``end`` and ``days`` that disagree, neither given, a naive datetime, or a term
            with neither evidence nor derivation.

    >>> from tradetalks import TruceTerm
    >>> term = TruceTerm(start="2025-08-12T00:01:00-04:00[America/New_York]", days=90,
    ...                  announced_on="2025-08-11", derivation="the order of 11 August 2025")
    >>> str(term.end), term.days
    ('2025-11-10 00:01:00-05:00', 90)
    >>> from tradetalks.fixtures import stockholm_2025
    >>> term = stockholm_2025().truces[0].terms[0]
    >>> str(term.start), str(term.end), term.days
    ('2025-05-14', '2025-08-12', 90)
    """

    start: Bound = attrs.field(converter=_start, eq=bound_key)
    end: Bound | None = attrs.field(
        converter=_end, eq=bound_key, metadata={NONE_IS_A_VALUE: "until further notice"}
    )
    announced_on: Bound | None = attrs.field(default=None, converter=_announced, eq=bound_key)
    evidence: tuple[Evidence, ...] = attrs.field(factory=tuple, converter=to_tuple)
    derivation: str | None = attrs.field(default=None, validator=check_optional_text)

    def __init__(  # noqa: PLR0913 - the fields by name, and the length in days
        self,
        *,
        start: BoundInput,
        end: BoundInput | _NotGiven | None = NOT_GIVEN,
        days: int | None = None,
        announced_on: BoundInput | None = None,
        evidence: Evidence | Iterable[Evidence] = (),
        derivation: str | None = None,
    ) -> None:
        """Make a term from its start and its end, its length in days, or both."""
        begins = _start(start)
        if days is not None:
            computed = _end_after_days(begins, days)
            if end is NOT_GIVEN:
                end = computed
            elif bound_key(_end(end)) != bound_key(computed):
                shown = "no end" if end is None else bound_text(_end(end) or computed)
                raise InvalidValueError(
                    f"{days} days from {bound_text(begins)} end at {bound_text(computed)}, "
                    f"not at {shown}",
                    where="days",
                )
        elif end is NOT_GIVEN:
            raise InvalidValueError(
                "give the term's end, its length in days, or end=None for a term until "
                "further notice",
                where="end",
            )
        if not isinstance(evidence, Iterable) or isinstance(evidence, str):
            evidence = (evidence,)
        self.__attrs_init__(
            start=begins,
            end=end,
            announced_on=announced_on,
            evidence=evidence,
            derivation=derivation,
        )

    def __attrs_post_init__(self) -> None:
        """Check the evidence and that the term ends after it starts."""
        check_evidence_items(self, attrs.fields(TruceTerm).evidence, self.evidence)
        check_evidence_or_derivation(self.evidence, self.derivation)
        start, end = self.start, self.end
        if end is None:
            return
        span = f"{bound_text(start)} to {bound_text(end)}"
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
            NoDeadlineError: for a term until further notice (it has no end).

        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm_2025().truces[0].terms[0].days
        90
        """
        if self.end is None:
            raise NoDeadlineError(
                f"the term from {bound_text(self.start)} runs until further notice: "
                "it has no length in days"
            )
        start = _bound_day(self.start, "the term's length in days is unknown")
        return (_bound_day(self.end, "the term's length in days is unknown") - start).days

    @property
    def zone(self) -> dt.tzinfo | None:
        """The zone of the term's bounds when they are instants, else ``None``.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm_2025().truces[0].terms[0].zone is None
        True
        """
        return _zone(self.start, self.end)

    def continued_by(self, following: TruceTerm) -> bool:
        """Whether ``following`` starts where this term ends, with no lapse between them.

        Then this term's deadline is superseded: the truce runs on into ``following``.
        Two instants are compared in absolute time (the same moment in another zone
        continues the term); a day that is the day of the other bound (a term "from 12
        August" after one that ends at 00:01 that day) continues it too. A term until
        further notice is continued by nothing.

        Raises:
            InvalidValueError: when ``following`` is not a :class:`TruceTerm`.

        >>> from tradetalks import TruceTerm
        >>> first = TruceTerm(start="2025-05-14", days=90, derivation="an example")
        >>> first.continued_by(TruceTerm(start="2025-08-12", days=90, derivation="an example"))
        True
        >>> first.continued_by(TruceTerm(start="2025-08-20", days=90, derivation="an example"))
        False
        """
        if not isinstance(following, TruceTerm):
            raise InvalidValueError(
                f"expected a TruceTerm, not {type(following).__name__}", where="following"
            )
        return _continues(self, following)


@record_class
@attrs.frozen(kw_only=True)
class TruceEnd:
    """The end of a truce before its last deadline: when, why, and when it was known.

    Attributes:
        at: when it ended: a day (a date, PartialDate or EDTF text) or an aware instant;
            from then on the truce is ``ENDED``.
        reason: an :class:`EndReason` (its value text is accepted).
        announced_on: when the end was announced, a day or an instant; ``None`` when it
            was known the moment it took effect.
        evidence: where a source states it (may be empty when ``derivation`` says where it
            comes from).
        derivation: the document it comes from when that is not in the dataset, such as
            a court's ruling.

    Raises:
        InvalidValueError: for a value of the wrong kind, or neither evidence nor derivation.

    >>> from tradetalks import EndReason, TruceEnd
    >>> end = TruceEnd(at="2026-02-20", reason=EndReason.MOOT, announced_on="2026-02-20",
    ...                derivation="the ruling of 20 February 2026 striking the tariffs down")
    >>> str(end.at), end.reason.value
    ('2026-02-20', 'moot')
    """

    at: Bound = attrs.field(converter=_at, eq=bound_key)
    reason: EndReason = attrs.field(converter=_reason)
    announced_on: Bound | None = attrs.field(default=None, converter=_announced, eq=bound_key)
    evidence: tuple[Evidence, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=check_evidence_items
    )
    derivation: str | None = attrs.field(default=None, validator=check_optional_text)

    def __attrs_post_init__(self) -> None:
        """Check that the facts come from evidence or a named derivation."""
        check_evidence_or_derivation(self.evidence, self.derivation)


def _check_parties(
    instance: Truce, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    check_instances(Party)(instance, attribute, value)
    codes = [party.code for party in value]
    if not codes or len(set(codes)) != len(codes):
        raise InvalidValueError(
            f"a truce is by one party or agreed between different parties, not {codes}",
            where=attribute.name,
        )


def _check_terms(instance: Truce, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    check_instances(TruceTerm)(instance, attribute, value)
    if not value:
        raise InvalidValueError("a truce needs at least its original term", where=attribute.name)
    for index in range(1, len(value)):
        term, previous = value[index], value[index - 1]
        where = f"{attribute.name}[{index}]"
        if previous.end is None:
            raise InvalidValueError(
                f"the term before runs until further notice (from "
                f"{bound_text(previous.start)}), so no term can follow it",
                where=f"{where}.start",
            )
        if _order(term.start, previous.end, term.zone or previous.zone) == -1:
            raise InvalidValueError(
                f"terms never overlap: it starts at {bound_text(term.start)}, before the term "
                f"before it ends ({bound_text(previous.end)})",
                where=f"{where}.start",
            )
        if term.announced_on is None:
            raise InvalidValueError(
                "an extension needs the day (or instant) it was announced",
                where=f"{where}.announced_on",
            )
        order = (
            None
            if previous.announced_on is None
            else _order(term.announced_on, previous.announced_on, term.zone)
        )
        # A day's announcement counts from the start of that day: on the day of the term
        # before's announcement at an instant, it would be known before that term.
        if order == -1 or (
            order == 0
            and isinstance(term.announced_on, PartialDate)
            and isinstance(previous.announced_on, dt.datetime)
        ):
            hint = "" if order == -1 else "; a day counts from its start, so give the time"
            raise InvalidValueError(
                f"announced on {bound_text(term.announced_on)}, before the term before it "
                f"({bound_text(previous.announced_on)}){hint}",
                where=f"{where}.announced_on",
            )


class _Standing(NamedTuple):
    """A truce's status at a moment, the term that sets its deadline, and the deadline.

    ``zone`` is the zone a deadline that is a day is read in (``None``: the observer's own
    date).
    """

    status: TruceStatus
    term: TruceTerm | None
    deadline: Bound | None
    zone: dt.tzinfo | None


def _continues(term: TruceTerm, following: TruceTerm) -> bool:
    """Whether ``following`` starts where ``term`` ends, with no gap between them.

    Two instants are compared in absolute time (the same moment in another zone continues
    the term); a day that is the day of the other bound (a term "from 12 August" after one
    that ends at 00:01 that day) continues it too.
    """
    end = term.end
    if end is None:
        return False
    start = following.start
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        return elapsed(end, start) == dt.timedelta(0)
    return bound_key(start) == bound_key(end) or _order(start, end, term.zone) == 0


def _last_zone(terms: Sequence[TruceTerm]) -> dt.tzinfo | None:
    """The zone of the last of ``terms`` given in instants, if any."""
    for term in reversed(terms):
        zone = term.zone
        if zone is not None:
            return zone
    return None


@record_class
@attrs.frozen(kw_only=True)
class Truce:
    """A suspension with a deadline, by one party or agreed between several.

    Attributes:
        id: the truce's id in its dataset.
        parties: the parties whose measure it is: one for a one-sided suspension, or
            several different :class:`~tradetalks.Party` records for a truce they agreed.
        suspended: what is suspended, in the source's words ("tariffs").
        terms: its terms in order, each a :class:`TruceTerm`: the original term, then each
            extension; a term starts where the one before it ends, or later (a lapse).
        agreement: the :class:`~tradetalks.Agreement` it was made under, if any; its
            parties include the truce's.
        ended: a :class:`TruceEnd` when it ended before its last deadline, else ``None``.
        evidence: where a source states the truce (may be empty when ``derivation`` names
            the document it comes from).
        derivation: where the truce's facts come from when that is not a source of the
            dataset.

    Raises:
        InvalidValueError: for no parties or a party twice, no terms, overlapping terms, an
            extension with no announcement, a term after one until further notice, an end
            outside the terms, a party not in the agreement, or neither evidence nor
            derivation.

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
    agreement: Agreement | None = attrs.field(
        default=None, metadata=REFERENCE_MARK, validator=check_instance(Agreement, optional=True)
    )
    ended: TruceEnd | None = attrs.field(
        default=None, validator=check_instance(TruceEnd, optional=True)
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=check_evidence_items
    )
    derivation: str | None = attrs.field(default=None, validator=check_optional_text)

    def __attrs_post_init__(self) -> None:
        """Check the sources of its facts, its agreement's parties and its early end."""
        check_evidence_or_derivation(self.evidence, self.derivation)
        if self.agreement is not None:
            agreed = {party.code for party in self.agreement.parties}
            outside = [p.code for p in self.parties if p.code not in agreed]
            if outside:
                raise InvalidValueError(
                    f"{outside} not among the parties of the agreement "
                    f"{self.agreement.id!r} ({sorted(agreed)})",
                    where="parties",
                )
        if self.ended is not None:
            self._check_end(self.ended)

    def _check_end(self, end: TruceEnd) -> None:
        zone = self.zone
        first, last = self.terms[0], self.terms[-1]
        # A day begins at midnight: a day on the day of an instant start comes before it,
        # and an instant on the day of a deadline that is a day comes after that deadline.
        if _order(end.at, first.start, zone) == -1 or (
            _order(end.at, first.start, zone) == 0
            and isinstance(end.at, PartialDate)
            and isinstance(first.start, dt.datetime)
        ):
            raise InvalidValueError(
                f"it ends at {bound_text(end.at)}, before the truce starts "
                f"({bound_text(first.start)})",
                where="ended.at",
            )
        if last.end is not None and (
            bound_key(end.at) == bound_key(last.end) or _order(end.at, last.end, zone) in (0, 1)
        ):
            raise InvalidValueError(
                f"an early end comes before the last deadline ({bound_text(last.end)}), "
                f"not at {bound_text(end.at)}",
                where="ended.at",
            )
        for index, term in enumerate(self.terms):
            if _order(term.start, end.at, zone) == 1:
                raise InvalidValueError(
                    f"it starts at {bound_text(term.start)}, after the truce ended "
                    f"({bound_text(end.at)})",
                    where=f"terms[{index}].start",
                )

    @property
    def zone(self) -> dt.tzinfo | None:
        """The zone of the first of the truce's terms whose bounds are instants, if any.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm_2025().truces[0].zone is None
        True
        """
        for term in self.terms:
            zone = term.zone
            if zone is not None:
                return zone
        return None

    def _known(self, seen: _Observer) -> tuple[tuple[TruceTerm, ...], TruceEnd | None]:
        """The terms and the early end known to the observer.

        Each term's announcement is read in the zone of that term's bounds (none for a term
        of days: the observer's own date); an early end's in the zone of the last known
        term given in instants. A term not yet announced lends nothing, not even its zone.
        """
        known: list[TruceTerm] = []
        for term in self.terms:
            if not seen.knows(term.announced_on, term.zone):
                break
            known.append(term)
        end = self.ended
        if end is not None and not seen.knows(
            end.at if end.announced_on is None else end.announced_on, _last_zone(known)
        ):
            end = None
        return tuple(known), end

    def _standing(self, seen: _Observer) -> _Standing:
        terms, end = self._known(seen)
        if not terms:
            return _Standing(TruceStatus.NOT_ANNOUNCED, None, None, None)
        purpose = f"it cannot say where truce {self.id!r} stands on {seen.day}"
        end_zone = _last_zone(terms)
        if end is not None and seen.reached(end.at, end_zone, purpose):
            return _Standing(TruceStatus.ENDED, terms[-1], end.at, end_zone)
        index, status = len(terms) - 1, TruceStatus.EXPIRED
        if not seen.reached(terms[0].start, terms[0].zone, purpose):
            index, status = 0, TruceStatus.NOT_STARTED
        else:
            for place, term in enumerate(terms):
                if term.end is None or not seen.reached(term.end, term.zone, purpose):
                    if seen.reached(term.start, term.zone, purpose):
                        index, status = place, TruceStatus.IN_FORCE
                    else:
                        index, status = place - 1, TruceStatus.LAPSED
                    break
        if status in (TruceStatus.NOT_STARTED, TruceStatus.IN_FORCE):
            while index + 1 < len(terms) and _continues(terms[index], terms[index + 1]):
                index += 1
        term = terms[index]
        if end is not None and (term.end is None or _order(end.at, term.end, end_zone) == -1):
            return _Standing(status, term, end.at, end_zone)
        return _Standing(status, term, term.end, term.zone)

    def _not_announced(self, seen: _Observer) -> NotAnnouncedError:
        announced = self.terms[0].announced_on
        text = bound_text(announced) if announced is not None else "later"
        when = seen.at.isoformat() if seen.at is not None else seen.day.isoformat()
        return NotAnnouncedError(
            f"truce {self.id!r} was not yet announced on {when}: it was announced on {text}",
            announced_on=text,
        )

    def terms_known_on(self, as_of: dt.date) -> tuple[TruceTerm, ...]:
        """The terms known on ``as_of``: those announced by then, in order.

        An announcement on a day counts from the start of that day (in the zone of the
        term's bounds when they are instants, else on the observer's own date); an instant
        from that instant; a month from its last day. Empty before the first term was
        announced.

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive datetime.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> len(stockholm_2025().truces[0].terms_known_on(date(2025, 7, 30)))
        1
        """
        return self._known(_observer(as_of))[0]

    def deadline(self, as_of: dt.date) -> TruceTerm:
        """The term whose ``end`` is the deadline as known on ``as_of``.

        That is the term in force (or, before the start, the first term), followed to the
        last of the known terms that continue it without a gap; after the deadline, or
        during a lapse, the term that ended last. A known early end (``ended``) may come
        first: :meth:`days_remaining` counts to whichever is earlier.

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive datetime.
            NotAnnouncedError: before the truce was announced.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> str(stockholm_2025().truces[0].deadline(date(2025, 7, 30)).end)
        '2025-08-12'
        """
        seen = _observer(as_of)
        term = self._standing(seen).term
        if term is None:
            raise self._not_announced(seen)
        return term

    def counts_to(self, as_of: dt.date) -> Bound | None:
        """The day or instant the days remaining on ``as_of`` count to, as known then.

        The end of the term that sets the deadline (:meth:`deadline`), or a known early end
        when it comes first; ``None`` when the term in force runs until further notice.

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive datetime.
            NotAnnouncedError: before the truce was announced.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> truce = stockholm_2025().truces[0]
        >>> ending = truce.end_early(at="2025-08-01", announced_on="2025-07-20",
        ...                         reason="terminated", derivation="an example notice")
        >>> str(ending.counts_to(date(2025, 7, 19))), str(ending.counts_to(date(2025, 7, 20)))
        ('2025-08-12', '2025-08-01')
        """
        seen = _observer(as_of)
        standing = self._standing(seen)
        if standing.status is TruceStatus.NOT_ANNOUNCED:
            raise self._not_announced(seen)
        return standing.deadline

    def status(self, as_of: dt.date, term: TruceTerm | None = None) -> TruceStatus:
        """Where the truce (or one of its terms) stands on ``as_of``, as known then.

        For the truce: ``NOT_ANNOUNCED`` before its first term was announced; ``ENDED`` from
        a known early end on; ``NOT_STARTED`` before its first term starts; ``IN_FORCE``
        within a known term; ``LAPSED`` between a known term's end and the next one's start;
        ``EXPIRED`` after the last known term's end. For a term: ``NOT_ANNOUNCED`` before it
        was announced, ``ENDED`` when a known early end cut it short, ``NOT_STARTED``,
        ``IN_FORCE``, then ``EXTENDED`` when a later term was known, else ``EXPIRED``.

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
        seen = _observer(as_of)
        if term is None:
            return self._standing(seen).status
        if term not in self.terms:
            raise InvalidValueError(f"the term is not one of truce {self.id!r}'s", where="term")
        terms, end = self._known(seen)
        if term not in terms:
            return TruceStatus.NOT_ANNOUNCED
        zone, end_zone = term.zone, _last_zone(terms)
        purpose = f"it cannot say where the term stands on {seen.day}"
        if (
            end is not None
            and seen.reached(end.at, end_zone, purpose)
            and (term.end is None or _order(end.at, term.end, end_zone) == -1)
        ):
            return TruceStatus.ENDED
        if not seen.reached(term.start, zone, purpose):
            return TruceStatus.NOT_STARTED
        if term.end is None or not seen.reached(term.end, zone, purpose):
            return TruceStatus.IN_FORCE
        return TruceStatus.EXPIRED if term == terms[-1] else TruceStatus.EXTENDED

    def days_remaining(self, as_of: dt.date) -> int:
        """Whole days left until the deadline known on ``as_of``; never negative.

        With ``as_of`` a :class:`datetime.date`: calendar days from it to the deadline's day
        (an instant's date in its own zone). With an aware :class:`datetime.datetime` and a
        deadline that is an instant: whole days of absolute time left, floored; with a
        deadline that is a day: calendar days from the datetime's date (in the zone of the
        truce's bounds when it has one). 0 during a lapse, after the deadline, and after a
        known early end.

        Raises:
            PrecisionError: when the deadline is known only to the month or year.
            NoDeadlineError: when the term in force runs until further notice.
            NotAnnouncedError: before the truce was announced; it names the day it was.
            NaiveDatetimeError: for a naive datetime.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm_2025().truces[0].days_remaining(date(2025, 7, 29))
        14
        """
        seen = _observer(as_of)
        standing = self._standing(seen)
        if standing.status is TruceStatus.NOT_ANNOUNCED:
            raise self._not_announced(seen)
        if standing.status in (TruceStatus.LAPSED, TruceStatus.ENDED):
            return 0
        deadline = self._deadline_of(standing)
        if seen.at is not None and isinstance(deadline, dt.datetime):
            return max(dt.timedelta(0), elapsed(seen.at, deadline)) // _ONE_DAY
        day = seen.day_in(standing.zone) if isinstance(deadline, PartialDate) else seen.day
        end_day = _bound_day(deadline, "no count of days to it can be given")
        return max(0, (end_day - day).days)

    def _deadline_of(self, standing: _Standing) -> Bound:
        if standing.deadline is None:
            start = standing.term.start if standing.term is not None else self.terms[0].start
            raise NoDeadlineError(
                f"truce {self.id!r} runs until further notice (its term from "
                f"{bound_text(start)} has no end), so it has no deadline to count to"
            )
        return standing.deadline

    def time_remaining(self, at: dt.datetime) -> dt.timedelta:
        """The absolute time left at the instant ``at`` until the deadline known then.

        Never negative; zero during a lapse and after a known early end. Computed in UTC,
        whatever the zones of ``at`` and the deadline.

        Args:
            at: an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive ``at``.
            InvalidValueError: when ``at`` is not a datetime (a plain date has no time of
                day: use :meth:`days_remaining`).
            PrecisionError: when the deadline is a day rather than an instant.
            NoDeadlineError: when the term in force runs until further notice.
            NotAnnouncedError: before the truce was announced.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from tradetalks.fixtures import stockholm_2025
        >>> truce = stockholm_2025().truces[0].extend(
        ...     days=90, announced_on="2025-08-11", derivation="an example extension")
        >>> truce.time_remaining(  # doctest: +NORMALIZE_WHITESPACE
        ...     datetime(2025, 8, 12, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
        Traceback (most recent call last):
        ...
        tradetalks.errors.PrecisionError: the deadline 2025-11-10 is a day, not an instant; use
        days_remaining() for a count of days
        """
        if not isinstance(at, dt.datetime):
            raise InvalidValueError(
                f"expected an aware datetime, not {type(at).__name__}", where="at"
            )
        seen = _observer(at, "at")
        standing = self._standing(seen)
        if standing.status is TruceStatus.NOT_ANNOUNCED:
            raise self._not_announced(seen)
        if standing.status in (TruceStatus.LAPSED, TruceStatus.ENDED):
            return dt.timedelta(0)
        deadline = self._deadline_of(standing)
        if not isinstance(deadline, dt.datetime):
            raise PrecisionError(
                f"the deadline {deadline} is a day, not an instant; "
                "use days_remaining() for a count of days"
            )
        return max(dt.timedelta(0), elapsed(at, deadline))

    def extend(  # noqa: PLR0913 - a term's fields by name, as TruceTerm takes them
        self,
        *,
        days: int | None = None,
        end: BoundInput | _NotGiven | None = NOT_GIVEN,
        announced_on: BoundInput,
        start: BoundInput | None = None,
        evidence: Evidence | Iterable[Evidence] = (),
        derivation: str | None = None,
    ) -> Truce:
        """A new truce with one more term, as :class:`TruceTerm` takes it.

        The term starts where the last one ends, or at ``start`` when that is later (the
        time between is a lapse); it lasts ``days`` calendar days, or runs to ``end``
        (``None``: until further notice). A day-precision start moves exactly ``days``
        days; an instant keeps its wall-clock time in its own zone, so across a
        daylight-saving change the absolute length differs by the change.

        Args:
            days: the term's length in calendar days, 1 or more.
            end: the term's end, instead of (or agreeing with) ``days``.
            announced_on: when it was announced: a day (a date, PartialDate or EDTF text)
                or an aware instant.
            start: when it starts, if later than the end of the last term.
            evidence: where a source states it (one :class:`~tradetalks.Evidence` or several).
            derivation: where it comes from, when there is no evidence.

        Raises:
            InvalidValueError: for ``days`` below 1, neither ``days`` nor ``end``, a start
                before the last term ends, a truce that ended early or whose last term
                runs until further notice, or neither evidence nor derivation.
            PrecisionError: when the current end is known only to the month or year.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> longer = stockholm_2025().truces[0].extend(
        ...     days=90, announced_on="2025-08-11", derivation="an example extension")
        >>> [str(term.end) for term in longer.terms]
        ['2025-08-12', '2025-11-10']
        """
        if self.ended is not None:
            raise InvalidValueError(
                f"truce {self.id!r} ended at {bound_text(self.ended.at)}; it cannot be extended",
                where="ended",
            )
        last = self.terms[-1].end
        if last is None:
            raise InvalidValueError(
                f"the last term of truce {self.id!r} runs until further notice; it has no "
                "end to extend from",
                where="terms",
            )
        if days is not None and start is None:
            _bound_day(last, "the truce cannot be extended by a count of days")
        term = TruceTerm(
            start=last if start is None else start,
            end=end,
            days=days,
            announced_on=announced_on,
            evidence=evidence,
            derivation=derivation,
        )
        return attrs.evolve(self, terms=(*self.terms, term))

    def end_early(
        self,
        *,
        at: BoundInput,
        reason: EndReason | str,
        announced_on: BoundInput | None = None,
        evidence: Evidence | Iterable[Evidence] = (),
        derivation: str | None = None,
    ) -> Truce:
        """A new truce that ended at ``at``, before its last deadline, as :class:`TruceEnd` takes it.

        Args:
            at: when it ended: a day or an aware instant.
            reason: an :class:`EndReason`, or its value text.
            announced_on: when the end was announced, if not at ``at``.
            evidence: where a source states it (one :class:`~tradetalks.Evidence` or several).
            derivation: where it comes from, when there is no evidence.

        Raises:
            InvalidValueError: for a truce that already ended, an ``at`` before the truce
                starts or not before its last deadline, a term that starts after it, or
                neither evidence nor derivation.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> ended = stockholm_2025().truces[0].end_early(
        ...     at="2025-08-01", reason="terminated", derivation="an example end")
        >>> ended.status(date(2025, 8, 2)).value, ended.days_remaining(date(2025, 8, 2))
        ('ended', 0)
        """
        if self.ended is not None:
            raise InvalidValueError(
                f"truce {self.id!r} already ended at {bound_text(self.ended.at)}",
                where="ended",
            )
        pieces = (evidence,) if not isinstance(evidence, Iterable) else tuple(evidence)
        end = TruceEnd(
            at=at,
            reason=reason,
            announced_on=announced_on,
            evidence=pieces,
            derivation=derivation,
        )
        return attrs.evolve(self, ended=end)


def truce_days_remaining(truce: Truce, as_of: dt.date) -> int:
    """Whole days left on ``truce`` as known on ``as_of``; see :meth:`Truce.days_remaining`.

    Args:
        truce: a :class:`Truce`.
        as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

    Returns:
        Calendar days (for a date) or whole days of absolute time (for a datetime and a
        deadline that is an instant), never negative; 0 during a lapse or after an early end.

    Raises:
        PrecisionError: when the deadline is known only to the month or year.
        NoDeadlineError: when the term in force runs until further notice.
        NotAnnouncedError: before the truce was announced.
        NaiveDatetimeError: for a naive datetime.

    >>> from datetime import date
    >>> from tradetalks import truce_days_remaining
    >>> from tradetalks.fixtures import stockholm_2025
    >>> truce_days_remaining(stockholm_2025().truces[0], date(2025, 7, 29))
    14
    """
    if not isinstance(truce, Truce):
        raise InvalidValueError(f"expected a Truce, not {type(truce).__name__}", where="truce")
    return truce.days_remaining(as_of)
