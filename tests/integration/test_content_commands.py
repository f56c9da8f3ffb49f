from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import GroupChat

SEED = Path(__file__).parents[1] / "data" / "hip-thrust.txt"  # a copy of the source article
CONTENT_COMMANDS = ("/exercise", "/form", "/cues", "/mistakes", "/variations", "/warmup", "/safety", "/faq")


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


async def test_every_number_in_the_seed_setup_programming_and_safety_is_reachable(chat: GroupChat) -> None:
    seed = SEED.read_text()
    sections = _section(seed, "Proper Setup", "Common Mistakes") + _section(
        seed, "Programming Considerations", "Key Takeaways"
    )
    ranges = set(re.findall(r"(\d+)-(\d+)", sections))
    assert ranges, "the seed's number ranges were not found; has the article changed?"
    everything = "\n".join([await chat.say("ana", cmd) for cmd in CONTENT_COMMANDS])
    missing = [f"{a}-{b}" for a, b in ranges if f"{a}–{b}" not in everything]
    assert missing == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/exercise", "Gluteus maximus"),
        ("/exercise hip thrust", "Equipment"),
        ("/exercise single leg", "Single-leg hip thrust"),
        ("/form", "30–40 cm (12–16 in)"),
        ("/cues", "Drive through the whole foot"),
        ("/mistakes", "Fix: Move your feet until your shins are vertical"),
        ("/variations", "Deficit hip thrust"),
        ("/variations banded", "glute medius"),
        ("/warmup", "Band walks"),
        ("/safety", "spot you from the side"),
        ("/faq where do my feet go?", "shins are vertical"),
    ],
)
async def test_content_commands_answer_from_the_content(chat: GroupChat, command: str, expected: str) -> None:
    assert expected in await chat.say("ana", command)


async def test_the_variations_list_goes_from_easiest_to_hardest(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/variations")
    assert answer.index("Bodyweight") < answer.index("Barbell hip thrust") < answer.index("Deficit")


async def test_faq_without_a_good_match_lists_the_topics(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/faq what's the weather tomorrow")
    assert "I don't have an answer to what's the weather tomorrow yet" in answer
    assert "Where should my feet go?" in answer


async def test_any_catalogue_exercise_is_described_by_any_of_its_names(chat: GroupChat) -> None:
    bench = await chat.say("ana", "/exercise bench")
    assert "Barbell bench press" in bench
    assert "Pectoralis major" in bench
    assert "/form" not in bench  # the detail commands are about the program's exercise


async def test_unknown_exercises_and_variations_are_named_as_unknown(chat: GroupChat) -> None:
    assert "I don't know an exercise called zumba. I know: " in await chat.say("ana", "/exercise zumba")
    assert "single-leg" in await chat.say("ana", "/variations zercher")


async def test_a_question_naming_another_lift_is_answered_from_that_lifts_content(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/faq how deep should I squat?")
    assert "Barbell back squat: How deep should I squat?" in answer
    assert "hip crease" in answer


async def test_a_question_about_the_bench_of_a_hip_thrust_stays_with_the_hip_thrust(chat: GroupChat) -> None:
    answer = await chat.say("ana", "/faq how high should the bench be?")
    assert "30–40 cm" in answer
    assert "bench press" not in answer.lower()
