"""The command line: the summary, its subcommands, and one-line errors for bad arguments.

Day counts are calendar arithmetic to the deadline of 12 August 2025: from 29 July, 2 days
of July are left (30, 31) and 12 of August, 14 in all; from 30 July, 13; from 11 August, 1;
from 1 May, 30 + 30 + 31 + 12 = 103 (to 31 May, through June and July, then August).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tradetalks
from tradetalks.cli import main

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
