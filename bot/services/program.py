"""The group's program: set it up, change it, pause and resume it, and find the next session."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.content.model import Exercise
from bot.errors import SetupRejected
from bot.messages import Address
from bot.rules.program import ProgramChange
from bot.rules.schedule import Schedule
from bot.services.values import Program, program_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow

DEFAULT_SETS = 3
DEFAULT_REMINDER_LEAD_MIN = 60
DEFAULT_WARMUP_LEAD_MIN = 10
# The fields a brand-new program cannot do without, as `/setup` names them.
REQUIRED_FOR_NEW = {"goal": "goal", "weekdays": "days", "start": "time", "timezone": "tz"}


@dataclass(frozen=True, slots=True)
class ProgramStatus:
    program: Program
    next_session: datetime
    created: bool = False


async def set_up(
    tx: Tx,
    address: Address,
    change: ProgramChange,
    now: datetime,
    exercise: Exercise,
    title: str | None = None,
) -> ProgramStatus:
    """Create the chat's program, or change the fields `change` names; members are kept inside it."""
    if change.is_empty():
        raise SetupRejected()
    group = await tx.group(address)
    if group is None:
        missing = tuple(name for attr, name in REQUIRED_FOR_NEW.items() if getattr(change, attr) is None)
        if missing:
            raise SetupRejected(missing=missing)
        group = _new_group(address, change, now)
        group.title = title
        await tx.add(group)
        return status(group, now, exercise, created=True)
    _update_group(group, change, now)
    group.push_thread = address.thread_id
    await tx.add(group)
    await _fit_members(tx, group, exercise, reset_sets=change.sets is not None)
    return status(group, now, exercise)


async def set_paused(
    tx: Tx, group: GroupRow, paused: bool, now: datetime, exercise: Exercise
) -> ProgramStatus:
    group.paused, group.updated_at = paused, now
    if not paused:
        group.removed_at = None  # an admin resuming says the bot can post here again
    await tx.add(group)
    return status(group, now, exercise)


def status(group: GroupRow, now: datetime, exercise: Exercise, *, created: bool = False) -> ProgramStatus:
    schedule = group.schedule()
    return ProgramStatus(
        program_of(group, exercise), schedule.session_at(next_session_day(schedule, now)), created
    )


def next_session_day(schedule: Schedule, now: datetime) -> date:
    """Today if its session is still to come, else the next training day."""
    today = schedule.local_date(now)
    if schedule.is_training_day(today) and schedule.session_at(today) > now:
        return today
    return schedule.next_training_day(today)


def _new_group(address: Address, change: ProgramChange, now: datetime) -> GroupRow:
    assert change.goal is not None
    assert change.weekdays is not None
    assert change.start is not None
    assert change.timezone is not None
    group = GroupRow(
        address=str(address.chat),
        push_thread=address.thread_id,
        goal=change.goal,
        weekdays="",
        start=change.start,
        timezone=change.timezone,
        sets=change.sets or DEFAULT_SETS,
        max_sets=change.max_sets or change.sets or DEFAULT_SETS,
        reminder_lead_min=change.reminder_lead_min or DEFAULT_REMINDER_LEAD_MIN,
        warmup_lead_min=change.warmup_lead_min or DEFAULT_WARMUP_LEAD_MIN,
        created_at=now,
        updated_at=now,
    )
    group.set_weekdays(change.weekdays)
    return group


def _update_group(group: GroupRow, change: ProgramChange, now: datetime) -> None:
    if change.goal is not None:
        group.goal = change.goal
    if change.weekdays is not None:
        group.set_weekdays(change.weekdays)
    if change.start is not None:
        group.start = change.start
    if change.timezone is not None:
        group.timezone = change.timezone
    if change.sets is not None:
        group.sets = change.sets
        group.max_sets = change.max_sets or change.sets
    if change.reminder_lead_min is not None:
        group.reminder_lead_min = change.reminder_lead_min
    if change.warmup_lead_min is not None:
        group.warmup_lead_min = change.warmup_lead_min
    group.updated_at = now


async def _fit_members(tx: Tx, group: GroupRow, exercise: Exercise, *, reset_sets: bool) -> None:
    """Keep every member inside the program: reps within the goal's range, and the new sets."""
    reps = exercise.goal(group.goal).rep_range
    for member in await tx.members(group):
        p = member.prescription(exercise.lift)
        target = p.reps if reps.low <= p.reps <= reps.high else reps.low
        member.prescribe(replace(p, sets=group.sets if reset_sets else p.sets, reps=target))
        await tx.add(member)
