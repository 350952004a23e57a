"""The Geneva record of docs/truces.md, for the tests of the tables and of the calendar.

The Geneva Joint Statement of 12 May 2025 and three truces under or beside it:

* the US suspension: from 12:01 a.m. EDT on 14 May 2025 for 90 days, to 12:01 a.m. EDT on
  12 August; the order of 11 August continues it to 12:01 a.m. EST on 10 November 2025,
  the order of 4 November to 12:01 a.m. EST on 10 November 2026; it ended on 20 February
  2026 (moot), announced that day;
* China's: from 12:01 on 14 May 2025 in Beijing for 90 days, 90 more (announced 12
  August), then a year from 13:01 on 10 November 2025 (announced 5 November): an hour's
  lapse after its second term ends at 12:01;
* a made-up suspension until further notice from 14 May 2025, announced at 20:00 the
  evening before in Beijing, under no agreement.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tradetalks import Agreement, EndReason, Truce, TruceTerm

if TYPE_CHECKING:
    from tradetalks import Dataset

NEW_YORK, BEIJING = ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")
GENEVA_TITLE = "Joint Statement on U.S.-China Economic and Trade Meeting in Geneva"


def geneva_truces(record: Dataset) -> tuple[Agreement, list[Truce]]:
    """The agreement, and the US, China's and the open-ended truce, of ``record``'s parties."""
    china, us = record.get("CN"), record.get("US")
    geneva = Agreement(
        id="geneva-joint-statement-2025",
        title=GENEVA_TITLE,
        parties=[china, us],
        made_on="2025-05-12",
        derivation="the joint statement of 12 May 2025",
    )
    us_pause = (
        Truce(
            id="us-suspension-2025",
            parties=[us],
            suspended="additional duties",
            agreement=geneva,
            derivation="the US executive order of 12 May 2025",
            terms=[
                TruceTerm(
                    start=dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK),
                    days=90,
                    announced_on="2025-05-12",
                    derivation="90 days from 14 May",
                )
            ],
        )
        .extend(days=90, announced_on="2025-08-11", derivation="the order of 11 August")
        .extend(
            end=dt.datetime(2026, 11, 10, 0, 1, tzinfo=NEW_YORK),
            announced_on="2025-11-04",
            derivation="the order of 4 November",
        )
        .end_early(
            at="2026-02-20",
            announced_on="2026-02-20",
            reason=EndReason.MOOT,
            derivation="the ruling of 20 February 2026",
        )
    )
    china_pause = (
        Truce(
            id="china-suspension-2025",
            parties=[china],
            suspended="the 24% additional tariff",
            agreement=geneva,
            derivation="China's announcements",
            terms=[
                TruceTerm(
                    start=dt.datetime(2025, 5, 14, 12, 1, tzinfo=BEIJING),
                    days=90,
                    announced_on="2025-05-12",
                    derivation="90 days from 12:01 on 14 May",
                )
            ],
        )
        .extend(days=90, announced_on="2025-08-12", derivation="12 August")
        .extend(
            start=dt.datetime(2025, 11, 10, 13, 1, tzinfo=BEIJING),
            days=365,
            announced_on="2025-11-05",
            derivation="5 November",
        )
    )
    open_ended = Truce(
        id="an-open-suspension",
        parties=[china],
        suspended="an example measure",
        derivation="an example",
        terms=[
            TruceTerm(
                start="2025-05-14",
                end=None,
                announced_on=dt.datetime(2025, 5, 13, 20, 0, tzinfo=BEIJING),
                derivation="an example",
            )
        ],
    )
    return geneva, [us_pause, china_pause, open_ended]
