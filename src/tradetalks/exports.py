"""A :class:`~tradetalks.Dataset` out to the tools analysts use: rows, CSV, Arrow, Parquet.

Every export here writes the typed tables of :mod:`tradetalks.tables` (one row per record,
one row per item of a list: ``statement_speakers``, ``truce_parties``, ``evidence``, ...),
so a column has the same name, type and meaning in each format:

* :func:`to_records`: a list of dicts of plain JSON values (``str``, ``int`` or ``None``;
  a day as ISO text, ``2025-07-29``; an instant in UTC as ``2025-08-12T04:01:00Z``), ready
  for ``pandas.DataFrame`` or ``json.dumps``; :func:`to_json` (a JSON array of them) and
  :func:`to_ndjson` (one JSON object a line) write them as text.
* :func:`to_csv`: one table as CSV; :func:`write_csv_package` every table as CSV with a
  Frictionless data package (``datapackage.json``: each field's type, each table's primary
  key and foreign keys), made by :func:`data_package`.
* :func:`to_arrow`: one table as a ``pyarrow.Table`` with its declared schema (``date32``
  days, ``timestamp[us, tz=UTC]`` instants, dictionary-encoded enums, ``int64`` numbers;
  a column is nullable only where the record can leave it empty), and
  :func:`write_parquet` every table as a Parquet file. These need the optional ``pyarrow``
  (``pip install 'tradetalks[arrow]'``).
* :func:`to_ical` (from :mod:`tradetalks.ical`): rounds, meetings and truce deadlines as
  iCalendar events.
* :func:`to_web_annotations` (from :mod:`tradetalks.annotations`): every piece of evidence
  as a W3C Web Annotation, for annotation tools.

CSV is safe to open in a spreadsheet by default: a text cell beginning with ``=``, ``+``,
``-``, ``@``, a tab, a carriage return or NUL, which a spreadsheet would run as a formula,
is written with a leading ``'`` (see :func:`to_csv`; ``spreadsheet_safe=False`` writes it
as it is).

>>> from tradetalks.exports import to_records
>>> from tradetalks.fixtures import stockholm_2025
>>> rows = to_records(stockholm_2025(), "rounds")
>>> [(r["id"], r["dates"], r["dates_earliest"], r["dates_latest"])
...  for r in rows]  # doctest: +NORMALIZE_WHITESPACE
[('geneva-2025', '2025-05', '2025-05-01', '2025-05-31'),
 ('london-2025', '2025-06', '2025-06-01', '2025-06-30'),
 ('stockholm-2025', '2025-07-28/2025-07-29', '2025-07-28', '2025-07-29')]
"""

from __future__ import annotations

__all__ = [
    "COLUMNS",
    "FORMULA_STARTS",
    "KINDS",
    "arrow_schema",
    "data_package",
    "to_arrow",
    "to_csv",
    "to_ical",
    "to_json",
    "to_ndjson",
    "to_records",
    "to_web_annotations",
    "write_csv_package",
    "write_parquet",
]

import csv
import datetime as dt
import importlib.util
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradetalks.annotations import to_web_annotations
from tradetalks.errors import InvalidValueError
from tradetalks.ical import to_ical
from tradetalks.tables import TABLES, Column, ColumnType, Table

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pyarrow as pa

    from tradetalks.dataset import Dataset
    from tradetalks.tables import Value

Row = dict[str, str | int | None]

KINDS: tuple[str, ...] = tuple(TABLES)
"""The names of the tables every export writes, in order (:data:`tradetalks.tables.TABLES`).

>>> from tradetalks.exports import KINDS
>>> KINDS[:3], "truce_parties" in KINDS
(('sources', 'parties', 'organizations'), True)
"""

COLUMNS: dict[str, tuple[str, ...]] = {name: table.names for name, table in TABLES.items()}
"""The columns of each table, in order (the keys of every row of that table).

>>> from tradetalks.exports import COLUMNS
>>> COLUMNS["truce_parties"]
('truce_id', 'ordinal', 'party_code')
"""


def _table(kind: object) -> Table:
    table = TABLES.get(kind) if isinstance(kind, str) else None
    if table is None:
        raise InvalidValueError(
            f"{kind!r} is not a table; choose one of {', '.join(KINDS)}", where="kind"
        )
    return table


def _utc_text(instant: dt.datetime) -> str:
    """An instant in UTC as ISO 8601 text ending in ``Z`` (seconds, and microseconds if any)."""
    text = instant.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="auto")
    return f"{text}Z"


def _plain(value: Value) -> str | int | None:
    if isinstance(value, dt.datetime):
        return _utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_records(dataset: Dataset, kind: str) -> list[Row]:
    """One table as rows of plain values: a list of dicts of ``str``, ``int`` or ``None``.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        kind: the name of a table, one of :data:`KINDS` (``statements``,
            ``statement_speakers``, ``truce_terms``, ``evidence``, ...).

    Returns:
        One row per record (per list item for the tables of lists), in the dataset's
        order, every row of a table with the same keys (:data:`COLUMNS`), as described in
        :mod:`tradetalks.tables`. A ``DATE`` cell is ISO text (``2025-07-29``), a
        ``TIMESTAMP`` cell the instant in UTC as ISO text ending in ``Z``
        (``2025-08-12T04:01:00Z``); an empty cell is ``None``.

    Raises:
        InvalidValueError: for a name that is not a table.

    >>> from tradetalks.exports import to_records
    >>> from tradetalks.fixtures import stockholm_2025
    >>> row = to_records(stockholm_2025(), "statements")[0]
    >>> row["said_on"], row["said_on_words"], row["said_on_precision"], row["round_id"]
    ('2025-07-29', 'on Tuesday', 'day', 'stockholm-2025')
    >>> [(r["ordinal"], r["reporter_name"])
    ...  for r in to_records(stockholm_2025(), "statement_reporters")][:1]
    [(1, 'Xinhua News Agency')]

    A truce until further notice that ended early:

    >>> from tradetalks import Dataset, Truce, TruceTerm
    >>> record = stockholm_2025()
    >>> pause = Truce(id="pause", parties=[record.get("US")], suspended="duties",
    ...               derivation="an example",
    ...               terms=[TruceTerm(start="2025-05-14", end=None, derivation="an example")])
    >>> pause = pause.end_early(at="2026-02-20", reason="moot", derivation="a ruling")
    >>> mine = Dataset(sources=record.sources, organizations=record.organizations,
    ...                parties=record.parties, truces=[pause])
    >>> row = to_records(mine, "truces")[0]
    >>> row["expires"], row["ended_on"], row["ended_on_latest"], row["end_reason"]
    (None, '2026-02-20', '2026-02-20', 'moot')
    """
    table = _table(kind)
    return [{key: _plain(value) for key, value in row.items()} for row in table.rows(dataset)]


def to_json(dataset: Dataset, kind: str) -> str:
    """One table as a JSON array of row objects (the rows of :func:`to_records`).

    The text ends with a newline; non-ASCII characters are written as they are (UTF-8).

    Raises:
        InvalidValueError: for a name that is not a table.

    >>> import json
    >>> from tradetalks.exports import to_json
    >>> from tradetalks.fixtures import stockholm_2025
    >>> json.loads(to_json(stockholm_2025(), "parties"))
    [{'code': 'CN', 'name': 'China'}, {'code': 'US', 'name': 'United States'}]
    """
    return json.dumps(to_records(dataset, kind), indent=2, ensure_ascii=False) + "\n"


def to_ndjson(dataset: Dataset, kind: str) -> str:
    r"""One table as newline-delimited JSON: one row object a line, each line ending in ``\n``.

    A row's text that holds U+2028, U+2029 or U+0085, which some readers take for the end
    of a line, has them written as JSON escapes (``\u2028``): every reader splits the text
    into the same lines.

    Raises:
        InvalidValueError: for a name that is not a table.

    >>> from tradetalks.exports import to_ndjson
    >>> from tradetalks.fixtures import stockholm_2025
    >>> print(to_ndjson(stockholm_2025(), "parties"), end="")
    {"code": "CN", "name": "China"}
    {"code": "US", "name": "United States"}
    """
    rows = to_records(dataset, kind)
    return "".join(_one_line(json.dumps(row, ensure_ascii=False)) + "\n" for row in rows)


# The characters other than "\n" that some readers take for a line's end (str.splitlines):
# JSON lets a string hold them as they are, so they are written as escapes.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _one_line(text: str) -> str:
    """JSON text with no character a reader could take for the end of a line."""
    return text.translate(_LINE_BREAKS)


FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\0")
"""The first characters that make a spreadsheet read a CSV cell as a formula.

``=``, ``+``, ``-`` and ``@`` start a formula; OWASP's guidance on CSV injection adds the
tab and the carriage return, and OWASP ASVS 5.0 (V1.2.10) NUL. :func:`to_csv` puts a ``'``
before a text cell that begins with one of them.
"""


def to_csv(dataset: Dataset, kind: str, *, spreadsheet_safe: bool = True) -> str:
    r"""One kind of record as CSV text (RFC 4180: a header row, CRLF line ends).

    Empty values (``None``) are written as empty fields.

    A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
    (which can fetch a URL or start a program), so by default a text cell that begins with
    one of :data:`FORMULA_STARTS` (those four, a tab, a carriage return or NUL) is written
    with a ``'`` before it: a spreadsheet shows such a cell as text (some show the ``'``
    too) and runs nothing. Only text cells are changed, never the numbers the export
    writes (offsets, counts, round numbers), and a cell that begins with any other
    character is written as it is.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        kind: one of :data:`KINDS`, as for :func:`to_records`.
        spreadsheet_safe: ``True`` (the default) to put the ``'`` before such cells;
            ``False`` to write every cell exactly as it is in :func:`to_records`, for tools
            that are not spreadsheets (the ``'`` would be part of their text).

    Raises:
        InvalidValueError: for an unknown kind.

    >>> from tradetalks.exports import to_csv
    >>> from tradetalks.fixtures import stockholm_2025
    >>> print(to_csv(stockholm_2025(), "parties").replace("\r\n", "\n"), end="")
    code,name
    CN,China
    US,United States

    A name that would be a formula, safe by default and as it is on request:

    >>> import attrs
    >>> from tradetalks import Dataset
    >>> record = stockholm_2025()
    >>> formula = attrs.evolve(record.parties[1], name="=1+2")
    >>> mine = Dataset(sources=record.sources, organizations=record.organizations[:1],
    ...                parties=[record.parties[0], formula])
    >>> print(to_csv(mine, "parties").replace("\r\n", "\n"), end="")
    code,name
    CN,China
    US,'=1+2
    >>> to_csv(mine, "parties", spreadsheet_safe=False).splitlines()[2]
    'US,=1+2'
    """
    rows = to_records(dataset, kind)
    if spreadsheet_safe:
        rows = [_safe_cells(row) for row in rows]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _safe_cells(row: Row) -> Row:
    """The row with a ``'`` before each text cell that a spreadsheet would run as a formula."""
    return {
        key: "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
        for key, value in row.items()
    }


# --- Frictionless data package ----------------------------------------------------------

_FRICTIONLESS_TYPES = {
    ColumnType.TEXT: "string",
    ColumnType.ENUM: "string",
    ColumnType.INTEGER: "integer",
    ColumnType.DATE: "date",
    ColumnType.TIMESTAMP: "datetime",
}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _FRICTIONLESS_TYPES[column.type],
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table, *, spreadsheet_safe: bool) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    keys = [
        {
            "fields": c.name,
            # "" is the same resource (Frictionless Table Schema v1).
            "reference": {
                "resource": "" if c.references.table == table.name else c.references.table,
                "fields": c.references.column,
            },
        }
        for c in table.columns
        if c.references is not None
    ]
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": f"One row per {table.description}."
        + (_SAFE_NOTE if spreadsheet_safe else ""),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
        "schema": schema,
    }


_SAFE_NOTE = (
    " A text cell that begins with =, +, -, @, a tab, a carriage return or NUL is written"
    " with a ' before it, so that a spreadsheet does not run it as a formula."
)


def data_package(*, spreadsheet_safe: bool = False) -> dict[str, Any]:
    """The Frictionless data package descriptor of the CSV tables (``datapackage.json``).

    A ``tabular-data-package`` (Frictionless Data Package and Table Schema, v1) with one
    resource per table of :data:`KINDS`, in order, each at ``<table>.csv``: every field with
    its type (``string``, ``integer``, ``date``, ``datetime`` in UTC), its description, and
    constraints (``required`` where a cell cannot be empty, ``enum`` with the texts an enum
    column can hold); each table's ``primaryKey``, and a ``foreignKeys`` entry for each
    column that points into another table (``""`` for the same table). An empty cell is a
    missing value. The descriptor is the same for every dataset; the data is in the CSVs.

    Args:
        spreadsheet_safe: ``True`` for CSVs written spreadsheet-safe (:func:`to_csv`): each
            resource's description then says that a text cell that begins with a formula
            character has a ``'`` before it.

    Returns:
        A dict ready for ``json.dumps``.

    >>> from tradetalks.exports import data_package
    >>> package = data_package()
    >>> package["profile"], package["resources"][0]["path"]
    ('tabular-data-package', 'sources.csv')
    >>> speakers = next(r for r in package["resources"] if r["name"] == "statement_speakers")
    >>> (speakers["schema"]["primaryKey"],  # doctest: +NORMALIZE_WHITESPACE
    ...  speakers["schema"]["foreignKeys"][0])
    (['statement_id', 'ordinal'],
     {'fields': 'statement_id', 'reference': {'resource': 'statements', 'fields': 'id'}})
    """
    return {
        "profile": "tabular-data-package",
        "name": "tradetalks",
        "title": "A tradetalks dataset",
        "description": "The record of trade negotiations: sources, parties, people, rounds, "
        "meetings, statements, agreements and truces, each fact tied to the characters of its "
        "source (evidence.csv).",
        "resources": [
            _resource(table, spreadsheet_safe=spreadsheet_safe) for table in TABLES.values()
        ],
    }


def write_csv_package(
    dataset: Dataset, directory: str | Path, *, spreadsheet_safe: bool = True
) -> list[Path]:
    """Write every table as ``<table>.csv`` and the descriptor as ``datapackage.json``.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        directory: the folder to write in; it is made if missing. Files of the same names
            in it are replaced.
        spreadsheet_safe: as for :func:`to_csv`; a data package for tools that are not
            spreadsheets is better written with ``False``, so that no text gains a ``'``.

    Returns:
        The paths written: the CSVs in the order of :data:`KINDS`, then ``datapackage.json``.

    Raises:
        OSError: when the folder or a file cannot be written.

    >>> import json, tempfile
    >>> from pathlib import Path
    >>> from tradetalks.exports import write_csv_package
    >>> from tradetalks.fixtures import stockholm_2025
    >>> folder = Path(tempfile.mkdtemp())
    >>> paths = write_csv_package(stockholm_2025(), folder)
    >>> [p.name for p in paths][-2:], (folder / "parties.csv").read_text().splitlines()[1]
    (['evidence.csv', 'datapackage.json'], 'CN,China')
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in KINDS:
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(to_csv(dataset, name, spreadsheet_safe=spreadsheet_safe))
        written.append(path)
    descriptor = folder / "datapackage.json"
    package = data_package(spreadsheet_safe=spreadsheet_safe)
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    descriptor.write_text(text, encoding="utf-8")
    written.append(descriptor)
    return written


# --- Arrow and Parquet -------------------------------------------------------------------


def _require_pyarrow() -> None:
    """Raise an ImportError naming the extra when the optional ``pyarrow`` is missing."""
    if importlib.util.find_spec("pyarrow") is None:
        message = "Arrow and Parquet exports need pyarrow: pip install 'tradetalks[arrow]'"
        raise ImportError(message)


def _arrow_type(column: Column) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415 - an optional extra

    kind = column.type
    if kind is ColumnType.INTEGER:
        return pa.int64()
    if kind is ColumnType.DATE:
        return pa.date32()
    if kind is ColumnType.TIMESTAMP:
        return pa.timestamp("us", tz="UTC")
    if kind is ColumnType.ENUM:
        return pa.dictionary(pa.int32(), pa.string())
    return pa.string()


def arrow_schema(kind: str) -> pa.Schema:
    """The Arrow schema of one table: a field per column, with its type and nullability.

    Each field's metadata holds its ``description``; the schema's metadata holds the
    table's ``description`` and ``primary_key`` (comma-separated column names).

    Raises:
        InvalidValueError: for a name that is not a table.
        ImportError: when the optional ``pyarrow`` is missing; it names the extra.

    >>> from tradetalks.exports import arrow_schema
    >>> schema = arrow_schema("sources")
    >>> str(schema.field("published_on").type), schema.field("title").nullable
    ('date32[day]', True)
    """
    table = _table(kind)
    _require_pyarrow()
    import pyarrow as pa  # noqa: PLC0415 - an optional extra

    fields = [
        pa.field(
            c.name,
            _arrow_type(c),
            nullable=c.nullable,
            metadata={"description": c.description},
        )
        for c in table.columns
    ]
    meta: dict[bytes | str, bytes | str] = {
        "description": table.description,
        "primary_key": ",".join(table.primary_key),
    }
    return pa.schema(fields, metadata=meta)


def to_arrow(dataset: Dataset, kind: str) -> pa.Table:
    """One table as a ``pyarrow.Table`` with its declared schema (:func:`arrow_schema`).

    Days are ``date32``, instants ``timestamp[us, tz=UTC]`` (the zone's name is in the
    column beside, ``<bound>_zone``), enums dictionary-encoded strings, numbers ``int64``
    and the rest strings. A column's type never depends on the data: an empty table or an
    all-empty column has the same types, so tables of two datasets concatenate.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        kind: the name of a table, one of :data:`KINDS`.

    Raises:
        InvalidValueError: for a name that is not a table.
        ImportError: when the optional ``pyarrow`` is missing; it names the extra.

    >>> from tradetalks.exports import to_arrow
    >>> from tradetalks.fixtures import stockholm_2025
    >>> terms = to_arrow(stockholm_2025(), "truce_terms")
    >>> terms.num_rows, str(terms.schema.field("expires_earliest").type)
    (1, 'date32[day]')
    >>> terms.column("expires_latest").to_pylist()
    [datetime.date(2025, 8, 12)]
    """
    table = _table(kind)
    schema = arrow_schema(kind)
    import pyarrow as pa  # noqa: PLC0415 - an optional extra

    rows = list(table.rows(dataset))
    arrays = [
        pa.array([row[c.name] for row in rows], type=schema.field(c.name).type)
        for c in table.columns
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(
    dataset: Dataset, directory: str | Path, kinds: Iterable[str] = KINDS
) -> list[Path]:
    """Write tables as Parquet files, ``<table>.parquet``, each with its declared schema.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        directory: the folder to write in; it is made if missing. Files of the same names
            in it are replaced.
        kinds: the tables to write (default: all of :data:`KINDS`).

    Returns:
        The paths written, in the order of ``kinds``.

    Raises:
        InvalidValueError: for a name that is not a table (before anything is written).
        ImportError: when the optional ``pyarrow`` is missing; it names the extra.
        OSError: when the folder or a file cannot be written.

    >>> import tempfile
    >>> import pyarrow.parquet as pq
    >>> from tradetalks.exports import write_parquet
    >>> from tradetalks.fixtures import stockholm_2025
    >>> [path] = write_parquet(stockholm_2025(), tempfile.mkdtemp(), ["rounds"])
    >>> path.name, pq.read_table(path).column("dates_earliest").to_pylist()[2]
    ('rounds.parquet', datetime.date(2025, 7, 28))
    """
    names = list(kinds)
    for name in names:
        _table(name)
    _require_pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = folder / f"{name}.parquet"
        pq.write_table(to_arrow(dataset, name), path)
        written.append(path)
    return written
