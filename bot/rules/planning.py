"""A member's session for one day: work sets, ramp-up sets, rest and the cue of the day.

Ramp-up rule (also in the content's warm-up text): loaded variations warm up at about 40%,
60% and 80% of the work load for 10, 6 and 3 reps, each rounded down to a loadable step; a
barbell ramp starts with the empty bar instead of the 40% set. A ramp set that would not be
lighter than the next set (or than the work load) is dropped, so light work loads get fewer
ramp sets, and a work load at the empty bar gets none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain import Unit
from bot.rules.lift import Variation
from bot.rules.loads import display_load, load_spec, round_to_step
from bot.rules.membership import Prescription
from bot.rules.plates import PlateLoad, plates_for

RAMP = ((0.4, 10), (0.6, 6), (0.8, 3))


@dataclass(frozen=True, slots=True)
class RampSet:
    reps: int
    load: float


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """What one member does today, in their own unit."""

    variation: Variation
    sets: int
    reps: int
    load: float | None
    unit: Unit
    ramp: tuple[RampSet, ...]
    cue: str
    plates: PlateLoad | None = None  # a side of the bar for the work load (barbell lifts only)


def ramp_up(work_load: float, variation: Variation, unit: Unit) -> tuple[RampSet, ...]:
    """Ramp-up sets before a work load given in the member's unit (see module docstring)."""
    spec = load_spec(variation, unit)
    candidates = [RampSet(reps, round_to_step(work_load * share, spec, down=True)) for share, reps in RAMP]
    if variation.barbell:
        candidates[0] = RampSet(RAMP[0][1], spec.minimum)
    ramp: list[RampSet] = []
    for candidate in candidates:
        lighter_than_work = candidate.load < work_load
        heavier_than_last = not ramp or candidate.load > ramp[-1].load
        if lighter_than_work and heavier_than_last:
            ramp.append(candidate)
    return tuple(ramp)


def cue_of_the_day(points: Sequence[str], day: date, member_index: int) -> str:
    """Rotate through the coaching points by date; members of a group get different ones."""
    return points[(day.toordinal() + member_index) % len(points)]


def plan_session(
    prescription: Prescription, unit: Unit, cue: str, plates: Sequence[float] | None = None
) -> SessionPlan:
    """Turn a stored prescription into today's plan in the member's unit; `plates` is the
    gym's plate set in that unit (None: the standard one)."""
    variation = prescription.variation
    if variation.loaded and prescription.load_kg is not None:
        load = display_load(prescription.load_kg, variation, unit)
        ramp = ramp_up(load, variation, unit)
    else:
        load, ramp = None, ()
    on_bar = plates_for(load, unit, plates) if load is not None and variation.barbell else None
    return SessionPlan(variation, prescription.sets, prescription.reps, load, unit, ramp, cue, on_bar)


def bar_order(loads: Sequence[float | None]) -> list[int]:
    """The order (indexes into `loads`) in which people sharing a bar change the fewest plates:
    those not on the bar first, as they came, then ascending load (the bar only gains plates)."""
    return sorted(range(len(loads)), key=lambda i: (loads[i] is not None, loads[i] or 0.0))
