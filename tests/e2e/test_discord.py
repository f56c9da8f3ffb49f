"""The real discord.py client, over real HTTP and a real websocket, against a fake Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.bot import DiscordAdapter
from adapters.kit.pacing import Limits
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.settings import Settings
from tests.e2e.telegram_chat import BERLIN
from tests.fake_discord import CHANNEL, FakeDiscord

FAST = Limits(per_chat_burst=1000, per_chat_rate=1000, overall_burst=1000, overall_rate=1000)
COACH = FakeDiscord.user(11, "Coach")
ANA = FakeDiscord.user(12, "Ana")
BEN = FakeDiscord.user(13, "Ben")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Spotter]:
    clock = ManualClock(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))
    spotter = await build_spotter(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'dc.db'}"), clock)
    yield spotter
    await spotter.close()


@pytest.fixture
async def discord_bot(fake: FakeDiscord, app: Spotter) -> AsyncIterator[DiscordAdapter]:
    adapter = DiscordAdapter(app, fake.token, api_base=fake.api_base, gateway_url=fake.gateway_url, limits=FAST)
    await adapter.start()
    yield adapter
    await adapter.stop()


async def answer(fake: FakeDiscord, user: dict[str, Any], name: str, options: dict[str, str] | None = None, *, admin: bool = False) -> str:
    """Run a slash command and return what the bot answered (channel message or ephemeral)."""
    before = len(fake.calls)
    await fake.command(user, name, options, admin=admin)
    await _until_answered(fake, before)
    return _answer_text(fake, before)


async def test_start_up_registers_the_slash_commands(fake: FakeDiscord, discord_bot: DiscordAdapter) -> None:
    (put,) = fake.sent("PUT", "/commands")
    names = {c["name"] for c in put.body}
    assert {"setup", "join", "today", "log", "undo"} <= names


async def test_setup_then_today(fake: FakeDiscord, discord_bot: DiscordAdapter) -> None:
    assert "Program set" in await answer(fake, COACH, "setup", {"goal": "hypertrophy", "days": "mon,thu", "time": "18:30", "tz": "Europe/Berlin"}, admin=True)
    assert "Welcome" in await answer(fake, BEN, "join", {"level": "intermediate", "load": "60kg"})
    today = await answer(fake, ANA, "today")
    assert "Ben" in today


async def _until_answered(fake: FakeDiscord, before: int, within: float = 10.0) -> None:
    import asyncio

    async def poll() -> None:
        while not any(_is_answer(c) for c in fake.calls[before:]):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), within)


def _is_answer(call: Any) -> bool:
    return (call.method == "POST" and "/messages" in call.path and "/channels/" in call.path) or (
        call.method == "PATCH" and "@original" in call.path
    )


def _answer_text(fake: FakeDiscord, before: int) -> str:
    return "\n".join(FakeDiscord.text_of(c.body) for c in fake.calls[before:] if _is_answer(c))
