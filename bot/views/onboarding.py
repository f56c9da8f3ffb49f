"""First contact and help: what Spotter is, what a new group does first, every command."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.markup import bold, escape
from bot.messages import Reply
from bot.services.program import ProgramStatus
from bot.views import format as fmt
from bot.views.problems import JOIN_USAGE
from bot.views.refusals import SETUP_EXAMPLE


@dataclass(frozen=True, slots=True)
class HelpEntry:
    """A command as `/help` lists it (its summary is the handler's docstring)."""

    name: str
    usage: str
    summary: str
    admin_only: bool
    section: str


def start(user_name: str, status: ProgramStatus | None, member_count: int, next_day: date | None) -> Reply:
    hello = (
        f"👋 Hi {escape(user_name)}, I'm {bold('Spotter')}, your group's strength "
        "coach. I plan each session, remind you before it, and raise the weights as you get stronger."
    )
    if status is None:
        steps = (
            f"1. A chat admin sets the program:\n   {SETUP_EXAMPLE}\n"
            f"2. Everyone joins with their level and starting load:\n   {JOIN_USAGE}\n"
            "3. On training days, /today shows each member's session."
        )
        return Reply(f"{hello}\n\n{bold('Getting started')}\n{steps}\n\nAll commands: /help")
    p = status.program
    return Reply(
        f"{hello}\n\nThis group trains {escape(fmt.schedule(p.schedule))}, goal "
        f"{bold(p.goal.value)}; {member_count} member(s) so far. "
        f"Join with {JOIN_USAGE}, then /today on training days "
        f"(next one: {fmt.day_label(next_day or status.next_session.date())}). All commands: /help"
    )


def command_help(entry: HelpEntry) -> Reply:
    admin = " (admins only)" if entry.admin_only else ""
    return Reply(f"/{entry.name} {escape(entry.usage)}{admin}\n{escape(entry.summary)}".replace(" \n", "\n"))


def help_list(entries: Sequence[HelpEntry], *, privacy_mode: bool, discord: bool = False) -> Reply:
    lines: list[str] = []
    section = None
    for entry in entries:
        if entry.section != section:
            section = entry.section
            lines.append(f"\n{bold(section)}")
        usage = f" {escape(entry.usage)}" if entry.usage else ""
        admin = " (admin)" if entry.admin_only else ""
        lines.append(f"/{entry.name}{usage}: {escape(entry.summary)}{admin}")
    privacy = (
        "\n\nIn Telegram groups I only see commands and replies to my messages (privacy mode). "
        "Log sets with /log 3x10 @ 60kg, by replying to one of my messages, or with the ✅ button."
        if privacy_mode
        else ""
    )
    if discord:
        privacy = (
            "\n\nOn Discord I read plain messages such as 3x10 @ 60kg only if my application has "
            "the Message Content intent (Developer Portal → Bot → Privileged Gateway Intents). "
            "/log and the buttons always work."
        )
    return Reply("Here's what I can do:" + "\n".join(lines) + privacy)
