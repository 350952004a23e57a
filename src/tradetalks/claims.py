"""Claims: what someone asserted about a fact of the record, right or wrong.

A :class:`Claim` keeps an assertion ("the new deadline is November 9") linked to the fact it
is about: the record, a field within it (``terms[1].end``), the value claimed, who claimed it
and where. The record keeps what the best evidence says; a claim that disagrees is data
too, and :meth:`tradetalks.Dataset.conflicts` lists those.

How a claimed value is compared with the record's:

* dates: a claimed day agrees with a day, and with an instant on that day in the instant's
  own zone; a claimed month (or year) with any day in it; a claimed single date with a span
  of days it can fall within (talks "on 10 May" of talks on 10–11 May); a claimed span
  with a span whose start and end agree in the same way; a claimed instant with the same
  instant;
* an enumeration by its value text, a number by its digits, a reference by the id of the
  record it names, a text exactly;
* a field the record leaves empty (``None``) contradicts no claim.

>>> from tradetalks import Claim, UnnamedGroup
>>> from tradetalks.fixtures import stockholm_2025
>>> record = stockholm_2025()
>>> truce = record.truces[0]
>>> claim = Claim(id="claim-aug-14", claimed_by=UnnamedGroup("some reports"), about=truce,
...               field="terms[0].end", value="2025-08-14",
...               evidence=truce.evidence)
>>> claim.recorded, claim.agrees()
('2025-08-12', False)
"""

from __future__ import annotations

__all__ = ["Claim"]

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from tradetalks._fields import (
    REFERENCE_MARK,
    check_id,
    check_instance,
    check_text,
    record_class,
    to_tuple,
)
from tradetalks.actors import Organization, Party, Person, UnnamedGroup
from tradetalks.agreements import Agreement
from tradetalks.dates import DateSpan, PartialDate, SpanEnd
from tradetalks.errors import InvalidValueError
from tradetalks.instants import elapsed, format_instant, parse_instant
from tradetalks.sources import Source, check_evidence
from tradetalks.talks import Meeting, Round
from tradetalks.truces import Truce, day_range

if TYPE_CHECKING:
    from collections.abc import Callable

    from tradetalks.sources import Evidence

# One step of a field's path: a field's name, then any number of [index].
_STEP = re.compile(r"([a-z_][a-z0-9_]*)((?:\[[0-9]{1,6}\])*)", re.ASCII)
_INDEX = re.compile(r"\[([0-9]+)\]", re.ASCII)
_MAX_PATH = 200


def value_at(record: object, path: str) -> object:
    """The value at ``path`` (``terms[1].end``) within a record.

    Raises:
        InvalidValueError: for a path that is malformed, names no field of the record, an
            item past a list's end, a whole list, or a record rather than one of its fields.

    >>> from tradetalks.claims import value_at
    >>> from tradetalks.fixtures import stockholm_2025
    >>> str(value_at(stockholm_2025().truces[0], "terms[0].end"))
    '2025-08-12'
    """
    if not isinstance(path, str) or not path or len(path) > _MAX_PATH:
        raise InvalidValueError(
            f"a field is a path such as 'terms[1].end', not {path!r}", where="field"
        )
    value: object = record
    for step in path.split("."):
        value = _step(value, step, path)
    _check_one_value(value, path)
    return value


def _step(value: object, step: str, path: str) -> object:
    """The value one step of a path (``terms[1]``) leads to from ``value``."""
    match = _STEP.fullmatch(step)
    if match is None:
        raise InvalidValueError(f"{path!r} is not a path such as 'terms[1].end'", where="field")
    name, indexes = match.groups()
    if value is None:
        raise InvalidValueError(
            f"{path!r}: the record has no value before {name!r} (it is empty)", where="field"
        )
    kind = type(value)
    fields = attrs.fields_dict(kind) if attrs.has(kind) else {}
    field = fields.get(name)
    if field is None:
        raise InvalidValueError(f"{path!r}: a {kind.__name__} has no field {name!r}", where="field")
    if not field.eq:
        raise InvalidValueError(
            f"{path!r}: {name!r} is how the record is stored, not a fact", where="field"
        )
    value = getattr(value, name)
    for index in map(int, _INDEX.findall(indexes)):
        if not isinstance(value, tuple) or index >= len(value):
            raise InvalidValueError(f"{path!r}: there is no item [{index}]", where="field")
        value = value[index]
    return value


def _check_one_value(value: object, path: str) -> None:
    """Refuse a path that leads to several values (a list, a mapping) or a whole record."""
    if isinstance(value, Mapping):
        raise InvalidValueError(
            f"{path!r} is a mapping of several values; a claim is about one", where="field"
        )
    if isinstance(value, tuple):
        raise InvalidValueError(
            f"{path!r} is a list; name one of its items, such as {path}[0]", where="field"
        )
    if _is_owned_record(value):
        fields = ", ".join(
            f.name for f in attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))
        )
        raise InvalidValueError(
            f"{path!r} is a {type(value).__name__}; name one of its fields ({fields})",
            where="field",
        )


def _is_owned_record(value: object) -> bool:
    return (
        attrs.has(type(value))
        and not isinstance(value, (PartialDate, DateSpan, UnnamedGroup))
        and not isinstance(getattr(value, "id", None), str)
    )


def _edtf(value: PartialDate | DateSpan) -> str:
    return value.to_edtf()


def _day(value: dt.date) -> str:
    return value.isoformat()


def _enum_value(value: enum.Enum) -> str:
    return str(value.value)


def _boolean(value: bool) -> str:  # noqa: FBT001 - a value, not a flag
    return "true" if value else "false"


def _words(value: UnnamedGroup) -> str:
    return value.words


# The format's text form of each kind of value, the more particular kinds first.
_FORMS: tuple[tuple[type | tuple[type, ...], Callable[[Any], str]], ...] = (
    ((PartialDate, DateSpan), _edtf),
    (dt.datetime, format_instant),
    (dt.date, _day),
    (enum.Enum, _enum_value),
    (bool, _boolean),
    (UnnamedGroup, _words),
)


def as_text(value: object) -> str | None:
    """A value in the format's own text form (EDTF, RFC 9557, an id, an enum's value).

    >>> from tradetalks import PartialDate
    >>> from tradetalks.claims import as_text
    >>> as_text(PartialDate.from_edtf("2025-05")), as_text(3), as_text(None)
    ('2025-05', '3', None)
    """
    if value is None:
        return None
    for kinds, form in _FORMS:
        if isinstance(value, kinds):
            return form(value)
    ident = getattr(value, "id", None)
    return ident if isinstance(ident, str) else str(value)


def _claimed_date(text: str) -> DateSpan | dt.datetime | None:
    """A claimed value read as a date, a span or an instant; ``None`` if it is none of them."""
    try:
        if "T" in text or "t" in text:
            return parse_instant(text)
        return DateSpan.from_edtf(text)
    except InvalidValueError:
        return None


def _overlap(one: object, two: object) -> bool:
    first, second = day_range(one), day_range(two)
    if first is None or second is None:
        return one == two
    return first[0] <= second[1] and second[0] <= first[1]


def _ends_agree(recorded: object, claimed: object) -> bool:
    if isinstance(recorded, SpanEnd) or isinstance(claimed, SpanEnd):
        return recorded == claimed or SpanEnd.UNKNOWN in (recorded, claimed)
    return _overlap(recorded, claimed)


def _within_span(recorded: DateSpan, claimed: object) -> bool:
    """A single date claimed of a span agrees when it can fall within the span."""
    low, high = recorded.earliest, recorded.latest
    days = day_range(claimed)
    if days is None:
        return False
    return (low is None or low <= days[1]) and (high is None or days[0] <= high)


def _instant_agrees(recorded: object, claimed: dt.datetime) -> bool:
    if isinstance(recorded, dt.datetime):
        return elapsed(recorded, claimed) == dt.timedelta(0)
    if isinstance(recorded, DateSpan):
        return _within_span(recorded, claimed)
    return _overlap(recorded, claimed)


def _dates_agree(recorded: object, claimed: DateSpan | dt.datetime) -> bool:
    if isinstance(claimed, dt.datetime):
        return _instant_agrees(recorded, claimed)
    single = claimed.start == claimed.end
    if isinstance(recorded, DateSpan):
        if single:  # a single date claimed of a span
            return _within_span(recorded, claimed.start)
        return _ends_agree(recorded.start, claimed.start) and _ends_agree(recorded.end, claimed.end)
    return _ends_agree(recorded, claimed.start) and (single or _ends_agree(recorded, claimed.end))


def _check_value(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_text(instance, attribute, value)


@record_class
@attrs.frozen(kw_only=True)
class Claim:
    """What someone asserted about one fact of the record, kept whether right or wrong.

    Attributes:
        id: the claim's id in its dataset.
        claimed_by: who asserted it, as a statement's speaker is given: a
            :class:`~tradetalks.Person`, an :class:`~tradetalks.Organization` (an outlet
            reporting it), or an :class:`~tradetalks.UnnamedGroup` ("some reports").
        about: the record the claim concerns: a source, party, organization, person, round,
            meeting, agreement or truce.
        field: the fact within that record, as a path of field names and list places:
            ``dates``, ``city``, ``terms[1].end``, ``delegates[0].title``.
        value: the value claimed, in the format's own text form: EDTF for a date or span
            (``2025-11-09``), RFC 9557 for an instant, an enumeration's value, an id for a
            reference, a number's digits, or the text.
        evidence: where a source states the claim (one or more :class:`~tradetalks.Evidence`).

    Raises:
        InvalidValueError: for a ``field`` that does not name one value of the record (a
            field it lacks, an item past a list's end, a whole list), an empty value, or a
            reference of the wrong kind; the message names the field.

    >>> from tradetalks import Claim, UnnamedGroup
    >>> from tradetalks.fixtures import stockholm_2025
    >>> truce = stockholm_2025().truces[0]
    >>> Claim(id="c", claimed_by=UnnamedGroup("reports"), about=truce, field="terms[0].ends",
    ...       value="2025-08-14", evidence=truce.evidence)
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: field: 'terms[0].ends': a TruceTerm has no field 'ends'
    """

    id: str = attrs.field(validator=check_id)
    claimed_by: Person | Organization | UnnamedGroup = attrs.field(
        metadata=REFERENCE_MARK, validator=check_instance(Person, Organization, UnnamedGroup)
    )
    about: Source | Party | Organization | Person | Round | Meeting | Agreement | Truce = (
        attrs.field(
            metadata=REFERENCE_MARK,
            validator=check_instance(
                Source, Party, Organization, Person, Round, Meeting, Agreement, Truce
            ),
        )
    )
    field: str = attrs.field(validator=check_text)
    value: str = attrs.field(validator=_check_value)
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        """Check that ``field`` names one value of the record."""
        value_at(self.about, self.field)

    @property
    def recorded(self) -> str | None:
        """The record's own value of the field, in the format's text form (``None`` if unset).

        >>> from tradetalks import Claim, UnnamedGroup
        >>> from tradetalks.fixtures import stockholm_2025
        >>> record = stockholm_2025()
        >>> geneva = record.get("geneva-2025")
        >>> Claim(id="c", claimed_by=UnnamedGroup("reports"), about=geneva, field="city",
        ...       value="Lausanne", evidence=geneva.evidence).recorded
        'Geneva'
        """
        return as_text(value_at(self.about, self.field))

    def agrees(self) -> bool:
        """Whether the claimed value agrees with the record's (see the module's rules).

        >>> from tradetalks import Claim, UnnamedGroup
        >>> from tradetalks.fixtures import stockholm_2025
        >>> truce = stockholm_2025().truces[0]
        >>> Claim(id="c", claimed_by=UnnamedGroup("reports"), about=truce, field="terms[0].end",
        ...       value="2025-08", evidence=truce.evidence).agrees()
        True
        """
        recorded = value_at(self.about, self.field)
        if recorded is None:
            return True
        if isinstance(recorded, (PartialDate, DateSpan, dt.date)):
            claimed = _claimed_date(self.value)
            return claimed is not None and _dates_agree(recorded, claimed)
        return as_text(recorded) == self.value
