"""The JSON format of a dataset: :func:`load`, :func:`loads`, :func:`dump`, :func:`dumps`.

On disk, a dataset is one JSON object: ``"format": "tradetalks/1"``, then one list per kind
of record (``sources``, ``parties``, ``organizations``, ``people``, ``positions``,
``rounds``, ``meetings``, ``statements``, ``truces``), each record an object whose keys
follow the order of its class's fields. A record refers to another by its id (a party by
its code); an unnamed speaker is written ``{"group": "Chinese experts"}``. Dates are EDTF
strings, instants RFC 9557 strings, enumerations their lowercase names, and fields left
at their defaults are omitted. A source's text is either inline (``"text"``) or in a file
beside the JSON file (``"text_file"``), read as UTF-8 exactly as it is.

Loading reports every problem it finds, each with its JSONPath, in one
:class:`~tradetalks.DataFormatError`, and never raises anything else for bad data. Dumping
a loaded dataset gives back the same bytes.

The package's modules follow a file's path (``docs/architecture.md`` draws it):
:mod:`~tradetalks.serialization.wire` describes how every field and value is written, once;
:mod:`~tradetalks.serialization.parsing` decodes text into typed values with msgspec;
:mod:`~tradetalks.serialization.loading` builds the records from them;
:mod:`~tradetalks.serialization.report` names every problem of a file that does not load;
:mod:`~tradetalks.serialization.writing` writes a dataset back.

>>> import tradetalks
>>> from tradetalks import dumps, loads
>>> from tradetalks.fixtures import stockholm_2025
>>> text = dumps(stockholm_2025())
>>> text.splitlines()[1]
'  "format": "tradetalks/1",'
>>> dumps(loads(text, base=tradetalks.fixtures.DATA)) == text
True
"""

from __future__ import annotations

__all__ = ["FORMAT", "dump", "dumps", "load", "loads"]

import os
import stat
from typing import TYPE_CHECKING

from tradetalks.dataset import Dataset
from tradetalks.errors import DataFormatError, InvalidValueError, Problem, TradetalksError
from tradetalks.serialization.loading import load_quick
from tradetalks.serialization.parsing import Refused
from tradetalks.serialization.wire import FORMAT
from tradetalks.serialization.writing import dataset_text

if TYPE_CHECKING:
    import pathlib
    from collections.abc import Callable


def loads(text: str | bytes, *, base: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a dataset from JSON text.

    Args:
        text: the JSON text (``bytes`` are decoded as UTF-8).
        base: the folder that holds the sources' text files, for sources stored with a
            ``"text_file"``; not needed when every text is inline.

    Returns:
        The :class:`~tradetalks.Dataset`, with references resolved to the records
        themselves and every piece of evidence checked against its source.

    Raises:
        DataFormatError: listing every problem found, each with its JSONPath; nothing else
            is raised for bad data.

    >>> import tradetalks
    >>> from tradetalks import loads
    >>> loads('{"format": "tradetalks/1"}')  # doctest: +NORMALIZE_WHITESPACE
    Dataset(sources=0, parties=0, organizations=0, people=0, positions=0, rounds=0, meetings=0,
            statements=0, agreements=0, truces=0, claims=0)
    >>> try:
    ...     loads('{"format": "tradetalks/1", "people": [{"id": "x"}], "rounds": {}}')
    ... except tradetalks.DataFormatError as error:
    ...     for problem in error.problems:
    ...         print(problem.path, "-", problem.message)
    $.people[0].name - this required field is missing
    $.people[0].evidence - this required field is missing
    $.rounds - expected a list, not an object
    """
    if not isinstance(text, (str, bytes)):
        raise DataFormatError([Problem("$", f"expected JSON text, not {type(text).__name__}")])
    if base is not None and not isinstance(base, (str, os.PathLike)):
        raise InvalidValueError(f"base is a folder, not {type(base).__name__}", where="base")
    reader = None if base is None else _file_reader(os.fspath(base))
    return _loads(text, reader)


def _loads(text: str | bytes, reader: Callable[[str], str] | None) -> Dataset:
    """The quick load, and the detailed report of a file it stops at."""
    try:
        return load_quick(text, reader)
    except (Refused, TradetalksError):
        pass  # a problem: the detailed report names every one
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DataFormatError([Problem("$", f"not UTF-8 text: {error}")]) from None
    from tradetalks.serialization.report import load_detailed  # noqa: PLC0415 - cattrs, when needed

    return load_detailed(text, reader)


def _file_reader(folder: str, dataset_file: str | None = None) -> Callable[[str], str]:
    """A reader of sources' text files in ``folder``: regular files of UTF-8 text.

    A file is opened without waiting (a named pipe would block a reader for ever) and
    refused unless it is a regular file (not a pipe, a device or a folder), checked on the
    file opened, so that nothing can be swapped in between. Each name is read once: sources
    that share a file share its text. The dataset's own file (``dataset_file``) is never a
    source's text.
    """
    texts: dict[str, str] = {}
    own = None if dataset_file is None else os.path.basename(dataset_file).casefold()  # noqa: PTH119

    def read(name: str) -> str:
        text = texts.get(name)
        if text is None:
            if own is not None and name.casefold() == own:
                raise InvalidValueError(
                    f"{name!r} is the dataset's own file, not a source's text", where="text_file"
                )
            text = texts[name] = _read_text_file(name)
        return text

    def _read_text_file(name: str) -> str:
        path = os.path.join(folder, name)  # noqa: PTH118 - no pathlib on the way to a first load
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except ValueError:  # a NUL in the folder's name
            raise InvalidValueError(
                f"cannot read {name!r}: the folder's name {folder!r} holds a NUL character",
                where="text_file",
            ) from None
        except OSError as error:
            raise InvalidValueError(
                f"cannot read {name!r} beside the dataset: {error.strerror}", where="text_file"
            ) from None
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            raise InvalidValueError(
                f"{name!r} beside the dataset is not a regular file", where="text_file"
            )
        with os.fdopen(descriptor, "rb") as file:
            try:
                data = file.read()
            except OSError as error:
                raise InvalidValueError(
                    f"cannot read {name!r} beside the dataset: {error.strerror}",
                    where="text_file",
                ) from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidValueError(
                f"{name!r} is not UTF-8 text: {error}", where="text_file"
            ) from None

    return read


def _path_text(path: object) -> str:
    """A path given as ``str`` or ``os.PathLike[str]``, as a ``str``."""
    file = path.__fspath__() if isinstance(path, os.PathLike) else path
    if not isinstance(file, str):
        raise InvalidValueError(
            f"a path is a str or os.PathLike[str], not {type(path).__name__}", where="path"
        )
    return file


def load(path: str | os.PathLike[str]) -> Dataset:
    """Load a dataset from a JSON file; sources' text files are read from beside it.

    Args:
        path: the JSON file.

    Raises:
        DataFormatError: listing every problem found in the file, each with its JSONPath.
        InvalidValueError: when ``path`` is not a ``str`` or ``os.PathLike[str]``.
        OSError: when the file itself cannot be read.

    >>> from tradetalks import load
    >>> from tradetalks.fixtures import DATA
    >>> load(DATA / "stockholm_2025.json").sources[0].published_on
    datetime.date(2025, 7, 30)
    """
    file = _path_text(path)
    if "\0" in file:
        raise InvalidValueError("a path holds no NUL character", where="path")
    with open(file, "rb") as opened:  # noqa: PTH123 - no pathlib import on the way to a first load
        text = opened.read()
    reader = _file_reader(os.path.dirname(file) or os.curdir, file)  # noqa: PTH120
    return _loads(text, reader)


def dumps(dataset: Dataset) -> str:
    """The dataset as JSON text: two-space indents, keys in field order, a final newline.

    Sources with a ``text_file`` are written with the file's name, not the text (use
    :func:`dump` to write the file too).

    Raises:
        InvalidValueError: when ``dataset`` is not a :class:`~tradetalks.Dataset`.

    >>> from tradetalks import Dataset, dumps
    >>> print(dumps(Dataset()), end="")
    {
      "format": "tradetalks/1",
      "sources": [],
      "parties": [],
      "organizations": [],
      "people": [],
      "positions": [],
      "rounds": [],
      "meetings": [],
      "statements": [],
      "agreements": [],
      "truces": [],
      "claims": []
    }
    """
    if not isinstance(dataset, Dataset):
        raise InvalidValueError(f"expected a Dataset, not {type(dataset).__name__}")
    return dataset_text(dataset)


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write the dataset to a JSON file, and each source's ``text_file`` beside it.

    A text file that already exists with the same bytes is left alone. Everything is
    checked before anything is written.

    Raises:
        InvalidValueError: when a text file beside it exists with other contents (it is
            never overwritten), two sources would write different texts to one file, a
            source's text file is the JSON file itself, or ``path`` is not a ``str`` or
            ``os.PathLike[str]``.
        OSError: when a file cannot be written.

    >>> import tempfile, pathlib
    >>> from tradetalks import dump
    >>> from tradetalks.fixtures import stockholm_2025
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "copy.json"
    ...     dump(stockholm_2025(), target)
    ...     sorted(p.name for p in target.parent.iterdir())
    ['copy.json', 'global-times-2025-07-30-stockholm.txt']
    """
    from pathlib import Path  # noqa: PLC0415 - not imported on the way to a first load

    file = Path(_path_text(path))
    text = dumps(dataset)
    writes = _text_files(dataset, file)
    for target, content in writes.values():
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    file.write_bytes(text.encode("utf-8"))


def _folded(path: pathlib.Path) -> str:
    """A path as a case-insensitive file system (Windows', macOS's) would compare it."""
    return os.path.normcase(os.path.abspath(path)).casefold()  # noqa: PTH100


def _text_files(dataset: Dataset, file: pathlib.Path) -> dict[str, tuple[pathlib.Path, bytes]]:
    """The sources' text files to write beside ``file``, each checked; nothing is written.

    Raises:
        InvalidValueError: for a text file that is the dataset's own file, one that two
            sources would write with different texts, one that exists with other contents,
            or one inside a folder that is another file.
    """
    json_name = _folded(file)
    writes: dict[str, tuple[pathlib.Path, bytes]] = {}
    for index, source in enumerate(dataset.sources):
        if source.text_file is None:
            continue
        where = f"sources[{index}].text_file"
        target = file.parent / source.text_file
        content = source.text.encode("utf-8")
        name = _folded(target)
        if name == json_name:
            raise InvalidValueError(
                f"{source.text_file!r} is the dataset's own file; the text would be written "
                "over it",
                where=where,
            )
        if name in writes and writes[name][1] != content:
            raise InvalidValueError(
                f"{source.text_file!r} is another source's text file, with another text",
                where=where,
            )
        if target.exists() and target.read_bytes() != content:
            raise InvalidValueError(
                f"{str(target)!r} exists with other contents; not overwritten", where=where
            )
        writes[name] = (target, content)
    for name, (target, _) in writes.items():
        # A file's folders must not be another source's file ("x.txt" and "x.txt/y.txt").
        for folder in target.relative_to(file.parent).parents:
            here = file.parent / folder
            if _folded(here) != name and (_folded(here) in writes or here.is_file()):
                raise InvalidValueError(
                    f"{str(folder)!r} is a file, so it cannot hold {target.name!r}",
                    where="text_file",
                )
    return writes
