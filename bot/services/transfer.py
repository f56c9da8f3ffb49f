"""Export and import of training history as CSV (see `bot.rules.csvlog` for the format).

An export is one row per set in the member's unit. An import maps each exercise name to the
catalogue (a variation's name such as "Barbell hip thrust", or an exercise's name or alias with
a way of loading in it, such as Strong's "Hip Thrust (Barbell)"), lists names it does not know
instead of guessing, and skips sessions already logged with the same sets, so importing a file
twice stores it once. It stores everything in the caller's one transaction, or nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

from sqlalchemy import insert

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise
from bot.rules.csvlog import EACH_SIDE, CsvSet
from bot.rules.lift import Variation
from bot.rules.loads import from_kg, implied_variation, to_kg
from bot.rules.reports import LoggedSet
from bot.rules.schedule import iso_week
from bot.services import lifts
from bot.store.repository import Tx
from bot.store.tables import GroupRow, LogRow, MemberRow, table_of

LOGS = table_of(LogRow)
SOURCE_PREFIX = "csv:"
# A session holds at most this many sets of one exercise (more is a file error, not training).
MAX_SETS = 50


@dataclass(frozen=True, slots=True)
class Export:
    sets: tuple[CsvSet, ...]
    sessions: int
    whose: str  # the member's name, or the group's title
    group: bool = False


@dataclass(frozen=True, slots=True)
class Imported:
    sessions: int
    sets: int
    already: int  # sessions skipped: logged here with the same sets
    unknown: tuple[str, ...]  # exercise names not in the catalogue, not imported
    unknown_rows: int = 0
    other_members: int = 0  # rows of a group export naming someone else


async def export_member(tx: Tx, group: GroupRow, member: MemberRow, catalogue: Catalogue) -> Export:
    logs = await tx.history(member)
    return Export(tuple(_rows(group, member, logs, catalogue, with_member=False)), len(logs), member.name)


async def export_group(tx: Tx, group: GroupRow, catalogue: Catalogue) -> Export:
    """Every member's history, member by member in joining order."""
    rows: list[CsvSet] = []
    sessions = 0
    for member in await tx.members(group):
        logs = await tx.history(member)
        sessions += len(logs)
        rows += _rows(group, member, logs, catalogue, with_member=True)
    return Export(tuple(rows), sessions, group.title or "the group", group=True)


async def import_sets(
    tx: Tx, group: GroupRow, member: MemberRow, sets: list[CsvSet], catalogue: Catalogue, now: datetime
) -> Imported:
    """Store `sets` as `member`'s logs, one log per day, workout and exercise."""
    mine = [s for s in sets if not s.member or s.member == member.name]
    known: list[tuple[Exercise, Variation | None, CsvSet]] = []
    unknown: dict[str, int] = {}
    names = {name: _exercise_named(name, catalogue) for name in {s.exercise for s in mine}}
    for s in mine:
        found = names[s.exercise]
        if found is None:
            unknown[s.exercise] = unknown.get(s.exercise, 0) + 1
        else:
            known.append((*found, s))
    existing = {_fingerprint(e.exercise, e.day, e.sets()) for e in await tx.history(member)}
    stored = already = count = 0
    new_logs: list[dict[str, Any]] = []
    tracks = {track.exercise: track for track in await tx.tracks(member)}  # read once, not per session
    key = _session_key
    for (day, _workout, exercise_id), run in groupby(sorted(known, key=key), key=key):
        session = list(run)
        exercise, variation = session[0][0], session[0][1]
        rows = sorted((s for _, _, s in session), key=lambda s: (s.order, s.line))[:MAX_SETS]
        logged = tuple(LoggedSet(s.reps, None if s.weight is None else to_kg(s.weight, s.unit)) for s in rows)
        fingerprint = _fingerprint(exercise_id, day, logged)
        if fingerprint in existing:
            already += 1
            continue
        existing.add(fingerprint)
        track = tracks.get(exercise_id) or await lifts.track_for(tx, group, member, exercise, [])
        tracks[exercise_id] = track
        loads = [s.load_kg for s in logged if s.load_kg is not None]
        chosen = variation or implied_variation(
            exercise.lift, track.prescription(exercise.lift).variation, loads, member.unit
        )
        if not chosen.loaded:
            logged = tuple(LoggedSet(s.reps, None) for s in logged)
        new_logs.append(
            {
                "member_id": member.pk,
                "source_key": SOURCE_PREFIX + fingerprint,
                "exercise": exercise_id,
                "day": day,
                "week": iso_week(day),
                "variation": chosen.id,
                "sets_data": LogRow.sets_json(logged),
                "rpe": next((s.rpe for s in reversed(rows) if s.rpe is not None), None),
                "per_side": any(EACH_SIDE in s.notes.lower() for s in rows),
                "logged_at": now,
            }
        )
        track.bests = None  # recomputed from the logs on the next report
        stored += 1
        count += len(logged)
    # One statement for the whole file (years of logs), the tracks flushed with it: an import
    # holds the one writer for a moment, not for a statement per session.
    if new_logs:
        await tx.session.execute(insert(LOGS), new_logs)
    await tx.add(*tracks.values())
    others = len(sets) - len(mine)
    return Imported(stored, count, already, tuple(unknown), sum(unknown.values()), others)


def _session_key(item: tuple[Exercise, Variation | None, CsvSet]) -> tuple[date, str, str]:
    return item[2].day, item[2].workout, item[0].id


def _fingerprint(exercise: str, day: date, sets: tuple[LoggedSet, ...]) -> str:
    """The same session (day, exercise, sets to 10 g) however it was logged."""
    text = f"{exercise}|{day.isoformat()}|" + ";".join(
        f"{s.reps}@{'' if s.load_kg is None else round(s.load_kg, 2)}" for s in sets
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _exercise_named(name: str, catalogue: Catalogue) -> tuple[Exercise, Variation | None] | None:
    """The exercise (and variation, when the name says) an exported name means, or None."""
    wanted = " ".join(name.lower().split())
    for candidate in catalogue.exercises:
        for info in candidate.variations:
            if info.name.lower() == wanted:
                return candidate, candidate.lift.rung(info.id)
    words = re.findall(r"[a-z]+", wanted)
    bare = " ".join(re.sub(r"\([^)]*\)", " ", wanted).split())
    exercise = catalogue.find(bare) or catalogue.find(wanted)
    if exercise is None:
        return None
    variation = next((v for w in words if (v := exercise.lift.resolve(w)) is not None), None)
    return exercise, variation


def _rows(
    group: GroupRow, member: MemberRow, logs: list[LogRow], catalogue: Catalogue, *, with_member: bool
) -> list[CsvSet]:
    rows: list[CsvSet] = []
    workout = group.title or "Spotter"
    for log in logs:
        exercise = catalogue.get(log.exercise)
        name = exercise.variation(log.variation).name if exercise else log.exercise
        for order, logged in enumerate(log.sets(), start=1):
            weight = None if logged.load_kg is None else round(from_kg(logged.load_kg, member.unit), 2)
            rows.append(
                CsvSet(
                    day=log.day,
                    workout=workout,
                    exercise=name,
                    order=order,
                    weight=weight,
                    unit=member.unit,
                    reps=logged.reps,
                    rpe=log.rpe,
                    notes=EACH_SIDE if log.per_side else "",
                    member=member.name if with_member else "",
                )
            )
    return rows
