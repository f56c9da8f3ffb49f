from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain import Goal, PushKind
from bot.rules.timing import is_stale
from bot.store.tables import GroupRow
from scheduler.triggers import fires_between, previous_fire, push_jobs, shift


def group(days: str, start: time, zone: str, *, paused: bool = False) -> GroupRow:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return GroupRow(
        id=1,
        address="test:g1",
        goal=Goal.HYPERTROPHY,
        weekdays=days,
        start=start,
        timezone=zone,
        sets=3,
        max_sets=3,
        created_at=now,
        updated_at=now,
        paused=paused,
    )


def local_fires(row: GroupRow, kind: PushKind, start: datetime, end: datetime) -> list[str]:
    job = next(j for j in push_jobs(row) if j.kind is kind)
    zone = ZoneInfo(row.timezone)
    return [f"{f.astimezone(zone):%a %Y-%m-%d %H:%M %z}" for f in fires_between(job.trigger, start, end)]


BERLIN_MON_THU = group("0,3", time(18, 30), "Europe/Berlin")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (PushKind.REMINDER, ["Mon 2026-12-07 17:30 +0100", "Thu 2026-12-10 17:30 +0100"]),
        (PushKind.WARMUP, ["Mon 2026-12-07 18:20 +0100", "Thu 2026-12-10 18:20 +0100"]),
        (PushKind.NUDGE, ["Mon 2026-12-07 20:30 +0100", "Thu 2026-12-10 20:30 +0100"]),
        (PushKind.BUMP, ["Sun 2026-12-13 20:00 +0100"]),
    ],
)
def test_each_push_fires_at_its_local_time(kind: PushKind, expected: list[str]) -> None:
    start = datetime(2026, 12, 7, tzinfo=UTC)
    assert local_fires(BERLIN_MON_THU, kind, start, start + timedelta(days=7)) == expected


def test_reminders_keep_local_time_across_the_autumn_change() -> None:
    fires = local_fires(
        BERLIN_MON_THU,
        PushKind.REMINDER,
        datetime(2026, 10, 20, tzinfo=UTC),
        datetime(2026, 10, 30, tzinfo=UTC),
    )
    assert fires == ["Thu 2026-10-22 17:30 +0200", "Mon 2026-10-26 17:30 +0100", "Thu 2026-10-29 17:30 +0100"]


def test_reminders_keep_local_time_across_the_spring_change() -> None:
    fires = local_fires(
        BERLIN_MON_THU, PushKind.REMINDER, datetime(2026, 3, 23, tzinfo=UTC), datetime(2026, 4, 3, tzinfo=UTC)
    )
    assert fires == [
        "Mon 2026-03-23 17:30 +0100",
        "Thu 2026-03-26 17:30 +0100",
        "Mon 2026-03-30 17:30 +0200",
        "Thu 2026-04-02 17:30 +0200",
    ]


def test_the_weekly_bump_follows_dst_too() -> None:
    fires = local_fires(
        BERLIN_MON_THU, PushKind.BUMP, datetime(2026, 3, 20, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    )
    assert fires == ["Sun 2026-03-22 20:00 +0100", "Sun 2026-03-29 20:00 +0200"]


@pytest.mark.parametrize(
    ("zone", "utc_time"),
    [("Asia/Kolkata", "01:00"), ("Asia/Kathmandu", "00:45"), ("America/St_Johns", "10:00")],
)
def test_half_hour_and_45_minute_zones(zone: str, utc_time: str) -> None:
    row = group("0", time(7, 30), zone)
    job = next(j for j in push_jobs(row) if j.kind is PushKind.REMINDER)
    (fire,) = list(
        fires_between(
            job.trigger, datetime(2026, 12, 6, 12, tzinfo=UTC), datetime(2026, 12, 7, 23, tzinfo=UTC)
        )
    )
    assert f"{fire.astimezone(UTC):%H:%M}" == utc_time


def test_a_reminder_before_an_early_session_moves_to_the_previous_evening() -> None:
    assert shift((0, 3), time(0, 30), timedelta(minutes=-60)) == ((2, 6), time(23, 30))


def test_a_late_nudge_moves_past_midnight() -> None:
    assert shift((6,), time(23, 0), timedelta(hours=2)) == ((0,), time(1, 0))


def test_a_paused_group_has_no_jobs() -> None:
    assert push_jobs(group("0,3", time(18, 30), "Europe/Berlin", paused=True)) == []


def test_job_ids_are_stable_per_kind_and_group() -> None:
    ids = [j.job_id for j in push_jobs(BERLIN_MON_THU)]
    assert ids == ["reminder:test:g1", "warmup:test:g1", "nudge:test:g1", "bump:test:g1"]


def test_previous_fire_finds_the_latest_occurrence() -> None:
    job = next(j for j in push_jobs(BERLIN_MON_THU) if j.kind is PushKind.BUMP)
    fire = previous_fire(job.trigger, datetime(2026, 12, 16, tzinfo=UTC))
    assert fire == datetime(2026, 12, 13, 19, 0, tzinfo=UTC)


SESSION = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "occurrence", "now", "stale"),
    [
        (PushKind.REMINDER, SESSION - timedelta(hours=1), SESSION - timedelta(minutes=5), False),
        (PushKind.REMINDER, SESSION - timedelta(hours=1), SESSION, True),
        (PushKind.NUDGE, SESSION + timedelta(hours=2), SESSION + timedelta(hours=5), False),
        (PushKind.NUDGE, SESSION + timedelta(hours=2), SESSION + timedelta(hours=7), True),
        (PushKind.BUMP, SESSION, SESSION + timedelta(days=30), False),
    ],
)
def test_staleness_rules(kind: PushKind, occurrence: datetime, now: datetime, stale: bool) -> None:
    lead_before_session = SESSION - occurrence
    assert is_stale(kind, occurrence, now, lead_before_session) is stale
