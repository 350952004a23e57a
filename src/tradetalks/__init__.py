"""A typed record of trade negotiations, every fact tied to the characters of its source.

>>> import tradetalks
>>> from datetime import date
>>> record = tradetalks.fixtures.stockholm_2025()
>>> tradetalks.truce_days_remaining(record.truces[0], date(2025, 7, 29))
14
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

from tradetalks.actors import (
    Organization,
    OrganizationKind,
    Party,
    Person,
    Position,
    UnnamedGroup,
)
from tradetalks.agreements import Agreement
from tradetalks.claims import Claim
from tradetalks.dataset import Dataset, PossibleDuplicate, TimelineEntry, TimelineEvent
from tradetalks.dates import DateSpan, PartialDate, Precision, SpanEnd
from tradetalks.errors import (
    DataFormatError,
    DateResolutionError,
    EvidenceMismatchError,
    InvalidValueError,
    MergeConflictError,
    MissingReferenceError,
    NaiveDatetimeError,
    NoDeadlineError,
    NotAnnouncedError,
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
from tradetalks.truces import (
    EndReason,
    Truce,
    TruceEnd,
    TruceStatus,
    TruceTerm,
    truce_days_remaining,
)

if _typing.TYPE_CHECKING:
    from tradetalks import fixtures

# The JSON format is imported with the package, msgspec with it, so that the first load of a
# file pays only for reading it; cattrs is imported only to explain a file that does not
# load. The shipped data is imported on first use.
_LAZY = {"fixtures": "tradetalks.fixtures"}


# Modules used by their names (tradetalks.exports.to_csv), imported on first use too.
_SUBMODULES = {"cli", "exports", "plotting", "schema", "serialization", "strategies"}


def __getattr__(name: str) -> _typing.Any:
    """Import the JSON format, the shipped data and the other modules on first use."""
    if name in _SUBMODULES:
        return _importlib.import_module(f"tradetalks.{name}")
    module = _LAZY.get(name)
    if module is None:
        message = f"module 'tradetalks' has no attribute {name!r}"
        raise AttributeError(message)
    value = _importlib.import_module(module)
    if name != "fixtures":
        value = getattr(value, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, the lazy ones included."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "FORMAT",
    "Agreement",
    "Claim",
    "DataFormatError",
    "Dataset",
    "DateResolutionError",
    "DateSpan",
    "Delegate",
    "EndReason",
    "Evidence",
    "EvidenceMismatchError",
    "InvalidValueError",
    "Meeting",
    "MeetingKind",
    "MergeConflictError",
    "MissingReferenceError",
    "Mode",
    "NaiveDatetimeError",
    "NoDeadlineError",
    "NotAnnouncedError",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Party",
    "Person",
    "Position",
    "PossibleDuplicate",
    "Precision",
    "PrecisionError",
    "Problem",
    "ResolutionRule",
    "ResolvedDate",
    "Role",
    "Round",
    "Source",
    "SpanEnd",
    "Statement",
    "Tense",
    "TimelineEntry",
    "TimelineEvent",
    "TradetalksError",
    "Truce",
    "TruceEnd",
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
