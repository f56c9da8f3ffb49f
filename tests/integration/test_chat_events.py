"""Chat-wide events through the Coach, on SQLite and PostgreSQL: a chat moving to a new id, the
bot removed and added back, private chats answering across a member's groups."""

from __future__ import annotations

from bot.app import Spotter
from bot.messages import Address, Incoming, Kind
from tests.helpers import GroupChat

NEW = Address("test", "-2002")


async def _event(spotter: Spotter, kind: Kind, at: Address, moved_to: Address | None = None) -> str:
    replies = await spotter.coach.handle(Incoming(at, "u1", "Coach", False, "", kind=kind, moved_to=moved_to))
    return "\n".join(r.text for r in replies)


async def test_a_moved_chat_keeps_its_members_and_logs_under_the_new_id(
    berlin_group: GroupChat, spotter: Spotter
) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    await berlin_group.say("ben", "3x10 @ 60kg")
    for _ in range(2):  # announced twice: moved once
        await _event(spotter, Kind.MOVED, berlin_group.address, NEW)
    moved = GroupChat(spotter.coach, {"coach"}, NEW)
    assert "3 × 10 @ 60 kg" in await moved.say("ben", "/history")
    assert "no program" in (await berlin_group.say("ben", "/today")).lower()


async def test_removal_pauses_pushes_and_adding_back_resumes_them(
    berlin_group: GroupChat, spotter: Spotter
) -> None:
    await _event(spotter, Kind.REMOVED, berlin_group.address)
    assert "was I removed?" in await berlin_group.say("coach", "/schedule")
    assert "reminders are on again" in await _event(spotter, Kind.ADDED, berlin_group.address)
    assert "Reminder 60 min before" in await berlin_group.say("coach", "/schedule")


async def test_a_private_report_goes_to_the_members_only_group(
    berlin_group: GroupChat, spotter: Spotter
) -> None:
    await berlin_group.say("ben", "/join intermediate 60kg")
    private = Address("test", "id-ben")
    replies = await spotter.coach.handle(
        Incoming(private, "id-ben", "ben", False, "3x8 @ 60kg", message_id="p1", private=True)
    )
    assert "Logged for" in replies[0].text
    assert "3 × 8 @ 60 kg" in await berlin_group.say("ben", "/history")
