"""Encounters: rounds of a negotiation track, their delegates, and other meetings.

A :class:`Round` has its :class:`Delegate` records; a :class:`Meeting` is any other
encounter the record mentions.

A round is one session of a negotiation track (Geneva, London, Stockholm); anything else
the record mentions (a minister meeting a business council, a leaders' phone call) is a
meeting of its own kind, not a round.

>>> from tradetalks.fixtures import stockholm_2025
>>> [(r.number, r.city, str(r.dates)) for r in stockholm_2025().rounds_in_order()]
[(1, 'Geneva', '2025-05'), (2, 'London', '2025-06'), (3, 'Stockholm', '2025-07-28/2025-07-29')]
"""

from __future__ import annotations

__all__ = ["Delegate", "Meeting", "MeetingKind", "Role", "Round"]

import enum
from typing import TYPE_CHECKING, Any

import attrs

from tradetalks._fields import (
    REFERENCE_MARK,
    check_country,
    check_id,
    check_instance,
    check_instances,
    check_optional_text,
    check_text,
    check_texts,
    in_field,
    record_class,
    to_enum,
    to_tuple,
)
from tradetalks.actors import Organization, Party, Person, UnnamedGroup
from tradetalks.dates import DateSpan, SpanEnd, to_date_span
from tradetalks.errors import InvalidValueError
from tradetalks.sources import check_evidence

if TYPE_CHECKING:
    from tradetalks.dates import SpanInput
    from tradetalks.sources import Evidence


class Role(enum.Enum):
    """A delegate's place in a delegation (a field takes a member or its value's text)."""

    LEAD = "lead"
    """The head of the party's delegation ("lead person")."""
    MEMBER = "member"
    """Any other member of the delegation."""


def _to_role(value: Role | str) -> Role:
    return to_enum(Role, value, "role")


@record_class
@attrs.frozen(kw_only=True)
class Delegate:
    """A person's place in one round: whom they represent, their role, their title then.

    Attributes:
        person: the :class:`~tradetalks.Person`.
        party: the :class:`~tradetalks.Party` they represent.
        role: a :class:`Role`, ``LEAD`` or ``MEMBER`` (or its value's text, ``"lead"``).
        title: the title they held at that round, as the source gives it.
        evidence: where the source places them in the round.

    Raises:
        InvalidValueError: for references of the wrong kind or an empty title.

    >>> from tradetalks import Round
    >>> from tradetalks.fixtures import stockholm_2025
    >>> stockholm = stockholm_2025().get("stockholm-2025", Round)
    >>> [(d.person.name, d.party.code, d.role.value) for d in stockholm.delegates]
    [('He Lifeng', 'CN', 'lead'), ('Scott Bessent', 'US', 'lead'), ('Jamieson Greer', 'US', 'member')]
    """

    person: Person = attrs.field(metadata=REFERENCE_MARK, validator=check_instance(Person))
    party: Party = attrs.field(metadata=REFERENCE_MARK, validator=check_instance(Party))
    role: Role = attrs.field(converter=_to_role)
    title: str = attrs.field(validator=check_text)
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )


def _dates(value: SpanInput) -> DateSpan:
    return in_field("dates", to_date_span, value)


def _check_ends(instance: object, attribute: attrs.Attribute[Any], value: DateSpan | None) -> None:
    """Refuse an open end (``..``): a round or a meeting stops, said or not.

    An end the source does not give is unknown (``2025-07-28/``), and accepted.
    """
    if value is None or SpanEnd.OPEN not in (value.start, value.end):
        return
    unknown = DateSpan(
        *(SpanEnd.UNKNOWN if end is SpanEnd.OPEN else end for end in (value.start, value.end))
    )
    what = "a round of talks" if isinstance(instance, Round) else "a meeting"
    raise InvalidValueError(
        f"{value} is open ('..': without limit), which {what} cannot be; an end the source "
        f"does not give is unknown, written as nothing: {unknown}",
        where=attribute.name,
    )


MAX_ROUND_NUMBER = 1_000_000
"""The largest round number taken: more rounds than any track has had, and a number every
tool that reads the exports holds exactly."""


def _check_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ROUND_NUMBER:
        shown = value if not isinstance(value, int) or abs(value) < 10**12 else "a huge number"
        raise InvalidValueError(
            f"a round's number is a whole number from 1 to {MAX_ROUND_NUMBER:,}, not {shown!r}",
            where=attribute.name,
        )


def _check_delegates(
    instance: Round, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    check_instances(Delegate)(instance, attribute, value)
    seen: set[str] = set()
    for index, delegate in enumerate(value):
        if delegate.person.id in seen:
            raise InvalidValueError(
                f"{delegate.person.id!r} is a delegate more than once",
                where=f"{attribute.name}[{index}]",
            )
        seen.add(delegate.person.id)


@record_class
@attrs.frozen(kw_only=True)
class Round:
    """One round of a negotiation track.

    Attributes:
        id: the round's id in its dataset.
        track: the name of the negotiation track it belongs to.
        number: its number in the track, from 1, when known.
        city: where it was held.
        country: ISO 3166-1 alpha-2 code of the host country, when the source gives it.
        dates: a :class:`~tradetalks.DateSpan` at the precision the source gives
            (``2025-05`` for "in May"); an end the source does not give is unknown
            (``/2025-07-29`` for talks that "ended on Tuesday"), never open. EDTF text
            (``"2025-07-28/2025-07-29"``), one date (a ``datetime.date`` or a
            :class:`~tradetalks.PartialDate`) or a ``(start, end)`` pair is accepted.
        delegates: its :class:`Delegate` records, in the source's order.
        outcomes: what it produced, each in a sentence, when the source states it.
        evidence: where the source states it.

    Raises:
        InvalidValueError: for a number below 1 or above 1,000,000, a malformed country
            code, a person who is a delegate twice, dates that end before they start, or
            dates with an open end (``2025-07-28/..``: a round of talks stops).

    >>> from tradetalks import Round
    >>> from tradetalks.fixtures import stockholm_2025
    >>> stockholm = stockholm_2025().get("stockholm-2025", Round)
    >>> stockholm.number, stockholm.country, str(stockholm.dates)
    (3, 'SE', '2025-07-28/2025-07-29')
    """

    id: str = attrs.field(validator=check_id)
    track: str = attrs.field(validator=check_text)
    number: int | None = attrs.field(default=None, validator=_check_number)
    city: str = attrs.field(validator=check_text)
    country: str | None = attrs.field(default=None, validator=check_country)
    dates: DateSpan = attrs.field(converter=_dates, validator=_check_ends)
    delegates: tuple[Delegate, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=_check_delegates
    )
    outcomes: tuple[str, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=check_texts
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )

    def delegation(self, party: Party | str) -> tuple[Delegate, ...]:
        """The delegates of one party (a :class:`~tradetalks.Party` or its code), leads first.

        >>> from tradetalks import Round
        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm = stockholm_2025().get("stockholm-2025", Round)
        >>> [d.person.name for d in stockholm.delegation("US")]
        ['Scott Bessent', 'Jamieson Greer']
        """
        return _delegation(self.delegates, party)


def _delegation(delegates: tuple[Delegate, ...], party: Party | str) -> tuple[Delegate, ...]:
    if not isinstance(party, (Party, str)):
        raise InvalidValueError(
            f"expected a Party or a party's code, not {type(party).__name__}", where="party"
        )
    code = party.code if isinstance(party, Party) else party
    members = [d for d in delegates if d.party.code == code]
    return tuple(sorted(members, key=lambda d: d.role is not Role.LEAD))


class MeetingKind(enum.Enum):
    """What kind of encounter a :class:`Meeting` is (a field takes a member or its value's text)."""

    MEETING = "meeting"
    """People meeting in person."""
    SUMMIT = "summit"
    """A meeting of heads of state or government."""
    PHONE_CALL = "phone_call"
    """A telephone call."""
    VIDEO_CALL = "video_call"
    """A video call."""
    OTHER = "other"
    """Any other encounter."""


def _optional_span(value: SpanInput | None) -> DateSpan | None:
    return None if value is None else in_field("dates", to_date_span, value)


def _to_meeting_kind(value: MeetingKind | str) -> MeetingKind:
    return to_enum(MeetingKind, value, "kind")


@record_class
@attrs.frozen(kw_only=True)
class Meeting:
    """An encounter the record mentions that is not a round of talks.

    Attributes:
        id: the meeting's id in its dataset.
        kind: a :class:`MeetingKind` (or its value's text, ``"phone_call"``).
        description: what it was, in a phrase.
        participants: who took part, each a :class:`~tradetalks.Person`, an
            :class:`~tradetalks.Organization`, or an :class:`~tradetalks.UnnamedGroup` for
            those the source does not name ("the two presidents").
        city: where it was held, if in person and known.
        country: ISO 3166-1 alpha-2 code of where it was held, if known.
        dates: a :class:`~tradetalks.DateSpan`, or ``None`` when the source gives no date;
            an end the source does not give is unknown (``2025-07-30/``), never open; given in
            any form a round's dates take.
        delegates: the :class:`Delegate` records of those who took part for a party, with
            their role and title then, as for a round (a leaders' meeting: the leaders and
            the ministers beside them); may be empty.
        evidence: where the source states it.

    Raises:
        InvalidValueError: for no participants, a person who is a delegate twice, a
            malformed country code, or bad dates
            (dates that end before they start, or with an open end).

    >>> from tradetalks import Meeting
    >>> from tradetalks.fixtures import stockholm_2025
    >>> call = stockholm_2025().get("presidents-phone-call", Meeting)
    >>> call.kind.value, call.dates, call.participants
    ('phone_call', None, (UnnamedGroup(words='the two presidents'),))
    """

    id: str = attrs.field(validator=check_id)
    kind: MeetingKind = attrs.field(converter=_to_meeting_kind)
    description: str = attrs.field(validator=check_text)
    participants: tuple[Person | Organization | UnnamedGroup, ...] = attrs.field(
        converter=to_tuple,
        metadata=REFERENCE_MARK,
        validator=check_instances(Person, Organization, UnnamedGroup, at_least_one=True),
    )
    city: str | None = attrs.field(default=None, validator=check_optional_text)
    country: str | None = attrs.field(default=None, validator=check_country)
    dates: DateSpan | None = attrs.field(
        default=None, converter=_optional_span, validator=_check_ends
    )
    delegates: tuple[Delegate, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=_check_delegates
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )

    def delegation(self, party: Party | str) -> tuple[Delegate, ...]:
        """The delegates of one party (a :class:`~tradetalks.Party` or its code), leads first.

        >>> from tradetalks import Meeting, MeetingKind, UnnamedGroup
        >>> from tradetalks.fixtures import stockholm_2025
        >>> greer = stockholm_2025().get("stockholm-2025").delegates[2]
        >>> summit = Meeting(id="m", kind=MeetingKind.SUMMIT, description="a summit",
        ...                  participants=[UnnamedGroup("the two presidents")],
        ...                  delegates=[greer], evidence=greer.evidence)
        >>> [d.person.name for d in summit.delegation("US")]
        ['Jamieson Greer']
        """
        return _delegation(self.delegates, party)
