"""Discord interactions and messages to the core's `Incoming`, and the slash-command set.

A training group is a text channel: a thread posts to its parent channel's program (like a
Telegram forum topic), and answers stay in the thread. A slash command becomes the text
command the core reads (`/join intermediate 60kg`), its typed options in declared order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import discord

from bot.commands.registry import Command
from bot.domain import Goal, Level, Unit
from bot.messages import Address, Incoming, Kind

# Discord's option types (application command option type).
STRING = 3
ATTACHMENT = 11
MAX_DESCRIPTION = 100


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    description: str
    choices: tuple[str, ...] = ()
    autocomplete: bool = False
    required: bool = False
    kind: int = STRING  # ATTACHMENT: a file, which travels beside the command, not in its text

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.kind,
            "name": self.name,
            "description": self.description,
            "required": self.required,
        }
        if self.choices:
            data["choices"] = [{"name": c, "value": c} for c in self.choices]
        if self.autocomplete:
            data["autocomplete"] = True
        return data


def _values(enum: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(e.value) for e in enum)


MEMBER = Option("member", "Who (start typing a name)", autocomplete=True, required=True)
# Typed options for the commands that take structured arguments; every other command that
# takes arguments gets one free `text` option.
OPTIONS: Mapping[str, tuple[Option, ...]] = {
    "setup": (
        Option("goal", "Training goal", choices=_values(Goal)),
        Option("days", "1–3 training days, e.g. mon,thu"),
        Option("time", "Local start time, e.g. 18:30"),
        Option("tz", "IANA time zone, e.g. Europe/Berlin", autocomplete=True),
        Option("sets", "Sets: 3–5, or a range such as 3-5"),
    ),
    "join": (
        Option("level", "Your level", choices=_values(Level)),
        Option("load", "Starting load, e.g. 60kg or 135 lb"),
        Option("unit", "Weights in", choices=_values(Unit)),
    ),
    "log": (Option("report", "What you did, e.g. 3x10 @ 60kg", required=True),),
    "unit": (Option("unit", "Weights in", choices=_values(Unit), required=True),),
    "set": (
        MEMBER,
        Option("change", "load 70kg | reps 10 | sets 4 | variation …", autocomplete=True, required=True),
    ),
    "import": (Option("file", "A CSV export from Strong, Hevy or Spotter", required=True, kind=ATTACHMENT),),
    "hold": (MEMBER,),
    "deload": (MEMBER,),
}
TEXT = Option("text", "Details (see /help)")


def command_payloads(commands: Iterable[Command]) -> list[dict[str, Any]]:
    """The application commands to register; admin ones are shown to channel managers only."""
    payloads = []
    for command in commands:
        options = OPTIONS.get(command.name) or ((TEXT,) if command.usage else ())
        payload: dict[str, Any] = {
            "type": 1,
            "name": command.name,
            "description": (command.summary or command.name)[:MAX_DESCRIPTION],
            "options": [o.payload() for o in options],
        }
        if command.admin_only:
            payload["default_member_permissions"] = str(discord.Permissions(manage_channels=True).value)
        payloads.append(payload)
    return payloads


def command_text(data: Mapping[str, Any]) -> str:
    """`/join intermediate 60kg` from a slash command's name and options, in declared order."""
    given = {o["name"]: str(o.get("value", "")).strip() for o in data.get("options", [])}
    declared = OPTIONS.get(str(data["name"]), (TEXT,))
    words = [given[o.name] for o in declared if given.get(o.name) and o.kind != ATTACHMENT]
    return " ".join([f"/{data['name']}", *words])


def address_of(channel: Any) -> Address:
    """The channel's program address: a thread belongs to its parent channel."""
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return Address("discord", str(channel.parent_id), str(channel.id))
    return Address("discord", str(channel.id))


def is_channel_admin(permissions: discord.Permissions) -> bool:
    return permissions.administrator or permissions.manage_guild or permissions.manage_channels


def from_interaction(interaction: discord.Interaction) -> Incoming | None:
    """A slash command or a button tap; autocomplete is answered at once, not stored."""
    channel = interaction.channel
    if channel is None:
        return None
    user = interaction.user
    data: Mapping[str, Any] = interaction.data or {}
    private = isinstance(channel, discord.DMChannel) or interaction.guild_id is None
    base = Incoming(
        address=address_of(channel),
        user_id=str(user.id),
        user_name=user.display_name,
        is_admin=False,
        text="",
        private=private,
        addressed=True,
        user_handle=user.name,
        chat_title=getattr(channel, "name", None),
    )
    if interaction.type is discord.InteractionType.application_command:
        return replace(base, text=command_text(data), message_id=f"i{interaction.id}")
    if interaction.type is discord.InteractionType.component and interaction.message is not None:
        return replace(base, message_id=str(interaction.message.id), action=str(data.get("custom_id", "")))
    return None


def from_message(message: discord.Message, bot_id: int, *, edited: bool = False) -> Incoming | None:
    """A channel message (a free-text report, a reply to the bot); bots and webhooks ignored."""
    author = message.author
    if author.bot or message.webhook_id is not None or not message.content:
        return None
    replied = message.reference.resolved if message.reference else None
    replied_author = replied.author if isinstance(replied, discord.Message) else None
    reply_to_bot = replied_author is not None and replied_author.id == bot_id
    targets = () if replied_author is None or replied_author.bot else (str(replied_author.id),)
    private = isinstance(message.channel, discord.DMChannel)
    return Incoming(
        address=address_of(message.channel),
        user_id=str(author.id),
        user_name=author.display_name,
        is_admin=False,
        text=message.content,
        message_id=str(message.id),
        reply_to_bot=reply_to_bot,
        kind=Kind.EDIT if edited else Kind.MESSAGE,
        private=private,
        addressed=private or reply_to_bot or any(u.id == bot_id for u in message.mentions),
        user_handle=author.name,
        targets=targets,
        chat_title=getattr(message.channel, "name", None),
    )


def message_is_admin(message: discord.Message) -> bool:
    """Whether the author manages this channel (for a command typed as a plain message)."""
    author = message.author
    channel = message.channel
    if isinstance(author, discord.Member) and isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        return is_channel_admin(channel.permissions_for(author))
    return isinstance(channel, discord.DMChannel)


def uploaded(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The first file attached to a slash command (Discord resolves attachment options)."""
    attachments = (data.get("resolved") or {}).get("attachments") or {}
    return next(iter(attachments.values()), None)
