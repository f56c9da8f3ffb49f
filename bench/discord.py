"""Spotter on Discord versus a bare discord.py echo bot, on the same fake Discord.

    .venv/bin/python -m bench.discord [--updates 2000] [--groups 50] [--rounds 3]
                                      [--database-url URL] [--paced]

Both bots run the real discord.py client over a real websocket and real HTTP against
`tests.fake_discord` on 127.0.0.1 and receive the same burst of channel messages (set reports,
`/today`, FAQ questions, `/me`) from three members in each of many channels; Spotter's groups
are set up beforehand, outside the timing. The echo bot answers each message with its text.
Spotter runs its production path (inbox, dispatcher lanes, outbox and sender). An update's
latency is the time from the burst's start to the bot's answer to it. Rounds alternate
(`bench.rounds`); without `--paced` Discord's limits are lifted for both bots, with it both send
through Spotter's pacer at Discord's limits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.bot import DISCORD_LIMITS, DiscordAdapter
from adapters.kit.pacing import Limits, Pacer
from bench.rounds import Options, Result, command_line
from bench.telegram import MESSAGES, MONDAY, UNPACED
from bot.app import build_spotter
from bot.clock import ManualClock
from bot.messages import Address, Incoming
from bot.settings import Settings
from tests.fake_discord import CHANNEL, FakeDiscord

TITLE = "burst of {updates} Discord messages in {groups} channels (reports, /today, FAQ, /me)"


def _limits(options: Options) -> Limits:
    """Discord's limits as Spotter keeps them (`--paced`), or none."""
    return DISCORD_LIMITS if options.paced else UNPACED


def _channels(groups: int) -> list[int]:
    return [CHANNEL, *(CHANNEL + 1 + g for g in range(groups - 1))]


def _burst(groups: int, count: int) -> list[tuple[int, dict[str, Any], str]]:
    users = [FakeDiscord.user(10 + i, f"Lifter{i}") for i in range(3)]
    channels = _channels(groups)
    return [
        (channels[i % groups], users[(i // groups) % 3], MESSAGES[i % len(MESSAGES)]) for i in range(count)
    ]


async def _run(
    name: str,
    fake: FakeDiscord,
    burst: list[tuple[int, dict[str, Any], str]],
    start: Callable[[], Awaitable[None]],
    stop: Callable[[], Awaitable[None]],
) -> Result:
    await start()
    before = len(fake.sent_times)
    began = time.perf_counter()
    for channel, user, text in burst:
        await fake.say(user, text, channel=channel)
    await fake.answers(0, before + len(burst), within=600)
    seconds = time.perf_counter() - began
    stamps = fake.sent_times[before : before + len(burst)]
    await stop()
    return Result(name, len(burst), seconds, [t - began for t in stamps])


async def spotter_run(options: Options, database_url: str) -> Result:
    groups, updates = options.groups, options.updates
    fake = FakeDiscord(extra_channels=tuple(_channels(groups)[1:]))
    await fake.start()
    spotter = await build_spotter(Settings(database_url=database_url), ManualClock(MONDAY))
    for channel in _channels(groups):
        address = Address("discord", str(channel))
        await spotter.coach.handle(
            Incoming(address, "1", "Coach", True, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
        )
        for i in range(3):
            await spotter.coach.handle(
                Incoming(address, str(10 + i), f"Lifter{i}", False, "/join intermediate 60kg")
            )
    adapter = DiscordAdapter(
        spotter, fake.token, api_base=fake.api_base, gateway_url=fake.gateway_url, limits=_limits(options)
    )
    try:
        return await _run("spotter", fake, _burst(groups, updates), adapter.start, adapter.stop)
    finally:
        await spotter.close()
        await fake.stop()


async def echo_run(options: Options) -> Result:
    groups, updates = options.groups, options.updates
    pacer = Pacer(_limits(options))
    fake = FakeDiscord(extra_channels=tuple(_channels(groups)[1:]))
    await fake.start()
    ready = asyncio.Event()
    intents = discord.Intents.default()
    intents.message_content = True

    class Echo(discord.Client):
        async def on_ready(self) -> None:
            ready.set()

        async def on_message(self, message: discord.Message) -> None:
            if message.author.bot:
                return
            turn = await pacer.wait_turn(str(message.channel.id))
            try:
                await message.channel.send(message.content, allowed_mentions=discord.AllowedMentions.none())
            finally:
                turn.done()

    Route.BASE = fake.api_base  # where discord.py sends REST calls and opens its gateway
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    client = Echo(intents=intents, guild_ready_timeout=0.05)
    runner: asyncio.Task[None] | None = None

    async def start() -> None:
        nonlocal runner
        runner = asyncio.create_task(client.start(fake.token))
        await asyncio.wait_for(ready.wait(), 30)

    async def stop() -> None:
        await client.close()
        if runner is not None:
            await asyncio.gather(runner, return_exceptions=True)

    try:
        return await _run("echo", fake, _burst(groups, updates), start, stop)
    finally:
        await fake.stop()


if __name__ == "__main__":
    command_line(__doc__, TITLE, spotter_run, echo_run, 2000)
