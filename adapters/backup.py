"""`spotter backup` and `spotter restore`: a consistent copy of the database and back.

SQLite: SQLite's own online backup (the `sqlite3` module's `Connection.backup`), which copies a
consistent snapshot page by page while Spotter keeps running and writing. PostgreSQL: its own
tools do this better than any copy Spotter could make (a consistent snapshot of a live server,
compressed, restorable in parallel), so Spotter prints the `pg_dump` / `pg_restore` commands.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.store.database import async_url


class BackupError(Exception):
    """What to do instead (PostgreSQL), or why the copy cannot be made."""


def backup(database_url: str, target: Path) -> int:
    """Copy the database at `database_url` into the new file `target`; the pages copied."""
    source = _sqlite_file(database_url, "backup", target)
    if target.exists():
        raise BackupError(f"{target} exists already; pick a new file name")
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
        return int(copy.execute("PRAGMA page_count").fetchone()[0])


def restore(backup_file: Path, database_url: str) -> None:
    """Copy a backup into the database at `database_url`, which must hold no program yet."""
    target = _sqlite_file(database_url, "restore", backup_file)
    if not backup_file.is_file():
        raise BackupError(f"no backup file at {backup_file}")
    if target.exists() and _holds_programs(target):
        raise BackupError(f"{target} already holds programs; restore into a new, empty database")
    with sqlite3.connect(backup_file) as saved, sqlite3.connect(target) as live:
        saved.backup(live)


def _holds_programs(path: Path) -> bool:
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return "groups" in tables and db.execute("SELECT count(*) FROM groups").fetchone()[0] > 0


def _sqlite_file(database_url: str, verb: str, file: Path) -> Path:
    url = make_url(async_url(database_url))
    if url.get_backend_name() == "postgresql":
        plain = url.set(drivername="postgresql").render_as_string(hide_password=True)
        if verb == "backup":
            command = f"pg_dump --format=custom --file {file} '{plain}'"
        else:
            command = f"pg_restore --clean --if-exists --no-owner --dbname '{plain}' {file}"
        raise BackupError(f"on PostgreSQL use its own tool: {command}")
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(f"cannot {verb} {url.render_as_string(hide_password=True)}: not a SQLite file")
    return Path(url.database)
