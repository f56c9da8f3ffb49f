"""Spotter against an echo bot, alternating rounds on a fresh database each: the shared harness of
`bench.telegram` and `bench.discord`.

The machine is shared and its speed drifts by tens of percent within minutes, so one round of
each bot says little; rounds alternate (Spotter, echo, Spotter, …) and the ratio is of the
medians. With `--paced` both bots send through the production pacer (Spotter's own limits for
the platform), so the comparison is of bots under the same limits.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from bot.store.database import async_url


@dataclass
class Result:
    name: str
    updates: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99_ms(self) -> float:
        return sorted(self.latencies)[max(0, int(len(self.latencies) * 0.99) - 1)] * 1000

    def line(self) -> str:
        rate = f"{self.rate:8.0f} updates/s"
        return f"{self.name:<8} {rate}   p50 {self.p50_ms:7.0f} ms   p99 {self.p99_ms:7.0f} ms"


@dataclass(frozen=True)
class Options:
    updates: int
    groups: int
    rounds: int
    database_url: str | None
    paced: bool


SpotterRun = Callable[[Options, str], Awaitable[Result]]
EchoRun = Callable[[Options], Awaitable[Result]]


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


@asynccontextmanager
async def fresh_database(url: str | None) -> AsyncIterator[str]:
    """An empty database for one round: a SQLite file in a temporary directory, or a new
    PostgreSQL database next to the one `url` names (dropped afterwards)."""
    if url is None or make_url(async_url(url)).get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        return
    base = make_url(async_url(url))
    name = f"spotter_bench_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(admin)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()


async def compare_rounds(title: str, options: Options, spotter: SpotterRun, echo: EchoRun) -> None:
    """Alternate Spotter and echo rounds, print each, then the medians and their ratio."""
    store = "SQLite" if options.database_url is None else "PostgreSQL"
    pacing = "production pacer on both" if options.paced else "pacing lifted"
    print(f"{title}; {store}; {pacing}; {machine()}")
    ours: list[Result] = []
    theirs: list[Result] = []
    for n in range(1, options.rounds + 1):
        async with fresh_database(options.database_url) as url:
            ours.append(await spotter(options, url))
        theirs.append(await echo(options))
        print(f"round {n}: {ours[-1].line()}")
        print(f"round {n}: {theirs[-1].line()}")
    spotter_rate = statistics.median(r.rate for r in ours)
    echo_rate = statistics.median(r.rate for r in theirs)
    ratio = spotter_rate / echo_rate
    verdict = "met" if ratio >= 0.8 else "MISSED"
    print(f"median   spotter {spotter_rate:.0f} updates/s, echo {echo_rate:.0f} updates/s")
    print(f"ratio    {ratio:.2f}× the echo bot (target ≥ 0.8×: {verdict})")


def command_line(doc: str, title: str, spotter: SpotterRun, echo: EchoRun, updates: int) -> None:
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--updates", type=int, default=updates)
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL to run on (a fresh database a round)"
    )
    parser.add_argument("--paced", action="store_true", help="both bots under the production pacer")
    parser.add_argument("--uvloop", action="store_true", help="both bots on uvloop (as `spotter run` is)")
    args = parser.parse_args()
    options = Options(args.updates, args.groups, args.rounds, args.database_url, args.paced)
    loop_factory: Callable[[], asyncio.AbstractEventLoop] | None = None
    if args.uvloop:
        import uvloop

        loop_factory = uvloop.new_event_loop
    print(f"event loop: {'uvloop' if args.uvloop else 'asyncio'}")
    title = title.format(updates=options.updates, groups=options.groups)
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(compare_rounds(title, options, spotter, echo))
