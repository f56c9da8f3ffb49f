"""The texts of scheduled pushes: reminder, warm-up prompt and post-session nudge."""

from __future__ import annotations

from datetime import date, datetime

from bot.commands.common import describe_prescription, drills_text, ramp_text
from bot.commands.logbook import done_button
from bot.content.model import Exercise
from bot.domain import PushKind
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.planning import plan_session
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow


async def session_push(
    tx: Tx, group: GroupRow, kind: PushKind, session: datetime, ex: Exercise
) -> Reply | None:
    """The push of `kind` for the session starting at `session`; None when there is no one to tell."""
    members = await tx.members(group)
    if not members:
        return None
    if kind is PushKind.REMINDER:
        return _reminder(members, session, ex)
    if kind is PushKind.WARMUP:
        return _warmup(members, session, ex)
    return await _nudge(tx, members, session.date())


def _reminder(members: list[MemberRow], session: datetime, ex: Exercise) -> Reply:
    lines = [f"⏰ {bold('Hip thrust session')} today at {session:%H:%M}."]
    lines += [f"• {bold(m.name)}: {describe_prescription(ex, m.prescription(), m.unit)}" for m in members]
    lines.append("/today has the warm-up, ramp-up sets and today's cues.")
    return Reply("\n".join(lines))


def _warmup(members: list[MemberRow], session: datetime, ex: Exercise) -> Reply:
    drills = drills_text(ex)
    lines = [
        f"🔥 {bold('Warm-up time')}: the session starts at {session:%H:%M}.",
        f"Everyone: {escape(drills)}.",
    ]
    for member in members:
        plan = plan_session(member.prescription(), member.unit, cue="")
        ramp = ramp_text(plan)
        lines.append(f"• {bold(member.name)}: {escape(ramp) if ramp else 'the drills are your warm-up'}")
    return Reply("\n".join(lines))


async def _nudge(tx: Tx, members: list[MemberRow], day: date) -> Reply:
    missing = [m for m in members if not await tx.logged_on(m, day)]
    if not missing:
        return Reply(f"🎉 Everyone logged today's session ({len(members)}/{len(members)}). Great work!")
    names = ", ".join(bold(m.name) for m in missing)
    return Reply(
        f"📝 How did it go? Not logged yet: {names}.\n"
        "Reply to this message with your sets (e.g. 3x10 @ 60kg) or tap the button if you did "
        "exactly what was prescribed.",
        buttons=(done_button(day),),
    )
