"""The public table of set reports and what Spotter makes of them.

Each row: what a lifter typed, the member's default unit, and either the report expected or
the start of the refusal's reason. `bench/parser.py` times the parser over the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import Unit
from bot.rules.loads import KG_PER_LB
from bot.rules.reports import LoggedSet, Report
from tests.lifts import HT, Variation

LB = KG_PER_LB


def ok(
    *runs: tuple[int, int, float | None],
    rpe: float | None = None,
    variation: Variation | None = None,
    per_side: bool = False,
) -> Report:
    """`ok((3, 10, 60.0))` is three sets of ten at 60 kg."""
    sets = tuple(LoggedSet(reps, load) for count, reps, load in runs for _ in range(count))
    return Report(sets, rpe, variation.id if variation else None, per_side)


@dataclass(frozen=True)
class Refused:
    reason: str


KG, POUNDS = Unit.KG, Unit.LB
BW = HT.BODYWEIGHT

CASES: list[tuple[str, Unit, Report | Refused]] = [
    # The forms in DESIGN.md
    ("3x10 @ 60kg", KG, ok((3, 10, 60.0))),
    ("3x10x60", KG, ok((3, 10, 60.0))),
    ("60kg 3x10", KG, ok((3, 10, 60.0))),
    ("60 x 10 x 3", KG, ok((3, 10, 60.0))),
    ("10,10,8 @ 60", KG, ok((2, 10, 60.0), (1, 8, 60.0))),
    ("10/10/8 at 135lb", KG, ok((2, 10, 135 * LB), (1, 8, 135 * LB))),
    ("4 sets of 8 at 100 lbs", KG, ok((4, 8, 100 * LB))),
    ("bw 3x15", KG, ok((3, 15, None), variation=BW)),
    ("3x12 bodyweight", KG, ok((3, 12, None), variation=BW)),
    ("5x5 @ 100 rpe 8", KG, ok((5, 5, 100.0), rpe=8.0)),
    ("did 3 sets of 12 with a 20kg dumbbell", KG, ok((3, 12, 20.0), variation=HT.DUMBBELL)),
    ("single leg 3x10 each side", KG, ok((3, 10, None), variation=HT.SINGLE_LEG, per_side=True)),
    # Multiplication signs and spacing
    ("3×10 @ 60kg", KG, ok((3, 10, 60.0))),
    ("3X10 @ 60KG", KG, ok((3, 10, 60.0))),
    ("3 x 10 @ 60 kg", KG, ok((3, 10, 60.0))),
    ("3x10@60", KG, ok((3, 10, 60.0))),
    ("3*10 @ 60", KG, ok((3, 10, 60.0))),
    # Prepositions
    ("3x10 at 60kg", KG, ok((3, 10, 60.0))),
    ("3x10 with 60kg", KG, ok((3, 10, 60.0))),
    ("3x10 w/ 60kg", KG, ok((3, 10, 60.0))),
    ("3x10 60kg", KG, ok((3, 10, 60.0))),
    # Decimals, comma decimals and units
    ("3x10 @ 62.5kg", KG, ok((3, 10, 62.5))),
    ("3x10 @ 60,5kg", KG, ok((3, 10, 60.5))),
    ("60,5kg 3x10", KG, ok((3, 10, 60.5))),
    ("3 x 10 @ 60,5", KG, ok((3, 10, 60.5))),
    ("3x10 @ 60 kgs", KG, ok((3, 10, 60.0))),
    ("3x10 @ 60 kilos", KG, ok((3, 10, 60.0))),
    ("3x10 @ 60 kilo", KG, ok((3, 10, 60.0))),
    ("3x10 @ 135 lbs", KG, ok((3, 10, 135 * LB))),
    ("3x10 @ 135 pounds", KG, ok((3, 10, 135 * LB))),
    ("3x10 @ 135 pound", KG, ok((3, 10, 135 * LB))),
    ("3x10 @ 135", POUNDS, ok((3, 10, 135 * LB))),
    ("3x10 @ 60kg", POUNDS, ok((3, 10, 60.0))),
    # Rep lists
    ("10,10,8", KG, ok((2, 10, None), (1, 8, None))),
    ("8-8-7 @ 60", KG, ok((2, 8, 60.0), (1, 7, 60.0))),
    ("8 8 8 @ 60", KG, ok((3, 8, 60.0))),
    ("10, 10, 8 @ 60kg", KG, ok((2, 10, 60.0), (1, 8, 60.0))),
    ("12/10/8/6 @ 80kg", KG, ok((1, 12, 80.0), (1, 10, 80.0), (1, 8, 80.0), (1, 6, 80.0))),
    # Multi-part reports and weight × reps pairs
    ("2x10 @ 60, 1x8 @ 65", KG, ok((2, 10, 60.0), (1, 8, 65.0))),
    ("2x10 @ 60kg; 1x8 @ 65kg", KG, ok((2, 10, 60.0), (1, 8, 65.0))),
    ("60x10, 70x8", KG, ok((1, 10, 60.0), (1, 8, 70.0))),
    ("60kg x 10, 70kg x 8, 80kg x 6", KG, ok((1, 10, 60.0), (1, 8, 70.0), (1, 6, 80.0))),
    ("135x5x3 lb", KG, ok((3, 5, 135 * LB))),
    ("100 x 5 x 5", KG, ok((5, 5, 100.0))),
    ("3x10 @ 60 then 1x12 @ 50", KG, ok((3, 10, 60.0), (1, 12, 50.0))),
    # Words and chatter
    ("three sets of ten", KG, ok((3, 10, None))),
    ("four sets of eight at sixty kg", KG, ok((4, 8, 60.0))),
    ("3 sets x 10 reps @ 60kg", KG, ok((3, 10, 60.0))),
    ("10 reps @ 60kg", KG, ok((1, 10, 60.0))),
    ("✅ did 3x10 @ 60kg today 🔥", KG, ok((3, 10, 60.0))),
    ("Hip thrusts done! 3x10 @ 60kg, felt strong 💪", KG, ok((3, 10, 60.0))),
    ("just did 5x5 with 100kg", KG, ok((5, 5, 100.0))),
    # Hints
    ("banded 3x20", KG, ok((3, 20, None), variation=HT.BANDED)),
    ("kb 3x12 @ 24kg", KG, ok((3, 12, 24.0), variation=HT.DUMBBELL)),
    ("machine 3x10 @ 80kg", KG, ok((3, 10, 80.0), variation=HT.MACHINE)),
    ("deficit 3x8 @ 70kg", KG, ok((3, 8, 70.0), variation=HT.DEFICIT)),
    ("single-leg 3x12 per side", KG, ok((3, 12, None), variation=HT.SINGLE_LEG, per_side=True)),
    ("1 leg 3x10 per leg", KG, ok((3, 10, None), variation=HT.SINGLE_LEG, per_side=True)),
    ("body weight 2x20", KG, ok((2, 20, None), variation=BW)),
    ("5x5 @ 100 rpe 8.5", KG, ok((5, 5, 100.0), rpe=8.5)),
    ("5x5 @ 100kg @rpe 9", KG, ok((5, 5, 100.0), rpe=9.0)),
    # A unit after weight × reps names the load's unit, in either order
    ("95x12 lb", KG, ok((1, 12, 95 * LB))),
    ("12 x 95 lbs", KG, ok((1, 12, 95 * LB))),
    ("8x100kg", POUNDS, ok((1, 8, 100.0))),
    # A bare load right after sets × reps
    ("5x5 315", POUNDS, ok((5, 5, 315 * LB))),
    ("3x8 62.5 felt good", KG, ok((3, 8, 62.5))),
    # Load for reps
    ("315 for 3", POUNDS, ok((1, 3, 315 * LB))),
    ("100kg for 5x5", POUNDS, ok((5, 5, 100.0))),
    ("225 for 5,5,4", POUNDS, ok((2, 5, 225 * LB), (1, 4, 225 * LB))),
    ("140 for 3 sets of 8", KG, ok((3, 8, 140.0))),
    ("315 for 3 lb", KG, ok((1, 3, 315 * LB))),
    # A load per set
    ("8/6/4 @ 70/80/90", KG, ok((1, 8, 70.0), (1, 6, 80.0), (1, 4, 90.0))),
    ("10,8,6 at 135/155/175 lb", KG, ok((1, 10, 135 * LB), (1, 8, 155 * LB), (1, 6, 175 * LB))),
    # Reps in reserve, as RPE
    ("3x10 @ 60 rir 2", KG, ok((3, 10, 60.0), rpe=8.0)),
    ("5x5 @ 100kg 1 rir", KG, ok((5, 5, 100.0), rpe=9.0)),
    # Reps before sets, `by`, the pound sign, per arm
    ("10 reps @ 60kg x 3 sets", KG, ok((3, 10, 60.0))),
    ("10 reps x 3 sets", KG, ok((3, 10, None))),
    ("3 by 10 at 60", KG, ok((3, 10, 60.0))),
    ("3 x 8 @ 135#", KG, ok((3, 8, 135 * LB))),
    ("3x12 ea side", KG, ok((3, 12, None), per_side=True)),
    ("db row 3x10 each arm @ 30", KG, ok((3, 10, 30.0), variation=HT.DUMBBELL, per_side=True)),
    # Labelled sets, sets then a rep list, plus signs, rounds, a second @ as RPE
    ("Set 1: 10 @ 60, set 2: 8 @ 65", KG, ok((1, 10, 60.0), (1, 8, 65.0))),
    ("did my hip thrusts: 3 sets, 10 reps, 60kg", KG, ok((3, 10, 60.0))),
    ("3 sets: 10, 9, 8 @ 60kg", KG, ok((1, 10, 60.0), (1, 9, 60.0), (1, 8, 60.0))),
    ("10+10+8 @ 60", KG, ok((2, 10, 60.0), (1, 8, 60.0))),
    ("3 rounds of 10 @ 60", KG, ok((3, 10, 60.0))),
    ("AMRAP 15 @ 40", KG, ok((1, 15, 40.0))),
    ("3x10 @ 60kg @8", KG, ok((3, 10, 60.0), rpe=8.0)),
    ("meet @ 7", KG, Refused("I didn't find any sets")),
    # Refusals
    ("3x10 @ nan", KG, Refused("a report needs real numbers")),
    ("inf x 10", KG, Refused("a report needs real numbers")),
    ("8/6/4 @ 70/80", KG, Refused("2 loads for 3 sets")),
    ("3x10 @ 60 rir 12", KG, Refused("12 reps in reserve is outside 0–9")),
    ("hello", KG, Refused("I didn't find any sets")),
    ("see you at 6", KG, Refused("I didn't find any sets")),
    ("", KG, Refused("I didn't find any sets")),
    ("3x0 @ 60", KG, Refused("0 reps is outside 1–100")),
    ("3x101", KG, Refused("101 reps is outside 1–100")),
    ("25x10 @ 60", KG, Refused("25 sets is more than 20")),
    ("3x10 @ 600kg", KG, Refused("600 kg is more than 500 kg")),
    ("3x10 @ 1200 lb", KG, Refused("1200 lb is more than 500 kg")),
    ("3x10 @ 0kg", KG, Refused("a load must be more than zero")),
    ("3x10 @ -5kg", KG, Refused("numbers in a report can't be negative")),
    ("3x10 @ 60 rpe 11", KG, Refused("RPE 11 is outside 1–10")),
    ("3.5x10", KG, Refused("3.5 sets is not a whole number")),
    ("60kg", KG, Refused("I didn't find any sets")),
    ("3x10 @ 60 @ 70", KG, Refused("I found a load without sets")),
    ("x" * 4097, KG, Refused("that message is over 4096 characters")),
]
