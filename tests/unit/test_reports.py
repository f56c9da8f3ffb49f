from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import Unit
from bot.rules.reports import (
    MAX_SETS,
    LoggedSet,
    NotAReport,
    Report,
    ReportError,
    canonical_text,
    looks_like_report,
    parse_report,
)
from bot.views.problems import describe
from tests.lifts import HIP
from tests.unit.report_cases import CASES, Refused


def test_the_table_has_at_least_sixty_phrases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("text", "unit", "expected"), [c for c in CASES if isinstance(c[2], Report)], ids=lambda v: str(v)[:40]
)
def test_reports_parse_as_the_table_says(text: str, unit: Unit, expected: Report) -> None:
    report = parse_report(text, unit)
    assert [s.reps for s in report.sets] == [s.reps for s in expected.sets]
    assert [s.load_kg for s in report.sets] == pytest.approx([s.load_kg for s in expected.sets])
    assert (report.rpe, report.variation, report.per_side) == (
        expected.rpe,
        expected.variation,
        expected.per_side,
    )


@pytest.mark.parametrize(
    ("text", "unit", "expected"), [c for c in CASES if isinstance(c[2], Refused)], ids=lambda v: str(v)[:40]
)
def test_refusals_give_the_reason(text: str, unit: Unit, expected: Refused) -> None:
    with pytest.raises(ReportError) as error:
        parse_report(text, unit)
    assert describe(error.value).startswith(expected.reason)


def test_text_without_any_sets_is_not_a_report_rather_than_a_mistake() -> None:
    with pytest.raises(NotAReport):
        parse_report("see you all at 6", Unit.KG)


@pytest.mark.parametrize(
    ("text", "expected"), [("3x10 @ 60", True), ("who's in at 6?", False), ("great session!", False)]
)
def test_free_chat_precheck_skips_questions_and_text_without_digits(text: str, expected: bool) -> None:
    assert looks_like_report(text) is expected


@given(st.text(max_size=300), st.sampled_from(list(Unit)))
def test_the_parser_raises_nothing_but_its_own_error(text: str, unit: Unit) -> None:
    try:
        report = parse_report(text, unit)
    except ReportError:
        return
    assert 1 <= len(report.sets) <= MAX_SETS


report_chars = st.sampled_from(list("0123456789 x×@,./-;kglbsetofrpwith"))


@given(st.text(report_chars, max_size=40), st.sampled_from(list(Unit)))
def test_report_like_noise_raises_nothing_but_its_own_error(text: str, unit: Unit) -> None:
    try:
        report = parse_report(text, unit)
    except ReportError:
        return
    assert 1 <= len(report.sets) <= MAX_SETS


loads = st.none() | st.floats(min_value=0.001, max_value=500, allow_nan=False)
sets = st.builds(LoggedSet, reps=st.integers(1, 100), load_kg=loads)
reports = st.builds(
    Report,
    sets=st.lists(sets, min_size=1, max_size=MAX_SETS).map(tuple),
    rpe=st.none() | st.sampled_from([6.0, 7.0, 7.5, 8.0, 9.5, 10.0]),
    variation=st.none() | st.sampled_from([v.id for v in HIP.variations]),
    per_side=st.booleans(),
)


@given(reports, st.sampled_from(list(Unit)))
def test_canonical_text_parses_back_to_the_same_report(report: Report, unit: Unit) -> None:
    assert parse_report(canonical_text(report), unit) == report
