"""Training schedules: reading what an admin types, and finding the group's sessions in time.

Everything here works on the group's local calendar in its IANA zone, so a session at 18:30 in
Europe/Berlin stays at 18:30 across daylight-saving changes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.rules.problems import RuleError

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ScheduleError(RuleError):
    """Text that does not describe a valid schedule value; the view says what would."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a group trains: weekdays (0 = Monday), local start time and IANA zone."""

    weekdays: tuple[int, ...]
    start: time
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_training_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays

    def session_at(self, day: date) -> datetime:
        """The session's start on a local date, as an aware datetime in the group's zone."""
        naive = datetime.combine(day, self.start)
        # A start inside a spring-forward gap does not exist; the UTC round trip moves it
        # to the equivalent instant after the change (02:30 becomes 03:30).
        return naive.replace(tzinfo=self.zone).astimezone(ZoneInfo("UTC")).astimezone(self.zone)

    def last_session_of(self, week: str) -> datetime:
        """The start of the last session of an ISO week (`2026-W50`)."""
        return self.session_at(week_start(week) + timedelta(days=max(self.weekdays)))

    def session_days(self, week: str) -> tuple[date, ...]:
        """The training days of an ISO week (`2026-W50`), in order."""
        monday = week_start(week)
        return tuple(monday + timedelta(days=d) for d in sorted(self.weekdays))

    def local_date(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()

    def next_training_day(self, after: date) -> date:
        """The first training day strictly after `after`."""
        for offset in range(1, 8):
            candidate = after + timedelta(days=offset)
            if self.is_training_day(candidate):
                return candidate
        raise ScheduleError("no_training_day")


def iso_week(day: date) -> str:
    """`2026-W50`: the key weekly rules group logs by."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> date:
    """Monday of an ISO week key such as `2026-W50`."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Read `mon,thu`, `Mon/Thu`, `monday+thursday` or a range such as `mon-wed`."""
    days: set[int] = set()
    for part in re.split(r"[,/&+\s]+|\band\b", text.strip().lower()):
        if not part:
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = _weekday(first), _weekday(last)
            span = (end - start) % 7
            days.update((start + i) % 7 for i in range(span + 1))
        else:
            days.add(_weekday(part))
    if not days:
        raise ScheduleError("no_training_day")
    return tuple(sorted(days))


def last_weekday(word: str, today: date) -> date | None:
    """`last tuesday`: the most recent Tuesday before today (up to a week back); None if `word`
    is not a weekday."""
    try:
        weekday = _weekday(word.strip().lower())
    except ScheduleError:
        return None
    back = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=back)


def day_in_week(word: str, today: date) -> date | None:
    """`yesterday`, `today` or a weekday of the current (ISO) week; None if not a day word.

    Raises ScheduleError for a weekday still to come this week.
    """
    word = word.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    try:
        weekday = _weekday(word)
    except ScheduleError:
        return None
    day = today - timedelta(days=today.weekday() - weekday)
    if day > today:
        raise ScheduleError("day_still_to_come", weekday=weekday)
    return day


def looks_like_weekdays(text: str) -> bool:
    try:
        parse_weekdays(text)
    except ScheduleError:
        return False
    return True


_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$", re.IGNORECASE)


def parse_time(text: str) -> time:
    """Read `18:30`, `6:30pm`, `18h30` or `7am`; a bare number is not a time (it may be sets)."""
    match = _TIME.match(text.strip())
    if not match or (match["m"] is None and match["ampm"] is None):
        raise ScheduleError("not_a_time", text=text)
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise ScheduleError("ampm_hour", text=text)
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError("not_a_time_of_day", text=text)
    return time(hour, minute)


def parse_timezone(text: str) -> str:
    """Return the canonical IANA name for `text`, matching case-insensitively."""
    wanted = text.strip()
    canonical = _zone_names().get(wanted.lower())
    if canonical is None:
        close = difflib.get_close_matches(wanted, sorted(_zone_names().values()), n=3, cutoff=0.6)
        raise ScheduleError("not_a_zone", text=wanted, close=tuple(close))
    try:
        ZoneInfo(canonical)
    except ZoneInfoNotFoundError as exc:  # listed but not loadable: a broken tz database
        raise ScheduleError("zone_not_installed", zone=canonical) from exc
    return canonical


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def _weekday(word: str) -> int:
    word = word.strip(" .")
    if word == "weds":
        return 2
    matches = [i for i, name in enumerate(WEEKDAY_NAMES) if len(word) >= 2 and name.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    raise ScheduleError("not_a_weekday", text=word)
