from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.markup import plain_text
from tests.helpers import GroupChat, button
from tests.lifts import HIP, HT, Variation


@pytest.fixture
async def gym(berlin_group: GroupChat, clock: ManualClock) -> GroupChat:
    """The Berlin group on Monday evening after training, with ben (kg) and cara (lb)."""
    await berlin_group.say("ana", "/join beginner")
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("cara", "/join advanced 135 lb")
    clock.advance(timedelta(hours=10, minutes=30))
    return berlin_group


async def _log_count(chat: GroupChat, user: str) -> int:
    history = await chat.say(user, "/history")
    return history.count("• ")


async def test_a_free_text_report_is_logged_and_confirmed_with_undo(gym: GroupChat) -> None:
    replies = await gym.replies("ben", "✅ did 3x10 @ 60kg today 🔥")
    assert "Logged for ben, Monday 7 Dec: 3 × 10 @ 60 kg." in plain_text(replies[0].text)
    assert button(replies, "undo").action.startswith("undo:")


async def test_confirmations_use_the_members_unit(gym: GroupChat) -> None:
    assert "10, 10, 8 @ 140 lb" in await gym.say("cara", "10,10,8 at 140")


async def test_a_report_without_a_load_takes_the_prescribed_load(gym: GroupChat) -> None:
    assert "3 × 10 @ 60 kg" in await gym.say("ben", "/log 3x10")


async def test_a_reply_to_the_bot_is_logged(gym: GroupChat) -> None:
    assert "Logged for ben" in await gym.say("ben", "3x8", reply_to_bot=True)


async def test_a_reply_to_the_bot_with_numbers_but_no_report_gets_a_hint(gym: GroupChat) -> None:
    answer = await gym.say("ben", "did it at 7", reply_to_bot=True)
    assert "Didn't understand that" in answer
    assert "3x10 @ 60kg" in answer


async def test_thanks_in_reply_to_the_bot_gets_no_hint(gym: GroupChat) -> None:
    assert await gym.say("ben", "thanks coach!", reply_to_bot=True) == ""


async def test_ordinary_chat_is_ignored_silently(gym: GroupChat) -> None:
    assert await gym.replies("ben", "who's coming on thursday?") == []
    assert await gym.replies("ben", "see you at 6") == []


async def test_log_that_cannot_be_read_says_why(gym: GroupChat) -> None:
    assert "Didn't understand that: 101 reps is outside 1–100" in await gym.say("ben", "/log 3x101")


async def test_an_absurd_number_in_chat_gets_the_reason_not_silence(gym: GroupChat) -> None:
    assert "600 kg is more than 500 kg" in await gym.say("ben", "3x10 @ 600kg")


async def test_the_done_button_logs_the_members_own_prescription(gym: GroupChat) -> None:
    done = button(await gym.replies("ana", "/today"), "done")
    assert "Logged for cara, Monday 7 Dec: 3 × 8 @ 135 lb." in await gym.tap("cara", done)
    assert "Logged for ana, Monday 7 Dec: 3 × 8 (bodyweight)." in await gym.tap("ana", done)


async def test_a_double_tap_logs_once(gym: GroupChat) -> None:
    done = button(await gym.replies("ben", "/today"), "done")
    await gym.tap("ben", done)
    assert "Already logged" in await gym.tap("ben", done)
    assert await _log_count(gym, "ben") == 1


async def test_a_redelivered_message_is_logged_once_and_answered_once(gym: GroupChat) -> None:
    first = await gym.replies("ben", "3x10 @ 60kg", message_id="tg-77")
    again = await gym.replies("ben", "3x10 @ 60kg", message_id="tg-77")
    assert len(first) == 1
    assert again == []
    assert await _log_count(gym, "ben") == 1


async def test_undo_button_removes_the_log(gym: GroupChat) -> None:
    undo = button(await gym.replies("ben", "3x10 @ 60kg"), "undo")
    assert "Undone: ben's Monday 7 Dec log (3 × 10 @ 60 kg)" in await gym.tap("ben", undo)
    assert await _log_count(gym, "ben") == 0


async def test_only_the_owner_can_undo_a_log(gym: GroupChat) -> None:
    undo = button(await gym.replies("ben", "3x10 @ 60kg"), "undo")
    assert "Only ben can undo that log" in await gym.tap("cara", undo)
    assert await _log_count(gym, "ben") == 1


async def test_done_can_be_tapped_again_after_undo(gym: GroupChat) -> None:
    done = button(await gym.replies("ben", "/today"), "done")
    undo = button(await gym.replies("ben", "", action=done.action, message_id="bot-1"), "undo")
    await gym.tap("ben", undo)
    assert "Logged for ben" in await gym.tap("ben", done)
    assert await _log_count(gym, "ben") == 1


async def test_undo_command_removes_only_the_last_log(gym: GroupChat) -> None:
    await gym.say("ben", "3x10 @ 60kg")
    await gym.say("ben", "/log 1x12 @ 50kg")
    assert "1 × 12 @ 50 kg" in await gym.say("ben", "/undo")
    assert await _log_count(gym, "ben") == 1


async def test_undo_with_nothing_logged_says_so(gym: GroupChat) -> None:
    assert "Nothing to undo" in await gym.say("ben", "/undo")


async def test_a_past_day_of_this_week_can_be_logged(gym: GroupChat, clock: ManualClock) -> None:
    clock.advance(timedelta(days=2))  # Wednesday
    assert "Logged for ben, Monday 7 Dec" in await gym.say("ben", "/log mon 3x10 @ 60")
    assert "Logged for ben, Tuesday 8 Dec" in await gym.say("ben", "/log yesterday 3x10 @ 60")


async def test_a_day_still_to_come_cannot_be_logged(gym: GroupChat) -> None:
    assert "Thursday hasn't happened yet this week" in await gym.say("ben", "/log thu 3x10")


async def test_history_lists_recent_sessions_newest_first(gym: GroupChat, clock: ManualClock) -> None:
    await gym.say("ben", "3x10 @ 60kg")
    clock.advance(timedelta(days=3))
    await gym.say("ben", "3x10 @ 62.5kg rpe 8")
    history = await gym.say("ben", "/history")
    assert history.index("Thursday 10 Dec: 3 × 10 @ 62.5 kg, RPE 8") < history.index("Monday 7 Dec")


async def test_a_heavier_log_is_announced_as_a_personal_record(gym: GroupChat) -> None:
    first = await gym.say("ben", "3x10 @ 60kg")
    assert "🏆" not in first
    answer = await gym.say("ben", "3x10 @ 65kg")
    assert "New best estimated 1RM: 86.7 kg" in answer
    assert "Heaviest 10-rep set yet: 65 kg" in answer


async def test_an_undone_log_does_not_count_towards_records(gym: GroupChat) -> None:
    await gym.say("ben", "3x10 @ 60kg")
    await gym.say("ben", "3x10 @ 80kg")
    await gym.say("ben", "/undo")
    assert "Heaviest 10-rep set yet: 70 kg" in await gym.say("ben", "3x10 @ 70kg")


async def test_a_pain_report_gets_safety_advice_and_is_recorded(gym: GroupChat) -> None:
    answer = await gym.say("cara", "my lower back hurts after today")
    assert "Sorry your lower back hurts, cara" in answer
    assert "stop the set" in answer
    assert "no bump" in answer


async def test_a_report_that_mentions_pain_is_logged_and_flagged(gym: GroupChat) -> None:
    answer = await gym.say("ben", "3x10 @ 60kg but knee pain on the last set")
    assert "Logged for ben" in answer
    assert "Sorry your knee hurts" in answer


async def test_no_pain_is_not_a_pain_report(gym: GroupChat) -> None:
    assert "🩹" not in await gym.say("ben", "3x10 @ 60kg, no pain at all")


async def test_pain_command_records_without_text(gym: GroupChat) -> None:
    assert "Sorry something hurts, ben" in await gym.say("ben", "/pain")
    assert "Sorry your hip hurts, ben" in await gym.say("ben", "/pain hip")


async def test_a_stranger_reporting_sets_is_asked_to_join(gym: GroupChat) -> None:
    assert "join first" in await gym.say("dan", "3x10 @ 60kg")


async def test_a_stranger_tapping_done_is_asked_to_join(gym: GroupChat) -> None:
    done = button(await gym.replies("ben", "/today"), "done")
    assert "Join first, dan" in await gym.tap("dan", done)


async def test_a_stranger_chatting_is_ignored(gym: GroupChat) -> None:
    assert await gym.replies("dan", "nice one ben") == []


async def test_an_expired_button_is_explained(gym: GroupChat) -> None:
    assert "expired" in await gym.say("ben", "", action="bump:42")


async def _pain_flags(chat: GroupChat, user: str) -> int:
    async with chat.coach.store.transaction() as tx:
        group = await tx.group(chat.address)
        assert group is not None
        member = await tx.member(group, f"id-{user}")
        assert member is not None
        return len(await tx.pain_in_week(member, "2026-W50"))


async def test_an_edit_that_drops_the_pain_drops_its_flag(gym: GroupChat) -> None:
    await gym.say("ben", "3x10 @ 60kg, knee hurts a bit", message_id="r1")
    assert await _pain_flags(gym, "ben") == 1
    assert "Updated for ben" in await gym.edit("ben", "r1", "3x10 @ 60kg")
    assert await _pain_flags(gym, "ben") == 0


async def test_an_edit_that_adds_pain_flags_it(gym: GroupChat) -> None:
    await gym.say("ben", "3x10 @ 60kg", message_id="r1")
    assert "Sorry your knee hurts" in await gym.edit("ben", "r1", "3x10 @ 60kg, knee hurts")
    assert await _pain_flags(gym, "ben") == 1


async def test_an_edit_that_raises_the_load_is_a_record_and_one_that_lowers_it_is_not(gym: GroupChat) -> None:
    await gym.say("ben", "3x8 @ 60kg", message_id="r0")
    await gym.say("ben", "3x8 @ 70kg", message_id="r1")
    assert "🏆" in await gym.edit("ben", "r1", "3x8 @ 75kg")
    assert "🏆" not in await gym.edit("ben", "r1", "3x8 @ 55kg")


async def test_an_edit_with_an_absurd_number_is_refused_and_the_log_kept(gym: GroupChat) -> None:
    await gym.say("ben", "3x10 @ 60kg", message_id="r1")
    assert "Didn't log that" in await gym.edit("ben", "r1", "3x10 @ 60000kg")
    assert "3 × 10 @ 60 kg" in await gym.say("ben", "/history")


async def test_an_edited_log_command_keeps_its_day(gym: GroupChat) -> None:
    await gym.say("ben", "/log yesterday 3x8 @ 55kg", message_id="r1")
    assert "Updated for ben, Sunday 6 Dec: 3 × 9 @ 55 kg" in await gym.edit(
        "ben", "r1", "/log yesterday 3x9 @ 55kg"
    )


async def _only_log_variation(chat: GroupChat, user: str) -> Variation:
    async with chat.coach.store.transaction() as tx:
        group = await tx.group(chat.address)
        assert group is not None
        member = await tx.member(group, f"id-{user}")
        assert member is not None
        (entry,) = await tx.recent_logs(member, 5)
        return HIP.rung(entry.variation)


async def test_a_loaded_report_on_bodyweight_is_logged_on_the_barbell_it_implies(gym: GroupChat) -> None:
    answer = await gym.say("ana", "3x10 with 40 kilos")
    assert "Logged for ana, Monday 7 Dec: 3 × 10 @ 40 kg." in answer
    assert "bodyweight" not in answer
    assert await _only_log_variation(gym, "ana") is HT.BARBELL


async def test_a_light_loaded_report_on_bodyweight_is_logged_on_dumbbells(gym: GroupChat) -> None:
    await gym.say("ana", "3x10 with 12 kilos")
    assert await _only_log_variation(gym, "ana") is HT.DUMBBELL


async def test_the_week_after_a_loaded_report_the_beginner_trains_on_that_load(
    gym: GroupChat, clock: ManualClock
) -> None:
    await gym.say("ana", "3x10 with 40 kilos")
    clock.advance(timedelta(days=6))
    summary = await gym.say("coach", "/bump")
    assert "ana: bodyweight 3 × 8 → barbell 3 × 8 @ 40 kg" in summary
    assert "trained with barbell at 40 kg: carrying on from there" in summary


async def test_log_last_weekday_is_logged_on_that_day(gym: GroupChat, clock: ManualClock) -> None:
    clock.advance(timedelta(days=2))  # Wednesday 9 Dec
    assert "Tuesday 8 Dec" in await gym.say("ben", "/log last tuesday 3x8 @ 60kg")
    assert "Thursday 3 Dec" in await gym.say("ben", "/log last thursday 3x8 @ 60kg")
    assert "Monday 7 Dec" in await gym.say("ben", "/log on mon 3x8 @ 60kg")


async def test_a_report_naming_another_lift_is_logged_on_that_lift_not_the_program_lift(
    gym: GroupChat,
) -> None:
    answer = await gym.say("ben", "RDL 3x8 @ 80kg")
    assert "Logged Romanian deadlift for ben" in answer
    assert "Your working load is now 80 kg" in answer  # the RDL's own track, not the hip thrust's
    assert "Romanian deadlift 3 × 8 @ 80 kg" in await gym.say("ben", "/history")
    assert "Barbell hip thrust 3 × 8 @ 60 kg" in await gym.say("ben", "/me")


async def test_a_report_naming_the_program_lift_is_logged(gym: GroupChat) -> None:
    assert "Logged for ben" in await gym.say("ben", "hip thrusts 3x8 @ 60kg")


async def test_a_member_who_joins_without_a_load_finds_it_and_their_first_log_sets_it(
    gym: GroupChat,
) -> None:
    joined = await gym.say("dan", "/join intermediate")
    assert "Barbell hip thrust 3 × 8 @ a load you could lift 10 times" in joined
    assert "Your first log sets your load" in joined
    assert "dan: Barbell hip thrust 3 × 8 @ a load you could lift 10 times" in await gym.say("ana", "/today")
    assert "🎯 Your working load is now 70 kg" in await gym.say("dan", "3x8 @ 70kg")
    assert "3 × 8 @ 70 kg" in await gym.say("dan", "/me")
    assert "🎯" not in await gym.say("dan", "3x8 @ 72.5kg")
