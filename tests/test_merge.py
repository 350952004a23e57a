"""Dataset.merge: records with the same id that agree become one; those that disagree fail.

The two articles here are made up for the tests (a sentence or two each, by the same
made-up outlet); neither is a real report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

import tradetalks
from tradetalks import (
    Dataset,
    Evidence,
    MergeConflictError,
    Mode,
    Organization,
    OrganizationKind,
    Party,
    Person,
    ResolutionRule,
    ResolvedDate,
    Round,
    Source,
    Statement,
)
from tradetalks.fixtures import stockholm_2025

if TYPE_CHECKING:
    from collections.abc import Callable

SMALL = Path(__file__).parent / "good" / "small.json"

TEXT_A = (
    "China and the US held two days of talks in Stockholm. "
    '"The talks were candid," He Lifeng said on Tuesday.'
)
TEXT_B = "Scott Bessent said on Wednesday that the talks with China were constructive."

WIRE = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)
ARTICLE_A = Source(
    id="example-wire-2025-07-30",
    outlet=WIRE,
    published_on=dt.date(2025, 7, 30),
    language="en",
    text=TEXT_A,
)
ARTICLE_B = Source(
    id="example-wire-2025-07-31",
    outlet=WIRE,
    published_on=dt.date(2025, 7, 31),
    language="en",
    text=TEXT_B,
)


def _first_article() -> Dataset:
    china = Party(code="CN", name="China", evidence=[Evidence.find(ARTICLE_A, "China")])
    us = Party(code="US", name="United States", evidence=[Evidence.find(ARTICLE_A, "the US")])
    he = Person(id="he-lifeng", name="He Lifeng", evidence=[Evidence.find(ARTICLE_A, "He Lifeng")])
    said = Statement(
        id="he-lifeng-candid",
        speakers=[he],
        mode=Mode.DIRECT,
        text="The talks were candid",
        # Published on Wednesday 2025-07-30: "on Tuesday" is the day before.
        said_on=ResolvedDate("2025-07-29", "on Tuesday", ResolutionRule.WEEKDAY),
        evidence=[Evidence.find(ARTICLE_A, '"The talks were candid," He Lifeng said on Tuesday.')],
    )
    return Dataset(
        sources=[ARTICLE_A],
        parties=[china, us],
        organizations=[WIRE],
        people=[he],
        statements=[said],
    )


def _second_article(first: Dataset) -> Dataset:
    """The second article's record, sharing the first one's party China and its outlet.

    The party's evidence is in the first article, so that article comes along with it.
    """
    bessent = Person(
        id="scott-bessent",
        name="Scott Bessent",
        evidence=[Evidence.find(ARTICLE_B, "Scott Bessent")],
    )
    said = Statement(
        id="bessent-constructive",
        speakers=[bessent],
        mode=Mode.INDIRECT,
        text="the talks with China were constructive",
        # Published on Thursday 2025-07-31: "on Wednesday" is the day before.
        said_on=ResolvedDate("2025-07-30", "on Wednesday", ResolutionRule.WEEKDAY),
        evidence=[Evidence.find(ARTICLE_B, TEXT_B)],
    )
    return Dataset(
        sources=[ARTICLE_A, ARTICLE_B],
        parties=[first.get("CN", Party)],
        organizations=[WIRE],
        people=[bessent],
        statements=[said],
    )


def _ids(record: Dataset) -> dict[str, list[str]]:
    return {
        name: [r.id for r in getattr(record, name)]
        for name in ("sources", "parties", "organizations", "people", "statements")
    }


@pytest.mark.parametrize(
    "make",
    [stockholm_2025, lambda: tradetalks.load(SMALL), _first_article, Dataset],
    ids=["shipped", "small", "article", "empty"],
)
def test_merging_a_dataset_with_itself_gives_it_back(make: Callable[[], Dataset]) -> None:
    record = make()
    assert record.merge(record) == record
    assert record.merge(Dataset()) == record
    assert Dataset().merge(record) == record


def test_two_articles_merge_into_their_union_with_shared_records_once() -> None:
    first = _first_article()
    second = _second_article(first)
    merged = first.merge(second)
    assert _ids(merged) == {
        "sources": ["example-wire-2025-07-30", "example-wire-2025-07-31"],
        "parties": ["CN", "US"],
        "organizations": ["example-wire"],
        "people": ["he-lifeng", "scott-bessent"],
        "statements": ["he-lifeng-candid", "bessent-constructive"],
    }
    assert merged.get("CN", Party) == first.get("CN", Party)
    said = merged.statements_between(dt.date(2025, 7, 29), dt.date(2025, 7, 30))
    assert [(s.speaker_names, str(s.said_on.value)) for s in said if s.said_on] == [
        (("He Lifeng",), "2025-07-29"),
        (("Scott Bessent",), "2025-07-30"),
    ]
    assert tradetalks.loads(tradetalks.dumps(merged)) == merged


def test_the_other_way_round_the_records_come_in_the_other_order() -> None:
    first = _first_article()
    second = _second_article(first)
    assert _ids(second.merge(first)) == {
        "sources": ["example-wire-2025-07-30", "example-wire-2025-07-31"],
        "parties": ["CN", "US"],
        "organizations": ["example-wire"],
        "people": ["scott-bessent", "he-lifeng"],
        "statements": ["bessent-constructive", "he-lifeng-candid"],
    }


def test_a_source_written_to_a_file_or_inline_is_the_same_record() -> None:
    record = stockholm_2025()
    inline = attrs.evolve(record.sources[0], text_file=None)
    other = Dataset(sources=[inline], organizations=record.organizations[:1])
    assert record.merge(other) == record


def test_records_that_disagree_name_each_field_both_values_and_their_sources() -> None:
    first = _first_article()
    he = first.get("he-lifeng", Person)
    in_b = attrs.evolve(he, name="He Li-feng", evidence=[Evidence.find(ARTICLE_B, "China")])
    other = Dataset(sources=[ARTICLE_B], organizations=[WIRE], people=[in_b])
    with pytest.raises(MergeConflictError) as caught:
        first.merge(other)
    error = caught.value
    assert isinstance(error, tradetalks.TradetalksError)
    assert isinstance(error, ValueError)
    assert str(error) == (
        "the datasets disagree:\n"
        "he-lifeng.name: 'He Lifeng' (example-wire-2025-07-30) vs 'He Li-feng' "
        "(example-wire-2025-07-31)"
    )
    assert [tuple(d) for d in error.differences] == [
        (
            "he-lifeng",
            "name",
            "'He Lifeng'",
            "'He Li-feng'",
            ("example-wire-2025-07-30",),
            ("example-wire-2025-07-31",),
        )
    ]


def test_a_native_name_one_side_lacks_is_a_refinement() -> None:
    first = _first_article()
    he = first.get("he-lifeng", Person)
    other = Dataset(
        sources=[ARTICLE_A], organizations=[WIRE], people=[attrs.evolve(he, native_name="何立峰")]
    )
    assert first.merge(other).get("he-lifeng", Person).native_name == "何立峰"
    assert other.merge(first).get("he-lifeng", Person).native_name == "何立峰"


def test_every_field_that_disagrees_is_named_and_a_missing_country_is_refined() -> None:
    record = stockholm_2025()
    organizations = list(record.organizations)
    # Reuters: the article does not say its country; another source may.
    organizations[3] = attrs.evolve(record.get("reuters", Organization), country="GB")
    stockholm = record.get("stockholm-2025", Round)
    other = Dataset(
        sources=record.sources,
        parties=record.parties,
        organizations=organizations,
        people=record.people,
        rounds=[attrs.evolve(stockholm, number=4, dates="2025-07-28")],
    )
    with pytest.raises(MergeConflictError) as caught:
        record.merge(other)
    # The shipped record's third round: Stockholm, 2025-07-28/29 ("from Monday to Tuesday").
    # A single day, the 28th, is not within the 28th to the 29th as a refinement: the
    # round's end differs (29 against 28).
    source = "global-times-2025-07-30-stockholm"
    assert str(caught.value).splitlines() == [
        "the datasets disagree:",
        f"stockholm-2025.number: 3 ({source}) vs 4 ({source})",
        f"stockholm-2025.dates: 2025-07-28/2025-07-29 ({source}) vs 2025-07-28 ({source})",
    ]
    assert [(d.record, d.field) for d in caught.value.differences] == [
        ("stockholm-2025", "number"),
        ("stockholm-2025", "dates"),
    ]
    other = attrs.evolve(other, rounds=[])
    assert record.merge(other).get("reuters", Organization).country == "GB"


def test_the_same_party_from_two_articles_is_one_party_with_both_pieces_of_evidence() -> None:
    first = _first_article()
    china_in_b = Party(code="CN", name="China", evidence=[Evidence.find(ARTICLE_B, "China")])
    other = Dataset(sources=[ARTICLE_B], parties=[china_in_b], organizations=[WIRE])
    merged = first.merge(other)
    # "China" is at 0 in the first article; in the second, after "Scott Bessent said on
    # Wednesday that the talks with " (6 + 8 + 5 + 3 + 10 + 5 + 4 + 6 + 5 = 52 characters).
    assert [(e.source.id, e.start) for e in merged.get("CN", Party).evidence] == [
        ("example-wire-2025-07-30", 0),
        ("example-wire-2025-07-31", 52),
    ]
    assert other.merge(first).get("CN", Party) == merged.get("CN", Party)


def test_records_of_two_kinds_with_one_id_disagree_in_kind() -> None:
    first = _first_article()
    other = Dataset(
        organizations=[Organization(id="he-lifeng", name="He Lifeng", kind=OrganizationKind.OTHER)]
    )
    with pytest.raises(MergeConflictError) as caught:
        first.merge(other)
    assert str(caught.value) == (
        "the datasets disagree:\n"
        "he-lifeng.kind: Person (example-wire-2025-07-30) vs Organization (no source)"
    )


def test_merge_refuses_what_is_not_a_dataset() -> None:
    with pytest.raises(tradetalks.InvalidValueError, match="expected a Dataset, not dict"):
        _first_article().merge({})  # type: ignore[arg-type]
