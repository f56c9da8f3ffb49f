"""A whole `spotter run` session at DEBUG, in webhook mode on PostgreSQL: no secret in any line."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import uuid
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from tests.e2e.telegram_chat import ANA, GROUP, OWN_SETTINGS
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_debug_webhook_session_logs_no_token_secret_or_password(
    fake: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    password = f"Pw-{uuid.uuid4().hex}"  # trust auth accepts any password; the logs must not show it
    secret = f"Hook-{uuid.uuid4().hex}"
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in OWN_SETTINGS},
        "TELEGRAM_TOKEN": fake.token,
        "TELEGRAM_API_BASE": fake.base_url,
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "TELEGRAM_WEBHOOK_PORT": str(port),
        "TELEGRAM_WEBHOOK_SECRET": secret,
        "SPOTTER_DATABASE_URL": make_url(database_url).set(password=password).render_as_string(False),
        "SPOTTER_LOG_LEVEL": "DEBUG",
        "PYTHONPATH": str(ROOT),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
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
