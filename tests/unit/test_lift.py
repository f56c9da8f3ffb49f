"""The rules read any exercise's declared variations: loading, ladder and start."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content.catalogue import load_catalogue
from bot.domain import Level, RepRange, Unit
from bot.rules.lift import Lift
from bot.rules.loads import implied_variation, load_spec
from bot.rules.membership import JoinRequest, Prescription, StartNote, first_prescription
from bot.rules.planning import plan_session
from bot.rules.progression import Change, SessionLog, Week, Why, next_prescription
from bot.rules.reports import LoggedSet

HYP = RepRange(8, 15)
CATALOGUE = load_catalogue()


def lift(name: str) -> Lift:
    found = CATALOGUE.find(name)
    assert found is not None
    return found.lift


def top_week(p: Prescription) -> Week:
    sets = tuple(LoggedSet(HYP.high, p.load_kg) for _ in range(p.sets))
    return Week(sessions=(SessionLog(date(2026, 12, 7), p.variation, sets),))


@pytest.mark.parametrize("exercise", [e.id for e in CATALOGUE.exercises])
def test_every_variation_of_every_exercise_has_a_load_spec_or_none(exercise: str) -> None:
    for variation in lift(exercise).variations:
        if variation.loaded:
            assert load_spec(variation, Unit.KG).step > 0
            assert load_spec(variation, Unit.LB).step > 0


def test_a_goblet_squat_that_outgrows_the_empty_bar_moves_to_the_barbell_squat() -> None:
    squat = lift("back squat")
    goblet = squat.rung("goblet")
    after = next_prescription(
        squat, Prescription(goblet, 18.0, 3, 15), HYP, Unit.KG, top_week(Prescription(goblet, 18.0, 3, 15))
    )
    assert after.prescription.variation == squat.rung("barbell")
    assert after.prescription.load_kg == 20.0
    assert after.reason.why is Why.TO_BARBELL


def test_split_squat_dumbbells_keep_adding_load_with_no_barbell_above() -> None:
    split = lift("split squat")
    p = Prescription(split.rung("dumbbell"), 24.0, 3, 15)
    after = next_prescription(split, p, HYP, Unit.KG, top_week(p))
    assert after.change is Change.LOAD
    assert after.prescription.variation == split.rung("dumbbell")
    assert after.prescription.load_kg == 26.0


def test_a_banded_pull_up_climbs_to_bodyweight_pull_ups() -> None:
    pull = lift("pull-up")
    p = Prescription(pull.rung("assisted"), None, 3, 15)
    after = next_prescription(pull, p, HYP, Unit.KG, top_week(p))
    assert after.prescription.variation == pull.rung("bodyweight")
    assert after.reason.why is Why.CLIMB


def test_the_hip_thrusts_single_leg_holds_at_the_top_of_the_ladder() -> None:
    hip = lift("hip thrust")
    p = Prescription(hip.rung("single-leg"), None, 3, 15)
    after = next_prescription(hip, p, HYP, Unit.KG, top_week(p))
    assert after.reason.why is Why.TOP_OF_LADDER


@pytest.mark.parametrize(
    ("exercise", "word", "variation"),
    [
        ("back squat", "dumbbell", "goblet"),
        ("bench press", "bodyweight", "push-up"),
        ("pull-up", "banded", "assisted"),
        ("barbell row", "machine", "cable"),
        ("hip thrust", "dumbbell", "dumbbell"),
        ("romanian deadlift", "single-leg", "single-leg"),
    ],
)
def test_a_variation_word_is_read_against_the_exercise(exercise: str, word: str, variation: str) -> None:
    found = lift(exercise).resolve(word)
    assert found is not None
    assert found.id == variation


def test_a_word_an_exercise_has_no_variation_for_resolves_to_nothing() -> None:
    assert lift("split squat").resolve("barbell") is None


def test_a_loaded_report_on_bodyweight_push_ups_is_the_dumbbell_press_below_the_bar() -> None:
    bench = lift("bench press")
    assert implied_variation(bench, bench.rung("push-up"), [16.0], Unit.KG) == bench.rung("dumbbell")
    assert implied_variation(bench, bench.rung("push-up"), [40.0], Unit.KG) == bench.rung("barbell")


def test_an_intermediate_pull_up_starts_on_the_declared_main_variation() -> None:
    pull = lift("pull-up")
    p, note = first_prescription(pull, JoinRequest(Level.INTERMEDIATE, None, None, None), Unit.KG, HYP, 3)
    assert p.variation == pull.rung("bodyweight")
    assert note is None


def test_a_beginner_on_a_lift_whose_first_rung_is_loaded_finds_their_load() -> None:
    press = lift("overhead press")
    p, note = first_prescription(press, JoinRequest(Level.BEGINNER, None, None, None), Unit.KG, HYP, 3)
    assert p.variation == press.rung("dumbbell")
    assert p.load_kg is None
    assert note is StartNote.FIND_YOUR_LOAD


def test_a_front_squat_ramps_up_from_the_empty_bar() -> None:
    squat = lift("back squat")
    plan = plan_session(Prescription(squat.rung("front"), 60.0, 3, 8), Unit.KG, "cue")
    assert plan.ramp[0].load == 20.0


def test_a_split_squat_prescription_counts_reps_each_side() -> None:
    assert lift("split squat").rung("bulgarian").each_side
