"""Writing: a dataset as JSON text, each value as the wire description says.

:func:`plain` turns a record into the JSON value it is written as: its fields in the
class's order under their keys, values by their codec, a reference by the id it names (an
unnamed group as ``{"group": words}``), a record of its own as an object inside, and a
field left out when it holds its default. :func:`dataset_text` writes a whole dataset
with two-space indents and a final newline, which the load reads back into an equal
dataset that writes the same bytes again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tradetalks.actors import UnnamedGroup
from tradetalks.serialization.wire import FORMAT, FieldKind, collections, wire_record

if TYPE_CHECKING:
    from tradetalks.dataset import Dataset
    from tradetalks.serialization.wire import WireField


def _reference(value: Any) -> Any:
    if isinstance(value, UnnamedGroup):
        return {"group": value.words}
    return value.id


def _item(field: WireField, value: Any) -> Any:
    if field.kind is FieldKind.REFERENCE:
        return _reference(value)
    if field.kind is FieldKind.RECORD:
        return plain(value)
    assert field.codec is not None  # noqa: S101 - a value field has its codec
    return field.codec.to_json(value)


def plain(record: Any) -> dict[str, Any]:
    """The JSON object a record is written as (a dict of JSON values, keys in order).

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.serialization.writing import plain
    >>> plain(stockholm_2025().parties[0])["code"]
    'CN'
    """
    described = wire_record(type(record))
    data: dict[str, Any] = {}
    for field in described.fields:
        value = getattr(record, field.name)
        if described.text_in_file and field.name == "text" and record.text_file is not None:
            continue  # written as the name of its file, last
        if not field.required and value == field.default_value():
            continue
        if value is None:
            data[field.key] = None
        elif field.many:
            data[field.key] = [_item(field, item) for item in value]
        else:
            data[field.key] = _item(field, value)
    return data


def dataset_text(dataset: Dataset) -> str:
    """The dataset as JSON text: two-space indents, keys in field order, a final newline."""
    import json  # noqa: PLC0415 - imported when a dataset is first written, not with the package

    data: dict[str, Any] = {"format": FORMAT}
    for name, _ in collections():
        data[name] = [plain(record) for record in getattr(dataset, name)]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
