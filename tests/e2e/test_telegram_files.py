"""Files over the real python-telegram-bot client: an export sent as a document, a CSV sent with
`/import` fetched through getFile, a text too long for a caption sent ahead of its file."""

from __future__ import annotations

import csv
import io

from adapters.telegram.bot import TelegramAdapter
from bot.messages import Address, Attachment, Reply
from tests.e2e.telegram_chat import BEN, GROUP, Chat
from tests.fake_telegram import FakeTelegram

STRONG = (
    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
    "2026-11-02 18:00:00,Evening,Hip Thrust (Barbell),1,100,8\n"
    "2026-11-02 18:00:00,Evening,Hip Thrust (Barbell),2,100,8\n"
)


async def test_export_arrives_as_a_csv_document_with_its_summary_as_caption(
    program: Chat, fake: FakeTelegram
) -> None:
    await program.say(BEN, "3x10 @ 60kg")
    before = len(fake.sent("sendDocument"))
    await fake.send_text(GROUP, program.users[BEN], "/export")
    (call,) = (await fake.wait_for("sendDocument", before + 1))[before:]
    document = call.params["document"]
    assert document["filename"].startswith("spotter-ben-")
    assert document["filename"].endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(document["data"].decode())))
    assert [(r["Weight"], r["Reps"]) for r in rows] == [("60", "10")] * 3
    assert "3 sets in 1 session" in call.params["caption"]
    assert call.params["parse_mode"] == "HTML"


async def test_a_csv_sent_with_import_as_its_caption_is_fetched_and_imported(
    program: Chat, fake: FakeTelegram
) -> None:
    before = len(fake.sent())
    await fake.send_document(GROUP, program.users[BEN], "/import", "strong.csv", STRONG.encode())
    (*_, answer) = await fake.wait_for("sendMessage", before + 1)
    assert "Imported 1 session (2 sets)" in answer.params["text"]
    assert len(fake.sent("getFile")) == 1


async def test_a_document_without_a_command_is_not_fetched(program: Chat, fake: FakeTelegram) -> None:
    await fake.send_document(GROUP, program.users[BEN], "our gym's timetable", "times.csv", b"a,b\n")
    await program.settle()
    assert fake.sent("getFile") == []


async def test_a_text_too_long_for_a_caption_goes_first_and_the_file_after(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    long = "word " * 400  # 2,000 characters: over the 1,024 a caption holds
    reply = Reply(long, attachment=Attachment("chart.png", b"\x89PNG fake", image=True))
    await telegram.platform.send(Address("telegram", str(GROUP)), reply)
    assert fake.sent("sendMessage")[-1].params["text"].startswith("word word")
    (photo,) = fake.sent("sendPhoto")
    assert photo.params["photo"]["data"] == b"\x89PNG fake"
    assert "caption" not in photo.params
