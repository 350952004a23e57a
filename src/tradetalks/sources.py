"""Where facts come from: a :class:`Source` and :class:`Evidence` in it.

Evidence is a span of a source's text, like a W3C Web Annotation with both a
TextPositionSelector (``start``, ``end``: 0-based, half-open offsets in characters of the
decoded text) and a TextQuoteSelector (``exact``: the characters themselves). The two must
agree: ``source.text[start:end] == exact``, checked when the evidence is made.

>>> from tradetalks import Evidence
>>> from tradetalks.fixtures import stockholm_2025
>>> article = stockholm_2025().sources[0]
>>> quote = Evidence.find(article, "a deadline approaching on August 12")
>>> quote.start, quote.end
(3098, 3133)
>>> article.text[quote.start:quote.end] == quote.exact
True
"""

from __future__ import annotations

__all__ = ["Evidence", "Source"]

import datetime as dt  # at run time: record_classes() resolves the fields' annotations
import re
from typing import TYPE_CHECKING, Any

import attrs

from tradetalks._fields import (
    REFERENCE_MARK,
    check_id,
    check_instance,
    check_instances,
    check_named,
    check_optional_text,
    in_field,
    record_class,
    short,
)
from tradetalks.dates import to_day
from tradetalks.errors import EvidenceMismatchError, InvalidValueError

if TYPE_CHECKING:
    import datetime as dt

    # actors imports this module (every record carries evidence): a source's outlet is
    # checked by its class's registered name, not by importing actors.
    from tradetalks.actors import Organization
    from tradetalks.dates import PartialDate

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _published_on(value: dt.date | PartialDate | str) -> dt.date:
    return in_field("published_on", to_day, value)


def _check_language(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _LANGUAGE.fullmatch(value) is None:
        raise InvalidValueError(
            f"{value!r} is not a BCP 47 language tag such as 'en' or 'zh-Hans'",
            where=attribute.name,
        )


def _check_source_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError("a source needs its full, non-empty text", where=attribute.name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate: no file could hold the text
        raise InvalidValueError(
            f"the text is not Unicode that UTF-8 can encode: {error.reason} at "
            f"{error.start}:{error.end}",
            where=attribute.name,
        ) from None


# A portable file name (POSIX's portable character set): letters, digits, ".", "_", "-",
# not starting with "-" (an option to many tools) nor ending with "." (Windows drops it).
_PORTABLE_NAME = re.compile(r"(?!-)[A-Za-z0-9._-]{1,255}(?<!\.)", re.ASCII)
# Names Windows gives to devices, with any extension: "nul.txt" is the null device there.
_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in "0123456789"]
)


def _portable_relative(name: str) -> bool:
    """Whether ``name`` is a relative path of portable names, inside its folder on any system."""
    if len(name) > 4096:
        return False
    return all(
        _PORTABLE_NAME.fullmatch(part) is not None
        and part not in {".", ".."}
        and part.split(".", 1)[0].lower() not in _DEVICE_NAMES
        for part in name.split("/")
    )


def _check_text_file(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not _portable_relative(value):
        raise InvalidValueError(
            f"{short(repr(value), 80)} is not a relative file name inside the dataset's folder "
            "(portable names of letters, digits, '.', '_' and '-', separated by '/')",
            where=attribute.name,
        )


@record_class
@attrs.frozen(kw_only=True)
class Source:
    """A document the facts come from, with its full text.

    Attributes:
        id: the source's id in its dataset.
        outlet: the :class:`~tradetalks.Organization` that published it.
        title: its headline, when known (``None`` when the text at hand does not carry it).
        published_on: the day it was published (its dateline), a :class:`datetime.date`
            (``YYYY-MM-DD`` text, or a day-precision :class:`~tradetalks.PartialDate`, is
            accepted and converted; a month is refused: a dateline is a full day);
            relative date words in it are resolved against this day.
        url: where it was published, when known.
        language: a BCP 47 language tag (``"en"``).
        text: the full text, exactly as published; evidence offsets count its characters.
        text_file: the file, beside the dataset's JSON file, that holds the text on disk;
            ``None`` to keep the text inside the JSON. A relative path of portable names
            (letters, digits, ``.``, ``_``, ``-``; ``/`` between folders), so that it stays
            inside the dataset's folder on every system. It does not take part in equality.

    Raises:
        InvalidValueError: for a malformed id or language tag, an empty text, or a
            ``published_on`` that is not a full day.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> article = stockholm_2025().sources[0]
    >>> article.outlet.name, article.published_on.isoformat(), len(article.text)
    ('Global Times', '2025-07-30', 6137)
    >>> import attrs
    >>> attrs.evolve(article, published_on="2025-07-31").published_on
    datetime.date(2025, 7, 31)
    >>> attrs.evolve(article, published_on="2025-07")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: published_on: a full day is needed (YYYY-MM-DD text or a
    datetime.date), not the month 2025-07
    """

    id: str = attrs.field(validator=check_id)
    outlet: Organization = attrs.field(
        metadata=REFERENCE_MARK, validator=check_named("Organization")
    )
    title: str | None = attrs.field(default=None, validator=check_optional_text)
    published_on: dt.date = attrs.field(converter=_published_on)
    url: str | None = attrs.field(default=None, validator=check_optional_text)
    language: str = attrs.field(validator=_check_language)
    text: str = attrs.field(validator=_check_source_text, repr=False)
    text_file: str | None = attrs.field(
        default=None, validator=_check_text_file, eq=False, repr=False
    )


_CHECK_SOURCE = check_instance(Source)


def _check_span(instance: Evidence, attribute: attrs.Attribute[Any], value: object) -> None:
    """Every field of a piece of evidence: its source, its offsets, the text at them.

    The validator of its last field, so that it sees all of them, in one step for the
    common case (a piece of evidence is made for every fact of a file).
    """
    source, start, end = instance.source, instance.start, instance.end
    if type(source) is Source and type(start) is int and type(end) is int and type(value) is str:
        text = source.text
        if (
            0 <= start < end <= len(text)
            and end - start == len(value)
            and text.startswith(value, start)
        ):
            return
    _CHECK_SOURCE(instance, attrs.fields(Evidence).source, source)
    for name in ("start", "end"):
        offset = getattr(instance, name)
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise InvalidValueError(
                f"offsets are whole numbers of characters, not {type(offset).__name__}",
                where=name,
            )
    text = instance.source.text
    if not 0 <= instance.start < instance.end <= len(text):
        raise EvidenceMismatchError(
            f"offsets {instance.start}:{instance.end} are not a non-empty span of the source's "
            f"{len(text)} characters"
        )
    if not isinstance(instance.exact, str):
        raise InvalidValueError(
            f"exact must be a string, not {type(instance.exact).__name__}", where="exact"
        )
    start, end, exact = instance.start, instance.end, instance.exact
    if end - start != len(exact) or not text.startswith(exact, start):
        # Only the characters the message shows are sliced: the span may be the whole text.
        found = text[start : min(end, start + 61)]
        raise EvidenceMismatchError(
            f"text at {start}:{end} is {short(found)!r}, not the exact {short(exact)!r}"
        )


@record_class
@attrs.frozen(kw_only=True)
class Evidence:
    """Where in a source a fact is stated: offsets and the characters at them.

    Attributes:
        source: the :class:`Source`.
        start: offset of the first character, 0-based, in characters of ``source.text``.
        end: offset just past the last character (half-open: ``end - start`` characters).
        exact: the characters ``source.text[start:end]``.

    Raises:
        EvidenceMismatchError: when the offsets are outside the text or ``exact`` is not what
            stands at them.

    >>> from tradetalks import Evidence
    >>> from tradetalks.fixtures import stockholm_2025
    >>> article = stockholm_2025().sources[0]
    >>> Evidence(source=article, start=0, end=7, exact="Chinese").exact
    'Chinese'
    """

    source: Source = attrs.field(metadata=REFERENCE_MARK, repr=lambda source: repr(source.id))
    start: int
    end: int
    exact: str = attrs.field(validator=_check_span)

    @classmethod
    def find(cls, source: Source, exact: str, *, occurrence: int | None = None) -> Evidence:
        """Evidence for ``exact`` found in the source's text.

        Args:
            source: the :class:`Source` to search.
            exact: the characters to find.
            occurrence: which occurrence to take, 1 for the first, when ``exact`` occurs
                more than once; ``None`` requires it to occur exactly once.

        Raises:
            EvidenceMismatchError: when ``exact`` does not occur, or occurs more than once
                and no ``occurrence`` is given, or fewer times than ``occurrence``.
                Occurrences may overlap: "no no" occurs twice in "no no no".
            InvalidValueError: when ``source`` is not a Source or ``occurrence`` not a
                whole number from 1.

        >>> from tradetalks import Evidence
        >>> from tradetalks.fixtures import stockholm_2025
        >>> article = stockholm_2025().sources[0]
        >>> Evidence.find(article, "Stockholm", occurrence=2).start
        522
        """
        if not isinstance(source, Source):
            raise InvalidValueError(
                f"expected a Source, not {type(source).__name__}", where="source"
            )
        if occurrence is not None and (
            not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1
        ):
            raise InvalidValueError(
                f"occurrence is a whole number from 1, not {occurrence!r}", where="occurrence"
            )
        if not isinstance(exact, str) or not exact:
            raise EvidenceMismatchError("the characters to find must be a non-empty string")
        # Occurrences may overlap ("no no" stands twice in "no no no"); only as many are
        # looked for as the answer needs, so the time is linear in the text for one.
        wanted = 2 if occurrence is None else occurrence
        starts: list[int] = []
        found = source.text.find(exact)
        while found != -1 and len(starts) < wanted:
            starts.append(found)
            found = source.text.find(exact, found + 1)
        if not starts:
            raise EvidenceMismatchError(f"{short(exact)!r} does not occur in {source.id!r}")
        if occurrence is None:
            if len(starts) > 1:
                raise EvidenceMismatchError(
                    f"{short(exact)!r} occurs more than once in {source.id!r}; "
                    "say which with occurrence="
                )
            occurrence = 1
        if not 1 <= occurrence <= len(starts):
            raise EvidenceMismatchError(
                f"{short(exact)!r} occurs {len(starts)} times in {source.id!r}, not {occurrence}"
            )
        start = starts[occurrence - 1]
        return cls(source=source, start=start, end=start + len(exact), exact=exact)

    def context(self, characters: int = 40) -> str:
        r"""The evidence with up to ``characters`` characters of text on each side.

        The evidence itself is marked with ``[[`` and ``]]``.

        >>> from tradetalks import Evidence
        >>> from tradetalks.fixtures import stockholm_2025
        >>> article = stockholm_2025().sources[0]
        >>> Evidence.find(article, "August 12").context(20)
        'line approaching on [[August 12]].\nSpeaking to report'
        """
        text = self.source.text
        before = text[max(0, self.start - characters) : self.start]
        after = text[self.end : self.end + characters]
        return f"{before}[[{self.exact}]]{after}"


def check_evidence(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    """A validator: at least one piece of evidence, each an :class:`Evidence`."""
    if not value:
        raise InvalidValueError(
            "needs at least one piece of evidence (the characters of a source that state it)",
            where=attribute.name,
        )
    check_evidence_items(instance, attribute, value)


def check_evidence_items(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    """A validator: each item an :class:`Evidence`; none at all is allowed."""
    for item in value:
        if type(item) is not Evidence:  # not the class itself: checked with its name
            check_instances(Evidence)(instance, attribute, value)
            return


def check_evidence_or_derivation(evidence: tuple[Any, ...], derivation: str | None) -> None:
    """A record's facts come from evidence, or from a document it names in ``derivation``.

    Raises:
        InvalidValueError: when there is neither (``where`` is ``evidence``).
    """
    if not evidence and derivation is None:
        raise InvalidValueError(
            "needs evidence (the characters of a source that state it), or a derivation "
            "saying where it comes from, such as a document that is not in the dataset",
            where="evidence",
        )
