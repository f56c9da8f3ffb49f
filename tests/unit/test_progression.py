from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import RepRange, Unit
from bot.rules.loads import display_load, load_spec, to_kg
from bot.rules.membership import Prescription
from bot.rules.progression import Change, SessionLog, Week, Why, achieved_reps, next_prescription
from bot.rules.reports import LoggedSet
from tests.lifts import HIP, HT, Variation

HYP = RepRange(8, 15)
END = RepRange(15, 25)
MONDAY = date(2026, 12, 7)


def barbell(load: float = 60.0, reps: int = 8, sets: int = 3) -> Prescription:
    return Prescription(HT.BARBELL, load, sets, reps)


def week_of(
    *sessions: list[int], load: float | None = 60.0, variation: Variation = HT.BARBELL, **kw: object
) -> Week:
    logs = tuple(SessionLog(MONDAY, variation, tuple(LoggedSet(r, load) for r in reps)) for reps in sessions)
    return Week(sessions=logs, **kw)  # type: ignore[arg-type]


RULES = [
    # (name, prescription, range, unit, week, expected prescription, change)
    (
        "top of range adds a kg step and resets reps",
        barbell(60, 12),
        HYP,
        Unit.KG,
        week_of([15, 15, 15]),
        barbell(62.5, 8),
        Change.LOAD,
    ),
    (
        "top of range adds five pounds",
        barbell(to_kg(135, Unit.LB), 12),
        HYP,
        Unit.LB,
        week_of([15, 15, 15], load=to_kg(135, Unit.LB)),
        barbell(to_kg(140, Unit.LB), 8),
        Change.LOAD,
    ),
    (
        "target met adds one rep",
        barbell(60, 8),
        HYP,
        Unit.KG,
        week_of([9, 8, 8]),
        barbell(60, 9),
        Change.REPS,
    ),
    (
        "target met in the endurance range adds two reps",
        barbell(40, 15),
        END,
        Unit.KG,
        week_of([16, 15, 15], load=40),
        barbell(40, 17),
        Change.REPS,
    ),
    (
        "reps never pass the top of the range",
        barbell(60, 14),
        HYP,
        Unit.KG,
        week_of([14, 14, 14]),
        barbell(60, 15),
        Change.REPS,
    ),
    ("a first miss holds", barbell(60, 10), HYP, Unit.KG, week_of([10, 9, 8]), barbell(60, 10), Change.HOLD),
    (
        "a second miss in a row deloads ten percent",
        barbell(60, 10),
        HYP,
        Unit.KG,
        week_of([10, 9, 8], misses_before=1),
        barbell(55, 8),
        Change.DELOAD,
    ),
    (
        "the best session of the week counts",
        barbell(60, 10),
        HYP,
        Unit.KG,
        week_of([9, 9, 9], [10, 10, 11]),
        barbell(60, 11),
        Change.REPS,
    ),
    (
        "a short session is a miss",
        barbell(60, 8),
        HYP,
        Unit.KG,
        week_of([12, 12]),
        barbell(60, 8),
        Change.HOLD,
    ),
    (
        "sets lighter than prescribed do not count",
        barbell(60, 8),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], load=50.0),
        barbell(60, 8),
        Change.HOLD,
    ),
    ("nothing logged holds", barbell(60, 8), HYP, Unit.KG, Week(), barbell(60, 8), Change.HOLD),
    (
        "another variation logged holds",
        barbell(60, 8),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], variation=HT.MACHINE),
        barbell(60, 8),
        Change.HOLD,
    ),
    (
        "pain holds even at the top",
        barbell(60, 12),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], pain=True),
        barbell(60, 12),
        Change.HOLD,
    ),
    (
        "a coach hold holds",
        barbell(60, 12),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], coach_hold=True),
        barbell(60, 12),
        Change.HOLD,
    ),
    (
        "bodyweight at the top moves up to banded",
        Prescription(HT.BODYWEIGHT, None, 3, 15),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], load=None, variation=HT.BODYWEIGHT),
        Prescription(HT.BANDED, None, 3, 8),
        Change.VARIATION,
    ),
    (
        "banded at the top moves up to a 10 kg dumbbell",
        Prescription(HT.BANDED, None, 3, 15),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], load=None, variation=HT.BANDED),
        Prescription(HT.DUMBBELL, 10.0, 3, 8),
        Change.VARIATION,
    ),
    (
        "dumbbells climb by 2 kg",
        Prescription(HT.DUMBBELL, 12.0, 3, 15),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], load=12.0, variation=HT.DUMBBELL),
        Prescription(HT.DUMBBELL, 14.0, 3, 8),
        Change.LOAD,
    ),
    (
        "an outgrown dumbbell becomes the barbell",
        Prescription(HT.DUMBBELL, 18.0, 3, 15),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], load=18.0, variation=HT.DUMBBELL),
        Prescription(HT.BARBELL, 20.0, 3, 8),
        Change.VARIATION,
    ),
    (
        "single-leg at the top holds and suggests",
        Prescription(HT.SINGLE_LEG, None, 3, 15),
        HYP,
        Unit.KG,
        week_of([15, 15, 15], load=None, variation=HT.SINGLE_LEG),
        Prescription(HT.SINGLE_LEG, None, 3, 15),
        Change.HOLD,
    ),
    (
        "an unloaded deload resets reps",
        Prescription(HT.BANDED, None, 3, 12),
        HYP,
        Unit.KG,
        week_of([9, 9, 9], load=None, variation=HT.BANDED, misses_before=1),
        Prescription(HT.BANDED, None, 3, 8),
        Change.DELOAD,
    ),
    (
        "a deload never goes below the empty bar",
        barbell(20, 10),
        HYP,
        Unit.KG,
        week_of([5, 5, 5], load=20.0, misses_before=1),
        barbell(20, 8),
        Change.DELOAD,
    ),
]


@pytest.mark.parametrize(
    ("name", "before", "reps", "unit", "week", "after", "change"), RULES, ids=[r[0] for r in RULES]
)
def test_progression_rule(
    name: str,
    before: Prescription,
    reps: RepRange,
    unit: Unit,
    week: Week,
    after: Prescription,
    change: Change,
) -> None:
    result = next_prescription(HIP, before, reps, unit, week)
    assert result.change is change
    assert result.prescription.variation is after.variation
    assert (result.prescription.sets, result.prescription.reps) == (after.sets, after.reps)
    assert result.prescription.load_kg == pytest.approx(after.load_kg)
    assert result.reason


def test_set_progression_adds_a_set_before_load() -> None:
    result = next_prescription(HIP, barbell(60, 15), HYP, Unit.KG, week_of([15, 15, 15]), max_sets=5)
    assert (result.change, result.prescription.sets, result.prescription.load_kg) == (Change.SETS, 4, 60)


def test_at_the_most_sets_the_load_rises_and_sets_stay() -> None:
    result = next_prescription(HIP, barbell(60, 15, sets=5), HYP, Unit.KG, week_of([15] * 5), max_sets=5)
    assert (result.change, result.prescription.sets, result.prescription.load_kg) == (Change.LOAD, 5, 62.5)


def test_a_miss_counts_towards_a_deload_and_success_resets_it() -> None:
    assert next_prescription(HIP, barbell(60, 10), HYP, Unit.KG, week_of([8, 8, 8])).misses == 1
    assert (
        next_prescription(HIP, barbell(60, 10), HYP, Unit.KG, week_of([10, 10, 10], misses_before=1)).misses
        == 0
    )


def test_pain_does_not_reset_the_miss_count() -> None:
    assert next_prescription(HIP, barbell(60, 10), HYP, Unit.KG, Week(pain=True, misses_before=1)).misses == 1


def test_a_week_skipped_in_advance_holds_as_a_rest_not_a_miss() -> None:
    result = next_prescription(HIP, barbell(60, 10), HYP, Unit.KG, Week(skipped=True, misses_before=1))
    assert (result.change, result.reason.why, result.misses, result.logged) == (
        Change.HOLD,
        Why.SKIPPED,
        1,
        True,
    )


def test_sets_logged_in_a_skipped_week_still_count() -> None:
    result = next_prescription(
        HIP, barbell(60, 10), HYP, Unit.KG, Week(week_of([11, 11, 11]).sessions, skipped=True)
    )
    assert result.change is Change.REPS


def test_achieved_reps_is_the_weakest_of_the_prescribed_sets() -> None:
    assert achieved_reps(barbell(60, 8), week_of([12, 10, 9, 6]).sessions) == 9


# Properties


units = st.sampled_from(list(Unit))
loaded = st.sampled_from([HT.BARBELL, HT.DUMBBELL, HT.MACHINE, HT.DEFICIT])
variations = st.sampled_from(HIP.variations)
ranges = st.sampled_from([RepRange(3, 6), HYP, END])


@st.composite
def situations(draw: st.DrawFn) -> tuple[Prescription, RepRange, Unit, Week]:
    unit, reps, variation = draw(units), draw(ranges), draw(variations)
    load: float | None = None
    if variation.loaded:
        spec = load_spec(variation, unit)
        load = to_kg(spec.minimum + spec.step * draw(st.integers(0, 80)), unit)
    target = draw(st.integers(reps.low, reps.high))
    sets = draw(st.integers(3, 5))
    sessions = tuple(
        SessionLog(
            MONDAY,
            draw(st.sampled_from([variation, variation, HT.BODYWEIGHT])),
            tuple(
                LoggedSet(
                    draw(st.integers(1, 30)),
                    None if load is None else load * draw(st.sampled_from([0.9, 1.0, 1.1])),
                )
                for _ in range(draw(st.integers(0, 6)))
            ),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    week = Week(
        sessions,
        pain=draw(st.booleans()),
        coach_hold=draw(st.booleans()),
        misses_before=draw(st.integers(0, 1)),
    )
    return Prescription(variation, load, sets, target), reps, unit, week


@given(situations())
def test_a_load_never_rises_more_than_one_step_in_a_week(
    case: tuple[Prescription, RepRange, Unit, Week],
) -> None:
    before, reps, unit, week = case
    after = next_prescription(HIP, before, reps, unit, week, max_sets=5).prescription
    if before.load_kg is None or after.load_kg is None:
        return
    shown_before = display_load(before.load_kg, before.variation, unit)
    shown_after = display_load(after.load_kg, after.variation, unit)
    assert shown_after - shown_before <= load_spec(after.variation, unit).step + 1e-9


@given(situations())
def test_a_pain_week_never_raises_anything(case: tuple[Prescription, RepRange, Unit, Week]) -> None:
    before, reps, unit, week = case
    after = next_prescription(
        HIP, before, reps, unit, Week(week.sessions, pain=True, misses_before=week.misses_before)
    )
    assert after.prescription == before


@given(situations())
def test_a_deload_never_goes_below_the_first_loadable_step(
    case: tuple[Prescription, RepRange, Unit, Week],
) -> None:
    before, reps, unit, week = case
    after = next_prescription(HIP, before, reps, unit, week).prescription
    if after.load_kg is not None:
        spec = load_spec(after.variation, unit)
        assert display_load(after.load_kg, after.variation, unit) >= spec.minimum


@given(situations())
def test_reps_stay_inside_the_goals_range(case: tuple[Prescription, RepRange, Unit, Week]) -> None:
    before, reps, unit, week = case
    after = next_prescription(HIP, before, reps, unit, week, max_sets=5).prescription
    assert reps.low <= after.reps <= reps.high


@given(situations())
def test_only_one_thing_changes_in_a_week(case: tuple[Prescription, RepRange, Unit, Week]) -> None:
    before, reps, unit, week = case
    after = next_prescription(HIP, before, reps, unit, week, max_sets=5).prescription
    load_up = (after.load_kg or 0) > (before.load_kg or 0) + 1e-9
    sets_up = after.sets > before.sets
    assert not (load_up and sets_up)
