"""Plate math: which plates go on each side of the bar for a load, from the plates a gym has.

Loads are in the member's unit (what they read on the plates). The fewest plates win — fewer
to carry and change — and the heavier plates go on first, as they are loaded. A load the
plates cannot make exactly (a plate set without small change) gets the nearest below it, and
says how much is missing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.domain import Unit
from bot.rules.loads import MAX_LOAD_KG, LoadError, checked_kg
from bot.rules.problems import RuleError
from bot.rules.vocabulary import read_load

DEFAULT_PLATES: dict[Unit, tuple[float, ...]] = {
    Unit.KG: (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
    Unit.LB: (45.0, 35.0, 25.0, 10.0, 5.0, 2.5),
}
BAR: dict[Unit, float] = {Unit.KG: 20.0, Unit.LB: 45.0}
MAX_PLATE_KINDS = 10
# The smallest plate weight anyone sells (fractional plates are 0.25 kg / 0.25 lb); loads are
# counted in these steps, so sums of plates are exact.
_QUANTUM = 0.25
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class PlateLoad:
    """Plates per side (heaviest first) and what they could not make of the load (0 when exact)."""

    per_side: tuple[float, ...]
    missing: float = 0.0

    @property
    def exact(self) -> bool:
        return self.missing == 0


class PlateError(RuleError):
    """A plate set no gym has: no plates, a plate of no weight, too many kinds."""


def plates_for(load: float, unit: Unit, plates: Sequence[float] | None = None) -> PlateLoad | None:
    """The plates per side for `load` on the standard bar (20 kg / 45 lb); None when the load
    is the empty bar or lighter."""
    return _plates_for(load, unit, None if plates is None else tuple(plates))


@lru_cache(maxsize=4096)
def _plates_for(load: float, unit: Unit, plates: tuple[float, ...] | None) -> PlateLoad | None:
    """Cached whole: `/today` asks it for every member on a bar, mostly the same few loads."""
    per_side = (load - BAR[unit]) / 2
    if per_side < _QUANTUM / 2:
        return None
    kinds = tuple(sorted(set(plates or DEFAULT_PLATES[unit]), reverse=True))
    return _fewest(_steps(per_side), tuple(_steps(p) for p in kinds))


@dataclass(frozen=True, slots=True)
class PlateQuestion:
    """`/plates 102.5`: plates a side for this load."""

    load: float
    unit: Unit


@dataclass(frozen=True, slots=True)
class NewPlateSet:
    """`/plates set 45 35 25 10 5 2.5 lb` (plates None: `/plates set standard lb`)."""

    unit: Unit
    plates: tuple[float, ...] | None


def parse_plates_request(text: str, unit: Unit) -> PlateQuestion | NewPlateSet | None:
    """Read `/plates` arguments (None: no arguments, show the plate sets); `unit` is the
    asker's, for numbers that name none."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return None
    if words[0].lower() in {"set", "use", "have"}:
        rest = words[1] if len(words) > 1 else ""
        if rest.lower().split()[:1] in (["standard"], ["default"], ["reset"]):
            named = [w for w in rest.lower().split()[1:] if w in {"kg", "kgs", "lb", "lbs"}]
            return NewPlateSet(Unit.LB if named and named[0].startswith("lb") else unit, None)
        return NewPlateSet(*parse_plates(rest, unit))
    found = read_load(text.replace(" ", ""))
    if found is None:
        raise PlateError("bad_plate_request", text=text)
    value, named_unit = found
    try:
        checked_kg(value, named_unit or unit)
    except LoadError:
        raise PlateError("load_out_of_range", max_kg=MAX_LOAD_KG) from None
    return PlateQuestion(value, named_unit or unit)


def parse_plates(text: str, unit: Unit) -> tuple[Unit, tuple[float, ...]]:
    """`25 20 15 10 5 2.5 1,25`, `45,35,25,10,5,2.5 lb`: a plate set, heaviest first, in the unit
    it names (else `unit`). Commas separate plates unless spaces do (then `1,25` is 1.25)."""
    text = text.lower().strip()
    if re.search(r"[\d.]\s+\d", text):  # spaced out: a comma inside a number is a decimal comma
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    words = re.sub(r"(?<=\d)(kg|kgs|lb|lbs)\b", r" \1", text.replace(",", " ")).split()
    named = [w for w in words if w in {"kg", "kgs", "lb", "lbs"}]
    numbers = [w for w in words if w not in named]
    if named:
        unit = Unit.KG if named[-1].startswith("kg") else Unit.LB
    if not numbers or any(not _NUMBER.match(w) for w in numbers):
        raise PlateError("bad_plates", text=text)
    plates = sorted({float(w) for w in numbers}, reverse=True)
    if len(plates) > MAX_PLATE_KINDS or plates[-1] <= 0 or plates[0] > 100:
        raise PlateError("bad_plates", text=text)
    if any(not math.isclose(p / _QUANTUM, round(p / _QUANTUM)) for p in plates):
        raise PlateError("bad_plates", text=text)
    return unit, tuple(plates)


def _steps(weight: float) -> int:
    return round(weight / _QUANTUM)


@lru_cache(maxsize=4096)
def _fewest(target: int, kinds: tuple[int, ...]) -> PlateLoad:
    """The fewest plates summing to the most of `target` they can reach (all in quanta); on a
    tie, the heaviest plate first."""
    unreachable = target + 1
    count = [0] + [unreachable] * target  # the fewest plates making exactly this weight
    last = [0] * (target + 1)  # the plate added to get there
    for weight in range(1, target + 1):
        for plate in kinds:
            if plate <= weight and count[weight - plate] + 1 < count[weight]:
                count[weight], last[weight] = count[weight - plate] + 1, plate
    reached = next(w for w in range(target, -1, -1) if count[w] < unreachable)
    chosen: list[int] = []
    while reached - sum(chosen):
        chosen.append(last[reached - sum(chosen)])
    missing = (target - sum(chosen)) * _QUANTUM * 2
    return PlateLoad(tuple(p * _QUANTUM for p in sorted(chosen, reverse=True)), missing)
