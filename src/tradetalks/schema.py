"""The JSON Schema (draft 2020-12) of the dataset format, made from the record classes.

The schema is built from the same attrs classes the loader reads, so it cannot drift from
them; the package also ships it as ``dataset.schema.json`` beside its data (see
:data:`tradetalks.fixtures.DATA`), and ``tradetalks schema`` prints it. It checks shapes,
types and formats (ids, EDTF dates, RFC 9557 instants, enumerations). What a schema cannot
express — that references resolve, that evidence matches its source's text, that a span
does not end before it starts — is checked by :func:`tradetalks.load`, which rejects
everything the schema rejects.

>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema["$defs"]["Statement"]["required"])
['evidence', 'id', 'mode', 'speakers', 'text']
"""

from __future__ import annotations

__all__ = ["json_schema"]

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from tradetalks._fields import is_reference
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import COLLECTIONS, resolve_record_types
from tradetalks.dates import DateSpan, PartialDate
from tradetalks.resolution import ResolvedDate
from tradetalks.serialization import FORMAT
from tradetalks.sources import Evidence, Source
from tradetalks.talks import Delegate
from tradetalks.truces import TruceTerm

_TEXT = {"type": "string", "pattern": r"^\S(?:[\s\S]*\S)?$"}
# [0-9], not \d: a JSON Schema validator may let \d match any Unicode digit.
_EDTF_DATE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?"
_FORMATS: dict[str, Any] = {
    "id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},
    "partyCode": {"type": "string", "pattern": r"^[A-Z][A-Z0-9-]{1,15}$"},
    "country": {"type": "string", "pattern": r"^[A-Z]{2}$"},
    "language": {"type": "string", "pattern": r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"},
    "day": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "edtfDate": {
        "description": "An EDTF date of levels 0-1: YYYY, YYYY-MM or YYYY-MM-DD, then ?, ~ or %.",
        "type": "string",
        "pattern": f"^{_EDTF_DATE}$",
    },
    "edtfSpan": {
        "description": "An EDTF date, or an interval of two: 2025-07-28/2025-07-29.",
        "type": "string",
        "pattern": f"^{_EDTF_DATE}(?:/{_EDTF_DATE})?$",
    },
    "instant": {
        "description": "An RFC 9557 timestamp: 2025-08-12T00:01:00-04:00[America/New_York].",
        "type": "string",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
        r"(?:[+-][0-9]{2}:[0-9]{2}|Z)\[!?[^\[\]=]+\]$",
    },
    "group": {
        "description": "A speaker or outlet the source does not name, in its words.",
        "type": "object",
        "properties": {"group": _TEXT},
        "required": ["group"],
        "additionalProperties": False,
    },
}
_SPECIAL_FIELDS = {
    "id": "id",
    "country": "country",
    "language": "language",
}
# Strings kept exactly as the source has them, white space at their ends included: the
# loader asks only that they are not empty (a date's words, that they are not blank).
_VERBATIM: dict[tuple[str, str], dict[str, Any]] = {
    ("Source", "text"): {"type": "string", "minLength": 1},
    ("Evidence", "exact"): {"type": "string", "minLength": 1},
    ("ResolvedDate", "words"): {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "null"}]},
}
_OWNED = (Evidence, Delegate, TruceTerm, ResolvedDate)
# Lists that must hold at least this many items (the record classes refuse fewer).
_AT_LEAST = {
    ("Statement", "speakers"): 1,
    ("Meeting", "participants"): 1,
    ("Truce", "parties"): 2,
    ("Truce", "terms"): 1,
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _reference_schema(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return {"type": "array", "items": _reference_schema(typing.get_args(annotation)[0])}
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        options = []
        if any(a is not UnnamedGroup for a in args):
            options.append(_ref("id"))
        if UnnamedGroup in args:
            options.append(_ref("group"))
        one = options[0] if len(options) == 1 else {"anyOf": options}
        return _nullable(one) if type(None) in typing.get_args(annotation) else one
    return _ref("id")


def _type_schema(annotation: Any) -> dict[str, Any]:  # noqa: PLR0911 - one case per type
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        if set(args) == {PartialDate, dt.datetime}:
            return {"anyOf": [_ref("edtfDate"), _ref("instant")]}
        inner = [a for a in args if a is not type(None)]
        return _nullable(_type_schema(inner[0]))
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if annotation == Mapping[str, str]:
        return {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
    simple = {
        str: _TEXT,
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        dt.date: _ref("day"),
        dt.datetime: _ref("instant"),
        PartialDate: _ref("edtfDate"),
        DateSpan: _ref("edtfSpan"),
    }
    if annotation in simple:
        return dict(simple[annotation])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if attrs.has(annotation):
        return _ref(annotation.__name__)
    message = f"no JSON Schema for {annotation!r}"
    raise TypeError(message)


def _field_schema(cls: type[Any], field: attrs.Attribute[Any]) -> dict[str, Any]:
    if is_reference(field):
        return _reference_schema(field.type)
    if field.name in _SPECIAL_FIELDS and field.type in (str, "str"):
        return _ref(_SPECIAL_FIELDS[field.name])
    if field.name == "country":
        return _nullable(_ref("country"))
    if cls.__name__ == "Party" and field.name == "code":
        return _ref("partyCode")
    if (cls.__name__, field.name) in _VERBATIM:
        return dict(_VERBATIM[cls.__name__, field.name])
    schema = _type_schema(field.type)
    if cls is Evidence and field.name in {"start", "end"}:
        schema["minimum"] = 0
    if field.name == "number":
        schema = _nullable({"type": "integer", "minimum": 1})
    return schema


def _record_schema(cls: type[Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        name = "date" if (cls is ResolvedDate and field.name == "value") else field.name
        properties[name] = _field_schema(cls, field)
        least = _AT_LEAST.get((cls.__name__, field.name))
        if field.name == "evidence" and field.default is attrs.NOTHING:
            least = 1
        if least is not None:
            properties[name]["minItems"] = least
        if field.default is attrs.NOTHING or least is not None:
            required.append(name)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        schema = {"description": doc[0], **schema}
    if cls is Source:
        schema["required"] = [n for n in required if n != "text"]
        schema["oneOf"] = [{"required": ["text"]}, {"required": ["text_file"]}]
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file, as a dict ready for ``json.dumps``.

    Returns:
        The schema, with the root object (``format`` and one list per kind of record) and one
        definition per record class under ``$defs``.

    >>> schema = json_schema()
    >>> schema["properties"]["format"]
    {'const': 'tradetalks/1'}
    >>> schema["$defs"]["Round"]["properties"]["dates"]
    {'$ref': '#/$defs/edtfSpan'}
    """
    resolve_record_types()
    defs: dict[str, Any] = dict(_FORMATS)
    for _, cls in COLLECTIONS:
        defs[cls.__name__] = _record_schema(cls)
    for cls in _OWNED:
        defs[cls.__name__] = _record_schema(cls)
    properties: dict[str, Any] = {"format": {"const": FORMAT}}
    for name, cls in COLLECTIONS:
        properties[name] = {"type": "array", "items": _ref(cls.__name__)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tradetalks dataset",
        "description": "A dataset of the tradetalks library: sources, parties, organizations, "
        "people, positions, rounds, meetings, statements and truces, each fact tied to the "
        "characters of a source.",
        "type": "object",
        "properties": properties,
        "required": ["format"],
        "additionalProperties": False,
        "$defs": defs,
    }
