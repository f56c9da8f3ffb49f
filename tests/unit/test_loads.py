from __future__ import annotations

import pytest

from bot.domain import Unit
from bot.rules.loads import display_load, from_kg, load_spec, round_to_step, to_kg
from bot.views.format import weight
from tests.lifts import HIP, HT


def test_pounds_convert_to_kilograms_exactly() -> None:
    assert to_kg(135, Unit.LB) == pytest.approx(61.23497, abs=1e-5)
    assert from_kg(to_kg(135, Unit.LB), Unit.LB) == pytest.approx(135)


@pytest.mark.parametrize(
    ("kg", "unit", "shown"),
    [
        (60, Unit.KG, 60),
        (61.2, Unit.KG, 60),
        (61.3, Unit.KG, 62.5),
        (61.2349, Unit.LB, 135),
        (60, Unit.LB, 130),
    ],
)
def test_barbell_loads_show_as_the_nearest_plate_step(kg: float, unit: Unit, shown: float) -> None:
    assert display_load(kg, HT.BARBELL, unit) == shown


def test_a_barbell_load_is_never_lighter_than_the_empty_bar() -> None:
    assert display_load(5, HT.BARBELL, Unit.KG) == 20
    assert display_load(5, HT.BARBELL, Unit.LB) == 45


def test_rounding_down_stays_on_the_step_after_a_unit_round_trip() -> None:
    spec = load_spec(HT.BARBELL, Unit.KG)
    assert round_to_step(from_kg(to_kg(47.5, Unit.KG), Unit.KG), spec, down=True) == 47.5


@pytest.mark.parametrize(("value", "text"), [(60.0, "60 kg"), (47.5, "47.5 kg"), (135.0, "135 lb")])
def test_weights_print_without_trailing_zeros(value: float, text: str) -> None:
    unit = Unit(text.split()[1])
    assert weight(value, unit) == text


def test_a_load_on_an_unloaded_prescription_implies_a_barbell_from_the_empty_bar_up() -> None:
    from bot.rules.loads import implied_variation

    assert implied_variation(HIP, HT.BODYWEIGHT, [40.0], Unit.KG) is HT.BARBELL
    assert implied_variation(HIP, HT.BODYWEIGHT, [20.0], Unit.KG) is HT.BARBELL
    assert implied_variation(HIP, HT.BANDED, [12.0], Unit.KG) is HT.DUMBBELL
    assert implied_variation(HIP, HT.BODYWEIGHT, [to_kg(40, Unit.LB)], Unit.LB) is HT.DUMBBELL
    assert implied_variation(HIP, HT.BODYWEIGHT, [], Unit.KG) is HT.BODYWEIGHT
    assert implied_variation(HIP, HT.MACHINE, [10.0], Unit.KG) is HT.MACHINE
