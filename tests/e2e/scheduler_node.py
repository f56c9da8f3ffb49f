"""One Spotter scheduler process for the failover test: leadership, pushes, a file outbox.

It runs the production pieces (Leadership on a PostgreSQL advisory lock, the Pusher, the
start-up catch-up) on simulated time that runs `speed` times faster than the wall clock, so a
training morning fits in half a minute. Every send is appended to `--out` as a JSON line.

    python -m tests.e2e.scheduler_node --db URL --out FILE --name a --sim-start ISO --real-start T --speed 120
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import build_spotter
from bot.clock import ManualClock
from bot.markup import plain_text
from bot.messages import Address, Reply, SentRef
from bot.settings import Settings
from scheduler.leader import Leadership
from scheduler.runner import PushScheduler
from scheduler.simulated import SimulatedScheduler


@dataclass
class FileOutbox:
    path: Path
    node: str
    clock: ManualClock

    async def send(self, to: Address, reply: Reply) -> SentRef:
        line = {
            "node": self.node,
            "to": str(to),
            "at": self.clock.now().isoformat(),
            "text": plain_text(reply.text),
        }
        with self.path.open("a") as handle:
            handle.write(json.dumps(line) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return SentRef(to, "file")


async def run(args: argparse.Namespace) -> None:
    sim_start = datetime.fromisoformat(args.sim_start)

    def sim_now() -> datetime:
        return sim_start + timedelta(seconds=(time.time() - args.real_start) * args.speed)

    clock = ManualClock(sim_now())
    spotter = await build_spotter(Settings(database_url=args.db), clock)
    pusher = spotter.pusher(FileOutbox(Path(args.out), args.name, clock))
    simulated = SimulatedScheduler(spotter.store, pusher, clock)
    leading = asyncio.Event()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)

    async def on_lead() -> None:
        clock.set(max(clock.now(), sim_now()))
        catch_up = PushScheduler(spotter.store, pusher, clock)
        await catch_up.reconcile_all()
        await catch_up.catch_up()
        leading.set()

    async def on_lose() -> None:
        leading.clear()

    async def drive() -> None:
        while not stop.is_set():
            if leading.is_set():
                await simulated.advance(sim_now())
            await asyncio.sleep(0.05)

    leadership = Leadership(spotter.store.engine, poll=0.5)
    await asyncio.gather(leadership.run(on_lead, on_lose, stop), drive())
    await spotter.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--sim-start", required=True)
    parser.add_argument("--real-start", type=float, required=True)
    parser.add_argument("--speed", type=float, default=120.0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
