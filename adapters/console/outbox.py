"""The console's Outbox: scheduled pushes land here and the chat prints them with their time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import count

from bot.clock import Clock
from bot.messages import Address, Reply, SentRef


@dataclass
class ConsoleOutbox:
    clock: Clock
    pending: list[tuple[datetime, Address, Reply]] = field(default_factory=list)
    _ids: count[int] = field(default_factory=lambda: count(1))

    async def send(self, to: Address, reply: Reply) -> SentRef:
        self.pending.append((self.clock.now(), to, reply))
        return SentRef(to, f"push-{next(self._ids)}")

    def drain(self) -> list[tuple[datetime, Address, Reply]]:
        sent, self.pending = self.pending, []
        return sent
