"""Handled updates and settled replies are not kept past a week; work still owed always is."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import Spotter
from bot.clock import ManualClock
from bot.store.tables import INBOX, OUTBOX, InboxRow, OutboxRow
from scheduler.runner import TRAFFIC_KEPT, PushScheduler
from tests.fakes import FakeOutbox


async def test_housekeeping_deletes_old_handled_traffic_and_keeps_what_is_owed(
    spotter: Spotter, clock: ManualClock
) -> None:
    now = clock.now()
    old, recent = now - TRAFFIC_KEPT - timedelta(hours=1), now - timedelta(days=1)
    async with spotter.store.transaction() as tx:
        for key, received, handled in (("old", old, old), ("recent", recent, recent), ("owed", old, None)):
            await tx.add(
                InboxRow(
                    platform="test",
                    update_key=key,
                    chat="test:1",
                    payload={},
                    received_at=received,
                    handled_at=handled,
                )
            )
        for done in (old, recent, None):
            await tx.add(
                OutboxRow(
                    chat="test:1", payload={"k": str(done)}, created_at=old, next_attempt_at=old, done_at=done
                )
            )
    scheduler = PushScheduler(spotter.store, spotter.pusher(FakeOutbox(clock)), clock)
    await scheduler.housekeep()
    async with spotter.store.transaction() as tx:
        keys = set((await tx.session.execute(select(INBOX.c.update_key))).scalars())
        settled = list((await tx.session.execute(select(OUTBOX.c.done_at))).scalars())
    assert keys == {"recent", "owed"}
    assert sorted(settled, key=lambda d: d is None) == [recent, None]
