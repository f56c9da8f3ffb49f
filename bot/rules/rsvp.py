"""Reading an answer to a session's reminder typed as a reply: coming, or skipping it."""

from __future__ import annotations

import re

_GOING = frozenset(
    "i'm in|im in|i am in|in|count me in|coming|going|yes|yep|see you|see you there".split("|")
)
_SKIPPING = frozenset(
    "skip|skipping|skip it|skip today|skipping today|skipping this one|i'm out|im out|out|"
    "can't make it|cant make it|cannot make it|can't come|cant come|not today|not this time|"
    "no|nope|rest day for me".split("|")
)
_TRAILING = re.compile(r"[\s.!?,…💪👍🙏😴]+$")


def rsvp_answer(text: str) -> bool | None:
    """True for "I'm in", False for "skipping" / "can't make it", None for anything else (a
    set report, chatter)."""
    said = _TRAILING.sub("", " ".join(text.lower().replace("’", "'").split()))
    if said in _GOING:
        return True
    if said in _SKIPPING:
        return False
    return None
