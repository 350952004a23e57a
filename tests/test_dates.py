"""PartialDate and DateSpan: EDTF text, the days a date can mean, containment, order."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradetalks import DateSpan, InvalidValueError, PartialDate, Precision

# -- strategies ---------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, max_year: int = 9999) -> PartialDate:
    """Any valid PartialDate: year, month or day precision, with or without qualifiers."""
    year = draw(st.integers(1, max_year))
    precision = draw(st.sampled_from(Precision))
    month = None if precision is Precision.YEAR else draw(st.integers(1, 12))
    day = None
    if month is not None and precision is Precision.DAY:
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(
        year, month, day, uncertain=draw(st.booleans()), approximate=draw(st.booleans())
    )


def _period(day: dt.date, precision: Precision) -> PartialDate:
    """The year, month or day that contains ``day``."""
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@st.composite
def date_spans(draw: st.DrawFn) -> DateSpan:
    """A valid DateSpan, built directly: the end neither starts nor finishes before the start.

    The end is the period (of a drawn precision) holding a day on or after the start's last
    day; if that period begins before the start does, the next period is taken instead.
    """
    start = draw(partial_dates(max_year=9990))
    day = start.latest + dt.timedelta(days=draw(st.integers(0, 800)))
    precision = draw(st.sampled_from(Precision))
    end = _period(day, precision)
    if end.earliest < start.earliest:
        end = _period(end.latest + dt.timedelta(days=1), precision)
    flags = {"uncertain": draw(st.booleans()), "approximate": draw(st.booleans())}
    end = PartialDate(end.year, end.month, end.day, **flags)
    return DateSpan(start, end)


# -- EDTF text ------------------------------------------------------------------------------


def test_year() -> None:
    year = PartialDate.from_edtf("2025")
    assert (year.year, year.month, year.day) == (2025, None, None)
    assert year.precision is Precision.YEAR
    assert year.to_edtf() == "2025"


def test_month() -> None:
    may = PartialDate.from_edtf("2025-05")
    assert (may.year, may.month, may.day) == (2025, 5, None)
    assert may.precision is Precision.MONTH
    assert str(may) == "2025-05"


def test_day() -> None:
    tuesday = PartialDate.from_edtf("2025-07-29")
    assert tuesday == PartialDate(2025, 7, 29)
    assert tuesday.precision is Precision.DAY
    assert tuesday.to_date() == dt.date(2025, 7, 29)
    assert tuesday.to_edtf() == "2025-07-29"


def test_span_of_days() -> None:
    talks = DateSpan.from_edtf("2025-07-28/2025-07-29")
    assert talks.start == PartialDate(2025, 7, 28)
    assert talks.end == PartialDate(2025, 7, 29)
    assert talks.precision is Precision.DAY
    assert talks.to_edtf() == "2025-07-28/2025-07-29"


def test_single_date_span_is_written_as_the_date() -> None:
    geneva = DateSpan.from_edtf("2025-05")
    assert geneva.start == geneva.end == PartialDate(2025, 5)
    assert str(geneva) == "2025-05"


def test_uncertain() -> None:
    inferred = PartialDate.from_edtf("2025-07-29?")
    assert (inferred.uncertain, inferred.approximate) == (True, False)
    assert inferred != PartialDate(2025, 7, 29)
    assert inferred.to_edtf() == "2025-07-29?"


def test_approximate() -> None:
    about = PartialDate.from_edtf("2025-05~")
    assert (about.uncertain, about.approximate) == (False, True)
    assert about.precision is Precision.MONTH
    assert about.to_edtf() == "2025-05~"


def test_uncertain_and_approximate() -> None:
    both = PartialDate.from_edtf("2025-05%")
    assert (both.uncertain, both.approximate) == (True, True)
    assert both.to_edtf() == "2025-05%"


@pytest.mark.parametrize(
    "text",
    [
        "2025-13",  # no 13th month
        "2025-02-30",  # February has no 30th
        "2025-XX",  # unspecified digits are not supported
        "../2025",  # an open start is not supported
        "May 2025",  # words are not EDTF
        "2025-07-29/2025-07-28",  # ends before it starts
    ],
)
def test_refused_text(text: str) -> None:
    with pytest.raises(InvalidValueError):
        DateSpan.from_edtf(text)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "2025-XX", "May 2025", "2025-00"])
def test_refused_dates(text: str) -> None:
    with pytest.raises(InvalidValueError, match="2025"):
        PartialDate.from_edtf(text)


def test_span_that_ends_before_it_starts() -> None:
    with pytest.raises(InvalidValueError, match="ends before it starts"):
        DateSpan(dt.date(2025, 7, 29), dt.date(2025, 7, 28))
    with pytest.raises(InvalidValueError, match="ends before it starts"):
        DateSpan("2025-06", "2025-05")


def test_a_day_needs_a_month() -> None:
    with pytest.raises(InvalidValueError, match="needs a month"):
        PartialDate(2025, None, 12)


# -- the days a date can mean -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-05", dt.date(2025, 5, 1), dt.date(2025, 5, 31)),
        ("2025-06", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # 2024 is a leap year
        ("2025-02", dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        ("1900-02", dt.date(1900, 2, 1), dt.date(1900, 2, 28)),  # a century, not leap
        ("2000-02", dt.date(2000, 2, 1), dt.date(2000, 2, 29)),  # divisible by 400, leap
        ("2025-07-29", dt.date(2025, 7, 29), dt.date(2025, 7, 29)),
    ],
)
def test_earliest_and_latest(text: str, earliest: dt.date, latest: dt.date) -> None:
    date = PartialDate.from_edtf(text)
    assert (date.earliest, date.latest) == (earliest, latest)


def test_span_earliest_and_latest() -> None:
    spring = DateSpan.from_edtf("2025-05/2025-06")
    assert (spring.earliest, spring.latest) == (dt.date(2025, 5, 1), dt.date(2025, 6, 30))
    assert spring.precision is Precision.MONTH


def test_month_precision_has_no_single_day() -> None:
    with pytest.raises(InvalidValueError, match="only to the month"):
        PartialDate(2025, 5).to_date()


def test_month_contains_its_days() -> None:
    may = PartialDate(2025, 5)
    assert dt.date(2025, 5, 1) in may
    assert dt.date(2025, 5, 14) in may
    assert dt.date(2025, 5, 31) in may
    assert dt.date(2025, 4, 30) not in may
    assert dt.date(2025, 6, 1) not in may


def test_day_contains_only_itself() -> None:
    tuesday = PartialDate(2025, 7, 29)
    assert dt.date(2025, 7, 29) in tuesday
    assert dt.date(2025, 7, 28) not in tuesday
    assert dt.date(2025, 7, 30) not in tuesday


def test_span_contains_both_ends() -> None:
    talks = DateSpan.from_edtf("2025-07-28/2025-07-29")
    assert dt.date(2025, 7, 28) in talks
    assert dt.date(2025, 7, 29) in talks
    assert dt.date(2025, 7, 27) not in talks
    assert dt.date(2025, 7, 30) not in talks


# -- order ----------------------------------------------------------------------------------


def test_a_day_sorts_before_the_month_that_starts_on_it() -> None:
    dates = [PartialDate(2025, 5, 2), PartialDate(2025, 5), PartialDate(2025, 5, 1)]
    assert sorted(dates) == [PartialDate(2025, 5, 1), PartialDate(2025, 5), PartialDate(2025, 5, 2)]


def test_a_month_sorts_before_the_year_that_starts_on_it() -> None:
    assert PartialDate(2025, 1) < PartialDate(2025)
    assert PartialDate(2025) < PartialDate(2025, 2)


def test_certain_sorts_before_uncertain_on_the_same_day() -> None:
    assert PartialDate(2025, 7, 29) < PartialDate(2025, 7, 29, uncertain=True)
    assert PartialDate(2025, 7, 29, uncertain=True) < PartialDate(2025, 7, 30)


def test_spans_sort_by_start_then_end() -> None:
    geneva = DateSpan.from_edtf("2025-05")
    london = DateSpan.from_edtf("2025-06")
    stockholm = DateSpan.from_edtf("2025-07-28/2025-07-29")
    one_day = DateSpan.from_edtf("2025-07-28")
    assert sorted([stockholm, london, one_day, geneva]) == [geneva, london, one_day, stockholm]


# -- laws -----------------------------------------------------------------------------------


@given(partial_dates())
def test_partial_date_edtf_round_trip(date: PartialDate) -> None:
    """Formatting a PartialDate as EDTF and parsing the text gives the same date."""
    assert PartialDate.from_edtf(date.to_edtf()) == date


@given(date_spans())
def test_date_span_edtf_round_trip(span: DateSpan) -> None:
    """Formatting a DateSpan as EDTF and parsing the text gives the same span."""
    assert DateSpan.from_edtf(span.to_edtf()) == span


@given(partial_dates())
def test_earliest_is_not_after_latest(date: PartialDate) -> None:
    """A date's earliest day is on or before its latest day, and both are in it."""
    assert date.earliest <= date.latest
    assert date.earliest in date
    assert date.latest in date


@given(date_spans())
def test_span_earliest_is_not_after_latest(span: DateSpan) -> None:
    """A span's earliest day is on or before its latest day."""
    assert span.earliest <= span.latest


@given(partial_dates(), partial_dates())
def test_order_follows_the_earliest_day(a: PartialDate, b: PartialDate) -> None:
    """A date that can begin earlier sorts earlier; the order agrees with equality."""
    if a.earliest < b.earliest:
        assert a < b
        assert not b < a
    assert (a == b) == (not a < b and not b < a)


@given(st.lists(partial_dates(), max_size=8))
def test_sorted_dates_have_non_decreasing_earliest_days(dates: list[PartialDate]) -> None:
    """Sorting partial dates puts their earliest days in order."""
    earliest = [date.earliest for date in sorted(dates)]
    assert earliest == sorted(earliest)


def test_the_qualifier_flags_must_be_booleans() -> None:
    with pytest.raises(InvalidValueError, match="uncertain: must be True or False, not 'yes'"):
        PartialDate(2025, 7, 29, uncertain="yes")  # type: ignore[arg-type]
