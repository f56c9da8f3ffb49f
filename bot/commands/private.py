"""Private chats without a program of their own: the sender's view across their groups."""

from __future__ import annotations

from bot.buttons import PickGroupPayload
from bot.commands.registry import Context, Router
from bot.messages import Reply
from bot.services import personal
from bot.services.personal import PickGroup
from bot.views import logbook as logbook_view
from bot.views import personal as view

router = Router("Private chat")


@router.in_private("today")
async def today(ctx: Context) -> Reply:
    """Your session today in each of your groups."""
    incoming = ctx.incoming
    days = await personal.today(ctx.tx, incoming.address.platform, incoming.user_id, ctx.now, ctx.catalogue)
    return view.today(days)


@router.in_private("me")
async def me(ctx: Context) -> Reply:
    """Your profile in each of your groups."""
    incoming = ctx.incoming
    found = await personal.profiles(ctx.tx, incoming.address.platform, incoming.user_id, ctx.catalogue)
    return view.profiles(found)


@router.in_private("history")
async def history(ctx: Context) -> Reply:
    """Your recent logs in each of your groups."""
    incoming = ctx.incoming
    found = await personal.histories(ctx.tx, incoming.address.platform, incoming.user_id, ctx.catalogue)
    return view.histories(found)


@router.in_private("undo")
async def undo(ctx: Context) -> Reply:
    """Undo what you logged last, in whichever group."""
    incoming = ctx.incoming
    return logbook_view.undone(
        await personal.undo_last(ctx.tx, incoming.address.platform, incoming.user_id, ctx.now, ctx.catalogue)
    )


async def report(ctx: Context, text: str, source_key: str) -> Reply:
    """Sets sent in private: logged to the sender's group, or parked while they pick one."""
    incoming = ctx.incoming
    result = await personal.report(
        ctx.tx, incoming.address.platform, incoming.user_id, text, source_key, ctx.now, ctx.catalogue
    )
    if isinstance(result, PickGroup):
        return view.pick_group(result)
    return view.logged(result)


@router.action(PickGroupPayload)
async def pick_group(ctx: Context) -> Reply:
    """The group a parked private report is for."""
    assert isinstance(ctx.payload, PickGroupPayload)
    result = await personal.log_parked(
        ctx.tx, ctx.payload.parked_id, ctx.payload.group_id, ctx.incoming.user_id, ctx.now, ctx.catalogue
    )
    return view.logged(result)
