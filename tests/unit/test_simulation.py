"""Each archetype over twelve weeks of generated logs, through the real progression rule."""

from __future__ import annotations

import pytest

from bot.domain import RepRange
from bot.rules.progression import Change
from bot.simulation import SimulatedWeek, archetypes, simulate
from bot.views.reasons import reason
from tests.lifts import HIP, HT

HYP = RepRange(8, 15)
WEEKS = 12


def run(name: str) -> list[SimulatedWeek]:
    archetype = next(a for a in archetypes(HIP) if a.name == name)
    return simulate(archetype, WEEKS, HYP, HIP)


def loads(rows: list[SimulatedWeek]) -> list[float | None]:
    return [r.result.prescription.load_kg for r in rows]


def test_the_beginner_climbs_the_ladder_from_bodyweight_to_loaded_work() -> None:
    rows = run("Beginner on bodyweight")
    variations = [r.result.prescription.variation for r in rows]
    assert variations[0] is HT.BODYWEIGHT
    assert HT.BANDED in variations
    assert HT.DUMBBELL in variations
    assert variations.index(HT.BANDED) < variations.index(HT.DUMBBELL)


def test_the_intermediate_adds_reps_then_load() -> None:
    rows = run("Intermediate in kg")
    changes = [r.result.change for r in rows]
    assert changes[0] is Change.REPS
    assert Change.LOAD in changes
    assert loads(rows)[-1] > loads(rows)[0]  # type: ignore[operator]


def test_the_pound_lifter_moves_in_five_pound_steps() -> None:
    rows = run("Lifter in lb")
    bumps = [r for r in rows if r.result.change is Change.LOAD]
    assert bumps
    assert all("+5 lb" in reason(r.result.reason) for r in bumps)


def test_two_bad_weeks_in_a_row_deload_once() -> None:
    rows = run("Misses twice")
    assert rows[3].result.change is Change.HOLD  # week 4: first miss
    assert rows[4].result.change is Change.DELOAD  # week 5: second miss
    assert rows[4].result.prescription.load_kg < rows[4].before.load_kg  # type: ignore[operator]
    assert [r.result.change for r in rows].count(Change.DELOAD) == 1


def test_a_pain_week_holds_and_training_resumes_after() -> None:
    rows = run("Reports pain")
    assert rows[2].result.change is Change.HOLD
    assert "pain" in reason(rows[2].result.reason)
    assert rows[2].result.prescription == rows[2].before
    assert rows[3].result.change is not Change.HOLD


def test_a_lifter_who_stops_logging_is_held_not_deloaded() -> None:
    rows = run("Stops logging")
    quiet = rows[4:]
    assert all(r.result.change is Change.HOLD and not r.result.logged for r in quiet)
    assert len({r.result.prescription for r in quiet}) == 1


@pytest.mark.parametrize("archetype", archetypes(HIP), ids=lambda a: a.name)
def test_every_archetype_runs_at_least_eight_weeks_with_a_reason_each_week(archetype: object) -> None:
    rows = simulate(archetype, WEEKS, HYP, HIP)  # type: ignore[arg-type]
    assert len(rows) == WEEKS >= 8
    assert all(r.result.reason for r in rows)
