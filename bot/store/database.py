"""Engine creation and schema migration, the only code that knows which database it talks to."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, event
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# PostgreSQL advisory lock taken while migrating: two replicas started at once would otherwise
# both create the schema, and one would fail on the other's tables.
MIGRATION_LOCK = 0x5350_4D47  # "SPMG"

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}


def async_url(url: str) -> str:
    """Accept the URLs people paste (`postgres://…`, `sqlite:///x.db`) and pick the async driver."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    driver = _DRIVERS.get(parsed.drivername)
    return (
        parsed.set(drivername=driver).render_as_string(hide_password=False)
        if driver
        else str(parsed.render_as_string(hide_password=False))
    )


def create_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite connections get WAL, foreign keys and a busy timeout.

    Statement parameters are hidden from error messages (they hold member names and notes), and
    a new SQLite file is created readable by its owner only (SQLite gives its WAL and shared
    memory files the same mode).
    """
    engine = create_async_engine(async_url(url), hide_parameters=True)
    if engine.dialect.name == "sqlite":
        _create_private_file(engine.url.database)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def create_inline_engine(engine: AsyncEngine) -> Engine | None:
    """A sync engine on the same SQLite file as `engine`, for transactions run on the event
    loop's thread (see `bot.store.inline`); None for any other database."""
    if engine.dialect.name != "sqlite":
        return None
    inline = create_sync_engine(engine.url.set(drivername="sqlite+spotter_inline"), hide_parameters=True)
    event.listen(inline, "connect", _sqlite_pragmas)
    # Savepoints (group commit) need SQLite's own transactions, not the sqlite3 module's: it
    # begins one only before a write, so a savepoint would open one of its own instead.
    event.listen(inline, "connect", _no_driver_transactions)
    event.listen(inline, "begin", _begin)
    return inline


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """pysqlite with savepoints sent as plain SQL to the driver's connection.

    SQLAlchemy compiles every `SAVEPOINT` anew (each has a new name, so none is ever cached):
    180 µs a savepoint and its release against 50 µs, and group commit takes one per update.
    The names are SQLAlchemy's own (`sa_savepoint_N`), never user input.
    """

    supports_statement_cache = True  # a subclass must say so, or nothing it runs is cached

    def do_savepoint(self, connection: Connection, name: str) -> None:
        _driver(connection).execute(f"SAVEPOINT {name}")

    def do_release_savepoint(self, connection: Connection, name: str) -> None:
        _driver(connection).execute(f"RELEASE SAVEPOINT {name}")

    def do_rollback_to_savepoint(self, connection: Connection, name: str) -> None:
        _driver(connection).execute(f"ROLLBACK TO SAVEPOINT {name}")


registry.register("sqlite.spotter_inline", __name__, InlineSQLiteDialect.__name__)


def _driver(connection: Connection) -> Any:
    return connection.connection.dbapi_connection


def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _create_private_file(database: str | None) -> None:
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest migration; safe to call on every start-up.

    On PostgreSQL, processes migrating at once take turns on an advisory lock; the second finds
    the schema up to date. On SQLite, foreign keys are off while migrating: a batch migration
    rebuilds a table by dropping and renaming it, and with them on, dropping `members` would
    cascade into every log. They are checked once the migration committed, and switched back on."""
    sqlite = engine.dialect.name == "sqlite"
    async with engine.connect() as connection:
        if sqlite:  # outside any transaction: SQLite ignores this pragma inside one
            await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await connection.commit()
        try:
            async with connection.begin():
                if not sqlite:  # replicas starting together take turns (the lock ends with the commit)
                    await connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                await connection.run_sync(_upgrade)
            if sqlite:
                broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                await connection.commit()
                if broken:
                    raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
        finally:
            if sqlite:
                await connection.rollback()
                await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                await connection.commit()


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
