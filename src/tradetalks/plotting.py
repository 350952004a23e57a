"""A timeline picture of a dataset, drawn with the optional matplotlib extra.

:func:`plot_timeline` draws one lane per kind of record: each round as a bar over its days
(a round known only to the month is drawn hatched over the whole month, so the picture
invents no day; a round whose start or end the source does not give is drawn hatched over
the days of the end it gives, with ``…`` on the side not given), each dated meeting and
each dated statement as a mark (an uncertain date as a hollow mark), and each truce term as
a bar from its start up to its deadline, with the deadline written at its end. Each truce
has a row of its own in the Truces lane; a term until further notice runs to the right edge
of the picture, a lapse between two terms is a gap between their bars, an early end is a
cross that cuts the last bar short, and an agreement is a star on the rows of its truces.
``tradetalks timeline --svg FILE`` writes the same picture. Install the extra with
``pip install 'tradetalks[plot]'``.

>>> from tradetalks.fixtures import stockholm_2025
>>> figure = plot_timeline(stockholm_2025())
>>> [label.get_text() for label in figure.axes[0].get_yticklabels()]
['Rounds', 'Meetings', 'Statements', 'Truces']
"""

from __future__ import annotations

__all__ = ["plot_timeline", "write_svg"]

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from tradetalks.dates import Precision, SpanEnd, dated_ends

if TYPE_CHECKING:
    from os import PathLike

    from tradetalks.dataset import Dataset
    from tradetalks.truces import Bound, Truce

_LANES = ("Rounds", "Meetings", "Statements", "Truces")


def _pyplot() -> Any:
    try:
        import matplotlib as mpl  # noqa: PLC0415 - an optional extra

        mpl.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError as error:
        message = "the timeline picture needs matplotlib: pip install 'tradetalks[plot]'"
        raise ImportError(message) from error
    return plt


def _x(bound: Bound) -> dt.datetime:
    """Where a bound is on the axis: an instant exactly, a date at the start of its first day.

    Both in UTC, as matplotlib places aware datetimes and dates.
    """
    if isinstance(bound, dt.datetime):
        return bound.astimezone(dt.UTC)
    return dt.datetime.combine(bound.earliest, dt.time(), tzinfo=dt.UTC)


def _label(bound: Bound) -> str:
    """A bound as written on the picture: an instant's day in its own zone, or the date."""
    return bound.date().isoformat() if isinstance(bound, dt.datetime) else bound.to_edtf()


def plot_timeline(dataset: Dataset) -> Any:
    """Draw the dataset's timeline and return the matplotlib ``Figure``.

    Lanes, from the top: rounds, meetings, statements, truces. Undated meetings and
    statements are left out, as in :meth:`tradetalks.Dataset.timeline`; a round or meeting
    whose start the source does not give, which the timeline leaves out, is drawn at the
    end it gives.

    Each truce has a row of its own in the Truces lane (the lane is named by the truce ids
    when there are several), with a bar per term. A bound that is an instant is placed at
    that instant, a date at the start of its (first) day, so a lapse between two terms is
    a gap between their bars, however short. A term until further notice runs to the right
    edge of the picture, marked "until further notice" instead of a deadline. An early end
    cuts the last bar at its ``at`` and is marked with a cross, "ended DAY (REASON)" beside it.
    Each agreement is a star at the day it was made, on the row of each of its truces (on
    the first row when none of its truces is in the dataset).

    Raises:
        ImportError: when matplotlib is missing; it names the extra to install.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> axes = plot_timeline(stockholm_2025()).axes[0]
    >>> sorted(text.get_text() for text in axes.texts)[:2]
    ['2025-08-12', 'Geneva']
    """
    plt = _pyplot()
    lane = {name: len(_LANES) - 1 - index for index, name in enumerate(_LANES)}
    count = len(dataset.truces)
    figure, axes = plt.subplots(figsize=(10, 3.6 + 0.5 * max(count - 1, 0)), layout="constrained")
    _draw_talks(axes, dataset, lane)
    rows = {truce.id: lane["Truces"] - index for index, truce in enumerate(dataset.truces)}
    open_bars = [
        bar for truce in dataset.truces for bar in _draw_truce(axes, truce, rows[truce.id])
    ]
    for agreement in dataset.agreements:
        under = [rows[t.id] for t in dataset.truces_under(agreement)]
        for row in under or [lane["Truces"]]:
            axes.plot(_x(agreement.made_on), row, "*", markersize=11, color="#54278f", zorder=3)
    ticks = {name: y for name, y in lane.items() if name != "Truces" or count <= 1}
    if count > 1:
        ticks.update(rows)
    axes.set_yticks(list(ticks.values()), list(ticks))
    axes.set_ylim(-0.7 - max(count - 1, 0), len(_LANES) - 0.2)
    axes.xaxis_date()
    if open_bars:
        left, right = axes.get_xlim()
        for bar in open_bars:  # to the right edge, now that the picture's extent is known
            bar.set_width(right - bar.get_x())
            row = bar.get_y() + bar.get_height() / 2
            axes.text(right, row + 0.32, "until further notice →", fontsize=8, ha="right")
        axes.set_xlim(left, right)
    axes.grid(axis="x", alpha=0.3)
    axes.set_xlabel(_legend(dataset, open_bars=bool(open_bars)), fontsize=8)
    titles = ", ".join(f"{s.outlet.name} {s.published_on}" for s in dataset.sources)
    axes.set_title(f"Timeline of {titles}" if titles else "Timeline", fontsize=10)
    return figure


def _draw_talks(axes: Any, dataset: Dataset, lane: dict[str, int]) -> None:
    """Draw the rounds, meetings and statements in their lanes."""
    for round_ in dataset.rounds:
        first, last = dated_ends(round_.dates)
        start, end = first.earliest, last.latest
        before, after = (
            "… " if isinstance(round_.dates.start, SpanEnd) else "",
            " …" if isinstance(round_.dates.end, SpanEnd) else "",
        )
        partial = round_.dates.precision is not Precision.DAY or bool(before or after)
        axes.barh(
            lane["Rounds"],
            (end - start).days + 1,
            left=start,
            height=0.5,
            color="#9ecae1" if partial else "#3182bd",
            hatch="//" if partial else None,
            edgecolor="#3182bd",
        )
        label = f"{before}{round_.city}{after}"
        axes.text(start, lane["Rounds"] + 0.32, label, fontsize=8, va="bottom")
    for meeting in dataset.meetings:
        if meeting.dates is not None:
            day = dated_ends(meeting.dates)[0].earliest  # its start, or its end if not given
            axes.plot(day, lane["Meetings"], "D", color="#31a354")
    for statement in dataset.statements:
        if statement.said_on is not None:
            value = statement.said_on.value
            axes.plot(
                value.earliest,
                lane["Statements"],
                "o",
                markersize=6,
                color="#e6550d",
                markerfacecolor="none" if value.uncertain else "#e6550d",
                alpha=0.7,
            )


def _draw_truce(axes: Any, truce: Truce, row: int) -> list[Any]:
    """Draw one truce's terms and early end on its row; return the bars of open terms.

    An open bar is drawn with no width: :func:`plot_timeline` stretches it to the right
    edge once the picture's extent is known.
    """
    ended = truce.ended
    cut = _x(ended.at) if ended is not None else None
    open_bars = []
    for term in truce.terms:
        start = _x(term.start)
        end = _x(term.end) if term.end is not None else None
        cut_short = cut is not None and (end is None or cut < end)
        if cut_short:
            end = cut
        width = dt.timedelta(0) if end is None else end - start
        [bar] = axes.barh(row, width, left=start, height=0.5, color="#756bb1")
        if end is None:
            open_bars.append(bar)
        elif term.end is not None and not cut_short:  # a deadline it reached
            axes.text(end, row + 0.32, _label(term.end), fontsize=8, ha="right")
    if ended is not None and cut is not None:
        axes.plot(cut, row, "X", markersize=8, color="#de2d26", zorder=3)
        said = f"ended {_label(ended.at)} ({ended.reason.value})"
        axes.annotate(
            said, (cut, row), xytext=(8, 0), textcoords="offset points", fontsize=8, va="center"
        )
    return open_bars


def _legend(dataset: Dataset, *, open_bars: bool) -> str:
    """What the marks mean: the first line always, a second for the marks of truces drawn."""
    first = (
        "hatched bar: date known only to the month, or an end not given (…)    "
        "hollow mark: date inferred from context"
    )
    more = [
        *(["star: agreement made"] if dataset.agreements else []),
        *(["cross: truce ended early"] if any(t.ended for t in dataset.truces) else []),
        *(["bar to the edge: until further notice"] if open_bars else []),
    ]
    return "\n".join([first, "    ".join(more)]) if more else first


def write_svg(dataset: Dataset, path: str | PathLike[str] | None = None) -> str:
    """Draw the timeline as SVG text, and write it to ``path`` when one is given.

    The SVG carries no creation date and fixed element ids, so the same dataset gives the
    same file.

    Raises:
        ImportError: when matplotlib is missing; it names the extra to install.
        OSError: when the file cannot be written.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> write_svg(stockholm_2025()).startswith('<?xml version="1.0"')
    True
    """
    plt = _pyplot()
    figure = plot_timeline(dataset)
    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": "tradetalks", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="\n") as file:  # noqa: PTH123
            file.write(text)
    return text
