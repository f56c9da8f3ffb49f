"""Private-chat answers: the member's own sessions, profile and history across their groups."""

from __future__ import annotations

from collections.abc import Sequence

from bot.buttons import PickGroupPayload
from bot.markup import bold, escape
from bot.messages import Button, Reply
from bot.services.logbook import AlreadyLogged, History, Logged
from bot.services.members import Profile
from bot.services.personal import GroupLabel, Mine, MyDay, PickGroup
from bot.services.sessions import RestDay
from bot.views import format as fmt
from bot.views import logbook, members
from bot.views.problems import JOIN_USAGE
from bot.views.refusals import SETUP_EXAMPLE


def start(user_name: str) -> Reply:
    return Reply(
        f"👋 Hi {escape(user_name)}, I'm {bold('Spotter')}, a strength coach for training groups.\n\n"
        f"{bold('To train with your group')}\n"
        "1. Add me to your group chat: open the group, tap its name, then Add members, and pick me.\n"
        f"2. A group admin sets the program there:\n   {SETUP_EXAMPLE}\n"
        f"3. Everyone joins in the group:\n   {JOIN_USAGE}\n\n"
        "Here in private I show your own plan from each of your groups: /today, /me, /history. "
        "You can also send me your sets (3x10 @ 60kg) and I'll log them to your group."
    )


def label(group: GroupLabel) -> str:
    """The group's title, or its schedule when the platform gave none (markup)."""
    return (
        bold(group.title) if group.title else bold(f"Group training {fmt.schedule(group.program.schedule)}")
    )


def today(days: Sequence[MyDay]) -> Reply:
    parts = []
    for day in days:
        found = day.session
        if isinstance(found, RestDay):
            parts.append(
                f"{label(day.group)}: no session today. Next: {fmt.session_label(found.next_start)}."
            )
            continue
        first = found.members[0]
        m, plan = first.member, first.plan
        heavy = next((p.plan for p in found.members if p.plan.ramp), plan)
        ramp = fmt.ramp(heavy) or "the warm-up drills are enough at this load."
        work = "\n".join(
            fmt.prescription(p.member.exercise, p.member.prescription, m.unit) for p in found.members
        )
        parts.append(
            f"{label(day.group)}: {fmt.day_label(found.day)} at {fmt.clock_time(found.start)}\n"
            f"{work}\n"
            f"  Warm-up: {escape(fmt.drills(m.exercise))}.\n"
            f"  Ramp-up: {escape(ramp)}\n  Cue: {escape(plan.cue)}"
        )
    return Reply("\n\n".join(parts) + "\n\nSend me your sets after training (3x10 @ 60kg).")


def profiles(found: Sequence[Mine[Profile]]) -> Reply:
    return Reply("\n\n".join(f"{label(p.group)}\n{members.profile(p.item).text}" for p in found))


def histories(found: Sequence[Mine[History]]) -> Reply:
    return Reply("\n\n".join(f"{label(h.group)}\n{logbook.history(h.item).text}" for h in found))


def logged(result: Mine[Logged | AlreadyLogged]) -> Reply:
    if isinstance(result.item, AlreadyLogged):
        return logbook.already_logged(result.item)
    confirmation = logbook.logged(result.item)
    return Reply(f"{confirmation.text}\n(in {label(result.group)})", buttons=confirmation.buttons)


def pick_group(pick: PickGroup) -> Reply:
    buttons = tuple(
        Button(_plain_label(g)[:40], PickGroupPayload(pick.parked_id, g.id).pack()) for g in pick.groups
    )
    return Reply("You train in more than one group: which one is this for?", buttons=buttons)


def _plain_label(group: GroupLabel) -> str:
    return group.title or f"Group training {fmt.schedule(group.program.schedule)}"
