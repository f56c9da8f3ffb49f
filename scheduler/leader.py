"""Exactly one active scheduler when several processes share a PostgreSQL database.

The leader holds a session-level PostgreSQL advisory lock on a dedicated connection. If its
process dies, PostgreSQL drops the connection and the lock with it, and a standby that polls
every `poll` seconds takes over. A leader that loses its connection stops scheduling at once.
On SQLite there is only ever one process, so it simply leads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

LOCK_KEY = 0x5350_4F54  # "SPOT"

Step = Callable[[], Awaitable[None]]


class Leadership:
    def __init__(self, engine: AsyncEngine, poll: float = 2.0, key: int = LOCK_KEY) -> None:
        self.engine = engine
        self.poll = poll
        self.key = key
        self.is_leader = False

    async def run(self, on_lead: Step, on_lose: Step, stop: asyncio.Event) -> None:
        """Call `on_lead` on becoming leader and `on_lose` on losing it, until `stop` is set."""
        if self.engine.dialect.name != "postgresql":
            await self._lead(on_lead)
            await stop.wait()
            await self._lose(on_lose)
            return
        while not stop.is_set():
            try:
                await self._term(on_lead, on_lose, stop)
            except (OSError, DBAPIError, OperationalError) as exc:
                log.warning("leadership connection failed: %s", exc)
            if self.is_leader:
                await self._lose(on_lose)
            await _wait(stop, self.poll)

    async def _term(self, on_lead: Step, on_lose: Step, stop: asyncio.Event) -> None:
        async with self.engine.connect() as connection:
            got = await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key})
            await connection.commit()
            if not got:
                return
            await self._lead(on_lead)
            while not stop.is_set():
                await _wait(stop, self.poll)
                await connection.execute(text("SELECT 1"))  # still connected, so still holding
                await connection.commit()
            await self._lose(on_lose)
            await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            await connection.commit()

    async def _lead(self, on_lead: Step) -> None:
        log.info("this process now runs the schedule")
        self.is_leader = True
        await on_lead()

    async def _lose(self, on_lose: Step) -> None:
        self.is_leader = False
        await on_lose()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
