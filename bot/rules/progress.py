"""A member's progress on one exercise, week by week: what a chart plots.

Per ISO week: the working load (the heaviest load most of a session's sets were done at, the
heaviest session of the week), the best estimated one-rep max (Epley, `bot.rules.records`), the
volume (reps × load over every set; bodyweight sets count their reps only, so a week on the
bodyweight variation still shows work) and whether that week's e1RM beat every earlier week's
(a record). Weeks without logs are left out rather than drawn as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.rules.records import estimated_1rm
from bot.rules.reports import LoggedSet
from bot.rules.schedule import iso_week, week_start


@dataclass(frozen=True, slots=True)
class LoggedSession:
    day: date
    sets: tuple[LoggedSet, ...]


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One week's figures, loads in kilograms."""

    week: str
    monday: date
    working_kg: float | None
    e1rm_kg: float | None
    volume: float  # kg × reps, or reps for bodyweight work
    sessions: int
    record: bool = False


def weekly_points(sessions: Iterable[LoggedSession]) -> tuple[WeekPoint, ...]:
    """The weeks that hold sessions, oldest first."""
    by_week: dict[str, list[LoggedSession]] = {}
    for session in sorted(sessions, key=lambda s: s.day):
        by_week.setdefault(iso_week(session.day), []).append(session)
    points: list[WeekPoint] = []
    best_so_far: float | None = None
    for week, held in by_week.items():
        sets = [s for session in held for s in session.sets]
        loaded = [s for s in sets if s.load_kg is not None]
        e1rm = max((estimated_1rm(s.load_kg, s.reps) for s in loaded if s.load_kg), default=None)
        working = max((w for w in (_working_load(session.sets) for session in held) if w), default=None)
        volume = sum(s.reps * (s.load_kg if s.load_kg is not None else 1.0) for s in sets)
        record = e1rm is not None and best_so_far is not None and e1rm > best_so_far + 1e-9
        if e1rm is not None:
            best_so_far = max(best_so_far or 0.0, e1rm)
        points.append(WeekPoint(week, week_start(week), working, e1rm, volume, len(held), record))
    return tuple(points)


def _working_load(sets: tuple[LoggedSet, ...]) -> float | None:
    """The load most sets were done at (the heaviest on a tie): the session's working weight."""
    loads = [s.load_kg for s in sets if s.load_kg is not None]
    return max(set(loads), key=lambda load: (loads.count(load), load)) if loads else None
