"""The database tables. Each row type knows how to turn itself into the rules' value types.

Enums are stored as their text values (portable, readable in psql); platform ids are text,
because Discord ids do not fit a 32-bit integer and Telegram's are negative for groups.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.domain import Goal, Level, Unit
from bot.messages import Address
from bot.rules.lift import Lift
from bot.rules.membership import Prescription
from bot.rules.reports import LoggedSet
from bot.rules.schedule import Schedule


def _enum(enum: type[StrEnum]) -> sa.Enum:
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


class _Row(SQLModel):
    """What every table shares: an integer id the database assigns on flush."""

    id: int | None = Field(default=None, primary_key=True)

    @property
    def pk(self) -> int:
        """The id of a row that has been flushed; a missing id is a programming error."""
        if self.id is None:
            raise RuntimeError(f"{type(self).__name__} has no id yet: add it through Tx.add first")
        return self.id


class GroupRow(_Row, table=True):
    """A chat that runs a program; created by its first `/setup`."""

    __tablename__ = "groups"

    address: str = Field(max_length=200, unique=True)
    goal: Goal = Field(sa_type=_enum(Goal))
    weekdays: str = Field(max_length=20)
    start: time
    timezone: str = Field(max_length=64)
    sets: int
    max_sets: int
    reminder_lead_min: int = 60
    warmup_lead_min: int = 10
    paused: bool = False
    # Set while the bot is out of the chat (removed, blocked): no pushes until it is added back.
    # Kept apart from `paused`, which only an admin sets, so coming back resumes only this one.
    removed_at: datetime | None = None
    # The thread (forum topic) pushes go to: where `/setup` was last run; None is the chat itself.
    push_thread: str | None = Field(default=None, max_length=64)
    # The chat's name as the platform last told it (members see it in private chats).
    title: str | None = Field(default=None, max_length=128)
    # The exercises of each training day, by weekday ("0" is Monday) → exercise ids in order;
    # None is the program before programs existed: the hip thrust on every training day.
    program: dict[str, list[str]] | None = Field(default=None, sa_type=sa.JSON)
    # The gym's plates per unit ("kg" → [25, 20, …]); None (or a unit missing) is the standard set.
    plates: dict[str, list[float]] | None = Field(default=None, sa_type=sa.JSON)
    created_at: datetime
    updated_at: datetime

    @property
    def silent(self) -> bool:
        """Whether pushes are off: paused by an admin, or the bot is out of the chat."""
        return self.paused or self.removed_at is not None

    def push_address(self) -> Address:
        """Where the group's pushes go: its chat, in the topic `/setup` was last run in."""
        return Address.parse(self.address).in_thread(self.push_thread)

    def schedule(self) -> Schedule:
        return Schedule(
            weekdays=tuple(int(d) for d in self.weekdays.split(",") if d),
            start=self.start,
            timezone=self.timezone,
        )

    def plate_set(self, unit: Unit) -> tuple[float, ...] | None:
        """The group's own plates in `unit`, heaviest first; None for the standard set."""
        found = (self.plates or {}).get(unit.value)
        return tuple(found) if found else None

    def set_weekdays(self, weekdays: tuple[int, ...]) -> None:
        self.weekdays = ",".join(str(d) for d in weekdays)


class MemberRow(_Row, table=True):
    """A person in a group; their prescriptions are tracks, one per exercise."""

    __tablename__ = "members"
    __table_args__ = (sa.UniqueConstraint("group_id", "user_id", name="uq_member_group_user"),)

    group_id: int = Field(foreign_key="groups.id", index=True, ondelete="CASCADE")
    user_id: str = Field(max_length=64)
    name: str = Field(max_length=128)
    # The platform handle (Telegram's @username, without the @), for naming members in commands.
    username: str | None = Field(default=None, max_length=64)
    level: Level = Field(sa_type=_enum(Level))
    unit: Unit = Field(sa_type=_enum(Unit))
    hold_week: str | None = Field(default=None, max_length=8)
    joined_at: datetime
    # `/private on`: left off the leaderboard, and others' `/progress` of them is refused.
    private: bool = False
    # `/leave`: out of the program (no /today line, no pushes, no bump) with the history kept,
    # until `/join` brings them back; `/forget` deletes the row and everything under it.
    left_at: datetime | None = None


class TrackRow(_Row, table=True):
    """A member's prescription on one exercise, and what the weekly rule keeps about it."""

    __tablename__ = "tracks"
    __table_args__ = (sa.UniqueConstraint("member_id", "exercise", name="uq_track_member_exercise"),)

    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    exercise: str = Field(max_length=32)
    variation: str = Field(max_length=16)  # a variation id of the exercise's content
    load_kg: float | None = None
    sets: int
    target_reps: int
    missed_weeks: int = 0
    # Personal bests per variation, kept up to date on every log so a report never re-reads
    # the member's whole history; None means "recompute from the logs" (after an undo).
    bests: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)

    def prescription(self, lift: Lift) -> Prescription:
        return Prescription(lift.rung(self.variation), self.load_kg, self.sets, self.target_reps)

    def prescribe(self, prescription: Prescription) -> None:
        self.variation = prescription.variation.id
        self.load_kg = prescription.load_kg
        self.sets = prescription.sets
        self.target_reps = prescription.reps


class LogRow(_Row, table=True):
    """One report of completed sets. Undo marks it rather than deleting it, so a re-delivered
    message still finds its source key and is not logged again."""

    __tablename__ = "logs"
    __table_args__ = (
        sa.UniqueConstraint("member_id", "source_key", name="uq_log_member_source"),
        sa.Index("ix_logs_member_week", "member_id", "week"),
    )

    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    source_key: str = Field(max_length=128)
    exercise: str = Field(default="hip-thrust", max_length=32)
    day: date
    week: str = Field(max_length=8)
    variation: str = Field(max_length=16)
    sets_data: list[dict[str, Any]] = Field(sa_type=sa.JSON)
    rpe: float | None = None
    per_side: bool = False
    logged_at: datetime
    undone_at: datetime | None = None

    def sets(self) -> tuple[LoggedSet, ...]:
        return tuple(LoggedSet(int(s["reps"]), s["load_kg"]) for s in self.sets_data)

    def set_sets(self, sets: tuple[LoggedSet, ...]) -> None:
        self.sets_data = LogRow.sets_json(sets)

    @staticmethod
    def sets_json(sets: tuple[LoggedSet, ...]) -> list[dict[str, Any]]:
        """How `sets_data` holds sets (also for logs written without ORM objects, by an import)."""
        return [{"reps": s.reps, "load_kg": s.load_kg} for s in sets]


class PainRow(_Row, table=True):
    """A pain report: it holds the member's weekly bump and is shown to the coach."""

    __tablename__ = "pain_reports"
    __table_args__ = (sa.Index("ix_pain_member_week", "member_id", "week"),)

    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    # The log whose text mentioned the pain, so editing or undoing that log takes the flag too.
    log_id: int | None = Field(default=None, foreign_key="logs.id", ondelete="CASCADE")
    day: date
    week: str = Field(max_length=8)
    body_part: str | None = Field(default=None, max_length=32)
    note: str = Field(max_length=500)
    reported_at: datetime


class RsvpRow(_Row, table=True):
    """A member's answer to a session's reminder: coming, or skipping it (which excuses it: a
    skipped session is no miss for progression, the nudge or a streak)."""

    __tablename__ = "rsvps"
    __table_args__ = (sa.UniqueConstraint("member_id", "day", name="uq_rsvp_member_day"),)

    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    day: date
    going: bool
    updated_at: datetime


class BumpRow(_Row, table=True):
    """A weekly bump applied to a group; its unique key makes a second run a no-op."""

    __tablename__ = "bumps"
    __table_args__ = (sa.UniqueConstraint("group_id", "week", name="uq_bump_group_week"),)

    group_id: int = Field(foreign_key="groups.id", ondelete="CASCADE")
    week: str = Field(max_length=8)
    applied_at: datetime
    # Rows from before migration 0006 hold an English summary; newer ones hold `details`
    # (the bump's result as data) and an empty summary.
    summary: str
    details: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class ChangeRow(_Row, table=True):
    """Every change to a prescription, by the weekly rule or by the coach, with its reason."""

    __tablename__ = "changes"
    __table_args__ = (sa.Index("ix_changes_member_week", "member_id", "week"),)

    member_id: int = Field(foreign_key="members.id", ondelete="CASCADE")
    exercise: str = Field(default="hip-thrust", max_length=32)
    week: str = Field(max_length=8)
    kind: str = Field(max_length=16)
    by_coach: bool = False
    before: dict[str, Any] = Field(sa_type=sa.JSON)
    after: dict[str, Any] = Field(sa_type=sa.JSON)
    # Rows from before migration 0006 hold an English `reason`; newer ones hold `details`
    # (the structured reason the views render) and an empty reason.
    reason: str = Field(max_length=300)
    details: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    created_at: datetime

    @staticmethod
    def snapshot(p: Prescription) -> dict[str, Any]:
        return {"variation": p.variation.id, "load_kg": p.load_kg, "sets": p.sets, "reps": p.reps}

    @staticmethod
    def restore(data: dict[str, Any], lift: Lift) -> Prescription:
        load = data.get("load_kg")
        return Prescription(
            lift.rung(str(data["variation"])),
            None if load is None else float(load),
            int(data["sets"]),
            int(data["reps"]),
        )


class DeliveryStatus(StrEnum):
    """Where one push occurrence stands; only PENDING may still be sent."""

    PENDING = "pending"
    SENT = "sent"
    STALE = "stale"
    NOTHING = "nothing"
    FORBIDDEN = "forbidden"


class DeliveryRow(_Row, table=True):
    """One scheduled push occurrence. Its unique key is what stops a second send: a push is
    claimed (pending) before it is sent and marked sent after, so a restart or a second
    scheduler finds it and moves on."""

    __tablename__ = "deliveries"
    __table_args__ = (sa.UniqueConstraint("group_id", "kind", "occurrence", name="uq_delivery_occurrence"),)

    group_id: int = Field(foreign_key="groups.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)
    occurrence: datetime
    status: DeliveryStatus = Field(sa_type=_enum(DeliveryStatus))
    attempts: int = 0
    updated_at: datetime


class ParkedReportRow(_Row, table=True):
    """A report sent in a private chat by someone in several groups, until they pick one."""

    __tablename__ = "parked_reports"

    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=64)
    text: str = Field(max_length=4096)
    source_key: str = Field(max_length=128)
    created_at: datetime


class InboxRow(_Row, table=True):
    """A platform update stored before the platform is told it arrived.

    Adapters write each fetched batch in one statement and acknowledge only after it committed;
    the dispatcher marks a row handled in the same transaction as the work it caused, so every
    acknowledged update is handled exactly once, whatever crashes in between.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        sa.UniqueConstraint("platform", "update_key", name="uq_inbox_update"),
        sa.Index("ix_inbox_pending", "handled_at", "id"),
    )

    platform: str = Field(max_length=16)
    update_key: str = Field(max_length=64)
    chat: str = Field(max_length=200)
    payload: dict[str, Any] = Field(sa_type=sa.JSON)
    received_at: datetime
    handled_at: datetime | None = None


class OutboxRow(_Row, table=True):
    """A reply waiting to be sent, written in the same transaction as the work it confirms."""

    __tablename__ = "outbox"
    __table_args__ = (sa.Index("ix_outbox_pending", "done_at", "id"),)

    chat: str = Field(max_length=200)
    payload: dict[str, Any] = Field(sa_type=sa.JSON)
    created_at: datetime
    attempts: int = 0
    next_attempt_at: datetime
    # Set once the platform accepted the reply, or refused it for good (see `outcome`).
    done_at: datetime | None = None
    outcome: str | None = Field(default=None, max_length=16)


def table_of(row: type[SQLModel]) -> sa.Table:
    """The Core table behind a row type, for statements that need no ORM objects (the inbox
    and outbox bookkeeping run on every update: the ORM's per-statement work cost more there
    than the SQL)."""
    table = getattr(row, "__table__", None)
    if not isinstance(table, sa.Table):
        raise TypeError(f"{row.__name__} is not a table")
    return table


INBOX = table_of(InboxRow)
OUTBOX = table_of(OutboxRow)
