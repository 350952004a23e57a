"""The timeline picture shows what the dataset holds, at the right dates."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs
import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import tradetalks
from tradetalks import (
    Agreement,
    Dataset,
    EndReason,
    InvalidValueError,
    ResolutionRule,
    ResolvedDate,
    Statement,
    Truce,
    TruceTerm,
)
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


def _row(axes: Any, label: str) -> float:
    """The y of the row whose tick label is ``label``."""
    [y] = [
        tick
        for tick, text in zip(axes.get_yticks(), axes.get_yticklabels(), strict=True)
        if text.get_text() == label
    ]
    return float(y)


def _bars(label: str, record: Dataset | None = None) -> list[tuple[dt.date, dt.date]]:
    axes = plot_timeline(record or stockholm_2025()).axes[0]
    lane = _row(axes, label)
    return sorted(
        (_day(patch.get_x()), _day(patch.get_x() + patch.get_width()))
        for patch in axes.patches
        if isinstance(patch, Rectangle)
        and abs(patch.get_y() + patch.get_height() / 2 - lane) < 0.01
    )


def test_three_round_bars_cover_the_days_the_article_gives() -> None:
    # Geneva in May and London in June (whole months, the article gives no day), Stockholm
    # from Monday 28 to Tuesday 29 July 2025 (a bar to the end of the 29th).
    assert _bars("Rounds") == [
        (dt.date(2025, 5, 1), dt.date(2025, 6, 1)),
        (dt.date(2025, 6, 1), dt.date(2025, 7, 1)),
        (dt.date(2025, 7, 28), dt.date(2025, 7, 30)),
    ]


def test_the_truce_bar_ends_at_its_deadline() -> None:
    # 90 days up to 12 August 2025 start on 14 May 2025.
    assert _bars("Truces") == [(dt.date(2025, 5, 14), dt.date(2025, 8, 12))]


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
    assert _bars("Rounds", record=record) == [
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


# The speakers of the shipped dataset's dated statements, in the order of their first dated
# statement, read from the timeline in docs/tour.md: on 29 July He Lifeng
# (he-lifeng-enhance-consensus) and Scott Bessent (bessent-russian-oil-warning); on 30 July
# Guo Jiakun, Zhou Mi, Bao Jianyun, Wang Wentao and Rajesh Subramaniam. Seven speakers; the
# Chinese experts, Xinhua, Jamieson Greer and the Ministry of Commerce said nothing dated.
SPEAKERS = [
    "He Lifeng",
    "Scott Bessent",
    "Guo Jiakun",
    "Zhou Mi",
    "Bao Jianyun",
    "Wang Wentao",
    "Rajesh Subramaniam",
]


def test_each_truce_has_a_row_named_by_its_id() -> None:
    axes = plot_timeline(_geneva()).axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == [
        "Rounds",
        "Meetings",
        "Statements, by speaker",
        *SPEAKERS,
        "us",
        "china",
        "open",
        "cn-us-tariff-truce-2025",
    ]
    # A row each, one apart, the first truce at 0: 3 + 7 rows above it, 3 below.
    assert list(axes.get_yticks()) == list(range(10, -4, -1))


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


def _legend(figure: Any) -> list[str]:
    [legend] = figure.legends
    return [text.get_text() for text in legend.get_texts()]


def test_the_legend_names_the_marks_drawn_and_no_other() -> None:
    assert _legend(plot_timeline(_geneva())) == [
        "round",  # Stockholm, 28 to 29 July
        "round: month only, or an end not given (…)",  # Geneva in May, London in June
        "meeting",
        "statement, dated in the source",
        "statement, date inferred from context",
        "truce term, up to its deadline",
        "agreement made",
        "truce ended early",
        "bar to the edge: until further notice",
    ]
    shipped = _legend(plot_timeline(stockholm_2025()))
    assert shipped[-1] == "truce term, up to its deadline"
    assert not {"agreement made", "truce ended early"} & set(shipped)


def test_the_svg_of_truces_as_they_run() -> None:
    svg = write_svg(_geneva())
    for text in ("ended 2026-02-20 (moot)", "until further notice", "2026-11-10", "china"):
        assert text in svg


# --- statements: a row per speaker, each dot on its own ---------------------------------------


def _dots(figure: Any) -> list[tuple[str, dt.date, bool, tuple[float, float], tuple[float, float]]]:
    """Each statement's dot: its row's label, its day, whether hollow, where its data puts it
    and where it is drawn, both in points from the figure's lower left corner."""
    figure.draw_without_rendering()  # lay the figure out, as it is saved
    axes = figure.axes[0]
    rows = {
        float(y): t.get_text()
        for y, t in zip(axes.get_yticks(), axes.get_yticklabels(), strict=True)
    }
    points = 72 / figure.dpi
    found = []
    for line in axes.lines:
        if line.get_marker() != "o":
            continue
        x, y = float(line.get_xdata(orig=False)[0]), float(line.get_ydata()[0])
        at = axes.transData.transform((x, y)) * points
        drawn = line.get_transform().transform((x, y)) * points
        hollow = line.get_markerfacecolor() == "white"
        found.append((rows[y], _day(x), hollow, (at[0], at[1]), (drawn[0], drawn[1])))
    return found


def test_each_speaker_of_a_dated_statement_has_a_row_under_the_heading() -> None:
    axes = plot_timeline(stockholm_2025()).axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == ["Rounds", "Meetings", "Statements, by speaker", *SPEAKERS, "Truces"]


def test_each_dated_statement_is_a_dot_on_its_speakers_row_at_its_day() -> None:
    dots = _dots(plot_timeline(stockholm_2025()))
    # From the timeline in docs/tour.md: 18 dated statements, those marked "?" dated from
    # context (hollow). He Lifeng: 29 July, and 29 July?; Scott Bessent: 29 July; Guo Jiakun:
    # 30 July twice; Zhou Mi: 30 July, 30 July? twice; Bao Jianyun: 30 July, 30 July? three
    # times; Wang Wentao and Rajesh Subramaniam: 30 July? three times each.
    july_29, july_30 = dt.date(2025, 7, 29), dt.date(2025, 7, 30)
    assert sorted((row, day, hollow) for row, day, hollow, _, _ in dots) == sorted(
        [
            ("He Lifeng", july_29, False),
            ("He Lifeng", july_29, True),
            ("Scott Bessent", july_29, False),
            *[("Guo Jiakun", july_30, False)] * 2,
            ("Zhou Mi", july_30, False),
            *[("Zhou Mi", july_30, True)] * 2,
            ("Bao Jianyun", july_30, False),
            *[("Bao Jianyun", july_30, True)] * 3,
            *[("Wang Wentao", july_30, True)] * 3,
            *[("Rajesh Subramaniam", july_30, True)] * 3,
        ]
    )
    assert len(dots) == 18
    assert sum(hollow for _, _, hollow, _, _ in dots) == 1 + 2 + 3 + 3 + 3


def test_a_statement_of_two_speakers_is_a_dot_on_the_row_of_each() -> None:
    # Bessent and Greer "said the two-day meeting was 'constructive'", undated in the
    # dataset; dated here from context to 29 July 2025 (a made-up date, for the test).
    record = stockholm_2025()
    said = attrs.evolve(
        record.get("bessent-greer-constructive", Statement),
        said_on=ResolvedDate("2025-07-29?", None, ResolutionRule.CONTEXT),
    )
    statements = [said if s.id == said.id else s for s in record.statements]
    figure = plot_timeline(attrs.evolve(record, statements=statements))
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    # Greer's first dated statement is this one, of 29 July: his row comes after Bessent's
    # (the same statement, Bessent named first) and before those of 30 July.
    assert labels[3:6] == ["He Lifeng", "Scott Bessent", "Jamieson Greer"]
    dots = _dots(figure)
    assert sorted(hollow for row, _, hollow, _, _ in dots if row == "Scott Bessent") == [
        False,  # bessent-russian-oil-warning, "on Tuesday"
        True,  # this one
    ]
    assert [(day, hollow) for row, day, hollow, _, _ in dots if row == "Jamieson Greer"] == [
        (dt.date(2025, 7, 29), True)
    ]


def test_no_two_dots_are_drawn_on_one_another() -> None:
    dots = _dots(plot_timeline(stockholm_2025()))
    # A dot is 5.5 pt across and its edge 1.2 pt wide, half of it outside: 6.7 pt in all.
    # Two dots whose centres are 6.7 pt apart or more do not overlap. Rows are 0.36 in
    # (26 pt) apart and a column of three dots reaches 7.5 + 6.7 / 2 = 10.85 pt from its
    # row's centre, so it is enough to compare the dots of one row (four at most).
    by_row: dict[str, list[tuple[float, float]]] = {}
    for row, _, _, _, drawn in dots:
        by_row.setdefault(row, []).append(drawn)
    assert len({(round(x, 1), round(y, 1)) for _, _, _, _, (x, y) in dots}) == 18
    for row, places in by_row.items():
        for index, (x, y) in enumerate(places):
            for other_x, other_y in places[index + 1 :]:
                assert math.hypot(x - other_x, y - other_y) >= 6.7, row


def test_the_dots_of_one_day_stand_in_a_stack_centred_on_the_day() -> None:
    dots = _dots(plot_timeline(stockholm_2025()))

    def offsets(speaker: str) -> list[tuple[bool, float, float]]:
        return sorted(
            (hollow, round(drawn[0] - at[0], 2), round(drawn[1] - at[1], 2))
            for row, _, hollow, at, drawn in dots
            if row == speaker
        )

    # Steps of 7.5 pt, three dots at most to a column, the columns centred on the day.
    # Scott Bessent's one dot is on the day. He Lifeng's two, one column: 3.75 pt above
    # (the one dated in the source, first) and below. Wang Wentao's three: 7.5 pt above, on
    # and below. Bao Jianyun's four: two columns of two, 3.75 pt left and right of the day,
    # 3.75 pt above and below; the one dated in the source first, at the top left.
    assert offsets("Scott Bessent") == [(False, 0.0, 0.0)]
    assert offsets("He Lifeng") == [(False, 0.0, 3.75), (True, 0.0, -3.75)]
    assert offsets("Wang Wentao") == [(True, 0.0, -7.5), (True, 0.0, 0.0), (True, 0.0, 7.5)]
    assert offsets("Bao Jianyun") == [
        (False, -3.75, 3.75),
        (True, -3.75, -3.75),
        (True, 3.75, -3.75),
        (True, 3.75, 3.75),
    ]


def test_hollow_dots_show_through_and_the_legend_says_what_they_mean() -> None:
    figure = plot_timeline(stockholm_2025())
    [legend] = figure.legends
    entries = dict(
        zip((t.get_text() for t in legend.get_texts()), legend.legend_handles, strict=True)
    )
    inferred = entries["statement, date inferred from context"]
    given = entries["statement, dated in the source"]
    assert inferred.get_markerfacecolor() == "white"  # hollow: the grid does not run through
    assert given.get_markerfacecolor() not in {"white", "none"}  # filled
    # Every dot is drawn above the bars and grid lines.
    axes = figure.axes[0]
    dots = [line for line in axes.lines if line.get_marker() == "o"]
    assert min(line.get_zorder() for line in dots) > max(p.get_zorder() for p in axes.patches)


# --- legible on the docs' page ----------------------------------------------------------------

# Sphinx's alabaster theme: a page 940 px wide, less its 220 px sidebar and 2 * 30 px of
# padding, leaves a content column of 660 CSS px; a picture wider than the column is shrunk
# to it, a narrower one is shown at its own size. An SVG is measured in points (72 to the
# inch), a CSS px is 1/96 inch: a point is 96/72 = 4/3 px. The smallest text wanted: 11 px,
# 11 * 72/96 = 8.25 pt at the picture's own size.
COLUMN = 660
SMALLEST = 11


def test_every_text_of_the_svg_is_11_px_or_more_in_the_docs_column() -> None:
    svg = write_svg(stockholm_2025())
    found = re.search(r'<svg[^>]* width="([0-9.]+)pt"', svg)
    assert found is not None
    width = float(found[1])
    shown = min(width * 96 / 72, COLUMN)  # CSS px
    per_point = shown / width  # CSS px for each point of the picture
    sizes = {float(size) for size in re.findall(r"font-size: ([0-9.]+)px", svg)}
    assert sizes  # the text is kept as text
    assert min(sizes) * per_point >= SMALLEST
    # The picture is 6.875 in, 495 pt, 660 px wide: shown at its own size in the column.
    assert width == 495


def test_tick_labels_are_at_least_the_smallest_size() -> None:
    axes = plot_timeline(stockholm_2025()).axes[0]
    labels = [*axes.get_xticklabels(), *axes.get_yticklabels()]
    assert min(label.get_fontsize() for label in labels) >= SMALLEST * 72 / 96  # 8.25 pt


# --- into axes of one's own -------------------------------------------------------------------


def test_the_picture_is_drawn_into_the_axes_given() -> None:
    figure = Figure(figsize=(12, 5), layout="constrained")
    left, right = figure.subplots(1, 2)
    assert plot_timeline(stockholm_2025(), ax=right) is figure
    assert figure.axes == [left, right]  # no axes made
    assert len(left.lines) == 0
    assert [label.get_text() for label in right.get_yticklabels()][3:] == [*SPEAKERS, "Truces"]
    assert len([line for line in right.lines if line.get_marker() == "o"]) == 18
    assert right.get_legend() is not None  # the legend is the axes', not the figure's
    assert figure.legends == []
    assert tuple(figure.get_size_inches()) == (12, 5)  # the figure keeps its size


def test_axes_in_a_subfigure() -> None:
    figure = Figure(figsize=(12, 5), layout="constrained")
    part = figure.add_subfigure(figure.add_gridspec(1, 2)[0, 1])
    axes = part.subplots()
    plot_timeline(stockholm_2025(), ax=axes)
    assert len([line for line in axes.lines if line.get_marker() == "o"]) == 18


def test_something_that_is_not_axes_is_refused() -> None:
    with pytest.raises(
        InvalidValueError, match=r"ax must be a matplotlib Axes or None, not Figure"
    ):
        plot_timeline(stockholm_2025(), ax=Figure())
