"""A reminder burst: every group's reminder due the same minute, against Telegram's flood limit.

    .venv/bin/python -m bench.burst [--groups 1000] [--limit 30] [--database-url URL]

Spotter's production path for pushes (the Pusher with its delivery claims, the Telegram adapter
with Telegram's real pacing) sends one reminder to each of `--groups` groups, all due at once,
to `tests.fake_telegram` on 127.0.0.1, which answers 429 to any send beyond `--limit` a second
(as Telegram does). Two seconds in, a member sends `/today`: its latency is how long a member
waits behind the burst. Printed: pushes sent, missing, duplicated, 429s, the achieved rate
against the limit, the probe's latency, and the targets (every push once, ≥ 95% of the limit,
no 429, the probe < 2 s). `--database-url` runs it on PostgreSQL (an empty database).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.kit.pacing import Limits
from adapters.telegram.bot import TelegramAdapter
from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.messages import Address
from bot.pushes import Outcome
from bot.settings import Settings
from tests.fake_telegram import FakeTelegram
from tests.helpers import reminder_due, write_groups

BERLIN = ZoneInfo("Europe/Berlin")
REMINDER_AT = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)  # for Monday's 18:30 session
PROBE_AFTER_S = 2.0


def _address(n: int) -> Address:
    return Address("telegram", str(-300000 - n))


async def run(groups: int, limit: float, database_url: str) -> None:
    fake = FakeTelegram(send_limit=limit)
    await fake.start()
    spotter = await build_spotter(Settings(database_url=database_url), ManualClock(REMINDER_AT))
    try:
        started = time.perf_counter()
        await write_groups(spotter, [_address(n) for n in range(groups)], spotter.clock.now())
        print(f"set up {groups} groups in {time.perf_counter() - started:.1f} s")
        limits = Limits(overall_burst=limit, overall_rate=limit)
        adapter = TelegramAdapter(spotter, fake.token, base_url=fake.base_url, limits=limits, poll_timeout=1)
        await adapter.start()
        try:
            await _burst(spotter, adapter, fake, groups, limit)
        finally:
            await adapter.stop()
    finally:
        await spotter.close()
        await fake.stop()


async def _burst(
    spotter: Spotter, adapter: TelegramAdapter, fake: FakeTelegram, groups: int, limit: float
) -> None:
    pusher = spotter.pusher(adapter.outbox)
    began = time.perf_counter()
    burst = asyncio.gather(*(pusher.push(reminder_due(_address(n), REMINDER_AT)) for n in range(groups)))
    await asyncio.sleep(PROBE_AFTER_S)
    probe_chat = int(_address(0).chat_id)
    before = len(fake.texts(probe_chat))
    asked = time.perf_counter()
    await fake.send_text(probe_chat, fake.user(7, "Zoe"), "/today")
    while len(fake.texts(probe_chat)) <= before:
        await fake.wait_for("sendMessage", len(fake.sent()) + 1, within=600)
    probe_s = time.perf_counter() - asked
    outcomes = await burst
    seconds = time.perf_counter() - began
    reminders = Counter(
        str(c.params["chat_id"]) for c in fake.sent() if "session</b> today" in str(c.params.get("text", ""))
    )
    sent = len(reminders)
    duplicates = sum(n - 1 for n in reminders.values())
    missing = groups - sent
    rate = (sent + duplicates) / seconds
    _report(groups, limit, sent, missing, duplicates, fake.too_many, rate, probe_s, Counter(outcomes))


def _report(
    groups: int,
    limit: float,
    sent: int,
    missing: int,
    duplicates: int,
    too_many: int,
    rate: float,
    probe_s: float,
    outcomes: Counter[Outcome],
) -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"reminders: {sent} of {groups} sent, {missing} missing, {duplicates} duplicates, {too_many} × 429")
    print(f"rate: {rate:.1f} messages/s of the {limit:g}/s limit ({rate / limit:.0%})")
    print(f"probe: /today answered {probe_s * 1000:.0f} ms after it was sent, mid-burst")
    print("outcomes: " + ", ".join(f"{o.value} {n}" for o, n in outcomes.items()))
    checks = {
        "every reminder once": missing == 0 and duplicates == 0,
        "≥ 95% of the limit": rate >= 0.95 * limit,
        "no 429": too_many == 0,
        "probe < 2 s": probe_s < 2.0,
    }
    print("targets: " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'burst.db'}"
        asyncio.run(run(args.groups, args.limit, url))


if __name__ == "__main__":
    main()
