"""Record classes refuse invalid values when they are made, with errors that name the field.

The records here are built on a small source of their own, so each expected offset can be
counted by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from tradetalks import (
    Agreement,
    Dataset,
    DateSpan,
    Delegate,
    EndReason,
    Evidence,
    EvidenceMismatchError,
    InvalidValueError,
    Meeting,
    MeetingKind,
    MissingReferenceError,
    Mode,
    NaiveDatetimeError,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Person,
    Position,
    Precision,
    ResolutionRule,
    ResolvedDate,
    Role,
    Round,
    Source,
    Statement,
    Tense,
    TradetalksError,
    Truce,
    TruceEnd,
    TruceTerm,
    UnnamedGroup,
    resolve_date,
)
from tradetalks._fields import to_enum
from tradetalks.dates import to_date_span, to_day, to_partial_date
from tradetalks.fixtures import stockholm_2025

if TYPE_CHECKING:
    from collections.abc import Callable

TEXT = (
    'Ministers met in Geneva in May. "We made progress," the minister said on Tuesday. '
    "China and the US agreed a 90-day truce."
)
WIRE = Organization(id="wire", name="Example Wire", kind=OrganizationKind.OUTLET, country="GB")
SOURCE = Source(
    id="example", outlet=WIRE, published_on=dt.date(2025, 7, 30), language="en", text=TEXT
)
MINISTERS = Evidence(source=SOURCE, start=0, end=9, exact="Ministers")
GENEVA = Evidence(source=SOURCE, start=17, end=30, exact="Geneva in May")
QUOTE = Evidence(
    source=SOURCE,
    start=32,
    end=81,
    exact='"We made progress," the minister said on Tuesday.',
)
TRUCE_WORDS = Evidence(source=SOURCE, start=106, end=120, exact="a 90-day truce")
MINISTER = Person(id="minister", name="The Minister", evidence=[MINISTERS])
CHINA = Party(code="CN", name="China", evidence=[Evidence.find(SOURCE, "China")])
US = Party(code="US", name="United States", evidence=[Evidence.find(SOURCE, "US")])
TUESDAY = ResolvedDate(dt.date(2025, 7, 29), "on Tuesday", ResolutionRule.WEEKDAY)


def test_the_hand_counted_offsets_are_right() -> None:
    assert TEXT[32] == '"'
    assert TEXT.index("Geneva") == 17
    # "Ministers met in " is 17 characters; the quotation mark follows "Geneva in May. ".
    assert TEXT[32] + TEXT[80] == '".'
    assert TEXT.index("a 90-day truce") == 106


# --- what is accepted ------------------------------------------------------------------------


def test_a_direct_statement_is_the_words_between_the_marks_without_the_joining_comma() -> None:
    statement = Statement(
        id="progress",
        speakers=[MINISTER],
        mode=Mode.DIRECT,
        text="We made progress",
        said_on=TUESDAY,
        evidence=[QUOTE],
    )
    assert statement.text == TEXT[33:49]
    assert statement.speaker_names == ("The Minister",)


def test_a_round_at_month_precision() -> None:
    geneva = Round(
        id="geneva", track="talks", number=1, city="Geneva", country="CH", dates="2025-05",
        evidence=[GENEVA],
    )  # fmt: skip
    assert geneva.dates == DateSpan.from_edtf("2025-05")
    assert dt.date(2025, 5, 31) in geneva.dates
    assert dt.date(2025, 6, 1) not in geneva.dates


def test_lists_are_kept_as_tuples() -> None:
    person = Person(id="minister", name="The Minister", evidence=[MINISTERS])
    assert person.evidence == (MINISTERS,)
    assert hash(person) == hash(MINISTER)
    assert person == MINISTER


# --- what is refused, and how ------------------------------------------------------------------


def round_dated(dates: object) -> Round:
    return Round(
        id="geneva", track="talks", city="Geneva", country="CH", dates=dates,  # type: ignore[arg-type]
        evidence=[GENEVA],
    )  # fmt: skip


@pytest.mark.parametrize("dates", ["2025-07-29/2025-07-28", "2025-06/2025-05"])
def test_a_round_that_ends_before_it_starts(dates: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        round_dated(dates)
    error = caught.value
    assert error.where == "dates"
    assert str(error) == f"dates: the span {dates} ends before it starts"


def test_a_span_that_ends_before_it_starts_cannot_be_made_at_all() -> None:
    with pytest.raises(InvalidValueError, match="ends before it starts"):
        DateSpan(dt.date(2025, 7, 29), dt.date(2025, 7, 28))


def test_a_round_needs_dates_it_can_read() -> None:
    with pytest.raises(InvalidValueError) as caught:
        round_dated("May 2025")
    assert caught.value.where == "dates"
    assert "not an EDTF date: 'May 2025'" in str(caught.value)


# --- open and unknown ends of dates ------------------------------------------------------------


@pytest.mark.parametrize("dates", ["2025-07-28/", "/2025-07-29", "2025-07/"])
def test_a_round_whose_start_or_end_is_not_given(dates: str) -> None:
    # "The talks began on Monday" or "ended on Tuesday", and nothing more.
    assert str(round_dated(dates).dates) == dates


@pytest.mark.parametrize(
    ("dates", "unknown"),
    [("2025-07-28/..", "2025-07-28/"), ("../2025-07-29", "/2025-07-29")],
)
def test_a_round_with_an_open_end_is_refused(dates: str, unknown: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        round_dated(dates)
    assert caught.value.where == "dates"
    assert str(caught.value) == (
        f"dates: {dates} is open ('..': without limit), which a round of talks cannot be; "
        f"an end the source does not give is unknown, written as nothing: {unknown}"
    )


def meeting_dated(dates: object) -> Meeting:
    return Meeting(
        id="call", kind=MeetingKind.PHONE_CALL, description="a call", participants=[MINISTER],
        dates=dates, evidence=[MINISTERS],  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_meeting_whose_end_is_not_given_but_never_open() -> None:
    assert str(meeting_dated("2025-07-30/").dates) == "2025-07-30/"
    assert meeting_dated(None).dates is None
    with pytest.raises(InvalidValueError) as caught:
        meeting_dated("2025-07-30/..")
    assert caught.value.where == "dates"
    assert "which a meeting cannot be" in str(caught.value)
    assert str(caught.value).endswith("written as nothing: 2025-07-30/")


@pytest.mark.parametrize("valid", ["2025-03/..", "../2025-05", "2025-03/", "/2025-05"])
def test_a_position_held_until_further_notice_or_from_a_day_not_given(valid: str) -> None:
    position = Position(
        id="minister-title", person=MINISTER, title="Minister", valid=valid, evidence=[MINISTERS]
    )
    assert position.valid == DateSpan.from_edtf(valid)
    assert str(position.valid) == valid


def test_a_position_with_no_date_at_either_end_names_the_field() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Position(id="p", person=MINISTER, title="Minister", valid="../..", evidence=[MINISTERS])
    assert caught.value.where == "valid"
    assert str(caught.value).startswith("valid: the span ../.. has no date at either end")


def statement(**changes: object) -> Statement:
    fields: dict[str, object] = {
        "id": "progress",
        "speakers": [MINISTER],
        "mode": Mode.DIRECT,
        "text": "We made progress",
        "evidence": [QUOTE],
    }
    fields.update(changes)
    return Statement(**fields)  # type: ignore[arg-type]


def test_a_statement_with_no_speaker() -> None:
    with pytest.raises(InvalidValueError) as caught:
        statement(speakers=[])
    assert caught.value.where == "speakers"
    assert str(caught.value) == "speakers: needs at least one item"


def test_a_speaker_given_by_id_instead_of_a_record() -> None:
    with pytest.raises(InvalidValueError) as caught:
        statement(speakers=["minister"])
    assert caught.value.where == "speakers[0]"
    assert "not str" in str(caught.value)


def test_an_unnamed_group_can_speak() -> None:
    said = statement(speakers=[UnnamedGroup("the ministers")])
    assert said.speaker_names == ("the ministers",)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("We made progress,", "leave the comma out"),
        ('"We made progress,"', "without the marks"),
        ("We made", "not what its evidence quotes"),
        ("the minister said", "not what its evidence quotes"),
        ("We made great progress", "not within the statement's evidence"),
    ],
)
def test_a_direct_statement_whose_text_is_not_what_its_evidence_quotes(text: str, why: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        statement(text=text)
    assert caught.value.where == "text"
    assert why in str(caught.value)


def test_reported_speech_with_a_quoted_fragment_is_mixed() -> None:
    with pytest.raises(InvalidValueError, match=r"Mode\.MIXED") as caught:
        statement(mode=Mode.INDIRECT, text='"We made progress,"')
    assert caught.value.where == "text"
    mixed = statement(mode=Mode.MIXED, text='"We made progress,"')
    assert mixed.mode is Mode.MIXED
    with pytest.raises(InvalidValueError, match="quoted fragment") as caught:
        statement(mode=Mode.MIXED, text="We made progress")
    assert caught.value.where == "text"


@pytest.mark.parametrize("mark", ['"', "\u201c", "\u201d"])
def test_reported_speech_holding_any_quotation_mark_is_mixed(mark: str) -> None:
    text = f"the talks were {mark}useful{mark}"
    source = Source(
        id="marks",
        outlet=WIRE,
        published_on=dt.date(2025, 7, 30),
        language="en",
        text=f"He said {text}.",
    )
    evidence = Evidence.find(source, f"He said {text}.")
    with pytest.raises(InvalidValueError, match=r"Mode\.MIXED"):
        Statement(id="s", speakers=[MINISTER], mode=Mode.INDIRECT, text=text, evidence=[evidence])
    mixed = Statement(id="s", speakers=[MINISTER], mode=Mode.MIXED, text=text, evidence=[evidence])
    assert mixed.text == text


def test_an_audience_must_stand_in_the_evidence() -> None:
    with pytest.raises(InvalidValueError) as caught:
        statement(audience="told reporters")
    assert caught.value.where == "audience"


def test_evidence_whose_exact_does_not_match() -> None:
    with pytest.raises(EvidenceMismatchError) as caught:
        Evidence(source=SOURCE, start=17, end=30, exact="London in June")
    message = str(caught.value)
    assert "17:30" in message
    assert "'Geneva in May'" in message
    assert "'London in June'" in message


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (9, 0), (-9, 0), (len(TEXT) - 3, len(TEXT) + 1)],
)
def test_evidence_offsets_that_are_not_a_span_of_the_text(start: int, end: int) -> None:
    with pytest.raises(EvidenceMismatchError) as caught:
        Evidence(source=SOURCE, start=start, end=end, exact="Ministers")
    assert f"{start}:{end}" in str(caught.value)
    assert f"{len(TEXT)} characters" in str(caught.value)


def test_evidence_offsets_are_whole_numbers() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Evidence(source=SOURCE, start=0.0, end=9, exact="Ministers")  # type: ignore[arg-type]
    assert caught.value.where == "start"
    with pytest.raises(InvalidValueError) as caught:
        Evidence(source=SOURCE, start=True, end=9, exact="Ministers")
    assert caught.value.where == "start"


def test_evidence_needs_a_source_record() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Evidence(source="example", start=0, end=9, exact="Ministers")  # type: ignore[arg-type]
    assert caught.value.where == "source"


def term(start: object, end: object, **changes: object) -> TruceTerm:
    return TruceTerm(start=start, end=end, evidence=[TRUCE_WORDS], **changes)  # type: ignore[arg-type]


def test_a_truce_term_of_zero_days() -> None:
    with pytest.raises(InvalidValueError) as caught:
        term("2025-08-12", "2025-08-12")
    assert caught.value.where == "end"
    assert str(caught.value) == "end: the term 2025-08-12 to 2025-08-12 lasts zero days"


def test_a_truce_term_that_ends_before_it_starts() -> None:
    with pytest.raises(InvalidValueError) as caught:
        term("2025-08-12", "2025-05-14")
    assert caught.value.where == "end"
    assert "ends before it starts" in str(caught.value)


def test_a_truce_term_between_equal_instants() -> None:
    new_york = ZoneInfo("America/New_York")
    midnight = dt.datetime(2025, 8, 12, 0, 1, tzinfo=new_york)
    with pytest.raises(InvalidValueError) as caught:
        term(midnight, midnight)
    assert caught.value.where == "end"
    # The same instant written in another zone is still the same instant.
    with pytest.raises(InvalidValueError):
        term(midnight, midnight.astimezone(ZoneInfo("Asia/Shanghai")))


def test_a_truce_term_of_one_day_is_accepted() -> None:
    assert term("2025-08-11", "2025-08-12").days == 1


def test_a_truce_term_with_a_naive_datetime() -> None:
    with pytest.raises(NaiveDatetimeError, match="naive"):
        term(dt.datetime(2025, 5, 14), "2025-08-12")  # noqa: DTZ001 - the naive value is the test


def test_a_truce_term_with_neither_evidence_nor_derivation() -> None:
    with pytest.raises(InvalidValueError) as caught:
        TruceTerm(start="2025-05-14", end="2025-08-12")
    assert caught.value.where == "evidence"
    derived = TruceTerm(start="2025-05-14", end="2025-08-12", derivation="90 days to the end")
    assert derived.days == 90


def test_a_truce_needs_two_different_parties() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Truce(
            id="truce", parties=[CHINA, CHINA], suspended="tariffs",
            terms=[term("2025-05-14", "2025-08-12")], evidence=[TRUCE_WORDS],
        )  # fmt: skip
    assert caught.value.where == "parties"


@pytest.mark.parametrize("ident", ["", "bad id", "-minister", "minister/2", "x" * 129, 7, None])
def test_bad_ids(ident: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Person(id=ident, name="The Minister", evidence=[MINISTERS])  # type: ignore[arg-type]
    assert caught.value.where == "id"
    assert "is not a valid id" in str(caught.value)


@pytest.mark.parametrize("country", ["se", "SWE", "S", "Sweden", "", 46])
def test_bad_country_codes(country: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Round(
            id="stockholm", track="talks", city="Stockholm", country=country,  # type: ignore[arg-type]
            dates="2025-07-28/2025-07-29", evidence=[GENEVA],
        )  # fmt: skip
    assert caught.value.where == "country"
    assert "ISO 3166-1 alpha-2" in str(caught.value)


@pytest.mark.parametrize("code", ["cn", "C", "", "C N", None])
def test_bad_party_codes(code: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Party(code=code, name="China", evidence=[MINISTERS])  # type: ignore[arg-type]
    assert caught.value.where == "code"


def test_a_bloc_has_a_code_of_its_own() -> None:
    assert Party(code="EU", name="European Union", evidence=[MINISTERS]).id == "EU"


def test_a_record_needs_evidence() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Person(id="minister", name="The Minister", evidence=[])
    assert caught.value.where == "evidence"


def test_a_round_number_starts_at_one() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Round(
            id="geneva", track="talks", number=0, city="Geneva", country="CH", dates="2025-05",
            evidence=[GENEVA],
        )  # fmt: skip
    assert caught.value.where == "number"


def test_a_person_is_a_delegate_once_per_round() -> None:
    delegate = Delegate(
        person=MINISTER, party=CHINA, role=Role.LEAD, title="Minister", evidence=[MINISTERS]
    )
    with pytest.raises(InvalidValueError) as caught:
        Round(
            id="geneva", track="talks", city="Geneva", country="CH", dates="2025-05",
            delegates=[delegate, attrs.evolve(delegate, role=Role.MEMBER)], evidence=[GENEVA],
        )  # fmt: skip
    assert caught.value.where == "delegates[1]"


def test_an_organization_whose_ancestor_has_its_id_is_refused_by_its_dataset() -> None:
    school = Organization(id="school", name="School", kind=OrganizationKind.ACADEMIC_UNIT)
    department = Organization(
        id="department", name="Department", kind=OrganizationKind.ACADEMIC_UNIT, parent=school
    )
    # A record can only name a parent made before it, so a chain never loops; an ancestor
    # that shares an id is another record, which the dataset holding them refuses.
    looped = attrs.evolve(school, parent=department)
    with pytest.raises(MissingReferenceError) as caught:
        Dataset(organizations=[looped, department])
    assert caught.value.where == "organizations[1].parent"


def test_a_long_chain_of_parents_compares_hashes_and_prints_without_recursing() -> None:
    parent = None
    for index in range(5_000):  # deeper than Python's recursion limit
        parent = Organization(
            id=f"unit-{index}", name="Unit", kind=OrganizationKind.OTHER, parent=parent
        )
    assert parent is not None
    copy = attrs.evolve(parent)
    assert copy == parent
    assert hash(copy) == hash(parent)
    assert repr(parent).endswith("parent='unit-4998', evidence=())")
    other_parent = Organization(id="elsewhere", name="Unit", kind=OrganizationKind.OTHER)
    assert copy != attrs.evolve(parent, parent=other_parent)


def test_organizations_compare_their_parents_by_id_and_a_dataset_checks_the_parent() -> None:
    school = Organization(id="school", name="School", kind=OrganizationKind.ACADEMIC_UNIT)
    renamed = attrs.evolve(school, name="Another School")
    department = Organization(
        id="department", name="Department", kind=OrganizationKind.ACADEMIC_UNIT, parent=school
    )
    elsewhere = attrs.evolve(department, parent=renamed)
    assert elsewhere == department  # the same parent id: a reference on disk is an id
    with pytest.raises(MissingReferenceError) as caught:
        Dataset(organizations=[school, elsewhere])  # its parent is not the dataset's "school"
    assert caught.value.where == "organizations[1].parent"


def test_a_meeting_needs_participants() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Meeting(
            id="call", kind=MeetingKind.PHONE_CALL, description="a call", participants=[],
            evidence=[MINISTERS],
        )  # fmt: skip
    assert caught.value.where == "participants"


def test_a_date_from_context_has_no_words_and_is_uncertain() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ResolvedDate("2025-07-29", None, ResolutionRule.CONTEXT)
    assert caught.value.where == "value"
    assert "2025-07-29?" in str(caught.value)
    with pytest.raises(InvalidValueError) as caught:
        ResolvedDate("2025-07-29", None, ResolutionRule.WEEKDAY)
    assert caught.value.where == "words"


# Every invalid value is a TradetalksError and a ValueError, never a TypeError or
# AttributeError from inside, whatever the wrong value is.
WRONG: list[tuple[str, Callable[[], object]]] = [
    ("source text", lambda: attrs.evolve(SOURCE, text="")),
    ("source month as text", lambda: attrs.evolve(SOURCE, published_on="2025-07")),
    ("source datetime", lambda: attrs.evolve(SOURCE, published_on=dt.datetime(2025, 7, 30))),  # noqa: DTZ001
    ("language", lambda: attrs.evolve(SOURCE, language="English")),
    ("outlet id", lambda: attrs.evolve(SOURCE, outlet="wire")),  # type: ignore[arg-type]
    ("evidence as text", lambda: Person(id="x", name="X", evidence="Ministers")),
    ("evidence None", lambda: Person(id="x", name="X", evidence=None)),  # type: ignore[arg-type]
    ("evidence of text", lambda: Person(id="x", name="X", evidence=["Ministers"])),
    ("name None", lambda: Person(id="x", name=None, evidence=[MINISTERS])),  # type: ignore[arg-type]
    ("name blank", lambda: Person(id="x", name="  ", evidence=[MINISTERS])),
    ("name padded", lambda: Person(id="x", name=" X", evidence=[MINISTERS])),
    ("identifiers", lambda: Person(id="x", name="X", identifiers=["Q1"], evidence=[MINISTERS])),  # type: ignore[arg-type]
    ("kind unknown text", lambda: Organization(id="x", name="X", kind="newspaper")),
    ("position person", lambda: Position(id="p", person="minister", title="M", evidence=[MINISTERS])),  # type: ignore[arg-type]
    ("delegate party", lambda: Delegate(person=MINISTER, party="CN", role=Role.LEAD, title="M", evidence=[MINISTERS])),  # type: ignore[arg-type]
    ("delegate role", lambda: Delegate(person=MINISTER, party=CHINA, role="head", title="M", evidence=[MINISTERS])),
    ("round dates None", lambda: round_dated(None)),
    ("round dates number", lambda: round_dated(2025)),
    ("speakers as text", lambda: statement(speakers="minister")),
    ("mode unknown text", lambda: statement(mode="quoted")),
    ("mode of another kind", lambda: statement(mode=Role.LEAD)),
    ("said_on as text", lambda: statement(said_on="on Tuesday")),
    ("text None", lambda: statement(text=None)),
    ("said_on a date", lambda: statement(said_on=dt.date(2025, 7, 29))),
    ("occasion id", lambda: statement(occasion="geneva")),
    ("reported_by id", lambda: statement(reported_by=["wire"])),
    ("term start None", lambda: term(None, "2025-08-12")),
    ("term end number", lambda: term("2025-05-14", 20250812)),
    ("term instant with fixed offset", lambda: term(dt.datetime(2025, 5, 14, tzinfo=dt.UTC), "2025-08-12")),
    ("truce terms None", lambda: Truce(id="t", parties=[CHINA, US], suspended="tariffs", terms=None, evidence=[TRUCE_WORDS])),  # type: ignore[arg-type]
    ("truce of no terms", lambda: Truce(id="t", parties=[CHINA, US], suspended="tariffs", terms=[], evidence=[TRUCE_WORDS])),
    ("unnamed group", lambda: UnnamedGroup("")),
]  # fmt: skip


@pytest.mark.parametrize("make", [make for _, make in WRONG], ids=[label for label, _ in WRONG])
def test_every_invalid_value_is_a_tradetalks_value_error(make: Callable[[], object]) -> None:
    with pytest.raises(TradetalksError) as caught:
        make()
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, InvalidValueError)
    assert str(caught.value)


def test_text_that_utf8_cannot_encode_is_refused() -> None:
    article = stockholm_2025().sources[0]
    quote = Evidence.find(article, "He Lifeng", occurrence=1)
    with pytest.raises(InvalidValueError, match=r"name: 'He \\ud800' is not valid Unicode text"):
        Person(id="he", name="He \ud800", evidence=[quote])


def test_date_words_that_contradict_the_date_are_refused() -> None:
    record = stockholm_2025()
    first = record.statements[0]  # "said in Stockholm on Tuesday": 2025-07-29
    assert first.said_on is not None
    wrong_day = ResolvedDate("2025-07-28", "on Tuesday", ResolutionRule.WEEKDAY)
    with pytest.raises(InvalidValueError, match="said_on: 'on Tuesday' read against the dateline"):
        attrs.evolve(first, said_on=wrong_day)
    absent = ResolvedDate("2025-07-27", "on Sunday", ResolutionRule.WEEKDAY)
    with pytest.raises(
        InvalidValueError, match=r"said_on\.words: the date words 'on Sunday' are not"
    ):
        attrs.evolve(first, said_on=absent)


# --- hostile sizes: every check takes time linear in what it reads ----------------------------
# Each input below is sized so that a check quadratic in it would run for minutes (a few
# hundred thousand characters, squared); the bound only tells linear from quadratic.
LINEAR_BOUND_SECONDS = 5.0


def _overlapping_source(text: str) -> Source:
    return Source(id="s", outlet=WIRE, published_on=dt.date(2025, 7, 30), language="en", text=text)


def test_find_counts_overlapping_occurrences() -> None:
    source = _overlapping_source("no no no")
    assert Evidence.find(source, "no no", occurrence=2).start == 3
    with pytest.raises(EvidenceMismatchError, match="more than once"):
        Evidence.find(source, "no no")
    with pytest.raises(EvidenceMismatchError, match="occurs 2 times in 's', not 3"):
        Evidence.find(source, "no no", occurrence=3)


def test_a_direct_quote_that_recurs_at_every_position_is_checked_in_linear_time() -> None:
    import time  # noqa: PLC0415

    words = "a" * 30_000
    text = '"' + "a" * 300_000 + '," said the minister.'
    source = _overlapping_source(text)
    passage = Evidence(source=source, start=0, end=len(text), exact=text)
    started = time.perf_counter()
    with pytest.raises(InvalidValueError, match="not what its evidence quotes"):
        Statement(id="s1", speakers=[MINISTER], mode=Mode.DIRECT, text=words, evidence=[passage])
    assert time.perf_counter() - started < LINEAR_BOUND_SECONDS


def test_a_round_number_has_an_upper_bound() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Round(id="r", track="t", number=10**5000, city="Geneva", dates="2025-05", evidence=[GENEVA])
    assert caught.value.where == "number"
    assert len(str(caught.value)) < 200
    accepted = Round(
        id="r", track="t", number=1_000_000, city="Geneva", dates="2025-05", evidence=[GENEVA]
    )
    assert accepted.number == 1_000_000


def test_an_occurrence_counts_from_one() -> None:
    source = _overlapping_source("no no no")
    with pytest.raises(InvalidValueError) as caught:
        Evidence.find(source, "no", occurrence=0)
    assert caught.value.where == "occurrence"


def test_a_piece_of_evidence_is_checked_without_copying_its_span() -> None:
    text = "W" + "x" * 2_000_000
    source = _overlapping_source(text)
    with pytest.raises(EvidenceMismatchError) as caught:
        Evidence(source=source, start=1, end=len(text), exact="b")
    assert str(caught.value).startswith("text at 1:2000001 is 'xxxx")
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("name", ["com0.txt", "LPT0", "data/com0"])
def test_every_windows_device_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidValueError):
        attrs.evolve(SOURCE, text_file=name)


def test_a_bound_takes_rfc_3339s_lower_case_t() -> None:
    term = TruceTerm(
        start="2025-05-14t00:01:00-04:00[America/New_York]",
        end="2025-08-12T00:01:00-04:00[America/New_York]",
        derivation="an example",
    )
    assert term.days == 90


# --- a newcomer's first hour: each value in its obvious forms, or a message saying what to pass


def test_a_source_takes_its_dateline_as_iso_day_text_a_date_or_a_day() -> None:
    as_text = attrs.evolve(SOURCE, published_on="2025-07-30")
    as_day = attrs.evolve(SOURCE, published_on=PartialDate(2025, 7, 30))
    assert as_text.published_on == as_day.published_on == dt.date(2025, 7, 30)
    assert as_text == SOURCE


@pytest.mark.parametrize(
    ("published_on", "message"),
    [
        (
            "2025-07",
            (
                "published_on: a full day is needed (YYYY-MM-DD text or a datetime.date), "
                "not the month 2025-07"
            ),
        ),
        (
            PartialDate(2025),
            (
                "published_on: a full day is needed (YYYY-MM-DD text or a datetime.date), "
                "not the year 2025"
            ),
        ),
        (
            "2025-07-30?",
            (
                "published_on: a day as stated is needed, not 2025-07-30? (uncertain or "
                "approximate): give 2025-07-30"
            ),
        ),
        (
            "30 July 2025",
            (
                "published_on: expected a day as YYYY-MM-DD text or a datetime.date, "
                "not '30 July 2025'"
            ),
        ),
        ("2025-02-30", "published_on: invalid date '2025-02-30': day must be 1 to 28, not 30"),
        (
            20250730,
            "published_on: expected a datetime.date or a day as YYYY-MM-DD text, not int",
        ),
        (
            dt.datetime(2025, 7, 30, 9, tzinfo=dt.UTC),
            (
                "published_on: expected a date, not the datetime 2025-07-30T09:00:00+00:00: "
                "take its .date() in the zone the day is counted in"
            ),
        ),
    ],
)
def test_a_dateline_that_is_not_a_full_day_is_refused_saying_so(
    published_on: Any, message: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(SOURCE, published_on=published_on)
    assert caught.value.where == "published_on"
    assert str(caught.value) == message


# Each enumeration field takes its member or the member's value as text; the values listed
# in each message are written out here from the enumerations' definitions.
ENUM_FIELDS: list[tuple[str, Callable[[Any], object], str, object, str]] = [
    (
        "statement mode",
        lambda mode: statement(mode=mode).mode,
        "direct",
        Mode.DIRECT,
        "mode: expected a Mode or one of 'direct', 'indirect', 'mixed'",
    ),
    (
        "delegate role",
        lambda role: Delegate(person=MINISTER, party=CHINA, role=role, title="M", evidence=[MINISTERS]).role,
        "member",
        Role.MEMBER,
        "role: expected a Role or one of 'lead', 'member'",
    ),
    (
        "meeting kind",
        lambda kind: Meeting(id="m", kind=kind, description="a call", participants=[MINISTER], evidence=[MINISTERS]).kind,
        "phone_call",
        MeetingKind.PHONE_CALL,
        ("kind: expected a MeetingKind or one of 'meeting', 'summit', 'phone_call', "
        "'video_call', 'other'"),
    ),
    (
        "organization kind",
        lambda kind: Organization(id="o", name="O", kind=kind).kind,
        "business_council",
        OrganizationKind.BUSINESS_COUNCIL,
        ("kind: expected an OrganizationKind or one of 'outlet', 'ministry', "
        "'government_office', 'legislature', 'political_party', 'company', "
        "'business_council', 'university', 'academic_unit', 'research_institute', 'other'"),
    ),
    (
        "resolution rule",
        lambda rule: ResolvedDate("2025-07-29", "on Tuesday", rule).rule,
        "weekday",
        ResolutionRule.WEEKDAY,
        ("rule: expected a ResolutionRule or one of 'stated', 'weekday', 'today', "
        "'yesterday', 'tomorrow', 'month_day', 'month', 'context'"),
    ),
    (
        "tense",
        lambda tense: ResolvedDate("2025-08-04", "on Monday", "weekday", tense).tense,
        "future",
        Tense.FUTURE,
        "tense: expected a Tense or one of 'past', 'future'",
    ),
    (
        "end reason",
        lambda reason: TruceEnd(at="2026-02-20", reason=reason, derivation="a ruling").reason,
        "superseded",
        EndReason.SUPERSEDED,
        "reason: expected an EndReason or one of 'terminated', 'superseded', 'moot'",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "text", "member"),
    [(make, text, member) for _, make, text, member, _ in ENUM_FIELDS],
    ids=[label for label, *_ in ENUM_FIELDS],
)
def test_an_enumeration_field_takes_its_value_as_text(
    make: Callable[[object], object], text: str, member: object
) -> None:
    assert make(text) is member
    assert make(member) is member


@pytest.mark.parametrize(
    ("make", "listed"),
    [(make, listed) for _, make, _, _, listed in ENUM_FIELDS],
    ids=[label for label, *_ in ENUM_FIELDS],
)
@pytest.mark.parametrize(
    ("wrong", "shown"), [("Direct ", "'Direct '"), (2, "2"), (Precision.DAY, "<Precision.DAY: 3>")]
)
def test_other_text_for_an_enumeration_is_refused_with_its_values(
    make: Callable[[object], object], listed: str, wrong: object, shown: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        make(wrong)
    assert str(caught.value) == f"{listed}, not {shown}"
    assert caught.value.where == listed.split(":", 1)[0]


def test_said_on_given_a_date_points_to_resolve_date() -> None:
    with pytest.raises(InvalidValueError) as caught:
        statement(said_on=dt.date(2025, 7, 29))
    assert caught.value.where == "said_on"
    assert str(caught.value) == (
        "said_on: expected a ResolvedDate, not the date 2025-07-29: make one from the "
        'source\'s date words with tradetalks.resolve_date("on Tuesday", dateline), or, '
        "for a date the words do not give, taken from the account around it, "
        'ResolvedDate("2025-07-29?", None, ResolutionRule.CONTEXT)'
    )


def test_said_on_given_the_words_points_to_resolve_date_with_them() -> None:
    with pytest.raises(InvalidValueError) as caught:
        statement(said_on="on Tuesday")
    assert str(caught.value) == (
        "said_on: expected a ResolvedDate, not the text 'on Tuesday': make one with "
        "tradetalks.resolve_date('on Tuesday', dateline), the dateline being the source's "
        "published_on; it keeps the words and the rule that read them"
    )
    # Doing what it says works: the article's dateline is Wednesday 2025-07-30.
    said = statement(said_on=resolve_date("on Tuesday", SOURCE.published_on))
    assert said.said_on == TUESDAY


def test_a_statement_made_as_a_newcomer_writes_it() -> None:
    written = Statement(
        id="progress",
        speakers=[MINISTER],
        mode="direct",
        text="We made progress",
        said_on=resolve_date("on Tuesday", dt.date(2025, 7, 30)),
        evidence=[QUOTE],
    )
    assert written == statement(said_on=TUESDAY)


def test_dates_of_rounds_meetings_and_positions_take_every_form_of_a_span() -> None:
    talks = DateSpan.from_edtf("2025-07-28/2025-07-29")
    for dates in (
        (dt.date(2025, 7, 28), dt.date(2025, 7, 29)),
        [dt.date(2025, 7, 28), "2025-07-29"],
        (PartialDate(2025, 7, 28), PartialDate(2025, 7, 29)),
        "2025-07-28/2025-07-29",
        talks,
    ):
        assert round_dated(dates).dates == talks
        assert meeting_dated(dates).dates == talks
    assert round_dated(dt.date(2025, 5, 14)).dates == DateSpan.from_edtf("2025-05-14")
    assert round_dated(PartialDate(2025, 5)).dates == DateSpan.from_edtf("2025-05")
    held = Position(
        id="p", person=MINISTER, title="Minister", valid=("2025-03", ".."), evidence=[MINISTERS]
    )
    assert str(held.valid) == "2025-03/.."


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            2025,
            (
                "dates: expected a DateSpan, EDTF text such as '2025-07-28/2025-07-29', one date "
                "(a PartialDate or a datetime.date) or a (start, end) pair, not int"
            ),
        ),
        (
            ("2025-07-28", "2025-07-29", "2025-07-30"),
            (
                "dates: expected a DateSpan, EDTF text such as '2025-07-28/2025-07-29', one date "
                "(a PartialDate or a datetime.date) or a (start, end) pair, not a list of 3"
            ),
        ),
        (
            ("2025-07-28", None),
            (
                "dates: an end of a span is a date (a PartialDate, a datetime.date or EDTF text), "
                "SpanEnd.OPEN ('..') or SpanEnd.UNKNOWN (''), not None: say which of the two it is"
            ),
        ),
        (
            dt.datetime(2025, 7, 28, tzinfo=dt.UTC),
            (
                "dates: expected a date, not the datetime 2025-07-28T00:00:00+00:00: take its "
                ".date() in the zone the day is counted in"
            ),
        ),
    ],
)
def test_dates_in_no_form_of_a_span_are_refused_saying_what_to_pass(
    dates: object, message: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        round_dated(dates)
    assert str(caught.value) == message


def test_an_agreement_and_a_truce_take_dates_in_every_form() -> None:
    made = [
        Agreement(
            id="a", title="A joint statement", parties=[CHINA, US], made_on=made_on,
            derivation="the statement",
        ).made_on
        for made_on in (dt.date(2025, 5, 12), "2025-05-12", PartialDate(2025, 5, 12))
    ]  # fmt: skip
    assert made == [PartialDate(2025, 5, 12)] * 3
    # 2025-05-14 + 90 days: 17 left in May, 30 in June, 31 in July, 12 in August.
    for start in (dt.date(2025, 5, 14), "2025-05-14", PartialDate(2025, 5, 14)):
        assert term(start, dt.date(2025, 8, 12)).days == 90
    ended = TruceEnd(at=dt.date(2026, 2, 20), reason="moot", derivation="a ruling")
    assert ended.at == PartialDate(2026, 2, 20)


def test_an_agreement_date_in_no_form_is_refused_saying_what_to_pass() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Agreement(
            id="a", title="A joint statement", parties=[CHINA, US], made_on=20250512,  # type: ignore[arg-type]
            derivation="the statement",
        )  # fmt: skip
    assert str(caught.value) == (
        "made_on: expected a PartialDate, a datetime.date or EDTF text such as '2025-05-12' "
        "or '2025-05', not int"
    )


def test_a_converter_given_the_right_type_returns_it_as_it_is() -> None:
    # What a load passes goes through untouched: the same object, not a copy.
    day, partial, span = dt.date(2025, 7, 30), PartialDate(2025, 5), DateSpan.from_edtf("2025-05")
    assert to_day(day) is day
    assert to_partial_date(partial) is partial
    assert to_date_span(span) is span
    assert to_enum(Mode, Mode.MIXED) is Mode.MIXED
