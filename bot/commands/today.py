"""`/today`: the group's session on the group's local date."""

from __future__ import annotations

from bot.commands.common import (
    day_label,
    describe_prescription,
    drills_text,
    ramp_text,
    require_group,
    session_label,
)
from bot.commands.logbook import done_button
from bot.commands.registry import Context, Router
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.planning import cue_of_the_day, plan_session

router = Router("Training")


@router.command("today")
async def today(ctx: Context) -> Reply:
    """Show today's session for every member, or when the next one is."""
    group = await require_group(ctx)
    schedule = group.schedule()
    day = schedule.local_date(ctx.now)
    if not schedule.is_training_day(day):
        upcoming = schedule.session_at(schedule.next_training_day(day))
        return Reply(
            f"No session today ({day_label(day)}). Next: {bold(session_label(upcoming))} "
            f"({escape(schedule.timezone)})."
        )
    ex = ctx.exercise
    goal = ex.goal(group.goal)
    drills = drills_text(ex)
    lines = [
        f"🏋️ {bold(f'{day_label(day)}: hip thrust day')} ({group.goal.value}, {goal.rep_range} reps), "
        f"session at {schedule.session_at(day):%H:%M}.",
        f"Warm-up for everyone: {escape(drills)}.",
        f"Rest {escape(goal.rest)}. Tempo: {escape(ex.tempo.summary)}",
    ]
    members = await ctx.tx.members(group)
    if not members:
        lines.append("\nNobody has joined yet: /join beginner, or /join intermediate 60kg.")
    points = ex.coaching_points()
    for index, member in enumerate(members):
        plan = plan_session(member.prescription(), member.unit, cue_of_the_day(points, day, index))
        ramp = f"Ramp-up: {ramp_text(plan) or 'the warm-up drills are enough at this load.'}"
        lines.append(
            f"\n{bold(member.name)}: {describe_prescription(ex, member.prescription(), member.unit)}\n"
            f"  {escape(ramp)}\n  Cue: {escape(plan.cue)}"
        )
    if not members:
        return Reply("\n".join(lines))
    lines.append(
        "\nAfter training: tap the button, or reply to this message with what you did (3x10 @ 60kg)."
    )
    return Reply("\n".join(lines), buttons=(done_button(day),))
