"""`/today`: the group's session on the group's local date."""

from __future__ import annotations

from bot.commands.registry import Context, Needs, Router
from bot.messages import Reply
from bot.services import sessions
from bot.services.sessions import RestDay
from bot.views import today as view

router = Router("Training")


@router.command("today", needs=Needs.GROUP)
async def today(ctx: Context) -> Reply:
    """Show today's session for every member, or when the next one is."""
    found = await sessions.today(ctx.tx, ctx.group, ctx.now, ctx.catalogue)
    if isinstance(found, RestDay):
        return view.rest_day(found)
    return view.session_day(found)
