"""A member's progress on one exercise, as the weekly figures a chart plots."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.model import Exercise
from bot.domain import Unit
from bot.rules.progress import LoggedSession, WeekPoint, weekly_points
from bot.store.repository import Tx
from bot.store.tables import MemberRow


@dataclass(frozen=True, slots=True)
class Progress:
    name: str
    unit: Unit  # the viewer's
    exercise: Exercise
    weeks: tuple[WeekPoint, ...]


async def progress(tx: Tx, member: MemberRow, exercise: Exercise, unit: Unit | None = None) -> Progress:
    """Every week the member logged `exercise` (undone logs left out), to be shown in `unit`
    (the viewer's; by default the member's own)."""
    logs = await tx.logs_of(member, exercise.id)
    points = weekly_points(LoggedSession(log.day, log.sets()) for log in logs)
    return Progress(member.name, unit or member.unit, exercise, points)
