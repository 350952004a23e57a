"""Exports: flat rows, CSV and iCalendar, and ``tradetalks export``.

Expected values are read off the shipped article (Global Times, Wednesday 30 July 2025):
"He Lifeng said in Stockholm on Tuesday" is 2025-07-29; the talks ran "from Monday to
Tuesday", 2025-07-28/29, after rounds "in Geneva in May and London in June"; the 90-day
truce has "a deadline approaching on August 12", so it started 90 days earlier, on 14 May.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import icalendar
import pytest

import tradetalks
from geneva import BEIJING, GENEVA_TITLE, NEW_YORK, geneva_truces
from tradetalks import (
    Agreement,
    Dataset,
    EndReason,
    Evidence,
    Organization,
    OrganizationKind,
    Party,
    Person,
    Source,
    Truce,
    TruceTerm,
)
from tradetalks.cli import main
from tradetalks.exports import (
    COLUMNS,
    FORMULA_STARTS,
    KINDS,
    _safe_cells,
    to_csv,
    to_ical,
    to_ndjson,
    to_records,
)
from tradetalks.fixtures import DATA, stockholm_2025

if TYPE_CHECKING:
    from collections.abc import Iterator

SMALL = Path(__file__).parent / "good" / "small.json"
ARTICLE = (DATA / "global-times-2025-07-30-stockholm.txt").read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def record() -> Dataset:
    return stockholm_2025()


def test_the_kinds_are_the_columns_keys() -> None:
    assert tuple(COLUMNS) == KINDS
    assert set(KINDS) == {
        "sources",
        "parties",
        "organizations",
        "people",
        "person_identifiers",
        "positions",
        "rounds",
        "round_outcomes",
        "delegates",
        "meetings",
        "meeting_participants",
        "statements",
        "statement_speakers",
        "statement_reporters",
        "agreements",
        "agreement_parties",
        "truces",
        "truce_parties",
        "truce_terms",
        "claims",
        "evidence",
    }


@pytest.mark.parametrize("kind", KINDS)
def test_rows_have_exactly_their_columns_and_plain_values(kind: str) -> None:
    rows = to_records(_everything(), kind)  # every kind has rows: the shipped has no agreement
    assert rows, kind
    for row in rows:
        assert list(row) == list(COLUMNS[kind])
        for value in row.values():
            assert type(value) in {str, int, type(None)}, (kind, row)


def test_an_unknown_kind_is_refused(record: Dataset) -> None:
    with pytest.raises(tradetalks.InvalidValueError, match="'speeches' is not a table"):
        to_records(record, "speeches")


def test_the_first_statement_row(record: Dataset) -> None:
    row = to_records(record, "statements")[0]
    assert row["mode"] == "indirect"
    assert str(row["text"]).startswith("The US should work with China to continue")
    assert row["said_on"] == "2025-07-29"
    assert row["said_on_earliest"] == row["said_on_latest"] == "2025-07-29"
    assert row["said_on_words"] == "on Tuesday"
    assert row["said_on_rule"] == "weekday"
    assert row["said_on_precision"] == "day"
    assert row["audience"] is None
    assert (row["occasion_id"], row["round_id"], row["meeting_id"]) == (
        "stockholm-2025",
        "stockholm-2025",
        None,
    )
    # "He Lifeng said ..., the Xinhua News Agency reported": a speaker, an outlet.
    speakers = [
        r for r in to_records(record, "statement_speakers") if r["statement_id"] == row["id"]
    ]
    assert [
        (r["ordinal"], r["speaker_kind"], r["person_id"], r["speaker_name"]) for r in speakers
    ] == [(1, "person", "he-lifeng", "He Lifeng")]
    reporters = [
        r for r in to_records(record, "statement_reporters") if r["statement_id"] == row["id"]
    ]
    assert [(r["ordinal"], r["reporter_kind"], r["reporter_name"]) for r in reporters] == [
        (1, "organization", "Xinhua News Agency")
    ]


def test_a_direct_quotation_to_the_global_times(record: Dataset) -> None:
    by_zhou = {
        r["statement_id"]
        for r in to_records(record, "statement_speakers")
        if r["person_id"] == "zhou-mi"
    }
    rows = [r for r in to_records(record, "statements") if r["id"] in by_zhou]
    quoted = [r for r in rows if r["mode"] == "direct"]
    assert len(quoted) == 1
    assert quoted[0]["audience"] == "told the Global Times"
    assert quoted[0]["said_on"] == "2025-07-30"
    assert quoted[0]["said_on_words"] == "on Wednesday"
    assert str(quoted[0]["text"]).startswith("The fact that the world's two largest economies")


def test_an_unnamed_speaker_has_a_name_but_no_id(record: Dataset) -> None:
    rows = to_records(record, "statement_speakers")
    experts = [r for r in rows if r["speaker_name"] == "Chinese experts"]
    assert experts
    assert all(r["person_id"] is None and r["organization_id"] is None for r in experts)
    assert all(r["speaker_kind"] == "group" for r in experts)


def test_the_round_rows(record: Dataset) -> None:
    rows = {str(r["city"]): r for r in to_records(record, "rounds")}
    assert {
        city: (
            r["number"],
            r["dates"],
            r["dates_earliest"],
            r["dates_latest"],
            r["dates_precision"],
        )
        for city, r in rows.items()
    } == {
        "Geneva": (1, "2025-05", "2025-05-01", "2025-05-31", "month"),
        "London": (2, "2025-06", "2025-06-01", "2025-06-30", "month"),
        "Stockholm": (3, "2025-07-28/2025-07-29", "2025-07-28", "2025-07-29", "day"),
    }
    assert rows["Stockholm"]["country"] == "SE"  # "in Stockholm, Sweden"


def test_the_delegates_of_the_stockholm_round(record: Dataset) -> None:
    rows = [
        (r["person_id"], r["party_code"], r["role"], r["title"])
        for r in to_records(record, "delegates")
        if r["round_id"] == "stockholm-2025"
    ]
    assert rows == [
        ("he-lifeng", "CN", "lead", "Vice Premier"),
        ("scott-bessent", "US", "lead", "Treasury Secretary"),
        ("jamieson-greer", "US", "member", "US Trade Representative"),
    ]


def test_the_delegates_of_a_summit_are_rows_with_its_meeting_id(record: Dataset) -> None:
    stockholm = record.get("stockholm-2025", tradetalks.Round)
    summit = tradetalks.Meeting(
        id="example-summit",
        kind=tradetalks.MeetingKind.SUMMIT,
        description="an example summit",
        participants=[tradetalks.UnnamedGroup("the two presidents")],
        delegates=stockholm.delegates[1:],
        evidence=stockholm.evidence,
    )
    with_summit = attrs.evolve(record, meetings=(*record.meetings, summit))
    rows = [r for r in to_records(with_summit, "delegates") if r["meeting_id"] is not None]
    assert rows == [
        {
            "occasion_id": "example-summit",
            "round_id": None,
            "meeting_id": "example-summit",
            "ordinal": 1,
            "person_id": "scott-bessent",
            "party_code": "US",
            "role": "lead",
            "title": "Treasury Secretary",
        },
        {
            "occasion_id": "example-summit",
            "round_id": None,
            "meeting_id": "example-summit",
            "ordinal": 2,
            "person_id": "jamieson-greer",
            "party_code": "US",
            "role": "member",
            "title": "US Trade Representative",
        },
    ]
    assert [r["meeting_id"] for r in to_records(record, "delegates")] == [None, None, None]
    assert [d.person.id for d in summit.delegation("US")] == ["scott-bessent", "jamieson-greer"]


def test_the_truce_rows(record: Dataset) -> None:
    nothing = dict.fromkeys(("", "_earliest", "_latest", "_precision", "_utc", "_zone"))
    assert to_records(record, "truces") == [
        {
            "id": "cn-us-tariff-truce-2025",
            "suspended": "tariffs",
            "term_count": 1,
            "begins": "2025-05-14",  # 90 days before the deadline of August 12
            "begins_earliest": "2025-05-14",
            "begins_latest": "2025-05-14",
            "begins_precision": "day",
            "begins_utc": None,  # a day, not an instant
            "begins_zone": None,
            "expires": "2025-08-12",  # "a deadline approaching on August 12"
            "expires_earliest": "2025-08-12",
            "expires_latest": "2025-08-12",
            "expires_precision": "day",
            "expires_utc": None,
            "expires_zone": None,
            "agreement_id": None,  # the article names no agreement
            "derivation": None,  # its facts come from the article's evidence
            **{f"ended_on{k}": v for k, v in nothing.items()},
            "end_reason": None,
            **{f"end_announced_on{k}": v for k, v in nothing.items()},
            "end_derivation": None,
        }
    ]
    assert [(r["ordinal"], r["party_code"]) for r in to_records(record, "truce_parties")] == [
        (1, "CN"),
        (2, "US"),
    ]
    [term] = to_records(record, "truce_terms")
    assert (term["ordinal"], term["begins"], term["expires"], term["announced_on"]) == (
        1,
        "2025-05-14",
        "2025-08-12",
        None,
    )


def test_the_source_and_party_rows(record: Dataset) -> None:
    [source] = to_records(record, "sources")
    assert source["outlet_id"] == "global-times"
    assert source["published_on"] == "2025-07-30"
    assert source["language_tag"] == "en"
    assert source["characters"] == len(ARTICLE)
    assert to_records(record, "parties") == [
        {"code": "CN", "name": "China"},
        {"code": "US", "name": "United States"},
    ]


def test_every_evidence_row_quotes_the_article(record: Dataset) -> None:
    rows = to_records(record, "evidence")
    for row in rows:
        start, end = row["start_offset"], row["end_offset"]
        assert isinstance(start, int)
        assert isinstance(end, int)
        assert ARTICLE[start:end] == row["exact"]
    first = next(r for r in rows if r["record_kind"] == "statements")
    assert first["start_offset"] == ARTICLE.index("The US should work with China")
    assert str(first["exact"]).endswith("the Xinhua News Agency reported on Tuesday.")
    assert {r["field"] for r in rows if r["record_kind"] == "rounds"} >= {
        "evidence",
        "delegates[0].evidence",
    }


@pytest.mark.parametrize("kind", KINDS)
def test_csv_round_trips_through_a_dict_reader(kind: str) -> None:
    record = _everything()
    text = to_csv(record, kind)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == list(COLUMNS[kind])
    expected = [
        {key: "" if value is None else str(value) for key, value in row.items()}
        for row in to_records(record, kind)
    ]
    assert list(reader) == expected


def test_csv_of_the_parties_by_hand(record: Dataset) -> None:
    assert to_csv(record, "parties") == "code,name\r\nCN,China\r\nUS,United States\r\n"


def _events(data: bytes) -> Iterator[Any]:
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    yield from calendar.walk("VEVENT")


def _all_day(event: Any) -> tuple[dt.date, dt.date]:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert not isinstance(start, dt.datetime)
    assert not isinstance(end, dt.datetime)
    return start, end


def test_the_ics_export_of_the_shipped_dataset_parses_back(record: Dataset) -> None:
    events = {str(e["UID"]): e for e in _events(to_ical(record))}
    assert len(events) == 5  # three rounds, Wang Wentao's meeting on 30 July, the deadline
    for event in events.values():
        assert event.decoded("DTSTAMP") == dt.datetime(2025, 7, 30, tzinfo=dt.UTC)
    # All-day events: DTEND is the day after the last day (RFC 5545).
    assert _all_day(events["geneva-2025@tradetalks"]) == (dt.date(2025, 5, 1), dt.date(2025, 6, 1))
    assert _all_day(events["london-2025@tradetalks"]) == (dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    stockholm = events["stockholm-2025@tradetalks"]
    assert _all_day(stockholm) == (dt.date(2025, 7, 28), dt.date(2025, 7, 30))
    assert "Stockholm" in str(stockholm["SUMMARY"])
    assert "known only to the month: 2025-05" in str(events["geneva-2025@tradetalks"]["SUMMARY"])
    meeting = events["wang-wentao-meets-uscbc@tradetalks"]
    assert _all_day(meeting) == (dt.date(2025, 7, 30), dt.date(2025, 7, 31))
    deadline = events["cn-us-tariff-truce-2025-term-1@tradetalks"]
    assert _all_day(deadline) == (dt.date(2025, 8, 12), dt.date(2025, 8, 13))
    assert "Deadline" in str(deadline["SUMMARY"])


def _with_ends_not_given() -> Dataset:
    """The shipped dataset, but the London round "ended on 11 June" (its start not given),
    the Stockholm round "began on Monday" (its end not given), and the first position is
    held from March "until further notice"."""
    raw = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    raw["rounds"][1]["dates"] = "/2025-06-11"
    raw["rounds"][2]["dates"] = "2025-07-28/"
    raw["positions"][0]["valid"] = "2025-03/.."
    return tradetalks.loads(json.dumps(raw), base=DATA)


def test_rows_of_spans_whose_start_or_end_is_not_given() -> None:
    record = _with_ends_not_given()
    rows = {str(r["city"]): r for r in to_records(record, "rounds")}
    assert {
        city: (r["dates"], r["dates_earliest"], r["dates_latest"]) for city, r in rows.items()
    } == {
        "Geneva": ("2025-05", "2025-05-01", "2025-05-31"),
        "London": ("/2025-06-11", None, "2025-06-11"),
        "Stockholm": ("2025-07-28/", "2025-07-28", None),
    }
    position = to_records(record, "positions")[0]
    assert (position["valid"], position["valid_earliest"], position["valid_latest"]) == (
        "2025-03/..",
        "2025-03-01",
        None,
    )
    lines = to_csv(record, "rounds").splitlines()
    assert lines[2].endswith(",/2025-06-11,,2025-06-11,day")
    assert lines[3].endswith(",2025-07-28/,2025-07-28,,day")


def test_an_event_whose_start_or_end_is_not_given_covers_the_days_given() -> None:
    events = {str(e["UID"]): e for e in _events(to_ical(_with_ends_not_given()))}
    assert len(events) == 5
    london, stockholm = events["london-2025@tradetalks"], events["stockholm-2025@tradetalks"]
    assert _all_day(london) == (dt.date(2025, 6, 11), dt.date(2025, 6, 12))
    assert str(london["SUMMARY"]).endswith("London (its start is not given: /2025-06-11)")
    assert _all_day(stockholm) == (dt.date(2025, 7, 28), dt.date(2025, 7, 29))
    assert str(stockholm["SUMMARY"]).endswith("Stockholm (its end is not given: 2025-07-28/)")


def _truce_ending_at_an_instant() -> Dataset:
    """A made-up one-sentence source whose truce ends at 12:01 a.m. in New York."""
    outlet = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="example-wire-2025-07-30",
        outlet=outlet,
        published_on=dt.date(2025, 7, 30),
        language="en",
        text="The 90-day truce between China and the US ends at 12:01 a.m. on August 12 "
        "in Washington.",
    )
    china = Party(code="CN", name="China", evidence=[Evidence.find(source, "China")])
    us = Party(code="US", name="United States", evidence=[Evidence.find(source, "the US")])
    term = TruceTerm(
        start=dt.date(2025, 5, 14),
        end=dt.datetime(2025, 8, 12, 0, 1, tzinfo=NEW_YORK),
        evidence=[Evidence.find(source, "ends at 12:01 a.m. on August 12 in Washington")],
        derivation="start: August 12 less the 90 days of the 90-day truce",
    )
    truce = Truce(
        id="tariff-truce",
        parties=[china, us],
        suspended="tariffs",
        terms=[term],
        evidence=[Evidence.find(source, "The 90-day truce between China and the US")],
    )
    return Dataset(sources=[source], parties=[china, us], organizations=[outlet], truces=[truce])


def test_a_deadline_at_an_instant_is_a_timed_event_in_its_zone() -> None:
    data = to_ical(_truce_ending_at_an_instant())
    text = data.decode()
    assert "DTSTART;TZID=America/New_York:20250812T000100" in text
    assert "BEGIN:VTIMEZONE" in text
    assert "TZID:America/New_York" in text
    assert "VALUE=DATE" not in text
    [event] = _events(data)
    start = event.decoded("DTSTART")
    assert isinstance(start, dt.datetime)
    # 00:01 EDT (UTC-4) is 04:01 UTC.
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 8, 12, 4, 1, tzinfo=dt.UTC)
    assert start.utcoffset() == dt.timedelta(hours=-4)
    calendar = icalendar.Calendar.from_ical(data)
    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["America/New_York"]


def test_export_csv_to_a_file(record: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "statements.csv"
    assert main(["export", "--format", "csv", "--output", str(target)]) == 0
    assert target.read_bytes() == to_csv(record, "statements").encode("utf-8")


def test_export_csv_of_one_kind_to_the_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "csv", "--kind", "parties"]) == 0
    assert capsysbinary.readouterr().out == b"code,name\r\nCN,China\r\nUS,United States\r\n"


def test_export_json_is_an_array_of_the_statement_rows(record: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "rows.json"
    assert main(["export", "--format", "json", "--output", str(target)]) == 0
    rows = json.loads(target.read_bytes().decode("utf-8"))
    assert isinstance(rows, list)
    assert len(rows) == 25  # the statements of the article, one a row
    assert rows == to_records(record, "statements")


def test_export_json_of_one_kind(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "json", "--kind", "truces"]) == 0
    rows = json.loads(capsysbinary.readouterr().out)
    assert [(r["begins"], r["expires"]) for r in rows] == [("2025-05-14", "2025-08-12")]


def test_export_ndjson_is_one_row_a_line(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "ndjson", "--kind", "parties"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"code": "CN", "name": "China"},
        {"code": "US", "name": "United States"},
    ]


def test_export_csv_to_a_folder_is_a_data_package(record: Dataset, tmp_path: Path) -> None:
    folder = tmp_path / "package"
    assert main(["export", "--format", "csv", "--output", f"{folder}/"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{kind}.csv" for kind in KINDS] + ["datapackage.json"]
    )
    assert (folder / "parties.csv").read_bytes() == b"code,name\r\nCN,China\r\nUS,United States\r\n"


def test_export_parquet_of_one_table(tmp_path: Path) -> None:
    assert (
        main(["export", "--format", "parquet", "--kind", "rounds", "--output", str(tmp_path)]) == 0
    )
    assert [p.name for p in tmp_path.iterdir()] == ["rounds.parquet"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "parquet"], "give --output DIR"),
        (["--format", "json", "--output", "{folder}"], "is a folder"),
        (["--format", "csv", "--kind", "rounds", "--output", "{folder}"], "is a folder"),
        (["--format", "annotations", "--kind", "rounds"], "takes no --kind"),
    ],
)
def test_export_options_that_do_not_go_together_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    given = [a.replace("{folder}", str(tmp_path)) for a in arguments]
    assert main(["export", *given]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tradetalks: error: --")
    assert message in err


def test_export_annotations(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "annotations"]) == 0
    page = json.loads(capsysbinary.readouterr().out)
    assert page["type"] == "AnnotationPage"
    assert len(page["items"]) == len(to_records(stockholm_2025(), "evidence"))


def test_export_ics(record: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "talks.ics"
    assert main(["export", "--format", "ics", "--output", str(target)]) == 0
    assert target.read_bytes() == to_ical(record)
    assert len(list(_events(target.read_bytes()))) == 5


def test_export_ics_of_ones_own_file(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["--dataset", str(SMALL), "export", "--format", "ics"]) == 0
    events = {str(e["UID"]): e for e in _events(capsysbinary.readouterr().out)}
    # The small made-up dataset: its round, the presidents' call "in June", the deadline.
    assert set(events) == {
        "stockholm-2025@tradetalks",
        "presidents-call@tradetalks",
        "tariff-truce-term-1@tradetalks",
    }
    assert _all_day(events["presidents-call@tradetalks"]) == (
        dt.date(2025, 6, 1),
        dt.date(2025, 7, 1),
    )


def test_export_of_a_bad_file_lists_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    bad = Path(__file__).parent / "bad" / "duplicate_id.json"
    assert main(["--dataset", str(bad), "export", "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"tradetalks: {bad}: $.people[1].id: the id 'he-lifeng' is already used by $.people[0]\n"
    )


def test_export_refuses_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "xlsx"]) == 2
    assert "invalid choice: 'xlsx'" in capsys.readouterr().err


# --- CSV that a spreadsheet opens safely --------------------------------------------------------

# A made-up source whose names would be formulas in a spreadsheet. Offsets counted by hand:
# "@SUM(A1)" is 0-8, " met " 8-13, "=1+2" 13-17, ", " 17-19, "-3" 19-21, ", " 21-23, "+4"
# 23-25, " and " 25-30, "Zhou Mi" 30-37, ". " 37-39, "\tTab" 39-43, ", " 43-45, "\rReturn"
# 45-52 (the CR and six letters), " and " 52-57, "\0Nul" 57-61.
FORMULAS = "@SUM(A1) met =1+2, -3, +4 and Zhou Mi. \tTab, \rReturn and \0Nul came too."


def _formulas() -> Dataset:
    outlet = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="wire",
        outlet=outlet,
        published_on=dt.date(2025, 7, 30),
        language="en",
        text=FORMULAS,
    )
    # A name cannot begin with white space: "Tab" and "Return" are quoted with theirs.
    people = [
        Person(id=ident, name=name, evidence=[Evidence.find(source, exact)])
        for ident, name, exact in [
            ("at-sum", "@SUM(A1)", "@SUM(A1)"),
            ("equals", "=1+2", "=1+2"),
            ("minus", "-3", "-3"),
            ("plus", "+4", "+4"),
            ("zhou-mi", "Zhou Mi", "Zhou Mi"),
            ("tab", "Tab", "\tTab"),
            ("return", "Return", "\rReturn"),
            ("nul", "\0Nul", "\0Nul"),
        ]
    ]
    return Dataset(sources=[source], organizations=[outlet], people=people)


SAFE_PEOPLE = (
    "id,name,native_name\r\n"
    "at-sum,'@SUM(A1),\r\n"
    "equals,'=1+2,\r\n"
    "minus,'-3,\r\n"
    "plus,'+4,\r\n"
    "zhou-mi,Zhou Mi,\r\n"
    "tab,Tab,\r\n"
    "return,Return,\r\n"
    "nul,'\0Nul,\r\n"
)
RAW_PEOPLE = (
    "id,name,native_name\r\n"
    "at-sum,@SUM(A1),\r\n"
    "equals,=1+2,\r\n"
    "minus,-3,\r\n"
    "plus,+4,\r\n"
    "zhou-mi,Zhou Mi,\r\n"
    "tab,Tab,\r\n"
    "return,Return,\r\n"
    "nul,\0Nul,\r\n"
)


def test_csv_puts_a_quote_before_a_cell_a_spreadsheet_would_run() -> None:
    assert to_csv(_formulas(), "people") == SAFE_PEOPLE


def test_raw_csv_writes_every_cell_as_it_is() -> None:
    assert to_csv(_formulas(), "people", spreadsheet_safe=False) == RAW_PEOPLE


def test_csv_quotes_text_cells_but_never_the_numbers_beside_them() -> None:
    lines = to_csv(_formulas(), "evidence").split("\r\n")
    assert lines[0] == "record_kind,record_id,field,ordinal,source_id,start_offset,end_offset,exact"
    assert lines[1:7] == [
        "people,at-sum,evidence,1,wire,0,8,'@SUM(A1)",
        "people,equals,evidence,1,wire,13,17,'=1+2",
        "people,minus,evidence,1,wire,19,21,'-3",
        "people,plus,evidence,1,wire,23,25,'+4",
        "people,zhou-mi,evidence,1,wire,30,37,Zhou Mi",
        "people,tab,evidence,1,wire,39,43,'\tTab",
    ]
    # A cell with a carriage return is quoted (RFC 4180), and the ' goes inside the quotes.
    assert lines[7] == 'people,return,evidence,1,wire,45,52,"\'\rReturn"'
    assert lines[8:] == ["people,nul,evidence,1,wire,57,61,'\0Nul", ""]


def test_only_text_cells_are_changed_never_an_int() -> None:
    row: dict[str, str | int | None] = {"n": -1, "t": "-1", "u": None, "v": ""}
    assert _safe_cells(row) == {"n": -1, "t": "'-1", "u": None, "v": ""}


def _one_exact(exact: str) -> Dataset:
    """A made-up source with one person, whose evidence is ``exact``."""
    outlet = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="wire",
        outlet=outlet,
        published_on=dt.date(2025, 7, 30),
        language="en",
        text=f"Before {exact} after.",
    )
    person = Person(id="p", name="P", evidence=[Evidence.find(source, exact)])
    return Dataset(sources=[source], organizations=[outlet], people=[person])


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r", "\0"])
def test_every_formula_start_gets_a_quote(first: str) -> None:
    assert first in FORMULA_STARTS
    dataset = _one_exact(f"{first}x1")
    [row] = csv.DictReader(io.StringIO(to_csv(dataset, "evidence"), newline=""))
    assert row["exact"] == f"'{first}x1"
    [raw] = csv.DictReader(
        io.StringIO(to_csv(dataset, "evidence", spreadsheet_safe=False), newline="")
    )
    assert raw["exact"] == f"{first}x1"


# Only the characters OWASP and ASVS name: a space, a quote, a letter, a digit, a newline,
# a full-width equals sign are written as they are.
@pytest.mark.parametrize("first", ["'", "a", "1", '"', " ", "\n", "(", "\uff1d", "%"])
def test_a_cell_beginning_with_any_other_character_is_written_as_it_is(first: str) -> None:
    dataset = _one_exact(f"{first}x1")
    assert to_csv(dataset, "evidence") == to_csv(dataset, "evidence", spreadsheet_safe=False)


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_csv_is_the_same_safe_or_raw(record: Dataset, kind: str) -> None:
    # No cell of the article's record begins with a formula character: nothing changes.
    assert to_csv(record, kind) == to_csv(record, kind, spreadsheet_safe=False)


def test_export_csv_is_safe_by_default_and_raw_on_request(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = tmp_path / "formulas.json"
    tradetalks.dump(_formulas(), path)
    argv = ["--dataset", str(path), "export", "--format", "csv", "--kind", "people"]
    assert main(argv) == 0
    assert capsysbinary.readouterr().out == SAFE_PEOPLE.encode("utf-8")
    assert main([*argv, "--raw-csv"]) == 0
    assert capsysbinary.readouterr().out == RAW_PEOPLE.encode("utf-8")


@pytest.mark.parametrize("form", ["json", "ics"])
def test_raw_csv_is_refused_with_another_format(
    capsys: pytest.CaptureFixture[str], form: str
) -> None:
    assert main(["export", "--format", form, "--raw-csv"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == f"tradetalks: error: --raw-csv is for --format csv, not --format {form}\n"
    )


def test_export_help_explains_raw_csv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "--help"])
    assert exited.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--raw-csv csv only: write every cell as it is" in help_text
    assert "a text cell beginning with =, +, -, @, a tab, a carriage return or NUL" in help_text
    assert "with a ' before it" in help_text


# --- truces as they run: the Geneva example of docs/truces.md ---------------------------------


def _geneva_only(*, open_end: EndReason | None = None) -> Dataset:
    """The Geneva agreement and truces, with the shipped source and parties only.

    With ``open_end``, the open-ended suspension ends at 09:00 on 5 January 2026 in
    Beijing for that reason, as announced at 18:00 the day before.
    """
    record = stockholm_2025()
    geneva, truces = geneva_truces(record)
    if open_end is not None:
        truces[2] = truces[2].end_early(
            at=dt.datetime(2026, 1, 5, 9, 0, tzinfo=BEIJING),
            announced_on=dt.datetime(2026, 1, 4, 18, 0, tzinfo=BEIJING),
            reason=open_end,
            derivation="an example end",
        )
    return Dataset(
        sources=record.sources,
        organizations=record.organizations,
        parties=record.parties,
        agreements=[geneva],
        truces=truces,
    )


def _everything() -> Dataset:
    """The shipped dataset with the Geneva agreement and truces: a row of every kind."""
    record = stockholm_2025()
    geneva, truces = geneva_truces(record)
    article = record.sources[0]
    # Made up for the tables the shipped dataset leaves empty: a person with an identifier,
    # a round with an outcome, and a claim about the Stockholm round.
    named = Person(
        id="example-person",
        name="Zhou Mi",
        identifiers={"example-register": "ZM-1"},
        evidence=[Evidence.find(article, "Zhou Mi")],
    )
    stockholm = record.get("stockholm-2025", tradetalks.Round)
    outcome = tradetalks.Round(
        id="example-round",
        track=stockholm.track,
        city="Stockholm",
        dates="2025-07-28/2025-07-29",
        outcomes=["the two sides agreed to push for the extension"],
        evidence=stockholm.evidence,
    )
    claim = tradetalks.Claim(
        id="example-claim",
        claimed_by=tradetalks.UnnamedGroup("some reports"),
        about=stockholm,
        field="city",
        value="Stockholm",
        evidence=stockholm.evidence,
    )
    return Dataset(
        sources=record.sources,
        parties=record.parties,
        organizations=record.organizations,
        people=[*record.people, named],
        positions=record.positions,
        rounds=[*record.rounds, outcome],
        meetings=record.meetings,
        statements=record.statements,
        agreements=[geneva],
        truces=[*record.truces, *truces],
        claims=[claim],
    )


def test_the_agreement_rows() -> None:
    assert to_records(_everything(), "agreements") == [
        {
            "id": "geneva-joint-statement-2025",
            "title": GENEVA_TITLE,
            "made_on": "2025-05-12",
            "made_on_earliest": "2025-05-12",
            "made_on_latest": "2025-05-12",
            "made_on_precision": "day",
            "derivation": "the joint statement of 12 May 2025",
        }
    ]
    assert to_records(_everything(), "agreement_parties") == [
        {"agreement_id": "geneva-joint-statement-2025", "ordinal": 1, "party_code": "CN"},
        {"agreement_id": "geneva-joint-statement-2025", "ordinal": 2, "party_code": "US"},
    ]
    assert to_records(stockholm_2025(), "agreements") == []
    assert to_csv(stockholm_2025(), "agreements") == (
        "id,title,made_on,made_on_earliest,made_on_latest,made_on_precision,derivation\r\n"
    )


def test_the_rows_of_truces_as_they_run() -> None:
    rows = {str(r["id"]): r for r in to_records(_geneva_only(), "truces")}
    us, china, open_ended = (
        rows["us-suspension-2025"],
        rows["china-suspension-2025"],
        rows["an-open-suspension"],
    )
    # The US: the end as scheduled, the last order's, then when and why it ended before it.
    assert us == {
        "id": "us-suspension-2025",
        "suspended": "additional duties",
        "term_count": 3,
        "begins": "2025-05-14T00:01:00-04:00[America/New_York]",
        "begins_earliest": "2025-05-14",
        "begins_latest": "2025-05-14",
        "begins_precision": "instant",
        "begins_utc": "2025-05-14T04:01:00Z",  # 00:01 EDT (UTC-4)
        "begins_zone": "America/New_York",
        "expires": "2026-11-10T00:01:00-05:00[America/New_York]",
        "expires_earliest": "2026-11-10",
        "expires_latest": "2026-11-10",
        "expires_precision": "instant",
        "expires_utc": "2026-11-10T05:01:00Z",  # 00:01 EST (UTC-5)
        "expires_zone": "America/New_York",
        "agreement_id": "geneva-joint-statement-2025",
        "derivation": "the US executive order of 12 May 2025",
        "ended_on": "2026-02-20",
        "ended_on_earliest": "2026-02-20",
        "ended_on_latest": "2026-02-20",
        "ended_on_precision": "day",
        "ended_on_utc": None,
        "ended_on_zone": None,
        "end_reason": "moot",
        "end_announced_on": "2026-02-20",
        "end_announced_on_earliest": "2026-02-20",
        "end_announced_on_latest": "2026-02-20",
        "end_announced_on_precision": "day",
        "end_announced_on_utc": None,
        "end_announced_on_zone": None,
        "end_derivation": "the ruling of 20 February 2026",  # as tests/geneva.py gives it
    }
    # China: a year (365 days, 2026 is no leap year) from 13:01 on 10 November 2025.
    assert (china["begins"], china["expires"], china["term_count"]) == (
        "2025-05-14T12:01:00+08:00[Asia/Shanghai]",
        "2026-11-10T13:01:00+08:00[Asia/Shanghai]",
        3,
    )
    # 12:01 and 13:01 in Beijing (UTC+8) are 04:01 and 05:01 UTC.
    assert (china["begins_utc"], china["expires_utc"]) == (
        "2025-05-14T04:01:00Z",
        "2026-11-10T05:01:00Z",
    )
    assert (china["ended_on"], china["end_reason"], china["end_announced_on"]) == (None,) * 3
    # Until further notice: no end at all, and no agreement.
    assert (open_ended["begins"], open_ended["expires"], open_ended["agreement_id"]) == (
        "2025-05-14",
        None,
        None,
    )


def test_an_early_end_at_an_instant_is_rfc_9557_text() -> None:
    rows = to_records(_geneva_only(open_end=EndReason.TERMINATED), "truces")
    row = next(r for r in rows if r["id"] == "an-open-suspension")
    assert (row["expires"], row["ended_on"], row["end_reason"], row["end_announced_on"]) == (
        None,
        "2026-01-05T09:00:00+08:00[Asia/Shanghai]",
        "terminated",
        "2026-01-04T18:00:00+08:00[Asia/Shanghai]",
    )
    # 09:00 and 18:00 in Beijing (UTC+8) are 01:00 and 10:00 UTC.
    assert (row["ended_on_utc"], row["end_announced_on_utc"]) == (
        "2026-01-05T01:00:00Z",
        "2026-01-04T10:00:00Z",
    )
    line = to_csv(_geneva_only(open_end=EndReason.TERMINATED), "truces").split("\r\n")[3]
    assert line == (
        "an-open-suspension,an example measure,1,"
        "2025-05-14,2025-05-14,2025-05-14,day,,,"  # begins: a day
        ",,,,,,"  # expires: until further notice
        ",an example,"  # no agreement; the derivation
        "2026-01-05T09:00:00+08:00[Asia/Shanghai],2026-01-05,2026-01-05,instant,"
        "2026-01-05T01:00:00Z,Asia/Shanghai,terminated,"
        "2026-01-04T18:00:00+08:00[Asia/Shanghai],2026-01-04,2026-01-04,instant,"
        "2026-01-04T10:00:00Z,Asia/Shanghai,"
        "an example end"
    )


def test_the_term_rows_of_truces_as_they_run() -> None:
    rows = [
        (r["truce_id"], r["ordinal"], r["begins"], r["expires"], r["announced_on"])
        for r in to_records(_geneva_only(), "truce_terms")
    ]
    assert rows == [
        (
            "us-suspension-2025",
            1,
            "2025-05-14T00:01:00-04:00[America/New_York]",
            "2025-08-12T00:01:00-04:00[America/New_York]",  # 90 days, EDT
            "2025-05-12",
        ),
        (
            "us-suspension-2025",
            2,
            "2025-08-12T00:01:00-04:00[America/New_York]",
            "2025-11-10T00:01:00-05:00[America/New_York]",  # 90 days, EST after 2 November
            "2025-08-11",
        ),
        (
            "us-suspension-2025",
            3,
            "2025-11-10T00:01:00-05:00[America/New_York]",
            "2026-11-10T00:01:00-05:00[America/New_York]",
            "2025-11-04",
        ),
        (
            "china-suspension-2025",
            1,
            "2025-05-14T12:01:00+08:00[Asia/Shanghai]",
            "2025-08-12T12:01:00+08:00[Asia/Shanghai]",
            "2025-05-12",
        ),
        (
            "china-suspension-2025",
            2,
            "2025-08-12T12:01:00+08:00[Asia/Shanghai]",
            "2025-11-10T12:01:00+08:00[Asia/Shanghai]",
            "2025-08-12",
        ),
        (  # the lapse: it starts an hour after the term before it ends
            "china-suspension-2025",
            3,
            "2025-11-10T13:01:00+08:00[Asia/Shanghai]",
            "2026-11-10T13:01:00+08:00[Asia/Shanghai]",
            "2025-11-05",
        ),
        (  # until further notice, announced at an instant
            "an-open-suspension",
            1,
            "2025-05-14",
            None,
            "2025-05-13T20:00:00+08:00[Asia/Shanghai]",
        ),
    ]
    last = to_csv(_geneva_only(), "truce_terms").split("\r\n")[-2]
    assert last == (
        "an-open-suspension,1,2025-05-14,2025-05-14,2025-05-14,day,,,"  # begins
        ",,,,,,"  # expires: until further notice
        "2025-05-13T20:00:00+08:00[Asia/Shanghai],2025-05-13,2025-05-13,instant,"
        "2025-05-13T12:00:00Z,Asia/Shanghai,"  # 20:00 in Beijing (UTC+8) is 12:00 UTC
        "an example"
    )


# A made-up source that states an agreement and an early end. Offsets counted by hand:
# "China" 0-5, " and " 5-10, "the US" 10-16, " made " 16-22, "the Geneva statement" 22-42,
# ". " 42-44, "Tariffs struck down" 44-63, "." 63-64.
ENDED = "China and the US made the Geneva statement. Tariffs struck down."


def test_the_evidence_of_an_agreement_and_of_an_early_end() -> None:
    outlet = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="wire", outlet=outlet, published_on=dt.date(2026, 2, 21), language="en", text=ENDED
    )
    china = Party(code="CN", name="China", evidence=[Evidence.find(source, "China")])
    us = Party(code="US", name="United States", evidence=[Evidence.find(source, "the US")])
    statement = Agreement(
        id="geneva",
        title="the Geneva statement",
        parties=[china, us],
        made_on="2025-05-12",
        evidence=[Evidence.find(source, "the Geneva statement")],
    )
    pause = Truce(
        id="pause",
        parties=[us],
        suspended="tariffs",
        agreement=statement,
        derivation="an example",
        terms=[TruceTerm(start="2025-05-14", end=None, derivation="an example")],
    ).end_early(
        at="2026-02-20", reason="moot", evidence=Evidence.find(source, "Tariffs struck down")
    )
    dataset = Dataset(
        sources=[source],
        organizations=[outlet],
        parties=[china, us],
        agreements=[statement],
        truces=[pause],
    )
    rows = [
        (
            r["record_kind"],
            r["record_id"],
            r["field"],
            r["source_id"],
            r["start_offset"],
            r["end_offset"],
        )
        for r in to_records(dataset, "evidence")
    ]
    assert rows == [
        ("parties", "CN", "evidence", "wire", 0, 5),
        ("parties", "US", "evidence", "wire", 10, 16),
        ("agreements", "geneva", "evidence", "wire", 22, 42),
        ("truces", "pause", "ended.evidence", "wire", 44, 63),
    ]


def test_the_ics_export_of_truces_as_they_run() -> None:
    events = {str(e["UID"]): e for e in _events(to_ical(_geneva_only()))}
    # US: three deadlines and its early end; China: three deadlines; the open-ended: none.
    assert sorted(events) == [
        "china-suspension-2025-term-1@tradetalks",
        "china-suspension-2025-term-2@tradetalks",
        "china-suspension-2025-term-3@tradetalks",
        "us-suspension-2025-ended@tradetalks",
        "us-suspension-2025-term-1@tradetalks",
        "us-suspension-2025-term-2@tradetalks",
        "us-suspension-2025-term-3@tradetalks",
    ]
    ended = events["us-suspension-2025-ended@tradetalks"]
    assert _all_day(ended) == (dt.date(2026, 2, 20), dt.date(2026, 2, 21))
    assert str(ended["SUMMARY"]) == "us-suspension-2025 (US) ended early (moot)"
    cut = events["us-suspension-2025-term-3@tradetalks"]
    assert str(cut["SUMMARY"]) == (
        "Deadline of us-suspension-2025 (US), term 3 (cut short: it ended early on 2026-02-20)"
    )
    # The order of 4 November continues term 2 at its deadline: it is no live deadline.
    assert str(events["us-suspension-2025-term-2@tradetalks"]["SUMMARY"]) == (
        "Deadline of us-suspension-2025 (US), term 2 (superseded by term 3)"
    )
    # 00:01 EST (UTC-5) on 10 November 2026 is 05:01 UTC.
    assert cut.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2026, 11, 10, 5, 1, tzinfo=dt.UTC
    )
    # China's second term ends at 12:01 in Beijing (UTC+8), 04:01 UTC.
    second = events["china-suspension-2025-term-2@tradetalks"].decoded("DTSTART")
    assert second.astimezone(dt.UTC) == dt.datetime(2025, 11, 10, 4, 1, tzinfo=dt.UTC)


def test_an_early_end_at_an_instant_is_a_timed_event() -> None:
    data = to_ical(_geneva_only(open_end=EndReason.TERMINATED))
    events = {str(e["UID"]): e for e in _events(data)}
    ended = events["an-open-suspension-ended@tradetalks"]
    assert str(ended["SUMMARY"]) == "an-open-suspension (CN) ended early (terminated)"
    start = ended.decoded("DTSTART")
    # 09:00 in Beijing (UTC+8) is 01:00 UTC, in its own zone.
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    assert str(start.tzinfo) == "Asia/Shanghai"
    assert "an-open-suspension-term-1@tradetalks" not in events  # it had no deadline


def test_export_json_of_the_agreements(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = tmp_path / "geneva.json"
    tradetalks.dump(_geneva_only(), path)
    assert main(["--dataset", str(path), "export", "--kind", "agreements"]) == 0
    rows = json.loads(capsysbinary.readouterr().out)
    assert rows == [
        {
            "id": "geneva-joint-statement-2025",
            "title": GENEVA_TITLE,
            "made_on": "2025-05-12",
            "made_on_earliest": "2025-05-12",
            "made_on_latest": "2025-05-12",
            "made_on_precision": "day",
            "derivation": "the joint statement of 12 May 2025",
        }
    ]


def test_ndjson_rows_stay_one_a_line_whatever_their_text(record: Dataset) -> None:
    # A name holding U+2028 (line separator) and U+0085 (next line), which str.splitlines
    # takes for ends of lines: written as JSON escapes, read back as they were.
    named = attrs.evolve(record.parties[1], name="United\u2028States\x85of America")
    mine = Dataset(
        sources=record.sources,
        organizations=record.organizations[:1],
        parties=[record.parties[0], named],
    )
    text = to_ndjson(mine, "parties")
    assert text.splitlines() == text.split("\n")[:-1]
    assert [json.loads(line)["name"] for line in text.splitlines()] == [
        "China",
        "United\u2028States\x85of America",
    ]
