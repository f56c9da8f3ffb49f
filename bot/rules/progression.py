"""Weekly progressive overload for one member: double progression, safely.

From the prescription, the goal's rep range and the week's logs, decide next week's
prescription and say why in one line. The rules, in order:

1. **Pain** reported this week, or a **coach hold**: hold everything.
2. **Nothing logged** on the prescribed variation: hold (the group summary nudges).
3. The week's result is its best session: the reps that *every* prescribed set reached, on sets
   at (or above) the prescribed load.
4. **Top of the range** on every set: one step up. Loaded variations add one load step (kg 2.5,
   lb 5; dumbbells 2 kg / 5 lb; machines 5 kg / 10 lb) and reps go back to the bottom. With set
   progression on, a set is added first (up to the program's maximum), then the load rises and
   the sets go back. Unloaded variations climb the ladder bodyweight → banded → dumbbell →
   barbell at the bottom of the range; a dumbbell that outgrows the empty bar becomes a barbell.
   Single-leg is a harder option the coach assigns: at its top it holds and says so.
5. **Target reached** on every set: target reps +1 (+2 in a range whose bottom is 15 or more),
   never past the top.
6. **Target missed**: hold; a second week running below target deloads about 10% (rounded to a
   step, at least one step, never below the lightest loadable weight) and resets reps to the
   bottom. Unloaded variations reset reps instead.

Only one of these happens in a week, so nothing ever rises more than one step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from bot.domain import RepRange, Unit
from bot.rules.lift import Lift, Variation
from bot.rules.loads import display_load, empty_bar, load_spec, round_to_step, to_kg
from bot.rules.membership import Prescription
from bot.rules.reports import LoggedSet

FIRST_HAND_WEIGHT = {Unit.KG: 10.0, Unit.LB: 25.0}
DELOAD_SHARE = 0.10
LOAD_TOLERANCE_KG = 0.25
MISSES_BEFORE_DELOAD = 2


class Change(StrEnum):
    LOAD = "load"
    SETS = "sets"
    REPS = "reps"
    VARIATION = "variation"
    DELOAD = "deload"
    HOLD = "hold"


class Why(StrEnum):
    """Why a prescription changed or held; `bot.views.reasons` says it in words."""

    PAIN = "pain"
    COACH_HOLD = "coach_hold"
    NOT_LOGGED = "not_logged"
    SKIPPED = "skipped"
    TARGET_UP = "target_up"
    MISSED_ONCE = "missed_once"
    MISSED_TWICE = "missed_twice"
    ADD_SET = "add_set"
    ADD_LOAD = "add_load"
    TO_BARBELL = "to_barbell"
    CLIMB = "climb"
    TOP_OF_LADDER = "top_of_ladder"
    LOADED_INSTEAD = "loaded_instead"
    COACH_SET = "coach_set"
    COACH_DELOAD = "coach_deload"


@dataclass(frozen=True, slots=True)
class Reason:
    """A change's cause with the numbers that explain it (JSON-safe: numbers and strings)."""

    why: Why
    values: dict[str, object] = field(default_factory=dict)
    # A deload's own outcome, when a deload is what the cause led to.
    deload: dict[str, object] | None = None

    def to_json(self) -> dict[str, object]:
        return {"why": self.why.value, "values": self.values, "deload": self.deload}

    @staticmethod
    def from_json(data: dict[str, object]) -> Reason:
        values = data.get("values")
        deload = data.get("deload")
        return Reason(
            Why(str(data["why"])),
            dict(values) if isinstance(values, dict) else {},
            dict(deload) if isinstance(deload, dict) else None,
        )


@dataclass(frozen=True, slots=True)
class SessionLog:
    """One logged session: the day, the variation done and its sets."""

    day: date
    variation: Variation
    sets: tuple[LoggedSet, ...]


@dataclass(frozen=True, slots=True)
class Week:
    """What the weekly rule needs to know about a member's week."""

    sessions: tuple[SessionLog, ...] = ()
    pain: bool = False
    coach_hold: bool = False
    misses_before: int = 0
    # Every session of the week was skipped in advance ("Skipping" under the reminder).
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class Progression:
    prescription: Prescription
    change: Change
    reason: Reason
    misses: int
    logged: bool = True


def next_prescription(
    lift: Lift,
    current: Prescription,
    reps: RepRange,
    unit: Unit,
    week: Week,
    *,
    max_sets: int | None = None,
) -> Progression:
    """Next week's prescription and the one-line reason (see the module docstring)."""
    if week.pain:
        return _hold(current, week, Reason(Why.PAIN))
    if week.coach_hold:
        return _hold(current, week, Reason(Why.COACH_HOLD))
    achieved = achieved_reps(current, week.sessions)
    if achieved is None and not current.variation.loaded:
        loaded = _loaded_instead(current, reps, unit, week.sessions)
        if loaded is not None:
            return loaded
    if achieved is None and week.skipped:  # said so in advance: a rest, not a miss
        return Progression(current, Change.HOLD, Reason(Why.SKIPPED), week.misses_before)
    if achieved is None:
        return Progression(
            current,
            Change.HOLD,
            Reason(Why.NOT_LOGGED, {"variation": current.variation.id}),
            week.misses_before,
            logged=False,
        )
    if achieved >= reps.high:
        return _top_of_range(lift, current, reps, unit, max_sets or current.sets)
    if achieved >= current.reps:
        step = 2 if reps.low >= 15 else 1
        target = min(reps.high, current.reps + step)
        return Progression(
            replace(current, reps=target),
            Change.REPS,
            Reason(Why.TARGET_UP, {"reps": current.reps, "best": achieved, "target": target}),
            0,
        )
    misses = week.misses_before + 1
    if misses < MISSES_BEFORE_DELOAD:
        return Progression(
            current,
            Change.HOLD,
            Reason(Why.MISSED_ONCE, {"reps": current.reps, "sets": current.sets}),
            misses,
        )
    return _deload(current, reps, unit, Reason(Why.MISSED_TWICE, {"reps": current.reps}))


def achieved_reps(current: Prescription, sessions: Iterable[SessionLog]) -> int | None:
    """Reps every prescribed set reached in the week's best session.

    None when the prescribed variation was not logged at all. Sets lighter than prescribed do
    not count, and missing sets count as zero reps, so a short or light session is a miss.
    """
    best: int | None = None
    for session in sessions:
        if session.variation != current.variation:
            continue
        qualifying = sorted((s.reps for s in session.sets if _at_prescribed_load(s, current)), reverse=True)
        session_reps = qualifying[current.sets - 1] if len(qualifying) >= current.sets else 0
        best = session_reps if best is None else max(best, session_reps)
    return best


def _loaded_instead(
    current: Prescription, reps: RepRange, unit: Unit, sessions: Iterable[SessionLog]
) -> Progression | None:
    """A member on an unloaded variation who trained with a load instead (a beginner who did
    "3x10 with 40 kilos") carries on from that load: the lightest load of their last loaded
    session, on its variation, at the bottom of the rep range."""
    loaded = [s for s in sessions if s.variation.loaded and any(x.load_kg for x in s.sets)]
    if not loaded:
        return None
    last = loaded[-1]
    load_kg = min(x.load_kg for x in last.sets if x.load_kg is not None)
    after = Prescription(last.variation, load_kg, current.sets, reps.low)
    values: dict[str, object] = {"variation": last.variation.id, "weight": load_kg, "unit": unit.value}
    return Progression(after, Change.VARIATION, Reason(Why.LOADED_INSTEAD, values), 0)


def deload(current: Prescription, reps: RepRange, unit: Unit, why: Reason) -> Progression:
    """A coach-ordered or rule-ordered deload (see rule 6)."""
    return _deload(current, reps, unit, why)


def _at_prescribed_load(logged: LoggedSet, current: Prescription) -> bool:
    if not current.variation.loaded or current.load_kg is None:
        return True
    return logged.load_kg is not None and logged.load_kg >= current.load_kg - LOAD_TOLERANCE_KG


def _hold(current: Prescription, week: Week, reason: Reason) -> Progression:
    return Progression(current, Change.HOLD, reason, week.misses_before)


def _top_of_range(
    lift: Lift, current: Prescription, reps: RepRange, unit: Unit, max_sets: int
) -> Progression:
    top: dict[str, object] = {"sets": current.sets, "top": reps.high}
    if current.sets < max_sets:
        return Progression(
            replace(current, sets=current.sets + 1),
            Change.SETS,
            Reason(Why.ADD_SET, {**top, "new_sets": current.sets + 1}),
            0,
        )
    sets = min(current.sets, max_sets)
    if current.variation.loaded and current.load_kg is not None:
        return _add_load(lift, current, reps, unit, sets, top)
    return _climb(lift, current, reps, unit, top)


def _add_load(
    lift: Lift, current: Prescription, reps: RepRange, unit: Unit, sets: int, top: dict[str, object]
) -> Progression:
    assert current.load_kg is not None
    spec = load_spec(current.variation, unit)
    shown = display_load(current.load_kg, current.variation, unit)
    heavier = shown + spec.step
    variation = current.variation
    bar = empty_bar(unit)
    barbell = lift.barbell_above(variation) if variation.loading in ("dumbbell", "kettlebell") else None
    if barbell is not None and heavier >= bar.minimum:
        variation, heavier = barbell, round_to_step(max(heavier, bar.minimum), bar)
        reason = Reason(Why.TO_BARBELL, {**top, "weight": heavier, "unit": unit.value})
        change = Change.VARIATION
    else:
        reason = Reason(Why.ADD_LOAD, {**top, "step": spec.step, "unit": unit.value, "low": reps.low})
        change = Change.LOAD
    after = Prescription(variation, to_kg(heavier, unit), sets, reps.low)
    return Progression(after, change, reason, 0)


def _climb(
    lift: Lift, current: Prescription, reps: RepRange, unit: Unit, top: dict[str, object]
) -> Progression:
    rung = lift.above(current.variation)
    if rung is None:
        return Progression(
            current,
            Change.HOLD,
            Reason(Why.TOP_OF_LADDER, {**top, "variation": current.variation.id}),
            0,
        )
    load: float | None = None
    if rung.loading in ("dumbbell", "kettlebell"):
        load = to_kg(FIRST_HAND_WEIGHT[unit], unit)
    elif rung.loaded:
        load = to_kg(load_spec(rung, unit).minimum, unit)
    after = Prescription(rung, load, current.sets, reps.low)
    reason = Reason(Why.CLIMB, {**top, "variation": rung.id, "low": reps.low})
    return Progression(after, Change.VARIATION, reason, 0)


def _deload(current: Prescription, reps: RepRange, unit: Unit, why: Reason) -> Progression:
    if not current.variation.loaded or current.load_kg is None:
        after = replace(current, reps=reps.low)
        return Progression(after, Change.DELOAD, replace(why, deload={"low": reps.low}), 0)
    spec = load_spec(current.variation, unit)
    shown = display_load(current.load_kg, current.variation, unit)
    lighter = min(round_to_step(shown * (1 - DELOAD_SHARE), spec), shown - spec.step)
    lighter = max(lighter, spec.minimum)
    after = Prescription(current.variation, to_kg(lighter, unit), current.sets, reps.low)
    outcome: dict[str, object] = {"weight": lighter, "unit": unit.value, "low": reps.low}
    return Progression(after, Change.DELOAD, replace(why, deload=outcome), 0)
