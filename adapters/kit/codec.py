"""The core's messages as JSON, for the inbox and outbox tables."""

from __future__ import annotations

import base64
from typing import Any

from bot.messages import Address, Attachment, Button, Incoming, Kind, Reply


def incoming_to_json(incoming: Incoming) -> dict[str, Any]:
    return {
        "address": str(incoming.address),
        "user_id": incoming.user_id,
        "user_name": incoming.user_name,
        "text": incoming.text,
        "message_id": incoming.message_id,
        "reply_to_bot": incoming.reply_to_bot,
        "action": incoming.action,
        "kind": incoming.kind.value,
        "private": incoming.private,
        "addressed": incoming.addressed,
        "user_handle": incoming.user_handle,
        "targets": list(incoming.targets),
        "moved_to": None if incoming.moved_to is None else str(incoming.moved_to),
        "chat_title": incoming.chat_title,
        "document": _attachment_to_json(incoming.document),
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
        kind=Kind(data.get("kind", Kind.MESSAGE.value)),
        private=bool(data.get("private")),
        addressed=bool(data.get("addressed")),
        user_handle=data.get("user_handle"),
        targets=tuple(str(t) for t in data.get("targets", ())),
        moved_to=Address.parse(data["moved_to"]) if data.get("moved_to") else None,
        chat_title=data.get("chat_title"),
        document=_attachment_from_json(data.get("document")),
    )


def reply_to_json(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "buttons": [[b.label, b.action] for b in reply.buttons],
        "private": reply.private,
        "attachment": _attachment_to_json(reply.attachment),
        "replaces": reply.replaces,
    }


def reply_from_json(data: dict[str, Any]) -> Reply:
    return Reply(
        text=data["text"],
        buttons=tuple(Button(label, action) for label, action in data.get("buttons", [])),
        private=bool(data.get("private")),
        attachment=_attachment_from_json(data.get("attachment")),
        replaces=data.get("replaces"),
    )


def _attachment_to_json(attachment: Attachment | None) -> dict[str, Any] | None:
    if attachment is None:
        return None
    data = base64.b64encode(attachment.data).decode()
    return {"name": attachment.name, "data": data, "image": attachment.image, "too_big": attachment.too_big}


def _attachment_from_json(data: dict[str, Any] | None) -> Attachment | None:
    if not data:
        return None
    return Attachment(
        str(data["name"]), base64.b64decode(data["data"]), bool(data.get("image")), bool(data.get("too_big"))
    )
