"""One `Outbox` for scheduled pushes that sends through the platform of each address."""

from __future__ import annotations

from collections.abc import Mapping

from adapters.kit.pacing import Pacer
from adapters.kit.platform import Platform
from bot.messages import Address, Reply, SentRef, Undeliverable


class OutboxRouter:
    """Pushes for `telegram:…` go to Telegram, `discord:…` to Discord; one process serves all."""

    def __init__(self, platforms: Mapping[str, Platform], pacers: Mapping[str, Pacer] | None = None) -> None:
        self.platforms = platforms
        # The platform's pacer, shared with its reply sender: pushes are paced as bulk sends.
        self.pacers = pacers or {}

    async def send(self, to: Address, reply: Reply) -> SentRef:
        platform = self.platforms.get(to.platform)
        if platform is None:
            raise Undeliverable(f"no adapter for {to.platform} in this process")
        pacer = self.pacers.get(to.platform)
        turn = await pacer.wait_turn(str(to.chat), bulk=True) if pacer is not None else None
        try:
            sent = await platform.send(to, reply, {})
        finally:
            if turn is not None:
                turn.done()
        return sent or SentRef(to, "")
