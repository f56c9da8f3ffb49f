"""Logging completed sets, undoing a log, reading the history and noting pain.

Every log is stored once per source message (the unique source key), and is durable before any
confirmation exists: the confirmation is rendered from what this module returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise
from bot.domain import Unit
from bot.errors import ButtonTooOld, LogGone, NothingToUndo, NotYourLog
from bot.messages import Address
from bot.rules.lift import Lift, Variation
from bot.rules.loads import implied_variation
from bot.rules.pain import PainMention, find_pain
from bot.rules.records import Bests, NewRecord, bests, new_records
from bot.rules.reports import LoggedSet, Report
from bot.rules.schedule import iso_week
from bot.services import lifts
from bot.services.values import LogEntry, Member, entry_of, member_of
from bot.store.repository import Tx
from bot.store.tables import GroupRow, LogRow, MemberRow, PainRow, TrackRow

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
    named: bool = True  # the report named its exercise (else it went to the next of the day)
    others: tuple[Exercise, ...] = ()  # the day's other exercises it could be moved to
    moved: bool = False  # the member moved it to this exercise with a button
    also: tuple[Logged, ...] = ()  # the rest of a whole day logged with one tap


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
    several: bool = False  # more than one exercise: each entry names its exercise


@dataclass(frozen=True, slots=True)
class Target:
    """Where a report goes: the group (for its program), the member and the catalogue."""

    group: GroupRow
    member: MemberRow
    catalogue: Catalogue


async def record(
    tx: Tx,
    to: Target,
    report: Report,
    day: date,
    source_key: str,
    text: str,
    now: datetime,
    *,
    revive: bool = False,
    exercise: Exercise | None = None,
) -> Logged | AlreadyLogged:
    """Store a report once per source key; `revive` lets an undone tap be logged again.

    The exercise is `exercise` when given, else the one the text names, else the member's first
    exercise of the day not yet logged (see `bot.services.lifts`)."""
    member = to.member
    existing = await tx.log_by_source(member, source_key)
    if existing is not None and (existing.undone_at is None or not revive):
        logged_on = _exercise_of(existing, to)
        track = await lifts.track_for(tx, to.group, member, logged_on)
        return AlreadyLogged(member_of(member, logged_on, track))
    named = exercise or (to.catalogue.named_in(text) if text else None)
    choice = named or await _next_exercise(tx, to, day)
    track = await lifts.track_for(tx, to.group, member, choice)
    entry = existing or LogRow(
        member_id=member.pk,
        source_key=source_key,
        exercise=choice.id,
        day=day,
        week=iso_week(day),
        variation="",
        sets_data=[],
        logged_at=now,
    )
    entry.logged_at = now  # a revived tap counts as entered now (what /undo takes back first)
    logged = await _store(tx, member, track, choice, entry, report, text, now)
    return replace(logged, named=named is not None, others=_others(to, day, choice))


async def _next_exercise(tx: Tx, to: Target, day: date) -> Exercise:
    """The member's first exercise of `day` not yet logged (of the whole program on a rest day),
    else the day's first."""
    todays = lifts.day_exercises(to.group, to.catalogue, day)
    done = await tx.exercises_logged_on(to.member, day)
    return next((e for e in todays if e.id not in done), todays[0])


async def _store(
    tx: Tx,
    member: MemberRow,
    track: TrackRow,
    exercise: Exercise,
    entry: LogRow,
    report: Report,
    text: str,
    now: datetime,
    *,
    revised: bool = False,
    moved: bool = False,
) -> Logged:
    """Write `report` into `entry` on `track`: sets, variation, bests, a found load and pain
    (a log moved to a lift whose load is still to find sets it, as a first log would)."""
    lift = exercise.lift
    report = _fill_prescribed_load(lift, report, track)
    variation = _variation_of(lift, report, track, member.unit)
    if revised:
        earlier = await _bests_without(tx, member, entry, exercise.id, variation)
    else:
        earlier = await _bests(tx, member, track, variation)
    entry.set_sets(report.sets)
    entry.exercise, entry.variation = exercise.id, variation.id
    entry.rpe, entry.per_side, entry.undone_at = report.rpe, report.per_side, None
    found = None if revised and not moved else _found_load(track, variation, report)
    if found is not None:
        track.load_kg = found
    if revised:
        track.bests = None  # the old sets may have held a record: recompute on the next log
    else:
        track.bests = {**(track.bests or {}), variation.id: earlier.with_sets(report.sets).to_json()}
    await tx.add(entry, track)
    mention = find_pain(text) if text else None
    if mention is not None:
        await _flag_pain(tx, member, entry.day, mention, text, now, log=entry)
    records = tuple(new_records(earlier, report.sets))
    return Logged(
        member_of(member, exercise, track),
        entry_of(entry, exercise),
        records,
        mention,
        revised=revised,
        found_load_kg=found,
    )


def _found_load(track: TrackRow, variation: Variation, report: Report) -> float | None:
    """A member still to find their load sets it with their first loaded log of their lift:
    the load most of its sets were done at (the heaviest, on a tie)."""
    if track.load_kg is not None or variation.id != track.variation or not variation.loaded:
        return None
    loads = [s.load_kg for s in report.sets if s.load_kg is not None]
    return max(set(loads), key=lambda load: (loads.count(load), load)) if loads else None


async def revise(
    tx: Tx, to: Target, entry: LogRow, report: Report | None, text: str, now: datetime
) -> Logged | Undone:
    """The member edited the message `entry` was logged from: it now says `report` (None: no
    sets any more, which undoes the log). Its records and pain flag follow the new text; an
    edit that names another exercise moves the log there."""
    member = to.member
    await tx.delete_pain_of(entry)
    mention = find_pain(text)
    if report is None:
        if mention is not None:  # "skipped it, knee hurts": no log, but the pain still counts
            await _flag_pain(tx, member, entry.day, mention, text, now)
        return await undo(tx, to.catalogue, member, entry, now)
    exercise = to.catalogue.named_in(text) or _exercise_of(entry, to)
    await _forget_bests_of(tx, to, entry)
    track = await lifts.track_for(tx, to.group, member, exercise)
    return await _store(tx, member, track, exercise, entry, report, text, now, revised=True)


async def move(tx: Tx, to: Target, log_id: int, exercise_id: str, now: datetime) -> Logged:
    """The member tapped "it was X": move their log to another exercise of the day."""
    entry = await tx.log(log_id)
    exercise = to.catalogue.get(exercise_id)
    if entry is None or entry.member_id != to.member.pk or entry.undone_at is not None or exercise is None:
        raise LogGone()
    await _forget_bests_of(tx, to, entry)
    track = await lifts.track_for(tx, to.group, to.member, exercise)
    report = Report(entry.sets(), entry.rpe, None, entry.per_side)
    logged = await _store(tx, to.member, track, exercise, entry, report, "", now, revised=True, moved=True)
    return replace(logged, named=True, others=_others(to, entry.day, exercise), moved=True)


def _exercise_of(entry: LogRow, to: Target) -> Exercise:
    return to.catalogue.get(entry.exercise) or lifts.program_exercises(to.group, to.catalogue)[0]


def _others(to: Target, day: date, exercise: Exercise) -> tuple[Exercise, ...]:
    """The day's other exercises, which a log on `exercise` may be moved to."""
    return tuple(e for e in lifts.exercises_on(to.group, to.catalogue, day.weekday()) if e.id != exercise.id)


async def _forget_bests_of(tx: Tx, to: Target, entry: LogRow) -> None:
    """The log leaves (or changes on) its exercise: that track's bests are recomputed next time."""
    track = await lifts.track_for(tx, to.group, to.member, _exercise_of(entry, to))
    track.bests = None
    await tx.add(track)


async def record_prescribed(
    tx: Tx, to: Target, day: date, today: date, tapped_message: str | None, now: datetime
) -> Logged | AlreadyLogged:
    """The "done as prescribed" button: log the member's own prescription for every exercise of
    `day` (each once: a second tap, or a tap after a report of that exercise, adds nothing)."""
    if not today - timedelta(days=DONE_BUTTON_DAYS) <= day <= today:
        raise ButtonTooOld()
    todays = lifts.day_exercises(to.group, to.catalogue, day)
    done = await tx.exercises_logged_on(to.member, day)
    results: list[Logged | AlreadyLogged] = []
    for exercise in todays:
        key = f"tap:{tapped_message}:{day.isoformat()}" + ("" if exercise is todays[0] else f":{exercise.id}")
        if len(todays) > 1 and exercise.id in done and await tx.log_by_source(to.member, key) is None:
            continue  # reported in words already: the words count, not the prescription
        track = await lifts.track_for(tx, to.group, to.member, exercise)
        p = track.prescription(exercise.lift)
        sets = tuple(LoggedSet(p.reps, p.load_kg) for _ in range(p.sets))
        report = Report(sets, variation=p.variation.id, per_side=p.variation.each_side)
        results.append(await record(tx, to, report, day, key, "", now, revive=True, exercise=exercise))
    logged = [r for r in results if isinstance(r, Logged)]
    if not logged:
        if results:
            return results[0]
        track = await lifts.track_for(tx, to.group, to.member, todays[0])
        return AlreadyLogged(member_of(to.member, todays[0], track))
    return replace(logged[0], also=tuple(logged[1:]), others=())


async def undo_last(tx: Tx, catalogue: Catalogue, member: MemberRow, now: datetime) -> Undone:
    """Undo what the member entered last: after `/log yesterday …`, that is yesterday's log."""
    entry = await tx.last_entered_log(member)
    if entry is None:
        raise NothingToUndo()
    return await undo(tx, catalogue, member, entry, now)


async def undo_log(
    tx: Tx,
    catalogue: Catalogue,
    address: Address,
    log_id: int,
    user_id: str,
    now: datetime,
    *,
    private: bool = False,
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
    return await undo(tx, catalogue, owner, entry, now)


async def history(tx: Tx, catalogue: Catalogue, group: GroupRow, member: MemberRow) -> History:
    logs = await tx.recent_logs(member, HISTORY_LENGTH)
    first = lifts.program_exercises(group, catalogue)[0]
    track = await lifts.track_for(tx, group, member, first)
    entries = tuple(entry_of(e, catalogue.get(e.exercise) or first) for e in logs)
    several = len(lifts.program_exercises(group, catalogue)) > 1 or any(e.exercise != first.id for e in logs)
    return History(member_of(member, first, track), entries, several)


async def note_pain(
    tx: Tx, to: Target, day: date, mention: PainMention, text: str, now: datetime
) -> PainNoted:
    """Record pain for the member's week: the weekly bump holds them."""
    await _flag_pain(tx, to.member, day, mention, text, now)
    todays = lifts.day_exercises(to.group, to.catalogue, day)
    track = await lifts.track_for(tx, to.group, to.member, todays[0])
    return PainNoted(member_of(to.member, todays[0], track), mention)


async def undo(tx: Tx, catalogue: Catalogue, member: MemberRow, entry: LogRow, now: datetime) -> Undone:
    """Mark `entry` undone (kept, so a re-delivered message still finds its source key)."""
    group = await tx.group_by_id(member.group_id)
    if group is None:
        raise LogGone()
    exercise = catalogue.get(entry.exercise) or lifts.program_exercises(group, catalogue)[0]
    track = await lifts.track_for(tx, group, member, exercise)
    if entry.undone_at is not None:
        return Undone(member_of(member, exercise, track), entry_of(entry, exercise), already=True)
    entry.undone_at = now
    await tx.add(entry)
    track.bests = None  # an undone log may have held a record: recompute on the next log
    await tx.add(track)
    return Undone(member_of(member, exercise, track), entry_of(entry, exercise))


async def _bests(tx: Tx, member: MemberRow, track: TrackRow, variation: Variation) -> Bests:
    """The member's bests on a variation before this log, from the track when known."""
    if track.bests is not None:
        known = track.bests.get(variation.id)
        return Bests.from_json(known) if isinstance(known, dict) else Bests(None, {})
    by_variation: dict[str, list[LoggedSet]] = {}
    for entry in await tx.logs_of(member, track.exercise):
        by_variation.setdefault(entry.variation, []).extend(entry.sets())
    recomputed: dict[str, Any] = {v: bests(sets).to_json() for v, sets in by_variation.items()}
    track.bests = recomputed
    known = recomputed.get(variation.id)
    return Bests.from_json(known) if known else Bests(None, {})


async def _bests_without(
    tx: Tx, member: MemberRow, left_out: LogRow, exercise: str, variation: Variation
) -> Bests:
    """The member's bests on `variation` from every other log, to tell what an edit set."""
    sets = [
        s
        for entry in await tx.logs_of(member, exercise)
        if entry.id != left_out.id and entry.variation == variation.id
        for s in entry.sets()
    ]
    return bests(sets)


def _variation_of(lift: Lift, report: Report, track: TrackRow, unit: Unit) -> Variation:
    """The variation a report was done on: the one it names (read against the lift; a word
    the lift has no variation for means the prescribed one), else implied by its loads."""
    prescribed = lift.rung(track.variation)
    if report.variation is not None:
        return lift.resolve(report.variation) or prescribed
    loads = [s.load_kg for s in report.sets if s.load_kg is not None]
    return implied_variation(lift, prescribed, loads, unit)


def _fill_prescribed_load(lift: Lift, report: Report, track: TrackRow) -> Report:
    """Sets without a load take the prescribed one, when they are the prescribed loaded variation."""
    prescribed = lift.rung(track.variation)
    named = lift.resolve(report.variation) if report.variation is not None else None
    if (named or prescribed) != prescribed or not prescribed.loaded or track.load_kg is None:
        return report
    load = track.load_kg
    sets = tuple(s if s.load_kg is not None else LoggedSet(s.reps, load) for s in report.sets)
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
