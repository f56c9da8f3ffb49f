"""The Coach: the dispatch pipeline every adapter talks to.

An `Incoming` goes through one pipeline: route it (command, button payload or free text),
check admin rights, open one transaction, load what the handler declared it needs (group,
member), run it, commit, then publish the events it collected. Any `DomainError` raised on the
way becomes a refusal in one place (`bot.views.refusals`). The transaction commits before a
reply exists, so nothing is confirmed that is not durable.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot.buttons import BadPayload, CallbackData, prefix_of
from bot.clock import Clock
from bot.commands.registry import CommandRegistry, Context, Handler, Needs, split_command
from bot.content.catalogue import Catalogue
from bot.content.faq import Answers
from bot.content.model import Exercise
from bot.errors import (
    AdminOnly,
    DomainError,
    ExpiredButton,
    MessageTooLong,
    NoProgram,
    NotJoined,
    UnknownCommand,
    Unreadable,
)
from bot.events import Event, EventBus
from bot.messages import Address, Incoming, Kind, Reply
from bot.metrics import PARSE_FAILURES
from bot.services import members
from bot.services.suggestions import suggest
from bot.store.repository import Store, Tx
from bot.views import refusals

log = logging.getLogger(__name__)

# Work an adapter does inside the handler's transaction with its replies (store them durably).
Finish = Callable[[Tx, list[Reply]], Awaitable[None]]

MAX_TEXT = 4096
# The widest name the members table holds; Telegram allows 129 characters (64 + space + 64).
MAX_NAME = 128
MAX_USER_ID = 64
# Source keys (`tap:<message id>:<day>`) must fit their 128-character column.
MAX_MESSAGE_ID = 100


@dataclass(frozen=True, slots=True)
class _Route:
    handler: Handler
    args: str
    needs: Needs
    payload: CallbackData | None = None
    # What to run instead in a private chat without a program of its own.
    in_private: Handler | None = None


class Coach:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        exercise: Exercise,
        commands: CommandRegistry,
        catalogue: Catalogue | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.exercise = exercise
        self.catalogue = catalogue or Catalogue((exercise,))
        self.answers = Answers(self.catalogue, exercise)
        self.commands = commands
        self.events = EventBus()

    async def handle(self, incoming: Incoming, finish: Finish | None = None) -> list[Reply]:
        """Answer one message or tap; chat that is not for the bot gets no reply.

        `finish` runs inside the handler's own transaction with the replies, so an adapter can
        store them (and mark the update handled) atomically with the work they confirm. A
        refusal changes nothing, so its `finish` runs in a transaction of its own.
        """
        incoming = sanitized(incoming)
        try:
            route = self._route(incoming)
            if route is None:
                if finish is not None:
                    await self.store.run(lambda tx: finish(tx, []))
                return []
            replies, events = await self.store.run(lambda tx: self._run(route, incoming, tx, finish))
        except DomainError as error:
            return await self.refuse(incoming, error, finish)
        await self.events.publish(events)
        return replies

    async def refuse(
        self, incoming: Incoming, error: DomainError, finish: Finish | None = None
    ) -> list[Reply]:
        """Decline `incoming` for `error`, to its sender alone where the platform can (a tap's
        answer on Telegram, an ephemeral message on Discord)."""
        if isinstance(error, Unreadable):
            PARSE_FAILURES.inc()
        replies = [replace(refusals.refusal(error), private=True)]
        if finish is not None:
            await self.store.run(lambda tx: finish(tx, replies))
        return replies

    async def suggestions(self, address: Address, option: str, typed: str) -> list[tuple[str, str]]:
        """Autocomplete for a command option being typed in `address` (label, value)."""
        return await self.store.run(lambda tx: suggest(tx, address, option, typed, self.exercise))

    async def chat_moved(self, old: Address, new: Address) -> None:
        """A platform said, on a send, that the chat now lives at `new`: move its program."""
        await self.handle(Incoming(old.chat, "", "", False, "", kind=Kind.MOVED, moved_to=new))

    def needs_admin(self, incoming: Incoming) -> bool:
        """Whether answering `incoming` depends on the sender's admin rights (an admin command,
        or a tap whose handler reads them)."""
        if incoming.action is not None:
            action = self.commands.action(prefix_of(incoming.action))
            return action is not None and action.reads_admin
        if incoming.kind is not Kind.MESSAGE:
            return False
        parsed = split_command(incoming.text)
        command = self.commands.get(parsed[0]) if parsed else None
        return command is not None and command.admin_only

    def _route(self, incoming: Incoming) -> _Route | None:
        if len(incoming.text) > MAX_TEXT:
            raise MessageTooLong(MAX_TEXT)
        if incoming.kind is not Kind.MESSAGE:
            handler = self.commands.event_handler(incoming.kind)
            return None if handler is None else _Route(handler, incoming.text, Needs.NOTHING)
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
            if not incoming.addressed:
                return None  # busy groups hold several bots: another one's command, most likely
            raise UnknownCommand(name)
        if command.admin_only and not incoming.is_admin:
            raise AdminOnly(name, incoming.user_name)
        in_private = self.commands.private_handler(name) if incoming.private else None
        return _Route(command.handler, args, command.needs, None, in_private)

    async def _run(
        self, route: _Route, incoming: Incoming, tx: Tx, finish: Finish | None
    ) -> tuple[list[Reply], list[Event]]:
        ctx = Context(
            incoming=incoming,
            args=route.args,
            tx=tx,
            now=self.clock.now(),
            exercise=self.exercise,
            catalogue=self.catalogue,
            answers=self.answers,
            commands=self.commands,
            payload=route.payload,
        )
        handler = await self._load_needs(route, ctx)
        reply = await handler(ctx)
        replies = [] if reply is None else [reply]
        if finish is not None:
            await finish(tx, replies)
        return replies, ctx.events

    async def _load_needs(self, route: _Route, ctx: Context) -> Handler:
        """Load the group and member the handler declared it needs; the handler to run (in a
        private chat without a program of its own, the command's private view, if it has one)."""
        if route.needs < Needs.GROUP:
            return route.handler
        incoming, tx = ctx.incoming, ctx.tx
        if route.needs >= Needs.MEMBER:
            group, member = await tx.group_and_member(incoming.address, incoming.user_id)
        else:
            group, member = await tx.group(incoming.address), None
        if group is None:
            if route.in_private is None:
                raise NoProgram()
            return route.in_private
        ctx.maybe_group = group
        if incoming.chat_title and group.title != incoming.chat_title:
            group.title = incoming.chat_title
            await tx.add(group)
        if route.needs >= Needs.MEMBER:
            if member is None:
                raise NotJoined(incoming.user_name, tapped=route.payload is not None)
            ctx.maybe_member = member
            await members.keep_identity(tx, member, incoming.user_name, incoming.user_handle)
        return route.handler


def sanitized(incoming: Incoming) -> Incoming:
    """The message as the database can hold it: no NUL bytes, ids and names that fit their columns."""
    user_id = _clean(incoming.user_id)[:MAX_USER_ID]
    name = _clean(incoming.user_name).strip()[:MAX_NAME] or user_id
    message_id = _clean(incoming.message_id)[:MAX_MESSAGE_ID] if incoming.message_id else incoming.message_id
    text = _clean(incoming.text)
    title = _clean(incoming.chat_title)[:MAX_NAME] if incoming.chat_title else None
    return replace(
        incoming, user_id=user_id, user_name=name, message_id=message_id, text=text, chat_title=title
    )


def _clean(text: str) -> str:
    return text.replace("\x00", "")
