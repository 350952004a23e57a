"""The JSON format of a dataset: :func:`load`, :func:`loads`, :func:`dump`, :func:`dumps`.

On disk, a dataset is one JSON object: ``"format": "tradetalks/1"``, then one list per kind
of record (``sources``, ``parties``, ``organizations``, ``people``, ``positions``,
``rounds``, ``meetings``, ``statements``, ``truces``), each record an object whose keys
follow the order of its class's fields. A record refers to another by its id (a party by
its code); an unnamed speaker is written ``{"group": "Chinese experts"}``. Dates are EDTF
strings, instants RFC 9557 strings, enumerations their lowercase names, and fields left
at their defaults are omitted. A source's text is either inline (``"text"``) or in a file
beside the JSON file (``"text_file"``), read as UTF-8 exactly as it is.

Loading reports every problem it finds, each with its JSONPath, in one
:class:`~tradetalks.DataFormatError`, and never raises anything else for bad data. Dumping
a loaded dataset gives back the same bytes.

>>> from tradetalks.fixtures import stockholm_2025
>>> text = dumps(stockholm_2025())
>>> text.splitlines()[1]
'  "format": "tradetalks/1",'
>>> dumps(loads(text, base=tradetalks.fixtures.DATA)) == text
True
"""

from __future__ import annotations

__all__ = ["FORMAT", "dump", "dumps", "load", "loads"]

import collections
import contextlib
import contextvars
import datetime as dt
import enum
import functools
import gc
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from tradetalks._fields import is_reference
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import (
    COLLECTIONS,
    Dataset,
    Record,
    dataset_from_loader,
    resolve_record_types,
)
from tradetalks.dates import DateSpan, PartialDate
from tradetalks.errors import DataFormatError, InvalidValueError, Problem, TradetalksError
from tradetalks.instants import format_instant, parse_instant
from tradetalks.resolution import ResolvedDate
from tradetalks.sources import Source
from tradetalks.truces import Bound, to_bound

FORMAT = "tradetalks/1"
"""The value of the ``format`` key of every dataset file this version reads and writes."""

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # ASCII digits only, as ISO 8601


def _key(key: str) -> str:
    """A key of the file for a message: as it is if a plain name, else as a JSON string."""
    return key if _PLAIN_KEY.fullmatch(key) else json.dumps(key)


def _member(key: str) -> str:
    """The JSONPath step to a key: ``.key``, or ``["key"]`` for any other key (escaped)."""
    return f".{key}" if _PLAIN_KEY.fullmatch(key) else f"[{json.dumps(key)}]"


class _Cascade(Exception):  # noqa: N818 - an internal signal, never raised to users
    """A reference to a record that itself failed to load: reported there, not here."""


@attrs.define
class _LoadContext:
    """The state of one load: raw records by id, records built so far, problems found."""

    raw: dict[str, tuple[str, int, object, type[Any]]] = attrs.field(factory=dict)
    table: dict[str, Record] = attrs.field(factory=dict)
    failed: set[str] = attrs.field(factory=set)
    building: list[str] = attrs.field(factory=list)
    problems: list[Problem] = attrs.field(factory=list)
    read_text_file: Callable[[str], str] | None = None
    # The fast pass stops at the first problem; the detailed pass reports every one.
    detailed: bool = True

    def build(self, ident: str) -> Record:
        """The record with id ``ident``, structured now if it was not yet.

        Records are built when first referred to, so they may be listed in any order; a
        record that fails is reported at its own path, and a reference to it is not
        reported again.
        """
        record = self.table.get(ident)
        if record is not None:
            return record
        if ident in self.failed:
            raise _Cascade(ident)
        entry = self.raw.get(ident)
        if entry is None:
            raise InvalidValueError(f"{ident!r} does not name any record in the dataset")
        if ident in self.building:
            cycle = " → ".join([*self.building[self.building.index(ident) :], ident])
            raise InvalidValueError(f"records refer to each other in a cycle: {cycle}")
        name, index, item, kind = entry
        self.building.append(ident)
        if not self.detailed:
            try:
                built = _converter(detailed=False).structure(item, kind)
            finally:
                self.building.pop()
            self.table[ident] = built
            return typing.cast("Record", built)
        try:
            built = _converter(detailed=True).structure(item, kind)
        except Exception as error:  # noqa: BLE001 - every problem is reported
            self.problems.extend(_problems(error, f"$.{name}[{index}]"))
            self.failed.add(ident)
            raise _Cascade(ident) from None
        finally:
            self.building.pop()
        self.table[ident] = built
        return typing.cast("Record", built)


_CONTEXT: contextvars.ContextVar[_LoadContext] = contextvars.ContextVar("tradetalks_load")


def _json_type(value: object) -> str:
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


def _expect(value: object, kind: type, label: str) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidValueError(f"expected {label}, not {_json_type(value)}")


# Dates and instants are immutable and repeat across a dataset: each distinct text is
# parsed once per process. A text that fails to parse is not cached.
_partial_date = functools.lru_cache(maxsize=4096)(PartialDate.from_edtf)
_date_span = functools.lru_cache(maxsize=4096)(DateSpan.from_edtf)
_parsed_instant = functools.lru_cache(maxsize=4096)(parse_instant)
_bound = functools.lru_cache(maxsize=4096)(to_bound)


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:  # the common case, checked first
        return value
    _expect(value, str, "a string")
    return typing.cast("str", value)


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:  # the common case (a bool is not an int here)
        return value
    _expect(value, int, "a whole number")
    return typing.cast("int", value)


def _structure_bool(value: object, _: object) -> bool:
    _expect(value, bool, "true or false")
    return typing.cast("bool", value)


def _structure_day(value: object, _: object) -> dt.date:
    _expect(value, str, "a date as YYYY-MM-DD")
    text = typing.cast("str", value)
    if _ISO_DAY.fullmatch(text) is None:
        raise InvalidValueError(f"expected a date as YYYY-MM-DD, not {text!r}")
    return PartialDate.from_edtf(text).to_date()


def _ids_in(annotation: Any) -> tuple[type, ...]:
    """The record classes a reference annotation allows (``None`` and tuples unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return _ids_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return tuple(k for a in typing.get_args(annotation) for k in _ids_in(a))
    if annotation is type(None):
        return ()
    return (annotation,)


def _a(name: str) -> str:
    """``name`` with its indefinite article: "a Person", "an Organization"."""
    return f"{'an' if name[0].lower() in 'aeiou' else 'a'} {name}"


def _resolver(kinds: tuple[type, ...]) -> Callable[[object], object]:
    names = " or ".join("an unnamed group" if k is UnnamedGroup else _a(k.__name__) for k in kinds)

    def resolve(value: object) -> object:
        if isinstance(value, dict) and UnnamedGroup in kinds:
            if set(value) != {"group"}:
                raise InvalidValueError('an unnamed group is written {"group": "words"}')
            return UnnamedGroup(_structure_str(value["group"], str))
        if not isinstance(value, str):
            raise InvalidValueError(f"expected the id of {names}, not {_json_type(value)}")
        context = _CONTEXT.get()
        target = context.table.get(value) or context.build(value)
        if not isinstance(target, kinds):
            raise InvalidValueError(f"{value!r} is {_a(type(target).__name__)}, not {names}")
        return target

    return resolve


def _reference_hook(annotation: Any) -> Callable[[object, object], object]:
    kinds = _ids_in(annotation)
    resolve = _resolver(kinds)
    if typing.get_origin(annotation) is tuple:

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
    optional = type(None) in typing.get_args(annotation)

    def one(value: object, _: object) -> object:
        if value is None and optional:
            return None
        return resolve(value)

    return one


def _reference_id(value: object) -> object:
    if isinstance(value, UnnamedGroup):
        return {"group": value.words}
    return getattr(value, "id", value)


def _unstructure_references(value: object) -> object:
    if isinstance(value, tuple):
        return [_reference_id(item) for item in value]
    return _reference_id(value)


@functools.cache
def _converter(*, detailed: bool) -> cattrs.Converter:
    """The converter of the format, made on first use.

    Loading runs a fast pass with the plain converter, which stops at the first problem;
    only when a file has a problem does a second pass, with cattrs' detailed validation,
    gather every problem with its path.
    """
    resolve_record_types()
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_day)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.datetime, lambda v, _: _parsed_instant(_structure_str(v, str)))
    conv.register_unstructure_hook(dt.datetime, format_instant)
    conv.register_structure_hook(PartialDate, lambda v, _: _partial_date(_structure_str(v, str)))
    conv.register_structure_hook(DateSpan, lambda v, _: _date_span(_structure_str(v, str)))
    for cls in (PartialDate, DateSpan):
        conv.register_unstructure_hook(cls, lambda v: v.to_edtf())
    conv.register_structure_hook(Bound, lambda v, _: _bound(_structure_str(v, str)))
    conv.register_unstructure_hook(
        Bound, lambda v: format_instant(v) if isinstance(v, dt.datetime) else v.to_edtf()
    )
    conv.register_structure_hook_func(lambda t: t == Mapping[str, str], _structure_identifiers)
    conv.register_unstructure_hook_func(lambda t: t == Mapping[str, str], dict)
    conv.register_structure_hook_func(_is_homogeneous_tuple, _tuple_hook_factory(conv))
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        _structure_enum,
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _record_structure(conv, cls))
    conv.register_unstructure_hook_factory(attrs.has, lambda cls: _record_unstructure(conv, cls))
    return conv


def _structure_identifiers(value: object, _: object) -> Mapping[str, str]:
    _expect(value, dict, "an object of scheme to identifier")
    for key, item in typing.cast("dict[str, object]", value).items():
        if not isinstance(item, str):
            raise InvalidValueError(f"identifier {key!r} must be a string, not {_json_type(item)}")
    return typing.cast("Mapping[str, str]", value)


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


def _structure_enum(value: object, kind: Any) -> object:
    _expect(value, str, "a string")
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in kind)
        raise InvalidValueError(f"{value!r} is not one of {choices}") from None


# Fields written under another key on disk: a problem's JSONPath names the key, not the field.
_RENAMED: dict[type[Any], dict[str, str]] = {ResolvedDate: {"value": "date"}}


def _record_structure(conv: cattrs.Converter, cls: type[Any]) -> Callable[[object, Any], Any]:
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if is_reference(field):
            overrides[field.name] = override(struct_hook=_reference_hook(field.type))
    renamed = _RENAMED.get(cls, {})
    for name, key in renamed.items():
        overrides[name] = override(rename=key)
    if cls is Source:
        return _source_structure(conv)
    generated = make_dict_structure_fn(cls, conv, **overrides)

    def structure(value: object, _: object) -> Any:
        _expect(value, dict, "an object")
        return generated(typing.cast("Mapping[str, Any]", value), cls)

    return structure


def _source_structure(conv: cattrs.Converter) -> Callable[[object, Any], Source]:
    outlet = attrs.fields(Source).outlet
    generated = make_dict_structure_fn(
        Source, conv, outlet=override(struct_hook=_reference_hook(outlet.type))
    )

    def structure(value: object, _: object) -> Source:
        _expect(value, dict, "an object")
        data = dict(typing.cast("Mapping[str, Any]", value))
        has_text, has_file = "text" in data, "text_file" in data
        if has_text == has_file:
            raise InvalidValueError(
                'a source has either "text" or "text_file", not both or neither'
            )
        if has_file:
            name = _structure_str(data["text_file"], str)
            # The record's own rule for the name, checked before any file is read, so that
            # no file outside the dataset's folder is ever opened ("../x", "/dev/zero").
            rule = attrs.fields(Source).text_file.validator
            if rule is not None:
                rule(None, attrs.fields(Source).text_file, name)
            reader = _CONTEXT.get().read_text_file
            if reader is None:
                raise InvalidValueError(
                    f"the text is in the file {name!r}, but no folder was given to read it "
                    "from (use load(path), or loads(text, base=folder))",
                    where="text_file",
                )
            data["text"] = reader(name)
        return generated(data, Source)

    return structure


def _record_unstructure(conv: cattrs.Converter, cls: type[Any]) -> Callable[[Any], Any]:
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if is_reference(field):
            overrides[field.name] = override(unstruct_hook=_unstructure_references)
    for name, key in _RENAMED.get(cls, {}).items():
        overrides[name] = override(rename=key)
    generated = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **overrides)
    renamed = _RENAMED.get(cls, {})
    order = [renamed.get(field.name, field.name) for field in attrs.fields(cls)]

    def unstructure(record: Any) -> Any:
        data = generated(record)
        if cls is Source and record.text_file is not None:
            data.pop("text")
            data["text_file"] = record.text_file
        return {key: data[key] for key in order if key in data}  # keys in field order

    return unstructure


def _problems(
    error: BaseException, path: str, renamed: Mapping[str, str] | None = None
) -> Iterator[Problem]:
    """Every problem inside a (possibly grouped) structuring error, with its JSONPath.

    ``renamed`` maps the fields of the record being structured to their keys on disk.
    """
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without = error.group_exceptions()
        renamed = _RENAMED.get(error.cl, {})
        for inner, note in with_notes:
            step = (
                f"[{note.index}]"
                if isinstance(note, IterableValidationNote)
                else f".{renamed.get(note.name, note.name)}"
            )
            yield from _problems(inner, path + step)
        for inner in without:
            yield from _problems(inner, path, renamed)
        return
    if isinstance(error, _Cascade):
        return
    if isinstance(error, TradetalksError):
        if error.where:
            where = (renamed or {}).get(error.where, error.where)
            path += where if where.startswith("[") else f".{where}"
        yield Problem(path, error.message)
    elif isinstance(error, ForbiddenExtraKeysError):
        names = ", ".join(_key(name) for name in sorted(error.extra_fields))
        yield Problem(path, f"unknown field(s): {names}")
    elif isinstance(error, KeyError):
        yield Problem(f"{path}", "this required field is missing")
    else:
        yield Problem(path, f"{type(error).__name__}: {error}")


def _raw_id(item: object, name: str) -> str | None:
    """The id a raw record declares (a party's code), if it is a string."""
    ident = item.get("code" if name == "parties" else "id") if isinstance(item, dict) else None
    return ident if isinstance(ident, str) else None


def _index_raw(raw: dict[str, Any], context: _LoadContext) -> dict[str, list[Any]]:
    """Check the root's keys and index every raw record by its id; return the lists."""
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
            problems.append(Problem(f"$.{name}", f"expected a list, not {_json_type(items)}"))
            continue
        lists[name] = items
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


def _build_parents_first(items: list[Any], context: _LoadContext) -> None:
    """Build organizations from the top of each chain of parents down, without recursion.

    A record is otherwise built when first referred to, which is a recursive call: a long
    chain of parents listed child first would go as deep as the chain.
    """
    for item in items:
        chain: list[str] = []
        ident = _raw_id(item, "organizations")
        while ident is not None and ident not in chain and ident not in context.table:
            entry = context.raw.get(ident)
            if entry is None or entry[0] != "organizations":
                break
            chain.append(ident)
            parent = entry[2].get("parent") if isinstance(entry[2], dict) else None
            ident = parent if isinstance(parent, str) else None
        for link in reversed(chain):
            with contextlib.suppress(_Cascade):
                context.build(link)


def _build_all(lists: dict[str, list[Any]], context: _LoadContext) -> dict[str, list[Any]]:
    """Every record of every list, built in order (or on first reference)."""
    _build_parents_first(lists.get("organizations", []), context)
    collections: dict[str, list[Any]] = {}
    for name, kind in COLLECTIONS:
        built = collections[name] = []
        for index, item in enumerate(lists.get(name, [])):
            ident = _raw_id(item, name)
            if ident is not None:
                if context.raw[ident][:2] == (name, index):  # not a duplicate
                    with contextlib.suppress(_Cascade):
                        built.append(context.build(ident))
                continue
            try:  # no usable id: structured only to report its problems
                _converter(detailed=True).structure(item, kind)
            except Exception as error:  # noqa: BLE001 - every problem is reported
                context.problems.extend(_problems(error, f"$.{name}[{index}]"))
    return collections


def _structure_dataset(raw: object, read_text_file: Callable[[str], str] | None) -> Dataset:
    if not isinstance(raw, dict):
        raise DataFormatError([Problem("$", f"expected a JSON object, not {_json_type(raw)}")])
    with _gc_paused():
        try:
            return _structure_with(raw, read_text_file, detailed=False)
        except Exception:  # noqa: BLE001, S110 - a problem: the detailed pass reports them all
            pass
        return _structure_with(raw, read_text_file, detailed=True)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are made (they hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _structure_with(
    raw: dict[str, Any], read_text_file: Callable[[str], str] | None, *, detailed: bool
) -> Dataset:
    context = _LoadContext(read_text_file=read_text_file, detailed=detailed)
    lists = _index_raw(raw, context)
    if context.problems and not detailed:
        raise DataFormatError(context.problems)
    token = _CONTEXT.set(context)
    try:
        collections = _build_all(lists, context)
    finally:
        _CONTEXT.reset(token)
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


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):  # some key came twice: name the first one
        counts = collections.Counter(key for key, _ in pairs)
        key = next(key for key, _ in pairs if counts[key] > 1)
        message = f"an object has the key {key!r} twice (at {json.dumps(key)}: ...)"
        raise _DuplicateKeyError(message)
    return result


def loads(text: str | bytes, *, base: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a dataset from JSON text.

    Args:
        text: the JSON text (``bytes`` are decoded as UTF-8).
        base: the folder that holds the sources' text files, for sources stored with a
            ``"text_file"``; not needed when every text is inline.

    Returns:
        The :class:`~tradetalks.Dataset`, with references resolved to the records
        themselves and every piece of evidence checked against its source.

    Raises:
        DataFormatError: listing every problem found, each with its JSONPath; nothing else
            is raised for bad data.

    >>> loads('{"format": "tradetalks/1"}')
    Dataset(sources=0, parties=0, organizations=0, people=0, positions=0, rounds=0, meetings=0, statements=0, truces=0)
    >>> try:
    ...     loads('{"format": "tradetalks/1", "people": [{"id": "x"}], "rounds": {}}')
    ... except tradetalks.DataFormatError as error:
    ...     for problem in error.problems:
    ...         print(problem.path, "-", problem.message)
    $.people[0].name - this required field is missing
    $.people[0].evidence - this required field is missing
    $.rounds - expected a list, not an object
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DataFormatError([Problem("$", f"not UTF-8 text: {error}")]) from None
    if not isinstance(text, str):
        raise DataFormatError([Problem("$", f"expected JSON text, not {type(text).__name__}")])
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKeyError as error:
        raise DataFormatError([Problem("$", str(error))]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise DataFormatError([Problem("$", f"not valid JSON: {error.msg} ({where})")]) from None
    except RecursionError:
        raise DataFormatError([Problem("$", "nested too deeply to be a dataset")]) from None
    except ValueError as error:
        raise DataFormatError([Problem("$", f"not valid JSON: {error}")]) from None
    if base is not None and not isinstance(base, (str, os.PathLike)):
        raise InvalidValueError(f"base is a folder, not {type(base).__name__}", where="base")
    reader = None if base is None else _file_reader(Path(base))
    return _structure_dataset(raw, reader)


def _file_reader(folder: Path) -> Callable[[str], str]:
    def read(name: str) -> str:
        try:
            return (folder / name).read_bytes().decode("utf-8")
        except OSError as error:
            raise InvalidValueError(
                f"cannot read {name!r} beside the dataset: {error.strerror}", where="text_file"
            ) from None
        except UnicodeDecodeError as error:
            raise InvalidValueError(
                f"{name!r} is not UTF-8 text: {error}", where="text_file"
            ) from None

    return read


def load(path: str | os.PathLike[str]) -> Dataset:
    """Load a dataset from a JSON file; sources' text files are read from beside it.

    Args:
        path: the JSON file.

    Raises:
        DataFormatError: listing every problem found in the file, each with its JSONPath.
        OSError: when the file itself cannot be read.

    >>> from tradetalks.fixtures import DATA
    >>> load(DATA / "stockholm_2025.json").sources[0].published_on
    datetime.date(2025, 7, 30)
    """
    file = Path(path)
    return loads(file.read_bytes(), base=file.parent)


def dumps(dataset: Dataset) -> str:
    """The dataset as JSON text: two-space indents, keys in field order, a final newline.

    Sources with a ``text_file`` are written with the file's name, not the text (use
    :func:`dump` to write the file too).

    Raises:
        InvalidValueError: when ``dataset`` is not a :class:`~tradetalks.Dataset`.

    >>> from tradetalks import Dataset
    >>> print(dumps(Dataset()), end="")
    {
      "format": "tradetalks/1",
      "sources": [],
      "parties": [],
      "organizations": [],
      "people": [],
      "positions": [],
      "rounds": [],
      "meetings": [],
      "statements": [],
      "truces": []
    }
    """
    if not isinstance(dataset, Dataset):
        raise InvalidValueError(f"expected a Dataset, not {type(dataset).__name__}")
    data: dict[str, Any] = {"format": FORMAT}
    for name, kind in COLLECTIONS:
        unstructure = _converter(detailed=False).unstructure
        data[name] = [unstructure(record, kind) for record in getattr(dataset, name)]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write the dataset to a JSON file, and each source's ``text_file`` beside it.

    A text file that already exists with the same bytes is left alone.

    Raises:
        InvalidValueError: when a text file beside it exists with other contents (it is
            never overwritten).
        OSError: when a file cannot be written.

    >>> import tempfile, pathlib
    >>> from tradetalks.fixtures import stockholm_2025
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "copy.json"
    ...     dump(stockholm_2025(), target)
    ...     sorted(p.name for p in target.parent.iterdir())
    ['copy.json', 'global-times-2025-07-30-stockholm.txt']
    """
    file = Path(path)
    text = dumps(dataset)
    for source in dataset.sources:
        if source.text_file is None:
            continue
        target = file.parent / source.text_file
        content = source.text.encode("utf-8")
        if target.exists():
            if target.read_bytes() != content:
                raise InvalidValueError(
                    f"{str(target)!r} exists with other contents; not overwritten",
                    where=f"sources[{dataset.sources.index(source)}].text_file",
                )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    file.write_bytes(text.encode("utf-8"))
