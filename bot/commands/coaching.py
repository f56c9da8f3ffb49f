"""The coach's controls and the weekly bump on demand.

Every control is recorded as a change with its reason, shown in `/me` and in the next weekly
summary, so members always see why their numbers moved.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.commands.common import require_group
from bot.commands.registry import Context, Refusal, Router
from bot.domain import Unit
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.loads import MAX_LOAD_KG, format_weight, is_loaded, to_kg
from bot.rules.membership import JoinError, Prescription, parse_unit, variation_from_word
from bot.rules.progression import deload as deload_rule
from bot.rules.progression import describe
from bot.rules.schedule import iso_week
from bot.store.tables import ChangeRow, GroupRow, MemberRow
from bot.weekly import apply_weekly_bump

router = Router("Coaching (admins)")

SET_USAGE = "/set @name load 70kg | reps 10 | sets 4 | variation barbell"
_LOAD = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)$")


@router.command("bump", admin=True)
async def bump(ctx: Context) -> Reply:
    """Apply this week's progression now (normally automatic on Sunday evening)."""
    group = await require_group(ctx)
    week = iso_week(group.schedule().local_date(ctx.now))
    summary = await apply_weekly_bump(ctx.tx, group, week, ctx.now, ctx.exercise)
    if summary is None:
        raise Refusal("This week's progression is already applied; it runs once a week.")
    return Reply(summary)


@router.command("set", usage="@name load 70kg|reps 10|sets 4|variation barbell", admin=True)
async def set_(ctx: Context) -> Reply:
    """Change a member's prescription by hand."""
    group, member, rest = await _target(ctx, SET_USAGE)
    before = member.prescription()
    after = _apply_settings(before, rest, member.unit)
    return await _record(ctx, group, member, before, after, "set by the coach", kind="coach")


@router.command("hold", usage="@name", admin=True)
async def hold(ctx: Context) -> Reply:
    """Keep a member's prescription as it is at this week's bump."""
    group, member, _ = await _target(ctx, "/hold @name")
    member.hold_week = iso_week(group.schedule().local_date(ctx.now))
    p = member.prescription()
    return await _record(ctx, group, member, p, p, "held by the coach this week", kind="hold")


@router.command("deload", usage="@name", admin=True)
async def deload(ctx: Context) -> Reply:
    """Take about 10% off a member's load now and reset their reps."""
    group, member, _ = await _target(ctx, "/deload @name")
    before = member.prescription()
    reps = ctx.exercise.goal(group.goal).rep_range
    after = deload_rule(before, reps, member.unit, "deload by the coach").prescription
    return await _record(ctx, group, member, before, after, "deload by the coach", kind="deload")


async def _target(ctx: Context, usage: str) -> tuple[GroupRow, MemberRow, str]:
    group = await require_group(ctx)
    name, _, rest = ctx.args.strip().partition(" ")
    if not name:
        raise Refusal(f"Who? {escape(usage)}")
    member = await ctx.tx.member_named(group, name)
    if member is None:
        raise Refusal(f"No member called {escape(name.lstrip('@'))} here. Members: see /today.")
    return group, member, rest.strip()


def _apply_settings(p: Prescription, text: str, unit: Unit) -> Prescription:
    words = text.lower().split()
    if not words or len(words) % 2:
        raise Refusal(f"Say what to set: {escape(SET_USAGE)}")
    for field, value in zip(words[::2], words[1::2], strict=True):
        if field == "variation":
            variation = variation_from_word(value)
            if variation is None:
                raise Refusal(f"Unknown variation {escape(value)}; see /variations.")
            p = replace(p, variation=variation, load_kg=p.load_kg if is_loaded(variation) else None)
        elif field == "load":
            p = replace(p, load_kg=_load(value, unit))
        elif field == "reps":
            p = replace(p, reps=_count(value, "reps", 100))
        elif field == "sets":
            p = replace(p, sets=_count(value, "sets", 10))
        else:
            raise Refusal(f"I can set load, reps, sets or variation: {escape(SET_USAGE)}")
    if is_loaded(p.variation) and p.load_kg is None:
        name = p.variation.value
        raise Refusal(f"A {name} hip thrust needs a load too, e.g. variation {name} load 40kg.")
    if not is_loaded(p.variation) and p.load_kg is not None:
        p = replace(p, load_kg=None)
    return p


def _count(text: str, what: str, most: int) -> int:
    if not text.isdigit() or not 1 <= int(text) <= most:
        raise Refusal(f"{what} must be a whole number, 1–{most}.")
    return int(text)


def _load(text: str, unit: Unit) -> float:
    match = _LOAD.match(text)
    if not match:
        raise Refusal("A load looks like 70kg or 155lb.")
    try:
        chosen = parse_unit(match[2]) if match[2] else unit
    except JoinError as exc:
        raise Refusal(escape(str(exc))) from None
    kg = to_kg(float(match[1].replace(",", ".")), chosen)
    if not 0 < kg <= MAX_LOAD_KG:
        raise Refusal(f"A load must be more than 0 and at most {format_weight(MAX_LOAD_KG, Unit.KG)}.")
    return kg


async def _record(
    ctx: Context,
    group: GroupRow,
    member: MemberRow,
    before: Prescription,
    after: Prescription,
    reason: str,
    *,
    kind: str,
) -> Reply:
    member.prescribe(after)
    await ctx.tx.add(member)
    await ctx.tx.add(
        ChangeRow(
            member_id=member.pk,
            week=iso_week(group.schedule().local_date(ctx.now)),
            kind=kind,
            by_coach=True,
            before=ChangeRow.snapshot(before),
            after=ChangeRow.snapshot(after),
            reason=f"{describe(before, member.unit)} → {describe(after, member.unit)}, {reason}"
            if before != after
            else reason,
            created_at=ctx.now,
        )
    )
    text = (
        f"{escape(describe(before, member.unit))} → {bold(describe(after, member.unit))}"
        if before != after
        else escape(describe(after, member.unit))
    )
    return Reply(f"👍 {bold(member.name)}: {text} ({escape(reason)}). It will show in the weekly summary.")
