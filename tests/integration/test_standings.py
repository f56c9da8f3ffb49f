"""`/leaderboard`, `/private` and the weekly recap: what was done, celebrated; opt-outs kept out."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from tests.helpers import GroupChat


async def _week(chat: GroupChat, clock: ManualClock, reports: dict[str, str]) -> None:
    """Monday and Thursday sessions for each member in `reports`, then on to next Monday."""
    for _ in range(2):
        for user, report in reports.items():
            await chat.say(user, report)
        clock.advance(timedelta(days=3))
    clock.advance(timedelta(days=1))


async def _join(chat: GroupChat) -> None:
    await chat.say("ana", "/join intermediate 60kg")
    await chat.say("ben", "/join beginner")
    await chat.say("cara", "/join advanced 135 lb")


async def test_the_leaderboard_ranks_sessions_streaks_and_progress_on_each_own_start(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _join(berlin_group)
    await _week(berlin_group, clock, {"ana": "3x8 @ 60kg", "ben": "bw 3x10", "cara": "3x8 @ 135 lb"})
    await _week(berlin_group, clock, {"ana": "3x8 @ 62.5kg", "ben": "bw 3x15"})
    board = await berlin_group.say("ana", "/leaderboard all")
    assert "Leaderboard, all time" in board
    sessions = board.split("Sessions")[1].split("Streaks")[0]
    assert "🥇 ana 4 sessions" in sessions
    assert "🥇 ben 4 sessions" in sessions  # a tie shares the rank
    assert "🥉 cara 2 sessions" in sessions
    streaks = board.split("Streaks")[1].split("Progress")[0]
    assert "ana 2 weeks" in streaks
    assert "cara" not in streaks  # missed last week: no streak, and not named for it
    progress = board.split("Progress on your own start")[1]
    assert "🥇 ben +50%" in progress  # the beginner on bodyweight leads
    assert "ana +4%" in progress


async def test_this_weeks_board_counts_only_this_weeks_sessions(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _join(berlin_group)
    await _week(berlin_group, clock, {"ana": "3x8 @ 60kg"})
    await berlin_group.say("cara", "3x8 @ 135 lb")
    board = await berlin_group.say("ana", "/leaderboard")
    assert "this week" in board
    assert "cara 1 session" in board
    assert "ana" not in board.split("Sessions")[1].split("Streaks")[0]


async def test_a_private_member_is_off_the_board_and_their_chart_is_theirs(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _join(berlin_group)
    await _week(berlin_group, clock, {"ana": "3x8 @ 60kg", "cara": "3x8 @ 135 lb"})
    assert "off the leaderboard" in await berlin_group.say("cara", "/private on")
    board = await berlin_group.say("ana", "/leaderboard all")
    assert "cara" not in board
    assert "keeps their progress private" in await berlin_group.say("ana", "/progress cara")
    (own,) = await berlin_group.replies("cara", "/progress")
    assert own.attachment is not None
    await berlin_group.say("cara", "/private off")
    assert "cara" in await berlin_group.say("ana", "/leaderboard all")


async def test_a_bad_period_or_switch_says_what_works(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join beginner")
    assert "week, month or all" in await berlin_group.say("ana", "/leaderboard year")
    assert "/private on or /private off" in await berlin_group.say("ana", "/private maybe")


async def test_the_weekly_summary_recaps_sessions_streaks_and_who_is_back(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _join(berlin_group)
    await _week(berlin_group, clock, {"ana": "3x8 @ 60kg", "cara": "3x8 @ 135 lb"})
    await _week(berlin_group, clock, {"ana": "3x8 @ 62.5kg"})
    await berlin_group.say("ana", "3x8 @ 65kg")  # Monday
    clock.advance(timedelta(days=3))
    await berlin_group.say("ana", "3x8 @ 65kg")  # Thursday
    clock.advance(timedelta(days=3))
    await berlin_group.say("cara", "3x8 @ 135 lb")  # Sunday: back after a week away
    summary = await berlin_group.say("coach", "/bump")
    assert "The group trained 3 sessions this week" in summary
    assert "Streaks kept: ana 3 weeks" in summary
    assert "Welcome back, cara!" in summary
    assert "ben" not in summary.split("The group trained")[1]  # nobody is listed for missing


async def test_a_private_member_is_left_out_of_the_recap_and_its_records(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _join(berlin_group)
    await _week(berlin_group, clock, {"ana": "3x8 @ 60kg", "cara": "3x8 @ 135 lb"})
    await berlin_group.say("cara", "/private on")
    await berlin_group.say("ana", "3x8 @ 62.5kg")
    clock.advance(timedelta(days=3))
    await berlin_group.say("ana", "3x8 @ 62.5kg")
    await berlin_group.say("cara", "3x8 @ 145 lb")
    clock.advance(timedelta(days=3))
    summary = await berlin_group.say("coach", "/bump")
    recap = summary.split("PRs this week")[1]
    assert "ana" in recap
    assert "cara" not in recap
