"""Logging for a running Spotter: levels, and no secret in any line at any level.

HTTP libraries log request URLs, and a Bot API URL holds the bot token; exceptions from the
database can quote connection strings. Every handler on the root logger gets a filter that
replaces each registered secret (tokens, webhook secrets, database passwords) in the message,
its arguments and any exception text, so even DEBUG output is safe to share.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

REDACTED = "«redacted»"
# Shorter values are not secrets worth hiding, and would blank out ordinary words.
MIN_SECRET_LENGTH = 6
# httpx logs every request URL at INFO; Spotter logs what matters itself.
QUIET_LIBRARIES = ("httpx", "httpcore", "apscheduler.executors", "aiosqlite")

_secrets: set[str] = set()


def register_secret(*values: str | None) -> None:
    """Hide these values from every log line from now on."""
    _secrets.update(v for v in values if v and len(v) >= MIN_SECRET_LENGTH)


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


class RedactSecrets(logging.Filter):
    """Rewrite a record so that no registered secret survives formatting."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def database_password(url: str) -> str | None:
    try:
        return make_url(url).password
    except ArgumentError:
        return None


def printable_url(url: str) -> str:
    """A database URL with its password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return redact(url)


class JsonLines(logging.Formatter):
    """One JSON object per line (time, level, logger, message, exception), for log shippers.
    Records reach it already redacted: the secret filter runs before any formatter."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = redact(record.exc_text)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str, secrets: Iterable[str | None], *, json_lines: bool = False) -> None:
    """Log to stderr at `level` (as JSON lines when asked), with every secret redacted from
    every handler's output."""
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if json_lines:
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonLines())
    register_secret(*secrets)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)
    # aiosqlite logs every call it hands to its thread (a thousand lines a minute at DEBUG) and
    # nothing an operator can act on; its warnings and errors still show.
    logging.getLogger("aiosqlite").setLevel(max(logging.INFO, logging.getLogger().getEffectiveLevel()))
