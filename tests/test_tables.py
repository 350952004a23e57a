"""The typed tables, read back by the tools analysts use: pyarrow, DuckDB and pandas.

Each table's types are declared once (:mod:`tradetalks.tables`); these tests read the Arrow
tables, the Parquet files and the CSV data package back with pyarrow, DuckDB and pandas and
check that every column arrives with its declared type (none of type null, none left as
text for a tool to guess), that the row counts are those of the records, counted here from
the records themselves, and that the data package's keys hold.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import attrs
import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings

from tradetalks import (
    Agreement,
    Claim,
    Dataset,
    Delegate,
    Evidence,
    Meeting,
    Organization,
    Party,
    Person,
    Position,
    ResolvedDate,
    Round,
    Source,
    Statement,
    Truce,
    TruceEnd,
    TruceTerm,
)
from tradetalks.exports import (
    KINDS,
    arrow_schema,
    data_package,
    to_arrow,
    to_records,
    write_csv_package,
    write_parquet,
)
from tradetalks.fixtures import stockholm_2025
from tradetalks.strategies import datasets
from tradetalks.tables import TABLES, ColumnType

if TYPE_CHECKING:
    from pathlib import Path

# The reserved words of SQL:2016 (ISO/IEC 9075-2, 5.2 <reserved word>) that a table's
# column name could plausibly collide with; DuckDB's own non-unreserved keywords are read
# from DuckDB itself below.
SQL_RESERVED = frozenset(
    [
        "all",
        "and",
        "any",
        "array",
        "as",
        "at",
        "begin",
        "between",
        "both",
        "by",
        "call",
        "case",
        "cast",
        "check",
        "collate",
        "column",
        "condition",
        "constraint",
        "create",
        "cross",
        "current",
        "current_date",
        "cursor",
        "cycle",
        "date",
        "day",
        "default",
        "delete",
        "describe",
        "distinct",
        "double",
        "drop",
        "each",
        "else",
        "end",
        "escape",
        "except",
        "exists",
        "extract",
        "false",
        "fetch",
        "filter",
        "first",
        "for",
        "foreign",
        "from",
        "full",
        "function",
        "get",
        "global",
        "grant",
        "group",
        "having",
        "hour",
        "in",
        "inner",
        "insert",
        "interval",
        "into",
        "is",
        "join",
        "language",
        "last",
        "lateral",
        "leading",
        "left",
        "like",
        "limit",
        "local",
        "match",
        "member",
        "merge",
        "method",
        "minute",
        "module",
        "month",
        "natural",
        "new",
        "no",
        "none",
        "not",
        "null",
        "of",
        "offset",
        "old",
        "on",
        "only",
        "open",
        "or",
        "order",
        "out",
        "outer",
        "over",
        "partition",
        "percent",
        "period",
        "position",
        "precision",
        "primary",
        "range",
        "rank",
        "references",
        "result",
        "return",
        "right",
        "row",
        "rows",
        "second",
        "select",
        "session",
        "set",
        "similar",
        "some",
        "start",
        "system",
        "table",
        "then",
        "time",
        "timestamp",
        "to",
        "trailing",
        "true",
        "union",
        "unique",
        "unknown",
        "update",
        "user",
        "using",
        "value",
        "values",
        "when",
        "where",
        "window",
        "with",
        "within",
        "without",
        "year",
    ]
)

# What DuckDB calls each declared type.
DUCKDB_TYPES = {
    ColumnType.TEXT: "VARCHAR",
    ColumnType.ENUM: "VARCHAR",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DATE: "DATE",
    ColumnType.TIMESTAMP: "TIMESTAMP WITH TIME ZONE",
}
# What each declared type is in Arrow.
ARROW_TYPES = {
    ColumnType.TEXT: pa.string(),
    ColumnType.ENUM: pa.dictionary(pa.int32(), pa.string()),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DATE: pa.date32(),
    ColumnType.TIMESTAMP: pa.timestamp("us", tz="UTC"),
}
# What each Frictionless field type is in DuckDB, to read a CSV with the package's types.
FRICTIONLESS_TO_DUCKDB = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "date": "DATE",
    "datetime": "TIMESTAMPTZ",
}


def _evidence_count(dataset: Dataset) -> int:
    """Every quotation of every record, nested ones included, counted from the records."""
    count = 0
    for name in ("sources", "parties", "organizations", "people", "positions", "meetings"):
        count += sum(len(getattr(r, "evidence", ())) for r in getattr(dataset, name))
    for r in dataset.rounds:
        count += len(r.evidence) + sum(len(d.evidence) for d in r.delegates)
    for m in dataset.meetings:
        count += sum(len(d.evidence) for d in m.delegates)
    count += sum(len(s.evidence) for s in dataset.statements)
    count += sum(len(a.evidence) for a in dataset.agreements)
    count += sum(len(c.evidence) for c in dataset.claims)
    for t in dataset.truces:
        count += len(t.evidence) + sum(len(term.evidence) for term in t.terms)
        count += len(t.ended.evidence) if t.ended is not None else 0
    return count


def _expected_rows(dataset: Dataset) -> dict[str, int]:
    """How many rows each table must have, counted from the records, not from the tables."""
    return {
        "sources": len(dataset.sources),
        "parties": len(dataset.parties),
        "organizations": len(dataset.organizations),
        "people": len(dataset.people),
        "person_identifiers": sum(len(p.identifiers) for p in dataset.people),
        "positions": len(dataset.positions),
        "rounds": len(dataset.rounds),
        "round_outcomes": sum(len(r.outcomes) for r in dataset.rounds),
        "meetings": len(dataset.meetings),
        "meeting_participants": sum(len(m.participants) for m in dataset.meetings),
        "delegates": sum(len(r.delegates) for r in dataset.rounds)
        + sum(len(m.delegates) for m in dataset.meetings),
        "statements": len(dataset.statements),
        "statement_speakers": sum(len(s.speakers) for s in dataset.statements),
        "statement_reporters": sum(len(s.reported_by) for s in dataset.statements),
        "agreements": len(dataset.agreements),
        "agreement_parties": sum(len(a.parties) for a in dataset.agreements),
        "truces": len(dataset.truces),
        "truce_parties": sum(len(t.parties) for t in dataset.truces),
        "truce_terms": sum(len(t.terms) for t in dataset.truces),
        "claims": len(dataset.claims),
        "evidence": _evidence_count(dataset),
    }


def _query(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    relation = connection.sql(sql)
    assert relation is not None
    return relation.fetchall()


def _check_arrow_tables(dataset: Dataset) -> None:
    expected = _expected_rows(dataset)
    assert set(expected) == set(KINDS)
    for name in KINDS:
        table = to_arrow(dataset, name)
        assert table.num_rows == expected[name], name
        for column in TABLES[name].columns:
            field = table.schema.field(column.name)
            assert field.type == ARROW_TYPES[column.type], (name, column.name)
            assert not pa.types.is_null(field.type)
            assert field.nullable == column.nullable, (name, column.name)
            if not column.nullable:
                assert table.column(column.name).null_count == 0, (name, column.name)
            if column.choices:
                cells = set(table.column(column.name).to_pylist()) - {None}
                assert cells <= set(column.choices), (name, column.name)


def test_the_shipped_tables_have_their_declared_types_and_counts() -> None:
    record = stockholm_2025()
    _check_arrow_tables(record)
    # By hand, from the article: 25 statements, 3 rounds, 2 parties to the truce; 2 of the
    # statements carried by "the Xinhua News Agency" / "according to Xinhua News Agency",
    # one by CNN twice, one by Reuters and one by "the US media".
    assert to_arrow(record, "statements").num_rows == 25
    assert to_arrow(record, "truce_parties").column("party_code").to_pylist() == ["CN", "US"]
    reporters = to_arrow(record, "statement_reporters")
    assert reporters.column("reporter_name").to_pylist().count("Xinhua News Agency") == 2


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_statements=4))
def test_generated_tables_have_their_declared_types_and_counts(dataset: Dataset) -> None:
    _check_arrow_tables(dataset)
    connection = duckdb.connect()
    for name in KINDS:
        table = to_arrow(dataset, name)
        columns = TABLES[name].columns
        # DuckDB and pandas see the declared types, whatever the generated data holds.
        relation = connection.from_arrow(table)
        assert [str(t) for t in relation.types] == [DUCKDB_TYPES[c.type] for c in columns]
        frame = table.to_pandas(types_mapper=pd.ArrowDtype)
        for column in columns:
            dtype = frame[column.name].dtype
            assert isinstance(dtype, pd.ArrowDtype)
            assert dtype.pyarrow_dtype == ARROW_TYPES[column.type], (name, column.name)


def test_an_empty_table_keeps_its_types() -> None:
    """Two datasets' tables concatenate, even when one has no rows or an all-empty column."""
    record = stockholm_2025()
    empty = to_arrow(record, "agreements")
    assert empty.num_rows == 0
    assert empty.schema == arrow_schema("agreements")
    both = pa.concat_tables([to_arrow(record, "truces"), to_arrow(record, "truces")])
    # The shipped truce never ended: every ended_on cell is empty, yet typed.
    assert both.schema.field("ended_on_utc").type == pa.timestamp("us", tz="UTC")
    assert both.column("ended_on_earliest").null_count == 2


def test_an_instant_is_utc_with_its_zone_beside_it() -> None:
    record = stockholm_2025()
    term = TruceTerm(
        start="2025-08-12T00:01:00-04:00[America/New_York]",
        days=90,
        announced_on="2025-08-11",
        derivation="an example",
    )
    truce = Truce(id="t", parties=record.parties, suspended="tariffs", terms=[term], derivation="x")
    mine = Dataset(
        sources=record.sources,
        organizations=record.organizations,
        parties=record.parties,
        truces=[truce],
    )
    row = to_arrow(mine, "truce_terms").to_pylist()[0]
    # 00:01 EDT (UTC-4) on 12 August is 04:01 UTC; 90 days later, 00:01 EST (UTC-5) on
    # 10 November is 05:01 UTC (clocks went back on 2 November).
    assert row["begins_utc"] == dt.datetime(2025, 8, 12, 4, 1, tzinfo=dt.UTC)
    assert row["expires_utc"] == dt.datetime(2025, 11, 10, 5, 1, tzinfo=dt.UTC)
    assert row["expires_zone"] == "America/New_York"
    assert row["expires_latest"] == dt.date(2025, 11, 10)
    assert row["announced_on_utc"] is None  # a day, not an instant


def test_no_column_is_an_sql_keyword() -> None:
    sql = "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved'"
    reserved = {name for (name,) in _query(duckdb.default_connection(), sql)}
    assert "end" in reserved  # DuckDB's list is there to check against
    for table in TABLES.values():
        for name in table.names:
            assert name not in reserved, (table.name, name)
            assert name not in SQL_RESERVED, (table.name, name)


def test_every_table_names_a_primary_key_of_its_own_columns() -> None:
    for table in TABLES.values():
        assert table.primary_key
        for name in table.primary_key:
            assert not table.column(name).nullable, (table.name, name)
        for column in table.columns:
            if column.references is not None:
                target = TABLES[column.references.table]
                assert target.primary_key == (column.references.column,), (table.name, column)


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parquet")
    written = write_parquet(stockholm_2025(), folder)
    assert [p.name for p in written] == [f"{name}.parquet" for name in KINDS]
    return folder


@pytest.mark.parametrize("name", KINDS)
def test_parquet_read_by_pyarrow_duckdb_and_pandas(parquet_dir: Path, name: str) -> None:
    path = parquet_dir / f"{name}.parquet"
    columns = TABLES[name].columns
    assert pq.read_table(path).schema.equals(arrow_schema(name))
    described = _query(duckdb.default_connection(), f"DESCRIBE FROM read_parquet('{path}')")
    assert [(row[0], row[1]) for row in described] == [
        (c.name, DUCKDB_TYPES[c.type]) for c in columns
    ]
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    assert list(frame.columns) == [c.name for c in columns]
    for column in columns:
        dtype = frame[column.name].dtype
        assert isinstance(dtype, pd.ArrowDtype), (name, column.name)
        assert dtype.pyarrow_dtype == ARROW_TYPES[column.type], (name, column.name)
    assert len(frame) == _expected_rows(stockholm_2025())[name]


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("package")
    write_csv_package(stockholm_2025(), folder, spreadsheet_safe=False)
    return folder


def _read_csv(
    folder: Path, resource: dict[str, Any], connection: duckdb.DuckDBPyConnection | None = None
) -> duckdb.DuckDBPyRelation:
    """A CSV of the package read by DuckDB with the types the package declares."""
    types = {f["name"]: FRICTIONLESS_TO_DUCKDB[f["type"]] for f in resource["schema"]["fields"]}
    reader = connection if connection is not None else duckdb.default_connection()
    return reader.read_csv(str(folder / resource["path"]), header=True, columns=types)


def test_the_data_package_describes_every_table(package_dir: Path) -> None:
    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package == data_package()
    assert package["profile"] == "tabular-data-package"
    assert [r["name"] for r in package["resources"]] == list(KINDS)
    for resource in package["resources"]:
        assert (package_dir / resource["path"]).is_file()
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(TABLES[resource["name"]].names)


def test_the_csv_tables_read_back_with_the_declared_types(package_dir: Path) -> None:
    package = data_package()
    counts = _expected_rows(stockholm_2025())
    for resource in package["resources"]:
        relation = _read_csv(package_dir, resource)
        table = TABLES[resource["name"]]
        assert [(n, str(t)) for n, t in zip(relation.columns, relation.types, strict=True)] == [
            (c.name, DUCKDB_TYPES[c.type]) for c in table.columns
        ], table.name
        rows = relation.fetchall()
        assert len(rows) == counts[table.name]
        # The same values as the Parquet file's (rows of plain values, each as DuckDB sees it).
        plain = to_records(stockholm_2025(), table.name)
        for row, expected in zip(rows, plain, strict=True):
            for cell, column in zip(row, table.columns, strict=True):
                want = expected[column.name]
                if isinstance(cell, dt.datetime):
                    assert cell.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") == want
                elif isinstance(cell, dt.date):
                    assert cell.isoformat() == want
                else:
                    assert cell == want, (table.name, column.name)


def test_the_data_package_keys_hold(package_dir: Path) -> None:
    """Every primary key is unique and every foreign key finds its row, checked in SQL."""
    connection = duckdb.connect()
    package = data_package()
    for resource in package["resources"]:
        _read_csv(package_dir, resource, connection).create_view(resource["name"])
    for resource in package["resources"]:
        name, schema = resource["name"], resource["schema"]
        key = ", ".join(schema["primaryKey"])
        duplicated = _query(
            connection, f"SELECT {key}, count(*) FROM {name} GROUP BY ALL HAVING count(*) > 1"
        )
        assert duplicated == [], name
        for foreign in schema.get("foreignKeys", []):
            target = foreign["reference"]["resource"] or name
            field, their = foreign["fields"], foreign["reference"]["fields"]
            dangling = _query(
                connection,
                f"SELECT a.{field} FROM {name} a LEFT JOIN {target} b ON a.{field} = b.{their} "
                f"WHERE a.{field} IS NOT NULL AND b.{their} IS NULL",
            )
            assert dangling == [], (name, field)


def test_a_column_that_is_all_empty_still_has_its_type(package_dir: Path) -> None:
    # No statement in the shipped article is a truce's early end: every ended_on is empty.
    resource = next(r for r in data_package()["resources"] if r["name"] == "truces")
    relation = _read_csv(package_dir, resource)
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert types["ended_on_utc"] == "TIMESTAMP WITH TIME ZONE"
    assert types["ended_on_earliest"] == "DATE"
    assert relation.filter("ended_on_utc IS NOT NULL").fetchall() == []


def test_no_column_is_one_pandas_reads_as_a_date_by_its_name() -> None:
    """pandas.read_json turns a column into dates by its name alone (convert_dates=True):
    one ending in _at or _time, beginning with timestamp, or named modified, date or
    datetime. An EDTF month or an RFC 9557 text in such a column would be misread."""
    for table in TABLES.values():
        for name in table.names:
            assert not name.endswith(("_at", "_time")), (table.name, name)
            assert not name.startswith("timestamp"), (table.name, name)
            assert name not in {"modified", "date", "datetime"}, (table.name, name)


# Where each field of each record class is in the tables: "table.column" (a reference by its
# id or code; a list as a table of its own), or why it is not.
WHERE = {
    Source: {
        "id": "sources.id",
        "outlet": "sources.outlet_id",
        "title": "sources.title",
        "published_on": "sources.published_on",
        "url": "sources.url",
        "language": "sources.language_tag",
        "text": "sources.text",
        "text_file": "not a fact: where a dataset file keeps the text",
    },
    Party: {"code": "parties.code", "name": "parties.name", "evidence": "evidence.exact"},
    Organization: {
        "id": "organizations.id",
        "name": "organizations.name",
        "kind": "organizations.kind",
        "country": "organizations.country",
        "short_name": "organizations.short_name",
        "parent": "organizations.parent_id",
        "evidence": "evidence.exact",
    },
    Person: {
        "id": "people.id",
        "name": "people.name",
        "native_name": "people.native_name",
        "identifiers": "person_identifiers.identifier",
        "evidence": "evidence.exact",
    },
    Position: {
        "id": "positions.id",
        "person": "positions.person_id",
        "title": "positions.title",
        "organization": "positions.organization_id",
        "party": "positions.party_code",
        "valid": "positions.valid",
        "evidence": "evidence.exact",
    },
    Round: {
        "id": "rounds.id",
        "track": "rounds.track",
        "number": "rounds.number",
        "city": "rounds.city",
        "country": "rounds.country",
        "dates": "rounds.dates",
        "delegates": "delegates.person_id",
        "outcomes": "round_outcomes.outcome",
        "evidence": "evidence.exact",
    },
    Meeting: {
        "id": "meetings.id",
        "kind": "meetings.kind",
        "description": "meetings.description",
        "participants": "meeting_participants.participant_name",
        "city": "meetings.city",
        "country": "meetings.country",
        "dates": "meetings.dates",
        "delegates": "delegates.person_id",
        "evidence": "evidence.exact",
    },
    Delegate: {
        "person": "delegates.person_id",
        "party": "delegates.party_code",
        "role": "delegates.role",
        "title": "delegates.title",
        "evidence": "evidence.exact",
    },
    Statement: {
        "id": "statements.id",
        "speakers": "statement_speakers.speaker_name",
        "mode": "statements.mode",
        "text": "statements.text",
        "said_on": "statements.said_on",
        "audience": "statements.audience",
        "reported_by": "statement_reporters.reporter_name",
        "occasion": "statements.occasion_id",
        "evidence": "evidence.exact",
    },
    ResolvedDate: {
        "value": "statements.said_on",
        "words": "statements.said_on_words",
        "rule": "statements.said_on_rule",
        "tense": "statements.said_on_tense",
    },
    Agreement: {
        "id": "agreements.id",
        "title": "agreements.title",
        "parties": "agreement_parties.party_code",
        "made_on": "agreements.made_on",
        "evidence": "evidence.exact",
        "derivation": "agreements.derivation",
    },
    Truce: {
        "id": "truces.id",
        "parties": "truce_parties.party_code",
        "suspended": "truces.suspended",
        "terms": "truce_terms.begins",
        "agreement": "truces.agreement_id",
        "ended": "truces.ended_on",
        "evidence": "evidence.exact",
        "derivation": "truces.derivation",
    },
    TruceTerm: {
        "start": "truce_terms.begins",
        "end": "truce_terms.expires",
        "announced_on": "truce_terms.announced_on",
        "evidence": "evidence.exact",
        "derivation": "truce_terms.derivation",
    },
    TruceEnd: {
        "at": "truces.ended_on",
        "reason": "truces.end_reason",
        "announced_on": "truces.end_announced_on",
        "evidence": "evidence.exact",
        "derivation": "truces.end_derivation",
    },
    Claim: {
        "id": "claims.id",
        "claimed_by": "claims.claimed_by_name",
        "about": "claims.about_id",
        "field": "claims.field",
        "value": "claims.claimed_value",
        "evidence": "evidence.exact",
    },
    Evidence: {
        "source": "evidence.source_id",
        "start": "evidence.start_offset",
        "end": "evidence.end_offset",
        "exact": "evidence.exact",
    },
}


@pytest.mark.parametrize("cls", list(WHERE), ids=lambda cls: cls.__name__)
def test_every_field_of_every_record_is_in_a_table(cls: type) -> None:
    """A field added to a record class fails here until it has a column (or a reason)."""
    where = WHERE[cls]
    assert [f.name for f in attrs.fields(cls)] == list(where)
    for place in where.values():
        if place.startswith("not "):
            continue
        table, _, column = place.partition(".")
        assert column in TABLES[table].names, place


def test_a_spreadsheet_safe_package_says_so(tmp_path: Path) -> None:
    write_csv_package(stockholm_2025(), tmp_path)  # spreadsheet-safe, the default
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert resource["description"].endswith("does not run it as a formula."), resource
    assert package == data_package(spreadsheet_safe=True)
    assert package != data_package()
