"""Chat commands, one router per feature module; `ROUTERS` is the order `/help` lists them in."""

from __future__ import annotations

from bot.commands import (
    attendance,
    chat_events,
    coaching,
    content,
    leaving,
    logbook,
    members,
    onboarding,
    plates,
    private,
    program,
    progress,
    standings,
    today,
    transfer,
)
from bot.commands.registry import Router

ROUTERS: tuple[Router, ...] = (
    onboarding.router,
    program.router,
    members.router,
    today.router,
    attendance.router,
    plates.router,
    logbook.router,
    progress.router,
    standings.router,
    coaching.router,
    content.router,
    transfer.router,
    leaving.router,
    chat_events.router,
    private.router,
)
