"""The detailed report: every problem of a file that does not load, each with its JSONPath.

A file the quick load refuses comes here. It is parsed again with Python's ``json`` (which
says where text is not JSON, and where a key is given twice), then every record is built
with cattrs' detailed validation, which gathers every problem rather than stopping at the
first, with the hooks the wire description gives for each value type and reference. A
record that fails is reported at its own path, and a reference to it is not reported again.
When nothing is wrong after all (the quick load counts keys and may be cautious), the
dataset built here is the result.

cattrs is imported with this module, only when a file has a problem.

>>> from tradetalks import DataFormatError
>>> from tradetalks.serialization.report import load_detailed
>>> text = '{"format": "tradetalks/1", "people": [{"id": "x", "name": 7}], "rounds": {}}'
>>> try:
...     load_detailed(text, None)
... except DataFormatError as error:
...     for problem in error.problems:
...         print(problem.path, "-", problem.message)
$.people[0].name - expected a string, not a number
$.people[0].evidence - this required field is missing
$.rounds - expected a list, not an object
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import difflib
import enum
import functools
import json
import operator
import re
import types
import typing
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from tradetalks._fields import a_or_an
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import Dataset, dataset_from_loader
from tradetalks.dates import DateSpan, PartialDate
from tradetalks.errors import DataFormatError, InvalidValueError, Problem, TradetalksError
from tradetalks.serialization.loading import OnTheWalk, build_referred_first, referenced
from tradetalks.serialization.parsing import RepeatedKeyError, no_duplicate_keys
from tradetalks.serialization.wire import (
    ABSENT,
    FORMAT,
    Codec,
    FieldKind,
    WireField,
    codec_of,
    json_type,
    source_text,
    value_types,
    wire_record,
)
from tradetalks.serialization.wire import (
    collections as wire_collections,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

_SUGGESTED = 20
"""How many references that name no record get the closest id suggested, in one file."""

# What a field written in a file by mistake most likely meant, by record class and key.
_FIELD_HINTS = {
    ("TruceTerm", "days"): "a term in a file gives its end; TruceTerm(days=...) in Python "
    "works it out",
}

# -- parsing ---------------------------------------------------------------------------


class _Repeated(dict[str, Any]):
    """An object in which the key ``repeated`` was given more than once."""

    repeated = ""


def _mark_repeated(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = _Repeated(pairs) if len(dict(pairs)) < len(pairs) else dict(pairs)
    if isinstance(result, _Repeated):
        counts = collections.Counter(key for key, _ in pairs)
        result.repeated = next(key for key, _ in pairs if counts[key] > 1)
    return result


def is_plain_key(key: str) -> bool:
    """Whether a key is a plain name (ASCII letters, digits, ``_``; not a digit first)."""
    return key.isascii() and key.isidentifier()


def member(key: str) -> str:
    """The JSONPath step to a key: ``.key``, or ``["key"]`` for any other key (escaped)."""
    return f".{key}" if is_plain_key(key) else f"[{json.dumps(key)}]"


def key_text(key: str) -> str:
    """A key of the file for a message: as it is if a plain name, else as a JSON string."""
    return key if is_plain_key(key) else json.dumps(key)


def _repeated_key(text: str) -> Problem:
    """The first key given twice in one object, in the order of the text, with its path."""
    stack: list[tuple[str, object]] = [("$", _loads(text, _mark_repeated))]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Repeated):
            message = "this key is given twice in one object (JSON leaves its meaning open)"
            return Problem(path + member(value.repeated), message)
        if isinstance(value, dict):
            stack.extend((path + member(k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return Problem("$", "a key is given twice in one object")  # two parses disagreed


def _loads(text: str, hook: Callable[[list[tuple[str, Any]]], dict[str, Any]]) -> object:
    """``json.loads`` with ``hook`` for objects; what goes wrong, as a DataFormatError.

    Raises:
        DataFormatError: for text that is not JSON, or nests too deeply to parse.
        RepeatedKeyError: from ``hook``.
    """
    try:
        return json.loads(text, object_pairs_hook=hook)
    except RepeatedKeyError:
        raise
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise DataFormatError([Problem("$", f"not valid JSON: {error.msg} ({where})")]) from None
    except RecursionError:
        raise DataFormatError([Problem("$", "nested too deeply to be a dataset")]) from None
    except ValueError as error:
        raise DataFormatError([Problem("$", f"not valid JSON: {error}")]) from None


def parse_json(text: str) -> object:
    """The JSON value of a dataset's text, as Python's ``json`` reads it.

    Raises:
        DataFormatError: for text that is not JSON, nests too deeply, or repeats a key.
    """
    try:
        return _loads(text, no_duplicate_keys)
    except RepeatedKeyError:
        raise DataFormatError([_repeated_key(text)]) from None


# -- the load's state ------------------------------------------------------------------


class Cascade(Exception):  # noqa: N818 - an internal signal, never raised to users
    """A reference to a record that itself failed to load: reported there, not here."""


class Detailed:
    """The state of one detailed load: raw records by id, records built, problems found."""

    __slots__ = ("building", "failed", "problems", "raw", "read_text_file", "suggested", "table")

    def __init__(self, read_text_file: Callable[[str], str] | None) -> None:
        """Start a load."""
        self.read_text_file = read_text_file
        self.raw: dict[str, tuple[str, int, object, type[Any]]] = {}
        self.table: dict[str, Any] = {}
        self.failed: set[str] = set()
        self.building = OnTheWalk()  # the records on the walk, innermost last
        self.problems: list[Problem] = []
        self.suggested = 0  # the references that named nothing so far

    def _closest(self, ident: str) -> str:
        """``; did you mean 'x'?`` for the id closest in spelling, or nothing.

        Each look reads every id once; only the first ``_SUGGESTED`` ids that name nothing
        get one, so a file of many such references costs linear time, not their product.
        """
        self.suggested += 1
        if self.suggested > _SUGGESTED:
            return ""
        close = difflib.get_close_matches(ident, self.raw.keys(), n=1, cutoff=0.75)
        return f"; did you mean {close[0]!r}?" if close else ""

    def build(self, ident: str) -> Any:
        """The record with id ``ident``, structured now if it was not yet.

        A record that fails is reported at its own path, and a reference to it raises
        :class:`Cascade`, which is not reported again.
        """
        record = self.table.get(ident)
        if record is not None:
            return record
        if ident in self.failed:
            raise Cascade(ident)
        entry = self.raw.get(ident)
        if entry is None:
            raise InvalidValueError(
                f"{ident!r} does not name any record in the dataset{self._closest(ident)}"
            )
        if ident in self.building:
            cycle = _cycle(self.building.path, self.building[ident])
            raise InvalidValueError(f"records refer to each other in a cycle: {cycle}")
        name, index, item, kind = entry
        self.building[ident] = None
        try:
            built = converter().structure(item, kind)
        except Exception as error:  # noqa: BLE001 - every problem is reported, with its path
            self.problems.extend(problems(error, f"$.{name}[{index}]"))
            self.failed.add(ident)
            raise Cascade(ident) from None
        finally:
            self.building.popitem()
        self.table[ident] = built
        return built


def _cycle(path: list[str], start: int) -> str:
    """``a → b → a`` for the cycle ``path[start:]``; a long one's middle left out.

    Only the ids shown are sliced, with the cycle's length: a walk can be as deep as the file.
    """
    length = len(path) - start
    if length <= 8:
        idents = path[start:]
        return " → ".join([*idents, idents[0]])
    shown = " → ".join([*path[start : start + 4], "…", *path[-2:], path[start]])
    return f"{shown} ({length} records)"


_CONTEXT: contextvars.ContextVar[Detailed] = contextvars.ContextVar("tradetalks_report")


# -- the converter ---------------------------------------------------------------------


def _expect(value: object, kind: type, label: str) -> None:
    if type(value) is not kind:
        raise InvalidValueError(f"expected {label}, not {json_type(value)}")


def _resolver(field: WireField) -> Callable[[object], object]:
    kinds = field.targets
    names = " or ".join(
        [a_or_an(k.__name__) for k in kinds] + (["an unnamed group"] if field.groups else [])
    )

    def resolve(value: object) -> object:
        if isinstance(value, dict) and field.groups:
            if set(value) != {"group"}:
                raise InvalidValueError('an unnamed group is written {"group": "words"}')
            words = value["group"]
            _expect(words, str, "a string")
            return UnnamedGroup(typing.cast("str", words))
        if not isinstance(value, str):
            raise InvalidValueError(f"expected the id of {names}, not {json_type(value)}")
        context = _CONTEXT.get()
        entry = context.raw.get(value)
        if entry is not None and not issubclass(entry[3], kinds):  # never built to be refused
            raise InvalidValueError(f"{value!r} is {a_or_an(entry[3].__name__)}, not {names}")
        target = context.table.get(value) or context.build(value)
        if not isinstance(target, kinds):
            raise InvalidValueError(f"{value!r} is {a_or_an(type(target).__name__)}, not {names}")
        return target

    return resolve


def _reference_hook(field: WireField) -> Callable[[object, object], object]:
    resolve = _resolver(field)
    if field.many:

        def many(value: object, _: object) -> tuple[object, ...]:
            _expect(value, list, "a list of ids")
            found = []
            for index, item in enumerate(typing.cast("list[object]", value)):
                try:
                    found.append(resolve(item))
                except TradetalksError as error:
                    raise InvalidValueError(error.message, where=f"[{index}]") from None
            return tuple(found)

        return many

    def one(value: object, _: object) -> object:
        if value is None and field.nullable:
            return None
        return resolve(value)

    return one


def _codec_hook(codec: Codec) -> Callable[[object, object], object]:
    return lambda value, _: codec.from_json(value)


def _is_homogeneous_tuple(annotation: Any) -> bool:
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(conv: cattrs.Converter) -> Callable[[object, Any], tuple[object, ...]]:
    def structure(value: object, annotation: Any) -> tuple[object, ...]:
        _expect(value, list, "a list")
        item_type = typing.get_args(annotation)[0]
        items, errors = [], []
        for index, item in enumerate(typing.cast("list[object]", value)):
            try:
                items.append(conv.structure(item, item_type))
            except Exception as error:  # noqa: BLE001 - gathered, then raised as a group
                note = IterableValidationNote(f"Structuring item {index}", index, item_type)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError("invalid items", errors, annotation)
        return tuple(items)

    return structure


def _is_optional_union(annotation: Any) -> bool:
    """A union of two or more types and ``None`` (a bound or null), which cattrs cannot split."""
    args = typing.get_args(annotation)
    kinds = [arg for arg in args if arg is not type(None)]
    return (  # X | None alone is cattrs' own
        typing.get_origin(annotation) in (typing.Union, types.UnionType)
        and len(kinds) < len(args)
        and len(kinds) > 1
    )


def _optional_union_hook(value: object, annotation: Any) -> object:
    return None if value is None else codec_of(annotation).from_json(value)


_VALUE_CLASSES = (PartialDate, DateSpan)


def _is_record_type(annotation: Any) -> bool:
    return attrs.has(annotation) and annotation not in _VALUE_CLASSES


@functools.cache
def converter() -> cattrs.Converter:
    """The converter of the detailed report, made on first use, from the wire description."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for annotation, codec in value_types():
        if isinstance(annotation, type):  # ahead of cattrs' own hooks for str, int...
            conv.register_structure_hook(annotation, _codec_hook(codec))
        else:  # a union (a bound) or a generic (identifiers)
            conv.register_structure_hook_func(
                functools.partial(operator.eq, annotation), _codec_hook(codec)
            )
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda value, kind: codec_of(kind).from_json(value),
    )
    conv.register_structure_hook_func(_is_homogeneous_tuple, _tuple_hook_factory(conv))
    conv.register_structure_hook_func(_is_optional_union, _optional_union_hook)
    conv.register_structure_hook_factory(_is_record_type, lambda cls: _record_structure(conv, cls))
    return conv


def _record_structure(conv: cattrs.Converter, cls: type[Any]) -> Callable[[object, Any], Any]:
    record = wire_record(cls)
    overrides: dict[str, Any] = {}
    for field in record.fields:
        if field.kind is FieldKind.REFERENCE:
            overrides[field.name] = override(struct_hook=_reference_hook(field))
        if field.key != field.name:
            overrides[field.name] = override(rename=field.key)
    generated = make_dict_structure_fn(cls, conv, **overrides)
    required = ", ".join(f.key for f in record.fields if f.required)
    label = f"an object ({a_or_an(cls.__name__)}{f' with {required}' if required else ''})"

    def structure(value: object, _: object) -> Any:
        _expect(value, dict, label)
        data = typing.cast("Mapping[str, Any]", value)
        if record.text_in_file:
            text = source_text(
                data.get("text", ABSENT),
                data.get("text_file", ABSENT),
                _CONTEXT.get().read_text_file,
            )
            data = {**data, "text": text}
        return generated(data, cls)

    return structure


def problems(
    error: BaseException, path: str, renamed: Mapping[str, str] | None = None
) -> Iterator[Problem]:
    """Every problem inside a (possibly grouped) structuring error, with its JSONPath.

    ``renamed`` maps the fields of the record being structured to their keys on disk.
    """
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without = error.group_exceptions()
        keys = {f.name: f.key for f in wire_record(error.cl).fields} if attrs.has(error.cl) else {}
        for inner, note in with_notes:
            step = (
                f"[{note.index}]"
                if isinstance(note, IterableValidationNote)
                else f".{keys.get(note.name, note.name)}"
            )
            yield from problems(inner, path + step)
        for inner in without:
            yield from problems(inner, path, keys)
        return
    if isinstance(error, Cascade):
        return
    if isinstance(error, TradetalksError):
        if error.where:
            where = (renamed or {}).get(error.where, error.where)
            path += where if where.startswith("[") else f".{where}"
        yield Problem(path, error.message)
    elif isinstance(error, ForbiddenExtraKeysError):
        names = ", ".join(key_text(name) for name in sorted(error.extra_fields))
        owner = getattr(error.cl, "__name__", "")
        hints = [
            _FIELD_HINTS[owner, key]
            for key in sorted(error.extra_fields)
            if (owner, key) in _FIELD_HINTS
        ]
        yield Problem(path, f"unknown field(s): {names}{''.join(f' ({h})' for h in hints)}")
    elif isinstance(error, KeyError):
        yield Problem(f"{path}", "this required field is missing")
    else:
        yield Problem(path, f"{type(error).__name__}: {error}")


# -- the report ------------------------------------------------------------------------


@functools.cache
def _id_keys() -> dict[str, str]:
    return {name: record.id_key or "id" for name, record in wire_collections()}


def _raw_id(item: object, name: str) -> str | None:
    """The id a raw record declares (a party's code), if it is a string."""
    key = _id_keys()[name]
    ident = item.get(key) if isinstance(item, dict) else None
    return ident if isinstance(ident, str) else None


def _index_raw(raw: dict[str, Any], context: Detailed) -> dict[str, list[Any]]:
    """Check the root's keys and index raw records by their ids; return the lists."""
    found = context.problems
    if raw.get("format") != FORMAT:
        what = f"not {raw['format']!r}" if "format" in raw else "but it is missing"
        found.append(Problem("$.format", f"expected {FORMAT!r}, {what}"))
    known = {"format"} | {name for name, _ in wire_collections()}
    found.extend(Problem(f"${member(key)}", "unknown field") for key in raw if key not in known)
    lists: dict[str, list[Any]] = {}
    for name, record in wire_collections():
        items = raw.get(name, [])
        if not isinstance(items, list):
            found.append(Problem(f"$.{name}", f"expected a list, not {json_type(items)}"))
            continue
        lists[name] = items
        for index, item in enumerate(items):
            ident = _raw_id(item, name)
            if ident is None:
                continue
            if ident in context.raw:
                other, other_index = context.raw[ident][:2]
                found.append(
                    Problem(
                        f"$.{name}[{index}].{record.id_key}",
                        f"the id {ident!r} is already used by $.{other}[{other_index}]",
                    )
                )
            else:
                context.raw[ident] = (name, index, item, record.cls)
    return lists


def _dict_key(item: object, key: str) -> object:
    return item.get(key) if type(item) is dict else None


def _roots(lists: dict[str, list[Any]]) -> Iterator[str]:
    """The ids of every record listed, organizations first."""
    names = [name for name, _ in wire_collections()]
    for name in ["organizations", *(n for n in names if n != "organizations")]:
        for item in lists.get(name, []):
            ident = _raw_id(item, name)
            if ident is not None:
                yield ident


def _build_all(lists: dict[str, list[Any]], context: Detailed) -> dict[str, list[Any]]:
    """Every record of every list, built in order (or on first reference), problems noted."""
    raw = context.raw

    def kind_of(ident: str) -> type[Any] | None:
        entry = raw.get(ident)
        return None if entry is None else entry[3]

    def references(ident: str) -> Iterable[str]:
        _, _, item, cls = raw[ident]
        return referenced(item, cls, kind_of, _dict_key)

    def build(ident: str) -> None:
        with contextlib.suppress(Cascade):
            context.build(ident)

    build_referred_first(
        _roots(lists),
        lambda ident: ident in context.table or ident in context.failed or ident not in raw,
        context.building,
        lambda ident: iter(references(ident)),
        build,
    )
    built: dict[str, list[Any]] = {}
    for name, record in wire_collections():
        built[name] = []
        for index, item in enumerate(lists.get(name, [])):
            ident = _raw_id(item, name)
            if ident is not None:
                if raw[ident][:2] == (name, index) and ident in context.table:  # not a duplicate
                    built[name].append(context.table[ident])
                continue
            try:  # no usable id: structured only to report its problems
                converter().structure(item, record.cls)
            except Exception as error:  # noqa: BLE001 - every problem is reported
                context.problems.extend(problems(error, f"$.{name}[{index}]"))
    return built


def _path_order(problem: Problem) -> tuple[int, int]:
    """Problems sort by collection, then record; within a record they keep their order."""
    order = {name: i for i, (name, _) in enumerate(wire_collections())}
    match = re.match(r"\$\.([a-z]+)(?:\[(\d+)\])?", problem.path)
    if match is None:
        return (-1, -1)
    return (order.get(match[1], -1), int(match[2] or -1))


def load_detailed(text: str, read_text_file: Callable[[str], str] | None) -> Dataset:
    """The dataset of a file, or every problem in it.

    Raises:
        DataFormatError: listing every problem found, each with its JSONPath.
    """
    raw = parse_json(text)
    if not isinstance(raw, dict):
        raise DataFormatError([Problem("$", f"expected a JSON object, not {json_type(raw)}")])
    context = Detailed(read_text_file)
    lists = _index_raw(raw, context)
    token = _CONTEXT.set(context)
    try:
        built = _build_all(lists, context)
    finally:
        _CONTEXT.reset(token)
    if context.problems:
        raise DataFormatError(sorted(context.problems, key=_path_order))
    try:
        return dataset_from_loader(built)
    except TradetalksError as error:
        raise DataFormatError([Problem(f"$.{error.where}", error.message)]) from None
