"""Assembling a running Spotter: the core from `bot.app`, plus scheduler and chat adapters.

`bot.app.build_spotter` is the core's composition root; this module is the process's: it is the
only place that knows which adapters and which scheduler run together.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.console.chat import ConsoleChat
from adapters.console.outbox import ConsoleOutbox
from adapters.discord.bot import DiscordAdapter
from adapters.kit.router import OutboxRouter
from adapters.ops import Ops
from adapters.telegram.bot import TelegramAdapter, WebhookConfig
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock, SystemClock
from bot.events import ProgramChanged
from bot.settings import Settings
from scheduler.leader import Leadership
from scheduler.runner import PushScheduler
from scheduler.simulated import SimulatedScheduler

log = logging.getLogger(__name__)


@dataclass
class ConsoleRuntime:
    spotter: Spotter
    chat: ConsoleChat

    async def close(self) -> None:
        await self.spotter.close()


async def console_runtime(
    settings: Settings, start: datetime, zone: ZoneInfo, *, colour: bool, files: Path | None = None
) -> ConsoleRuntime:
    """The console chat on a simulated clock that also drives the scheduled pushes."""
    clock = ManualClock(start)
    spotter = await build_spotter(settings, clock)
    outbox = ConsoleOutbox(clock)
    pusher = spotter.pusher(outbox, sleep=_no_wait)
    scheduler = SimulatedScheduler(spotter.store, pusher, clock)
    chat = ConsoleChat(spotter.coach, clock, scheduler, outbox, zone, colour=colour)
    if files is not None:
        chat.files = files
    return ConsoleRuntime(spotter, chat)


async def _no_wait(_seconds: float) -> None:
    """The console's outbox never asks to retry, and its time is simulated anyway."""


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run Spotter on every platform whose token is set, on the wall clock, until SIGINT/SIGTERM
    (or `stop`): one core, one database and one scheduler for all of them.

    Every process answers chat; the schedule runs only in the process that holds leadership
    (see `scheduler.leader`), which is simply this one on SQLite.
    """
    assert settings.telegram_token or settings.discord_token, "serve() needs a platform token"
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    clock = SystemClock()
    spotter = await build_spotter(settings, clock)
    adapters: list[TelegramAdapter | DiscordAdapter] = []
    if settings.telegram_token:
        adapters.append(_telegram(spotter, settings))
    if settings.discord_token:
        adapters.append(
            DiscordAdapter(
                spotter,
                settings.discord_token,
                api_base=settings.discord_api_base,
                gateway_url=settings.discord_gateway_url,
                shard_count=settings.discord_shard_count,
                shard_ids=[int(i) for i in (settings.discord_shard_ids or "").split(",") if i.strip()],
            )
        )
    pusher = spotter.pusher(
        OutboxRouter(
            {a.platform.name: a.platform for a in adapters}, {a.platform.name: a.pacer for a in adapters}
        )
    )
    active: list[PushScheduler] = []

    async def lead() -> None:
        scheduler = PushScheduler(spotter.store, pusher, clock)
        active.append(scheduler)
        await scheduler.start()

    async def step_down() -> None:
        while active:
            await active.pop().stop()

    async def reconcile(event: ProgramChanged) -> None:
        for scheduler in active:
            await scheduler.on_program_changed(event)

    spotter.events.subscribe(ProgramChanged, reconcile)
    started: list[TelegramAdapter | DiscordAdapter] = []
    leadership = Leadership(spotter.store.engine)
    ops = Ops(spotter.store, adapters, lambda: leadership.is_leader)
    try:
        if settings.ops_port:
            await ops.start(settings.ops_listen, settings.ops_port)
        for adapter in adapters:
            await adapter.start()
            started.append(adapter)
            log.info("Spotter is running on %s", adapter.platform.name.capitalize())
        await leadership.run(lead, step_down, stop)
    finally:
        for adapter in reversed(started):
            await adapter.stop()
        await ops.stop()
        await spotter.close()


def _telegram(spotter: Spotter, settings: Settings) -> TelegramAdapter:
    assert settings.telegram_token
    webhook = (
        WebhookConfig(
            url=settings.telegram_webhook_url,
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            secret=settings.telegram_webhook_secret,
        )
        if settings.telegram_webhook_url
        else None
    )
    return TelegramAdapter(
        spotter, settings.telegram_token, base_url=settings.telegram_api_base, webhook=webhook
    )
