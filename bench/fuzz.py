"""A long fuzz run through the Coach: hostile text, numbers and button payloads, no crash allowed.

    .venv/bin/python -m bench.fuzz [--cases 100000] [--seed 1]

Each case is one message or tap from one of a few members of a set-up group, on SQLite: set
reports and commands with numbers up to thousands of digits, NUL bytes, 4096-character texts,
129-character names, unicode digits and forged button data. It prints how many cases ran, how
many raised (must be 0) and the longest reply, which Telegram's splitter must fit in 4096.
The CI suite runs the same kinds of input through hypothesis with fewer cases.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import string
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from adapters.telegram.render import MAX_MESSAGE, split_markup, to_html
from bot.app import build_spotter
from bot.clock import ManualClock
from bot.messages import Address, Incoming
from bot.settings import Settings

COMMANDS = (
    "/log",
    "/join",
    "/set @ben",
    "/setup",
    "/unit",
    "/faq",
    "/help",
    "/variations",
    "/pain",
    "/undo",
    "/me",
)
WORDS = (
    "x",
    "@",
    "kg",
    "lb",
    "bw",
    "rpe",
    "sets of",
    "each side",
    "at",
    ",",
    "/",
    "-",
    "e",
    "²",
    "٣",
    "\x00",
)


def _number(rng: random.Random) -> str:
    return "".join(rng.choice(string.digits) for _ in range(rng.choice((1, 2, 3, 7, 40, 400, 3000))))


def _text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return " ".join(rng.choice((_number(rng), *WORDS)) for _ in range(rng.randint(1, 8)))
    if kind < 0.6:
        return "".join(rng.choice(string.printable + "×✕\x00é٣²") for _ in range(rng.randint(3000, 4200)))
    return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 60)))


def case(rng: random.Random, address: Address, n: int) -> Incoming:
    user = rng.choice(("ana", "ben", "x" * 129, "\x00evil"))
    kind = rng.random()
    if kind < 0.15:
        action = rng.choice(("undo:", "done:")) + rng.choice(
            (_number(rng), "2026-12-07", "²", _text(rng)[:40])
        )
        return Incoming(address, user, user, False, "", message_id=f"tap{n}", action=action)
    text = f"{rng.choice(COMMANDS)} {_text(rng)}" if kind < 0.6 else _text(rng)
    return Incoming(
        address, user, user, rng.random() < 0.3, text, message_id=f"m{n}", reply_to_bot=rng.random() < 0.5
    )


async def run(cases: int, seed: int) -> None:
    rng = random.Random(seed)
    address = Address("telegram", "-100999")
    with tempfile.TemporaryDirectory() as tmp:
        clock = ManualClock(datetime(2026, 12, 7, 17, 0, tzinfo=UTC))
        spotter = await build_spotter(
            Settings(database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'f.db'}"), clock
        )
        await spotter.coach.handle(
            Incoming(address, "coach", "Coach", True, "/setup hypertrophy mon 18:30 UTC")
        )
        for user in ("ana", "ben"):
            await spotter.coach.handle(Incoming(address, user, user, False, "/join intermediate 60kg"))
        crashes, longest, started = 0, 0, time.perf_counter()
        for n in range(cases):
            incoming = case(rng, address, n)
            try:
                for reply in await spotter.coach.handle(incoming):
                    longest = max(longest, len(reply.text))
                    assert all(len(to_html(chunk)) <= MAX_MESSAGE for chunk in split_markup(reply.text))
            except Exception:
                crashes += 1
                if crashes <= 3:
                    traceback.print_exc()
        elapsed = time.perf_counter() - started
        await spotter.close()
    summary = f"{cases} cases in {elapsed:.0f} s: {crashes} raised"
    print(f"{summary}; longest reply {longest} characters (split to fit)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.seed))


if __name__ == "__main__":
    main()
