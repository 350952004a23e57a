"""Parsing: a dataset file's text into typed values, with msgspec, or the reason it cannot be.

The typed decoder is made from the wire description: one msgspec struct per record class
(:func:`struct_of`), each field of the JSON type its codec writes, a record written inside
another as its own struct, a reference as an id (or an unnamed group's object), an absent
optional key as ``UNSET``. msgspec checks in compiled code what JSON alone can say: the
syntax, the JSON type of every value, the keys every record needs and no others. The
records then check themselves as they are built (:mod:`~tradetalks.serialization.loading`).

The lists of records that other records refer to (sources, parties, organizations, people,
rounds, meetings) are decoded whole, since they are indexed before anything is built; the
others (statements, positions, truces: usually most of a file) are kept as spans of the
text (``msgspec.Raw``) and decoded one record at a time as each is built. So only one
such struct lives at a time, the memory it took is taken again by the next, and the
decoded values of a large file never stand beside all of its records (decoded whole, they
left holes as large as themselves among the records).

JSON leaves the meaning of a key given twice in one object open, and msgspec keeps the last
one; the format refuses such a file. :func:`keys_in_text` counts the keys the text holds
(an upper bound: a quotation mark and colon inside a string count too), and the load counts
the keys it decoded; when the two differ, the file goes to the detailed report, which finds
the repeated key, or reads the file if there is none.

>>> from tradetalks import Party
>>> from tradetalks.serialization.parsing import keys_in_text, struct_of
>>> struct_of(Party).__struct_fields__
('code', 'name', 'evidence')
>>> keys_in_text('{"code": "CN", "name": "China", "name" : "PRC"}')
3
"""

from __future__ import annotations

import functools
import re
from typing import Any, Literal

import msgspec

from tradetalks._fields import per_class
from tradetalks.serialization.wire import (
    FieldKind,
    WireField,
    collections,
    referred_classes,
    wire_record,
)

UNSET: Any = msgspec.UNSET
"""The value of a key a record does not have."""


class Refused(Exception):  # noqa: N818 - an internal signal, never raised to users
    """The quick load met something it does not take: the detailed report says what."""


Group = msgspec.defstruct(
    "Group", [("group", str)], kw_only=True, frozen=True, forbid_unknown_fields=True, gc=False
)
"""An unnamed group as it is written: ``{"group": "Chinese experts"}``."""


def _value_type(field: WireField) -> Any:
    """The type the decoder reads one item of the field into."""
    if field.kind is FieldKind.VALUE:
        assert field.codec is not None  # noqa: S101 - a value field has its codec
        if field.codec.members is not None:  # a member's value, as a text: hashed in C
            return Literal[tuple(field.codec.members)]
        return field.codec.wire
    if field.kind is FieldKind.RECORD:
        assert field.record is not None  # noqa: S101 - a record field has its class
        return struct_of(field.record)
    if field.groups and field.targets:
        return str | Group
    return Group if field.groups else str


def _field_type(field: WireField) -> Any:
    kind = _value_type(field)
    if field.many:  # a tuple: the collector stops tracking it once it finds only texts in it
        kind = tuple[kind, ...]  # type: ignore[valid-type]
    if field.nullable:
        kind = kind | None
    return kind


@per_class
def struct_of(cls: type[Any]) -> type[msgspec.Struct]:
    """The msgspec struct a record of ``cls`` is decoded into (made once).

    Its fields are the record's keys on disk; a key that may be absent is ``UNSET`` when it
    is. Instances are not tracked by the garbage collector: they hold no cycles.
    """
    record = wire_record(cls)
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for field in record.fields:
        kind = _field_type(field)
        optional = not field.required or (record.text_in_file and field.name == "text")
        fields.append(
            (field.key, kind | msgspec.UnsetType, UNSET) if optional else (field.key, kind)
        )
    return msgspec.defstruct(
        f"Wire{cls.__name__}",
        fields,
        kw_only=True,
        frozen=True,
        forbid_unknown_fields=True,
        gc=False,
    )


@functools.cache
def root_decoder() -> msgspec.json.Decoder[Any]:
    """The decoder of a whole file: referred-to lists as structs, the others as raw spans."""
    referred = referred_classes()
    fields: list[tuple[str, Any, Any]] = [("format", str | msgspec.UnsetType, UNSET)]
    for name, record in collections():
        item = struct_of(record.cls) if record.cls in referred else msgspec.Raw
        fields.append((name, list[item] | msgspec.UnsetType, UNSET))  # type: ignore[valid-type]
    root = msgspec.defstruct(
        "WireDataset", fields, kw_only=True, frozen=True, forbid_unknown_fields=True, gc=False
    )
    return msgspec.json.Decoder(root)


def decode(text: str | bytes) -> Any:
    """The file's root: a struct with ``format`` and one list per kind of record.

    Raises:
        Refused: for text that is not JSON, or a value the format does not take.
    """
    try:
        return root_decoder().decode(text)
    except (msgspec.DecodeError, RecursionError, UnicodeEncodeError):
        # a ValidationError too (a DecodeError); nesting too deep; text with a lone
        # surrogate, which has no UTF-8 for msgspec to read
        raise Refused from None


@per_class
def record_decoder(cls: type[Any]) -> msgspec.json.Decoder[Any]:
    """The decoder of one record of ``cls`` from its span of the text."""
    return msgspec.json.Decoder(struct_of(cls))


_SPACED_KEY = re.compile(r'"[ \t\n\r]+:')
_SPACED_KEY_BYTES = re.compile(rb'"[ \t\n\r]+:')


class RepeatedKeyError(ValueError):
    """An object with the same key twice: JSON leaves its meaning open, so it is refused."""


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's pairs as a dict, refusing a key given twice (``object_pairs_hook``)."""
    found = dict(pairs)
    if len(found) < len(pairs):
        raise RepeatedKeyError
    return found


def repeats_a_key(text: str | bytes) -> bool:
    """Whether an object of the JSON text gives a key twice, asked of Python's ``json``.

    For a text whose keys :func:`keys_in_text` cannot count exactly (a quotation mark and a
    colon inside a string). Text ``json`` cannot read counts as repeating: the detailed
    report then says what is wrong with it.
    """
    import json  # noqa: PLC0415 - only for texts whose keys cannot be counted

    try:
        json.loads(text, object_pairs_hook=no_duplicate_keys)
    except (ValueError, RecursionError):  # RepeatedKeyError among them
        return True
    return False


def keys_in_text(text: str | bytes) -> int:
    r"""How many keys the JSON text holds, or more (never fewer).

    A key is a string followed by a colon, with or without white space between them: a
    quotation mark followed by a colon can be nothing else outside a string; inside a
    string (``\\":``) it counts too, which only makes the count larger.
    """
    if isinstance(text, bytes):
        return text.count(b'":') + len(_SPACED_KEY_BYTES.findall(text))
    return text.count('":') + len(_SPACED_KEY.findall(text))


def counts_every_key(text: str | bytes, keys: int) -> bool:
    """Whether the text holds no more than ``keys`` keys: then none is given twice.

    ``keys`` is how many keys were decoded; a key given twice is decoded once. Each key
    in the text is followed by a colon of its own, so a text with no more colons than
    ``keys`` (none inside a string, as in most files: one count, at the speed of memory)
    has no key twice. Otherwise the keys are counted (:func:`keys_in_text`, an upper
    bound), and only when that count too is larger is the text read again by
    :func:`repeats_a_key`.
    """
    colons = text.count(b":") if isinstance(text, bytes) else text.count(":")
    return colons <= keys or keys_in_text(text) <= keys or not repeats_a_key(text)
