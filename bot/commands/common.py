"""Lookups and phrases several command modules share."""

from __future__ import annotations

from datetime import date, datetime

from bot.commands.registry import Context, Refusal
from bot.content.model import Exercise
from bot.domain import Unit
from bot.markup import bold, escape
from bot.rules.loads import display_load, format_weight, is_loaded
from bot.rules.membership import JOIN_USAGE, Prescription
from bot.rules.planning import SessionPlan
from bot.rules.schedule import week_start
from bot.store.tables import GroupRow, MemberRow

SETUP_EXAMPLE = "/setup hypertrophy mon,thu 18:30 Europe/Berlin"


async def require_group(ctx: Context) -> GroupRow:
    group = await ctx.tx.group(ctx.incoming.address)
    if group is None:
        raise Refusal(
            "This chat has no program yet. A chat admin starts one with\n"
            f"{SETUP_EXAMPLE}\n(goal, training days, local time, time zone; /help setup for details)"
        )
    return group


async def require_member(ctx: Context, group: GroupRow) -> MemberRow:
    member = await ctx.tx.member(group, ctx.incoming.user_id)
    if member is None:
        raise Refusal(f"You haven't joined yet, {escape(ctx.incoming.user_name)}. {JOIN_USAGE}")
    return member


def describe_prescription(ex: Exercise, p: Prescription, unit: Unit) -> str:
    """`Barbell hip thrust 3 × 8 @ 60 kg`, in the member's unit and rounded to a loadable weight."""
    name = ex.variation(p.variation).name
    work = f"{p.sets} × {p.reps}"
    if is_loaded(p.variation) and p.load_kg is not None:
        work += f" @ {format_weight(display_load(p.load_kg, p.variation, unit), unit)}"
    elif p.variation.value == "single-leg":
        work += " each side"
    return f"{escape(name)} {bold(work)}"


def drills_text(ex: Exercise) -> str:
    """`hip mobility about 1 min each side, glute bridges 2 × 15, …` (plain text)."""
    return ", ".join(f"{d.name.lower()} {d.dose}" for d in ex.warmup.drills)


def ramp_text(plan: SessionPlan) -> str:
    """`20 kg × 10, 35 kg × 6, 47.5 kg × 3`, or "" when the plan has no ramp-up sets."""
    return ", ".join(f"{format_weight(r.load, plan.unit)} × {r.reps}" for r in plan.ramp)


def day_label(day: date) -> str:
    """`Monday 7 Dec`."""
    return f"{day:%A} {day.day} {day:%b}"


def week_label(week: str) -> str:
    """`week of 7 Dec` for an ISO week key."""
    monday = week_start(week)
    return f"week of {monday.day} {monday:%b}"


def session_label(start: datetime) -> str:
    return f"{day_label(start.date())} at {start:%H:%M}"
