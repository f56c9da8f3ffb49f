"""Sending the core's replies to Telegram, and mapping Telegram's refusals to the core's."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram import Message as TgMessage
from telegram.constants import ParseMode
from telegram.error import Forbidden as TgForbidden
from telegram.error import NetworkError
from telegram.error import RetryAfter as TgRetryAfter

from adapters.telegram.render import split_markup, to_html
from bot.messages import Address, Forbidden, Reply, RetryAfter, SentRef, TransientError


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.action) for b in reply.buttons]]
    )


class TelegramOutbox:
    """The core's Outbox on a python-telegram-bot `Bot` (rate-limited by its AIORateLimiter)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, to: Address, reply: Reply, reply_to: int | None = None) -> SentRef:
        try:
            message = await self._send(to, reply, reply_to)
        except TgForbidden as exc:
            raise Forbidden(str(exc)) from exc
        except TgRetryAfter as exc:
            seconds = exc.retry_after if isinstance(exc.retry_after, int) else exc.retry_after.total_seconds()
            raise RetryAfter(float(seconds)) from exc
        except NetworkError as exc:  # includes TimedOut
            raise TransientError(str(exc)) from exc
        return SentRef(to, str(message.message_id))

    async def _send(self, to: Address, reply: Reply, reply_to: int | None) -> TgMessage:
        chat_id = int(to.chat_id)
        thread = int(to.thread_id) if to.thread_id else None
        markup = keyboard(reply)
        chunks = split_markup(reply.text)
        last: TgMessage | None = None
        for index, chunk in enumerate(chunks):
            last = await self.bot.send_message(
                chat_id,
                to_html(chunk),
                parse_mode=ParseMode.HTML,
                reply_markup=markup if index == len(chunks) - 1 else None,
                message_thread_id=thread,
                reply_to_message_id=reply_to if index == 0 else None,
                allow_sending_without_reply=True,
            )
        assert last is not None
        return last
