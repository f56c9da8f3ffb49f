"""One `Outbox` for scheduled pushes that sends through the platform of each address."""

from __future__ import annotations

from collections.abc import Mapping

from adapters.kit.platform import Platform
from bot.messages import Address, Reply, SentRef, Undeliverable


class OutboxRouter:
    """Pushes for `telegram:…` go to Telegram, `discord:…` to Discord; one process serves all."""

    def __init__(self, platforms: Mapping[str, Platform]) -> None:
        self.platforms = platforms

    async def send(self, to: Address, reply: Reply) -> SentRef:
        platform = self.platforms.get(to.platform)
        if platform is None:
            raise Undeliverable(f"no adapter for {to.platform} in this process")
        sent = await platform.send(to, reply, {})
        return sent or SentRef(to, "")
