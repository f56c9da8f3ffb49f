"""The coach's confirmation of a change to a member's prescription."""

from __future__ import annotations

from bot.markup import bold, escape
from bot.messages import Reply
from bot.services.values import ChangeEntry
from bot.views import format as fmt
from bot.views import reasons


def coach_change(change: ChangeEntry) -> Reply:
    before = fmt.short_prescription(change.before, change.unit)
    after = fmt.short_prescription(change.after, change.unit)
    text = f"{escape(before)} → {bold(after)}" if change.before != change.after else escape(after)
    cause = reasons.coach_reason(change.reason) if change.reason else change.legacy_text
    return Reply(
        f"👍 {bold(change.member_name)}: {text} ({escape(cause)}). It will show in the weekly summary."
    )
