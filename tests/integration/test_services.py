"""The services on a real database, checked on the data they return (no sentences here)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from typing import TypeVar

import pytest

from bot.app import Spotter
from bot.clock import ManualClock
from bot.domain import Goal, Level, Unit
from bot.errors import NotYourLog, SetupRejected
from bot.events import ProgramChanged
from bot.messages import Address
from bot.rules.membership import JoinRequest, Prescription, StartNote
from bot.rules.pain import PainMention
from bot.rules.program import ProgramChange
from bot.rules.progression import Change, Why
from bot.rules.reports import LoggedSet, Report
from bot.services import coaching, lifts, logbook, members, program, sessions, weekly
from bot.services.logbook import AlreadyLogged, Logged, Target
from bot.services.sessions import RestDay, SessionDay
from bot.services.values import ChangeEntry
from bot.store.repository import Tx
from bot.store.tables import GroupRow, MemberRow
from tests.helpers import GroupChat
from tests.lifts import HT

T = TypeVar("T")
ADDRESS = Address("test", "services")
MON_THU_1830 = ProgramChange(
    goal=Goal.HYPERTROPHY, weekdays=(0, 3), start=time(18, 30), timezone="Europe/Berlin"
)
WEEK = "2026-W50"


async def _in(spotter: Spotter, work: Callable[[Tx], Awaitable[T]]) -> T:
    return await spotter.store.run(work)


async def _group(spotter: Spotter) -> GroupRow:
    await _in(
        spotter, lambda tx: program.set_up(tx, ADDRESS, MON_THU_1830, spotter.clock.now(), spotter.exercise)
    )
    group = await _in(spotter, lambda tx: tx.group(ADDRESS))
    assert group is not None
    return group


async def _member(spotter: Spotter, group: GroupRow, user: str, request: JoinRequest) -> MemberRow:
    now = spotter.clock.now()
    await _in(
        spotter, lambda tx: members.join(tx, group, user, user.title(), request, now, spotter.coach.catalogue)
    )
    row = await _in(spotter, lambda tx: tx.member(group, user))
    assert row is not None
    return row


BARBELL_60 = JoinRequest(Level.INTERMEDIATE, 60, Unit.KG, None)


async def test_a_new_program_takes_the_defaults_and_knows_its_next_session(spotter: Spotter) -> None:
    status = await _in(
        spotter, lambda tx: program.set_up(tx, ADDRESS, MON_THU_1830, spotter.clock.now(), spotter.exercise)
    )
    assert status.created
    assert (status.program.sets, status.program.reminder_lead_min, status.program.warmup_lead_min) == (
        3,
        60,
        10,
    )
    assert (status.program.reps.low, status.program.reps.high) == (8, 15)
    assert status.next_session.isoformat() == "2026-12-07T18:30:00+01:00"


async def test_a_new_program_without_its_required_fields_names_the_missing_ones(spotter: Spotter) -> None:
    with pytest.raises(SetupRejected) as rejected:
        await _in(
            spotter,
            lambda tx: program.set_up(
                tx, ADDRESS, ProgramChange(goal=Goal.STRENGTH), spotter.clock.now(), spotter.exercise
            ),
        )
    assert rejected.value.missing == ("days", "time", "tz")


async def test_a_beginner_who_names_a_load_starts_on_bodyweight_with_a_note(spotter: Spotter) -> None:
    group = await _group(spotter)
    request = JoinRequest(Level.BEGINNER, 40, Unit.KG, None)
    joined = await _in(
        spotter,
        lambda tx: members.join(
            tx, group, "ana", "Ana", request, spotter.clock.now(), spotter.coach.catalogue
        ),
    )
    assert joined.member.prescription == Prescription(HT.BODYWEIGHT, None, 3, 8)
    assert joined.note is StartNote.BEGINNER_ON_BODYWEIGHT
    assert not joined.rejoined


async def test_a_log_returns_its_entry_and_a_heavier_one_returns_the_record(spotter: Spotter) -> None:
    group = await _group(spotter)
    ben = await _member(spotter, group, "ben", BARBELL_60)
    now, day = spotter.clock.now(), date(2026, 12, 7)
    first = await _in(
        spotter,
        lambda tx: logbook.record(
            tx, Target(group, ben, spotter.coach.catalogue), Report((LoggedSet(10),) * 3), day, "m1", "", now
        ),
    )
    assert isinstance(first, Logged)
    assert first.entry.sets == (LoggedSet(10, 60.0),) * 3  # the prescribed load filled in
    assert first.records == ()
    heavier = Report((LoggedSet(10, 70.0),))
    second = await _in(
        spotter,
        lambda tx: logbook.record(
            tx, Target(group, ben, spotter.coach.catalogue), heavier, day, "m2", "", now
        ),
    )
    assert isinstance(second, Logged)
    assert [r.kind for r in second.records] == ["e1rm", "reps"]


async def test_the_same_message_is_logged_once(spotter: Spotter) -> None:
    group = await _group(spotter)
    ben = await _member(spotter, group, "ben", BARBELL_60)
    now, day, report = spotter.clock.now(), date(2026, 12, 7), Report((LoggedSet(10),))
    await _in(
        spotter,
        lambda tx: logbook.record(
            tx, Target(group, ben, spotter.coach.catalogue), report, day, "m1", "", now
        ),
    )
    again = await _in(
        spotter,
        lambda tx: logbook.record(
            tx, Target(group, ben, spotter.coach.catalogue), report, day, "m1", "", now
        ),
    )
    assert isinstance(again, AlreadyLogged)
    history = await _in(spotter, lambda tx: logbook.history(tx, spotter.coach.catalogue, group, ben))
    assert len(history.entries) == 1


async def test_a_report_that_mentions_pain_returns_the_mention(spotter: Spotter) -> None:
    group = await _group(spotter)
    ben = await _member(spotter, group, "ben", BARBELL_60)
    now, text = spotter.clock.now(), "3x10, knee hurts"
    logged = await _in(
        spotter,
        lambda tx: logbook.record(
            tx,
            Target(group, ben, spotter.coach.catalogue),
            Report((LoggedSet(10),)),
            date(2026, 12, 7),
            "m1",
            text,
            now,
        ),
    )
    assert isinstance(logged, Logged)
    assert logged.pain == PainMention("knee")


async def test_only_the_owner_may_undo_a_log(spotter: Spotter) -> None:
    group = await _group(spotter)
    ben = await _member(spotter, group, "ben", BARBELL_60)
    now = spotter.clock.now()
    logged = await _in(
        spotter,
        lambda tx: logbook.record(
            tx,
            Target(group, ben, spotter.coach.catalogue),
            Report((LoggedSet(10),)),
            now.date(),
            "m",
            "",
            now,
        ),
    )
    assert isinstance(logged, Logged)
    with pytest.raises(NotYourLog) as refused:
        await _in(
            spotter,
            lambda tx: logbook.undo_log(tx, spotter.coach.catalogue, ADDRESS, logged.entry.id, "cara", now),
        )
    assert refused.value.owner_name == "Ben"
    undone = await _in(
        spotter,
        lambda tx: logbook.undo_log(tx, spotter.coach.catalogue, ADDRESS, logged.entry.id, "ben", now),
    )
    assert (undone.entry.id, undone.already) == (logged.entry.id, False)


async def test_a_bump_returns_each_members_change_and_stores_it_as_data(
    spotter: Spotter, clock: ManualClock
) -> None:
    group = await _group(spotter)
    ben = await _member(spotter, group, "ben", BARBELL_60)
    now = clock.now()
    top = Report((LoggedSet(15),) * 3)
    await _in(
        spotter,
        lambda tx: logbook.record(
            tx, Target(group, ben, spotter.coach.catalogue), top, date(2026, 12, 7), "m1", "", now
        ),
    )
    bump = await _in(spotter, lambda tx: weekly.apply_bump(tx, group, WEEK, now, spotter.coach.catalogue))
    assert bump is not None
    (change,) = bump.members
    assert change.change is Change.LOAD
    assert change.reason.why is Why.ADD_LOAD
    assert change.after == Prescription(HT.BARBELL, 62.5, 3, 8)
    assert (
        await _in(spotter, lambda tx: weekly.apply_bump(tx, group, WEEK, now, spotter.coach.catalogue))
        is None
    )
    assert (
        await _in(spotter, lambda tx: weekly.applied_bump(tx, group, WEEK, spotter.coach.catalogue)) == bump
    )


async def test_a_coach_change_is_recorded_with_before_after_and_why(spotter: Spotter) -> None:
    group = await _group(spotter)
    ben = await _member(spotter, group, "ben", BARBELL_60)
    after = Prescription(HT.BARBELL, 70.0, 4, 10)

    async def set_ben(tx: Tx) -> ChangeEntry:
        (on,) = await lifts.tracks(tx, group, ben, spotter.coach.catalogue)
        return await coaching.set_prescription(tx, group, ben, on, after, spotter.clock.now())

    change = await _in(spotter, set_ben)
    assert (change.before, change.after, change.by_coach) == (
        Prescription(HT.BARBELL, 60.0, 3, 8),
        after,
        True,
    )
    profile = await _in(spotter, lambda tx: members.profile(tx, spotter.coach.catalogue, group, ben))
    assert profile.member.prescription == after
    assert profile.last_change is not None
    assert profile.last_change.reason is not None
    assert profile.last_change.reason.why is Why.COACH_SET


async def test_today_is_a_rest_day_or_every_members_plan(spotter: Spotter, clock: ManualClock) -> None:
    group = await _group(spotter)
    await _member(spotter, group, "ben", BARBELL_60)
    session = await _in(spotter, lambda tx: sessions.today(tx, group, clock.now(), spotter.coach.catalogue))
    assert isinstance(session, SessionDay)
    (planned,) = session.members
    assert (planned.plan.sets, planned.plan.reps, planned.plan.load) == (3, 8, 60.0)
    assert [r.load for r in planned.plan.ramp] == [20.0, 35.0, 47.5]
    clock.advance(timedelta(days=1))
    rest = await _in(spotter, lambda tx: sessions.today(tx, group, clock.now(), spotter.coach.catalogue))
    assert isinstance(rest, RestDay)
    assert rest.next_start == datetime.fromisoformat("2026-12-10T18:30:00+01:00")


async def test_a_program_change_is_announced_only_after_it_committed(
    spotter: Spotter, berlin_group: GroupChat
) -> None:
    heard: list[ProgramChanged] = []

    async def listen(event: ProgramChanged) -> None:
        heard.append(event)

    spotter.events.subscribe(ProgramChanged, listen)
    await berlin_group.say("coach", "/setup goal=bulk")
    assert heard == []
    await berlin_group.say("coach", "/setup 19:00")
    assert heard == [ProgramChanged(berlin_group.address)]
