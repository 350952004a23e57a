"""A timeline picture of a dataset, drawn with the optional matplotlib extra.

:func:`plot_timeline` draws one lane per kind of record, from the top: each round as a bar
over its days (a round known only to the month is drawn hatched over the whole month, so the
picture invents no day; a round whose start or end the source does not give is drawn
hatched over the days of the end it gives, with ``…`` on the side not given), each dated
meeting as a diamond, each dated statement as a dot on the row of its speaker, and each
truce term as a bar from its start up to its deadline, with the deadline written at its end.

Statements have a row per speaker, named by the speaker, under a row headed "Statements, by
speaker"; the speakers come in the order of their first dated statement. A statement dated
in the source is a filled dot; one whose date is inferred from context (an EDTF date marked
``?``) is a hollow dot. Statements of one speaker on one day are set side by side in a small
stack centred on the day (up to three to a column, those dated in the source first), so each
can be seen: their dots stand a few points from the day, never on one another. On a
picture that spans months a day is a few points wide, so the stack of one day may touch that
of the next day on the same row.

Each truce has a row of its own in the Truces lane; a term until further notice runs to the
right edge of the picture, a lapse between two terms is a gap between their bars, an early
end is a cross that cuts the last bar short, and an agreement is a star on the rows of its
truces. A legend under the picture names each kind of mark drawn.

``tradetalks timeline --svg FILE`` writes the same picture. Install the extra with
``pip install 'tradetalks[plot]'``.

>>> from tradetalks.fixtures import stockholm_2025
>>> from tradetalks.plotting import plot_timeline
>>> figure = plot_timeline(stockholm_2025())
>>> [label.get_text() for label in figure.axes[0].get_yticklabels()][:4]
['Rounds', 'Meetings', 'Statements, by speaker', 'He Lifeng']
"""

from __future__ import annotations

__all__ = ["plot_timeline", "write_svg"]

import datetime as dt
import io
import math
from typing import TYPE_CHECKING, Any

from tradetalks.actors import UnnamedGroup
from tradetalks.dates import Precision, SpanEnd, dated_ends
from tradetalks.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from os import PathLike

    from tradetalks.dataset import Dataset
    from tradetalks.statements import Statement
    from tradetalks.truces import Bound, Truce

# Sizes, chosen for the docs' page. Sphinx's alabaster theme has a content column of
# 940 - 220 (sidebar) - 2 * 30 (padding) = 660 CSS px on a wide screen, and the viewport less
# 60 px on a narrower one (the sidebar then goes below); a picture is shown at its own size
# unless it is wider than the column (img max-width: 100%). An SVG is measured in points,
# 72 to the inch, and a CSS px is 1/96 inch: a figure 6.875 in wide is 6.875 * 96 = 660 px,
# so in any column of 660 px or more it is shown at its own size, where 1 pt = 96 / 72 px.
# Text should be 11 px at least, 11 * 72 / 96 = 8.25 pt; all text here is 9 pt or more,
# 9 * 96 / 72 = 12 px (and still 11 px in a 605 px column, where the picture is shrunk by
# 605 / 660).
_WIDTH = 6.875  # inches
_TEXT = 9.0  # points: every label, tick label and legend entry
_TITLE = 10.5  # points
_ROW = 0.36  # inches from one row to the next: a 9 pt label above a bar fits below the next row
_ABOVE = 0.32  # a label above a bar: its bottom, in rows above the row's centre

# A statement's dot, and the step between two dots of a stack, in points.
_DOT = 5.5
_STEP = 7.5  # more than a dot and its edge (5.5 + 1.2 pt): a gap between two dots
_PER_COLUMN = 3  # dots to a column: 2 * 7.5 + 6.7 pt stays inside a row of 0.36 in, 26 pt

_ROUND, _ROUND_LIGHT = "#3182bd", "#9ecae1"
_MEETING = "#31a354"
_STATEMENT, _STATEMENT_EDGE = "#e6550d", "#a63603"
_TRUCE = "#756bb1"
_AGREEMENT = "#54278f"
_ENDED = "#de2d26"

_STATEMENTS_HEADING = "Statements, by speaker"


def _matplotlib() -> Any:
    """The matplotlib modules the picture uses, or an ImportError that names the extra.

    The backend is left alone: a figure made here is a plain ``Figure``, not one of pyplot's,
    so drawing a picture never switches the backend of a notebook or an application.
    """
    try:
        import matplotlib as mpl  # noqa: PLC0415 - an optional extra
        import matplotlib.axes  # noqa: PLC0415 - an optional extra
        import matplotlib.dates  # noqa: PLC0415 - an optional extra
        import matplotlib.figure  # noqa: PLC0415 - an optional extra
        import matplotlib.lines  # noqa: PLC0415 - an optional extra
        import matplotlib.patches  # noqa: PLC0415 - an optional extra
        import matplotlib.transforms  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        message = "the timeline picture needs matplotlib: pip install 'tradetalks[plot]'"
        raise ImportError(message) from error
    return mpl


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


def _speakers(dataset: Dataset) -> list[tuple[str, list[Statement]]]:
    """Each speaker of a dated statement, with its dated statements in the dataset's order.

    A speaker is its name (an unnamed group: its words) with the statements it made, one
    entry per person, organization or group; a statement of several speakers is in the
    entry of each. Speakers come in the order of their first dated statement (the earliest
    day, then the dataset's order).
    """
    found: dict[object, tuple[str, list[Statement]]] = {}
    first: dict[object, tuple[dt.date, int]] = {}
    for index, statement in enumerate(dataset.statements):
        if statement.said_on is None:
            continue
        day = statement.said_on.value.earliest
        for speaker, name in zip(statement.speakers, statement.speaker_names, strict=True):
            key = (
                type(speaker).__name__,
                name if isinstance(speaker, UnnamedGroup) else speaker.id,
            )
            if key not in found:
                found[key] = (name, [])
                first[key] = (day, index)
            found[key][1].append(statement)
            first[key] = min(first[key], (day, index))
    return [found[key] for key in sorted(found, key=first.__getitem__)]


def _stack(count: int) -> list[tuple[float, float]]:
    """Where each of ``count`` dots of one day stands from the day, ``(right, up)`` in points.

    The dots fill columns of up to three, top to bottom and left to right; the columns are
    centred on the day, and the dots of each column on the row. Two dots are at least
    ``_STEP`` points apart.

    >>> from tradetalks.plotting import _stack
    >>> _stack(1)
    [(0.0, 0.0)]
    >>> _stack(4)
    [(-3.75, 3.75), (-3.75, -3.75), (3.75, 3.75), (3.75, -3.75)]
    """
    columns = math.ceil(count / _PER_COLUMN)
    per_column = math.ceil(count / columns) if count else 0
    places = []
    for index in range(count):
        column, place = divmod(index, per_column)
        in_column = min(per_column, count - column * per_column)
        right = (column - (columns - 1) / 2) * _STEP
        up = ((in_column - 1) / 2 - place) * _STEP
        places.append((right, up))
    return places


def plot_timeline(dataset: Dataset, *, ax: Any = None) -> Any:
    """Draw the dataset's timeline and return the matplotlib ``Figure`` it is drawn in.

    Args:
        dataset: the :class:`~tradetalks.Dataset` to draw.
        ax: a ``matplotlib.axes.Axes`` to draw into, or ``None`` (the default) to make a
            figure 6.875 inches wide, sized so that its text is 11 CSS px or more in a
            page column of 605 px or more, and as tall as its rows need (0.36 inches a
            row). The axes given keep their figure's size and layout; the picture sets
            their y ticks and limits, their x axis to dates, their title and their legend
            (under the axes: give the figure room for it, e.g. ``layout="constrained"``).

    Returns:
        The ``matplotlib.figure.Figure`` drawn in (the one ``ax`` is in, when given).

    Rows, from the top: rounds, meetings, a heading row "Statements, by speaker", a row per
    speaker of a dated statement (named by the speaker), then the truces. Undated meetings
    and statements are left out, as in :meth:`tradetalks.Dataset.timeline`; a round or
    meeting whose start the source does not give, which the timeline leaves out, is drawn
    at the end it gives. A statement is a dot at the start of its day on the row of each of
    its speakers (hollow when its date is inferred from context); the dots of one speaker
    on one day stand in a small stack centred there, a few points apart.

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
        InvalidValueError: when ``ax`` is neither ``None`` nor a matplotlib ``Axes``.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.plotting import plot_timeline
    >>> axes = plot_timeline(stockholm_2025()).axes[0]
    >>> sorted(text.get_text() for text in axes.texts)[:2]
    ['2025-08-12', 'Geneva']

    Into axes of one's own:

    >>> from matplotlib.figure import Figure
    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.plotting import plot_timeline
    >>> figure = Figure(figsize=(9, 6), layout="constrained")
    >>> mine = figure.add_subplot()
    >>> plot_timeline(stockholm_2025(), ax=mine) is figure
    True
    >>> mine.get_yticklabels()[-1].get_text()
    'Truces'
    """
    mpl = _matplotlib()
    speakers = _speakers(dataset)
    count = len(dataset.truces)
    # y of each row: the truces at 0, -1, ...; the speakers, the heading, meetings and
    # rounds above them.
    top = len(speakers) + 3
    lane = {"Rounds": top, "Meetings": top - 1, _STATEMENTS_HEADING: top - 2, "Truces": 0}
    if ax is None:
        height = 1.6 + _ROW * (top + max(count, 1) + 0.5)  # the rows, the title and legend
        figure = mpl.figure.Figure(figsize=(_WIDTH, height), layout="constrained")
        axes = figure.add_subplot()
    elif isinstance(ax, mpl.axes.Axes):
        axes, figure = ax, ax.figure
    else:
        raise InvalidValueError(
            f"ax must be a matplotlib Axes or None, not {type(ax).__name__}", where="ax"
        )
    partial, names = _draw_rounds_and_meetings(axes, dataset, lane)
    inferred = _draw_statements(axes, figure, speakers, top=lane[_STATEMENTS_HEADING])
    rows = {truce.id: lane["Truces"] - index for index, truce in enumerate(dataset.truces)}
    open_bars = [
        bar for truce in dataset.truces for bar in _draw_truce(axes, truce, rows[truce.id])
    ]
    for agreement in dataset.agreements:
        under = [rows[t.id] for t in dataset.truces_under(agreement)]
        for row in under or [lane["Truces"]]:
            axes.plot(_x(agreement.made_on), row, "*", markersize=11, color=_AGREEMENT, zorder=3)
    heading = lane[_STATEMENTS_HEADING]
    ticks = [  # from the top; two speakers of one name, or a speaker named "Rounds", keep a row each
        *((name, lane[name]) for name in ("Rounds", "Meetings", _STATEMENTS_HEADING)),
        *((name, heading - 1 - number) for number, (name, _) in enumerate(speakers)),
        *(rows.items() if count > 1 else [("Truces", lane["Truces"])]),
    ]
    axes.set_yticks([y for _, y in ticks], [name for name, _ in ticks])
    axes.tick_params(labelsize=_TEXT)
    axes.get_yticklabels()[2].set_fontstyle("italic")  # the heading of the statements
    axes.axhspan(heading - len(speakers) - 0.5, heading + 0.5, color="#fdf1e9", zorder=0)
    axes.set_ylim(-0.7 - max(count - 1, 0), top + 0.8)
    locator = mpl.dates.AutoDateLocator(minticks=3, maxticks=7)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mpl.dates.ConciseDateFormatter(locator))
    axes.xaxis.get_offset_text().set_fontsize(_TEXT)
    if open_bars:
        left, right = axes.get_xlim()
        for bar in open_bars:  # to the right edge, now that the picture's extent is known
            bar.set_width(right - bar.get_x())
            row = bar.get_y() + bar.get_height() / 2
            axes.text(right, row + _ABOVE, "until further notice →", fontsize=_TEXT, ha="right")
        axes.set_xlim(left, right)
    axes.grid(axis="x", alpha=0.3)
    _legend(
        mpl,
        axes,
        figure,
        dataset,
        partial=partial,
        inferred=inferred,
        open_bars=bool(open_bars),
        own=ax is None,
    )
    titles = ", ".join(f"{s.outlet.name} {s.published_on}" for s in dataset.sources)
    axes.set_title(f"Timeline of {titles}" if titles else "Timeline", fontsize=_TITLE)
    _unclash(figure, names)
    return figure


def _draw_rounds_and_meetings(
    axes: Any, dataset: Dataset, lane: dict[str, int]
) -> tuple[set[bool], list[Any]]:
    """Draw the rounds and meetings in their lanes.

    Returns which kinds of round bar were drawn, and the rounds' names (matplotlib
    ``Text``). A round bar is partial (hatched) when its date is known only to the month or
    an end of it is not given: the set holds ``True`` for a partial bar, ``False`` for a
    whole one.
    """
    drawn, labels = set(), []
    for round_ in dataset.rounds:
        first, last = dated_ends(round_.dates)
        start, end = first.earliest, last.latest
        before, after = (
            "… " if isinstance(round_.dates.start, SpanEnd) else "",
            " …" if isinstance(round_.dates.end, SpanEnd) else "",
        )
        partial = round_.dates.precision is not Precision.DAY or bool(before or after)
        drawn.add(partial)
        axes.barh(
            lane["Rounds"],
            (end - start).days + 1,
            left=start,
            height=0.5,
            color=_ROUND_LIGHT if partial else _ROUND,
            hatch="//" if partial else None,
            edgecolor=_ROUND,
        )
        label = f"{before}{round_.city}{after}"
        labels.append(axes.text(start, lane["Rounds"] + _ABOVE, label, fontsize=_TEXT, va="bottom"))
    for meeting in dataset.meetings:
        if meeting.dates is not None:
            day = dated_ends(meeting.dates)[0].earliest  # its start, or its end if not given
            axes.plot(day, lane["Meetings"], "D", markersize=6, color=_MEETING)
    return drawn, labels


def _unclash(figure: Any, labels: list[Any]) -> None:
    """Move under its bar each round's name that would overlap the name before it above.

    The names are measured as the figure lays them out now (one layout, done only when
    there are two names or more). A name that would overlap both the last name above and
    the last name below stays above.
    """
    if len(labels) < 2:
        return
    figure.figure.draw_without_rendering()  # the root figure, for a subfigure's axes
    above = below = None
    for label in sorted(labels, key=lambda text: text.get_window_extent().x0):
        box = label.get_window_extent()
        if above is None or box.x0 > above.x1 + 2:
            above = box
        elif below is None or box.x0 > below.x1 + 2:
            _, y = label.get_position()  # the row's centre + _ABOVE: now the centre - _ABOVE
            label.set_y(y - 2 * _ABOVE)
            label.set_verticalalignment("top")
            below = box


def _draw_statements(
    axes: Any, figure: Any, speakers: Sequence[tuple[str, list[Statement]]], *, top: int
) -> set[bool]:
    """Draw each speaker's dated statements on its row, the rows under ``top``.

    Each statement is a ``Line2D`` of one dot placed at its day and row (its data), and moved
    by its place in the stack of its speaker's day (its transform, in points). Returns which
    kinds of dot were drawn: ``True`` for hollow (a date inferred from context), ``False``
    for filled.
    """
    mpl = _matplotlib()
    drawn = set()
    for number, (_, statements) in enumerate(speakers):
        row = top - 1 - number
        days: dict[dt.date, list[Statement]] = {}
        for statement in statements:
            if statement.said_on is not None:
                days.setdefault(statement.said_on.value.earliest, []).append(statement)
        for day, said in days.items():
            # Those dated in the source first: sorted is stable, so each kind keeps its order.
            said.sort(key=lambda s: s.said_on is not None and s.said_on.value.uncertain)
            for statement, (right, up) in zip(said, _stack(len(said)), strict=True):
                hollow = statement.said_on is not None and statement.said_on.value.uncertain
                drawn.add(hollow)
                moved = mpl.transforms.offset_copy(
                    axes.transData, fig=figure, x=right, y=up, units="points"
                )
                axes.plot(
                    day,
                    row,
                    "o",
                    markersize=_DOT,
                    markeredgewidth=1.2,
                    color=_STATEMENT,
                    markeredgecolor=_STATEMENT_EDGE,
                    markerfacecolor="white" if hollow else _STATEMENT,
                    transform=moved,
                    zorder=3,
                )
    return drawn


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
        [bar] = axes.barh(row, width, left=start, height=0.5, color=_TRUCE)
        if end is None:
            open_bars.append(bar)
        elif term.end is not None and not cut_short:  # a deadline it reached
            axes.text(end, row + _ABOVE, _label(term.end), fontsize=_TEXT, ha="right")
    if ended is not None and cut is not None:
        axes.plot(cut, row, "X", markersize=8, color=_ENDED, zorder=3)
        said = f"ended {_label(ended.at)} ({ended.reason.value})"
        axes.annotate(
            said, (cut, row), xytext=(8, 0), textcoords="offset points", fontsize=_TEXT, va="center"
        )
    return open_bars


def _legend(  # noqa: PLR0913 - the kinds of mark drawn, each named
    mpl: Any,
    axes: Any,
    figure: Any,
    dataset: Dataset,
    *,
    partial: set[bool],
    inferred: set[bool],
    open_bars: bool,
    own: bool,
) -> None:
    """A legend with an entry for each kind of mark drawn, and no other.

    On a figure of its own (``own``), the legend is the figure's, under the axes, centred on
    the figure's whole width. In axes given, it is the axes', under them, below the date
    labels: their tick, their pad and two lines of 9 pt text (the labels, and the year
    ConciseDateFormatter may write under them).
    """
    lines, patches = mpl.lines.Line2D, mpl.patches.Patch
    dot = {"marker": "o", "linestyle": "none", "markersize": _DOT, "markeredgewidth": 1.2}
    entries = [
        *([(patches(color=_ROUND), "round")] if False in partial else []),
        *(
            [
                (
                    patches(facecolor=_ROUND_LIGHT, edgecolor=_ROUND, hatch="//"),
                    "round: month only, or an end not given (…)",
                )
            ]
            if True in partial
            else []
        ),
        *(
            [(lines([], [], marker="D", linestyle="none", color=_MEETING), "meeting")]
            if any(meeting.dates is not None for meeting in dataset.meetings)
            else []
        ),
        *(
            [
                (
                    lines([], [], color=_STATEMENT, markeredgecolor=_STATEMENT_EDGE, **dot),
                    "statement, dated in the source",
                )
            ]
            if False in inferred
            else []
        ),
        *(
            [
                (
                    lines(
                        [],
                        [],
                        color=_STATEMENT,
                        markeredgecolor=_STATEMENT_EDGE,
                        markerfacecolor="white",
                        **dot,
                    ),
                    "statement, date inferred from context",
                )
            ]
            if True in inferred
            else []
        ),
        *([(patches(color=_TRUCE), "truce term, up to its deadline")] if dataset.truces else []),
        *(
            [(lines([], [], marker="*", linestyle="none", color=_AGREEMENT), "agreement made")]
            if dataset.agreements
            else []
        ),
        *(
            [(lines([], [], marker="X", linestyle="none", color=_ENDED), "truce ended early")]
            if any(t.ended for t in dataset.truces)
            else []
        ),
        *([(patches(color=_TRUCE), "bar to the edge: until further notice")] if open_bars else []),
    ]
    if not entries:
        return
    handles, texts = [handle for handle, _ in entries], [text for _, text in entries]
    style = {"ncols": 2, "fontsize": _TEXT, "frameon": False, "columnspacing": 1.2}
    if own:  # under everything, centred on the figure's whole width
        figure.legend(handles, texts, loc="outside lower center", **style)
        return
    below = (
        mpl.rcParams["xtick.major.size"] + mpl.rcParams["xtick.major.pad"] + 2 * 1.3 * _TEXT
    ) / 72  # inches
    under = axes.transAxes + mpl.transforms.ScaledTranslation(0, -below, figure.dpi_scale_trans)
    axes.legend(
        handles, texts, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=under, **style
    )


def write_svg(dataset: Dataset, path: str | PathLike[str] | None = None) -> str:
    """Draw the timeline as SVG text, and write it to ``path`` when one is given.

    The picture is :func:`plot_timeline`'s own figure, 6.875 inches (495 points, 660 CSS
    px) wide. The SVG carries no creation date and fixed element ids, and its text is kept
    as text (searchable, drawn in the reader's fonts), so the same dataset gives the same
    file.

    Raises:
        ImportError: when matplotlib is missing; it names the extra to install.
        OSError: when the file cannot be written.

    >>> from tradetalks.fixtures import stockholm_2025
    >>> from tradetalks.plotting import write_svg
    >>> write_svg(stockholm_2025()).startswith('<?xml version="1.0"')
    True
    """
    mpl = _matplotlib()
    figure = plot_timeline(dataset)
    buffer = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "tradetalks", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="\n") as file:  # noqa: PTH123
            file.write(text)
    return text
