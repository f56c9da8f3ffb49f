"""The words for what a rule found wrong with someone's input (`bot.rules.problems`).

Each code has one template; values are formatted here, so the rules stay language-free.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain import Goal, Level, Unit, choices
from bot.markup import escape
from bot.rules.problems import RuleError
from bot.views import format as fmt

REPORT_HINT = "try `3x10 @ 60kg`, `10,10,8 @ 135lb` or `bw 3x15`"
SET_USAGE = "/set @name load 70kg | reps 10 | sets 4 | variation barbell"
PROGRAM_EXAMPLE = "/program mon: hip thrust, rdl, split squat; thu: squat, bench press"
JOIN_USAGE = "/join beginner · /join intermediate 60kg · /join advanced 135 lb"

FIELD_HELP = {
    "goal": f"goal: {choices(Goal)}",
    "days": "days: 1–3 weekdays, e.g. mon,thu",
    "time": "time: local start, HH:MM such as 18:30 or 6:30pm",
    "tz": "tz: an IANA time zone such as Europe/Berlin or America/New_York",
    "sets": "sets: 3–5 (default 3), or a range such as 3-5 to add sets as you progress",
    "remind": "remind=60: minutes before the session for the reminder (15–240, default 60)",
    "warmup": "warmup=10: minutes before the session for the warm-up prompt (5–60, default 10)",
}

Template = Callable[[Mapping[str, object]], str]


def _lit(value: object) -> str:
    """A value the user wrote, made literal inside markup."""
    return escape(str(value))


def _quoted(value: object) -> str:
    return escape(repr(str(value)))


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _zone_hint(p: Mapping[str, object]) -> str:
    close = p.get("close") or ()
    return f" Did you mean {escape(', '.join(map(str, close)))}?" if close else ""  # type: ignore[call-overload]


_TEMPLATES: dict[str, Template] = {
    # /program
    "no_exercises": lambda p: f"name the exercises, e.g. {PROGRAM_EXAMPLE}",
    "day_missing": lambda p: (
        f"{_quoted(p['segment'])} names no day; with several days, start each with one: {PROGRAM_EXAMPLE}"
    ),
    "unknown_exercises": lambda p: (
        f"I don't know {escape(', '.join(map(str, p['names'])))}"  # type: ignore[call-overload]
        f". Exercises: {escape(', '.join(map(str, p['known'])))}"  # type: ignore[call-overload]
    ),
    "too_many_exercises": lambda p: f"at most {p['most']} exercises a day",
    # set reports
    "text_too_long": lambda p: f"that message is over {p['limit']} characters; send just the sets",
    "no_sets": lambda p: f"I didn't find any sets there; {REPORT_HINT}",
    "load_without_sets": lambda p: f"I found a load without sets to go with it; {REPORT_HINT}",
    "negative_number": lambda p: "numbers in a report can't be negative",
    "load_not_positive": lambda p: "a load must be more than zero (use `bw` for bodyweight)",
    "load_too_heavy": lambda p: (
        f"{_num(p['value'])} {Unit(str(p['unit'])).value} is more than {_num(p['max_kg'])} kg; typo?"
    ),
    "too_many_sets": lambda p: f"{p['sets']} sets is more than {p['most']} in one report; typo?",
    "reps_out_of_range": lambda p: f"{p['reps']} reps is outside {p['low']}–{p['high']}; typo?",
    "rpe_out_of_range": lambda p: f"RPE {_num(p['rpe'])} is outside {_num(p['low'])}–{_num(p['high'])}",
    "zero_sets": lambda p: "a report needs at least one set",
    "exponent": lambda p: "write numbers out in full (no 1e3 notation)",
    "number_too_long": lambda p: f"a number with more than {p['digits']} digits is surely a typo",
    "not_finite": lambda p: "a report needs real numbers (nan or inf is no count or load)",
    "loads_do_not_match": lambda p: (
        f"{p['loads']} loads for {p['sets']} sets: give one load, or one per set (8/6/4 @ 70/80/90)"
    ),
    "rir_out_of_range": lambda p: f"{_num(p['rir'])} reps in reserve is outside 0–9",
    "not_whole": lambda p: f"{_num(p['value'])} {_lit(p['what'])} is not a whole number",
    "far_too_many": lambda p: f"{_num(p['value'])} {_lit(p['what'])} is far too many; typo?",
    # joining and units
    "not_a_unit": lambda p: f"{_quoted(p['word'])} is not a unit; use {choices(Unit)}",
    "unknown_join_word": lambda p: (
        f"I don't know {_quoted(p['word'])}. Levels are {choices(Level)}; "
        f"a load looks like 60kg or 135 lb. Try {JOIN_USAGE}"
    ),
    "start_load_not_positive": lambda p: "A starting load must be more than zero.",
    "start_load_too_heavy": lambda p: (
        f"{_num(p['value'])} {Unit(str(p['unit'])).value} is beyond {_num(p['max_kg'])} kg; check the number."
    ),
    # schedules and /setup
    "no_training_day": lambda p: "name at least one training day, e.g. mon,thu",
    "day_still_to_come": lambda p: f"{fmt.weekday(int(str(p['weekday'])))} hasn't happened yet this week",
    "not_a_time": lambda p: f"{_quoted(p['text'])} is not a time; use HH:MM such as 18:30 or 6:30pm",
    "ampm_hour": lambda p: f"{_quoted(p['text'])}: with am/pm the hour is 1–12",
    "not_a_time_of_day": lambda p: f"{_quoted(p['text'])} is not a time of day; use 00:00–23:59",
    "not_a_zone": lambda p: (
        f"{_quoted(p['text'])} is not a time zone. Use an IANA name such as Europe/Berlin, "
        f"America/New_York or UTC.{_zone_hint(p)}"
    ),
    "zone_not_installed": lambda p: f"time zone {_lit(p['zone'])} is not installed here",
    "not_a_weekday": lambda p: (
        f"{_quoted(p['text'])} is not a weekday; use mon, tue, wed, thu, fri, sat or sun"
    ),
    "unknown_field": lambda p: f"I can't tell which field {_quoted(p['text'])} is",
    "not_a_goal": lambda p: f"{_quoted(p['text'])} is not a goal; {escape(FIELD_HELP['goal'])}",
    "days_out_of_range": lambda p: (
        f"{p['days']} days a week is outside the {p['low']}–{p['high']} sessions a program holds; "
        f"{escape(FIELD_HELP['days'])}"
    ),
    "sets_out_of_range": lambda p: f"{_quoted(p['text'])} sets is out of range; {escape(FIELD_HELP['sets'])}",
    "bad_lead": lambda p: f"{_quoted(p['text'])} is not a lead time; {FIELD_HELP[str(p['field'])]}",
    # plates
    "bad_plates": lambda p: (
        f"{_quoted(p['text'])} is not a plate set: up to 10 plate weights, e.g. "
        "`/plates set 25 20 15 10 5 2.5 1.25 kg` or `/plates set 45 35 25 10 5 2.5 lb`"
    ),
    "bad_plate_request": lambda p: (
        f"{_quoted(p['text'])} is not a load: ask `/plates 102.5` or `/plates 225 lb`"
    ),
    # CSV import
    "csv_empty": lambda p: "that file is empty; send a CSV export from Strong, Hevy or Spotter",
    "csv_unknown_columns": lambda p: (
        f"I can't read a file with the columns {_quoted(p['columns'])}; send a CSV export from "
        "Strong (Date, Exercise Name, Reps …), Hevy (start_time, exercise_title, reps …) or Spotter"
    ),
    "csv_bad_cell": lambda p: (
        f"line {p['line']}: {_quoted(p['value'])} is not a valid {_lit(p['column'])}; "
        "nothing was imported, fix that line and send the file again"
    ),
    "csv_too_long": lambda p: f"that file has more than {p['most']} sets; split it and send each part",
    "csv_too_big": lambda p: f"that file is over {p['most_mb']} MB; a training log is far smaller",
    # leaderboard and privacy
    "bad_period": lambda p: f"{_quoted(p['text'])} is no period: /leaderboard week, month or all",
    "bad_switch": lambda p: f"{_quoted(p['text'])}: say /private on or /private off",
    # coach settings
    "bad_setting": lambda p: f"Say what to set: {SET_USAGE}",
    "unknown_setting": lambda p: f"I can set load, reps, sets or variation: {SET_USAGE}",
    "unknown_variation": lambda p: f"Unknown variation {_lit(p['word'])}; see /variations.",
    "not_a_load": lambda p: "A load looks like 70kg or 155lb.",
    "load_out_of_range": lambda p: (
        f"A load must be more than 0 and at most {fmt.weight(float(str(p['max_kg'])), Unit.KG)}."
    ),
    "count_out_of_range": lambda p: f"{_lit(p['what'])} must be a whole number, 1–{p['most']}.",
    "variation_needs_load": lambda p: (
        f"The {_lit(p['variation'])} variation needs a load too, "
        f"e.g. variation {_lit(p['variation'])} load 40kg."
    ),
}


def describe(problem: RuleError) -> str:
    """The problem in words, as markup (what the user wrote is escaped, examples are `code`)."""
    template = _TEMPLATES.get(problem.code)
    if template is None:
        raise KeyError(f"no words for rule problem {problem.code!r}")
    return template(problem.params)


def codes() -> frozenset[str]:
    """Every code that has words, for the test that each rule problem is covered."""
    return frozenset(_TEMPLATES)
