"""The production scheduler: APScheduler's AsyncIOScheduler firing each group's push jobs.

Jobs live in memory and are re-derived from the database at start-up and whenever a group's
schedule changes (the Coach calls `reconcile`). Deliveries are recorded by the Pusher, so the
memory job store loses nothing on restart: `catch_up` runs each job's latest occurrence once,
and the Pusher sends it only if it was not delivered and is not stale.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.messages import Address
from bot.pushes import Outcome, Pusher
from bot.store.repository import Store
from scheduler.triggers import PushJob, previous_fire, push_jobs

log = logging.getLogger(__name__)

# A reminder that fires a minute late is still useful; a later one is judged by the Pusher.
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60}


class PushScheduler:
    def __init__(self, store: Store, pusher: Pusher, clock: Clock) -> None:
        self.store = store
        self.pusher = pusher
        self.clock = clock
        self.aps = AsyncIOScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
        self._jobs: dict[str, PushJob] = {}
        self._in_flight: set[asyncio.Task[object]] = set()

    async def start(self) -> None:
        """Derive every job, deliver what was missed while down, then start firing."""
        await self.reconcile_all()
        await self.catch_up()
        self.aps.start()

    async def stop(self) -> None:
        """Stop firing, then let pushes already under way finish (so each one is marked)."""
        if self.aps.running:
            self.aps.shutdown(wait=False)
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    async def reconcile_all(self) -> None:
        async with self.store.transaction() as tx:
            groups = await tx.groups()
        wanted = {job.job_id: job for group in groups for job in push_jobs(group)}
        for job_id in set(self._jobs) - set(wanted):
            self._remove(job_id)
        for job in wanted.values():
            self._add(job)

    async def reconcile(self, address: Address) -> None:
        """Re-derive one group's jobs after `/setup`, `/pause` or `/resume`."""
        async with self.store.transaction() as tx:
            group = await tx.group(address)
        wanted = {job.job_id: job for job in push_jobs(group)} if group else {}
        for job_id in [j for j, job in self._jobs.items() if job.address == address and j not in wanted]:
            self._remove(job_id)
        for job in wanted.values():
            self._add(job)

    async def catch_up(self) -> dict[str, Outcome]:
        """Run every job's latest occurrence; the Pusher skips what was sent or is stale."""
        now = self.clock.now()
        outcomes = {}
        for job in list(self._jobs.values()):
            occurrence = previous_fire(job.trigger, now)
            if occurrence is not None:
                outcomes[job.job_id] = await self.pusher.push(job.address, job.kind, occurrence)
        return outcomes

    async def fire(self, job_id: str) -> Outcome | None:
        """What APScheduler runs: push the job's occurrence that is due now."""
        job = self._jobs.get(job_id)
        occurrence = previous_fire(job.trigger, self.clock.now()) if job else None
        if job is None or occurrence is None:
            return None
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            return await self.pusher.push(job.address, job.kind, occurrence)
        except Exception:  # one group's failure must not stop the scheduler
            log.exception("push %s failed", job_id)
            return None
        finally:
            self._in_flight.discard(task)

    def _add(self, job: PushJob) -> None:
        self._jobs[job.job_id] = job
        self.aps.add_job(
            self.fire, trigger=job.trigger, id=job.job_id, args=[job.job_id], replace_existing=True
        )

    def _remove(self, job_id: str) -> None:
        self._jobs.pop(job_id, None)
        if self.aps.get_job(job_id) is not None:
            self.aps.remove_job(job_id)

    @property
    def job_ids(self) -> set[str]:
        return {job.id for job in self.aps.get_jobs()}
