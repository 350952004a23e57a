"""Date words resolved against a dateline: the design's cases, the rules, and dateutil's traps.

Weekdays are checked against a calendar: 2025-07-30 is a Wednesday, 2025-01-03 a Friday,
2025-12-20 a Saturday. Distances in days are counted by hand, month by month, in comments.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from dateutil import parser as dateutil_parser
from hypothesis import given
from hypothesis import strategies as st

import tradetalks
from tradetalks import (
    DataFormatError,
    Dataset,
    DateResolutionError,
    Evidence,
    InvalidValueError,
    Organization,
    PartialDate,
    Person,
    Precision,
    ResolutionRule,
    ResolvedDate,
    Source,
    Statement,
    Tense,
    resolve_date,
)
from tradetalks.fixtures import stockholm_2025

WEDNESDAY = dt.date(2025, 7, 30)  # the article's dateline
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day(year: int, month: int, day: int) -> PartialDate:
    return PartialDate(year, month, day)


# -- the design's cases --------------------------------------------------------------------


def test_tuesday_in_the_past_is_the_day_before_a_wednesday_dateline() -> None:
    assert resolve_date("Tuesday", WEDNESDAY, tense="past").value == day(2025, 7, 29)


def test_wednesday_in_the_past_is_the_dateline_itself() -> None:
    assert resolve_date("Wednesday", WEDNESDAY, tense="past").value == day(2025, 7, 30)


def test_monday_in_the_future_is_the_next_monday() -> None:
    assert resolve_date("Monday", WEDNESDAY, tense="future").value == day(2025, 8, 4)


def test_monday_in_the_past_crosses_into_the_previous_year() -> None:
    # 2025-01-03 is a Friday; the Monday before it is 2024-12-30.
    assert resolve_date("Monday", dt.date(2025, 1, 3), tense="past").value == day(2024, 12, 30)


def test_month_and_day_in_the_future_cross_into_the_next_year() -> None:
    resolved = resolve_date("January 10", dt.date(2025, 12, 20), tense="future")
    assert resolved.value == day(2026, 1, 10)
    assert resolved.rule is ResolutionRule.MONTH_DAY


# -- the other rules -----------------------------------------------------------------------


def test_a_bare_weekday_with_no_tense_is_read_in_the_past_tense() -> None:
    resolved = resolve_date("on Tuesday", WEDNESDAY)
    assert resolved.tense is Tense.PAST
    assert resolved.value == day(2025, 7, 29)


def test_wednesday_in_the_future_is_a_week_later() -> None:
    assert resolve_date("Wednesday", WEDNESDAY, tense=Tense.FUTURE).value == day(2025, 8, 6)


def test_today() -> None:
    resolved = resolve_date("today", WEDNESDAY)
    assert (resolved.value, resolved.rule) == (day(2025, 7, 30), ResolutionRule.TODAY)


def test_yesterday() -> None:
    resolved = resolve_date("yesterday", WEDNESDAY)
    assert (resolved.value, resolved.rule) == (day(2025, 7, 29), ResolutionRule.YESTERDAY)


def test_yesterday_across_a_year() -> None:
    assert resolve_date("yesterday", dt.date(2025, 1, 1)).value == day(2024, 12, 31)


def test_tomorrow() -> None:
    resolved = resolve_date("tomorrow", WEDNESDAY, tense="future")
    assert (resolved.value, resolved.rule) == (day(2025, 7, 31), ResolutionRule.TOMORROW)


def test_a_month_alone_stays_a_month() -> None:
    resolved = resolve_date("in May", WEDNESDAY)
    assert resolved.value == PartialDate(2025, 5)
    assert resolved.value.precision is Precision.MONTH
    assert resolved.value.day is None  # no invented day
    assert resolved.rule is ResolutionRule.MONTH


def test_a_later_month_in_the_past_is_last_year() -> None:
    assert resolve_date("in August", WEDNESDAY, tense="past").value == PartialDate(2024, 8)


def test_an_earlier_month_in_the_future_is_next_year() -> None:
    assert resolve_date("in May", WEDNESDAY, tense="future").value == PartialDate(2026, 5)


def test_month_and_day_in_the_past_take_the_year_before_when_still_ahead() -> None:
    assert resolve_date("August 12", WEDNESDAY, tense="past").value == day(2024, 8, 12)
    assert resolve_date("August 12", WEDNESDAY, tense="future").value == day(2025, 8, 12)


def test_day_before_month() -> None:
    assert resolve_date("12 August", WEDNESDAY, tense="future").value == day(2025, 8, 12)


def test_february_29_goes_to_a_leap_year() -> None:
    assert resolve_date("February 29", WEDNESDAY, tense="past").value == day(2024, 2, 29)
    assert resolve_date("February 29", WEDNESDAY, tense="future").value == day(2028, 2, 29)
    # With no tense, the nearer: 2024-02-29 is 517 days back (365 to 2025-02-28, then 152
    # to 30 July), 2028-02-29 is 944 ahead (730 to 2027-07-30, then 214 to 29 February).
    assert resolve_date("February 29", WEDNESDAY).value == day(2024, 2, 29)


@pytest.mark.parametrize(
    "words", ["July 28, 2025", "28 July 2025", "2025-07-28", "Monday, July 28, 2025"]
)
def test_full_dates_are_taken_as_stated(words: str) -> None:
    for tense in Tense:
        resolved = resolve_date(words, WEDNESDAY, tense)
        assert resolved.value == day(2025, 7, 28)
        assert resolved.rule is ResolutionRule.STATED


def test_month_and_year_stay_a_month() -> None:
    resolved = resolve_date("May 2025", WEDNESDAY)
    assert resolved.value == PartialDate(2025, 5)
    assert resolved.rule is ResolutionRule.STATED


def test_a_weekday_that_contradicts_its_date_is_an_error() -> None:
    with pytest.raises(DateResolutionError, match=r"2025-07-30 is a Wednesday, not a Monday"):
        resolve_date("Monday, July 30, 2025", WEDNESDAY)


def test_a_weekday_that_contradicts_an_iso_date_is_an_error() -> None:
    with pytest.raises(DateResolutionError, match="is a Wednesday, not a Monday"):
        resolve_date("Monday, 2025-07-30", WEDNESDAY)


def test_a_weekday_that_contradicts_a_month_and_day_is_an_error() -> None:
    # In the past tense "July 31" is 2024-07-31, a Wednesday.
    with pytest.raises(DateResolutionError, match="2024-07-31 is a Wednesday, not a Thursday"):
        resolve_date("Thursday, July 31", WEDNESDAY, tense="past")
    # With no tense it is the next day, 2025-07-31, a Thursday: the weekday agrees.
    assert resolve_date("Thursday, July 31", WEDNESDAY).value == day(2025, 7, 31)


@pytest.mark.parametrize("words", ["Funday", "February 30", "June 31, 2025", "next week"])
def test_unreadable_or_impossible_words_are_errors(words: str) -> None:
    with pytest.raises(DateResolutionError):
        resolve_date(words, WEDNESDAY)


def test_a_datetime_is_not_a_dateline() -> None:
    with pytest.raises(InvalidValueError, match="dateline"):
        resolve_date("Tuesday", dt.datetime(2025, 7, 30, 9, 0, tzinfo=dt.UTC))


def test_an_unknown_tense_is_refused_with_the_values() -> None:
    with pytest.raises(
        InvalidValueError,
        match=r"^tense: expected a Tense or one of 'past', 'future', not 'present'$",
    ):
        resolve_date("Tuesday", WEDNESDAY, tense="present")


def test_raw_words_are_kept_as_written() -> None:
    resolved = resolve_date("  on TUESDAY ", WEDNESDAY)
    assert resolved.words == "  on TUESDAY "
    assert resolved.value == day(2025, 7, 29)


def test_rule_and_tense_are_reported() -> None:
    resolved = resolve_date("on Monday", WEDNESDAY, tense="future")
    assert resolved == ResolvedDate(
        day(2025, 8, 4), "on Monday", ResolutionRule.WEEKDAY, Tense.FUTURE
    )


def test_every_worded_said_on_of_the_shipped_dataset_is_re_derived() -> None:
    """Each said_on with words resolves again, from those words and the dateline, to itself."""
    by_hand = {"on Tuesday": day(2025, 7, 29), "on Wednesday": day(2025, 7, 30)}
    checked: set[str] = set()
    for statement in stockholm_2025().statements:
        said_on = statement.said_on
        if said_on is None or said_on.words is None:
            continue
        dateline = statement.evidence[0].source.published_on
        assert dateline == WEDNESDAY
        assert resolve_date(said_on.words, dateline, said_on.tense) == said_on
        # Read with no tense, as a newcomer would, the words give the same record.
        assert resolve_date(said_on.words, dateline) == said_on
        if said_on.words in by_hand:
            assert said_on.value == by_hand[said_on.words]
            checked.add(said_on.words)
    assert checked == set(by_hand)


# -- no tense given: a month (with or without a day) is the occurrence nearest the dateline ---
# "The pause takes effect on May 14", in a report of Monday 12 May 2025, is two days ahead.
# Read in the past tense by default, it was 2024-05-14, a year off, without a word.

MONDAY_12_MAY = dt.date(2025, 5, 12)


def test_may_14_read_on_12_may_is_two_days_ahead_not_a_year_back() -> None:
    # 2025-05-14 is 2 days ahead; 2024-05-14 is 363 back (365 - 2).
    resolved = resolve_date("on May 14", MONDAY_12_MAY)
    assert resolved == ResolvedDate(
        day(2025, 5, 14), "on May 14", ResolutionRule.MONTH_DAY, Tense.FUTURE
    )


def test_may_10_read_on_12_may_is_two_days_back() -> None:
    # 2025-05-10 is 2 days back; 2026-05-10 is 363 ahead.
    resolved = resolve_date("on May 10", MONDAY_12_MAY)
    assert resolved == ResolvedDate(
        day(2025, 5, 10), "on May 10", ResolutionRule.MONTH_DAY, Tense.PAST
    )


def test_an_explicit_tense_keeps_its_direction() -> None:
    assert resolve_date("on May 14", MONDAY_12_MAY, tense="past").value == day(2024, 5, 14)
    assert resolve_date("on May 10", MONDAY_12_MAY, tense="future").value == day(2026, 5, 10)
    assert resolve_date("on May 14", MONDAY_12_MAY, tense=Tense.PAST).tense is Tense.PAST


def test_a_month_and_day_on_the_dateline_is_the_dateline() -> None:
    resolved = resolve_date("May 12", MONDAY_12_MAY)
    assert (resolved.value, resolved.tense) == (day(2025, 5, 12), Tense.PAST)


def test_december_read_on_3_january_is_the_month_just_gone() -> None:
    # December 2025 ended 3 days before 2026-01-03; December 2026 begins 332 days after it
    # (28 left in January, then 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30, then 1).
    resolved = resolve_date("in December", dt.date(2026, 1, 3))
    assert resolved == ResolvedDate(
        PartialDate(2025, 12), "in December", ResolutionRule.MONTH, Tense.PAST
    )


def test_march_read_in_february_is_the_coming_month() -> None:
    # From 2026-02-10, March 2026 begins in 19 days (18 left in February, then 1); March
    # 2025 ended 316 days before (30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 10).
    resolved = resolve_date("in March", dt.date(2026, 2, 10))
    assert (resolved.value, resolved.tense) == (PartialDate(2026, 3), Tense.FUTURE)
    assert resolved.value.precision is Precision.MONTH  # no day made up


def test_the_month_of_the_dateline_is_that_month() -> None:
    resolved = resolve_date("in July", WEDNESDAY)
    assert (resolved.value, resolved.tense) == (PartialDate(2025, 7), Tense.PAST)


def test_january_10_read_on_20_december_is_next_month() -> None:
    # 2026-01-10 is 21 days ahead (11 left in December, then 10); 2025-01-10 is 344 back.
    resolved = resolve_date("January 10", dt.date(2025, 12, 20))
    assert (resolved.value, resolved.tense) == (day(2026, 1, 10), Tense.FUTURE)


def test_august_12_read_on_the_article_dateline_is_the_coming_deadline() -> None:
    # The article of 2025-07-30 counts down to "August 12": 13 days ahead (1 + 12).
    assert resolve_date("August 12", WEDNESDAY).value == day(2025, 8, 12)


def test_a_month_and_day_equally_far_both_ways_is_the_earlier() -> None:
    # From 2023-11-13: back to 2023-05-14 is 17 + 30 + 31 + 31 + 30 + 31 + 13 = 183 days;
    # ahead to 2024-05-14 (a leap February between) is 17 + 31 + 31 + 29 + 31 + 30 + 14 = 183.
    tie = resolve_date("May 14", dt.date(2023, 11, 13))
    assert (tie.value, tie.tense) == (day(2023, 5, 14), Tense.PAST)
    # A day later the coming one is nearer: 184 back, 182 ahead.
    after = resolve_date("May 14", dt.date(2023, 11, 14))
    assert (after.value, after.tense) == (day(2024, 5, 14), Tense.FUTURE)


def test_a_month_equally_far_both_ways_is_the_earlier() -> None:
    # From 2024-01-15: July 2023 ended 31 + 30 + 31 + 30 + 31 + 15 = 168 days before; July
    # 2024 begins 16 + 29 + 31 + 30 + 31 + 30 + 1 = 168 days after.
    assert resolve_date("in July", dt.date(2024, 1, 15)).value == PartialDate(2023, 7)
    # A day later: 169 back, 167 ahead.
    assert resolve_date("in July", dt.date(2024, 1, 16)).value == PartialDate(2024, 7)


def test_a_bare_weekday_keeps_the_reporting_convention_not_the_nearest_day() -> None:
    # Read on Wednesday 2025-07-30, "on Saturday" is 2025-07-26, 4 days back, though
    # Saturday 2025-08-02 is 3 days ahead: reporting tells what happened.
    resolved = resolve_date("on Saturday", WEDNESDAY)
    assert (resolved.value, resolved.tense) == (day(2025, 7, 26), Tense.PAST)


def test_words_whose_date_is_after_the_dateline_record_the_future_tense() -> None:
    assert resolve_date("tomorrow", WEDNESDAY).tense is Tense.FUTURE
    assert resolve_date("today", WEDNESDAY).tense is Tense.PAST
    assert resolve_date("2025-08-12", WEDNESDAY).tense is Tense.FUTURE
    assert resolve_date("2025-07-28", WEDNESDAY).tense is Tense.PAST


def test_nearest_at_the_ends_of_the_calendar() -> None:
    # Before 0001-05 there is no May: the only one is ahead.
    assert resolve_date("in May", dt.date(1, 3, 1)).value == PartialDate(1, 5)
    with pytest.raises(DateResolutionError, match="falls outside the calendar"):
        resolve_date("in May", dt.date(1, 3, 1), tense="past")
    assert resolve_date("in March", dt.date(9999, 12, 20)).value == PartialDate(9999, 3)


def test_a_date_resolved_with_no_tense_round_trips_through_the_format() -> None:
    """Written and read back, the record is the same, and the loader re-reads its words."""
    outlet = Organization(id="wire", name="Example Wire", kind="outlet")
    text = "The ministry said on May 10 that the pause takes effect on May 14."
    source = Source(id="report", outlet=outlet, published_on="2025-05-12", language="en", text=text)
    minister = Person(
        id="ministry", name="The ministry", evidence=[Evidence.find(source, "ministry")]
    )
    said = Statement(
        id="pause",
        speakers=[minister],
        mode="indirect",
        text="the pause takes effect on May 14",
        said_on=resolve_date("on May 10", source.published_on),
        evidence=[Evidence.find(source, text)],
    )
    # A date after the dateline, as for words announced ahead: the format must carry it.
    effect = attrs.evolve(
        said, id="pause-effect", said_on=resolve_date("on May 14", source.published_on)
    )
    record = Dataset(
        organizations=[outlet], sources=[source], people=[minister], statements=[said, effect]
    )
    written = tradetalks.dumps(record)
    again = tradetalks.loads(written)
    assert again.statements == (said, effect)
    assert [s.said_on for s in again.statements] == [
        ResolvedDate(day(2025, 5, 10), "on May 10", ResolutionRule.MONTH_DAY, Tense.PAST),
        ResolvedDate(day(2025, 5, 14), "on May 14", ResolutionRule.MONTH_DAY, Tense.FUTURE),
    ]
    assert tradetalks.dumps(again) == written
    # The file says which way the words were read: PAST is the default and left out.
    on_disk = json.loads(written)["statements"]
    assert "tense" not in on_disk[0]["said_on"]
    assert on_disk[1]["said_on"]["tense"] == "future"
    # The loader reads the words again against the dateline: a year-old date is refused.
    on_disk[1]["said_on"]["date"] = "2024-05-14"
    tampered = json.loads(written)
    tampered["statements"] = on_disk
    with pytest.raises(DataFormatError, match=r"said_on.*'on May 14'.*2025-05-14"):
        tradetalks.loads(json.dumps(tampered))


# -- no tense given: a weekday beside a month and day picks the occurrence on that weekday ---
# Calendar facts, each worked from the article's dateline, Wednesday 2025-07-30:
# - 2025-07-28 is a Monday (two days before).
# - 2025-01-02 is a Thursday: from it to 30 July is 29 + 28 + 31 + 30 + 31 + 30 + 30 = 209
#   days = 29 weeks and 6 days, and six weekdays before Wednesday is Thursday.
# - 2024-07-28 is a Sunday: 365 days (52 weeks and 1 day; no 29 February between) before
#   Monday 2025-07-28. 2026-07-28 is a Tuesday, 365 days after it.
# - 2023-07-28 is a Friday: 366 days (2024-02-29 between: 52 weeks and 2 days) before
#   Sunday 2024-07-28. Then, a year (365 days) back each time: 2022-07-28 a Thursday,
#   2021-07-28 a Wednesday, 2020-07-28 a Tuesday.
# - 2025-12-31 is a Wednesday: 1 + 31 + 30 + 31 + 30 + 31 = 154 days (22 weeks) after
#   2025-07-30. 2024-12-31 is a Tuesday, two days before Thursday 2025-01-02.
# - 2024-02-29 is a Thursday: 31 + 30 + 31 + 30 + 28 = 150 days (21 weeks and 3 days)
#   before Sunday 2024-07-28. Leap days four years apart are 1461 days apart (208 weeks and
#   5 days): 2020-02-29 a Saturday, 2028-02-29 a Tuesday, 2032-02-29 a Sunday.

THURSDAY_2_JANUARY = dt.date(2025, 1, 2)


def test_monday_july_28_read_on_2_january_is_the_coming_monday() -> None:
    # 2024-07-28 (a Sunday) is 158 days back (3 + 31 + 30 + 31 + 30 + 31 + 2); 2025-07-28
    # (a Monday) is 207 ahead (29 + 28 + 31 + 30 + 31 + 30 + 28). The Monday is meant.
    resolved = resolve_date("Monday, July 28", THURSDAY_2_JANUARY)
    assert resolved == ResolvedDate(
        day(2025, 7, 28), "Monday, July 28", ResolutionRule.MONTH_DAY, Tense.FUTURE
    )
    # Read again in the tense recorded, the words give the same date: the first July 28
    # on or after the dateline is that Monday.
    assert resolve_date("Monday, July 28", THURSDAY_2_JANUARY, resolved.tense) == resolved


def test_wednesday_december_31_read_on_2_january_is_the_end_of_the_year() -> None:
    # 2024-12-31, 2 days back, is a Tuesday; 2025-12-31, 363 days ahead, is a Wednesday.
    resolved = resolve_date("Wednesday, December 31", THURSDAY_2_JANUARY)
    assert (resolved.value, resolved.tense) == (day(2025, 12, 31), Tense.FUTURE)
    assert resolve_date("Wednesday, December 31", THURSDAY_2_JANUARY, "future") == resolved
    # The same day without its weekday is the nearer, the Tuesday.
    assert resolve_date("December 31", THURSDAY_2_JANUARY).value == day(2024, 12, 31)


def test_a_weekday_can_pick_the_occurrence_before_the_dateline() -> None:
    # From 2025-06-01: 2025-07-28 (a Monday) is 57 days ahead (29 + 28); 2024-07-28 (a
    # Sunday) is 308 back (3 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 1).
    dateline = dt.date(2025, 6, 1)
    resolved = resolve_date("Sunday, 28 July", dateline)
    assert (resolved.value, resolved.tense) == (day(2024, 7, 28), Tense.PAST)
    assert resolve_date("Sunday, 28 July", dateline, "past") == resolved


def test_a_weekday_that_agrees_with_the_nearest_day_changes_nothing() -> None:
    # 2025-07-31 is a Thursday, the day after the dateline: nearest with or without it.
    assert resolve_date("Thursday, July 31", WEDNESDAY) == ResolvedDate(
        day(2025, 7, 31), "Thursday, July 31", ResolutionRule.MONTH_DAY, Tense.FUTURE
    )


def test_with_a_tense_a_contradicting_weekday_is_still_an_error() -> None:
    # In a stated tense the first occurrence that way is the date, and its weekday must agree.
    with pytest.raises(DateResolutionError, match=r"2024-07-28 is a Sunday, not a Monday"):
        resolve_date("Monday, July 28", THURSDAY_2_JANUARY, tense="past")
    assert resolve_date("Monday, July 28", THURSDAY_2_JANUARY, "future").value == day(2025, 7, 28)
    with pytest.raises(DateResolutionError, match=r"2025-12-31 is a Wednesday, not a Tuesday"):
        resolve_date("Tuesday, December 31", THURSDAY_2_JANUARY, tense="future")


def test_a_weekday_met_only_two_years_away_asks_for_the_year() -> None:
    # "Tuesday, July 28" read on 2025-01-02: 2024-07-28 is a Sunday, 2025-07-28 a Monday;
    # the nearest Tuesday, July 28 is 2026-07-28 (2020-07-28, the one before, is farther).
    # Recorded as FUTURE, it would be read again as 2025-07-28, the Monday, and refused:
    # no tense gives 2026-07-28 from these words, so they are refused now, not at a load.
    with pytest.raises(
        DateResolutionError,
        match=(
            r"^'Tuesday, July 28' read from 2025-01-02: the nearest July 28 that is a Tuesday "
            r"is 2026-07-28, but the first July 28 on or after the dateline is 2025-07-28, a "
            r"Monday, so the words give 2026-07-28 in neither tense; if it is meant, give the "
            r"year \('Tuesday, July 28, 2026'\)$"
        ),
    ):
        resolve_date("Tuesday, July 28", THURSDAY_2_JANUARY)
    # With the year the words are taken as stated.
    stated = resolve_date("Tuesday, July 28, 2026", THURSDAY_2_JANUARY)
    assert (stated.value, stated.rule) == (day(2026, 7, 28), ResolutionRule.STATED)


def test_a_weekday_met_only_beyond_the_last_occurrence_asks_for_the_year() -> None:
    # From 2025-12-01, July 28 fell on a Monday (2025, 126 days back: 3 + 31 + 30 + 31 + 30
    # + 1) and a Sunday (2024); the Friday is 2023-07-28, 857 days back (366 + 365 + 126),
    # nearer than the next, 2028-07-28 (a Friday: 2026 Tuesday, 2027 Wednesday, then 366
    # days with 2028-02-29), 970 ahead (239 + 365 + 366).
    with pytest.raises(
        DateResolutionError,
        match=(
            r"the nearest July 28 that is a Friday is 2023-07-28, but the first July 28 on "
            r"or before the dateline is 2025-07-28, a Monday"
        ),
    ):
        resolve_date("Friday, July 28", dt.date(2025, 12, 1))


def test_february_29_with_a_weekday() -> None:
    # Leap days from 2017 to 2033, the years searched around 2025: 2020 a Saturday, 2024 a
    # Thursday, 2028 a Tuesday, 2032 a Sunday.
    thursday = resolve_date("Thursday, February 29", THURSDAY_2_JANUARY)
    assert (thursday.value, thursday.tense) == (day(2024, 2, 29), Tense.PAST)
    # 2028-02-29 is three years ahead, but the first 29 February after 2025-01-02: the
    # future tense gives it again.
    tuesday = resolve_date("Tuesday, February 29", THURSDAY_2_JANUARY)
    assert (tuesday.value, tuesday.tense) == (day(2028, 2, 29), Tense.FUTURE)
    assert resolve_date("Tuesday, February 29", THURSDAY_2_JANUARY, "future") == tuesday
    # 2020-02-29 lies behind 2024-02-29, so no tense gives it.
    with pytest.raises(
        DateResolutionError,
        match=r"is 2020-02-29, but the first February 29 on or before the dateline is "
        r"2024-02-29, a Thursday",
    ):
        resolve_date("Saturday, February 29", THURSDAY_2_JANUARY)
    # A Monday: 2016-02-29 (Saturday 2020 less 5) is outside the years searched.
    with pytest.raises(
        DateResolutionError,
        match=r"^'Monday, February 29' read from 2025-01-02: no February 29 from 2017 to 2033 "
        r"is a Monday; if another year is meant, give it$",
    ):
        resolve_date("Monday, February 29", THURSDAY_2_JANUARY)


def test_a_weekday_at_the_start_of_the_calendar() -> None:
    # 0001-01-01 is a Monday: 400 Gregorian years are 146097 days, 20871 whole weeks, so it
    # falls as 2001-01-01 did, a Monday. 0002-01-01, 365 days on, is a Tuesday. No year 0
    # comes before: the Tuesday, a year past the first January 1, is refused.
    assert resolve_date("Monday, January 1", dt.date(1, 1, 1)).value == day(1, 1, 1)
    with pytest.raises(
        DateResolutionError, match=r"first January 1 on or after the dateline is 0001-01-01"
    ):
        resolve_date("Tuesday, January 1", dt.date(1, 1, 1))


def test_a_date_found_by_its_weekday_round_trips_through_the_format() -> None:
    """The loader reads the words again in the recorded tense, and gets the same day."""
    outlet = Organization(id="wire", name="Example Wire", kind="outlet")
    text = "The ministry said talks resume on Monday, July 28."
    source = Source(id="report", outlet=outlet, published_on="2025-01-02", language="en", text=text)
    minister = Person(
        id="ministry", name="The ministry", evidence=[Evidence.find(source, "ministry")]
    )
    statement = Statement(
        id="resume",
        speakers=[minister],
        mode="indirect",
        text="talks resume on Monday, July 28",
        said_on=resolve_date("Monday, July 28", source.published_on),
        evidence=[Evidence.find(source, text)],
    )
    record = Dataset(
        organizations=[outlet], sources=[source], people=[minister], statements=[statement]
    )
    written = tradetalks.dumps(record)
    again = tradetalks.loads(written)
    assert again.statements[0].said_on == ResolvedDate(
        day(2025, 7, 28), "Monday, July 28", ResolutionRule.MONTH_DAY, Tense.FUTURE
    )
    assert tradetalks.dumps(again) == written
    # The year before, 2024-07-28, a Sunday, is refused when the file is loaded.
    tampered = json.loads(written)
    tampered["statements"][0]["said_on"]["date"] = "2024-07-28"
    with pytest.raises(DataFormatError, match=r"said_on"):
        tradetalks.loads(json.dumps(tampered))


# -- dateutil's behaviours, next to what resolve_date gives ---------------------------------
# dateutil's parser works with naive datetimes: its default supplies what the words lack.

DEFAULT = dt.datetime(2025, 7, 30)  # noqa: DTZ001 - dateutil's default is naive


def test_dateutil_resolves_a_bare_weekday_forward() -> None:
    assert dateutil_parser.parse("Tuesday", default=DEFAULT).date() == dt.date(2025, 8, 5)
    assert resolve_date("Tuesday", WEDNESDAY).value == day(2025, 7, 29)


def test_dateutil_invents_a_day_for_a_month() -> None:
    assert dateutil_parser.parse("May", default=DEFAULT).date() == dt.date(2025, 5, 30)
    assert resolve_date("May", WEDNESDAY).value == PartialDate(2025, 5)


def test_dateutil_ignores_a_contradicting_weekday() -> None:
    assert dateutil_parser.parse("Monday, July 30, 2025").date() == dt.date(2025, 7, 30)
    with pytest.raises(DateResolutionError, match="is a Wednesday, not a Monday"):
        resolve_date("Monday, July 30, 2025", WEDNESDAY)


# -- laws -----------------------------------------------------------------------------------

datelines = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
weekdays = st.integers(0, 6)
spellings = st.sampled_from(["{}", "on {}", "{} ", "On {}", "{}."])


@given(datelines, weekdays, spellings)
def test_past_weekday_is_within_the_six_days_up_to_the_dateline(
    dateline: dt.date, weekday: int, spelling: str
) -> None:
    """A bare weekday in the past tense is that weekday, 0 to 6 days before the dateline."""
    resolved = resolve_date(spelling.format(DAY_NAMES[weekday]), dateline, "past").value.to_date()
    assert resolved.weekday() == weekday
    assert 0 <= (dateline - resolved).days <= 6


@given(datelines, weekdays, spellings)
def test_future_weekday_is_within_the_seven_days_after_the_dateline(
    dateline: dt.date, weekday: int, spelling: str
) -> None:
    """A bare weekday in the future tense is that weekday, 1 to 7 days after the dateline."""
    resolved = resolve_date(spelling.format(DAY_NAMES[weekday]), dateline, "future").value
    assert resolved.to_date().weekday() == weekday
    assert 1 <= (resolved.to_date() - dateline).days <= 7


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _days_from(dateline: dt.date, first: dt.date, last: dt.date) -> int:
    """Days from the dateline to the nearest of the days first..last (0 when among them)."""
    return max((first - dateline).days, (dateline - last).days, 0)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2023, 12, 31)),
)
def test_with_no_tense_a_month_and_day_is_the_nearest_of_the_years_around(
    dateline: dt.date, month_day: dt.date
) -> None:
    """The day is the one of the year before, of, or after the dateline nearest to it (the
    earlier at equal distance), and its words read in the recorded tense give it again.

    The candidates are listed here by the calendar, not by the library's search. (2023 has
    no 29 February: that day is checked above.)
    """
    words = f"{MONTH_NAMES[month_day.month - 1]} {month_day.day}"
    candidates = [month_day.replace(year=dateline.year + step) for step in (-1, 0, 1)]
    expected = min(candidates, key=lambda c: (abs((c - dateline).days), c))
    resolved = resolve_date(words, dateline)
    assert resolved.value == PartialDate.from_date(expected)
    assert resolved.tense is (Tense.FUTURE if expected > dateline else Tense.PAST)
    assert resolve_date(words, dateline, resolved.tense) == resolved


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.integers(1, 12),
)
def test_with_no_tense_a_month_is_the_nearest_of_the_years_around(
    dateline: dt.date, month: int
) -> None:
    """The month is the one of the year before, of, or after the dateline whose days come
    nearest it (the earlier at equal distance), and stays a month."""
    candidates = [PartialDate(dateline.year + step, month) for step in (-1, 0, 1)]
    expected = min(
        candidates, key=lambda c: (_days_from(dateline, c.earliest, c.latest), c.earliest)
    )
    words = f"in {MONTH_NAMES[month - 1]}"
    resolved = resolve_date(words, dateline)
    assert resolved.value == expected
    assert resolved.tense is (Tense.FUTURE if expected.earliest > dateline else Tense.PAST)
    assert resolve_date(words, dateline, resolved.tense) == resolved


def _on_the_calendar(year: int, month: int, day: int) -> dt.date | None:
    """The day, or None when the year has no such day (29 February of a common year)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 12, 31)),
    weekdays,
)
def test_with_no_tense_a_weekday_picks_the_nearest_occurrence_on_it(
    dateline: dt.date, month_day: dt.date, weekday: int
) -> None:
    """A month and day with a weekday is its occurrence on that weekday nearest the dateline
    (the earlier at equal distance) when that is the first occurrence on its side of the
    dateline, and read again in the recorded tense gives it again; otherwise it is refused.

    The occurrences are listed by the calendar over thirty years either side of the
    dateline's year, more than the library searches. (2024, a leap year, has 29 February.)
    """
    words = f"{DAY_NAMES[weekday]}, {MONTH_NAMES[month_day.month - 1]} {month_day.day}"
    occurrences = [
        found
        for year in range(dateline.year - 30, dateline.year + 31)
        if (found := _on_the_calendar(year, month_day.month, month_day.day)) is not None
    ]
    nearest = min(
        (o for o in occurrences if o.weekday() == weekday),
        key=lambda o: (abs((o - dateline).days), o),
    )
    if nearest <= dateline:
        first_on_its_side = max(o for o in occurrences if o <= dateline)
    else:
        first_on_its_side = min(o for o in occurrences if o >= dateline)
    if nearest != first_on_its_side:
        with pytest.raises(DateResolutionError, match=r"if .*meant, give"):
            resolve_date(words, dateline)
        return
    resolved = resolve_date(words, dateline)
    assert resolved.value == PartialDate.from_date(nearest)
    assert resolved.tense is (Tense.FUTURE if nearest > dateline else Tense.PAST)
    assert resolve_date(words, dateline, resolved.tense) == resolved


def test_digits_of_other_scripts_are_not_read_as_a_date() -> None:
    # "٢٨" and "٢٠٢٥" are Arabic-Indic digits: date words here are read in ASCII digits only.
    with pytest.raises(DateResolutionError, match="cannot read"):
        resolve_date("July ٢٨, ٢٠٢٥", dt.date(2025, 7, 30))


def test_many_leading_words_are_read_in_linear_time() -> None:
    import time  # noqa: PLC0415

    words = "on " * 300_000 + "Tuesday"  # stripped one at a time, this took many seconds
    started = time.perf_counter()
    resolved = resolve_date(words, dt.date(2025, 7, 30))
    assert time.perf_counter() - started < 5.0
    assert resolved.value == PartialDate(2025, 7, 29)


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    form=st.sampled_from(["{iso}", "on {iso}", "{month} {d}, {y}", "{d} {month} {y}"]),
    datelines=st.lists(
        st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)),
        min_size=2,
        max_size=4,
    ),
)
def test_words_that_state_the_whole_date_read_the_same_from_any_dateline(
    day: dt.date, form: str, datelines: list[dt.date]
) -> None:
    # A load checks such words once for all datelines; this is why it may.
    words = form.format(iso=day.isoformat(), month=day.strftime("%B"), d=day.day, y=day.year)
    readings = {
        (resolve_date(words, dateline, tense).value, resolve_date(words, dateline, tense).rule)
        for dateline in datelines
        for tense in ("past", "future")
    }
    assert readings == {(PartialDate.from_date(day), ResolutionRule.STATED)}
