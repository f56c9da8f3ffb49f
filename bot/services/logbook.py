"""Logging completed sets, undoing a log, reading the history and noting pain.

Every log is stored once per source message (the unique source key), and is durable before any
confirmation exists: the confirmation is rendered from what this module returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.errors import ButtonTooOld, LogGone, NothingToUndo, NotYourLog
from bot.messages import Address
from bot.rules.lift import Lift, Variation
from bot.rules.loads import implied_variation
from bot.rules.pain import PainMention, find_pain
from bot.rules.records import Bests, NewRecord, bests, new_records
from bot.rules.reports import LoggedSet, Report
from bot.rules.schedule import iso_week
from bot.services.values import LogEntry, Member, entry_of, member_of
from bot.store.repository import Tx
from bot.store.tables import LogRow, MemberRow, PainRow

HISTORY_LENGTH = 8
# A "done" button keeps working for a week: long enough to log a session after the fact.
DONE_BUTTON_DAYS = 7


@dataclass(frozen=True, slots=True)
class Logged:
    """A stored log, the records it set and the pain its text mentioned."""

    member: Member
    entry: LogEntry
    records: tuple[NewRecord, ...]
    pain: PainMention | None
    revised: bool = False  # an edit of the message changed an existing log
    found_load_kg: float | None = None  # the member's first loaded log set their working load


@dataclass(frozen=True, slots=True)
class AlreadyLogged:
    member: Member


@dataclass(frozen=True, slots=True)
class Undone:
    member: Member
    entry: LogEntry
    already: bool = False


@dataclass(frozen=True, slots=True)
class PainNoted:
    member: Member
    pain: PainMention


@dataclass(frozen=True, slots=True)
class History:
    member: Member
    entries: tuple[LogEntry, ...]


async def record(
    tx: Tx,
    lift: Lift,
    member: MemberRow,
    report: Report,
    day: date,
    source_key: str,
    text: str,
    now: datetime,
    *,
    revive: bool = False,
) -> Logged | AlreadyLogged:
    """Store a report once per source key; `revive` lets an undone tap be logged again."""
    existing = await tx.log_by_source(member, source_key)
    if existing is not None and (existing.undone_at is None or not revive):
        return AlreadyLogged(member_of(member, lift))
    report = _fill_prescribed_load(lift, report, member)
    variation = _variation_of(lift, report, member)
    earlier = await _bests(tx, member, variation)
    entry = existing or LogRow(
        member_id=member.pk,
        source_key=source_key,
        day=day,
        week=iso_week(day),
        variation=variation.id,
        sets_data=[],
        logged_at=now,
    )
    entry.set_sets(report.sets)
    entry.variation, entry.rpe, entry.per_side, entry.undone_at = (
        variation.id,
        report.rpe,
        report.per_side,
        None,
    )
    entry.logged_at = now  # a revived tap counts as entered now (what /undo takes back first)
    await tx.add(entry)
    found = _found_load(member, variation, report)
    if found is not None:
        member.load_kg = found
    member.bests = {**(member.bests or {}), variation.id: earlier.with_sets(report.sets).to_json()}
    await tx.add(member)
    mention = find_pain(text) if text else None
    if mention is not None:
        await _flag_pain(tx, member, day, mention, text, now, log=entry)
    records = tuple(new_records(earlier, report.sets))
    return Logged(member_of(member, lift), entry_of(entry, lift), records, mention, found_load_kg=found)


def _found_load(member: MemberRow, variation: Variation, report: Report) -> float | None:
    """A member still to find their load sets it with their first loaded log of their lift:
    the load most of its sets were done at (the heaviest, on a tie)."""
    if member.load_kg is not None or variation.id != member.variation or not variation.loaded:
        return None
    loads = [s.load_kg for s in report.sets if s.load_kg is not None]
    return max(set(loads), key=lambda load: (loads.count(load), load)) if loads else None


async def revise(
    tx: Tx, lift: Lift, member: MemberRow, entry: LogRow, report: Report | None, text: str, now: datetime
) -> Logged | Undone:
    """The member edited the message `entry` was logged from: it now says `report` (None: no
    sets any more, which undoes the log). Its records and pain flag follow the new text."""
    await tx.delete_pain_of(entry)
    mention = find_pain(text)
    if report is None:
        if mention is not None:  # "skipped it, knee hurts": no log, but the pain still counts
            await _flag_pain(tx, member, entry.day, mention, text, now)
        return await undo(tx, lift, member, entry, now)
    report = _fill_prescribed_load(lift, report, member)
    variation = _variation_of(lift, report, member)
    earlier = await _bests_without(tx, member, entry, variation)
    entry.set_sets(report.sets)
    entry.variation, entry.rpe, entry.per_side = variation.id, report.rpe, report.per_side
    await tx.add(entry)
    member.bests = None  # the old sets may have held a record: recompute on the next log
    await tx.add(member)
    if mention is not None:
        await _flag_pain(tx, member, entry.day, mention, text, now, log=entry)
    records = tuple(new_records(earlier, report.sets))
    return Logged(member_of(member, lift), entry_of(entry, lift), records, mention, revised=True)


async def record_prescribed(
    tx: Tx, lift: Lift, member: MemberRow, day: date, today: date, tapped_message: str | None, now: datetime
) -> Logged | AlreadyLogged:
    """The "done as prescribed" button: log the member's own prescription for `day`."""
    if not today - timedelta(days=DONE_BUTTON_DAYS) <= day <= today:
        raise ButtonTooOld()
    p = member.prescription(lift)
    report = Report(tuple(LoggedSet(p.reps, p.load_kg) for _ in range(p.sets)), variation=p.variation.id)
    key = f"tap:{tapped_message}:{day.isoformat()}"
    return await record(tx, lift, member, report, day, key, "", now, revive=True)


async def undo_last(tx: Tx, lift: Lift, member: MemberRow, now: datetime) -> Undone:
    """Undo what the member entered last: after `/log yesterday …`, that is yesterday's log."""
    entry = await tx.last_entered_log(member)
    if entry is None:
        raise NothingToUndo()
    return await undo(tx, lift, member, entry, now)


async def undo_log(
    tx: Tx, lift: Lift, address: Address, log_id: int, user_id: str, now: datetime, *, private: bool = False
) -> Undone:
    """Undo the log a button was under; only its owner may, and only in the log's own chat (or
    in the owner's private chat with the bot, where logs to their groups are confirmed).

    A payload naming another chat's log (forged, or copied across chats) is answered as a gone
    log, so it never reveals who is in another group.
    """
    entry = await tx.log(log_id)
    owner = await tx.member_by_id(entry.member_id) if entry is not None else None
    group = await tx.group(address)
    if private and group is None and owner is not None and owner.user_id == user_id:
        group = await tx.group_by_id(owner.group_id)
    if entry is None or owner is None or group is None or owner.group_id != group.pk:
        raise LogGone()
    if owner.user_id != user_id:
        raise NotYourLog(owner.name if owner else None)
    return await undo(tx, lift, owner, entry, now)


async def history(tx: Tx, lift: Lift, member: MemberRow) -> History:
    logs = await tx.recent_logs(member, HISTORY_LENGTH)
    return History(member_of(member, lift), tuple(entry_of(e, lift) for e in logs))


async def note_pain(
    tx: Tx, lift: Lift, member: MemberRow, day: date, mention: PainMention, text: str, now: datetime
) -> PainNoted:
    """Record pain for the member's week: the weekly bump holds them."""
    await _flag_pain(tx, member, day, mention, text, now)
    return PainNoted(member_of(member, lift), mention)


async def undo(tx: Tx, lift: Lift, member: MemberRow, entry: LogRow, now: datetime) -> Undone:
    """Mark `entry` undone (kept, so a re-delivered message still finds its source key)."""
    if entry.undone_at is not None:
        return Undone(member_of(member, lift), entry_of(entry, lift), already=True)
    entry.undone_at = now
    await tx.add(entry)
    member.bests = None  # an undone log may have held a record: recompute on the next log
    await tx.add(member)
    return Undone(member_of(member, lift), entry_of(entry, lift))


async def _bests(tx: Tx, member: MemberRow, variation: Variation) -> Bests:
    """The member's bests on a variation before this log, from the member row when known."""
    if member.bests is not None:
        known = member.bests.get(variation.id)
        return Bests.from_json(known) if isinstance(known, dict) else Bests(None, {})
    by_variation: dict[str, list[LoggedSet]] = {}
    for entry in await tx.logs_of(member):
        by_variation.setdefault(entry.variation, []).extend(entry.sets())
    recomputed: dict[str, Any] = {v: bests(sets).to_json() for v, sets in by_variation.items()}
    member.bests = recomputed
    known = recomputed.get(variation.id)
    return Bests.from_json(known) if known else Bests(None, {})


async def _bests_without(tx: Tx, member: MemberRow, left_out: LogRow, variation: Variation) -> Bests:
    """The member's bests on `variation` from every other log, to tell what an edit set."""
    sets = [
        s
        for entry in await tx.logs_of(member)
        if entry.id != left_out.id and entry.variation == variation.id
        for s in entry.sets()
    ]
    return bests(sets)


def _variation_of(lift: Lift, report: Report, member: MemberRow) -> Variation:
    """The variation a report was done on: the one it names (read against the lift; a word
    the lift has no variation for means the prescribed one), else implied by its loads."""
    prescribed = lift.rung(member.variation)
    if report.variation is not None:
        return lift.resolve(report.variation) or prescribed
    loads = [s.load_kg for s in report.sets if s.load_kg is not None]
    return implied_variation(lift, prescribed, loads, member.unit)


def _fill_prescribed_load(lift: Lift, report: Report, member: MemberRow) -> Report:
    """Sets without a load take the prescribed one, when they are the prescribed loaded variation."""
    prescribed = lift.rung(member.variation)
    named = lift.resolve(report.variation) if report.variation is not None else None
    if (named or prescribed) != prescribed or not prescribed.loaded or member.load_kg is None:
        return report
    sets = tuple(s if s.load_kg is not None else LoggedSet(s.reps, member.load_kg) for s in report.sets)
    return replace(report, sets=sets)


async def _flag_pain(
    tx: Tx,
    member: MemberRow,
    day: date,
    mention: PainMention,
    text: str,
    now: datetime,
    *,
    log: LogRow | None = None,
) -> None:
    await tx.add(
        PainRow(
            member_id=member.pk,
            log_id=None if log is None else log.pk,
            day=day,
            week=iso_week(day),
            body_part=mention.where,
            note=text[:500],
            reported_at=now,
        )
    )
