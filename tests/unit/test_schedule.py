from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.rules.schedule import Schedule, ScheduleError, parse_time, parse_timezone, parse_weekdays
from bot.views.problems import describe


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon,thu", (0, 3)),
        ("Mon/Thu", (0, 3)),
        ("monday and thursday", (0, 3)),
        ("tues+fri", (1, 4)),
        ("mon-wed", (0, 1, 2)),
        ("sat-mon", (0, 5, 6)),
        ("weds", (2,)),
    ],
)
def test_weekdays_are_read_in_the_ways_people_write_them(text: str, days: tuple[int, ...]) -> None:
    assert parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["t", "funday", "", "mon,xyz"])
def test_unknown_or_ambiguous_days_are_refused_with_the_valid_names(text: str) -> None:
    with pytest.raises(ScheduleError) as error:
        parse_weekdays(text)
    assert re.search(r"mon|at least one", describe(error.value))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:30", time(18, 30)),
        ("6:30pm", time(18, 30)),
        ("7am", time(7)),
        ("18h30", time(18, 30)),
        ("12am", time(0)),
    ],
)
def test_times_are_read_in_24h_and_12h_forms(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "18:75", "18", "13pm", "noon"])
def test_impossible_or_bare_times_are_refused(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_time(text)


def test_time_zones_match_case_insensitively_to_the_canonical_name() -> None:
    assert parse_timezone("europe/berlin") == "Europe/Berlin"


def test_a_misspelt_time_zone_gets_suggestions() -> None:
    with pytest.raises(ScheduleError) as error:
        parse_timezone("Europe/Berln")
    assert "Europe/Berlin" in error.value.params["close"]  # type: ignore[operator]
    assert "Did you mean Europe/Berlin" in describe(error.value)


MON_THU = Schedule((0, 3), time(18, 30), "Europe/Berlin")


def test_the_session_stays_at_local_time_across_the_autumn_change() -> None:
    before = MON_THU.session_at(date(2026, 10, 22))
    after = MON_THU.session_at(date(2026, 10, 26))
    assert (before.hour, after.hour) == (18, 18)
    assert before.utcoffset() == timedelta(hours=2)
    assert after.utcoffset() == timedelta(hours=1)


def test_a_start_inside_the_spring_gap_moves_to_after_the_change() -> None:
    night = Schedule((6,), time(2, 30), "Europe/Berlin")
    start = night.session_at(date(2026, 3, 29))
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_the_local_date_follows_the_group_zone_not_utc() -> None:
    late_sunday_utc = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert MON_THU.local_date(late_sunday_utc) == date(2026, 12, 7)


def test_the_next_training_day_skips_to_the_following_week() -> None:
    assert MON_THU.next_training_day(date(2026, 12, 10)) == date(2026, 12, 14)


def test_half_hour_zones_keep_their_offset() -> None:
    kolkata = Schedule((0,), time(6, 0), "Asia/Kolkata")
    assert kolkata.session_at(date(2026, 12, 7)).astimezone(UTC).time() == time(0, 30)
