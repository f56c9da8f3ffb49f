"""Files members attach to a slash command (`/import`'s CSV), fetched from Discord's CDN.

The interaction must be acknowledged within three seconds of arriving, and it is stored
before it is acknowledged: a file that cannot be fetched within `FETCH_TIMEOUT_S` leaves the
command without it, and the core asks for the file again.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import aiohttp
import discord

from adapters.discord.translate import uploaded
from bot.messages import MAX_UPLOAD_BYTES, Attachment, Incoming

log = logging.getLogger(__name__)

FETCH_TIMEOUT_S = 2.0


async def with_upload(interaction: discord.Interaction, incoming: Incoming) -> Incoming:
    """`incoming` with the file its slash command carries, if any."""
    found = uploaded(interaction.data or {})
    if found is None:
        return incoming
    name, size = str(found.get("filename") or "file"), int(found.get("size") or 0)
    if size > MAX_UPLOAD_BYTES:
        return replace(incoming, document=Attachment(name, b"", too_big=True))
    try:
        data = await asyncio.wait_for(
            interaction.client.http.get_from_cdn(str(found["url"])), FETCH_TIMEOUT_S
        )
    except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
        log.warning("could not fetch an attachment (%s)", type(exc).__name__)
        return incoming
    if len(data) > MAX_UPLOAD_BYTES:
        return replace(incoming, document=Attachment(name, b"", too_big=True))
    return replace(incoming, document=Attachment(name, data))
