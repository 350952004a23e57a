"""The JSON format: the shipped file round-trips byte for byte; bad files fail with their paths.

Broken files are made from the shipped one: its JSON is parsed, one value is changed, and
the result is written next to a copy of the article's text file. Offsets in the expected
messages are worked out from the article itself.
"""

from __future__ import annotations

import copy
import datetime as dt
import gc
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest

import tradetalks
from tradetalks import DataFormatError, Problem, TradetalksError
from tradetalks.serialization.loading import _made_as_init
from tradetalks.serialization.wire import read_day

DATA = Path(tradetalks.__file__).parent / "data"
TEXT_NAME = "global-times-2025-07-30-stockholm.txt"
ARTICLE_FILE = DATA / TEXT_NAME
DATASET_FILE = DATA / "stockholm_2025.json"
SEED_SHA256 = "0acb82be1251199ccaf532d94f4daffdd2b35ae69b8c0b14a656db80982176ac"
ARTICLE = ARTICLE_FILE.read_bytes().decode("utf-8")

# The fifth statement (index 4) is the Chinese experts' second verb, "and said it helps inject
# more certainty ...", whose evidence is the whole sentence.
EXPERTS_SENTENCE = (
    "Chinese experts highlighted the constructive atmosphere of China-US trade talks and said "
    "it helps inject more certainty to a volatile global geopolitical environment and "
    "disrupted global trade."
)


def shipped() -> dict[str, Any]:
    """A fresh copy of the shipped file's JSON, to break."""
    raw: dict[str, Any] = json.loads(DATASET_FILE.read_text(encoding="utf-8"))
    return copy.deepcopy(raw)


def write(folder: Path, raw: object) -> Path:
    """``raw`` as a dataset file in ``folder``, beside a copy of the article's text file."""
    shutil.copyfile(ARTICLE_FILE, folder / TEXT_NAME)
    path = folder / "broken.json"
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.load(path)
    return caught.value.problems


# --- round trips ------------------------------------------------------------------------------


def test_dump_load_dump_is_byte_identical() -> None:
    record = tradetalks.load(DATASET_FILE)
    first = tradetalks.dumps(record)
    again = tradetalks.loads(first, base=tradetalks.fixtures.DATA)
    assert again == record
    assert tradetalks.dumps(again) == first
    # The shipped file is itself such a dump.
    assert DATASET_FILE.read_bytes() == first.encode("utf-8")


@pytest.mark.parametrize(
    ("valid", "dates"),
    [("2025-03/..", "2025-07-28/"), ("../2025-05", "/2025-07-29"), ("/2025-05-14", "2025-07/")],
)
def test_open_and_unknown_ends_round_trip(valid: str, dates: str) -> None:
    # A position held "until further notice" (or from a day not given), and a round whose
    # end or start the source does not give.
    raw = shipped()
    raw["positions"][0]["valid"] = valid
    raw["rounds"][2]["dates"] = dates
    record = tradetalks.loads(json.dumps(raw), base=DATA)
    assert record.positions[0].valid == tradetalks.DateSpan.from_edtf(valid)
    assert str(record.rounds[2].dates) == dates
    text = tradetalks.dumps(record)
    assert json.loads(text)["positions"][0]["valid"] == valid
    assert json.loads(text)["rounds"][2]["dates"] == dates
    again = tradetalks.loads(text, base=DATA)
    assert again == record
    assert tradetalks.dumps(again) == text


def test_the_shipped_file_loads_through_the_public_load() -> None:
    record = tradetalks.load(DATASET_FILE)
    assert record == tradetalks.fixtures.stockholm_2025()
    assert record.sources[0].text == ARTICLE


def test_dump_writes_the_text_file_beside_the_json(tmp_path: Path) -> None:
    record = tradetalks.load(DATASET_FILE)
    target = tmp_path / "copy" / "record.json"
    target.parent.mkdir()
    tradetalks.dump(record, target)
    assert sorted(p.name for p in target.parent.iterdir()) == [TEXT_NAME, "record.json"]
    text_file = target.parent / TEXT_NAME
    assert hashlib.sha256(text_file.read_bytes()).hexdigest() == SEED_SHA256
    assert target.read_bytes() == DATASET_FILE.read_bytes()
    reloaded = tradetalks.load(target)
    assert reloaded == record
    # Dumping again over the same folder leaves the identical text file alone.
    tradetalks.dump(reloaded, target)
    assert target.read_bytes() == DATASET_FILE.read_bytes()


def test_dump_never_overwrites_a_different_text_file(tmp_path: Path) -> None:
    (tmp_path / TEXT_NAME).write_text("another article", encoding="utf-8")
    with pytest.raises(tradetalks.InvalidValueError, match="not overwritten"):
        tradetalks.dump(tradetalks.fixtures.stockholm_2025(), tmp_path / "record.json")
    assert (tmp_path / TEXT_NAME).read_text(encoding="utf-8") == "another article"
    assert not (tmp_path / "record.json").exists()


def test_an_inline_text_round_trips_without_a_folder() -> None:
    raw = shipped()
    source = raw["sources"][0]
    del source["text_file"]
    source["text"] = ARTICLE
    text = json.dumps(raw)
    record = tradetalks.loads(text)
    assert record == tradetalks.fixtures.stockholm_2025()
    assert record.sources[0].text_file is None
    dumped = tradetalks.dumps(record)
    assert json.loads(dumped)["sources"][0]["text"] == ARTICLE
    assert tradetalks.dumps(tradetalks.loads(dumped)) == dumped


# --- one wrong evidence offset ----------------------------------------------------------------


def test_one_wrong_evidence_offset_names_the_statement_and_the_offsets(tmp_path: Path) -> None:
    raw = shipped()
    evidence = raw["statements"][4]["evidence"][0]
    start = ARTICLE.index(EXPERTS_SENTENCE)
    end = start + len(EXPERTS_SENTENCE)
    assert (evidence["start"], evidence["end"], evidence["exact"]) == (
        start,
        end,
        EXPERTS_SENTENCE,
    )
    evidence["start"] = start + 1
    with pytest.raises(TradetalksError) as caught:
        tradetalks.load(write(tmp_path, raw))
    error = caught.value
    assert isinstance(error, DataFormatError)
    assert isinstance(error, ValueError)
    (problem,) = error.problems
    assert problem.path == "$.statements[4].evidence[0]"
    assert f"{start + 1}:{end}" in problem.message
    assert str(error).startswith(f"$.statements[4].evidence[0]: text at {start + 1}:{end} ")
    # The message shows what stands at the wrong offsets: the sentence less its first letter.
    assert repr(EXPERTS_SENTENCE[1:20]).strip("'") in problem.message


def test_offsets_outside_the_text_are_named(tmp_path: Path) -> None:
    raw = shipped()
    raw["statements"][4]["evidence"][0]["end"] = 99999
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == "$.statements[4].evidence[0]"
    assert ":99999" in problem.message
    assert "6137 characters" in problem.message  # the article's length


def test_a_wrong_offset_in_a_delegate_names_its_nested_path(tmp_path: Path) -> None:
    raw = shipped()
    # Bessent is the second delegate of the third round, Stockholm.
    evidence = raw["rounds"][2]["delegates"][1]["evidence"][0]
    assert evidence["exact"] == "US lead person Treasury Secretary Scott Bessent"
    start = ARTICLE.index("US lead person")
    evidence["end"] = start + len("US lead person")
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == "$.rounds[2].delegates[1].evidence[0]"
    assert f"{start}:{start + 14}" in problem.message


def test_a_wrong_exact_in_a_truce_term_names_its_nested_path(tmp_path: Path) -> None:
    raw = shipped()
    raw["truces"][0]["terms"][0]["evidence"][0]["exact"] = "a 60-day tariff truce"
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == "$.truces[0].terms[0].evidence[0]"


def test_every_bad_offset_is_reported_not_only_the_first(tmp_path: Path) -> None:
    raw = shipped()
    raw["statements"][4]["evidence"][0]["start"] += 1
    raw["statements"][9]["evidence"][0]["start"] += 1
    paths = [p.path for p in problems_of(write(tmp_path, raw))]
    assert paths == ["$.statements[4].evidence[0]", "$.statements[9].evidence[0]"]


# --- dangling references ----------------------------------------------------------------------


def test_a_dangling_speaker_id_names_the_reference_and_its_path(tmp_path: Path) -> None:
    raw = shipped()
    assert raw["statements"][5]["speakers"] == ["zhou-mi"]
    raw["statements"][5]["speakers"] = ["xi-jinping"]
    with pytest.raises(DataFormatError) as caught:
        tradetalks.load(write(tmp_path, raw))
    (problem,) = caught.value.problems
    assert problem.path == "$.statements[5].speakers[0]"
    assert "'xi-jinping'" in problem.message
    assert "$.statements[5].speakers[0]" in str(caught.value)
    assert "xi-jinping" in str(caught.value)


def test_a_dangling_second_speaker_is_named_by_its_index(tmp_path: Path) -> None:
    raw = shipped()
    raw["statements"][9]["speakers"][1] = "jamieson-gree"
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == "$.statements[9].speakers[1]"
    assert "'jamieson-gree'" in problem.message


@pytest.mark.parametrize(
    ("collection", "index", "field", "path"),
    [
        ("statements", 0, "occasion", "$.statements[0].occasion"),
        ("positions", 0, "person", "$.positions[0].person"),
        ("sources", 0, "outlet", "$.sources[0].outlet"),
        ("organizations", 11, "parent", "$.organizations[11].parent"),
    ],
)
def test_other_dangling_references_are_named(
    tmp_path: Path, collection: str, index: int, field: str, path: str
) -> None:
    raw = shipped()
    raw[collection][index][field] = "nowhere"
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == path
    assert "'nowhere'" in problem.message


def test_a_dangling_reporter_id_is_named(tmp_path: Path) -> None:
    raw = shipped()
    raw["statements"][0]["reported_by"] = ["xinhau"]
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == "$.statements[0].reported_by[0]"
    assert "'xinhau'" in problem.message


def test_a_reference_to_a_record_of_the_wrong_kind(tmp_path: Path) -> None:
    raw = shipped()
    raw["statements"][5]["speakers"] = ["stockholm-2025"]  # a round cannot speak
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem.path == "$.statements[5].speakers[0]"
    assert "'stockholm-2025' is a Round" in problem.message


@pytest.mark.parametrize(
    ("where", "ident", "path", "message"),
    [
        # A truce refers to the parties, whose evidence cites the source: built as an
        # outlet, it would lead back to the source, but it is refused before it is built.
        (["sources", 0, "outlet"], "tariff-truce", "$.sources[0].outlet",
         "'tariff-truce' is a Truce, not an Organization"),
        (["statements", 0, "speakers", 0], "he-lifeng-candid", "$.statements[0].speakers[0]",
         ("'he-lifeng-candid' is a Statement, not a Person or an Organization or an unnamed "
         "group")),
    ],
)  # fmt: skip
def test_a_reference_to_the_wrong_kind_is_one_problem_where_it_stands(
    where: list[str | int], ident: str, path: str, message: str
) -> None:
    raw = json.loads((Path(__file__).parent / "good" / "small.json").read_text(encoding="utf-8"))
    parent = raw
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = ident
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps(raw))
    assert caught.value.problems == [Problem(path, message)]


@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
def test_loads_in_many_threads_leave_the_garbage_collector_as_the_program_set_it(
    enabled: bool,  # noqa: FBT001
) -> None:
    import sys  # noqa: PLC0415
    import threading  # noqa: PLC0415

    small = (Path(__file__).parent / "good" / "small.json").read_bytes()

    def load_many() -> None:
        for _ in range(100):
            tradetalks.loads(small)

    interval = sys.getswitchinterval()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=load_many) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert gc.isenabled() is enabled
    finally:
        sys.setswitchinterval(interval)
        (gc.enable if was else gc.disable)()


# --- other malformed input: always a DataFormatError, never anything else ----------------------


@pytest.mark.parametrize(
    "text", ["", "not json", "{", '{"format": "tradetalks/1",}', "[1, 2"], ids=repr
)
def test_text_that_is_not_json(text: str) -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(text)
    (problem,) = caught.value.problems
    assert problem.path == "$"
    assert problem.message.startswith("not valid JSON")


def test_bytes_that_are_not_utf8() -> None:
    with pytest.raises(DataFormatError, match="not UTF-8"):
        tradetalks.loads(b'{"format": "tradetalks/1", "x": "\xff"}')


@pytest.mark.parametrize(
    ("text", "kind"),
    [("[]", "a list"), ("3", "a number"), ('"dataset"', "a string"), ("null", "null")],
)
def test_a_root_that_is_not_an_object(text: str, kind: str) -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(text)
    assert caught.value.problems == [Problem("$", f"expected a JSON object, not {kind}")]


def break_one(raw: dict[str, Any], where: list[str | int], value: object) -> None:
    """Set (or, for ``...``, delete) the value at ``where`` in ``raw``."""
    parent: Any = raw
    for step in where[:-1]:
        parent = parent[step]
    if value is ...:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value


@pytest.mark.parametrize(
    ("where", "value", "path", "words"),
    [
        # wrong types
        (["rounds", 0, "number"], "one", "$.rounds[0].number", "expected a whole number"),
        (["rounds", 0, "number"], True, "$.rounds[0].number", "expected a whole number"),
        (["people", 0, "name"], 7, "$.people[0].name", "expected a string, not a number"),
        (["statements"], {}, "$.statements", "expected a list, not an object"),
        (["statements", 3, "speakers"], "he-lifeng", "$.statements[3].speakers", "a list"),
        (["rounds", 2, "delegates", 0], [], "$.rounds[2].delegates[0]", "expected an object"),
        (["statements", 4, "evidence", 0, "start"], "1610", "$.statements[4].evidence[0].start",
         "expected a whole number"),
        (["sources", 0, "published_on"], "30 July 2025", "$.sources[0].published_on",
         "YYYY-MM-DD"),
        # missing fields
        (["people", 1, "name"], ..., "$.people[1].name", "missing"),
        (["statements", 0, "evidence"], ..., "$.statements[0].evidence", "missing"),
        (["rounds", 2, "delegates", 2, "role"], ..., "$.rounds[2].delegates[2].role", "missing"),
        (["format"], ..., "$.format", "'tradetalks/1'"),
        # unknown enumeration values
        (["statements", 5, "mode"], "verbatim", "$.statements[5].mode", "'verbatim' is not one of"),
        (["rounds", 2, "delegates", 0, "role"], "chief", "$.rounds[2].delegates[0].role",
         "'chief' is not one of"),
        (["organizations", 0, "kind"], "newspaper", "$.organizations[0].kind",
         "'newspaper' is not one of"),
        (["statements", 0, "said_on", "rule"], "guess", "$.statements[0].said_on.rule",
         "'guess' is not one of"),
        # invalid EDTF
        (["rounds", 0, "dates"], "May 2025", "$.rounds[0].dates", "not an EDTF date"),
        (["rounds", 0, "dates"], "2025-13", "$.rounds[0].dates", "month must be 1 to 12"),
        (["rounds", 2, "dates"], "2025-07-29/2025-07-28", "$.rounds[2].dates",
         "ends before it starts"),
        (["meetings", 0, "dates"], "2025-07-30/..", "$.meetings[0].dates",
         "which a meeting cannot be"),
        (["positions", 0, "valid"], "../..", "$.positions[0].valid", "no date at either end"),
        (["statements", 0, "said_on", "date"], "Tuesday", "$.statements[0].said_on.date",
         "not an EDTF date"),
        (["truces", 0, "terms", 0, "end"], "2025-08-32", "$.truces[0].terms[0].end",
         "day must be 1 to 31"),
        # a resolved date's value is written under the key "date", and named so
        (["statements", 0, "said_on", "date"], ..., "$.statements[0].said_on.date", "missing"),
        (["statements", 1, "said_on", "date"], "2025-07-29", "$.statements[1].said_on.date",
         "mark it uncertain"),
        # unknown fields and duplicate ids
        (["people", 0, "nickname"], "Lifeng", "$.people[0]", "nickname"),
        (["extra"], [], "$.extra", "unknown field"),
        (["people", 1, "id"], "he-lifeng", "$.people[1].id", "already used by $.people[0]"),
        # a format this version does not read
        (["format"], "tradetalks/2", "$.format", "'tradetalks/2'"),
    ],
)  # fmt: skip
def test_malformed_values_raise_data_format_error_with_their_path(
    tmp_path: Path, where: list[str | int], value: object, path: str, words: str
) -> None:
    raw = shipped()
    break_one(raw, where, value)
    problems = problems_of(write(tmp_path, raw))
    assert any(p.path == path and words in p.message for p in problems), problems


def test_a_missing_text_file_is_a_data_format_error(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    shutil.copyfile(DATASET_FILE, path)  # no text file beside it
    (problem,) = problems_of(path)
    assert problem.path == "$.sources[0].text_file"
    assert TEXT_NAME in problem.message


def test_a_text_file_needs_a_folder_to_be_read_from() -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(DATASET_FILE.read_text(encoding="utf-8"))
    (problem,) = caught.value.problems
    assert problem.path == "$.sources[0].text_file"
    assert "no folder was given" in problem.message


def test_another_article_beside_the_json_fails_every_offset_check(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    shutil.copyfile(DATASET_FILE, path)
    (tmp_path / TEXT_NAME).write_text(ARTICLE.replace("Chinese", "Chinese "), encoding="utf-8")
    problems = problems_of(path)
    # The first word of the article still stands; every later piece of evidence is moved.
    assert len(problems) > 50
    assert all(p.message.startswith("text at ") for p in problems)


def test_a_broken_record_is_reported_once_not_again_at_each_reference(tmp_path: Path) -> None:
    raw = shipped()
    del raw["people"][1]["name"]  # Scott Bessent, referred to by positions, rounds, statements
    problems = problems_of(write(tmp_path, raw))
    assert [p.path for p in problems] == ["$.people[1].name"]


def test_a_long_chain_of_parents_listed_child_first_loads_back() -> None:
    """Organizations may be listed in any order: 500 parents deep, the last one first."""
    record = tradetalks.fixtures.stockholm_2025()
    quote = record.people[0].evidence
    parent = None
    chain = []
    for number in range(500):
        parent = tradetalks.Organization(
            id=f"body-{number}",
            name=f"Body {number}",
            kind=tradetalks.OrganizationKind.OTHER,
            parent=parent,
            evidence=quote,
        )
        chain.append(parent)
    dataset = tradetalks.Dataset(
        sources=record.sources,
        organizations=[*record.organizations, *reversed(chain)],
        people=record.people,
    )
    again = tradetalks.loads(tradetalks.dumps(dataset), base=tradetalks.fixtures.DATA)
    assert [o.id for o in again.organizations[-2:]] == ["body-1", "body-0"]
    deepest = again.get("body-499", tradetalks.Organization)
    assert len(deepest.ancestry()) == 500


def _outlets_citing_sources(length: int) -> dict[str, Any]:
    """Sources s0, s1, ..., each published by its outlet o0, o1, ...; each outlet's evidence
    is in the next source (the last outlet has none): references ``length`` records deep."""
    text = "Wire news."
    sources = [
        {"id": f"s{i}", "outlet": f"o{i}", "published_on": "2025-07-30", "language": "en"}
        | {"text": text}
        for i in range(length)
    ]
    cites = [
        [{"source": f"s{i + 1}", "start": 0, "end": 4, "exact": "Wire"}] for i in range(length)
    ]
    outlets = [
        {"id": f"o{i}", "name": "Wire", "kind": "outlet"}
        | ({"evidence": cites[i]} if i + 1 < length else {})
        for i in range(length)
    ]
    return {"format": "tradetalks/1", "sources": sources, "organizations": outlets}


def test_references_thousands_of_records_deep_load_without_recursion() -> None:
    raw = _outlets_citing_sources(5000)
    record = tradetalks.loads(json.dumps(raw))
    assert (len(record.sources), len(record.organizations)) == (5000, 5000)
    first = record.get("o0", tradetalks.Organization)
    assert first.evidence[0].source.outlet.id == "o1"
    # A problem elsewhere in the file is the only one reported, however deep the references.
    raw["notes"] = "x"
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps(raw))
    assert caught.value.problems == [Problem("$.notes", "unknown field")]


def test_a_long_cycle_of_parents_is_one_problem_that_names_its_length() -> None:
    organizations = [
        {"id": f"o{i}", "name": "Body", "kind": "other", "parent": f"o{(i + 1) % 3000}"}
        for i in range(3000)
    ]
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps({"format": "tradetalks/1", "organizations": organizations}))
    # The walk starts at o0 and follows parents to o2999, whose parent o0 closes the cycle.
    assert caught.value.problems == [
        Problem(
            "$.organizations[2999].parent",
            "records refer to each other in a cycle: o0 → o1 → o2 → o3 → … → o2998 → o2999 → o0 "
            "(3000 records)",
        )
    ]


def test_a_bad_record_at_the_top_of_a_long_chain_is_reported_once() -> None:
    # o2999's parent is o2998, ..., o1's parent is o0, whose name is empty; listed o2999 first.
    organizations = [
        {"id": f"o{i}", "name": "Body" if i else "", "kind": "other"}
        | ({"parent": f"o{i - 1}"} if i else {})
        for i in reversed(range(3000))
    ]
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps({"format": "tradetalks/1", "organizations": organizations}))
    assert caught.value.problems == [Problem("$.organizations[2999].name", "must not be empty")]


def _small_with_two_statements(second_said_on: object) -> dict[str, Any]:
    """tests/good/small.json with its statement repeated under a new id and said_on."""
    raw: dict[str, Any] = json.loads(
        (Path(__file__).parent / "good" / "small.json").read_text(encoding="utf-8")
    )
    raw["statements"].append(
        {**raw["statements"][0], "id": "he-lifeng-candid-again", "said_on": second_said_on}
    )
    return raw


def test_equal_dates_of_two_statements_load_as_equal_records() -> None:
    said_on = {"date": "2025-07-29", "words": "on Tuesday", "rule": "weekday"}
    record = tradetalks.loads(json.dumps(_small_with_two_statements(said_on)))
    first, second = record.statements
    assert first.said_on == second.said_on
    assert second.said_on is not None
    assert str(second.said_on.value) == "2025-07-29"
    assert record.statements_between(dt.date(2025, 7, 29), dt.date(2025, 7, 29)) == (first, second)


def test_statements_by_one_speaker_share_one_tuple_of_the_speaker() -> None:
    raw = _small_with_two_statements(None)
    record = tradetalks.loads(json.dumps(raw))
    first, second = record.statements
    assert first.speakers is second.speakers  # one tuple, kept once for the load
    (speaker,) = second.speakers
    assert isinstance(speaker, tradetalks.Person)
    assert speaker.id == raw["statements"][0]["speakers"][0]
    # An unnamed group is one record per statement (its key counted each time), and a
    # speaker named nowhere else still refuses the file.
    raw["statements"][1]["speakers"] = [{"group": "Chinese experts"}]
    grouped = tradetalks.loads(json.dumps(raw))
    assert grouped.statements[1].speakers == (tradetalks.UnnamedGroup("Chinese experts"),)
    raw["statements"][1]["speakers"] = ["nobody-at-all"]
    with pytest.raises(DataFormatError, match=r"nobody-at-all"):
        tradetalks.loads(json.dumps(raw))


@pytest.mark.parametrize(
    ("said_on", "path", "fragment"),
    [
        # The first statement's said_on, with one key more, one key less, a value of
        # another type: each is refused, though an equal-looking one was read before.
        (
            {"date": "2025-07-29", "words": "on Tuesday", "rule": "weekday", "x": "y"},
            "$.statements[1].said_on",
            "unknown field(s): x",
        ),
        (
            {"date": "2025-07-29", "rule": "weekday"},
            "$.statements[1].said_on.words",
            "this required field is missing",
        ),
        (
            {"date": "2025-07-29", "words": "on Tuesday", "rule": "weekday", "tense": 1},
            "$.statements[1].said_on.tense",
            "expected a string",
        ),
        (
            {"date": ["2025-07-29"], "words": "on Tuesday", "rule": "weekday"},
            "$.statements[1].said_on.date",
            "expected a string",
        ),
    ],
)
def test_a_date_like_one_read_before_but_different_is_refused(
    said_on: dict[str, object], path: str, fragment: str
) -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps(_small_with_two_statements(said_on)))
    assert [(p.path, fragment in p.message) for p in caught.value.problems] == [(path, True)]


@pytest.mark.parametrize(
    ("path", "kind"), [(b"tests/good/small.json", "bytes"), (5, "int"), (None, "NoneType")]
)
def test_load_and_dump_take_a_path_as_text(path: object, kind: str) -> None:
    message = f"path: a path is a str or os.PathLike[str], not {kind}"
    with pytest.raises(tradetalks.InvalidValueError) as caught:
        tradetalks.load(path)  # type: ignore[arg-type]
    assert str(caught.value) == message
    with pytest.raises(tradetalks.InvalidValueError) as caught:
        tradetalks.dump(tradetalks.Dataset(), path)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "name",
    [
        "a\0b.txt",
        "a\ud800.txt",
        "C:/Windows/win.ini",  # a drive: outside the folder on Windows
        "C:win.ini",  # the current folder of drive C: on Windows
        "nul.txt",  # the null device on Windows, whatever the extension
        "data/CON",
        "a\\b.txt",
        "/etc/passwd",
        "../x.txt",
        "a//b.txt",
        "-rf.txt",
        "notes.",
        "ü.txt",
    ],
)
def test_a_text_file_name_that_is_not_portable_is_refused_by_name(name: str) -> None:
    raw = json.loads((Path(__file__).parent / "good" / "small.json").read_text(encoding="utf-8"))
    del raw["sources"][0]["text"]
    raw["sources"][0]["text_file"] = name
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps(raw), base=Path(__file__).parent)
    assert caught.value.problems == [
        Problem(
            "$.sources[0].text_file",
            f"{name!r} is not a relative file name inside the dataset's folder (portable "
            "names of letters, digits, '.', '_' and '-', separated by '/')",
        )
    ]


def _small_with_text_file(name: str) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        (Path(__file__).parent / "good" / "small.json").read_text(encoding="utf-8")
    )
    raw["sources"][0]["text_file"] = name
    del raw["sources"][0]["text"]
    return raw


def test_a_text_file_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    import os  # noqa: PLC0415

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    os.mkfifo(tmp_path / "article.txt")  # nothing will ever write to it
    (tmp_path / "data.json").write_text(
        json.dumps(_small_with_text_file("article.txt")), encoding="utf-8"
    )
    assert problems_of(tmp_path / "data.json") == [
        Problem("$.sources[0].text_file", "'article.txt' beside the dataset is not a regular file")
    ]


def test_a_text_file_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "article.txt").mkdir()
    (tmp_path / "data.json").write_text(
        json.dumps(_small_with_text_file("article.txt")), encoding="utf-8"
    )
    [problem] = problems_of(tmp_path / "data.json")
    assert problem.path == "$.sources[0].text_file"


def test_dump_refuses_a_text_file_named_as_the_dataset_itself(tmp_path: Path) -> None:
    record = tradetalks.fixtures.stockholm_2025()
    source = attrs.evolve(record.sources[0], text_file="Copy.JSON")
    clash = tradetalks.Dataset(organizations=record.organizations, sources=[source])
    with pytest.raises(tradetalks.InvalidValueError) as caught:
        tradetalks.dump(clash, tmp_path / "copy.json")
    assert caught.value.where == "sources[0].text_file"
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_dump_refuses_two_sources_writing_different_texts_to_one_file(tmp_path: Path) -> None:
    record = tradetalks.fixtures.stockholm_2025()
    first = record.sources[0]
    second = attrs.evolve(first, id="another", text=first.text + " More.")
    both = tradetalks.Dataset(organizations=record.organizations, sources=[first, second])
    with pytest.raises(tradetalks.InvalidValueError) as caught:
        tradetalks.dump(both, tmp_path / "copy.json")
    assert caught.value.where == "sources[1].text_file"
    assert list(tmp_path.iterdir()) == []


def _sources_naming(name: str, count: int) -> dict[str, Any]:
    return {
        "format": "tradetalks/1",
        "organizations": [{"id": "o", "name": "O", "kind": "outlet"}],
        "sources": [
            {
                "id": f"s{i}",
                "outlet": "o",
                "published_on": "2025-07-30",
                "language": "en",
                "text_file": name,
            }
            for i in range(count)
        ],
    }


def test_sources_sharing_a_text_file_share_one_read_of_it(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Words. " * 10_000, encoding="utf-8")
    (tmp_path / "data.json").write_text(json.dumps(_sources_naming("article.txt", 50)))
    record = tradetalks.load(tmp_path / "data.json")
    assert len({id(source.text) for source in record.sources}) == 1  # one text, not 50


def test_the_dataset_file_itself_is_not_a_sources_text(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_text(json.dumps(_sources_naming("Data.JSON", 3)))
    problems = problems_of(tmp_path / "data.json")
    assert problems[0] == Problem(
        "$.sources[0].text_file", "'Data.JSON' is the dataset's own file, not a source's text"
    )


def test_text_with_a_lone_surrogate_is_a_data_format_error() -> None:
    text = '{"format": "tradetalks/1", "parties": [{"code": "CN", "name": "\ud800"}]}'
    with pytest.raises(DataFormatError):
        tradetalks.loads(text)


@pytest.mark.parametrize(
    ("text", "text_file"), [(None, "article.txt"), ("Words.", None)], ids=["text", "text_file"]
)
def test_a_source_key_given_as_null_counts_as_given(
    tmp_path: Path, text: str | None, text_file: str | None
) -> None:
    (tmp_path / "article.txt").write_text("Words.", encoding="utf-8")
    raw = _sources_naming("article.txt", 1)
    raw["sources"][0].update(text=text, text_file=text_file)
    (tmp_path / "data.json").write_text(json.dumps(raw))
    assert problems_of(tmp_path / "data.json") == [
        Problem("$.sources[0]", 'a source has either "text" or "text_file", not both or neither')
    ]


def test_dump_refuses_a_text_file_inside_another_sources_file(tmp_path: Path) -> None:
    record = tradetalks.fixtures.stockholm_2025()
    first = attrs.evolve(record.sources[0], text_file="x.txt")
    second = attrs.evolve(first, id="inside", text_file="x.txt/y.txt")
    both = tradetalks.Dataset(organizations=record.organizations, sources=[first, second])
    with pytest.raises(tradetalks.InvalidValueError):
        tradetalks.dump(both, tmp_path / "copy.json")
    assert list(tmp_path.iterdir()) == []


def test_many_cycles_are_reported_in_linear_time() -> None:
    import time  # noqa: PLC0415

    count = 3_000  # parents o0 <- o1 <- ... and sources whose outlet closes a cycle each
    organizations: list[dict[str, Any]] = [
        {
            "id": f"o{i}",
            "name": "O",
            "kind": "outlet",
            **({"parent": f"o{i + 1}"} if i + 1 < count else {}),
        }
        for i in range(count)
    ]
    organizations[-1]["evidence"] = [
        {"source": f"s{i}", "start": 0, "end": 1, "exact": "W"} for i in range(count)
    ]
    sources = [
        {"id": f"s{i}", "outlet": "o0", "published_on": "2025-07-30", "language": "en", "text": "W"}
        for i in range(count)
    ]
    text = json.dumps(
        {"format": "tradetalks/1", "organizations": organizations, "sources": sources}
    )
    started = time.perf_counter()
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(text)
    assert time.perf_counter() - started < 10.0  # each cycle was once sliced from the whole walk
    assert any("records)" in p.message for p in caught.value.problems)


# --- records made as their classes make them ---------------------------------------------


def test_a_load_runs_the_validators_as_the_class_does_and_attrs_switch_too() -> None:
    """A builder makes a record as the class's ``__init__`` does, validators included.

    One character more at the end of the evidence (98 → 99) leaves its ``exact`` short of
    the span: refused, as ``Evidence(...)`` refuses it; with attrs' validators switched
    off, the class takes it, and so does the load (the statement's own checks still run).
    Likewise a source's language that is not a language tag.
    """
    raw = _small_with_two_statements(None)
    raw["statements"][1]["evidence"] = [{**raw["statements"][1]["evidence"][0], "end": 99}]
    with pytest.raises(DataFormatError, match=r"statements\[1\]\.evidence\[0\]"):
        tradetalks.loads(json.dumps(raw))
    with attrs.validators.disabled():
        record = tradetalks.loads(json.dumps(raw))
    assert record.statements[1].evidence[0].end == 99
    # A source's several validators run in turn: its language must be a BCP 47 tag.
    raw["sources"][0]["language"] = "English"
    with pytest.raises(DataFormatError, match=r"sources\[0\]\.language"):
        tradetalks.loads(json.dumps(raw))
    with attrs.validators.disabled():
        assert tradetalks.loads(json.dumps(raw)).sources[0].language == "English"
    raw["statements"][1]["text"] = "Not in the evidence"
    with attrs.validators.disabled(), pytest.raises(DataFormatError, match=r"not within"):
        tradetalks.loads(json.dumps(raw))


def _same_with_the_record(value: int, _record: object) -> int:
    return value


def test_only_an_init_that_attrs_wrote_to_set_and_check_fields_is_done_in_the_builder() -> None:
    @attrs.frozen
    class Plain:
        a: int = attrs.field(converter=int, validator=attrs.validators.ge(0))

    @attrs.frozen(cache_hash=True)
    class CachedHash:
        a: int

    @attrs.frozen
    class PreInit:
        a: int

        def __attrs_pre_init__(self) -> None:
            pass

    @attrs.frozen(init=False)
    class OwnInit:
        a: int

        def __init__(self, b: int) -> None:
            self.__attrs_init__(b)

    @attrs.define(slots=False, frozen=True)
    class NoSlots:
        a: int

    takes_self = attrs.Converter(_same_with_the_record, takes_self=True)
    with_self = attrs.make_class("TakesSelf", {"a": attrs.field(converter=takes_self)}, frozen=True)

    verdicts = {
        c.__name__: _made_as_init(c, attrs.fields(c))
        for c in (Plain, CachedHash, PreInit, OwnInit, NoSlots, with_self)
    }
    assert verdicts == {
        "Plain": True,
        "CachedHash": False,
        "PreInit": False,
        "OwnInit": False,
        "NoSlots": False,
        "TakesSelf": False,
    }


def test_a_day_that_is_not_text_is_an_invalid_value_named_as_such() -> None:
    with pytest.raises(tradetalks.InvalidValueError, match=r"YYYY-MM-DD, not b'2025-07-30'"):
        read_day(b"2025-07-30")  # type: ignore[arg-type]  # the wrong type on purpose
