from __future__ import annotations

from itertools import combinations_with_replacement

import pytest

from bot.domain import Unit
from bot.rules.planning import bar_order
from bot.rules.plates import (
    BAR,
    DEFAULT_PLATES,
    NewPlateSet,
    PlateError,
    PlateQuestion,
    parse_plates,
    parse_plates_request,
    plates_for,
)

KG_STEPS = [20 + 2.5 * i for i in range(1, 113)]  # 22.5 … 300 kg
LB_STEPS = [45 + 5 * i for i in range(1, 124)]  # 50 … 660 lb


def _fewest_by_brute_force(per_side: float, plates: tuple[float, ...], most: int = 8) -> int:
    for count in range(1, most + 1):
        if any(abs(sum(c) - per_side) < 1e-9 for c in combinations_with_replacement(plates, count)):
            return count
    raise AssertionError(f"no {most} plates make {per_side}")


@pytest.mark.parametrize("load", KG_STEPS)
def test_every_kg_load_step_up_to_300_is_made_exactly_with_the_fewest_plates(load: float) -> None:
    found = plates_for(load, Unit.KG)
    assert found is not None
    assert found.exact
    assert 2 * sum(found.per_side) + BAR[Unit.KG] == pytest.approx(load)
    assert list(found.per_side) == sorted(found.per_side, reverse=True)
    assert set(found.per_side) <= set(DEFAULT_PLATES[Unit.KG])
    per_side = (load - BAR[Unit.KG]) / 2
    if per_side <= 60:  # the brute force stays quick up to six plates a side
        assert len(found.per_side) == _fewest_by_brute_force(per_side, DEFAULT_PLATES[Unit.KG])


@pytest.mark.parametrize("load", LB_STEPS)
def test_every_lb_load_step_up_to_660_is_made_exactly_with_the_fewest_plates(load: float) -> None:
    found = plates_for(load, Unit.LB)
    assert found is not None
    assert found.exact
    assert 2 * sum(found.per_side) + BAR[Unit.LB] == pytest.approx(load)
    assert set(found.per_side) <= set(DEFAULT_PLATES[Unit.LB])
    per_side = (load - BAR[Unit.LB]) / 2
    if per_side <= 135:
        assert len(found.per_side) == _fewest_by_brute_force(per_side, DEFAULT_PLATES[Unit.LB])


def test_the_heaviest_plates_go_on_first_when_counts_tie() -> None:
    found = plates_for(80, Unit.KG)  # 30 a side: 25 + 5 or 15 + 15
    assert found is not None
    assert found.per_side == (25, 5)


@pytest.mark.parametrize(("load", "unit"), [(20, Unit.KG), (15, Unit.KG), (45, Unit.LB)])
def test_the_empty_bar_or_lighter_needs_no_plates(load: float, unit: Unit) -> None:
    assert plates_for(load, unit) is None


def test_a_gym_without_small_plates_gets_the_nearest_load_below_and_what_is_missing() -> None:
    found = plates_for(62.5, Unit.KG, (20, 10, 5))
    assert found is not None
    assert found.per_side == (20,)
    assert found.missing == pytest.approx(2.5)
    assert not found.exact


def test_a_gym_with_odd_plates_still_finds_an_exact_load_greedy_would_miss() -> None:
    found = plates_for(80, Unit.KG, (20, 15))  # 30 a side: 20 leaves 10, but 15 + 15 works
    assert found is not None
    assert found.exact
    assert found.per_side == (15, 15)


def test_a_plate_set_is_read_in_the_unit_it_names_heaviest_first() -> None:
    assert parse_plates("2.5, 5, 10, 25, 35, 45 lb", Unit.KG) == (Unit.LB, (45, 35, 25, 10, 5, 2.5))
    assert parse_plates("20 15 10 1,25", Unit.KG) == (Unit.KG, (20, 15, 10, 1.25))
    assert parse_plates("25kg 20kg", Unit.LB) == (Unit.KG, (25, 20))


@pytest.mark.parametrize("text", ["", "heavy", "0 5", "20 -5", "20 0.1", "500", "1 2 3 4 5 6 7 8 9 10 11"])
def test_a_plate_set_no_gym_has_is_refused(text: str) -> None:
    with pytest.raises(PlateError):
        parse_plates(text, Unit.KG)


def test_a_question_takes_the_askers_unit_unless_it_names_one() -> None:
    assert parse_plates_request("102.5", Unit.KG) == PlateQuestion(102.5, Unit.KG)
    assert parse_plates_request("225 lb", Unit.KG) == PlateQuestion(225, Unit.LB)
    assert parse_plates_request("", Unit.KG) is None


def test_setting_plates_and_going_back_to_the_standard_set_are_read() -> None:
    assert parse_plates_request("set 20 10 5 2.5", Unit.KG) == NewPlateSet(Unit.KG, (20, 10, 5, 2.5))
    assert parse_plates_request("set standard lb", Unit.KG) == NewPlateSet(Unit.LB, None)


@pytest.mark.parametrize("text", ["lots", "9000", "-20"])
def test_a_question_that_is_no_load_is_refused(text: str) -> None:
    with pytest.raises(PlateError):
        parse_plates_request(text, Unit.KG)


def test_people_sharing_a_bar_go_lightest_first_after_those_off_the_bar() -> None:
    assert bar_order([100.0, None, 60.0, 80.0, None]) == [1, 4, 2, 3, 0]
