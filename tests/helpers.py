"""A tiny group chat that drives the Coach directly, for tests of the core."""

from __future__ import annotations

from itertools import count

from bot.coach import Coach
from bot.markup import plain_text
from bot.messages import Address, Incoming, Reply


class GroupChat:
    """People talking in one group; `say` returns the bot's answer as plain text."""

    def __init__(self, coach: Coach, admins: set[str], address: Address | None = None) -> None:
        self.coach = coach
        self.admins = admins
        self.address = address or Address("test", "-1001")
        self._ids = count(1)

    async def replies(self, user: str, text: str) -> list[Reply]:
        incoming = Incoming(
            address=self.address,
            user_id=f"id-{user}",
            user_name=user,
            is_admin=user in self.admins,
            text=text,
            message_id=str(next(self._ids)),
        )
        return await self.coach.handle(incoming)

    async def say(self, user: str, text: str) -> str:
        return "\n".join(plain_text(r.text) for r in await self.replies(user, text))
