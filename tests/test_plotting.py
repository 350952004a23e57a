"""The timeline picture shows what the dataset holds, at the right dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Rectangle

import tradetalks
from tradetalks import Agreement, Dataset, EndReason, Truce, TruceTerm
from tradetalks.fixtures import DATA, stockholm_2025
from tradetalks.plotting import plot_timeline, write_svg

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close the figures a test drew: more than 20 open ones make matplotlib warn."""
    yield
    plt.close("all")


def _day(number: float) -> dt.date:
    """A matplotlib date number (days since its epoch) as a date."""
    epoch = dt.date.fromisoformat(str(mpl.rcParams["date.epoch"])[:10])
    return epoch + dt.timedelta(days=round(number))


def _bars(lane: int, record: Dataset | None = None) -> list[tuple[dt.date, dt.date]]:
    axes = plot_timeline(record or stockholm_2025()).axes[0]
    return sorted(
        (_day(patch.get_x()), _day(patch.get_x() + patch.get_width()))
        for patch in axes.patches
        if isinstance(patch, Rectangle)
        and abs(patch.get_y() + patch.get_height() / 2 - lane) < 0.01
    )


def test_three_round_bars_cover_the_days_the_article_gives() -> None:
    # Geneva in May and London in June (whole months, the article gives no day), Stockholm
    # from Monday 28 to Tuesday 29 July 2025 (a bar to the end of the 29th).
    assert _bars(lane=3) == [
        (dt.date(2025, 5, 1), dt.date(2025, 6, 1)),
        (dt.date(2025, 6, 1), dt.date(2025, 7, 1)),
        (dt.date(2025, 7, 28), dt.date(2025, 7, 30)),
    ]


def test_the_truce_bar_ends_at_its_deadline() -> None:
    # 90 days up to 12 August 2025 start on 14 May 2025.
    assert _bars(lane=0) == [(dt.date(2025, 5, 14), dt.date(2025, 8, 12))]


def test_the_deadline_is_written_on_the_picture() -> None:
    svg = write_svg(stockholm_2025())
    assert "2025-08-12" in svg
    for city in ("Geneva", "London", "Stockholm"):
        assert city in svg


def test_the_svg_is_the_same_each_time() -> None:
    assert write_svg(stockholm_2025()) == write_svg(stockholm_2025())


def _with_ends_not_given() -> Dataset:
    """The shipped dataset, but the London round "ended on 11 June" (its start not given)
    and the Stockholm round "began on Monday" (its end not given)."""
    raw = json.loads((DATA / "stockholm_2025.json").read_text(encoding="utf-8"))
    raw["rounds"][1]["dates"] = "/2025-06-11"
    raw["rounds"][2]["dates"] = "2025-07-28/"
    return tradetalks.loads(json.dumps(raw), base=DATA)


def test_a_round_whose_start_or_end_is_not_given_is_drawn_over_the_days_given() -> None:
    record = _with_ends_not_given()
    assert _bars(lane=3, record=record) == [
        (dt.date(2025, 5, 1), dt.date(2025, 6, 1)),
        (dt.date(2025, 6, 11), dt.date(2025, 6, 12)),  # the one day given, 11 June
        (dt.date(2025, 7, 28), dt.date(2025, 7, 29)),  # the one day given, Monday 28 July
    ]
    axes = plot_timeline(record).axes[0]
    labels = {text.get_text() for text in axes.texts}
    assert {"Geneva", "… London", "Stockholm …"} <= labels
    hatched = [p for p in axes.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 3  # Geneva (a month), and the two with an end not given


# --- truces as they run: the Geneva example of docs/truces.md ---------------------------------

NEW_YORK, BEIJING = ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")


def _geneva() -> Dataset:
    """The shipped dataset with the Geneva Joint Statement of 12 May 2025 and three truces.

    The US suspension (row 0): from 12:01 a.m. EDT on 14 May 2025 for 90 days, continued to
    12:01 a.m. EST on 10 November 2025, then to 10 November 2026; ended on 20 February 2026
    (moot). China's (row -1): from 12:01 on 14 May 2025 in Beijing for 90 days, 90 more, then
    a year from 13:01 on 10 November, after a lapse of an hour. A made-up suspension until
    further notice from 14 May 2025 (row -2), under no agreement. The shipped truce: row -3.
    """
    record = stockholm_2025()
    china, us = record.get("CN"), record.get("US")
    geneva = Agreement(
        id="geneva",
        title="Joint Statement on U.S.-China Economic and Trade Meeting in Geneva",
        parties=[china, us],
        made_on="2025-05-12",
        derivation="the joint statement",
    )

    def first(start: dt.datetime) -> list[TruceTerm]:
        return [TruceTerm(start=start, days=90, announced_on="2025-05-12", derivation="90 days")]

    us_pause = (
        Truce(
            id="us",
            parties=[us],
            suspended="duties",
            agreement=geneva,
            derivation="orders",
            terms=first(dt.datetime(2025, 5, 14, 0, 1, tzinfo=NEW_YORK)),
        )
        .extend(days=90, announced_on="2025-08-11", derivation="an order")
        .extend(
            end=dt.datetime(2026, 11, 10, 0, 1, tzinfo=NEW_YORK),
            announced_on="2025-11-04",
            derivation="an order",
        )
        .end_early(at="2026-02-20", reason=EndReason.MOOT, derivation="a ruling")
    )
    china_pause = (
        Truce(
            id="china",
            parties=[china],
            suspended="a tariff",
            agreement=geneva,
            derivation="announcements",
            terms=first(dt.datetime(2025, 5, 14, 12, 1, tzinfo=BEIJING)),
        )
        .extend(days=90, announced_on="2025-08-12", derivation="an announcement")
        .extend(
            start=dt.datetime(2025, 11, 10, 13, 1, tzinfo=BEIJING),
            days=365,
            announced_on="2025-11-05",
            derivation="an announcement",
        )
    )
    open_ended = Truce(
        id="open",
        parties=[china],
        suspended="a measure",
        derivation="an example",
        terms=[TruceTerm(start="2025-05-14", end=None, derivation="an example")],
    )
    return Dataset(
        sources=record.sources,
        parties=record.parties,
        organizations=record.organizations,
        people=record.people,
        positions=record.positions,
        rounds=record.rounds,
        meetings=record.meetings,
        statements=record.statements,
        agreements=[geneva],
        truces=[us_pause, china_pause, open_ended, *record.truces],
    )


def _utc(number: float) -> dt.datetime:
    """A matplotlib date number as a UTC datetime, to the minute."""
    epoch = dt.datetime.fromisoformat(str(mpl.rcParams["date.epoch"])).replace(tzinfo=dt.UTC)
    return epoch + dt.timedelta(minutes=round(number * 24 * 60))


def _row_bars(axes: Any, row: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """The bars of a row, from the start to the end of each, in UTC."""
    return sorted(
        (_utc(patch.get_x()), _utc(patch.get_x() + patch.get_width()))
        for patch in axes.patches
        if isinstance(patch, Rectangle) and abs(patch.get_y() + patch.get_height() / 2 - row) < 0.01
    )


def _row_labels(axes: Any, row: int) -> list[str]:
    """The texts written above the bars of a row (at the row + 0.32)."""
    return sorted(
        text.get_text() for text in axes.texts if abs(text.get_position()[1] - row - 0.32) < 0.01
    )


def _marks(axes: Any, marker: str) -> list[tuple[dt.date, float]]:
    """The day and row of each mark of one kind ("*", "X")."""
    return sorted(
        (_utc(float(line.get_xdata(orig=False)[0])).date(), float(line.get_ydata()[0]))
        for line in axes.lines
        if line.get_marker() == marker
    )


def utc(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def test_each_truce_has_a_row_named_by_its_id() -> None:
    axes = plot_timeline(_geneva()).axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == [
        "Rounds",
        "Meetings",
        "Statements",
        "us",
        "china",
        "open",
        "cn-us-tariff-truce-2025",
    ]
    assert list(axes.get_yticks()) == [3, 2, 1, 0, -1, -2, -3]


def test_instants_are_drawn_at_their_instant_and_an_early_end_cuts_the_last_bar() -> None:
    axes = plot_timeline(_geneva()).axes[0]
    # 12:01 a.m. EDT (UTC-4) is 04:01 UTC; 12:01 a.m. EST (UTC-5), from 2 November, 05:01.
    # The last term, to 10 November 2026, is cut on 20 February 2026 (a day: its start).
    assert _row_bars(axes, 0) == [
        (utc(2025, 5, 14, 4, 1), utc(2025, 8, 12, 4, 1)),
        (utc(2025, 8, 12, 4, 1), utc(2025, 11, 10, 5, 1)),
        (utc(2025, 11, 10, 5, 1), utc(2026, 2, 20, 0, 0)),
    ]
    # A red cross where it ended, "ended DAY (REASON)" beside it, and no label at the
    # deadline it never reached; the two deadlines it did reach are written, as days in
    # New York.
    assert _marks(axes, "X") == [(dt.date(2026, 2, 20), 0.0)]
    assert "ended 2026-02-20 (moot)" in {text.get_text() for text in axes.texts}
    assert _row_labels(axes, 0) == ["2025-08-12", "2025-11-10"]


def test_a_lapse_is_a_gap_between_two_bars() -> None:
    axes = plot_timeline(_geneva()).axes[0]
    # 12:01 in Beijing (UTC+8) is 04:01 UTC; the third term starts at 13:01, 05:01 UTC, an
    # hour after the second ends; it lasts a year, to 13:01 on 10 November 2026.
    bars = _row_bars(axes, -1)
    assert bars == [
        (utc(2025, 5, 14, 4, 1), utc(2025, 8, 12, 4, 1)),
        (utc(2025, 8, 12, 4, 1), utc(2025, 11, 10, 4, 1)),
        (utc(2025, 11, 10, 5, 1), utc(2026, 11, 10, 5, 1)),
    ]
    assert bars[2][0] - bars[1][1] == dt.timedelta(hours=1)
    assert _row_labels(axes, -1) == ["2025-08-12", "2025-11-10", "2026-11-10"]


def test_a_term_until_further_notice_runs_to_the_right_edge() -> None:
    axes = plot_timeline(_geneva()).axes[0]
    [(start, end)] = _row_bars(axes, -2)
    assert start == utc(2025, 5, 14, 0, 0)
    assert end == _utc(axes.get_xlim()[1])  # the right edge of the picture
    assert end > utc(2026, 11, 10, 5, 1)  # beyond every deadline drawn
    assert _row_labels(axes, -2) == ["until further notice →"]  # no deadline


def test_an_agreement_is_a_star_on_the_rows_of_its_truces() -> None:
    axes = plot_timeline(_geneva()).axes[0]
    # Made on 12 May 2025; the US (row 0) and China (row -1) suspensions are under it.
    assert _marks(axes, "*") == [(dt.date(2025, 5, 12), -1.0), (dt.date(2025, 5, 12), 0.0)]


def test_the_legend_names_the_new_marks_only_when_they_are_drawn() -> None:
    assert "star: agreement made" in plot_timeline(_geneva()).axes[0].get_xlabel()
    shipped = plot_timeline(stockholm_2025()).axes[0].get_xlabel()
    assert "\n" not in shipped
    assert "star" not in shipped


def test_the_svg_of_truces_as_they_run() -> None:
    svg = write_svg(_geneva())
    for text in ("ended 2026-02-20 (moot)", "until further notice", "2026-11-10", "china"):
        assert text in svg
