"""The console chat: one simulated group, many speakers, and a clock you drive by hand.

Lines are what people in the group type. `@ana /join beginner` speaks as ana (and makes ana the
current speaker); a line without `@name` speaks as the current speaker. Lines starting with `:`
talk to the simulation itself (see `HELP`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from adapters.console.render import render
from bot.clock import ManualClock
from bot.coach import Coach
from bot.messages import Address, Incoming

ADDRESS = Address("console", "gym")

HELP = """Console chat: you are everyone in one group chat.
  @NAME TEXT        speak as NAME (then plain lines keep speaking as NAME)
  :admin NAME       make NAME a chat admin (coach is one from the start)
  :now              show the simulated time
  :advance 2h30m    move the clock forward (d, h, m)
  :at 2026-12-07 18:00   jump to a local time (in the zone :tz set)
  :tz Europe/Berlin the zone for :now and :at (default UTC)
  :help  :quit"""

_DURATION = re.compile(r"(\d+)\s*([dhm])")


@dataclass
class ConsoleChat:
    coach: Coach
    clock: ManualClock
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    colour: bool = False
    speaker: str = "Coach"
    admins: set[str] = field(default_factory=lambda: {"coach"})
    _message_ids: count[int] = field(default_factory=lambda: count(1))

    async def say(self, line: str) -> list[str]:
        """Feed one typed line; return what appears in the chat."""
        line = line.strip()
        if not line:
            return []
        if line.startswith(":"):
            return self._meta(line[1:])
        if line.startswith("@"):
            name, _, line = line[1:].partition(" ")
            if not name:
                return ["(who is speaking? e.g. @ana /join beginner)"]
            self.speaker = name
            if not line.strip():
                return [f"(now speaking as {name})"]
        incoming = Incoming(
            address=ADDRESS,
            user_id=self.speaker.lower(),
            user_name=self.speaker,
            is_admin=self.speaker.lower() in self.admins,
            text=line.strip(),
            message_id=str(next(self._message_ids)),
        )
        replies = await self.coach.handle(incoming)
        return [f"spotter ▸ {render(reply, colour=self.colour)}" for reply in replies]

    def stamp(self) -> str:
        local = self.clock.now().astimezone(self.zone)
        return f"{local:%a %d %b %Y %H:%M} {self.zone.key}"

    def _meta(self, command: str) -> list[str]:
        verb, _, rest = command.strip().partition(" ")
        rest = rest.strip()
        if verb == "now":
            return [f"(it is {self.stamp()})"]
        if verb == "advance":
            parts = _DURATION.findall(rest.lower())
            if not parts or _DURATION.sub("", rest.lower()).strip():
                return ["(usage: :advance 2h30m — days d, hours h, minutes m)"]
            units = {"d": "days", "h": "hours", "m": "minutes"}
            delta = sum((timedelta(**{units[u]: int(n)}) for n, u in parts), timedelta())
            self.clock.advance(delta)
            return [f"(it is {self.stamp()})"]
        if verb == "at":
            try:
                local = datetime.strptime(rest, "%Y-%m-%d %H:%M").replace(tzinfo=self.zone)
            except ValueError:
                return ["(usage: :at 2026-12-07 18:00)"]
            if local < self.clock.now():
                return ["(time only moves forward here; pick a later moment)"]
            self.clock.set(local)
            return [f"(it is {self.stamp()})"]
        if verb == "tz":
            try:
                self.zone = ZoneInfo(rest)
            except (ValueError, KeyError, OSError):
                return [f"(unknown time zone {rest!r})"]
            return [f"(it is {self.stamp()})"]
        if verb == "admin" and rest:
            self.admins.add(rest.lower())
            return [f"({rest} is now a chat admin)"]
        if verb == "help":
            return [HELP]
        return [f"(unknown console command :{verb}; try :help)"]
