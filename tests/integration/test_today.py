from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from tests.helpers import GroupChat


async def _three_members(chat: GroupChat) -> None:
    await chat.say("ana", "/join beginner")
    await chat.say("ben", "/join intermediate 60kg")
    await chat.say("cara", "/join advanced 135 lb")


async def test_a_training_day_lists_every_members_session(berlin_group: GroupChat) -> None:
    await _three_members(berlin_group)
    answer = await berlin_group.say("ana", "/today")
    assert "Monday 7 Dec: hip thrust day (hypertrophy, 8–15 reps), session at 18:30" in answer
    assert "ana: Bodyweight hip thrust 3 × 8" in answer
    assert "ben: Barbell hip thrust 3 × 8 @ 60 kg" in answer
    assert "Ramp-up: 20 kg × 10, 35 kg × 6, 47.5 kg × 3" in answer
    assert "cara: Barbell hip thrust 3 × 8 @ 135 lb" in answer
    assert "Ramp-up: 45 lb × 10, 80 lb × 6, 105 lb × 3" in answer


async def test_the_session_includes_warm_up_drills_rest_and_a_cue_per_member(berlin_group: GroupChat) -> None:
    await _three_members(berlin_group)
    answer = await berlin_group.say("ben", "/today")
    assert "glute bridges 2 × 15" in answer
    assert "band walks" in answer
    assert "Rest 60–90 s between sets" in answer
    assert answer.count("Cue: ") == 3


async def test_a_rest_day_names_the_next_session(berlin_group: GroupChat, clock: ManualClock) -> None:
    clock.advance(timedelta(days=1))
    answer = await berlin_group.say("ben", "/today")
    assert "No session today (Tuesday 8 Dec). Next: Thursday 10 Dec at 18:30 (Europe/Berlin)" in answer


async def test_today_is_the_groups_local_date(berlin_group: GroupChat, clock: ManualClock) -> None:
    # 23:30 UTC on Wednesday is already Thursday in Berlin.
    clock.set(datetime(2026, 12, 9, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert "Thursday 10 Dec: hip thrust day" in await berlin_group.say("ben", "/today")


async def test_an_empty_group_is_told_how_to_join(berlin_group: GroupChat) -> None:
    assert "Nobody has joined yet" in await berlin_group.say("ben", "/today")


async def test_the_cue_rotates_between_training_days(berlin_group: GroupChat, clock: ManualClock) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    monday = await berlin_group.say("ben", "/today")
    clock.advance(timedelta(days=3))
    thursday = await berlin_group.say("ben", "/today")
    cue = [line for line in monday.splitlines() if "Cue:" in line]
    assert cue
    assert cue[0] not in thursday


async def test_a_fifty_member_session_is_one_line_each_and_fits_one_telegram_message(
    berlin_group: GroupChat,
) -> None:
    from adapters.telegram.render import split_markup

    levels = ("beginner", "intermediate 60kg", "advanced 140 lb", "intermediate 12kg")
    for i in range(50):
        await berlin_group.say(f"Lifter Number {i:02}", f"/join {levels[i % 4]}")
    (today,) = await berlin_group.replies("ana", "/today")
    assert len(split_markup(today.text)) == 1
    answer = await berlin_group.say("ana", "/today")
    assert answer.count("Cue of the day") == 1
    assert "Lifter Number 01: barbell 3 × 8 @ 60 kg · ramp 20×10, 35×6, 47.5×3" in answer
    assert "Lifter Number 00: bodyweight 3 × 8\n" in answer
