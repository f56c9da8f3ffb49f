"""Replies about the group's program: set up, paused, resumed, the schedule."""

from __future__ import annotations

from bot.markup import bold, escape
from bot.messages import Reply
from bot.services.program import LineupView, ProgramStatus
from bot.services.values import Program
from bot.views import format as fmt
from bot.views.problems import JOIN_USAGE, PROGRAM_EXAMPLE


def program_set(status: ProgramStatus) -> Reply:
    verb = "Program set" if status.created else "Program updated"
    return Reply(f"✅ {verb}. {summary(status)}\n\nMembers: {JOIN_USAGE}")


def paused() -> Reply:
    return Reply("⏸ Paused. No reminders, prompts or weekly bumps until an admin runs /resume.")


def resumed(status: ProgramStatus) -> Reply:
    return Reply(f"▶️ Resumed. {summary(status)}")


def back(status: ProgramStatus, *, resumed: bool) -> Reply:
    """Added back to a group that has a program."""
    if resumed:
        return Reply(f"👋 I'm back, and reminders are on again. {summary(status)}")
    return Reply(f"👋 I'm back. {summary(status)}")


def schedule(status: ProgramStatus) -> Reply:
    return Reply(summary(status))


def summary(status: ProgramStatus) -> str:
    p = status.program
    if p.paused:
        pushes = "\n⏸ Paused: no reminders until an admin runs /resume."
    elif p.removed:
        pushes = (
            "\n⏸ Paused: I could not post here (was I removed?), so reminders stopped. "
            "An admin's /resume turns them back on."
        )
    else:
        pushes = (
            f"\nReminder {p.reminder_lead_min} min before, warm-up prompt {p.warmup_lead_min} min before."
        )
    return (
        f"Goal {bold(p.goal.value)} ({fmt.rep_range(p.reps)} reps), {_sets(p)}, "
        f"{escape(fmt.schedule(p.schedule))}.\n"
        f"Next session: {fmt.session_label(status.next_session)}.{pushes}"
    )


def _sets(p: Program) -> str:
    if p.max_sets > p.sets:
        return f"{p.sets} sets (adding sets up to {p.max_sets} as you progress)"
    return f"{p.sets} sets"


def lineup(shown: LineupView, *, changed: bool = False) -> Reply:
    """`Monday: hip thrust, Romanian deadlift, split squat` per training day."""
    head = "✅ Program updated." if changed else "🗓 The program:"
    days = "\n".join(
        f"• {fmt.weekday(day)}: {escape(', '.join(e.short_name for e in exercises) or 'no exercises')}"
        for day, exercises in shown.days
    )
    hint = f"\nAdmins change it with {escape(PROGRAM_EXAMPLE)}" if shown.default or not changed else ""
    return Reply(f"{head}\n{days}{hint}")
