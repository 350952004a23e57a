"""Who takes part: :class:`Party`, :class:`Organization`, :class:`Person`, :class:`Position`.

A :class:`Person` is who someone is; what they were (a title at an organization, for a
party, over some dates) is a :class:`Position`, because titles change. A speaker the source
leaves unnamed ("Chinese experts", "the US media") is an :class:`UnnamedGroup`, kept in the
source's words.

>>> from tradetalks import Person
>>> from tradetalks.fixtures import stockholm_2025
>>> record = stockholm_2025()
>>> he = record.get("he-lifeng", Person)
>>> [p.title for p in record.positions_of(he)]
['Vice Premier', 'member of the Political Bureau of the Communist Party of China Central Committee']
"""

from __future__ import annotations

__all__ = [
    "Organization",
    "OrganizationKind",
    "Party",
    "Person",
    "Position",
    "UnnamedGroup",
]

import enum
import re
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from tradetalks._fields import (
    REFERENCE_MARK,
    check_country,
    check_encodable,
    check_id,
    check_instance,
    check_named,
    check_optional_text,
    check_text,
    in_field,
    record_class,
    to_enum,
    to_tuple,
)
from tradetalks.dates import DateSpan, to_date_span
from tradetalks.errors import InvalidValueError
from tradetalks.sources import check_evidence, check_evidence_items

if TYPE_CHECKING:
    from tradetalks.dates import SpanInput
    from tradetalks.sources import Evidence

_PARTY_CODE = re.compile(r"[A-Z][A-Z0-9-]{1,15}")


def _check_party_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _PARTY_CODE.fullmatch(value) is None:
        raise InvalidValueError(
            f"{value!r} is not a party code (an ISO 3166-1 alpha-2 code such as 'CN', or "
            "another code of 2 to 16 capital letters, digits or '-' for a bloc, such as 'EU')",
            where=attribute.name,
        )


@record_class
@attrs.frozen(kw_only=True)
class Party:
    """A side in the talks: a country or a bloc.

    Attributes:
        code: an ISO 3166-1 alpha-2 code (``"CN"``, ``"US"``) or another stable code of
            capital letters for a bloc (``"EU"``). It is also the party's id.
        name: the display name.
        evidence: where the source names the party.

    Raises:
        InvalidValueError: for a malformed code or an empty name.

    >>> from tradetalks import Party
    >>> from tradetalks.fixtures import stockholm_2025
    >>> china = stockholm_2025().get("CN", Party)
    >>> china.code, china.name, china.id
    ('CN', 'China', 'CN')
    """

    code: str = attrs.field(validator=_check_party_code)
    name: str = attrs.field(validator=check_text)
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )

    @property
    def id(self) -> str:
        """The party's id in a dataset, which is its code."""
        return self.code


class OrganizationKind(enum.Enum):
    """What kind of body an :class:`Organization` is (a field takes a member or its value's text)."""

    OUTLET = "outlet"
    """A news outlet or agency."""
    MINISTRY = "ministry"
    """A government ministry or department."""
    GOVERNMENT_OFFICE = "government_office"
    """Another office of government, such as a trade representative's office."""
    LEGISLATURE = "legislature"
    """A parliament or congress."""
    POLITICAL_PARTY = "political_party"
    """A political party or one of its organs."""
    COMPANY = "company"
    """A business."""
    BUSINESS_COUNCIL = "business_council"
    """An association of businesses."""
    UNIVERSITY = "university"
    """A university."""
    ACADEMIC_UNIT = "academic_unit"
    """A school, faculty or department of a university."""
    RESEARCH_INSTITUTE = "research_institute"
    """A research institute or think tank."""
    OTHER = "other"
    """Any other body."""


def _to_organization_kind(value: OrganizationKind | str) -> OrganizationKind:
    return to_enum(OrganizationKind, value, "kind")


def _parent_id(parent: Organization | None) -> str | None:
    """What a parent compares, hashes and prints by: the id it names, as on disk.

    A reference is the id of a record; the record with that id is compared where it
    stands (a dataset checks that its references are its own records). So a chain of
    thousands of parents compares, hashes and prints in constant time, never recursing.
    """
    return None if parent is None else parent.id


def _parent_repr(parent: Organization | None) -> str:
    return "None" if parent is None else repr(parent.id)


@record_class
@attrs.frozen(kw_only=True)
class Organization:
    """An outlet, ministry, company, council, university, legislature or other body.

    Attributes:
        id: the organization's id in its dataset.
        name: its name, as the source gives it or in its usual full form.
        kind: an :class:`OrganizationKind` (or its value's text, ``"outlet"``).
        country: ISO 3166-1 alpha-2 code of its country, when the source makes it clear.
        short_name: an abbreviation the source uses (``"USCBC"``), if any.
        parent: the organization it is part of (a department's school), if any. Two
            organizations compare by their parents' ids, as a reference on disk is an id.
        evidence: where a source names it. It may be empty: the outlet of a source is known
            from the source itself, and cannot cite the source it publishes (the source
            refers to its outlet, so the outlet's evidence cannot refer to the source).

    Raises:
        InvalidValueError: for a malformed id or country code, or an empty name. (An
            organization whose ancestor has its own id is refused by the dataset that holds
            them, and a file where parents loop by the load.)

    >>> from tradetalks import Organization
    >>> from tradetalks.fixtures import stockholm_2025
    >>> department = stockholm_2025().get("ruc-department-of-international-politics", Organization)
    >>> [o.name for o in department.ancestry()]  # doctest: +NORMALIZE_WHITESPACE
    ['Department of International Politics', 'School of International Studies',
     'Renmin University of China']
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    kind: OrganizationKind = attrs.field(converter=_to_organization_kind)
    country: str | None = attrs.field(default=None, validator=check_country)
    short_name: str | None = attrs.field(default=None, validator=check_optional_text)
    parent: Organization | None = attrs.field(
        metadata=REFERENCE_MARK,
        default=None,
        validator=check_named("Organization", optional=True),
        eq=_parent_id,
        repr=_parent_repr,
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=check_evidence_items, kw_only=True
    )

    def ancestry(self) -> tuple[Organization, ...]:
        """This organization and those it is part of, innermost first.

        >>> from tradetalks import Organization
        >>> from tradetalks.fixtures import stockholm_2025
        >>> stockholm_2025().get("xinhua", Organization).ancestry()[0].name
        'Xinhua News Agency'
        """
        chain = [self]
        while chain[-1].parent is not None:
            chain.append(chain[-1].parent)
        return tuple(chain)


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            f"expected a mapping of scheme to identifier, not {type(value).__name__}",
            where="identifiers",
        )
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str) or not key or not item:
            raise InvalidValueError(
                f"{key!r}: {item!r} is not a pair of non-empty strings", where="identifiers"
            )
        check_encodable(key, "identifiers")
        check_encodable(item, "identifiers")
    return types.MappingProxyType(dict(sorted(value.items())))


@record_class
@attrs.frozen(kw_only=True)
class Person:
    """Who someone is: a name and identifiers, not the titles they held.

    Attributes:
        id: the person's id in its dataset.
        name: the name as the source writes it, in Latin script.
        native_name: the name in its native script, when a source gives it.
        identifiers: external identifiers, scheme to value (``{"wikidata": "Q…"}``).
        evidence: where the source names the person.

    Raises:
        InvalidValueError: for a malformed id, an empty name, or identifiers that are not
            pairs of strings.

    >>> from tradetalks import Person
    >>> from tradetalks.fixtures import stockholm_2025
    >>> stockholm_2025().get("scott-bessent", Person).name
    'Scott Bessent'
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    native_name: str | None = attrs.field(default=None, validator=check_optional_text)
    identifiers: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_mapping, hash=False
    )
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (and deep-copied) as its fields, the identifiers as a dict.

        A read-only mapping (``types.MappingProxyType``) cannot be pickled; the person is
        made again from its fields, checks and all.

        >>> import pickle
        >>> from tradetalks import Person
        >>> from tradetalks.fixtures import stockholm_2025
        >>> bessent = stockholm_2025().get("scott-bessent", Person)
        >>> pickle.loads(pickle.dumps(bessent)) == bessent
        True
        """
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(Person)}
        fields["identifiers"] = dict(fields["identifiers"])
        return (_person, (fields,))


def _person(fields: dict[str, Any]) -> Person:
    """A :class:`Person` from its fields (what :meth:`Person.__reduce__` pickles)."""
    return Person(**fields)


def _optional_span(value: SpanInput | None) -> DateSpan | None:
    return None if value is None else in_field("valid", to_date_span, value)


@record_class
@attrs.frozen(kw_only=True)
class Position:
    """What a person was: a title, at an organization, for a party, over some dates.

    Attributes:
        id: the position's id in its dataset.
        person: the :class:`Person` who held it.
        title: the title as the source gives it (``"Treasury Secretary"``).
        organization: the :class:`Organization` it is held at, when the source names one.
        party: the :class:`Party` the holder represents, for an office of a side in the talks.
        valid: the dates it was held, when the source gives them (a :class:`DateSpan`):
            ``2025-03/..`` for a position held since March 2025 "until further notice"
            (an open end), ``/2025-05`` for one held until May from a day the source does
            not give (an unknown start). EDTF text, one date (a ``datetime.date`` or a
            :class:`~tradetalks.PartialDate`) or a ``(start, end)`` pair is accepted.
        evidence: where the source gives the title.

    Raises:
        InvalidValueError: for an empty title or references of the wrong kind.

    >>> from tradetalks import Person
    >>> from tradetalks.fixtures import stockholm_2025
    >>> record = stockholm_2025()
    >>> greer = record.get("jamieson-greer", Person)
    >>> [(p.title, p.party.code) for p in record.positions_of(greer)]
    [('US Trade Representative', 'US')]
    """

    id: str = attrs.field(validator=check_id)
    person: Person = attrs.field(metadata=REFERENCE_MARK, validator=check_instance(Person))
    title: str = attrs.field(validator=check_text)
    organization: Organization | None = attrs.field(
        metadata=REFERENCE_MARK, default=None, validator=check_instance(Organization, optional=True)
    )
    party: Party | None = attrs.field(
        metadata=REFERENCE_MARK, default=None, validator=check_instance(Party, optional=True)
    )
    valid: DateSpan | None = attrs.field(default=None, converter=_optional_span)
    evidence: tuple[Evidence, ...] = attrs.field(
        converter=to_tuple, validator=check_evidence, kw_only=True
    )


@record_class
@attrs.frozen
class UnnamedGroup:
    """A speaker or reporter the source does not name, in the source's words.

    ``UnnamedGroup("Chinese experts")`` stands for the experts the article quotes without
    naming them; ``UnnamedGroup("the US media")`` for an outlet it does not name.

    Raises:
        InvalidValueError: for empty words.

    >>> from tradetalks import UnnamedGroup
    >>> UnnamedGroup("Chinese experts")
    UnnamedGroup(words='Chinese experts')
    """

    words: str = attrs.field(validator=check_text)
