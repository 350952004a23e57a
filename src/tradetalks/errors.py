"""The errors ``tradetalks`` raises, in one small hierarchy.

Every error is a :class:`TradetalksError`. Invalid values are also a :class:`ValueError`
and missing references also a :class:`LookupError`, so code that already catches those
keeps working. An error about a record carries ``where``, the record and field it concerns
as a path (for example ``statements[4].evidence[0]``), and its message starts with it; an
error about a lone value (a date, an instant) names the value in its message.

>>> import tradetalks
>>> try:
...     tradetalks.PartialDate.from_edtf("2025-13")
... except tradetalks.TradetalksError as error:
...     print(error)
invalid date '2025-13': month must be 1 to 12, not 13
"""

from __future__ import annotations

__all__ = [
    "DataFormatError",
    "DateResolutionError",
    "EvidenceMismatchError",
    "InvalidValueError",
    "MergeConflictError",
    "MissingReferenceError",
    "NaiveDatetimeError",
    "NoDeadlineError",
    "NotAnnouncedError",
    "PrecisionError",
    "Problem",
    "TradetalksError",
]

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

MESSAGE_LIMIT = 1_000
"""The longest message an error keeps, in characters: a value quoted in a message can be
as long as the file it came from, and a message is for reading."""


def _capped(text: str) -> str:
    if len(text) <= MESSAGE_LIMIT:
        return text
    cut = len(text) - MESSAGE_LIMIT
    head = text[: MESSAGE_LIMIT * 3 // 4]
    tail = text[-(MESSAGE_LIMIT // 4 - 40) :]
    return f"{head} … ({cut:,} characters left out) … {tail}"


class TradetalksError(Exception):
    """The base of every error that ``tradetalks`` raises on purpose.

    Attributes:
        where: the record and field the error concerns, as a path such as
            ``statements[4].evidence[0]`` (empty when there is no better place to name).
        message: the message without the place.

    >>> from tradetalks import TradetalksError
    >>> error = TradetalksError("must not be empty", where="rounds[0].city")
    >>> str(error)
    'rounds[0].city: must not be empty'
    >>> error.where, error.message
    ('rounds[0].city', 'must not be empty')
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        """Make the error from a message and the place it concerns.

        A message longer than :data:`MESSAGE_LIMIT` characters (one that quotes a huge
        value) keeps its start and end, with the middle left out.
        """
        message, where = _capped(message), _capped(where)
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class InvalidValueError(TradetalksError, ValueError):
    """A value that cannot be what the record says it is.

    >>> import tradetalks
    >>> try:
    ...     tradetalks.DateSpan.from_edtf("2025-07-29/2025-07-28")
    ... except ValueError as error:
    ...     print(type(error).__name__, error)
    InvalidValueError the span 2025-07-29/2025-07-28 ends before it starts
    """


class EvidenceMismatchError(InvalidValueError):
    """A piece of evidence whose quoted characters are not at its offsets in the source.

    >>> import tradetalks
    >>> article = tradetalks.fixtures.stockholm_2025().sources[0]
    >>> tradetalks.Evidence(source=article, start=0, end=7, exact="Chinese")
    Evidence(source='global-times-2025-07-30-stockholm', start=0, end=7, exact='Chinese')
    >>> try:
    ...     tradetalks.Evidence(source=article, start=0, end=7, exact="Swedish")
    ... except tradetalks.EvidenceMismatchError as error:
    ...     print(error)
    text at 0:7 is 'Chinese', not the exact 'Swedish'
    """


class MissingReferenceError(TradetalksError, LookupError):
    """A reference to a record that is not there, or is not of the kind expected.

    Attributes:
        reference: the id or name that did not resolve.
        suggestions: for a lookup that found nothing, the ids of the closest records
            (at most five, the best first), ``()`` when none is close.
        candidates: for a name that several records share, their ids, ``()`` otherwise.

    >>> import tradetalks
    >>> try:
    ...     tradetalks.fixtures.stockholm_2025().get("xi-jinping")
    ... except LookupError as error:
    ...     print(error)
    no record has the id or name 'xi-jinping'
    >>> try:
    ...     tradetalks.fixtures.stockholm_2025().statements_by("bessent")
    ... except tradetalks.MissingReferenceError as error:
    ...     print(error.suggestions)
    ('scott-bessent',)
    """

    def __init__(
        self,
        message: str,
        *,
        where: str = "",
        reference: str = "",
        suggestions: Iterable[str] = (),
        candidates: Iterable[str] = (),
    ) -> None:
        """Make the error from a message, its place, what did not resolve, and what might."""
        super().__init__(message, where=where)
        self.reference = reference
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.candidates: tuple[str, ...] = tuple(candidates)


class MergeConflictError(InvalidValueError):
    """Two datasets hold records with the same id whose values disagree.

    A value one side knows more finely than the other is not a conflict (see
    :meth:`tradetalks.Dataset.merge`); any other difference is, and the message lists each,
    one a line, with both values and the sources each came from.

    Attributes:
        differences: each disagreement, a :class:`tradetalks.merging.Difference` (the
            record's id, the field's path, both values as text, and the sources of each).

    >>> import attrs
    >>> import tradetalks
    >>> from tradetalks.fixtures import stockholm_2025
    >>> record = stockholm_2025()
    >>> renamed = attrs.evolve(record.people[0], name="He Li Feng")
    >>> other = tradetalks.Dataset(sources=record.sources, organizations=record.organizations[:1],
    ...                            people=[renamed])
    >>> try:
    ...     record.merge(other)
    ... except tradetalks.MergeConflictError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    the datasets disagree:
    he-lifeng.name: 'He Lifeng' (global-times-2025-07-30-stockholm)
      vs 'He Li Feng' (global-times-2025-07-30-stockholm)
    """

    def __init__(self, message: str, *, differences: Sequence[Any], where: str = "") -> None:
        """Make the error from a message and the differences found."""
        super().__init__(message, where=where)
        self.differences = tuple(differences)


class NaiveDatetimeError(InvalidValueError):
    """A datetime without a time zone, where an instant is needed.

    ``tradetalks`` never guesses the machine's zone for a naive datetime.

    >>> from datetime import datetime
    >>> import tradetalks
    >>> try:
    ...     tradetalks.format_instant(datetime(2025, 8, 12, 0, 1))
    ... except tradetalks.NaiveDatetimeError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    2025-08-12 00:01:00 is naive (it has no time zone); give it a zone,
      e.g. tzinfo=ZoneInfo("America/New_York")
    """


class PrecisionError(InvalidValueError):
    """A date too coarse for what was asked of it, such as a day count to a month.

    >>> import tradetalks
    >>> try:
    ...     tradetalks.PartialDate.from_edtf("2025-08").to_date()
    ... except tradetalks.PrecisionError as error:
    ...     print(error)
    2025-08 is known only to the month, not to the day
    """


class NotAnnouncedError(TradetalksError):
    """A question about a fact on a day before the fact was announced.

    What was known on a day is all an answer on that day may use: a truce first announced
    on 2025-11-05 was not known in July, so it has no days remaining then.

    Attributes:
        announced_on: when the fact was announced, as its text (EDTF or RFC 9557).

    >>> from tradetalks import NotAnnouncedError
    >>> error = NotAnnouncedError("not yet announced", announced_on="2025-11-05")
    >>> error.announced_on
    '2025-11-05'
    """

    def __init__(self, message: str, *, announced_on: str, where: str = "") -> None:
        """Make the error from a message and when the fact was announced."""
        super().__init__(message, where=where)
        self.announced_on = announced_on


class NoDeadlineError(TradetalksError):
    """A count of days asked of a term that runs until further notice (it has no end).

    >>> from tradetalks import NoDeadlineError
    >>> str(NoDeadlineError("the term runs until further notice"))
    'the term runs until further notice'
    """


class DateResolutionError(InvalidValueError):
    """Date words that cannot be resolved, or that contradict themselves.

    >>> from datetime import date
    >>> import tradetalks
    >>> try:
    ...     tradetalks.resolve_date("Monday, July 30, 2025", dateline=date(2025, 7, 30))
    ... except tradetalks.DateResolutionError as error:
    ...     print(error)
    'Monday, July 30, 2025': 2025-07-30 is a Wednesday, not a Monday
    """


class Problem(NamedTuple):
    """One problem found in a dataset file: where it is, and what is wrong.

    ``path`` is a JSONPath into the file (``$.statements[4].evidence[0]``).

    >>> from tradetalks import Problem
    >>> Problem("$.rounds[0].dates", "not an EDTF date: 'May'")
    Problem(path='$.rounds[0].dates', message="not an EDTF date: 'May'")
    """

    path: str
    message: str


class DataFormatError(InvalidValueError):
    """A dataset file that cannot be loaded, with every problem found in it.

    Attributes:
        problems: each problem as a :class:`Problem` (a JSONPath and a message), in the
            order of the file.

    >>> import tradetalks
    >>> try:
    ...     tradetalks.loads('{"format": "tradetalks/1", "sources": 3}')
    ... except tradetalks.DataFormatError as error:
    ...     print(error)
    $.sources: expected a list, not a number
    """

    def __init__(self, problems: list[Problem]) -> None:
        """Make the error from the problems found, at least one (each capped in length)."""
        self.problems = [Problem(_capped(p.path), _capped(p.message)) for p in problems]
        lines = [f"{p.path}: {p.message}" for p in self.problems]
        extra = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
        # The problems are capped already: the first one's line is shown whole.
        Exception.__init__(self, lines[0] + extra if lines else "invalid dataset")
        self.where = ""
        self.message = "\n".join(lines)
