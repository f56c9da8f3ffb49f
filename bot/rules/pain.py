"""Spotting pain in what members write, so the bot can answer with safety first.

Soreness after training is normal and is not flagged; pain, hurting, aching joints and injuries
are. A negation just before the word ("no pain", "didn't hurt") cancels it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIN = re.compile(
    r"\b(pain(?:ful)?|hurt(?:s|ing)?|ach(?:e|es|ing|y)|injur(?:y|ed|ies)|tweak(?:ed)?|twinge|"
    r"pulled|strain(?:ed)?|sharp)\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|without|zero|never|didn'?t|doesn'?t|don'?t|wasn'?t|isn'?t)\b[\s\w']{0,12}$"
)
_PLACES = (
    ("lower back", r"lower\s+back|lumbar"),
    ("back", r"back|spine"),
    ("knee", r"knees?"),
    ("hip", r"hips?|hip\s+flexors?"),
    ("neck", r"neck"),
    ("hamstring", r"hamstrings?|hammies"),
    ("glute", r"glutes?|butt"),
    ("ankle", r"ankles?"),
)


@dataclass(frozen=True, slots=True)
class PainMention:
    where: str | None


def find_pain(text: str) -> PainMention | None:
    """The first non-negated pain mention and the body part named, if any."""
    lowered = text.lower()
    for match in _PAIN.finditer(lowered):
        if _NEGATION.search(lowered[: match.start()]):
            continue
        for name, pattern in _PLACES:
            if re.search(rf"\b(?:{pattern})\b", lowered):
                return PainMention(name)
        return PainMention(None)
    return None
