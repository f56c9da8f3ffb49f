from __future__ import annotations

from datetime import date

import pytest

from bot.rules.progress import LoggedSession, weekly_points
from bot.rules.records import estimated_1rm
from bot.rules.reports import LoggedSet


def _session(day: date, *sets: tuple[int, float | None]) -> LoggedSession:
    return LoggedSession(day, tuple(LoggedSet(reps, load) for reps, load in sets))


def test_each_week_with_logs_is_one_point_oldest_first_weeks_without_logs_left_out() -> None:
    points = weekly_points(
        [
            _session(date(2026, 12, 21), (8, 65.0)),
            _session(date(2026, 12, 7), (8, 60.0)),
            _session(date(2026, 12, 10), (8, 62.5)),
        ]
    )
    assert [(p.week, p.monday, p.sessions) for p in points] == [
        ("2026-W50", date(2026, 12, 7), 2),
        ("2026-W52", date(2026, 12, 21), 1),
    ]


def test_the_working_load_is_what_most_sets_were_done_at_in_the_weeks_heaviest_session() -> None:
    (week,) = weekly_points(
        [
            _session(date(2026, 12, 7), (10, 60.0), (10, 60.0), (6, 80.0)),
            _session(date(2026, 12, 10), (8, 62.5), (8, 62.5), (8, 62.5)),
        ]
    )
    assert week.working_kg == 62.5
    assert week.e1rm_kg == pytest.approx(estimated_1rm(80.0, 6))


def test_volume_is_reps_times_load_and_bodyweight_sets_count_their_reps() -> None:
    (week,) = weekly_points([_session(date(2026, 12, 7), (10, 60.0), (15, None))])
    assert week.volume == 10 * 60 + 15


def test_a_week_beating_every_earlier_week_is_a_record_but_the_first_week_is_not() -> None:
    points = weekly_points(
        [
            _session(date(2026, 12, 7), (8, 60.0)),
            _session(date(2026, 12, 14), (8, 57.5)),
            _session(date(2026, 12, 21), (8, 62.5)),
            _session(date(2026, 12, 28), (8, 62.5)),
        ]
    )
    assert [p.record for p in points] == [False, False, True, False]


def test_bodyweight_weeks_have_no_load_and_no_record() -> None:
    (week,) = weekly_points([_session(date(2026, 12, 7), (15, None), (15, None))])
    assert (week.working_kg, week.e1rm_kg, week.record, week.volume) == (None, None, False, 30)
