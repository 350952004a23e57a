"""Dataset.merge: records with the same id that agree become one; those that disagree fail.

The two articles here are made up for the tests (a sentence or two each, by the same
made-up outlet); neither is a real report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, note, settings

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
from tradetalks import strategies as ts
from tradetalks.dataset import COLLECTIONS
from tradetalks.fixtures import stockholm_2025
from tradetalks.merging import name_key

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


# --- A second source on the Geneva round. Its text is made up for these tests, in the words
# a wire report might use; it is not a real report. It names He Lifeng, Scott Bessent and
# Jamieson Greer, the round's two days and its country.

GENEVA_TEXT = (
    "Example report written for these tests: China and the United States held talks in "
    "Geneva, Switzerland, on May 10 and 11, 2025. Vice Premier He Lifeng led the Chinese "
    "side; Treasury Secretary Scott Bessent and US Trade Representative Jamieson Greer led "
    "the US side."
)
GENEVA_WIRE = Organization(
    id="example-geneva-wire", name="Example Wire", kind=OrganizationKind.OUTLET
)
GENEVA_SOURCE = Source(
    id="example-geneva-report",
    outlet=GENEVA_WIRE,
    published_on=dt.date(2025, 5, 12),
    language="en",
    text=GENEVA_TEXT,
)


def _on(words: str) -> list[Evidence]:
    return [Evidence.find(GENEVA_SOURCE, words)]


def _geneva(*, bessent_id: str = "scott-bessent", city: str = "Geneva") -> Dataset:
    shipped = stockholm_2025()
    china = attrs.evolve(shipped.get("CN", Party), evidence=_on("China"))
    us = attrs.evolve(shipped.get("US", Party), evidence=_on("the United States"))
    he = Person(id="he-lifeng", name="He Lifeng", evidence=_on("He Lifeng"))
    bessent = Person(id=bessent_id, name="Scott Bessent", evidence=_on("Scott Bessent"))
    greer = Person(id="jamieson-greer", name="Jamieson Greer", evidence=_on("Jamieson Greer"))
    vice_premier = attrs.evolve(
        shipped.get("he-lifeng-vice-premier", tradetalks.Position),
        person=he,
        party=china,
        evidence=_on("Vice Premier He Lifeng"),
    )
    geneva = attrs.evolve(
        shipped.get("geneva-2025", Round),
        city=city,
        country="CH",
        dates="2025-05-10/2025-05-11",
        delegates=[
            tradetalks.Delegate(
                person=he,
                party=china,
                role=tradetalks.Role.LEAD,
                title="Vice Premier",
                evidence=_on("Vice Premier He Lifeng led the Chinese side"),
            ),
            tradetalks.Delegate(
                person=bessent,
                party=us,
                role=tradetalks.Role.LEAD,
                title="Treasury Secretary",
                evidence=_on("Treasury Secretary Scott Bessent"),
            ),
            tradetalks.Delegate(
                person=greer,
                party=us,
                role=tradetalks.Role.LEAD,
                title="US Trade Representative",
                evidence=_on("US Trade Representative Jamieson Greer"),
            ),
        ],
        evidence=_on("held talks in Geneva, Switzerland, on May 10 and 11, 2025"),
    )
    return Dataset(
        sources=[GENEVA_SOURCE],
        parties=[china, us],
        organizations=[GENEVA_WIRE],
        people=[he, bessent, greer],
        positions=[vice_premier],
        rounds=[geneva],
    )


def test_a_second_source_on_geneva_refines_the_round_and_joins_the_evidence(tmp_path: Path) -> None:
    shipped, second = stockholm_2025(), _geneva()
    merged = shipped.merge(second)
    geneva = merged.get("geneva-2025", Round)
    # The shipped article says "Geneva in May"; the second gives the two days and the country.
    assert str(geneva.dates) == "2025-05-10/2025-05-11"
    assert geneva.country == "CH"
    assert [(d.person.id, d.role.value) for d in geneva.delegates] == [
        ("he-lifeng", "lead"),
        ("scott-bessent", "lead"),
        ("jamieson-greer", "lead"),
    ]
    assert {e.source.id for e in geneva.evidence} == {
        "global-times-2025-07-30-stockholm",
        "example-geneva-report",
    }
    he = merged.get("he-lifeng", Person)
    # Joined evidence is ordered by source id, then offset, whichever side merge is called on.
    assert [e.source.id for e in he.evidence] == [
        "example-geneva-report",
        "global-times-2025-07-30-stockholm",
    ]
    assert len([p for p in merged.people if p.name == "He Lifeng"]) == 1
    # Every record that referred to either He Lifeng refers to the merged one.
    assert all(s.speakers[0] is he for s in merged.statements_by("he-lifeng"))
    assert merged.get("he-lifeng-vice-premier", tradetalks.Position).person is he
    stockholm = merged.get("stockholm-2025", Round)
    assert stockholm.delegates[0].person is he
    assert geneva.delegates[0].person is he
    # Both parties, three people, the round and a position were shared: ten fields of
    # evidence joined, no record twice.
    assert len(merged.parties) == 2
    assert len(merged.people) == len(shipped.people)
    assert len(merged.rounds) == 3
    assert len(merged.sources) == 2
    # The same, record for record, the other way round.
    other_way = second.merge(shipped)
    for name in ("parties", "people", "positions", "rounds", "statements"):
        mine = {r.id: r for r in getattr(merged, name)}
        theirs = {r.id: r for r in getattr(other_way, name)}
        assert mine == theirs, name
    # dump -> load -> dump is byte-identical.
    tradetalks.dump(merged, tmp_path / "merged.json")
    text = (tmp_path / "merged.json").read_text(encoding="utf-8")
    again = tradetalks.load(tmp_path / "merged.json")
    assert again == merged
    tradetalks.dump(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == text


def test_another_city_is_a_conflict_naming_both_values_and_both_sources() -> None:
    with pytest.raises(MergeConflictError) as caught:
        stockholm_2025().merge(_geneva(city="Lausanne"))
    assert str(caught.value).splitlines()[1:] == [
        (
            "geneva-2025.city: 'Geneva' (global-times-2025-07-30-stockholm) vs 'Lausanne' "
            "(example-geneva-report)"
        )
    ]


def test_the_same_person_under_another_id_is_pointed_out_and_joined_when_asked() -> None:
    shipped, second = stockholm_2025(), _geneva(bessent_id="bessent")
    apart = shipped.merge(second)
    assert len([p for p in apart.people if p.name == "Scott Bessent"]) == 2
    assert [(p.first.id, p.second.id) for p in apart.possible_duplicates()] == [
        ("scott-bessent", "bessent")
    ]
    joined = shipped.merge(second, same={"bessent": "scott-bessent"})
    assert [p.id for p in joined.people if p.name == "Scott Bessent"] == ["scott-bessent"]
    assert "bessent" not in joined
    bessent = joined.get("scott-bessent", Person)
    assert joined.get("geneva-2025", Round).delegates[1].person is bessent
    assert {e.source.id for e in bessent.evidence} == {
        "global-times-2025-07-30-stockholm",
        "example-geneva-report",
    }
    assert joined.possible_duplicates() == ()
    with pytest.raises(tradetalks.InvalidValueError, match="same: 'nobody' is not an id of the"):
        shipped.merge(second, same={"nobody": "scott-bessent"})
    with pytest.raises(tradetalks.InvalidValueError, match="same: 'bessent' is one of the other"):
        shipped.merge(second, same={"bessent": "CN"})


def test_possible_duplicates_of_names_rounds_and_truces() -> None:
    assert name_key("Mr. He Li-feng") == name_key("he lifeng") == name_key("Lifeng HE")
    assert name_key("José Martínez") == name_key("Jose MARTINEZ")
    assert name_key("Scott Bessent") != name_key("Scott Bessemer")
    shipped = stockholm_2025()
    geneva = shipped.get("geneva-2025", Round)
    # In Geneva in May, and on 10-11 May: the days overlap. In June: they do not.
    rounds = [
        geneva,
        attrs.evolve(geneva, id="geneva-talks", dates="2025-05-10/2025-05-11"),
        attrs.evolve(geneva, id="geneva-june", dates="2025-06"),
    ]
    record = attrs.evolve(shipped, rounds=(*shipped.rounds, *rounds[1:]))
    found = [(p.first.id, p.second.id) for p in record.possible_duplicates()]
    assert found == [("geneva-2025", "geneva-talks")]


def test_a_claim_of_14_august_conflicts_and_one_of_12_august_does_not() -> None:
    record = stockholm_2025()
    truce = record.truces[0]
    said = record.statements[0]

    def claim(ident: str, value: str, field: str = "terms[0].end") -> tradetalks.Claim:
        return tradetalks.Claim(
            id=ident,
            claimed_by=said.speakers[0],
            about=truce,
            field=field,
            value=value,
            evidence=said.evidence,
        )

    claims = [
        claim("aug-14", "2025-08-14"),
        claim("aug-12", "2025-08-12"),
        claim("august", "2025-08"),
        claim("july", "2025-07"),
    ]
    with_claims = attrs.evolve(record, claims=claims)
    assert [c.id for c in with_claims.conflicts()] == ["aug-14", "july"]
    assert with_claims.get("aug-14", tradetalks.Claim).recorded == "2025-08-12"
    text = tradetalks.dumps(with_claims)
    assert tradetalks.loads(text, base=tradetalks.fixtures.DATA) == with_claims
    with pytest.raises(
        tradetalks.InvalidValueError, match=r"field: 'terms\[1\].end': there is no item \[1\]"
    ):
        claim("x", "2025-11-10", field="terms[1].end")
    with pytest.raises(tradetalks.InvalidValueError, match="field: 'parties' is a list"):
        claim("x", "CN", field="parties")
    with pytest.raises(tradetalks.InvalidValueError, match="field: 'terms\\[0\\]' is a TruceTerm"):
        claim("x", "2025-08-12", field="terms[0]")


def test_a_claimed_day_agrees_with_an_instant_on_that_day_in_its_own_zone() -> None:
    record = stockholm_2025()
    said = record.statements[0]
    # 00:01 EST on 10 November is 13:01 in Beijing, still 10 November there too; 23:30 EST
    # on 9 November would be 10 November in Beijing, but the instant's own zone decides.
    term = tradetalks.TruceTerm(
        start="2025-08-12T00:01:00-04:00[America/New_York]", days=90, derivation="the order"
    )
    truce = attrs.evolve(record.truces[0], terms=[term], id="us-suspension")

    def agrees(value: str) -> bool:
        return tradetalks.Claim(
            id="c",
            claimed_by=said.speakers[0],
            about=truce,
            field="terms[0].end",
            value=value,
            evidence=said.evidence,
        ).agrees()

    assert agrees("2025-11-10")
    assert not agrees("2025-11-09")  # the newspaper's "November 9"
    assert agrees("2025-11")
    assert agrees("2025-11-10T00:01:00-05:00[America/New_York]")
    assert agrees("2025-11-10T13:01:00+08:00[Asia/Shanghai]")
    assert not agrees("2025-11-10T00:00:00-05:00[America/New_York]")


def test_delegates_listed_in_another_order_merge_the_same_either_way() -> None:
    shipped = stockholm_2025()
    stockholm = shipped.get("stockholm-2025", Round)
    # Greer first, then He Lifeng; Bessent left out: neither order holds the other.
    reordered = attrs.evolve(stockholm, delegates=[stockholm.delegates[2], stockholm.delegates[0]])
    other = Dataset(
        sources=shipped.sources,
        parties=shipped.parties,
        organizations=shipped.organizations[:1],
        people=shipped.people,
        rounds=[reordered],
    )
    one = shipped.merge(other).get("stockholm-2025", Round)
    two = other.merge(shipped).get("stockholm-2025", Round)
    assert one == two
    # By person id: he-lifeng, jamieson-greer, scott-bessent.
    assert [d.person.id for d in one.delegates] == ["he-lifeng", "jamieson-greer", "scott-bessent"]
    # A side whose order holds the other's keeps it.
    fewer = attrs.evolve(other, rounds=[attrs.evolve(stockholm, delegates=stockholm.delegates[:2])])
    assert shipped.merge(fewer).get("stockholm-2025", Round).delegates == stockholm.delegates


def test_a_claimed_day_within_a_span_of_days_agrees() -> None:
    record = stockholm_2025()
    stockholm = record.get("stockholm-2025", Round)  # 2025-07-28/2025-07-29
    said = record.statements[0]

    def agrees(value: str) -> bool:
        return tradetalks.Claim(
            id="c",
            claimed_by=said.speakers[0],
            about=stockholm,
            field="dates",
            value=value,
            evidence=said.evidence,
        ).agrees()

    assert agrees("2025-07-28")
    assert agrees("2025-07-29")
    assert agrees("2025-07")
    assert agrees("2025-07-28/2025-07-29")
    assert not agrees("2025-07-30")
    assert not agrees("2025-07-27/2025-07-29")  # a span must agree at both ends


def _truce_dataset(end: object, *, zone_note: str = "x") -> Dataset:
    shipped = stockholm_2025()
    term = tradetalks.TruceTerm(start="2025-08-12", end=end, derivation=zone_note)  # type: ignore[arg-type]
    truce = tradetalks.Truce(
        id="t", parties=[shipped.get("US", Party)], suspended="x", terms=[term], derivation="x"
    )
    return Dataset(
        sources=shipped.sources,
        parties=shipped.parties,
        organizations=shipped.organizations[:1],
        truces=[truce],
    )


def test_instants_are_the_same_only_as_the_same_moment_in_the_same_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    # On 2 November 2025 New York's clocks went back: 01:30 came twice, an hour apart.
    first = dt.datetime(2025, 11, 2, 1, 30, fold=0, tzinfo=new_york)
    second = dt.datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=new_york)
    with pytest.raises(MergeConflictError, match=r"terms\[0\].end: 2025-11-02T01:30:00-04:00"):
        _truce_dataset(first).merge(_truce_dataset(second))
    # 20:00 on 11 August in New York is 08:00 on 12 August in Beijing: one moment, stated
    # in two zones, which give two different calendar days.
    in_new_york = dt.datetime(2025, 8, 20, 20, 0, tzinfo=new_york)
    in_beijing = in_new_york.astimezone(ZoneInfo("Asia/Shanghai"))
    with pytest.raises(MergeConflictError):
        _truce_dataset(in_new_york).merge(_truce_dataset(in_beijing))
    with pytest.raises(MergeConflictError):
        _truce_dataset(in_beijing).merge(_truce_dataset(in_new_york))


def test_until_further_notice_is_not_a_missing_end() -> None:
    with pytest.raises(MergeConflictError, match=r"t.terms\[0\].end: None .* vs 2025-11-10"):
        _truce_dataset(None).merge(_truce_dataset("2025-11-10"))


def test_same_refuses_two_ids_for_one_record_and_what_is_not_a_mapping() -> None:
    shipped = stockholm_2025()
    he = shipped.get("he-lifeng", Person)
    other = Dataset(
        sources=shipped.sources,
        organizations=shipped.organizations[:1],
        people=[attrs.evolve(he, id="p1"), attrs.evolve(he, id="p2")],
    )
    with pytest.raises(tradetalks.InvalidValueError, match="same: 'p1' and 'p2' both name"):
        shipped.merge(other, same={"p1": "he-lifeng", "p2": "he-lifeng"})
    for wrong in ("x", 1, ["p1"]):
        with pytest.raises(tradetalks.InvalidValueError, match="same: same maps the other"):
            shipped.merge(other, same=wrong)  # type: ignore[arg-type]


def test_a_claim_naming_a_record_follows_same() -> None:
    shipped = stockholm_2025()
    # The other dataset calls the Global Times "gt"; its claim that the article's outlet is
    # "gt" agrees there, and must still agree once "gt" is the Global Times' own id.
    renamed = attrs.evolve(shipped.sources[0].outlet, id="gt")
    source = attrs.evolve(shipped.sources[0], outlet=renamed)
    claim = tradetalks.Claim(
        id="c",
        claimed_by=tradetalks.UnnamedGroup("some reports"),
        about=source,
        field="outlet",
        value="gt",
        evidence=[Evidence.find(source, "Global Times", occurrence=1)],
    )
    other = Dataset(sources=[source], organizations=[renamed], claims=[claim])
    assert other.conflicts() == ()
    merged = shipped.merge(other, same={"gt": "global-times"})
    assert merged.get("c", tradetalks.Claim).value == "global-times"
    assert merged.conflicts() == ()


def test_values_that_print_alike_when_cut_short_are_shown_where_they_differ() -> None:
    shipped = stockholm_2025()
    he = shipped.get("he-lifeng", Person)
    long = "He Lifeng, " + "member of many committees, " * 4

    def alone(name: str) -> Dataset:
        return Dataset(
            sources=shipped.sources,
            organizations=shipped.organizations[:1],
            people=[attrs.evolve(he, name=name)],
        )

    mine, theirs = alone(long + "A"), alone(long + "B")
    with pytest.raises(MergeConflictError) as caught:
        mine.merge(theirs)
    (difference,) = caught.value.differences
    assert difference.this != difference.other
    # 11 + 4 x 27 = 119 characters, then A or B; the repr adds a quotation mark before.
    assert difference.this.endswith("A'… (at character 120)")
    assert difference.other.endswith("B'… (at character 120)")


def test_a_sources_own_fields_come_from_the_source_and_dates_are_iso() -> None:
    shipped = stockholm_2025()
    later = attrs.evolve(shipped.sources[0], published_on=dt.date(2025, 7, 31))
    other = Dataset(sources=[later], organizations=shipped.organizations[:1])
    with pytest.raises(MergeConflictError) as caught:
        shipped.merge(other)
    source = "global-times-2025-07-30-stockholm"
    assert str(caught.value).splitlines()[1] == (
        f"{source}.published_on: 2025-07-30 ({source}) vs 2025-07-31 ({source})"
    )


def test_possible_duplicates_pair_each_record_once() -> None:
    shipped = stockholm_2025()
    bessent = shipped.get("scott-bessent", Person)
    copies = [attrs.evolve(bessent, id=f"bessent-{i}") for i in range(5)]
    record = attrs.evolve(shipped, people=(*shipped.people, *copies))
    pairs = [(p.first.id, p.second.id) for p in record.possible_duplicates()]
    # Six records of one name: five pairs, each with the first.
    assert pairs == [("scott-bessent", f"bessent-{i}") for i in range(5)]


# --- Properties of merging, on pairs of generated datasets that share records -------------------
#
# tradetalks.strategies.dataset_pairs() gives two datasets, each valid on its own, the second
# holding some of the first's records (the same ids) with evidence in its own sources, some
# values given more finely (a round's month as days, a missing country or native name), and
# records of its own. The two always merge without a conflict. The imports are here, with the
# properties, rather than at the top of the file.


if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

MERGE_PROPERTIES = settings(max_examples=75)

NAMES = [name for name, _ in COLLECTIONS]


def by_id(record: Dataset) -> dict[str, dict[str, Any]]:
    """Each collection's records by id."""
    return {name: {r.id: r for r in getattr(record, name)} for name in NAMES}


@contextlib.contextmanager
def shown_if_it_fails(*records: Dataset) -> Iterator[None]:
    """Report failing datasets as their JSON text, since a dataset's repr only counts."""
    try:
        yield
    except Exception:
        for record in records:
            note(tradetalks.dumps(record))
        raise


@MERGE_PROPERTIES
@given(ts.dataset_pairs())
def test_merging_either_way_gives_the_same_records(pair: tuple[Dataset, Dataset]) -> None:
    """a.merge(b) and b.merge(a) hold the same ids in each collection, and equal records
    for each id; only the order of the records in a collection differs (each side's first).

    Records are compared whole, lists inside them in their order too: merging keeps no list
    in the order of the side it was called on. Evidence keeps the order of a side whose list
    holds the other's, else is ordered by source and offset; delegates likewise, else by
    person; terms by place; a list of references the one that holds the other. So a list
    that differs only in order is a fault here, not a difference to set aside.
    """
    first, second = pair
    with shown_if_it_fails(first, second):
        one, two = by_id(first.merge(second)), by_id(second.merge(first))
        for name in NAMES:
            assert one[name].keys() == two[name].keys(), name
            for ident, record in one[name].items():
                assert record == two[name][ident], ident


@MERGE_PROPERTIES
@given(ts.dataset_pairs())
def test_merging_with_itself_or_with_nothing_gives_it_back(pair: tuple[Dataset, Dataset]) -> None:
    """a.merge(a) == a, and merging with an empty dataset, either way, gives a back, for
    each of the two datasets; for the two merged, the same records under the same ids (the
    order of a collection aside: see the next test)."""
    first, second = pair
    for record in (first, second):
        with shown_if_it_fails(record):
            assert record.merge(record) == record
            assert record.merge(Dataset()) == record
            assert Dataset().merge(record) == record
    merged = first.merge(second)
    with shown_if_it_fails(merged):
        for again in (merged.merge(merged), merged.merge(Dataset()), Dataset().merge(merged)):
            assert again == merged


def test_merging_with_itself_keeps_the_order_of_its_records() -> None:
    """The merge keeps this dataset's order (Dataset.merge: "this dataset's first, then the
    other's new ones"), though it builds each record after those it refers to: a dataset
    whose records refer to later ones (the bureau to the ministry after it) merges with
    itself into itself. A merged dataset is often such a dataset: the second's outlet comes
    after the first's organizations, and a source before them refers to it."""
    ministry = Organization(id="ministry", name="Ministry", kind=OrganizationKind.MINISTRY)
    bureau = Organization(id="bureau", name="Bureau", kind=OrganizationKind.OTHER, parent=ministry)
    record = Dataset(organizations=[bureau, ministry])
    assert [o.id for o in record.merge(record).organizations] == ["bureau", "ministry"]
    assert record.merge(record) == record


Place = tuple[str, tuple[str, int, int, str]]


def evidence_of(record: Any) -> set[Place]:
    """Each piece of a record's evidence as (where, (source id, start, end, exact)): the
    record's own (where ""), its delegates' (by person id), its terms' (by place) and its
    early end's."""

    def pieces(where: str, item: Any) -> set[Place]:
        return {(where, (e.source.id, e.start, e.end, e.exact)) for e in item.evidence}

    found = pieces("", record) if hasattr(record, "evidence") else set()
    for delegate in getattr(record, "delegates", ()):
        found |= pieces(f"delegates[{delegate.person.id}]", delegate)
    for place, term in enumerate(getattr(record, "terms", ())):
        found |= pieces(f"terms[{place}]", term)
    ended = getattr(record, "ended", None)
    if ended is not None:
        found |= pieces("ended", ended)
    return found


@MERGE_PROPERTIES
@given(ts.dataset_pairs())
def test_merging_never_loses_a_piece_of_evidence(pair: tuple[Dataset, Dataset]) -> None:
    """Every piece of evidence (source id, start, end, exact) of every record of either side,
    and of the records written inside it (delegates, terms, an early end), is in the merged
    record with that id, in the same place; whichever side merge is called on."""
    first, second = pair
    with shown_if_it_fails(first, second):
        for merged in (first.merge(second), second.merge(first)):
            for side in (first, second):
                for name in NAMES:
                    for record in getattr(side, name):
                        missing = evidence_of(record) - evidence_of(merged.get(record.id))
                        assert not missing, (record.id, sorted(missing))


@settings(max_examples=50)
@given(ts.dataset_pairs(text_files=True))
def test_the_merged_dataset_survives_dump_and_load(pair: tuple[Dataset, Dataset]) -> None:
    """The merged dataset, its sources' texts in files beside it, survives dump → load →
    dump: what loads is equal to it, and the second dump is the same text, byte for byte."""
    merged = pair[0].merge(pair[1])
    with shown_if_it_fails(merged), tempfile.TemporaryDirectory() as folder:
        path, again = Path(folder) / "merged" / "merged.json", Path(folder) / "again" / "again.json"
        path.parent.mkdir()
        again.parent.mkdir()
        tradetalks.dump(merged, path)
        loaded = tradetalks.load(path)
        assert loaded == merged
        tradetalks.dump(loaded, again)
        assert again.read_bytes() == path.read_bytes()
        for source in merged.sources:
            assert (again.parent / f"{source.id}.txt").read_bytes() == source.text.encode()
