"""Joining a group and looking after your own profile."""

from __future__ import annotations

from bot.commands.registry import Context, Needs, Router
from bot.errors import NoProgram, Rejected, UnitMissing
from bot.messages import Reply
from bot.rules.membership import JoinError, parse_join, parse_unit
from bot.services import members
from bot.views import members as view

router = Router("You")


@router.command("join", usage="[beginner|intermediate|advanced] [load] [kg|lb]", needs=Needs.GROUP)
async def join(ctx: Context) -> Reply:
    """Join the group's program with your level and starting load (joining again updates it)."""
    try:
        request = parse_join(ctx.args)
    except JoinError as exc:
        raise Rejected(exc) from None
    incoming = ctx.incoming
    result = await members.join(
        ctx.tx,
        ctx.group,
        incoming.user_id,
        incoming.user_name,
        request,
        ctx.now,
        ctx.catalogue,
        handle=incoming.user_handle,
    )
    return view.joined(result)


@router.command("me", needs=Needs.MEMBER)
async def me(ctx: Context) -> Reply:
    """Show your level, unit and current prescription."""
    return view.profile(await members.profile(ctx.tx, ctx.catalogue, ctx.group, ctx.member))


@router.command("unit", usage="kg|lb")
async def unit(ctx: Context) -> Reply:
    """Choose whether you see weights in kg or lb."""
    if not ctx.args:
        raise UnitMissing()
    try:
        chosen = parse_unit(ctx.args)
    except JoinError as exc:
        raise Rejected(exc) from None
    member = await members.require_member(ctx.tx, ctx.incoming)
    group = await ctx.tx.group_by_id(member.group_id)
    if group is None:
        raise NoProgram()
    return view.unit_changed(await members.set_unit(ctx.tx, ctx.catalogue, group, member, chosen))
