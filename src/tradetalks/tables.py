"""The typed tables of a dataset: one definition of every column, used by every export.

A :class:`~tradetalks.Dataset` is a graph of records; an analyst's tools want tables. This
module says, once, which tables a dataset makes and what each column holds: its name, its
:class:`ColumnType`, whether it can be empty, what it means, and which table it points into.
:mod:`tradetalks.exports` writes the same rows as plain JSON values, CSV with a Frictionless
data package, NDJSON, and typed Arrow tables and Parquet files from these definitions, so a
column has the same name, type and meaning in every format.

The tables are long, not joined: a list in a record is a table of its own, one row per item
with its ``ordinal`` (1 for the first), so that no cell joins names with a separator
(``statement_speakers``, ``statement_reporters``, ``agreement_parties``, ``truce_parties``,
``truce_terms``, ``delegates``, ``meeting_participants``, ``round_outcomes``,
``person_identifiers``, ``evidence``). No column is named after an SQL keyword that a query
would have to quote (``end``, ``start``, ``language``, ``value``, ``position``, ``order``).

A date that may be known only to the month or year (a round's dates, when a statement was
made) is four columns: its EDTF text, its ``_earliest`` and ``_latest`` days (``DATE``;
empty on the side of an open or unknown end) and its ``_precision`` (``year``, ``month`` or
``day``). A bound of a truce, which is a date or an instant, adds two more: ``_utc``, the
instant in UTC (``TIMESTAMP``), and ``_zone``, its IANA zone; for an instant, ``_earliest``
and ``_latest`` are its day in its own zone and ``_precision`` is ``instant``.

>>> from tradetalks.fixtures import stockholm_2025
>>> from tradetalks.tables import TABLES
>>> rounds = TABLES["rounds"]
>>> [(c.name, c.type.value) for c in rounds.columns][5:]  # doctest: +NORMALIZE_WHITESPACE
[('dates', 'text'), ('dates_earliest', 'date'), ('dates_latest', 'date'), ('dates_precision',
 'enum')]
>>> rounds.primary_key
('id',)
>>> next(rounds.rows(stockholm_2025()))["dates_latest"]
datetime.date(2025, 5, 31)
"""

from __future__ import annotations

__all__ = ["TABLES", "Column", "ColumnType", "EvidenceAt", "ForeignKey", "Table", "evidence_in"]

import datetime as dt
import enum
from typing import TYPE_CHECKING, NamedTuple

import attrs

from tradetalks.actors import Organization, OrganizationKind, Person, UnnamedGroup
from tradetalks.dataset import COLLECTIONS, Dataset
from tradetalks.dates import DateSpan, PartialDate, Precision
from tradetalks.errors import InvalidValueError
from tradetalks.resolution import ResolutionRule, Tense
from tradetalks.statements import Mode
from tradetalks.talks import MeetingKind, Role, Round
from tradetalks.truces import EndReason, bound_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from tradetalks.sources import Evidence
    from tradetalks.talks import Meeting
    from tradetalks.truces import Bound

Value = str | int | dt.date | dt.datetime | None
"""A typed cell: text, a whole number, a day, an instant in UTC, or ``None`` for empty."""

Row = dict[str, Value]


class ColumnType(enum.Enum):
    """What a column holds, and so how each format writes it.

    ``TEXT``: a string. ``INTEGER``: a whole number (64 bits). ``DATE``: a day
    (:class:`datetime.date`; ISO text in CSV and JSON, ``date32`` in Arrow). ``TIMESTAMP``:
    an instant in UTC (an aware :class:`datetime.datetime`; ``2025-08-12T04:01:00Z`` in CSV
    and JSON, ``timestamp[us, tz=UTC]`` in Arrow). ``ENUM``: one of a fixed set of texts
    (:attr:`Column.choices`; a dictionary of strings in Arrow).

    >>> from tradetalks.tables import ColumnType
    >>> ColumnType.DATE.value
    'date'
    """

    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    TIMESTAMP = "timestamp"
    ENUM = "enum"


@attrs.frozen
class ForeignKey:
    """A column's reference: the table and column whose values it takes.

    >>> from tradetalks.tables import ForeignKey
    >>> ForeignKey("people", "id")
    ForeignKey(table='people', column='id')
    """

    table: str
    column: str


@attrs.frozen
class Column:
    """One column of a table: its name, type, whether it can be empty, and its meaning.

    Attributes:
        name: the column's name, lower-case words joined by ``_``.
        type: a :class:`ColumnType`.
        nullable: ``True`` when a cell can be empty (``None``).
        description: what a cell says, in a sentence.
        choices: for an ``ENUM`` column, the texts a cell can hold, in order; else ``()``.
        references: the :class:`ForeignKey` the column's values point to, or ``None``.

    >>> from tradetalks.tables import TABLES
    >>> column = TABLES["statements"].column("mode")
    >>> column.type.value, column.choices
    ('enum', ('direct', 'indirect', 'mixed'))
    """

    name: str
    type: ColumnType
    nullable: bool
    description: str
    choices: tuple[str, ...] = ()
    references: ForeignKey | None = None


@attrs.frozen
class Table:
    """One table a dataset makes: its columns, primary key and how its rows are made.

    Attributes:
        name: the table's name (``statements``, ``truce_parties``, ...).
        description: what one row is.
        columns: the :class:`Column` s, in order.
        primary_key: the names of the columns whose values together are unique in the table.
        make: a function of a :class:`~tradetalks.Dataset` that yields its rows.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.tables import TABLES
    >>> parties = TABLES["parties"]
    >>> parties.names, list(parties.rows(stockholm_2025()))[0]
    (('code', 'name'), {'code': 'CN', 'name': 'China'})
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    make: Callable[[Dataset], Iterator[Row]] = attrs.field(repr=False, eq=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The columns' names, in order.

        >>> from tradetalks.tables import TABLES
        >>> TABLES["truce_parties"].names
        ('truce_id', 'ordinal', 'party_code')
        """
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """The column called ``name``.

        Raises:
            InvalidValueError: when the table has no such column; it lists the columns.

        >>> from tradetalks.tables import TABLES
        >>> TABLES["sources"].column("published_on").type
        <ColumnType.DATE: 'date'>
        """
        for c in self.columns:
            if c.name == name:
                return c
        raise InvalidValueError(
            f"the table {self.name} has no column {name!r}; its columns: {', '.join(self.names)}",
            where="name",
        )

    def rows(self, dataset: Dataset) -> Iterator[Row]:
        """The table's rows for ``dataset``: dicts of typed cells keyed by column name.

        Each row has exactly the table's columns, in order; a cell is ``str``, ``int``,
        :class:`datetime.date`, an aware :class:`datetime.datetime` in UTC, or ``None``.
        Rows come in the dataset's order (a list's items in their order).

        Raises:
            InvalidValueError: when ``dataset`` is not a :class:`~tradetalks.Dataset`.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> from tradetalks.tables import TABLES
        >>> row = next(TABLES["statement_reporters"].rows(stockholm_2025()))
        >>> row["ordinal"], row["reporter_name"]
        (1, 'Xinhua News Agency')
        """
        if not isinstance(dataset, Dataset):
            raise InvalidValueError(
                f"expected a Dataset, not {type(dataset).__name__}", where="dataset"
            )
        return self.make(dataset)


# --- the columns that recur --------------------------------------------------------------


def _text(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, ColumnType.TEXT, nullable, description)


def _int(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, ColumnType.INTEGER, nullable, description)


def _day(name: str, *, description: str, nullable: bool) -> Column:
    return Column(name, ColumnType.DATE, nullable, description)


def _timestamp(name: str, *, description: str) -> Column:
    return Column(name, ColumnType.TIMESTAMP, nullable=True, description=description)


def _enum(
    name: str, kind: type[enum.Enum] | tuple[str, ...], description: str, *, nullable: bool = False
) -> Column:
    values = kind if isinstance(kind, tuple) else tuple(str(m.value) for m in kind)
    return Column(name, ColumnType.ENUM, nullable, description, values)


def _ref(name: str, table: str, column: str, description: str, *, nullable: bool = False) -> Column:
    return Column(
        name, ColumnType.TEXT, nullable, description, references=ForeignKey(table, column)
    )


def _ordinal(what: str) -> Column:
    return _int("ordinal", f"the place of the {what} in its list, 1 for the first")


_PRECISIONS = tuple(p.name.lower() for p in sorted(Precision))
_BOUND_PRECISIONS = (*_PRECISIONS, "instant")
_ACTOR_KINDS = ("person", "organization", "group")


def _date_columns(name: str, what: str, *, nullable: bool) -> tuple[Column, ...]:
    """The four columns of a date known to the day, month or year, or of a span of such."""
    return (
        _text(name, f"{what}, as EDTF text", nullable=nullable),
        _day(
            f"{name}_earliest",
            nullable=True,
            description=f"the first day {what} can be; empty when that end is open or not given",
        ),
        _day(
            f"{name}_latest",
            nullable=True,
            description=f"the last day {what} can be; empty when that end is open or not given",
        ),
        _enum(
            f"{name}_precision",
            _PRECISIONS,
            f"how much of {what} is known: year, month or day",
            nullable=nullable,
        ),
    )


def _bound_columns(name: str, what: str, *, nullable: bool) -> tuple[Column, ...]:
    """The six columns of a truce's bound: a date, or an instant in its zone."""
    return (
        _text(
            name, f"{what}: EDTF text for a date, RFC 9557 text for an instant", nullable=nullable
        ),
        _day(
            f"{name}_earliest",
            nullable=nullable,
            description=f"the first day {what} can be (an instant's day in its zone)",
        ),
        _day(
            f"{name}_latest",
            nullable=nullable,
            description=f"the last day {what} can be (an instant's day in its zone)",
        ),
        _enum(
            f"{name}_precision",
            _BOUND_PRECISIONS,
            f"how much of {what} is known: year, month, day, or the instant",
            nullable=nullable,
        ),
        _timestamp(f"{name}_utc", description=f"{what} in UTC; empty when it is a date"),
        _text(f"{name}_zone", f"the IANA zone of {what}; empty when it is a date", nullable=True),
    )


def _actor_columns(prefix: str, what: str) -> tuple[Column, ...]:
    """The columns of a person, an organization or an unnamed group in one list."""
    return (
        _enum(f"{prefix}_kind", _ACTOR_KINDS, f"what the {what} is: person, organization or group"),
        _ref("person_id", "people", "id", f"the {what}'s id when a person", nullable=True),
        _ref(
            "organization_id",
            "organizations",
            "id",
            f"the {what}'s id when an organization",
            nullable=True,
        ),
        _text(f"{prefix}_name", f"the {what}'s name, or the source's words for an unnamed group"),
    )


# --- the cells that recur ----------------------------------------------------------------


def _date_cells(name: str, value: PartialDate | DateSpan | None) -> Row:
    if value is None:
        return dict.fromkeys((name, f"{name}_earliest", f"{name}_latest", f"{name}_precision"))
    return {
        name: value.to_edtf(),
        f"{name}_earliest": value.earliest,
        f"{name}_latest": value.latest,
        f"{name}_precision": value.precision.name.lower(),
    }


def _bound_cells(name: str, bound: Bound | None) -> Row:
    if bound is None:
        return {**_date_cells(name, None), f"{name}_utc": None, f"{name}_zone": None}
    if isinstance(bound, PartialDate):
        return {**_date_cells(name, bound), f"{name}_utc": None, f"{name}_zone": None}
    return {
        name: bound_text(bound),
        f"{name}_earliest": bound.date(),
        f"{name}_latest": bound.date(),
        f"{name}_precision": "instant",
        f"{name}_utc": bound.astimezone(dt.UTC),
        f"{name}_zone": str(bound.tzinfo),
    }


def _actor_cells(prefix: str, who: Person | Organization | UnnamedGroup) -> Row:
    if isinstance(who, UnnamedGroup):
        kind, person, organization, name = "group", None, None, who.words
    elif isinstance(who, Person):
        kind, person, organization, name = "person", who.id, None, who.name
    else:
        kind, person, organization, name = "organization", None, who.id, who.name
    return {
        f"{prefix}_kind": kind,
        "person_id": person,
        "organization_id": organization,
        f"{prefix}_name": name,
    }


def _occasion_cells(occasion: Round | Meeting | None) -> Row:
    at_round = isinstance(occasion, Round)
    return {
        "occasion_id": occasion.id if occasion is not None else None,
        "round_id": occasion.id if occasion is not None and at_round else None,
        "meeting_id": occasion.id if occasion is not None and not at_round else None,
    }


def _occasion_columns(what: str, *, nullable: bool) -> tuple[Column, ...]:
    return (
        _text("occasion_id", f"the id of the round or meeting {what}", nullable=nullable),
        _ref("round_id", "rounds", "id", f"the round {what}, when a round", nullable=True),
        _ref("meeting_id", "meetings", "id", f"the meeting {what}, when a meeting", nullable=True),
    )


# --- the rows of each table --------------------------------------------------------------


def _sources(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.sources:
        yield {
            "id": s.id,
            "outlet_id": s.outlet.id,
            "title": s.title,
            "published_on": s.published_on,
            "url": s.url,
            "language_tag": s.language,
            "characters": len(s.text),
            "text": s.text,
        }


def _parties(dataset: Dataset) -> Iterator[Row]:
    for p in dataset.parties:
        yield {"code": p.code, "name": p.name}


def _organizations(dataset: Dataset) -> Iterator[Row]:
    for o in dataset.organizations:
        yield {
            "id": o.id,
            "name": o.name,
            "kind": o.kind.value,
            "country": o.country,
            "short_name": o.short_name,
            "parent_id": o.parent.id if o.parent else None,
        }


def _people(dataset: Dataset) -> Iterator[Row]:
    for p in dataset.people:
        yield {"id": p.id, "name": p.name, "native_name": p.native_name}


def _person_identifiers(dataset: Dataset) -> Iterator[Row]:
    for p in dataset.people:
        for scheme, identifier in p.identifiers.items():
            yield {"person_id": p.id, "scheme": scheme, "identifier": identifier}


def _positions(dataset: Dataset) -> Iterator[Row]:
    for p in dataset.positions:
        yield {
            "id": p.id,
            "person_id": p.person.id,
            "title": p.title,
            "organization_id": p.organization.id if p.organization else None,
            "party_code": p.party.code if p.party else None,
            **_date_cells("valid", p.valid),
        }


def _rounds(dataset: Dataset) -> Iterator[Row]:
    for r in dataset.rounds:
        yield {
            "id": r.id,
            "track": r.track,
            "number": r.number,
            "city": r.city,
            "country": r.country,
            **_date_cells("dates", r.dates),
        }


def _round_outcomes(dataset: Dataset) -> Iterator[Row]:
    for r in dataset.rounds:
        for ordinal, outcome in enumerate(r.outcomes, start=1):
            yield {"round_id": r.id, "ordinal": ordinal, "outcome": outcome}


def _meetings(dataset: Dataset) -> Iterator[Row]:
    for m in dataset.meetings:
        yield {
            "id": m.id,
            "kind": m.kind.value,
            "description": m.description,
            "city": m.city,
            "country": m.country,
            **_date_cells("dates", m.dates),
        }


def _meeting_participants(dataset: Dataset) -> Iterator[Row]:
    for m in dataset.meetings:
        for ordinal, who in enumerate(m.participants, start=1):
            yield {"meeting_id": m.id, "ordinal": ordinal, **_actor_cells("participant", who)}


def _delegates(dataset: Dataset) -> Iterator[Row]:
    occasions: tuple[Round | Meeting, ...] = (*dataset.rounds, *dataset.meetings)
    for occasion in occasions:
        for ordinal, d in enumerate(occasion.delegates, start=1):
            yield {
                **_occasion_cells(occasion),
                "ordinal": ordinal,
                "person_id": d.person.id,
                "party_code": d.party.code,
                "role": d.role.value,
                "title": d.title,
            }


def _statements(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.statements:
        said = s.said_on
        yield {
            "id": s.id,
            "mode": s.mode.value,
            "text": s.text,
            **_date_cells("said_on", said.value if said else None),
            "said_on_words": said.words if said else None,
            "said_on_rule": said.rule.value if said else None,
            "said_on_tense": said.tense.value if said else None,
            "audience": s.audience,
            **_occasion_cells(s.occasion),
        }


def _statement_speakers(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.statements:
        for ordinal, who in enumerate(s.speakers, start=1):
            yield {"statement_id": s.id, "ordinal": ordinal, **_actor_cells("speaker", who)}


def _statement_reporters(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.statements:
        for ordinal, who in enumerate(s.reported_by, start=1):
            cells = _actor_cells("reporter", who)
            del cells["person_id"]  # an outlet is an organization or an unnamed group
            yield {"statement_id": s.id, "ordinal": ordinal, **cells}


def _agreements(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.agreements:
        yield {
            "id": a.id,
            "title": a.title,
            **_date_cells("made_on", a.made_on),
            "derivation": a.derivation,
        }


def _agreement_parties(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.agreements:
        for ordinal, p in enumerate(a.parties, start=1):
            yield {"agreement_id": a.id, "ordinal": ordinal, "party_code": p.code}


def _truces(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.truces:
        ended = t.ended
        yield {
            "id": t.id,
            "suspended": t.suspended,
            "term_count": len(t.terms),
            **_bound_cells("begins", t.terms[0].start),
            **_bound_cells("expires", t.terms[-1].end),
            "agreement_id": t.agreement.id if t.agreement is not None else None,
            "derivation": t.derivation,
            **_bound_cells("ended_on", ended.at if ended is not None else None),
            "end_reason": ended.reason.value if ended is not None else None,
            **_bound_cells("end_announced_on", ended.announced_on if ended is not None else None),
            "end_derivation": ended.derivation if ended is not None else None,
        }


def _truce_parties(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.truces:
        for ordinal, p in enumerate(t.parties, start=1):
            yield {"truce_id": t.id, "ordinal": ordinal, "party_code": p.code}


def _truce_terms(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.truces:
        for ordinal, term in enumerate(t.terms, start=1):
            yield {
                "truce_id": t.id,
                "ordinal": ordinal,
                **_bound_cells("begins", term.start),
                **_bound_cells("expires", term.end),
                **_bound_cells("announced_on", term.announced_on),
                "derivation": term.derivation,
            }


def _claims(dataset: Dataset) -> Iterator[Row]:
    kinds = {cls: name for name, cls in COLLECTIONS}
    for c in dataset.claims:
        yield {
            "id": c.id,
            **_actor_cells("claimed_by", c.claimed_by),
            "about_kind": kinds[type(c.about)],
            "about_id": c.about.id,
            "field": c.field,
            "claimed_value": c.value,
        }


class EvidenceAt(NamedTuple):
    """One piece of evidence and where it stands in its dataset.

    Attributes:
        kind: the collection of its record (``"rounds"``).
        record_id: the record's id (a party's code).
        steps: the path within the record to the evidence list, as the dataset format
            writes it: ``("evidence",)``, ``("delegates", 0, "evidence")``,
            ``("terms", 1, "evidence")``, ``("ended", "evidence")``.
        place: its place in that list, from 0.
        evidence: the :class:`~tradetalks.Evidence`.
    """

    kind: str
    record_id: str
    steps: tuple[str | int, ...]
    place: int
    evidence: Evidence

    @property
    def field(self) -> str:
        """The path as errors and the ``evidence`` table write it, ``delegates[0].evidence``.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> from tradetalks.tables import evidence_in
        >>> at_stockholm = evidence_in(stockholm_2025())
        >>> sorted({e.field for e in at_stockholm if e.record_id == "stockholm-2025"})[:2]
        ['delegates[0].evidence', 'delegates[1].evidence']
        """
        steps = (f"[{s}]" if isinstance(s, int) else f".{s}" for s in self.steps)
        return "".join(steps)[1:]


def evidence_in(dataset: Dataset) -> Iterator[EvidenceAt]:
    """Every piece of evidence of a dataset, record by record, in the dataset's order.

    Collections in the order of :data:`tradetalks.dataset.COLLECTIONS`; within a record,
    its own evidence, then each delegate's, each truce term's and an early end's. The
    ``evidence`` table and :func:`tradetalks.annotations.to_web_annotations` both walk it.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.tables import evidence_in
    >>> first = next(evidence_in(stockholm_2025()))
    >>> first.kind, first.record_id, first.field, first.evidence.exact[:26]
    ('parties', 'CN', 'evidence', 'a new round of China-U.S. ')
    """
    for kind, _ in COLLECTIONS:
        for record in getattr(dataset, kind):
            lists: list[tuple[tuple[str | int, ...], tuple[Evidence, ...]]] = [
                (("evidence",), getattr(record, "evidence", ()))
            ]
            lists += [
                (("delegates", i, "evidence"), d.evidence)
                for i, d in enumerate(getattr(record, "delegates", ()))
            ]
            lists += [
                (("terms", i, "evidence"), term.evidence)
                for i, term in enumerate(getattr(record, "terms", ()))
            ]
            ended = getattr(record, "ended", None)
            if ended is not None:
                lists.append((("ended", "evidence"), ended.evidence))
            for steps, pieces in lists:
                for place, piece in enumerate(pieces):
                    yield EvidenceAt(kind, record.id, steps, place, piece)


def _evidence(dataset: Dataset) -> Iterator[Row]:
    for at in evidence_in(dataset):
        piece = at.evidence
        yield {
            "record_kind": at.kind,
            "record_id": at.record_id,
            "field": at.field,
            "ordinal": at.place + 1,
            "source_id": piece.source.id,
            "start_offset": piece.start,
            "end_offset": piece.end,
            "exact": piece.exact,
        }


# --- the tables --------------------------------------------------------------------------

_KINDS = tuple(name for name, _ in COLLECTIONS)

_ID = _text("id", "the record's id")

_TABLE_LIST: tuple[Table, ...] = (
    Table(
        "sources",
        "a source: an article the facts are quoted from",
        (
            _ID,
            _ref("outlet_id", "organizations", "id", "the outlet that published it"),
            _text("title", "its headline", nullable=True),
            _day("published_on", nullable=False, description="its dateline"),
            _text("url", "where it was published", nullable=True),
            _text("language_tag", "the BCP 47 language tag of its text (en, zh-Hans)"),
            _int("characters", "the length of its text in Unicode code points"),
            _text("text", "its text, as published: the evidence's offsets count into it"),
        ),
        ("id",),
        _sources,
    ),
    Table(
        "parties",
        "a party to the talks: a state or customs territory",
        (
            _text("code", "its code: ISO 3166-1 alpha-2 for a country, or a bloc's (EU)"),
            _text("name", "its name"),
        ),
        ("code",),
        _parties,
    ),
    Table(
        "organizations",
        "an organization: a ministry, an outlet, a company, ...",
        (
            _ID,
            _text("name", "its name"),
            _enum("kind", OrganizationKind, "what kind of organization it is"),
            _text("country", "its ISO 3166-1 alpha-2 country code", nullable=True),
            _text("short_name", "its short name or acronym", nullable=True),
            _ref(
                "parent_id", "organizations", "id", "the organization it is part of", nullable=True
            ),
        ),
        ("id",),
        _organizations,
    ),
    Table(
        "people",
        "a person named in a source",
        (
            _ID,
            _text("name", "the name in the source's language and script"),
            _text("native_name", "the name in the person's own script", nullable=True),
        ),
        ("id",),
        _people,
    ),
    Table(
        "person_identifiers",
        "an identifier of a person in another register (a Wikidata item, ...)",
        (
            _ref("person_id", "people", "id", "the person"),
            _text("scheme", "the register (wikidata, ...)"),
            _text("identifier", "the person's identifier in it"),
        ),
        ("person_id", "scheme"),
        _person_identifiers,
    ),
    Table(
        "positions",
        "a position a person held: a title, in an organization, for a party",
        (
            _ID,
            _ref("person_id", "people", "id", "who held it"),
            _text("title", "the title as the source gives it"),
            _ref("organization_id", "organizations", "id", "where it was held", nullable=True),
            _ref("party_code", "parties", "code", "the party it was held for", nullable=True),
            *_date_columns("valid", "when it was held", nullable=True),
        ),
        ("id",),
        _positions,
    ),
    Table(
        "rounds",
        "a numbered round of talks on a track",
        (
            _ID,
            _text("track", "the track of talks it belongs to"),
            _int("number", "its number on the track", nullable=True),
            _text("city", "where it was held"),
            _text("country", "the ISO 3166-1 alpha-2 code of where it was held", nullable=True),
            *_date_columns("dates", "when it was held", nullable=False),
        ),
        ("id",),
        _rounds,
    ),
    Table(
        "round_outcomes",
        "an outcome of a round, in the source's words",
        (
            _ref("round_id", "rounds", "id", "the round"),
            _ordinal("outcome"),
            _text("outcome", "the outcome"),
        ),
        ("round_id", "ordinal"),
        _round_outcomes,
    ),
    Table(
        "meetings",
        "a meeting, summit or call outside the numbered rounds",
        (
            _ID,
            _enum("kind", MeetingKind, "what kind of meeting it was"),
            _text("description", "what it was, in a sentence"),
            _text("city", "where it was held", nullable=True),
            _text("country", "the ISO 3166-1 alpha-2 code of where it was held", nullable=True),
            *_date_columns("dates", "when it was held", nullable=True),
        ),
        ("id",),
        _meetings,
    ),
    Table(
        "meeting_participants",
        "a participant in a meeting",
        (
            _ref("meeting_id", "meetings", "id", "the meeting"),
            _ordinal("participant"),
            *_actor_columns("participant", "participant"),
        ),
        ("meeting_id", "ordinal"),
        _meeting_participants,
    ),
    Table(
        "delegates",
        "a member of a party's delegation to a round or meeting",
        (
            *_occasion_columns("of the delegation", nullable=False),
            _ordinal("delegate"),
            _ref("person_id", "people", "id", "the delegate"),
            _ref("party_code", "parties", "code", "the party the delegate stood for"),
            _enum("role", Role, "lead or member of the delegation"),
            _text("title", "the delegate's title at the time"),
        ),
        ("occasion_id", "ordinal"),
        _delegates,
    ),
    Table(
        "statements",
        "something said, as a source reports it",
        (
            _ID,
            _enum("mode", Mode, "direct (quoted), indirect (reported) or mixed"),
            _text("text", "what was said, in the source's words"),
            *_date_columns("said_on", "when it was said", nullable=True),
            _text("said_on_words", "the source's words for the date", nullable=True),
            _enum("said_on_rule", ResolutionRule, "how the date was read", nullable=True),
            _enum("said_on_tense", Tense, "the direction its words point in", nullable=True),
            _text("audience", "to whom it was said", nullable=True),
            *_occasion_columns("at which it was said", nullable=True),
        ),
        ("id",),
        _statements,
    ),
    Table(
        "statement_speakers",
        "a speaker of a statement",
        (
            _ref("statement_id", "statements", "id", "the statement"),
            _ordinal("speaker"),
            *_actor_columns("speaker", "speaker"),
        ),
        ("statement_id", "ordinal"),
        _statement_speakers,
    ),
    Table(
        "statement_reporters",
        "an outlet that carried a statement before the source, in the reporting chain",
        (
            _ref("statement_id", "statements", "id", "the statement"),
            _int("ordinal", "its place in the reporting chain, 1 for the first to carry it"),
            _enum("reporter_kind", ("organization", "group"), "an organization or unnamed group"),
            _ref(
                "organization_id",
                "organizations",
                "id",
                "the outlet's id when an organization",
                nullable=True,
            ),
            _text("reporter_name", "the outlet's name, or the source's words for it"),
        ),
        ("statement_id", "ordinal"),
        _statement_reporters,
    ),
    Table(
        "agreements",
        "an agreement between parties (a joint statement, a consensus)",
        (
            _ID,
            _text("title", "its title"),
            *_date_columns("made_on", "when it was made", nullable=False),
            _text("derivation", "how it was worked out, when no quotation gives it", nullable=True),
        ),
        ("id",),
        _agreements,
    ),
    Table(
        "agreement_parties",
        "a party to an agreement",
        (
            _ref("agreement_id", "agreements", "id", "the agreement"),
            _ordinal("party"),
            _ref("party_code", "parties", "code", "the party"),
        ),
        ("agreement_id", "ordinal"),
        _agreement_parties,
    ),
    Table(
        "truces",
        "a truce: a suspension of measures, over one or more terms",
        (
            _ID,
            _text("suspended", "what it suspends"),
            _int("term_count", "how many terms it has"),
            *_bound_columns("begins", "the start of its first term", nullable=False),
            *_bound_columns(
                "expires",
                "the end of its last term as scheduled (empty: until further notice)",
                nullable=True,
            ),
            _ref("agreement_id", "agreements", "id", "the agreement it carries out", nullable=True),
            _text("derivation", "how it was worked out, when no quotation gives it", nullable=True),
            *_bound_columns("ended_on", "when it ended before its deadline", nullable=True),
            _enum("end_reason", EndReason, "why it ended early", nullable=True),
            *_bound_columns("end_announced_on", "when its early end was announced", nullable=True),
            _text(
                "end_derivation",
                "how its early end was worked out, when no quotation gives it",
                nullable=True,
            ),
        ),
        ("id",),
        _truces,
    ),
    Table(
        "truce_parties",
        "a party that suspends measures under a truce",
        (
            _ref("truce_id", "truces", "id", "the truce"),
            _ordinal("party"),
            _ref("party_code", "parties", "code", "the party"),
        ),
        ("truce_id", "ordinal"),
        _truce_parties,
    ),
    Table(
        "truce_terms",
        "a term of a truce: from a start to a deadline, as announced",
        (
            _ref("truce_id", "truces", "id", "the truce"),
            _ordinal("term"),
            *_bound_columns("begins", "its start", nullable=False),
            *_bound_columns("expires", "its end (empty: until further notice)", nullable=True),
            *_bound_columns("announced_on", "when it was announced", nullable=True),
            _text("derivation", "how it was worked out, when no quotation gives it", nullable=True),
        ),
        ("truce_id", "ordinal"),
        _truce_terms,
    ),
    Table(
        "claims",
        "what one source claims a field of a record is, where sources disagree",
        (
            _ID,
            *_actor_columns("claimed_by", "claimant"),
            _enum("about_kind", _KINDS, "the kind of record the claim is about"),
            _text("about_id", "the id (a party's code) of the record it is about"),
            _text("field", "the field it is about"),
            _text("claimed_value", "the value claimed, as text"),
        ),
        ("id",),
        _claims,
    ),
    Table(
        "evidence",
        "a quotation of a source that supports a field of a record",
        (
            _enum("record_kind", _KINDS, "the kind of record it supports"),
            _text("record_id", "the id (a party's code) of that record"),
            _text("field", "the path of the field within the record (terms[0].evidence)"),
            _ordinal("quotation"),
            _ref("source_id", "sources", "id", "the source quoted"),
            _int("start_offset", "where the quotation starts in the source's text, in code points"),
            _int("end_offset", "where it ends (exclusive), in code points"),
            _text("exact", "the quotation"),
        ),
        ("record_kind", "record_id", "field", "ordinal"),
        _evidence,
    ),
)

TABLES: Mapping[str, Table] = {table.name: table for table in _TABLE_LIST}
"""Every table a dataset makes, by name, in the order they are written.

>>> from tradetalks.tables import TABLES
>>> list(TABLES)[:4]
['sources', 'parties', 'organizations', 'people']
"""
