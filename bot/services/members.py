"""Joining a group's program and looking after your own profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.content.catalogue import Catalogue
from bot.domain import Unit
from bot.errors import NoProgram, NotJoined, Rejected
from bot.messages import Incoming
from bot.rules.membership import JoinError, JoinRequest, StartNote
from bot.services import lifts
from bot.services.values import ChangeEntry, Member, change_of, member_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow


@dataclass(frozen=True, slots=True)
class Joined:
    member: Member
    rejoined: bool
    note: StartNote | None
    others: tuple[Member, ...] = ()  # the program's other exercises


@dataclass(frozen=True, slots=True)
class Profile:
    member: Member
    last_change: ChangeEntry | None
    lifts: tuple[Member, ...] = ()  # one per exercise of the program


async def join(
    tx: Tx,
    group: GroupRow,
    user_id: str,
    user_name: str,
    request: JoinRequest,
    now: datetime,
    catalogue: Catalogue,
    handle: str | None = None,
) -> Joined:
    """Add the sender to the program, or update their profile when they join again.

    What `/join` says (level, load, variation) sets the first exercise of the program; every
    other exercise starts where a member of that level starts, with the load to find."""
    existing = await tx.member(group, user_id, left_too=True)
    unit = request.unit or (existing.unit if existing else Unit.KG)
    member = existing or MemberRow(
        group_id=group.pk, user_id=user_id, name=user_name, level=request.level, unit=unit, joined_at=now
    )
    member.name, member.level, member.unit = user_name, request.level, unit
    member.username = handle or member.username
    member.left_at = None  # joining again after /leave: back, with the history kept
    await tx.add(member)
    have = {t.exercise: t for t in await tx.tracks(member)}
    first, *rest = lifts.program_exercises(group, catalogue)
    try:
        track, note = lifts.new_track(group, member, first, request)
    except JoinError as exc:
        raise Rejected(exc) from None
    if first.id in have:  # joining again restarts the first exercise from what was said
        have[first.id].prescribe(track.prescription(first.lift))
        track = have[first.id]
    await tx.add(track)
    others = []
    for exercise in rest:
        other = have.get(exercise.id) or await lifts.start_track(tx, group, member, exercise)
        others.append(member_of(member, exercise, other))
    return Joined(member_of(member, first, track), existing is not None, note, tuple(others))


async def require_member(tx: Tx, incoming: Incoming) -> MemberRow:
    """The sender's membership in the chat's program, for handlers that check arguments first."""
    group = await tx.group(incoming.address)
    if group is None:
        raise NoProgram()
    member = await tx.member(group, incoming.user_id)
    if member is None:
        raise NotJoined(incoming.user_name)
    return member


async def profile(tx: Tx, catalogue: Catalogue, group: GroupRow, member: MemberRow) -> Profile:
    """The member's prescriptions on every exercise of the program and their last change."""
    change = await tx.last_change(member)
    tracks = await lifts.tracks(tx, group, member, catalogue)
    last = None
    if change is not None:
        exercise = catalogue.get(change.exercise) or tracks[0].exercise
        last = change_of(change, member.name, member.unit, exercise)
    lifted = tuple(member_of(member, t.exercise, t.track) for t in tracks)
    return Profile(lifted[0], last, lifted)


async def set_unit(tx: Tx, catalogue: Catalogue, group: GroupRow, member: MemberRow, unit: Unit) -> Member:
    member.unit = unit
    await tx.add(member)
    first = (await lifts.tracks(tx, group, member, catalogue))[0]
    return member_of(member, first.exercise, first.track)


async def keep_identity(tx: Tx, member: MemberRow, name: str, handle: str | None) -> None:
    """People rename themselves; commands find members by their current name and @handle."""
    if member.name == name and (handle is None or member.username == handle):
        return
    member.name = name
    member.username = handle or member.username
    member.left_at = None  # joining again after /leave: back, with the history kept
    await tx.add(member)
