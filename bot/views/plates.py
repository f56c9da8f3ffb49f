"""Replies about plates: the gym's plate sets and what goes on the bar for a load."""

from __future__ import annotations

from bot.markup import bold, code, escape
from bot.messages import Reply
from bot.services.plates import OnTheBar, PlateSet
from bot.views import format as fmt

PLATES_USAGE = "/plates 102.5"
SET_USAGE = "/plates set 25 20 15 10 5 2.5 1.25 kg"


def plate_sets(sets: tuple[PlateSet, ...]) -> Reply:
    lines = [f"🏋️ {bold('Plates here')}"]
    lines += [f"• {escape(_describe(s))}" for s in sets]
    lines.append(
        f"Plates a side for a load: {code(PLATES_USAGE)}. Admins set the gym's own: {code(SET_USAGE)} "
        f"(or {code('/plates set standard kg')})."
    )
    return Reply("\n".join(lines))


def plates_set(plate_set: PlateSet) -> Reply:
    return Reply(f"✅ {escape(_describe(plate_set))}. /today's plate math uses them.")


def on_the_bar(answer: OnTheBar) -> Reply:
    s = answer.plate_set
    load, bar = fmt.weight(answer.load, s.unit), fmt.weight(s.bar, s.unit)
    if answer.plates is None:
        return Reply(f"{bold(load)}: the empty bar is {escape(bar)}, so no plates.")
    return Reply(f"{bold(load)}: {escape(fmt.plates(answer.plates, s.unit))} on a {escape(bar)} bar.")


def _describe(s: PlateSet) -> str:
    plates = ", ".join(fmt.plate(p) for p in s.plates)
    whose = "this gym's" if s.own else "standard"
    return f"{s.unit.value}: {plates} ({whose}), {fmt.weight(s.bar, s.unit)} bar"
