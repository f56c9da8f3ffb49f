from __future__ import annotations

import pytest

from tests.helpers import GroupChat


async def test_joining_before_setup_explains_what_to_do(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/join beginner")
    assert "no program yet" in answer
    assert "/setup hypertrophy mon,thu 18:30 Europe/Berlin" in answer


async def test_a_beginner_starts_on_bodyweight_at_the_bottom_of_the_range(berlin_group: GroupChat) -> None:
    answer = await berlin_group.say("ana", "/join beginner")
    assert "Welcome to the program, ana (beginner)" in answer
    assert "Bodyweight hip thrust 3 × 8" in answer


async def test_a_lifter_in_pounds_sees_pounds(berlin_group: GroupChat) -> None:
    answer = await berlin_group.say("cara", "/join advanced 135 lb")
    assert "Barbell hip thrust 3 × 8 @ 135 lb" in answer


async def test_joining_again_updates_the_profile(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    answer = await berlin_group.say("ben", "/join intermediate 70kg")
    assert "Updated your profile" in answer
    assert "@ 70 kg" in await berlin_group.say("ben", "/me")


async def test_switching_units_converts_the_displayed_load(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    answer = await berlin_group.say("ben", "/unit lb")
    assert "you'll see lb" in answer
    assert "@ 130 lb" in answer


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        ("wizard 60", "beginner|intermediate|advanced"),
        ("intermediate 9000kg", "beyond 500 kg"),
        ("intermediate 0kg", "more than zero"),
        ("advanced", "starting load"),
    ],
)
async def test_bad_join_arguments_get_a_helpful_answer(berlin_group: GroupChat, args: str, hint: str) -> None:
    assert hint in await berlin_group.say("ben", f"/join {args}")


async def test_me_before_joining_says_how_to_join(berlin_group: GroupChat) -> None:
    assert "You haven't joined yet" in await berlin_group.say("dan", "/me")


async def test_unit_rejects_unknown_units(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    assert "kg|lb" in await berlin_group.say("ben", "/unit stone")
