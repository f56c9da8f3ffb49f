"""Programs of several exercises: `/program`, tracks per exercise, routing reports, the bump."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.markup import plain_text
from tests.helpers import GroupChat, button

TWO_DAYS = "/program mon: hip thrust, rdl, split squat; thu: squat, bench press"


@pytest.fixture
async def lifters(berlin_group: GroupChat) -> GroupChat:
    """Mon/Thu in Berlin, three lifts on Monday and two on Thursday; ben joined at 60 kg first."""
    await berlin_group.say("ben", "/join intermediate 60kg")
    assert "Program updated" in await berlin_group.say("coach", TWO_DAYS)
    await berlin_group.say("ana", "/join beginner")
    return berlin_group


async def test_program_sets_each_days_exercises_and_shows_them(lifters: GroupChat) -> None:
    shown = await lifters.say("ben", "/program")
    assert "Monday: hip thrust, Romanian deadlift, split squat" in shown
    assert "Thursday: back squat, bench press" in shown


async def test_program_with_unknown_names_lists_the_exercises_there_are(berlin_group: GroupChat) -> None:
    answer = await berlin_group.say("coach", "/program mon: hip thrust, curls, zercher")
    assert "I don't know curls, zercher" in answer
    assert "Romanian deadlift" in answer
    assert "Monday: hip thrust" in await berlin_group.say("coach", "/program")


async def test_only_an_admin_may_change_the_program(berlin_group: GroupChat) -> None:
    assert "admin" in (await berlin_group.say("ben", "/program mon: squat")).lower()
    assert "back squat" not in await berlin_group.say("ben", "/program")


async def test_days_named_in_the_program_become_the_training_days(berlin_group: GroupChat) -> None:
    await berlin_group.say("coach", "/program tue: squat; fri: bench")
    assert "Tue & Fri at 18:30" in await berlin_group.say("ben", "/schedule")


async def test_a_group_with_no_program_keeps_the_hip_thrust(berlin_group: GroupChat) -> None:
    assert "Monday: hip thrust" in await berlin_group.say("ben", "/program")
    assert "hip thrust day" in await berlin_group.say("ben", "/today")


async def test_today_shows_each_members_exercises_of_the_day(lifters: GroupChat) -> None:
    today = await lifters.say("ben", "/today")
    assert "hip thrust, Romanian deadlift and split squat day" in today
    assert "Barbell hip thrust 3 × 8 @ 60 kg" in today  # the load ben joined with
    assert "Barbell Romanian deadlift 3 × 8 @ a load you could lift 10 times" in today
    assert "Bodyweight hip thrust 3 × 8" in today  # ana, the beginner, on each lift's first rung
    assert today.count("Cue:") == 2  # one cue per member, not per lift


async def test_a_report_naming_no_exercise_goes_to_the_first_not_yet_logged(lifters: GroupChat) -> None:
    first = await lifters.say("ben", "3x8 @ 60kg")
    assert "Logged hip thrust for ben" in first
    second = await lifters.say("ben", "3x8 @ 80kg")
    assert "Logged Romanian deadlift for ben" in second
    assert "Your working load is now 80 kg" in second


async def test_a_report_naming_its_exercise_by_an_alias_goes_there(lifters: GroupChat) -> None:
    assert "Logged split squat for ben" in await lifters.say("ben", "split squats 3x10 @ 12kg")
    assert "Logged hip thrust for ben" in await lifters.say("ben", "3x8 @ 60kg")


async def test_a_report_that_went_to_the_wrong_exercise_moves_with_a_button(lifters: GroupChat) -> None:
    replies = await lifters.replies("ben", "3x10 @ 14kg")
    assert "Not the hip thrust?" in plain_text(replies[0].text)
    moved = await lifters.tap("ben", button(replies, "Split squat"))
    assert "Updated split squat for ben" in moved
    history = await lifters.say("ben", "/history")
    assert "Dumbbell split squat 3 × 10 @ 14 kg" in history
    assert "Barbell hip thrust" not in history


async def test_only_the_logs_owner_may_move_it(lifters: GroupChat) -> None:
    replies = await lifters.replies("ben", "3x10 @ 14kg")
    refused = await lifters.tap("ana", button(replies, "Split squat"))
    assert "Updated" not in refused


async def test_done_logs_every_exercise_of_the_day_as_prescribed(lifters: GroupChat) -> None:
    replies = await lifters.replies("ana", "/today")
    done = await lifters.tap("ana", button(replies, "Done"))
    assert "Logged hip thrust for ana" in done
    assert "Romanian deadlift" in done
    assert "Split squat" in done
    assert "Already logged" in await lifters.tap("ana", button(replies, "Done"))


async def test_the_weekly_bump_moves_each_exercise_on_its_own(lifters: GroupChat, clock: ManualClock) -> None:
    await lifters.say("ben", "hip thrust 3x15 @ 60kg")
    await lifters.say("ben", "rdl 3x8 @ 80kg")
    clock.advance(timedelta(days=6))
    summary = await lifters.say("coach", "/bump")
    assert "hip thrust" in summary.lower()
    me = await lifters.say("ben", "/me")
    assert "Barbell hip thrust 3 × 8 @ 62.5 kg" in me  # top of the range: one load step
    assert "Barbell Romanian deadlift 3 × 9 @ 80 kg" in me  # target reached: one more rep


async def test_undo_takes_back_the_last_log_of_whichever_exercise(lifters: GroupChat) -> None:
    await lifters.say("ben", "3x8 @ 60kg")
    await lifters.say("ben", "rdl 3x8 @ 80kg")
    assert "↩️ Undone" in await lifters.say("ben", "/undo")
    assert "Romanian deadlift" not in await lifters.say("ben", "/history")


async def test_a_coach_sets_a_prescription_on_a_named_exercise(lifters: GroupChat) -> None:
    await lifters.say("coach", "/set @ben squat load 100kg")
    me = await lifters.say("ben", "/me")
    assert "Barbell back squat 3 × 6 @ 100 kg" in me  # the squat's hypertrophy range starts at 6
    assert "Barbell hip thrust 3 × 8 @ 60 kg" in me


async def test_today_for_thirty_members_on_three_lifts_fits_one_telegram_message(lifters: GroupChat) -> None:
    for n in range(30):
        await lifters.say(f"member{n:02}", "/join intermediate 100kg")
    (reply,) = await lifters.replies("ben", "/today")
    assert len(reply.text) <= 4096
    assert "member29" in plain_text(reply.text)


async def test_content_commands_are_about_the_days_first_exercise(lifters: GroupChat) -> None:
    assert "glute" in (await lifters.say("ben", "/cues")).lower()  # Monday: the hip thrust first
    squat = await lifters.say("ben", "/cues squat")
    assert "hip thrust" not in squat.lower()
    assert "Goblet squat" in await lifters.say("ben", "/variations squat")


async def test_faq_answers_about_the_days_exercise_unless_the_question_names_another(
    lifters: GroupChat, clock: ManualClock
) -> None:
    clock.advance(timedelta(days=3))  # Thursday: squat and bench press
    answer = await lifters.say("ben", "/faq how deep should I go?")
    assert "hip thrust" not in answer.lower()
