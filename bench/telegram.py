"""Spotter on Telegram versus a bare python-telegram-bot echo bot, on the same fake server.

    .venv/bin/python -m bench.telegram [--updates 3000] [--groups 50]

Both bots use the real client over real HTTP against `tests.fake_telegram` on 127.0.0.1 and
long-poll the same burst: set reports, `/today` and FAQ questions from three members in each of
many groups (Spotter's groups are set up beforehand, outside the timing). The burst is queued at
once, so an update's latency is the time from the burst's start to the bot's answer to it.
Spotter runs its production path (durable inbox, dispatcher lanes, reply outbox and sender),
with Telegram's pacing (20 messages a minute per group) lifted: that limit is Telegram's, not
Spotter's speed.

Measured on the 2-core dev machine (3000 updates, 50 groups): Spotter 185–220 updates/s, the
echo bot 717–826, a ratio of 0.26–0.27×; the core alone (Coach.handle on SQLite, no Telegram) runs ~275
updates/s, so the database work per update, not the Telegram client, dominates. An aiohttp
request backend (246/s) and concurrent updates (228/s) were tried and not kept.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from adapters.kit.pacing import Limits
from adapters.telegram.bot import TelegramAdapter
from bot.app import build_spotter
from bot.clock import ManualClock
from bot.messages import Address, Incoming
from bot.settings import Settings
from tests.fake_telegram import FakeTelegram

MONDAY = datetime(2026, 12, 7, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
MESSAGES = ("3x10 @ 60kg", "/today", "/faq where do my feet go?", "10,10,8 at 62.5", "/faq how often?", "/me")


@dataclass
class Result:
    name: str
    updates: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def line(self) -> str:
        p50 = statistics.median(self.latencies) * 1000
        p99 = sorted(self.latencies)[int(len(self.latencies) * 0.99) - 1] * 1000
        return f"{self.name:<8} {self.rate:8.0f} updates/s   p50 {p50:7.0f} ms   p99 {p99:7.0f} ms"


def _burst(fake: FakeTelegram, groups: int, count: int) -> list[tuple[int, dict[str, object], str]]:
    users = [fake.user(10 + i, f"Lifter{i}") for i in range(3)]
    return [
        (-1000 - (i % groups), users[(i // groups) % 3], MESSAGES[i % len(MESSAGES)]) for i in range(count)
    ]


async def _run(
    name: str,
    fake: FakeTelegram,
    burst: list[tuple[int, dict[str, object], str]],
    start: Callable[[], Awaitable[None]],
    stop: Callable[[], Awaitable[None]],
) -> Result:
    await start()
    await asyncio.sleep(0.5)  # the bot is polling
    before = len(fake.sent())
    began = time.perf_counter()
    for chat_id, user, text in burst:
        await fake.send_text(chat_id, user, text)
    await fake.wait_for("sendMessage", before + len(burst), within=600)
    answered = fake.sent()[before:]
    seconds = time.perf_counter() - began
    stamps = fake.sent_times[before:]
    await stop()
    return Result(name, len(burst), seconds, [t - began for t in stamps][: len(answered)])


async def spotter_run(updates: int, groups: int, db: Path) -> Result:
    fake = FakeTelegram()
    await fake.start()
    clock = ManualClock(MONDAY)
    spotter = await build_spotter(Settings(database_url=f"sqlite+aiosqlite:///{db}"), clock)
    for g in range(groups):
        address = Address("telegram", str(-1000 - g))
        await spotter.coach.handle(
            Incoming(address, "1", "Coach", True, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
        )
        for i in range(3):
            await spotter.coach.handle(
                Incoming(address, str(10 + i), f"Lifter{i}", False, "/join intermediate 60kg")
            )
    unpaced = Limits(per_chat_burst=10**6, per_chat_rate=10**6, overall_burst=10**6, overall_rate=10**6)
    adapter = TelegramAdapter(spotter, fake.token, base_url=fake.base_url, limits=unpaced, poll_timeout=1)
    try:
        return await _run("spotter", fake, _burst(fake, groups, updates), adapter.start, adapter.stop)
    finally:
        await spotter.close()
        await fake.stop()


async def echo_run(updates: int, groups: int) -> Result:
    fake = FakeTelegram()
    await fake.start()

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    app = Application.builder().token(fake.token).base_url(f"{fake.base_url}/bot").job_queue(None).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))

    async def start() -> None:
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=1)

    async def stop() -> None:
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    try:
        return await _run("echo", fake, _burst(fake, groups, updates), start, stop)
    finally:
        await fake.stop()


async def main(updates: int, groups: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        spotter = await spotter_run(updates, groups, Path(tmp) / "bench.db")
    echo = await echo_run(updates, groups)
    compare(f"burst of {updates} updates in {groups} groups (reports, /today, FAQ, /me)", spotter, echo)


def compare(title: str, spotter: Result, echo: Result) -> None:
    """Print both runs and their ratio against the target of 0.8× the echo bot."""
    print(title)
    print(spotter.line())
    print(echo.line())
    verdict = "met" if spotter.rate / echo.rate >= 0.8 else "MISSED"
    print(f"ratio    {spotter.rate / echo.rate:.2f}× the echo bot (target ≥ 0.8×: {verdict})")


Main = Callable[[int, int], Coroutine[Any, Any, None]]


def command_line(doc: str, main: Main, updates: int) -> None:
    """`--updates N --groups G`, then run `main`."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--updates", type=int, default=updates)
    parser.add_argument("--groups", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.groups))


if __name__ == "__main__":
    command_line(__doc__, main, 3000)
