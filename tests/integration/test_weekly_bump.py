from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Spotter
from bot.clock import ManualClock
from bot.domain import PushKind
from bot.messages import Address
from bot.pushes import Due, Outcome
from bot.services import weekly
from bot.services.weekly import BumpResult
from tests.fakes import FakeOutbox
from tests.helpers import GroupChat

WEEK = "2026-W50"  # Monday 7 Dec 2026


@pytest.fixture
async def week(berlin_group: GroupChat, clock: ManualClock) -> GroupChat:
    """A week of training: ben tops the range, cara hits target, ana reports pain, dan is silent."""
    chat = berlin_group
    await chat.say("ana", "/join intermediate 40kg")
    await chat.say("ben", "/join intermediate 60kg")
    await chat.say("cara", "/join advanced 135 lb")
    await chat.say("dan", "/join intermediate 50kg")
    await chat.say("coach", "/setup hypertrophy")  # no-op change keeps everyone at 3 × 8
    clock.advance(timedelta(hours=11))  # Monday evening
    await chat.say("ben", "3x15 @ 60kg")
    await chat.say("cara", "9,9,9 @ 135")
    await chat.say("ana", "3x10 @ 40kg")
    await chat.say("ana", "my knee hurts")
    clock.advance(timedelta(days=6, hours=1))  # Sunday 20:30
    return chat


async def test_the_bump_moves_each_member_and_says_why(week: GroupChat) -> None:
    summary = await week.say("coach", "/bump")
    assert "Weekly progress, week of Mon 7 Dec" in summary
    assert (
        "ben: barbell 3 × 8 @ 60 kg → barbell 3 × 8 @ 62.5 kg "
        "(all 3 sets at 15 reps: +2.5 kg, back to 8 reps)" in summary
    )
    assert (
        "cara: barbell 3 × 8 @ 135 lb → barbell 3 × 9 @ 135 lb "
        "(every set reached 8+ reps (best 9): target 9 reps next)" in summary
    )
    assert "ana: holds barbell 3 × 8 @ 40 kg (pain reported" in summary
    assert (
        "dan: holds barbell 3 × 8 @ 50 kg (no barbell logs this week: holding). We missed you, dan" in summary
    )


async def test_someone_who_joined_after_the_weeks_last_session_is_not_told_they_were_missed(
    week: GroupChat,
) -> None:
    await week.say("eve", "/join intermediate 45kg")  # Sunday evening, after Thursday's session
    summary = await week.say("coach", "/bump")
    assert "eve: holds barbell 3 × 8 @ 45 kg" in summary
    assert "We missed you, eve" not in summary
    assert "We missed you, dan" in summary


async def test_me_shows_the_new_prescription_and_the_reason(week: GroupChat) -> None:
    await week.say("coach", "/bump")
    me = await week.say("ben", "/me")
    assert "Barbell hip thrust 3 × 8 @ 62.5 kg" in me
    assert "Last change (week of 7 Dec): all 3 sets at 15 reps: +2.5 kg, back to 8 reps" in me


async def test_running_the_bump_twice_in_a_week_changes_nothing(week: GroupChat) -> None:
    await week.say("coach", "/bump")
    before = await week.say("ben", "/me")
    assert "already applied" in await week.say("coach", "/bump")
    assert await week.say("ben", "/me") == before


async def test_the_bump_service_applies_a_week_once(week: GroupChat, spotter: Spotter) -> None:
    async def bump() -> BumpResult | None:
        async with spotter.store.transaction() as tx:
            group = await tx.group(week.address)
            assert group is not None
            return await weekly.apply_bump(tx, group, WEEK, spotter.clock.now(), spotter.coach.catalogue)

    first = await bump()
    assert first is not None
    assert [m.name for m in first.members] == ["ana", "ben", "cara", "dan"]
    assert await bump() is None


async def test_a_bump_for_an_unknown_group_sends_nothing(spotter: Spotter) -> None:
    outbox = FakeOutbox(spotter.clock)
    due = Due(Address("test", "nowhere"), PushKind.BUMP, spotter.clock.now())
    assert await spotter.pusher(outbox).push(due) is Outcome.NO_GROUP
    assert outbox.attempts == 0


async def test_the_summary_lists_the_weeks_prs(berlin_group: GroupChat, clock: ManualClock) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("ben", "/log 3x10 @ 55kg")
    clock.advance(timedelta(days=7))
    await berlin_group.say("ben", "3x10 @ 60kg")
    clock.advance(timedelta(days=6, hours=11))
    assert "PRs this week: ben (est. 1RM 80 kg, barbell)" in await berlin_group.say("coach", "/bump")


async def test_only_admins_bump(week: GroupChat) -> None:
    assert "only a chat admin can use /bump" in await week.say("ben", "/bump")


async def test_a_member_who_misses_twice_is_deloaded(berlin_group: GroupChat, clock: ManualClock) -> None:
    chat = berlin_group
    await chat.say("ben", "/join intermediate 60kg")
    for _ in range(2):
        await chat.say("ben", "3x6 @ 60kg")
        clock.advance(timedelta(days=6, hours=11))
        await chat.say("coach", "/bump")
        clock.advance(timedelta(hours=13))  # the next Monday morning
    assert "Barbell hip thrust 3 × 8 @ 55 kg" in await chat.say("ben", "/me")


async def test_set_changes_a_prescription_and_shows_in_the_summary(week: GroupChat) -> None:
    answer = await week.say("coach", "/set @ben load 70kg reps 10")
    assert "ben: barbell 3 × 8 @ 60 kg → barbell 3 × 10 @ 70 kg (set by the coach)" in answer
    summary = await week.say("coach", "/bump")
    assert "Coach changes this week" in summary
    assert "barbell 3 × 8 @ 60 kg → barbell 3 × 10 @ 70 kg, set by the coach" in summary


async def test_set_can_change_the_variation(week: GroupChat) -> None:
    await week.say("coach", "/set @dan variation single-leg")
    assert "Single-leg hip thrust 3 × 8 each side" in await week.say("dan", "/me")


async def test_set_to_a_loaded_variation_needs_a_load(week: GroupChat) -> None:
    await week.say("coach", "/set @dan variation bodyweight")
    assert "needs a load too" in await week.say("coach", "/set @dan variation barbell")


async def test_hold_keeps_a_member_at_the_bump(week: GroupChat) -> None:
    await week.say("coach", "/hold @ben")
    assert "ben: holds barbell 3 × 8 @ 60 kg (held by the coach this week)" in await week.say(
        "coach", "/bump"
    )


async def test_deload_takes_ten_percent_off_now(week: GroupChat) -> None:
    answer = await week.say("coach", "/deload @cara")
    assert "barbell 3 × 8 @ 135 lb → barbell 3 × 8 @ 120 lb" in answer


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/set", "Who?"),
        ("/set @zed load 70kg", "No member called zed"),
        ("/set @ben", "Say what to set"),
        ("/set @ben load heavy", "A load looks like 70kg"),
        ("/set @ben load 900kg", "at most 500 kg"),
        ("/set @ben reps 0", "reps must be a whole number, 1–100"),
        ("/set @ben colour red", "I can set load, reps, sets or variation"),
        ("/set @ben variation zercher", "Unknown variation"),
    ],
)
async def test_bad_coach_commands_get_a_helpful_answer(week: GroupChat, command: str, answer: str) -> None:
    assert answer in await week.say("coach", command)


async def test_members_cannot_use_coach_controls(week: GroupChat) -> None:
    assert "only a chat admin" in await week.say("ben", "/set @ben load 100kg")


async def test_a_big_groups_summary_lists_the_changes_and_counts_the_holds(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    for i in range(14):
        await berlin_group.say(f"lifter{i:02}", "/join intermediate 60kg")
    clock.advance(timedelta(hours=11))
    await berlin_group.say("lifter00", "3x15 @ 60kg")
    clock.advance(timedelta(days=6))
    summary = await berlin_group.say("coach", "/bump")
    assert "lifter00: barbell 3 × 8 @ 60 kg → barbell 3 × 8 @ 62.5 kg" in summary
    assert "13 members hold this week's weights; /me says why." in summary
    assert "lifter01" not in summary
