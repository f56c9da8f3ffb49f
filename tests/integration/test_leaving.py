"""`/leave` keeps a member's history out of the program; `/forget` deletes the person."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import Spotter
from bot.markup import plain_text
from bot.messages import Address
from bot.store.tables import LogRow, MemberRow
from tests.helpers import GroupChat, button


async def _logs(spotter: Spotter) -> int:
    async with spotter.store.transaction() as tx:
        return int((await tx.session.execute(select(func.count()).select_from(LogRow))).scalar_one())


async def _members(spotter: Spotter) -> list[str]:
    async with spotter.store.transaction() as tx:
        return [m.name for m in (await tx.session.execute(select(MemberRow))).scalars()]


async def _two_members(chat: GroupChat) -> None:
    await chat.say("ana", "/join intermediate 60kg")
    await chat.say("ben", "/join intermediate 60kg")
    await chat.say("ana", "3x8 @ 60kg")
    await chat.say("ben", "3x8 @ 60kg")


async def test_a_member_who_leaves_is_out_of_today_and_keeps_their_history(
    spotter: Spotter, berlin_group: GroupChat
) -> None:
    await _two_members(berlin_group)
    answer = await berlin_group.say("ana", "/leave")
    assert "ana left the program" in answer
    assert "history stays (1 log)" in answer
    assert "\nana:" not in await berlin_group.say("ben", "/today")
    assert "join first" in await berlin_group.say("ana", "3x8 @ 62.5kg")  # not a member any more
    assert await _logs(spotter) == 2


async def test_joining_again_brings_the_history_back(berlin_group: GroupChat) -> None:
    await _two_members(berlin_group)
    await berlin_group.say("ana", "/leave")
    await berlin_group.say("ana", "/join intermediate 60kg")
    assert "3 × 8 @ 60 kg" in await berlin_group.say("ana", "/history")


async def test_forget_asks_first_and_only_the_person_can_confirm(
    spotter: Spotter, berlin_group: GroupChat
) -> None:
    await _two_members(berlin_group)
    (prompt,) = await berlin_group.replies("ana", "/forget")
    assert prompt.private
    assert "cannot be undone" in plain_text(prompt.text)
    refused = await berlin_group.tap("ben", button([prompt], "delete everything"))
    assert "admin" in refused.lower()
    assert await _logs(spotter) == 2


async def test_confirming_forget_deletes_the_person_in_every_group(
    spotter: Spotter, berlin_group: GroupChat
) -> None:
    await _two_members(berlin_group)
    elsewhere = GroupChat(spotter.coach, admins={"coach"}, address=Address("test", "-2002"))
    await elsewhere.say("coach", "/setup strength tue 07:00 Europe/Berlin")
    await elsewhere.say("ana", "/join beginner")
    (prompt,) = await berlin_group.replies("ana", "/forget")
    answer = await berlin_group.tap("ana", button([prompt], "delete everything"))
    assert "Spotter forgot you (1 log in 2 programs deleted" in answer
    assert await _members(spotter) == ["ben"]
    assert await _logs(spotter) == 1
    assert "/join" in await berlin_group.say("ana", "/me")


async def test_an_admin_forgets_a_member_who_left_but_not_one_who_stays(
    spotter: Spotter, berlin_group: GroupChat
) -> None:
    await _two_members(berlin_group)
    assert "ben" in await berlin_group.say("coach", "/forget ben")  # still a member: nobody to forget
    await berlin_group.say("ana", "/leave")
    (prompt,) = await berlin_group.replies("coach", "/forget ana")
    answer = await berlin_group.tap("coach", button([prompt], "delete everything"))
    assert "Spotter forgot them" in answer
    assert await _members(spotter) == ["ben"]


async def test_only_an_admin_forgets_someone_else(berlin_group: GroupChat) -> None:
    await _two_members(berlin_group)
    await berlin_group.say("ana", "/leave")
    assert "admin" in (await berlin_group.say("ben", "/forget ana")).lower()
