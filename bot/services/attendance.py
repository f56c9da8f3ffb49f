"""Answers to a session's reminder, and who trains, skips or has not said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow, RsvpRow


@dataclass(frozen=True, slots=True)
class Attendance:
    """Who said what for one session, in the order they answered."""

    day: date
    going: tuple[str, ...] = ()
    skipping: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Answered:
    name: str
    day: date
    going: bool


async def answer(tx: Tx, member: MemberRow, day: date, going: bool, now: datetime) -> Answered:
    """Record (or change) the member's answer for `day`'s session."""
    row = await tx.rsvp(member, day)
    if row is None:
        row = RsvpRow(member_id=member.pk, day=day, going=going, updated_at=now)
    elif row.going != going:
        row.going, row.updated_at = going, now
    await tx.add(row)
    return Answered(member.name, day, going)


async def attendance(tx: Tx, group: GroupRow, day: date) -> Attendance:
    answers = await tx.rsvps_on(group, day)
    return Attendance(
        day,
        tuple(name for name, going in answers if going),
        tuple(name for name, going in answers if not going),
    )


def next_session_day(group: GroupRow, now: datetime) -> date:
    """The session a typed answer is about: today's if today trains, else the next one."""
    schedule = group.schedule()
    today = schedule.local_date(now)
    return today if schedule.is_training_day(today) else schedule.next_training_day(today)
