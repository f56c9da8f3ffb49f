"""How a command is declared, found and given what it needs.

A handler's docstring is its `/help` line, so the help can never drift from the code.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.content.faq import FaqIndex
from bot.content.model import Exercise
from bot.messages import Incoming, Reply
from bot.store.repository import Tx


class Refusal(Exception):
    """A request the bot declines or cannot read; the message (markup) goes back to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a command handler may use; handlers import no globals."""

    incoming: Incoming
    args: str
    tx: Tx
    now: datetime
    exercise: Exercise
    faq: FaqIndex
    commands: CommandRegistry
    # Handlers note here that the group's schedule changed; the Coach tells its listeners
    # (the scheduler) after the transaction commits.
    schedule_changed: list[bool] = field(default_factory=list)


Handler = Callable[[Context], Awaitable[Reply | None]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    usage: str
    admin_only: bool
    section: str

    @property
    def summary(self) -> str:
        return (inspect.getdoc(self.handler) or "").split("\n", 1)[0]


class Router:
    """The commands, button actions and free-text handler of one feature module."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.commands: list[Command] = []
        self.actions: dict[str, Handler] = {}
        self.text_handler: Handler | None = None

    def action(self, name: str) -> Callable[[Handler], Handler]:
        """Handle taps on buttons whose action is `name` or `name:argument`."""

        def register(handler: Handler) -> Handler:
            self.actions[name] = handler
            return handler

        return register

    def on_text(self, handler: Handler) -> Handler:
        """Handle messages that are not commands (at most one per bot)."""
        self.text_handler = handler
        return handler

    def command(self, name: str, *, usage: str = "", admin: bool = False) -> Callable[[Handler], Handler]:
        if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
            raise ValueError(f"{name!r} is not a valid command name on every platform")

        def register(handler: Handler) -> Handler:
            self.commands.append(Command(name, handler, usage, admin, self.section))
            return handler

        return register


class CommandRegistry:
    def __init__(self, routers: Iterable[Router]) -> None:
        self._by_name: dict[str, Command] = {}
        self._actions: dict[str, Handler] = {}
        self.text_handler: Handler | None = None
        for router in routers:
            for cmd in router.commands:
                if cmd.name in self._by_name:
                    raise ValueError(f"command /{cmd.name} is declared twice")
                self._by_name[cmd.name] = cmd
            self._actions.update(router.actions)
            if router.text_handler is not None:
                if self.text_handler is not None:
                    raise ValueError("only one router may handle free text")
                self.text_handler = router.text_handler

    def action(self, action: str) -> tuple[Handler, str] | None:
        """The handler for a button action `name[:argument]`, and the argument."""
        name, _, argument = action.partition(":")
        handler = self._actions.get(name)
        return None if handler is None else (handler, argument)

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
