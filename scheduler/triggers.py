"""Cron triggers for a group's pushes, in the group's IANA zone (so DST moves with the clocks).

A push that fires before the session (reminder, warm-up) or after it (nudge) is a cron at the
shifted local time; if the shift crosses midnight the weekdays shift with it. The lead is
computed here once and carried by the job, so each occurrence knows its session's start. Job
ids are stable (`reminder:telegram:-100123`), so re-deriving the jobs replaces them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.domain import PushKind
from bot.messages import Address
from bot.pushes import Due
from bot.rules.timing import BUMP_TIME, BUMP_WEEKDAY, lead_before_session
from bot.store.tables import GroupRow

CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SESSION_PUSHES = (PushKind.REMINDER, PushKind.WARMUP, PushKind.NUDGE)
LOOKBACK = timedelta(days=8)


@dataclass(frozen=True)
class PushJob:
    address: Address
    kind: PushKind
    # The local weekdays and time it fires at, in the group's zone: occurrences are computed
    # from these (`next_occurrence`, `latest_occurrence`).
    weekdays: tuple[int, ...]
    at: time
    zone: ZoneInfo
    # How long before the session this push fires; None for the weekly bump (no session).
    lead: timedelta | None = None

    @property
    def trigger(self) -> CronTrigger:
        """The same schedule as an APScheduler cron trigger, built on demand: building 40,000
        of them was most of a 10,000-group start-up."""
        return _cron(self.weekdays, self.at, self.zone.key)

    @property
    def job_id(self) -> str:
        return f"{self.kind.value}:{self.address}"

    def due(self, occurrence: datetime) -> Due:
        """The push for one fire time, with the start of the session it belongs to."""
        session = None if self.lead is None else occurrence + self.lead
        return Due(self.address, self.kind, occurrence, session)


def push_jobs(group: GroupRow) -> list[PushJob]:
    """Every push job a group needs; none while it is paused or the bot is out of the chat."""
    if group.silent:
        return []
    schedule = group.schedule()
    address = Address.parse(group.address)
    zone = schedule.zone
    jobs = []
    for kind in SESSION_PUSHES:
        lead = lead_before_session(
            kind, timedelta(minutes=group.reminder_lead_min), timedelta(minutes=group.warmup_lead_min)
        )
        weekdays, at = shift(schedule.weekdays, schedule.start, -lead)
        jobs.append(PushJob(address, kind, weekdays, at, zone, lead))
    jobs.append(PushJob(address, PushKind.BUMP, (BUMP_WEEKDAY,), BUMP_TIME, zone))
    return jobs


def shift(weekdays: tuple[int, ...], start: time, offset: timedelta) -> tuple[tuple[int, ...], time]:
    """Move a weekly local time by `offset`, carrying into the previous or next weekday."""
    minutes = start.hour * 60 + start.minute + int(offset.total_seconds() // 60)
    days, minute_of_day = divmod(minutes, 24 * 60)
    return tuple(sorted((d + days) % 7 for d in weekdays)), time(minute_of_day // 60, minute_of_day % 60)


def next_after(trigger: CronTrigger, instant: datetime) -> datetime | None:
    """The first fire time strictly after `instant`, as APScheduler computes it (a reference
    for the tests: the scheduler itself uses `next_occurrence`)."""
    fire: datetime | None = trigger.get_next_fire_time(instant, instant + timedelta(microseconds=1))
    return fire


def fires_between(trigger: CronTrigger, after: datetime, until: datetime) -> Iterator[datetime]:
    """Fire times in (after, until]."""
    fire = next_after(trigger, after)
    while fire is not None and fire <= until:
        yield fire
        fire = next_after(trigger, fire)


def previous_fire(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The latest fire time at or before `now` (within the last eight days), for catching up."""
    last = None
    for fire in fires_between(trigger, now - LOOKBACK, now):
        last = fire
    return last


def latest_occurrence(job: PushJob, now: datetime) -> datetime | None:
    """The latest fire time at or before `now`, within the last eight days (for catching up).

    Computed from the job's local weekdays and time rather than by stepping the trigger through
    a week: faster, and right where APScheduler 3.11's `CronTrigger` is not (it skips a 00:xx
    fire on the day after a spring daylight-saving change)."""
    for fire in reversed(_fires(job, now - LOOKBACK, now + timedelta(days=1))):
        if now - LOOKBACK < fire <= now:
            return fire
    return None


def next_occurrence(job: PushJob, instant: datetime, *, inclusive: bool = False) -> datetime | None:
    """The first fire time after `instant` (or at it, when `inclusive`): the one-shot job each
    occurrence schedules for the next."""
    for fire in _fires(job, instant - timedelta(days=1), instant + LOOKBACK):
        if fire > instant or (inclusive and fire == instant):
            return fire
    return None


def _fires(job: PushJob, start: datetime, end: datetime) -> list[datetime]:
    """The job's fire times on the local days from `start` to `end`, in order. A local time a
    daylight-saving change skips fires at the same instant as the hour before the change
    (zoneinfo reads 02:30 on that day with the winter offset), as a wall clock would be set."""
    zone = job.zone
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    fires = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        if day.weekday() in job.weekdays:
            fires.append(datetime.combine(day, job.at, tzinfo=zone))
    return sorted(fires, key=lambda fire: fire.astimezone(UTC))


def _cron(weekdays: tuple[int, ...], at: time, zone: str) -> CronTrigger:
    return CronTrigger(
        day_of_week=",".join(CRON_DAYS[d] for d in weekdays), hour=at.hour, minute=at.minute, timezone=zone
    )
