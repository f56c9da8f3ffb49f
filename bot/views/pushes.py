"""The texts of scheduled pushes: reminder, warm-up prompt and post-session nudge."""

from __future__ import annotations

from bot.markup import bold, escape
from bot.messages import Reply
from bot.services.attendance import Answered, Attendance
from bot.services.sessions import NudgeList, SessionDay
from bot.views import buttons
from bot.views import format as fmt
from bot.views.today import by_member, day_title


def reminder(session: SessionDay, answers: Attendance | None = None, replaces: str | None = None) -> Reply:
    """The session's reminder with who is in and who skips (`answers`), and the buttons to
    say so; `replaces` rewrites the reminder already posted."""
    lifts = day_title(session)
    title = f"{lifts[0].upper()}{lifts[1:]} session"
    lines = [f"⏰ {bold(title)} today at {fmt.clock_time(session.start)}."]
    for plans in by_member(session):
        m = plans[0].member
        if len(plans) == 1:
            lines.append(f"• {bold(m.name)}: {fmt.prescription(m.exercise, m.prescription, m.unit)}")
            continue
        work = " · ".join(
            f"{escape(p.member.exercise.short_name)} {fmt.work(p.member.prescription, m.unit)}" for p in plans
        )
        lines.append(f"• {bold(m.name)}: {work}")
    lines.append("/today has the warm-up, ramp-up sets and today's cues.")
    if answers is not None and (answers.going or answers.skipping):
        lines.append("")
        if answers.going:
            lines.append(f"🙋 In ({len(answers.going)}): {escape(', '.join(answers.going))}")
        if answers.skipping:
            lines.append(f"🛌 Skipping ({len(answers.skipping)}): {escape(', '.join(answers.skipping))}")
    return Reply("\n".join(lines), buttons=buttons.rsvp(session.day), replaces=replaces)


def answered(answer: Answered) -> Reply:
    """The answer to a typed "I'm in" / "skipping"."""
    day = fmt.day_label(answer.day)
    if answer.going:
        return Reply(f"🙋 {bold(answer.name)} is in for {day}. See you there!")
    return Reply(f"🛌 Noted: {bold(answer.name)} skips {day}. It won't count as a miss; rest well.")


def warmup(session: SessionDay) -> Reply:
    """The drills once (the day's first exercise), then each member's ramp-up for their first
    heavy lift."""
    lines = [
        f"🔥 {bold('Warm-up time')}: the session starts at {fmt.clock_time(session.start)}.",
        f"Everyone: {escape(fmt.drills(session.exercises[0]))}.",
    ]
    for plans in by_member(session):
        heavy = next((p for p in plans if p.plan.ramp), None)
        ramp = fmt.ramp(heavy.plan) if heavy else ""
        if heavy is not None and len(plans) > 1:
            ramp = f"{heavy.member.exercise.short_name}: {ramp}"
        name = bold(plans[0].member.name)
        bar = next((p.plan for p in plans if p.plan.plates), None)
        if bar is not None and bar.plates is not None and bar.load is not None:
            work = f"{fmt.weight(bar.load, bar.unit)}: {fmt.plates(bar.plates, bar.unit)}"
            ramp = f"{ramp}; work {work}" if ramp else f"work {work}"
        lines.append(f"• {name}: {escape(ramp) if ramp else 'the drills are your warm-up'}")
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
