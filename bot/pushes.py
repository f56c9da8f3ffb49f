"""Delivering scheduled pushes exactly once, whatever the platform or the process does.

`Pusher.push(address, kind, occurrence)` is what every scheduler calls. It claims the
occurrence in the deliveries table (pending) before sending and marks it sent after, so a
second call, a second scheduler or a restart finds it and does nothing. A claim left pending
by a crash is taken over after `CLAIM_TIMEOUT`: the one case in which a message could be sent
twice is a crash after the platform accepted it and before it was marked, which is rarer than
losing it would be. Platform faults: `RetryAfter` waits as told, `TransientError` backs off
exponentially (tenacity), `Forbidden` pauses the group; none of them delays another group.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
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
from bot.coach import Coach
from bot.domain import PushKind
from bot.messages import Address, Forbidden, Outbox, Reply, RetryAfter, TransientError
from bot.push_messages import session_push
from bot.rules.schedule import iso_week
from bot.rules.timing import is_stale, lead_before_session
from bot.store.tables import DeliveryRow, GroupRow

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


class Pusher:
    def __init__(self, coach: Coach, outbox: Outbox, clock: Clock, sleep: Sleep = asyncio.sleep) -> None:
        self.coach = coach
        self.store = coach.store
        self.outbox = outbox
        self.clock = clock
        self.sleep = sleep

    async def push(self, address: Address, kind: PushKind, occurrence: datetime) -> Outcome:
        """Deliver one occurrence of a push at most once (see the module docstring)."""
        try:
            claimed = await self._claim(address, kind, occurrence)
        except IntegrityError:
            return Outcome.DUPLICATE  # another scheduler claimed it a moment ago
        if claimed is not Outcome.SENT:
            return claimed
        reply = await self._message(address, kind, occurrence)
        if reply is None:
            await self._mark(address, kind, occurrence, Outcome.NOTHING_TO_SAY)
            return Outcome.NOTHING_TO_SAY
        outcome = await self._send(address, reply)
        await self._mark(address, kind, occurrence, outcome)
        if outcome is Outcome.FORBIDDEN:
            await self._pause(address)
        return outcome

    async def _claim(self, address: Address, kind: PushKind, occurrence: datetime) -> Outcome:
        now = self.clock.now()
        async with self.store.transaction() as tx:
            group = await tx.group(address)
            if group is None:
                return Outcome.NO_GROUP
            if group.paused:
                return Outcome.PAUSED
            row = await tx.delivery(group, kind.value, occurrence)
            if row is not None and (row.status != "pending" or now - row.updated_at < CLAIM_TIMEOUT):
                return Outcome.DUPLICATE
            # Nothing is owed from before the group had a program, and stale pushes are skipped.
            if occurrence < group.created_at or is_stale(kind, occurrence, now, _lead(group, kind)):
                status: str = Outcome.STALE.value
            else:
                status = "pending"
            if row is None:
                row = DeliveryRow(
                    group_id=group.pk, kind=kind.value, occurrence=occurrence, status=status, updated_at=now
                )
            row.status, row.updated_at, row.attempts = status, now, row.attempts + 1
            await tx.add(row)
        if status == Outcome.STALE.value:
            log.info("skipping stale %s for %s due %s", kind.value, address, occurrence.isoformat())
            return Outcome.STALE
        return Outcome.SENT

    async def _message(self, address: Address, kind: PushKind, occurrence: datetime) -> Reply | None:
        if kind is PushKind.BUMP:
            async with self.store.transaction() as tx:
                group = await tx.group(address)
                week = iso_week(group.schedule().local_date(occurrence)) if group else ""
            return await self.coach.weekly_bump(address, week) or await self.coach.bump_summary(address, week)
        async with self.store.transaction() as tx:
            group = await tx.group(address)
            if group is None:
                return None
            session = (occurrence + _lead(group, kind)).astimezone(group.schedule().zone)
            return await session_push(tx, group, kind, session, self.coach.exercise)

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
            log.warning("%s: the platform refuses our messages; pausing the group", address)
            return Outcome.FORBIDDEN
        except (RetryAfter, TransientError) as exc:
            log.error("%s: giving up after %d attempts: %s", address, MAX_ATTEMPTS, exc)
            return Outcome.FAILED
        return Outcome.SENT

    async def _mark(self, address: Address, kind: PushKind, occurrence: datetime, outcome: Outcome) -> None:
        async with self.store.transaction() as tx:
            group = await tx.group(address)
            row = await tx.delivery(group, kind.value, occurrence) if group else None
            if row is not None:
                # A failed send stays pending: the next catch-up may try again while still fresh.
                row.status = "pending" if outcome is Outcome.FAILED else outcome.value
                row.updated_at = self.clock.now() - (
                    CLAIM_TIMEOUT if outcome is Outcome.FAILED else timedelta(0)
                )
                await tx.add(row)

    async def _pause(self, address: Address) -> None:
        async with self.store.transaction() as tx:
            group = await tx.group(address)
            if group is not None:
                group.paused = True
                await tx.add(group)
        await self.coach.program_changed(address)


def _lead(group: GroupRow, kind: PushKind) -> timedelta:
    if kind is PushKind.BUMP:
        return timedelta(0)
    return lead_before_session(
        kind, timedelta(minutes=group.reminder_lead_min), timedelta(minutes=group.warmup_lead_min)
    )


_backoff = wait_exponential(multiplier=1, min=1, max=30)


def _platform_wait(state: RetryCallState) -> float:
    """Wait as long as the platform asked, else back off exponentially."""
    error = state.outcome.exception() if state.outcome else None
    if isinstance(error, RetryAfter):
        return error.seconds
    return float(_backoff(state))
