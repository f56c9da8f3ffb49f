"""The gym's plates: which a group has, and what goes on the bar for a load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain import Unit
from bot.rules.plates import BAR, DEFAULT_PLATES, NewPlateSet, PlateLoad, PlateQuestion, plates_for
from bot.store.repository import Tx
from bot.store.tables import GroupRow


@dataclass(frozen=True, slots=True)
class PlateSet:
    unit: Unit
    plates: tuple[float, ...]
    bar: float
    own: bool  # the group set it (else the standard set)


@dataclass(frozen=True, slots=True)
class OnTheBar:
    """The answer to `/plates 102.5`."""

    load: float
    plate_set: PlateSet
    plates: PlateLoad | None  # None: the empty bar or lighter


def plate_sets(group: GroupRow | None) -> tuple[PlateSet, ...]:
    """The plates in each unit, the group's own where it set them (no group: the standard)."""
    return tuple(_plate_set(group, unit) for unit in Unit)


def on_the_bar(group: GroupRow | None, question: PlateQuestion) -> OnTheBar:
    plate_set = _plate_set(group, question.unit)
    return OnTheBar(question.load, plate_set, plates_for(question.load, question.unit, plate_set.plates))


async def set_plates(tx: Tx, group: GroupRow, change: NewPlateSet, now: datetime) -> PlateSet:
    """Keep the group's plates in one unit (None: back to the standard set)."""
    plates = dict(group.plates or {})
    if change.plates is None:
        plates.pop(change.unit.value, None)
    else:
        plates[change.unit.value] = list(change.plates)
    group.plates = plates or None
    group.updated_at = now
    await tx.add(group)
    return _plate_set(group, change.unit)


def _plate_set(group: GroupRow | None, unit: Unit) -> PlateSet:
    own = group.plate_set(unit) if group is not None else None
    return PlateSet(unit, own or DEFAULT_PLATES[unit], BAR[unit], own is not None)
