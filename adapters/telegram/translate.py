"""Telegram updates to the core's `Incoming`: pure functions over python-telegram-bot objects.

What real groups send besides plain messages is translated here too: edits, a group's upgrade
to a supergroup (the chat's id changes), the bot being removed or added back, forum topics,
anonymous admins (who post as the group itself), and mentions of members without a username.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import ChatMember, ChatMemberUpdated, Message, MessageEntity, Update, User
from telegram.constants import ChatType

from bot.messages import Address, Incoming, Kind

# The account Telegram shows as the sender of an anonymous admin's message.
ANONYMOUS_ADMIN_USERNAME = "GroupAnonymousBot"
OUT_OF_CHAT = {ChatMember.LEFT, ChatMember.BANNED}


def address_of(message: Message) -> Address:
    """The chat, and the forum topic when the message is in one (General has none)."""
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


@dataclass(frozen=True, slots=True)
class Sender:
    user_id: str
    name: str
    handle: str | None
    anonymous_admin: bool = False


def sender_of(message: Message) -> Sender | None:
    """Who wrote `message`, as the core sees people; None for senders the bot ignores.

    An anonymous admin's message comes from GroupAnonymousBot on behalf of the group itself:
    it speaks for the group's admins. Messages on behalf of a channel (a linked channel's
    posts, a member posting as their channel) and messages from other bots are ignored.
    """
    user, on_behalf_of = message.from_user, message.sender_chat
    if on_behalf_of is not None:
        if (
            on_behalf_of.id == message.chat.id
            and user is not None
            and user.username == ANONYMOUS_ADMIN_USERNAME
        ):
            title = message.author_signature or message.chat.title or "Group admin"
            return Sender(str(message.chat.id), title, None, anonymous_admin=True)
        return None
    if user is None or user.is_bot:
        return None
    return Sender(str(user.id), display_name(user), user.username)


def to_incoming(update: Update, *, bot_id: int, bot_username: str) -> Incoming | None:
    """The core's view of an update; None for updates the core has no use for. Admin rights are
    looked up when the update is handled, not here (`is_admin` is always False)."""
    if update.my_chat_member is not None:
        return _membership(update.my_chat_member)
    query = update.callback_query
    if query is not None:
        if query.message is None or not query.data or not isinstance(query.message, Message):
            return None
        tapped = query.message
        return Incoming(
            address=address_of(tapped),  # keeps the topic, so the answer lands beside the button
            user_id=str(query.from_user.id),
            user_name=display_name(query.from_user),
            is_admin=False,
            text="",
            message_id=str(tapped.message_id),
            action=query.data,
            private=tapped.chat.type == ChatType.PRIVATE,
            user_handle=query.from_user.username,
        )
    message = update.message or update.edited_message
    if message is None:
        return None
    moved = _moved(message)
    if moved is not None:
        return moved
    sender = sender_of(message)
    text = _with_mentions(message)
    if sender is None or not text:
        return None
    target = command_target(text)
    if target is not None and target.lower() != bot_username.lower():
        return None  # a command for another bot in the same group
    replied = message.reply_to_message
    reply_to_bot = bool(replied and replied.from_user and replied.from_user.id == bot_id)
    private = message.chat.type == ChatType.PRIVATE
    return Incoming(
        address=address_of(message),
        user_id=sender.user_id,
        user_name=sender.name,
        is_admin=False,
        text=text,
        message_id=str(message.message_id),
        reply_to_bot=reply_to_bot,
        kind=Kind.EDIT if update.edited_message is not None else Kind.MESSAGE,
        private=private,
        addressed=private or reply_to_bot or target is not None,
        user_handle=sender.handle,
        targets=_replied_person(replied, bot_id),
        chat_title=message.chat.title,
    )


def reply_context(update: Update) -> dict[str, Any]:
    """What a reply to this update needs: the message to answer, or the tap to acknowledge."""
    query = update.callback_query
    if query is not None:
        private = query.message is not None and query.message.chat.type == ChatType.PRIVATE
        return {"callback_id": query.id, "private": private}
    message = update.message or update.edited_message
    if message is None:
        return {}
    sender = sender_of(message)
    return {
        "reply_to": message.message_id,
        "private": message.chat.type == ChatType.PRIVATE,
        "anonymous_admin": bool(sender and sender.anonymous_admin),
    }


def _moved(message: Message) -> Incoming | None:
    """A basic group upgraded to a supergroup: Telegram says so in both chats (either will do)."""
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return None
    user = message.from_user
    return Incoming(
        address=Address("telegram", str(old)),  # both notices share the old chat's lane
        user_id=str(user.id) if user else str(old),
        user_name=display_name(user) if user else "",
        is_admin=False,
        text="",
        kind=Kind.MOVED,
        moved_to=Address("telegram", str(new)),
    )


def _membership(change: ChatMemberUpdated) -> Incoming | None:
    """The bot's own membership: removed (left, kicked, blocked) or added (back)."""
    was_out = change.old_chat_member.status in OUT_OF_CHAT
    is_out = change.new_chat_member.status in OUT_OF_CHAT
    if was_out == is_out:
        return None  # promoted, restricted, demoted: still in the chat
    return Incoming(
        address=Address("telegram", str(change.chat.id)),
        user_id=str(change.from_user.id),
        user_name=display_name(change.from_user),
        is_admin=False,
        text="",
        kind=Kind.REMOVED if is_out else Kind.ADDED,
        private=change.chat.type == ChatType.PRIVATE,
        addressed=True,  # this one chat: a hello is in order
    )


def _with_mentions(message: Message) -> str:
    """The text with each mention of a member who has no username written as `<@user id>`.

    Telegram's autocomplete inserts such a mention (a `text_mention` entity over the person's
    display name) when a member has no @username; the core reads `<@id>` as that member, the
    same way it reads Discord's mentions.
    """
    text = message.text or message.caption or ""
    entities = message.entities if message.text else message.caption_entities
    mentions = [e for e in entities or () if e.type == MessageEntity.TEXT_MENTION and e.user is not None]
    if not mentions:
        return text
    units = text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    for entity in sorted(mentions, key=lambda e: e.offset, reverse=True):
        assert entity.user is not None
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        units = units[:start] + f"<@{entity.user.id}>".encode("utf-16-le") + units[end:]
    return units.decode("utf-16-le", errors="replace")  # an offset inside an emoji stays harmless


def _replied_person(replied: Message | None, bot_id: int) -> tuple[str, ...]:
    """The author of the message this one answers, when that is a person (not a bot)."""
    if replied is None or replied.from_user is None or replied.from_user.is_bot:
        return ()
    if replied.from_user.id == bot_id:
        return ()
    return (str(replied.from_user.id),)
