"""The exercise content schema: loaded from TOML, validated once at start-up.

Content is data, not code, so that a coach can correct a cue without touching Python; the
schema is strict so that a typo in the data fails loudly at load instead of in a chat.
"""

from __future__ import annotations

import tomllib
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.domain import Goal, RepRange
from bot.rules.lift import Lift
from bot.rules.lift import Variation as Rung

CONTENT_DIR = Path(__file__).parent
EXERCISES_DIR = CONTENT_DIR / "exercises"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_range(value: tuple[int, int]) -> tuple[int, int]:
    low, high = value
    if not 0 < low <= high:
        raise ValueError(f"range {low}–{high} must be positive and ascending")
    return value


class Muscle(_Strict):
    name: str
    role: Literal["prime mover", "assist", "synergist", "stabiliser"]
    detail: str


class Benefit(_Strict):
    title: str
    detail: str


class Equipment(_Strict):
    name: str
    detail: str
    optional: bool


class Setup(_Strict):
    steps: tuple[str, ...] = Field(min_length=3)
    foot_placement: tuple[str, ...] = Field(min_length=1)
    bench_height_cm: tuple[int, int] | None = None  # for lifts done against a bench
    bench_height_in: tuple[int, int] | None = None

    _ranges = field_validator("bench_height_cm", "bench_height_in")(_check_range)


class Step(_Strict):
    phase: str
    how: str


class Tempo(_Strict):
    summary: str
    hold_top_s: tuple[int, int] | None = None

    _ranges = field_validator("hold_top_s")(_check_range)


class Mistake(_Strict):
    name: str
    why: str
    fix: str


# How a variation is loaded: what the rules read to pick load steps, the empty bar and so on.
Loading = Literal["bodyweight", "band", "dumbbell", "kettlebell", "barbell", "machine", "cable"]
UNLOADED: frozenset[str] = frozenset({"bodyweight", "band"})


class VariationInfo(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]{0,15}$")  # stored in 16-character columns
    name: str
    difficulty: int = Field(ge=1, le=5)
    loading: Loading
    # Its rung on the exercise's progression ladder: 1 is where a beginner starts; variations
    # on one rung are alternatives (dumbbell or machine), a higher rung is the next step.
    ladder: int = Field(ge=1, le=10)
    # The variation an intermediate or advanced lifter starts on when they name none (at most
    # one per exercise; without one, the lowest barbell variation, else the lowest loaded one).
    main: bool = False
    each_side: bool = False  # one leg or arm at a time: reps count per side
    emphasis: str
    how: str

    @property
    def loaded(self) -> bool:
        """Whether it carries an external load Spotter tracks."""
        return self.loading not in UNLOADED


class GoalInfo(_Strict):
    id: Goal
    reps: tuple[int, int]
    load: str
    rest: str

    _ranges = field_validator("reps")(_check_range)

    @property
    def rep_range(self) -> RepRange:
        return RepRange(*self.reps)


class Programming(_Strict):
    sets: tuple[int, int]
    sessions_per_week: tuple[int, int]
    pairs_with: tuple[str, ...]
    placement: str
    rest_note: str

    _ranges = field_validator("sets", "sessions_per_week")(_check_range)


class Drill(_Strict):
    name: str
    dose: str
    how: str


class Warmup(_Strict):
    summary: str
    ramp_rule: str
    drills: tuple[Drill, ...] = Field(min_length=1)


class SafetyNote(_Strict):
    topic: str
    advice: str


class FaqEntry(_Strict):
    question: str
    answer: str
    keywords: tuple[str, ...] = Field(min_length=1)


class Exercise(_Strict):
    """Everything Spotter can say about one exercise."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]{0,31}$")  # stored in 32-character columns
    name: str
    # The name inside a sentence ("Monday: hip thrust, Romanian deadlift"); by default the name
    # without a leading "Barbell", starting in lower case.
    short: str | None = None
    aliases: tuple[str, ...]
    summary: str
    muscles: tuple[Muscle, ...] = Field(min_length=1)
    benefits: tuple[Benefit, ...]
    equipment: tuple[Equipment, ...]
    setup: Setup
    steps: tuple[Step, ...] = Field(min_length=1)
    tempo: Tempo
    cues: tuple[str, ...] = Field(min_length=1)
    mistakes: tuple[Mistake, ...] = Field(min_length=1)
    variations: tuple[VariationInfo, ...] = Field(min_length=1)
    goals: tuple[GoalInfo, ...]
    programming: Programming
    warmup: Warmup
    safety: tuple[SafetyNote, ...] = Field(min_length=1)
    faq: tuple[FaqEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_pain_advice(self) -> Exercise:
        if not any(n.topic == "Pain means stop" for n in self.safety):
            raise ValueError("safety needs a 'Pain means stop' note: pain reports quote it")
        return self

    @model_validator(mode="after")
    def _covers_every_goal(self) -> Exercise:
        missing = set(Goal) - {g.id for g in self.goals}
        if missing:
            raise ValueError(f"content lacks goals {sorted(missing)}")
        return self

    @model_validator(mode="after")
    def _variations_form_a_ladder(self) -> Exercise:
        ids = [v.id for v in self.variations]
        if len(ids) != len(set(ids)):
            raise ValueError("a variation is listed twice")
        rungs = sorted({v.ladder for v in self.variations})
        if rungs != list(range(1, len(rungs) + 1)):
            raise ValueError(f"the ladder must climb from rung 1 without gaps, not {rungs}")
        if sum(v.main for v in self.variations) > 1:
            raise ValueError("at most one variation may be the main one")
        return self

    @property
    def short_name(self) -> str:
        """`hip thrust`, `back squat`, `Romanian deadlift`: the name inside a sentence."""
        if self.short is not None:
            return self.short
        name = self.name.removeprefix("Barbell ") if self.name.count(" ") > 1 else self.name
        return name[0].lower() + name[1:]

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a member may name the exercise (lower case)."""
        return tuple(dict.fromkeys(n.lower() for n in (self.id, self.name, *self.aliases)))

    @cached_property
    def lift(self) -> Lift:
        """The facts the rules read: each variation's loading and rung."""
        main = next((v.id for v in self.variations if v.main), None)
        return Lift(
            self.id, tuple(Rung(v.id, v.loading, v.ladder, v.each_side) for v in self.variations), main
        )

    def variation(self, variation: Rung | str) -> VariationInfo:
        """A variation's content by id; an id the file no longer declares gets a stand-in
        named after it, so an old log still renders."""
        wanted = variation if isinstance(variation, str) else variation.id
        found = next((v for v in self.variations if v.id == wanted), None)
        if found is None:
            name = wanted.replace("-", " ").capitalize()
            return VariationInfo.model_construct(
                id=wanted, name=name, difficulty=1, loading="bodyweight", ladder=1, emphasis="", how=""
            )
        return found

    def goal(self, goal: Goal) -> GoalInfo:
        return next(g for g in self.goals if g.id == goal)

    def coaching_points(self) -> tuple[str, ...]:
        """Cues plus each mistake turned into a cue, the pool `/today` rotates through."""
        return self.cues + tuple(f"Avoid {m.name.lower()}: {m.fix}" for m in self.mistakes)


def load_exercise(path: Path) -> Exercise:
    """Read and validate one exercise file; raises `pydantic.ValidationError` on bad data."""
    with path.open("rb") as handle:
        return Exercise.model_validate(tomllib.load(handle))


@cache
def hip_thrust() -> Exercise:
    """The bundled hip thrust content, loaded once per process: the exercise of a group whose
    program names none."""
    return load_exercise(EXERCISES_DIR / "hip-thrust.toml")
