"""The cattrs converter of the JSON format: the detailed pass of loading, and dumping.

Loading reads a file first with the fast pass of :mod:`tradetalks._loading`; only a file
with a problem comes here, to be structured again with cattrs' detailed validation, which
gathers every problem, and :func:`problems` turns them into JSONPaths and messages.
Dumping unstructures records with the same converter. cattrs is imported with this module,
on first use.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import typing
from collections.abc import Callable, Iterator, Mapping
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
from tradetalks._loading import (
    CONTEXT,
    RENAMED,
    Cascade,
    bound,
    date_span,
    is_plain_key,
    iso_day,
    json_type,
    parsed_instant,
    partial_date,
    reference_kinds,
    source_text,
)
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import resolve_record_types
from tradetalks.dates import DateSpan, PartialDate
from tradetalks.errors import InvalidValueError, Problem, TradetalksError
from tradetalks.instants import format_instant
from tradetalks.sources import Source
from tradetalks.truces import Bound


def key_text(key: str) -> str:
    """A key of the file for a message: as it is if a plain name, else as a JSON string."""
    return key if is_plain_key(key) else json.dumps(key)


def _expect(value: object, kind: type, label: str) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidValueError(f"expected {label}, not {json_type(value)}")


def _structure_str(value: object, _: object) -> str:
    _expect(value, str, "a string")
    return typing.cast("str", value)


def _structure_int(value: object, _: object) -> int:
    _expect(value, int, "a whole number")
    return typing.cast("int", value)


def _structure_bool(value: object, _: object) -> bool:
    _expect(value, bool, "true or false")
    return typing.cast("bool", value)


def _structure_day(value: object, _: object) -> dt.date:
    _expect(value, str, "a date as YYYY-MM-DD")
    return iso_day(typing.cast("str", value))


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
            raise InvalidValueError(f"expected the id of {names}, not {json_type(value)}")
        context = CONTEXT.get()
        entry = context.raw.get(value)
        if entry is not None and not issubclass(entry[3], kinds):  # never built to be refused
            raise InvalidValueError(f"{value!r} is {_a(entry[3].__name__)}, not {names}")
        target = context.table.get(value) or context.build(value)
        if not isinstance(target, kinds):
            raise InvalidValueError(f"{value!r} is {_a(type(target).__name__)}, not {names}")
        return target

    return resolve


def _reference_hook(annotation: Any) -> Callable[[object, object], object]:
    resolve = _resolver(reference_kinds(annotation))
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


def _text_hook(parse: Callable[[str], object]) -> Callable[[object, object], object]:
    return lambda value, _: parse(_structure_str(value, str))


@functools.cache
def converter() -> cattrs.Converter:
    """The converter of the format, made on first use, with cattrs' detailed validation."""
    resolve_record_types()
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_day)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.datetime, _text_hook(parsed_instant))
    conv.register_unstructure_hook(dt.datetime, format_instant)
    conv.register_structure_hook(PartialDate, _text_hook(partial_date))
    conv.register_structure_hook(DateSpan, _text_hook(date_span))
    for cls in (PartialDate, DateSpan):
        conv.register_unstructure_hook(cls, lambda v: v.to_edtf())
    conv.register_structure_hook(Bound, _text_hook(bound))
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
            raise InvalidValueError(f"identifier {key!r} must be a string, not {json_type(item)}")
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


def _record_structure(conv: cattrs.Converter, cls: type[Any]) -> Callable[[object, Any], Any]:
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if is_reference(field):
            overrides[field.name] = override(struct_hook=_reference_hook(field.type))
    for name, key in RENAMED.get(cls, {}).items():
        overrides[name] = override(rename=key)
    generated = make_dict_structure_fn(cls, conv, **overrides)

    def structure(value: object, _: object) -> Any:
        _expect(value, dict, "an object")
        data = typing.cast("Mapping[str, Any]", value)
        if cls is Source:
            data = _with_source_text(data)
        return generated(data, cls)

    return structure


def _with_source_text(data: Mapping[str, Any]) -> Mapping[str, Any]:
    has_text, has_file = "text" in data, "text_file" in data
    if has_text == has_file:
        raise InvalidValueError('a source has either "text" or "text_file", not both or neither')
    if has_file:
        return {**data, "text": source_text(data, CONTEXT.get().read_text_file)}
    return data


def _record_unstructure(conv: cattrs.Converter, cls: type[Any]) -> Callable[[Any], Any]:
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if is_reference(field):
            overrides[field.name] = override(unstruct_hook=_unstructure_references)
    renamed = RENAMED.get(cls, {})
    for name, key in renamed.items():
        overrides[name] = override(rename=key)
    generated = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **overrides)
    order = [renamed.get(field.name, field.name) for field in attrs.fields(cls)]

    def unstructure(record: Any) -> Any:
        data = generated(record)
        if cls is Source and record.text_file is not None:
            data.pop("text")
            data["text_file"] = record.text_file
        return {key: data[key] for key in order if key in data}  # keys in field order

    return unstructure


def problems(
    error: BaseException, path: str, renamed: Mapping[str, str] | None = None
) -> Iterator[Problem]:
    """Every problem inside a (possibly grouped) structuring error, with its JSONPath.

    ``renamed`` maps the fields of the record being structured to their keys on disk.
    """
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without = error.group_exceptions()
        renamed = RENAMED.get(error.cl, {})
        for inner, note in with_notes:
            step = (
                f"[{note.index}]"
                if isinstance(note, IterableValidationNote)
                else f".{renamed.get(note.name, note.name)}"
            )
            yield from problems(inner, path + step)
        for inner in without:
            yield from problems(inner, path, renamed)
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
        yield Problem(path, f"unknown field(s): {names}")
    elif isinstance(error, KeyError):
        yield Problem(f"{path}", "this required field is missing")
    else:
        yield Problem(path, f"{type(error).__name__}: {error}")


def structure_detailed(item: object, kind: type[Any]) -> Any:
    """Build one record in the detailed pass (the ``structure`` of its load context)."""
    return converter().structure(item, kind)
