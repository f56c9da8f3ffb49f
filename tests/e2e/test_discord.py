"""The real discord.py client, over real HTTP and a real websocket, against a fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.bot import DiscordAdapter
from adapters.kit.router import OutboxRouter
from adapters.telegram.bot import TelegramAdapter
from bot.app import Spotter
from bot.messages import Address
from bot.pushes import Outcome
from tests.e2e.telegram_chat import BERLIN, FAST, GROUP, OWN_SETTINGS, ROOT, Chat
from tests.fake_discord import CHANNEL, EPHEMERAL_FLAG, THREAD, Call, FakeDiscord, is_answer
from tests.fake_telegram import FakeTelegram
from tests.helpers import eventually, reminder_due

COACH = FakeDiscord.user(11, "Coach")
ANA = FakeDiscord.user(12, "Ana")
BEN = FakeDiscord.user(13, "Ben")
MONDAY_REMINDER = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)
SETUP = {"goal": "hypertrophy", "days": "mon,thu", "time": "18:30", "tz": "Europe/Berlin"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


def _adapter(fake: FakeDiscord, app: Spotter) -> DiscordAdapter:
    return DiscordAdapter(app, fake.token, api_base=fake.api_base, gateway_url=fake.gateway_url, limits=FAST)


@pytest.fixture
async def discord_bot(fake: FakeDiscord, app: Spotter) -> AsyncIterator[DiscordAdapter]:
    adapter = _adapter(fake, app)
    await adapter.start()
    yield adapter
    await adapter.stop()


@pytest.fixture
async def group(fake: FakeDiscord, discord_bot: DiscordAdapter) -> FakeDiscord:
    """The #training channel with a program and Ben as a member."""
    await ask(fake, COACH, "setup", SETUP, admin=True)
    await ask(fake, BEN, "join", {"level": "intermediate", "load": "60kg"})
    return fake


async def ask(
    fake: FakeDiscord, user: dict[str, Any], name: str, options: dict[str, str] | None = None, **kw: Any
) -> Call:
    """Run a slash command; the bot's answer (a channel message or the ephemeral edit)."""
    before = len(fake.calls)
    await fake.command(user, name, options, **kw)
    return (await fake.answers(before))[-1]


def text(call: Call) -> str:
    return FakeDiscord.text_of(call.body)


# Commands


async def test_commands_are_registered_once_and_not_again_after_an_unchanged_restart(
    fake: FakeDiscord, app: Spotter
) -> None:
    for _ in range(2):
        adapter = _adapter(fake, app)
        await adapter.start()
        await adapter.stop()
    assert len(fake.sent("PUT", "/commands")) == 1
    assert len(fake.sent("GET", "/commands")) == 2
    names = {c["name"]: c for c in fake.registered}
    assert {"setup", "join", "today", "log", "undo"} <= names.keys()
    assert names["setup"]["default_member_permissions"] == "16"  # shown to channel managers
    assert [c["value"] for c in names["join"]["options"][0]["choices"]] == [
        "beginner",
        "intermediate",
        "advanced",
    ]


async def test_a_channel_manager_sets_up_and_a_member_is_refused_privately(
    fake: FakeDiscord, discord_bot: DiscordAdapter
) -> None:
    answer = await ask(fake, COACH, "setup", SETUP, admin=True)
    assert "Program set" in text(answer)
    assert answer.path == f"/channels/{CHANNEL}/messages"  # everyone sees the program
    refusal = await ask(fake, ANA, "setup", {"goal": "strength"})
    assert "only a chat admin can use /setup" in text(refusal)
    assert refusal.method == "PATCH"  # replaces the asker's ephemeral "thinking…"
    (deferred, *_) = fake.sent("POST", "/callback")
    assert deferred.body == {"type": 5, "data": {"flags": EPHEMERAL_FLAG}}


async def test_today_is_an_embed_with_the_done_button(group: FakeDiscord) -> None:
    answer = await ask(group, ANA, "today")
    (embed,) = answer.body["embeds"]
    assert "**Ben**: Barbell hip thrust **3 × 8 @ 60 kg**" in embed["description"]
    (row,) = answer.body["components"]
    assert row["components"][0]["custom_id"] == "done:2026-12-07"
    assert group.sent("DELETE", "/messages/@original")  # the asker's "thinking…" is removed


async def test_export_is_posted_as_a_csv_file_with_its_summary(group: FakeDiscord) -> None:
    before = len(group.calls)
    await group.say(BEN, "3x10 @ 60kg")
    await group.answers(before)
    answer = await ask(group, BEN, "export")
    (file,) = answer.body["_files"]
    assert file["filename"].endswith(".csv")
    assert file["data"].decode().splitlines()[1].endswith(",1,60,kg,10,,")
    assert answer.body["attachments"] == [{"id": 0, "filename": file["filename"]}]
    assert "3 sets in 1 session" in text(answer)


async def test_import_takes_the_csv_attached_to_the_slash_command(group: FakeDiscord) -> None:
    (command,) = [c for c in group.registered if c["name"] == "import"]
    assert command["options"][0]["type"] == 11  # an attachment option
    strong = (
        "Date,Exercise Name,Set Order,Weight,Reps\n"
        "2026-11-02 18:00:00,Hip Thrust (Barbell),1,100,8\n"
        "2026-11-02 18:00:00,Hip Thrust (Barbell),2,100,8\n"
    )
    before = len(group.calls)
    await group.command(BEN, "import", files={"file": ("strong.csv", strong.encode())})
    answer = (await group.answers(before))[-1]
    assert "Imported 1 session (2 sets)" in text(answer)


async def test_personal_answers_are_ephemeral(group: FakeDiscord) -> None:
    answer = await ask(group, BEN, "me")
    assert "Current prescription" in text(answer)
    assert answer.method == "PATCH"
    assert answer.body["flags"] == EPHEMERAL_FLAG


async def test_a_thread_uses_its_channels_program_and_is_answered_in_the_thread(group: FakeDiscord) -> None:
    answer = await ask(group, ANA, "today", channel=THREAD)
    assert answer.path == f"/channels/{THREAD}/messages"
    assert "Ben" in text(answer)


async def test_member_names_autocomplete_as_mentions(group: FakeDiscord) -> None:
    before = len(group.calls)
    await group.command(COACH, "hold", {"member": "be"}, admin=True, focused="member")
    *_, callback = await group.wait_for("POST", "/callback", len(group.sent("POST", "/callback")) + 1)
    assert callback.body["type"] == 8
    assert callback.body["data"]["choices"] == [{"name": "Ben", "value": "<@13>"}]
    assert not any(is_answer(c) for c in group.calls[before:])  # answered in the callback alone
    answer = await ask(group, COACH, "hold", {"member": "<@13>"}, admin=True)
    assert "Ben" in text(answer)


# Reports and buttons


async def test_a_free_text_report_is_logged_and_confirmed_in_reply(group: FakeDiscord) -> None:
    before = len(group.calls)
    report = await group.say(BEN, "did 3x10 @ 60kg")
    (answer,) = await group.answers(before)
    assert "Logged for **Ben**, Monday 7 Dec: 3 × 10 @ 60 kg." in text(answer)
    assert answer.body["message_reference"]["message_id"] == report["id"]


async def test_an_edited_report_updates_the_log(group: FakeDiscord) -> None:
    before = len(group.calls)
    report = await group.say(BEN, "3x10 @ 60kg")
    await group.answers(before)
    before = len(group.calls)
    await group.edit(report, "3x12 @ 60kg")
    (answer,) = await group.answers(before)
    assert "✏️ Updated for **Ben**, Monday 7 Dec: 3 × 12 @ 60 kg." in text(answer)


async def test_done_then_undo_with_buttons_that_outlive_a_restart(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    today = await ask(group, BEN, "today")
    on_message = {**group.message(group.bot_user, ""), "components": today.body["components"]}
    before = len(group.calls)
    await group.tap(BEN, "done:2026-12-07", on_message)
    (logged,) = await group.answers(before)
    assert "Logged for **Ben**, Monday 7 Dec: 3 × 8 @ 60 kg." in text(logged)
    undo = logged.body["components"][0]["components"][0]["custom_id"]
    await discord_bot.stop()
    restarted = _adapter(group, app)
    await restarted.start()
    try:
        before = len(group.calls)
        await group.tap(
            BEN, undo, {**group.message(group.bot_user, ""), "components": logged.body["components"]}
        )
        (undone,) = await group.answers(before)
        assert "Undone: Ben's Monday 7 Dec log" in text(undone)
    finally:
        await restarted.stop()


async def test_a_strangers_undo_is_refused_to_them_alone(group: FakeDiscord) -> None:
    before = len(group.calls)
    await group.say(BEN, "3x10 @ 60kg")
    (logged,) = await group.answers(before)
    undo = logged.body["components"][0]["components"][0]["custom_id"]
    before = len(group.calls)
    await group.tap(ANA, undo, {**group.message(group.bot_user, ""), "components": logged.body["components"]})
    (refusal,) = await group.answers(before)
    assert "Only Ben can undo that log" in text(refusal)
    assert refusal.path.startswith("/webhooks/")  # an ephemeral follow-up
    assert refusal.body["flags"] == EPHEMERAL_FLAG


async def test_a_display_name_of_everyone_pings_nobody(group: FakeDiscord) -> None:
    everyone = FakeDiscord.user(14, "Eve", global_name="@everyone")
    answer = await ask(group, everyone, "join", {"level": "beginner"})
    assert "@everyone" in text(answer).replace("\\", "")
    assert all(
        c.body.get("allowed_mentions") == {"parse": [], "replied_user": False}
        for c in group.calls
        if c.method in {"POST", "PATCH"} and "/callback" not in c.path
    )


async def test_two_shards_split_the_servers_and_a_command_is_answered_once(
    fake: FakeDiscord, app: Spotter
) -> None:
    shards = [
        DiscordAdapter(
            app,
            fake.token,
            api_base=fake.api_base,
            gateway_url=fake.gateway_url,
            limits=FAST,
            shard_count=2,
            shard_ids=[shard],
        )
        for shard in (0, 1)
    ]
    for shard in shards:
        await shard.start()
    try:
        assert sorted(fake.shards.values()) == [(0, 2), (1, 2)]
        before = len(fake.calls)
        await fake.command(COACH, "setup", SETUP, admin=True)
        (answer,) = await fake.answers(before)
        assert "Program set" in text(answer)
        await asyncio.sleep(0.5)  # the other shard would have answered by now
        assert len(await fake.answers(before)) == 1
    finally:
        for shard in shards:
            await shard.stop()


# Pushes


async def test_a_reminder_reaches_the_channel_once(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    pusher = app.pusher(discord_bot.outbox)
    due = reminder_due(Address("discord", str(CHANNEL)), MONDAY_REMINDER)
    assert await pusher.push(due) is Outcome.SENT
    assert await pusher.push(due) is Outcome.DUPLICATE
    reminders = [m for m in group.channel_messages() if "Hip thrust session" in FakeDiscord.text_of(m)]
    assert len(reminders) == 1


async def test_skipping_under_the_reminder_edits_the_reminder_in_place(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    await app.pusher(discord_bot.outbox).push(reminder_due(Address("discord", str(CHANNEL)), MONDAY_REMINDER))
    (reminder,) = [m for m in group.channel_messages() if "Hip thrust session" in FakeDiscord.text_of(m)]
    skip = reminder["components"][0]["components"][1]["custom_id"]
    before = len(group.calls)
    await group.tap(BEN, skip, {**group.message(group.bot_user, ""), "components": reminder["components"]})
    (edit,) = await group.answers(before)
    assert edit.method == "PATCH"
    assert edit.path.endswith("/messages/@original")
    assert "🛌 Skipping (1): Ben" in text(edit)


async def test_a_429_on_a_push_is_waited_out_and_sent(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    group.failures["/messages"] = [
        (429, {"message": "You are being rate limited.", "retry_after": 0.2, "global": False})
    ]
    pusher = app.pusher(discord_bot.outbox)
    assert await pusher.push(reminder_due(Address("discord", str(CHANNEL)), MONDAY_REMINDER)) is Outcome.SENT
    assert [c.method for c in group.calls[-2:]] == ["POST!failed", "POST"]


async def test_missing_access_pauses_the_group(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    group.failures["/messages"] = [(403, {"message": "Missing Access", "code": 50001})]
    pusher = app.pusher(discord_bot.outbox)
    assert (
        await pusher.push(reminder_due(Address("discord", str(CHANNEL)), MONDAY_REMINDER))
        is Outcome.FORBIDDEN
    )
    assert "Paused" in text(await ask(group, COACH, "schedule"))


async def test_removal_from_the_server_stops_pushes_at_once(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    await group.remove_bot()

    async def removed() -> bool:
        async with app.store.transaction() as tx:
            found = await tx.group(Address("discord", str(CHANNEL)))
            return found is not None and found.removed_at is not None

    await eventually(removed)
    pusher = app.pusher(discord_bot.outbox)
    assert (
        await pusher.push(reminder_due(Address("discord", str(CHANNEL)), MONDAY_REMINDER)) is Outcome.PAUSED
    )


async def test_rejoining_the_server_resumes_pushes_and_greets_only_channels_with_a_program(
    app: Spotter, tmp_path: Path
) -> None:
    server = FakeDiscord(extra_channels=(CHANNEL + 1, CHANNEL + 2))
    await server.start()
    adapter = _adapter(server, app)
    await adapter.start()
    try:
        await ask(server, COACH, "setup", SETUP, admin=True)
        await server.remove_bot()
        await server.add_bot()
        (hello,) = await server.answers(len(server.calls))
        assert hello.path == f"/channels/{CHANNEL}/messages"
        assert "I'm back, and reminders are on again" in text(hello)
        assert "Reminder 60 min before" in text(await ask(server, COACH, "schedule"))
        assert not server.channel_messages(CHANNEL + 1)
    finally:
        await adapter.stop()
        await server.stop()


# Intents, both platforms, the command line


async def test_without_the_message_content_intent_commands_and_help_still_work(
    fake: FakeDiscord, app: Spotter
) -> None:
    fake.intents_granted = False
    adapter = _adapter(fake, app)
    await adapter.start()
    try:
        assert not adapter.message_content
        assert "Message Content intent" in text(await ask(fake, ANA, "help"))
        await ask(fake, COACH, "setup", SETUP, admin=True)
        await ask(fake, BEN, "join", {"level": "intermediate", "load": "60kg"})
        assert "Logged for **Ben**" in text(await ask(fake, BEN, "log", {"report": "3x10 @ 60kg"}))
    finally:
        await adapter.stop()


async def test_one_process_serves_both_platforms_and_pushes_each_group_on_its_own(
    group: FakeDiscord, app: Spotter, discord_bot: DiscordAdapter
) -> None:
    telegram_fake = FakeTelegram()
    telegram_fake.admins[GROUP] = {1}
    await telegram_fake.start()
    telegram = TelegramAdapter(
        app, telegram_fake.token, base_url=telegram_fake.base_url, limits=FAST, poll_timeout=1
    )
    await telegram.start()
    try:
        chat = Chat(telegram_fake)
        await chat.say(1, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
        await chat.say(3, "/join intermediate 60kg")
        pusher = app.pusher(OutboxRouter({"telegram": telegram.platform, "discord": discord_bot.platform}))
        for address in (Address("telegram", str(GROUP)), Address("discord", str(CHANNEL))):
            assert await pusher.push(reminder_due(address, MONDAY_REMINDER)) is Outcome.SENT
        assert "Hip thrust session" in telegram_fake.texts(GROUP)[-1]
        assert "Hip thrust session" in FakeDiscord.text_of(group.channel_messages()[-1])
    finally:
        await telegram.stop()
        await telegram_fake.stop()


async def test_spotter_run_with_a_discord_token_serves_discord(fake: FakeDiscord, tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k not in OWN_SETTINGS | {"TELEGRAM_TOKEN"}},
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "PYTHONPATH": str(ROOT),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await fake.wait_for("PUT", "/commands", within=60)
        answer = await ask(fake, ANA, "start")
        assert "Getting started" in text(answer)
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0
