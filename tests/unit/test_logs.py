"""No secret reaches a log line, and database URLs print without their password."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from adapters import logs
from bot.store.database import create_engine

TOKEN = "123456:AAE-secret-token-value"


@pytest.fixture
def records() -> logging.Handler:
    logs.register_secret(TOKEN)
    handler = logging.Handler()
    handler.addFilter(logs.RedactSecrets())
    return handler


def _format(handler: logging.Handler, record: logging.LogRecord) -> str:
    assert handler.filter(record)
    return logging.Formatter().format(record)


def test_a_token_in_a_logged_url_is_redacted(records: logging.Handler) -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "HTTP Request: POST %s", (f"http://x/bot{TOKEN}/getMe",), None
    )
    line = _format(records, record)
    assert TOKEN not in line
    assert "bot«redacted»/getMe" in line


def test_a_token_in_an_exception_is_redacted(records: logging.Handler) -> None:
    try:
        raise RuntimeError(f"cannot reach /bot{TOKEN}/getUpdates")
    except RuntimeError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    assert TOKEN not in _format(records, record)


def test_short_values_are_not_treated_as_secrets() -> None:
    logs.register_secret("abc")
    assert logs.redact("abc") == "abc"


def test_a_database_url_prints_without_its_password() -> None:
    url = "postgresql+asyncpg://spotter:hunter22@db:5432/spotter"
    assert "hunter22" not in logs.printable_url(url)
    assert logs.database_password(url) == "hunter22"


async def test_a_new_sqlite_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "spotter.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
