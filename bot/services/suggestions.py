"""What a platform's autocomplete offers while someone types an option: members, zones, settings.

Each suggestion is (what the person sees, what the option's value becomes); a member's value is
the mention `<@id>`, which commands read as exactly that member.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from bot.content.model import Exercise
from bot.messages import Address
from bot.store.repository import Tx

MOST = 25


async def suggest(
    tx: Tx, address: Address, option: str, typed: str, exercise: Exercise
) -> list[tuple[str, str]]:
    wanted = typed.strip().lower()
    if option == "member":
        group = await tx.group(address)
        members = await tx.members(group) if group else []
        return [
            (m.name, f"<@{m.user_id}>")
            for m in members
            if wanted in m.name.lower() or (m.username and wanted in m.username.lower())
        ][:MOST]
    if option == "tz":
        return [(zone, zone) for zone in _zones() if wanted in zone.lower()][:MOST]
    if option == "change":
        settings = ["load ", "reps ", "sets "] + [f"variation {v.id}" for v in exercise.variations]
        return [(s.strip(), s.strip()) for s in settings if s.startswith(wanted) or wanted in s][:MOST]
    return []


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))
