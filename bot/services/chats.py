"""What happens to a chat as a whole: it moves to a new id, the bot is removed, or added back."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.messages import Address
from bot.store.repository import Tx

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Relocated:
    """The program now lives at `to`; `already` when an earlier notice had moved it."""

    to: Address
    already: bool = False


@dataclass(frozen=True, slots=True)
class Back:
    """The bot is in the chat again: pushes resume unless an admin had paused them."""

    has_program: bool
    resumed: bool
    paused_by_admin: bool


async def move(tx: Tx, old: Address, new: Address) -> Relocated | None:
    """Move the chat's program (members, logs, deliveries hang off it) to the chat's new id.

    Idempotent: Telegram announces an upgrade twice (in the old chat and in the new one) and a
    send to the old id says so a third time; the first to run moves it, the others find it
    moved. None when neither id has a program. If both do (someone ran `/setup` in the new chat
    before the upgrade was seen), the new chat's program wins and the old one is left alone.
    """
    old, new = old.chat, new.chat
    group = await tx.group(old)
    if group is None:
        return Relocated(new, already=True) if await tx.group(new) is not None else None
    if await tx.group(new) is not None:
        log.warning("%s moved to %s, which already has a program; keeping that one", old, new)
        return Relocated(new, already=True)
    group.address, group.push_thread = str(new), None  # an upgraded group has no topics yet
    await tx.add(group)
    return Relocated(new)


async def removed(tx: Tx, address: Address, now: datetime) -> bool:
    """The bot is out of the chat: silence its pushes until it is back. False without a program."""
    group = await tx.group(address)
    if group is None:
        return False
    if group.removed_at is None:
        group.removed_at, group.updated_at = now, now
        await tx.add(group)
    return True


async def added(tx: Tx, address: Address, now: datetime) -> Back:
    """The bot is in the chat (again): a pause that came from its removal ends."""
    group = await tx.group(address)
    if group is None:
        return Back(has_program=False, resumed=False, paused_by_admin=False)
    resumed = group.removed_at is not None and not group.paused
    if group.removed_at is not None:
        group.removed_at, group.updated_at = None, now
        await tx.add(group)
    return Back(has_program=True, resumed=resumed, paused_by_admin=group.paused)
