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
from collections import deque
from dataclasses import dataclass, field

# Sends are spaced a little wider than the limit: the platform counts arrivals, and requests in
# flight can arrive closer together than they left.
MARGIN = 1.04


@dataclass
class Window:
    """At most `count` sends in any `seconds`: the way Telegram words its limits (30 a second per
    bot, 20 a minute per group). A token bucket of the same burst and rate lets twice the limit
    through in the first window, which is exactly when a reminder burst starts."""

    count: int
    seconds: float
    stamps: deque[float] = field(default_factory=deque)

    def delay(self) -> float:
        """Take a slot if one is free (0.0), else say how long until the oldest send leaves."""
        now = time.monotonic()
        while self.stamps and now - self.stamps[0] >= self.seconds:
            self.stamps.popleft()
        if len(self.stamps) < self.count:
            self.stamps.append(now)
            return 0.0
        return self.seconds - (now - self.stamps[0])


def _window(burst: float, rate: float) -> Window:
    count = max(1, int(burst))
    return Window(count, count / rate * MARGIN)


@dataclass(frozen=True)
class Limits:
    per_chat_burst: float = 20
    per_chat_rate: float = 20 / 60
    overall_burst: float = 30
    overall_rate: float = 30


class Pacer:
    def __init__(self, limits: Limits = Limits()) -> None:
        self.limits = limits
        self._overall = _window(limits.overall_burst, limits.overall_rate)
        self._chats: dict[str, Window] = {}
        self._replies_waiting = 0

    async def wait_turn(self, chat: str, *, bulk: bool = False) -> None:
        """Wait until `chat` may send one more message; `bulk` sends give way to replies."""
        limits = self.limits
        bucket = self._chats.get(chat) or self._chats.setdefault(
            chat, _window(limits.per_chat_burst, limits.per_chat_rate)
        )
        await _take(bucket)
        if bulk:
            await self._take_behind_replies()
            return
        self._replies_waiting += 1
        try:
            await _take(self._overall)
        finally:
            self._replies_waiting -= 1

    async def _take_behind_replies(self) -> None:
        while True:
            pause = self._overall.delay() if not self._replies_waiting else 1 / self.limits.overall_rate
            if pause == 0:
                return
            await asyncio.sleep(pause)


async def _take(bucket: Window) -> None:
    pause = bucket.delay()
    while pause > 0:
        await asyncio.sleep(pause)
        pause = bucket.delay()
