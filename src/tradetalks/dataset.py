"""A coherent collection of records: :class:`Dataset`, with its indexes and queries.

Building a dataset checks its referential integrity: every id is unique across all its
records, and every record a field refers to (a statement's speaker, a piece of evidence's
source, a delegate's party) is one of the dataset's own. Queries are answered from indexes,
each built once, by the first query that needs it (a load builds none it does not need:
the index by id comes with the checks). Where a query takes a record's id, it also takes
the name of a person, organization or party (see :meth:`Dataset.get`).

>>> from datetime import date
>>> from tradetalks.fixtures import stockholm_2025
>>> record = stockholm_2025()
>>> record  # doctest: +NORMALIZE_WHITESPACE
Dataset(sources=1, parties=2, organizations=15, people=8, positions=9, rounds=3, meetings=2,
        statements=25, agreements=0, truces=1, claims=0)
>>> [s.speaker_names for s in record.statements_between(date(2025, 7, 29), date(2025, 7, 29))][:2]
[('He Lifeng',), ('He Lifeng',)]
>>> len(record.statements_by("Scott Bessent"))
4
"""

from __future__ import annotations

__all__ = ["Dataset", "PossibleDuplicate", "TimelineEntry", "TimelineEvent"]

import array
import bisect
import contextvars
import datetime as dt
import difflib
import enum
import heapq
import operator
import re
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, overload

import attrs

from tradetalks._fields import a_or_an, is_reference, joined, to_tuple
from tradetalks.actors import Organization, Party, Person, Position, UnnamedGroup
from tradetalks.agreements import Agreement
from tradetalks.claims import Claim
from tradetalks.dates import PartialDate
from tradetalks.errors import InvalidValueError, MissingReferenceError
from tradetalks.sources import Source
from tradetalks.statements import Statement
from tradetalks.talks import Meeting, Round
from tradetalks.truces import Truce, TruceTerm

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence

    # The dated statements sorted by their earliest day, then by the dataset's order, as
    # three parallel sequences (earliest days, latest days, statements): bisecting the
    # first and slicing all three answers a date range. Days are ordinals in arrays: a
    # million of them are one block of memory.
    _DateIndex = tuple[MutableSequence[int], MutableSequence[int], list[Statement]]

Record = (
    Source
    | Party
    | Organization
    | Person
    | Position
    | Round
    | Meeting
    | Statement
    | Agreement
    | Truce
    | Claim
)
R = TypeVar("R", bound=Record)
V = TypeVar("V")

#: The collections of a dataset, in the order they are stored and checked, with their kinds.
COLLECTIONS: tuple[tuple[str, type[Any]], ...] = (
    ("sources", Source),
    ("parties", Party),
    ("organizations", Organization),
    ("people", Person),
    ("positions", Position),
    ("rounds", Round),
    ("meetings", Meeting),
    ("statements", Statement),
    ("agreements", Agreement),
    ("truces", Truce),
    ("claims", Claim),
)
_COLLECTION_OF = {kind: name for name, kind in COLLECTIONS}
_ID_OF = operator.attrgetter("id")


# Set while the JSON loader builds a Dataset: every reference it made was resolved to the
# record with that id in the same file, so the walk over references is not done again.
_RESOLVED_BY_LOADER: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "tradetalks_resolved_by_loader", default=False
)


def dataset_from_loader(collections: dict[str, list[Any]]) -> Dataset:
    """A Dataset of records whose references the loader resolved within the same file."""
    token = _RESOLVED_BY_LOADER.set(True)
    try:
        return Dataset(**collections)
    finally:
        _RESOLVED_BY_LOADER.reset(token)


class PossibleDuplicate(NamedTuple):
    """Two records of one kind that may be one thing under two ids.

    Attributes:
        first: the record that comes first in the dataset.
        second: the other.
        reason: why they may be one, in words.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> stockholm_2025().possible_duplicates()
    ()
    """

    first: Any
    second: Any
    reason: str


class TimelineEvent(enum.Enum):
    """What a :class:`TimelineEntry` marks; on the same day, entries sort in this order."""

    AGREEMENT = "agreement"
    """An agreement is made."""
    TRUCE_START = "truce_start"
    """A truce term begins."""
    ROUND = "round"
    """A round of talks begins."""
    MEETING = "meeting"
    """A meeting begins."""
    STATEMENT = "statement"
    """A statement is made."""
    TRUCE_DEADLINE = "truce_deadline"
    """A truce term's deadline (a term until further notice has none)."""
    TRUCE_END = "truce_end"
    """A truce ends before its last deadline (:class:`~tradetalks.TruceEnd`)."""


_EVENT_ORDER = {event: order for order, event in enumerate(TimelineEvent)}


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One entry of a dataset's timeline.

    Attributes:
        when: the day (or month, or year) of the entry, a :class:`~tradetalks.PartialDate`;
            an instant is placed on its date in its own zone. ``None`` for a statement or
            meeting the source does not date, which only
            :meth:`Dataset.timeline(undated=True) <Dataset.timeline>` gives: the entries of
            ``timeline()`` always have a date.
        event: a :class:`TimelineEvent`.
        record: the :class:`~tradetalks.Round`, :class:`~tradetalks.Meeting`,
            :class:`~tradetalks.Statement`, :class:`~tradetalks.Agreement` or
            :class:`~tradetalks.Truce` it comes from.
        term: for a term's start or deadline, the :class:`~tradetalks.TruceTerm`.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> entry = stockholm_2025().timeline()[0]
    >>> str(entry.when), entry.event.value, entry.record.id
    ('2025-05', 'round', 'geneva-2025')
    >>> last = stockholm_2025().timeline(undated=True)[-1]
    >>> last.when, last.event.value, last.record.id
    (None, 'statement', 'mofcom-exchanged-views')
    """

    when: PartialDate | None
    event: TimelineEvent
    record: Round | Meeting | Statement | Agreement | Truce
    term: TruceTerm | None = None


def _plan(cls: type[Any]) -> tuple[tuple[str, bool], ...]:
    """The fields of a record class that hold references or records, with is_reference."""
    plan = []
    for field in attrs.fields(cls):
        if is_reference(field):
            plan.append((field.name, True))
        elif field.name in {"evidence", "delegates", "terms", "ended"}:
            plan.append((field.name, False))
    return tuple(plan)


_PLANS: dict[type[Any], tuple[tuple[str, bool], ...]] = {}


def _references(record: object, path: str) -> Iterator[tuple[str, Any]]:
    """Every (path, referenced record) inside ``record``, owned records included."""
    cls = type(record)
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _plan(cls)
    for name, referring in plan:
        value = getattr(record, name)
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                where = f"{path}.{name}[{index}]"
                if referring:
                    yield where, item
                else:
                    yield from _references(item, where)
        elif value is not None:
            if referring:
                yield f"{path}.{name}", value
            else:
                yield from _references(value, f"{path}.{name}")


def _sort_day(entry: TimelineEntry) -> tuple[Any, ...]:
    """The timeline's order: by date, undated entries after all others; then by event."""
    when = entry.when
    dated = (False, when.sort_key()) if when is not None else (True,)
    return (dated, _EVENT_ORDER[entry.event])


def _by_id_of(records: Iterable[R], target: Callable[[R], Any]) -> dict[str, tuple[R, ...]]:
    """``records`` grouped by the id of the record ``target`` gives for each, in order.

    A record whose target is ``None`` (a statement with no occasion) is in no group.
    """
    found: defaultdict[str, list[R]] = defaultdict(list)
    for record in records:
        other = target(record)
        if other is not None:
            found[other.id].append(record)
    return {key: tuple(group) for key, group in found.items()}


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Dataset:
    """One coherent collection of records, checked when it is built, with its indexes.

    Attributes:
        sources: its records of kind :class:`~tradetalks.Source`.
        parties: its records of kind :class:`~tradetalks.Party`.
        organizations: its records of kind :class:`~tradetalks.Organization`.
        people: its records of kind :class:`~tradetalks.Person`.
        positions: its records of kind :class:`~tradetalks.Position`.
        rounds: its records of kind :class:`~tradetalks.Round`, in the order given (see
            :meth:`rounds_in_order`).
        meetings: its records of kind :class:`~tradetalks.Meeting`.
        statements: its records of kind :class:`~tradetalks.Statement`.
        agreements: its records of kind :class:`~tradetalks.Agreement`.
        truces: its records of kind :class:`~tradetalks.Truce`.
        claims: its records of kind :class:`~tradetalks.Claim`: what sources asserted about
            the other records, right or wrong.

    Each is a tuple (any iterable is accepted). Two datasets are equal when they hold equal
    records in the same order.

    Raises:
        InvalidValueError: for a record of the wrong kind in a collection, or an id used
            twice (ids are unique across all collections).
        MissingReferenceError: for a reference to a record that is not in the dataset.

    >>> from tradetalks import Dataset
    >>> from tradetalks.fixtures import stockholm_2025
    >>> record = stockholm_2025()
    >>> Dataset(sources=record.sources, parties=record.parties)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.MissingReferenceError: sources[0].outlet: 'global-times' is not in the
    dataset's organizations
    """

    sources: tuple[Source, ...] = attrs.field(factory=tuple, converter=to_tuple)
    parties: tuple[Party, ...] = attrs.field(factory=tuple, converter=to_tuple)
    organizations: tuple[Organization, ...] = attrs.field(factory=tuple, converter=to_tuple)
    people: tuple[Person, ...] = attrs.field(factory=tuple, converter=to_tuple)
    positions: tuple[Position, ...] = attrs.field(factory=tuple, converter=to_tuple)
    rounds: tuple[Round, ...] = attrs.field(factory=tuple, converter=to_tuple)
    meetings: tuple[Meeting, ...] = attrs.field(factory=tuple, converter=to_tuple)
    statements: tuple[Statement, ...] = attrs.field(factory=tuple, converter=to_tuple)
    agreements: tuple[Agreement, ...] = attrs.field(factory=tuple, converter=to_tuple)
    truces: tuple[Truce, ...] = attrs.field(factory=tuple, converter=to_tuple)
    claims: tuple[Claim, ...] = attrs.field(factory=tuple, converter=to_tuple)
    _by_id: dict[str, Record] = attrs.field(init=False, factory=dict)
    # Whole-dataset views, worked out on first use and kept (the records never change).
    _views: dict[str, Any] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        """Check kinds, unique ids and references (the indexes are made on first use)."""
        by_id = self._by_id
        for name, kind in COLLECTIONS:
            records = getattr(self, name)
            if not set(map(type, records)) <= {kind}:  # another class: each record checked
                for index, record in enumerate(records):
                    if not isinstance(record, kind):
                        raise InvalidValueError(
                            f"expected a {kind.__name__}, not {type(record).__name__}",
                            where=f"{name}[{index}]",
                        )
            size = len(by_id)
            by_id.update(zip(map(_ID_OF, records), records, strict=True))
            if len(by_id) != size + len(records):
                self._refuse_repeated_ids()
        if not _RESOLVED_BY_LOADER.get():
            self._check_references()

    def _refuse_repeated_ids(self) -> None:
        """Raise for the first id that two records share, naming both places."""
        seen: dict[str, tuple[str, int]] = {}
        for name, _ in COLLECTIONS:
            for index, record in enumerate(getattr(self, name)):
                if record.id in seen:
                    other, other_index = seen[record.id]
                    raise InvalidValueError(
                        f"the id {record.id!r} is already used by {other}[{other_index}]",
                        where=f"{name}[{index}].id",
                    )
                seen[record.id] = (name, index)

    def _place_of(self, record: Record) -> tuple[str, int]:
        """The collection and index of a record of the dataset (for messages)."""
        return next(
            (name, index)
            for name, _ in COLLECTIONS
            for index, other in enumerate(getattr(self, name))
            if other is record
        )

    def _check_references(self) -> None:
        for name, _kind in COLLECTIONS:
            for index, record in enumerate(getattr(self, name)):
                for where, target in _references(record, f"{name}[{index}]"):
                    self._check_reference(where, target)

    def _check_reference(self, where: str, target: object) -> None:
        if isinstance(target, UnnamedGroup):
            return
        collection = _COLLECTION_OF.get(type(target), "records")
        ident = getattr(target, "id", None)
        found = self._by_id.get(ident) if isinstance(ident, str) else None
        if found is None:
            raise MissingReferenceError(
                f"{ident!r} is not in the dataset's {collection}", where=where, reference=str(ident)
            )
        if found is not target and found != target:
            raise MissingReferenceError(
                f"{ident!r} refers to a {type(target).__name__} that differs from the dataset's "
                f"record with that id",
                where=where,
                reference=str(ident),
            )

    def _view(self, name: str, make: Callable[[Dataset], V]) -> V:
        """The view ``name``, made by ``make`` on first use and kept (records never change).

        Indexes are views too: a load does not build what no query asks for. Two threads
        asking at once may both make it; both make the same.
        """
        found: V | None = self._views.get(name)
        if found is None:
            found = self._views[name] = make(self)
        return found

    def _by_speaker(self) -> dict[str | UnnamedGroup, tuple[Statement, ...]]:
        """The statements by speaker: a person's or organization's id, or the group itself.

        Keys of the two kinds never meet: an id such as 'group:experts' is not the group
        "experts".
        """
        return self._view("by_speaker", Dataset._index_speakers)

    def _index_speakers(self) -> dict[str | UnnamedGroup, tuple[Statement, ...]]:
        by_speaker: defaultdict[str | UnnamedGroup, list[Statement]] = defaultdict(list)
        for statement in self.statements:
            speakers = statement.speakers
            if len(speakers) == 1:
                by_speaker[_speaker_key(speakers[0])].append(statement)
            else:
                for key in {_speaker_key(s) for s in speakers}:
                    by_speaker[key].append(statement)
        return {key: tuple(found) for key, found in by_speaker.items()}

    def _by_occasion(self) -> dict[str, tuple[Statement, ...]]:
        """The statements by the id of their round or meeting."""
        return self._view("by_occasion", Dataset._index_occasions)

    def _index_occasions(self) -> dict[str, tuple[Statement, ...]]:
        return _by_id_of(self.statements, operator.attrgetter("occasion"))

    def _positions_of(self) -> dict[str, tuple[Position, ...]]:
        """The positions by the person's id."""
        return self._view("positions_of", Dataset._index_positions)

    def _index_positions(self) -> dict[str, tuple[Position, ...]]:
        return _by_id_of(self.positions, operator.attrgetter("person"))

    def _dated(self) -> _DateIndex:
        """The dated statements sorted by their earliest day (see ``_DateIndex``)."""
        return self._view("dated", Dataset._index_dates)

    def _index_dates(self) -> _DateIndex:
        # Statements share dates (a loaded dataset reads equal ones once): each date's days
        # are worked out once, by the date object (all alive while this runs). Ordinals are
        # kept in arrays from the start: a million dated statements make no million tuples.
        dated: list[Statement] = []
        earliest: MutableSequence[int] = array.array("l")
        latest: MutableSequence[int] = array.array("l")
        days: dict[int, tuple[int, int]] = {}
        for statement in self.statements:
            said = statement.said_on
            if said is None:
                continue
            value = said.value
            span = days.get(id(value))
            if span is None:
                span = days[id(value)] = (value.earliest.toordinal(), value.latest.toordinal())
            dated.append(statement)
            earliest.append(span[0])
            latest.append(span[1])
        order = sorted(range(len(dated)), key=earliest.__getitem__)  # stable: ties in order
        return (
            array.array("l", map(earliest.__getitem__, order)),
            array.array("l", map(latest.__getitem__, order)),
            list(map(dated.__getitem__, order)),
        )

    def __repr__(self) -> str:
        """``Dataset(sources=1, parties=2, ...)``: how many records of each kind."""
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name, _ in COLLECTIONS)
        return f"Dataset({counts})"

    def __eq__(self, other: object) -> bool:
        """Equal when every collection holds equal records in the same order."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n, _ in COLLECTIONS)

    def __hash__(self) -> int:
        """A hash of the records, consistent with equality."""
        return hash(tuple(getattr(self, n) for n, _ in COLLECTIONS))

    @overload
    def get(self, ident: str) -> Record: ...
    @overload
    def get(self, ident: str, kind: type[R]) -> R: ...

    def get(self, ident: str, kind: type[Any] | None = None) -> Any:
        """The record with the id ``ident``, or else the one record of that name.

        ``ident`` is first looked up as an id, exactly as written (a party's id is its
        code); ids always come first, except that an id of another kind than ``kind`` gives
        way to the one record of ``kind`` with that name (an organization whose short name
        is a party's code). When no record has that id, it is read as a name: a
        person's ``name`` or ``native_name``, an organization's ``name`` or ``short_name``,
        a party's ``name``. A name is compared with its case and its runs of white space
        folded, in Unicode's NFKC form, so ``"scott  BESSENT"`` finds Scott Bessent; an
        accent, a hyphen, the order of the words or a title is not folded (it can tell two
        people apart), so a name typed with one of them different is suggested in the
        error, never guessed. The other queries that take an id (:meth:`statements_by`,
        :meth:`positions_of`, :meth:`statements_at`, :meth:`truces_under`) find it the same
        way; ``ident in dataset`` says whether ``get`` finds a record, at the cost of a
        dictionary lookup (the names are indexed once, on first use).

        Args:
            ident: an id, or a name.
            kind: the class the record must be, such as :class:`~tradetalks.Person`; the
                return type follows it. A name several records share finds the one of
                them of this kind.

        Raises:
            MissingReferenceError: a :class:`LookupError`, when neither the id nor the name
                finds a record, when the name is shared by several records (of ``kind``),
                or when the record found is of another kind. Its attributes, for scripts:
                ``reference`` is ``ident``; ``suggestions``, for a record that is not there,
                the ids of up to five records whose id or name is closest to ``ident``
                (the words typed found in it, or close in spelling), best first;
                ``candidates``, for a name that is shared, the ids of the records that
                share it, in the dataset's order. Each is an empty tuple otherwise.
                Looking for suggestions reads every record once (of ``kind``, when it is
                given), and only when the error is raised.
            InvalidValueError: when ``ident`` is not a string or ``kind`` is not a class.

        >>> from tradetalks import Person
        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> record.get("guo-jiakun", Person).name
        'Guo Jiakun'
        >>> record.get("scott bessent").id, record.get("MOFCOM").id, record.get("China").id
        ('scott-bessent', 'mofcom', 'CN')
        >>> record.get("bessent", Person)  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        tradetalks.errors.MissingReferenceError: no record has the id or name 'bessent'; did you
        mean 'scott-bessent' (Scott Bessent)?
        >>> try:
        ...     record.get("Jamieson Gear")
        ... except LookupError as error:
        ...     print(error.reference, error.suggestions, error.candidates)
        Jamieson Gear ('jamieson-greer', 'jamieson-greer-trade-representative') ()

        Two people of one name are told apart by their ids:

        >>> import attrs
        >>> namesake = attrs.evolve(record.get("scott-bessent", Person), id="scott-bessent-2")
        >>> two = attrs.evolve(record, people=[*record.people, namesake])
        >>> two.get("Scott Bessent")  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        tradetalks.errors.MissingReferenceError: 'Scott Bessent' names 2 records: 'scott-bessent'
        (Person) and 'scott-bessent-2' (Person); give the id of the one meant
        >>> try:
        ...     two.get("Scott Bessent")
        ... except LookupError as error:
        ...     print(error.candidates, error.suggestions)
        ('scott-bessent', 'scott-bessent-2') ()
        """
        if not isinstance(ident, str):
            raise InvalidValueError(f"an id is a string, not {type(ident).__name__}", where="id")
        if kind is None:
            return self._find(ident, None, "")
        if not isinstance(kind, type):
            raise InvalidValueError(f"kind is a class, such as Person, not {kind!r}", where="kind")
        return self._find(ident, (kind,), a_or_an(kind.__name__))

    def __contains__(self, ident: object) -> bool:
        """Whether :meth:`get` finds a record for ``ident``: an id, or a name only one has.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> "scott-bessent" in record, "Scott Bessent" in record, "bessent" in record
        (True, True, False)
        """
        if not isinstance(ident, str):
            return False
        return ident in self._by_id or len(self._names().get(_fold(ident), ())) == 1

    def _find(
        self,
        ident: str,
        kinds: tuple[type[Any], ...] | None,
        wanted: str,
        *,
        names: bool = True,
    ) -> Any:
        """The record with the id ``ident``, or the one of that name, of one of ``kinds``.

        ``kinds`` is ``None`` for a record of any kind; ``wanted`` says the kinds in words
        ("a Person or Organization"), for the message of a record of another kind.
        ``names`` is false for the id of a record given as an object: it is looked up as an
        id only.
        """
        record = self._by_id.get(ident)
        named = self._names().get(_fold(ident), ()) if names else ()
        fitting = named if kinds is None else tuple(r for r in named if isinstance(r, kinds))
        if record is not None:
            if kinds is None or isinstance(record, kinds):
                return record
            if len(fitting) != 1:  # an id of another kind, and no one record of this name
                message = f"{ident!r} is {a_or_an(type(record).__name__)}, not {wanted}"
                raise _lookup_error(message, reference=ident)
        if len(fitting) == 1:
            return fitting[0]
        if fitting:
            listed = joined([f"{r.id!r} ({type(r).__name__})" for r in fitting])
            raise _lookup_error(
                f"{ident!r} names {len(fitting)} records: {listed}; give the id of the one meant",
                reference=ident,
                candidates=[r.id for r in fitting],
            )
        if named:  # a name, but of records of other kinds only
            listed = joined([f"the {type(r).__name__} {r.id!r}" for r in named])
            raise _lookup_error(f"{ident!r} names {listed}, not {wanted}", reference=ident)
        takes_names = names and (kinds is None or any(issubclass(k, _NAMED) for k in kinds))
        message = f"no record has the id {'or name ' if takes_names else ''}{ident!r}"
        found = self._suggestions(ident, kinds)
        if found:
            hints = joined(
                [f"{r.id!r} ({r.name})" if isinstance(r, _NAMED) else repr(r.id) for r in found],
                "or",
            )
            message = f"{message}; did you mean {hints}?"
        raise _lookup_error(message, reference=ident, suggestions=[r.id for r in found])

    def _names(self) -> dict[str, tuple[Record, ...]]:
        """The people, organizations and parties by each of their names, folded."""
        return self._view("names", Dataset._index_names)

    def _index_names(self) -> dict[str, tuple[Record, ...]]:
        found: defaultdict[str, list[Record]] = defaultdict(list)
        for collection in (self.parties, self.organizations, self.people):  # as stored
            for record in collection:
                for name in {_fold(name) for name in _names_of(record)}:
                    found[name].append(record)
        return {name: tuple(rs) for name, rs in found.items()}

    def _suggestions(self, ident: str, kinds: tuple[type[Any], ...] | None) -> tuple[Record, ...]:
        """Up to five records (of ``kinds``) whose id or name is closest to ``ident``.

        Each record is read once. An id or a name matches best when it is made of the very
        words typed (``"Scott-Bessent"``: ``scott-bessent``), then when it holds every word
        typed (``"bessent"``), then some of them or the text typed within it
        (``"Jamieson Gear"``), then when only its spelling, or that of one of its words, is
        close (``"Besent"``, by :mod:`difflib`'s ratio). Only the records that match best
        are suggested; among them, people, organizations and parties first, then the closer
        spelling, then the dataset's order.
        """
        match = _Match(ident)
        ranked: list[tuple[int, bool, float, int, Record]] = []
        for order, record in enumerate(self._records_of(kinds)):
            scores = [match.score(_fold(key)) for key in (record.id, *_names_of(record))]
            found = [score for score in scores if score is not None]
            if found:
                tier, closeness = min(found, key=lambda score: (score[0], -score[1]))
                ranked.append((tier, not isinstance(record, _NAMED), -closeness, order, record))
        best_first = heapq.nsmallest(_SUGGESTIONS, ranked)
        return tuple(entry[-1] for entry in best_first if entry[0] == best_first[0][0])

    def _records_of(self, kinds: tuple[type[Any], ...] | None) -> Iterable[Record]:
        """The dataset's records of ``kinds`` (all of them for ``None``), in its order."""
        if kinds is None:
            return self._by_id.values()
        return (
            record
            for name, kind in COLLECTIONS
            if issubclass(kind, kinds)
            for record in getattr(self, name)
        )

    def statements_by(
        self, speaker: Person | Organization | UnnamedGroup | str
    ) -> tuple[Statement, ...]:
        """The statements a speaker made (alone or with others), in the dataset's order.

        A person or organization of the dataset who said nothing in it (an outlet that
        only reported what others said, such as Reuters) has made no statements: the
        result is an empty tuple. A speaker who is not in the dataset at all is an error,
        so that a name typed wrong is not taken for someone who said nothing. An
        :class:`~tradetalks.UnnamedGroup` is a speaker in the source's own words, not a
        record: a group no statement has gives an empty tuple. Text that names no person or
        organization finds a group by its words, folded as names are ("chinese experts").

        Args:
            speaker: a :class:`~tradetalks.Person`, :class:`~tradetalks.Organization` or
                :class:`~tradetalks.UnnamedGroup`; or a person's or organization's id or
                name (found as :meth:`get` finds it).

        Raises:
            MissingReferenceError: for an id or name that finds no person or organization,
                a name several share (see :meth:`get` for its ``suggestions`` and
                ``candidates``), or a person or organization whose id is not the dataset's.
            InvalidValueError: for anything else that is not a speaker.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> [s.mode.value for s in record.statements_by("zhou-mi")]
        ['direct', 'indirect', 'indirect']
        >>> [s.id for s in record.statements_by("scott bessent")]  # doctest: +NORMALIZE_WHITESPACE
        ['bessent-greer-constructive', 'bessent-greer-extension-likely', 'bessent-very-productive',
         'bessent-russian-oil-warning']
        >>> record.statements_by("Reuters")
        ()
        >>> len(record.statements_by("Chinese experts"))
        2
        >>> record.statements_by("bessent")  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        tradetalks.errors.MissingReferenceError: no record has the id or name 'bessent'; did you
        mean 'scott-bessent' (Scott Bessent)?
        """
        wanted = "a Person or Organization"
        if isinstance(speaker, str):
            found = self.speaker(speaker)
            key: str | UnnamedGroup = found if isinstance(found, UnnamedGroup) else found.id
        elif isinstance(speaker, (Person, Organization)):
            key = self._find(speaker.id, _SPEAKERS, wanted, names=False).id
        elif isinstance(speaker, UnnamedGroup):
            key = speaker
        else:
            raise InvalidValueError(
                f"expected a Person, Organization, UnnamedGroup, or an id or name, not "
                f"{type(speaker).__name__}",
                where="speaker",
            )
        return self._by_speaker().get(key, ())

    def speaker(self, who: str) -> Person | Organization | UnnamedGroup:
        """The speaker an id, a name or a group's words find, as :meth:`statements_by` does.

        A person's or organization's id or name (found as :meth:`get` finds it, among
        people and organizations only); else an :class:`~tradetalks.UnnamedGroup` that a
        statement has as a speaker, by its words, folded as names are ("chinese experts").

        Raises:
            MissingReferenceError: when neither finds a speaker, or a name several people
                or organizations share; its ``suggestions`` and ``candidates`` are as for
                :meth:`get`.
            InvalidValueError: for ``who`` that is not text.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> record.speaker("scott bessent").id, record.speaker("Chinese experts")
        ('scott-bessent', UnnamedGroup(words='Chinese experts'))
        """
        if not isinstance(who, str):
            raise InvalidValueError(
                f"expected an id, a name or a group's words, not {type(who).__name__}",
                where="who",
            )
        try:
            found: Person | Organization = self._find(who, _SPEAKERS, "a Person or Organization")
        except MissingReferenceError:
            group = self._group_in_words(who)
            if group is None:
                raise
            return group
        return found

    def _group_in_words(self, words: str) -> UnnamedGroup | None:
        """The unnamed group a statement's speakers hold in these words (folded), if any."""
        return self._view("groups", Dataset._index_groups).get(_fold(words))

    def _index_groups(self) -> dict[str, UnnamedGroup]:
        groups: dict[str, UnnamedGroup] = {}
        for key in self._by_speaker():
            if isinstance(key, UnnamedGroup):
                groups.setdefault(_fold(key.words), key)
        return groups

    def statements_at(self, occasion: Round | Meeting | str) -> tuple[Statement, ...]:
        """The statements made at or about a round or meeting (or its id), in order.

        A round or meeting of the dataset that no statement is about gives an empty tuple.

        Raises:
            MissingReferenceError: for an id that names no round or meeting; its
                ``suggestions`` are the ids of rounds and meetings (see :meth:`get`).

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> len(record.statements_at("wang-wentao-meets-uscbc"))
        7
        >>> record.statements_at("stockholm")  # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        tradetalks.errors.MissingReferenceError: no record has the id 'stockholm'; did you mean
        'stockholm-2025'?
        """
        ident = occasion if isinstance(occasion, str) else getattr(occasion, "id", None)
        if not isinstance(ident, str):
            raise InvalidValueError(
                f"expected a Round, a Meeting or an id, not {type(occasion).__name__}",
                where="occasion",
            )
        found = self._find(
            ident, (Round, Meeting), "a Round or Meeting", names=isinstance(occasion, str)
        )
        return self._by_occasion().get(found.id, ())

    def statements_between(self, first: dt.date, last: dt.date) -> tuple[Statement, ...]:
        """The statements said on days from ``first`` to ``last``, both included.

        A statement counts when every day its ``said_on`` can mean lies in the range (a
        statement dated only "2025-07" is not within a range of days of July). Ordered by
        date, then by the dataset's order.

        Statements with no date (``said_on`` is ``None``) are left out, whatever the range:
        7 of the 25 in the shipped dataset. They are
        ``[s for s in dataset.statements if s.said_on is None]``, or, after the dated ones,
        the last entries of :meth:`timeline` with ``undated=True``.

        Raises:
            InvalidValueError: when ``first`` or ``last`` is not a :class:`datetime.date`.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> len(record.statements_between(date(2025, 7, 30), date(2025, 7, 30)))
        15
        >>> len(record.statements_between(date(2025, 1, 1), date(2025, 12, 31)))
        18
        >>> [s.id for s in record.statements if s.said_on is None][:2]
        ['chinese-experts-constructive-atmosphere', 'chinese-experts-inject-certainty']
        """
        for name, value in (("first", first), ("last", last)):
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
                raise InvalidValueError(
                    f"expected a datetime.date, not {type(value).__name__}", where=name
                )
        if last < first:
            raise InvalidValueError(f"the range ends ({last}) before it starts ({first})")
        first_day, last_day = first.toordinal(), last.toordinal()
        earliest, latest_days, dated = self._dated()
        low = bisect.bisect_left(earliest, first_day)
        high = bisect.bisect_right(earliest, last_day, lo=low)
        latest = latest_days[low:high]
        return tuple(s for s, end in zip(dated[low:high], latest, strict=True) if end <= last_day)

    def positions_of(self, person: Person | str) -> tuple[Position, ...]:
        """The positions a person (or a person's id or name) held, in the dataset's order.

        A person of the dataset with no position in it gives an empty tuple.

        Raises:
            MissingReferenceError: for an id or name that finds no person, or a name
                several people share (see :meth:`get`).
            InvalidValueError: for anything else that is not a person.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> [p.title for p in record.positions_of("wang-wentao")]
        ['Commerce Minister']
        >>> [p.title for p in record.positions_of("Jamieson Greer")]
        ['US Trade Representative']
        """
        ident = person if isinstance(person, str) else getattr(person, "id", None)
        if not isinstance(ident, str):
            raise InvalidValueError(
                f"expected a Person, or an id or name, not {type(person).__name__}",
                where="person",
            )
        found = self._find(ident, (Person,), "a Person", names=isinstance(person, str))
        return self._positions_of().get(found.id, ())

    def rounds_in_order(self) -> tuple[Round, ...]:
        """The rounds by track, then number (unnumbered ones last), then dates.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> [r.city for r in stockholm_2025().rounds_in_order()]
        ['Geneva', 'London', 'Stockholm']
        """
        return self._view("rounds_in_order", Dataset._rounds_in_order)

    def _rounds_in_order(self) -> tuple[Round, ...]:
        return tuple(
            sorted(
                self.rounds,
                key=lambda r: (r.track, r.number is None, r.number or 0, r.dates.sort_key()),
            )
        )

    def truces_on(self, as_of: dt.date) -> tuple[Truce, ...]:
        """The truces in force on ``as_of``, as known then (not lapsed, ended or unknown).

        Args:
            as_of: a :class:`datetime.date`, or an aware :class:`datetime.datetime`.

        Raises:
            NaiveDatetimeError: for a naive datetime.
            PrecisionError: when a month-precision bound leaves a truce's status open.

        >>> from datetime import date
        >>> from tradetalks.fixtures import stockholm_2025
        >>> [t.id for t in stockholm_2025().truces_on(date(2025, 7, 30))]
        ['cn-us-tariff-truce-2025']
        """
        from tradetalks.truces import TruceStatus  # noqa: PLC0415 - keep the facade's order

        return tuple(t for t in self.truces if t.status(as_of) is TruceStatus.IN_FORCE)

    def truces_under(self, agreement: Agreement | str) -> tuple[Truce, ...]:
        """The truces made under an agreement (or an agreement's id), in the dataset's order.

        Raises:
            MissingReferenceError: for an id that names no agreement (see :meth:`get`).
            InvalidValueError: for anything else that is not an agreement.

        >>> from tradetalks import Agreement, Dataset, Truce, TruceTerm
        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> china, us = record.get("CN"), record.get("US")
        >>> geneva = Agreement(id="geneva", title="Geneva Joint Statement", parties=[china, us],
        ...                    made_on="2025-05-12", derivation="the joint statement")
        >>> pause = Truce(id="us-pause", parties=[us], suspended="additional duties",
        ...               agreement=geneva, derivation="the executive order",
        ...               terms=[TruceTerm(start="2025-05-14", days=90, derivation="the order")])
        >>> both = Dataset(sources=record.sources, organizations=record.organizations,
        ...                parties=record.parties, agreements=[geneva], truces=[pause])
        >>> [t.id for t in both.truces_under("geneva")]
        ['us-pause']
        """
        ident = agreement if isinstance(agreement, str) else getattr(agreement, "id", None)
        if not isinstance(agreement, (str, Agreement)) or not isinstance(ident, str):
            raise InvalidValueError(
                f"expected an Agreement or an id, not {type(agreement).__name__}",
                where="agreement",
            )
        self._find(ident, (Agreement,), "an Agreement", names=isinstance(agreement, str))
        return self._view("truces_under", Dataset._index_truces).get(ident, ())

    def _index_truces(self) -> dict[str, tuple[Truce, ...]]:
        return _by_id_of(self.truces, operator.attrgetter("agreement"))

    def conflicts(self) -> tuple[Claim, ...]:
        """The claims whose value disagrees with the record, in the dataset's order.

        A claimed day agrees with an instant on that day in the instant's zone, a claimed
        month with any day in it; see :class:`~tradetalks.Claim` for every rule.

        >>> import attrs
        >>> from tradetalks import Claim, UnnamedGroup
        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> truce = record.truces[0]
        >>> claims = [
        ...     Claim(id=f"claim-{day}", claimed_by=UnnamedGroup("reports"), about=truce,
        ...           field="terms[0].end", value=day, evidence=truce.evidence)
        ...     for day in ("2025-08-12", "2025-08-14")
        ... ]
        >>> with_claims = attrs.evolve(record, claims=claims)
        >>> [claim.value for claim in with_claims.conflicts()]
        ['2025-08-14']
        """
        return tuple(claim for claim in self.claims if not claim.agrees())

    def possible_duplicates(self) -> tuple[PossibleDuplicate, ...]:
        """Pairs of records of one kind that may be one thing under two ids, with the reason.

        People whose names match once case, accents, titles ("Mr", "Dr"...), hyphens and word
        order are set aside; rounds in one city whose dates overlap; truces of the same
        parties whose terms overlap. Nothing is joined: pass a pair to :meth:`merge` as
        ``same={second.id: first.id}`` when they are one.

        >>> import attrs
        >>> from tradetalks import Person
        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> bessent = record.get("scott-bessent", Person)
        >>> again = attrs.evolve(bessent, id="bessent")
        >>> twice = attrs.evolve(record, people=(*record.people, again))
        >>> [(p.first.id, p.second.id, p.reason) for p in twice.possible_duplicates()]
        [('scott-bessent', 'bessent', "the same name, 'Scott Bessent' and 'Scott Bessent'")]
        """
        from tradetalks.merging import possible_duplicates  # noqa: PLC0415 - used only here

        def find(dataset: Dataset) -> tuple[PossibleDuplicate, ...]:
            return tuple(
                PossibleDuplicate(first, second, reason)
                for first, second, reason in possible_duplicates(
                    dataset.people, dataset.rounds, dataset.truces
                )
            )

        return self._view("possible_duplicates", find)

    def plot_timeline(self) -> Any:
        """Draw the timeline as a matplotlib ``Figure`` (needs ``tradetalks[plot]``).

        See :func:`tradetalks.plotting.plot_timeline`.

        Raises:
            ImportError: when matplotlib is missing; it names the extra to install.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> len(stockholm_2025().plot_timeline().axes)
        1
        """
        from tradetalks.plotting import plot_timeline  # noqa: PLC0415 - an optional extra

        return plot_timeline(self)

    def merge(self, other: Dataset, *, same: Mapping[str, str] | None = None) -> Dataset:
        """One dataset holding the records of both, each shared record once.

        Records with the same id (or ids ``same`` says are one) become one record:

        * their evidence is joined, each piece once;
        * a value one side knows more finely is kept (a round "in May" and one on
          "2025-05-10/2025-05-11"; a day and an instant on it; a missing country or date
          and a given one; a list and a longer one that holds it), with the evidence of both;
        * every record that referred to either refers to the merged one.

        Any other difference is a conflict. The result is the same, record for record,
        whichever side ``merge`` is called on, up to the order of the records (this
        dataset's first, then the other's new ones) and of the evidence.

        Args:
            other: another :class:`Dataset`.
            same: the other dataset's ids that name this dataset's records, such as
                ``{"bessent": "scott-bessent"}``; see :meth:`possible_duplicates`.

        Raises:
            MergeConflictError: naming every field that differs, with both values and the
                sources each came from.
            InvalidValueError: when ``other`` is not a Dataset, or ``same`` names an id
                that is not there or records of two kinds.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> record.merge(record) == record
        True
        """
        from tradetalks.merging import merge_collections  # noqa: PLC0415 - used only here

        if not isinstance(other, Dataset):
            raise InvalidValueError(
                f"expected a Dataset, not {type(other).__name__}", where="other"
            )
        names = [name for name, _ in COLLECTIONS]
        merged = merge_collections(
            {name: getattr(self, name) for name in names},
            {name: getattr(other, name) for name in names},
            names,
            same,
        )
        return Dataset(**merged)

    def timeline(self, *, undated: bool = False) -> tuple[TimelineEntry, ...]:
        """Every dated round, meeting, statement, agreement and truce event, in order of time.

        Entries sort by their date (:meth:`PartialDate.sort_key`), then by
        :class:`TimelineEvent` order, then by the dataset's order. Meetings and statements
        with no date are left out, and so are rounds and meetings whose start the source
        does not give (``/2025-07-29``: when they began is unknown); a truce term gives two
        entries, its start and its deadline (one, for a term until further notice), and an
        early end one more.

        Args:
            undated: when true, the entries with no known start follow the dated ones,
                as entries whose ``when`` is ``None``: the rounds and meetings whose start
                the source does not give (``/2025-07-29``, "ended on Tuesday"), the
                meetings and statements with no date (``dates`` or ``said_on`` is
                ``None``); the rounds first, then the meetings, then the statements, each
                in the dataset's order (the order of :class:`TimelineEvent`, as on one
                day). The shipped dataset has one such meeting (the presidents' phone
                call) and 7 such statements.

        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> [(str(e.when), e.event.value) for e in record.timeline()][:3]
        [('2025-05', 'round'), ('2025-05-14', 'truce_start'), ('2025-06', 'round')]
        >>> len(record.timeline()), len(record.timeline(undated=True))
        (24, 32)
        >>> [(e.when, e.record.id) for e in record.timeline(undated=True)[-8:-6]]
        [(None, 'presidents-phone-call'), (None, 'chinese-experts-constructive-atmosphere')]

        The timeline is worked out on the first call and kept, with or without the undated
        entries: a later call costs nothing, whatever the dataset's size.
        """
        if undated:
            return self._view("timeline_undated", Dataset._timeline_undated)
        return self._view("timeline", Dataset._timeline)

    def _timeline_undated(self) -> tuple[TimelineEntry, ...]:
        return self.timeline() + self._undated()

    def _undated(self) -> tuple[TimelineEntry, ...]:
        """The entries with no known start: rounds, meetings, then statements, in order."""
        rounds = [
            TimelineEntry(when=None, event=TimelineEvent.ROUND, record=r)
            for r in self.rounds
            if not isinstance(r.dates.start, PartialDate)
        ]
        meetings = [
            TimelineEntry(when=None, event=TimelineEvent.MEETING, record=m)
            for m in self.meetings
            if m.dates is None or not isinstance(m.dates.start, PartialDate)
        ]
        statements = [
            TimelineEntry(when=None, event=TimelineEvent.STATEMENT, record=s)
            for s in self.statements
            if s.said_on is None
        ]
        return (*rounds, *meetings, *statements)

    def _timeline(self) -> tuple[TimelineEntry, ...]:
        entries = [
            TimelineEntry(when=r.dates.start, event=TimelineEvent.ROUND, record=r)
            for r in self.rounds
            if isinstance(r.dates.start, PartialDate)  # not when the start is not given
        ]
        entries.extend(
            TimelineEntry(when=m.dates.start, event=TimelineEvent.MEETING, record=m)
            for m in self.meetings
            if m.dates is not None and isinstance(m.dates.start, PartialDate)
        )
        entries.extend(
            TimelineEntry(when=s.said_on.value, event=TimelineEvent.STATEMENT, record=s)
            for s in self.statements
            if s.said_on is not None
        )
        entries.extend(
            TimelineEntry(when=a.made_on, event=TimelineEvent.AGREEMENT, record=a)
            for a in self.agreements
        )
        entries.extend(
            TimelineEntry(when=_bound_date(bound), event=event, record=truce, term=term)
            for truce in self.truces
            for term in truce.terms
            for event, bound in (
                (TimelineEvent.TRUCE_START, term.start),
                (TimelineEvent.TRUCE_DEADLINE, term.end),
            )
            if bound is not None
        )
        entries.extend(
            TimelineEntry(when=_bound_date(t.ended.at), event=TimelineEvent.TRUCE_END, record=t)
            for t in self.truces
            if t.ended is not None
        )
        return tuple(sorted(entries, key=_sort_day))


#: The records a name finds: a person, an organization or a party.
_NAMED = (Person, Organization, Party)
#: The records that speak (an unnamed group speaks too, but is no record).
_SPEAKERS = (Person, Organization)
#: A word of an id or a name, once folded: letters and digits.
_WORD = re.compile(r"[^\W_]+")
#: How many suggestions an error for a record that is not there gives, at most.
_SUGGESTIONS = 5
#: The least :mod:`difflib` ratio of a close spelling (``get_close_matches``' default).
_CLOSE = 0.6
#: The fewest characters typed that are looked for within an id or a name.
_SHORTEST_PART = 3
#: The longest text compared by its spelling, in characters (no id or name is as long).
_SPELLING_LIMIT = 200


def _fold(text: str) -> str:
    """A name as names are compared: NFKC, case folded, each run of white space one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _names_of(record: object) -> tuple[str, ...]:
    """The names a record is found by: none for a record that is not named."""
    if isinstance(record, Person):
        return (record.name,) if record.native_name is None else (record.name, record.native_name)
    if isinstance(record, Organization):
        return (record.name,) if record.short_name is None else (record.name, record.short_name)
    if isinstance(record, Party):
        return (record.name,)
    return ()


class _Match:
    """How close an id or a name is to a text typed: a tier (0 is best) and a closeness."""

    def __init__(self, typed: str) -> None:
        self.query = _fold(typed)
        self.words = _WORD.findall(self.query)
        self.typed = set(self.words)
        self.matcher = difflib.SequenceMatcher(autojunk=False)
        self.matcher.set_seq2(self.query)
        self.spell = len(self.query) <= _SPELLING_LIMIT  # a long text is like no name
        # Ids and names share their words ("he-lifeng-..."): each word is compared once.
        self.word_closeness: dict[str, float] = {}

    def score(self, key: str) -> tuple[int, float] | None:
        """The tier and closeness of a folded id or name, or ``None`` when it is not close.

        Tier 0: the very words typed; 1: every word typed among its words; 2: some of
        them, or the text typed within it; 3: only a close spelling, of the whole or of
        one of its words. The closeness is :mod:`difflib`'s ratio (0.0 when not close).
        """
        key_words = _WORD.findall(key)
        has = set(key_words)
        closeness = _closeness(self.matcher, key) if self.spell else 0.0
        if self.words and key_words == self.words:
            return (0, closeness)
        if self.typed and self.typed <= has:
            return (1, closeness)
        if self.typed & has or (len(self.query) >= _SHORTEST_PART and self.query in key):
            return (2, closeness)
        if not self.spell:
            return None
        for word in has:
            near = self.word_closeness.get(word)
            if near is None:
                near = self.word_closeness[word] = _closeness(self.matcher, word)
            closeness = max(closeness, near)
        return (3, closeness) if closeness else None


def _closeness(matcher: difflib.SequenceMatcher[str], text: str) -> float:
    """``difflib``'s ratio of ``text`` to the matcher's text when close (0.0 otherwise)."""
    matcher.set_seq1(text)
    if matcher.real_quick_ratio() < _CLOSE or matcher.quick_ratio() < _CLOSE:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _CLOSE else 0.0


def _lookup_error(
    message: str,
    *,
    reference: str,
    suggestions: Iterable[str] = (),
    candidates: Iterable[str] = (),
) -> MissingReferenceError:
    """A :class:`MissingReferenceError` of a lookup, with its suggestions and candidates."""
    return MissingReferenceError(
        message, reference=reference, suggestions=suggestions, candidates=candidates
    )


def _bound_date(bound: PartialDate | dt.datetime) -> PartialDate:
    """A truce bound as a date: an instant's date in its own zone."""
    return PartialDate.from_date(bound.date()) if isinstance(bound, dt.datetime) else bound


def _speaker_key(speaker: Person | Organization | UnnamedGroup) -> str | UnnamedGroup:
    """A speaker's key in the index: a person's or organization's id, or the group itself."""
    if isinstance(speaker, UnnamedGroup):
        return speaker
    return speaker.id
