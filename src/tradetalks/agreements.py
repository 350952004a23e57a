"""Agreements: documents in which parties agree something, such as a joint statement.

An :class:`Agreement` is the document; each side's measures under it are truces of their
own (:class:`~tradetalks.Truce`) that refer to it. Under the Geneva Joint Statement of
12 May 2025 the United States suspended additional duties on Chinese goods and China
suspended its own: two one-sided truces of one agreement.

>>> from tradetalks import Agreement
>>> from tradetalks.fixtures import stockholm_2025
>>> record = stockholm_2025()
>>> geneva = Agreement(
...     id="geneva-joint-statement",
...     title="Joint Statement on U.S.-China Economic and Trade Meeting in Geneva",
...     parties=[record.get("CN"), record.get("US")],
...     made_on="2025-05-12",
...     derivation="the joint statement issued by both governments on 12 May 2025",
... )
>>> [p.code for p in geneva.parties], str(geneva.made_on)
(['CN', 'US'], '2025-05-12')
"""

from __future__ import annotations

__all__ = ["Agreement"]

from typing import TYPE_CHECKING, Any

import attrs

from tradetalks._fields import (
    REFERENCE_MARK,
    check_id,
    check_instances,
    check_optional_text,
    check_text,
    in_field,
    record_class,
    to_tuple,
)
from tradetalks.actors import Party
from tradetalks.dates import PartialDate, to_partial_date
from tradetalks.errors import InvalidValueError
from tradetalks.sources import check_evidence_items, check_evidence_or_derivation

if TYPE_CHECKING:
    import datetime as dt

    from tradetalks.sources import Evidence


def _made_on(value: PartialDate | dt.date | str) -> PartialDate:
    return in_field("made_on", to_partial_date, value)


def _check_parties(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    check_instances(Party)(instance, attribute, value)
    codes = [party.code for party in value]
    if len(set(codes)) < 2 or len(set(codes)) != len(codes):
        raise InvalidValueError(
            f"an agreement is made between two or more different parties, not {codes}",
            where=attribute.name,
        )


@record_class
@attrs.frozen(kw_only=True)
class Agreement:
    """A document in which two or more parties agree something.

    Attributes:
        id: the agreement's id in its dataset.
        title: its title, or a description when it has none ("Geneva Joint Statement").
        parties: the parties to it, two or more different :class:`~tradetalks.Party`
            records (a list or tuple is accepted; kept as a tuple).
        made_on: the date it was made, a :class:`~tradetalks.PartialDate` at the precision
            the source gives (a :class:`datetime.date` or EDTF text is accepted).
        evidence: where a source of the dataset states it (a tuple of
            :class:`~tradetalks.Evidence`; may be empty when ``derivation`` names the
            document the facts come from).
        derivation: where the facts come from when that is not a source of the dataset,
            such as the text of the agreement itself.

    Raises:
        InvalidValueError: for fewer than two different parties, an empty title, a date
            that is not one, or neither evidence nor derivation; the message names the field.

    >>> from tradetalks import Agreement
    >>> from tradetalks.fixtures import stockholm_2025
    >>> record = stockholm_2025()
    >>> Agreement(id="a", title="A joint statement", parties=[record.get("US")],
    ...           made_on="2025-05-12",
    ...           derivation="the statement")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: parties: an agreement is made between two or more different
    parties, not ['US']
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    parties: tuple[Party, ...] = attrs.field(
        converter=to_tuple, metadata=REFERENCE_MARK, validator=_check_parties
    )
    made_on: PartialDate = attrs.field(converter=_made_on)
    evidence: tuple[Evidence, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=check_evidence_items
    )
    derivation: str | None = attrs.field(default=None, validator=check_optional_text)

    def __attrs_post_init__(self) -> None:
        """Check that the facts come from evidence or a named derivation."""
        check_evidence_or_derivation(self.evidence, self.derivation)
