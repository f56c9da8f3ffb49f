"""The `spotter` command as a user runs it: a real process, real SQLite file, real stdin/stdout."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _spotter(
    *args: str, stdin: str | None = "", cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `spotter ARGS` with `stdin` piped in; None gives it /dev/null, as a service has."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TELEGRAM_TOKEN", "DISCORD_TOKEN", "SPOTTER_DATABASE_URL", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_transcript() -> str:
    result = _spotter("demo")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_demo_sets_up_a_hypertrophy_group_in_berlin(demo_transcript: str) -> None:
    assert "Coach> /setup hypertrophy mon,thu 18:30 Europe/Berlin" in demo_transcript
    assert (
        "Program set. Goal hypertrophy (8–15 reps), 3 sets, Mon & Thu at 18:30 (Europe/Berlin)"
        in demo_transcript
    )


def test_the_demo_has_three_members_joining(demo_transcript: str) -> None:
    assert "Ana> /join beginner" in demo_transcript
    assert "Ben> /join intermediate 60kg" in demo_transcript
    assert "Cara> /join advanced 135 lb" in demo_transcript


def test_the_demo_shows_mondays_session_for_each_member(demo_transcript: str) -> None:
    assert "Monday 7 Dec: hip thrust day" in demo_transcript
    assert "Ana: Bodyweight hip thrust 3 × 8" in demo_transcript
    assert "Ben: Barbell hip thrust 3 × 8 @ 60 kg" in demo_transcript
    assert "Cara: Barbell hip thrust 3 × 8 @ 135 lb" in demo_transcript
    assert demo_transcript.count("Cue: ") >= 3


def test_the_demo_shows_tuesday_naming_thursday(demo_transcript: str) -> None:
    assert "No session today (Tuesday 8 Dec). Next: Thursday 10 Dec at 18:30" in demo_transcript


def test_the_demo_shows_a_members_setup_refused(demo_transcript: str) -> None:
    assert "only a chat admin can use /setup" in demo_transcript


def test_the_console_chat_keeps_state_in_its_sqlite_file(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    first = _spotter(
        "console",
        "--db",
        db,
        "--tz",
        "Europe/Berlin",
        stdin=(
            ":at 2030-01-07 09:00\n/setup strength mon 07:00 Europe/Berlin\n@ana /join intermediate 80kg\n"
        ),
    )
    assert first.returncode == 0, first.stderr
    assert "Program set" in first.stdout
    second = _spotter("console", "--db", db, stdin="@ana /me\n")
    assert "Barbell hip thrust 3 × 3 @ 80 kg" in second.stdout


def test_the_console_clock_moves_with_advance(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    result = _spotter(
        "console",
        "--db",
        db,
        "--tz",
        "Europe/Berlin",
        stdin=":at 2030-01-07 09:00\n:advance 1d2h30m\n:advance soon\n:quit\n",
    )
    assert "(it is Tue 08 Jan 2030 11:30 Europe/Berlin)" in result.stdout
    assert "usage: :advance" in result.stdout


def test_run_without_tokens_starts_the_console_on_a_local_sqlite_file(tmp_path: Path) -> None:
    result = _spotter("run", stdin="/start\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "starting the console chat on sqlite+aiosqlite:///spotter.db" in result.stdout
    assert "Getting started" in result.stdout
    assert (tmp_path / "spotter.db").exists()


def test_run_without_tokens_or_a_terminal_exits_with_what_to_set(tmp_path: Path) -> None:
    result = _spotter("run", stdin=None, cwd=tmp_path)
    assert result.returncode == 2
    assert "no platform token set: set TELEGRAM_TOKEN or DISCORD_TOKEN, or run `spotter console`" in (
        result.stderr
    )
    assert not (tmp_path / "spotter.db").exists()


def test_the_demo_logs_by_text_reply_button_and_command_with_undo_pr_and_pain(demo_transcript: str) -> None:
    assert "Logged for Ben, Monday 7 Dec: 3 × 10 @ 60 kg." in demo_transcript
    assert "Logged for Cara, Monday 7 Dec: 10, 10, 8 @ 140 lb." in demo_transcript
    assert "Logged for Ana, Monday 7 Dec: 3 × 8 (bodyweight)." in demo_transcript
    assert "New best estimated 1RM" in demo_transcript
    assert "Undone: Ben's Monday 7 Dec log" in demo_transcript
    assert "Sorry your lower back hurts, Cara" in demo_transcript


DESIGN_EXAMPLES = [
    ("3x10 @ 60kg", [10, 10, 10], 60.0),
    ("3x10x60", [10, 10, 10], 60.0),
    ("60kg 3x10", [10, 10, 10], 60.0),
    ("60 x 10 x 3", [10, 10, 10], 60.0),
    ("10,10,8 @ 60", [10, 10, 8], 60.0),
    ("10/10/8 at 135lb", [10, 10, 8], 61.23496995),
    ("4 sets of 8 at 100 lbs", [8, 8, 8, 8], 45.359237),
    ("bw 3x15", [15, 15, 15], None),
    ("3x12 bodyweight", [12, 12, 12], None),
    ("5x5 @ 100 rpe 8", [5] * 5, 100.0),
    ("did 3 sets of 12 with a 20kg dumbbell", [12, 12, 12], 20.0),
    ("single leg 3x10 each side", [10, 10, 10], None),
]


@pytest.mark.parametrize(("text", "reps", "load"), DESIGN_EXAMPLES)
def test_parse_prints_every_design_example_as_json(text: str, reps: list[int], load: float | None) -> None:
    result = _spotter("parse", text)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["reps"] for s in report["sets"]] == reps
    assert {s["load_kg"] for s in report["sets"]} == {load}


def test_parse_reads_bare_numbers_in_the_given_unit() -> None:
    report = json.loads(_spotter("parse", "3x10 @ 135", "--unit", "lb").stdout)
    assert report["sets"][0]["load_kg"] == pytest.approx(61.235, abs=1e-3)


def test_parse_prints_the_exact_shape_for_a_hinted_report() -> None:
    assert json.loads(_spotter("parse", "single leg 1x10 each side rpe 7").stdout) == {
        "sets": [{"reps": 10, "load_kg": None}],
        "rpe": 7.0,
        "variation": "single-leg",
        "per_side": True,
        "exercise": None,
    }


def test_parse_names_the_exercise_a_report_names() -> None:
    assert json.loads(_spotter("parse", "RDL 3x8 @ 80").stdout)["exercise"] == "romanian-deadlift"


def test_parse_exits_2_with_the_reason_on_stderr() -> None:
    result = _spotter("parse", "see you at the gym")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "didn't find any sets" in result.stderr


def test_the_demo_ends_the_week_with_the_progress_summary(demo_transcript: str) -> None:
    assert "Weekly progress, week of Mon 7 Dec" in demo_transcript
    assert "Cara: holds barbell 3 × 8 @ 135 lb (pain reported" in demo_transcript
    assert "Last change (week of 7 Dec)" in demo_transcript


def test_simulate_prints_a_trajectory_per_archetype() -> None:
    result = _spotter("simulate", "--weeks", "8")
    assert result.returncode == 0, result.stderr
    for name in (
        "Beginner on bodyweight",
        "Intermediate in kg",
        "Lifter in lb",
        "Misses twice",
        "Reports pain",
    ):
        assert name in result.stdout
    assert "deload to" in result.stdout
    assert "pain reported" in result.stdout
    assert "no barbell logs this week" in result.stdout
    assert result.stdout.count("\n   8  ") == 6


def test_advancing_the_console_clock_brings_the_days_pushes_in_order(demo_transcript: str) -> None:
    reminder = demo_transcript.index("[Mon 17:30] spotter ▸ ⏰ Hip thrust session today at 18:30.")
    warmup = demo_transcript.index("[Mon 18:20] spotter ▸ 🔥 Warm-up time")
    nudge = demo_transcript.index("[Mon 20:30] spotter ▸ 🎉 Everyone logged today's session")
    summary = demo_transcript.index("[Sun 20:00] spotter ▸ 📈 Weekly progress")
    assert reminder < warmup < nudge < summary


def test_the_console_refuses_absurd_clock_moves_instead_of_hanging(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    result = _spotter("console", "--db", db, stdin=f":advance 100000d\n:advance {'9' * 400}d\n:quit\n")
    assert "(at most 10 years at a time)" in result.stdout
    assert "usage: :advance" in result.stdout


def _exercise_file(tmp_path: Path, loading: str = "band") -> Path:
    source = (ROOT / "bot" / "content" / "exercises" / "glute-bridge.toml").read_text()
    text = source.replace('id = "glute-bridge"', 'id = "kettlebell-swing"', 1)
    text = text.replace('name = "Glute bridge"', 'name = "Kettlebell swing"', 1)
    text = re.sub(r"^aliases = \[.*\]$", 'aliases = ["swings", "kb swing"]', text, count=1, flags=re.M)
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "kettlebell-swing.toml").write_text(text.replace('loading = "band"', f'loading = "{loading}"'))
    return folder


def test_an_exercise_file_dropped_into_the_exercises_directory_is_taught_with_no_code_change(
    tmp_path: Path,
) -> None:
    folder = _exercise_file(tmp_path)
    result = _spotter(
        "console",
        "--db",
        f"sqlite+aiosqlite:///{tmp_path / 'c.db'}",
        stdin="/exercise swings\n/exercise\n",
        env={"SPOTTER_EXERCISES_DIR": str(folder)},
    )
    assert result.returncode == 0, result.stderr
    assert "Kettlebell swing" in result.stdout
    assert "Also in the catalogue:" in result.stdout


def test_a_bad_exercise_file_stops_start_up_with_the_file_field_and_reason(tmp_path: Path) -> None:
    folder = _exercise_file(tmp_path, loading="sandbag")
    result = _spotter(
        "console",
        "--db",
        f"sqlite+aiosqlite:///{tmp_path / 'c.db'}",
        env={"SPOTTER_EXERCISES_DIR": str(folder)},
    )
    assert result.returncode == 2
    assert "kettlebell-swing.toml: variations.1.loading:" in result.stderr


def test_the_demo_turns_the_program_into_three_lifts_on_monday(demo_transcript: str) -> None:
    assert "Monday 14 Dec: hip thrust, Romanian deadlift and split squat day" in demo_transcript
    assert "Logged hip thrust for Ben" in demo_transcript
    assert "Logged Romanian deadlift for Ben" in demo_transcript
    assert "Not the hip thrust? Tap the exercise it was." in demo_transcript
    assert "Updated split squat for Cara" in demo_transcript  # moved with a tap


@pytest.fixture(scope="module")
def program_week(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`tests/data/program_week.console` through `spotter console`: two days of three lifts, a
    beginner, a kg and an lb lifter, a week of reports naming and not naming lifts, Sunday's bump."""
    db = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('week') / 'week.db'}"
    script = (ROOT / "tests" / "data" / "program_week.console").read_text()
    result = _spotter("console", "--db", db, "--tz", "Europe/Berlin", stdin=script)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_console_week_routes_reports_to_the_lift_named_or_the_next_of_the_day(program_week: str) -> None:
    assert "Logged hip thrust for Ben, Monday 7 Dec: 3 × 15 @ 60 kg." in program_week  # named none
    assert "Logged Romanian deadlift for Ben" in program_week  # `rdl`
    assert "Logged split squat for Ben, Monday 7 Dec: 3 × 10 @ 16 kg." in program_week  # `split squats`
    assert "Logged Romanian deadlift for Cara, Monday 7 Dec: 3 × 10 @ 95 lb." in program_week  # next
    assert "Logged barbell row for Ben, Thursday 10 Dec: 3 × 10 @ 50 kg." in program_week  # next
    assert "✅ Split squat: 3 × 8 each side (bodyweight)." in program_week  # Ana's ✅ for the day


def test_a_console_week_ends_in_a_bump_per_lift_in_each_members_unit(program_week: str) -> None:
    summary = program_week[program_week.index("Weekly progress") :]
    assert "Ben: hip thrust 3×8 @ 62.5 kg · Romanian deadlift 3×9 @ 80 kg" in summary
    assert "back squat 3×7 @ 80 kg" in summary  # found at 80 kg, target reached: one more rep
    assert "Cara: hip thrust 3×9 @ 135 lb · Romanian deadlift 3×9 @ 95 lb" in summary
    assert "Ana: hip thrust 3×9 · Romanian deadlift 3×9 · split squat 3×9/side · back squat 3×7" in summary
    assert "5 lifts hold this week's weights" in summary  # lifts nobody logged: bench, row, split


def _console_week(db: str, files: Path, lines: str) -> subprocess.CompletedProcess[str]:
    return _spotter("console", "--db", db, "--tz", "Europe/Berlin", "--files", str(files), stdin=lines)


def test_export_in_the_console_saves_the_csv_and_prints_where(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    result = _console_week(
        db,
        tmp_path / "files",
        ":at 2030-01-07 09:00\n/setup strength mon 07:00 Europe/Berlin\n"
        "@ana /join intermediate 80kg\n3x5 @ 80kg\n/export\n",
    )
    assert result.returncode == 0, result.stderr
    (saved,) = re.findall(r"📎 (\S+\.csv)", result.stdout)
    rows = Path(saved).read_text().splitlines()
    assert rows[0] == "Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE,Notes"
    assert rows[1:] == [f"2030-01-07 00:00:00,Spotter,Barbell hip thrust,{n},80,kg,5,," for n in (1, 2, 3)]


def test_spotter_export_and_import_move_a_history_between_members(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    _console_week(
        db,
        tmp_path / "files",
        ":at 2030-01-07 09:00\n/setup strength mon 07:00 Europe/Berlin\n"
        "@ana /join intermediate 80kg\n3x5 @ 80kg\n@ben /join beginner\n",
    )
    exported = _spotter("export", "--db", db, "--chat", "console:gym", "--user", "ana")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("Barbell hip thrust") == 3
    file = tmp_path / "ana.csv"
    file.write_text(exported.stdout)
    imported = _spotter("import", str(file), "--db", db, "--chat", "console:gym", "--user", "ben")
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 session (3 sets)" in imported.stdout
    again = _spotter("import", str(file), "--db", db, "--chat", "console:gym", "--user", "ben")
    assert "Already here, skipped: 1 session" in again.stdout
    group = _spotter("export", "--db", db, "--chat", "console:gym")
    assert group.stdout.splitlines()[0].endswith(",Member")
    assert len(group.stdout.splitlines()) == 7


def test_spotter_import_of_a_broken_file_names_the_line_and_exits_2(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    _console_week(db, tmp_path / "files", "/setup strength mon 07:00 UTC\n@ana /join beginner\n")
    broken = tmp_path / "broken.csv"
    broken.write_text("Date,Exercise Name,Reps\n2030-01-07,Hip thrust,ten\n")
    result = _spotter("import", str(broken), "--db", db, "--chat", "console:gym", "--user", "ana")
    assert result.returncode == 2
    assert "line 2: 'ten' is not a valid Reps" in result.stderr


def test_the_console_sends_a_file_with_import(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    log = tmp_path / "strong.csv"
    log.write_text(
        "Date,Exercise Name,Set Order,Weight,Reps\n2030-01-01 18:00:00,Hip Thrust (Barbell),1,100,8\n"
    )
    result = _console_week(
        db,
        tmp_path / "files",
        f"/setup strength mon 07:00 UTC\n@ana /join intermediate 80kg\n/import {log}\n",
    )
    assert "Imported 1 session (1 set)" in result.stdout


def test_progress_in_the_console_saves_the_chart_and_prints_where(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    result = _console_week(
        db,
        tmp_path / "files",
        ":at 2030-01-07 19:00\n/setup strength mon 07:00 Europe/Berlin\n"
        "@ana /join intermediate 80kg\n3x5 @ 80kg\n:at 2030-01-14 19:00\n3x5 @ 82.5kg\n/progress\n",
    )
    assert result.returncode == 0, result.stderr
    (saved,) = re.findall(r"📎 (\S+\.png)", result.stdout)
    assert Path(saved).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "ana · hip thrust: 2 weeks, working load 80 → 82.5 kg" in result.stdout


def test_spotter_forget_deletes_a_person_for_an_operator(tmp_path: Path) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    _console_week(
        db, tmp_path / "files", "/setup strength mon 07:00 UTC\n@ana /join intermediate 80kg\n3x5 @ 80kg\n"
    )
    result = _spotter("forget", "--platform", "console", "--user", "ana", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Spotter forgot them (1 log in 1 program deleted" in result.stdout
    assert "join first" in _spotter("console", "--db", db, stdin="@ana 3x5 @ 80kg\n").stdout


def test_a_backup_restored_into_an_empty_database_holds_every_group_member_and_log(tmp_path: Path) -> None:
    import sqlite3

    live, copy = tmp_path / "live.db", tmp_path / "restored.db"
    lines = (
        "/setup strength mon 07:00 UTC\n@ana /join intermediate 80kg\n3x5 @ 80kg\n"
        "@ben /join beginner\nbw 3x10\n"
    )
    _console_week(f"sqlite+aiosqlite:///{live}", tmp_path / "files", lines)
    made = _spotter("backup", str(tmp_path / "backup.db"), "--db", f"sqlite+aiosqlite:///{live}")
    assert made.returncode == 0, made.stderr
    restored = _spotter("restore", str(tmp_path / "backup.db"), "--db", f"sqlite+aiosqlite:///{copy}")
    assert restored.returncode == 0, restored.stderr

    def counts(path: Path) -> tuple[int, ...]:
        with sqlite3.connect(path) as db:
            return tuple(
                db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("groups", "members", "logs")
            )

    assert counts(copy) == counts(live) == (1, 2, 2)
    assert (
        "Barbell hip thrust 3 × 3 @ 80 kg"
        in _spotter("console", "--db", f"sqlite+aiosqlite:///{copy}", stdin="@ana /me\n").stdout
    )
    again = _spotter("restore", str(tmp_path / "backup.db"), "--db", f"sqlite+aiosqlite:///{copy}")
    assert again.returncode == 2
    assert "already holds programs" in again.stderr


def test_backup_on_postgresql_says_how_with_pg_dump() -> None:
    result = _spotter("backup", "x.dump", "--db", "postgresql://spotter:secret@db:5432/spotter")
    assert result.returncode == 2
    assert "pg_dump --format=custom --file x.dump" in result.stderr
    assert "secret" not in result.stderr
