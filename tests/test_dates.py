"""PartialDate and DateSpan: EDTF text, the days a date can mean, containment, order."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradetalks import DateSpan, InvalidValueError, PartialDate, Precision, SpanEnd, _memo
from tradetalks.dates import is_iso_day

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
    """A valid DateSpan, built directly: its end's last day is not before its start's first.

    The end is the period (of a drawn precision) holding a day on or after the start's first
    day, so it may begin before the start does (``2025-06-11/2025-06``). Then, sometimes,
    the start or the end is replaced by an open or unknown end.
    """
    start = draw(partial_dates(max_year=9990))
    day = start.earliest + dt.timedelta(days=draw(st.integers(0, 800)))
    end = _period(day, draw(st.sampled_from(Precision)))
    flags = {"uncertain": draw(st.booleans()), "approximate": draw(st.booleans())}
    end = PartialDate(end.year, end.month, end.day, **flags)
    shape = draw(st.sampled_from(["two dates", "no start", "no end"]))
    if shape == "no start":
        return DateSpan(draw(st.sampled_from(SpanEnd)), end)
    if shape == "no end":
        return DateSpan(start, draw(st.sampled_from(SpanEnd)))
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
        "May 2025",  # words are not EDTF
        "2025-07-29/2025-07-28",  # ends before it starts
        "2025-07/2025-06-30",  # July's first day is after 30 June
        "../..",  # no date at either end
        "/",
        "../",
        "/..",
        "..",  # an open end alone is no date
        "",
        "2025/2025/2025",  # three ends
        ".../2025",  # not "..", nor a date
        "2025/ ..",
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


# -- open and unknown ends ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025-05-14/..", PartialDate(2025, 5, 14), SpanEnd.OPEN),
        ("../2025-05-14", SpanEnd.OPEN, PartialDate(2025, 5, 14)),
        ("2025-05-14/", PartialDate(2025, 5, 14), SpanEnd.UNKNOWN),
        ("/2025-05-14", SpanEnd.UNKNOWN, PartialDate(2025, 5, 14)),
        ("2025-03/..", PartialDate(2025, 3), SpanEnd.OPEN),
        ("/2025-07-29?", SpanEnd.UNKNOWN, PartialDate(2025, 7, 29, uncertain=True)),
        ("../2025~", SpanEnd.OPEN, PartialDate(2025, approximate=True)),
    ],
)
def test_open_and_unknown_ends_read_and_write_back(
    text: str, start: PartialDate | SpanEnd, end: PartialDate | SpanEnd
) -> None:
    span = DateSpan.from_edtf(text)
    assert (span.start, span.end) == (start, end)
    assert span.to_edtf() == text
    assert str(span) == text
    assert repr(span) == f"DateSpan({text!r})"
    assert DateSpan(start, end) == span


def test_span_ends_are_written_as_their_edtf_text() -> None:
    assert SpanEnd.OPEN.value == ".."
    assert SpanEnd.UNKNOWN.value == ""
    assert SpanEnd("..") is SpanEnd.OPEN
    assert SpanEnd("") is SpanEnd.UNKNOWN


def test_a_span_takes_its_ends_as_members_or_as_their_text() -> None:
    assert DateSpan("2025-03", "..") == DateSpan(PartialDate(2025, 3), SpanEnd.OPEN)
    assert DateSpan("..", "2025-05") == DateSpan(SpanEnd.OPEN, PartialDate(2025, 5))
    assert DateSpan("", dt.date(2025, 7, 29)) == DateSpan.from_edtf("/2025-07-29")
    assert DateSpan(dt.date(2025, 7, 28), "") == DateSpan.from_edtf("2025-07-28/")


def test_none_is_not_an_end() -> None:
    # None could mean open or unknown: the caller says which.
    with pytest.raises(InvalidValueError, match=r"SpanEnd.OPEN \('..'\) or SpanEnd.UNKNOWN"):
        DateSpan("2025-03", None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (SpanEnd.OPEN, SpanEnd.OPEN),
        (SpanEnd.UNKNOWN, SpanEnd.UNKNOWN),
        (SpanEnd.OPEN, SpanEnd.UNKNOWN),
        (SpanEnd.UNKNOWN, SpanEnd.OPEN),
    ],
)
def test_a_span_needs_a_date_at_one_end(start: SpanEnd, end: SpanEnd) -> None:
    text = f"{start.value}/{end.value}"
    message = f"the span {text} has no date at either end: give its start, its end or both"
    with pytest.raises(InvalidValueError, match=message):
        DateSpan(start, end)
    with pytest.raises(InvalidValueError, match=message):
        DateSpan.from_edtf(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        # The end's last possible day is not before the start's first possible day.
        ("2025-06/2025-06-11", dt.date(2025, 6, 1), dt.date(2025, 6, 11)),  # June to 11 June
        ("2025-06-11/2025-06", dt.date(2025, 6, 11), dt.date(2025, 6, 30)),  # to June's 30th
        ("2025-06-30/2025-06", dt.date(2025, 6, 30), dt.date(2025, 6, 30)),  # its last day
        ("2025/2025-01-01", dt.date(2025, 1, 1), dt.date(2025, 1, 1)),
        ("2025-07-28/2025-07-28", dt.date(2025, 7, 28), dt.date(2025, 7, 28)),
    ],
)
def test_a_span_is_valid_when_its_end_can_fall_on_or_after_its_start(
    text: str, earliest: dt.date, latest: dt.date
) -> None:
    span = DateSpan.from_edtf(text)
    assert (span.earliest, span.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2025-07", "2025-06-30"),  # July begins on the 1st, after 30 June
        ("2025-06-12", "2025-06-11"),
        ("2026", "2025-12"),
        ("2025-07-01", "2025-06"),  # June's last day, the 30th, is before 1 July
    ],
)
def test_a_span_whose_end_is_before_its_start_is_refused(start: str, end: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        DateSpan(start, end)
    assert str(caught.value) == f"the span {start}/{end} ends before it starts"


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2025-03/..", dt.date(2025, 3, 1), None, Precision.MONTH),
        ("2025-03/", dt.date(2025, 3, 1), None, Precision.MONTH),
        ("../2025-05-14", None, dt.date(2025, 5, 14), Precision.DAY),
        ("/2025", None, dt.date(2025, 12, 31), Precision.YEAR),
    ],
)
def test_an_open_or_unknown_end_has_no_day(
    text: str, earliest: dt.date | None, latest: dt.date | None, precision: Precision
) -> None:
    span = DateSpan.from_edtf(text)
    assert (span.earliest, span.latest) == (earliest, latest)
    assert span.precision is precision  # the precision of its one date


def test_a_span_open_at_its_end_holds_every_day_from_its_start() -> None:
    held = DateSpan.from_edtf("2025-03/..")  # "since March, until further notice"
    assert dt.date(2025, 2, 28) not in held
    assert dt.date(2025, 3, 1) in held
    assert dt.date(2025, 3, 31) in held
    assert dt.date(9999, 12, 31) in held
    assert dt.datetime(2025, 3, 2, tzinfo=dt.UTC) not in held  # a datetime is not a day
    assert "2025-03-02" not in held


def test_a_span_with_an_unknown_start_can_hold_any_day_up_to_its_end() -> None:
    # "Ended on Tuesday": it began on or before that day, on a day not given.
    talks = DateSpan.from_edtf("/2025-07-29")
    assert dt.date(1, 1, 1) in talks
    assert dt.date(2025, 7, 29) in talks
    assert dt.date(2025, 7, 30) not in talks


def test_a_span_open_at_its_start_holds_every_day_up_to_its_end() -> None:
    until_may = DateSpan.from_edtf("../2025-05")
    assert dt.date(1990, 1, 1) in until_may
    assert dt.date(2025, 5, 31) in until_may
    assert dt.date(2025, 6, 1) not in until_may


def test_spans_with_open_and_unknown_ends_sort_by_their_dates() -> None:
    texts = [
        "2025-07-28/2025-07-29",
        "/2025-07-29",  # placed at its end, before a span that starts on that day
        "2025-05-14/..",
        "2025-05-14/",
        "2025-05-14",
        "2025-06",
        "../2025-05",  # an open start comes before every date
        "2025-07-29",
        "../2025-04",
    ]
    assert [str(span) for span in sorted(map(DateSpan.from_edtf, texts))] == [
        "../2025-04",
        "../2025-05",
        "2025-05-14",  # on the same start: a date, then an unknown end, then an open one
        "2025-05-14/",
        "2025-05-14/..",
        "2025-06",
        "2025-07-28/2025-07-29",
        "/2025-07-29",
        "2025-07-29",
    ]


def test_a_span_with_an_unknown_start_sorts_before_one_that_starts_on_its_end() -> None:
    assert DateSpan.from_edtf("/2025-07-29") < DateSpan.from_edtf("2025-07-29/..")
    assert DateSpan.from_edtf("/2025-07-29") < DateSpan.from_edtf("/2025-07-30")
    assert DateSpan.from_edtf("/2025-07-29") > DateSpan.from_edtf("2025-07-28/")
    assert DateSpan.from_edtf("../2025-07-29") < DateSpan.from_edtf("/2025-07-29")


def test_the_relaxed_spans_sort_by_their_start() -> None:
    # 2025-06 starts (can start) on 1 June, 2025-06-11 on the 11th.
    spans = [DateSpan.from_edtf("2025-06-11/2025-06"), DateSpan.from_edtf("2025-06/2025-06-11")]
    assert [str(span) for span in sorted(spans)] == ["2025-06/2025-06-11", "2025-06-11/2025-06"]


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
    """A span's earliest day, when it has one, is on or before its latest day, when it has
    one; both are in it; and it has one of them at least."""
    assert span.earliest is not None or span.latest is not None
    if span.earliest is not None and span.latest is not None:
        assert span.earliest <= span.latest
    for day in (span.earliest, span.latest):
        if day is not None:
            assert day in span


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


@given(date_spans(), date_spans())
def test_the_order_of_spans_is_total_and_agrees_with_equality(a: DateSpan, b: DateSpan) -> None:
    """Of two spans, with or without open and unknown ends, exactly one of a < b, a == b and
    b < a holds, and comparing them never raises."""
    assert [a < b, a == b, b < a].count(True) == 1
    assert (a <= b) == (a < b or a == b)


@given(st.lists(date_spans(), max_size=8))
def test_sorted_spans_have_non_decreasing_first_dates(spans: list[DateSpan]) -> None:
    """Sorting spans puts open starts first, then the others by the first day their first
    date (their start, or their end when the start is unknown) can mean."""
    firsts = []
    for span in sorted(spans):
        if span.start is SpanEnd.OPEN:
            firsts.append(dt.date.min)
            continue
        first = span.start if isinstance(span.start, PartialDate) else span.end
        assert isinstance(first, PartialDate)
        firsts.append(first.earliest)
    assert firsts == sorted(firsts)


@given(date_spans(), st.dates())
def test_a_day_is_in_a_span_when_it_lies_within_its_given_days(
    span: DateSpan, day: dt.date
) -> None:
    """A day is in a span when it is not before its earliest day (if it has one) and not
    after its latest (if it has one): an open or unknown end sets no limit."""
    after_start = span.earliest is None or span.earliest <= day
    before_end = span.latest is None or day <= span.latest
    assert (day in span) == (after_start and before_end)


def test_a_day_read_twice_in_one_load_is_one_record() -> None:
    # In a load, a statement's date and its words ("on 2025-07-29") give the same text;
    # the memo goes with the load, so outside one each reading is a record of its own.
    with _memo.one_load():
        first = PartialDate.from_edtf("2025-07-29")
        assert PartialDate.from_edtf("2025-07-29") is first
        assert PartialDate.from_edtf("2025-07-30") == PartialDate(2025, 7, 30)
        with pytest.raises(InvalidValueError, match=r"day must be 1 to 28, not 30"):
            PartialDate.from_edtf("2025-02-30")  # 2025 is not a leap year: February has 28
    again = PartialDate.from_edtf("2025-07-29")
    assert again == first
    assert again is not first


@pytest.mark.parametrize("text", ["2025-07-30", "0001-01-01", "9999-12-31"])
def test_is_iso_day_takes_yyyy_mm_dd_in_ascii_digits(text: str) -> None:
    assert is_iso_day(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "2025-7-30",  # ISO 8601 writes the month in two digits
        "2025-07-30\n",  # a line end after it: not the whole text
        " 2025-07-30",
        "2025-07-301",
        "2025_07-30",
        "+2025-07-30",  # an expanded year is not the basic form
        "٢٠٢٥-07-30",  # Arabic-Indic digits are digits, not ASCII ones
        "2025-07-3\uff10",  # a fullwidth zero
        "",
    ],
)
def test_is_iso_day_refuses_anything_else(text: str) -> None:
    assert is_iso_day(text) is False


@pytest.mark.parametrize("value", [b"2025-07-30", bytearray(b"2025-07-30"), ["2025-07-30"], None])
def test_is_iso_day_is_false_for_what_is_not_text(value: object) -> None:
    assert is_iso_day(value) is False
