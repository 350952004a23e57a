"""Rounds, meetings and truce deadlines as iCalendar (RFC 5545) events.

:func:`to_ical` needs the optional ``icalendar`` package (``pip install
'tradetalks[calendar]'``); it is re-exported by :mod:`tradetalks.exports`.

>>> from tradetalks.fixtures import stockholm_2025
>>> to_ical(stockholm_2025()).count(b"BEGIN:VEVENT")
5
"""

from __future__ import annotations

__all__ = ["to_ical"]

import datetime as dt
from typing import TYPE_CHECKING, Any

from tradetalks.dates import PartialDate, Precision, SpanEnd, dated_ends
from tradetalks.errors import InvalidValueError
from tradetalks.truces import bound_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tradetalks.dataset import Dataset
    from tradetalks.dates import DateSpan
    from tradetalks.truces import Bound, Truce


def to_ical(dataset: Dataset) -> bytes:
    """The rounds, meetings, truce deadlines and early ends as an iCalendar (RFC 5545) file.

    A date known to the day is an all-day event; an instant is a timed event in its own
    zone (with its VTIMEZONE); a date known only to the month is an all-day event over the
    month, its summary saying so. A round or meeting whose start or end the source does not
    give is an event over the days of the end it gives, its summary saying so. Meetings
    without dates are left out, and so is the deadline of a truce term until further notice
    (it has none). A truce that ended before its last deadline has an event at its end
    (``... ended early (moot)``), and the deadline it cut short says so. Each event's UID is
    ``<record id>@tradetalks`` (``<truce id>-term-<n>@tradetalks`` for the deadline of the
    n-th term, counted from 1 over all the terms, ``<truce id>-ended@tradetalks`` for an
    early end), and DTSTAMP is midnight UTC of the latest source's dateline, so the same
    dataset gives the same bytes.

    Raises:
        ImportError: when the optional ``icalendar`` package is missing; it names the
            extra to install.
        InvalidValueError: for a date on the last day iCalendar can hold.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> text = to_ical(stockholm_2025()).decode()
    >>> text.count("BEGIN:VEVENT"), "DTSTART;VALUE=DATE:20250728" in text
    (5, True)

    A truce that ended early:

    >>> from tradetalks import Dataset
    >>> record = stockholm_2025()
    >>> ended = record.truces[0].end_early(
    ...     at="2025-08-01", reason="terminated", derivation="an example end")
    >>> mine = Dataset(sources=record.sources, organizations=record.organizations,
    ...                parties=record.parties, truces=[ended])
    >>> text = to_ical(mine).decode()
    >>> "SUMMARY:cn-us-tariff-truce-2025 (CN and US) ended early (terminated)" in text
    True
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        message = "iCalendar export needs icalendar: pip install 'tradetalks[calendar]'"
        raise ImportError(message) from error

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//tradetalks//tradetalks//EN")
    calendar.add("version", "2.0")
    latest = max((s.published_on for s in dataset.sources), default=dt.date(1970, 1, 1))
    stamp = dt.datetime.combine(latest, dt.time(), tzinfo=dt.UTC)

    def event(uid: str, summary: str, start: PartialDate | dt.datetime, end: PartialDate) -> None:
        item = icalendar.Event()
        item.add("uid", f"{uid}@tradetalks")
        item.add("dtstamp", stamp)
        _add_when(item, summary, start, end)
        calendar.add_component(item)

    for r in dataset.rounds:
        number = f" {r.number}" if r.number is not None else ""
        event(r.id, *_known_days(f"Round{number} of {r.track}: {r.city}", r.dates))
    for m in dataset.meetings:
        if m.dates is not None:
            event(m.id, *_known_days(m.description, m.dates))
    for t in dataset.truces:
        for uid, summary, when in _truce_events(t):
            last = PartialDate.from_date(when.date()) if isinstance(when, dt.datetime) else when
            event(uid, summary, when, last)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


def _truce_events(truce: Truce) -> Iterator[tuple[str, str, Bound]]:
    """The UID, summary and time of each event of a truce: its deadlines and early end.

    A term until further notice has no deadline, but keeps its number, so the UIDs of the
    other terms stay the same.
    """
    who = f"{truce.id} ({' and '.join(p.code for p in truce.parties)})"
    ended = truce.ended
    for index, term in enumerate(truce.terms, start=1):
        if term.end is not None:
            summary = f"Deadline of {who}, term {index}"
            if ended is not None and index == len(truce.terms):
                summary += f" (cut short: it ended early on {bound_text(ended.at)})"
            yield f"{truce.id}-term-{index}", summary, term.end
    if ended is not None:
        yield f"{truce.id}-ended", f"{who} ended early ({ended.reason.value})", ended.at


def _add_when(item: Any, summary: str, start: PartialDate | dt.datetime, end: PartialDate) -> None:
    """Give an event its time and summary: timed at an instant, else all-day, end included."""
    if isinstance(start, dt.datetime):
        item.add("dtstart", start)
    else:
        item.add("dtstart", start.earliest)
        if end.latest == dt.date.max:
            raise InvalidValueError(f"{_span(start, end)} ends on the last day iCalendar can hold")
        item.add("dtend", end.latest + dt.timedelta(days=1))
        precision = min(start.precision, end.precision)
        if precision is not Precision.DAY:
            summary += f" (known only to the {precision.name.lower()}: {_span(start, end)})"
    item.add("summary", summary)


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
