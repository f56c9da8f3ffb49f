from __future__ import annotations

from datetime import date

import pytest

from bot.domain import Unit
from bot.rules.membership import Prescription
from bot.rules.planning import RampSet, cue_of_the_day, plan_session, ramp_up
from tests.lifts import HT


def test_a_barbell_ramp_starts_with_the_empty_bar_then_60_and_80_percent() -> None:
    assert ramp_up(60, HT.BARBELL, Unit.KG) == (
        RampSet(10, 20),
        RampSet(6, 35),
        RampSet(3, 47.5),
    )


def test_a_pound_ramp_rounds_down_to_five_pound_steps() -> None:
    assert ramp_up(135, HT.BARBELL, Unit.LB) == (
        RampSet(10, 45),
        RampSet(6, 80),
        RampSet(3, 105),
    )


def test_work_at_the_empty_bar_needs_no_ramp() -> None:
    assert ramp_up(20, HT.BARBELL, Unit.KG) == ()


def test_a_light_load_drops_ramp_sets_that_would_repeat() -> None:
    ramp = ramp_up(27.5, HT.BARBELL, Unit.KG)
    loads = [r.load for r in ramp]
    assert loads == sorted(set(loads))
    assert all(load < 27.5 for load in loads)


def test_dumbbells_ramp_in_their_own_steps() -> None:
    assert [r.load for r in ramp_up(16, HT.DUMBBELL, Unit.KG)] == [6, 8, 12]


def test_bodyweight_plans_carry_no_load_and_no_ramp() -> None:
    plan = plan_session(Prescription(HT.BODYWEIGHT, None, 3, 8), Unit.KG, "cue")
    assert (plan.load, plan.ramp) == (None, ())


def test_plans_show_the_load_in_the_members_unit() -> None:
    plan = plan_session(Prescription(HT.BARBELL, 61.2349, 3, 8), Unit.LB, "cue")
    assert (plan.load, plan.unit, plan.sets, plan.reps) == (135, Unit.LB, 3, 8)


@pytest.mark.parametrize("members", [1, 3])
def test_the_cue_of_the_day_changes_from_one_day_to_the_next(members: int) -> None:
    points = ["a", "b", "c", "d"]
    monday = [cue_of_the_day(points, date(2026, 12, 7), i) for i in range(members)]
    tuesday = [cue_of_the_day(points, date(2026, 12, 8), i) for i in range(members)]
    assert monday != tuesday


def test_members_on_the_same_day_get_different_cues() -> None:
    points = ["a", "b", "c"]
    cues = {cue_of_the_day(points, date(2026, 12, 7), i) for i in range(3)}
    assert len(cues) == 3
