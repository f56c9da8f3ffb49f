"""The Telegram adapter: updates in through the durable inbox, replies out through the outbox.

Long polling by default: each `getUpdates` batch is written to the inbox in one statement, and
only then is the next offset asked for, which is what confirms the batch to Telegram; if the
write fails, the same updates come again. Webhook mode: the secret header is checked before the
body is read, bodies are capped, malformed JSON is answered 400, and 200 means stored. The kit's
dispatcher and sender do the rest; this module only translates.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass

from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    Update,
)
from telegram.error import TelegramError

from adapters.kit.codec import incoming_to_json
from adapters.kit.dispatcher import Dispatcher
from adapters.kit.lanes import wait_or_stop
from adapters.kit.pacing import Limits, Pacer
from adapters.kit.router import OutboxRouter
from adapters.kit.sender import ReplySender
from adapters.logs import register_secret
from adapters.telegram.files import with_document
from adapters.telegram.outbox import TelegramPlatform
from adapters.telegram.request import AiohttpRequest
from adapters.telegram.translate import reply_context, to_incoming
from bot.app import Spotter
from bot.clock import SystemClock
from bot.commands.registry import Command
from bot.store.tables import InboxRow

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
MAX_WEBHOOK_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# How long a stop lets the handling and sending under way finish before parking the rest.
STOP_GRACE_S = 5.0
MAX_BACKOFF_S = 30.0


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
        spotter: Spotter,
        token: str,
        *,
        base_url: str | None = None,
        webhook: WebhookConfig | None = None,
        limits: Limits | None = None,
        poll_timeout: int = 10,
    ) -> None:
        register_secret(token)
        self.spotter = spotter
        self.webhook = webhook
        self.poll_timeout = poll_timeout
        base = base_url.rstrip("/") if base_url else None
        # python-telegram-bot's HTTP on aiohttp (see adapters/telegram/request.py): twice the
        # replies a second of its default httpx client here.
        sends, polls = AiohttpRequest(), AiohttpRequest(connections=1)
        self.bot = (
            Bot(
                token,
                base_url=f"{base}/bot",
                base_file_url=f"{base}/file/bot",
                request=sends,
                get_updates_request=polls,
            )
            if base
            else Bot(token, request=sends, get_updates_request=polls)
        )
        self.platform = TelegramPlatform(self.bot)
        platforms = {"telegram": self.platform}
        self.pacer = Pacer(limits or Limits())  # one per bot: replies and pushes share its limits
        self.outbox = OutboxRouter(platforms, {"telegram": self.pacer})  # for scheduled pushes
        clock = SystemClock()
        self.sender = ReplySender(
            spotter.store, platforms, pacer=self.pacer, clock=clock, on_moved=spotter.coach.chat_moved
        )
        self.dispatcher = Dispatcher(
            spotter.coach, spotter.store, platforms, clock=clock, hand_over=self.sender.take
        )
        self._clock = clock
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._site: web.AppRunner | None = None
        self._secret = ""
        self._last_poll: float | None = None  # monotonic time of the last answered getUpdates

    async def start(self) -> None:
        await self.bot.initialize()
        await self._publish_command_menus()
        self._stop.clear()
        if self.webhook is None:
            await self.bot.delete_webhook()
            self._tasks.append(asyncio.create_task(self._poll()))
        else:
            await self._serve_webhook(self.webhook)
        self._tasks.append(asyncio.create_task(self.dispatcher.run(self._stop)))
        self._tasks.append(asyncio.create_task(self.sender.run(self._stop)))

    def connected(self) -> bool:
        """For `/healthz`: the webhook is served, or Telegram answered a poll lately."""
        if self.webhook is not None:
            return self._site is not None
        recent = self._last_poll is not None and time.monotonic() - self._last_poll < self.poll_timeout + 30
        return recent and any(not task.done() for task in self._tasks)

    async def _publish_command_menus(self) -> None:
        """Everyone's menu lists what everyone may run; chat admins (and a private chat, where
        the user runs their own program) also see the admin commands."""
        commands = self.spotter.coach.commands.all()
        everyone = [_menu_entry(c) for c in commands if not c.admin_only]
        admins = [_menu_entry(c) for c in commands]
        await self.bot.set_my_commands(everyone, scope=BotCommandScopeDefault())
        await self.bot.set_my_commands(admins, scope=BotCommandScopeAllChatAdministrators())
        await self.bot.set_my_commands(admins, scope=BotCommandScopeAllPrivateChats())

    async def stop(self) -> None:
        """Stop fetching, let work under way finish briefly, park the rest in the database."""
        self._stop.set()
        if self._site is not None:
            await self._site.cleanup()
            self._site = None
        await self.dispatcher.close(STOP_GRACE_S)
        await self.sender.close(STOP_GRACE_S)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        with contextlib.suppress(TelegramError):
            await self.bot.shutdown()

    # Long polling

    async def _poll(self) -> None:
        offset = 0
        backoff = 1.0
        while not self._stop.is_set():
            try:
                updates = await self.bot.get_updates(
                    offset=offset,
                    timeout=self.poll_timeout,
                    read_timeout=self.poll_timeout + 10,
                    allowed_updates=ALLOWED_UPDATES,
                )
                self._last_poll = time.monotonic()
                await self._store(updates)
            except Exception as exc:  # Telegram or the database: nothing was confirmed, so retry
                log.warning("polling paused (%s); retrying in %.0f s", type(exc).__name__, backoff)
                await wait_or_stop(self._stop, asyncio.Event(), backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = 1.0
            if updates:
                offset = updates[-1].update_id + 1  # the next call confirms only what is stored

    async def _store(self, updates: tuple[Update, ...] | list[Update]) -> None:
        now = self._clock.now()
        rows = []
        for update in updates:
            try:
                incoming = to_incoming(update, bot_id=self.bot.id, bot_username=self.bot.username)
                context = reply_context(update) if incoming is not None else {}
            except Exception:  # one unreadable update must not hold up the ones after it forever
                log.exception("skipping update %s: it could not be translated", update.update_id)
                continue
            if incoming is None:
                continue
            incoming = await with_document(self.bot, update, incoming)
            payload = {"incoming": incoming_to_json(incoming), "context": context}
            # The lane is the chat the update happened in: a supergroup's first messages wait
            # behind the notice (sent in it) that moves the old group's program there.
            chat = update.effective_chat.id if update.effective_chat else incoming.address.chat_id
            rows.append(
                InboxRow(
                    platform="telegram",
                    update_key=str(update.update_id),
                    chat=f"telegram:{chat}",
                    payload=payload,
                    received_at=now,
                )
            )
        if rows:
            await self.spotter.store.run(lambda tx: tx.inbox_put(rows))
            self.dispatcher.wake.set()

    # Webhook

    async def _serve_webhook(self, config: WebhookConfig) -> None:
        self._secret = config.secret or secrets.token_urlsafe(32)
        register_secret(self._secret)
        app = web.Application(client_max_size=MAX_WEBHOOK_BODY)
        app.router.add_post(f"/{config.path.strip('/')}", self._on_webhook)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.TCPSite(runner, config.listen, config.port).start()
        self._site = runner
        await self.bot.set_webhook(url=config.url, secret_token=self._secret, allowed_updates=ALLOWED_UPDATES)

    async def _on_webhook(self, request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), self._secret):
            return web.Response(status=403)  # refused before a byte of the body is read
        if (request.content_length or 0) > MAX_WEBHOOK_BODY:
            return web.Response(status=413)
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413)
        except (ValueError, KeyError, TypeError, TelegramError):
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        try:
            await self._store([update])
        except Exception as exc:  # not stored, so not acknowledged: Telegram will send it again
            log.warning("could not store a webhook update (%s)", type(exc).__name__)
            return web.Response(status=503)
        return web.Response(status=200)


def _menu_entry(command: Command) -> BotCommand:
    return BotCommand(command.name, command.summary[:256] or command.name)
