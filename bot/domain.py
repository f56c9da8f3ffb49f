"""Closed vocabularies of the coaching domain, shared by rules, storage and commands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Goal(StrEnum):
    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    ENDURANCE = "endurance"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Unit(StrEnum):
    KG = "kg"
    LB = "lb"


class PushKind(StrEnum):
    """What the bot says without being asked, each at its own time around a session."""

    REMINDER = "reminder"
    WARMUP = "warmup"
    NUDGE = "nudge"
    BUMP = "bump"


@dataclass(frozen=True, slots=True)
class RepRange:
    """Inclusive rep range of a goal, e.g. 8–15 for hypertrophy."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low}–{self.high}"


def choices(enum: type[StrEnum]) -> str:
    """List an enum's values the way error messages name them: `a|b|c`."""
    return "|".join(member.value for member in enum)
