"""A group's session as data: who does what today, for `/today` and the session pushes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise
from bot.rules.loads import to_kg
from bot.rules.planning import SessionPlan, bar_order, cue_of_the_day, plan_session
from bot.services import lifts
from bot.services.values import Member, Program, member_of, program_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow


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
    members: tuple[PlannedMember, ...]  # one per member and exercise, member by member
    exercises: tuple[Exercise, ...] = ()  # the day's exercises, in order


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


async def today(tx: Tx, group: GroupRow, now: datetime, catalogue: Catalogue) -> SessionDay | RestDay:
    """The session on the group's local date, or when the next one is."""
    schedule = group.schedule()
    day = schedule.local_date(now)
    if not schedule.is_training_day(day):
        return RestDay(day, schedule.session_at(schedule.next_training_day(day)), schedule.timezone)
    return await session(tx, group, schedule.session_at(day), catalogue)


async def session(tx: Tx, group: GroupRow, start: datetime, catalogue: Catalogue) -> SessionDay:
    """Every member's plan for each exercise of the session starting at `start` (their cue of
    the day included), member by member in joining order."""
    day = start.date()
    exercises = lifts.day_exercises(group, catalogue, day)
    tracks = await tx.group_tracks(group)
    points = {exercise.id: exercise.coaching_points() for exercise in exercises}
    by_member: list[list[PlannedMember]] = []
    for index, row in enumerate(await tx.members(group)):
        have = tracks.get(row.pk, [])
        plans: list[PlannedMember] = []
        for exercise in exercises:
            track = await lifts.track_for(tx, group, row, exercise, have)
            cue = cue_of_the_day(points[exercise.id], day, index)
            plan = plan_session(track.prescription(exercise.lift), row.unit, cue, group.plate_set(row.unit))
            plans.append(PlannedMember(member_of(row, exercise, track), plan))
        by_member.append(plans)
    # Members share the first lift's bar: lightest first, so plates only ever go on.
    order = bar_order([_bar_load(plans[0]) for plans in by_member])
    planned = tuple(p for i in order for p in by_member[i])
    return SessionDay(program_of(group, exercises[0]), day, start, planned, exercises)


def _bar_load(planned: PlannedMember) -> float | None:
    """The load on the bar in kilograms (members in lb share the bar too), None off the bar."""
    plan = planned.plan
    return to_kg(plan.load, plan.unit) if plan.load is not None and plan.variation.barbell else None


async def nudge_list(tx: Tx, group: GroupRow, day: date) -> NudgeList:
    """Who has not logged `day`'s session, leaving out whoever said they would skip it."""
    expected = [m for m in await tx.members(group) if not await _skips(tx, m, day)]
    missing = [m.name for m in expected if not await tx.logged_on(m, day)]
    return NudgeList(day, tuple(missing), len(expected))


async def _skips(tx: Tx, member: MemberRow, day: date) -> bool:
    answer = await tx.rsvp(member, day)
    return answer is not None and not answer.going
