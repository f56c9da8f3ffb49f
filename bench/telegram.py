"""Spotter on Telegram versus a bare python-telegram-bot echo bot, on the same fake server.

    .venv/bin/python -m bench.telegram [--updates 3000] [--groups 50] [--rounds 3]
                                       [--database-url URL] [--paced]

Both bots use the real client over real HTTP against `tests.fake_telegram` on 127.0.0.1 and
long-poll the same burst: set reports, `/today`, FAQ questions and `/me` from three members in
each of many groups (Spotter's groups are set up beforehand, outside the timing). The burst is
queued at once, so an update's latency is the time from the burst's start to the answer to it.
Spotter runs its production path (durable inbox, dispatcher lanes, reply outbox and sender).
Rounds alternate between the two bots (`bench.rounds`); without `--paced` Telegram's limits are
lifted for both (they bound both bots alike, and are Telegram's, not either bot's speed), with
it both send through Spotter's pacer at Telegram's limits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from adapters.kit.pacing import Limits, Pacer
from adapters.telegram.bot import TelegramAdapter
from bench.rounds import Options, Result, command_line
from bot.app import build_spotter
from bot.clock import ManualClock
from bot.messages import Address, Incoming
from bot.settings import Settings
from tests.fake_telegram import FakeTelegram

MONDAY = datetime(2026, 12, 7, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
TITLE = "burst of {updates} updates in {groups} groups (reports, /today, FAQ, /me)"
UNPACED = Limits(per_chat_burst=10**6, per_chat_rate=10**6, overall_burst=10**6, overall_rate=10**6)
MESSAGES = ("3x10 @ 60kg", "/today", "/faq where do my feet go?", "10,10,8 at 62.5", "/faq how often?", "/me")


def _limits(options: Options) -> Limits:
    """Telegram's limits as Spotter keeps them (`--paced`), or none."""
    return Limits() if options.paced else UNPACED


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


async def spotter_run(options: Options, database_url: str) -> Result:
    fake = FakeTelegram()
    await fake.start()
    clock = ManualClock(MONDAY)
    spotter = await build_spotter(Settings(database_url=database_url), clock)
    groups, updates = options.groups, options.updates
    for g in range(groups):
        address = Address("telegram", str(-1000 - g))
        await spotter.coach.handle(
            Incoming(address, "1", "Coach", True, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
        )
        for i in range(3):
            await spotter.coach.handle(
                Incoming(address, str(10 + i), f"Lifter{i}", False, "/join intermediate 60kg")
            )
    adapter = TelegramAdapter(
        spotter, fake.token, base_url=fake.base_url, limits=_limits(options), poll_timeout=1
    )
    try:
        return await _run("spotter", fake, _burst(fake, groups, updates), adapter.start, adapter.stop)
    finally:
        await spotter.close()
        await fake.stop()


async def echo_run(options: Options) -> Result:
    fake = FakeTelegram()
    await fake.start()
    groups, updates = options.groups, options.updates
    pacer = Pacer(_limits(options))

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        turn = await pacer.wait_turn(str(update.message.chat_id))
        try:
            await update.message.reply_text(update.message.text or "")
        finally:
            turn.done()

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


if __name__ == "__main__":
    command_line(__doc__, TITLE, spotter_run, echo_run, 3000)
