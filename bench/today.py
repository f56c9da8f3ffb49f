"""`/today` for a big group, in the core: the time to answer and the answer's size.

    .venv/bin/python -m bench.today [--members 50] [--lifts 1|3] [--runs 200]

A group of `--members` members on one lift (the hip thrust) or three (hip thrust, Romanian
deadlift, split squat), on SQLite: `Coach.handle("/today")` timed over `--runs` calls (the
median and p90), and the reply's length against Telegram's 4,096 characters per message.
Target: < 5 ms in the core, one message.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_spotter
from bot.clock import ManualClock
from bot.markup import plain_text
from bot.messages import Address, Incoming
from bot.settings import Settings

MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
TELEGRAM_LIMIT = 4096


async def run(members: int, lifts: int, runs: int, db: Path) -> None:
    spotter = await build_spotter(Settings(database_url=f"sqlite+aiosqlite:///{db}"), ManualClock(MONDAY))
    address = Address("telegram", "-1000")

    def said(user: str, text: str, admin: bool = False) -> Incoming:
        return Incoming(address, user, f"Lifter {user}", admin, text)

    try:
        await spotter.coach.handle(said("1", "/setup hypertrophy mon,thu 18:30 Europe/Berlin", admin=True))
        if lifts > 1:
            await spotter.coach.handle(said("1", "/program mon: hip thrust, rdl, split squat", admin=True))
        for n in range(members):
            await spotter.coach.handle(said(str(100 + n), f"/join intermediate {40 + n}kg"))
        times = []
        reply_length = 0
        messages = 0
        for _ in range(runs):
            began = time.perf_counter()
            replies = await spotter.coach.handle(said("100", "/today"))
            times.append(time.perf_counter() - began)
            messages = len(replies)
            reply_length = max(len(plain_text(r.text)) for r in replies)
    finally:
        await spotter.close()
    times.sort()
    median, p90 = statistics.median(times) * 1000, times[int(len(times) * 0.9)] * 1000
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"/today for {members} members on {lifts} lift(s): median {median:.1f} ms, p90 {p90:.1f} ms")
    print(f"reply: {messages} message(s), {reply_length} characters (Telegram allows {TELEGRAM_LIMIT})")
    fits = messages == 1 and reply_length <= TELEGRAM_LIMIT
    print(f"targets: < 5 ms {'met' if median < 5 else 'MISSED'}, one message {'met' if fits else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--lifts", type=int, choices=(1, 3), default=1)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args.members, args.lifts, args.runs, Path(tmp) / "today.db"))


if __name__ == "__main__":
    main()
