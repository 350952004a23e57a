"""The JSON Schema (draft 2020-12) of the dataset format, made from the record classes.

The schema is made from the format's wire description
(:mod:`tradetalks.serialization.wire`), the same one that drives the loader and the writer,
so it cannot drift from them; the package also ships it as ``dataset.schema.json`` beside its data (see
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

from typing import Any

from tradetalks.serialization.wire import (
    FORMAT,
    SCHEMA_FORMATS,
    WireRecord,
    collections,
    owned_classes,
    wire_record,
)

_EDTF_DATE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?"
# [0-9], not \d: a JSON Schema validator may let \d match any Unicode digit.
_DEFINITIONS: dict[str, Any] = {
    **SCHEMA_FORMATS,
    "day": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "edtfDate": {
        "description": "An EDTF date of levels 0-1: YYYY, YYYY-MM or YYYY-MM-DD, then ?, ~ or %.",
        "type": "string",
        "pattern": f"^{_EDTF_DATE}$",
    },
    "edtfSpan": {
        "description": "An EDTF date, or an interval of two (2025-07-28/2025-07-29); one end "
        "may be open, .. (2025-03/..), or unknown, empty (/2025-07-29), but not both.",
        "type": "string",
        # A date alone; a date, then / and a date, .. or nothing; or .. or nothing, / and a date.
        "pattern": rf"^(?:{_EDTF_DATE}(?:/(?:{_EDTF_DATE}|\.\.)?)?|(?:\.\.)?/{_EDTF_DATE})$",
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
        "properties": {"group": {"type": "string", "pattern": r"^\S(?:[\s\S]*\S)?$"}},
        "required": ["group"],
        "additionalProperties": False,
    },
}


def _record_schema(record: WireRecord) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in record.fields:
        properties[field.key] = dict(field.schema)
        if field.least is not None:
            properties[field.key]["minItems"] = field.least
        if field.required or field.least is not None:
            required.append(field.key)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    doc = (record.cls.__doc__ or "").strip().splitlines()
    if doc:
        schema = {"description": doc[0], **schema}
    if record.text_in_file:
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
    defs: dict[str, Any] = dict(_DEFINITIONS)
    for _, record in collections():
        defs[record.cls.__name__] = _record_schema(record)
    for cls in owned_classes():
        defs[cls.__name__] = _record_schema(wire_record(cls))
    properties: dict[str, Any] = {"format": {"const": FORMAT}}
    for name, record in collections():
        properties[name] = {"type": "array", "items": {"$ref": f"#/$defs/{record.cls.__name__}"}}
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
