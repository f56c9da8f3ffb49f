from __future__ import annotations

from datetime import date

import pytest

from bot.domain import Unit
from bot.rules.csvlog import CsvError, CsvSet, read_csv, write_csv


def test_what_spotter_writes_it_reads_back_the_same() -> None:
    sets = [
        CsvSet(date(2026, 12, 7), "Gym", "Barbell hip thrust", 1, 61.23, Unit.LB, 10, 8.0, "each side"),
        CsvSet(date(2026, 12, 7), "Gym", "Bodyweight hip thrust", 1, None, Unit.KG, 15),
    ]
    back = read_csv(write_csv(sets), Unit.KG)
    assert [(s.day, s.exercise, s.order, s.weight, s.unit, s.reps, s.rpe, s.notes) for s in back] == [
        (s.day, s.exercise, s.order, s.weight, s.unit, s.reps, s.rpe, s.notes) for s in sets
    ]


def test_a_byte_order_mark_and_blank_lines_are_ignored() -> None:
    text = "\ufeffDate,Exercise Name,Reps\n\n2026-12-07,Squat,5\n\n"
    (row,) = read_csv(text, Unit.KG)
    assert (row.day, row.exercise, row.reps, row.weight, row.line) == (date(2026, 12, 7), "Squat", 5, None, 3)


def test_hevy_pounds_are_read_as_pounds_whatever_the_members_unit() -> None:
    text = (
        "title,start_time,exercise_title,set_index,set_type,weight_lbs,reps\n"
        'A,"3 Nov 2026, 07:30",Squat,0,normal,225,5\n'
    )
    (row,) = read_csv(text, Unit.KG)
    assert (row.weight, row.unit, row.day) == (225, Unit.LB, date(2026, 11, 3))


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("Date,Exercise Name,Reps\n07/12/2026,Squat,5\n", 2, "Date"),
        ("Date,Exercise Name,Reps,Weight\n2026-12-07,Squat,5,lots\n", 2, "Weight"),
        ("Date,Exercise Name,Reps,Weight\n2026-12-07,Squat,5,60\n2026-12-08,Squat,500,60\n", 3, "Reps"),
        ("Date,Exercise Name,Reps,Weight\n2026-12-07,Squat,5,9000\n", 2, "Weight"),
        ("Date,Exercise Name,Reps,RPE\n2026-12-07,Squat,5,11\n", 2, "RPE"),
        ("Date,Exercise Name,Reps\n2026-12-07,,5\n", 2, "Exercise Name"),
    ],
)
def test_a_bad_row_is_named_by_its_line_and_column(text: str, line: int, column: str) -> None:
    with pytest.raises(CsvError) as raised:
        read_csv(text, Unit.KG)
    assert (raised.value.params["line"], raised.value.params["column"]) == (line, column)


@pytest.mark.parametrize("text", ["", "name,email\nana,a@b.c\n"])
def test_a_file_that_is_no_training_log_is_refused(text: str) -> None:
    with pytest.raises(CsvError):
        read_csv(text, Unit.KG)
