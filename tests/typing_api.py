"""The public API as users write it, checked by ``mypy --strict`` (never run by pytest).

Lists and other iterables are accepted wherever a record holds a tuple, dates wherever it
holds a PartialDate, and the return types follow the queries.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import tradetalks as tt

record: tt.Dataset = tt.fixtures.stockholm_2025()
article: tt.Source = record.sources[0]
quote: tt.Evidence = tt.Evidence.find(article, "Chinese", occurrence=1)
outlet = tt.Organization(id="outlet", name="Outlet", kind=tt.OrganizationKind.OUTLET)
person = tt.Person(id="someone", name="Someone", evidence=[quote])
party = tt.Party(code="EU", name="European Union", evidence=[quote])
talks = tt.Round(
    id="r", track="t", city="Brussels", country="BE", dates="2025-05", evidence=[quote]
)
held = tt.Position(
    id="p", person=person, title="Minister", valid=tt.DateSpan("2025-03", ".."), evidence=[quote]
)
began = tt.DateSpan(dt.date(2025, 7, 28), tt.SpanEnd.UNKNOWN)
end_of_span: tt.PartialDate | tt.SpanEnd = began.end
last_day: dt.date | None = began.latest  # None: its end is not given
said = tt.Statement(
    id="s",
    speakers=[person, tt.UnnamedGroup("experts")],
    mode=tt.Mode.INDIRECT,
    text="Chinese",
    said_on=tt.resolve_date("on Tuesday", dateline=dt.date(2025, 7, 30)),
    reported_by=[outlet],
    occasion=talks,
    evidence=[quote],
)
term = tt.TruceTerm(
    start=dt.date(2025, 5, 14),
    end=dt.datetime(2025, 8, 12, 0, 1, tzinfo=ZoneInfo("America/New_York")),
    evidence=[quote],
)
truce = tt.Truce(
    id="t", parties=[party, record.parties[0]], suspended="tariffs", terms=[term], evidence=[quote]
)
days: int = tt.truce_days_remaining(truce, dt.date(2025, 7, 30))
left: dt.timedelta = truce.time_remaining(
    dt.datetime(2025, 7, 30, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
)
status: tt.TruceStatus = truce.status(dt.date(2025, 7, 30))
who: tt.Person = record.get("he-lifeng", tt.Person)
any_record: object = record.get("he-lifeng")
by_him: tuple[tt.Statement, ...] = record.statements_by(who)
rows: list[dict[str, str | int | None]] = tt.exports.to_records(record, "statements")
text: str = tt.dumps(record)
again: tt.Dataset = tt.loads(text, base=tt.fixtures.DATA)
