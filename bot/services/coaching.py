"""The coach's controls: set a member's prescription, hold it for the week, deload it now.

Every control is recorded as a change with its reason, shown in `/me` and in the next weekly
summary, so members always see why their numbers moved.
"""

from __future__ import annotations

from datetime import datetime

from bot.rules.membership import Prescription
from bot.rules.progression import Change, Reason, Why, deload
from bot.rules.schedule import iso_week
from bot.services.lifts import Lifted
from bot.services.values import ChangeEntry
from bot.store.repository import Tx
from bot.store.tables import ChangeRow, GroupRow, MemberRow


async def set_prescription(
    tx: Tx, group: GroupRow, member: MemberRow, on: Lifted, after: Prescription, now: datetime
) -> ChangeEntry:
    return await _record(tx, group, member, on, after, Reason(Why.COACH_SET), Change.LOAD, now)


async def hold(tx: Tx, group: GroupRow, member: MemberRow, on: Lifted, now: datetime) -> ChangeEntry:
    """Hold the member's bump this week (every exercise: a hold is about the person)."""
    member.hold_week = iso_week(group.schedule().local_date(now))
    await tx.add(member)
    current = on.track.prescription(on.exercise.lift)
    return await _record(tx, group, member, on, current, Reason(Why.COACH_HOLD), Change.HOLD, now)


async def deload_now(tx: Tx, group: GroupRow, member: MemberRow, on: Lifted, now: datetime) -> ChangeEntry:
    reps = on.exercise.goal(group.goal).rep_range
    current = on.track.prescription(on.exercise.lift)
    result = deload(current, reps, member.unit, Reason(Why.COACH_DELOAD))
    return await _record(tx, group, member, on, result.prescription, result.reason, Change.DELOAD, now)


async def _record(
    tx: Tx,
    group: GroupRow,
    member: MemberRow,
    on: Lifted,
    after: Prescription,
    reason: Reason,
    kind: Change,
    now: datetime,
) -> ChangeEntry:
    before = on.track.prescription(on.exercise.lift)
    on.track.prescribe(after)
    await tx.add(on.track)
    week = iso_week(group.schedule().local_date(now))
    # The kind column keeps the words earlier versions wrote for coach changes.
    kind_text = {Change.LOAD: "coach", Change.HOLD: "hold", Change.DELOAD: "deload"}[kind]
    await tx.add(
        ChangeRow(
            member_id=member.pk,
            exercise=on.exercise.id,
            week=week,
            kind=kind_text,
            by_coach=True,
            before=ChangeRow.snapshot(before),
            after=ChangeRow.snapshot(after),
            reason="",
            details=reason.to_json(),
            created_at=now,
        )
    )
    return ChangeEntry(
        member.name,
        member.unit,
        week,
        True,
        before,
        after,
        reason,
        exercise=on.exercise.short_name,
        exercise_id=on.exercise.id,
    )
