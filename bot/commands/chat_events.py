"""The chat as a whole changes: it moves to a new id, the bot is removed from it or added back."""

from __future__ import annotations

from bot.commands.registry import Context, Router
from bot.events import ProgramChanged
from bot.messages import Kind, Reply
from bot.services import chats, program
from bot.views import onboarding
from bot.views import program as view

router = Router("Chat")


@router.on(Kind.MOVED)
async def moved(ctx: Context) -> None:
    """The group became a supergroup: its program, members and logs move to the new id."""
    new = ctx.incoming.moved_to
    if new is None:
        return
    result = await chats.move(ctx.tx, ctx.incoming.address, new)
    if result is not None and not result.already:
        ctx.publish(ProgramChanged(ctx.incoming.address.chat))
        ctx.publish(ProgramChanged(new.chat))


@router.on(Kind.REMOVED)
async def removed(ctx: Context) -> None:
    """Out of the chat: stop its pushes at once (nothing can be said there any more)."""
    if await chats.removed(ctx.tx, ctx.incoming.address, ctx.now):
        ctx.publish(ProgramChanged(ctx.incoming.address.chat))


@router.on(Kind.ADDED)
async def added(ctx: Context) -> Reply | None:
    """Added (back): say hello; pushes resume if only the removal had stopped them."""
    back = await chats.added(ctx.tx, ctx.incoming.address, ctx.now)
    if back.resumed:
        ctx.publish(ProgramChanged(ctx.incoming.address.chat))
    if ctx.incoming.private:
        return None  # a private chat's /start, which comes with this, is answered instead
    group = await ctx.tx.group(ctx.incoming.address)
    if group is None:
        # Added to one chat: introduce ourselves. Added to a whole server (every channel at
        # once, `addressed` False): say nothing where there is no program, or it is spam.
        return onboarding.start(ctx.incoming.user_name, None, 0, None) if ctx.incoming.addressed else None
    return view.back(program.status(group, ctx.now, ctx.exercise), resumed=back.resumed)
