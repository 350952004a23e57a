r"""The command line: ``tradetalks`` (or ``python -m tradetalks``).

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
* ``merge A B -o OUT [--same B_ID=A_ID]...``: one dataset of two files (see
  :meth:`tradetalks.Dataset.merge`), written to ``OUT`` with its sources' text files beside
  it; when they disagree, each conflicting field is printed on a line of its own
  (``tradetalks: conflict: RECORD.FIELD: VALUE (SOURCES) vs VALUE (SOURCES)``) and the exit
  status is 1;
* ``export [--format json|csv|ics] [--kind KIND] [--raw-csv] [--output FILE]``: the
  dataset as flat rows in JSON or CSV (see :mod:`tradetalks.exports`), or as iCalendar.
  CSV is safe to open in a spreadsheet: a text cell beginning with ``=``, ``+``, ``-``,
  ``@``, a tab, a carriage return or NUL gets a leading ``'``; ``--raw-csv`` writes every
  cell as it is, for tools that are not spreadsheets.

What the commands print for people to read (the summary, ``timeline``, ``statements``,
``validate`` and every error) shows the control characters and bidirectional formatting
characters of names and texts escaped, as ``\x1b`` or ``\u202e``, so that a record cannot
retitle or clear the terminal or reorder what it shows; newlines are kept, except in a
one-line error or problem. ``schema`` and ``export`` write their data exactly.

Bad arguments print a one-line error and exit with status 2; a dataset file with problems
prints each of them (``tradetalks: FILE: JSONPATH: MESSAGE``) and exits with status 1, as
does an output that cannot be written (``tradetalks: error: FILE: REASON``, ``standard
output`` for the terminal or a pipe).

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
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tradetalks.actors import UnnamedGroup
from tradetalks.agreements import Agreement
from tradetalks.dataset import COLLECTIONS, TimelineEvent
from tradetalks.dates import is_iso_day
from tradetalks.errors import (
    DataFormatError,
    InvalidValueError,
    MergeConflictError,
    Problem,
    TradetalksError,
)
from tradetalks.exports import KINDS
from tradetalks.instants import format_instant, parse_instant
from tradetalks.schema import json_schema
from tradetalks.serialization.wire import read_day
from tradetalks.statements import Statement
from tradetalks.talks import Delegate, Meeting, Round
from tradetalks.truces import Truce, TruceStatus, bound_text

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from tradetalks.dataset import Dataset, TimelineEntry

_STDOUT = "standard output"
"""How an error names standard output (the terminal, a pipe or a redirected file)."""

_SHIPPED = "stockholm_2025.json"
"""The shipped dataset's file, in :data:`tradetalks.fixtures.DATA`."""


class _UsageError(Exception):
    """A bad argument: reported in one line, exit status 2."""


class _DatasetError(Exception):
    """A dataset file that does not load: one line per problem, each naming the file."""

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        super().__init__(file)
        self.file = file
        self.problems = problems


class _WriteError(Exception):
    """An output (a file, or standard output) that cannot be written: one line, status 1."""

    def __init__(self, file: str, error: OSError) -> None:
        super().__init__(f"{file}: {_reason(error)}")
        self.file = file
        self.error = error


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _reason(error: OSError) -> str:
    """What went wrong, in words: the system's (``No such file or directory``), else the error's."""
    return error.strerror or str(error) or type(error).__name__


@contextlib.contextmanager
def _writing(file: str) -> Iterator[None]:
    """Turn an :class:`OSError` raised while writing ``file`` into a :class:`_WriteError` naming it."""
    try:
        yield
    except OSError as error:
        raise _WriteError(file, error) from error


def _escape(code: int) -> str:
    named = {0x09: r"\t", 0x0A: r"\n", 0x0D: r"\r"}
    return named.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_UNSAFE = (
    *range(0x20),  # the C0 controls: ESC, BEL, backspace, tab, CR, newline...
    *range(0x7F, 0xA0),  # DEL and the C1 controls (CSI is U+009B)
    *(0x061C, 0x200E, 0x200F),  # the bidirectional marks: ALM, LRM, RLM
    *range(0x202A, 0x202F),  # the embeddings and overrides: LRE, RLE, PDF, LRO, RLO
    *range(0x2066, 0x206A),  # the isolates: LRI, RLI, FSI, PDI
    *range(0xD800, 0xE000),  # lone surrogates: the undecodable bytes of an argument
)
_ONE_LINE = {code: _escape(code) for code in _UNSAFE}
_LINES = {code: shown for code, shown in _ONE_LINE.items() if code != 0x0A}


def _shown(text: str, *, one_line: bool = False) -> str:
    r"""``text`` as it may be printed to a terminal: what could control the terminal escaped.

    The control characters (C0, DEL and C1: ESC, BEL, CSI...) are shown as ``\x1b``
    (``\t``, ``\r`` and ``\n`` for tab, carriage return and newline), and the bidirectional
    formatting characters (embeddings, overrides, isolates, marks) as ``\u202e``, so a
    name or a text cannot retitle or clear the terminal, or reorder the line it is in.
    Newlines are kept, unless ``one_line``. Every line a command prints for people to read
    goes through here (:func:`_say`, :func:`_complain`).

    >>> print(_shown("He Lifeng\x1b]0;owned\x07 \u202eevil\u202c\r\tsaid"))
    He Lifeng\x1b]0;owned\x07 \u202eevil\u202c\r\tsaid
    >>> _shown("two\nlines"), _shown("two\nlines", one_line=True)
    ('two\nlines', 'two\\nlines')
    """
    return text.translate(_ONE_LINE if one_line else _LINES)


def _say(text: str = "", *, one_line: bool = False) -> None:
    """Print a line for people to read, shown safely (:func:`_shown`), to standard output."""
    with _writing(_STDOUT):
        print(_shown(text, one_line=one_line))


def _emit(data: str | bytes) -> None:
    """Write data (the schema, an export) to standard output exactly as it is."""
    with _writing(_STDOUT):
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _complain(line: str) -> None:
    """Print a one-line error to standard error, shown safely (:func:`_shown`)."""
    print(_shown(line, one_line=True), file=sys.stderr)


def _problem_line(file: str, problem: Problem) -> str:
    """``FILE: JSONPATH: MESSAGE``, or ``FILE: MESSAGE`` for a problem with no path."""
    return (
        f"{file}: {problem.path}: {problem.message}"
        if problem.path
        else f"{file}: {problem.message}"
    )


def _problems(error: DataFormatError) -> list[Problem]:
    """The error's problems; its message as one without a path if it lists none."""
    return list(error.problems) or [Problem("", str(error))]


def _as_of(text: str) -> dt.date:
    try:
        if "T" in text or "t" in text:
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
    export.add_argument(
        "--raw-csv",
        action="store_true",
        help="csv only: write every cell as it is, for tools that are not spreadsheets; by "
        "default a text cell beginning with =, +, -, @, a tab, a carriage return or NUL is "
        "written with a ' before it, so that a spreadsheet shows it instead of running it "
        "as a formula",
    )
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    merge = commands.add_parser(
        "merge",
        help="merge two dataset files into one; conflicts are printed one a line (status 1)",
    )
    merge.add_argument("first", metavar="A", help="a dataset JSON file")
    merge.add_argument("second", metavar="B", help="another dataset JSON file")
    merge.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the merged dataset's JSON file (its sources' text files are written beside it)",
    )
    merge.add_argument(
        "--same",
        metavar="B_ID=A_ID",
        action="append",
        type=_same,
        default=[],
        help="an id of B that names a record of A (repeat for more)",
    )
    return parser


def _same(text: str) -> tuple[str, str]:
    other, sign, own = text.partition("=")
    if not sign or not other or not own:
        message = f"--same {text!r}: expected B_ID=A_ID, such as bessent=scott-bessent"
        raise argparse.ArgumentTypeError(message)
    return other, own


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
    status = 0
    for stream in (sys.stdout, sys.stderr):  # a character the terminal cannot show: escaped
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = _arguments(argv)
        command = args.command or "summary"
        if command == "validate":
            status = _validate(args.files)
        elif command == "merge":
            status = _merge(args.first, args.second, args.output, dict(args.same))
        elif command == "schema":
            _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
        else:
            _run(command, args, _dataset(args.dataset))
        with _writing(_STDOUT):  # a full disk shows here, not at exit
            sys.stdout.flush()
    except (
        _UsageError,
        _DatasetError,
        _WriteError,
        TradetalksError,
        ImportError,
        OSError,
    ) as error:
        return _report(error)
    return status


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments, read and checked (those that go together), before any file is read."""
    args = _parser().parse_args(argv)
    if args.command == "export" and args.raw_csv and args.format != "csv":
        raise _UsageError(f"--raw-csv is for --format csv, not --format {args.format}")
    return args


def _report(error: Exception) -> int:
    """Print an error in one line (a file's problems one a line); return the exit status."""
    if isinstance(error, _WriteError) and error.file == _STDOUT:
        _silence_stdout()
        if isinstance(error.error, BrokenPipeError):  # the reader stopped early (| head)
            return 0
    if isinstance(error, _UsageError):
        _complain(f"tradetalks: error: {error}")
        return 2
    if isinstance(error, _DatasetError):
        for problem in error.problems:
            _complain(f"tradetalks: {_problem_line(error.file, problem)}")
    elif isinstance(error, OSError):  # a file read on the way (the shipped dataset's)
        where = f"{error.filename}: " if error.filename is not None else ""
        _complain(f"tradetalks: error: {where}{_reason(error)}")
    else:  # an output that cannot be written, a question the data cannot answer, or an
        # optional extra that is missing
        _complain(f"tradetalks: error: {error}")
    return 1


def _silence_stdout() -> None:
    """Point standard output at the null device, so what is left in its buffer goes nowhere.

    Else Python writes it again at exit, and reports that failure too.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's capture): nothing is left to write
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _run(command: str, args: argparse.Namespace, dataset: Dataset) -> None:
    if command == "timeline" and args.svg:
        from tradetalks.plotting import write_svg  # noqa: PLC0415 - an optional extra

        try:
            text = write_svg(dataset)
        except (ValueError, OverflowError) as error:  # matplotlib: a date it cannot draw
            message = f"cannot draw the timeline: {error}"
            raise InvalidValueError(message, where=str(args.svg)) from None
        with _writing(args.svg):
            Path(args.svg).write_text(text, encoding="utf-8", newline="\n")
    elif command == "timeline":
        _timeline(dataset)
    elif command == "statements":
        _statements(dataset, args.speaker)
    elif command == "export":
        _export(dataset, args.format, args.kind, args.output, raw_csv=args.raw_csv)
    else:
        _summary(dataset, args.as_of)


def _merge(first: str, second: str, output: str, same: dict[str, str]) -> int:
    """Merge two dataset files into ``output``, or print each conflict; the exit status."""
    from tradetalks import serialization  # noqa: PLC0415 - loaded only when run

    for given in (first, second):
        if Path(given).resolve() == Path(output).resolve():
            raise _UsageError(f"-o {output!r} is one of the files to merge; write elsewhere")
    mine, theirs = _dataset(first), _dataset(second)
    try:
        merged = mine.merge(theirs, same=same)
    except MergeConflictError as error:
        for difference in error.differences:
            _complain(f"tradetalks: conflict: {difference.line()}")
        return 1
    except InvalidValueError as error:
        if error.where != "same":
            raise
        raise _UsageError(f"--same: {error.message}") from None
    with _writing(output):
        serialization.dump(merged, output)
    _say(f"wrote {output}: {merged!r}")
    return 0


def _validate(files: Sequence[str]) -> int:
    from tradetalks import serialization  # noqa: PLC0415 - loaded only when run

    status = 0
    for file in files:
        try:
            dataset = serialization.load(file)
        except OSError as error:
            _say(f"{file}: cannot read: {_reason(error)}", one_line=True)
            status = 1
            continue
        except DataFormatError as error:
            for problem in _problems(error):
                _say(_problem_line(file, problem), one_line=True)
            status = 1
            continue
        count = sum(len(getattr(dataset, name)) for name, _ in COLLECTIONS)
        _say(f"{file}: valid ({_plural(count, 'record')})", one_line=True)
    return status


def _export(
    dataset: Dataset, form: str, kind: str | None, output: str | None, *, raw_csv: bool
) -> None:
    from tradetalks import exports  # noqa: PLC0415 - loaded only when run

    data: bytes
    if form == "ics":
        data = exports.to_ical(dataset)
    elif form == "csv":
        text = exports.to_csv(dataset, kind or "statements", spreadsheet_safe=not raw_csv)
        data = text.encode("utf-8")
    else:
        kinds = [kind] if kind else list(exports.KINDS)
        rows = {name: exports.to_records(dataset, name) for name in kinds}
        data = (json.dumps(rows, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if output is None:
        _emit(data)
    else:
        with _writing(output):
            Path(output).write_bytes(data)


def _dataset(path: str | None) -> Dataset:
    """The dataset of ``path``, or the shipped one; a problem names the file it is in."""
    from tradetalks import fixtures, serialization  # noqa: PLC0415 - loaded only when run

    try:
        return fixtures.stockholm_2025() if path is None else serialization.load(path)
    except DataFormatError as error:
        file = str(fixtures.DATA / _SHIPPED) if path is None else path
        raise _DatasetError(file, _problems(error)) from None
    except OSError as error:
        if path is None:  # the shipped file is missing: reported with its name, status 1
            raise
        raise _UsageError(f"cannot read {path!r}: {_reason(error)}") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary(dataset: Dataset, as_of: dt.date | None) -> None:
    for source in dataset.sources:
        title = f" {source.title!r}," if source.title else ""
        _say(
            f"Source: {source.outlet.name},{title} published {source.published_on} "
            f"({source.language}), {len(source.text)} characters"
        )
    if as_of is None:
        dates = [s.published_on for s in dataset.sources]
        as_of = max(dates) if dates else dt.datetime.now(dt.UTC).date()
    shown = format_instant(as_of) if isinstance(as_of, dt.datetime) else as_of.isoformat()
    rounds = dataset.rounds_in_order()
    if rounds:
        _say("\nRounds")
    for round_ in rounds:
        number = f"{round_.number}." if round_.number is not None else "-"
        place = f"{round_.city}, {round_.country}" if round_.country else round_.city
        _say(f"  {number:<3} {place:<16} {round_.dates!s:<22} {round_.track}")
        _delegate_lines(round_.delegates)
    if dataset.meetings:
        _say("\nOther meetings")
    for meeting in dataset.meetings:
        when = str(meeting.dates) if meeting.dates else "undated"
        _say(f"  {when:<22} {meeting.kind.value:<11} {meeting.description}")
        _delegate_lines(meeting.delegates)
    for truce in dataset.truces:
        _truce_lines(truce, as_of, shown)
    _claim_lines(dataset)
    _who_said(dataset.statements)


def _delegate_lines(delegates: Sequence[Delegate]) -> None:
    for delegate in delegates:
        _say(
            f"      {delegate.party.code} {delegate.role.value:<7} "
            f"{delegate.person.name} ({delegate.title})"
        )


_STATUS_WORDS = {
    TruceStatus.NOT_ANNOUNCED: "not yet announced",
    TruceStatus.NOT_STARTED: "not yet started",
    TruceStatus.IN_FORCE: "in force",
    TruceStatus.LAPSED: "lapsed",
    TruceStatus.EXPIRED: "expired",
    TruceStatus.ENDED: "ended early",
}


def _truce_lines(truce: Truce, as_of: dt.date, shown: str) -> None:
    parties = " and ".join(p.code for p in truce.parties)
    under = f"; under {truce.agreement.title}" if truce.agreement is not None else ""
    _say(f"\nTruce {truce.id} ({parties}; suspended: {truce.suspended}{under})")
    status = truce.status(as_of)
    if status is TruceStatus.NOT_ANNOUNCED:
        first = truce.terms[0].announced_on
        when = f" (announced {bound_text(first)})" if first is not None else ""
        _say(f"  as known on {shown}: not yet announced{when}")
        return
    end = truce.deadline(as_of).end
    ended = truce.ended
    if status is TruceStatus.ENDED and ended is not None:
        _say(
            f"  ended {bound_text(ended.at)} ({ended.reason.value}), as known on {shown}: 0 days remain"
        )
        return
    if end is None:
        _say(f"  no deadline (until further notice), as known on {shown}: {_STATUS_WORDS[status]}")
        return
    if status is TruceStatus.LAPSED:  # the term that ended last, then the next one known
        following = truce.terms[truce.terms.index(truce.deadline(as_of)) + 1]
        _say(
            f"  lapsed since {bound_text(end)}, as known on {shown}: the next term starts "
            f"{bound_text(following.start)}, 0 days remain"
        )
        return
    counted = truce.counts_to(as_of)
    if ended is not None and counted is not None and counted is ended.at:
        what = f"ends early {bound_text(counted)} ({ended.reason.value}; its term ran to {bound_text(end)})"
    else:
        what = f"deadline {bound_text(end)}"
    try:
        left = _plural(truce.days_remaining(as_of), "day")
        verb = "remains" if left.startswith("1 ") else "remain"
        remaining = f", {left} {verb}"
    except TradetalksError as error:
        remaining = f" ({error.message})"
    _say(f"  {what}, as known on {shown}: {_STATUS_WORDS[status]}{remaining}")


def _claim_lines(dataset: Dataset) -> None:
    if not dataset.claims:
        return
    disagreeing = dataset.conflicts()
    _say(f"\nClaims: {len(dataset.claims)}, of which {len(disagreeing)} disagree with the record")
    for claim in disagreeing:
        _say(
            f"  {claim.id}: {claim.about.id}.{claim.field} is {claim.value!r} by its claim, "
            f"{claim.recorded!r} in the record"
        )


def _who_said(statements: Sequence[Statement]) -> None:
    if not statements:
        return
    counts: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for statement in statements:
        for name in statement.speaker_names:
            counts[name] += 1
            words[name] += len(statement.text.split())
    _say("\nWho said how much (statements, words; one made by two speakers counts for each)")
    for name, count in sorted(
        counts.items(), key=lambda item: (-item[1], -words[item[0]], item[0])
    ):
        _say(f"  {name:<20} {count:>3} {words[name]:>5}")


def _timeline(dataset: Dataset) -> None:
    for entry in dataset.timeline():
        _say(f"{entry.when!s:<12} {entry.event.value:<15} {_entry_label(entry)}")


def _entry_label(entry: TimelineEntry) -> str:
    """What a timeline line says after its date and event: the record, in a few words."""
    record, event = entry.record, entry.event
    if isinstance(record, Truce) and entry.term is not None:
        label = f"{record.id}: term {'starts' if event is TimelineEvent.TRUCE_START else 'ends'}"
        ended, last = record.ended, entry.term is record.terms[-1]
        if ended is not None and last and event is TimelineEvent.TRUCE_DEADLINE:
            label += f" (cut short: it ended early on {bound_text(ended.at)})"
    elif isinstance(record, Statement):
        label = f"{', '.join(record.speaker_names)}: {_cut(record.text, 60)}"
    elif isinstance(record, Round):
        label = f"{record.city} (round {record.number})"
    elif isinstance(record, Meeting):
        label = record.description
    elif isinstance(record, Agreement):
        label = record.title
    elif isinstance(record, Truce) and record.ended is not None:  # TimelineEvent.TRUCE_END
        label = f"{record.id}: ended early ({record.ended.reason.value})"
    else:
        label = record.id
    return label


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
        _say(f"{name}: {_plural(len(found), 'statement')}")
        for statement in found:
            when = statement.said_on.value if statement.said_on else "undated"
            via = ", ".join(
                r.words if isinstance(r, UnnamedGroup) else r.name for r in statement.reported_by
            )
            extra = "  ".join(
                x for x in (statement.audience or "", f"via {via}" if via else "") if x
            )
            _say(f"{when!s:<11} {statement.mode.value:<8}  {extra}".rstrip())
            _say(f"  {_cut(statement.text, 76)}")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 4].rstrip() + " ..."
