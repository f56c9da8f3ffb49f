"""Reading `/setup` arguments into a program change, with an error per bad field.

Admins type these on a phone between sets, so the order of fields is free, `key=value` works
as well as bare values, and every complaint names the values that would have worked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import time

from bot.domain import Goal
from bot.rules.schedule import (
    ScheduleError,
    looks_like_weekdays,
    parse_time,
    parse_timezone,
    parse_weekdays,
)

SETS_RANGE = (3, 5)
SESSIONS_PER_WEEK = (1, 3)


@dataclass(frozen=True, slots=True)
class ProgramChange:
    """Fields an admin set in one `/setup`; None means "leave as it is"."""

    goal: Goal | None = None
    weekdays: tuple[int, ...] | None = None
    start: time | None = None
    timezone: str | None = None
    sets: int | None = None
    max_sets: int | None = None
    reminder_lead_min: int | None = None
    warmup_lead_min: int | None = None

    def is_empty(self) -> bool:
        return self == ProgramChange()


@dataclass(frozen=True, slots=True)
class SetupProblems(Exception):
    """Every problem found in one `/setup`, so the admin fixes them all in one go."""

    problems: tuple[ScheduleError, ...] = field(default=())

    def __str__(self) -> str:
        return "; ".join(map(str, self.problems))


_KEYS = {
    "goal": "goal",
    "days": "days",
    "day": "days",
    "weekdays": "days",
    "time": "time",
    "at": "time",
    "tz": "tz",
    "timezone": "tz",
    "zone": "tz",
    "sets": "sets",
    "remind": "remind",
    "reminder": "remind",
    "warmup": "warmup",
}
LEADS = {"remind": (15, 240), "warmup": (5, 60)}
_MINUTES = re.compile(r"^(\d+)\s*(?:m|min|mins|minutes)?$|^(\d+)\s*h$", re.IGNORECASE)
_TIMEISH = re.compile(r"^\d{1,2}([:.h]\d{2})?(am|pm)?$|^\d{1,2}[:.h]\d+", re.IGNORECASE)
_SETS = re.compile(r"^(\d+)(?:-(\d+))?(?:\s*sets?)?$", re.IGNORECASE)


def parse_setup(text: str) -> ProgramChange:
    """Turn `/setup` arguments into a change; raises SetupProblems naming each bad field."""
    change = ProgramChange()
    problems: list[ScheduleError] = []
    for token in _tokens(text):
        key, value = _split_key(token)
        try:
            change = _apply(change, key or _guess_field(value), value)
        except ScheduleError as exc:
            problems.append(exc)
    if problems:
        raise SetupProblems(tuple(problems))
    return change


def _tokens(text: str) -> list[str]:
    # "mon, thu" and "mon and thu" are one days field even when typed with spaces.
    text = re.sub(r"\s*([,/&+])\s*", r"\1", text.strip())
    text = re.sub(r"(?<=[a-z])\s+and\s+(?=[a-z])", ",", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(\d{1,2}(?::\d{2})?)\s+(am|pm)\b", r"\1\2", text, flags=re.IGNORECASE)
    return text.split()


def _split_key(token: str) -> tuple[str | None, str]:
    for sep in ("=", ":"):
        key, found, value = token.partition(sep)
        if found and key.lower() in _KEYS:
            return _KEYS[key.lower()], value
    return None, token


def _guess_field(value: str) -> str:
    lowered = value.lower()
    if lowered in {g.value for g in Goal}:
        return "goal"
    if _SETS.match(value):
        return "sets"
    if ("/" in value and not looks_like_weekdays(value)) or lowered in {"utc", "gmt"}:
        return "tz"
    if looks_like_weekdays(value):
        return "days"
    if _TIMEISH.match(value):
        return "time"
    raise ScheduleError("unknown_field", text=value)


def _apply(change: ProgramChange, key: str, value: str) -> ProgramChange:
    if key in LEADS:
        return _lead(change, key, value)
    if key == "goal":
        try:
            return replace(change, goal=Goal(value.lower()))
        except ValueError:
            raise ScheduleError("not_a_goal", text=value) from None
    if key == "days":
        days = parse_weekdays(value)
        low, high = SESSIONS_PER_WEEK
        if not low <= len(days) <= high:
            raise ScheduleError("days_out_of_range", days=len(days), low=low, high=high)
        return replace(change, weekdays=days)
    if key == "time":
        return replace(change, start=parse_time(value))
    if key == "tz":
        return replace(change, timezone=parse_timezone(value))
    match = _SETS.match(value)
    sets = int(match[1]) if match else None
    most = int(match[2]) if match and match[2] else sets
    low, high = SETS_RANGE
    if sets is None or most is None or not low <= sets <= most <= high:
        raise ScheduleError("sets_out_of_range", text=value, low=low, high=high)
    return replace(change, sets=sets, max_sets=most)


def _lead(change: ProgramChange, key: str, value: str) -> ProgramChange:
    match = _MINUTES.match(value.strip())
    minutes = (int(match[1]) if match[1] else int(match[2]) * 60) if match else None
    low, high = LEADS[key]
    if minutes is None or not low <= minutes <= high:
        raise ScheduleError("bad_lead", text=value, field=key, low=low, high=high)
    if key == "remind":
        return replace(change, reminder_lead_min=minutes)
    return replace(change, warmup_lead_min=minutes)
