"""Discord as a kit `Platform`: channel messages, interaction answers, admin rights.

Every slash command is acknowledged at once with an ephemeral "thinking" state (see
`adapters/discord/bot.py`); its answer then either replaces that state, for the asker only
(personal answers, refusals), or is posted in the channel for everyone, and the thinking
state is removed. A button tap is acknowledged silently; a private answer to it is an
ephemeral follow-up. One table (`delivery_error`) maps discord.py's errors.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import aiohttp
import discord
from discord.http import Route

from adapters.discord.render import Piece, pieces
from adapters.kit.platform import Context
from bot.messages import (
    Address,
    Attachment,
    DeliveryError,
    Forbidden,
    Incoming,
    Reply,
    RetryAfter,
    SentRef,
    TransientError,
    Undeliverable,
)

log = logging.getLogger(__name__)

EPHEMERAL = 64
BUTTON, ACTION_ROW, SECONDARY = 2, 1, 2
# Discord's codes for "the bot may not post here": Missing Access, Missing Permissions,
# Unknown Channel, Cannot send messages to this user.
SILENCING_CODES = {50001, 50013, 10003, 50007}
# Interaction tokens live 15 minutes; an answer later than that goes to the channel instead.
UNKNOWN_WEBHOOK = 10015
ORIGINAL = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
FOLLOW_UP = "/webhooks/{webhook_id}/{webhook_token}"
CHANNEL_MESSAGES = "/channels/{channel_id}/messages"
NO_MENTIONS: dict[str, Any] = {"parse": [], "replied_user": False}


def delivery_error(error: Exception) -> DeliveryError:
    """The core's view of a failed Discord call: retry (when), stop, or drop."""
    if isinstance(error, discord.RateLimited):
        return RetryAfter(error.retry_after)
    if isinstance(error, discord.HTTPException):
        if error.status == 429:
            return RetryAfter(_retry_after(error))
        if error.code in SILENCING_CODES or error.status == 403:
            return Forbidden(f"{error.status} {error.code}")
        if error.status >= 500:
            return TransientError(f"{error.status}")
        return Undeliverable(f"{error.status} {error.code}")
    if isinstance(error, aiohttp.ClientError | TimeoutError | OSError):
        return TransientError(type(error).__name__)
    return TransientError(type(error).__name__)


def components(reply: Reply) -> list[dict[str, Any]]:
    """The reply's buttons: their custom ids are the core's actions, stable across restarts."""
    if not reply.buttons:
        return []
    row = [
        {"type": BUTTON, "style": SECONDARY, "label": b.label[:80], "custom_id": b.action}
        for b in reply.buttons
    ]
    return [{"type": ACTION_ROW, "components": row[:5]}]


def message_payload(piece: Piece, reply: Reply, *, last: bool, ephemeral: bool = False) -> dict[str, Any]:
    payload: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if piece.description:
        payload["embeds"] = [{"description": piece.description, "color": 0xE67E22}]
    else:
        payload["content"] = piece.content
    if last:
        payload["components"] = components(reply)
    if ephemeral:
        payload["flags"] = EPHEMERAL
    return payload


class DiscordPlatform:
    """Sends through a discord.py client's HTTP session; also the `Outbox` for pushes."""

    name = "discord"

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    def acknowledges_taps(self) -> bool:
        return False  # every tap was acknowledged (deferred) when it arrived

    async def is_admin(self, incoming: Incoming, context: Context) -> bool:
        """Manage Channels, Manage Server or Administrator in that channel, as Discord resolved
        it when the command arrived (a private chat is the user's own)."""
        return bool(context.get("admin")) or incoming.private

    async def send(self, to: Address, reply: Reply, context: Context | None = None) -> SentRef | None:
        context = context or {}
        try:
            if context.get("interaction_token"):
                return await self._answer(to, reply, context)
            return await self._post(to, reply, reply_to=context.get("reply_to"))
        except (discord.DiscordException, aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise delivery_error(exc) from exc

    async def _answer(self, to: Address, reply: Reply, context: Context) -> SentRef | None:
        app, token = context["application_id"], context["interaction_token"]
        command = context.get("kind") == "command"
        if reply.replaces is not None and not command and len(pieces(reply)) == 1:
            # The tap was deferred as an update of its message: the original is that message.
            (piece,) = pieces(reply)
            payload = message_payload(piece, reply, last=True)
            await self._request("PATCH", ORIGINAL, webhook_id=app, webhook_token=token, json=payload)
            return SentRef(to, reply.replaces)
        try:
            if reply.private:
                await self._answer_privately(app, token, reply, replace_thinking=command)
                return None
            sent = await self._post(to, reply)
            if command:  # the asker's "thinking…" is no longer needed
                await self._request(
                    "DELETE",
                    "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
                    webhook_id=app,
                    webhook_token=token,
                )
            return sent
        except discord.NotFound as exc:
            if exc.code != UNKNOWN_WEBHOOK or reply.private:
                raise
            log.info("an interaction expired before its answer; posting in the channel")
            return await self._post(to, reply)

    async def _answer_privately(self, app: str, token: str, reply: Reply, *, replace_thinking: bool) -> None:
        parts = pieces(reply)
        for index, piece in enumerate(parts):
            payload = message_payload(piece, reply, last=index == len(parts) - 1, ephemeral=True)
            if replace_thinking and index == 0:
                await self._request("PATCH", ORIGINAL, webhook_id=app, webhook_token=token, json=payload)
            else:
                await self._request(
                    "POST",
                    "/webhooks/{webhook_id}/{webhook_token}",
                    webhook_id=app,
                    webhook_token=token,
                    json=payload,
                )

    async def _post(self, to: Address, reply: Reply, *, reply_to: object = None) -> SentRef:
        """Post in the channel (or thread); the first piece answers `reply_to` when given."""
        channel_id = to.thread_id or to.chat_id
        parts = pieces(reply)
        if reply.replaces is not None and len(parts) == 1:
            payload = message_payload(parts[0], reply, last=True)
            route = Route(
                "PATCH",
                "/channels/{channel_id}/messages/{message_id}",
                channel_id=channel_id,
                message_id=reply.replaces,
            )
            await self.client.http.request(route, json=payload)
            return SentRef(to, reply.replaces)
        sent: Any = None
        for index, piece in enumerate(parts):
            payload = message_payload(piece, reply, last=index == len(parts) - 1)
            if reply_to and index == 0:
                payload["message_reference"] = {"message_id": str(reply_to), "fail_if_not_exists": False}
            route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
            last = index == len(parts) - 1
            if last and reply.attachment is not None:
                sent = await self._upload(route, payload, reply.attachment)
            else:
                sent = await self.client.http.request(route, json=payload)
        return SentRef(to, str(sent["id"]) if isinstance(sent, dict) else "")

    async def _upload(self, route: Route, payload: dict[str, Any], file: Attachment) -> Any:
        """A message with a file: Discord's multipart form, the JSON as `payload_json`."""
        payload = {**payload, "attachments": [{"id": 0, "filename": file.name}]}
        form: list[dict[str, Any]] = [
            {"name": "payload_json", "value": json.dumps(payload)},
            {
                "name": "files[0]",
                "value": file.data,
                "filename": file.name,
                "content_type": "image/png" if file.image else "text/csv",
            },
        ]
        upload = discord.File(io.BytesIO(file.data), filename=file.name)
        return await self.client.http.request(route, form=form, files=[upload])

    async def _request(self, method: str, path: str, *, json: Any = None, **params: Any) -> Any:
        return await self.client.http.request(Route(method, path, **params), json=json)


def _retry_after(error: discord.HTTPException) -> float:
    response = getattr(error, "response", None)
    header = response.headers.get("Retry-After") if response is not None else None
    try:
        return float(header) if header else 1.0
    except ValueError:
        return 1.0
