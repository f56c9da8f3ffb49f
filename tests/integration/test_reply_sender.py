"""The reply sender's fast path: replies handed over after commit, leases, outcomes in batches."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from adapters.kit.codec import reply_to_json
from adapters.kit.pacing import Limits, Pacer
from adapters.kit.platform import Context
from adapters.kit.sender import LEASE, LEASE_MARGIN, Leased, ReplySender
from bot.app import Spotter
from bot.clock import ManualClock
from bot.messages import Address, Incoming, Reply, SentRef
from bot.store.repository import Tx
from bot.store.tables import OutboxRow
from tests.helpers import eventually

CHAT = "telegram:-100123"
UNPACED = Limits(per_chat_burst=10**6, per_chat_rate=10**6, overall_burst=10**6, overall_rate=10**6)


class RecordingPlatform:
    """A platform that accepts every message and remembers what it was asked to send."""

    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, to: Address, reply: Reply, context: Context) -> SentRef | None:
        self.sent.append((str(to), reply.text))
        return None

    async def is_admin(self, incoming: Incoming, context: Context) -> bool:
        return False

    def acknowledges_taps(self) -> bool:
        return True


@pytest.fixture
def platform() -> RecordingPlatform:
    return RecordingPlatform()


@pytest.fixture
def sender(spotter: Spotter, platform: RecordingPlatform, clock: ManualClock) -> ReplySender:
    return ReplySender(spotter.store, {"telegram": platform}, pacer=Pacer(UNPACED), clock=clock)


async def _stored(spotter: Spotter, text: str, now: datetime, chat: str = CHAT) -> Leased:
    """A reply stored as the dispatcher stores one: leased to this process until now + LEASE."""
    payload = {"platform": "telegram", "reply": reply_to_json(Reply(text)), "context": {}}
    row = OutboxRow(chat=chat, payload=payload, created_at=now, next_attempt_at=now + LEASE)
    await spotter.store.run(lambda tx: tx.add(row))
    return Leased(row.pk, payload, now, 0, now + LEASE)


async def _row(spotter: Spotter, row_id: int) -> OutboxRow:
    async def read(tx: Tx) -> OutboxRow:
        row: OutboxRow = (
            await tx.session.execute(select(OutboxRow).where(OutboxRow.id == row_id))
        ).scalar_one()
        return row

    return await spotter.store.run(read)


async def _outcome(spotter: Spotter, row_id: int) -> str | None:
    return (await _row(spotter, row_id)).outcome


async def test_replies_handed_over_are_sent_in_order_and_marked_sent(
    spotter: Spotter, sender: ReplySender, platform: RecordingPlatform, clock: ManualClock
) -> None:
    rows = [await _stored(spotter, f"reply {n}", clock.now()) for n in range(5)]
    sender.take(CHAT, rows)
    await eventually(lambda: _all_sent(spotter, rows))
    assert [text for _, text in platform.sent] == [f"reply {n}" for n in range(5)]


async def _all_sent(spotter: Spotter, rows: list[Leased]) -> bool:
    return all([await _outcome(spotter, row.id) == "sent" for row in rows])


async def test_replies_to_many_chats_all_get_their_outcome_stored(
    spotter: Spotter, sender: ReplySender, platform: RecordingPlatform, clock: ManualClock
) -> None:
    rows = []
    for n in range(40):
        chat = f"telegram:-100{n}"
        row = await _stored(spotter, f"reply {n}", clock.now(), chat)
        sender.take(chat, [row])
        rows.append(row)
    await eventually(lambda: _all_sent(spotter, rows))
    assert len(platform.sent) == 40


async def test_a_reply_whose_lease_is_nearly_over_is_leased_again_and_sent_once(
    spotter: Spotter, sender: ReplySender, platform: RecordingPlatform, clock: ManualClock
) -> None:
    row = await _stored(spotter, "late", clock.now())
    clock.advance(LEASE - LEASE_MARGIN + timedelta(seconds=1))  # waited for its turn that long
    sender.take(CHAT, [row])
    await eventually(lambda: _all_sent(spotter, [row]))
    assert platform.sent == [(CHAT, "late")]


async def test_a_reply_another_sender_took_after_the_lease_ran_out_is_not_sent_again(
    spotter: Spotter, sender: ReplySender, platform: RecordingPlatform, clock: ManualClock
) -> None:
    row = await _stored(spotter, "taken", clock.now())
    clock.advance(LEASE + timedelta(seconds=1))
    other_lease = clock.now() + LEASE  # another replica's sender leased it meanwhile
    await spotter.store.run(
        lambda tx: tx.session.execute(
            update(OutboxRow).where(col(OutboxRow.id) == row.id).values(next_attempt_at=other_lease)
        )
    )
    sender.take(CHAT, [row])
    await sender.close(grace=5)
    assert platform.sent == []
    assert (await _row(spotter, row.id)).done_at is None  # the other sender's to finish
