"""RSVP: "I'm in" / "Skipping" under the reminder, the list updated in place, and a skipped
session counted as no miss for progression, the nudge or a streak."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import Spotter
from bot.clock import ManualClock
from bot.domain import PushKind
from bot.markup import plain_text
from bot.messages import Reply
from bot.pushes import Due
from tests.fakes import FakeOutbox, RecordingSleep
from tests.helpers import GroupChat, button, reminder_due

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_REMINDER = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)


@pytest.fixture
async def members(berlin_group: GroupChat) -> GroupChat:
    for name, join in (
        ("ana", "/join beginner"),
        ("ben", "/join intermediate 60kg"),
        ("cara", "/join beginner"),
    ):
        await berlin_group.say(name, join)
    return berlin_group


async def _reminder(spotter: Spotter, chat: GroupChat, clock: ManualClock) -> Reply:
    outbox = FakeOutbox(clock)
    await spotter.pusher(outbox, sleep=RecordingSleep()).push(reminder_due(chat.address, MONDAY_REMINDER))
    (reminder,) = outbox.replies[chat.address]
    return reminder


async def _tap(chat: GroupChat, user: str, reminder: Reply, label: str) -> Reply:
    (answer,) = [
        r
        for r in await chat.replies(user, "", action=button([reminder], label).action, message_id="r1")
        if r.text
    ]
    return answer


async def test_the_reminder_asks_who_is_in(spotter: Spotter, members: GroupChat, clock: ManualClock) -> None:
    reminder = await _reminder(spotter, members, clock)
    assert [b.label for b in reminder.buttons] == ["🙋 I'm in", "🛌 Skipping"]


async def test_a_tap_rewrites_the_reminder_with_who_is_in_and_who_skips(
    spotter: Spotter, members: GroupChat, clock: ManualClock
) -> None:
    reminder = await _reminder(spotter, members, clock)
    await _tap(members, "ana", reminder, "I'm in")
    answer = await _tap(members, "ben", reminder, "Skipping")
    assert answer.replaces == "r1"
    text = plain_text(answer.text)
    assert "Hip thrust session today at 18:30" in text
    assert "🙋 In (1): ana" in text
    assert "🛌 Skipping (1): ben" in text
    assert [b.label for b in answer.buttons] == ["🙋 I'm in", "🛌 Skipping"]


async def test_changing_ones_mind_moves_the_name(
    spotter: Spotter, members: GroupChat, clock: ManualClock
) -> None:
    reminder = await _reminder(spotter, members, clock)
    await _tap(members, "ana", reminder, "Skipping")
    text = plain_text((await _tap(members, "ana", reminder, "I'm in")).text)
    assert "In (1): ana" in text
    assert "Skipping" not in text.split("/today")[1]


async def test_a_reminder_sent_after_answers_shows_them(
    spotter: Spotter, members: GroupChat, clock: ManualClock
) -> None:
    await members.say("cara", "can't make it", reply_to_bot=True)
    reminder = await _reminder(spotter, members, clock)
    assert "Skipping (1): cara" in plain_text(reminder.text)


async def test_a_typed_reply_answers_for_todays_session(members: GroupChat) -> None:
    assert "cara skips Monday 7 Dec" in await members.say("cara", "skipping today", reply_to_bot=True)
    assert "ana is in for Monday 7 Dec" in await members.say("ana", "I'm in!", reply_to_bot=True)


async def test_on_a_rest_day_a_typed_answer_is_for_the_next_session(
    members: GroupChat, clock: ManualClock
) -> None:
    clock.advance(timedelta(days=1))  # Tuesday
    assert "skips Thursday 10 Dec" in await members.say("cara", "can't make it", reply_to_bot=True)


async def test_someone_who_has_not_joined_is_told_how_to(
    spotter: Spotter, members: GroupChat, clock: ManualClock
) -> None:
    reminder = await _reminder(spotter, members, clock)
    (answer,) = await members.replies("zed", "", action=button([reminder], "I'm in").action, message_id="r1")
    assert answer.replaces is None
    assert "/join" in plain_text(answer.text)


async def test_the_nudge_leaves_out_who_said_they_would_skip(
    spotter: Spotter, members: GroupChat, clock: ManualClock
) -> None:
    await members.say("cara", "skipping", reply_to_bot=True)
    await members.say("ana", "bw 3x8")
    outbox = FakeOutbox(clock)
    nudge = Due(
        members.address,
        PushKind.NUDGE,
        MONDAY_REMINDER + timedelta(hours=4),
        MONDAY_REMINDER + timedelta(hours=1),
    )
    await spotter.pusher(outbox, sleep=RecordingSleep()).push(nudge)
    ((_, text),) = outbox.sent[members.address]
    assert "Not logged yet: ben." in text


async def test_a_week_skipped_in_advance_holds_without_a_miss_or_a_nudge(
    members: GroupChat, clock: ManualClock
) -> None:
    await members.say("ben", "skipping", reply_to_bot=True)
    clock.advance(timedelta(days=3))  # Thursday
    await members.say("ben", "can't make it", reply_to_bot=True)
    clock.advance(timedelta(days=3))  # Sunday
    summary = await members.say("coach", "/bump")
    ben = next(line for line in summary.splitlines() if line.startswith("• ben"))
    assert "skipped this week's sessions (said so in advance): holding" in ben
    assert "We missed you, ben" not in summary
    assert "We missed you" in summary  # ana and cara logged nothing and said nothing


async def test_a_skipped_session_keeps_a_streak_and_the_recap_counts_it(
    members: GroupChat, clock: ManualClock
) -> None:
    await members.say("ana", "bw 3x8")  # Monday, week 1
    clock.advance(timedelta(days=3))
    await members.say("ana", "bw 3x8")  # Thursday, week 1
    clock.advance(timedelta(days=4))
    await members.say("ana", "bw 3x9")  # Monday, week 2
    clock.advance(timedelta(days=3))
    await members.say("ana", "can't make it", reply_to_bot=True)  # Thursday, week 2: skipped
    clock.advance(timedelta(days=3))
    summary = await members.say("coach", "/bump")
    assert "Streaks kept: ana 2 weeks" in summary
    assert "The group trained 1 session this week (1 session skipped, said in advance)" in summary
