"""Typed button payloads: packed into a short string and validated when a tap comes back.

Modelled on aiogram's `CallbackData`: a payload class names its prefix and fields; `pack()`
gives `done:2026-12-07`, and `unpack()` turns a tap's data back into the typed value or raises
`BadPayload`. The packed form stays within Telegram's 64-byte `callback_data` and is the same
as the hand-written strings earlier versions posted, so old buttons in chats keep working.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Self, get_type_hints

SEPARATOR = ":"
MAX_BYTES = 64


class BadPayload(ValueError):
    """Tap data that does not unpack into the payload its prefix names."""


class CallbackData:
    """Base of every button payload; subclasses are frozen dataclasses with a `prefix`."""

    prefix: ClassVar[str]

    def pack(self) -> str:
        values = [_encode(getattr(self, f.name)) for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        packed = SEPARATOR.join([self.prefix, *values])
        if len(packed.encode()) > MAX_BYTES:
            raise ValueError(f"button payload too long: {packed!r}")
        return packed

    @classmethod
    def unpack(cls, data: str) -> Self:
        prefix, *values = data.split(SEPARATOR)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        if prefix != cls.prefix or len(values) != len(fields):
            raise BadPayload(data)
        hints = get_type_hints(cls)
        try:
            decoded = {f.name: _decode(v, hints[f.name]) for f, v in zip(fields, values, strict=True)}
        except ValueError:
            raise BadPayload(data) from None
        return cls(**decoded)


def prefix_of(data: str) -> str:
    return data.partition(SEPARATOR)[0]


def _encode(value: object) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    if SEPARATOR in text:
        raise ValueError(f"{SEPARATOR!r} inside a payload value: {text!r}")
    return text


def _decode(text: str, kind: object) -> object:
    if kind is int:
        # ASCII digits only (`str.isdigit` accepts `²`), and within a 32-bit database id.
        if not re.fullmatch(r"[0-9]{1,9}", text):
            raise ValueError(text)
        return int(text)
    if kind is date:
        return date.fromisoformat(text)
    if kind is str:
        return text
    raise TypeError(f"unsupported payload field type {kind!r}")


@dataclass(frozen=True, slots=True)
class DonePayload(CallbackData):
    """ "Done as prescribed" for a session day."""

    prefix: ClassVar[str] = "done"
    day: date


@dataclass(frozen=True, slots=True)
class UndoPayload(CallbackData):
    """Undo one log."""

    prefix: ClassVar[str] = "undo"
    log_id: int


@dataclass(frozen=True, slots=True)
class PickGroupPayload(CallbackData):
    """Log a report parked in a private chat to one of the sender's groups."""

    prefix: ClassVar[str] = "pick"
    parked_id: int
    group_id: int


@dataclass(frozen=True, slots=True)
class MovePayload(CallbackData):
    """Move a log to another exercise of its day."""

    prefix: ClassVar[str] = "move"
    log_id: int
    exercise: str


@dataclass(frozen=True, slots=True)
class RsvpPayload(CallbackData):
    """ "I'm in" or "Skipping" for a session day, under the reminder."""

    prefix: ClassVar[str] = "rsvp"
    day: date
    answer: str  # "in" or "skip"


@dataclass(frozen=True, slots=True)
class ForgetPayload(CallbackData):
    """The confirmation that deletes everything Spotter holds about one person."""

    prefix: ClassVar[str] = "forget"
    user_id: str
