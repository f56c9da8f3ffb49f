"""`/healthz` and `/metrics` over real HTTP, beside the real Telegram adapter on the fake."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from prometheus_client import REGISTRY

from adapters.ops import Ops
from adapters.telegram.bot import TelegramAdapter
from bot.app import Spotter
from tests.e2e.telegram_chat import BEN, Chat


@pytest.fixture
async def ops(app: Spotter, telegram: TelegramAdapter) -> AsyncIterator[Ops]:
    server = Ops(app.store, [telegram], lambda: False)
    await server.start("127.0.0.1", 0)
    yield server
    await server.stop()


async def _get(ops: Ops, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{ops.port}{path}") as response,
    ):
        return response.status, await response.text()


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_healthz_says_the_database_platforms_and_scheduler_are_fine(ops: Ops, chat: Chat) -> None:
    await chat.settle()  # a poll was answered
    status, body = await _get(ops, "/healthz")
    assert status == 200
    assert '"database": "ok"' in body
    assert '"telegram": "connected"' in body
    assert '"scheduler": "standby"' in body


async def test_healthz_is_503_when_a_platform_is_gone(
    ops: Ops, telegram: TelegramAdapter, chat: Chat
) -> None:
    await chat.settle()
    await telegram.stop()
    status, body = await _get(ops, "/healthz")
    assert status == 503
    assert '"telegram": "disconnected"' in body


async def test_handling_an_update_moves_the_metrics(ops: Ops, program: Chat) -> None:
    handled = _sample("spotter_updates_handled_total", platform="telegram", outcome="answered")
    timed = _sample("spotter_reply_latency_seconds_count", platform="telegram")
    failures = _sample("spotter_parse_failures_total")
    await program.say(BEN, "3x10 @ 60kg")
    await program.say(BEN, "/log 3x")  # unreadable: refused, and counted
    await program.settle()
    status, text = await _get(ops, "/metrics")
    assert status == 200
    assert _sample("spotter_updates_handled_total", platform="telegram", outcome="answered") >= handled + 2
    assert _sample("spotter_reply_latency_seconds_count", platform="telegram") >= timed + 2
    assert _sample("spotter_parse_failures_total") == failures + 1
    assert "spotter_inbox_pending" in text
    assert "spotter_outbox_pending" in text
