"""Delivering scheduled pushes exactly once, whatever the platform or the process does.

`Pusher.push(due)` is what every scheduler calls, with the occurrence it fires for and the
session that occurrence belongs to. One transaction claims the occurrence in the deliveries
table (pending) and composes the message (applying the weekly bump, for a bump); the send
follows; one more transaction marks the outcome. A second call, a second scheduler or a restart
finds the claim and does nothing. A claim left pending by a crash is taken over after
`CLAIM_TIMEOUT`: the one case in which a message could be sent twice is a crash after the
platform accepted it and before it was marked, which is rarer than losing it would be.
Platform faults: `RetryAfter` waits as told, `TransientError` backs off exponentially
(tenacity), `Forbidden` silences the group until the bot is added back, `Moved` moves the
group to the chat's new id and sends there; none of them delays another group.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from bot.clock import Clock
from bot.content.catalogue import Catalogue
from bot.domain import PushKind
from bot.events import EventBus, ProgramChanged
from bot.messages import Address, Forbidden, Moved, Outbox, Reply, RetryAfter, TransientError
from bot.metrics import PUSHES
from bot.rules.schedule import iso_week
from bot.rules.timing import is_stale
from bot.services import attendance, chats, sessions, weekly
from bot.store.repository import Store, Tx
from bot.store.tables import DeliveryRow, DeliveryStatus, GroupRow
from bot.views import pushes as push_views
from bot.views import weekly as weekly_views

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=2)
MAX_ATTEMPTS = 5

Sleep = Callable[[float], Awaitable[None]]


class Outcome(StrEnum):
    SENT = "sent"
    DUPLICATE = "duplicate"
    STALE = "stale"
    PAUSED = "paused"
    NOTHING_TO_SAY = "nothing"
    FORBIDDEN = "forbidden"
    FAILED = "failed"
    NO_GROUP = "no-group"


# What a finished attempt leaves in the deliveries table; a failed send stays pending.
_STATUS_AFTER = {
    Outcome.SENT: DeliveryStatus.SENT,
    Outcome.FORBIDDEN: DeliveryStatus.FORBIDDEN,
    Outcome.FAILED: DeliveryStatus.PENDING,
}


@dataclass(frozen=True, slots=True)
class _Claimed:
    """A claimed occurrence, composed: what to say, where, for which group."""

    group_id: int
    to: Address
    reply: Reply


@dataclass(frozen=True, slots=True)
class Due:
    """One occurrence of a push: the fire time and, for session pushes, the session's start."""

    address: Address
    kind: PushKind
    occurrence: datetime
    session: datetime | None = None

    @property
    def lead(self) -> timedelta:
        """How long before its session the push fires (negative after it, zero for the bump)."""
        return timedelta(0) if self.session is None else self.session - self.occurrence


PUSH_CONCURRENCY = 8


class Pusher:
    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        events: EventBus,
        outbox: Outbox,
        clock: Clock,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.events = events
        self.outbox = outbox
        self.clock = clock
        self.sleep = sleep
        # A reminder burst for thousands of groups runs this many pushes at once: the database
        # pool and the platform's pacing bound it anyway, and the rest wait here, not in the pool.
        self._slots = asyncio.Semaphore(PUSH_CONCURRENCY)

    async def push(self, due: Due) -> Outcome:
        """Deliver one occurrence of a push at most once (see the module docstring)."""
        async with self._slots:
            outcome = await self._push(due)
        PUSHES.labels(due.kind.value, outcome.value).inc()
        return outcome

    async def _push(self, due: Due) -> Outcome:
        try:
            outcome, claimed = await self.store.run(lambda tx: self._claim_and_compose(tx, due))
        except IntegrityError:
            return Outcome.DUPLICATE  # another scheduler claimed it a moment ago
        if claimed is None:
            return outcome
        try:
            outcome = await self._send(claimed.to, claimed.reply)
        except Moved as moved:
            to = await self._follow(claimed.to, moved)
            try:
                outcome = await self._send(to, claimed.reply)
            except Moved:  # moved again at once: leave it pending for the next attempt
                outcome = Outcome.FAILED
        await self.store.run(lambda tx: self._mark(tx, claimed.group_id, due, outcome))
        if outcome is Outcome.FORBIDDEN:
            await self.events.publish([ProgramChanged(due.address)])
        return outcome

    async def _follow(self, old: Address, moved: Moved) -> Address:
        """The chat got a new id: move the group there (once), then send there."""
        new = Address(old.platform, moved.chat_id)
        log.info("%s moved to %s; moving its program", old.chat, new)
        await self.store.run(lambda tx: chats.move(tx, old, new))
        await self.events.publish([ProgramChanged(old.chat), ProgramChanged(new)])
        return new

    async def _claim_and_compose(self, tx: Tx, due: Due) -> tuple[Outcome, _Claimed | None]:
        now = self.clock.now()
        group = await tx.group(due.address)
        if group is None:
            return Outcome.NO_GROUP, None
        if group.silent:
            return Outcome.PAUSED, None
        row = await tx.delivery(group, due.kind.value, due.occurrence)
        if row is not None and (
            row.status is not DeliveryStatus.PENDING or now - row.updated_at < CLAIM_TIMEOUT
        ):
            return Outcome.DUPLICATE, None
        row = row or DeliveryRow(
            group_id=group.pk,
            kind=due.kind.value,
            occurrence=due.occurrence,
            status=DeliveryStatus.PENDING,
            updated_at=now,
        )
        row.updated_at, row.attempts = now, row.attempts + 1
        # Nothing is owed from before the group had a program, and stale pushes are skipped.
        if due.occurrence < group.created_at or is_stale(due.kind, due.occurrence, now, due.lead):
            log.info(
                "skipping stale %s for %s due %s", due.kind.value, due.address, due.occurrence.isoformat()
            )
            row.status = DeliveryStatus.STALE
            await tx.add(row)
            return Outcome.STALE, None
        reply = await self._compose(tx, group, due)
        row.status = DeliveryStatus.PENDING if reply is not None else DeliveryStatus.NOTHING
        await tx.add(row)
        if reply is None:
            return Outcome.NOTHING_TO_SAY, None
        return Outcome.SENT, _Claimed(group.pk, group.push_address(), reply)

    async def _compose(self, tx: Tx, group: GroupRow, due: Due) -> Reply | None:
        if due.kind is PushKind.BUMP:
            week = iso_week(group.schedule().local_date(due.occurrence))
            now = self.clock.now()
            bump = await weekly.apply_bump(tx, group, week, now, self.catalogue)
            bump = bump or await weekly.applied_bump(tx, group, week, self.catalogue)
            return None if bump is None else weekly_views.summary(bump)
        assert due.session is not None, "a session push carries its session"
        session_start = due.session.astimezone(group.schedule().zone)
        if due.kind is PushKind.NUDGE:
            nudges = await sessions.nudge_list(tx, group, session_start.date())
            return push_views.nudge(nudges) if nudges.total else None
        session = await sessions.session(tx, group, session_start, self.catalogue)
        if not session.members:
            return None
        if due.kind is PushKind.REMINDER:
            return push_views.reminder(session, await attendance.attendance(tx, group, session.day))
        return push_views.warmup(session)

    async def _send(self, address: Address, reply: Reply) -> Outcome:
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception_type((RetryAfter, TransientError)),
                wait=_platform_wait,
                stop=stop_after_attempt(MAX_ATTEMPTS),
                sleep=self.sleep,
                reraise=True,
            ):
                with attempt:
                    await self.outbox.send(address, reply)
        except Forbidden:
            log.warning("%s: the platform refuses our messages; silencing the group", address)
            return Outcome.FORBIDDEN
        except (RetryAfter, TransientError) as exc:
            log.error("%s: giving up after %d attempts: %s", address, MAX_ATTEMPTS, exc)
            return Outcome.FAILED
        return Outcome.SENT

    async def _mark(self, tx: Tx, group_id: int, due: Due, outcome: Outcome) -> None:
        group = await tx.group_by_id(group_id)  # by id: the chat may have moved meanwhile
        row = await tx.delivery(group, due.kind.value, due.occurrence) if group else None
        if group is None or row is None:
            return
        row.status = _STATUS_AFTER[outcome]
        # A failed send may be taken over at once by the next catch-up, while still fresh.
        row.updated_at = self.clock.now() - (CLAIM_TIMEOUT if outcome is Outcome.FAILED else timedelta(0))
        await tx.add(row)
        if outcome is Outcome.FORBIDDEN:
            await chats.removed(tx, Address.parse(group.address), self.clock.now())


_backoff = wait_exponential(multiplier=1, min=1, max=30)


def _platform_wait(state: RetryCallState) -> float:
    """Wait as long as the platform asked, else back off exponentially."""
    error = state.outcome.exception() if state.outcome else None
    if isinstance(error, RetryAfter):
        return error.seconds
    return float(_backoff(state))
