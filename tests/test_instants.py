"""Instants: RFC 9557 text, zones checked against offsets, absolute elapsed time."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import struct
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tradetalks
from tradetalks import (
    InvalidValueError,
    NaiveDatetimeError,
    TradetalksError,
    elapsed,
    format_instant,
    parse_instant,
)

NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")
DEADLINE = "2025-08-12T00:01:00-04:00[America/New_York]"  # EDT is UTC-4


def test_format_in_summer_time() -> None:
    assert format_instant(dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)) == DEADLINE


def test_format_in_standard_time() -> None:
    instant = dt.datetime(2025, 11, 10, 0, 1, tzinfo=NEW_YORK)  # EST is UTC-5
    assert format_instant(instant) == "2025-11-10T00:01:00-05:00[America/New_York]"


def test_parse() -> None:
    instant = parse_instant(DEADLINE)
    assert instant == dt.datetime(2025, 8, 12, 4, 1, tzinfo=dt.UTC)
    assert instant.tzinfo == NEW_YORK
    assert (instant.hour, instant.minute) == (0, 1)


def test_parse_keeps_the_zone_through_a_round_trip() -> None:
    assert format_instant(parse_instant(DEADLINE)) == DEADLINE


def test_parse_accepts_the_critical_flag() -> None:
    assert parse_instant("2025-08-12T12:00:00+08:00[!Asia/Shanghai]") == dt.datetime(
        2025, 8, 12, 12, 0, tzinfo=SHANGHAI
    )


def test_an_offset_that_disagrees_with_the_zone_is_refused() -> None:
    # In August New York is on EDT, -04:00; -05:00 is its winter offset.
    with pytest.raises(InvalidValueError, match=r"-05:00 is not America/New_York's.*-04:00"):
        parse_instant("2025-08-12T00:01:00-05:00[America/New_York]")


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="unknown IANA time zone 'Mars/Olympus_Mons'"):
        parse_instant("2025-08-12T00:01:00-04:00[Mars/Olympus_Mons]")


@pytest.mark.parametrize(
    "text",
    [
        "2025-08-12T00:01:00-04:00",  # no zone
        "2025-08-12T00:01:00[America/New_York]",  # no offset
        "2025-08-12 00:01:00-04:00[America/New_York]",  # not RFC 3339
        "2025-08-12T00:01:00-04:00[u-ca=iso8601]",  # a tag, not a zone
    ],
)
def test_text_that_is_not_rfc_9557_with_a_zone_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_instant(text)


NAIVE = dt.datetime(2025, 8, 12, 0, 1)  # noqa: DTZ001 - naive on purpose


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="naive"):
        format_instant(NAIVE)


def test_a_fixed_offset_is_not_a_zone() -> None:
    with pytest.raises(InvalidValueError, match="fixed offset"):
        format_instant(dt.datetime(2025, 8, 12, 4, 1, tzinfo=dt.UTC))


def test_elapsed_across_the_end_of_summer_time() -> None:
    # 00:01 EDT is 04:01 UTC; 00:01 EST is 05:01 UTC: 90 days and 1 hour apart.
    start = dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)
    end = dt.datetime(2025, 11, 10, 0, 1, tzinfo=NEW_YORK)
    assert elapsed(start, end) == dt.timedelta(days=90, hours=1)
    assert end - start == dt.timedelta(days=90)  # Python's wall-clock subtraction


def test_elapsed_between_zones() -> None:
    # 09:00 in Beijing (UTC+8) on 30 July is 01:00 UTC; the deadline is 04:01 UTC on 12 August.
    seen = dt.datetime(2025, 7, 30, 9, 0, tzinfo=SHANGHAI)
    deadline = dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)
    assert elapsed(seen, deadline) == dt.timedelta(days=13, hours=3, minutes=1)


def test_elapsed_is_negative_backwards() -> None:
    start = dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)
    end = dt.datetime(2025, 8, 12, 12, 0, tzinfo=SHANGHAI)  # 00:00 in New York
    assert elapsed(start, end) == -dt.timedelta(minutes=1)


def test_elapsed_refuses_naive_datetimes() -> None:
    aware = dt.datetime(2025, 11, 10, 0, 1, tzinfo=NEW_YORK)
    with pytest.raises(NaiveDatetimeError):
        elapsed(aware, NAIVE)
    with pytest.raises(NaiveDatetimeError):
        elapsed(NAIVE, aware)


def test_zones_and_instants_outside_the_calendar_are_refused_as_values() -> None:
    # "America" is a folder of the zone database, not a zone; 9999-12-31 23:59 UTC is already
    # 10000-01-01 in Tokyo (UTC+9).
    with pytest.raises(InvalidValueError, match="unknown IANA time zone 'America'"):
        parse_instant("2025-08-12T00:01:00-04:00[America]")
    with pytest.raises(InvalidValueError, match="falls outside the calendar"):
        parse_instant("9999-12-31T23:59:00+00:00[Asia/Tokyo]")


# -- RFC 9557 against the hardening issue (items 10 and 11) ------------------------------------

PARIS = ZoneInfo("Europe/Paris")
LONDON = ZoneInfo("Europe/London")


# Zone names: only IANA names; names a machine reads its own way are refused by name.


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("localtime", "whatever zone the machine is set to"),
        ("posixrules", "POSIX TZ strings"),
        ("Factory", "zone not yet set"),
        ("right/UTC", "count leap seconds"),
        ("right/Europe/Paris", "count leap seconds"),
        ("posix/Europe/Paris", "'posix/' holds copies"),
        ("/etc/localtime", "a path is not a zone"),
        ("/usr/share/zoneinfo/Europe/Paris", "a path is not a zone"),
        ("../x", "no '.' or '..' part"),
        ("Europe/../Europe/Paris", "no '.' or '..' part"),
        ("./UTC", "no '.' or '..' part"),
        ("Europe//Paris", "a name is parts"),
        ("Europe/Paris/", "a name is parts"),
        ("-Europe", "a name is parts"),
        ("+02:00", "it is an offset"),
    ],
)
def test_a_name_that_is_not_an_iana_zone_is_refused_by_name(key: str, why: str) -> None:
    text = f"2025-07-01T10:00:00+02:00[{key}]"
    with pytest.raises(
        InvalidValueError,
        match=rf"^'{re.escape(key)}' in .* is not an IANA time zone: .*{re.escape(why)}",
    ):
        parse_instant(text)


def test_a_zone_name_must_be_spelled_as_the_database_lists_it() -> None:
    # On a case-insensitive file system ZoneInfo("europe/paris") loads; the text would be
    # refused on other machines, so it is refused everywhere.
    with pytest.raises(InvalidValueError, match="unknown IANA time zone 'europe/paris'"):
        parse_instant("2025-07-01T12:00:00+02:00[europe/paris]")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        # Backward-compatible IANA names are IANA names too: 06:00 EDT is 10:00 UTC.
        ("2025-07-01T06:00:00-04:00[US/Eastern]", dt.datetime(2025, 7, 1, 10, 0, tzinfo=dt.UTC)),
        # Etc/GMT+5 is UTC-5 (POSIX signs): 10:00 there is 15:00 UTC.
        ("2025-07-01T10:00:00-05:00[Etc/GMT+5]", dt.datetime(2025, 7, 1, 15, 0, tzinfo=dt.UTC)),
        ("2025-07-01T10:00:00+00:00[UTC]", dt.datetime(2025, 7, 1, 10, 0, tzinfo=dt.UTC)),
    ],
)
def test_other_iana_names_are_accepted(text: str, utc: dt.datetime) -> None:
    instant = parse_instant(text)
    assert instant.astimezone(dt.UTC) == utc
    assert format_instant(instant) == text


# Z and -00:00: the UTC time is known, the local offset is not (RFC 9557 sections 2, 3.4).


@pytest.mark.parametrize(
    ("text", "expected", "written"),
    [
        # Paris is UTC+2 in summer: 10:00 UTC is 12:00 there.
        (
            "2025-07-01T10:00:00Z[Europe/Paris]",
            dt.datetime(2025, 7, 1, 12, 0, tzinfo=PARIS),
            "2025-07-01T12:00:00+02:00[Europe/Paris]",
        ),
        (
            "2025-07-01T10:00:00-00:00[Europe/Paris]",
            dt.datetime(2025, 7, 1, 12, 0, tzinfo=PARIS),
            "2025-07-01T12:00:00+02:00[Europe/Paris]",
        ),
        # ... and UTC+1 in winter: 10:00 UTC is 11:00 there.
        (
            "2025-01-15T10:00:00Z[Europe/Paris]",
            dt.datetime(2025, 1, 15, 11, 0, tzinfo=PARIS),
            "2025-01-15T11:00:00+01:00[Europe/Paris]",
        ),
        (
            "2025-01-15T10:00:00-00:00[!Europe/Paris]",
            dt.datetime(2025, 1, 15, 11, 0, tzinfo=PARIS),
            "2025-01-15T11:00:00+01:00[Europe/Paris]",
        ),
        # London is UTC+1 in summer: Z was refused there in summer and accepted in winter.
        (
            "2025-07-01T10:00:00Z[Europe/London]",
            dt.datetime(2025, 7, 1, 11, 0, tzinfo=LONDON),
            "2025-07-01T11:00:00+01:00[Europe/London]",
        ),
        (
            "2025-01-15T10:00:00Z[Europe/London]",
            dt.datetime(2025, 1, 15, 10, 0, tzinfo=LONDON),
            "2025-01-15T10:00:00+00:00[Europe/London]",
        ),
        # New York's clocks went back at 06:00 UTC on 2 November (02:00 EDT to 01:00 EST):
        # 06:30 UTC is 01:30 EST (UTC-5), the second 01:30 of that night ...
        (
            "2025-11-02T06:30:00Z[America/New_York]",
            dt.datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK),
            "2025-11-02T01:30:00-05:00[America/New_York]",
        ),
        # ... and 05:30 UTC is 01:30 EDT (UTC-4), the first.
        (
            "2025-11-02T05:30:00Z[America/New_York]",
            dt.datetime(2025, 11, 2, 1, 30, fold=0, tzinfo=NEW_YORK),
            "2025-11-02T01:30:00-04:00[America/New_York]",
        ),
    ],
)
def test_z_and_minus_zero_are_the_utc_instant_put_in_the_zone(
    text: str, expected: dt.datetime, written: str
) -> None:
    instant = parse_instant(text)
    assert instant == expected  # the same wall time in the same zone (fold is not compared)
    assert instant.astimezone(dt.UTC) == expected.astimezone(dt.UTC)  # the same instant
    assert instant.tzinfo is expected.tzinfo
    assert instant.utcoffset() == expected.utcoffset()
    assert format_instant(instant) == written


def test_plus_zero_is_a_real_offset_and_must_agree() -> None:
    # +00:00 states the local offset; Paris is +02:00 in summer.
    with pytest.raises(
        InvalidValueError,
        match=r"the offset \+00:00 is not Europe/Paris's at that time \(\+02:00\)",
    ):
        parse_instant("2025-07-01T10:00:00+00:00[Europe/Paris]")
    # London in winter is +00:00: it agrees.
    assert parse_instant("2025-01-15T10:00:00+00:00[Europe/London]") == dt.datetime(
        2025, 1, 15, 10, 0, tzinfo=LONDON
    )


def test_z_in_local_mean_time_is_refused_as_unwritable() -> None:
    # Paris kept local mean time, +00:09:21, in 1900: no RFC 9557 offset can write it.
    with pytest.raises(InvalidValueError, match="offset from UTC by seconds"):
        parse_instant("1900-01-01T00:00:00Z[Europe/Paris]")


# Lower-case t and z (RFC 3339 section 5.6).


@pytest.mark.parametrize(
    "text",
    [
        "2025-08-12t00:01:00-04:00[America/New_York]",
        "2025-08-12T04:01:00z[America/New_York]",
        "2025-08-12t04:01:00z[America/New_York]",
        "2025-08-12t04:01:00Z[America/New_York]",
    ],
)
def test_lower_case_t_and_z_are_accepted(text: str) -> None:
    instant = parse_instant(text)
    assert instant == dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)
    assert format_instant(instant) == DEADLINE


def test_a_naive_time_with_a_lower_case_t_is_still_naive() -> None:
    with pytest.raises(NaiveDatetimeError, match="naive"):
        parse_instant("2025-08-12t00:01:00")


# Suffix tags: elective ones ignored, critical ones refused unless honoured.


@pytest.mark.parametrize(
    "suffix",
    [
        "[America/New_York][u-ca=gregory]",
        "[America/New_York][u-ca=hebrew][_experimental=yes][x-y=a1-B2-c3]",
        "[!America/New_York][u-ca=gregory]",
        "[America/New_York][!u-ca=iso8601]",  # the calendar a datetime is in
        "[America/New_York][!u-ca=ISO8601]",
    ],
)
def test_elective_tags_are_ignored(suffix: str) -> None:
    instant = parse_instant(f"2025-08-12T00:01:00-04:00{suffix}")
    assert instant == dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)
    assert format_instant(instant) == DEADLINE


@pytest.mark.parametrize("tag", ["[!u-ca=gregory]", "[!u-ca=hebrew]", "[!_experimental=yes]"])
def test_a_critical_tag_that_cannot_be_honoured_is_refused(tag: str) -> None:
    with pytest.raises(
        InvalidValueError, match=rf"the critical tag {re.escape(tag)} cannot be honoured"
    ):
        parse_instant(f"2025-08-12T00:01:00-04:00[America/New_York][u-ca=gregory]{tag}")


@pytest.mark.parametrize(
    "tag", ["[U-CA=gregory]", "[u-ca=]", "[u-ca=a--b]", "[u-ca=-a]", "[u-ca=a-]", "[=a]",
            "[9a=b]", "[-a=b]", "[u-ca=gre gory]", "[u-ca=a=b]", "[]", "[!]"],
)  # fmt: skip
def test_a_malformed_tag_is_refused(tag: str) -> None:
    with pytest.raises(InvalidValueError, match="is not an RFC 9557 suffix tag"):
        parse_instant(f"2025-08-12T00:01:00-04:00[America/New_York]{tag}")


@pytest.mark.parametrize(
    ("suffix", "message"),
    [
        ("[u-ca=gregory]", r"first annotation, \[u-ca=gregory\], is not a time zone"),
        ("[u-ca=gregory][America/New_York]", r"first annotation, \[u-ca=gregory\], is not"),
        ("[]", r"first annotation, \[\], is not a time zone"),
        ("[America/New_York][America/New_York]", "more than one time zone annotation"),
        ("[America/New_York][Europe/Paris]", "more than one time zone annotation"),
        ("[America/New_York][!America/New_York]", "more than one time zone annotation"),
    ],
)
def test_the_one_zone_annotation_comes_first(suffix: str, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        parse_instant(f"2025-08-12T00:01:00-04:00{suffix}")


# Fractions of a second: up to microseconds.


@pytest.mark.parametrize(
    ("fraction", "microsecond"),
    [(".5", 500_000), (".123456", 123_456), (".123456000", 123_456), (".000000000000", 0)],
)
def test_fractions_a_datetime_can_keep_are_read(fraction: str, microsecond: int) -> None:
    instant = parse_instant(f"2025-08-12T00:01:00{fraction}-04:00[America/New_York]")
    assert instant == dt.datetime(2025, 8, 12, 0, 1, 0, microsecond, tzinfo=NEW_YORK)


@pytest.mark.parametrize("fraction", [".1234567", ".123456789", ".000000001", ".0000001000"])
def test_more_than_six_fractional_digits_are_refused_saying_why(fraction: str) -> None:
    with pytest.raises(
        InvalidValueError,
        match=rf"has {len(fraction) - 1} fractional digits: more than 6 fractional digits "
        r"\(microseconds\) cannot be kept",
    ):
        parse_instant(f"2025-08-12T00:01:00{fraction}-04:00[America/New_York]")


# Writing a zone with no IANA name.


def _tzif_for_utc() -> bytes:
    """A TZif file (version 1) with one type, UTC+0 called "UTC", as zic would write it."""
    header = b"TZif" + b"\0" * 16 + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
    return header + struct.pack(">lBB", 0, 0, 0) + b"UTC\0"


def test_format_refuses_a_zone_read_from_a_file() -> None:
    from_file = ZoneInfo.from_file(io.BytesIO(_tzif_for_utc()))
    assert from_file.key is None
    instant = dt.datetime(2025, 8, 12, 4, 1, tzinfo=from_file)
    assert instant.utcoffset() == dt.timedelta(0)
    with pytest.raises(InvalidValueError, match=r"zone read from a file .* no IANA name to write"):
        format_instant(instant)


@pytest.mark.parametrize("key", ["localtime", "Factory", "posixrules", "right/UTC"])
def test_format_refuses_a_zone_parse_would_refuse(key: str) -> None:
    try:
        zone = ZoneInfo(key)
    except ZoneInfoNotFoundError:
        pytest.skip(f"this machine has no {key!r}")
    with pytest.raises(InvalidValueError, match=rf"is in '{key}', which is not an IANA time zone"):
        format_instant(dt.datetime(2025, 8, 12, 4, 1, tzinfo=zone))


# ASCII digits only.

# Digits of other scripts, written as escapes: ARABIC-INDIC DIGIT ZERO is U+0660, FULLWIDTH
# DIGIT ZERO U+FF10.
ARABIC_INDIC = {ord("0") + digit: 0x0660 + digit for digit in range(10)}
FULLWIDTH = {ord("0") + digit: 0xFF10 + digit for digit in range(10)}


@pytest.mark.parametrize(
    "text",
    [
        "\u0662\u0660\u0662\u0665-08-12T00:01:00-04:00[America/New_York]",  # the year
        "2025-08-12T00:0\u0661:00-04:00[America/New_York]",  # a minute
        "2025-08-12T00:01:00.\u0665-04:00[America/New_York]",  # the fraction
        "2025-08-12T00:01:00-0\u0664:00[America/New_York]",  # the offset
        DEADLINE.translate(ARABIC_INDIC),
        DEADLINE.translate(FULLWIDTH),
        "2025-08-12T00:01:00-04:00[Etc/GMT+\u0665]",  # the zone
        "2025-08-12T00:01:00-04:00[America/New_York][u-ca=a\u0661]",  # a tag
    ],
)
def test_digits_other_than_ascii_are_refused(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_instant(text)


def test_digits_other_than_ascii_are_refused_with_the_pure_python_datetime() -> None:
    # The pure-Python datetime's fromisoformat reads digits of any script with int(); the
    # module is loaded without its package __init__ (which needs the C datetime API).
    script = f"""
import sys, types
sys.modules["_datetime"] = None  # the pure-Python datetime
sys.modules["_zoneinfo"] = None  # the pure-Python zoneinfo, which goes with it
import datetime
assert isinstance(vars(datetime.datetime)["fromisoformat"], classmethod)
assert datetime.datetime.fromisoformat("\\u0662\\u0660\\u0662\\u0665-08-12T00:01:00").year == 2025
package = types.ModuleType("tradetalks")
package.__path__ = [{str(Path(tradetalks.__file__).parent)!r}]
sys.modules["tradetalks"] = package
from tradetalks.errors import InvalidValueError
from tradetalks.instants import format_instant, parse_instant
assert format_instant(parse_instant({DEADLINE!r})) == {DEADLINE!r}
for text in {[DEADLINE.translate(ARABIC_INDIC), DEADLINE[:4].translate(ARABIC_INDIC) + DEADLINE[4:]]!r}:
    try:
        parse_instant(text)
    except InvalidValueError:
        continue
    raise SystemExit(f"accepted {{text!r}}")
print("refused")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "refused\n", "")


# Any text: an instant or a TradetalksError, in linear time.

_NEAR_RFC_9557 = (
    "[0-9\u0660-\u0669]{4}"
    r"-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,12})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?"
    r"(\[!?(America/New_York|Europe/Paris|UTC|localtime|Factory|right/UTC|\+01:00|"
    r"u-ca=(gregory|iso8601)|[A-Za-z0-9_./+=!-]{0,12})\]){0,3}"
)
_ALPHABET = "0123456789\u0660\u0665\uff15-:.TtZz+[]!=/_ ANewYorkEuropeParisUTCu-ca"


@given(
    st.one_of(
        st.text(st.characters(exclude_categories=())),
        st.text(_ALPHABET),
        st.from_regex(_NEAR_RFC_9557, fullmatch=True),
    )
)
def test_any_text_is_an_instant_or_a_tradetalks_error(text: str) -> None:
    try:
        instant = parse_instant(text)
    except TradetalksError:
        return
    assert isinstance(instant.tzinfo, ZoneInfo)
    assert parse_instant(format_instant(instant)) == instant


@given(
    st.datetimes(
        min_value=dt.datetime(1973, 1, 1),  # noqa: DTZ001 - a wall time, put in a zone below
        max_value=dt.datetime(9998, 12, 31),  # noqa: DTZ001
    ),
    st.sampled_from(["America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Asia/Kathmandu"]),
)
def test_z_text_reads_back_as_the_utc_instant(utc: dt.datetime, key: str) -> None:
    text = f"{utc.isoformat()}Z[{key}]"
    instant = parse_instant(text)
    assert instant == utc.replace(tzinfo=dt.UTC)
    assert parse_instant(format_instant(instant)) == instant


_N = 100_000
_STAMP = "2025-08-12T00:01:00-04:00"


@pytest.mark.parametrize(
    "text",
    [
        "[" * _N,
        "]" * _N,
        "[]" * _N,
        "x" * _N + "[",
        "x" * _N + "[a]" * _N + "[",
        _STAMP + "[a]" * _N,
        _STAMP + "[America/New_York]" + "[u-ca=gregory]" * (_N // 10),
        _STAMP + "[America/New_York]" + "[a=b" * _N,
        _STAMP + "[America/New_York][u-ca=" + "a-" * _N + "]",
        _STAMP + "[America/New_York][" + "a" * _N + "=-]",
        _STAMP + "[" + "a/" * _N + "a]",
        _STAMP + "[" + "a-" * _N + "!]",
        _STAMP + "[" + "a" * _N + "]",
        "2025-08-12T00:01:00." + "1" * _N + "-04:00[America/New_York]",
        "2025-08-12T00:01:00." + "0" * _N + "-04:00[America/New_York]",
        "2025-08-12T00:01:00." + "0" * _N,
        "2025-08-12T00:01:00" + "0" * _N,
        "2025-08-12T00:01:00." + "\u0660" * _N + "-04:00[America/New_York]",
    ],
)
def test_long_text_takes_linear_time(text: str) -> None:
    # Quadratic work on 100,000 characters would take minutes; linear work takes milliseconds.
    start = time.perf_counter()
    with contextlib.suppress(TradetalksError):
        parse_instant(text)
    assert time.perf_counter() - start < 2.0
