"""Queries the Coach needs, each inside one transaction per incoming message.

A `Store` hands out `Tx` objects: everything a command reads and writes goes through one, and
it commits when the command finishes without an error, so a reply is only sent for work that
is already durable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, delete
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel import col, select

from bot.domain import Unit
from bot.messages import Address
from bot.metrics import DATABASE_ERRORS
from bot.store.database import create_inline_engine
from bot.store.group_commit import GroupCommit
from bot.store.inline import InlineSession
from bot.store.tables import (
    INBOX,
    OUTBOX,
    BumpRow,
    ChangeRow,
    DeliveryRow,
    DeliveryStatus,
    GroupRow,
    InboxRow,
    LogRow,
    MemberRow,
    OutboxRow,
    PainRow,
    ParkedReportRow,
    RsvpRow,
    TrackRow,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
Row = (
    RsvpRow
    | GroupRow
    | MemberRow
    | LogRow
    | PainRow
    | BumpRow
    | ChangeRow
    | DeliveryRow
    | InboxRow
    | OutboxRow
    | ParkedReportRow
    | TrackRow
)

# A unique-key race (the same message handled twice at once, two schedulers claiming one push)
# is retried once: the second run sees the first one's row and answers as for a duplicate.
ATTEMPTS = 2


# Statements the Coach runs on every message are built once, here, with bound parameters:
# building a `select(...).where(...)` anew costs more than running it on SQLite (the ORM
# resolves every column comparison), and a statement object reused keeps its cache key.
_GROUP = select(GroupRow).where(GroupRow.address == bindparam("address"))
# Members who said `/leave` keep their rows (and history) but are no members until they rejoin.
_STAYING = col(MemberRow.left_at).is_(None)
# A message from a member needs both rows: one statement, not two (the member is None for a
# stranger, both are None outside any program).
_GROUP_AND_MEMBER = (
    select(GroupRow, MemberRow)
    .outerjoin(
        MemberRow,
        and_(
            col(MemberRow.group_id) == col(GroupRow.id),
            col(MemberRow.user_id) == bindparam("user_id"),
            _STAYING,
        ),
    )
    .where(GroupRow.address == bindparam("address"))
)
_MEMBERSHIPS = (
    select(GroupRow, MemberRow)
    .join(MemberRow, col(MemberRow.group_id) == col(GroupRow.id))
    .where(
        col(GroupRow.address).startswith(bindparam("prefix")),
        MemberRow.user_id == bindparam("user_id"),
        _STAYING,
    )
    .order_by(col(MemberRow.id))
)
_EVERY_MEMBERSHIP = (
    select(GroupRow, MemberRow)
    .join(MemberRow, col(MemberRow.group_id) == col(GroupRow.id))
    .where(col(GroupRow.address).startswith(bindparam("prefix")), MemberRow.user_id == bindparam("user_id"))
)
_MEMBERS = (
    select(MemberRow).where(MemberRow.group_id == bindparam("group_id"), _STAYING).order_by(col(MemberRow.id))
)
_ANY_MEMBER = select(MemberRow).where(
    MemberRow.group_id == bindparam("group_id"), MemberRow.user_id == bindparam("user_id")
)
_MEMBER = _ANY_MEMBER.where(_STAYING)
_TRACKS = select(TrackRow).where(TrackRow.member_id == bindparam("member_id")).order_by(col(TrackRow.id))
_GROUP_TRACKS = (
    select(TrackRow)
    .join(MemberRow, col(MemberRow.id) == TrackRow.member_id)
    .where(MemberRow.group_id == bindparam("group_id"), _STAYING)
    .order_by(col(TrackRow.id))
)
_COUNTING = col(LogRow.undone_at).is_(None)
_LOG_BY_SOURCE = select(LogRow).where(
    LogRow.member_id == bindparam("member_id"), LogRow.source_key == bindparam("source_key")
)
_RECENT_LOGS = (
    select(LogRow)
    .where(LogRow.member_id == bindparam("member_id"), _COUNTING)
    .order_by(col(LogRow.day).desc(), col(LogRow.id).desc())
    .limit(bindparam("limit"))
)
_LAST_ENTERED_LOG = (
    select(LogRow)
    .where(LogRow.member_id == bindparam("member_id"), _COUNTING)
    .order_by(col(LogRow.logged_at).desc(), col(LogRow.id).desc())
    .limit(1)
)
_HISTORY = (
    select(LogRow)
    .where(LogRow.member_id == bindparam("member_id"), _COUNTING)
    .order_by(col(LogRow.day), col(LogRow.logged_at), col(LogRow.id))
)
_LOGS_OF = select(LogRow).where(
    LogRow.member_id == bindparam("member_id"), LogRow.exercise == bindparam("exercise"), _COUNTING
)
_LOGS_IN_WEEK = (
    select(LogRow)
    .where(LogRow.member_id == bindparam("member_id"), LogRow.week == bindparam("week"), _COUNTING)
    .order_by(col(LogRow.day), col(LogRow.id))
)
_LOGS_BEFORE = select(LogRow).where(
    LogRow.member_id == bindparam("member_id"),
    LogRow.exercise == bindparam("exercise"),
    LogRow.variation == bindparam("variation"),
    col(LogRow.day) < bindparam("day"),
    _COUNTING,
)
_EXERCISES_LOGGED_ON = select(LogRow.exercise).where(
    LogRow.member_id == bindparam("member_id"), LogRow.day == bindparam("day"), _COUNTING
)
_DELETE_PAIN_OF = delete(PainRow).where(col(PainRow.log_id) == bindparam("log_id"))
_PAIN_IN_WEEK = select(PainRow).where(
    PainRow.member_id == bindparam("member_id"), PainRow.week == bindparam("week")
)
_BUMP = select(BumpRow).where(BumpRow.group_id == bindparam("group_id"), BumpRow.week == bindparam("week"))
_COACH_CHANGES = (
    select(MemberRow.name, MemberRow.unit, ChangeRow)
    .join(MemberRow, col(MemberRow.id) == ChangeRow.member_id)
    .where(
        MemberRow.group_id == bindparam("group_id"),
        ChangeRow.week == bindparam("week"),
        col(ChangeRow.by_coach),
    )
    .order_by(col(ChangeRow.id))
)
_LAST_CHANGE = (
    select(ChangeRow)
    .where(ChangeRow.member_id == bindparam("member_id"))
    .order_by(col(ChangeRow.id).desc())
    .limit(1)
)
_INBOX_PENDING = (
    core_select(INBOX.c.id, INBOX.c.platform, INBOX.c.chat, INBOX.c.payload, INBOX.c.received_at)
    .where(INBOX.c.handled_at.is_(None), INBOX.c.chat == bindparam("lane"))
    .order_by(INBOX.c.id)
    .limit(bindparam("limit"))
)
_RSVP = select(RsvpRow).where(RsvpRow.member_id == bindparam("member_id"), RsvpRow.day == bindparam("day"))
_RSVPS_ON = (
    select(MemberRow.name, RsvpRow.going)
    .join(MemberRow, col(MemberRow.id) == RsvpRow.member_id)
    .where(MemberRow.group_id == bindparam("group_id"), RsvpRow.day == bindparam("day"))
    .order_by(col(RsvpRow.updated_at), col(RsvpRow.id))
)
_SKIPPED = select(col(RsvpRow.day)).where(
    RsvpRow.member_id == bindparam("member_id"), col(RsvpRow.going).is_(False)
)
_DELIVERY = select(DeliveryRow).where(
    DeliveryRow.group_id == bindparam("group_id"),
    DeliveryRow.kind == bindparam("kind"),
    DeliveryRow.occurrence == bindparam("occurrence"),
)


@dataclass(frozen=True, slots=True)
class Pending:
    """An update in the inbox waiting to be handled."""

    id: int
    platform: str
    chat: str
    payload: dict[str, Any]
    received_at: datetime


class Tx:
    """One unit of work on the database."""

    def __init__(self, session: AsyncSession | InlineSession) -> None:
        self.session = session

    async def group(self, address: Address) -> GroupRow | None:
        """The program of the chat `address` is in; every topic of a forum shares its chat's."""
        result = await self.session.execute(_GROUP, {"address": str(address.chat)})
        return result.scalar_one_or_none()

    async def group_and_member(
        self, address: Address, user_id: str
    ) -> tuple[GroupRow | None, MemberRow | None]:
        """The chat's program and the sender's membership in it, in one statement."""
        result = await self.session.execute(
            _GROUP_AND_MEMBER, {"address": str(address.chat), "user_id": user_id}
        )
        row = result.one_or_none()
        return (None, None) if row is None else (row[0], row[1])

    async def group_by_id(self, group_id: int) -> GroupRow | None:
        return await self.session.get(GroupRow, group_id)

    async def memberships(self, platform: str, user_id: str) -> list[tuple[GroupRow, MemberRow]]:
        """Every group on `platform` the person has joined, oldest membership first."""
        result = await self.session.execute(_MEMBERSHIPS, {"prefix": f"{platform}:", "user_id": user_id})
        return [(group, member) for group, member in result.all()]

    async def parked_report(self, parked_id: int) -> ParkedReportRow | None:
        return await self.session.get(ParkedReportRow, parked_id)

    async def every_membership(self, platform: str, user_id: str) -> list[tuple[GroupRow, MemberRow]]:
        """Every membership of the person on `platform`, left ones included (for `/forget`)."""
        result = await self.session.execute(_EVERY_MEMBERSHIP, {"prefix": f"{platform}:", "user_id": user_id})
        return [(group, member) for group, member in result.all()]

    async def left_members(self, group: GroupRow) -> list[MemberRow]:
        """Members who said `/leave` (an admin may have them forgotten)."""
        result = await self.session.execute(
            select(MemberRow).where(MemberRow.group_id == group.pk, col(MemberRow.left_at).is_not(None))
        )
        return list(result.scalars())

    async def members(self, group: GroupRow) -> list[MemberRow]:
        """A group's members in joining order (not those who left), also their `/today` order."""
        result = await self.session.execute(_MEMBERS, {"group_id": group.pk})
        return list(result.scalars())

    async def member(self, group: GroupRow, user_id: str, *, left_too: bool = False) -> MemberRow | None:
        """The person's membership; one who left counts only with `left_too` (to rejoin)."""
        statement = _ANY_MEMBER if left_too else _MEMBER
        result = await self.session.execute(statement, {"group_id": group.pk, "user_id": user_id})
        return result.scalar_one_or_none()

    async def tracks(self, member: MemberRow) -> list[TrackRow]:
        """The member's prescriptions, one per exercise, in the order they were added."""
        result = await self.session.execute(_TRACKS, {"member_id": member.pk})
        return list(result.scalars())

    async def group_tracks(self, group: GroupRow) -> dict[int, list[TrackRow]]:
        """Every member's tracks in one query (member id → tracks), for `/today` and the bump."""
        result = await self.session.execute(_GROUP_TRACKS, {"group_id": group.pk})
        found: dict[int, list[TrackRow]] = {}
        for track in result.scalars():
            found.setdefault(track.member_id, []).append(track)
        return found

    async def log_by_source(self, member: MemberRow, source_key: str) -> LogRow | None:
        result = await self.session.execute(
            _LOG_BY_SOURCE, {"member_id": member.pk, "source_key": source_key}
        )
        return result.scalar_one_or_none()

    async def log(self, log_id: int) -> LogRow | None:
        return await self.session.get(LogRow, log_id)

    async def member_by_id(self, member_id: int) -> MemberRow | None:
        return await self.session.get(MemberRow, member_id)

    async def recent_logs(self, member: MemberRow, limit: int) -> list[LogRow]:
        """The member's logs that still count, newest first."""
        result = await self.session.execute(_RECENT_LOGS, {"member_id": member.pk, "limit": limit})
        return list(result.scalars())

    async def last_entered_log(self, member: MemberRow) -> LogRow | None:
        """The member's log that still counts and was entered (or re-entered) last, whatever its day."""
        result = await self.session.execute(_LAST_ENTERED_LOG, {"member_id": member.pk})
        return result.scalars().first()

    async def history(self, member: MemberRow) -> list[LogRow]:
        """Every log that counts (not undone), oldest first, as entered within a day."""
        result = await self.session.execute(_HISTORY, {"member_id": member.pk})
        return list(result.scalars())

    async def logs_of(self, member: MemberRow, exercise: str) -> list[LogRow]:
        """Every log of a member on an exercise that still counts (for recomputing bests)."""
        result = await self.session.execute(_LOGS_OF, {"member_id": member.pk, "exercise": exercise})
        return list(result.scalars())

    async def logs_in_week(self, member: MemberRow, week: str) -> list[LogRow]:
        result = await self.session.execute(_LOGS_IN_WEEK, {"member_id": member.pk, "week": week})
        return list(result.scalars())

    async def logs_before(self, member: MemberRow, exercise: str, variation: str, day: date) -> list[LogRow]:
        result = await self.session.execute(
            _LOGS_BEFORE, {"member_id": member.pk, "exercise": exercise, "variation": variation, "day": day}
        )
        return list(result.scalars())

    async def rsvp(self, member: MemberRow, day: date) -> RsvpRow | None:
        result = await self.session.execute(_RSVP, {"member_id": member.pk, "day": day})
        return result.scalar_one_or_none()

    async def rsvps_on(self, group: GroupRow, day: date) -> list[tuple[str, bool]]:
        """(member name, going) for `day`'s session, in the order they answered."""
        result = await self.session.execute(_RSVPS_ON, {"group_id": group.pk, "day": day})
        return [(name, going) for name, going in result.all()]

    async def skipped_days(self, member: MemberRow) -> set[date]:
        """The session days the member said in advance they would skip."""
        return set((await self.session.execute(_SKIPPED, {"member_id": member.pk})).scalars())

    async def forget_parked(self, row: ParkedReportRow) -> None:
        await self.session.delete(row)

    async def delete_pain_of(self, entry: LogRow) -> None:
        """Drop the pain flag a log's text raised (the text was edited)."""
        await self.session.execute(_DELETE_PAIN_OF, {"log_id": entry.pk})

    async def pain_in_week(self, member: MemberRow, week: str) -> list[PainRow]:
        result = await self.session.execute(_PAIN_IN_WEEK, {"member_id": member.pk, "week": week})
        return list(result.scalars())

    async def bump(self, group: GroupRow, week: str) -> BumpRow | None:
        result = await self.session.execute(_BUMP, {"group_id": group.pk, "week": week})
        return result.scalar_one_or_none()

    async def bumps(self, group: GroupRow) -> list[BumpRow]:
        result = await self.session.execute(select(BumpRow).where(BumpRow.group_id == group.pk))
        return list(result.scalars())

    async def coach_changes(self, group: GroupRow, week: str) -> list[tuple[str, Unit, ChangeRow]]:
        """(member name, unit, change) for the coach's changes in a week, oldest first."""
        result = await self.session.execute(_COACH_CHANGES, {"group_id": group.pk, "week": week})
        return [(name, Unit(unit), change) for name, unit, change in result.all()]

    async def last_change(self, member: MemberRow) -> ChangeRow | None:
        result = await self.session.execute(_LAST_CHANGE, {"member_id": member.pk})
        return result.scalar_one_or_none()

    async def logged_on(self, member: MemberRow, day: date) -> bool:
        return bool(await self.exercises_logged_on(member, day))

    async def exercises_logged_on(self, member: MemberRow, day: date) -> set[str]:
        """The exercises the member has a log for on `day` (reports go to the first one without)."""
        result = await self.session.execute(_EXERCISES_LOGGED_ON, {"member_id": member.pk, "day": day})
        return set(result.scalars())

    async def delivery(self, group: GroupRow, kind: str, occurrence: datetime) -> DeliveryRow | None:
        result = await self.session.execute(
            _DELIVERY, {"group_id": group.pk, "kind": kind, "occurrence": occurrence}
        )
        return result.scalar_one_or_none()

    async def groups_changed_since(self, instant: datetime) -> list[GroupRow]:
        """Groups whose program was created or changed after `instant`, oldest change first."""
        result = await self.session.execute(
            select(GroupRow).where(col(GroupRow.updated_at) > instant).order_by(col(GroupRow.updated_at))
        )
        return list(result.scalars())

    async def handled_deliveries(self, since: datetime) -> set[tuple[str, str, float]]:
        """(group address, kind, occurrence as a timestamp) of every push occurrence since
        `since` that is settled (sent, stale, nothing to say, refused): one query for a catch-up
        that would otherwise claim each occurrence in a transaction of its own."""
        result = await self.session.execute(
            select(GroupRow.address, DeliveryRow.kind, DeliveryRow.occurrence)
            .join(GroupRow, col(GroupRow.id) == DeliveryRow.group_id)
            .where(col(DeliveryRow.occurrence) >= since, DeliveryRow.status != DeliveryStatus.PENDING)
        )
        return {(address, kind, occurrence.timestamp()) for address, kind, occurrence in result.all()}

    async def groups(self) -> list[GroupRow]:
        result = await self.session.execute(select(GroupRow).order_by(col(GroupRow.id)))
        return list(result.scalars())

    async def inbox_put(self, rows: list[InboxRow]) -> None:
        """Store a fetched batch in one statement; updates already stored are skipped."""
        if not rows:
            return
        insert = postgresql_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        values = [
            {
                "platform": r.platform,
                "update_key": r.update_key,
                "chat": r.chat,
                "payload": r.payload,
                "received_at": r.received_at,
            }
            for r in rows
        ]
        statement = insert(InboxRow).values(values)
        await self.session.execute(
            statement.on_conflict_do_nothing(index_elements=["platform", "update_key"])
        )

    async def inbox_pending(self, limit: int, chat: str) -> list[Pending]:
        """A chat's updates not handled yet, oldest first (read as plain rows: this runs for
        every update, and building ORM objects for it cost more than the query)."""
        result = await self.session.execute(_INBOX_PENDING, {"lane": chat, "limit": limit})
        return [Pending(*row) for row in result.all()]

    async def inbox_chats(self) -> list[str]:
        """The chats with updates not handled yet, each once."""
        query = select(InboxRow.chat).where(col(InboxRow.handled_at).is_(None)).distinct()
        return list((await self.session.execute(query)).scalars())

    async def forget_old_traffic(self, before: datetime) -> int:
        """Delete updates handled and replies settled before `before` (they hold what people
        wrote and what was said to them; past their use, dedup and resend, they are not kept)."""
        gone = await self.session.execute(delete(INBOX).where(INBOX.c.handled_at < before))
        sent = await self.session.execute(delete(OUTBOX).where(OUTBOX.c.done_at < before))
        return int(gone.rowcount) + int(sent.rowcount)  # type: ignore[attr-defined]

    async def outbox_chats(self, now: datetime) -> list[str]:
        """The chats with replies whose turn has come, each once."""
        query = (
            select(OutboxRow.chat)
            .where(col(OutboxRow.done_at).is_(None), col(OutboxRow.next_attempt_at) <= now)
            .distinct()
        )
        return list((await self.session.execute(query)).scalars())

    async def add(self, *rows: Row) -> None:
        """Stage new or changed rows and flush them together, so their ids are known before
        commit (one flush for several rows: each flush is a pass of the unit of work)."""
        for row in rows:
            self.session.add(row)
        await self.session.flush()


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
        # SQLite (None on any other database): run on the loop's thread, one writer at a time.
        # Concurrent lanes in one process would only wait on its file lock (and fail after the
        # busy timeout), so this process takes turns itself.
        self._inline_engine = create_inline_engine(engine)
        self._sqlite: tuple[sessionmaker[Session], asyncio.Lock] | None = None
        self._grouped: GroupCommit | None = None
        if self._inline_engine is not None:
            self._sqlite = (sessionmaker(self._inline_engine, expire_on_commit=False), asyncio.Lock())
            self._grouped = GroupCommit(*self._sqlite, Tx)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """Commit on success, roll back on any error. Never nest: on SQLite they take turns."""
        if self._sqlite is not None:
            sessions, one_at_a_time = self._sqlite
            async with one_at_a_time:
                with sessions() as inline, inline.begin():
                    yield Tx(InlineSession(inline))
            return
        async with self._sessions() as session, session.begin():
            yield Tx(session)

    async def run(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` in one transaction; a unique-key race, or a pooled connection the server
        dropped (PostgreSQL restarted), is retried once (see ATTEMPTS). Connections are not
        pinged before each use: that was a round trip on every transaction. On SQLite, works
        ready at the same moment share one commit (`bot.store.group_commit`)."""
        try:
            return await self._run(work)
        except IntegrityError:
            raise
        except DBAPIError:
            DATABASE_ERRORS.inc()
            raise

    async def _run(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        if self._grouped is not None:
            result: T = await self._grouped.run(work, ATTEMPTS)
            return result
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self.transaction() as tx:
                    return await work(tx)
            except IntegrityError:
                if attempt == ATTEMPTS:
                    raise
                log.info("unique-key race; retrying the transaction once")
            except DBAPIError as exc:
                if not exc.connection_invalidated or attempt == ATTEMPTS:
                    raise
                log.info("the database dropped a pooled connection; retrying on a new one")
        raise AssertionError("unreachable")

    async def close(self) -> None:
        if self._grouped is not None:
            await self._grouped.close()
        if self._inline_engine is not None:
            self._inline_engine.dispose()
        await self.engine.dispose()
