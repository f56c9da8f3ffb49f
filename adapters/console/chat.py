"""The console chat: one simulated group, many speakers, and a clock you drive by hand.

Lines are what people in the group type. `@ana /join beginner` speaks as ana (and makes ana the
current speaker); a line without `@name` speaks as the current speaker. `> 3x10 @ 60` replies to
the bot's last message. Lines starting with `:` talk to the simulation itself (see `HELP`).
"""

from __future__ import annotations

import re
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.console.outbox import ConsoleOutbox
from adapters.console.render import render
from bot.clock import ManualClock
from bot.coach import Coach
from bot.messages import MAX_UPLOAD_BYTES, Address, Attachment, Button, Incoming, Reply
from scheduler.simulated import SimulatedScheduler

ADDRESS = Address("console", "gym")

HELP = """Console chat: you are everyone in one group chat.
  @NAME TEXT        speak as NAME (then plain lines keep speaking as NAME)
  > TEXT            reply to the bot's last message (e.g. > 3x10 @ 60kg)
  :tap N | :tap WORD   tap button N of the latest message with buttons, or the latest
                    button whose label has WORD (e.g. :tap done, :tap undo)
  :admin NAME       make NAME a chat admin (Coach is one from the start)
  :now              show the simulated time
  :advance 2h30m    move the clock forward (d, h, m)
  :at 2026-12-07 18:00   jump to a local time (in the zone :tz set)
  :tz Europe/Berlin the zone for :now and :at (default UTC)
  /import FILE      send a CSV file with /import (files the bot sends are saved; it prints where)
  :help  :quit"""

_DURATION = re.compile(r"([0-9]{1,6})\s*([dhm])")
# The simulated clock walks every push on the way: a bounded step keeps a typo from hanging it.
MAX_MOVE = timedelta(days=3660)
MAX_PUSHES_PER_MOVE = 500


def _upload(typed: str) -> Attachment | str:
    """The file a person sends with a command, or why it cannot be read. (The console reads
    local files in place: it waits for the person anyway.)"""
    path = Path(typed).expanduser()
    try:
        size = path.stat().st_size
        data = b"" if size > MAX_UPLOAD_BYTES else path.read_bytes()
    except OSError as exc:
        return f"(cannot read {path}: {exc.strerror})"
    return Attachment(path.name, data, too_big=size > MAX_UPLOAD_BYTES)


def _new_id() -> str:
    # Unique across console sessions on the same database, so logs never collide.
    return uuid.uuid4().hex[:12]


@dataclass
class ConsoleChat:
    coach: Coach
    clock: ManualClock
    scheduler: SimulatedScheduler
    outbox: ConsoleOutbox
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    colour: bool = False
    speaker: str = "Coach"
    admins: set[str] = field(default_factory=lambda: {"coach"})
    # Where files the bot sends (charts, exports) are written, as a chat app would download them.
    files: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "spotter-console")
    _button_messages: list[tuple[str, tuple[Button, ...]]] = field(default_factory=list)

    async def say(self, line: str) -> list[str]:
        """Feed one typed line; return what appears in the chat."""
        line = line.strip()
        if line.startswith("@"):
            name, _, line = line[1:].partition(" ")
            if not name:
                return ["(who is speaking? e.g. @ana /join beginner)"]
            self.speaker = name
            line = line.strip()
            if not line:
                return [f"(now speaking as {name})"]
        if not line:
            return []
        if line.startswith(":"):
            return await self._meta(line[1:])
        reply_to_bot = line.startswith(">")
        command, _, path = line.partition(" ")
        if command == "/import" and path.strip():
            upload = _upload(path.strip())
            if isinstance(upload, str):
                return [upload]
            return await self._send(text=command, document=upload)
        return await self._send(
            text=line.lstrip("> ").strip() if reply_to_bot else line, reply_to_bot=reply_to_bot
        )

    def stamp(self) -> str:
        local = self.clock.now().astimezone(self.zone)
        return f"{local:%a %d %b %Y %H:%M} {self.zone.key}"

    async def _send(
        self,
        text: str,
        reply_to_bot: bool = False,
        action: str | None = None,
        tapped_message: str | None = None,
        document: Attachment | None = None,
    ) -> list[str]:
        incoming = Incoming(
            address=ADDRESS,
            user_id=self.speaker.lower(),
            user_name=self.speaker,
            is_admin=self.speaker.lower() in self.admins,
            text=text,
            message_id=tapped_message or _new_id(),
            reply_to_bot=reply_to_bot,
            action=action,
            addressed=True,  # Spotter is the console group's only bot: every command is for it
            document=document,
        )
        return [self._show(reply) for reply in await self.coach.handle(incoming)]

    def _show(self, reply: Reply) -> str:
        if reply.buttons:
            self._button_messages.append((_new_id(), reply.buttons))
        text = render(reply, colour=self.colour)
        buttons = "  ".join(f"[{i}: {b.label}]" for i, b in enumerate(reply.buttons, 1))
        prefix = "spotter (only you) ▸" if reply.private else "spotter ▸"
        if reply.replaces is not None:
            prefix = "spotter ✎ (updates its message)"
        saved = f"\n📎 {self._save(reply.attachment)}" if reply.attachment else ""
        return f"{prefix} {text}{saved}" + (f"\n{buttons}" if buttons else "")

    def _save(self, attachment: Attachment) -> Path:
        """Write a file the bot sent where the person can open it; a name is never reused."""
        self.files.mkdir(parents=True, exist_ok=True)
        path = self.files / attachment.name
        stem, suffix, n = path.stem, path.suffix, 1
        while path.exists():
            n += 1
            path = self.files / f"{stem}-{n}{suffix}"
        path.write_bytes(attachment.data)
        return path

    async def _move_to(self, target: datetime) -> list[str]:
        """Let time pass: scheduled pushes appear, stamped with the time they were sent."""
        fired = await self.scheduler.advance(target, most=MAX_PUSHES_PER_MOVE)
        lines = []
        for sent_at, _to, reply in self.outbox.drain():
            local = sent_at.astimezone(self.zone)
            lines.append(f"[{local:%a %H:%M}] {self._show(reply)}")
        if len(fired) >= MAX_PUSHES_PER_MOVE:
            lines.append(
                f"(paused after {MAX_PUSHES_PER_MOVE} scheduled moments; move on again to go further)"
            )
        return [*lines, f"(it is {self.stamp()})"]

    def _find_button(self, wanted: str) -> tuple[str, Button] | None:
        """`1` is the first button of the latest message with buttons; a word matches a label."""
        if not self._button_messages:
            return None
        if wanted.isdigit():
            message_id, buttons = self._button_messages[-1]
            index = int(wanted) - 1
            return (message_id, buttons[index]) if 0 <= index < len(buttons) else None
        for message_id, buttons in reversed(self._button_messages):
            for button in buttons:
                if wanted and wanted.lower() in button.label.lower():
                    return message_id, button
        return None

    async def _meta(self, command: str) -> list[str]:
        verb, _, rest = command.strip().partition(" ")
        rest = rest.strip()
        if verb == "tap":
            found = self._find_button(rest)
            if found is None:
                return [f"(no button {rest or '?'} to tap; :tap 1 or :tap done)"]
            message_id, button = found
            return await self._send(text="", action=button.action, tapped_message=message_id)
        if verb == "now":
            return [f"(it is {self.stamp()})"]
        if verb == "advance":
            parts = _DURATION.findall(rest.lower())
            if not parts or _DURATION.sub("", rest.lower()).strip():
                return ["(usage: :advance 2h30m — days d, hours h, minutes m)"]
            units = {"d": "days", "h": "hours", "m": "minutes"}
            delta = sum((timedelta(**{units[u]: int(n)}) for n, u in parts), timedelta())
            if delta > MAX_MOVE:
                return [f"(at most {MAX_MOVE.days // 366} years at a time)"]
            return await self._move_to(self.clock.now() + delta)
        if verb == "at":
            try:
                local = datetime.strptime(rest, "%Y-%m-%d %H:%M").replace(tzinfo=self.zone)
            except ValueError:
                return ["(usage: :at 2026-12-07 18:00)"]
            if local < self.clock.now():
                return ["(time only moves forward here; pick a later moment)"]
            if local - self.clock.now() > MAX_MOVE:
                return [f"(at most {MAX_MOVE.days // 366} years at a time)"]
            return await self._move_to(local)
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
