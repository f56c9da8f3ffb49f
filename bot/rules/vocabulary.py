"""The words lifters use for units, variations and loads: one table for every parser."""

from __future__ import annotations

import re

from bot.domain import Unit, Variation

UNIT_WORDS: dict[str, Unit] = {
    "kg": Unit.KG,
    "kgs": Unit.KG,
    "kilo": Unit.KG,
    "kilos": Unit.KG,
    "kilogram": Unit.KG,
    "kilograms": Unit.KG,
    "lb": Unit.LB,
    "lbs": Unit.LB,
    "pound": Unit.LB,
    "pounds": Unit.LB,
}

VARIATION_WORDS: dict[str, Variation] = {
    "bw": Variation.BODYWEIGHT,
    "bodyweight": Variation.BODYWEIGHT,
    "band": Variation.BANDED,
    "banded": Variation.BANDED,
    "db": Variation.DUMBBELL,
    "dumbbell": Variation.DUMBBELL,
    "dumbbells": Variation.DUMBBELL,
    "kettlebell": Variation.DUMBBELL,
    "kb": Variation.DUMBBELL,
    "machine": Variation.MACHINE,
    "barbell": Variation.BARBELL,
    "bb": Variation.BARBELL,
    "single-leg": Variation.SINGLE_LEG,
    "singleleg": Variation.SINGLE_LEG,
    "deficit": Variation.DEFICIT,
}

# At most six digits before the decimal point: bounded before any conversion to float.
_LOAD = re.compile(r"^(?P<num>[0-9]{1,6}(?:[.,][0-9]{1,6})?)\s*(?P<unit>[a-z]+)?$", re.IGNORECASE)


def read_load(token: str) -> tuple[float, Unit | None] | None:
    """`60kg`, `62,5`, `135lbs` → (value, unit or None); None when the token is not a load.

    A word after the number that is not a unit makes it no load at all (`60x`), so callers can
    report the token as unknown.
    """
    match = _LOAD.match(token.strip())
    if not match:
        return None
    unit = UNIT_WORDS.get(match["unit"].lower()) if match["unit"] else None
    if match["unit"] and unit is None:
        return None
    return float(match["num"].replace(",", ".")), unit


def variation_from_word(text: str) -> Variation | None:
    """`single leg`, `Single-Leg`, `kb`, `dumbbell hip thrust` → the variation, else None."""
    words = text.strip().lower().replace("hip thrust", "").replace("single leg", "single-leg").split()
    found = {VARIATION_WORDS[w] for w in words if w in VARIATION_WORDS}
    return found.pop() if len(found) == 1 else None
