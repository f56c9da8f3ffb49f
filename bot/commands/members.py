"""Joining a group and looking after your own profile."""

from __future__ import annotations

from bot.commands.common import describe_prescription, require_group, require_member, week_label
from bot.commands.registry import Context, Refusal, Router
from bot.domain import Unit, choices
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.membership import (
    JoinError,
    first_prescription,
    parse_join,
    parse_unit,
)
from bot.store.tables import MemberRow

router = Router("You")


@router.command("join", usage="[beginner|intermediate|advanced] [load] [kg|lb]")
async def join(ctx: Context) -> Reply:
    """Join the group's program with your level and starting load (joining again updates it)."""
    group = await require_group(ctx)
    existing = await ctx.tx.member(group, ctx.incoming.user_id)
    try:
        request = parse_join(ctx.args)
        unit = request.unit or (existing.unit if existing else Unit.KG)
        reps = ctx.exercise.goal(group.goal).rep_range
        prescription, note = first_prescription(request, unit, reps, group.sets)
    except JoinError as exc:
        raise Refusal(escape(str(exc))) from None
    member = existing or MemberRow(
        group_id=group.pk,
        user_id=ctx.incoming.user_id,
        name=ctx.incoming.user_name,
        level=request.level,
        unit=unit,
        variation=prescription.variation,
        sets=prescription.sets,
        target_reps=prescription.reps,
        joined_at=ctx.now,
    )
    member.name = ctx.incoming.user_name
    member.level = request.level
    member.unit = unit
    member.prescribe(prescription)
    await ctx.tx.add(member)
    greeting = "Updated your profile" if existing else "Welcome to the program"
    extra = f"\n{escape(note)}" if note else ""
    return Reply(
        f"💪 {greeting}, {bold(member.name)} ({request.level.value}).\n"
        f"You start with: {describe_prescription(ctx.exercise, prescription, unit)}.{extra}\n"
        "On training days /today shows your session."
    )


@router.command("me")
async def me(ctx: Context) -> Reply:
    """Show your level, unit and current prescription."""
    group = await require_group(ctx)
    member = await require_member(ctx, group)
    change = await ctx.tx.last_change(member)
    why = f"\nLast change ({week_label(change.week)}): {escape(change.reason)}." if change else ""
    return Reply(
        f"{bold(member.name)}: {member.level.value}, weights in {member.unit.value}.\n"
        f"Current prescription: "
        f"{describe_prescription(ctx.exercise, member.prescription(), member.unit)}.{why}"
    )


@router.command("unit", usage="kg|lb")
async def unit(ctx: Context) -> Reply:
    """Choose whether you see weights in kg or lb."""
    if not ctx.args:
        raise Refusal(f"Which unit? /unit {choices(Unit)}")
    try:
        chosen = parse_unit(ctx.args)
    except JoinError as exc:
        raise Refusal(escape(str(exc))) from None
    group = await require_group(ctx)
    member = await require_member(ctx, group)
    member.unit = chosen
    await ctx.tx.add(member)
    return Reply(
        f"Done: you'll see {chosen.value}. Your prescription: "
        f"{describe_prescription(ctx.exercise, member.prescription(), chosen)}."
    )
