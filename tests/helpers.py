"""A tiny group chat that drives the Coach directly, for tests of the core."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, time, timedelta
from itertools import count

from bot.app import Spotter
from bot.coach import Coach
from bot.domain import Goal, Level, PushKind, Unit
from bot.markup import plain_text
from bot.messages import Address, Attachment, Button, Incoming, Kind, Reply
from bot.pushes import Due
from bot.rules.membership import JoinRequest
from bot.rules.program import ProgramChange
from bot.services import members, program
from bot.store.repository import Tx


class GroupChat:
    """People talking in one group; `say` returns the bot's answer as plain text."""

    def __init__(self, coach: Coach, admins: set[str], address: Address | None = None) -> None:
        self.coach = coach
        self.admins = admins
        self.address = address or Address("test", "-1001")
        self._ids = count(1)

    async def replies(
        self,
        user: str,
        text: str,
        *,
        message_id: str | None = None,
        reply_to_bot: bool = False,
        action: str | None = None,
        addressed: bool = True,
        kind: Kind = Kind.MESSAGE,
        document: Attachment | None = None,
    ) -> list[Reply]:
        incoming = Incoming(
            address=self.address,
            user_id=f"id-{user}",
            user_name=user,
            is_admin=user in self.admins,
            text=text,
            message_id=message_id or f"m{next(self._ids)}",
            reply_to_bot=reply_to_bot,
            action=action,
            addressed=addressed,
            kind=kind,
            document=document,
        )
        return await self.coach.handle(incoming)

    async def say(self, user: str, text: str, **kwargs: object) -> str:
        replies = await self.replies(user, text, **kwargs)  # type: ignore[arg-type]
        return "\n".join(plain_text(r.text) for r in replies)

    async def edit(self, user: str, message_id: str, text: str) -> str:
        """`user` edits their message `message_id` to say `text`."""
        return await self.say(user, text, message_id=message_id, kind=Kind.EDIT)

    async def tap(self, user: str, button: Button, on_message: str = "bot-1") -> str:
        return await self.say(user, "", action=button.action, message_id=on_message)


def button(replies: list[Reply], label: str) -> Button:
    """The button whose label contains `label` in a list of replies."""
    return next(b for r in replies for b in r.buttons if label.lower() in b.label.lower())


def reminder_due(address: Address, occurrence: datetime, lead: timedelta = timedelta(hours=1)) -> Due:
    """The reminder firing at `occurrence` for a session `lead` later (the default lead)."""
    return Due(address, PushKind.REMINDER, occurrence, occurrence + lead)


async def eventually(check: Callable[[], Awaitable[bool]], within: float = 10.0) -> None:
    """Wait until `check()` holds: for effects with no message to wait on (a flag in the
    database set by an update that gets no reply)."""
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 - the effect is in the database, not an event
            await asyncio.sleep(0.05)


async def write_groups(
    spotter: Spotter,
    addresses: Sequence[Address],
    now: datetime,
    *,
    weekdays: tuple[int, ...] = (0, 3),
    members_per_group: int = 1,
    batch: int = 250,
) -> None:
    """Groups training at 18:30 in Berlin, each with members `7`, `8`, … (intermediate, 60 kg),
    written through the services `batch` groups a transaction: for tests and benchmarks of
    many groups, where a chat per group would take minutes."""
    change = ProgramChange(
        goal=Goal.HYPERTROPHY, weekdays=weekdays, start=time(18, 30), timezone="Europe/Berlin"
    )
    request = JoinRequest(Level.INTERMEDIATE, 60, Unit.KG, None)
    catalogue = spotter.coach.catalogue
    for first in range(0, len(addresses), batch):

        async def write(tx: Tx, chunk: Sequence[Address] = addresses[first : first + batch]) -> None:
            for address in chunk:
                await program.set_up(tx, address, change, now, spotter.exercise, catalogue=catalogue)
                group = await tx.group(address)
                assert group is not None
                for m in range(members_per_group):
                    await members.join(tx, group, str(7 + m), f"Lifter {7 + m}", request, now, catalogue)

        await spotter.store.run(write)
