"""Flat rows, CSV and iCalendar out of a :class:`~tradetalks.Dataset`.

:func:`to_records` turns one kind of record into a list of flat rows, each a dict of plain
values (``str``, ``int`` or ``None``; dates as EDTF text with their earliest and latest
days as ISO text, instants as RFC 9557 text), ready for ``pandas.DataFrame``, polars or
DuckDB. References become ids; lists become rows of their own (``statement_speakers``,
``delegates``, ``evidence``, ``truce_terms``). The earliest or latest day of a span whose
start or end is open or unknown (``2025-07-28/``) is ``None``, and so is the end of a truce
term until further notice. :func:`to_csv` writes the same rows as CSV, and :func:`to_ical`
writes the rounds, meetings, truce deadlines and early ends of truces as iCalendar (RFC
5545) events, with the optional ``icalendar`` package (``pip install
'tradetalks[calendar]'``).

CSV is safe to open in a spreadsheet by default: a text cell beginning with ``=``, ``+``,
``-``, ``@``, a tab, a carriage return or NUL, which a spreadsheet would run as a formula,
is written with a leading ``'`` (see :func:`to_csv`; ``spreadsheet_safe=False`` writes it
as it is).

>>> from tradetalks.fixtures import stockholm_2025
>>> rows = to_records(stockholm_2025(), "rounds")
>>> [(r["id"], r["dates"], r["earliest"], r["latest"]) for r in rows]
[('geneva-2025', '2025-05', '2025-05-01', '2025-05-31'), ('london-2025', '2025-06', '2025-06-01', '2025-06-30'), ('stockholm-2025', '2025-07-28/2025-07-29', '2025-07-28', '2025-07-29')]
"""

from __future__ import annotations

__all__ = ["COLUMNS", "FORMULA_STARTS", "KINDS", "to_csv", "to_ical", "to_records"]

import csv
import io
from typing import TYPE_CHECKING

from tradetalks.actors import UnnamedGroup
from tradetalks.errors import InvalidValueError
from tradetalks.ical import to_ical
from tradetalks.talks import Round
from tradetalks.truces import bound_text

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterator

    from tradetalks.actors import Organization, Person
    from tradetalks.dataset import Dataset
    from tradetalks.talks import Meeting
    from tradetalks.truces import Bound

Row = dict[str, str | int | None]


def _name(who: Person | Organization | UnnamedGroup) -> str:
    return who.words if isinstance(who, UnnamedGroup) else who.name


def _ident(who: object) -> str | None:
    return None if isinstance(who, UnnamedGroup) else getattr(who, "id", None)


def _iso(day: dt.date | None) -> str | None:
    """A day as ISO text; ``None`` for the missing day of an open or unknown end."""
    return None if day is None else day.isoformat()


def _text(bound: Bound | None) -> str | None:
    """A bound as EDTF (a date) or RFC 9557 (an instant) text; ``None`` for no bound."""
    return None if bound is None else bound_text(bound)


def _sources(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.sources:
        yield {
            "id": s.id,
            "outlet_id": s.outlet.id,
            "title": s.title,
            "published_on": s.published_on.isoformat(),
            "url": s.url,
            "language": s.language,
            "characters": len(s.text),
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


def _positions(dataset: Dataset) -> Iterator[Row]:
    for p in dataset.positions:
        yield {
            "id": p.id,
            "person_id": p.person.id,
            "title": p.title,
            "organization_id": p.organization.id if p.organization else None,
            "party_code": p.party.code if p.party else None,
            "valid": p.valid.to_edtf() if p.valid else None,
        }


def _rounds(dataset: Dataset) -> Iterator[Row]:
    for r in dataset.rounds:
        yield {
            "id": r.id,
            "track": r.track,
            "number": r.number,
            "city": r.city,
            "country": r.country,
            "dates": r.dates.to_edtf(),
            "earliest": _iso(r.dates.earliest),
            "latest": _iso(r.dates.latest),
        }


def _delegates(dataset: Dataset) -> Iterator[Row]:
    occasions: tuple[Round | Meeting, ...] = (*dataset.rounds, *dataset.meetings)
    for occasion in occasions:
        at_round = isinstance(occasion, Round)
        for d in occasion.delegates:
            yield {
                "round_id": occasion.id if at_round else None,
                "person_id": d.person.id,
                "party_code": d.party.code,
                "role": d.role.value,
                "title": d.title,
                "meeting_id": None if at_round else occasion.id,
            }


def _meetings(dataset: Dataset) -> Iterator[Row]:
    for m in dataset.meetings:
        yield {
            "id": m.id,
            "kind": m.kind.value,
            "description": m.description,
            "city": m.city,
            "country": m.country,
            "dates": m.dates.to_edtf() if m.dates else None,
            "earliest": _iso(m.dates.earliest) if m.dates else None,
            "latest": _iso(m.dates.latest) if m.dates else None,
        }


def _statements(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.statements:
        said = s.said_on
        yield {
            "id": s.id,
            "speakers": "; ".join(s.speaker_names),
            "mode": s.mode.value,
            "text": s.text,
            "said_on": said.value.to_edtf() if said else None,
            "said_on_earliest": said.value.earliest.isoformat() if said else None,
            "said_on_latest": said.value.latest.isoformat() if said else None,
            "said_on_words": said.words if said else None,
            "said_on_rule": said.rule.value if said else None,
            "audience": s.audience,
            "reported_by": "; ".join(_name(r) for r in s.reported_by) or None,
            "occasion_id": s.occasion.id if s.occasion else None,
        }


def _statement_speakers(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.statements:
        for index, who in enumerate(s.speakers):
            yield {
                "statement_id": s.id,
                "index": index,
                "speaker_id": _ident(who),
                "speaker_name": _name(who),
            }


def _agreements(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.agreements:
        yield {
            "id": a.id,
            "title": a.title,
            "parties": "; ".join(p.code for p in a.parties),
            "made_on": a.made_on.to_edtf(),
            "derivation": a.derivation,
        }


def _truces(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.truces:
        ended = t.ended
        yield {
            "id": t.id,
            "parties": "; ".join(p.code for p in t.parties),
            "suspended": t.suspended,
            "terms": len(t.terms),
            "start": bound_text(t.terms[0].start),
            "end": _text(t.terms[-1].end),
            "agreement_id": t.agreement.id if t.agreement is not None else None,
            "derivation": t.derivation,
            "ended_at": _text(ended.at) if ended is not None else None,
            "end_reason": ended.reason.value if ended is not None else None,
            "end_announced_on": _text(ended.announced_on) if ended is not None else None,
        }


def _truce_terms(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.truces:
        for index, term in enumerate(t.terms):
            yield {
                "truce_id": t.id,
                "index": index,
                "start": bound_text(term.start),
                "end": _text(term.end),
                "announced_on": _text(term.announced_on),
                "derivation": term.derivation,
            }


def _evidence(dataset: Dataset) -> Iterator[Row]:
    from tradetalks.dataset import COLLECTIONS  # noqa: PLC0415 - dataset imports this module

    for name, _ in COLLECTIONS:
        for record in getattr(dataset, name):
            pieces = [("evidence", e) for e in getattr(record, "evidence", ())]
            pieces += [
                (f"delegates[{i}].evidence", e)
                for i, d in enumerate(getattr(record, "delegates", ()))
                for e in d.evidence
            ]
            pieces += [
                (f"terms[{i}].evidence", e)
                for i, term in enumerate(getattr(record, "terms", ()))
                for e in term.evidence
            ]
            ended = getattr(record, "ended", None)
            pieces += [("ended.evidence", e) for e in (ended.evidence if ended else ())]
            for field, piece in pieces:
                yield {
                    "record_kind": name,
                    "record_id": record.id,
                    "field": field,
                    "source_id": piece.source.id,
                    "start": piece.start,
                    "end": piece.end,
                    "exact": piece.exact,
                }


_MAKERS: dict[str, Callable[[Dataset], Iterator[Row]]] = {
    "sources": _sources,
    "parties": _parties,
    "organizations": _organizations,
    "people": _people,
    "positions": _positions,
    "rounds": _rounds,
    "delegates": _delegates,
    "meetings": _meetings,
    "statements": _statements,
    "statement_speakers": _statement_speakers,
    "agreements": _agreements,
    "truces": _truces,
    "truce_terms": _truce_terms,
    "evidence": _evidence,
}

KINDS: tuple[str, ...] = tuple(_MAKERS)
"""The kinds of rows :func:`to_records` makes."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("id", "outlet_id", "title", "published_on", "url", "language", "characters"),
    "parties": ("code", "name"),
    "organizations": ("id", "name", "kind", "country", "short_name", "parent_id"),
    "people": ("id", "name", "native_name"),
    "positions": ("id", "person_id", "title", "organization_id", "party_code", "valid"),
    "rounds": ("id", "track", "number", "city", "country", "dates", "earliest", "latest"),
    "delegates": ("round_id", "person_id", "party_code", "role", "title", "meeting_id"),
    "meetings": ("id", "kind", "description", "city", "country", "dates", "earliest", "latest"),
    "statements": (
        "id",
        "speakers",
        "mode",
        "text",
        "said_on",
        "said_on_earliest",
        "said_on_latest",
        "said_on_words",
        "said_on_rule",
        "audience",
        "reported_by",
        "occasion_id",
    ),
    "statement_speakers": ("statement_id", "index", "speaker_id", "speaker_name"),
    "agreements": ("id", "title", "parties", "made_on", "derivation"),
    "truces": (
        "id",
        "parties",
        "suspended",
        "terms",
        "start",
        "end",
        "agreement_id",
        "derivation",
        "ended_at",
        "end_reason",
        "end_announced_on",
    ),
    "truce_terms": ("truce_id", "index", "start", "end", "announced_on", "derivation"),
    "evidence": ("record_kind", "record_id", "field", "source_id", "start", "end", "exact"),
}
"""The columns of each kind of row, in order (the keys of every row of that kind)."""


def to_records(dataset: Dataset, kind: str) -> list[Row]:
    """One kind of record as flat rows: a list of dicts of ``str``, ``int`` or ``None``.

    Args:
        dataset: a :class:`~tradetalks.Dataset`.
        kind: one of :data:`KINDS`: ``sources``, ``parties``, ``organizations``, ``people``,
            ``positions``, ``rounds``, ``delegates``, ``meetings``, ``statements``,
            ``statement_speakers``, ``agreements``, ``truces``, ``truce_terms`` or
            ``evidence``.

    Returns:
        One row per record (per list item for the link kinds), in the dataset's order,
        every row of a kind with the same keys (:data:`COLUMNS`). A bound of a truce (a
        term's start, end or announcement, an early end and its announcement) is EDTF text
        for a date and RFC 9557 text for an instant. A ``truces`` row's ``end`` is the end
        of its last term as scheduled, ``None`` when that term runs until further notice;
        ``ended_at``, ``end_reason`` and ``end_announced_on`` say when and why it ended
        before then, and are ``None`` when it did not.

    Raises:
        InvalidValueError: for an unknown kind.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> row = to_records(stockholm_2025(), "statements")[0]
    >>> row["speakers"], row["said_on"], row["said_on_words"], row["reported_by"]
    ('He Lifeng', '2025-07-29', 'on Tuesday', 'Xinhua News Agency')

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
    >>> row["end"], row["ended_at"], row["end_reason"], row["end_announced_on"]
    (None, '2026-02-20', 'moot', None)
    """
    maker = _MAKERS.get(kind) if isinstance(kind, str) else None
    if maker is None:
        raise InvalidValueError(
            f"{kind!r} is not a kind of row; choose one of {', '.join(KINDS)}", where="kind"
        )
    return list(maker(dataset))


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
