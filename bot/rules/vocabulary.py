"""The words lifters use for units, variations and loads: one table for every parser."""

from __future__ import annotations

import re

from bot.domain import Unit

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

# Words for a variation or a way of loading one → the canonical word `bot.rules.lift.Lift.resolve`
# reads against an exercise (`db` on the squat is its goblet squat, `bw` on the bench a push-up).
VARIATION_WORDS: dict[str, str] = {
    "bw": "bodyweight",
    "bodyweight": "bodyweight",
    "band": "banded",
    "banded": "banded",
    "assisted": "assisted",
    "db": "dumbbell",
    "dumbbell": "dumbbell",
    "dumbbells": "dumbbell",
    "kettlebell": "dumbbell",
    "kb": "dumbbell",
    "goblet": "goblet",
    "machine": "machine",
    "cable": "cable",
    "pulldown": "pulldown",
    "barbell": "barbell",
    "bb": "barbell",
    "single-leg": "single-leg",
    "singleleg": "single-leg",
    "deficit": "deficit",
    "paused": "paused",
    "bulgarian": "bulgarian",
    "weighted": "weighted",
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


def variation_word(text: str) -> str | None:
    """`single leg`, `Single-Leg`, `kb`, `dumbbell hip thrust`, `goblet` → the canonical word (or
    the text itself when it is one word, to be matched against an exercise's own variation ids);
    None when it names no single variation."""
    words = text.strip().lower().replace("single leg", "single-leg").split()
    found = {VARIATION_WORDS[w] for w in words if w in VARIATION_WORDS}
    if len(found) == 1:
        return found.pop()
    return words[0] if len(words) == 1 and not found else None
