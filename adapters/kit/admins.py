"""Admin lookups: asked only for admin commands, cached, and honest when they fail."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from bot.messages import Address

ADMIN_TTL_S = 300.0

Lookup = Callable[[Address], Awaitable[frozenset[str]]]


class AdminCache:
    """The user ids of each chat's admins, fetched at most every `ttl` seconds per chat.

    A failed lookup raises to the caller (who answers "try again in a minute") and is not
    cached, so the next admin command asks again.
    """

    def __init__(self, lookup: Lookup, ttl: float = ADMIN_TTL_S) -> None:
        self._lookup = lookup
        self._ttl = ttl
        self._cache: dict[str, tuple[float, frozenset[str]]] = {}

    async def admins(self, chat: Address) -> frozenset[str]:
        key = f"{chat.platform}:{chat.chat_id}"
        cached = self._cache.get(key)
        if cached is None or cached[0] < time.monotonic():
            cached = (time.monotonic() + self._ttl, await self._lookup(chat))
            self._cache[key] = cached
        return cached[1]
