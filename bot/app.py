"""The composition root: the one place that builds Spotter's parts and wires them together."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.coach import Coach
from bot.commands import ROUTERS
from bot.commands.registry import CommandRegistry
from bot.content.catalogue import load_catalogue
from bot.content.model import Exercise, hip_thrust
from bot.events import EventBus, Forgot
from bot.messages import Outbox
from bot.pushes import Pusher, Sleep
from bot.services.forgetting import forget_traffic
from bot.settings import Settings
from bot.store.database import create_engine, migrate
from bot.store.repository import Store


@dataclass(frozen=True, slots=True)
class Spotter:
    coach: Coach
    store: Store
    clock: Clock

    @property
    def exercise(self) -> Exercise:
        return self.coach.exercise

    @property
    def events(self) -> EventBus:
        """Announcements made after commit (a program changed); the scheduler subscribes."""
        return self.coach.events

    def pusher(self, outbox: Outbox, sleep: Sleep | None = None) -> Pusher:
        """The push pipeline on this core's store, content and events, sending through `outbox`."""
        if sleep is None:
            return Pusher(self.store, self.coach.catalogue, self.events, outbox, self.clock)
        return Pusher(self.store, self.coach.catalogue, self.events, outbox, self.clock, sleep=sleep)

    async def close(self) -> None:
        await self.store.close()


async def build_spotter(settings: Settings, clock: Clock) -> Spotter:
    """Connect to the database, bring its schema up to date and assemble the Coach."""
    catalogue = load_catalogue(settings.exercises_dir)  # a bad file stops start-up here
    engine = create_engine(settings.database_url)
    await migrate(engine)
    store = Store(engine)
    coach = Coach(store, clock, hip_thrust(), CommandRegistry(ROUTERS), catalogue)

    async def clear_traffic(event: Forgot) -> None:
        # The `/forget` tap (and the command before it) was handled in the same commit as the
        # forgetting: only now are their inbox rows handled, and they name the person.
        await store.run(lambda tx: forget_traffic(tx, event.platform, event.user_id, set(), set()))

    coach.events.subscribe(Forgot, clear_traffic)
    return Spotter(coach=coach, store=store, clock=clock)
