"""Logging completed sets: free text, replies to the bot, `/log`, the done button, and undo.

Every path ends in `_record`, which stores the log (once per source message) before the
confirmation is written, and then looks for personal records and pain.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from bot.commands.common import day_label, require_group, require_member
from bot.commands.registry import Context, Refusal, Router
from bot.content import views
from bot.domain import Unit, Variation
from bot.markup import bold, escape
from bot.messages import Button, Reply
from bot.rules.loads import is_loaded, logged_weight
from bot.rules.membership import JOIN_USAGE
from bot.rules.pain import PainMention, find_pain
from bot.rules.records import Bests, NewRecord, bests, new_records
from bot.rules.reports import (
    HINT,
    LoggedSet,
    NotAReport,
    Report,
    ReportError,
    looks_like_report,
    parse_report,
)
from bot.rules.schedule import ScheduleError, day_in_week, iso_week
from bot.store.tables import GroupRow, LogRow, MemberRow, PainRow

router = Router("Logging")

HISTORY_LENGTH = 8
DONE_ACTION = "done"
UNDO_ACTION = "undo"
# A "done" button keeps working for a week: long enough to log a session after the fact.
DONE_BUTTON_DAYS = 7


def done_button(day: date) -> Button:
    return Button("✅ Done as prescribed", f"{DONE_ACTION}:{day.isoformat()}")


@router.command("log", usage="[mon|yesterday] 3x10 @ 60kg")
async def log(ctx: Context) -> Reply:
    """Log sets you did today, or on an earlier day this week: /log mon 3x10 @ 60kg."""
    group = await require_group(ctx)
    member = await require_member(ctx, group)
    today = group.schedule().local_date(ctx.now)
    day, text = _split_day(ctx.args, today)
    if not text:
        raise Refusal(f"What did you do? {escape(HINT)}.")
    try:
        report = parse_report(text, member.unit)
    except ReportError as exc:
        raise Refusal(f"Didn't understand that: {escape(str(exc))}.") from None
    reply = await _record(ctx, member, report, day, _source_key(ctx), text)
    return reply or Reply("Already logged ✓", private=True)


@router.on_text
async def free_text(ctx: Context) -> Reply | None:
    """Reports in ordinary chat and replies to the bot; anything else in chat stays unanswered."""
    text, addressed = ctx.args, ctx.incoming.reply_to_bot
    pain = find_pain(text)
    if not (addressed or pain or looks_like_report(text)):
        return None
    group = await ctx.tx.group(ctx.incoming.address)
    member = await ctx.tx.member(group, ctx.incoming.user_id) if group else None
    if group is None or member is None:
        return await _stranger(ctx, group, addressed, text)
    try:
        report = parse_report(text, member.unit)
    except NotAReport as exc:
        if pain:
            return await _pain_only(ctx, group, member, pain, text)
        if addressed:
            raise Refusal(f"Didn't understand that: {escape(str(exc))}.") from None
        return None
    except ReportError as exc:
        raise Refusal(f"Didn't log that: {escape(str(exc))}.") from None
    today = group.schedule().local_date(ctx.now)
    return await _record(ctx, member, report, today, _source_key(ctx), text)


@router.action(DONE_ACTION)
async def done(ctx: Context) -> Reply:
    """Log the member's own prescription for the day the button belongs to."""
    group = await require_group(ctx)
    member = await ctx.tx.member(group, ctx.incoming.user_id)
    if member is None:
        raise Refusal(f"Join first, {escape(ctx.incoming.user_name)}: {JOIN_USAGE}")
    today = group.schedule().local_date(ctx.now)
    try:
        day = date.fromisoformat(ctx.args)
    except ValueError:
        day = today
    if not today - timedelta(days=DONE_BUTTON_DAYS) <= day <= today:
        raise Refusal("That session is too far back for the button; use /log with the day.")
    p = member.prescription()
    report = Report(tuple(LoggedSet(p.reps, p.load_kg) for _ in range(p.sets)), variation=p.variation)
    key = f"tap:{ctx.incoming.message_id}:{day.isoformat()}"
    reply = await _record(ctx, member, report, day, key, "", revive=True)
    return reply or Reply(f"Already logged ✓ ({escape(member.name)})", private=True)


@router.action(UNDO_ACTION)
async def undo_button(ctx: Context) -> Reply:
    """Undo the log the button was attached to; only its owner may."""
    entry = await ctx.tx.log(int(ctx.args)) if ctx.args.isdigit() else None
    if entry is None:
        raise Refusal("That log is gone.")
    owner = await ctx.tx.member_by_id(entry.member_id)
    if owner is None or owner.user_id != ctx.incoming.user_id:
        name = escape(owner.name) if owner else "its owner"
        raise Refusal(f"Only {name} can undo that log.")
    return await _undo(ctx, owner, entry)


@router.command("undo")
async def undo(ctx: Context) -> Reply:
    """Remove your most recent log."""
    group = await require_group(ctx)
    member = await require_member(ctx, group)
    recent = await ctx.tx.recent_logs(member, 1)
    if not recent:
        raise Refusal("Nothing to undo: you have no logs yet.")
    return await _undo(ctx, member, recent[0])


@router.command("history")
async def history(ctx: Context) -> Reply:
    """Show your recent logged sessions."""
    group = await require_group(ctx)
    member = await require_member(ctx, group)
    logs = await ctx.tx.recent_logs(member, HISTORY_LENGTH)
    if not logs:
        return Reply(f"No logs yet, {escape(member.name)}. After a set, send something like 3x10 @ 60kg.")
    lines = [f"• {day_label(e.day)}: {_describe(e, member.unit)}" for e in logs]
    return Reply(f"{bold(member.name)}'s recent sessions:\n" + "\n".join(lines))


@router.command("pain", usage="[where]")
async def pain(ctx: Context) -> Reply:
    """Tell the coach something hurts: I'll hold your weekly bump and share safety advice."""
    group = await require_group(ctx)
    member = await require_member(ctx, group)
    mention = find_pain(f"{ctx.args} pain") or PainMention(None)
    return await _pain_only(ctx, group, member, mention, ctx.args or "pain reported")


async def _record(
    ctx: Context,
    member: MemberRow,
    report: Report,
    day: date,
    source_key: str,
    text: str,
    *,
    revive: bool = False,
) -> Reply | None:
    """Store a report once per source; None means it was already logged."""
    existing = await ctx.tx.log_by_source(member, source_key)
    if existing is not None and (existing.undone_at is None or not revive):
        return None
    report = _fill_prescribed_load(report, member)
    variation = report.variation or member.variation
    earlier = await _bests(ctx, member, variation)
    entry = existing or LogRow(
        member_id=member.pk,
        source_key=source_key,
        day=day,
        week=iso_week(day),
        variation=variation,
        sets_data=[],
        logged_at=ctx.now,
    )
    entry.set_sets(report.sets)
    entry.variation, entry.rpe, entry.per_side, entry.undone_at = variation, report.rpe, report.per_side, None
    await ctx.tx.add(entry)
    member.bests = {**(member.bests or {}), variation.value: earlier.with_sets(report.sets).to_json()}
    await ctx.tx.add(member)
    lines = [f"✅ Logged for {bold(member.name)}, {day_label(day)}: {_describe(entry, member.unit)}."]
    lines += [_record_line(r, member.unit) for r in new_records(earlier, report.sets)]
    mention = find_pain(text) if text else None
    if mention is not None:
        await _flag_pain(ctx, member, day, mention, text)
        lines.append(_pain_advice(ctx, member, mention))
    return Reply("\n".join(lines), buttons=(Button("↩️ Undo", f"{UNDO_ACTION}:{entry.pk}"),))


async def _bests(ctx: Context, member: MemberRow, variation: Variation) -> Bests:
    """The member's bests on a variation before this log, from the member row when known."""
    if member.bests is not None:
        known = member.bests.get(variation.value)
        return Bests.from_json(known) if isinstance(known, dict) else Bests(None, {})
    by_variation: dict[str, list[LoggedSet]] = {}
    for entry in await ctx.tx.logs_of(member):
        by_variation.setdefault(entry.variation.value, []).extend(entry.sets())
    recomputed: dict[str, Any] = {v: bests(sets).to_json() for v, sets in by_variation.items()}
    member.bests = recomputed
    known = recomputed.get(variation.value)
    return Bests.from_json(known) if known else Bests(None, {})


def _fill_prescribed_load(report: Report, member: MemberRow) -> Report:
    """Sets without a load take the prescribed one, when they are the prescribed loaded variation."""
    variation = report.variation or member.variation
    if variation != member.variation or not is_loaded(variation) or member.load_kg is None:
        return report
    sets = tuple(s if s.load_kg is not None else LoggedSet(s.reps, member.load_kg) for s in report.sets)
    return replace(report, sets=sets)


async def _undo(ctx: Context, member: MemberRow, entry: LogRow) -> Reply:
    if entry.undone_at is not None:
        return Reply("Already undone ✓", private=True)
    entry.undone_at = ctx.now
    await ctx.tx.add(entry)
    member.bests = None  # an undone log may have held a record: recompute on the next log
    await ctx.tx.add(member)
    return Reply(
        f"↩️ Undone: {escape(member.name)}'s {day_label(entry.day)} log ({_describe(entry, member.unit)})."
    )


async def _pain_only(
    ctx: Context, group: GroupRow, member: MemberRow, mention: PainMention, text: str
) -> Reply:
    day = group.schedule().local_date(ctx.now)
    await _flag_pain(ctx, member, day, mention, text)
    return Reply(_pain_advice(ctx, member, mention))


async def _flag_pain(ctx: Context, member: MemberRow, day: date, mention: PainMention, text: str) -> None:
    await ctx.tx.add(
        PainRow(
            member_id=member.pk,
            day=day,
            week=iso_week(day),
            body_part=mention.where,
            note=text[:500],
            reported_at=ctx.now,
        )
    )


def _pain_advice(ctx: Context, member: MemberRow, mention: PainMention) -> str:
    where = f"your {mention.where} hurts" if mention.where else "something hurts"
    return (
        f"🩹 Sorry {where}, {escape(member.name)}. {views.pain_advice(ctx.exercise)}\n"
        "I've noted it: your weights stay where they are this week, no bump."
    )


async def _stranger(ctx: Context, group: GroupRow | None, addressed: bool, text: str) -> Reply | None:
    """Someone who has not joined: point them to /join when they clearly meant the bot."""
    try:
        parse_report(text, Unit.KG)
        looks_like_sets = True
    except ReportError:
        looks_like_sets = False
    if not (addressed or looks_like_sets):
        return None
    if group is None:
        raise Refusal(
            "This chat has no program yet, so there's nowhere to log that. An admin can /setup one."
        )
    raise Refusal(f"I'd love to log that, {escape(ctx.incoming.user_name)}, but join first: {JOIN_USAGE}")


def _split_day(args: str, today: date) -> tuple[date, str]:
    first, _, rest = args.strip().partition(" ")
    try:
        day = day_in_week(first, today) if first else None
    except ScheduleError as exc:
        raise Refusal(f"{escape(str(exc))}; log it on the day, or name an earlier day.") from None
    return (day, rest.strip()) if day is not None else (today, args.strip())


def _source_key(ctx: Context) -> str:
    if ctx.incoming.message_id:
        return f"msg:{ctx.incoming.message_id}"
    return f"at:{ctx.now.isoformat()}"


def _describe(entry: LogRow, unit: Unit) -> str:
    """`3 × 10 @ 60 kg`, `10, 10, 8 @ 140 lb, RPE 8`: the member's unit, exactly as logged."""
    parts = []
    for load, run in groupby(entry.sets(), key=lambda s: s.load_kg):
        reps = [s.reps for s in run]
        part = f"{len(reps)} × {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))
        parts.append(part if load is None else f"{part} @ {logged_weight(load, unit)}")
    text = ", ".join(parts)
    if entry.per_side:
        text += " each side"
    if entry.variation.value in {"bodyweight", "banded", "single-leg"} and all(
        s.load_kg is None for s in entry.sets()
    ):
        text += f" ({entry.variation.value})"
    if entry.rpe is not None:
        text += f", RPE {entry.rpe:g}"
    return text


def _record_line(record: NewRecord, unit: Unit) -> str:
    weight = logged_weight(record.load_kg, unit)
    if record.kind == "e1rm":
        return f"🏆 New best estimated 1RM: {weight} (Epley: load × (1 + reps/30))."
    return f"🏆 Heaviest {record.reps}-rep set yet: {weight}."
