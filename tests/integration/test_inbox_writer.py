"""Group commit into the inbox: updates arriving together share a write, and each caller hears
only once its own update is durable (or that it failed)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from adapters.kit.inbox import InboxWriter
from bot.app import Spotter
from bot.store.tables import InboxRow


def _row(key: str) -> InboxRow:
    return InboxRow(
        platform="discord", update_key=key, chat="discord:1", payload={}, received_at=datetime.now(UTC)
    )


async def test_updates_put_together_are_all_stored_and_the_dispatcher_is_woken(spotter: Spotter) -> None:
    written = asyncio.Event()
    writer = InboxWriter(spotter.store, written)
    await asyncio.gather(*(writer.put(_row(f"m{i}")) for i in range(20)))
    async with spotter.store.transaction() as tx:
        assert (await tx.session.execute(select(func.count()).select_from(InboxRow))).scalar_one() == 20
    assert written.is_set()


async def test_a_failed_write_fails_its_callers_and_the_next_write_works(spotter: Spotter) -> None:
    writer = InboxWriter(spotter.store, asyncio.Event())
    broken = _row("broken")
    broken.chat = None  # type: ignore[assignment]  # the database refuses the whole batch
    with pytest.raises(IntegrityError):
        await writer.put(broken)
    await writer.put(_row("fine"))
    async with spotter.store.transaction() as tx:
        keys = (await tx.session.execute(select(col(InboxRow.update_key)))).scalars().all()
    assert keys == ["fine"]
