"""Two webhook replicas of `spotter run` on one PostgreSQL: a `/setup` the standby handles
reaches the leader's schedule, and the reminder goes out on time, once."""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.store.database import async_url
from tests.e2e.telegram_chat import BEN, COACH, GROUP, free_port, spotter_run, webhook_settings
from tests.fake_telegram import FakeTelegram
from tests.helpers import eventually

SECRET = "replica-s3cret"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _update(fake: FakeTelegram, update_id: int, user: dict[str, Any], text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": 500 + update_id,
        "date": 0,
        "chat": fake.chat(GROUP),
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": update_id, "message": message}


def _session_soon() -> datetime:
    """A session whose 15-minute reminder falls a few seconds to a minute from now (UTC)."""
    now = datetime.now(UTC)
    return (now + timedelta(minutes=15, seconds=70)).replace(second=0, microsecond=0)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_setup_on_the_standby_brings_the_leaders_reminder_once(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeTelegram()
    fake.admins[GROUP] = {COACH}
    await fake.start()
    ports = (free_port(), free_port())
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    leader = await spotter_run(
        fake, tmp_path / "a", {"SPOTTER_DATABASE_URL": database_url, **webhook_settings(ports[0], SECRET)}
    )
    replicas = [leader]
    try:
        await fake.wait_for("setWebhook", 1, within=30)
        await asyncio.sleep(1)  # the first replica holds the scheduler's lock by now
        replicas.append(
            await spotter_run(
                fake,
                tmp_path / "b",
                {"SPOTTER_DATABASE_URL": database_url, **webhook_settings(ports[1], SECRET)},
            )
        )
        await fake.wait_for("setWebhook", 2, within=30)
        session = _session_soon()
        setup = f"/setup strength {WEEKDAYS[session.weekday()]} {session:%H:%M} UTC remind=15"
        standby = f"http://127.0.0.1:{ports[1]}/telegram"
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with aiohttp.ClientSession() as http:
            for update_id, (user, text) in enumerate(
                [(fake.user(COACH, "Coach"), setup), (fake.user(BEN, "Ben"), "/join beginner")], start=1
            ):
                answer = await http.post(standby, json=_update(fake, update_id, user, text), headers=headers)
                assert answer.status == 200
        due = session - timedelta(minutes=15)
        wait = (due - datetime.now(UTC)).total_seconds() + 20
        async with asyncio.timeout(max(wait, 5)):
            while not any(t.startswith("⏰") for t in fake.texts(GROUP)):
                await fake.wait_for("sendMessage", len(fake.sent()) + 1, within=max(wait, 5))
        observed = datetime.now(UTC)
        await asyncio.sleep(3)  # a second copy would come now
    finally:
        for process in replicas:
            process.send_signal(signal.SIGTERM)
        for process in replicas:
            await asyncio.wait_for(process.wait(), 30)
        await fake.stop()
    reminders = [t for t in fake.texts(GROUP) if t.startswith("⏰")]
    assert len(reminders) == 1
    assert due <= observed <= due + timedelta(seconds=20)


REPORTS = 200
LIFTERS = 10


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_two_webhook_replicas_split_200_reports_into_exactly_200_logs(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeTelegram()
    fake.admins[GROUP] = {COACH}
    await fake.start()
    ports = (free_port(), free_port())
    replicas = []
    try:
        for folder, port in zip(("a", "b"), ports, strict=True):
            (tmp_path / folder).mkdir()
            settings = {
                "SPOTTER_DATABASE_URL": database_url,
                "SPOTTER_OPS_PORT": "0",
                **webhook_settings(port, SECRET),
            }
            replicas.append(await spotter_run(fake, tmp_path / folder, settings, capture=True))
        await fake.wait_for("setWebhook", 2, within=30)
        hooks = [f"http://127.0.0.1:{port}/telegram" for port in ports]
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        lifters = [fake.user(100 + i, f"Lifter{i}") for i in range(LIFTERS)]
        setup = [(fake.user(COACH, "Coach"), "/setup strength mon,wed,fri 18:00 UTC")]
        setup += [(lifter, "/join intermediate 60kg") for lifter in lifters]
        async with aiohttp.ClientSession() as http:
            for update_id, (user, said) in enumerate(setup, start=1):
                answer = await http.post(hooks[0], json=_update(fake, update_id, user, said), headers=headers)
                assert answer.status == 200
                await fake.wait_for("sendMessage", update_id, within=30)
            posts = [
                http.post(
                    hooks[n % 2],  # every other report to the other replica
                    json=_update(fake, 1000 + n, lifters[n % LIFTERS], f"3x{5 + n % 8} @ 60kg"),
                    headers=headers,
                )
                for n in range(REPORTS)
            ]
            assert {answer.status for answer in await asyncio.gather(*posts)} == {200}
        # Every report is logged before its confirmation exists; the confirmations themselves
        # trickle out at Telegram's 20 a minute for one group, so the logs are what is counted.
        engine = create_async_engine(async_url(database_url))
        try:
            await eventually(lambda: _all_logged(engine), within=90)
            await asyncio.sleep(3)  # a second copy of any report would be logged by now
            logged = await _logs(engine)
        finally:
            await engine.dispose()
    finally:
        for process in replicas:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        outputs = [await asyncio.wait_for(process.communicate(), 30) for process in replicas]
        await fake.stop()
    assert logged == REPORTS, [err.decode()[-2000:] for _, err in outputs]


async def _all_logged(engine: AsyncEngine) -> bool:
    return await _logs(engine) >= REPORTS


async def _logs(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text("SELECT count(*) FROM logs"))).scalar_one())
