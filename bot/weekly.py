"""The weekly bump for a group: apply the progression rule to every member, once per ISO week.

The bump row's unique (group, week) key is what makes it happen once: running it again for the
same week returns None and changes nothing, and two processes racing for it cannot both commit.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from bot.content.model import Exercise
from bot.markup import bold, escape
from bot.rules.loads import logged_weight
from bot.rules.membership import Prescription
from bot.rules.progression import Change, Progression, SessionLog, Week, describe, next_prescription
from bot.rules.records import bests, new_records
from bot.rules.schedule import week_start
from bot.store.repository import Tx
from bot.store.tables import BumpRow, ChangeRow, GroupRow, LogRow, MemberRow


async def apply_weekly_bump(
    tx: Tx, group: GroupRow, week: str, now: datetime, exercise: Exercise
) -> str | None:
    """Apply the bump for `week`; the summary (markup) or None when it was already applied."""
    if await tx.bump(group, week) is not None:
        return None
    reps = exercise.goal(group.goal).rep_range
    lines: list[str] = []
    records: list[str] = []
    for member in await tx.members(group):
        logs = await tx.logs_in_week(member, week)
        week_input = Week(
            sessions=tuple(SessionLog(e.day, e.variation, e.sets()) for e in logs),
            pain=bool(await tx.pain_in_week(member, week)),
            coach_hold=member.hold_week == week,
            misses_before=member.missed_weeks,
        )
        before = member.prescription()
        result = next_prescription(before, reps, member.unit, week_input, max_sets=group.max_sets)
        await _apply(tx, member, week, now, before, result)
        lines.append(_line(member, before, result))
        records += await _records(tx, member, logs)
    coach = [
        f"• {escape(name)}: {escape(change.reason)}" for name, change in await tx.coach_changes(group, week)
    ]
    summary = _summary(week, lines, coach, records)
    await tx.add(BumpRow(group_id=group.pk, week=week, applied_at=now, summary=summary))
    return summary


async def _apply(
    tx: Tx, member: MemberRow, week: str, now: datetime, before: Prescription, result: Progression
) -> None:
    member.prescribe(result.prescription)
    member.missed_weeks = result.misses
    await tx.add(member)
    await tx.add(
        ChangeRow(
            member_id=member.pk,
            week=week,
            kind=result.change.value,
            before=ChangeRow.snapshot(before),
            after=ChangeRow.snapshot(result.prescription),
            reason=result.reason,
            created_at=now,
        )
    )


def _line(member: MemberRow, before: Prescription, result: Progression) -> str:
    name = bold(member.name)
    reason = escape(result.reason)
    if result.change is Change.HOLD:
        held = escape(describe(result.prescription, member.unit))
        nudge = (
            "" if result.logged else f" We missed you, {escape(member.name)}: see you at the next session 💪"
        )
        return f"• {name}: holds {held} ({reason}).{nudge}"
    old, new = describe(before, member.unit), describe(result.prescription, member.unit)
    return f"• {name}: {escape(old)} → {bold(new)} ({reason})"


async def _records(tx: Tx, member: MemberRow, week_logs: list[LogRow]) -> list[str]:
    """The member's best new e1RM of the week, per variation, against everything before it."""
    found: list[str] = []
    by_variation: dict[str, list[LogRow]] = defaultdict(list)
    for entry in week_logs:
        by_variation[entry.variation.value].append(entry)
    for entries in by_variation.values():
        first_day = min(e.day for e in entries)
        earlier = await tx.logs_before(member, entries[0].variation, first_day)
        broken = new_records(
            bests(s for e in earlier for s in e.sets()), [s for e in entries for s in e.sets()]
        )
        e1rm = [r for r in broken if r.kind == "e1rm"]
        if e1rm:
            weight = logged_weight(e1rm[0].load_kg, member.unit)
            found.append(f"{escape(member.name)} (est. 1RM {weight}, {entries[0].variation.value})")
    return found


def _summary(week: str, lines: list[str], coach: list[str], records: list[str]) -> str:
    monday = week_start(week)
    parts = [f"📈 {bold('Weekly progress')}, week of {monday:%a} {monday.day} {monday:%b}"]
    parts += lines or ["Nobody has joined yet: /join to get a program."]
    if coach:
        parts.append(f"\n{bold('Coach changes this week')}\n" + "\n".join(coach))
    if records:
        parts.append(f"\n🏆 PRs this week: {'; '.join(records)}")
    return "\n".join(parts)
