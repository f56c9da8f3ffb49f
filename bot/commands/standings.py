"""`/leaderboard` and `/private`: progress the group can celebrate, and a way to stay out of it."""

from __future__ import annotations

from bot.commands.registry import Context, Needs, Router
from bot.errors import Rejected
from bot.messages import Reply
from bot.rules.problems import RuleError
from bot.services import standings
from bot.views import standings as view

router = Router("Leaderboard")

_SWITCH = {"on": True, "yes": True, "off": False, "no": False}


@router.command("leaderboard", usage="[week|month|all]", needs=Needs.GROUP)
async def leaderboard(ctx: Context) -> Reply:
    """Sessions, streaks and progress on each member's own start, this week, month or all time."""
    word = ctx.args.strip().lower() or standings.Period.WEEK.value
    try:
        period = standings.Period(word)
    except ValueError:
        raise Rejected(RuleError("bad_period", text=word)) from None
    return view.leaderboard(await standings.leaderboard(ctx.tx, ctx.group, period, ctx.now))


@router.command("private", usage="on|off", needs=Needs.MEMBER)
async def private(ctx: Context) -> Reply:
    """Keep your numbers off the leaderboard and the weekly recap (/private on), or not (off)."""
    word = ctx.args.strip().lower() or "on"
    if word not in _SWITCH:
        raise Rejected(RuleError("bad_switch", text=word))
    ctx.member.private = _SWITCH[word]
    await ctx.tx.add(ctx.member)
    return view.private_set(ctx.member.private)
