"""How a command is declared, found and given what it needs.

A handler declares what it needs (`needs=Needs.MEMBER`, `admin=True`) and the dispatcher loads
it once, before the handler runs: the group of the chat, the sender's membership, admin rights.
A missing need is a `DomainError` the dispatcher turns into a refusal. A handler's docstring is
its `/help` line, so the help can never drift from the code.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from bot.buttons import CallbackData
from bot.content.catalogue import Catalogue
from bot.content.faq import Answers
from bot.content.model import Exercise
from bot.events import Event
from bot.messages import Incoming, Kind, Reply
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow


class Needs(IntEnum):
    """What a handler needs loaded; each level includes the ones before it."""

    NOTHING = 0
    GROUP = 1
    MEMBER = 2


@dataclass(slots=True)
class Context:
    """Everything a handler may use, loaded by the dispatcher; handlers import no globals."""

    incoming: Incoming
    args: str
    tx: Tx
    now: datetime
    exercise: Exercise
    catalogue: Catalogue
    answers: Answers
    commands: CommandRegistry
    maybe_group: GroupRow | None = None
    maybe_member: MemberRow | None = None
    payload: CallbackData | None = None
    events: list[Event] = field(default_factory=list)

    @property
    def group(self) -> GroupRow:
        """The chat's group; only for handlers that declared `Needs.GROUP` or more."""
        if self.maybe_group is None:
            raise RuntimeError("the handler did not declare that it needs the group")
        return self.maybe_group

    @property
    def member(self) -> MemberRow:
        """The sender's membership; only for handlers that declared `Needs.MEMBER`."""
        if self.maybe_member is None:
            raise RuntimeError("the handler did not declare that it needs the member")
        return self.maybe_member

    def publish(self, event: Event) -> None:
        """Announce `event` once the transaction has committed."""
        self.events.append(event)


Handler = Callable[[Context], Awaitable[Reply | None]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    usage: str
    admin_only: bool
    section: str
    needs: Needs

    @property
    def summary(self) -> str:
        return (inspect.getdoc(self.handler) or "").split("\n", 1)[0]


@dataclass(frozen=True, slots=True)
class Action:
    """A button handler and the payload type its taps unpack into."""

    payload: type[CallbackData]
    handler: Handler
    needs: Needs
    # The handler reads the tapper's admin rights (a platform lookup, made only for such taps).
    reads_admin: bool = False


class Router:
    """The commands, button actions and free-text handler of one feature module."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.commands: list[Command] = []
        self.actions: list[Action] = []
        self.text_handler: Handler | None = None
        self.event_handlers: dict[Kind, Handler] = {}
        self.private_handlers: dict[str, Handler] = {}

    def in_private(self, name: str) -> Callable[[Handler], Handler]:
        """What `/name` does in a private chat that has no program of its own: the sender's
        view across their groups (`ctx.group` is not loaded)."""

        def register(handler: Handler) -> Handler:
            self.private_handlers[name] = handler
            return handler

        return register

    def on(self, kind: Kind) -> Callable[[Handler], Handler]:
        """Handle updates of `kind` other than new messages (an edit, the chat moving, the bot
        removed or added); `ctx.args` is the text, and the handler loads what it needs."""
        if kind is Kind.MESSAGE:
            raise ValueError("new messages go to commands and the text handler")

        def register(handler: Handler) -> Handler:
            self.event_handlers[kind] = handler
            return handler

        return register

    def action(
        self, payload: type[CallbackData], *, needs: Needs = Needs.NOTHING, reads_admin: bool = False
    ) -> Callable[[Handler], Handler]:
        """Handle taps on buttons carrying `payload`; `ctx.payload` is the unpacked value."""

        def register(handler: Handler) -> Handler:
            self.actions.append(Action(payload, handler, needs, reads_admin))
            return handler

        return register

    def on_text(self, handler: Handler) -> Handler:
        """Handle messages that are not commands (at most one per bot); it loads what it needs."""
        self.text_handler = handler
        return handler

    def command(
        self, name: str, *, usage: str = "", admin: bool = False, needs: Needs = Needs.NOTHING
    ) -> Callable[[Handler], Handler]:
        if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
            raise ValueError(f"{name!r} is not a valid command name on every platform")

        def register(handler: Handler) -> Handler:
            self.commands.append(Command(name, handler, usage, admin, self.section, needs))
            return handler

        return register


class CommandRegistry:
    def __init__(self, routers: Iterable[Router]) -> None:
        self._by_name: dict[str, Command] = {}
        self._actions: dict[str, Action] = {}
        self.text_handler: Handler | None = None
        self._events: dict[Kind, Handler] = {}
        self._private: dict[str, Handler] = {}
        for router in routers:
            for cmd in router.commands:
                if cmd.name in self._by_name:
                    raise ValueError(f"command /{cmd.name} is declared twice")
                self._by_name[cmd.name] = cmd
            for action in router.actions:
                if action.payload.prefix in self._actions:
                    raise ValueError(f"button prefix {action.payload.prefix!r} is declared twice")
                self._actions[action.payload.prefix] = action
            if router.text_handler is not None:
                if self.text_handler is not None:
                    raise ValueError("only one router may handle free text")
                self.text_handler = router.text_handler
            for name, handler in router.private_handlers.items():
                if name in self._private:
                    raise ValueError(f"/{name} has two private-chat handlers")
                self._private[name] = handler
            for kind, handler in router.event_handlers.items():
                if kind in self._events:
                    raise ValueError(f"{kind.value} updates are handled twice")
                self._events[kind] = handler

    def private_handler(self, name: str) -> Handler | None:
        return self._private.get(name)

    def event_handler(self, kind: Kind) -> Handler | None:
        return self._events.get(kind)

    def action(self, prefix: str) -> Action | None:
        """The action whose payloads start with `prefix`."""
        return self._actions.get(prefix)

    def get(self, name: str) -> Command | None:
        return self._by_name.get(name)

    def all(self) -> list[Command]:
        return list(self._by_name.values())


_COMMAND = re.compile(r"^/(?P<name>[A-Za-z0-9_]+)(?:@\S+)?(?:\s+(?P<args>.*))?$", re.DOTALL)


def split_command(text: str) -> tuple[str, str] | None:
    """`/Today@SpotterBot  x` → ("today", "x"); None when the text is not a command."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    return match["name"].lower(), (match["args"] or "").strip()
