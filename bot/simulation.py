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

from bot.domain import RepRange, Unit, Variation
from bot.rules.loads import is_loaded, to_kg
from bot.rules.membership import Prescription
from bot.rules.progression import Progression, SessionLog, Week, next_prescription
from bot.rules.reports import LoggedSet

FIRST_MONDAY = date(2026, 1, 5)
UNLOADED_PENALTY = {Variation.BODYWEIGHT: 0, Variation.BANDED: 4, Variation.SINGLE_LEG: 10}


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


def archetypes() -> tuple[Archetype, ...]:
    """The cast: a beginner, kg and lb lifters, one who misses, one in pain, one who stops."""
    barbell = Variation.BARBELL
    return (
        Archetype("Beginner on bodyweight", Unit.KG, Prescription(Variation.BODYWEIGHT, None, 3, 8), 14.0),
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


def simulate(archetype: Archetype, weeks: int, reps: RepRange) -> list[SimulatedWeek]:
    """Run one archetype for `weeks` weeks through the real progression rule."""
    lifter = _Lifter(archetype, archetype.start)
    for week in range(1, weeks + 1):
        before = lifter.prescription
        sessions = tuple(_sessions(lifter, week, reps))
        pain = week in archetype.pain_weeks
        result = next_prescription(
            before, reps, archetype.unit, Week(sessions, pain=pain, misses_before=lifter.misses)
        )
        lifter.history.append(SimulatedWeek(week, before, sessions, pain, result))
        lifter.prescription, lifter.misses = result.prescription, result.misses
    return lifter.history


def _sessions(lifter: _Lifter, week: int, reps: RepRange) -> Iterator[SessionLog]:
    a = lifter.archetype
    if a.stops_after is not None and week > a.stops_after:
        return
    p = lifter.prescription
    monday = FIRST_MONDAY + timedelta(weeks=week - 1)
    for day in (monday, monday + timedelta(days=3)):
        capacity = _capacity(a, p, week) - (5 if week in a.bad_weeks else 0)
        sets = tuple(
            LoggedSet(max(1, min(reps.high, capacity - index // 2)), p.load_kg) for index in range(p.sets)
        )
        yield SessionLog(day, p.variation, sets)


def _capacity(a: Archetype, p: Prescription, week: int) -> int:
    """Reps the lifter can do this week on the prescription."""
    if is_loaded(p.variation) and p.load_kg is not None:
        e1rm = a.e1rm_kg * (1 + a.weekly_gain) ** (week - 1)
        return int(30 * (e1rm / p.load_kg - 1))
    return a.bodyweight_reps + 2 * (week - 1) - UNLOADED_PENALTY.get(p.variation, 0)


def with_goal(archetype: Archetype, reps: RepRange) -> Archetype:
    """Start the archetype at the bottom of another goal's range."""
    return replace(archetype, start=replace(archetype.start, reps=reps.low))
