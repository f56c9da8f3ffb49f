"""An exercise as the rules see it: its variations, how each is loaded, and their ladder.

The content declares these facts per exercise (`bot.content.model.VariationInfo`); the rules
read them from here rather than naming any exercise's variations, so a new exercise file gets
load steps, ramp-ups, ladder climbs and deloads with no code change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# How a variation is loaded. Bodyweight and band carry no load Spotter tracks.
UNLOADED_KINDS = frozenset({"bodyweight", "band"})
HAND_WEIGHTS = frozenset({"dumbbell", "kettlebell"})

# Report words for a way of loading (`bw`, `db` … are canonicalised by `bot.rules.vocabulary`)
# → the loading kinds that word may mean, in order of preference.
_KINDS_OF_WORD: dict[str, tuple[str, ...]] = {
    "bodyweight": ("bodyweight",),
    "banded": ("band",),
    "dumbbell": ("dumbbell", "kettlebell"),
    "kettlebell": ("kettlebell", "dumbbell"),
    "machine": ("machine", "cable"),
    "cable": ("cable", "machine"),
    "barbell": ("barbell",),
}


@dataclass(frozen=True, slots=True)
class Variation:
    """One variation of one exercise: its id, how it is loaded, and its rung on the ladder."""

    id: str
    loading: str
    ladder: int
    each_side: bool = False  # one limb at a time: reps are counted per side

    @property
    def loaded(self) -> bool:
        """Whether it carries an external load Spotter tracks."""
        return self.loading not in UNLOADED_KINDS

    @property
    def barbell(self) -> bool:
        return self.loading == "barbell"


@dataclass(frozen=True, slots=True)
class Lift:
    """An exercise's variations in their declared order, with the questions the rules ask."""

    id: str
    variations: tuple[Variation, ...]
    # The variation an intermediate or advanced lifter starts on when they name none.
    main_id: str | None = None
    _by_id: dict[str, Variation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {v.id: v for v in self.variations})

    def rung(self, variation_id: str) -> Variation:
        """The variation with this id. An id the content no longer declares (an old row after
        an operator edited a file) is read as unloaded, so nothing is computed from a guess."""
        return self._by_id.get(variation_id) or Variation(variation_id, "bodyweight", 0)

    def knows(self, variation_id: str) -> bool:
        return variation_id in self._by_id

    @property
    def start(self) -> Variation:
        """Where a beginner starts: the first variation on the lowest rung."""
        return min(self.variations, key=lambda v: v.ladder)

    @property
    def main(self) -> Variation:
        """The declared main variation, else the lowest barbell, else the lowest loaded one."""
        if self.main_id is not None:
            return self.rung(self.main_id)
        return (
            _lowest(v for v in self.variations if v.barbell)
            or _lowest(v for v in self.variations if v.loaded)
            or self.start
        )

    def above(self, current: Variation) -> Variation | None:
        """The first variation on the next rung up: where an unloaded variation climbs to."""
        return _lowest(v for v in self.variations if v.ladder == current.ladder + 1)

    def barbell_above(self, current: Variation) -> Variation | None:
        """The barbell variation a hand weight grows into, when the next rung has one."""
        return _lowest(v for v in self.variations if v.ladder == current.ladder + 1 and v.barbell)

    def with_loading(self, *kinds: str) -> Variation | None:
        """The lowest-rung variation loaded in the first of `kinds` the exercise has."""
        for kind in kinds:
            found = _lowest(v for v in self.variations if v.loading == kind)
            if found is not None:
                return found
        return None

    def resolve(self, word: str) -> Variation | None:
        """A report's or a coach's variation word: an id of this exercise, else a way of
        loading it (`dumbbell` on the squat is the goblet squat); None when it has neither."""
        if word in self._by_id:
            return self._by_id[word]
        return self.with_loading(*_KINDS_OF_WORD.get(word, ()))


def _lowest(variations: Iterable[Variation]) -> Variation | None:
    """The variation on the lowest rung, the first declared among equals."""
    best: Variation | None = None
    for variation in variations:
        if best is None or variation.ladder < best.ladder:
            best = variation
    return best
