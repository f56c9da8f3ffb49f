"""Per-chat order with cross-chat concurrency: one lane per chat, a bounded number at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 16


class Lanes:
    """Run each chat's work in its own task, never two for one chat, at most `concurrency` at once."""

    def __init__(self, concurrency: int = DEFAULT_CONCURRENCY) -> None:
        self._limit = asyncio.Semaphore(concurrency)
        self._busy: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def busy(self, chat: str) -> bool:
        return chat in self._busy

    def start(self, chat: str, work: Callable[[], Awaitable[None]]) -> None:
        """Start `work` for `chat` unless the chat's lane is already running."""
        if chat in self._busy:
            return
        self._busy.add(chat)
        task = asyncio.create_task(self._run(chat, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, chat: str, work: Callable[[], Awaitable[None]]) -> None:
        try:
            async with self._limit:
                await work()
        except Exception:  # one chat's failure must not stop the others
            log.exception("lane for a chat failed")
        finally:
            self._busy.discard(chat)

    async def serve(
        self,
        stop: asyncio.Event,
        wake: asyncio.Event,
        *,
        what: str,
        find_chats: Callable[[], Awaitable[list[str]]],
        drain: Callable[[str], Awaitable[None]],
        ready: Callable[[str], bool] = lambda _chat: True,
        poll: float = 0.5,
        max_backoff: float = 30.0,
    ) -> None:
        """Until `stop`: every `poll` seconds (or on `wake`), start a lane draining each chat
        `find_chats` names that is `ready`; a failing lookup backs off up to `max_backoff`."""
        backoff = poll
        while not stop.is_set():
            try:
                chats = await find_chats()
                backoff = poll
            except Exception as exc:
                log.warning("%s unreadable (%s); retrying in %.0f s", what, type(exc).__name__, backoff)
                await wait_or_stop(stop, wake, backoff)
                backoff = min(backoff * 2, max_backoff)
                continue
            for chat in chats:
                if ready(chat):
                    self.start(chat, lambda chat=chat: drain(chat))  # type: ignore[misc]
            await wait_or_stop(stop, wake, poll)

    async def close(self, grace: float) -> None:
        """Let running lanes finish for up to `grace` seconds, then cancel the rest."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def wait_or_stop(stop: asyncio.Event, wake: asyncio.Event, seconds: float) -> None:
    """Sleep until `seconds` pass, `wake` is set (then clear it) or `stop` is set."""
    waiters = {asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())}
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
    wake.clear()
