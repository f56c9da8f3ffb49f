"""A member's own view across their groups, for private chats with the bot.

In a private chat without a program of its own, `/today`, `/me` and `/history` answer for each
group the sender has joined on that platform, and a set report goes to their group (or waits,
parked, until they pick one when they train in several).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from bot.content.catalogue import Catalogue
from bot.errors import LogGone, NothingToUndo, NotInAnyGroup
from bot.rules.reports import parse_report
from bot.services import lifts, logbook, members, sessions
from bot.services.logbook import AlreadyLogged, History, Logged, Target
from bot.services.members import Profile
from bot.services.sessions import PlannedMember, RestDay, SessionDay
from bot.services.values import Program, program_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow, ParkedReportRow


@dataclass(frozen=True, slots=True)
class GroupLabel:
    """How a private answer names a group: its chat title, else its program."""

    id: int
    title: str | None
    program: Program


@dataclass(frozen=True, slots=True)
class MyDay:
    group: GroupLabel
    session: SessionDay | RestDay  # a session holds only the asking member's plan


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Mine(Generic[T]):
    """One of the member's groups and what it says for them."""

    group: GroupLabel
    item: T


@dataclass(frozen=True, slots=True)
class PickGroup:
    """The report waits (`parked_id`) until its sender picks one of `groups`."""

    parked_id: int
    groups: tuple[GroupLabel, ...]


async def today(
    tx: Tx, platform: str, user_id: str, now: datetime, catalogue: Catalogue
) -> tuple[MyDay, ...]:
    days = []
    for group, member in await _memberships(tx, platform, user_id):
        found = await sessions.today(tx, group, now, catalogue)
        if isinstance(found, SessionDay):
            mine = _only(found, member, await tx.members(group))
            found = SessionDay(found.program, found.day, found.start, mine, found.exercises)
        days.append(MyDay(_label(group, catalogue), found))
    return tuple(days)


async def profiles(tx: Tx, platform: str, user_id: str, catalogue: Catalogue) -> tuple[Mine[Profile], ...]:
    return tuple(
        [
            Mine(_label(group, catalogue), await members.profile(tx, catalogue, group, member))
            for group, member in await _memberships(tx, platform, user_id)
        ]
    )


async def histories(tx: Tx, platform: str, user_id: str, catalogue: Catalogue) -> tuple[Mine[History], ...]:
    return tuple(
        [
            Mine(_label(group, catalogue), await logbook.history(tx, catalogue, group, member))
            for group, member in await _memberships(tx, platform, user_id)
        ]
    )


async def report(
    tx: Tx, platform: str, user_id: str, text: str, source_key: str, now: datetime, catalogue: Catalogue
) -> Mine[Logged | AlreadyLogged] | PickGroup:
    """Log a report sent in private to the sender's group; with several, park it and ask.
    The text is read in the member's unit of the group it goes to."""
    joined = await _memberships(tx, platform, user_id)
    if len(joined) == 1:
        ((group, member),) = joined
        day = group.schedule().local_date(now)
        parsed = parse_report(text, member.unit)
        logged = await logbook.record(
            tx, Target(group, member, catalogue), parsed, day, source_key, text, now
        )
        return Mine(_label(group, catalogue), logged)
    parked = ParkedReportRow(
        platform=platform, user_id=user_id, text=text, source_key=source_key, created_at=now
    )
    await tx.add(parked)
    return PickGroup(parked.pk, tuple(_label(group, catalogue) for group, _ in joined))


async def log_parked(
    tx: Tx, parked_id: int, group_id: int, user_id: str, now: datetime, catalogue: Catalogue
) -> Mine[Logged | AlreadyLogged]:
    """The sender picked `group_id` for a parked report: log it there, once."""
    parked = await tx.parked_report(parked_id)
    group = await tx.group_by_id(group_id)
    member = await tx.member(group, user_id) if group else None
    if parked is None or parked.user_id != user_id or group is None or member is None:
        raise LogGone()
    day = group.schedule().local_date(now)
    parsed = parse_report(parked.text, member.unit)  # it was read once already, when it was parked
    to = Target(group, member, catalogue)
    logged = await logbook.record(tx, to, parsed, day, parked.source_key, parked.text, now)
    await tx.forget_parked(parked)
    return Mine(_label(group, catalogue), logged)


async def undo_last(
    tx: Tx, platform: str, user_id: str, now: datetime, catalogue: Catalogue
) -> logbook.Undone:
    """Undo what the sender entered last, in whichever of their groups."""
    entered = [
        (entry, member)
        for _, member in await _memberships(tx, platform, user_id)
        if (entry := await tx.last_entered_log(member)) is not None
    ]
    if not entered:
        raise NothingToUndo()
    entry, member = max(entered, key=lambda pair: (pair[0].logged_at, pair[0].pk))
    return await logbook.undo(tx, catalogue, member, entry, now)


async def _memberships(tx: Tx, platform: str, user_id: str) -> list[tuple[GroupRow, MemberRow]]:
    joined = await tx.memberships(platform, user_id)
    if not joined:
        raise NotInAnyGroup()
    return joined


def _only(session: SessionDay, member: MemberRow, everyone: list[MemberRow]) -> tuple[PlannedMember, ...]:
    """The member's own plans: the session lists each member's exercises in turn."""
    index = next(i for i, m in enumerate(everyone) if m.id == member.id)
    per_member = len(session.exercises) or 1
    return session.members[index * per_member : (index + 1) * per_member]


def _label(group: GroupRow, catalogue: Catalogue) -> GroupLabel:
    return GroupLabel(group.pk, group.title, program_of(group, lifts.program_exercises(group, catalogue)[0]))
