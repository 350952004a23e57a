"""Laws of the library, tested on records from ``tradetalks.strategies``, and those strategies."""

from __future__ import annotations

import contextlib
import datetime as dt
import doctest
import functools
import itertools
import subprocess
import sys
import tempfile
import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import Phase, find, given, note, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import tradetalks
from tradetalks import (
    Agreement,
    Claim,
    Dataset,
    DateSpan,
    Delegate,
    EndReason,
    Evidence,
    Meeting,
    Mode,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Person,
    Position,
    Precision,
    ResolvedDate,
    Round,
    Source,
    SpanEnd,
    Statement,
    TimelineEntry,
    TimelineEvent,
    Truce,
    TruceEnd,
    TruceTerm,
    UnnamedGroup,
)
from tradetalks import strategies as ts
from tradetalks.statements import CLOSING_QUOTES, OPENING_QUOTES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# A thousand datasets for each property of whole datasets, as the issue asks: each such
# test takes 10 to 25 seconds on two cores.
THOUSAND_DATASETS = settings(max_examples=1000)

COLLECTIONS = (
    "sources",
    "parties",
    "organizations",
    "people",
    "positions",
    "rounds",
    "meetings",
    "statements",
    "agreements",
    "truces",
    "claims",
)


def every_evidence(record: Dataset) -> Iterator[tuple[str, Evidence]]:
    """Every piece of evidence in a dataset, with where it is."""
    for name in COLLECTIONS:
        for index, item in enumerate(getattr(record, name)):
            where = f"{name}[{index}]"
            for number, piece in enumerate(getattr(item, "evidence", ())):
                yield f"{where}.evidence[{number}]", piece
            for owner in ("delegates", "terms"):  # records owned by a round or a truce
                for part_index, part in enumerate(getattr(item, owner, ())):
                    for number, piece in enumerate(part.evidence):
                        yield f"{where}.{owner}[{part_index}].evidence[{number}]", piece
            ended = getattr(item, "ended", None)  # a truce's early end
            for number, piece in enumerate(ended.evidence if ended is not None else ()):
                yield f"{where}.ended.evidence[{number}]", piece


@contextlib.contextmanager
def shown_if_it_fails(record: Dataset) -> Iterator[None]:
    """Report a failing dataset as its JSON text, since its repr only counts its records."""
    try:
        yield
    except Exception:
        try:
            note(tradetalks.dumps(record))
        except Exception as error:  # noqa: BLE001 - the failure at hand matters more
            note(f"(the dataset cannot be dumped: {error!r})")
        raise


def bound_date(bound: PartialDate | dt.datetime) -> PartialDate:
    return PartialDate.from_date(bound.date()) if isinstance(bound, dt.datetime) else bound


def same_bound(
    one: PartialDate | dt.datetime | None, other: PartialDate | dt.datetime | None
) -> bool:
    """Whether two bounds are the same: the same date, or the same instant in the same zone."""
    if isinstance(one, dt.datetime) and isinstance(other, dt.datetime):
        return tradetalks.elapsed(one, other) == dt.timedelta(0) and one.tzinfo == other.tzinfo
    return one == other


def days_of(bound: PartialDate | dt.datetime) -> tuple[dt.date, dt.date]:
    """The first and last day a bound can fall on (an instant's date in its own zone)."""
    day = bound_date(bound)
    return day.earliest, day.latest


# --- properties of whole datasets -------------------------------------------------------------


@THOUSAND_DATASETS
@given(ts.datasets())
def test_dataset_survives_json(record: Dataset) -> None:
    """Every dataset survives dumps → loads unchanged: what loads is equal to it, and dumping
    that again gives the same text, byte for byte."""
    with shown_if_it_fails(record):
        text = tradetalks.dumps(record)
        loaded = tradetalks.loads(text)
        assert loaded == record
        assert tradetalks.dumps(loaded) == text


@settings(max_examples=100)
@given(ts.datasets(text_files=True, max_statements=3))
def test_dataset_survives_files(record: Dataset) -> None:
    """A dataset whose sources keep their text in files beside it survives dump → load: each
    text file is written and read back exactly, and the dataset loads equal to itself."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.json"
        tradetalks.dump(record, path)
        loaded = tradetalks.load(path)
        for source in record.sources:
            assert (Path(folder) / f"{source.id}.txt").read_bytes() == source.text.encode()
    assert loaded == record
    assert [source.text_file for source in loaded.sources] == [
        f"{source.id}.txt" for source in record.sources
    ]


@THOUSAND_DATASETS
@given(ts.datasets())
def test_every_evidence_matches_its_source(record: Dataset) -> None:
    """Every piece of evidence in a dataset is the characters of one of the dataset's own
    sources at its offsets: 0 <= start < end <= len(text) and text[start:end] == exact."""
    with shown_if_it_fails(record):
        for where, piece in every_evidence(record):
            source = record.get(piece.source.id, Source)
            assert piece.source == source, where
            assert 0 <= piece.start < piece.end <= len(source.text), where
            assert source.text[piece.start : piece.end] == piece.exact, where


@THOUSAND_DATASETS
@given(ts.datasets())
def test_timeline_is_in_documented_order(record: Dataset) -> None:
    """The timeline holds each dated round, meeting and statement once (a round or meeting
    whose start is not given, never), each agreement once, each truce term twice (its start
    and its deadline; once, for a term until further notice) and each early end once, each
    on its own date, sorted by the date's PartialDate.sort_key(), then by TimelineEvent
    order, then by the dataset's order."""
    with shown_if_it_fails(record):
        entries = record.timeline()
        events = list(TimelineEvent)
        dataset_order = {
            id(item): index
            for name in COLLECTIONS
            for index, item in enumerate(getattr(record, name))
        }
        keys = []
        for entry in entries:
            term = -1
            if entry.term is None:
                assert entry.event in {
                    TimelineEvent.ROUND,
                    TimelineEvent.MEETING,
                    TimelineEvent.STATEMENT,
                    TimelineEvent.AGREEMENT,
                    TimelineEvent.TRUCE_END,
                }
            else:
                assert isinstance(entry.record, Truce)
                term = entry.record.terms.index(entry.term)
            assert entry.when is not None  # timeline() gives dated entries only
            keys.append(
                (
                    entry.when.sort_key(),
                    events.index(entry.event),
                    dataset_order[id(entry.record)],
                    term,
                )
            )
            assert entry.when == expected_date(entry)
        assert keys == sorted(keys)
        rounds = [r for r in record.rounds if isinstance(r.dates.start, PartialDate)]
        dated = [m for m in record.meetings if m.dates and isinstance(m.dates.start, PartialDate)]
        said = [s for s in record.statements if s.said_on is not None]
        terms = sum(len(truce.terms) for truce in record.truces)
        open_ended = sum(truce.terms[-1].end is None for truce in record.truces)
        ended = sum(truce.ended is not None for truce in record.truces)
        truce_entries = 2 * terms - open_ended + ended
        dated_records = len(rounds) + len(dated) + len(said) + len(record.agreements)
        assert len(entries) == dated_records + truce_entries


def expected_date(entry: TimelineEntry) -> PartialDate:
    """The date a timeline entry should carry, read from its record."""
    record, term = entry.record, entry.term
    if term is not None:
        bound = term.start if entry.event is TimelineEvent.TRUCE_START else term.end
        assert bound is not None  # a term until further notice has no deadline entry
        return bound_date(bound)
    if isinstance(record, Truce):
        assert entry.event is TimelineEvent.TRUCE_END
        assert record.ended is not None
        return bound_date(record.ended.at)
    if isinstance(record, Agreement):
        return record.made_on
    if isinstance(record, Statement):
        assert record.said_on is not None
        return record.said_on.value
    assert isinstance(record, Round | Meeting)
    assert record.dates is not None
    assert isinstance(record.dates.start, PartialDate)
    return record.dates.start


@THOUSAND_DATASETS
@given(ts.datasets())
def test_merging_with_itself_gives_it_back(record: Dataset) -> None:
    """Merging a dataset with itself, or with a copy of itself read back from JSON (equal
    records that are other objects), gives it back: the same records in the same order."""
    with shown_if_it_fails(record):
        assert record.merge(record) == record
        assert record.merge(tradetalks.loads(tradetalks.dumps(record))) == record


@given(ts.datasets(max_statements=4))
def test_statements_stand_in_their_evidence(record: Dataset) -> None:
    """A statement's text and audience stand within its evidence; a direct statement's text
    stands between a pair of quotation marks; a mixed one holds a quoted fragment."""
    with shown_if_it_fails(record):
        for said in record.statements:
            passage = said.evidence[0].exact
            assert said.text in passage
            assert said.audience is None or said.audience in passage
            if said.mode is Mode.DIRECT:
                quoted = [
                    (opening + said.text + ending + closing)
                    for opening, closing in zip(OPENING_QUOTES, CLOSING_QUOTES, strict=True)
                    for ending in ("", ",")
                ]
                assert any(form in passage for form in quoted)
            else:
                assert any(mark in said.text for mark in OPENING_QUOTES) is (
                    said.mode is Mode.MIXED
                )


@given(ts.datasets(min_statements=1, max_statements=4))
def test_said_on_words_resolve_against_the_dateline(record: Dataset) -> None:
    """A statement's date words, resolved against its source's dateline in its tense, give
    the date recorded (the strategy works the date out by calendar arithmetic on its own)."""
    with shown_if_it_fails(record):
        for said in record.statements:
            if said.said_on is not None and said.said_on.words is not None:
                dateline = said.evidence[0].source.published_on
                resolved = tradetalks.resolve_date(said.said_on.words, dateline, said.said_on.tense)
                assert resolved == said.said_on


@settings(max_examples=300)
@given(
    st.dates(dt.date(1973, 1, 1), dt.date(2100, 12, 31)).flatmap(
        lambda day: st.tuples(st.just(day), ts.resolved_dates(day))
    )
)
def test_resolve_date_agrees_with_calendar_arithmetic(case: tuple[dt.date, ResolvedDate]) -> None:
    """Date words of every rule ("today", "on Tue.", "the 12th of Aug.", "in May", "Monday,
    2025-07-28", ...) resolve against a dateline to the date calendar arithmetic gives."""
    dateline, said_on = case
    if said_on.words is None:
        assert said_on.value.uncertain
    else:
        assert tradetalks.resolve_date(said_on.words, dateline, said_on.tense) == said_on


@given(
    st.sampled_from([dt.date.min, dt.date.max]) | st.dates(),
    st.sampled_from(["today", "tomorrow", "yesterday", "on Friday", "in December", "Jan 1"]),
    st.sampled_from(["past", "future"]),
)
def test_resolve_date_fails_only_with_its_own_errors(
    dateline: dt.date, words: str, tense: str
) -> None:
    """Date words read against any dateline, the ends of the calendar included, resolve to a
    date of years 1 to 9999, or fail with a TradetalksError (never an OverflowError)."""
    try:
        resolved = tradetalks.resolve_date(words, dateline, tense)
    except tradetalks.TradetalksError:
        return
    assert 1 <= resolved.value.year <= 9999


@settings(max_examples=25)
@given(st.text(st.characters(categories=["L", "N", "P", "Zs", "Cs"]), min_size=1, max_size=20))
def test_a_source_text_is_refused_or_survives_a_file(text: str) -> None:
    """A source's text is refused when no file could hold it (a lone surrogate), or else a
    dataset with it survives dump → load through a text file."""
    outlet = Organization(id="outlet", name="Outlet", kind=OrganizationKind.OUTLET)
    try:
        source = Source(
            id="source",
            outlet=outlet,
            published_on=dt.date(2025, 7, 30),
            language="en",
            text=text,
            text_file="source.txt",
        )
    except tradetalks.InvalidValueError:
        assert any(0xD800 <= ord(character) <= 0xDFFF for character in text)
        return
    record = Dataset(sources=[source], organizations=[outlet])
    with tempfile.TemporaryDirectory() as folder:
        tradetalks.dump(record, Path(folder) / "record.json")
        assert tradetalks.load(Path(folder) / "record.json") == record


@given(ts.datasets(parties=["CN", "US", "EU"], max_truces=2))
def test_datasets_have_exactly_the_given_parties(record: Dataset) -> None:
    """datasets(parties=...) gives datasets with exactly those parties, in that order,
    agreements between two or three of them, and truces by one to three of them, each
    among the parties of its agreement if it has one (an agreement of the dataset)."""
    assert [party.code for party in record.parties] == ["CN", "US", "EU"]
    for agreement in record.agreements:
        codes = [party.code for party in agreement.parties]
        assert 2 <= len(set(codes)) == len(codes) <= 3
    for truce in record.truces:
        codes = [party.code for party in truce.parties]
        assert 1 <= len(set(codes)) == len(codes) <= 3
        if truce.agreement is not None:
            assert record.get(truce.agreement.id, Agreement) == truce.agreement
            assert set(codes) <= {party.code for party in truce.agreement.parties}


@given(ts.datasets(min_date=dt.date(2025, 1, 1), max_date=dt.date(2025, 12, 31)))
def test_datasets_keep_to_their_dates(record: Dataset) -> None:
    """Every date of a dataset made with min_date and max_date lies between them: sources'
    datelines, rounds, meetings, positions, what statements were said on, truce terms."""
    with shown_if_it_fails(record):
        low, high = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
        spans: list[PartialDate] = [e.when for e in record.timeline() if e.when is not None]
        given = [p.valid for p in record.positions] + [r.dates for r in record.rounds]
        given += [m.dates for m in record.meetings]
        spans += [
            end
            for span in given
            if span is not None
            for end in (span.start, span.end)
            if isinstance(end, PartialDate)  # not an open or unknown end
        ]
        moments = [term.announced_on for t in record.truces for term in t.terms]
        moments += [t.ended.at for t in record.truces if t.ended is not None]
        moments += [t.ended.announced_on for t in record.truces if t.ended is not None]
        spans += [bound_date(moment) for moment in moments if moment is not None]
        spans += [agreement.made_on for agreement in record.agreements]
        for day in spans:
            assert low <= day.earliest <= day.latest <= high, day
        for source in record.sources:
            assert low <= source.published_on <= high


# --- the strategies: what they promise ----------------------------------------------------------


@given(st.from_type(PartialDate))
def test_partial_date_edtf_round_trip(day: PartialDate) -> None:
    """Every partial date (from st.from_type) reads back from its EDTF text as itself."""
    assert PartialDate.from_edtf(day.to_edtf()) == day
    assert PartialDate.from_edtf(str(day)) == day


@given(st.from_type(DateSpan))
def test_date_span_edtf_round_trip(span: DateSpan) -> None:
    """Every date span (from st.from_type) reads back from its EDTF text as itself."""
    assert DateSpan.from_edtf(span.to_edtf()) == span


@given(
    ts.partial_dates(
        min_value=dt.date(2024, 2, 10),
        max_value=dt.date(2025, 3, 20),
        precisions=[Precision.MONTH, Precision.YEAR],
    )
)
def test_partial_dates_keep_to_their_range(day: PartialDate) -> None:
    """partial_dates() gives dates whose every day lies in the range, at the precisions
    asked for: here only whole months from March 2024 to February 2025 (no whole year)."""
    assert day.precision is Precision.MONTH
    assert dt.date(2024, 3, 1) <= day.earliest <= day.latest <= dt.date(2025, 2, 28)


@given(ts.date_spans(min_value=dt.date(2025, 7, 1), max_value=dt.date(2025, 7, 31), ends=[]))
def test_date_spans_keep_to_their_range(span: DateSpan) -> None:
    """date_spans(ends=[]) gives spans with a date at each end, within the range, that never
    end before they start: the end's last day is on or after the start's first."""
    assert isinstance(span.start, PartialDate)
    assert isinstance(span.end, PartialDate)
    assert span.earliest is not None
    assert span.latest is not None
    assert dt.date(2025, 7, 1) <= span.start.earliest <= span.end.latest <= dt.date(2025, 7, 31)
    assert dt.date(2025, 7, 1) <= span.end.earliest
    assert span.start.latest <= dt.date(2025, 7, 31)


@given(ts.date_spans(min_value=dt.date(2025, 7, 1), max_value=dt.date(2025, 7, 31)))
def test_date_spans_have_a_date_at_one_end_at_least(span: DateSpan) -> None:
    """date_spans() gives spans whose dates lie in the range; one end may be open or
    unknown, never both, and such a span reads back from its EDTF text as itself."""
    dates = [end for end in (span.start, span.end) if isinstance(end, PartialDate)]
    assert dates
    for day in dates:
        assert dt.date(2025, 7, 1) <= day.earliest <= day.latest <= dt.date(2025, 7, 31)
    assert DateSpan.from_edtf(span.to_edtf()) == span


@given(ts.date_spans(ends=[SpanEnd.OPEN]))
def test_date_spans_draw_only_the_ends_asked_for(span: DateSpan) -> None:
    """date_spans(ends=[SpanEnd.OPEN]) never draws an unknown end."""
    assert SpanEnd.UNKNOWN not in (span.start, span.end)


@pytest.mark.parametrize("end", list(SpanEnd))
@pytest.mark.parametrize("side", ["start", "end"])
def test_date_spans_draw_open_and_unknown_ends_at_either_side(end: SpanEnd, side: str) -> None:
    found = find(ts.date_spans(), lambda span: getattr(span, side) is end)
    assert getattr(found, side) is end
    other = found.end if side == "start" else found.start
    assert isinstance(other, PartialDate)


def test_date_spans_refuse_ends_that_are_not_span_ends() -> None:
    with pytest.raises(InvalidArgument, match="ends must hold SpanEnd values"):
        ts.date_spans(ends="..")  # type: ignore[arg-type]


@given(ts.instants(min_value=dt.date(2025, 3, 8), max_value=dt.date(2025, 3, 10)))
def test_instants_survive_rfc_9557(moment: dt.datetime) -> None:
    """instants() gives aware datetimes in an IANA zone, on a local date in the range, that
    read back from their RFC 9557 text as the same instant in the same zone (including
    around the daylight-saving change of 9 March 2025 in New York)."""
    assert dt.date(2025, 3, 8) <= moment.date() <= dt.date(2025, 3, 10)
    again = tradetalks.parse_instant(tradetalks.format_instant(moment))
    assert again == moment
    assert again.tzinfo is moment.tzinfo
    assert again.utcoffset() == moment.utcoffset()


@given(
    st.datetimes(
        min_value=dt.datetime(1900, 1, 1),  # noqa: DTZ001 - Hypothesis takes naive bounds
        max_value=dt.datetime(2200, 12, 31),  # noqa: DTZ001 - and draws the zone apart
        # Zones by IANA name: not the machine's own settings (localtime, posixrules), nor
        # the posix/ and right/ copies some machines have (parse_instant refuses those).
        timezones=st.timezone_keys(allow_prefix=False)
        .filter(tradetalks.instants.is_iana_zone)
        .map(zoneinfo.ZoneInfo),
        allow_imaginary=True,
    )
)
def test_every_instant_accepted_survives_rfc_9557(moment: dt.datetime) -> None:
    """Any aware datetime in an IANA zone is either refused as an instant (a wall time its
    zone skipped, an offset in seconds) or written as RFC 9557 text that reads back as the
    same instant in the same zone: the record never writes an instant it cannot read."""
    try:
        text = tradetalks.format_instant(moment)
    except tradetalks.InvalidValueError:
        skipped = moment.astimezone(dt.UTC).astimezone(moment.tzinfo) != moment
        seconds = (moment.utcoffset() or dt.timedelta(0)) % dt.timedelta(minutes=1)
        assert skipped or seconds
    else:
        again = tradetalks.parse_instant(text)
        assert again == moment
        assert again.utcoffset() == moment.utcoffset()


@given(ts.sources().flatmap(lambda source: st.tuples(st.just(source), ts.evidence(source))))
def test_evidence_lies_within_its_source(case: tuple[Source, Evidence]) -> None:
    """evidence(source) gives evidence of that source, whose exact characters stand at its
    offsets in the source's text."""
    source, piece = case
    assert piece.source is source
    assert source.text[piece.start : piece.end] == piece.exact


@given(ts.sources().flatmap(lambda source: ts.evidence(source, min_size=1, max_size=3)))
def test_evidence_keeps_to_its_sizes(piece: Evidence) -> None:
    """evidence(source, min_size=, max_size=) gives spans of that many characters."""
    assert 1 <= piece.end - piece.start <= 3


def announced_in_order(
    earlier: PartialDate | dt.datetime | None, later: PartialDate | dt.datetime | None
) -> bool:
    """Whether ``later`` is not before ``earlier`` (an undated announcement comes first)."""
    if earlier is None or later is None:
        return later is not None or earlier is None
    if isinstance(earlier, dt.datetime) and isinstance(later, dt.datetime):
        return tradetalks.elapsed(earlier, later) >= dt.timedelta(0)
    return days_of(later)[0] >= days_of(earlier)[0]


@given(ts.truces(min_extensions=1, max_extensions=3))
def test_truce_extensions_follow_each_other(truce: Truce) -> None:
    """truces() gives chains of terms in which each extension starts where the term before
    it ends, or after a lapse of at most 60 days, and is announced no earlier than that term
    was, nor before it started, and at most 7 days after its own start."""
    assert 2 <= len(truce.terms) <= 4
    for before, after in itertools.pairwise(truce.terms):
        assert before.end is not None
        if not same_bound(after.start, before.end):  # a lapse
            assert days_of(after.start)[1] >= days_of(before.end)[0]
            assert (days_of(after.start)[0] - days_of(before.end)[1]).days <= 60
            if isinstance(after.start, dt.datetime) and isinstance(before.end, dt.datetime):
                assert tradetalks.elapsed(before.end, after.start) > dt.timedelta(0)
        assert after.announced_on is not None
        assert announced_in_order(before.announced_on, after.announced_on)
        assert days_of(after.announced_on)[0] >= days_of(before.start)[0]
        assert days_of(after.announced_on)[1] <= days_of(after.start)[1] + dt.timedelta(days=7)


@given(ts.truces(bounds=["day", "instant"]))
def test_an_early_end_lies_in_the_last_term_and_is_announced_after_it(truce: Truce) -> None:
    """An early end from truces() is at a day or instant from the last term's start to the
    day before its end, and is announced (or, when not announced, takes effect) no earlier
    than the last term was announced."""
    if truce.ended is None:
        return
    at, last = truce.ended.at, truce.terms[-1]
    assert days_of(at)[0] >= days_of(last.start)[1]
    if isinstance(at, dt.datetime) and isinstance(last.start, dt.datetime):
        assert tradetalks.elapsed(last.start, at) >= dt.timedelta(0)
    if last.end is not None:
        assert days_of(at)[1] < days_of(last.end)[0]
    assert announced_in_order(last.announced_on, truce.ended.announced_on or at)


@given(
    ts.truces(min_extensions=1, lapses=False, open_ended=False, ended=False, announcements=["day"])
)
def test_truces_leave_out_what_they_are_asked_to(truce: Truce) -> None:
    """truces(lapses=False, open_ended=False, ended=False, announcements=["day"]) gives
    truces whose terms follow each other without a gap, the last one with an end, no early
    end, and announcements that are days."""
    for before, after in itertools.pairwise(truce.terms):
        assert same_bound(after.start, before.end)
    assert truce.terms[-1].end is not None
    assert truce.ended is None
    assert all(not isinstance(t.announced_on, dt.datetime) for t in truce.terms)


@given(
    ts.truces(min_extensions=1, bounds=["day", "instant"], lapses=True, open_ended=True, ended=True)
)
def test_truces_have_what_they_are_asked_for(truce: Truce) -> None:
    """truces(lapses=True, open_ended=True, ended=True) gives truces with a lapse before each
    extension, a last term until further notice, and an early end."""
    for before, after in itertools.pairwise(truce.terms):
        assert before.end is not None
        assert days_of(after.start)[0] > days_of(before.end)[1]
    assert truce.terms[-1].end is None
    assert truce.ended is not None


def first_announcement(truce: Truce) -> str:
    return type(truce.terms[0].announced_on).__name__


def end_announcement(truce: Truce) -> str:
    return "no end" if truce.ended is None else type(truce.ended.announced_on).__name__


TRUCE_CASES: dict[str, Callable[[Truce], bool]] = {
    "one party": lambda t: len(t.parties) == 1,
    "an agreement of more parties": lambda t: (
        t.agreement is not None and len(t.agreement.parties) > len(t.parties)
    ),
    "a lapse": lambda t: any(
        not same_bound(a.start, b.end) for b, a in itertools.pairwise(t.terms)
    ),
    "a lapse then an extension": lambda t: (
        len(t.terms) == 3
        and not same_bound(t.terms[1].start, t.terms[0].end)
        and same_bound(t.terms[2].start, t.terms[1].end)
    ),
    "an open last term after an extension": lambda t: len(t.terms) > 1 and t.terms[-1].end is None,
    "an undated first announcement": lambda t: first_announcement(t) == "NoneType",
    "a first announcement on a day": lambda t: first_announcement(t) == "PartialDate",
    "a first announcement at an instant": lambda t: first_announcement(t) == "datetime",
    "an extension announced at an instant": lambda t: any(
        isinstance(term.announced_on, dt.datetime) for term in t.terms[1:]
    ),
    "an extension announced after it starts": lambda t: any(
        term.announced_on is not None and days_of(term.announced_on)[0] > days_of(term.start)[1]
        for term in t.terms[1:]
    ),
    "an end at an instant": lambda t: t.ended is not None and isinstance(t.ended.at, dt.datetime),
    "an end of an open term": lambda t: t.ended is not None and t.terms[-1].end is None,
    "an end not announced": lambda t: end_announcement(t) == "NoneType",
    "an end announced on a day": lambda t: end_announcement(t) == "PartialDate",
    "an end announced at an instant": lambda t: end_announcement(t) == "datetime",
    "a truce with only a derivation": lambda t: not t.evidence and t.derivation is not None,
    "a truce with only evidence": lambda t: bool(t.evidence) and t.derivation is None,
    "a term with only a derivation": lambda t: any(not term.evidence for term in t.terms),
    "an end with only a derivation": lambda t: t.ended is not None and not t.ended.evidence,
    "an end with only evidence": lambda t: (
        t.ended is not None and t.ended.derivation is None and bool(t.ended.evidence)
    ),
    **{
        f"an end {reason.value}": functools.partial(
            lambda reason, t: t.ended is not None and t.ended.reason is reason, reason
        )
        for reason in EndReason
    },
}

QUICK_FIND = settings(max_examples=2000, phases=[Phase.generate], database=None)


@pytest.mark.parametrize("case", list(TRUCE_CASES))
def test_truces_sometimes_have(case: str) -> None:
    """truces() covers every shape of truce the record can hold (each found quickly)."""
    found = find(ts.truces(), TRUCE_CASES[case], settings=QUICK_FIND)
    assert TRUCE_CASES[case](found)


def test_truces_sometimes_give_a_term_by_its_days() -> None:
    """truces() sometimes gives a term by its start and length in days (as its evidence
    says), and then the term's end is that many calendar days after its start."""
    found = find(
        ts.truces(bounds=["instant"]),
        lambda t: any(" for " in piece.exact for term in t.terms for piece in term.evidence),
        settings=QUICK_FIND,
    )
    for term in found.terms:
        for piece in term.evidence:
            if " for " in piece.exact:
                assert f" for {term.days} days." in piece.exact


@given(
    ts.agreements(
        parties={"CN": "China", "US": "United States", "EU": "European Union"},
        min_date=dt.date(2025, 1, 1),
        max_date=dt.date(2025, 12, 31),
    )
)
def test_agreements_keep_to_their_parties_and_dates(agreement: Agreement) -> None:
    """agreements() gives agreements between two or three of the given parties, made on a
    date within the range, stated in its evidence or derived from a document."""
    codes = [party.code for party in agreement.parties]
    assert 2 <= len(set(codes)) == len(codes) <= 3
    assert set(codes) <= {"CN", "US", "EU"}
    assert dt.date(2025, 1, 1) <= agreement.made_on.earliest
    assert agreement.made_on.latest <= dt.date(2025, 12, 31)
    assert agreement.evidence or agreement.derivation
    for piece in agreement.evidence:
        assert agreement.title in piece.exact


@given(
    ts.truce_ends(
        reasons=[EndReason.SUPERSEDED, EndReason.MOOT],
        min_date=dt.date(2025, 1, 1),
        max_date=dt.date(2025, 1, 3),
        zones=["Asia/Shanghai"],
    )
)
def test_truce_ends_keep_to_their_reasons_and_dates(end: TruceEnd) -> None:
    """truce_ends() gives ends for the given reasons, at a day or an instant in the given
    zone, within the range (even one of two days), as is their announcement."""
    assert end.reason in {EndReason.SUPERSEDED, EndReason.MOOT}
    for moment in (end.at, end.announced_on):
        if moment is None:
            continue
        if isinstance(moment, dt.datetime):
            assert moment.tzinfo == zoneinfo.ZoneInfo("Asia/Shanghai")
        assert dt.date(2025, 1, 1) <= days_of(moment)[0] <= days_of(moment)[1]
        assert days_of(moment)[1] <= dt.date(2025, 1, 3)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ts.truces(bounds=["week"]), "bounds are 'day', 'instant', 'month'"),
        (lambda: ts.truces(announcements="day"), "announcements are 'day', 'instant'"),
        (lambda: ts.truces(ended=1), "ended must be True, False or None"),  # type: ignore[arg-type]
        (
            lambda: ts.truces(
                min_extensions=2,
                lapses=True,
                min_date=dt.date(2025, 1, 1),
                max_date=dt.date(2025, 1, 5),
            ),
            "too short for 3 terms with a lapse before each extension",
        ),
        (lambda: ts.agreements(parties=["CN"]), "two or more parties"),
        (lambda: ts.truce_ends(bounds=["month"]), "bounds are 'day', 'instant'"),
        (
            lambda: ts.truce_ends(min_date=dt.date(2025, 1, 1), max_date=dt.date(2025, 1, 1)),
            "too short for a truce",
        ),
    ],
)
def test_truce_strategies_refuse_bad_arguments(
    make: Callable[[], st.SearchStrategy[Any]], message: str
) -> None:
    with pytest.raises(InvalidArgument, match=message):
        make()


@given(
    ts.truces(bounds=["day"], announcements=["day"], lapses=False, open_ended=False, ended=False),
    st.integers(0, 500),
)
def test_days_remaining_count_down_to_the_deadline(truce: Truce, before: int) -> None:
    """With day deadlines, no lapse and no early end, days remaining on a day once every
    term is announced are the calendar days from it to the last deadline, and 0 on and
    after it."""
    announced = [t.announced_on for t in truce.terms if t.announced_on is not None]
    deadline = truce.terms[-1].end
    assert isinstance(deadline, PartialDate)
    end = deadline.to_date()
    start = max([bound_date(truce.terms[0].start).to_date(), *(days_of(a)[0] for a in announced)])
    as_of = max(start, end - dt.timedelta(days=before))
    assert tradetalks.truce_days_remaining(truce, as_of) == max(0, (end - as_of).days)
    after = max(start, end) + dt.timedelta(days=before)
    assert tradetalks.truce_days_remaining(truce, after) == 0


@given(ts.rounds(min_delegates=2, max_delegates=3, parties={"CN": "China", "US": "United States"}))
def test_rounds_keep_to_their_delegates(talks: Round) -> None:
    """rounds() gives rounds with as many delegates as asked, different people, each
    representing one of the given parties."""
    assert 2 <= len(talks.delegates) <= 3
    assert len({d.person.id for d in talks.delegates}) == len(talks.delegates)
    assert {d.party.name for d in talks.delegates} <= {"China", "United States"}


@given(ts.statements(modes=[Mode.INDIRECT, Mode.MIXED]))
def test_statements_keep_to_their_modes(said: Statement) -> None:
    """statements(modes=...) gives statements of those modes only."""
    assert said.mode in {Mode.INDIRECT, Mode.MIXED}


@given(ts.organizations(kinds=[OrganizationKind.UNIVERSITY]))
def test_organizations_keep_to_their_kinds(body: Organization) -> None:
    """organizations(kinds=...) gives organizations of those kinds, whose ancestors are
    never themselves."""
    assert body.kind is OrganizationKind.UNIVERSITY
    chain = [o.id for o in body.ancestry()]
    assert len(chain) == len(set(chain))


@given(ts.parties(codes=["SE", "CH"]))
def test_parties_keep_to_their_codes(side: Party) -> None:
    """parties(codes=...) gives parties with one of those codes, named in their evidence."""
    assert side.code in {"SE", "CH"}
    assert side.name in side.evidence[0].exact


# --- claims, meetings with delegates, and pairs of datasets that share records ------------------


@given(ts.claims(agreeing=True))
def test_claims_asked_to_agree_agree(claim: Claim) -> None:
    """claims(agreeing=True) gives claims that agree with their record, each naming one
    value of it and standing in its evidence."""
    assert claim.agrees(), (claim.field, claim.value, claim.recorded)
    assert claim.value in claim.evidence[0].exact
    assert claim.field in claim.evidence[0].exact


@given(ts.claims(agreeing=False))
def test_claims_asked_to_disagree_disagree(claim: Claim) -> None:
    """claims(agreeing=False) gives claims at odds with a value their record gives."""
    assert not claim.agrees(), (claim.field, claim.value, claim.recorded)
    assert claim.recorded is not None
    assert claim.value != claim.recorded


@given(
    ts.claims(about=[Round, Meeting], min_date=dt.date(2025, 1, 1), max_date=dt.date(2025, 12, 31))
)
def test_claims_keep_to_their_kinds_and_dates(claim: Claim) -> None:
    """claims(about=...) gives claims about records of those kinds only; a claimed date (a
    value that reads as one) lies in the range asked for whenever the record's own dates
    leave room in it (a round dated "2025" fills the whole range: a date at odds with it
    can only be outside), and an open or unknown end has no day to check."""
    assert isinstance(claim.about, (Round, Meeting))
    low, high = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    with contextlib.suppress(tradetalks.InvalidValueError):
        claimed = DateSpan.from_edtf(claim.value)
        recorded = DateSpan.from_edtf(claim.recorded or "")
        room = (recorded.earliest or low) > low or (recorded.latest or high) < high
        for day in (claimed.earliest, claimed.latest):
            if day is not None and (room or claim.value == claim.recorded):
                assert low <= day <= high, (claim.value, claim.recorded)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"about": [Statement]}, "a claim is about one of"),
        ({"about": []}, "about must hold one or more"),
        ({"agreeing": "yes"}, "agreeing must be True, False or None"),
        ({"min_date": dt.date(2026, 1, 1), "max_date": dt.date(2025, 1, 1)}, "is after"),
    ],
)
def test_claims_refuse_bad_arguments(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        ts.claims(**arguments).example()


def claimed_kind(claim: Claim) -> str:
    return type(claim.about).__name__


CLAIM_CASES: dict[str, Callable[[Claim], bool]] = {
    **{
        f"a claim about a {kind.__name__}": functools.partial(
            lambda kind, c: isinstance(c.about, kind), kind
        )
        for kind in (Source, Party, Organization, Person, Round, Meeting, Agreement, Truce)
    },
    "a claim by an unnamed group": lambda c: isinstance(c.claimed_by, UnnamedGroup),
    "a claim by an organization": lambda c: isinstance(c.claimed_by, Organization),
    "a claim about a term's end": lambda c: (
        c.field.startswith("terms[") and c.field.endswith("end")
    ),
    "a claim about an early end": lambda c: c.field.startswith("ended."),
    "a claim about a delegate's title": lambda c: (
        c.field.startswith("delegates[") and c.field.endswith(".title")
    ),
    "a claim about a round's dates that disagrees": lambda c: (
        isinstance(c.about, Round) and c.field == "dates" and not c.agrees()
    ),
    "a coarser date that agrees": lambda c: (
        c.field in ("dates", "made_on", "published_on")
        and c.recorded is not None
        and c.value != c.recorded
        and c.agrees()
    ),
    "the day of an instant": lambda c: (
        c.recorded is not None and "T" in c.recorded and len(c.value) == 10 and c.agrees()
    ),
    "another instant": lambda c: (
        c.recorded is not None and "T" in c.recorded and "T" in c.value and not c.agrees()
    ),
    "another text": lambda c: c.field in ("city", "name", "title") and not c.agrees(),
    "another record": lambda c: c.field.endswith("party") and not c.agrees(),
    "a value the record leaves empty": lambda c: c.recorded is None,
}


# Cases found among claims about the records they concern, to find them quickly.
CLAIM_CASES_ABOUT: dict[str, list[type[Any]]] = {
    "a claim about a term's end": [Truce],
    "a claim about an early end": [Truce],
    "the day of an instant": [Truce],
    "another instant": [Truce],
    "a claim about a delegate's title": [Round, Meeting],
    "a claim about a round's dates that disagrees": [Round],
    "another record": [Round, Meeting],
}


@pytest.mark.parametrize("case", list(CLAIM_CASES))
def test_claims_sometimes_have(case: str) -> None:
    """claims() covers every kind of record and the ways a claim agrees or disagrees."""
    strategy = ts.claims(about=CLAIM_CASES_ABOUT.get(case))
    found = find(strategy, CLAIM_CASES[case], settings=QUICK_FIND)
    assert CLAIM_CASES[case](found)


DATASET_CASES: dict[str, Callable[[Dataset], bool]] = {
    "a claim about a record of its own": lambda r: bool(r.claims),
    "a claim that conflicts": lambda r: bool(r.conflicts()),
    "a claim that agrees": lambda r: len(r.conflicts()) < len(r.claims),
    "a meeting with delegates": lambda r: any(m.delegates for m in r.meetings),
    "a summit": lambda r: any(m.kind is tradetalks.MeetingKind.SUMMIT for m in r.meetings),
}


# find() describes what it found; a dataset's description (every field of every record) is
# long, which Hypothesis warns of.
LONG_DESCRIPTIONS = pytest.mark.filterwarnings("ignore:Generating overly large repr")


@LONG_DESCRIPTIONS
@pytest.mark.parametrize("case", list(DATASET_CASES))
def test_datasets_sometimes_have(case: str) -> None:
    """datasets() holds claims about its own records and meetings with delegates."""
    found = find(ts.datasets(), DATASET_CASES[case], settings=QUICK_FIND)
    assert DATASET_CASES[case](found)


@given(ts.meetings(kinds=[tradetalks.MeetingKind.SUMMIT]))
def test_meetings_have_delegates_each_once(meeting: Meeting) -> None:
    """meetings() gives delegates of different people, each for a party, standing in their
    evidence; SUMMIT is one of the kinds."""
    assert meeting.kind is tradetalks.MeetingKind.SUMMIT
    people = [d.person.id for d in meeting.delegates]
    assert len(people) == len(set(people))
    for delegate in meeting.delegates:
        assert delegate.person.name in delegate.evidence[0].exact
        assert delegate.party.name in delegate.evidence[0].exact


def shared_ids(first: Dataset, second: Dataset) -> set[str]:
    return {r.id for name in COLLECTIONS for r in getattr(first, name)} & {
        r.id for name in COLLECTIONS for r in getattr(second, name)
    }


@settings(max_examples=100)
@given(ts.dataset_pairs())
def test_dataset_pairs_share_records_across_two_sources(pair: tuple[Dataset, Dataset]) -> None:
    """dataset_pairs() gives two valid datasets; the second's sources are its own, every
    piece of its evidence is in them, and every record it shares with the first is of the
    same kind, and the same apart from evidence and what it knows more finely."""
    first, second = pair
    with shown_if_it_fails(second):
        own = {source.id for source in second.sources}
        assert not own & {source.id for source in first.sources}
        for where, piece in every_evidence(second):
            assert piece.source.id in own, where
            assert piece.source.text[piece.start : piece.end] == piece.exact, where
        for ident in shared_ids(first, second):
            one, two = first.get(ident), second.get(ident)
            assert type(one) is type(two)
            assert not isinstance(one, (Source, tradetalks.Claim))
            for field in ("name", "kind", "title", "city", "track", "number"):
                if getattr(two, field, None) is not None:
                    assert getattr(one, field, None) in (None, getattr(two, field)), field
            codes = [[p.code for p in getattr(r, "parties", ())] for r in (one, two)]
            assert codes[0] == codes[1]


def in_another_order(first: Any, second: Any) -> bool:
    """Whether the second record lists its delegates in an order the first's does not hold."""
    if not isinstance(first, (Round, Meeting)):
        return False
    order = iter([d.person.id for d in first.delegates])
    return not all(d.person.id in order for d in second.delegates)


def refined(first: Dataset, second: Dataset, what: Callable[[Any, Any], bool]) -> bool:
    return any(what(first.get(ident), second.get(ident)) for ident in shared_ids(first, second))


PAIR_CASES: dict[str, Callable[[tuple[Dataset, Dataset]], bool]] = {
    "a shared round": lambda p: any(r.id in p[0] for r in p[1].rounds),
    "a shared truce": lambda p: any(t.id in p[0] for t in p[1].truces),
    "a shared statement": lambda p: any(s.id in p[0] for s in p[1].statements),
    "a round's month given as days": lambda p: refined(
        *p,
        lambda a, b: isinstance(a, Round) and str(a.dates) != str(b.dates),
    ),
    "a missing country given": lambda p: refined(
        *p, lambda a, b: isinstance(a, Organization) and a.country is None and b.country
    ),
    "a missing native name given": lambda p: refined(
        *p, lambda a, b: isinstance(a, Person) and a.native_name is None and b.native_name
    ),
    "fewer delegates": lambda p: refined(
        *p, lambda a, b: isinstance(a, Round) and len(a.delegates) > len(b.delegates)
    ),
    "delegates in another order": lambda p: refined(*p, in_another_order),
    "a claim in the second about a shared record": lambda p: any(
        c.about.id in p[0] for c in p[1].claims
    ),
    "a record of the second referring to a shared one": lambda p: any(
        d.person.id in p[0] for r in p[1].rounds if r.id not in p[0] for d in r.delegates
    ),
}


@LONG_DESCRIPTIONS
@pytest.mark.parametrize("case", list(PAIR_CASES))
def test_dataset_pairs_sometimes_have(case: str) -> None:
    """dataset_pairs() shares every kind of record and refines shared values."""
    found = find(ts.dataset_pairs(), PAIR_CASES[case], settings=QUICK_FIND)
    assert PAIR_CASES[case](found)


REGISTERED: list[type[Any]] = [
    PartialDate,
    DateSpan,
    ResolvedDate,
    UnnamedGroup,
    Party,
    Organization,
    Person,
    Position,
    Source,
    Evidence,
    Delegate,
    Round,
    Meeting,
    Statement,
    Agreement,
    TruceTerm,
    TruceEnd,
    Truce,
    Claim,
    Dataset,
    TimelineEntry,
]


@pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_public_types_are_registered(kind: type[Any], data: st.DataObject) -> None:
    """Importing tradetalks.strategies registers a strategy for each public record type, so
    st.from_type gives instances of it."""
    assert isinstance(data.draw(st.from_type(kind)), kind)


def test_every_public_record_type_is_registered() -> None:
    public = {
        getattr(tradetalks, name)
        for name in tradetalks.__all__
        if isinstance(getattr(tradetalks, name), type)
        and getattr(tradetalks, name).__module__.startswith("tradetalks.")
        and hasattr(getattr(tradetalks, name), "__attrs_attrs__")
    }
    assert public <= set(REGISTERED)


def test_strategies_examples_run() -> None:
    # The examples' own property tests run with few examples: here they show how the
    # strategies are used; the properties themselves are tested above.
    profile = settings.get_current_profile_name()
    settings.register_profile("docstring-examples", settings.get_profile(profile), max_examples=10)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    settings.load_profile("docstring-examples")
    try:
        for test in finder.find(ts, "tradetalks.strategies", globs=dict(vars(ts))):
            runner.run(test)
    finally:
        settings.load_profile(profile)
    results = runner.summarize(verbose=False)
    assert results.failed == 0
    assert results.attempted >= len(ts.__all__)


# --- importing ------------------------------------------------------------------------------


def test_import_tradetalks_does_not_import_hypothesis() -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import tradetalks"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "tradetalks" in modules
    assert "tradetalks.strategies" not in modules
    assert not [name for name in modules if name.split(".")[0] == "hypothesis"]


def test_strategies_without_hypothesis_name_the_extra() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import tradetalks.strategies\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'tradetalks[strategies]'" in out.stdout
