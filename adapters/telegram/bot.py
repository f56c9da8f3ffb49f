"""The Telegram adapter: python-telegram-bot's Application wired to the Coach.

Polling by default; webhook mode when a webhook URL is configured (python-telegram-bot checks
the secret-token header and answers 403 without it). Only translation happens here: updates
become `Incoming`, replies go out through `TelegramOutbox`.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from adapters.logs import register_secret
from adapters.telegram.outbox import TelegramOutbox
from adapters.telegram.translate import to_incoming
from bot.coach import Coach
from bot.markup import plain_text
from bot.messages import DeliveryError

log = logging.getLogger(__name__)

ADMIN_TTL_S = 300.0
SEEN_UPDATES = 10_000
CALLBACK_ANSWER_LIMIT = 200


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    listen: str = "0.0.0.0"
    port: int = 8443
    secret: str = ""
    path: str = "telegram"


class TelegramAdapter:
    def __init__(
        self,
        coach: Coach,
        token: str,
        *,
        base_url: str | None = None,
        webhook: WebhookConfig | None = None,
        rate_limiter: BaseRateLimiter[int] | None = None,
        poll_timeout: int = 10,
    ) -> None:
        register_secret(token)
        self.coach = coach
        self.webhook = webhook
        self.poll_timeout = poll_timeout
        builder = (
            Application.builder()
            .token(token)
            .job_queue(None)  # Spotter's scheduling lives in scheduler/
            .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        )
        if base_url:
            builder = builder.base_url(f"{base_url.rstrip('/')}/bot").base_file_url(
                f"{base_url.rstrip('/')}/file/bot"
            )
        self.application = builder.build()
        self.application.add_handler(CallbackQueryHandler(self._on_callback))
        self.application.add_handler(MessageHandler(filters.TEXT | filters.CAPTION, self._on_message))
        self.application.add_error_handler(self._on_error)
        self.outbox = TelegramOutbox(self.application.bot)
        self._admins: dict[int, tuple[float, frozenset[int]]] = {}
        self._seen: OrderedDict[int, None] = OrderedDict()

    async def start(self) -> None:
        app = self.application
        await app.initialize()
        await app.bot.set_my_commands(
            [BotCommand(c.name, c.summary[:256] or c.name) for c in self.coach.commands.all()]
        )
        await app.start()
        assert app.updater is not None
        updates = [Update.MESSAGE, Update.CALLBACK_QUERY]
        if self.webhook is None:
            await app.updater.start_polling(allowed_updates=updates, timeout=self.poll_timeout)
            return
        secret = self.webhook.secret or secrets.token_urlsafe(32)
        register_secret(secret)
        await app.updater.start_webhook(
            listen=self.webhook.listen,
            port=self.webhook.port,
            url_path=self.webhook.path,
            webhook_url=self.webhook.url,
            secret_token=secret,
            allowed_updates=updates,
        )

    async def stop(self) -> None:
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def _on_message(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None or message.from_user is None or self._seen_before(update.update_id):
            return
        text = message.text or message.caption or ""
        is_admin = (
            await self._is_admin(message.chat.id, message.chat.type, message.from_user.id)
            if text[:1] == "/"
            else False
        )
        incoming = to_incoming(
            update,
            bot_id=self.application.bot.id,
            bot_username=self.application.bot.username,
            is_admin=is_admin,
        )
        if incoming is None:
            return
        for reply in await self.coach.handle(incoming):
            await self.outbox.send(incoming.address, reply, reply_to=message.message_id)

    async def _on_callback(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or self._seen_before(update.update_id):
            return
        incoming = to_incoming(
            update, bot_id=self.application.bot.id, bot_username=self.application.bot.username, is_admin=False
        )
        replies = await self.coach.handle(incoming) if incoming else []
        private = [r for r in replies if r.private]
        await query.answer(plain_text(private[0].text)[:CALLBACK_ANSWER_LIMIT] if private else None)
        for reply in replies:
            if not reply.private and incoming is not None:
                await self.outbox.send(incoming.address, reply)

    async def _is_admin(self, chat_id: int, chat_type: str, user_id: int) -> bool:
        """Chat admins, cached for a few minutes; in a private chat the user runs their own program."""
        if chat_type == ChatType.PRIVATE:
            return True
        cached = self._admins.get(chat_id)
        if cached is None or cached[0] < time.monotonic():
            admins = await self.application.bot.get_chat_administrators(chat_id)
            cached = (time.monotonic() + ADMIN_TTL_S, frozenset(a.user.id for a in admins))
            self._admins[chat_id] = cached
        return user_id in cached[1]

    def _seen_before(self, update_id: int) -> bool:
        """Telegram re-delivers after a restart; handle each update once per process."""
        if update_id in self._seen:
            return True
        self._seen[update_id] = None
        if len(self._seen) > SEEN_UPDATES:
            self._seen.popitem(last=False)
        return False

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if isinstance(error, DeliveryError):
            log.warning("could not answer %s: %s", getattr(update, "update_id", "?"), error)
            return
        log.error("error handling update %s", getattr(update, "update_id", "?"), exc_info=error)
