"""Telegram as real groups use it: upgrades to supergroups, forum topics, anonymous admins,
removal and re-adding — the real python-telegram-bot against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from adapters.kit.router import OutboxRouter
from adapters.telegram.bot import TelegramAdapter
from bot.app import Spotter
from bot.events import ProgramChanged
from bot.messages import Address
from bot.pushes import Outcome
from scheduler.runner import PushScheduler
from tests.e2e.telegram_chat import ANA, BEN, BERLIN, COACH, GROUP, Chat
from tests.fake_telegram import FakeTelegram
from tests.helpers import reminder_due

BASIC, UPGRADED = -4001, -1004001
TOPIC = 42
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
MONDAY_REMINDER = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)


@pytest.fixture
async def scheduler(app: Spotter, telegram: TelegramAdapter) -> AsyncIterator[PushScheduler]:
    """A push scheduler following program changes, as `spotter run` wires one (not started:
    the tests read its jobs, they do not wait for them to fire)."""
    runner = PushScheduler(app.store, app.pusher(OutboxRouter({"telegram": telegram.platform})), app.clock)
    app.events.subscribe(ProgramChanged, runner.on_program_changed)
    yield runner
    await runner.stop()


@pytest.fixture
async def basic_group(fake: FakeTelegram, telegram: TelegramAdapter) -> Chat:
    """A basic group (not yet a supergroup) with a program, a member and a log."""
    fake.chat_types[BASIC] = "group"
    fake.admins[BASIC] = {COACH}
    chat = Chat(fake, BASIC)
    await chat.say(COACH, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await chat.say(BEN, "/join intermediate 60kg")
    await chat.say(BEN, "/log yesterday 3x8 @ 55kg")
    await chat.say(BEN, "3x10 @ 60kg")
    return chat


async def test_an_upgraded_group_keeps_its_program_members_and_logs_under_the_new_id(
    basic_group: Chat, fake: FakeTelegram, scheduler: PushScheduler
) -> None:
    await scheduler.reconcile_all()
    assert f"reminder:telegram:{BASIC}" in scheduler.job_ids
    await fake.upgrade(BASIC, UPGRADED, by=basic_group.users[COACH])
    upgraded = Chat(fake, UPGRADED)
    assert "Ben</b>: Barbell hip thrust <b>3 × 8 @ 60 kg</b>" in await upgraded.say(ANA, "/today")
    history = await upgraded.say(BEN, "/history")
    assert "3 × 10 @ 60 kg" in history
    assert "3 × 8 @ 55 kg" in history
    assert "Mon &amp; Thu at 18:30" in await upgraded.say(COACH, "/schedule")
    assert f"reminder:telegram:{UPGRADED}" in scheduler.job_ids
    assert not any(str(BASIC) in job for job in scheduler.job_ids)


async def test_an_upgrade_announced_twice_moves_the_group_once(
    basic_group: Chat, fake: FakeTelegram, app: Spotter
) -> None:
    await fake.upgrade(BASIC, UPGRADED, by=basic_group.users[COACH])
    await Chat(fake, UPGRADED).say(ANA, "/today")
    async with app.store.transaction() as tx:
        assert await tx.group(Address("telegram", str(BASIC))) is None
        moved = await tx.group(Address("telegram", str(UPGRADED)))
        assert moved is not None
        assert len(await tx.members(moved)) == 1


async def test_a_push_to_the_old_id_moves_the_group_and_is_delivered_to_the_new_chat(
    basic_group: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    fake.migrated[BASIC] = UPGRADED  # upgraded, but the notices were never seen
    pusher = app.pusher(telegram.outbox)
    due = reminder_due(Address("telegram", str(BASIC)), MONDAY_REMINDER)
    assert await pusher.push(due) is Outcome.SENT
    assert "Hip thrust session" in fake.texts(UPGRADED)[-1]
    assert await pusher.push(due) is Outcome.NO_GROUP  # the old id has nothing left to push
    assert "Ben" in await Chat(fake, UPGRADED).say(ANA, "/today")


async def test_a_reply_to_the_old_id_follows_the_group_to_its_new_chat(
    basic_group: Chat, fake: FakeTelegram
) -> None:
    fake.migrated[BASIC] = UPGRADED
    before = len(fake.sent())
    await fake.send_text(BASIC, basic_group.users[ANA], "/cues")
    (*_, answer) = await fake.wait_for("sendMessage", before + 1)
    assert int(answer.params["chat_id"]) == UPGRADED
    assert "Coaching cues" in answer.params["text"]
    assert "Ben" in await Chat(fake, UPGRADED).say(ANA, "/today")


# Forum topics


async def test_a_program_set_in_general_is_seen_and_answered_in_every_topic(
    program: Chat, fake: FakeTelegram
) -> None:
    fake.forums.add(GROUP)
    answer = await program.answer(ANA, "/today", thread=TOPIC)
    assert "Ben</b>: Barbell hip thrust" in answer.params["text"]
    assert int(answer.params["message_thread_id"]) == TOPIC


async def test_buttons_under_a_topic_answer_in_that_topic_for_the_chat_program(
    program: Chat, fake: FakeTelegram
) -> None:
    fake.forums.add(GROUP)
    today = await program.answer(BEN, "/today", thread=TOPIC)
    await fake.tap(GROUP, program.users[BEN], "done:2026-12-07", fake.message_object(today, 903))
    (*_, logged) = await fake.wait_for("sendMessage", len(fake.sent()) + 1)
    assert "Logged for <b>Ben</b>, Monday 7 Dec: 3 × 8 @ 60 kg." in logged.params["text"]
    assert int(logged.params["message_thread_id"]) == TOPIC


async def test_pushes_go_to_the_topic_where_setup_was_last_run(
    program: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    fake.forums.add(GROUP)
    pusher = app.pusher(telegram.outbox)
    assert await pusher.push(reminder_due(Address("telegram", str(GROUP)), MONDAY_REMINDER)) is Outcome.SENT
    assert "message_thread_id" not in fake.sent()[-1].params  # General, where it was set up
    assert "Program updated" in await program.say(COACH, "/setup 18:30", thread=TOPIC)
    thursday = datetime(2026, 12, 10, 17, 30, tzinfo=BERLIN)
    app.clock.set(thursday)  # type: ignore[attr-defined]
    assert await pusher.push(reminder_due(Address("telegram", str(GROUP)), thursday)) is Outcome.SENT
    assert int(fake.sent()[-1].params["message_thread_id"]) == TOPIC


# Who is speaking


async def test_an_anonymous_admin_can_set_up_the_program(chat: Chat, fake: FakeTelegram) -> None:
    group = {"id": GROUP, "type": "supergroup", "title": "Gym"}
    before = len(fake.sent())
    await fake.send_text(
        GROUP, ANONYMOUS_ADMIN, "/setup hypertrophy mon,thu 18:30 Europe/Berlin", sender_chat=group
    )
    (*_, answer) = await fake.wait_for("sendMessage", before + 1)
    assert "Program set" in answer.params["text"]
    assert "Ben" not in await chat.say(ANA, "/today")  # anyone sees it; nobody has joined
    assert fake.sent("getChatAdministrators") == []  # posting as the group is proof enough


async def test_posts_from_a_linked_channel_and_from_other_bots_are_ignored(
    program: Chat, fake: FakeTelegram
) -> None:
    channel = {"id": -1009999, "type": "channel", "title": "Gym news"}
    telegram_service = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
    await fake.send_text(GROUP, telegram_service, "/today", sender_chat=channel)
    await fake.send_text(
        GROUP, {"id": 55, "is_bot": True, "first_name": "Other", "username": "OtherBot"}, "/today"
    )
    await program.silence(ANA, "nice session everyone")


# Removed and added back


async def test_removal_silences_pushes_at_once_and_adding_back_resumes_them(
    program: Chat, fake: FakeTelegram, scheduler: PushScheduler
) -> None:
    await scheduler.reconcile_all()
    assert scheduler.job_ids
    await fake.bot_membership(GROUP, program.users[COACH], old="member", new="kicked")
    await program.settle()
    assert not scheduler.job_ids
    before = len(fake.sent())
    await fake.bot_membership(GROUP, program.users[COACH], old="left", new="member")
    (*_, hello) = await fake.wait_for("sendMessage", before + 1)
    assert "I'm back, and reminders are on again" in hello.params["text"]
    assert scheduler.job_ids


async def test_adding_back_keeps_a_pause_an_admin_chose(program: Chat, fake: FakeTelegram) -> None:
    await program.say(COACH, "/pause")
    await fake.bot_membership(GROUP, program.users[COACH], old="member", new="left")
    before = len(fake.sent())
    await fake.bot_membership(GROUP, program.users[COACH], old="left", new="member")
    (*_, hello) = await fake.wait_for("sendMessage", before + 1)
    assert "I'm back." in hello.params["text"]
    assert "Paused: no reminders until an admin runs /resume" in hello.params["text"]


async def test_added_to_a_new_group_says_how_to_start(chat: Chat, fake: FakeTelegram) -> None:
    await fake.bot_membership(GROUP, chat.users[COACH], old="left", new="member")
    (*_, hello) = await fake.wait_for("sendMessage", 1)
    assert "<b>Getting started</b>" in hello.params["text"]


# Quiet in busy groups


async def test_an_unknown_command_in_a_group_is_left_to_the_other_bots(program: Chat) -> None:
    await program.silence(ANA, "/weather")


async def test_an_unknown_command_addressed_to_the_bot_gets_the_help_hint(program: Chat) -> None:
    assert "I don't know /weather. Try /help" in await program.say(ANA, "/weather@SpotterBot")


async def test_an_unknown_command_in_private_gets_the_help_hint(
    fake: FakeTelegram, telegram: TelegramAdapter
) -> None:
    assert "I don't know /weather" in await Chat(fake, ANA).say(ANA, "/weather")


async def test_thanks_in_reply_to_the_bot_is_not_scolded(program: Chat, fake: FakeTelegram) -> None:
    today = await program.answer(BEN, "/today")
    await program.silence(BEN, "thanks coach!", reply_to=fake.message_object(today, 904))


async def test_a_reply_to_the_bot_with_numbers_it_cannot_read_is_explained(
    program: Chat, fake: FakeTelegram
) -> None:
    today = await program.answer(BEN, "/today")
    answer = await program.say(BEN, "did 900 sets", reply_to=fake.message_object(today, 905))
    assert "Didn't " in answer
    assert "?." not in answer


async def test_examples_in_replies_are_code_not_backticks(program: Chat) -> None:
    answer = await program.say(BEN, "/log")
    assert "<code>3x10 @ 60kg</code>" in answer
    assert "`" not in answer


# Edited reports


async def _edit(chat: Chat, message: dict[str, object], text: str) -> str:
    before = len(chat.fake.sent())
    await chat.fake.edit(message, text)
    (*_, answer) = await chat.fake.wait_for("sendMessage", before + 1)
    return str(answer.params["text"])


async def test_editing_a_logged_report_updates_the_log(program: Chat, fake: FakeTelegram) -> None:
    report, _ = await program.post(BEN, "3x10 @ 60kg")
    updated = await _edit(program, report, "3x12 @ 60kg")
    assert "✏️ Updated for <b>Ben</b>, Monday 7 Dec: 3 × 12 @ 60 kg." in updated
    history = await program.say(BEN, "/history")
    assert "3 × 12 @ 60 kg" in history
    assert "3 × 10" not in history


async def test_editing_a_report_into_chatter_undoes_it(program: Chat, fake: FakeTelegram) -> None:
    report, _ = await program.post(BEN, "3x10 @ 60kg")
    assert "Undone: Ben's Monday 7 Dec log" in await _edit(program, report, "oops, wrong chat")
    assert "No logs yet" in await program.say(BEN, "/history")


async def test_chatter_edited_into_a_report_is_logged(program: Chat, fake: FakeTelegram) -> None:
    chatter = (await fake.send_text(GROUP, program.users[BEN], "on my way"))["message"]
    assert "✅ Logged for <b>Ben</b>" in await _edit(program, chatter, "did 3x8 @ 60kg")


async def test_edited_chatter_and_edited_commands_stay_quiet(program: Chat, fake: FakeTelegram) -> None:
    chatter = (await fake.send_text(GROUP, program.users[ANA], "on my way"))["message"]
    command, _ = await program.post(ANA, "/cues")
    await fake.edit(chatter, "running late")
    await fake.edit(command, "/faq")
    await program.silence(ANA, "see you soon")


# Naming members


async def _member(fake: FakeTelegram, user: dict[str, object], text: str = "/join intermediate 50kg") -> None:
    before = len(fake.sent())
    await fake.send_text(GROUP, user, text)
    await fake.wait_for("sendMessage", before + 1)


async def test_set_finds_a_member_by_the_username_autocomplete_inserts(
    program: Chat, fake: FakeTelegram
) -> None:
    await _member(
        fake, {"id": 20, "is_bot": False, "first_name": "Ana", "last_name": "K", "username": "ana_k"}
    )
    answer = await program.say(COACH, "/set @ana_k load 70kg")
    assert "Ana K" in answer
    assert "70 kg" in answer


async def test_set_finds_a_member_without_a_username_by_their_mention(
    program: Chat, fake: FakeTelegram
) -> None:
    zoe = {"id": 21, "is_bot": False, "first_name": "<b>Zoë & Co</b> 💪"}
    await _member(fake, zoe)
    name = zoe["first_name"]
    assert isinstance(name, str)
    text = f"/set {name} load 45kg"
    mention = {"type": "text_mention", "offset": 5, "length": len(name.encode("utf-16-le")) // 2, "user": zoe}
    answer = await program.say(COACH, text, entities=[mention])
    assert "&lt;b&gt;Zoë &amp; Co&lt;/b&gt; 💪" in answer
    assert "45 kg" in answer


async def test_hold_in_reply_to_a_members_message_means_that_member(
    program: Chat, fake: FakeTelegram
) -> None:
    report, _ = await program.post(BEN, "3x8 @ 60kg")
    assert "Ben" in await program.say(COACH, "/hold", reply_to=report)


async def test_a_name_two_members_share_lists_them(program: Chat, fake: FakeTelegram) -> None:
    await _member(fake, {"id": 22, "is_bot": False, "first_name": "Sam", "username": "sam_a"})
    await _member(fake, {"id": 23, "is_bot": False, "first_name": "Sam", "username": "sam_b"})
    answer = await program.say(COACH, "/deload sam")
    assert "More than one member is called sam: Sam (@sam_a), Sam (@sam_b)" in answer


# A beginner's first loaded set


async def test_a_beginner_on_bodyweight_who_lifts_40_kilos_is_logged_on_the_barbell(program: Chat) -> None:
    await program.say(ANA, "/join beginner")
    answer = await program.say(ANA, "3x10 with 40 kilos")
    assert "Logged for <b>Ana</b>, Monday 7 Dec: 3 × 10 @ 40 kg." in answer
    assert "bodyweight" not in answer


# Private chats


OTHER_GROUP = -100777


async def test_start_in_private_explains_how_to_add_the_bot_to_a_group(
    fake: FakeTelegram, telegram: TelegramAdapter
) -> None:
    answer = await Chat(fake, ANA).say(ANA, "/start")
    assert "Add me to your group chat" in answer
    assert "a chat admin sets the program" not in answer


async def test_today_in_private_shows_the_members_own_session_in_their_group(
    program: Chat, fake: FakeTelegram
) -> None:
    answer = await Chat(fake, BEN).say(BEN, "/today")
    assert "<b>Gym</b>: Monday 7 Dec at 18:30" in answer
    assert "Barbell hip thrust <b>3 × 8 @ 60 kg</b>" in answer


async def test_me_and_history_in_private_answer_per_group(program: Chat, fake: FakeTelegram) -> None:
    await program.say(BEN, "3x8 @ 60kg")
    private = Chat(fake, BEN)
    assert "Current prescription" in await private.say(BEN, "/me")
    assert "3 × 8 @ 60 kg" in await private.say(BEN, "/history")


async def test_a_report_in_private_is_logged_to_the_members_only_group(
    program: Chat, fake: FakeTelegram
) -> None:
    answer = await Chat(fake, BEN).say(BEN, "3x10 @ 60kg")
    assert "Logged for <b>Ben</b>, Monday 7 Dec: 3 × 10 @ 60 kg." in answer
    assert "(in <b>Gym</b>)" in answer
    assert "3 × 10 @ 60 kg" in await program.say(BEN, "/history")


async def test_a_report_in_private_asks_which_group_when_there_are_several(
    program: Chat, fake: FakeTelegram
) -> None:
    fake.admins[OTHER_GROUP] = {COACH}
    other = Chat(fake, OTHER_GROUP)
    await other.say(COACH, "/setup strength tue 07:00 Europe/Berlin")
    await other.say(BEN, "/join intermediate 80kg")
    question = await Chat(fake, BEN).answer(BEN, "3x5 @ 80kg")
    assert "which one is this for?" in question.params["text"]
    choices = question.params["reply_markup"]["inline_keyboard"][0]
    assert len(choices) == 2
    before = len(fake.sent())
    await fake.tap(BEN, program.users[BEN], choices[1]["callback_data"], fake.message_object(question, 906))
    (*_, logged) = await fake.wait_for("sendMessage", before + 1)
    assert "Logged for <b>Ben</b>" in logged.params["text"]
    assert "3 × 5 @ 80 kg" in await other.say(BEN, "/history")
    assert "No logs yet" in await program.say(BEN, "/history")


async def test_private_views_for_someone_in_no_group_say_how_to_join(
    fake: FakeTelegram, telegram: TelegramAdapter
) -> None:
    assert "You haven't joined a group yet" in await Chat(fake, ANA).say(ANA, "/today")
