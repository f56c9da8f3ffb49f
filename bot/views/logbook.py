"""Replies about logs: the confirmation with its undo button, undo, history, pain."""

from __future__ import annotations

from bot.content.model import Exercise
from bot.markup import bold, escape
from bot.messages import Button, Reply
from bot.rules.loads import display_load
from bot.rules.pain import PainMention
from bot.rules.records import NewRecord
from bot.services.logbook import AlreadyLogged, History, Logged, PainNoted, Undone
from bot.services.values import LogEntry, Member
from bot.views import buttons
from bot.views import format as fmt
from bot.views.content import pain_advice


def logged(result: Logged) -> Reply:
    """The confirmation: what was stored on which exercise, with undo and, when the report
    named no exercise, buttons to move it to another exercise of the day."""
    m, entry = result.member, result.entry
    verb = "✏️ Updated" if result.revised or result.moved else "✅ Logged"
    several = bool(result.others) or bool(result.also)
    lift = f" {escape(m.exercise.short_name)}" if several else ""
    lines = [f"{verb}{lift} for {bold(m.name)}, {fmt.day_label(entry.day)}: {_sets(entry, m)}."]
    lines += _details(result)
    for more in result.also:
        lines.append(f"✅ {escape(more.member.exercise.name)}: {_sets(more.entry, more.member)}.")
        lines += _details(more)
    if result.pain is not None:
        lines.append(_pain(m, result.pain, m.exercise))
    choices: tuple[Button, ...] = ()
    if result.others and not result.named:
        lines.append(f"Not the {escape(m.exercise.short_name)}? Tap the exercise it was.")
        choices = tuple(buttons.move(entry.id, other) for other in result.others)
    return Reply("\n".join(lines), buttons=(buttons.undo(entry.id), *choices))


def _details(result: Logged) -> list[str]:
    m = result.member
    lines = []
    if result.found_load_kg is not None:
        found = fmt.weight(display_load(result.found_load_kg, m.prescription.variation, m.unit), m.unit)
        lines.append(f"🎯 Your working load is now {found}; it goes up from here as you progress.")
    return lines + [_record(r, m) for r in result.records]


def already_logged(result: AlreadyLogged, *, tapped: bool = False) -> Reply:
    suffix = f" ({escape(result.member.name)})" if tapped else ""
    return Reply(f"Already logged ✓{suffix}", private=True)


def undone(result: Undone) -> Reply:
    if result.already:
        return Reply("Already undone ✓", private=True)
    m, entry = result.member, result.entry
    return Reply(f"↩️ Undone: {escape(m.name)}'s {fmt.day_label(entry.day)} log ({_sets(entry, m)}).")


def history(result: History) -> Reply:
    m = result.member
    if not result.entries:
        return Reply(
            f"No logs yet, {escape(m.name)}. After a set, send something like 3x10 @ 60kg.", private=True
        )
    lines = [
        f"• {fmt.day_label(e.day)}: "
        + (f"{escape(e.exercise.variation(e.variation).name)} " if result.several else "")
        + _sets(e, m)
        for e in result.entries
    ]
    return Reply(f"{bold(m.name)}'s recent sessions:\n" + "\n".join(lines), private=True)


def pain_noted(result: PainNoted) -> Reply:
    return Reply(_pain(result.member, result.pain, result.member.exercise))


def _sets(entry: LogEntry, m: Member) -> str:
    return escape(
        fmt.logged_sets(entry.sets, entry.variation, m.unit, per_side=entry.per_side, rpe=entry.rpe)
    )


def _record(record: NewRecord, m: Member) -> str:
    weight = fmt.lifted(record.load_kg, m.unit)
    if record.kind == "e1rm":
        return f"🏆 New best estimated 1RM: {weight} (Epley: load × (1 + reps/30))."
    return f"🏆 Heaviest {record.reps}-rep set yet: {weight}."


def _pain(m: Member, mention: PainMention, ex: Exercise) -> str:
    where = f"your {mention.where} hurts" if mention.where else "something hurts"
    return (
        f"🩹 Sorry {where}, {escape(m.name)}. {pain_advice(ex)}\n"
        "I've noted it: your weights stay where they are this week, no bump."
    )
