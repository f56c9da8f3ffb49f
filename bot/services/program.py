"""The group's program: set it up, change it, pause and resume it, and find the next session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise
from bot.errors import SetupRejected
from bot.messages import Address
from bot.rules.lineup import Lineup
from bot.rules.program import ProgramChange
from bot.rules.schedule import Schedule
from bot.services import lifts
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
    catalogue: Catalogue | None = None,
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
    await _fit_members(tx, group, catalogue or Catalogue((exercise,)), reset_sets=change.sets is not None)
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


async def _fit_members(tx: Tx, group: GroupRow, catalogue: Catalogue, *, reset_sets: bool) -> None:
    """Keep every track inside the program: reps within its exercise's range for the goal,
    and the new sets."""
    for tracks in (await tx.group_tracks(group)).values():
        for track in tracks:
            exercise = catalogue.get(track.exercise)
            if exercise is None:
                continue
            reps = exercise.goal(group.goal).rep_range
            target = track.target_reps if reps.low <= track.target_reps <= reps.high else reps.low
            track.target_reps = target
            track.sets = group.sets if reset_sets else track.sets
            await tx.add(track)


@dataclass(frozen=True, slots=True)
class LineupView:
    """The exercises of each training day, by weekday, in order."""

    days: tuple[tuple[int, tuple[Exercise, ...]], ...]
    default: bool  # no program named: the hip thrust on every training day


async def set_lineup(
    tx: Tx, group: GroupRow, lineup: Lineup, now: datetime, catalogue: Catalogue
) -> LineupView:
    """Set which exercises each training day holds; days named become the training days.
    Every member gets a track for every exercise (a new one starts with the load to find)."""
    if lineup.days is not None:
        group.set_weekdays(tuple(sorted(lineup.days)))
    group.program = lineup.for_weekdays(group.schedule().weekdays)
    group.updated_at = now
    await tx.add(group)
    for member in await tx.members(group):
        await lifts.tracks(tx, group, member, catalogue)
    return lineup_of(group, catalogue)


def lineup_of(group: GroupRow, catalogue: Catalogue) -> LineupView:
    days = tuple((d, lifts.exercises_on(group, catalogue, d)) for d in group.schedule().weekdays)
    return LineupView(days, default=not group.program)
