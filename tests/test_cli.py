"""The command line: the summary, its subcommands, and one-line errors for bad arguments.

Day counts are calendar arithmetic to the deadline of 12 August 2025: from 29 July, 2 days
of July are left (30, 31) and 12 of August, 14 in all; from 30 July, 13; from 11 August, 1;
from 1 May, 30 + 30 + 31 + 12 = 103 (to 31 May, through June and July, then August).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import io
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
import tomllib
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import pytest

import tradetalks
from geneva import GENEVA_TITLE, geneva_truces
from tradetalks import cli, fixtures
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
    assert lines[start + 1].split() == ["speaker", "statements", "words"]  # labelled columns
    counts: dict[str, int] = {}
    for line in lines[start + 2 :]:
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
        (["--as-of", "2025-07-30T09:00:00"], "no offset or zone"),  # never guessed
        (["--as-of", "2025-07-30T09:00:00+05:30"], "name the zone of an offset"),
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
    target = tmp_path / "missing" / "statements.csv"
    status = main(["export", "--format", "csv", "--output", str(target)])
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"tradetalks: error: {target}: No such file or directory\n"


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
        "Who said how much (a statement made by two speakers counts for each)",
        "  speaker                statements  words",
        # The columns are padded by the characters of the name, then it is shown escaped:
        # "Mallory", ESC, "]0;owned", BEL are 17 characters, 5 short of the column's 22.
        r"  Mallory\x1b]0;owned\x07" + " " * (5 + 1 + 9) + "1" + " " * 6 + "2",
        r"  the \u2066crowd\u2069" + " " * (11 + 1 + 9) + "1" + " " * 6 + "1",
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


def _geneva_file(folder: Path) -> Path:
    """The Geneva record of tests/geneva.py, and a made-up truce, in a dataset file.

    The made-up truce: announced on 25 February 2026, from 10 March 2026 for 30 days (to
    9 April).
    """
    record = fixtures.stockholm_2025()
    geneva, truces = geneva_truces(record)
    later = tradetalks.Truce(
        id="a-later-suspension",
        parties=[record.get("US")],
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
        truces=[*truces, later],
    )
    path = folder / "geneva.json"
    tradetalks.dump(dataset, path)
    return path


# A truce is named by its parties and what it suspends, then its id.
US_HEADER = (
    f"Truce: United States suspends additional duties, under {GENEVA_TITLE} (us-suspension-2025)"
)
CHINA_HEADER = (
    f"Truce: China suspends the 24% additional tariff, under {GENEVA_TITLE} (china-suspension-2025)"
)
OPEN_HEADER = "Truce: China suspends an example measure (an-open-suspension)"
LATER_HEADER = "Truce: United States suspends another example measure (a-later-suspension)"
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
    assert lines[-1] == "2026-11-10   truce_deadline  china-suspension-2025: term 3 ends"
    assert lines[-2] == (
        "2026-11-10   truce_deadline  us-suspension-2025: term 3 ends "
        "(cut short: it ended early on 2026-02-20)"
    )
    assert [line for line in lines if "an-open-suspension" in line] == [
        "2025-05-14   truce_start     an-open-suspension: term 1 starts"
    ]
    # A deadline the next term continues says so (the US order of 11 August 2025); China's
    # second deadline, an hour before its third term starts (a lapse), does not.
    assert (
        "2025-08-12   truce_deadline  us-suspension-2025: term 1 ends "
        "(superseded: term 2 continues it, announced 2025-08-11)"
    ) in lines
    assert "2025-11-10   truce_deadline  china-suspension-2025: term 2 ends" in lines
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
        ("bessent", "error: argument --same: 'bessent': expected B_ID=A_ID"),
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


# --- --version ----------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _declared_version() -> str:
    """The version pyproject.toml declares, read from the file itself."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    version: str = project["version"]
    return version


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr() == (f"tradetalks {_declared_version()}\n", "")


def test_python_dash_m_version() -> None:
    done = _tradetalks("--version")
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == f"tradetalks {_declared_version()}\n".encode()


# --- the shared options, before or after the command -------------------------------------------


def _tradetalks(
    *argv: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m tradetalks ARGV...``, with ``stdin`` as its standard input (else none)."""
    return subprocess.run(
        [sys.executable, "-m", "tradetalks", *argv],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        check=False,
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--as-of", "2025-08-11", "summary"], ["summary", "--as-of", "2025-08-11"]),
        (["--as-of", "2025-08-11", "timeline"], ["timeline", "--as-of", "2025-08-11"]),
        (["--json", "statements", "zhou-mi"], ["statements", "zhou-mi", "--json"]),
    ],
)
def test_an_option_before_or_after_the_command_is_the_same(
    capsys: pytest.CaptureFixture[str], before: list[str], after: list[str]
) -> None:
    first = run(capsys, *before)
    assert first[0] == 0
    assert run(capsys, *after) == first


def test_as_of_after_the_summary_counts_from_that_day(capsys: pytest.CaptureFixture[str]) -> None:
    # 11 August to the deadline of 12 August: 1 day.
    status, out, err = run(capsys, "summary", "--as-of", "2025-08-11")
    assert (status, err) == (0, "")
    assert (
        deadline_line(out) == "deadline 2025-08-12, as known on 2025-08-11: in force, 1 day remains"
    )


def test_an_option_given_before_the_command_is_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given before "summary" and not after it: the command's own copy does not reset it.
    status, out, _ = run(capsys, "--as-of", "2025-07-29", "summary")
    assert status == 0
    assert deadline_line(out).endswith("in force, 14 days remain")


def test_an_option_after_the_command_wins_over_one_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "--as-of", "2025-07-29", "summary", "--as-of", "2025-08-11")
    assert status == 0
    assert deadline_line(out).endswith("in force, 1 day remains")


def test_dataset_after_statements(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Mallory is only in the made-up file: finding him shows the file after the command is read.
    path = str(_hostile_file(tmp_path))
    status, out, err = run(capsys, "statements", "mallory", "--dataset", path)
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == r"Mallory\x1b]0;owned\x07: 1 statement"
    status, out, _ = run(capsys, "--dataset", path, "statements", "mallory")
    assert (status, out.splitlines()[0]) == (0, r"Mallory\x1b]0;owned\x07: 1 statement")


@pytest.mark.parametrize(
    "argv",
    [["--as-of", "2025-13-01"], ["timeline", "--as-of", "2025-13-01"]],
)
def test_a_bad_as_of_names_the_option_once(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err == (
        "tradetalks: error: argument --as-of: '2025-13-01': invalid date '2025-13-01': "
        "month must be 1 to 12, not 13\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--dataset", "x.json", "validate", "y.json"], "validate takes no --dataset"),
        (["--as-of", "2025-07-30", "export"], "export takes no --as-of"),
        (["--as-of", "2025-07-30", "statements", "zhou-mi"], "statements takes no --as-of"),
        (["--json", "schema"], "schema takes no --json"),
        (["--json", "export"], "export takes no --json"),
        (["validate", "y.json", "--dataset", "x.json"], "unrecognized arguments: --dataset"),
        (["export", "--json"], "unrecognized arguments: --json"),
        (
            ["timeline", "--svg", "t.svg", "--json"],
            "--svg draws the whole timeline as a picture; --json is not for it",
        ),
        (
            ["timeline", "--svg", "t.svg", "--as-of", "2025-07-30"],
            "--svg draws the whole timeline as a picture; --as-of is not for it",
        ),
    ],
)
def test_an_option_a_command_does_not_take_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith("tradetalks: error: ")
    assert message in line


# --- the timeline as known on a day -------------------------------------------------------------


def test_the_timeline_as_known_the_day_before_the_article(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "timeline", "--as-of", "2025-07-29")
    assert (status, err) == (0, "")
    # The rounds of May and June (past their last days), the truce's start, the Stockholm
    # round, the three statements of Tuesday 29 July ("on Tuesday", and one dated from
    # it), and the deadline: the truce was known from its start (no announcement is
    # recorded). The statements of 30 July and the meeting of that day are not yet.
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["2025-05", "round"],
        ["2025-05-14", "truce_start"],
        ["2025-06", "round"],
        ["2025-07-28", "round"],
        ["2025-07-29", "statement"],
        ["2025-07-29", "statement"],
        ["2025-07-29?", "statement"],
        ["2025-08-12", "truce_deadline"],
    ]


def test_a_month_is_in_the_timeline_from_its_last_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # London, "in June": not on 29 June, on 30 June.
    _, before, _ = run(capsys, "timeline", "--as-of", "2025-06-29")
    _, on, _ = run(capsys, "timeline", "--as-of", "2025-06-30")
    assert "London" not in before
    assert "2025-06      round           London (round 2)" in on.splitlines()


GENEVA_BEFORE_THE_EXTENSIONS = [
    f"2025-05-12   agreement       {GENEVA_TITLE}",
    "2025-05-14   truce_start     us-suspension-2025: term 1 starts",
    "2025-05-14   truce_start     china-suspension-2025: term 1 starts",
    "2025-05-14   truce_start     an-open-suspension: term 1 starts",
    # Not yet superseded: the extensions are not known on 10 August.
    "2025-08-12   truce_deadline  us-suspension-2025: term 1 ends",
    "2025-08-12   truce_deadline  china-suspension-2025: term 1 ends",
]


def test_the_timeline_before_the_extensions_were_announced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # On 10 August only the first terms (announced 12 May) and the open-ended suspension
    # (announced the evening of 13 May in Beijing) were known; the US extension came on 11 August, China's
    # on 12 August, the later suspension on 25 February 2026.
    path = str(_geneva_file(tmp_path))
    status, out, err = run(capsys, "--dataset", path, "timeline", "--as-of", "2025-08-10")
    assert (status, err) == (0, "")
    assert out.splitlines() == GENEVA_BEFORE_THE_EXTENSIONS


@pytest.mark.parametrize(
    ("at", "deadlines"),
    [
        # 09:00 on 11 August in Beijing is 21:00 on 10 August in New York: the order of
        # 11 August (a day, read in New York, the zone of the US terms) is not known yet.
        ("2025-08-11T09:00:00+08:00[Asia/Shanghai]", ["2025-08-12"]),
        # 12:00 in Beijing is midnight in New York (EDT, UTC-4): 11 August has begun there,
        # and the second term is known: from 12 August 00:01 EDT for 90 days, to
        # 10 November 00:01 EST.
        ("2025-08-11T12:00:00+08:00[Asia/Shanghai]", ["2025-08-12", "2025-11-10"]),
    ],
)
def test_an_announcement_is_read_in_the_zone_of_its_terms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, at: str, deadlines: list[str]
) -> None:
    path = str(_geneva_file(tmp_path))
    status, out, _ = run(capsys, "--dataset", path, "timeline", "--as-of", at)
    assert status == 0
    assert [
        line.split()[0]
        for line in out.splitlines()
        if "truce_deadline  us-suspension-2025: term " in line
    ] == deadlines


def test_an_early_end_is_in_the_timeline_once_announced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_geneva_file(tmp_path))
    ended = "2026-02-20   truce_end       us-suspension-2025: ended early (moot)"
    last = "2026-11-10   truce_deadline  us-suspension-2025: term 3 ends"
    # On 19 February 2026 the ruling of the 20th is not known: the deadline stands.
    _, out, _ = run(capsys, "--dataset", path, "timeline", "--as-of", "2026-02-19")
    assert ended not in out.splitlines()
    assert last in out.splitlines()
    # On the 20th it is, and the deadline it cut short says so; the later suspension,
    # announced on the 25th, is not there yet.
    _, out, _ = run(capsys, "--dataset", path, "timeline", "--as-of", "2026-02-20")
    assert ended in out.splitlines()
    assert f"{last} (cut short: it ended early on 2026-02-20)" in out.splitlines()
    assert "a-later-suspension" not in out


# --- standard input ----------------------------------------------------------------------------

SHIPPED_JSON = (DATA / "stockholm_2025.json").read_bytes()
SMALL = Path(__file__).parent / "good" / "small.json"


def test_a_dataset_from_standard_input_finds_its_text_in_the_current_folder() -> None:
    done = _tradetalks("--dataset", "-", "timeline", stdin=SHIPPED_JSON, cwd=DATA)
    assert (done.returncode, done.stderr) == (0, b"")
    # The whole timeline, as test_timeline counts it: 24 entries.
    assert len(done.stdout.splitlines()) == 24


def test_a_dataset_from_standard_input_without_its_text_nearby(tmp_path: Path) -> None:
    done = _tradetalks("--dataset", "-", stdin=SHIPPED_JSON, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode().startswith(
        f"tradetalks: standard input: $.sources[0].text_file: cannot read '{TEXT_NAME}'"
    )


def test_validate_files_and_standard_input(tmp_path: Path) -> None:
    done = _tradetalks(
        "validate", str(SMALL), "-", str(tmp_path / "none.json"), stdin=SMALL.read_bytes()
    )
    assert done.returncode == 1  # the missing file
    # small.json holds 11 records (see test_validate_shows_a_file_name_escaped_in_one_line).
    assert done.stdout.decode().splitlines() == [
        f"{SMALL}: valid (11 records)",
        "standard input: valid (11 records)",
        f"{tmp_path}/none.json: cannot read: No such file or directory",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "tradetalks/1", "sources": [], "notes": "\xff"}',  # not UTF-8
        b"\xef\xbb\xbf" + SMALL.read_bytes(),  # a byte order mark
        b"",
    ],
)
def test_standard_input_is_reported_as_a_file_would_be(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "given.json").write_bytes(data)
    from_file = _tradetalks("validate", str(tmp_path / "given.json"))
    from_stdin = _tradetalks("validate", "-", stdin=data)
    assert from_file.returncode == from_stdin.returncode == 1
    problems = from_file.stdout.decode().replace(f"{tmp_path}/given.json: ", "FILE: ")
    assert problems == from_stdin.stdout.decode().replace("standard input: ", "FILE: ")
    assert problems.startswith("FILE: ")


def test_merge_standard_input_with_a_file(tmp_path: Path) -> None:
    first, second = _merge_inputs(tmp_path)
    text = second.read_text(encoding="utf-8").replace('"name": "He Li Feng"', '"name": "He Lifeng"')
    second.write_text(text, encoding="utf-8")
    out_file = tmp_path / "out" / "merged.json"
    out_file.parent.mkdir()
    done = _tradetalks(
        "merge",
        "-",
        str(second),
        "-o",
        str(out_file),
        "--same",
        "bessent=scott-bessent",
        stdin=first.read_bytes(),
        cwd=first.parent,  # where A's text file is
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert tradetalks.load(out_file) == fixtures.stockholm_2025()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "-", "-"],
        ["validate", "a.json", "-", "b.json", "-"],
        ["merge", "-", "-", "-o", "out.json"],
    ],
)
def test_standard_input_twice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err == "tradetalks: error: - (standard input) is given 2 times; it can be read once\n"


def test_standard_input_that_is_closed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    status, out, err = run(capsys, "--dataset", "-")
    assert (status, out) == (2, "")
    assert err == "tradetalks: error: cannot read standard input: it is closed\n"


# --- --json ------------------------------------------------------------------------------------


def test_the_summary_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--json", "--as-of", "2025-07-29")
    assert (status, err) == (0, "")
    summary = json.loads(out)
    assert list(summary) == [
        "as_of",
        "sources",
        "rounds",
        "meetings",
        "truces",
        "claims",
        "speakers",
    ]
    assert summary["as_of"] == "2025-07-29"
    assert [s["id"] for s in summary["sources"]] == ["global-times-2025-07-30-stockholm"]
    assert [r["id"] for r in summary["rounds"]] == ["geneva-2025", "london-2025", "stockholm-2025"]
    assert [d["person_id"] for d in summary["rounds"][2]["delegates"]] == [
        "he-lifeng",
        "scott-bessent",
        "jamieson-greer",
    ]
    assert summary["rounds"][2]["delegates"][0] == {
        "person_id": "he-lifeng",
        "name": "He Lifeng",
        "party_code": "CN",
        "role": "lead",
        "title": "Vice Premier",
    }
    # 14 days from 29 July to 12 August (the module docstring of these tests).
    assert summary["truces"] == [
        {
            "id": "cn-us-tariff-truce-2025",
            "parties": ["CN", "US"],
            "suspended": "tariffs",
            "agreement_id": None,
            "status": "in_force",
            "announced_on": None,
            "deadline": "2025-08-12",
            "counts_to": "2025-08-12",
            "ended": None,
            "next_start": None,
            "days_remaining": 14,
            "no_count_reason": None,
        }
    ]
    assert summary["claims"] == {"count": 0, "disagreeing": []}
    # The counts of test_the_summary_says_who_said_how_much, most statements first.
    assert [(s["name"], s["statements"]) for s in summary["speakers"]][:2] == [
        ("Bao Jianyun", 4),
        ("Scott Bessent", 4),
    ]
    assert sum(s["statements"] for s in summary["speakers"]) == 27  # 4+4+3+3+3+2+2+2+2+1+1


def test_the_truces_as_json_as_known_during_chinas_lapse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    at = "2025-11-10T12:30:00+08:00[Asia/Shanghai]"
    status, out, _ = run(capsys, "--dataset", str(_geneva_file(tmp_path)), "--json", "--as-of", at)
    assert status == 0
    us, china, open_ended, later = json.loads(out)["truces"]
    # The values of test_the_truces_as_known_during_chinas_lapse, as data.
    assert (us["status"], us["deadline"], us["days_remaining"]) == (
        "in_force",
        "2026-11-10T00:01:00-05:00[America/New_York]",
        365,
    )
    assert (china["status"], china["deadline"], china["next_start"], china["days_remaining"]) == (
        "lapsed",
        "2025-11-10T12:01:00+08:00[Asia/Shanghai]",
        "2025-11-10T13:01:00+08:00[Asia/Shanghai]",
        0,
    )
    assert (open_ended["status"], open_ended["deadline"], open_ended["days_remaining"]) == (
        "in_force",
        None,
        None,
    )
    assert "runs until further notice" in open_ended["no_count_reason"]
    assert (later["status"], later["announced_on"], later["days_remaining"]) == (
        "not_announced",
        "2026-02-25",
        None,
    )
    assert "it was announced on 2026-02-25" in later["no_count_reason"]


def test_a_known_early_end_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = str(_geneva_file(tmp_path))
    status, out, _ = run(capsys, "--dataset", path, "--json", "--as-of", "2026-03-01")
    assert status == 0
    us = json.loads(out)["truces"][0]
    assert (us["status"], us["days_remaining"]) == ("ended", 0)
    assert us["ended"] == {"at": "2026-02-20", "reason": "moot", "announced_on": "2026-02-20"}
    # The day before, the end was not known: the deadline of the third term stands.
    status, out, _ = run(capsys, "--dataset", path, "--json", "--as-of", "2026-02-19")
    us = json.loads(out)["truces"][0]
    assert (us["status"], us["ended"]) == ("in_force", None)
    assert us["deadline"] == "2026-11-10T00:01:00-05:00[America/New_York]"


def test_the_timeline_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = str(_geneva_file(tmp_path))
    status, out, err = run(capsys, "--dataset", path, "timeline", "--json", "--as-of", "2025-08-10")
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["as_of"] == "2025-08-10"
    entries = document["entries"]
    assert [e["label"] for e in entries] == [line[29:] for line in GENEVA_BEFORE_THE_EXTENSIONS]
    assert entries[0] == {
        "when": "2025-05-12",
        "earliest": "2025-05-12",
        "latest": "2025-05-12",
        "event": "agreement",
        "record_kind": "agreements",
        "record_id": "geneva-joint-statement-2025",
        "term": None,
        "instant": None,
        "label": GENEVA_TITLE,
    }
    # The first US term, to 12:01 a.m. on 12 August in New York (EDT, UTC-4).
    assert entries[4] == {
        "when": "2025-08-12",
        "earliest": "2025-08-12",
        "latest": "2025-08-12",
        "event": "truce_deadline",
        "record_kind": "truces",
        "record_id": "us-suspension-2025",
        "term": 1,
        "instant": "2025-08-12T00:01:00-04:00[America/New_York]",
        "label": "us-suspension-2025: term 1 ends",  # the extension is not known yet
    }


def test_the_whole_timeline_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline", "--json")
    assert status == 0
    document = json.loads(out)
    assert document["as_of"] is None
    assert len(document["entries"]) == 24  # as test_timeline counts them
    assert document["entries"][0]["when"] == "2025-05"
    assert (document["entries"][0]["earliest"], document["entries"][0]["latest"]) == (
        "2025-05-01",
        "2025-05-31",
    )


def test_statements_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "statements", "Zhou Mi", "--json")
    assert (status, err) == (0, "")
    (speaker,) = json.loads(out)["speakers"]
    assert (speaker["id"], speaker["name"]) == ("zhou-mi", "Zhou Mi")
    # As in test_statements_of_one_speaker_by_id_or_name: 30 July, then two dated from it.
    assert [(s["said_on"], s["mode"]) for s in speaker["statements"]] == [
        ("2025-07-30", "direct"),
        ("2025-07-30?", "indirect"),
        ("2025-07-30?", "indirect"),
    ]
    assert speaker["statements"][0]["text"].startswith("The fact that the world's two largest")
    status, out, _ = run(capsys, "statements", "Chinese experts", "--json")
    (group,) = json.loads(out)["speakers"]
    assert (group["id"], group["name"], len(group["statements"])) == (None, "Chinese experts", 2)


def test_validate_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = Path(__file__).parent / "bad" / "duplicate_id.json"
    missing = tmp_path / "none.json"
    status, out, err = run(capsys, "validate", "--json", str(SMALL), str(bad), str(missing))
    assert (status, err) == (1, "")
    assert json.loads(out) == [
        {"file": str(SMALL), "valid": True, "records": 11, "problems": []},
        {
            "file": str(bad),
            "valid": False,
            "records": None,
            "problems": [
                {
                    "path": "$.people[1].id",
                    "message": "the id 'he-lifeng' is already used by $.people[0]",
                }
            ],
        },
        {
            "file": str(missing),
            "valid": False,
            "records": None,
            "problems": [{"path": None, "message": "cannot read: No such file or directory"}],
        },
    ]
    status, out, _ = run(capsys, "validate", str(SMALL), "--json")
    assert status == 0
    assert json.loads(out)[0]["valid"] is True


def test_validate_standard_input_as_json() -> None:
    done = _tradetalks("--json", "validate", "-", stdin=SMALL.read_bytes())
    assert done.returncode == 0
    assert json.loads(done.stdout) == [{"file": "-", "valid": True, "records": 11, "problems": []}]


def test_json_is_exact_and_safe_for_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_hostile_file(tmp_path))
    for argv in (["--json"], ["timeline", "--json"], ["statements", "mallory", "--json"]):
        status, out, _ = run(capsys, "--dataset", path, *argv)
        assert status == 0
        assert UNSAFE.search(out) is None, argv
    _, out, _ = run(capsys, "--dataset", path, "--json")
    summary = json.loads(out)
    # The names read back exactly as the file holds them.
    assert summary["rounds"][0]["city"] == "Stock\x1b[2Jholm"
    assert summary["meetings"][0]["description"] == "Call\x9b2J"
    assert [s["name"] for s in summary["speakers"]] == [
        "Mallory\x1b]0;owned\x07",
        "the \u2066crowd\u2069",
    ]
    assert "\\u009b" in out
    assert "\\u2066" in out


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["--json", "statements", "Xi Jinping"], 2),
        (["validate", "--json", str(Path(__file__).parent / "bad" / "duplicate_id.json")], 1),
        (["--json", "--dataset", str(Path(__file__).parent / "bad" / "duplicate_id.json")], 1),
    ],
)
def test_json_changes_no_exit_status(
    capsys: pytest.CaptureFixture[str], argv: list[str], status: int
) -> None:
    without = [word for word in argv if word != "--json"]
    assert run(capsys, *without)[0] == status
    assert run(capsys, *argv)[0] == status


def test_a_question_the_data_cannot_answer_as_json_prints_no_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    data["truces"][0]["terms"][0]["end"] = "2025-08"
    (tmp_path / "stockholm_2025.json").write_text(json.dumps(data), encoding="utf-8")
    shutil.copyfile(DATA / TEXT_NAME, tmp_path / TEXT_NAME)
    path = str(tmp_path / "stockholm_2025.json")
    # On 15 August, within the month of the deadline, where the truce stands is unknown.
    status, out, err = run(capsys, "--dataset", path, "--as-of", "2025-08-15", "--json")
    assert (status, out) == (1, "")
    assert "2025-08 is known only to the month" in err
    # On 30 July it is in force, but no count of days can be given: said in the document.
    status, out, _ = run(capsys, "--dataset", path, "--as-of", "2025-07-30", "--json")
    truce = json.loads(out)["truces"][0]
    assert (status, truce["status"], truce["deadline"], truce["days_remaining"]) == (
        0,
        "in_force",
        "2025-08",
        None,
    )
    assert "known only to the month" in truce["no_count_reason"]


# --- exit statuses -----------------------------------------------------------------------------

BAD = Path(__file__).parent / "bad" / "duplicate_id.json"


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        ([], 0),
        (["timeline", "--as-of", "2025-08-01"], 0),
        (["validate", str(SMALL)], 0),
        (["export", "--format", "ics", "--kind", "truces"], 0),
        (["--dataset", str(BAD)], 1),  # a bad dataset file
        (["validate", str(BAD)], 1),
        (["validate", "no-such-file.json"], 1),
        (["--no-such-option"], 2),
        (["frobnicate"], 2),
        (["--as-of", "2025-13-01"], 2),
        (["--dataset", "no-such-file.json"], 2),  # a file named to read, not there
        (["validate", "-", "-"], 2),
        (["export", "--kind", "nonsense"], 2),
        (["export", "--format", "ics", "--kind", "people"], 2),
        (["--json", "export"], 2),
        (["statements", "Xi Jinping"], 2),
    ],
)
def test_python_dash_m_exit_status(argv: list[str], status: int) -> None:
    done = _tradetalks(*argv)
    assert done.returncode == status
    assert b"Traceback" not in done.stderr
    if status == 2:
        (line,) = done.stderr.decode().splitlines()
        assert line.startswith("tradetalks: error: ")


def test_a_merge_conflict_exits_1(tmp_path: Path) -> None:
    first, second = _merge_inputs(tmp_path)
    done = _tradetalks("merge", str(first), str(second), "-o", str(tmp_path / "m.json"))
    assert done.returncode == 1
    assert done.stderr.decode().startswith("tradetalks: conflict: he-lifeng.name: ")


def test_a_missing_optional_extra_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if it were not installed
    status, out, err = run(capsys, "export", "--format", "ics")
    assert (status, out) == (1, "")
    assert err == (
        "tradetalks: error: iCalendar export needs icalendar: pip install 'tradetalks[calendar]'\n"
    )


# --- export --format ics --kind ----------------------------------------------------------------


def _uids(calendar: bytes) -> list[str]:
    return [
        line.removeprefix("UID:")
        for line in calendar.decode("utf-8").splitlines()
        if line.startswith("UID:")
    ]


@pytest.mark.parametrize(
    ("kind", "uids"),
    [
        # The shipped dataset: three rounds, the Beijing meeting, one truce term's deadline.
        ("rounds", ["geneva-2025", "london-2025", "stockholm-2025"]),
        ("meetings", ["wang-wentao-meets-uscbc"]),
        ("truces", ["cn-us-tariff-truce-2025-term-1"]),
    ],
)
def test_export_ics_of_one_kind(
    capsysbinary: pytest.CaptureFixture[bytes], kind: str, uids: list[str]
) -> None:
    assert main(["export", "--format", "ics", "--kind", kind]) == 0
    assert _uids(capsysbinary.readouterr().out) == [f"{uid}@tradetalks" for uid in uids]


def test_export_ics_of_every_kind(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "ics"]) == 0
    assert len(_uids(capsysbinary.readouterr().out)) == 3 + 1 + 1


def test_export_ics_of_a_kind_without_events_is_refused_before_reading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The file named does not exist: the kind is refused first.
    argv = ["--dataset", "no-such-file.json", "export", "--format", "ics", "--kind", "people"]
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err == (
        "tradetalks: error: --format ics has events of the kinds rounds, meetings, truces, "
        "not 'people'\n"
    )


# --- progress on standard error ----------------------------------------------------------------


class _Terminal(io.StringIO):
    """Standard error as a terminal: what is written to it is kept."""

    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """Standard error a terminal, and every file large enough to show its load.

    Called in the test itself: pytest's capture sets standard error again when the test
    is called, after the fixtures are set up.
    """
    stream = _Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(cli, "_LARGE", 1)
    monkeypatch.setattr(cli, "_DELAY", 0)
    return stream


def test_a_large_load_shows_the_bytes_read_then_the_decoding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, plain, _ = run(capsys, "--dataset", str(SMALL), "timeline")
    terminal = _terminal(monkeypatch)
    status, out, _ = run(capsys, "--dataset", str(SMALL), "timeline")
    assert (status, out) == (0, plain)  # the output is the same
    shown = terminal.getvalue()
    # All the bytes of the file read, as tqdm writes a size in KiB; then the decoding.
    size = SMALL.stat().st_size
    assert f"reading {SMALL}: 100%|" in shown
    assert f"| {size / 1024:.2f}k/{size / 1024:.2f}k [" in shown
    assert f"decoding {SMALL}: 00:00" in shown


def test_an_export_of_every_table_shows_the_tables_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal(monkeypatch)
    assert main(["export", "--format", "parquet", "--output", str(tmp_path)]) == 0
    assert (tmp_path / "parties.parquet").is_file()
    # One Parquet file for each table (exports.KINDS); a quick export is done before the
    # bar is drawn again.
    assert f"tables:   0%|          | 0/{len(tradetalks.exports.KINDS)} [" in terminal.getvalue()


def test_no_progress_without_tqdm(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal(monkeypatch)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if the extra were not installed
    status, _, _ = run(capsys, "--dataset", str(SMALL), "timeline")
    assert status == 0
    assert main(["export", "--output", os.devnull]) == 0
    assert terminal.getvalue() == ""


def test_no_progress_when_standard_error_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_LARGE", 1)
    monkeypatch.setattr(cli, "_DELAY", 0)
    assert run(capsys, "--dataset", str(SMALL), "timeline")[2] == ""
    assert main(["export", "--output", os.devnull]) == 0
    assert capsys.readouterr().err == ""


def test_python_dash_m_shows_a_large_load_on_a_terminal(tmp_path: Path) -> None:
    # The shipped file with 5 MiB of white space after it (JSON allows it), read from
    # standard input, with standard error on a terminal (a pseudo-terminal here).
    big = tmp_path / "big.json"
    big.write_bytes(SHIPPED_JSON + b" " * (5 * 1024 * 1024))
    primary, secondary = pty.openpty()
    # 24 lines of 80 columns, as a terminal has (a new pseudo-terminal has none).
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    with big.open("rb") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-m", "tradetalks", "--dataset", "-", "timeline"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=secondary,
            cwd=DATA,
        )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal is closed: the command has ended
            break
        if not chunk:
            break
        shown += chunk
    out, _ = process.communicate(timeout=120)
    os.close(primary)
    assert process.returncode == 0
    assert len(out.splitlines()) == 24
    assert b"reading standard input" in shown
    assert b"decoding standard input" in shown
    # Nothing is shown when standard error is not a terminal.
    with big.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "tradetalks", "--dataset", "-", "timeline"],
            stdin=stdin,
            capture_output=True,
            cwd=DATA,
            check=False,
            timeout=120,
        )
    assert (done.returncode, done.stderr) == (0, b"")


def test_an_export_to_a_standard_output_without_bytes_is_written_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A notebook's standard output takes text only (it has no ``buffer``)."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["export", "--format", "csv", "--kind", "parties"]) == 0
    assert out.getvalue() == "code,name\r\nCN,China\r\nUS,United States\r\n"


@pytest.mark.parametrize(
    ("arguments", "name", "what"),
    [
        (["--format", "json"], "rows.json", "a JSON array of the rows of the table statements"),
        (["--format", "ndjson"], "rows.ndjson", "the rows of the table statements, one a line"),
        (["--format", "csv", "--kind", "truces"], "truces.csv", "the CSV table truces"),
        (["--format", "annotations"], "evidence.jsonld", "Web Annotations"),
        (["--format", "ics"], "talks.ics", "an iCalendar file"),
    ],
)
def test_validate_says_in_one_line_that_an_export_is_not_a_dataset(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    name: str,
    what: str,
) -> None:
    target = tmp_path / name
    assert main(["export", *arguments, "--output", str(target)]) == 0
    capsys.readouterr()
    assert main(["validate", str(target)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # one line, not a problem for each row
    assert out.startswith(f"{target}: not a dataset but {what} (tradetalks export --format ")
    assert out.endswith("; a dataset is written by tradetalks.dump or tradetalks merge\n")


def test_validate_names_a_parquet_file_and_a_data_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "parquet", "--output", str(tmp_path / "pq")]) == 0
    assert main(["export", "--format", "csv", "--output", f"{tmp_path / 'pk'}/"]) == 0
    capsys.readouterr()
    files = [str(tmp_path / "pq" / "rounds.parquet"), str(tmp_path / "pk" / "datapackage.json")]
    assert main(["validate", *files]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": not a dataset but ")[1].split(" (")[0] for line in lines] == [
        "a Parquet file",
        "a data package",
    ]


def test_validate_still_lists_the_problems_of_a_broken_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not an export keeps its problems, each on a line."""
    target = tmp_path / "broken.json"
    target.write_text('{"format": "tradetalks/1", "rounds": [{}]}', encoding="utf-8")
    assert main(["validate", str(target)]) == 1
    out = capsys.readouterr().out
    assert "not a dataset" not in out
    assert out.count("\n") > 1


def test_statements_of_a_name_not_in_the_data_suggests_the_closest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "statements", "bessent")
    assert (status, out) == (2, "")
    assert err == (
        "tradetalks: error: no record has the id or name 'bessent'; "
        "did you mean 'scott-bessent' (Scott Bessent)?\n"
    )
    # "Chinese experts" is a group the article does not name: no record, but a speaker.
    status, _, err = run(capsys, "statements", "experts")
    assert status == 2
    assert err.endswith("did you mean the group 'Chinese experts'?\n")


def test_statements_of_someone_who_said_nothing_is_not_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Reuters is in the data only as an outlet that reported Bessent's warning.
    status, out, err = run(capsys, "statements", "Reuters")
    assert (status, err) == (0, "")
    assert out == "Reuters: no statements (in the dataset, but said nothing in it)\n"
    status, out, _ = run(capsys, "statements", "reuters", "--json")
    assert status == 0
    assert json.loads(out)["speakers"] == [{"id": "reuters", "name": "Reuters", "statements": []}]


def test_statements_by_name_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "statements", "scott  BESSENT")
    assert status == 0
    assert out.startswith("Scott Bessent: 4 statements\n")  # article lines 11, 11, 12, 13


def test_export_csv_without_a_kind_to_a_new_folder_is_a_data_package(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "tables"  # neither there yet nor ending in a separator
    assert main(["export", "--format", "csv", "--output", str(folder)]) == 0
    assert (folder / "datapackage.json").is_file()
    assert (folder / "statements.csv").is_file()
    one = tmp_path / "statements.csv"  # a file named *.csv: the statements alone
    assert main(["export", "--format", "csv", "--output", str(one)]) == 0
    assert one.read_bytes() == (folder / "statements.csv").read_bytes()


def test_a_folder_of_tables_is_not_written_over_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "tables"
    file.write_text("mine", encoding="utf-8")
    for form in ("parquet", "csv"):
        assert main(["export", "--format", form, "--output", str(file)]) == 2
        assert f"--output {str(file)!r} is a file; --format {form} writes a folder" in (
            capsys.readouterr().err
        )
    assert file.read_text(encoding="utf-8") == "mine"


def test_an_export_given_as_the_dataset_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tmp_path / "rows.ndjson"
    assert main(["export", "--format", "ndjson", "--output", str(rows)]) == 0
    capsys.readouterr()
    assert main(["--dataset", str(rows)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not a dataset but the rows of the table statements, one a line" in err


def test_statements_json_gives_each_statements_speakers_and_reporting_chain(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "statements", "scott-bessent", "--json")
    assert status == 0
    [speaker] = json.loads(out)["speakers"]
    chains = {s["id"]: (s["speakers"], s["reported_by"]) for s in speaker["statements"]}
    # "Bessent and Greer ... CNN reported"; the warning on Russian oil "Reuters reported".
    assert chains["bessent-greer-constructive"] == (["Scott Bessent", "Jamieson Greer"], ["CNN"])
    assert chains["bessent-russian-oil-warning"] == (["Scott Bessent"], ["Reuters"])


def _renamed_file(folder: Path, **names: str) -> Path:
    """The shipped dataset with organizations renamed (id=new name), written to ``folder``."""
    raw = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    for organization in raw["organizations"]:
        if organization["id"] in names:
            organization["name"] = names[organization["id"]]
    path = folder / "renamed.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    for name in ("global-times-2025-07-30-stockholm.txt",):
        (folder / name).write_bytes((DATA / name).read_bytes())
    return path


def test_statements_by_a_name_a_party_shares_with_a_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The Ministry of Commerce renamed "China", the name of the party CN: as a speaker, the
    # name can only be the ministry's.
    path = str(_renamed_file(tmp_path, mofcom="China"))
    status, out, err = run(capsys, "--dataset", path, "statements", "China")
    assert (status, err) == (0, "")
    assert out.startswith("China: 1 statement\n")


def test_the_summary_tells_apart_two_speakers_of_one_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The Ministry of Commerce renamed "Xinhua News Agency": two speakers, one name; each
    # made one statement ("Xinhua noted", "MOFCOM said").
    path = str(_renamed_file(tmp_path, mofcom="Xinhua News Agency"))
    status, out, _ = run(capsys, "--dataset", path, "--json")
    assert status == 0
    rows = [s for s in json.loads(out)["speakers"] if s["name"] == "Xinhua News Agency"]
    assert sorted((s["id"], s["statements"]) for s in rows) == [("mofcom", 1), ("xinhua", 1)]


def test_export_to_standard_output_by_dash_and_an_empty_output_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "export", "--format", "csv", "--kind", "parties", "--output", "-")
    assert (status, out) == (0, "code,name\r\nCN,China\r\nUS,United States\r\n")
    status, _, err = run(capsys, "export", "--output", "")
    assert status == 2
    assert "--output is empty" in err


def test_a_closed_standard_output_is_one_line_and_status_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # as Python starts with 1>&-
    assert main(["summary"]) == 1
    assert capsys.readouterr().err == "tradetalks: error: standard output: it is closed\n"


def test_validate_reads_ndjson_rows_whose_text_holds_a_line_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"code": "CN", "name": "China\u2028(PRC)"}, {"code": "US", "name": "United States"}]
    path = tmp_path / "parties.ndjson"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    assert main(["validate", str(path)]) == 1
    assert "not a dataset but the rows of the table parties, one a line" in capsys.readouterr().out


def test_the_timeline_lists_the_undated_last_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "timeline", "--undated")
    assert status == 0
    lines = out.splitlines()
    # 24 dated entries, then the presidents' phone call and the 7 undated statements.
    assert len(lines) == 24 + 8
    assert all(line.startswith("undated") for line in lines[24:])
    assert lines[24] == (
        "undated      meeting         The phone call between the presidents of China and the US"
    )
    status, out, _ = run(capsys, "timeline")
    assert len(out.splitlines()) == 24


def test_an_undated_round_shows_the_end_it_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The London round "ended on 11 June": its start is not given, its end is.
    raw = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    raw["rounds"][1]["dates"] = "/2025-06-11"
    path = tmp_path / "london.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    (tmp_path / "global-times-2025-07-30-stockholm.txt").write_bytes(
        (DATA / "global-times-2025-07-30-stockholm.txt").read_bytes()
    )
    status, out, _ = run(capsys, "--dataset", str(path), "timeline", "--undated")
    assert status == 0
    assert (
        "undated      round           London (round 2) (start not given; ended 2025-06-11)"
        in out.splitlines()
    )


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("2025-08-11T16:00:00Z", "2025-08-11T16:00:00+00:00[UTC]"),
        # 16:00 UTC is midnight in Beijing (UTC+8), read in Etc/GMT-8 (its sign reversed).
        ("2025-08-12T00:00:00+08:00", "2025-08-12T00:00:00+08:00[Etc/GMT-8]"),
    ],
)
def test_as_of_an_rfc_3339_timestamp(
    capsys: pytest.CaptureFixture[str], given: str, shown: str
) -> None:
    status, out, _ = run(capsys, "--as-of", given)
    assert status == 0
    # The deadline is the day 12 August: on 11 August in UTC one day remains; on 12 August
    # in Beijing the truce has expired.
    expected = "in force, 1 day remains" if given.endswith("Z") else "expired, 0 days remain"
    assert deadline_line(out) == f"deadline 2025-08-12, as known on {shown}: {expected}"
