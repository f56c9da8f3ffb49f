"""Match a member's free question to the closest FAQ answer.

Questions arrive in chat language ("can a newbie do this?"), so matching works on normalised
words: synonyms fold together, plurals drop, words every question shares are ignored, and rarer
words weigh more (inverse document frequency over the FAQ). No match above the threshold means
"I don't know" rather than a confident wrong answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.model import FaqEntry

MIN_SCORE = 1.0

_STOP_WORDS = frozenset(
    """a an the do does did doing i im i'm my me mine it its it's this that these those them they
    is are am was be been can could should would will shall how what which where when why who
    whom for to of in on at with and or but you your we our us there here go goes get so just
    about much many some any if then than too very really hip thrust thrusts hipthrust
    exercise lift movement one ones please tell know want need""".split()
)
_SYNONYMS = {
    "newbie": "beginner",
    "novice": "beginner",
    "newcomer": "beginner",
    "feet": "foot",
    "legs": "foot",
    "stance": "foot",
    "repetition": "rep",
    "repetitions": "rep",
    "muscle": "muscle",
    "muscles": "muscle",
    "glutes": "glute",
    "butt": "glute",
    "booty": "glute",
    "frequently": "often",
    "frequency": "often",
    "weekly": "week",
    "warmup": "warm",
    "warming": "warm",
    "hurts": "pain",
    "hurt": "pain",
    "painful": "pain",
    "ache": "pain",
    "aches": "pain",
    "sore": "pain",
    "breath": "breathe",
    "breathing": "breathe",
    "height": "high",
    "tall": "high",
    "squats": "squat",
    "size": "hypertrophy",
    "bigger": "hypertrophy",
    "grow": "hypertrophy",
    "growth": "hypertrophy",
    "mass": "hypertrophy",
}


@dataclass(frozen=True, slots=True)
class FaqMatch:
    entry: FaqEntry
    score: float


def normalise(text: str) -> list[str]:
    """Lower-case words with synonyms folded, plurals dropped and stop words removed."""
    words = []
    for token in re.findall(r"[a-z0-9']+", text.lower()):
        raw = token.strip("'").removesuffix("'s")
        word = _SYNONYMS.get(raw, raw)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = _SYNONYMS.get(word[:-1], word[:-1])
        if word and word not in _STOP_WORDS:
            words.append(word)
    return words


class FaqIndex:
    """The FAQ prepared for matching; built once per content load."""

    def __init__(self, entries: Sequence[FaqEntry]) -> None:
        self._entries = tuple(entries)
        self._terms = [frozenset(normalise(" ".join((e.question, *e.keywords)))) for e in self._entries]
        count = len(self._entries)
        self._idf = {
            term: math.log((count + 1) / (1 + sum(term in terms for terms in self._terms))) + 1
            for terms in self._terms
            for term in terms
        }

    def best(self, question: str) -> FaqMatch | None:
        """The best-scoring entry, or None when nothing clears the threshold."""
        words = set(normalise(question))
        best: FaqMatch | None = None
        for entry, terms in zip(self._entries, self._terms, strict=True):
            score = sum(self._idf[w] for w in words & terms)
            if score >= MIN_SCORE and (best is None or score > best.score):
                best = FaqMatch(entry, score)
        return best
