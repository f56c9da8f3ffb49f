"""Plain values the services hand to the views: no rows, no sessions, nothing lazy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.content.model import Exercise
from bot.domain import Goal, Level, RepRange, Unit
from bot.rules.lift import Variation
from bot.rules.membership import Prescription
from bot.rules.progression import Reason
from bot.rules.reports import LoggedSet
from bot.rules.schedule import Schedule
from bot.store.tables import ChangeRow, GroupRow, LogRow, MemberRow, TrackRow


@dataclass(frozen=True, slots=True)
class Program:
    goal: Goal
    reps: RepRange
    schedule: Schedule
    sets: int
    max_sets: int
    reminder_lead_min: int
    warmup_lead_min: int
    paused: bool
    removed: bool = False  # the platform refused a push here (the bot was removed or blocked)


@dataclass(frozen=True, slots=True)
class Member:
    """A member with their prescription on one exercise (the one a reply is about)."""

    name: str
    level: Level
    unit: Unit
    prescription: Prescription
    exercise: Exercise


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    day: date
    variation: Variation
    sets: tuple[LoggedSet, ...]
    rpe: float | None
    per_side: bool
    exercise: Exercise


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """A recorded change to a prescription: structured, or the English text of an old row."""

    member_name: str
    unit: Unit
    week: str
    by_coach: bool
    before: Prescription
    after: Prescription
    reason: Reason | None
    legacy_text: str = ""
    exercise: str = ""  # the exercise's name in a sentence
    exercise_id: str = "hip-thrust"


def program_of(group: GroupRow, exercise: Exercise) -> Program:
    return Program(
        goal=group.goal,
        reps=exercise.goal(group.goal).rep_range,
        schedule=group.schedule(),
        sets=group.sets,
        max_sets=group.max_sets,
        reminder_lead_min=group.reminder_lead_min,
        warmup_lead_min=group.warmup_lead_min,
        paused=group.paused,
        removed=group.removed_at is not None,
    )


def member_of(row: MemberRow, exercise: Exercise, track: TrackRow) -> Member:
    return Member(row.name, row.level, row.unit, track.prescription(exercise.lift), exercise)


def entry_of(row: LogRow, exercise: Exercise) -> LogEntry:
    variation = exercise.lift.rung(row.variation)
    return LogEntry(row.pk, row.day, variation, row.sets(), row.rpe, row.per_side, exercise)


def change_of(row: ChangeRow, member_name: str, unit: Unit, exercise: Exercise) -> ChangeEntry:
    lift = exercise.lift
    return ChangeEntry(
        member_name=member_name,
        unit=unit,
        week=row.week,
        by_coach=row.by_coach,
        before=ChangeRow.restore(row.before, lift),
        after=ChangeRow.restore(row.after, lift),
        reason=Reason.from_json(row.details) if row.details else None,
        legacy_text=row.reason,
        exercise=exercise.short_name,
        exercise_id=exercise.id,
    )
