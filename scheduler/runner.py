"""The production scheduler: APScheduler's AsyncIOScheduler firing each group's push jobs.

Each push is scheduled as a one-shot job for its next occurrence, carrying that occurrence as
its argument; when it fires it schedules the following one first, then pushes. So the job
knows the fire time it runs for without reconstructing it, and the session start follows from
the job's lead. Jobs live in memory and are re-derived from the database at start-up and
whenever a group's program changes. Deliveries are recorded by the Pusher, so nothing is lost
on restart: `catch_up` runs each job's latest occurrence once, and the Pusher sends it only if
it was not delivered and is not stale.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.clock import Clock, SystemClock
from bot.events import ProgramChanged
from bot.messages import Address
from bot.metrics import SCHEDULER_LAG
from bot.pushes import Outcome, Pusher
from bot.rules.timing import is_stale
from bot.store.repository import Store
from scheduler.triggers import PushJob, latest_occurrence, next_occurrence, push_jobs

log = logging.getLogger(__name__)

# A late run still happens: whether it is still worth sending is the Pusher's call (staleness),
# and a dropped one-shot run would break the chain of occurrences.
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
# Groups caught up at once after downtime: one group's retries never hold up the others.
CATCH_UP_CONCURRENCY = 16
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# How often the leader looks for programs changed by another process (a standby replica).
FOLLOW_CHANGES_S = 2.0
# Replicas' clocks differ a little: look back this far past the newest change already seen.
CLOCK_SKEW = timedelta(seconds=30)
# Handled updates and settled replies are deleted this long after (see `housekeep`).
TRAFFIC_KEPT = timedelta(days=7)
HOUSEKEEPING_S = 3600
# A push that failed inside Spotter (a locked or unreachable database) is tried again in-process.
PUSH_RETRIES = 5
PUSH_RETRY_FIRST_S = 5.0


class PushScheduler:
    def __init__(self, store: Store, pusher: Pusher, clock: Clock, wall: Clock | None = None) -> None:
        self.store = store
        self.pusher = pusher
        self.clock = clock
        # APScheduler fires on the wall clock; retries are scheduled on it too.
        self.wall = wall or SystemClock()
        self._seen_change = EPOCH
        self._followed: dict[str, datetime] = {}
        self.aps = AsyncIOScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
        self._jobs: dict[str, PushJob] = {}
        # Each job's next occurrence, and the jobs due at each instant (one APScheduler job per
        # instant; see `_schedule`).
        self._next: dict[str, datetime] = {}
        self._due: dict[datetime, set[str]] = {}
        self._in_flight: set[asyncio.Task[object]] = set()
        self._catching_up: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Derive every job and start firing; what was missed while down is delivered beside
        it (a restart owing 10,000 weekly bumps must not hold up Monday's reminders). A job that
        fires while its missed occurrence is still being caught up is a different occurrence;
        the same one twice is stopped by its delivery claim."""
        await self.reconcile_all()
        self._catching_up = asyncio.create_task(self._catch_up_beside())
        self.aps.add_job(
            self.follow_changes,
            "interval",
            seconds=FOLLOW_CHANGES_S,
            id="follow-changes",
            replace_existing=True,
        )
        self.aps.add_job(
            self.housekeep, "interval", seconds=HOUSEKEEPING_S, id="housekeeping", replace_existing=True
        )
        self.aps.start()

    async def stop(self) -> None:
        """Stop firing, then let pushes already under way finish (so each one is marked); a
        catch-up still running is left to the next start (what it did not claim stays owed)."""
        if self.aps.running:
            self.aps.shutdown(wait=False)
        if self._catching_up is not None:
            self._catching_up.cancel()
            await asyncio.gather(self._catching_up, return_exceptions=True)
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    async def caught_up(self) -> None:
        """Wait until the catch-up `start` began has finished."""
        if self._catching_up is not None:
            await asyncio.gather(self._catching_up, return_exceptions=True)

    async def _catch_up_beside(self) -> None:
        try:
            await self.catch_up()
        except Exception:  # the next start catches up again; firing goes on meanwhile
            log.exception("catching up failed")

    async def on_program_changed(self, event: ProgramChanged) -> None:
        await self.reconcile(event.address)

    async def housekeep(self) -> None:
        """Delete the inbox and outbox rows past `TRAFFIC_KEPT`: a week covers a platform's
        redelivery and any resend, and the rows hold people's words (README: Your data)."""
        cutoff = self.clock.now() - TRAFFIC_KEPT
        try:
            gone = await self.store.run(lambda tx: tx.forget_old_traffic(cutoff))
        except Exception as exc:  # the next hour tries again
            log.warning("housekeeping failed (%s)", type(exc).__name__)
            return
        if gone:
            log.info("housekeeping deleted %d old inbox and outbox rows", gone)

    async def follow_changes(self) -> None:
        """Re-derive the jobs of groups changed elsewhere, such as by a `/setup` on a standby replica."""
        since = self._seen_change - CLOCK_SKEW
        try:
            async with self.store.transaction() as tx:
                changed = await tx.groups_changed_since(since)
        except Exception as exc:  # the next poll tries again
            log.warning("could not look for program changes (%s)", type(exc).__name__)
            return
        for group in changed:
            if self._followed.get(group.address) == group.updated_at:
                continue  # still inside the skew window, but already re-derived
            await self.reconcile(Address.parse(group.address))
            self._followed[group.address] = group.updated_at
            self._seen_change = max(self._seen_change, group.updated_at)

    async def reconcile_all(self) -> None:
        async with self.store.transaction() as tx:
            groups = await tx.groups()
        if groups:
            self._seen_change = max(self._seen_change, *(g.updated_at for g in groups))
        wanted = {job.job_id: job for group in groups for job in push_jobs(group)}
        for job_id in set(self._jobs) - set(wanted):
            self._remove(job_id)
        for job in wanted.values():
            self._add(job)

    async def reconcile(self, address: Address) -> None:
        """Re-derive one group's jobs after `/setup`, `/pause` or `/resume`."""
        address = address.chat
        async with self.store.transaction() as tx:
            group = await tx.group(address)
        wanted = {job.job_id: job for job in push_jobs(group)} if group else {}
        for job_id in [j for j, job in self._jobs.items() if job.address == address and j not in wanted]:
            self._remove(job_id)
        for job in wanted.values():
            self._add(job)

    async def catch_up(self) -> dict[str, Outcome]:
        """Run every job's latest occurrence; the Pusher skips what was sent or is stale.

        Groups run concurrently (at most `CATCH_UP_CONCURRENCY` at once); within a group the
        pushes keep their order.
        """
        now = self.clock.now()
        owed: list[tuple[PushJob, datetime]] = []
        for job in list(self._jobs.values()):
            occurrence = latest_occurrence(job, now)
            # A stale occurrence has nothing left to say: skipped here, with no row written.
            if occurrence is not None and not is_stale(job.kind, occurrence, now, job.due(occurrence).lead):
                owed.append((job, occurrence))
        if owed:
            since = min(occurrence for _, occurrence in owed)
            async with self.store.transaction() as tx:
                settled = await tx.handled_deliveries(since)
            owed = [
                (job, occurrence)
                for job, occurrence in owed
                if (str(job.address), job.kind.value, occurrence.timestamp()) not in settled
            ]
        by_group: dict[Address, list[tuple[PushJob, datetime]]] = defaultdict(list)
        for job, occurrence in owed:
            by_group[job.address].append((job, occurrence))
        outcomes: dict[str, Outcome] = {}
        limit = asyncio.Semaphore(CATCH_UP_CONCURRENCY)

        async def one_group(pushes: list[tuple[PushJob, datetime]]) -> None:
            async with limit:
                for job, occurrence in sorted(pushes, key=lambda p: p[1]):
                    try:
                        outcomes[job.job_id] = await self.pusher.push(job.due(occurrence))
                    except Exception:  # one group's failure must not stop the others
                        log.exception("catch-up of %s failed", job.job_id)

        await asyncio.gather(*(one_group(pushes) for pushes in by_group.values()))
        return outcomes

    async def fire(self, job_id: str, occurrence: datetime) -> Outcome | None:
        """One job's occurrence: schedule the next one first, then push this one."""
        job = self._jobs.get(job_id)
        if job is None:
            return None
        self._schedule(job, next_occurrence(job, occurrence))
        return await self._push(job_id, occurrence, attempt=1)

    async def _push(self, job_id: str, occurrence: datetime, attempt: int) -> Outcome | None:
        job = self._jobs.get(job_id)
        if job is None:
            return None
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            return await self.pusher.push(job.due(occurrence))
        except Exception as exc:  # one group's failure must not stop the scheduler
            log.warning("push %s failed (%s), attempt %d", job_id, type(exc).__name__, attempt)
            if attempt < PUSH_RETRIES:
                self._retry(job_id, occurrence, attempt + 1)
            return None
        finally:
            if task is not None:
                self._in_flight.discard(task)

    def _retry(self, job_id: str, occurrence: datetime, attempt: int) -> None:
        """Try the same occurrence again soon; the Pusher still skips it once it is stale."""
        delay = timedelta(seconds=PUSH_RETRY_FIRST_S * 2 ** (attempt - 2))
        self.aps.add_job(
            self._push,
            trigger=DateTrigger(self.wall.now() + delay),
            id=f"retry:{job_id}",
            args=[job_id, occurrence, attempt],
            replace_existing=True,
        )

    def _add(self, job: PushJob) -> None:
        self._jobs[job.job_id] = job
        self._schedule(job, next_occurrence(job, self.clock.now(), inclusive=True))

    def _schedule(self, job: PushJob, at: datetime | None) -> None:
        """Put the job's next occurrence under its instant; an instant gets one APScheduler job
        however many groups are due then (10,000 groups training at 18:30 share a handful)."""
        self._unschedule(job.job_id)
        if at is None:
            self._jobs.pop(job.job_id, None)
            return
        instant = at.astimezone(UTC)
        due = self._due.setdefault(instant, set())
        if not due:
            self.aps.add_job(
                self.fire_due, trigger=DateTrigger(instant), id=_instant_id(instant), args=[instant]
            )
        due.add(job.job_id)
        self._next[job.job_id] = at

    def _unschedule(self, job_id: str) -> None:
        at = self._next.pop(job_id, None)
        if at is None:
            return
        instant = at.astimezone(UTC)
        due = self._due.get(instant)
        if due is None:
            return
        due.discard(job_id)
        if not due:
            del self._due[instant]
            if self.aps.get_job(_instant_id(instant)) is not None:
                self.aps.remove_job(_instant_id(instant))

    def _remove(self, job_id: str) -> None:
        self._jobs.pop(job_id, None)
        self._unschedule(job_id)

    async def fire_due(self, instant: datetime) -> None:
        """What APScheduler runs at an instant: every job due then schedules its next
        occurrence and pushes this one, each in a task of its own (the Pusher bounds how many
        run at once)."""
        SCHEDULER_LAG.set(max(0.0, (self.wall.now() - instant).total_seconds()))
        job_ids = self._due.pop(instant, set())
        occurrences = [(job_id, self._next.pop(job_id)) for job_id in sorted(job_ids) if job_id in self._next]
        pushes = [asyncio.create_task(self.fire(job_id, occurrence)) for job_id, occurrence in occurrences]
        await asyncio.gather(*pushes)

    def scheduled(self, job_id: str) -> datetime | None:
        """The occurrence a push job waits for next."""
        return self._next.get(job_id)

    @property
    def job_ids(self) -> set[str]:
        """The push jobs with a next occurrence (not housekeeping or retries)."""
        return set(self._next)


def _instant_id(instant: datetime) -> str:
    return f"due:{instant.isoformat()}"
