"""The exercise catalogue: every bundled exercise validates and reads well, and an operator's
directory adds exercises or stops start-up with the file, field and reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.content.catalogue import ContentError, load_catalogue
from bot.content.model import EXERCISES_DIR, Exercise

BUNDLED = load_catalogue()


def test_the_catalogue_holds_the_hip_thrust_and_eight_more_lifts() -> None:
    ids = {e.id for e in BUNDLED.exercises}
    assert "hip-thrust" in ids
    assert len(ids) >= 9


@pytest.mark.parametrize("exercise", BUNDLED.exercises, ids=lambda e: e.id)
def test_every_exercise_has_content_in_every_section(exercise: Exercise) -> None:
    texts = [
        exercise.summary,
        *exercise.cues,
        *(f"{m.name}{m.why}{m.fix}" for m in exercise.mistakes),
        *(f"{v.name}{v.emphasis}{v.how}" for v in exercise.variations),
        *(f"{s.phase}{s.how}" for s in exercise.steps),
        *exercise.setup.steps,
        *(f"{d.name}{d.how}" for d in exercise.warmup.drills),
        *(f"{n.topic}{n.advice}" for n in exercise.safety),
        *(f"{f.question}{f.answer}" for f in exercise.faq),
    ]
    assert all(text.strip() for text in texts)


@pytest.mark.parametrize("exercise", BUNDLED.exercises, ids=lambda e: e.id)
def test_every_ladder_starts_at_rung_one_and_every_rung_says_how_it_is_loaded(exercise: Exercise) -> None:
    rungs = sorted({v.ladder for v in exercise.variations})
    assert rungs == list(range(1, len(rungs) + 1))
    assert all(v.loading for v in exercise.variations)


def test_every_name_means_one_exercise() -> None:
    names = [name for e in BUNDLED.exercises for name in e.names]
    assert len(names) == len(set(names))


def test_lifters_names_find_their_exercise() -> None:
    assert {n: BUNDLED.find(n).id for n in ("RDL", "squats", "Bench", "OHP", "lat pulldown")} == {  # type: ignore[union-attr]
        "RDL": "romanian-deadlift",
        "squats": "back-squat",
        "Bench": "bench-press",
        "OHP": "overhead-press",
        "lat pulldown": "pull-up",
    }


def _copy_of(source: str, new_id: str, name: str) -> str:
    text = (EXERCISES_DIR / source).read_text()
    text = re.sub(r'^id = ".*"$', f'id = "{new_id}"', text, count=1, flags=re.M)
    text = re.sub(r'^name = ".*"$', f'name = "{name}"', text, count=1, flags=re.M)
    return re.sub(r"^aliases = \[.*\]$", f'aliases = ["{name.lower()}s"]', text, count=1, flags=re.M)


def test_an_operators_directory_adds_exercises(tmp_path: Path) -> None:
    (tmp_path / "kettlebell-swing.toml").write_text(
        _copy_of("glute-bridge.toml", "kettlebell-swing", "Kettlebell swing")
    )
    found = load_catalogue(tmp_path).find("kettlebell swing")
    assert found is not None
    assert found.id == "kettlebell-swing"


def test_a_bad_file_names_the_file_the_field_and_the_reason(tmp_path: Path) -> None:
    broken = _copy_of("glute-bridge.toml", "step-up", "Step-up").replace(
        'loading = "band"', 'loading = "sandbag"'
    )
    (tmp_path / "step-up.toml").write_text(broken)
    with pytest.raises(ContentError) as error:
        load_catalogue(tmp_path)
    assert error.value.path.name == "step-up.toml"
    assert error.value.field == "variations.1.loading"
    assert "bodyweight" in error.value.reason


def test_a_file_that_claims_another_exercises_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "squat-again.toml").write_text(
        _copy_of("back-squat.toml", "squat-again", "Squat again").replace(
            'aliases = ["squat agains"]', 'aliases = ["squat"]'
        )
    )
    with pytest.raises(ContentError, match="'squat' already names 'back-squat'"):
        load_catalogue(tmp_path)
