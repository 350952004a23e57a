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
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

import tradetalks
from tradetalks import (
    Agreement,
    Dataset,
    EndReason,
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
from tradetalks.fixtures import DATA, stockholm_2025
from tradetalks.ical import to_ical

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

ARTICLE = (DATA / "global-times-2025-07-30-stockholm.txt").read_bytes().decode("utf-8")
NEW_YORK = ZoneInfo("America/New_York")
BEIJING = ZoneInfo("Asia/Shanghai")
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
    record = stockholm_2025()
    china, us = record.get("CN"), record.get("US")
    geneva = Agreement(
        id="geneva-joint-statement-2025",
        title="Joint Statement on U.S.-China Economic and Trade Meeting in Geneva",
        parties=[china, us],
        made_on="2025-05-12",
        derivation="the joint statement of 12 May 2025",
    )
    us_pause = (
        Truce(
            id="us-suspension-2025",
            parties=[us],
            suspended="additional duties",
            agreement=geneva,
            derivation="the US executive order of 12 May 2025",
            terms=[
                TruceTerm(
                    start=dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK),
                    days=90,
                    announced_on="2025-05-12",
                    derivation="90 days from 14 May",
                )
            ],
        )
        .extend(days=90, announced_on="2025-08-11", derivation="the order of 11 August")
        .extend(
            end=dt.datetime(2026, 11, 10, 0, 1, tzinfo=NEW_YORK),
            announced_on="2025-11-04",
            derivation="the order of 4 November",
        )
        .end_early(
            at="2026-02-20",
            announced_on="2026-02-20",
            reason=EndReason.MOOT,
            derivation="the ruling of 20 February 2026",
        )
    )
    china_pause = (
        Truce(
            id="china-suspension-2025",
            parties=[china],
            suspended="the 24% additional tariff",
            agreement=geneva,
            derivation="China's announcements",
            terms=[
                TruceTerm(
                    start=dt.datetime(2025, 5, 14, 12, 1, tzinfo=BEIJING),
                    days=90,
                    announced_on="2025-05-12",
                    derivation="90 days from 12:01 on 14 May",
                )
            ],
        )
        .extend(days=90, announced_on="2025-08-12", derivation="12 August")
        .extend(
            start=dt.datetime(2025, 11, 10, 13, 1, tzinfo=BEIJING),
            days=365,
            announced_on="2025-11-05",
            derivation="5 November",
        )
    )
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
        (frozenset(), set()),
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
