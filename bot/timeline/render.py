"""Drawing a timeline with matplotlib, headless (the Agg canvas, never pyplot's global state).

Date runs along the bottom, the stages of each move up the side; each claim is one marker,
coloured by its outlet and shaped by its move; a move's ending is a star with its stage, above a
dotted line on its date. Each marker carries its citation number while the chart stays readable.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.timeline.chart import LEVELS, Timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

WIDTH_PX, HEIGHT_PX, DPI = 1000, 560, 100
MARKERS = ("o", "s", "^", "D", "v", "P")
OTHER = "#9e9e9e"  # outlets beyond the palette share one grey
NUMBERED_UP_TO = 24  # label markers with their citation number up to this many points
SPREAD = 0.13  # vertical gap between moves on the same stage row
CLAIMS_GID = "claims:"  # gid prefix of each outlet's markers (one marker per claim)
ENDINGS_GID = "endings"


def draw(timeline: Timeline) -> Figure:
    """The chart as a matplotlib Figure (not yet rendered)."""
    from matplotlib import colormaps
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    axes = figure.add_axes((0.13, 0.11, 0.6, 0.8))
    tab10 = colormaps["tab10"]
    palette = [tab10(i) for i in range(10)]
    colour = {o: palette[i] if i < len(palette) else OTHER for i, o in enumerate(timeline.outlets)}
    k = len(timeline.moves)

    def y(level: int, move: int) -> float:
        return level + (move - (k - 1) / 2) * SPREAD

    for move in range(k):  # a thin line through each move's claims, oldest to newest
        path = [(_date(p.when), y(p.level, move)) for p in timeline.points if p.move == move]
        if len(path) > 1:
            axes.plot(*zip(*path, strict=True), color="#cfcfcf", linewidth=1, zorder=1)
    for outlet in timeline.outlets:
        for move in range(k):
            mine = [p for p in timeline.points if p.outlet == outlet and p.move == move]
            if mine:
                axes.scatter(
                    [_date(p.when) for p in mine],
                    [y(p.level, move) for p in mine],
                    s=64,
                    marker=MARKERS[move % len(MARKERS)],
                    color=colour[outlet],
                    edgecolors="black",
                    linewidths=0.5,
                    zorder=3,
                    gid=f"{CLAIMS_GID}{outlet}",
                )
    if len(timeline.points) <= NUMBERED_UP_TO:
        for p in timeline.points:
            axes.annotate(
                str(p.n),
                (_date(p.when), y(p.level, p.move)),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=7,
                zorder=4,
            )
    _draw_endings(axes, timeline, y)
    axes.set_yticks(range(len(LEVELS)), LEVELS)
    axes.set_ylim(-0.7, len(LEVELS) - 0.3)
    axes.xaxis_date()
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(axis="y", color="#eeeeee")
    claims = len(timeline.points)
    axes.set_title(f"{timeline.person}: {claims} claims about {_moves(k)}", fontsize=11)
    outlets = [
        Line2D([], [], marker="o", linestyle="", color=colour[o], markeredgecolor="black", label=o)
        for o in timeline.outlets[: len(palette)]
    ]
    if len(timeline.outlets) > len(palette):
        outlets.append(Line2D([], [], marker="o", linestyle="", color=OTHER, label="other outlets"))
    shapes = [
        Line2D([], [], marker=MARKERS[i % len(MARKERS)], linestyle="", color="black", label=label)
        for i, label in enumerate(timeline.moves)
    ]
    first = figure.legend(
        handles=outlets,
        title="outlet",
        loc="upper left",
        fontsize=8,
        title_fontsize=8,
        bbox_to_anchor=(0.75, 0.91),
        frameon=False,
    )
    figure.add_artist(first)
    figure.legend(
        handles=shapes,
        title="move",
        loc="lower left",
        fontsize=8,
        title_fontsize=8,
        bbox_to_anchor=(0.75, 0.11),
        frameon=False,
    )
    return figure


def _draw_endings(axes: Axes, timeline: Timeline, y: Callable[[int, int], float]) -> None:
    """A star where each move ended, labelled with how, above a dotted line on its date."""
    endings = timeline.endings
    if not endings:
        return
    spots = [(_date(e.when), y(e.level, e.move)) for e in endings]
    dates = [_date(p.when) for p in timeline.points] + [s[0] for s in spots]
    right_edge = max(dates) - 0.15 * (max(dates) - min(dates))
    for (when, height), ending in zip(spots, endings, strict=True):
        tint = "#2e7d32" if ending.happened else "#c62828"
        axes.axvline(when, color=tint, linestyle=":", linewidth=1, zorder=0)
        near_edge = when > right_edge  # label to the left, clear of the legends
        axes.annotate(
            ("✓ " if ending.happened else "✗ ") + ending.stage,
            (when, height),
            xytext=(-8 if near_edge else 8, -12),
            horizontalalignment="right" if near_edge else "left",
            textcoords="offset points",
            fontsize=8,
            color=tint,
        )
    axes.scatter(
        [s[0] for s in spots],
        [s[1] for s in spots],
        s=320,
        marker="*",
        facecolors="none",
        edgecolors=["#2e7d32" if e.happened else "#c62828" for e in endings],
        linewidths=1.5,
        zorder=5,
        gid=ENDINGS_GID,
    )


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes, WIDTH_PX by HEIGHT_PX."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _date(ts: int) -> float:
    """A date as matplotlib's date number (days since its epoch)."""
    from matplotlib.dates import date2num

    return float(date2num(datetime.fromtimestamp(ts, UTC)))


def _moves(count: int) -> str:
    return "1 move" if count == 1 else f"{count} moves"
