"""Bad input: malformed dataset files fail with a DataFormatError naming each JSONPath.

``tests/bad/`` holds the corpus: each file is a small variation of the valid dataset
``tests/good/small.json`` (one made-up article of four sentences, inline), named for its
one fault. ``tests/bad/expected.json`` gives, for each file, every problem the loader must
report, as a JSONPath and a fragment of the message, worked out by hand from the fault.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tradetalks
from tradetalks import DataFormatError, Dataset, TradetalksError
from tradetalks.cli import main
from tradetalks.dataset import COLLECTIONS
from tradetalks.fixtures import DATA
from tradetalks.serialization import _file_reader, parsing
from tradetalks.serialization.loading import load_quick
from tradetalks.serialization.parsing import Refused, no_duplicate_keys
from tradetalks.serialization.report import load_detailed

TESTS = Path(__file__).parent
BAD = TESTS / "bad"
SMALL = TESTS / "good" / "small.json"
EXPECTED: dict[str, list[tuple[str, str]]] = {
    name: [(path, fragment) for path, fragment in problems]
    for name, problems in json.loads((BAD / "expected.json").read_text(encoding="utf-8")).items()
}
CORPUS = sorted(path.name for path in BAD.glob("*.json") if path.name != "expected.json")


def _problems(path: Path) -> list[tradetalks.Problem]:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.load(path)
    return caught.value.problems


def test_the_corpus_is_large_and_every_file_has_its_expected_problems() -> None:
    assert len(CORPUS) >= 30
    assert sorted(EXPECTED) == CORPUS


def test_the_corpus_varies_a_small_valid_dataset() -> None:
    record = tradetalks.load(SMALL)
    counts = {name: len(getattr(record, name)) for name, _ in COLLECTIONS}
    assert counts == {
        "sources": 1,
        "parties": 2,
        "organizations": 2,
        "people": 1,
        "positions": 1,
        "rounds": 1,
        "meetings": 1,
        "statements": 1,
        "agreements": 0,
        "truces": 1,
        "claims": 0,
    }
    assert len(record.sources[0].text) == 260
    assert tradetalks.dumps(record) == SMALL.read_text(encoding="utf-8")  # written as dumped


@pytest.mark.parametrize("name", CORPUS)
def test_each_bad_file_fails_with_its_paths_and_messages(name: str) -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.load(BAD / name)
    error = caught.value
    assert isinstance(error, TradetalksError)
    assert isinstance(error, ValueError)
    found = error.problems
    for path, fragment in EXPECTED[name]:
        messages = [p.message for p in found if p.path == path]
        assert any(fragment in message for message in messages), (path, fragment, found)
    # Nothing else is reported: a broken record is named once, not again at each reference.
    assert sorted({p.path for p in found}) == sorted({path for path, _ in EXPECTED[name]})
    assert str(error).startswith(f"{found[0].path}: {found[0].message}")


@pytest.mark.parametrize("name", CORPUS)
def test_loads_of_the_same_bytes_reports_the_same_problems(name: str) -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads((BAD / name).read_bytes(), base=BAD)
    assert caught.value.problems == _problems(BAD / name)


def test_validate_lists_every_problem_of_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = [BAD / name for name in CORPUS]
    status = main(["validate", *map(str, files)])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    expected = [f"{file}: {p.path}: {p.message}" for file in files for p in _problems(file)]
    assert lines == expected
    for file in files:
        mine = [line for line in lines if line.startswith(f"{file}: ")]
        for path, fragment in EXPECTED[file.name]:
            assert any(line.startswith(f"{file}: {path}: ") and fragment in line for line in mine)


def test_validate_escapes_a_key_that_cannot_be_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = BAD / "unknown_field_not_a_plain_name.json"
    assert main(["validate", str(file)]) == 1
    assert capsys.readouterr().out == f'{file}: $.people[0]: unknown field(s): "\\ud800 x"\n'


def test_an_unknown_key_that_is_not_a_plain_name_is_a_quoted_jsonpath_member() -> None:
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads('{"format": "tradetalks/1", "see also": 1, "\\u0007": 2}')
    assert caught.value.problems == [
        tradetalks.Problem('$["see also"]', "unknown field"),
        tradetalks.Problem('$["\\u0007"]', "unknown field"),
    ]


def test_validate_exits_0_when_every_file_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = DATA / "stockholm_2025.json"
    assert main(["validate", str(SMALL), str(shipped)]) == 0
    # 11 = 1 + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1 records in small.json; the shipped one holds
    # 1 source, 2 parties, 15 organizations, 8 people, 9 positions, 3 rounds, 2 meetings,
    # 25 statements and 1 truce.
    assert capsys.readouterr().out.splitlines() == [
        f"{SMALL}: valid (11 records)",
        f"{shipped}: valid (66 records)",
    ]


def test_validate_exits_1_when_one_file_of_several_is_bad(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = BAD / "duplicate_id.json"
    assert main(["validate", str(SMALL), str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{SMALL}: valid (11 records)",
        f"{bad}: $.people[1].id: the id 'he-lifeng' is already used by $.people[0]",
    ]


def test_validate_names_a_file_that_cannot_be_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.json"
    assert main(["validate", str(missing), str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{missing}: cannot read: ")  # the system's words follow
    assert lines[1].startswith(f"{tmp_path}: cannot read: ")


def test_a_text_file_outside_the_folder_is_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    article = json.loads(SMALL.read_text(encoding="utf-8"))
    (tmp_path / "x.txt").write_text(article["sources"][0].pop("text"), encoding="utf-8")
    article["sources"][0]["text_file"] = "../x.txt"
    (folder / "article.json").write_text(json.dumps(article), encoding="utf-8")
    # ../x.txt holds the right text, but lies outside the dataset's folder.
    assert _problems(folder / "article.json") == [
        tradetalks.Problem(
            "$.sources[0].text_file",
            "'../x.txt' is not a relative file name inside the dataset's folder (portable "
            "names of letters, digits, '.', '_' and '-', separated by '/')",
        )
    ]


# Arbitrary JSON: the loader gives a Dataset or a TradetalksError, never anything else.

JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELD_NAMES = sorted(
    {f.name for _, kind in COLLECTIONS for f in attrs.fields(kind)}
    | {f.name for f in attrs.fields(tradetalks.Evidence)}
    | {f.name for f in attrs.fields(tradetalks.Delegate)}
    | {f.name for f in attrs.fields(tradetalks.TruceTerm)}
    | {"date", "group", "text_file"}
)
# Ids of the small dataset, so that random references sometimes resolve.
IDS = st.sampled_from(
    ["he-lifeng", "CN", "US", "example-wire", "xinhua", "example-wire-2025-07-30", "stockholm-2025"]
)
RECORD_VALUES = st.recursive(
    JSON_LEAVES | IDS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=8,
)
RECORDS = st.dictionaries(st.sampled_from(FIELD_NAMES), RECORD_VALUES, min_size=1, max_size=6)
DATASET_SHAPED = st.fixed_dictionaries(
    {"format": st.just(tradetalks.FORMAT) | JSON_LEAVES},
    optional={name: st.lists(RECORDS, max_size=2) for name, _ in COLLECTIONS},
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The place of every value inside a JSON value, as keys and indexes from the root."""
    found: list[tuple[Any, ...]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, inner in items:
        found.append((*here, key))
        if isinstance(inner, (dict, list)):
            found.extend(_paths(inner, (*here, key)))
    return found


SMALL_DATA = json.loads(SMALL.read_text(encoding="utf-8"))
SMALL_PLACES = _paths(SMALL_DATA)


@st.composite
def small_with_changes(draw: st.DrawFn) -> dict[str, Any]:
    """The small valid dataset with one to three values replaced or removed."""
    data: dict[str, Any] = copy.deepcopy(SMALL_DATA)
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(SMALL_PLACES))
        parent: Any = data
        try:
            for key in place[:-1]:
                parent = parent[key]
            if draw(st.booleans()):
                parent[place[-1]] = draw(RECORD_VALUES)
            else:
                del parent[place[-1]]
        except (KeyError, IndexError, TypeError):  # an earlier change removed the place
            continue
    return data


def _load_or_error(value: object) -> Dataset | TradetalksError:
    try:
        return tradetalks.loads(json.dumps(value))
    except TradetalksError as error:
        return error


def _check(value: object) -> None:
    result = _load_or_error(value)
    assert isinstance(result, (Dataset, DataFormatError))
    if isinstance(result, DataFormatError):
        assert result.problems
        for problem in result.problems:
            assert problem.path.startswith("$")
            assert isinstance(problem.message, str)
            assert problem.message


@given(JSON_VALUES)
def test_any_json_value_loads_or_fails_with_a_tradetalks_error(value: object) -> None:
    """Whatever JSON value is loaded, the result is a Dataset or a DataFormatError."""
    _check(value)


@given(DATASET_SHAPED)
def test_any_dataset_shaped_object_loads_or_fails_with_a_tradetalks_error(
    value: dict[str, Any],
) -> None:
    """An object with a dataset's lists of records of random values: a Dataset or an error."""
    _check(value)


@given(small_with_changes())
def test_any_change_to_a_valid_dataset_loads_or_fails_with_a_tradetalks_error(
    value: dict[str, Any],
) -> None:
    """A valid dataset with random values put in or taken out: a Dataset or an error."""
    _check(value)


# Loading runs a quick pass (msgspec, then the records' own checks) and, only when it
# stops, a detailed one through cattrs that names every problem. The two must accept exactly
# the same files and build equal datasets.


def _reader(base: Path | None) -> Any:
    return None if base is None else _file_reader(str(base))


def _quick(text: str | bytes, base: Path | None = None) -> Dataset | None:
    """The dataset the quick pass builds, or None when it stops at a problem."""
    try:
        return load_quick(text, _reader(base))
    except (Refused, TradetalksError):  # its own signal, or a record's own check
        return None


def _detailed(text: str, base: Path | None = None) -> Dataset | None:
    """The dataset the detailed pass builds, or None when it reports problems."""
    try:
        return load_detailed(text, _reader(base))
    except DataFormatError:
        return None


def _parses(name: str) -> bool:
    try:
        text = (BAD / name).read_text(encoding="utf-8")
        value = json.loads(text, object_pairs_hook=no_duplicate_keys)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict)


def test_only_files_that_are_json_objects_get_past_parsing() -> None:
    unparsable = sorted(name for name in CORPUS if not _parses(name))
    assert unparsable == [
        "deeply_nested_value.json",
        "empty_file.json",
        "invalid_utf8.json",
        "non_object_root.json",
        "repeated_key.json",
        "too_many_digits.json",
        "truncated_json.json",
        "utf8_bom.json",
    ]


@pytest.mark.parametrize("name", CORPUS)
def test_the_quick_pass_refuses_every_bad_file(name: str) -> None:
    data = (BAD / name).read_bytes()
    assert _quick(data, base=BAD) is None
    if name != "invalid_utf8.json":  # as text, the same file
        assert _quick(data.decode("utf-8"), base=BAD) is None


def test_the_quick_pass_builds_the_shipped_dataset_as_the_detailed_pass_does() -> None:
    text = (DATA / "stockholm_2025.json").read_text(encoding="utf-8")
    quick = _quick(text, base=DATA)
    assert quick is not None
    assert quick == _detailed(text, base=DATA)
    assert len(quick.statements) == 25  # as in the file


def test_a_key_given_twice_is_found_however_the_keys_are_spaced() -> None:
    text = SMALL.read_text(encoding="utf-8")
    assert _quick(text) is not None
    for spaced in ('"name" :', '"name"\n\t:', '"name"  :'):
        repeated = text.replace('"name": "He Lifeng"', f'"name": "X", {spaced} "He Lifeng"', 1)
        assert repeated != text
        assert _quick(repeated) is None
        with pytest.raises(DataFormatError, match=r"given twice"):
            tradetalks.loads(repeated)


def test_a_file_whose_only_colons_follow_keys_is_checked_by_its_colons_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # small.json has 123 keys and one colon in a text (a derivation, "start: August 12");
    # without it, 123 colons for 123 keys decoded say that no key is given twice.
    text = SMALL.read_text(encoding="utf-8").replace("start: August 12", "start, August 12")
    assert text.count(":") == 123

    def not_needed(_: object) -> int:
        raise AssertionError("the keys were counted")

    monkeypatch.setattr(parsing, "keys_in_text", not_needed)
    assert _quick(text) is not None
    monkeypatch.undo()
    repeated = text.replace('"name": "He Lifeng"', '"name": "X", "name": "He Lifeng"', 1)
    assert repeated.count(":") == 124
    assert _quick(repeated) is None


def test_counts_every_key_against_hand_counts() -> None:
    # (text, keys decoded, whether no key is given twice)
    cases = [
        ('{"a": 1}', 1, True),
        ('{"a": 1, "a": 2}', 1, False),  # two colons, one key decoded
        ('{"a": "x:y"}', 1, True),  # a colon inside a text: the keys are counted, one
        ('{"a": "\\":", "b": 1}', 2, True),  # an escaped mark and colon: json asked
        ('{"a": "\\":", "a": 1}', 1, False),
        ('{"a" : {"b"\n: 1}, "a"\t:2}', 1, False),  # the last "a" decoded: one key
    ]
    for text, keys, once in cases:
        assert parsing.counts_every_key(text, keys) is once, text
        assert parsing.counts_every_key(text.encode(), keys) is once, text


def test_a_quotation_mark_and_colon_inside_a_text_still_load() -> None:
    # The quick pass counts keys in the text; an escaped quotation mark and colon in a
    # string counts as one more, and the quick pass asks Python's json whether a key repeats.
    text = SMALL.read_text(encoding="utf-8")
    changed = text.replace('"title": "', '"title": "\\":', 1)
    assert changed != text
    quick = _quick(changed)  # after asking Python's json whether a key repeats
    assert quick is not None
    assert quick.positions[0].title == '":Vice Premier'
    assert tradetalks.loads(changed) == quick


@given(value=small_with_changes() | DATASET_SHAPED)
def test_the_two_passes_accept_the_same_files_and_build_equal_datasets(
    value: dict[str, Any],
) -> None:
    text = json.dumps(value)
    quick = _quick(text)
    detailed = _detailed(text)
    assert (quick is None) == (detailed is None)
    assert quick == detailed


# One mutation of a generated dataset's JSON: whatever it is, loading gives a Dataset or a
# TradetalksError with a short message, in time linear in the text.

Pairs = list[tuple[str, Any]]


def _as_pairs(value: Any) -> Any:
    """JSON values with every object as a list of (key, value) pairs, so a key can repeat."""
    if isinstance(value, dict):
        return _Obj([(k, _as_pairs(v)) for k, v in value.items()])
    if isinstance(value, list):
        return [_as_pairs(v) for v in value]
    return value


class _Obj(list[tuple[str, Any]]):
    """A JSON object as its pairs, in order."""


def _text(value: Any) -> str:
    """JSON text of a value whose objects are pairs (iteratively: nesting may be deep)."""
    out: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            out.append(item.text)
        elif isinstance(item, _Obj):
            parts: list[Any] = [_Raw("{")]
            for index, (key, inner) in enumerate(item):
                parts += [_Raw(("," if index else "") + json.dumps(key) + ":"), inner]
            stack.extend(reversed([*parts, _Raw("}")]))
        elif isinstance(item, list):
            parts = [_Raw("[")]
            for index, inner in enumerate(item):
                parts += [_Raw("," if index else ""), inner]
            stack.extend(reversed([*parts, _Raw("]")]))
        else:
            out.append(json.dumps(item))
    return "".join(out)


class _Raw:
    def __init__(self, text: str) -> None:
        self.text = text


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a value of pairs."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Obj):
            found.extend((item, index) for index in range(len(item)))
            stack.extend(inner for _, inner in item)
        elif isinstance(item, list):
            found.extend((item, index) for index in range(len(item)))
            stack.extend(item)
    return found


def _get(container: Any, index: int) -> Any:
    return container[index][1] if isinstance(container, _Obj) else container[index]


def _set(container: Any, index: int, value: Any) -> None:
    if isinstance(container, _Obj):
        container[index] = (container[index][0], value)
    else:
        container[index] = value


MUTATIONS = ["replace", "drop", "repeat", "lengthen", "deepen"]


@st.composite
def mutated_datasets(draw: st.DrawFn) -> tuple[str, str]:
    """A generated dataset's JSON text with one mutation, and the mutation's name."""
    from tradetalks.strategies import datasets  # noqa: PLC0415 - the optional extra

    record = draw(datasets(max_statements=3))
    value = _as_pairs(json.loads(tradetalks.dumps(record)))
    places = _places(value)
    kind = draw(st.sampled_from(MUTATIONS))
    container, index = draw(st.sampled_from(places))
    inner = _get(container, index)
    if kind == "replace":
        _set(container, index, draw(JSON_LEAVES | st.lists(JSON_LEAVES, max_size=3)))
    elif kind == "drop":
        del container[index]
    elif kind == "repeat" and isinstance(container, _Obj):
        container.insert(index, (container[index][0], draw(JSON_LEAVES | st.just(inner))))
    elif kind == "lengthen":
        strings = [(c, i) for c, i in places if isinstance(_get(c, i), str)]
        target, at = draw(st.sampled_from(strings))
        _set(target, at, _get(target, at) * 1000)
    elif kind == "deepen":
        deep: Any = inner
        for _ in range(draw(st.integers(100, 3_000))):
            deep = [deep]
        _set(container, index, deep)
    return _text(value), kind


@given(mutated_datasets())
def test_one_mutation_of_a_dataset_loads_or_fails_with_a_short_message_in_linear_time(
    mutated: tuple[str, str],
) -> None:
    import time  # noqa: PLC0415

    text, _ = mutated
    started = time.perf_counter()
    try:
        result: object = tradetalks.loads(text)
    except TradetalksError as error:
        result = error
    elapsed = time.perf_counter() - started
    assert isinstance(result, (Dataset, DataFormatError))
    assert len(str(result)) < 10_000
    # Linear: a few seconds at most for the megabytes a lengthened text makes (a check
    # quadratic in them would take minutes).
    assert elapsed < 5.0 + len(text) / 1_000_000


MISTAKES = {
    "format": "tradetalks/1",
    "parties": [{"code": "US", "name": "United States", "derivation": "an example"}],
    "people": [{"id": "kenji-sample", "name": "Kenji Sample", "derivation": "an example"}],
    "statements": [
        {
            "id": "s",
            "speakers": ["kenji-sampel"],
            "mode": "direct",
            "text": "x",
            "said_on": "on Tuesday",
            "evidence": [],
        }
    ],
    "truces": [
        {
            "id": "t",
            "parties": ["US"],
            "suspended": "tariffs",
            "derivation": "an example",
            "terms": [{"start": "2025-05-14", "days": 90, "derivation": "an example"}],
        }
    ],
}


def test_a_hand_written_file_is_told_what_to_write_instead() -> None:
    """A misspelled id gets the closest one; an object written as text names its fields;
    a term's days (Python's argument) names the end the file needs."""
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(json.dumps(MISTAKES))
    messages = {p.path: p.message for p in caught.value.problems}
    assert messages["$.statements[0].speakers[0]"] == (
        "'kenji-sampel' does not name any record in the dataset; did you mean 'kenji-sample'?"
    )
    assert messages["$.statements[0].said_on"] == (
        "expected an object (a ResolvedDate with date, words, rule), not a string"
    )
    assert messages["$.truces[0].terms[0]"].startswith(
        "unknown field(s): days (a term in a file gives its end"
    )
