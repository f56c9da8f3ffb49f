"""Logging completed sets: free text, replies to the bot, `/log`, the done button, and undo."""

from __future__ import annotations

from datetime import date

from bot.buttons import DonePayload, MovePayload, UndoPayload
from bot.commands import attendance, private
from bot.commands.registry import Context, Needs, Router, split_command
from bot.domain import Unit
from bot.errors import DayNotLoggable, MissingReport, NoProgram, NotJoined, Unreadable
from bot.messages import Kind, Reply
from bot.rules.pain import PainMention, find_pain
from bot.rules.reports import NotAReport, Report, ReportError, looks_like_report, parse_report
from bot.rules.rsvp import rsvp_answer
from bot.rules.schedule import ScheduleError, day_in_week, last_weekday
from bot.services import logbook, members
from bot.services.logbook import AlreadyLogged
from bot.store.tables import GroupRow, MemberRow
from bot.views import logbook as view

router = Router("Logging")


@router.command("log", usage="[mon|yesterday] 3x10 @ 60kg", needs=Needs.MEMBER)
async def log(ctx: Context) -> Reply:
    """Log sets you did today, or on an earlier day this week: /log mon 3x10 @ 60kg."""
    today = ctx.group.schedule().local_date(ctx.now)
    day, text = _split_day(ctx.args, today)
    if not text:
        raise MissingReport()
    try:
        report = parse_report(text, ctx.member.unit)
    except ReportError as exc:
        raise Unreadable(exc) from None
    result = await logbook.record(
        ctx.tx, _to(ctx, ctx.group, ctx.member), report, day, _source_key(ctx), text, ctx.now
    )
    if isinstance(result, AlreadyLogged):
        return view.already_logged(result)
    return view.logged(result)


@router.on_text
async def free_text(ctx: Context) -> Reply | None:
    """Reports in ordinary chat and replies to the bot; anything else in chat stays unanswered."""
    text, addressed = ctx.args, ctx.incoming.reply_to_bot
    going = rsvp_answer(text) if addressed else None
    if going is not None:
        return await attendance.typed(ctx, going)
    pain = find_pain(text)
    if not (addressed or pain or looks_like_report(text)):
        return None
    group, member = await ctx.tx.group_and_member(ctx.incoming.address, ctx.incoming.user_id)
    if group is None and ctx.incoming.private:
        return await _private_report(ctx, text)
    if group is None or member is None:
        _refuse_stranger(ctx, program=group is not None, addressed=addressed, text=text)
        return None
    await members.keep_identity(ctx.tx, member, ctx.incoming.user_name, ctx.incoming.user_handle)
    today = group.schedule().local_date(ctx.now)
    try:
        report = parse_report(text, member.unit)
    except NotAReport as exc:
        if pain:
            return view.pain_noted(
                await logbook.note_pain(ctx.tx, _to(ctx, group, member), today, pain, text, ctx.now)
            )
        if addressed and any(ch.isdigit() for ch in text):
            raise Unreadable(exc) from None
        return None  # "thanks coach!" in reply to the bot is not a failed report
    except ReportError as exc:
        raise Unreadable(exc, what="log") from None
    result = await logbook.record(
        ctx.tx, _to(ctx, group, member), report, today, _source_key(ctx), text, ctx.now
    )
    if isinstance(result, AlreadyLogged):
        return None  # the platform delivered this message again: it was answered the first time
    return view.logged(result)


@router.on(Kind.EDIT)
async def edited(ctx: Context) -> Reply | None:
    """A message was edited: a logged report follows its new text (or is undone when it holds
    no sets any more); any other message counts only if it is now a report."""
    group, member = await ctx.tx.group_and_member(ctx.incoming.address, ctx.incoming.user_id)
    entry = await ctx.tx.log_by_source(member, _source_key(ctx)) if member else None
    if group is None or member is None or entry is None or entry.undone_at is not None:
        return await _edited_into_a_report(ctx, group, member)
    text = ctx.args
    parsed = split_command(text)
    if parsed is not None:  # an edited `/log [day] sets`: the day stays the log's
        text = _split_day(parsed[1], entry.day)[1] if parsed[0] == "log" else ""
    try:
        report: Report | None = parse_report(text, member.unit)
    except NotAReport:
        report = None
    except ReportError as exc:
        raise Unreadable(exc, what="log") from None  # the log stays as it was
    result = await logbook.revise(ctx.tx, _to(ctx, group, member), entry, report, ctx.args, ctx.now)
    if isinstance(result, logbook.Undone):
        return view.undone(result)
    return view.logged(result)


async def _edited_into_a_report(
    ctx: Context, group: GroupRow | None, member: MemberRow | None
) -> Reply | None:
    """An edit of a message that was not logged: handled as new only if it is now a report."""
    parsed = split_command(ctx.args)
    if parsed is not None:
        if parsed[0] != "log" or group is None or member is None:
            return None  # an edited command is not run again
        ctx.args, ctx.maybe_group, ctx.maybe_member = parsed[1], group, member
        return await log(ctx)
    if not looks_like_report(ctx.args):
        return None
    return await free_text(ctx)


@router.action(DonePayload, needs=Needs.MEMBER)
async def done(ctx: Context) -> Reply:
    """Log the member's own prescription for the day the button belongs to."""
    assert isinstance(ctx.payload, DonePayload)
    today = ctx.group.schedule().local_date(ctx.now)
    result = await logbook.record_prescribed(
        ctx.tx, _to(ctx, ctx.group, ctx.member), ctx.payload.day, today, ctx.incoming.message_id, ctx.now
    )
    if isinstance(result, AlreadyLogged):
        return view.already_logged(result, tapped=True)
    return view.logged(result)


@router.action(MovePayload, needs=Needs.MEMBER)
async def move(ctx: Context) -> Reply:
    """Move a log to another exercise of its day (the report named none and went to the next)."""
    assert isinstance(ctx.payload, MovePayload)
    moved = await logbook.move(
        ctx.tx, _to(ctx, ctx.group, ctx.member), ctx.payload.log_id, ctx.payload.exercise, ctx.now
    )
    return view.logged(moved)


@router.action(UndoPayload)
async def undo_button(ctx: Context) -> Reply:
    """Undo the log the button was attached to; only its owner may."""
    assert isinstance(ctx.payload, UndoPayload)
    return view.undone(
        await logbook.undo_log(
            ctx.tx,
            ctx.catalogue,
            ctx.incoming.address,
            ctx.payload.log_id,
            ctx.incoming.user_id,
            ctx.now,
            private=ctx.incoming.private,
        )
    )


@router.command("undo", needs=Needs.MEMBER)
async def undo(ctx: Context) -> Reply:
    """Remove your most recent log."""
    return view.undone(await logbook.undo_last(ctx.tx, ctx.catalogue, ctx.member, ctx.now))


@router.command("history", needs=Needs.MEMBER)
async def history(ctx: Context) -> Reply:
    """Show your recent logged sessions."""
    return view.history(await logbook.history(ctx.tx, ctx.catalogue, ctx.group, ctx.member))


@router.command("pain", usage="[where]", needs=Needs.MEMBER)
async def pain(ctx: Context) -> Reply:
    """Tell the coach something hurts: I'll hold your weekly bump and share safety advice."""
    day = ctx.group.schedule().local_date(ctx.now)
    mention = find_pain(f"{ctx.args} pain") or PainMention(None)
    to = _to(ctx, ctx.group, ctx.member)
    noted = await logbook.note_pain(ctx.tx, to, day, mention, ctx.args or "pain reported", ctx.now)
    return view.pain_noted(noted)


async def _private_report(ctx: Context, text: str) -> Reply | None:
    """Sets sent in a private chat go to the sender's group (see `bot.commands.private`)."""
    try:
        parse_report(text, Unit.KG)  # is it a report at all? (read again in the group's unit)
    except NotAReport as exc:
        if any(ch.isdigit() for ch in text):
            raise Unreadable(exc) from None
        return None
    except ReportError as exc:
        raise Unreadable(exc, what="log") from None
    return await private.report(ctx, text, _source_key(ctx))


def _to(ctx: Context, group: GroupRow, member: MemberRow) -> logbook.Target:
    return logbook.Target(group, member, ctx.catalogue)


def _refuse_stranger(ctx: Context, *, program: bool, addressed: bool, text: str) -> None:
    """Someone who has not joined: point them to /join when they clearly meant the bot."""
    try:
        parse_report(text, Unit.KG)
        looks_like_sets = True
    except ReportError:
        looks_like_sets = False
    if not (addressed or looks_like_sets):
        return
    if not program:
        raise NoProgram(for_a_log=True)
    raise NotJoined(ctx.incoming.user_name, wanted_to_log=True)


def _split_day(args: str, today: date) -> tuple[date, str]:
    """The day a `/log` names first (`mon`, `yesterday`, `on tue`, `last friday`) and the rest."""
    first, _, rest = args.strip().partition(" ")
    if first.lower() in {"last", "on"}:
        second, _, after = rest.strip().partition(" ")
        named = last_weekday(second, today) if first.lower() == "last" else None
        if named is not None:
            return named, after.strip()
        if first.lower() == "on":
            first, rest = second, after
    try:
        day = day_in_week(first, today) if first else None
    except ScheduleError as exc:
        raise DayNotLoggable(exc) from None
    return (day, rest.strip()) if day is not None else (today, args.strip())


def _source_key(ctx: Context) -> str:
    if ctx.incoming.message_id:
        return f"msg:{ctx.incoming.message_id}"
    return f"at:{ctx.now.isoformat()}"
