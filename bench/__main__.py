"""Every figure issue 14 asks for, with the machine it ran on: one command.

    .venv/bin/python -m bench [--postgres URL] [--quick]

Runs, one after another (each in a process of its own, so one's memory and threads do not
colour the next): throughput against the echo bots on Telegram (SQLite, PostgreSQL, both bots
under the production pacer) and Discord, the 10,000-group reminder burst (SQLite, PostgreSQL),
start-up with 10,000 groups, and `/today` for 50 members on one and three lifts. Each prints its
own figures and checks its own targets. `--quick` uses smaller sizes (a smoke run, not figures
to quote); without `--postgres` the PostgreSQL runs are skipped, with a line saying so.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from bench.rounds import machine


def _runs(postgres: str | None, quick: bool) -> list[tuple[str, list[str]]]:
    updates, groups = ("300", "1000") if quick else ("2000", "10000")
    runs: list[tuple[str, list[str]]] = [
        ("Telegram throughput, SQLite", ["bench.telegram", "--updates", updates]),
        (
            "Telegram throughput, production pacer",
            ["bench.telegram", "--updates", "300", "--groups", "100", "--paced"],
        ),
        ("Discord throughput, SQLite", ["bench.discord", "--updates", updates]),
        ("Reminder burst, SQLite", ["bench.burst", "--groups", groups]),
        ("Start-up", ["bench.startup", "--groups", groups, "--members", "1"]),
        ("/today, one lift", ["bench.today", "--members", "50"]),
        ("/today, three lifts", ["bench.today", "--members", "50", "--lifts", "3"]),
    ]
    if postgres:
        runs[1:1] = [
            (
                "Telegram throughput, PostgreSQL",
                ["bench.telegram", "--updates", updates, "--database-url", postgres],
            )
        ]
        runs.append(
            ("Reminder burst, PostgreSQL", ["bench.burst", "--groups", groups, "--database-url", postgres])
        )
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL for the PostgreSQL runs")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if not args.postgres:
        print("PostgreSQL runs skipped: pass --postgres URL (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    failed = 0
    for title, argv in _runs(args.postgres, args.quick):
        print(f"\n== {title}: python -m {' '.join(argv)}", flush=True)
        began = time.perf_counter()
        code = subprocess.run([sys.executable, "-m", *argv]).returncode
        print(f"({time.perf_counter() - began:.0f} s, exit {code})", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
