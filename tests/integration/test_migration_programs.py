"""Migration 0010: groups from before programs become hip-thrust programs with nothing lost."""

from __future__ import annotations

from sqlalchemy import Connection, text

from bot.app import build_spotter
from bot.clock import ManualClock
from bot.settings import Settings
from bot.store.database import alembic_config, create_engine
from tests.helpers import GroupChat

GROUP = (
    "INSERT INTO groups (address, goal, weekdays, start, timezone, sets, max_sets, reminder_lead_min,"
    " warmup_lead_min, paused, created_at, updated_at) VALUES ('test:-1001', 'hypertrophy', '0,3',"
    " '18:30:00', 'Europe/Berlin', 3, 3, 60, 10, false, '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
)


def _member(group_id: int, user: str, variation: str, load: str, reps: int, missed: int) -> str:
    return (
        "INSERT INTO members (group_id, user_id, name, level, unit, variation, load_kg, sets, target_reps,"
        f" missed_weeks, joined_at) VALUES ({group_id}, 'id-{user}', '{user}', 'intermediate', 'kg',"
        f" '{variation}', {load}, 3, {reps}, {missed}, '2026-11-01 00:00:00')"
    )


def _log(member_id: int, key: str, day: str, reps: int, load: float) -> str:
    sets = ", ".join(f'{{"reps": {reps}, "load_kg": {load}}}' for _ in range(3))
    return (
        "INSERT INTO logs (member_id, source_key, day, week, variation, sets_data, per_side, logged_at)"
        f" VALUES ({member_id}, '{key}', '{day}', '2026-W49', 'barbell', '[{sets}]', false,"
        f" '{day} 19:30:00')"
    )


def _upgrade_to(connection: Connection, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def _week_under_0009(database_url: str) -> None:
    """Two members and a week of logs and changes, written by the schema before programs."""
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade_to, "0009")
            await connection.execute(text(GROUP))
            group_id = (await connection.execute(text("SELECT id FROM groups"))).scalar_one()
            await connection.execute(text(_member(group_id, "ben", "barbell", "60.0", 9, 0)))
            await connection.execute(text(_member(group_id, "ana", "bodyweight", "NULL", 12, 1)))
            ben = (await connection.execute(text("SELECT id FROM members WHERE name = 'ben'"))).scalar_one()
            await connection.execute(text(_log(ben, "msg:1", "2026-11-30", 9, 60.0)))
            await connection.execute(text(_log(ben, "msg:2", "2026-12-03", 10, 62.5)))
            await connection.execute(
                text(
                    "INSERT INTO changes (member_id, week, kind, by_coach, before, after, reason, created_at)"
                    f" VALUES ({ben}, '2026-W48', 'reps', false,"
                    ' \'{"variation": "barbell", "load_kg": 60.0, "sets": 3, "reps": 8}\','
                    ' \'{"variation": "barbell", "load_kg": 60.0, "sets": 3, "reps": 9}\','
                    " 'every set reached 8', '2026-11-29 20:00:00')"
                )
            )
    finally:
        await engine.dispose()


async def test_an_old_group_becomes_a_hip_thrust_program_with_its_members_logs_and_changes(
    empty_database_url: str, clock: ManualClock
) -> None:
    await _week_under_0009(empty_database_url)
    spotter = await build_spotter(Settings(database_url=empty_database_url), clock)
    try:
        chat = GroupChat(spotter.coach, admins={"coach"})
        assert "Monday: hip thrust" in await chat.say("ben", "/program")
        me = await chat.say("ben", "/me")
        assert "Barbell hip thrust 3 × 9 @ 60 kg" in me
        assert "every set reached 8" in me  # the change written before the upgrade
        history = await chat.say("ben", "/history")
        assert "Thursday 3 Dec: 3 × 10 @ 62.5 kg" in history
        assert "Monday 30 Nov: 3 × 9 @ 60 kg" in history
        assert "Bodyweight hip thrust 3 × 12" in await chat.say("ana", "/me")
        today = await chat.say("ben", "/today")
        assert "hip thrust day" in today
        assert "ben: Barbell hip thrust 3 × 9 @ 60 kg" in today
    finally:
        await spotter.close()


async def test_records_kept_before_the_upgrade_still_count(
    empty_database_url: str, clock: ManualClock
) -> None:
    await _week_under_0009(empty_database_url)
    spotter = await build_spotter(Settings(database_url=empty_database_url), clock)
    try:
        chat = GroupChat(spotter.coach, admins={"coach"})
        assert "🏆" not in await chat.say("ben", "3x9 @ 60kg")  # below the 62.5 kg logged before
        assert "🏆 New best estimated 1RM" in await chat.say("ben", "3x10 @ 65kg")
    finally:
        await spotter.close()
