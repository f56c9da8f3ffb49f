"""Writing updates to the inbox with group commit: updates that arrive one at a time (Discord's
gateway events) share one transaction with whatever arrived while the previous write ran.

`put` returns once the update is durable, so an adapter acknowledges only what is stored; a
failed write fails every update of its batch, and each caller decides what that means (an
interaction is left unanswered, so its user sees it failed).
"""

from __future__ import annotations

import asyncio

from bot.store.repository import Store
from bot.store.tables import InboxRow


class InboxWriter:
    def __init__(self, store: Store, written: asyncio.Event) -> None:
        self.store = store
        self.written = written  # set after each batch, to wake the dispatcher
        self._waiting: list[tuple[InboxRow, asyncio.Future[None]]] = []
        self._writing = False

    async def put(self, row: InboxRow) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((row, done))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write_all())
        await done

    async def _write(self, rows: list[InboxRow]) -> None:
        await self.store.run(lambda tx: tx.inbox_put(rows))

    async def _write_all(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                try:
                    await self._write([row for row, _ in batch])
                except Exception as exc:
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc)
                    continue
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)
                self.written.set()
        finally:
            self._writing = False
