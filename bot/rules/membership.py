"""Reading `/join` and `/unit`, and a new member's first prescription."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain import Level, RepRange, Unit
from bot.rules.lift import Lift, Variation
from bot.rules.loads import LoadError, checked_kg, empty_bar
from bot.rules.problems import RuleError
from bot.rules.vocabulary import UNIT_WORDS, VARIATION_WORDS, read_load


class JoinError(RuleError):
    """Arguments `/join` or `/unit` cannot use; `bot.views.problems` says what would work."""


@dataclass(frozen=True, slots=True)
class JoinRequest:
    level: Level
    load: float | None
    unit: Unit | None
    variation: str | None  # a variation word (`bot.rules.vocabulary`), read against the lift


@dataclass(frozen=True, slots=True)
class Prescription:
    """What a member does each session: variation, load (kg, None when unloaded), sets × reps."""

    variation: Variation
    load_kg: float | None
    sets: int
    reps: int


def parse_unit(word: str) -> Unit:
    try:
        return UNIT_WORDS[word.strip().lower()]
    except KeyError:
        raise JoinError("not_a_unit", word=word) from None


def parse_join(text: str) -> JoinRequest:
    """Read `[level] [load] [unit] [variation]` in any order."""
    level: Level | None = None
    load: float | None = None
    unit: Unit | None = None
    variation: str | None = None
    for token in text.lower().split():
        found = read_load(token)
        if token in {lvl.value for lvl in Level}:
            level = Level(token)
        elif token in UNIT_WORDS:
            unit = UNIT_WORDS[token]
        elif token in VARIATION_WORDS:
            variation = VARIATION_WORDS[token]
        elif found is not None:
            load, unit = found[0], found[1] or unit
        else:
            raise JoinError("unknown_join_word", word=token)
    if level is None:
        level = Level.BEGINNER if load is None else Level.INTERMEDIATE
    return JoinRequest(level, load, unit, variation)


class StartNote(StrEnum):
    """Why a new member starts somewhere other than where they asked."""

    BEGINNER_ON_BODYWEIGHT = "beginner_on_bodyweight"
    LIGHTER_THAN_THE_BAR = "lighter_than_the_bar"
    FIND_YOUR_LOAD = "find_your_load"


def first_prescription(
    lift: Lift, request: JoinRequest, unit: Unit, reps: RepRange, sets: int
) -> tuple[Prescription, StartNote | None]:
    """A new member's starting point on `lift`, plus a note when Spotter chose something for them.

    Beginners learn the pattern on the lift's first rung whatever load they name (when that
    rung carries a load, they find theirs); everyone starts at the bottom of the goal's rep
    range. A barbell load too light for an empty bar moves to the lift's hand weights.
    """
    asked = lift.resolve(request.variation) if request.variation else None
    if request.level is Level.BEGINNER and (asked is None or asked == lift.start):
        start = lift.start
        if not start.loaded:
            note = StartNote.BEGINNER_ON_BODYWEIGHT if request.load is not None else None
            return Prescription(start, None, sets, reps.low), note
        return Prescription(start, None, sets, reps.low), StartNote.FIND_YOUR_LOAD
    variation = asked or lift.main
    if asked is None and not variation.loaded and request.load is not None:
        variation = lift.with_loading("barbell", "dumbbell", "kettlebell", "machine", "cable") or variation
    if not variation.loaded:
        return Prescription(variation, None, sets, reps.low), None
    if request.load is None:
        # No starting load: the member finds one in their first session (about two reps in
        # reserve at the rep target), and their first log sets it.
        return Prescription(variation, None, sets, reps.low), StartNote.FIND_YOUR_LOAD
    load_kg = _checked_load(request.load, unit)
    note = None
    hand_weight = lift.with_loading("dumbbell", "kettlebell")
    if variation.barbell and request.load < empty_bar(unit).minimum and hand_weight is not None:
        variation = hand_weight
        note = StartNote.LIGHTER_THAN_THE_BAR
    return Prescription(variation, load_kg, sets, reps.low), note


def _checked_load(value: float, unit: Unit) -> float:
    try:
        return checked_kg(value, unit)
    except LoadError as exc:
        raise JoinError(f"start_{exc.code}", **exc.params) from None
