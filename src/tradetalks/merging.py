"""One record from many sources: the rules :meth:`tradetalks.Dataset.merge` follows.

Two records with the same id (or ids the user says are the same, ``same=``) become one:

* their evidence is joined (each piece once; in the order of either side when one holds the
  other's, else ordered by source and offset, so that the result does not depend on which
  side merge was called on);
* a value one side knows more finely is *refined*: the finer value is kept (a round "in May"
  and one on "2025-05-10/2025-05-11"; a day and an instant on that day; a missing country
  or date and a given one; a list and a longer one that holds it);
* records written inside (delegates, terms, an early end, a said_on date) are joined the same
  way, delegates by person (in either side's order when it holds the other's, else by the
  person's id), terms by place;
* a reference names the merged record, so every record that referred to either side's
  record refers to the one merged record;
* anything else is a :class:`Difference`, and the merge raises
  :class:`~tradetalks.MergeConflictError` listing every one, with both values and the
  sources each came from.

This module works on records and knows nothing of datasets; :class:`~tradetalks.Dataset`
calls ``merge_collections`` and builds the result.

>>> from tradetalks.fixtures import stockholm_2025
>>> record = stockholm_2025()
>>> record.merge(record) == record
True
"""

from __future__ import annotations

__all__ = ["Difference", "merge_collections", "name_key", "possible_duplicates"]

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import attrs

from tradetalks._fields import NONE_IS_A_VALUE, is_reference, short
from tradetalks.actors import UnnamedGroup
from tradetalks.claims import Claim, as_text, value_at
from tradetalks.dates import DateSpan, PartialDate, SpanEnd
from tradetalks.errors import InvalidValueError, MergeConflictError
from tradetalks.instants import elapsed
from tradetalks.sources import Evidence, Source
from tradetalks.truces import day_range

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


class Difference(NamedTuple):
    """One value two sides give differently, neither finer than the other.

    Attributes:
        record: the id of the record (as this side names it).
        field: the field, as a path within the record (``city``, ``terms[1].end``,
            ``delegates[he-lifeng].title``).
        this: this side's value, as text.
        other: the other side's value, as text.
        these_sources: the ids of the sources this side's value came from (or
            ``derivation: ...`` for a fact derived from a document outside the dataset).
        other_sources: the same for the other side.

    >>> from tradetalks.merging import Difference
    >>> Difference("geneva-2025", "city", "'Geneva'", "'Lausanne'", ("a",), ("b",)).line()
    "geneva-2025.city: 'Geneva' (a) vs 'Lausanne' (b)"
    """

    record: str
    field: str
    this: str
    other: str
    these_sources: tuple[str, ...]
    other_sources: tuple[str, ...]

    def line(self) -> str:
        """The difference in one line, as the error's message gives it."""
        mine = ", ".join(self.these_sources) or "no source"
        theirs = ", ".join(self.other_sources) or "no source"
        return f"{self.record}.{self.field}: {self.this} ({mine}) vs {self.other} ({theirs})"


def _text(value: object) -> str:
    """A value as text for a message: its form in the format, texts and ids quoted.

    Dates are EDTF and instants RFC 9557, as a claim gives them (``claims.as_text``).
    """
    if isinstance(value, tuple):
        return "[" + ", ".join(_text(item) for item in value) + "]"
    if isinstance(value, UnnamedGroup):
        return repr(f"group: {value.words}")
    text = as_text(value)
    if text is None:
        return "None"
    if isinstance(value, (str, enum.Enum)) or _ident(value) is not None:
        return repr(short(text, 80))
    return short(text, 80)


def _sources(record: object) -> tuple[str, ...]:
    """Where a record's facts come from: its evidence's sources, or its derivation."""
    if isinstance(record, Source):
        return (record.id,)
    evidence = getattr(record, "evidence", ())
    found = list(dict.fromkeys(piece.source.id for piece in evidence))
    derivation = getattr(record, "derivation", None)
    if derivation:
        found.append(f"derivation: {short(derivation, 60)}")
    return tuple(found)


def _ident(item: object) -> str | None:
    ident = getattr(item, "id", None)
    return ident if isinstance(ident, str) else None


# --- Refinement: which of two values is the finer, if one is.


def _same_value(this: object, other: object) -> bool:
    """Equal values; an instant equals only the same moment stated in the same zone.

    Python compares two datetimes that share a zone by their wall-clock time (the two
    01:30s of the night clocks go back are equal) and two in different zones by the moment
    alone (00:01 in New York and 12:01 in Beijing are equal): neither is the same fact.
    """
    if isinstance(this, dt.datetime) or isinstance(other, dt.datetime):
        return (
            isinstance(this, dt.datetime)
            and isinstance(other, dt.datetime)
            and elapsed(this, other) == dt.timedelta(0)
            and str(this.tzinfo) == str(other.tzinfo)
        )
    return this == other


def _finer_date(this: object, other: object) -> object | None:
    """The finer of two dates or bounds when one lies within the other, else ``None``.

    A day is finer than its month; an instant finer than its day (in the instant's own
    zone); two instants are finer than each other only when equal.
    """
    one, two = day_range(this), day_range(other)
    if one is None or two is None:
        return None
    if isinstance(this, dt.datetime) and isinstance(other, dt.datetime):
        return None  # unequal instants: a difference
    if two[0] <= one[0] and one[1] <= two[1] and _finer_than(this, other):
        return this
    if one[0] <= two[0] and two[1] <= one[1] and _finer_than(other, this):
        return other
    return None


def _finer_than(this: object, other: object) -> bool:
    """Whether ``this`` (known to lie within ``other``) says more than ``other``."""
    if isinstance(other, dt.datetime):
        return False
    if isinstance(this, dt.datetime):
        return True
    return (
        isinstance(this, PartialDate)
        and isinstance(other, PartialDate)
        and (_days(this) < _days(other))
    )


def _days(date: PartialDate) -> int:
    return (date.latest - date.earliest).days


def _finer_end(this: PartialDate | SpanEnd, other: PartialDate | SpanEnd) -> object | None:
    if this == other:
        return this
    if other is SpanEnd.UNKNOWN and isinstance(this, PartialDate):
        return this
    if this is SpanEnd.UNKNOWN and isinstance(other, PartialDate):
        return other
    if isinstance(this, PartialDate) and isinstance(other, PartialDate):
        return _finer_date(this, other)
    return None


def _finer_span(this: DateSpan, other: DateSpan) -> DateSpan | None:
    start = _finer_end(this.start, other.start)
    end = _finer_end(this.end, other.end)
    if start is None or end is None:
        return None
    try:
        return DateSpan(start, end)  # type: ignore[arg-type]
    except InvalidValueError:
        return None


def _finer(this: object, other: object) -> object | None:
    """The finer of two values of a field when one refines the other, else ``None``."""
    if this is None:
        return other
    if other is None:
        return this
    if isinstance(this, DateSpan) and isinstance(other, DateSpan):
        return _finer_span(this, other)
    if isinstance(this, (PartialDate, dt.datetime)) and isinstance(
        other, (PartialDate, dt.datetime)
    ):
        return _finer_date(this, other)
    if isinstance(this, tuple) and isinstance(other, tuple):
        return _longer(this, other)
    return None


def _longer(this: tuple[Any, ...], other: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The list that holds the other's items in the same order, if one does."""
    if _holds(this, other):
        return this
    if _holds(other, this):
        return other
    return None


def _holds(longer: Sequence[Any], shorter: Sequence[Any]) -> bool:
    items = iter(longer)
    return all(any(item == wanted for item in items) for wanted in shorter)


# --- The merge.


class _Merge:
    """The state of one merge: both sides' records by id, the merged ones, the differences."""

    def __init__(
        self,
        mine: Mapping[str, tuple[Any, ...]],
        theirs: Mapping[str, tuple[Any, ...]],
        same: Mapping[str, str],
    ) -> None:
        self.same = same
        self.mine: dict[str, tuple[str, Any]] = {}
        self.theirs: dict[str, tuple[str, Any]] = {}
        for name, records in mine.items():
            for record in records:
                self.mine[record.id] = (name, record)
        for name, records in theirs.items():
            for record in records:
                self.theirs[self.rename(record.id)] = (name, self._renamed_claim(record))
        self.merged: dict[str, Any] = {}
        self.differences: list[Difference] = []

    def rename(self, ident: str) -> str:
        return self.same.get(ident, ident)

    def _renamed_claim(self, record: Any) -> Any:
        """A claim whose value is the id of a record ``same`` renames, with the new id."""
        if not isinstance(record, Claim) or record.value not in self.same:
            return record
        if _ident(value_at(record.about, record.field)) is None:  # not a reference
            return record
        return attrs.evolve(record, value=self.same[record.value])

    def references(self, record: object) -> Iterator[str]:
        """The ids a record refers to, owned records included (no groups)."""
        for field in attrs.fields(_cls(record)):
            if not field.init:
                continue
            value = getattr(record, field.name)
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                if item is None or isinstance(item, UnnamedGroup):
                    continue
                if is_reference(field) or isinstance(item, Source):
                    ident = _ident(item)
                    if ident is not None:
                        yield ident
                elif attrs.has(type(item)) and not isinstance(item, (PartialDate, DateSpan)):
                    yield from self.references(item)

    def order(self) -> list[str]:
        """Every id, each after the ids its records refer to (an iterative walk)."""
        ids = list(self.mine) + [i for i in self.theirs if i not in self.mine]
        done: set[str] = set()
        walking: set[str] = set()
        order: list[str] = []
        for root in ids:
            if root in done:
                continue
            stack: list[tuple[str, Iterator[str]]] = [(root, self._referred(root))]
            walking.add(root)
            while stack:
                ident, pending = stack[-1]
                step = next(pending, None)
                if step is None:
                    stack.pop()
                    walking.discard(ident)
                    done.add(ident)
                    order.append(ident)
                elif step in walking:
                    raise InvalidValueError(
                        f"merged, the records refer to one another in a circle through {step!r}",
                        where="other",
                    )
                elif step not in done and (step in self.mine or step in self.theirs):
                    walking.add(step)
                    stack.append((step, self._referred(step)))
        return order

    def _referred(self, ident: str) -> Iterator[str]:
        if ident in self.mine:
            yield from self.references(self.mine[ident][1])
        if ident in self.theirs:
            yield from (self.rename(i) for i in self.references(self.theirs[ident][1]))

    def run(self) -> dict[str, list[Any]]:
        """The merged records by collection: this side's order, then the other's new ones.

        Records are built each after those it refers to, then listed in the datasets' order.
        """
        names: dict[str, str] = {}
        for ident in self.order():
            mine, theirs = self.mine.get(ident), self.theirs.get(ident)
            if mine is not None and theirs is not None and mine[0] != theirs[0]:
                self.differences.append(
                    Difference(
                        ident,
                        "kind",
                        type(mine[1]).__name__,
                        type(theirs[1]).__name__,
                        _sources(mine[1]),
                        _sources(theirs[1]),
                    )
                )
                continue
            name = (mine or theirs)[0]  # type: ignore[index]
            record = self.join(
                None if mine is None else mine[1], None if theirs is None else theirs[1]
            )
            if record is None:
                continue
            self.merged[ident] = record
            names[ident] = name
        collections: dict[str, list[Any]] = {}
        for ident in (*self.mine, *(i for i in self.theirs if i not in self.mine)):
            if ident in self.merged:
                collections.setdefault(names[ident], []).append(self.merged[ident])
        return collections

    # Joining values. ``top`` is the pair of records with ids being joined, ``path`` the
    # field's path within them ("city", "terms[1].end", "delegates[he-lifeng].title").

    def resolve(self, item: Any, *, theirs: bool) -> Any:
        """A referenced record as merged (a group stays itself)."""
        if item is None or isinstance(item, UnnamedGroup):
            return item
        ident = _ident(item)
        if ident is None:
            return item
        return self.merged.get(self.rename(ident) if theirs else ident, item)

    def join(self, this: Any, other: Any) -> Any:
        """One record from this side's and the other side's (either may be ``None``)."""
        if this is None or other is None:
            return (
                self.rebuild(other, theirs=True)
                if this is None
                else self.rebuild(this, theirs=False)
            )
        return self.join_inside(this, other, "", (this, other))

    def join_inside(self, this: Any, other: Any, prefix: str, top: tuple[Any, Any]) -> Any:
        cls = type(this)
        values: dict[str, Any] = {}
        for field in attrs.fields(cls):
            if not field.init:
                continue
            left, right = getattr(this, field.name), getattr(other, field.name)
            if not field.eq or (not prefix and field.name in ("id", "code")):
                value = left if left is not None else right  # an id, a text file's name
            else:
                value = self.join_field(
                    field, left, right, path=prefix + field.name, pair=(this, other), top=top
                )
            values[field.alias or field.name] = value
        try:
            return cls(**values)
        except InvalidValueError as error:  # refinements that do not fit together
            self.differ(prefix.rstrip(".") or "(record)", str(error), "", (this, other), top)
            return self.rebuild(this, theirs=False)

    def rebuild(self, record: Any, *, theirs: bool) -> Any:
        """A record of one side with its references to the merged records."""
        changes: dict[str, Any] = {}
        for field in attrs.fields(_cls(record)):
            if not field.init:
                continue
            value = getattr(record, field.name)
            if isinstance(value, tuple):
                items = tuple(self._rebuilt(field, item, theirs=theirs) for item in value)
                if any(a is not b for a, b in zip(items, value, strict=True)):
                    changes[field.alias or field.name] = items
            else:
                item = self._rebuilt(field, value, theirs=theirs)
                if item is not value:
                    changes[field.alias or field.name] = item
        return attrs.evolve(record, **changes) if changes else record

    def _rebuilt(self, field: attrs.Attribute[Any], item: Any, *, theirs: bool) -> Any:
        if is_reference(field) or isinstance(item, Source):
            return self.resolve(item, theirs=theirs)
        if _owned(item):
            return self.rebuild(item, theirs=theirs)
        return item

    def join_field(  # noqa: PLR0913 - the field, both values, where, and both records
        self,
        field: attrs.Attribute[Any],
        this: Any,
        other: Any,
        *,
        path: str,
        pair: tuple[Any, Any],
        top: tuple[Any, Any],
    ) -> Any:
        if is_reference(field) or isinstance(this, Source) or isinstance(other, Source):
            return self._join_references(this, other, path, pair, top)
        if field.name == "evidence":
            return self._join_evidence(this, other)
        if isinstance(this, tuple) and any(map(_owned, (*this, *other))):
            return self._join_owned_list(field.name, this, other, path, top)
        if _owned(this) or _owned(other):
            if this is None or other is None:
                return self.join(this, other)
            return self.join_inside(this, other, path + ".", top)
        return self._join_values(field, this, other, path=path, pair=pair, top=top)

    def _join_values(  # noqa: PLR0913 - the field, both values, where, and both records
        self,
        field: attrs.Attribute[Any],
        this: Any,
        other: Any,
        *,
        path: str,
        pair: tuple[Any, Any],
        top: tuple[Any, Any],
    ) -> Any:
        if _same_value(this, other):
            return this
        says_something = field.metadata.get(NONE_IS_A_VALUE)  # a term until further notice
        finer = None if says_something and None in (this, other) else _finer(this, other)
        if finer is None:
            self.differ(path, _text(this), _text(other), pair, top)
            return this
        return finer

    def _join_references(
        self, this: Any, other: Any, path: str, pair: tuple[Any, Any], top: tuple[Any, Any]
    ) -> Any:
        if isinstance(this, tuple):
            mine = tuple(self.resolve(item, theirs=False) for item in this)
            yours = tuple(self.resolve(item, theirs=True) for item in other)
            keys = (tuple(map(_key, mine)), tuple(map(_key, yours)))
            if keys[0] == keys[1]:
                return mine
            longer = _longer(*keys)
            if longer is None:
                self.differ(path, _text(mine), _text(yours), pair, top)
                return mine
            return mine if longer is keys[0] else yours
        mine, yours = self.resolve(this, theirs=False), self.resolve(other, theirs=True)
        if mine is None or yours is None:
            return yours if mine is None else mine
        if _key(mine) != _key(yours):
            self.differ(path, _text(mine), _text(yours), pair, top)
        return mine

    def _join_evidence(self, this: tuple[Any, ...], other: tuple[Any, ...]) -> tuple[Any, ...]:
        mine = tuple(self.rebuild(piece, theirs=False) for piece in this)
        yours = tuple(self.rebuild(piece, theirs=True) for piece in other)
        keys = (tuple(map(_evidence_key, mine)), tuple(map(_evidence_key, yours)))
        if _holds(keys[0], keys[1]):
            return mine
        if _holds(keys[1], keys[0]):
            return yours
        joined = {_evidence_key(piece): piece for piece in (*mine, *yours)}
        return tuple(joined[key] for key in sorted(joined))

    def _join_owned_list(
        self,
        name: str,
        this: tuple[Any, ...],
        other: tuple[Any, ...],
        path: str,
        top: tuple[Any, Any],
    ) -> tuple[Any, ...]:
        if name == "delegates":  # a person is one delegate
            mine = {d.person.id: d for d in this}
            yours = {self.rename(d.person.id): d for d in other}
            joined = []
            keys = _longer(tuple(mine), tuple(yours))  # one side's order holds the other's
            for key in keys if keys is not None else sorted({*mine, *yours}):
                a, b = mine.get(key), yours.get(key)
                if a is None or b is None:
                    joined.append(
                        self.rebuild(b, theirs=True) if a is None else self.rebuild(a, theirs=False)
                    )
                else:
                    joined.append(self.join_inside(a, b, f"{path}[{key}].", top))
            return tuple(joined)
        both = [
            self.join_inside(a, b, f"{path}[{index}].", top)
            for index, (a, b) in enumerate(zip(this, other, strict=False))
        ]
        longer, theirs = (this, False) if len(this) >= len(other) else (other, True)
        both.extend(self.rebuild(item, theirs=theirs) for item in longer[len(both) :])
        return tuple(both)

    def differ(
        self, path: str, this: str, other: str, pair: tuple[Any, Any], top: tuple[Any, Any]
    ) -> None:
        if this == other:  # cut short alike: show where they differ
            this, other = _where_they_differ(pair, path, this, other)
        these = _sources(pair[0]) or _sources(top[0])
        others = _sources(pair[1]) or _sources(top[1])
        ident = _ident(top[0]) or "record"
        self.differences.append(Difference(ident, path, this, other, these, others))


def _cls(record: object) -> type[attrs.AttrsInstance]:
    return cast("type[attrs.AttrsInstance]", type(record))


def _where_they_differ(pair: tuple[Any, Any], path: str, this: str, other: str) -> tuple[str, str]:
    """Two values that print alike when cut short, shown around their first difference."""
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    left, right = (repr(getattr(record, name, this)) for record in pair)
    if left == right:
        return this, other
    first = next(
        (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b),
        min(len(left), len(right)),
    )
    start = max(0, first - 30)

    def window(text: str) -> str:
        return f"…{text[start : first + 30]}… (at character {first})"

    return window(left), window(right)


def _owned(item: object) -> bool:
    """A record written inside another (evidence, a delegate, a term, a said_on date)."""
    return (
        item is not None
        and attrs.has(type(item))
        and not isinstance(item, (PartialDate, DateSpan, Source, UnnamedGroup))
        and _ident(item) is None
    )


def _key(item: object) -> object:
    ident = _ident(item)
    return ident if ident is not None else item


def _evidence_key(piece: Evidence) -> tuple[str, int, int, str]:
    return (piece.source.id, piece.start, piece.end, piece.exact)


def merge_collections(
    mine: Mapping[str, tuple[Any, ...]],
    theirs: Mapping[str, tuple[Any, ...]],
    names: Sequence[str],
    same: Mapping[str, str] | None = None,
) -> dict[str, list[Any]]:
    """The records of two datasets merged by id, collection by collection.

    Args:
        mine: this side's records, by collection name.
        theirs: the other side's records, by collection name.
        names: the collection names, in the order a dataset holds them.
        same: the other side's ids that name this side's records, ``{"bessent":
            "scott-bessent"}``.

    Returns:
        Each collection's merged records: this side's order, then the other side's new ones.

    Raises:
        MergeConflictError: listing every :class:`Difference`.
        InvalidValueError: for a ``same`` that names no record, or merged records that
            would refer to one another in a circle.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.merging import merge_collections
    >>> record = stockholm_2025()
    >>> lists = {"people": record.people, "sources": record.sources}
    >>> merged = merge_collections(lists, lists, ["sources", "people"])
    >>> [len(merged[name]) for name in ("sources", "people")]
    [1, 8]
    """
    if same is None:
        same = {}
    if not isinstance(same, Mapping):
        raise InvalidValueError(
            f"same maps the other dataset's ids to this one's, such as {{'bessent': "
            f"'scott-bessent'}}, not {type(same).__name__}",
            where="same",
        )
    same = dict(same)
    _check_same(mine, theirs, same)
    merge = _Merge(mine, theirs, same)
    collections = merge.run()
    if merge.differences:
        lines = [difference.line() for difference in merge.differences]
        raise MergeConflictError(
            "the datasets disagree:\n" + "\n".join(lines), differences=merge.differences
        )
    return {name: collections.get(name, []) for name in names}


def _check_same(
    mine: Mapping[str, tuple[Any, ...]],
    theirs: Mapping[str, tuple[Any, ...]],
    same: Mapping[str, str],
) -> None:
    mine_ids = {r.id: name for name, records in mine.items() for r in records}
    their_ids = {r.id: name for name, records in theirs.items() for r in records}
    named: dict[str, str] = {}
    for other, own in same.items():
        if isinstance(own, str) and own in named:
            raise InvalidValueError(
                f"{named[own]!r} and {other!r} both name {own!r}: the other dataset holds "
                "them as two records; merge them there first",
                where="same",
            )
        if isinstance(own, str):
            named[own] = other
        if not isinstance(other, str) or not isinstance(own, str):
            raise InvalidValueError(
                f"same maps the other dataset's ids to this one's, strings both: {other!r}: "
                f"{own!r}",
                where="same",
            )
        if other not in their_ids:
            raise InvalidValueError(f"{other!r} is not an id of the other dataset", where="same")
        if own not in mine_ids:
            raise InvalidValueError(f"{own!r} is not an id of this dataset", where="same")
        if mine_ids[own] != their_ids[other]:
            raise InvalidValueError(
                f"{other!r} is one of the other dataset's {their_ids[other]}, {own!r} one of "
                f"this dataset's {mine_ids[own]}",
                where="same",
            )
        if own in their_ids and own != other:
            raise InvalidValueError(
                f"the other dataset has both {other!r} and {own!r}: say which is this "
                f"dataset's {own!r}",
                where="same",
            )


# --- Records that may be one thing under two ids.

_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "madam", "madame"}
)


def name_key(name: str) -> tuple[str, ...]:
    """A person's name with case, accents, titles, hyphens and word order set aside.

    >>> from tradetalks.merging import name_key
    >>> name_key("Dr. Lifeng HE") == name_key("He Li-feng")
    True
    """
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()
    plain = plain.replace("-", "").replace("\u2010", "")
    words = re.findall(r"[^\W_]+", plain)
    return tuple(sorted(word for word in words if word not in _TITLES))


def _span_days(earliest: dt.date | None, latest: dt.date | None) -> tuple[dt.date, dt.date]:
    return (earliest or dt.date.min, latest or dt.date.max)


def _truce_days(truce: Any) -> tuple[dt.date, dt.date]:
    first = day_range(truce.terms[0].start) or (dt.date.min, dt.date.min)
    last = day_range(truce.terms[-1].end)  # None: until further notice
    return first[0], dt.date.max if last is None else last[1]


def _overlapping(records: Sequence[Any], days: Any, key: Any) -> Iterator[tuple[Any, Any]]:
    """Pairs of records with the same key whose days overlap, one pair per record at most.

    A sweep in date order pairs each record with the earlier one that reaches furthest, when
    they overlap: enough pairs to join every group of overlapping records, and never more
    pairs than records (linear after the sort), however many records overlap one another.
    """
    groups: dict[Any, list[tuple[dt.date, dt.date, int, Any]]] = {}
    for index, record in enumerate(records):
        start, end = days(record)
        groups.setdefault(key(record), []).append((start, end, index, record))
    for members in groups.values():
        members.sort(key=lambda m: (m[0], m[2]))
        furthest: tuple[dt.date, dt.date, int, Any] | None = None
        for member in members:
            if furthest is not None and member[0] <= furthest[1]:
                first, second = sorted((furthest, member), key=lambda m: m[2])
                yield first[3], second[3]
            if furthest is None or member[1] > furthest[1]:
                furthest = member


def possible_duplicates(
    people: Sequence[Any], rounds: Sequence[Any], truces: Sequence[Any]
) -> list[tuple[Any, Any, str]]:
    """Pairs that may be one record under two ids, each with its reason, in the data's order.

    People whose :func:`name_key` is the same; rounds in one city (case set aside) whose
    dates overlap (an unknown end overlaps anything on its side); truces of the same parties
    whose terms overlap. Of a group of such records, each is paired once, with the first of
    the group (or, for dates, with an earlier one it overlaps): enough to join the group
    with ``same=``, and never more pairs than records.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.merging import possible_duplicates
    >>> record = stockholm_2025()
    >>> possible_duplicates(record.people, record.rounds, record.truces)
    []
    """
    found: list[tuple[Any, Any, str]] = []
    by_name: dict[tuple[str, ...], list[Any]] = {}
    for person in people:
        by_name.setdefault(name_key(person.name), []).append(person)
    for same in by_name.values():  # each with the first: enough to join them all
        first = same[0]
        for second in same[1:]:
            reason = f"the same name, {first.name!r} and {second.name!r}"
            found.append((first, second, reason))
    for first, second in _overlapping(
        rounds,
        lambda r: _span_days(r.dates.earliest, r.dates.latest),
        lambda r: r.city.casefold(),
    ):
        reason = f"rounds in {first.city} on overlapping dates, {first.dates} and {second.dates}"
        found.append((first, second, reason))
    for first, second in _overlapping(
        truces, _truce_days, lambda t: frozenset(p.code for p in t.parties)
    ):
        codes = " and ".join(sorted(p.code for p in first.parties))
        found.append((first, second, f"truces of {codes} whose terms overlap"))
    return found
