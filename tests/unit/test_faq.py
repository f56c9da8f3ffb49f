from __future__ import annotations

import pytest

from bot.content.faq import FaqIndex, normalise
from bot.content.model import hip_thrust


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return FaqIndex(hip_thrust().faq)


@pytest.mark.parametrize(
    ("question", "answer_contains"),
    [
        ("which muscles does it hit?", "gluteus maximus"),
        ("where do my feet go?", "shins are vertical"),
        ("can a newbie do this?", "bodyweight"),
        ("how many reps for strength?", "3–6"),
        ("how often should I do them?", "1–3"),
    ],
)
def test_the_seed_questions_are_answered_when_asked_in_other_words(
    index: FaqIndex, question: str, answer_contains: str
) -> None:
    match = index.best(question)
    assert match is not None
    assert answer_contains in match.entry.answer


@pytest.mark.parametrize(
    ("question", "answer_contains"),
    [
        ("how tall should the box be", "30–40 cm"),
        ("my knee hurts", "Stop"),
        ("do I need a pad?", "pad"),
        ("hip thrust vs squats", "squats"),
        ("how should I breathe", "Breathe"),
        ("do I need a spotter", "heavy"),
    ],
)
def test_questions_beyond_the_seed_faq_are_answered(
    index: FaqIndex, question: str, answer_contains: str
) -> None:
    match = index.best(question)
    assert match is not None
    assert answer_contains in match.entry.answer


@pytest.mark.parametrize("question", ["what's the meaning of life", "", "??", "hip thrust"])
def test_questions_it_cannot_answer_get_no_guess(index: FaqIndex, question: str) -> None:
    assert index.best(question) is None


def test_normalising_folds_synonyms_and_plurals() -> None:
    assert normalise("Newbies' feet muscles") == ["beginner", "foot", "muscle"]


@pytest.fixture(scope="module")
def everything() -> FaqIndex:
    return FaqIndex.of(hip_thrust())


@pytest.mark.parametrize(
    ("question", "answer_contains"),
    [
        ("is there a one-legged version", "one foot"),
        ("what is the band around the legs for", "band"),
        ("where do I look during the lift", "eyes"),
        ("my lower back arches at the top", "Brace the core"),
        ("how do I set up the bench", "bench"),
        ("which muscles does it hit?", "gluteus maximus"),
        ("where do my feet go?", "shins are vertical"),
        ("how often should I do them?", "1–3"),
    ],
)
def test_questions_are_answered_from_every_part_of_the_content(
    everything: FaqIndex, question: str, answer_contains: str
) -> None:
    match = everything.best(question)
    assert match is not None
    assert answer_contains in match.entry.answer


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("how long should I rest between sets", "Rest between sets"),
        ("should I hold at the top", "Tempo"),
        ("the bar rolls off my hips", "Do I need a pad?"),
        ("is it safe when pregnant", "Get coached when new"),
        ("glute bridge vs hip thrust", "Glute bridge or hip thrust?"),
    ],
)
def test_paraphrased_questions_find_the_passage_that_answers_them(question: str, title: str) -> None:
    from bot.content.catalogue import load_catalogue
    from bot.content.faq import Answers

    found = Answers(load_catalogue(), hip_thrust()).best(question)
    assert found is not None
    assert title in found.match.entry.question
