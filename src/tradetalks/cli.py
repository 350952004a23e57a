r"""The command line: ``tradetalks`` (or ``python -m tradetalks``).

``tradetalks`` alone prints a summary of the shipped Stockholm dataset: its source, the
rounds in order with their dates and delegates, each truce's deadline and the days left as
of the source's dateline, and who said how much. Commands and their options:

* ``summary``: the summary (the default when no command is given);
* ``timeline [--svg FILE] [--undated]``: every dated entry in chronological order (and
  with ``--undated``, last, what has no known date or start, marked ``undated``), or the
  timeline picture as SVG (needs ``tradetalks[plot]``);
* ``statements SPEAKER``: one speaker's statements, by id or name;
* ``validate FILE...``: every problem in every file, each with its JSONPath; exit status 1
  when any file has a problem, 0 when all are valid;
* ``schema``: the JSON Schema of the dataset format;
* ``merge A B -o OUT [--same B_ID=A_ID]...``: one dataset of two files (see
  :meth:`tradetalks.Dataset.merge`), written to ``OUT`` with its sources' text files beside
  it; when they disagree, each conflicting field is printed on a line of its own
  (``tradetalks: conflict: RECORD.FIELD: VALUE (SOURCES) vs VALUE (SOURCES)``) and the exit
  status is 1;
* ``export [--format FORMAT] [--kind TABLE] [--raw-csv] [--output FILE|DIR]``: the
  dataset's typed tables (see :mod:`tradetalks.exports`): ``json``, a JSON array of the
  rows of one table (``--kind``, default ``statements``); ``ndjson``, one row object a
  line; ``csv``, one table as CSV (``--kind``, or to a file ``*.csv``), or, when
  ``--output`` is a folder (any other path, made if missing), every table as CSV with a
  Frictionless ``datapackage.json``;
  ``parquet``, every table (or the ``--kind`` one) as a Parquet file in the folder
  ``--output`` (needs ``tradetalks[arrow]``); ``annotations``, the evidence as W3C Web
  Annotations (JSON-LD); ``ics``, iCalendar events (``--kind`` ``rounds``, ``meetings`` or
  ``truces`` for the events of one kind). CSV is safe to open in a spreadsheet: a text cell
  beginning with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or NUL gets a
  leading ``'``; ``--raw-csv`` writes every cell as it is, for tools that are not
  spreadsheets;
* ``--version``: ``tradetalks X.Y.Z``; ``--help`` after any command: its options.

The options a command shares may be given before it or after it (``tradetalks --as-of
2025-08-01 timeline`` or ``tradetalks timeline --as-of 2025-08-01``):

* ``--dataset FILE`` (summary, timeline, statements, export): a dataset file instead of the
  shipped one;
* ``--as-of DATE`` (summary, timeline): ``DATE`` is ``YYYY-MM-DD``, an RFC 9557
  timestamp such as ``2025-08-12T12:00:00+08:00[Asia/Shanghai]``, or an RFC 3339 one with
  ``Z`` or a whole number of hours (``+08:00``, read in ``Etc/GMT-8``). The summary counts
  days to deadlines from it (default: the latest source's dateline). The timeline shows what
  was known then: the rounds, meetings, statements and agreements dated on or before it (a
  date known only to the month counts from its last day, as an announcement does), and
  each truce's terms and early end once they were announced, with the days they are for,
  even those still to come;
* ``--json`` (summary, timeline, statements, validate): one JSON document on standard
  output instead of lines for people to read.

``-`` for a file to read is standard input (``--dataset -``, ``validate a.json -``,
``merge - b.json``), read as bytes like a file; the text files of its sources are looked up
in the current folder. Standard input can be read once in a command.

A load of a file larger than a few MB shows its progress on standard error (the bytes
read, then the decoding), and so does a Parquet export of several tables (the tables
written), when standard error is a terminal and the ``progress`` extra (``tqdm``) is
installed; otherwise nothing is shown.

What the commands print for people to read (the summary, ``timeline``, ``statements``,
``validate`` and every error) shows the control characters and bidirectional formatting
characters of names and texts escaped, as ``\x1b`` or ``\u202e``, so that a record cannot
retitle or clear the terminal or reorder what it shows; newlines are kept, except in a
one-line error or problem. ``schema`` and ``export`` write their data exactly. ``--json``
output is exact data too, and as safe: JSON writes C0 controls as escapes, and DEL, the C1
controls, the bidirectional formatting characters and lone surrogates are written as
``\u009b`` escapes, which every JSON reader reads back as the characters.

**Exit status.** 0: done. 1: a problem with the data, or with writing it out: a dataset
file that does not load (each problem printed as ``tradetalks: FILE: JSONPATH: MESSAGE``,
``standard input`` for ``-``), a ``validate`` file with a problem, a merge conflict, a
question the data cannot answer (days to a deadline known only to the month), an optional
extra that is missing, or an output that cannot be written (``tradetalks: error: FILE: REASON``, ``standard
output`` for the terminal or a pipe). 2: a usage error, in one line on standard error:
an unknown command or option, a bad value (``--as-of 2025-13-01``, an unknown ``--kind``,
a ``--kind`` that iCalendar has no events for), an option the command does not take, a
file to read that cannot be read, ``-`` given twice, a speaker not in the dataset, a
``--same`` that names no record. ``--json`` changes no status.

>>> from tradetalks.cli import main
>>> main(["--as-of", "2025-07-29"])  # doctest: +ELLIPSIS
Source: Global Times, published 2025-07-30 (en), 6137 characters
...
Truce: China and United States suspend tariffs (cn-us-tariff-truce-2025)
  deadline 2025-08-12, as known on 2025-07-29: in force, 14 days remain
...
0

**The JSON documents.** Dates are EDTF text (``2025-05``, ``2025-07-30?``), instants RFC
9557 text, days ISO text, as in :mod:`tradetalks.exports`; a value that is not known is
``null``; every key below is always present.

* The summary: an object with ``as_of`` (the day or instant counted from), ``sources``,
  ``rounds`` (in order) and ``meetings`` (each the row :func:`tradetalks.exports.to_records`
  makes, plus ``delegates``: a list of ``person_id``, ``name``, ``party_code``, ``role``,
  ``title``), ``truces`` (``id``, ``parties``: a list of codes, ``suspended``,
  ``agreement_id``, then as known on ``as_of``: ``status``, the
  :class:`~tradetalks.TruceStatus` value; ``announced_on``, of the first term;
  ``deadline``, the end of the term that sets it; ``counts_to``, that or a known early end
  that comes first; ``ended``: ``at``, ``reason``, ``announced_on`` of a known early end;
  ``next_start``, during a lapse; ``days_remaining``, or ``null`` with ``no_count_reason``
  saying why), ``claims`` (``count``, and ``disagreeing``: a list of ``id``, ``record_id``,
  ``field``, ``claimed``, ``recorded``) and ``speakers`` (``id``, ``null`` for a group the
  source does not name, ``name``, ``statements``, ``words``, most first).
* ``timeline``: an object with ``as_of`` (``null`` for all that is recorded) and
  ``entries``, each with ``when`` (EDTF), ``earliest`` and ``latest`` (ISO days),
  ``event`` (a :class:`~tradetalks.TimelineEvent` value), ``record_kind`` (``rounds``,
  ``meetings``, ``statements``, ``agreements`` or ``truces``), ``record_id``,
  ``term`` (the term's number, 1 for the first, for a term's start or deadline), ``instant`` (RFC 9557, when
  the truce's bound is one) and ``label`` (the words the line shows).
* ``statements``: an object with ``speakers``, each with ``id`` (``null`` for a group the
  article does not name), ``name`` and ``statements``: the rows of
  :func:`tradetalks.exports.to_records` of kind ``statements``, each with ``speakers``
  (every speaker's name, in order) and ``reported_by`` (the outlets that carried it, the
  first first) added.
* ``validate``: a list with one object per file, in the order given: ``file`` (as given,
  ``-`` for standard input), ``valid``, ``records`` (the number of records of a valid file,
  else ``null``) and ``problems`` (a list of ``path``, a JSONPath or ``null``, and
  ``message``).

>>> import contextlib, io, json
>>> from tradetalks.cli import main
>>> with contextlib.redirect_stdout(io.StringIO()) as out:
...     status = main(["summary", "--json", "--as-of", "2025-07-29"])
>>> truce = json.loads(out.getvalue())["truces"][0]
>>> status, truce["status"], truce["deadline"], truce["days_remaining"]
(0, 'in_force', '2025-08-12', 14)
>>> with contextlib.redirect_stdout(io.StringIO()) as out:
...     status = main(["timeline", "--as-of", "2025-06-15", "--json"])
>>> [(e["when"], e["event"]) for e in json.loads(out.getvalue())["entries"]]
[('2025-05', 'round'), ('2025-05-14', 'truce_start'), ('2025-08-12', 'truce_deadline')]

On 15 June the round in May is known, the round in June is not yet (a month counts from
its last day), and the truce's deadline is: it was known from the start.
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import contextlib
import datetime as dt
import errno
import importlib
import importlib.metadata
import io
import json
import os
import stat
import sys
import zoneinfo
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, Protocol

from tradetalks._fields import joined
from tradetalks.actors import Organization, Person, UnnamedGroup
from tradetalks.agreements import Agreement
from tradetalks.dataset import COLLECTIONS, TimelineEvent
from tradetalks.dates import PartialDate, is_iso_day
from tradetalks.errors import (
    DataFormatError,
    InvalidValueError,
    MergeConflictError,
    MissingReferenceError,
    Problem,
    TradetalksError,
)
from tradetalks.exports import COLUMNS, KINDS
from tradetalks.ical import EVENT_KINDS
from tradetalks.instants import format_instant, parse_instant
from tradetalks.schema import json_schema
from tradetalks.serialization.wire import read_day
from tradetalks.statements import Statement
from tradetalks.talks import Delegate, Meeting, Round

# _observer is truces.py's one reading of an as_of (a day, or an instant in its zone); the
# timeline as known on a day must read it the same way, so it reuses it.
from tradetalks.truces import Truce, TruceStatus, _observer, bound_text

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Sequence

    from tradetalks.dataset import Dataset, TimelineEntry
    from tradetalks.truces import TruceEnd, _Observer

_STDOUT = "standard output"
"""How an error names standard output (the terminal, a pipe or a redirected file)."""

_STDIN = "standard input"
"""How a message names standard input, given as ``-``."""

_SHIPPED = "stockholm_2025.json"
"""The shipped dataset's file, in :data:`tradetalks.fixtures.DATA`."""

_OPTIONS = {
    "summary": {"dataset", "as_of", "json"},
    "timeline": {"dataset", "as_of", "json"},
    "statements": {"dataset", "json"},
    "export": {"dataset"},
    "validate": {"json"},
    "merge": set(),
    "schema": set(),
}
"""The shared options each command takes (by their ``dest``)."""

_LARGE = 4 * 1024 * 1024
"""A file of this many bytes or more shows the progress of its load (on a terminal)."""

_CHUNK = 1024 * 1024
"""Bytes read at a time, when a load shows its progress or reads standard input."""

_DELAY = 0.5
"""Seconds before the progress of an export is shown: a quick one shows nothing."""


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


def _version() -> str:
    """The installed distribution's version, ``X.Y.Z``."""
    try:
        return importlib.metadata.version("tradetalks")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        return "(version unknown: the distribution is not installed)"


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
# JSON text has already written the C0 controls inside its strings as escapes, and its
# newlines are its layout: only the others are left to write as \uXXXX escapes.
_JSON_SAFE = {code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x20}


def _shown(text: str, *, one_line: bool = False) -> str:
    r"""``text`` as it may be printed to a terminal: what could control the terminal escaped.

    The control characters (C0, DEL and C1: ESC, BEL, CSI...) are shown as ``\x1b``
    (``\t``, ``\r`` and ``\n`` for tab, carriage return and newline), and the bidirectional
    formatting characters (embeddings, overrides, isolates, marks) as ``\u202e``, so a
    name or a text cannot retitle or clear the terminal, or reorder the line it is in.
    Newlines are kept, unless ``one_line``. Every line a command prints for people to read
    goes through here (:func:`_say`, :func:`_complain`).

    >>> from tradetalks.cli import _shown
    >>> print(_shown("He Lifeng\x1b]0;owned\x07 \u202eevil\u202c\r\tsaid"))
    He Lifeng\x1b]0;owned\x07 \u202eevil\u202c\r\tsaid
    >>> _shown("two\nlines"), _shown("two\nlines", one_line=True)
    ('two\nlines', 'two\\nlines')
    """
    return text.translate(_ONE_LINE if one_line else _LINES)


def _json_text(document: object) -> str:
    r"""``document`` as JSON text for standard output, with nothing that controls a terminal.

    The text reads back as the same data: what could control a terminal, which JSON would
    write as it is (DEL, the C1 controls, the bidirectional formatting characters, lone
    surrogates), is written as a ``\u`` escape, and can only stand inside a string.

    >>> from tradetalks.cli import _json_text
    >>> print(_json_text({"name": "Eve\u202e\x1b", "city": "Zürich"}), end="")
    {
      "name": "Eve\u202e\u001b",
      "city": "Zürich"
    }
    """
    return json.dumps(document, indent=2, ensure_ascii=False).translate(_JSON_SAFE) + "\n"


def _say(text: str = "", *, one_line: bool = False) -> None:
    """Print a line for people to read, shown safely (:func:`_shown`), to standard output."""
    with _writing(_STDOUT):
        print(_shown(text, one_line=one_line))


def _emit(data: str | bytes) -> None:
    """Write data (the schema, an export, a JSON document) to standard output exactly as it is."""
    with _writing(_STDOUT):
        buffer = getattr(sys.stdout, "buffer", None)
        if isinstance(data, str) or buffer is None:
            # A notebook's or doctest's standard output takes text only; every export is
            # UTF-8.
            sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        else:
            sys.stdout.flush()
            buffer.write(data)
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


def _named(given: str) -> str:
    """A file to read as messages name it: ``standard input`` for ``-``, else as given."""
    return _STDIN if given == "-" else given


# --- progress on standard error ---------------------------------------------------------------


class _Bar(Protocol):
    """What the command line uses of a ``tqdm`` progress bar."""

    def update(self, n: float | None = 1) -> bool | None:
        """Count ``n`` more units done."""

    def close(self) -> None:
        """Take the bar off the terminal."""


def _showing_progress() -> bool:
    """Whether progress may be shown: standard error is a terminal."""
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _bar(description: str, **options: object) -> _Bar | None:
    """A progress bar on standard error, or ``None`` when none is to be shown.

    None is shown when standard error is not a terminal or the ``progress`` extra (tqdm) is
    not installed. The bar is taken off the terminal when closed.
    """
    if not _showing_progress():
        return None
    try:
        tqdm = importlib.import_module("tqdm")
    except ImportError:  # the optional extra is not installed: nothing is shown
        return None
    bar: _Bar = tqdm.tqdm(
        desc=_shown(description, one_line=True), file=sys.stderr, leave=False, **options
    )
    return bar


def _counted(items: Sequence[str], description: str) -> Iterator[str]:
    """Each of ``items``, counted on a progress bar when one is shown and it takes a while."""
    bar = _bar(description, total=len(items), delay=_DELAY, unit="table")
    try:
        for item in items:
            yield item
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


@contextlib.contextmanager
def _phase(description: str, *, shown: bool) -> Iterator[None]:
    """A line naming a step while it runs, when ``shown``; taken off when it ends.

    The line is drawn once (the loader reports no progress of its own to draw), so it says
    what is being done, not how far it has got.
    """
    bar = _bar(description, total=None, bar_format="{desc}{elapsed}") if shown else None
    try:
        yield
    finally:
        if bar is not None:
            bar.close()


def _read_all(stream: BinaryIO, name: str, size: int | None) -> bytes:
    """Every byte of ``stream``, with a bar of the bytes read once past :data:`_LARGE`."""
    chunks: list[bytes] = []
    count = 0
    bar: _Bar | None = None
    wanted = _showing_progress()
    try:
        while chunk := stream.read(_CHUNK):
            chunks.append(chunk)
            count += len(chunk)
            if bar is not None:
                bar.update(len(chunk))
            elif wanted and count >= _LARGE:
                wanted = False  # asked once: no bar (no tqdm) stays no bar
                bar = _bar(
                    f"reading {name}",
                    total=size,
                    initial=count,
                    unit="B",
                    unit_scale=True,
                    unit_divisor=1024,
                )
    finally:
        if bar is not None:
            bar.close()
    return b"".join(chunks)


def _load(given: str, kept: list[bytes] | None = None) -> Dataset:
    """The dataset of the file ``given`` (``-``: standard input), its progress shown if large.

    The bytes read from standard input are appended to ``kept`` when it is given, so that
    a file that is not a dataset can be told apart afterwards.

    Raises:
        OSError: when the file (or standard input) cannot be read.
        DataFormatError: listing every problem of the file.
        InvalidValueError: for a path with a NUL character.
    """
    from tradetalks import serialization  # noqa: PLC0415 - loaded only when run

    if given == "-":
        if sys.stdin is None:  # Python started with its standard input closed
            raise OSError("it is closed")
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise OSError("it is not a stream of bytes")
        data = _read_all(stream, _STDIN, _regular_size(stream))
        if kept is not None:
            kept.append(data)
        with _phase(f"decoding {_STDIN}: ", shown=len(data) >= _LARGE):
            return serialization.loads(data, base=os.curdir)
    if _showing_progress() and "\0" not in given and _file_size(given) >= _LARGE:
        # Read here to show the bytes read; serialization.load has no hook for it.
        with Path(given).open("rb") as opened:
            data = _read_all(opened, given, _regular_size(opened))
        with _phase(f"decoding {given}: ", shown=True):
            return serialization.loads(data, base=os.path.dirname(given) or os.curdir)  # noqa: PTH120 - a str, as given
    return serialization.load(given)


def _file_size(path: str) -> int:
    """The size of a regular file in bytes; 0 for anything else, or a file not there."""
    try:
        status = Path(path).stat()
    except OSError:  # reported when the file is opened
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0


def _regular_size(stream: BinaryIO) -> int | None:
    """The size of the regular file ``stream`` reads, or ``None`` (a pipe, a terminal)."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


# --- arguments --------------------------------------------------------------------------------


def _as_of(text: str) -> dt.date:
    try:
        if ("T" in text or "t" in text) and "[" not in text:
            return _offset_instant(text)
        if "T" in text or "t" in text:
            return parse_instant(text)
        return read_day(text) if is_iso_day(text) else _bad_date(text)
    except (ValueError, TradetalksError) as error:
        message = error.message if isinstance(error, TradetalksError) else str(error)
        # argparse names the option: "argument --as-of: '2025-13-01': ..."
        raise argparse.ArgumentTypeError(f"{text!r}: {message}") from None


def _offset_instant(text: str) -> dt.datetime:
    """An RFC 3339 timestamp (an offset, no zone name) in the IANA zone of that offset.

    ``Z`` or ``+00:00`` is ``UTC``; a whole number of hours is ``Etc/GMT-9`` for ``+09:00``
    (the sign of those zones' names is the reverse of the offset's). Another offset needs
    its zone named, as RFC 9557 writes it.
    """
    try:
        instant = dt.datetime.fromisoformat(text.upper())
    except ValueError:
        raise InvalidValueError("not an RFC 3339 or RFC 9557 timestamp") from None
    offset = instant.utcoffset()
    if offset is None:
        raise InvalidValueError("no offset or zone: add one, such as Z or +08:00")
    hours, rest = divmod(offset, dt.timedelta(hours=1))
    if rest:
        raise InvalidValueError(
            "name the zone of an offset that is not whole hours, as RFC 9557 does: "
            "2025-08-12T12:00:00+05:30[Asia/Kolkata]"
        )
    key = "UTC" if not hours else f"Etc/GMT{-hours:+d}"
    return instant.astimezone(zoneinfo.ZoneInfo(key))


def _bad_date(text: str) -> NoReturn:
    raise InvalidValueError(f"expected a day as YYYY-MM-DD or an RFC 9557 timestamp, not {text!r}")


_DATE_FORMS = "YYYY-MM-DD or an RFC 9557 timestamp"
_AS_OF_HELP = {
    None: f"summary: count days to deadlines from DATE; timeline: show what was known on DATE "
    f"({_DATE_FORMS})",
    "summary": f"count days to deadlines from DATE ({_DATE_FORMS}); default: the latest "
    "source's dateline",
    "timeline": f"show the timeline as known on DATE ({_DATE_FORMS}); default: all of it",
}


def _shared(parser: argparse.ArgumentParser, command: str | None) -> None:
    """Add the shared options to ``parser``: the main one (``command`` ``None``), or a command's.

    A command gets the options it takes (:data:`_OPTIONS`), with no default
    (``SUPPRESS``), so that a value given before the command is kept when the option is
    not given again after it.
    """
    names = _OPTIONS[command] if command is not None else {"dataset", "as_of", "json"}

    def default(value: object) -> object:
        return argparse.SUPPRESS if command is not None else value

    if "dataset" in names:
        parser.add_argument(
            "--dataset",
            metavar="FILE",
            default=default(None),
            help="a dataset JSON file to read instead of the shipped one (- for standard input)",
        )
    if "as_of" in names:
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            type=_as_of,
            default=default(None),
            help=_AS_OF_HELP[command],
        )
    if "json" in names:
        parser.add_argument(
            "--json",
            action="store_true",
            default=default(False),  # noqa: FBT003 - argparse's default, not a flag argument
            help="write one JSON document instead of lines to read",
        )


def _parser() -> _Parser:
    parser = _Parser(
        prog="tradetalks",
        description="Summarize a tradetalks dataset (by default, the shipped Stockholm one). "
        "Exit status: 0 done, 1 a problem with the data, 2 a usage error.",
    )
    parser.add_argument("--version", action="version", version=f"tradetalks {_version()}")
    _shared(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, **options: Any) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = commands.add_parser(name, **options)
        _shared(made, name)
        return made

    command("summary", help="the summary (the default)")
    timeline = command("timeline", help="every dated entry in chronological order")
    timeline.add_argument(
        "--svg", metavar="FILE", help="draw the timeline as an SVG picture in FILE instead"
    )
    timeline.add_argument(
        "--undated",
        action="store_true",
        help="list last, as 'undated', the statements and meetings with no date and the "
        "rounds and meetings whose start is not given",
    )
    speaker = command("statements", help="one speaker's statements")
    speaker.add_argument("speaker", help="a speaker's id (zhou-mi) or name (Zhou Mi)")
    validate = command("validate", help="check dataset files and list every problem in each")
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="dataset JSON files (- for standard input)"
    )
    command("schema", help="print the JSON Schema of the dataset format")
    export = command(
        "export",
        help="write the dataset's tables (JSON, NDJSON, CSV, Parquet), its evidence as Web "
        "Annotations, or iCalendar events; a dataset file is written by tradetalks.dump",
    )
    export.add_argument(
        "--format",
        choices=("json", "ndjson", "csv", "parquet", "annotations", "ics"),
        default="json",
    )
    export.add_argument(
        "--kind",
        choices=KINDS,
        metavar="TABLE",
        help="the table (json, ndjson, one csv: default statements; parquet: all when left "
        f"out; ics: one of {', '.join(EVENT_KINDS)}, all of them when left out); "
        f"the tables: {', '.join(KINDS)}",
    )
    export.add_argument(
        "--raw-csv",
        action="store_true",
        help="csv only: write every cell as it is, for tools that are not spreadsheets; by "
        "default a text cell beginning with =, +, -, @, a tab, a carriage return or NUL is "
        "written with a ' before it, so that a spreadsheet shows it instead of running it "
        "as a formula",
    )
    export.add_argument(
        "--output",
        metavar="FILE|DIR",
        help="write to FILE instead of standard output (- is standard output); a folder (DIR) "
        "for parquet, and for "
        "csv without --kind to a path that does not end in .csv: every table with a "
        "datapackage.json",
    )
    merge = command(
        "merge",
        help="merge two dataset files into one; conflicts are printed one a line (status 1)",
    )
    merge.add_argument("first", metavar="A", help="a dataset JSON file (- for standard input)")
    merge.add_argument(
        "second", metavar="B", help="another dataset JSON file (- for standard input)"
    )
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
        # argparse names the option: "argument --same: 'bessent': ..."
        message = f"{text!r}: expected B_ID=A_ID, such as bessent=scott-bessent"
        raise argparse.ArgumentTypeError(message)
    return other, own


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Output goes to standard output, errors to standard error, each in one line. Status 0 on
    success; 1 for a problem with the data: a dataset file with problems, a question it
    cannot answer (a day count to a deadline known only to the month), a merge conflict, a
    missing optional extra, a file that cannot be written; 2 for a usage error: bad
    arguments, an unknown option, ``-`` (standard input) given twice, a file to read that
    cannot be read. ``--help`` and ``--version`` print and raise :class:`SystemExit` with
    status 0, as ``argparse`` does.

    >>> from tradetalks.cli import main
    >>> main(["statements", "Bao Jianyun"])  # doctest: +ELLIPSIS
    Bao Jianyun: 4 statements
    2025-07-30  indirect  told the Global Times
      the latest talks underline both countries' commitment to resolving their ...
    ...
    0
    """
    status = 0
    if sys.stdout is None:  # started with standard output closed (1>&-): fail where written
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):  # a character the terminal cannot show: escaped
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = _arguments(argv)
        command = args.command or "summary"
        if command == "validate":
            status = _validate(args.files, as_json=args.json)
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


class _ClosedOutput(io.TextIOBase):
    """Standard output when Python started without one: writing to it is an OSError."""

    def write(self, _text: str) -> int:
        """Refuse: there is nowhere to write."""
        raise OSError(errno.EBADF, "it is closed")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments, read and checked (those that go together), before any file is read."""
    args = _parser().parse_args(argv)
    command = args.command or "summary"
    for option, name in (("--dataset", "dataset"), ("--as-of", "as_of"), ("--json", "json")):
        if getattr(args, name) not in (None, False) and name not in _OPTIONS[command]:
            raise _UsageError(f"{command} takes no {option}")
    if command == "export" and args.raw_csv and args.format != "csv":
        raise _UsageError(f"--raw-csv is for --format csv, not --format {args.format}")
    if command == "export" and args.format == "ics" and args.kind not in (None, *EVENT_KINDS):
        raise _UsageError(
            f"--format ics has events of the kinds {', '.join(EVENT_KINDS)}, not {args.kind!r}"
        )
    if command == "export":
        _check_export(args.format, args.kind, args.output)
    if command == "timeline" and args.svg:
        for option, name in (("--json", "json"), ("--as-of", "as_of")):
            if getattr(args, name) not in (None, False):
                raise _UsageError(
                    f"--svg draws the whole timeline as a picture; {option} is not for it"
                )
    read = [args.dataset] if "dataset" in _OPTIONS[command] else []
    read += args.files if command == "validate" else []
    read += [args.first, args.second] if command == "merge" else []
    if read.count("-") > 1:
        raise _UsageError(f"- ({_STDIN}) is given {read.count('-')} times; it can be read once")
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
        _timeline(dataset, args.as_of, as_json=args.json, undated=args.undated)
    elif command == "statements":
        _statements(dataset, args.speaker, as_json=args.json)
    elif command == "export":
        _export(dataset, args.format, args.kind, args.output, raw_csv=args.raw_csv)
    elif args.json:
        _emit(_json_text(_summary_data(dataset, args.as_of)))
    else:
        _summary(dataset, args.as_of)


def _merge(first: str, second: str, output: str, same: dict[str, str]) -> int:
    """Merge two dataset files into ``output``, or print each conflict; the exit status."""
    from tradetalks import serialization  # noqa: PLC0415 - loaded only when run

    for given in (first, second):
        if given != "-" and Path(given).resolve() == Path(output).resolve():
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


def _validate(files: Sequence[str], *, as_json: bool) -> int:
    """Check each file; print its problems or that it is valid; the exit status."""
    status = 0
    report: list[dict[str, object]] = []
    for file in files:
        count: int | None = None
        kept: list[bytes] = []
        try:
            dataset = _load(file, kept)
        except DataFormatError as error:
            problems = _problems(error)
            export = _what_export(kept[0] if kept else _head(file))
            if export is not None:  # one line, not a problem for each row of a table
                problems = [Problem("", f"not a dataset but {export}")]
        except (OSError, InvalidValueError) as error:  # InvalidValueError: a NUL in the path
            reason = _reason(error) if isinstance(error, OSError) else error.message
            problems = [Problem("", f"cannot read: {reason}")]
        else:
            count = sum(len(getattr(dataset, name)) for name, _ in COLLECTIONS)
            problems = []
        status = 1 if problems else status
        if as_json:
            report.append(
                {
                    "file": file,
                    "valid": not problems,
                    "records": count,
                    "problems": [{"path": p.path or None, "message": p.message} for p in problems],
                }
            )
        for problem in problems if not as_json else ():
            _say(_problem_line(_named(file), problem), one_line=True)
        if count is not None and not as_json:
            _say(f"{_named(file)}: valid ({_plural(count, 'record')})", one_line=True)
    if as_json:
        _emit(_json_text(report))
    return status


def _head(path: str) -> bytes:
    """The bytes of a file, for telling what it is; empty when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return b""


def _what_export(data: bytes) -> str | None:
    """What ``tradetalks export`` wrote ``data`` as, if it did; else ``None``.

    Read once, in linear time, only for a file that did not load as a dataset.
    """
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    what = _binary_or_csv_export(data, text) or _json_export(text)
    if what is None:
        return None
    return f"{what}; a dataset is written by tradetalks.dump or tradetalks merge"


def _binary_or_csv_export(data: bytes, text: str) -> str | None:
    if data.startswith(b"PAR1"):
        return "a Parquet file (tradetalks export --format parquet)"
    if text.lstrip().startswith("BEGIN:VCALENDAR"):
        return "an iCalendar file (tradetalks export --format ics)"
    header = text.partition("\n")[0].rstrip("\r")
    table = next((kind for kind, names in COLUMNS.items() if header == ",".join(names)), None)
    return None if table is None else f"the CSV table {table} (tradetalks export --format csv)"


def _json_export(text: str) -> str | None:
    try:
        document = json.loads(text)
    except RecursionError:  # nested too deeply: no export is
        return None
    except ValueError:  # rows one a line, each a JSON object?
        try:
            # Lines end at "\n" only: a row's text may hold U+2028, which JSON leaves as it is.
            rows = [json.loads(line) for line in text.split("\n") if line.strip()]
        except (ValueError, RecursionError):
            return None
        table = _table_of(rows)
        return (
            None
            if table is None
            else f"the rows of the table {table}, one a line (tradetalks export --format ndjson)"
        )
    if isinstance(document, list):
        table = _table_of(document)
        return (
            None
            if table is None
            else f"a JSON array of the rows of the table {table} (tradetalks export --format json)"
        )
    if isinstance(document, dict) and document and "format" not in document:
        return _json_object_export(document)
    return None


def _table_of(rows: list[object]) -> str | None:
    """The table whose rows these are: each a JSON object with exactly its columns."""
    first = rows[0] if rows else None
    if not isinstance(first, dict):
        return None
    table = next((kind for kind, names in COLUMNS.items() if tuple(first) == names), None)
    if table is None or not all(isinstance(r, dict) and tuple(r) == COLUMNS[table] for r in rows):
        return None
    return table


def _json_object_export(document: dict[str, object]) -> str | None:
    known = {
        "type": ("AnnotationPage", "Web Annotations (tradetalks export --format annotations)"),
        "profile": ("tabular-data-package", "a data package (tradetalks export --format csv)"),
    }
    for key, (value, what) in known.items():
        if document.get(key) == value:
            return what
    return None


def _is_folder(output: str | None) -> bool:
    """Whether ``--output`` names a folder: one that exists, or a path ending in a separator."""
    if output is None:
        return False
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _csv_package(kind: str | None, output: str | None) -> bool:
    """Whether a CSV export is a data package: every table, in the folder ``--output``.

    It is when no ``--kind`` is given and ``--output`` is a folder, or a path that does not
    end in ``.csv`` (``out/tables``); one table is written to a file ``*.csv``, to the file
    ``--output`` when ``--kind`` names it, and to standard output without ``--output``.
    """
    if output is None or kind is not None:
        return False
    return _is_folder(output) or not output.lower().endswith(".csv")


def _check_export(form: str, kind: str | None, output: str | None) -> None:
    """Refuse the export options that do not go together, before any file is read."""
    if output == "":
        raise _UsageError("--output is empty; give a file or folder (- for standard output)")
    if output == "-" and form == "parquet":
        raise _UsageError("--format parquet writes a folder of tables, not standard output")
    if output == "-":  # standard output
        output = None
    if form == "parquet" and output is None:
        raise _UsageError("--format parquet writes one file a table: give --output DIR")
    folder_of_tables = form == "parquet" or (form == "csv" and _csv_package(kind, output))
    if folder_of_tables and output is not None and Path(output).is_file():
        raise _UsageError(
            f"--output {output!r} is a file; --format {form} writes a folder of tables"
        )
    if form == "csv" and _is_folder(output) and kind is not None:
        raise _UsageError(
            f"--output {output!r} is a folder, for every table and a datapackage.json; "
            f"write --kind {kind} to a file instead"
        )
    if form in {"json", "ndjson", "annotations", "ics"} and _is_folder(output):
        raise _UsageError(f"--format {form} writes one file; --output {output!r} is a folder")
    if form == "annotations" and kind is not None:
        raise _UsageError("--format annotations writes every piece of evidence; it takes no --kind")


def _export(
    dataset: Dataset, form: str, kind: str | None, output: str | None, *, raw_csv: bool
) -> None:
    from tradetalks import exports  # noqa: PLC0415 - loaded only when run

    if output == "-":  # standard output
        output = None
    if form == "parquet" and output is not None:
        kinds = [kind] if kind else list(exports.KINDS)
        with _writing(output):
            for name in _counted(kinds, "tables"):
                exports.write_parquet(dataset, output, [name])
        return
    if form == "csv" and _csv_package(kind, output) and output is not None:
        with _writing(output):
            exports.write_csv_package(dataset, output, spreadsheet_safe=not raw_csv)
        return
    data: bytes
    table = kind or "statements"
    if form == "ics":
        data = exports.to_ical(dataset, kinds=[kind]) if kind else exports.to_ical(dataset)
    elif form == "csv":
        data = exports.to_csv(dataset, table, spreadsheet_safe=not raw_csv).encode("utf-8")
    elif form == "ndjson":
        data = exports.to_ndjson(dataset, table).encode("utf-8")
    elif form == "annotations":
        page = exports.to_web_annotations(dataset)
        data = (json.dumps(page, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        data = exports.to_json(dataset, table).encode("utf-8")
    if output is None:
        _emit(data)
    else:
        with _writing(output):
            Path(output).write_bytes(data)


def _dataset(path: str | None) -> Dataset:
    """The dataset of ``path`` (``-``: standard input), or the shipped one.

    A problem names the file it is in; a file that cannot be read is a usage error.
    """
    from tradetalks import fixtures  # noqa: PLC0415 - loaded only when run

    if path is None:
        try:
            return fixtures.stockholm_2025()
        except DataFormatError as error:  # a missing file (OSError): reported with its name
            raise _DatasetError(str(fixtures.DATA / _SHIPPED), _problems(error)) from None
    shown = _STDIN if path == "-" else repr(path)
    kept: list[bytes] = []
    try:
        return _load(path, kept)
    except DataFormatError as error:
        problems = _problems(error)
        export = _what_export(kept[0] if kept else _head(path))
        if export is not None:  # one line, not a problem for each row of a table
            problems = [Problem("", f"not a dataset but {export}")]
        raise _DatasetError(_named(path), problems) from None
    except OSError as error:
        raise _UsageError(f"cannot read {shown}: {_reason(error)}") from None
    except InvalidValueError as error:  # a NUL in the path
        raise _UsageError(f"cannot read {shown}: {error.message}") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _known_end(truce: Truce, seen: _Observer) -> TruceEnd | None:
    """The truce's early end if it was known to the observer (announced by then), else ``None``."""
    # What was known when is worked out in truces.py alone; a Truce has no public way to
    # ask whether its early end was known yet.
    return truce._known(seen)[1]  # noqa: SLF001 - see above


def _default_as_of(dataset: Dataset, as_of: dt.date | None) -> dt.date:
    """``as_of``, or the latest source's dateline (today, in UTC, for a dataset of none)."""
    if as_of is not None:
        return as_of
    dates = [s.published_on for s in dataset.sources]
    return max(dates) if dates else dt.datetime.now(dt.UTC).date()


def _when_text(as_of: dt.date) -> str:
    """An ``as_of`` as text: RFC 9557 for an instant, ISO for a day."""
    return format_instant(as_of) if isinstance(as_of, dt.datetime) else as_of.isoformat()


def _summary(dataset: Dataset, as_of: dt.date | None) -> None:
    for source in dataset.sources:
        title = f" {source.title!r}," if source.title else ""
        _say(
            f"Source: {source.outlet.name},{title} published {source.published_on} "
            f"({source.language}), {len(source.text)} characters"
        )
    as_of = _default_as_of(dataset, as_of)
    shown = _when_text(as_of)
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


def _summary_data(dataset: Dataset, as_of: dt.date | None) -> dict[str, object]:
    """The summary as one JSON document (the module's docstring gives its shape)."""
    from tradetalks import exports  # noqa: PLC0415 - loaded only when run

    as_of = _default_as_of(dataset, as_of)
    rounds = {row["id"]: row for row in exports.to_records(dataset, "rounds")}
    meetings = {row["id"]: row for row in exports.to_records(dataset, "meetings")}
    disagreeing = dataset.conflicts() if dataset.claims else ()
    return {
        "as_of": _when_text(as_of),
        "sources": exports.to_records(dataset, "sources"),
        "rounds": [
            {**rounds[r.id], "delegates": _delegate_data(r.delegates)}
            for r in dataset.rounds_in_order()
        ],
        "meetings": [
            {**meetings[m.id], "delegates": _delegate_data(m.delegates)} for m in dataset.meetings
        ],
        "truces": [_truce_data(truce, as_of) for truce in dataset.truces],
        "claims": {
            "count": len(dataset.claims),
            "disagreeing": [
                {
                    "id": claim.id,
                    "record_id": claim.about.id,
                    "field": claim.field,
                    "claimed": claim.value,
                    "recorded": claim.recorded,
                }
                for claim in disagreeing
            ],
        },
        "speakers": [
            {"id": ident, "name": name, "statements": count, "words": words}
            for ident, name, count, words in _speaker_counts(dataset.statements)
        ],
    }


def _delegate_data(delegates: Sequence[Delegate]) -> list[dict[str, object]]:
    return [
        {
            "person_id": d.person.id,
            "name": d.person.name,
            "party_code": d.party.code,
            "role": d.role.value,
            "title": d.title,
        }
        for d in delegates
    ]


def _truce_data(truce: Truce, as_of: dt.date) -> dict[str, object]:
    """A truce as known on ``as_of``, for the summary's JSON document."""
    first = truce.terms[0].announced_on
    data: dict[str, object] = {
        "id": truce.id,
        "parties": [p.code for p in truce.parties],
        "suspended": truce.suspended,
        "agreement_id": truce.agreement.id if truce.agreement is not None else None,
        "status": truce.status(as_of).value,
        "announced_on": bound_text(first) if first is not None else None,
        "deadline": None,
        "counts_to": None,
        "ended": None,
        "next_start": None,
        "days_remaining": None,
        "no_count_reason": None,
    }
    if data["status"] != TruceStatus.NOT_ANNOUNCED.value:
        term = truce.deadline(as_of)
        counted = truce.counts_to(as_of)
        ended = _known_end(truce, _observer(as_of))
        data["deadline"] = bound_text(term.end) if term.end is not None else None
        data["counts_to"] = bound_text(counted) if counted is not None else None
        if ended is not None:
            announced = ended.announced_on
            data["ended"] = {
                "at": bound_text(ended.at),
                "reason": ended.reason.value,
                "announced_on": bound_text(announced) if announced is not None else None,
            }
        if data["status"] == TruceStatus.LAPSED.value:
            data["next_start"] = bound_text(truce.terms[truce.terms.index(term) + 1].start)
    try:
        data["days_remaining"] = truce.days_remaining(as_of)
    except TradetalksError as error:  # not announced, until further notice, known to the month
        data["no_count_reason"] = error.message
    return data


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
    names = [p.name for p in truce.parties]
    parties = joined(names)
    suspend = "suspends" if len(names) == 1 else "suspend"
    under = f", under {truce.agreement.title}" if truce.agreement is not None else ""
    _say(f"\nTruce: {parties} {suspend} {truce.suspended}{under} ({truce.id})")
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


def _speaker_counts(statements: Sequence[Statement]) -> list[tuple[str | None, str, int, int]]:
    """Each speaker's id (``None`` for a group), name, statements and words, most first.

    Speakers are told apart by their records (a group by its words), never by a name two
    of them may share; then most statements first, then most words, then by name.
    """
    counts: Counter[tuple[str | None, str]] = Counter()
    words: Counter[tuple[str | None, str]] = Counter()
    for statement in statements:
        for who in statement.speakers:
            key = (None, who.words) if isinstance(who, UnnamedGroup) else (who.id, who.name)
            counts[key] += 1
            words[key] += len(statement.text.split())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], -words[item[0]], item[0][1]))
    return [(ident, name, count, words[(ident, name)]) for (ident, name), count in ranked]


def _who_said(statements: Sequence[Statement]) -> None:
    if not statements:
        return
    _say("\nWho said how much (a statement made by two speakers counts for each)")
    _say(f"  {'speaker':<22} {'statements':>10} {'words':>6}")
    for _, name, count, words in _speaker_counts(statements):
        _say(f"  {name:<22} {count:>10} {words:>6}")


def _timeline(
    dataset: Dataset, as_of: dt.date | None, *, as_json: bool, undated: bool = False
) -> None:
    entries = _timeline_known(dataset, as_of)
    if undated:  # what has no known start, whatever day the timeline is as of
        everything = dataset.timeline(undated=True)
        entries += [(entry, True) for entry in everything[len(dataset.timeline()) :]]
    shown = {id(entry.term) for entry, _ in entries if entry.term is not None}
    if as_json:
        places = {id(term): place for t in dataset.truces for place, term in enumerate(t.terms)}
        document = {
            "as_of": _when_text(as_of) if as_of is not None else None,
            "entries": [
                _entry_data(entry, end_known=known, places=places, shown=shown)
                for entry, known in entries
            ],
        }
        _emit(_json_text(document))
        return
    for entry, end_known in entries:
        label = _entry_label(entry, end_known=end_known, shown=shown)
        when = "undated" if entry.when is None else str(entry.when)
        _say(f"{when:<12} {entry.event.value:<15} {label}")


def _timeline_known(dataset: Dataset, as_of: dt.date | None) -> list[tuple[TimelineEntry, bool]]:
    """The timeline as known on ``as_of`` (all of it for ``None``), with the early ends known.

    Each entry comes with whether its truce's early end was known then.

    A round, meeting, statement or agreement is kept when it is dated on or before
    ``as_of`` (a month or a year counts from its last day); a truce's start, deadline or
    early end once announced (in the zone of its bounds, as :mod:`tradetalks.truces`
    reads an announcement), whatever day it is for.
    """
    entries = dataset.timeline()
    if as_of is None:
        return [(entry, True) for entry in entries]
    seen = _observer(as_of)
    known: dict[int, tuple[set[int], bool]] = {}  # by id(truce): the ids of its known terms
    kept: list[tuple[TimelineEntry, bool]] = []
    for entry in entries:
        record = entry.record
        if not isinstance(record, Truce):
            if entry.when is not None and seen.knows(entry.when, None):
                kept.append((entry, False))
            continue
        if id(record) not in known:
            terms = {id(term) for term in record.terms_known_on(as_of)}
            known[id(record)] = (terms, _known_end(record, seen) is not None)
        terms, end_known = known[id(record)]
        if end_known if entry.event is TimelineEvent.TRUCE_END else id(entry.term) in terms:
            kept.append((entry, end_known))
    return kept


def _entry_data(
    entry: TimelineEntry, *, end_known: bool, places: dict[int, int], shown: Collection[int]
) -> dict[str, object]:
    """A timeline entry for the JSON document (the module's docstring gives its shape).

    ``places`` gives each truce term's place among its truce's terms, by ``id(term)``.
    """
    record, term = entry.record, entry.term
    bound = None
    if isinstance(record, Truce):
        if entry.event is TimelineEvent.TRUCE_END and record.ended is not None:
            bound = record.ended.at
        elif term is not None:
            bound = term.start if entry.event is TimelineEvent.TRUCE_START else term.end
    kind = {
        Round: "rounds",
        Meeting: "meetings",
        Statement: "statements",
        Agreement: "agreements",
        Truce: "truces",
    }[type(record)]
    when = entry.when
    return {
        "when": when.to_edtf() if when is not None else None,
        "earliest": when.earliest.isoformat() if when is not None else None,
        "latest": when.latest.isoformat() if when is not None else None,
        "event": entry.event.value,
        "record_kind": kind,
        "record_id": record.id,
        "term": places[id(term)] + 1 if term is not None else None,
        "instant": format_instant(bound) if isinstance(bound, dt.datetime) else None,
        "label": _entry_label(entry, end_known=end_known, shown=shown),
    }


def _entry_label(
    entry: TimelineEntry, *, end_known: bool = True, shown: Collection[int] | None = None
) -> str:
    """What a timeline line says after its date and event: the record, in a few words.

    A truce's term is named by its number, 1 for the first. A deadline the next term
    continues without a lapse says it was superseded, when that term is shown (``shown``:
    the ``id`` of each term the timeline shows; ``None`` for all); the deadline a truce's
    early end cut short says so when the end is known (``end_known``).
    """
    record, event = entry.record, entry.event
    if isinstance(record, Truce) and entry.term is not None:
        terms = record.terms
        place = next(i for i, term in enumerate(terms) if term is entry.term)
        starts = event is TimelineEvent.TRUCE_START
        label = f"{record.id}: term {place + 1} {'starts' if starts else 'ends'}"
        following = terms[place + 1] if place + 1 < len(terms) else None
        if (
            not starts
            and following is not None
            and (shown is None or id(following) in shown)
            and entry.term.continued_by(following)
        ):
            announced = following.announced_on
            said = f", announced {bound_text(announced)}" if announced is not None else ""
            label += f" (superseded: term {place + 2} continues it{said})"
        ended, last = record.ended, following is None
        if ended is not None and end_known and last and not starts:
            label += f" (cut short: it ended early on {bound_text(ended.at)})"
    elif isinstance(record, Statement):
        label = f"{', '.join(record.speaker_names)}: {_cut(record.text, 60)}"
    elif isinstance(record, Round):
        label = f"{record.city} (round {record.number}){_start_unknown(entry)}"
    elif isinstance(record, Meeting):
        label = f"{record.description}{_start_unknown(entry)}"
    elif isinstance(record, Agreement):
        label = record.title
    elif isinstance(record, Truce) and record.ended is not None:  # TimelineEvent.TRUCE_END
        label = f"{record.id}: ended early ({record.ended.reason.value})"
    else:
        label = record.id
    return label


def _start_unknown(entry: TimelineEntry) -> str:
    """For a round or meeting listed as undated: `` (start not given; ended DATE)``."""
    dates = getattr(entry.record, "dates", None)
    if entry.when is not None or dates is None or not isinstance(dates.end, PartialDate):
        return ""
    return f" (start not given; ended {dates.end})"


def _speakers(dataset: Dataset, speaker: str) -> list[Person | Organization | UnnamedGroup]:
    """The speaker a name or id given on the command line finds (:meth:`Dataset.speaker`).

    Someone in the dataset who said nothing is found (and has no statements); a name that
    is not in the dataset, or that several share, is a usage error naming the closest ids,
    or the group whose words hold what was typed.
    """
    wanted = " ".join(speaker.split()).casefold()
    if not wanted:
        raise _UsageError("name a speaker by id or name")
    try:
        return [dataset.speaker(speaker.strip())]
    except MissingReferenceError as error:
        groups = {
            s.words: None
            for statement in dataset.statements
            for s in statement.speakers
            if isinstance(s, UnnamedGroup) and wanted in s.words.casefold()
        }
        message = error.message
        if groups and not error.suggestions and not error.candidates:
            message += f"; did you mean {' or '.join(f'the group {g!r}' for g in groups)}?"
        raise _UsageError(message) from None


def _statements(dataset: Dataset, speaker: str, *, as_json: bool) -> None:
    found = _speakers(dataset, speaker)
    if as_json:
        from tradetalks import exports  # noqa: PLC0415 - loaded only when run

        rows = {row["id"]: row for row in exports.to_records(dataset, "statements")}
        document = {
            "speakers": [
                {
                    "id": None if isinstance(who, UnnamedGroup) else who.id,
                    "name": _name_of(who),
                    "statements": [
                        {
                            **rows[s.id],
                            "speakers": list(s.speaker_names),
                            "reported_by": [_name_of(r) for r in s.reported_by],
                        }
                        for s in dataset.statements_by(who)
                    ],
                }
                for who in found
            ]
        }
        _emit(_json_text(document))
        return
    for who in found:
        said = dataset.statements_by(who)
        name = _name_of(who)
        if not said:
            _say(f"{name}: no statements (in the dataset, but said nothing in it)")
            continue
        _say(f"{name}: {_plural(len(said), 'statement')}")
        for statement in said:
            when = statement.said_on.value if statement.said_on else "undated"
            via = ", ".join(_name_of(r) for r in statement.reported_by)
            extra = "  ".join(
                x for x in (statement.audience or "", f"via {via}" if via else "") if x
            )
            _say(f"{when!s:<11} {statement.mode.value:<8}  {extra}".rstrip())
            _say(f"  {_cut(statement.text, 76)}")


def _name_of(who: Person | Organization | UnnamedGroup) -> str:
    """A speaker's or outlet's name; an unnamed group's words."""
    return who.words if isinstance(who, UnnamedGroup) else who.name


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 4].rstrip() + " ..."
