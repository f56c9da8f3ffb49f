"""SQLite run on the event loop's own thread: a sync session behind the async session's methods.

With aiosqlite every statement is four trips to a worker thread and back (cursor, execute,
fetch, close), each one a thread switch, a wake-up of the event loop and a greenlet switch;
on this machine that was most of a message's database time, while SQLite itself answers an
indexed lookup in microseconds. Spotter's SQLite transactions already take turns (one writer
at a time) and never wait on anything but the database inside one, so running them inline
costs the loop no concurrency it had. PostgreSQL keeps the async driver: its round trips are
real network waits worth overlapping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Engine, Result
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

T = TypeVar("T")


class InlineSession:
    """The part of `AsyncSession` Spotter uses, answered at once by a sync `Session`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    async def execute(
        self, statement: Executable, params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None
    ) -> Result[*tuple[Any, ...]]:
        return self._session.execute(statement, params)

    async def get(self, entity: type[T], ident: Any) -> T | None:
        return self._session.get(entity, ident)

    async def flush(self) -> None:
        self._session.flush()

    async def delete(self, instance: object) -> None:
        self._session.delete(instance)

    def add(self, instance: object) -> None:
        self._session.add(instance)

    def get_bind(self) -> Engine:
        bind = self._session.get_bind()
        assert isinstance(bind, Engine)
        return bind
