"""Training history as CSV, in the columns Strong and Hevy use, so a member's years of logs can
move in and out of Spotter.

Spotter writes Strong's columns plus a weight unit (Date, Workout Name, Exercise Name, Set
Order, Weight, Weight Unit, Reps, RPE, Notes). It reads those, Strong's own export (comma or
semicolon separated, with or without a unit column) and Hevy's (`start_time`, `exercise_title`,
`weight_kg` or `weight_lbs` …; its warm-up sets are left out). A file is read whole before
anything is stored: the first bad row stops the import and is named by its line.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain import Unit
from bot.rules.loads import MAX_LOAD_KG, to_kg
from bot.rules.problems import RuleError

COLUMNS = (
    "Date",
    "Workout Name",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "RPE",
    "Notes",
)
MEMBER_COLUMN = "Member"
MAX_ROWS = 20_000
MAX_REPS = 100
EACH_SIDE = "each side"
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d %b %Y, %H:%M")
_UNITS = {"kg": Unit.KG, "kgs": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB}


@dataclass(frozen=True, slots=True)
class CsvSet:
    """One set, one row: the weight in `unit` (None: bodyweight)."""

    day: date
    workout: str
    exercise: str
    order: int
    weight: float | None
    unit: Unit
    reps: int
    rpe: float | None = None
    notes: str = ""
    member: str = ""  # the group's export names whose set it is
    line: int = 0  # where it was read, for messages about it


class CsvError(RuleError):
    """A file that is not a training log, or a row in it that cannot be a set."""


@dataclass(frozen=True, slots=True)
class _Format:
    """Where each field is in one kind of file."""

    date: str
    exercise: str
    reps: str
    weight: str | None = None
    unit: str | None = None
    order: str | None = None
    workout: str | None = None
    rpe: str | None = None
    notes: str | None = None
    member: str | None = None
    set_type: str | None = None
    fixed_unit: Unit | None = None


def write_csv(sets: Iterable[CsvSet], *, with_member: bool = False) -> str:
    """The sets as a CSV document (a `Member` column last for a group's export)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*COLUMNS, MEMBER_COLUMN) if with_member else COLUMNS)
    for s in sets:
        row = [
            f"{s.day.isoformat()} 00:00:00",
            s.workout,
            s.exercise,
            s.order,
            "0" if s.weight is None else _number(s.weight),
            s.unit.value,
            s.reps,
            "" if s.rpe is None else _number(s.rpe),
            s.notes,
        ]
        writer.writerow([*row, s.member] if with_member else row)
    return out.getvalue()


def read_csv(text: str, unit: Unit) -> list[CsvSet]:
    """Every set in a Spotter, Strong or Hevy export; weights without a unit are in `unit`."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].strip():
        raise CsvError("csv_empty")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    fmt = _format_of(header)
    where = {name: i for i, name in enumerate(header)}
    found: list[CsvSet] = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(found) >= MAX_ROWS:
            raise CsvError("csv_too_long", most=MAX_ROWS)
        cells = {name: row[i].strip() if i < len(row) else "" for name, i in where.items()}
        parsed = _row(cells, fmt, unit, number)
        if parsed is not None:
            found.append(parsed)
    return found


def _format_of(header: list[str]) -> _Format:
    names = set(header)
    if {"start_time", "exercise_title", "reps"} <= names:  # Hevy
        weight = "weight_kg" if "weight_kg" in names else "weight_lbs" if "weight_lbs" in names else None
        fixed = Unit.KG if weight == "weight_kg" else Unit.LB if weight else None
        return _Format(
            date="start_time",
            exercise="exercise_title",
            reps="reps",
            weight=weight,
            order="set_index" if "set_index" in names else None,
            workout="title" if "title" in names else None,
            rpe="rpe" if "rpe" in names else None,
            notes="exercise_notes" if "exercise_notes" in names else None,
            set_type="set_type" if "set_type" in names else None,
            fixed_unit=fixed,
        )
    if {"Date", "Exercise Name", "Reps"} <= names:  # Strong, and Spotter's own
        optional = {c: c if c in names else None for c in ("Weight", "Weight Unit", "Set Order")}
        return _Format(
            date="Date",
            exercise="Exercise Name",
            reps="Reps",
            weight=optional["Weight"],
            unit=optional["Weight Unit"],
            order=optional["Set Order"],
            workout="Workout Name" if "Workout Name" in names else None,
            rpe="RPE" if "RPE" in names else None,
            notes="Notes" if "Notes" in names else None,
            member=MEMBER_COLUMN if MEMBER_COLUMN in names else None,
        )
    raise CsvError("csv_unknown_columns", columns=", ".join(header[:6]))


def _row(cells: Mapping[str, str], fmt: _Format, unit: Unit, line: int) -> CsvSet | None:
    def cell(name: str | None) -> str:
        return cells.get(name, "") if name else ""

    if fmt.set_type and cell(fmt.set_type).lower() == "warmup":
        return None
    exercise = cell(fmt.exercise)
    if not exercise:
        raise CsvError("csv_bad_cell", line=line, column=fmt.exercise, value="")
    row_unit = fmt.fixed_unit or _unit(cell(fmt.unit), unit, line, fmt.unit)
    reps_text = cell(fmt.reps)
    if not reps_text and fmt.set_type is not None:
        return None  # Hevy writes timed and distance sets with no reps: not a lifting set
    reps = _whole(reps_text, line, fmt.reps, 1, MAX_REPS)
    weight = _weight(cell(fmt.weight), row_unit, line, fmt.weight or "Weight")
    rpe_text = cell(fmt.rpe)
    rpe = _decimal(rpe_text, line, fmt.rpe or "RPE", 1, 10) if rpe_text else None
    order_text = cell(fmt.order)
    order = _whole(order_text, line, fmt.order or "Set Order", 0, 10_000) if order_text else 0
    return CsvSet(
        day=_day(cell(fmt.date), line, fmt.date),
        workout=cell(fmt.workout),
        exercise=exercise,
        order=order,
        weight=weight,
        unit=row_unit,
        reps=reps,
        rpe=rpe,
        notes=cell(fmt.notes),
        member=cell(fmt.member),
        line=line,
    )


def _day(text: str, line: int, column: str) -> date:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CsvError("csv_bad_cell", line=line, column=column, value=text)


def _unit(text: str, default: Unit, line: int, column: str | None) -> Unit:
    if not text:
        return default
    found = _UNITS.get(text.lower())
    if found is None:
        raise CsvError("csv_bad_cell", line=line, column=column or "Weight Unit", value=text)
    return found


def _weight(text: str, unit: Unit, line: int, column: str) -> float | None:
    if not text:
        return None
    value = _decimal(text, line, column, 0, math.inf)
    if to_kg(value, unit) > MAX_LOAD_KG:
        raise CsvError("csv_bad_cell", line=line, column=column, value=text)
    return value or None  # Strong writes 0 for bodyweight sets


def _whole(text: str, line: int, column: str, low: int, high: int) -> int:
    if not re.fullmatch(r"\d{1,6}(\.0+)?", text) or not low <= int(float(text)) <= high:
        raise CsvError("csv_bad_cell", line=line, column=column, value=text)
    return int(float(text))


def _decimal(text: str, line: int, column: str, low: float, high: float) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise CsvError("csv_bad_cell", line=line, column=column, value=text) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise CsvError("csv_bad_cell", line=line, column=column, value=text)
    return value


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
