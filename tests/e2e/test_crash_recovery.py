"""Crash suite: `spotter run` stopped in the middle of a burst of reports loses nothing.

The real process against the fake Bot API, on SQLite and on PostgreSQL: SIGKILL (or SIGTERM,
which must end it within Docker's 10 s grace) while it works through a burst, start it again on
the same database, let it drain. Every report is stored
exactly once and confirmed. A reply the platform accepted just before the kill, and that was not
yet marked sent, is sent again after the restart (the Bot API has no idempotency key): at most
one per lane in flight, never a lost one.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.kit.lanes import DEFAULT_CONCURRENCY
from bot.app import build_spotter
from bot.clock import SystemClock
from bot.messages import Address, Incoming
from bot.settings import Settings
from tests.e2e.telegram_chat import MENUS_PER_START, spotter_run
from tests.fake_telegram import FakeTelegram

GROUPS = 10
MEMBERS = 2
REPORTS = 120  # 12 per group: within Telegram's per-group burst, so pacing does not slow the drain


async def _prepare(database_url: str) -> None:
    spotter = await build_spotter(Settings(database_url=database_url), SystemClock())
    try:
        for g in range(GROUPS):
            address = Address("telegram", str(-1000 - g))
            await spotter.coach.handle(
                Incoming(address, "1", "Coach", True, "/setup hypertrophy mon 18:30 UTC")
            )
            for m in range(MEMBERS):
                await spotter.coach.handle(
                    Incoming(address, str(100 + m), f"Lifter{m}", False, "/join intermediate 60kg")
                )
    finally:
        await spotter.close()


def _confirmations(fake: FakeTelegram) -> Counter[int]:
    """How often each report message was confirmed (by the message the confirmation answers)."""
    return Counter(
        int(c.params["reply_parameters"]["message_id"])
        for c in fake.sent()
        if "Logged for" in str(c.params.get("text")) and "reply_parameters" in c.params
    )


async def _stored_logs(database_url: str) -> Counter[str]:
    spotter = await build_spotter(Settings(database_url=database_url), SystemClock())
    try:
        async with spotter.store.engine.connect() as connection:
            rows = await connection.execute(text("SELECT source_key FROM logs WHERE undone_at IS NULL"))
            return Counter(str(row[0]) for row in rows)
    finally:
        await spotter.close()


@pytest.mark.parametrize("stop_signal", [signal.SIGKILL, signal.SIGTERM], ids=["sigkill", "sigterm"])
async def test_a_stopped_process_loses_no_report_and_logs_each_once(
    database_url: str, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    await _prepare(database_url)
    fake = FakeTelegram()
    await fake.start()
    try:
        reports = []
        for i in range(REPORTS):
            group, member = -1000 - i % GROUPS, 100 + (i // GROUPS) % MEMBERS
            update = await fake.send_text(
                group, fake.user(member, f"Lifter{member - 100}"), f"3x{i % 9 + 5} @ 60kg"
            )
            reports.append(update["message"]["message_id"])
        first = await spotter_run(fake, tmp_path, {"SPOTTER_DATABASE_URL": database_url})
        await fake.wait_for("sendMessage", 15, within=60)
        stopped_at = time.perf_counter()
        first.send_signal(stop_signal)
        await asyncio.wait_for(first.wait(), 30)
        stop_took = time.perf_counter() - stopped_at
        killed_after = len(_confirmations(fake))
        second = await spotter_run(fake, tmp_path, {"SPOTTER_DATABASE_URL": database_url})
        try:
            await fake.wait_for(
                "setMyCommands", 2 * MENUS_PER_START, within=60
            )  # up, with its signal handlers in place
            async with asyncio.timeout(120):
                while len(_confirmations(fake)) < REPORTS:
                    await fake.wait_for("sendMessage", len(fake.sent()) + 1, within=120)
            await asyncio.sleep(1.0)  # anything still to come would be a duplicate
        finally:
            second.send_signal(signal.SIGTERM)
            await asyncio.wait_for(second.wait(), 30)
        confirmations = _confirmations(fake)
        logs = await _stored_logs(database_url)
    finally:
        await fake.stop()
    if stop_signal is signal.SIGKILL:  # a SIGTERM may rightly finish the burst in its grace
        assert killed_after < REPORTS, "the kill came too late to test anything"
    assert sorted(logs) == sorted(f"msg:{m}" for m in reports)
    assert set(logs.values()) == {1}
    assert set(confirmations) == set(reports)
    assert sum(confirmations.values()) - REPORTS <= DEFAULT_CONCURRENCY
    assert second.returncode == 0
    assert stop_took < 10.0  # Docker's default grace before it kills
