"""The JSON Schema: shipped as generated, valid draft 2020-12, and never stricter than load.

The loader may reject more than the schema (a schema cannot check that references resolve
or that evidence matches its source), never less: whatever the schema rejects, the loader
rejects too, and whatever the loader accepts, the schema accepts. Every validator here
asserts ``format`` (jsonschema's draft 2020-12 format checker), as a user who asks for it
gets; the one format the loader does not check, a source's ``url``, is tested on its own.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
from hypothesis import given
from hypothesis import strategies as st

import tradetalks
from tradetalks import DataFormatError
from tradetalks.fixtures import DATA
from tradetalks.schema import SCHEMA_ID, json_schema
from tradetalks.strategies import datasets

TESTS = Path(__file__).parent
BAD = TESTS / "bad"
SMALL = TESTS / "good" / "small.json"
GOOD = [*sorted((TESTS / "good").glob("*.json")), DATA / "stockholm_2025.json"]
CORPUS = sorted(path.name for path in BAD.glob("*.json") if path.name != "expected.json")
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
VALIDATOR = jsonschema.Draft202012Validator(json_schema(), format_checker=FORMATS)

# Each bad file of tests/bad is in exactly one of the three lists below, with the reason
# worked out from its fault (tests/bad/expected.json says what each one is).

# Not JSON at all, so no schema sees a value to judge.
NOT_JSON = {
    "deeply_nested_value.json": "deeper than the JSON parser goes",
    "empty_file.json": "no JSON value",
    "invalid_utf8.json": "not UTF-8 text",
    "too_many_digits.json": "more digits than Python reads into an int",
    "truncated_json.json": "the text stops inside an object",
    "utf8_bom.json": "JSON text starts without a byte order mark",
}
# A fault of one value's JSON type or form, a key, or a list's length or repeats: the
# schema states it, so it rejects the file.
SCHEMA_REJECTS = {
    "agreement_with_one_party.json": "an agreement's parties: at least 2 items",
    "bad_country_code.json": "'Sweden' is not two capital letters",
    "bad_language_tag.json": "'English' does not fit the language tag's pattern",
    "bad_party_code.json": "'usa' is not a party code of capitals and digits",
    "collection_not_a_list.json": "meetings is an object, not an array",
    "empty_evidence.json": "evidence: at least 1 item",
    "empty_name.json": "a name is a non-empty text",
    "evidence_empty_span.json": "exact is empty: at least 1 character",
    "evidence_offset_negative.json": "start -1: offsets are at least 0",
    "huge_number.json": "Infinity is not an integer",
    "id_of_twenty_thousand_characters.json": "an id has at most 128 characters",
    "impossible_date.json": "2025-07-32: a day is 01 to 31",
    "invalid_edtf_date.json": "'June 2025' is not an EDTF date",
    "invalid_id.json": "an id has no spaces",
    "missing_evidence.json": "evidence is a required key",
    "missing_format_marker.json": "format is a required key",
    "missing_required_field.json": "name is a required key",
    "nan_number.json": "NaN is not an integer",
    "nested_value_in_a_text_field.json": "a name is a string, not an array",
    "non_ascii_digits.json": "dates are written in the digits 0-9",
    "non_object_root.json": "the root is an object, not an array",
    "published_on_in_other_digits.json": "a day is written in the digits 0-9",
    "published_on_month_only.json": "published_on is a whole day, YYYY-MM-DD",
    "record_not_an_object.json": "a meeting is an object, not a string",
    "round_number_huge.json": "'a huge number' is a string, not an integer",
    "round_number_zero.json": "a round's number is at least 1",
    "source_with_text_and_text_file.json": "a source has text or text_file: one of them",
    "statement_without_speakers.json": "speakers: at least 1 item",
    "text_file_escapes_the_folder.json": "'../x.txt': no '..' part in a file name",
    "text_file_on_a_windows_drive.json": "'C:/Windows/win.ini': no ':' in a file name",
    "truce_end_reason_unknown.json": "'struck down' is not in the enumeration",
    "truce_term_naive_datetime.json": "an instant without offset and zone fits no form",
    "truce_term_offset_without_zone.json": "an instant without its [zone] fits no form",
    "truce_with_a_party_twice.json": "a truce's parties are unique items",
    "truce_without_terms.json": "terms: at least 1 item",
    "unknown_field.json": "no additional properties",
    "unknown_field_not_a_plain_name.json": "no additional properties",
    "unknown_mode.json": "'verbatim' is not in the enumeration",
    "unknown_organization_kind.json": "'newspaper' is not in the enumeration",
    "unknown_root_field.json": "no additional properties at the root",
    "unnamed_group_with_another_key.json": "a group has the one key group",
    "wrong_format_marker.json": "format is the constant 'tradetalks/1'",
    "wrong_type_boolean_offset.json": "true is not an integer",
    "wrong_type_identifier_not_a_string.json": "an identifier is a string",
    "wrong_type_name_as_list.json": "a name is a string, not an array",
    "wrong_type_number_as_string.json": "a round's number is an integer, not a string",
}
# A fault a schema cannot see in one value, or that this schema, made from each field's own
# form, does not state: the loader alone rejects the file, and the schema accepts it.
LEFT_TO_THE_LOADER = {
    "audience_not_in_evidence.json": "the audience's words against the evidence's text",
    "claim_about_a_missing_record.json": "a reference that names no record",
    "claim_field_not_in_its_record.json": "a field name against the class of the record named",
    "context_date_with_words.json": "a rule between two fields: a context date has no words",
    "dangling_reference.json": "a reference that names no record",
    "delegate_listed_twice.json": "one person in two delegate objects that differ otherwise",
    "direct_statement_not_quoted.json": "the statement's text against its evidence",
    "direct_statement_with_quote_marks.json": "a rule between mode and text",
    "direct_statement_with_trailing_comma.json": "a rule between mode and text",
    "duplicate_id.json": "an id unique across records",
    "duplicate_id_across_kinds.json": "an id unique across lists",
    "evidence_offset_past_end.json": "an offset against the length of the source's text",
    "evidence_quote_mismatch.json": "exact against the source's text at the offsets",
    "evidence_source_of_wrong_kind.json": "the kind of record a reference names",
    "extension_overlaps_the_term_before.json": "one term's start against the end before it",
    "extension_without_announcement.json": "a rule on every term but the first",
    "huge_integer_offset.json": "an integer offset against the length of the source's text",
    "mixed_statement_without_quote.json": "a rule between mode and text",
    "outlet_cites_its_own_source.json": "references that run in a cycle",
    "reference_cycle.json": "references that run in a cycle",
    "reference_to_wrong_kind.json": "the kind of record a reference names",
    "repeated_key.json": "a parsed object keeps one of the two values: the schema sees one",
    "rfc9557_offset_disagrees_with_zone.json": "the offset against the time zone database",
    "round_dates_end_before_start.json": "a span's end against its start",
    "speaker_is_a_party.json": "the kind of record a reference names",
    "statement_text_not_in_evidence.json": "the statement's text against its evidence",
    "term_without_evidence_or_derivation.json": "a rule between two fields: one of them",
    "text_file_missing.json": "a file on disk",
    "truce_agreement_is_a_party.json": "the kind of record a reference names",
    "truce_ends_at_its_deadline.json": "an early end against the last deadline",
    "truce_ends_before_it_starts.json": "an early end against the first start",
    "truce_term_end_before_start.json": "a term's end against its start",
    "truce_term_lasts_zero_days.json": "a term's end against its start",
    "unknown_time_zone.json": "a zone name against the time zone database",
    "wrong_type_fractional_offset.json": "55.0 is the integer 55 in JSON Schema's data model",
}


def _json(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8"))


def _load_bad(name: str) -> tradetalks.Dataset | DataFormatError:
    try:
        return tradetalks.loads((BAD / name).read_bytes(), base=BAD)
    except DataFormatError as error:
        return error


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


def test_the_schema_is_identified_by_a_uuid_urn() -> None:
    """The $id is an absolute URI without a fragment, as draft 2020-12 asks, in a registered
    URN namespace; another schema can refer to this one by it."""
    schema = json_schema()
    # Minted once for format tradetalks/1: it must not change while the format does not.
    assert schema["$id"] == SCHEMA_ID == "urn:uuid:d4be1b74-b8d8-4974-991e-3faf9fd2b863"
    assert uuid.UUID(SCHEMA_ID.removeprefix("urn:uuid:")).urn == SCHEMA_ID
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        SCHEMA_ID, referencing.Resource.from_contents(schema)
    )
    outer = {"$schema": schema["$schema"], "$ref": SCHEMA_ID}
    validator = jsonschema.Draft202012Validator(outer, registry=registry, format_checker=FORMATS)
    assert validator.is_valid(_json(SMALL))
    assert not validator.is_valid({"format": "tradetalks/2"})


@pytest.mark.parametrize("path", GOOD, ids=lambda path: path.name)
def test_the_good_files_and_the_shipped_dataset_validate(path: Path) -> None:
    VALIDATOR.validate(_json(path))


def test_every_bad_file_is_in_exactly_one_list() -> None:
    """A new bad file goes into NOT_JSON, SCHEMA_REJECTS or LEFT_TO_THE_LOADER."""
    listed = [*NOT_JSON, *SCHEMA_REJECTS, *LEFT_TO_THE_LOADER]
    assert sorted(listed) == CORPUS


def test_the_bad_files_that_are_not_json() -> None:
    unreadable = set()
    for name in CORPUS:
        try:
            _json(BAD / name)
        except (ValueError, RecursionError):
            unreadable.add(name)
    assert unreadable == set(NOT_JSON)


@pytest.mark.parametrize("name", sorted(SCHEMA_REJECTS))
def test_the_schema_rejects_the_bad_files_whose_fault_it_states(name: str) -> None:
    assert not VALIDATOR.is_valid(_json(BAD / name)), SCHEMA_REJECTS[name]


@pytest.mark.parametrize("name", sorted(LEFT_TO_THE_LOADER))
def test_the_loader_alone_rejects_the_bad_files_left_to_it(name: str) -> None:
    """When the schema comes to reject one of these, the file moves to SCHEMA_REJECTS."""
    VALIDATOR.validate(_json(BAD / name))
    assert isinstance(_load_bad(name), DataFormatError), LEFT_TO_THE_LOADER[name]


@pytest.mark.parametrize("name", sorted({*NOT_JSON, *SCHEMA_REJECTS}))
def test_what_the_schema_rejects_the_loader_rejects(name: str) -> None:
    """With the test above, every bad file the schema rejects is rejected by loads too."""
    assert isinstance(_load_bad(name), DataFormatError)


def _small() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SMALL.read_text(encoding="utf-8"))
    return data


# Where a value of each form goes in the small dataset. The dateline (published_on) is what
# a statement's said_on is read against, so a dataset with another dateline has no statement.
DAY = ("sources", 0, "published_on")
EDTF_DATE = ("statements", 0, "said_on", "date")
SPAN = ("positions", 0, "valid")
INSTANT = ("truces", 0, "terms", 0, "end")  # the term starts on 2025-05-14


def _with(place: tuple[Any, ...], value: str) -> dict[str, Any]:
    data = _small()
    if place == DAY:
        data["statements"] = []
    parent: Any = data
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = value
    return data


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (DAY, "2025-13-01"),  # there are 12 months
        (DAY, "2025-00-10"),  # months count from 01
        (DAY, "2025-02-32"),  # no month has 32 days
        (DAY, "2025-07-00"),  # days count from 01
        (DAY, "0000-07-30"),  # years run from 0001 to 9999
        (EDTF_DATE, "2025-13"),
        (EDTF_DATE, "2025-00~"),
        (EDTF_DATE, "2025-07-32?"),
        (EDTF_DATE, "2025-02-00%"),
        (SPAN, "2025-13-01"),
        (SPAN, "2025-07-28/2025-07-32"),
        (SPAN, "2025-13/.."),  # an open end does not make the other date right
        (SPAN, "../2025-00"),
        (SPAN, "/2025-07-32?"),  # an unknown start, likewise
        (SPAN, "2025-12-32~/"),
        (INSTANT, "2025-07-28T25:00:00+08:00[Asia/Shanghai]"),  # hours are 00 to 23
        (INSTANT, "2025-07-28T24:00:00+08:00[Asia/Shanghai]"),  # 24:00 is 00:00 next day
        (INSTANT, "2025-07-28T23:60:00+08:00[Asia/Shanghai]"),  # minutes are 00 to 59
        (INSTANT, "2025-07-28T23:59:61+08:00[Asia/Shanghai]"),  # RFC 3339 stops at 60
        # A leap second: RFC 3339 allows 60, but a datetime has no such second.
        (INSTANT, "2025-07-28T23:59:60+08:00[Asia/Shanghai]"),
        (INSTANT, "2025-13-28T12:00:00+08:00[Asia/Shanghai]"),
        (INSTANT, "2025-07-32T12:00:00+08:00[Asia/Shanghai]"),
        (INSTANT, "2025-07-28T12:00:00+24:00[Asia/Shanghai]"),  # offset hours 00 to 23
        (INSTANT, "2025-07-28T12:00:00+08:60[Asia/Shanghai]"),  # offset minutes 00 to 59
    ],
)
def test_impossible_fields_are_refused_by_the_schema_and_the_loader(
    place: tuple[Any, ...], value: str
) -> None:
    data = _with(place, value)
    assert not VALIDATOR.is_valid(data)
    assert isinstance(_loads(data), DataFormatError)


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (DAY, "2025-12-31"),  # the last day of the year
        (DAY, "2024-02-29"),  # 2024 is a leap year (divisible by 4, not by 100)
        (DAY, "0001-01-01"),
        (SPAN, "2025-12-31"),
        (SPAN, "2025-01-01?/2025-12-31~"),
        (SPAN, "0001/9999-12-31"),
        (INSTANT, "2025-07-28T23:59:59+08:00[Asia/Shanghai]"),  # China keeps +08:00 all year
        (INSTANT, "2025-07-28T00:00+08:00[Asia/Shanghai]"),  # seconds may be left out
        # RFC 3339 lets "T" and "Z" be lower case; 15:59:59 UTC is 23:59:59 in Shanghai.
        (INSTANT, "2025-07-28t15:59:59z[Asia/Shanghai]"),
        (INSTANT, "2025-07-28T23:59:59-00:00[Asia/Shanghai]"),  # UTC known, offset not
        (INSTANT, "2025-07-28T23:59:59.5+08:00[!Asia/Shanghai]"),  # a critical zone
        (INSTANT, "2025-07-28T23:59:59.1234560+08:00[Asia/Shanghai]"),  # 7th digit is 0
        (INSTANT, "2025-07-28T23:59:59+08:00[Asia/Shanghai][u-ca=gregory]"),  # a tag
    ],
)
def test_possible_fields_are_accepted_by_the_schema_and_the_loader(
    place: tuple[Any, ...], value: str
) -> None:
    data = _with(place, value)
    assert isinstance(_loads(data), tradetalks.Dataset)
    VALIDATOR.validate(data)


@pytest.mark.parametrize(
    "day",
    [
        "2025-02-29",  # 2025 is not a leap year: February has 28 days
        "2025-02-30",
        "2025-04-31",  # April has 30 days
        "2100-02-29",  # 2100 is divisible by 100 and not by 400: not a leap year
    ],
)
def test_a_day_not_in_its_month_is_refused_by_the_format_not_the_pattern(day: str) -> None:
    """The day's pattern takes days 01 to 31 in any month; "format": "date", asserted,
    refuses a day its month does not have, as the loader does."""
    data = _with(DAY, day)
    assert jsonschema.Draft202012Validator(json_schema()).is_valid(data)  # format unasserted
    assert not VALIDATOR.is_valid(data)
    assert isinstance(_loads(data), DataFormatError)


@pytest.mark.parametrize("place", [EDTF_DATE, SPAN, INSTANT])
def test_a_day_not_in_its_month_elsewhere_is_left_to_the_loader(place: tuple[Any, ...]) -> None:
    """EDTF dates and instants have no format a validator knows: 30 February passes the
    schema, and the loader refuses it."""
    value = "2025-02-30T12:00:00+08:00[Asia/Shanghai]" if place == INSTANT else "2025-02-30"
    data = _with(place, value)
    VALIDATOR.validate(data)
    assert isinstance(_loads(data), DataFormatError)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.globaltimes.cn/page/202507/1341508.shtml",
        "https://例え.jp/記事",  # an IRI: a URI would need it percent-encoded
    ],
)
def test_a_url_in_any_script_is_accepted_by_the_schema_and_the_loader(url: str) -> None:
    data = _small()
    data["sources"][0]["url"] = url
    assert isinstance(_loads(data), tradetalks.Dataset)
    VALIDATOR.validate(data)


def test_the_loader_takes_any_text_as_a_url() -> None:
    """A url's format, iri, names what it is meant to be; the loader checks only that it is
    a text without white space at its ends, so a validator that knows and asserts iri (with
    the rfc3987 packages installed) refuses what the loader takes. The docs say so."""
    data = _small()
    data["sources"][0]["url"] = "the printed edition, page 3"
    assert isinstance(_loads(data), tradetalks.Dataset)
    assert json_schema()["$defs"]["url"]["format"] == "iri"


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
    data = _with(SPAN, valid)
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


@given(datasets())
def test_generated_datasets_validate(record: tradetalks.Dataset) -> None:
    """Every dataset tradetalks.strategies builds, written as JSON, fits the schema, its
    formats asserted."""
    VALIDATOR.validate(json.loads(tradetalks.dumps(record)))
