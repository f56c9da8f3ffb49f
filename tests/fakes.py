"""Fakes for the core's ports (no mocks of our own code): an Outbox that records and misbehaves on cue."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count

from bot.clock import Clock
from bot.markup import plain_text
from bot.messages import Address, DeliveryError, Reply, SentRef


@dataclass
class FakeOutbox:
    """Records what was sent where and when; `failures[address]` are raised first, in order."""

    clock: Clock
    sent: dict[Address, list[tuple[datetime, str]]] = field(default_factory=lambda: defaultdict(list))
    replies: dict[Address, list[Reply]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[Address, list[DeliveryError]] = field(default_factory=lambda: defaultdict(list))
    attempts: int = 0
    delivered: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: count[int] = field(default_factory=lambda: count(1))

    async def send(self, to: Address, reply: Reply) -> SentRef:
        self.attempts += 1
        if self.failures[to]:
            raise self.failures[to].pop(0)
        self.sent[to].append((self.clock.now(), plain_text(reply.text)))
        self.replies[to].append(reply)
        self.delivered.set()
        return SentRef(to, str(next(self._ids)))

    def texts(self, to: Address) -> list[str]:
        return [text for _, text in self.sent[to]]


class RecordingSleep:
    """Stands in for asyncio.sleep: remembers the waits instead of taking them."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
