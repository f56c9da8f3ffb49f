"""Files members send with a command (a CSV with `/import`), fetched for the core.

Only a file whose caption is a command is fetched: a group shares photos and documents all
day, and none of them is the bot's business. Bots may download files up to 20 MB; Spotter
fetches up to `MAX_UPLOAD_BYTES` and tells the core about a bigger one without its bytes.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Bot, Update
from telegram.error import TelegramError

from bot.messages import MAX_UPLOAD_BYTES, Attachment, Incoming

log = logging.getLogger(__name__)


async def with_document(bot: Bot, update: Update, incoming: Incoming) -> Incoming:
    """`incoming` with the document its message carries, when its caption is a command."""
    message = update.message
    document = message.document if message is not None else None
    if document is None or not incoming.text.startswith("/"):
        return incoming
    name = document.file_name or "file"
    if document.file_size is not None and document.file_size > MAX_UPLOAD_BYTES:
        return _with(incoming, Attachment(name, b"", too_big=True))
    try:
        file = await bot.get_file(document.file_id)
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:  # the command is still answered: "send the file again"
        log.warning("could not fetch a document (%s)", type(exc).__name__)
        return incoming
    if len(data) > MAX_UPLOAD_BYTES:
        return _with(incoming, Attachment(name, b"", too_big=True))
    return _with(incoming, Attachment(name, data))


def _with(incoming: Incoming, document: Attachment) -> Incoming:
    return replace(incoming, document=document)
