"""Joining a group's program and looking after your own profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.content.model import Exercise
from bot.domain import Unit
from bot.errors import NoProgram, NotJoined, Rejected
from bot.messages import Incoming
from bot.rules.lift import Lift
from bot.rules.membership import JoinError, JoinRequest, StartNote, first_prescription
from bot.services.values import ChangeEntry, Member, change_of, member_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow


@dataclass(frozen=True, slots=True)
class Joined:
    member: Member
    rejoined: bool
    note: StartNote | None


@dataclass(frozen=True, slots=True)
class Profile:
    member: Member
    last_change: ChangeEntry | None


async def join(
    tx: Tx,
    group: GroupRow,
    user_id: str,
    user_name: str,
    request: JoinRequest,
    now: datetime,
    exercise: Exercise,
    handle: str | None = None,
) -> Joined:
    """Add the sender to the program, or update their profile when they join again."""
    existing = await tx.member(group, user_id)
    unit = request.unit or (existing.unit if existing else Unit.KG)
    try:
        prescription, note = first_prescription(
            exercise.lift, request, unit, exercise.goal(group.goal).rep_range, group.sets
        )
    except JoinError as exc:
        raise Rejected(exc) from None
    member = existing or MemberRow(
        group_id=group.pk,
        user_id=user_id,
        name=user_name,
        level=request.level,
        unit=unit,
        variation=prescription.variation.id,
        sets=prescription.sets,
        target_reps=prescription.reps,
        joined_at=now,
    )
    member.name, member.level, member.unit = user_name, request.level, unit
    member.username = handle or member.username
    member.prescribe(prescription)
    await tx.add(member)
    return Joined(member_of(member, exercise.lift), rejoined=existing is not None, note=note)


async def require_member(tx: Tx, incoming: Incoming) -> MemberRow:
    """The sender's membership in the chat's program, for handlers that check arguments first."""
    group = await tx.group(incoming.address)
    if group is None:
        raise NoProgram()
    member = await tx.member(group, incoming.user_id)
    if member is None:
        raise NotJoined(incoming.user_name)
    return member


async def profile(tx: Tx, lift: Lift, member: MemberRow) -> Profile:
    change = await tx.last_change(member)
    last = change_of(change, member.name, member.unit, lift) if change else None
    return Profile(member_of(member, lift), last)


async def set_unit(tx: Tx, lift: Lift, member: MemberRow, unit: Unit) -> Member:
    member.unit = unit
    await tx.add(member)
    return member_of(member, lift)


async def keep_identity(tx: Tx, member: MemberRow, name: str, handle: str | None) -> None:
    """People rename themselves; commands find members by their current name and @handle."""
    if member.name == name and (handle is None or member.username == handle):
        return
    member.name = name
    member.username = handle or member.username
    await tx.add(member)
