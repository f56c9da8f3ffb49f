"""The reply sender: deliver every stored reply once, in order per chat, paced per chat.

A reply waits in the outbox until its platform accepts it or refuses it for good. A 429 holds
back only that chat's lane for as long as the platform asked, as often as it asks, up to
`MAX_AGE`; network errors back off exponentially. Other chats keep going meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col

from adapters.kit.codec import reply_from_json
from adapters.kit.lanes import Lanes, wait_or_stop
from adapters.kit.pacing import Pacer
from adapters.kit.platform import Platform
from bot.clock import Clock, SystemClock
from bot.messages import Address, Forbidden, RetryAfter, TransientError, Undeliverable
from bot.store.repository import Store, Tx
from bot.store.tables import OutboxRow

log = logging.getLogger(__name__)

POLL_S = 0.5
BATCH = 500
# A reply still undelivered after this long is given up (nobody wants a confirmation a day late).
MAX_AGE = timedelta(hours=6)
MAX_BACKOFF = timedelta(seconds=60)
# How long one send attempt holds a reply against other senders (other replicas).
LEASE = timedelta(seconds=15)


class ReplySender:
    def __init__(
        self,
        store: Store,
        platforms: Mapping[str, Platform],
        *,
        pacer: Pacer | None = None,
        clock: Clock | None = None,
        lanes: Lanes | None = None,
        wake: asyncio.Event | None = None,
    ) -> None:
        self.store = store
        self.platforms = platforms
        self.pacer = pacer or Pacer()
        self.clock = clock or SystemClock()
        self.lanes = lanes or Lanes()
        self.wake = wake or asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        backoff = POLL_S
        while not stop.is_set():
            try:
                chats = await self.store.run(lambda tx: tx.outbox_chats(self.clock.now()))
                backoff = POLL_S
            except Exception as exc:
                log.warning("outbox unreadable (%s); retrying in %.0f s", type(exc).__name__, backoff)
                await wait_or_stop(stop, self.wake, backoff)
                backoff = min(backoff * 2, MAX_BACKOFF.total_seconds())
                continue
            for chat in chats:
                self.lanes.start(chat, lambda chat=chat: self._drain(chat))  # type: ignore[misc]
            await wait_or_stop(stop, self.wake, POLL_S)

    async def close(self, grace: float) -> None:
        await self.lanes.close(grace)

    async def _drain(self, chat: str) -> None:
        """Send the chat's replies in order; stop at the first one whose time has not come."""
        while True:
            rows = await self.store.run(lambda tx: tx.outbox_due(self.clock.now(), 20, chat=chat))
            if not rows:
                return
            for row in rows:
                if row.next_attempt_at > self.clock.now() or not await self._send(row):
                    return

    async def _send(self, row: OutboxRow) -> bool:
        """Try one reply; True when it is done with (sent or refused for good)."""
        assert row.id is not None
        payload = row.payload
        reply = reply_from_json(payload["reply"])
        platform = self.platforms[payload["platform"]]
        now = self.clock.now()
        if now - row.created_at > MAX_AGE:
            await self._finish(row.id, "expired")
            return True
        if not reply.private:
            await self.pacer.wait_turn(row.chat)
        if not await self._claim(row.id):
            return False  # another replica is sending it
        try:
            await platform.send(Address.parse(row.chat), reply, payload.get("context", {}))
        except RetryAfter as exc:
            await self._later(row.id, timedelta(seconds=exc.seconds))
            return False
        except TransientError as exc:
            delay = min(timedelta(seconds=2 ** min(row.attempts, 6)), MAX_BACKOFF)
            log.warning("reply %s: %s; retrying in %s", row.id, type(exc).__name__, delay)
            await self._later(row.id, delay)
            return False
        except (Forbidden, Undeliverable) as exc:
            log.warning("reply %s refused for good: %s", row.id, type(exc).__name__)
            await self._finish(row.id, "refused")
            return True
        await self._finish(row.id, "sent")
        return True

    async def _claim(self, row_id: int) -> bool:
        """Lease the row for one attempt, so two replicas never send the same reply.

        A sender that dies holding the lease leaves the row due again when the lease ends.
        """
        now = self.clock.now()

        async def lease(tx: Tx) -> bool:
            claimed = await tx.session.execute(
                update(OutboxRow)
                .where(
                    col(OutboxRow.id) == row_id,
                    col(OutboxRow.done_at).is_(None),
                    col(OutboxRow.next_attempt_at) <= now,
                )
                .values(next_attempt_at=now + LEASE)
            )
            return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]

        return await self.store.run(lease)

    async def _finish(self, row_id: int, outcome: str) -> None:
        async def mark(tx: Tx) -> None:
            row = await tx.outbox_row(row_id)
            if row is not None:
                row.done_at, row.outcome, row.attempts = self.clock.now(), outcome, row.attempts + 1
                await tx.add(row)

        await self.store.run(mark)

    async def _later(self, row_id: int, delay: timedelta) -> None:
        async def postpone(tx: Tx) -> None:
            row = await tx.outbox_row(row_id)
            if row is not None:
                row.next_attempt_at, row.attempts = self.clock.now() + delay, row.attempts + 1
                await tx.add(row)

        await self.store.run(postpone)
