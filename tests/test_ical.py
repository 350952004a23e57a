"""The iCalendar export: what a subscribed calendar sees change, where, and from what source.

Worked out by hand. The shipped article (Global Times, 30 July 2025) has "a 90-day tariff
truce ... with a deadline approaching on August 12"; 14 May plus 90 days is 12 August
(17 + 30 + 31 + 12). The Geneva truces of docs/truces.md: the US suspension runs from 12:01
a.m. EDT on 14 May 2025 for 90 days, to 12:01 a.m. EDT (04:01 UTC) on 12 August; the order
of 11 August continues it to 12:01 a.m. EST on 10 November 2025, the order of 4 November to
12:01 a.m. EST on 10 November 2026; it ended on 20 February 2026 (moot), announced that
day. China's runs from 12:01 on 14 May 2025 in Beijing (UTC+8) for 90 days, 90 more
(announced 12 August), then a year from 13:01 on 10 November 2025 (announced 5 November):
an hour's lapse after its second term ends at 12:01. New York is on EDT (UTC-4) until 2
November 2025, then EST (UTC-5); a day's announcement is written as midnight UTC of that day.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

import tradetalks
from geneva import NEW_YORK, geneva_truces
from tradetalks import (
    Agreement,
    Dataset,
    Evidence,
    InvalidValueError,
    Meeting,
    MeetingKind,
    Organization,
    OrganizationKind,
    Round,
    Source,
    Truce,
    TruceTerm,
    UnnamedGroup,
)
from tradetalks.cli import main
from tradetalks.fixtures import DATA, stockholm_2025
from tradetalks.ical import to_ical
from tradetalks.instants import parse_instant

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

ARTICLE = (DATA / "global-times-2025-07-30-stockholm.txt").read_bytes().decode("utf-8")
BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def _events(data: bytes) -> dict[str, Any]:
    """The events of an iCalendar file, by UID."""
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _change(event: Any) -> tuple[str, int, dt.datetime | None]:
    """An event's STATUS, SEQUENCE and LAST-MODIFIED (``None`` when it has none)."""
    modified = event.decoded("LAST-MODIFIED") if "LAST-MODIFIED" in event else None
    return str(event["STATUS"]), int(event["SEQUENCE"]), modified


def _with_truces(*truces: Truce, agreements: Collection[Agreement] = ()) -> Dataset:
    """The shipped source and parties with these truces."""
    record = stockholm_2025()
    return Dataset(
        sources=record.sources,
        organizations=record.organizations,
        parties=record.parties,
        agreements=list(agreements),
        truces=list(truces),
    )


def _geneva() -> Dataset:
    """The Geneva agreement and the two one-sided truces of docs/truces.md."""
    geneva, (us_pause, china_pause, _) = geneva_truces(stockholm_2025())
    return _with_truces(us_pause, china_pause, agreements=[geneva])


def _shipped_truce() -> Truce:
    return stockholm_2025().truces[0]


# -- what a subscriber sees change -------------------------------------------------------------


def test_no_event_of_the_shipped_dataset_has_changed() -> None:
    # Nothing in the article moved or cancelled anything: every event is as first written.
    for event in _events(to_ical(stockholm_2025())).values():
        assert _change(event) == ("CONFIRMED", 0, None)


def test_the_extension_of_11_august_supersedes_the_deadline_of_12_august() -> None:
    before = _events(to_ical(stockholm_2025()))["cn-us-tariff-truce-2025-term-1@tradetalks"]
    longer = _shipped_truce().extend(
        days=90, announced_on="2025-08-11", derivation="the extension of 11 August"
    )
    events = _events(to_ical(_with_truces(longer)))
    after = events["cn-us-tariff-truce-2025-term-1@tradetalks"]  # the same UID, kept
    assert _change(before) == ("CONFIRMED", 0, None)
    assert _change(after) == ("CANCELLED", 1, dt.datetime(2025, 8, 11, tzinfo=UTC))
    assert str(after["SUMMARY"]) == (
        "Deadline of cn-us-tariff-truce-2025 (CN and US), term 1 (superseded by term 2)"
    )
    assert after.decoded("DTSTART") == before.decoded("DTSTART") == dt.date(2025, 8, 12)
    # The live deadline: 12 August plus 90 days is 10 November (19 + 30 + 31 + 10).
    live = events["cn-us-tariff-truce-2025-term-2@tradetalks"]
    assert live.decoded("DTSTART") == dt.date(2025, 11, 10)
    assert _change(live) == ("CONFIRMED", 0, None)
    assert str(live["SUMMARY"]) == "Deadline of cn-us-tariff-truce-2025 (CN and US), term 2"


def test_each_us_deadline_was_superseded_or_cut_short() -> None:
    events = _events(to_ical(_geneva()))
    first, second, third = (events[f"us-suspension-2025-term-{n}@tradetalks"] for n in (1, 2, 3))
    assert _change(first) == ("CANCELLED", 1, dt.datetime(2025, 8, 11, tzinfo=UTC))
    assert _change(second) == ("CANCELLED", 1, dt.datetime(2025, 11, 4, tzinfo=UTC))
    assert _change(third) == ("CANCELLED", 1, dt.datetime(2026, 2, 20, tzinfo=UTC))
    assert str(second["SUMMARY"]) == (
        "Deadline of us-suspension-2025 (US), term 2 (superseded by term 3)"
    )
    assert str(third["SUMMARY"]) == (
        "Deadline of us-suspension-2025 (US), term 3 (cut short: it ended early on 2026-02-20)"
    )
    # The cancelled deadlines keep their times: 00:01 EDT on 12 August is 04:01 UTC, 00:01
    # EST on 10 November 2025 is 05:01 UTC.
    assert first.decoded("DTSTART").astimezone(UTC) == dt.datetime(2025, 8, 12, 4, 1, tzinfo=UTC)
    assert second.decoded("DTSTART").astimezone(UTC) == dt.datetime(2025, 11, 10, 5, 1, tzinfo=UTC)
    ended = events["us-suspension-2025-ended@tradetalks"]
    assert _change(ended) == ("CONFIRMED", 0, None)  # the end itself is a fact, not a change


def test_a_deadline_followed_by_a_lapse_really_passed() -> None:
    events = _events(to_ical(_geneva()))
    first, second, third = (events[f"china-suspension-2025-term-{n}@tradetalks"] for n in (1, 2, 3))
    # The second term (from 12:01 on 12 August) continues the first: announced on 12 August.
    assert _change(first) == ("CANCELLED", 1, dt.datetime(2025, 8, 12, tzinfo=UTC))
    # The third starts at 13:01, an hour after the second ends at 12:01: the second's deadline
    # came, and the truce lapsed for an hour. Not cancelled, never changed.
    assert _change(second) == ("CONFIRMED", 0, None)
    assert str(second["SUMMARY"]) == "Deadline of china-suspension-2025 (CN), term 2"
    assert second.decoded("DTSTART").astimezone(UTC) == dt.datetime(2025, 11, 10, 4, 1, tzinfo=UTC)
    assert _change(third) == ("CONFIRMED", 0, None)


def _instant_truce() -> Truce:
    """The shipped truce's days, with its deadline at 12:01 a.m. on 12 August in New York."""
    return Truce(
        id="tariff-truce",
        parties=list(stockholm_2025().truces[0].parties),
        suspended="tariffs",
        derivation="an example",
        terms=[
            TruceTerm(
                start="2025-05-14",
                end=dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK),
                derivation="an example",
            )
        ],
    )


def test_a_change_announced_at_an_instant_is_that_instant_in_utc() -> None:
    longer = _instant_truce().extend(
        days=90,
        announced_on=dt.datetime(2025, 8, 11, 17, 0, tzinfo=NEW_YORK),
        derivation="an example extension",
    )
    events = _events(to_ical(_with_truces(longer)))
    # 17:00 EDT (UTC-4) is 21:00 UTC.
    assert _change(events["tariff-truce-term-1@tradetalks"]) == (
        "CANCELLED",
        1,
        dt.datetime(2025, 8, 11, 21, 0, tzinfo=UTC),
    )


def test_an_end_not_announced_is_modified_at_its_instant() -> None:
    ended = _instant_truce().end_early(
        at=dt.datetime(2025, 8, 1, 10, 30, tzinfo=NEW_YORK),
        reason="terminated",
        derivation="an example end",
    )
    cut = _events(to_ical(_with_truces(ended)))["tariff-truce-term-1@tradetalks"]
    # 10:30 EDT (UTC-4) is 14:30 UTC.
    assert _change(cut) == ("CANCELLED", 1, dt.datetime(2025, 8, 1, 14, 30, tzinfo=UTC))
    assert str(cut["SUMMARY"]) == (
        "Deadline of tariff-truce (CN and US), term 1 "
        "(cut short: it ended early on 2025-08-01T10:30:00-04:00[America/New_York])"
    )


def test_an_end_not_announced_on_a_day_is_midnight_utc_of_that_day() -> None:
    ended = _shipped_truce().end_early(at="2025-08-01", reason="terminated", derivation="x")
    cut = _events(to_ical(_with_truces(ended)))["cn-us-tariff-truce-2025-term-1@tradetalks"]
    assert _change(cut) == ("CANCELLED", 1, dt.datetime(2025, 8, 1, tzinfo=UTC))


def test_an_end_announced_ahead_is_modified_when_announced() -> None:
    ended = _shipped_truce().end_early(
        at="2025-08-01", announced_on="2025-07-20", reason="terminated", derivation="a notice"
    )
    cut = _events(to_ical(_with_truces(ended)))["cn-us-tariff-truce-2025-term-1@tradetalks"]
    assert _change(cut) == ("CANCELLED", 1, dt.datetime(2025, 7, 20, tzinfo=UTC))


def test_an_announcement_known_to_the_month_counts_from_its_last_day() -> None:
    longer = _shipped_truce().extend(days=90, announced_on="2025-08", derivation="x")
    first = _events(to_ical(_with_truces(longer)))["cn-us-tariff-truce-2025-term-1@tradetalks"]
    assert _change(first) == ("CANCELLED", 1, dt.datetime(2025, 8, 31, tzinfo=UTC))  # 31 days


def test_a_term_from_the_day_of_an_instant_end_continues_it() -> None:
    # "From 12 August" after an end at 00:01 on 12 August continues the term (truces.py's
    # rule); from 13 August leaves a lapse.
    for start, expected in (("2025-08-12", "CANCELLED"), ("2025-08-13", "CONFIRMED")):
        later = _instant_truce().extend(
            start=start, end="2025-11-10", announced_on="2025-08-11", derivation="x"
        )
        first = _events(to_ical(_with_truces(later)))["tariff-truce-term-1@tradetalks"]
        assert str(first["STATUS"]) == expected, start


def test_a_term_until_further_notice_cut_short_has_no_deadline_to_cancel() -> None:
    open_ended = Truce(
        id="an-open-suspension",
        parties=[stockholm_2025().get("CN")],
        suspended="an example measure",
        derivation="an example",
        terms=[TruceTerm(start="2025-05-14", end=None, derivation="an example")],
    ).end_early(at="2026-01-05", reason="terminated", derivation="an example end")
    events = _events(to_ical(_with_truces(open_ended)))
    assert list(events) == ["an-open-suspension-ended@tradetalks"]
    assert _change(events["an-open-suspension-ended@tradetalks"]) == ("CONFIRMED", 0, None)


# -- where, and from what source ---------------------------------------------------------------


def test_the_shipped_rounds_and_meeting_have_their_places() -> None:
    events = _events(to_ical(stockholm_2025()))
    locations = {uid: str(e["LOCATION"]) for uid, e in events.items() if "LOCATION" in e}
    assert locations == {
        "geneva-2025@tradetalks": "Geneva",  # "in Geneva in May": no country given
        "london-2025@tradetalks": "London",
        "stockholm-2025@tradetalks": "Stockholm, SE",  # "in Stockholm, Sweden"
        "wang-wentao-meets-uscbc@tradetalks": "Beijing",  # "(USCBC) in Beijing"
    }  # the truce's deadline has no place


def test_the_shipped_events_quote_the_article() -> None:
    events = _events(to_ical(stockholm_2025()))
    stockholm_words = (
        "He made the remarks during the new round of China-US economic and trade talks in "
        "Stockholm from Monday to Tuesday"
    )
    truce_words = (
        "a 90-day tariff truce agreed upon by the two sides, with a deadline approaching on "
        "August 12"
    )
    assert stockholm_words in ARTICLE
    assert truce_words in ARTICLE
    # The article has no title or address in the dataset: its outlet and dateline.
    assert str(events["stockholm-2025@tradetalks"]["DESCRIPTION"]) == (
        f'Source: Global Times, 2025-07-30\nQuote: "{stockholm_words}"'
    )
    # The term has evidence and says how its start was worked out.
    assert str(events["cn-us-tariff-truce-2025-term-1@tradetalks"]["DESCRIPTION"]) == (
        f'Source: Global Times, 2025-07-30\nQuote: "{truce_words}"\n'
        'Derivation: start: the end (August 12) less the 90 days of the "90-day tariff truce"'
    )


def test_a_derived_deadline_and_end_give_their_derivations() -> None:
    events = _events(to_ical(_geneva()))
    assert str(events["us-suspension-2025-term-2@tradetalks"]["DESCRIPTION"]) == (
        "Derivation: the order of 11 August"
    )
    assert str(events["us-suspension-2025-ended@tradetalks"]["DESCRIPTION"]) == (
        "Derivation: the ruling of 20 February 2026"
    )


# A made-up source with a title and an address. Its quotations hold the characters iCalendar
# escapes: a comma, a semicolon and a backslash.
WIRE = (
    "Officials met in Geneva, Switzerland, on May 10-11; a dinner in Switzerland followed "
    'on June 5, and a call on June 6: "tariffs; duties, \\ levies" came up.'
)


def _wire() -> Dataset:
    outlet = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="wire",
        outlet=outlet,
        title="Talks in Geneva",
        published_on=dt.date(2025, 6, 7),
        url="https://example.org/geneva-talks",
        language="en",
        text=WIRE,
    )
    officials = [UnnamedGroup("officials")]
    talks = Round(
        id="geneva-talks",
        track="example talks",
        city="Geneva",
        country="CH",
        dates="2025-05-10/2025-05-11",
        evidence=[Evidence.find(source, "Officials met in Geneva, Switzerland, on May 10-11")],
    )
    dinner = Meeting(
        id="dinner",
        kind=MeetingKind.MEETING,
        description="a dinner",
        participants=officials,
        country="CH",
        dates="2025-06-05",
        evidence=[Evidence.find(source, "a dinner in Switzerland followed on June 5")],
    )
    call = Meeting(
        id="call",
        kind=MeetingKind.PHONE_CALL,
        description="a call",
        participants=officials,
        dates="2025-06-06",
        evidence=[Evidence.find(source, 'a call on June 6: "tariffs; duties, \\ levies" came up')],
    )
    return Dataset(
        sources=[source], organizations=[outlet], rounds=[talks], meetings=[dinner, call]
    )


def test_a_place_is_the_city_and_the_country_code_or_what_is_known() -> None:
    events = _events(to_ical(_wire()))
    assert str(events["geneva-talks@tradetalks"]["LOCATION"]) == "Geneva, CH"
    assert str(events["dinner@tradetalks"]["LOCATION"]) == "CH"  # no city given
    assert "LOCATION" not in events["call@tradetalks"]  # a call has no place


def test_a_source_with_a_title_and_an_address_and_escaped_characters() -> None:
    data = to_ical(_wire())
    events = _events(data)
    assert str(events["geneva-talks@tradetalks"]["DESCRIPTION"]) == (
        'Source: "Talks in Geneva", Example Wire, 2025-06-07, https://example.org/geneva-talks\n'
        'Quote: "Officials met in Geneva, Switzerland, on May 10-11"'
    )
    # Read back exactly as written, though the file escapes them (RFC 5545, 3.3.11).
    assert str(events["call@tradetalks"]["DESCRIPTION"]).endswith(
        'Quote: "a call on June 6: "tariffs; duties, \\ levies" came up"'
    )
    assert b"tariffs\\; duties\\, \\\\ levies" in data.replace(b"\r\n ", b"")


# -- kinds -------------------------------------------------------------------------------------

SHIPPED_ROUNDS = {"geneva-2025@tradetalks", "london-2025@tradetalks", "stockholm-2025@tradetalks"}
SHIPPED_MEETING = {"wang-wentao-meets-uscbc@tradetalks"}  # the call has no date: no event
SHIPPED_DEADLINE = {"cn-us-tariff-truce-2025-term-1@tradetalks"}


@pytest.mark.parametrize(
    ("kinds", "uids"),
    [
        (None, SHIPPED_ROUNDS | SHIPPED_MEETING | SHIPPED_DEADLINE),
        (["rounds"], SHIPPED_ROUNDS),
        (("meetings",), SHIPPED_MEETING),
        ({"truces"}, SHIPPED_DEADLINE),
        (["truces", "rounds", "truces"], SHIPPED_ROUNDS | SHIPPED_DEADLINE),
    ],
)
def test_only_the_kinds_asked_for(kinds: Collection[str] | None, uids: set[str]) -> None:
    assert set(_events(to_ical(stockholm_2025(), kinds=kinds))) == uids


def test_the_order_of_the_kinds_does_not_change_the_file() -> None:
    record = stockholm_2025()
    assert to_ical(record, kinds=["truces", "rounds"]) == to_ical(
        record, kinds=["rounds", "truces"]
    )
    assert to_ical(record, kinds=["meetings", "rounds", "truces"]) == to_ical(record)


@pytest.mark.parametrize(
    ("kinds", "message"),
    [
        (["statements"], r"kinds: 'statements' is not a kind of calendar event"),
        (["rounds", "speeches"], r"kinds: 'speeches' is not a kind of calendar event"),
        ([None], r"kinds: None is not a kind of calendar event"),
        (frozenset(), r"kinds: no kind of calendar event asked for"),
        ([], r"kinds: no kind of calendar event asked for"),
        ("rounds", r"kinds: expected a collection of kinds, such as \['rounds'\], not 'rounds'"),
        (3, r"kinds: expected a collection of kinds, such as \['rounds'\], not 3"),
    ],
)
def test_a_kind_without_events_is_refused_with_the_kinds(kinds: Any, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message) as caught:
        to_ical(stockholm_2025(), kinds=kinds)
    assert caught.value.where == "kinds"
    assert str(caught.value).endswith("the kinds are 'rounds', 'meetings', 'truces'")


# -- the same dataset, the same bytes ----------------------------------------------------------


def test_the_same_dataset_gives_the_same_bytes(tmp_path: Path) -> None:
    first = to_ical(_geneva())
    assert to_ical(_geneva()) == first
    path = tmp_path / "geneva.json"
    tradetalks.dump(_geneva(), path)
    assert to_ical(tradetalks.load(path)) == first


def test_dtstamp_is_the_latest_dateline_or_the_last_change_if_later() -> None:
    # The shipped article is dated 30 July 2025; RFC 5545 has DTSTAMP be when an event was
    # last revised, so an event changed later carries its LAST-MODIFIED as its DTSTAMP.
    events = _events(to_ical(_geneva()))
    for event in events.values():
        if "LAST-MODIFIED" in event:
            assert event.decoded("DTSTAMP") == event.decoded("LAST-MODIFIED")
        else:
            assert event.decoded("DTSTAMP") == dt.datetime(2025, 7, 30, tzinfo=UTC)
    # The US term 1, superseded by the extension announced on 11 August 2025.
    first = events["us-suspension-2025-term-1@tradetalks"]
    assert first.decoded("DTSTAMP") == dt.datetime(2025, 8, 11, tzinfo=UTC)


def test_the_zones_are_in_the_same_order_in_every_run_of_python(tmp_path: Path) -> None:
    """The VTIMEZONEs come sorted by name, whatever the hash seed of the Python that writes."""
    path = tmp_path / "geneva.json"
    tradetalks.dump(_geneva(), path)
    script = (
        "import sys, tradetalks; from tradetalks.ical import to_ical; "
        "sys.stdout.buffer.write(to_ical(tradetalks.load(sys.argv[1])))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script, str(path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4", "5", "6")
    }
    assert runs == {to_ical(_geneva())}
    zones = icalendar.Calendar.from_ical(runs.pop()).walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["America/New_York", "Asia/Shanghai"]


# -- instants: the repeated hour, fractions of a second ----------------------------------------

# Berlin is on CEST (UTC+2) until 03:00 CEST (01:00 UTC) on 26 October 2025, when its clocks go
# back to 02:00 CET (UTC+1): 02:00 to 03:00 comes twice. 02:30 CEST is 00:30 UTC (the first,
# fold 0); 02:30 CET is 01:30 UTC (the second, fold 1); 03:30 CET, once only, is 02:30 UTC.
FIRST_0230 = "2025-10-26T02:30:00+02:00[Europe/Berlin]"
SECOND_0230 = "2025-10-26T02:30:00+01:00[Europe/Berlin]"
ONCE_0330 = "2025-10-26T03:30:00+01:00[Europe/Berlin]"


def _berlin() -> Dataset:
    """A truce due at 03:30 CET, ended early at the second 02:30; another due at the first."""
    parties = list(stockholm_2025().truces[0].parties)
    once = Truce(
        id="once",
        parties=parties,
        suspended="tariffs",
        derivation="an example",
        terms=[TruceTerm(start="2025-08-01", end=parse_instant(ONCE_0330), derivation="x")],
    ).end_early(at=parse_instant(SECOND_0230), reason="terminated", derivation="an example end")
    first = Truce(
        id="first",
        parties=parties,
        suspended="tariffs",
        derivation="an example",
        terms=[TruceTerm(start="2025-08-01", end=parse_instant(FIRST_0230), derivation="x")],
    )
    return _with_truces(once, first)


def test_an_instant_in_the_repeated_hour_is_written_in_utc() -> None:
    assert parse_instant(SECOND_0230).fold == 1
    assert parse_instant(FIRST_0230).fold == 0
    data = to_ical(_berlin())
    lines = data.decode("utf-8").split("\r\n")
    assert "DTSTART:20251026T013000Z" in lines  # the second 02:30, which 02:30 CEST would hide
    assert "DTSTART:20251026T003000Z" in lines  # the first, in UTC too
    assert "DTSTART;TZID=Europe/Berlin:20251026T033000" in lines  # 03:30 comes once: in its zone
    events = _events(data)
    starts = {uid: event.decoded("DTSTART").astimezone(UTC) for uid, event in events.items()}
    assert starts == {
        "once-term-1@tradetalks": dt.datetime(2025, 10, 26, 2, 30, tzinfo=UTC),
        "once-ended@tradetalks": dt.datetime(2025, 10, 26, 1, 30, tzinfo=UTC),
        "first-term-1@tradetalks": dt.datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
    }
    # The cut-short deadline was changed at the end's instant: 01:30 UTC.
    assert _change(events["once-term-1@tradetalks"]) == (
        "CANCELLED",
        1,
        dt.datetime(2025, 10, 26, 1, 30, tzinfo=UTC),
    )


def test_an_instant_in_a_zone_has_its_vtimezone_and_one_in_utc_none() -> None:
    calendar = icalendar.Calendar.from_ical(to_ical(_berlin()))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    only_repeated = _berlin().truces[1]  # due at the first 02:30 alone
    calendar = icalendar.Calendar.from_ical(to_ical(_with_truces(only_repeated)))
    assert calendar.walk("VTIMEZONE") == []


def test_fractions_of_a_second_are_dropped() -> None:
    longer = Truce(
        id="tariff-truce",
        parties=list(stockholm_2025().truces[0].parties),
        suspended="tariffs",
        derivation="an example",
        terms=[
            TruceTerm(
                start="2025-05-14",
                end=dt.datetime(2025, 8, 12, 0, 1, 59, 999_999, tzinfo=NEW_YORK),
                derivation="an example",
            )
        ],
    ).extend(
        days=90,
        announced_on=dt.datetime(2025, 8, 11, 17, 0, 0, 500_000, tzinfo=NEW_YORK),
        derivation="an example extension",
    )
    data = to_ical(_with_truces(longer))
    # 00:01:59.999999 EDT (UTC-4) is 04:01:59.999999 UTC: written 00:01:59, not rounded up
    # to 00:02:00; 17:00:00.5 EDT is 21:00:00.5 UTC, written 21:00:00.
    assert "DTSTART;TZID=America/New_York:20250812T000159" in data.decode("utf-8").split("\r\n")
    first = _events(data)["tariff-truce-term-1@tradetalks"]
    assert first.decoded("DTSTART").astimezone(UTC) == dt.datetime(
        2025, 8, 12, 4, 1, 59, tzinfo=UTC
    )
    modified = dt.datetime(2025, 8, 11, 21, 0, 0, tzinfo=UTC)
    assert _change(first) == ("CANCELLED", 1, modified)
    assert first.decoded("DTSTAMP") == modified  # later than the dateline, 30 July


# -- control characters ------------------------------------------------------------------------

# A made-up source whose outlet, title, round, meeting and quotation hold control characters:
# NUL (0x00), BEL (0x07), vertical tab (0x0b), ESC (0x1b), unit separator (0x1f), DEL (0x7f),
# NEL (0x85, C1) and CSI (0x9b, C1); a tab; a carriage return alone, one before a newline, and a
# newline alone.
CONTROLLED = (
    "Talks in Gen\x00eva\x1b[2J began;\tthey\x7f went on\rfor two\r\ndays\nin May. "
    "A dinner followed."
)


def _controlled() -> Dataset:
    outlet = Organization(id="wire", name="Example\x9bWire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="wire-2025-06-07",
        outlet=outlet,
        title="Bell\x07 rang",
        published_on=dt.date(2025, 6, 7),
        language="en",
        text=CONTROLLED,
    )
    talks = Round(
        id="talks",
        track="talks\x1b]0;owned\x07",
        city="Gen\x00eva",
        country="CH",
        dates="2025-05-10/2025-05-11",
        evidence=[Evidence.find(source, CONTROLLED.removesuffix(". A dinner followed."))],
    )
    dinner = Meeting(
        id="dinner",
        kind=MeetingKind.MEETING,
        description="a dinner\x85 and\x1f more",
        participants=[UnnamedGroup("officials")],
        city="Be\x0brn",
        dates="2025-05-12",
        evidence=[Evidence.find(source, "A dinner followed")],
    )
    return Dataset(sources=[source], organizations=[outlet], rounds=[talks], meetings=[dinner])


def test_control_characters_are_written_as_visible_escapes() -> None:
    events = _events(to_ical(_controlled()))
    talks, dinner = events["talks@tradetalks"], events["dinner@tradetalks"]
    # Each control character reads back as the four characters of its escape: a backslash,
    # x and two hex digits.
    assert str(talks["SUMMARY"]) == "Round of talks\\x1b]0;owned\\x07: Gen\\x00eva"
    assert str(talks["LOCATION"]) == "Gen\\x00eva, CH"
    assert str(dinner["SUMMARY"]) == "a dinner\\x85 and\\x1f more"
    assert str(dinner["LOCATION"]) == "Be\\x0brn"
    # The tab and the newline stay; both carriage returns become line ends.
    assert str(talks["DESCRIPTION"]) == (
        'Source: "Bell\\x07 rang", Example\\x9bWire, 2025-06-07\n'
        'Quote: "Talks in Gen\\x00eva\\x1b[2J began;\tthey\\x7f went on\nfor two\ndays\nin May"'
    )
    assert str(dinner["DESCRIPTION"]) == (
        'Source: "Bell\\x07 rang", Example\\x9bWire, 2025-06-07\nQuote: "A dinner followed"'
    )


def test_the_file_holds_no_control_character_but_the_tab() -> None:
    data = to_ical(_controlled())
    assert data.endswith(b"\r\n")
    text = data.decode("utf-8")
    controls = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))} - {"\t"}
    for line in text.split("\r\n"):
        assert not controls.intersection(line), line
    assert "\t" in text  # the quotation's tab, which RFC 5545 text allows


# -- a calendar with no event ------------------------------------------------------------------

NO_EVENT = (
    r"no calendar event to write: the dataset has no round, no meeting with a date, and no "
    r"truce deadline or early end \(an iCalendar file holds at least one event\)"
)


def _undated_call() -> Dataset:
    """A dataset whose one meeting is the shipped presidents' call, which has no date."""
    source = stockholm_2025().sources[0]
    words = "the phone call"
    assert words in ARTICLE
    call = Meeting(
        id="call",
        kind=MeetingKind.PHONE_CALL,
        description="the presidents' call",
        participants=[UnnamedGroup("the two presidents")],
        evidence=[Evidence.find(source, words)],
    )
    return Dataset(sources=[source], organizations=[source.outlet], meetings=[call])


def test_an_empty_dataset_has_no_calendar() -> None:
    with pytest.raises(InvalidValueError, match=rf"^{NO_EVENT}$") as caught:
        to_ical(Dataset())
    assert caught.value.where == ""


def test_a_kind_with_no_event_has_no_calendar() -> None:
    message = (
        r"^kinds: no calendar event to write: the dataset has no meeting with a date "
        r"\(an iCalendar file holds at least one event\)$"
    )
    with pytest.raises(InvalidValueError, match=message) as caught:
        to_ical(_undated_call(), kinds=["meetings"])
    assert caught.value.where == "kinds"
    with pytest.raises(InvalidValueError, match=rf"^{NO_EVENT}$"):
        to_ical(_undated_call())


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        ([], "no round, no meeting with a date, and no truce deadline or early end"),
        (["--kind", "meetings"], "no meeting with a date"),
    ],
)
def test_the_command_line_says_there_is_no_event(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], kind: list[str], missing: str
) -> None:
    path = tmp_path / "call.json"
    tradetalks.dump(_undated_call(), path)
    assert main(["--dataset", str(path), "export", "--format", "ics", *kind]) == 1
    out, err = capsysbinary.readouterr()
    assert out == b""
    assert err.decode("utf-8") == (
        f"tradetalks: error: {'kinds: ' if kind else ''}no calendar event to write: the "
        f"dataset has {missing} (an iCalendar file holds at least one event)\n"
    )
