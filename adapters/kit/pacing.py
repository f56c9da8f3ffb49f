"""Send pacing: token buckets per chat and for the whole bot, waited on per chat.

A chat that hit its limit waits in its own task, so other chats keep going; only the global
bucket is shared, and it refills fast (Telegram: ~30 messages/s per bot, 20/min per group).
Replies to members come first: a bulk send (a scheduled push) takes a token of the shared
bucket only while no reply is waiting for one, so a member's answer never queues behind a
burst of reminders to thousands of groups.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


@dataclass
class Bucket:
    """`capacity` sends at once, refilled at `rate` per second."""

    capacity: float
    rate: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.capacity

    def delay(self) -> float:
        """Take a token if one is there (0.0), else say how long until one is."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass(frozen=True)
class Limits:
    per_chat_burst: float = 20
    per_chat_rate: float = 20 / 60
    overall_burst: float = 30
    overall_rate: float = 30


class Pacer:
    def __init__(self, limits: Limits = Limits()) -> None:
        self.limits = limits
        self._overall = Bucket(limits.overall_burst, limits.overall_rate)
        self._chats: dict[str, Bucket] = {}
        self._replies_waiting = 0

    async def wait_turn(self, chat: str, *, bulk: bool = False) -> None:
        """Wait until `chat` may send one more message; `bulk` sends give way to replies."""
        limits = self.limits
        bucket = self._chats.setdefault(chat, Bucket(limits.per_chat_burst, limits.per_chat_rate))
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


async def _take(bucket: Bucket) -> None:
    pause = bucket.delay()
    while pause > 0:
        await asyncio.sleep(pause)
        pause = bucket.delay()
