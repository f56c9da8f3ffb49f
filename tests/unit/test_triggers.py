from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.domain import Goal, PushKind
from bot.messages import Address
from bot.rules.timing import is_stale
from bot.store.tables import GroupRow
from scheduler.triggers import (
    PushJob,
    fires_between,
    latest_occurrence,
    next_after,
    next_occurrence,
    previous_fire,
    push_jobs,
    shift,
)


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


@settings(max_examples=300, deadline=None)
@given(
    weekdays=st.sets(st.integers(0, 6), min_size=1, max_size=3).map(lambda s: tuple(sorted(s))),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]),
    now=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
    ),
)
def test_occurrences_match_the_cron_trigger_in_weeks_without_a_clock_change(
    weekdays: tuple[int, ...], hour: int, minute: int, zone: str, now: datetime
) -> None:
    tz = ZoneInfo(zone)
    assume(
        tz.utcoffset(now - timedelta(days=9)) == tz.utcoffset(now + timedelta(days=9)) == tz.utcoffset(now)
    )
    at = time(hour, minute)
    job = PushJob(Address("test", "1"), PushKind.REMINDER, weekdays, at, ZoneInfo(zone))
    assert latest_occurrence(job, now) == previous_fire(job.trigger, now)
    assert next_occurrence(job, now) == next_after(job.trigger, now)


def _monday_half_past_midnight() -> PushJob:
    at = time(0, 30)
    return PushJob(Address("test", "1"), PushKind.REMINDER, (0,), at, ZoneInfo("Europe/Berlin"))


def test_the_monday_after_the_spring_clock_change_is_not_skipped() -> None:
    """APScheduler 3.11's CronTrigger jumps from Monday 23 March 2026 00:30 to 6 April."""
    berlin = ZoneInfo("Europe/Berlin")
    job = _monday_half_past_midnight()
    after = datetime(2026, 3, 23, 0, 30, tzinfo=berlin)
    assert next_occurrence(job, after) == datetime(2026, 3, 30, 0, 30, tzinfo=berlin)
    assert latest_occurrence(job, datetime(2026, 4, 1, tzinfo=UTC)) == datetime(
        2026, 3, 30, 0, 30, tzinfo=berlin
    )


def test_a_local_time_the_clock_change_skips_fires_at_the_hours_equivalent() -> None:
    at = time(2, 30)  # Sunday 29 March 2026 has no 02:30 in Berlin
    job = PushJob(Address("test", "1"), PushKind.REMINDER, (6,), at, ZoneInfo("Europe/Berlin"))
    fire = next_occurrence(job, datetime(2026, 3, 28, tzinfo=UTC))
    assert fire is not None
    assert fire.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 summer time
