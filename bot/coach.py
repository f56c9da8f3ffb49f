"""The Coach: the one service every adapter talks to.

It turns an `Incoming` into replies: find the command, button action or free-text handler,
check the sender's rights, run the handler inside one database transaction, and translate
refusals into friendly text. The transaction commits before any reply exists, so nothing is
confirmed that is not durable. Platform details stay in the adapters; rules in `bot.rules`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import IntegrityError

from bot.clock import Clock
from bot.commands.registry import CommandRegistry, Context, Handler, Refusal, split_command
from bot.content.faq import FaqIndex
from bot.content.model import Exercise
from bot.markup import escape
from bot.messages import Address, Incoming, Reply
from bot.store.repository import Store, Tx
from bot.weekly import apply_weekly_bump

log = logging.getLogger(__name__)

ScheduleListener = Callable[[Address], Awaitable[None]]

MAX_TEXT = 4096
# A unique-key race (the same message handled twice at once) is retried once: the second run
# sees the first one's row and answers as for a duplicate.
ATTEMPTS = 2


class Coach:
    def __init__(self, store: Store, clock: Clock, exercise: Exercise, commands: CommandRegistry) -> None:
        self.store = store
        self.clock = clock
        self.exercise = exercise
        self.commands = commands
        self.faq = FaqIndex(exercise.faq)
        self.schedule_listeners: list[ScheduleListener] = []

    async def program_changed(self, address: Address) -> None:
        """Tell listeners (the scheduler) that a group's schedule or pause state changed."""
        for listener in self.schedule_listeners:
            await listener(address)

    async def bump_summary(self, address: Address, week: str) -> Reply | None:
        """The summary of a bump already applied, to post it again after a crash before sending."""
        async with self.store.transaction() as tx:
            group = await tx.group(address)
            row = await tx.bump(group, week) if group else None
        return Reply(row.summary) if row else None

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message or tap; chat that is not for the bot gets no reply."""
        if incoming.action is not None:
            found = self.commands.action(incoming.action)
            if found is None:
                return [Reply("That button has expired. Try /today for a fresh one.", private=True)]
            handler, argument = found
            return await self._run(handler, incoming, argument)
        parsed = split_command(incoming.text)
        if parsed is None:
            if self.commands.text_handler is None:
                return []
            return await self._run(self.commands.text_handler, incoming, incoming.text)
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
        return await self._run(command.handler, incoming, args)

    async def weekly_bump(self, address: Address, week: str) -> Reply | None:
        """Apply a group's bump for an ISO week once; the summary to post, or None if done before."""

        async def bump(tx: Tx) -> Reply | None:
            group = await tx.group(address)
            summary = (
                await apply_weekly_bump(tx, group, week, self.clock.now(), self.exercise) if group else None
            )
            return None if summary is None else Reply(summary)

        return await self._transaction(bump)

    async def _run(self, handler: Handler, incoming: Incoming, args: str) -> list[Reply]:
        if len(incoming.text) > MAX_TEXT:
            return [Reply(f"That message is over {MAX_TEXT} characters; please send something shorter.")]
        changed: list[bool] = []

        async def handle(tx: Tx) -> Reply | None:
            context = Context(
                incoming=incoming,
                args=args,
                tx=tx,
                now=self.clock.now(),
                exercise=self.exercise,
                faq=self.faq,
                commands=self.commands,
            )
            reply = await handler(context)
            changed[:] = context.schedule_changed
            return reply

        try:
            reply = await self._transaction(handle)
        except Refusal as refusal:
            return [Reply(refusal.message)]
        if changed:
            await self.program_changed(incoming.address)
        return [] if reply is None else [reply]

    async def _transaction(self, work: Callable[[Tx], Awaitable[Reply | None]]) -> Reply | None:
        """Run `work` in one transaction; a unique-key race is retried once (see ATTEMPTS)."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self.store.transaction() as tx:
                    return await work(tx)
            except IntegrityError:
                if attempt == ATTEMPTS:
                    raise
                log.info("unique-key race; retrying the transaction once")
        raise AssertionError("unreachable")
