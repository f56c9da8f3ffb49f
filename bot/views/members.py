"""Replies about a member's own profile: joining, `/me`, `/unit`."""

from __future__ import annotations

from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.membership import StartNote
from bot.services.members import Joined, Profile
from bot.services.values import Member
from bot.views import format as fmt
from bot.views import reasons

_NOTES = {
    StartNote.BEGINNER_ON_BODYWEIGHT: "Beginners start on the {start} to learn the pattern.",
    StartNote.LIGHTER_THAN_THE_BAR: "That's lighter than an empty barbell, so you start with a dumbbell.",
    StartNote.FIND_YOUR_LOAD: (
        "No starting load yet: in your first session, work up to a load you could lift about two "
        "more times than the reps asked, and log it. Your first log sets your load."
    ),
}


def joined(result: Joined) -> Reply:
    m = result.member
    greeting = "Updated your profile" if result.rejoined else "Welcome to the program"
    start = m.exercise.variation(m.prescription.variation).name.lower()
    extra = f"\n{escape(_NOTES[result.note].format(start=start))}" if result.note else ""
    others = "".join(f"\n• {_lift(o)}" for o in result.others)
    also = f"\nYour other lifts:{others}" if others else ""
    return Reply(
        f"💪 {greeting}, {bold(m.name)} ({m.level.value}).\n"
        f"You start with: {fmt.prescription(m.exercise, m.prescription, m.unit)}.{extra}{also}\n"
        "On training days /today shows your session."
    )


def _lift(m: Member) -> str:
    """`Barbell Romanian deadlift *3 × 8 @ …*` in a list of several lifts."""
    return fmt.prescription(m.exercise, m.prescription, m.unit)


def profile(result: Profile) -> Reply:
    m = result.member
    change = result.last_change
    why = (
        f"\nLast change ({fmt.week_label(change.week)}): {escape(reasons.change(change))}." if change else ""
    )
    if len(result.lifts) > 1:
        current = "Current prescriptions:" + "".join(f"\n• {_lift(one)}" for one in result.lifts)
    else:
        current = f"Current prescription: {fmt.prescription(m.exercise, m.prescription, m.unit)}."
    return Reply(
        f"{bold(m.name)}: {m.level.value}, weights in {m.unit.value}.\n{current}{why}",
        private=True,  # a personal answer: said to the asker alone where the platform can
    )


def unit_changed(member: Member) -> Reply:
    return Reply(
        f"Done: you'll see {member.unit.value}. Your prescription: "
        f"{fmt.prescription(member.exercise, member.prescription, member.unit)}."
    )
