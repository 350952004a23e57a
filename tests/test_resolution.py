"""Date words resolved against a dateline: the issue's cases, the rules, and dateutil's traps.

Weekdays are checked against a calendar: 2025-07-30 is a Wednesday, 2025-01-03 a Friday,
2025-12-20 a Saturday.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import given
from hypothesis import strategies as st

from tradetalks import (
    DateResolutionError,
    InvalidValueError,
    PartialDate,
    Precision,
    ResolutionRule,
    ResolvedDate,
    Tense,
    resolve_date,
)
from tradetalks.fixtures import stockholm_2025

WEDNESDAY = dt.date(2025, 7, 30)  # the article's dateline
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day(year: int, month: int, day: int) -> PartialDate:
    return PartialDate(year, month, day)


# -- the cases ---------------------------------------------------------------------


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


def test_past_is_the_default_tense() -> None:
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
    assert resolve_date("in August", WEDNESDAY).value == PartialDate(2024, 8)


def test_an_earlier_month_in_the_future_is_next_year() -> None:
    assert resolve_date("in May", WEDNESDAY, tense="future").value == PartialDate(2026, 5)


def test_month_and_day_in_the_past_take_the_year_before_when_still_ahead() -> None:
    assert resolve_date("August 12", WEDNESDAY).value == day(2024, 8, 12)
    assert resolve_date("August 12", WEDNESDAY, tense="future").value == day(2025, 8, 12)


def test_day_before_month() -> None:
    assert resolve_date("12 August", WEDNESDAY, tense="future").value == day(2025, 8, 12)


def test_february_29_goes_to_a_leap_year() -> None:
    assert resolve_date("February 29", WEDNESDAY).value == day(2024, 2, 29)
    assert resolve_date("February 29", WEDNESDAY, tense="future").value == day(2028, 2, 29)


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
        resolve_date("Thursday, July 31", WEDNESDAY)


@pytest.mark.parametrize("words", ["Funday", "February 30", "June 31, 2025", "next week"])
def test_unreadable_or_impossible_words_are_errors(words: str) -> None:
    with pytest.raises(DateResolutionError):
        resolve_date(words, WEDNESDAY)


def test_a_datetime_is_not_a_dateline() -> None:
    with pytest.raises(InvalidValueError, match="dateline"):
        resolve_date("Tuesday", dt.datetime(2025, 7, 30, 9, 0, tzinfo=dt.UTC))


def test_an_unknown_tense_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="tense"):
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
        if said_on.words in by_hand:
            assert said_on.value == by_hand[said_on.words]
            checked.add(said_on.words)
    assert checked == set(by_hand)


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
