"""The weekly bump for a group: apply the progression rule to every member, once per ISO week.

The bump row's unique (group, week) key is what makes it happen once: running it again for the
same week returns None and changes nothing, and two processes racing for it cannot both commit.
The result is stored with the row as data, so a summary lost in a crash can be posted again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise
from bot.domain import Unit
from bot.rules.lift import Lift
from bot.rules.membership import Prescription
from bot.rules.progression import Change, Progression, Reason, SessionLog, Week, next_prescription
from bot.rules.records import bests, new_records
from bot.rules.standings import Placed
from bot.services import lifts
from bot.services.lifts import DEFAULT_EXERCISE
from bot.services.standings import Recap, recap
from bot.services.values import ChangeEntry, change_of
from bot.store.repository import Tx
from bot.store.tables import BumpRow, ChangeRow, GroupRow, LogRow, MemberRow, TrackRow


@dataclass(frozen=True, slots=True)
class MemberBump:
    name: str
    unit: Unit
    before: Prescription
    after: Prescription
    change: Change
    reason: Reason
    logged: bool
    # Joined after the week's last session: nothing was missed, so nobody says so.
    new: bool = False
    exercise: str = "hip-thrust"  # the exercise id
    exercise_name: str = ""


@dataclass(frozen=True, slots=True)
class WeekRecord:
    """A member's best new estimated 1RM of the week on one variation."""

    name: str
    unit: Unit
    e1rm_kg: float
    variation: str


@dataclass(frozen=True, slots=True)
class BumpResult:
    week: str
    members: tuple[MemberBump, ...] = ()
    coach_changes: tuple[ChangeEntry, ...] = ()
    records: tuple[WeekRecord, ...] = ()
    recap: Recap | None = None
    # The English summary of a bump applied before results were stored as data.
    legacy_text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "members": [
                {
                    "name": m.name,
                    "unit": m.unit.value,
                    "before": ChangeRow.snapshot(m.before),
                    "after": ChangeRow.snapshot(m.after),
                    "change": m.change.value,
                    "reason": m.reason.to_json(),
                    "logged": m.logged,
                    "new": m.new,
                    "exercise": m.exercise,
                }
                for m in self.members
            ],
            "coach": [
                {
                    "name": c.member_name,
                    "unit": c.unit.value,
                    "before": ChangeRow.snapshot(c.before),
                    "after": ChangeRow.snapshot(c.after),
                    "reason": c.reason.to_json() if c.reason else None,
                    "legacy": c.legacy_text,
                    "exercise": c.exercise_id,
                }
                for c in self.coach_changes
            ],
            "records": [
                {"name": r.name, "unit": r.unit.value, "e1rm_kg": r.e1rm_kg, "variation": r.variation}
                for r in self.records
            ],
            "recap": None
            if self.recap is None
            else {
                "sessions": self.recap.sessions,
                "streaks": [[p.rank, p.name, p.value] for p in self.recap.streaks],
                "back": list(self.recap.back),
                "skipped": self.recap.skipped,
            },
        }

    @staticmethod
    def from_json(week: str, data: dict[str, Any], catalogue: Catalogue) -> BumpResult:
        def lift(exercise: str) -> Lift:
            return (catalogue.get(exercise) or catalogue.by_id(DEFAULT_EXERCISE)).lift

        return BumpResult(
            week,
            tuple(
                MemberBump(
                    m["name"],
                    Unit(m["unit"]),
                    ChangeRow.restore(m["before"], lift(m.get("exercise", DEFAULT_EXERCISE))),
                    ChangeRow.restore(m["after"], lift(m.get("exercise", DEFAULT_EXERCISE))),
                    Change(m["change"]),
                    Reason.from_json(m["reason"]),
                    bool(m["logged"]),
                    bool(m.get("new")),
                    str(m.get("exercise", DEFAULT_EXERCISE)),
                    _name(catalogue, str(m.get("exercise", DEFAULT_EXERCISE))),
                )
                for m in data.get("members", [])
            ),
            tuple(
                ChangeEntry(
                    c["name"],
                    Unit(c["unit"]),
                    week,
                    True,
                    ChangeRow.restore(c["before"], lift(c.get("exercise", DEFAULT_EXERCISE))),
                    ChangeRow.restore(c["after"], lift(c.get("exercise", DEFAULT_EXERCISE))),
                    Reason.from_json(c["reason"]) if c.get("reason") else None,
                    c.get("legacy", ""),
                    _name(catalogue, str(c.get("exercise", DEFAULT_EXERCISE))),
                    str(c.get("exercise", DEFAULT_EXERCISE)),
                )
                for c in data.get("coach", [])
            ),
            tuple(
                WeekRecord(r["name"], Unit(r["unit"]), float(r["e1rm_kg"]), r["variation"])
                for r in data.get("records", [])
            ),
            _recap_from_json(data.get("recap")),
        )


async def apply_bump(
    tx: Tx, group: GroupRow, week: str, now: datetime, catalogue: Catalogue
) -> BumpResult | None:
    """Apply the bump for `week`, per member and exercise; None when it was already applied."""
    if await tx.bump(group, week) is not None:
        return None
    bumps: list[MemberBump] = []
    records: list[WeekRecord] = []
    last_session = group.schedule().last_session_of(week)
    planned = group.schedule().session_days(week)
    members = await tx.members(group)
    for member in members:
        logs = await tx.logs_in_week(member, week)
        pain = bool(await tx.pain_in_week(member, week))
        skipped = bool(planned) and set(planned) <= await tx.skipped_days(member)
        for lifted in await lifts.tracks(tx, group, member, catalogue):
            exercise, track = lifted.exercise, lifted.track
            lift = exercise.lift
            mine = [e for e in logs if e.exercise == exercise.id]
            week_input = Week(
                sessions=tuple(SessionLog(e.day, lift.rung(e.variation), e.sets()) for e in mine),
                pain=pain,
                coach_hold=member.hold_week == week,
                misses_before=track.missed_weeks,
                skipped=skipped,
            )
            before = track.prescription(lift)
            reps = exercise.goal(group.goal).rep_range
            result = next_prescription(lift, before, reps, member.unit, week_input, max_sets=group.max_sets)
            await _apply(tx, member, track, week, now, before, result)
            bumps.append(
                MemberBump(
                    member.name,
                    member.unit,
                    before,
                    result.prescription,
                    result.change,
                    result.reason,
                    result.logged,
                    new=member.joined_at > last_session,
                    exercise=exercise.id,
                    exercise_name=exercise.short_name,
                )
            )
            if not member.private:  # `/private on`: no PR line in the recap either
                records += await _records(tx, member, exercise, mine)
    coach = tuple(
        change_of(change, name, unit, catalogue.get(change.exercise) or catalogue.by_id(DEFAULT_EXERCISE))
        for name, unit, change in await tx.coach_changes(group, week)
    )
    kept = await recap(tx, group, week, members)
    bump = BumpResult(week, tuple(bumps), coach, tuple(records), kept)
    await tx.add(BumpRow(group_id=group.pk, week=week, applied_at=now, summary="", details=bump.to_json()))
    return bump


async def applied_bump(tx: Tx, group: GroupRow, week: str, catalogue: Catalogue) -> BumpResult | None:
    """The result of a bump already applied, to post its summary again after a crash."""
    row = await tx.bump(group, week)
    if row is None:
        return None
    if row.details is None:
        return BumpResult(week, legacy_text=row.summary)
    return BumpResult.from_json(week, row.details, catalogue)


async def _apply(
    tx: Tx,
    member: MemberRow,
    track: TrackRow,
    week: str,
    now: datetime,
    before: Prescription,
    result: Progression,
) -> None:
    track.prescribe(result.prescription)
    track.missed_weeks = result.misses
    await tx.add(track)
    await tx.add(
        ChangeRow(
            member_id=member.pk,
            exercise=track.exercise,
            week=week,
            kind=result.change.value,
            before=ChangeRow.snapshot(before),
            after=ChangeRow.snapshot(result.prescription),
            reason="",
            details=result.reason.to_json(),
            created_at=now,
        )
    )


async def _records(
    tx: Tx, member: MemberRow, exercise: Exercise, week_logs: list[LogRow]
) -> list[WeekRecord]:
    """The member's best new e1RM of the week, per variation, against everything before it."""
    found: list[WeekRecord] = []
    by_variation: dict[str, list[LogRow]] = defaultdict(list)
    for entry in week_logs:
        by_variation[entry.variation].append(entry)
    for entries in by_variation.values():
        first_day = min(e.day for e in entries)
        earlier = await tx.logs_before(member, exercise.id, entries[0].variation, first_day)
        broken = new_records(
            bests(s for e in earlier for s in e.sets()), [s for e in entries for s in e.sets()]
        )
        e1rm = [r for r in broken if r.kind == "e1rm"]
        if e1rm:
            found.append(WeekRecord(member.name, member.unit, e1rm[0].load_kg, entries[0].variation))
    return found


def _recap_from_json(data: dict[str, Any] | None) -> Recap | None:
    if not data:
        return None
    streaks = tuple(Placed(int(rank), str(name), float(value)) for rank, name, value in data["streaks"])
    return Recap(
        int(data["sessions"]), streaks, tuple(str(n) for n in data["back"]), int(data.get("skipped", 0))
    )


def _name(catalogue: Catalogue, exercise: str) -> str:
    found = catalogue.get(exercise)
    return found.short_name if found else exercise
