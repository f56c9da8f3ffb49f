from __future__ import annotations

from datetime import time

import pytest

from bot.domain import Goal
from bot.rules.program import ProgramChange, SetupProblems, parse_setup
from bot.views.problems import describe


def test_positional_fields_are_recognised_in_any_order() -> None:
    assert parse_setup("Europe/Berlin 18:30 mon,thu hypertrophy 4") == ProgramChange(
        Goal.HYPERTROPHY, (0, 3), time(18, 30), "Europe/Berlin", 4, 4
    )


def test_key_value_fields_and_spaced_lists_work() -> None:
    change = parse_setup("goal=strength days=mon, wed time=6:30 pm tz=utc sets=5")
    assert change == ProgramChange(Goal.STRENGTH, (0, 2), time(18, 30), "UTC", 5, 5)


def test_a_sets_range_turns_on_set_progression() -> None:
    assert parse_setup("sets=3-5") == ProgramChange(sets=3, max_sets=5)


def test_a_partial_change_leaves_other_fields_unset() -> None:
    assert parse_setup("19:00") == ProgramChange(start=time(19))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("goal=bulk", "strength|hypertrophy|endurance"),
        ("mon,tue,wed,thu", "1–3"),
        ("25:00", "00:00–23:59"),
        ("Mars/Base", "Europe/Berlin"),
        ("9", "3–5"),
        ("sets=two", "3–5"),
        ("sets=5-3", "3–5"),
        ("sets=3-6", "3–5"),
        ("banana", "which field"),
    ],
)
def test_each_bad_field_names_the_valid_values(text: str, names: str) -> None:
    with pytest.raises(SetupProblems) as problems:
        parse_setup(text)
    assert names in "; ".join(describe(p) for p in problems.value.problems)


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(SetupProblems) as problems:
        parse_setup("goal=bulk 25:00 Mars/Base 9")
    assert len(problems.value.problems) == 4


def test_reminder_and_warmup_leads_can_be_set_in_minutes_or_hours() -> None:
    assert parse_setup("remind=2h warmup=15") == ProgramChange(reminder_lead_min=120, warmup_lead_min=15)


@pytest.mark.parametrize("text", ["remind=5", "remind=soon", "warmup=90"])
def test_lead_times_outside_their_range_are_refused(text: str) -> None:
    with pytest.raises(SetupProblems) as problems:
        parse_setup(text)
    assert [p.code for p in problems.value.problems] == ["bad_lead"]
    assert "minutes before the session" in describe(problems.value.problems[0])
