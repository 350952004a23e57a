"""What was said: a :class:`Statement`, its :class:`Mode`, who said it and who reported it.

The shipped dataset takes one statement per verb of saying: each "said", "noted",
"claimed", "stressed", "added", "highlighted", "suggested", "told", and each participle of
saying ("noting that", "calling for", "expressing welcome"), with the words it governs.
Verbs by which an outlet relays what someone said ("Xinhua reported", "according to
Reuters") are not statements but links in ``reported_by``.

>>> from tradetalks.fixtures import stockholm_2025
>>> record = stockholm_2025()
>>> first = record.statements[0]
>>> first.speakers[0].name, first.mode.value, str(first.said_on.value), first.said_on.words
('He Lifeng', 'indirect', '2025-07-29', 'on Tuesday')
>>> [outlet.name for outlet in first.reported_by]
['Xinhua News Agency']
"""

from __future__ import annotations

__all__ = ["Mode", "Statement"]

import datetime as dt
import enum
import typing
from typing import Any

import attrs

from tradetalks import _memo
from tradetalks._fields import (
    REFERENCE_MARK,
    check_fields,
    check_id,
    check_instance,
    check_instances,
    check_optional_text,
    check_text,
    is_id,
    is_plain_text,
    record_class,
    short,
    to_enum,
    to_tuple,
)
from tradetalks.actors import Organization, Person, UnnamedGroup
from tradetalks.dates import PartialDate
from tradetalks.errors import DateResolutionError, InvalidValueError
from tradetalks.resolution import ResolutionRule, ResolvedDate, read_date_words
from tradetalks.sources import Evidence, check_evidence
from tradetalks.talks import Meeting, Round

OPENING_QUOTES = '"“'
CLOSING_QUOTES = '"”'
QUOTES = '"“”'


def _has_quote(text: str) -> bool:
    """Whether ``text`` holds one of :data:`QUOTES` (a search for each mark)."""
    return '"' in text or "“" in text or "”" in text


class Mode(enum.Enum):
    """How a statement is reported (a field takes a member or its value's text, ``"direct"``)."""

    DIRECT = "direct"
    """Verbatim, inside quotation marks."""
    INDIRECT = "indirect"
    """Reported speech, without quotation marks."""
    MIXED = "mixed"
    """Reported speech around a quoted fragment."""


# Members the load reads for every record, kept where a global lookup finds them: reading
# one from its class (Mode.INDIRECT) goes through the enum's metaclass in Python 3.11.
_INDIRECT = Mode.INDIRECT
_CONTEXT = ResolutionRule.CONTEXT
_STATED = ResolutionRule.STATED


def _to_mode(value: Mode | str) -> Mode:
    return value if type(value) is Mode else to_enum(Mode, value, "mode")  # a load: a member


def _check_said_on(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a :class:`ResolvedDate`; for anything else, say how to make one."""
    if value is None or isinstance(value, ResolvedDate):
        return
    if isinstance(value, str):
        raise InvalidValueError(
            f"expected a ResolvedDate, not the text {short(repr(value))}: make one with "
            f"tradetalks.resolve_date({short(repr(value))}, dateline), the dateline being the "
            "source's published_on; it keeps the words and the rule that read them",
            where=attribute.name,
        )
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        raise InvalidValueError(
            f"expected a ResolvedDate, not the date {value}: make one from the source's "
            'date words with tradetalks.resolve_date("on Tuesday", dateline), or, for a '
            "date the words do not give, taken from the account around it, "
            f'ResolvedDate("{value}?", None, ResolutionRule.CONTEXT)',
            where=attribute.name,
        )
    raise InvalidValueError(
        f"expected a ResolvedDate (made with tradetalks.resolve_date) or None, not "
        f"{type(value).__name__}",
        where=attribute.name,
    )


def _quoted_in(text: str, passage: str) -> bool:
    """Whether ``text`` stands in ``passage`` between quotation marks (a comma may follow).

    Each form (opening mark, the text, an optional comma, closing mark) is searched for
    whole, so the check takes time linear in the passage, however often the text recurs.
    """
    return any(
        f"{opening}{text}{comma}{closing}" in passage
        for opening in OPENING_QUOTES
        for closing in CLOSING_QUOTES
        for comma in ("", ",")
    )


def _check_said_on_words(statement: Statement) -> None:
    """Date words must stand in the evidence and resolve, against its dateline, to the date."""
    said = statement.said_on
    if said is None or said.words is None or said.rule is _CONTEXT:
        return
    words = said.words
    for piece in statement.evidence:
        if words in piece.exact:
            break
    else:
        raise InvalidValueError(
            f"the date words {words!r} are not within the statement's evidence",
            where="said_on.words",
        )
    dateline = piece.source.published_on
    memo = _memo.current()
    if memo is None:
        _agrees(said, dateline)
        return
    # Within a load, equal said_on dates are one record: each is checked once against each
    # dateline, or once for all when its words state the whole date (then no dateline can
    # change what they say). The memo holds the record, so its id is not reused meanwhile.
    key = (_agrees, id(said), None if said.rule is _STATED else dateline)
    if memo.get(key) is not said:
        _agrees(said, dateline)
        memo[key] = said


def _agrees(said: ResolvedDate, dateline: dt.date) -> bool:
    """Whether ``said``'s words, read against ``dateline``, give its date by its rule.

    Raises:
        InvalidValueError: when they do not, or cannot be read.
    """
    try:
        value, rule, _ = read_date_words(typing.cast("str", said.words), dateline, said.tense)
    except DateResolutionError as error:
        raise InvalidValueError(error.message, where="said_on.words") from None
    if isinstance(value, PartialDate):
        same_days = value == said.value or (
            (value.earliest, value.latest) == (said.value.earliest, said.value.latest)
        )
    else:  # a day
        same_days = value == said.value.earliest == said.value.latest
    if not same_days or rule is not said.rule:
        expected = value if isinstance(value, PartialDate) else PartialDate.from_date(value)
        raise InvalidValueError(
            f"{said.words!r} read against the dateline {dateline} in the {said.tense.value} "
            f"tense is {expected} (rule {rule.value}), not {said.value} "
            f"(rule {said.rule.value})",
            where="said_on",
        )
    return True


def _check_text_against_evidence(instance: Statement) -> None:
    text = instance.text
    passages = [piece.exact for piece in instance.evidence]
    if not any(text in passage for passage in passages):
        raise InvalidValueError(
            f"{short(text)!r} is not within the statement's evidence", where="text"
        )
    if instance.audience is not None and not any(
        instance.audience in passage for passage in passages
    ):
        raise InvalidValueError(
            f"{short(instance.audience)!r} is not within the statement's evidence "
            "(the audience is kept in the source's words)",
            where="audience",
        )
    has_quote = _has_quote(text)
    if instance.mode is Mode.DIRECT:
        if has_quote:
            raise InvalidValueError(
                "a direct statement's text is the words inside the quotation marks, "
                "without the marks",
                where="text",
            )
        if text.endswith(","):
            raise InvalidValueError(
                "a direct statement's text ends before the comma that joins the attribution: leave the comma out",
                where="text",
            )
        if not any(_quoted_in(text, passage) for passage in passages):
            raise InvalidValueError(
                f"{short(text)!r} is not what its evidence quotes (the words between a pair "
                "of quotation marks)",
                where="text",
            )
    elif instance.mode is Mode.MIXED and not has_quote:
        raise InvalidValueError(
            "a mixed statement's text holds its quoted fragment, with its quotation marks",
            where="text",
        )
    elif instance.mode is Mode.INDIRECT and has_quote:
        raise InvalidValueError(
            "reported speech with a quoted fragment is Mode.MIXED, not Mode.INDIRECT",
            where="text",
        )


@record_class
@attrs.frozen(kw_only=True)
class Statement:
    r"""Something said, by whom, how, when, to whom, reported by whom, and where it stands.

    Attributes:
        id: the statement's id in its dataset.
        speakers: one or more speakers, each a :class:`~tradetalks.Person`, an
            :class:`~tradetalks.Organization` or an :class:`~tradetalks.UnnamedGroup` (such
            as "Chinese experts").
        mode: a :class:`Mode`.
        text: for ``DIRECT``, exactly the words inside the quotation marks, without a
            trailing comma that only joins the attribution; for ``INDIRECT``, the reported
            words as the source has them, without the attribution; for ``MIXED``, the same
            with the quoted fragment and its quotation marks. It must stand within the
            evidence.
        said_on: when it was said, a :class:`~tradetalks.ResolvedDate` (the date with its
            precision, the source's date words, the rule that resolved them), or ``None``.
        audience: to whom or through what it was said, in the source's words ("told the
            Global Times", "a statement on the MOFCOM website"), when the source says; it
            must stand within the evidence.
        reported_by: the outlets that carried it before this source, oldest first (He Lifeng
            → Xinhua → Global Times gives ``(Xinhua,)``), as the evidence states them; an
            unnamed one ("the US media") is an :class:`~tradetalks.UnnamedGroup`.
        occasion: the :class:`~tradetalks.Round` or :class:`~tradetalks.Meeting` it was
            made at or about, if any.
        evidence: the passage that reports it, attribution included.

    Raises:
        InvalidValueError: for no speaker, a text that is not within the evidence, a
            ``DIRECT`` text that is not what the evidence quotes, or references of the
            wrong kind.

    >>> from tradetalks import Mode, Statement
    >>> from tradetalks.fixtures import stockholm_2025
    >>> quote = stockholm_2025().get("zhou-mi-candid-exchanges", Statement)
    >>> quote.mode is Mode.DIRECT, quote.audience, quote.text[:40]
    (True, 'told the Global Times', "The fact that the world's two largest ec")
    """

    # The fields' checks are in _FIELD_CHECKS, run by __attrs_post_init__ (in one step for
    # a statement of the common shape: a file can hold hundreds of thousands).
    id: str
    speakers: tuple[Person | Organization | UnnamedGroup, ...] = attrs.field(
        converter=to_tuple, metadata=REFERENCE_MARK
    )
    mode: Mode = attrs.field(converter=_to_mode)
    text: str
    said_on: ResolvedDate | None = None
    audience: str | None = None
    reported_by: tuple[Organization | UnnamedGroup, ...] = attrs.field(
        factory=tuple, converter=to_tuple, metadata=REFERENCE_MARK
    )
    occasion: Round | Meeting | None = attrs.field(metadata=REFERENCE_MARK, default=None)
    evidence: tuple[Evidence, ...] = attrs.field(converter=to_tuple, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Check every field, then the text against the mode and the evidence.

        A file can hold hundreds of thousands of statements: one of the common shape (one
        speaker, one piece of evidence, no audience nor reporting outlet) passes what
        ``_FIELD_CHECKS`` would accept in one step, and plain reported speech inside its
        evidence needs nothing more; any other is checked field by field.
        """
        speakers, evidence, said_on, text = self.speakers, self.evidence, self.said_on, self.text
        if (
            is_id(self.id)
            and len(speakers) == 1
            and type(speakers[0]) in _SPEAKERS
            and type(self.mode) is Mode
            and is_plain_text(text)
            and (said_on is None or type(said_on) is ResolvedDate)
            and self.audience is None
            and not self.reported_by
            and type(self.occasion) in _OCCASIONS
            and len(evidence) == 1
            and type(evidence[0]) is Evidence
        ):
            if not (
                self.mode is _INDIRECT
                and text in evidence[0].exact
                and not ('"' in text or "“" in text or "”" in text)  # _has_quote, inline
            ):
                _check_text_against_evidence(self)
        else:
            check_fields(self, _FIELD_CHECKS)
            _check_text_against_evidence(self)
        if said_on is not None:
            _check_said_on_words(self)

    @property
    def speaker_names(self) -> tuple[str, ...]:
        """The speakers' names (an unnamed group's words), in order."""
        return tuple(
            speaker.words if isinstance(speaker, UnnamedGroup) else speaker.name
            for speaker in self.speakers
        )


_FIELD_CHECKS = {
    "id": check_id,
    "speakers": check_instances(Person, Organization, UnnamedGroup, at_least_one=True),
    "text": check_text,
    "said_on": _check_said_on,
    "audience": check_optional_text,
    "reported_by": check_instances(Organization, UnnamedGroup),
    "occasion": check_instance(Round, Meeting, optional=True),
    "evidence": check_evidence,
}
_SPEAKERS = frozenset({Person, Organization, UnnamedGroup})
_OCCASIONS = frozenset({Round, Meeting, type(None)})
