"""`/export` and `/import`: history out as CSV in Strong's columns, and back in from Spotter,
Strong and Hevy files."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.app import Spotter
from bot.clock import ManualClock
from bot.messages import Address, Attachment, Reply
from tests.helpers import GroupChat

STRONG_HEADER = (
    "Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE"
)
STRONG = f"""{STRONG_HEADER}
2026-11-02 18:04:11;Evening Workout;55m;Hip Thrust (Barbell);1;100;8;0;0;;;
2026-11-02 18:04:11;Evening Workout;55m;Hip Thrust (Barbell);2;100;8;0;0;;;8
2026-11-02 18:04:11;Evening Workout;55m;Cable Fly Crossovers;1;15;12;0;0;;;
2026-11-05 18:10:00;Evening Workout;50m;Squat (Barbell);1;80;5;0;0;;;
2026-11-05 18:10:00;Evening Workout;50m;Squat (Barbell);2;80;5;0;0;;;
"""

HEVY_HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"'
)
HEVY = f"""{HEVY_HEADER}
"Leg Day","3 Nov 2026, 07:30","3 Nov 2026, 08:30","","Hip Thrust (Barbell)",,"",0,"warmup",40,10,,,
"Leg Day","3 Nov 2026, 07:30","3 Nov 2026, 08:30","","Hip Thrust (Barbell)",,"",1,"normal",90,10,,,
"Leg Day","3 Nov 2026, 07:30","3 Nov 2026, 08:30","","Hip Thrust (Barbell)",,"",2,"normal",90,9,,,8.5
"""


def _rows(reply: Reply) -> list[dict[str, str]]:
    assert reply.attachment is not None
    assert reply.attachment.name.endswith(".csv")
    return list(csv.DictReader(io.StringIO(reply.attachment.data.decode())))


async def _export(chat: GroupChat, user: str, args: str = "") -> list[dict[str, str]]:
    (reply,) = await chat.replies(user, f"/export {args}".strip())
    return _rows(reply)


async def _import(chat: GroupChat, user: str, text: str, name: str = "log.csv") -> str:
    return await chat.say(user, "/import", document=Attachment(name, text.encode()))


async def _log_three_sessions(chat: GroupChat, clock: ManualClock) -> None:
    await chat.say("ana", "/join intermediate 60kg")
    await chat.say("cara", "/join advanced 135 lb")
    await chat.say("ana", "3x10 @ 60kg")
    await chat.say("cara", "10,10,8 @ 135 lb rpe 8")
    clock.advance(timedelta(days=3))
    await chat.say("ana", "12,10,9 @ 62.5kg")
    await chat.say("cara", "bw 3x15")


async def test_an_export_is_one_row_per_set_in_strongs_columns_and_the_members_unit(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _log_three_sessions(berlin_group, clock)
    rows = await _export(berlin_group, "cara")
    assert list(rows[0]) == [
        "Date",
        "Workout Name",
        "Exercise Name",
        "Set Order",
        "Weight",
        "Weight Unit",
        "Reps",
        "RPE",
        "Notes",
    ]
    assert [
        (r["Date"][:10], r["Set Order"], r["Weight"], r["Weight Unit"], r["Reps"], r["RPE"]) for r in rows
    ] == [
        ("2026-12-07", "1", "135", "lb", "10", "8"),
        ("2026-12-07", "2", "135", "lb", "10", "8"),
        ("2026-12-07", "3", "135", "lb", "8", "8"),
        ("2026-12-10", "1", "0", "lb", "15", ""),
        ("2026-12-10", "2", "0", "lb", "15", ""),
        ("2026-12-10", "3", "0", "lb", "15", ""),
    ]
    assert rows[0]["Exercise Name"] == "Barbell hip thrust"


async def test_the_export_comes_as_a_csv_document_with_a_summary(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _log_three_sessions(berlin_group, clock)
    (reply,) = await berlin_group.replies("ana", "/export")
    assert reply.attachment is not None
    assert not reply.attachment.image
    assert "6 sets in 2 sessions" in reply.text


async def test_a_member_with_nothing_logged_is_told_so(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join beginner")
    (reply,) = await berlin_group.replies("ana", "/export")
    assert reply.attachment is None
    assert "Nothing to export yet" in reply.text


async def test_an_admin_exports_the_whole_group_with_a_member_column(
    berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _log_three_sessions(berlin_group, clock)
    rows = await _export(berlin_group, "coach", "group")
    assert {r["Member"] for r in rows} == {"ana", "cara"}
    assert len(rows) == 12


async def test_only_an_admin_exports_the_group(berlin_group: GroupChat, clock: ManualClock) -> None:
    await _log_three_sessions(berlin_group, clock)
    (reply,) = await berlin_group.replies("ana", "/export group")
    assert reply.attachment is None
    assert "admin" in reply.text.lower()


async def test_export_import_export_gives_identical_sets_loads_and_dates(
    spotter: Spotter, berlin_group: GroupChat, clock: ManualClock
) -> None:
    await _log_three_sessions(berlin_group, clock)
    elsewhere = GroupChat(spotter.coach, admins={"coach"}, address=Address("test", "-2002"))
    await elsewhere.say("coach", "/setup strength tue 07:00 Europe/Berlin")
    for user, join in (("ana", "/join intermediate 60kg"), ("cara", "/join advanced 135 lb")):
        first = await _export(berlin_group, user)
        await elsewhere.say(user, join)
        (answer,) = await elsewhere.replies(
            user, "/import", document=Attachment("x.csv", _csv_text(first).encode())
        )
        assert "Imported 2 sessions (6 sets)" in answer.text
        again = await _export(elsewhere, user)
        assert [_without_workout(r) for r in again] == [_without_workout(r) for r in first]


async def test_importing_the_same_file_twice_stores_it_once(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    assert "Imported 2 sessions (4 sets)" in await _import(berlin_group, "ana", STRONG)
    again = await _import(berlin_group, "ana", STRONG)
    assert "Imported 0 sessions" in again
    assert "Already here, skipped: 2 sessions" in again
    assert len(await _export(berlin_group, "ana")) == 4


async def test_a_strong_file_maps_names_by_alias_and_lists_the_unknown_ones(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    answer = await _import(berlin_group, "ana", STRONG)
    assert "Not imported, exercises I don't know (1 row): Cable Fly Crossovers" in answer
    rows = await _export(berlin_group, "ana")
    assert {(r["Date"][:10], r["Exercise Name"], r["Weight"], r["Reps"]) for r in rows} == {
        ("2026-11-02", "Barbell hip thrust", "100", "8"),
        ("2026-11-05", "Barbell back squat", "80", "5"),
    }
    assert [r["RPE"] for r in rows if r["Exercise Name"] == "Barbell hip thrust"] == ["8", "8"]


async def test_a_hevy_file_imports_without_its_warm_up_sets(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    assert "Imported 1 session (2 sets)" in await _import(berlin_group, "ana", HEVY)
    rows = await _export(berlin_group, "ana")
    assert [(r["Date"][:10], r["Weight"], r["Reps"], r["RPE"]) for r in rows] == [
        ("2026-11-03", "90", "10", "8.5"),
        ("2026-11-03", "90", "9", "8.5"),
    ]


async def test_weights_without_a_unit_column_are_read_in_the_members_unit(berlin_group: GroupChat) -> None:
    await berlin_group.say("cara", "/join advanced 135 lb")
    await _import(berlin_group, "cara", STRONG)
    rows = await _export(berlin_group, "cara")
    assert {(r["Weight"], r["Weight Unit"]) for r in rows} == {("100", "lb"), ("80", "lb")}


async def test_a_malformed_file_names_the_line_and_imports_nothing(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    broken = STRONG.replace(";80;5;0;0;;;\n2026-11-05", ";80;five;0;0;;;\n2026-11-05")
    answer = await _import(berlin_group, "ana", broken)
    assert "line 5: 'five' is not a valid Reps" in answer
    assert "nothing was imported" in answer
    (reply,) = await berlin_group.replies("ana", "/export")
    assert reply.attachment is None


async def test_a_file_that_is_no_training_log_is_refused_with_what_would_work(
    berlin_group: GroupChat,
) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    answer = await _import(berlin_group, "ana", "name,email\nana,a@example.com\n")
    assert "send a CSV export from Strong" in answer


async def test_import_without_a_file_says_how(berlin_group: GroupChat) -> None:
    await berlin_group.say("ana", "/join intermediate 60kg")
    assert "with /import as its caption" in await berlin_group.say("ana", "/import")


def _csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _without_workout(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k != "Workout Name"}
