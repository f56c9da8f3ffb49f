"""The reply sender: deliver every stored reply once, in order per chat, paced per chat.

A reply waits in the outbox until its platform accepts it or refuses it for good. A 429 holds
back only that chat's lane for as long as the platform asked, as often as it asks, up to
`MAX_AGE`; network errors back off exponentially. Other chats keep going meanwhile.

The dispatcher stores a reply already leased to this process and hands it over after its
transaction committed (`take`), so the usual path never reads a reply back; what is left in the
outbox (a retry, a reply of a process that stopped) is found by polling. Outcomes are written
in batches: while one batch commits, the next collects.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import col

from adapters.kit.codec import reply_from_json
from adapters.kit.lanes import Lanes
from adapters.kit.pacing import Pacer
from adapters.kit.platform import Platform
from bot.clock import Clock, SystemClock
from bot.messages import Address, Forbidden, Moved, RetryAfter, TransientError, Undeliverable
from bot.metrics import REPLY_SECONDS
from bot.store.repository import Store, Tx
from bot.store.tables import OUTBOX, OutboxRow

log = logging.getLogger(__name__)

POLL_S = 0.5
# A reply still undelivered after this long is given up (nobody wants a confirmation a day late).
MAX_AGE = timedelta(hours=6)
MAX_BACKOFF = timedelta(seconds=60)
# How long one send attempt holds a reply against other senders (other replicas), and how many
# of a chat's replies one lease takes (pacing spaces a busy group's sends by seconds).
LEASE = timedelta(seconds=15)
LEASE_BATCH = 5
# A reply whose lease has less than this left when its turn comes is leased again first.
LEASE_MARGIN = timedelta(seconds=5)
# How long a failed write of outcomes waits before it is tried again.
FLUSH_RETRY_S = 1.0


_DUE = (
    select(OUTBOX.c.id)
    .where(
        OUTBOX.c.chat == bindparam("lane"),
        OUTBOX.c.done_at.is_(None),
        OUTBOX.c.next_attempt_at <= bindparam("now"),
    )
    .order_by(OUTBOX.c.id)
    .limit(LEASE_BATCH)
)
_LEASE = (
    update(OUTBOX)
    .where(OUTBOX.c.id.in_(_DUE.scalar_subquery()))
    .values(next_attempt_at=bindparam("until"))
    .returning(OUTBOX.c.id, OUTBOX.c.payload, OUTBOX.c.created_at, OUTBOX.c.attempts)
)
_RENEW = (
    update(OUTBOX)
    .where(
        OUTBOX.c.id == bindparam("row_id"),
        OUTBOX.c.done_at.is_(None),
        OUTBOX.c.next_attempt_at == bindparam("leased_until"),
    )
    .values(next_attempt_at=bindparam("until"))
)
_OUTCOMES = (
    update(OUTBOX)
    .where(OUTBOX.c.id.in_(bindparam("ids", expanding=True)))
    .values(done_at=bindparam("now"), outcome=bindparam("result"), attempts=OUTBOX.c.attempts + 1)
)

# A reply's id, how it ended (sent, refused, expired), and the lane waiting for it to be stored.
Outcome = tuple[int, str, "asyncio.Future[None]"]

# Told when a platform says a chat now lives under another id (old address, new address).
OnMoved = Callable[[Address, Address], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Leased:
    """A stored reply this sender may send until `leased_until`."""

    id: int
    payload: dict[str, Any]
    created_at: datetime
    attempts: int
    leased_until: datetime


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
        self._handed: dict[str, deque[Leased]] = {}
        self._outcomes: list[Outcome] = []
        self._writer: asyncio.Task[None] | None = None

    def take(self, chat: str, rows: list[Leased]) -> None:
        """Send `rows`, replies to `chat` just stored and leased to this sender, after any of
        the chat's replies already waiting here."""
        if not rows:
            return
        self._handed.setdefault(chat, deque()).extend(rows)
        self.lanes.start(chat, lambda: self._drain(chat, stored=False))

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
        """Let sends under way finish, then write the outcomes not yet written."""
        await self.lanes.close(grace)
        self._handed.clear()  # still leased in the outbox: sent when the lease ends
        if self._writer is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._writer), grace)
            except TimeoutError:
                log.warning("%d sent replies not marked sent: they may be sent again", len(self._outcomes))
                self._writer.cancel()

    async def _drain(self, chat: str, stored: bool = True) -> None:
        """Send the chat's replies in order: those handed over, then (`stored`) those waiting
        in the outbox, a few leased at a time; stop at the first failure."""
        while True:
            handed = self._handed.get(chat)
            rows = [handed.popleft()] if handed else []
            if not rows:
                self._handed.pop(chat, None)
                if not stored:
                    return
                rows = await self.store.run(lambda tx: self._lease(tx, chat))
                if not rows:
                    return
            for row in rows:
                if not await self._send(row, chat):
                    # Held or moved in the outbox, the chat's replies handed over included:
                    # they go out from there, in order.
                    self._handed.pop(chat, None)
                    return

    async def _lease(self, tx: Tx, chat: str) -> list[Leased]:
        """Take the chat's next due replies for one attempt each, so no other sender (replica)
        sends them meanwhile; a sender that dies leaves them due again when the lease ends."""
        now = self.clock.now()
        until = now + LEASE
        leased = await tx.session.execute(_LEASE, {"lane": chat, "now": now, "until": until})
        rows = [
            Leased(id_, payload, created, attempts, until) for id_, payload, created, attempts in leased.all()
        ]
        return sorted(rows, key=lambda r: r.id)

    async def _still_ours(self, row: Leased) -> bool:
        """Whether the lease on `row` holds long enough to send it, renewing one about to end
        (pacing can keep a busy group's reply waiting longer than a lease); False when it ran
        out and another sender (replica) has taken the reply since."""
        now = self.clock.now()
        if row.leased_until - now > LEASE_MARGIN:
            return True
        renewed = await self.store.run(
            lambda tx: tx.session.execute(
                _RENEW, {"row_id": row.id, "leased_until": row.leased_until, "until": now + LEASE}
            )
        )
        return bool(renewed.rowcount == 1)  # type: ignore[attr-defined]

    async def _send(self, row: Leased, chat_key: str) -> bool:
        """Try one reply; True when it is done with (sent or refused for good)."""
        payload = row.payload
        reply = reply_from_json(payload["reply"])
        platform = self.platforms[payload["platform"]]
        if self.clock.now() - row.created_at > MAX_AGE:
            await self._done(row.id, "expired")
            return True
        chat = Address.parse(chat_key)
        turn = None if reply.private else await self.pacer.wait_turn(str(chat))
        try:
            if not await self._still_ours(row):
                return True
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
            await self._done(row.id, "refused")
            return True
        finally:
            if turn is not None:
                turn.done()
        received = payload.get("context", {}).get("received")
        if isinstance(received, int | float):  # a reply to an update (pushes carry none)
            latency = self.clock.now().timestamp() - received
            REPLY_SECONDS.labels(payload["platform"]).observe(max(0.0, latency))
        await self._done(row.id, "sent")
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

    def _done(self, row_id: int, outcome: str) -> asyncio.Future[None]:
        """Note the outcome; the writer stores it with the others that came meanwhile (one
        commit for many lanes). A lane waits for it before its next send, so a crash can leave
        at most one sent-but-unmarked reply per lane to be sent again."""
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._outcomes.append((row_id, outcome, written))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_outcomes())
        return written

    async def _write_outcomes(self) -> None:
        while self._outcomes:
            await asyncio.sleep(0)  # outcomes noted in this same turn of the loop join the batch
            batch, self._outcomes = self._outcomes, []
            try:
                await self.store.run(lambda tx, batch=batch: self._store_outcomes(tx, batch))  # type: ignore[misc]
            except Exception as exc:
                log.warning("could not store %d outcomes (%s); retrying", len(batch), type(exc).__name__)
                self._outcomes[:0] = batch
                await asyncio.sleep(FLUSH_RETRY_S)
                continue
            for _, _, written in batch:
                if not written.done():
                    written.set_result(None)

    async def _store_outcomes(self, tx: Tx, batch: list[Outcome]) -> None:
        now = self.clock.now()
        by_outcome: dict[str, list[int]] = {}
        for row_id, outcome, _ in batch:
            by_outcome.setdefault(outcome, []).append(row_id)
        for outcome, ids in by_outcome.items():
            await tx.session.execute(_OUTCOMES, {"ids": ids, "now": now, "result": outcome})

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
