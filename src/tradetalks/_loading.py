"""How a dataset file is loaded: parsed, then read in a fast pass or, failing that, a detailed one.

:func:`parse_json` turns the text into JSON values, refusing a key given twice. The records
are then built in up to two passes over those values (:func:`structure_dataset`). The fast
pass, here, builds each record with a reader made once per class from the class's attrs
fields: every value must already have the JSON type its field's annotation asks for, every
required key must be there and no other, every reference must name a record of the right
kind. It does not say what is wrong: at the first problem it stops, and the detailed pass
(cattrs with detailed validation, in :mod:`tradetalks._converter`) goes over the values
again to report every problem with its JSONPath.

The fast pass only decides which records to build from which values; the records check
themselves (their attrs validators run either way), so both passes accept exactly the same
files and build equal records. The test suite holds them to that, over the malformed files
of ``tests/bad`` and over generated variations of valid datasets.

The fast pass is written against attrs alone, so that a valid file, such as the shipped
dataset, is loaded without importing cattrs.
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import datetime as dt
import enum
import functools
import gc
import json
import re
import threading
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from tradetalks._fields import is_reference
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import COLLECTIONS, Dataset, dataset_from_loader, resolve_record_types
from tradetalks.dates import DateSpan, PartialDate
from tradetalks.errors import DataFormatError, InvalidValueError, Problem, TradetalksError
from tradetalks.instants import parse_instant
from tradetalks.resolution import ResolvedDate
from tradetalks.sources import Source
from tradetalks.truces import Bound, to_bound

FORMAT = "tradetalks/1"  # the format key of the files read (see tradetalks.serialization)


# Fields written under another key on disk: a problem's JSONPath names the key, not the field.
RENAMED: dict[type[Any], dict[str, str]] = {ResolvedDate: {"value": "date"}}

# Dates and instants are immutable and repeat across a dataset: each distinct text is
# parsed once per process. A text that fails to parse is not cached.
partial_date = functools.lru_cache(maxsize=4096)(PartialDate.from_edtf)
date_span = functools.lru_cache(maxsize=4096)(DateSpan.from_edtf)
parsed_instant = functools.lru_cache(maxsize=4096)(parse_instant)
bound = functools.lru_cache(maxsize=4096)(to_bound)


def is_iso_day(text: str) -> bool:
    """Whether ``text`` is written ``YYYY-MM-DD`` in ASCII digits (ISO 8601's calendar date)."""
    digits = text[:4] + text[5:7] + text[8:]
    return len(text) == 10 and text[4] == text[7] == "-" and digits.isascii() and digits.isdigit()


@functools.lru_cache(maxsize=4096)
def iso_day(text: str) -> dt.date:
    """A calendar date written ``YYYY-MM-DD`` (a published_on)."""
    if not is_iso_day(text):
        raise InvalidValueError(f"expected a date as YYYY-MM-DD, not {text!r}")
    return PartialDate.from_edtf(text).to_date()


def json_type(value: object) -> str:
    """What a parsed JSON value is, in words: "an object", "a list", "a string"..."""
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


class Cascade(Exception):  # noqa: N818 - an internal signal, never raised to users
    """A reference to a record that itself failed to load: reported there, not here."""


class Refused(Exception):  # noqa: N818 - an internal signal, never raised to users
    """The fast pass met a value it does not take: the detailed pass will say what is wrong."""


class LoadContext:
    """The state of one load: raw records by id, records built so far, problems found.

    ``structure(item, kind)`` builds one record; the fast pass and the detailed pass each
    pass their own. ``explain(error, path)``, given only in the detailed pass, turns what a
    record raised into problems; without it, the first error ends the load.
    """

    __slots__ = (
        "building",
        "explain",
        "failed",
        "problems",
        "raw",
        "read_text_file",
        "structure",
        "table",
    )

    def __init__(
        self,
        structure: Callable[[object, type[Any]], Any],
        read_text_file: Callable[[str], str] | None,
        explain: Callable[[BaseException, str], Iterable[Problem]] | None = None,
    ) -> None:
        self.structure = structure
        self.read_text_file = read_text_file
        self.explain = explain
        self.raw: dict[str, tuple[str, int, object, type[Any]]] = {}
        self.table: dict[str, Any] = {}
        self.failed: set[str] = set()
        # The records being built, innermost last (a dict: ordered, and quick to search).
        self.building: dict[str, None] = {}
        self.problems: list[Problem] = []

    def build(self, ident: str) -> Any:
        """The record with id ``ident``, structured now if it was not yet.

        Records are built when first referred to, so they may be listed in any order; a
        record that fails is reported at its own path, and a reference to it is not
        reported again.
        """
        record = self.table.get(ident)
        if record is not None:
            return record
        if ident in self.failed:
            raise Cascade(ident)
        entry = self.raw.get(ident)
        if entry is None:
            raise InvalidValueError(f"{ident!r} does not name any record in the dataset")
        if ident in self.building:
            path = list(self.building)
            raise InvalidValueError(
                f"records refer to each other in a cycle: {_cycle(path[path.index(ident) :])}"
            )
        name, index, item, kind = entry
        self.building[ident] = None
        try:
            built = self.structure(item, kind)
        except Exception as error:
            if self.explain is None:
                raise
            self.problems.extend(self.explain(error, f"$.{name}[{index}]"))
            self.failed.add(ident)
            raise Cascade(ident) from None
        finally:
            self.building.popitem()
        self.table[ident] = built
        return built


def _cycle(idents: list[str]) -> str:
    """``a → b → a``; a long cycle's middle left out, with its length."""
    if len(idents) <= 8:
        return " → ".join([*idents, idents[0]])
    shown = " → ".join([*idents[:4], "…", *idents[-2:], idents[0]])
    return f"{shown} ({len(idents)} records)"


CONTEXT: contextvars.ContextVar[LoadContext] = contextvars.ContextVar("tradetalks_load")


def reference_kinds(annotation: Any) -> tuple[type, ...]:
    """The record classes a reference annotation allows (``None`` and tuples unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return reference_kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return tuple(k for a in typing.get_args(annotation) for k in reference_kinds(a))
    if annotation is type(None):
        return ()
    return (annotation,)


def source_text(data: Mapping[str, Any], read_text_file: Callable[[str], str] | None) -> str:
    """The text of a raw source that has a ``text_file``: the name checked, then the file read.

    Raises:
        InvalidValueError: for a name the record refuses, or when no folder was given.
    """
    name = data["text_file"]
    if not isinstance(name, str):
        raise InvalidValueError("expected the name of a file, a string", where="text_file")
    # The record's own rule for the name, checked before any file is read, so that no name in
    # a dataset file can point outside its folder ("../x", "/dev/zero"). (A symbolic link put
    # in the folder by its owner is followed, as any program reading the folder would.)
    field = attrs.fields(Source).text_file
    if field.validator is not None:
        field.validator(None, field, name)
    if read_text_file is None:
        raise InvalidValueError(
            f"the text is in the file {name!r}, but no folder was given to read it "
            "from (use load(path), or loads(text, base=folder))",
            where="text_file",
        )
    return read_text_file(name)


# -- a load, pass by pass --------------------------------------------------------------


def is_plain_key(key: str) -> bool:
    """Whether a key is a plain name (ASCII letters, digits, ``_``; not a digit first)."""
    return key.isascii() and key.isidentifier()


def _member(key: str) -> str:
    """The JSONPath step to a key: ``.key``, or ``["key"]`` for any other key (escaped)."""
    return f".{key}" if is_plain_key(key) else f"[{json.dumps(key)}]"


def _raw_id(item: object, name: str) -> str | None:
    """The id a raw record declares (a party's code), if it is a string."""
    ident = item.get("code" if name == "parties" else "id") if isinstance(item, dict) else None
    return ident if isinstance(ident, str) else None


def _index_raw(
    raw: dict[str, Any], context: LoadContext, *, only: frozenset[type[Any]] | None = None
) -> dict[str, list[Any]]:
    """Check the root's keys and index raw records by their ids; return the lists.

    Records of every kind are indexed, or only of the kinds in ``only``.
    """
    problems = context.problems
    if raw.get("format") != FORMAT:
        found = f"not {raw['format']!r}" if "format" in raw else "but it is missing"
        problems.append(Problem("$.format", f"expected {FORMAT!r}, {found}"))
    known = {"format"} | {name for name, _ in COLLECTIONS}
    problems.extend(Problem(f"${_member(key)}", "unknown field") for key in raw if key not in known)
    lists: dict[str, list[Any]] = {}
    for name, kind in COLLECTIONS:
        items = raw.get(name, [])
        if not isinstance(items, list):
            problems.append(Problem(f"$.{name}", f"expected a list, not {json_type(items)}"))
            continue
        lists[name] = items
        if only is not None and kind not in only:
            continue
        for index, item in enumerate(items):
            ident = _raw_id(item, name)
            if ident is None:
                continue
            if ident in context.raw:
                other, other_index = context.raw[ident][:2]
                key = "code" if name == "parties" else "id"
                problems.append(
                    Problem(
                        f"$.{name}[{index}].{key}",
                        f"the id {ident!r} is already used by $.{other}[{other_index}]",
                    )
                )
            else:
                context.raw[ident] = (name, index, item, kind)
    return lists


@functools.cache
def _reference_plan(cls: Any) -> tuple[tuple[str, bool, Any, tuple[type, ...]], ...]:
    """Where a raw record of ``cls`` holds ids: (key, whether a list, nested class, kinds).

    A nested class (a piece of evidence, a delegate, a truce term) is looked into; for a
    reference itself it is ``None``, and the kinds are the record classes it may name.
    """
    plan: list[tuple[str, bool, Any, tuple[type, ...]]] = []
    renamed = RENAMED.get(cls, {})
    for field in attrs.fields(cls):
        key = renamed.get(field.name, field.name)
        many = typing.get_origin(field.type) is tuple
        if is_reference(field):
            kinds = tuple(k for k in reference_kinds(field.type) if k is not UnnamedGroup)
            plan.append((key, many, None, kinds))
            continue
        inner = [
            a for t in (field.type, *typing.get_args(field.type)) for a in (t, *typing.get_args(t))
        ]
        plan.extend((key, many, a, ()) for a in inner if attrs.has(a) and _reference_plan(a))
    return tuple(plan)


def _raw_references(
    item: object, cls: Any, raw: dict[str, tuple[str, int, object, type[Any]]]
) -> Iterator[str]:
    """The ids a raw record refers to, in the order of its fields.

    Only ids of records of a kind the field takes are given: a reference to a record of
    another kind is an error of its own, reported where it stands, and leads nowhere.
    """
    if type(item) is not dict:
        return
    for key, many, nested, kinds in _reference_plan(cls):
        value = item.get(key)
        for inner in (value if type(value) is list else ()) if many else (value,):
            if nested is not None:
                yield from _raw_references(inner, nested, raw)
            elif type(inner) is str and inner in raw and raw[inner][3] in kinds:
                yield inner


def _build_referred_first(roots: Iterable[str], context: LoadContext) -> None:
    """Build the records named in ``roots``, each after every record it refers to.

    Walking references depth first, without recursion, and building each record on the
    way back, means that a record's references are always built before it: building
    never recurses, however long a chain of references (parents of parents, an outlet whose
    evidence cites a source whose outlet...) is. A reference back to a record on the walk
    closes a cycle: building the record that makes it reports the cycle.
    """
    raw, table, failed, building = context.raw, context.table, context.failed, context.building
    for root in roots:
        if root in table or root in failed or root not in raw:
            continue
        walk = [(root, _raw_references(raw[root][2], raw[root][3], raw))]
        building[root] = None
        while walk:
            ident, references = walk[-1]
            for target in references:
                if (
                    target in raw
                    and target not in table
                    and target not in failed
                    and target not in building  # else a cycle, reported as ident is built
                ):
                    walk.append((target, _raw_references(raw[target][2], raw[target][3], raw)))
                    building[target] = None
                    break
            else:
                walk.pop()
                building.popitem()
                with contextlib.suppress(Cascade):
                    context.build(ident)


def _roots(lists: dict[str, list[Any]], kinds: Iterable[str]) -> Iterator[str]:
    """The ids of the records of the collections ``kinds``, organizations first."""
    for name in ["organizations", *(kind for kind in kinds if kind != "organizations")]:
        for item in lists.get(name, []):
            ident = _raw_id(item, name)
            if ident is not None:
                yield ident


def _build_all(lists: dict[str, list[Any]], context: LoadContext) -> dict[str, list[Any]]:
    """Every record of every list, built in order (or on first reference), problems noted."""
    from tradetalks._converter import problems, structure_detailed  # noqa: PLC0415

    _build_referred_first(_roots(lists, [name for name, _ in COLLECTIONS]), context)
    collections: dict[str, list[Any]] = {}
    for name, kind in COLLECTIONS:
        built = collections[name] = []
        for index, item in enumerate(lists.get(name, [])):
            ident = _raw_id(item, name)
            if ident is not None:
                if context.raw[ident][:2] == (name, index):  # not a duplicate
                    with contextlib.suppress(Cascade):
                        built.append(context.build(ident))
                continue
            try:  # no usable id: structured only to report its problems
                structure_detailed(item, kind)
            except Exception as error:  # noqa: BLE001 - every problem is reported
                context.problems.extend(problems(error, f"$.{name}[{index}]"))
    return collections


@functools.cache
def referred_kinds() -> frozenset[type[Any]]:
    """The record classes some field refers to (sources, parties, organizations, ...).

    Records of other kinds (statements, positions, truces) are never the target of a
    reference, so the fast pass neither indexes them nor looks them up: it reads them.
    """
    resolve_record_types()
    kinds: set[type[Any]] = set()
    todo: list[Any] = [kind for _, kind in COLLECTIONS]
    while todo:
        for _, _, nested, targets in _reference_plan(todo.pop()):
            kinds.update(targets)
            if nested is not None:
                todo.append(nested)
    return frozenset(kinds)


def _build_fast(lists: dict[str, list[Any]], context: LoadContext) -> dict[str, list[Any]]:
    """Every record of every list, built in order (or on first reference); stops at a problem.

    The lists of kinds referred to were indexed without a problem: each of their records
    has its own id, a string. Ids of the other kinds are checked unique by the Dataset.
    """
    referred = referred_kinds()
    names = [name for name, kind in COLLECTIONS if kind in referred]
    _build_referred_first(_roots(lists, names), context)
    build = context.build
    built: dict[str, list[Any]] = {}
    kinds: tuple[tuple[str, Any], ...] = COLLECTIONS
    for name, kind in kinds:
        items = lists.get(name, [])
        if kind in referred:
            key = "code" if name == "parties" else "id"
            built[name] = [build(item[key]) for item in items]
        else:
            read = fast_reader(kind)
            built[name] = [read(item) for item in items]
    return built


def structure_dataset(raw: object, read_text_file: Callable[[str], str] | None) -> Dataset:
    """The dataset of a parsed file: the fast pass, then the detailed one if it failed.

    Raises:
        DataFormatError: listing every problem the detailed pass found.
    """
    if not isinstance(raw, dict):
        raise DataFormatError([Problem("$", f"expected a JSON object, not {json_type(raw)}")])
    try:
        return structure_pass(raw, read_text_file, detailed=False)
    except Exception:  # noqa: BLE001, S110 - a problem: the detailed pass reports them all
        pass
    return structure_pass(raw, read_text_file, detailed=True)


_PAUSES = {"count": 0, "was_enabled": False}  # loads under way, and the collector before them
_PAUSES_LOCK = threading.Lock()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while JSON is parsed and records are made.

    Neither the parsed JSON nor the records hold reference cycles, and the collector would
    otherwise walk the growing heap again and again while hundreds of thousands of objects
    are made. Loads in several threads share one pause: the first one in turns the
    collector off, the last one out turns it back on if it was on.
    """
    with _PAUSES_LOCK:
        if _PAUSES["count"] == 0:
            _PAUSES["was_enabled"] = gc.isenabled()
            gc.disable()
        _PAUSES["count"] += 1
    try:
        yield
    finally:
        with _PAUSES_LOCK:
            _PAUSES["count"] -= 1
            if _PAUSES["count"] == 0 and _PAUSES["was_enabled"]:
                gc.enable()


def structure_pass(
    raw: dict[str, Any], read_text_file: Callable[[str], str] | None, *, detailed: bool
) -> Dataset:
    """One pass over a parsed file: the fast one (``detailed=False``) or the detailed one.

    Raises:
        DataFormatError: every problem found (the detailed pass), or the first (the fast
            pass, which may also raise whatever a record's own checks raise).
    """
    if detailed:
        from tradetalks._converter import problems, structure_detailed  # noqa: PLC0415

        context = LoadContext(structure_detailed, read_text_file, problems)
    else:
        context = LoadContext(structure_fast, read_text_file)
    lists = _index_raw(raw, context, only=None if detailed else referred_kinds())
    if context.problems and not detailed:
        raise DataFormatError(context.problems)
    token = CONTEXT.set(context)
    try:
        collections = _build_all(lists, context) if detailed else _build_fast(lists, context)
    finally:
        CONTEXT.reset(token)
    if context.problems:
        raise DataFormatError(sorted(context.problems, key=_path_order))
    try:
        return dataset_from_loader(collections)
    except TradetalksError as error:
        raise DataFormatError([Problem(f"$.{error.where}", error.message)]) from None


def _path_order(problem: Problem) -> tuple[int, int]:
    """Problems sort by collection, then record; within a record they keep their order."""
    order = {name: i for i, (name, _) in enumerate(COLLECTIONS)}
    match = re.match(r"\$\.([a-z]+)(?:\[(\d+)\])?", problem.path)
    if match is None:
        return (-1, -1)
    return (order.get(match[1], -1), int(match[2] or -1))


class _DuplicateKeyError(ValueError):
    """An object with the same key twice: JSON leaves its meaning open, so it is refused."""


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's pairs as a dict, refusing a key given twice (``object_pairs_hook``)."""
    result = dict(pairs)
    if len(result) < len(pairs):
        raise _DuplicateKeyError
    return result


class _Repeated(dict[str, Any]):
    """An object in which the key ``repeated`` was given more than once."""

    repeated = ""


def _mark_repeated(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = _Repeated(pairs) if len(dict(pairs)) < len(pairs) else dict(pairs)
    if isinstance(result, _Repeated):
        counts = collections.Counter(key for key, _ in pairs)
        result.repeated = next(key for key, _ in pairs if counts[key] > 1)
    return result


def _repeated_key(text: str) -> Problem:
    """The first key given twice in one object, in the order of the text, with its path."""
    stack: list[tuple[str, object]] = [("$", json.loads(text, object_pairs_hook=_mark_repeated))]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Repeated):
            message = "this key is given twice in one object (JSON leaves its meaning open)"
            return Problem(path + _member(value.repeated), message)
        if isinstance(value, dict):
            stack.extend((path + _member(k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return Problem("$", "a key is given twice in one object")  # not reached


def parse_json(text: str) -> object:
    """The JSON value of a dataset's text.

    Raises:
        DataFormatError: for text that is not JSON, nests too deeply, or repeats a key.
    """
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except _DuplicateKeyError:
        raise DataFormatError([_repeated_key(text)]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise DataFormatError([Problem("$", f"not valid JSON: {error.msg} ({where})")]) from None
    except RecursionError:
        raise DataFormatError([Problem("$", "nested too deeply to be a dataset")]) from None
    except ValueError as error:
        raise DataFormatError([Problem("$", f"not valid JSON: {error}")]) from None


# -- the fast pass -------------------------------------------------------------------------


def _refuse() -> typing.NoReturn:
    raise Refused


def _read_str(value: object) -> object:
    return value if type(value) is str else _refuse()


def _read_int(value: object) -> object:
    return value if type(value) is int else _refuse()  # a bool is not an int here


def _read_bool(value: object) -> object:
    return value if type(value) is bool else _refuse()


def _text_then(parse: Callable[[str], object]) -> Callable[[object], object]:
    def read(value: object) -> object:
        return parse(value) if type(value) is str else _refuse()

    return read


def _read_identifiers(value: object) -> object:
    if type(value) is not dict or not all(type(item) is str for item in value.values()):
        _refuse()
    return value


_SCALARS: dict[Any, Callable[[object], object]] = {
    str: _read_str,
    int: _read_int,
    bool: _read_bool,
    dt.date: _text_then(iso_day),
    dt.datetime: _text_then(parsed_instant),
    PartialDate: _text_then(partial_date),
    DateSpan: _text_then(date_span),
    Bound: _text_then(bound),
    Mapping[str, str]: _read_identifiers,
}


# What compiled readers write in line: an enumeration's members by value, for its reader;
# the reader of a value that is there, for the reader of a value that may be null.
_MEMBERS: dict[Callable[[object], object], dict[Any, enum.Enum]] = {}
_PRESENT: dict[Callable[[object], object], Callable[[object], object]] = {}


def _value_reader(annotation: Any) -> Callable[[object], object]:
    """The reader of a value (not a reference) of the annotated type."""
    scalar = _SCALARS.get(annotation)
    if scalar is not None:
        return scalar
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _value_reader(args[0])

        def many(value: object) -> object:
            return tuple(map(item, value)) if type(value) is list else _refuse()

        return many
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        present = _value_reader(inner)

        def optional(value: object) -> object:
            return None if value is None else present(value)

        _PRESENT[optional] = present
        return optional
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        members = {member.value: member for member in annotation}

        def member(value: object) -> object:
            return members[value] if type(value) is str else _refuse()

        _MEMBERS[member] = members
        return member
    if attrs.has(annotation):
        return fast_reader(annotation)
    message = f"no reader for {annotation!r}"
    raise TypeError(message)


def _reference_reader(annotation: Any) -> Callable[[object], object]:
    """The reader of a reference (or a list of them): ids resolved to the records."""
    kinds = reference_kinds(annotation)
    groups = UnnamedGroup in kinds

    def one(value: object) -> object:
        if type(value) is str:
            context = CONTEXT.get()
            target = context.table.get(value) or context.build(value)
            if isinstance(target, kinds):
                return target
        elif groups and type(value) is dict and len(value) == 1 and type(value.get("group")) is str:
            return UnnamedGroup(value["group"])
        raise Refused

    if typing.get_origin(annotation) is tuple:

        def many(value: object) -> object:
            return tuple(map(one, value)) if type(value) is list else _refuse()

        return many
    if type(None) in typing.get_args(annotation):

        def optional(value: object) -> object:
            return None if value is None else one(value)

        return optional
    return one


class _Field:
    """How the fast pass reads one field of a record class."""

    __slots__ = ("alias", "default", "factory", "key", "number", "read", "required")

    def __init__(  # noqa: PLR0913 - one argument per attribute
        self,
        *,
        number: int,  # its place among the class's fields
        key: str,  # the key on disk
        alias: str,  # the argument of the class's __init__
        read: Callable[[object], object],
        required: bool,
        factory: Callable[[], object] | None,  # a default made anew for each record
        default: object,
    ) -> None:
        self.number, self.key, self.alias, self.read = number, key, alias, read
        self.required, self.factory, self.default = required, factory, default


def _fields_of(cls: Any) -> tuple[_Field, ...]:
    renamed = RENAMED.get(cls, {})
    fields = []
    for index, field in enumerate(attrs.fields(cls)):
        if not field.init:
            continue
        read = _reference_reader(field.type) if is_reference(field) else _value_reader(field.type)
        default: Any = field.default
        factory = None
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                message = f"a default that takes self: {field.name}"
                raise TypeError(message)
            factory = default.factory
        key = renamed.get(field.name, field.name)
        required = default is attrs.NOTHING
        fields.append(
            _Field(
                number=index,
                key=key,
                alias=field.alias or field.name,
                read=read,
                required=required,
                factory=factory,
                default=default,
            )
        )
    return tuple(fields)


def _table_reader(cls: Any, fields: tuple[_Field, ...]) -> Callable[[object], Any]:
    """A reader that walks the class's fields: nothing to compile, for the first records."""
    keys = frozenset(field.key for field in fields)
    required = [(f.key, f.alias, f.read) for f in fields if f.required]
    optional = [(f.key, f.alias, f.read) for f in fields if not f.required]

    def read(o: object) -> Any:
        if type(o) is not dict or not keys.issuperset(o):
            raise Refused
        arguments = {alias: convert(o[key]) for key, alias, convert in required}
        for key, alias, convert in optional:
            if key in o:  # else the class's own default
                arguments[alias] = convert(o[key])
        return cls(**arguments)

    return read


_INLINE = {_read_str: "str", _read_int: "int", _read_bool: "bool"}


def _expression(
    read: Callable[[object], object], raw: str, name: str, names: dict[str, Any]
) -> str:
    """The source that reads the value ``raw`` (an expression) as ``read`` does.

    ``name`` is the field's own prefix for the names the expression uses, which are added
    to ``names``.
    """
    if read in _INLINE:  # a JSON scalar taken as it is: its type checked in line
        return f"(v{name} if type(v{name} := {raw}) is {_INLINE[read]} else refuse())"
    if read in _MEMBERS:  # an enumeration by its value (only a string can be a key)
        names[f"m{name}"] = _MEMBERS[read]
        return f"m{name}[{raw}]"
    if read in _PRESENT:  # null, or the value
        present = _expression(_PRESENT[read], f"n{name}", f"{name}_", names)
        return f"(None if (n{name} := {raw}) is None else {present})"
    names[f"r{name}"] = read
    return f"r{name}({raw})"


def _argument(field: _Field) -> tuple[str, dict[str, Any]]:
    """The source of one keyword argument of a compiled reader, and the names it uses."""
    index, key = field.number, field.key
    names: dict[str, Any] = {}
    value = _expression(field.read, f"o[{key!r}]", str(index), names)
    if field.required:
        return value, names
    if field.factory is not None:
        names[f"f{index}"] = field.factory
        return f"({value} if {key!r} in o else f{index}())", names
    names[f"d{index}"] = field.default
    return f"({value} if {key!r} in o else d{index})", names


def _compiled_reader(cls: Any, fields: tuple[_Field, ...]) -> Callable[[object], Any]:
    """A reader written for the class, as attrs writes ``__init__``: quicker per record.

    One call with a keyword argument per field, each value read from its key, the type of
    a string, number or boolean checked in line.
    """
    names: dict[str, Any] = {"cls": cls, "refuse": _refuse, "Refused": Refused}
    arguments = []
    for field in fields:
        value, used = _argument(field)
        arguments.append(f"        {field.alias}={value},\n")
        names.update(used)
    names["keys"] = frozenset(field.key for field in fields)
    source = (
        "def read(o):\n"
        "    if type(o) is not dict or not keys.issuperset(o):\n"
        "        raise Refused\n"
        f"    return cls(\n{''.join(arguments)}    )\n"
    )
    exec(compile(source, f"<tradetalks reader of {cls.__name__}>", "exec"), names)  # noqa: S102 - code written above from the class's own fields
    read: Callable[[object], Any] = names["read"]
    return read


COMPILE_AFTER = 32
"""Records of a class read with the table reader before its reader is compiled.

Compiling takes about a third of a millisecond a class: a small file (the shipped one
holds 66 records of 13 classes) is read sooner without it, a large one sooner with it.
"""


@functools.cache
def fast_reader(cls: Any) -> Callable[[object], Any]:
    """The fast pass's reader of one record class: a JSON object in, the record out.

    It raises :class:`Refused` (or whatever a record's own checks raise) at the first
    problem: a missing key is a ``KeyError``. The first :data:`COMPILE_AFTER` records are
    read by walking the class's fields, the others by a reader compiled for the class; the
    two take the same values, and the tests hold them to it.
    """
    resolve_record_types()
    fields = _fields_of(cls)
    current = _table_reader(cls, fields)
    count = 0

    def read(value: object) -> Any:
        nonlocal current, count
        count += 1
        if count == COMPILE_AFTER:
            current = _compiled_reader(cls, fields)
        return current(value)

    if cls is Source:
        return functools.partial(_read_source, read)
    if all(_written_as_text(field) for field in attrs.fields(cls)):
        return _remembered(read, sorted(field.key for field in fields))
    return read


# Types whose values a file writes as strings (an enumeration, too, by its value).
_TEXT_TYPES = {str, dt.date, dt.datetime, PartialDate, DateSpan, Bound}


def _written_as_text(field: attrs.Attribute[Any]) -> bool:
    """Whether a field's value is a string in a file (or null, where it may be)."""
    if is_reference(field) or not field.init:
        return not field.init
    kinds = [k for k in typing.get_args(field.type) if k is not type(None)] or [field.type]
    if typing.get_origin(field.type) not in (typing.Union, types.UnionType):
        kinds = [field.type]
    return all(
        k in _TEXT_TYPES or (isinstance(k, type) and issubclass(k, enum.Enum)) for k in kinds
    )


_ABSENT = object()  # a key the object does not have


def _remembered(read: Callable[[object], Any], keys: list[str]) -> Callable[[object], Any]:
    """``read`` for a record whose values are all strings or null, remembering recent ones.

    The same said_on (its date, words, rule, tense) recurs across a dataset; records are
    immutable, so equal objects in the file can share one record. An object is known by the
    values of its keys, once it has no other key. Only objects read without a problem are
    remembered, and their values are strings or null, which are equal only to themselves:
    an object with a number, say, where a known one has a string is never taken for it (and
    one with a list or an object as a value cannot be looked up: it is refused).
    """
    absent = [_ABSENT] * len(keys)

    @functools.lru_cache(maxsize=4096)
    def known(values: tuple[object, ...]) -> Any:
        return read({k: v for k, v in zip(keys, values, strict=False) if v is not _ABSENT})

    def remembered(value: object) -> Any:
        if type(value) is not dict:
            raise Refused
        values = tuple(map(value.get, keys, absent))
        if len(value) != len(keys) - values.count(_ABSENT):  # a key not among ``keys``
            raise Refused
        return known(values)

    return remembered


def _read_source(read: Callable[[object], Any], value: object) -> Any:
    if type(value) is not dict or ("text" in value) == ("text_file" in value):
        raise Refused  # an object with either "text" or "text_file", not both or neither
    if "text_file" in value:
        value = {**value, "text": source_text(value, CONTEXT.get().read_text_file)}
    return read(value)


def structure_fast(item: object, kind: Any) -> Any:
    """Build one record in the fast pass (the ``structure`` of its :class:`LoadContext`)."""
    return fast_reader(kind)(item)
