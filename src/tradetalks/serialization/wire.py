"""The wire description: how every record field and every value is written in a dataset file.

This module is the format's one description. A :class:`Codec` says how values of one type
are written (the JSON type, the text form, the JSON Schema); a :class:`WireRecord` says, for
one record class, under which key each field is written, whether it holds a value, a
reference to another record or a record of its own, and what it defaults to. Both are made
from the record classes' attrs fields and the few facts a field does not carry, which are
written out below (``_SCHEMAS``, ``_RENAMED``, ``_AT_LEAST``).

Everything that reads or writes the format is driven by it: the typed decoder
(:mod:`~tradetalks.serialization.parsing`), the build of records
(:mod:`~tradetalks.serialization.loading`), the detailed report of a bad file
(:mod:`~tradetalks.serialization.report`), the writer
(:mod:`~tradetalks.serialization.writing`), the JSON Schema (:mod:`tradetalks.schema`) and
the exports. Adding a field to a record class is one field there; a field of a new value
type is one :class:`Codec` here.

>>> from tradetalks.serialization.wire import wire_record
>>> from tradetalks import ResolvedDate
>>> [(f.name, f.key, f.kind.value)
...  for f in wire_record(ResolvedDate).fields]  # doctest: +NORMALIZE_WHITESPACE
[('value', 'date', 'value'), ('words', 'words', 'value'), ('rule', 'rule', 'value'), ('tense',
 'tense', 'value')]
"""

from __future__ import annotations

__all__ = [
    "ABSENT",
    "FORMAT",
    "Codec",
    "FieldKind",
    "WireField",
    "WireRecord",
    "codec_of",
    "collections",
    "json_type",
    "owned_classes",
    "read_day",
    "referred_classes",
    "source_text",
    "value_types",
    "wire_record",
]

import datetime as dt
import enum
import functools
import operator
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import attrs

from tradetalks._fields import is_reference, per_class, record_classes
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import COLLECTIONS
from tradetalks.dates import DateSpan, PartialDate, is_iso_day
from tradetalks.errors import InvalidValueError
from tradetalks.instants import format_instant, parse_instant
from tradetalks.truces import Bound, to_bound

FORMAT = "tradetalks/1"
"""The value of the ``format`` key of every dataset file this version reads and writes."""


def json_type(value: object) -> str:
    """What a parsed JSON value is, in words: "an object", "a list", "a string"...

    >>> from tradetalks.serialization.wire import json_type
    >>> json_type([1]), json_type(None), json_type(True)
    ('a list', 'null', 'a boolean')
    """
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


class Codec(NamedTuple):
    """How the values of one type are written in a file and read back.

    Attributes:
        name: the value type's name, also its definition's name in the JSON Schema.
        wire: the JSON value it is written as, as a type: ``str``, ``int``, ``bool`` or
            ``dict[str, str]``; the typed decoder decodes it into that.
        expect: what the JSON value must be, in words, for a message ("a string").
        read: the value from its JSON value, raising
            :class:`~tradetalks.InvalidValueError`; ``None`` when the JSON value is the
            value itself.
        write: the JSON value of a value; ``None`` when the value is written as it is.
        schema: the JSON Schema of the JSON value.
        recurs: the same text recurs across a file (dates, instants): a load reads each
            distinct text once.
        members: for an enumeration, its members by value (``wire`` is the enumeration;
            the quick load decodes the value's text, checked against these, and takes the
            member from here).
    """

    name: str
    wire: Any
    expect: str
    read: Callable[[Any], Any] | None
    write: Callable[[Any], Any] | None
    schema: dict[str, Any]
    recurs: bool = False
    members: Mapping[str, enum.Enum] | None = None

    def from_json(self, value: object) -> Any:
        """The value of a JSON value as Python's ``json`` module reads it, checked.

        Raises:
            InvalidValueError: for a JSON value of another type, or one ``read`` refuses.
        """
        if self.members is not None:  # an enumeration, by its value
            if type(value) is not str:
                raise InvalidValueError(f"expected {self.expect}, not {json_type(value)}")
            member = self.members.get(value)
            if member is None:
                choices = ", ".join(repr(v) for v in self.members)
                raise InvalidValueError(f"{value!r} is not one of {choices}")
            return member
        kind = typing.get_origin(self.wire) or self.wire
        if type(value) is not kind:  # a bool is not an int, an int not a float
            raise InvalidValueError(f"expected {self.expect}, not {json_type(value)}")
        if isinstance(value, dict):  # identifiers: scheme to identifier, both strings
            for key, item in value.items():
                if type(item) is not str:
                    message = f"identifier {key!r} must be a string, not {json_type(item)}"
                    raise InvalidValueError(message)
        return value if self.read is None else self.read(value)

    def to_json(self, value: Any) -> Any:
        """The JSON value of a value."""
        return value if self.write is None else self.write(value)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def read_day(text: str) -> dt.date:
    """A calendar date written ``YYYY-MM-DD`` (a source's ``published_on``).

    Raises:
        InvalidValueError: for any other text, or a day that does not exist.

    >>> from tradetalks.serialization.wire import read_day
    >>> read_day("2025-07-30")
    datetime.date(2025, 7, 30)
    """
    if not is_iso_day(text):
        raise InvalidValueError(f"expected a date as YYYY-MM-DD, not {text!r}")
    return PartialDate.from_edtf(text).to_date()


def _write_bound(value: Bound) -> str:
    return format_instant(value) if isinstance(value, dt.datetime) else value.to_edtf()


def _read_bound(text: str) -> Bound:
    return to_bound(text)


_TEXT_SCHEMA = {"type": "string", "pattern": r"^\S(?:[\s\S]*\S)?$"}

TEXT = Codec("text", str, "a string", None, None, _TEXT_SCHEMA)
INTEGER = Codec("integer", int, "a whole number", None, None, {"type": "integer"})
BOOLEAN = Codec("boolean", bool, "true or false", None, None, {"type": "boolean"})
DAY = Codec(
    "day", str, "a date as YYYY-MM-DD", read_day, dt.date.isoformat, _ref("day"), recurs=True
)
INSTANT = Codec(
    "instant", str, "a string", parse_instant, format_instant, _ref("instant"), recurs=True
)
PARTIAL_DATE = Codec(
    "edtfDate",
    str,
    "a string",
    PartialDate.from_edtf,
    PartialDate.to_edtf,
    _ref("edtfDate"),
    recurs=True,
)
DATE_SPAN = Codec(
    "edtfSpan", str, "a string", DateSpan.from_edtf, DateSpan.to_edtf, _ref("edtfSpan"), recurs=True
)
BOUND = Codec(
    "bound",
    str,
    "a string",
    _read_bound,
    _write_bound,
    {"anyOf": [_ref("edtfDate"), _ref("instant")]},
    recurs=True,
)
IDENTIFIERS = Codec(
    "identifiers",
    dict[str, str],
    "an object of scheme to identifier",
    None,
    dict,
    {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
)

_CODECS: dict[Any, Codec] = {
    str: TEXT,
    int: INTEGER,
    bool: BOOLEAN,
    dt.date: DAY,
    dt.datetime: INSTANT,
    PartialDate: PARTIAL_DATE,
    DateSpan: DATE_SPAN,
    Bound: BOUND,
    Mapping[str, str]: IDENTIFIERS,
}

# The definitions the JSON Schema names (``$defs``) for texts of a given form. A "format"
# names the form for validators that know it (an annotation unless one asserts formats).
SCHEMA_FORMATS: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},
    "partyCode": {"type": "string", "pattern": r"^[A-Z][A-Z0-9-]{1,15}$"},
    "country": {"type": "string", "pattern": r"^[A-Z]{2}$"},
    "language": {"type": "string", "pattern": r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"},
    # An IRI, not only a URI: the loader takes a url in any script (https://例え.jp/記事).
    "url": {
        "description": "Where a source was published: an IRI (RFC 3987). The loader checks "
        "only that it is a text without white space at its ends.",
        **_TEXT_SCHEMA,
        "format": "iri",
    },
}


def _enum_value(member: enum.Enum) -> Any:
    return member.value


@per_class
def _enum_codec(kind: type[Any]) -> Codec:
    members = {member.value: member for member in kind}
    return Codec(
        kind.__name__,
        kind,
        "a string",
        None,
        _enum_value,
        {"enum": list(members)},
        members=types.MappingProxyType(members),
    )


def value_types() -> tuple[tuple[Any, Codec], ...]:
    """Every value type with a codec of its own (enumerations aside), with the codec."""
    return tuple(_CODECS.items())


def codec_of(annotation: Any) -> Codec:
    """The codec of a value type (``None`` and tuples unwrapped).

    Raises:
        TypeError: for a type the format has no codec for (a fault of the record classes).

    >>> from tradetalks import PartialDate
    >>> from tradetalks.serialization.wire import codec_of
    >>> codec_of(PartialDate).name
    'edtfDate'
    """
    codec = _CODECS.get(annotation)
    if codec is not None:
        return codec
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple:
        return codec_of(args[0])
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        return codec_of(functools.reduce(operator.or_, rest))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_codec(annotation)
    message = f"no codec for {annotation!r}"
    raise TypeError(message)


class FieldKind(enum.Enum):
    """What a field holds on disk."""

    VALUE = "value"
    """A value written by its :class:`Codec` (a text, a number, a date...)."""
    REFERENCE = "reference"
    """The id of another record of the dataset (or ``{"group": words}``)."""
    RECORD = "record"
    """A record of its own, written inside (a piece of evidence, a delegate, a term)."""


class WireField(NamedTuple):
    """How one field of a record class is written.

    Attributes:
        name: the attribute.
        key: the key in the file.
        alias: the argument of the class's ``__init__``.
        kind: a :class:`FieldKind`.
        many: a list on disk (a tuple in memory).
        nullable: ``null`` is a value it takes.
        required: the key must be there (the field has no default).
        default: the value when the key is absent (``attrs.NOTHING`` when required); a
            field whose value equals it is not written.
        factory: the default's factory, for a default made anew for each record.
        codec: for a value, its :class:`Codec`.
        record: for a record of its own, its class.
        targets: for a reference, the record classes it may name.
        groups: for a reference, whether an unnamed group may stand in it.
        least: the fewest items of a list the record accepts, if any.
        schema: the JSON Schema of the field's value.
    """

    name: str
    key: str
    alias: str
    kind: FieldKind
    many: bool
    nullable: bool
    required: bool
    default: Any
    factory: Callable[[], Any] | None
    codec: Codec | None
    record: type[Any] | None
    targets: tuple[type[Any], ...]
    groups: bool
    least: int | None
    schema: dict[str, Any]

    def default_value(self) -> Any:
        """The value the field takes when its key is absent."""
        return self.factory() if self.factory is not None else self.default


class WireRecord(NamedTuple):
    """How one record class is written: its fields in order, and where its id is.

    Attributes:
        cls: the record class.
        fields: its :class:`WireField` records, in the class's order.
        id_key: the key of its id (``"code"`` for a party), or ``None`` for a record
            written inside another (a piece of evidence).
        text_in_file: the record keeps its text either inline or in a file beside the
            dataset (a source): see ``source_text``.
        shareable: every value is a text, an enumeration or null, so equal objects in a
            file can be one record (a said_on date).
    """

    cls: type[Any]
    fields: tuple[WireField, ...]
    id_key: str | None
    text_in_file: bool
    shareable: bool


# Fields written under another key on disk (a said_on's value is its "date").
_RENAMED: dict[tuple[str, str], str] = {("ResolvedDate", "value"): "date"}
# Lists that must hold at least this many items (the record classes refuse fewer).
_AT_LEAST: dict[tuple[str, str], int] = {
    ("Statement", "speakers"): 1,
    ("Meeting", "participants"): 1,
    ("Truce", "parties"): 1,
    ("Agreement", "parties"): 2,
    ("Truce", "terms"): 1,
}
# The JSON Schema of fields whose form a codec does not say: texts with a pattern, texts
# kept exactly as the source has them (white space at their ends included), bounds.
_SCHEMAS: dict[tuple[str, str], dict[str, Any]] = {
    ("Party", "code"): _ref("partyCode"),
    ("Source", "language"): _ref("language"),
    ("Source", "text"): {"type": "string", "minLength": 1},
    ("Evidence", "exact"): {"type": "string", "minLength": 1},
    ("Evidence", "start"): {"type": "integer", "minimum": 0},
    ("Evidence", "end"): {"type": "integer", "minimum": 0},
    ("ResolvedDate", "words"): {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "null"}]},
    # Lists of parties that the record classes refuse to hold one party twice.
    ("Truce", "parties"): {"type": "array", "items": _ref("id"), "uniqueItems": True},
    ("Agreement", "parties"): {"type": "array", "items": _ref("id"), "uniqueItems": True},
    ("Round", "number"): {
        "anyOf": [{"type": "integer", "minimum": 1, "maximum": 1_000_000}, {"type": "null"}]
    },
    ("Source", "text_file"): {
        "anyOf": [
            {
                "type": "string",
                "pattern": r"^(?:(?!\.\.?(?:/|$))(?!-)[A-Za-z0-9._-]+(?<!\.)/)*"
                r"(?!\.\.?$)(?!-)[A-Za-z0-9._-]+(?<!\.)$",
            },
            {"type": "null"},
        ]
    },
}
_SCHEMA_BY_NAME: dict[str, dict[str, Any]] = {
    "id": _ref("id"),
    "country": _ref("country"),
    "url": _ref("url"),
}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _targets(annotation: Any) -> tuple[type[Any], ...]:
    """The record classes a reference annotation allows (``None`` and tuples unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return _targets(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return tuple(k for a in typing.get_args(annotation) for k in _targets(a))
    if annotation is type(None):
        return ()
    return (annotation,)


def _owned(annotation: Any) -> type[Any] | None:
    """The record class a field owns, if its type (or its items' type) is one."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if attrs.has(candidate) and candidate is not PartialDate and candidate is not DateSpan:
            return typing.cast("type[Any]", candidate)
    return None


def _wire_field(cls: type[Any], field: attrs.Attribute[Any]) -> WireField:
    name = cls.__name__
    annotation = field.type
    origin = typing.get_origin(annotation)
    many = origin is tuple
    nullable = origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(
        annotation
    )
    default: Any = field.default
    factory = None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = default.factory
    required = default is attrs.NOTHING
    least = _AT_LEAST.get((name, field.name))
    if field.name == "evidence" and required:
        least = 1
    codec = record = None
    targets: tuple[type[Any], ...] = ()
    groups = False
    if is_reference(field):
        kind = FieldKind.REFERENCE
        allowed = _targets(annotation)
        groups = UnnamedGroup in allowed
        targets = tuple(k for k in allowed if k is not UnnamedGroup)
        one: dict[str, Any] = _ref("id")
        if groups:
            one = {"anyOf": [_ref("id"), _ref("group")]} if targets else _ref("group")
        schema = {"type": "array", "items": one} if many else one
    elif (owned := _owned(annotation)) is not None:
        kind, record = FieldKind.RECORD, owned
        one = _ref(owned.__name__)
        schema = {"type": "array", "items": one} if many else one
    else:
        kind, codec = FieldKind.VALUE, codec_of(annotation)
        one = dict(codec.schema)
        schema = {"type": "array", "items": one} if many else one
    special = _SCHEMAS.get((name, field.name)) or _SCHEMA_BY_NAME.get(field.name)
    if special is not None:
        schema = dict(special)
    elif nullable:
        schema = _nullable(schema)
    if nullable and field.name in _SCHEMA_BY_NAME and "anyOf" not in schema:
        schema = _nullable(schema)
    return WireField(
        name=field.name,
        key=_RENAMED.get((name, field.name), field.name),
        alias=field.alias or field.name,
        kind=kind,
        many=many,
        nullable=nullable,
        required=required,
        default=default,
        factory=factory,
        codec=codec,
        record=record,
        targets=targets,
        groups=groups,
        least=least,
        schema=schema,
    )


@per_class
def wire_record(cls: type[Any]) -> WireRecord:
    """The wire description of a record class (made once).

    >>> from tradetalks import Party
    >>> from tradetalks.serialization.wire import wire_record
    >>> wire_record(Party).id_key
    'code'
    """
    record_classes()  # annotations resolved
    fields = tuple(_wire_field(cls, f) for f in attrs.fields(cls) if f.init)
    ids = {f.name for f in fields} & {"id", "code"}
    id_key = "code" if "code" in ids else ("id" if ids else None)
    shareable = all(
        f.kind is FieldKind.VALUE
        and f.codec is not None
        and (f.codec.wire is str or f.codec.members is not None)
        and not f.many
        for f in fields
    )
    return WireRecord(
        cls=cls,
        fields=fields,
        id_key=id_key,
        text_in_file=any(f.name == "text_file" for f in fields),
        shareable=shareable,
    )


@functools.cache
def owned_classes() -> tuple[type[Any], ...]:
    """The record classes written inside others (evidence, delegates, terms, said_on dates)."""
    found: list[type[Any]] = []
    todo = [cls for _, cls in COLLECTIONS]
    while todo:
        for field in wire_record(todo.pop(0)).fields:
            if field.record is not None and field.record not in found:
                found.append(field.record)
                todo.append(field.record)
    return tuple(found)


def collections() -> tuple[tuple[str, WireRecord], ...]:
    """The lists of a dataset file in the order they are written, with their records' wire."""
    return tuple((name, wire_record(cls)) for name, cls in COLLECTIONS)


@functools.cache
def referred_classes() -> frozenset[type[Any]]:
    """The record classes some field refers to (sources, parties, organizations, ...).

    Records of the other kinds (statements, positions, truces) are never the target of a
    reference: a load reads them after the others, without indexing them.
    """
    kinds: set[type[Any]] = set()
    for cls in (*(cls for _, cls in COLLECTIONS), *owned_classes()):
        for field in wire_record(cls).fields:
            kinds.update(field.targets)
    return frozenset(kinds)


ABSENT: Any = object()
"""A key a raw record does not have (``None`` stands for a key given as ``null``)."""


def source_text(
    text: object, text_file: object, read_text_file: Callable[[str], str] | None
) -> str:
    """The text of a raw source, inline or from its file: the rule of both passes.

    A source has either the key ``"text"`` or the key ``"text_file"``, not both or
    neither (an absent key is :data:`ABSENT`), and the one it has is a string. The file's
    name is checked by the record's own rule before any file is read, so that no name in a
    dataset file points outside its folder.

    Raises:
        InvalidValueError: for both keys or neither, a value that is not a string, a name
            the record refuses, a file that cannot be read, or a file name when no folder
            was given.
    """
    if (text is ABSENT) == (text_file is ABSENT):
        raise InvalidValueError('a source has either "text" or "text_file", not both or neither')
    if text_file is ABSENT:
        if not isinstance(text, str):
            raise InvalidValueError(f"expected a string, not {json_type(text)}", where="text")
        return text
    if not isinstance(text_file, str):
        raise InvalidValueError("expected the name of a file, a string", where="text_file")
    from tradetalks.sources import Source  # noqa: PLC0415 - its own rule for the name

    field = attrs.fields(Source).text_file
    if field.validator is not None:
        field.validator(None, field, text_file)
    if read_text_file is None:
        raise InvalidValueError(
            f"the text is in the file {text_file!r}, but no folder was given to read it "
            "from (use load(path), or loads(text, base=folder))",
            where="text_file",
        )
    return read_text_file(text_file)
