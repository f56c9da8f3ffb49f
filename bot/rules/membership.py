"""Reading `/join` and `/unit`, and a new member's first prescription."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.domain import Level, RepRange, Unit, Variation, choices
from bot.rules.loads import MAX_LOAD_KG, is_loaded, load_spec, to_kg

JOIN_USAGE = "/join beginner · /join intermediate 60kg · /join advanced 135 lb"

_UNIT_WORDS = {
    "kg": Unit.KG,
    "kgs": Unit.KG,
    "kilo": Unit.KG,
    "kilos": Unit.KG,
    "lb": Unit.LB,
    "lbs": Unit.LB,
    "pound": Unit.LB,
    "pounds": Unit.LB,
}
_VARIATION_WORDS = {
    "bw": Variation.BODYWEIGHT,
    "bodyweight": Variation.BODYWEIGHT,
    "band": Variation.BANDED,
    "banded": Variation.BANDED,
    "db": Variation.DUMBBELL,
    "dumbbell": Variation.DUMBBELL,
    "kettlebell": Variation.DUMBBELL,
    "kb": Variation.DUMBBELL,
    "machine": Variation.MACHINE,
    "barbell": Variation.BARBELL,
    "bb": Variation.BARBELL,
    "single-leg": Variation.SINGLE_LEG,
    "singleleg": Variation.SINGLE_LEG,
    "deficit": Variation.DEFICIT,
}
_LOAD = re.compile(r"^(?P<num>\d+(?:[.,]\d+)?)(?P<unit>[a-z]+)?$", re.IGNORECASE)


class JoinError(ValueError):
    """Arguments `/join` cannot use; the message says what would work."""


@dataclass(frozen=True, slots=True)
class JoinRequest:
    level: Level
    load: float | None
    unit: Unit | None
    variation: Variation | None


@dataclass(frozen=True, slots=True)
class Prescription:
    """What a member does each session: variation, load (kg, None when unloaded), sets × reps."""

    variation: Variation
    load_kg: float | None
    sets: int
    reps: int


def variation_from_word(text: str) -> Variation | None:
    """`single leg`, `Single-Leg`, `kb`, `dumbbell hip thrust` → the variation, else None."""
    words = text.strip().lower().replace("hip thrust", "").replace("single leg", "single-leg").split()
    found = {_VARIATION_WORDS[w] for w in words if w in _VARIATION_WORDS}
    return found.pop() if len(found) == 1 else None


def parse_unit(word: str) -> Unit:
    try:
        return _UNIT_WORDS[word.strip().lower()]
    except KeyError:
        raise JoinError(f"{word!r} is not a unit; use {choices(Unit)}") from None


def parse_join(text: str) -> JoinRequest:
    """Read `[level] [load] [unit] [variation]` in any order."""
    level: Level | None = None
    load: float | None = None
    unit: Unit | None = None
    variation: Variation | None = None
    for token in text.lower().split():
        match = _LOAD.match(token)
        if token in {lvl.value for lvl in Level}:
            level = Level(token)
        elif token in _UNIT_WORDS:
            unit = _UNIT_WORDS[token]
        elif token in _VARIATION_WORDS:
            variation = _VARIATION_WORDS[token]
        elif match:
            load = float(match["num"].replace(",", "."))
            if match["unit"]:
                unit = parse_unit(match["unit"])
        else:
            raise JoinError(
                f"I don't know {token!r}. Levels are {choices(Level)}; "
                f"a load looks like 60kg or 135 lb. Try {JOIN_USAGE}"
            )
    if level is None:
        level = Level.BEGINNER if load is None else Level.INTERMEDIATE
    return JoinRequest(level, load, unit, variation)


def first_prescription(
    request: JoinRequest, unit: Unit, reps: RepRange, sets: int
) -> tuple[Prescription, str | None]:
    """A new member's starting point, plus a note when Spotter chose something for them.

    Beginners learn the pattern on bodyweight whatever load they name; everyone starts at the
    bottom of the goal's rep range. A load too light for an empty bar moves to dumbbells.
    """
    if request.level is Level.BEGINNER and request.variation in (None, Variation.BODYWEIGHT):
        note = (
            "Beginners start on the bodyweight hip thrust to learn the pattern."
            if request.load is not None
            else None
        )
        return Prescription(Variation.BODYWEIGHT, None, sets, reps.low), note
    variation = request.variation or Variation.BARBELL
    if not is_loaded(variation):
        return Prescription(variation, None, sets, reps.low), None
    if request.load is None:
        raise JoinError(
            f"Tell me your starting load for the {variation.value} hip thrust, e.g. "
            f"/join {request.level.value} 60kg"
        )
    load_kg = _checked_load(request.load, unit)
    note = None
    if variation is Variation.BARBELL and request.load < load_spec(variation, unit).minimum:
        variation = Variation.DUMBBELL
        note = "That's lighter than an empty barbell, so you start with a dumbbell."
    return Prescription(variation, load_kg, sets, reps.low), note


def _checked_load(value: float, unit: Unit) -> float:
    kg = to_kg(value, unit)
    if not math.isfinite(kg) or kg <= 0:
        raise JoinError("A starting load must be more than zero.")
    if kg > MAX_LOAD_KG:
        raise JoinError(f"{value:g} {unit.value} is beyond {MAX_LOAD_KG:g} kg; check the number.")
    return kg
