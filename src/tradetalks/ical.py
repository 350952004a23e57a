"""Rounds, meetings and truce deadlines as iCalendar (RFC 5545) events.

:func:`to_ical` needs the optional ``icalendar`` package (``pip install
'tradetalks[calendar]'``); it is re-exported by :mod:`tradetalks.exports`. Each event says
where its facts come from (``DESCRIPTION``), where it took place (``LOCATION``), and whether
it still stands: a truce deadline that a later term moved, or that an early end cut short,
keeps its event, ``CANCELLED``, with a higher ``SEQUENCE`` and the ``LAST-MODIFIED`` of the
announcement that changed it, so a subscribed calendar shows the change.

>>> from tradetalks.fixtures import stockholm_2025
>>> from tradetalks.ical import to_ical
>>> to_ical(stockholm_2025()).count(b"BEGIN:VEVENT")
5
>>> to_ical(stockholm_2025(), kinds=["rounds"]).count(b"BEGIN:VEVENT")
3
"""

from __future__ import annotations

__all__ = ["EVENT_KINDS", "to_ical"]

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, NamedTuple

from tradetalks.dataset import Dataset
from tradetalks.dates import PartialDate, Precision, SpanEnd, dated_ends
from tradetalks.errors import InvalidValueError
from tradetalks.truces import bound_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tradetalks.dates import DateSpan
    from tradetalks.sources import Evidence
    from tradetalks.truces import Bound, Truce

EVENT_KINDS: tuple[str, ...] = ("rounds", "meetings", "truces")
"""The kinds of record :func:`to_ical` writes events for, in the order it writes them.

>>> from tradetalks.ical import EVENT_KINDS
>>> EVENT_KINDS
('rounds', 'meetings', 'truces')
"""

_CONFIRMED, _CANCELLED = "CONFIRMED", "CANCELLED"


class _Event(NamedTuple):
    """One calendar event, before it is written.

    ``start`` is a day (all-day, through ``last``) or an instant (timed); ``changes`` holds
    when each change to the event was announced (``None`` when it is not known).
    """

    uid: str
    summary: str
    start: PartialDate | dt.datetime
    last: PartialDate
    description: str
    location: str | None = None
    status: str = _CONFIRMED
    changes: tuple[Bound | None, ...] = ()


def to_ical(dataset: Dataset, *, kinds: Collection[str] | None = None) -> bytes:
    r"""The rounds, meetings, truce deadlines and early ends as an iCalendar (RFC 5545) file.

    When:
        A date known to the day is an all-day event; an instant is a timed event in its own
        zone (with its VTIMEZONE); a date known only to the month is an all-day event over
        the month, its summary saying so. A round or meeting whose start or end the source
        does not give is an event over the days of the end it gives, its summary saying so.
        Meetings without dates are left out, and so is the deadline of a truce term until
        further notice (it has none). A truce that ended before its last deadline has an
        event at its end (``... ended early (moot)``).

        An instant whose local time its zone repeats (the hour the clocks go back, such as
        02:30 in Berlin on 26 October 2025, which is 00:30 or 01:30 UTC) is written in UTC
        instead (``DTSTART:20251026T013000Z``): a calendar reads a local time in a
        VTIMEZONE as its first occurrence (RFC 5545, 3.3.5), and would put the second an
        hour early. Both occurrences are written so, and no VTIMEZONE is added for them.
        iCalendar times have whole seconds: an instant's fraction of a second is dropped
        (12:00:00.9 is written 12:00:00), in ``DTSTART``, ``LAST-MODIFIED`` and ``DTSTAMP``.

    Which deadline stands (``STATUS``):
        A term's deadline is ``CANCELLED`` when the next term continues it without a lapse
        (the rule :meth:`~tradetalks.Truce.deadline` follows): the deadline moved, and its
        summary says ``(superseded by term n)``; the live deadline is the last term's. The
        last term's deadline is ``CANCELLED`` too when the truce ended early, its summary
        saying ``(cut short: it ended early on ...)``: it never came. A term followed by a
        lapse (the next term starts later) is not cancelled: its deadline really passed,
        and the truce was not in force until the next term began. Every other event is
        ``CONFIRMED``.

    Changes (``SEQUENCE``, ``LAST-MODIFIED``):
        ``SEQUENCE`` counts the changes to an event: 1 for a deadline superseded or cut
        short, 0 for an event never changed. An event that changed has ``LAST-MODIFIED``,
        when the latest change was announced: the continuing term's ``announced_on``, or
        the early end's ``announced_on`` (its ``at`` when it has none). It is in UTC: an
        instant converted to UTC, a day as midnight UTC of that day, and a month or year as
        midnight UTC of its last day (from when a truce counts such an announcement as
        known). An event never changed has no ``LAST-MODIFIED``.

    Where (``LOCATION``), and from what (``DESCRIPTION``):
        A round or meeting has ``LOCATION`` ``"city, CC"`` (``"Stockholm, SE"``), with the
        ISO 3166-1 alpha-2 code of the country as the record holds it (the dataset has no
        names for countries that are not parties); the city or the code alone when only one
        is known, none when neither is. ``DESCRIPTION`` says where the event's record (the
        round, the meeting, the truce term of a deadline, the early end) comes from: for
        evidence, a line ``Source: "title", outlet, dateline, url`` (those the source has)
        and a line ``Quote: "..."`` with the characters of its first piece of evidence; for
        a derivation, a line ``Derivation: ...``.

    Text (``SUMMARY``, ``LOCATION``, ``DESCRIPTION``):
        RFC 5545 text holds no control character but the tab and the line end (which it
        writes ``\n``). Every other one that a name, a city or a quotation holds (NUL, ESC
        and the other C0 controls, DEL, the C1 controls) is written as a visible escape, as
        the command line shows it (``\x00``, ``\x1b``, ``\x7f``, ``\x9b``), and reads
        back as those four characters. A carriage return, alone or before a newline, is
        written as a line end, and reads back as a newline.

    Each event's UID is ``<record id>@tradetalks`` (``<truce id>-term-<n>@tradetalks`` for
    the deadline of the n-th term, counted from 1 over all the terms,
    ``<truce id>-ended@tradetalks`` for an early end), and DTSTAMP is midnight UTC of the
    latest source's dateline, or the event's ``LAST-MODIFIED`` when that is later (RFC 5545
    has DTSTAMP be when the event was last revised), so the same dataset gives the same bytes.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        kinds: the kinds of record to write events for, a collection of ``"rounds"``,
            ``"meetings"`` and ``"truces"`` (in any order); ``None`` for all three.

    Returns:
        The calendar, as the bytes of an ``.ics`` file (UTF-8, CRLF line ends).

    Raises:
        ImportError: when the optional ``icalendar`` package is missing; it names the
            extra to install.
        InvalidValueError: for ``kinds`` that is not a collection of those kinds (a kind
            that has no calendar events, none, or one text instead of a collection; it
            names ``kinds`` and lists the kinds); when there is no event to write (RFC 5545
            has a calendar hold at least one; it says which records are missing); for a
            date on the last day iCalendar can hold; or for a ``dataset`` that is not a
            :class:`~tradetalks.Dataset`.

    >>> import icalendar
    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.ical import to_ical
    >>> record = stockholm_2025()
    >>> calendar = icalendar.Calendar.from_ical(to_ical(record))
    >>> events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    >>> stockholm = events["stockholm-2025@tradetalks"]
    >>> len(events), stockholm.decoded("DTSTART"), str(stockholm["LOCATION"])
    (5, datetime.date(2025, 7, 28), 'Stockholm, SE')
    >>> str(stockholm["DESCRIPTION"]).splitlines()[0]
    'Source: Global Times, 2025-07-30'

    An extension announced on 11 August 2025 supersedes the deadline of 12 August:

    >>> from tradetalks import Dataset
    >>> longer = record.truces[0].extend(
    ...     days=90, announced_on="2025-08-11", derivation="an example extension")
    >>> mine = Dataset(sources=record.sources, organizations=record.organizations,
    ...                parties=record.parties, truces=[longer])
    >>> first, second = icalendar.Calendar.from_ical(to_ical(mine)).walk("VEVENT")
    >>> str(first["SUMMARY"])
    'Deadline of cn-us-tariff-truce-2025 (CN and US), term 1 (superseded by term 2)'
    >>> str(first["STATUS"]), int(first["SEQUENCE"]), first.decoded("LAST-MODIFIED").isoformat()
    ('CANCELLED', 1, '2025-08-11T00:00:00+00:00')
    >>> str(second["STATUS"]), int(second["SEQUENCE"]), "LAST-MODIFIED" in second
    ('CONFIRMED', 0, False)

    A truce that ended early:

    >>> ended = record.truces[0].end_early(
    ...     at="2025-08-01", reason="terminated", derivation="an example end")
    >>> mine = Dataset(sources=record.sources, organizations=record.organizations,
    ...                parties=record.parties, truces=[ended])
    >>> for event in icalendar.Calendar.from_ical(to_ical(mine)).walk("VEVENT"):
    ...     print(event["SUMMARY"])
    Deadline of cn-us-tariff-truce-2025 (CN and US), term 1 (cut short: it ended early on 2025-08-01)
    cn-us-tariff-truce-2025 (CN and US) ended early (terminated)

    Only some kinds:

    >>> to_ical(record, kinds=["statements"])  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: kinds: 'statements' is not a kind of calendar event: the
    kinds are 'rounds', 'meetings', 'truces'

    Nothing to write:

    >>> to_ical(Dataset(), kinds=["rounds", "truces"])  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: kinds: no calendar event to write: the dataset has no
    round, and no truce deadline or early end (an iCalendar file holds at least one event)
    """
    if not isinstance(dataset, Dataset):
        raise InvalidValueError(
            f"expected a Dataset, not {type(dataset).__name__}", where="dataset"
        )
    wanted = _check_kinds(kinds)
    try:
        import icalendar  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        message = "iCalendar export needs icalendar: pip install 'tradetalks[calendar]'"
        raise ImportError(message) from error

    events = list(_events(dataset, wanted))
    if not events:
        raise InvalidValueError(
            f"no calendar event to write: the dataset has {_none_of(wanted)} (an iCalendar "
            "file holds at least one event)",
            where="" if kinds is None else "kinds",
        )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//tradetalks//tradetalks//EN")
    calendar.add("version", "2.0")
    latest = max((s.published_on for s in dataset.sources), default=dt.date(1970, 1, 1))
    stamp = dt.datetime.combine(latest, dt.time(), tzinfo=dt.UTC)
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"{event.uid}@tradetalks")
        known = [_utc(when) for when in event.changes if when is not None]
        # RFC 5545 (3.8.7.2): in a calendar without METHOD, DTSTAMP is when the event was
        # last revised, so never before its last change.
        item.add("dtstamp", max([stamp, *known]))
        _add_when(item, event.summary, event.start, event.last)
        if event.location is not None:
            item.add("location", _text(event.location))
        item.add("description", _text(event.description))
        item.add("status", event.status)
        item.add("sequence", len(event.changes))
        if known:
            item.add("last-modified", max(known))
        calendar.add_component(item)
    calendar.add_missing_timezones()
    # icalendar adds the zones in the order of a set of their names, which changes from one
    # run of Python to the next: sorted by name, the same dataset gives the same bytes.
    parts = calendar.subcomponents
    zones = sorted((c for c in parts if c.name == "VTIMEZONE"), key=lambda zone: str(zone["TZID"]))
    parts[:] = zones + [c for c in parts if c.name != "VTIMEZONE"]
    data: bytes = calendar.to_ical()
    return data


def _check_kinds(kinds: object) -> frozenset[str]:
    """The kinds of record asked for: all for ``None``, else a collection of known kinds."""
    if kinds is None:
        return frozenset(EVENT_KINDS)
    choices = ", ".join(repr(kind) for kind in EVENT_KINDS)
    if isinstance(kinds, (str, bytes)) or not isinstance(kinds, Collection):
        raise InvalidValueError(
            f"expected a collection of kinds, such as ['rounds'], not {kinds!r}: the kinds "
            f"are {choices}",
            where="kinds",
        )
    for kind in kinds:
        if kind not in EVENT_KINDS:
            raise InvalidValueError(
                f"{kind!r} is not a kind of calendar event: the kinds are {choices}",
                where="kinds",
            )
    if not kinds:
        raise InvalidValueError(
            f"no kind of calendar event asked for: the kinds are {choices}", where="kinds"
        )
    return frozenset(kinds)


_MISSING = {
    "rounds": "round",
    "meetings": "meeting with a date",
    "truces": "truce deadline or early end",
}


def _none_of(kinds: frozenset[str]) -> str:
    """What a dataset without events of these kinds lacks: ``"no round, and no ..."``."""
    *others, last = [f"no {_MISSING[kind]}" for kind in EVENT_KINDS if kind in kinds]
    return "".join(f"{other}, " for other in others) + ("and " if others else "") + last


def _events(dataset: Dataset, kinds: frozenset[str]) -> Iterator[_Event]:
    """The events of the kinds asked for: rounds, then meetings, then truces."""
    if "rounds" in kinds:
        for r in dataset.rounds:
            number = f" {r.number}" if r.number is not None else ""
            summary, start, last = _known_days(f"Round{number} of {r.track}: {r.city}", r.dates)
            yield _Event(
                r.id, summary, start, last, _about(r.evidence), _location(r.city, r.country)
            )
    if "meetings" in kinds:
        for m in dataset.meetings:
            if m.dates is not None:
                summary, start, last = _known_days(m.description, m.dates)
                yield _Event(
                    m.id, summary, start, last, _about(m.evidence), _location(m.city, m.country)
                )
    if "truces" in kinds:
        for t in dataset.truces:
            yield from _truce_events(t)


def _truce_events(truce: Truce) -> Iterator[_Event]:
    """The events of a truce: each term's deadline, and its early end.

    A term until further notice has no deadline, but keeps its number, so the UIDs of the
    other terms stay the same. A deadline the next term continues
    (:meth:`~tradetalks.TruceTerm.continued_by`, as :meth:`Truce.deadline` follows terms)
    was superseded when that term was announced; the
    last term's was cut short when the truce ended early (an early end always comes before
    the last deadline, and no term starts after it). A term followed by a lapse is left as
    it is: its deadline passed.
    """
    who = f"{truce.id} ({' and '.join(p.code for p in truce.parties)})"
    ended, terms = truce.ended, truce.terms
    for index, term in enumerate(terms, start=1):
        if term.end is None:
            continue
        summary = f"Deadline of {who}, term {index}"
        changes: list[Bound | None] = []
        if index < len(terms) and term.continued_by(terms[index]):
            summary += f" (superseded by term {index + 1})"
            changes.append(terms[index].announced_on)
        if ended is not None and index == len(terms):
            summary += f" (cut short: it ended early on {bound_text(ended.at)})"
            changes.append(ended.at if ended.announced_on is None else ended.announced_on)
        yield _Event(
            uid=f"{truce.id}-term-{index}",
            summary=summary,
            start=term.end,
            last=_day_of(term.end),
            description=_about(term.evidence, term.derivation),
            status=_CANCELLED if changes else _CONFIRMED,
            changes=tuple(changes),
        )
    if ended is not None:
        yield _Event(
            uid=f"{truce.id}-ended",
            summary=f"{who} ended early ({ended.reason.value})",
            start=ended.at,
            last=_day_of(ended.at),
            description=_about(ended.evidence, ended.derivation),
        )


def _day_of(bound: Bound) -> PartialDate:
    """The last day of a bound: an instant's day in its own zone, or the date itself."""
    return PartialDate.from_date(bound.date()) if isinstance(bound, dt.datetime) else bound


def _utc(bound: Bound) -> dt.datetime:
    """A bound as an instant in UTC, to the second: itself, or midnight UTC of its (last) day."""
    if isinstance(bound, dt.datetime):
        return bound.astimezone(dt.UTC).replace(microsecond=0)
    return dt.datetime.combine(bound.latest, dt.time(), tzinfo=dt.UTC)


def _start(instant: dt.datetime) -> dt.datetime:
    """An instant as an event's start is written: to the second, in UTC if its zone repeats it.

    Its local time is repeated when the other fold of it has another UTC offset (the hour
    the clocks go back); the record's instants never fall in a skipped hour.
    """
    instant = instant.replace(microsecond=0)
    if instant.replace(fold=1 - instant.fold).utcoffset() != instant.utcoffset():
        return instant.astimezone(dt.UTC)
    return instant


# RFC 5545 (3.3.11) TEXT has no control character but the tab (and the newline, which it
# escapes): the C0 controls, DEL and the C1 controls are written as the command line shows
# them. A carriage return is made a line end before (see _text).
_VISIBLE = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if code not in {0x09, 0x0A, 0x0D}
}


def _text(text: str) -> str:
    r"""``text`` as iCalendar text can hold it: a control character shown as ``\x1b``.

    A tab and a newline stay; a carriage return, alone or before a newline, is a line end.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_VISIBLE)


def _location(city: str | None, country: str | None) -> str | None:
    """``"city, CC"``, or whichever of the two is known; ``None`` for neither."""
    return ", ".join(part for part in (city, country) if part is not None) or None


def _about(evidence: tuple[Evidence, ...], derivation: str | None = None) -> str:
    """Where a record comes from, a line each: its first evidence's source and quotation.

    And its derivation, when it has one.
    """
    lines: list[str] = []
    if evidence:
        first = evidence[0]
        source = first.source
        said = [f'"{source.title}"'] if source.title is not None else []
        said += [source.outlet.name, source.published_on.isoformat()]
        if source.url is not None:
            said.append(source.url)
        lines += [f"Source: {', '.join(said)}", f'Quote: "{first.exact}"']
    if derivation is not None:
        lines.append(f"Derivation: {derivation}")
    return "\n".join(lines)


def _add_when(item: Any, summary: str, start: PartialDate | dt.datetime, end: PartialDate) -> None:
    """Give an event its time and summary: timed at an instant, else all-day, end included."""
    if isinstance(start, dt.datetime):
        item.add("dtstart", _start(start))
    else:
        item.add("dtstart", start.earliest)
        if end.latest == dt.date.max:
            raise InvalidValueError(f"{_span(start, end)} ends on the last day iCalendar can hold")
        item.add("dtend", end.latest + dt.timedelta(days=1))
        precision = min(start.precision, end.precision)
        if precision is not Precision.DAY:
            summary += f" (known only to the {precision.name.lower()}: {_span(start, end)})"
    item.add("summary", _text(summary))


def _known_days(summary: str, span: DateSpan) -> tuple[str, PartialDate, PartialDate]:
    """The summary and the dated ends of a span; one end not given stands in for the other.

    The summary says which end the source leaves open or does not give.
    """
    for side, point in (("start", span.start), ("end", span.end)):
        if isinstance(point, SpanEnd):
            said = "open" if point is SpanEnd.OPEN else "not given"
            summary += f" (its {side} is {said}: {span})"
    return (summary, *dated_ends(span))


def _span(start: PartialDate, end: PartialDate) -> str:
    return start.to_edtf() if start == end else f"{start.to_edtf()}/{end.to_edtf()}"
