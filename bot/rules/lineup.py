"""Reading `/program`: which exercises each training day holds.

`mon: hip thrust, rdl, split squat; thu: squat, bench` names days and their exercises; a list
with no day (`hip thrust, rdl`) is every training day's. Names are any exercise's name or alias;
every unknown one is reported at once, with the names that would work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.rules.problems import RuleError
from bot.rules.schedule import ScheduleError, parse_weekdays

MAX_EXERCISES_PER_DAY = 6
SESSIONS_PER_WEEK = (1, 3)


class LineupError(RuleError):
    """A `/program` the rules cannot use; `bot.views.problems` says what would work."""


@dataclass(frozen=True, slots=True)
class Lineup:
    """Exercise ids per weekday (0 is Monday); `days` None means "every training day"."""

    days: dict[int, tuple[str, ...]] | None
    every_day: tuple[str, ...] = ()

    def for_weekdays(self, weekdays: tuple[int, ...]) -> dict[str, list[str]]:
        """The stored form (`groups.program`) for a group training on `weekdays`."""
        if self.days is None:
            return {str(day): list(self.every_day) for day in weekdays}
        return {str(day): list(ids) for day, ids in sorted(self.days.items())}


def parse_lineup(text: str, names: Mapping[str, str], known: tuple[str, ...] = ()) -> Lineup:
    """Read `/program` arguments against `names` (name or alias → exercise id); `known` are
    the exercises' names, for the error that lists what would work."""
    segments = [s.strip() for s in re.split(r"[;\n]+", text) if s.strip()]
    if not segments:
        raise LineupError("no_exercises")
    days: dict[int, tuple[str, ...]] = {}
    unknown: list[str] = []
    every_day: tuple[str, ...] = ()
    for segment in segments:
        head, sep, rest = segment.partition(":")
        weekdays = _weekdays(head) if sep else None
        if weekdays is None:
            head, _, rest = segment.partition(" ")
            weekdays = _weekdays(head)
            if weekdays is None:
                if len(segments) > 1:
                    raise LineupError("day_missing", segment=segment)
                every_day = _exercises(segment, names, unknown)
                continue
        found = _exercises(rest, names, unknown)
        for day in weekdays:
            days[day] = found
    if unknown:
        raise LineupError("unknown_exercises", names=tuple(unknown), known=known)
    if not days:
        return Lineup(None, every_day)
    low, high = SESSIONS_PER_WEEK
    if not low <= len(days) <= high:
        raise LineupError("days_out_of_range", days=len(days), low=low, high=high)
    return Lineup(days)


def _weekdays(text: str) -> tuple[int, ...] | None:
    try:
        return parse_weekdays(text.strip().rstrip(":=")) if text.strip() else None
    except ScheduleError:
        return None


def _exercises(text: str, names: Mapping[str, str], unknown: list[str]) -> tuple[str, ...]:
    parts = [" ".join(p.replace("-", " ").lower().split()) for p in re.split(r",|\+|\band\b|&", text)]
    found: list[str] = []
    for part in filter(None, parts):
        exercise = names.get(part)
        if exercise is None:
            unknown.append(part)
        elif exercise not in found:
            found.append(exercise)
    if not found and not unknown:
        raise LineupError("no_exercises")
    if len(found) > MAX_EXERCISES_PER_DAY:
        raise LineupError("too_many_exercises", most=MAX_EXERCISES_PER_DAY)
    return tuple(found)
