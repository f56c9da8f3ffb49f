"""Shared fixtures: databases (SQLite always, PostgreSQL when reachable), clocks and a group chat."""

from __future__ import annotations

import asyncio
import os
import shutil
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
from bot.store.database import create_engine, migrate
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


_BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Databases migrated once per run, copied for each test: running every migration for
    every test (on two stores) was minutes of the suite. Made on first use, per backend."""
    made: dict[str, str] = {}
    yield made
    if "postgres" in made:
        asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{made["postgres"]}" WITH (FORCE)'))


def _template(templates: dict[str, str], backend: str, folder: Path) -> str:
    if backend not in templates:
        if backend == "sqlite":
            path = folder / "template.db"
            asyncio.run(_migrated(f"sqlite+aiosqlite:///{path}"))
            templates[backend] = str(path)
        else:
            name = f"spotter_template_{uuid.uuid4().hex[:12]}"
            asyncio.run(_admin_sql(f'CREATE DATABASE "{name}"'))
            asyncio.run(
                _migrated(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
            )
            templates[backend] = name
    return templates[backend]


async def _migrated(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()  # no connection left: SQLite's WAL folds in, PostgreSQL can copy it


@pytest.fixture(params=_BACKENDS)
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_problem: str | None,
    templates: dict[str, str],
) -> Iterator[str]:
    """A fresh database per test with the newest schema and no rows: a SQLite file, and a new
    PostgreSQL database, each a copy of one migrated once per run."""
    if request.param == "postgres" and postgres_problem:
        pytest.skip(postgres_problem)
    template = _template(templates, request.param, tmp_path_factory.getbasetemp())
    if request.param == "sqlite":
        shutil.copy(template, tmp_path / "spotter.db")
        yield f"sqlite+aiosqlite:///{tmp_path / 'spotter.db'}"
        return
    yield from _postgres_database(f'TEMPLATE "{template}"')


@pytest.fixture(params=_BACKENDS)
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_problem: str | None
) -> Iterator[str]:
    """A fresh, empty database (no schema at all), for tests of the migrations themselves."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    if postgres_problem:
        pytest.skip(postgres_problem)
    yield from _postgres_database("")


def _postgres_database(options: str) -> Iterator[str]:
    name = f"spotter_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_sql(f'CREATE DATABASE "{name}" {options}'.strip()))
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
