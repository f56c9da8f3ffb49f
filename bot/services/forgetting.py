"""Leaving a program, and forgetting a person: members own their data.

`/leave` takes a member out of one program and keeps their history, so `/join` brings them back
with it. `forget` deletes everything Spotter holds about a person on one platform: their
memberships in every group with their tracks, logs, records, changes, pain reports and RSVPs
(the database cascades from the member row), their parked reports, a program run in their
private chat, their names in stored weekly summaries, the updates they sent (the inbox) and the
delivered replies that name them (the outbox). Updates still being handled when it runs — the
`/forget` tap itself — are cleared by `forget_traffic` once they are handled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlmodel import col

from bot.messages import Address
from bot.store.repository import Tx
from bot.store.tables import INBOX, OUTBOX, GroupRow, MemberRow, ParkedReportRow


@dataclass(frozen=True, slots=True)
class Left:
    name: str
    logs_kept: int


@dataclass(frozen=True, slots=True)
class Forgotten:
    groups: int  # programs the person was in
    logs: int  # logs deleted


async def leave(tx: Tx, member: MemberRow, now: datetime) -> Left:
    member.left_at = now
    await tx.add(member)
    return Left(member.name, len(await tx.history(member)))


async def forget(tx: Tx, platform: str, user_id: str) -> Forgotten:
    """Delete every row about the person on `platform` (see the module doc)."""
    memberships = await tx.every_membership(platform, user_id)
    names = {n for _, m in memberships for n in (m.name, m.username) if n}
    logs = 0
    for group, member in memberships:
        logs += len(await tx.history(member))
        await _scrub_summaries(tx, group, names)
    member_ids = [m.pk for _, m in memberships]
    if member_ids:
        await tx.session.execute(delete(MemberRow).where(col(MemberRow.id).in_(member_ids)))
    await tx.session.execute(
        delete(ParkedReportRow).where(
            col(ParkedReportRow.platform) == platform, col(ParkedReportRow.user_id) == user_id
        )
    )
    private_chat = str(Address(platform, user_id))  # Telegram: a private chat's id is the user's
    await tx.session.execute(delete(GroupRow).where(col(GroupRow.address) == private_chat))
    chats = {group.address for group, _ in memberships} | {private_chat}
    await forget_traffic(tx, platform, user_id, names, chats)
    return Forgotten(len(memberships), logs)


async def forget_traffic(tx: Tx, platform: str, user_id: str, names: set[str], chats: set[str]) -> None:
    """Delete handled updates the person sent (or that point at them) and delivered replies in
    their chats that name them."""
    handled = await tx.session.execute(
        select(INBOX.c.id, INBOX.c.payload).where(
            INBOX.c.platform == bindparam("platform"), INBOX.c.handled_at.is_not(None)
        ),
        {"platform": platform},
    )
    gone = [row_id for row_id, payload in handled.all() if _from_or_about(payload, user_id)]
    if gone:
        await tx.session.execute(delete(INBOX).where(INBOX.c.id.in_(gone)))
    delivered = await tx.session.execute(
        select(OUTBOX.c.id, OUTBOX.c.chat, OUTBOX.c.payload).where(OUTBOX.c.done_at.is_not(None))
    )
    gone = [
        row_id
        for row_id, chat, payload in delivered.all()
        if _chat_of(chat) in chats and _names_anyone(payload, names, user_id)
    ]
    if gone:
        await tx.session.execute(delete(OUTBOX).where(OUTBOX.c.id.in_(gone)))


async def _scrub_summaries(tx: Tx, group: GroupRow, names: set[str]) -> None:
    """Stored weekly summaries (kept to post one again after a crash) lose the person's lines."""
    for bump in await tx.bumps(group):
        if not bump.details:
            if any(name in bump.summary for name in names):
                bump.summary = ""
                await tx.add(bump)
            continue
        details = dict(bump.details)
        for key in ("members", "coach", "records"):
            details[key] = [e for e in details.get(key, []) if e.get("name") not in names]
        recap = details.get("recap")
        if recap:
            recap = {**recap, "back": [n for n in recap["back"] if n not in names]}
            recap["streaks"] = [s for s in recap["streaks"] if s[1] not in names]
            details["recap"] = recap
        bump.details = details
        await tx.add(bump)


def _from_or_about(payload: dict[str, Any], user_id: str) -> bool:
    incoming = payload.get("incoming") or {}
    action = str(incoming.get("action") or "")
    return (
        incoming.get("user_id") == user_id
        or user_id in (incoming.get("targets") or ())
        or action.endswith(f":{user_id}")
    )


def _names_anyone(payload: dict[str, Any], names: set[str], user_id: str) -> bool:
    """A reply that names the person, or carries their id (a button's action, a mention)."""
    text = json.dumps(payload, ensure_ascii=False)
    return user_id in text or any(name in text for name in names)


def _chat_of(address: str) -> str:
    """The chat of a reply's address (a forum topic's replies belong to its chat)."""
    return str(Address.parse(address).chat)
