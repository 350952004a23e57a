"""Truce arithmetic: terms, deadlines as days and as instants, extensions as known on a day.

Day counts are worked out from the calendar: May has 31 days, June 30, July 31, so 14 May
plus 90 days is 12 August (17 + 30 + 31 + 12), and 12 August plus 90 days is 10 November
(19 + 30 + 31 + 10). Summer time in New York ends on 2 November 2025: 00:01 on 12 August
is 04:01 UTC (EDT, UTC-4) and 00:01 on 10 November is 05:01 UTC (EST, UTC-5). Beijing is
UTC+8 all year.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, note, settings
from hypothesis import strategies as st

from tradetalks import (
    Agreement,
    Dataset,
    EndReason,
    Evidence,
    InvalidValueError,
    MissingReferenceError,
    NaiveDatetimeError,
    NoDeadlineError,
    NotAnnouncedError,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    PrecisionError,
    Source,
    TimelineEvent,
    Truce,
    TruceEnd,
    TruceStatus,
    TruceTerm,
    dumps,
    elapsed,
    format_instant,
    loads,
    parse_instant,
    truce_days_remaining,
)
from tradetalks import strategies as ts

NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")

TEXT = (
    "China and the US agreed a 90-day tariff truce that began on May 14, "
    "with a deadline of 12:01 a.m. on August 12 in Washington. "
    "On August 11 the truce was extended by another 90 days."
)
SOURCE = Source(
    id="example",
    outlet=Organization(id="wire", name="Example Wire", kind=OrganizationKind.OUTLET),
    published_on=dt.date(2025, 8, 11),
    language="en",
    text=TEXT,
)
PARTIES = (
    Party(code="CN", name="China", evidence=(Evidence.find(SOURCE, "China"),)),
    Party(code="US", name="US", evidence=(Evidence.find(SOURCE, "US"),)),
)
TRUCE_WORDS = Evidence.find(SOURCE, "a 90-day tariff truce")
EXTENSION_WORDS = Evidence.find(SOURCE, "extended by another 90 days")


def truce(*terms: TruceTerm) -> Truce:
    return Truce(
        id="tariff-truce",
        parties=PARTIES,
        suspended="tariffs",
        terms=terms,
        evidence=(TRUCE_WORDS,),
    )


def day_truce() -> Truce:
    """The 90-day truce from 2025-05-14, its end computed as the start plus 90 days."""
    start = dt.date(2025, 5, 14)
    return truce(
        TruceTerm(
            start=start,
            end=start + dt.timedelta(days=90),
            evidence=[Evidence.find(SOURCE, "began on May 14")],
            derivation="end: the start plus the 90 days of the truce",
        )
    )


def instant_truce() -> Truce:
    """The same truce with its deadline at 12:01 a.m. in New York."""
    return truce(
        TruceTerm(
            start=dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK),
            end=dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK),
            evidence=[Evidence.find(SOURCE, "12:01 a.m. on August 12 in Washington")],
            derivation="start: the end less the 90 days of the truce",
        )
    )


def shanghai(month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=SHANGHAI)


# -- lengths in days -------------------------------------------------------------------------


def test_a_90_day_truce_from_may_14_ends_august_12() -> None:
    term = day_truce().terms[0]
    assert term.end == PartialDate(2025, 8, 12)
    assert term.days == 90


def test_90_days_are_not_three_months() -> None:
    start = dt.date(2025, 5, 14)
    assert start + relativedelta(months=3) == dt.date(2025, 8, 14)
    assert day_truce().terms[0].end != PartialDate(2025, 8, 14)


def test_extend_moves_a_day_end_by_calendar_days() -> None:
    longer = day_truce().extend(days=90, announced_on="2025-08-11", evidence=EXTENSION_WORDS)
    assert [str(term.end) for term in longer.terms] == ["2025-08-12", "2025-11-10"]
    assert longer.terms[1].start == PartialDate(2025, 8, 12)
    assert longer.terms[1].announced_on == PartialDate(2025, 8, 11)


# -- days remaining on a day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "days"),
    [
        (dt.date(2025, 7, 29), 14),
        (dt.date(2025, 7, 30), 13),
        (dt.date(2025, 8, 11), 1),
        (dt.date(2025, 8, 12), 0),
        (dt.date(2025, 8, 13), 0),
        (dt.date(2026, 1, 1), 0),
    ],
)
def test_days_remaining(as_of: dt.date, days: int) -> None:
    assert truce_days_remaining(day_truce(), as_of) == days
    assert day_truce().days_remaining(as_of) == days


def test_in_force_before_the_end_and_expired_on_it() -> None:
    assert day_truce().status(dt.date(2025, 8, 11)) is TruceStatus.IN_FORCE
    assert day_truce().status(dt.date(2025, 8, 12)) is TruceStatus.EXPIRED


def test_before_the_start_it_counts_but_has_not_started() -> None:
    # 1 May to 12 August: 30 + 30 + 31 + 12 days.
    assert truce_days_remaining(day_truce(), dt.date(2025, 5, 1)) == 103
    assert day_truce().status(dt.date(2025, 5, 1)) is TruceStatus.NOT_STARTED
    assert day_truce().status(dt.date(2025, 5, 13)) is TruceStatus.NOT_STARTED
    assert day_truce().status(dt.date(2025, 5, 14)) is TruceStatus.IN_FORCE


def test_a_month_precision_deadline_gives_no_day_count() -> None:
    vague = truce(
        TruceTerm(start="2025-05-14", end="2025-08", derivation="a deadline known to the month")
    )
    with pytest.raises(PrecisionError, match="only to the month"):
        truce_days_remaining(vague, dt.date(2025, 7, 30))


# -- deadlines as instants --------------------------------------------------------------------


def test_one_minute_left_at_noon_in_shanghai() -> None:
    # 12:00 in Shanghai is 04:00 UTC, 00:00 in New York: one minute before 00:01.
    noon = shanghai(8, 12, 12, 0)
    assert instant_truce().status(noon) is TruceStatus.IN_FORCE
    assert instant_truce().time_remaining(noon) == dt.timedelta(minutes=1)
    assert truce_days_remaining(instant_truce(), noon) == 0


def test_expired_at_12_02_in_shanghai() -> None:
    later = shanghai(8, 12, 12, 2)
    assert instant_truce().status(later) is TruceStatus.EXPIRED
    assert instant_truce().time_remaining(later) == dt.timedelta(0)
    assert truce_days_remaining(instant_truce(), later) == 0


def test_an_observer_in_beijing_counts_absolute_time() -> None:
    # 09:00 in Beijing on 30 July is 01:00 UTC; the deadline is 04:01 UTC on 12 August.
    morning = shanghai(7, 30, 9, 0)
    left = instant_truce().time_remaining(morning)
    assert left == dt.timedelta(days=13, hours=3, minutes=1)
    assert truce_days_remaining(instant_truce(), morning) == 13


def test_extension_across_the_end_of_summer_time_lasts_90_days_and_an_hour() -> None:
    longer = instant_truce().extend(days=90, announced_on="2025-08-11", evidence=EXTENSION_WORDS)
    extension = longer.terms[1]
    assert isinstance(extension.start, dt.datetime)
    assert isinstance(extension.end, dt.datetime)
    assert extension.end == dt.datetime(2025, 11, 10, 5, 1, tzinfo=dt.UTC)
    assert format_instant(extension.end) == "2025-11-10T00:01:00-05:00[America/New_York]"
    assert elapsed(extension.start, extension.end) == dt.timedelta(days=90, hours=1)
    assert extension.days == 90  # calendar days


def test_time_remaining_needs_an_instant_deadline() -> None:
    with pytest.raises(PrecisionError, match="is a day, not an instant"):
        day_truce().time_remaining(shanghai(7, 30, 9, 0))


def test_a_day_deadline_is_read_on_the_observers_calendar() -> None:
    # At 23:00 on 29 July in New York it is already 30 July in Beijing.
    assert truce_days_remaining(day_truce(), dt.datetime(2025, 7, 29, 23, tzinfo=NEW_YORK)) == 14
    assert truce_days_remaining(day_truce(), shanghai(7, 30, 11, 0)) == 13


def test_naive_datetimes_are_refused() -> None:
    naive = dt.datetime(2025, 7, 30, 9, 0)  # noqa: DTZ001 - naive on purpose
    with pytest.raises(NaiveDatetimeError):
        truce_days_remaining(instant_truce(), naive)
    with pytest.raises(NaiveDatetimeError):
        instant_truce().time_remaining(naive)
    with pytest.raises(NaiveDatetimeError):
        instant_truce().status(naive)
    with pytest.raises(NaiveDatetimeError):
        TruceTerm(start="2025-05-14", end=naive, derivation="a naive deadline")


# -- extensions as known on a day ---------------------------------------------------------------


def extended() -> Truce:
    return day_truce().extend(days=90, announced_on="2025-08-11", evidence=EXTENSION_WORDS)


def test_an_extension_is_unknown_before_it_is_announced() -> None:
    assert extended().deadline(dt.date(2025, 7, 30)).end == PartialDate(2025, 8, 12)
    assert extended().deadline(dt.date(2025, 8, 10)).end == PartialDate(2025, 8, 12)
    assert truce_days_remaining(extended(), dt.date(2025, 7, 30)) == 13
    assert truce_days_remaining(extended(), dt.date(2025, 8, 10)) == 2


def test_an_extension_is_known_from_the_day_it_is_announced() -> None:
    # 11 August to 10 November: 20 + 30 + 31 + 10 days.
    assert extended().deadline(dt.date(2025, 8, 11)).end == PartialDate(2025, 11, 10)
    assert truce_days_remaining(extended(), dt.date(2025, 8, 11)) == 91
    assert truce_days_remaining(extended(), dt.date(2025, 8, 12)) == 90


def test_the_first_term_is_extended_after_its_end() -> None:
    longer = extended()
    first, second = longer.terms
    assert longer.status(dt.date(2025, 8, 13), first) is TruceStatus.EXTENDED
    assert longer.status(dt.date(2025, 8, 13), second) is TruceStatus.IN_FORCE
    assert longer.status(dt.date(2025, 8, 13)) is TruceStatus.IN_FORCE
    assert longer.status(dt.date(2025, 8, 10), second) is TruceStatus.NOT_ANNOUNCED
    assert longer.status(dt.date(2025, 11, 10)) is TruceStatus.EXPIRED
    assert longer.status(dt.date(2025, 11, 10), second) is TruceStatus.EXPIRED


def test_without_the_extension_the_truce_expires() -> None:
    assert day_truce().status(dt.date(2025, 8, 13), day_truce().terms[0]) is TruceStatus.EXPIRED


def test_an_extension_needs_at_least_one_day() -> None:
    with pytest.raises(InvalidValueError, match="one or more whole days"):
        day_truce().extend(days=0, announced_on="2025-08-11", evidence=EXTENSION_WORDS)


# -- laws -----------------------------------------------------------------------------------

starts = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
lengths = st.integers(1, 400)
offsets = st.integers(-60, 500)
ZONES = st.sampled_from(["America/New_York", "Asia/Shanghai", "Europe/Stockholm", "UTC"])


def days_truce(start: dt.date, length: int) -> Truce:
    return truce(
        TruceTerm(start=start, end=start + dt.timedelta(days=length), derivation="a test term")
    )


@given(starts, lengths, offsets, st.integers(0, 500))
def test_days_remaining_never_increases_and_is_never_negative(
    start: dt.date, length: int, offset: int, step: int
) -> None:
    """With the terms known fixed, days remaining on a later day are never more, never below 0."""
    subject = days_truce(start, length)
    earlier = start + dt.timedelta(days=offset)
    later = earlier + dt.timedelta(days=step)
    before, after = truce_days_remaining(subject, earlier), truce_days_remaining(subject, later)
    assert 0 <= after <= before
    assert before == max(0, length - offset)


@given(starts, lengths, st.integers(-60 * 24 * 60, 500 * 24 * 60), st.integers(0, 10**6), ZONES)
def test_days_remaining_to_an_instant_never_increases(
    start: dt.date, length: int, minutes: int, step: int, zone: str
) -> None:
    """Whole days of absolute time left never grow as the observer's clock runs, nor go below 0."""
    new_york_start = dt.datetime.combine(start, dt.time(0, 1), tzinfo=NEW_YORK)
    subject = truce(
        TruceTerm(
            start=new_york_start,
            end=new_york_start + dt.timedelta(days=length),
            derivation="a test term",
        )
    )
    at = (new_york_start + dt.timedelta(minutes=minutes)).astimezone(ZoneInfo(zone))
    later = at + dt.timedelta(minutes=step)
    before, after = truce_days_remaining(subject, at), truce_days_remaining(subject, later)
    assert 0 <= after <= before
    assert subject.time_remaining(later) <= subject.time_remaining(at)


@given(starts, lengths, st.integers(1, 1000))
def test_extend_moves_a_day_end_exactly_n_days(start: dt.date, length: int, days: int) -> None:
    """extend(days=n) adds a term from the old end to exactly n calendar days after it."""
    subject = days_truce(start, length)
    longer = subject.extend(days=days, announced_on=start, derivation="a test extension")
    old_end = start + dt.timedelta(days=length)
    assert longer.terms[0] == subject.terms[0]
    assert longer.terms[1].start == PartialDate.from_date(old_end)
    assert longer.terms[1].end == PartialDate.from_date(old_end + dt.timedelta(days=days))
    assert longer.terms[1].days == days


def test_the_two_half_past_ones_of_the_night_clocks_go_back_are_different_instants() -> None:
    # On 2025-11-02 New York's clocks went from 01:59 EDT back to 01:00 EST: 01:30 came twice,
    # first at 05:30 UTC, then at 06:30 UTC.
    first = parse_instant("2025-11-02T01:30:00-04:00[America/New_York]")
    second = parse_instant("2025-11-02T01:30:00-05:00[America/New_York]")
    one = TruceTerm(start="2025-08-12", end=first, evidence=[TRUCE_WORDS])
    other = TruceTerm(start="2025-08-12", end=second, evidence=[TRUCE_WORDS])
    assert one != other
    # A term from the second 01:30 after one that ends at the first leaves an hour's lapse.
    later = TruceTerm(start=second, end="2025-12-01", announced_on="2025-10-01", derivation="x")
    truce = Truce(
        id="t", parties=PARTIES, suspended="tariffs", terms=[one, later], evidence=[TRUCE_WORDS]
    )
    utc = dt.UTC
    assert truce.status(dt.datetime(2025, 11, 2, 6, 0, tzinfo=utc)) is TruceStatus.LAPSED
    assert truce.status(dt.datetime(2025, 11, 2, 6, 30, tzinfo=utc)) is TruceStatus.IN_FORCE
    # A term from the first 01:30 after one that ends at the second overlaps it by an hour.
    earlier = TruceTerm(start=first, end="2025-12-01", announced_on="2025-10-01", derivation="x")
    with pytest.raises(InvalidValueError, match="terms never overlap"):
        Truce(
            id="t",
            parties=PARTIES,
            suspended="tariffs",
            terms=[other, earlier],
            evidence=[TRUCE_WORDS],
        )


def test_an_extension_past_the_calendar_is_refused_on_days() -> None:
    truce = Truce(
        id="t",
        parties=PARTIES,
        suspended="tariffs",
        terms=[TruceTerm(start="2025-05-14", end="2025-08-12", evidence=[TRUCE_WORDS])],
        evidence=[TRUCE_WORDS],
    )
    # 9999-12-31 is 2,912,584 days after 2025-08-12: three million days go past it.
    with pytest.raises(InvalidValueError, match="days: 3000000 days from 2025-08-12 fall outside"):
        truce.extend(days=3_000_000, announced_on="2025-08-11", derivation="too long")


# --- Truces as they ran: the Geneva Joint Statement of 12 May 2025 and each side's measure.
#
# Worked out by hand. New York is on EDT (UTC-4) until 2 November 2025, then EST (UTC-5);
# Beijing is UTC+8 all year, so 00:01 EST on 10 November (05:01 UTC) is 13:01 in Beijing.
# 2025-08-11 to 2025-11-10: 20 + 30 + 31 + 10 = 91 days. 2026-01-01 to 2026-11-10: 304 days
# to 1 November (365 - 31 - 30) plus 9 = 313. 00:01 EDT on 1 November (04:01 UTC) to 00:01
# EST on 10 November (05:01 UTC): 9 days and 1 hour, 217 hours. 2026-02-19 to 2026-11-10:
# 9 (to 28 February) + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 (March to October) + 10 = 264.

GENEVA = Agreement(
    id="geneva",
    title="Geneva Joint Statement",
    parties=PARTIES,
    made_on="2025-05-12",
    derivation="the joint statement of 12 May 2025",
)


def _us() -> Truce:
    truce = Truce(
        id="us-suspension",
        parties=[PARTIES[1]],
        suspended="additional duties",
        agreement=GENEVA,
        derivation="the US orders",
        terms=[
            TruceTerm(
                start=dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK),
                days=90,
                announced_on="2025-05-12",
                derivation="the order of 12 May",
            )
        ],
    )
    truce = truce.extend(
        end=dt.datetime(2025, 11, 10, 0, 1, tzinfo=NEW_YORK),
        announced_on="2025-08-11",
        derivation="the order of 11 August",
    )
    return truce.extend(
        end=dt.datetime(2026, 11, 10, 0, 1, tzinfo=NEW_YORK),
        announced_on="2025-11-04",
        derivation="the order of 4 November",
    )


def _china() -> Truce:
    truce = Truce(
        id="china-suspension",
        parties=[PARTIES[0]],
        suspended="the 24% additional tariff",
        agreement=GENEVA,
        derivation="China's announcements",
        terms=[
            TruceTerm(
                start=dt.datetime(2025, 5, 14, 12, 1, tzinfo=SHANGHAI),
                days=90,
                announced_on="2025-05-12",
                derivation="the joint statement",
            )
        ],
    )
    truce = truce.extend(days=90, announced_on="2025-08-12", derivation="12 August")
    return truce.extend(
        start=dt.datetime(2025, 11, 10, 13, 1, tzinfo=SHANGHAI),
        days=365,
        announced_on="2025-11-05",
        derivation="5 November",
    )


def test_a_term_given_in_days_keeps_the_wall_clock_time_across_a_dst_change() -> None:
    term = TruceTerm(start=dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK), days=90, derivation="x")
    assert term.end == dt.datetime(2025, 11, 10, 5, 1, tzinfo=dt.UTC)
    assert isinstance(term.start, dt.datetime)
    assert isinstance(term.end, dt.datetime)
    assert format_instant(term.end) == "2025-11-10T00:01:00-05:00[America/New_York]"
    assert elapsed(term.start, term.end) == dt.timedelta(days=90, hours=1)
    assert term.days == 90
    assert TruceTerm(start="2025-05-14", days=90, derivation="x").end == PartialDate.from_edtf(
        "2025-08-12"
    )


def test_a_term_given_both_ways_must_agree_and_needs_one_of_them() -> None:
    assert TruceTerm(start="2025-05-14", end="2025-08-12", days=90, derivation="x").days == 90
    with pytest.raises(InvalidValueError, match="days: 89 days from 2025-05-14 end at 2025-08-11"):
        TruceTerm(start="2025-05-14", end="2025-08-12", days=89, derivation="x")
    with pytest.raises(InvalidValueError, match="end: give the term's end, its length in days"):
        TruceTerm(start="2025-05-14", derivation="x")
    with pytest.raises(InvalidValueError, match="days: a term lasts one or more whole days"):
        TruceTerm(start="2025-05-14", days=0, derivation="x")
    with pytest.raises(InvalidValueError, match=r"days: .*known only to the month"):
        TruceTerm(start="2025-05", days=90, derivation="x")


def test_the_us_end_at_midnight_est_is_one_pm_in_beijing() -> None:
    assert _us().terms[1].end == _china().terms[2].start
    second_ends, third_starts = _china().terms[1].end, _china().terms[2].start
    assert isinstance(second_ends, dt.datetime)
    assert isinstance(third_starts, dt.datetime)
    assert elapsed(second_ends, third_starts) == dt.timedelta(hours=1)


def test_the_us_suspension_counts_down_as_the_orders_were_known() -> None:
    us = _us()
    assert us.days_remaining(dt.date(2025, 7, 30)) == 13  # before the 11 August order
    assert us.days_remaining(dt.date(2025, 8, 11)) == 91
    assert us.days_remaining(dt.date(2026, 1, 1)) == 313
    left = us.time_remaining(dt.datetime(2025, 11, 1, 0, 1, tzinfo=NEW_YORK))
    assert left == dt.timedelta(hours=217)
    assert us.days_remaining(dt.datetime(2025, 11, 1, 0, 1, tzinfo=NEW_YORK)) == 9


def test_a_day_announcement_is_known_from_midnight_in_the_zone_of_the_bounds() -> None:
    us = _us()
    nine = dt.datetime(2025, 8, 11, 9, 0, tzinfo=SHANGHAI)  # 21:00 on 10 August in New York
    half_past_twelve = dt.datetime(2025, 8, 11, 12, 30, tzinfo=SHANGHAI)  # 00:30 in New York
    assert us.deadline(nine).end == dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK)
    assert us.deadline(half_past_twelve).end == dt.datetime(2025, 11, 10, 0, 1, tzinfo=NEW_YORK)
    assert len(us.terms_known_on(nine)) == 1
    assert len(us.terms_known_on(half_past_twelve)) == 2
    # 20:30 on 11 August in New York: 3 hours 31 minutes to the old deadline, but the order
    # of that day is known, so the count runs to 10 November.
    assert us.time_remaining(dt.datetime(2025, 8, 11, 20, 30, tzinfo=NEW_YORK)) == dt.timedelta(
        days=90, hours=4, minutes=31
    )


def test_a_day_announcement_of_a_truce_in_days_is_known_on_the_observers_date() -> None:
    truce = Truce(
        id="t",
        parties=PARTIES,
        suspended="tariffs",
        terms=[TruceTerm(start="2025-05-14", end="2025-08-12", evidence=[TRUCE_WORDS])],
        evidence=[TRUCE_WORDS],
    ).extend(days=90, announced_on="2025-08-11", evidence=[EXTENSION_WORDS])
    # 00:30 on 11 August in Beijing is still 10 August in New York: the observer's own date
    # is what counts for a truce whose bounds are days.
    assert truce.days_remaining(dt.datetime(2025, 8, 11, 0, 30, tzinfo=SHANGHAI)) == 91
    assert truce.days_remaining(dt.datetime(2025, 8, 10, 12, 30, tzinfo=NEW_YORK)) == 2


def test_an_announcement_at_an_instant_counts_from_that_instant() -> None:
    truce = Truce(
        id="t",
        parties=PARTIES,
        suspended="tariffs",
        terms=[TruceTerm(start="2025-05-14", end="2025-08-12", evidence=[TRUCE_WORDS])],
        evidence=[TRUCE_WORDS],
    ).extend(
        days=90,
        announced_on=dt.datetime(2025, 8, 11, 17, 0, tzinfo=NEW_YORK),
        evidence=[EXTENSION_WORDS],
    )
    assert str(truce.terms[1].announced_on) == "2025-08-11 17:00:00-04:00"
    assert truce.days_remaining(dt.datetime(2025, 8, 11, 16, 59, tzinfo=NEW_YORK)) == 1
    assert truce.days_remaining(dt.datetime(2025, 8, 11, 17, 0, tzinfo=NEW_YORK)) == 91
    # A day observer on 11 August: the instant falls on that day, so it is known.
    assert truce.days_remaining(dt.date(2025, 8, 11)) == 91


def test_the_us_suspension_ended_when_the_tariffs_were_struck_down() -> None:
    us = _us().end_early(
        at="2026-02-20", announced_on="2026-02-20", reason="moot", derivation="the ruling"
    )
    assert us.ended == TruceEnd(
        at="2026-02-20", announced_on="2026-02-20", reason=EndReason.MOOT, derivation="the ruling"
    )
    assert us.status(dt.date(2026, 2, 19)) is TruceStatus.IN_FORCE
    assert us.days_remaining(dt.date(2026, 2, 19)) == 264
    assert us.status(dt.date(2026, 3, 1)) is TruceStatus.ENDED
    assert us.days_remaining(dt.date(2026, 3, 1)) == 0
    assert us.time_remaining(dt.datetime(2026, 3, 1, 12, 0, tzinfo=NEW_YORK)) == dt.timedelta(0)
    statuses = [us.status(dt.date(2026, 3, 1), term) for term in us.terms]
    assert statuses == [TruceStatus.EXTENDED, TruceStatus.EXTENDED, TruceStatus.ENDED]
    # Known in advance, an end brings the deadline forward: 2026-02-01 to 2026-02-20 is 19.
    early = _us().end_early(
        at="2026-02-20", announced_on="2026-01-15", reason="terminated", derivation="a notice"
    )
    assert early.days_remaining(dt.date(2026, 2, 1)) == 19
    assert early.days_remaining(dt.date(2026, 1, 14)) == 313 - 13  # not yet known
    with pytest.raises(InvalidValueError, match="ended: truce 'us-suspension' already ended"):
        us.end_early(at="2026-03-01", reason="moot", derivation="again")
    with pytest.raises(InvalidValueError, match="it cannot be extended"):
        us.extend(days=30, announced_on="2026-03-01", derivation="after the end")


def test_an_early_end_lies_within_the_terms() -> None:
    us = _us()
    with pytest.raises(InvalidValueError, match=r"ended.at: it ends at 2025-05-01, before"):
        us.end_early(at="2025-05-01", reason="moot", derivation="x")
    with pytest.raises(InvalidValueError, match=r"ended.at: an early end comes before the last"):
        us.end_early(at="2026-12-01", reason="moot", derivation="x")
    with pytest.raises(InvalidValueError, match="reason: expected an EndReason or one of"):
        us.end_early(at="2026-02-20", reason="struck down", derivation="x")
    first_two = _china()
    first_two = attrs.evolve(first_two, terms=first_two.terms[:2])
    ended = first_two.end_early(at="2025-09-01", reason="terminated", derivation="x")
    assert ended.ended is not None
    with pytest.raises(InvalidValueError, match=r"terms\[2\].start: it starts at .*after the"):
        Truce(
            id="t",
            parties=[PARTIES[0]],
            suspended="x",
            terms=_china().terms,
            ended=ended.ended,
            derivation="x",
        )


def test_china_lapsed_for_an_hour_on_10_november() -> None:
    china = _china()
    lapse = dt.datetime(2025, 11, 10, 12, 30, tzinfo=SHANGHAI)
    assert china.status(lapse) is TruceStatus.LAPSED
    assert china.days_remaining(lapse) == 0
    assert china.time_remaining(lapse) == dt.timedelta(0)
    assert china.status(lapse.replace(hour=13, minute=30)) is TruceStatus.IN_FORCE
    # At 13:01 on 2025-11-10, 365 days to 13:01 on 2026-11-10; at 13:30, 365 days less 29
    # minutes: 364 whole days. At 13:00 the third term has not begun.
    assert china.status(lapse.replace(hour=13, minute=0)) is TruceStatus.LAPSED
    assert china.days_remaining(lapse.replace(hour=13, minute=1)) == 365
    assert china.days_remaining(lapse.replace(hour=13, minute=30)) == 364
    # Before the lapse, the count runs to the end of the second term, not across the gap.
    assert china.days_remaining(dt.date(2025, 11, 6)) == 4
    assert china.status(lapse, china.terms[1]) is TruceStatus.EXTENDED


def test_a_truce_is_not_known_before_its_first_announcement() -> None:
    later = Truce(
        id="announced-in-november",
        parties=[PARTIES[0]],
        suspended="tariffs",
        derivation="x",
        terms=[TruceTerm(start="2025-11-10", days=365, announced_on="2025-11-05", derivation="x")],
    )
    assert later.status(dt.date(2025, 7, 1)) is TruceStatus.NOT_ANNOUNCED
    assert later.terms_known_on(dt.date(2025, 7, 1)) == ()
    with pytest.raises(NotAnnouncedError, match=r"not yet announced on 2025-07-01: it was .*11-05"):
        later.days_remaining(dt.date(2025, 7, 1))
    with pytest.raises(NotAnnouncedError) as caught:
        later.deadline(dt.date(2025, 7, 1))
    assert caught.value.announced_on == "2025-11-05"
    assert later.status(dt.date(2025, 11, 5)) is TruceStatus.NOT_STARTED
    assert later.days_remaining(dt.date(2025, 11, 5)) == 370


def test_a_term_until_further_notice_has_no_deadline() -> None:
    open_ended = Truce(
        id="open",
        parties=[PARTIES[0]],
        suspended="tariffs",
        derivation="x",
        terms=[TruceTerm(start="2025-05-14", end=None, derivation="x")],
    )
    assert open_ended.status(dt.date(2030, 1, 1)) is TruceStatus.IN_FORCE
    with pytest.raises(NoDeadlineError, match="runs until further notice"):
        open_ended.days_remaining(dt.date(2026, 1, 1))
    with pytest.raises(NoDeadlineError, match="no length in days"):
        _ = open_ended.terms[0].days
    with pytest.raises(InvalidValueError, match="terms: the last term of truce 'open' runs until"):
        open_ended.extend(days=30, announced_on="2026-01-01", derivation="x")
    ended = open_ended.end_early(
        at="2026-01-01", announced_on="2025-11-15", reason="terminated", derivation="x"
    )
    assert ended.days_remaining(dt.date(2025, 12, 1)) == 31  # known from 15 November
    with pytest.raises(NoDeadlineError):  # not yet known
        ended.days_remaining(dt.date(2025, 11, 14))
    with pytest.raises(InvalidValueError, match="no term can follow it"):
        Truce(
            id="t",
            parties=[PARTIES[0]],
            suspended="x",
            derivation="x",
            terms=[
                TruceTerm(start="2025-05-14", end=None, derivation="x"),
                TruceTerm(start="2026-01-01", days=5, announced_on="2025-12-01", derivation="x"),
            ],
        )


def test_extensions_never_overlap_and_a_later_start_is_a_lapse() -> None:
    us = _us()
    with pytest.raises(InvalidValueError, match=r"terms\[3\].start: terms never overlap"):
        us.extend(start="2026-11-01", days=30, announced_on="2026-10-01", derivation="x")
    later = us.extend(start="2026-12-01", days=30, announced_on="2026-10-01", derivation="x")
    assert later.status(dt.date(2026, 11, 20)) is TruceStatus.LAPSED
    assert later.days_remaining(dt.date(2026, 12, 1)) == 30


def test_truces_of_one_party_and_their_agreement() -> None:
    with pytest.raises(InvalidValueError, match="parties: a truce is by one party or agreed"):
        Truce(
            id="t",
            parties=[PARTIES[0], PARTIES[0]],
            suspended="x",
            terms=_us().terms,
            derivation="x",
        )
    lone = Agreement(id="a", title="x", parties=PARTIES, made_on="2025-05", derivation="x")
    other = Party(code="EU", name="EU", evidence=(Evidence.find(SOURCE, "China"),))
    with pytest.raises(InvalidValueError, match="parties: \\['EU'\\] not among the parties"):
        Truce(
            id="t",
            parties=[other],
            suspended="x",
            terms=_us().terms,
            agreement=lone,
            derivation="x",
        )
    with pytest.raises(InvalidValueError, match=r"evidence: needs evidence .*or a derivation"):
        Truce(id="t", parties=[PARTIES[0]], suspended="x", terms=_us().terms)
    with pytest.raises(InvalidValueError, match="parties: an agreement is made between two"):
        Agreement(id="a", title="x", parties=[PARTIES[0]], made_on="2025-05", derivation="x")


def _dataset() -> Dataset:
    china = _china()
    us = _us().end_early(
        at="2026-02-20",
        announced_on=dt.datetime(2026, 2, 20, 10, 0, tzinfo=NEW_YORK),
        reason=EndReason.MOOT,
        derivation="the ruling",
    )
    open_ended = Truce(
        id="open",
        parties=[PARTIES[0]],
        suspended="tariffs",
        derivation="x",
        terms=[TruceTerm(start="2025-05-14", end=None, derivation="x")],
    )
    return Dataset(
        sources=[SOURCE],
        organizations=[SOURCE.outlet],
        parties=PARTIES,
        agreements=[GENEVA],
        truces=[us, china, open_ended],
    )


def test_a_dataset_holds_agreements_and_finds_the_truces_under_one() -> None:
    record = _dataset()
    assert [t.id for t in record.truces_under("geneva")] == ["us-suspension", "china-suspension"]
    assert [t.id for t in record.truces_under(GENEVA)] == ["us-suspension", "china-suspension"]
    assert [t.id for t in record.truces_on(dt.date(2026, 3, 1))] == ["china-suspension", "open"]
    with pytest.raises(MissingReferenceError, match="no record has the id 'lausanne'"):
        record.truces_under("lausanne")
    with pytest.raises(MissingReferenceError, match="'CN' is a Party, not an Agreement"):
        record.truces_under("CN")
    with pytest.raises(MissingReferenceError, match=r"truces\[0\].agreement: 'geneva' is not"):
        Dataset(sources=[SOURCE], organizations=[SOURCE.outlet], parties=PARTIES, truces=[_us()])


def test_the_timeline_shows_agreements_early_ends_and_no_deadline_for_an_open_term() -> None:
    entries = [(str(e.when), e.event, e.record.id) for e in _dataset().timeline()]
    assert entries[0] == ("2025-05-12", TimelineEvent.AGREEMENT, "geneva")
    assert ("2026-02-20", TimelineEvent.TRUCE_END, "us-suspension") in entries
    assert [e for e in entries if e[2] == "open"] == [
        ("2025-05-14", TimelineEvent.TRUCE_START, "open")
    ]


def test_all_of_it_survives_dump_load_dump() -> None:
    record = _dataset()
    text = dumps(record)
    again = loads(text)
    assert again == record
    assert dumps(again) == text
    assert '"announced_on": "2026-02-20T10:00:00-05:00[America/New_York]"' in text
    assert '"end": null' in text


def test_a_file_without_agreements_still_loads() -> None:
    small = (Path(__file__).parent / "good" / "small.json").read_text(encoding="utf-8")
    older = small.replace('  "agreements": [],\n', "")
    assert older != small
    assert loads(older, base=Path(__file__).parent / "good").agreements == ()


# --- laws of what was known when, on truces from tradetalks.strategies ------------------------
#
# Truces with day bounds and day announcements, every date of them within 790 days, so a walk
# over them day by day stays short and every comparison below is one of plain dates. They
# have, sometimes, one party, an agreement, lapses, an open last term, an undated first
# announcement, announcements after a term's start, and an early end of each reason.

WINDOW = (dt.date(2024, 1, 1), dt.date(2026, 2, 28))
DAY_TRUCES = ts.truces(
    min_date=WINDOW[0], max_date=WINDOW[1], bounds=["day"], announcements=["day"]
)
NO_ANSWER = (NotAnnouncedError, NoDeadlineError, PrecisionError)


def day_of(moment: PartialDate | dt.datetime) -> dt.date:
    assert isinstance(moment, PartialDate)
    return moment.to_date()


def dates_of(subject: Truce) -> list[dt.date]:
    """Every date of a truce: its terms' bounds and announcements, its early end's."""
    moments = [m for t in subject.terms for m in (t.start, t.end, t.announced_on) if m is not None]
    if subject.ended is not None:
        moments += [m for m in (subject.ended.at, subject.ended.announced_on) if m is not None]
    return [day_of(moment) for moment in moments]


def walk(subject: Truce) -> list[dt.date]:
    """Each day from the day before the truce's first date to the day after its last."""
    dates = dates_of(subject)
    first, last = min(dates) - dt.timedelta(days=1), max(dates) + dt.timedelta(days=1)
    assert (last - first).days <= 800
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def described(subject: Truce) -> str:
    """A truce's dates on a few lines, for a failing example (its repr runs to pages)."""
    lines = [
        f"terms[{index}]: {term.start}/{term.end or '..'}, announced on {term.announced_on}"
        for index, term in enumerate(subject.terms)
    ]
    if subject.ended is not None:
        end = subject.ended
        lines.append(f"ended at {end.at} ({end.reason.value}), announced on {end.announced_on}")
    return "\n".join(lines)


def announced_by(term: TruceTerm, day: dt.date) -> bool:
    """Whether a term was announced on or before a day (an undated announcement always was)."""
    return term.announced_on is None or day_of(term.announced_on) <= day


def days_or_none(subject: Truce, day: dt.date) -> int | None:
    try:
        return subject.days_remaining(day)
    except NO_ANSWER:
        return None


@settings(max_examples=100)
@given(DAY_TRUCES)
def test_days_remaining_rise_only_when_an_extension_becomes_known_or_a_lapse_ends(
    subject: Truce,
) -> None:
    """From one day to the next, days remaining never rise, except on a day a term's
    announcement makes it known or a term starts after a gap (the lapse before it ends)."""
    after_a_gap = {
        day_of(later.start)
        for earlier, later in itertools.pairwise(subject.terms)
        if earlier.end is not None and day_of(later.start) > day_of(earlier.end)
    }
    note(described(subject))
    days = walk(subject)
    answers = [days_or_none(subject, day) for day in days]
    for (day, before), (next_day, after) in itertools.pairwise(zip(days, answers, strict=True)):
        if after is not None:
            assert after >= 0
        if before is None or after is None or after <= before:
            continue
        known_before = sum(announced_by(term, day) for term in subject.terms)
        known_after = sum(announced_by(term, next_day) for term in subject.terms)
        assert known_after > known_before or next_day in after_a_gap, (
            f"{before} days remaining on {day}, {after} on {next_day}"
        )


def as_known_on(subject: Truce, day: dt.date) -> Truce | None:
    """The truce as it was known on a day: the terms announced by then, and the early end if
    it was announced by then (an end with no announcement counts from its ``at``); ``None``
    when no term was known yet."""
    terms = [term for term in subject.terms if announced_by(term, day)]
    if not terms:
        return None
    ended = subject.ended
    if ended is not None and day_of(ended.announced_on or ended.at) > day:
        ended = None
    return Truce(
        id=subject.id,
        parties=subject.parties,
        suspended=subject.suspended,
        terms=terms,
        agreement=subject.agreement,
        ended=ended,
        evidence=subject.evidence,
        derivation=subject.derivation,
    )


def answers_on(subject: Truce, day: dt.date) -> tuple[object, object, object]:
    """The status, days remaining and deadline on a day, or the class of the error raised."""
    found: list[object] = []
    for ask in (subject.status, subject.days_remaining, lambda on: subject.deadline(on).end):
        try:
            found.append(ask(day))
        except NO_ANSWER as error:
            found.append(type(error))
    return found[0], found[1], found[2]


@settings(max_examples=100)
@given(DAY_TRUCES)
def test_no_answer_on_a_day_depends_on_what_was_announced_after_it(subject: Truce) -> None:
    """On every day, the truce knows exactly the terms announced by then, and answers
    (status, days remaining or the error they raise, the deadline) as the truce made of only
    what had been announced by that day does; before anything was announced, it is
    NOT_ANNOUNCED."""
    note(described(subject))
    for day in walk(subject):
        then = as_known_on(subject, day)
        if then is None:
            assert answers_on(subject, day) == (
                TruceStatus.NOT_ANNOUNCED,
                NotAnnouncedError,
                NotAnnouncedError,
            ), day
        else:
            assert subject.terms_known_on(day) == then.terms, day
            assert answers_on(subject, day) == answers_on(then, day), day


def test_an_extension_from_the_same_moment_in_another_zone_or_from_that_day_continues() -> None:
    first = TruceTerm(
        start=dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK),
        days=90,
        announced_on="2025-05-12",
        derivation="x",
    )
    base = Truce(id="t", parties=[PARTIES[1]], suspended="x", terms=[first], derivation="x")
    # 00:01 EDT on 12 August is 12:01 in Beijing: the same moment, so no lapse.
    in_beijing = base.extend(
        start=dt.datetime(2025, 8, 12, 12, 1, tzinfo=SHANGHAI),
        days=90,
        announced_on="2025-08-11",
        derivation="x",
    )
    assert in_beijing.days_remaining(dt.date(2025, 8, 11)) == 91  # to 10 November
    # "From 12 August": a day on the day the first term ends continues it as well.
    from_the_day = base.extend(
        start="2025-08-12", end="2025-11-10", announced_on="2025-08-11", derivation="x"
    )
    assert from_the_day.days_remaining(dt.date(2025, 8, 11)) == 91


def test_a_term_not_yet_announced_lends_no_zone_to_earlier_answers() -> None:
    days = TruceTerm(
        start="2025-05-14", end="2025-08-12", announced_on="2025-05-12", derivation="x"
    )
    later = TruceTerm(
        start=dt.datetime(2025, 11, 10, 13, 1, tzinfo=SHANGHAI),
        days=365,
        announced_on="2025-11-05",
        derivation="x",
    )
    alone = Truce(id="t", parties=[PARTIES[0]], suspended="x", terms=[days], derivation="x")
    both = attrs.evolve(alone, terms=[days, later])
    # 20:00 on 11 August in New York is 08:00 on 12 August in Beijing; the truce's bounds are
    # days, so the observer's own date, 11 August, is what counts: 1 day left.
    at = dt.datetime(2025, 8, 11, 20, 0, tzinfo=NEW_YORK)
    assert (alone.status(at), alone.days_remaining(at)) == (TruceStatus.IN_FORCE, 1)
    assert (both.status(at), both.days_remaining(at)) == (TruceStatus.IN_FORCE, 1)


def test_an_end_must_fall_within_the_truce_and_announcements_on_one_day_need_their_order() -> None:
    base = Truce(
        id="t",
        parties=[PARTIES[1]],
        suspended="x",
        derivation="x",
        terms=[TruceTerm(start="2025-05-14", end="2025-08-12", derivation="x")],
    )
    # An instant on the day the deadline falls on comes after that deadline (the day starts
    # at midnight): it is no early end.
    with pytest.raises(InvalidValueError, match=r"ended\.at: an early end comes before the last"):
        base.end_early(
            at=dt.datetime(2025, 8, 12, 10, 0, tzinfo=SHANGHAI), reason="moot", derivation="x"
        )
    instant_start = Truce(
        id="t",
        parties=[PARTIES[1]],
        suspended="x",
        derivation="x",
        terms=[
            TruceTerm(
                start=dt.datetime(2025, 5, 14, 12, 0, tzinfo=NEW_YORK), days=90, derivation="x"
            )
        ],
    )
    # A day on the day of an instant start begins before it.
    with pytest.raises(InvalidValueError, match=r"ended\.at: it ends at 2025-05-14, before"):
        instant_start.end_early(at="2025-05-14", reason="moot", derivation="x")
    announced = attrs.evolve(
        instant_start,
        terms=[
            attrs.evolve(
                instant_start.terms[0],
                announced_on=dt.datetime(2025, 5, 12, 15, 0, tzinfo=NEW_YORK),
            )
        ],
    )
    with pytest.raises(InvalidValueError, match="a day counts from its start, so give the time"):
        announced.extend(days=30, announced_on="2025-05-12", derivation="x")
