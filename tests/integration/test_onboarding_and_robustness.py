from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Spotter
from tests.helpers import GroupChat


async def test_start_in_a_new_group_says_what_to_do_first(chat: GroupChat) -> None:
    answer = await chat.say("coach", "/start")
    assert "1. A chat admin sets the program" in answer
    assert "/join beginner" in answer


async def test_start_in_a_set_up_group_shows_the_program(berlin_group: GroupChat) -> None:
    answer = await berlin_group.say("ana", "/start")
    assert "trains Mon & Thu at 18:30 (Europe/Berlin)" in answer


async def test_help_lists_every_command_with_its_summary(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/help")
    for command in ("/setup", "/join", "/today", "/faq", "/warmup", "/safety", "/unit", "/me", "/schedule"):
        assert command in answer
    assert "Show today's session for every member" in answer


async def test_help_for_one_command_shows_its_usage(chat: GroupChat) -> None:
    assert "/setup goal days time tz [sets] (admins only)" in await chat.say("ana", "/help setup")


async def test_commands_addressed_with_the_bot_name_work(chat: GroupChat) -> None:
    assert "Coaching cues" in await chat.say("ana", "/cues@SpotterBot")


async def test_an_unknown_command_points_to_help(chat: GroupChat) -> None:
    assert "I don't know /deadlift. Try /help" in await chat.say("ana", "/deadlift")


async def test_ordinary_chat_gets_no_reply(chat: GroupChat) -> None:
    assert await chat.replies("ana", "see you all at the gym!") == []


COMMANDS = [
    "/start",
    "/help",
    "/setup",
    "/schedule",
    "/join",
    "/me",
    "/unit",
    "/today",
    "/faq",
    "/exercise",
    "/variations",
]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), junk=st.text(max_size=60), admin=st.booleans())
async def test_junk_arguments_never_crash_any_command(
    spotter: Spotter, command: str, junk: str, admin: bool
) -> None:
    chat = GroupChat(spotter.coach, admins={"coach"})
    await chat.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    replies = await chat.replies("coach" if admin else "ana", f"{command} {junk}")
    assert len(replies) == 1
    assert replies[0].text.strip()
