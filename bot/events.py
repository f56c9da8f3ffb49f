"""Things that happened inside a transaction, announced only after it committed.

Handlers and services collect events while they work; the Coach publishes them once the
transaction is durable, so a listener (the scheduler) never acts on work that rolled back.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.messages import Address

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ProgramChanged:
    """A group's schedule or pause state changed: its scheduled pushes must be re-derived."""

    address: Address


@dataclass(frozen=True, slots=True)
class Forgot:
    """A person was forgotten: clear their updates that were still being handled then."""

    platform: str
    user_id: str


Event = ProgramChanged | Forgot
Listener = Callable[[Any], Awaitable[None]]


class EventBus:
    """Listeners by event type; publishing calls each in turn and never lets one break another."""

    def __init__(self) -> None:
        self._listeners: dict[type, list[Listener]] = defaultdict(list)

    def subscribe(self, event_type: type, listener: Listener) -> None:
        self._listeners[event_type].append(listener)

    async def publish(self, events: Iterable[Event]) -> None:
        for event in events:
            for listener in self._listeners[type(event)]:
                try:
                    await listener(event)
                except Exception:
                    log.exception("listener %r failed on %r", listener, event)
