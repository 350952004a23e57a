"""Dataset integrity (unique ids, references that resolve) and the queries it answers.

Integrity is tested on small datasets built here; the queries on the shipped Stockholm
dataset, with counts worked out from the article by hand:

* statements (one per verb of saying, 25 in all): He Lifeng 2, Guo Jiakun 2, Chinese
  experts 2, Zhou Mi 3, Xinhua 1, Scott Bessent 4 (two of them with Jamieson Greer),
  Bao Jianyun 4, the Ministry of Commerce 1, Wang Wentao 3, Rajesh Subramaniam 3;
* dated by the article's words or its account: on Tuesday 29 July, He Lifeng's 2 and
  Bessent's oil claim; on Wednesday 30 July, Guo 2, Zhou 3, Bao 4, Wang 3, Subramaniam 3
  (15); the other 7 carry no date (the Chinese experts, Xinhua, Bessent and Greer to
  reporters, "according to the US media", the MOFCOM statement);
* at the Wang Wentao meeting: MOFCOM 1, Wang 3, Subramaniam 3 (7); about the presidents'
  call: Xinhua's note (1); the rest (17) about the Stockholm round;
* Scott Bessent's 4, in the article's order: with Greer "constructive" and an extension
  "likely" (one sentence, two statements), "very productive" (according to the US media), and
  the Russian oil warning "on Tuesday" (Reuters); only the last is dated;
* the 7 undated statements, in the article's order: the experts' 2, Xinhua's note on the
  call, Bessent and Greer's 2, Bessent's "very productive", the MOFCOM statement. The
  presidents' phone call is the one meeting with no date.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import TypeVar

import attrs
import pytest

from tradetalks import (
    Dataset,
    Delegate,
    Evidence,
    InvalidValueError,
    Meeting,
    MissingReferenceError,
    Mode,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Person,
    Position,
    ResolutionRule,
    ResolvedDate,
    Role,
    Round,
    Source,
    Statement,
    TimelineEvent,
    Truce,
    TruceTerm,
    UnnamedGroup,
)
from tradetalks.fixtures import stockholm_2025

TEXT = "Ana Li of Northland met Bo Chen of Southland in Oslo in March. Li said talks went well."
WIRE = Organization(id="wire", name="Example Wire", kind=OrganizationKind.OUTLET)
SOURCE = Source(
    id="example", outlet=WIRE, published_on=dt.date(2025, 4, 1), language="en", text=TEXT
)


def find(words: str) -> Evidence:
    return Evidence.find(SOURCE, words)


ANA = Person(id="ana-li", name="Ana Li", evidence=[find("Ana Li")])
BO = Person(id="bo-chen", name="Bo Chen", evidence=[find("Bo Chen")])
NORTH = Party(code="NL", name="Northland", evidence=[find("Northland")])
SOUTH = Party(code="SL", name="Southland", evidence=[find("Southland")])
OSLO = Round(
    id="oslo", track="talks", number=1, city="Oslo", country="NO", dates="2025-03",
    delegates=[
        Delegate(person=ANA, party=NORTH, role=Role.LEAD, title="minister",
                 evidence=[find("Ana Li of Northland")]),
        Delegate(person=BO, party=SOUTH, role=Role.LEAD, title="minister",
                 evidence=[find("Bo Chen of Southland")]),
    ],
    evidence=[find("in Oslo in March")],
)  # fmt: skip
WENT_WELL = Statement(
    id="went-well",
    speakers=[ANA],
    mode=Mode.INDIRECT,
    text="talks went well",
    occasion=OSLO,
    evidence=[find("Li said talks went well.")],
)


def small(**changes: object) -> Dataset:
    collections: dict[str, object] = {
        "sources": [SOURCE],
        "parties": [NORTH, SOUTH],
        "organizations": [WIRE],
        "people": [ANA, BO],
        "rounds": [OSLO],
        "statements": [WENT_WELL],
    }
    collections.update(changes)
    return Dataset(**collections)  # type: ignore[arg-type]


# --- integrity ------------------------------------------------------------------------------


def test_a_complete_small_dataset_is_accepted() -> None:
    record = small()
    assert record.get("went-well", Statement) is WENT_WELL
    assert record.statements_by(ANA) == (WENT_WELL,)
    assert record.statements_at("oslo") == (WENT_WELL,)


def test_a_duplicate_id_in_one_collection() -> None:
    with pytest.raises(InvalidValueError) as caught:
        small(people=[ANA, BO, attrs.evolve(ANA, name="Ana Lee")])
    assert caught.value.where == "people[2].id"
    assert "'ana-li' is already used by people[0]" in str(caught.value)


def test_ids_are_unique_across_collections() -> None:
    clash = Organization(id="ana-li", name="Ana Li Ltd", kind=OrganizationKind.COMPANY)
    with pytest.raises(InvalidValueError) as caught:
        small(organizations=[WIRE, clash])
    # Organizations come before people, so the person is the second user of the id.
    assert caught.value.where == "people[0].id"
    assert "already used by organizations[1]" in str(caught.value)


def test_a_speaker_not_in_the_dataset() -> None:
    with pytest.raises(MissingReferenceError) as caught:
        small(people=[BO], rounds=[], statements=[attrs.evolve(WENT_WELL, occasion=None)])
    error = caught.value
    assert isinstance(error, LookupError)
    assert error.where == "statements[0].speakers[0]"
    assert error.reference == "ana-li"
    assert str(error) == "statements[0].speakers[0]: 'ana-li' is not in the dataset's people"


def test_a_delegate_not_in_the_dataset_is_named_by_its_nested_path() -> None:
    with pytest.raises(MissingReferenceError) as caught:
        small(people=[ANA], statements=[])
    assert caught.value.where == "rounds[0].delegates[1].person"
    assert caught.value.reference == "bo-chen"


def test_a_party_not_in_the_dataset() -> None:
    with pytest.raises(MissingReferenceError) as caught:
        small(parties=[NORTH])
    assert caught.value.where == "rounds[0].delegates[1].party"
    assert caught.value.reference == "SL"


def test_an_occasion_not_in_the_dataset() -> None:
    with pytest.raises(MissingReferenceError) as caught:
        small(rounds=[])
    assert caught.value.where == "statements[0].occasion"
    assert caught.value.reference == "oslo"


def test_a_source_not_in_the_dataset() -> None:
    with pytest.raises(MissingReferenceError) as caught:
        small(sources=[])
    # Parties are checked before people, and their evidence cites the missing source.
    assert caught.value.where == "parties[0].evidence[0].source"
    assert caught.value.reference == "example"


def test_a_reference_to_a_different_record_with_a_known_id() -> None:
    renamed = attrs.evolve(ANA, name="Anna Li")
    with pytest.raises(MissingReferenceError) as caught:
        small(people=[renamed, BO])
    # The round's first delegate still holds the original Ana Li.
    assert caught.value.where == "rounds[0].delegates[0].person"
    assert "differs from the dataset's record" in str(caught.value)


def test_a_record_of_the_wrong_kind_in_a_collection() -> None:
    with pytest.raises(InvalidValueError) as caught:
        small(people=[ANA, BO, WIRE])
    assert caught.value.where == "people[2]"


def test_unnamed_speakers_need_no_record() -> None:
    said = attrs.evolve(WENT_WELL, speakers=[UnnamedGroup("observers")])
    record = small(statements=[said])
    assert record.statements_by(UnnamedGroup("observers")) == (said,)
    assert record.statements_by(ANA) == ()


# --- queries on the shipped dataset ---------------------------------------------------------


@pytest.fixture(scope="module")
def record() -> Dataset:
    return stockholm_2025()


def test_get_by_id_and_kind(record: Dataset) -> None:
    assert record.get("he-lifeng", Person).name == "He Lifeng"
    assert record.get("stockholm-2025", Round).city == "Stockholm"
    assert record.get("CN", Party).name == "China"
    assert record.get("uscbc", Organization).short_name == "USCBC"
    assert record.get("presidents-phone-call", Meeting).dates is None
    assert isinstance(record.get("scott-bessent"), Person)
    assert "he-lifeng" in record
    assert "xi-jinping" not in record


def test_get_refuses_an_unknown_id_or_the_wrong_kind(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        record.get("xi-jinping")
    assert caught.value.reference == "xi-jinping"
    assert isinstance(caught.value, LookupError)
    with pytest.raises(MissingReferenceError, match="'he-lifeng' is a Person, not a Round"):
        record.get("he-lifeng", Round)


def test_statements_by_each_speaker(record: Dataset) -> None:
    counts = {
        "he-lifeng": 2,
        "scott-bessent": 4,
        "jamieson-greer": 2,
        "guo-jiakun": 2,
        "zhou-mi": 3,
        "bao-jianyun": 4,
        "wang-wentao": 3,
        "rajesh-subramaniam": 3,
        "xinhua": 1,
        "mofcom": 1,
    }
    for ident, count in counts.items():
        assert len(record.statements_by(ident)) == count, ident
    assert len(record.statements_by(UnnamedGroup("Chinese experts"))) == 2
    # All 25: the named speakers' counts, the experts' 2, less Greer's 2 shared with Bessent.
    assert sum(counts.values()) + 2 - 2 == len(record.statements) == 25


def test_statements_by_keeps_the_articles_order(record: Dataset) -> None:
    zhou = record.statements_by(record.get("zhou-mi", Person))
    assert [s.mode for s in zhou] == [Mode.DIRECT, Mode.INDIRECT, Mode.INDIRECT]
    assert zhou[0].text.startswith("The fact that")
    assert zhou[1].text.startswith("Following previous China-US trade talks")
    assert zhou[2].text.startswith("such communications")
    joint = record.statements_by("jamieson-greer")
    assert all(s.speaker_names == ("Scott Bessent", "Jamieson Greer") for s in joint)
    assert set(joint) <= set(record.statements_by("scott-bessent"))


def test_statements_by_an_unknown_speaker(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError):
        record.statements_by("xi-jinping")
    assert record.statements_by(UnnamedGroup("Chinese officials")) == ()


def test_statements_at_a_round_or_meeting(record: Dataset) -> None:
    visit = record.statements_at("wang-wentao-meets-uscbc")
    assert len(visit) == 7
    assert [s.speaker_names[0] for s in visit] == [
        "Ministry of Commerce",
        *["Wang Wentao"] * 3,
        *["Rajesh Subramaniam"] * 3,
    ]
    call = record.statements_at(record.get("presidents-phone-call", Meeting))
    assert [s.speaker_names for s in call] == [("Xinhua News Agency",)]
    assert len(record.statements_at("stockholm-2025")) == 17
    assert record.statements_at("geneva-2025") == ()
    with pytest.raises(MissingReferenceError):
        record.statements_at("reykjavik-2025")


def test_statements_between_days(record: Dataset) -> None:
    tuesday = record.statements_between(dt.date(2025, 7, 29), dt.date(2025, 7, 29))
    assert [s.id for s in tuesday] == [
        "he-lifeng-enhance-consensus",
        "he-lifeng-stable-relationship",
        "bessent-russian-oil-warning",
    ]
    wednesday = record.statements_between(dt.date(2025, 7, 30), dt.date(2025, 7, 30))
    assert len(wednesday) == 15
    assert {s.speaker_names[0] for s in wednesday} == {
        "Guo Jiakun",
        "Zhou Mi",
        "Bao Jianyun",
        "Wang Wentao",
        "Rajesh Subramaniam",
    }
    both = record.statements_between(dt.date(2025, 7, 29), dt.date(2025, 7, 30))
    assert len(both) == 18
    # Tuesday's come first: the result is ordered by date.
    assert [s.said_on.value.earliest for s in both if s.said_on] == sorted(
        s.said_on.value.earliest for s in both if s.said_on
    )
    assert both[:3] == tuesday
    assert record.statements_between(dt.date(2025, 7, 1), dt.date(2025, 7, 28)) == ()
    assert record.statements_between(dt.date(2025, 7, 31), dt.date(2025, 8, 31)) == ()
    assert len(record.statements_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == 18


@pytest.mark.parametrize("order", ["month first", "day first"])
def test_statements_from_the_same_first_day_keep_the_datasets_order(
    record: Dataset, order: str
) -> None:
    # Two of the article's undated statements, given dates that start on 1 July 2025: one
    # known to the month (it may mean any day of July), one to the day.
    first, second = [s for s in record.statements if s.said_on is None][:2]
    july = ResolvedDate("2025-07?", None, ResolutionRule.CONTEXT)
    first_of_july = ResolvedDate("2025-07-01?", None, ResolutionRule.CONTEXT)
    month = attrs.evolve(first, said_on=july)
    day = attrs.evolve(second, said_on=first_of_july)
    statements = [month, day] if order == "month first" else [day, month]
    dataset = Dataset(
        sources=record.sources,
        parties=record.parties,
        organizations=record.organizations,
        people=record.people,
        rounds=record.rounds,
        meetings=record.meetings,
        statements=statements,
    )
    assert dataset.statements_between(dt.date(2025, 7, 1), dt.date(2025, 7, 31)) == tuple(
        statements
    )
    assert dataset.statements_between(dt.date(2025, 7, 1), dt.date(2025, 7, 1)) == (day,)


def test_statements_between_refuses_what_is_not_a_day(record: Dataset) -> None:
    with pytest.raises(InvalidValueError) as caught:
        record.statements_between("2025-07-29", dt.date(2025, 7, 30))  # type: ignore[arg-type]
    assert caught.value.where == "first"


def test_positions_of(record: Dataset) -> None:
    assert [p.title for p in record.positions_of("he-lifeng")] == [
        "Vice Premier",
        "member of the Political Bureau of the Communist Party of China Central Committee",
    ]
    bessent = record.get("scott-bessent", Person)
    (position,) = record.positions_of(bessent)
    assert isinstance(position, Position)
    assert (position.title, position.party) == ("Treasury Secretary", record.get("US", Party))
    with pytest.raises(MissingReferenceError):
        record.positions_of("xi-jinping")


def test_rounds_in_order_whatever_order_they_are_given_in(record: Dataset) -> None:
    expected = ["Geneva", "London", "Stockholm"]
    assert [r.city for r in record.rounds_in_order()] == expected
    shuffled = Dataset(
        sources=record.sources,
        parties=record.parties,
        organizations=record.organizations,
        people=record.people,
        rounds=tuple(reversed(record.rounds)),
    )
    assert [r.city for r in shuffled.rounds] == list(reversed(expected))
    assert [r.city for r in shuffled.rounds_in_order()] == expected
    assert [r.number for r in shuffled.rounds_in_order()] == [1, 2, 3]


def test_a_round_whose_start_is_not_given_is_left_out_of_the_timeline() -> None:
    began = attrs.evolve(OSLO, id="began", number=None, dates="2025-03-10/")  # end not given
    ended = attrs.evolve(OSLO, id="ended", number=None, dates="/2025-03-12")  # start not given
    record = small(rounds=[ended, began], statements=[])
    assert [(str(e.when), e.record.id) for e in record.timeline()] == [("2025-03-10", "began")]


def test_rounds_whose_start_or_end_is_not_given_sort_by_the_dates_they_have() -> None:
    def dated(ident: str, dates: str) -> Round:
        return attrs.evolve(OSLO, id=ident, number=None, dates=dates)

    rounds = [
        dated("ended-12-march", "/2025-03-12"),  # began on or before 12 March
        dated("from-11-march", "2025-03-11/"),
        dated("march", "2025-03"),
        dated("11-to-12-march", "2025-03-11/2025-03-12"),
        dated("april", "2025-04/"),
    ]
    record = small(rounds=rounds, statements=[])
    assert [r.id for r in record.rounds_in_order()] == [
        "march",
        "11-to-12-march",
        "from-11-march",
        "ended-12-march",
        "april",
    ]


def test_a_position_held_until_further_notice() -> None:
    held = Position(
        id="ana-minister", person=ANA, title="minister", party=NORTH, valid="2025-03/..",
        evidence=[find("Ana Li of Northland")],
    )  # fmt: skip
    record = small(positions=[held])
    (position,) = record.positions_of("ana-li")
    assert position.valid is not None
    assert position.valid.latest is None  # no last day: "until further notice"
    assert dt.date(2030, 1, 1) in position.valid


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        (dt.date(2025, 5, 13), False),  # the day before the derived start
        (dt.date(2025, 5, 14), True),
        (dt.date(2025, 7, 30), True),
        (dt.date(2025, 8, 11), True),
        (dt.date(2025, 8, 12), False),  # the deadline: no longer in force
        (dt.date(2025, 11, 10), False),
    ],
)
def test_truces_on(record: Dataset, day: dt.date, *, in_force: bool) -> None:
    assert record.truces_on(day) == (record.truces if in_force else ())


def test_truces_on_knows_an_extension_only_once_announced(record: Dataset) -> None:
    (truce,) = record.truces
    longer = truce.extend(days=90, announced_on="2025-08-11", derivation="an example")
    assert str(longer.terms[1].end) == "2025-11-10"  # 12 Aug + 90 days: 19 + 30 + 31 + 10
    extended = Dataset(
        sources=record.sources,
        parties=record.parties,
        organizations=record.organizations,
        truces=[longer],
    )
    assert extended.truces_on(dt.date(2025, 8, 10)) == (longer,)
    assert extended.truces_on(dt.date(2025, 8, 12)) == (longer,)
    assert extended.truces_on(dt.date(2025, 11, 10)) == ()


def test_the_timeline_is_in_chronological_order(record: Dataset) -> None:
    timeline = record.timeline()
    # 3 rounds, 1 dated meeting, 18 dated statements, the term's start and its deadline.
    assert len(timeline) == 3 + 1 + 18 + 2
    days = [entry.when.earliest for entry in timeline if entry.when is not None]
    assert len(days) == len(timeline)  # every entry is dated
    assert days == sorted(days)
    first = [(str(e.when), e.event, e.record.id) for e in timeline[:4]]
    assert first == [
        ("2025-05", TimelineEvent.ROUND, "geneva-2025"),
        ("2025-05-14", TimelineEvent.TRUCE_START, "cn-us-tariff-truce-2025"),
        ("2025-06", TimelineEvent.ROUND, "london-2025"),
        ("2025-07-28", TimelineEvent.ROUND, "stockholm-2025"),
    ]
    last = timeline[-1]
    assert (last.when, last.event) == (PartialDate(2025, 8, 12), TimelineEvent.TRUCE_DEADLINE)
    assert isinstance(last.record, Truce)
    assert isinstance(last.term, TruceTerm)
    # On Wednesday the meeting is placed before the statements made that day.
    wednesday = [e for e in timeline if e.when and e.when.earliest == dt.date(2025, 7, 30)]
    assert wednesday[0].event is TimelineEvent.MEETING
    assert {e.event for e in wednesday[1:]} == {TimelineEvent.STATEMENT}
    assert len(wednesday) == 1 + 15


def test_undated_records_are_left_out_of_the_timeline(record: Dataset) -> None:
    on_timeline = {entry.record.id for entry in record.timeline()}
    assert "presidents-phone-call" not in on_timeline
    assert "chinese-experts-constructive-atmosphere" not in on_timeline
    assert "bessent-very-productive" not in on_timeline
    assert "bessent-russian-oil-warning" in on_timeline


def test_equal_datasets(record: Dataset) -> None:
    same = Dataset(**{name: getattr(record, name) for name in COLLECTION_NAMES})
    assert same == record
    assert hash(same) == hash(record)
    assert same != Dataset()


COLLECTION_NAMES = (
    "sources",
    "parties",
    "organizations",
    "people",
    "positions",
    "rounds",
    "meetings",
    "statements",
    "truces",
)


def test_queries_refuse_ids_of_the_wrong_kind(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError, match="'geneva-2025' is a Round"):
        record.statements_by("geneva-2025")
    with pytest.raises(MissingReferenceError, match="'he-lifeng' is a Person"):
        record.statements_at("he-lifeng")
    with pytest.raises(MissingReferenceError, match="'geneva-2025' is a Round"):
        record.positions_of("geneva-2025")


def test_queries_refuse_values_that_are_not_records_or_ids(record: Dataset) -> None:
    with pytest.raises(InvalidValueError, match="speaker"):
        record.statements_by(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="occasion"):
        record.statements_at(3)  # type: ignore[arg-type]


def test_a_range_of_days_that_ends_before_it_starts_is_refused(record: Dataset) -> None:
    with pytest.raises(InvalidValueError, match=r"the range ends \(2025-07-29\) before it starts"):
        record.statements_between(dt.date(2025, 7, 30), dt.date(2025, 7, 29))


def test_whole_dataset_views_are_worked_out_once(record: Dataset) -> None:
    # A later call answers from what the first one found: the very same tuple.
    assert record.timeline() is record.timeline()
    assert record.rounds_in_order() is record.rounds_in_order()
    fresh = Dataset(rounds=record.rounds[:0])
    assert fresh.timeline() == ()


def test_a_person_whose_id_looks_like_a_group_is_not_that_group() -> None:
    # The index once keyed an unnamed group "experts" as "group:experts", a valid id.
    record = stockholm_2025()
    said = next(s for s in record.statements if isinstance(s.speakers[0], UnnamedGroup))
    group = UnnamedGroup("experts")
    experts = attrs.evolve(said, speakers=[group], occasion=None)
    person = Person(id="group:experts", name="Someone Else", evidence=record.people[0].evidence)
    mixed = Dataset(
        sources=record.sources,
        organizations=record.organizations,
        people=[*record.people, person],
        statements=[experts],
    )
    assert mixed.statements_by(person) == ()
    assert mixed.statements_by(person.id) == ()
    assert mixed.statements_by(group) == (experts,)


# --- records found by name ------------------------------------------------------------------

BESSENTS = [
    # The article's order (its lines 11, 11, 12 and 13): one sentence with Greer gives two.
    "bessent-greer-constructive",
    "bessent-greer-extension-likely",
    "bessent-very-productive",
    "bessent-russian-oil-warning",
]


def suggestions_of(error: MissingReferenceError) -> tuple[str, ...]:
    """The ids an error suggests."""
    return error.suggestions


def candidates_of(error: MissingReferenceError) -> tuple[str, ...]:
    """The ids of the records that share the name the error is about."""
    return error.candidates


@pytest.mark.parametrize(
    "typed",
    [
        "Scott Bessent",
        "scott bessent",
        "SCOTT BESSENT",
        "  Scott \t Bessent\n",  # white space around and between the words, folded
        "\uff33cott \uff22essent",  # full-width S and B: the same name in NFKC
    ],
)
def test_statements_by_a_persons_name(record: Dataset, typed: str) -> None:
    assert [s.id for s in record.statements_by(typed)] == BESSENTS
    assert record.statements_by(typed) == record.statements_by("scott-bessent")


def test_every_query_that_takes_an_id_takes_a_name(record: Dataset) -> None:
    bessent = record.get("scott-bessent", Person)
    assert record.get("Scott Bessent") is bessent
    assert record.get("scott bessent", Person) is bessent
    assert record.get("MOFCOM", Organization) is record.get("mofcom")  # a short name
    assert record.get("Ministry of Commerce") is record.get("mofcom")
    assert record.get("China", Party) is record.get("CN")  # a party's name, not its code
    assert [p.title for p in record.positions_of("He Lifeng")] == [
        "Vice Premier",
        "member of the Political Bureau of the Communist Party of China Central Committee",
    ]
    # The article: "the Xinhua News Agency reported" (He Lifeng's words) and "Xinhua
    # reported" the presidents' call: one statement is Xinhua's own.
    assert [s.id for s in record.statements_by("Xinhua News Agency")] == [
        "xinhua-implementing-consensus"
    ]
    assert "Scott Bessent" in record
    assert "scott-bessent" in record
    assert "bessent" not in record
    assert 3 not in record


def test_a_person_or_organization_who_said_nothing_has_no_statements(record: Dataset) -> None:
    # Reuters only reported Bessent's claim ("..., Reuters reported."); it said nothing.
    assert record.statements_by("Reuters") == ()
    assert record.statements_by(record.get("reuters", Organization)) == ()
    # Bo Chen met Ana Li in Oslo; only Li "said talks went well".
    assert small().statements_by("Bo Chen") == ()
    assert small().statements_by(BO) == ()
    # Someone who is not in the data at all is an error, not an empty answer.
    with pytest.raises(MissingReferenceError):
        small().statements_by("Cy Dunn")
    stranger = Person(id="cy-dunn", name="Cy Dunn", evidence=[find("Oslo")])
    with pytest.raises(MissingReferenceError, match=r"no record has the id 'cy-dunn'$"):
        small().statements_by(stranger)


def test_a_person_with_no_position_has_none(record: Dataset) -> None:
    assert small().positions_of("Ana Li") == ()
    assert record.positions_of("Jamieson Greer")[0].title == "US Trade Representative"


def test_an_id_comes_before_a_name() -> None:
    # An organization named like Ana Li's id: the id finds Ana Li, the name the company.
    company = Organization(id="ali-ltd", name="ana-li", kind=OrganizationKind.COMPANY)
    record = small(organizations=[WIRE, company])
    assert record.get("ana-li") is ANA
    assert record.get("Ana-Li") is company  # not an id (ids are exact), but its name
    # Asked for an organization, the id of a person gives way to the company's name.
    assert record.get("ana-li", Organization) is company
    with pytest.raises(MissingReferenceError, match=r"^'ana-li' is a Person, not an Organization$"):
        small().get("ana-li", Organization)  # no organization of that name


def test_a_name_not_found_suggests_the_closest_ids_and_names(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        record.statements_by("bessent")
    error = caught.value
    assert isinstance(error, LookupError)
    assert str(error) == (
        "no record has the id or name 'bessent'; did you mean 'scott-bessent' (Scott Bessent)?"
    )
    assert error.reference == "bessent"
    assert suggestions_of(error) == ("scott-bessent",)
    assert candidates_of(error) == ()


@pytest.mark.parametrize(
    ("typed", "suggested", "name"),
    [
        ("Scott-Bessent", "scott-bessent", "Scott Bessent"),  # the id's words, another case
        ("Bessent Scott", "scott-bessent", "Scott Bessent"),  # every word, in another order
        ("Jamieson Gear", "jamieson-greer", "Jamieson Greer"),  # one word of two
        # A close spelling: "besent" and "bessent" share 6 letters in order, 2*6/(6+7) = 0.92.
        ("Besent", "scott-bessent", "Scott Bessent"),
        ("Wang", "wang-wentao", "Wang Wentao"),
        ("Reuter", "reuters", "Reuters"),  # within the id and the name
        ("Xinhua", "xinhua", "Xinhua News Agency"),  # the id in another case
    ],
)
def test_what_a_speaker_typed_wrong_suggests(
    record: Dataset, typed: str, suggested: str, name: str
) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        record.statements_by(typed)
    assert suggestions_of(caught.value) == (suggested,)
    assert str(caught.value) == (
        f"no record has the id or name {typed!r}; did you mean {suggested!r} ({name})?"
    )


def test_suggestions_of_any_kind_put_named_records_first(record: Dataset) -> None:
    # Six records have "bessent" among the words of their id: the person, his position
    # (scott-bessent-treasury-secretary) and four statements; five are suggested, the
    # person first.
    with pytest.raises(MissingReferenceError) as caught:
        record.get("bessent")
    suggested = suggestions_of(caught.value)
    assert len(suggested) == 5
    assert suggested[0] == "scott-bessent"
    assert all("bessent" in ident.split("-") for ident in suggested)
    assert str(caught.value).startswith(
        "no record has the id or name 'bessent'; did you mean 'scott-bessent' (Scott Bessent), "
    )


def test_suggestions_are_of_the_kinds_asked_for(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        record.statements_at("stockholm")
    # The round and the article's own id hold "stockholm"; only the round is an occasion.
    # Rounds have no names, so the message speaks of an id only.
    assert str(caught.value) == "no record has the id 'stockholm'; did you mean 'stockholm-2025'?"
    with pytest.raises(MissingReferenceError) as caught:
        record.positions_of("jamieson")  # the person, not his position
    assert suggestions_of(caught.value) == ("jamieson-greer",)


def test_nothing_close_suggests_nothing(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        record.get("xi-jinping")
    assert str(caught.value) == "no record has the id or name 'xi-jinping'"
    assert suggestions_of(caught.value) == ()
    with pytest.raises(MissingReferenceError) as caught:
        record.statements_by("x" * 100_000)  # too long to be a name: not compared
    assert suggestions_of(caught.value) == ()


def test_a_name_two_people_share_is_refused_with_both_ids() -> None:
    namesake = attrs.evolve(ANA, id="ana-li-2")
    record = small(people=[ANA, BO, namesake])
    for lookup in (record.get, record.statements_by, record.positions_of):
        with pytest.raises(MissingReferenceError) as caught:
            lookup("ana li")
        assert str(caught.value) == (
            "'ana li' names 2 records: 'ana-li' (Person) and 'ana-li-2' (Person); "
            "give the id of the one meant"
        )
        assert candidates_of(caught.value) == ("ana-li", "ana-li-2")
        assert suggestions_of(caught.value) == ()
    assert record.statements_by("ana-li") == (WENT_WELL,)
    assert record.statements_by("ana-li-2") == ()
    assert "Ana Li" not in record


def test_a_name_a_person_and_an_organization_share() -> None:
    company = Organization(id="ana-li-ltd", name="Ana Li", kind=OrganizationKind.COMPANY)
    record = small(organizations=[WIRE, company])
    assert record.get("Ana Li", Person) is ANA
    assert record.get("Ana Li", Organization) is company
    assert record.positions_of("Ana Li") == ()  # a person's: the company is left aside
    with pytest.raises(MissingReferenceError) as caught:
        record.statements_by("Ana Li")  # both may speak
    # Organizations are stored before people.
    assert candidates_of(caught.value) == ("ana-li-ltd", "ana-li")


def test_a_name_of_a_record_of_another_kind(record: Dataset) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        record.positions_of("Reuters")
    assert str(caught.value) == "'Reuters' names the Organization 'reuters', not a Person"
    with pytest.raises(MissingReferenceError, match=r"^'China' names the Party 'CN', not a"):
        record.statements_by("China")


# --- undated records ------------------------------------------------------------------------

UNDATED = [
    "chinese-experts-constructive-atmosphere",
    "chinese-experts-inject-certainty",
    "xinhua-implementing-consensus",
    "bessent-greer-constructive",
    "bessent-greer-extension-likely",
    "bessent-very-productive",
    "mofcom-exchanged-views",
]


def test_the_timeline_with_undated_statements_puts_them_last(record: Dataset) -> None:
    dated = record.timeline()
    full = record.timeline(undated=True)
    # 24 dated entries, then the phone call (the one meeting with no date), then the 7.
    assert len(full) == 24 + 1 + 7
    assert full[:24] == dated
    assert (full[24].when, full[24].event, full[24].record.id) == (
        None,
        TimelineEvent.MEETING,
        "presidents-phone-call",
    )
    last = full[-7:]
    assert [e.record.id for e in last] == UNDATED
    assert {(e.when, e.event) for e in last} == {(None, TimelineEvent.STATEMENT)}
    # 18 dated statements and 7 undated ones: all 25.
    assert len(record.statements_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == 18
    assert [s.id for s in record.statements if s.said_on is None] == UNDATED


def test_the_timeline_with_undated_statements_is_kept_too(record: Dataset) -> None:
    assert record.timeline(undated=True) is record.timeline(undated=True)
    assert record.timeline() is record.timeline()
    assert all(entry.when is not None for entry in record.timeline())


def test_an_undated_statement_of_a_small_dataset() -> None:
    record = small()  # Ana Li's statement carries no date; the round is in March
    assert [(str(e.when), e.record.id) for e in record.timeline()] == [("2025-03", "oslo")]
    assert [(e.when, e.record.id) for e in record.timeline(undated=True)] == [
        (PartialDate(2025, 3), "oslo"),
        (None, "went-well"),
    ]


def test_an_id_of_another_kind_gives_way_to_the_one_name_of_the_kind_asked_for() -> None:
    """The Ministry of Commerce given the short name "US", the code (so the id) of a party:
    asked for an organization, "US" finds the ministry; asked for anything, the party."""
    shipped = stockholm_2025()
    ministry = attrs.evolve(shipped.get("mofcom", Organization), short_name="US")
    organizations = [ministry if o.id == "mofcom" else o for o in shipped.organizations]
    record = Dataset(sources=shipped.sources, parties=shipped.parties, organizations=organizations)
    assert record.get("US", Organization) is ministry
    assert record.get("US").id == "US"
    assert isinstance(record.get("US"), Party)


def test_a_round_whose_start_is_not_given_is_listed_with_the_undated() -> None:
    """The London round "ended on 11 June" (its start not given): no place in the dated
    timeline, where it would be put by a day it may not have begun on, but not lost."""
    shipped = stockholm_2025()
    london = attrs.evolve(shipped.get("london-2025", Round), dates="/2025-06-11")
    rounds = [london if r.id == "london-2025" else r for r in shipped.rounds]
    record = Dataset(
        sources=shipped.sources,
        parties=shipped.parties,
        organizations=shipped.organizations,
        people=shipped.people,
        rounds=rounds,
    )
    assert london not in [e.record for e in record.timeline()]
    undated = [e for e in record.timeline(undated=True) if e.when is None]
    assert [(e.event, e.record) for e in undated] == [(TimelineEvent.ROUND, london)]


T = TypeVar("T")


def _pickled(value: T) -> T:
    loaded: T = pickle.loads(pickle.dumps(value))  # noqa: S301 - bytes this test just wrote
    return loaded


def test_a_dataset_pickles_and_deep_copies_into_an_equal_one() -> None:
    # A person's identifiers are a read-only mapping, which pickle cannot take as it is.
    record = stockholm_2025()
    bessent = record.get("scott-bessent", Person)
    known = attrs.evolve(bessent, identifiers={"wikidata": "Q7436185"})
    assert _pickled(known).identifiers == {"wikidata": "Q7436185"}
    for copied in (_pickled(record), copy.deepcopy(record)):
        assert copied == record
        assert copied is not record
        assert [s.id for s in copied.statements_by("scott-bessent")] == [
            s.id for s in record.statements_by("scott-bessent")
        ]
