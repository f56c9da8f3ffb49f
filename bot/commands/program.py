"""The group's program: goal, training days, time, time zone and sets."""

from __future__ import annotations

from dataclasses import replace

from bot.commands.common import SETUP_EXAMPLE, require_group, session_label
from bot.commands.registry import Context, Refusal, Router
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.membership import JOIN_USAGE
from bot.rules.program import FIELD_HELP, ProgramChange, SetupProblems, parse_setup
from bot.store.tables import GroupRow

router = Router("Program (admins)")

_REQUIRED_FOR_NEW = ("goal", "weekdays", "start", "timezone")
_FIELD_NAMES = {"goal": "goal", "weekdays": "days", "start": "time", "timezone": "tz"}


@router.command("setup", usage="goal days time tz [sets]", admin=True)
async def setup(ctx: Context) -> Reply:
    """Set or change the program: goal, 1–3 training days, local time, time zone, sets (3–5)."""
    try:
        change = parse_setup(ctx.args)
    except SetupProblems as problems:
        raise Refusal(_explain(list(problems.problems))) from None
    group = await ctx.tx.group(ctx.incoming.address)
    if change.is_empty():
        raise Refusal(_explain([]))
    if group is None:
        missing = [_FIELD_NAMES[f] for f in _REQUIRED_FOR_NEW if getattr(change, f) is None]
        if missing:
            raise Refusal(_explain([f"a new program needs {', '.join(missing)}"]))
        group = _new_group(ctx, change)
        await ctx.tx.add(group)
        verb = "Program set"
    else:
        _update_group(group, change, ctx)
        await ctx.tx.add(group)
        await _fit_members(ctx, group, reset_sets=change.sets is not None)
        verb = "Program updated"
    ctx.schedule_changed.append(True)
    return Reply(f"✅ {verb}. {_summary(ctx, group)}\n\nMembers: {JOIN_USAGE}")


@router.command("pause", admin=True)
async def pause(ctx: Context) -> Reply:
    """Stop reminders, prompts and weekly bumps until /resume."""
    group = await require_group(ctx)
    group.paused, group.updated_at = True, ctx.now
    await ctx.tx.add(group)
    ctx.schedule_changed.append(True)
    return Reply("⏸ Paused. No reminders, prompts or weekly bumps until an admin runs /resume.")


@router.command("resume", admin=True)
async def resume(ctx: Context) -> Reply:
    """Start reminders, prompts and weekly bumps again."""
    group = await require_group(ctx)
    group.paused, group.updated_at = False, ctx.now
    await ctx.tx.add(group)
    ctx.schedule_changed.append(True)
    return Reply(f"▶️ Resumed. {_summary(ctx, group)}")


@router.command("schedule")
async def schedule(ctx: Context) -> Reply:
    """Show the program and when the next session is."""
    group = await require_group(ctx)
    return Reply(_summary(ctx, group))


def _summary(ctx: Context, group: GroupRow) -> str:
    sched = group.schedule()
    reps = ctx.exercise.goal(group.goal).rep_range
    today = sched.local_date(ctx.now)
    day = (
        today
        if sched.is_training_day(today) and sched.session_at(today) > ctx.now
        else (sched.next_training_day(today))
    )
    paused = (
        "\n⏸ Paused: no reminders until an admin runs /resume."
        if group.paused
        else (
            f"\nReminder {group.reminder_lead_min} min before, "
            f"warm-up prompt {group.warmup_lead_min} min before."
        )
    )
    return (
        f"Goal {bold(group.goal.value)} ({reps} reps), {_sets(group)}, "
        f"{escape(sched.describe())}.\n"
        f"Next session: {session_label(sched.session_at(day))}.{paused}"
    )


def _sets(group: GroupRow) -> str:
    if group.max_sets > group.sets:
        return f"{group.sets} sets (adding sets up to {group.max_sets} as you progress)"
    return f"{group.sets} sets"


def _new_group(ctx: Context, change: ProgramChange) -> GroupRow:
    assert change.goal is not None
    assert change.weekdays is not None
    assert change.start is not None
    assert change.timezone is not None
    group = GroupRow(
        address=str(ctx.incoming.address),
        goal=change.goal,
        weekdays="",
        start=change.start,
        timezone=change.timezone,
        sets=change.sets or 3,
        max_sets=change.max_sets or change.sets or 3,
        reminder_lead_min=change.reminder_lead_min or 60,
        warmup_lead_min=change.warmup_lead_min or 10,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    group.set_weekdays(change.weekdays)
    return group


def _update_group(group: GroupRow, change: ProgramChange, ctx: Context) -> None:
    if change.goal is not None:
        group.goal = change.goal
    if change.weekdays is not None:
        group.set_weekdays(change.weekdays)
    if change.start is not None:
        group.start = change.start
    if change.timezone is not None:
        group.timezone = change.timezone
    if change.sets is not None:
        group.sets = change.sets
        group.max_sets = change.max_sets or change.sets
    if change.reminder_lead_min is not None:
        group.reminder_lead_min = change.reminder_lead_min
    if change.warmup_lead_min is not None:
        group.warmup_lead_min = change.warmup_lead_min
    group.updated_at = ctx.now


async def _fit_members(ctx: Context, group: GroupRow, *, reset_sets: bool) -> None:
    """Keep every member inside the program: reps within the goal's range, and the new sets."""
    reps = ctx.exercise.goal(group.goal).rep_range
    for member in await ctx.tx.members(group):
        p = member.prescription()
        target = p.reps if reps.low <= p.reps <= reps.high else reps.low
        member.prescribe(replace(p, sets=group.sets if reset_sets else p.sets, reps=target))
        await ctx.tx.add(member)


def _explain(problems: list[str]) -> str:
    lines = [f"• {escape(p)}" for p in problems]
    fields = "\n".join(f"  {escape(h)}" for h in FIELD_HELP.values())
    head = "I couldn't set that up:\n" + "\n".join(lines) + "\n\n" if lines else ""
    return f"{head}Usage: {SETUP_EXAMPLE} [sets]\n{fields}"
