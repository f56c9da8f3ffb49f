"""The core's messages as JSON, for the inbox and outbox tables."""

from __future__ import annotations

from typing import Any

from bot.messages import Address, Button, Incoming, Reply


def incoming_to_json(incoming: Incoming) -> dict[str, Any]:
    return {
        "address": str(incoming.address),
        "user_id": incoming.user_id,
        "user_name": incoming.user_name,
        "text": incoming.text,
        "message_id": incoming.message_id,
        "reply_to_bot": incoming.reply_to_bot,
        "action": incoming.action,
    }


def incoming_from_json(data: dict[str, Any]) -> Incoming:
    """The stored update; admin rights are looked up when it is handled, not when it arrived."""
    return Incoming(
        address=Address.parse(data["address"]),
        user_id=data["user_id"],
        user_name=data["user_name"],
        is_admin=False,
        text=data["text"],
        message_id=data.get("message_id"),
        reply_to_bot=bool(data.get("reply_to_bot")),
        action=data.get("action"),
    )


def reply_to_json(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "buttons": [[b.label, b.action] for b in reply.buttons],
        "private": reply.private,
    }


def reply_from_json(data: dict[str, Any]) -> Reply:
    return Reply(
        text=data["text"],
        buttons=tuple(Button(label, action) for label, action in data.get("buttons", [])),
        private=bool(data.get("private")),
    )
