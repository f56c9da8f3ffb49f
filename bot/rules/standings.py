"""Streaks, progress against one's own start, and ranks: the numbers a leaderboard celebrates.

A streak is the run of consecutive ISO weeks, up to the current one, in which a member trained
on as many days as the program holds. Only a scheduled session missed without a skip breaks
it: a session skipped in advance lowers that week's count, and a week whose sessions were all
skipped (or the week one joined) neither counts nor breaks. The current week counts once it is
met and never breaks a streak while it is still under way.

Progress is measured against the member's own start, so a beginner on bodyweight can lead: on
a loaded lift the best estimated 1RM of the period against that of the first session; on
bodyweight work the most reps in a set, likewise. A member's figure is their best lift's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.rules.records import estimated_1rm
from bot.rules.reports import LoggedSet
from bot.rules.schedule import iso_week


@dataclass(frozen=True, slots=True)
class Placed:
    rank: int
    name: str
    value: float


def streak(
    trained: Iterable[date],
    sessions_a_week: int,
    joined: date,
    today: date,
    skipped: Mapping[str, int] | None = None,
) -> int:
    """Consecutive weeks kept, counting back from the week of `today` (see the module doc)."""
    days_by_week: dict[str, set[date]] = {}
    for day in trained:
        days_by_week.setdefault(iso_week(day), set()).add(day)
    skipped = skipped or {}
    week, first = iso_week(today), iso_week(joined)
    kept = 0
    monday = date.fromisocalendar(*today.isocalendar()[:2], 1)
    while True:
        wanted = sessions_a_week - skipped.get(week, 0)
        done = len(days_by_week.get(week, ()))
        if wanted > 0 and done >= wanted:
            kept += 1
        elif wanted > 0 and week not in (iso_week(today), first):
            return kept
        if week <= first:
            return kept
        monday = date.fromordinal(monday.toordinal() - 7)
        week = iso_week(monday)


@dataclass(frozen=True, slots=True)
class Lifted:
    """One session of one exercise, for progress: its day and sets (loads in kg)."""

    exercise: str
    day: date
    sets: tuple[LoggedSet, ...]


def progress(sessions: Iterable[Lifted], since: date) -> float | None:
    """The best gain on any exercise from its first session to its best since `since`, as a
    fraction (0.12 is +12%); None without a session since then that follows an earlier one."""
    by_exercise: dict[str, list[Lifted]] = {}
    for session in sorted(sessions, key=lambda s: s.day):
        by_exercise.setdefault(session.exercise, []).append(session)
    gains = []
    for held in by_exercise.values():
        start = _measure(held[0].sets)
        recent = [m for s in held[1:] if s.day >= since and (m := _measure(s.sets)) is not None]
        if start is not None and recent:
            loaded = [m for m in recent if m[0] == start[0]]
            if loaded:
                gains.append(max(m[1] for m in loaded) / start[1] - 1)
    return max(gains, default=None)


def _measure(sets: tuple[LoggedSet, ...]) -> tuple[bool, float] | None:
    """(loaded, figure): the best e1RM of a loaded session, else its most reps in a set."""
    loaded = [estimated_1rm(s.load_kg, s.reps) for s in sets if s.load_kg]
    if loaded:
        return True, max(loaded)
    reps = [s.reps for s in sets]
    return (False, float(max(reps))) if reps else None


def ranked(entries: Iterable[tuple[str, float]], *, most: int = 10) -> tuple[Placed, ...]:
    """(name, value) pairs, highest first; equal values share a rank and the next rank skips
    (1, 1, 3); names order ties in the listing only. Zero and below are left out: a board
    names what was done."""
    order = sorted(((v, n) for n, v in entries if v > 0), key=lambda vn: (-vn[0], vn[1].lower()))
    placed: list[Placed] = []
    for index, (value, name) in enumerate(order[:most]):
        rank = placed[-1].rank if placed and placed[-1].value == value else index + 1
        placed.append(Placed(rank, name, value))
    return tuple(placed)
