"""The shipped Stockholm dataset holds what the article states, checked against the article.

Every expected value here was read off the article by hand (the text file shipped in
``tradetalks/data``, byte for byte the seed article), not taken from the dataset:

* The dateline is Wednesday 30 July 2025. The article says the talks ran "from Monday to
  Tuesday" and its photo caption dates them "July 28, 2025", so Monday is 28 July, Tuesday
  29 July and Wednesday 30 July. In past-tense reporting "on Tuesday" is therefore
  2025-07-29 and "on Wednesday" 2025-07-30.
* The truce is "a 90-day tariff truce ... with a deadline approaching on August 12". The
  article gives no start; 90 days before 12 August is 14 May (May 14 to 31 is 17 days,
  then June 30, July 31 and August 12: 17 + 30 + 31 + 12 = 90).
* Statements are taken one per verb of saying ("said", "noted", "claimed", "stressed",
  "added", "highlighted", "suggested", "told", and the participles "noting", "calling
  for", "expressing welcome"); "reported" and "according to" relay, they are not
  statements. Counting them through the article gives 25.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest

import tradetalks
from tradetalks import (
    Dataset,
    Evidence,
    Meeting,
    MeetingKind,
    Mode,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Person,
    Position,
    Precision,
    ResolutionRule,
    Role,
    Round,
    Source,
    Statement,
    Truce,
    UnnamedGroup,
)
from tradetalks.fixtures import stockholm_2025

DATA = Path(tradetalks.__file__).parent / "data"
ARTICLE_FILE = DATA / "global-times-2025-07-30-stockholm.txt"
DATASET_FILE = DATA / "stockholm_2025.json"
SEED_SHA256 = "0acb82be1251199ccaf532d94f4daffdd2b35ae69b8c0b14a656db80982176ac"
ARTICLE = ARTICLE_FILE.read_bytes().decode("utf-8")

DATELINE = dt.date(2025, 7, 30)
# Hand-worked from the calendar above: the weekday words the article uses, resolved against
# the dateline in past-tense reporting.
HAND_RESOLVED = {"on Tuesday": dt.date(2025, 7, 29), "on Wednesday": dt.date(2025, 7, 30)}

RECORD_KINDS = (Source, Party, Organization, Person, Position, Round, Meeting, Statement, Truce)
COLLECTIONS = (
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


@pytest.fixture(scope="module")
def record() -> Dataset:
    return stockholm_2025()


def names(speakers: tuple[Person | Organization | UnnamedGroup, ...]) -> tuple[str, ...]:
    return tuple(s.words if isinstance(s, UnnamedGroup) else s.name for s in speakers)


# --- the article itself ----------------------------------------------------------------------


def test_the_shipped_article_is_the_seed_byte_for_byte() -> None:
    content = ARTICLE_FILE.read_bytes()
    assert hashlib.sha256(content).hexdigest() == SEED_SHA256
    # The article is plain ASCII, 6137 characters long, with no final newline.
    assert len(content) == 6137
    assert content.isascii()
    assert content.startswith(b"Chinese Vice Premier He Lifeng, also a member")
    assert content.endswith(b"economic and trade cooperation, he said.")


def test_the_source_is_the_global_times_article_of_wednesday_30_july(record: Dataset) -> None:
    assert len(record.sources) == 1
    source = record.sources[0]
    assert source.text == ARTICLE
    assert source.outlet.name == "Global Times"
    assert source.outlet.kind is OrganizationKind.OUTLET
    assert source.published_on == DATELINE
    assert source.published_on.strftime("%A") == "Wednesday"
    assert source.language == "en"


def test_the_calendar_behind_the_hand_worked_dates() -> None:
    # The caption's "July 28, 2025" is the "Monday" of "from Monday to Tuesday".
    assert "July 28, 2025" in ARTICLE
    assert "from Monday to Tuesday" in ARTICLE
    assert dt.date(2025, 7, 28).strftime("%A") == "Monday"
    assert [day.strftime("%A") for day in HAND_RESOLVED.values()] == ["Tuesday", "Wednesday"]


# --- people, positions, organizations, parties -----------------------------------------------

EIGHT_PEOPLE = {
    "He Lifeng",
    "Scott Bessent",
    "Jamieson Greer",
    "Guo Jiakun",
    "Zhou Mi",
    "Bao Jianyun",
    "Wang Wentao",
    "Rajesh Subramaniam",
}

# Person -> (title as the article words it, organization, party the office belongs to).
POSITIONS = {
    "He Lifeng": [
        ("Vice Premier", None, "CN"),
        (
            "member of the Political Bureau of the Communist Party of China Central Committee",
            "Political Bureau of the Communist Party of China Central Committee",
            "CN",
        ),
    ],
    "Scott Bessent": [("Treasury Secretary", "US Department of the Treasury", "US")],
    "Jamieson Greer": [("US Trade Representative", "Office of the US Trade Representative", "US")],
    "Guo Jiakun": [("spokesperson", "Chinese Foreign Ministry", "CN")],
    "Zhou Mi": [
        (
            "senior researcher",
            "Chinese Academy of International Trade and Economic Cooperation",
            None,
        )
    ],
    "Bao Jianyun": [("dean and professor", "Department of International Politics", None)],
    "Wang Wentao": [("Commerce Minister", "Ministry of Commerce", "CN")],
    "Rajesh Subramaniam": [("board chair", "US-China Business Council", None)],
}


def test_all_eight_named_people_and_no_one_else(record: Dataset) -> None:
    assert {person.name for person in record.people} == EIGHT_PEOPLE
    assert len(record.people) == 8
    for person in record.people:
        assert any(person.name in piece.exact for piece in person.evidence), person.name


@pytest.mark.parametrize("name", sorted(POSITIONS))
def test_each_person_holds_the_positions_the_article_gives(record: Dataset, name: str) -> None:
    (person,) = [p for p in record.people if p.name == name]
    found = [
        (
            position.title,
            position.organization.name if position.organization else None,
            position.party.code if position.party else None,
        )
        for position in record.positions_of(person)
    ]
    assert found == POSITIONS[name]
    for position in record.positions_of(person):
        assert position.person is person
        assert position.valid is None  # the article dates no one's term of office
        # The title stands in the article as worded there, by the person's name.
        assert any(
            position.title in piece.exact and name in ARTICLE[max(0, piece.start - 40) : piece.end]
            for piece in position.evidence
        )


class Org(NamedTuple):
    kind: OrganizationKind
    country: str | None
    short_name: str | None
    parent: str | None
    words: str | None  # how the article names it (None: only as the source's own outlet)


ORGANIZATIONS = {
    # A country only where the article's words for the body say it.
    "Global Times": Org(OrganizationKind.OUTLET, None, None, None, None),
    "Xinhua News Agency": Org(OrganizationKind.OUTLET, None, None, None, "Xinhua News Agency"),
    "CNN": Org(OrganizationKind.OUTLET, None, None, None, "CNN"),
    "Reuters": Org(OrganizationKind.OUTLET, None, None, None, "Reuters"),
    "Political Bureau of the Communist Party of China Central Committee": Org(
        OrganizationKind.POLITICAL_PARTY,
        "CN",
        None,
        None,
        "Political Bureau of the Communist Party of China Central Committee",
    ),
    "Chinese Foreign Ministry": Org(
        OrganizationKind.MINISTRY, "CN", None, None, "Chinese Foreign Ministry"
    ),
    "Ministry of Commerce": Org(OrganizationKind.MINISTRY, "CN", "MOFCOM", None, "MOFCOM"),
    "US Department of the Treasury": Org(
        OrganizationKind.MINISTRY, "US", "Treasury", None, "Treasury Secretary"
    ),
    "Office of the US Trade Representative": Org(
        OrganizationKind.GOVERNMENT_OFFICE, "US", None, None, "US Trade Representative"
    ),
    "Chinese Academy of International Trade and Economic Cooperation": Org(
        OrganizationKind.RESEARCH_INSTITUTE,
        "CN",
        None,
        None,
        "Chinese Academy of International Trade and Economic Cooperation",
    ),
    "Renmin University of China": Org(
        OrganizationKind.UNIVERSITY, "CN", None, None, "Renmin University of China"
    ),
    "School of International Studies": Org(
        OrganizationKind.ACADEMIC_UNIT,
        "CN",
        None,
        "Renmin University of China",
        "School of International Studies",
    ),
    "Department of International Politics": Org(
        OrganizationKind.ACADEMIC_UNIT,
        "CN",
        None,
        "School of International Studies",
        "Department of International Politics",
    ),
    "US-China Business Council": Org(
        OrganizationKind.BUSINESS_COUNCIL, None, "USCBC", None, "US-China Business Council"
    ),
    "Congress": Org(OrganizationKind.LEGISLATURE, None, None, None, "Congress"),
}


def test_every_organization_the_article_names(record: Dataset) -> None:
    assert {o.name for o in record.organizations} == set(ORGANIZATIONS)
    assert len(record.organizations) == len(ORGANIZATIONS) == 15
    for organization in record.organizations:
        expected = ORGANIZATIONS[organization.name]
        assert organization.kind is expected.kind, organization.name
        assert organization.country == expected.country, organization.name
        assert organization.short_name == expected.short_name, organization.name
        parent = organization.parent.name if organization.parent else None
        assert parent == expected.parent, organization.name
        if expected.words is not None:
            assert expected.words in ARTICLE
            assert any(expected.words in piece.exact for piece in organization.evidence)


def test_the_department_sits_in_its_school_in_its_university(record: Dataset) -> None:
    (department,) = [o for o in record.organizations if o.name.startswith("Department")]
    assert [o.name for o in department.ancestry()] == [
        "Department of International Politics",
        "School of International Studies",
        "Renmin University of China",
    ]


def test_the_two_parties(record: Dataset) -> None:
    assert [(p.code, p.name) for p in record.parties] == [("CN", "China"), ("US", "United States")]


# --- rounds and meetings ---------------------------------------------------------------------


def test_three_rounds_numbered_in_order_at_the_precision_the_article_gives(
    record: Dataset,
) -> None:
    rounds = record.rounds_in_order()
    assert [(r.number, r.city, r.country, str(r.dates)) for r in rounds] == [
        (1, "Geneva", None, "2025-05"),  # the article names no country for these two
        (2, "London", None, "2025-06"),
        (3, "Stockholm", "SE", "2025-07-28/2025-07-29"),
    ]
    # "Geneva in May", "London in June": months only; no day the article does not give.
    assert [r.dates.precision for r in rounds] == [Precision.MONTH, Precision.MONTH, Precision.DAY]
    assert rounds[0].dates.start == PartialDate(2025, 5)
    assert rounds[1].dates.start == PartialDate(2025, 6)
    assert rounds[2].dates.start == PartialDate(2025, 7, 28)
    assert rounds[2].dates.end == PartialDate(2025, 7, 29)
    assert len({r.track for r in rounds}) == 1
    assert "Geneva in May" in rounds[0].evidence[0].exact
    assert "London in June" in rounds[1].evidence[0].exact
    assert any("from Monday to Tuesday" in piece.exact for piece in rounds[2].evidence)


def test_the_stockholm_delegates(record: Dataset) -> None:
    (stockholm,) = [r for r in record.rounds if r.city == "Stockholm"]
    assert [(d.person.name, d.party.code, d.role, d.title) for d in stockholm.delegates] == [
        ("He Lifeng", "CN", Role.LEAD, "Vice Premier"),
        ("Scott Bessent", "US", Role.LEAD, "Treasury Secretary"),
        ("Jamieson Greer", "US", Role.MEMBER, "US Trade Representative"),
    ]
    # "US lead person Treasury Secretary Scott Bessent" is where Bessent's role is stated.
    assert "US lead person" in stockholm.delegates[1].evidence[0].exact
    # The article names no delegates for Geneva or London.
    assert [len(r.delegates) for r in record.rounds_in_order()] == [0, 0, 3]


def test_the_other_encounters_are_meetings_not_rounds(record: Dataset) -> None:
    assert len(record.meetings) == 2
    (visit,) = [m for m in record.meetings if m.kind is MeetingKind.MEETING]
    assert visit.city == "Beijing"
    # "in Beijing" names no country; as for Geneva and London, none is filled in.
    assert visit.country is None
    assert str(visit.dates) == "2025-07-30"  # "On Wednesday", the dateline
    # Wang Wentao met a delegation of the USCBC led by Rajesh Subramaniam.
    assert set(names(visit.participants)) == {
        "Wang Wentao",
        "Rajesh Subramaniam",
        "US-China Business Council",
    }
    assert visit.evidence[0].exact.startswith("On Wednesday, Chinese Commerce Minister Wang")
    (call,) = [m for m in record.meetings if m.kind is MeetingKind.PHONE_CALL]
    assert call.dates is None  # the article gives the call no date
    assert any("phone call" in piece.exact for piece in call.evidence)


# --- the truce -------------------------------------------------------------------------------


def test_the_90_day_tariff_truce(record: Dataset) -> None:
    (truce,) = record.truces
    assert [p.code for p in truce.parties] == ["CN", "US"]
    assert truce.suspended == "tariffs"
    (term,) = truce.terms
    assert term.end == PartialDate(2025, 8, 12)
    assert term.start == PartialDate(2025, 5, 14)
    assert term.days == 90
    # The end is read from the article; the start is derived, and says so.
    assert any("deadline approaching on August 12" in piece.exact for piece in term.evidence)
    assert term.derivation is not None
    assert "90" in term.derivation
    assert "May 14" not in ARTICLE
    assert "14 May" not in ARTICLE
    assert term.announced_on is None  # the article does not date the agreement


def test_days_remaining_on_the_dateline_and_the_day_before(record: Dataset) -> None:
    (truce,) = record.truces
    # 2025-08-12 less 2025-07-30: 1 day left of July, then 12 of August.
    assert tradetalks.truce_days_remaining(truce, DATELINE) == 13
    assert tradetalks.truce_days_remaining(truce, dt.date(2025, 7, 29)) == 14


# --- every piece of evidence against the article ---------------------------------------------


def evidence_in_records(record: Dataset) -> list[tuple[str, Evidence]]:
    """Every piece of evidence a record carries, owned records (delegates, terms) included.

    References to other records (a statement's speaker, a position's person) are not
    followed: those records are walked at their own place in the dataset.
    """
    found: list[tuple[str, Evidence]] = []

    def visit(value: object, path: str, *, top: bool = False) -> None:
        if isinstance(value, Evidence):
            found.append((path, value))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                visit(item, f"{path}[{index}]")
        elif attrs.has(kind := type(value)) and (top or not isinstance(value, RECORD_KINDS)):
            for field in attrs.fields(kind):
                visit(getattr(value, field.name), f"{path}.{field.name}")

    for name in COLLECTIONS:
        for index, item in enumerate(getattr(record, name)):
            visit(item, f"{name}[{index}]", top=True)
    return found


def evidence_in_json(value: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every evidence object in the dataset's JSON, with its path."""
    if isinstance(value, dict):
        if set(value) == {"source", "start", "end", "exact"}:
            return [(path, value)]
        return [
            found
            for key, item in value.items()
            for found in evidence_in_json(item, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in evidence_in_json(item, f"{path}[{index}]")
        ]
    return []


def test_every_piece_of_evidence_quotes_the_article_at_its_offsets(record: Dataset) -> None:
    pieces = evidence_in_records(record)
    assert len(pieces) > 60
    for path, piece in pieces:
        assert piece.source is record.sources[0], path
        assert 0 <= piece.start < piece.end <= len(ARTICLE), path
        assert ARTICLE[piece.start : piece.end] == piece.exact, path
    paths = {path for path, _ in pieces}
    # Owned records are walked too: each delegate and the truce's term carry evidence.
    for index in range(3):
        assert f"rounds[2].delegates[{index}].evidence[0]" in paths
    assert "truces[0].terms[0].evidence[0]" in paths
    # The statement of the Chinese experts' second verb is the sentence that holds it.
    experts = ARTICLE.index("Chinese experts highlighted")
    assert any(
        piece.start == experts and ARTICLE[piece.end - 1] == "."
        for path, piece in pieces
        if path.startswith("statements[4].")
    )


def test_the_json_file_holds_the_same_evidence_and_it_matches_the_article(
    record: Dataset,
) -> None:
    raw = json.loads(DATASET_FILE.read_text(encoding="utf-8"))
    in_json = evidence_in_json(raw)
    for path, item in in_json:
        assert ARTICLE[item["start"] : item["end"]] == item["exact"], path
        assert item["source"] == "global-times-2025-07-30-stockholm", path
    in_records = [(path, (e.start, e.end, e.exact)) for path, e in evidence_in_records(record)]
    assert sorted(in_records) == sorted(
        (path, (item["start"], item["end"], item["exact"])) for path, item in in_json
    )


# --- statements ------------------------------------------------------------------------------

STOCKHOLM = "stockholm-2025"
VISIT = "wang-wentao-meets-uscbc"
CALL = "presidents-phone-call"


class Said(NamedTuple):
    speakers: tuple[str, ...]
    mode: Mode
    begins: str  # the text's first words
    ends: str  # the text's last words
    said_on: str | None  # EDTF, "?" for a day taken from the account around it
    words: str | None
    reported_by: tuple[str, ...]
    audience: str | None
    occasion: str


HE, BESSENT, GREER = ("He Lifeng",), ("Scott Bessent",), ("Jamieson Greer",)
GUO, ZHOU, BAO = ("Guo Jiakun",), ("Zhou Mi",), ("Bao Jianyun",)
WANG, RAJESH = ("Wang Wentao",), ("Rajesh Subramaniam",)
EXPERTS = ("Chinese experts",)
TOLD_GT = "told the Global Times"
TO_REPORTERS = "Speaking to reporters from Stockholm"
DIR, IND, MIX = Mode.DIRECT, Mode.INDIRECT, Mode.MIXED
TUE, WED = "on Tuesday", "on Wednesday"

# Worked out paragraph by paragraph from the article.
STATEMENTS = {
    "he-lifeng-enhance-consensus": Said(
        HE, IND, "The US should work with China", "more win-win outcomes",
        "2025-07-29", TUE, ("Xinhua News Agency",), None, STOCKHOLM,
    ),
    "he-lifeng-stable-relationship": Said(
        HE, IND, "A stable, healthy and sustainable", "global economic growth and stability",
        "2025-07-29?", None, (), None, STOCKHOLM,
    ),
    "guo-jiakun-common-understandings": Said(
        GUO, IND, "China hopes the US will work with China", "development of bilateral relations",
        "2025-07-30", WED, (), "Responding to a question seeking further details on the talks",
        STOCKHOLM,
    ),
    "chinese-experts-constructive-atmosphere": Said(
        EXPERTS, IND, "the constructive atmosphere", "of China-US trade talks",
        None, None, (), None, STOCKHOLM,
    ),
    "chinese-experts-inject-certainty": Said(
        EXPERTS, IND, "it helps inject more certainty", "and disrupted global trade",
        None, None, (), None, STOCKHOLM,
    ),
    "zhou-mi-candid-exchanges": Said(
        ZHOU, DIR, "The fact that the world's two largest economies", "volatile global environment",
        "2025-07-30", WED, (), TOLD_GT, STOCKHOLM,
    ),
    "zhou-mi-favorable-conditions": Said(
        ZHOU, IND, "Following previous China-US trade talks in Geneva", "strained the global economy",
        "2025-07-30?", None, (), None, STOCKHOLM,
    ),
    "zhou-mi-clarify-direction": Said(
        ZHOU, IND, "such communications will clarify", "carry out their tasks more effectively",
        "2025-07-30?", None, (), None, STOCKHOLM,
    ),
    "xinhua-implementing-consensus": Said(
        ("Xinhua News Agency",), IND, "Since May, both countries", "world's two largest economies",
        None, None, (), None, CALL,
    ),
    "bessent-greer-constructive": Said(
        BESSENT + GREER, MIX, "the two-day meeting was", '"constructive"',
        None, None, ("CNN",), TO_REPORTERS, STOCKHOLM,
    ),
    "bessent-greer-extension-likely": Said(
        BESSENT + GREER, IND, "a deal to extend the tariff pause", "was likely",
        None, None, ("CNN",), TO_REPORTERS, STOCKHOLM,
    ),
    "bessent-very-productive": Said(
        BESSENT, DIR, "The meetings were", "very productive",
        None, None, ("the US media",), None, STOCKHOLM,
    ),
    "bessent-russian-oil-warning": Said(
        BESSENT, IND, "he warned Chinese officials", "due to legislation in Congress",
        "2025-07-29", TUE, ("Reuters",), None, STOCKHOLM,
    ),
    "guo-jiakun-energy-measures": Said(
        GUO, IND, "China will take energy supply measures",
        "its own sovereignty, security and development interests",
        "2025-07-30", WED, (), "Asked to comment on Bessent's reported claim", STOCKHOLM,
    ),
    "bao-jianyun-commitment": Said(
        BAO, IND, "the latest talks underline", "through negotiation rather than confrontation",
        "2025-07-30", WED, (), TOLD_GT, STOCKHOLM,
    ),
    "bao-jianyun-right-direction": Said(
        BAO, DIR, "This is the right direction", "China-US economic and trade relations",
        "2025-07-30?", None, (), None, STOCKHOLM,
    ),
    "bao-jianyun-mutually-beneficial": Said(
        BAO, IND, "Through trade talks, the US should recognize", "and the world economy",
        "2025-07-30?", None, (), None, STOCKHOLM,
    ),
    "bao-jianyun-meet-halfway": Said(
        BAO, IND, "the US to meet China halfway", "global trade order and free trade",
        "2025-07-30?", None, (), None, STOCKHOLM,
    ),
    "mofcom-exchanged-views": Said(
        ("Ministry of Commerce",), IND, "The two sides exchanged views",
        "US businesses' development in China",
        None, None, (), "a statement on the MOFCOM website", VISIT,
    ),
    "wang-wentao-meet-halfway": Said(
        WANG, IND, "it is hoped the US will meet China halfway",
        "bilateral economic and trade relations",
        "2025-07-30?", None, (), None, VISIT,
    ),
    "wang-wentao-door-open-wider": Said(
        WANG, DIR, "China's door will only open wider.", "has not changed and will not change",
        "2025-07-30?", None, (), None, VISIT,
    ),
    "wang-wentao-welcome-investment": Said(
        WANG, IND, "welcome for enterprises from all countries", "share development opportunities",
        "2025-07-30?", None, (), None, VISIT,
    ),
    "rajesh-subramaniam-positive-results": Said(
        RAJESH, IND, "the USCBC is glad to see", "maintained dialogue and achieved positive results",
        "2025-07-30?", None, ("Xinhua News Agency",), None, VISIT,
    ),
    "rajesh-subramaniam-positive-signal": Said(
        RAJESH, IND, "China has sent a positive signal", "which has boosted market confidence",
        "2025-07-30?", None, (), None, VISIT,
    ),
    "rajesh-subramaniam-long-term-commitment": Said(
        RAJESH, IND, "The USCBC and its member companies",
        "expanding bilateral economic and trade cooperation",
        "2025-07-30?", None, (), None, VISIT,
    ),
}  # fmt: skip


def test_every_attributed_statement_is_there_once(record: Dataset) -> None:
    assert len(STATEMENTS) == 25
    assert [s.id for s in record.statements] == list(STATEMENTS)


@pytest.mark.parametrize("ident", list(STATEMENTS))
def test_each_statement_as_the_article_gives_it(record: Dataset, ident: str) -> None:
    expected = STATEMENTS[ident]
    statement = record.get(ident, Statement)
    assert names(statement.speakers) == expected.speakers
    assert statement.mode is expected.mode
    assert statement.text.startswith(expected.begins)
    assert statement.text.endswith(expected.ends)
    assert statement.text in ARTICLE
    assert any(statement.text in piece.exact for piece in statement.evidence)
    assert names(statement.reported_by) == expected.reported_by
    assert statement.audience == expected.audience
    assert statement.occasion is not None
    assert statement.occasion.id == expected.occasion
    if expected.said_on is None:
        assert statement.said_on is None
    else:
        assert statement.said_on is not None
        assert str(statement.said_on.value) == expected.said_on
        assert statement.said_on.words == expected.words


def test_reported_by_chains_that_the_article_states(record: Dataset) -> None:
    xinhua = record.get("xinhua", Organization)
    # "He Lifeng said ... the Xinhua News Agency reported on Tuesday."
    (first_he, _) = record.statements_by("he-lifeng")
    assert first_he.reported_by == (xinhua,)
    assert "the Xinhua News Agency reported" in first_he.evidence[0].exact
    # "Bessent and ... Greer said ... and suggested ..., CNN reported."
    for statement in record.statements_by("jamieson-greer"):
        assert names(statement.reported_by) == ("CNN",)
        assert statement.evidence[0].exact.endswith("CNN reported.")
    # "Bessent on Tuesday claimed ..., Reuters reported."
    (oil,) = [s for s in record.statements_by("scott-bessent") if "Russian oil" in s.text]
    assert names(oil.reported_by) == ("Reuters",)
    assert oil.evidence[0].exact.endswith("Reuters reported.")
    # "Subramaniam said ..., according to Xinhua News Agency."
    first_rajesh = record.statements_by("rajesh-subramaniam")[0]
    assert first_rajesh.reported_by == (xinhua,)
    assert first_rajesh.evidence[0].exact.endswith("according to Xinhua News Agency.")


def test_said_on_re_derives_from_the_words_and_the_dateline(record: Dataset) -> None:
    with_words = [s for s in record.statements if s.said_on and s.said_on.words]
    assert len(with_words) == 6  # He 1, Guo 2, Zhou 1, Bessent 1, Bao 1: counted by hand
    assert len(with_words) == sum(1 for s in STATEMENTS.values() if s.words)
    for statement in with_words:
        assert statement.said_on is not None
        words = statement.said_on.words
        assert words is not None
        expected = PartialDate.from_date(HAND_RESOLVED[words])
        assert statement.said_on.value == expected, statement.id
        assert statement.said_on.rule is ResolutionRule.WEEKDAY
        assert any(words in piece.exact for piece in statement.evidence), statement.id
        # The library resolves the same words to the same day.
        resolved = tradetalks.resolve_date(words, dateline=record.sources[0].published_on)
        assert resolved.value == expected


def test_dates_taken_from_context_are_marked_uncertain(record: Dataset) -> None:
    from_context = [s for s in record.statements if s.said_on and s.said_on.words is None]
    assert len(from_context) == 12  # 18 dated statements, 6 of them by their own words
    for statement in from_context:
        assert statement.said_on is not None
        assert statement.said_on.rule is ResolutionRule.CONTEXT
        assert statement.said_on.value.uncertain
        assert statement.said_on.value.precision is Precision.DAY
        assert statement.said_on.value.earliest in set(HAND_RESOLVED.values())


# --- direct quotes against the words between the article's quotation marks ------------------

QUOTATION = re.compile(r'"([^"]+)"')


def test_the_article_has_five_quotations() -> None:
    quotations = [m.group(1) for m in QUOTATION.finditer(ARTICLE)]
    assert len(quotations) == 5
    assert quotations[1] == "constructive"
    assert ARTICLE.count('"') == 10  # every mark is paired


def test_every_direct_quote_is_the_words_between_its_quotation_marks(record: Dataset) -> None:
    quotes = {
        m.group(1).removesuffix(","): (m.start(1), m.end(1)) for m in QUOTATION.finditer(ARTICLE)
    }
    direct = [s for s in record.statements if s.mode is Mode.DIRECT]
    assert len(direct) == 4  # Zhou Mi, Bessent, Bao Jianyun, Wang Wentao
    for statement in direct:
        assert statement.text in quotes, statement.id
        start, end = quotes[statement.text]
        # The quotation stands inside the statement's own evidence.
        assert any(p.start < start and end < p.end for p in statement.evidence), statement.id
    # Every quotation is some statement's: four direct, and "constructive" in a mixed one.
    quoted_fragments = {s.text for s in direct}
    (mixed,) = [s for s in record.statements if s.mode is Mode.MIXED]
    assert '"constructive"' in mixed.text
    quoted_fragments.add("constructive")
    assert quoted_fragments == set(quotes)


def test_a_direct_quote_keeps_no_joining_comma_and_no_quotation_marks(record: Dataset) -> None:
    for statement in record.statements:
        if statement.mode is Mode.DIRECT:
            assert not statement.text.endswith(",")
            assert '"' not in statement.text


def test_data_is_the_folder_of_the_shipped_files() -> None:
    from tradetalks import fixtures  # noqa: PLC0415 - the module itself is under test

    assert isinstance(fixtures.DATA, Path)
    assert fixtures.DATA == DATA
    assert sorted(path.name for path in fixtures.DATA.iterdir()) == [
        "dataset.schema.json",
        "global-times-2025-07-30-stockholm.txt",
        "stockholm_2025.json",
    ]
    with pytest.raises(AttributeError, match="no attribute 'DAT'"):
        fixtures.DAT  # noqa: B018 - the attribute access is what is tested


def test_data_is_listed_before_its_first_use() -> None:
    code = "import tradetalks.fixtures as f; print('DATA' in dir(f), 'DATA' in vars(f))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
