"""Start-up with many groups: from an existing database to a running push scheduler.

    .venv/bin/python -m bench.startup [--groups 10000] [--members 5] [--database-url URL]

Creates the groups (each training Mon & Thu at 18:30 in Berlin, with `--members` members) in a
database, outside the timing, with the clock on a Wednesday, so the latest occurrence of every
push job is in the past: the catch-up a restarted process does. Then, timed in a fresh
process-like setting: build the core (schema check), derive every job and catch up, start
APScheduler. Printed: the seconds to a running scheduler, the peak RSS, the jobs scheduled, what
the catch-up did, and the targets (< 3 s, < 200 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_spotter
from bot.clock import ManualClock
from bot.messages import Address, Reply, SentRef
from bot.settings import Settings
from scheduler.runner import PushScheduler
from tests.helpers import write_groups

BERLIN = ZoneInfo("Europe/Berlin")
CREATED = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
RESTART = datetime(2026, 12, 9, 12, 0, tzinfo=BERLIN)  # a Wednesday: Monday's pushes are past


class NoSends:
    """Pushes go nowhere: the benchmark times the scheduler, not a platform."""

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, to: Address, reply: Reply) -> SentRef:
        self.sent += 1
        return SentRef(to, "")


async def run(groups: int, per_group: int, url: str) -> None:
    setup = await build_spotter(Settings(database_url=url), ManualClock(CREATED))
    started = time.perf_counter()
    addresses = [Address("telegram", str(-400000 - n)) for n in range(groups)]
    await write_groups(setup, addresses, CREATED, members_per_group=per_group)
    await setup.close()
    print(f"set up {groups} groups × {per_group} members in {time.perf_counter() - started:.0f} s")


async def start_once(url: str, label: str) -> None:
    began = time.perf_counter()
    clock = ManualClock(RESTART)
    spotter = await build_spotter(Settings(database_url=url), clock)
    sends = NoSends()
    scheduler = PushScheduler(spotter.store, spotter.pusher(sends), clock)
    await scheduler.start()
    seconds = time.perf_counter() - began
    jobs = len(scheduler.aps.get_jobs())
    await scheduler.caught_up()
    caught_up = time.perf_counter() - began
    await scheduler.stop()
    await spotter.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: scheduler running after {seconds:.2f} s, {jobs} APScheduler jobs; "
        f"catch-up done after {caught_up:.1f} s ({sends.sent} pushes sent); peak RSS {rss_mb:.0f} MB"
    )
    print(
        f"  targets: < 3 s {'met' if seconds < 3 else 'MISSED'}, "
        f"< 200 MB {'met' if rss_mb < 200 else 'MISSED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=10000)
    parser.add_argument("--members", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--start", default=None, help=argparse.SUPPRESS)  # one timed start, on this URL
    parser.add_argument("--label", default="start", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.start:
        asyncio.run(start_once(args.start, args.label))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'startup.db'}"
        asyncio.run(run(args.groups, args.members, url))
        for label in ("first start (catches up Monday)", "second start (nothing owed)"):
            # Each start in a process of its own, so its RSS is the start's alone.
            command = [sys.executable, "-m", "bench.startup", "--start", url, "--label", label]
            subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
