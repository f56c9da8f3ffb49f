"""Drive the same push jobs from a hand-moved clock: the console chat and tests use this.

`advance(to)` walks forward through every fire time up to `to` in order, setting the clock to
each one before pushing, exactly as if the time had passed. Jobs are re-derived from the
database at every step, so a `/setup` or a pause takes effect immediately.
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import ManualClock
from bot.pushes import Outcome, Pusher
from bot.store.repository import Store
from scheduler.triggers import PushJob, next_occurrence, push_jobs


class SimulatedScheduler:
    def __init__(self, store: Store, pusher: Pusher, clock: ManualClock) -> None:
        self.store = store
        self.pusher = pusher
        self.clock = clock
        # Pushes already fired at the current instant: several jobs may share one fire time.
        self._fired_now: set[tuple[str, datetime]] = set()

    async def advance(self, to: datetime, most: int | None = None) -> list[tuple[PushJob, datetime, Outcome]]:
        """Move the clock to `to`, firing every push due on the way.

        With `most`, stop after that many pushes, the clock at the last one, so that a walk far
        into the future stays bounded (the caller can advance again).
        """
        fired: list[tuple[PushJob, datetime, Outcome]] = []
        while most is None or len(fired) < most:
            due = await self._next_due(to)
            if due is None:
                break
            job, at = due
            if at > self.clock.now():
                self._fired_now.clear()
            self.clock.set(at)
            self._fired_now.add((job.job_id, at))
            fired.append((job, at, await self.pusher.push(job.due(at))))
        if (most is None or len(fired) < most) and to > self.clock.now():
            self.clock.set(to)
        return fired

    async def _next_due(self, until: datetime) -> tuple[PushJob, datetime] | None:
        now = self.clock.now()
        async with self.store.transaction() as tx:
            groups = await tx.groups()
        best: tuple[PushJob, datetime] | None = None
        for group in groups:
            for job in push_jobs(group):
                fire = next_occurrence(job, now, inclusive=True)
                if fire is not None and (job.job_id, fire) in self._fired_now:
                    fire = next_occurrence(job, fire)
                if fire is not None and fire <= until and (best is None or fire < best[1]):
                    best = (job, fire)
        return best
