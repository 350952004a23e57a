"""The JSON Schema (draft 2020-12) of the dataset format, made from the record classes.

The schema is made from the format's wire description
(:mod:`tradetalks.serialization.wire`), the same one that drives the loader and the writer,
so it cannot drift from them; the package also ships it as ``dataset.schema.json`` beside
its data (see :data:`tradetalks.fixtures.DATA`), and ``tradetalks schema`` prints it. Its
``$id`` is :data:`SCHEMA_ID`.

It checks shapes, types and forms: ids and codes, enumerations, EDTF dates and spans and
RFC 9557 instants, each with months 01 to 12, days 01 to 31, hours 00 to 23 and minutes and
seconds 00 to 59. A source's ``published_on`` has ``"format": "date"`` and its ``url``
``"format": "iri"``; validators treat ``format`` as an annotation unless told to assert it,
so the patterns stay. What a schema cannot express — that a day is in its month (30
February), that references resolve, that evidence matches its source's text, that a span
does not end before it starts, that a zone is an IANA zone — is checked by
:func:`tradetalks.load`, which rejects everything the schema rejects. The one exception is
``format`` asserted on a source's ``url``: the loader takes any text there.

>>> from tradetalks.schema import json_schema
>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema["$defs"]["Statement"]["required"])
['evidence', 'id', 'mode', 'speakers', 'text']
>>> schema["$defs"]["day"]["format"]
'date'
"""

from __future__ import annotations

__all__ = ["SCHEMA_ID", "json_schema"]

from typing import Any

from tradetalks.serialization.wire import (
    FORMAT,
    SCHEMA_FORMATS,
    WireRecord,
    collections,
    owned_classes,
    wire_record,
)

SCHEMA_ID = "urn:uuid:d4be1b74-b8d8-4974-991e-3faf9fd2b863"
"""The ``$id`` of the schema of format ``tradetalks/1``, an absolute URI that names it.

A UUID URN (RFC 9562), minted once for this format: it is unique without a web domain or a
registered URN namespace, neither of which the project has, and it does not pretend to be
an address the schema can be fetched from. A format whose files an older schema would
misjudge gets a new one.

>>> from tradetalks.schema import SCHEMA_ID, json_schema
>>> json_schema()["$id"] == SCHEMA_ID
True
"""

# [0-9], not \d: a JSON Schema validator may let \d match any Unicode digit. Each part takes
# only the numbers that can be: years 0001 to 9999 (as the loader), months 01 to 12, days 01
# to 31, hours 00 to 23, minutes and seconds 00 to 59. There is no leap second (60): the
# loader reads an instant into a datetime, which has none. Whether a day is in its month (30
# February) no simple pattern can say; the loader checks it (and so does format "date").
_YEAR = r"(?!0000)[0-9]{4}"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_HOUR = r"(?:[01][0-9]|2[0-3])"
_MINUTE = r"[0-5][0-9]"
_EDTF_DATE = rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?[?~%]?"
# RFC 3339 as the loader reads it: "T" and "Z" in either case, seconds optional, a fraction of
# up to 6 digits (more only as trailing zeros); then the zone, which may be critical (!), and
# suffix tags such as [u-ca=gregory] (RFC 9557). Every repeated part ends at a character it
# cannot hold, so no pattern backtracks more than linearly.
_TIME = rf"{_HOUR}:{_MINUTE}(?::{_MINUTE}(?:\.[0-9]{{1,6}}0*)?)?"
_OFFSET = rf"(?:[Zz]|[+-]{_HOUR}:{_MINUTE})"
_ZONE = r"[A-Za-z._][A-Za-z0-9._+-]*(?:/[A-Za-z._][A-Za-z0-9._+-]*)*"
_TAG = r"[a-z_][a-z0-9_-]*=[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
_INSTANT = rf"{_YEAR}-{_MONTH}-{_DAY}[Tt]{_TIME}{_OFFSET}\[!?{_ZONE}\](?:\[!?{_TAG}\])*"
_DEFINITIONS: dict[str, Any] = {
    **SCHEMA_FORMATS,
    "day": {
        "description": "A calendar day, YYYY-MM-DD (RFC 3339 full-date).",
        "type": "string",
        "format": "date",
        "pattern": f"^{_YEAR}-{_MONTH}-{_DAY}$",
    },
    "edtfDate": {
        "description": "An EDTF date of levels 0-1: YYYY, YYYY-MM or YYYY-MM-DD, then ?, ~ or "
        "%. The loader checks that the day is in its month (not 2025-02-30).",
        "type": "string",
        "pattern": f"^{_EDTF_DATE}$",
    },
    "edtfSpan": {
        "description": "An EDTF date, or an interval of two (2025-07-28/2025-07-29); one end "
        "may be open, .. (2025-03/..), or unknown, empty (/2025-07-29), but not both. The "
        "loader checks that each day is in its month (not 2025-02-30) and that the interval "
        "does not end before it starts.",
        "type": "string",
        # A date alone; a date, then / and a date, .. or nothing; or .. or nothing, / and a date.
        "pattern": rf"^(?:{_EDTF_DATE}(?:/(?:{_EDTF_DATE}|\.\.)?)?|(?:\.\.)?/{_EDTF_DATE})$",
    },
    "instant": {
        "description": "An RFC 9557 timestamp: 2025-08-12T00:01:00-04:00[America/New_York]. "
        "The loader checks that the day is in its month (not 2025-02-30), that the zone is an "
        "IANA zone and that the offset is the zone's at that time.",
        "type": "string",
        "pattern": f"^{_INSTANT}$",
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


def _description() -> str:
    names = [name for name, _ in collections()]
    kinds = ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"A dataset file of the tradetalks library, format {FORMAT}: {kinds}, each fact tied "
        "to the characters of a source. This schema checks each value's JSON type and form: "
        "required and unknown keys, ids and codes, enumerations, and EDTF dates and spans and "
        "RFC 9557 instants whose month, day, hour, minute and second are each in range (no "
        "month 00 or 13, day 00 or 32, hour 24, minute or second 60). The loader "
        "(tradetalks.load) checks the rest: that a day is in its month (not 2025-02-30), that "
        "references name records of the right kind, that evidence offsets fall within its "
        "source's text and quote it, that spans and truce terms do not end before they start, "
        "that a time zone is an IANA zone and an offset is the zone's, and the other rules "
        "between fields and records. Whatever this schema refuses the loader refuses too, but "
        "for a source's url when a validator asserts formats: the loader takes any text there."
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file, as a dict ready for ``json.dumps``.

    Returns:
        The schema, identified by :data:`SCHEMA_ID`, with the root object (``format`` and
        one list per kind of record) and one definition per record class and per form of
        text under ``$defs``.

    >>> from tradetalks.schema import json_schema
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
        "$id": SCHEMA_ID,
        "title": "tradetalks dataset",
        "description": _description(),
        "type": "object",
        "properties": properties,
        "required": ["format"],
        "additionalProperties": False,
        "$defs": defs,
    }
