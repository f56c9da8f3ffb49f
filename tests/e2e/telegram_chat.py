"""The fake Telegram group the end-to-end tests talk in."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from adapters.kit.pacing import Limits
from tests.fake_telegram import FakeTelegram

GROUP = -100123
COACH, ANA, BEN = 1, 2, 3
BERLIN = ZoneInfo("Europe/Berlin")
# Settings a subprocess must not inherit from the developer's environment.
OWN_SETTINGS = {"DISCORD_TOKEN", "SPOTTER_DATABASE_URL", "DATABASE_URL"}
# Room for a test's burst; 429s are still waited out.
FAST = Limits(per_chat_burst=1000, per_chat_rate=1000, overall_burst=1000, overall_rate=1000)


class Chat:
    """Talk in the fake group and wait for the bot's answers."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.users = {
            COACH: fake.user(COACH, "Coach"),
            ANA: fake.user(ANA, "Ana"),
            BEN: fake.user(BEN, "Ben"),
        }

    async def say(self, user: int, text: str, **kwargs: object) -> str:
        before = len(self.fake.sent())
        await self.fake.send_text(GROUP, self.users[user], text, **kwargs)  # type: ignore[arg-type]
        return str((await self.fake.wait_for("sendMessage", before + 1))[-1].params["text"])
