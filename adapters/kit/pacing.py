"""Send pacing: sliding windows per chat and for the whole bot, waited on per chat.

A chat that hit its limit waits in its own task, so other chats keep going; only the global
window is shared, and it moves fast (Telegram: 30 messages a second per bot, 20 a minute per
group).
Replies to members come first: a bulk send (a scheduled push) takes a slot of the shared
window only while no reply is waiting for one, so a member's answer never queues behind a
burst of reminders to thousands of groups.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

# A little slack on each window, for clocks and for requests queued in the client.
MARGIN = 1.01


@dataclass
class Slot:
    """One send's place in a window: held from when it starts until the platform answered, so
    a request that spent a while in flight cannot arrive closer than the limit to the next."""

    at: float

    def close(self) -> None:
        self.at = max(self.at, time.monotonic())


@dataclass
class Window:
    """At most `count` sends in any `seconds`: the way Telegram words its limits (30 a second per
    bot, 20 a minute per group). A token bucket of the same burst and rate lets twice the limit
    through in the first window, which is exactly when a reminder burst starts."""

    count: int
    seconds: float
    slots: list[Slot] = field(default_factory=list)

    def take(self) -> Slot | float:
        """A slot if one is free, else how long until the oldest one frees."""
        now = time.monotonic()
        self.slots = [slot for slot in self.slots if now - slot.at < self.seconds]
        if len(self.slots) < self.count:
            slot = Slot(now)
            self.slots.append(slot)
            return slot
        return self.seconds - (now - min(slot.at for slot in self.slots))


def _window(burst: float, rate: float) -> Window:
    count = max(1, int(burst))
    return Window(count, count / rate * MARGIN)


@dataclass(frozen=True)
class Limits:
    per_chat_burst: float = 20
    per_chat_rate: float = 20 / 60
    overall_burst: float = 30
    overall_rate: float = 30


@dataclass(frozen=True)
class Turn:
    """The slots one send holds; `done()` once the platform answered."""

    slots: tuple[Slot, ...]

    def done(self) -> None:
        for slot in self.slots:
            slot.close()


class Pacer:
    def __init__(self, limits: Limits = Limits()) -> None:
        self.limits = limits
        self._overall = _window(limits.overall_burst, limits.overall_rate)
        self._chats: dict[str, Window] = {}
        self._replies_waiting = 0

    async def wait_turn(self, chat: str, *, bulk: bool = False) -> Turn:
        """Wait until `chat` may send one more message; `bulk` sends give way to replies."""
        limits = self.limits
        window = self._chats.get(chat) or self._chats.setdefault(
            chat, _window(limits.per_chat_burst, limits.per_chat_rate)
        )
        mine = await _take(window)
        if bulk:
            return Turn((mine, await self._take_behind_replies()))
        self._replies_waiting += 1
        try:
            return Turn((mine, await _take(self._overall)))
        finally:
            self._replies_waiting -= 1

    async def _take_behind_replies(self) -> Slot:
        while True:
            taken = self._overall.take() if not self._replies_waiting else 1 / self.limits.overall_rate
            if isinstance(taken, Slot):
                return taken
            await asyncio.sleep(taken)


async def _take(window: Window) -> Slot:
    taken = window.take()
    while not isinstance(taken, Slot):
        await asyncio.sleep(taken)
        taken = window.take()
    return taken
