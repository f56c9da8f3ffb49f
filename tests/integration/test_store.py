from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from bot.app import Spotter
from bot.domain import Goal, Level, Unit
from bot.messages import Address
from bot.store.database import create_engine, migrate
from bot.store.repository import Store, Tx
from bot.store.tables import GroupRow, MemberRow, TrackRow
from tests.lifts import HT

DISCORD_CHANNEL = Address("discord", "1234567890123456789")
HEAD = "0014"


def _group(spotter: Spotter, address: Address) -> GroupRow:
    return _group_row(spotter.clock.now(), address)


def _group_row(
    now: datetime = datetime(2026, 12, 7, tzinfo=UTC), address: Address = DISCORD_CHANNEL
) -> GroupRow:
    group = GroupRow(
        address=str(address),
        goal=Goal.STRENGTH,
        weekdays="",
        start=time(7, 15),
        timezone="Asia/Kolkata",
        sets=4,
        max_sets=5,
        created_at=now,
        updated_at=now,
    )
    group.set_weekdays((0, 2, 4))
    return group


def _member(spotter: Spotter, group: GroupRow, user_id: str) -> MemberRow:
    return MemberRow(
        group_id=group.pk,
        user_id=user_id,
        name="Zoë",
        level=Level.ADVANCED,
        unit=Unit.LB,
        joined_at=spotter.clock.now(),
    )


def _schema_snapshot(connection: Connection) -> dict[str, object]:
    """Every table's columns, indexes and unique constraints, as comparable plain data."""
    inspector = inspect(connection)
    return {
        table: (
            [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
            sorted(str(i) for i in inspector.get_indexes(table)),
            sorted(str(u) for u in inspector.get_unique_constraints(table)),
        )
        for table in sorted(inspector.get_table_names())
    }


def _schema_drift(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), SQLModel.metadata))


async def test_the_migrations_build_exactly_the_schema_the_models_describe(spotter: Spotter) -> None:
    async with spotter.store.engine.connect() as connection:
        assert await connection.run_sync(_schema_drift) == []


async def test_migrating_again_is_a_no_op(empty_database_url: str) -> None:
    """A second start-up on a migrated database changes neither the schema nor the rows."""
    engine = create_engine(empty_database_url)
    try:
        await migrate(engine)
        store = Store(engine)
        async with store.transaction() as tx:
            await tx.add(_group_row())
        async with engine.connect() as connection:
            schema_before = await connection.run_sync(_schema_snapshot)
        await migrate(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_schema_snapshot) == schema_before
            assert (await connection.execute(text("SELECT count(*) FROM groups"))).scalar_one() == 1
            assert (
                await connection.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar_one() == HEAD
    finally:
        await engine.dispose()


async def test_a_group_and_its_member_round_trip_with_enums_times_and_big_ids(spotter: Spotter) -> None:
    async with spotter.store.transaction() as tx:
        group = _group(spotter, DISCORD_CHANNEL)
        await tx.add(group)
        member = _member(spotter, group, "123456789012345678901")
        await tx.add(member)
        await tx.add(
            TrackRow(
                member_id=member.pk, exercise="hip-thrust", variation=HT.SINGLE_LEG.id, sets=4, target_reps=3
            )
        )
    async with spotter.store.transaction() as tx:
        loaded = await tx.group(Address.parse(str(DISCORD_CHANNEL)))
        assert loaded is not None
        assert loaded.schedule().weekdays == (0, 2, 4)
        assert (loaded.goal, loaded.start, loaded.timezone) == (Goal.STRENGTH, time(7, 15), "Asia/Kolkata")
        (member,) = await tx.members(loaded)
        assert (member.user_id, member.name, member.unit) == ("123456789012345678901", "Zoë", Unit.LB)
        (track,) = await tx.tracks(member)
        assert (track.exercise, track.variation, track.sets) == ("hip-thrust", HT.SINGLE_LEG.id, 4)
        assert member.joined_at == spotter.clock.now()


async def test_a_group_and_one_member_load_together_and_a_stranger_gets_the_group_alone(
    spotter: Spotter,
) -> None:
    other = Address("discord", "42")
    async with spotter.store.transaction() as tx:
        group, elsewhere = _group(spotter, DISCORD_CHANNEL), _group(spotter, other)
        await tx.add(group)
        await tx.add(elsewhere)
        await tx.add(_member(spotter, group, "u1"))
        await tx.add(_member(spotter, elsewhere, "u2"))
    async with spotter.store.transaction() as tx:
        found, member = await tx.group_and_member(DISCORD_CHANNEL, "u1")
        assert found is not None
        assert member is not None
        assert (found.address, member.user_id) == (str(DISCORD_CHANNEL), "u1")
        found, stranger = await tx.group_and_member(DISCORD_CHANNEL, "u2")  # a member elsewhere only
        assert found is not None
        assert found.address == str(DISCORD_CHANNEL)
        assert stranger is None
        assert await tx.group_and_member(Address("discord", "7"), "u1") == (None, None)


async def test_one_person_is_one_member_per_group(spotter: Spotter) -> None:
    with pytest.raises(IntegrityError):
        async with spotter.store.transaction() as tx:
            group = _group(spotter, DISCORD_CHANNEL)
            await tx.add(group)
            await tx.add(_member(spotter, group, "u1"))
            await tx.add(_member(spotter, group, "u1"))


async def test_a_failed_transaction_leaves_nothing_behind(spotter: Spotter) -> None:
    with pytest.raises(RuntimeError):
        async with spotter.store.transaction() as tx:
            await tx.add(_group(spotter, DISCORD_CHANNEL))
            raise RuntimeError("crash mid-write")
    async with spotter.store.transaction() as tx:
        assert await tx.group(DISCORD_CHANNEL) is None


async def test_works_run_at_once_each_keep_or_lose_only_their_own_writes(spotter: Spotter) -> None:
    """On SQLite they share one commit (group commit); a failing one must still undo only itself."""
    addresses = [Address("telegram", str(-100 - n)) for n in range(6)]

    def writer(address: Address, fail: bool) -> Callable[[Tx], Awaitable[str]]:
        async def write(tx: Tx) -> str:
            await tx.add(_group(spotter, address))
            if fail:
                raise RuntimeError("this chat's handler crashed")
            return address.chat_id

        return write

    works = [writer(a, n % 3 == 1) for n, a in enumerate(addresses)]
    results = await asyncio.gather(*(spotter.store.run(w) for w in works), return_exceptions=True)
    assert [n for n, r in enumerate(results) if isinstance(r, RuntimeError)] == [1, 4]
    assert [r for r in results if not isinstance(r, BaseException)] == ["-100", "-102", "-103", "-105"]
    kept = await spotter.store.run(_addresses)
    assert kept == {str(addresses[n]) for n in (0, 2, 3, 5)}


async def test_a_duplicate_among_works_run_at_once_fails_alone(spotter: Spotter) -> None:
    def joiner(user_id: str) -> Callable[[Tx], Awaitable[str]]:
        async def join(tx: Tx) -> str:
            group = await tx.group(DISCORD_CHANNEL)
            assert group is not None
            await tx.add(_member(spotter, group, user_id))
            return user_id

        return join

    await spotter.store.run(lambda tx: tx.add(_group(spotter, DISCORD_CHANNEL)))
    works = [joiner(u) for u in ("a", "a", "b")]
    results = await asyncio.gather(*(spotter.store.run(w) for w in works), return_exceptions=True)
    assert results[0] == "a"
    assert results[2] == "b"
    assert isinstance(results[1], IntegrityError)
    assert await spotter.store.run(_member_ids) == ["a", "b"]


async def _addresses(tx: Tx) -> set[str]:
    return {group.address for group in await tx.groups()}


async def _member_ids(tx: Tx) -> list[str]:
    group = await tx.group(DISCORD_CHANNEL)
    assert group is not None
    return [member.user_id for member in await tx.members(group)]


async def test_upgrading_an_older_schema_keeps_its_rows(empty_database_url: str) -> None:
    """Data written under migration 0002 survives the upgrade to the newest schema."""
    from alembic import command
    from sqlalchemy import text

    from bot.store.database import alembic_config

    def upgrade_to(connection: Connection, revision: str) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0002")
            await connection.execute(
                text(
                    "INSERT INTO groups (address, goal, weekdays, start, timezone, sets, reminder_lead_min,"
                    " warmup_lead_min, paused, created_at, updated_at) VALUES ('test:1', 'strength', '0',"
                    " '07:00:00', 'UTC', 4, 60, 10, false, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
        await migrate(engine)
        async with engine.connect() as connection:
            row = (await connection.execute(text("SELECT sets, max_sets FROM groups"))).one()
        assert tuple(row) == (4, 4)
    finally:
        await engine.dispose()


async def test_a_program_set_in_a_forum_topic_moves_to_its_chat_and_keeps_pushing_there(
    empty_database_url: str,
) -> None:
    """Migration 0008: per-topic programs become the chat's; of two in one chat, the bigger one."""
    from alembic import command

    from bot.store.database import alembic_config

    def upgrade_to(connection: Connection, revision: str) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    def group(address: str) -> str:
        return (
            "INSERT INTO groups (address, goal, weekdays, start, timezone, sets, max_sets,"
            " reminder_lead_min, warmup_lead_min, paused, created_at, updated_at) VALUES"
            f" ('{address}', 'strength', '0', '07:00:00', 'UTC', 4, 4, 60, 10, false,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )

    engine = create_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to, "0007")
            for address in ("telegram:-1001#7", "telegram:-1001#9", "telegram:-1002#3", "telegram:-1002"):
                await connection.execute(text(group(address)))
            nine = (
                await connection.execute(text("SELECT id FROM groups WHERE address = 'telegram:-1001#9'"))
            ).scalar_one()
            await connection.execute(
                text(
                    "INSERT INTO members (group_id, user_id, name, level, unit, variation, sets,"
                    f" target_reps, missed_weeks, joined_at) VALUES ({nine}, '5', 'Ana', 'beginner',"
                    " 'kg', 'bodyweight', 3, 12, 0, '2026-01-01 00:00:00')"
                )
            )
        await migrate(engine)
        async with engine.connect() as connection:
            rows = (
                await connection.execute(text("SELECT address, push_thread FROM groups ORDER BY id"))
            ).all()
        assert [tuple(r) for r in rows] == [
            ("telegram:-1001#7", None),  # the smaller program of that chat is left as it was
            ("telegram:-1001", "9"),
            ("telegram:-1002#3", None),  # the chat already had its own program
            ("telegram:-1002", None),
        ]
    finally:
        await engine.dispose()
