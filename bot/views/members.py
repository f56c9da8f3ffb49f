"""Replies about a member's own profile: joining, `/me`, `/unit`."""

from __future__ import annotations

from bot.content.model import Exercise
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.membership import StartNote
from bot.services.members import Joined, Profile
from bot.services.values import Member
from bot.views import format as fmt
from bot.views import reasons

_NOTES = {
    StartNote.BEGINNER_ON_BODYWEIGHT: "Beginners start on the bodyweight hip thrust to learn the pattern.",
    StartNote.LIGHTER_THAN_THE_BAR: "That's lighter than an empty barbell, so you start with a dumbbell.",
    StartNote.FIND_YOUR_LOAD: (
        "No starting load yet: in your first session, work up to a load you could lift about two "
        "more times than the reps asked, and log it. Your first log sets your load."
    ),
}


def joined(result: Joined, ex: Exercise) -> Reply:
    m = result.member
    greeting = "Updated your profile" if result.rejoined else "Welcome to the program"
    extra = f"\n{escape(_NOTES[result.note])}" if result.note else ""
    return Reply(
        f"💪 {greeting}, {bold(m.name)} ({m.level.value}).\n"
        f"You start with: {fmt.prescription(ex, m.prescription, m.unit)}.{extra}\n"
        "On training days /today shows your session."
    )


def profile(result: Profile, ex: Exercise) -> Reply:
    m = result.member
    change = result.last_change
    why = (
        f"\nLast change ({fmt.week_label(change.week)}): {escape(reasons.change(change))}." if change else ""
    )
    return Reply(
        f"{bold(m.name)}: {m.level.value}, weights in {m.unit.value}.\n"
        f"Current prescription: {fmt.prescription(ex, m.prescription, m.unit)}.{why}",
        private=True,  # a personal answer: said to the asker alone where the platform can
    )


def unit_changed(member: Member, ex: Exercise) -> Reply:
    return Reply(
        f"Done: you'll see {member.unit.value}. Your prescription: "
        f"{fmt.prescription(ex, member.prescription, member.unit)}."
    )
