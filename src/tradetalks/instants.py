"""Instants: aware datetimes in an IANA zone, written as RFC 9557 text.

A deadline such as "12:01 a.m. on 12 August in Washington" is an instant: one moment,
the same everywhere, which the record keeps together with the zone it was stated in
(``America/New_York``), not only its offset. Its text form is RFC 9557, an RFC 3339
timestamp followed by the zone in brackets::

    2025-08-12T00:01:00-04:00[America/New_York]

Elapsed time between instants is absolute time, computed in UTC: Python subtracts two
datetimes that share a ``tzinfo`` as wall-clock times, across a daylight-saving change
too, and :func:`elapsed` does not.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from tradetalks import elapsed, format_instant
>>> new_york = ZoneInfo("America/New_York")
>>> deadline = datetime(2025, 8, 12, 0, 1, tzinfo=new_york)
>>> format_instant(deadline)
'2025-08-12T00:01:00-04:00[America/New_York]'
>>> extended = datetime(2025, 11, 10, 0, 1, tzinfo=new_york)
>>> extended - deadline                # wall-clock: misses the hour of the DST change
datetime.timedelta(days=90)
>>> elapsed(deadline, extended)        # absolute time
datetime.timedelta(days=90, seconds=3600)
"""

from __future__ import annotations

__all__ = ["elapsed", "format_instant", "parse_instant"]

import datetime as dt
import re

from tradetalks.errors import InvalidValueError, NaiveDatetimeError

_NAIVE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?")
_RFC9557 = re.compile(r"(?P<stamp>[^\[\]]+)\[(?P<critical>!?)(?P<zone>[^\[\]=]+)\]")


def require_instant(value: object, where: str = "") -> dt.datetime:
    """Return ``value`` if it is an aware datetime whose tzinfo is an IANA zone.

    Raises:
        NaiveDatetimeError: for a naive datetime.
        InvalidValueError: for anything else, a datetime with only a fixed offset, a wall
            time its zone skipped (in a daylight-saving gap), or an offset that is not a
            whole number of minutes (local mean time before 1973): RFC 9557 text could not
            be read back as the same instant.
    """
    if not isinstance(value, dt.datetime):
        raise InvalidValueError(
            f"expected an aware datetime, not {type(value).__name__}", where=where
        )
    require_aware(value, where)
    import zoneinfo  # noqa: PLC0415 - imported on first use, to keep `import tradetalks` quick

    if not isinstance(value.tzinfo, zoneinfo.ZoneInfo):
        raise InvalidValueError(
            f"{value.isoformat()} has only a fixed offset ({value.tzinfo!r}); an instant in the "
            'record carries an IANA zone, e.g. tzinfo=ZoneInfo("America/New_York")',
            where=where,
        )
    wall = value.replace(tzinfo=None)
    try:
        again = value.astimezone(dt.UTC).astimezone(value.tzinfo).replace(tzinfo=None)
    except OverflowError:
        raise InvalidValueError(
            f"{value.isoformat()} is too near the ends of the calendar to be an instant",
            where=where,
        ) from None
    if again != wall:
        raise InvalidValueError(
            f"{wall.isoformat()} does not exist in {value.tzinfo} (its clocks skipped it)",
            where=where,
        )
    if (value.utcoffset() or dt.timedelta(0)) % dt.timedelta(minutes=1):
        raise InvalidValueError(
            f"{value.isoformat()} is offset from UTC by seconds, which RFC 9557 text cannot "
            "write (its offsets are whole minutes)",
            where=where,
        )
    return value


def require_aware(value: dt.datetime, where: str = "") -> dt.datetime:
    """Return ``value`` if it is aware (any zone or offset), else raise NaiveDatetimeError."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{value} is naive (it has no time zone); give it a zone, "
            'e.g. tzinfo=ZoneInfo("America/New_York")',
            where=where,
        )
    return value


def format_instant(value: dt.datetime) -> str:
    """Write an instant as RFC 9557 text: RFC 3339 date, time and offset, then ``[zone]``.

    Args:
        value: an aware :class:`datetime.datetime` whose ``tzinfo`` is a
            :class:`zoneinfo.ZoneInfo`.

    Raises:
        NaiveDatetimeError: for a naive datetime (no zone is ever guessed).
        InvalidValueError: for a datetime with only a fixed offset, such as
            :data:`datetime.timezone.utc` (use ``ZoneInfo("UTC")``).

    >>> from zoneinfo import ZoneInfo
    >>> format_instant(dt.datetime(2025, 11, 10, 0, 1, tzinfo=ZoneInfo("America/New_York")))
    '2025-11-10T00:01:00-05:00[America/New_York]'
    """
    instant = require_instant(value)
    return f"{instant.isoformat()}[{instant.tzinfo}]"


def parse_instant(text: str) -> dt.datetime:
    """Read RFC 9557 text into an aware datetime in its IANA zone.

    The offset must be the zone's offset at that moment; a critical flag (``[!zone]``) is
    accepted, and other suffix tags (such as ``[u-ca=iso8601]``) are refused.

    Raises:
        NaiveDatetimeError: for a date and time with neither offset nor zone.
        InvalidValueError: for text that is not RFC 9557 with a zone, an unknown zone, or an
            offset that disagrees with the zone.

    >>> parse_instant("2025-08-12T00:01:00-04:00[America/New_York]")
    datetime.datetime(2025, 8, 12, 0, 1, tzinfo=zoneinfo.ZoneInfo(key='America/New_York'))
    >>> parse_instant("2025-08-12T00:01:00-05:00[America/New_York]")
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: in '2025-08-12T00:01:00-05:00[America/New_York]' the offset -05:00 is not America/New_York's at that time (-04:00)
    """
    if not isinstance(text, str):
        raise InvalidValueError(f"an instant must be a string, not {type(text).__name__}")
    match = _RFC9557.fullmatch(text)
    if match is None and _NAIVE.fullmatch(text):
        raise NaiveDatetimeError(
            f"{text!r} is naive (it has no offset and no zone); write it as RFC 9557, e.g. "
            "2025-08-12T00:01:00-04:00[America/New_York]"
        )
    if match is None:
        raise InvalidValueError(
            f"not an RFC 9557 timestamp with a zone: {text!r} "
            "(expected e.g. 2025-08-12T00:01:00-04:00[America/New_York])"
        )
    stamp, zone_key = match["stamp"], match["zone"]
    if not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)", stamp
    ):
        raise InvalidValueError(
            f"not an RFC 9557 timestamp: {text!r} (its date, time and offset are not RFC 3339)"
        )
    try:
        stated = dt.datetime.fromisoformat(stamp)
    except ValueError as error:
        raise InvalidValueError(f"not a valid date and time: {text!r} ({error})") from None
    import zoneinfo  # noqa: PLC0415 - imported on first use, to keep `import tradetalks` quick

    try:
        zone = zoneinfo.ZoneInfo(zone_key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidValueError(f"unknown IANA time zone {zone_key!r} in {text!r}") from None
    try:
        instant = stated.astimezone(zone)
    except OverflowError:
        raise InvalidValueError(
            f"{text!r} falls outside the calendar (years 1 to 9999) in {zone_key}"
        ) from None
    if instant.utcoffset() != stated.utcoffset():
        raise InvalidValueError(
            f"in {text!r} the offset {_offset_text(stated)} is not {zone_key}'s at that time "
            f"({_offset_text(instant)})"
        )
    return instant


def _offset_text(value: dt.datetime) -> str:
    offset = value.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """The absolute time from ``start`` to ``end`` (negative when ``end`` is earlier).

    Both are converted to UTC first, so a daylight-saving change in between counts, unlike
    Python's own subtraction of two datetimes that share a ``tzinfo``.

    Raises:
        NaiveDatetimeError: when either is naive.

    >>> from zoneinfo import ZoneInfo
    >>> new_york = ZoneInfo("America/New_York")
    >>> elapsed(dt.datetime(2025, 8, 12, 0, 1, tzinfo=new_york),
    ...         dt.datetime(2025, 11, 10, 0, 1, tzinfo=new_york))
    datetime.timedelta(days=90, seconds=3600)
    """
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, dt.datetime):
            raise InvalidValueError(
                f"expected an aware datetime, not {type(value).__name__}", where=name
            )
        require_aware(value, name)
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


def add_calendar_days(instant: dt.datetime, days: int) -> dt.datetime:
    """The same wall-clock time ``days`` calendar days later, in the instant's own zone.

    A wall time that falls in a daylight-saving gap moves forward past the gap.
    """
    moved = instant + dt.timedelta(days=days)
    return moved.astimezone(dt.UTC).astimezone(instant.tzinfo)
