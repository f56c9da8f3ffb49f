"""Shared fixtures: databases (SQLite always, PostgreSQL when reachable), clocks and a group chat."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.settings import Settings
from tests.helpers import GroupChat

POSTGRES_URL = os.environ.get(
    "SPOTTER_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
BERLIN = ZoneInfo("Europe/Berlin")


def _asyncpg_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _postgres_problem() -> str | None:
    try:
        connection = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {exc!r}"
    await connection.close()
    return None


@pytest.fixture(scope="session")
def postgres_problem() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can (checked once per run)."""
    return asyncio.run(_postgres_problem())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_problem: str | None
) -> Iterator[str]:
    """A fresh, empty database per test: a SQLite file, and a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'spotter.db'}"
        return
    if postgres_problem:
        pytest.skip(postgres_problem)
    name = f"spotter_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_sql(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin_sql(statement: str) -> None:
    connection = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture
def clock() -> ManualClock:
    """Monday 7 December 2026, 09:00 in Berlin: a training day for the usual test program."""
    return ManualClock(datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN))


@pytest.fixture
async def spotter(database_url: str, clock: ManualClock) -> AsyncIterator[Spotter]:
    app = await build_spotter(Settings(database_url=database_url), clock)
    try:
        yield app
    finally:
        await app.close()


@pytest.fixture
def chat(spotter: Spotter) -> GroupChat:
    return GroupChat(spotter.coach, admins={"coach"})


@pytest.fixture
async def berlin_group(chat: GroupChat) -> GroupChat:
    """A hypertrophy group training Mon/Thu 18:30 in Berlin, with no members yet."""
    answer = await chat.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    assert "Program set" in answer
    return chat
