"""Match a member's free question to the closest answer in all of the exercise's content.

Questions arrive in chat language ("can a newbie do this?", "is there a one-legged version?"),
so matching works on normalised words: synonyms fold together, plurals drop, words every
question shares are ignored, and rarer words weigh more (inverse document frequency over every
passage). A passage is an FAQ entry, a cue, a mistake with its fix, a variation, a setup or
movement step, a warm-up drill, a piece of equipment or a safety note; its title and keywords
count fully, its body half, so a long passage does not win by length. No match above the
threshold means "I don't know" rather than a confident wrong answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.catalogue import Catalogue
from bot.content.model import Exercise, FaqEntry

MIN_SCORE = 1.0
BODY_WEIGHT = 0.5

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
    "legs": "leg",
    "legged": "leg",
    "unilateral": "singleleg",
    "version": "variation",
    "versions": "variation",
    "alternative": "variation",
    "alternatives": "variation",
    "banded": "band",
    "bands": "band",
    "gaze": "eye",
    "eyes": "eye",
    "look": "eye",
    "looking": "eye",
    "head": "neck",
    "knee": "knee",
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
    "safe": "safety",
    "pregnant": "condition",
    "pregnancy": "condition",
    "injury": "condition",
    "injured": "condition",
    "medical": "condition",
    "harder": "progress",
    "progression": "progress",
    "heavier": "progress",
    "instead": "variation",
    "substitute": "variation",
    "rolls": "pad",
    "rolling": "pad",
    "lockout": "extension",
    "extend": "extension",
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


_SINGLE_LEG = re.compile(r"\b(?:single|one|1)[\s-]*leg(?:ged)?\b")


def normalise(text: str) -> list[str]:
    """Lower-case words with synonyms folded, plurals dropped and stop words removed."""
    words = []
    for token in re.findall(r"[a-z0-9']+", _SINGLE_LEG.sub(" singleleg ", text.lower())):
        raw = token.strip("'").removesuffix("'s")
        word = _SYNONYMS.get(raw, raw)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = _SYNONYMS.get(word[:-1], word[:-1])
        if word and word not in _STOP_WORDS:
            words.append(word)
    return words


def passages(exercise: Exercise) -> tuple[FaqEntry, ...]:
    """Every part of the content a question may be about, each as a question-shaped entry
    (title, answer, keywords), the FAQ's own entries first."""
    found: list[FaqEntry] = list(exercise.faq)

    def add(title: str, answer: str, *keywords: str) -> None:
        found.append(FaqEntry(question=title, answer=answer, keywords=(*keywords, title)))

    for cue in exercise.cues:
        add("Coaching cue", cue, "cue")
    for mistake in exercise.mistakes:
        add(mistake.name, f"{mistake.why} Fix: {mistake.fix}", "mistake", "wrong")
    for variation in exercise.variations:
        add(variation.name, f"{variation.emphasis} {variation.how}", "variation", variation.id)
    for step in exercise.steps:
        add(f"The movement: {step.phase}", step.how, "step", step.phase)
    add("Setting up", " ".join(exercise.setup.steps), "setup", "bench", "position", "bar")
    rests = "; ".join(f"{g.id.value}: {g.rest}" for g in exercise.goals)
    add(
        "Rest between sets", f"{rests}. {exercise.programming.rest_note}", "rest", "between", "pause", "break"
    )
    add("Tempo", exercise.tempo.summary, "tempo", "fast", "slow", "speed", "hold", "top", "pace")
    p = exercise.programming
    add(
        "Sets and sessions",
        f"{p.sets[0]}–{p.sets[1]} sets a session, {p.sessions_per_week[0]}–{p.sessions_per_week[1]} "
        f"sessions a week. {p.placement}",
        "sets",
        "often",
        "week",
        "session",
        "day",
    )
    add("Where your feet go", " ".join(exercise.setup.foot_placement), "foot", "placement")
    for drill in exercise.warmup.drills:
        add(f"Warm-up: {drill.name}", f"{drill.dose}. {drill.how}", "warm")
    for item in exercise.equipment:
        add(item.name, item.detail, "equipment")
    for note in exercise.safety:
        add(note.topic, note.advice, "safety")
    return tuple(found)


class FaqIndex:
    """The content's passages prepared for matching; built once per content load."""

    def __init__(self, entries: Sequence[FaqEntry]) -> None:
        self._entries = tuple(entries)
        self._titles = [frozenset(normalise(" ".join((e.question, *e.keywords)))) for e in self._entries]
        self._bodies = [frozenset(normalise(e.answer)) for e in self._entries]
        every = [t | b for t, b in zip(self._titles, self._bodies, strict=True)]
        count = len(self._entries)
        self._idf = {
            term: math.log((count + 1) / (1 + sum(term in terms for terms in every))) + 1
            for terms in every
            for term in terms
        }

    @classmethod
    def of(cls, exercise: Exercise) -> FaqIndex:
        return cls(passages(exercise))

    def best(self, question: str) -> FaqMatch | None:
        """The best-scoring passage, or None when nothing clears the threshold."""
        words = set(normalise(question))
        best: FaqMatch | None = None
        for entry, title, body in zip(self._entries, self._titles, self._bodies, strict=True):
            score = sum(self._idf[w] for w in words & title)
            score += BODY_WEIGHT * sum(self._idf[w] for w in (words & body) - title)
            if score >= MIN_SCORE and (best is None or score > best.score):
                best = FaqMatch(entry, score)
        return best


@dataclass(frozen=True, slots=True)
class Answer:
    exercise: Exercise
    match: FaqMatch


class Answers:
    """Questions answered from the whole catalogue: about the program's exercise by default,
    about another when the question names it (`how deep should I squat?`) and its content
    answers better."""

    def __init__(self, catalogue: Catalogue, program: Exercise) -> None:
        self.program = program
        self.catalogue = catalogue
        self._indexes = {e.id: FaqIndex.of(e) for e in (program, *catalogue.exercises)}

    def best(self, question: str, about: Exercise | None = None) -> Answer | None:
        """The best answer to `question`, about `about` (default: the program's exercise)
        unless the question names another exercise whose content answers it better."""
        subject = about or self.program
        named = self.catalogue.named_in(question)
        candidates = [subject] + ([named] if named and named.id != subject.id else [])
        found = [
            Answer(exercise, match)
            for exercise in candidates
            if (match := self._indexes[exercise.id].best(question)) is not None
        ]
        return max(found, key=lambda a: a.match.score, default=None)
