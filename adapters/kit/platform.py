"""What a chat platform implements for the kit; everything else is shared."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from bot.messages import Address, Incoming, Reply, SentRef

# Adapter-owned facts about an update that the core never reads but a reply may need (the
# message to answer, the button tap to acknowledge, whether the chat is private), kept as JSON.
Context = Mapping[str, Any]


class Platform(Protocol):
    """One chat platform, as the kit drives it.

    `send` raises `Forbidden`, `RetryAfter`, `TransientError` or `Undeliverable` (one error
    table per platform maps its library's errors to these).
    """

    name: str

    async def send(self, to: Address, reply: Reply, context: Context) -> SentRef | None: ...

    async def is_admin(self, incoming: Incoming, context: Context) -> bool:
        """Whether the sender may run admin commands here; raises DeliveryError when unsure."""
        ...

    def acknowledges_taps(self) -> bool:
        """Whether a tap needs an answer even when the core has nothing private to say."""
        ...
