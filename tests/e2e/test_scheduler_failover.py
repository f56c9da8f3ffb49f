"""Two scheduler processes on the real PostgreSQL: kill the leader, the standby takes over,
and across both every push is sent exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_spotter
from bot.clock import ManualClock
from bot.messages import Address
from bot.settings import Settings
from tests.helpers import GroupChat

ROOT = Path(__file__).parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
SIM_START = datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN)  # a Monday morning
SPEED = 120.0  # one real second is two simulated minutes
SESSIONS = ["09:40", "09:50", "10:00", "10:10", "10:20", "10:30"]
RUN_SECONDS = 33.0  # simulated 09:00 → 10:06


async def _groups(database_url: str) -> None:
    # The groups exist from 08:00, so the 08:40 and 08:50 reminders are owed at the first start.
    spotter = await build_spotter(
        Settings(database_url=database_url), ManualClock(SIM_START - timedelta(hours=1))
    )
    try:
        for index, start in enumerate(SESSIONS):
            chat = GroupChat(spotter.coach, admins={"coach"}, address=Address("test", f"g{index}"))
            await chat.say("coach", f"/setup hypertrophy mon {start} Europe/Berlin")
            await chat.say("ana", "/join beginner")
    finally:
        await spotter.close()


def _node(name: str, database_url: str, out: Path, real_start: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.e2e.scheduler_node",
            "--db",
            database_url,
            "--out",
            str(out),
            "--name",
            name,
            "--sim-start",
            SIM_START.isoformat(),
            "--real-start",
            str(real_start),
            "--speed",
            str(SPEED),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _sent(out: Path) -> list[dict[str, str]]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def _wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_the_standby_takes_over_and_no_push_is_duplicated_or_lost(database_url: str, tmp_path: Path) -> None:
    """Real processes and real seconds: the one test that waits on the wall clock."""
    asyncio.run(_groups(database_url))
    out = tmp_path / "sent.jsonl"
    real_start = time.time()
    leader = _node("a", database_url, out, real_start)
    standby = None
    try:
        assert _wait_for(lambda: any(s["node"] == "a" for s in _sent(out)), 20), "the first node never led"
        standby = _node("b", database_url, out, real_start)
        time.sleep(4)  # the standby is up and polling for the lock
        assert all(s["node"] == "a" for s in _sent(out)), "two schedulers were active at once"
        leader.send_signal(signal.SIGKILL)
        leader.wait(10)
        # The next push is due within a few real seconds; the standby must be the one sending it.
        assert _wait_for(lambda: any(s["node"] == "b" for s in _sent(out)), 15), "the standby never took over"
        time.sleep(max(0.0, real_start + RUN_SECONDS - time.time()))
    finally:
        for process in (leader, standby):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(10)

    sent = _sent(out)
    keys = [(s["to"], s["text"].split()[0]) for s in sent]
    assert len(keys) == len(set(keys)), f"a push was sent twice: {keys}"
    last_sim = max(datetime.fromisoformat(s["at"]) for s in sent)
    expected_reminders = {(f"test:g{i}", "⏰") for i in range(len(SESSIONS))}

    def warmup_due(start: str) -> datetime:
        session = datetime.combine(SIM_START.date(), datetime.strptime(start, "%H:%M").time(), BERLIN)
        return session - timedelta(minutes=10)

    expected_warmups = {
        (f"test:g{i}", "🔥") for i, start in enumerate(SESSIONS) if warmup_due(start) <= last_sim
    }
    assert set(keys) == expected_reminders | expected_warmups
    assert {s["node"] for s in sent} == {"a", "b"}
