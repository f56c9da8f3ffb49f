"""Lifter archetypes run through weeks of generated logs, to watch the progression rule work.

`spotter simulate --weeks 12` prints the trajectories. Each simulated lifter trains twice a
week and, in each session, does as many reps as their strength allows on every prescribed set,
stopping at the top of the range. Strength is an estimated 1RM that grows a little each week
(reps at a load follow Epley's formula backwards); bodyweight work has a rep capacity instead.
Fatigue costs a rep on every second set, so "all sets at the top" needs a little in reserve.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from bot.domain import RepRange, Unit
from bot.rules.lift import Lift, Variation
from bot.rules.loads import to_kg
from bot.rules.membership import Prescription
from bot.rules.progression import Progression, SessionLog, Week, next_prescription
from bot.rules.reports import LoggedSet

FIRST_MONDAY = date(2026, 1, 5)
# Reps an unloaded variation costs per rung above the lift's first (a banded set is harder).
UNLOADED_PENALTY_PER_RUNG = 4


@dataclass(frozen=True, slots=True)
class Archetype:
    name: str
    unit: Unit
    start: Prescription
    e1rm_kg: float
    weekly_gain: float = 0.02
    bodyweight_reps: int = 12
    bad_weeks: frozenset[int] = frozenset()
    pain_weeks: frozenset[int] = frozenset()
    stops_after: int | None = None


@dataclass(frozen=True, slots=True)
class SimulatedWeek:
    week: int
    before: Prescription
    sessions: tuple[SessionLog, ...]
    pain: bool
    result: Progression


@dataclass
class _Lifter:
    archetype: Archetype
    prescription: Prescription
    misses: int = 0
    history: list[SimulatedWeek] = field(default_factory=list)


def archetypes(lift: Lift) -> tuple[Archetype, ...]:
    """The cast on `lift`: a beginner on its first rung, kg and lb lifters on its main variation,
    one who misses, one in pain, one who stops."""
    barbell = lift.main
    start = lift.start
    return (
        _beginner(start),
        Archetype("Intermediate in kg", Unit.KG, Prescription(barbell, 60.0, 3, 8), 80.0, weekly_gain=0.015),
        Archetype(
            "Lifter in lb", Unit.LB, Prescription(barbell, to_kg(135, Unit.LB), 3, 8), 82.0, weekly_gain=0.015
        ),
        Archetype(
            "Misses twice", Unit.KG, Prescription(barbell, 80.0, 3, 8), 107.0, bad_weeks=frozenset({4, 5})
        ),
        Archetype(
            "Reports pain", Unit.KG, Prescription(barbell, 70.0, 3, 8), 93.0, pain_weeks=frozenset({3})
        ),
        Archetype("Stops logging", Unit.KG, Prescription(barbell, 50.0, 3, 8), 67.0, stops_after=4),
    )


def _beginner(start: Variation) -> Archetype:
    """A beginner on the lift's first rung: bodyweight work, or a light load where it has none."""
    if start.loaded:
        return Archetype("Beginner", Unit.KG, Prescription(start, 20.0, 3, 8), 28.0)
    return Archetype("Beginner on bodyweight", Unit.KG, Prescription(start, None, 3, 8), 14.0)


def simulate(archetype: Archetype, weeks: int, reps: RepRange, lift: Lift) -> list[SimulatedWeek]:
    """Run one archetype for `weeks` weeks through the real progression rule."""
    lifter = _Lifter(archetype, archetype.start)
    for week in range(1, weeks + 1):
        before = lifter.prescription
        sessions = tuple(_sessions(lifter, week, reps, lift))
        pain = week in archetype.pain_weeks
        result = next_prescription(
            lift, before, reps, archetype.unit, Week(sessions, pain=pain, misses_before=lifter.misses)
        )
        lifter.history.append(SimulatedWeek(week, before, sessions, pain, result))
        lifter.prescription, lifter.misses = result.prescription, result.misses
    return lifter.history


def _sessions(lifter: _Lifter, week: int, reps: RepRange, lift: Lift) -> Iterator[SessionLog]:
    a = lifter.archetype
    if a.stops_after is not None and week > a.stops_after:
        return
    p = lifter.prescription
    monday = FIRST_MONDAY + timedelta(weeks=week - 1)
    for day in (monday, monday + timedelta(days=3)):
        capacity = _capacity(a, p, week, lift) - (5 if week in a.bad_weeks else 0)
        sets = tuple(
            LoggedSet(max(1, min(reps.high, capacity - index // 2)), p.load_kg) for index in range(p.sets)
        )
        yield SessionLog(day, p.variation, sets)


def _capacity(a: Archetype, p: Prescription, week: int, lift: Lift) -> int:
    """Reps the lifter can do this week on the prescription."""
    if p.variation.loaded and p.load_kg is not None:
        e1rm = a.e1rm_kg * (1 + a.weekly_gain) ** (week - 1)
        return int(30 * (e1rm / p.load_kg - 1))
    penalty = UNLOADED_PENALTY_PER_RUNG * (p.variation.ladder - lift.start.ladder)
    return a.bodyweight_reps + 2 * (week - 1) - penalty


def with_goal(archetype: Archetype, reps: RepRange) -> Archetype:
    """Start the archetype at the bottom of another goal's range."""
    return replace(archetype, start=replace(archetype.start, reps=reps.low))
