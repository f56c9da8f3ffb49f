"""The Coach: the one service every adapter talks to.

It turns an `Incoming` into replies: find the command, check the sender's rights, run the
handler inside one database transaction, and translate refusals into friendly text. Platform
details stay in the adapters; rules stay in `bot.rules`.
"""

from __future__ import annotations

import logging

from bot.clock import Clock
from bot.commands.registry import CommandRegistry, Context, Refusal, split_command
from bot.content.faq import FaqIndex
from bot.content.model import Exercise
from bot.markup import escape
from bot.messages import Incoming, Reply
from bot.store.repository import Store

log = logging.getLogger(__name__)

MAX_TEXT = 4096


class Coach:
    def __init__(self, store: Store, clock: Clock, exercise: Exercise, commands: CommandRegistry) -> None:
        self.store = store
        self.clock = clock
        self.exercise = exercise
        self.commands = commands
        self.faq = FaqIndex(exercise.faq)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message; ordinary chat that is not for the bot gets no reply."""
        parsed = split_command(incoming.text[:MAX_TEXT])
        if parsed is None:
            return []
        name, args = parsed
        command = self.commands.get(name)
        if command is None:
            return [Reply(f"I don't know /{escape(name)}. Try /help for what I can do.")]
        if command.admin_only and not incoming.is_admin:
            return [
                Reply(
                    f"Sorry {escape(incoming.user_name)}, only a chat admin can use /{name}. "
                    "Ask one of your admins to run it."
                )
            ]
        try:
            async with self.store.transaction() as tx:
                context = Context(
                    incoming=incoming,
                    args=args,
                    tx=tx,
                    now=self.clock.now(),
                    exercise=self.exercise,
                    faq=self.faq,
                    commands=self.commands,
                )
                return [await command.handler(context)]
        except Refusal as refusal:
            return [Reply(refusal.message)]
