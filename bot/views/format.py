"""The one place numbers, weights, dates, schedules and plurals are written out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import groupby

from bot.content.model import Exercise
from bot.domain import RepRange, Unit
from bot.markup import bold, escape
from bot.rules.lift import Variation
from bot.rules.loads import display_load, from_kg
from bot.rules.membership import Prescription
from bot.rules.planning import SessionPlan
from bot.rules.plates import PlateLoad
from bot.rules.reports import LoggedSet
from bot.rules.schedule import WEEKDAY_NAMES, Schedule, week_start


def number(value: float) -> str:
    """`47.5`, `60`: at most one decimal, no trailing `.0`."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def plate(value: float) -> str:
    """`1.25`, `20`: a plate's weight, to the quarter its maker stamps on it."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def weight(value: float, unit: Unit | str) -> str:
    """`47.5 kg`, `135 lb`."""
    return f"{number(value)} {Unit(unit).value}"


def plates(load: PlateLoad, unit: Unit) -> str:
    """`20 + 2.5 a side`, `20 a side (1 kg short)` (plain): what goes on each side of the bar."""
    text = f"{' + '.join(plate(p) for p in load.per_side)} a side" if load.per_side else "no plates"
    return text if load.exact else f"{text} ({weight(load.missing, unit)} short)"


def lifted(kg: float, unit: Unit) -> str:
    """A weight someone lifted, in their unit to 0.1: exact, not rounded to a plate step."""
    return weight(round(from_kg(kg, unit), 1), unit)


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 member`, `3 members`."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def span(low: float, high: float, suffix: str = "") -> str:
    """`8–15`, `30–40 cm`."""
    return f"{number(low)}–{number(high)}{suffix}"


def rep_range(reps: RepRange) -> str:
    return span(reps.low, reps.high)


def day_label(day: date) -> str:
    """`Monday 7 Dec`."""
    return f"{day:%A} {day.day} {day:%b}"


def short_day(day: date) -> str:
    """`Mon 7 Dec`."""
    return f"{day:%a} {day.day} {day:%b}"


def week_label(week: str) -> str:
    """`week of 7 Dec` for an ISO week key."""
    monday = week_start(week)
    return f"week of {monday.day} {monday:%b}"


def clock_time(instant: datetime) -> str:
    return f"{instant:%H:%M}"


def session_label(start: datetime) -> str:
    """`Monday 7 Dec at 18:30`."""
    return f"{day_label(start.date())} at {clock_time(start)}"


def weekday(index: int) -> str:
    """`Monday` for 0."""
    return WEEKDAY_NAMES[index].title()


def schedule(sched: Schedule) -> str:
    """`Mon & Thu at 18:30 (Europe/Berlin)`."""
    days = " & ".join(weekday(d)[:3] for d in sched.weekdays)
    return f"{days} at {sched.start:%H:%M} ({sched.timezone})"


def work(p: Prescription, unit: Unit) -> str:
    """`3 × 8 @ 60 kg`, `3 × 10 each side`: the sets in the member's unit, loadable weight."""
    text = f"{p.sets} × {p.reps}"
    if p.variation.loaded and p.load_kg is not None:
        text += f" @ {weight(display_load(p.load_kg, p.variation, unit), unit)}"
    elif p.variation.loaded:
        text += f" @ a load you could lift {p.reps + 2} times"  # about two reps in reserve
    if p.variation.each_side:
        text += " each side"
    return text


def compact_work(p: Prescription, unit: Unit) -> str:
    """`3×8 @ 60 kg`, `3×8 @ ?` (load to find), `3×10/side`: for one-line-per-member lists."""
    text = f"{p.sets}×{p.reps}"
    if p.variation.each_side:
        text += "/side"
    if p.variation.loaded:
        load = display_load(p.load_kg, p.variation, unit) if p.load_kg is not None else None
        text += f" @ {weight(load, unit)}" if load is not None else " @ ?"
    return text


def prescription(ex: Exercise, p: Prescription, unit: Unit) -> str:
    """`Barbell hip thrust *3 × 8 @ 60 kg*` (markup)."""
    return f"{escape(ex.variation(p.variation).name)} {bold(work(p, unit))}"


def short_prescription(p: Prescription, unit: Unit) -> str:
    """`barbell 3 × 8 @ 60 kg` for summaries and change lines (plain)."""
    text = f"{p.variation.id} {p.sets} × {p.reps}"
    if p.variation.loaded and p.load_kg is not None:
        text += f" @ {weight(display_load(p.load_kg, p.variation, unit), unit)}"
    elif p.variation.loaded:
        text += " @ load to find"
    return text


def drills(ex: Exercise) -> str:
    """`hip mobility about 1 min each side, glute bridges 2 × 15, …` (plain)."""
    return ", ".join(f"{d.name.lower()} {d.dose}" for d in ex.warmup.drills)


def ramp(plan: SessionPlan) -> str:
    """`20 kg × 10, 35 kg × 6, 47.5 kg × 3`, or "" when the plan has no ramp-up sets (plain)."""
    return ", ".join(f"{weight(r.load, plan.unit)} × {r.reps}" for r in plan.ramp)


def logged_sets(
    sets: Iterable[LoggedSet], variation: Variation, unit: Unit, *, per_side: bool, rpe: float | None
) -> str:
    """`3 × 10 @ 60 kg`, `10, 10, 8 @ 140 lb, RPE 8`: the member's unit, exactly as logged."""
    sets = tuple(sets)
    parts = []
    for load, run in groupby(sets, key=lambda s: s.load_kg):
        reps = [s.reps for s in run]
        part = f"{len(reps)} × {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))
        parts.append(part if load is None else f"{part} @ {lifted(load, unit)}")
    text = ", ".join(parts)
    if per_side:
        text += " each side"
    # An unloaded variation is named after bare reps, so `3 × 15` is not mistaken.
    if not variation.loaded and all(s.load_kg is None for s in sets):
        text += f" ({variation.id})"
    if rpe is not None:
        text += f", RPE {rpe:g}"
    return text


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def sentence(text: str) -> str:
    """`text` ending as a sentence: a full stop added unless it already ends in . ? or !."""
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."
