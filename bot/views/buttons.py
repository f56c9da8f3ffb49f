"""Button labels, with the typed payloads they carry."""

from __future__ import annotations

from datetime import date

from bot.buttons import DonePayload, UndoPayload
from bot.messages import Button


def done(day: date) -> Button:
    return Button("✅ Done as prescribed", DonePayload(day).pack())


def undo(log_id: int) -> Button:
    return Button("↩️ Undo", UndoPayload(log_id).pack())
