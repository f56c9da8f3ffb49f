"""The real python-telegram-bot client, over real HTTP, against a fake Bot API server."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import aiohttp

from adapters.telegram.bot import TelegramAdapter, WebhookConfig
from bot.app import Spotter
from bot.messages import Address
from bot.pushes import Outcome
from tests.e2e.telegram_chat import ANA, BEN, BERLIN, COACH, FAST, GROUP, Chat, free_port, spotter_run
from tests.fake_telegram import FakeTelegram
from tests.helpers import reminder_due


async def test_start_up_registers_the_command_menu_and_polls(
    fake: FakeTelegram, telegram: TelegramAdapter
) -> None:
    menus = {
        c.params["scope"]["type"]: [m["command"] for m in c.params["commands"]]
        for c in fake.sent("setMyCommands")
    }
    assert {"start", "join", "today", "log", "undo", "faq"} <= set(menus["default"])
    assert {"setup", "pause", "set"}.isdisjoint(menus["default"])  # admin-only: not in everyone's menu
    assert {"setup", "pause", "set", "today"} <= set(menus["all_chat_administrators"])
    assert menus["all_private_chats"] == menus["all_chat_administrators"]
    assert all(m["description"] for c in fake.sent("setMyCommands") for m in c.params["commands"])


async def test_start_in_a_new_group_explains_what_to_do(chat: Chat) -> None:
    answer = await chat.say(ANA, "/start")
    assert "<b>Getting started</b>" in answer
    assert "/setup hypertrophy mon,thu 18:30 Europe/Berlin" in answer


async def test_an_admin_sets_up_and_a_member_is_refused(chat: Chat, fake: FakeTelegram) -> None:
    assert "Program set" in await chat.say(COACH, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    assert "only a chat admin can use /setup" in await chat.say(ANA, "/setup strength mon 07:00 UTC")
    assert len(fake.sent("getChatAdministrators")) == 1  # cached for the second command


async def test_join_and_today_with_the_done_button(program: Chat, fake: FakeTelegram) -> None:
    today = await program.say(ANA, "/today")
    assert "Ben</b>: Barbell hip thrust <b>3 × 8 @ 60 kg</b>" in today
    keyboard = fake.sent()[-1].params["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["callback_data"] == "done:2026-12-07"


async def test_commands_for_another_bot_are_ignored(program: Chat, fake: FakeTelegram) -> None:
    before = len(fake.sent())
    await fake.send_text(GROUP, program.users[ANA], "/today@OtherBot")
    assert "Coaching cues" in await program.say(ANA, "/cues@SpotterBot")
    assert len(fake.sent()) == before + 1


async def test_a_free_text_report_is_logged(program: Chat) -> None:
    assert "Logged for <b>Ben</b>, Monday 7 Dec: 3 × 10 @ 60 kg." in await program.say(
        BEN, "did 3x10 @ 60kg 💪"
    )


async def test_a_reply_to_the_bot_is_logged(program: Chat, fake: FakeTelegram) -> None:
    await program.say(BEN, "/today")
    bot_message = fake.message_object(fake.sent()[-1], 777)
    assert "Logged for <b>Ben</b>" in await program.say(BEN, "3x8", reply_to=bot_message)


async def test_done_then_undo_through_buttons(program: Chat, fake: FakeTelegram) -> None:
    await program.say(BEN, "/today")
    today = fake.message_object(fake.sent()[-1], 901)
    await fake.tap(GROUP, program.users[BEN], "done:2026-12-07", today)
    confirmation = (await fake.wait_for("sendMessage", len(fake.sent()) + 1))[-1]
    assert "Logged for <b>Ben</b>, Monday 7 Dec: 3 × 8 @ 60 kg." in confirmation.params["text"]
    undo = confirmation.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await fake.wait_for("answerCallbackQuery", 1)
    await fake.tap(GROUP, program.users[BEN], undo, fake.message_object(confirmation, 902))
    undone = (await fake.wait_for("sendMessage", len(fake.sent()) + 1))[-1]
    assert "Undone: Ben's Monday 7 Dec log" in undone.params["text"]
    assert len(await fake.wait_for("answerCallbackQuery", 2)) == 2


async def test_a_double_tap_logs_once_and_says_so_privately(program: Chat, fake: FakeTelegram) -> None:
    await program.say(BEN, "/today")
    today = fake.message_object(fake.sent()[-1], 903)
    await fake.tap(GROUP, program.users[BEN], "done:2026-12-07", today)
    sent_before = len(await fake.wait_for("sendMessage", len(fake.sent()) + 1))
    await fake.tap(GROUP, program.users[BEN], "done:2026-12-07", today)
    answers = await fake.wait_for("answerCallbackQuery", 2)
    assert "Already logged" in answers[-1].params["text"]
    assert len(fake.sent()) == sent_before
    assert (await program.say(BEN, "/history")).count("• ") == 1


async def test_the_same_message_after_a_restart_is_logged_once(
    program: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    update = await fake.send_text(GROUP, program.users[BEN], "3x10 @ 60kg")
    await fake.wait_for("sendMessage", len(fake.sent()) + 1)
    await telegram.stop()
    restarted = TelegramAdapter(app, fake.token, base_url=fake.base_url, limits=FAST, poll_timeout=1)
    await restarted.start()
    try:
        await fake.add_update({"message": update["message"]})  # Telegram re-sends it under a new id
        assert (await program.say(BEN, "/history")).count("• ") == 1
    finally:
        await restarted.stop()
        await telegram.start()  # the fixture stops it again


async def test_names_with_html_are_shown_literally(chat: Chat, fake: FakeTelegram) -> None:
    await chat.say(COACH, "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    await fake.send_text(GROUP, fake.user(9, "<b>Zoë & Co</b>"), "/join beginner")
    answer = str((await fake.wait_for("sendMessage", 2))[-1].params["text"])
    assert "<b>&lt;b&gt;Zoë &amp; Co&lt;/b&gt;</b>" in answer


async def test_long_replies_are_split_under_the_limit(chat: Chat, fake: FakeTelegram) -> None:
    await chat.say(ANA, "/exercise")
    assert all(len(str(c.params["text"])) <= 4096 for c in fake.sent())


async def test_a_scheduled_reminder_is_delivered(
    program: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    pusher = app.pusher(telegram.outbox)
    occurrence = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)
    assert await pusher.push(reminder_due(Address("telegram", str(GROUP)), occurrence)) is Outcome.SENT
    assert "⏰ <b>Hip thrust session</b> today at 18:30." in fake.texts(GROUP)[-1]


async def test_i_am_in_under_the_reminder_edits_the_reminder_in_place(
    program: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    occurrence = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)
    await app.pusher(telegram.outbox).push(reminder_due(Address("telegram", str(GROUP)), occurrence))
    sent = fake.sent()[-1]
    keyboard = sent.params["reply_markup"]["inline_keyboard"][0]
    reminder = fake.message_object(sent, 903)
    await fake.tap(GROUP, program.users[BEN], keyboard[0]["callback_data"], reminder)
    (edit,) = await fake.wait_for("editMessageText", 1)
    assert edit.params["message_id"] == str(reminder["message_id"])
    assert "🙋 In (1): Ben" in edit.params["text"]
    assert edit.params["reply_markup"]["inline_keyboard"][0] == keyboard
    await fake.tap(GROUP, program.users[BEN], keyboard[0]["callback_data"], reminder)  # the same again
    await fake.wait_for("answerCallbackQuery", 2)
    await program.settle()
    assert len(fake.sent("editMessageText!failed")) == 1  # "not modified": taken as done, no retry
    assert len(fake.sent("editMessageText")) == 1


async def test_a_429_is_retried_and_delivered_once(
    program: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    fake.failures["sendMessage"].append(
        (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests",
                "parameters": {"retry_after": 1},
            },
        )
    )
    pusher = app.pusher(telegram.outbox)
    occurrence = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)
    before = len(fake.sent())
    assert await pusher.push(reminder_due(Address("telegram", str(GROUP)), occurrence)) is Outcome.SENT
    assert [c.method for c in fake.calls[-2:]] == ["sendMessage!failed", "sendMessage"]
    assert len(fake.sent()) == before + 1


async def test_a_403_pauses_the_group(
    program: Chat, fake: FakeTelegram, app: Spotter, telegram: TelegramAdapter
) -> None:
    fake.failures["sendMessage"].append(
        (
            403,
            {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was kicked from the supergroup chat",
            },
        )
    )
    pusher = app.pusher(telegram.outbox)
    occurrence = datetime(2026, 12, 7, 17, 30, tzinfo=BERLIN)
    assert await pusher.push(reminder_due(Address("telegram", str(GROUP)), occurrence)) is Outcome.FORBIDDEN
    assert "Paused" in await program.say(COACH, "/schedule")


def _webhook_adapter(fake: FakeTelegram, app: Spotter) -> tuple[TelegramAdapter, WebhookConfig]:
    port = free_port()
    hook = WebhookConfig(
        url=f"http://127.0.0.1:{port}/telegram", listen="127.0.0.1", port=port, secret="s3cret"
    )
    adapter = TelegramAdapter(app, fake.token, base_url=fake.base_url, webhook=hook, limits=FAST)
    return adapter, hook


async def test_webhook_mode_checks_the_secret_token(fake: FakeTelegram, app: Spotter) -> None:
    adapter, hook = _webhook_adapter(fake, app)
    await adapter.start()
    try:
        (registered,) = fake.sent("setWebhook")
        assert registered.params["url"] == hook.url
        assert registered.params["secret_token"] == "s3cret"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": fake.chat(GROUP),
                "from": fake.user(ANA, "Ana"),
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        async with aiohttp.ClientSession() as http:
            refused = await http.post(hook.url, json=update)
            accepted = await http.post(
                hook.url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            )
        assert (refused.status, accepted.status) == (403, 200)
        (answer,) = await fake.wait_for("sendMessage", 1)
        assert "Getting started" in answer.params["text"]
    finally:
        await adapter.stop()


async def test_an_update_posted_twice_to_the_webhook_is_handled_once(
    fake: FakeTelegram, app: Spotter
) -> None:
    """Telegram re-sends an update when a webhook answer is lost; the second copy changes nothing."""
    adapter, hook = _webhook_adapter(fake, app)
    await adapter.start()
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}

    def update(update_id: int, user: int, text: str) -> dict[str, object]:
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text[0] == "/" else []
        )
        message = {
            "message_id": 100 + update_id,
            "date": 0,
            "chat": fake.chat(GROUP),
            "from": fake.user(user, "Ben"),
            "text": text,
        }
        return {"update_id": update_id, "message": {**message, "entities": entities}}

    try:
        fake.admins[GROUP] = {BEN}
        async with aiohttp.ClientSession() as http:
            for body in (
                update(1, BEN, "/setup hypertrophy mon 18:30 UTC"),
                update(2, BEN, "/join intermediate 60kg"),
            ):
                await http.post(hook.url, json=body, headers=headers)
            report = update(3, BEN, "3x10 @ 60kg")
            await http.post(hook.url, json=report, headers=headers)
            await http.post(hook.url, json=report, headers=headers)
            await http.post(hook.url, json=update(4, BEN, "/history"), headers=headers)
        answers = await fake.wait_for("sendMessage", 4)
        assert sum("Logged for" in str(a.params["text"]) for a in answers) == 1
        assert str(answers[-1].params["text"]).count("• ") == 1
    finally:
        await adapter.stop()


async def test_spotter_run_with_a_token_serves_telegram_until_stopped(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    """The quickstart's run command, as a process, against the fake Bot API server."""
    import asyncio
    import signal

    process = await spotter_run(fake, tmp_path, capture=True)
    try:
        await fake.wait_for("setMyCommands", 1, within=30)
        await fake.send_text(GROUP, fake.user(ANA, "Ana"), "/start")
        (answer,) = await fake.wait_for("sendMessage", 1, within=30)
        assert "Getting started" in answer.params["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    assert (tmp_path / "spotter.db").exists()


async def test_a_debug_session_logs_no_token(fake: FakeTelegram, tmp_path: Path) -> None:
    """`spotter run` at DEBUG, a command handled and answered: the token is in no line."""
    import asyncio
    import signal

    process = await spotter_run(fake, tmp_path, {"SPOTTER_LOG_LEVEL": "DEBUG"}, capture=True)
    try:
        await fake.wait_for("setMyCommands", 1, within=30)
        await fake.send_text(GROUP, fake.user(ANA, "Ana"), "/start")
        await fake.wait_for("sendMessage", 1, within=30)
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    output = (stdout + stderr).decode()
    assert "DEBUG" in output  # the session really logged at DEBUG
    assert fake.token not in output
    assert fake.token.split(":")[1] not in output


async def test_spotter_run_serves_healthz_and_logs_json_lines_without_the_token(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    import asyncio
    import json
    import signal

    port = free_port()
    settings = {"SPOTTER_LOG_FORMAT": "json", "SPOTTER_LOG_LEVEL": "DEBUG", "SPOTTER_OPS_PORT": str(port)}
    process = await spotter_run(fake, tmp_path, settings, capture=True)
    try:
        await fake.wait_for("setMyCommands", 1, within=30)
        await fake.send_text(GROUP, fake.user(ANA, "Ana"), "/start")
        await fake.wait_for("sendMessage", 1, within=30)
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/healthz") as answer,
        ):
            assert answer.status == 200
            assert (await answer.json())["platforms"] == {"telegram": "connected"}
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    lines = [json.loads(line) for line in stderr.decode().splitlines() if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    assert any(line["level"] == "DEBUG" for line in lines)
    assert fake.token.split(":")[1] not in stderr.decode()


async def test_help_in_a_group_explains_privacy_mode(chat: Chat) -> None:
    assert "privacy mode" in await chat.say(ANA, "/help")


async def test_undo_takes_back_the_log_entered_last_even_for_an_earlier_day(program: Chat) -> None:
    await program.say(BEN, "3x10 @ 60kg")
    assert "Sunday 6 Dec" in await program.say(BEN, "/log yesterday 3x8 @ 55kg")
    assert "Undone: Ben's Sunday 6 Dec log" in await program.say(BEN, "/undo")
    assert "Undone: Ben's Monday 7 Dec log" in await program.say(BEN, "/undo")
