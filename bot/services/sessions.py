"""A group's session as data: who does what today, for `/today` and the session pushes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.content.model import Exercise
from bot.rules.planning import SessionPlan, cue_of_the_day, plan_session
from bot.services.values import Member, Program, member_of, program_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow


@dataclass(frozen=True, slots=True)
class PlannedMember:
    member: Member
    plan: SessionPlan


@dataclass(frozen=True, slots=True)
class SessionDay:
    """A training day's session: the program, its start and every member's plan."""

    program: Program
    day: date
    start: datetime
    members: tuple[PlannedMember, ...]


@dataclass(frozen=True, slots=True)
class RestDay:
    day: date
    next_start: datetime
    timezone: str


@dataclass(frozen=True, slots=True)
class NudgeList:
    """After a session: who has not logged it yet, out of how many."""

    day: date
    missing: tuple[str, ...]
    total: int


async def today(tx: Tx, group: GroupRow, now: datetime, exercise: Exercise) -> SessionDay | RestDay:
    """The session on the group's local date, or when the next one is."""
    schedule = group.schedule()
    day = schedule.local_date(now)
    if not schedule.is_training_day(day):
        return RestDay(day, schedule.session_at(schedule.next_training_day(day)), schedule.timezone)
    return await session(tx, group, schedule.session_at(day), exercise)


async def session(tx: Tx, group: GroupRow, start: datetime, exercise: Exercise) -> SessionDay:
    """Every member's plan for the session starting at `start` (their cue of the day included)."""
    day = start.date()
    points = exercise.coaching_points()
    lift = exercise.lift
    members = tuple(
        PlannedMember(
            member_of(row, lift),
            plan_session(row.prescription(lift), row.unit, cue_of_the_day(points, day, index)),
        )
        for index, row in enumerate(await tx.members(group))
    )
    return SessionDay(program_of(group, exercise), day, start, members)


async def nudge_list(tx: Tx, group: GroupRow, day: date) -> NudgeList:
    members = await tx.members(group)
    missing = [m.name for m in members if not await tx.logged_on(m, day)]
    return NudgeList(day, tuple(missing), len(members))
