"""The texts of scheduled pushes: reminder, warm-up prompt and post-session nudge."""

from __future__ import annotations

from bot.content.model import Exercise
from bot.markup import bold, escape
from bot.messages import Reply
from bot.services.sessions import NudgeList, SessionDay
from bot.views import buttons
from bot.views import format as fmt


def reminder(session: SessionDay, ex: Exercise) -> Reply:
    lines = [f"⏰ {bold('Hip thrust session')} today at {fmt.clock_time(session.start)}."]
    lines += [
        f"• {bold(p.member.name)}: {fmt.prescription(ex, p.member.prescription, p.member.unit)}"
        for p in session.members
    ]
    lines.append("/today has the warm-up, ramp-up sets and today's cues.")
    return Reply("\n".join(lines))


def warmup(session: SessionDay, ex: Exercise) -> Reply:
    lines = [
        f"🔥 {bold('Warm-up time')}: the session starts at {fmt.clock_time(session.start)}.",
        f"Everyone: {escape(fmt.drills(ex))}.",
    ]
    for p in session.members:
        ramp = fmt.ramp(p.plan)
        lines.append(f"• {bold(p.member.name)}: {escape(ramp) if ramp else 'the drills are your warm-up'}")
    return Reply("\n".join(lines))


def nudge(nudges: NudgeList) -> Reply:
    if not nudges.missing:
        return Reply(f"🎉 Everyone logged today's session ({nudges.total}/{nudges.total}). Great work!")
    names = ", ".join(bold(name) for name in nudges.missing)
    return Reply(
        f"📝 How did it go? Not logged yet: {names}.\n"
        "Reply to this message with your sets (e.g. 3x10 @ 60kg) or tap the button if you did "
        "exactly what was prescribed.",
        buttons=(buttons.done(nudges.day),),
    )
