from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.content.model import EXERCISES_DIR, Exercise, hip_thrust
from bot.domain import Goal, RepRange
from tests.lifts import HIP

# A copy of the source article, kept in the repository so this check never depends on a path outside it.
SEED_ARTICLE = Path(__file__).parents[1] / "data" / "hip-thrust.txt"


def test_the_bundled_content_validates() -> None:
    assert hip_thrust().name == "Barbell hip thrust"


def test_the_seed_programming_numbers_are_in_the_data() -> None:
    ex = hip_thrust()
    assert ex.goal(Goal.STRENGTH).rep_range == RepRange(3, 6)
    assert ex.goal(Goal.HYPERTROPHY).rep_range == RepRange(8, 15)
    assert ex.goal(Goal.ENDURANCE).rep_range == RepRange(15, 25)
    assert ex.programming.sets == (3, 5)
    assert ex.programming.sessions_per_week == (1, 3)
    assert ex.setup.bench_height_cm == (30, 40)
    assert ex.setup.bench_height_in == (12, 16)
    assert ex.tempo.hold_top_s == (1, 2)


def test_all_seven_variations_are_described() -> None:
    assert {v.id for v in hip_thrust().variations} == {v.id for v in HIP.variations}
    assert len(HIP.variations) == 7


def test_every_mistake_comes_with_a_fix() -> None:
    assert all(m.fix.strip() for m in hip_thrust().mistakes)


def _raw() -> dict[str, object]:
    return tomllib.loads((EXERCISES_DIR / "hip-thrust.toml").read_text())


def test_a_ladder_with_a_missing_rung_fails_at_load() -> None:
    raw = _raw()
    raw["variations"] = [v for v in raw["variations"] if v["id"] != "barbell"]  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="without gaps"):
        Exercise.model_validate(raw)


def test_a_variation_with_an_unknown_way_of_loading_fails_at_load() -> None:
    raw = _raw()
    raw["variations"][0]["loading"] = "sandbag"  # type: ignore[index]
    with pytest.raises(ValidationError, match="loading"):
        Exercise.model_validate(raw)


def test_a_misspelt_field_fails_at_load_instead_of_being_ignored() -> None:
    raw = _raw()
    raw["cuess"] = raw.pop("cues")
    with pytest.raises(ValidationError):
        Exercise.model_validate(raw)


def test_a_backwards_range_fails_at_load() -> None:
    raw = _raw()
    raw["programming"]["sets"] = [5, 3]  # type: ignore[index]
    with pytest.raises(ValidationError, match="ascending"):
        Exercise.model_validate(raw)


def test_the_content_is_written_in_our_own_words() -> None:
    """No sentence of the article is copied whole: at most short phrases are shared."""
    article = " ".join(SEED_ARTICLE.read_text().split()).lower()
    ours = " ".join((EXERCISES_DIR / "hip-thrust.toml").read_text().split()).lower()
    words = ours.split()
    copied = [
        " ".join(words[i : i + 12]) for i in range(len(words) - 12) if " ".join(words[i : i + 12]) in article
    ]
    assert copied == []
