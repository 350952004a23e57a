"""The datasets shipped with ``tradetalks``, loaded once and cached.

:func:`stockholm_2025` is the record of one article: Global Times, 30 July 2025, on the
China–US economic and trade talks in Stockholm on 28–29 July 2025. The article's text is
shipped byte for byte as published (``DATA / "global-times-2025-07-30-stockholm.txt"``,
SHA-256 ``0acb82be1251199ccaf532d94f4daffdd2b35ae69b8c0b14a656db80982176ac``), beside the
dataset's JSON file (``DATA / "stockholm_2025.json"``), which is loaded by the same
:func:`tradetalks.load` that reads users' own files.

>>> from tradetalks.fixtures import stockholm_2025
>>> stockholm_2025() is stockholm_2025()
True
"""

from __future__ import annotations

__all__ = ["DATA", "stockholm_2025"]

import functools
import os
from typing import TYPE_CHECKING

from tradetalks.serialization import load

if TYPE_CHECKING:
    import pathlib

    from tradetalks.dataset import Dataset

    DATA: pathlib.Path
    """The folder of the shipped data files, a :class:`pathlib.Path`."""

_FOLDER = os.path.join(os.path.dirname(__file__), "data")  # noqa: PTH118, PTH120 - see __getattr__


def __getattr__(name: str) -> object:
    """``DATA``, made on first use: pathlib is not imported on the way to a first load."""
    if name == "DATA":
        from pathlib import Path  # noqa: PLC0415

        globals()["DATA"] = folder = Path(_FOLDER)
        return folder
    message = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(message)


def __dir__() -> list[str]:
    """The module's names, ``DATA`` among them before its first use."""
    return sorted({*globals(), "DATA"})


@functools.cache
def stockholm_2025() -> Dataset:
    """The shipped record of the Global Times article of 30 July 2025 on the Stockholm talks.

    Returns:
        The :class:`~tradetalks.Dataset`: the source, 2 parties, 15 organizations, the 8
        people the article names with their positions, the 3 rounds (Geneva, London,
        Stockholm), 2 other meetings, 25 statements and the 90-day tariff truce. It is
        loaded on the first call and the same object is returned after that.

    Raises:
        DataFormatError: only if the installed data files were altered.

    Statements are taken one per verb of saying (see :mod:`tradetalks.statements`).

    >>> from tradetalks.fixtures import stockholm_2025
    >>> record = stockholm_2025()
    >>> [r.city for r in record.rounds_in_order()]
    ['Geneva', 'London', 'Stockholm']
    >>> str(record.truces[0].terms[0].end)
    '2025-08-12'
    """
    return load(os.path.join(_FOLDER, "stockholm_2025.json"))  # noqa: PTH118
