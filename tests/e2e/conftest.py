"""Fixtures for end-to-end tests on Telegram: the fake Bot API, a Spotter on SQLite, the adapter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from adapters.telegram.bot import TelegramAdapter
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.settings import Settings
from tests.e2e.telegram_chat import ANA, BEN, BERLIN, COACH, FAST, GROUP, Chat
from tests.fake_telegram import FakeTelegram

__all__ = ["ANA", "BEN"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    server.admins[GROUP] = {COACH}
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Spotter]:
    clock = ManualClock(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))
    spotter = await build_spotter(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'tg.db'}"), clock)
    yield spotter
    await spotter.close()


@pytest.fixture
async def telegram(fake: FakeTelegram, app: Spotter) -> AsyncIterator[TelegramAdapter]:
    adapter = TelegramAdapter(app, fake.token, base_url=fake.base_url, limits=FAST, poll_timeout=1)
    await adapter.start()
    yield adapter
    await adapter.stop()


@pytest.fixture
async def chat(fake: FakeTelegram, telegram: TelegramAdapter) -> Chat:
    return Chat(fake)


@pytest.fixture
async def program(chat: Chat) -> Chat:
    await chat.say(COACH, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await chat.say(BEN, "/join intermediate 60kg")
    return chat
