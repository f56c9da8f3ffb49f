"""The `spotter` command line: run the bot, the console chat, or the scripted demo."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import typer

from adapters import backup, logs
from adapters.console import demo as demo_scene
from adapters.data_cli import HistoryError, export_history, forget_person, import_history
from adapters.runtime import console_runtime, serve
from bot.clock import SystemClock
from bot.content.catalogue import ContentError, load_catalogue
from bot.domain import Goal, Unit
from bot.markup import plain_text
from bot.rules.reports import ReportError, parse_report
from bot.settings import Settings
from bot.simulation import SimulatedWeek, archetypes, with_goal
from bot.simulation import simulate as simulate_archetype
from bot.views import format as fmt
from bot.views.problems import describe
from bot.views.reasons import reason

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


def _start(main: Coroutine[Any, Any, None], *, serving: bool = False) -> None:
    """Run `main`; a bad exercise file stops start-up with its file, field and reason (exit 2).

    Serving the platforms runs on uvloop where it is installed (not on Windows): the same bot
    handles ~15% more updates a second on it here (`bench/RESULTS.md`)."""
    try:
        with asyncio.Runner(loop_factory=_fast_loop() if serving else None) as runner:
            runner.run(main)
    except ContentError as exc:
        typer.echo(f"cannot start: bad exercise file {exc}", err=True)
        raise typer.Exit(2) from None


def _fast_loop() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


NO_PLATFORM = "no platform token set: set TELEGRAM_TOKEN or DISCORD_TOKEN, or run `spotter console`"


def _someone_to_talk_to() -> bool:
    """Whether stdin can bring console input: a terminal, a pipe or a file, but not /dev/null or
    a closed stdin, which is what a container or a service gets (where a console that read
    end-of-input and exited 0 would be restarted forever)."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError):
        return False
    return sys.stdin.isatty() or stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


@app.command()
def run() -> None:
    """Start Spotter: the real platforms when their tokens are set, else the console chat."""
    settings = Settings()
    secrets = (settings.telegram_token, settings.discord_token, settings.telegram_webhook_secret)
    logs.configure(
        settings.log_level,
        [*secrets, logs.database_password(settings.database_url)],
        json_lines=settings.log_format.lower() == "json",
    )
    if settings.telegram_token or settings.discord_token:
        _start(serve(settings), serving=True)
        return
    if not _someone_to_talk_to():
        typer.echo(NO_PLATFORM, err=True)
        raise typer.Exit(2)
    where = logs.printable_url(settings.database_url)
    typer.echo(f"No platform tokens set: starting the console chat on {where}")
    _start(_console(settings, zone="UTC"))


@app.command()
def console(
    database_url: str = typer.Option(None, "--db", help="Database URL (default: settings)."),
    zone: str = typer.Option("UTC", "--tz", help="Zone the console shows and reads times in."),
    files: Path = typer.Option(None, "--files", help="Where files the bot sends are saved."),
) -> None:
    """Chat with Spotter in the terminal as any member of a simulated group."""
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    _start(_console(settings, zone, files))


@app.command()
def parse(
    text: str = typer.Argument(..., help="A set report, e.g. '3x10 @ 60kg'."),
    unit: Unit = typer.Option(Unit.KG, "--unit", help="Unit for loads typed without one."),
) -> None:
    """Print a set report as Spotter reads it (JSON); exit 2 with the reason if it is not one."""
    try:
        report = parse_report(text, unit)
    except ReportError as exc:
        typer.echo(plain_text(describe(exc)), err=True)
        raise typer.Exit(2) from None
    exercise = load_catalogue(Settings().exercises_dir).named_in(text)
    typer.echo(json.dumps({**report.as_dict(), "exercise": exercise.id if exercise else None}))


@app.command()
def simulate(
    weeks: int = typer.Option(12, "--weeks", min=1, max=104, help="How many weeks to simulate."),
    goal: Goal = typer.Option(Goal.HYPERTROPHY, "--goal", help="The program's goal (rep range)."),
    exercise: list[str] = typer.Option(
        ["hip thrust"], "--exercise", help="An exercise by any name or alias; repeat for several."
    ),
) -> None:
    """Run lifter archetypes through weeks of generated logs and print each trajectory, per exercise."""
    catalogue = load_catalogue(Settings().exercises_dir)
    for name in exercise:
        found = catalogue.find(name)
        if found is None:
            known = ", ".join(e.name for e in catalogue.exercises)
            typer.echo(f"No exercise called {name!r}. Known: {known}.", err=True)
            raise typer.Exit(2)
        reps = found.goal(goal).rep_range
        typer.echo(f"\n== {found.name}")
        for archetype in archetypes(found.lift):
            typer.echo(f"\n{archetype.name} ({archetype.unit.value}), {goal.value} {reps} reps")
            typer.echo(f"{'week':>4}  {'best session':<24} {'next week':<30} why")
            for row in simulate_archetype(with_goal(archetype, reps), weeks, reps, found.lift):
                after = fmt.short_prescription(row.result.prescription, archetype.unit)
                typer.echo(
                    f"{row.week:>4}  {_best_session(row, archetype.unit):<24} "
                    f"{after:<30} {reason(row.result.reason)}"
                )


def _best_session(row: SimulatedWeek, unit: Unit) -> str:
    if row.pain:
        return "pain reported"
    if not row.sessions:
        return "no logs"
    best = max(row.sessions, key=lambda s: min(x.reps for x in s.sets))
    reps = "/".join(str(s.reps) for s in best.sets)
    load = best.sets[0].load_kg
    return reps if load is None else f"{reps} @ {fmt.lifted(load, unit)}"


@app.command("export")
def export_(
    chat: str = typer.Option(..., "--chat", help="The group's chat, e.g. telegram:-100123 or console:gym."),
    user: str = typer.Option(None, "--user", help="The member's platform user id (default: everyone)."),
    out: Path = typer.Option(None, "--out", help="Write the CSV here (default: standard output)."),
    database_url: str = typer.Option(None, "--db", help="Database URL (default: settings)."),
) -> None:
    """Write a member's (or the whole group's) history as CSV in Strong's columns."""
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    try:
        found = asyncio.run(export_history(settings, chat, user))
    except HistoryError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if out is None:
        typer.echo(found.csv, nl=False)
    else:
        out.write_text(found.csv, encoding="utf-8")
        typer.echo(f"{found.summary} written to {out}", err=True)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="A CSV export from Strong, Hevy or Spotter."),
    chat: str = typer.Option(..., "--chat", help="The group's chat, e.g. telegram:-100123 or console:gym."),
    user: str = typer.Option(..., "--user", help="The member's platform user id."),
    database_url: str = typer.Option(None, "--db", help="Database URL (default: settings)."),
) -> None:
    """Import a CSV history into a member's logs (sessions already there are skipped)."""
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    try:
        text = file.read_bytes().decode("utf-8-sig", errors="replace")
        typer.echo(asyncio.run(import_history(settings, chat, user, text)))
    except OSError as exc:
        typer.echo(f"cannot read {file}: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    except HistoryError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


@app.command()
def forget(
    platform: str = typer.Option(..., "--platform", help="telegram, discord or console."),
    user: str = typer.Option(..., "--user", help="The person's platform user id."),
    database_url: str = typer.Option(None, "--db", help="Database URL (default: settings)."),
) -> None:
    """Delete everything Spotter holds about one person (what /forget does), for an operator."""
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    typer.echo(asyncio.run(forget_person(settings, platform, user)))


@app.command("backup")
def backup_(
    file: Path = typer.Argument(..., help="A new file to write the copy to."),
    database_url: str = typer.Option(None, "--db", help="Database URL (default: settings)."),
) -> None:
    """Copy the database, consistently, while Spotter runs (SQLite; PostgreSQL: how with pg_dump)."""
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    try:
        pages = backup.backup(settings.database_url, file)
    except (backup.BackupError, sqlite3.Error) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"backed up {pages} pages to {file}")


@app.command("restore")
def restore_(
    file: Path = typer.Argument(..., help="A file `spotter backup` wrote."),
    database_url: str = typer.Option(None, "--db", help="Database URL to restore into (default: settings)."),
) -> None:
    """Restore a backup into a new, empty database (SQLite; PostgreSQL: how with pg_restore)."""
    settings = Settings() if database_url is None else Settings(database_url=database_url)
    try:
        backup.restore(file, settings.database_url)
    except (backup.BackupError, sqlite3.Error) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"restored {file}; the next start brings its schema up to date")


@app.command()
def demo() -> None:
    """Play a scripted scene (setup, three members joining, /today) and print the transcript."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'demo.db'}")
        _start(_demo(settings))


async def _console(settings: Settings, zone: str, files: Path | None = None) -> None:
    now, colour = SystemClock().now(), sys.stdout.isatty()
    runtime = await console_runtime(settings, now, ZoneInfo(zone), colour=colour, files=files)
    chat = runtime.chat
    typer.echo(f"{chat.stamp()} — type :help for the console's own commands, /help for Spotter's.")
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, f"{chat.speaker}> ")
            except EOFError:
                break
            if line.strip() in {":quit", ":q", ":exit"}:
                break
            for out in await chat.say(line):
                typer.echo(out)
    finally:
        await runtime.close()


async def _demo(settings: Settings) -> None:
    zone = ZoneInfo(demo_scene.ZONE)
    start = datetime.strptime(demo_scene.START, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    runtime = await console_runtime(settings, start, zone, colour=False)
    chat = runtime.chat
    try:
        for line in demo_scene.SCENE:
            typer.echo(f"\n# {line}" if line.startswith(":") else f"\n{_spoken(line, chat.speaker)}")
            for out in await chat.say(line):
                typer.echo(out)
    finally:
        await runtime.close()


def _spoken(line: str, current: str) -> str:
    """`@ana /join` → `ana> /join`, as a chat log shows it."""
    if line.startswith("@"):
        name, _, text = line[1:].partition(" ")
        return f"{name}> {text}"
    return f"{current}> {line}"


def main() -> None:
    app()


if __name__ == "__main__":
    main()
