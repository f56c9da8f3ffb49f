"""`/forget` over the real Telegram client: afterwards no row in any table mentions the person,
on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from adapters.telegram.bot import TelegramAdapter
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.settings import Settings
from tests.e2e.telegram_chat import BERLIN, COACH, GROUP, Chat
from tests.fake_telegram import FakeTelegram

ZOE_ID, ZOE_NAME = 987654321, "Zoëtrope"


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[Spotter]:
    """The e2e Spotter on SQLite and on PostgreSQL (the conftest's adapter fixtures use it)."""
    spotter = await build_spotter(
        Settings(database_url=database_url), ManualClock(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))
    )
    yield spotter
    await spotter.close()


async def _rows_mentioning(app: Spotter, *needles: str) -> list[str]:
    found = []
    async with app.store.transaction() as tx:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await tx.session.execute(select(table))).all():
                text = repr(tuple(row))
                found += [f"{table.name}: {text[:120]}" for needle in needles if needle in text]
    return found


async def test_after_forget_no_table_holds_a_row_about_the_person(
    fake: FakeTelegram, telegram: TelegramAdapter, app: Spotter
) -> None:
    chat = Chat(fake)
    zoe = fake.user(ZOE_ID, ZOE_NAME)
    chat.users[ZOE_ID] = zoe
    await chat.say(COACH, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await chat.say(ZOE_ID, "/join intermediate 60kg")
    await chat.say(ZOE_ID, "3x8 @ 60kg, knee hurts a bit")
    await chat.say(ZOE_ID, "/private on")
    bot_message = fake.message_object(fake.sent()[-1], 4242)
    await chat.say(ZOE_ID, "skipping", reply_to=bot_message)
    await chat.say(COACH, "/bump")
    await chat.settle()
    assert await _rows_mentioning(app, str(ZOE_ID), ZOE_NAME)  # the scene did leave traces
    prompt = await chat.answer(ZOE_ID, "/forget")
    confirm = prompt.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    before = len(fake.sent())
    await fake.tap(GROUP, zoe, confirm, fake.message_object(prompt, 4343))
    (*_, done) = await fake.wait_for("sendMessage", before + 1)
    assert "Spotter forgot you" in done.params["text"]
    await chat.settle()
    assert await _rows_mentioning(app, str(ZOE_ID), ZOE_NAME) == []
