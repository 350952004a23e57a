"""Instants: RFC 9557 text, zones checked against offsets, absolute elapsed time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tradetalks import InvalidValueError, NaiveDatetimeError, elapsed, format_instant, parse_instant

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
