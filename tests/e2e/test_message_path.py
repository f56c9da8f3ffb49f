"""The message path on Telegram: admin lookups, fairness, 429s, private tap answers, webhook limits."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from adapters.kit.pacing import Limits
from adapters.telegram.bot import MAX_WEBHOOK_BODY, TelegramAdapter, WebhookConfig
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.messages import Address
from bot.pushes import Outcome
from bot.settings import Settings
from tests.e2e.telegram_chat import BEN, BERLIN, COACH, FAST, GROUP, Chat, free_port
from tests.fake_telegram import FakeTelegram
from tests.helpers import reminder_due, write_groups
from tests.tcp_proxy import CuttableProxy

OTHER_GROUP = -100777


def too_many_requests(seconds: int) -> tuple[int, dict[str, Any]]:
    body = {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests",
        "parameters": {"retry_after": seconds},
    }
    return 429, body


@pytest.fixture
async def paced(fake: FakeTelegram, app: Spotter) -> AsyncIterator[TelegramAdapter]:
    """The adapter with Telegram's real pacing: 20 messages a minute per group."""
    adapter = TelegramAdapter(app, fake.token, base_url=fake.base_url, limits=Limits(), poll_timeout=1)
    await adapter.start()
    yield adapter
    await adapter.stop()


async def test_a_members_command_never_asks_telegram_for_the_admins(
    program: Chat, fake: FakeTelegram
) -> None:
    before = len(fake.sent("getChatAdministrators"))
    assert "Barbell hip thrust" in await program.say(BEN, "/today")
    assert len(fake.sent("getChatAdministrators")) == before


async def test_a_failed_admin_lookup_asks_to_try_again_instead_of_dropping(
    chat: Chat, fake: FakeTelegram
) -> None:
    fake.failures["getChatAdministrators"].append(
        (500, {"ok": False, "error_code": 500, "description": "oops"})
    )
    answer = await chat.say(COACH, "/setup hypertrophy mon 18:30 UTC")
    assert "can't check admin rights right now" in answer
    assert "Program set" in await chat.say(COACH, "/setup hypertrophy mon 18:30 UTC")


async def test_a_busy_chat_does_not_hold_up_another(fake: FakeTelegram, paced: TelegramAdapter) -> None:
    coach = fake.user(COACH, "Coach")
    for _ in range(60):
        await fake.send_text(GROUP, coach, "/help")
    await fake.wait_for("sendMessage", 20, within=30)  # the first group's burst allowance is used up
    asked = time.perf_counter()
    await fake.send_text(OTHER_GROUP, fake.user(BEN, "Ben"), "/start")
    async with asyncio.timeout(10):
        while not fake.texts(OTHER_GROUP):
            await fake.wait_for("sendMessage", len(fake.sent()) + 1)
    assert time.perf_counter() - asked < 2.0
    assert len(fake.texts(GROUP)) < 60  # the busy group is still being paced meanwhile


async def test_a_chat_held_back_by_429_does_not_hold_up_another(
    fake: FakeTelegram, telegram: TelegramAdapter
) -> None:
    fake.chat_failures[GROUP].append(too_many_requests(10))
    await fake.send_text(GROUP, fake.user(COACH, "Coach"), "/start")
    await fake.wait_for("sendMessage!failed", 1)
    asked = time.perf_counter()
    await fake.send_text(OTHER_GROUP, fake.user(BEN, "Ben"), "/start")
    async with asyncio.timeout(10):
        while not fake.texts(OTHER_GROUP):
            await fake.wait_for("sendMessage", len(fake.sent()) + 1)
    assert time.perf_counter() - asked < 2.0
    assert fake.texts(GROUP) == []


async def test_a_reply_refused_with_429_five_times_is_delivered_once(
    fake: FakeTelegram, telegram: TelegramAdapter
) -> None:
    fake.chat_failures[GROUP].extend(too_many_requests(1) for _ in range(5))
    await fake.send_text(GROUP, fake.user(COACH, "Coach"), "/start")
    await fake.wait_for("sendMessage", 1, within=20)
    await asyncio.sleep(1.5)
    assert len(fake.texts(GROUP)) == 1
    assert len(fake.sent("sendMessage!failed")) == 5


async def test_refusing_someone_elses_undo_answers_the_tapper_only(program: Chat, fake: FakeTelegram) -> None:
    await program.say(BEN, "3x10 @ 60kg")
    confirmation = fake.sent()[-1]
    undo = confirmation.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    before = len(fake.sent())
    on_message = fake.message_object(confirmation, 9001)
    await fake.tap(GROUP, fake.user(COACH, "Coach"), undo, on_message)
    (answer,) = await fake.wait_for("answerCallbackQuery", 1)
    assert "Only Ben can undo that log" in answer.params["text"]
    await asyncio.sleep(0.5)
    assert len(fake.sent()) == before


@pytest.fixture
async def hook(fake: FakeTelegram, app: Spotter) -> AsyncIterator[str]:
    port = free_port()
    config = WebhookConfig(
        url=f"http://127.0.0.1:{port}/telegram", listen="127.0.0.1", port=port, secret="s3cret"
    )
    adapter = TelegramAdapter(app, fake.token, base_url=fake.base_url, webhook=config)
    await adapter.start()
    yield config.url
    await adapter.stop()


async def test_the_webhook_refuses_a_missing_secret_before_reading_a_huge_body(hook: str) -> None:
    async with aiohttp.ClientSession() as http:
        refused = await http.post(hook, data=b"x" * (5 * MAX_WEBHOOK_BODY))
        too_big = await http.post(
            hook, data=b"x" * (2 * MAX_WEBHOOK_BODY), headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
        )
    assert (refused.status, too_big.status) == (403, 413)


async def test_the_webhook_answers_malformed_json_with_400(hook: str) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret", "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:
        broken = await http.post(hook, data=b"{not json", headers=headers)
        not_an_update = await http.post(hook, data=b"[1, 2]", headers=headers)
    assert (broken.status, not_an_update.status) == (400, 400)


async def test_reports_sent_while_the_database_is_locked_are_all_logged_once_it_frees(
    program: Chat, fake: FakeTelegram, tmp_path: Path
) -> None:
    """Another connection holds SQLite's write lock past the busy timeout: nothing is confirmed
    to Telegram meanwhile, and every report is handled once the lock is released."""
    ben = fake.user(BEN, "Ben")
    # Taken in a thread: if the bot is mid-write, waiting for the lock must not block the event
    # loop, or the bot could never finish the write it holds the lock for.
    locker = sqlite3.connect(tmp_path / "tg.db", isolation_level=None, timeout=30, check_same_thread=False)
    await asyncio.to_thread(locker.execute, "BEGIN IMMEDIATE")
    try:
        sent = [await fake.send_text(GROUP, ben, f"3x{reps} @ 60kg") for reps in range(5, 13)]
        await asyncio.sleep(7)  # longer than the 5 s busy timeout: the inbox write fails and is retried
        confirmed_while_locked = fake.confirmed_offset
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert confirmed_while_locked <= sent[0]["update_id"]
    await fake.wait_for("sendMessage", len(fake.sent()) + len(sent), within=60)
    await asyncio.sleep(1)
    logged = [c for c in fake.sent() if "Logged for" in str(c.params.get("text"))]
    assert len(logged) == len(sent)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_reports_sent_while_postgresql_is_unreachable_are_all_logged_once_it_is_back(
    fake: FakeTelegram, database_url: str
) -> None:
    target = make_url(database_url)
    proxy = CuttableProxy(target.host or "127.0.0.1", target.port or 5432)
    await proxy.start()
    through_proxy = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    clock = ManualClock(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))
    spotter = await build_spotter(Settings(database_url=through_proxy), clock)
    adapter = TelegramAdapter(spotter, fake.token, base_url=fake.base_url, limits=FAST, poll_timeout=1)
    await adapter.start()
    try:
        chat = Chat(fake)
        await chat.say(COACH, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
        await chat.say(BEN, "/join intermediate 60kg")
        proxy.cut()
        ben = fake.user(BEN, "Ben")
        sent = [await fake.send_text(GROUP, ben, f"3x{reps} @ 60kg") for reps in range(5, 11)]
        await asyncio.sleep(8)
        confirmed_during_outage = fake.confirmed_offset
        proxy.restore()
        await fake.wait_for("sendMessage", len(fake.sent()) + len(sent), within=90)
        await asyncio.sleep(1)
    finally:
        await adapter.stop()
        await spotter.close()
        await proxy.stop()
    assert confirmed_during_outage <= sent[0]["update_id"]
    assert sum("Logged for" in str(c.params.get("text")) for c in fake.sent()) == len(sent)


BURST_GROUPS = 40
BURST_RATE = 20.0  # messages a second for the whole bot, as a scaled-down Telegram


@pytest.fixture
async def burst_limited(fake: FakeTelegram, app: Spotter) -> AsyncIterator[TelegramAdapter]:
    limits = Limits(per_chat_burst=20, per_chat_rate=20 / 60, overall_burst=1, overall_rate=BURST_RATE)
    adapter = TelegramAdapter(app, fake.token, base_url=fake.base_url, limits=limits, poll_timeout=1)
    await adapter.start()
    yield adapter
    await adapter.stop()


async def _groups_with_a_member(app: Spotter, count: int) -> list[Address]:
    """`count` groups training Monday 18:30 in Berlin, one member each, written directly."""
    addresses = [Address("telegram", str(-200000 - n)) for n in range(count)]
    await write_groups(app, addresses, app.clock.now(), weekdays=(0,))
    return addresses


async def test_a_members_answer_overtakes_a_reminder_burst_that_keeps_to_the_limit(
    fake: FakeTelegram, app: Spotter, burst_limited: TelegramAdapter
) -> None:
    groups = await _groups_with_a_member(app, BURST_GROUPS)
    pusher = app.pusher(burst_limited.outbox)
    occurrence = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)
    burst = asyncio.gather(*(pusher.push(reminder_due(g, occurrence)) for g in groups))
    await fake.wait_for("sendMessage", 5, within=10)
    asked = time.perf_counter()
    await fake.send_text(OTHER_GROUP, fake.user(BEN, "Ben"), "/start")
    async with asyncio.timeout(10):
        while not fake.texts(OTHER_GROUP):
            await fake.wait_for("sendMessage", len(fake.sent()) + 1)
    answered = time.perf_counter() - asked
    reminders_before_the_answer = sum(1 for c in fake.sent() if str(c.params["chat_id"]) != str(OTHER_GROUP))
    outcomes = await burst
    assert answered < 1.5
    assert reminders_before_the_answer < BURST_GROUPS  # the burst was still going
    assert outcomes == [Outcome.SENT] * BURST_GROUPS
    reminders = [c for c in fake.sent() if str(c.params["chat_id"]) != str(OTHER_GROUP)]
    assert sorted(str(c.params["chat_id"]) for c in reminders) == sorted(g.chat_id for g in groups)
    assert _most_in_one_second(fake.sent_times) <= BURST_RATE + 1


def _most_in_one_second(stamps: list[float]) -> int:
    return max(sum(1 for t in stamps if start <= t < start + 1.0) for start in stamps)
