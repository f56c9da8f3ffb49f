"""Scheduled pushes through the real Pusher, scheduler code and database, on a hand-driven clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.events import ProgramChanged
from bot.messages import Address, Forbidden, RetryAfter, TransientError
from bot.pushes import MAX_ATTEMPTS, Due, Outcome, Pusher
from bot.settings import Settings
from scheduler.runner import PushScheduler
from scheduler.simulated import SimulatedScheduler
from tests.fakes import FakeOutbox, RecordingSleep
from tests.helpers import GroupChat, reminder_due

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def outbox(clock: ManualClock) -> FakeOutbox:
    return FakeOutbox(clock)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def pusher(spotter: Spotter, outbox: FakeOutbox, clock: ManualClock, sleep: RecordingSleep) -> Pusher:
    return spotter.pusher(outbox, sleep=sleep)


@pytest.fixture
def simulated(spotter: Spotter, pusher: Pusher, clock: ManualClock) -> SimulatedScheduler:
    return SimulatedScheduler(spotter.store, pusher, clock)


@pytest.fixture
async def members(berlin_group: GroupChat) -> GroupChat:
    await berlin_group.say("ana", "/join beginner")
    await berlin_group.say("ben", "/join intermediate 60kg")
    return berlin_group


def at(text: str, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=zone)


def local_times(outbox: FakeOutbox, address: Address, zone: ZoneInfo = BERLIN) -> list[str]:
    return [f"{when.astimezone(zone):%a %H:%M}" for when, _ in outbox.sent[address]]


async def test_a_training_day_brings_reminder_warmup_and_nudge_in_order(
    members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    await simulated.advance(at("2026-12-08 00:00"))
    assert local_times(outbox, members.address) == ["Mon 17:30", "Mon 18:20", "Mon 20:30"]
    reminder, warmup, nudge = outbox.texts(members.address)
    assert "Hip thrust session today at 18:30" in reminder
    assert "ben: Barbell hip thrust 3 × 8 @ 60 kg" in reminder
    assert "glute bridges 2 × 15" in warmup
    assert "ben: 20 kg × 10, 35 kg × 6, 47.5 kg × 3" in warmup
    assert "Not logged yet: ana, ben" in nudge


async def test_the_nudge_names_only_members_who_have_not_logged(
    members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    await simulated.advance(at("2026-12-07 19:30"))
    await members.say("ben", "3x10 @ 60kg")
    await simulated.advance(at("2026-12-07 21:00"))
    assert "Not logged yet: ana." in outbox.texts(members.address)[-1]


async def test_the_weekly_summary_arrives_sunday_evening(
    members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    await simulated.advance(at("2026-12-13 20:01"))
    summary = outbox.texts(members.address)[-1]
    assert summary.startswith("📈 Weekly progress, week of Mon 7 Dec")
    assert local_times(outbox, members.address)[-1] == "Sun 20:00"


async def test_groups_in_other_zones_get_pushes_at_their_own_local_time(
    spotter: Spotter, members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    kathmandu = GroupChat(spotter.coach, admins={"coach"}, address=Address("test", "ktm"))
    await kathmandu.say("coach", "/setup strength mon 06:15 Asia/Kathmandu")
    await kathmandu.say("sita", "/join intermediate 50kg")
    await simulated.advance(at("2026-12-15 00:00"))
    zone = ZoneInfo("Asia/Kathmandu")
    # It is already Monday afternoon in Kathmandu: the week's bump, then next Monday's session.
    assert local_times(outbox, kathmandu.address, zone) == [
        "Sun 20:00",
        "Mon 05:15",
        "Mon 06:05",
        "Mon 08:15",
    ]


async def test_pushes_follow_dst_in_the_groups_zone(spotter: Spotter, clock: ManualClock) -> None:
    clock.set(at("2026-10-22 12:00"))
    outbox = FakeOutbox(clock)
    chat = GroupChat(spotter.coach, admins={"coach"})
    await chat.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await chat.say("ana", "/join beginner")
    await SimulatedScheduler(spotter.store, spotter.pusher(outbox), clock).advance(at("2026-10-27 00:00"))
    reminders = [w for w, text in outbox.sent[chat.address] if "session today" in text]
    assert [f"{w.astimezone(UTC):%d %H:%M}" for w in reminders] == ["22 15:30", "26 16:30"]


async def test_pause_stops_pushes_and_resume_restarts_them(
    members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    assert "Paused" in await members.say("coach", "/pause")
    await simulated.advance(at("2026-12-10 00:00"))
    assert outbox.sent[members.address] == []
    assert "Resumed" in await members.say("coach", "/resume")
    await simulated.advance(at("2026-12-11 00:00"))
    assert local_times(outbox, members.address) == ["Thu 17:30", "Thu 18:20", "Thu 20:30"]


async def test_only_admins_pause(members: GroupChat) -> None:
    assert "only a chat admin" in await members.say("ana", "/pause")


async def test_the_same_occurrence_is_never_sent_twice(
    members: GroupChat, pusher: Pusher, outbox: FakeOutbox
) -> None:
    occurrence = at("2026-12-07 17:30")
    first = await pusher.push(reminder_due(members.address, occurrence))
    second = await pusher.push(reminder_due(members.address, occurrence))
    assert (first, second) == (Outcome.SENT, Outcome.DUPLICATE)
    assert len(outbox.sent[members.address]) == 1


async def test_a_restart_mid_week_sends_nothing_twice(
    database_url: str,
    members: GroupChat,
    clock: ManualClock,
    simulated: SimulatedScheduler,
    outbox: FakeOutbox,
) -> None:
    await simulated.advance(at("2026-12-07 18:25"))  # reminder and warm-up sent
    restarted = await build_spotter(Settings(database_url=database_url), clock)
    try:
        again = SimulatedScheduler(restarted.store, restarted.pusher(outbox), clock)
        await PushScheduler(restarted.store, again.pusher, clock).catch_up()
        await again.advance(at("2026-12-08 00:00"))
    finally:
        await restarted.close()
    assert local_times(outbox, members.address) == ["Mon 17:30", "Mon 18:20", "Mon 20:30"]


async def test_a_reminder_whose_session_has_started_is_skipped_after_downtime(
    members: GroupChat, pusher: Pusher, clock: ManualClock, outbox: FakeOutbox
) -> None:
    clock.set(at("2026-12-07 18:45"))  # came back after the 18:30 start
    outcome = await pusher.push(reminder_due(members.address, at("2026-12-07 17:30")))
    assert outcome is Outcome.STALE
    assert outbox.sent[members.address] == []


async def test_a_bump_missed_while_down_is_applied_once_on_start_up(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock, outbox: FakeOutbox
) -> None:
    clock.set(at("2026-12-14 08:00"))  # down from before Sunday 20:00 until Monday morning
    scheduler = PushScheduler(spotter.store, pusher, clock)
    await scheduler.reconcile_all()
    outcomes = await scheduler.catch_up()
    await scheduler.catch_up()  # a second start-up changes nothing
    assert outcomes[f"bump:{members.address}"] is Outcome.SENT
    summaries = [t for t in outbox.texts(members.address) if t.startswith("📈")]
    assert len(summaries) == 1
    assert "week of Mon 7 Dec" in summaries[0]


async def test_a_429_is_retried_after_the_asked_delay_and_delivered_once(
    members: GroupChat, pusher: Pusher, outbox: FakeOutbox, sleep: RecordingSleep
) -> None:
    outbox.failures[members.address] = [RetryAfter(7)]
    outcome = await pusher.push(reminder_due(members.address, at("2026-12-07 17:30")))
    assert outcome is Outcome.SENT
    assert sleep.waits == [7]
    assert len(outbox.sent[members.address]) == 1


async def test_network_errors_back_off_then_deliver(
    members: GroupChat, pusher: Pusher, outbox: FakeOutbox, sleep: RecordingSleep
) -> None:
    outbox.failures[members.address] = [TransientError("timeout"), TransientError("reset")]
    assert await pusher.push(reminder_due(members.address, at("2026-12-07 17:30"))) is Outcome.SENT
    assert len(sleep.waits) == 2
    assert sleep.waits[1] >= sleep.waits[0]


async def test_a_push_that_keeps_failing_is_left_for_a_later_retry(
    members: GroupChat, pusher: Pusher, outbox: FakeOutbox, clock: ManualClock
) -> None:
    outbox.failures[members.address] = [TransientError("down")] * MAX_ATTEMPTS
    occurrence = at("2026-12-07 17:30")
    assert await pusher.push(reminder_due(members.address, occurrence)) is Outcome.FAILED
    clock.advance(timedelta(minutes=5))
    assert await pusher.push(reminder_due(members.address, occurrence)) is Outcome.SENT
    assert len(outbox.sent[members.address]) == 1


async def test_forbidden_pauses_the_group_and_other_groups_carry_on(
    spotter: Spotter, members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    other = GroupChat(spotter.coach, admins={"coach"}, address=Address("test", "other"))
    await other.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await other.say("zoe", "/join beginner")
    outbox.failures[members.address] = [Forbidden("bot was kicked")]
    await simulated.advance(at("2026-12-08 00:00"))
    assert outbox.sent[members.address] == []
    assert len(outbox.sent[other.address]) == 3
    assert "Paused" in await members.say("coach", "/schedule")


async def test_the_scheduler_reconciles_jobs_when_the_program_changes(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock
) -> None:
    scheduler = PushScheduler(spotter.store, pusher, clock)
    spotter.events.subscribe(ProgramChanged, scheduler.on_program_changed)
    await scheduler.reconcile_all()
    assert len(scheduler.job_ids) == 4
    await members.say("coach", "/pause")
    assert scheduler.job_ids == set()
    await members.say("coach", "/resume")
    assert len(scheduler.job_ids) == 4


async def test_apscheduler_fires_a_due_job_through_the_pusher(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock, outbox: FakeOutbox
) -> None:
    """The real AsyncIOScheduler runs our job function; modify_job makes its instant due at once."""
    clock.set(at("2026-12-07 17:30"))
    scheduler = PushScheduler(spotter.store, pusher, clock)
    await scheduler.reconcile_all()
    reminder = f"reminder:{members.address}"
    instant = scheduler.scheduled(reminder)
    assert instant == at("2026-12-07 17:30")
    scheduler.aps.start()
    try:
        scheduler.aps.modify_job(
            f"due:{instant.astimezone(UTC).isoformat()}", next_run_time=datetime.now(UTC)
        )
        await asyncio.wait_for(outbox.delivered.wait(), timeout=10)
    finally:
        await scheduler.stop()
    assert "Hip thrust session today at 18:30" in outbox.texts(members.address)[0]
    assert scheduler.scheduled(reminder) == at("2026-12-10 17:30")  # the next occurrence waits


async def test_groups_due_at_the_same_instant_share_one_apscheduler_job(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock
) -> None:
    other = GroupChat(members.coach, admins={"coach"}, address=Address("test", "-1002"))
    await other.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    scheduler = PushScheduler(spotter.store, pusher, clock)
    await scheduler.reconcile_all()
    assert len(scheduler.job_ids) == 8  # four pushes for each group
    assert len(scheduler.aps.get_jobs()) == 4  # one per distinct instant


async def test_an_admin_can_move_the_reminder_and_warmup_leads(
    members: GroupChat, simulated: SimulatedScheduler, outbox: FakeOutbox
) -> None:
    answer = await members.say("coach", "/setup remind=30 warmup=15")
    assert "Reminder 30 min before, warm-up prompt 15 min before." in answer
    await simulated.advance(at("2026-12-08 00:00"))
    assert local_times(outbox, members.address) == ["Mon 18:00", "Mon 18:15", "Mon 20:30"]


async def test_catch_up_runs_groups_side_by_side_so_one_groups_retries_hold_up_no_other(
    spotter: Spotter, members: GroupChat, clock: ManualClock, outbox: FakeOutbox
) -> None:
    other = GroupChat(spotter.coach, admins={"coach"}, address=Address("test", "other"))
    await other.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await other.say("zoe", "/join beginner")
    released = asyncio.Event()

    async def slow_retry(_seconds: float) -> None:
        await released.wait()  # the first group's 429 wait lasts until the other group is served

    outbox.failures[members.address] = [RetryAfter(30)]
    clock.set(at("2026-12-07 17:45"))  # down over the 17:30 reminders
    scheduler = PushScheduler(spotter.store, spotter.pusher(outbox, sleep=slow_retry), clock)
    await scheduler.reconcile_all()
    catching_up = asyncio.create_task(scheduler.catch_up())
    await asyncio.wait_for(outbox.delivered.wait(), timeout=10)  # the first send: the other group's
    assert [address for address, sent in outbox.sent.items() if sent] == [other.address]
    released.set()
    outcomes = await catching_up
    assert outcomes[f"reminder:{members.address}"] is Outcome.SENT
    assert outcomes[f"reminder:{other.address}"] is Outcome.SENT


async def test_a_program_set_up_through_another_replica_reaches_the_leaders_schedule(
    database_url: str, spotter: Spotter, pusher: Pusher, clock: ManualClock
) -> None:
    """The standby's /setup publishes no event in the leader's process; the leader finds it anyway."""
    leader = PushScheduler(spotter.store, pusher, clock)
    await leader.reconcile_all()
    assert leader.job_ids == set()
    standby = await build_spotter(Settings(database_url=database_url), clock)
    try:
        await GroupChat(standby.coach, admins={"coach"}).say("coach", "/setup strength mon 07:00 UTC")
    finally:
        await standby.close()
    await leader.follow_changes()
    assert len(leader.job_ids) == 4


class _DatabaseDownOnce:
    """A Pusher whose first push meets a database error, as when SQLite is locked."""

    def __init__(self, real: Pusher) -> None:
        self.real = real
        self.failed = False

    async def push(self, due: Due) -> Outcome:
        if not self.failed:
            self.failed = True
            raise OperationalError("SELECT 1", {}, Exception("database is locked"))
        return await self.real.push(due)


async def test_a_push_that_meets_a_database_error_is_retried_in_process(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock, outbox: FakeOutbox
) -> None:
    clock.set(at("2026-12-07 17:30"))
    scheduler = PushScheduler(spotter.store, _DatabaseDownOnce(pusher), clock)  # type: ignore[arg-type]
    await scheduler.reconcile_all()
    scheduler.aps.start()
    try:
        assert await scheduler.fire(f"reminder:{members.address}", at("2026-12-07 17:30")) is None
        retry = scheduler.aps.get_job(f"retry:reminder:{members.address}")
        assert retry is not None
        scheduler.aps.modify_job(retry.id, next_run_time=datetime.now(UTC))
        await asyncio.wait_for(outbox.delivered.wait(), timeout=10)
    finally:
        await scheduler.stop()
    assert "Hip thrust session today at 18:30" in outbox.texts(members.address)[0]


async def test_a_catch_up_writes_nothing_for_occurrences_already_stale(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock, outbox: FakeOutbox
) -> None:
    clock.set(at("2026-12-09 12:00"))  # Wednesday: Monday's reminder, warm-up and nudge are stale
    scheduler = PushScheduler(spotter.store, pusher, clock)
    await scheduler.reconcile_all()
    outcomes = await scheduler.catch_up()
    assert set(outcomes) == {f"bump:{members.address}"}  # only last Sunday's bump was owed
    async with spotter.store.transaction() as tx:
        kinds = await tx.session.execute(text("SELECT kind FROM deliveries"))
        assert sorted(k for (k,) in kinds.all()) == ["bump"]


async def test_a_second_catch_up_claims_nothing_already_settled(
    spotter: Spotter, members: GroupChat, pusher: Pusher, clock: ManualClock, outbox: FakeOutbox
) -> None:
    clock.set(at("2026-12-14 08:00"))
    scheduler = PushScheduler(spotter.store, pusher, clock)
    await scheduler.reconcile_all()
    await scheduler.catch_up()
    assert await scheduler.catch_up() == {}
