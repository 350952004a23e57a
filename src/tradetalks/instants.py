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
import functools
import re
from typing import TYPE_CHECKING

from tradetalks.errors import InvalidValueError, NaiveDatetimeError

if TYPE_CHECKING:
    import zoneinfo

# Every pattern is ASCII-only (re.ASCII, and [0-9] rather than \d), so digits from other
# scripts never reach int(), whichever datetime (C or pure Python) is in use. None of them can
# backtrack more than linearly: each repeated part is closed by a character it cannot contain.
_NAIVE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?", re.ASCII
)
_RFC9557 = re.compile(r"(?P<stamp>[^\[\]]+)(?P<suffix>(?:\[[^\[\]]*\])+)", re.ASCII)
_ANNOTATION = re.compile(r"\[(?P<critical>!?)(?P<body>[^\[\]]*)\]", re.ASCII)
# RFC 3339 date-time, with "T" and "Z" in either case (RFC 3339 section 5.6) and the seconds
# optional as before; "Z" and "-00:00" say the UTC time is known and the local offset is not
# (RFC 9557 section 2), so they are kept apart from a real offset.
_STAMP = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})[Tt]"
    r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]+))?)?"
    r"(?:(?P<utc>[Zz]|-00:00)|(?P<sign>[+-])(?P<offset_hour>[0-9]{2}):(?P<offset_minute>[0-9]{2}))",
    re.ASCII,
)
# RFC 9557 time-zone-name (each part but "." and ".."), time-numoffset and suffix-tag.
_ZONE_NAME = re.compile(r"[A-Za-z._][A-Za-z0-9._+-]*(?:/[A-Za-z._][A-Za-z0-9._+-]*)*", re.ASCII)
_ZONE_OFFSET = re.compile(r"[+-][0-9]{2}:[0-9]{2}", re.ASCII)
_TAG = re.compile(r"(?P<key>[a-z_][a-z0-9_-]*)=(?P<value>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)", re.ASCII)
_MICROSECOND_DIGITS = 6

_WRITE_THE_NAME = "; write the zone's IANA name, e.g. Europe/Paris"
# Names that zoneinfo loads (and some of which available_timezones() lists) but that are not
# IANA zones: each would make the same text mean different instants on different machines,
# or say nothing about where the instant was stated.
_NOT_ZONES = {
    "localtime": "it is whatever zone the machine is set to, so the same text would mean "
    "different instants on different machines",
    "posixrules": "it is the zone whose rules a machine lends to POSIX TZ strings, chosen "
    "per machine, so the same text would mean different instants on different machines",
    "Factory": 'it is the placeholder for "zone not yet set" (its abbreviation is -00), not '
    "the zone an instant was stated in",
}
_NOT_ZONE_FOLDERS = {
    "posix": "'posix/' holds copies of the zones that some machines have and others lack",
    "right": "'right/' holds variants of the zones that count leap seconds, which some "
    "machines have and others lack and which Python reads about 27 seconds off around "
    "their transitions",
}


def _not_an_iana_name(key: str) -> str | None:
    """Why ``key`` is not an IANA zone name, or None when it may be one (no file is read)."""
    if _ZONE_OFFSET.fullmatch(key):
        return "it is an offset; the offset goes before the brackets, the zone's name in them"
    if not _ZONE_NAME.fullmatch(key) or any(part in {".", ".."} for part in key.split("/")):
        return (
            "a name is parts such as America/Argentina/Buenos_Aires, in ASCII letters, digits "
            "and ._+-, with no leading '/' and no '.' or '..' part (a path is not a zone)"
        )
    folder = key.partition("/")[0] if "/" in key else ""
    reason = _NOT_ZONES.get(key) or _NOT_ZONE_FOLDERS.get(folder)
    return None if reason is None else reason + _WRITE_THE_NAME


@functools.cache
def _iana_names(tzpath: tuple[str, ...]) -> frozenset[str]:
    """The zone names zoneinfo lists for this time zone path, read once per path.

    ``zoneinfo.available_timezones()`` walks the whole zone database (tens of milliseconds),
    so it is read once; the path is part of the cache key, so ``zoneinfo.reset_tzpath()``
    is seen.
    """
    import zoneinfo  # noqa: PLC0415 - imported on first use, to keep `import tradetalks` quick

    # tzpath is only the cache key: available_timezones() reads zoneinfo.TZPATH itself.
    return frozenset(zoneinfo.available_timezones())


def _is_listed(key: str) -> bool:
    """Whether ``key`` is in zoneinfo's list of zones, spelled exactly (case included).

    ``ZoneInfo(key)`` alone also loads any file on the path, and on a case-insensitive file
    system a name in the wrong case, text another machine would refuse.
    """
    import zoneinfo  # noqa: PLC0415 - imported on first use, to keep `import tradetalks` quick

    return key in _iana_names(tuple(zoneinfo.TZPATH))


def require_instant(value: object, where: str = "") -> dt.datetime:
    """Return ``value`` if it is an aware datetime whose tzinfo is an IANA zone.

    Raises:
        NaiveDatetimeError: for a naive datetime.
        InvalidValueError: for anything else, a datetime with only a fixed offset, a zone
            with no IANA name (read from a file, or ``localtime``), a wall time its zone
            skipped (in a daylight-saving gap), or an offset that is not a whole number of
            minutes (local mean time before 1973): RFC 9557 text could not be read back as
            the same instant.
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
    _require_iana_key(value, value.tzinfo, where)
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


def _require_iana_key(value: dt.datetime, zone: zoneinfo.ZoneInfo, where: str) -> None:
    """Refuse a zone whose key RFC 9557 text could not carry, or parse_instant would refuse."""
    key = zone.key
    if key is None:
        raise InvalidValueError(
            f"{value.isoformat()} is in a zone read from a file ({zone!r}), which has no IANA "
            "name to write; an instant in the record carries an IANA zone, e.g. "
            'tzinfo=ZoneInfo("America/New_York")',
            where=where,
        )
    reason = _not_an_iana_name(key)
    if reason is not None:
        raise InvalidValueError(
            f"{value.isoformat()} is in {key!r}, which is not an IANA time zone: {reason}",
            where=where,
        )
    if not _is_listed(key):
        raise InvalidValueError(
            f"{value.isoformat()} is in {key!r}, which is not an IANA time zone name "
            "(zoneinfo.available_timezones() does not list it)",
            where=where,
        )


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
            :class:`zoneinfo.ZoneInfo` made from an IANA zone name.

    Raises:
        NaiveDatetimeError: for a naive datetime (no zone is ever guessed).
        InvalidValueError: for a datetime with only a fixed offset, such as
            :data:`datetime.timezone.utc` (use ``ZoneInfo("UTC")``), or in a zone that
            :func:`parse_instant` would refuse: one read from a file
            (``ZoneInfo.from_file``, which has no name to write), ``localtime``,
            ``posixrules``, ``Factory``, ``posix/...`` or ``right/...``.

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> from tradetalks import format_instant
    >>> format_instant(dt.datetime(2025, 11, 10, 0, 1, tzinfo=ZoneInfo("America/New_York")))
    '2025-11-10T00:01:00-05:00[America/New_York]'
    """
    instant = require_instant(value)
    return f"{instant.isoformat()}[{instant.tzinfo}]"


def parse_instant(text: str) -> dt.datetime:
    """Read RFC 9557 text into an aware datetime in its IANA zone.

    The text is an RFC 3339 timestamp (``T`` and ``Z`` in either case, ASCII digits, no
    more than 6 fractional digits of a second but for trailing zeros), then the zone's IANA name in
    brackets, which may carry the critical flag (``[!America/New_York]``). A real offset
    must be the zone's offset at that moment. ``Z`` and ``-00:00`` say that the UTC time is
    known and the local offset is not (RFC 9557 sections 2 and 3.4): they are read as that
    UTC instant, put in the zone. Suffix tags after the zone (``[u-ca=hebrew]``) are
    ignored; a critical one (``[!u-ca=hebrew]``) is refused, as nothing here can act on it,
    except ``[!u-ca=iso8601]``, the calendar a datetime is in. Names that are not IANA
    zones (``localtime``, ``posixrules``, ``Factory``, ``posix/...``, ``right/...``, paths)
    are refused: on different machines they mean different zones.

    Raises:
        NaiveDatetimeError: for a date and time with neither offset nor zone.
        InvalidValueError: for text that is not RFC 9557 with a zone, a name that is not an
            IANA zone or is unknown, an offset that disagrees with the zone, more than 6
            fractional digits, or a critical tag that cannot be honoured. Every other input
            string raises one of these too, never another exception.

    >>> from tradetalks import format_instant, parse_instant
    >>> parse_instant("2025-08-12T00:01:00-04:00[America/New_York]")
    datetime.datetime(2025, 8, 12, 0, 1, tzinfo=zoneinfo.ZoneInfo(key='America/New_York'))
    >>> parse_instant(  # doctest: +NORMALIZE_WHITESPACE
    ...     "2025-08-12T00:01:00-05:00[America/New_York]")
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: in '2025-08-12T00:01:00-05:00[America/New_York]'
    the offset -05:00 is not America/New_York's at that time (-04:00)
    >>> format_instant(parse_instant("2025-07-01T10:00:00Z[Europe/Paris][u-ca=gregory]"))
    '2025-07-01T12:00:00+02:00[Europe/Paris]'
    >>> parse_instant("2025-08-12T00:01:00-04:00[localtime]")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: 'localtime' in '2025-08-12T00:01:00-04:00[localtime]' is
    not an IANA time zone: it is whatever zone the machine is set to, so the same text would mean
    different instants on different machines; write the zone's IANA name, e.g. Europe/Paris
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
    zone_key = _read_suffix(text, match["suffix"])
    stated, offset_known = _read_stamp(text, match["stamp"])
    zone = _load_zone(text, zone_key)
    try:
        instant = stated.astimezone(zone)
    except OverflowError:
        raise InvalidValueError(
            f"{text!r} falls outside the calendar (years 1 to 9999) in {zone_key}"
        ) from None
    if offset_known and instant.utcoffset() != stated.utcoffset():
        raise InvalidValueError(
            f"in {text!r} the offset {_offset_text(stated)} is not {zone_key}'s at that time "
            f"({_offset_text(instant)})"
        )
    if (instant.utcoffset() or dt.timedelta(0)) % dt.timedelta(minutes=1):
        raise InvalidValueError(
            f"in {text!r}, {zone_key} is offset from UTC by seconds at that time "
            f"({instant.isoformat()}), which RFC 9557 text cannot write (its offsets are "
            "whole minutes)"
        )
    return instant


def _read_suffix(text: str, suffix: str) -> str:
    """The zone key of an RFC 9557 suffix: one zone first, then tags, elective ones ignored."""
    zone_key = ""
    for annotation in _ANNOTATION.finditer(suffix):
        critical, body = annotation["critical"], annotation["body"]
        tag = _TAG.fullmatch(body) if "=" in body else None
        if not zone_key:
            if "=" in body or not body:
                raise InvalidValueError(
                    f"not an RFC 9557 timestamp with a zone: {text!r} (its first annotation, "
                    f"{annotation[0]}, is not a time zone; expected e.g. "
                    "2025-08-12T00:01:00-04:00[America/New_York])"
                )
            zone_key = body
        elif tag is not None:
            if critical and (tag["key"], tag["value"].lower()) != ("u-ca", "iso8601"):
                raise InvalidValueError(
                    f"in {text!r} the critical tag {annotation[0]} cannot be honoured: an "
                    "instant here is a datetime in its zone and keeps no other annotation "
                    "(without the '!' the tag would be ignored)"
                )
        elif "=" in body or not body:
            raise InvalidValueError(
                f"in {text!r}, {annotation[0]} is not an RFC 9557 suffix tag (one is [key=value], "
                "the key in lower-case letters, digits, '_' and '-', the value letters and "
                "digits in parts joined by '-')"
            )
        else:
            raise InvalidValueError(
                f"in {text!r} there is more than one time zone annotation ({annotation[0]}); "
                "an instant has one zone"
            )
    return zone_key


def _read_stamp(text: str, stamp: str) -> tuple[dt.datetime, bool]:
    """The RFC 3339 timestamp as a datetime with a fixed offset, and whether it states one.

    The offset is unknown (False) for ``Z`` and ``-00:00``: only the UTC time is given.
    """
    parts = _STAMP.fullmatch(stamp)
    if parts is None:
        raise InvalidValueError(
            f"not an RFC 9557 timestamp: {text!r} (its date, time and offset are not RFC 3339)"
        )
    fraction = parts["fraction"] or ""
    if fraction[_MICROSECOND_DIGITS:].strip("0"):
        raise InvalidValueError(
            f"in {text!r} the second has {len(fraction)} fractional digits: more than 6 "
            "fractional digits (microseconds) cannot be kept in a datetime, and dropping them "
            "would change the instant"
        )
    offset_known = parts["utc"] is None
    if offset_known and (int(parts["offset_hour"]) > 23 or int(parts["offset_minute"]) > 59):
        raise InvalidValueError(
            f"not a valid date and time: {text!r} (an offset's hours are 00 to 23 and its "
            "minutes 00 to 59)"
        )
    offset = dt.timedelta(0)
    if offset_known:
        sign = -1 if parts["sign"] == "-" else 1
        offset = sign * dt.timedelta(
            hours=int(parts["offset_hour"]), minutes=int(parts["offset_minute"])
        )
    try:
        stated = dt.datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"] or "0"),
            int(fraction[:_MICROSECOND_DIGITS].ljust(_MICROSECOND_DIGITS, "0")),
            tzinfo=dt.timezone(offset) if offset else dt.UTC,
        )
    except ValueError as error:
        raise InvalidValueError(f"not a valid date and time: {text!r} ({error})") from None
    return stated, offset_known


def _load_zone(text: str, zone_key: str) -> zoneinfo.ZoneInfo:
    """The zone named in ``text``, if the name is an IANA zone this machine knows."""
    reason = _not_an_iana_name(zone_key)
    if reason is not None:
        raise InvalidValueError(f"{zone_key!r} in {text!r} is not an IANA time zone: {reason}")
    import zoneinfo  # noqa: PLC0415 - imported on first use, to keep `import tradetalks` quick

    if not _is_listed(zone_key):
        raise InvalidValueError(f"unknown IANA time zone {zone_key!r} in {text!r}")
    try:
        return zoneinfo.ZoneInfo(zone_key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidValueError(f"unknown IANA time zone {zone_key!r} in {text!r}") from None


def is_iana_zone(key: str) -> bool:
    """Whether ``key`` names an IANA time zone, the same on every machine that knows it.

    The rule :func:`parse_instant` reads zone names by: ``localtime``, ``posixrules`` and
    the like are not zones but settings of one machine.

    >>> from tradetalks.instants import is_iana_zone
    >>> is_iana_zone("Europe/Paris"), is_iana_zone("localtime"), is_iana_zone("Mars/Base")
    (True, False, False)
    """
    return _not_an_iana_name(key) is None and _is_listed(key)


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

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> from tradetalks import elapsed
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
