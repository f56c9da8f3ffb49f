"""Personal records from logged sets.

Estimated one-rep max uses Epley's formula, e1RM = load × (1 + reps / 30), with a single rep
counting as its own load. A log sets a record when it beats every earlier log of the same
variation on e1RM, or on the heaviest load at a rep count; a member's very first loaded log sets
no records, since there is nothing to beat yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.rules.reports import LoggedSet


def estimated_1rm(load_kg: float, reps: int) -> float:
    return load_kg if reps == 1 else load_kg * (1 + reps / 30)


@dataclass(frozen=True, slots=True)
class Bests:
    e1rm: float | None
    load_at_reps: dict[int, float]

    def with_sets(self, sets: Iterable[LoggedSet]) -> Bests:
        """These bests after `sets` were logged too."""
        added = bests(sets)
        e1rm = max((v for v in (self.e1rm, added.e1rm) if v is not None), default=None)
        at_reps = dict(self.load_at_reps)
        for reps, load in added.load_at_reps.items():
            at_reps[reps] = max(at_reps.get(reps, 0.0), load)
        return Bests(e1rm, at_reps)

    def to_json(self) -> dict[str, object]:
        return {"e1rm": self.e1rm, "reps": {str(r): load for r, load in self.load_at_reps.items()}}

    @staticmethod
    def from_json(data: dict[str, object]) -> Bests:
        e1rm = data.get("e1rm")
        reps = data.get("reps")
        at_reps = {int(r): float(load) for r, load in reps.items()} if isinstance(reps, dict) else {}
        return Bests(float(e1rm) if isinstance(e1rm, int | float) else None, at_reps)


@dataclass(frozen=True, slots=True)
class NewRecord:
    kind: str  # "e1rm" or "reps"
    load_kg: float
    reps: int


def bests(sets: Iterable[LoggedSet]) -> Bests:
    e1rm: float | None = None
    at_reps: dict[int, float] = {}
    for s in sets:
        if s.load_kg is None:
            continue
        e1rm = max(e1rm or 0.0, estimated_1rm(s.load_kg, s.reps))
        at_reps[s.reps] = max(at_reps.get(s.reps, 0.0), s.load_kg)
    return Bests(e1rm, at_reps)


def new_records(before: Bests, logged: Iterable[LoggedSet]) -> list[NewRecord]:
    """Records the new sets break; empty when there was no earlier loaded log."""
    if before.e1rm is None:
        return []
    now = bests(logged)
    records: list[NewRecord] = []
    if now.e1rm is not None and now.e1rm > before.e1rm + 1e-9:
        records.append(NewRecord("e1rm", now.e1rm, 1))
    for reps, load in sorted(now.load_at_reps.items()):
        previous = before.load_at_reps.get(reps)
        if previous is not None and load > previous + 1e-9:
            records.append(NewRecord("reps", load, reps))
    return records
