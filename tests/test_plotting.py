"""The timeline picture shows what the dataset holds, at the right dates."""

from __future__ import annotations

import datetime as dt
import json

import matplotlib as mpl
from matplotlib.patches import Rectangle

import tradetalks
from tradetalks import Dataset
from tradetalks.fixtures import DATA, stockholm_2025
from tradetalks.plotting import plot_timeline, write_svg


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
