"""A member's data from the command line: `spotter export` and `spotter import` (history as
CSV, with the same services and words as `/export` and `/import` in chat) and `spotter forget`
(what `/forget` does, for an operator)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import build_spotter
from bot.clock import SystemClock
from bot.markup import plain_text
from bot.messages import Address
from bot.rules.csvlog import CsvError, read_csv, write_csv
from bot.services import forgetting, transfer
from bot.settings import Settings
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow
from bot.views import forgetting as forgetting_view
from bot.views import transfer as view
from bot.views.problems import describe


class HistoryError(Exception):
    """What the operator asked for does not exist, or the file is not a training log."""


@dataclass(frozen=True, slots=True)
class Exported:
    csv: str
    summary: str


async def export_history(settings: Settings, chat: str, user: str | None) -> Exported:
    """The member's history in `chat` (every member's when `user` is None)."""
    spotter = await build_spotter(settings, SystemClock())
    try:

        async def work(tx: Tx) -> transfer.Export:
            group, member = await _find(tx, chat, user)
            if member is None:
                return await transfer.export_group(tx, group, spotter.coach.catalogue)
            return await transfer.export_member(tx, group, member, spotter.coach.catalogue)

        found = await spotter.store.run(work)
    finally:
        await spotter.close()
    sessions = f"{found.sessions} session{'' if found.sessions == 1 else 's'}"
    return Exported(write_csv(found.sets, with_member=found.group), f"{len(found.sets)} sets in {sessions}")


async def import_history(settings: Settings, chat: str, user: str, text: str) -> str:
    """Import a CSV into the member's history; what was stored, in the chat's words."""
    spotter = await build_spotter(settings, SystemClock())
    try:

        async def work(tx: Tx) -> str:
            group, member = await _find(tx, chat, user)
            assert member is not None
            try:
                sets = read_csv(text, member.unit)
            except CsvError as exc:
                raise HistoryError(plain_text(describe(exc))) from None
            catalogue = spotter.coach.catalogue
            result = await transfer.import_sets(tx, group, member, sets, catalogue, spotter.clock.now())
            return plain_text(view.imported(result).text)

        return await spotter.store.run(work)
    finally:
        await spotter.close()


async def _find(tx: Tx, chat: str, user: str | None) -> tuple[GroupRow, MemberRow | None]:
    try:
        address = Address.parse(chat)
    except ValueError:
        raise HistoryError(f"{chat!r} is not a chat address (e.g. telegram:-100123, console:gym)") from None
    group, member = await tx.group_and_member(address, user or "")
    if group is None:
        raise HistoryError(f"no program in {chat}")
    if user is not None and member is None:
        raise HistoryError(f"user {user} has not joined the program in {chat}")
    return group, member


async def forget_person(settings: Settings, platform: str, user: str) -> str:
    """Delete everything held about the person on `platform`; what was deleted, in words."""
    spotter = await build_spotter(settings, SystemClock())
    try:

        async def work(tx: Tx) -> str:
            result = await forgetting.forget(tx, platform, user)
            await forgetting.forget_traffic(tx, platform, user, set(), set())
            return plain_text(forgetting_view.forgotten(result, yours=False).text)

        return await spotter.store.run(work)
    finally:
        await spotter.close()
