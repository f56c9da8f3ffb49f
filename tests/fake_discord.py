"""A fake Discord REST API and gateway on 127.0.0.1 that speaks the real JSON over HTTP and
websockets, for the real discord.py client (pointed at it by `DISCORD_API_BASE` and
`DISCORD_GATEWAY_URL`).

The gateway says HELLO, reads IDENTIFY, sends READY and one GUILD_CREATE (a guild with a text
channel and a thread in it), acknowledges heartbeats, and dispatches scripted events: slash
commands, button taps and autocomplete (INTERACTION_CREATE), messages and their edits. The REST
side records every call: command registration, interaction callbacks and follow-ups, channel
messages. As the real API does, it answers JSON with `Content-Type: application/json` exactly,
and a 429 carries `retry_after` and a `Via` header.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

GUILD, CHANNEL, THREAD = 9000, 9100, 9150
APP = BOT = 4242
MANAGE_CHANNELS = 1 << 4
ADMIN_PERMISSIONS = str(MANAGE_CHANNELS | 0x400 | 0x800)  # + view channel, send messages
MEMBER_PERMISSIONS = str(0x400 | 0x800)
COMMAND, COMPONENT, AUTOCOMPLETE = 2, 3, 4
ATTACHMENT_OPTION = 11  # an application command option of type ATTACHMENT
EPHEMERAL_FLAG = 64


@dataclass
class Call:
    method: str
    path: str
    body: Any


@dataclass
class FakeDiscord:
    token: str = "discord-test-token"
    intents_granted: bool = True
    calls: list[Call] = field(default_factory=list)
    attachments: dict[str, bytes] = field(default_factory=dict)  # files members uploaded, by id
    registered: list[dict[str, Any]] = field(default_factory=list)
    # Errors for the next calls to a path suffix ("/messages"): (status, JSON body).
    failures: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))
    identified: int = 0
    # More text channels in the guild besides #training (for benchmarks with many groups).
    extra_channels: tuple[int, ...] = ()
    sent_times: list[float] = field(default_factory=list)  # perf_counter() of each channel message
    port: int = 0
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    # Each session's shard as it identified ([id, count]); a session without one gets everything.
    shards: dict[int, tuple[int, int]] = field(default_factory=dict)
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(70000))
    _new_call: asyncio.Condition = field(default_factory=asyncio.Condition)
    _runner: web.AppRunner | None = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # People and places

    @property
    def bot_user(self) -> dict[str, Any]:
        return self.user(BOT, "Spotter", bot=True)

    @staticmethod
    def user(user_id: int, name: str, *, bot: bool = False, global_name: str | None = None) -> dict[str, Any]:
        return {
            "id": str(user_id),
            "username": name.lower(),
            "global_name": global_name or name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def member(self, user: dict[str, Any], permissions: str = MEMBER_PERMISSIONS) -> dict[str, Any]:
        return {
            "user": user,
            "roles": [],
            "joined_at": _now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "communication_disabled_until": None,
            "permissions": permissions,
        }

    # Scripting events

    async def command(
        self,
        user: dict[str, Any],
        name: str,
        options: dict[str, str] | None = None,
        *,
        admin: bool = False,
        channel: int = CHANNEL,
        focused: str | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> dict[str, Any]:
        """Someone runs `/name` (or, with `focused`, is typing that option: autocomplete);
        `files` fill attachment options (option name → file name and bytes), which Discord
        sends as ids resolved in `data.resolved.attachments`, each with a CDN URL."""
        data: dict[str, Any] = {
            "id": str(next(self._ids)),
            "name": name,
            "type": 1,
            "options": [
                {"name": k, "type": 3, "value": v, **({"focused": True} if k == focused else {})}
                for k, v in (options or {}).items()
            ],
        }
        if files:
            resolved: dict[str, Any] = {}
            for option, (filename, content) in files.items():
                attachment_id = str(next(self._ids))
                self.attachments[attachment_id] = content
                url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
                resolved[attachment_id] = {
                    "id": attachment_id,
                    "filename": filename,
                    "size": len(content),
                    "url": url,
                    "proxy_url": url,
                    "content_type": "text/csv",
                }
                data["options"].append({"name": option, "type": ATTACHMENT_OPTION, "value": attachment_id})
            data["resolved"] = {"attachments": resolved}
        kind = AUTOCOMPLETE if focused else COMMAND
        return await self._interaction(kind, user, data, admin=admin, channel=channel)

    async def tap(
        self, user: dict[str, Any], custom_id: str, message: dict[str, Any], *, channel: int = CHANNEL
    ) -> dict[str, Any]:
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interaction(COMPONENT, user, data, channel=channel, message=message)

    async def say(
        self,
        user: dict[str, Any],
        text: str,
        *,
        channel: int = CHANNEL,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A message in a channel; its text is empty unless the Message Content intent is on."""
        message = self.message(user, text, channel=channel)
        if reply_to is not None:
            message["message_reference"] = {"message_id": reply_to["id"], "channel_id": str(channel)}
            message["referenced_message"] = reply_to
            message["type"] = 19
        await self.dispatch("MESSAGE_CREATE", self._as_seen(message))
        return message

    async def remove_bot(self) -> None:
        """The bot is kicked from the guild."""
        await self.dispatch("GUILD_DELETE", {"id": str(GUILD)})

    async def add_bot(self) -> None:
        """The bot is invited (back) into the guild. Discord leaves `unavailable` out of a join's
        GUILD_CREATE (`false` means a guild coming back from an outage)."""
        joined = {k: v for k, v in self._guild().items() if k != "unavailable"}
        await self.dispatch("GUILD_CREATE", joined)

    async def edit(self, message: dict[str, Any], text: str) -> None:
        edited = {**message, "content": text, "edited_timestamp": _now()}
        await self.dispatch("MESSAGE_UPDATE", self._as_seen(edited))

    def message(self, author: dict[str, Any], text: str, *, channel: int = CHANNEL) -> dict[str, Any]:
        return {
            "id": str(next(self._ids)),
            "channel_id": str(channel),
            "guild_id": str(GUILD),
            "author": author,
            "member": {k: v for k, v in self.member(author).items() if k not in {"user", "permissions"}},
            "content": text,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event to the sessions that own it: with shards, only the shard of its guild
        (`(guild_id >> 22) % shard_count`, as Discord routes), direct messages to shard 0."""
        guild = int(data.get("guild_id") or 0)
        for ws in list(self._sockets):
            if self._owns(ws, guild):
                await ws.send_str(json.dumps({"op": 0, "t": event, "s": next(self._seq), "d": data}))

    def _owns(self, ws: web.WebSocketResponse, guild: int) -> bool:
        shard = self.shards.get(id(ws))
        return shard is None or (guild >> 22) % shard[1] == shard[0]

    # Reading what the bot did

    def sent(self, method: str | None = None, path_part: str = "") -> list[Call]:
        return [c for c in self.calls if (method is None or c.method == method) and path_part in c.path]

    def channel_messages(self, channel: int = CHANNEL) -> list[dict[str, Any]]:
        return [c.body for c in self.sent("POST", f"/channels/{channel}/messages")]

    async def wait_for(self, method: str, path_part: str, count: int = 1, within: float = 10.0) -> list[Call]:
        async def enough() -> None:
            async with self._new_call:
                await self._new_call.wait_for(lambda: len(self.sent(method, path_part)) >= count)

        await asyncio.wait_for(enough(), within)
        return self.sent(method, path_part)

    async def answers(self, before: int, count: int = 1, within: float = 10.0) -> list[Call]:
        """The bot's answers (channel messages, interaction edits and follow-ups) among the calls
        made after the first `before`, once there are `count` of them."""

        def found() -> list[Call]:
            return [c for c in self.calls[before:] if is_answer(c)]

        async def enough() -> None:
            async with self._new_call:
                await self._new_call.wait_for(lambda: len(found()) >= count)

        await asyncio.wait_for(enough(), within)
        return found()

    @staticmethod
    def text_of(body: dict[str, Any]) -> str:
        """What a sent message says: its content, else its embeds' descriptions."""
        embeds = "\n".join(str(e.get("description", "")) for e in body.get("embeds") or ())
        return str(body.get("content") or "") + embeds

    # The gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        try:
            await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
            async for frame in ws:
                if frame.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(frame.data)
                if payload["op"] == 1:
                    await ws.send_str(json.dumps({"op": 11}))
                elif payload["op"] == 2:
                    await self._identify(ws, payload["d"])
        finally:
            self._sockets.remove(ws)
            self.shards.pop(id(ws), None)
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        message_content = 1 << 15
        if data.get("intents", 0) & message_content and not self.intents_granted:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        self.identified += 1
        if data.get("shard"):
            shard_id, count = data["shard"]
            self.shards[id(ws)] = (int(shard_id), int(count))
        mine = self._owns(ws, GUILD)
        ready = {
            "v": 10,
            "user": {
                **self.user(BOT, "Spotter", bot=True),
                "verified": True,
                "mfa_enabled": False,
                "flags": 0,
            },
            "guilds": [{"id": str(GUILD), "unavailable": True}] if mine else [],
            "session_id": f"session{self.identified}",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if self.shards.get(id(ws)):
            ready["shard"] = list(self.shards[id(ws)])
        await ws.send_str(json.dumps({"op": 0, "t": "READY", "s": next(self._seq), "d": ready}))
        if mine:
            await ws.send_str(
                json.dumps({"op": 0, "t": "GUILD_CREATE", "s": next(self._seq), "d": self._guild()})
            )

    def _guild(self) -> dict[str, Any]:
        return {
            "id": str(GUILD),
            "name": "Gym",
            "icon": None,
            "owner_id": "1",
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_flags": 0,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "roles": [
                {
                    "id": str(GUILD),
                    "name": "@everyone",
                    "permissions": MEMBER_PERMISSIONS,
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "channels": [
                {
                    "id": str(channel),
                    "type": 0,
                    "guild_id": str(GUILD),
                    "name": "training" if channel == CHANNEL else f"group-{channel}",
                    "position": index,
                    "permission_overwrites": [],
                    "nsfw": False,
                    "parent_id": None,
                    "topic": None,
                    "last_message_id": None,
                    "rate_limit_per_user": 0,
                }
                for index, channel in enumerate((CHANNEL, *self.extra_channels))
            ],
            "threads": [
                {
                    "id": str(THREAD),
                    "type": 11,
                    "guild_id": str(GUILD),
                    "parent_id": str(CHANNEL),
                    "owner_id": "1",
                    "name": "leg day",
                    "last_message_id": None,
                    "message_count": 0,
                    "member_count": 1,
                    "rate_limit_per_user": 0,
                    "flags": 0,
                    "thread_metadata": {
                        "archived": False,
                        "auto_archive_duration": 1440,
                        "archive_timestamp": _now(),
                        "locked": False,
                    },
                }
            ],
            "members": [self.member(self.user(BOT, "Spotter", bot=True))],
            "member_count": 3,
            "large": False,
            "unavailable": False,
            "joined_at": _now(),
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _channel(self, channel: int) -> dict[str, Any]:
        if channel == THREAD:
            return {
                "id": str(THREAD),
                "type": 11,
                "guild_id": str(GUILD),
                "parent_id": str(CHANNEL),
                "name": "leg day",
            }
        return {"id": str(channel), "type": 0, "guild_id": str(GUILD), "name": "training", "parent_id": None}

    async def _interaction(
        self,
        kind: int,
        user: dict[str, Any],
        data: dict[str, Any],
        *,
        admin: bool = False,
        channel: int = CHANNEL,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        interaction_id = next(self._ids)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APP),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD),
            "channel_id": str(channel),
            "channel": self._channel(channel),
            "member": self.member(user, ADMIN_PERMISSIONS if admin else MEMBER_PERMISSIONS),
            "token": f"itoken{interaction_id}",
            "version": 1,
            "app_permissions": ADMIN_PERMISSIONS,
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD)},
            "context": 0,
            "attachment_size_limit": 8388608,
        }
        if message is not None:
            payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def _as_seen(self, message: dict[str, Any]) -> dict[str, Any]:
        """Without the Message Content intent Discord blanks the text (mentions of the bot aside)."""
        if self.intents_granted:
            return message
        return {**message, "content": "", "embeds": [], "attachments": [], "components": []}

    # The REST side

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body = await self._body(request)
        if (
            request.headers.get("Authorization") not in {f"Bot {self.token}", None}
            and "/webhooks/" not in path
        ):
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        for suffix, queue in self.failures.items():
            if path.endswith(suffix) and queue:
                status, error = queue.pop(0)
                await self._record(Call(f"{request.method}!failed", path, body))
                return self._json(error, status, via=status == 429)
        await self._record(Call(request.method, path, body))
        return self._answer(request.method, path, body)

    @staticmethod
    async def _body(request: web.Request) -> Any:
        """JSON, or a multipart message with files: its `payload_json` with the files (name and
        bytes) under `_files`, as Discord takes a message with attachments."""
        if not request.can_read_body:
            return None
        if not request.content_type.startswith("multipart/"):
            return await request.json()
        body: dict[str, Any] = {}
        files: list[dict[str, Any]] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                body.update(json.loads(await part.text()))
            elif part.filename:
                files.append({"filename": part.filename, "data": bytes(await part.read())})
        return {**body, "_files": files}

    async def _attachment(self, request: web.Request) -> web.Response:
        """The CDN: an uploaded file by its id (no token needed, as on Discord's CDN)."""
        content = self.attachments.get(request.match_info["id"])
        if content is None:
            return web.Response(status=404)
        return web.Response(body=content, headers={"Content-Type": "application/octet-stream"})

    async def _record(self, call: Call) -> None:
        async with self._new_call:
            if is_answer(call):
                self.sent_times.append(time.perf_counter())
            self.calls.append(call)
            self._new_call.notify_all()

    def _answer(self, method: str, path: str, body: Any) -> web.Response:
        if path == "/users/@me":
            return self._json(self.user(BOT, "Spotter", bot=True))
        if path == "/oauth2/applications/@me":
            return self._json(
                {
                    "id": str(APP),
                    "name": "Spotter",
                    "icon": None,
                    "description": "",
                    "summary": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "verify_key": "0" * 64,
                    "flags": 0,
                    "owner": self.user(1, "Owner"),
                    "team": None,
                }
            )
        if path == f"/applications/{APP}/commands":
            if method == "PUT":
                self.registered = [
                    {**c, "id": str(next(self._ids)), "application_id": str(APP)} for c in body
                ]
            return self._json(self.registered)
        if path.endswith("/callback"):
            return self._json({"interaction": {"id": path.split("/")[2], "type": 2}})
        if method == "DELETE":
            return web.Response(status=204)
        if path.startswith("/channels/") or path.startswith("/webhooks/"):
            channel = path.split("/")[2] if path.startswith("/channels/") else str(CHANNEL)
            sent = self.message(self.user(BOT, "Spotter", bot=True), str((body or {}).get("content", "")))
            sent.update({"channel_id": channel, "embeds": (body or {}).get("embeds", [])})
            sent["components"] = (body or {}).get("components", [])
            return self._json(sent)
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    @staticmethod
    def _json(body: Any, status: int = 200, *, via: bool = False) -> web.Response:
        headers = {"Content-Type": "application/json"}
        if via:
            headers["Via"] = "1.1 google"
        return web.Response(body=json.dumps(body).encode(), status=status, headers=headers)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def is_answer(call: Call) -> bool:
    """A message the bot sent: in a channel, as an interaction's answer, or as a follow-up."""
    if call.method == "POST" and "/messages" in call.path and call.path.startswith("/channels/"):
        return True
    if call.method == "PATCH" and call.path.endswith("/messages/@original"):
        return True
    return call.method == "POST" and call.path.startswith("/webhooks/")
