from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.content.catalogue import load_catalogue
from bot.rules.reports import LoggedSet
from bot.rules.standings import Lifted, Placed, progress, ranked, streak
from bot.services.standings import Recap
from bot.services.weekly import BumpResult

MON = date(2026, 12, 7)  # a Monday; the program trains Mon and Thu


def _days(*weeks_back_and_days: tuple[int, int]) -> list[date]:
    return [MON - timedelta(weeks=w) + timedelta(days=d) for w, d in weeks_back_and_days]


@pytest.mark.parametrize(
    ("trained", "today", "skipped", "kept"),
    [
        # three full weeks before this one, this one under way and not yet met: 3
        (_days((3, 0), (3, 3), (2, 0), (2, 3), (1, 0), (1, 3)), MON, {}, 3),
        # this week met too: 4
        (
            _days((3, 0), (3, 3), (2, 0), (2, 3), (1, 0), (1, 3), (0, 0), (0, 3)),
            MON + timedelta(days=4),
            {},
            4,
        ),
        # last week one session short: the run before it no longer counts
        (_days((3, 0), (3, 3), (2, 0), (2, 3), (1, 0)), MON, {}, 0),
        # that missing session was skipped in advance: the run holds
        (_days((3, 0), (3, 3), (2, 0), (2, 3), (1, 0)), MON, {"2026-W49": 1}, 3),
        # a week whose sessions were all skipped neither counts nor breaks
        (_days((3, 0), (3, 3), (1, 0), (1, 3)), MON, {"2026-W48": 2}, 2),
        # two sessions on one day are one training day
        (_days((1, 0), (1, 0)), MON, {}, 0),
        # an extra session does not make up for a missed week
        (_days((2, 0), (2, 3), (2, 5)), MON, {}, 0),
    ],
)
def test_a_streak_counts_weeks_trained_as_often_as_the_program_asks(
    trained: list[date], today: date, skipped: dict[str, int], kept: int
) -> None:
    assert streak(trained, 2, joined=MON - timedelta(weeks=8), today=today, skipped=skipped) == kept


def test_the_week_one_joined_does_not_break_a_streak() -> None:
    joined = MON - timedelta(weeks=1) + timedelta(days=4)  # joined last Friday, after Thursday's session
    assert streak([MON], 2, joined=joined, today=MON + timedelta(days=3)) == 0
    assert streak([MON, MON + timedelta(days=3)], 2, joined=joined, today=MON + timedelta(days=4)) == 1


def _lifted(exercise: str, day: date, reps: int, load: float | None) -> Lifted:
    return Lifted(exercise, day, (LoggedSet(reps, load),))


def test_progress_is_the_best_gain_against_the_members_own_first_session() -> None:
    sessions = [
        _lifted("squat", MON - timedelta(weeks=8), 5, 100.0),
        _lifted("squat", MON, 5, 110.0),
        _lifted("hip-thrust", MON - timedelta(weeks=8), 8, 60.0),
        _lifted("hip-thrust", MON, 8, 75.0),
    ]
    assert progress(sessions, since=MON - timedelta(days=6)) == pytest.approx(0.25)


def test_a_beginner_on_bodyweight_progresses_by_reps() -> None:
    sessions = [
        _lifted("hip-thrust", MON - timedelta(weeks=4), 10, None),
        _lifted("hip-thrust", MON, 15, None),
    ]
    assert progress(sessions, since=MON) == pytest.approx(0.5)


def test_no_progress_without_a_session_after_the_first_in_the_period() -> None:
    assert progress([_lifted("squat", MON, 5, 100.0)], since=MON) is None
    assert (
        progress(
            [
                _lifted("squat", MON - timedelta(weeks=9), 5, 100.0),
                _lifted("squat", MON - timedelta(weeks=8), 5, 110.0),
            ],
            since=MON,
        )
        is None
    )


def test_moving_from_bodyweight_to_the_bar_is_not_compared_across_kinds() -> None:
    sessions = [
        _lifted("hip-thrust", MON - timedelta(weeks=4), 12, None),
        _lifted("hip-thrust", MON, 8, 40.0),
    ]
    assert progress(sessions, since=MON) is None


def test_equal_values_share_a_rank_and_the_next_rank_skips() -> None:
    assert ranked([("ben", 6), ("cara", 4), ("ana", 6), ("dan", 0)]) == (
        Placed(1, "ana", 6),
        Placed(1, "ben", 6),
        Placed(3, "cara", 4),
    )


def test_a_board_holds_at_most_ten() -> None:
    assert len(ranked((f"m{i}", i + 1) for i in range(15))) == 10


def test_a_stored_bump_keeps_its_recap_for_posting_again() -> None:
    bump = BumpResult("2026-W50", recap=Recap(7, (Placed(1, "ana", 3.0),), ("cara",)))
    assert BumpResult.from_json("2026-W50", bump.to_json(), load_catalogue()) == bump
