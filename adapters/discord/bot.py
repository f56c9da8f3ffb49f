"""The Discord adapter: discord.py's gateway in, the kit's inbox and outbox, translation only.

A slash command or a button tap is written to the inbox first and acknowledged (deferred)
right after, inside Discord's 3 seconds, so what Discord was told arrived is stored; the kit's
dispatcher and sender do the rest, as for Telegram. Messages in channels (free-text reports,
replies to the bot, their edits) need the privileged Message Content intent: Spotter asks for
it and, when the application lacks it, connects without it (slash commands and buttons still
work). Commands are registered only when the set changed (Discord caps creations per day).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.files import with_upload
from adapters.discord.outbox import DiscordPlatform
from adapters.discord.translate import (
    address_of,
    command_payloads,
    from_interaction,
    from_message,
    is_channel_admin,
    message_is_admin,
)
from adapters.kit.codec import incoming_to_json
from adapters.kit.dispatcher import Dispatcher
from adapters.kit.inbox import InboxWriter
from adapters.kit.pacing import Limits, Pacer
from adapters.kit.router import OutboxRouter
from adapters.kit.sender import ReplySender
from adapters.logs import register_secret
from bot.app import Spotter
from bot.clock import SystemClock
from bot.messages import Address, Incoming, Kind
from bot.store.tables import InboxRow

log = logging.getLogger(__name__)

STOP_GRACE_S = 5.0
# Discord allows 5 messages per 5 s in a channel and 50 requests a second in all.
DISCORD_LIMITS = Limits(per_chat_burst=5, per_chat_rate=1.0, overall_burst=50, overall_rate=45)
MAX_CHOICES = 25


class DiscordAdapter:
    def __init__(
        self,
        spotter: Spotter,
        token: str,
        *,
        api_base: str | None = None,
        gateway_url: str | None = None,
        limits: Limits | None = None,
        shard_count: int | None = None,
        shard_ids: Sequence[int] | None = None,
    ) -> None:
        """`shard_count` (with `shard_ids`, the shards this process runs; default all of them)
        connects as discord.py's AutoShardedClient: Discord requires shards from 2,500 servers,
        and several processes can each run a range, sharing the database."""
        register_secret(token)
        self.shards = (shard_count, list(shard_ids) if shard_ids else None) if shard_count else None
        if api_base:  # discord.py reads both from class attributes: the REST root and the gateway
            Route.BASE = api_base.rstrip("/")
        if gateway_url:
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
        self.spotter = spotter
        self.token = token
        self.client = self._client(message_content=True)
        self.platform = DiscordPlatform(self.client)
        platforms = {"discord": self.platform}
        self.pacer = Pacer(limits or DISCORD_LIMITS)  # one per bot: replies and pushes share it
        self.outbox = OutboxRouter(platforms, {"discord": self.pacer})
        clock = SystemClock()
        self.sender = ReplySender(
            spotter.store,
            platforms,
            pacer=self.pacer,
            clock=clock,
            on_moved=spotter.coach.chat_moved,
        )
        self.dispatcher = Dispatcher(
            spotter.coach, spotter.store, platforms, clock=clock, hand_over=self.sender.take
        )
        self.inbox = InboxWriter(spotter.store, self.dispatcher.wake)
        self._clock = clock
        self._stop = asyncio.Event()
        self._ready = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.message_content = True

    def connected(self) -> bool:
        """For `/healthz`: the gateway session is up."""
        return self.client.is_ready() and not self.client.is_closed()

    def _client(self, *, message_content: bool) -> _Client | _ShardedClient:
        intents = discord.Intents.default()
        intents.message_content = message_content
        intents.members = False
        intents.presences = False
        options: dict[str, Any] = {
            "intents": intents,
            "max_ratelimit_timeout": 30.0,
            "guild_ready_timeout": 0.05,
        }
        if self.shards is not None:
            count, ids = self.shards
            return _ShardedClient(self, shard_count=count, shard_ids=ids, **options)
        return _Client(self, **options)

    async def start(self, ready_within: float = 30.0) -> None:
        """Connect, register the commands if they changed, and start handling and sending."""
        self._stop.clear()
        connecting = asyncio.create_task(self._connect())
        self._tasks.append(connecting)
        ready = asyncio.create_task(self._ready.wait())
        await asyncio.wait({connecting, ready}, timeout=ready_within, return_when=asyncio.FIRST_COMPLETED)
        if not ready.done():
            ready.cancel()
            if connecting.done() and connecting.exception() is not None:
                raise RuntimeError(f"Discord refused the connection: {connecting.exception()!r}")
            raise TimeoutError(f"Discord did not become ready within {ready_within:g} s")
        self._tasks.append(asyncio.create_task(self.dispatcher.run(self._stop)))
        self._tasks.append(asyncio.create_task(self.sender.run(self._stop)))

    async def stop(self) -> None:
        self._stop.set()
        await self.dispatcher.close(STOP_GRACE_S)
        await self.sender.close(STOP_GRACE_S)
        with contextlib.suppress(Exception):
            await self.client.close()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()

    async def _connect(self) -> None:
        try:
            await self.client.login(self.token)
            await self.client.connect(reconnect=True)
        except discord.PrivilegedIntentsRequired:
            log.warning(
                "the application lacks the Message Content intent: plain-message reports are off; "
                "/log and buttons still work (enable it in the Developer Portal → Bot)"
            )
            with contextlib.suppress(Exception):
                await self.client.close()
            self.message_content = False
            self.client = self._client(message_content=False)
            self.platform.client = self.client
            await self.client.login(self.token)
            await self.client.connect(reconnect=True)

    # Events, called by the client

    async def on_ready(self) -> None:
        if self._ready.is_set():
            return  # a reconnect: the commands were checked at the first start
        try:
            await self._sync_commands()
        finally:
            self._ready.set()

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.autocomplete:
            await self._suggest(interaction)
            return
        incoming = from_interaction(interaction)
        if incoming is None:
            return
        command = interaction.type is discord.InteractionType.application_command
        if command:
            incoming = await with_upload(interaction, incoming)
        context = {
            "interaction_token": interaction.token,
            "application_id": str(interaction.application_id),
            "kind": "command" if command else "component",
            "admin": is_channel_admin(interaction.permissions),
            "private": incoming.private,
        }
        try:
            await self._store(f"i{interaction.id}", incoming, context)
        except Exception as exc:  # not stored, so not acknowledged: the user sees it failed
            log.warning("could not store an interaction (%s)", type(exc).__name__)
            return
        with contextlib.suppress(discord.HTTPException):
            if command:
                await interaction.response.defer(ephemeral=True, thinking=True)
            else:
                await interaction.response.defer()

    async def on_message(self, message: discord.Message, *, edited: bool = False) -> None:
        user = self.client.user
        incoming = from_message(message, user.id if user else 0, edited=edited)
        if incoming is None:
            return
        context: dict[str, Any] = {"admin": message_is_admin(message), "private": incoming.private}
        if not edited:
            context["reply_to"] = str(message.id)
        stamp = message.edited_at.isoformat() if edited and message.edited_at else ""
        await self._store(f"{'e' if edited else 'm'}{message.id}{stamp}", incoming, context)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server (kicked, or the server deleted): its channels' pushes stop at once."""
        await self._whole_server(guild, Kind.REMOVED)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Added (back) to a server: channels whose pushes stopped at the removal resume, and say
        so; channels without a program stay quiet."""
        await self._whole_server(guild, Kind.ADDED)

    async def _whole_server(self, guild: discord.Guild, kind: Kind) -> None:
        stamp = int(self._clock.now().timestamp() * 1_000_000)
        for channel in guild.text_channels:
            event = Incoming(
                address=Address("discord", str(channel.id)),
                user_id=str(guild.id),
                user_name=guild.name,
                is_admin=False,
                text="",
                kind=kind,
            )
            await self._store(f"{kind.value[0]}{guild.id}:{channel.id}:{stamp}", event, {})

    async def _store(self, key: str, incoming: Incoming, context: Mapping[str, Any]) -> None:
        row = InboxRow(
            platform="discord",
            update_key=key[:64],
            chat=f"discord:{incoming.address.chat_id}",
            payload={"incoming": incoming_to_json(incoming), "context": dict(context)},
            received_at=self._clock.now(),
        )
        await self.inbox.put(row)

    async def _suggest(self, interaction: discord.Interaction) -> None:
        """Autocomplete: member names (as mentions the core reads), time zones, settings."""
        data: Mapping[str, Any] = interaction.data or {}
        focused = next((o for o in data.get("options", []) if o.get("focused")), None)
        if focused is None or interaction.channel is None:
            return
        typed = str(focused.get("value", ""))
        address = address_of(interaction.channel)
        found = await self.spotter.coach.suggestions(address, str(focused["name"]), typed)
        choices = [app_commands.Choice(name=label[:100], value=value[:100]) for label, value in found]
        with contextlib.suppress(discord.HTTPException):
            await interaction.response.autocomplete(choices[:MAX_CHOICES])

    async def _sync_commands(self) -> None:
        """Register the slash commands, only when they differ from what Discord holds."""
        app_id = self.client.application_id
        wanted = command_payloads(self.spotter.coach.commands.all())
        route = Route("GET", "/applications/{application_id}/commands", application_id=app_id)
        current = await self.client.http.request(route)
        if _comparable(current) == _comparable(wanted):
            log.info("Discord commands unchanged (%d)", len(wanted))
            return
        put = Route("PUT", "/applications/{application_id}/commands", application_id=app_id)
        await self.client.http.request(put, json=wanted)
        log.info("Discord commands registered (%d)", len(wanted))


class _Events:
    """The events Spotter uses, forwarded to the adapter (for either kind of client)."""

    adapter: DiscordAdapter

    async def on_ready(self) -> None:
        await self.adapter.on_ready()

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await self.adapter.on_interaction(interaction)

    async def on_message(self, message: discord.Message) -> None:
        await self.adapter.on_message(message)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.adapter.on_guild_remove(guild)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.adapter.on_guild_join(guild)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        if "content" in payload.data:  # an embed unfurling is an update too, not an edit
            await self.adapter.on_message(payload.message, edited=True)


class _Client(_Events, discord.Client):
    """discord.py's client: one gateway session for every server."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.adapter = adapter


class _ShardedClient(_Events, discord.AutoShardedClient):
    """discord.py's sharded client: the servers of `shard_ids`, one session per shard."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.adapter = adapter


def _comparable(commands: Any) -> list[tuple[Any, ...]]:
    """The parts of a command set Spotter decides, in a stable order (Discord adds ids etc.)."""
    if not isinstance(commands, list):
        return []
    result = []
    for c in commands:
        options = tuple(
            (
                o.get("type"),
                o.get("name"),
                o.get("description"),
                bool(o.get("required", False)),
                tuple((ch["name"], ch["value"]) for ch in o.get("choices") or ()),
                bool(o.get("autocomplete", False)),
            )
            for o in c.get("options") or ()
        )
        result.append((c.get("name"), c.get("description"), options, c.get("default_member_permissions")))
    return sorted(result, key=lambda item: str(item[0]))
