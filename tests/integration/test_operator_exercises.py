"""An operator's own exercise file works everywhere a bundled one does, with no code change."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Spotter, build_spotter
from bot.clock import ManualClock
from bot.content.model import EXERCISES_DIR
from bot.settings import Settings
from tests.helpers import GroupChat


def _frog_pump(directory: Path) -> None:
    """A new exercise written from the glute bridge's file under a new id, name and aliases."""
    text = (EXERCISES_DIR / "glute-bridge.toml").read_text()
    text = re.sub(r'^id = "glute-bridge"', 'id = "frog-pump"', text, flags=re.MULTILINE)
    text = re.sub(r'^name = "Glute bridge"', 'name = "Frog pump"', text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^aliases = \[.*\]$", 'aliases = ["frog pumps", "frogs"]', text, flags=re.MULTILINE)
    (directory / "frog-pump.toml").write_text(text)


@pytest.fixture
async def with_frog_pump(database_url: str, clock: ManualClock, tmp_path: Path) -> AsyncIterator[Spotter]:
    _frog_pump(tmp_path)
    app = await build_spotter(Settings(database_url=database_url, exercises_dir=tmp_path), clock)
    try:
        yield app
    finally:
        await app.close()


async def test_an_exercise_file_in_the_operators_directory_is_coached_like_a_bundled_one(
    with_frog_pump: Spotter,
) -> None:
    chat = GroupChat(with_frog_pump.coach, admins={"coach"})
    assert "Frog pump" in await chat.say("ben", "/exercise frog pump")
    await chat.say("coach", "/setup hypertrophy mon,thu 18:30 Europe/Berlin")
    assert "Monday: hip thrust, frog pump" in await chat.say(
        "coach", "/program mon: hip thrust, frogs; thu: frog pumps"
    )
    await chat.say("ben", "/join beginner")
    today = await chat.say("ben", "/today")
    assert "hip thrust and frog pump day" in today
    assert "Glute bridge 3 × 10" in today  # the file's first rung, at the bottom of its range
    assert "Logged frog pump for ben" in await chat.say("ben", "frog pumps 3x10")
