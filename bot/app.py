"""The composition root: the one place that builds Spotter's parts and wires them together."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.coach import Coach
from bot.commands import ROUTERS
from bot.commands.registry import CommandRegistry
from bot.content.model import hip_thrust
from bot.settings import Settings
from bot.store.database import create_engine, migrate
from bot.store.repository import Store


@dataclass(frozen=True, slots=True)
class Spotter:
    coach: Coach
    store: Store
    clock: Clock

    async def close(self) -> None:
        await self.store.close()


async def build_spotter(settings: Settings, clock: Clock) -> Spotter:
    """Connect to the database, bring its schema up to date and assemble the Coach."""
    engine = create_engine(settings.database_url)
    await migrate(engine)
    store = Store(engine)
    coach = Coach(store, clock, hip_thrust(), CommandRegistry(ROUTERS))
    return Spotter(coach=coach, store=store, clock=clock)
