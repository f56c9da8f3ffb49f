"""Assembling a running Spotter: the core from `bot.app`, plus scheduler and chat adapters.

`bot.app.build_spotter` is the core's composition root; this module is the process's: it is the
only place that knows which adapters and which scheduler run together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from adapters.console.chat import ConsoleChat
from adapters.console.outbox import ConsoleOutbox
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.pushes import Pusher
from bot.settings import Settings
from scheduler.simulated import SimulatedScheduler


@dataclass
class ConsoleRuntime:
    spotter: Spotter
    chat: ConsoleChat

    async def close(self) -> None:
        await self.spotter.close()


async def console_runtime(
    settings: Settings, start: datetime, zone: ZoneInfo, *, colour: bool
) -> ConsoleRuntime:
    """The console chat on a simulated clock that also drives the scheduled pushes."""
    clock = ManualClock(start)
    spotter = await build_spotter(settings, clock)
    outbox = ConsoleOutbox(clock)
    pusher = Pusher(spotter.coach, outbox, clock, sleep=_no_wait)
    scheduler = SimulatedScheduler(spotter.store, pusher, clock)
    chat = ConsoleChat(spotter.coach, clock, scheduler, outbox, zone, colour=colour)
    return ConsoleRuntime(spotter, chat)


async def _no_wait(_seconds: float) -> None:
    """The console's outbox never asks to retry, and its time is simulated anyway."""
