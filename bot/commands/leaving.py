"""Leaving a program (`/leave`) and being forgotten (`/forget`, confirmed with a button)."""

from __future__ import annotations

from bot.buttons import ForgetPayload
from bot.commands.registry import Context, Needs, Router
from bot.errors import AdminOnly, NoProgram, UnknownMember
from bot.events import Forgot
from bot.messages import Reply
from bot.rules.naming import Person, named
from bot.services import forgetting
from bot.views import forgetting as view

router = Router("Leaving")


@router.command("leave", needs=Needs.MEMBER)
async def leave(ctx: Context) -> Reply:
    """Leave this group's program; your history stays (/join brings you back, /forget deletes it)."""
    return view.left(await forgetting.leave(ctx.tx, ctx.member, ctx.now))


@router.command("forget", usage="[@member who left]")
async def forget(ctx: Context) -> Reply:
    """Delete everything Spotter holds about you, in every group, after you confirm.

    Admins: /forget @name for a member who left."""
    if not ctx.args.strip():
        return view.confirm_forget(ctx.incoming.user_id, yours=True)
    if not ctx.incoming.is_admin:
        raise AdminOnly("forget", ctx.incoming.user_name)
    group = await ctx.tx.group(ctx.incoming.address)
    if group is None:
        raise NoProgram()
    gone = await ctx.tx.left_members(group)
    ref = named(ctx.args, [Person(m.user_id, m.name, m.username) for m in gone])
    if len(ref.people) != 1:
        raise UnknownMember(ref.said)
    return view.confirm_forget(ref.people[0].user_id, yours=False)


@router.action(ForgetPayload, reads_admin=True)
async def forget_confirmed(ctx: Context) -> Reply:
    """Forget the person the confirmation names: the tapper themselves, or, for an admin, a
    member who left this group."""
    assert isinstance(ctx.payload, ForgetPayload)
    target, platform = ctx.payload.user_id, ctx.incoming.address.platform
    yours = target == ctx.incoming.user_id
    if not yours:
        group = await ctx.tx.group(ctx.incoming.address)
        left = await ctx.tx.left_members(group) if group is not None else []
        if not ctx.incoming.is_admin or target not in {m.user_id for m in left}:
            raise AdminOnly("forget", ctx.incoming.user_name)
    result = await forgetting.forget(ctx.tx, platform, target)
    ctx.publish(Forgot(platform, target))
    return view.forgotten(result, yours=yours)
