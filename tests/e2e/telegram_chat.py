"""The fake Telegram group the end-to-end tests talk in."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from adapters.kit.pacing import Limits
from tests.fake_telegram import Call, FakeTelegram

ROOT = Path(__file__).parents[2]
GROUP = -100123
COACH, ANA, BEN = 1, 2, 3
BERLIN = ZoneInfo("Europe/Berlin")
# Settings a subprocess must not inherit from the developer's environment.
OWN_SETTINGS = {"DISCORD_TOKEN", "SPOTTER_DATABASE_URL", "DATABASE_URL"}
# Each start publishes three command menus (everyone, chat admins, private chats).
MENUS_PER_START = 3
# Room for a test's burst; 429s are still waited out.
FAST = Limits(per_chat_burst=1000, per_chat_rate=1000, overall_burst=1000, overall_rate=1000)


class Chat:
    """Talk in the fake group and wait for the bot's answers."""

    def __init__(self, fake: FakeTelegram, chat_id: int = GROUP) -> None:
        self.fake = fake
        self.chat_id = chat_id
        self.users = {
            COACH: fake.user(COACH, "Coach"),
            ANA: fake.user(ANA, "Ana"),
            BEN: fake.user(BEN, "Ben"),
        }

    async def say(self, user: int, text: str, **kwargs: object) -> str:
        """Say `text` as `user` (`thread=` a forum topic, `reply_to=` a message) and wait for
        the bot's answer."""
        return str((await self.answer(user, text, **kwargs)).params["text"])

    async def answer(self, user: int, text: str, **kwargs: object) -> Call:
        """The bot's sendMessage call answering `text`, to read where it went and its buttons."""
        return (await self.post(user, text, **kwargs))[1]

    async def post(self, user: int, text: str, **kwargs: object) -> tuple[dict[str, Any], Call]:
        """The message as sent (to edit or quote it later) and the bot's answer to it."""
        before = len(self.fake.sent())
        update = await self.fake.send_text(self.chat_id, self.users[user], text, **kwargs)  # type: ignore[arg-type]
        return update["message"], (await self.fake.wait_for("sendMessage", before + 1))[-1]

    async def silence(self, user: int, text: str, **kwargs: object) -> None:
        """Say `text` and check the bot says nothing to it."""
        before = len(self.fake.sent())
        await self.fake.send_text(self.chat_id, self.users[user], text, **kwargs)  # type: ignore[arg-type]
        await self.settle()
        assert self.fake.texts()[before:-1] == [], f"the bot answered {text!r}"

    async def settle(self) -> None:
        """Wait until every update sent to this chat so far is handled: the chat's updates are
        handled in order, so once a question asked now is answered, so is everything before."""
        before = len(self.fake.sent())
        await self.fake.send_text(self.chat_id, self.users[COACH], "/cues")
        (*_, answer) = await self.fake.wait_for("sendMessage", before + 1)
        assert "Coaching cues" in answer.params["text"]


async def spotter_run(
    fake: FakeTelegram, cwd: Path, settings: dict[str, str] | None = None, *, capture: bool = False
) -> asyncio.subprocess.Process:
    """The quickstart's `spotter run` as a process against `fake`, with extra settings
    (`{"SPOTTER_LOG_LEVEL": "DEBUG"}`); its output is piped when `capture`, else discarded."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in OWN_SETTINGS},
        "TELEGRAM_TOKEN": fake.token,
        "TELEGRAM_API_BASE": fake.base_url,
        **(settings or {}),
        "PYTHONPATH": str(ROOT),
    }
    output = asyncio.subprocess.PIPE if capture else asyncio.subprocess.DEVNULL
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "adapters.cli", "run", cwd=cwd, env=env, stdout=output, stderr=output
    )


def webhook_settings(port: int, secret: str) -> dict[str, str]:
    """The settings for webhook mode on 127.0.0.1:`port`, path /telegram."""
    return {
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "TELEGRAM_WEBHOOK_PORT": str(port),
        "TELEGRAM_WEBHOOK_SECRET": secret,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
