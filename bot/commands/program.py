"""The group's program: goal, training days, time, time zone and sets."""

from __future__ import annotations

from bot.commands.registry import Context, Needs, Router
from bot.errors import AdminOnly, Rejected, SetupRejected
from bot.events import ProgramChanged
from bot.messages import Reply
from bot.rules.lineup import LineupError, parse_lineup
from bot.rules.program import SetupProblems, parse_setup
from bot.services import program
from bot.views import program as view

router = Router("Program (admins)")


@router.command("setup", usage="goal days time tz [sets]", admin=True)
async def setup(ctx: Context) -> Reply:
    """Set or change the program: goal, 1–3 training days, local time, time zone, sets (3–5)."""
    try:
        change = parse_setup(ctx.args)
    except SetupProblems as problems:
        raise SetupRejected(problems.problems) from None
    incoming = ctx.incoming
    status = await program.set_up(
        ctx.tx, incoming.address, change, ctx.now, ctx.exercise, incoming.chat_title, ctx.catalogue
    )
    ctx.publish(ProgramChanged(ctx.incoming.address))
    return view.program_set(status)


@router.command("pause", admin=True, needs=Needs.GROUP)
async def pause(ctx: Context) -> Reply:
    """Stop reminders, prompts and weekly bumps until /resume."""
    await program.set_paused(ctx.tx, ctx.group, True, ctx.now, ctx.exercise)
    ctx.publish(ProgramChanged(ctx.incoming.address))
    return view.paused()


@router.command("resume", admin=True, needs=Needs.GROUP)
async def resume(ctx: Context) -> Reply:
    """Start reminders, prompts and weekly bumps again."""
    status = await program.set_paused(ctx.tx, ctx.group, False, ctx.now, ctx.exercise)
    ctx.publish(ProgramChanged(ctx.incoming.address))
    return view.resumed(status)


@router.command("schedule", needs=Needs.GROUP)
async def schedule(ctx: Context) -> Reply:
    """Show the program and when the next session is."""
    return view.schedule(program.status(ctx.group, ctx.now, ctx.exercise))


@router.command("program", usage="mon: hip thrust, rdl; thu: squat, bench", needs=Needs.GROUP)
async def program_(ctx: Context) -> Reply:
    """Show which exercises each training day holds; admins set them.

    The days named become the training days."""
    if not ctx.args.strip():
        return view.lineup(program.lineup_of(ctx.group, ctx.catalogue))
    if not ctx.incoming.is_admin:
        raise AdminOnly("program", ctx.incoming.user_name)
    known = tuple(e.name for e in ctx.catalogue.exercises)
    try:
        lineup = parse_lineup(ctx.args, ctx.catalogue.names, known)
    except LineupError as exc:
        raise Rejected(exc) from None
    shown = await program.set_lineup(ctx.tx, ctx.group, lineup, ctx.now, ctx.catalogue)
    ctx.publish(ProgramChanged(ctx.incoming.address))
    return view.lineup(shown, changed=True)
