from __future__ import annotations

from tests.helpers import GroupChat


async def test_plates_answers_a_side_of_the_bar_in_the_askers_unit(berlin_group: GroupChat) -> None:
    await berlin_group.say("cara", "/join advanced 135 lb")
    assert "102.5 kg: 25 + 15 + 1.25 a side on a 20 kg bar" in await berlin_group.say("ana", "/plates 102.5")
    assert "225 lb: 45 + 45 a side on a 45 lb bar" in await berlin_group.say("cara", "/plates 225")


async def test_the_empty_bar_needs_no_plates(berlin_group: GroupChat) -> None:
    assert "the empty bar is 20 kg, so no plates" in await berlin_group.say("ana", "/plates 20kg")


async def test_plates_lists_the_standard_sets_until_an_admin_sets_the_gyms_own(
    berlin_group: GroupChat,
) -> None:
    shown = await berlin_group.say("ana", "/plates")
    assert "kg: 25, 20, 15, 10, 5, 2.5, 1.25 (standard), 20 kg bar" in shown
    assert "lb: 45, 35, 25, 10, 5, 2.5 (standard), 45 lb bar" in shown
    answer = await berlin_group.say("coach", "/plates set 20 10 5 2.5 kg")
    assert "kg: 20, 10, 5, 2.5 (this gym's)" in answer
    assert "kg: 20, 10, 5, 2.5 (this gym's)" in await berlin_group.say("ana", "/plates")
    assert "100 kg: 20 + 20 a side" in await berlin_group.say("ana", "/plates 100")


async def test_the_gym_without_small_plates_is_told_what_is_missing(berlin_group: GroupChat) -> None:
    await berlin_group.say("coach", "/plates set 20 10 5 kg")
    assert "20 + 10 a side (2.5 kg short)" in await berlin_group.say("ana", "/plates 82.5")


async def test_only_an_admin_changes_the_plates(berlin_group: GroupChat) -> None:
    answer = await berlin_group.say("ana", "/plates set 20 10 kg")
    assert "admin" in answer.lower()
    assert "(standard)" in await berlin_group.say("ana", "/plates")


async def test_going_back_to_the_standard_set(berlin_group: GroupChat) -> None:
    await berlin_group.say("coach", "/plates set 20 10 kg")
    assert "(standard)" in await berlin_group.say("coach", "/plates set standard kg")


async def test_a_bad_plate_set_or_load_gets_an_example(berlin_group: GroupChat) -> None:
    assert "/plates set 25 20 15 10 5 2.5 1.25 kg" in await berlin_group.say("coach", "/plates set lots")
    assert "/plates 102.5" in await berlin_group.say("ana", "/plates heavy")
    assert "at most 500 kg" in await berlin_group.say("ana", "/plates 9000")


async def test_today_shows_plates_for_barbell_loads_with_the_gyms_plates(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("ana", "/join beginner")
    assert "Barbell hip thrust 3 × 8 @ 60 kg (20 a side)" in await berlin_group.say("ben", "/today")
    await berlin_group.say("coach", "/plates set 10 5 kg")
    assert "@ 60 kg (10 + 10 a side)" in await berlin_group.say("ben", "/today")
    assert "Bodyweight hip thrust 3 × 8\n" in await berlin_group.say("ben", "/today")


async def test_today_lists_members_on_the_bar_lightest_first(berlin_group: GroupChat) -> None:
    await berlin_group.say("dora", "/join advanced 100kg")
    await berlin_group.say("ana", "/join beginner")
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("cara", "/join advanced 135 lb")  # 61.2 kg
    answer = await berlin_group.say("ben", "/today")
    order = [answer.index(f"\n{name}: ") for name in ("ana", "ben", "cara", "dora")]
    assert order == sorted(order)
