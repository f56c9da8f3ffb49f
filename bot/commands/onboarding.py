"""First contact: what Spotter is and what a new group should do first."""

from __future__ import annotations

from bot.commands.common import SETUP_EXAMPLE, day_label
from bot.commands.registry import Context, Refusal, Router
from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.membership import JOIN_USAGE

router = Router("Getting started")


@router.command("start")
async def start(ctx: Context) -> Reply:
    """Meet Spotter and see what to do first."""
    group = await ctx.tx.group(ctx.incoming.address)
    hello = (
        f"👋 Hi {escape(ctx.incoming.user_name)}, I'm {bold('Spotter')}, your group's hip thrust "
        "coach. I plan each session, remind you before it, and raise the weights as you get stronger."
    )
    if group is None:
        steps = (
            f"1. A chat admin sets the program:\n   {SETUP_EXAMPLE}\n"
            f"2. Everyone joins with their level and starting load:\n   {JOIN_USAGE}\n"
            "3. On training days, /today shows each member's session."
        )
        return Reply(f"{hello}\n\n{bold('Getting started')}\n{steps}\n\nAll commands: /help")
    schedule = group.schedule()
    next_day = schedule.next_training_day(schedule.local_date(ctx.now))
    members = await ctx.tx.members(group)
    return Reply(
        f"{hello}\n\nThis group trains {escape(schedule.describe())}, goal "
        f"{bold(group.goal.value)}; {len(members)} member(s) so far. "
        f"Join with {JOIN_USAGE}, then /today on training days "
        f"(next one: {day_label(next_day)}). All commands: /help"
    )


@router.command("help", usage="[command]")
async def help_(ctx: Context) -> Reply:
    """List what I can do, or explain one command."""
    wanted = ctx.args.strip().lstrip("/").lower()
    if wanted:
        cmd = ctx.commands.get(wanted)
        if cmd is None:
            raise Refusal(f"There's no /{escape(wanted)}. /help lists every command.")
        admin = " (admins only)" if cmd.admin_only else ""
        return Reply(f"/{cmd.name} {escape(cmd.usage)}{admin}\n{escape(cmd.summary)}".replace(" \n", "\n"))
    lines: list[str] = []
    section = None
    for cmd in ctx.commands.all():
        if cmd.section != section:
            section = cmd.section
            lines.append(f"\n{bold(section)}")
        usage = f" {escape(cmd.usage)}" if cmd.usage else ""
        admin = " (admin)" if cmd.admin_only else ""
        lines.append(f"/{cmd.name}{usage}: {escape(cmd.summary)}{admin}")
    return Reply("Here's what I can do:" + "\n".join(lines) + _privacy_note(ctx))


def _privacy_note(ctx: Context) -> str:
    """Telegram's group privacy mode hides plain messages from bots; say how to log anyway."""
    if ctx.incoming.address.platform != "telegram" or not ctx.incoming.address.chat_id.startswith("-"):
        return ""
    return (
        "\n\nIn Telegram groups I only see commands and replies to my messages (privacy mode). "
        "Log sets with /log 3x10 @ 60kg, by replying to one of my messages, or with the ✅ button."
    )
