"""The command line: ``tradetalks`` (or ``python -m tradetalks``).

``tradetalks`` alone prints a summary of the shipped Stockholm dataset: its source, the
rounds in order with their dates and delegates, each truce's deadline and the days left as
of the source's dateline, and who said how much. Options and subcommands:

* ``--dataset FILE``: use a dataset file instead of the shipped one;
* ``--as-of DATE``: count days to deadlines from ``DATE`` (``YYYY-MM-DD``, or an RFC 9557
  timestamp such as ``2025-08-12T12:00:00+08:00[Asia/Shanghai]``);
* ``timeline [--svg FILE]``: every dated entry in chronological order, or the timeline
  picture as SVG (needs ``tradetalks[plot]``);
* ``statements SPEAKER``: one speaker's statements, by id or name;
* ``validate FILE...``: every problem in every file, each with its JSONPath; exit status 1
  when any file has a problem, 0 when all are valid;
* ``schema``: the JSON Schema of the dataset format;
* ``export [--format json|csv|ics] [--kind KIND] [--output FILE]``: the dataset as flat
  rows in JSON or CSV (see :mod:`tradetalks.exports`), or as iCalendar.

Bad arguments print a one-line error and exit with status 2; a dataset file with problems
prints each of them and exits with status 1.

>>> main(["--as-of", "2025-07-29"])  # doctest: +ELLIPSIS
Source: Global Times, published 2025-07-30 (en), 6137 characters
...
Truce cn-us-tariff-truce-2025 (CN and US; suspended: tariffs)
  deadline 2025-08-12, as known on 2025-07-29: in force, 14 days remain
...
0
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import COLLECTIONS
from tradetalks.errors import DataFormatError, InvalidValueError, TradetalksError
from tradetalks.exports import KINDS
from tradetalks.instants import format_instant, parse_instant
from tradetalks.schema import json_schema
from tradetalks.serialization.wire import is_iso_day, read_day
from tradetalks.statements import Statement
from tradetalks.talks import Meeting, Round
from tradetalks.truces import TruceStatus

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tradetalks.dataset import Dataset


class _UsageError(Exception):
    """A bad argument: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _as_of(text: str) -> dt.date:
    try:
        if "T" in text:
            return parse_instant(text)
        return read_day(text) if is_iso_day(text) else _bad_date(text)
    except (ValueError, TradetalksError) as error:
        message = error.message if isinstance(error, TradetalksError) else str(error)
        raise argparse.ArgumentTypeError(f"--as-of {text!r}: {message}") from None


def _bad_date(text: str) -> NoReturn:
    raise InvalidValueError(f"expected a day as YYYY-MM-DD or an RFC 9557 timestamp, not {text!r}")


def _parser() -> _Parser:
    parser = _Parser(
        prog="tradetalks",
        description="Summarize a tradetalks dataset (by default, the shipped Stockholm one).",
    )
    parser.add_argument("--dataset", metavar="FILE", help="a dataset JSON file to read")
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        help="count days to deadlines from DATE (YYYY-MM-DD or an RFC 9557 timestamp), given "
        "before the command; default: the latest source's dateline",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("summary", help="the summary (the default)")
    timeline = commands.add_parser("timeline", help="every dated entry in chronological order")
    timeline.add_argument(
        "--svg", metavar="FILE", help="draw the timeline as an SVG picture in FILE instead"
    )
    speaker = commands.add_parser("statements", help="one speaker's statements")
    speaker.add_argument("speaker", help="a speaker's id (zhou-mi) or name (Zhou Mi)")
    validate = commands.add_parser(
        "validate", help="check dataset files and list every problem in each"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="dataset JSON files")
    commands.add_parser("schema", help="print the JSON Schema of the dataset format")
    export = commands.add_parser(
        "export",
        help="write the dataset as flat rows (JSON or CSV) or iCalendar events; "
        "a dataset file is written by tradetalks.dump",
    )
    export.add_argument("--format", choices=("json", "csv", "ics"), default="json")
    export.add_argument(
        "--kind",
        choices=KINDS,
        help="the kind of rows (json: all kinds when left out; csv: default statements)",
    )
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Output goes to standard output, errors to standard error, each in one line. Status 0 on
    success, 1 for a dataset file with problems or a question it cannot answer (a day count
    to a deadline known only to the month, a missing optional extra, a file that cannot be
    written), 2 for bad arguments.

    >>> main(["statements", "Bao Jianyun"])  # doctest: +ELLIPSIS
    Bao Jianyun: 4 statements
    2025-07-30  indirect  told the Global Times
      the latest talks underline both countries' commitment to resolving their ...
    ...
    0
    """
    dataset: str | None = None
    try:
        args = _parser().parse_args(argv)
        dataset = args.dataset
        command = args.command or "summary"
        if command == "validate":
            return _validate(args.files)
        if command == "schema":
            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
            return 0
        _run(command, args, _dataset(args.dataset))
    except (_UsageError, DataFormatError, TradetalksError, ImportError, OSError) as error:
        return _report(error, dataset)
    return 0


def _report(error: Exception, dataset: str | None) -> int:
    """Print an error in one line (a file's problems one a line); return the exit status."""
    if isinstance(error, BrokenPipeError):  # the reader stopped early (| head): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    if isinstance(error, _UsageError):
        print(f"tradetalks: error: {error}", file=sys.stderr)
        return 2
    if isinstance(error, DataFormatError):
        for problem in error.problems:
            print(f"tradetalks: {dataset}: {problem.path}: {problem.message}", file=sys.stderr)
    elif isinstance(error, OSError):  # an output file that cannot be written
        print(f"tradetalks: error: {error.filename}: {error.strerror}", file=sys.stderr)
    else:  # a question the data cannot answer, or an optional extra that is missing
        print(f"tradetalks: error: {error}", file=sys.stderr)
    return 1


def _run(command: str, args: argparse.Namespace, dataset: Dataset) -> None:
    if command == "timeline" and args.svg:
        from tradetalks.plotting import write_svg  # noqa: PLC0415 - an optional extra

        write_svg(dataset, args.svg)
    elif command == "timeline":
        _timeline(dataset)
    elif command == "statements":
        _statements(dataset, args.speaker)
    elif command == "export":
        _export(dataset, args.format, args.kind, args.output)
    else:
        _summary(dataset, args.as_of)


def _validate(files: Sequence[str]) -> int:
    from tradetalks import serialization  # noqa: PLC0415 - loaded only when run

    status = 0
    for file in files:
        try:
            dataset = serialization.load(file)
        except OSError as error:
            print(f"{file}: cannot read: {error.strerror}")
            status = 1
            continue
        except DataFormatError as error:
            for problem in error.problems:
                print(f"{file}: {problem.path}: {problem.message}")
            status = 1
            continue
        count = sum(len(getattr(dataset, name)) for name, _ in COLLECTIONS)
        print(f"{file}: valid ({_plural(count, 'record')})")
    return status


def _export(dataset: Dataset, form: str, kind: str | None, output: str | None) -> None:
    from tradetalks import exports  # noqa: PLC0415 - loaded only when run

    data: bytes
    if form == "ics":
        data = exports.to_ical(dataset)
    elif form == "csv":
        data = exports.to_csv(dataset, kind or "statements").encode("utf-8")
    else:
        kinds = [kind] if kind else list(exports.KINDS)
        rows = {name: exports.to_records(dataset, name) for name in kinds}
        data = (json.dumps(rows, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(output).write_bytes(data)


def _dataset(path: str | None) -> Dataset:
    from tradetalks import fixtures, serialization  # noqa: PLC0415 - loaded only when run

    if path is None:
        return fixtures.stockholm_2025()
    try:
        return serialization.load(path)
    except OSError as error:
        raise _UsageError(f"cannot read {path!r}: {error.strerror}") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary(dataset: Dataset, as_of: dt.date | None) -> None:
    for source in dataset.sources:
        title = f" {source.title!r}," if source.title else ""
        print(
            f"Source: {source.outlet.name},{title} published {source.published_on} "
            f"({source.language}), {len(source.text)} characters"
        )
    if as_of is None:
        dates = [s.published_on for s in dataset.sources]
        as_of = max(dates) if dates else dt.datetime.now(dt.UTC).date()
    shown = format_instant(as_of) if isinstance(as_of, dt.datetime) else as_of.isoformat()
    rounds = dataset.rounds_in_order()
    if rounds:
        print("\nRounds")
    for round_ in rounds:
        number = f"{round_.number}." if round_.number is not None else "-"
        place = f"{round_.city}, {round_.country}" if round_.country else round_.city
        print(f"  {number:<3} {place:<16} {round_.dates!s:<22} {round_.track}")
        for delegate in round_.delegates:
            print(
                f"      {delegate.party.code} {delegate.role.value:<7} "
                f"{delegate.person.name} ({delegate.title})"
            )
    if dataset.meetings:
        print("\nOther meetings")
    for meeting in dataset.meetings:
        when = str(meeting.dates) if meeting.dates else "undated"
        print(f"  {when:<22} {meeting.kind.value:<11} {meeting.description}")
    for truce in dataset.truces:
        parties = " and ".join(p.code for p in truce.parties)
        print(f"\nTruce {truce.id} ({parties}; suspended: {truce.suspended})")
        term = truce.deadline(as_of)
        status = truce.status(as_of)
        end = format_instant(term.end) if isinstance(term.end, dt.datetime) else str(term.end)
        try:
            left = _plural(truce.days_remaining(as_of), "day")
            verb = "remains" if left.startswith("1 ") else "remain"
            remaining = f", {left} {verb}"
        except TradetalksError as error:
            remaining = f" ({error.message})"
        words = {
            TruceStatus.NOT_STARTED: "not yet started",
            TruceStatus.IN_FORCE: "in force",
            TruceStatus.EXPIRED: "expired",
        }
        print(f"  deadline {end}, as known on {shown}: {words[status]}{remaining}")
    _who_said(dataset.statements)


def _who_said(statements: Sequence[Statement]) -> None:
    if not statements:
        return
    counts: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for statement in statements:
        for name in statement.speaker_names:
            counts[name] += 1
            words[name] += len(statement.text.split())
    print("\nWho said how much (statements, words; one made by two speakers counts for each)")
    for name, count in sorted(
        counts.items(), key=lambda item: (-item[1], -words[item[0]], item[0])
    ):
        print(f"  {name:<20} {count:>3} {words[name]:>5}")


def _timeline(dataset: Dataset) -> None:
    for entry in dataset.timeline():
        record = entry.record
        if entry.term is not None:
            label = (
                f"{record.id}: term {'starts' if entry.event.value == 'truce_start' else 'ends'}"
            )
        elif isinstance(record, Statement):
            label = f"{', '.join(record.speaker_names)}: {_cut(record.text, 60)}"
        elif isinstance(record, Round):
            label = f"{record.city} (round {record.number})"
        elif isinstance(record, Meeting):
            label = record.description
        else:
            label = record.id
        print(f"{entry.when!s:<12} {entry.event.value:<15} {label}")


def _statements(dataset: Dataset, speaker: str) -> None:
    wanted = speaker.strip().casefold()
    if not wanted:
        raise _UsageError("name a speaker by id or name")
    matches = {
        (s.words if isinstance(s, UnnamedGroup) else s.id): s
        for statement in dataset.statements
        for s in statement.speakers
        if wanted
        in {
            (s.words if isinstance(s, UnnamedGroup) else s.name).casefold(),
            getattr(s, "id", "").casefold(),
        }
    }
    if not matches:
        raise _UsageError(f"no statements by {speaker!r} in the dataset")
    for who in matches.values():
        found = dataset.statements_by(who)
        name = who.words if isinstance(who, UnnamedGroup) else who.name
        print(f"{name}: {_plural(len(found), 'statement')}")
        for statement in found:
            when = statement.said_on.value if statement.said_on else "undated"
            via = ", ".join(
                r.words if isinstance(r, UnnamedGroup) else r.name for r in statement.reported_by
            )
            extra = "  ".join(
                x for x in (statement.audience or "", f"via {via}" if via else "") if x
            )
            print(f"{when!s:<11} {statement.mode.value:<8}  {extra}".rstrip())
            print(f"  {_cut(statement.text, 76)}")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 4].rstrip() + " ..."
