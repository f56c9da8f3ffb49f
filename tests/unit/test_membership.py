from __future__ import annotations

import pytest

from bot.domain import Level, RepRange, Unit
from bot.rules.membership import (
    JoinError,
    JoinRequest,
    Prescription,
    StartNote,
    first_prescription,
    parse_join,
)
from bot.rules.vocabulary import variation_word
from bot.views.problems import describe
from tests.lifts import HIP, HT, Variation

HYPERTROPHY = RepRange(8, 15)


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("", JoinRequest(Level.BEGINNER, None, None, None)),
        ("beginner", JoinRequest(Level.BEGINNER, None, None, None)),
        ("intermediate 60kg", JoinRequest(Level.INTERMEDIATE, 60, Unit.KG, None)),
        ("advanced 135 lb", JoinRequest(Level.ADVANCED, 135, Unit.LB, None)),
        ("62,5 kgs", JoinRequest(Level.INTERMEDIATE, 62.5, Unit.KG, None)),
        ("Intermediate 16kg dumbbell", JoinRequest(Level.INTERMEDIATE, 16, Unit.KG, "dumbbell")),
    ],
)
def test_join_arguments_are_read_in_any_order(text: str, request_: JoinRequest) -> None:
    assert parse_join(text) == request_


def test_unknown_join_words_are_refused_with_the_levels() -> None:
    with pytest.raises(JoinError) as error:
        parse_join("pro 60kg")
    assert (error.value.code, error.value.params) == ("unknown_join_word", {"word": "pro"})
    assert "beginner|intermediate|advanced" in describe(error.value)


def test_beginners_start_on_bodyweight_at_the_bottom_of_the_range() -> None:
    p, _ = first_prescription(HIP, parse_join("beginner"), Unit.KG, HYPERTROPHY, 3)
    assert p == Prescription(HT.BODYWEIGHT, None, 3, 8)


def test_a_beginner_naming_a_load_still_starts_on_bodyweight_and_is_told_why() -> None:
    p, note = first_prescription(HIP, parse_join("beginner 40kg"), Unit.KG, HYPERTROPHY, 3)
    assert p.variation is HT.BODYWEIGHT
    assert note is not None
    assert "bodyweight" in note


def test_pounds_are_stored_as_kilograms() -> None:
    p, _ = first_prescription(HIP, parse_join("advanced 135 lb"), Unit.LB, RepRange(3, 6), 5)
    assert p.load_kg == pytest.approx(61.235, abs=1e-3)
    assert (p.variation, p.sets, p.reps) == (HT.BARBELL, 5, 3)


def test_a_load_lighter_than_the_bar_starts_on_dumbbells() -> None:
    p, note = first_prescription(HIP, parse_join("intermediate 12kg"), Unit.KG, HYPERTROPHY, 3)
    assert p.variation is HT.DUMBBELL
    assert note is not None


@pytest.mark.parametrize("text", ["intermediate 0kg", "advanced 900kg", "intermediate 2000 lb"])
def test_absurd_loads_are_refused(text: str) -> None:
    with pytest.raises(JoinError):
        first_prescription(HIP, parse_join(text), Unit.KG, HYPERTROPHY, 3)


def test_a_loaded_level_without_a_load_starts_with_a_load_to_find() -> None:
    p, note = first_prescription(HIP, parse_join("advanced"), Unit.KG, HYPERTROPHY, 3)
    assert (p.variation, p.load_kg, p.reps) == (HT.BARBELL, None, 8)
    assert note is StartNote.FIND_YOUR_LOAD


@pytest.mark.parametrize(
    ("text", "variation"),
    [
        ("single leg", HT.SINGLE_LEG),
        ("KB", HT.DUMBBELL),
        ("deficit hip thrust", HT.DEFICIT),
    ],
)
def test_variation_names_are_recognised_loosely(text: str, variation: Variation) -> None:
    word = variation_word(text)
    assert word is not None
    assert HIP.resolve(word) == variation
