"""The timeline picture shows what the dataset holds, at the right dates."""

from __future__ import annotations

import datetime as dt

import matplotlib as mpl
from matplotlib.patches import Rectangle

from tradetalks.fixtures import stockholm_2025
from tradetalks.plotting import plot_timeline, write_svg


def _day(number: float) -> dt.date:
    """A matplotlib date number (days since its epoch) as a date."""
    epoch = dt.date.fromisoformat(str(mpl.rcParams["date.epoch"])[:10])
    return epoch + dt.timedelta(days=round(number))


def _bars(lane: int) -> list[tuple[dt.date, dt.date]]:
    axes = plot_timeline(stockholm_2025()).axes[0]
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
