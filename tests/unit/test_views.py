"""The views on hand-made data: the sentences themselves, each checked once here."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import errors
from bot.buttons import DonePayload, UndoPayload
from bot.content.model import hip_thrust
from bot.domain import Goal, Level, RepRange, Unit
from bot.markup import plain_text
from bot.rules.membership import Prescription
from bot.rules.pain import PainMention
from bot.rules.planning import plan_session
from bot.rules.problems import RuleError
from bot.rules.progression import Change, Reason, Why
from bot.rules.records import NewRecord
from bot.rules.reports import LoggedSet
from bot.rules.schedule import Schedule
from bot.services.logbook import Logged
from bot.services.program import ProgramStatus
from bot.services.sessions import NudgeList, PlannedMember, SessionDay
from bot.services.values import ChangeEntry, LogEntry, Member, Program
from bot.services.weekly import BumpResult, MemberBump, WeekRecord
from bot.views import format as fmt
from bot.views import logbook, problems, pushes, reasons, refusals, weekly
from bot.views import program as program_view
from tests.lifts import HT

ROOT = Path(__file__).parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
EX = hip_thrust()
BEN = Member("ben", Level.INTERMEDIATE, Unit.KG, Prescription(HT.BARBELL, 60.0, 3, 8), EX)
CARA = Member("cara", Level.ADVANCED, Unit.LB, Prescription(HT.BARBELL, 61.23496995, 3, 8), EX)
SESSION = datetime(2026, 12, 7, 18, 30, tzinfo=BERLIN)
PROGRAM = Program(
    Goal.HYPERTROPHY, RepRange(8, 15), Schedule((0, 3), time(18, 30), "Europe/Berlin"), 3, 3, 60, 10, False
)


def text(reply: object) -> str:
    return plain_text(reply.text)  # type: ignore[attr-defined]


def test_weights_and_dates_are_written_one_way() -> None:
    assert fmt.weight(47.5, Unit.KG) == "47.5 kg"
    assert fmt.lifted(61.23496995, Unit.LB) == "135 lb"
    assert fmt.day_label(date(2026, 12, 7)) == "Monday 7 Dec"
    assert fmt.week_label("2026-W50") == "week of 7 Dec"
    assert fmt.schedule(PROGRAM.schedule) == "Mon & Thu at 18:30 (Europe/Berlin)"
    assert fmt.plural(1, "member") == "1 member"
    assert fmt.plural(3, "member") == "3 members"


def test_a_prescription_shows_in_the_members_unit_at_a_loadable_weight() -> None:
    assert plain_text(fmt.prescription(EX, CARA.prescription, Unit.LB)) == "Barbell hip thrust 3 × 8 @ 135 lb"
    single_leg = Prescription(HT.SINGLE_LEG, None, 3, 10)
    assert fmt.work(single_leg, Unit.KG) == "3 × 10 each side"


def test_logged_sets_read_as_they_were_lifted() -> None:
    sets = (LoggedSet(10, 60.0), LoggedSet(10, 60.0), LoggedSet(8, 60.0))
    assert fmt.logged_sets(sets, HT.BARBELL, Unit.KG, per_side=False, rpe=8) == "10, 10, 8 @ 60 kg, RPE 8"
    bodyweight = (LoggedSet(15),) * 3
    assert fmt.logged_sets(bodyweight, HT.BODYWEIGHT, Unit.KG, per_side=False, rpe=None) == (
        "3 × 15 (bodyweight)"
    )


def test_a_confirmation_lists_the_log_its_records_and_pain_with_an_undo_button() -> None:
    entry = LogEntry(7, date(2026, 12, 7), HT.BARBELL, (LoggedSet(10, 70.0),), None, False, EX)
    reply = logbook.logged(Logged(BEN, entry, (NewRecord("e1rm", 93.33, 1),), PainMention("knee")))
    lines = text(reply).splitlines()
    assert lines[0] == "✅ Logged for ben, Monday 7 Dec: 1 × 10 @ 70 kg."
    assert lines[1] == "🏆 New best estimated 1RM: 93.3 kg (Epley: load × (1 + reps/30))."
    assert lines[2].startswith("🩹 Sorry your knee hurts, ben.")
    assert [b.action for b in reply.buttons] == [UndoPayload(7).pack()]


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (Reason(Why.PAIN), "pain reported: holding this week, safety first"),
        (
            Reason(Why.TARGET_UP, {"reps": 8, "best": 9, "target": 9}),
            "every set reached 8+ reps (best 9): target 9 reps next",
        ),
        (
            Reason(Why.ADD_LOAD, {"sets": 3, "top": 15, "step": 5.0, "unit": "lb", "low": 8}),
            "all 3 sets at 15 reps: +5 lb, back to 8 reps",
        ),
        (
            Reason(Why.MISSED_TWICE, {"reps": 10}, deload={"weight": 52.5, "unit": "kg", "low": 8}),
            "below 10 reps two weeks running: deload to 52.5 kg, back to 8 reps",
        ),
        (
            Reason(Why.CLIMB, {"sets": 3, "top": 15, "variation": "banded", "low": 8}),
            "all 3 sets at 15 reps: moving up to banded, 8 reps",
        ),
    ],
)
def test_each_reason_says_why_with_its_numbers(reason: Reason, words: str) -> None:
    assert reasons.reason(reason) == words


def test_every_reason_has_words() -> None:
    for why in Why:
        assert reasons.coach_reason(Reason(why, _sample_values()))


def test_a_coach_change_shows_before_and_after_then_the_cause() -> None:
    change = ChangeEntry(
        "ben",
        Unit.KG,
        "2026-W50",
        True,
        BEN.prescription,
        Prescription(HT.BARBELL, 70.0, 3, 8),
        Reason(Why.COACH_SET),
    )
    assert reasons.change(change) == "barbell 3 × 8 @ 60 kg → barbell 3 × 8 @ 70 kg, set by the coach"


def test_the_weekly_summary_lists_moves_holds_coach_changes_and_prs() -> None:
    moved = MemberBump(
        "ben",
        Unit.KG,
        BEN.prescription,
        Prescription(HT.BARBELL, 62.5, 3, 8),
        Change.LOAD,
        Reason(Why.ADD_LOAD, {"sets": 3, "top": 15, "step": 2.5, "unit": "kg", "low": 8}),
        True,
    )
    silent = MemberBump(
        "dan",
        Unit.KG,
        BEN.prescription,
        BEN.prescription,
        Change.HOLD,
        Reason(Why.NOT_LOGGED, {"variation": "barbell"}),
        False,
    )
    bump = BumpResult("2026-W50", (moved, silent), (), (WeekRecord("ben", Unit.KG, 93.33, "barbell"),))
    lines = text(weekly.summary(bump)).splitlines()
    assert lines[0] == "📈 Weekly progress, week of Mon 7 Dec"
    assert lines[1] == (
        "• ben: barbell 3 × 8 @ 60 kg → barbell 3 × 8 @ 62.5 kg "
        "(all 3 sets at 15 reps: +2.5 kg, back to 8 reps)"
    )
    assert lines[2] == (
        "• dan: holds barbell 3 × 8 @ 60 kg (no barbell logs this week: holding). "
        "We missed you, dan: see you at the next session 💪"
    )
    assert lines[-1] == "🏆 PRs this week: ben (est. 1RM 93.3 kg, barbell)"


def test_a_summary_stored_before_results_were_data_is_posted_as_it_was() -> None:
    assert weekly.summary(BumpResult("2026-W50", legacy_text="📈 old words")).text == "📈 old words"


def test_the_reminder_names_each_members_work_and_the_warmup_their_ramp_and_plates() -> None:
    planned = PlannedMember(BEN, plan_session(BEN.prescription, Unit.KG, "cue"))
    session = SessionDay(PROGRAM, SESSION.date(), SESSION, (planned,), (EX,))
    assert text(pushes.reminder(session)).splitlines()[:2] == [
        "⏰ Hip thrust session today at 18:30.",
        "• ben: Barbell hip thrust 3 × 8 @ 60 kg",
    ]
    assert text(pushes.warmup(session)).splitlines()[-1] == (
        "• ben: 20 kg × 10, 35 kg × 6, 47.5 kg × 3; work 60 kg: 20 a side"
    )


def test_the_nudge_names_who_has_not_logged_and_carries_the_done_button() -> None:
    reply = pushes.nudge(NudgeList(SESSION.date(), ("ana",), 2))
    assert "Not logged yet: ana." in text(reply)
    assert [b.action for b in reply.buttons] == [DonePayload(SESSION.date()).pack()]
    assert "Everyone logged today's session (2/2)" in text(pushes.nudge(NudgeList(SESSION.date(), (), 2)))


def test_the_schedule_summary_names_goal_sets_days_and_next_session() -> None:
    status = ProgramStatus(PROGRAM, SESSION)
    assert text(program_view.schedule(status)) == (
        "Goal hypertrophy (8–15 reps), 3 sets, Mon & Thu at 18:30 (Europe/Berlin).\n"
        "Next session: Monday 7 Dec at 18:30.\nReminder 60 min before, warm-up prompt 10 min before."
    )


def test_every_domain_error_has_words() -> None:
    kinds = {
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DomainError) and cls is not errors.DomainError
    }
    assert kinds <= refusals.covered()


def test_a_refusal_escapes_what_the_user_typed() -> None:
    reply = refusals.refusal(errors.AdminOnly("setup", "*ana*"))
    assert plain_text(reply.text).startswith("Sorry *ana*, only a chat admin can use /setup.")


def test_examples_in_a_refusal_are_code_and_what_the_user_typed_stays_literal() -> None:
    from bot.markup import spans
    from bot.rules.reports import NotAReport

    reply = refusals.refusal(errors.Unreadable(NotAReport("no_sets")))
    assert [s.text for s in spans(reply.text) if s.style == "code"] == [
        "3x10 @ 60kg",
        "10,10,8 @ 135lb",
        "bw 3x15",
    ]
    typed = refusals.refusal(errors.Rejected(RuleError("unknown_variation", word="`x`*y*")))
    assert plain_text(typed.text) == "Unknown variation `x`*y*; see /variations."


def test_a_question_in_a_refusal_is_not_followed_by_a_full_stop() -> None:
    reply = refusals.refusal(errors.Unreadable(RuleError("far_too_many", value=900, what="sets")))
    assert plain_text(reply.text) == "Didn't understand that: 900 sets is far too many; typo?"


def test_every_problem_a_rule_raises_has_words() -> None:
    raised = set()
    for path in (ROOT / "bot" / "rules").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.endswith("Error")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and re.fullmatch(r"[a-z_]+", node.args[0].value)
            ):
                raised.add(node.args[0].value)
    raised |= {f"start_{code}" for code in ("load_not_positive", "load_too_heavy")}
    assert raised, "the scan found no rule problems: has the raising style changed?"
    assert raised <= problems.codes()


def test_no_sentence_is_assembled_outside_the_views() -> None:
    """String literals of three or more words live in views.

    Exempt: docstrings (a handler's is its /help line), log lines, programming-error messages
    in `raise` (domain errors carry data, not text), a command's declared `usage=`, and word
    lists that are split into data.
    """
    sentence = re.compile(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+")
    found = []
    for folder in ("bot/rules", "bot/services", "bot/commands"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text())
            exempt = {id(inner) for node in ast.walk(tree) if _exempt(node) for inner in ast.walk(node)}
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in exempt
                and sentence.search(node.value)
            ]
    assert found == []


def _exempt(node: ast.AST) -> bool:
    if isinstance(node, ast.Expr | ast.Raise):
        return True
    if isinstance(node, ast.keyword) and node.arg == "usage":
        return True
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    is_log = isinstance(node.func.value, ast.Name) and node.func.value.id == "log"
    return is_log or node.func.attr == "split"


def _sample_values() -> dict[str, object]:
    return {
        "variation": "barbell",
        "reps": 8,
        "best": 9,
        "target": 9,
        "sets": 3,
        "top": 15,
        "new_sets": 4,
        "step": 2.5,
        "unit": "kg",
        "low": 8,
        "weight": 40.0,
    }
