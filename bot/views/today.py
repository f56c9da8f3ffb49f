"""`/today`: the group's session, or when the next one is."""

from __future__ import annotations

from bot.content.model import Exercise
from bot.markup import bold, escape
from bot.messages import Reply
from bot.services.sessions import RestDay, SessionDay
from bot.views import buttons
from bot.views import format as fmt

# Above this many members `/today` is one line each, so a 50-member group still fits one
# Telegram message (4096 characters) or one Discord embed.
COMPACT_FROM = 12


def _compact(session: SessionDay) -> list[str]:
    """One cue for everyone, then each member's work and ramp-up on one line."""
    lines = [f"💡 Cue of the day: {escape(session.members[0].plan.cue)}", ""]
    for planned in session.members:
        m, plan = planned.member, planned.plan
        ramp = ", ".join(f"{fmt.number(r.load)}×{r.reps}" for r in plan.ramp)
        tail = f" · ramp {escape(ramp)}" if ramp else ""
        work = bold(fmt.work(m.prescription, m.unit))
        lines.append(f"{bold(m.name)}: {escape(m.prescription.variation.id)} {work}{tail}")
    return lines


def rest_day(rest: RestDay) -> Reply:
    return Reply(
        f"No session today ({fmt.day_label(rest.day)}). Next: {bold(fmt.session_label(rest.next_start))} "
        f"({escape(rest.timezone)})."
    )


def session_day(session: SessionDay, ex: Exercise) -> Reply:
    program = session.program
    goal = ex.goal(program.goal)
    title = f"{fmt.day_label(session.day)}: hip thrust day"
    lines = [
        f"🏋️ {bold(title)} ({program.goal.value}, {fmt.rep_range(program.reps)} reps), "
        f"session at {fmt.clock_time(session.start)}.",
        f"Warm-up for everyone: {escape(fmt.drills(ex))}.",
        f"Rest {escape(goal.rest)}. Tempo: {escape(ex.tempo.summary)}",
    ]
    if not session.members:
        lines.append("\nNobody has joined yet: /join beginner, or /join intermediate 60kg.")
        return Reply("\n".join(lines))
    if len(session.members) > COMPACT_FROM:
        lines += _compact(session)
    else:
        for planned in session.members:
            m, plan = planned.member, planned.plan
            ramp = f"Ramp-up: {fmt.ramp(plan) or 'the warm-up drills are enough at this load.'}"
            lines.append(
                f"\n{bold(m.name)}: {fmt.prescription(ex, m.prescription, m.unit)}\n"
                f"  {escape(ramp)}\n  Cue: {escape(plan.cue)}"
            )
    lines.append(
        "\nAfter training: tap the button, or reply to this message with what you did (3x10 @ 60kg)."
    )
    return Reply("\n".join(lines), buttons=(buttons.done(session.day),))
