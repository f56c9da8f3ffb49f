"""python-telegram-bot on Spotter's aiohttp request: what the library's own httpx request does."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut

from adapters.telegram.request import AiohttpRequest
from tests.e2e.telegram_chat import GROUP, free_port
from tests.fake_telegram import FakeTelegram


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    bot = Bot(fake.token, base_url=f"{fake.base_url}/bot", request=AiohttpRequest())
    await bot.initialize()
    yield bot
    await bot.shutdown()


async def test_a_message_with_a_keyboard_reaches_telegram_with_every_field(
    bot: Bot, fake: FakeTelegram
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Undo", callback_data="undo:1")]])
    sent = await bot.send_message(GROUP, "<b>3×10</b> @ 60 kg", parse_mode="HTML", reply_markup=markup)
    call = fake.sent()[-1]
    assert call.params["text"] == "<b>3×10</b> @ 60 kg"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Undo", "callback_data": "undo:1"}]]}
    assert sent.chat_id == GROUP


async def test_a_document_goes_up_as_multipart_with_its_name(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_document(GROUP, document=b"Date,Reps\n2026-12-07,10\n", filename="history.csv")
    params = fake.sent("sendDocument")[-1].params
    assert params["document"] == {
        "filename": "history.csv",
        "size": 24,
        "data": b"Date,Reps\n2026-12-07,10\n",
    }
    assert int(params["chat_id"]) == GROUP


async def test_a_server_that_does_not_answer_in_time_raises_timed_out() -> None:
    async def silent(_request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="{}")

    app = web.Application()
    app.router.add_post("/{path:.*}", silent)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.post(f"http://127.0.0.1:{port}/botX/getMe", read_timeout=0.2)
    finally:
        await request.shutdown()
        await runner.cleanup()


async def test_a_refused_connection_raises_network_error() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.post(f"http://127.0.0.1:{port}/botX/getMe")
        assert not isinstance(raised.value, TimedOut)
    finally:
        await request.shutdown()
