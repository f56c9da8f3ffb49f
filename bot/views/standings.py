"""The leaderboard and the weekly recap lines: what was done, never who did not."""

from __future__ import annotations

from collections.abc import Callable

from bot.markup import bold, escape
from bot.messages import Reply
from bot.rules.standings import Placed
from bot.services.standings import Board, Period, Recap
from bot.views import format as fmt

_TITLES = {Period.WEEK: "this week", Period.MONTH: "the last four weeks", Period.ALL: "all time"}
_MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def leaderboard(board: Board) -> Reply:
    lines = [f"🏆 {bold('Leaderboard')}, {_TITLES[board.period]}"]
    lines += _board("💪 Sessions", board.sessions, lambda v: fmt.plural(int(v), "session"))
    lines += _board("🔥 Streaks", board.streaks, lambda v: fmt.plural(int(v), "week"))
    lines += _board("📈 Progress on your own start", board.progress, lambda v: f"+{round(v * 100)}%")
    if not (board.sessions or board.streaks or board.progress):
        lines.append("\nNothing logged yet for this board: the first set puts you on it.")
    lines.append(
        "\nProgress counts from each member's own first session, so everyone can lead. "
        "/private on keeps you off the board."
    )
    return Reply("\n".join(lines))


def _board(title: str, placed: tuple[Placed, ...], shown: Callable[[float], str]) -> list[str]:
    if not placed:
        return []
    rows = [f"{_MEDALS.get(p.rank, f'{p.rank}.')} {bold(p.name)} {escape(shown(p.value))}" for p in placed]
    return [f"\n{title}", *rows]


def private_set(on: bool) -> Reply:
    if on:
        return Reply(
            "🔒 Private: you are off the leaderboard and the weekly recap, and only you see your /progress.",
            private=True,
        )
    return Reply("🔓 Public again: you are back on the leaderboard and in the weekly recap.", private=True)


def private_refused(name: str) -> Reply:
    return Reply(f"{bold(name)} keeps their progress private.", private=True)


def recap_lines(recap: Recap) -> list[str]:
    """The recap part of the weekly summary (the week's records are listed beside it)."""
    trained = fmt.plural(recap.sessions, "session")
    excused = f" ({fmt.plural(recap.skipped, 'session')} skipped, said in advance)" if recap.skipped else ""
    lines = [f"\n👥 The group trained {trained} this week{excused}."] if recap.sessions else []
    if recap.streaks:
        kept = ", ".join(f"{escape(p.name)} {fmt.plural(int(p.value), 'week')}" for p in recap.streaks)
        lines.append(f"🔥 Streaks kept: {kept}.")
    if recap.back:
        lines.append(f"👋 Welcome back, {escape(', '.join(recap.back))}!")
    return lines
