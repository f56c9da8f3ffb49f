"""The Coach: the dispatch pipeline every adapter talks to.

An `Incoming` goes through one pipeline: route it (command, button payload or free text),
check admin rights, open one transaction, load what the handler declared it needs (group,
member), run it, commit, then publish the events it collected. Any `DomainError` raised on the
way becomes a refusal in one place (`bot.views.refusals`). The transaction commits before a
reply exists, so nothing is confirmed that is not durable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.buttons import BadPayload, CallbackData, prefix_of
from bot.clock import Clock
from bot.commands.registry import CommandRegistry, Context, Handler, Needs, split_command
from bot.content.faq import FaqIndex
from bot.content.model import Exercise
from bot.errors import (
    AdminOnly,
    DomainError,
    ExpiredButton,
    MessageTooLong,
    NoProgram,
    NotJoined,
    UnknownCommand,
)
from bot.events import Event, EventBus
from bot.messages import Incoming, Reply
from bot.store.repository import Store, Tx
from bot.views import refusals

log = logging.getLogger(__name__)

MAX_TEXT = 4096


@dataclass(frozen=True, slots=True)
class _Route:
    handler: Handler
    args: str
    needs: Needs
    payload: CallbackData | None = None


class Coach:
    def __init__(self, store: Store, clock: Clock, exercise: Exercise, commands: CommandRegistry) -> None:
        self.store = store
        self.clock = clock
        self.exercise = exercise
        self.commands = commands
        self.faq = FaqIndex(exercise.faq)
        self.events = EventBus()

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message or tap; chat that is not for the bot gets no reply."""
        try:
            route = self._route(incoming)
            if route is None:
                return []
            reply, events = await self.store.run(lambda tx: self._run(route, incoming, tx))
        except DomainError as error:
            return [refusals.refusal(error)]
        await self.events.publish(events)
        return [] if reply is None else [reply]

    def _route(self, incoming: Incoming) -> _Route | None:
        if len(incoming.text) > MAX_TEXT:
            raise MessageTooLong(MAX_TEXT)
        if incoming.action is not None:
            action = self.commands.action(prefix_of(incoming.action))
            if action is None:
                raise ExpiredButton()
            try:
                payload = action.payload.unpack(incoming.action)
            except BadPayload:
                raise ExpiredButton() from None
            return _Route(action.handler, "", action.needs, payload)
        parsed = split_command(incoming.text)
        if parsed is None:
            handler = self.commands.text_handler
            return None if handler is None else _Route(handler, incoming.text, Needs.NOTHING)
        name, args = parsed
        command = self.commands.get(name)
        if command is None:
            raise UnknownCommand(name)
        if command.admin_only and not incoming.is_admin:
            raise AdminOnly(name, incoming.user_name)
        return _Route(command.handler, args, command.needs, None)

    async def _run(self, route: _Route, incoming: Incoming, tx: Tx) -> tuple[Reply | None, list[Event]]:
        ctx = Context(
            incoming=incoming,
            args=route.args,
            tx=tx,
            now=self.clock.now(),
            exercise=self.exercise,
            faq=self.faq,
            commands=self.commands,
            payload=route.payload,
        )
        if route.needs >= Needs.GROUP:
            ctx.maybe_group = await tx.group(incoming.address)
            if ctx.maybe_group is None:
                raise NoProgram()
        if route.needs >= Needs.MEMBER:
            ctx.maybe_member = await tx.member(ctx.group, incoming.user_id)
            if ctx.maybe_member is None:
                raise NotJoined(incoming.user_name, tapped=route.payload is not None)
        reply = await route.handler(ctx)
        return reply, ctx.events
