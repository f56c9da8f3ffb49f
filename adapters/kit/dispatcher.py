"""The inbox dispatcher: hand every stored update to the Coach exactly once, fairly.

Each chat's updates run in order in the chat's own lane; chats run side by side up to a bound,
so a busy or slow chat never holds up another. An update is marked handled, and its replies
put in the outbox, inside the same transaction as the work it caused; a failure rolls all of
it back and the update is tried again after a pause (a database outage just delays it). The
replies are stored leased to this process's sender and handed to it once committed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import replace

from sqlalchemy import bindparam, insert, update

from adapters.kit.codec import incoming_from_json, reply_to_json
from adapters.kit.lanes import Lanes
from adapters.kit.platform import Context, Platform
from adapters.kit.sender import LEASE, Leased
from bot.clock import Clock, SystemClock
from bot.coach import Coach, Finish
from bot.errors import AdminCheckUnavailable, SomethingWentWrong
from bot.messages import DeliveryError, Incoming, Reply
from bot.metrics import UPDATES
from bot.store.repository import Pending, Store, Tx
from bot.store.tables import INBOX, OUTBOX

log = logging.getLogger(__name__)

POLL_S = 0.5
# An update that fails this often is answered with an apology and set aside (a poison message).
MAX_ATTEMPTS = 5
MAX_BACKOFF_S = 30.0


# Replies to a chat (its address) just committed, leased to the sender that takes them.
HandOver = Callable[[str, list[Leased]], None]

_MARK_HANDLED = (
    update(INBOX)
    .where(INBOX.c.id == bindparam("row_id"), INBOX.c.handled_at.is_(None))
    .values(handled_at=bindparam("now"))
)
_STORE_REPLY = insert(OUTBOX).returning(OUTBOX.c.id)


class AlreadyHandled(Exception):
    """Another worker (another replica) handled this update first: roll this attempt back."""


class Dispatcher:
    def __init__(
        self,
        coach: Coach,
        store: Store,
        platforms: Mapping[str, Platform],
        *,
        clock: Clock | None = None,
        lanes: Lanes | None = None,
        hand_over: HandOver | None = None,
    ) -> None:
        self.coach = coach
        self.store = store
        self.platforms = platforms
        self.clock = clock or SystemClock()
        self.lanes = lanes or Lanes()
        self.wake = asyncio.Event()
        self.hand_over = hand_over
        self._attempts: dict[int, int] = {}
        self._resume_at: dict[str, float] = {}

    async def run(self, stop: asyncio.Event) -> None:
        """Dispatch until `stop` is set; lanes still running are left to `close`."""
        await self.lanes.serve(
            stop,
            self.wake,
            what="inbox",
            find_chats=lambda: self.store.run(lambda tx: tx.inbox_chats()),
            drain=self._drain,
            ready=lambda chat: self._resume_at.get(chat, 0.0) <= time.monotonic(),
            poll=POLL_S,
            max_backoff=MAX_BACKOFF_S,
        )

    async def close(self, grace: float) -> None:
        await self.lanes.close(grace)

    async def _drain(self, chat: str) -> None:
        while True:
            rows = await self.store.run(lambda tx: tx.inbox_pending(20, chat=chat))
            if not rows:
                return
            for row in rows:
                if not await self._handle(row):
                    return

    async def _handle(self, row: Pending) -> bool:
        """Handle one update; False when it failed and the chat should pause before retrying."""
        payload = row.payload
        incoming = incoming_from_json(payload["incoming"])
        # When the update reached Spotter, carried with its replies to time them (metrics).
        context: Context = {**payload.get("context", {}), "received": row.received_at.timestamp()}
        platform = self.platforms[row.platform]
        stored: list[Leased] = []
        finish = self._finisher(row.id, row.platform, incoming, context, platform, stored)
        try:
            if self.coach.needs_admin(incoming):
                try:
                    incoming = replace(incoming, is_admin=await platform.is_admin(incoming, context))
                except DeliveryError as exc:
                    log.warning("admin lookup failed in %s: %s", row.chat, type(exc).__name__)
                    await self.coach.refuse(incoming, AdminCheckUnavailable(), finish)
                    UPDATES.labels(row.platform, "refused").inc()
                    self._hand_over(incoming, stored)
                    return True
            await self.coach.handle(incoming, finish)
        except AlreadyHandled:
            return True
        except Exception as exc:
            attempts = self._attempts.get(row.id, 0) + 1
            self._attempts[row.id] = attempts
            log.warning("update %s failed (%s), attempt %d", row.id, type(exc).__name__, attempts)
            if attempts >= MAX_ATTEMPTS:
                UPDATES.labels(row.platform, "failed").inc()
                return await self._set_aside(incoming, finish, stored)
            self._resume_at[row.chat] = time.monotonic() + min(2.0**attempts, MAX_BACKOFF_S)
            return False
        self._attempts.pop(row.id, None)
        UPDATES.labels(row.platform, "answered" if stored else "silent").inc()
        self._hand_over(incoming, stored)
        return True

    async def _set_aside(self, incoming: Incoming, finish: Finish, stored: list[Leased]) -> bool:
        try:
            await self.coach.refuse(incoming, SomethingWentWrong(), finish)
        except Exception:
            log.exception("could not set a failing update aside")
            return False
        self._hand_over(incoming, stored)
        return True

    def _hand_over(self, incoming: Incoming, stored: list[Leased]) -> None:
        """Give the sender the replies just committed (no hand-over: they wait in the outbox,
        due when their lease ends)."""
        if self.hand_over is not None and stored:
            self.hand_over(str(incoming.address), stored)

    def _finisher(
        self,
        row_id: int,
        platform_name: str,
        incoming: Incoming,
        context: Context,
        platform: Platform,
        stored: list[Leased],
    ) -> Finish:
        """Mark the update handled and store its replies, leased to this process's sender
        (collected in `stored`, handed over once the transaction commits)."""

        async def finish(tx: Tx, replies: list[Reply]) -> None:
            stored.clear()  # a transaction retried runs this again
            now = self.clock.now()
            marked = await tx.session.execute(_MARK_HANDLED, {"row_id": row_id, "now": now})
            if marked.rowcount != 1:  # type: ignore[attr-defined]
                raise AlreadyHandled()
            until = now + LEASE
            to = str(incoming.address)  # the reply's own chat (and thread), its lane in the sender
            for reply in _with_tap_answer(incoming, replies, platform):
                payload = {"platform": platform_name, "reply": reply_to_json(reply), "context": dict(context)}
                values = {
                    "chat": to,
                    "payload": payload,
                    "created_at": now,
                    "next_attempt_at": until,
                    "attempts": 0,
                }
                reply_id = (await tx.session.execute(_STORE_REPLY, values)).scalar_one()
                stored.append(Leased(reply_id, payload, now, 0, until))

        return finish


def _with_tap_answer(incoming: Incoming, replies: list[Reply], platform: Platform) -> list[Reply]:
    """A tap is always answered (Telegram shows a spinner until it is), privately if silent."""
    if incoming.action is None or not platform.acknowledges_taps() or any(r.private for r in replies):
        return replies
    return [Reply("", private=True), *replies]
