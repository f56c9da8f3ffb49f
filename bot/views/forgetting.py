"""Replies about leaving a program and being forgotten: plain about what goes and what stays."""

from __future__ import annotations

from bot.markup import bold
from bot.messages import Reply
from bot.services.forgetting import Forgotten, Left
from bot.views import buttons
from bot.views import format as fmt


def left(result: Left) -> Reply:
    return Reply(
        f"👋 {bold(result.name)} left the program: no more lines in /today, pushes or weekly bumps. "
        f"Your history stays ({fmt.plural(result.logs_kept, 'log')}): /join brings you back with it, "
        "/export takes a copy, /forget deletes it."
    )


def confirm_forget(user_id: str, *, yours: bool) -> Reply:
    whose = "you" if yours else "this member"
    return Reply(
        f"⚠️ This deletes everything Spotter holds about {whose} in every group here: logs, "
        "records, prescription changes, pain notes, session answers and names. It cannot be undone"
        f"{' (/export first keeps a copy)' if yours else ''}.",
        buttons=(buttons.forget(user_id),),
        private=True,
    )


def forgotten(result: Forgotten, *, yours: bool) -> Reply:
    if not result.groups:
        return Reply(
            "🗑 Done: Spotter held nothing more about them." if not yours else "🗑 Done: nothing was left."
        )
    logs, groups = fmt.plural(result.logs, "log"), fmt.plural(result.groups, "program")
    who = "you" if yours else "them"
    return Reply(f"🗑 Done: Spotter forgot {who} ({logs} in {groups} deleted, names included).")


def forget_who() -> Reply:
    return Reply(
        "An admin forgets a member who left: /forget @name (they can /forget themselves).", private=True
    )
