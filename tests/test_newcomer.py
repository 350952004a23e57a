"""What a newcomer types first, with only the README and the docs: it works, or it says what to
type instead.

Each test is one of the mistakes people made in their first hour with the library, in the
words they typed. Values are read off the shipped article (Global Times, Wednesday 30 July
2025): Scott Bessent speaks in four statements (two with Jamieson Greer, reported by CNN; one
"to reporters"; one reported by Reuters "on Tuesday"), and 7 of its 25 statements give no date.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pytest

import tradetalks
from tradetalks import (
    Evidence,
    InvalidValueError,
    Mode,
    Source,
    Statement,
    TimelineEvent,
    TruceTerm,
    resolve_date,
)
from tradetalks.cli import main
from tradetalks.exports import to_arrow, to_csv, to_records
from tradetalks.fixtures import stockholm_2025
from tradetalks.ical import to_ical
from tradetalks.tables import TABLES

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def record() -> tradetalks.Dataset:
    return stockholm_2025()


def test_an_undated_statement_has_said_on_none_and_the_timeline_can_list_it(
    record: tradetalks.Dataset,
) -> None:
    said = record.statements_by("scott-bessent")
    # Only the warning on Russian oil is dated ("on Tuesday", 29 July); the other three are not.
    assert [s.said_on.value.to_edtf() if s.said_on else None for s in said].count(None) == 3
    everything = record.timeline(undated=True)
    undated = [e for e in everything if e.when is None]
    assert len(everything) - len(record.timeline()) == 8  # 7 statements and the phone call
    assert [e.event for e in undated].count(TimelineEvent.STATEMENT) == 7
    assert list(everything[-8:]) == undated  # the undated come last


def test_statements_by_a_name_as_people_write_it(record: tradetalks.Dataset) -> None:
    assert record.statements_by("Scott Bessent") == record.statements_by("scott-bessent")
    assert len(record.statements_by("scott bessent")) == 4


def test_a_name_not_in_the_data_names_the_closest(record: tradetalks.Dataset) -> None:
    with pytest.raises(tradetalks.MissingReferenceError, match=r"did you mean 'scott-bessent'"):
        record.statements_by("bessent")


def test_the_command_line_tells_not_in_the_data_from_said_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["statements", "bessent"]) == 2
    assert "did you mean 'scott-bessent' (Scott Bessent)?" in capsys.readouterr().err
    assert main(["statements", "CNN"]) == 0  # an outlet in the data that said nothing
    assert (
        capsys.readouterr().out == "CNN: no statements (in the dataset, but said nothing in it)\n"
    )


def test_a_month_and_day_ahead_of_the_dateline_is_not_last_year() -> None:
    # "The pause takes effect on May 14", written on Monday 12 May 2025: two days ahead.
    assert str(resolve_date("on May 14", dt.date(2025, 5, 12)).value) == "2025-05-14"
    # Two days back stays in the same year too.
    assert str(resolve_date("on May 10", dt.date(2025, 5, 12)).value) == "2025-05-10"


def _source() -> Source:
    outlet = tradetalks.Organization(
        id="example-wire", name="Example Wire", kind="outlet", evidence=()
    )
    return Source(
        id="wire", outlet=outlet, published_on="2025-05-12", language="en", text="Zhou Mi spoke."
    )


def test_values_in_the_obvious_forms() -> None:
    source = _source()  # published_on as ISO text, kind as the enum's value
    assert source.published_on == dt.date(2025, 5, 12)
    assert source.outlet.kind is tradetalks.OrganizationKind.OUTLET
    zhou = tradetalks.Person(
        id="zhou-mi", name="Zhou Mi", evidence=[Evidence.find(source, "Zhou Mi")]
    )
    statement = Statement(
        id="s",
        speakers=[zhou],
        mode="indirect",
        text="Zhou Mi spoke.",
        evidence=[Evidence.find(source, "Zhou Mi spoke.")],
    )
    assert statement.mode is Mode.INDIRECT
    # A 90-day term from 14 May ends on 12 August (17 + 30 + 31 + 12 days).
    assert str(TruceTerm(start="2025-05-14", days=90, derivation="an example").end) == "2025-08-12"


def test_a_refused_value_says_what_to_pass_instead() -> None:
    source = _source()
    zhou = tradetalks.Person(
        id="zhou-mi", name="Zhou Mi", evidence=[Evidence.find(source, "Zhou Mi")]
    )
    with pytest.raises(InvalidValueError, match=r"said_on: .*tradetalks\.resolve_date"):
        Statement(
            id="s",
            speakers=[zhou],
            mode="indirect",
            text="Zhou Mi spoke.",
            said_on=dt.date(2025, 5, 12),  # type: ignore[arg-type]
            evidence=[Evidence.find(source, "Zhou Mi spoke.")],
        )
    with pytest.raises(InvalidValueError, match=r"mode: .*'direct', 'indirect', 'mixed'"):
        Statement(
            id="s",
            speakers=[zhou],
            mode="quoted",
            text="Zhou Mi spoke.",
            evidence=[Evidence.find(source, "Zhou Mi spoke.")],
        )
    with pytest.raises(InvalidValueError, match=r"published_on: a full day is needed"):
        Source(id="w", outlet=source.outlet, published_on="2025-05", language="en", text="x")


def test_options_after_the_command_and_a_bad_date_named_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["timeline", "--as-of", "2025-08-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # As known on 1 August: the entries up to the article of 30 July, and the truce's
    # deadline of 12 August, known since it was announced.
    assert lines[-2].startswith("2025-07-30")
    assert lines[-1].startswith("2025-08-12   truce_deadline")
    assert main(["timeline", "--as-of", "2025-13-01"]) == 2
    assert capsys.readouterr().err.count("--as-of") == 1


def test_validate_says_an_export_is_not_a_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "rows.json"
    assert main(["export", "--format", "json", "--output", str(target)]) == 0
    assert main(["validate", str(target)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "not a dataset but a JSON array of the rows of the table statements" in out
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), list)


def test_the_summary_labels_its_columns_and_names_the_truce(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Truce: China and United States suspend tariffs (cn-us-tariff-truce-2025)" in out
    assert "  speaker                statements  words" in out


def test_a_group_the_article_does_not_name_is_found_by_its_words(
    record: tradetalks.Dataset,
) -> None:
    # "Chinese experts said ..." twice in the article, neither naming them.
    assert len(record.statements_by("chinese experts")) == 2
    assert record.statements_by("Chinese experts") == record.statements_by(
        tradetalks.UnnamedGroup("Chinese experts")
    )


def test_a_date_given_in_the_wrong_form_says_which_form() -> None:
    with pytest.raises(InvalidValueError, match=r"use PartialDate\.from_edtf\('2025-13'\)"):
        tradetalks.PartialDate("2025-13")  # type: ignore[arg-type]
    said = resolve_date("on May 14", dt.date(2025, 5, 12))
    with pytest.raises(InvalidValueError, match=r"a ResolvedDate's date is its \.value"):
        TruceTerm(start=said, days=90, derivation="an example")  # type: ignore[arg-type]
    assert str(TruceTerm(start=said.value, days=90, derivation="an example").end) == "2025-08-12"


def test_a_wrong_argument_is_the_projects_own_error(record: tradetalks.Dataset) -> None:
    for export in (to_records, to_csv, to_arrow):
        with pytest.raises(InvalidValueError, match=r"^dataset: expected a Dataset, not str"):
            export("stockholm.json", "parties")  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"^dataset: expected a Dataset, not str"):
        to_ical("stockholm.json")  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"^who: expected an id, a name"):
        record.speaker(5)  # type: ignore[arg-type]  # on purpose
    term = record.truces[0].terms[0]
    with pytest.raises(InvalidValueError, match=r"^following: expected a TruceTerm, not str"):
        term.continued_by("2025-08-12")  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"has no column 'end'; its columns: "):
        TABLES["truce_terms"].column("end")


def test_one_record_where_a_list_is_taken_and_a_dateline_as_text() -> None:
    source = _source()
    said = Evidence.find(source, "Zhou Mi")
    # One piece of evidence, not a list of one: taken at run time (the type says a list).
    zhou = tradetalks.Person(id="zhou-mi", name="Zhou Mi", evidence=said)  # type: ignore[arg-type]
    assert zhou.evidence == (said,)
    with pytest.raises(InvalidValueError, match=r"give a list, such as \[x\]"):
        tradetalks.Person(id="zhou-mi", name="Zhou Mi", evidence=5)  # type: ignore[arg-type]
    # Wednesday 30 July 2025: "on Tuesday" is the 29th, whether the dateline is text or a date.
    assert resolve_date("on Tuesday", "2025-07-30") == resolve_date(
        "on Tuesday", dt.date(2025, 7, 30)
    )
    assert str(resolve_date("on Tuesday", "2025-07-30").value) == "2025-07-29"
