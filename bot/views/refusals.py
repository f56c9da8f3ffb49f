"""Every refusal the bot gives, from the `DomainError` that caused it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot import errors as e
from bot.markup import escape
from bot.messages import Reply
from bot.views import format as fmt
from bot.views.problems import FIELD_HELP, JOIN_USAGE, REPORT_HINT, describe

SETUP_EXAMPLE = "/setup hypertrophy mon,thu 18:30 Europe/Berlin"
_PROGRAM_FIELDS = ("goal", "days", "time", "tz", "sets", "remind", "warmup")


def _no_program(error: e.NoProgram) -> str:
    if error.for_a_log:
        return "This chat has no program yet, so there's nowhere to log that. An admin can /setup one."
    return (
        "This chat has no program yet. A chat admin starts one with\n"
        f"{SETUP_EXAMPLE}\n(goal, training days, local time, time zone; /help setup for details)"
    )


def _not_joined(error: e.NotJoined) -> str:
    name = escape(error.user_name)
    if error.wanted_to_log:
        return f"I'd love to log that, {name}, but join first: {JOIN_USAGE}"
    if error.tapped:
        return f"Join first, {name}: {JOIN_USAGE}"
    return f"You haven't joined yet, {name}. {JOIN_USAGE}"


def setup_help(error: e.SetupRejected) -> str:
    """What went wrong in a `/setup`, and how to write one."""
    lines = [f"• {describe(p)}" for p in error.problems]
    if error.missing:
        lines.append(f"• a new program needs {escape(', '.join(error.missing))}")
    fields = "\n".join(f"  {escape(FIELD_HELP[f])}" for f in _PROGRAM_FIELDS)
    head = "I couldn't set that up:\n" + "\n".join(lines) + "\n\n" if lines else ""
    return f"{head}Usage: {SETUP_EXAMPLE} [sets]\n{fields}"


def _known_as(name: str, handle: str | None) -> str:
    return escape(name) + (f" (@{escape(handle)})" if handle else "")


def _unreadable(error: e.Unreadable) -> str:
    verb = "Didn't log that" if error.what == "log" else "Didn't understand that"
    return f"{verb}: {fmt.sentence(describe(error.problem))}"


_WORDS: dict[type[e.DomainError], Callable[[Any], str]] = {
    e.NoProgram: _no_program,
    e.NotJoined: _not_joined,
    e.AdminOnly: lambda err: (
        f"Sorry {escape(err.user_name)}, only a chat admin can use /{err.command}. "
        "Ask one of your admins to run it."
    ),
    e.AdminCheckUnavailable: lambda err: "I can't check admin rights right now, try again in a minute.",
    e.SomethingWentWrong: lambda err: (
        "Sorry, something went wrong on my side with that message; please try again later."
    ),
    e.UnknownCommand: lambda err: f"I don't know /{escape(err.command)}. Try /help for what I can do.",
    e.ExpiredButton: lambda err: "That button has expired. Try /today for a fresh one.",
    e.MessageTooLong: lambda err: (
        f"That message is over {err.limit} characters; please send something shorter."
    ),
    e.Unreadable: _unreadable,
    e.MissingReport: lambda err: f"What did you do? {fmt.sentence(REPORT_HINT)}",
    e.DayNotLoggable: lambda err: f"{describe(err.problem)}; log it on the day, or name an earlier day.",
    e.ButtonTooOld: lambda err: "That session is too far back for the button; use /log with the day.",
    e.LogGone: lambda err: "That button has expired or isn't yours.",
    e.NotYourLog: lambda err: (
        f"Only {escape(err.owner_name) if err.owner_name else 'its owner'} can undo that log."
    ),
    e.NotInAnyGroup: lambda err: (
        "You haven't joined a group yet. Add me to your group chat and /join there; /start says how."
    ),
    e.NothingToUndo: lambda err: "Nothing to undo: you have no logs yet.",
    e.BumpAlreadyApplied: lambda err: "This week's progression is already applied; it runs once a week.",
    e.SetupRejected: setup_help,
    e.UnitMissing: lambda err: "Which unit? /unit kg|lb",
    e.UnknownMember: lambda err: (
        f"No member called {escape(err.name.lstrip('@'))} here. Members: see /today."
    ),
    e.AmbiguousMember: lambda err: (
        f"More than one member is called {escape(err.name.lstrip('@'))}: "
        + ", ".join(_known_as(name, handle) for name, handle in err.candidates)
        + ". Name them by @username, or reply to one of their messages with the command."
    ),
    e.WhoMissing: lambda err: f"Who? {escape(err.command)} (or reply to their message with it)",
    e.UnknownHelpTopic: lambda err: f"There's no /{escape(err.command)}. /help lists every command.",
    e.UnknownVariation: lambda err: (
        f"I don't know that variation. Try one of: {escape(', '.join(err.known))}."
    ),
    e.UnknownExercise: lambda err: (
        f"I don't know an exercise called {escape(err.name)}. I know: {escape(', '.join(err.known))}."
    ),
    e.Rejected: lambda err: describe(err.problem),
}


def refusal(error: e.DomainError) -> Reply:
    """The answer to a declined request."""
    for kind in type(error).__mro__:
        words = _WORDS.get(kind)
        if words is not None:
            return Reply(words(error), private=error.private)
    raise KeyError(f"no words for {type(error).__name__}")


def covered() -> frozenset[type[e.DomainError]]:
    """Every error type that has words, for the test that each one is covered."""
    return frozenset(_WORDS)
