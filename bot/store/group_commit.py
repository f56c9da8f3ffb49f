"""Group commit on SQLite: the transactions of many chats ready at once share one commit.

On SQLite a commit is an `fsync` of the write-ahead log, about a tenth of an update's work
here. Works that arrive in the same turn of the event loop (the dispatcher's lanes of other
chats, the sender's outcomes) run one after another inside one transaction, each in a
savepoint of its own: one that fails rolls back alone and gets its exception, as it would in a
transaction of its own, and nobody's work is confirmed before the shared commit succeeded.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.store.inline import InlineSession

log = logging.getLogger(__name__)

Work = Callable[[Any], Awaitable[Any]]


@dataclass
class _Queued:
    work: Work
    done: asyncio.Future[Any] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class GroupCommit:
    """Run works in shared transactions, taking turns with `lock` (the store's one writer)."""

    def __init__(
        self, sessions: sessionmaker[Session], lock: asyncio.Lock, make_tx: Callable[[InlineSession], Any]
    ) -> None:
        self._sessions = sessions
        self._lock = lock
        self._make_tx = make_tx
        self._queue: list[_Queued] = []
        self._leader: asyncio.Task[None] | None = None

    async def run(self, work: Work, attempts: int) -> Any:
        """`work`'s result once the transaction it ran in committed; its exception if it failed
        (a unique-key race is run again, up to `attempts` times in all). The batches run in a
        task of their own, so a caller that stops waiting leaves nobody else's work stranded."""
        queued = _Queued(work)
        self._queue.append(queued)
        if self._leader is None or self._leader.done():
            self._leader = asyncio.create_task(self._lead(attempts))
        return await queued.done

    async def close(self) -> None:
        """Let the batch under way finish."""
        if self._leader is not None and not self._leader.done():
            await asyncio.wait({self._leader})

    async def _lead(self, attempts: int) -> None:
        await asyncio.sleep(0)  # the other lanes ready in this turn join the batch
        while self._queue:
            batch, self._queue = self._queue, []
            await self._commit(batch, attempts)

    async def _commit(self, batch: list[_Queued], attempts: int) -> None:
        outcomes: list[tuple[_Queued, Any, BaseException | None]] = []
        try:
            async with self._lock:
                with self._sessions() as session, session.begin():
                    tx = self._make_tx(InlineSession(session))
                    for queued in batch:
                        if queued.done.cancelled():  # its caller stopped waiting before it ran
                            continue
                        outcomes.append((queued, *await self._one(session, tx, queued.work, attempts)))
        except BaseException as exc:  # the commit (or the batch) failed: nothing of it is kept
            for queued in batch:
                if not queued.done.done():
                    queued.done.set_exception(exc if isinstance(exc, Exception) else RuntimeError(repr(exc)))
            if not isinstance(exc, Exception):
                raise
            return
        for queued, result, error in outcomes:
            if queued.done.cancelled():  # stopped waiting while it ran: committed all the same
                continue
            if error is None:
                queued.done.set_result(result)
            else:
                queued.done.set_exception(error)

    @staticmethod
    async def _one(session: Session, tx: Any, work: Work, attempts: int) -> tuple[Any, Exception | None]:
        for attempt in range(1, attempts + 1):
            try:
                with session.begin_nested():
                    return await work(tx), None
            except IntegrityError as exc:
                if attempt == attempts:
                    return None, exc
                log.info("unique-key race; retrying the work once")
            except Exception as exc:  # this work's own failure: its savepoint is rolled back
                return None, exc
        raise AssertionError("unreachable")
