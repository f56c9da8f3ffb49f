"""Hostile and absurd input gets an answer, never a crash, on both stores."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.telegram.render import MAX_MESSAGE, split_markup, to_html
from bot.domain import Unit
from bot.markup import plain_text
from bot.messages import Address, Attachment, Kind
from bot.rules.reports import ReportError, parse_report
from tests.helpers import GroupChat, button

HUGE = "9" * 400
COMMANDS = (
    "/log",
    "/join",
    "/set @ben",
    "/setup",
    "/unit",
    "/faq",
    "/help",
    "/variations",
    "/exercise",
    "/pain",
    "/plates",
    "/plates set",
    "/progress",
    "/leaderboard",
    "/private",
    "/export",
    "/forget",
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (f"{HUGE}x10", "number_too_long"),
        (f"3x{HUGE}", "number_too_long"),
        (f"3x10 @ {HUGE}kg", "number_too_long"),
        ("1e308x1", "exponent"),
        ("3x10 @ 1e3", "exponent"),
    ],
)
def test_numbers_are_bounded_before_they_are_converted(text: str, code: str) -> None:
    with pytest.raises(ReportError) as error:
        parse_report(text, Unit.KG)
    assert error.value.code == code


async def test_a_huge_number_in_a_report_gets_a_reason(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    assert "surely a typo" in await berlin_group.say("ben", f"/log 3x{HUGE}")
    assert "Didn't" in await berlin_group.say("ben", f"{HUGE}x10", reply_to_bot=True)


@pytest.mark.parametrize(
    "data", ["undo:²", "undo:99999999999999999999", "undo:", "undo:1:2", "done:2026-13-45", "zz:1"]
)
async def test_forged_button_data_is_answered_privately_as_expired(
    berlin_group: GroupChat, data: str
) -> None:
    replies = await berlin_group.replies("ben", "", action=data, message_id="bot-9")
    assert [r.private for r in replies] == [True]
    assert "expired" in plain_text(replies[0].text)


async def test_an_undo_button_from_another_chat_reveals_no_name(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    undo = button(await berlin_group.replies("ben", "3x10 @ 60kg"), "undo")
    elsewhere = GroupChat(berlin_group.coach, admins={"coach"}, address=Address("test", "elsewhere"))
    await elsewhere.say("coach", "/setup strength mon 07:00 UTC")
    answer = await elsewhere.tap("mallory", undo)
    assert "ben" not in answer
    assert "expired or isn't yours" in answer
    assert "Undone" not in await berlin_group.tap("cara", undo)


async def test_refusing_someone_elses_undo_is_said_to_the_tapper_only(berlin_group: GroupChat) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    undo = button(await berlin_group.replies("ben", "3x10 @ 60kg"), "undo")
    replies = await berlin_group.replies("cara", "", action=undo.action, message_id="bot-1")
    assert [r.private for r in replies] == [True]


async def test_the_longest_telegram_name_with_a_nul_byte_can_join(berlin_group: GroupChat) -> None:
    name = "A" * 64 + " " + "\x00B" * 32 + "B" * 32
    answer = await berlin_group.say(name, "/join beginner")
    assert "Welcome to the program" in answer
    assert "\x00" not in answer
    assert "Welcome" not in await berlin_group.say(name, "/join beginner")  # a second time: updated


texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.digits + "x@,./ kglb-e", max_size=60),
    st.integers(min_value=0, max_value=10**1000).map(str),
    st.just("\x00"),
    st.text(min_size=4000, max_size=4200),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), args=texts, name=st.text(min_size=1, max_size=140))
async def test_no_command_argument_crashes_the_bot(
    berlin_group: GroupChat, command: str, args: str, name: str
) -> None:
    for reply in await berlin_group.replies(name, f"{command} {args}", reply_to_bot=True):
        assert reply.text
        assert all(len(to_html(chunk)) <= MAX_MESSAGE for chunk in split_markup(reply.text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.text(max_size=80),
        st.from_regex(r"(done|undo|pick|rsvp|forget|move):[0-9a-z²٣:-]{0,30}", fullmatch=True),
    )
)
async def test_no_button_payload_crashes_the_bot(berlin_group: GroupChat, data: str) -> None:
    for reply in await berlin_group.replies("ben", "", action=data, message_id="bot-2"):
        assert reply.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, message_id=st.sampled_from(["m1", "m2", "nope"]))
async def test_no_edit_crashes_the_bot(berlin_group: GroupChat, text: str, message_id: str) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg", message_id="m0")
    await berlin_group.say("ben", "3x10 @ 60kg", message_id="m1")
    for reply in await berlin_group.replies("ben", text, message_id=message_id, kind=Kind.EDIT):
        assert reply.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000).map(str.encode),
        st.lists(st.text(alphabet=string.printable, max_size=20), max_size=12).map(
            lambda cells: ("Date,Exercise Name,Reps,Weight\n" + ",".join(cells) + "\n").encode()
        ),
    )
)
async def test_no_uploaded_file_crashes_the_import(berlin_group: GroupChat, data: bytes) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    for reply in await berlin_group.replies("ben", "/import", document=Attachment("x.csv", data)):
        assert reply.text
