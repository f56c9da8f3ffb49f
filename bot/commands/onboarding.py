"""First contact: what Spotter is and what a new group should do first."""

from __future__ import annotations

from bot.commands.registry import Command, Context, Router
from bot.errors import UnknownHelpTopic
from bot.messages import Reply
from bot.services import program
from bot.views import onboarding as view
from bot.views import personal as personal_view

router = Router("Getting started")


@router.command("start")
async def start(ctx: Context) -> Reply:
    """Meet Spotter and see what to do first."""
    group = await ctx.tx.group(ctx.incoming.address)
    if group is None and ctx.incoming.private:
        return personal_view.start(ctx.incoming.user_name)
    if group is None:
        return view.start(ctx.incoming.user_name, None, 0, None)
    schedule = group.schedule()
    next_day = schedule.next_training_day(schedule.local_date(ctx.now))
    members = await ctx.tx.members(group)
    return view.start(
        ctx.incoming.user_name, program.status(group, ctx.now, ctx.exercise), len(members), next_day
    )


@router.command("help", usage="[command]")
async def help_(ctx: Context) -> Reply:
    """List what I can do, or explain one command."""
    wanted = ctx.args.strip().lstrip("/").lower()
    if wanted:
        command = ctx.commands.get(wanted)
        if command is None:
            raise UnknownHelpTopic(wanted)
        return view.command_help(_entry(command))
    address = ctx.incoming.address
    # Telegram's group privacy mode hides plain messages from bots; groups have negative ids.
    privacy_mode = address.platform == "telegram" and address.chat_id.startswith("-")
    entries = [_entry(c) for c in ctx.commands.all()]
    return view.help_list(entries, privacy_mode=privacy_mode, discord=address.platform == "discord")


def _entry(command: Command) -> view.HelpEntry:
    return view.HelpEntry(command.name, command.usage, command.summary, command.admin_only, command.section)
