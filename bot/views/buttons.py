"""Button labels, with the typed payloads they carry."""

from __future__ import annotations

from datetime import date

from bot.buttons import DonePayload, ForgetPayload, MovePayload, RsvpPayload, UndoPayload
from bot.content.model import Exercise
from bot.messages import Button


def done(day: date) -> Button:
    return Button("✅ Done as prescribed", DonePayload(day).pack())


def undo(log_id: int) -> Button:
    return Button("↩️ Undo", UndoPayload(log_id).pack())


def move(log_id: int, exercise: Exercise) -> Button:
    """ "It was the split squat": move a log its report did not name to another exercise."""
    return Button(f"↪️ {exercise.name}", MovePayload(log_id, exercise.id).pack())


def rsvp(day: date) -> tuple[Button, Button]:
    return (
        Button("🙋 I'm in", RsvpPayload(day, "in").pack()),
        Button("🛌 Skipping", RsvpPayload(day, "skip").pack()),
    )


def forget(user_id: str) -> Button:
    return Button("🗑 Yes, delete everything", ForgetPayload(user_id).pack())
