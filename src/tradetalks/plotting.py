"""A timeline picture of a dataset, drawn with the optional matplotlib extra.

:func:`plot_timeline` draws one lane per kind of record: each round as a bar over its days
(a round known only to the month is drawn hatched over the whole month, so the picture
invents no day; a round whose start or end the source does not give is drawn hatched over
the days of the end it gives, with ``…`` on the side not given), each dated meeting and
each dated statement as a mark (an uncertain date as a hollow mark), and each truce term as
a bar from its start up to its deadline, with the deadline written at its end.
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

from tradetalks.dates import PartialDate, Precision, SpanEnd, dated_ends

if TYPE_CHECKING:
    from os import PathLike

    from tradetalks.dataset import Dataset

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


def _day(value: PartialDate | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value.earliest


def plot_timeline(dataset: Dataset) -> Any:
    """Draw the dataset's timeline and return the matplotlib ``Figure``.

    Lanes, from the top: rounds, meetings, statements, truces. Undated meetings and
    statements are left out, as in :meth:`tradetalks.Dataset.timeline`; a round or meeting
    whose start the source does not give, which the timeline leaves out, is drawn at the
    end it gives.

    Raises:
        ImportError: when matplotlib is missing; it names the extra to install.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> axes = plot_timeline(stockholm_2025()).axes[0]
    >>> sorted(text.get_text() for text in axes.texts)[:2]
    ['2025-08-12', 'Geneva']
    """
    plt = _pyplot()
    lane = {name: len(_LANES) - 1 - index for index, name in enumerate(_LANES)}
    figure, axes = plt.subplots(figsize=(10, 3.6), layout="constrained")
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
    for truce in dataset.truces:
        for term in truce.terms:
            start, end = _day(term.start), _day(term.end)
            axes.barh(lane["Truces"], (end - start).days, left=start, height=0.5, color="#756bb1")
            axes.text(end, lane["Truces"] + 0.32, end.isoformat(), fontsize=8, ha="right")
    axes.set_yticks(list(lane.values()), list(lane))
    axes.set_ylim(-0.7, len(_LANES) - 0.2)
    axes.xaxis_date()
    axes.grid(axis="x", alpha=0.3)
    axes.set_xlabel(
        "hatched bar: date known only to the month, or an end not given (…)    "
        "hollow mark: date inferred from context",
        fontsize=8,
    )
    titles = ", ".join(f"{s.outlet.name} {s.published_on}" for s in dataset.sources)
    axes.set_title(f"Timeline of {titles}" if titles else "Timeline", fontsize=10)
    return figure


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
