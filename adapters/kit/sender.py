"""The reply sender: deliver every stored reply once, in order per chat, paced per chat.

A reply waits in the outbox until its platform accepts it or refuses it for good. A 429 holds
back only that chat's lane for as long as the platform asked, as often as it asks, up to
`MAX_AGE`; network errors back off exponentially. Other chats keep going meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col

from adapters.kit.codec import reply_from_json
from adapters.kit.lanes import Lanes
from adapters.kit.pacing import Pacer
from adapters.kit.platform import Platform
from bot.clock import Clock, SystemClock
from bot.messages import Address, Forbidden, Moved, RetryAfter, TransientError, Undeliverable
from bot.store.repository import Store, Tx
from bot.store.tables import OutboxRow

log = logging.getLogger(__name__)

POLL_S = 0.5
# A reply still undelivered after this long is given up (nobody wants a confirmation a day late).
MAX_AGE = timedelta(hours=6)
MAX_BACKOFF = timedelta(seconds=60)
# How long one send attempt holds a reply against other senders (other replicas), and how many
# of a chat's replies one lease takes (pacing spaces a busy group's sends by seconds).
LEASE = timedelta(seconds=15)
LEASE_BATCH = 5


# Told when a platform says a chat now lives under another id (old address, new address).
OnMoved = Callable[[Address, Address], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Leased:
    id: int
    payload: dict[str, Any]
    created_at: datetime
    attempts: int


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
        on_moved: OnMoved | None = None,
    ) -> None:
        self.store = store
        self.on_moved = on_moved
        self.platforms = platforms
        self.pacer = pacer or Pacer()
        self.clock = clock or SystemClock()
        self.lanes = lanes or Lanes()
        self.wake = wake or asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        await self.lanes.serve(
            stop,
            self.wake,
            what="outbox",
            find_chats=lambda: self.store.run(lambda tx: tx.outbox_chats(self.clock.now())),
            drain=self._drain,
            poll=POLL_S,
            max_backoff=MAX_BACKOFF.total_seconds(),
        )

    async def close(self, grace: float) -> None:
        await self.lanes.close(grace)

    async def _drain(self, chat: str) -> None:
        """Send the chat's replies in order, a few leased at a time; stop at the first failure."""
        while True:
            rows = await self.store.run(lambda tx: self._lease(tx, chat))
            if not rows:
                return
            for row in rows:
                if not await self._send(row, chat):
                    return

    async def _lease(self, tx: Tx, chat: str) -> list[Leased]:
        """Take the chat's next due replies for one attempt each, so no other sender (replica)
        sends them meanwhile; a sender that dies leaves them due again when the lease ends."""
        now = self.clock.now()
        due = (
            select(col(OutboxRow.id))
            .where(
                col(OutboxRow.chat) == chat,
                col(OutboxRow.done_at).is_(None),
                col(OutboxRow.next_attempt_at) <= now,
            )
            .order_by(col(OutboxRow.id))
            .limit(LEASE_BATCH)
        )
        leased = await tx.session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id).in_(due.scalar_subquery()))
            .values(next_attempt_at=now + LEASE)
            .returning(
                col(OutboxRow.id), col(OutboxRow.payload), col(OutboxRow.created_at), col(OutboxRow.attempts)
            )
        )
        return sorted((Leased(*row) for row in leased.all()), key=lambda r: r.id)

    async def _send(self, row: Leased, chat_key: str) -> bool:
        """Try one reply; True when it is done with (sent or refused for good)."""
        payload = row.payload
        reply = reply_from_json(payload["reply"])
        platform = self.platforms[payload["platform"]]
        if self.clock.now() - row.created_at > MAX_AGE:
            await self._finish(row.id, "expired")
            return True
        chat = Address.parse(chat_key)
        turn = None if reply.private else await self.pacer.wait_turn(str(chat))
        try:
            await platform.send(chat, reply, payload.get("context", {}))
        except RetryAfter as exc:
            await self._hold(str(chat), timedelta(seconds=exc.seconds))
            return False
        except TransientError as exc:
            delay = min(timedelta(seconds=2 ** min(row.attempts, 6)), MAX_BACKOFF)
            log.warning("reply %s: %s; retrying in %s", row.id, type(exc).__name__, delay)
            await self._hold(str(chat), delay, attempted=row.id)
            return False
        except Moved as exc:
            await self._follow(chat, Address(chat.platform, exc.chat_id))
            return False
        except (Forbidden, Undeliverable) as exc:
            log.warning("reply %s refused for good: %s", row.id, type(exc).__name__)
            await self._finish(row.id, "refused")
            return True
        finally:
            if turn is not None:
                turn.done()
        await self._finish(row.id, "sent")
        return True

    async def _follow(self, old: Address, new: Address) -> None:
        """The chat got a new id: its waiting replies go there (in order), and the core moves
        the chat's program if no notice of the move has yet."""
        log.info("%s moved to %s; sending its replies there", old.chat, new)
        if self.on_moved is not None:
            await self.on_moved(old, new)
        lane_keys = [str(old), str(old.chat)]
        await self.store.run(
            lambda tx: tx.session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.chat).in_(lane_keys), col(OutboxRow.done_at).is_(None))
                .values(chat=str(new), next_attempt_at=self.clock.now())
            )
        )
        self.wake.set()

    async def _finish(self, row_id: int, outcome: str) -> None:
        now = self.clock.now()
        await self.store.run(
            lambda tx: tx.session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == row_id)
                .values(done_at=now, outcome=outcome, attempts=OutboxRow.attempts + 1)
            )
        )

    async def _hold(self, chat: str, delay: timedelta, attempted: int | None = None) -> None:
        """Hold back every waiting reply of the chat until `delay` has passed, keeping their order."""
        until = self.clock.now() + delay

        async def hold(tx: Tx) -> None:
            await tx.session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.chat) == chat, col(OutboxRow.done_at).is_(None))
                .values(next_attempt_at=until)
            )
            if attempted is not None:
                await tx.session.execute(
                    update(OutboxRow)
                    .where(col(OutboxRow.id) == attempted)
                    .values(attempts=OutboxRow.attempts + 1)
                )

        await self.store.run(hold)
