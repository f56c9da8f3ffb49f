"""Telegram as a kit `Platform`: sending replies and pushes, answering taps, admin lookups.

One table (`delivery_error`) maps python-telegram-bot's errors to the core's delivery outcomes.
"""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram import Message as TgMessage
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, NetworkError, TelegramError
from telegram.error import Forbidden as TgForbidden
from telegram.error import RetryAfter as TgRetryAfter

from adapters.kit.admins import AdminCache
from adapters.kit.platform import Context
from adapters.telegram.render import split_markup, to_html
from bot.markup import plain_text
from bot.messages import (
    Address,
    Attachment,
    DeliveryError,
    Forbidden,
    Incoming,
    Moved,
    Reply,
    RetryAfter,
    SentRef,
    TransientError,
    Undeliverable,
)

CALLBACK_ANSWER_LIMIT = 200
# Telegram's refusal of an edit that changes nothing ("Bad Request: message is not modified: …").
NOT_MODIFIED = "message is not modified"
# Telegram's limit on a photo's or document's caption (characters after parsing).
CAPTION_LIMIT = 1024


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.action) for b in reply.buttons]]
    )


def delivery_error(error: TelegramError) -> DeliveryError:
    """The core's view of a failed Bot API call: retry (when), stop, or drop."""
    if isinstance(error, TgRetryAfter):
        seconds = (
            error.retry_after if isinstance(error.retry_after, int) else error.retry_after.total_seconds()
        )
        return RetryAfter(float(seconds))
    if isinstance(error, TgForbidden):
        return Forbidden(str(error))
    if isinstance(error, ChatMigrated):  # the group became a supergroup under a new id
        return Moved(str(error.new_chat_id))
    # BadRequest derives from NetworkError, but no retry will make it succeed.
    if isinstance(error, BadRequest):
        return Undeliverable(str(error))
    if isinstance(error, NetworkError):  # includes TimedOut
        return TransientError(str(error))
    return TransientError(str(error))


class TelegramPlatform:
    """Sends through one python-telegram-bot `Bot`; also the `Outbox` for scheduled pushes."""

    name = "telegram"

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.admin_cache = AdminCache(self._lookup_admins)

    def acknowledges_taps(self) -> bool:
        return True

    async def send(self, to: Address, reply: Reply, context: Context | None = None) -> SentRef | None:
        context = context or {}
        try:
            if reply.private and context.get("callback_id"):
                text = plain_text(reply.text)[:CALLBACK_ANSWER_LIMIT] or None
                await self.bot.answer_callback_query(str(context["callback_id"]), text=text)
                return None
            if reply.replaces is not None and len(split_markup(reply.text)) == 1:
                return await self._edit(to, reply, reply.replaces)
            message = await self._send_message(to, reply, context.get("reply_to"))
        except TelegramError as exc:
            raise delivery_error(exc) from exc
        return SentRef(to, str(message.message_id))

    async def _edit(self, to: Address, reply: Reply, message_id: str) -> SentRef:
        """Rewrite a message the bot sent (the reminder's list after an answer)."""
        try:
            await self.bot.edit_message_text(
                to_html(reply.text),
                chat_id=int(to.chat_id),
                message_id=int(message_id),
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply),
            )
        except BadRequest as exc:
            if NOT_MODIFIED not in str(exc).lower():  # the same answer tapped twice: nothing to change
                raise
        return SentRef(to, message_id)

    async def is_admin(self, incoming: Incoming, context: Context) -> bool:
        """In a private chat the user runs their own program; in a group, the chat's admins
        (an anonymous admin, who posts as the group, is one by definition)."""
        if context.get("private") or context.get("anonymous_admin"):
            return True
        return incoming.user_id in await self.admin_cache.admins(incoming.address)

    async def _lookup_admins(self, chat: Address) -> frozenset[str]:
        try:
            admins = await self.bot.get_chat_administrators(int(chat.chat_id))
        except TelegramError as exc:
            raise delivery_error(exc) from exc
        return frozenset(str(a.user.id) for a in admins)

    async def _send_message(self, to: Address, reply: Reply, reply_to: object) -> TgMessage:
        chat_id = int(to.chat_id)
        thread = int(to.thread_id) if to.thread_id else None
        markup = keyboard(reply)
        file = reply.attachment
        caption = to_html(reply.text) if file and len(plain_text(reply.text)) <= CAPTION_LIMIT else None
        # A file carries the text as its caption where it fits, else the text goes first.
        chunks = [] if caption is not None else split_markup(reply.text)
        last: TgMessage | None = None
        for index, chunk in enumerate(chunks):
            last = await self.bot.send_message(
                chat_id,
                to_html(chunk),
                parse_mode=ParseMode.HTML,
                reply_markup=markup if index == len(chunks) - 1 and file is None else None,
                message_thread_id=thread,
                reply_to_message_id=int(str(reply_to)) if reply_to and index == 0 else None,
                allow_sending_without_reply=True,
            )
        if file is not None:
            last = await self._send_file(chat_id, thread, file, caption, markup)
        assert last is not None
        return last

    async def _send_file(
        self,
        chat_id: int,
        thread: int | None,
        file: Attachment,
        caption: str | None,
        markup: InlineKeyboardMarkup | None,
    ) -> TgMessage:
        upload = InputFile(file.data, filename=file.name)
        mode = ParseMode.HTML if caption else None
        if file.image:
            return await self.bot.send_photo(
                chat_id, upload, caption, reply_markup=markup, parse_mode=mode, message_thread_id=thread
            )
        return await self.bot.send_document(
            chat_id, upload, caption, reply_markup=markup, parse_mode=mode, message_thread_id=thread
        )
