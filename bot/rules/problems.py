"""What a rule found wrong with its input, as a code and values, never as a sentence.

Rules are pure and language-free: they raise a `RuleError` subclass naming the problem
(`reps_out_of_range`, reps=101, low=1, high=100) and `bot.views.problems` says it in words.
"""

from __future__ import annotations


class RuleError(ValueError):
    """A problem with a user's input; `code` names it and `params` carry its values."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        values = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}({values})"
