"""Who a coach's command names: by @handle, by mention, by display name of any shape."""

from __future__ import annotations

import pytest

from bot.rules.naming import Person, exercise_named, named

ANA = Person("2", "Ana", "ana_k")
ANA_B = Person("7", "Ana", "anab")
ZOE = Person("9", "<b>Zoë & Co</b> 💪")
MARY_JANE = Person("4", "Mary Jane", None)
PEOPLE = [ANA, ZOE, MARY_JANE]


def test_an_at_handle_names_the_member_with_that_username() -> None:
    ref = named("@Ana_K load 70kg", PEOPLE)
    assert (ref.people, ref.rest) == ((ANA,), "load 70kg")


def test_a_mention_by_id_names_that_member() -> None:
    ref = named("<@9> reps 10", PEOPLE)
    assert (ref.people, ref.rest) == ((ZOE,), "reps 10")


def test_a_display_name_with_spaces_markup_and_emoji_names_its_member() -> None:
    ref = named("<b>Zoë & Co</b> 💪 load 40kg", PEOPLE)
    assert (ref.people, ref.rest) == ((ZOE,), "load 40kg")


def test_a_two_word_name_is_read_whole_or_squashed_after_an_at() -> None:
    assert named("mary jane sets 4", PEOPLE).people == (MARY_JANE,)
    assert named("@MaryJane sets 4", PEOPLE).people == (MARY_JANE,)


def test_a_shared_name_finds_everyone_who_has_it() -> None:
    assert named("ana load 70kg", [ANA, ANA_B]).people == (ANA, ANA_B)


def test_a_handle_wins_over_a_squashed_name() -> None:
    assert named("@anab", [ANA, ANA_B]).people == (ANA_B,)


def test_nobody_found_says_which_word_was_taken_as_the_name() -> None:
    ref = named("load 70kg", PEOPLE)
    assert (ref.people, ref.said) == ((), "load")


NAMES = {
    "rdl": "romanian-deadlift",
    "squats": "back-squat",
    "bench": "bench-press",
    "bench press": "bench-press",
    "press": "overhead-press",
    "hip thrust": "hip-thrust",
    "hip thrusts": "hip-thrust",
}


@pytest.mark.parametrize(
    ("report", "exercise"),
    [
        ("RDL 3x8 @ 80", "romanian-deadlift"),
        ("squats 5x5 100kg", "back-squat"),
        ("Bench press 3x5 @ 80", "bench-press"),
        ("banded hip thrusts 3x12", "hip-thrust"),
        ("3x10 on the bench", None),
        ("on the bench: 3x10 @ 60", None),
        ("3x10 @ 60kg", None),
    ],
)
def test_a_report_names_its_exercise_before_the_numbers(report: str, exercise: str | None) -> None:
    assert exercise_named(report, NAMES) == exercise
