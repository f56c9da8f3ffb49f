from __future__ import annotations

import pytest

from bot.rules.rsvp import rsvp_answer


@pytest.mark.parametrize("text", ["I'm in", "im in!", "In 💪", "count me in", "Yes", "see you there"])
def test_coming_is_read_as_in(text: str) -> None:
    assert rsvp_answer(text) is True


@pytest.mark.parametrize(
    "text", ["skipping", "Can't make it", "can’t make it 🙏", "not today", "skip it", "nope"]
)
def test_not_coming_is_read_as_skipping(text: str) -> None:
    assert rsvp_answer(text) is False


@pytest.mark.parametrize("text", ["3x10 @ 60kg", "thanks coach", "in the gym now", "skipping rope 3x50", ""])
def test_anything_else_is_no_answer(text: str) -> None:
    assert rsvp_answer(text) is None
