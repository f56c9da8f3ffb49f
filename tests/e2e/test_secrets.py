"""A whole `spotter run` session at DEBUG, in webhook mode on PostgreSQL: no secret in any line."""

from __future__ import annotations

import asyncio
import signal
import uuid
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from tests.e2e.telegram_chat import ANA, GROUP, free_port, spotter_run, webhook_settings
from tests.fake_telegram import FakeTelegram


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_debug_webhook_session_logs_no_token_secret_or_password(
    fake: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    password = f"Pw-{uuid.uuid4().hex}"  # trust auth accepts any password; the logs must not show it
    secret = f"Hook-{uuid.uuid4().hex}"
    port = free_port()
    settings = {
        "SPOTTER_DATABASE_URL": make_url(database_url).set(password=password).render_as_string(False),
        "SPOTTER_LOG_LEVEL": "DEBUG",
        **webhook_settings(port, secret),
    }
    process = await spotter_run(fake, tmp_path, settings, capture=True)
    update = {
        "update_id": 1,
        "message": {
            "message_id": 7,
            "date": 0,
            "chat": fake.chat(GROUP),
            "from": fake.user(ANA, "Ana"),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    try:
        await fake.wait_for("setWebhook", 1, within=30)
        async with aiohttp.ClientSession() as http:
            hook = f"http://127.0.0.1:{port}/telegram"
            refused = await http.post(hook, json=update)
            accepted = await http.post(hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret})
        await fake.wait_for("sendMessage", 1, within=30)
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    output = (stdout + stderr).decode()
    assert (refused.status, accepted.status) == (403, 200)
    assert "DEBUG" in output  # the session really logged at DEBUG
    for leaked in (fake.token, fake.token.split(":")[1], secret, password):
        assert leaked not in output
