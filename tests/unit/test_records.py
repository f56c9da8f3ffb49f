from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.records import Bests, bests, estimated_1rm, new_records
from bot.rules.reports import LoggedSet


def test_epley_estimates_a_one_rep_max() -> None:
    assert estimated_1rm(60, 10) == pytest.approx(80)
    assert estimated_1rm(100, 1) == 100


def test_a_first_log_sets_no_record() -> None:
    assert new_records(Bests(None, {}), [LoggedSet(10, 60)]) == []


def test_heavier_sets_break_e1rm_and_rep_records() -> None:
    before = bests([LoggedSet(10, 60), LoggedSet(5, 65)])
    kinds = {(r.kind, r.reps) for r in new_records(before, [LoggedSet(10, 62.5)])}
    assert kinds == {("e1rm", 1), ("reps", 10)}


def test_bodyweight_sets_never_count_as_records() -> None:
    assert bests([LoggedSet(20)]) == Bests(None, {})


sets = st.lists(st.builds(LoggedSet, st.integers(1, 30), st.none() | st.floats(1, 300)), max_size=12)


@given(sets, sets)
def test_adding_sets_to_bests_equals_computing_them_all_at_once(
    first: list[LoggedSet], second: list[LoggedSet]
) -> None:
    assert bests(first).with_sets(second) == bests(first + second)


@given(sets)
def test_bests_survive_a_json_round_trip(logged: list[LoggedSet]) -> None:
    computed = bests(logged)
    assert Bests.from_json(computed.to_json()) == computed
