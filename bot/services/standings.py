"""The leaderboard and the weekly recap: sessions, streaks and progress, celebrated.

Members who said `/private on` are left out of both; nothing here lists who missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.rules.schedule import iso_week, week_start
from bot.rules.standings import Lifted, Placed, progress, ranked, streak
from bot.store.repository import Tx
from bot.store.tables import GroupRow, LogRow, MemberRow

# A member back after a whole week or more without a log is welcomed back in the recap.
BREAK = timedelta(days=7)


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Board:
    period: Period
    since: date | None
    sessions: tuple[Placed, ...]
    streaks: tuple[Placed, ...]
    progress: tuple[Placed, ...]  # values are fractions: 0.12 is +12%
    private: int  # members who keep their numbers off the board


@dataclass(frozen=True, slots=True)
class Recap:
    """The week in a group, for the weekly summary."""

    sessions: int
    streaks: tuple[Placed, ...]  # streaks of two weeks or more that this week kept
    back: tuple[str, ...]  # back after a week or more without training
    skipped: int = 0  # sessions members said in advance they would skip


async def leaderboard(tx: Tx, group: GroupRow, period: Period, now: datetime) -> Board:
    today = group.schedule().local_date(now)
    since = {Period.WEEK: week_start(iso_week(today)), Period.MONTH: today - timedelta(days=27)}.get(period)
    sessions: list[tuple[str, float]] = []
    streaks: list[tuple[str, float]] = []
    gains: list[tuple[str, float]] = []
    private = 0
    for member in await tx.members(group):
        if member.private:
            private += 1
            continue
        logs = await tx.history(member)
        days = {log.day for log in logs}
        sessions.append((member.name, len([d for d in days if since is None or d >= since])))
        streaks.append((member.name, _streak(group, member, days, today, await tx.skipped_days(member))))
        gain = progress(_lifted(logs), since or date.min)
        if gain is not None:
            gains.append((member.name, round(gain, 3)))
    return Board(period, since, ranked(sessions), ranked(streaks), ranked(gains), private)


async def recap(tx: Tx, group: GroupRow, week: str, members: list[MemberRow]) -> Recap:
    """Sessions trained in `week`, streaks it kept, and who came back to it after a break."""
    monday = week_start(week)
    sunday = monday + timedelta(days=6)
    total = excused = 0
    kept: list[tuple[str, float]] = []
    back: list[str] = []
    planned = set(group.schedule().session_days(week))
    for member in members:
        logs = await tx.history(member)
        days = {log.day for log in logs if log.day <= sunday}
        this_week = {d for d in days if d >= monday}
        skipped = await tx.skipped_days(member)
        total += len(this_week)
        excused += len((skipped & planned) - this_week)
        if member.private or not this_week:
            continue
        run = _streak(group, member, days, sunday, skipped)
        if run >= 2:
            kept.append((member.name, run))
        before = [d for d in days if d < monday]
        if before and max(before) < monday - BREAK:
            back.append(member.name)
    return Recap(total, ranked(kept), tuple(back), excused)


def _streak(group: GroupRow, member: MemberRow, days: set[date], today: date, skipped: set[date]) -> int:
    # An imported history counts from its first session, not from the day of joining.
    schedule = group.schedule()
    joined = min([schedule.local_date(member.joined_at), *days])
    excused: dict[str, int] = {}
    for day in skipped:
        if schedule.is_training_day(day) and day not in days:
            excused[iso_week(day)] = excused.get(iso_week(day), 0) + 1
    return streak(days, len(schedule.weekdays), joined, today, excused)


def _lifted(logs: list[LogRow]) -> list[Lifted]:
    return [Lifted(log.exercise, log.day, log.sets()) for log in logs]
