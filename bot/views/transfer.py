"""Replies about moving history in and out: the CSV export and what an import stored."""

from __future__ import annotations

from datetime import date

from bot.markup import bold, code, escape
from bot.messages import Attachment, Reply
from bot.rules.csvlog import write_csv
from bot.services.transfer import Export, Imported
from bot.views import format as fmt

IMPORT_HOW = (
    "Send a CSV file (a Strong, Hevy or Spotter export) with /import as its caption; "
    "sessions already logged are skipped."
)


def export(found: Export, today: date) -> Reply:
    if not found.sets:
        return Reply(f"Nothing to export yet: {escape(found.whose)} has no logged sets.", private=True)
    slug = "".join(ch if ch.isalnum() else "-" for ch in found.whose.lower()).strip("-") or "history"
    data = write_csv(found.sets, with_member=found.group).encode()
    sets, sessions = fmt.plural(len(found.sets), "set"), fmt.plural(found.sessions, "session")
    text = (
        f"📤 {bold(found.whose)}: {sets} in {sessions}, in Strong's columns "
        f"(Hevy, Strong and spreadsheets read it). {code('/import')} takes it back."
    )
    return Reply(text, attachment=Attachment(f"spotter-{slug}-{today.isoformat()}.csv", data))


def how_to_import() -> Reply:
    return Reply(f"📥 {IMPORT_HOW}", private=True)


def imported(result: Imported) -> Reply:
    lines = [f"📥 Imported {fmt.plural(result.sessions, 'session')} ({fmt.plural(result.sets, 'set')})."]
    if result.already:
        lines.append(f"Already here, skipped: {fmt.plural(result.already, 'session')}.")
    if result.unknown:
        names = ", ".join(result.unknown[:10]) + (" …" if len(result.unknown) > 10 else "")
        rows = fmt.plural(result.unknown_rows, "row")
        lines.append(
            f"Not imported, exercises I don't know ({rows}): {escape(names)}. "
            "See /exercise for the ones I coach."
        )
    if result.other_members:
        lines.append(f"Left out {fmt.plural(result.other_members, 'row')} of other members (a group export).")
    return Reply("\n".join(lines))
