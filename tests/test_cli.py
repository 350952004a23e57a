"""The command line: the summary, its subcommands, and one-line errors for bad arguments.

Day counts are calendar arithmetic to the deadline of 12 August 2025: from 29 July, 2 days
of July are left (30, 31) and 12 of August, 14 in all; from 30 July, 13; from 11 August, 1;
from 1 May, 30 + 30 + 31 + 12 = 103 (to 31 May, through June and July, then August).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from zoneinfo import ZoneInfo

import attrs
import pytest

import tradetalks
from tradetalks import fixtures
from tradetalks.cli import _shown, main

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(tradetalks.__file__).parent / "data"
TEXT_NAME = "global-times-2025-07-30-stockholm.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def deadline_line(out: str) -> str:
    (line,) = [line for line in out.splitlines() if line.strip().startswith("deadline ")]
    return line.strip()


# --- the summary ------------------------------------------------------------------------------


def test_the_default_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Source: Global Times, published 2025-07-30 (en), 6137 characters"
    # The days remaining are counted from the article's own date, Wednesday 30 July.
    assert deadline_line(out) == (
        "deadline 2025-08-12, as known on 2025-07-30: in force, 13 days remain"
    )


def test_the_summary_lists_the_rounds_in_order_with_their_delegates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys)
    lines = out.splitlines()
    start = lines.index("Rounds")
    rounds = [line.split() for line in lines[start + 1 : start + 8]]
    assert [r[:3] for r in rounds[:2]] == [["1.", "Geneva", "2025-05"], ["2.", "London", "2025-06"]]
    assert rounds[2][:4] == ["3.", "Stockholm,", "SE", "2025-07-28/2025-07-29"]
    assert [" ".join(r) for r in rounds[3:6]] == [
        "CN lead He Lifeng (Vice Premier)",
        "US lead Scott Bessent (Treasury Secretary)",
        "US member Jamieson Greer (US Trade Representative)",
    ]


def test_the_summary_says_who_said_how_much(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Who said how much"))
    counts: dict[str, int] = {}
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        *name, count, _words = line.split()
        counts[" ".join(name)] = int(count)
    # One statement per verb of saying, counted through the article by hand.
    assert counts == {
        "Bao Jianyun": 4,
        "Scott Bessent": 4,
        "Zhou Mi": 3,
        "Wang Wentao": 3,
        "Rajesh Subramaniam": 3,
        "Guo Jiakun": 2,
        "He Lifeng": 2,
        "Jamieson Greer": 2,
        "Chinese experts": 2,
        "Xinhua News Agency": 1,
        "Ministry of Commerce": 1,
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-07-29", "in force, 14 days remain"),
        ("2025-07-30", "in force, 13 days remain"),
        ("2025-08-11", "in force, 1 day remains"),
        ("2025-08-12", "expired, 0 days remain"),
        ("2025-09-01", "expired, 0 days remain"),
        ("2025-05-01", "not yet started, 103 days remain"),
    ],
)
def test_as_of_a_day(capsys: pytest.CaptureFixture[str], day: str, expected: str) -> None:
    status, out, err = run(capsys, "--as-of", day)
    assert (status, err) == (0, "")
    assert deadline_line(out) == f"deadline 2025-08-12, as known on {day}: {expected}"


def test_as_of_an_instant_in_beijing(capsys: pytest.CaptureFixture[str]) -> None:
    # 09:00 on 30 July in Beijing is still 29 July in New York, but the deadline is a day,
    # read on the observer's own calendar: 13 days from 30 July.
    status, out, _ = run(capsys, "--as-of", "2025-07-30T09:00:00+08:00[Asia/Shanghai]")
    assert status == 0
    assert deadline_line(out).endswith("in force, 13 days remain")


def test_python_dash_m_as_of_the_day_before_the_article() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tradetalks", "--as-of", "2025-07-29"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert "14 days remain" in done.stdout
    assert "as known on 2025-07-29" in done.stdout


# --- subcommands ------------------------------------------------------------------------------


def test_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "timeline")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    # 3 rounds, the Beijing meeting, 18 dated statements, the truce's start and deadline.
    assert len(lines) == 24
    assert lines[0].split()[:3] == ["2025-05", "round", "Geneva"]
    assert lines[1].split()[:2] == ["2025-05-14", "truce_start"]
    assert lines[2].split()[:3] == ["2025-06", "round", "London"]
    assert lines[3].split()[:3] == ["2025-07-28", "round", "Stockholm"]
    assert lines[-1].split()[:2] == ["2025-08-12", "truce_deadline"]
    days = [line.split()[0].rstrip("?") for line in lines]
    assert days == sorted(days, key=lambda day: (day + "-01")[:10])


@pytest.mark.parametrize("who", ["zhou-mi", "Zhou Mi", "ZHOU MI"])
def test_statements_of_one_speaker_by_id_or_name(
    capsys: pytest.CaptureFixture[str], who: str
) -> None:
    status, out, err = run(capsys, "statements", who)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Zhou Mi: 3 statements"
    # Told the Global Times "on Wednesday": 30 July; the other two dated from that account.
    assert lines[1].split() == ["2025-07-30", "direct", "told", "the", "Global", "Times"]
    assert lines[2].strip().startswith("The fact that the world's two largest economies")
    assert lines[3].split() == ["2025-07-30?", "indirect"]
    assert lines[5].split() == ["2025-07-30?", "indirect"]


def test_statements_name_who_relayed_them(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "statements", "Jamieson Greer")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Jamieson Greer: 2 statements"
    assert lines[1].split() == ["undated", "mixed", *TO_REPORTERS.split(), "via", "CNN"]
    assert lines[2].strip() == 'the two-day meeting was "constructive"'


TO_REPORTERS = "Speaking to reporters from Stockholm"


def test_statements_of_an_unnamed_group(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "statements", "Chinese experts")
    assert status == 0
    assert out.splitlines()[0] == "Chinese experts: 2 statements"
    assert out.count("undated") == 2


def test_a_dataset_file_of_ones_own(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copyfile(DATA / TEXT_NAME, tmp_path / TEXT_NAME)
    raw = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    raw["rounds"] = raw["rounds"][2:]  # Stockholm only
    path = tmp_path / "stockholm-only.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    status, out, _ = run(capsys, "--dataset", str(path))
    assert status == 0
    assert "Geneva" not in out
    assert "Stockholm, SE" in out


def test_a_dataset_file_with_problems_lists_them_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copyfile(DATA / TEXT_NAME, tmp_path / TEXT_NAME)
    raw = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    raw["statements"][4]["evidence"][0]["start"] += 1
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    status, out, err = run(capsys, "--dataset", str(path))
    assert status == 1
    assert out == ""
    (line,) = err.splitlines()
    assert "$.statements[4].evidence[0]" in line
    assert "Traceback" not in err


# --- bad arguments: exit status 2, one line on standard error, no traceback -------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--as-of", "nonsense"], "'nonsense'"),
        (["--as-of", "2025-02-30"], "'2025-02-30'"),  # February has 28 days in 2025
        (["--as-of", "29 July 2025"], "'29 July 2025'"),
        # ten characters, but not YYYY-MM-DD: the expected forms are named
        (["--as-of", "12/08/2025"], "expected a day as YYYY-MM-DD or an RFC 9557 timestamp"),
        (["--as-of", "2025-07-30T09:00:00"], "RFC 9557"),  # no zone: never guessed
        (["--as-of"], "--as-of"),
        (["frobnicate"], "'frobnicate'"),
        (["statements", "Xi Jinping"], "'Xi Jinping'"),
        (["statements"], "speaker"),
        (["--dataset", "no-such-file.json"], "no-such-file.json"),
        (["--no-such-option"], "--no-such-option"),
    ],
)
def test_bad_arguments(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("tradetalks: error: ")
    assert words in line
    assert "Traceback" not in err


def test_a_question_the_data_cannot_answer_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A truce whose deadline is known only to the month: no count of days can be given.
    data = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    data["truces"][0]["terms"][0]["end"] = "2025-08"
    (tmp_path / "stockholm_2025.json").write_text(json.dumps(data), encoding="utf-8")
    text = (DATA / "global-times-2025-07-30-stockholm.txt").read_bytes()
    (tmp_path / "global-times-2025-07-30-stockholm.txt").write_bytes(text)
    status = main(["--dataset", str(tmp_path / "stockholm_2025.json"), "--as-of", "2025-08-15"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1
    assert "2025-08 is known only to the month" in err


def test_an_output_that_cannot_be_written_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["export", "--format", "csv", "--output", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"tradetalks: error: {tmp_path}: Is a directory\n"


# --- what a record holds is shown, not obeyed, by the terminal --------------------------------

# Every control character but a newline, and every bidirectional formatting character.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# A made-up source whose names and texts try to retitle the terminal (ESC ] 0 ; ... BEL),
# clear it (ESC [ 2 J, and CSI 2 J as the one character U+009B), blink, move the cursor
# back (CR), and turn the rest of a line around (RLO U+202E, the isolates U+2066/U+2069).
HOSTILE = (
    "Wire\x1b[5m: Mallory\x1b]0;owned\x07 met Eve\u202e in Stock\x1b[2Jholm on Monday. "
    '"We agree\x9b2J\x7f", Mallory\x1b]0;owned\x07 told\r\treporters. '
    "Call\x9b2J: Eve\u202e phoned; the \u2066crowd\u2069 cheered."
)


def _hostile_file(folder: Path) -> Path:
    """A dataset file of the made-up source: a round, a call and two statements."""
    outlet = tradetalks.Organization(
        id="wire", name="Wire\x1b[5m", kind=tradetalks.OrganizationKind.OUTLET
    )
    source = tradetalks.Source(
        id="wire-2025-07-29",
        outlet=outlet,
        published_on=dt.date(2025, 7, 29),
        language="en",
        text=HOSTILE,
    )

    def find(exact: str) -> list[tradetalks.Evidence]:
        return [tradetalks.Evidence.find(source, exact, occurrence=1)]

    mallory = tradetalks.Person(
        id="mallory", name="Mallory\x1b]0;owned\x07", evidence=find("Mallory\x1b]0;owned\x07")
    )
    eve = tradetalks.Person(id="eve", name="Eve\u202e", evidence=find("Eve\u202e"))
    round_ = tradetalks.Round(
        id="stockholm",
        track="talks",
        number=1,
        city="Stock\x1b[2Jholm",
        dates="2025-07-28",
        evidence=find("met Eve\u202e in Stock\x1b[2Jholm on Monday"),
    )
    call = tradetalks.Meeting(
        id="call",
        kind=tradetalks.MeetingKind.PHONE_CALL,
        description="Call\x9b2J",
        participants=[eve],
        dates="2025-07-28",
        evidence=find("Call\x9b2J: Eve\u202e phoned"),
    )
    agree = tradetalks.Statement(
        id="agree",
        speakers=[mallory],
        mode=tradetalks.Mode.DIRECT,
        text="We agree\x9b2J\x7f",
        said_on=tradetalks.ResolvedDate("2025-07-28?", None, tradetalks.ResolutionRule.CONTEXT),
        audience="told\r\treporters",
        evidence=find('"We agree\x9b2J\x7f", Mallory\x1b]0;owned\x07 told\r\treporters'),
    )
    cheer = tradetalks.Statement(
        id="cheer",
        speakers=[tradetalks.UnnamedGroup("the \u2066crowd\u2069")],
        mode=tradetalks.Mode.INDIRECT,
        text="cheered",
        evidence=find("the \u2066crowd\u2069 cheered"),
    )
    dataset = tradetalks.Dataset(
        sources=[source],
        organizations=[outlet],
        people=[mallory, eve],
        rounds=[round_],
        meetings=[call],
        statements=[agree, cheer],
    )
    path = folder / "hostile.json"
    tradetalks.dump(dataset, path)
    return path


def test_the_summary_shows_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "--dataset", str(_hostile_file(tmp_path)))
    assert (status, err) == (0, "")
    assert UNSAFE.search(out) is None
    # Columns are padded to the characters themselves, then each one is escaped: the
    # 13 characters of the city take 16 with three spaces, the 11 of the crowd 20 with nine.
    assert out.splitlines() == [
        rf"Source: Wire\x1b[5m, published 2025-07-29 (en), {len(HOSTILE)} characters",
        "",
        "Rounds",
        r"  1.  Stock\x1b[2Jholm    2025-07-28             talks",
        "",
        "Other meetings",
        r"  2025-07-28             phone_call  Call\x9b2J",
        "",
        "Who said how much (statements, words; one made by two speakers counts for each)",
        r"  Mallory\x1b]0;owned\x07      1     2",
        r"  the \u2066crowd\u2069            1     1",
    ]


def test_the_timeline_shows_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "--dataset", str(_hostile_file(tmp_path)), "timeline")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        r"2025-07-28   round           Stock\x1b[2Jholm (round 1)",
        r"2025-07-28   meeting         Call\x9b2J",
        r"2025-07-28?  statement       Mallory\x1b]0;owned\x07: We agree\x9b2J\x7f",
    ]


def test_statements_show_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_hostile_file(tmp_path))
    status, out, err = run(capsys, "--dataset", path, "statements", "mallory")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        r"Mallory\x1b]0;owned\x07: 1 statement",
        r"2025-07-28? direct    told\r\treporters",
        r"  We agree\x9b2J\x7f",
    ]
    # A speaker is found by the name as it is, and shown escaped.
    status, out, err = run(capsys, "--dataset", path, "statements", "the \u2066crowd\u2069")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        r"the \u2066crowd\u2069: 1 statement",
        "undated     indirect",
        "  cheered",
    ]


def test_validate_shows_a_file_name_escaped_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = Path(__file__).parent / "good" / "small.json"
    evil = tmp_path / "evil\x1b]0;owned\x07\u202e.json"
    shutil.copyfile(good, evil)
    status, out, _ = run(capsys, "validate", str(evil), str(tmp_path / "two\nlines.json"))
    assert status == 1
    assert out.splitlines() == [
        # 1 source, 2 parties, 2 organizations, 1 person, 1 position, 1 round, 1 meeting,
        # 1 statement, 1 truce
        rf"{tmp_path}/evil\x1b]0;owned\x07\u202e.json: valid (11 records)",
        rf"{tmp_path}/two\nlines.json: cannot read: No such file or directory",
    ]


def test_a_problem_in_a_file_with_a_hostile_name_is_one_safe_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    evil = tmp_path / "bad\x1b[2J\n.json"
    shutil.copyfile(Path(__file__).parent / "bad" / "duplicate_id.json", evil)
    status, out, err = run(capsys, "--dataset", str(evil))
    assert (status, out) == (1, "")
    assert err == (
        rf"tradetalks: {tmp_path}/bad\x1b[2J\n.json: $.people[1].id: "
        "the id 'he-lifeng' is already used by $.people[0]\n"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;title\x07", r"\x1b]0;title\x07"),  # ESC and BEL
        ("\x9b2J", r"\x9b2J"),  # CSI, one character
        ("a\x7fb\x00c\x08d", r"a\x7fb\x00c\x08d"),  # DEL, NUL, backspace
        ("\x85\x9f", r"\x85\x9f"),  # NEL and the last C1 control
        ("\r\t\v\f", r"\r\t\x0b\x0c"),
        ("\u202a\u202b\u202c\u202d\u202e", r"\u202a\u202b\u202c\u202d\u202e"),
        ("\u2066\u2067\u2068\u2069", r"\u2066\u2067\u2068\u2069"),
        ("\u200e\u200f\u061c", r"\u200e\u200f\u061c"),  # the bidirectional marks
        ("two\nlines", "two\nlines"),  # kept where the output has many lines
        ("Zhou Mi 周小明 – «ok» \\x1b", "Zhou Mi 周小明 – «ok» \\x1b"),  # printable: as it is
    ],
)
def test_shown_escapes_what_could_control_a_terminal(text: str, shown: str) -> None:
    assert _shown(text) == shown
    assert _shown(text, one_line=True) == shown.replace("\n", r"\n")


def test_every_control_and_bidirectional_formatting_character_is_escaped() -> None:
    # The whole kind, from Unicode's own tables: the 65 controls (Cc) and the embeddings,
    # overrides and isolates (bidirectional classes LRE ... PDI).
    formatting = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    unsafe = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cc"
        or unicodedata.bidirectional(chr(code)) in formatting
    ]
    assert len(unsafe) == 65 + 9
    for character in unsafe:
        shown = _shown(character, one_line=True)
        assert shown.startswith("\\"), ascii(character)
        assert shown.isascii(), ascii(character)
        assert shown.isprintable(), ascii(character)


# --- every one-line error names its file and its problem --------------------------------------


@pytest.fixture
def shipped_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped dataset read from ``tmp_path`` (empty), and read afresh after the test."""
    monkeypatch.setattr(fixtures, "_FOLDER", str(tmp_path))
    monkeypatch.setattr(fixtures, "DATA", tmp_path, raising=False)
    fixtures.stockholm_2025.cache_clear()
    yield tmp_path
    fixtures.stockholm_2025.cache_clear()


def test_a_broken_shipped_dataset_names_its_file(
    capsys: pytest.CaptureFixture[str], shipped_folder: Path
) -> None:
    # Its JSON file without the article's text beside it (the line once began "None:").
    shutil.copyfile(DATA / "stockholm_2025.json", shipped_folder / "stockholm_2025.json")
    status, out, err = run(capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"tradetalks: {shipped_folder}/stockholm_2025.json: $.sources[0].text_file: "
        f"cannot read '{TEXT_NAME}' beside the dataset: No such file or directory\n"
    )


def test_a_missing_shipped_dataset_names_its_file(
    capsys: pytest.CaptureFixture[str], shipped_folder: Path
) -> None:
    status, out, err = run(capsys, "timeline")
    assert (status, out) == (1, "")
    assert err == (
        f"tradetalks: error: {shipped_folder}/stockholm_2025.json: No such file or directory\n"
    )


def test_a_text_file_that_cannot_be_read_names_the_dataset_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = Path(__file__).parent / "bad" / "text_file_missing.json"
    status, out, err = run(capsys, "--dataset", str(path), "timeline")
    assert (status, out) == (1, "")
    assert err == (
        f"tradetalks: {path}: $.sources[0].text_file: "
        "cannot read 'missing.txt' beside the dataset: No such file or directory\n"
    )


def test_a_folder_as_the_dataset(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "--dataset", str(tmp_path))
    assert (status, out) == (2, "")
    assert err == f"tradetalks: error: cannot read {str(tmp_path)!r}: Is a directory\n"


@pytest.mark.parametrize(
    ("problems", "line"),
    [
        ([tradetalks.Problem("", "the file says nothing")], "the file says nothing"),
        ([], "invalid dataset"),  # an error that lists no problem still says one
    ],
)
def test_a_problem_without_a_path_names_the_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    problems: list[tradetalks.Problem],
    line: str,
) -> None:
    def refuse(path: object) -> NoReturn:
        raise tradetalks.DataFormatError(problems)

    monkeypatch.setattr(tradetalks.serialization, "load", refuse)
    status, out, err = run(capsys, "--dataset", "mine.json")
    assert (status, out) == (1, "")
    assert err == f"tradetalks: mine.json: {line}\n"


class _Full(io.RawIOBase):
    """A device that refuses every write with ``error`` (as /dev/full), until emptied."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error: OSError | None = error

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.error is not None:
            raise self.error
        return len(data)


@contextlib.contextmanager
def _stdout_refusing(monkeypatch: pytest.MonkeyPatch, error: OSError) -> Iterator[None]:
    """Standard output refusing every write with ``error``, buffered as on a disk (the error
    shows when it is flushed); what is left is written to nowhere afterwards."""
    device = _Full(error)
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(device)))
        try:
            yield
        finally:
            device.error = None


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["timeline"],
        ["statements", "Zhou Mi"],
        ["schema"],
        ["export", "--format", "csv"],
        ["export", "--format", "ics"],
        ["validate", str(Path(__file__).parent / "good" / "small.json")],
    ],
)
def test_standard_output_that_cannot_be_written_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    with _stdout_refusing(monkeypatch, OSError(errno.ENOSPC, "No space left on device")):
        status = main(argv)
    assert status == 1  # the line once began "tradetalks: error: None:"
    assert capsys.readouterr().err == (
        "tradetalks: error: standard output: No space left on device\n"
    )


def test_a_reader_that_stops_early_is_not_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with _stdout_refusing(monkeypatch, BrokenPipeError(errno.EPIPE, "Broken pipe")):
        status = main(["export"])
    assert status == 0
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_python_dash_m_to_a_full_device() -> None:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tradetalks"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr == "tradetalks: error: standard output: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_output_file_that_fills_up_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    # Opening it works; writing fails, with no file name in the error: the output's is given.
    status, out, err = run(capsys, "export", "--output", "/dev/full")
    assert (status, out) == (1, "")
    assert err == "tradetalks: error: /dev/full: No space left on device\n"


def test_an_output_error_without_a_reason_says_what_it_has(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(self: Path, data: bytes) -> int:
        raise OSError("quota exceeded")  # no errno, no strerror, no file name

    monkeypatch.setattr(Path, "write_bytes", refuse)
    target = tmp_path / "rows.csv"
    status, _, err = run(capsys, "export", "--format", "csv", "--output", str(target))
    assert status == 1
    assert err == f"tradetalks: error: {target}: quota exceeded\n"


def test_a_terminal_that_cannot_show_a_character_gets_it_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "tradetalks/1", "parties": [{"code": "CN", "name": " Ch\\u00edna",'
        ' "evidence": []}]}',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tradetalks", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONIOENCODING": "ascii", "PATH": ""},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        done.stdout
        == f"{bad}: $.parties[0].name: ' Ch\\xedna' has white space at its start or end\n"
    )


def test_a_timeline_matplotlib_cannot_draw_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads((Path(__file__).parent / "good" / "small.json").read_text(encoding="utf-8"))
    raw["rounds"][0]["dates"] = "0001/9999"
    del raw["statements"][0]["occasion"]
    data = tmp_path / "far.json"
    data.write_text(json.dumps(raw), encoding="utf-8")
    assert main(["--dataset", str(data), "timeline", "--svg", str(tmp_path / "t.svg")]) == 1
    err = capsys.readouterr().err
    assert "cannot draw the timeline" in err
    assert len(err.splitlines()) == 1


# --- truces as they run: the Geneva example of docs/truces.md ---------------------------------

NEW_YORK, BEIJING = ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")
GENEVA_TITLE = "Joint Statement on U.S.-China Economic and Trade Meeting in Geneva"


def _geneva_file(folder: Path) -> Path:
    """The Geneva Joint Statement and the truces of docs/truces.md, and two made-up ones.

    The US suspension: from 12:01 a.m. EDT on 14 May 2025 for 90 days, continued to 12:01
    a.m. EST on 10 November 2025 (order of 11 August), then to 12:01 a.m. EST on
    10 November 2026 (order of 4 November), ended on 20 February 2026 (moot). China's: from
    12:01 on 14 May 2025 in Beijing for 90 days, 90 more, then a year from 13:01 on
    10 November 2025 (announced 5 November): it lapsed from 12:01 to 13:01 that day. A
    made-up suspension until further notice from 14 May 2025, and a made-up one announced
    on 25 February 2026, from 10 March 2026 for 30 days (to 9 April).
    """
    record = fixtures.stockholm_2025()
    china, us = record.get("CN"), record.get("US")
    geneva = tradetalks.Agreement(
        id="geneva-joint-statement-2025",
        title=GENEVA_TITLE,
        parties=[china, us],
        made_on="2025-05-12",
        derivation="the joint statement of 12 May 2025",
    )
    us_pause = tradetalks.Truce(
        id="us-suspension-2025",
        parties=[us],
        suspended="additional duties on goods of the People's Republic of China",
        agreement=geneva,
        derivation="the US executive order of 12 May 2025",
        terms=[
            tradetalks.TruceTerm(
                start=dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK),
                days=90,
                announced_on="2025-05-12",
                derivation="the US executive order of 12 May 2025",
            )
        ],
    )
    us_pause = us_pause.extend(
        days=90, announced_on="2025-08-11", derivation="the US executive order of 11 August"
    )
    us_pause = us_pause.extend(
        end=dt.datetime(2026, 11, 10, 0, 1, tzinfo=NEW_YORK),
        announced_on="2025-11-04",
        derivation="the US executive order of 4 November 2025",
    )
    us_pause = us_pause.end_early(
        at="2026-02-20",
        announced_on="2026-02-20",
        reason=tradetalks.EndReason.MOOT,
        derivation="the ruling of 20 February 2026",
    )
    china_pause = tradetalks.Truce(
        id="china-suspension-2025",
        parties=[china],
        suspended="the 24% additional tariff on goods of the United States",
        agreement=geneva,
        derivation="the announcements of China's Customs Tariff Commission",
        terms=[
            tradetalks.TruceTerm(
                start=dt.datetime(2025, 5, 14, 12, 1, tzinfo=BEIJING),
                days=90,
                announced_on="2025-05-12",
                derivation="the Geneva Joint Statement",
            )
        ],
    )
    china_pause = china_pause.extend(
        days=90, announced_on="2025-08-12", derivation="China's announcement of 12 August 2025"
    )
    china_pause = china_pause.extend(
        start=dt.datetime(2025, 11, 10, 13, 1, tzinfo=BEIJING),
        days=365,
        announced_on="2025-11-05",
        derivation="China's announcement of 5 November 2025",
    )
    open_ended = tradetalks.Truce(
        id="an-open-suspension",
        parties=[china],
        suspended="an example measure",
        derivation="an example",
        terms=[tradetalks.TruceTerm(start="2025-05-14", end=None, derivation="an example")],
    )
    later = tradetalks.Truce(
        id="a-later-suspension",
        parties=[us],
        suspended="another example measure",
        derivation="an example",
        terms=[
            tradetalks.TruceTerm(
                start="2026-03-10", days=30, announced_on="2026-02-25", derivation="an example"
            )
        ],
    )
    dataset = tradetalks.Dataset(
        sources=record.sources,
        organizations=record.organizations,
        parties=record.parties,
        agreements=[geneva],
        truces=[us_pause, china_pause, open_ended, later],
    )
    path = folder / "geneva.json"
    tradetalks.dump(dataset, path)
    return path


US_HEADER = (
    "Truce us-suspension-2025 (US; suspended: additional duties on goods of the People's "
    f"Republic of China; under {GENEVA_TITLE})"
)
CHINA_HEADER = (
    "Truce china-suspension-2025 (CN; suspended: the 24% additional tariff on goods of the "
    f"United States; under {GENEVA_TITLE})"
)
OPEN_HEADER = "Truce an-open-suspension (CN; suspended: an example measure)"
LATER_HEADER = "Truce a-later-suspension (US; suspended: another example measure)"
SOURCE_LINE = "Source: Global Times, published 2025-07-30 (en), 6137 characters"


def _summary(source: str, us: str, china: str, open_ended: str, later: str) -> str:
    """The whole summary: the source, then each truce's header and its line."""
    blocks = [
        (US_HEADER, us),
        (CHINA_HEADER, china),
        (OPEN_HEADER, open_ended),
        (LATER_HEADER, later),
    ]
    return source + "\n" + "".join(f"\n{header}\n  {line}\n" for header, line in blocks)


def test_the_truces_as_known_after_the_us_suspension_ended_early(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(
        capsys, "--dataset", str(_geneva_file(tmp_path)), "--as-of", "2026-03-01"
    )
    assert (status, err) == (0, "")
    assert out == _summary(
        SOURCE_LINE,
        # Ended on 20 February, announced that day: nothing is left to count.
        "ended 2026-02-20 (moot), as known on 2026-03-01: 0 days remain",
        # From 1 March to 10 November 2026: 30 days of March after the 1st, then April 30,
        # May 31, June 30, July 31, August 31, September 30, October 31, and 10: 254.
        "deadline 2026-11-10T13:01:00+08:00[Asia/Shanghai], as known on 2026-03-01: "
        "in force, 254 days remain",
        "no deadline (until further notice), as known on 2026-03-01: in force",
        # Announced on 25 February; from 10 March to 9 April: 30 days of March, then 9.
        "deadline 2026-04-09, as known on 2026-03-01: not yet started, 39 days remain",
    )


def test_the_truces_as_known_during_chinas_lapse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    at = "2025-11-10T12:30:00+08:00[Asia/Shanghai]"
    status, out, err = run(capsys, "--dataset", str(_geneva_file(tmp_path)), "--as-of", at)
    assert (status, err) == (0, "")
    assert out == _summary(
        SOURCE_LINE,
        # 12:30 in Beijing is 04:30 UTC, 23:30 on 9 November in New York: the second term,
        # to 05:01 UTC on 10 November, runs on without a gap into the third (order of
        # 4 November), to 05:01 UTC on 10 November 2026: 365 days and 31 minutes, floored.
        f"deadline 2026-11-10T00:01:00-05:00[America/New_York], as known on {at}: "
        "in force, 365 days remain",
        # The second term ended at 12:01, the third starts at 13:01: lapsed, 0 days.
        f"lapsed since 2025-11-10T12:01:00+08:00[Asia/Shanghai], as known on {at}: the next "
        "term starts 2025-11-10T13:01:00+08:00[Asia/Shanghai], 0 days remain",
        f"no deadline (until further notice), as known on {at}: in force",
        f"as known on {at}: not yet announced (announced 2026-02-25)",
    )


def test_the_truces_as_known_the_day_before_the_later_one_was_announced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(
        capsys, "--dataset", str(_geneva_file(tmp_path)), "--as-of", "2026-02-24"
    )
    assert (status, err) == (0, "")
    assert out == _summary(
        SOURCE_LINE,
        "ended 2026-02-20 (moot), as known on 2026-02-24: 0 days remain",
        # Five days more than from 1 March (24 February to 1 March): 259.
        "deadline 2026-11-10T13:01:00+08:00[Asia/Shanghai], as known on 2026-02-24: "
        "in force, 259 days remain",
        "no deadline (until further notice), as known on 2026-02-24: in force",
        "as known on 2026-02-24: not yet announced (announced 2026-02-25)",
    )


def test_the_timeline_names_the_agreement_and_the_early_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "--dataset", str(_geneva_file(tmp_path)), "timeline")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"2025-05-12   agreement       {GENEVA_TITLE}"
    assert "2026-02-20   truce_end       us-suspension-2025: ended early (moot)" in lines
    # The last US term's deadline, which the early end cut short, says so; the open-ended
    # suspension has a start and no deadline.
    assert lines[-1] == "2026-11-10   truce_deadline  china-suspension-2025: term ends"
    assert lines[-2] == (
        "2026-11-10   truce_deadline  us-suspension-2025: term ends "
        "(cut short: it ended early on 2026-02-20)"
    )
    assert [line for line in lines if "an-open-suspension" in line] == [
        "2025-05-14   truce_start     an-open-suspension: term starts"
    ]
    # 1 agreement; US 3 starts, 3 deadlines, 1 end; China 3 and 3; open 1; later 1 and 1.
    assert len(lines) == 1 + 7 + 6 + 1 + 2


def _merge_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped dataset as A; as B, a record of two of its people, one under another id
    and one with a name the article does not give (a conflict)."""
    shipped = fixtures.stockholm_2025()
    first = tmp_path / "a" / "a.json"
    first.parent.mkdir()
    tradetalks.dump(shipped, first)
    bessent = attrs.evolve(shipped.get("scott-bessent", tradetalks.Person), id="bessent")
    renamed = attrs.evolve(shipped.get("he-lifeng", tradetalks.Person), name="He Li Feng")
    second = tmp_path / "b" / "b.json"
    second.parent.mkdir()
    other = tradetalks.Dataset(
        sources=shipped.sources, organizations=shipped.organizations[:1], people=[bessent, renamed]
    )
    tradetalks.dump(other, second)
    return first, second


def test_merge_prints_each_conflict_on_a_line_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = _merge_inputs(tmp_path)
    out_file = tmp_path / "out" / "merged.json"
    status, out, err = run(capsys, "merge", str(first), str(second), "-o", str(out_file))
    assert status == 1
    assert out == ""
    source = "global-times-2025-07-30-stockholm"
    assert err.splitlines() == [
        f"tradetalks: conflict: he-lifeng.name: 'He Lifeng' ({source}) vs 'He Li Feng' ({source})"
    ]
    assert not out_file.exists()


def test_merge_writes_the_merged_file_with_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = _merge_inputs(tmp_path)
    text = second.read_text(encoding="utf-8").replace('"name": "He Li Feng"', '"name": "He Lifeng"')
    second.write_text(text, encoding="utf-8")
    out_file = tmp_path / "out" / "merged.json"
    out_file.parent.mkdir()
    status, out, err = run(
        capsys,
        "merge",
        str(first),
        str(second),
        "-o",
        str(out_file),
        "--same",
        "bessent=scott-bessent",
    )
    assert (status, err) == (0, "")
    assert out.startswith(
        f"wrote {out_file}: Dataset(sources=1, parties=2, organizations=15, people=8,"
    )
    merged = tradetalks.load(out_file)
    assert merged == fixtures.stockholm_2025()
    assert (out_file.parent / "global-times-2025-07-30-stockholm.txt").exists()
    # Without --same, Scott Bessent is there twice: nine people.
    status, out, _ = run(capsys, "merge", str(first), str(second), "-o", str(out_file))
    assert status == 0
    assert "people=9," in out


@pytest.mark.parametrize(
    ("same", "message"),
    [
        ("bessent", "argument --same: --same 'bessent': expected B_ID=A_ID"),
        ("bessent=nobody", "--same: 'nobody' is not an id of this dataset"),
        ("nobody=scott-bessent", "--same: 'nobody' is not an id of the other dataset"),
    ],
)
def test_merge_refuses_a_same_that_names_no_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, same: str, message: str
) -> None:
    first, second = _merge_inputs(tmp_path)
    status, _, err = run(
        capsys, "merge", str(first), str(second), "-o", str(tmp_path / "x.json"), "--same", same
    )
    assert status == 2
    assert message in err


def test_the_summary_lists_a_meetings_delegates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shipped = fixtures.stockholm_2025()
    stockholm = shipped.get("stockholm-2025", tradetalks.Round)
    summit = tradetalks.Meeting(
        id="example-summit",
        kind=tradetalks.MeetingKind.SUMMIT,
        description="an example summit",
        participants=[tradetalks.UnnamedGroup("the two presidents")],
        dates="2025-10-30",
        delegates=[stockholm.delegates[2], stockholm.delegates[0]],
        evidence=stockholm.evidence,
    )
    path = tmp_path / "summit.json"
    tradetalks.dump(attrs.evolve(shipped, meetings=(*shipped.meetings, summit)), path)
    status, out, _ = run(capsys, "--dataset", str(path))
    assert status == 0
    lines = out.splitlines()
    start = lines.index("  2025-10-30             summit      an example summit")
    assert lines[start : start + 3] == [
        "  2025-10-30             summit      an example summit",
        "      US member  Jamieson Greer (US Trade Representative)",
        "      CN lead    He Lifeng (Vice Premier)",
    ]


def test_the_summary_counts_to_a_known_early_end_and_lists_disagreeing_claims(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shipped = fixtures.stockholm_2025()
    truce = shipped.truces[0].end_early(
        at="2025-08-01", announced_on="2025-07-20", reason="terminated", derivation="a notice"
    )
    claim = tradetalks.Claim(
        id="claim-aug-14",
        claimed_by=tradetalks.UnnamedGroup("some reports"),
        about=truce,
        field="terms[0].end",
        value="2025-08-14",
        evidence=truce.evidence,
    )
    path = tmp_path / "ending.json"
    tradetalks.dump(attrs.evolve(shipped, truces=[truce], claims=[claim]), path)
    status, out, _ = run(capsys, "--dataset", str(path), "--as-of", "2025-07-30")
    assert status == 0
    lines = out.splitlines()
    # Known since 20 July: the truce ends on 1 August, 2 days after 30 July.
    assert (
        "  ends early 2025-08-01 (terminated; its term ran to 2025-08-12), as known on "
        "2025-07-30: in force, 2 days remain"
    ) in lines
    assert lines[
        -len(lines) + lines.index("Claims: 1, of which 1 disagree with the record") + 1
    ] == (
        "  claim-aug-14: cn-us-tariff-truce-2025.terms[0].end is '2025-08-14' by its claim, "
        "'2025-08-12' in the record"
    )


def test_merge_refuses_to_write_over_a_file_it_merges(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = _merge_inputs(tmp_path)
    before = first.read_bytes()
    status, _, err = run(capsys, "merge", str(first), str(second), "-o", str(first))
    assert status == 2
    assert "is one of the files to merge; write elsewhere" in err
    assert first.read_bytes() == before
