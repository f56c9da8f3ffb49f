from __future__ import annotations

import pytest

from bot.clock import ManualClock
from tests.helpers import GroupChat


async def test_an_admin_sets_up_the_program(chat: GroupChat) -> None:
    answer = await chat.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    assert "Program set" in answer
    assert "hypertrophy (8–15 reps), 3 sets, Mon & Thu at 18:30 (Europe/Berlin)" in answer
    assert "Next session: Monday 7 Dec at 18:30" in answer


async def test_a_members_setup_is_refused_politely_and_changes_nothing(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/setup strength mon 07:00 UTC")
    assert "only a chat admin can use /setup" in answer
    assert "no program yet" in await chat.say("ana", "/schedule")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ("bulk mon 18:00 UTC", "strength|hypertrophy|endurance"),
        ("strength funday 18:00 UTC", "which field 'funday'"),
        ("strength mon 25:00 UTC", "00:00–23:59"),
        ("strength mon 18:00 Europe/Berln", "Did you mean Europe/Berlin"),
        ("strength mon 18:00 UTC 7", "3–5"),
        ("strength mon,tue,wed,thu 18:00 UTC", "1–3"),
    ],
)
async def test_bad_fields_get_errors_that_name_the_valid_values(
    chat: GroupChat, args: str, named: str
) -> None:
    answer = await chat.say("coach", f"/setup {args}")
    assert "couldn't set that up" in answer
    assert named in answer


async def test_a_first_setup_must_name_every_field(chat: GroupChat) -> None:
    answer = await chat.say("coach", "/setup strength")
    assert "a new program needs days, time, tz" in answer


async def test_setup_without_arguments_shows_the_usage(chat: GroupChat) -> None:
    answer = await chat.say("coach", "/setup")
    assert "Usage: /setup hypertrophy mon,thu 18:30 Europe/Berlin" in answer


async def test_a_later_setup_changes_only_what_it_names(berlin_group: GroupChat) -> None:
    answer = await berlin_group.say("coach", "/setup 19:15 sets=4")
    assert "Program updated" in answer
    assert "hypertrophy (8–15 reps), 4 sets, Mon & Thu at 19:15 (Europe/Berlin)" in answer


async def test_changing_the_goal_moves_members_into_the_new_rep_range(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("coach", "/setup strength sets=5")
    assert "5 × 3 @ 60 kg" in await berlin_group.say("ben", "/me")


async def test_schedule_names_the_next_session_after_todays_has_started(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    from datetime import timedelta

    clock.advance(timedelta(hours=10))  # Monday 19:00 in Berlin, after the 18:30 session
    assert "Next session: Thursday 10 Dec at 18:30" in await berlin_group.say("ana", "/schedule")
