"""When each push is due relative to a session, and when it is too late to bother.

Reminders and warm-up prompts are only useful before the session starts: after downtime, one
whose session has already started is skipped. A nudge is only useful the evening of the
session: it is skipped once `NUDGE_FRESH` has passed. A weekly bump is never stale: missed, it
is applied once when the scheduler is back.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.domain import PushKind

NUDGE_DELAY = timedelta(hours=2)
NUDGE_FRESH = timedelta(hours=4)
BUMP_WEEKDAY = 6  # Sunday
BUMP_TIME = time(20, 0)


def lead_before_session(kind: PushKind, reminder_lead: timedelta, warmup_lead: timedelta) -> timedelta:
    """How long before the session start a push fires (negative: after it)."""
    if kind is PushKind.REMINDER:
        return reminder_lead
    if kind is PushKind.WARMUP:
        return warmup_lead
    if kind is PushKind.NUDGE:
        return -NUDGE_DELAY
    raise ValueError("the weekly bump is not tied to a session")


def is_stale(kind: PushKind, occurrence: datetime, now: datetime, lead: timedelta = timedelta(0)) -> bool:
    """Whether a push due at `occurrence` is no longer worth sending at `now`."""
    if kind is PushKind.BUMP:
        return False
    if kind is PushKind.NUDGE:
        return now >= occurrence + NUDGE_FRESH
    return now >= occurrence + lead
