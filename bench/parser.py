"""Time the set-report parser over the public phrase table.

    .venv/bin/python -m bench.parser [--repeat 5] [--number 2000]

Prints the median, 90th percentile and worst per-message time across the table's phrases
(each phrase timed as the best of `repeat` runs of `number` calls), against the 50 µs target.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import timeit

from bot.domain import Unit
from bot.rules.reports import ReportError, parse_report
from tests.unit.report_cases import CASES

TARGET_US = 50.0


def _time_phrase(text: str, unit: Unit, repeat: int, number: int) -> float:
    """Best-of-`repeat` microseconds per call; refusals are timed like successes."""

    def parse_once() -> None:
        with contextlib.suppress(ReportError):
            parse_report(text, unit)

    return min(timeit.repeat(parse_once, repeat=repeat, number=number)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--number", type=int, default=2000)
    args = parser.parse_args()
    timings: list[tuple[float, str]] = []
    for text, unit, _expected in CASES:
        timings.append((_time_phrase(text, unit, args.repeat, args.number), text))
    micros = sorted(t for t, _ in timings)
    median = statistics.median(micros)
    p90 = micros[int(len(micros) * 0.9) - 1]
    worst_time, worst_text = max(timings)
    print(f"phrases:   {len(timings)}")
    verdict = "met" if median < TARGET_US else "MISSED"
    print(f"median:    {median:.1f} µs per message (target < {TARGET_US:.0f} µs: {verdict})")
    print(f"p90:       {p90:.1f} µs")
    print(f"slowest:   {worst_time:.1f} µs  {worst_text[:50]!r}")


if __name__ == "__main__":
    main()
