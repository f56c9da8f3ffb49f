"""Why the bot declines a request: one exception per reason, carrying data, never a sentence.

Services and handlers raise these; the dispatcher catches `DomainError` in one place and asks
`bot.views.refusals` for the words, so every refusal can be read, tested and translated there.
Rule-level problems (`bot.rules.problems.RuleError`) travel inside them unchanged.
"""

from __future__ import annotations

from bot.rules.problems import RuleError


class DomainError(Exception):
    """A request the bot declines or cannot read; the view turns it into a friendly answer."""

    # Refusals of a tap are shown to the tapper only, where the platform can.
    private: bool = False

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"


class NoProgram(DomainError):
    """The chat has no program yet, so there is nothing to show or log against."""

    def __init__(self, *, for_a_log: bool = False) -> None:
        super().__init__()
        self.for_a_log = for_a_log


class NotJoined(DomainError):
    """The sender is not a member of the chat's program."""

    def __init__(self, user_name: str, *, wanted_to_log: bool = False, tapped: bool = False) -> None:
        super().__init__()
        self.user_name = user_name
        self.wanted_to_log = wanted_to_log
        self.tapped = tapped


class AdminOnly(DomainError):
    def __init__(self, command: str, user_name: str) -> None:
        super().__init__()
        self.command = command
        self.user_name = user_name


class UnknownCommand(DomainError):
    def __init__(self, command: str) -> None:
        super().__init__()
        self.command = command


class AdminCheckUnavailable(DomainError):
    """The platform could not say who the chat's admins are just now."""


class SomethingWentWrong(DomainError):
    """Handling failed again and again; the update is answered and set aside."""


class ExpiredButton(DomainError):
    private = True


class MessageTooLong(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit


class Unreadable(DomainError):
    """Text meant for the bot that a rule could not read; `problem` says what was wrong."""

    def __init__(self, problem: RuleError, *, what: str = "understand") -> None:
        super().__init__()
        self.problem = problem
        self.what = what  # "understand" (nothing found) or "log" (found, but refused)


class MissingReport(DomainError):
    """`/log` with nothing after it."""


class DayNotLoggable(DomainError):
    def __init__(self, problem: RuleError) -> None:
        super().__init__()
        self.problem = problem


class ButtonTooOld(DomainError):
    pass


class LogGone(DomainError):
    """The log is undone for good, or the button was not made in this chat."""


class NotYourLog(DomainError):
    def __init__(self, owner_name: str | None) -> None:
        super().__init__()
        self.owner_name = owner_name


class NothingToUndo(DomainError):
    pass


class BumpAlreadyApplied(DomainError):
    pass


class SetupRejected(DomainError):
    """`/setup` could not be applied; each problem names a field, or `missing` the absent ones."""

    def __init__(self, problems: tuple[RuleError, ...] = (), missing: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.problems = problems
        self.missing = missing


class UnitMissing(DomainError):
    pass


class UnknownMember(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class NotInAnyGroup(DomainError):
    """A private chat's personal view, asked by someone who has joined no group yet."""


class AmbiguousMember(DomainError):
    """A name several members share; `candidates` are (display name, handle or None)."""

    def __init__(self, name: str, candidates: tuple[tuple[str, str | None], ...]) -> None:
        super().__init__()
        self.name = name
        self.candidates = candidates


class WhoMissing(DomainError):
    def __init__(self, command: str) -> None:
        super().__init__()
        self.command = command


class UnknownHelpTopic(DomainError):
    def __init__(self, command: str) -> None:
        super().__init__()
        self.command = command


class UnknownVariation(DomainError):
    def __init__(self, known: tuple[str, ...]) -> None:
        super().__init__()
        self.known = known


class UnknownExercise(DomainError):
    """A name that is no exercise in the catalogue (nor a variation of the program's)."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        super().__init__()
        self.name = name
        self.known = known


class Rejected(DomainError):
    """A rule refused the arguments (a join, a unit, a coach's setting): the problem says why."""

    def __init__(self, problem: RuleError) -> None:
        super().__init__()
        self.problem = problem
