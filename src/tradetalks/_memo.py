"""A memo that lives for one load: what a record's check found, kept while a load runs.

A dataset repeats the same few values (dates, date words) many times. While a load runs
(:func:`one_load`), a check can note what it has already found in :func:`current`'s dict;
the memo is dropped when the load ends, so it never outlives the dataset it served and no
dataset's size can outgrow it. Outside a load there is none, and every check runs.

>>> from tradetalks._memo import current, one_load
>>> current() is None
True
>>> with one_load():
...     memo = current()
...     memo["seen"] = True
...     current()["seen"]
True
>>> current() is None
True
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


_MEMO: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar(
    "tradetalks_memo", default=None
)


@contextlib.contextmanager
def one_load() -> Iterator[None]:
    """Keep memos from here to the end of the block (one load; nested loads share it)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


current: Callable[[], dict[Any, Any] | None] = _MEMO.get
"""The memo of the load under way, or ``None`` outside a load (a check asks once a record)."""
