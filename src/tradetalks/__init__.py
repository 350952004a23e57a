"""A typed record of trade negotiations, every fact tied to the characters of its source.

>>> import tradetalks
>>> from datetime import date
>>> record = tradetalks.fixtures.stockholm_2025()
>>> tradetalks.truce_days_remaining(record.truces[0], date(2025, 7, 29))
14
"""

from __future__ import annotations

from tradetalks import fixtures
from tradetalks.actors import (
    Organization,
    OrganizationKind,
    Party,
    Person,
    Position,
    UnnamedGroup,
)
from tradetalks.dataset import Dataset, TimelineEntry, TimelineEvent
from tradetalks.dates import DateSpan, PartialDate, Precision
from tradetalks.errors import (
    DataFormatError,
    DateResolutionError,
    EvidenceMismatchError,
    InvalidValueError,
    MergeConflictError,
    MissingReferenceError,
    NaiveDatetimeError,
    PrecisionError,
    Problem,
    TradetalksError,
)
from tradetalks.instants import elapsed, format_instant, parse_instant
from tradetalks.resolution import ResolutionRule, ResolvedDate, Tense, resolve_date
from tradetalks.serialization import FORMAT, dump, dumps, load, loads
from tradetalks.sources import Evidence, Source
from tradetalks.statements import Mode, Statement
from tradetalks.talks import Delegate, Meeting, MeetingKind, Role, Round
from tradetalks.truces import Truce, TruceStatus, TruceTerm, truce_days_remaining

__all__ = [
    "FORMAT",
    "DataFormatError",
    "Dataset",
    "DateResolutionError",
    "DateSpan",
    "Delegate",
    "Evidence",
    "EvidenceMismatchError",
    "InvalidValueError",
    "Meeting",
    "MeetingKind",
    "MergeConflictError",
    "MissingReferenceError",
    "Mode",
    "NaiveDatetimeError",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Party",
    "Person",
    "Position",
    "Precision",
    "PrecisionError",
    "Problem",
    "ResolutionRule",
    "ResolvedDate",
    "Role",
    "Round",
    "Source",
    "Statement",
    "Tense",
    "TimelineEntry",
    "TimelineEvent",
    "TradetalksError",
    "Truce",
    "TruceStatus",
    "TruceTerm",
    "UnnamedGroup",
    "dump",
    "dumps",
    "elapsed",
    "fixtures",
    "format_instant",
    "load",
    "loads",
    "parse_instant",
    "resolve_date",
    "truce_days_remaining",
]
