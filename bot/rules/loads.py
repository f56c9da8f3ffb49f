"""Loads in real-world units: kg/lb conversion and rounding to weights a gym actually has.

Storage is always kilograms; members see their own unit, rounded to the nearest load they could
actually put on the bar, pick off the rack or pin on the stack.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.domain import Unit
from bot.rules.lift import Lift, Variation
from bot.rules.problems import RuleError

KG_PER_LB = 0.45359237
MAX_LOAD_KG = 500.0


@dataclass(frozen=True, slots=True)
class LoadSpec:
    """How a variation is loaded in one unit: the smallest jump and the lightest possible load."""

    step: float
    minimum: float


_BARBELL = {Unit.KG: LoadSpec(step=2.5, minimum=20.0), Unit.LB: LoadSpec(step=5.0, minimum=45.0)}
_DUMBBELL = {Unit.KG: LoadSpec(step=2.0, minimum=2.0), Unit.LB: LoadSpec(step=5.0, minimum=5.0)}
_KETTLEBELL = {Unit.KG: LoadSpec(step=4.0, minimum=4.0), Unit.LB: LoadSpec(step=5.0, minimum=10.0)}
_MACHINE = {Unit.KG: LoadSpec(step=5.0, minimum=5.0), Unit.LB: LoadSpec(step=10.0, minimum=10.0)}

# By declared loading (`bot.rules.lift`); unloaded kinds have no spec.
_SPECS: dict[str, dict[Unit, LoadSpec]] = {
    "barbell": _BARBELL,
    "dumbbell": _DUMBBELL,
    "kettlebell": _KETTLEBELL,
    "machine": _MACHINE,
    "cable": _MACHINE,
}


def implied_variation(lift: Lift, prescribed: Variation, loads_kg: list[float], unit: Unit) -> Variation:
    """The variation a report was done on when it names none: the prescribed one, unless that
    carries no load and the report does (a beginner's "3x10 with 40 kilos"): then the
    exercise's barbell from the empty bar up, its hand weights below it (or whichever of the
    two it has, else any loaded variation)."""
    if prescribed.loaded or not loads_kg:
        return prescribed
    empty_bar_kg = to_kg(_BARBELL[unit].minimum, unit)
    if max(loads_kg) >= empty_bar_kg - 1e-6:
        kinds = ("barbell", "dumbbell", "kettlebell", "machine", "cable")
    else:
        kinds = ("dumbbell", "kettlebell", "barbell", "machine", "cable")
    return lift.with_loading(*kinds) or prescribed


def load_spec(variation: Variation, unit: Unit) -> LoadSpec:
    """Raises KeyError for unloaded variations (bodyweight, band)."""
    return _SPECS[variation.loading][unit]


def empty_bar(unit: Unit) -> LoadSpec:
    """The barbell's spec: its minimum is the empty bar."""
    return _BARBELL[unit]


def to_kg(value: float, unit: Unit) -> float:
    return value if unit is Unit.KG else value * KG_PER_LB


def from_kg(kg: float, unit: Unit) -> float:
    return kg if unit is Unit.KG else kg / KG_PER_LB


def round_to_step(value: float, spec: LoadSpec, *, down: bool = False) -> float:
    """Round to a loadable weight; never below the variation's minimum."""
    steps = value / spec.step
    # The epsilon keeps 47.49999 (a kg→lb→kg round trip) from dropping a whole step.
    whole = math.floor(steps + 1e-9) if down else math.floor(steps + 0.5)
    return max(spec.minimum, whole * spec.step)


def display_load(kg: float, variation: Variation, unit: Unit) -> float:
    """The stored load as the member should see it: their unit, nearest loadable weight."""
    return round_to_step(from_kg(kg, unit), load_spec(variation, unit))


class LoadError(RuleError):
    """A load no one lifts: zero, negative, not a number, or beyond `MAX_LOAD_KG`."""


def checked_kg(value: float, unit: Unit) -> float:
    """`value` in `unit` as kilograms, refusing loads of zero or less and above the maximum."""
    kg = to_kg(value, unit)
    if not math.isfinite(kg) or kg <= 0:
        raise LoadError("load_not_positive")
    if kg > MAX_LOAD_KG:
        raise LoadError("load_too_heavy", value=value, unit=unit, max_kg=MAX_LOAD_KG)
    return kg
