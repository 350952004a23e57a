"""The JSON Schema: shipped as generated, valid draft 2020-12, and never stricter than load.

The loader may reject more than the schema (a schema cannot check that references resolve
or that evidence matches its source), never less: whatever the schema rejects, the loader
rejects too, and whatever the loader accepts, the schema accepts.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tradetalks
from tradetalks import DataFormatError
from tradetalks.fixtures import DATA
from tradetalks.schema import json_schema

TESTS = Path(__file__).parent
BAD = TESTS / "bad"
SMALL = TESTS / "good" / "small.json"
CORPUS = sorted(path.name for path in BAD.glob("*.json") if path.name != "expected.json")
VALIDATOR = jsonschema.Draft202012Validator(json_schema())

# Corpus files that are not JSON at all, so no schema can accept them.
NOT_JSON = {
    "deeply_nested_value.json",  # deeper than the JSON parser goes
    "empty_file.json",
    "invalid_utf8.json",
    "too_many_digits.json",  # more digits than Python reads into an int
    "truncated_json.json",
    "utf8_bom.json",  # JSON text starts without a byte order mark
}
# The corpus files the schema rejects, worked out from each file's fault; the others break
# rules no schema can state (references, evidence, dates in order, zones), or are numbers
# such as 55.0, which JSON Schema counts as an integer and the loader does not.
SCHEMA_REJECTS = {
    "id_of_twenty_thousand_characters.json",
    "round_number_huge.json",
    "text_file_escapes_the_folder.json",
    "text_file_on_a_windows_drive.json",
    "bad_country_code.json",
    "bad_language_tag.json",
    "bad_party_code.json",
    "collection_not_a_list.json",
    "empty_evidence.json",
    "empty_name.json",
    "evidence_empty_span.json",
    "evidence_offset_negative.json",
    "huge_number.json",
    "invalid_edtf_date.json",
    "invalid_id.json",
    "missing_evidence.json",
    "non_ascii_digits.json",  # the schema's patterns take ASCII digits only, as the loader
    "published_on_in_other_digits.json",
    "missing_format_marker.json",
    "missing_required_field.json",
    "nan_number.json",
    "nested_value_in_a_text_field.json",
    "non_object_root.json",
    "published_on_month_only.json",
    "record_not_an_object.json",
    "round_number_zero.json",
    "source_with_text_and_text_file.json",
    "statement_without_speakers.json",
    "truce_term_naive_datetime.json",
    "truce_term_offset_without_zone.json",
    "agreement_with_one_party.json",
    "truce_end_reason_unknown.json",
    "truce_without_terms.json",
    "unknown_field.json",
    "unknown_field_not_a_plain_name.json",
    "unknown_mode.json",
    "unknown_organization_kind.json",
    "unknown_root_field.json",
    "unnamed_group_with_another_key.json",
    "wrong_format_marker.json",
    "wrong_type_boolean_offset.json",
    "wrong_type_identifier_not_a_string.json",
    "wrong_type_name_as_list.json",
    "wrong_type_number_as_string.json",
}


def _json(path: Path) -> object:
    return json.loads(path.read_bytes().decode("utf-8"))


def _loads(data: object) -> tradetalks.Dataset | DataFormatError:
    try:
        return tradetalks.loads(json.dumps(data), base=BAD)
    except DataFormatError as error:
        return error


def test_the_shipped_schema_is_the_generated_one() -> None:
    shipped = (DATA / "dataset.schema.json").read_text(encoding="utf-8")
    assert shipped == json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_shipped_dataset_validates() -> None:
    VALIDATOR.validate(_json(DATA / "stockholm_2025.json"))


def test_the_small_dataset_validates() -> None:
    VALIDATOR.validate(_json(SMALL))


def test_the_corpus_files_that_are_not_json() -> None:
    unreadable = set()
    for name in CORPUS:
        try:
            _json(BAD / name)
        except (ValueError, RecursionError):
            unreadable.add(name)
    assert unreadable == NOT_JSON


def test_the_schema_rejects_the_corpus_files_it_can_tell_are_bad() -> None:
    rejected = {
        name for name in set(CORPUS) - NOT_JSON if not VALIDATOR.is_valid(_json(BAD / name))
    }
    assert rejected == SCHEMA_REJECTS


@pytest.mark.parametrize("name", sorted(SCHEMA_REJECTS | NOT_JSON))
def test_what_the_schema_rejects_the_loader_rejects(name: str) -> None:
    with pytest.raises(DataFormatError):
        tradetalks.load(BAD / name)


def _small() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SMALL.read_text(encoding="utf-8"))
    return data


def _with_text_ending_in_white_space() -> dict[str, Any]:
    data = _small()
    data["sources"][0]["text"] += " \n"  # the evidence before it is unchanged
    return data


def _with_exact_starting_with_a_space() -> dict[str, Any]:
    data = _small()
    data["people"][0]["evidence"][0].update(start=54, exact=" He Lifeng")
    return data


def _with_date_words_starting_with_a_space() -> dict[str, Any]:
    data = _small()  # the evidence has "said on Tuesday,": the space before "on" is in it
    data["statements"][0]["said_on"]["words"] = " on Tuesday"
    return data


def _without_optional_fields() -> dict[str, Any]:
    data = _small()
    del data["rounds"][0]["country"]
    data["rounds"][0]["number"] = None
    del data["organizations"][1]["country"]
    return data


@pytest.mark.parametrize(
    "make",
    [
        _with_text_ending_in_white_space,
        _with_exact_starting_with_a_space,
        _with_date_words_starting_with_a_space,
        _without_optional_fields,
    ],
)
def test_what_the_loader_accepts_the_schema_accepts(make: Any) -> None:
    data = make()
    assert isinstance(_loads(data), tradetalks.Dataset)
    VALIDATOR.validate(data)


@pytest.mark.parametrize(
    ("valid", "accepted"),
    [
        ("2025-03/..", True),  # open: "until further notice"
        ("../2025-05", True),
        ("2025-03/", True),  # unknown: an end the source does not give
        ("/2025-05-14?", True),
        ("../..", False),  # no date at either end
        ("/", False),
        ("../", False),
        ("/..", False),
        ("2025/../2026", False),
    ],
)
def test_open_and_unknown_ends_are_accepted_by_the_schema_as_by_the_loader(
    valid: str, *, accepted: bool
) -> None:
    data = _small()
    data["positions"][0]["valid"] = valid
    assert VALIDATOR.is_valid(data) is accepted
    assert isinstance(_loads(data), tradetalks.Dataset) is accepted


def _places(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, inner in items:
        found.append((*here, key))
        if isinstance(inner, (dict, list)):
            found.extend(_places(inner, (*here, key)))
    return found


SMALL_DATA = _small()
PLACES = _places(SMALL_DATA)


@st.composite
def near_misses(draw: st.DrawFn) -> dict[str, Any]:
    """The small dataset with one value changed a little: padded, cut, retyped or removed."""
    data = copy.deepcopy(SMALL_DATA)
    place = draw(st.sampled_from(PLACES))
    parent: Any = data
    for key in place[:-1]:
        parent = parent[key]
    old = parent[place[-1]]
    if isinstance(old, str):
        changes = [f" {old}", f"{old} ", f"{old}\n", old.upper(), old.lower(), old[:-1], ""]
        new: object = draw(st.sampled_from([*changes, f"{old}?", f"{old}/{old}"]) | st.text())
    elif isinstance(old, int):
        new = draw(st.sampled_from([old + 1, old - 1, -old, float(old), str(old), None, True]))
    else:
        new = draw(st.sampled_from([None, [], {}, "", 0]))
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[place[-1]]
    else:
        parent[place[-1]] = new
    return data


@given(near_misses())
def test_the_schema_is_never_stricter_than_the_loader(data: dict[str, Any]) -> None:
    """For a dataset a small change away from a valid one: if the schema rejects it, so
    does the loader (and so whatever the loader accepts, the schema accepts)."""
    if not VALIDATOR.is_valid(data):
        assert isinstance(_loads(data), DataFormatError)


if importlib.util.find_spec("tradetalks.strategies") is not None:
    from tradetalks.strategies import datasets

    @given(datasets())
    def test_generated_datasets_validate(record: tradetalks.Dataset) -> None:
        """Every dataset tradetalks.strategies builds, written as JSON, fits the schema."""
        VALIDATOR.validate(json.loads(tradetalks.dumps(record)))
