"""Truce arithmetic: terms, deadlines as days and as instants, extensions as known on a day.

Day counts are worked out from the calendar: May has 31 days, June 30, July 31, so 14 May
plus 90 days is 12 August (17 + 30 + 31 + 12), and 12 August plus 90 days is 10 November
(19 + 30 + 31 + 10). Summer time in New York ends on 2 November 2025: 00:01 on 12 August
is 04:01 UTC (EDT, UTC-4) and 00:01 on 10 November is 05:01 UTC (EST, UTC-5). Beijing is
UTC+8 all year.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from tradetalks import (
    Evidence,
    InvalidValueError,
    NaiveDatetimeError,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    PrecisionError,
    Source,
    Truce,
    TruceStatus,
    TruceTerm,
    elapsed,
    format_instant,
    parse_instant,
    truce_days_remaining,
)

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
    assert longer.status(dt.date(2025, 8, 10), second) is TruceStatus.NOT_STARTED
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
    gap = TruceTerm(start=second, end="2025-12-01", announced_on="2025-10-01", derivation="a gap")
    with pytest.raises(InvalidValueError, match="an extension starts where the term before it"):
        Truce(
            id="t", parties=PARTIES, suspended="tariffs", terms=[one, gap], evidence=[TRUCE_WORDS]
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
