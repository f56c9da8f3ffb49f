"""`/progress`: a member's weekly progress on one exercise as a PNG made for a phone screen.

Two panels, one over the other: working load and estimated one-rep max as lines (records
starred), weekly volume as bars; large type, few series, the viewer's unit. matplotlib is
imported on first use (half a second), drawn on its object API with the Agg backend (no
display, no global pyplot state), so a chart can be drawn in a worker thread.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.domain import Unit
from bot.markup import bold, escape
from bot.messages import Attachment, Reply
from bot.rules.loads import from_kg
from bot.services.progress import Progress
from bot.views import format as fmt

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZE_IN, DPI = 7.2, 150  # 1080 × 1080 pixels
WORKING, E1RM, VOLUME, RECORD = "#1f77b4", "#e6550d", "#9ecae1", "#d62728"


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the chart plots, in the viewer's unit: one entry per week with logs."""

    mondays: tuple[date, ...]
    working: tuple[float | None, ...]
    e1rm: tuple[float | None, ...]
    volume: tuple[float, ...]
    records: tuple[date, ...]
    unit: Unit
    loaded_volume: bool  # False: every set was bodyweight, so volume counts reps


def chart_data(found: Progress) -> ChartData:
    def shown(kg: float | None) -> float | None:
        return None if kg is None else round(from_kg(kg, found.unit), 1)

    weeks = found.weeks
    loaded = any(w.e1rm_kg is not None for w in weeks)
    return ChartData(
        mondays=tuple(w.monday for w in weeks),
        working=tuple(shown(w.working_kg) for w in weeks),
        e1rm=tuple(shown(w.e1rm_kg) for w in weeks),
        volume=tuple(round(from_kg(w.volume, found.unit) if loaded else w.volume) for w in weeks),
        records=tuple(w.monday for w in weeks if w.record),
        unit=found.unit,
        loaded_volume=loaded,
    )


def progress(found: Progress) -> Reply:
    """The chart with a one-line summary as its caption; words only when there is nothing yet."""
    name, lift = found.name, found.exercise.short_name
    if not found.weeks:
        return Reply(f"No {escape(lift)} logged yet for {bold(name)}: the chart starts with the first log.")
    data = chart_data(found)
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in f"{name} {lift}".lower()).split())
    png = render(data, f"{name} · {lift}")
    return Reply(_summary(found, data), attachment=Attachment(f"progress-{slug}.png", png, image=True))


def _summary(found: Progress, data: ChartData) -> str:
    weeks = fmt.plural(len(data.mondays), "week")
    parts = [f"📈 {bold(found.name)} · {escape(found.exercise.short_name)}: {weeks}"]
    loads = [w for w in data.working if w is not None]
    if loads:
        parts.append(f"working load {_span(loads[0], loads[-1], data.unit)}")
    bests = [e for e in data.e1rm if e is not None]
    if bests:
        parts.append(f"est. 1RM {_span(bests[0], max(bests), data.unit)}")
    if data.records:
        parts.append(f"🏆 {fmt.plural(len(data.records), 'record week')}")
    return ", ".join(parts) + "."


def _span(first: float, last: float, unit: Unit) -> str:
    return fmt.weight(first, unit) if first == last else f"{fmt.number(first)} → {fmt.weight(last, unit)}"


def figure(data: ChartData, title: str) -> Figure:
    """The chart as a matplotlib figure (tests read the plotted data back from it)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(SIZE_IN, SIZE_IN), dpi=DPI, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    fig.suptitle(title, fontsize=22, fontweight="bold")
    x = list(range(len(data.mondays)))
    unit = data.unit.value
    if any(v is not None for v in data.working):
        top.plot(
            x, _gaps(data.working), marker="o", linewidth=3, markersize=8, color=WORKING, label="Working load"
        )
    if any(v is not None for v in data.e1rm):
        top.plot(x, _gaps(data.e1rm), marker="o", linewidth=3, markersize=8, color=E1RM, label="Est. 1RM")
        stars = [(i, data.e1rm[i]) for i, monday in enumerate(data.mondays) if monday in data.records]
        if stars:
            top.scatter(
                [i for i, _ in stars],
                [v for _, v in stars],
                marker="*",
                s=500,
                color=RECORD,
                zorder=3,
                label="Record",
            )
        top.set_ylabel(unit, fontsize=16)
        top.legend(fontsize=14, loc="best")
    else:
        top.text(
            0.5,
            0.5,
            "Bodyweight work:\nsee the reps below",
            ha="center",
            va="center",
            fontsize=18,
            transform=top.transAxes,
        )
    bottom.bar(x, data.volume, color=VOLUME)
    bottom.set_ylabel(f"volume ({unit} × reps)" if data.loaded_volume else "reps a week", fontsize=14)
    labels = [f"{d.day} {d:%b}" for d in data.mondays]
    step = max(1, math.ceil(len(labels) / 5))  # five dates fit a phone's width
    bottom.set_xticks(x[::step], labels[::step])
    for axes in (top, bottom):
        axes.tick_params(labelsize=14)
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
    return fig


def render(data: ChartData, title: str) -> bytes:
    buffer = io.BytesIO()
    figure(data, title).savefig(buffer, format="png")
    return buffer.getvalue()


def _gaps(values: tuple[float | None, ...]) -> list[float]:
    """Weeks without a loaded set are gaps in the line, not zeros."""
    return [float("nan") if v is None else v for v in values]
