"""Telegram updates to the core's `Incoming`: pure functions over python-telegram-bot objects."""

from __future__ import annotations

from typing import Any

from telegram import Message, Update, User
from telegram.constants import ChatType

from bot.messages import Address, Incoming


def address_of(message: Message) -> Address:
    thread = (
        str(message.message_thread_id) if message.is_topic_message and message.message_thread_id else None
    )
    return Address("telegram", str(message.chat.id), thread)


def display_name(user: User) -> str:
    return user.full_name or user.username or str(user.id)


def command_target(text: str) -> str | None:
    """The `@botname` a command is addressed to (`/today@SpotterBot`), if any."""
    if not text.startswith("/"):
        return None
    head = text.split(maxsplit=1)[0]
    return head.partition("@")[2] or None


def to_incoming(update: Update, *, bot_id: int, bot_username: str, is_admin: bool = False) -> Incoming | None:
    """The core's view of an update; None for updates the core has no use for."""
    query = update.callback_query
    if query is not None and query.message is not None and query.data:
        tapped = query.message
        return Incoming(
            address=Address("telegram", str(tapped.chat.id)),
            user_id=str(query.from_user.id),
            user_name=display_name(query.from_user),
            is_admin=is_admin,
            text="",
            message_id=str(tapped.message_id),
            action=query.data,
        )
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return None
    text = message.text or message.caption or ""
    if not text:
        return None
    target = command_target(text)
    if target is not None and target.lower() != bot_username.lower():
        return None  # a command for another bot in the same group
    replied = message.reply_to_message
    return Incoming(
        address=address_of(message),
        user_id=str(message.from_user.id),
        user_name=display_name(message.from_user),
        is_admin=is_admin,
        text=text,
        message_id=str(message.message_id),
        reply_to_bot=bool(replied and replied.from_user and replied.from_user.id == bot_id),
    )


def reply_context(update: Update) -> dict[str, Any]:
    """What a reply to this update needs: the message to answer, or the tap to acknowledge."""
    query = update.callback_query
    if query is not None:
        private = query.message is not None and query.message.chat.type == ChatType.PRIVATE
        return {"callback_id": query.id, "private": private}
    message = update.message
    if message is None:
        return {}
    return {"reply_to": message.message_id, "private": message.chat.type == ChatType.PRIVATE}
